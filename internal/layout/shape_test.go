package layout

import (
	"math"
	"os"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-text/typesetting/segmenter"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// Devanagari set with a font that has it is shaped: each word is drawn as
// the glyphs the shaper gives, each where the shaper places it (the run's
// advances and kerns), copied out as the word, and nothing is refused.
func TestShapedWordsSet(t *testing.T) {
	const path = "/usr/share/fonts/truetype/noto/NotoSerifDevanagari-Regular.ttf"
	set := withInstalledFallback(t, path)
	// with a zero-width joiner, क्‍ष is a half form and ष: the joiner
	// stays in the word's run, as the danda after नमस्ते does
	words := []string{"हिंदी", "क्षत्रिय", "नमस्ते।", "क्‍ष"}
	ch := &doc.Entry{ID: "hi", Kind: doc.KindChapter, File: "hi.md", Title: []doc.Inline{txt("Hindi")}, Blocks: []doc.Block{
		&doc.Paragraph{BlockBase: doc.BlockBase{Pos: doc.Pos{File: "hi.md", Line: 3}}, Content: []doc.Inline{txt("The words हिंदी, क्षत्रिय, क्‍ष and नमस्ते।")}},
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
	found := map[string]bool{}
	for _, p := range d.Pages {
		for _, it := range p.Items {
			tx, ok := it.(*Text)
			if !ok {
				continue
			}
			for _, a := range tx.Actual() {
				found[a.Text] = true
				checkDrawnAsShaped(t, set, tx, a, "en")
			}
		}
	}
	for _, w := range words {
		if !found[w] {
			t.Errorf("%s is not drawn shaped (shaped: %v)", w, found)
		}
	}
}

// Thai, Khmer and Myanmar written without spaces, in a stretch wider than
// the measure, break between their letters rather than run past the
// margin: shaped as one word they could not break at all.
func TestUnspacedScriptsKeepToTheMeasure(t *testing.T) {
	for _, tt := range []struct{ lang, font, text string }{
		{"th", "NotoSerifThai-Regular.ttf", "ประเทศไทยมีประชากรประมาณหกสิบหกล้านคนและมีภาษาไทยเป็นภาษาราชการซึ่งใช้อักษรไทยในการเขียน"},
		// Khmer stacks consonants with coeng: ស្រុក, ខ្មែរ.
		{"km", "NotoSansKhmer-Regular.ttf", "ប្រទេសកម្ពុជាមានរាជធានីភ្នំពេញហើយភាសាខ្មែរជាភាសាផ្លូវការរបស់ប្រជាជនខ្មែរនៅក្នុងស្រុកខ្មែរ"},
		// Myanmar stacks with virama and writes kinzi: မင်္ဂလာ.
		{"my", "NotoSansMyanmar-Regular.ttf", "မြန်မာနိုင်ငံသည်အရှေ့တောင်အာရှတွင်တည်ရှိပြီးမြန်မာဘာသာစကားကိုရုံးသုံးဘာသာအဖြစ်အသုံးပြုသည်မင်္ဂလာပါ"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			checkUnspacedKeepsToTheMeasure(t, "/usr/share/fonts/truetype/noto/"+tt.font, tt.lang, tt.text)
		})
	}
}

func checkUnspacedKeepsToTheMeasure(t *testing.T, path, lang, text string) {
	set := withInstalledFallback(t, path)
	latin := "The measure is where the lines of this justified paragraph end, each of them as long as the others but the last one, which is shorter."
	ch := &doc.Entry{ID: "th", Kind: doc.KindChapter, File: "th.md", Title: []doc.Inline{txt("Thai")}, Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{txt(latin + " " + latin)}},
		&doc.Paragraph{BlockBase: doc.BlockBase{Lang: lang}, Content: []doc.Inline{txt(text + text)}},
	}}
	d, err := Layout(&doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{ch}}, set, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	right := func(tx *Text) float64 {
		x := tx.X
		for _, r := range tx.Text {
			x += set.Advance(tx.Face, r) * tx.Size
		}
		for _, k := range tx.Kerns {
			x += k.Dx
		}
		return x
	}
	margin, thaiRight, thaiRuns := 0.0, 0.0, 0
	for _, p := range d.Pages {
		for _, it := range p.Items {
			tx, ok := it.(*Text)
			if !ok {
				continue
			}
			if len(tx.Actual()) > 0 {
				thaiRight = max(thaiRight, right(tx))
				thaiRuns++
			} else if tx.Text != "" && tx.Text[0] < 0x80 {
				margin = max(margin, right(tx))
			}
		}
	}
	if thaiRuns == 0 || margin == 0 {
		t.Fatalf("%d Thai runs, margin %.2f", thaiRuns, margin)
	}
	if thaiRight > margin+0.5 {
		t.Errorf("the text reaches %.2f, past the margin at %.2f", thaiRight, margin)
	}
}

