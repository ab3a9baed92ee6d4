package fonts

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/samizdat-press/samizdat/internal/fonts/fontstest"
)

// testCatalog is a machine's fonts, from memory.
type testCatalog struct {
	fonts []Installed
	files map[string][]byte
	err   error
}

func (c *testCatalog) Installed() ([]Installed, error) { return c.fonts, c.err }

func (c *testCatalog) read(path string) ([]byte, error) {
	if d, ok := c.files[path]; ok {
		return d, nil
	}
	return nil, fmt.Errorf("open %s: no such file", path)
}

// add installs a test font covering runes.
func (c *testCatalog) add(name string, bold, italic, mono bool, runes ...rune) {
	adv := map[rune]int{}
	var cs []RuneRange
	for _, r := range runes {
		adv[r] = 600
		cs = append(cs, RuneRange{r, r})
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].Lo < cs[j].Lo })
	path := "/fonts/" + strings.ReplaceAll(name, " ", "") + fmt.Sprint(bold, italic) + ".ttf"
	c.files[path] = fontstest.Font{Name: name, Bold: bold, Italic: italic, Advances: adv}.Bytes()
	in := Installed{Path: path, Family: name, Style: "Regular", Weight: 80, Mono: mono, Charset: cs}
	if bold {
		in.Weight, in.Style = 200, "Bold"
	}
	if italic {
		in.Slant = 100
	}
	c.fonts = append(c.fonts, in)
}

const (
	alef  = 'א'
	beh   = 'ب'
	zhong = '中'
	kana  = 'あ'
	// in the Katakana and CJK Compatibility blocks, but of no one script
	longVowel = 'ー'
	kanaDot   = '・'
	squareKK  = '㍿'
	smile     = '😀'
	lb        = '𐀀' // Linear B syllable A, beyond the BMP
	arrow     = '↙'
)

