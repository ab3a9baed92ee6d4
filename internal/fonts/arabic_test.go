package fonts

import (
	"os"
	"testing"

	"github.com/samizdat-press/samizdat/internal/lang"
)

// installedFont reads a font of fonts-noto-core, which CI installs.
func installedFont(t *testing.T, path string) *loaded {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("SAMIZDAT_REQUIRE_VALIDATORS") != "" {
			t.Fatalf("fonts-noto-core is required: %v", err)
		}
		t.Skipf("no %s on this machine: %v", path, err)
	}
	l, err := parse(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// The joined forms of Arabic letters are drawn with the glyphs the font's
// init, medi, fina and isol features (and its lam-alef ligatures) give,
// which are the glyphs its cmap maps the presentation forms to: so a font
// without those cmap entries draws the same.
func TestJoinedFormsFromGSUB(t *testing.T) {
	l := installedFont(t, "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf")
	text := lang.ShapeArabic("يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق. وقد وهبوا عقلاً وضميرًا وعليهم أن يعامل بعضهم بعضًا بروح الإخاء.", 0, 0)
	checked := 0
	for _, r := range text {
		if _, _, ok := lang.ArabicLetters(r); !ok {
			continue
		}
		byCmap := l.lookup(r)
		byGSUB := l.joinedForm(r)
		if byCmap.id == 0 || byGSUB.id != byCmap.id {
			t.Errorf("%U: cmap gives glyph %d, the GSUB features %d", r, byCmap.id, byGSUB.id)
		}
		checked++
	}
	if checked < 80 {
		t.Errorf("only %d forms checked", checked)
	}
	if g := l.joinedForm('a'); g.id != 0 {
		t.Errorf("a Latin letter has a joined form: %d", g.id)
	}
}
