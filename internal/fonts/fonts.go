// Package fonts knows the book's typefaces: it loads TrueType files (the
// embedded Noto faces by default), answers glyph-width questions for the
// layout engine, and hands the raw bytes to the PDF painter for embedding.
package fonts

import (
	"errors"
	"fmt"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/samizdat-press/samizdat/assets"
)

// Family is a typeface family the book uses.
type Family int

const (
	Serif Family = iota // body text
	Mono                // code
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
	fam := [...]string{"serif", "mono"}[f.Family]
	return fam + "-" + [...]string{"regular", "italic", "bold", "bolditalic"}[f.Style]
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
}

func (f Face) index() int { return int(f.Family)*4 + int(f.Style) }

type loaded struct {
	data       []byte
	font       *sfnt.Font
	unitsPerEm float64
	ascent     float64 // em fractions
	descent    float64 // positive, em fractions
	// advances of common runes, precomputed so lookups take no lock;
	// other runes go through the mutex-guarded cache.
	common [commonRunes]float32 // -1 = no glyph
	mu     sync.Mutex
	buf    sfnt.Buffer
	other  map[rune]float32
}

// commonRunes covers Latin, Greek, Cyrillic, general punctuation and the
// symbol blocks up to U+24FF: nearly every rune of a European book.
const commonRunes = 0x2500

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
		l, err := parse(data)
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
	_, err := parse(data)
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

func parse(data []byte) (*loaded, error) {
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, err
	}
	l := &loaded{data: data, font: f, unitsPerEm: float64(f.UnitsPerEm()), other: map[rune]float32{}}
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
	return l, nil
}

// lookup reads a rune's advance from the font tables; callers hold mu or own l.
func (l *loaded) lookup(r rune) float32 {
	gi, err := l.font.GlyphIndex(&l.buf, r)
	if err != nil || gi == 0 {
		return -1
	}
	adv, err := l.font.GlyphAdvance(&l.buf, gi, fixed.I(int(l.unitsPerEm)), font.HintingNone)
	if err != nil {
		return -1
	}
	return float32(float64(adv) / 64 / l.unitsPerEm)
}

func (l *loaded) advance(r rune) float32 {
	if r >= 0 && r < commonRunes {
		return l.common[r]
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	a, ok := l.other[r]
	if !ok {
		a = l.lookup(r)
		l.other[r] = a
	}
	return a
}

// Advance is the advance width of r in face f, in ems (multiply by the
// font size for points). A rune the face lacks measures as the face's
// .notdef would: half an em.
func (s *Set) Advance(f Face, r rune) float64 {
	a := s.faces[f.index()].advance(r)
	if a < 0 {
		return 0.5
	}
	return float64(a)
}

// HasGlyph reports whether face f can draw r.
func (s *Set) HasGlyph(f Face, r rune) bool { return s.faces[f.index()].advance(r) >= 0 }

// Ascent is the face's ascent above the baseline, in ems.
func (s *Set) Ascent(f Face) float64 { return s.faces[f.index()].ascent }

// Descent is the face's descent below the baseline, in ems, as a positive number.
func (s *Set) Descent(f Face) float64 { return s.faces[f.index()].descent }

// Width is the advance width of s in face f, in ems.
func (s *Set) Width(f Face, text string) float64 {
	w := 0.0
	for _, r := range text {
		w += s.Advance(f, r)
	}
	return w
}

// Data returns the TrueType bytes of face f, for embedding.
func (s *Set) Data(f Face) []byte { return s.faces[f.index()].data }
