package pdf

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSVGBlendModes draws internal/svg's blend.svg: mix-blend-mode is a
// PDF blend mode of the element composited first, over what is drawn
// under it in the picture and never over the page (a blue square blended
// by difference over nothing stays blue), and a group with isolation:
// isolate keeps the blends inside it from what is under the group.
func TestSVGBlendModes(t *testing.T) {
	data := svgPagePDF(t, "blend.svg", "blend modes")
	path := filepath.Join(t.TempDir(), "blend.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	checkQPDF(t, path)
	img := renderPage(t, path)
	for _, c := range []struct {
		what    string
		x, y    int
		r, g, b uint8
	}{
		{"pink alone", 10, 10, 255, 128, 128},
		{"blue multiplied over pink", 30, 30, 128, 64, 128},
		{"blue multiplied over nothing", 50, 50, 128, 128, 255},
		{"blue by difference over red", 100, 30, 255, 0, 255},
		{"blue by difference over nothing", 120, 50, 0, 0, 255},
		{"isolated: red over green", 155, 30, 255, 0, 0},
		{"isolated: blue screened over red", 165, 30, 255, 0, 255},
		{"isolated: blue screened over nothing, not the green", 180, 30, 0, 0, 255},
	} {
		r, g, b, _ := img.At(c.x, c.y).RGBA()
		if !near(r>>8, c.r) || !near(g>>8, c.g) || !near(b>>8, c.b) {
			t.Errorf("%s at %d,%d: %d,%d,%d, want %d,%d,%d", c.what, c.x, c.y, r>>8, g>>8, b>>8, c.r, c.g, c.b)
		}
	}
}
