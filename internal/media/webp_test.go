package media

import (
	"image/color"
	"os"
	"testing"
)

// A lossy WebP's colours are those libwebp (dwebp) and browsers give:
// its studio-range samples read as full range would make black dark
// grey (10, 20, 8) and the red (197, 43, 43).
func TestDecodeWebPLossyColours(t *testing.T) {
	for _, tc := range []struct {
		file   string
		alpha  uint8 // of the white and black halves
		opaque bool
	}{
		{"lossy.webp", 255, true},
		{"lossy-alpha.webp", 102, false},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/raster/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			img, err := Decode(WebP, data, 0)
			if err != nil {
				t.Fatal(err)
			}
			if Opaque(img) != tc.opaque {
				t.Errorf("opaque = %v, want %v", !tc.opaque, tc.opaque)
			}
			for _, want := range []struct {
				x, y int
				c    color.NRGBA
			}{
				{8, 8, color.NRGBA{208, 33, 33, 255}},
				{20, 8, color.NRGBA{255, 255, 255, tc.alpha}},
				{28, 8, color.NRGBA{0, 1, 0, tc.alpha}},
			} {
				got := color.NRGBAModel.Convert(img.At(want.x, want.y)).(color.NRGBA)
				if !nearNRGBA(got, want.c, 3) {
					t.Errorf("pixel (%d, %d) = %v, want %v (dwebp's)", want.x, want.y, got, want.c)
				}
			}
		})
	}
}

func nearNRGBA(a, b color.NRGBA, tolerance int) bool {
	d := func(x, y uint8) bool { return max(int(x)-int(y), int(y)-int(x)) <= tolerance }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B) && d(a.A, b.A)
}
