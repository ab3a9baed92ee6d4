// Package fonts knows the book's typefaces: it loads TrueType files (the
// embedded Noto faces by default), answers glyph-width, kerning and
// ligature questions for the layout engine, finds fallback fonts for the
// characters the book's faces lack, and prepares the fonts the PDF painter
// embeds.
package fonts

import (
	"errors"
	"fmt"
	"sync"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/samizdat-press/samizdat/assets"
)

// Family is a typeface family the book uses. Serif and Mono are the
// book's own; fallback fonts get families from FirstFallback on, numbered
// in the order the Set first needs them (so never store the numbers).
type Family int

const (
	Serif Family = iota // body text
	Mono                // code
	// FirstFallback is the family of the first fallback font.
	FirstFallback
)

// Style is a face within a family.
type Style int

const (
	Regular Style = iota
	Italic
	Bold
	BoldItalic
)

// Face names one face: family and style.
type Face struct {
	Family Family
	Style  Style
}

func (f Face) String() string {
	fam := fmt.Sprintf("fallback%d", f.Family-FirstFallback+1)
	if f.Family == Serif || f.Family == Mono {
		fam = [...]string{"serif", "mono"}[f.Family]
	}
	st := "style?"
	if f.Style >= Regular && f.Style <= BoldItalic {
		st = [...]string{"regular", "italic", "bold", "bolditalic"}[f.Style]
	}
	return fam + "-" + st
}

// Faces lists every face a Set holds, in a fixed order.
var Faces = []Face{
	{Serif, Regular}, {Serif, Italic}, {Serif, Bold}, {Serif, BoldItalic},
	{Mono, Regular}, {Mono, Italic}, {Mono, Bold}, {Mono, BoldItalic},
}

// Files names the TrueType file of each face. A face left empty falls back
// to the family's regular (bold italic to bold).
type Files map[Face][]byte

// EmbeddedFiles returns the fonts compiled into the binary: Noto Serif and
// Noto Sans Mono (which has no italic; its regular stands in).
func EmbeddedFiles() Files {
	return Files{
		{Serif, Regular}:    assets.MustRead(assets.SerifRegular),
		{Serif, Italic}:     assets.MustRead(assets.SerifItalic),
		{Serif, Bold}:       assets.MustRead(assets.SerifBold),
		{Serif, BoldItalic}: assets.MustRead(assets.SerifBoldItalic),
		{Mono, Regular}:     assets.MustRead(assets.MonoRegular),
		{Mono, Bold}:        assets.MustRead(assets.MonoBold),
	}
}

// Set is a loaded collection of faces. It is safe for concurrent use.
type Set struct {
	// faces is indexed by Face.index: the layout asks for widths millions
	// of times per book, so no map lookup on that path.
	faces [8]*loaded
	names [8]string // where each face's file came from
	fb    *fallbacks
}

func (f Face) index() int { return int(f.Family)*4 + int(f.Style) }

// font is the loaded font of face f, nil if the Set has none.
func (s *Set) font(f Face) *loaded {
	if f.Style < Regular || f.Style > BoldItalic {
		return nil
	}
	if f.Family == Serif || f.Family == Mono {
		return s.faces[f.index()]
	}
	if s.fb == nil {
		return nil
	}
	return s.fb.font(f.Family)
}

// Known reports whether the Set can draw with face f.
func (s *Set) Known(f Face) bool { return s.font(f) != nil }

type loaded struct {
	data       []byte
	index      int // of the font in a collection
	font       *sfnt.Font
	unitsPerEm float64
	ascent     float64 // em fractions
	descent    float64 // positive, em fractions
	// glyphs of common runes, precomputed so lookups take no lock; other
	// runes go through the mutex-guarded cache.
	common [commonRunes]glyph
	// ligs are the glyphs of the presentation forms U+FB00–FB04, from the
	// `liga` feature or else the cmap.
	ligs [len(StandardLigatures)]glyph
	kern *kerning
	rows *kernRows
	// gsub is the font's GSUB table, for the emoji sequences its ccmp
	// ligates.
	gsub []byte
	mu   sync.Mutex
	buf  sfnt.Buffer
	// other caches the glyphs of runes outside common.
	other map[rune]glyph
	// subsets are the embeddings written, by their sorted runes.
	subsets map[string]*Embedding
	// shaping is the font as the shaper reads it (shape.go), and the
	// shaper, which keeps buffers between calls.
	shapeOnce sync.Once
	shapeMu   sync.Mutex
	shaping   *gofont.Face
	shaper    *shaping.HarfbuzzShaper
	// misshaped is whether the shaper skips glyphs the font's lookups
	// cover (misshape.go), found once.
	misshapedOnce sync.Once
	misshaped     bool
}

