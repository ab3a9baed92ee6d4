package layout

import (
	"math"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestBlockAlign: a paragraph, heading or div that raw HTML aligned
// (<p align="center">, <h1 align="center">, <div align="right">) sets its
// lines so, without a first-line indent; the justified text around it
// marks the measure.
func TestBlockAlign(t *testing.T) {
	o := a5()
	m := realFonts(t)
	short := func(word string, a doc.Align) *doc.Paragraph {
		p := para(txt(word + " stands here"))
		p.Align = a
		return p
	}
	heading := &doc.Heading{Level: 2, Content: []doc.Inline{txt("Kestrel heading")}, Align: doc.AlignCenter}
	right := &doc.Div{Align: doc.AlignRight, Blocks: []doc.Block{para(txt("Osprey stands here"))}}
	centre := &doc.Div{Align: doc.AlignCenter, Classes: []string{"center"}, Blocks: []doc.Block{
		&doc.Heading{Level: 3, Content: []doc.Inline{txt("Skua heading")}}, para(txt("Skua2 stands here"))}}
	filler := "Justified text that runs the whole measure of the page, and on to a second line, so its widest line marks where the measure starts and ends."
	ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Title: []doc.Inline{txt("Aligned")}, Blocks: []doc.Block{
		para(txt(filler)), short("Tern", doc.AlignCenter), para(txt(filler)), short("Rook", doc.AlignDefault), para(txt(filler)), short("Auk", doc.AlignRight),
		heading, right, centre, para(txt(filler))}}
	d, _ := traced(t, &doc.Book{Meta: doc.Meta{Title: "Aligned", Language: "en"}, Entries: []*doc.Entry{ch}}, m, o)
	// the measure: the widest line of the justified paragraphs
	left, rightEdge := math.Inf(1), math.Inf(-1)
	lines := map[float64][]*Text{}
	var page *Page
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(*Text); ok && tx.Text == "Tern" {
				page = p
			}
		}
	}
	if page == nil {
		t.Fatal("the centred paragraph is on no page")
	}
	for _, it := range page.Items {
		if tx, ok := it.(*Text); ok && tx.Y > 50 && tx.Y < 540 {
			lines[tx.Y] = append(lines[tx.Y], tx)
		}
	}
	extent := func(y float64) (float64, float64) {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, tx := range lines[y] {
			lo, hi = math.Min(lo, tx.X), math.Max(hi, tx.X+textWidth(m, tx))
		}
		return lo, hi
	}
	first := map[string]float64{}
	for y, txs := range lines {
		for _, tx := range txs {
			for _, w := range strings.Fields(tx.Text) {
				first[w] = y
			}
		}
		if lo, hi := extent(y); hi-lo > rightEdge-left {
			left, rightEdge = lo, hi
		}
	}
	for _, tc := range []struct {
		word string
		want string
	}{{"Tern", "centre"}, {"Rook", "indent"}, {"Auk", "right"}, {"Kestrel", "centre"}, {"Osprey", "right"}, {"Skua", "centre"}, {"Skua2", "centre"}} {
		y, ok := first[tc.word]
		if !ok {
			t.Errorf("%s is not on the page", tc.word)
			continue
		}
		lo, hi := extent(y)
		var got string
		switch {
		case math.Abs((lo-left)-(rightEdge-hi)) < 1:
			got = "centre"
		case math.Abs(hi-rightEdge) < 1:
			got = "right"
		case lo-left > 5:
			got = "indent"
		default:
			got = "left"
		}
		if got != tc.want {
			t.Errorf("%s's line is set %s (%.1f from the left, %.1f from the right), want %s", tc.word, got, lo-left, rightEdge-hi, tc.want)
		}
	}
}
