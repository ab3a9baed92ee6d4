package svg

import (
	"testing"
)

// TestTextOutlines: an outline around filled text (a halo, a bolder
// weight) is kept with the text, after its fill or, as paint-order asks,
// before it; text only outlined is outlined;
// text without a visible stroke has none. Nothing is said to be lost.
func TestTextOutlines(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"filled and outlined", `<text y="10" fill="black" stroke="white" stroke-width="3">halo</text>`,
			`text [id] at 0,10 serif 16 fill=#000000/1 stroke=#ffffff/1 sw=3 w=38.4 "halo"`},
		{"stroke first", `<text y="10" fill="black" stroke="white" stroke-width="3" paint-order="stroke">halo</text>`,
			`text [id] at 0,10 serif 16 fill=#000000/1 stroke=#ffffff/1 sw=3 first w=38.4 "halo"`},
		{"stroke first after markers", `<text y="10" fill="black" stroke="white" stroke-width="3" style="paint-order: markers stroke">halo</text>`,
			`text [id] at 0,10 serif 16 fill=#000000/1 stroke=#ffffff/1 sw=3 first w=38.4 "halo"`},
		{"outlined only", `<text y="10" fill="none" stroke="red">outline</text>`,
			`text [id] at 0,10 serif 16 stroke=#ff0000/1 sw=1 w=67.2 "outline"`},
		{"stroke of no width", `<text y="10" stroke="red" stroke-width="0">plain</text>`,
			`text [id] at 0,10 serif 16 fill=#000000/1 w=48 "plain"`},
		{"no stroke", `<text y="10" stroke="none">plain</text>`,
			`text [id] at 0,10 serif 16 fill=#000000/1 w=48 "plain"`},
	}
	for _, tc := range tests {
		d, err := Parse([]byte(svgOpen+tc.body+"</svg>"), Options{Metrics: fixedMetrics{}})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Skipped) > 0 {
			t.Errorf("%s: skipped %q", tc.name, d.Skipped)
		}
		if got := parseDump(t, svgOpen+tc.body+"</svg>", Options{Metrics: fixedMetrics{}}); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}
