package layout

import (
	"fmt"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// hugeTokens are paragraphs holding one token far wider than any line: a
// word, a code span, a URL and a link, each of n letters, between words.
func hugeTokens(n int) map[string][]doc.Inline {
	word := strings.Repeat("a", n)
	url := "https://example.com/" + word
	return map[string][]doc.Inline{
		"word": {txt("Before the word "), txt(word), txt(" and after it.")},
		"code": {txt("Before the code "), &doc.Code{Text: word}, txt(" and after it.")},
		"url":  {txt("Before the address "), txt(url), txt(" and after it.")},
		"link": {txt("Before the link "), &doc.Link{URL: url, External: true, Content: []doc.Inline{&doc.Code{Text: url}}}, txt(" and after it.")},
	}
}

// setWithinMeasure sets ins justified at a 200pt measure, checks that the
// line breaker was offered about one break a line and that every line
// fits, and returns the lines and the text set; what prefix says begins
// each failure's message.
func setWithinMeasure(t *testing.T, e *engine, m Metrics, prefix string, ins []doc.Inline) ([]tline, string) {
	t.Helper()
	const width = 200.0
	lines := e.setPara(e.segsOf(ins, e.baseStyle(e.size), false), width, 0, alignJustify)
	breaks := 0
	for _, nd := range e.nodes {
		if nd.kind == nPen && nd.pen < infPen {
			breaks++
		}
	}
	if breaks > 2*len(lines)+10 {
		t.Errorf("%s%d breaks offered for %d lines", prefix, breaks, len(lines))
	}
	var text strings.Builder
	for i, ln := range lines {
		for _, it := range ln.items {
			tx, ok := it.(*Text)
			if !ok {
				continue
			}
			if tx.X < -0.01 || tx.X+textWidth(m, tx) > width+0.01 {
				t.Fatalf("%sline %d: %q spans %.2f–%.2f", prefix, i, clipText(tx.Text), tx.X, tx.X+textWidth(m, tx))
			}
			text.WriteString(tx.Text)
		}
	}
	return lines, text.String()
}

// A token far wider than a line is cut into full lines at once: the line
// breaker is offered one break per line of it, not one per letter, every
// line fits the measure, and no letter is lost.
func TestHugeTokenCutAtOnce(t *testing.T) {
	const n = 100_000
	for _, m := range []Metrics{fixedMetrics{}, realFonts(t)} {
		e := testEngine(t, m, true)
		for name, ins := range hugeTokens(n) {
			lines, text := setWithinMeasure(t, e, m, fmt.Sprintf("%T %s: ", m, name), ins)
			if got := strings.Count(text, "a"); got < n {
				t.Errorf("%T %s: %d letters set, want %d", m, name, got, n)
			}
			// The token starts a line of its own; the text before it is
			// set ragged on the line above.
			if first, _ := lineText(m, lines[0]); !strings.HasPrefix(first, "Before the") || strings.Contains(first, "aaa") {
				t.Errorf("%T %s: first line %q", m, name, clipText(first))
			}
		}
	}
}

// A blob of data (base64 in the text) is cut into full lines at once too,
// though its punctuation offers a break every few letters: tens of
// thousands of boxes and breaks for one paragraph were what took a build
// of a chapter holding a megabyte of it to 760 MB.
func TestHugeBlobCutAtOnce(t *testing.T) {
	blob := strings.Repeat("aB3+xY9/Qz0w", 10_000)
	m := realFonts(t)
	e := testEngine(t, m, true)
	_, text := setWithinMeasure(t, e, m, "", []doc.Inline{txt("Before the blob "), txt(blob), txt(" and after it.")})
	if !strings.Contains(text, blob) {
		t.Errorf("the blob is not set whole: %d bytes of text", len(text))
	}
}

// A stretch a few lines wide still gets a choice of cuts, so the line it
// starts on is filled.
func TestLongWordFillsItsFirstLine(t *testing.T) {
	m := fixedMetrics{}
	e := testEngine(t, m, false)
	word := strings.Repeat("b", 80) // 2 lines of 200pt at the fixed metrics' 5pt
	lines := e.setPara(e.segsOf([]doc.Inline{txt("Some words before " + word + " after.")}, e.baseStyle(e.size), false), 200, 0, alignJustify)
	first, _ := lineText(m, lines[0])
	if !strings.HasPrefix(first, "Some words before b") {
		t.Errorf("first line %q: the word should start on it", first)
	}
}

func clipText(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// BenchmarkHugeToken sets paragraphs holding a 300 KB word, code span and
// URL: the cost must grow with the length, not its square.
func BenchmarkHugeToken(b *testing.B) {
	e := testEngine(b, realFonts(b), true)
	tokens := hugeTokens(300_000)
	b.ResetTimer()
	for range b.N {
		for _, name := range []string{"word", "code", "url"} {
			e.setPara(e.segsOf(tokens[name], e.baseStyle(e.size), false), 300, 0, alignJustify)
		}
	}
}

// Lists and quotes nested 64 deep (as deep as the Markdown reader keeps)
// stop indenting before their measure gets too narrow: every word stays in
// the safe area, and one warning says so.
func TestDeepNestingStaysOnThePage(t *testing.T) {
	var list doc.Block = para(txt("the deepest item of the list"))
	var quote doc.Block = para(txt("the deepest quotation"))
	for i := range 64 {
		list = &doc.List{Ordered: i%2 == 0, Start: 1, Items: []*doc.ListItem{{Blocks: []doc.Block{para(txt(lorem)), list}}}}
		quote = &doc.BlockQuote{Blocks: []doc.Block{para(txt("Quoted words.")), quote}}
	}
	ch := &doc.Entry{ID: "deep", Kind: doc.KindChapter, File: "deep.md", Title: []doc.Inline{txt("Deep")},
		Blocks: []doc.Block{&doc.Heading{Level: 1, ID: "deep", Content: []doc.Inline{txt("Deep")}}, list, quote}}
	b := &doc.Book{Meta: doc.Meta{Title: "Deep", Language: "en"}, Entries: []*doc.Entry{ch}}
	d := checkBook(t, b, fixedMetrics{}, testOptions())
	var deep []string
	for _, w := range d.Warnings {
		if w.Code == "nesting.too-deep" {
			deep = append(deep, w.Error())
		}
	}
	if len(deep) != 1 {
		t.Errorf("nesting warnings %q, want one", deep)
	}
}

// Quotes nested 64 deep, each set smaller than the one around it, stop
// shrinking at minTypeScale of the body: the deepest quotation is still
// legible (at a hundredth of the body's size, so many words fitted a line
// that breaking a long paragraph there into lines took minutes).
func TestDeepQuotesKeepLegibleType(t *testing.T) {
	words := strings.TrimSpace(strings.Repeat("> ", 20_000))
	var quote doc.Block = para(txt("deepest " + words))
	for range 64 {
		quote = &doc.BlockQuote{Blocks: []doc.Block{quote}}
	}
	ch := &doc.Entry{ID: "deep", Kind: doc.KindChapter, File: "deep.md", Title: []doc.Inline{txt("Deep")},
		Blocks: []doc.Block{&doc.Heading{Level: 1, ID: "deep", Content: []doc.Inline{txt("Deep")}}, quote}}
	b := &doc.Book{Meta: doc.Meta{Title: "Deep", Language: "en"}, Entries: []*doc.Entry{ch}}
	opts := testOptions()
	d, err := Layout(b, fixedMetrics{}, opts)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range d.Pages {
		for _, it := range p.Items {
			tx, ok := it.(*Text)
			if !ok || !strings.Contains(tx.Text, "deepest") {
				continue
			}
			found = true
			if min := minTypeScale * opts.FontSize; tx.Size < min-1e-9 {
				t.Errorf("deepest quotation set at %.2fpt, want at least %.2fpt", tx.Size, min)
			}
		}
	}
	if !found {
		t.Error("the deepest quotation is not printed")
	}
}

// A table of thousands of columns is printed in parts of legible columns,
// each repeating the first, with one warning: no column is narrower than
// its widest word, and every cell is printed once (the first column once
// per part).
func TestWideTablePrintedInParts(t *testing.T) {
	const ncol = 500
	tbl := &doc.Table{}
	var row []*doc.TableCell
	for i := range ncol {
		tbl.Header = append(tbl.Header, &doc.TableCell{Content: []doc.Inline{txt(fmt.Sprintf("h%d", i))}})
		row = append(row, &doc.TableCell{Content: []doc.Inline{txt(fmt.Sprintf("value%d", i))}})
	}
	tbl.Rows = [][]*doc.TableCell{row}
	ch := &doc.Entry{ID: "wide", Kind: doc.KindChapter, File: "wide.md", Title: []doc.Inline{txt("Wide")},
		Blocks: []doc.Block{&doc.Heading{Level: 1, ID: "wide", Content: []doc.Inline{txt("Wide")}}, tbl}}
	b := &doc.Book{Meta: doc.Meta{Title: "Wide", Language: "en"}, Entries: []*doc.Entry{ch}}
	d := checkBook(t, b, fixedMetrics{}, testOptions())
	var warned []string
	for _, w := range d.Warnings {
		if w.Code == "table.too-wide" {
			warned = append(warned, w.Message)
		}
	}
	if len(warned) != 1 || !strings.HasPrefix(warned[0], "table of 500 columns is too wide for the page; it is printed in ") {
		t.Errorf("warnings %q", warned)
	}
	counts := map[string]int{}
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(*Text); ok {
				for _, w := range strings.Fields(tx.Text) {
					counts[w]++
				}
			}
		}
	}
	parts := counts["value0"]
	if parts < 2 || counts["h0"] != parts {
		t.Fatalf("the first column printed %d and %d times", counts["value0"], counts["h0"])
	}
	for i := 1; i < ncol; i++ {
		if counts[fmt.Sprintf("value%d", i)] != 1 || counts[fmt.Sprintf("h%d", i)] != 1 {
			t.Fatalf("column %d printed %d times (whole words), want once", i, counts[fmt.Sprintf("value%d", i)])
		}
	}
}

