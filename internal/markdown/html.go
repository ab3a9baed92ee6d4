package markdown

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/samizdat-press/samizdat/internal/doc"
)

func hasKey[V any](m map[string]V, k string) bool {
	_, ok := m[k]
	return ok
}

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// voidElements never have content or an end tag.
var voidElements = setOf("area", "base", "basefont", "bgsound", "br", "col", "embed",
	"frame", "hr", "image", "img", "input", "keygen", "link", "meta", "param",
	"source", "track", "wbr")

// swallowing elements, left open, swallow what follows as raw text, discard
// it, or move it into foreign content. They are never left open across
// Markdown: an unclosed one is closed at the end of its paragraph or block.
var swallowing = setOf("script", "style", "textarea", "title", "xmp", "iframe",
	"noembed", "noframes", "noscript", "plaintext", "select", "option", "optgroup",
	"datalist", "template", "svg", "math", "object", "applet", "button",
	"frameset", "frame", "head")

// droppedElements are removed with their content, with a warning: active
// content, plugins, frames, form controls and document metadata have no
// place in a book.
var droppedElements = setOf("script", "style", "iframe", "object", "embed", "applet",
	"frame", "frameset", "noscript", "template", "input", "button", "select",
	"textarea", "option", "optgroup", "datalist", "keygen", "meta", "link",
	"base", "title", "head")

// quietElements are removed without a warning: they only describe their
// parent (media sources, image-map areas, column groups).
var quietElements = setOf("param", "source", "track", "area", "col", "colgroup", "wbr")

// spanElements become a doc.Span of the kind each element means.
var spanElements = map[string]doc.SpanKind{
	"span": doc.SpanPlain, "sup": doc.SpanSuperscript, "sub": doc.SpanSubscript, "small": doc.SpanSmall,
	"abbr": doc.SpanAbbreviation, "cite": doc.SpanCitation, "q": doc.SpanQuotation, "kbd": doc.SpanKeyboard,
	"samp": doc.SpanSample, "var": doc.SpanVariable, "dfn": doc.SpanDefinition, "mark": doc.SpanHighlight,
	"u": doc.SpanUnderlined, "ins": doc.SpanInserted, "time": doc.SpanTime, "bdi": doc.SpanIsolated,
	"i": doc.SpanAlternate, "b": doc.SpanAttention,
}

// divElements are the block elements kept as a doc.Div of the kind each
// means, when it stands in the parent it needs (any when parent is "").
var divElements = map[string]struct {
	parent string
	kind   doc.DivKind
}{
	"section": {"", doc.DivSection}, "article": {"", doc.DivArticle}, "aside": {"", doc.DivAside},
	"header": {"", doc.DivHeader}, "footer": {"", doc.DivFooter}, "address": {"", doc.DivAddress},
	"details": {"", doc.DivDetails}, "summary": {"details", doc.DivSummary},
	"dl": {"", doc.DivTermList}, "dt": {"dl", doc.DivTerm}, "dd": {"dl", doc.DivTermDefinition},
	"nav": {"", doc.DivPlain}, "main": {"", doc.DivPlain}, "hgroup": {"", doc.DivPlain},
	"fieldset": {"", doc.DivPlain}, "legend": {"fieldset", doc.DivPlain},
}

// unwrapElements are replaced by their content.
var unwrapElements = setOf("html", "body", "label", "picture", "li", "thead",
	"tbody", "tfoot", "tr", "td", "th", "caption", "figcaption")

// htmlConv converts HTML parsed by x/net/html into tree nodes.
type htmlConv struct {
	c    *converter
	line int // the line blocks made now are attributed to
	// Already converted nodes carried through the parser by placeholder
	// elements; each is used once.
	blocks     [][]doc.Block
	blockUsed  []bool
	inlines    [][]doc.Inline
	inlineUsed []bool
	// links are the targets of Markdown links rendered as <a> elements.
	links []*doc.Link
	// raw is where the raw HTML copied into inline content being parsed
	// is in the source.
	raw sourceMap
	// droppedFirst is, for each element name, the warning about the first
	// such element dropped here, and droppedMore how many more followed:
	// a form of forty buttons is one warning, at the first.
	droppedFirst map[string]int
	droppedMore  map[string]int
	// tabLabels are the labels a <Tabs> element's values prop gives its
	// tabs' values (mdx.go).
	tabLabels map[*html.Node]map[string]string
}

func newHTMLConv(c *converter, line int) *htmlConv {
	return &htmlConv{c: c, line: line}
}

// warnDropped reports an element dropped at source offset at (-1:
// unknown), once for each element name, counting the others.
func (h *htmlConv) warnDropped(name string, at int) {
	if i, ok := h.droppedFirst[name]; ok {
		h.droppedMore[name]++
		h.c.warnings[i].msg = fmt.Sprintf("raw HTML <%s> dropped, and %d more after it in the same HTML", name, h.droppedMore[name])
		return
	}
	if h.droppedFirst == nil {
		h.droppedFirst, h.droppedMore = map[string]int{}, map[string]int{}
	}
	h.droppedFirst[name] = len(h.c.warnings)
	h.c.warnNear(at, h.line, "html.dropped", "raw HTML <"+name+"> dropped")
}

func (h *htmlConv) addBlocks(bs []doc.Block) int {
	h.blocks = append(h.blocks, bs)
	h.blockUsed = append(h.blockUsed, false)
	return len(h.blocks) - 1
}

func (h *htmlConv) addInlines(in []doc.Inline) int {
	h.inlines = append(h.inlines, in)
	h.inlineUsed = append(h.inlineUsed, false)
	return len(h.inlines) - 1
}

