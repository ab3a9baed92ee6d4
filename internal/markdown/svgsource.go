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
// the line of that end tag.
type svgBlockParser struct{}

type svgBlockState struct{ scan svgScan }

var svgBlocksKey = parser.NewContextKey()

func (svgBlockParser) Trigger() []byte { return []byte{'<'} }

func (svgBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos > 3 || !svgTagAt(line[pos:]) {
		return nil, parser.NoChildren
	}
	source := reader.Source()
	budget := scanBudget(pc, source)
	from := seg.Start + pos
	window := source[from:min(len(source), from+max(*budget, 0))]
	_, end, found := svgDepth(window, svgScan{})
	if !found {
		*budget -= len(window)
		return nil, parser.NoChildren
	}
	*budget -= end
	node := ast.NewHTMLBlock(ast.HTMLBlockType1)
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	// the state after the first line
	d, _, closed := svgDepth(line[pos:], svgScan{})
	if closed {
		d = svgScan{}
	}
	states, _ := pc.Get(svgBlocksKey).(map[ast.Node]*svgBlockState)
	if states == nil {
		states = map[ast.Node]*svgBlockState{}
		pc.Set(svgBlocksKey, states)
	}
	states[node] = &svgBlockState{scan: d}
	return node, parser.NoChildren
}

func (svgBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	states, _ := pc.Get(svgBlocksKey).(map[ast.Node]*svgBlockState)
	st := states[node]
	if st == nil || st.scan.depth <= 0 {
		return parser.Close
	}
	line, seg := reader.PeekLine()
	d, _, closed := svgDepth(line, st.scan)
	reader.AdvanceToEOL()
	if closed {
		node.(*ast.HTMLBlock).ClosureLine = seg
		st.scan = svgScan{}
		return parser.Close
	}
	node.Lines().Append(seg)
	st.scan = d
	return parser.Continue | parser.NoChildren
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