// withInstalledFallback is the built-in faces with the installed font at
// path as their fallback; the test is skipped when the font is not
// installed, unless the validators are required.
func withInstalledFallback(t *testing.T, path string) *fonts.Set {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("SAMIZDAT_REQUIRE_VALIDATORS") != "" {
			t.Fatalf("fonts-noto-core is required: %v", err)
		}
		t.Skipf("no %s: %v", path, err)
	}
	set, err := fonts.Load(fonts.EmbeddedFiles())
	if err != nil {
		t.Fatal(err)
	}
	set.SetFallback(fonts.Fallback{Fonts: []fonts.File{{Name: path, Data: data}}})
	return set
}

// A justified paragraph of an Indic language on a narrow measure is
// hyphenated by its patterns: lines end inside words with a hyphen, only
// between grapheme clusters (never before a vowel sign or after a
// virama), the two parts copy out as the word, a word left whole copies
// out whole and is drawn as the shaper sets it, and no glyph is drawn on
// a dotted circle. The extracts are from the Contributor Covenant's
// translations in Free Programming Books (CC BY 4.0).
func TestShapedWordsHyphenated(t *testing.T) {
	for _, c := range []struct{ lang, font, text string }{
		{"ml", "NotoSerifMalayalam-Regular.ttf", "ഈ പദ്ധതിയുടെ സംഭാവകരും പരിപാലകരും എന്ന നിലയിലും ഒരു തുറന്നതും സ്വാഗതം ചെയ്യുന്നതുമായ കമ്മ്യൂണിറ്റി വളർത്തിയെടുക്കുന്നതിനായി, ഞങ്ങൾ ഇഷ്യുകൾ റിപ്പോർട്ട് ചെയ്യുന്നതിലൂടെ, ഫീച്ചർ അഭ്യർത്ഥനകൾ പോസ്റ്റ് ചെയ്യുന്നതിലൂടെ എല്ലാവരെയും ബഹുമാനിക്കാൻ പ്രതിജ്ഞാബദ്ധരാണ്."},
		{"ta", "NotoSerifTamil-Regular.ttf", "இந்தத் திட்டத்தின் பங்களிப்பாளர்கள் மற்றும் பராமரிப்பாளர்களாக, ஒரு திறந்த மற்றும் வரவேற்கத்தக்க சமூகத்தை வளர்க்கும் நோக்கத்தில், சிக்கல்களைப் புகாரளித்தல், புதிய அம்சங்களைக் கோருதல், ஆவணங்களைப் புதுப்பித்தல் மூலம் பங்களிக்கும் அனைத்து மக்களையும் மதிக்க நாங்கள் உறுதியளிக்கிறோம்."},
		{"hi", "NotoSerifDevanagari-Regular.ttf", "इस परियोजना के योगदानकर्ताओं और अनुरक्षकों के हित में और एक खुले और स्वागत करने वाले समुदाय को बढ़ावा देते हुए, हम उन सभी लोगों का सम्मान करने की प्रतिज्ञा करते हैं जो रिपोर्टिंग समस्याओं के माध्यम से योगदान करते हैं।"},
		{"bn", "NotoSerifBengali-Regular.ttf", "এই প্রকল্পের অবদানকারী এবং রক্ষণাবেক্ষণকারী হিসাবে, এবং একটি উন্মুক্ত সম্প্রদায়কে উৎসাহিত করার স্বার্থে, আমরা এই প্রকল্পে অংশগ্রহণকে প্রত্যেকের জন্য একটি হয়রানি-মুক্ত অভিজ্ঞতা করতে প্রতিশ্রুতিবদ্ধ।"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			set := withInstalledFallback(t, "/usr/share/fonts/truetype/noto/"+c.font)
			ch := &doc.Entry{ID: c.lang, Kind: doc.KindChapter, File: "c.md", Title: []doc.Inline{txt("T")}, Blocks: []doc.Block{
				&doc.Paragraph{BlockBase: doc.BlockBase{Lang: c.lang}, Content: []doc.Inline{txt(c.text)}},
			}}
			o := options(func(o *Options) { o.Hyphenate, o.Language, o.TrimWidth = true, "en", 2.8*inch })
			d, err := Layout(&doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{ch}}, set, o)
			if err != nil {
				t.Fatal(err)
			}
			words := map[string]bool{}
			for _, w := range strings.FieldsFunc(c.text, func(r rune) bool { return r == ' ' || r == '-' }) {
				words[strings.TrimRight(w, ",।.")] = true
			}
			var carried string // the part before the last line's hyphen
			hyphens := 0
			for _, p := range d.Pages {
				for _, it := range p.Items {
					tx, ok := it.(*Text)
					if !ok || len(tx.Actual()) == 0 {
						continue
					}
					for _, g := range set.Shape(tx.Face, "\u25cc", c.lang) {
						if strings.ContainsRune(tx.Text, g.Rune) {
							t.Errorf("a dotted circle is drawn in %v", tx.Actual())
						}
					}
					acts := tx.Actual()
					for i, a := range acts {
						w := strings.TrimRight(a.Text, ",।.")
						// a part of a broken word too is drawn as the
						// shaper sets it alone
						checkDrawnAsShaped(t, set, tx, a, c.lang)
						if i == 0 && carried != "" {
							if !strings.Contains(c.text, carried+"-"+w) { // not a compound's own hyphen
								checkCut(t, words, carried, w)
							}
							carried = ""
							continue
						}
						if i == len(acts)-1 && a.End == len(tx.Text)-1 && tx.Text[a.End] == '-' {
							carried = w
							hyphens++
							continue
						}
						if !words[strings.TrimSuffix(w, "-")] {
							t.Errorf("%q copies out as %q, not a word of the text", tx.Text, a.Text)
						}
					}
				}
			}
			if hyphens < 1 {
				t.Errorf("%d lines end with a hyphen: the test tests nothing", hyphens)
			}
		})
	}
}

