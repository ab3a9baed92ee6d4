package layout

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// Syriac, N'Ko, Arabic (Persian with a non-joiner, Pashto with letters
// that have no presentation forms), Adlam, Hanifi Rohingya and Mandaic,
// whose letters join by the font's features, and Samaritan and Mende
// Kikakui, Hebrew (pointed and accented: Genesis 1:1-2 as the Leningrad
// Codex gives it) and Thaana, whose marks the font places, are set word by word as the
// glyphs the shaper gives right to left, copied
// out as the word (reversed, for a reader that turns right-to-left text
// round), each mark the font's mark attachment raises or lowers drawn
// apart by that much; nothing is refused. The Syriac is the vocalised
// History of Karka d-Beth Slok (Digital Syriac Corpus, CC BY 4.0), the
// N'Ko, Adlam and Hanifi Rohingya names from Unicode CLDR, the Arabic
// Al-Fatiha in the Tanzil Project's text (CC BY 3.0), the Persian and
// Pashto words from glibc's locales.
func TestJoinedRightToLeftSet(t *testing.T) {
	for _, c := range []struct{ lang, font, text string }{
		{"syr", "NotoSansSyriac-Regular.ttf", "ܗܵܢܵܐ ܟܲܪܟܼܵܐ ܪܲܒܵܐ ܤܵܡ̣ ܫܲܬܼܐܸܤܵܘ̈ܗܝ ܡܲܠܟܵܐ ܕܐܵܬܼܘܿܪ ܗܵܘ̇ ܕܲܒܼܤܘܼܪܚܵܐ ܤܲܪܕܵܢܵܐ ܫܡܹܗ ܗ̄ܘ̣ܵܐ"},
		{"nqo", "NotoSansNKo-Regular.ttf", "ߒߞߏ ߡߊߟߌ ߊ߲߬ߜߑߟߋ߬ߞߊ߲ ߝߊ߬ߙߊ߲߬ߛߌ߬ߞߊ߲ ߓߙߌߕߊ߲ߓߊ߫ ߊ߲߬ߜ߭ߑߟߋ߬ߞߊ߲ ߞߊ߲߫ ߘߊ߲߬ߠߊ߬ߕߍ߰ߓߊߟߌ"},
		{"ar", "NotoNaskhArabic-Regular.ttf", "بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ ٱلْحَمْدُ لِلَّهِ رَبِّ ٱلْعَٰلَمِينَ لا إلى الأمر"},
		{"fa", "NotoNaskhArabic-Regular.ttf", "یکشنبه دوشنبه سه\u200cشنبه چهارشنبه"},
		{"ps", "NotoNaskhArabic-Regular.ttf", "مۍ ښاغلې اګست"},
		{"ff", "NotoSansAdlam-Regular.ttf", "𞤀𞤬𞤢𞥄𞤪𞤫 𞤀𞤦𞤳𞤢𞥄𞤧𞤭𞤴𞤢𞤲𞤪𞤫 𞤀𞤣𞤢𞤲𞤺𞤥𞤫𞥅𞤪𞤫"},
		{"rhg", "NotoSansHanifiRohingya-Regular.ttf", "𐴌𐴗𐴥𐴝𐴙𐴚𐴒𐴙𐴝 𐴎𐴡𐴁𐴝𐴕𐴝 𐴁𐴡𐴏𐴥𐴡𐴌"},
		{"myz", "NotoSansMandaic-Regular.ttf", "ࡀࡁࡂ ࡃࡄ ࡅࡆࡇࡈ"},
		{"smp", "NotoSansSamaritan-Regular.ttf", "ࠀࠚࠁ ࠂࠣࠃࠄ ࠅࠬࠆࠇ"},
		{"men", "NotoSansMendeKikakui-Regular.ttf", "𞠀𞠁𞠂 𞠃𞠄𞠅𞠆 𞠊𞣐𞠋"},
		{"he", "NotoSerifHebrew-Regular.ttf", "בְּרֵאשִׁ֖ית בָּרָ֣א אֱלֹהִ֑ים אֵ֥ת הַשָּׁמַ֖יִם וְאֵ֥ת הָאָֽרֶץ׃ וְהָאָ֗רֶץ הָיְתָ֥ה תֹ֙הוּ֙ וָבֹ֔הוּ וְחֹ֖שֶׁךְ עַל־פְּנֵ֣י תְה֑וֹם"},
		{"dv", "NotoSansThaana-Regular.ttf", "ހުރިހާ އިންސާނުންވެސް ދުނިޔެއަށް އުފަންވަނީ"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			set := withInstalledFallback(t, "/usr/share/fonts/truetype/noto/"+c.font)
			ch := &doc.Entry{ID: c.lang, Kind: doc.KindChapter, File: "c.md", Title: []doc.Inline{txt("T")}, Blocks: []doc.Block{
				&doc.Paragraph{BlockBase: doc.BlockBase{Lang: c.lang}, Content: []doc.Inline{txt(c.text)}},
			}}
			d, err := Layout(&doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{ch}}, set, testOptions())
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range d.Warnings {
				if w.Severity == diag.Error || w.Code == "glyph.missing" {
					t.Errorf("unexpected: %v", w)
				}
			}
			words := map[string]bool{}
			for _, w := range strings.Fields(c.text) {
				words[w] = true
			}
			found, raised := 0, 0
			for _, p := range d.Pages {
				for _, it := range p.Items {
					tx, ok := it.(*Text)
					if !ok {
						continue
					}
					for _, a := range tx.Actual() {
						w := reverseRunes(a.Text)
						if !words[w] {
							continue
						}
						found++
						shaped := set.ShapeRTL(tx.Face, w, c.lang)
						var want, got []rune
						for _, g := range shaped {
							want = append(want, g.Rune)
						}
						got = []rune(tx.Text[a.At:a.End])
						slices.Sort(want)
						slices.Sort(got)
						if !slices.Equal(got, want) {
							t.Errorf("%s is drawn as %U, the shaper gives %U", w, got, want)
						}
						var dys, marks []float64
						for _, g := range shaped {
							if g.YOffset != 0 {
								dys = append(dys, math.Round(g.YOffset*tx.Size*100))
							}
						}
						for _, m := range tx.Marks() {
							if m.At >= a.At && m.End <= a.End {
								marks = append(marks, math.Round(m.Dy*100))
								if fonts.GlyphRune(m.Glyph) != []rune(tx.Text[m.At:m.End])[0] {
									t.Errorf("%s: mark at %d drawn as glyph %d, not its own", w, m.At, m.Glyph)
								}
							}
						}
						slices.Sort(dys)
						slices.Sort(marks)
						if !slices.Equal(dys, marks) {
							t.Errorf("%s: marks raised by %v, the shaper raises them by %v", w, marks, dys)
						}
						raised += len(marks)
					}
				}
			}
			if found != len(strings.Fields(c.text)) {
				t.Errorf("%d of %d words drawn shaped", found, len(strings.Fields(c.text)))
			}
			if (c.lang == "syr" || c.lang == "ar" || c.lang == "he" || c.lang == "dv") && raised == 0 {
				t.Error("no mark raised: the test tests nothing")
			}
		})
	}
}

