package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// An SVG picture written in the Markdown is markup from its <svg> to its
// </svg>, never Markdown: the text of its labels keeps its asterisks,
// brackets and backquotes, and blank lines inside it do not end it. Two
// parsers see to that before goldmark's own: one for an <svg> that starts
// a block, which then runs to the line of its end tag (as CommonMark's
// <pre> and <script> blocks do), and one for an <svg> within a paragraph,
// which takes the raw text up to its end tag as one piece of raw HTML. An
// <svg> with no end tag after it is left to goldmark.

// svgScanBudgetKey holds how many more bytes looking for end tags may
// read in this document: with many <svg> and no </svg>, each would
// otherwise look to the end of the document.
var svgScanBudgetKey = parser.NewContextKey()

func scanBudget(pc parser.Context, source []byte) *int {
	if b, ok := pc.Get(svgScanBudgetKey).(*int); ok {
		return b
	}
	b := new(int)
	*b = 4*len(source) + 4096
	pc.Set(svgScanBudgetKey, b)
	return b
}

// svgTagAt reports whether b starts with an <svg start tag (the name
// followed by white space, "/" or ">"), case aside.
func svgTagAt(b []byte) bool {
	if len(b) < 5 || b[0] != '<' || !bytes.EqualFold(b[1:4], []byte("svg")) {
		return false
	}
	switch b[4] {
	case ' ', '\t', '\n', '\r', '\f', '/', '>':
		return true
	}
	return false
}

// svgScan is where reading an <svg> has got to: how deep in nested <svg>
// elements, and inside which comment or CDATA section (the text that ends
// it), whose "</svg>" the HTML parser does not see as a tag.
type svgScan struct {
	depth  int
	inside string
}

// svgDepth follows the nesting of <svg> elements through b from st: it
// returns the state after b, or the index just past the end tag that
// brings depth to 0 and true.
func svgDepth(b []byte, st svgScan) (svgScan, int, bool) {
	for i := 0; i < len(b); i++ {
		if st.inside != "" {
			end := bytes.Index(b[i:], []byte(st.inside))
			if end < 0 {
				return st, 0, false
			}
			i += end + len(st.inside) - 1
			st.inside = ""
			continue
		}
		if b[i] != '<' {
			continue
		}
		rest := b[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			st.inside = "-->"
			i += 3
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			st.inside = "]]>"
			i += 8
		case svgTagAt(rest):
			end := bytes.IndexByte(rest, '>')
			if end < 0 {
				st.depth++ // the tag goes on; a self-closing one is rare enough
				continue
			}
			if rest[end-1] != '/' {
				st.depth++
			}
			i += end
		case len(rest) >= 6 && rest[1] == '/' && bytes.EqualFold(rest[2:5], []byte("svg")):
			j := 5
			for j < len(rest) && (rest[j] == ' ' || rest[j] == '\t' || rest[j] == '\n' || rest[j] == '\r') {
				j++
			}
			if j < len(rest) && rest[j] == '>' {
				st.depth--
				if st.depth == 0 {
					return st, i + j + 1, true
				}
				i += j
			}
		}
	}
	return st, 0, false
}

// svgBlockParser opens a block at a line starting with <svg (indented by
// at most three spaces) whose end tag follows somewhere, and closes it at
// the line of that end tag. It opens one as well at a line starting with
// another tag when an <svg> starts before the first blank line and ends
// after it, as an SVG pasted into a <div> or <figure> with its style
// sheet's blank lines does, which CommonMark's HTML block would cut at
// the blank line: the block then runs to the line of the </svg>, and the
// end tags after it (</a>, </div>) are HTML blocks of their own, which
// the converter pairs with their start tags.
type svgBlockParser struct{}

// svgBlockState is where the block's <svg> ends in the source: just past
// its </svg>.
type svgBlockState struct{ end int }

var (
	svgBlocksKey = parser.NewContextKey()
	// svgLeadBudgetKey holds how many more bytes looking for an <svg>
	// after another tag may read, so that lines starting with tags in a
	// long paragraph do not each read to its end.
	svgLeadBudgetKey = parser.NewContextKey()
)

func (svgBlockParser) Trigger() []byte { return []byte{'<'} }

