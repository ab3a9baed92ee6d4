package fonts

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
)

// File is a font file given by name (a path, for messages) and contents.
type File struct {
	Name string
	Data []byte
}

// Fallback says where a Set looks for the characters its faces lack: the
// book's own fallback fonts first, in order, then the fonts installed on
// the machine.
type Fallback struct {
	// Fonts are font files (TrueType or OpenType, single fonts or
	// collections, whose every font is tried), in order of preference.
	Fonts []File
	// Installed lists the machine's fonts; nil for none.
	Installed Catalog
	// Read reads an installed font's file.
	Read func(path string) ([]byte, error)
	// KeepMisshaped sets Arabic-script text in a font the shaper
	// misshapes (Misshaped: Noto Nastaliq Urdu) when it is the one
	// chosen; by default such a font is passed over for the next.
	KeepMisshaped bool
	// Language is the book's language; it chooses between the Chinese,
	// Japanese and Korean forms of the same ideographs.
	Language string
}

// maxFallbacks bounds the fallback fonts one Set loads.
const maxFallbacks = 64

// fallbacks is the state of a Set's fallback search.
type fallbacks struct {
	cfg Fallback
	// fonts are the loaded fallback fonts; fonts[i] is family
	// FirstFallback+i. Read without a lock; written under mu.
	fonts [maxFallbacks]atomic.Pointer[fallbackFont]
	mu    sync.Mutex
	n     int
	// chosen memoizes the choice for a rune in a family and style.
	chosen map[choiceKey]Family
	// user are the book's fallback fonts, parsed on first use.
	user       []*candidate
	userParsed bool
	// installed is the catalog's list, read on first use.
	installed     []*candidate
	installedRead bool
	installedErr  error
	files         map[string][]byte // installed files read, by path
	// passed are the fonts passed over as misshaped (passOver).
	passed []FontInfo
	// color is the colour emoji font (emoji.go), once searched for.
	color         *colorFont
	colorSearched bool
}

type choiceKey struct {
	r      rune
	mono   bool
	style  Style
	region string
}

// fallbackFont is a loaded fallback font and where it came from.
type fallbackFont struct {
	l    *loaded
	desc FontInfo
}

// candidate is a font the search may choose.
type candidate struct {
	info   Installed
	user   bool
	order  int     // position in the user's list
	data   []byte  // user fonts: the file
	loaded *loaded // once loaded
	family Family  // once loaded
	bad    bool    // could not be loaded or embedded
	covers func(rune) bool
	// scriptCosts remembers scriptCost by block and script
	scriptCosts map[scriptBlock]int
}

// FontInfo describes a font a Set uses.
type FontInfo struct {
	Name string // full name from the font
	Path string // file, for fallback fonts; "" for the book's faces
}

// Copy returns a Set with s's faces and no fallback, for another book's
// fallback settings: the faces are shared (they are safe for concurrent
// use), so copying costs nothing, and SetFallback on the copy leaves s as
// it was.
func (s *Set) Copy() *Set {
	c := *s
	c.fb = nil
	return &c
}

// SetFallback makes s look for missing characters as fb says. Call it
// before the Set is used.
func (s *Set) SetFallback(fb Fallback) {
	s.fb = &fallbacks{cfg: fb, chosen: map[choiceKey]Family{}, files: map[string][]byte{}}
}

func (fb *fallbacks) font(f Family) *loaded {
	i := int(f - FirstFallback)
	if i < 0 || i >= maxFallbacks {
		return nil
	}
	if ff := fb.fonts[i].Load(); ff != nil {
		return ff.l
	}
	return nil
}

// Fallback returns a face that can draw r when f cannot: a fallback font
// chosen for r's script and for f's family (serif or mono) and style, in
// the book's language. It reports false when no font has r.
func (s *Set) Fallback(f Face, r rune) (Face, bool) { return s.FallbackFor(f, r, "") }