// A zero width non-joiner, not drawn, goes into the ActualText of the
// character drawn after it, where a reader turning the text round puts
// it back after the letter it follows; a character with an ActualText
// already (a mirrored bracket) takes it in front of that.
func TestNonJoinerActual(t *testing.T) {
	for _, c := range []struct {
		name, text string
		before     []Actual
		want       []Actual
	}{
		{"none", "שלום", nil, nil},
		// drawn דגבא: the non-joiner follows ב in reading order
		{"one", "אב\u200cגד", nil, []Actual{{At: 4, End: 6, Text: "\u200cב"}}},
		// drawn )ב(א, its brackets mirrored: the non-joiner follows (
		{"merged", "א(\u200cב)", []Actual{{At: 0, End: 1, Text: ")"}, {At: 3, End: 4, Text: "("}},
			[]Actual{{At: 0, End: 1, Text: ")"}, {At: 3, End: 4, Text: "\u200c("}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := nonJoinerActual(c.before, c.text, 0)
			if !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

// An Arabic word part of which is a link is set in pieces, each shaped
// with the letters of the others as its context: the letters join across
// the link's ends, drawn as the glyphs of the word shaped whole. (The
// word is the UDHR's المتأصلة, "inherent".)
func TestJoinedAcrossPieces(t *testing.T) {
	set := withInstalledFallback(t, "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf")
	ch := &doc.Entry{ID: "ar", Kind: doc.KindChapter, File: "c.md", Title: []doc.Inline{txt("T")}, Blocks: []doc.Block{
		&doc.Paragraph{BlockBase: doc.BlockBase{Lang: "ar"}, Content: []doc.Inline{
			txt("المت"), &doc.Link{URL: "https://example.org", External: true, Content: []doc.Inline{txt("أص")}}, txt("لة")}},
	}}
	d, err := Layout(&doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{ch}}, set, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	var got []rune
	var face fonts.Face
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(*Text); ok {
				for _, r := range tx.Text {
					if fonts.IsGlyphRune(r) {
						got, face = append(got, r), tx.Face
					}
				}
			}
		}
	}
	var want []rune
	for _, g := range set.ShapeRTL(face, "المتأصلة", "ar") {
		want = append(want, g.Rune)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("drawn as %U, the word shaped whole is %U", got, want)
	}
}

// A reader of the PDF takes a shaped word to span from where its first
// glyph is drawn to where its last one ends. In a right-to-left word both
// are letters, never a mark: the Hebrew accents over the last letters of
// תֹ֙הוּ֙ (pashta, which overhangs its letter's left side) and the Thaana
// vowel signs, drawn first or last, made a reader run the word into the
// next or part it from its comma (Genesis 1:2; the Dhivehi UDHR).
func TestRightToLeftWordEndsAreLetters(t *testing.T) {
	for _, c := range []struct{ lang, font, text string }{
		{"he", "NotoSerifHebrew-Regular.ttf", "וְהָאָ֗רֶץ הָיְתָ֥ה תֹ֙הוּ֙ וָבֹ֔הוּ וְחֹ֖שֶׁךְ"},
		{"dv", "NotoSansThaana-Regular.ttf", "ހަމަހަމަ ޙައްޤުތަކަކާއެކު، ހަމަހަމަ ދަރަޖައެއްގައި"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			set := withInstalledFallback(t, "/usr/share/fonts/truetype/noto/"+c.font)
			ch := &doc.Entry{ID: c.lang, Kind: doc.KindChapter, File: "c.md", Title: []doc.Inline{txt("T")}, Blocks: []doc.Block{
				&doc.Paragraph{BlockBase: doc.BlockBase{Lang: c.lang}, Content: []doc.Inline{txt(c.text)}},
			}}
			d, err := Layout(&doc.Book{Meta: doc.Meta{Title: "T", Language: c.lang}, Entries: []*doc.Entry{ch}}, set, testOptions())
			if err != nil {
				t.Fatal(err)
			}
			words := 0
			for _, p := range d.Pages {
				for _, it := range p.Items {
					tx, ok := it.(*Text)
					if !ok {
						continue
					}
					for _, a := range tx.Actual() {
						glyphs := []rune(tx.Text[a.At:a.End])
						if len(glyphs) < 2 || !fonts.IsGlyphRune(glyphs[0]) {
							continue
						}
						words++
						if first := glyphs[0]; set.Advance(tx.Face, first) == 0 {
							t.Errorf("%s is drawn from a mark, glyph %d", reverseRunes(a.Text), first-fonts.GlyphRune(0))
						}
						if last := glyphs[len(glyphs)-1]; set.Advance(tx.Face, last) == 0 {
							t.Errorf("%s is drawn up to a mark, glyph %d", reverseRunes(a.Text), last-fonts.GlyphRune(0))
						}
					}
				}
			}
			if words != len(strings.Fields(c.text)) {
				t.Errorf("%d shaped words, want %d", words, len(strings.Fields(c.text)))
			}
		})
	}
}
