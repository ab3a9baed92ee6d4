package fonts

import (
	"sort"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// Emoji is an emoji a colour bitmap font draws: its picture and metrics.
// The same glyph is the same *Emoji, so a picture is embedded once.
type Emoji struct {
	Glyph ColorGlyph
	// Font is the colour font's file and ID the glyph's index in it.
	Font string
	ID   int
}

// EmojiSpan says that Text[At:End] is drawn as Emoji.
type EmojiSpan struct {
	At, End int
	Emoji   *Emoji
}

// colorFont is a colour bitmap emoji font (CBLC/CBDT) the Set found.
type colorFont struct {
	l    *loaded
	info FontInfo
	// used is set once a glyph of it is drawn: the fonts the book is
	// set in name it then.
	used       atomic.Bool
	cblc, cbdt []byte
	mu         sync.Mutex
	byGlyph    map[int]*Emoji
	bySeq      map[string]*Emoji // nil entries: the sequence has no glyph
}

const (
	vs15, vs16 = 0xFE0E, 0xFE0F // text and emoji presentation selectors
	zwj        = 0x200D
	keycap     = 0x20E3
)

func emojiPresentationDefault(r rune) bool {
	// none between U+2B55 and U+1F004: the scripts of Asia pass at once
	if r < emojiPresentation[0].Lo || r > 0x2B55 && r < 0x1F004 {
		return false
	}
	i := sort.Search(len(emojiPresentation), func(i int) bool { return emojiPresentation[i].Hi >= r })
	return i < len(emojiPresentation) && emojiPresentation[i].Lo <= r
}

func regionalIndicator(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }
func skinTone(r rune) bool          { return r >= 0x1F3FB && r <= 0x1F3FF }
func emojiTag(r rune) bool          { return r >= 0xE0020 && r <= 0xE007F }

// ColorEmojis finds the emoji of text that a colour bitmap font installed
// (or among the book's fallback fonts) draws and face f does not: each
// character shown as emoji by default (Emoji_Presentation) or asked to be
// by U+FE0F, with the skin tone, tags and joined (ZWJ) emoji that follow
// it as far as the font has a glyph for them, a pair of regional
// indicators (a flag) and a keycap. A character followed by U+FE0E, or
// shown as text by default (© ™ ↔), is left to the outline fonts, as is
// a single character face f has, unless U+FE0F follows it. Text with no character from U+2000 up
// returns at once.
func (s *Set) ColorEmojis(f Face, text string) []EmojiSpan {
	if s.fb == nil || !mayHoldEmoji(text) {
		return nil
	}
	var out []EmojiSpan
	var cf *colorFont
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !mayStartEmoji(r, text[i+n:]) {
			i += n
			continue
		}
		ends := emojiCluster(text[i:])
		if len(ends) == 0 {
			i += n
			continue
		}
		if cf == nil {
			if cf = s.fb.colorFont(); cf == nil {
				return nil
			}
		}
		e, n := cf.emoji(s, f, text[i:], ends)
		if e == nil {
			i += ends[0].n
			continue
		}
		out = append(out, EmojiSpan{At: i, End: i + n, Emoji: e})
		i += n
	}
	return out
}

// mayStartEmoji reports whether r, followed by rest, may begin an emoji:
// a quick test that lets the text of other scripts pass without work.
func mayStartEmoji(r rune, rest string) bool {
	if emojiPresentationDefault(r) || regionalIndicator(r) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(rest)
	return next == vs16 || next == keycap
}

// mayHoldEmoji reports whether text has a character from U+2000 up (a
// UTF-8 lead byte of 0xE2 or more): every emoji and keycap has one.
func mayHoldEmoji(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] >= 0xE2 {
			return true
		}
	}
	return false
}

// clusterEnd is where an emoji sequence may end: n bytes of text, the
// glyph sequence being the first k runes less the presentation selectors.
type clusterEnd struct{ n, k int }

// emojiCluster reads the emoji sequence text begins with and returns where
// it may end, longest last: after its first emoji and after each emoji
// joined to it. It returns nil when text does not begin with an emoji
// shown as emoji.
func emojiCluster(text string) []clusterEnd {
	rs := make([]rune, 0, 8)
	for _, r := range text {
		rs = append(rs, r)
		if len(rs) == 32 {
			break
		}
	}
	bytesTo := func(k int) int {
		n := 0
		for _, r := range rs[:k] {
			n += utf8.RuneLen(r)
		}
		return n
	}
	at := func(i int) rune {
		if i < len(rs) {
			return rs[i]
		}
		return -1
	}
	r0 := rs[0]
	switch {
	case regionalIndicator(r0):
		if regionalIndicator(at(1)) {
			return []clusterEnd{{bytesTo(1), 1}, {bytesTo(2), 2}}
		}
		return []clusterEnd{{bytesTo(1), 1}}
	case r0 == '#' || r0 == '*' || r0 >= '0' && r0 <= '9':
		k := 1
		if at(k) == vs16 {
			k++
		}
		if at(k) != keycap {
			return nil
		}
		return []clusterEnd{{bytesTo(k + 1), k + 1}}
	}
	if at(1) == vs15 || !(emojiPresentationDefault(r0) || at(1) == vs16) {
		return nil
	}
	var ends []clusterEnd
	k := 1
	for {
		for at(k) == vs16 || skinTone(at(k)) || emojiTag(at(k)) {
			k++
		}
		if at(k) == zwj && at(k+1) > 0x2000 && at(k+1) != zwj && at(k+2) != vs15 {
			// a prefix the font has no glyph for ends with the joiner,
			// which has nothing to join then
			ends = append(ends, clusterEnd{bytesTo(k + 1), k})
			k += 2
			continue
		}
		return append(ends, clusterEnd{bytesTo(k), k})
	}
}