// leftovers returns the placeholders' content the HTML did not place (it
// sat inside dropped markup), so Markdown content is never lost.
func (h *htmlConv) leftovers() []item {
	var out []item
	for i, in := range h.inlines {
		if !h.inlineUsed[i] {
			out = append(out, inlineItems(in, h.line)...)
		}
	}
	for i, bs := range h.blocks {
		if !h.blockUsed[i] {
			for _, b := range bs {
				out = append(out, item{bl: b, line: h.line})
			}
		}
	}
	return out
}

func (h *htmlConv) list(ns []*html.Node) []item {
	var out []item
	for _, n := range ns {
		out = append(out, h.node(n)...)
	}
	return out
}

func (h *htmlConv) children(n *html.Node) []item {
	var out []item
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		out = append(out, h.node(ch)...)
	}
	return out
}

func (h *htmlConv) node(n *html.Node) []item {
	switch n.Type {
	case html.TextNode:
		t := collapseSpace(n.Data)
		if t == "" {
			return nil
		}
		return []item{{in: &doc.Text{Text: t}, line: h.line}}
	case html.CommentNode:
		if rest, ok := strings.CutPrefix(n.Data, h.c.markers().line); ok {
			if l, err := strconv.Atoi(rest); err == nil && l > 0 && l <= len(h.c.lines) {
				h.line = l
			}
			return nil
		}
		// <![CDATA[…]]> is character data in XHTML; the HTML parser keeps it
		// as a comment.
		if inner, ok := strings.CutPrefix(n.Data, "[CDATA["); ok {
			inner = collapseSpace(strings.TrimSuffix(inner, "]]"))
			if strings.TrimSpace(inner) != "" {
				return []item{{in: &doc.Text{Text: inner}, line: h.line}}
			}
		}
		return nil
	case html.ElementNode:
		return h.element(n)
	case html.DocumentNode:
		return h.children(n)
	}
	return nil
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func attrOr(n *html.Node, key string) string {
	v, _ := attr(n, key)
	return v
}

func classes(n *html.Node) []string {
	return strings.Fields(attrOr(n, "class"))
}

func (h *htmlConv) base() doc.BlockBase {
	return doc.BlockBase{Pos: h.c.pos(h.line)}
}

func (h *htmlConv) blockItem(b doc.Block, line int) []item {
	if b == nil {
		return nil
	}
	return []item{{bl: b, line: line}}
}

// element converts an element; the language it marks applies to all it
// makes (a span element carries it itself).
func (h *htmlConv) element(n *html.Node) []item {
	if n.Namespace != "" || hasKey(spanElements, n.Data) {
		return h.elementContent(n)
	}
	return withLang(h.htmlLang(n), h.elementContent(n))
}

func (h *htmlConv) elementContent(n *html.Node) []item {
	switch n.Namespace {
	case "":
	case "svg":
		if n.Data == "svg" {
			return h.svg(n)
		}
		return h.children(n)
	case "math":
		if n.Data == "math" {
			return h.math(n)
		}
		return h.children(n)
	default:
		return h.children(n)
	}
	name := n.Data
	switch marks := h.c.markers(); name {
	case marks.block:
		i, err := strconv.Atoi(attrOr(n, indexAttr))
		if err != nil || i < 0 || i >= len(h.blocks) || h.blockUsed[i] {
			return nil
		}
		h.blockUsed[i] = true
		return blocksToItems(h.blocks[i])
	case marks.inline:
		i, err := strconv.Atoi(attrOr(n, indexAttr))
		if err != nil || i < 0 || i >= len(h.inlines) || h.inlineUsed[i] {
			return nil
		}
		h.inlineUsed[i] = true
		return inlineItems(h.inlines[i], h.line)
	}
	switch {
	case mathFallback(n):
		return nil
	case name == "object" && objectPicture(n) != "":
		return h.objectImage(n)
	case droppedElements[name]:
		return h.dropped(n)
	case quietElements[name]:
		return nil
	case h.c.htmlFile && isPageNumber(n):
		return h.pageNumberSpan(n)
	case hasKey(spanElements, name):
		return h.span(n)
	}
	line := h.line
	switch name {
	case "em":
		return h.wrap(h.children(n), func(c []doc.Inline) doc.Inline { return &doc.Emph{Content: c} })
	case "strong":
		return h.wrap(h.children(n), func(c []doc.Inline) doc.Inline { return &doc.Strong{Content: c} })
	case "del", "s", "strike":
		return h.wrap(h.children(n), func(c []doc.Inline) doc.Inline { return &doc.Strike{Content: c} })
	case "code", "tt":
		t := collapseSpace(h.text(n))
		if t == "" {
			return nil
		}
		return []item{{in: &doc.Code{Text: t}, line: line}}
	case "a":
		return h.anchor(n)
	case "img":
		return h.image(n)
	case "br":
		return []item{{in: &doc.Break{}, line: line}}
	case "p":
		return h.identify(n, aligned(n, blocksToItems(h.c.itemsToBlocks(h.children(n)))))
	case "h1", "h2", "h3", "h4", "h5", "h6":
		return h.heading(n)
	case "blockquote":
		b := &doc.BlockQuote{BlockBase: h.base(), Blocks: h.c.itemsToBlocks(h.children(n))}
		if len(b.Blocks) == 0 {
			return h.anchorPoint(attrOr(n, "id"))
		}
		if isVerse(n) {
			verseLines(b.Blocks)
		}
		return h.identify(n, h.blockItem(b, line))
	case "ul", "ol", "menu", "dir":
		return h.identify(n, h.listElement(n))
	case "pre":
		return h.identify(n, h.pre(n))
	case "table":
		return h.identify(n, h.table(n))
	case "hr":
		return h.blockItem(&doc.ThematicBreak{BlockBase: h.base()}, line)
	case "figure":
		return h.figure(n)
	case "div", "center":
		d := &doc.Div{BlockBase: h.base(), ID: attrOr(n, "id"), Classes: classes(n), Align: elementAlign(n), HeldNote: isNoteBody(n)}
		if name == "center" {
			d.Classes = append(d.Classes, "center")
			d.Align = doc.AlignCenter
		}
		return h.div(d, n)
	}
	if el, ok := divElements[name]; ok {
		d := &doc.Div{BlockBase: h.base(), ID: attrOr(n, "id"), Classes: classes(n), HeldNote: isNoteBody(n)}
		if el.parent == "" || inParent(n, el.parent) {
			d.Kind = el.kind
		} else {
			// Out of place (a <dt> outside a list): keep the name as a
			// class, since the element alone would not be valid.
			d.Classes = append(d.Classes, htmlClass(name))
		}
		return h.div(d, n)
	}
	if unwrapElements[name] {
		return h.children(n)
	}
	switch name {
	case "tabs":
		if labels := tabValues(h.c.src, h.tagOffset(n)); labels != nil {
			if h.tabLabels == nil {
				h.tabLabels = map[*html.Node]map[string]string{}
			}
			h.tabLabels[n] = labels
		}
		return h.div(&doc.Div{BlockBase: h.base(), ID: attrOr(n, "id"), Classes: []string{"tabbed-set"}}, n)
	case "tabitem":
		return h.tabItem(n)
	case "admonition":
		return h.admonition(n)
	case "codeblock":
		return h.codeBlock(n)
	}
	return h.unknown(n)
}

// admonition converts Docusaurus's <Admonition type="tip" title="…">
// component as its :::tip fence is converted (docusaurus.go): a box led
// by its title, else by its type capitalised ("Note" without one).
func (h *htmlConv) admonition(n *html.Node) []item {
	line := h.line
	typ := strings.ToLower(strings.TrimSpace(attrOr(n, "type")))
	if typ == "" {
		typ = "note"
	}
	title := collapseSpace(strings.TrimSpace(attrOr(n, "title")))
	if title == "" {
		title = capitalise(typ)
	}
	d := &doc.Div{BlockBase: h.base(), ID: attrOr(n, "id"), Kind: doc.DivAside, Classes: []string{"admonition", htmlClass(typ)[len("html-"):]}}
	d.Blocks = append([]doc.Block{&doc.Paragraph{BlockBase: d.BlockBase, Classes: []string{"admonition-title"}, Content: []doc.Inline{&doc.Strong{Content: []doc.Inline{&doc.Text{Text: title}}}}}},
		h.c.itemsToBlocks(h.children(n))...)
	return h.blockItem(d, line)
}

// codeBlock converts Docusaurus's <CodeBlock language="jsx" title="…">
// component as a fenced code block with that language and title is
// converted, its code read from the source (codeBlockContent): the HTML
// parser would read the markup in it. Code that is a JavaScript
// expression is left out with a warning.
func (h *htmlConv) codeBlock(n *html.Node) []item {
	line := h.line
	at := h.tagOffset(n)
	code, expr, ok := codeBlockContent(h.c.src, at)
	if ok {
		h.consume(n)
	}
	switch {
	case expr:
		h.c.warnNear(at, line, "mdx.expression", "<CodeBlock> holds a JavaScript expression, not its code; left out")
		return nil
	case !ok:
		code = h.text(n)
	}
	code = strings.Trim(code, "\n")
	if strings.TrimSpace(code) == "" {
		return nil
	}
	lang := attrOr(n, "language")
	// JSX's className (which the HTML parser lower-cases), or class
	for _, cl := range strings.Fields(attrOr(n, "classname") + " " + attrOr(n, "class")) {
		if l, ok := strings.CutPrefix(cl, "language-"); ok && lang == "" {
			lang = l
		}
	}
	base := h.base()
	code = dropMagicComments(lang, code)
	return h.blockItem(titledCode(base, collapseSpace(strings.TrimSpace(attrOr(n, "title"))), &doc.CodeBlock{BlockBase: base, Language: lang, Text: code}), line)
}

// consume marks the Markdown an element holds (its placeholders) used,
// where the element's content was read from the source instead: a code
// span Markdown found in a <CodeBlock>'s template literal.
func (h *htmlConv) consume(n *html.Node) {
	marks := h.c.markers()
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode {
			continue
		}
		used := h.blockUsed
		if ch.Data == marks.inline {
			used = h.inlineUsed
		} else if ch.Data != marks.block {
			h.consume(ch)
			continue
		}
		if i, err := strconv.Atoi(attrOr(ch, indexAttr)); err == nil && i >= 0 && i < len(used) {
			used[i] = true
		}
	}
}

