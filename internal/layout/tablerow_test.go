package layout

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestTableCellsStandAtTheTop: beside a picture taller than its line, a
// row's other cells start at the top of the row, where they would beside
// a word, as the EPUB's cells do (vertical-align: top); the picture stands
// at the top too, under the rule and the row above; text after it in its
// cell stands on its foot; and the row is as tall as its tallest cell,
// the picture's line or the lines of text beside it, not the sum of both.
func TestTableCellsStandAtTheTop(t *testing.T) {
	o := a5()
	m := realFonts(t)
	size := o.FontSize * 0.9 // a table's type
	lead := size * 1.3
	base := baseline(size, lead)
	length := func(s string) doc.Length {
		l, ok := doc.ParseLength(s)
		if !ok {
			t.Fatalf("bad length %q", s)
		}
		return l
	}
	for _, c := range []struct {
		name          string
		width, height string
		after         string // text after the picture in its cell
		beside        string // the third cell's text
	}{
		{"a picture 40 pixels wide beside a short line", "40px", "", "", "Short."},
		{"a picture three ems high beside a short line", "", "3em", "", "Short."},
		{"text after the picture in its cell", "", "3em", " passing", "Short."},
		{"beside more lines of text than the picture is high", "", "2em", "", lorem + lorem + lorem},
		{"beside fewer lines of text than the picture is high", "", "6em", "", lorem},
	} {
		t.Run(c.name, func(t *testing.T) {
			img := &doc.Image{Src: "icon.png", Alt: "an icon", Width: orZero(c.width, length), Height: orZero(c.height, length),
				Asset: &doc.Asset{Path: "icon.png", MediaType: "image/png", Data: []byte{1}, Width: 64, Height: 64}}
			first := []doc.Inline{img}
			if c.after != "" {
				first = append(first, txt(c.after))
			}
			set := func(first []doc.Inline) *Document {
				cell := func(ins ...doc.Inline) *doc.TableCell { return &doc.TableCell{Content: ins} }
				table := &doc.Table{Header: []*doc.TableCell{cell(txt("Icon")), cell(txt("Name")), cell(txt("What it is for"))},
					Rows: [][]*doc.TableCell{
						{cell(txt("Top")), cell(txt("Above")), cell(txt("The row above."))},
						{cell(first...), cell(txt("Beside")), cell(txt(c.beside))},
						{cell(txt("Low")), cell(txt("Below")), cell(txt("The row below."))},
					}}
				b := &doc.Book{Meta: doc.Meta{Title: "Icons", Language: "en"}, Entries: []*doc.Entry{{ID: "ch", Kind: doc.KindChapter, File: "ch.md",
					Title: []doc.Inline{txt("Icons")}, Blocks: []doc.Block{table}}}}
				return checkBook(t, b, m, o)
			}
			d, plain := set(first), set([]doc.Inline{txt("Word")})
			pic := lastOf(itemsOf[*Picture](d))
			if pic == nil {
				t.Fatal("the picture was not drawn")
			}
			texts := func(d *Document) map[string]*Text {
				out := map[string]*Text{}
				for _, tx := range itemsOf[*Text](d) {
					if tx.Size == size && out[tx.Text] == nil {
						out[tx.Text] = tx
					}
				}
				return out
			}
			got, want := texts(d), texts(plain)
			for _, w := range []string{"Above", "Beside", "Below"} {
				if got[w] == nil || want[w] == nil {
					t.Fatalf("the table's text %q was not set", w)
				}
			}
			beside := got["Beside"]
			if beside.Y != want["Beside"].Y {
				t.Errorf("the cell beside the picture starts on %.2f, want %.2f as beside a word", beside.Y, want["Beside"].Y)
			}
			rowTop := beside.Y - base
			if math.Abs(pic.Y-rowTop) > 0.01 {
				t.Errorf("the picture's top %.2f is not the row's top %.2f", pic.Y, rowTop)
			}
			if pic.Y < got["Above"].Y+0.25*size {
				t.Errorf("the picture's top %.2f runs into the row above, baseline %.2f", pic.Y, got["Above"].Y)
			}
			for _, r := range itemsOf[*Rule](d) {
				if r.Y1 == r.Y2 && r.Y1+r.Width/2 > pic.Y && r.Y1-r.Width/2 < pic.Y+pic.H {
					t.Errorf("a rule at %.2f crosses the picture, %.2f to %.2f", r.Y1, pic.Y, pic.Y+pic.H)
				}
			}
			if c.after != "" {
				passing := got[c.after[1:]]
				if passing == nil || math.Abs(passing.Y-(pic.Y+pic.H)) > 0.01 {
					t.Errorf("the text after the picture is not on its foot %.2f: %+v", pic.Y+pic.H, passing)
				}
			}
			// The row's height: its tallest cell's, the picture's line (the
			// picture and the room under its baseline) or the lines beside,
			// against the plain row's, lines of text.
			lines := func(d *Document, above, below *Text) int {
				ys := map[float64]bool{}
				for _, tx := range itemsOf[*Text](d) {
					if tx.Size == size && tx.Y > above.Y && tx.Y < below.Y {
						ys[tx.Y] = true
					}
				}
				return len(ys)
			}
			n := lines(d, got["Above"], got["Below"])
			tallest := math.Max(pic.H+lead-base, float64(n)*lead)
			gotH := got["Below"].Y - got["Above"].Y - (want["Below"].Y - want["Above"].Y) + float64(lines(plain, want["Above"], want["Below"]))*lead
			if math.Abs(gotH-tallest) > 0.01 {
				t.Errorf("the row is %.2f pt high, want %.2f (%d lines beside a picture %.2f pt high)", gotH, tallest, n, pic.H)
			}
		})
	}
}

