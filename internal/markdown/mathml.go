package markdown

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/texmath"
)

// MathML in raw HTML and in HTML chapters is typeset as TeX is: its TeX
// annotation (<semantics>' application/x-tex, the author's own source)
// when texmath reads it, else the presentation MathML read into the same
// tree (texmath.FromMathML). A <math> of text alone is MediaWiki's, whose
// text is TeX. A formula the tree cannot hold is printed as
// its text, as it was before, with one warning for each kind of element
// refused in a file, counting the formulas. The formula's text (doc.Math's
// TeX: the EPUB's alttext, the tagged PDF's alternate text) is its TeX
// annotation, else its alttext, else its characters.
//
// A <math display="block"> is a centred paragraph of its own, which ends
// the paragraph it stands in and starts another after it; punctuation
// right after it (texinfo's "…</math>:") goes into the formula, as TeX's
// authors put it.

// mathmlWarning is the warning about the first formula of a file whose
// MathML holds an element of a kind refused, and how many followed.
type mathmlWarning struct {
	index, more int
	first       string
}

func (h *htmlConv) math(n *html.Node) []item {
	display := texmath.MathMLDisplay(n)
	alt := strings.TrimSpace(collapseSpace(attrOr(n, "alttext")))
	var m *doc.Math
	tex := texmath.MathMLTeX(n)
	if tex == "" && !hasElementChild(n) {
		// MediaWiki's <math> holds TeX, not MathML
		tex = strings.TrimSpace(h.text(n))
	}
	if tex != "" {
		tree, blank, err := h.c.parseMath(tex)
		switch {
		case err == nil && !blank && len(tree.Children) > 0:
			m = &doc.Math{TeX: tex, Display: display, Tree: tree}
		case err != nil && !hasElementChild(n):
			// TeX alone, not typeset: printed as written, as a
			// formula between dollars is
			h.c.mathUnsupportedAt(err, tex, h.c.pos(h.line))
			return []item{{in: &doc.Span{Classes: []string{"math"}, Content: []doc.Inline{&doc.Text{Text: tex}}}, line: h.line}}
		}
	}
	text := func() string {
		if alt != "" {
			return alt
		}
		return strings.TrimSpace(collapseSpace(mathText(n)))
	}
	if m == nil {
		tree, err := texmath.FromMathML(n)
		if err != nil {
			h.mathmlUnsupported(err)
			t := text()
			if t == "" {
				return nil
			}
			return []item{{in: &doc.Span{Classes: []string{"math"}, Content: []doc.Inline{&doc.Text{Text: t}}}, line: h.line}}
		}
		if len(tree.Children) == 0 {
			return nil
		}
		tex := alt
		if tex == "" {
			tex = texmath.TeX(tree)
		}
		if tex == "" {
			// a formula of spaces alone prints nothing
			return nil
		}
		m = &doc.Math{TeX: tex, Display: display, Tree: tree}
	}
	if !display {
		return []item{{in: m, line: h.line}}
	}
	if p := trailingPunctuation(n); p != "" {
		m.Tree = &texmath.Node{Kind: texmath.Row, Tag: m.Tree.Tag, Label: m.Tree.Label,
			Children: []*texmath.Node{{Kind: texmath.Row, Children: m.Tree.Children}, {Kind: texmath.Op, Text: p, Class: texmath.Punct}}}
		m.TeX = strings.TrimSpace(m.TeX) + p
	}
	return []item{{bl: &doc.Paragraph{BlockBase: h.base(), Align: doc.AlignCenter, Content: []doc.Inline{m}}, line: h.line}}
}

// trailingPunctuation takes the punctuation that follows a display
// formula in its text (a comma, a full stop) out of the text after it,
// to be set in the formula.
func trailingPunctuation(n *html.Node) string {
	next := n.NextSibling
	if next == nil || next.Type != html.TextNode {
		return ""
	}
	rest := strings.TrimLeft(next.Data, " \t\r\n")
	r, sz := utf8.DecodeRuneInString(rest)
	if sz == 0 || !strings.ContainsRune(".,;:", r) {
		return ""
	}
	if after, _ := utf8.DecodeRuneInString(rest[sz:]); after != utf8.RuneError && !strings.ContainsRune(" \t\r\n", after) {
		// "…</math>.5" or an ellipsis is not punctuation of the formula
		return ""
	}
	next.Data = rest[sz:]
	return string(r)
}

// hasElementChild reports whether n holds an element.
func hasElementChild(n *html.Node) bool {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode {
			return true
		}
	}
	return false
}

// mathText is the characters of a MathML element, its TeX annotations
// and invisible operators left out: the text a formula not typeset
// prints.
func mathText(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(p *html.Node) {
		for ch := p.FirstChild; ch != nil; ch = ch.NextSibling {
			switch ch.Type {
			case html.TextNode:
				sb.WriteString(strings.Map(func(r rune) rune {
					if r >= '\u2061' && r <= '\u2064' {
						return -1
					}
					return r
				}, ch.Data))
			case html.ElementNode:
				if ch.Data == "annotation" || ch.Data == "annotation-xml" {
					continue
				}
				sb.WriteByte(' ')
				walk(ch)
				sb.WriteByte(' ')
			}
		}
	}
	walk(n)
	return sb.String()
}

// mathmlUnsupported warns of a formula printed as text for an element
// the tree cannot hold: once for each kind of element in a file, the
// formulas after the first counted in the same warning.
func (h *htmlConv) mathmlUnsupported(err error) {
	c := h.c
	kind := texmath.MathMLError(err)
	if c.mathmlWarned == nil {
		c.mathmlWarned = map[string]*mathmlWarning{}
	}
	if w, ok := c.mathmlWarned[kind]; ok {
		w.more++
		more := fmt.Sprintf("%d more formulas in this file are", w.more)
		if w.more == 1 {
			more = "1 more formula in this file is"
		}
		c.warnings[w.index].msg = fmt.Sprintf("%s; %s printed as text for it", w.first, more)
		return
	}
	what := err.Error()
	if e, ok := err.(*texmath.Error); ok {
		what = e.Msg
		if e.Construct != "" {
			what = e.Construct + " is not typeset"
		}
	}
	first := "MathML formula: " + what + "; it is printed as text"
	c.mathmlWarned[kind] = &mathmlWarning{index: len(c.warnings), first: first}
	c.warn(h.line, "math.unsupported", first)
}

// mathFallback reports whether an element is the picture of a formula
// whose MathML stands beside it: hidden from assistive technology
// (aria-hidden="true") in an element that holds a <math>, as MediaWiki's
// <img class="mwe-math-fallback-image-inline"> after its hidden MathML
// and KaTeX's <span class="katex-html"> after its <span
// class="katex-mathml">. The formula, typeset or printed as text, stands
// for it.
func mathFallback(n *html.Node) bool {
	if !strings.EqualFold(strings.TrimSpace(attrOr(n, "aria-hidden")), "true") || n.Parent == nil {
		return false
	}
	var hasMath func(*html.Node) bool
	hasMath = func(p *html.Node) bool {
		for ch := p.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch != n && ch.Type == html.ElementNode && (ch.Namespace == "math" && ch.Data == "math" || hasMath(ch)) {
				return true
			}
		}
		return false
	}
	return hasMath(n.Parent)
}
