package build

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/fonts/fontstest"
	"github.com/samizdat-press/samizdat/internal/validate"
)

// TestScriptsFromInstalledFonts builds the multilingual book with the
// machine's fonts (fonts-noto-core and fonts-noto-cjk, as CI installs
// them): no character is missing, nothing is warned of, the fonts are
// embedded, and the summary and the colophon name the fonts used.
func TestScriptsFromInstalledFonts(t *testing.T) {
	t.Parallel()
	validate.Tool(t, "fc-list")
	b := multilingual(t)
	if b.stderr != "" {
		t.Errorf("warnings with the installed fonts:\n%s", b.stderr)
	}
	for _, want := range []string{"also set in", "Noto Serif CJK", "Noto Serif Hebrew", "Noto Naskh Arabic", "Noto Serif Armenian", "Noto Serif Georgian"} {
		if !strings.Contains(b.stdout, want) {
			t.Errorf("the summary does not name %q:\n%s", want, b.stdout)
		}
	}
	pdfPath := b.path(multilingualName + ".pdf")
	if err := validate.QPDFCheck(t, pdfPath); err != nil {
		t.Error(err)
	}
	text := strings.Join(strings.Fields(validate.PDFText(t, pdfPath)), " ")
	_, colophon, _ := strings.Cut(text, "Also set in ")
	colophon, _, _ = strings.Cut(colophon, "for the characters the book’s faces lack.")
	for _, want := range []string{"Noto Naskh Arabic Regular", "Noto Serif CJK JP", "Noto Serif CJK SC", "Noto Serif Hebrew Regular", "Noto Sans Linear B Regular"} {
		if !strings.Contains(colophon, want) {
			t.Errorf("the colophon's fonts %q lack %q", colophon, want)
		}
	}
	names := map[string]bool{}
	for _, f := range validate.PDFFonts(t, pdfPath) {
		names[f.Name[strings.Index(f.Name, "+")+1:]] = true
		if !f.Embedded || !f.Subset || !f.Unicode {
			t.Errorf("font %+v not embedded, subset and mapped to Unicode", f)
		}
	}
	for _, want := range []string{"NotoSerifCJKsc-Regular", "NotoSerifCJKsc-Bold", "NotoSansMonoCJKsc-Regular", "NotoSerifCJKjp-Regular",
		"NotoSerifHebrew-Regular", "NotoNaskhArabic-Regular", "NotoSansLinearB-Regular"} {
		if !names[want] {
			t.Errorf("no %s among the PDF's fonts %v", want, names)
		}
	}
}

// TestScriptsWithoutInstalledFonts: with no installed fonts, each chapter
// reports each script it cannot print once, and the build still writes;
// the fonts of fonts.fallback (here one with the Hebrew letters) are used,
// and named in the summary and the colophon.
func TestScriptsWithoutInstalledFonts(t *testing.T) {
	t.Parallel()
	hebrew := map[rune]int{' ': 250}
	for r := 'א'; r <= 'ת'; r++ {
		hebrew[r] = 600
	}
	dir := writeBook(t, map[string]string{
		"manifest.yaml":                  "title: Scripts\nlanguage: en\nchapters:\n  - file: zh.md\n",
		"zh.md":                          "# Chinese\n\n工人反对派的纲领。工人反对派。\n\n更多的中文, and Hebrew: שלום עולם.\n",
		"../config/samizdat.yaml":        "fonts:\n  fallback: [fonts/BookHebrew.ttf]\n",
		"../config/fonts/BookHebrew.ttf": string(fontstest.Font{Name: "Book Hebrew", Advances: hebrew}.Bytes()),
	})
	r := runBuild(t, dir, Options{Flags: map[string]string{"book": "book", "out": "dist"}, FlagOrigins: map[string]string{"book": "flag --book", "out": "flag --out"}})
	if r.err != nil {
		t.Fatalf("build: %v\n%s", r.err, r.stderr.String())
	}
	if want := "also set in Book Hebrew Regular (config/fonts/BookHebrew.ttf)"; !strings.Contains(r.stdout.String(), want) {
		t.Errorf("the summary does not say %q:\n%s", want, r.stdout.String())
	}
	text := strings.Join(strings.Fields(validate.PDFText(t, filepath.Join(dir, "dist", "scripts.pdf"))), " ")
	if want := "Also set in Book Hebrew Regular, for the characters the book’s faces lack."; !strings.Contains(text, want) {
		t.Errorf("the colophon does not say %q:\n%s", want, text)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr.String()), "\n")
	var missing []string
	for _, l := range lines {
		if strings.Contains(l, "no font has") {
			missing = append(missing, l)
		}
	}
	if len(missing) != 2 || !strings.Contains(missing[0], "zh.md:3: no font has the Han characters 工 (U+5DE5)") ||
		!strings.Contains(missing[1], "zh.md:3: no font has the symbol characters 。 (U+3002)") {
		t.Errorf("want one warning per script, got:\n%s", strings.Join(missing, "\n"))
	}
}

// TestRightToLeftRefusedInPDFOnly: a passage in a right-to-left script the
// typesetter cannot set (Syriac; it sets Hebrew and Arabic) stops the PDF
// with one error naming the script and the chapter's file; an edition of
// the EPUB alone builds.
func TestRightToLeftRefusedInPDFOnly(t *testing.T) {
	t.Parallel()
	dir := writeBook(t, map[string]string{
		"manifest.yaml": "title: Greetings\nlanguage: en\nchapters:\n  - file: syr.md\n",
		"syr.md":        "# Greetings\n\nShlama: ܫܠܡܐ ܥܠܡܐ, and shalom: שלום.\n",
	})
	flags := func(formats string) Options {
		return Options{Flags: map[string]string{"book": "book", "out": "dist", "formats": formats},
			FlagOrigins: map[string]string{"book": "flag --book", "out": "flag --out", "formats": "flag --set"}}
	}
	r := runBuild(t, dir, flags("epub,pdf"))
	if r.err == nil || !strings.Contains(r.stderr.String(), `syr.md:3: Syriac text ("ܫܠܡܐ") cannot be set in the PDF`) {
		t.Errorf("err %v, stderr:\n%s", r.err, r.stderr.String())
	}
	if n := strings.Count(r.stderr.String(), "cannot be set"); n != 1 {
		t.Errorf("%d messages about text that cannot be set", n)
	}
	r = runBuild(t, dir, flags("epub"))
	if r.err != nil {
		t.Errorf("EPUB alone: %v\n%s", r.err, r.stderr.String())
	}
}
