package markdown

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// Numbered example lists follow pandoc's example_lists extension:
//
//	(@)  My first example will be numbered (1).
//	(@good)  This is a good example.
//
//	As (@good) illustrates, ...
//
// An item marked "(@)", "@)" or "@." (an optional label after the "@") is
// numbered on from the chapter's last example, across lists and the text
// between them: each chapter file is a document, as each input is to
// pandoc. A new list starts where the marker's delimiter changes, and no
// list interrupts a paragraph. A label reused marks the same number again
// without taking a new one. Continuation lines are indented four spaces,
// whatever the marker's width (pandoc's four_space_rule). "@label" in the
// text, after a space or an opening punctuation mark, is the number of the
// item so labelled, anywhere in the chapter; a label no item has stays as
// written, a citation. The lists are ordered lists of class "example"
// starting at their first item's number.

var (
	kindExampleList = ast.NewNodeKind("ExampleList")
	kindExampleItem = ast.NewNodeKind("ExampleItem")
)

// exampleList is a list of numbered examples; its children are
// exampleItems.
type exampleList struct {
	ast.BaseBlock
	delim byte // '(' for "(@)", or ')' or '.'
	tight bool
	start int // set when the chapter's examples are numbered
}

func (n *exampleList) Kind() ast.NodeKind { return kindExampleList }
func (n *exampleList) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Start": strconv.Itoa(n.start)}, nil)
}

// exampleItem is one numbered example.
type exampleItem struct {
	ast.BaseBlock
	label string
	// bare is true from a marker alone on its line to the next line,
	// which is then the item's first, however indented, as in pandoc
	bare bool
}

func (n *exampleItem) Kind() ast.NodeKind { return kindExampleItem }
func (n *exampleItem) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Label": n.label}, nil)
}

// examplesKey is set once a chapter has an example list: only then are
// examples numbered and references looked for.
var examplesKey = parser.NewContextKey()

// exampleLabel reads a label at the start of s as pandoc does: runs of
// letters and digits, each but the first after one "_" or "-".
func exampleLabel(s []byte) int {
	n := 0
	for n < len(s) {
		i := n
		if s[i] == '_' || s[i] == '-' {
			i++
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRune(s[j:])
			if !unicode.IsLetter(r) && !unicode.IsNumber(r) {
				break
			}
			j += size
		}
		if j == i {
			break
		}
		n = j
	}
	return n
}

// exampleMarker reads an example marker at the start of s: its label, its
// delimiter and the width of the marker, which a space, a tab or the end
// of the line follows.
func exampleMarker(s []byte) (label string, delim byte, width int, ok bool) {
	at := 0
	if len(s) > 0 && s[0] == '(' {
		at = 1
	}
	if at >= len(s) || s[at] != '@' {
		return "", 0, 0, false
	}
	n := exampleLabel(s[at+1:])
	end := at + 1 + n
	if end >= len(s) {
		return "", 0, 0, false
	}
	switch {
	case at == 1 && s[end] == ')':
		delim = '('
	case at == 0 && (s[end] == ')' || s[end] == '.'):
		delim = s[end]
	default:
		return "", 0, 0, false
	}
	width = end + 1
	if width < len(s) && !util.IsSpace(s[width]) {
		return "", 0, 0, false
	}
	return string(s[at+1 : end]), delim, width, true
}

type exampleListParser struct{}

func (exampleListParser) Trigger() []byte { return []byte{'(', '@'} }

func (exampleListParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if _, in := parent.(*exampleList); in {
		return nil, parser.NoChildren // its items are exampleItemParser's
	}
	line, _ := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) {
		return nil, parser.NoChildren
	}
	_, delim, _, ok := exampleMarker(line[pos:])
	if !ok {
		return nil, parser.NoChildren
	}
	// as in pandoc, a list needs a blank line before it in a paragraph
	if last := pc.LastOpenedBlock().Node; ast.IsParagraph(last) && last.Parent() == parent {
		return nil, parser.NoChildren
	}
	pc.Set(examplesKey, true)
	return &exampleList{delim: delim, tight: true}, parser.HasChildren
}

func (exampleListParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Continue | parser.HasChildren
	}
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w >= 4 {
		return parser.Continue | parser.HasChildren // the last item's
	}
	if _, delim, _, ok := exampleMarker(line[pos:]); ok {
		if delim == node.(*exampleList).delim {
			return parser.Continue | parser.HasChildren // a new item
		}
		return parser.Close // a new list
	}
	if it, ok := node.LastChild().(*exampleItem); ok && it.bare {
		return parser.Continue | parser.HasChildren // the last item's
	}
	return parser.Close
}

// Close tells a tight list from a loose one as CommonMark does: loose when
// a blank line separates two items or two blocks of an item.
func (exampleListParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	list := node.(*exampleList)
	for it := node.FirstChild(); it != nil && list.tight; it = it.NextSibling() {
		if it != node.FirstChild() && it.HasBlankPreviousLines() {
			list.tight = false
		}
		if fc := it.FirstChild(); fc != nil {
			for b := fc.NextSibling(); b != nil; b = b.NextSibling() {
				if b.HasBlankPreviousLines() {
					list.tight = false
				}
			}
		}
	}
}

func (exampleListParser) CanInterruptParagraph() bool { return true }
func (exampleListParser) CanAcceptIndentedLine() bool { return false }

type exampleItemParser struct{}

