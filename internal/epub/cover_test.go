package epub

import (
	"image"
	"image/color"
	"testing"
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
	p := paletted(few)
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
	if paletted(many) != nil {
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
	if paletted(img) != nil {
		t.Fatal("the test image has at most 256 colours; it tests nothing")
	}
	p := palettedEdges(img)
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
