package build

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/fonts/fontstest"
	"github.com/samizdat-press/samizdat/internal/validate"
)

// scriptsBook quotes passages in scripts the embedded Noto Serif lacks
// (and some it has), each in its own chapter.
var scriptsBook = map[string]string{
	"manifest.yaml": "title: Scripts\nlanguage: en\nchapters:\n  - file: ru.md\n  - file: el.md\n  - file: zh.md\n  - file: ja.md\n  - file: hy.md\n  - file: ka.md\n  - file: linb.md\n",
	"ru.md":         "# Russian\n\nРабочая оппозиция, 1921.\n",
	"el.md":         "# Greek\n\nἈθῆναι καὶ ἡ Ἑλλάς.\n",
	"zh.md":         "# Chinese\n\n工人反对派的纲领。\n\n**粗体中文** and `代码`.\n",
	"ja.md":         "# Japanese\n\nひらがなとカタカナと漢字。\n",
	"hy.md":         "# Armenian\n\nՀայերեն գրականություն։\n",
	"ka.md":         "# Georgian\n\nქართული ენა.\n",
	"linb.md":       "# Linear B\n\nThe syllables 𐀀𐀁𐀂 beyond U+FFFF.\n",
}

// TestScriptsFromInstalledFonts builds the book with the machine's fonts
// (fonts-noto-core and fonts-noto-cjk, as CI installs them): no character
// is missing, every passage copies out of the PDF as written, and the
// summary names the fonts used.
func TestScriptsFromInstalledFonts(t *testing.T) {
	fcList := validate.Tool(t, "fc-list")
	dir := writeBook(t, scriptsBook)
	var stdout, stderr bytes.Buffer
	env := Env{
		Stdout: &stdout, Stderr: &stderr,
		Environ: []string{fixedEpoch},
		Now:     func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) },
		Version: "test",
		Dir:     dir,
		Fonts: fonts.Fontconfig(func(name string, args ...string) ([]byte, error) {
			if name == "fc-list" {
				name = fcList[0]
			}
			return exec.Command(name, args...).Output()
		}),
	}
	opts := Options{Flags: map[string]string{"book": "book", "out": "dist"}, FlagOrigins: map[string]string{"book": "flag --book", "out": "flag --out"}}
	if err := Run(context.Background(), env, opts); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr.String())
	}
	if strings.Contains(stderr.String(), "glyph.missing") || strings.Contains(stderr.String(), "no font has") {
		t.Errorf("characters missing with the installed fonts:\n%s", stderr.String())
	}
	if !strings.Contains(stdout.String(), "also set in") || !strings.Contains(stdout.String(), "Noto Serif CJK") {
		t.Errorf("the summary does not name the fonts used:\n%s", stdout.String())
	}
	pdfPath := filepath.Join(dir, "dist", "scripts.pdf")
	if err := validate.QPDFCheck(t, pdfPath); err != nil {
		t.Error(err)
	}
	text := validate.PDFText(t, pdfPath)
	for _, want := range []string{
		"Рабочая оппозиция, 1921.", "Ἀθῆναι καὶ ἡ Ἑλλάς.", "工人反对派的纲领。", "粗体中文", "代码",
		"ひらがなとカタカナと漢字。", "Հայերեն գրականություն։", "ქართული ენა.", "𐀀𐀁𐀂",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}
	names := map[string]bool{}
	for _, f := range validate.PDFFonts(t, pdfPath) {
		names[f.Name[strings.Index(f.Name, "+")+1:]] = true
		if !f.Embedded || !f.Subset || !f.Unicode {
			t.Errorf("font %+v not embedded, subset and mapped to Unicode", f)
		}
	}
	for _, want := range []string{"NotoSerifCJKsc-Regular", "NotoSerifCJKsc-Bold", "NotoSansMonoCJKsc-Regular", "NotoSansLinearB-Regular"} {
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
