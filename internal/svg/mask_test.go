package svg

import (
	"strings"
	"testing"
)

// TestMask checks the groups masks make: the mask's region in either
// units, its content in either units, mask-type, and the references
// that draw the element unmasked or not at all.
func TestMask(t *testing.T) {
	square := `<rect x="10" y="10" width="20" height="10" fill="red" mask="url(#m)"/>`
	shape := []string{`  shape [id] fill=#ff0000/1`, `    M10,10 L30,10 L30,20 L10,20 Z`}
	unmasked := []string{`shape [id] fill=#ff0000/1`, `  M10,10 L30,10 L30,20 L10,20 Z`}
	tests := []struct {
		name, body string
		want       []string
	}{
		{"luminance in the bounding box and a tenth around it", `<mask id="m"><rect width="100" height="100" fill="white"/></mask>` + square,
			append([]string{`mask luminance`, `  through`,
				`    clip`, `      by [id] M8,9 L32,9 L32,21 L8,21 Z`,
				`      shape [id] fill=#ffffff/1`, `        M0,0 L100,0 L100,100 L0,100 Z`}, shape...)},
		{"Figma's alpha mask in user space", `<mask id="m" style="mask-type:alpha" maskUnits="userSpaceOnUse" x="0" y="0" width="24" height="24"><path d="M0 0H24V24H0Z" fill="#D9D9D9"/></mask>` + square,
			append([]string{`mask alpha`, `  through`,
				`    clip`, `      by [id] M0,0 L24,0 L24,24 L0,24 Z`,
				`      shape [id] fill=#d9d9d9/1`, `        M0,0 L24,0 L24,24 L0,24 Z`}, shape...)},
		{"mask-type as an attribute, content in bounding box units", `<mask id="m" mask-type="alpha" maskContentUnits="objectBoundingBox" x="0" y="0" width="1" height="1"><rect width=".5" height="1"/></mask>` + square,
			append([]string{`mask alpha`, `  through`,
				`    clip`, `      by [id] M10,10 L30,10 L30,20 L10,20 Z`,
				`      shape [20 0 0 10 10 10] fill=#000000/1`, `        M0,0 L0.5,0 L0.5,1 L0,1 Z`}, shape...)},
		{"mask property in a style sheet, percentages of the viewport", `<style>.m{mask:url(#m)}</style><mask id="m" maskUnits="userSpaceOnUse" width="50%" height="50%"><rect width="100" height="100" fill="#fff" opacity=".5"/></mask><g class="m" transform="translate(5 0)"><rect width="2" height="2"/><rect x="1" width="2" height="2"/></g>`,
			[]string{`mask luminance`, `  through`,
				`    clip`, `      by [1 0 0 1 5 0] M-10,-10 L40,-10 L40,40 L-10,40 Z`,
				`      shape [1 0 0 1 5 0] fill=#ffffff/0.5`, `        M0,0 L100,0 L100,100 L0,100 Z`,
				`  shape [1 0 0 1 5 0] fill=#000000/1`, `    M0,0 L2,0 L2,2 L0,2 Z`,
				`  shape [1 0 0 1 5 0] fill=#000000/1`, `    M1,0 L3,0 L3,2 L1,2 Z`}},
		{"a translucent group is masked as one", `<mask id="m"><rect width="100" height="100" fill="white"/></mask><g opacity=".5" mask="url(#m)"><rect width="2" height="2"/><rect x="1" width="2" height="2"/></g>`,
			[]string{`mask luminance opacity=0.5`, `  through`,
				`    clip`, `      by [id] M-0.3,-0.2 L3.3,-0.2 L3.3,2.2 L-0.3,2.2 Z`,
				`      shape [id] fill=#ffffff/1`, `        M0,0 L100,0 L100,100 L0,100 Z`,
				`  shape [id] fill=#000000/1`, `    M0,0 L2,0 L2,2 L0,2 Z`,
				`  shape [id] fill=#000000/1`, `    M1,0 L3,0 L3,2 L1,2 Z`}},
		{"a translucent shape takes the opacity itself", `<mask id="m"><rect width="100" height="100" fill="white"/></mask><rect width="2" height="2" opacity=".5" mask="url(#m)"/>`,
			[]string{`mask luminance`, `  through`,
				`    clip`, `      by [id] M-0.2,-0.2 L2.2,-0.2 L2.2,2.2 L-0.2,2.2 Z`,
				`      shape [id] fill=#ffffff/1`, `        M0,0 L100,0 L100,100 L0,100 Z`,
				`  shape [id] fill=#000000/0.5`, `    M0,0 L2,0 L2,2 L0,2 Z`}},
		{"a reference to nothing draws unmasked", square, unmasked},
		{"a reference to what is not a mask draws unmasked", `<clipPath id="m"><rect width="1" height="1"/></clipPath>` + square, unmasked},
		{"an empty mask hides", `<mask id="m"/>` + square, nil},
		{"a mask of nothing visible hides", `<mask id="m"><rect width="1" height="1" display="none"/></mask>` + square, nil},
		{"an empty region hides", `<mask id="m" width="0"><rect width="100" height="100" fill="white"/></mask>` + square, nil},
		{"a mask drawn inside itself is not masked again", `<mask id="m"><use href="#r"/></mask><rect id="r" width="4" height="4" fill="white" mask="url(#m)"/>`,
			[]string{`mask luminance`, `  through`,
				`    clip`, `      by [id] M-0.4,-0.4 L4.4,-0.4 L4.4,4.4 L-0.4,4.4 Z`,
				`      shape [id] fill=#ffffff/1`, `        M0,0 L4,0 L4,4 L0,4 Z`,
				`  shape [id] fill=#ffffff/1`, `    M0,0 L4,0 L4,4 L0,4 Z`}},
		{"a mask masked itself", `<mask id="a" maskUnits="userSpaceOnUse" x="0" y="0" width="5" height="5"><rect width="100" height="100" fill="gray"/></mask><mask id="m" mask="url(#a)" maskUnits="userSpaceOnUse" x="0" y="0" width="50" height="50"><rect width="100" height="100" fill="white"/></mask>` + square,
			append([]string{`mask luminance`, `  through`,
				`    clip`, `      by [id] M0,0 L50,0 L50,50 L0,50 Z`,
				`      mask luminance`, `        through`,
				`          clip`, `            by [id] M0,0 L5,0 L5,5 L0,5 Z`,
				`            shape [id] fill=#808080/1`, `              M0,0 L100,0 L100,100 L0,100 Z`,
				`        shape [id] fill=#ffffff/1`, `          M0,0 L100,0 L100,100 L0,100 Z`}, shape...)},
		{"masks masking each other in a cycle are not masked", `<mask id="a" mask="url(#m)"><rect width="100" height="100" fill="gray"/></mask><mask id="m" mask="url(#a)" maskUnits="userSpaceOnUse" x="0" y="0" width="50" height="50"><rect width="100" height="100" fill="white"/></mask>` + square,
			append([]string{`mask luminance`, `  through`,
				`    clip`, `      by [id] M0,0 L50,0 L50,50 L0,50 Z`,
				`      shape [id] fill=#ffffff/1`, `        M0,0 L100,0 L100,100 L0,100 Z`}, shape...)},
	}
	for _, tc := range tests {
		got := parseDump(t, svgOpen+tc.body+"</svg>", Options{})
		if want := strings.Join(tc.want, "\n"); got != want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", tc.name, got, want)
		}
	}
}
