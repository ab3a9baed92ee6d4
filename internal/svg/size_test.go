package svg

import (
	"math"
	"strconv"
	"testing"
)

// TestSize checks the sizes the drawing is made at: where the root gives
// a size, or one side, or none, the size Chromium gives the same root
// shown with <img>; a viewBox alone, which Chromium draws as wide as its
// place, its proportions and numbers; one that stretches
// (preserveAspectRatio none) no proportions.
func TestSize(t *testing.T) {
	for _, c := range []struct {
		w, h, vb, par string
		wantW, wantH  float64
		proportional  bool
	}{
		{"", "", "0 0 120 60", "", 120, 60, true},
		{"", "", "-10 -10 120 120", "", 120, 120, true},
		{"", "", "50,-20,40,120", "", 40, 120, true},
		{"", "", "0 0 2.4 1.1", "", 2.4, 1.1, true},
		{"300", "", "-5 -5 100 50", "", 300, 150, false},
		{"", "80", "10 10 100 50", "", 160, 80, false},
		{"100%", "100%", "-50 0 100 200", "", 100, 200, true},
		{"", "50%", "0 0 100 50", "", 100, 50, true},
		{"100%", "50", "0 0 100 100", "", 50, 50, false},
		{"10em", "", "0 0 100 50", "", 160, 80, false},
		{"72pt", "1in", "0 0 10 10", "", 96, 96, false},
		{"200", "", "", "", 200, 150, false},
		{"", "60", "", "", 300, 60, false},
		{"100%", "50%", "", "", 300, 150, false},
		{"", "", "", "", 300, 150, false},
		{"-5", "0", "0 0 0 10", "", 300, 150, false},
		{"1e300", "", "0 0 1e-300 1e300", "", 0, 0, false},
		{"", "", "-10 -10 120 60", "xMinYMax slice", 120, 60, true},
		{"", "", "0 0 100 50", "none", 300, 150, false},
		{"", "", "0 0 100 50", " defer none ", 300, 150, false},
		// Chromium shows this one 300 × 150, as though the width were
		// not there; a width alone without proportions is 150 high.
		{"200", "", "0 0 100 50", "none", 200, 150, false},
		{"200", "80", "0 0 100 50", "none", 200, 80, false},
	} {
		w, h, p := Size(c.w, c.h, c.vb, c.par)
		if math.Abs(w-c.wantW) > 1e-9 || math.Abs(h-c.wantH) > 1e-9 || p != c.proportional {
			t.Errorf("Size(%q, %q, %q, %q) = %g, %g, %v; want %g, %g, %v", c.w, c.h, c.vb, c.par, w, h, p, c.wantW, c.wantH, c.proportional)
		}
	}
}

// TestDrawingFillsItsSize draws a frame around the whole viewBox and a
// circle touching its foot: where the root gives no size, or one side
// only, whatever its origin and preserveAspectRatio, the drawing is the
// size Size says and the frame covers it exactly (stretched to 300 × 150
// where preserveAspectRatio is none), so that nothing of the drawing is
// outside the box a picture is placed in, and nothing of the box is left
// empty.
func TestDrawingFillsItsSize(t *testing.T) {
	for _, c := range []struct {
		root string
		vb   Rect
	}{
		{`viewBox="-10 -10 120 120"`, Rect{-10, -10, 120, 120}},
		{`viewBox="50 -20 40 120"`, Rect{50, -20, 40, 120}},
		{`viewBox="0 0 2.4 1.1"`, Rect{0, 0, 2.4, 1.1}},
		{`viewBox="-10 -10 120 60" preserveAspectRatio="xMinYMax slice"`, Rect{-10, -10, 120, 60}},
		{`viewBox="-10 -10 120 60" preserveAspectRatio="none"`, Rect{-10, -10, 120, 60}},
		{`width="100%" height="100%" viewBox="-50 0 100 200" preserveAspectRatio="xMaxYMin meet"`, Rect{-50, 0, 100, 200}},
		{`width="300" viewBox="-5 -5 100 50"`, Rect{-5, -5, 100, 50}},
		{`height="80" viewBox="10 10 100 50"`, Rect{10, 10, 100, 50}},
		{``, Rect{0, 0, 300, 150}},
		{`width="200"`, Rect{0, 0, 200, 150}},
	} {
		vb := c.vb
		r := math.Min(vb.W, vb.H) / 2
		src := `<svg xmlns="http://www.w3.org/2000/svg" ` + c.root + `>` +
			`<rect x="` + attrNum(vb.X) + `" y="` + attrNum(vb.Y) + `" width="` + attrNum(vb.W) + `" height="` + attrNum(vb.H) + `" fill="orange"/>` +
			`<circle cx="` + attrNum(vb.X+vb.W/2) + `" cy="` + attrNum(vb.Y+vb.H-r) + `" r="` + attrNum(r) + `" fill="purple"/></svg>`
		d, err := Parse([]byte(src), Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.root, err)
		}
		root, _ := parseTree([]byte(src))
		w, h, _ := Size(root.attr("width"), root.attr("height"), root.attr("viewBox"), root.attr("preserveAspectRatio"))
		if d.Width != w || d.Height != h {
			t.Errorf("<svg %s>: drawn %g × %g, sized %g × %g", c.root, d.Width, d.Height, w, h)
		}
		b, ok := itemsBounds(d.Items, Identity)
		eps := 1e-9 * math.Max(w, h)
		if !ok || math.Abs(b.X) > eps || math.Abs(b.Y) > eps || math.Abs(b.W-w) > eps || math.Abs(b.H-h) > eps {
			t.Errorf("<svg %s>: drawing's bounds %+v, want the box 0 0 %g %g", c.root, b, w, h)
		}
	}
}

func attrNum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// FuzzSize checks that any root's attributes give a size that can be
// drawn, or none.
func FuzzSize(f *testing.F) {
	f.Add("", "", "-10 -10 120 120", "")
	f.Add("100%", "2.5em", "0,0,1e308,1e-308", "defer none slice")
	f.Add("1e308in", "", "0 0 1e-300 1", "xMinYMax")
	f.Fuzz(func(t *testing.T, width, height, viewBox, par string) {
		w, h, proportional := Size(width, height, viewBox, par)
		if w == 0 && h == 0 && !proportional {
			return
		}
		if !finite(w, h) {
			t.Fatalf("Size(%q, %q, %q, %q) = %g × %g", width, height, viewBox, par, w, h)
		}
	})
}
