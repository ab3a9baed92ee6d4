package epub

import (
	"crypto/sha1"
	"fmt"
	"regexp"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/xhtml"
)

// identifier is the edition's dc:identifier: the one its options give,
// else the book's. A book without one gets a name based UUID (RFC 9562
// version 5) of its title, creators and language, so that it is stable from
// build to build; a named edition's is a UUID of the book's and the
// edition's name, so that two editions never share one in a library.
func (b *builder) identifier() string {
	if id := xhtml.OneLine(b.opts.Identifier); id != "" {
		return id
	}
	id := xhtml.OneLine(b.book.Meta.Identifier)
	if id == "" {
		id = nameUUID(b.bookTitle(), b.creatorNames(), b.lang)
	}
	if ed := xhtml.OneLine(b.book.Meta.Edition); ed != "" {
		return nameUUID(id, ed)
	}
	return id
}

// nameUUID is a name-based UUID (RFC 9562 version 5) of parts.
func nameUUID(parts ...string) string {
	h := sha1.New()
	h.Write([]byte("samizdat"))
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write([]byte(p))
	}
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// metaTitle is the title a library lists: the book's, followed by the
// edition's suffix.
func (b *builder) metaTitle() string {
	if s := xhtml.OneLine(b.opts.TitleSuffix); s != "" {
		return b.bookTitle() + " " + s
	}
	return b.bookTitle()
}

// principalRole is the role of the creators a library files the book
// under: the authors, or in a book without one the role of the creator
// listed first (the editors of a collection, the compilers of a reader).
func (b *builder) principalRole() string {
	groups := xhtml.CreatorGroups(b.book.Meta.Creators)
	for _, g := range groups {
		if g.Role == "aut" {
			return "aut"
		}
	}
	if len(groups) > 0 {
		return groups[0].Role
	}
	return "aut"
}

