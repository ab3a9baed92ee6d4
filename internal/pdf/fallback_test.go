package pdf

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/fonts/fontstest"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/svg"
	"github.com/samizdat-press/samizdat/internal/validate"
)

// TestFallbackFontsPrint: characters the book's faces lack print in the
// fallback fonts, those beyond U+FFFF included, and copy as themselves.
func TestFallbackFontsPrint(t *testing.T) {
	set, err := fonts.Load(fonts.EmbeddedFiles())
	if err != nil {
		t.Fatal(err)
	}
	symbols := fontstest.Font{Name: "Test Symbols", Advances: map[rune]int{'😀': 900, '𐀀': 700, '𐀁': 700, '中': 1000}}.Bytes()
	set.SetFallback(fonts.Fallback{Fonts: []fonts.File{{Name: "fonts/symbols.ttf", Data: symbols}}})
	page := &layout.Page{Label: "1", Recto: true}
	x := 72.0
	for _, word := range []string{"smile", "😀", "Linear", "B", "𐀀𐀁", "and", "中"} {
		face := serif
		if f, ok := set.Fallback(serif, []rune(word)[0]); ok && !set.HasGlyph(serif, []rune(word)[0]) {
			face = f
		}
		page.Items = append(page.Items, &layout.Text{X: x, Y: 100, Face: face, Size: 12, Text: word})
		x += set.Width(face, word)*12 + 4
	}
	d := &layout.Document{Geometry: testGeometry, Pages: []*layout.Page{page}}
	var out bytes.Buffer
	warnings, err := Write(&out, d, doc.Meta{Title: "Fallback"}, set, Options{})
	if err != nil || len(warnings) != 0 {
		t.Fatalf("err %v, warnings %q", err, coded(warnings))
	}
	// Characters beyond U+FFFF are drawn by codes of the Private Use Area.
	if !bytes.Contains(out.Bytes(), []byte("<E000")) || !bytes.Contains(out.Bytes(), []byte("/ToUnicode")) {
		t.Error("no Private Use Area codes in the content")
	}
	path := filepath.Join(t.TempDir(), "fallback.pdf")
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := validate.QPDFCheck(t, path); err != nil {
		t.Error(err)
	}
	text := validate.PDFText(t, path)
	for _, want := range []string{"smile 😀 Linear B 𐀀𐀁 and 中"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, text)
		}
	}
	fontsSeen := map[string]bool{}
	for _, f := range validate.PDFFonts(t, path) {
		fontsSeen[f.Name[strings.Index(f.Name, "+")+1:]] = true
		if !f.Embedded || !f.Subset || !f.Unicode {
			t.Errorf("font %+v not embedded, subset and mapped to Unicode", f)
		}
	}
	if !fontsSeen["TestSymbols-Regular"] || !fontsSeen["NotoSerif-Regular"] {
		t.Errorf("fonts %v", fontsSeen)
	}
}

// TestSVGLabelMeasuredInItsFallback: an SVG label with characters the
// book's face lacks is measured, to be centred or ended where its
// text-anchor says, at the width the fallback font draws it, and drawn in
// the same stretches of faces.
func TestSVGLabelMeasuredInItsFallback(t *testing.T) {
	set, err := fonts.Load(fonts.EmbeddedFiles())
	if err != nil {
		t.Fatal(err)
	}
	wide := fontstest.Font{Name: "Test Wide", Advances: map[rune]int{'中': 1000, '文': 1000}}.Bytes()
	set.SetFallback(fonts.Fallback{Fonts: []fonts.File{{Name: "fonts/wide.ttf", Data: wide}}})
	fb, ok := set.Fallback(serif, '中')
	if !ok || set.HasGlyph(serif, '中') {
		t.Fatal("the test needs 中 in the fallback only")
	}
	segments := svgSegments(set, serif, "ab中文cd")
	want := []svgSegment{{serif, "ab"}, {fb, "中文"}, {serif, "cd"}}
	if len(segments) != len(want) {
		t.Fatalf("segments %+v, want %+v", segments, want)
	}
	for i := range want {
		if segments[i] != want[i] {
			t.Errorf("segment %d: %+v, want %+v", i, segments[i], want[i])
		}
	}
	got := svgMetrics{faces: set}.Width(svg.Font{Family: svg.Serif}, "ab中文cd")
	drawn := set.Width(serif, "abcd") + set.Width(fb, "中文")
	if math.Abs(got-drawn) > 1e-9 || math.Abs(set.Width(fb, "中文")-2) > 1e-9 {
		t.Errorf("label measured %.3f em, drawn %.3f em (the fallback's 中文 %.3f, want 2)", got, drawn, set.Width(fb, "中文"))
	}
}

// TestSVGLabelInAFallbackIsEmbedded: the characters of an SVG label that
// a fallback font sets are in that font's subset; they were left out of
// it, and a viewer drew nothing in their place.
func TestSVGLabelInAFallbackIsEmbedded(t *testing.T) {
	set, err := fonts.Load(fonts.EmbeddedFiles())
	if err != nil {
		t.Fatal(err)
	}
	wide := fontstest.Font{Name: "Test Wide", Advances: map[rune]int{'中': 1000, '文': 1000}}.Bytes()
	set.SetFallback(fonts.Fallback{Fonts: []fonts.File{{Name: "fonts/wide.ttf", Data: wide}}})
	fb, _ := set.Fallback(serif, '中')
	drawing := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">` +
		`<text x="60" y="25" text-anchor="middle" font-family="serif" font-size="14">ab 中文</text></svg>`)
	page := &layout.Page{Label: "1", Items: []layout.Item{&layout.Picture{Rect: layout.Rect{X: 72, Y: 72, W: 120, H: 40},
		Asset: &doc.Asset{Path: "label.svg", MediaType: "image/svg+xml", Data: drawing, Width: 120, Height: 40}}}}
	p := newPainter(&layout.Document{Geometry: testGeometry, Pages: []*layout.Page{page}}, set, Options{})
	defer p.streams.wait()
	p.prepareImages()
	p.gatherCharacters()
	if !p.drawn[fb]['中'] || !p.drawn[fb]['文'] || p.drawn[serif]['中'] {
		t.Errorf("the fallback draws %v, the serif face %v: want 中 and 文 in the fallback's", p.drawn[fb], p.drawn[serif])
	}
}