// glyph is a glyph index and its advance in ems; index 0 (.notdef) means
// the face has no glyph for the rune.
type glyph struct {
	id  uint16
	adv float32
}

// commonRunes covers Latin, Greek, Cyrillic, general punctuation and the
// symbol blocks up to U+24FF: nearly every rune of a European book.
const commonRunes = 0x2500

// StandardLigatures are the ligatures the typesetter forms where a face has
// them, longest first, each with the presentation form that stands for it
// in set text (and maps back to its letters when the text is copied).
var StandardLigatures = [...]struct {
	Letters string
	Form    rune
}{
	{"ffi", '\uFB03'}, {"ffl", '\uFB04'}, {"ff", '\uFB00'}, {"fi", '\uFB01'}, {"fl", '\uFB02'},
}

// LigatureLetters returns the letters a standard ligature's presentation
// form stands for, or "" when r is none.
func LigatureLetters(r rune) string {
	for _, l := range StandardLigatures {
		if l.Form == r {
			return l.Letters
		}
	}
	return ""
}

func ligatureIndex(r rune) int {
	if r < 0xFB00 || r > 0xFB04 {
		return -1
	}
	for i, l := range StandardLigatures {
		if l.Form == r {
			return i
		}
	}
	return -1
}

// Load parses the faces of files. Missing faces fall back as Files says; the
// serif regular face is required.
func Load(files Files) (*Set, error) {
	if len(files[Face{Serif, Regular}]) == 0 {
		return nil, fmt.Errorf("fonts: no regular text face")
	}
	s := &Set{}
	cache := map[*byte]*loaded{}
	for _, f := range Faces {
		data := files[f]
		if len(data) == 0 {
			data = files[fallback(f, files)]
		}
		if l, ok := cache[&data[0]]; ok {
			s.faces[f.index()] = l
			continue
		}
		l, err := parse(data, 0)
		if err != nil {
			return nil, fmt.Errorf("fonts: %s: %w", f, err)
		}
		cache[&data[0]] = l
		s.faces[f.index()] = l
	}
	return s, nil
}

// Check reports whether data is a font Load can use, so that a caller
// holding several files can name the one that is not.
func Check(data []byte) error {
	if len(data) == 0 {
		return errors.New("empty file")
	}
	// A book's face is one font: a collection's fonts are only fallbacks,
	// and the EPUB's cover and fonts take single fonts.
	if len(data) >= 4 && string(data[:4]) == "ttcf" {
		return errors.New("a font collection (.ttc): name a single font file")
	}
	_, err := parse(data, 0)
	return err
}

func fallback(f Face, files Files) Face {
	candidates := []Face{{f.Family, Regular}, {Serif, Regular}}
	if f.Style == BoldItalic {
		candidates = append([]Face{{f.Family, Bold}, {f.Family, Italic}}, candidates...)
	}
	for _, c := range candidates {
		if len(files[c]) > 0 {
			return c
		}
	}
	return Face{Serif, Regular}
}

// parse reads font index of data (a font file or a collection).
func parse(data []byte, index int) (*loaded, error) {
	var f *sfnt.Font
	var err error
	if len(data) >= 4 && string(data[:4]) == "ttcf" {
		var c *sfnt.Collection
		if c, err = sfnt.ParseCollection(data); err == nil {
			f, err = c.Font(index)
		}
	} else {
		f, err = sfnt.Parse(data)
	}
	if err != nil {
		return nil, err
	}
	l := &loaded{data: data, index: index, font: f, unitsPerEm: float64(f.UnitsPerEm()), other: map[rune]glyph{}}
	ppem := fixed.I(int(f.UnitsPerEm()))
	m, err := f.Metrics(&l.buf, ppem, font.HintingNone)
	if err != nil {
		return nil, err
	}
	l.ascent = float64(m.Ascent) / 64 / l.unitsPerEm
	l.descent = float64(m.Descent) / 64 / l.unitsPerEm
	for r := rune(0); r < commonRunes; r++ {
		l.common[r] = l.lookup(r)
	}
	tabs, err := tables(data, index)
	if err != nil {
		return nil, err
	}
	l.readLayout(tabs)
	l.gsub = tabs["GSUB"]
	return l, nil
}

