package layout

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/bidi"
	xbidi "golang.org/x/text/unicode/bidi"

	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/lang"
)

// Right-to-left text (Hebrew, Arabic) is set in its logical order, the
// order it is read and written in, and each line is turned into the
// order it is seen in only when it is emitted: the Unicode bidirectional
// algorithm (UAX #9) gives every character an embedding level (even left
// to right, odd right to left) over the whole paragraph, a line's pieces
// are reordered by their levels (rule L2), and the letters of a
// right-to-left piece are written from the left, mirrored brackets and
// all. A paragraph's direction is its language's: a Hebrew paragraph is
// right to left, starts on the right and is ragged on the left.
//
// The algorithm is github.com/go-text/typesetting's bidi package (the
// module's segmenter breaks East Asian lines): it takes the paragraph's
// direction as given, where golang.org/x/text/unicode/bidi would guess an
// English paragraph opening with a Hebrew word to be right to left. Both
// tell only each run's direction, not its level; levels follow from the
// direction in text without explicit embeddings: in a right-to-left
// paragraph left-to-right text is level 2, and in a left-to-right one
// right-to-left text is level 1 and the numbers it holds (with the
// separators between their digits) level 2, which keeps "1948" read left
// to right inside a Hebrew phrase of an English sentence. Explicit
// isolates, embeddings and overrides (U+2066–2069, U+202A–202E) are
// followed, one level deep: right-to-left text inside a left-to-right
// isolate inside a right-to-left paragraph is set at the paragraph's
// level, where UAX #9 puts it two levels up (its words come out in the
// isolate's order, not the phrase's).

// bidiState is the bidirectional analysis of the paragraph being set.
type bidiState struct {
	// on is set when the paragraph has right-to-left text or direction.
	on bool
	// para is the paragraph's level: 0 left to right, 1 right to left.
	para int8
	// levels holds each character's level, the segs' text in order;
	// segAt is where each seg's first character is.
	levels []int8
	segAt  []int32
	input  []rune
	p      bidi.Paragraph
	// order and lv are emitLine's scratch.
	order []int32
	lv    []int8
	// edges is emitLine's scratch: for each node of order, which ends of
	// a left-to-right run in a right-to-left line it is.
	edges []uint8
}

// mayHaveRTL is a cheap first test: right-to-left characters are all
// encoded from U+0590 on (lead byte 0xD6 or more).
func mayHaveRTL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xD6 {
			return true
		}
	}
	return false
}

// hasRTL reports a character written right to left, or a control that
// sets text right to left (an embedding, override or isolate), which may
// turn Latin letters round.
func hasRTL(s string) bool {
	if !mayHaveRTL(s) {
		return false
	}
	for _, r := range s {
		if isRTL(r) || r == '\u202B' || r == '\u202E' || r == '\u2067' {
			return true
		}
	}
	return false
}

// paraLevel is the level of a paragraph in language tag ("" the book's).
func (e *engine) paraLevel(tag string) int8 {
	if tag == "" {
		tag = e.o.Language
	}
	if t, err := lang.Parse(tag); err == nil && lang.TagDirection(t) == lang.RTL {
		return 1
	}
	return 0
}

// isolate is a title in language tag, set in a line of the book's
// language (the contents, a running head), isolated in its own direction
// where that is not the book's, as HTML's <bdi> is: the colon ending an
// Arabic title in an English book then stands at the title's left end,
// where it ends, not at its right.
func (e *engine) isolate(text, tag string) string {
	if tag == "" {
		return text
	}
	book, own := e.paraLevel(""), e.paraLevel(tag)
	switch {
	case own == book:
		return text
	case own == 1:
		return "\u2067" + text + "\u2069"
	default:
		return "\u2066" + text + "\u2069"
	}
}

// prepareBidi analyses a paragraph's segs before they are broken into
// lines; it does nothing for a left-to-right paragraph without
// right-to-left text, the common case.
func (e *engine) prepareBidi(segs []seg) {
	b := &e.bd
	b.on = false
	b.para = e.paraLevel(e.lang)
	need := b.para == 1
	for i := range segs {
		if need {
			break
		}
		need = segs[i].kind == segText && hasRTL(segs[i].text)
	}
	if !need {
		return
	}
	b.input = b.input[:0]
	b.segAt = b.segAt[:0]
	for _, sg := range segs {
		b.segAt = append(b.segAt, int32(len(b.input)))
		switch {
		case sg.kind == segBreak:
			b.input = append(b.input, '\u2028') // a line separator: white space
		case sg.pic != nil:
			b.input = append(b.input, '\uFFFC') // an object: neutral
		default:
			for _, r := range sg.text {
				b.input = append(b.input, r)
			}
		}
	}
	b.levels = levelsOf(&b.p, b.input, b.para, b.levels[:0])
	if len(b.levels) != len(b.input) {
		return // not expected; set the paragraph as it comes
	}
	if b.para == 1 {
		b.isolateCode(segs)
	}
	b.on = true
}

