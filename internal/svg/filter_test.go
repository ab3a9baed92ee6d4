package svg

import (
	"strings"
	"testing"
)

// TestShadowFilter: a filter that only casts a drop shadow draws the
// shadow, offset and recoloured, under its element; any other filter is
// left out and said so.
func TestShadowFilter(t *testing.T) {
	rect := `<rect width="10" height="10" fill="#ff0000" stroke="#0000ff" filter="url(#f)"/>`
	red := "shape [id] fill=#ff0000/1 stroke=#0000ff/1 w=1\n  M0,0 L10,0 L10,10 L0,10 Z"
	tests := []struct{ name, filter, want string }{
		{"PlantUML's: blurred, black at .4 by a colour matrix, under the source by feBlend",
			`<feGaussianBlur result="blurOut" stdDeviation="2.0"/><feColorMatrix in="blurOut" result="blurOut2" type="matrix" values="0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 .4 0"/>` +
				`<feOffset dx="4.0" dy="4.0" in="blurOut2" result="blurOut3"/><feBlend in="SourceGraphic" in2="blurOut3" mode="normal"/>`,
			"blur [id] #000000 sd=2,2 then=4,4 region=-1,-1 12x12\n  shape [id] fill=#000000/0.4 stroke=#000000/0.4 w=1\n    M0,0 L10,0 L10,10 L0,10 Z\n" + red},
		{"draw.io's: the alpha in a flood's colour by feComposite",
			`<feGaussianBlur in="SourceAlpha" stdDeviation="1.7" result="blur"/><feOffset in="blur" dx="3" dy="3" result="offsetBlur"/>` +
				`<feFlood flood-color="#3D4574" flood-opacity="0.4" result="offsetColor"/><feComposite in="offsetColor" in2="offsetBlur" operator="in" result="offsetBlur"/><feBlend in="SourceGraphic" in2="offsetBlur"/>`,
			"blur [id] #3d4574 sd=1.7,1.7 then=3,3 region=-1,-1 12x12\n  shape [id] fill=#3d4574/0.4 stroke=#3d4574/0.4 w=1\n    M0,0 L10,0 L10,10 L0,10 Z\n" + red},
		{"feMerge, no blur: the element's own paints at full opacity",
			`<feOffset in="SourceGraphic" dx="1" dy="2" result="o"/><feMerge><feMergeNode in="o"/><feMergeNode in="SourceGraphic"/></feMerge>`,
			"shape [1 0 0 1 1 2] fill=#ff0000/1 stroke=#0000ff/1 w=1\n  M0,0 L10,0 L10,10 L0,10 Z\n" + red},
		{"feDropShadow, its colour from the style",
			`<feDropShadow dx="2" dy="1" stdDeviation="0" style="flood-color: #00ff00; flood-opacity: .5"/>`,
			"shape [1 0 0 1 2 1] fill=#00ff00/0.5\n  M0,0 L10,0 L10,10 L0,10 Z\n" + red},
		{"Figma's: the silhouette at 127 times its alpha, offset, blurred, cut away where the element is, recoloured, over a transparent flood",
			`<feFlood flood-opacity="0" result="BackgroundImageFix"/><feColorMatrix in="SourceAlpha" type="matrix" values="0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 127 0" result="hardAlpha"/>` +
				`<feOffset dy="4"/><feGaussianBlur stdDeviation="2"/><feComposite in2="hardAlpha" operator="out"/>` +
				`<feColorMatrix type="matrix" values="0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0.25 0"/>` +
				`<feBlend mode="normal" in2="BackgroundImageFix" result="effect1_dropShadow_1_2"/><feBlend mode="normal" in="SourceGraphic" in2="effect1_dropShadow_1_2" result="shape"/>`,
			"blur [id] #000000 sd=2,2 region=-1,-1 12x12\n  shape [1 0 0 1 0 4] fill=#000000/0.25 stroke=#000000/0.25 w=1\n    M0,0 L10,0 L10,10 L0,10 Z\n" + red},
		{"two blurs, of two deviations each, add their variances; the region given in user units",
			`<feGaussianBlur in="SourceAlpha" stdDeviation="3 0"/><feGaussianBlur stdDeviation="4 1" result="b"/><feOffset dx="2" dy="2"/>` +
				`<feMerge><feMergeNode/><feMergeNode in="SourceGraphic"/></feMerge>`,
			"blur [id] #000000 sd=5,1 then=2,2 region=-5,-6 30x40\n  shape [id] fill=#000000/1 stroke=#000000/1 w=1\n    M0,0 L10,0 L10,10 L0,10 Z\n" + red},
		{"feDropShadow blurs by 2 unless told",
			`<feDropShadow dx="1" dy="1" flood-color="#0000ff"/>`,
			"blur [id] #0000ff sd=2,2 then=1,1 region=-1,-1 12x12\n  shape [id] fill=#0000ff/1 stroke=#0000ff/1 w=1\n    M0,0 L10,0 L10,10 L0,10 Z\n" + red},
		{"a blurred shadow of the element's own two colours is drawn sharp, at 0.6 of its opacity",
			`<feGaussianBlur in="SourceGraphic" stdDeviation="2"/><feOffset dx="1" dy="2" result="o"/><feMerge><feMergeNode in="o"/><feMergeNode in="SourceGraphic"/></feMerge>`,
			"shape [1 0 0 1 1 2] fill=#ff0000/0.6 stroke=#0000ff/0.6 w=1\n  M0,0 L10,0 L10,10 L0,10 Z\n" + red},
		{"Figma's layer blur is not a shadow",
			`<feFlood flood-opacity="0" result="BackgroundImageFix"/><feBlend mode="normal" in="SourceGraphic" in2="BackgroundImageFix" result="shape"/><feGaussianBlur stdDeviation="2" result="effect1_foregroundBlur_1_2"/>`,
			red},
		{"nor a shadow cut away where an offset copy is",
			`<feOffset in="SourceAlpha" dx="2" result="moved"/><feOffset in="SourceAlpha" dy="2"/><feComposite in2="moved" operator="out"/><feBlend in="SourceGraphic"/>`,
			red},
		{"a blur of the element itself is not a shadow",
			`<feGaussianBlur stdDeviation="2"/>`,
			red},
		{"nor is a shadow over the element",
			`<feOffset in="SourceAlpha" dx="1" dy="1" result="o"/><feMerge><feMergeNode in="SourceGraphic"/><feMergeNode in="o"/></feMerge>`,
			red},
	}
	for _, tc := range tests {
		filter := `<filter id="f">`
		if strings.Contains(tc.name, "user units") {
			filter = `<filter id="f" filterUnits="userSpaceOnUse" x="-5" y="-6" width="30" height="40">`
		}
		d, err := Parse([]byte(svgOpen+`<defs>`+filter+tc.filter+`</filter></defs>`+rect+`</svg>`), Options{Metrics: fixedMetrics{}})
		if err != nil {
			t.Fatal(err)
		}
		dump := d.Dump()
		got := strings.TrimSpace(dump[strings.IndexByte(dump, '\n')+1:])
		if strings.HasPrefix(got, "skipped filter effects") {
			got = got[strings.IndexByte(got, '\n')+1:]
		}
		if got != tc.want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", tc.name, got, tc.want)
		}
		if skipped := len(d.Skipped) > 0; skipped != (tc.want == red) {
			t.Errorf("%s: skipped %v", tc.name, d.Skipped)
		}
	}
}

