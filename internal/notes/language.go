package notes

import (
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/lang"
)

// noteLanguages marks what the book's editors write in an entry whose text
// is in another language as in the book's language: the title the
// manifest gives it, the annotations, the provenance note and the notes
// citations make. A source's own footnotes are in the source's language.
func (r *resolver) noteLanguages() {
	book, err := lang.Normalize(r.book.Meta.Language)
	if err != nil {
		return
	}
	for _, e := range r.entries() {
		if e.Language == "" || e.Language == book {
			continue
		}
		for _, b := range e.Blocks {
			if h, ok := b.(*doc.Heading); ok && r.titleHeadings[h] && h.Lang == "" {
				h.Lang = book
			}
		}
		for _, n := range e.Notes {
			if n.Kind != doc.FootnoteNote || n.Name == "" {
				n.Lang = book
			}
		}
	}
}
