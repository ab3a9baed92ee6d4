package layout

import (
	"os"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

func TestSmoke(t *testing.T) {
	b := &doc.Book{Meta: doc.Meta{Title: "A Book", Language: "en", Creators: []doc.Creator{{Name: "A. Author", Role: "aut"}, {Name: "E. Editor", Role: "edt"}}, Publisher: "Press"},
		Colophon: []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "Copyright nobody."}}}}}
	n := &doc.Note{ID: "n1", Label: "1", Refs: 1, Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "A note text that is here."}}}}}
	e := &doc.Entry{ID: "ch1", Title: []doc.Inline{&doc.Text{Text: "Chapter one"}}, Notes: []*doc.Note{n}}
	for i := 0; i < 20; i++ {
		e.Blocks = append(e.Blocks, &doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "The revolutionary organization of typesetting requires hyphenation and a great many words so that the paragraph spans several lines of text in the book."}}})
	}
	e.Blocks = append(e.Blocks, &doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "Note here"}, &doc.NoteRef{Note: n}}})
	b.Entries = []*doc.Entry{e}
	d, err := Layout(b, realFonts(t), Options{Hyphenate: true, RectoChapters: true})
	if err != nil {
		t.Fatal(err)
	}
	Dump(os.Stdout, d)
}
