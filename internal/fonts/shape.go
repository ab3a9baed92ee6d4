package fonts

import (
	"bytes"
	"math"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/di"
	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Scripts whose letters are reordered and joined (Devanagari, Bengali and
// the other Indic scripts, Thai, Khmer, Myanmar…) are shaped by
// github.com/go-text/typesetting's port of HarfBuzz. A shaped glyph has no
// code point of its own, so it travels through the layout and into the
// PDF as a glyph rune: U+F0000 plus its glyph ID, in the Supplementary
// Private Use Area-A, which holds exactly as many codes as a font can
// have glyphs. A face that gave a glyph rune from Shape measures and draws
// it as that glyph, and the PDF embedding gives it a code as it does any
// character beyond the BMP.

const glyphRuneBase = 0xF0000

// GlyphRune is the rune that stands for glyph id of a face.
func GlyphRune(id uint16) rune { return glyphRuneBase + rune(id) }

// IsGlyphRune reports whether r stands for a glyph.
func IsGlyphRune(r rune) bool { return r >= glyphRuneBase && r <= glyphRuneBase+0xFFFD }

// ShapedGlyph is one glyph of shaped text, its measures in ems.
type ShapedGlyph struct {
	Rune rune // the glyph rune
	// Advance is how far the glyph moves the pen; XOffset and YOffset
	// move the glyph from the pen (YOffset upwards).
	Advance, XOffset, YOffset float64
	// Cluster is the byte offset in the text of the first character the
	// glyph is drawn for; glyphs of one cluster share it.
	Cluster int
}

// Shape shapes text, of one script written left to right, in face f for
// language lang (a BCP 47 tag, "" for none), as HarfBuzz would. It
// returns nil when the face has no font or the font cannot be read by the
// shaper.
func (s *Set) Shape(f Face, text, lang string) []ShapedGlyph {
	l := s.font(f)
	if l == nil {
		return nil
	}
	return l.shape(text, lang, di.DirectionLTR)
}

// ShapeRTL shapes text written right to left (a word of Arabic, Syriac,
// N'Ko, Adlam…, whose letters join by the font's init, medi, fina and
// isol features, lam-alef by rlig, Syriac's Alaph by fin2, fin3 and med2)
// in face f: the glyphs come in the order they are seen, from the left,
// each mark placed on its letter by the font's mark attachment (mark,
// mkmk). A font with no GSUB for Arabic joins by the presentation forms
// its cmap has, as HarfBuzz's fallback does.
func (s *Set) ShapeRTL(f Face, text, lang string) []ShapedGlyph {
	return s.ShapeRTLIn(f, "", text, "", lang)
}

// ShapeRTLIn is ShapeRTL for text between before and after, the letters
// of the same word set apart from it (in another style, another font):
// its first and last letters join to them as the font joins letters.
func (s *Set) ShapeRTLIn(f Face, before, text, after, lang string) []ShapedGlyph {
	l := s.font(f)
	if l == nil {
		return nil
	}
	return l.shapeIn(before, text, after, lang, di.DirectionRTL)
}

func (l *loaded) shape(text, lang string, dir di.Direction) []ShapedGlyph {
	return l.shapeIn("", text, "", lang, dir)
}

func (l *loaded) shapeIn(before, text, after, lang string, dir di.Direction) []ShapedGlyph {
	if text == "" {
		return nil
	}
	face := l.shapingFace()
	if face == nil {
		return nil
	}
	pre := []rune(before)
	runes := append(append(pre, []rune(text)...), []rune(after)...)
	start, end := len(pre), len(runes)-utf8.RuneCountInString(after)
	byteAt := make([]int, end-start+1)
	i := 0
	for b := range text {
		byteAt[i] = b
		i++
	}
	byteAt[end-start] = len(text)
	out, em := l.runIn(face, runes, start, end, dir, lang)
	gs := make([]ShapedGlyph, 0, len(out.Glyphs))
	// The face learns the glyph runes it is given here, and only these: a
	// character of the Private Use Area written in the text is looked up
	// in the font's cmap as any other.
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, g := range out.Glyphs {
		if gr := GlyphRune(uint16(g.GlyphID)); l.other[gr].id != uint16(g.GlyphID) {
			l.other[gr] = l.glyphOfRune(gr)
		}
		c := g.ClusterIndex - start
		if c < 0 || c > end-start {
			c = 0
		}
		gs = append(gs, ShapedGlyph{
			Rune: GlyphRune(uint16(g.GlyphID)), Advance: em(g.XAdvance),
			XOffset: em(g.XOffset), YOffset: em(g.YOffset), Cluster: byteAt[c],
		})
	}
	return gs
}

// The Syriac abbreviation mark (U+070F) draws a bar over the letters after
// it, from pieces the font's stch feature repeats to their width. The
// shaper's stretch takes the letters' advances away (they are drawn over
// the words after them), so the feature is turned off: the font's own
// pieces, unrepeated, span two letters, as HarfBuzz draws them with -stch.
const syriacAbbreviation = '\u070F'

var noStretch = []shaping.FontFeature{{Tag: ot.MustNewTag("stch"), Value: 0}}

// run shapes runes in face, at one unit an em unit, in the script of its
// first letter that has one; em turns the shaper's units into ems.
func (l *loaded) run(face *gofont.Face, runes []rune, dir di.Direction, lang string) (out shaping.Output, em func(fixed.Int26_6) float64) {
	return l.runIn(face, runes, 0, len(runes), dir, lang)
}

// runIn shapes runes[start:end], the runes around it its context.
func (l *loaded) runIn(face *gofont.Face, runes []rune, start, end int, dir di.Direction, lang string) (out shaping.Output, em func(fixed.Int26_6) float64) {
	script := language.Script(0)
	for _, r := range runes[start:end] {
		if sc := language.LookupScript(r); sc != language.Common && sc != language.Inherited {
			script = sc
			break
		}
	}
	upem := int(face.Upem())
	var features []shaping.FontFeature
	if slices.Contains(runes, syriacAbbreviation) {
		features = noStretch
	}
	l.shapeMu.Lock()
	out = l.shaper.Shape(shaping.Input{
		Text: runes, RunStart: start, RunEnd: end, Direction: dir, Face: face,
		Size: fixed.I(upem), Script: script, Language: language.NewLanguage(lang),
		FontFeatures: features,
	})
	l.shapeMu.Unlock()
	return out, func(v fixed.Int26_6) float64 { return float64(v) / 64 / float64(upem) }
}

// shapingFace is the font as the shaper reads it, parsed on first use;
// nil when it cannot be.
func (l *loaded) shapingFace() *gofont.Face {
	l.shapeOnce.Do(func() {
		var face *gofont.Face
		if len(l.data) >= 4 && string(l.data[:4]) == "ttcf" {
			faces, err := gofont.ParseTTC(bytes.NewReader(l.data))
			if err != nil || l.index >= len(faces) {
				return
			}
			face = faces[l.index]
		} else {
			var err error
			if face, err = gofont.ParseTTF(bytes.NewReader(l.data)); err != nil {
				return
			}
		}
		l.shaping = face
		l.shaper = &shaping.HarfbuzzShaper{}
	})
	return l.shaping
}

// glyphOfRune is the glyph a glyph rune stands for; callers hold mu.
func (l *loaded) glyphOfRune(r rune) glyph {
	id := int(r - glyphRuneBase)
	if id <= 0 || id >= l.font.NumGlyphs() {
		return glyph{}
	}
	return glyph{id: uint16(id), adv: l.advanceOf(sfnt.GlyphIndex(id))}
}

// MarkPlacement is where the shaper puts a combining mark of right-to-left
// text (a Hebrew point, an Arabic vowel sign) that is drawn as the
// character it is: the mark at byte At of the text, drawn with no advance
// just before its letter in the order the text is seen, moves Dx to the
// right and Dy up from there, in ems, onto its letter's anchor, drawn as
// Glyph; Glyph 0 says the glyph of a mark before it in its cluster draws
// it too.
type MarkPlacement struct {
	At int
	// Glyph is the glyph the shaper draws the mark as.
	Glyph  uint16
	Dx, Dy float64
}

// PlaceMarksRTL places the combining marks of text, written right to left
// in face f, as HarfBuzz positions them from the font's mark attachment
// (GPOS). A mark the shaper draws otherwise (joined into a glyph with its
// letter, or with an advance) is left out: it stays where the font draws
// it by default, as the glyph of its character.
func (s *Set) PlaceMarksRTL(f Face, text, lang string) []MarkPlacement {
	l := s.font(f)
	if l == nil {
		return nil
	}
	return l.placeMarksRTL(text, lang)
}

func (l *loaded) placeMarksRTL(text, lang string) []MarkPlacement {
	if text == "" {
		return nil
	}
	face := l.shapingFace()
	if face == nil {
		return nil
	}
	runes := []rune(text)
	out, em := l.run(face, runes, di.DirectionRTL, lang)
	// each mark's glyph among those of its cluster (the last that starts
	// at or before it) that take no advance: the glyph of its cmap, or,
	// when the shaper drew it as another (a shadda over a fatha), the one
	// such glyph of the cluster left over
	used := make([]bool, len(out.Glyphs))
	type mark struct {
		at, cluster int
		glyph       int // index in out.Glyphs, -1 for none yet
	}
	var marks []mark
	at := 0
	for i, r := range runes {
		if unicode.Is(unicode.Mn, r) {
			m := mark{at: at, cluster: -1, glyph: -1}
			for _, g := range out.Glyphs {
				if g.ClusterIndex <= i && g.ClusterIndex > m.cluster {
					m.cluster = g.ClusterIndex
				}
			}
			id := l.glyph(r).id
			for k, g := range out.Glyphs {
				if !used[k] && id != 0 && g.ClusterIndex == m.cluster && uint16(g.GlyphID) == id && g.XAdvance == 0 {
					used[k], m.glyph = true, k
					break
				}
			}
			marks = append(marks, m)
		}
		at += utf8.RuneLen(r)
	}
	// the marks of a cluster left without a glyph of their own take the
	// cluster's glyphs left over, in order; when the shaper drew several
	// as one (a shadda over a fatha), the first takes it and the others
	// are drawn by it
	const absorbed = -2
	for j := range marks {
		m := &marks[j]
		if m.glyph != -1 {
			continue
		}
		for k, g := range out.Glyphs {
			if !used[k] && g.ClusterIndex == m.cluster && g.XAdvance == 0 {
				used[k], m.glyph = true, k
				break
			}
		}
		if m.glyph >= 0 {
			continue
		}
		for _, o := range marks[:j] {
			if o.cluster == m.cluster && o.glyph >= 0 && uint16(out.Glyphs[o.glyph].GlyphID) != l.glyph([]rune(text[o.at:])[0]).id {
				m.glyph = absorbed
			}
		}
	}
	var placed []MarkPlacement
	for _, m := range marks {
		if m.glyph == absorbed {
			placed = append(placed, MarkPlacement{At: m.at})
		}
		if m.glyph < 0 {
			continue
		}
		g := out.Glyphs[m.glyph]
		if g.XOffset != 0 || g.YOffset != 0 || uint16(g.GlyphID) != l.glyph([]rune(text[m.at:])[0]).id {
			placed = append(placed, MarkPlacement{At: m.at, Glyph: uint16(g.GlyphID), Dx: em(g.XOffset), Dy: em(g.YOffset)})
		}
	}
	return placed
}

// Segment is a piece of a glyph's outline, in ems from the glyph's origin,
// y upwards: Op 'M' moves to P[0], 'L' draws a line to P[0], 'Q' a
// quadratic curve through P[0] to P[1], 'C' a cubic one through P[0] and
// P[1] to P[2].
type Segment struct {
	Op byte
	P  [3][2]float64
}

// Outline is the outline of glyph id of face f, nil when it has none: a
// mark the shaper moves is drawn as a shape, so that text extraction sees
// the character where it stands and not twice.
func (s *Set) Outline(f Face, id uint16) []Segment {
	l := s.font(f)
	if l == nil || id == 0 || int(id) >= l.font.NumGlyphs() {
		return nil
	}
	// the segments LoadGlyph returns live in l.buf, which the next caller
	// reuses: they are read while the lock is held
	l.mu.Lock()
	defer l.mu.Unlock()
	segs, err := l.font.LoadGlyph(&l.buf, sfnt.GlyphIndex(id), fixed.I(int(l.unitsPerEm)), nil)
	if err != nil {
		return nil
	}
	em := func(p fixed.Point26_6) [2]float64 {
		return [2]float64{float64(p.X) / 64 / l.unitsPerEm, -float64(p.Y) / 64 / l.unitsPerEm}
	}
	out := make([]Segment, 0, len(segs))
	for _, sg := range segs {
		var o Segment
		switch sg.Op {
		case sfnt.SegmentOpMoveTo:
			o.Op = 'M'
			o.P[0] = em(sg.Args[0])
		case sfnt.SegmentOpLineTo:
			o.Op = 'L'
			o.P[0] = em(sg.Args[0])
		case sfnt.SegmentOpQuadTo:
			o.Op = 'Q'
			o.P[0], o.P[1] = em(sg.Args[0]), em(sg.Args[1])
		case sfnt.SegmentOpCubeTo:
			o.Op = 'C'
			o.P[0], o.P[1], o.P[2] = em(sg.Args[0]), em(sg.Args[1]), em(sg.Args[2])
		default:
			continue
		}
		out = append(out, o)
	}
	return out
}

// Bounds is how far the glyph face f draws r with reaches above the
// baseline (top) and below it (bottom, positive downwards), in ems; ok
// is false when f has no such glyph. Formulas are set by these.
func (s *Set) Bounds(f Face, r rune) (top, bottom float64, ok bool) {
	id := s.GlyphID(f, r)
	if id == 0 {
		return 0, 0, false
	}
	segs := s.Outline(f, id)
	if len(segs) == 0 {
		return 0, 0, true // a space
	}
	minY, maxY := math.Inf(1), math.Inf(-1)
	for _, sg := range segs {
		n := 1
		switch sg.Op {
		case 'Q':
			n = 2
		case 'C':
			n = 3
		}
		for i := 0; i < n; i++ {
			// control points bound the curve: near enough
			y := sg.P[i][1]
			minY, maxY = math.Min(minY, y), math.Max(maxY, y)
		}
	}
	// the outline's y runs up
	return maxY, -minY, true
}