// latinOnly is a book face with ASCII only, so Cyrillic and Greek need a
// fallback too.
func latinOnly(t *testing.T) *Set {
	t.Helper()
	adv := map[rune]int{}
	for r := rune(0x20); r < 0x7F; r++ {
		adv[r] = 500
	}
	data := fontstest.Font{Name: "Latin Test", Advances: adv}.Bytes()
	s, err := Load(Files{{Serif, Regular}: data})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func machine() *testCatalog {
	c := &testCatalog{files: map[string][]byte{}}
	c.add("Test Serif Hebrew", false, false, false, alef)
	c.add("Test Serif Hebrew", true, false, false, alef)
	c.add("Test Sans Hebrew", false, false, false, alef)
	c.add("Test Sans Arabic", false, false, false, beh)
	c.add("Noto Serif CJK JP", false, false, false, zhong, kana, longVowel, kanaDot, squareKK)
	c.add("Noto Serif CJK SC", false, false, false, zhong, kana, longVowel, kanaDot, squareKK)
	c.add("Noto Sans Mono CJK SC", false, false, true, zhong)
	// a Hong Kong font first by name, for every character of the blocks
	c.add("Noto Serif CJK HK", false, false, false, zhong, kana, longVowel, kanaDot, squareKK)
	c.add("Test Serif Cyrillic", false, false, false, 'Ж', 'Ω')
	c.add("Test Serif Greek", false, false, false, 'Ω')
	c.add("Test Serif Greek", false, true, false, 'Ω')
	c.add("Test Symbols", false, false, false, smile, lb)
	// Hebrew's commentary hand, a sans by its name; arrows that only
	// the CJK fonts have, drawn alike in each
	c.add("Noto Rashi Hebrew", false, false, false, alef)
	for _, f := range []string{"Arrows CJK HK", "Arrows CJK JP", "Arrows CJK SC"} {
		c.add(f, false, false, false, arrow)
	}
	return c
}

func TestFallbackChoice(t *testing.T) {
	c := machine()
	s := latinOnly(t)
	s.SetFallback(Fallback{Installed: c, Read: c.read, Language: "en"})
	for _, tc := range []struct {
		r     rune
		face  Face
		want  string // family name of the chosen font
		style Style
	}{
		{alef, Face{Serif, Regular}, "Test Serif Hebrew Regular", Regular},
		{alef, Face{Serif, Bold}, "Test Serif Hebrew Bold", Bold},
		{alef, Face{Serif, Italic}, "Test Serif Hebrew Regular", Italic},
		// code takes a sans before a serif, but never the commentary hand
		{alef, Face{Mono, Regular}, "Test Sans Hebrew Regular", Regular},
		{beh, Face{Serif, Regular}, "Test Sans Arabic Regular", Regular},
		{zhong, Face{Serif, Regular}, "Noto Serif CJK SC Regular", Regular},
		{zhong, Face{Mono, Regular}, "Noto Sans Mono CJK SC Regular", Regular},
		{'Ж', Face{Serif, Regular}, "Test Serif Cyrillic Regular", Regular},
		{'Ω', Face{Serif, Italic}, "Test Serif Greek Italic", Italic},
		{'Ω', Face{Serif, Regular}, "Test Serif Cyrillic Regular", Regular},
		{smile, Face{Serif, Regular}, "Test Symbols Regular", Regular},
		{lb, Face{Serif, Regular}, "Test Symbols Regular", Regular},
	} {
		f, ok := s.Fallback(tc.face, tc.r)
		if !ok {
			t.Errorf("%q in %s: no fallback", tc.r, tc.face)
			continue
		}
		if got := s.Describe(f).Name; got != tc.want || f.Style != tc.style || !s.HasGlyph(f, tc.r) {
			t.Errorf("%q in %s: %s (%s, has glyph %v), want %s", tc.r, tc.face, got, f, s.HasGlyph(f, tc.r), tc.want)
		}
		if w := s.Advance(f, tc.r); w < 0.5999 || w > 0.6001 {
			t.Errorf("%q: advance %.3f from the fallback font, want 0.6", tc.r, w)
		}
	}
	if _, ok := s.Fallback(Face{Serif, Regular}, 'ᚠ'); ok {
		t.Error("no installed font has runes; Fallback found one")
	}
	if n := len(s.FallbackFonts()); n < 8 {
		t.Errorf("%d fallback fonts listed: %v", n, s.FallbackFonts())
	}
}

// TestFallbackRegion: ideographs take the regional forms of the book's
// language.
func TestFallbackRegion(t *testing.T) {
	for lang, want := range map[string]string{"ja": "Noto Serif CJK JP Regular", "zh-Hans": "Noto Serif CJK SC Regular", "fr": "Noto Serif CJK SC Regular"} {
		c := machine()
		s := latinOnly(t)
		s.SetFallback(Fallback{Installed: c, Read: c.read, Language: lang})
		f, _ := s.Fallback(Face{Serif, Regular}, kana)
		if got := s.Describe(f).Name; got != want {
			t.Errorf("%s: kana from %s, want %s", lang, got, want)
		}
	}
}

// TestFallbackRegionPerPassage: a passage's own language chooses the
// regional forms, whatever the book's; the same character may then come
// from two fonts in one book.
func TestFallbackRegionPerPassage(t *testing.T) {
	c := machine()
	s := latinOnly(t)
	s.SetFallback(Fallback{Installed: c, Read: c.read, Language: "en"})
	for _, tc := range []struct {
		lang string
		r    rune
		want string
	}{
		{"ja", zhong, "Noto Serif CJK JP Regular"},
		{"ja", kana, "Noto Serif CJK JP Regular"},
		// kana's marks that Unicode gives to no one script, and a square
		// abbreviation, as the kana around them
		{"ja", longVowel, "Noto Serif CJK JP Regular"},
		{"ja", kanaDot, "Noto Serif CJK JP Regular"},
		{"ja", squareKK, "Noto Serif CJK JP Regular"},
		{"zh", longVowel, "Noto Serif CJK SC Regular"},
		{"zh", zhong, "Noto Serif CJK SC Regular"},
		{"", zhong, "Noto Serif CJK SC Regular"},
		{"ja", alef, "Test Serif Hebrew Regular"},
		// a character all the CJK fonts draw alike comes from the
		// passage's own, not the one named first
		{"ja", arrow, "Arrows CJK JP Regular"},
		{"en", arrow, "Arrows CJK SC Regular"},
		{"zh-HK", arrow, "Arrows CJK HK Regular"},
	} {
		f, _ := s.FallbackFor(Face{Serif, Regular}, tc.r, tc.lang)
		if got := s.Describe(f).Name; got != tc.want {
			t.Errorf("%q in %q: from %s, want %s", tc.r, tc.lang, got, tc.want)
		}
	}
}

// TestFallbackOrderFree: what was asked before never changes a choice.
func TestFallbackOrderFree(t *testing.T) {
	asks := []rune{'Ω', 'Ж', zhong, kana, alef}
	choice := func(order []rune) map[rune]string {
		c := machine()
		s := latinOnly(t)
		s.SetFallback(Fallback{Installed: c, Read: c.read})
		out := map[rune]string{}
		for _, r := range order {
			f, _ := s.Fallback(Face{Serif, Regular}, r)
			out[r] = s.Describe(f).Name
		}
		return out
	}
	a := choice(asks)
	rev := append([]rune(nil), asks...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	b := choice(rev)
	for _, r := range asks {
		if a[r] != b[r] {
			t.Errorf("%q: %s asked first, %s asked last", r, a[r], b[r])
		}
	}
}

// TestFallbackUserFirst: the book's own fallback fonts come before the
// machine's, in their order.
func TestFallbackUserFirst(t *testing.T) {
	c := machine()
	s := latinOnly(t)
	mine := fontstest.Font{Name: "Book Hebrew", Advances: map[rune]int{alef: 700}}.Bytes()
	other := fontstest.Font{Name: "Book Other", Advances: map[rune]int{alef: 800, 'Ж': 800}}.Bytes()
	s.SetFallback(Fallback{Fonts: []File{{"fonts/a.ttf", mine}, {"fonts/b.ttf", other}}, Installed: c, Read: c.read})
	for r, want := range map[rune]string{alef: "Book Hebrew Regular", 'Ж': "Book Other Regular", beh: "Test Sans Arabic Regular"} {
		f, ok := s.Fallback(Face{Serif, Bold}, r)
		if got := s.Describe(f).Name; !ok || got != want {
			t.Errorf("%q from %s, want %s", r, got, want)
		}
	}
	if got := s.Describe(mustFallback(t, s, alef)).Path; got != "fonts/a.ttf" {
		t.Errorf("path %q", got)
	}
}

func mustFallback(t *testing.T, s *Set, r rune) Face {
	t.Helper()
	f, ok := s.Fallback(Face{Serif, Regular}, r)
	if !ok {
		t.Fatalf("no fallback for %q", r)
	}
	return f
}

// TestFallbackSkipsUnusable: a font that cannot be read, or has no
// outlines, is passed over for the next.
func TestFallbackSkipsUnusable(t *testing.T) {
	c := &testCatalog{files: map[string][]byte{}}
	c.add("Test Serif Hebrew", false, false, false, alef)
	c.fonts = append([]Installed{
		{Path: "/fonts/gone.ttf", Family: "A Gone Serif", Weight: 80, Charset: []RuneRange{{alef, alef}}},
		{Path: "/fonts/junk.ttf", Family: "A Junk Serif", Weight: 80, Charset: []RuneRange{{alef, alef}}},
	}, c.fonts...)
	c.files["/fonts/junk.ttf"] = []byte("not a font")
	s := latinOnly(t)
	s.SetFallback(Fallback{Installed: c, Read: c.read})
	if got := s.Describe(mustFallback(t, s, alef)).Name; got != "Test Serif Hebrew Regular" {
		t.Errorf("chose %s", got)
	}
	// No catalog at all: no fallback, and the reason is kept.
	s = latinOnly(t)
	s.SetFallback(Fallback{Installed: &testCatalog{err: errors.New("fc-list: not found")}})
	if _, ok := s.Fallback(Face{Serif, Regular}, alef); ok || s.InstalledError() == nil {
		t.Errorf("fallback without fonts: ok, error %v", s.InstalledError())
	}
}

func TestFontconfigList(t *testing.T) {
	out := "/usr/share/fonts/NotoSerifHebrew-Regular.ttf\t0\tNoto Serif Hebrew\tRegular\t80\t0\t\t20 5d0-5ea fb1d\n" +
		"/usr/share/fonts/NotoSansCJK-Bold.ttc\t2\tNoto Sans CJK SC\tBold\t200\t0\t\t20-7e 4e00-9fff\n" +
		"/usr/share/fonts/NotoSansMono-Regular.ttf\t0\tNoto Sans Mono\tRegular\t[40 210]\t0\t100\t20-7e\n" +
		"broken line\n" +
		"/x.ttf\tnot-a-number\tX\tRegular\t80\t0\t\t20\n"
	var gotArgs []string
	cat := Fontconfig(func(name string, args ...string) ([]byte, error) {
		gotArgs = append([]string{name}, args...)
		return []byte(out), nil
	})
	list, err := cat.Installed()
	if err != nil {
		t.Fatal(err)
	}
	if len(gotArgs) != 3 || gotArgs[0] != "fc-list" || gotArgs[1] != "--format" {
		t.Errorf("ran %q", gotArgs)
	}
	if len(list) != 3 {
		t.Fatalf("%d fonts: %+v", len(list), list)
	}
	he, cjk, mono := list[0], list[1], list[2]
	if !he.Covers(0x5D0) || !he.Covers(0x5EA) || he.Covers(0x5EB) || !he.Covers(0xFB1D) || he.Covers('a') {
		t.Errorf("Hebrew charset %v", he.Charset)
	}
	if cjk.Index != 2 || cjk.Weight != 200 || !cjk.Covers(zhong) {
		t.Errorf("CJK %+v", cjk)
	}
	if !mono.Mono || mono.Weight != 40 {
		t.Errorf("mono %+v", mono)
	}
	_, err = Fontconfig(func(string, ...string) ([]byte, error) { return nil, exec.ErrNotFound }).Installed()
	if err == nil || !strings.Contains(err.Error(), "fc-list") {
		t.Errorf("err = %v", err)
	}
}

// TestEmbeddingSubset: a face is embedded as a font of just the glyphs
// drawn, each reached by its own code point, ligatures included, so the
// PDF library never parses the face's whole file.
func TestEmbeddingSubset(t *testing.T) {
	s, err := Load(EmbeddedFiles())
	if err != nil {
		t.Fatal(err)
	}
	face := Face{Serif, Regular}
	runes := []rune("Aé\uFB01Ж")
	e, err := s.Embedding(face, runes)
	if err != nil {
		t.Fatal(err)
	}
	if !e.Subset || e.Codes != nil || len(e.Data) >= len(s.Data(face))/10 {
		t.Fatalf("subset %v, codes %v, %d bytes of %d", e.Subset, e.Codes, len(e.Data), len(s.Data(face)))
	}
	out, err := sfnt.Parse(e.Data)
	if err != nil {
		t.Fatal(err)
	}
	if n := out.NumGlyphs(); n != len(runes)+1 {
		t.Errorf("%d glyphs, want %d and .notdef", n, len(runes))
	}
	var b sfnt.Buffer
	for _, r := range runes {
		gi, err := out.GlyphIndex(&b, r)
		if err != nil || gi == 0 {
			t.Errorf("%U: no glyph (%v)", r, err)
			continue
		}
		got, err := out.GlyphAdvance(&b, gi, fixed.I(1000), 0)
		if err != nil {
			t.Fatal(err)
		}
		if want := s.Advance(face, r) * 1000; math.Abs(float64(got)/64-want) > 1 {
			t.Errorf("%U: advance %v, want %v", r, float64(got)/64, want)
		}
	}
}

// TestEmbeddingBeyondBMP: characters beyond U+FFFF get codes of the
// Private Use Area in a font written for them.
func TestEmbeddingBeyondBMP(t *testing.T) {
	data := fontstest.Font{Name: "Test Symbols", Advances: map[rune]int{smile: 900, lb: 700, 'a': 500, 0xE000: 400}}.Bytes()
	s, err := Load(Files{{Serif, Regular}: data})
	if err != nil {
		t.Fatal(err)
	}
	f := Face{Serif, Regular}
	e, err := s.Embedding(f, []rune{smile, 'a', lb, 0xE000})
	if err != nil {
		t.Fatal(err)
	}
	if !e.Subset || e.Code('a') != 'a' || e.Code(0xE000) != 0xE000 {
		t.Fatalf("codes %v, subset %v", e.Codes, e.Subset)
	}
	cs, cl := e.Code(smile), e.Code(lb)
	if cs < 0xE001 || cs > 0xF8FF || cl < 0xE001 || cl > 0xF8FF || cs == cl {
		t.Fatalf("codes beyond the BMP: %U %U", cs, cl)
	}
	out, err := sfnt.Parse(e.Data)
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	for _, tc := range []struct {
		code rune
		adv  int
	}{{rune(cs), 900}, {rune(cl), 700}, {'a', 500}, {0xE000, 400}} {
		gi, err := out.GlyphIndex(&b, tc.code)
		if err != nil || gi == 0 {
			t.Errorf("code %U: no glyph (%v)", tc.code, err)
			continue
		}
		adv, _ := out.GlyphAdvance(&b, gi, fixed.I(1000), 0)
		if adv.Round() != tc.adv {
			t.Errorf("code %U: advance %d, want %d", tc.code, adv.Round(), tc.adv)
		}
		bounds, _, _ := out.GlyphBounds(&b, gi, fixed.I(1000), 0)
		if bounds.Min.X.Round() != 50 || bounds.Max.X.Round() != tc.adv-50 || bounds.Min.Y.Round() != -700 {
			t.Errorf("code %U: outline %v", tc.code, bounds)
		}
	}
}

// TestWriteTrueTypeKeepsOutlines: glyphs written into a new font keep
// their advances and outlines, for TrueType and (when the machine has
// Noto CJK) PostScript outlines.
func TestWriteTrueTypeKeepsOutlines(t *testing.T) {
	s, err := Load(EmbeddedFiles())
	if err != nil {
		t.Fatal(err)
	}
	l := s.font(Face{Serif, Italic})
	checkWritten(t, l, []rune("AQg&é@ß\uFB03"))

	const cjk = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
	data, err := os.ReadFile(cjk)
	if err != nil {
		if os.Getenv("SAMIZDAT_REQUIRE_VALIDATORS") != "" {
			t.Fatalf("fonts-noto-cjk is required: %v", err)
		}
		t.Skipf("no Noto CJK on this machine: %v", err)
	}
	cl, err := parse(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkWritten(t, cl, []rune("中文字書龍あア"))
}

func checkWritten(t *testing.T, l *loaded, runes []rune) {
	t.Helper()
	var glyphs []sfnt.GlyphIndex
	codes := map[uint16]int{}
	for i, r := range runes {
		g := l.glyph(r)
		if g.id == 0 {
			t.Fatalf("source lacks %q", r)
		}
		glyphs = append(glyphs, sfnt.GlyphIndex(g.id))
		codes[uint16(0xE000+i)] = i
	}
	data, err := l.writeTrueType(glyphs, codes)
	if err != nil {
		t.Fatal(err)
	}
	out, err := sfnt.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	upm := fixed.I(int(l.unitsPerEm))
	for i, r := range runes {
		gi, err := out.GlyphIndex(&b, rune(0xE000+i))
		if err != nil || int(gi) != i+1 {
			t.Errorf("%q: code maps to glyph %d (%v), want %d", r, gi, err, i+1)
			continue
		}
		want, wantAdv, _ := l.font.GlyphBounds(&l.buf, glyphs[i], upm, 0)
		got, gotAdv, _ := out.GlyphBounds(&b, gi, upm, 0)
		if gotAdv.Round() != wantAdv.Round() {
			t.Errorf("%q: advance %d, want %d", r, gotAdv.Round(), wantAdv.Round())
		}
		for _, d := range []fixed.Int26_6{got.Min.X - want.Min.X, got.Min.Y - want.Min.Y, got.Max.X - want.Max.X, got.Max.Y - want.Max.Y} {
			if d > fixed.I(1) || d < -fixed.I(1) {
				t.Errorf("%q: bounds %v, source %v", r, got, want)
				break
			}
		}
		// the outlines trace the same shape: compare the segment ends
		ws, _ := l.font.LoadGlyph(&l.buf, glyphs[i], upm, nil)
		gs, _ := out.LoadGlyph(&b, gi, upm, nil)
		if len(ws) == 0 || len(gs) == 0 {
			t.Errorf("%q: %d segments, source %d", r, len(gs), len(ws))
		}
	}
}

// TestCheckRefusesCollections: the book's faces are single fonts; a
// collection is refused with a message saying so, and other fonts pass.
func TestCheckRefusesCollections(t *testing.T) {
	ttc := append([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10"), fontstest.Font{Name: "X", Advances: map[rune]int{'a': 500}}.Bytes()...)
	if err := Check(ttc); err == nil || err.Error() != "a font collection (.ttc): name a single font file" {
		t.Errorf("collection: %v", err)
	}
	if err := Check(fontstest.Font{Name: "X", Advances: map[rune]int{'a': 500}}.Bytes()); err != nil {
		t.Errorf("single font: %v", err)
	}
}

// Arabic text takes the Naskh, the book hand, before the Kufi or a sans.
func TestNaskhIsArabicSerif(t *testing.T) {
	p := preference{}
	naskh, kufi, sans := Installed{Family: "Noto Naskh Arabic"}, Installed{Family: "Noto Kufi Arabic"}, Installed{Family: "Noto Sans Arabic"}
	if p.compare(naskh, kufi, beh) >= 0 || p.compare(naskh, sans, beh) >= 0 {
		t.Error("Naskh is not preferred for Arabic text")
	}
}

// A bold face whose weight says regular, as Noto Serif Myanmar Bold's
// does, is known by its style and not taken for regular text; nor an
// italic by its style for upright text.
func TestStyleNamesWeightAndSlant(t *testing.T) {
	regular := Installed{Family: "Noto Serif Myanmar", Style: "Regular", Weight: 80}
	bold := Installed{Family: "Noto Serif Myanmar", Style: "Bold", Weight: 80}
	italic := Installed{Family: "Noto Serif Myanmar", Style: "Italic", Weight: 80}
	const ka = 'က'
	if (preference{}).compare(regular, bold, ka) >= 0 || (preference{}).compare(regular, italic, ka) >= 0 {
		t.Error("regular text does not take the regular face first")
	}
	if (preference{bold: true}).compare(bold, regular, ka) >= 0 {
		t.Error("bold text does not take the bold face first")
	}
	if (preference{italic: true}).compare(italic, regular, ka) >= 0 {
		t.Error("italic text does not take the italic face first")
	}
}

// TestCopyKeepsItsOwnFallback: a copy of a Set draws with its faces, and
// the fallback set on it is its own: the Set copied finds none.
func TestCopyKeepsItsOwnFallback(t *testing.T) {
	c := machine()
	s := latinOnly(t)
	cp := s.Copy()
	cp.SetFallback(Fallback{Installed: c, Read: c.read, Language: "en"})
	if _, ok := cp.Fallback(Face{Serif, Regular}, alef); !ok {
		t.Error("the copy found no fallback for alef")
	}
	if _, ok := s.Fallback(Face{Serif, Regular}, alef); ok {
		t.Error("the Set copied found the copy's fallback")
	}
	if cp.Advance(Face{Serif, Regular}, 'a') != s.Advance(Face{Serif, Regular}, 'a') || !bytes.Equal(cp.Data(Face{Serif, Regular}), s.Data(Face{Serif, Regular})) {
		t.Error("the copy draws with other faces")
	}
}

// A font that borrows a few letters of another script (Noto Serif
// Grantha has two Tamil letters) gives way to the font made for that
// script, whatever their names; for characters many scripts share, and
// where both are made for the script, the other preferences decide.
func TestFontForTheScriptFirst(t *testing.T) {
	p := preference{script: scriptOf('ப')}
	grantha := Installed{Family: "Noto Serif Grantha", Charset: []RuneRange{{0x20, 0x7E}, {0xBAA, 0xBAA}, {0xBB5, 0xBB5}, {0xBE6, 0xBF2}, {0x11300, 0x11374}}}
	tamil := Installed{Family: "Noto Serif Tamil", Charset: []RuneRange{{0x20, 0x7E}, {0xB82, 0xBFA}}}
	tamilSans := Installed{Family: "Noto Sans Tamil", Charset: []RuneRange{{0x20, 0x7E}, {0xB82, 0xBFA}}}
	if p.compare(tamil, grantha, 'ப') >= 0 || p.compare(tamilSans, grantha, 'ப') >= 0 {
		t.Error("a font with two Tamil letters is preferred to the Tamil fonts for Tamil")
	}
	if p.compare(tamil, tamilSans, 'ப') >= 0 {
		t.Error("between two Tamil fonts, the serif is not preferred")
	}
	if p := (preference{script: scriptOf('-')}); p.script != nil || p.compare(grantha, tamil, '-') >= 0 {
		t.Error("for a character of no one script, the script decides")
	}
}

// TestFallbackScriptsShareABlock: Greek and Coptic share the block of
// 128 code points at U+0380, and what a font's coverage of one script
// there was found to cost is never taken for the other's.
func TestFallbackScriptsShareABlock(t *testing.T) {
	var greek, coptic []rune
	for r := rune(0x380); r < 0x400; r++ {
		switch {
		case unicode.Is(unicode.Coptic, r):
			coptic = append(coptic, r)
		case unicode.Is(unicode.Greek, r):
			greek = append(greek, r)
		}
	}
	for _, order := range [][]rune{{coptic[1], 'Ω'}, {'Ω', coptic[1]}} {
		c := &testCatalog{files: map[string][]byte{}}
		// each has a letter of the other's script; the names put the
		// wrong one first for each
		c.add("A Serif Coptic", false, false, false, append(append([]rune(nil), coptic...), 'Ω')...)
		c.add("A Serif Greek", false, false, false, append(append([]rune(nil), greek...), coptic[1])...)
		s := latinOnly(t)
		s.SetFallback(Fallback{Installed: c, Read: c.read})
		want := map[rune]string{coptic[1]: "A Serif Coptic", 'Ω': "A Serif Greek"}
		for _, r := range order {
			f, ok := s.Fallback(Face{Serif, Regular}, r)
			if got := s.Describe(f).Name; !ok || !strings.HasPrefix(got, want[r]) {
				t.Errorf("%q asked in order %q: from %q, want %s", r, order, got, want[r])
			}
		}
	}
}

// TestEmbeddingMissingBeyondBMP: a character beyond U+FFFF the face lacks
// (an emoji no font has) is drawn as .notdef by a code of the Private Use
// Area of its own, which the font written leaves unmapped, so that the
// PDF's Unicode map can give the character back, not U+FFFD.
func TestEmbeddingMissingBeyondBMP(t *testing.T) {
	const rocket = 0x1F680
	data := fontstest.Font{Name: "Test Symbols", Advances: map[rune]int{smile: 900, 'a': 500}}.Bytes()
	s, err := Load(Files{{Serif, Regular}: data})
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.Embedding(Face{Serif, Regular}, []rune{rocket, smile, 'a'})
	if err != nil {
		t.Fatal(err)
	}
	cr, cs := e.Code(rocket), e.Code(smile)
	if cr < 0xE000 || cr > 0xF8FF || cr == cs {
		t.Fatalf("the missing character's code is %U (the present one's %U), want one of the Private Use Area of its own", cr, cs)
	}
	out, err := sfnt.Parse(e.Data)
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	if gi, err := out.GlyphIndex(&b, rune(cr)); err != nil || gi != 0 {
		t.Errorf("code %U reaches glyph %d (%v), want .notdef", cr, gi, err)
	}
	if gi, err := out.GlyphIndex(&b, rune(cs)); err != nil || gi == 0 {
		t.Errorf("code %U reaches no glyph (%v)", cs, err)
	}
}
