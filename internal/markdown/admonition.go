package markdown

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// MkDocs books write boxes and tabs with Python-Markdown's admonitions and
// the pymdownx extensions Material for MkDocs documents:
//
//	!!! note "Title"          ??? tip "Title"        === "Tab"
//	    Markdown blocks           Markdown blocks        Markdown blocks
//
// An opener line (`!!!` an admonition, `???` a closed disclosure, `???+` an
// open one, `===` a content tab) is followed by a body indented four columns
// more than it, read as Markdown as a list item's is; it ends at the first
// line that is not blank and indented less. Admonitions and disclosures name
// a type and optional modifiers (`!!! note inline end`), which become
// classes, and an optional title in double quotes: none gives the type's
// name capitalised, `""` no title. Consecutive tabs make one group; `===!`
// starts a new one.

var (
	kindMkdocsBlock = ast.NewNodeKind("MkdocsBlock")
	kindMkdocsTitle = ast.NewNodeKind("MkdocsTitle")
)

type mkdocsKind int

const (
	mkdocsAdmonition mkdocsKind = iota
	mkdocsDetails
	mkdocsTab
)

// mkdocsBlock is the goldmark node of an admonition, a disclosure or a tab.
// A title written in quotes is its first child, an mkdocsTitle, whose
// inline Markdown goldmark parses as a paragraph's.
type mkdocsBlock struct {
	ast.BaseBlock
	kind    mkdocsKind
	classes []string // the type and modifiers as written
	// defaultTitle is the title when none was written in quotes: the
	// type's name capitalised; "" with `""` or a written title.
	defaultTitle string
	open         bool // ???+
	// newGroup is set on a tab that starts a group of its own (===!).
	newGroup bool
	// contentIndent is the indentation of the body's lines, in columns
	// from where the opener's container starts.
	contentIndent int
}

func (n *mkdocsBlock) Kind() ast.NodeKind { return kindMkdocsBlock }

func (n *mkdocsBlock) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Classes": strings.Join(n.classes, " ")}, nil)
}

// mkdocsTitle holds a title written in quotes.
type mkdocsTitle struct {
	ast.BaseBlock
}

func (n *mkdocsTitle) Kind() ast.NodeKind { return kindMkdocsTitle }

func (n *mkdocsTitle) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

type mkdocsBlockParser struct{}

func (mkdocsBlockParser) Trigger() []byte { return []byte{'!', '?', '='} }

func (mkdocsBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) {
		return nil, parser.NoChildren
	}
	o, ok := parseMkdocsOpener(line[pos:])
	if !ok {
		return nil, parser.NoChildren
	}
	if mkdocsDepth(parent) >= maxNesting {
		// goldmark visits every open block on every line, so unbounded
		// nesting would make parsing quadratic.
		addPendingWarning(pc, seg.Start+pos-seg.Padding, "mkdocs.too-deep", fmt.Sprintf("admonitions, tabs, divs, lists and quotes nested more than %d deep; this line is kept as text", maxNesting))
		return nil, parser.NoChildren
	}
	indent, _ := util.IndentWidth(line, reader.LineOffset())
	n := &mkdocsBlock{kind: o.kind, classes: o.classes, open: o.open, newGroup: o.newGroup, contentIndent: indent + 4}
	switch {
	case o.titleStart >= 0:
		if o.titleEnd > o.titleStart {
			start := seg.Start + pos - seg.Padding
			t := &mkdocsTitle{}
			t.Lines().Append(text.NewSegment(start+o.titleStart, start+o.titleEnd))
			n.AppendChild(n, t)
		}
	case len(o.classes) > 0:
		n.defaultTitle = capitalise(o.classes[0])
	}
	reader.AdvanceToEOL()
	return n, parser.HasChildren
}

func (mkdocsBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		reader.AdvanceToEOL()
		return parser.Continue | parser.HasChildren
	}
	want := node.(*mkdocsBlock).contentIndent
	if w, _ := util.IndentWidth(line, reader.LineOffset()); w < want {
		return parser.Close
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), want)
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

