package epub

import (
	"slices"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/xhtml"
)

// coverAlt describes the cover in words: what the generated cover shows,
// and the best summary of a supplied one.
func (b *builder) coverAlt() string {
	parts := []string{b.bookTitle(), xhtml.OneLine(b.book.Meta.Subtitle)}
	if b.coverDrawn {
		t := b.coverText()
		parts = []string{t.Title, t.Subtitle, t.Edition}
	}
	parts = append(parts, b.creatorNames())
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), ". ")
}

// creatorNames lists the authors, or every creator when none is an author.
func (b *builder) creatorNames() string {
	var authors, all []string
	for _, c := range b.book.Meta.Creators {
		name := xhtml.OneLine(c.Name)
		if name == "" {
			continue
		}
		all = append(all, name)
		if isAuthor(c.Role) {
			authors = append(authors, name)
		}
	}
	if len(authors) > 0 {
		return strings.Join(authors, ", ")
	}
	return strings.Join(all, ", ")
}

func isAuthor(role string) bool {
	role = strings.TrimSpace(role)
	return role == "" || role == "aut"
}

func (r *renderer) coverPage() {
	r.w.Open("section", xhtml.A("epub:type", "cover"), xhtml.A("class", "cover"), xhtml.A("aria-label", r.b.words.Cover))
	r.w.NL()
	if c := r.b.cover; c != nil {
		r.w.Empty("img", xhtml.A("src", "../"+c.href), xhtml.Keep("alt", r.b.coverAlt()), xhtml.A("role", "doc-cover"))
		r.w.NL()
	}
	r.w.Close("section")
}

func (r *renderer) titlePage() {
	m := r.b.book.Meta
	w := r.w
	w.Open("section", xhtml.A("epub:type", "titlepage"), xhtml.A("class", "titlepage"), xhtml.A("aria-labelledby", "book-title"))
	w.NL()
	w.Element("h1", r.b.bookTitle(), xhtml.A("id", "book-title"), xhtml.A("class", "title"))
	w.NL()
	xhtml.TitlePageLines(w, m, r.b.words.Roles)
	w.Close("section")
}

func (r *renderer) copyrightPage() {
	d := r.d
	r.w.Open("section", xhtml.A("epub:type", "copyright-page"), xhtml.A("class", "copyright"), xhtml.A("aria-labelledby", d.TitleID))
	r.w.NL()
	r.w.Element("h1", r.b.words.Copyright, xhtml.A("id", d.TitleID), xhtml.A("class", "copyright-title"))
	r.w.NL()
	colophon := r.b.book.Colophon
	if len(colophon) == 0 {
		colophon = []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: r.b.book.Meta.Rights}}}}
	}
	r.body.Blocks(colophon, false)
	r.body.Notes(r.d.Notes)
	r.w.Close("section")
}
