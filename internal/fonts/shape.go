package fonts

import (
	"bytes"

	"github.com/go-text/typesetting/di"
	gofont "github.com/go-text/typesetting/font"
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
	return l.shape(text, lang)
}

func (l *loaded) shape(text, lang string) []ShapedGlyph {
	if text == "" {
		return nil
	}
	face := l.shapingFace()
	if face == nil {
		return nil
	}
	runes := []rune(text)
	byteAt := make([]int, len(runes)+1)
	i := 0
	for b := range text {
		byteAt[i] = b
		i++
	}
	byteAt[len(runes)] = len(text)
	script := language.Script(0)
	for _, r := range runes {
		if sc := language.LookupScript(r); sc != language.Common && sc != language.Inherited {
			script = sc
			break
		}
	}
	upem := int(face.Upem())
	l.shapeMu.Lock()
	out := l.shaper.Shape(shaping.Input{
		Text: runes, RunEnd: len(runes), Direction: di.DirectionLTR, Face: face,
		Size: fixed.I(upem), Script: script, Language: language.NewLanguage(lang),
	})
	l.shapeMu.Unlock()
	em := func(v fixed.Int26_6) float64 { return float64(v) / 64 / float64(upem) }
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
		c := g.ClusterIndex
		if c < 0 || c > len(runes) {
			c = 0
		}
		gs = append(gs, ShapedGlyph{
			Rune: GlyphRune(uint16(g.GlyphID)), Advance: em(g.XAdvance),
			XOffset: em(g.XOffset), YOffset: em(g.YOffset), Cluster: byteAt[c],
		})
	}
	return gs
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