func (mkdocsBlockParser) Close(ast.Node, text.Reader, parser.Context) {}

// Python-Markdown finds an opener anywhere in a run of lines, so one
// interrupts a paragraph.
func (mkdocsBlockParser) CanInterruptParagraph() bool { return true }

func (mkdocsBlockParser) CanAcceptIndentedLine() bool { return false }

// mkdocsDepth counts the containers n is in that the parsers bound.
func mkdocsDepth(n ast.Node) int {
	d := containerDepth(n) + divDepth(n)
	for ; n != nil; n = n.Parent() {
		if _, ok := n.(*mkdocsBlock); ok {
			d++
		}
	}
	return d
}

type mkdocsOpener struct {
	kind     mkdocsKind
	classes  []string
	open     bool
	newGroup bool
	// titleStart and titleEnd bound the title inside the quotes, offsets
	// in the line; titleStart is -1 when no title was written.
	titleStart, titleEnd int
}

// parseMkdocsOpener parses an opener line from its first character:
//
//	!!! ?TYPE( MODIFIER)*( +"TITLE")? *
//	???+? ?(TYPE( MODIFIER)*)?( +"TITLE")? *     (a type or a title)
//	===[+!]* +"TITLE" *
//
// A title runs from the first quote to the last, as Python-Markdown's lazy
// match followed by `" *$` takes it.
func parseMkdocsOpener(s []byte) (o mkdocsOpener, ok bool) {
	s = trimLineEnd(s)
	if len(s) < 3 {
		return o, false
	}
	mark := s[0]
	if s[1] != mark || s[2] != mark {
		return o, false
	}
	i := 3
	switch mark {
	case '!':
		o.kind = mkdocsAdmonition
	case '?':
		o.kind = mkdocsDetails
		if i < len(s) && s[i] == '+' {
			o.open = true
			i++
		}
	case '=':
		o.kind = mkdocsTab
		// pymdownx.tabbed's +, !, +! and !+: selected (meaningless on
		// paper) and starting a new group.
		flags := i
		for i < len(s) && (s[i] == '+' || s[i] == '!') {
			o.newGroup = o.newGroup || s[i] == '!'
			i++
		}
		if i-flags > 2 || i-flags == 2 && s[flags] == s[flags+1] {
			return o, false
		}
	default:
		return o, false
	}
	o.titleStart, o.titleEnd = -1, -1
	if mark == '=' {
		j := i
		for j < len(s) && s[j] == ' ' {
			j++
		}
		if j == i || j >= len(s) || s[j] != '"' || s[len(s)-1] != '"' || len(s)-1 == j {
			return o, false
		}
		o.titleStart, o.titleEnd = j+1, len(s)-1
		return o, true
	}
	if i < len(s) && s[i] == ' ' {
		i++ // one optional space after the marker
	}
	// the type and modifiers: words of letters, digits, _ and -, one or
	// more spaces apart
	for i < len(s) && s[i] != '"' {
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRune(s[j:])
			if r != '_' && r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			j += size
		}
		if j == i {
			return o, false
		}
		o.classes = append(o.classes, string(s[i:j]))
		i = j
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i < len(s) && s[i] != '"' && s[i-1] != ' ' {
			return o, false
		}
	}
	if i < len(s) {
		if s[i-1] != ' ' || s[len(s)-1] != '"' || len(s)-1 == i {
			return o, false
		}
		o.titleStart, o.titleEnd = i+1, len(s)-1
	}
	if len(o.classes) == 0 && (o.kind == mkdocsAdmonition || o.titleStart < 0) {
		return o, false
	}
	return o, true
}

