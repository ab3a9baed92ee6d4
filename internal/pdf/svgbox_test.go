package pdf

import (
	"bytes"
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/media"
)

// TestSVGFillsItsBox loads SVG pictures as a build does and prints each in
// a box of the shape the layout gives it (doc.Asset.Shape), scaled to a
// hundred and sixty points, with white around it; pdftoppm's pixels
// show that nothing of the drawing lies outside the box and that the whole
// drawing shows: a frame around the root's viewBox (or its 300 × 150 box
// when it has none) reaches the box's four sides, and a circle touching
// its foot is round and whole. The roots have a viewBox alone (one with a
// negative origin, one of fractions of a pixel), one side with a viewBox,
// percentages, preserveAspectRatio (none stretching it to 300 × 150, as
// Chromium shows it), or nothing; and MDN's <mask> example, whose viewBox
// starts at -10 -10.
func TestSVGFillsItsBox(t *testing.T) {
	drawing := func(root string, x, y, w, h float64) string {
		f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
		r := math.Min(w, h) / 2
		return `<svg xmlns="http://www.w3.org/2000/svg" ` + root + `>` +
			`<rect x="` + f(x) + `" y="` + f(y) + `" width="` + f(w) + `" height="` + f(h) + `" fill="#ffa500"/>` +
			`<circle cx="` + f(x+w/2) + `" cy="` + f(y+h-r) + `" r="` + f(r) + `" fill="#800080"/></svg>`
	}
	mdn, err := os.ReadFile(filepath.Join("..", "svg", "testdata", "mdn-mask.svg"))
	if err != nil {
		t.Fatal(err)
	}
	files := fstest.MapFS{
		"negative-origin.svg": {Data: []byte(drawing(`viewBox="-10 -10 120 60"`, -10, -10, 120, 60))},
		"tall.svg":            {Data: []byte(drawing(`viewBox="50 -20 40 120"`, 50, -20, 40, 120))},
		"fractions.svg":       {Data: []byte(drawing(`viewBox="-0.2 0 2.4 1.1"`, -0.2, 0, 2.4, 1.1))},
		"slice.svg":           {Data: []byte(drawing(`viewBox="0 0 90 40" preserveAspectRatio="xMinYMax slice"`, 0, 0, 90, 40))},
		"none.svg":            {Data: []byte(drawing(`viewBox="5 5 70 30" preserveAspectRatio="none"`, 5, 5, 70, 30))},
		"percentages.svg":     {Data: []byte(drawing(`width="100%" height="100%" viewBox="-50 0 100 200"`, -50, 0, 100, 200))},
		"width.svg":           {Data: []byte(drawing(`width="300" viewBox="-5 -5 100 50"`, -5, -5, 100, 50))},
		"height.svg":          {Data: []byte(drawing(`height="80" viewBox="10 10 100 30"`, 10, 10, 100, 30))},
		"no-size.svg":         {Data: []byte(drawing(``, 0, 0, 300, 150))},
		"width-alone.svg":     {Data: []byte(drawing(`width="200"`, 0, 0, 200, 150))},
		"mdn-mask.svg":        {Data: mdn},
	}
	// Each picture has a cell of the page, in which it is printed scaled
	// to 160 pt across or high (pictures are printed at their CSS pixels
	// × 0.75 in the shape the layout gives them), with white around it.
	const cell, margin, cols = 200.0, 20.0, 4
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	page := &layout.Page{Label: "1"}
	cells := map[string]layout.Rect{}
	boxes := map[string]layout.Rect{}
	for i, name := range names {
		a, err := media.LoadFile(files, name, media.Options{MaxDecoded: 1 << 24})
		if err != nil {
			t.Fatal(err)
		}
		sw, sh := a.Shape()
		k := math.Min((cell-2*margin)/sw, (cell-2*margin)/sh)
		c := layout.Rect{X: float64(i%cols) * cell, Y: float64(i/cols) * cell, W: cell, H: cell}
		box := layout.Rect{X: c.X + margin, Y: c.Y + margin, W: sw * k, H: sh * k}
		cells[name], boxes[name] = c, box
		page.Items = append(page.Items, &layout.Picture{Rect: box, Asset: a, Alt: name})
	}
	rows := (len(names) + cols - 1) / cols
	d := &layout.Document{Geometry: layout.Geometry{MediaWidth: cols * cell, MediaHeight: float64(rows) * cell}, Pages: []*layout.Page{page}}
	var b bytes.Buffer
	warnings, err := Write(&b, d, doc.Meta{Title: "SVG boxes"}, testFaces(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) > 0 {
		t.Errorf("warnings: %q", warnings)
	}
	path := filepath.Join(t.TempDir(), "boxes.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	img := renderPageAt(t, path, "72") // a pixel a point
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			checkOutside(t, img, cells[name], boxes[name])
			if name == "mdn-mask.svg" {
				checkMDNMask(t, img, boxes[name])
			} else {
				// preserveAspectRatio none stretches the circle.
				checkFramedCircle(t, img, boxes[name], name != "none.svg")
			}
		})
	}
}

type boxColour struct{ r, g, b int }

