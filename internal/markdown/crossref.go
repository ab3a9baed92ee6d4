package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// Quarto's and pandoc-crossref's labelled items: a picture alone in its
// paragraph labelled {#fig-x} or {#fig:x} is a figure captioned by its
// description (inline.go, convert.go's paragraph), a table whose caption
// ends {#tbl-x} a numbered table (pandoctable.go), and display math
// followed by {#eq-x} a numbered equation, below. Each gets the span
// doc.CrossrefLabel makes where its number goes; the resolve pass numbers
// them and turns the references (@fig-x, which the parser reads as
// citations) into links.

// equation converts a paragraph that is display math and its label alone,
//
//	$$ E = mc^2 $$ {#eq-energy}      (Quarto, pandoc-crossref)
//	$$ E = mc^2 $$ (energy)          (MyST's dollarmath)
//
// into a centred paragraph, ID the label, class "equation", of the
// formula (math.go) and its number's span. ok is false
// for any other paragraph.
func (c *converter) equation(n ast.Node, base doc.BlockBase) (*doc.Paragraph, bool) {
	lines := n.Lines()
	if lines.Len() == 0 || lines.Len() > 200 {
		return nil, false
	}
	first, last := lines.At(0), lines.At(lines.Len()-1)
	lastLine := bytes.TrimRight(c.src[last.Start:last.Stop], " \t\r\n")
	if !bytes.HasPrefix(bytes.TrimLeft(c.src[first.Start:first.Stop], " \t"), []byte("$$")) ||
		!bytes.Contains(lastLine, []byte("{#")) && !bytes.HasSuffix(lastLine, []byte(")")) {
		return nil, false // most paragraphs: nothing copied
	}
	var src []byte
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		src = append(src, c.src[seg.Start:seg.Stop]...)
	}
	s := bytes.TrimSpace(src)
	if !bytes.HasPrefix(s, []byte("$$")) {
		return nil, false
	}
	var id string
	var math []byte
	switch {
	case bytes.HasSuffix(s, []byte("}")):
		brace := bytes.LastIndex(s, []byte("{#"))
		if brace < 0 {
			return nil, false
		}
		id = string(s[brace+2 : len(s)-1])
		if kind, _, _ := doc.CrossrefKind(id); kind != doc.CrossrefEquation || id[0] != 'e' || strings.ContainsAny(id, " \t\n{}") {
			return nil, false
		}
		math = bytes.TrimSpace(s[:brace])
	case bytes.HasSuffix(s, []byte(")")):
		paren := bytes.LastIndexByte(s, '(')
		if paren < 0 {
			return nil, false
		}
		id = string(s[paren+1 : len(s)-1])
		if !mystEquationLabel(id) {
			return nil, false
		}
		math = bytes.TrimSpace(s[:paren])
	default:
		return nil, false
	}
	if len(math) < 5 || !bytes.HasSuffix(math, []byte("$$")) {
		return nil, false
	}
	tex := strings.TrimSpace(collapseLines(string(math[2 : len(math)-2])))
	if tex == "" || strings.Contains(tex, "$$") {
		return nil, false
	}
	return &doc.Paragraph{BlockBase: base, ID: id, Classes: []string{"equation"}, Align: doc.AlignCenter,
		Content: append(c.math(tex, true, first.Start), &doc.Text{Text: " "}, doc.CrossrefLabel(doc.CrossrefEquation))}, true
}

// calloutTypes are Quarto's callouts, each what the MkDocs admonition of
// that type is.
var calloutTypes = map[string]bool{"note": true, "tip": true, "warning": true, "important": true, "caution": true}

// callout converts a fenced div of class callout-TYPE, Quarto's callout,
// as the admonition of TYPE (admonition.go): titled by its title
// attribute, else by a heading that opens it, else by its type's name;
// collapse="true" makes it a disclosure shown closed, collapse="false"
// one shown open. ok is false for any other div.
func (c *converter) callout(n *fencedDiv, base doc.BlockBase) ([]doc.Block, bool) {
	typ := ""
	var rest []string
	for _, cl := range n.classes {
		if t, ok := strings.CutPrefix(cl, "callout-"); ok && calloutTypes[t] && typ == "" {
			typ = t
			continue
		}
		rest = append(rest, cl)
	}
	if typ == "" {
		return nil, false
	}
	b := &mkdocsBlock{kind: mkdocsAdmonition, classes: append([]string{typ}, rest...), defaultTitle: capitalise(typ)}
	switch n.collapse {
	case "true":
		b.kind = mkdocsDetails
	case "false":
		b.kind, b.open = mkdocsDetails, true
	}
	return []doc.Block{c.titledDiv(n, b, base, "")}, true
}

// titledDiv makes the fenced div n the admonition or disclosure b:
// titled by n's title attribute, else by a heading that opens it (which
// then is no heading of the chapter, led by prefix and a colon when
// prefix is set), else by b's default title.
func (c *converter) titledDiv(n *fencedDiv, b *mkdocsBlock, base doc.BlockBase, prefix string) *doc.Div {
	b.SetPos(n.Pos())
	var title []doc.Inline
	if n.title != "" {
		title = []doc.Inline{&doc.Text{Text: n.title}}
	} else if h, ok := n.FirstChild().(*ast.Heading); ok {
		title = trimInlines(c.inlines(h, c.nodeLine(h)))
		n.RemoveChild(n, h)
		if prefix != "" && len(title) > 0 {
			title = append([]doc.Inline{&doc.Text{Text: prefix + ": "}}, title...)
		}
	}
	for ch := n.FirstChild(); ch != nil; ch = n.FirstChild() {
		b.AppendChild(b, ch)
	}
	if len(title) > 0 {
		b.defaultTitle = ""
	}
	// the div's classes are edition tags, as any fenced div's, which
	// the blocks made inside it need not repeat
	inner := base
	inner.Tags = nil
	d := c.mkdocsBox(b, inner)
	if len(title) > 0 {
		if d.Kind == doc.DivDetails {
			d.Blocks[0].(*doc.Div).Blocks[0].(*doc.Paragraph).Content = title
		} else {
			d.Blocks = append([]doc.Block{&doc.Paragraph{BlockBase: inner, Classes: []string{"admonition-title"}, Content: []doc.Inline{&doc.Strong{Content: title}}}}, d.Blocks...)
		}
	}
	d.ID, d.Tags = n.id, base.Tags
	return d
}

// mystEquationLabel reports whether s is a label MyST's dollarmath reads
// after an equation: letters, digits and "-_:.", a letter among them.
func mystEquationLabel(s string) bool {
	letter := false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			letter = true
		case r >= '0' && r <= '9' || r == '-' || r == '_' || r == ':' || r == '.':
		default:
			return false
		}
	}
	return letter && len(s) <= maxRuleName
}
