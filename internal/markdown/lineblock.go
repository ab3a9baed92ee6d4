package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// Line blocks follow pandoc's syntax, for verse, songs and addresses,
// whose line breaks are meaning:
//
//	| The limerick packs laughs anatomical
//	|    Into space that is quite economical.
//	| A line too long for one source line goes on
//	  on the next, which starts with a space.
//
// Each line starting with "| " (or a bare "|", an empty line) is a line of
// the block; the spaces after "| " indent it; a line starting with a space
// continues the line before. A blank line, or any other line, ends the
// block. Each line's content is Markdown of its own. A line block cannot
// interrupt a paragraph, and a "|" line followed by a table's delimiter row
// starts a table, as in pandoc.

var (
	kindLineBlock = ast.NewNodeKind("LineBlock")
	kindVerseLine = ast.NewNodeKind("VerseLine")
)

// lineBlock is a line block; its children are its verseLines.
type lineBlock struct{ ast.BaseBlock }

func (n *lineBlock) Kind() ast.NodeKind            { return kindLineBlock }
func (n *lineBlock) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// verseLine is one line of a line block: its source lines (the first and
// its continuations) are parsed as inline Markdown.
type verseLine struct {
	ast.BaseBlock
	indent int // spaces after "| ", a tab counting as four
}

func (n *verseLine) Kind() ast.NodeKind            { return kindVerseLine }
func (n *verseLine) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

type lineBlockParser struct{}

func (lineBlockParser) Trigger() []byte { return []byte{'|'} }

func (lineBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) || !isVerseStart(line[pos:]) {
		return nil, parser.NoChildren
	}
	if startsTable(reader.Source(), seg.Stop) {
		return nil, parser.NoChildren
	}
	block := &lineBlock{}
	block.SetPos(sourceAt(seg, pos))
	block.AppendChild(block, newVerseLine(line, seg, pos))
	reader.AdvanceToEOL()
	return block, parser.NoChildren
}

func (lineBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Close
	}
	if w, pos := util.IndentWidth(line, reader.LineOffset()); w <= 3 && isVerseStart(line[pos:]) {
		node.AppendChild(node, newVerseLine(line, seg, pos))
		reader.AdvanceToEOL()
		return parser.Continue | parser.NoChildren
	}
	if line[0] != ' ' && line[0] != '\t' {
		return parser.Close
	}
	// a continuation of the line before, joined to it by a space
	last := node.LastChild()
	lead := len(line) - len(skipSpace(line))
	last.Lines().Append(text.NewSegment(sourceAt(seg, lead), seg.Stop))
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

// Close trims the end of each line's last source line, whose line break
// and trailing spaces are not the verse's.
func (lineBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	for vl := node.FirstChild(); vl != nil; vl = vl.NextSibling() {
		lines := vl.Lines()
		if n := lines.Len(); n > 0 {
			last := lines.At(n - 1)
			lines.Set(n-1, last.TrimRightSpace(src))
		}
	}
}

func (lineBlockParser) CanInterruptParagraph() bool { return false }

func (lineBlockParser) CanAcceptIndentedLine() bool { return false }

// isVerseStart reports whether s, a line from its first non-space byte,
// starts a line of a line block: a bar followed by white space or nothing.
func isVerseStart(s []byte) bool {
	return len(s) > 0 && s[0] == '|' && (len(s) == 1 || s[1] == ' ' || s[1] == '\t' || s[1] == '\n' || s[1] == '\r')
}

// newVerseLine makes the line of a line block whose bar is at pos of line
// (the reader's current line, seg).
func newVerseLine(line []byte, seg text.Segment, pos int) *verseLine {
	vl := &verseLine{}
	start := pos + 1
	if start < len(line) && (line[start] == ' ' || line[start] == '\t') {
		start++
	}
	for ; start < len(line); start++ {
		switch line[start] {
		case ' ':
			vl.indent++
			continue
		case '\t':
			vl.indent += 4
			continue
		}
		break
	}
	vl.SetPos(sourceAt(seg, pos))
	if !util.IsBlank(line[start:]) {
		vl.Lines().Append(text.NewSegment(sourceAt(seg, start), seg.Stop))
	} else {
		vl.indent = 0
	}
	return vl
}

// startsTable reports whether the source line after the one ending at
// stop is a table's delimiter row, which makes a "|" line a table's header
// row rather than verse. The line is read with the quote markers and
// indentation of its containers stripped.
func startsTable(src []byte, stop int) bool {
	if stop >= len(src) {
		return false
	}
	next := src[stop:]
	if i := bytes.IndexByte(next, '\n'); i >= 0 {
		next = next[:i]
	}
	for len(next) > 0 && (next[0] == ' ' || next[0] == '\t' || next[0] == '>') {
		next = next[1:]
	}
	return isDelimiterRow(next)
}

// isDelimiterRow reports whether s is a GFM table's delimiter row: cells of
// dashes, each with an optional colon at either end, between bars.
func isDelimiterRow(s []byte) bool {
	row := strings.TrimSpace(string(s))
	hasBar := strings.Contains(row, "|")
	row = strings.TrimPrefix(row, "|")
	row = strings.TrimSuffix(row, "|")
	cells := strings.Split(row, "|")
	if len(cells) == 1 && !hasBar {
		return false
	}
	for _, cell := range cells {
		cell = strings.TrimSpace(cell)
		cell = strings.TrimPrefix(cell, ":")
		cell = strings.TrimSuffix(cell, ":")
		if cell == "" || strings.Trim(cell, "-") != "" {
			return false
		}
	}
	return true
}

// lineBlock converts a line block to a paragraph of lines. Empty lines at
// its start and end are dropped; a block with nothing to show gives none.
func (c *converter) lineBlock(n *lineBlock, base doc.BlockBase) []doc.Block {
	var lines [][]doc.Inline
	for vl := n.FirstChild(); vl != nil; vl = vl.NextSibling() {
		v, ok := vl.(*verseLine)
		if !ok {
			continue
		}
		content := flattenItems(c.inlineItems(v, c.nodeLine(v)))
		if len(content) > 0 && v.indent > 0 {
			content = append([]doc.Inline{&doc.Text{Text: strings.Repeat("\u00a0", v.indent)}}, content...)
		}
		lines = append(lines, content)
	}
	for len(lines) > 0 && len(lines[0]) == 0 {
		lines = lines[1:]
	}
	for len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 0 {
		return nil
	}
	p := &doc.Paragraph{BlockBase: base, Lines: true}
	for i, l := range lines {
		if i > 0 {
			p.Content = append(p.Content, &doc.Break{})
		}
		p.Content = append(p.Content, l...)
	}
	return []doc.Block{p}
}

// sourceAt is the source offset of byte i of a line the reader gave with
// seg: the line starts with seg.Padding spaces that stand for part of a
// tab and are not in the source (a tab-indented line in a list item).
func sourceAt(seg text.Segment, i int) int {
	if i < seg.Padding {
		return seg.Start
	}
	return min(seg.Start+i-seg.Padding, seg.Stop)
}
