package fonts

import (
	"errors"
	"fmt"
	"sort"
	"sync"

	"golang.org/x/image/font/sfnt"
)

// Embedding is a face made ready for a PDF's Unicode font: a TrueType
// program reached through a BMP cmap, each character drawn by a two-byte
// code, its code point where it can be.
type Embedding struct {
	// Data is the TrueType program: the face's own file when the library
	// can take it as it is, else a font of just the glyphs drawn.
	Data []byte
	// Codes maps the runes that are not drawn by their own code point to
	// the code that draws them (characters beyond U+FFFF get codes of the
	// Private Use Area).
	Codes map[rune]uint16
	// Subset is set when Data is a font written for the runes asked for:
	// it holds no other glyph.
	Subset bool

	derivedOnce sync.Once
	derived     any
}

// Derived returns what derive makes of the embedding, calling derive only
// the first time, however many documents embed it at once: the editions
// built together share their embeddings, and what a writer makes of the
// program alone (its compressed bytes, its metrics) is the same for all.
// One writer derives from embeddings; its result is only read.
func (e *Embedding) Derived(derive func() any) any {
	e.derivedOnce.Do(func() { e.derived = derive() })
	return e.derived
}

// Code is the character code that draws r.
func (e *Embedding) Code(r rune) uint16 {
	if c, ok := e.Codes[r]; ok {
		return c
	}
	if !bmpCode(r) {
		return 0xFFFD // not asked for when the embedding was made
	}
	return uint16(r)
}

// Embedding prepares face f for drawing runes (each rune once, any order):
// the glyphs are written into a new TrueType font holding just them, which
// the PDF embeds as it is: a face's whole file is hundreds of kilobytes,
// tens of megabytes for a CJK collection, and may hold outlines a PDF's
// TrueType font cannot. The face's own file is given, and embedded whole,
// only when it cannot be written anew but is a TrueType font whose cmap
// reaches every glyph drawn by its code point.
//
// Sets copied from one (the editions built together) share the subsets
// written: asked again for the same runes, a face gives the same
// Embedding, which its callers only read.
func (s *Set) Embedding(f Face, runes []rune) (*Embedding, error) {
	l, tabs, rs, err := s.embeddable(f, runes)
	if err != nil {
		return nil, err
	}
	key := runesKey(rs)
	l.mu.Lock()
	e, ok := l.subsets[key]
	l.mu.Unlock()
	if ok {
		return e, nil
	}
	e, err = l.subsetEmbedding(rs)
	if err == nil {
		l.mu.Lock()
		if l.subsets == nil {
			l.subsets = map[string]*Embedding{}
		}
		l.subsets[key] = e
		l.mu.Unlock()
		return e, nil
	}
	if l.direct(tabs, rs) {
		e := &Embedding{Data: l.data}
		for _, r := range rs {
			if !bmpCode(r) {
				if e.Codes == nil {
					e.Codes = map[rune]uint16{}
				}
				e.Codes[r] = 0xFFFD // a character the face lacks
			}
		}
		return e, nil
	}
	return nil, err
}

// runesKey names a sorted set of runes, each by its four bytes (a string
// of them would make every invalid rune U+FFFD).
func runesKey(rs []rune) string {
	b := make([]byte, 0, 4*len(rs))
	for _, r := range rs {
		b = append(b, byte(r>>24), byte(r>>16), byte(r>>8), byte(r))
	}
	return string(b)
}

// subsetEmbedding writes the glyphs that draw the sorted runes rs into a
// new TrueType font.
func (l *loaded) subsetEmbedding(rs []rune) (*Embedding, error) {
	// Codes: a rune of the BMP is its own code; others take free codes
	// of the Private Use Area.
	used := map[uint16]bool{}
	for _, r := range rs {
		if bmpCode(r) {
			used[uint16(r)] = true
		}
	}
	next := uint16(0xE000)
	e := &Embedding{Codes: map[rune]uint16{}, Subset: true}
	var glyphs []sfnt.GlyphIndex
	index := map[uint16]int{} // source glyph -> position in glyphs
	codes := map[uint16]int{}
	for _, r := range rs {
		g := l.glyph(r)
		code := uint16(r)
		if !bmpCode(r) {
			for used[next] && next < 0xF8FF {
				next++
			}
			if used[next] {
				return nil, errors.New("more characters beyond U+FFFF than the Private Use Area has codes")
			}
			code = next
			used[code] = true
			e.Codes[r] = code
		}
		if g.id == 0 {
			// The layout reported it; it is drawn as the font's
			// .notdef, by its own code or, beyond the BMP, one of the
			// Private Use Area that the cmap leaves out: the PDF's
			// Unicode map still gives the character back when the
			// text is copied (an emoji no font has), where U+FFFD
			// would give the replacement character.
			continue
		}
		i, ok := index[g.id]
		if !ok {
			i = len(glyphs)
			index[g.id] = i
			glyphs = append(glyphs, sfnt.GlyphIndex(g.id))
		}
		codes[code] = i
	}
	data, err := l.writeTrueType(glyphs, codes)
	if err != nil {
		return nil, err
	}
	e.Data = data
	if len(e.Codes) == 0 {
		e.Codes = nil // every rune is its own code: the painter's fast path
	}
	return e, nil
}

