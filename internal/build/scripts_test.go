package build

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/filetest"
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
// typesetter cannot set (Old South Arabian; it sets Hebrew and Thaana,
// and shapes Arabic, Syriac, N'Ko, Adlam, Mandaic, Hanifi Rohingya,
// Samaritan and Mende Kikakui) stops the PDF with one error naming the
// script and the chapter's file; an edition of the EPUB alone builds.
func TestRightToLeftRefusedInPDFOnly(t *testing.T) {
	t.Parallel()
	dir := writeBook(t, map[string]string{
		"manifest.yaml": "title: Greetings\nlanguage: en\nchapters:\n  - file: mid.md\n",
		"mid.md":        "# Greetings\n\nOld South Arabian: 𐩪𐩡𐩬 𐩱𐩡, and shalom: שלום.\n",
	})
	flags := func(formats string) Options {
		return Options{Flags: map[string]string{"book": "book", "out": "dist", "formats": formats},
			FlagOrigins: map[string]string{"book": "flag --book", "out": "flag --out", "formats": "flag --set"}}
	}
	r := runBuild(t, dir, flags("epub,pdf"))
	if r.err == nil || !strings.Contains(r.stderr.String(), `mid.md:3: Old South Arabian text ("𐩪𐩡𐩬") cannot be set in the PDF`) {
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

var joinedShared sharedBook

// span is a bracketed span with attributes: its text.
var span = regexp.MustCompile(`\[([^\]]*)\]\{[^}]*\}`)

// joinedBook is testdata/joined: Syriac (the Peshitta, a vocalised
// chronicle), N'Ko and Persian with zero width non-joiners, built with the
// machine's fonts.
func joinedBook(t *testing.T) *sharedBook {
	return joinedShared.getEnv(t, installedFonts, func(dir string) (string, Options, error) {
		book, err := filepath.Abs("testdata/joined")
		if err != nil {
			return "", Options{}, err
		}
		opts := outTo(dir)
		opts.Flags["book"], opts.FlagOrigins["book"] = book, "flag --book"
		return dir, opts, nil
	})
}

// TestJoinedScriptsInPDF: Syriac, N'Ko, Arabic with and without its vowel
// signs, Urdu, Sindhi, Pashto, Central Kurdish, Uyghur (letters the
// presentation forms lack: Pashto's ۍ, Kurdish ێ), Adlam and Hanifi Rohingya,
// Hebrew pointed and accented and Dhivehi build
// without a warning, set in the installed Noto fonts, embedded; every
// passage of the book, lam-alef as its two letters and the Persian days
// with their non-joiners (سه‌شنبه), copy out of the PDF in the order
// they are read. The EPUB is in TestEPUBCheck.
func TestJoinedScriptsInPDF(t *testing.T) {
	t.Parallel()
	validate.Tool(t, "fc-list")
	b := joinedBook(t)
	if b.stderr != "" {
		t.Errorf("warnings:\n%s", b.stderr)
	}
	pdfPath := b.path("joined-letters.pdf")
	names := map[string]bool{}
	for _, f := range validate.PDFFonts(t, pdfPath) {
		names[f.Name[strings.Index(f.Name, "+")+1:]] = true
	}
	for _, want := range []string{"NotoSansSyriac-Regular", "NotoSansNKo-Regular", "NotoNaskhArabic-Regular", "NotoSansAdlam-Regular", "NotoSansHanifiRohingya-Regular", "NotoSerifHebrew-Regular", "NotoSansThaana-Regular"} {
		if !names[want] {
			t.Errorf("no %s among the PDF's fonts %v", want, names)
		}
	}
	// the marks a reader puts around right-to-left runs say nothing of
	// the text
	controls := strings.NewReplacer("\u200e", "", "\u200f", "", "\u202a", "", "\u202b", "", "\u202c", "", "\u202d", "", "\u202e", "")
	text := strings.Join(strings.Fields(controls.Replace(validate.PDFText(t, pdfPath))), " ")
	for _, file := range []string{"syr.md", "nqo.md", "fa.md", "ar.md", "ur.md", "locales.md", "adlm.md", "he.md", "dv.md"} {
		data, err := os.ReadFile(filepath.Join("testdata", "joined", file))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ":::") {
				continue
			}
			if m := span.FindStringSubmatch(line); m != nil {
				// a phrase in an English sentence: where a reader puts
				// the words around it depends on the direction it takes
				// the page to have
				line = m[1]
			}
			want := strings.Join(strings.Fields(line), " ")
			if file == "nqo.md" || file == "adlm.md" {
				// poppler 22's character tables predate N'Ko (and Adlam and
				// Hanifi Rohingya): it takes
				// the letters for left to right and copies each word out
				// the other way round, from the ActualText it is given
				// for a right-to-left reader; the words are there whole
				for _, w := range strings.Fields(want) {
					w = strings.TrimRight(w, ".")
					if !strings.Contains(text, w) && !strings.Contains(text, reversed(w)) {
						t.Errorf("%s: the PDF does not copy out %q in\n%q", file, w, text)
					}
				}
				continue
			}
			if !strings.Contains(text, want) {
				t.Errorf("%s: the PDF does not copy out\n%q\nin\n%q", file, want, text)
			}
		}
	}
	if !strings.Contains(text, "سه\u200cشنبه، چهارشنبه، پنج\u200cشنبه") {
		t.Errorf("the non-joiners are lost: %q", text)
	}
}