func (exampleItemParser) Trigger() []byte { return []byte{'(', '@'} }

func (exampleItemParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	list, ok := parent.(*exampleList)
	if !ok {
		return nil, parser.NoChildren
	}
	line, _ := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) {
		return nil, parser.NoChildren
	}
	label, delim, width, ok := exampleMarker(line[pos:])
	if !ok || delim != list.delim {
		return nil, parser.NoChildren
	}
	item := &exampleItem{label: label}
	// the content starts at its first character, however far
	at := pos + width
	for at < len(line) && (line[at] == ' ' || line[at] == '\t') {
		at++
	}
	if util.IsBlank(line[at:]) {
		reader.AdvanceToEOL()
		item.bare = true
		return item, parser.NoChildren
	}
	reader.Advance(at)
	return item, parser.HasChildren
}

func (exampleItemParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	item := node.(*exampleItem)
	bare := item.bare
	item.bare = false
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		reader.AdvanceToEOL()
		return parser.Continue | parser.HasChildren
	}
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w < 4 {
		if _, _, _, marker := exampleMarker(line[pos:]); marker || !bare {
			return parser.Close // a new item, or a lazy continuation line
		}
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), min(w, 4))
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

func (exampleItemParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

func (exampleItemParser) CanInterruptParagraph() bool { return true }
func (exampleItemParser) CanAcceptIndentedLine() bool { return false }

// exampleNumbers numbers a chapter's examples in source order and puts
// their numbers in place of the references to their labels, after the
// inlines are parsed: a reference may come before its example.
type exampleNumbers struct{}

func (exampleNumbers) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	if pc.Get(examplesKey) == nil {
		return
	}
	labels := map[string]int{}
	next := 1
	var refs []ast.Node
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *exampleItem:
			num, seen := labels[n.label]
			if n.label == "" || !seen {
				num = next
				next++
				if n.label != "" {
					labels[n.label] = num
				}
			}
			if list, ok := n.Parent().(*exampleList); ok && list.FirstChild() == n {
				list.start = num
			}
		case *ast.Text, *citationNode:
			refs = append(refs, n)
		case *ast.CodeSpan, *ast.RawHTML, *ast.AutoLink:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if len(labels) == 0 {
		return
	}
	src := reader.Source()
	for _, n := range refs {
		switch n := n.(type) {
		case *ast.Text:
			if !n.IsRaw() {
				replaceTextRefs(n, src, labels)
			}
		case *citationNode:
			replaceCiteRef(n, labels)
		}
	}
}

// number is an example's number as text, never read as Markdown.
func number(n int) *ast.String {
	s := ast.NewString([]byte(strconv.Itoa(n)))
	s.SetCode(true)
	return s
}

// replaceCiteRef puts the number of the example a citation in the text
// ("@good") names in its place, when its key is a label, as pandoc does;
// what the citation held after the key (a locator in brackets) stays as
// text.
func replaceCiteRef(n *citationNode, labels map[string]int) {
	if len(n.cite.Items) != 1 || !n.cite.AuthorInText {
		return
	}
	key := n.cite.Items[0].Key
	num, ok := labels[key]
	if !ok {
		return
	}
	raw := n.cite.Text
	for _, written := range []string{"@" + key, "@{" + key + "}"} {
		if strings.HasPrefix(raw, written) {
			raw = raw[len(written):]
			break
		}
	}
	parent := n.Parent()
	parent.InsertBefore(parent, n, number(num))
	if raw != "" {
		parent.InsertBefore(parent, n, ast.NewString([]byte(raw)))
	}
	parent.RemoveChild(parent, n)
}

// replaceTextRefs puts example numbers in place of the labels in a text
// that the citation parser left alone ("--@b" in "(@a--@b)"): an "@" not
// escaped nor inside a word, followed by a known label.
func replaceTextRefs(n *ast.Text, src []byte, labels map[string]int) {
	seg := n.Segment
	start := seg.Start
	parent := n.Parent()
	for i := seg.Start; i < seg.Stop; i++ {
		if src[i] != '@' {
			continue
		}
		if i > 0 {
			prev, _ := utf8.DecodeLastRune(src[:i])
			if prev == '\\' || unicode.IsLetter(prev) || unicode.IsNumber(prev) {
				continue
			}
		}
		l := exampleLabel(src[i+1 : seg.Stop])
		num, ok := labels[string(src[i+1:i+1+l])]
		if l == 0 || !ok {
			continue
		}
		if i > start {
			parent.InsertBefore(parent, n, ast.NewTextSegment(text.NewSegment(start, i)))
		}
		parent.InsertBefore(parent, n, number(num))
		start = i + 1 + l
		i = start - 1
	}
	if start == seg.Start {
		return
	}
	if start < seg.Stop || n.SoftLineBreak() || n.HardLineBreak() {
		n.Segment = text.NewSegment(start, seg.Stop)
		return
	}
	parent.RemoveChild(parent, n)
}

// exampleList converts an example list into an ordered list of class
// "example", as pandoc writes it.
func (c *converter) exampleList(n *exampleList, base doc.BlockBase) doc.Block {
	l := &doc.List{BlockBase: base, Ordered: true, Start: n.start, Tight: n.tight, Classes: []string{"example"}}
	for it := n.FirstChild(); it != nil; it = it.NextSibling() {
		l.Items = append(l.Items, &doc.ListItem{Blocks: c.blocks(it)})
	}
	return l
}
