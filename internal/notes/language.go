package notes

import (
	"strings"

	"github.com/samizdat-press/samizdat/internal/cite"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/lang"
)

// sourceLanguage gives a source whose manifest entry names no language
// the language of its original when it is printed untranslated: no
// translator is named, in the provenance or in its bibliography record.
// The language is the provenance's, else the record's.
func (r *resolver) sourceLanguage(e *doc.Entry, src cite.Source) {
	if e.Language != "" || src.Record == nil || len(src.Record.Translator) > 0 {
		return
	}
	given := strings.TrimSpace(e.Provenance.Language)
	if given == "" {
		given = strings.TrimSpace(src.Record.Language)
	}
	if given == "" {
		return
	}
	tag, err := lang.Normalize(given)
	if err != nil {
		r.warnf(provenancePos(e), "provenance.language", "%sprovenance language %q is not a language tag such as ru or fr, so the untranslated source is taken to be in the book's language (give the entry a language: in the manifest if it is not)", provenanceOf(e), given)
		return
	}
	e.Language = tag
}

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
