package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// mkdocstrings' cross-references (mkdocs-autorefs): a reference link whose
// label is a Python dotted path, with no definition of that label,
//
//	[Tree.NodeCollapsed][textual.widgets.Tree.NodeCollapsed]
//	[`App`][textual.app.App]      [textual.app.App][]
//
// leads into the API documentation mkdocstrings generates, which a book
// does not have (mkdocstrings.go). CommonMark prints such a link as
// written, brackets and label; it is printed as its text instead, with one
// warning for the chapter. A shortcut, [a.b] alone, which autorefs does
// not read, stays as written. A definition wins, so labels whose
// definitions a build appends from another file are links once that file
// is read.

// autorefPrefix starts the destination goldmark is given for a
// cross-reference, followed by its label. No destination of the source can
// start with it: prepareSource has replaced every NUL.
const autorefPrefix = "\x00autoref:"

// autoref is the reference of a label that no definition or heading gives:
// a cross-reference when the label is a dotted path.
func autoref(label string) (parser.Reference, bool) {
	if _, dotted := autodocName([]byte(":::" + label)); !dotted {
		return nil, false
	}
	return parser.NewReference([]byte(label), []byte(autorefPrefix+label), nil), true
}

// autorefs replaces the links goldmark made of cross-references by their
// text, after the inlines are parsed.
type autorefs struct{}

// autorefsKey holds the parse's cross-references, told in one warning.
var autorefsKey = parser.NewContextKey()

func (autorefs) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var links []*ast.Link
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering && bytes.HasPrefix(l.Destination, []byte(autorefPrefix)) {
			links = append(links, l)
		}
		return ast.WalkContinue, nil
	})
	src := reader.Source()
	for _, l := range links {
		parent := l.Parent()
		shortcut := l.Reference == nil || l.Reference.Type == ast.ReferenceLinkShortcut
		at := linkStart(l, src)
		if shortcut {
			parent.InsertBefore(parent, l, ast.NewString([]byte("[")))
		}
		for k := l.FirstChild(); k != nil; k = l.FirstChild() {
			l.RemoveChild(l, k)
			parent.InsertBefore(parent, l, k)
		}
		if shortcut {
			parent.InsertBefore(parent, l, ast.NewString([]byte("]")))
		} else {
			label := strings.TrimPrefix(string(l.Destination), autorefPrefix)
			if l.Reference != nil {
				label = string(l.Reference.Value)
			}
			countWarning(pc, autorefsKey, at, "mkdocs.autoref", label, "reference link to %s%s has no definition: printed as its text (a dotted label is how mkdocstrings links into the API documentation it generates, which the book does not have), or define it in a file appended with markdown.include_append")
		}
		parent.RemoveChild(parent, l)
	}
}

// linkStart is the offset of a link's "[": before the first text of its
// content, or -1 when it has none.
func linkStart(l *ast.Link, src []byte) int {
	at := -1
	_ = ast.Walk(l, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering {
			at = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if at > 0 {
		at = bytes.LastIndexByte(src[:at], '[')
	}
	return at
}