// trimLineEnd drops the line ending and the spaces before it.
func trimLineEnd(s []byte) []byte {
	for len(s) > 0 && (s[len(s)-1] == '\n' || s[len(s)-1] == '\r' || s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

// capitalise is Python's str.capitalize, which Python-Markdown uses for a
// default title: the first letter upper case, the rest lower.
func capitalise(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + strings.ToLower(s[size:])
}

// mkdocsBlock converts an admonition into an aside whose first block is
// its title, in bold; a disclosure into details whose summary is its
// title; a tab, with the tabs after it in its group, into a group of
// sections, each its title in bold and then its body. A tab that follows
// another of its group was converted with the first.
func (c *converter) mkdocsBlock(n *mkdocsBlock, base doc.BlockBase) []doc.Block {
	if n.kind != mkdocsTab {
		return []doc.Block{c.mkdocsBox(n, base)}
	}
	if prev, ok := n.PreviousSibling().(*mkdocsBlock); ok && prev.kind == mkdocsTab && !n.newGroup {
		return nil
	}
	set := &doc.Div{BlockBase: base, Classes: []string{"tabbed-set"}}
	for tab := n; ; {
		line := c.nodeLine(tab)
		sec := &doc.Div{BlockBase: doc.BlockBase{Pos: c.pos(line)}, Kind: doc.DivSection, Classes: []string{"tabbed-block"}}
		if title := c.mkdocsTitle(tab, line); len(title) > 0 {
			sec.Blocks = append(sec.Blocks, &doc.Paragraph{BlockBase: sec.BlockBase, Classes: []string{"tabbed-title"}, Content: []doc.Inline{&doc.Strong{Content: title}}})
		}
		// A tab whose content was all left out (an "Output" tab
		// holding an empty code block a plugin fills) goes with it:
		// its title alone would name nothing.
		body := c.blocks(tab)
		if len(body) > 0 || tab.ChildCount() == 0 {
			sec.Blocks = append(sec.Blocks, body...)
			set.Blocks = append(set.Blocks, sec)
		}
		next, ok := tab.NextSibling().(*mkdocsBlock)
		if !ok || next.kind != mkdocsTab || next.newGroup {
			break
		}
		tab = next
	}
	if len(set.Blocks) == 0 {
		return nil
	}
	return []doc.Block{set}
}

func (c *converter) mkdocsBox(n *mkdocsBlock, base doc.BlockBase) *doc.Div {
	line := c.nodeLine(n)
	title := c.mkdocsTitle(n, line)
	body := c.blocks(n)
	if n.kind == mkdocsDetails {
		if len(title) == 0 {
			// A summary left out would make the first paragraph the
			// summary; an empty one would be an empty button.
			title = []doc.Inline{&doc.Text{Text: "Details"}}
			if len(n.classes) > 0 {
				title = []doc.Inline{&doc.Text{Text: capitalise(n.classes[0])}}
			}
		}
		summary := &doc.Div{BlockBase: base, Kind: doc.DivSummary, Blocks: []doc.Block{&doc.Paragraph{BlockBase: base, Content: title}}}
		return &doc.Div{BlockBase: base, Kind: doc.DivDetails, Open: n.open, Classes: append([]string(nil), n.classes...), Blocks: append([]doc.Block{summary}, body...)}
	}
	d := &doc.Div{BlockBase: base, Kind: doc.DivAside, Classes: append([]string{"admonition"}, n.classes...)}
	if len(title) > 0 {
		d.Blocks = append(d.Blocks, &doc.Paragraph{BlockBase: base, Classes: []string{"admonition-title"}, Content: []doc.Inline{&doc.Strong{Content: title}}})
	}
	d.Blocks = append(d.Blocks, body...)
	return d
}

// mkdocsTitle returns a block's title, taking a written one out of the
// goldmark tree so that its body is what remains.
func (c *converter) mkdocsTitle(n *mkdocsBlock, line int) []doc.Inline {
	if t, ok := n.FirstChild().(*mkdocsTitle); ok {
		n.RemoveChild(n, t)
		return trimInlines(c.inlines(t, line))
	}
	if n.defaultTitle != "" {
		return []doc.Inline{&doc.Text{Text: n.defaultTitle}}
	}
	return nil
}