// checkCut checks a word broken across two lines: the parts make a word
// of the text, broken between two of its grapheme clusters.
func checkCut(t *testing.T, words map[string]bool, before, after string) {
	t.Helper()
	w := before + after
	if !words[w] {
		t.Errorf("%q- and %q make no word of the text", before, after)
		return
	}
	var seg segmenter.Segmenter
	seg.Init([]rune(w))
	at := utf8.RuneCountInString(before)
	for it := seg.GraphemeIterator(); it.Next(); {
		if it.Grapheme().Offset == at {
			return
		}
	}
	t.Errorf("%q is broken inside a grapheme cluster: %q-%q", w, before, after)
}

// checkDrawnAsShaped checks that run tx draws the characters of its span a
// as the shaper sets them: each glyph where the shaper puts it.
func checkDrawnAsShaped(t *testing.T, set *fonts.Set, tx *Text, a Actual, lang string) {
	t.Helper()
	shaped := set.Shape(tx.Face, a.Text, lang)
	// where the run draws each glyph, by the advances and
	// kerns before it
	type at struct {
		r rune
		x float64
	}
	var drawn, want []at
	x := tx.X
	for i, r := range tx.Text {
		for _, k := range tx.Kerns {
			if k.At == i {
				x += k.Dx
			}
		}
		if i >= a.At && i < a.End {
			drawn = append(drawn, at{r, math.Round((x - tx.X) * 100)})
		}
		x += set.Advance(tx.Face, r) * tx.Size
	}
	pen := 0.0
	for _, g := range shaped {
		want = append(want, at{g.Rune, math.Round((pen + (g.XOffset)*tx.Size) * 100)})
		pen += g.Advance * tx.Size
	}
	byPlace := func(s []at) {
		sort.Slice(s, func(i, j int) bool { return s[i].x < s[j].x || (s[i].x == s[j].x && s[i].r < s[j].r) })
	}
	byPlace(drawn)
	byPlace(want)
	// the word's glyphs in the run, from its leftmost
	shift := drawn[0].x - want[0].x
	for i := range drawn {
		drawn[i].x -= shift
	}
	if len(drawn) != len(want) {
		t.Errorf("%s: %d glyphs drawn, %d shaped", a.Text, len(drawn), len(want))
		return
	}
	for i := range drawn {
		// the same glyph, within a rounding of the sums of advances
		if drawn[i].r != want[i].r || math.Abs(drawn[i].x-want[i].x) > 2 {
			t.Errorf("%s: glyph %U drawn at %.2fpt; the shaper puts %U at %.2fpt", a.Text, drawn[i].r, drawn[i].x/100, want[i].r, want[i].x/100)
		}
	}
	if n := utf8.RuneCountInString(tx.Text[a.At:a.End]); n != len(shaped) || !fonts.IsGlyphRune(drawn[0].r) {
		t.Errorf("%s: drawn as %q", a.Text, tx.Text[a.At:a.End])
	}
}