// isolateCode sets each stretch of code (and each address) in a
// right-to-left paragraph as a left-to-right isolate, two levels up, as
// if between U+2066 and U+2069: a command is read left to right whatever
// it holds, and an Arabic or Hebrew word in it (a placeholder, a file
// name) would otherwise take the neutral characters around it to the
// paragraph's side and turn the command's parts round, journalctl's
// options printed before its name.
func (b *bidiState) isolateCode(segs []seg) {
	for i := 0; i < len(segs); {
		if segs[i].kind != segText || !segs[i].st.urlish || segs[i].pic != nil || segs[i].mark != nil {
			i++
			continue
		}
		// a stretch of code may be several segs (a link in it, a note)
		j := i + 1
		for j < len(segs) && segs[j].kind == segText && segs[j].st.urlish && segs[j].pic == nil {
			j++
		}
		from, to := int(b.segAt[i]), len(b.input)
		if j < len(segs) {
			to = int(b.segAt[j])
		}
		if to > from {
			lv := levelsOf(&b.p, b.input[from:to], 0, b.lv[:0])
			if len(lv) == to-from {
				for k, l := range lv {
					b.levels[from+k] = l + 2
				}
			}
			b.lv = lv
		}
		i = j
	}
}

// levelsOf appends the embedding level of each character of text in a
// paragraph of level para (see above).
func levelsOf(p *bidi.Paragraph, text []rune, para int8, out []int8) []int8 {
	dir := bidi.LeftToRight
	if para == 1 {
		dir = bidi.RightToLeft
	}
	runs := p.Segment(text, dir)
	start := len(out)
	for i := 0; i < runs.NumRuns(); i++ {
		r := runs.Run(i)
		l := para
		if rtl := !r.IsLeftToRight(); rtl != (para == 1) {
			l++ // the other direction, one level up
		}
		for k := r.Start; k < r.End; k++ {
			out = append(out, l)
		}
	}
	if para == 1 || len(out)-start != len(text) {
		return out
	}
	lv := out[start:]
	class := func(i int) xbidi.Class {
		props, _ := xbidi.LookupRune(text[i])
		return props.Class()
	}
	// Numbers after right-to-left text, up to the next left-to-right
	// letter, are level 2.
	afterRTL := false
	for i := range text {
		switch c := class(i); c {
		case xbidi.L:
			afterRTL = false
		case xbidi.R, xbidi.AL:
			afterRTL = true
		case xbidi.EN, xbidi.AN:
			if afterRTL && lv[i] == 0 {
				lv[i] = 2
			}
		}
	}
	// So are the separators between their digits, and signs and marks
	// next to them.
	for i := range text {
		if lv[i] != 0 {
			continue
		}
		prev := i > 0 && lv[i-1] == 2
		next := i+1 < len(text) && lv[i+1] == 2
		switch class(i) {
		case xbidi.ES, xbidi.CS:
			if prev && next {
				lv[i] = 2
			}
		case xbidi.ET, xbidi.NSM:
			if prev || next {
				lv[i] = 2
			}
		}
	}
	return out
}

// levelAt is the level of character i of the paragraph's text.
func (b *bidiState) levelAt(i int) int8 {
	if !b.on || i < 0 || i >= len(b.levels) {
		return b.para
	}
	return b.levels[i]
}

// appendLevels appends p to word, cut where the level of its characters
// changes; at is the index of its first character in the paragraph's text.
func (e *engine) appendLevels(word []piece, p piece, at int) []piece {
	b := &e.bd
	if !b.on {
		return append(word, p)
	}
	start, runes := 0, 0
	cur := b.levelAt(at)
	startRunes := 0
	for i := range p.text {
		if l := b.levelAt(at + runes); runes > 0 && l != cur {
			sub := p
			sub.text, sub.level = p.text[start:i], cur
			if p.off >= 0 {
				sub.off = p.off + startRunes
			}
			word = append(word, sub)
			start, startRunes, cur = i, runes, l
		}
		runes++
	}
	sub := p
	sub.text, sub.level = p.text[start:], cur
	if p.off >= 0 {
		sub.off = p.off + startRunes
	}
	return append(word, sub)
}

