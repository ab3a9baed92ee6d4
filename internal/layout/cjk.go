package layout

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/segmenter"

	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/wordbreak"
)

// Chinese and Japanese are written without spaces: a line may break
// between most characters, but not before a closing bracket or a full
// stop, nor after an opening bracket (Unicode's line breaking algorithm,
// UAX #14). The layout breaks text at spaces; inside a stretch without
// spaces, breaks.go's hyphens and dashes add their own breaks, and here
// the breaks UAX #14 allows next to an East Asian character (github.com/
// go-text/typesetting's segmenter, which implements the whole algorithm)
// become glue that may stretch a little when a line is justified, as TeX
// sets ideographs (xeCJK's \xkanjiskip).

// cjkStretch is the stretch of the glue between East Asian characters, in
// ems: a justified line of ideographs spreads a tenth of an em at most per
// character before it counts as loose.
const cjkStretch = 0.1

// autospace is the space between an ideograph or kana and a Latin,
// Greek or Cyrillic letter or a digit beside it with no space between
// ("变量foo用var命令", "2018年"), in ems: a quarter, as CSS's
// text-autospace and xeCJK's \xkanjiskip set it, so the two scripts do
// not touch. It may shrink to a sixth when a line is tight.
const (
	autospace       = 0.25
	autospaceShrink = 0.25 - 1.0/6
)

// needsAutospace reports whether a break between a and b takes autospace.
func needsAutospace(a, b rune) bool {
	return (ideographic(a) && alphanumeric(b)) || (alphanumeric(a) && ideographic(b))
}

// ideographic: Han, kana and Bopomofo, not their punctuation, nor Hangul,
// whose words are spaced.
func ideographic(r rune) bool {
	return r >= 0x2E80 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo)
}

// alphanumeric: a letter of a script written with spaces, or a digit, in
// their usual (not full-width) forms.
func alphanumeric(r rune) bool {
	if r >= 0xFF00 && r <= 0xFFEF {
		return false
	}
	return unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic) && unicode.IsLetter(r) || unicode.IsDigit(r) && r < 0x3000
}

// eastAsian reports whether r is written without spaces between words:
// ideographs, kana, Hangul and Bopomofo, and the CJK punctuation and
// full-width forms that go with them.
func eastAsian(r rune) bool {
	if r < 0x1100 {
		return false
	}
	return (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) || (r >= 0xFE30 && r <= 0xFE4F) ||
		unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo)
}

// mayHaveEastAsian is a cheap first test: East Asian characters are all
// encoded in three or four bytes, starting with 0xE1 or more.
func mayHaveEastAsian(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xE1 {
			return true
		}
	}
	return false
}

// zeroWidthSpace marks where a line may break in text written without
// spaces between words: Thai, Lao, Khmer and Myanmar, whose breaks UAX #14
// leaves to a dictionary that the segmenter has not (it takes their
// letters for ordinary letters, class AL), are broken only at spaces and
// at the zero-width spaces an author puts between words.
const zeroWidthSpace = '\u200B'

