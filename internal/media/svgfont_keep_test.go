package media

import (
	"bytes"
	"encoding/xml"
	"io"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/internal/svg"
)

// dvisvgmLike is a picture whose text is set in an SVG font it carries,
// as dvisvgm and LibreOffice write them.
const dvisvgmLike = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><defs>` +
	`<font id="cmr10" horiz-adv-x="500"><font-face font-family="cmr10" units-per-em="1000" ascent="750" descent="250"/>` +
	`<glyph unicode="A" horiz-adv-x="750" d="M0 0L375 750L750 0Z"/></font></defs>` +
	`<text x="2" y="15" font-family="cmr10" font-size="10">A</text></svg>`

// TestSVGFontsKeptForThePDF: an SVG carrying SVG <font>s is cleaned of
// them for the EPUB, and kept as read for the PDF, whose reading of the
// picture finds them to measure its text; one naming a font-face or a
// font size alone has nothing kept apart.
func TestSVGFontsKeptForThePDF(t *testing.T) {
	prefixed := []byte(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg" viewBox="0 0 10 10">` +
		`<svg:font horiz-adv-x="500"><svg:glyph unicode="A" horiz-adv-x="750"/></svg:font><text font-size="4">A</text></svg>`)
	plain := []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>text{font-size:4px}</style>` +
		`<text font-family="font" font-weight="bold">A</text></svg>`)
	fsys := fstest.MapFS{"img/f.svg": {Data: []byte(dvisvgmLike)}, "img/p.svg": {Data: prefixed}, "img/plain.svg": {Data: plain}}
	book, imgs := chapter("ch.md", "img/f.svg", "img/p.svg", "img/plain.svg")
	if _, err := Load(book, fsys, testOptions); err != nil {
		t.Fatal(err)
	}
	for i, data := range [][]byte{[]byte(dvisvgmLike), prefixed} {
		a := imgs[i].Asset
		if a == nil || !bytes.Equal(a.DrawingData(), data) {
			t.Fatalf("%s: the PDF does not draw the file as read", imgs[i].Src)
		}
		if bytes.Contains(a.Data, []byte("font ")) {
			t.Errorf("%s: the EPUB's SVG keeps its <font>: %s", imgs[i].Src, a.Data)
		}
	}
	// What the PDF reads (DrawingData, given to svg.ParseTree) has the
	// fonts as elements of SVG, glyphs and all; the EPUB's copy has none.
	for i := range 2 {
		a := imgs[i].Asset
		if _, err := svg.ParseTree(a.DrawingData()); err != nil {
			t.Fatalf("%s: %v", imgs[i].Src, err)
		}
		if got := elementsOfSVG(t, a.DrawingData()); got["font"] != 1 || got["glyph"] != 1 {
			t.Errorf("%s: the PDF reads %v, want a font and its glyph", imgs[i].Src, got)
		}
		if got := elementsOfSVG(t, a.Data); got["font"] != 0 || got["glyph"] != 0 {
			t.Errorf("%s: the EPUB's copy has %v, want no font", imgs[i].Src, got)
		}
	}
	if p := imgs[2].Asset; p == nil || p.Drawing != nil {
		t.Errorf("plain: a picture without SVG fonts has a drawing of its own")
	}
}

// elementsOfSVG counts an SVG document's elements in the SVG namespace, by
// local name.
func elementsOfSVG(t *testing.T, data []byte) map[string]int {
	t.Helper()
	n := map[string]int{}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return n
		}
		if err != nil {
			t.Fatal(err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Space == "http://www.w3.org/2000/svg" {
			n[se.Name.Local]++
		}
	}
}