func colourAt(img image.Image, x, y int) boxColour {
	r, g, b, _ := img.At(x, y).RGBA()
	return boxColour{int(r >> 8), int(g >> 8), int(b >> 8)}
}

func (c boxColour) near(want boxColour) bool {
	return abs(c.r-want.r) <= 24 && abs(c.g-want.g) <= 24 && abs(c.b-want.b) <= 24
}

func (c boxColour) String() string { return fmt.Sprintf("#%02x%02x%02x", c.r, c.g, c.b) }

var (
	paperWhite   = boxColour{255, 255, 255}
	frameOrange  = boxColour{255, 165, 0}
	circlePurple = boxColour{128, 0, 128}
)

// checkOutside fails where a pixel of the cell more than one outside the
// box is not white.
func checkOutside(t *testing.T, img image.Image, cell, box layout.Rect) {
	t.Helper()
	x0, y0 := int(math.Floor(box.X))-1, int(math.Floor(box.Y))-1
	x1, y1 := int(math.Ceil(box.X+box.W))+1, int(math.Ceil(box.Y+box.H))+1
	for y := int(cell.Y); y < int(cell.Y+cell.H); y++ {
		for x := int(cell.X); x < int(cell.X+cell.W); x++ {
			if x >= x0 && x < x1 && y >= y0 && y < y1 {
				continue
			}
			if c := colourAt(img, x, y); !c.near(paperWhite) {
				t.Fatalf("pixel %d,%d outside the box %.1f,%.1f %.1f × %.1f is %v", x, y, box.X, box.Y, box.W, box.H, c)
			}
		}
	}
}

// checkFramedCircle checks a drawing of a frame filling its viewBox and a
// circle touching the frame's foot, in the middle, and, unless the
// drawing is stretched, that the circle is round.
func checkFramedCircle(t *testing.T, img image.Image, box layout.Rect, round bool) {
	t.Helper()
	at := func(fx, fy float64) (int, int) {
		return int(box.X + fx*box.W), int(box.Y + fy*box.H)
	}
	in := 2.0 // pixels inside the box's sides
	for _, p := range []struct {
		where  string
		x, y   int
		colour boxColour
	}{
		{"left side", int(box.X + in), int(box.Y + box.H/2), frameOrange},
		{"right side", int(box.X + box.W - in), int(box.Y + box.H/2), frameOrange},
		{"top, a quarter in", int(box.X + box.W/4), int(box.Y + in), frameOrange},
		{"top-left corner", int(box.X + in), int(box.Y + in), frameOrange},
		{"bottom-right corner", int(box.X + box.W - in), int(box.Y + box.H - in), frameOrange},
		{"the circle's foot", int(box.X + box.W/2), int(box.Y + box.H - in), circlePurple},
	} {
		if c := colourAt(img, p.x, p.y); !c.near(p.colour) {
			t.Errorf("%s (%d,%d) is %v, want %v", p.where, p.x, p.y, c, p.colour)
		}
	}
	if !round {
		return
	}
	// The circle's widest run across and its tallest down are its
	// diameter: as wide as it is high, and as high as the box is where
	// the box is wider than high.
	d := math.Min(box.W, box.H)
	cx, cy := at(0.5, 1)
	cy -= int(d / 2)
	across, down := 0, 0
	for x := int(box.X); x < int(box.X+box.W); x++ {
		if colourAt(img, x, cy).near(circlePurple) {
			across++
		}
	}
	for y := int(box.Y); y < int(box.Y+box.H); y++ {
		if colourAt(img, cx, y).near(circlePurple) {
			down++
		}
	}
	if math.Abs(float64(across)-d) > 2 || math.Abs(float64(down)-d) > 2 {
		t.Errorf("the circle is %d across and %d down, want %.0f both", across, down, d)
	}
}

// checkMDNMask checks MDN's <mask> example: the blue square over the
// viewBox's top left half, the orange triangle under its bottom right,
// and the purple circle whole, whose foot is 10 units of 120 above the
// box's.
func checkMDNMask(t *testing.T, img image.Image, box layout.Rect) {
	t.Helper()
	blue := boxColour{0, 0, 255}
	unit := box.W / 120
	at := func(ux, uy float64) (int, int) { // the viewBox's units
		return int(box.X + (ux+10)*unit), int(box.Y + (uy+10)*unit)
	}
	for _, p := range []struct {
		where  string
		ux, uy float64
		colour boxColour
	}{
		{"top left", -8, -8, blue},
		{"bottom right", 108, 108, frameOrange},
		{"top right, by the edge", 108, -5, frameOrange},
		{"bottom left, by the edge", -8, 90, blue},
		{"the circle's top", 50, 2, circlePurple},
		{"the circle's foot", 50, 98, circlePurple},
		{"under the circle", 50, 104, frameOrange},
		{"the circle's left", 2, 50, circlePurple},
		{"the circle's right", 98, 50, circlePurple},
		{"the heart", 30, 40, blue},
	} {
		x, y := at(p.ux, p.uy)
		if c := colourAt(img, x, y); !c.near(p.colour) {
			t.Errorf("%s (%d,%d) is %v, want %v", p.where, x, y, c, p.colour)
		}
	}
}