// TestRootFilter: a filter on the root <svg> is drawn or reported as one
// on any element.
func TestRootFilter(t *testing.T) {
	root := strings.Replace(svgOpen, ">", ` filter="url(#f)">`, 1)
	for _, tc := range []struct{ name, filter, skipped, first string }{
		{"a blur of a flat fill", `<feGaussianBlur stdDeviation="4"/>`, "", "blur [id] #000000 sd=4,4 region=-1,-1 12x12"},
		{"Figma's layer blur of a flat fill", `<feFlood flood-opacity="0" result="BackgroundImageFix"/><feBlend mode="normal" in="SourceGraphic" in2="BackgroundImageFix" result="shape"/><feGaussianBlur stdDeviation="2"/>`,
			"", "blur [id] #000000 sd=2,2 region=-1,-1 12x12"},
		{"a filter of only routing, named by it", `<feOffset dx="2"/>`, "filter effects (filter: feOffset)", "shape [id] fill=#000000/1"},
		{"a shadow", `<feDropShadow dx="2" dy="1" stdDeviation="0" flood-color="#00ff00"/>`, "", "shape [1 0 0 1 2 1] fill=#00ff00/1"},
	} {
		d, err := Parse([]byte(root+`<filter id="f">`+tc.filter+`</filter><rect width="10" height="10"/></svg>`), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(d.Skipped, "; "); got != tc.skipped {
			t.Errorf("%s: skipped %q, want %q", tc.name, got, tc.skipped)
		}
		dump := strings.Split(d.Dump(), "\n")
		if i := len(d.Skipped) + 1; len(dump) <= i || dump[i] != tc.first {
			t.Errorf("%s: drawn\n%s\nwant first %s", tc.name, strings.Join(dump, "\n"), tc.first)
		}
	}
}

// TestBlurOpacity: a blurred element's opacity reaches the blur's paint,
// and a blurred group's composites its shapes inside the blur.
func TestBlurOpacity(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"a translucent layer blur", `<rect width="10" height="10" fill="#ff0000" opacity=".5" filter="url(#f)"/>`,
			"blur [id] #ff0000 sd=2,2 region=-1,-1 12x12\n  shape [id] fill=#ff0000/0.5\n    M0,0 L10,0 L10,10 L0,10 Z"},
		{"a translucent group of two shapes, blurred", `<g opacity=".5" filter="url(#f)"><rect width="10" height="10" fill="#ff0000"/><rect x="5" width="10" height="10" fill="#ff0000"/></g>`,
			"blur [id] #ff0000 sd=2,2 region=-1.5,-1 18x12\n  opacity 0.5\n    shape [id] fill=#ff0000/1\n      M0,0 L10,0 L10,10 L0,10 Z\n    shape [id] fill=#ff0000/1\n      M5,0 L15,0 L15,10 L5,10 Z"},
	} {
		d, err := Parse([]byte(svgOpen+`<defs><filter id="f"><feGaussianBlur stdDeviation="2"/></filter></defs>`+tc.body+`</svg>`), Options{Metrics: fixedMetrics{}})
		if err != nil {
			t.Fatal(err)
		}
		dump := d.Dump()
		if got := strings.TrimSpace(dump[strings.IndexByte(dump, '\n')+1:]); got != tc.want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", tc.name, got, tc.want)
		}
	}
}
