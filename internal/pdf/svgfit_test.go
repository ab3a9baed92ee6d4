package pdf

import (
	"bytes"
	"math"
	"regexp"
	"strconv"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/svg"
)

// TestSVGLabelsFitTheirPlace: a label in Times takes the width Times gives
// it, where its maker placed it, though it is set in the book's serif; a
// label in a family of no standard font, or with characters the standard
// fonts' widths do not cover, is set as it is.
func TestSVGLabelsFitTheirPlace(t *testing.T) {
	picture := `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100">` +
		`<text x="10" y="20" font-family="Times,serif" font-size="14">capacity</text>` +
		`<text x="10" y="40" font-family="serif" font-size="14">capacity</text>` +
		`<text x="10" y="60" font-family="Times,serif" font-size="14">naïve</text>` +
		`<text x="10" y="80" font-family="serif" font-size="14">naïve</text></svg>`
	faces := testFaces(t)
	raw := paintedSVGPage(t, faces, picture, 300, 100, 400, 200, layout.Rect{X: 10, Y: 10, W: 300, H: 100})
	// The horizontal scale of each label's text matrix, in drawing order.
	var scales []float64
	for _, m := range regexp.MustCompile(`BT (-?[0-9.]+) [^T]*Tm`).FindAllSubmatch(raw, -1) {
		v, _ := strconv.ParseFloat(string(m[1]), 64)
		scales = append(scales, v)
	}
	if len(scales) != 4 {
		t.Fatalf("%d labels drawn, want 4", len(scales))
	}
	// Times-Roman's widths, from its AFM: c 444, a 444, p 500, i 278, t 278,
	// y 500 thousandths of an em.
	times := (444 + 444 + 500 + 444 + 444 + 278 + 278 + 500) / 1000.0
	serif := faces.Width(fonts.Face{Family: fonts.Serif}, "capacity")
	if got, want := scales[0]/scales[1], times/serif; math.Abs(got-want) > 0.002 {
		t.Errorf("the Times label is scaled across by %.4f, want %.4f (Times %.3f em, the serif %.3f em)", got, want, times, serif)
	}
	if scales[2] != scales[3] {
		t.Errorf("a Times label beyond ASCII is scaled across by %.4f, want 1", scales[2]/scales[3])
	}
}

// TestStandardFamilyNames: a label's family is known by its PostScript
// name too, as Illustrator and Affinity write it (ArialMT,
// TimesNewRomanPSMT, Helvetica-Bold), and only a family made to a
// standard font's measures takes its widths: Arial Narrow does not.
func TestStandardFamilyNames(t *testing.T) {
	var sw standardWidths
	const label = "Peripheral Access Crate"
	ref := func(name string, bold bool) float64 {
		w, ok := sw.width(svg.Font{Name: name, Bold: bold}, label)
		if !ok {
			t.Fatalf("%s has no standard widths", name)
		}
		return w
	}
	arial, arialBold, times := ref("Arial", false), ref("Arial", true), ref("Times", false)
	for _, tc := range []struct {
		name string
		bold bool
		want float64 // 0: no standard widths
	}{
		{"ArialMT", false, arial},
		{"Arial-BoldMT", true, arialBold},
		{"Helvetica-Bold", true, arialBold},
		{"Helvetica-Oblique", false, arial},
		{"TimesNewRomanPSMT", false, times},
		{"TimesNewRomanPS-BoldMT", false, ref("Times", false)},
		{"Times-Roman", false, times},
		{"LiberationSans", false, arial},
		{"Arial Narrow", false, 0},
		{"ArialNarrow-Bold", true, 0},
		{"Arial Black", false, 0},
		{"Arial-Black", false, 0},
		{"Helvetica Neue", false, 0},
		{"HelveticaNeue-Bold", true, 0},
	} {
		got, ok := sw.width(svg.Font{Name: tc.name, Bold: tc.bold}, label)
		switch {
		case tc.want == 0 && ok:
			t.Errorf("%q takes standard widths (%.3f em), want none", tc.name, got)
		case tc.want != 0 && !ok:
			t.Errorf("%q takes no standard widths, want %.3f em", tc.name, tc.want)
		case tc.want != 0 && got != tc.want:
			t.Errorf("%q takes %.3f em, want %.3f em", tc.name, got, tc.want)
		}
	}
}

// paintedSVGPage paints an SVG picture of w × h CSS pixels into rect on
// a page of pw × ph pt, set in faces, and returns the content gofpdf
// wrote, before the file is finished.
func paintedSVGPage(t *testing.T, faces *fonts.Set, picture string, w, h int, pw, ph float64, rect layout.Rect) []byte {
	t.Helper()
	a := &doc.Asset{Path: "picture.svg", MediaType: media.SVG, Data: []byte(picture), Width: w, Height: h}
	d := &layout.Document{Geometry: layout.Geometry{MediaWidth: pw, MediaHeight: ph}, Pages: []*layout.Page{{Label: "1", Items: []layout.Item{
		&layout.Picture{Rect: rect, Asset: a, Alt: "picture"},
	}}}}
	p := newPainter(d, faces, Options{})
	if err := p.paint(); err != nil {
		t.Fatal(err)
	}
	var raw bytes.Buffer
	if err := p.f.Output(&raw); err != nil {
		t.Fatal(err)
	}
	return raw.Bytes()
}