// visualOrder lists the boxes and glue of the line nodes[s:b] in the order
// they are seen, by UAX #9's rules L1 and L2.
func (e *engine) visualOrder(s, b int) []int32 {
	bd := &e.bd
	ord, lv := bd.order[:0], bd.lv[:0]
	for i := s; i < b; i++ {
		nd := &e.nodes[i]
		switch nd.kind {
		case nBox:
			ord, lv = append(ord, int32(i)), append(lv, e.boxes[nd.box].level)
		case nGlue:
			ord, lv = append(ord, int32(i)), append(lv, nd.level)
		}
	}
	// L1: white space at the end of a line takes the paragraph's level.
	for k := len(ord) - 1; k >= 0 && e.nodes[ord[k]].kind == nGlue; k-- {
		lv[k] = bd.para
	}
	// L2: from the highest level to the lowest odd one, reverse every run
	// at that level or higher.
	high, lowOdd := int8(0), int8(127)
	for _, l := range lv {
		high = max(high, l)
		if l&1 == 1 {
			lowOdd = min(lowOdd, l)
		}
	}
	for level := high; level >= lowOdd && level > 0; level-- {
		for k := 0; k < len(ord); {
			if lv[k] < level {
				k++
				continue
			}
			end := k
			for end < len(ord) && lv[end] >= level {
				end++
			}
			for i, j := k, end-1; i < j; i, j = i+1, j-1 {
				ord[i], ord[j] = ord[j], ord[i]
				lv[i], lv[j] = lv[j], lv[i]
			}
			k = end
		}
	}
	bd.order, bd.lv = ord, lv
	return ord
}

const (
	runStart uint8 = 1 << iota
	runEnd
)

// ltrEdges marks, for each node of the visual order ord of a line in a
// right-to-left paragraph, the first and last boxes of text of each
// left-to-right run, whose ActualText takes a right-to-left mark before
// or after it (see rtlActual).
func (e *engine) ltrEdges(ord []int32) []uint8 {
	bd := &e.bd
	edges := bd.edges[:0]
	for range ord {
		edges = append(edges, 0)
	}
	bd.edges = edges
	if bd.para != 1 {
		return edges
	}
	prev := -1 // the previous box of text
	for k, i := range ord {
		nd := &e.nodes[i]
		if nd.kind != nBox {
			continue
		}
		p := &e.boxes[nd.box]
		if p.pic != nil || p.text == "" {
			continue
		}
		even := p.level&1 == 0
		prevEven := prev >= 0 && e.boxes[e.nodes[ord[prev]].box].level&1 == 0
		if even && !prevEven {
			edges[k] |= runStart
		}
		if prevEven && !even {
			edges[prev] |= runEnd
		}
		prev = k
	}
	if prev >= 0 && e.boxes[e.nodes[ord[prev]].box].level&1 == 0 {
		edges[prev] |= runEnd
	}
	return edges
}

// markEdges gives the first or last character of the text written from
// byte at of a run (the run's text so far is s) a right-to-left mark in
// its ActualText, as edge says; a shaped piece, already copied as its
// characters, takes the marks in that ActualText.
func markEdges(actual []Actual, s string, at int, edge uint8, shaped bool) []Actual {
	if edge == 0 || at >= len(s) {
		return actual
	}
	if shaped && len(actual) > 0 {
		a := &actual[len(actual)-1]
		if edge&runStart != 0 {
			a.Text = rlm + a.Text
		}
		if edge&runEnd != 0 {
			a.Text += rlm
		}
		return actual
	}
	_, n := utf8.DecodeRuneInString(s[at:])
	_, m := utf8.DecodeLastRuneInString(s)
	if edge == runStart|runEnd && at+n == len(s) {
		return append(actual, Actual{At: at, End: len(s), Text: rlm + s[at:] + rlm})
	}
	if edge&runStart != 0 {
		actual = append(actual, Actual{At: at, End: at + n, Text: rlm + s[at:at+n]})
	}
	if edge&runEnd != 0 {
		actual = append(actual, Actual{At: len(s) - m, End: len(s), Text: s[len(s)-m:] + rlm})
	}
	return actual
}

// visualText is text as it is seen when its level is odd: its characters
// from the last, each followed by its marks, brackets mirrored.
func visualText(s string, level int8) string {
	if level&1 == 0 {
		return s
	}
	return xbidi.ReverseString(s)
}