// FallbackFor is Fallback for text in language lang ("" is the book's),
// which chooses between the Chinese, Japanese and Korean forms of the
// ideographs, kana and punctuation they share.
func (s *Set) FallbackFor(f Face, r rune, lang string) (Face, bool) {
	if s.fb == nil {
		return Face{}, false
	}
	mono := f.Family == Mono
	if f.Family >= FirstFallback {
		// a fallback face asks for the family it stands in for: serif
		mono = false
	}
	fb := s.fb
	fb.mu.Lock()
	defer fb.mu.Unlock()
	if lang == "" {
		lang = fb.cfg.Language
	}
	region := cjkRegion(lang)
	key := choiceKey{r, mono, f.Style, region}
	if fam, ok := fb.chosen[key]; ok {
		return Face{fam, f.Style}, fam >= FirstFallback
	}
	fam := fb.choose(r, mono, f.Style, region)
	fb.chosen[key] = fam
	return Face{fam, f.Style}, fam >= FirstFallback
}

// choose picks the font for r; callers hold mu. The choice depends only on
// r, the family and the style, never on what was asked before, so the
// layout's order of work cannot change a book. A font the shaper
// misshapes is passed over for an Arabic letter (passOver) when another
// has it, and taken when none does: letters off their baseline read
// better than blank boxes.
func (fb *fallbacks) choose(r rune, mono bool, style Style, region string) Family {
	var passed *candidate
	fam := fb.chooseOver(r, mono, style, region, &passed)
	if passed != nil {
		if fam < 0 {
			return passed.family
		}
		name, _ := passed.loaded.font.Name(nil, 4)
		if !slices.ContainsFunc(fb.passed, func(f FontInfo) bool { return f.Path == passed.info.Path && f.Name == name }) {
			fb.passed = append(fb.passed, FontInfo{Name: name, Path: passed.info.Path})
		}
	}
	return fam
}

// chooseOver is choose, setting *passed to the first font passed over.
func (fb *fallbacks) chooseOver(r rune, mono bool, style Style, region string, passed **candidate) Family {
	if !fb.userParsed {
		fb.userParsed = true
		for i, f := range fb.cfg.Fonts {
			fb.user = append(fb.user, userCandidates(f, i)...)
		}
	}
	for _, c := range fb.user {
		if !c.bad && c.covers(r) && fb.load(c) {
			if c.loaded.glyph(r).id != 0 && !fb.passOver(c, r, passed) {
				return c.family
			}
		}
	}
	fb.readInstalled()
	var cands []*candidate
	for _, c := range fb.installed {
		if !c.bad && c.covers(r) {
			cands = append(cands, c)
		}
	}
	want := preference{mono: mono, bold: style == Bold || style == BoldItalic, italic: style == Italic || style == BoldItalic, region: region, script: scriptOf(r)}
	// Each candidate is ranked once, not at each comparison: a book in
	// Chinese asks for thousands of ideographs, each from the same few
	// dozen fonts, and comparing by the costs afresh took half its build.
	ranked := make([]rankedCandidate, len(cands))
	for i, c := range cands {
		ranked[i] = rankedCandidate{c, want.costs(c.info, r, c.scriptCost(want, r))}
	}
	slices.SortStableFunc(ranked, func(a, b rankedCandidate) int { return compareRanked(a.costs, b.costs, a.c.info, b.c.info) })
	for _, rc := range ranked {
		if c := rc.c; fb.load(c) && c.loaded.glyph(r).id != 0 && !fb.passOver(c, r, passed) {
			return c.family
		}
	}
	return -1
}

// passOver reports whether the loaded candidate c is passed over for r: a
// letter of the Arabic script in a font the shaper misshapes, unless the
// book keeps such fonts. The first font passed over is kept in *passed.
func (fb *fallbacks) passOver(c *candidate, r rune, passed **candidate) bool {
	if fb.cfg.KeepMisshaped || r < 0x600 || !unicode.Is(unicode.Arabic, r) || !c.loaded.isMisshaped() {
		return false
	}
	if *passed == nil {
		*passed = c
	}
	return true
}

// PassedOver lists the fonts passed over for Arabic-script text because
// the shaper misshapes them (see Misshaped), in the order met, for
// another font that has the letters.
func (s *Set) PassedOver() []FontInfo {
	if s.fb == nil {
		return nil
	}
	s.fb.mu.Lock()
	defer s.fb.mu.Unlock()
	return slices.Clone(s.fb.passed)
}