// eastAsianBreaks appends to out the byte offsets inside text where UAX #14
// allows a line to break and the character on either side is East Asian,
// or the one before is a zero-width space. seg is reused between calls.
func eastAsianBreaks(seg *segmenter.Segmenter, text string, out []int) []int {
	if !mayHaveEastAsian(text) {
		return out
	}
	found := false
	for _, r := range text {
		if eastAsian(r) || r == zeroWidthSpace {
			found = true
			break
		}
	}
	if !found {
		return out
	}
	if seg.InitWithString(text) != nil {
		return out // invalid UTF-8, which the parser never leaves
	}
	it := seg.LineIterator()
	for it.Next() {
		l := it.Line()
		at := l.OffsetInBytes + l.LengthInBytes
		if at <= 0 || at >= len(text) {
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(text[:at])
		after, _ := utf8.DecodeRuneInString(text[at:])
		if eastAsian(before) || eastAsian(after) || before == zeroWidthSpace {
			out = append(out, at)
		}
	}
	return out
}

// flushWords emits a stretch of text between spaces: at the breaks East
// Asian text allows it is cut into words joined by glue, each emitted as
// flushWord does. A break never falls before a note marker.
func (e *engine) flushWords(word []piece, limit float64, hyph, justify bool) {
	total := 0
	for _, p := range word {
		total += len(p.text)
	}
	var text string
	if len(word) == 1 {
		text = word[0].text
	} else {
		b := make([]byte, 0, total)
		for _, p := range word {
			b = append(b, p.text...)
		}
		text = string(b)
	}
	e.cjk = eastAsianBreaks(&e.seg, text, e.cjk[:0])
	e.cjk = dictionaryBreaks(text, e.cjk)
	if len(e.cjk) == 0 {
		e.flushWord(word, limit, hyph)
		return
	}
	// Cut the pieces at the breaks, none before or inside a note marker.
	cur := e.cjkWord[:0]
	ci, off := 0, 0
	for _, p := range word {
		pstart := off
		off += len(p.text)
		if p.text == "" {
			// A mark with no text has no letter to cut at; an anchor
			// right at a break goes with the word after it.
			if p.anchorOnly() && ci < len(e.cjk) && e.cjk[ci] == pstart {
				ci++
				if len(cur) > 0 {
					e.flushWord(cur, limit, hyph)
					e.cjkGlue(p.st.size, justify && !besideHangul(text, pstart) && !beforeUnspaced(text, pstart), autospaced(text, pstart), squeezable(text, pstart))
					cur = cur[:0]
				}
			}
			cur = append(cur, p)
			continue
		}
		from := 0
		cut := pieceCutter{p: p}
		for ci < len(e.cjk) && e.cjk[ci] < off {
			at := e.cjk[ci] - pstart
			ci++
			if p.mark != nil || at < from {
				continue
			}
			if at > from {
				cur = append(cur, cut.sub(from, at))
			}
			if len(cur) > 0 {
				e.flushWord(cur, limit, hyph)
				e.cjkGlue(p.st.size, justify && !besideHangul(text, pstart+at) && !beforeUnspaced(text, pstart+at), autospaced(text, pstart+at), squeezable(text, pstart+at))
				cur = cur[:0]
			}
			from = at
		}
		if from < len(p.text) {
			cur = append(cur, cut.sub(from, len(p.text)))
		}
	}
	if len(cur) > 0 {
		e.flushWord(cur, limit, hyph)
	}
	e.cjkWord = cur
}

// dictionaryBreaks adds to brks, sorted, the breaks between the words of
// the Thai, Lao, Khmer and Myanmar in text, which UAX #14 leaves to a
// dictionary (wordbreak). Each is a break of no width, as at a zero-width
// space.
func dictionaryBreaks(text string, brks []int) []int {
	if !wordbreak.MayHave(text) {
		return brks
	}
	n := len(brks)
	brks = wordbreak.Embedded().Breaks(text, brks)
	if len(brks) == n {
		return brks
	}
	if n > 0 {
		// East Asian and dictionary breaks interleave only in a word that
		// mixes Thai with Chinese or a zero-width space
		slices.Sort(brks)
		brks = slices.Compact(brks)
	}
	return brks
}

// pieceCutter cuts one piece into the bytes from:to of its text, each
// with its rune offset. Cuts come in order, so the runes before each are
// counted on from the last cut's: counted from the piece's start, cutting
// a paragraph of Chinese or Thai, one long piece cut at every character
// or word, took time quadratic in its length (a 40,000-character
// paragraph 20 s, a 1 MB one more than two minutes).
type pieceCutter struct {
	p     piece
	at    int // bytes of p.text counted
	runes int // runes in p.text[:at]
}

func (c *pieceCutter) sub(from, to int) piece {
	sub := c.p
	sub.text = c.p.text[from:to]
	if c.p.off >= 0 && from > 0 {
		if from < c.at {
			c.at, c.runes = 0, 0 // out of order: count again
		}
		c.runes += utf8.RuneCountInString(c.p.text[c.at:from])
		c.at = from
		sub.off = c.p.off + c.runes
	}
	return sub
}

// besideHangul reports whether the character before or after byte offset
// at in text is Hangul. Korean puts spaces between words, and a justified
// line of it is spread at its spaces alone (W3C's Requirements for Hangul
// Text Layout): a break between two syllables may end a line but does not
// stretch, or the letters of its words would drift apart.
func besideHangul(text string, at int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:at])
	after, _ := utf8.DecodeRuneInString(text[at:])
	return unicode.Is(unicode.Hangul, before) || unicode.Is(unicode.Hangul, after)
}

// beforeUnspaced reports whether the character after byte offset at in
// text is Thai, Lao, Khmer or Myanmar. A justified line of these scripts
// is spread at its spaces alone, which stand between phrases and
// sentences: a break between two of its words found by the dictionary (or
// marked by a zero-width space) may end a line but does not stretch, or
// the words of a phrase would drift apart, and a PDF viewer copy them out
// with spaces that are not in the text.
func beforeUnspaced(text string, at int) bool {
	after, _ := utf8.DecodeRuneInString(text[at:])
	return wordbreak.ScriptOf(after) != wordbreak.None
}

// cjkGlue is the break between two East Asian words: no width, and a
// little stretch in justified text (stretch); between an ideograph and a
// letter or digit, autospace (spaced); beside full-width punctuation, the
// room to take back a quarter of its blank em (squeeze).
func (e *engine) cjkGlue(size float64, stretch, spaced, squeeze bool) {
	n := len(e.nodes)
	if n == 0 || e.nodes[n-1].kind != nBox {
		return
	}
	// it sits inside the text before it, at that text's level: at level
	// 0 it would part a right-to-left paragraph's left-to-right run,
	// "English, 한국어", in two runs turned round apart
	g := node{kind: nGlue, cjk: true, level: e.boxes[e.nodes[n-1].box].level}
	if stretch {
		g.stretch = cjkStretch * size
	}
	if spaced {
		g.w, g.shrink = autospace*size, autospaceShrink*size
	}
	if squeeze {
		g.shrink += punctuationSqueeze * size
	}
	e.nodes = append(e.nodes, g)
}

