package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/fonts/fontstest"
	"github.com/samizdat-press/samizdat/internal/layout"
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
