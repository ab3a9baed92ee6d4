package fonts

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/fonts/fontstest"
)

const notoColorEmoji = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"

// emojiSet is a Set whose body face has a, space and ❤ (U+2764) and whose
// fallback is Noto Color Emoji; the test is skipped without it.
func emojiSet(t *testing.T) *Set {
	t.Helper()
	data, err := os.ReadFile(notoColorEmoji)
	if err != nil {
		if os.Getenv("SAMIZDAT_REQUIRE_VALIDATORS") != "" {
			t.Fatalf("fonts-noto-color-emoji is required: %v", err)
		}
		t.Skipf("no %s on this machine: %v", notoColorEmoji, err)
	}
	body := fontstest.Font{Name: "Test Body", Advances: map[rune]int{'a': 500, ' ': 250, '\u2764': 800}}.Bytes()
	s, err := Load(Files{{Serif, Regular}: body})
	if err != nil {
		t.Fatal(err)
	}
	s.SetFallback(Fallback{Fonts: []File{{Name: notoColorEmoji, Data: data}}})
	return s
}

func TestColorEmojis(t *testing.T) {
	s := emojiSet(t)
	if _, ok := s.ColorFont(); ok {
		t.Errorf("the colour font is named before an emoji is drawn from it")
	}
	for _, tc := range []struct{ text, want string }{
		{"a🚀a", "a[🚀]a"},
		{"👍🏽 ✅ ❌", "[👍🏽] [✅] [❌]"},
		{"🇫🇷🇩🇪", "[🇫🇷][🇩🇪]"},
		{"1️⃣ #⃣ 1", "[1️⃣] [#⃣] 1"},
		{"👨‍👩‍👧", "[👨‍👩‍👧]"},
		{"🏳️‍🌈", "[🏳️‍🌈]"},
		{"🏴󠁧󠁢󠁳󠁣󠁴󠁿", "[🏴󠁧󠁢󠁳󠁣󠁴󠁿]"},
		// a joined pair the font has no glyph for: each on its own, the
		// joiner with the first
		{"🚀‍🚀", "[🚀‍][🚀]"},
		// text presentation: by default, or asked for
		{"© ™ ↔ ☺", "© ™ ↔ ☺"},
		{"©️ ↔️", "[©️] [↔️]"},
		{"☺︎ 🚀︎", "☺︎ 🚀︎"},
		// the body face has ❤: it draws it alone, not asked for as
		// emoji nor joined
		{"❤ ❤️ ❤️‍🔥", "❤ [❤️] [❤️‍🔥]"},
		{"plain text", "plain text"},
	} {
		var b strings.Builder
		at := 0
		for _, sp := range s.ColorEmojis(Face{Serif, Regular}, tc.text) {
			if sp.Emoji == nil || len(sp.Emoji.Glyph.PNG) == 0 {
				t.Errorf("%q: span %d–%d has no picture", tc.text, sp.At, sp.End)
			}
			fmt.Fprintf(&b, "%s[%s]", tc.text[at:sp.At], tc.text[sp.At:sp.End])
			at = sp.End
		}
		b.WriteString(tc.text[at:])
		if b.String() != tc.want {
			t.Errorf("%q: got %q, want %q", tc.text, b.String(), tc.want)
		}
	}
	if info, ok := s.ColorFont(); !ok || info.Name != "Noto Color Emoji" || info.Path != notoColorEmoji {
		t.Errorf("the colour font is %+v, %v", info, ok)
	}
	a := s.ColorEmojis(Face{Serif, Regular}, "🚀")
	b := s.ColorEmojis(Face{Serif, Regular}, "a🚀")
	if len(a) != 1 || len(b) != 1 || a[0].Emoji != b[0].Emoji {
		t.Errorf("the same glyph is not the same *Emoji")
	}
	g := a[0].Emoji.Glyph
	if string(g.PNG[:4]) != "\x89PNG" || g.Height < 1 || g.Height > 1.3 || g.Width < 1 || g.BearingY < 0.8 || g.BearingY > g.Height {
		t.Errorf("rocket: %d bytes %q…, %+v", len(g.PNG), g.PNG[:4], ColorGlyph{Width: g.Width, Height: g.Height, BearingX: g.BearingX, BearingY: g.BearingY, Advance: g.Advance})
	}
}

// TestColorEmojisNoFont: without a colour font (or without fallback) no
// text is an emoji picture.
func TestColorEmojisNoFont(t *testing.T) {
	body := fontstest.Font{Name: "Test Body", Advances: map[rune]int{'a': 500}}.Bytes()
	s, err := Load(Files{{Serif, Regular}: body})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.ColorEmojis(Face{Serif, Regular}, "a🚀"); got != nil {
		t.Errorf("no fallback: %v", got)
	}
	s.SetFallback(Fallback{Fonts: []File{{Name: "Body.ttf", Data: body}}})
	if got := s.ColorEmojis(Face{Serif, Regular}, "a🚀 🇫🇷"); got != nil {
		t.Errorf("no colour font: %v", got)
	}
}

// TestEmojiPresentationGap: no character between U+2B55 and U+1F004 is
// shown as emoji by default, which emojiPresentationDefault takes for
// granted.
func TestEmojiPresentationGap(t *testing.T) {
	for _, rr := range emojiPresentation {
		if rr.Hi > 0x2B55 && rr.Lo < 0x1F004 {
			t.Errorf("%U–%U is in the gap", rr.Lo, rr.Hi)
		}
	}
}

func BenchmarkColorEmojisChinese(b *testing.B) {
	body := fontstest.Font{Name: "Test Body", Advances: map[rune]int{'a': 500}}.Bytes()
	s, err := Load(Files{{Serif, Regular}: body})
	if err != nil {
		b.Fatal(err)
	}
	s.SetFallback(Fallback{})
	text := strings.Repeat("中文的文字，没有表情符号。", 20)
	for b.Loop() {
		if s.ColorEmojis(Face{Serif, Regular}, text) != nil {
			b.Fatal("emoji found")
		}
	}
}

// TestColorEmojisAfterOutlineSearch: an installed colour font tried
// first as an outline fallback, for an emoji no outline font has, which it
// cannot be, is still the colour font: a long book asked for such a
// character before its first emoji was laid out, and printed none.
func TestColorEmojisAfterOutlineSearch(t *testing.T) {
	data, err := os.ReadFile(notoColorEmoji)
	if err != nil {
		t.Skipf("no %s on this machine: %v", notoColorEmoji, err)
	}
	body := fontstest.Font{Name: "Test Body", Advances: map[rune]int{'a': 500, ' ': 250}}.Bytes()
	s, err := Load(Files{{Serif, Regular}: body})
	if err != nil {
		t.Fatal(err)
	}
	cat := &testCatalog{files: map[string][]byte{notoColorEmoji: data}}
	cat.fonts = []Installed{{Path: notoColorEmoji, Family: "Noto Color Emoji", Style: "Regular", Weight: 80,
		Charset: []RuneRange{{'\U0001F300', '\U0001F6FF'}}}}
	s.SetFallback(Fallback{Installed: cat, Read: cat.read})
	if f, ok := s.Fallback(Face{Serif, Regular}, '🙋'); ok {
		t.Fatalf("the colour font became outline fallback %v", f)
	}
	spans := s.ColorEmojis(Face{Serif, Regular}, "a 🙋 a")
	if len(spans) != 1 || spans[0].Emoji == nil {
		t.Fatalf("got %d emoji, want the one", len(spans))
	}
}
