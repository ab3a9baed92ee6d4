package layout

import (
	"math"
	"os"
	"sort"
	"testing"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// Devanagari set with a font that has it is shaped: each word is drawn as
// the glyphs the shaper gives, each where the shaper places it (the run's
// advances and kerns), copied out as the word, and nothing is refused.
func TestShapedWordsSet(t *testing.T) {
	const path = "/usr/share/fonts/truetype/noto/NotoSerifDevanagari-Regular.ttf"
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
				shaped := set.Shape(tx.Face, a.Text, "en")
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
					t.Fatalf("%s: %d glyphs drawn, %d shaped", a.Text, len(drawn), len(want))
				}
				for i := range drawn {
					if drawn[i] != want[i] {
						t.Errorf("%s: glyph %U drawn at %.2fpt; the shaper puts %U at %.2fpt", a.Text, drawn[i].r, drawn[i].x/100, want[i].r, want[i].x/100)
					}
				}
				if n := utf8.RuneCountInString(tx.Text[a.At:a.End]); n != len(shaped) || !fonts.IsGlyphRune(drawn[0].r) {
					t.Errorf("%s: drawn as %q", a.Text, tx.Text[a.At:a.End])
				}
			}
		}
	}
	for _, w := range words {
		if !found[w] {
			t.Errorf("%s is not drawn shaped (shaped: %v)", w, found)
		}
	}
}

// Thai written without spaces, in a stretch wider than the measure, breaks
// between its letters rather than running past the margin: shaped as one
// word it could not break at all.
func TestUnspacedThaiKeepsToTheMeasure(t *testing.T) {
	const path = "/usr/share/fonts/truetype/noto/NotoSerifThai-Regular.ttf"
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
	const thai = "ประเทศไทยมีประชากรประมาณหกสิบหกล้านคนและมีภาษาไทยเป็นภาษาราชการซึ่งใช้อักษรไทยในการเขียน"
	latin := "The measure is where the lines of this justified paragraph end, each of them as long as the others but the last one, which is shorter."
	ch := &doc.Entry{ID: "th", Kind: doc.KindChapter, File: "th.md", Title: []doc.Inline{txt("Thai")}, Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{txt(latin + " " + latin)}},
		&doc.Paragraph{BlockBase: doc.BlockBase{Lang: "th"}, Content: []doc.Inline{txt(thai + thai)}},
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
		t.Errorf("the Thai text reaches %.2f, past the margin at %.2f", thaiRight, margin)
	}
}
