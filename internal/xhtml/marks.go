package xhtml

import (
	"unicode"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// MarkPlacer moves the print edition's page breaks to places in a block
// where a marker can stand: between words, never inside one (a reader
// would hear, or see, the word cut in two), and at the start of a code
// block, inside which a marker would read as part of the code.
type MarkPlacer struct {
	// A block's text is read once, however many pages it runs over.
	runes map[doc.Block][]rune
	// The last stretch of a block found inside a word, ending where a
	// marker may stand: the pages of one long word scan it once.
	inWord map[doc.Block]span
}

type span struct{ from, to int }

// NewMarkPlacer returns a placer for the blocks of one book.
func NewMarkPlacer() *MarkPlacer {
	return &MarkPlacer{runes: map[doc.Block][]rune{}, inWord: map[doc.Block]span{}}
}

// Place returns the rune offset in bl's plain text where the marker of a
// page starting at off goes. An offset outside the text is clamped to it,
// and outside reports that, with the text's length n, for the caller to
// warn.
func (p *MarkPlacer) Place(bl doc.Block, off int) (at, n int, outside bool) {
	text, counted := p.runes[bl]
	if !counted {
		text = []rune(doc.BlockText(bl))
		p.runes[bl] = text
	}
	n = len(text)
	if off < 0 || off > n {
		outside = true
		off = min(max(off, 0), n)
	}
	if _, code := bl.(*doc.CodeBlock); code {
		return 0, n, outside
	}
	if s, seen := p.inWord[bl]; seen && off >= s.from && off <= s.to {
		return s.to, n, outside
	}
	to := wordBoundary(text, off)
	p.inWord[bl] = span{off, to}
	return to, n, outside
}

// wordBoundary moves a page's start to the next place between words, so
// that a screen reader never announces a page in the middle of one: a
// page that begins with the rest of a hyphenated word, or in a long URL,
// is marked after it. Text without spaces between words (Chinese,
// Japanese, Thai…) may be marked between any two of its characters.
func wordBoundary(text []rune, off int) int {
	between := func(i int) bool {
		return i <= 0 || i >= len(text) || breakRune(text[i-1]) || breakRune(text[i])
	}
	for off < len(text) && !between(off) {
		off++
	}
	return off
}

// breakRune reports whether a page marker may stand beside r: a space, or
// a character of a script written without spaces between words.
func breakRune(r rune) bool {
	return unicode.IsSpace(r) || unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana,
		unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Tibetan)
}