// tabItem converts a tab of MDX's <Tabs> (Docusaurus's, Starlight's
// <TabItem>) as a content tab of MkDocs (admonition.go): a section led
// by its label in bold, the label attribute, else the one the values prop
// of its <Tabs> gives its value, else the value, as Docusaurus labels it.
// Print shows every tab, in order.
func (h *htmlConv) tabItem(n *html.Node) []item {
	line := h.line
	d := &doc.Div{BlockBase: h.base(), ID: attrOr(n, "id"), Kind: doc.DivSection, Classes: []string{"tabbed-block"}}
	d.Blocks = h.c.itemsToBlocks(h.children(n))
	label := strings.TrimSpace(attrOr(n, "label"))
	if label == "" {
		value := attrOr(n, "value")
		label = strings.TrimSpace(value)
		if l, ok := h.tabLabels[n.Parent][value]; ok && n.Parent != nil {
			label = l
		}
	}
	if label != "" {
		title := &doc.Paragraph{BlockBase: d.BlockBase, Classes: []string{"tabbed-title"}, Content: []doc.Inline{&doc.Strong{Content: []doc.Inline{&doc.Text{Text: collapseSpace(label)}}}}}
		d.Blocks = append([]doc.Block{title}, d.Blocks...)
	}
	if len(d.Blocks) == 0 && d.ID == "" {
		return nil
	}
	return h.blockItem(d, line)
}

