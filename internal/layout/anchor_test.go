package layout

import (
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// Anchor spans (raw HTML's <a id>) are link targets on the page where they
// fall, print nothing, and a paragraph of bare anchors takes no room.
func TestAnchorSpans(t *testing.T) {
	ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, Title: []doc.Inline{txt("Chapter")}}
	ch.Blocks = []doc.Block{
		&doc.Heading{Level: 1, ID: "chapter", Content: []doc.Inline{txt("Chapter")}},
		para(&doc.Span{ID: "alone"}),
		para(txt(lorem), &doc.Span{ID: "inline"}, txt("after the anchor. "+lorem)),
		para(txt("Back to "), &doc.Link{Entry: "ch", Anchor: "inline", Content: []doc.Inline{txt("the anchor")}}, txt(".")),
	}
	book := &doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{ch}}
	d, err := Layout(book, realFonts(t), options(func(o *Options) { o.Hyphenate = true }))
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]int{}
	for i, p := range d.Pages {
		for _, a := range p.Anchors {
			found[a.Name] = i + 1
		}
		for _, it := range p.Items {
			if tx, ok := it.(*Text); ok && tx.Text == "" {
				t.Errorf("page %d: an empty text run was painted", i+1)
			}
		}
	}
	for _, name := range []string{"alone", "inline", "chapter"} {
		if found[name] == 0 {
			t.Errorf("anchor %q is on no page", name)
		}
	}
	// The bare-anchor paragraph adds no line: the text starts where it
	// would without it.
	without := &doc.Entry{ID: "ch", Kind: doc.KindChapter, Title: ch.Title, Blocks: append([]doc.Block{ch.Blocks[0]}, ch.Blocks[2:]...)}
	d2, err := Layout(&doc.Book{Meta: book.Meta, Entries: []*doc.Entry{without}}, realFonts(t), options(func(o *Options) { o.Hyphenate = true }))
	if err != nil {
		t.Fatal(err)
	}
	if y1, y2 := firstBodyY(d, "Every"), firstBodyY(d2, "Every"); y1 != y2 {
		t.Errorf("a paragraph of bare anchors moved the text from %.1f to %.1f", y2, y1)
	}
}

func firstBodyY(d *Document, word string) float64 {
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(*Text); ok && tx.Text == word {
				return tx.Y
			}
		}
	}
	return -1
}
