package pdf

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// plantUMLShadow is PlantUML's drop shadow filter, of stdDeviation sd:
// black at 0.4, moved by 4, 4.
func plantUMLShadow(sd string) string {
	return `<filter height="300%" id="f" width="300%" x="-1" y="-1"><feGaussianBlur result="blurOut" stdDeviation="` + sd + `"/>` +
		`<feColorMatrix in="blurOut" result="blurOut2" type="matrix" values="0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 .4 0"/>` +
		`<feOffset dx="4.0" dy="4.0" in="blurOut2" result="blurOut3"/><feBlend in="SourceGraphic" in2="blurOut3" mode="normal"/></filter>`
}

// blurMask is the soft mask of the one blur of a page of an SVG picture
// of w × h CSS pixels, read back, and at, its sample at x, y in the
// picture's CSS pixels (0 off the image).
func blurMask(t *testing.T, picture string, w, h int) (at func(x, y float64) int) {
	t.Helper()
	var b bytes.Buffer
	warnings, err := Write(&b, svgPageDocument(t, []byte(picture), w, h), doc.Meta{Title: "blur"}, testFaces(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) > 0 {
		t.Errorf("warnings: %q", warnings)
	}
	f, err := pdffile.Parse(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var mask []byte
	var mw, mh int
	for _, ref := range f.Refs() {
		img, ok := f.Objects[ref].(*pdffile.Stream)
		if !ok || !img.Dict.Is("Subtype", "Image") || img.Dict.Is("ColorSpace", "DeviceGray") {
			continue
		}
		if mask != nil {
			t.Fatal("more than one blur's image")
		}
		sm, ok := f.Resolve(img.Dict["SMask"]).(*pdffile.Stream)
		if !ok {
			t.Fatalf("image %v has no soft mask", ref)
		}
		mw, _ = pdffile.AsInt(sm.Dict["Width"])
		mh, _ = pdffile.AsInt(sm.Dict["Height"])
		mask = maskSamples(t, sm, mw, mh)
	}
	if mask == nil {
		t.Fatal("no blur's image")
	}
	content := pageContent(t, f, pages(t, f)[0])
	m := regexp.MustCompile(`([\d.]+) 0 0 ([\d.]+) (-?[\d.]+) (-?[\d.]+) cm\s*/\S+ Do`).FindSubmatch(content)
	if m == nil {
		t.Fatalf("blur's image not placed:\n%s", content)
	}
	var v [4]float64
	for i := range v {
		v[i], _ = strconv.ParseFloat(string(m[i+1]), 64)
	}
	// the image's box in points, top down
	iw, ih, ix := v[0], v[1], v[2]
	iy := float64(h)*0.75 - v[3] - ih
	return func(x, y float64) int {
		px := int((x*0.75 - ix) / iw * float64(mw))
		py := int((y*0.75 - iy) / ih * float64(mh))
		if px < 0 || py < 0 || px >= mw || py >= mh {
			return 0
		}
		return int(mask[py*mw+px])
	}
}

// TestSVGBlurredTextShadow checks that the shadow of text is its glyphs'
// outlines blurred: PlantUML's shadow (0.4 black, moved by 4, 4) of two
// bold Is 100 pixels high is opaque in the middle of their stems, ramps
// down across their edges and is empty between them and above them.
func TestSVGBlurredTextShadow(t *testing.T) {
	picture := `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="150" viewBox="0 0 300 150"><defs>` +
		plantUMLShadow("1.0") + `</defs>` +
		`<text x="20" y="120" font-family="Noto Serif" font-weight="bold" font-size="100" filter="url(#f)">I I</text></svg>`
	at := blurMask(t, picture, 300, 150)
	faces := testFaces(t)
	bold := fonts.Face{Family: fonts.Serif, Style: fonts.Bold}
	i, space := faces.Advance(bold, 'I')*100, faces.Advance(bold, ' ')*100
	// the shadow's Is' middles, half way up their capitals
	first, second, y := 20+i/2+4, 20+i+space+i/2+4, 120-35+4.0
	for _, x := range []float64{first, second} {
		if v := at(x, y); v < 97 || v > 107 {
			t.Errorf("shadow of an I's stem at %g,%g: %d, want 0.4 × 255", x, y, v)
		}
	}
	// between the stems, half way, and above the capitals: nothing
	if v := at((first+second)/2, y); v != 0 {
		t.Errorf("shadow between the Is: %d, want 0", v)
	}
	if v := at(first, 120-100+4); v != 0 {
		t.Errorf("shadow above the I: %d, want 0", v)
	}
	// from the first stem's middle to half way to the next, a ramp: never
	// rising, from 0.4 to nothing through levels between
	prev, between := 256, 0
	for x := first; x <= (first+second)/2; x += 0.25 {
		v := at(x, y)
		if v > prev {
			t.Errorf("shadow rising at %g: %d after %d", x, v, prev)
		}
		if v > 10 && v < 90 {
			between++
		}
		prev = v
	}
	if between < 4 {
		t.Errorf("shadow's edge a step, not a ramp: %d samples between 10 and 90", between)
	}
}
