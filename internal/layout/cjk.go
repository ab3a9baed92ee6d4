package layout

import (
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/segmenter"
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
					e.cjkGlue(p.st.size, justify && !besideHangul(text, pstart))
					cur = cur[:0]
				}
			}
			cur = append(cur, p)
			continue
		}
		from := 0
		for ci < len(e.cjk) && e.cjk[ci] < off {
			at := e.cjk[ci] - pstart
			ci++
			if p.mark != nil || at < from {
				continue
			}
			if at > from {
				cur = append(cur, subPiece(p, from, at))
			}
			if len(cur) > 0 {
				e.flushWord(cur, limit, hyph)
				e.cjkGlue(p.st.size, justify && !besideHangul(text, pstart+at))
				cur = cur[:0]
			}
			from = at
		}
		if from < len(p.text) {
			cur = append(cur, subPiece(p, from, len(p.text)))
		}
	}
	if len(cur) > 0 {
		e.flushWord(cur, limit, hyph)
	}
	e.cjkWord = cur
}

// subPiece is the bytes from:to of p's text, with its rune offset.
func subPiece(p piece, from, to int) piece {
	sub := p
	sub.text = p.text[from:to]
	if p.off >= 0 && from > 0 {
		sub.off = p.off + utf8.RuneCountInString(p.text[:from])
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

// cjkGlue is the break between two East Asian words: no width, and a
// little stretch in justified text (stretch).
func (e *engine) cjkGlue(size float64, stretch bool) {
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
	e.nodes = append(e.nodes, g)
}
