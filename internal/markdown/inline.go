package markdown

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// item is a piece of mixed content: raw HTML can put a block (a div, a
// list) in the middle of a paragraph, so conversions that may meet raw HTML
// return items, and the caller splits paragraphs around the blocks.
type item struct {
	in   doc.Inline
	bl   doc.Block
	line int // where an inline run starts, for the paragraph made of it
}

func inlineItems(in []doc.Inline, line int) []item {
	out := make([]item, len(in))
	for i, n := range in {
		out[i] = item{in: n, line: line}
	}
	return out
}

// inlineItems converts the inline children of a goldmark block. Content
// with raw HTML goes through the HTML parser; the rest is converted directly.
func (c *converter) inlineItems(parent ast.Node, line int) []item {
	if hasRawHTML(parent) {
		return c.inlineHTML(parent, line)
	}
	return inlineItems(c.inlines(parent, line), line)
}

func hasRawHTML(parent ast.Node) bool {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch n.(type) {
		case *ast.RawHTML:
			return true
		case *ast.Image, *ast.CodeSpan, *ast.AutoLink:
			continue
		}
		if hasRawHTML(n) {
			return true
		}
	}
	return false
}

// inlines converts the inline children of parent, which hold no raw HTML.
func (c *converter) inlines(parent ast.Node, line int) []doc.Inline {
	var out []doc.Inline
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		out = append(out, c.inline(n, line)...)
	}
	return out
}

// inline converts one inline node. Raw HTML is skipped here; see inlineHTML.
func (c *converter) inline(n ast.Node, line int) []doc.Inline {
	switch n := n.(type) {
	case converted:
		return n.convert(c, line)
	case *ast.Text:
		out := []doc.Inline{&doc.Text{Text: c.textValue(n)}}
		switch {
		case n.HardLineBreak():
			out = append(out, &doc.Break{})
		case n.SoftLineBreak():
			out = append(out, &doc.Text{Text: " "})
		}
		return out
	case *ast.String:
		if n.IsCode() || n.IsRaw() {
			return []doc.Inline{&doc.Text{Text: string(n.Value)}}
		}
		return []doc.Inline{&doc.Text{Text: decodeMarkdown(n.Value)}}
	case *ast.CodeSpan:
		code := c.codeSpanText(n)
		at := -1
		if t, ok := n.FirstChild().(*ast.Text); ok {
			// at the span's first backtick
			for at = t.Segment.Start; at > 0 && at <= len(c.src) && c.src[at-1] == '`'; at-- {
			}
		}
		c.countInlineR(code, at, line)
		return []doc.Inline{&doc.Code{Text: code}}
	case *ast.Emphasis:
		if n.Level >= 2 {
			return []doc.Inline{&doc.Strong{Content: c.inlines(n, line)}}
		}
		return []doc.Inline{&doc.Emph{Content: c.inlines(n, line)}}
	case *east.Strikethrough:
		return []doc.Inline{&doc.Strike{Content: c.inlines(n, line)}}
	case *ast.Link:
		content := c.inlines(n, line)
		link := c.markdownLink(n, line)
		if link == nil {
			return content
		}
		link.Content = content
		return []doc.Inline{link}
	case *ast.Image:
		return c.markdownImage(n, line)
	case *ast.AutoLink:
		return []doc.Inline{c.autoLink(n, line)}
	case *east.FootnoteLink:
		if note := c.notesByIndex[n.Index]; note != nil {
			return []doc.Inline{&doc.NoteRef{Note: note}}
		}
		return nil
	case *citationNode:
		cite := n.cite
		cite.Line = c.pos(c.inlineLine(n, line)).Line
		return []doc.Inline{&cite}
	case *spanNode:
		sp := &doc.Span{ID: n.attrs.id, Classes: n.attrs.classes, Content: c.inlines(n, line)}
		for _, a := range n.attrs.kv {
			if a.Key == "lang" {
				sp.Lang = c.langTag(a.Value, c.inlineLine(n, line))
				continue
			}
			sp.Attrs = append(sp.Attrs, a)
		}
		return []doc.Inline{sp}
	case *superscriptNode:
		return c.superscript(n, line)
	case *east.TaskCheckBox, *ast.RawHTML, *attrNode:
		return nil
	}
	return c.inlines(n, line)
}

