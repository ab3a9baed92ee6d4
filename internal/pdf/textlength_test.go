package pdf

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/fonts/fontstest"
	"github.com/samizdat-press/samizdat/internal/layout"
)

// textOp is one SVG text run as drawn: BT, the text matrix, Tc when
// spacing is set (and set back to 0 before ET), the codes, ET.
var textOp = regexp.MustCompile(`BT (\S+) \S+ \S+ \S+ (\S+) \S+ Tm(?: (\S+) Tc)? <([0-9A-F]*)> Tj( 0 Tc)? ET`)

// TestSVGTextLength: a run with textLength takes that advance in the PDF
// though its braille is set in a fallback font wider than the mono cell,
// as Rich's terminal screenshots need (they give every run the width of
// its cells): by spacing its characters (Tc, set back after the run) or
// by scaling it across. Without textLength the run takes the faces' own
// widths.
func TestSVGTextLength(t *testing.T) {
	set, err := fonts.Load(fonts.EmbeddedFiles())
	if err != nil {
		t.Fatal(err)
	}
	// Braille twice as wide as the mono face's cells.
	braille := fontstest.Font{Name: "Test Braille", Advances: map[rune]int{'⠤': 1200}}.Bytes()
	set.SetFallback(fonts.Fallback{Fonts: []fonts.File{{Name: "fonts/braille.ttf", Data: braille}}})
	mono := fonts.Face{Family: fonts.Mono}
	fallback, ok := set.Fallback(mono, '⠤')
	if !ok || set.HasGlyph(mono, '⠤') {
		t.Fatal("the braille is not set in the fallback font")
	}
	const size, length = 20.0, 122.0 // 12.2 units a cell, as Rich has it
	text := "ab" + strings.Repeat("⠤", 8)
	natural := (set.Width(mono, "ab") + set.Width(fallback, strings.Repeat("⠤", 8))) * size
	if natural <= length*1.1 {
		t.Fatalf("the run is %.1f units wide untouched: too near %.1f to tell", natural, length)
	}
	for _, tc := range []struct {
		attrs   string
		want    float64
		spacing bool // set with Tc
	}{
		{``, natural, false},
		{`textLength="122"`, length, true},
		{`textLength="122" lengthAdjust="spacing"`, length, true},
		{`textLength="122" lengthAdjust="spacingAndGlyphs"`, length, false},
		{`textLength="50%"`, 150, true},
	} {
		picture := `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40">` +
			`<text x="10" y="20" font-family="Fira Code, monospace" font-size="20" ` + tc.attrs + `>` + text + `</text></svg>`
		raw := paintedSVGPage(t, set, picture, 300, 40, 400, 200, layout.Rect{X: 10, Y: 10, W: 300, H: 40})
		ops := textOp.FindAllSubmatch(raw, -1)
		if len(ops) != 2 {
			t.Fatalf("%s: %d text runs drawn, want 2 (mono, fallback)", tc.attrs, len(ops))
		}
		num := func(b []byte) float64 {
			v, err := strconv.ParseFloat(string(b), 64)
			if err != nil && len(b) > 0 {
				t.Fatalf("%s: %q: %v", tc.attrs, b, err)
			}
			return v
		}
		segments := []string{"ab", strings.Repeat("⠤", 8)}
		faces := []fonts.Face{mono, fallback}
		start, end := num(ops[0][2]), 0.0
		for i, op := range ops {
			scale, x, spacing := num(op[1]), num(op[2]), num(op[3])
			if (spacing != 0) != (len(op[5]) > 0) {
				t.Errorf("%s: Tc %g is not set back after the run", tc.attrs, spacing)
			}
			if tc.spacing != (spacing != 0) {
				t.Errorf("%s: run %d has Tc %g", tc.attrs, i, spacing)
			}
			if n := len(op[4]) / 4; n != len([]rune(segments[i])) {
				t.Fatalf("%s: run %d has %d characters, want %q", tc.attrs, i, n, segments[i])
			}
			end = x + (set.Width(faces[i], segments[i])+spacing*float64(len([]rune(segments[i]))))*scale
		}
		// The picture is drawn at its own size: a unit is a point.
		if got := end - start; math.Abs(got-tc.want) > 0.05 {
			t.Errorf("%s: the run is %.2f pt wide, want %.2f", tc.attrs, got, tc.want)
		}
	}
}
