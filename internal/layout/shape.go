package layout

import (
	"strings"
	"unicode"

	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/hyphen"
)

// Shaper is implemented by Metrics that shape text (*fonts.Set): a run of
// a script whose vowel signs and conjuncts are reordered and joined
// (Devanagari, Bengali, Thai, Khmer…) is set as the glyphs it returns,
// each a glyph rune the face measures and draws (fonts.GlyphRune). With
// Metrics that do not shape, such text is refused.
type Shaper interface {
	Shape(f fonts.Face, text, lang string) []fonts.ShapedGlyph
}

// shapes reports a character of a script that is shaped: the combining
// marks needsShaping finds, and Thai's and Lao's, which the font places.
func shapes(r rune) bool {
	return needsShaping(r) || (r >= 0xE00 && r <= 0xEFF && unicode.In(r, unicode.Mn, unicode.Mc))
}

// shapePiece sets p, when it holds text to shape, as its shaped glyphs: p's
// text becomes the glyph runes, orig keeps the characters (the PDF copies
// them out), adj the moves that put each glyph where the shaper placed it,
// and w the shaped width. It reports whether p was shaped; text the
// shaper cannot set (no shaper, a glyph the font lacks) is recorded to be
// refused.
func (e *engine) shapePiece(p *piece) bool { return e.shapePieceIn(p, "", "") }

// shapePieceIn is shapePiece for p between before and after, the text of
// the pieces of its word around it, which a right-to-left word's letters
// join across.
func (e *engine) shapePieceIn(p *piece, before, after string) bool {
	if p.orig != "" || p.mark != nil || p.pic != nil {
		return false
	}
	if p.level&1 == 1 {
		return e.shapeRTLPiece(p, before, after)
	}
	if !mayShape(p.text) {
		return false
	}
	need := false
	for _, r := range p.text {
		if shapes(r) {
			need = true
			break
		}
	}
	if !need {
		return false
	}
	var gs []fonts.ShapedGlyph
	if sh, ok := e.m.(Shaper); ok {
		gs = sh.Shape(p.st.face, p.text, p.st.lang)
	}
	for _, g := range gs {
		if !e.m.HasGlyph(p.st.face, g.Rune) {
			gs = nil
			break
		}
	}
	if len(gs) == 0 {
		e.refuseShaping(p.text)
		return false
	}
	e.setShaped(p, gs, false)
	return true
}

// RTLShaper is implemented by Metrics that shape right-to-left text
// (*fonts.Set): a word of Hebrew, Arabic, Syriac, Thaana, N'Ko or another
// script shapedRTL names is set as the glyphs it returns, in the order they
// are seen. With Metrics that do not, Hebrew and Thaana are set as their
// characters and the joining scripts are refused.
type RTLShaper interface {
	// ShapeRTLIn shapes text, the letters of its word before and after
	// it (set apart: another style, another font) joining to it.
	ShapeRTLIn(f fonts.Face, before, text, after, lang string) []fonts.ShapedGlyph
}

// shapedRTL reports a character of a right-to-left script whose words are
// shaped whole: Arabic (its letters joined by the font's init, medi, fina
// and isol features, lam-alef by rlig, marks placed by mark and mkmk),
// Syriac, N'Ko, Adlam, Mandaic and Hanifi Rohingya, which join likewise,
// and Hebrew, Thaana, Samaritan and Mende Kikakui, which join nothing but
// whose points and vowel signs the font composes (ccmp) and places (mark,
// mkmk): Hebrew's niqqud and cantillation stack under and over a letter,
// and every Thaana consonant carries a fili.
func shapedRTL(r rune) bool {
	switch {
	case r < 0x591:
		return false
	case r <= 0x8FF:
		// Hebrew, Arabic and its supplements, Syriac, Thaana, N'Ko,
		// Samaritan, Mandaic
		return unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko, unicode.Samaritan, unicode.Mandaic)
	case r >= 0xFB1D && r <= 0xFB4F:
		return unicode.Is(unicode.Hebrew, r) // presentation forms
	case r >= 0xFB50 && r <= 0xFEFC:
		return unicode.Is(unicode.Arabic, r) // presentation forms
	case r >= 0x10D00 && r <= 0x10D3F:
		return unicode.Is(unicode.Hanifi_Rohingya, r)
	case r >= 0x10EC0 && r <= 0x10EFF:
		return unicode.Is(unicode.Arabic, r)
	case r >= 0x1E800 && r <= 0x1E95F:
		return unicode.In(r, unicode.Mende_Kikakui, unicode.Adlam)
	}
	return false
}

