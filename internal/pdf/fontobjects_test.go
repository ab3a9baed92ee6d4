package pdf

import (
	"fmt"
	"math"
	"regexp"
	"sync"
	"testing"

	"github.com/samizdat-press/samizdat/internal/fonts"
)

// TestFontProgram: the widths of the codes drawn are the advances the
// layout measured with, in thousandths of an em; a character the face
// lacks has no glyph, so takes /DW; the descriptor's flags say italic,
// bold and fixed pitch; and the program is read once however many
// documents at once embed it.
func TestFontProgram(t *testing.T) {
	faces := testFaces(t)
	text := "Hello, wörld — ﬁne 😀"
	for _, tc := range []struct {
		face  fonts.Face
		name  string
		flags int
	}{
		{fonts.Face{Family: fonts.Serif, Style: fonts.Regular}, "NotoSerif-Regular", 4},
		{fonts.Face{Family: fonts.Serif, Style: fonts.Italic}, "NotoSerif-Italic", 4 | 64},
		{fonts.Face{Family: fonts.Serif, Style: fonts.Bold}, "NotoSerif-Bold", 4 | 1<<18},
		{fonts.Face{Family: fonts.Mono, Style: fonts.Regular}, "NotoSansMono-Regular", 4 | 1},
	} {
		emb, err := faces.Embedding(tc.face, []rune(text))
		if err != nil {
			t.Fatal(err)
		}
		var progs [4]*fontProgram
		var wg sync.WaitGroup
		for i := range progs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				progs[i], _ = programOf(emb)
			}()
		}
		wg.Wait()
		fp := progs[0]
		if fp == nil || fp.err != nil || progs[1] != fp || progs[2] != fp || progs[3] != fp {
			t.Fatalf("%s: programs %v (%v)", tc.face, progs, fp.err)
		}
		if !regexp.MustCompile(`^[A-Z]{6}\+` + tc.name + `$`).MatchString(string(fp.name)) {
			t.Errorf("%s: named %q", tc.face, fp.name)
		}
		if fp.flags != tc.flags || fp.ascent <= 0 || fp.descent >= 0 || fp.capHeight <= 0 || fp.bbox[2] <= fp.bbox[0] {
			t.Errorf("%s: flags %d, ascent %d, descent %d, cap height %d, box %v", tc.face, fp.flags, fp.ascent, fp.descent, fp.capHeight, fp.bbox)
		}
		for _, r := range text {
			g := fp.glyph(emb.Code(r))
			if !faces.HasGlyph(tc.face, r) {
				if g != 0 {
					t.Errorf("%s: %q, which the face lacks, drawn by glyph %d", tc.face, r, g)
				}
				continue
			}
			if g == 0 {
				t.Errorf("%s: no glyph for %q", tc.face, r)
				continue
			}
			if want := int(math.Round(1000 * faces.Advance(tc.face, r))); fp.widths[g] != want {
				t.Errorf("%s: %q is %d wide, the layout's %d", tc.face, r, fp.widths[g], want)
			}
		}
	}
}

// TestWidthArray: consecutive codes of one width are a range, of several
// an array; codes without a glyph are left to /DW.
func TestWidthArray(t *testing.T) {
	fp := &fontProgram{glyphs: []uint16{0x41: 1, 0x42: 1, 0x43: 2, 0x45: 3, 0x46: 3, 0x47: 3}, widths: []int{0, 600, 500, 250}}
	got := fmt.Sprint(fp.widthArray([]uint16{0x20, 0x41, 0x42, 0x43, 0x45, 0x46, 0x47, 0x2000}))
	if want := "[65 [600 600 500] 69 71 250]"; got != want {
		t.Errorf("widths %s, want %s", got, want)
	}
}

// TestParseProgramErrors: a program that cannot be read says why.
func TestParseProgramErrors(t *testing.T) {
	dir := func(tables ...string) []byte {
		b := []byte{0, 1, 0, 0, 0, byte(len(tables)), 0, 0, 0, 0, 0, 0}
		for _, tag := range tables {
			b = append(b, tag...)
			b = append(b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) // empty, at 0
		}
		return b
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "font program too short"},
		{"CFF", append([]byte("OTTO"), make([]byte, 12)...), "font program is not a TrueType font"},
		{"directory cut", dir("head", "hhea")[:20], "font program's table directory is cut short"},
		{"table outside", append(dir("head")[:20], 0, 0, 1, 0, 0, 0, 0, 4), `font program's "head" table lies outside it`},
		{"tables empty", dir("head", "hhea", "maxp"), "font program lacks its head, hhea or maxp table"},
	} {
		_, err := parseProgram(tc.data)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}

func FuzzParseProgram(f *testing.F) {
	faces := testFaces(f)
	for _, face := range []fonts.Face{{Family: fonts.Serif}, {Family: fonts.Mono, Style: fonts.Bold}} {
		emb, err := faces.Embedding(face, []rune("Ab ﬁ"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(emb.Data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fp, err := parseProgram(data)
		if err != nil {
			return
		}
		for c, g := range fp.glyphs {
			if int(g) >= len(fp.widths) {
				t.Fatalf("code %04X drawn by glyph %d of %d", c, g, len(fp.widths))
			}
		}
	})
}