// aligned gives the paragraphs an element made the alignment it asks for.
func aligned(n *html.Node, items []item) []item {
	if a := elementAlign(n); a != doc.AlignDefault {
		for _, it := range items {
			if p, ok := it.bl.(*doc.Paragraph); ok {
				p.Align = a
			}
		}
	}
	return items
}

// identify gives the block an element made its ID and classes; when it
// made none that keeps them (an empty paragraph), the ID stays a link
// target as an anchor point.
func (h *htmlConv) identify(n *html.Node, items []item) []item {
	id, cls := strings.TrimSpace(attrOr(n, "id")), classes(n)
	if id == "" && len(cls) == 0 {
		return items
	}
	for _, it := range items {
		if it.bl == nil {
			continue
		}
		if p := doc.IDOf(it.bl); p != nil && *p == "" {
			*p = id
			switch b := it.bl.(type) {
			case *doc.Paragraph:
				b.Classes = cls
			case *doc.BlockQuote:
				b.Classes = cls
			case *doc.List:
				b.Classes = cls
			case *doc.CodeBlock:
				b.Classes = cls
			case *doc.Table:
				b.Classes = cls
			}
			return items
		}
		break
	}
	return append(h.anchorPoint(id), items...)
}

func blocksToItems(bs []doc.Block) []item {
	out := make([]item, 0, len(bs))
	for _, b := range bs {
		out = append(out, item{bl: b})
	}
	return out
}

// inParent reports whether n stands in an element named parent, or in a
// div directly inside one (HTML lets a div group a term list's terms and
// definitions).
func inParent(n *html.Node, parent string) bool {
	p := n.Parent
	if p != nil && p.Data == "div" && p.Namespace == "" && parent == "dl" {
		p = p.Parent
	}
	return p != nil && p.Namespace == "" && p.Data == parent
}

// div finishes a Div from an element's content. An empty div is dropped
// unless it has an ID, which may be a link target. Term lists, terms and
// disclosures are shaped as the tree wants them (doc.Validate).
func (h *htmlConv) div(d *doc.Div, n *html.Node) []item {
	line := h.line
	d.Blocks = h.c.itemsToBlocks(h.children(n))
	var before []item
	switch d.Kind {
	case doc.DivTermList:
		before = blocksToItems(shapeTermList(d))
		if len(d.Blocks) == 0 {
			d.Kind = doc.DivPlain
		}
	case doc.DivTerm:
		if content := flattenItems(blocksToItems(d.Blocks)); len(content) > 0 {
			d.Blocks = []doc.Block{&doc.Paragraph{BlockBase: d.BlockBase, Content: content}}
		} else {
			d.Blocks = nil
		}
	case doc.DivDetails:
		_, d.Open = attr(n, "open")
		for i, b := range d.Blocks {
			if g, ok := b.(*doc.Div); ok && g.Kind == doc.DivSummary {
				// The first summary sums up the disclosure wherever it is.
				copy(d.Blocks[1:i+1], d.Blocks[:i])
				d.Blocks[0] = g
				break
			}
		}
	}
	if n.Data == "hgroup" {
		if hd := hgroupHeading(d); hd != nil {
			return h.blockItem(hd, line)
		}
	}
	if len(d.Blocks) == 0 && d.ID == "" {
		return before
	}
	return append(before, h.blockItem(d, line)...)
}

// hgroupHeading is the heading an <hgroup> of one heading and paragraphs
// (a chapter's number and its title, a title and its subtitle, as
// Standard Ebooks writes them) makes, its parts on lines of their own,
// so that the contents list the whole; nil for any other group.
func hgroupHeading(d *doc.Div) *doc.Heading {
	var hd *doc.Heading
	var before, after []doc.Inline
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *doc.Heading:
			if hd != nil {
				return nil
			}
			hd = b
		case *doc.Paragraph:
			if hd == nil {
				before = append(append(before, b.Content...), &doc.Break{})
			} else {
				after = append(append(after, &doc.Break{}), b.Content...)
			}
		default:
			return nil
		}
	}
	if hd == nil || len(before)+len(after) == 0 {
		return nil
	}
	hd.Content = append(append(before, hd.Content...), after...)
	if hd.ID == "" {
		hd.ID = d.ID
	}
	return hd
}

// shapeTermList makes a term list hold only terms and definitions, a term
// first: a div grouping them gives them up, a definition or other block
// before the first term goes before the list (returned), a block after one
// joins the definition before it or starts one, and empty terms go.
func shapeTermList(d *doc.Div) (before []doc.Block) {
	var out []doc.Block
	var add func(bs []doc.Block)
	add = func(bs []doc.Block) {
		for _, b := range bs {
			g, _ := b.(*doc.Div)
			switch {
			case g != nil && g.Kind == doc.DivTerm:
				if len(g.Blocks) > 0 {
					out = append(out, g)
				}
				continue
			case g != nil && g.Kind == doc.DivPlain && g.ID == "" && holdsTerms(g):
				add(g.Blocks)
				continue
			case len(out) == 0:
				if g != nil && g.Kind == doc.DivTermDefinition {
					g.Kind = doc.DivPlain
				}
				before = append(before, b)
				continue
			case g != nil && g.Kind == doc.DivTermDefinition:
				out = append(out, g)
				continue
			}
			last := out[len(out)-1].(*doc.Div)
			if last.Kind == doc.DivTermDefinition {
				last.Blocks = append(last.Blocks, b)
			} else {
				out = append(out, &doc.Div{BlockBase: doc.BlockBase{Pos: b.Position()}, Kind: doc.DivTermDefinition, Blocks: []doc.Block{b}})
			}
		}
	}
	add(d.Blocks)
	d.Blocks = out
	return before
}

