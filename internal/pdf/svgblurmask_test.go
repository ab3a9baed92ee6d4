package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestSVGBlurInMask checks that a blur in a mask's content is drawn in the
// mask, in the grey of its colour's luminance: a red rectangle under a
// luminance mask of a green rectangle blurred by 6 is red at 0.7154 (the
// luminance a browser gives full green) in the mask's middle, fades
// across its edge, and shows nothing beyond it.
func TestSVGBlurInMask(t *testing.T) {
	picture := `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="120" viewBox="0 0 200 120"><defs>` +
		`<filter id="lb" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="6"/></filter>` +
		`<mask id="m"><rect x="30" y="20" width="140" height="80" fill="#00ff00" filter="url(#lb)"/></mask></defs>` +
		`<rect x="10" y="5" width="180" height="110" fill="#cc3333" mask="url(#m)"/></svg>`
	var b bytes.Buffer
	warnings, err := Write(&b, svgPageDocument(t, []byte(picture), 200, 120), doc.Meta{Title: "mask"}, testFaces(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) > 0 {
		t.Errorf("warnings: %q", warnings)
	}
	path := filepath.Join(t.TempDir(), "mask.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	checkQPDF(t, path)
	img := renderPageAt(t, path, "96")
	green := func(x, y int) int {
		_, g, _, _ := img.At(x, y).RGBA()
		return int(g >> 8)
	}
	// the red's green channel, 51, over white at the mask's value
	if g := green(100, 60); g < 105 || g > 113 {
		t.Errorf("the mask's middle: green %d, want 109 (red at 0.7154)", g)
	}
	if g := green(12, 60); g < 253 {
		t.Errorf("beyond the mask: green %d, want white", g)
	}
	prev := 0
	for x := 12; x <= 50; x++ {
		g := green(x, 60)
		if g > prev && x > 12 {
			t.Errorf("the mask's edge not fading in at %d: %d after %d", x, g, prev)
		}
		prev = g
	}
	if g := green(30, 60); g < 160 || g > 200 {
		t.Errorf("the mask's edge: green %d, want about half way from 109 to 255", g)
	}
}