// emoji is the glyph of the longest of the sequence's ends the font has;
// n is the bytes of text it stands for. A single character face f has is
// left to f.
func (cf *colorFont) emoji(s *Set, f Face, text string, ends []clusterEnd) (*Emoji, int) {
	for j := len(ends) - 1; j >= 0; j-- {
		end := ends[j]
		var seq []rune
		for _, r := range text[:end.n] {
			if len(seq) == end.k {
				break
			}
			seq = append(seq, r)
		}
		glyphs := seq[:0:0]
		for _, r := range seq {
			if r != vs16 && r != vs15 {
				glyphs = append(glyphs, r)
			}
		}
		// a character the face has is its own unless U+FE0F asks for
		// the emoji
		if len(glyphs) == 1 && len(seq) == 1 && s.HasGlyph(f, glyphs[0]) {
			continue
		}
		if e := cf.glyphOf(glyphs); e != nil {
			return e, end.n
		}
	}
	return nil, 0
}

// glyphOf is the emoji the font draws for the characters rs: the cmap's
// glyph of one, the ccmp ligature of several.
func (cf *colorFont) glyphOf(rs []rune) *Emoji {
	key := string(rs)
	cf.mu.Lock()
	defer cf.mu.Unlock()
	if e, ok := cf.bySeq[key]; ok {
		return e
	}
	g := 0
	ids := make([]int, len(rs))
	for i, r := range rs {
		ids[i] = int(cf.l.lookup(r).id)
	}
	if len(ids) == 1 {
		g = ids[0]
	} else if !containsZero(ids) {
		g = ligatureIn(cf.l.gsub, "ccmp", ids, cf.l.font.NumGlyphs())
	}
	var e *Emoji
	if g > 0 {
		e = cf.byGlyph[g]
		if e == nil {
			if cg, ok := colorGlyph(cf.cblc, cf.cbdt, g); ok {
				e = &Emoji{Glyph: cg, Font: cf.info.Path, ID: g}
				cf.byGlyph[g] = e
			}
		}
	}
	cf.bySeq[key] = e
	if e != nil {
		cf.used.Store(true)
	}
	return e
}

// ColorFont describes the colour emoji font, once an emoji has been
// drawn from it.
func (s *Set) ColorFont() (FontInfo, bool) {
	if s.fb == nil {
		return FontInfo{}, false
	}
	s.fb.mu.Lock()
	cf := s.fb.color
	s.fb.mu.Unlock()
	if cf == nil || !cf.used.Load() {
		return FontInfo{}, false
	}
	return cf.info, true
}

func containsZero(ids []int) bool {
	for _, id := range ids {
		if id == 0 {
			return true
		}
	}
	return false
}

// colorFont finds, once, the colour bitmap font emoji are drawn with: the
// first of the book's fallback fonts that is one, else an installed font
// that is one and has U+1F600 (😀), or nil.
func (fb *fallbacks) colorFont() *colorFont {
	fb.mu.Lock()
	defer fb.mu.Unlock()
	if fb.colorSearched {
		return fb.color
	}
	fb.colorSearched = true
	try := func(data []byte, index int, path string) bool {
		tabs, err := tables(data, index)
		if err != nil || len(tabs["CBLC"]) == 0 || len(tabs["CBDT"]) == 0 {
			return false
		}
		l, err := parse(data, index)
		if err != nil || l.lookup(0x1F600).id == 0 {
			return false
		}
		name, _ := l.font.Name(nil, 4) // full name
		fb.color = &colorFont{l: l, info: FontInfo{Name: name, Path: path}, cblc: tabs["CBLC"], cbdt: tabs["CBDT"],
			byGlyph: map[int]*Emoji{}, bySeq: map[string]*Emoji{}}
		return true
	}
	for _, f := range fb.cfg.Fonts {
		if try(f.Data, 0, f.Name) {
			return fb.color
		}
	}
	fb.readInstalled()
	var cands []*candidate
	// bad says a font cannot be an outline fallback, which a colour font
	// never is: one tried as such for a character no other font has must
	// still be found here, or whether a book's emoji are drawn would
	// depend on which characters the layout asked for first.
	for _, c := range fb.installed {
		if c.covers(0x1F600) && fb.cfg.Read != nil {
			cands = append(cands, c)
		}
	}
	// in the order of their files, whatever order the catalog lists them
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].info.Path < cands[j].info.Path })
	for _, c := range cands {
		data := fb.files[c.info.Path]
		if data == nil {
			d, err := fb.cfg.Read(c.info.Path)
			if err != nil {
				continue
			}
			data = d
		}
		if try(data, c.info.Index, c.info.Path) {
			return fb.color
		}
	}
	return nil
}