// joinedRTL reports a letter of a right-to-left script whose letters
// join (shapedRTL's but Hebrew's and Thaana's): set unshaped it would
// print wrongly.
func joinedRTL(r rune) bool {
	return shapedRTL(r) && !setRTLScript(r)
}

// rtlShaping reports whether the metrics shape right-to-left text.
func (e *engine) rtlShaping() bool {
	_, ok := e.m.(RTLShaper)
	return ok
}

// shapeRTLPiece sets the right-to-left piece p, between the text before
// and after it in its word, when it holds a script
// shapedRTL names, as the glyphs the shaper gives its text: joined
// letters (lam-alef as the font's ligature, Syriac's Alaph in the final
// form its letter before asks for), marks on their letters, from the
// left as they are seen.
func (e *engine) shapeRTLPiece(p *piece, before, after string) bool {
	if !strings.ContainsFunc(p.text, shapedRTL) {
		return false
	}
	var gs []fonts.ShapedGlyph
	if sh, ok := e.m.(RTLShaper); ok {
		gs = sh.ShapeRTLIn(p.st.face, before, p.text, after, p.st.lang)
	}
	for _, g := range gs {
		if !e.m.HasGlyph(p.st.face, g.Rune) {
			gs = nil
			break
		}
	}
	if len(gs) == 0 {
		// without a shaper, checkScripts refused the text; without a
		// font that has its letters, the glyphs are reported missing
		return false
	}
	e.setShaped(p, gs, false)
	return true
}

// setShaped sets p as the shaped glyphs gs of its text. keepFirst keeps
// the glyph drawn first in its place, for the first part of a word cut
// for hyphenation: a reader measures the word from its first glyph.
func (e *engine) setShaped(p *piece, gs []fonts.ShapedGlyph, keepFirst bool) {
	// Each glyph's place, in ems from the piece's start. The glyph that
	// reaches furthest right is drawn last (the order glyphs are drawn in
	// does not show): a reader of the PDF measures the word by where its
	// last glyph ends, and a vowel sign drawn back over its letter would
	// leave what it takes for a space after the word.
	type placed struct {
		r            rune
		x, right, dy float64
	}
	ps := make([]placed, len(gs))
	pen, last := 0.0, 0
	rtl := p.level&1 == 1
	first, left, right := -1, 0.0, 0.0 // right to left: the spacing glyphs at the ends
	for i, g := range gs {
		x := pen + g.XOffset
		ps[i] = placed{g.Rune, x, x + e.adv(p.st.face, g.Rune), g.YOffset}
		if rtl {
			// A mark of a right-to-left word (a Hebrew accent
			// overhanging its letter, a Thaana vowel sign) is not
			// where the word starts or ends for a reader: measured from
			// a mark, the word would run into the space beside it or
			// leave one inside it. Its ends are its letters'.
			if g.Advance > 0 && (first < 0 || x < left-1e-9) {
				first, left = i, x
			}
			if g.Advance > 0 && ps[i].right >= right-1e-9 {
				last, right = i, ps[i].right
			}
		} else if ps[i].right >= ps[last].right-1e-9 {
			last = i
		}
		pen += g.Advance
	}
	if rtl && first > 0 {
		// drawn first, where a reader takes the word to start
		start := ps[first]
		ps = append(append([]placed{start}, ps[:first]...), ps[first+1:]...)
		if last < first {
			last++
		}
	}
	if last != len(ps)-1 && !(keepFirst && last == 0) {
		end := ps[last]
		ps = append(append(ps[:last:last], ps[last+1:]...), end)
	}
	var b strings.Builder
	var adj []Kern
	var raised []Mark
	size := p.st.size
	drawn := 0.0 // where the PDF puts the next glyph
	for _, g := range ps {
		if d := g.x - drawn; d > 1e-6 || d < -1e-6 {
			adj = append(adj, Kern{At: b.Len(), Dx: d * size})
		}
		at := b.Len()
		b.WriteRune(g.r)
		drawn = g.right
		if p.level&1 == 1 && (g.dy > 1e-6 || g.dy < -1e-6) {
			// a Syriac vowel point or N'Ko tone mark the font's mark
			// attachment raises or lowers onto its letter: drawn as its
			// outline there (Mark), its glyph hidden where it stands
			raised = append(raised, Mark{At: at, End: b.Len(), Glyph: uint16(g.r - fonts.GlyphRune(0)), Dy: g.dy * size})
		}
	}
	p.raised = raised
	if d := pen - drawn; d > 1e-6 || d < -1e-6 {
		adj = append(adj, Kern{At: b.Len(), Dx: d * size})
	}
	p.orig, p.text, p.adj, p.w = p.text, b.String(), adj, pen*size
}

