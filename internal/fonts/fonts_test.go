package fonts

import "testing"

func TestEmbeddedMetrics(t *testing.T) {
	s, err := Load(EmbeddedFiles())
	if err != nil {
		t.Fatal(err)
	}
	serif := Face{Serif, Regular}
	if !s.HasGlyph(serif, 'Ж') || !s.HasGlyph(serif, '“') {
		t.Error("Noto Serif should cover Cyrillic and typographic quotes")
	}
	if s.HasGlyph(serif, '\u4e2d') {
		t.Error("Noto Serif has no CJK glyphs; HasGlyph should say so")
	}
	if w := s.Width(serif, "m"); w < 0.7 || w > 1.0 {
		t.Errorf("width of m = %.3f em, want about 0.9", w)
	}
	if s.Width(serif, "i") >= s.Width(serif, "m") {
		t.Error("i should be narrower than m in a proportional face")
	}
	mono := Face{Mono, Regular}
	if s.Width(mono, "i") != s.Width(mono, "m") {
		t.Error("mono face should have equal advances")
	}
	if s.Data(Face{Mono, Italic}) == nil {
		t.Error("mono italic should fall back to a real face")
	}
	if a, d := s.Ascent(serif), s.Descent(serif); a <= 0.5 || d <= 0.1 {
		t.Errorf("ascent %.3f descent %.3f look wrong", a, d)
	}
}

func TestLoadNeedsRegular(t *testing.T) {
	if _, err := Load(Files{}); err == nil || err.Error() != "fonts: no regular text face" {
		t.Fatalf("err = %v", err)
	}
}

func BenchmarkLoad(b *testing.B) {
	files := EmbeddedFiles()
	for i := 0; i < b.N; i++ {
		if _, err := Load(files); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCheck(t *testing.T) {
	good := EmbeddedFiles()[Face{Family: Serif, Style: Regular}]
	if err := Check(good); err != nil {
		t.Errorf("the embedded serif: %v", err)
	}
	for name, data := range map[string][]byte{"empty": nil, "text": []byte("not a font"), "truncated": good[:len(good)/3]} {
		if err := Check(data); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