// holdsTerms reports whether a group holds terms or definitions.
func holdsTerms(g *doc.Div) bool {
	for _, b := range g.Blocks {
		if c, ok := b.(*doc.Div); ok && (c.Kind == doc.DivTerm || c.Kind == doc.DivTermDefinition) {
			return true
		}
	}
	return false
}

// wrap applies an inline element to converted content. When the content
// holds blocks (a <b> around paragraphs), the element applies to each run
// of inline content and to the content of each paragraph and heading.
func (h *htmlConv) wrap(items []item, mk func([]doc.Inline) doc.Inline) []item {
	return eachRun(items, mk, func(b doc.Block) {
		switch b := b.(type) {
		case *doc.Paragraph:
			b.Content = []doc.Inline{mk(b.Content)}
		case *doc.Heading:
			b.Content = []doc.Inline{mk(b.Content)}
		}
	})
}

// eachRun gives an element's meaning to converted content that may mix
// inline content and blocks: each run of inline content becomes what
// wrapRun makes of it (a run of white space stays as it is), and each
// block is handed to block and kept in its place.
func eachRun(items []item, wrapRun func([]doc.Inline) doc.Inline, block func(doc.Block)) []item {
	var out []item
	var run []doc.Inline
	runLine := 0
	flush := func() {
		if len(run) == 0 {
			return
		}
		if allSpace(run) {
			out = append(out, inlineItems(run, runLine)...)
		} else {
			out = append(out, item{in: wrapRun(run), line: runLine})
		}
		run = nil
	}
	for _, it := range items {
		if it.bl == nil {
			if len(run) == 0 {
				runLine = it.line
			}
			run = append(run, it.in)
			continue
		}
		flush()
		block(it.bl)
		out = append(out, it)
	}
	flush()
	return out
}

func allSpace(in []doc.Inline) bool {
	for _, n := range in {
		t, ok := n.(*doc.Text)
		if !ok || strings.TrimSpace(t.Text) != "" {
			return false
		}
	}
	return true
}

// dropped removes an element with a warning. An iframe showing a web page
// leaves a link to it. Placeholders inside stay unused and are placed by
// leftovers.
func (h *htmlConv) dropped(n *html.Node) []item {
	at := h.tagOffset(n)
	if n.Data == "iframe" {
		src := strings.TrimSpace(attrOr(n, "src"))
		lower := strings.ToLower(src)
		if strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
			h.c.warnNear(at, h.line, "html.iframe-link", "raw HTML <iframe> replaced by a link to its source")
			link := &doc.Link{URL: src, Title: attrOr(n, "title"), Content: []doc.Inline{&doc.Text{Text: src}}, Pos: h.c.posAt(at, h.line)}
			return []item{{in: link, line: h.line}}
		}
	}
	h.warnDropped(n.Data, at)
	return nil
}

func (h *htmlConv) span(n *html.Node) []item {
	name := n.Data
	cls := classes(n)
	title := attrOr(n, "title")
	lang := h.htmlLang(n)
	items := h.children(n)
	anchor := h.anchorPoint(attrOr(n, "id"))
	if name == "span" && len(cls) == 0 && title == "" && lang == "" {
		return append(anchor, items...)
	}
	return append(anchor, h.wrap(items, func(c []doc.Inline) doc.Inline {
		return &doc.Span{Kind: spanElements[name], Classes: append([]string(nil), cls...), Title: title, Lang: lang, Content: c}
	})...)
}

// anchorPoint keeps an element's id as a link target: an empty span with
// that ID where the element starts. Books written for the web link to
// <a id="…"> and <a name="…"> anchors, and those links must keep working.
func (h *htmlConv) anchorPoint(id string) []item {
	id = strings.TrimSpace(id)
	if id == "" {
		return nil
	}
	return []item{{in: &doc.Span{ID: id}, line: h.line}}
}

func (h *htmlConv) anchor(n *html.Node) []item {
	at := h.tagOffset(n)
	var link *doc.Link
	if v, ok := attr(n, h.c.markers().link); ok {
		if i, err := strconv.Atoi(v); err == nil && i >= 0 && i < len(h.links) {
			l := *h.links[i]
			link = &l
		}
	} else if href, ok := attr(n, "href"); ok {
		href = strings.TrimSpace(href)
		if scheme, bad := unsafeURL(href, false); bad {
			h.c.warnNear(at, h.line, "link.unsafe", "raw HTML link to a "+scheme+": URL dropped, its text kept")
		} else {
			link = newLink(href, attrOr(n, "title"), strings.Fields(attrOr(n, "class")))
			link.Pos = h.c.posAt(at, h.line)
		}
	}
	items := h.children(n)
	id := attrOr(n, "id")
	if id == "" {
		id = attrOr(n, "name")
	}
	anchor := h.anchorPoint(id)
	if link == nil {
		return append(anchor, items...)
	}
	role := noteLinkRole(n)
	switch role {
	case "noteref":
		link.NoteRole = doc.NoteRoleRef
	case "backlink":
		link.NoteRole = doc.NoteRoleBack
	}
	if role != "" {
		// a note's number and its way back are their own reference: a
		// page number after them would be noise
		link.Page = doc.PageNone
	}
	wrapped := h.wrap(items, func(c []doc.Inline) doc.Inline {
		l := *link
		l.Content = c
		return &l
	})
	if role == "noteref" && !inParent(n, "sup") {
		// e-books raise a note's number with their style sheet
		wrapped = h.wrap(wrapped, func(c []doc.Inline) doc.Inline {
			return &doc.Span{Kind: doc.SpanSuperscript, Classes: []string{"noteref"}, Content: c}
		})
	}
	return append(anchor, wrapped...)
}