// wordContext is the text of the pieces of a word before and after its
// piece i that a right-to-left piece's letters join across: up to a mark
// (a note marker) or a picture, which part letters as a space does.
func wordContext(pieces []piece, i int) (before, after string) {
	text := func(p *piece) string {
		if p.orig != "" {
			return p.orig
		}
		return p.text
	}
	for k := i - 1; k >= 0 && pieces[k].mark == nil && pieces[k].pic == nil; k-- {
		before = text(&pieces[k]) + before
	}
	for k := i + 1; k < len(pieces) && pieces[k].mark == nil && pieces[k].pic == nil; k++ {
		after += text(&pieces[k])
	}
	return before, after
}

// mayShape is a cheap first test: the shaped scripts are encoded from
// U+0900 on (lead byte 0xE0 or more).
func mayShape(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xE0 {
			return true
		}
	}
	return false
}

// refuseShaping records text of a shaped script that could not be shaped.
func (e *engine) refuseShaping(text string) {
	for _, r := range text {
		if needsShaping(r) {
			u := e.shaped.add(scriptName(r), r, e.pos)
			if u.text == "" {
				u.text = strings.TrimFunc(text, func(r rune) bool { return !unicode.In(r, unicode.L, unicode.M) })
			}
			return
		}
	}
}

// shapedKerns appends the moves of shaped piece p, whose glyphs start at
// byte at of the run, and returns how far to move the run when p starts
// it: a move before a run's first glyph is its place.
func shapedKerns(out []Kern, p *piece, at int) ([]Kern, float64) {
	adj, dx := p.adj, 0.0
	if at == 0 && len(adj) > 0 && adj[0].At == 0 {
		adj, dx = adj[1:], adj[0].Dx
	}
	for _, k := range adj {
		out = append(out, Kern{At: at + k.At, Dx: k.Dx})
	}
	return out, dx
}

// shaping reports whether the metrics shape text.
func (e *engine) shaping() bool {
	_, ok := e.m.(Shaper)
	return ok
}

// sharedMark reports a character of the Indic blocks and those after them
// that several scripts share (the danda, Vedic signs): set in the font of
// the letters before it, not in the first font that has it.
func sharedMark(r rune) bool {
	return r >= 0x900 && r < 0x1D00 && unicode.In(r, unicode.Common, unicode.Inherited)
}

// hyphenateShaped cuts each piece of a shaped script (Devanagari, Tamil,
// Bengali…) at the hyphenation points of its language, so that a line may
// end inside such a word, with a hyphen, as inside a Latin one. The word
// is shaped whole and its glyphs dealt out to the parts, each marked
// hyphenBefore after a cut, so a word left unbroken is drawn as it was.
// The patterns break only between grapheme clusters (hyphen.Patterns),
// never between a letter and its vowel sign or virama; a cut is kept only
// where the two sides shaped apart have the glyphs the word has there (a
// ligature or a conjunct across the cut, Tamil's க்ஷ, keeps the word
// whole). Only the kerning across a cut, which the part before a break
// keeps, is not redone: a few hundredths of an em before the hyphen.
func (e *engine) hyphenateShaped(pieces []piece) []piece {
	if !e.o.Hyphenate || !e.shaping() {
		return pieces
	}
	var out []piece
	for i, p := range pieces {
		gs, cuts := e.shapedCuts(p)
		if cuts == nil {
			if out != nil {
				out = append(out, p)
			}
			continue
		}
		if out == nil {
			out = append(make([]piece, 0, len(pieces)+len(cuts)), pieces[:i]...)
		}
		from, g := 0, 0
		cut := pieceCutter{p: p}
		for k := 0; k <= len(cuts); k++ {
			to := len(p.text)
			if k < len(cuts) {
				to = cuts[k]
			}
			sub := cut.sub(from, to)
			sub.hyphenBefore = from > 0
			h := g
			for h < len(gs) && gs[h].Cluster < to {
				h++
			}
			e.setShaped(&sub, gs[g:h], from == 0)
			out = append(out, sub)
			from, g = to, h
		}
	}
	if out == nil {
		return pieces
	}
	return out
}

