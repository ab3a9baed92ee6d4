package lang

import (
	"fmt"
	"strings"
	"testing"
)

// udhrAr is the opening of the Universal Declaration of Human Rights in
// Arabic.
const udhrAr = "يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق. وقد وهبوا عقلاً وضميرًا وعليهم أن يعامل بعضهم بعضًا بروح الإخاء."

func codes(s string) string {
	var b []string
	for _, r := range s {
		b = append(b, fmt.Sprintf("%04X", r))
	}
	return strings.Join(b, " ")
}

// Letters take the form their neighbours call for; lam and alef make one
// ligature; a letter that never joins the next leaves it initial or
// isolated.
func TestShapeArabic(t *testing.T) {
	for _, tc := range []struct {
		word, want string
	}{
		{"جميع", "FE9F FEE4 FEF4 FECA"},                   // initial, medial, medial, final
		{"الناس", "FE8D FEDF FEE8 FE8E FEB1"},             // alef never joins the lam after it
		{"الإخاء", "FE8D FEF9 FEA7 FE8E FE80"},            // lam-alef with hamza below; hamza stands alone
		{"أحرارًا", "FE83 FEA3 FEAE FE8D FEAD 064B FE8D"}, // reh and alef never join the next letter
		{"لا", "FEFB"},
		{"فلا", "FED3 FEFC"}, // the ligature's final form
		{"a ب", "0061 0020 FE8F"},
		{"بًب", "FE91 064B FE90"}, // a vowel mark does not break joining
	} {
		if got := codes(ShapeArabic(tc.word, 0, 0)); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.word, got, tc.want)
		}
	}
	// Joining looks through the characters around a piece of a word.
	if got := codes(ShapeArabic("م", 'ج', 'ي')); got != "FEE4" {
		t.Errorf("a medial meem between pieces: %s", got)
	}
}

// Every presentation form shaped gives back its letters, so a PDF's
// Unicode map can copy out the text as written.
func TestArabicLettersRoundTrip(t *testing.T) {
	shaped := ShapeArabic(udhrAr, 0, 0)
	var back strings.Builder
	changed := 0
	for _, r := range shaped {
		if l, _, ok := ArabicLetters(r); ok {
			back.WriteString(l)
			changed++
			continue
		}
		back.WriteRune(r)
	}
	if back.String() != udhrAr {
		t.Errorf("round trip:\n%s\n%s", back.String(), udhrAr)
	}
	if changed < 80 {
		t.Errorf("only %d letters shaped", changed)
	}
	for _, r := range udhrAr {
		if r >= 0x0621 && r <= 0x064A && !ArabicJoins(r) {
			t.Errorf("%c (%U) has no forms", r, r)
		}
	}
	if l, f, ok := ArabicLetters(0xFEFC); !ok || l != "لا" || f != Final {
		t.Errorf("U+FEFC: %q %v %v", l, f, ok)
	}
	if ArabicJoins('\u0750') {
		t.Error("U+0750 has no presentation forms, yet joins")
	}
}