// noteLinkRole is "noteref" for a link to a note, "backlink" for a note's
// link back to its reference, as EPUB (epub:type) and DPUB-ARIA (role)
// mark them; "" for any other link.
func noteLinkRole(n *html.Node) string {
	for _, key := range []string{"epub:type", "role"} {
		for _, v := range strings.Fields(attrOr(n, key)) {
			switch strings.TrimPrefix(v, "doc-") {
			case "noteref":
				return "noteref"
			case "backlink":
				return "backlink"
			}
		}
	}
	return ""
}

// noteTypes are the epub:type values, and the DPUB-ARIA roles less
// their "doc-", of an element holding one note.
var noteTypes = setOf("footnote", "endnote", "rearnote", "note")

// noteListTypes are those of a section holding a list of notes.
var noteListTypes = setOf("footnotes", "endnotes", "rearnotes")

// semanticTypes are an element's epub:type values and roles, the latter
// less their "doc-".
func semanticTypes(n *html.Node) []string {
	var out []string
	for _, key := range []string{"epub:type", "role"} {
		for _, v := range strings.Fields(attrOr(n, key)) {
			out = append(out, strings.TrimPrefix(v, "doc-"))
		}
	}
	return out
}

// isNoteBody reports whether an element with an ID holds a note: it says
// so (epub:type="endnote", role="doc-footnote"), or it is an item of a
// list in a section of notes (Standard Ebooks' endnotes mark only the
// section).
func isNoteBody(n *html.Node) bool {
	if strings.TrimSpace(attrOr(n, "id")) == "" {
		return false
	}
	for _, t := range semanticTypes(n) {
		if noteTypes[t] {
			return true
		}
	}
	if n.Data != "li" {
		return false
	}
	for p := n.Parent; p != nil && p.Type == html.ElementNode; p = p.Parent {
		for _, t := range semanticTypes(p) {
			if noteListTypes[t] {
				return true
			}
		}
	}
	return false
}

func (h *htmlConv) image(n *html.Node) []item {
	at := h.tagOffset(n)
	src := strings.TrimSpace(attrOr(n, "src"))
	alt := attrOr(n, "alt")
	altItems := func() []item {
		if strings.TrimSpace(alt) == "" {
			return nil
		}
		return []item{{in: &doc.Text{Text: alt}, line: h.line}}
	}
	if src == "" {
		return altItems()
	}
	if scheme, bad := unsafeURL(src, true); bad {
		h.c.warnNear(at, h.line, "image.unsafe", "raw HTML <img> with a "+scheme+": source dropped, its description kept")
		return altItems()
	}
	img := &doc.Image{Src: src, Alt: alt, Title: attrOr(n, "title"), Pos: h.c.posAt(at, h.line)}
	if _, given := attr(n, "alt"); given && strings.TrimSpace(alt) == "" {
		img.Decorative = true // HTML's way to say so
	}
	img.Width, img.Height = imageSize(attrOr(n, "width"), attrOr(n, "height"), attrOr(n, "style"))
	img.Styled = len(classes(n)) > 0
	return []item{{in: img, line: h.line}}
}

// imageSize reads an <img>'s size from its width and height attributes
// and its style, whose width and height win as CSS's do. What is not a
// size ("auto", a calculation) is no size.
func imageSize(width, height, style string) (w, h doc.Length) {
	w, _ = doc.ParseLength(width)
	h, _ = doc.ParseLength(height)
	for _, decl := range strings.Split(style, ";") {
		name, value, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		value = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(value), "!important"))
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "width":
			if l, ok := doc.ParseLength(value); ok || value == "auto" {
				w = l
			}
		case "height":
			if l, ok := doc.ParseLength(value); ok || value == "auto" {
				h = l
			}
		}
	}
	return w, h
}

func (h *htmlConv) heading(n *html.Node) []item {
	line := h.line
	hd := &doc.Heading{
		BlockBase: h.base(),
		Level:     int(n.Data[1] - '0'),
		ID:        attrOr(n, "id"),
		Classes:   classes(n),
		Align:     elementAlign(n),
	}
	var rest []item
	for _, it := range h.children(n) {
		if it.bl != nil {
			rest = append(rest, it)
		} else {
			hd.Content = append(hd.Content, it.in)
		}
	}
	hd.Content = trimInlines(hd.Content)
	return append([]item{{bl: hd, line: line}}, rest...)
}

