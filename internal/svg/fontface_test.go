package svg

import (
	"encoding/base64"
	"os"
	"strings"
	"testing"
)

// TestCarriedFonts: text in a font the picture carries (an SVG <font>, an
// @font-face of a font in a data: URL) is measured with the font's own
// advances and fitted to them; an italic, bold or fixed-pitch face sets
// its text so; a family the picture does not carry, a character the font
// lacks, a font that cannot be read, and textLength keep their measure.
// The test metrics give every character 0.6 em.
func TestCarriedFonts(t *testing.T) {
	woff := func(name string) string {
		data, err := os.ReadFile("testdata/src/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return "data:application/font-woff;base64," + base64.StdEncoding.EncodeToString(data)
	}
	svgFont := `<defs><font id="f" horiz-adv-x="500"><font-face font-family="cmr10" units-per-em="1000"/>` +
		`<glyph unicode="a" horiz-adv-x="250" d="M0 0"/><glyph unicode="b" d="M0 0"/><glyph unicode="fi" horiz-adv-x="900"/></font>` +
		`<font><font-face font-family="Slanted" font-style="italic" font-weight="bold"/><glyph unicode="a" horiz-adv-x="1000"/></font></defs>`
	tests := []struct {
		name, body string
		want       []string
	}{
		{"an SVG font's advances, the font's own when a glyph has none",
			svgFont + `<text x="0" y="10" font-family="cmr10" font-size="10">ab</text>`,
			[]string{`text [id] at 0,10 serif (cmr10) 10 fill=#000000/1 w=7.5 fit=spacingAndGlyphs "ab"`}},
		{"a character the font lacks is measured as any other, in a run of its own",
			svgFont + `<text x="0" y="10" font-family="cmr10" font-size="10">ac</text>`,
			[]string{`text [id] at 0,10 serif (cmr10) 10 fill=#000000/1 w=2.5 fit=spacingAndGlyphs "a"`,
				`text [id] at 2.5,10 serif (cmr10) 10 fill=#000000/1 w=6 "c"`}},
		{"the carried width places the anchor",
			svgFont + `<text x="100" y="10" font-family="'cmr10'" font-size="10" text-anchor="middle">ab</text>`,
			[]string{`text [id] at 96.25,10 serif (cmr10) 10 fill=#000000/1 w=7.5 fit=spacingAndGlyphs "ab"`}},
		{"a face's style descriptors set its text",
			svgFont + `<text x="0" y="10" font-family="Slanted" font-size="10">a</text>`,
			[]string{`text [id] at 0,10 serif bold italic (Slanted) 10 fill=#000000/1 w=10 fit=spacingAndGlyphs "a"`}},
		{"textLength wins",
			svgFont + `<text x="0" y="10" font-family="cmr10" font-size="10" textLength="20">ab</text>`,
			[]string{`text [id] at 0,10 serif (cmr10) 10 fill=#000000/1 w=20 fit=spacing "ab"`}},
		{"a family not carried",
			svgFont + `<text x="0" y="10" font-family="Georgia, cmr10" font-size="10">ab</text>`,
			[]string{`text [id] at 0,10 serif (Georgia) 10 fill=#000000/1 w=12 "ab"`}},
		{"a WOFF font in an @font-face, and its italic known from the font itself",
			`<style>@font-face { font-family: body; src: url("` + woff("notosans-subset.woff") + `") format("woff") }
@font-face { font-family: "label"; src: url(` + woff("notosans-italic-subset.woff") + `) }
.l { font-family: label }</style>` +
				`<text x="0" y="20" font-family="body" font-size="16">me</text><text class="l" x="0" y="40" font-size="16">fix</text>`,
			[]string{`text [id] at 0,20 serif (body) 16 fill=#000000/1 w=23.984 fit=spacingAndGlyphs "me"`,
				`text [id] at 0,40 serif italic (label) 16 fill=#000000/1 w=16.944 fit=spacingAndGlyphs "fix"`}},
		{"a font that cannot be read, and one that is fetched, are not used",
			`<style>@font-face { font-family: a; src: url(data:font/woff2;base64,d09GMgABAAAAAA) }
@font-face { font-family: b; src: url(data:font/woff;base64,d09GRgABAAAAAAxsAAoAAAA) }
@font-face { font-family: c; src: url(https://example.com/c.woff) }</style>` +
				`<text font-family="a" y="10" font-size="10">x</text><text font-family="b" y="10" font-size="10">x</text><text font-family="c" y="10" font-size="10">x</text>`,
			[]string{`text [id] at 0,10 serif (a) 10 fill=#000000/1 w=6 "x"`,
				`text [id] at 0,10 serif (b) 10 fill=#000000/1 w=6 "x"`,
				`text [id] at 0,10 serif (c) 10 fill=#000000/1 w=6 "x"`}},
	}
	for _, tc := range tests {
		got := parseDump(t, svgOpen+tc.body+"</svg>", Options{Metrics: fixedMetrics{}})
		if want := strings.Join(tc.want, "\n"); got != want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", tc.name, got, want)
		}
	}
}

// FuzzReadFont: no font, however broken, makes the reader fail other
// than by an error, or read a negative advance.
func FuzzReadFont(f *testing.F) {
	for _, name := range []string{"notosans-subset.woff", "notosans-italic-subset.woff"} {
		data, err := os.ReadFile("testdata/src/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("OTTO\x00\x01\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		face, err := readFont(data)
		if err != nil {
			return
		}
		for r, w := range face.advances {
			if w < 0 {
				t.Fatalf("advance of %q is %v", r, w)
			}
		}
	})
}