// reverseRunes is s with its characters in the reverse order, marks and
// all: the text of a shaped right-to-left word as a reader that reverses
// right-to-left text character by character must find it to copy the
// word out in its order.
func reverseRunes(s string) string {
	rs := []rune(s)
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	return string(rs)
}

// rtlCopy is the ActualText of a shaped right-to-left word: its
// characters reversed (see reverseRunes), each weakInRTL between
// right-to-left marks, as rtlActual gives them to text set unshaped, so
// that a comma ending the word (U+060C, which poppler takes for a
// separator of numbers) stays with it.
func rtlCopy(s string) string {
	r := reverseRunes(s)
	if !strings.ContainsFunc(r, weakInRTL) {
		return r
	}
	var b strings.Builder
	for _, c := range r {
		if weakInRTL(c) {
			b.WriteString(rlm)
			b.WriteRune(c)
			b.WriteString(rlm)
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Readers that copy text out of a PDF order each line by where its glyphs
// are and by their own idea of each character's direction, not by UAX #9:
// poppler's takes digits and the separators around them (. , : / + - %)
// for left to right, and a space next to them for part of their run. A
// full stop ending a Hebrew sentence, or a number inside one, would come
// out on the wrong side of a space. So the ActualText of such characters
// in right-to-left text, and of the ends of each left-to-right run in a
// right-to-left paragraph, puts a right-to-left mark (U+200F) on either
// side: bounded by marks of the paragraph's direction, the run is copied
// where it is read, and the marks, invisible, say what is already so.
const rlm = "\u200F"

// weakInRTL reports a character a reader may take for left to right in
// right-to-left text: a digit, or a separator or sign used with numbers.
func weakInRTL(r rune) bool {
	if r < '#' {
		return false
	}
	props, _ := xbidi.LookupRune(r)
	switch props.Class() {
	case xbidi.EN, xbidi.AN, xbidi.ES, xbidi.ET, xbidi.CS:
		return true
	}
	return false
}

// rtlActual appends to out what the characters of right-to-left text s,
// drawn as visualText draws them from byte at, stand for: a bracket drawn
// as its mirror image for the bracket written, and a character weakInRTL
// for itself between right-to-left marks.
func rtlActual(out []Actual, s string, at int) []Actual {
	if !hasBracket(s) && !strings.ContainsFunc(s, weakInRTL) {
		return out
	}
	seen := []rune(xbidi.ReverseString(s))
	orig := []rune(s)
	off := at
	for i, r := range seen {
		// the characters reversed one by one: the i-th seen is the i-th
		// written from the end
		switch w := orig[len(orig)-1-i]; {
		case w != r:
			out = append(out, Actual{At: off, End: off + utf8.RuneLen(r), Text: string(w)})
		case weakInRTL(w):
			out = append(out, Actual{At: off, End: off + utf8.RuneLen(r), Text: rlm + string(w) + rlm})
		}
		off += utf8.RuneLen(r)
	}
	return out
}

// zwnj is the zero width non-joiner, which keeps a Persian word's letters
// apart (می‌خواهم, کتاب‌ها) where they would join.
const zwnj = '\u200C'

// nonJoinerActual gives the non-joiners of right-to-left text s (written
// with its invisible characters, drawn without them as visualText draws
// them from byte at) to the ActualText of the character drawn after each,
// in out, which they would otherwise not be copied with: a reader turning
// the pair round puts the non-joiner back after the letter it follows.
// (A shaped word, Persian's می‌خواهم, copies out whole with its
// non-joiners from its ActualText.)
func nonJoinerActual(out []Actual, s string, at int) []Actual {
	if !strings.ContainsRune(s, zwnj) {
		return out
	}
	var add []Actual
	off, pending := at, false
	for _, r := range xbidi.ReverseString(s) {
		if invisible(r) {
			pending = pending || r == zwnj
			continue
		}
		if pending {
			add = append(add, Actual{At: off, End: off + utf8.RuneLen(r), Text: string(zwnj) + string(r)})
			pending = false
		}
		off += utf8.RuneLen(r)
	}
	if len(add) == 0 {
		return out
	}
	// merged into the ActualText the run's characters from at already
	// have (a mirrored bracket, a digit), in order
	first := len(out)
	for first > 0 && out[first-1].At >= at {
		first--
	}
	merged := append([]Actual(nil), out[first:]...)
	for _, a := range add {
		k := 0
		for k < len(merged) && merged[k].At < a.At {
			k++
		}
		if k < len(merged) && merged[k].At == a.At {
			merged[k].Text = string(zwnj) + merged[k].Text
			continue
		}
		merged = append(merged[:k], append([]Actual{a}, merged[k:]...)...)
	}
	return append(out[:first], merged...)
}

// levelRun is a run of text of one embedding level, in logical order.
type levelRun struct {
	text  string
	level int8
}

// visualRuns splits a line of text set outside paragraphs (a running
// head, a label, a line of code) into runs of one level each, in the
// order they are seen: a left-to-right line with right-to-left runs in
// it. Each run's text stays in logical order; one of odd level is drawn
// from its end.
func (e *engine) visualRuns(text string) []levelRun {
	if !hasRTL(text) {
		return []levelRun{{text, 0}}
	}
	b := &e.bd
	saved := b.on
	defer func() { b.on = saved }()
	b.input = append(b.input[:0], []rune(text)...)
	b.levels = levelsOf(&b.p, b.input, 0, b.levels[:0])
	var rs []levelRun
	for i := 0; i < len(b.input); {
		j := i
		for j < len(b.input) && b.levels[j] == b.levels[i] {
			j++
		}
		rs = append(rs, levelRun{string(b.input[i:j]), b.levels[i]})
		i = j
	}
	// L2 over the runs.
	high := int8(0)
	for _, r := range rs {
		high = max(high, r.level)
	}
	for level := high; level >= 1; level-- {
		for k := 0; k < len(rs); {
			if rs[k].level < level {
				k++
				continue
			}
			end := k
			for end < len(rs) && rs[end].level >= level {
				end++
			}
			for i, j := k, end-1; i < j; i, j = i+1, j-1 {
				rs[i], rs[j] = rs[j], rs[i]
			}
			k = end
		}
	}
	return rs
}

// setRTLScript reports whether r belongs to a right-to-left script that
// joins no letters (Hebrew, Thaana): shaped as the others are when the
// metrics shape (shapedRTL), set as its characters, its marks placed by
// MarkPlacer, when they do not; the joining scripts are then refused.
func setRTLScript(r rune) bool {
	return unicode.In(r, unicode.Hebrew, unicode.Thaana)
}

// hasBracket reports a bracket, which may have a mirror image.
func hasBracket(s string) bool {
	for _, r := range s {
		if props, _ := xbidi.LookupRune(r); props.IsBracket() {
			return true
		}
	}
	return false
}

// MarkPlacer is implemented by Metrics that place the combining marks of
// right-to-left text set as its characters on their letters as the font's
// mark attachment says (*fonts.Set, for a Hebrew or Thaana word the
// shaper could not set). Without it the marks stand where the font draws
// them by default, which for a mark drawn before its letter (in the order
// text is seen) is over the letter to its left.
type MarkPlacer interface {
	PlaceMarksRTL(f fonts.Face, text, lang string) []fonts.MarkPlacement
}

// placeMarks appends where the shaper places the combining marks of the
// right-to-left piece p, whose text (Hebrew or Thaana, in
// reading order) is drawn as visualText draws it from byte at of its run.
func (e *engine) placeMarks(marks []Mark, p *piece, text string, at int) []Mark {
	if !strings.ContainsFunc(text, isNonspacingMark) {
		return marks
	}
	mp, ok := e.m.(MarkPlacer)
	if !ok {
		return marks
	}
	placed := mp.PlaceMarksRTL(p.st.face, text, p.st.lang)
	if len(placed) == 0 {
		return marks
	}
	// the k-th mark of the letters is the k-th of text
	markIndex := map[int]int{} // byte offset in the letters: which mark
	k := 0
	for i, r := range text {
		if isNonspacingMark(r) {
			markIndex[i] = k
			k++
		}
	}
	type span struct{ at, end int }
	var spans []span // the marks of text, in reading order, as drawn
	n := len(text)
	for i, r := range text {
		if isNonspacingMark(r) {
			// reversed, the character at byte i ends at n-i
			end := n - i
			spans = append(spans, span{end - utf8.RuneLen(r), end})
		}
	}
	size := p.st.size
	// drawn in the reverse of reading order
	for j := len(placed) - 1; j >= 0; j-- {
		pl := placed[j]
		k, ok := markIndex[pl.At]
		if !ok || k >= len(spans) {
			continue
		}
		m := spans[k]
		marks = append(marks, Mark{At: at + m.at, End: at + m.end, Glyph: pl.Glyph, Dx: pl.Dx * size, Dy: pl.Dy * size})
	}
	return marks
}

func isNonspacingMark(r rune) bool { return r >= 0x300 && unicode.Is(unicode.Mn, r) }
