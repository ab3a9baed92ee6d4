package svg

import (
	"strings"
	"testing"
)

// TestAngleUnits: a marker's orient and a CSS transform's angles may be
// in deg, grad, rad or turn.
func TestAngleUnits(t *testing.T) {
	marker := func(orient string) string {
		return `<marker id="m" markerWidth="4" markerHeight="4" markerUnits="userSpaceOnUse" overflow="visible" orient="` + orient + `"><rect width="2" height="1"/></marker><line x2="10" stroke="red" marker-end="url(#m)"/>`
	}
	tests := []struct{ name, body, want string }{
		{"orient in degrees", marker("90deg"), `shape [0 1 -1 0 10 0] fill=#000000/1`},
		{"orient in turns", marker("0.25turn"), `shape [0 1 -1 0 10 0] fill=#000000/1`},
		{"orient in grads", marker("100grad"), `shape [0 1 -1 0 10 0] fill=#000000/1`},
		{"orient in radians", marker("3.14159265rad"), `shape [-1 0 0 -1 10 0] fill=#000000/1`},
		{"CSS rotate in turns", `<rect style="transform: rotate(0.5turn)" width="1" height="1"/>`, `shape [-1 0 0 -1 0 0] fill=#000000/1`},
		{"CSS rotate in degrees", `<rect style="transform: rotate(90deg) translate(1px, 0)" width="1" height="1"/>`, `shape [0 1 -1 0 0 1] fill=#000000/1`},
	}
	for _, tc := range tests {
		got := parseDump(t, svgOpen+tc.body+"</svg>", Options{Metrics: fixedMetrics{}})
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s:\ngot:\n%s\nwant a line:\n%s", tc.name, got, tc.want)
		}
	}
}
