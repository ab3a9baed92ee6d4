package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"strconv"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/layout"
)

// TestHiddenText: the characters of an emoji drawn as a picture are drawn
// invisible (rendering mode 3, set back after), scaled to the picture's
// width (the .notdef of a face that lacks them is 1 em wide), so that the
// page's text copies out with the emoji in its place; the picture is
// embedded once however often it is drawn.
func TestHiddenText(t *testing.T) {
	set, err := fonts.Load(fonts.EmbeddedFiles())
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewNRGBA(image.Rect(0, 0, 8, 8))
	img.Set(2, 2, color.NRGBA{R: 255, A: 128})
	var pb bytes.Buffer
	if err := png.Encode(&pb, img); err != nil {
		t.Fatal(err)
	}
	a := &doc.Asset{MediaType: "image/png", Data: pb.Bytes(), Width: 8, Height: 8}
	face := fonts.Face{Family: fonts.Serif}
	var items []layout.Item
	for _, x := range []float64{10, 60} {
		items = append(items,
			&layout.Picture{Rect: layout.Rect{X: x, Y: 20, W: 12, H: 12}, Asset: a},
			&layout.Text{X: x, Y: 30, Face: face, Size: 10, Text: "🚀", Extra: &layout.TextExtra{Hidden: true, Width: 12}},
			&layout.Text{X: x + 14, Y: 30, Face: face, Size: 10, Text: "go"})
	}
	d := &layout.Document{Geometry: layout.Geometry{MediaWidth: 200, MediaHeight: 100}, Pages: []*layout.Page{{Label: "1", Items: items}}}
	p := newPainter(d, set, Options{})
	if err := p.paint(); err != nil {
		t.Fatal(err)
	}
	var raw bytes.Buffer
	if err := p.f.Output(&raw); err != nil {
		t.Fatal(err)
	}
	hidden := regexp.MustCompile(`3 Tr (\S+) Tz <([0-9a-fA-F]+)> Tj 100 Tz 0 Tr`).FindAllSubmatch(raw.Bytes(), -1)
	if len(hidden) != 2 {
		t.Fatalf("%d invisible runs, want 2", len(hidden))
	}
	if scale, _ := strconv.ParseFloat(string(hidden[0][1]), 64); scale != 120 {
		t.Errorf("scaled by %v%%, want 120%% (12 pt of a 10 pt .notdef)", scale)
	}
	// the Unicode map gives the code back as the rocket
	if n := bytes.Count(raw.Bytes(), []byte("/Subtype /Image")); n != 1 {
		t.Errorf("%d images embedded, want the picture once", n)
	}
}
