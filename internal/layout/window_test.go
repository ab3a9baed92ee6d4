package layout

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/layout/layouttest"
)

// lineSummary is what a set line shows: its text, where it starts in the
// paragraph, its width and whether it ends in a hyphen.
func lineSummary(m Metrics, lines []tline) []string {
	var out []string
	for _, ln := range lines {
		s, _ := lineText(m, ln)
		out = append(out, fmt.Sprintf("%d %.3f %v %s", ln.off, ln.width, ln.hyphen, s))
	}
	return out
}

// bookParagraphs are the paragraphs of a generated book (with emphasis,
// code, links and note markers), whatever their length.
func bookParagraphs() [][]doc.Inline {
	var paras [][]doc.Inline
	var walk func(es []*doc.Entry)
	walk = func(es []*doc.Entry) {
		for _, en := range es {
			for _, b := range en.Blocks {
				if p, ok := b.(*doc.Paragraph); ok {
					paras = append(paras, p.Content)
				}
			}
			walk(en.Children)
		}
	}
	walk(layouttest.Book(4, 7).Entries)
	return paras
}

// The windows a long paragraph is broken in give the lines the paragraph
// broken whole gives: each window keeps only the breaks every way on
// shares. Windows of 40 words make the book's ordinary paragraphs long.
func TestWindowedBreakingMatchesWhole(t *testing.T) {
	m := realFonts(t)
	whole := testEngine(t, m, true)
	windowed := testEngine(t, m, true)
	windowed.paraWindow = 40
	compared := 0
	for _, content := range bookParagraphs() {
		st := whole.baseStyle(whole.size)
		for _, width := range []float64{140, 220} {
			for _, mode := range []alignMode{alignJustify, alignLeft} {
				segs := whole.segsOf(content, st, false)
				if countWords(segs, 2*windowed.paraWindow) < 2*windowed.paraWindow {
					continue
				}
				want := lineSummary(m, whole.setPara(segs, width, 12, mode))
				before := slices.Clone(segs)
				got := lineSummary(m, windowed.setPara(segs, width, 12, mode))
				if !slices.Equal(segs, before) {
					t.Fatalf("setting in windows changed the paragraph's segs")
				}
				if !slices.Equal(got, want) {
					t.Errorf("width %v, mode %d: windowed lines differ:\n%s\nwhole:\n%s", width, mode, strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
				compared++
			}
		}
	}
	if compared < 20 {
		t.Fatalf("only %d paragraphs long enough to be set in windows", compared)
	}
	t.Logf("%d paragraphs", compared)
}
