package layout

import (
	"fmt"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// properties is a tall numbered display, six rows deep: the lognormal's
// properties in QuantEcon's "Intermediate Quantitative Economics with
// Python" (hoist_failure.md), whose rows ran past the foot of a page.
const properties = `\begin{aligned}
 \text{Mean:} & \quad e ^{\mu + \frac{1}{2} \sigma^2} \\
 \text{Variance:} & \quad (e^{\sigma^2} - 1) e^{2 \mu + \sigma^2} \\
 \text{Median:} & \quad e^\mu \\
 \text{Mode:} & \quad e^{\mu - \sigma^2} \\
 \text{0.95 quantile:} & \quad e^{\mu + 1.645 \sigma} \\
 \text{0.95/0.05 quantile ratio:} & \quad e^{3.29 \sigma}
\end{aligned}`

// TestDisplayAtFoot: a display that reaches further below its baseline
// than a line of text does ends inside the text block when a page ends
// with it: a page filled down to the block's last baseline lowers it only
// until its lowest ink meets the block's foot. Chapter n puts n one-line
// paragraphs above the display and a long paragraph after it, so that
// over the range of n the display ends a page that is not its chapter's
// last, and that page is filled.
func TestDisplayAtFoot(t *testing.T) {
	o := a5()
	o.Front = FrontMatter{}
	long := strings.Repeat("Afterwards: a long paragraph follows the display so that the page cannot take it. ", 8)
	b := &doc.Book{Meta: doc.Meta{Title: "Display", Language: "en"}}
	for n := 8; n < 30; n++ {
		blocks := []doc.Block{}
		for i := range n {
			blocks = append(blocks, para(txt(fmt.Sprintf("Line %d of chapter %d.", i, n))))
		}
		blocks = append(blocks, para(txt("Important properties of a lognormal random variable are:")),
			displayPara(t, properties+fmt.Sprintf(`\tag{%d}`, n)), para(txt(long)))
		b.Entries = append(b.Entries, &doc.Entry{ID: fmt.Sprintf("ch%d", n), Kind: doc.KindChapter, File: fmt.Sprintf("ch%d.md", n),
			Title: []doc.Inline{txt(fmt.Sprintf("Chapter %d", n))}, Blocks: blocks})
	}
	m := realFonts(t)
	d := checkBook(t, b, m, o)

	// The display as set: the tag is on its baseline, its ink reaches
	// dr.d below that.
	g, _ := newGeom(o, o.Gutter)
	e := newEngine(m, o, g, nil, nil)
	dr := e.setFormula(mathInline(t, properties+`\tag{10}`, true), e.baseStyle(o.FontSize), g.textW)
	if dr.d < 3*g.lead {
		t.Fatalf("the display reaches %.2fpt below its baseline, want a tall one", dr.d)
	}
	atFoot := 0
	for n := 8; n < 30; n++ {
		tag := runOf(t, d, fmt.Sprintf("(%d)", n))
		pi := pageOf(d, tag)
		foot := tag.Y + dr.d
		if foot > g.bottom()+0.01 {
			t.Errorf("chapter %d: the display's ink ends at %.2f on page %s, %.2fpt below the text block's foot %.2f",
				n, foot, d.Pages[pi].Label, foot-g.bottom(), g.bottom())
		}
		// the display ends a page the chapter goes on after
		if !onPage(d.Pages[pi], "Afterwards") {
			atFoot++
			if foot < g.bottom()-0.01 {
				t.Errorf("chapter %d: the display ends page %s at %.2f, want the page filled to the foot %.2f", n, d.Pages[pi].Label, foot, g.bottom())
			}
		}
	}
	if atFoot == 0 {
		t.Fatal("no display ends a page: the test sets none where the fault was")
	}
}

// pageOf is the index of the page that holds it.
func pageOf(d *Document, it Item) int {
	for pi, p := range d.Pages {
		for _, x := range p.Items {
			if x == it {
				return pi
			}
		}
	}
	return -1
}

// onPage reports whether a text on p holds word.
func onPage(p *Page, word string) bool {
	for _, it := range p.Items {
		if tx, ok := it.(*Text); ok && strings.Contains(tx.Text, word) {
			return true
		}
	}
	return false
}

// TestDeepFormulaInTableAtFoot: a table's row whose cell holds a formula
// reaching below the row's baseline further than a line of text does
// ends a page, when a page breaks under it, with the formula inside the
// text block, as a paragraph's line does (TestDisplayAtFoot). Tables of
// several lengths make some pages end on such a row.
func TestDeepFormulaInTableAtFoot(t *testing.T) {
	o := a5()
	o.Front = FrontMatter{}
	const deep = `Z + \displaystyle\frac{1}{1+\frac{1}{q}}`
	cell := func(ins ...doc.Inline) *doc.TableCell { return &doc.TableCell{Content: ins} }
	b := &doc.Book{Meta: doc.Meta{Title: "Table", Language: "en"}}
	for n := 30; n < 36; n++ {
		rows := [][]*doc.TableCell{}
		for i := range n {
			rows = append(rows, []*doc.TableCell{cell(txt(fmt.Sprintf("Row %d", i))), cell(mathInline(t, deep, false))})
		}
		table := &doc.Table{Header: []*doc.TableCell{cell(txt("Row")), cell(txt("Value"))}, Rows: rows}
		b.Entries = append(b.Entries, &doc.Entry{ID: fmt.Sprintf("ch%d", n), Kind: doc.KindChapter, File: fmt.Sprintf("ch%d.md", n),
			Title: []doc.Inline{txt(fmt.Sprintf("Chapter %d", n))}, Blocks: []doc.Block{table}})
	}
	m := realFonts(t)
	d := checkBook(t, b, m, o)

	g, _ := newGeom(o, o.Gutter)
	e := newEngine(m, o, g, nil, nil)
	// the formula as set in the table's type (smaller than the text's):
	// Z stands on its baseline, its ink reaches dr.d below that
	var dr *drawing
	zs := 0
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(*Text); ok && tx.Text == "Z" {
				if dr == nil {
					dr = e.setFormula(mathInline(t, deep, false), e.baseStyle(tx.Size), 0)
					if room := g.lead - baseline(o.FontSize, g.lead); dr.d < room+1 {
						t.Fatalf("the formula reaches %.2fpt below its baseline, want more than a line's %.2f", dr.d, room)
					}
				}
				zs++
				if foot := tx.Y + dr.d; foot > g.bottom()+0.01 {
					t.Errorf("page %s: a formula's ink ends at %.2f, %.2fpt below the text block's foot %.2f", p.Label, foot, foot-g.bottom(), g.bottom())
				}
			}
		}
	}
	if zs == 0 {
		t.Fatal("no formula drawn")
	}
}
