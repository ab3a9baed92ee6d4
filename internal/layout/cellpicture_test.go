package layout

import (
	"math"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestPicturesInCells: in a table's cell, a picture given no size and too
// tall for an icon is set apart at its own size, no wider than its column,
// whose share of the measure is fair to the words beside it; its row grows
// to hold it. An icon, and a picture its book's stylesheet sizes (the Rust
// book's Ferris), stand at the height of the text; a sized one keeps its
// size.
func TestPicturesInCells(t *testing.T) {
	o := a5()
	m := realFonts(t)
	g, _ := newGeom(o, o.Gutter)
	size := o.FontSize * 0.9 // a table's type
	pic := func(name string, w, h int) *doc.Image {
		return &doc.Image{Src: name, Alt: name, Asset: &doc.Asset{Path: name, MediaType: "image/png", Data: []byte{1}, Width: w, Height: h}}
	}
	ferris := pic("ferris.png", 1259, 847)
	ferris.Styled = true
	sized := pic("sized.png", 300, 150)
	sized.Width = doc.Length{Value: 100, Unit: "px"}
	cell := func(ins ...doc.Inline) *doc.TableCell { return &doc.TableCell{Content: ins} }
	for _, c := range []struct {
		name string
		img  *doc.Image
		// the size it is printed at; 0 wide: as wide as its column
		w, h float64
	}{
		{"a screenshot, shrunk to its column", pic("shot.png", 1469, 571), 0, 0},
		{"a small chart, at its own size", pic("chart.png", 200, 100), 150, 75},
		{"an icon", pic("icon.png", 48, 48), size, size},
		{"a mark its stylesheet sizes", ferris, size * 1259 / 847, size},
		{"a picture given a width", sized, 75, 37.5},
	} {
		t.Run(c.name, func(t *testing.T) {
			table := &doc.Table{Header: []*doc.TableCell{cell(txt("Picture")), cell(txt("What it shows"))},
				Rows: [][]*doc.TableCell{{cell(c.img), cell(txt("The report after the change, with the differences marked."))},
					{cell(txt("Below")), cell(txt("The next row."))}}}
			b := &doc.Book{Meta: doc.Meta{Title: "Cells", Language: "en"}, Entries: []*doc.Entry{{ID: "ch", Kind: doc.KindChapter, File: "ch.md",
				Title: []doc.Inline{txt("Cells")}, Blocks: []doc.Block{table}}}}
			d := checkBook(t, b, m, o)
			p := lastOf(itemsOf[*Picture](d))
			if p == nil {
				t.Fatal("the picture was not drawn")
			}
			var words, below *Text
			for _, tx := range itemsOf[*Text](d) {
				switch tx.Text {
				case "The":
					if words == nil {
						words = tx
					}
				case "Below":
					below = tx
				}
			}
			if words == nil || below == nil {
				t.Fatal("the table's text was not set")
			}
			aw, ah := float64(c.img.Asset.Width), float64(c.img.Asset.Height)
			if c.w == 0 {
				if p.W < 0.4*g.textW || p.X+p.W > words.X {
					t.Errorf("printed %.2f pt wide from %.2f, want at least %.2f and short of the next column at %.2f", p.W, p.X, 0.4*g.textW, words.X)
				}
				if words.X > g.textW*0.6+p.X {
					t.Errorf("the words beside the picture start at %.2f: their column is squeezed", words.X)
				}
				if math.Abs(p.H-p.W*ah/aw) > 0.01 {
					t.Errorf("printed %.2f x %.2f pt, not in the proportions of %v x %v", p.W, p.H, aw, ah)
				}
			} else if math.Abs(p.W-c.w) > 0.01 || math.Abs(p.H-c.h) > 0.01 {
				t.Errorf("printed %.2f x %.2f pt, want %.2f x %.2f", p.W, p.H, c.w, c.h)
			}
			if below.Y-size < p.Y+p.H {
				t.Errorf("the next row's line at %.2f overprints the picture, down to %.2f", below.Y, p.Y+p.H)
			}
		})
	}
}

// TestPictureColumnsShare: a column holding a screenshot gets what room
// the other columns' words leave, up to the picture's own width, and
// shares the measure evenly with another such column; one picture set
// apart does not split a table of four columns into parts.
func TestPictureColumnsShare(t *testing.T) {
	o := a5()
	m := realFonts(t)
	g, _ := newGeom(o, o.Gutter)
	pic := func(name string, w, h int) *doc.Image {
		return &doc.Image{Src: name, Alt: name, Asset: &doc.Asset{Path: name, MediaType: "image/png", Data: []byte{1}, Width: w, Height: h}}
	}
	cell := func(ins ...doc.Inline) *doc.TableCell { return &doc.TableCell{Content: ins} }
	for _, c := range []struct {
		name string
		row  []*doc.TableCell
		// the least width of the widest picture, in measures
		least float64
	}{
		{"side by side", []*doc.TableCell{cell(pic("a.png", 1469, 571)), cell(pic("b.png", 1469, 571))}, 0.4},
		{"among short words", []*doc.TableCell{cell(txt("report")), cell(txt("screenshot")), cell(pic("shot.png", 1469, 571)), cell(txt("wide"))}, 0.5},
		{"among longer words", []*doc.TableCell{cell(txt("configuration")), cell(txt("documentation")), cell(pic("shot.png", 1469, 571)), cell(txt("wide"))}, 0.3},
	} {
		t.Run(c.name, func(t *testing.T) {
			head := make([]*doc.TableCell, len(c.row))
			for i := range head {
				head[i] = cell(txt("Head"))
			}
			table := &doc.Table{Header: head, Rows: [][]*doc.TableCell{c.row}}
			b := &doc.Book{Meta: doc.Meta{Title: "Cells", Language: "en"}, Entries: []*doc.Entry{{ID: "ch", Kind: doc.KindChapter, File: "ch.md",
				Title: []doc.Inline{txt("Cells")}, Blocks: []doc.Block{table}}}}
			d := checkBook(t, b, m, o)
			for _, w := range d.Warnings {
				t.Errorf("warned %s", w.Message)
			}
			widest := 0.0
			for _, p := range itemsOf[*Picture](d) {
				widest = math.Max(widest, p.W)
			}
			if widest < c.least*g.textW {
				t.Errorf("the widest picture is %.2f pt, want at least %.2f", widest, c.least*g.textW)
			}
		})
	}
}
