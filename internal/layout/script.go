package layout

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/bidi"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// fallbackKey is a rune asked of Metrics.FallbackFor for a face, in a
// language.
type fallbackKey struct {
	face fonts.Face
	r    rune
	lang string
}

// fallbackFace returns the fallback font's face for r in text of language
// lang, asking Metrics once per face, rune and language.
func (e *engine) fallbackFace(f fonts.Face, r rune, lang string) (fonts.Face, bool) {
	k := fallbackKey{f, r, lang}
	if ff, ok := e.fallback[k]; ok {
		return ff, ff != f
	}
	ff, ok := e.m.FallbackFor(f, r, lang)
	if !ok {
		ff = f
	}
	e.fallback[k] = ff
	return ff, ok
}

// scriptRunes gathers characters of one entry by script, each script with
// where it first occurs: one message per script and chapter, not one per
// character.
type scriptRunes struct {
	by    map[string]*scriptUse
	order []string
}

type scriptUse struct {
	pos   doc.Pos
	runes []rune // the first few, distinct
	seen  map[rune]bool
	text  string // rtl: the first passage
}

func (s *scriptRunes) reset() {
	clear(s.by)
	s.order = s.order[:0]
}

func (s *scriptRunes) add(script string, r rune, pos doc.Pos) *scriptUse {
	if s.by == nil {
		s.by = map[string]*scriptUse{}
	}
	u := s.by[script]
	if u == nil {
		u = &scriptUse{pos: pos, seen: map[rune]bool{}}
		s.by[script] = u
		s.order = append(s.order, script)
	}
	if !u.seen[r] {
		u.seen[r] = true
		u.runes = append(u.runes, r)
	}
	return u
}

// missingDiags reports, per script, the characters no font has.
func (s *scriptRunes) missingDiags() []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, script := range s.order {
		u := s.by[script]
		out = append(out, diag.Warnf(u.pos.File, u.pos.Line, "glyph.missing",
			"no font has the %s characters %s; they print as blank boxes", script, listRunes(u.runes)))
	}
	return out
}

// rtlDiags refuses, per script, right-to-left text of the scripts the
// typesetter does not set (it sets Hebrew and Thaana, shaped when the
// metrics shape, and with a shaper Arabic, Syriac, N'Ko, Adlam, Mandaic,
// Hanifi Rohingya, Samaritan and Mende Kikakui).
func (s *scriptRunes) rtlDiags() []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, script := range s.order {
		u := s.by[script]
		why := fmt.Sprintf("the typesetter sets right-to-left text in Hebrew, Arabic, Syriac, Thaana, N'Ko and a few other scripts, but not yet in %s", script)
		if len(u.runes) > 0 && joinedRTL(u.runes[0]) {
			// only metrics that shape nothing, as some tests' are
			why = "its letters join, and the fonts' metrics shape no text"
		}
		out = append(out, diag.Errorf(u.pos.File, u.pos.Line, "script.rtl",
			"%s text (%q) cannot be set in the PDF: %s; it would print wrongly", script, u.text, why))
	}
	return out
}

// shapingDiags refuses, per script, text whose letters must be joined or
// reordered to be read.
func (s *scriptRunes) shapingDiags() []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, script := range s.order {
		u := s.by[script]
		out = append(out, diag.Errorf(u.pos.File, u.pos.Line, "script.shaping",
			"%s text (%q) cannot be set in the PDF: its vowel signs and conjuncts must be reordered and joined, which the typesetter cannot yet do; it would print wrongly", script, u.text))
	}
	return out
}

// shapedScripts are the scripts whose vowel signs and conjuncts need a
// shaping engine (reordering, joining): set letter by letter they print
// wrongly.
var shapedScripts = []*unicode.RangeTable{
	unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya,
	unicode.Tamil, unicode.Telugu, unicode.Kannada, unicode.Malayalam, unicode.Sinhala,
	unicode.Tibetan, unicode.Myanmar, unicode.Khmer, unicode.Mongolian, unicode.Balinese,
	unicode.Javanese, unicode.Sundanese, unicode.Tai_Tham, unicode.Chakma, unicode.Grantha,
	unicode.Sharada, unicode.Siddham, unicode.Tirhuta, unicode.Modi, unicode.Takri,
	unicode.Newa, unicode.Brahmi, unicode.Kaithi, unicode.Limbu, unicode.Lepcha,
	unicode.Meetei_Mayek, unicode.Saurashtra, unicode.Syloti_Nagri, unicode.Ahom, unicode.Dogra,
}

