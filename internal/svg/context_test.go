package svg

import (
	"strings"
	"testing"
)

// TestContextPaint: context-fill and context-stroke paint with the fill
// and stroke of the shape a marker stands on, or of the <use> that draws
// the element, the innermost where they nest; with no such element they
// paint nothing. A <symbol>'s opacity applies.
func TestContextPaint(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"marker takes the line's stroke", `<marker id="m" markerWidth="4" markerHeight="4" markerUnits="userSpaceOnUse" overflow="visible"><rect width="2" height="2" fill="context-stroke" stroke="context-fill"/></marker><line x2="10" stroke="red" fill="blue" marker-end="url(#m)"/>`,
			[]string{`shape [id] stroke=#ff0000/1 w=1`, `  M0,0 L10,0`, `shape [1 0 0 1 10 0] fill=#ff0000/1 stroke=#0000ff/1 w=1`, `  M0,0 L2,0 L2,2 L0,2 Z`}},
		{"use gives its fill", `<defs><rect id="r" width="1" height="1" fill="context-fill"/></defs><use href="#r" fill="green"/>`,
			[]string{`shape [id] fill=#008000/1`, `  M0,0 L1,0 L1,1 L0,1 Z`}},
		{"nested uses: the innermost", `<defs><rect id="r" width="1" height="1" fill="context-fill"/><g id="g"><use href="#r" fill="blue"/></g></defs><use href="#g" fill="green"/>`,
			[]string{`shape [id] fill=#0000ff/1`, `  M0,0 L1,0 L1,1 L0,1 Z`}},
		{"a use passing its context on", `<defs><rect id="r" width="1" height="1" fill="context-fill"/><g id="g"><use href="#r" fill="context-stroke"/></g></defs><use href="#g" stroke="green"/>`,
			[]string{`shape [id] fill=#008000/1 stroke=#008000/1 w=1`, `  M0,0 L1,0 L1,1 L0,1 Z`}},
		{"no context paints nothing", `<rect width="1" height="1" fill="context-fill"/>`, nil},
		{"opacity on a symbol", `<symbol id="s"><rect width="1" height="1"/></symbol><symbol id="t" opacity="0.5"><use href="#s"/></symbol><use href="#t"/>`,
			[]string{`clip`, `  by [id] M0,0 L100,0 L100,100 L0,100 Z`, `  clip`, `    by [id] M0,0 L100,0 L100,100 L0,100 Z`, `    shape [id] fill=#000000/0.5`, `      M0,0 L1,0 L1,1 L0,1 Z`}},
	}
	for _, tc := range tests {
		got := parseDump(t, svgOpen+tc.body+"</svg>", Options{Metrics: fixedMetrics{}})
		if want := strings.Join(tc.want, "\n"); got != want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", tc.name, got, want)
		}
	}
}