func (c *converter) textValue(n *ast.Text) string {
	v := n.Value(c.src)
	if n.IsRaw() {
		return string(v)
	}
	return decodeMarkdown(v)
}

func (c *converter) codeSpanText(n *ast.CodeSpan) string {
	var b bytes.Buffer
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch t := ch.(type) {
		case *ast.Text:
			v := t.Value(c.src)
			if bytes.HasSuffix(v, []byte("\n")) {
				b.Write(v[:len(v)-1])
				b.WriteByte(' ')
			} else {
				b.Write(v)
			}
		case *ast.String:
			b.Write(t.Value)
		}
	}
	return b.String()
}

// destination decodes a link's destination, once for each distinct one:
// the links of a chapter to one address (many references to one
// definition) share its string, so a long address is held once.
func (c *converter) destination(raw []byte) string {
	if s, ok := c.urls[string(raw)]; ok {
		return s
	}
	s := decodeMarkdown(raw)
	if c.jekyll != nil {
		// a Jekyll site's own address ([x](/docs/usage/)) leads to
		// the page's file, as the site serves it
		s = c.jekyll.pageLink(c.file, s)
	}
	if c.urls == nil {
		c.urls = map[string]string{}
	}
	c.urls[string(raw)] = s
	return s
}

// markdownLink makes the link of a Markdown link, or nil when its target is
// a script URL, whose text is then kept without the link.
func (c *converter) markdownLink(n *ast.Link, line int) *doc.Link {
	if c.refs != nil && c.refs.used {
		if i := implicitTarget(n.Destination); i >= 0 && i < len(c.refs.headings) {
			link := newLink("#", "", nil)
			c.implicit = append(c.implicit, implicitLink{link: link, heading: c.refs.headings[i]})
			return link
		}
	}
	if url := ruleRefURL(n); url != "" {
		// inside the book, as a link to a heading is
		return &doc.Link{URL: url, Page: doc.PageAfter, Pos: c.posAt(n.Pos(), line)}
	}
	url := c.destination(n.Destination)
	if scheme, bad := unsafeURL(url, false); bad {
		c.warnNear(n.Pos(), line, "link.unsafe", "link to a "+scheme+": URL dropped, its text kept")
		return nil
	}
	var classes []string
	if v, ok := n.AttributeString("class"); ok {
		if b, ok := v.([]byte); ok {
			classes = strings.Fields(string(b))
		}
	}
	link := newLink(url, decodeMarkdown(n.Title), classes)
	link.Pos = c.posAt(n.Pos(), line)
	return link
}

// newLink is the link a Markdown link or a raw HTML <a href> makes, so
// both are printed alike: a link inside the book, as far as the parser can
// tell, names the page it leads to in the print edition, or only that page
// with the class page.
func newLink(url, title string, classes []string) *doc.Link {
	link := &doc.Link{URL: url, Title: title}
	if len(classes) > 0 {
		link.Classes = classes
	}
	if !hasScheme(url) {
		link.Page = doc.PageAfter
	}
	for _, cl := range classes {
		if cl == "page" {
			link.Page = doc.PageOnly
		}
	}
	return link
}

// hasScheme reports whether a URL starts with a scheme ("https:") or is
// scheme-relative ("//host").
func hasScheme(url string) bool {
	if strings.HasPrefix(url, "//") {
		return true
	}
	for i := 0; i < len(url); i++ {
		switch c := url[i]; {
		case c == ':':
			return i > 0
		case c == '/' || c == '?' || c == '#':
			return false
		}
	}
	return false
}

