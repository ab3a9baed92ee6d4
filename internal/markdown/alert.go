package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// GitHub's alerts, which mdBook, Obsidian (its callouts) and many
// documentation sites write too, are block quotes whose first line is a
// marker:
//
//	> [!NOTE]                 > [!tip]- Custom *title*
//	> Markdown blocks         > Markdown blocks
//
// One becomes what the MkDocs admonition of its type becomes
// (admonition.go): `> [!NOTE]` is `!!! note`, its title the type's name
// capitalised, or the rest of the marker's line when there is one, as
// Obsidian reads it for any type (GitHub keeps a quote whose marker has
// text after it a quote). A fold sign, Obsidian's, makes it what `???`
// (`-`, closed) or `???+` (`+`, open) makes. A marker anywhere else than
// at the start of the quote's first line leaves the quote a quote.

var kindAlertMarker = ast.NewNodeKind("AlertMarker")

// alertMarker is the first child of a block quote that is an alert; a
// title written after the marker is the next, an mkdocsTitle.
type alertMarker struct {
	ast.BaseBlock
	typ  string // lower case
	fold byte   // '+', '-' or 0
}

func (n *alertMarker) Kind() ast.NodeKind { return kindAlertMarker }

func (n *alertMarker) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Type": n.typ}, nil)
}

// alertTransformer finds the marker in the first paragraph of a block
// quote when the paragraph is closed, before its inlines are parsed, so
// that the rest of the paragraph is parsed as the body's first lines. It
// runs after the pipe table transformer (200), which splits the marker's
// line from a table that follows it.
type alertTransformer struct{}

func (alertTransformer) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	q, ok := p.Parent().(*ast.Blockquote)
	if !ok || p.PreviousSibling() != nil || p.Lines().Len() == 0 {
		return
	}
	seg := p.Lines().At(0)
	m, ok := parseAlertMarker(reader.Source()[seg.Start:seg.Stop])
	if !ok {
		return
	}
	marker := &alertMarker{typ: m.typ, fold: m.fold}
	marker.SetPos(seg.Start)
	q.InsertBefore(q, p, marker)
	if m.titleEnd > m.titleStart {
		t := &mkdocsTitle{}
		t.Lines().Append(text.NewSegment(seg.Start+m.titleStart, seg.Start+m.titleEnd))
		q.InsertBefore(q, p, t)
	}
	lines := p.Lines()
	if lines.Len() == 1 {
		q.RemoveChild(q, p)
		return
	}
	lines.SetSliced(1, lines.Len())
	p.SetPos(lines.At(0).Start)
}

type alertOpener struct {
	typ  string
	fold byte
	// titleStart and titleEnd bound the title, offsets in the line;
	// equal when none was written.
	titleStart, titleEnd int
}

// parseAlertMarker reads a paragraph's first line:
//
//	[!TYPE][+-]?([ \t]+TITLE)?
//
// TYPE is letters, digits and hyphens, in any case.
func parseAlertMarker(s []byte) (o alertOpener, ok bool) {
	s = trimLineEnd(s)
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	if !bytes.HasPrefix(s[i:], []byte("[!")) {
		return o, false
	}
	i += 2
	start := i
	for i < len(s) && (isASCIILetter(s[i]) || s[i] >= '0' && s[i] <= '9' || s[i] == '-') {
		i++
	}
	if i == start || i >= len(s) || s[i] != ']' {
		return o, false
	}
	o.typ = strings.ToLower(string(s[start:i]))
	i++
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		o.fold = s[i]
		i++
	}
	o.titleStart, o.titleEnd = i, i
	if i == len(s) {
		return o, true
	}
	if s[i] != ' ' && s[i] != '\t' {
		return o, false // [!NOTE]: or [!NOTE]text
	}
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	o.titleStart, o.titleEnd = i, len(s)
	return o, true
}

// alert converts a block quote that holds an alert marker as the
// admonition or disclosure of its type: its children move to an
// mkdocsBlock, which converts as `!!!` or `???` would.
func (c *converter) alert(q *ast.Blockquote, m *alertMarker, base doc.BlockBase) []doc.Block {
	b := &mkdocsBlock{kind: mkdocsAdmonition, classes: []string{m.typ}}
	switch m.fold {
	case '+':
		b.kind, b.open = mkdocsDetails, true
	case '-':
		b.kind = mkdocsDetails
	}
	b.SetPos(q.Pos())
	q.RemoveChild(q, m)
	if _, ok := q.FirstChild().(*mkdocsTitle); !ok {
		b.defaultTitle = alertTitle(m.typ)
	}
	for ch := q.FirstChild(); ch != nil; ch = q.FirstChild() {
		b.AppendChild(b, ch)
	}
	return []doc.Block{c.mkdocsBox(b, base)}
}

// alertTitle is the title of an alert of type typ (lower case) that
// gives none: the type capitalised, but for mdbook-spec's edition notes,
// > [!EDITION-2018], which it titles "2018 Edition differences".
func alertTitle(typ string) string {
	if ed, ok := strings.CutPrefix(typ, "edition-"); ok && ed != "" {
		return ed + " Edition differences"
	}
	return capitalise(typ)
}