// A code line indented by thousands of spaces, as a staircase of nested
// blocks deeper than Markdown keeps turns into, prints its text at half
// the measure's indent, not after pages of spaces; lines indented less
// than the measure keep their indent; one warning.
func TestCodeIndentWiderThanThePage(t *testing.T) {
	var lines []string
	for i := range 40 {
		lines = append(lines, strings.Repeat(" ", 4000+i)+fmt.Sprintf("step%d", i))
	}
	lines = append(lines, "        shallow")
	ch := &doc.Entry{ID: "stairs", Kind: doc.KindChapter, File: "stairs.md", Title: []doc.Inline{txt("Stairs")},
		Blocks: []doc.Block{&doc.Heading{Level: 1, ID: "stairs", Content: []doc.Inline{txt("Stairs")}},
			&doc.CodeBlock{Text: strings.Join(lines, "\n")}}}
	b := &doc.Book{Meta: doc.Meta{Title: "Stairs", Language: "en"}, Entries: []*doc.Entry{ch}}
	d := checkBook(t, b, fixedMetrics{}, testOptions())
	var warned []string
	for _, w := range d.Warnings {
		if w.Code == "code.indent" {
			warned = append(warned, w.Error())
		}
	}
	if len(warned) != 1 || !strings.Contains(warned[0], "stairs.md") {
		t.Errorf("warnings %q, want one naming stairs.md", warned)
	}
	// each line's text and the spaces printed before it
	indents := map[string]int{}
	pages := map[int]bool{}
	for i, pg := range d.Pages {
		for _, it := range pg.Items {
			if tx, ok := it.(*Text); ok && tx.Face.Family == fonts.Mono {
				word := strings.TrimSpace(tx.Text)
				indents[word] = len(tx.Text) - len(strings.TrimLeft(tx.Text, " "))
				pages[i] = true
			}
		}
	}
	for i := range 40 {
		n, ok := indents[fmt.Sprintf("step%d", i)]
		if !ok {
			t.Fatalf("step%d is not printed", i)
		}
		if n >= 100 {
			t.Errorf("step%d is printed after %d spaces", i, n)
		}
	}
	if indents["shallow"] != 8 {
		t.Errorf("the shallow line is printed after %d spaces, want its 8", indents["shallow"])
	}
	if len(pages) > 2 {
		t.Errorf("41 code lines take %d pages", len(pages))
	}
}
