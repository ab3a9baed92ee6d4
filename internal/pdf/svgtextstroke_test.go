package pdf

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/layout"
)

// TestSVGTextOutlines: outlined text stays text, drawn with PDF's text
// render modes in the stroke's colour and width: filled then outlined in
// one pass (2 Tr), outlined first as paint-order asks (1 Tr, then
// filled), outlined alone (1 Tr); the mode is set back to fill before the
// run ends, so the book's own text is not outlined.
func TestSVGTextOutlines(t *testing.T) {
	run := regexp.MustCompile(`BT [^<\[]*?Tm( \d Tr)?`)
	for _, tc := range []struct {
		attrs string
		modes string // the runs' modes, in order
		width string // the outline's width as set
	}{
		{`fill="black" stroke="white" stroke-width="4"`, "2", "3.00 w"},
		{`fill="black" stroke="white" stroke-width="4" paint-order="stroke"`, "1 0", "3.00 w"},
		{`fill="none" stroke="red" stroke-width="2"`, "1", "1.50 w"},
		{`fill="black" stroke="white" stroke-width="4" stroke-opacity="0.5"`, "0 1", "3.00 w"},
		{`fill="black"`, "0", ""},
	} {
		// 0.75 pt a pixel: a 4 px outline is 3 pt wide
		picture := `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40">` +
			`<text x="10" y="30" font-size="20" ` + tc.attrs + `>Halo</text></svg>`
		raw := paintedSVGPage(t, testFaces(t), picture, 200, 40, 300, 100, layout.Rect{X: 10, Y: 10, W: 150, H: 30})
		var modes []string
		for _, m := range run.FindAllSubmatch(raw, -1) {
			mode := strings.TrimSuffix(strings.TrimSpace(string(m[1])), " Tr")
			if mode == "" {
				mode = "0"
			}
			modes = append(modes, mode)
		}
		if got := strings.Join(modes, " "); got != tc.modes {
			t.Errorf("%s: runs in modes %q, want %q", tc.attrs, got, tc.modes)
		}
		if n, m := bytes.Count(raw, []byte(" Tr")), bytes.Count(raw, []byte(" 0 Tr ET")); n != 2*m {
			t.Errorf("%s: %d modes set, %d set back", tc.attrs, n, m)
		}
		if tc.width != "" && !bytes.Contains(raw, []byte(tc.width)) {
			t.Errorf("%s: no %q in the page", tc.attrs, tc.width)
		}
	}
}