func (c *converter) markdownImage(n *ast.Image, line int) []doc.Inline {
	if c.refs != nil && c.refs.used && implicitTarget(n.Destination) >= 0 ||
		bytes.HasPrefix(n.Destination, []byte(ruleRefPrefix)) || bytes.HasPrefix(n.Destination, []byte(autorefPrefix)) {
		return c.imageAsWritten(n, line)
	}
	img := &doc.Image{
		Src:   decodeMarkdown(n.Destination),
		Alt:   c.plain(n),
		Title: decodeMarkdown(n.Title),
		Pos:   c.posAt(n.Pos(), line),
	}
	for _, side := range []struct {
		key string
		to  *doc.Length
	}{{"width", &img.Width}, {"height", &img.Height}} {
		v, ok := n.AttributeString(side.key)
		if !ok {
			continue
		}
		raw, _ := v.([]byte)
		l, ok := doc.ParseLength(string(raw))
		if !ok {
			c.warnNear(n.Pos(), line, "image.size", fmt.Sprintf("picture %s=%q is not a size (give a number and one of px, %%, em, in, cm, mm, pt); left out", side.key, raw))
			continue
		}
		*side.to = l
	}
	// an alt attribute ({alt="…"}, as pandoc reads it and the Carpentries
	// write it) describes the picture, whatever the brackets hold;
	// alt="" says it only decorates, as HTML's does
	if v, ok := n.AttributeString("alt"); ok {
		alt, _ := v.([]byte)
		img.Alt = strings.TrimSpace(string(alt))
		img.Decorative = img.Alt == ""
	}
	if v, ok := n.AttributeString("class"); ok {
		b, _ := v.([]byte)
		img.Styled = strings.TrimSpace(string(b)) != ""
	}
	if v, ok := n.AttributeString("id"); ok {
		if id, _ := v.([]byte); len(id) > 0 {
			if kind, _, _ := doc.CrossrefKind(string(id)); kind == doc.CrossrefFigure && id[0] == 'f' {
				if c.figureLabels == nil {
					c.figureLabels = map[*doc.Image]figureLabel{}
				}
				c.figureLabels[img] = figureLabel{id: string(id), caption: trimInlines(c.inlines(n, line))}
				// Quarto's fig-alt describes the picture its caption does not
				if v, ok := n.AttributeString("fig-alt"); ok {
					if alt, _ := v.([]byte); strings.TrimSpace(string(alt)) != "" {
						img.Alt = strings.TrimSpace(string(alt))
					}
				}
			}
		}
	}
	if scheme, bad := unsafeURL(img.Src, true); bad {
		c.warnNear(n.Pos(), line, "image.unsafe", "image with a "+scheme+": source dropped, its description kept")
		if img.Alt == "" {
			return nil
		}
		return []doc.Inline{&doc.Text{Text: img.Alt}}
	}
	return []doc.Inline{img}
}

func (c *converter) autoLink(n *ast.AutoLink, line int) doc.Inline {
	url := string(n.URL(c.src))
	label := string(n.Label(c.src))
	if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
		url = "mailto:" + url
	}
	text := &doc.Text{Text: label}
	if scheme, bad := unsafeURL(url, false); bad {
		c.warnNear(n.Pos(), line, "link.unsafe", "link to a "+scheme+": URL dropped, its text kept")
		return text
	}
	return &doc.Link{URL: url, Content: []doc.Inline{text}, Pos: c.posAt(n.Pos(), line)}
}

// plain is the text of inline content, for an image's description.
func (c *converter) plain(n ast.Node) string {
	var b strings.Builder
	var walk func(ast.Node)
	walk = func(p ast.Node) {
		for ch := p.FirstChild(); ch != nil; ch = ch.NextSibling() {
			switch t := ch.(type) {
			case *ast.Text:
				b.WriteString(c.textValue(t))
				if t.SoftLineBreak() || t.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				if t.IsCode() || t.IsRaw() {
					b.Write(t.Value)
				} else {
					b.WriteString(decodeMarkdown(t.Value))
				}
			case *ast.CodeSpan:
				b.WriteString(c.codeSpanText(t))
			case *citationNode:
				b.WriteString(t.cite.Text)
			case *mathNode:
				// a description holds the formula as written
				delim := "$"
				if t.display {
					delim = "$$"
				}
				b.WriteString(delim + t.tex + delim)
			case *ast.AutoLink:
				b.Write(t.Label(c.src))
			case *ast.RawHTML:
			default:
				walk(ch)
			}
		}
	}
	walk(n)
	return b.String()
}

