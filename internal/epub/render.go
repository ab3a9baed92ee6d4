package epub

import (
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/xhtml"
)

const (
	nsXHTML = "http://www.w3.org/1999/xhtml"
	nsOPS   = "http://www.idpf.org/2007/ops"
)

// renderer writes one XHTML content document: the EPUB's frame and
// sections around the tree's content, which xhtml.Body writes.
type renderer struct {
	b    *builder
	d    *xdoc
	w    *xhtml.Writer
	body *xhtml.Body
}

func (d *xdoc) render(b *builder) {
	w := &xhtml.Writer{}
	r := &renderer{b: b, d: d, w: w,
		body: xhtml.NewBody(w, docView{&d.Planned, b, d}, xhtml.Options{EPUB: true, Details: b.words.Details, See: b.words.See, SeeAlso: b.words.SeeAlso})}
	lang := b.lang
	if d.kind == docEntry && d.entry != nil {
		// The root element carries the entry's language.
		if tag, ok := xhtml.ParseLang(d.entry.Language); ok {
			lang = tag
		}
	}
	r.body.SetLang(lang)
	bodyClass := ""
	switch d.kind {
	case docEntry:
		r.entry()
	case docCover:
		bodyClass = "cover"
		r.coverPage()
	case docTitlePage:
		bodyClass = "titlepage"
		r.titlePage()
	case docCopyright:
		bodyClass = "copyright"
		r.copyrightPage()
	}
	head, tail := b.frame(d.title, "../", bodyClass, lang)
	d.data = concat(head, []byte("\n"), w.Bytes(), []byte("\n"), tail)
}

// frame is the start of an XHTML document in language lang up to and
// including <body>, and its end.
func (b *builder) frame(title, toRoot, bodyClass, lang string) (head, tail []byte) {
	w := &xhtml.Writer{}
	w.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
	dir := ""
	if rightToLeft(lang) {
		dir = "rtl"
	}
	w.Open("html", xhtml.A("xmlns", nsXHTML), xhtml.A("xmlns:epub", nsOPS), xhtml.A("lang", lang), xhtml.A("xml:lang", lang), xhtml.A("dir", dir))
	w.NL()
	w.Open("head")
	w.NL()
	w.Element("title", title)
	w.NL()
	if b.fontCSS != nil {
		w.Empty("link", xhtml.A("rel", "stylesheet"), xhtml.A("type", "text/css"), xhtml.A("href", toRoot+fontCSS))
		w.NL()
	}
	w.Empty("link", xhtml.A("rel", "stylesheet"), xhtml.A("type", "text/css"), xhtml.A("href", toRoot+cssHref))
	w.NL()
	w.Close("head")
	w.NL()
	w.Open("body", xhtml.A("class", bodyClass))
	return w.Bytes(), []byte("</body>\n</html>\n")
}

// entrySemantics maps an entry to its epub:type, ARIA role and class.
func entrySemantics(e *doc.Entry) (epubType, role, class string) {
	if t, ok := entryRoles[e.Role]; ok && e.Kind != doc.KindPart {
		return t[0], t[1], e.Kind.String()
	}
	switch e.Kind {
	case doc.KindPart:
		return "part", "doc-part", "part"
	case doc.KindSource:
		return "chapter", "doc-chapter", "source"
	case doc.KindFrontMatter:
		return "frontmatter", "", "front"
	case doc.KindBackMatter:
		return "backmatter", "", "back"
	}
	return "chapter", "doc-chapter", "chapter"
}

// entryRoles are the epub:type and DPUB-ARIA role of each entry role.
var entryRoles = map[doc.EntryRole][2]string{
	doc.RoleBibliography: {"bibliography", "doc-bibliography"},
	doc.RoleIndex:        {"index", "doc-index"},
	doc.RoleAppendix:     {"appendix", "doc-appendix"},
}

func (r *renderer) entry() {
	d, e := r.d, r.d.entry
	r.body.SetPos(e.Pos)
	epubType, role, class := entrySemantics(e)
	if e.Generated {
		class += " generated"
	}
	r.w.Open("section", xhtml.A("epub:type", epubType), xhtml.A("role", role), xhtml.A("class", class),
		xhtml.A("aria-labelledby", d.TitleID))
	r.w.NL()
	for _, m := range d.startMarks {
		r.body.Marker(&m.PageMark)
	}
	if d.TitleHeading == nil {
		r.w.Open("h1", r.body.ID(d.TitleID))
		if xhtml.HasVisibleText(e.Title) {
			r.body.Inlines(e.Title)
		} else {
			r.w.Text(d.NavLabel)
		}
		r.w.Close("h1")
		r.w.NL()
	}
	r.body.Blocks(e.Blocks, false)
	r.body.Notes(d.Notes)
	r.w.Close("section")
}

// docView answers xhtml.Body's questions about one document from what
// planning settled.
type docView struct {
	*xhtml.Planned
	b *builder
	d *xdoc
}

func (v docView) Warn(pos doc.Pos, code, msg string) { v.b.warn(pos, code, msg) }

// Locator names an index locator by the printed page it is on, when the
// EPUB carries the print edition's pages, else by its entry's title.
func (v docView) Locator(l doc.IndexLocator) string {
	if pm := v.b.opts.PageMap; pm != nil {
		if label := pm.Anchors[l.Anchor]; label != "" {
			return label
		}
	}
	if t := v.b.entryByID[l.Entry]; t != nil {
		return t.NavLabel
	}
	return ""
}

func (v docView) Marks(bl doc.Block) []*xhtml.PageMark {
	var out []*xhtml.PageMark
	for _, m := range v.b.marks[bl] {
		if m.doc == v.d {
			out = append(out, &m.PageMark)
		}
	}
	return out
}

// Placed numbers the page markers in the order they are written, which is
// reading order.
func (v docView) Placed(pm *xhtml.PageMark) {
	m := v.b.markerOf[pm]
	if !m.placed {
		m.placed = true
		v.b.placedMarks++
		m.order = v.b.placedMarks
	}
}

// Image packages a picture and counts it for the accessibility metadata.
func (v docView) Image(im *doc.Image) (xhtml.Picture, string) {
	f, problem := v.b.images.add(im.Asset)
	if f == nil {
		return xhtml.Picture{}, problem
	}
	v.b.facts.images++
	switch {
	case xhtml.OneLine(im.Alt) != "":
		v.b.facts.imagesWithAlt++
	case im.Decorative:
		// A decorative picture needs no alternative: alt="" says so.
		v.b.facts.imagesWithAlt++
		v.b.facts.decorative++
	}
	pic := xhtml.Picture{Src: "../" + f.href, Width: f.width, Height: f.height}
	return pic, ""
}

// InternalLink leads to a document of the book, and an ID in it.
func (v docView) InternalLink(l *doc.Link, raw string) (href, fallback, problem string, ok bool) {
	return xhtml.ResolveLink(l, raw, v.d,
		func(entry string) *xdoc { return v.b.entryByID[entry] },
		func(id string) (*xdoc, string, bool) { a, found := v.b.anchors[id]; return a.doc, a.id, found },
		func(d *xdoc) string { return d.file },
		func(d *xdoc) string { return d.NavLabel })
}

func concat(parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make([]byte, 0, n)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}
