package layout

import (
	"fmt"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestRuleLabelKeepsWithBlock: a paragraph of rule labels (a
// specification's "[items.fn.syntax]") stands over the block it labels,
// a grammar in code, on the same page: at whatever height the label
// falls, no page ends after it.
func TestRuleLabelKeepsWithBlock(t *testing.T) {
	o := a5()
	m := realFonts(t)
	code := strings.Repeat("Kestrel -> Osprey | Tern\n", 12)
	moved := 0
	for lead := 0; lead <= 16; lead++ {
		t.Run(fmt.Sprint(lead), func(t *testing.T) {
			ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Title: []doc.Inline{txt("Rules")}}
			for i := 0; i < lead; i++ {
				ch.Blocks = append(ch.Blocks, para(txt(lorem)))
			}
			ch.Blocks = append(ch.Blocks, para(doc.RuleLabel("items.fn.syntax", doc.Pos{})),
				&doc.CodeBlock{Language: "grammar", Text: code}, para(txt(lorem+lorem)))
			d, _ := traced(t, &doc.Book{Meta: doc.Meta{Title: "Rules", Language: "en"}, Entries: []*doc.Entry{ch}}, m, o)
			label, first := -1, -1
			for pi, p := range d.Pages {
				for _, it := range p.Items {
					if tx, ok := it.(*Text); ok {
						if strings.Contains(tx.Text, "items.fn.syntax") && label < 0 {
							label = pi
						}
						if strings.HasPrefix(tx.Text, "Kestrel") && first < 0 {
							first = pi
						}
					}
				}
			}
			if label < 0 || first < 0 {
				t.Fatalf("the label (page %d) or the grammar (page %d) is on no page", label+1, first+1)
			}
			if label != first {
				t.Errorf("the label is on page %d, the grammar it labels starts on page %d", label+1, first+1)
			}
			if label > 2 {
				moved++
			}
		})
	}
	if moved == 0 {
		t.Error("the label never reached a later page: the test tests too little")
	}
}