// TestLongTableRowWithPicture: a row of many lines beside a picture whose
// height is no whole number of lines still breaks across pages, inside
// the text block.
func TestLongTableRowWithPicture(t *testing.T) {
	o := a5()
	m := realFonts(t)
	img := &doc.Image{Src: "icon.png", Alt: "an icon", Height: doc.Length{Value: 2.37, Unit: "em"},
		Asset: &doc.Asset{Path: "icon.png", MediaType: "image/png", Data: []byte{1}, Width: 64, Height: 64}}
	cell := func(ins ...doc.Inline) *doc.TableCell { return &doc.TableCell{Content: ins} }
	long := strings.Repeat(lorem, 30)
	table := &doc.Table{Header: []*doc.TableCell{cell(txt("Icon")), cell(txt("What it is for"))},
		Rows: [][]*doc.TableCell{{cell(img, txt(" "+long)), cell(txt(long))}}}
	b := &doc.Book{Meta: doc.Meta{Title: "Icons", Language: "en"}, Entries: []*doc.Entry{{ID: "ch", Kind: doc.KindChapter, File: "ch.md",
		Title: []doc.Inline{txt("Icons")}, Blocks: []doc.Block{para(txt(lorem)), table}}}}
	d := checkBook(t, b, m, o) // which fails on text below the block
	heads := 0
	for _, tx := range itemsOf[*Text](d) {
		if tx.Text == "Icon" {
			heads++
		}
	}
	if heads < 3 {
		t.Errorf("the table's head is printed %d times, want a row long enough for three pages at least", heads)
	}
}

// orZero is the length s, none when s is empty.
func orZero(s string, length func(string) doc.Length) doc.Length {
	if s == "" {
		return doc.Length{}
	}
	return length(s)
}

