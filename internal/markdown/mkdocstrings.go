package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// mkdocstrings, the MkDocs plugin that writes API documentation from a
// program's source, is asked for it by a line naming what to document,
// with its options in YAML indented below:
//
//	::: textual.widgets.Tree
//	    options:
//	      heading_level: 2
//
// The documentation is made from the Python package, which a book does
// not have, so the directive and its options are left out, with one
// warning for a chapter's directives. The line looks like a pandoc fenced
// div of one class, so it is taken as a directive only when a div is
// unlikely: the name is a dotted path (a class written with a dot is
// rare), options follow it, or nothing follows it in the file (an empty
// div, never closed, which pandoc reads as text).

var kindAutodoc = ast.NewNodeKind("Autodoc")

// autodoc is the goldmark node of a directive and its options; it has no
// children, so the converter makes nothing of it.
type autodoc struct {
	ast.BaseBlock
	// indent is the directive's indentation, in columns from where its
	// container starts: the options are indented four more.
	indent int
	// yaml is set once a line of options was read, blank after a blank
	// line before any: Python-Markdown takes options separated from the
	// directive by one blank line too, when they begin with options: or
	// handler:.
	yaml, blank bool
}

func (n *autodoc) Kind() ast.NodeKind            { return kindAutodoc }
func (n *autodoc) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

type autodocParser struct{}

func (autodocParser) Trigger() []byte { return []byte{':'} }

func (autodocParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) {
		return nil, parser.NoChildren
	}
	name, dotted := autodocName(line[pos:])
	if name == "" {
		return nil, parser.NoChildren
	}
	if rest := reader.Source()[seg.Stop:]; !dotted && !optionsFollow(rest) && !util.IsBlank(rest) {
		return nil, parser.NoChildren
	}
	indent, _ := util.IndentWidth(line, reader.LineOffset())
	n := &autodoc{indent: indent}
	at := seg.Start + pos - seg.Padding
	n.SetPos(at)
	noteAutodoc(pc, at, name)
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

func (autodocParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*autodoc)
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		if n.yaml || n.blank {
			return parser.Close
		}
		n.blank = true
		reader.AdvanceToEOL()
		return parser.Continue | parser.NoChildren
	}
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w < n.indent+4 {
		return parser.Close
	}
	if n.blank && !n.yaml {
		key := line[pos:]
		if !bytes.HasPrefix(key, []byte("options:")) && !bytes.HasPrefix(key, []byte("handler:")) {
			return parser.Close
		}
	}
	n.yaml = true
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

func (autodocParser) Close(ast.Node, text.Reader, parser.Context) {}

// mkdocstrings finds a directive anywhere in a run of lines.
func (autodocParser) CanInterruptParagraph() bool { return true }

func (autodocParser) CanAcceptIndentedLine() bool { return false }

// autodocName returns the name a directive line documents, from its first
// colon: exactly three colons, spaces, a Python dotted path, spaces; ""
// if the line is not that. dotted reports whether the path has a dot.
func autodocName(s []byte) (name string, dotted bool) {
	s = trimLineEnd(s)
	if countByte(s, ':') != 3 {
		return "", false
	}
	s = skipSpace(s[3:])
	start := true
	for _, c := range s {
		switch {
		case c == '.' && !start:
			start, dotted = true, true
		case c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' && !start:
			start = false
		default:
			return "", false
		}
	}
	if start {
		return "", false
	}
	return string(s), dotted
}

// optionsFollow reports whether the lines after a directive begin, after
// any blank lines, with an indented options: or handler: line.
func optionsFollow(rest []byte) bool {
	for len(rest) > 0 {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if util.IsBlank(line) {
			continue
		}
		key := bytes.TrimLeft(line, " \t")
		if len(line)-len(key) < 4 {
			return false
		}
		return bytes.HasPrefix(key, []byte("options:")) || bytes.HasPrefix(key, []byte("handler:"))
	}
	return false
}

// autodocsKey holds the parse's first directive and how many there are, so
// that a chapter's directives are told in one warning.
var autodocsKey = parser.NewContextKey()

type autodocs struct {
	warning int // index of the warning in the pending list
	name    string
	n       int
}

func noteAutodoc(pc parser.Context, offset int, name string) {
	a, _ := pc.Get(autodocsKey).(*autodocs)
	if a == nil {
		a = &autodocs{warning: len(pendingWarnings(pc)), name: name}
		pc.Set(autodocsKey, a)
		addPendingWarning(pc, offset, "mkdocs.autodoc", "")
	}
	a.n++
	more := ""
	if a.n > 1 {
		more = fmt.Sprintf(" (and %d more)", a.n-1)
	}
	list := pendingWarnings(pc)
	list[a.warning].msg = fmt.Sprintf("mkdocstrings directive ::: %s%s left out: API documentation is generated by mkdocstrings, not by samizdat", a.name, more)
}
