package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/samizdat-press/samizdat/internal/filetest"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/validate"
)

var multilingualShared, multilingualUntaggedShared sharedBook

const multilingualName = "many-languages"

// installedFonts gives a test build the machine's fonts, found by
// fontconfig, as a real build has them; without fc-list it has none.
func installedFonts(env *Env) {
	if fcList, err := exec.LookPath("fc-list"); err == nil {
		env.Fonts = fonts.Fontconfig(func(name string, args ...string) ([]byte, error) {
			if name == "fc-list" {
				name = fcList
			}
			return exec.Command(name, args...).Output()
		})
	}
}

// multilingual is testdata/multilingual: passages in Russian, Ukrainian,
// French, German, polytonic Greek, Japanese, Chinese, Hebrew and Arabic
// (and Armenian, Georgian, Linear B, Hindi, Bengali, Tamil and Thai), their languages marked in every
// way an author can, set on a narrow page (4.5 × 7 in) so that long words
// are hyphenated, with the machine's fonts when fontconfig is there.
func multilingual(t *testing.T) *sharedBook {
	return multilingualBuild(t, &multilingualShared, "true")
}

// multilingualUntagged is the book in an untagged PDF, whose text shows
// where the lines broke words: a tagged one reads a hyphenated word
// whole.
func multilingualUntagged(t *testing.T) *sharedBook {
	return multilingualBuild(t, &multilingualUntaggedShared, "false")
}

func multilingualBuild(t *testing.T, shared *sharedBook, tagged string) *sharedBook {
	return shared.getEnv(t, installedFonts, func(dir string) (string, Options, error) {
		book, err := filepath.Abs("testdata/multilingual")
		if err != nil {
			return "", Options{}, err
		}
		opts := outTo(dir)
		for key, value := range map[string]string{"book": book, "pdf.page_size": "4.5in x 7in", "pdf.recto_chapters": "false", "pdf.blank_pages": "false", "pdf.tagged": tagged} {
			opts.Flags[key] = value
			opts.FlagOrigins[key] = "flag --set " + key
		}
		return dir, opts, nil
	})
}

// passages reads the paragraphs of a chapter of the multilingual book as
// a reader sees them: without headings, fences, tables, HTML tags,
// attributes or Markdown's marks.
func passages(t *testing.T, file string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "multilingual", file))
	if err != nil {
		t.Fatal(err)
	}
	markup := regexp.MustCompile(`<[^>]*>|\{[^}]*\}|[\[\]*` + "`" + `]`)
	var out []string
	for _, block := range strings.Split(string(data), "\n\n") {
		var lines []string
		for _, l := range strings.Split(block, "\n") {
			if strings.HasPrefix(l, "#") || strings.HasPrefix(l, ":::") || strings.HasPrefix(l, "|") {
				continue
			}
			lines = append(lines, l)
		}
		if p := strings.TrimSpace(markup.ReplaceAllString(strings.Join(lines, " "), "")); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// readerText is text as a reader compares it: compatibility forms (Arabic
// presentation forms, ligatures) as their letters, without the embedding
// marks poppler writes around right-to-left text or the right-to-left
// marks the PDF's ActualText puts around numbers and full stops in it
// (invisible, and of the direction they stand in), without hyphens (poppler
// joins a word broken at a line's end, dropping its hyphen, even when the
// word is hyphenated), spaces collapsed and none next to an East Asian
// character (lines of such text break anywhere).
func readerText(s string) string {
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		if r >= 0x202A && r <= 0x202E || r == '\u200E' || r == '\u200F' || r == '-' {
			return -1
		}
		return r
	}, s)
	fields := strings.Fields(s)
	var b strings.Builder
	for i, f := range fields {
		if i > 0 && !eastAsian(lastRune(fields[i-1])) && !eastAsian(firstRune(f)) {
			b.WriteByte(' ')
		}
		b.WriteString(f)
	}
	return b.String()
}

