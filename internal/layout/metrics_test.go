package layout

import (
	"sync"
	"testing"

	"github.com/samizdat-press/samizdat/internal/fonts"
)

// fixedMetrics gives every glyph a fixed width, so golden dumps do not move
// when a font file changes: half an em for serif runes, a quarter for a
// space, 0.6 em in mono. CJK ideographs exist in no face, to exercise the
// missing-glyph path; U+2192 (→) exists only in mono. Serif faces have the
// standard ligatures (each 0.6 em) and kern a few pairs.
type fixedMetrics struct{}

// fixedKerns are fixedMetrics' kerning pairs, in ems.
var fixedKerns = map[[2]rune]float64{{'A', 'V'}: -0.1, {'T', 'o'}: -0.08, {'e', ','}: -0.05, {'e', '.'}: -0.05, {'r', '.'}: -0.06, {'f', '-'}: -0.04, {'\uFB01', '-'}: -0.04}

func (fixedMetrics) Kern(f fonts.Face, a, b rune) float64 {
	if f.Family == fonts.Mono {
		return 0
	}
	return fixedKerns[[2]rune{a, b}]
}

func (fixedMetrics) Advance(f fonts.Face, r rune) float64 {
	switch {
	case f.Family == fonts.Mono:
		return 0.6
	case f.Family >= fonts.FirstFallback:
		return 1
	case fonts.LigatureLetters(r) != "":
		return 0.6
	case r == ' ':
		return 0.25
	case r == 'i' || r == 'l' || r == '.' || r == ',':
		return 0.3
	case r == 'm' || r == 'w' || r == 'M' || r == 'W':
		return 0.8
	}
	return 0.5
}

func (fixedMetrics) HasGlyph(f fonts.Face, r rune) bool {
	if f.Family >= fonts.FirstFallback || isKana(r) {
		return f.Family >= fonts.FirstFallback && isKana(r)
	}
	if r >= 0x4E00 && r <= 0x9FFF {
		return false
	}
	if r == '→' || r == '◦' {
		return f.Family == fonts.Mono
	}
	if fonts.LigatureLetters(r) != "" {
		return f.Family == fonts.Serif
	}
	return true
}

// Fallback has one fallback font, with the kana only.
func (fixedMetrics) FallbackFor(f fonts.Face, r rune, lang string) (fonts.Face, bool) {
	if isKana(r) {
		return fonts.Face{Family: fonts.FirstFallback, Style: f.Style}, true
	}
	return fonts.Face{}, false
}

func isKana(r rune) bool { return r >= 0x3040 && r <= 0x30FF }

func (fixedMetrics) Ascent(fonts.Face) float64  { return 0.8 }
func (fixedMetrics) Descent(fonts.Face) float64 { return 0.2 }

var (
	realOnce sync.Once
	realSet  *fonts.Set
	realErr  error
)

func realFonts(t testing.TB) *fonts.Set {
	t.Helper()
	realOnce.Do(func() { realSet, realErr = fonts.Load(fonts.EmbeddedFiles()) })
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realSet
}
