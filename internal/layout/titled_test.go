package layout

import (
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// An aside or section led by a paragraph wholly in bold (an admonition's
// title, a content tab's) keeps it on the page of the text after it, which
// is not indented.
func TestTitleKeptWithItsBox(t *testing.T) {
	for fill := 25; fill < 50; fill++ {
		var blocks []doc.Block
		for i := 0; i < fill; i++ {
			blocks = append(blocks, &doc.Paragraph{Content: []doc.Inline{txt("Filler.")}})
		}
		blocks = append(blocks, &doc.Div{Kind: doc.DivAside, Blocks: []doc.Block{
			&doc.Paragraph{Content: []doc.Inline{&doc.Strong{Content: []doc.Inline{txt("Title")}}}},
			&doc.Paragraph{Content: []doc.Inline{txt("Body " + strings.Repeat("words ", 200))}},
		}})
		ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, Title: []doc.Inline{txt("T")}, Blocks: blocks}
		d, err := Layout(&doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{ch}}, realFonts(t), testOptions())
		if err != nil {
			t.Fatal(err)
		}
		titlePage, bodyPage := -1, -1
		var title, body *Text
		for i, p := range d.Pages {
			for _, it := range p.Items {
				if tx, ok := it.(*Text); ok {
					switch {
					case tx.Text == "Title" && title == nil:
						titlePage, title = i, tx
					case tx.Text == "Body" && body == nil:
						bodyPage, body = i, tx
					}
				}
			}
		}
		if title == nil || body == nil {
			t.Fatalf("%d fillers: title or body not printed", fill)
		}
		if titlePage != bodyPage {
			t.Errorf("%d fillers: the title on page %d, the text it titles on page %d", fill, titlePage+1, bodyPage+1)
		}
		if body.X != title.X {
			t.Errorf("%d fillers: the text after the title starts at x %.1f, the title at %.1f", fill, body.X, title.X)
		}
	}
}
