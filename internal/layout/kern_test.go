package layout

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/layout/layouttest"
)

// checkKerns asserts that every pair of characters side by side in a run
// is set at the font's kern, and nothing else moves them.
func checkKerns(t *testing.T, m Metrics, d *Document) (kerned int) {
	t.Helper()
	for _, p := range d.Pages {
		kerned += checkItemKerns(t, m, "page "+p.Label, p.Items)
	}
	return kerned
}

func checkItemKerns(t *testing.T, m Metrics, where string, items []Item) (kerned int) {
	t.Helper()
	{
		for _, it := range items {
			tx, ok := it.(*Text)
			if !ok {
				continue
			}
			var want []Kern
			prev := rune(-1)
			for i, r := range tx.Text {
				if prev >= 0 {
					if k := m.Kern(tx.Face, prev, r); k != 0 {
						want = append(want, Kern{At: i, Dx: k * tx.Size})
					}
				}
				prev = r
			}
			if len(want) != len(tx.Kerns) {
				t.Errorf("%s: %q has kerns %v, want %v", where, tx.Text, tx.Kerns, want)
				continue
			}
			for i := range want {
				if want[i].At != tx.Kerns[i].At || !near(want[i].Dx, tx.Kerns[i].Dx) {
					t.Errorf("%s: %q has kerns %v, want %v", where, tx.Text, tx.Kerns, want)
					break
				}
			}
			kerned += len(want)
		}
	}
	return kerned
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

// TestKerning: the long test book, set with the real fonts, has every
// kerned pair in its text set at the font's kern, including pairs that
// meet across a hyphenation point or a change of text node.
func TestKerning(t *testing.T) {
	m := realFonts(t)
	d := checkBook(t, layouttest.Book(2, 1), m, bookOpts())
	if n := checkKerns(t, m, d); n < 100 {
		t.Errorf("only %d kerned pairs in the book", n)
	}
}

// TestKernedWidth: a kerned word takes the room of its kerned width, so
// line breaking sees it: the word after it starts a space further on.
func TestKernedWidth(t *testing.T) {
	m := realFonts(t)
	e := testEngine(t, m, false)
	lines := e.setPara(e.segsOf([]doc.Inline{txt("AVAST. To-day")}, e.baseStyle(10), false), 300, 0, alignLeft)
	if len(lines) != 1 {
		t.Fatalf("%d lines", len(lines))
	}
	var texts []*Text
	for _, it := range lines[0].items {
		if tx, ok := it.(*Text); ok {
			texts = append(texts, tx)
		}
	}
	if len(texts) != 2 || texts[0].Text != "AVAST." {
		t.Fatalf("runs %v", texts)
	}
	av := m.Kern(texts[0].Face, 'A', 'V') * 10
	if av >= 0 || len(texts[0].Kerns) == 0 || texts[0].Kerns[0] != (Kern{At: 1, Dx: av}) {
		t.Fatalf("AVAST. kerns %v, want A–V at %.3fpt first", texts[0].Kerns, av)
	}
	plain := 0.0
	for _, r := range "AVAST. " {
		plain += m.Advance(texts[0].Face, r) * 10
	}
	kerns := 0.0
	for _, k := range texts[0].Kerns {
		kerns += k.Dx
	}
	if got := texts[1].X - texts[0].X; !near(got, plain+kerns) {
		t.Errorf("To-day starts %.3fpt after AVAST., want %.3f (advances %.3f, kerns %.3f)", got, plain+kerns, plain, kerns)
	}
}

// TestKernAcrossBreak: a kerned pair split by a possible break keeps its
// kern when the line does not break there and loses it when it does.
func TestKernAcrossBreak(t *testing.T) {
	e := testEngine(t, fixedMetrics{}, false)
	// The explicit hyphen of "Te-To" may break; fixedMetrics kerns "To".
	segs := e.segsOf([]doc.Inline{txt("Te-To")}, e.baseStyle(10), false)
	whole := e.setPara(segs, 200, 0, alignLeft)
	split := e.setPara(segs, 20, 0, alignLeft)
	if len(whole) != 1 || len(split) != 2 {
		t.Fatalf("%d and %d lines", len(whole), len(split))
	}
	run := whole[0].items[0].(*Text)
	if run.Text != "Te-To" || len(run.Kerns) != 1 || run.Kerns[0].At != 4 || !near(run.Kerns[0].Dx, -0.8) {
		t.Errorf("unbroken: %q kerns %v, want T–o at byte 4 by -0.8pt", run.Text, run.Kerns)
	}
	if w := whole[0].width; !near(w, 10*(5*0.5)-0.8) {
		t.Errorf("unbroken width %.2f", w)
	}
	first, second := split[0].items[0].(*Text), split[1].items[0].(*Text)
	if first.Text != "Te-" || second.Text != "To" || len(first.Kerns) != 0 || len(second.Kerns) != 1 {
		t.Errorf("broken: %q %v / %q %v", first.Text, first.Kerns, second.Text, second.Kerns)
	}
}

// TestLigatures: the standard ligatures are formed in text, never in code
// or URLs, never across a break, and the letters survive.
func TestLigatures(t *testing.T) {
	e := testEngine(t, fixedMetrics{}, true)
	st := e.baseStyle(10)
	for _, tc := range []struct{ in, want string }{
		{"office", "o\uFB03ce"},
		{"afflict", "a\uFB04ict"},
		{"fluff", "\uFB02u\uFB00"},
		{"fifth", "\uFB01fth"},
		{"off", "o\uFB00"},
		{"fjord", "fjord"},
	} {
		if got := e.ligate(tc.in, st); got != tc.want {
			t.Errorf("ligate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := e.ligate("office", monoStyle(st)); got != "office" {
		t.Errorf("code ligated: %q", got)
	}
	url := st
	url.urlish = true
	if got := e.ligate("office", url); got != "office" {
		t.Errorf("URL ligated: %q", got)
	}
	it := st
	it.face.Style = fonts.Italic
	if got := e.ligate("fi", it); got != "\uFB01" {
		t.Errorf("italic fi = %q", got)
	}

	// In a paragraph broken at hyphens, no ligature spans a line end, and
	// the letters read back in order.
	text := strings.Repeat("effective official affliction ", 12)
	lines := e.setPara(e.segsOf([]doc.Inline{txt(text), &doc.Code{Text: "coffee"}}, st, false), 70, 0, alignJustify)
	var all strings.Builder
	ligs, hyphens, kerned := 0, 0, 0
	for _, ln := range lines {
		kerned += checkItemKerns(t, fixedMetrics{}, "line", ln.items)
		s, _ := lineText(fixedMetrics{}, ln)
		ligs += strings.Count(s, "\uFB00") + strings.Count(s, "\uFB01") + strings.Count(s, "\uFB03") + strings.Count(s, "\uFB04")
		if strings.HasSuffix(s, "-") {
			hyphens++
			s = strings.TrimSuffix(s, "-")
		} else {
			s += " "
		}
		all.WriteString(s)
	}
	got := expandLigatures(all.String())
	if want := text + "coffee "; got != want {
		t.Errorf("text changed:\n%q\n%q", got, want)
	}
	if ligs == 0 || hyphens == 0 || kerned == 0 {
		t.Errorf("%d ligatures, %d hyphenated lines, %d kerns: the test sets too little", ligs, hyphens, kerned)
	}
	for _, ln := range lines {
		for _, item := range ln.items {
			if tx, ok := item.(*Text); ok && tx.Face.Family == fonts.Mono && tx.Text != "coffee" {
				t.Errorf("code set as %q", tx.Text)
			}
		}
	}
}

// TestLigaturesRealFonts: Noto Serif joins fi in running text; the
// ligature measures as its glyph.
func TestLigaturesRealFonts(t *testing.T) {
	m := realFonts(t)
	e := testEngine(t, m, false)
	lines := e.setPara(e.segsOf([]doc.Inline{txt("first")}, e.baseStyle(10), false), 300, 0, alignLeft)
	tx := lines[0].items[0].(*Text)
	if tx.Text != "\uFB01rst" {
		t.Fatalf("first set as %q", tx.Text)
	}
	want := 0.0
	prev := rune(-1)
	for _, r := range tx.Text {
		want += m.Advance(tx.Face, r)
		if prev >= 0 {
			want += m.Kern(tx.Face, prev, r)
		}
		prev = r
	}
	if !near(lines[0].width, want*10) || utf8.RuneCountInString(tx.Text) != 4 {
		t.Errorf("width %.3f, want %.3f", lines[0].width, want*10)
	}
}