// markers names what carries converted nodes through the HTML parser:
// placeholder elements for blocks and inlines, the attribute that ties a
// rendered Markdown link to its target, and the comment that marks where an
// HTML block starts. Every name holds a stem that occurs nowhere in the
// source, in any letter case. Raw HTML reaches the parser verbatim from the
// source, and the parser only lowercases ASCII letters in names, so no
// author can write a marker: a look-alike stays the author's own markup.
type markers struct {
	// stem begins every marker name.
	stem                      string
	block, inline, link, line string
	// at is the attribute that carries a picture tag's source offset
	// through the HTML parser.
	at string
}

// indexAttr numbers a placeholder; it means something only on a marker element.
const indexAttr = "data-i"

func newMarkers(src []byte) markers {
	stem := "samizdat"
	for n := 0; containsFold(src, stem); n++ {
		stem = "samizdat" + strconv.Itoa(n)
	}
	return markers{
		stem:   stem,
		block:  stem + "-block",
		inline: stem + "-inline",
		link:   "data-" + stem + "-link",
		line:   stem + "-line:",
		at:     "data-" + stem + "-at",
	}
}

// containsFold reports whether s holds word (lower-case ASCII) with any
// ASCII letter case.
func containsFold(s []byte, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		j := 0
		for j < len(word) && s[i+j]|0x20 == word[j] {
			j++
		}
		if j == len(word) {
			return true
		}
	}
	return false
}

// markers returns the converter's marker names, chosen on first use.
func (c *converter) markers() markers {
	if c.marks == nil {
		m := newMarkers(c.src)
		c.marks = &m
	}
	return *c.marks
}

var paragraphContext = &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}

// inlineHTML converts inline content that holds raw HTML. goldmark gives
// each raw tag on its own, so an element's start and end tags arrive as
// separate nodes with Markdown between them. The content is rendered to one
// HTML string (Markdown emphasis, strike and links as their HTML elements,
// other nodes as placeholder elements) and parsed with the HTML5 parser,
// which pairs the tags, closes unclosed ones at the end and ignores stray end
// tags; the result is converted back.
func (c *converter) inlineHTML(parent ast.Node, line int) []item {
	h := newHTMLConv(c, line)
	var b strings.Builder
	guards := rawTagGuards(c, parent, line)
	c.renderInlineHTML(&b, parent, h, guards, line)
	nodes, err := c.parseMarked(b.String(), h.raw, paragraphContext)
	if err != nil {
		return inlineItems(c.inlines(parent, line), line)
	}
	items := h.list(nodes)
	return append(items, h.leftovers()...)
}

func (c *converter) renderInlineHTML(b *strings.Builder, parent ast.Node, h *htmlConv, guards map[*ast.RawHTML]rawGuard, line int) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Text:
			b.WriteString(html.EscapeString(c.textValue(n)))
			switch {
			case n.HardLineBreak():
				b.WriteString("<br>")
			case n.SoftLineBreak():
				b.WriteByte(' ')
			}
		case *ast.String:
			if n.IsCode() || n.IsRaw() {
				b.WriteString(html.EscapeString(string(n.Value)))
			} else {
				b.WriteString(html.EscapeString(decodeMarkdown(n.Value)))
			}
		case *ast.Emphasis:
			tag := "em"
			if n.Level >= 2 {
				tag = "strong"
			}
			b.WriteString("<" + tag + ">")
			c.renderInlineHTML(b, n, h, guards, line)
			b.WriteString("</" + tag + ">")
		case *east.Strikethrough:
			b.WriteString("<del>")
			c.renderInlineHTML(b, n, h, guards, line)
			b.WriteString("</del>")
		case *ast.Link:
			link := c.markdownLink(n, line)
			if link == nil {
				c.renderInlineHTML(b, n, h, guards, line)
				continue
			}
			h.links = append(h.links, link)
			b.WriteString("<a " + c.markers().link + `="` + strconv.Itoa(len(h.links)-1) + `">`)
			c.renderInlineHTML(b, n, h, guards, line)
			b.WriteString("</a>")
		case *ast.RawHTML:
			g := guards[n]
			if g.drop {
				continue
			}
			for i := 0; i < n.Segments.Len(); i++ {
				h.raw.copySegment(b, c.src, n.Segments.At(i))
			}
			if g.closeWith != "" {
				b.WriteString("</" + g.closeWith + ">")
			}
		default:
			if in := c.inline(n, line); len(in) > 0 {
				i := h.addInlines(in)
				name := c.markers().inline
				b.WriteString("<" + name + " " + indexAttr + `="` + strconv.Itoa(i) + `"></` + name + ">")
			}
		}
	}
}

