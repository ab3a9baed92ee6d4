package epub

import (
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// coverAlt describes the cover in words: what the generated cover shows,
// and the best summary of a supplied one.
func (b *builder) coverAlt() string {
	parts := []string{b.bookTitle()}
	if s := oneLine(b.book.Meta.Subtitle); s != "" {
		parts = append(parts, s)
	}
	if names := b.creatorNames(); names != "" {
		parts = append(parts, names)
	}
	return strings.Join(parts, ". ")
}

// creatorNames lists the authors, or every creator when none is an author.
func (b *builder) creatorNames() string {
	var authors, all []string
	for _, c := range b.book.Meta.Creators {
		name := oneLine(c.Name)
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
	r.w.open("section", av("epub:type", "cover"), av("class", "cover"), av("aria-label", r.b.words.Cover))
	r.w.nl()
	if c := r.b.cover; c != nil {
		r.w.empty("img", av("src", "../"+c.href), avKeep("alt", r.b.coverAlt()), av("role", "doc-cover"))
		r.w.nl()
	}
	r.w.close("section")
}

// creatorGroup is one line of the title page: the creators sharing a role.
type creatorGroup struct {
	role  string
	names []string
}

func (b *builder) creatorGroups() []creatorGroup {
	var groups []creatorGroup
	index := map[string]int{}
	for _, c := range b.book.Meta.Creators {
		name := oneLine(c.Name)
		if name == "" {
			continue
		}
		role := strings.TrimSpace(c.Role)
		if role == "" {
			role = "aut"
		}
		i, ok := index[role]
		if !ok {
			i = len(groups)
			index[role] = i
			groups = append(groups, creatorGroup{role: role})
		}
		groups[i].names = append(groups[i].names, name)
	}
	return groups
}

func (r *renderer) titlePage() {
	m := r.b.book.Meta
	w := r.w
	w.open("section", av("epub:type", "titlepage"), av("class", "titlepage"), av("aria-labelledby", "book-title"))
	w.nl()
	w.element("h1", r.b.bookTitle(), av("id", "book-title"), av("class", "title"))
	w.nl()
	if s := oneLine(m.Subtitle); s != "" {
		w.element("p", s, av("class", "subtitle"))
		w.nl()
	}
	for _, g := range r.b.creatorGroups() {
		names := strings.Join(g.names, ", ")
		if g.role == "aut" {
			w.element("p", names, av("class", "creator author"))
		} else {
			w.open("p", av("class", "creator "+classList(g.role)))
			if phrase := r.b.words.Roles[g.role]; phrase != "" {
				w.element("span", phrase, av("class", "role"))
				w.raw(" ")
			}
			w.text(names)
			w.close("p")
		}
		w.nl()
	}
	if s := oneLine(m.EditionTitle); s != "" {
		w.element("p", s, av("class", "edition"))
		w.nl()
	}
	if s := oneLine(m.Publisher); s != "" {
		w.element("p", s, av("class", "publisher"))
		w.nl()
	}
	w.close("section")
}

func (r *renderer) copyrightPage() {
	d := r.d
	r.w.open("section", av("epub:type", "copyright-page"), av("class", "copyright"), av("aria-labelledby", d.titleID))
	r.w.nl()
	r.w.element("h1", r.b.words.Copyright, av("id", d.titleID), av("class", "copyright-title"))
	r.w.nl()
	colophon := r.b.book.Colophon
	if len(colophon) == 0 {
		colophon = []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: r.b.book.Meta.Rights}}}}
	}
	r.blocks(colophon, false)
	r.notes()
	r.w.close("section")
}