func (h *htmlConv) listElement(n *html.Node) []item {
	line := h.line
	l := &doc.List{BlockBase: h.base(), Ordered: n.Data == "ol", Tight: true}
	if l.Ordered {
		l.Start = 1
		if s, err := strconv.Atoi(strings.TrimSpace(attrOr(n, "start"))); err == nil && s > -1e9 && s < 1e9 {
			l.Start = s
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && ch.Namespace == "" && ch.Data == "li" {
			li := &doc.ListItem{}
			liBase := h.base()
			first := ch.FirstChild
			for first != nil && first.Type == html.TextNode && strings.TrimSpace(first.Data) == "" {
				first = first.NextSibling
			}
			var items []item
			for c := ch.FirstChild; c != nil; c = c.NextSibling {
				if c == first && isCheckbox(c) {
					li.Task = doc.TaskOpen
					if _, ok := attr(c, "checked"); ok {
						li.Task = doc.TaskDone
					}
					continue
				}
				if c.Type == html.ElementNode && c.Data == "p" {
					l.Tight = false
				}
				items = append(items, h.node(c)...)
			}
			if isNoteBody(ch) {
				// the note is a group the resolve pass can take whole
				li.Blocks = []doc.Block{&doc.Div{BlockBase: liBase, ID: strings.TrimSpace(attrOr(ch, "id")), HeldNote: true,
					Blocks: h.c.itemsToBlocks(withLang(h.htmlLang(ch), items))}}
			} else {
				items = append(h.anchorPoint(attrOr(ch, "id")), items...)
				li.Blocks = h.c.itemsToBlocks(withLang(h.htmlLang(ch), items))
			}
			l.Items = append(l.Items, li)
			continue
		}
		// Content outside any <li> joins the previous item.
		items := h.node(ch)
		if len(items) == 0 {
			continue
		}
		bs := h.c.itemsToBlocks(items)
		if len(bs) == 0 {
			continue
		}
		if len(l.Items) == 0 {
			l.Items = append(l.Items, &doc.ListItem{})
		}
		last := l.Items[len(l.Items)-1]
		last.Blocks = append(last.Blocks, bs...)
	}
	if len(l.Items) == 0 {
		return nil
	}
	return h.blockItem(l, line)
}

func isCheckbox(n *html.Node) bool {
	return n.Type == html.ElementNode && n.Data == "input" && strings.EqualFold(attrOr(n, "type"), "checkbox")
}

// text is the text content of an element: for code, preformatted text and
// math. Dropped elements inside give nothing; a <br> gives a newline.
// Placeholders give their plain text, unless they carry a note reference,
// which is then left for leftovers to place.
func (h *htmlConv) text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(p *html.Node) {
		for ch := p.FirstChild; ch != nil; ch = ch.NextSibling {
			switch ch.Type {
			case html.TextNode:
				b.WriteString(ch.Data)
			case html.ElementNode:
				switch {
				case ch.Namespace == "" && ch.Data == "br":
					b.WriteByte('\n')
				case ch.Namespace == "" && ch.Data == h.c.markers().inline:
					i, err := strconv.Atoi(attrOr(ch, indexAttr))
					if err != nil || i < 0 || i >= len(h.inlines) || h.inlineUsed[i] || hasNoteRef(h.inlines[i]) {
						continue
					}
					h.inlineUsed[i] = true
					b.WriteString(doc.PlainText(h.inlines[i]))
				case ch.Namespace == "" && droppedElements[ch.Data]:
					h.warnDropped(ch.Data, h.tagOffset(ch))
				default:
					walk(ch)
				}
			}
		}
	}
	walk(n)
	return b.String()
}

func hasNoteRef(in []doc.Inline) bool {
	found := false
	doc.WalkInlines(in, doc.Visitor{Inline: func(n doc.Inline) bool {
		if _, ok := n.(*doc.NoteRef); ok {
			found = true
		}
		return !found
	}})
	return found
}

func (h *htmlConv) pre(n *html.Node) []item {
	line := h.line
	lang := ""
	pick := func(e *html.Node) {
		for _, c := range classes(e) {
			if l, ok := strings.CutPrefix(c, "language-"); ok && l != "" && lang == "" {
				lang = l
			}
		}
	}
	pick(n)
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && ch.Data == "code" {
			pick(ch)
		}
	}
	text := strings.TrimSuffix(h.text(n), "\n")
	return h.blockItem(&doc.CodeBlock{BlockBase: h.base(), Language: lang, Text: text}, line)
}

// figure makes a doc.Figure of one image with an optional caption, and a
// Div with role "figure" of anything else.
func (h *htmlConv) figure(n *html.Node) []item {
	line := h.line
	var img *doc.Image
	var caption []doc.Inline
	var all []item
	simple := true
	var captionDiv *doc.Div
	captionFirst := false
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && ch.Namespace == "" && ch.Data == "figcaption" {
			items := h.children(ch)
			if captionDiv != nil {
				// A second caption is part of the figure's content.
				all = append(all, blocksToItems(h.c.itemsToBlocks(items))...)
				continue
			}
			caption = flattenItems(append(h.anchorPoint(attrOr(ch, "id")), items...))
			captionFirst = len(all) == 0
			captionDiv = &doc.Div{BlockBase: h.base(), ID: attrOr(ch, "id"), Classes: classes(ch), Kind: doc.DivCaption,
				Blocks: h.c.itemsToBlocks(withLang(h.htmlLang(ch), items))}
			continue
		}
		items := h.node(ch)
		all = append(all, items...)
		for _, it := range items {
			var found *doc.Image
			switch x := it.in.(type) {
			case *doc.Image:
				found = x
			case *doc.Text:
				if strings.TrimSpace(x.Text) == "" {
					continue
				}
			}
			if f, ok := it.bl.(*doc.Figure); ok && len(f.Caption) == 0 {
				found = f.Image
			}
			if found == nil || img != nil {
				simple = false
				continue
			}
			img = found
		}
	}
	id := attrOr(n, "id")
	if simple && img != nil {
		return h.blockItem(&doc.Figure{BlockBase: doc.BlockBase{Pos: h.c.pos(line)}, Image: img, Caption: caption, ID: id}, line)
	}
	d := &doc.Div{BlockBase: doc.BlockBase{Pos: h.c.pos(line)}, ID: id, Classes: classes(n), Kind: doc.DivFigure, Blocks: h.c.itemsToBlocks(all)}
	if captionDiv != nil && (len(captionDiv.Blocks) > 0 || captionDiv.ID != "") {
		if captionFirst {
			d.Blocks = append([]doc.Block{captionDiv}, d.Blocks...)
		} else {
			d.Blocks = append(d.Blocks, captionDiv)
		}
	}
	if len(d.Blocks) == 0 && d.ID == "" {
		return nil
	}
	return h.blockItem(d, line)
}