// needsShaping reports a combining mark of a script in shapedScripts: a
// word of such a script with no marks reads correctly letter by letter.
func needsShaping(r rune) bool {
	// the blocks of those scripts, tested first: this runs on every
	// character of the book
	if !(r >= 0x900 && r <= 0x1CFF) && !(r >= 0xA800 && r <= 0xABFF) && !(r >= 0x11000 && r <= 0x11FFF) {
		return false
	}
	if !unicode.In(r, unicode.Mn, unicode.Mc) {
		return false
	}
	return unicode.In(r, shapedScripts...)
}

// listRunes names a few characters and counts the rest.
func listRunes(rs []rune) string {
	const shown = 5
	var b strings.Builder
	for i, r := range rs {
		if i == shown {
			fmt.Fprintf(&b, " and %d more", len(rs)-shown)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%c (%U)", r, r)
	}
	return b.String()
}

// scriptName names r's script as a reader would ("Han", "Linear B");
// characters many scripts share (symbols, emoji) are "symbol".
func scriptName(r rune) string {
	for _, name := range sortedScripts() {
		if name != "Common" && name != "Inherited" && unicode.Is(unicode.Scripts[name], r) {
			return strings.ReplaceAll(name, "_", " ")
		}
	}
	return "symbol"
}

// sortedScripts are the names of unicode.Scripts in order, so that a
// character of two scripts is named the same every run; sorted once, as a
// page of characters no font has names each of them.
var sortedScripts = sync.OnceValue(func() []string {
	names := make([]string, 0, len(unicode.Scripts))
	for name := range unicode.Scripts {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
})

// isRTL reports a character written right to left (Hebrew, Arabic,
// Syriac, Thaana, N'Ko…).
func isRTL(r rune) bool {
	if !mayBeRTL(r) {
		return false
	}
	p, _ := bidi.LookupRune(r)
	c := p.Class()
	return c == bidi.R || c == bidi.AL
}

// checkScripts records the passages of text the layout cannot set: words
// with a combining mark of a script that needs shaping, when the metrics
// do not shape, and right-to-left passages of two or more letters in a
// row (marks between them included) of a script other than Hebrew and
// Thaana, which the layout orders, and those joinedRTL names, which the
// shaper sets when the metrics shape. A lone letter reads the same either
// way.
func (e *engine) checkScripts(text string) {
	word := func() string {
		return strings.TrimFunc(text, func(r rune) bool { return !unicode.In(r, unicode.L, unicode.M) })
	}
	for _, r := range text {
		if needsShaping(r) && !e.shaping() {
			u := e.shaped.add(scriptName(r), r, e.pos)
			if u.text == "" {
				u.text = word()
			}
			break
		}
	}
	run, start := 0, -1
	flush := func(end int) {
		if first, _ := firstRune(text[start:end]); run >= 2 && !setRTLScript(first) && !(joinedRTL(first) && e.rtlShaping()) {
			u := e.rtl.add(scriptName(first), first, e.pos)
			if u.text == "" {
				u.text = text[start:end]
			}
		}
		run, start = 0, -1
	}
	for i, r := range text {
		switch {
		case isRTL(r):
			if start < 0 {
				start = i
			}
			run++
		case run > 0 && unicode.Is(unicode.Mn, r):
			// points and vowel marks belong to the letters around them
		default:
			if start >= 0 {
				flush(i)
			}
		}
	}
	if start >= 0 {
		flush(len(text))
	}
}

// mayBeRTL reports whether r is in a block of right-to-left scripts: a
// test cheap enough for every character of the book.
func mayBeRTL(r rune) bool {
	return (r >= 0x590 && r <= 0x8FF) || (r >= 0xFB1D && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF) ||
		(r >= 0x10800 && r <= 0x10FFF) || (r >= 0x1E800 && r <= 0x1EFFF)
}

func firstRune(s string) (rune, int) {
	for i, r := range s {
		return r, i
	}
	return 0, 0
}
