package markdown

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// pendingWarning is a problem found while goldmark parses, before lines are
// known: offset is a byte offset into the prepared source.
type pendingWarning struct {
	offset    int
	code, msg string
}

var warningsKey = parser.NewContextKey()

func addPendingWarning(pc parser.Context, offset int, code, msg string) {
	list, _ := pc.Get(warningsKey).([]pendingWarning)
	pc.Set(warningsKey, append(list, pendingWarning{offset, code, msg}))
}

func pendingWarnings(pc parser.Context) []pendingWarning {
	list, _ := pc.Get(warningsKey).([]pendingWarning)
	return list
}

// footnotesKey holds the footnote definitions by label, the first of each.
var footnotesKey = parser.NewContextKey()

// footnoteDefParser is goldmark's footnote definition parser, which also
// files each definition by its label, so that references find theirs in
// constant time: goldmark's own reference parser walks the whole list for
// every reference, which makes a chapter of many notes quadratic.
type footnoteDefParser struct {
	parser.BlockParser
}

func (p footnoteDefParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	fn, ok := node.(*east.Footnote)
	if _, inCell := pc.(cellContext); !ok || inCell {
		return // a grid table cell's definition is not the file's
	}
	defs, _ := pc.Get(footnotesKey).(map[string]*east.Footnote)
	if defs == nil {
		defs = map[string]*east.Footnote{}
		pc.Set(footnotesKey, defs)
	}
	if _, dup := defs[string(fn.Ref)]; !dup {
		defs[string(fn.Ref)] = fn // goldmark, too, links to the first
	}
}

// footnoteRefParser reads a footnote reference, "[^label]" (or
// "![^label]", whose "!" stays text), as goldmark's does, numbering the
// notes in the order they are first referenced. A reference to a note that
// is never defined is reported; it stays the text "[^label]".
type footnoteRefParser struct{}

func (footnoteRefParser) Trigger() []byte { return []byte{'!', '['} }

func (footnoteRefParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	label, end, ok := footnoteRef(line)
	var def *east.Footnote
	if ok {
		defs, _ := pc.Get(footnotesKey).(map[string]*east.Footnote)
		def = defs[string(block.Value(text.NewSegment(seg.Start+label, seg.Start+end)))]
	}
	if def == nil {
		if label, ok := footnoteRefLabel(line); ok {
			addPendingWarning(pc, seg.Start, "footnote.undefined", fmt.Sprintf("footnote reference [^%s] has no definition", label))
		}
		return nil
	}
	if def.Index < 0 {
		if list, ok := def.Parent().(*east.FootnoteList); ok {
			list.Count++
			def.Index = list.Count
		}
	}
	block.Advance(end + 1)
	if line[0] == '!' {
		parent.AppendChild(parent, ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+1)))
	}
	return east.NewFootnoteLink(def.Index)
}

// footnoteRef finds a reference's label in line, which starts with "[^"
// or "![^", as goldmark does: the label runs from byte label to the "]" at
// byte end, within the length of a link label, holding no "[" and no
// escaped "]".
func footnoteRef(line []byte) (label, end int, ok bool) {
	i := 1
	if len(line) > 0 && line[0] == '!' {
		i++
	}
	if i >= len(line) || line[i] != '^' {
		return 0, 0, false
	}
	label = i + 1
	limit := min(len(line), label+footnoteLabelLimit)
	for j := label; j < limit; j++ {
		switch c := line[j]; {
		case c == '\\' && j+1 < limit && util.IsPunct(line[j+1]):
			j++
		case c == ']':
			return label, j, true
		case c == '[':
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// footnoteLabelLimit is the longest label, as for a link label.
const footnoteLabelLimit = 999

// footnoteRefLabel recognises "[^label]" (or "![^label]") at the start of
// line when it is not the start of a link, a link reference or a definition.
func footnoteRefLabel(line []byte) (string, bool) {
	i := 0
	if i < len(line) && line[i] == '!' {
		i++
	}
	if i+2 >= len(line) || line[i] != '[' || line[i+1] != '^' {
		return "", false
	}
	start := i + 2
	end := start
	for end < len(line) && line[end] != ']' {
		if line[end] == '[' || line[end] == '\n' || line[end] == '\\' {
			return "", false
		}
		end++
	}
	if end == len(line) || end == start || util.IsBlank(line[start:end]) {
		return "", false
	}
	if end+1 < len(line) {
		switch line[end+1] {
		case '(', '[', ':':
			return "", false
		}
	}
	return string(line[start:end]), true
}

// collectFootnotes finds the footnote definitions, wherever goldmark put
// their list, and makes a note for each in definition order. A repeated
// label is reported and the repeat dropped: goldmark attaches references to
// the first definition.
func (c *converter) collectFootnotes(root ast.Node) {
	var lists []*east.FootnoteList
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if l, ok := n.(*east.FootnoteList); ok {
			lists = append(lists, l)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	first := map[string]int{}
	for _, l := range lists {
		for n := l.FirstChild(); n != nil; n = n.NextSibling() {
			fn, ok := n.(*east.Footnote)
			if !ok {
				continue
			}
			name := string(fn.Ref)
			line := c.nodeLine(fn)
			if prev, dup := first[name]; dup {
				c.warnNear(fn.Pos(), line, "footnote.duplicate", fmt.Sprintf("footnote [^%s] is defined again (first at line %d); this definition is ignored", name, prev))
				continue
			}
			first[name] = line
			note := &doc.Note{Kind: doc.FootnoteNote, Name: name, Pos: c.posAt(fn.Pos(), line)}
			c.footnotes = append(c.footnotes, footnoteDef{node: fn, note: note})
			if fn.Index > 0 {
				c.notesByIndex[fn.Index] = note
			}
		}
	}
}

type footnoteDef struct {
	node *east.Footnote
	note *doc.Note
}

// noteBlocks converts the bodies of the footnote definitions.
func (c *converter) noteBlocks() []*doc.Note {
	notes := make([]*doc.Note, 0, len(c.footnotes))
	for _, d := range c.footnotes {
		d.note.Blocks = c.blocks(d.node)
		notes = append(notes, d.note)
	}
	return notes
}
