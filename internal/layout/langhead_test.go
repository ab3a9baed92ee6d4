package layout

import (
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// hanMetrics draws ideographs from a fallback font chosen by language, as
// fonts.Set chooses Noto Serif CJK JP for Japanese and SC for Chinese.
type hanMetrics struct{ fixedMetrics }

const jaFace, otherHanFace = fonts.FirstFallback, fonts.FirstFallback + 1

func isHan(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

func (m hanMetrics) HasGlyph(f fonts.Face, r rune) bool {
	if isHan(r) {
		return f.Family >= fonts.FirstFallback
	}
	return m.fixedMetrics.HasGlyph(f, r)
}

func (m hanMetrics) FallbackFor(f fonts.Face, r rune, lang string) (fonts.Face, bool) {
	if isHan(r) {
		if strings.HasPrefix(lang, "ja") {
			return fonts.Face{Family: jaFace, Style: f.Style}, true
		}
		return fonts.Face{Family: otherHanFace, Style: f.Style}, true
	}
	return m.fixedMetrics.FallbackFor(f, r, lang)
}

// TestTitlesInTheirLanguage: a Japanese chapter's title in the contents
// and in its running heads, in an English book, takes its ideographs from
// the Japanese font, as its text does, not from the one the book's
// language would choose.
func TestTitlesInTheirLanguage(t *testing.T) {
	var blocks []doc.Block
	for range 30 {
		blocks = append(blocks, para(txt(strings.Repeat("直線 ", 60))))
	}
	ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, Language: "ja", Title: []doc.Inline{txt("直線")}, Blocks: blocks}
	b := &doc.Book{Meta: doc.Meta{Title: "Heads", Language: "en"}, Entries: []*doc.Entry{ch}}
	opts := testOptions()
	opts.Front.Contents = true
	d, infos := traced(t, b, hanMetrics{}, opts)
	g, _ := newGeom(opts, opts.Gutter)
	heads, listed := 0, 0
	for pi, pg := range d.Pages {
		contents := false
		for _, it := range pg.Items {
			if tx, ok := it.(*Text); ok && tx.Text == "Contents" {
				contents = true
			}
		}
		for _, it := range pg.Items {
			tx, ok := it.(*Text)
			if !ok || !strings.Contains(tx.Text, "直") {
				continue
			}
			switch {
			case infos[pi].kind == pkBody && tx.Y < g.top:
				heads++
			case contents:
				listed++
			default:
				continue
			}
			if tx.Face.Family != jaFace {
				t.Errorf("page %s: %q set in family %d, want the Japanese font's %d", pg.Label, tx.Text, tx.Face.Family, jaFace)
			}
		}
	}
	if heads == 0 || listed == 0 {
		t.Fatalf("%d running heads and %d contents lines hold the title: the test tests nothing", heads, listed)
	}
}