// readInstalled reads the catalog's list once; callers hold mu.
func (fb *fallbacks) readInstalled() {
	if fb.installedRead {
		return
	}
	fb.installedRead = true
	if fb.cfg.Installed != nil {
		list, err := fb.cfg.Installed.Installed()
		fb.installedErr = err
		for _, in := range list {
			fb.installed = append(fb.installed, &candidate{info: in, covers: in.Covers})
		}
	}
}

// rankedCandidate is a candidate with its costs for one character.
type rankedCandidate struct {
	c     *candidate
	costs costs
}

// scriptCost is preference.scriptCost for a candidate, remembered for the
// block of 128 code points r is in and r's script: the characters of a
// block ask the same of each font.
func (c *candidate) scriptCost(p preference, r rune) int {
	if p.script == nil || c.info.Charset == nil {
		return 0
	}
	key := scriptBlock{r &^ 0x7F, p.script}
	if cost, ok := c.scriptCosts[key]; ok {
		return cost
	}
	cost := p.scriptCost(c.info, r)
	if c.scriptCosts == nil {
		c.scriptCosts = map[scriptBlock]int{}
	}
	c.scriptCosts[key] = cost
	return cost
}

// scriptBlock is a block of 128 code points and a script.
type scriptBlock struct {
	base   rune
	script *unicode.RangeTable
}

// userCandidates are the fonts of one of the book's fallback files (every
// font of a collection).
func userCandidates(f File, order int) []*candidate {
	n := 1
	if d := newBin(f.Data); d.tag(0) == "ttcf" {
		n = min(d.u32(8), 256)
	}
	var out []*candidate
	for i := 0; i < n; i++ {
		c := &candidate{user: true, order: order, data: f.Data, info: Installed{Path: f.Name, Index: i}}
		c.covers = func(rune) bool { return true } // known once loaded
		out = append(out, c)
	}
	return out
}

// load parses a candidate once, giving it a family; callers hold mu.
func (fb *fallbacks) load(c *candidate) bool {
	if c.loaded != nil {
		return true
	}
	if c.bad || fb.n >= maxFallbacks {
		return false
	}
	data := c.data
	if data == nil {
		data = fb.files[c.info.Path]
		if data == nil {
			if fb.cfg.Read == nil {
				c.bad = true
				return false
			}
			d, err := fb.cfg.Read(c.info.Path)
			if err != nil {
				c.bad = true
				return false
			}
			fb.files[c.info.Path] = d
			data = d
		}
	}
	l, err := parse(data, c.info.Index)
	if err != nil || !l.embeddable() {
		c.bad = true
		return false
	}
	c.loaded = l
	c.family = FirstFallback + Family(fb.n)
	name, _ := l.font.Name(nil, 4) // full name
	fb.fonts[fb.n].Store(&fallbackFont{l: l, desc: FontInfo{Name: name, Path: c.info.Path}})
	fb.n++
	return true
}

// embeddable reports whether the font has outlines a PDF can carry
// (TrueType or PostScript; colour bitmap fonts have neither) and a licence
// that allows embedding.
func (l *loaded) embeddable() bool {
	tabs, err := tables(l.data, l.index)
	if err != nil {
		return false
	}
	if len(tabs["glyf"]) == 0 && len(tabs["CFF "]) == 0 {
		return false
	}
	os2 := tabs["OS/2"]
	return len(os2) < 10 || (int(os2[8])<<8|int(os2[9]))&0xF != 0x2
}

// FallbackFonts lists the fallback fonts the Set has used so far, in the
// order of their names.
func (s *Set) FallbackFonts() []FontInfo {
	if s.fb == nil {
		return nil
	}
	var out []FontInfo
	for i := range s.fb.fonts {
		if ff := s.fb.fonts[i].Load(); ff != nil {
			out = append(out, ff.desc)
		}
	}
	slices.SortFunc(out, func(a, b FontInfo) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Path, b.Path)) })
	return out
}

// Describe says which font face f is.
func (s *Set) Describe(f Face) FontInfo {
	if f.Family >= FirstFallback && s.fb != nil {
		if i := int(f.Family - FirstFallback); i < maxFallbacks {
			if ff := s.fb.fonts[i].Load(); ff != nil {
				return ff.desc
			}
		}
	}
	if l := s.font(f); l != nil {
		name, _ := l.font.Name(nil, 4)
		return FontInfo{Name: name}
	}
	return FontInfo{}
}

