package markdown

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Fenced divs follow pandoc's syntax:
//
//	::: {.teacher #q1}        ::: teacher
//	Markdown blocks           Markdown blocks
//	:::                       :::
//
// A fence of three or more colons followed by attributes (or one bare class
// name, optionally followed by more colons) opens a div; a fence of three or
// more colons with nothing after it closes the innermost open div. Divs nest.

var kindFencedDiv = ast.NewNodeKind("FencedDiv")

// fencedDiv is the goldmark node of an open or closed fenced div.
type fencedDiv struct {
	ast.BaseBlock
	id      string
	classes []string
	lang    string // as written ({lang=ru})
	// title and collapse are Quarto's callout attributes, as written.
	title, collapse string
	// name is a bookdown theorem environment's (bookdown.go).
	name string
	// admonition is the keyword of a Docusaurus admonition (docusaurus.go),
	// whose title, if written, is its first child, an mkdocsTitle.
	admonition string
	// closed is set when a closing fence ended the div, so that one closed
	// by the end of its container can be reported.
	closed bool
}

func (n *fencedDiv) Kind() ast.NodeKind { return kindFencedDiv }

func (n *fencedDiv) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.id}, nil)
}

type fencedDivParser struct{}

func (fencedDivParser) Trigger() []byte { return []byte{':'} }

func (fencedDivParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) {
		return nil, parser.NoChildren
	}
	d, isAdmonition := parseDocusaurusOpener(line[pos:])
	if !isAdmonition && isVitePress(pc) {
		d, isAdmonition = parseVitePressOpener(line[pos:])
	}
	o, ok := parseDivOpener(line[pos:])
	if !ok && !isAdmonition {
		return nil, parser.NoChildren
	}
	if divDepth(parent) >= maxDivDepth {
		// goldmark visits every open block on every line, so unbounded
		// nesting would make parsing quadratic.
		addPendingWarning(pc, seg.Start, "div.too-deep", fmt.Sprintf("fenced divs nested more than %d deep; this fence is kept as text", maxDivDepth))
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	if isAdmonition {
		n := &fencedDiv{classes: []string{d.typ}, admonition: d.typ}
		if d.titleEnd > d.titleStart {
			start := seg.Start + pos - seg.Padding
			t := &mkdocsTitle{}
			t.Lines().Append(text.NewSegment(start+d.titleStart, start+d.titleEnd))
			n.AppendChild(n, t)
		}
		return n, parser.HasChildren
	}
	return &fencedDiv{id: o.id, classes: o.classes, lang: o.lang, title: o.title, collapse: o.collapse, name: o.name}, parser.HasChildren
}

// maxDivDepth is the deepest nesting of fenced divs honoured.
const maxDivDepth = maxNesting

func divDepth(n ast.Node) int {
	d := 0
	for ; n != nil; n = n.Parent() {
		if _, ok := n.(*fencedDiv); ok {
			d++
		}
	}
	return d
}

func (fencedDivParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if isDivCloser(line, reader.LineOffset()) && closesHere(node, pc) {
		node.(*fencedDiv).closed = true
		reader.AdvanceToEOL()
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (fencedDivParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	if !node.(*fencedDiv).closed {
		addPendingWarning(pc, node.Pos(), "div.unclosed", "fenced div ::: is never closed; it ends with its container")
	}
}

func (fencedDivParser) CanInterruptParagraph() bool { return true }

func (fencedDivParser) CanAcceptIndentedLine() bool { return false }

// closesHere reports whether a closing fence seen while node is open belongs
// to node: it must be the innermost open div, and no fenced code block may be
// open inside it (its lines are code, whatever they look like).
func closesHere(node ast.Node, pc parser.Context) bool {
	open := pc.OpenedBlocks()
	seen := false
	for _, b := range open {
		if b.Node == node {
			seen = true
			continue
		}
		if !seen {
			continue
		}
		switch b.Node.(type) {
		case *fencedDiv, *ast.FencedCodeBlock:
			return false
		}
	}
	return seen
}

// isDivCloser reports whether line is a closing fence: up to three spaces of
// indentation, three or more colons, then only white space.
func isDivCloser(line []byte, lineOffset int) bool {
	w, pos := util.IndentWidth(line, lineOffset)
	if w > 3 {
		return false
	}
	n := countByte(line[pos:], ':')
	return n >= 3 && util.IsBlank(line[pos+n:])
}

func countByte(s []byte, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}

// divOpener is what an opening fence says.
type divOpener struct {
	id      string
	classes []string
	// lang, title and collapse are the key-value attributes kept, as
	// written; the others are dropped.
	lang, title, collapse, name string
}

// parseDivOpener parses an opening fence starting at its first colon:
// colons, attributes in braces or one bare class name, optional colons.
func parseDivOpener(s []byte) (o divOpener, ok bool) {
	n := countByte(s, ':')
	if n < 3 {
		return o, false
	}
	rest := skipSpace(s[n:])
	switch {
	case len(rest) == 0 || rest[0] == '\n' || rest[0] == '\r':
		return o, false
	case rest[0] == '{':
		end := -1
		var quote byte
		for i := 1; i < len(rest) && end < 0; i++ {
			switch c := rest[i]; {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '}':
				end = i
			case c == '\n':
				return o, false
			}
		}
		if end < 0 {
			return o, false
		}
		attrs, ok := parseAttributes(rest[1:end])
		if !ok {
			return o, false
		}
		o.id, o.classes = attrs.id, attrs.classes
		for _, a := range attrs.kv {
			switch a.Key {
			case "lang":
				o.lang = a.Value
			case "title":
				o.title = a.Value
			case "collapse":
				o.collapse = a.Value
			case "name":
				o.name = a.Value
			}
		}
		rest = rest[end+1:]
	default:
		i := 0
		for i < len(rest) && !util.IsSpace(rest[i]) && rest[i] != '{' && rest[i] != '}' {
			i++
		}
		word := rest[:i]
		// A word of colons alone would be a closing fence with trailing colons.
		if len(word) == 0 || countByte(word, ':') == len(word) {
			return o, false
		}
		o.classes = []string{string(word)}
		rest = rest[i:]
	}
	rest = skipSpace(rest)
	rest = rest[countByte(rest, ':'):]
	if !util.IsBlank(rest) {
		return o, false
	}
	return o, true
}

func skipSpace(s []byte) []byte {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	return s
}