// TestRowBands: a row of plain text breaks after every line; a line with
// a tall picture makes one band with the lines of the other cells beside
// it, which stack from the top rather than wait for it, and the row may
// break again only where every cell is between two lines, or, when they
// never are, once the band is as high as a row held on one page.
func TestRowBands(t *testing.T) {
	const base, lead = 8.0, 10.0
	plain := tline{}
	tall := func(h float64) tline { return tline{rise: h, hasText: true} } // a picture h high on the baseline
	lines := func(ls ...tline) []tline { return ls }
	at := func(cell, line int, baseline float64) cellLine {
		return cellLine{cell: cell, line: line, baseline: baseline}
	}
	for _, c := range []struct {
		name  string
		cells [][]tline
		want  []rowBand
	}{
		{"plain text", [][]tline{lines(plain, plain), lines(plain, plain, plain)}, []rowBand{
			{lead, base, []cellLine{at(0, 0, base), at(1, 0, base)}},
			{lead, base, []cellLine{at(0, 1, base), at(1, 1, base)}},
			{lead, base, []cellLine{at(1, 2, base)}},
		}},
		{"a picture two lines high", [][]tline{lines(tall(base+lead), plain), lines(plain, plain, plain, plain)}, []rowBand{
			{2 * lead, base + lead, []cellLine{at(0, 0, base+lead), at(1, 0, base), at(1, 1, base+lead)}},
			{lead, base, []cellLine{at(0, 1, base), at(1, 2, base)}},
			{lead, base, []cellLine{at(1, 3, base)}},
		}},
		{"a picture taller than the lines beside it", [][]tline{lines(tall(base + 1.5*lead)), lines(plain)}, []rowBand{
			{2.5 * lead, base + 1.5*lead, []cellLine{at(0, 0, base+1.5*lead), at(1, 0, base)}},
		}},
		{"cells that end together only at the foot", [][]tline{lines(tall(base+1.5*lead), plain), lines(plain, plain, plain, plain, plain)}, []rowBand{
			{4 * lead, base + 3*lead, []cellLine{at(0, 0, base+1.5*lead), at(0, 1, base+2.5*lead),
				at(1, 0, base), at(1, 1, base+lead), at(1, 2, base+2*lead), at(1, 3, base+3*lead)}},
			{lead, base, []cellLine{at(1, 4, base)}},
		}},
		{"cells that never end together", [][]tline{lines(tall(base+1.5*lead), plain, plain, plain, plain, plain, plain),
			lines(plain, plain, plain, plain, plain, plain, plain, plain, plain)}, []rowBand{
			// past six lines' height the next line of the second cell
			// would cross the band's foot: it waits under a gap
			{6.5 * lead, base + 5.5*lead, []cellLine{at(0, 0, base+1.5*lead), at(0, 1, base+2.5*lead), at(0, 2, base+3.5*lead), at(0, 3, base+4.5*lead), at(0, 4, base+5.5*lead),
				at(1, 0, base), at(1, 1, base+lead), at(1, 2, base+2*lead), at(1, 3, base+3*lead), at(1, 4, base+4*lead), at(1, 5, base+5*lead)}},
			{lead, base, []cellLine{at(0, 5, base), at(1, 6, base)}},
			{lead, base, []cellLine{at(0, 6, base), at(1, 7, base)}},
			{lead, base, []cellLine{at(1, 8, base)}},
		}},
		{"an empty cell beside a picture", [][]tline{nil, lines(tall(base + lead))}, []rowBand{
			{2 * lead, base + lead, []cellLine{at(1, 0, base+lead)}},
		}},
		{"no lines", [][]tline{nil, nil}, []rowBand{{lead, base, nil}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := rowBands(c.cells, base, lead)
			if len(got) != len(c.want) {
				t.Fatalf("%d bands %+v, want %d", len(got), got, len(c.want))
			}
			near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
			for i, w := range c.want {
				g := got[i]
				// the order a band's lines are drawn in is no matter
				ls := slices.Clone(g.lines)
				slices.SortFunc(ls, func(a, b cellLine) int { return cmp.Or(a.cell-b.cell, a.line-b.line) })
				ok := near(g.h, w.h) && near(g.base, w.base) && len(ls) == len(w.lines)
				for li := range w.lines {
					ok = ok && li < len(ls) && ls[li].cell == w.lines[li].cell && ls[li].line == w.lines[li].line && near(ls[li].baseline, w.lines[li].baseline)
				}
				if !ok {
					t.Errorf("band %d: %+v, want %+v", i, g, w)
				}
			}
		})
	}
}