// readLayout reads the face's kerning and standard ligatures. A table that
// cannot be read leaves the face without them.
func (l *loaded) readLayout(tabs map[string][]byte) {
	n := l.font.NumGlyphs()
	k := &kerning{}
	if t, ok := readGPOSKerning(tabs["GPOS"], n); ok {
		k.tables = t
	}
	if len(k.tables) == 0 {
		k.legacy = readKernTable(tabs["kern"])
	}
	if !k.empty() {
		l.kern = k
	}
	seqs := make([][]int, len(StandardLigatures))
	for i, lig := range StandardLigatures {
		for _, r := range lig.Letters {
			g := l.lookup(r)
			if g.id == 0 {
				seqs[i] = nil
				break
			}
			seqs[i] = append(seqs[i], int(g.id))
		}
	}
	for i, g := range readLigatures(tabs["GSUB"], n, seqs) {
		if g > 0 {
			l.ligs[i] = glyph{id: uint16(g), adv: l.advanceOf(sfnt.GlyphIndex(g))}
		} else if seqs[i] != nil {
			l.ligs[i] = l.lookup(StandardLigatures[i].Form)
		}
	}
	if l.kern != nil {
		l.rows = newKernRows(l, l.kern)
	}
}

// lookup reads a rune's glyph from the font tables; callers hold mu or own l.
func (l *loaded) lookup(r rune) glyph {
	gi, err := l.font.GlyphIndex(&l.buf, r)
	if err != nil || gi == 0 {
		return glyph{}
	}
	return glyph{id: uint16(gi), adv: l.advanceOf(gi)}
}

func (l *loaded) advanceOf(gi sfnt.GlyphIndex) float32 {
	adv, err := l.font.GlyphAdvance(&l.buf, gi, fixed.I(int(l.unitsPerEm)), font.HintingNone)
	if err != nil {
		return 0
	}
	return float32(float64(adv) / 64 / l.unitsPerEm)
}

func (l *loaded) glyph(r rune) glyph {
	if r >= 0 && r < commonRunes {
		return l.common[r]
	}
	if i := ligatureIndex(r); i >= 0 {
		return l.ligs[i]
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	g, ok := l.other[r]
	if !ok {
		g = l.lookup(r)
		l.other[r] = g
	}
	return g
}

// Advance is the advance width of r in face f, in ems (multiply by the
// font size for points). A rune the face lacks measures as the face's
// .notdef would: half an em. The presentation forms of the standard
// ligatures (U+FB00–FB04) measure as the face's ligature glyphs.
func (s *Set) Advance(f Face, r rune) float64 {
	l := s.font(f)
	if l == nil {
		return 0.5
	}
	g := l.glyph(r)
	if g.id == 0 {
		return 0.5
	}
	return float64(g.adv)
}

// HasGlyph reports whether face f can draw r. A face that has a standard
// ligature (through its `liga` feature or its cmap) can draw the
// ligature's presentation form.
func (s *Set) HasGlyph(f Face, r rune) bool { return s.GlyphID(f, r) != 0 }

// GlyphID is the glyph face f draws r with, 0 when it has none.
func (s *Set) GlyphID(f Face, r rune) uint16 {
	if l := s.font(f); l != nil {
		return l.glyph(r).id
	}
	return 0
}

// Kern is the pair kerning between a and b set side by side in face f, in
// ems: negative brings them closer. It is the font's GPOS `kern` feature
// (pair adjustments), or its `kern` table when it has no GPOS kerning.
func (s *Set) Kern(f Face, a, b rune) float64 {
	l := s.font(f)
	if l == nil || l.kern == nil {
		return 0
	}
	if sa, sb := kernSlot(a), kernSlot(b); sa >= 0 && sb >= 0 {
		return float64(l.rows.kern(l, sa, sb))
	}
	ga, gb := l.glyph(a), l.glyph(b)
	if ga.id == 0 || gb.id == 0 {
		return 0
	}
	return float64(l.kern.kern(int(ga.id), int(gb.id))) / l.unitsPerEm
}

// Ascent is the face's ascent above the baseline, in ems.
func (s *Set) Ascent(f Face) float64 {
	if l := s.font(f); l != nil {
		return l.ascent
	}
	return 0.8
}

// Descent is the face's descent below the baseline, in ems, as a positive number.
func (s *Set) Descent(f Face) float64 {
	if l := s.font(f); l != nil {
		return l.descent
	}
	return 0.2
}

// Width is the advance width of s in face f, in ems, without kerning.
func (s *Set) Width(f Face, text string) float64 {
	w := 0.0
	for _, r := range text {
		w += s.Advance(f, r)
	}
	return w
}

// Data returns the TrueType bytes of face f, for embedding.
func (s *Set) Data(f Face) []byte {
	if l := s.font(f); l != nil {
		return l.data
	}
	return nil
}