func (svgBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos > 3 || pos+1 >= len(line) || line[pos] != '<' {
		return nil, parser.NoChildren
	}
	source := reader.Source()
	from := seg.Start + pos
	start := from
	if !svgTagAt(line[pos:]) {
		if !isASCIILetter(line[pos+1]) {
			return nil, parser.NoChildren
		}
		var ok bool
		if start, ok = svgBeforeBlankLine(source, from, leadBudget(pc, source)); !ok {
			return nil, parser.NoChildren
		}
	}
	budget := scanBudget(pc, source)
	window := source[start:min(len(source), start+max(*budget, 0))]
	_, end, found := svgDepth(window, svgScan{})
	if !found {
		*budget -= len(window)
		return nil, parser.NoChildren
	}
	*budget -= end
	if start != from && !hasBlankLine(source[start:start+end]) {
		return nil, parser.NoChildren // CommonMark's HTML block holds it whole
	}
	node := ast.NewHTMLBlock(ast.HTMLBlockType1)
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	states, _ := pc.Get(svgBlocksKey).(map[ast.Node]*svgBlockState)
	if states == nil {
		states = map[ast.Node]*svgBlockState{}
		pc.Set(svgBlocksKey, states)
	}
	states[node] = &svgBlockState{end: start + end}
	return node, parser.NoChildren
}

func (svgBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	states, _ := pc.Get(svgBlocksKey).(map[ast.Node]*svgBlockState)
	st := states[node]
	_, seg := reader.PeekLine()
	if st == nil || seg.Start >= st.end {
		return parser.Close // the </svg> was on an earlier line
	}
	reader.AdvanceToEOL()
	if seg.Stop >= st.end {
		node.(*ast.HTMLBlock).ClosureLine = seg
		return parser.Close
	}
	node.Lines().Append(seg)
	return parser.Continue | parser.NoChildren
}

func leadBudget(pc parser.Context, source []byte) *int {
	if b, ok := pc.Get(svgLeadBudgetKey).(*int); ok {
		return b
	}
	b := new(int)
	*b = 4*len(source) + 4096
	pc.Set(svgLeadBudgetKey, b)
	return b
}

// svgBeforeBlankLine finds an <svg start tag in source from from up to
// the first blank line, reading at most budget bytes.
func svgBeforeBlankLine(source []byte, from int, budget *int) (int, bool) {
	for i := from; i < len(source) && *budget > 0; {
		eol := bytes.IndexByte(source[i:], '\n')
		if eol < 0 {
			eol = len(source) - i
		}
		line := source[i : i+eol]
		*budget -= eol + 1
		if len(bytes.TrimSpace(line)) == 0 {
			return 0, false
		}
		for j := 0; j < len(line); j++ {
			if line[j] == '<' && svgTagAt(source[i+j:]) {
				return i + j, true
			}
		}
		i += eol + 1
	}
	return 0, false
}

// hasBlankLine reports whether b holds a line of white space alone.
func hasBlankLine(b []byte) bool {
	for {
		nl := bytes.IndexByte(b, '\n')
		if nl < 0 {
			return false
		}
		b = b[nl+1:]
		end := bytes.IndexByte(b, '\n')
		if end < 0 {
			end = len(b)
		}
		if len(bytes.TrimSpace(b[:end])) == 0 && end < len(b) {
			return true
		}
	}
}

func (svgBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	if states, ok := pc.Get(svgBlocksKey).(map[ast.Node]*svgBlockState); ok {
		delete(states, node)
	}
}

func (svgBlockParser) CanInterruptParagraph() bool { return true }
func (svgBlockParser) CanAcceptIndentedLine() bool { return false }

// svgInlineParser reads an <svg> within a paragraph, up to its end tag,
// as one piece of raw HTML.
type svgInlineParser struct{}

func (svgInlineParser) Trigger() []byte { return []byte{'<'} }

func (svgInlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if !svgTagAt(line) {
		return nil
	}
	budget := scanBudget(pc, block.Source())
	savedLine, savedPos := block.Position()
	node := ast.NewRawHTML()
	var scan svgScan
	for *budget > 0 {
		line, seg := block.PeekLine()
		if line == nil {
			break
		}
		*budget -= len(line)
		d, end, found := svgDepth(line, scan)
		if found {
			node.Segments.Append(seg.WithStop(seg.Start + end))
			block.Advance(end)
			return node
		}
		scan = d
		node.Segments.Append(seg)
		block.AdvanceLine()
	}
	block.SetPosition(savedLine, savedPos)
	return nil
}
