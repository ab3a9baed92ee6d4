package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// TestSVGBlurredShadows checks that internal/svg's shadows.svg (PlantUML's
// and draw.io's blurred drop shadows, Figma's layer blur of a circle, a
// shadow of stdDeviation 0, a blurred shadow clipped, one in a translucent
// group) draws each blur as an image of its colour under a soft mask of
// the picture's size and place, whose samples are the shadow's opacity
// in the middle and ramp down across its edge, and the shadow of
// stdDeviation 0 as vectors.
func TestSVGBlurredShadows(t *testing.T) {
	data := svgPagePDF(t, "shadows.svg", "shadows")
	f, err := pdffile.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	masks := map[[2]int][]byte{}
	images := 0
	for _, ref := range f.Refs() {
		img, ok := f.Objects[ref].(*pdffile.Stream)
		if !ok || !img.Dict.Is("Subtype", "Image") || img.Dict.Is("ColorSpace", "DeviceGray") {
			continue
		}
		images++
		sm, ok := f.Resolve(img.Dict["SMask"]).(*pdffile.Stream)
		if !ok || !sm.Dict.Is("ColorSpace", "DeviceGray") {
			t.Errorf("image %v: soft mask %v, want a grey image", ref, img.Dict["SMask"])
			continue
		}
		w, _ := pdffile.AsInt(sm.Dict["Width"])
		h, _ := pdffile.AsInt(sm.Dict["Height"])
		masks[[2]int{w, h}] = maskSamples(t, sm, w, h)
	}
	// the shadows but the one of stdDeviation 0
	if images != 5 {
		t.Errorf("%d images, want 5, one a blur", images)
	}

	// PlantUML's shadow of the rectangle at 20,20 40×30 (CSS pixels, 3/4
	// of a point each): its region is from -1 to 2 of that box, -15,-7.5
	// 90×67.5 points; blurred by 2 (1.5 points) it is drawn at 4 pixels a
	// point, where the blur reaches: the rectangle (and its outline, a
	// miter limit of 4 times its half width, 0.75 points) moved by 4 (12
	// pixels), 20 pixels more on each side. That is 12.25,12.25 41.5×34
	// points, 166×136 pixels.
	mask := masks[[2]int{166, 136}]
	if mask == nil {
		t.Fatalf("no soft mask of 166×136 for PlantUML's shadow: %v", keys(masks))
	}
	content := string(pageContent(t, f, pages(t, f)[0]))
	if !strings.Contains(content, "41.50000 0 0 34.00000 12.25000 28.75000 cm") {
		t.Errorf("PlantUML's shadow not placed at 12.25,12.25 41.5×34:\n%s", content)
	}
	// The shadow, offset 4, covers 24..64 × 24..54, 18..48 × 18..40.5
	// points: 23..143 × 23..113 of the mask's pixels, at 0.4 of full
	// opacity.
	at := func(x, y int) int { return int(mask[y*166+x]) }
	if v := at(83, 68); v < 100 || v > 104 {
		t.Errorf("middle of the shadow %d, want 0.4 × 255", v)
	}
	// Across its right edge, at 143 (and the outline's quarter pixel), it
	// falls from the full to nothing over about 3 standard deviations (18
	// pixels) either side, half way at the edge.
	if v := at(143, 68); v < 45 || v > 57 {
		t.Errorf("shadow's edge %d, want half of 102", v)
	}
	prev := 256
	for x := 123; x <= 163; x++ {
		v := at(x, 68)
		if v > prev || x > 132 && x < 154 && v == prev {
			t.Errorf("shadow's edge not ramping down at %d: %d after %d", x, v, prev)
		}
		prev = v
	}
	if at(127, 68) < 95 || at(159, 68) > 8 {
		t.Errorf("shadow's edge from %d to %d, want about 102 to 0", at(127, 68), at(159, 68))
	}

	// The shadow of stdDeviation 0 is vectors: the rectangle at 20,65
	// 40×25 moved by 3, 17.25,24 in PDF's points, filled in black.
	if !strings.Contains(content, "0.000 g\n17.25 24.00 m\n47.25 24.00 l\n47.25 5.25 l\n17.25 5.25 l\nh\nf") {
		t.Errorf("the shadow of stdDeviation 0 not drawn as a rectangle:\n%s", content)
	}
	if os.Getenv("SHADOWS_PDF") != "" {
		os.WriteFile(os.Getenv("SHADOWS_PDF"), data, 0o644)
	}
	path := filepath.Join(t.TempDir(), "shadows.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	checkQPDF(t, path)
	// Chromium's pixels of the picture at 4 pixels a CSS pixel (its
	// screenshot of shadows.svg, --force-device-scale-factor=4), which
	// pdftoppm's of the page at 384 dpi match within a few levels (at 96
	// dpi it samples the masks coarsely).
	img := renderPageAt(t, path, "384")
	for _, c := range []struct {
		what    string
		x, y    float64
		r, g, b uint8
	}{
		{"PlantUML's shadow beside the rectangle", 61, 40, 162, 162, 162},
		{"PlantUML's shadow at its edge", 64, 40, 212, 212, 212},
		{"PlantUML's shadow beyond its edge", 66, 40, 244, 244, 244},
		{"PlantUML's shadow below the rectangle", 40, 52, 173, 173, 173},
		{"PlantUML's shadow below its edge", 40, 55, 231, 231, 231},
		{"draw.io's shadow below the rectangle", 100, 52, 200, 203, 216},
		{"draw.io's shadow cut by the filter region", 100, 54, 255, 255, 255},
		{"layer blur: the circle's middle", 165, 35, 229, 57, 53},
		{"layer blur: inside the circle's edge", 178, 35, 239, 129, 127},
		{"layer blur: beyond the circle's edge", 181, 35, 248, 203, 202},
		{"layer blur: below", 165, 49, 242, 154, 152},
		{"the clipped shadow", 110, 86, 162, 162, 162},
		{"the clipped shadow, clipped", 131, 76, 255, 255, 255},
		{"the shadow in a translucent group", 160, 86, 220, 221, 230},
		{"stdDeviation 0: sharp, half black", 40, 91, 127, 127, 127},
		{"stdDeviation 0: beyond it", 40, 94, 255, 255, 255},
	} {
		x, y := int(c.x*4)+2, int(c.y*4)+2
		r, g, b, _ := img.At(x, y).RGBA()
		got := [3]int{int(r >> 8), int(g >> 8), int(b >> 8)}
		want := [3]int{int(c.r), int(c.g), int(c.b)}
		for i := range got {
			if d := got[i] - want[i]; d < -4 || d > 4 {
				t.Errorf("%s (%g,%g): %v, want %v", c.what, c.x, c.y, got, want)
				break
			}
		}
	}
}

// maskSamples are a soft mask's samples, its rows' PNG predictors undone.
func maskSamples(t *testing.T, s *pdffile.Stream, w, h int) []byte {
	t.Helper()
	z, err := zlib.NewReader(bytes.NewReader(s.Data))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(z)
	if err != nil {
		t.Fatal(err)
	}
	if s.Dict["DecodeParms"] == nil {
		return raw
	}
	if len(raw) != (w+1)*h {
		t.Fatalf("soft mask of %d bytes, want %d", len(raw), (w+1)*h)
	}
	out := make([]byte, w*h)
	for y := range h {
		kind, row := raw[y*(w+1)], raw[y*(w+1)+1:(y+1)*(w+1)]
		cur := out[y*w : (y+1)*w]
		var up []byte
		if y > 0 {
			up = out[(y-1)*w : y*w]
		}
		for x := range w {
			var a, b, c int
			if x > 0 {
				a = int(cur[x-1])
			}
			if up != nil {
				b = int(up[x])
				if x > 0 {
					c = int(up[x-1])
				}
			}
			var pred int
			switch kind {
			case 1:
				pred = a
			case 2:
				pred = b
			case 3:
				pred = (a + b) / 2
			case 4:
				p := a + b - c
				pa, pb, pc := abs(p-a), abs(p-b), abs(p-c)
				switch {
				case pa <= pb && pa <= pc:
					pred = a
				case pb <= pc:
					pred = b
				default:
					pred = c
				}
			}
			cur[x] = row[x] + byte(pred)
		}
	}
	return out
}

func keys(m map[[2]int][]byte) string {
	var out []string
	for k := range m {
		out = append(out, fmt.Sprintf("%d×%d", k[0], k[1]))
	}
	return strings.Join(out, " ")
}

// BenchmarkSVGBlurredShadows writes a page of a diagram of 40 boxes with
// PlantUML's blurred shadows, at the page's width (about 420 × 300
// points); sd=0 is the same with sharp shadows, for what the blurs cost.
func BenchmarkSVGBlurredShadows(b *testing.B) {
	for _, sd := range []string{"2.0", "0"} {
		var svgData strings.Builder
		svgData.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="560" height="400" viewBox="0 0 560 400"><defs>` +
			`<filter height="300%" id="f" width="300%" x="-1" y="-1"><feGaussianBlur result="blurOut" stdDeviation="` + sd + `"/>` +
			`<feColorMatrix in="blurOut" result="blurOut2" type="matrix" values="0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 .4 0"/>` +
			`<feOffset dx="4.0" dy="4.0" in="blurOut2" result="blurOut3"/><feBlend in="SourceGraphic" in2="blurOut3" mode="normal"/></filter></defs>`)
		for i := range 40 {
			fmt.Fprintf(&svgData, `<rect x="%d" y="%d" width="100" height="50" fill="#F1F1F1" stroke="#181818" filter="url(#f)"/>`, 10+(i%5)*110, 10+(i/5)*48)
		}
		svgData.WriteString(`</svg>`)
		b.Run("sd="+sd, func(b *testing.B) {
			d := svgPageDocument(b, []byte(svgData.String()), 560, 400)
			faces := testFaces(b)
			b.ResetTimer()
			for range b.N {
				if _, err := Write(io.Discard, d, doc.Meta{Title: "shadows"}, faces, DefaultOptions()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// svgPageDocument is a page of an SVG picture of w × h CSS pixels.
func svgPageDocument(t testing.TB, data []byte, w, h int) *layout.Document {
	pw, ph := float64(w)*0.75, float64(h)*0.75
	a := &doc.Asset{Path: "picture.svg", MediaType: media.SVG, Data: data, Width: w, Height: h}
	return &layout.Document{Geometry: layout.Geometry{MediaWidth: pw, MediaHeight: ph},
		Pages: []*layout.Page{{Label: "1", Items: []layout.Item{
			&layout.Picture{Rect: layout.Rect{W: pw, H: ph}, Asset: a, Alt: "shadows"}}}}}
}
