package layout

import (
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// A picture on the page, and a problem with it, name the picture's own
// place in the source, not the first line of the block that holds it.
func TestPicturesKeepTheirPlace(t *testing.T) {
	png := &doc.Asset{Path: "a.png", MediaType: "image/png", Data: []byte("png"), Width: 20, Height: 10}
	sizeless := &doc.Asset{Path: "b.png", MediaType: "image/png", Data: []byte("png")}
	at := func(line, column int) doc.Pos { return doc.Pos{Line: line, Column: column} }
	ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Title: []doc.Inline{txt("Chapter")}}
	ch.Blocks = []doc.Block{
		&doc.Paragraph{BlockBase: doc.BlockBase{Pos: doc.Pos{File: "ch.md", Line: 3}},
			Content: []doc.Inline{txt("Words, "), &doc.Image{Src: "a.png", Alt: "inline", Asset: png, Pos: at(5, 9)}}},
		&doc.Figure{BlockBase: doc.BlockBase{Pos: doc.Pos{File: "ch.md", Line: 7}},
			Image: &doc.Image{Src: "a.png", Alt: "figure", Asset: png, Pos: at(8, 3)}},
		&doc.Figure{BlockBase: doc.BlockBase{Pos: doc.Pos{File: "ch.md", Line: 10}},
			Image: &doc.Image{Src: "b.png", Alt: "sizeless", Asset: sizeless, Pos: at(12, 5)}},
		// A picture the parser gave no place of its own has its block's.
		&doc.Figure{BlockBase: doc.BlockBase{Pos: doc.Pos{File: "ch.md", Line: 14}},
			Image: &doc.Image{Src: "a.png", Alt: "made", Asset: png}},
	}
	d, err := Layout(&doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{ch}}, fixedMetrics{}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"inline": "ch.md:5:9", "figure": "ch.md:8:3", "made": "ch.md:14"}
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if pic, ok := it.(*Picture); ok {
				if got := pic.Pos.String(); got != want[pic.Alt] {
					t.Errorf("picture %q at %q, want %q", pic.Alt, got, want[pic.Alt])
				}
				delete(want, pic.Alt)
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("pictures not laid out: %v", want)
	}
	found := false
	for _, w := range d.Warnings {
		if w.Code == "image.unprintable" {
			found = true
			if w.File != "ch.md" || w.Line != 12 || w.Column != 5 {
				t.Errorf("%v: want it at ch.md:12:5", w)
			}
		}
	}
	if !found {
		t.Errorf("no warning of the picture without a size: %v", d.Warnings)
	}
}
