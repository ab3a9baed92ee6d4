package svg

import (
	"strings"
	"testing"
)

// TestPatternFill: a shape filled with a pattern is clipped to its
// outline and holds a copy of the pattern's content for each tile that
// meets it, each clipped to its tile.
func TestPatternFill(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"user-space tiles, content overflowing its tile (gnuplot's hatching)",
			`<defs><pattern id="p" patternUnits="userSpaceOnUse" width="10" height="10"><path d="M-5,0 L10,15" stroke="#00ff00"/></pattern></defs>` +
				`<rect width="20" height="10" fill="url(#p)" stroke="#000000"/>`, `
clip
  by [id] M0,0 L20,0 L20,10 L0,10 Z
  clip
    by [id] M0,0 L10,0 L10,10 L0,10 Z
    shape [id] fill=#000000/1 stroke=#00ff00/1 w=1
      M-5,0 L10,15
  clip
    by [id] M10,0 L20,0 L20,10 L10,10 Z
    shape [1 0 0 1 10 0] fill=#000000/1 stroke=#00ff00/1 w=1
      M-5,0 L10,15
shape [id] stroke=#000000/1 w=1
  M0,0 L20,0 L20,10 L0,10 Z`},
		{"bounding-box tiles, content in a viewBox",
			`<defs><pattern id="p" width=".5" height="1" viewBox="0 0 1 1"><rect width=".5" height=".5" fill="#0000ff"/></pattern></defs>` +
				`<rect x="10" width="20" height="10" fill="url(#p)"/>`, `
clip
  by [id] M10,0 L30,0 L30,10 L10,10 Z
  clip
    by [id] M10,0 L20,0 L20,10 L10,10 Z
    shape [10 0 0 10 10 0] fill=#0000ff/1
      M0,0 L0.5,0 L0.5,0.5 L0,0.5 Z
  clip
    by [id] M20,0 L30,0 L30,10 L20,10 Z
    shape [10 0 0 10 20 0] fill=#0000ff/1
      M0,0 L0.5,0 L0.5,0.5 L0,0.5 Z`},
		{"content from the pattern its href names",
			`<defs><pattern id="q" patternUnits="userSpaceOnUse" width="10" height="10"><circle cx="5" cy="5" r="2" fill="#ff0000"/></pattern><pattern id="p" href="#q" patternTransform="translate(5 0)"/></defs>` +
				`<rect width="10" height="10" fill="url(#p)"/>`, `
clip
  by [id] M0,0 L10,0 L10,10 L0,10 Z
  clip
    by [1 0 0 1 5 0] M-10,0 L0,0 L0,10 L-10,10 Z
    shape [1 0 0 1 -5 0] fill=#ff0000/1
      M7,5 C7,6.105 6.105,7 5,7 C3.895,7 3,6.105 3,5 C3,3.895 3.895,3 5,3 C6.105,3 7,3.895 7,5 Z
  clip
    by [1 0 0 1 5 0] M0,0 L10,0 L10,10 L0,10 Z
    shape [1 0 0 1 5 0] fill=#ff0000/1
      M7,5 C7,6.105 6.105,7 5,7 C3.895,7 3,6.105 3,5 C3,3.895 3.895,3 5,3 C6.105,3 7,3.895 7,5 Z`},
		{"a translucent fill paints the tiles as one (matplotlib's hatching, in the colour of its tile)",
			`<defs><pattern id="p" patternUnits="userSpaceOnUse" width="10" height="10"><rect width="11" height="11" fill="#808080"/><path d="M0,10 L10,0" stroke="#808080" stroke-opacity=".2"/></pattern></defs>` +
				`<g opacity=".5"><rect width="20" height="10" style="fill: url(#p); fill-opacity: 0.2"/></g>`, `
opacity 0.1
  clip
    by [id] M0,0 L20,0 L20,10 L0,10 Z
    clip
      by [id] M0,0 L10,0 L10,10 L0,10 Z
      shape [id] fill=#808080/1
        M0,0 L11,0 L11,11 L0,11 Z
      shape [id] fill=#000000/1 stroke=#808080/0.2 w=1
        M0,10 L10,0
    clip
      by [id] M10,0 L20,0 L20,10 L10,10 Z
      shape [1 0 0 1 10 0] fill=#808080/1
        M0,0 L11,0 L11,11 L0,11 Z
      shape [1 0 0 1 10 0] fill=#000000/1 stroke=#808080/0.2 w=1
        M0,10 L10,0`},
		{"too many tiles: grey, and said so",
			`<defs><pattern id="p" patternUnits="userSpaceOnUse" width=".01" height=".01"><rect width="1" height="1"/></pattern></defs>` +
				`<rect width="100" height="100" fill="url(#p)"/>`, `
skipped pattern fills (pattern), drawn in grey
shape [id] fill=#808080/1
  M0,0 L100,0 L100,100 L0,100 Z`},
	}
	for _, tc := range tests {
		got := parseDump(t, svgOpen+tc.body+"</svg>", Options{Metrics: fixedMetrics{}})
		if got != strings.TrimSpace(tc.want) {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", tc.name, got, tc.want)
		}
	}
}
