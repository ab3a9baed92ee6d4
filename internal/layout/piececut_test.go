package layout

import (
	"testing"
	"unicode/utf8"
)

// pieceCutter gives each cut of a piece the rune offset a count from the
// piece's start gives, whether the cuts come in order (as the layout
// makes them) or not.
func TestPieceCutterOffsets(t *testing.T) {
	text := "漢字 ภาษาไทย a→b 한국어"
	p := piece{text: text, off: 7}
	var cuts []int
	for i := range text {
		cuts = append(cuts, i)
	}
	for name, order := range map[string][]int{"in order": cuts, "out of order": {cuts[5], cuts[2], cuts[12], 0, cuts[8], cuts[8], cuts[len(cuts)-1]}} {
		c := pieceCutter{p: p}
		for _, from := range order {
			sub := c.sub(from, len(text))
			if want := p.off + utf8.RuneCountInString(text[:from]); sub.off != want || sub.text != text[from:] {
				t.Errorf("%s: cut at %d: offset %d %q, want %d %q", name, from, sub.off, sub.text, want, text[from:])
			}
		}
	}
	// a piece without an offset (a label the layout adds) keeps none
	if sub := (&pieceCutter{p: piece{text: "ab", off: -1}}).sub(1, 2); sub.off != -1 {
		t.Errorf("offset %d, want -1", sub.off)
	}
}
