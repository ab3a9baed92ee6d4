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