// InstalledError is why the machine's fonts could not be listed, if they
// could not.
func (s *Set) InstalledError() error {
	if s.fb == nil {
		return nil
	}
	s.fb.mu.Lock()
	defer s.fb.mu.Unlock()
	return s.fb.installedErr
}

// preference orders installed fonts for one character.
type preference struct {
	mono, bold, italic bool
	region             string // "SC", "TC", "HK", "JP" or "KR"
	// script is the script of the character wanted (scriptOf).
	script *unicode.RangeTable
}

// compare orders a before b when it is the better font for r: first a
// font made for r's script, then the right kind (serif, sans, mono), then
// weight, then slant, then for ideographs the right regional forms, then
// ordinary widths, then the Noto fonts (the book's own are Noto), then
// names, so the order is total.
func (p preference) compare(a, b Installed, r rune) int {
	return compareRanked(p.costs(a, r, p.scriptCost(a, r)), p.costs(b, r, p.scriptCost(b, r)), a, b)
}

// costs are what compare orders fonts by before their names, in order.
type costs [8]int

// costs are f's costs for r, given its scriptCost.
func (p preference) costs(f Installed, r rune, scriptCost int) costs {
	return costs{
		scriptCost,
		mathCost(f, r),
		p.kindCost(f),
		boolCost(f.bold() != p.bold),
		boolCost(f.italic() != p.italic),
		p.regionCost(f, r),
		variantCost(f),
		boolCost(!strings.HasPrefix(f.Family, "Noto")),
	}
}

// mathCost is 1 for a font not made for mathematics when r is a
// mathematical symbol (arrows, operators, the mathematical alphabets),
// 0 otherwise: a font of another script that happens to hold an arrow
// draws it at that script's size and weight, a math font as formulas
// want it.
func mathCost(f Installed, r rune) int {
	if isMathSymbol(r) && !strings.Contains(f.Family, "Math") {
		return 1
	}
	return 0
}

// isMathSymbol reports the blocks of mathematical symbols.
func isMathSymbol(r rune) bool {
	return r >= 0x2190 && r <= 0x22FF || r >= 0x2308 && r <= 0x230B || r >= 0x27C0 && r <= 0x27FF ||
		r >= 0x2900 && r <= 0x2AFF || r >= 0x1D400 && r <= 0x1D7FF || r >= 0x2A00 && r <= 0x2AFF
}

// compareRanked orders two fonts by their costs, then by their names, so
// the order is total.
func compareRanked(ca, cb costs, a, b Installed) int {
	return cmp.Or(
		slices.Compare(ca[:], cb[:]),
		cmp.Compare(a.Family, b.Family),
		cmp.Compare(a.Style, b.Style),
		cmp.Compare(a.Path, b.Path),
		cmp.Compare(a.Index, b.Index),
	)
}

// bold reports a heavy face by its weight or, as some fonts give a bold
// face the regular weight (Noto Serif Myanmar Bold says 400), its style's
// name.
func (in Installed) bold() bool {
	style := strings.ToLower(in.Style)
	return in.Weight >= 150 || strings.Contains(style, "bold") || strings.Contains(style, "black") || strings.Contains(style, "heavy")
}

// italic reports a sloped face by its slant or its style's name.
func (in Installed) italic() bool {
	style := strings.ToLower(in.Style)
	return in.Slant > 0 || strings.Contains(style, "italic") || strings.Contains(style, "oblique")
}

func boolCost(b bool) int {
	if b {
		return 1
	}
	return 0
}

// scriptOf is the script r belongs to; nil for the characters many
// scripts share (Common, Inherited).
func scriptOf(r rune) *unicode.RangeTable {
	for name, t := range unicode.Scripts {
		if name != "Common" && name != "Inherited" && unicode.Is(t, r) {
			return t
		}
	}
	return nil
}

// scriptCost is 1 for a font that has r but less than half of the letters
// of r's script found in the 128 code points around it, 0 otherwise. A
// font for one script may borrow a few letters of another, as Noto Serif
// Grantha has two Tamil letters: chosen for those alone, it would part
// them from the vowel signs and viramas that follow them, which only the
// Tamil font has, and the shaper would draw each sign on a dotted circle.
func (p preference) scriptCost(f Installed, r rune) int {
	if p.script == nil || f.Charset == nil {
		return 0
	}
	base := r &^ 0x7F
	in, has := 0, 0
	for c := base; c < base+0x80; c++ {
		if unicode.Is(p.script, c) {
			in++
			if f.Covers(c) {
				has++
			}
		}
	}
	return boolCost(2*has < in)
}

