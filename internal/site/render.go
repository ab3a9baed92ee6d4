package site

import (
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/xhtml"
)

// render writes one page: the frame, the masthead, the page's content in
// <main>, and the links to the pages around it.
func (b *builder) render(p *page) []byte {
	w := &xhtml.Writer{}
	body := xhtml.NewBody(w, view{&p.Planned, b, p}, xhtml.Options{Details: b.words.Details, Popovers: true, PageNumbers: true, See: b.words.See, SeeAlso: b.words.SeeAlso})
	body.SetLang(b.lang)
	bodyClass := "entry"
	if p.entry == nil {
		bodyClass = "index"
	}
	b.head(w, p.title, bodyClass)
	if p.entry != nil {
		w.Open("header", xhtml.A("class", "masthead"))
		w.Element("a", b.title, xhtml.A("href", IndexFile), xhtml.A("class", "book"))
		w.Close("header")
		w.NL()
	}
	w.Open("main", xhtml.A("id", mainID))
	w.NL()
	if p.entry == nil {
		b.indexContent(w, body)
	} else {
		b.entryContent(w, body, p)
	}
	w.Close("main")
	w.NL()
	b.pager(w, p)
	w.Raw("</body>\n</html>\n")
	return w.Bytes()
}

// head writes the start of a page up to and including <body>. The pages
// are XHTML served as HTML, so they read alike as either.
func (b *builder) head(w *xhtml.Writer, title, bodyClass string) {
	w.Raw("<!DOCTYPE html>\n")
	w.Open("html", xhtml.A("xmlns", "http://www.w3.org/1999/xhtml"), xhtml.A("lang", b.lang), xhtml.A("xml:lang", b.lang), xhtml.A("dir", b.dir))
	w.NL()
	w.Open("head")
	w.NL()
	w.Empty("meta", xhtml.A("charset", "utf-8"))
	w.NL()
	w.Empty("meta", xhtml.A("name", "viewport"), xhtml.A("content", "width=device-width, initial-scale=1"))
	w.NL()
	w.Element("title", title)
	w.NL()
	if bodyClass == "index" {
		if d := xhtml.OneLine(b.book.Meta.Description); d != "" {
			w.Empty("meta", xhtml.A("name", "description"), xhtml.A("content", d))
			w.NL()
		}
	}
	if g := xhtml.OneLine(b.book.Meta.Generator); g != "" {
		w.Empty("meta", xhtml.A("name", "generator"), xhtml.A("content", g))
		w.NL()
	}
	if b.opts.Fonts != nil {
		w.Empty("link", xhtml.A("rel", "stylesheet"), xhtml.A("href", fontCSS))
		w.NL()
	}
	w.Empty("link", xhtml.A("rel", "stylesheet"), xhtml.A("href", bookCSS))
	w.NL()
	w.Empty("link", xhtml.A("rel", "stylesheet"), xhtml.A("href", siteCSS))
	w.NL()
	if b.opts.Script != "" {
		w.Open("script", xhtml.A("src", b.opts.Script), xhtml.A("defer", "defer"))
		w.Close("script")
		w.NL()
	}
	w.Close("head")
	w.NL()
	w.Open("body", xhtml.A("class", bodyClass))
	w.NL()
}

// entryRoles are the DPUB-ARIA roles of the entries the build makes.
var entryRoles = map[doc.EntryRole]string{
	doc.RoleBibliography: "doc-bibliography",
	doc.RoleIndex:        "doc-index",
	doc.RoleAppendix:     "doc-appendix",
}

// entrySemantics are an entry's ARIA role and class, as in the EPUB.
func entrySemantics(e *doc.Entry) (role, class string) {
	if role, ok := entryRoles[e.Role]; ok && e.Kind != doc.KindPart {
		return role, e.Kind.String()
	}
	if e.Role == doc.RoleIndex && e.Kind != doc.KindPart {
		return "doc-index", e.Kind.String()
	}
	switch e.Kind {
	case doc.KindPart:
		return "doc-part", "part"
	case doc.KindSource:
		return "doc-chapter", "source"
	case doc.KindFrontMatter:
		return "", "front"
	case doc.KindBackMatter:
		return "", "back"
	}
	return "doc-chapter", "chapter"
}