var (
	datePattern  = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$`)
	rolePattern  = regexp.MustCompile(`^[a-z]{3}$`)
	summaryLangs = map[string]bool{"en": true}
)

// metadata writes the package's <metadata> element.
func (b *builder) metadata() []byte {
	m := b.book.Meta
	w := &xhtml.Writer{}
	line := func() { w.Raw("\n    ") }
	w.Open("metadata", xhtml.A("xmlns:dc", "http://purl.org/dc/elements/1.1/"))
	line()
	if xhtml.OneLine(m.Identifier) == "" && xhtml.OneLine(b.opts.Identifier) == "" {
		b.warn(b.metaPos(), "metadata.identifier", "the book has no identifier; using one derived from its title and creators")
	}
	w.Element("dc:identifier", b.identifier(), xhtml.A("id", "pub-id"))
	line()
	if xhtml.OneLine(m.Title) == "" {
		b.warn(b.metaPos(), "metadata.title", "the book has no title")
	}
	w.Element("dc:title", b.metaTitle(), xhtml.A("id", "title"))
	line()
	w.Element("meta", "main", xhtml.A("refines", "#title"), xhtml.A("property", "title-type"))
	if s := xhtml.OneLine(m.Subtitle); s != "" {
		line()
		w.Element("dc:title", s, xhtml.A("id", "subtitle"))
		line()
		w.Element("meta", "subtitle", xhtml.A("refines", "#subtitle"), xhtml.A("property", "title-type"))
	}
	line()
	w.Element("dc:language", b.lang)
	principal := b.principalRole()
	for i, c := range m.Creators {
		name := xhtml.OneLine(c.Name)
		if name == "" {
			continue
		}
		role := strings.TrimSpace(c.Role)
		if role == "" {
			role = "aut"
		}
		el, id := "dc:contributor", fmt.Sprintf("contributor-%d", i+1)
		if role == principal {
			el, id = "dc:creator", fmt.Sprintf("creator-%d", i+1)
		}
		line()
		w.Element(el, name, xhtml.A("id", id))
		if rolePattern.MatchString(role) {
			line()
			w.Element("meta", role, xhtml.A("refines", "#"+id), xhtml.A("property", "role"), xhtml.A("scheme", "marc:relators"))
		} else {
			b.warn(b.metaPos(), "metadata.role", fmt.Sprintf("creator %q has role %q, which is not a MARC relator code", name, xhtml.OneLine(role)))
		}
		if fa := xhtml.OneLine(c.FileAs); fa != "" {
			line()
			w.Element("meta", fa, xhtml.A("refines", "#"+id), xhtml.A("property", "file-as"))
		}
	}
	if s := xhtml.OneLine(m.Publisher); s != "" {
		line()
		w.Element("dc:publisher", s)
	}
	if s := xhtml.OneLine(m.Date); s != "" {
		if datePattern.MatchString(s) {
			line()
			w.Element("dc:date", s)
		} else {
			b.warn(b.metaPos(), "metadata.date", fmt.Sprintf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD; left out of the metadata", s))
		}
	}
	if s := xhtml.OneLine(m.Rights); s != "" {
		line()
		w.Element("dc:rights", s)
	}
	if s := xhtml.OneLine(m.EditionTitle); s != "" {
		line()
		w.Element("meta", s, xhtml.A("property", "schema:bookEdition"))
	}
	if s := xhtml.OneLine(m.Description); s != "" {
		line()
		w.Element("dc:description", s)
	}
	seen := map[string]bool{}
	for _, s := range m.Subjects {
		if s = xhtml.OneLine(s); s != "" && !seen[s] {
			seen[s] = true
			line()
			w.Element("dc:subject", s)
		}
	}
	for _, s := range b.sources() {
		line()
		w.Element("dc:source", s)
	}
	line()
	w.Element("meta", b.modified.Format("2006-01-02T15:04:05Z"), xhtml.A("property", "dcterms:modified"))

	for _, a := range b.accessibility() {
		line()
		if a[0] == "schema:accessibilitySummary" && !summaryLangs[primaryLang(b.lang)] {
			w.Element("meta", a[1], xhtml.A("property", a[0]), xhtml.A("xml:lang", "en"))
			continue
		}
		w.Element("meta", a[1], xhtml.A("property", a[0]))
	}
	if src := b.pageSource(); src != "" {
		// EPUB 3.2 names the print edition with a dc:source refined as the
		// source of pagination; EPUB 3.3's pageBreakSource property is
		// undefined for EPUBCheck 4, so it is given in the name/content form
		// that every version accepts.
		line()
		w.Element("dc:source", src, xhtml.A("id", "page-source"))
		line()
		w.Element("meta", "pagination", xhtml.A("refines", "#page-source"), xhtml.A("property", "source-of"))
		line()
		w.Empty("meta", xhtml.A("name", "pageBreakSource"), xhtml.A("content", src))
	}
	if s := xhtml.OneLine(m.Generator); s != "" {
		line()
		w.Empty("meta", xhtml.A("name", "generator"), xhtml.A("content", s))
	}
	w.Raw("\n  ")
	w.Close("metadata")
	return w.Bytes()
}

// pageSource names the print edition the page list follows; "" without one.
func (b *builder) pageSource() string {
	if b.opts.PageMap == nil || len(b.pages) == 0 {
		return ""
	}
	if src := xhtml.OneLine(b.opts.PageMap.Source); src != "" {
		return src
	}
	b.warn(doc.Pos{}, "pagemap.source", "the page map names no source edition; using the book's title")
	return b.bookTitle()
}

func primaryLang(tag string) string {
	p, _, _ := strings.Cut(tag, "-")
	return p
}

// sources are the dc:source values: one per source entry, its citation as
// plain text, or its URL when that is all there is.
func (b *builder) sources() []string {
	var out []string
	seen := map[string]bool{}
	for _, d := range b.docs {
		e := d.entry
		if e == nil || e.Kind != doc.KindSource || e.Provenance == nil { // front pages have no entry
			continue
		}
		p := e.Provenance
		s := xhtml.OneLine(doc.PlainText(p.Citation))
		if s == "" {
			s = xhtml.OneLine(p.URL)
		}
		if s == "" {
			var parts []string
			for _, f := range []string{p.Author, p.Title, p.Date} {
				if f = xhtml.OneLine(f); f != "" {
					parts = append(parts, f)
				}
			}
			s = strings.Join(parts, ", ")
		}
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// accessibility states what is true of this book, as schema.org
// properties: built the same way for every book, it differs only by what
// the book holds (images, a page list).
func (b *builder) accessibility() [][2]string {
	f := b.facts
	out := [][2]string{{"schema:accessMode", "textual"}}
	allAlt := f.images == f.imagesWithAlt
	if f.images > 0 {
		out = append(out, [2]string{"schema:accessMode", "visual"})
		out = append(out, [2]string{"schema:accessModeSufficient", "textual,visual"})
		if allAlt {
			out = append(out, [2]string{"schema:accessModeSufficient", "textual"})
		}
	} else {
		out = append(out, [2]string{"schema:accessModeSufficient", "textual"})
	}
	for _, feature := range []string{"structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"} {
		out = append(out, [2]string{"schema:accessibilityFeature", feature})
	}
	if f.images > 0 && allAlt {
		out = append(out, [2]string{"schema:accessibilityFeature", "alternativeText"})
	}
	if f.pageList {
		out = append(out, [2]string{"schema:accessibilityFeature", "pageBreakMarkers"})
		out = append(out, [2]string{"schema:accessibilityFeature", "pageNavigation"})
	}
	out = append(out, [2]string{"schema:accessibilityHazard", "none"})
	if f.images == f.imagesWithAlt && b.languagesKnown() {
		// What the build can check of WCAG 2.1 AA holds: every picture
		// has a text alternative (or is marked decorative) and every
		// document declares its language. Short of either, no claim.
		out = append(out, [2]string{"dcterms:conformsTo", conformsTo})
		out = append(out, [2]string{"a11y:certifiedBy", b.certifier()})
	}
	out = append(out, [2]string{"schema:accessibilitySummary", b.summary()})
	return out
}

// conformsTo is the conformance claim of EPUB Accessibility 1.1.
const conformsTo = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"

// certifier names who evaluated the claim: the publisher, else the
// program whose checks made it.
func (b *builder) certifier() string {
	if s := xhtml.OneLine(b.book.Meta.Publisher); s != "" {
		return s
	}
	if s := xhtml.OneLine(b.book.Meta.Generator); s != "" {
		return s
	}
	return "samizdat"
}

// summary says in one paragraph what a reader can rely on.
func (b *builder) summary() string {
	f := b.facts
	s := "This publication has a table of contents, headings that structure every chapter, and a logical reading order; text can be resized and restyled."
	content := f.images - 1 // the cover is counted with the images
	switch {
	case content <= 0:
		s += " Apart from the cover, whose text alternative gives the title, it has no images."
	case f.images == f.imagesWithAlt && f.decorative > 0:
		s += fmt.Sprintf(" All %d images, the cover included, have text alternatives, except %d marked as decorative, which need none.", f.images, f.decorative)
	case f.images == f.imagesWithAlt:
		s += fmt.Sprintf(" All %d images, the cover included, have text alternatives.", f.images)
	default:
		// The cover's alternative is the title, which says nothing of the
		// pictures inside: they are counted apart from it.
		described := f.imagesWithAlt - 1 - f.decorative
		parts := []string{"none with a text alternative"}
		if described > 0 {
			parts[0] = fmt.Sprintf("%d with a text alternative", described)
		}
		if f.decorative > 0 {
			parts = append(parts, fmt.Sprintf("%d marked as decorative (needing none)", f.decorative))
		}
		last := fmt.Sprintf("%d without, which may convey information only visually", content-described-f.decorative)
		s += fmt.Sprintf(" Besides the cover, whose text alternative gives the title, it has %s: %s and %s.", plural(content, "image", "images"), strings.Join(parts, ", "), last)
	}
	if f.pageList {
		s += " Page numbers of the print edition are marked in the text and listed for navigation."
	}
	s += " It has no known hazards."
	return s
}

// plural writes a count with the noun's form for it.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
