package pdf

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/filetest"
	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// TestSVGGradientRamps checks that gradients of more than two stops,
// radial ones with a focus and reflected and repeated ones are each one
// shading whose function steps through the stops (the golden file lists
// them), and, with pdftoppm, their colours where interpolation puts them.
func TestSVGGradientRamps(t *testing.T) {
	data := svgPagePDF(t, "gradient-ramps.svg", "gradients")
	f, err := pdffile.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, ref := range f.Refs() {
		if d, ok := f.Objects[ref].(pdffile.Dict); ok && d["ShadingType"] != nil {
			b.WriteString(dumpObject(f, d) + "\n")
		}
	}
	filetest.Golden(t, filepath.Join("testdata", "golden", "gradient-ramps.golden"), []byte(b.String()))

	path := filepath.Join(t.TempDir(), "gradients.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	checkQPDF(t, path)
	// At 192 dpi a CSS pixel of the picture is two pixels of the page (at
	// 96 dpi pdftoppm's radial shadings are up to 18 levels off where
	// pdftocairo's agree with these); the colours are interpolated between
	// the stops at the CSS pixel's centre.
	img := renderPageAt(t, path, "192")
	for _, c := range []struct {
		what    string
		x, y    int
		r, g, b uint8
	}{
		// the gradient's vector is 60,20: a line across it has one colour
		{"three stops, a quarter of the way", 10, 20, 122, 133, 0},
		{"three stops, a quarter of the way further up", 15, 5, 122, 133, 0},
		{"three stops, three quarters of the way", 40, 30, 0, 122, 133},
		{"three stops, three quarters of the way further up", 45, 15, 0, 122, 133},
		{"three stops, beyond the end", 90, 40, 0, 0, 255},
		{"focus", 145, 25, 255, 67, 67},
		{"centre, nearer the focus than the circle", 150, 25, 204, 0, 51},
		{"beyond the centre", 160, 25, 34, 0, 221},
		{"below the centre", 150, 35, 89, 0, 166},
		{"behind the focus, near the circle", 130, 25, 0, 0, 50},
		{"beyond the circle, padded", 198, 48, 0, 0, 0},
		{"repeat, first", 5, 75, 185, 0, 70},
		{"repeat, second", 25, 75, 185, 0, 70},
		{"repeat, third", 45, 75, 185, 0, 70},
		{"reflect, first", 70, 75, 198, 0, 57},
		{"reflect, second, backwards", 90, 75, 57, 0, 198},
		{"reflect, third", 110, 75, 198, 0, 57},
		{"reflected rings, first", 171, 75, 114, 0, 141},
		{"reflected rings, second", 181, 75, 140, 0, 115},
		{"reflected rings, third", 191, 75, 115, 0, 140},
	} {
		r, g, b, _ := img.At(2*c.x+1, 2*c.y+1).RGBA()
		if !within(r>>8, c.r, 8) || !within(g>>8, c.g, 8) || !within(b>>8, c.b, 8) {
			t.Errorf("%s at %d,%d: %d,%d,%d, want %d,%d,%d", c.what, c.x, c.y, r>>8, g>>8, b>>8, c.r, c.g, c.b)
		}
	}
}

// dumpObject writes o as PDF syntax, its references resolved, on one
// line: the same shading is the same text whatever its objects' numbers.
func dumpObject(f *pdffile.File, o pdffile.Object) string {
	switch o := o.(type) {
	case pdffile.Ref:
		return dumpObject(f, f.Resolve(o))
	case pdffile.Dict:
		keys := make([]string, 0, len(o))
		for k := range o {
			keys = append(keys, string(k))
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = "/" + k + " " + dumpObject(f, o[pdffile.Name(k)])
		}
		return "<< " + strings.Join(parts, " ") + " >>"
	case pdffile.Array:
		parts := make([]string, len(o))
		for i, e := range o {
			parts[i] = dumpObject(f, e)
		}
		return "[" + strings.Join(parts, " ") + "]"
	case pdffile.Name:
		return "/" + string(o)
	case pdffile.Number:
		return string(o)
	case pdffile.Bool:
		return fmt.Sprint(bool(o))
	}
	return fmt.Sprintf("%v", o)
}