func (b *builder) entryContent(w *xhtml.Writer, body *xhtml.Body, p *page) {
	e := p.entry
	body.SetPos(e.Pos)
	role, class := entrySemantics(e)
	if e.Generated {
		class += " generated"
	}
	// The page's frame speaks the book's language; the entry's text its own.
	var lang []xhtml.Attr
	if tag, ok := xhtml.ParseLang(e.Language); ok && tag != b.lang {
		lang = []xhtml.Attr{xhtml.A("lang", tag), xhtml.A("xml:lang", tag)}
		if dir := xhtml.Direction(tag); dir != xhtml.Direction(b.lang) {
			lang = append(lang, xhtml.A("dir", dir))
		}
		body.SetLang(tag)
	}
	w.Open("section", append([]xhtml.Attr{xhtml.A("role", role), xhtml.A("class", class), xhtml.A("aria-labelledby", p.TitleID)}, lang...)...)
	w.NL()
	for _, m := range p.startMarks {
		body.Marker(&m.PageMark)
	}
	if p.TitleHeading == nil {
		w.Open("h1", body.ID(p.TitleID))
		if xhtml.HasVisibleText(e.Title) {
			body.Inlines(e.Title)
		} else {
			w.Text(p.NavLabel)
		}
		w.Close("h1")
		w.NL()
	}
	body.Blocks(e.Blocks, false)
	if len(p.children) > 0 {
		// A part's page leads to its chapters.
		w.Open("ol", xhtml.A("class", "part-contents"))
		w.NL()
		for _, c := range p.children {
			w.Open("li")
			w.Element("a", c.NavLabel, xhtml.A("href", c.file))
			w.Close("li")
			w.NL()
		}
		w.Close("ol")
		w.NL()
	}
	body.Notes(p.Notes)
	w.Close("section")
	w.NL()
}

// indexContent is the title page, the contents and the copyright page.
func (b *builder) indexContent(w *xhtml.Writer, body *xhtml.Body) {
	m := b.book.Meta
	w.Open("section", xhtml.A("class", "titlepage"), xhtml.A("aria-labelledby", bookTitle))
	w.NL()
	w.Element("h1", b.title, xhtml.A("id", bookTitle), xhtml.A("class", "title"))
	w.NL()
	xhtml.TitlePageLines(w, m, b.words.Roles)
	w.Close("section")
	w.NL()

	w.Open("nav", xhtml.A("id", tocID), xhtml.A("role", "doc-toc"), xhtml.A("aria-labelledby", tocTitleID))
	w.NL()
	w.Element("h2", b.words.Contents, xhtml.A("id", tocTitleID))
	w.NL()
	var top []*page
	for _, e := range b.book.Entries {
		if p := b.pageOf[e]; p != nil {
			top = append(top, p)
		}
	}
	writeContents(w, top)
	w.Close("nav")
	w.NL()

	colophon := b.book.Colophon
	if len(colophon) == 0 && xhtml.OneLine(m.Rights) != "" {
		colophon = []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: m.Rights}}}}
	}
	if len(colophon) > 0 {
		w.Open("section", xhtml.A("class", "copyright"), xhtml.A("aria-labelledby", b.index.TitleID))
		w.NL()
		w.Element("h2", b.words.Copyright, xhtml.A("id", b.index.TitleID), xhtml.A("class", "copyright-title"))
		w.NL()
		body.Blocks(colophon, false)
		body.Notes(b.index.Notes)
		w.Close("section")
		w.NL()
	}
}

// writeContents lists pages, their headings and a part's chapters.
func writeContents(w *xhtml.Writer, pages []*page) {
	if len(pages) == 0 {
		return
	}
	w.Open("ol")
	w.NL()
	for _, p := range pages {
		w.Open("li")
		w.Element("a", p.NavLabel, xhtml.A("href", p.file))
		if len(p.Toc) > 0 {
			w.NL()
			w.Open("ol")
			w.NL()
			writeHeadings(w, p, p.Toc)
			w.Close("ol")
			w.NL()
		}
		if len(p.children) > 0 {
			w.NL()
			writeContents(w, p.children)
		}
		w.Close("li")
		w.NL()
	}
	w.Close("ol")
	w.NL()
}

