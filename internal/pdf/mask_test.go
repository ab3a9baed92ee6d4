package pdf

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// TestSVGMasks checks that internal/svg's masks.svg (a Figma icon under
// an alpha mask, a Figma glow and an Inkscape fade whose gradients fade
// to transparent, an Inkscape luminance mask, a translucent group under
// a mask in bounding box units, a luminance mask in colours) is drawn
// through soft masks: graphics states whose masks are transparency
// groups, and, with pdftoppm, the colours a browser shows (Chromium's,
// within a few levels).
func TestSVGMasks(t *testing.T) {
	data := svgPagePDF(t, "masks.svg", "masks")
	f, err := pdffile.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, ref := range f.Refs() {
		d, ok := f.Objects[ref].(pdffile.Dict)
		if !ok || d["SMask"] == nil {
			continue
		}
		m, ok := f.Dict(d["SMask"])
		if !ok || !m.Is("Type", "Mask") {
			t.Errorf("state %v: soft mask %v", ref, d["SMask"])
			continue
		}
		kinds[string(m["S"].(pdffile.Name))]++
		g, ok := f.Resolve(m["G"]).(*pdffile.Stream)
		if !ok || !g.Dict.Is("Subtype", "Form") {
			t.Errorf("state %v: the mask's group is %v, want a form", ref, m["G"])
			continue
		}
		if group, ok := f.Dict(g.Dict["Group"]); !ok || !group.Is("S", "Transparency") || !group.Is("CS", "DeviceRGB") {
			t.Errorf("state %v: the mask's form has group %v, want a transparency group in RGB", ref, g.Dict["Group"])
		}
		if res, ok := f.Dict(g.Dict["Resources"]); !ok || res["Shading"] == nil {
			t.Errorf("state %v: the mask's form has resources %v, want the page's", ref, g.Dict["Resources"])
		}
	}
	// Figma's icon; the glow's, the fade's, the Inkscape mask's, the one
	// in bounding box units and the one in colours
	if kinds["Alpha"] != 1 || kinds["Luminosity"] != 5 || len(kinds) != 2 {
		t.Errorf("soft masks %v, want 1 of opacity and 5 of luminosity", kinds)
	}

	path := filepath.Join(t.TempDir(), "masks.pdf")
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
		{"icon: red inside the circle", 20, 30, 229, 57, 53},
		{"icon: blue inside the circle", 40, 30, 30, 136, 229},
		{"icon: outside the circle", 12, 12, 255, 255, 255},
		{"fade: a twelfth of the way", 75, 20, 62, 139, 255},
		{"fade: half way", 100, 20, 150, 192, 255},
		{"fade: half way over black", 100, 45, 21, 62, 125},
		{"fade: the end", 129, 20, 255, 255, 255},
		{"luminance mask: near the white end", 170, 15, 35, 182, 94},
		{"luminance mask: near the black end", 170, 45, 226, 245, 234},
		{"glow: centre", 50, 77, 248, 198, 2},
		{"glow: half way out", 57, 77, 143, 118, 32},
		{"glow: beyond its circle", 80, 65, 32, 32, 64},
		{"translucent group: red alone", 105, 70, 255, 128, 128},
		{"translucent group: blue over red", 112, 80, 128, 128, 255},
		{"translucent group: masked away", 117, 80, 255, 255, 255},
		{"translucent group: blue masked away", 125, 90, 255, 255, 255},
		{"black through red, as a browser weighs red", 155, 75, 201, 201, 201},
		{"black through green, as a browser weighs green", 185, 75, 73, 73, 73},
	} {
		r, g, b, _ := img.At(c.x, c.y).RGBA()
		if !within(r>>8, c.r, 8) || !within(g>>8, c.g, 8) || !within(b>>8, c.b, 8) {
			t.Errorf("%s at %d,%d: %d,%d,%d, want %d,%d,%d", c.what, c.x, c.y, r>>8, g>>8, b>>8, c.r, c.g, c.b)
		}
	}
}

// TestSVGMasksOfRealExports draws two published pictures (see
// internal/svg/testdata/README.md): Fluent Emoji's medal, whose ribbons
// and rims fade to transparent in linear and radial gradients, and MDN's
// <mask> example, a heart punched out of a circle by a luminance mask,
// and checks their colours against Chromium's, within a few levels.
func TestSVGMasksOfRealExports(t *testing.T) {
	type point struct {
		what    string
		x, y    int
		r, g, b uint8
	}
	for _, c := range []struct {
		name   string
		w, h   int
		dpi    string // at 384 dpi a CSS pixel is four pixels wide
		points []point
	}{
		{"fluent-medal.svg", 32, 32, "384", []point{
			{"left ribbon", 32, 20, 67, 134, 236},
			{"between the ribbons, where both fade", 60, 40, 135, 152, 171},
			{"medal's face", 64, 80, 245, 163, 64},
			{"medal's face, the darker side", 90, 80, 237, 154, 55},
			{"the rim fading in at the left", 30, 90, 234, 142, 55},
			{"the bottom of the rim, orange fading over gold", 64, 118, 246, 135, 67},
		}},
		{"mdn-mask.svg", 120, 120, "96", []point{
			{"the circle's top", 60, 15, 128, 0, 128},
			{"the circle's left", 20, 60, 128, 0, 128},
			{"through the heart, blue", 40, 50, 0, 0, 255},
			{"through the heart, orange", 75, 70, 255, 165, 0},
			{"outside the circle", 5, 5, 0, 0, 255},
		}},
	} {
		data := svgPagePDFSized(t, c.name, c.name, c.w, c.h)
		path := filepath.Join(t.TempDir(), c.name+".pdf")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		checkQPDF(t, path)
		img := renderPageAt(t, path, c.dpi)
		for _, p := range c.points {
			r, g, b, _ := img.At(p.x, p.y).RGBA()
			if !within(r>>8, p.r, 8) || !within(g>>8, p.g, 8) || !within(b>>8, p.b, 8) {
				t.Errorf("%s: %s at %d,%d: %d,%d,%d, want %d,%d,%d", c.name, p.what, p.x, p.y, r>>8, g>>8, b>>8, p.r, p.g, p.b)
			}
		}
	}
}