// embeddable finds face f's font and its tables, refusing a font whose
// licence forbids embedding, and gives runes sorted.
func (s *Set) embeddable(f Face, runes []rune) (*loaded, map[string][]byte, []rune, error) {
	l := s.font(f)
	if l == nil {
		return nil, nil, nil, fmt.Errorf("no font for %s", f)
	}
	tabs, err := tables(l.data, l.index)
	if err != nil {
		return nil, nil, nil, err
	}
	if os2 := tabs["OS/2"]; len(os2) >= 10 && (int(os2[8])<<8|int(os2[9]))&0xF == 0x2 {
		return nil, nil, nil, errors.New("its licence does not allow embedding (OS/2 fsType: restricted)")
	}
	rs := append([]rune(nil), runes...)
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	return l, tabs, rs, nil
}

// bmpCode reports whether r can be its own two-byte code.
func bmpCode(r rune) bool { return r >= 0 && r < 0xFFFF && (r < 0xD800 || r > 0xDFFF) }

// direct reports whether the font file can be embedded as it is: a single
// TrueType font with a Windows BMP cmap of format 4 that maps each rune to
// the glyph the typesetter measured.
func (l *loaded) direct(tabs map[string][]byte, runes []rune) bool {
	d := newBin(l.data)
	if v := d.u32(0); (v != 0x00010000 && v != 0x74727565) || len(tabs["glyf"]) == 0 || len(tabs["loca"]) == 0 {
		return false
	}
	cm := format4(tabs["cmap"])
	if cm == nil {
		return false
	}
	for _, r := range runes {
		g := l.glyph(r)
		if g.id == 0 {
			continue
		}
		if !bmpCode(r) || cm.lookup(r) != int(g.id) {
			return false
		}
	}
	return true
}

// cmap4 is a format 4 cmap subtable.
type cmap4 struct {
	d   *bin
	off int
}

// format4 finds the (3, 1) or Unicode-platform format 4 subtable the PDF
// library reads.
func format4(cmap []byte) *cmap4 {
	d := newBin(cmap)
	n := d.u16(2)
	for i := 0; i < n && d.ok(); i++ {
		rec := 4 + 8*i
		platform, encoding, off := d.u16(rec), d.u16(rec+2), d.u32(rec+4)
		if ((platform == 3 && encoding == 1) || platform == 0) && d.u16(off) == 4 {
			return &cmap4{d, off}
		}
	}
	return nil
}

func (c *cmap4) lookup(r rune) int {
	d, off := c.d, c.off
	segX2 := d.u16(off + 6)
	ends := off + 14
	starts := ends + segX2 + 2
	deltas := starts + segX2
	ranges := deltas + segX2
	for i := 0; i < segX2/2 && d.ok(); i++ {
		if int(r) > d.u16(ends+2*i) {
			continue
		}
		start := d.u16(starts + 2*i)
		if int(r) < start {
			return 0
		}
		delta, ro := d.u16(deltas+2*i), d.u16(ranges+2*i)
		if ro == 0 {
			return (int(r) + delta) & 0xFFFF
		}
		g := d.u16(ranges + 2*i + ro + 2*(int(r)-start))
		if g == 0 {
			return 0
		}
		return (g + delta) & 0xFFFF
	}
	return 0
}

// Same reports whether faces a and b draw with the same font, so a PDF
// embeds it once for both.
func (s *Set) Same(a, b Face) bool {
	la, lb := s.font(a), s.font(b)
	return la != nil && la == lb
}

// Subset writes a TrueType font of face f holding only the glyphs that
// draw runes, each reached through the font's cmap by its own code point:
// for formats that take a font file whole and look characters up in it
// (an EPUB's @font-face), where the face's full file would carry every
// glyph the text never uses. Runes beyond U+FFFF and runes the face lacks
// are left for the reading system's own fonts. Hinting, kerning and
// substitutions are not carried over.
func (s *Set) Subset(f Face, runes []rune) ([]byte, error) {
	l, _, rs, err := s.embeddable(f, runes)
	if err != nil {
		return nil, err
	}
	var glyphs []sfnt.GlyphIndex
	index := map[uint16]int{} // source glyph -> position in glyphs
	codes := map[uint16]int{}
	for i, r := range rs {
		if !bmpCode(r) || (i > 0 && rs[i-1] == r) {
			continue
		}
		g := l.glyph(r)
		if g.id == 0 {
			continue
		}
		at, ok := index[g.id]
		if !ok {
			at = len(glyphs)
			index[g.id] = at
			glyphs = append(glyphs, sfnt.GlyphIndex(g.id))
		}
		codes[uint16(r)] = at
	}
	return l.writeTrueType(glyphs, codes)
}