// rawGuard changes how one raw tag is rendered for the HTML parser.
type rawGuard struct {
	closeWith string // an end tag to add right after the start tag
	drop      bool   // leave the tag out
}

// rawTagGuards finds start tags of elements that would swallow or discard
// the rest of the paragraph when left open (a script, a select, an svg…)
// and have no end tag later in the paragraph; they are closed at once so the
// Markdown after them survives. <plaintext> cannot be closed and is dropped.
func rawTagGuards(c *converter, parent ast.Node, line int) map[*ast.RawHTML]rawGuard {
	type tag struct {
		node *ast.RawHTML
		name string
		end  bool
	}
	var tags []tag
	var walk func(ast.Node)
	walk = func(p ast.Node) {
		for n := p.FirstChild(); n != nil; n = n.NextSibling() {
			switch n := n.(type) {
			case *ast.RawHTML:
				var raw []byte
				for i := 0; i < n.Segments.Len(); i++ {
					seg := n.Segments.At(i)
					raw = append(raw, seg.Value(c.src)...)
				}
				if name, end, ok := rawTagName(raw); ok {
					tags = append(tags, tag{n, name, end})
				}
			case *ast.Image, *ast.CodeSpan, *ast.AutoLink:
			default:
				walk(n)
			}
		}
	}
	walk(parent)
	guards := map[*ast.RawHTML]rawGuard{}
	// endsAfter holds the names of the end tags after the tag looked at:
	// going from the last tag back, each is asked about once, so many
	// unclosed tags cost linear time.
	endsAfter := map[string]bool{}
	var plaintext []*ast.RawHTML
	for i := len(tags) - 1; i >= 0; i-- {
		t := tags[i]
		if t.end {
			endsAfter[t.name] = true
			continue
		}
		if !swallowing[t.name] || voidElements[t.name] {
			continue
		}
		if t.name == "plaintext" {
			plaintext = append(plaintext, t.node)
			guards[t.node] = rawGuard{drop: true}
			continue
		}
		if !endsAfter[t.name] {
			guards[t.node] = rawGuard{closeWith: t.name}
		}
	}
	for i := len(plaintext) - 1; i >= 0; i-- { // warned of in order
		c.warnNear(plaintext[i].Pos(), line, "html.dropped", "raw HTML <plaintext> dropped")
	}
	return guards
}

// rawTagName gives the lower-cased element name of a start or end tag.
func rawTagName(raw []byte) (name string, end bool, ok bool) {
	if len(raw) < 2 || raw[0] != '<' {
		return "", false, false
	}
	raw = raw[1:]
	if raw[0] == '/' {
		end = true
		raw = raw[1:]
	}
	i := 0
	for i < len(raw) && (isASCIILetter(raw[i]) || (i > 0 && (raw[i] >= '0' && raw[i] <= '9' || raw[i] == '-'))) {
		i++
	}
	if i == 0 {
		return "", false, false
	}
	return strings.ToLower(string(raw[:i])), end, true
}

func isASCIILetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

// imageAsWritten is the text of an image whose label names a heading, a
// rule or API documentation, not a definition: none is a picture, so it
// stays the text it was.
func (c *converter) imageAsWritten(n *ast.Image, line int) []doc.Inline {
	out := append([]doc.Inline{&doc.Text{Text: "!["}}, c.inlines(n, line)...)
	end := "]"
	if r := n.Reference; r != nil {
		switch r.Type {
		case ast.ReferenceLinkCollapsed:
			end = "][]"
		case ast.ReferenceLinkFull:
			end = "][" + decodeMarkdown(r.Value) + "]"
		}
	}
	return append(out, &doc.Text{Text: end})
}
