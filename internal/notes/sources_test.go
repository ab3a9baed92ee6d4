package notes

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestSourcesShareAnEntry: entries in a row with one provenance (the
// chapters of one e-book) are named together in one entry of "Sources
// and permissions"; the same source after another is listed again.
func TestSourcesShareAnEntry(t *testing.T) {
	manifesto := func() *doc.Provenance {
		return &doc.Provenance{Author: "Karl Marx and Friedrich Engels", Title: "The Communist Manifesto", Translator: "Samuel Moore",
			Publisher: "Standard Ebooks", Published: "2017-10-19", License: "public domain", Note: "transcribed from Project Gutenberg"}
	}
	source := func(file, title string, p *doc.Provenance) *doc.Entry {
		e := chapter(file, heading(file, 1, 1, "", txt(title)), para(file, 3, txt("Text.")))
		e.Kind, e.Provenance = doc.KindSource, p
		return e
	}
	book := &doc.Book{Meta: doc.Meta{Title: "Reader", Language: "en"}, Entries: []*doc.Entry{
		source("one.xhtml", "One", manifesto()),
		source("two.xhtml", "Two", manifesto()),
		source("kollontai.md", "The Workers' Opposition", &doc.Provenance{Author: "Alexandra Kollontai", Title: "The Workers' Opposition", Date: "1921"}),
		source("three.xhtml", "Three", manifesto()),
	}}
	if _, err := Resolve(book, Input{FS: fstest.MapFS{}, ParseMarkdown: fakeMarkdown}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range book.Entries {
		if e.ID != sourcesID {
			continue
		}
		for _, b := range e.Blocks {
			if d, ok := b.(*doc.Div); ok {
				got = append(got, doc.PlainText(d.Blocks[0].(*doc.Paragraph).Content)+" | "+doc.BlockText(d.Blocks[1].(*doc.Div).Blocks[0]))
			}
		}
	}
	want := []string{
		"One; Two | Marx, Karl, and Friedrich Engels. The Communist Manifesto. Translated by Samuel Moore. Standard Ebooks, 2017.",
		"The Workers’ Opposition | Kollontai, Alexandra. The Workers’ Opposition. 1921.",
		"Three | Marx, Karl, and Friedrich Engels. The Communist Manifesto. Translated by Samuel Moore. Standard Ebooks, 2017.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sources:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