// reversed is s's characters in the reverse order.
func reversed(s string) string {
	rs := []rune(s)
	slices.Reverse(rs)
	return string(rs)
}

// The EPUB marks the joined book's Hebrew, Urdu and Dhivehi with their
// language and direction, for reading systems to set them right to left
// in their own voice: the fenced divs of he.md and ur.md, and dv.md, a
// chapter in Dhivehi by the manifest, on its root element and its entry in
// the contents.
func TestJoinedRightToLeftLanguagesInEPUB(t *testing.T) {
	t.Parallel()
	validate.Tool(t, "fc-list")
	b := joinedBook(t)
	files := filetest.ReadZip(t, b.path("joined-letters.epub"))
	for _, c := range []struct{ file, want string }{
		{"xhtml/he.xhtml", `<div lang="he" xml:lang="he" dir="rtl">` + "\n<p>בְּרֵאשִׁ֖ית"},
		{"xhtml/ur.xhtml", `<div lang="ur" xml:lang="ur" dir="rtl">` + "\n<p>تمام انسان"},
		{"xhtml/dv.xhtml", `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="dv" xml:lang="dv" dir="rtl">`},
		{"nav.xhtml", `<a href="xhtml/dv.xhtml" lang="dv" xml:lang="dv" dir="rtl">ދިވެހި</a>`},
	} {
		got, ok := files["EPUB/"+c.file]
		if !ok {
			t.Errorf("no %s in the EPUB", c.file)
			continue
		}
		if !strings.Contains(got, c.want) {
			t.Errorf("%s lacks %s", c.file, c.want)
		}
	}
}

// Noto Nastaliq Urdu named among the book's fallback fonts is passed over
// for the Urdu UDHR, which is set in Noto Naskh Arabic: the shaper would
// leave Nastaliq's letters off their slanting baseline. One warning says
// so; fonts.keep_misshaped sets the Nastaliq anyway, without it.
func TestNastaliqPassedOver(t *testing.T) {
	t.Parallel()
	validate.Tool(t, "fc-list")
	const nastaliq = "/usr/share/fonts/truetype/noto/NotoNastaliqUrdu-Regular.ttf"
	if _, err := os.Stat(nastaliq); err != nil {
		t.Skipf("no Noto Nastaliq Urdu: %v", err)
	}
	ur, err := os.ReadFile("testdata/joined/ur.md")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeBook(t, map[string]string{
		"manifest.yaml":           "title: Urdu\nlanguage: en\nchapters:\n  - file: ur.md\n",
		"ur.md":                   string(ur),
		"../config/samizdat.yaml": "fonts:\n  fallback: [" + nastaliq + "]\n",
	})
	for _, keep := range []bool{false, true} {
		out := fmt.Sprintf("dist-%v", keep)
		opts := Options{Flags: map[string]string{"book": "book", "out": out}, FlagOrigins: map[string]string{"book": "flag --book", "out": "flag --out"}}
		if keep {
			opts.Flags["fonts.keep_misshaped"], opts.FlagOrigins["fonts.keep_misshaped"] = "true", "flag --set"
		}
		r := runBuildEnv(t, dir, opts, installedFonts)
		if r.err != nil {
			t.Fatalf("build: %v\n%s", r.err, r.stderr.String())
		}
		warned := strings.Count(r.stderr.String(), "Noto Nastaliq Urdu Regular ("+nastaliq+") is not used for Arabic-script text: the shaper (go-text v0.3.5) skips glyphs its lookups cover")
		names := map[string]bool{}
		for _, f := range validate.PDFFonts(t, filepath.Join(dir, out, "urdu.pdf")) {
			names[f.Name[strings.Index(f.Name, "+")+1:]] = true
		}
		switch {
		case !keep && (warned != 1 || names["NotoNastaliqUrdu-Regular"] || !names["NotoNaskhArabic-Regular"]):
			t.Errorf("passed over: %d warnings, fonts %v:\n%s", warned, names, r.stderr.String())
		case keep && (warned != 0 || !names["NotoNastaliqUrdu-Regular"]):
			t.Errorf("kept: %d warnings, fonts %v:\n%s", warned, names, r.stderr.String())
		}
	}
}
