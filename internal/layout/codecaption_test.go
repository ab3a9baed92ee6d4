package layout

import (
	"fmt"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestCodeCaptionKeepsWithCode: the title over a code listing (a figure
// whose caption comes first, as Docusaurus's and Material for MkDocs'
// titled code blocks are read) is on the page where the code starts, at
// whatever height it falls.
func TestCodeCaptionKeepsWithCode(t *testing.T) {
	o := a5()
	m := realFonts(t)
	code := strings.Repeat("npm run build --prefix website\n", 12)
	moved := 0
	for lead := 0; lead <= 16; lead++ {
		t.Run(fmt.Sprint(lead), func(t *testing.T) {
			ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Title: []doc.Inline{txt("Listings")}}
			for i := 0; i < lead; i++ {
				ch.Blocks = append(ch.Blocks, para(txt(lorem)))
			}
			caption := &doc.Div{Kind: doc.DivCaption, Blocks: []doc.Block{para(txt("Kestrel"))}}
			ch.Blocks = append(ch.Blocks, &doc.Div{Kind: doc.DivFigure, Blocks: []doc.Block{caption, &doc.CodeBlock{Language: "sh", Text: code}}},
				para(txt(lorem+lorem)))
			d, _ := traced(t, &doc.Book{Meta: doc.Meta{Title: "Listings", Language: "en"}, Entries: []*doc.Entry{ch}}, m, o)
			title, first := -1, -1
			for pi, p := range d.Pages {
				for _, it := range p.Items {
					if tx, ok := it.(*Text); ok {
						if strings.Contains(tx.Text, "Kestrel") && title < 0 {
							title = pi
						}
						if strings.HasPrefix(tx.Text, "npm") && first < 0 {
							first = pi
						}
					}
				}
			}
			if title < 0 || first < 0 {
				t.Fatalf("the title (page %d) or the code (page %d) is on no page", title+1, first+1)
			}
			if title != first {
				t.Errorf("the title is on page %d, the code it titles starts on page %d", title+1, first+1)
			}
			if title > 2 {
				moved++
			}
		})
	}
	if moved == 0 {
		t.Error("the title never reached a later page: the test tests too little")
	}
}
