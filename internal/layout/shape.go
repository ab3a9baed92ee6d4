package layout

import (
	"strings"
	"unicode"

	"github.com/samizdat-press/samizdat/internal/fonts"
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
func (e *engine) shapePiece(p *piece) bool {
	if p.orig != "" || p.mark != nil || p.pic != nil || p.level&1 == 1 || !mayShape(p.text) {
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
	// Each glyph's place, in ems from the piece's start. The glyph that
	// reaches furthest right is drawn last (the order glyphs are drawn in
	// does not show): a reader of the PDF measures the word by where its
	// last glyph ends, and a vowel sign drawn back over its letter would
	// leave what it takes for a space after the word.
	type placed struct {
		r        rune
		x, right float64
	}
	ps := make([]placed, len(gs))
	pen, last := 0.0, 0
	for i, g := range gs {
		x := pen + g.XOffset
		ps[i] = placed{g.Rune, x, x + e.adv(p.st.face, g.Rune)}
		if ps[i].right >= ps[last].right-1e-9 {
			last = i
		}
		pen += g.Advance
	}
	if last != len(ps)-1 {
		end := ps[last]
		ps = append(append(ps[:last:last], ps[last+1:]...), end)
	}
	var b strings.Builder
	var adj []Kern
	size := p.st.size
	drawn := 0.0 // where the PDF puts the next glyph
	for _, g := range ps {
		if d := g.x - drawn; d > 1e-6 || d < -1e-6 {
			adj = append(adj, Kern{At: b.Len(), Dx: d * size})
		}
		b.WriteRune(g.r)
		drawn = g.right
	}
	if d := pen - drawn; d > 1e-6 || d < -1e-6 {
		adj = append(adj, Kern{At: b.Len(), Dx: d * size})
	}
	p.orig, p.text, p.adj, p.w = p.text, b.String(), adj, pen*size
	return true
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
