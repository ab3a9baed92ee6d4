package fonts

import (
	"encoding/binary"
	"testing"
)

// The expected kerning values were read from the embedded Noto Serif files
// with fontTools (GPOS lookup 0, pair adjustment formats 1 and 2).
func TestNotoSerifKerning(t *testing.T) {
	s, err := Load(EmbeddedFiles())
	if err != nil {
		t.Fatal(err)
	}
	serif := Face{Serif, Regular}
	for _, tc := range []struct {
		pair string
		want float64
	}{
		{"AV", -0.080}, {"To", -0.050}, {"r,", -0.130}, {"r.", -0.130},
		{"P.", -0.120}, {"LT", -0.070}, {"Yo", -0.070},
		{"av", 0}, {"fi", 0}, {"ab", 0},
	} {
		r := []rune(tc.pair)
		if got := s.Kern(serif, r[0], r[1]); !near(got, tc.want) {
			t.Errorf("Kern(%q) = %.4f em, want %.4f", tc.pair, got, tc.want)
		}
	}
	if got := s.Kern(Face{Mono, Regular}, 'A', 'V'); got != 0 {
		t.Errorf("mono faces have no kerning; Kern(AV) = %.4f", got)
	}
	for _, f := range []Face{{Serif, Italic}, {Serif, Bold}, {Serif, BoldItalic}} {
		if s.Kern(f, 'A', 'V') >= 0 {
			t.Errorf("%s: no kerning for AV", f)
		}
	}
}

func TestNotoSerifLigatures(t *testing.T) {
	s, err := Load(EmbeddedFiles())
	if err != nil {
		t.Fatal(err)
	}
	serif, mono := Face{Serif, Regular}, Face{Mono, Regular}
	for _, lig := range StandardLigatures {
		if !s.HasGlyph(serif, lig.Form) {
			t.Errorf("Noto Serif should have the %s ligature", lig.Letters)
		}
		if s.HasGlyph(mono, lig.Form) {
			t.Errorf("Noto Sans Mono has no %s ligature", lig.Letters)
		}
		if got := LigatureLetters(lig.Form); got != lig.Letters {
			t.Errorf("LigatureLetters(%U) = %q", lig.Form, got)
		}
		// A ligature is narrower than its letters set apart.
		if w, sep := s.Advance(serif, lig.Form), s.Width(serif, lig.Letters); !(w > 0 && w <= sep) {
			t.Errorf("%s ligature is %.3f em, its letters %.3f", lig.Letters, w, sep)
		}
	}
	if LigatureLetters('f') != "" {
		t.Error("f is no ligature")
	}
	// Noto Serif maps the presentation forms to the same glyphs its liga
	// feature substitutes; the feature is read first.
	if s.GlyphID(serif, '\uFB01') == 0 || s.GlyphID(serif, '\uFB01') == s.GlyphID(serif, 'f') {
		t.Error("fi ligature glyph not found")
	}
}

func near(a, b float64) bool { return a-b < 1e-6 && b-a < 1e-6 }

// otlBuilder assembles the big-endian tables of the synthetic tests.
type otlBuilder []byte

func (b otlBuilder) u16(vs ...int) otlBuilder {
	for _, v := range vs {
		b = binary.BigEndian.AppendUint16(b, uint16(v))
	}
	return b
}

func (b otlBuilder) u32(v int) otlBuilder { return binary.BigEndian.AppendUint32(b, uint32(v)) }