// kindCost: 0 for the kind wanted; a serif text takes a sans before a
// monospace, code takes a sans before a serif.
func (p preference) kindCost(f Installed) int {
	mono := f.Mono || strings.Contains(f.Family, "Mono")
	// Naskh is the book hand of Arabic, as serif is Latin's (Kufi is a
	// display style).
	serif := !mono && (strings.Contains(f.Family, "Serif") || strings.Contains(f.Family, "Naskh"))
	switch {
	case strings.Contains(f.Family, "Rashi"):
		// the hand of the commentaries printed around a Hebrew text,
		// not a text face: last, for text and code alike
		return 3
	case p.mono && mono, !p.mono && serif:
		return 0
	case !mono && !serif: // sans
		return 1
	}
	return 2
}

// regionCost prefers, for the characters whose forms differ between
// Chinese, Japanese and Korean, the regional form of the text's language.
// For the rest, which such fonts draw alike (arrows, check marks, Greek),
// it puts the fonts of other regions after the text's own, so that a
// book uses one of them, not one named first: Hong Kong's by name.
func (p preference) regionCost(f Installed, r rune) int {
	if p.region == "" {
		return 0
	}
	own, other := false, false
	for _, w := range strings.Fields(f.Family) {
		switch w {
		case p.region:
			own = true
		case "SC", "TC", "HK", "JP", "KR":
			other = true
		}
	}
	if regional(r) {
		return boolCost(!own)
	}
	return boolCost(other && !own)
}

// regional reports whether r is drawn differently in Chinese, Japanese
// and Korean fonts: ideographs, kana, Hangul, Bopomofo, and the CJK
// punctuation and full-width forms (a Chinese full stop sits in the
// middle of its square, a Japanese one at the bottom left). The whole of
// the CJK blocks counts, for the characters in them that Unicode gives to
// no one script: the long-vowel mark ー and the middle dot ・ of the
// Katakana block, written inside Japanese words, come from the same font
// as the kana around them.
func regional(r rune) bool {
	if r < 0x1100 {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo) ||
		(r >= 0x2E80 && r <= 0x33FF) || (r >= 0xFF00 && r <= 0xFFEF) || (r >= 0xFE30 && r <= 0xFE4F) ||
		(r >= 0xFE10 && r <= 0xFE1F) || (r >= 0x1F200 && r <= 0x1F2FF)
}

// variantCost puts condensed, display and user-interface cuts after the
// text cuts.
func variantCost(f Installed) int {
	for _, w := range []string{"Condensed", "Display", " UI", "Looped", "Unjoined", "Slanted"} {
		if strings.Contains(f.Family, w) {
			return 1
		}
	}
	return 0
}

// cjkRegion is the regional form of ideographs for a language tag.
func cjkRegion(lang string) string {
	l := strings.ToLower(strings.ReplaceAll(lang, "_", "-"))
	switch {
	case l == "ja" || strings.HasPrefix(l, "ja-"):
		return "JP"
	case l == "ko" || strings.HasPrefix(l, "ko-"):
		return "KR"
	case strings.HasPrefix(l, "zh-hk") || strings.HasPrefix(l, "zh-mo") || strings.HasPrefix(l, "zh-hant-hk"):
		return "HK"
	case strings.HasPrefix(l, "zh-tw") || strings.HasPrefix(l, "zh-hant"):
		return "TC"
	}
	return "SC"
}

// ReadFallbackFonts reads the book's fallback font files with read, in
// order, reporting every file that cannot be read or is not a font.
func ReadFallbackFonts(paths []string, read func(string) ([]byte, error)) ([]File, error) {
	var out []File
	var errs []error
	for _, p := range paths {
		data, err := read(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("fallback font %s: %w", p, err))
			continue
		}
		if _, err := parse(data, 0); err != nil {
			errs = append(errs, fmt.Errorf("fallback font %s: not a font the typesetter can read: %w", p, err))
			continue
		}
		out = append(out, File{Name: p, Data: data})
	}
	return out, errors.Join(errs...)
}