func eastAsian(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func lastRune(s string) rune {
	rs := []rune(s)
	if len(rs) == 0 {
		return 0
	}
	return rs[len(rs)-1]
}

// TestMultilingualPDFText: every passage copies out of the PDF (poppler's
// pdftotext) as it was written, in reading order, right-to-left paragraphs
// too: the numbers and full stops in them, which poppler orders as left
// to right, are kept in their places by the right-to-left marks of their
// ActualText, and a bracket drawn mirrored carries the one written.
func TestMultilingualPDFText(t *testing.T) {
	t.Parallel()
	validate.Tool(t, "fc-list")
	b := multilingual(t)
	flat := readerText(validate.PDFText(t, b.path(multilingualName+".pdf")))
	for _, file := range []string{"en.md", "ru.md", "uk.md", "fr.md", "de.md", "el.md", "ja.md", "zh.md", "he.md", "ar.md", "scripts.md"} {
		for _, p := range passages(t, file) {
			if want := readerText(p); !strings.Contains(flat, want) {
				t.Errorf("%s: the PDF's text lacks %q", file, want)
			}
		}
	}
}

// TestMultilingualHyphenation: on the narrow page, Russian and German
// words are broken at their languages' hyphenation points, the hyphen
// printed at the line's end.
func TestMultilingualHyphenation(t *testing.T) {
	t.Parallel()
	validate.Tool(t, "fc-list")
	b := multilingualUntagged(t)
	for _, c := range []struct {
		file    string
		letters *unicode.RangeTable
		breaks  []string // words and where they may break
	}{
		{"ru.md", unicode.Cyrillic, []string{"сво-бод-ны-ми", "до-сто-ин-стве", "со-ве-стью", "от-но-ше-нии", "стра-ны", "про-мыш-лен-ность", "ко-лон-ки", "пе-ре-но-сят-ся", "пра-ви-лам", "рус-ско-го"}},
		{"de.md", unicode.Latin, []string{"ge-bo-ren", "sol-len", "ein-an-der", "Brü-der-lich-keit", "Ge-werk-schafts-be-we-gung", "Ar-bei-ter-op-po-si-ti-on", "Mit-be-stim-mungs-rech-te", "Pro-duk-ti-ons-ge-nos-sen-schaf-ten", "wer-den", "deut-schen"}},
	} {
		var hyphenated []string
		for _, pg := range validate.PDFWords(t, b.path(multilingualName+".pdf")) {
			for i, w := range pg.Words[:max(len(pg.Words)-1, 0)] {
				head, ok := strings.CutSuffix(w.Text, "-")
				if !ok || !unicode.Is(c.letters, lastRune(head)) {
					continue
				}
				tail := strings.TrimRight(pg.Words[i+1].Text, ".,:;")
				hyphenated = append(hyphenated, head+"-"+tail)
			}
		}
		n := 0
		for _, h := range hyphenated {
			head, tail, _ := strings.Cut(h, "-")
			for _, allowed := range c.breaks {
				if strings.ReplaceAll(allowed, "-", "") == head+tail {
					n++
					if !slices.Contains(breakPoints(allowed), len([]rune(head))) {
						t.Errorf("%s: %q broken where its language does not allow (%s)", c.file, h, allowed)
					}
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no word of the passage hyphenated; hyphenated words: %q", c.file, hyphenated)
		}
	}
}

// TestMultilingualLanguagesInXHTML: each passage's language is on its
// element in the EPUB, lang and xml:lang, and right-to-left text has its
// direction.
func TestMultilingualLanguagesInXHTML(t *testing.T) {
	t.Parallel()
	b := multilingual(t)
	files := filetest.ReadZip(t, b.path(multilingualName+".epub"))
	for _, c := range []struct{ file, want string }{
		{"en.xhtml", `<span lang="ru" xml:lang="ru">Рабочая оппозиция</span>`},                                                        // {lang=ru} on a span
		{"en.xhtml", `<span lang="fr" xml:lang="fr">Commune de Paris</span>`},                                                         // raw HTML
		{"en.xhtml", `<span lang="he" xml:lang="he" dir="rtl">כל בני האדם</span>`},                                                    // a right-to-left span
		{"en.xhtml", `<span lang="ar" xml:lang="ar" dir="rtl">يولد جميع الناس</span>`},                                                //
		{"ru.xhtml", `lang="ru" xml:lang="ru"`},                                                                                       // the provenance's language
		{"uk.xhtml", `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="uk" xml:lang="uk">`}, // the manifest's
		{"fr.xhtml", `<p lang="fr" xml:lang="fr">Tous les êtres humains`},                                                             // raw HTML
		{"de.xhtml", `<h1 id="artikel-1" lang="de" xml:lang="de">`},                                                                   // {lang=de} on a heading
		{"de.xhtml", `<div lang="de" xml:lang="de">`},                                                                                 // and on a fenced div
		{"el.xhtml", `<div lang="grc" xml:lang="grc">`},                                                                               //
		{"ja.xhtml", `lang="ja" xml:lang="ja"`},                                                                                       //
		{"zh.xhtml", `<p lang="zh-Hans" xml:lang="zh-Hans">人人生而自由`},                                                                   //
		{"he.xhtml", `lang="he" xml:lang="he" dir="rtl"`},                                                                             //
		{"ar.xhtml", `lang="ar" xml:lang="ar" dir="rtl"`},                                                                             //
		{"scripts.xhtml", `<span lang="hy" xml:lang="hy">Հայերեն գրականություն։</span>`},                                              //
		{"scripts.xhtml", `<span lang="ka" xml:lang="ka">ქართული ენა.</span>`},                                                        //
	} {
		if !strings.Contains(files["EPUB/xhtml/"+c.file], c.want) {
			t.Errorf("%s lacks %s", c.file, c.want)
		}
	}
}

// breakPoints are where a word written with hyphens between its syllables
// may break: after how many letters.
func breakPoints(syllables string) []int {
	var at []int
	n := 0
	for _, r := range syllables {
		if r == '-' {
			at = append(at, n)
			continue
		}
		n++
	}
	return at
}