// gposWith builds a GPOS table whose `kern` feature has one lookup of the
// given type with the given subtables (each already built, placed one
// after the other).
func gposWith(lookupType int, subtables ...otlBuilder) []byte {
	// header (10) | script list (2: none) | feature list | lookup list
	featureList := otlBuilder{}.u16(1)
	featureList = append(featureList, 'k', 'e', 'r', 'n')
	featureList = featureList.u16(8)       // feature at offset 8 from the list
	featureList = featureList.u16(0, 1, 0) // params, lookup count, lookup 0
	lookup := otlBuilder{}.u16(lookupType, 0, len(subtables))
	off := 6 + 2*len(subtables)
	for _, st := range subtables {
		lookup = lookup.u16(off)
		off += len(st)
	}
	for _, st := range subtables {
		lookup = append(lookup, st...)
	}
	lookupList := otlBuilder{}.u16(1, 4)
	lookupList = append(lookupList, lookup...)
	scriptList := otlBuilder{}.u16(0)
	h := otlBuilder{}.u32(0x00010000)
	sl := 10
	fl := sl + len(scriptList)
	ll := fl + len(featureList)
	h = h.u16(sl, fl, ll)
	h = append(h, scriptList...)
	h = append(h, featureList...)
	return append(h, lookupList...)
}

// pairFormat1 kerns glyph 1 before glyph 2 by v12 and glyph 1 before 3 by
// v13 (XAdvance of the first glyph only).
func pairFormat1(v12, v13 int) otlBuilder {
	st := otlBuilder{}.u16(1, 12, 0x4, 0, 1, 18) // coverage at 12, one pair set at 18
	st = st.u16(1, 1, 1)                         // coverage format 1: glyph 1
	return st.u16(2, 2, v12, 3, v13)             // pair set: (2, v12), (3, v13)
}

// pairFormat2 puts glyph 1 in class 1 on the left and glyphs 2 and 3 in
// class 1 on the right, kerned by v.
func pairFormat2(v int) otlBuilder {
	st := otlBuilder{}.u16(2, 24, 0x4, 0, 30, 38, 2, 2) // coverage, formats, classdefs, 2×2 classes
	st = st.u16(0, 0, 0, v)                             // matrix
	st = st.u16(1, 1, 1)                                // coverage: glyph 1
	st = st.u16(1, 1, 1, 1)                             // class 1: glyph 1 is class 1
	return st.u16(1, 2, 2, 1, 1)                        // class 2: glyphs 2, 3 are class 1
}

func extension(typ int, st otlBuilder) otlBuilder {
	return append(otlBuilder{}.u16(1, typ).u32(8), st...)
}

func TestPairKerningTables(t *testing.T) {
	for _, tc := range []struct {
		name          string
		gpos          []byte
		k12, k13, k21 int
	}{
		{"format 1", gposWith(2, pairFormat1(-50, -20)), -50, -20, 0},
		{"format 2", gposWith(2, pairFormat2(-70)), -70, -70, 0},
		// a format 1 pair, even of value 0, is an exception to the classes after it
		{"exceptions first", gposWith(2, pairFormat1(-50, 0), pairFormat2(-70)), -50, 0, 0},
		{"extension", gposWith(9, extension(2, pairFormat1(-50, -20)), extension(2, pairFormat2(-70))), -50, -20, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tabs, ok := readGPOSKerning(tc.gpos, 4)
			if !ok || len(tabs) == 0 {
				t.Fatalf("table not read (ok %v, %d subtables)", ok, len(tabs))
			}
			k := &kerning{tables: tabs}
			if got := k.kern(1, 2); got != tc.k12 {
				t.Errorf("kern(1,2) = %d, want %d", got, tc.k12)
			}
			if got := k.kern(1, 3); got != tc.k13 {
				t.Errorf("kern(1,3) = %d, want %d", got, tc.k13)
			}
			if got := k.kern(2, 1); got != tc.k21 {
				t.Errorf("kern(2,1) = %d, want %d", got, tc.k21)
			}
		})
	}
}

func TestKernTable(t *testing.T) {
	kern := otlBuilder{}.u16(0, 1)           // version 0, one subtable
	kern = kern.u16(0, 6+8+2*6, 0x0001)      // version, length, horizontal format 0
	kern = kern.u16(2, 12, 1, 0)             // two pairs; search fields
	kern = kern.u16(1, 2).u16(uint16Of(-40)) // (1,2) -40
	kern = kern.u16(3, 4).u16(30)            // (3,4) +30
	pairs := readKernTable(kern)
	k := &kerning{legacy: pairs}
	if k.kern(1, 2) != -40 || k.kern(3, 4) != 30 || k.kern(2, 1) != 0 {
		t.Errorf("kern table pairs = %v", pairs)
	}
	// Apple's layout is not read: no pairs rather than wrong ones.
	if got := readKernTable(otlBuilder{}.u32(0x00010000).u32(0)); got != nil {
		t.Errorf("Apple kern table read as %v", got)
	}
}

