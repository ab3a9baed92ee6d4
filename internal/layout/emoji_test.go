package layout

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// emojiFonts are the embedded fonts and a colour font that draws 🚀 as a
// picture 1.25 em wide and 1.2 em high, 1 em of it above the baseline.
type emojiFonts struct {
	*fonts.Set
	rocket *fonts.Emoji
}

func (m emojiFonts) ColorFont() (fonts.FontInfo, bool) {
	return fonts.FontInfo{Name: "Test Color Emoji"}, true
}

func (m emojiFonts) ColorEmojis(f fonts.Face, text string) []fonts.EmojiSpan {
	var out []fonts.EmojiSpan
	for i := 0; ; {
		j := strings.Index(text[i:], "🚀")
		if j < 0 {
			return out
		}
		out = append(out, fonts.EmojiSpan{At: i + j, End: i + j + len("🚀"), Emoji: m.rocket})
		i += j + len("🚀")
	}
}

// TestColorEmoji: an emoji a colour font draws is a picture in the line,
// 1 em high, reaching below the baseline as the font says, and its
// characters are there too, invisible, where it stands and as wide, for
// copying; the text around it is set as before. The contents show the
// emoji of a title as pictures too, and the colophon names the font.
func TestColorEmoji(t *testing.T) {
	o := a5()
	m := emojiFonts{realFonts(t), &fonts.Emoji{Glyph: fonts.ColorGlyph{PNG: []byte("\x89PNG"), Width: 1.25, Height: 1.2, BearingY: 1, Advance: 1.25}}}
	b := &doc.Book{Meta: doc.Meta{Title: "Emoji", Language: "en"}, Entries: []*doc.Entry{{ID: "ch", Kind: doc.KindChapter, File: "ch.md",
		Title: []doc.Inline{txt("Emoji")}, Blocks: []doc.Block{para(txt("Launch 🚀 now and 🚀."))}}}}
	d := checkBook(t, b, m, o)
	pics := itemsOf[*Picture](d)
	if names := fallbackFontNames(m, d.Pages); !slices.Contains(names, "Test Color Emoji") {
		t.Errorf("the colophon names %q, not the colour font", names)
	}
	if len(pics) != 2 {
		t.Fatalf("%d pictures printed, want 2", len(pics))
	}
	if pics[0].Asset != pics[1].Asset {
		t.Errorf("the same emoji has two pictures")
	}
	size := o.FontSize
	var hidden []*Text
	var shown strings.Builder
	for _, tx := range itemsOf[*Text](d) {
		if tx.Hidden() {
			hidden = append(hidden, tx)
		} else if strings.Contains(tx.Text, "now") || strings.Contains(tx.Text, "Launch") {
			shown.WriteString(tx.Text + "|")
		}
		if !tx.Hidden() && strings.Contains(tx.Text, "🚀") {
			t.Errorf("the emoji is set as text too: %q", tx.Text)
		}
	}
	if len(hidden) != 2 {
		t.Fatalf("%d invisible runs, want 2", len(hidden))
	}
	for i, p := range pics {
		h := hidden[i]
		if math.Abs(p.H-size) > 0.01 || math.Abs(p.W-size*1.25/1.2) > 0.01 {
			t.Errorf("picture %d is %.2f x %.2f pt, want %.2f high", i, p.W, p.H, size)
		}
		// the baseline is 1/1.2 of its height down from its top
		if base := p.Y + p.H/1.2; math.Abs(base-h.Y) > 0.01 {
			t.Errorf("picture %d stands on %.2f, the text's baseline is %.2f", i, base, h.Y)
		}
		if h.Text != "🚀" || h.X != p.X || h.Extra.Width != p.W {
			t.Errorf("invisible run %d: %q at %.2f, %.2f wide; picture at %.2f, %.2f wide", i, h.Text, h.X, h.Extra.Width, p.X, p.W)
		}
	}
	b.Entries[0].Title = []doc.Inline{txt("🚀 Emoji")}
	d = checkBook(t, b, m, o)
	for _, pg := range d.Pages {
		var text string
		n := 0
		for _, it := range pg.Items {
			if tx, ok := it.(*Text); ok && !tx.Hidden() {
				text += tx.Text
			}
			if _, ok := it.(*Picture); ok {
				n++
			}
		}
		if strings.Contains(text, "Contents") && n != 1 {
			t.Errorf("the contents show %d pictures, want 1: %q", n, text)
		}
	}
	if !strings.Contains(shown.String(), "Launch") || !strings.Contains(shown.String(), "now") {
		t.Errorf("text around the emoji: %q", shown.String())
	}
}

// TestColorEmojiRuns: a line the layout sets itself (a running head, a
// code line, a page number) draws its emoji as pictures between its runs
// too, with their characters invisible beneath them, and measures them.
func TestColorEmojiRuns(t *testing.T) {
	o := a5()
	m := emojiFonts{realFonts(t), &fonts.Emoji{Glyph: fonts.ColorGlyph{PNG: []byte("\x89PNG"), Width: 1.25, Height: 1.2, BearingY: 1, Advance: 1.25}}}
	g, _ := newGeom(o, o.Gutter)
	e := newEngine(m, o, g, nil, nil)
	st := e.baseStyle(10)
	_, pw := e.textRuns(" Launch", st, 5)
	items, w := e.textRuns("🚀 Launch", st, 5)
	if len(items) != 3 {
		t.Fatalf("%d items, want the picture, its characters and the rest", len(items))
	}
	p, ok1 := items[0].(*Picture)
	h, ok2 := items[1].(*Text)
	if !ok1 || !ok2 || !h.Hidden() || h.Text != "🚀" || p.X != 5 || h.X != 5 || math.Abs(p.H-10) > 0.01 || math.Abs(p.Y+p.H/1.2) > 0.01 {
		t.Fatalf("items %#v %#v", items[0], items[1])
	}
	if want := p.W + pw; math.Abs(w-want) > 0.01 {
		t.Errorf("width %.2f, want %.2f", w, want)
	}
}
