package fonts

import (
	"bytes"
	"maps"
	"testing"

	"golang.org/x/image/font/sfnt"
)

// A subset holds the glyphs of the characters asked for, each reached by
// its code point, and nothing else.
func TestSubset(t *testing.T) {
	set, err := Load(EmbeddedFiles())
	if err != nil {
		t.Fatal(err)
	}
	face := Face{Family: Serif, Style: Italic}
	full := set.Data(face)
	data, err := set.Subset(face, []rune("Hello, Потёмкин! Hello again, 𝄞"))
	if err != nil {
		t.Fatal(err)
	}
	if len(data)*20 > len(full) {
		t.Errorf("the subset takes %d bytes of the face's %d", len(data), len(full))
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		t.Fatalf("the subset does not parse: %v", err)
	}
	var buf sfnt.Buffer
	distinct := map[rune]bool{}
	for _, r := range "Hello, Потёмкин! again" {
		distinct[r] = true
		if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
			t.Errorf("%q has no glyph in the subset (%v)", r, err)
		}
	}
	for _, r := range "ZxЖ" {
		if g, _ := f.GlyphIndex(&buf, r); g != 0 {
			t.Errorf("%q, not asked for, has glyph %d", r, g)
		}
	}
	if n := f.NumGlyphs(); n != len(distinct)+1 {
		t.Errorf("%d glyphs, want %d and .notdef", n, len(distinct))
	}
	b, err := f.Bounds(&buf, 1000, 0)
	if err != nil || b.Empty() {
		t.Errorf("the subset's bounds %v (%v)", b, err)
	}
}

// Copies of one set (the editions built together) share the subsets
// written: the same runes, in any order, give the one embedding, with the
// bytes a set of its own writes; other runes another.
func TestEmbeddingShared(t *testing.T) {
	set, err := Load(EmbeddedFiles())
	if err != nil {
		t.Fatal(err)
	}
	face := Face{Family: Serif, Style: Regular}
	a, err := set.Copy().Embedding(face, []rune("Opposition𝄞"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := set.Copy().Embedding(face, []rune("𝄞noitisoppO"))
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Error("two copies of a set wrote one subset twice")
	}
	alone, err := Load(EmbeddedFiles())
	if err != nil {
		t.Fatal(err)
	}
	own, err := alone.Embedding(face, []rune("Opposition𝄞"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(own.Data, a.Data) || !maps.Equal(own.Codes, a.Codes) || own.Subset != a.Subset {
		t.Error("a shared subset differs from the one a set of its own writes")
	}
	c, err := set.Embedding(face, []rune("Opposit"))
	if err != nil {
		t.Fatal(err)
	}
	if c == a || bytes.Equal(c.Data, a.Data) {
		t.Error("other runes were given the same subset")
	}
}