func uint16Of(v int) int { return int(uint16(int16(v))) }

func TestLigatureTable(t *testing.T) {
	// One LigatureSubst subtable: glyph 1 (f) + 2 (i) -> 10; 1+1 -> 11; 1+1+2 -> 12.
	st := otlBuilder{}.u16(1, 8, 1, 14) // format, coverage at 8, one set at 14
	st = st.u16(1, 1, 1)                // coverage: glyph 1
	// ligature set at 14: three ligatures
	set := otlBuilder{}.u16(3, 8, 14, 20)
	set = set.u16(10, 2, 2)    // fi
	set = set.u16(11, 2, 1)    // ff
	set = set.u16(12, 3, 1, 2) // ffi
	st = append(st, set...)
	gsub := gposWith(4, st)
	// gposWith names the feature kern; a GSUB's is liga
	copy(gsub[10+2+2:], "liga")
	got := readLigatures(gsub, 20, [][]int{{1, 1, 2}, {1, 1}, {1, 2}, {1, 3}, nil})
	want := []int{12, 11, 10, 0, 0}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("ligatures = %v, want %v", got, want)
			break
		}
	}
}

// Fonts come from users and from the machine: no table may crash the reader.
func FuzzLayoutTables(f *testing.F) {
	f.Add(gposWith(2, pairFormat1(-50, -20)))
	f.Add(gposWith(9, extension(2, pairFormat2(-70))))
	f.Add([]byte(otlBuilder{}.u16(0, 1, 0, 20, 1, 1, 6, 0)))
	f.Fuzz(func(t *testing.T, b []byte) {
		if tabs, ok := readGPOSKerning(b, 8); ok {
			k := &kerning{tables: tabs}
			for a := -1; a < 9; a++ {
				for c := -1; c < 9; c++ {
					k.kern(a, c)
				}
			}
		}
		(&kerning{legacy: readKernTable(b)}).kern(1, 2)
		readLigatures(b, 8, [][]int{{1, 2}, {1, 1, 2}})
		tables(b, 0)
		tables(b, 3)
	})
}

func BenchmarkKern(b *testing.B) {
	s, err := Load(EmbeddedFiles())
	if err != nil {
		b.Fatal(err)
	}
	text := []rune("The Workers' Opposition, AVANT-GARDE: “To-day,” wrote Kollontai.")
	f := Face{Serif, Regular}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := 1; j < len(text); j++ {
			s.Kern(f, text[j-1], text[j])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*(len(text)-1)), "ns/pair")
}

// TestKernRows: the row cache answers as the pair tables do.
func TestKernRows(t *testing.T) {
	s, err := Load(EmbeddedFiles())
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune("AVTWYLPFro.,;:-–“”‘’ayeéÅÆŒΑΒΓΤΥАГТУ\uFB00\uFB01\uFB02\uFB03\uFB04")
	for _, f := range []Face{{Serif, Regular}, {Serif, Italic}, {Serif, Bold}, {Serif, BoldItalic}} {
		l := s.faces[f.index()]
		nonzero := 0
		for _, a := range runes {
			for _, b := range runes {
				ga, gb := l.glyph(a), l.glyph(b)
				want := float64(l.kern.kern(int(ga.id), int(gb.id))) / l.unitsPerEm
				if got := s.Kern(f, a, b); float32(got) != float32(want) {
					t.Errorf("%s: Kern(%q, %q) = %v, tables say %v", f, a, b, got, want)
				}
				if want != 0 {
					nonzero++
				}
			}
		}
		if nonzero < 20 {
			t.Errorf("%s: only %d kerned pairs among the test runes", f, nonzero)
		}
	}
}
