package svg

import (
	"strings"
	"testing"
)

// TestClipPaths: a clip path's transform is in the user space of what it
// clips, around its bounding box units; a singular one clips everything
// away; the root's clip path applies; a clip path whose child has a clip
// path of its own, or which holds text, is drawn as a mask of the
// children opaque where they clip.
func TestClipPaths(t *testing.T) {
	tests := []struct {
		name, root, body string
		want             []string
	}{
		{"transform around the bounding box units", "",
			`<clipPath id="c" clipPathUnits="objectBoundingBox" transform="translate(5 0)"><rect width="0.5" height="1"/></clipPath><rect x="10" width="10" height="4" clip-path="url(#c)"/>`,
			[]string{`clip`, `  by [10 0 0 4 15 0] M0,0 L0.5,0 L0.5,1 L0,1 Z`, `  shape [id] fill=#000000/1`, `    M10,0 L20,0 L20,4 L10,4 Z`}},
		{"singular transform clips everything away", "",
			`<clipPath id="c" transform="matrix(0 0 0 0 0 0)"><rect width="5" height="5"/></clipPath><rect width="10" height="10" clip-path="url(#c)"/>`,
			nil},
		{"clip path on the root", ` clip-path="url(#c)"`,
			`<clipPath id="c"><rect width="5" height="5"/></clipPath><rect width="10" height="10"/>`,
			[]string{`clip`, `  by [id] M0,0 L5,0 L5,5 L0,5 Z`, `  shape [id] fill=#000000/1`, `    M0,0 L10,0 L10,10 L0,10 Z`}},
		{"clip path on a child of a clip path", "",
			`<clipPath id="a"><rect width="3" height="3"/></clipPath><clipPath id="c"><rect width="5" height="5" clip-path="url(#a)"/></clipPath><rect width="10" height="10" clip-path="url(#c)"/>`,
			[]string{`mask alpha`, `  through`, `    clip`, `      by [id] M0,0 L3,0 L3,3 L0,3 Z`, `      shape [id] fill=#ffffff/1`, `        M0,0 L5,0 L5,5 L0,5 Z`, `  shape [id] fill=#000000/1`, `    M0,0 L10,0 L10,10 L0,10 Z`}},
		{"clipping to text", "",
			`<clipPath id="c"><text x="1" y="5" fill="red" opacity="0.5">ab</text></clipPath><rect width="10" height="10" clip-path="url(#c)"/>`,
			[]string{`mask alpha`, `  through`, `    text [id] at 1,5 serif 16 fill=#ffffff/1 w=19.2 "ab"`, `  shape [id] fill=#000000/1`, `    M0,0 L10,0 L10,10 L0,10 Z`}},
	}
	for _, tc := range tests {
		src := strings.Replace(svgOpen, ">", tc.root+">", 1) + tc.body + "</svg>"
		d, err := Parse([]byte(src), Options{Metrics: fixedMetrics{}})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Skipped) > 0 {
			t.Errorf("%s: skipped %q", tc.name, d.Skipped)
		}
		dump := d.Dump()
		got := strings.TrimSpace(dump[strings.IndexByte(dump, '\n')+1:])
		if want := strings.Join(tc.want, "\n"); got != want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", tc.name, got, want)
		}
	}
}