// writeHeadings nests a page's listed headings by level.
func writeHeadings(w *xhtml.Writer, p *page, hs []xhtml.TocHeading) {
	for i := 0; i < len(hs); {
		h := hs[i]
		j := i + 1
		for j < len(hs) && hs[j].Level > h.Level {
			j++
		}
		w.Open("li")
		w.Element("a", h.Label, xhtml.A("href", p.file+"#"+h.ID))
		if j > i+1 {
			w.NL()
			w.Open("ol")
			w.NL()
			writeHeadings(w, p, hs[i+1:j])
			w.Close("ol")
			w.NL()
		}
		w.Close("li")
		w.NL()
		i = j
	}
}

// pager links a page to the pages before and after it, and to the index.
func (b *builder) pager(w *xhtml.Writer, p *page) {
	if p.prev == nil && p.next == nil {
		return
	}
	w.Open("nav", xhtml.A("class", "pager"), xhtml.A("aria-label", b.words.Chapters))
	w.NL()
	link := func(to *page, rel, word, arrow string) {
		w.Open("a", xhtml.A("href", to.file), xhtml.A("rel", rel), xhtml.A("class", rel))
		w.Open("span", xhtml.A("class", "pager-word"))
		if rel == "prev" {
			w.Element("span", arrow, xhtml.A("aria-hidden", "true"))
			w.Raw(" ")
		}
		w.Text(word)
		if rel == "next" {
			w.Raw(" ")
			w.Element("span", arrow, xhtml.A("aria-hidden", "true"))
		}
		w.Close("span")
		w.Raw(" ")
		w.Element("span", to.NavLabel, xhtml.A("class", "pager-title"))
		w.Close("a")
		w.NL()
	}
	back, forth := "←", "→"
	if b.dir == "rtl" {
		back, forth = forth, back
	}
	if p.prev != nil {
		link(p.prev, "prev", b.words.Previous, back)
	}
	if p.next != nil {
		link(p.next, "next", b.words.Next, forth)
	}
	w.Close("nav")
	w.NL()
}

// view answers xhtml.Body's questions about one page from what planning
// settled.
type view struct {
	*xhtml.Planned
	b *builder
	p *page
}

func (v view) Warn(pos doc.Pos, code, msg string) { v.b.warn(pos, code, msg) }
func (v view) Placed(*xhtml.PageMark)             {}

// Locator names an index locator by the printed page it is on, when the
// site shows the print edition's pages, else by its entry's title.
func (v view) Locator(l doc.IndexLocator) string {
	if pm := v.b.opts.PageMap; pm != nil {
		if label := pm.Anchors[l.Anchor]; label != "" {
			return label
		}
	}
	if t := v.b.pageByID[l.Entry]; t != nil {
		return t.NavLabel
	}
	return ""
}

func (v view) Marks(bl doc.Block) []*xhtml.PageMark {
	var out []*xhtml.PageMark
	for _, m := range v.b.marks[bl] {
		if m.page == v.p {
			out = append(out, &m.PageMark)
		}
	}
	return out
}

func (v view) Image(im *doc.Image) (xhtml.Picture, string) {
	name, width, height, problem := v.b.images.add(im.Asset)
	if name == "" {
		return xhtml.Picture{}, problem
	}
	pic := xhtml.Picture{Src: name}
	if im.Asset.MediaType != "image/svg+xml" {
		pic.Width, pic.Height = width, height
	}
	return pic, ""
}

// InternalLink leads to a page of the site, and an ID in it.
func (v view) InternalLink(l *doc.Link, raw string) (href, fallback, problem string, ok bool) {
	return xhtml.ResolveLink(l, raw, v.p,
		func(entry string) *page { return v.b.pageByID[entry] },
		func(id string) (*page, string, bool) { a, found := v.b.anchors[id]; return a.page, a.id, found },
		func(p *page) string { return p.file },
		func(p *page) string { return p.NavLabel })
}
