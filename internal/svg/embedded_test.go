package svg

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"net/url"
	"strings"
	"testing"
)

// TestEmbeddedSVG: an <image> holding an SVG picture as data (draw.io
// embeds its icons so) is drawn as vectors, its text as text: the
// picture's viewBox fitted into the image's box as the image's
// preserveAspectRatio asks, clipped to the box; a side the image does not
// give follows the picture's proportions; base64, percent-encoded and
// gzipped data alike, and data that names no media type. The embedded
// picture's ids are its own.
func TestEmbeddedSVG(t *testing.T) {
	inner := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect id="r" width="10" height="10" fill="red"/><text y="8" font-size="8">hi</text></svg>`
	b64 := base64.StdEncoding.EncodeToString([]byte(inner))
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte(inner))
	w.Close()
	// meet: the 10 × 10 viewBox at twice its size, in the middle of 40 × 20
	meet := []string{
		`clip`,
		`  by [id] M10,20 L50,20 L50,40 L10,40 Z`,
		`  shape [2 0 0 2 20 20] fill=#ff0000/1`,
		`    M0,0 L10,0 L10,10 L0,10 Z`,
		`  text [2 0 0 2 20 20] at 0,8 serif 8 fill=#000000/1 w=9.6 "hi"`,
	}
	tests := []struct {
		name, image string
		want        []string
	}{
		{"base64", `<image x="10" y="20" width="40" height="20" href="data:image/svg+xml;base64,` + b64 + `"/>`, meet},
		{"percent-encoded", `<image x="10" y="20" width="40" height="20" href="data:image/svg+xml;utf8,` + url.PathEscape(inner) + `"/>`, meet},
		{"gzipped, no media type", `<image x="10" y="20" width="40" height="20" href="data:;base64,` + base64.StdEncoding.EncodeToString(gz.Bytes()) + `"/>`, meet},
		{"slice", `<image x="10" y="20" width="40" height="20" preserveAspectRatio="xMinYMin slice" href="data:image/svg+xml;base64,` + b64 + `"/>`, []string{
			`clip`,
			`  by [id] M10,20 L50,20 L50,40 L10,40 Z`,
			`  shape [4 0 0 4 10 20] fill=#ff0000/1`,
			`    M0,0 L10,0 L10,10 L0,10 Z`,
			`  text [4 0 0 4 10 20] at 0,8 serif 8 fill=#000000/1 w=9.6 "hi"`,
		}},
		{"no height", `<image width="30" href="data:image/svg+xml;base64,` + b64 + `"/><rect id="r" width="1" height="1"/>`, []string{
			`clip`,
			`  by [id] M0,0 L30,0 L30,30 L0,30 Z`,
			`  shape [3 0 0 3 0 0] fill=#ff0000/1`,
			`    M0,0 L10,0 L10,10 L0,10 Z`,
			`  text [3 0 0 3 0 0] at 0,8 serif 8 fill=#000000/1 w=9.6 "hi"`,
			`shape [id] fill=#000000/1`,
			`  M0,0 L1,0 L1,1 L0,1 Z`,
		}},
	}
	for _, tc := range tests {
		got := parseDump(t, svgOpen+tc.image+"</svg>", Options{Metrics: fixedMetrics{}})
		if want := strings.Join(tc.want, "\n"); got != want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", tc.name, got, want)
		}
	}
}

// TestEmbeddedSVGNesting: pictures embedded in pictures are drawn to a
// depth, deeper ones said to be left out.
func TestEmbeddedSVGNesting(t *testing.T) {
	doc := `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="1" height="1"/></svg>`
	for i := 0; i < 6; i++ {
		doc = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image width="10" height="10" href="data:image/svg+xml;base64,` +
			base64.StdEncoding.EncodeToString([]byte(doc)) + `"/></svg>`
	}
	d, err := Parse([]byte(doc), Options{Metrics: fixedMetrics{}})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(d.Skipped, "; "); got != "SVG pictures nested too deep (<image>)" {
		t.Errorf("skipped %q", got)
	}
}