// cutKey is a word of shaped text as hyphenateShaped meets it.
type cutKey struct {
	face       fonts.Face
	lang, text string
}

// shapedCut is a word shaped whole (its glyphs) and where it may be cut
// (byte offsets, increasing; none when it may not).
type shapedCut struct {
	glyphs []fonts.ShapedGlyph
	cuts   []int
}

// shapedCuts shapes p when it is a shaped word with hyphenation points
// where it may be cut, returning its glyphs and the cuts, or nil. A word
// is looked at once in a layout: its answer is kept.
func (e *engine) shapedCuts(p piece) ([]fonts.ShapedGlyph, []int) {
	if p.orig != "" || p.mark != nil || p.pic != nil || p.level&1 == 1 || !mayShape(p.text) ||
		!strings.ContainsFunc(p.text, shapes) || !e.m.HasGlyph(p.st.face, '-') {
		return nil, nil
	}
	hp := e.hyphens(p.st.lang)
	if hp == nil {
		return nil, nil
	}
	key := cutKey{p.st.face, p.st.lang, p.text}
	sc, ok := e.cuts[key]
	if !ok {
		sc = e.cutShaped(hp, key)
		e.cuts[key] = sc
	}
	return sc.glyphs, sc.cuts
}

// cutShaped finds where the word of key may be cut (see hyphenateShaped).
func (e *engine) cutShaped(hp *hyphen.Patterns, key cutKey) shapedCut {
	var cuts []int
	e.hyphenBreaks(hp, key.text, func(b brk) { cuts = append(cuts, b.idx) })
	if len(cuts) == 0 {
		return shapedCut{}
	}
	sh := e.m.(Shaper)
	whole := sh.Shape(key.face, key.text, key.lang)
	for _, g := range whole {
		if !e.m.HasGlyph(key.face, g.Rune) {
			return shapedCut{} // refused, as the word shaped whole will be
		}
	}
	keep := cuts[:0]
	for _, c := range cuts {
		if dealt(whole, c) && sameGlyphs(whole, sh.Shape(key.face, key.text[:c], key.lang), 0, c) &&
			sameGlyphs(whole, sh.Shape(key.face, key.text[c:], key.lang), c, len(key.text)) {
			keep = append(keep, c)
		}
	}
	if len(keep) == 0 {
		return shapedCut{}
	}
	return shapedCut{whole, keep}
}

// dealt reports whether the glyphs of gs drawn for the text before byte c
// all come before those drawn for the text after it.
func dealt(gs []fonts.ShapedGlyph, c int) bool {
	after := false
	for _, g := range gs {
		if g.Cluster >= c {
			after = true
		} else if after {
			return false
		}
	}
	return true
}

// sameGlyphs reports whether part, the text from byte from to byte to
// shaped alone, is the glyphs of whole drawn for that text, placed alike:
// the same glyphs in the same order, each drawn at the same place from
// the part's start. The pen after the part may differ by the kerning
// across the cut, which moves a mark on the last letter with it (its
// offset is from the pen), but not where the mark is drawn.
func sameGlyphs(whole, part []fonts.ShapedGlyph, from, to int) bool {
	k := 0
	var wpen, ppen float64 // the pens from the part's first glyph
	for _, g := range whole {
		if g.Cluster < from || g.Cluster >= to {
			continue
		}
		if k >= len(part) {
			return false
		}
		q := part[k]
		if q.Rune != g.Rune || q.Cluster+from != g.Cluster || !sameEm(ppen+q.XOffset, wpen+g.XOffset) || !sameEm(q.YOffset, g.YOffset) {
			return false
		}
		wpen += g.Advance
		ppen += q.Advance
		k++
	}
	return k == len(part)
}

func sameEm(a, b float64) bool { return a-b < 1e-6 && b-a < 1e-6 }