// punctuationSqueeze is how much of a full-width punctuation mark's em a
// tight line may take back, in ems: a closing mark (，。、」）) is drawn in
// one part of its square and an opening one (「（) in the other, the rest
// blank, and CLREQ and JLREQ compress that blank before the characters'
// spacing. A quarter, what every regional form leaves blank: a Taiwanese
// comma sits in the middle of its square, a mainland one in its corner.
const punctuationSqueeze = 0.25

// squeezable reports whether the break at byte at of text follows a
// full-width closing mark or precedes an opening one.
func squeezable(text string, at int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:at])
	after, _ := utf8.DecodeRuneInString(text[at:])
	return strings.ContainsRune("，。、；：！？）」』】〉》〕］｝", before) || strings.ContainsRune("（「『【〈《〔［｛", after)
}

// autospaced reports whether the break at byte at of text lies between an
// ideograph and a letter or digit.
func autospaced(text string, at int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:at])
	after, _ := utf8.DecodeRuneInString(text[at:])
	return needsAutospace(before, after)
}

// cjkPunctuation reports whether text in language tag ("" the book's) sets
// its quotation marks, ellipsis and dashes full width, in the font of its
// ideographs: Chinese and Japanese do; Korean, spaced as Latin is, takes
// the Latin marks.
func (e *engine) cjkPunctuation(tag string) bool {
	return e.chineseOrJapanese(tag) != ""
}

// chineseOrJapanese is "zh" or "ja" for text in language tag ("" the
// book's) of either, "" for any other.
func (e *engine) chineseOrJapanese(tag string) string {
	if tag == "" {
		tag = e.o.Language
	}
	l := strings.ToLower(tag)
	for _, base := range []string{"zh", "ja"} {
		if l == base || strings.HasPrefix(l, base+"-") {
			return base
		}
	}
	return ""
}

// fullWidthInCJK: the marks Unicode leaves of ambiguous width, which a
// Latin font draws narrow and a Chinese or Japanese one a full em wide:
// quotation marks, the ellipsis, the em dash and the middle dot.
func fullWidthInCJK(r rune) bool {
	switch r {
	case '\u2018', '\u2019', '\u201C', '\u201D', '\u2026', '\u2014', '\u00B7':
		return true
	}
	return false
}

// fullWidthFace is the face of the ideograph beside a quotation mark,
// ellipsis or dash at byte i of p's text in Chinese or Japanese (cjkText),
// when the piece's face has the mark but not the ideograph and that font
// has the mark too: the mark is then drawn full width, as the ideographs'
// font draws it.
func (e *engine) fullWidthFace(p piece, i int, r rune, cjkText bool) (fonts.Face, bool) {
	if !cjkText || !fullWidthInCJK(r) {
		return fonts.Face{}, false
	}
	ideo := ideographBeside(p.text, i)
	if ideo == 0 || e.has(p.st.face, ideo) {
		return fonts.Face{}, false
	}
	f, ok := e.fallbackFace(p.st.face, ideo, p.st.lang)
	if !ok || !e.has(f, r) {
		return fonts.Face{}, false
	}
	return f, true
}

// ideographBeside is the ideograph or kana before or after the character
// at byte i of text, past a run of such marks ("……", "——"), the one
// before first; 0 when there is none.
func ideographBeside(text string, i int) rune {
	for j := i; j > 0; {
		r, m := utf8.DecodeLastRuneInString(text[:j])
		if ideographic(r) {
			return r
		}
		if !fullWidthInCJK(r) {
			break
		}
		j -= m
	}
	_, n := utf8.DecodeRuneInString(text[i:])
	for j := i + n; j < len(text); {
		r, m := utf8.DecodeRuneInString(text[j:])
		if ideographic(r) {
			return r
		}
		if !fullWidthInCJK(r) {
			break
		}
		j += m
	}
	return 0
}

// cjkIndent is the first-line indent of a paragraph in the language being
// set, in ems, when it is Chinese's or Japanese's: two characters in
// Chinese, one in Japanese (W3C's CLREQ and JLREQ), every paragraph's,
// the first after a heading too; 0 for the others, which indent as Latin
// text does.
func (e *engine) cjkIndent() float64 {
	switch e.chineseOrJapanese(e.lang) {
	case "zh":
		return 2
	case "ja":
		return 1
	}
	return 0
}

// hasIdeographs reports whether the text of segs holds an ideograph or
// kana. A paragraph of them stretches little at each character, and a path
// or a code word in it that cannot break leaves the line before it loose:
// there it breaks after a backslash or an underscore too (wordBreaks), and
// in code before a bracket (tokenBreaks). Others keep their breaks.
func hasIdeographs(segs []seg) bool {
	for _, s := range segs {
		if !mayHaveEastAsian(s.text) {
			continue
		}
		for _, r := range s.text {
			if ideographic(r) {
				return true
			}
		}
	}
	return false
}
