package pdf

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/validate"
)

// kerned makes a Text the way the layout does: kerned between every pair.
func kerned(faces *fonts.Set, face fonts.Face, size, x, y float64, s string) (*layout.Text, float64) {
	t := &layout.Text{X: x, Y: y, Face: face, Size: size, Text: s}
	w := 0.0
	prev := rune(-1)
	for i, r := range s {
		if prev >= 0 {
			if k := faces.Kern(face, prev, r); k != 0 {
				t.Kerns = append(t.Kerns, layout.Kern{At: i, Dx: k * size})
				w += k * size
			}
		}
		w += faces.Advance(face, r) * size
		prev = r
	}
	return t, w
}

func kernDocument(t *testing.T) (*layout.Document, map[string]float64) {
	faces := testFaces(t)
	widths := map[string]float64{}
	page := &layout.Page{Label: "1", Recto: true}
	y := 100.0
	for _, s := range []string{"AVAST", "Tomorrow,", "Yorick.", "\uFB01rst", "o\uFB03ce"} {
		tx, w := kerned(faces, serif, 24, 72, y, s)
		page.Items = append(page.Items, tx)
		widths[s] = w
		y += 40
	}
	return &layout.Document{Geometry: testGeometry, Pages: []*layout.Page{page}}, widths
}

// TestKernedText: each kerned pair is drawn at its kern, as one TJ array
// whose adjustments are the kerns in thousandths of the size.
func TestKernedText(t *testing.T) {
	d, _ := kernDocument(t)
	var out bytes.Buffer
	if _, err := Write(&out, d, doc.Meta{Title: "Kerning"}, testFaces(t), Options{}); err != nil {
		t.Fatal(err)
	}
	// A–V in Noto Serif is -80 units of 1000.
	for _, want := range []string{"[<0041> 80 <0056> 80 <0041", "<0054> 50 <006F"} {
		if !bytes.Contains(out.Bytes(), []byte(want)) {
			t.Errorf("content lacks %q", want)
		}
	}
}

// TestKernedTextRendered: a PDF reader places the kerned glyphs where the
// layout measured them, and copies ligatures as their letters.
func TestKernedTextRendered(t *testing.T) {
	d, widths := kernDocument(t)
	var out bytes.Buffer
	if _, err := Write(&out, d, doc.Meta{Title: "Kerning"}, testFaces(t), DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "kern.pdf")
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pages := validate.PDFWords(t, path)
	found := 0
	for _, w := range pages[0].Words {
		for s, width := range widths {
			if w.Text != expand(s) {
				continue
			}
			found++
			if got := w.XMax - w.XMin; math.Abs(got-width) > 0.05 {
				t.Errorf("%q is %.2fpt wide, the layout measured %.2f", w.Text, got, width)
			}
		}
	}
	if found != len(widths) {
		t.Errorf("found %d of %d words in %v", found, len(widths), pages[0].Words)
	}
	text := validate.PDFText(t, path)
	if !strings.Contains(text, "first") || !strings.Contains(text, "office") || strings.ContainsAny(text, "\uFB01\uFB03") {
		t.Errorf("ligatures do not copy as their letters: %q", text)
	}
}

func expand(s string) string {
	var b strings.Builder
	for _, r := range s {
		if l := fonts.LigatureLetters(r); l != "" {
			b.WriteString(l)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestColouredTurnedText: a run in colour turned a quarter clockwise is
// drawn in its colour by a text matrix, its kerns kept; a box filled in
// colour is filled so.
func TestColouredTurnedText(t *testing.T) {
	faces := testFaces(t)
	red := &layout.Color{R: 1, G: 0, B: 0}
	tx, _ := kerned(faces, fonts.Face{Family: fonts.Serif}, 20, 100, 100, "AVAST")
	tx.Extra = &layout.TextExtra{Color: red, Angle: -90}
	page := &layout.Page{Label: "1", Recto: true, Items: []layout.Item{
		&layout.Box{Rect: layout.Rect{X: 10, Y: 10, W: 50, H: 50}, Fill: true, FillColor: &layout.Color{R: 0, G: 0, B: 1}},
		tx,
	}}
	var out bytes.Buffer
	if _, err := Write(&out, &layout.Document{Geometry: testGeometry, Pages: []*layout.Page{page}}, doc.Meta{Title: "Turned"}, faces, Options{}); err != nil {
		t.Fatal(err)
	}
	// y is counted up from the page's foot in PDF
	wantTm := fmt.Sprintf("BT 0.00000 -1.00000 1.00000 0.00000 100 %s Tm [<0041> 80 <0056>", strconv.FormatFloat(testGeometry.MediaHeight-100, 'f', -1, 64))
	for _, want := range []string{wantTm, "1.000 0.000 0.000 rg", "0.000 0.000 1.000 rg"} {
		if !bytes.Contains(out.Bytes(), []byte(want)) {
			t.Errorf("content lacks %q", want)
		}
	}
}

// TestSVGTextKerned: SVG text is kerned as a browser kerns it, and a
// label anchored at its middle is centred on its kerned width.
func TestSVGTextKerned(t *testing.T) {
	faces := testFaces(t)
	data := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100" viewBox="0 0 400 100">` +
		`<text x="200" y="50" font-family="serif" font-size="40" text-anchor="middle">AVAST</text></svg>`)
	a := &doc.Asset{Path: "label.svg", MediaType: "image/svg+xml", Data: data, Width: 400, Height: 100}
	page := &layout.Page{Label: "1", Recto: true, Items: []layout.Item{
		&layout.Picture{Rect: layout.Rect{X: 50, Y: 100, W: 400, H: 100}, Asset: a, Alt: "a label"},
	}}
	d := &layout.Document{Geometry: testGeometry, Pages: []*layout.Page{page}}
	var out bytes.Buffer
	if _, err := Write(&out, d, doc.Meta{Title: "SVG kerning"}, faces, Options{}); err != nil {
		t.Fatal(err)
	}
	// A–V in Noto Serif is -80 units of 1000.
	if want := "[<0041> 80 <0056> 80 <0041"; !bytes.Contains(out.Bytes(), []byte(want)) {
		t.Errorf("SVG text lacks %q", want)
	}
	_, width := kerned(faces, serif, 40, 0, 0, "AVAST")
	out.Reset()
	if _, err := Write(&out, d, doc.Meta{Title: "SVG kerning"}, faces, DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "svgkern.pdf")
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, w := range validate.PDFWords(t, path)[0].Words {
		if w.Text != "AVAST" {
			continue
		}
		if got := w.XMax - w.XMin; math.Abs(got-width) > 0.1 {
			t.Errorf("AVAST is %.2fpt wide, kerned it is %.2f", got, width)
		}
		if mid := (w.XMin + w.XMax) / 2; math.Abs(mid-250) > 0.1 {
			t.Errorf("AVAST is centred at %.2fpt, not at its anchor 250 (%v)", mid, w)
		}
		return
	}
	t.Error("no AVAST in the PDF's text")
}
