package notes

import (
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// In a source in another language, what the editors write (the title the
// manifest gives, annotations, the provenance note) is in the book's
// language; the source's own footnotes are in the source's.
func TestEditorsLanguage(t *testing.T) {
	own := footnote("kollontai.md", 5, "1", para("kollontai.md", 5, txt("Примечание автора.")))
	src := chapter("kollontai.md", para("kollontai.md", 3, txt("Рабочая оппозиция"), ref(own)))
	src.Kind = doc.KindSource
	src.Language = "ru"
	src.Title = []doc.Inline{txt("The Workers' Opposition")}
	src.Provenance = &doc.Provenance{Author: "Alexandra Kollontai", Title: "Рабочая оппозиция", Language: "ru", URL: "https://example.org/wo"}
	src.Notes = []*doc.Note{own}
	other := chapter("other.md", heading("other.md", 1, 1, "other", txt("Other")), para("other.md", 3, txt("Plain English text.")))
	book := &doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{src, other}}
	o := resolveWith(t, book, "- quote: Рабочая оппозиция\n  note: The pamphlet's title.\n- quote: Plain English\n  note: An aside.\n", annotated())
	if len(o.errors) > 0 {
		t.Fatal(o.errors)
	}
	langs := map[doc.NoteKind]string{}
	for _, n := range src.Notes {
		if n == own {
			if n.Lang != "" {
				t.Errorf("the source's own footnote has language %q, want the source's", n.Lang)
			}
			continue
		}
		langs[n.Kind] = n.Lang
	}
	if langs[doc.AnnotationNote] != "en" || langs[doc.ProvenanceNote] != "en" {
		t.Errorf("annotation and provenance notes in %q, want en", langs)
	}
	if h, ok := src.Blocks[0].(*doc.Heading); !ok || h.Lang != "en" {
		t.Errorf("the manifest's title heading is not marked English: %#v", src.Blocks[0])
	}
	for _, n := range other.Notes {
		if n.Lang != "" {
			t.Errorf("a note in an entry in the book's language has language %q", n.Lang)
		}
	}
}

// A source without a language of its own in the manifest is in its
// original's language when no translator is named, in the provenance or
// its record; a language given by name sets none, with a warning.
func TestSourceLanguage(t *testing.T) {
	source := func(file string, p doc.Provenance) *doc.Entry {
		e := chapter(file, heading(file, 1, 1, "", txt(file)), para(file, 3, txt("Text.")))
		e.Kind = doc.KindSource
		e.Pos = doc.Pos{File: "manifest.yaml", Line: 7}
		e.Provenance = &p
		return e
	}
	entries := []*doc.Entry{
		source("ru.md", doc.Provenance{Author: "A", Title: "T", Language: "ru", URL: "https://example.org/a"}),
		source("fr.md", doc.Provenance{Author: "B", Title: "T", Language: "fr", Translator: "C", URL: "https://example.org/b"}),
		source("de.md", doc.Provenance{Author: "D", Title: "T", Language: "ru", URL: "https://example.org/d"}),
		source("name.md", doc.Provenance{Author: "E", Title: "T", Language: "Russian", URL: "https://example.org/e"}),
	}
	entries[2].Language = "de"
	book := &doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: entries}
	o := resolveWith(t, book, "", Options{})
	var got []string
	for _, e := range entries {
		got = append(got, e.Language)
	}
	if strings.Join(got, ",") != "ru,,de," {
		t.Errorf("languages %q, want ru, none (translated), de (the manifest's), none (a name)", got)
	}
	want := `manifest.yaml:7: name.md: provenance language "Russian" is not a language tag such as ru or fr, so the untranslated source is taken to be in the book's language (give the entry a language: in the manifest if it is not) [provenance.language]`
	if !slices.Contains(o.warnings, want) {
		t.Errorf("warnings %q, want %s", o.warnings, want)
	}
}
