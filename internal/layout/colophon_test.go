package layout

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// colophonBook is basicBook with a colophon like the one the build makes:
// rights, how it was made, and a digest for each of files input files.
func colophonBook(files int) *doc.Book {
	b := basicBook()
	list := &doc.List{Tight: true}
	for i := 0; i < files; i++ {
		list.Items = append(list.Items, &doc.ListItem{Blocks: []doc.Block{para(
			&doc.Code{Text: fmt.Sprintf("chapters/file-%03d.md", i)}, &doc.Break{},
			&doc.Code{Text: fmt.Sprintf("%08x 54988e99 be008e97 50e66cd9 b859c4d6 c6dee822 bdd2d952 7412717d", i)})}})
	}
	b.Colophon = []doc.Block{
		para(txt("Editorial matter may be copied freely for teaching. The sources remain under the terms given for each in “Sources and permissions”.")),
		para(txt("Made with samizdat dev on 2026-11-25.")),
		para(txt("Configuration digest "), &doc.Code{Text: "da5fb922e4d0"}, txt(".")),
		para(txt("Made from these files (SHA-256):")),
		list,
	}
	return b
}

// textAt finds the page and run whose text starts with prefix.
func textAt(d *Document, prefix string) (int, *Text) {
	for pi, p := range d.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(*Text); ok && strings.HasPrefix(tx.Text, prefix) {
				return pi, tx
			}
		}
	}
	return -1, nil
}

// checkNoOverlap fails when two runs of text on a page cover each other.
func checkNoOverlap(t *testing.T, m Metrics, p *Page) {
	t.Helper()
	var texts []*Text
	for _, it := range p.Items {
		if tx, ok := it.(*Text); ok {
			texts = append(texts, tx)
		}
	}
	for i, a := range texts {
		for _, b := range texts[i+1:] {
			dy := math.Abs(a.Y - b.Y)
			if dy >= 0.75*math.Max(a.Size, b.Size) {
				continue
			}
			if a.X < b.X+textWidth(m, b)-0.01 && b.X < a.X+textWidth(m, a)-0.01 {
				t.Errorf("page %s: %q and %q overlap", p.Label, a.Text, b.Text)
			}
		}
	}
}

// TestColophon: the copyright page's paragraphs are flush left in small
// type with space between them, at the foot of the title verso.
func TestColophon(t *testing.T) {
	o := a5()
	m := realFonts(t)
	d := checkBook(t, colophonBook(6), m, o)
	g, _ := newGeom(o, o.Gutter)
	const verso = 3 // half-title, its blank back, title page, then this
	pg := d.Pages[verso]
	left := g.left(pg.Recto)
	checkNoOverlap(t, m, pg)
	lowest := 0.0
	for _, it := range pg.Items {
		tx, ok := it.(*Text)
		if !ok {
			continue
		}
		lowest = math.Max(lowest, tx.Y)
		if tx.Size > 0.85*o.FontSize {
			t.Errorf("colophon text %q at %.1fpt, want small type", tx.Text, tx.Size)
		}
	}
	if lowest < g.bottom()-o.FontSize*1.3 {
		t.Errorf("colophon ends at %.1f, want it at the foot (block ends at %.1f)", lowest, g.bottom())
	}
	var starts []*Text
	for _, word := range []string{"Editorial", "Made", "Configuration"} {
		for _, it := range pg.Items {
			if tx, ok := it.(*Text); ok && letters(tx) == word {
				starts = append(starts, tx)
			}
		}
	}
	sort.Slice(starts, func(i, j int) bool { return starts[i].Y < starts[j].Y })
	if len(starts) != 4 {
		t.Fatalf("found %d of the 4 paragraphs on page %s", len(starts), pg.Label)
	}
	for i, tx := range starts {
		if math.Abs(tx.X-left) > 0.01 {
			t.Errorf("paragraph %d starts at %.1f, want flush left at %.1f", i+1, tx.X, left)
		}
		if i > 0 && tx.Y-starts[i-1].Y < tx.Size*1.3*1.2 {
			t.Errorf("paragraph %d only %.1fpt below the one before; want space between them", i+1, tx.Y-starts[i-1].Y)
		}
	}
}

// TestColophonLong: a colophon taller than a page flows over the pages
// after the title, overlapping nothing, with the contents after it.
func TestColophonLong(t *testing.T) {
	m := realFonts(t)
	d := checkBook(t, colophonBook(60), m, a5())
	contents, _ := textAt(d, "Contents")
	first, _ := textAt(d, "Editorial")
	last, _ := textAt(d, "chapters/file-059.md")
	if first != 3 || last <= first || last >= contents {
		t.Errorf("colophon on pages %d–%d, contents on %d", first, last, contents)
	}
	for i := 0; i < 60; i++ {
		if pi, _ := textAt(d, fmt.Sprintf("chapters/file-%03d.md", i)); pi < 0 {
			t.Errorf("file %d not printed", i)
		}
	}
	for _, p := range d.Pages[:contents] {
		checkNoOverlap(t, m, p)
	}
}
