package fonts

import (
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/go-text/typesetting/di"
)

var update = flag.Bool("update", false, "rewrite testdata/rtl-shaped.txt from hb-shape")

// hbGlyph is one glyph as hb-shape prints it: glyph=cluster@dx,dy+advance,
// the cluster a character index, the rest in font units.
type hbGlyph struct{ id, cluster, dx, dy, adv int }

func parseHBShape(s string) ([]hbGlyph, error) {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	var out []hbGlyph
	for _, f := range strings.Split(s, "|") {
		var g hbGlyph
		id, rest, ok := strings.Cut(f, "=")
		if !ok {
			return nil, fmt.Errorf("glyph %q has no cluster", f)
		}
		rest, adv, ok := strings.Cut(rest, "+")
		if !ok {
			return nil, fmt.Errorf("glyph %q has no advance", f)
		}
		cluster, offset, moved := strings.Cut(rest, "@")
		var err error
		if g.id, err = strconv.Atoi(id); err != nil {
			return nil, err
		}
		if g.cluster, err = strconv.Atoi(cluster); err != nil {
			return nil, err
		}
		if g.adv, err = strconv.Atoi(adv); err != nil {
			return nil, err
		}
		if moved {
			if _, err := fmt.Sscanf(offset, "%d,%d", &g.dx, &g.dy); err != nil {
				return nil, fmt.Errorf("glyph %q: %v", f, err)
			}
		}
		out = append(out, g)
	}
	return out, nil
}

// Syriac and N'Ko words of real text (testdata/rtl-shaped.txt: the
// Peshitta, a vocalised chronicle, CLDR's names) shaped right to left come
// out of ShapeRTL as hb-shape gives them: the same glyphs in the order
// they are seen (Alaph's fin2 and fin3 forms, the init, medi and fina
// forms, a mark over and under as two glyphs), on the same characters,
// the marks moved by the same offsets onto their letters.
func TestShapeRTL(t *testing.T) {
	const path = "testdata/rtl-shaped.txt"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	glyphs, words := 0, 0
	for i, line := range lines {
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			t.Fatalf("%s:%d: %d fields, want 4", path, i+1, len(f))
		}
		file, lang, text := "/usr/share/fonts/truetype/noto/"+f[0], f[1], f[2]
		if *update {
			out, err := exec.Command("hb-shape", "--no-glyph-names", "--direction=rtl", "--language="+lang, file, text).Output()
			if err != nil {
				t.Fatalf("hb-shape: %v", err)
			}
			f[3] = strings.TrimSpace(string(out))
			lines[i] = strings.Join(f, "\t")
			continue
		}
		want, err := parseHBShape(f[3])
		if err != nil {
			t.Fatalf("%s:%d: %v", path, i+1, err)
		}
		l := installedFont(t, file)
		upem := l.unitsPerEm
		units := func(em float64) int { return int(math.Round(em * upem)) }
		got := l.shape(text, lang, di.DirectionRTL)
		if len(got) != len(want) {
			t.Errorf("%s:%d: %d glyphs, hb-shape gives %d", path, i+1, len(got), len(want))
			continue
		}
		runeAt := map[int]int{} // byte offset: character index
		n := 0
		for b := range text {
			runeAt[b] = n
			n++
		}
		for k, g := range got {
			w := want[k]
			if g.Rune != GlyphRune(uint16(w.id)) || runeAt[g.Cluster] != w.cluster || units(g.Advance) != w.adv ||
				units(g.XOffset) != w.dx || units(g.YOffset) != w.dy {
				t.Errorf("%s:%d glyph %d: %d=%d@%d,%d+%d; hb-shape gives %d=%d@%d,%d+%d", path, i+1, k,
					g.Rune-GlyphRune(0), runeAt[g.Cluster], units(g.XOffset), units(g.YOffset), units(g.Advance),
					w.id, w.cluster, w.dx, w.dy, w.adv)
			}
		}
		glyphs += len(got)
		words += len(strings.Fields(text))
	}
	if *update {
		if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Logf("%d words, %d glyphs as hb-shape gives them", words, glyphs)
}

// A Syriac abbreviation mark draws its bar from the font's pieces without
// the stch feature's stretch, which took the letters' advances away: the
// glyphs are those of hb-shape --features=-stch (HarfBuzz 6.0), on glibc's
// syr locale's abbreviated month names.
func TestShapeRTLAbbreviation(t *testing.T) {
	l := installedFont(t, "/usr/share/fonts/truetype/noto/NotoSansSyriac-Regular.ttf")
	for _, c := range []struct{ text, hb string }{
		{"܏ܒ", "[793=1+0|27=1+958|787=1+0|766=0+0]"},
		{"܏ܬܫ", "[793=2+0|276=2+945|772=2+0|778=1+0|288=1+743|787=1+0|766=0+0]"},
		{"܏ܟܢ", ""},
	} {
		got := l.shape(c.text, "syr", di.DirectionRTL)
		width := 0.0
		for _, g := range got {
			width += g.Advance
		}
		if width < 0.9 {
			t.Errorf("%s is %.2f em wide: its letters have lost their advances", c.text, width)
		}
		if c.hb == "" {
			continue
		}
		want, err := parseHBShape(c.hb)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d glyphs, hb-shape gives %d", c.text, len(got), len(want))
		}
		for k, g := range got {
			if w := want[k]; g.Rune != GlyphRune(uint16(w.id)) || int(math.Round(g.Advance*l.unitsPerEm)) != w.adv || g.XOffset != 0 {
				t.Errorf("%s glyph %d: %d+%.0f, hb-shape gives %d+%d", c.text, k, g.Rune-GlyphRune(0), g.Advance*l.unitsPerEm, w.id, w.adv)
			}
		}
	}
}
