package svg

import (
	"strings"
	"testing"
)

// TestTextOutlines: text is set filled; an outline around filled text is
// lost, and said so, while text only outlined is set filled with the
// outline's paint, and text without a visible stroke says nothing.
func TestTextOutlines(t *testing.T) {
	tests := []struct{ name, body, skipped string }{
		{"filled and outlined", `<text y="10" fill="black" stroke="white" stroke-width="3">halo</text>`, "outlines on filled text (stroke), set filled only"},
		{"outlined only", `<text y="10" fill="none" stroke="red">outline</text>`, ""},
		{"stroke of no width", `<text y="10" stroke="red" stroke-width="0">plain</text>`, ""},
		{"no stroke", `<text y="10" stroke="none">plain</text>`, ""},
	}
	for _, tc := range tests {
		d, err := Parse([]byte(svgOpen+tc.body+"</svg>"), Options{Metrics: fixedMetrics{}})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(d.Skipped, "; "); got != tc.skipped {
			t.Errorf("%s: skipped %q, want %q", tc.name, got, tc.skipped)
		}
	}
}
