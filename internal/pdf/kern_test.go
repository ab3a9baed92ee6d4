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
	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
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

// TestMapCMap: codes drawn for something other than their code point map
// to their text, and no range claims them any more.
func TestMapCMap(t *testing.T) {
	out, err := mapCMap([]byte(gofpdfCMap), map[uint16]string{0xFB01: "fi", 0xFB03: "ffi", 0xE000: "😀"})
	if err != nil {
		t.Fatal(err)
	}
	cm, err := readCMap(out)
	if err != nil {
		t.Fatal(err)
	}
	want := map[uint16]string{0xFB01: "\x00f\x00i", 0xFB03: "\x00f\x00f\x00i", 0xE000: "\xd8\x3d\xde\x00"}
	for _, c := range cm.chars {
		k := uint16(code(c[0]))
		if w, ok := want[k]; !ok || string(c[1]) != w {
			t.Errorf("bfchar %X -> % X", k, c[1])
		}
		delete(want, k)
	}
	if len(want) != 0 {
		t.Errorf("not mapped: %v", want)
	}
	covered := map[uint64]int{}
	for _, r := range cm.ranges {
		for c := code(r.lo); c <= code(r.hi); c++ {
			covered[c]++
			if c == 0xFB02 && code(r.dst)+(c-code(r.lo)) != 0xFB02 {
				t.Errorf("FB02 maps to %X", code(r.dst)+(c-code(r.lo)))
			}
		}
	}
	if covered[0xFB01]+covered[0xFB03]+covered[0xE000] != 0 || covered[0xFB00] != 1 || covered[0xFB02] != 1 || covered[0xE001] != 1 {
		t.Errorf("ranges cover FB01 %d, FB03 %d, E000 %d, FB00 %d, FB02 %d, E001 %d times",
			covered[0xFB01], covered[0xFB03], covered[0xE000], covered[0xFB00], covered[0xFB02], covered[0xE001])
	}
	again, err := mapCMap(out, map[uint16]string{0xFB01: "fi", 0xFB03: "ffi", 0xE000: "😀"})
	if err != nil || string(again) != string(out) {
		t.Errorf("mapping twice changes the map (err %v)", err)
	}
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

// TestCutRange: stepping from cut code to cut code leaves the same pieces
// as looking at every code of the range: cuts at its ends, side by side,
// outside it, and ranges to one destination or to a list of them.
func TestCutRange(t *testing.T) {
	everyCode := func(r bfRange, cut map[uint16]bool) []bfRange {
		lo, hi := code(r.lo), code(r.hi)
		var out []bfRange
		start := lo
		for c := lo; c <= hi+1; c++ {
			if c <= hi && !cut[uint16(c)] {
				continue
			}
			if c > start {
				p := bfRange{lo: bytesOf(start, 2), hi: bytesOf(c-1, 2)}
				if r.dsts != nil {
					p.dsts = r.dsts[start-lo : c-lo]
				} else {
					p.dst = bytesOf(code(r.dst)+(start-lo), len(r.dst))
				}
				out = append(out, p)
			}
			start = c + 1
		}
		return out
	}
	dsts := pdffile.Array{pdffile.String{Bytes: []byte("a")}, pdffile.String{Bytes: []byte("b")}, pdffile.String{Bytes: []byte("c")}, pdffile.String{Bytes: []byte("d")}}
	for _, tc := range []struct {
		name string
		r    bfRange
		cut  []uint16
	}{
		{"whole font, cuts inside", bfRange{lo: []byte{0, 0}, hi: []byte{0xFF, 0xFF}, dst: []byte{0, 0}}, []uint16{0x41, 0x42, 0xE000, 0xFB01}},
		{"cuts at both ends", bfRange{lo: []byte{0xFB, 0x00}, hi: []byte{0xFB, 0x06}, dst: []byte{0xFB, 0x00}}, []uint16{0xFB00, 0xFB06}},
		{"every code cut", bfRange{lo: []byte{0, 5}, hi: []byte{0, 6}, dst: []byte{0, 5}}, []uint16{5, 6}},
		{"cuts outside", bfRange{lo: []byte{1, 0}, hi: []byte{1, 9}, dst: []byte{0, 0x30}}, []uint16{0xFF, 0x10A, 0xFFFF}},
		{"last code cut", bfRange{lo: []byte{0xFF, 0xF0}, hi: []byte{0xFF, 0xFF}, dst: []byte{0, 0x30}}, []uint16{0xFFFF}},
		{"destination list", bfRange{lo: []byte{0, 1}, hi: []byte{0, 4}, dsts: dsts}, []uint16{2}},
		{"four-byte destination", bfRange{lo: []byte{0xE0, 0x00}, hi: []byte{0xE0, 0x10}, dst: []byte{0xD8, 0x3D, 0xDE, 0x00}}, []uint16{0xE003}},
	} {
		set := map[uint16]bool{}
		for _, c := range tc.cut {
			set[c] = true
		}
		got, want := cutRange(tc.r, tc.cut), everyCode(tc.r, set)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, want)
		}
	}
}
