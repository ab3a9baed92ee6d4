package svg

import (
	"strings"
	"testing"
)

// TestTransformProperty: a transform in a style sheet or style attribute
// overrides the attribute (SVG 2); transform-origin moves the point a
// transform is about, in keywords, lengths and percentages of the
// viewport, on elements, clip paths and gradients; a gradientTransform
// that cannot be undone is ignored.
func TestTransformProperty(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"style sheet transform", `<style>#r { transform: scale(2) }</style><rect id="r" transform="translate(5 5)" width="1" height="1"/>`,
			`shape [2 0 0 2 0 0] fill=#000000/1`},
		{"style attribute transform", `<rect style="transform: translate(3px, 4px)" width="1" height="1"/>`,
			`shape [1 0 0 1 3 4] fill=#000000/1`},
		{"origin at the centre", `<rect transform="rotate(90)" transform-origin="center" width="1" height="1"/>`,
			`shape [0 1 -1 0 100 0] fill=#000000/1`},
		{"origin in keywords either way round", `<rect transform="scale(2)" transform-origin="bottom right" width="1" height="1"/>`,
			`shape [2 0 0 2 -100 -100] fill=#000000/1`},
		{"origin in a percentage and a length", `<rect transform="scale(2)" style="transform-origin: 10% 5px" width="1" height="1"/>`,
			`shape [2 0 0 2 -10 -5] fill=#000000/1`},
		{"origin without a transform", `<rect transform-origin="center" width="1" height="1"/>`,
			`shape [id] fill=#000000/1`},
		{"origin of a clip path", `<clipPath id="c" transform="scale(2)" transform-origin="50 50"><rect width="1" height="1"/></clipPath><rect width="10" height="10" clip-path="url(#c)"/>`,
			`  by [2 0 0 2 -50 -50] M0,0 L1,0 L1,1 L0,1 Z`},
		{"origin of a gradient", `<linearGradient id="g" gradientUnits="userSpaceOnUse" gradientTransform="scale(2)" transform-origin="center"><stop offset="0"/><stop offset="1" stop-color="#fff"/></linearGradient><rect width="10" height="10" fill="url(#g)"/>`,
			`shape [id] fill=linear(0,0→100,0 [2 0 0 2 -50 -50] 0:#000000/1 1:#ffffff/1 mean #808080)/1`},
		{"singular gradientTransform", `<linearGradient id="g" gradientTransform="matrix(0 0 0 0 0 0)"><stop offset="0"/><stop offset="1" stop-color="#fff"/></linearGradient><rect width="10" height="10" fill="url(#g)"/>`,
			`shape [id] fill=linear(0,0→1,0 [10 0 0 10 0 0] 0:#000000/1 1:#ffffff/1 mean #808080)/1`},
	}
	for _, tc := range tests {
		got := parseDump(t, svgOpen+tc.body+"</svg>", Options{Metrics: fixedMetrics{}})
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s:\ngot:\n%s\nwant a line:\n%s", tc.name, got, tc.want)
		}
	}
}
