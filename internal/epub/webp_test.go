package epub

import (
	"bytes"
	"image/color"
	"image/png"
	"os"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/media"
)

// A WebP is converted to PNG with the colours libwebp (dwebp) gives it,
// a lossy one's samples read in studio range, as the PDF prints them;
// an animated one becomes its first frame rather than a refusal.
func TestWebPConvertedAsDwebpDecodes(t *testing.T) {
	for _, file := range []string{"lossy.webp", "animated.webp"} {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile("../media/testdata/raster/" + file)
			if err != nil {
				t.Fatal(err)
			}
			s := newImageSet(0, 0, media.NewCache(), nil, 1)
			mt, out, err := s.checkImage(&doc.Asset{Path: "img/" + file, MediaType: media.WebP, Data: data})
			if err != nil || mt != media.PNG {
				t.Fatalf("checkImage = %q, %v; want a PNG", mt, err)
			}
			img, err := png.Decode(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			// the red square on the left; x/image's full-range reading
			// gives (197, 43, 43)
			got := color.NRGBAModel.Convert(img.At(8, 8)).(color.NRGBA)
			want := color.NRGBA{208, 33, 33, 255}
			near := func(a, b uint8) bool { return max(int(a)-int(b), int(b)-int(a)) <= 3 }
			if !near(got.R, want.R) || !near(got.G, want.G) || !near(got.B, want.B) || got.A != 255 {
				t.Errorf("pixel (8, 8) = %v, want %v (dwebp's)", got, want)
			}
		})
	}
}
