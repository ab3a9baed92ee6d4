package pdf

import (
	"regexp"
	"testing"

	"github.com/samizdat-press/samizdat/internal/layout"
)

// TestSVGObliqueMono: italic text in a family the book has no italic of
// (the mono family) is slanted by its text matrix, as a browser slants it;
// the serif's italic is its own face, drawn upright; text that is not
// italic is not slanted. Graphviz writes <i> in its HTML labels so, and
// Rich its italics.
func TestSVGObliqueMono(t *testing.T) {
	tm := regexp.MustCompile(`BT (\S+) (\S+) (\S+) (\S+) \S+ \S+ Tm`)
	for _, tc := range []struct {
		style string
		shear string // the text matrix's third entry: size × slant
	}{
		{`font-family="Courier,monospace" font-style="italic"`, "5"},
		{`font-family="Courier,monospace" font-style="oblique" font-weight="bold"`, "5"},
		{`style="font: italic 20px 'Fira Code', monospace"`, "5"},
		{`font-family="Courier,monospace"`, "0"},
		{`font-family="Times,serif" font-style="italic"`, "0"},
	} {
		picture := `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40">` +
			`<text x="10" y="20" font-size="20" ` + tc.style + `>x: i32</text></svg>`
		raw := paintedSVGPage(t, testFaces(t), picture, 200, 40, 300, 100, layout.Rect{X: 10, Y: 10, W: 200, H: 40})
		ops := tm.FindAllSubmatch(raw, -1)
		if len(ops) != 1 {
			t.Fatalf("%s: %d text runs, want 1", tc.style, len(ops))
		}
		if got := string(ops[0][3]); got != tc.shear {
			t.Errorf("%s: text matrix %s, shear %s, want %s", tc.style, ops[0][0], got, tc.shear)
		}
	}
}
