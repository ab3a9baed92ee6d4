package epub

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/samizdat-press/samizdat/internal/cover"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// A cover of few colours, rows repeated in bands, becomes a paletted
// image with the same pixels; one with more than 256 colours stays true
// colour.
func TestPaletted(t *testing.T) {
	few := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for y := range 30 {
		for x := range 40 {
			few.SetRGBA(x, y, color.RGBA{uint8(x % 8 * 30), uint8(y / 3 % 4 * 60), 7, 255})
		}
	}
	p := paletted(rasterOf(few))
	if p == nil {
		t.Fatal("an image of 32 colours was not made paletted")
	}
	if len(p.Palette) != 32 {
		t.Errorf("palette of %d colours, want 32", len(p.Palette))
	}
	for y := range 30 {
		for x := range 40 {
			if got, want := color.RGBAModel.Convert(p.At(x, y)), few.RGBAAt(x, y); got != want {
				t.Fatalf("pixel (%d, %d) is %v, want %v", x, y, got, want)
			}
		}
	}
	many := image.NewRGBA(image.Rect(0, 0, 300, 1))
	for x := range 300 {
		many.SetRGBA(x, 0, color.RGBA{uint8(x), uint8(x >> 8), 0, 255})
	}
	if paletted(rasterOf(many)) != nil {
		t.Error("an image of 300 colours was made paletted")
	}
}

// Type in two inks anti-aliased on a flat ground blends into more than 256
// colours; rounded at its edges it is paletted, the flat colours exact and
// every other pixel within two levels of a channel.
func TestPalettedEdges(t *testing.T) {
	ground := color.RGBA{243, 239, 230, 255}
	inks := []color.RGBA{{32, 26, 23, 255}, {140, 28, 24, 255}}
	const w, h = 400, 40
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := ground
			if y%20 == 10 { // a row of edges: every blend of an ink into the ground
				ink := inks[x/256%2]
				a := uint32(x % 256)
				blend := func(f, g uint8) uint8 { return uint8((uint32(f)*a + uint32(g)*(255-a)) / 255) }
				c = color.RGBA{blend(ink.R, ground.R), blend(ink.G, ground.G), blend(ink.B, ground.B), 255}
			} else if y%20 > 15 {
				c = inks[y/20%2]
			}
			img.SetRGBA(x, y, c)
		}
	}
	if paletted(rasterOf(img)) != nil {
		t.Fatal("the test image has at most 256 colours; it tests nothing")
	}
	p := palettedEdges(rasterOf(img))
	if p == nil {
		t.Fatal("type in two inks was not made paletted")
	}
	for y := range h {
		for x := range w {
			got, want := color.RGBAModel.Convert(p.At(x, y)).(color.RGBA), img.RGBAAt(x, y)
			if want == ground || want == inks[0] || want == inks[1] {
				if got != want {
					t.Fatalf("flat pixel (%d, %d) is %v, want %v", x, y, got, want)
				}
				continue
			}
			d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
			if d(got.R, want.R) > 2 || d(got.G, want.G) > 2 || d(got.B, want.B) > 2 || got.A != want.A {
				t.Fatalf("edge pixel (%d, %d) is %v, want within 2 of %v", x, y, got, want)
			}
		}
	}
}

// drawWhole paints a design as one picture, every row of it, with
// font.Drawer: what rasterize must give.
func drawWhole(t *testing.T, d *cover.Design, set *fonts.Set) *image.RGBA {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, int(math.Ceil(d.W)), int(math.Ceil(d.H))))
	for _, r := range d.Rects {
		rect := image.Rect(int(math.Round(r.X)), int(math.Round(r.Y)), int(math.Round(r.X+r.W)), int(math.Round(r.Y+r.H)))
		draw.Draw(img, rect, image.NewUniform(rgba(r.Fill)), image.Point{}, draw.Src)
	}
	for _, tx := range d.Texts {
		f, err := opentype.Parse(set.Data(tx.Face))
		if err != nil {
			t.Fatal(err)
		}
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: tx.Size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			t.Fatal(err)
		}
		dr := font.Drawer{Dst: img, Src: image.NewUniform(rgba(tx.Ink)), Face: face,
			Dot: fixed.Point26_6{X: fixed.Int26_6(math.Round(tx.X * 64)), Y: fixed.Int26_6(math.Round(tx.Y * 64))}}
		dr.DrawString(tx.Text)
	}
	return img
}

// A design drawn in strips (the rows the text covers as pictures, the
// others shared by the rectangles crossing them) has the pixels of the
// whole picture painted at once: fronts with and without an edition, and
// a design whose text runs off every side, overlaps itself and sits on
// rectangles that reach beyond the picture.
func TestRasterizeInStrips(t *testing.T) {
	set := testFonts(t)
	serif := fonts.Face{Family: fonts.Serif, Style: fonts.Bold}
	edges := &cover.Design{W: 300.4, H: 200.6,
		Rects: []cover.Rect{{X: -10, Y: -10, W: 400, H: 250, Fill: cover.Paper}, {X: 20, Y: 40.4, W: 500, H: 30, Fill: cover.Red},
			{X: 0, Y: 120, W: 0, H: 40, Fill: cover.Ink}, {X: 250, Y: 190, W: 80, H: 30, Fill: cover.Ink}},
		Texts: []cover.Text{{X: -12.3, Y: 10.2, Face: serif, Size: 31, Text: "Agy ffi", Ink: cover.Ink},
			{X: 4, Y: 22, Face: serif, Size: 25, Text: "overlaps", Ink: cover.Red},
			{X: 240.6, Y: 210.1, Face: serif, Size: 40, Text: "gjpq", Ink: cover.White},
			{X: 100, Y: 120, Face: serif, Size: 12, Text: "", Ink: cover.Ink}}}
	book := cover.Book{Title: "The Workers’ Opposition", Subtitle: "A reader", Edition: "Teacher’s edition", Creators: []string{"Alexandra Kollontai"}}
	plain := book
	plain.Edition = ""
	for name, d := range map[string]*cover.Design{
		"front":         cover.Front(plain, set, coverWidth, coverHeight),
		"edition":       cover.Front(book, set, coverWidth, coverHeight),
		"text off edge": edges,
	} {
		want := drawWhole(t, d, set)
		got, err := rasterize(d, set)
		if err != nil {
			t.Fatal(err)
		}
		if got.Bounds() != want.Bounds() {
			t.Fatalf("%s: bounds %v, want %v", name, got.Bounds(), want.Bounds())
		}
		for y := range want.Rect.Dy() {
			if row := want.Pix[y*want.Stride:][:4*want.Rect.Dx()]; !bytes.Equal(got.rows[y], row) {
				t.Fatalf("%s: row %d differs from the whole picture's", name, y)
			}
		}
	}
}

// A design of more colours than a palette holds, even rounded, is
// written in true colour with every pixel as drawn.
func TestDrawDesignTrueColour(t *testing.T) {
	set := testFonts(t)
	d := &cover.Design{W: 20, H: 300}
	for y := range 300 {
		d.Rects = append(d.Rects, cover.Rect{Y: float64(y), W: 20, H: 1, Fill: cover.Color{R: float64(y) / 299, G: float64(y%7) / 6, B: 0.5}})
	}
	data, err := drawDesign(d, set)
	if err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got.(*image.Paletted); ok {
		t.Fatal("a design of 300 flat colours was written paletted")
	}
	if want := drawWhole(t, d, set); !sameImage(got, want, 0) {
		t.Error("the true-colour cover is not the design")
	}
}
