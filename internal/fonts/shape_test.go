package fonts

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/go-text/typesetting/di"
	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"github.com/samizdat-press/samizdat/internal/validate"
)

// Words of scripts whose letters are reordered and joined come out of
// Shape as the glyphs HarfBuzz gives, in its order, each as the glyph
// rune a face draws as that glyph: हिंदी's vowel sign i is drawn before
// the letter it follows, क्ष is one conjunct glyph.
func TestShapeIndic(t *testing.T) {
	for _, c := range []struct{ path, text, lang string }{
		{"/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf", "हिंदी", "hi"},
		{"/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf", "क्षत्रिय", "hi"},
		{"/usr/share/fonts/truetype/noto/NotoSerifDevanagari-Bold.ttf", "नमस्ते", "hi"},
		{"/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf", "বাংলা", "bn"},
	} {
		l := installedFont(t, c.path)
		// a glyph rune is a glyph only once the shaper has given it: a
		// character of the Private Use Area in the text is not drawn as
		// one
		first := GlyphRune(l.lookup([]rune(c.text)[0]).id)
		if g := l.glyph(first); g.id != 0 {
			t.Errorf("%U is drawn as glyph %d before any shaping", first, g.id)
		}
		got := l.shape(c.text, c.lang, di.DirectionLTR)

		data, _ := os.ReadFile(c.path)
		face, err := gofont.ParseTTF(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		rs := []rune(c.text)
		upem := int(face.Upem())
		want := (&shaping.HarfbuzzShaper{}).Shape(shaping.Input{Text: rs, RunEnd: len(rs), Direction: di.DirectionLTR, Face: face,
			Size: fixed.I(upem), Script: language.LookupScript(rs[0]), Language: language.NewLanguage(c.lang)}).Glyphs
		if len(got) != len(want) {
			t.Fatalf("%s: %d glyphs, HarfBuzz gives %d", c.text, len(got), len(want))
		}
		byteAt := map[int]int{}
		i := 0
		for b := range c.text {
			byteAt[i] = b
			i++
		}
		for k, g := range got {
			w := want[k]
			if g.Rune != GlyphRune(uint16(w.GlyphID)) || g.Cluster != byteAt[w.ClusterIndex] ||
				int(g.Advance*float64(upem)+0.5) != int(w.XAdvance/64) {
				t.Errorf("%s glyph %d: %U at byte %d advancing %.3f em; HarfBuzz gives glyph %d of rune %d advancing %d units",
					c.text, k, g.Rune, g.Cluster, g.Advance, w.GlyphID, w.ClusterIndex, w.XAdvance/64)
			}
			if id := l.glyph(g.Rune).id; id != uint16(w.GlyphID) {
				t.Errorf("%s: glyph rune %U is drawn as glyph %d", c.text, g.Rune, id)
			}
		}
	}
	// The shaping is not letter by letter: the pre-base vowel sign comes
	// first, and the conjunct is neither of its letters.
	l := installedFont(t, "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf")
	hindi := l.shape("हिंदी", "hi", di.DirectionLTR)
	if hindi[0].Cluster != 0 || hindi[0].Rune == GlyphRune(l.lookup('ह').id) || hindi[1].Rune != GlyphRune(l.lookup('ह').id) {
		t.Errorf("हिंदी begins %U %U, not the vowel sign i before ह (%U)", hindi[0].Rune, hindi[1].Rune, GlyphRune(l.lookup('ह').id))
	}
	ksha := l.shape("क्ष", "hi", di.DirectionLTR)
	if len(ksha) != 1 || ksha[0].Rune == GlyphRune(l.lookup('क').id) || ksha[0].Rune == GlyphRune(l.lookup('ष').id) {
		t.Errorf("क्ष is shaped as %v, not one conjunct glyph", ksha)
	}
}

// The marks of Hebrew and Arabic words are placed where HarfBuzz's own
// hb-shape places them, read from the fonts' mark attachment: Hebrew
// points under and over their letters, Arabic vowel signs and the shadda.
func TestPlaceMarksRTLAsHarfBuzz(t *testing.T) {
	hbShape := validate.Tool(t, "hb-shape")
	for _, c := range []struct{ path, text, lang string }{
		{"/usr/share/fonts/truetype/noto/NotoSerifHebrew-Regular.ttf", "שָׁלוֹם עוֹלָם בְּרֵאשִׁית", "he"},
		{"/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf", "أحرارًا عقلاً مُحَمَّدٌ", "ar"},
	} {
		l := installedFont(t, c.path)
		out, err := exec.Command(hbShape[0], "--no-glyph-names", "--direction=rtl", "--language="+c.lang, c.path, c.text).Output()
		if err != nil {
			t.Fatal(err)
		}
		// hb-shape writes [gid=cluster@x,y+advance|…], the offset only
		// when it is not zero: the moved marks are those with an
		// offset and no advance
		type offset struct{ x, y int }
		hb := map[[2]int]offset{} // glyph id and cluster: offset
		for _, g := range strings.Split(strings.Trim(strings.TrimSpace(string(out)), "[]"), "|") {
			var gid, cluster, x, y int
			if _, err := fmt.Sscanf(g, "%d=%d@%d,%d", &gid, &cluster, &x, &y); err == nil && strings.HasSuffix(g, "+0") {
				hb[[2]int{gid, cluster}] = offset{x, y}
			}
		}
		placed := l.placeMarksRTL(c.text, c.lang)
		drawn := 0
		for _, m := range placed {
			if m.Glyph != 0 {
				drawn++
			}
		}
		if drawn != len(hb) {
			t.Errorf("%s: %d marks placed, hb-shape moves %d glyphs: %v", c.text, drawn, len(hb), hb)
		}
		upem := l.unitsPerEm
		for _, m := range placed {
			r, _ := utf8.DecodeRuneInString(c.text[m.At:])
			if m.Glyph == 0 {
				continue // drawn by the glyph of the mark before it
			}
			gid := int(m.Glyph)
			runeAt := utf8.RuneCountInString(c.text[:m.At]) // hb-shape's clusters count characters
			found := false
			for k, o := range hb {
				if k[0] == gid && k[1] <= runeAt && math.Abs(m.Dx*upem-float64(o.x)) < 1 && math.Abs(m.Dy*upem-float64(o.y)) < 1 {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: %U at byte %d placed at (%.0f, %.0f), not where hb-shape puts it: %v", c.text, r, m.At, m.Dx*upem, m.Dy*upem, hb)
			}
		}
	}
}

// Outline is called from the layout's goroutines at once (formulas are
// set in parallel): each caller gets the outline a lone caller gets, as
// the segments read from the face's shared buffer are copied before
// another caller may overwrite it. Run with -race to see the buffer
// shared.
func TestOutlineConcurrent(t *testing.T) {
	s, err := Load(EmbeddedFiles())
	if err != nil {
		t.Fatal(err)
	}
	face := Face{Serif, Regular}
	var ids []uint16
	for _, r := range "ABCDEFGHIJKLMNOPQRSTUVWXYZ&@§" {
		ids = append(ids, s.GlyphID(face, r))
	}
	want := make([][]Segment, len(ids))
	for i, id := range ids {
		want[i] = s.Outline(face, id)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 50 {
				i := (g + round) % len(ids)
				if got := s.Outline(face, ids[i]); !slices.Equal(got, want[i]) {
					errs <- fmt.Sprintf("glyph %d: %d segments, want %d, or others", ids[i], len(got), len(want[i]))
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