// unknown keeps the content of an element the tree has no equivalent for,
// in a span or div classed "html-<name>".
func (h *htmlConv) unknown(n *html.Node) []item {
	line := h.line
	cls := append([]string{htmlClass(n.Data)}, classes(n)...)
	items := h.children(n)
	if len(items) == 0 {
		return nil
	}
	for _, it := range items {
		if it.bl != nil {
			d := &doc.Div{BlockBase: doc.BlockBase{Pos: h.c.pos(line)}, ID: attrOr(n, "id"), Classes: cls, Blocks: h.c.itemsToBlocks(items)}
			return h.blockItem(d, line)
		}
	}
	if allSpace(inlinesOf(items)) {
		return items
	}
	return []item{{in: &doc.Span{Classes: cls, Title: attrOr(n, "title"), Content: inlinesOf(items)}, line: items[0].line}}
}

func inlinesOf(items []item) []doc.Inline {
	out := make([]doc.Inline, 0, len(items))
	for _, it := range items {
		if it.in != nil {
			out = append(out, it.in)
		}
	}
	return out
}

// htmlClass is the class kept for an unknown element: "html-" and its name
// lower-cased, reduced to [a-z0-9-].
func htmlClass(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimRight(b.String(), "-")
	if s == "" {
		s = "element"
	}
	return "html-" + s
}

// isVerse reports a quotation of verse, as e-books mark one (Standard
// Ebooks' epub:type="z3998:poem", song, hymn, verse, lyrics): its
// paragraphs are stanzas, set line by line.
func isVerse(n *html.Node) bool {
	for _, v := range strings.Fields(attrOr(n, "epub:type")) {
		switch strings.TrimPrefix(v, "z3998:") {
		case "poem", "verse", "song", "hymn", "lyrics":
			return true
		}
	}
	return false
}

// verseLines sets the stanzas among blocks line by line, each line in a
// span of class i1, i2… (Standard Ebooks' indents, of an em each) set in
// by as many em.
func verseLines(blocks []doc.Block) {
	for _, b := range blocks {
		p, ok := b.(*doc.Paragraph)
		if !ok {
			continue
		}
		p.Lines = true
		var out []doc.Inline
		for i, in := range p.Content {
			if t, ok := in.(*doc.Text); ok {
				// the source's line ends and indentation around <br/>
				if i == 0 || isBreak(p.Content[i-1]) {
					t.Text = strings.TrimLeft(t.Text, " \t\n")
				}
				if i+1 == len(p.Content) || isBreak(p.Content[i+1]) {
					t.Text = strings.TrimRight(t.Text, " \t\n")
				}
				if t.Text == "" {
					continue
				}
			}
			if sp, ok := in.(*doc.Span); ok {
				for _, cl := range sp.Classes {
					if n, err := strconv.Atoi(strings.TrimPrefix(cl, "i")); err == nil && strings.HasPrefix(cl, "i") && n > 0 && n <= 8 {
						// four no-break spaces are about an em
						out = append(out, &doc.Text{Text: strings.Repeat("\u00a0", 4*n)})
						break
					}
				}
			}
			out = append(out, in)
		}
		p.Content = out
	}
}

func isBreak(in doc.Inline) bool {
	_, ok := in.(*doc.Break)
	return ok
}

// objectPicture is the picture an <object> embeds (texinfo's and other
// converters' way with SVG figures): its data when its type, or else its
// file's extension, is a picture's; "" for anything else, a plug-in's or a
// page's, which is dropped with a warning.
func objectPicture(n *html.Node) string {
	data := strings.TrimSpace(attrOr(n, "data"))
	if data == "" {
		return ""
	}
	if t := strings.ToLower(strings.TrimSpace(attrOr(n, "type"))); t != "" {
		if strings.HasPrefix(t, "image/") {
			return data
		}
		return ""
	}
	file, _, _ := strings.Cut(data, "?")
	switch strings.ToLower(path.Ext(file)) {
	case ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp":
		return data
	}
	return ""
}

// objectImage is the picture an <object> embeds, sized as an <img> is and
// described by its fallback content (what a browser shows without the
// picture), unless that only names the picture's format.
func (h *htmlConv) objectImage(n *html.Node) []item {
	img := &html.Node{Type: html.ElementNode, Data: "img", DataAtom: atom.Img}
	alt := collapseSpace(strings.TrimSpace(h.text(n)))
	switch strings.ToLower(alt) {
	case "svg", "png", "jpeg", "jpg", "gif", "image", "picture", "figure":
		alt = ""
	}
	if v := attrOr(n, "aria-label"); v != "" {
		alt = v
	}
	img.Attr = append(img.Attr, html.Attribute{Key: "src", Val: objectPicture(n)})
	if alt != "" {
		img.Attr = append(img.Attr, html.Attribute{Key: "alt", Val: alt})
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "width", "height", "style", "class", "id", "title", h.c.markers().at:
			img.Attr = append(img.Attr, a)
		}
	}
	return h.image(img)
}
