package layout

import (
	"fmt"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// codeBook lays out a chapter of n one-line paragraphs, then a code block
// of src, then a paragraph.
func codeBook(t *testing.T, n int, src string) (*Document, []pageInfo) {
	t.Helper()
	blocks := []doc.Block{&doc.Heading{Level: 1, ID: "c", Content: []doc.Inline{txt("Code")}}}
	for i := range n {
		blocks = append(blocks, para(txt(fmt.Sprintf("p%02d", i))))
	}
	blocks = append(blocks, &doc.CodeBlock{Text: src}, para(txt("after")))
	ch := &doc.Entry{ID: "c", Kind: doc.KindChapter, File: "c.md", Title: []doc.Inline{txt("Code")}, Blocks: blocks}
	b := &doc.Book{Meta: doc.Meta{Title: "Code", Language: "en"}, Entries: []*doc.Entry{ch}}
	return traced(t, b, fixedMetrics{}, testOptions())
}

// codePages lays out a chapter of n one-line paragraphs and then a code
// block of lines lines, and returns the page of each code line and the
// page of the last paragraph.
func codePages(t *testing.T, n, lines int) (code []int, lastPara int) {
	t.Helper()
	var src []string
	for i := range lines {
		src = append(src, fmt.Sprintf("code%02d", i))
	}
	d, _ := codeBook(t, n, strings.Join(src, "\n"))
	code = make([]int, lines)
	for pi, pg := range d.Pages {
		for _, it := range pg.Items {
			tx, ok := it.(*Text)
			if !ok {
				continue
			}
			var k int
			if _, err := fmt.Sscanf(tx.Text, "code%d", &k); err == nil && tx.Face.Family == fonts.Mono {
				code[k] = pi
			}
			if tx.Text == fmt.Sprintf("p%02d", n-1) {
				lastPara = pi
			}
		}
	}
	return code, lastPara
}

// TestCodeBlockBreaks: as the text before a code block grows, so that the
// page's foot falls at every line of the block in turn, a short block
// always goes to a page whole, and a long one breaks only where each page
// keeps at least codeSide of its lines, starting on the page before it
// whenever that has room for them.
func TestCodeBlockBreaks(t *testing.T) {
	for _, tc := range []struct {
		lines int
		split bool // whether some page's foot must fall inside it
	}{
		{lines: 4}, {lines: codeWhole}, {lines: 20, split: true},
	} {
		t.Run(fmt.Sprint(tc.lines), func(t *testing.T) {
			splits, moved := 0, 0
			for n := 20; n < 60; n++ {
				code, lastPara := codePages(t, n, tc.lines)
				per := map[int]int{}
				for _, p := range code {
					per[p]++
				}
				if len(per) > 1 {
					splits++
					if tc.lines <= codeWhole {
						t.Errorf("%d paragraphs before: a %d-line block is split %v", n, tc.lines, per)
					}
					for p, k := range per {
						if k < codeSide {
							t.Errorf("%d paragraphs before: page %d holds %d lines of the block %v", n, p+1, k, per)
						}
					}
				}
				if code[0] > lastPara {
					moved++
				}
			}
			if tc.split && splits == 0 {
				t.Error("no page broke the block: the test sees nothing")
			}
			// A long block moves whole to the next page only when the
			// page has no room for codeSide lines: a few of the cases.
			if tc.split && moved > codeSide+1 {
				t.Errorf("the block moved whole to the next page %d times in 40", moved)
			}
		})
	}
}

// TestCodeBlankLinesAtBreak: a listing broken where its parts are parted
// by blank lines ends its page with the last line of one part and starts
// the next with the first of the other: the blank lines are not set at
// the break, as the space between paragraphs is not.
func TestCodeBlankLinesAtBreak(t *testing.T) {
	var parts []string
	for p := range 8 {
		parts = append(parts, fmt.Sprintf("part%d()\n  a\n  b\n  c", p))
	}
	src := strings.Join(parts, "\n\n\n")
	blankAt := func(el *elem) bool {
		if !el.shadeJoins || el.h < 8 { // not code, or a block's top
			return false
		}
		for _, it := range el.items {
			if _, ok := it.(*Text); ok {
				return false
			}
		}
		return true
	}
	broken := 0
	for n := 20; n < 60; n++ {
		_, infos := codeBook(t, n, src)
		for i, info := range infos {
			if len(info.placed) == 0 {
				continue
			}
			if first := info.placed[0]; blankAt(first) {
				t.Errorf("%d paragraphs before: page %d starts with blank code lines", n, i+1)
			}
			if last := info.placed[len(info.placed)-1]; last.shadeJoins {
				broken++
				if blankAt(last) {
					t.Errorf("%d paragraphs before: page %d ends with blank code lines", n, i+1)
				}
			}
		}
	}
	if broken == 0 {
		t.Error("no page broke the block: the test sees nothing")
	}
}

// TestCodeTabStops: a tab in code moves to the next tab stop, every four
// columns, so that columns written with tabs (a table printed by a
// program) stay aligned; a tab at a line's start indents by four as before.
func TestCodeTabStops(t *testing.T) {
	d, _ := codeBook(t, 1, "\tSeconds\tCountry\n2\t20.0\t3\n24\t3.0\t\t3\n\t\tx := 1")
	var got []string
	for _, pg := range d.Pages {
		line, y := "", -1.0
		for _, it := range pg.Items {
			tx, ok := it.(*Text)
			if !ok || tx.Face.Family != fonts.Mono {
				continue
			}
			if tx.Y != y && line != "" {
				got = append(got, line)
				line = ""
			}
			line, y = line+tx.Text, tx.Y
		}
		if line != "" {
			got = append(got, line)
		}
	}
	want := []string{"    Seconds Country", "2   20.0    3", "24  3.0     3", "        x := 1"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("code lines\n%q\nwant\n%q", got, want)
	}
}

// TestCodeBreaksAtSpaces: a code line too long for the measure breaks
// after the last space that leaves a third of the line or more, rather
// than inside a word near the end; a minus or a full stop before a
// digit ("0:-1", "0.22") is no place to break, and a tag is broken
// before, not inside ("</span>").
func TestCodeBreaksAtSpaces(t *testing.T) {
	e := testEngine(t, fixedMetrics{}, false)
	st := e.baseStyle(e.size)
	st.face = fonts.Face{Family: fonts.Mono}
	adv := e.adv(st.face, 'a') * st.size
	for _, c := range []struct{ line, want string }{
		// 30 columns: the space after "=" leaves 14 of them.
		{`total_value = compute_all_the_totals(items)`, `total_value = `},
		{`<input placeholder="Seconds" required="required" />`, `<input placeholder="Seconds" `},
		{`new_pumpkins.iloc[:, 0:-1] = new_pumpkins.iloc[:, 0:-1]`, `new_pumpkins.iloc[:, 0:-1] = `},
		// no space but near the start: the last punctuation in the last third
		{`a xxxxxxxxxxxxxxxxxxxxxxx.yyyyyyyyyyyy`, `a xxxxxxxxxxxxxxxxxxxxxxx.`},
		{`xxxxxxxxxxxxxxxxxxxxxxxxxx-yyyy`, `xxxxxxxxxxxxxxxxxxxxxxxxxx-`},
		{`xxxxxxxxxxxxxxxxxxxxxxxxxx-1234`, `xxxxxxxxxxxxxxxxxxxxxxxxxx-123`},
		// a space just before the rune that overflows is the last space
		{`abcdefghijklmnopqrstu(x) // s comes into`, `abcdefghijklmnopqrstu(x) // s `},
		// the spaces of the indentation are no break: a line of them alone
		{`            abcdefghijklmnopqrstuvwxyz0123`, `            abcdefghijklmnopqr`},
		// after a word, a run of spaces breaks at its end
		{`x = compute(1)        #comment_is_long`, `x = compute(1)        `},
		// a closing tag goes to the next line whole
		{`xxxxxxxxxxxxxxxxxxxxxxxx</span>`, `xxxxxxxxxxxxxxxxxxxxxxxx`},
		{`xxxxxxxxxxxxxxxxxxxxxxxxxxxx</b>`, `xxxxxxxxxxxxxxxxxxxxxxxxxxxx`},
		// a column of numbers breaks between them, not inside one
		{`aaaaaaaaaaaa 0.38 0.15 0.22 0.33`, `aaaaaaaaaaaa 0.38 0.15 0.22 `},
	} {
		if got := c.line[:fitPrefix(e, c.line, st, 30.5*adv)]; got != c.want {
			t.Errorf("%q: first line %q, want %q", c.line, got, c.want)
		}
	}
}

// TestNotebookOutputRule: a notebook's output is set apart from code:
// no shade behind it, a rule at its left, darker for an error.
func TestNotebookOutputRule(t *testing.T) {
	tests := []struct {
		classes []string
		shade   bool
		gray    float64
	}{
		{nil, true, 0.94},
		{[]string{"nb-output", "nb-stream"}, false, 0.7},
		{[]string{"nb-output", "nb-error"}, false, 0.3},
	}
	for _, tt := range tests {
		blocks := []doc.Block{&doc.Heading{Level: 1, ID: "c", Content: []doc.Inline{txt("Code")}}, &doc.CodeBlock{Text: "out", Classes: tt.classes}}
		ch := &doc.Entry{ID: "c", Kind: doc.KindChapter, File: "c.md", Title: []doc.Inline{txt("Code")}, Blocks: blocks}
		d, _ := traced(t, &doc.Book{Meta: doc.Meta{Title: "Code", Language: "en"}, Entries: []*doc.Entry{ch}}, fixedMetrics{}, testOptions())
		var boxes []*Box
		for _, pg := range d.Pages {
			for _, it := range pg.Items {
				if b, ok := it.(*Box); ok && b.Fill {
					boxes = append(boxes, b)
				}
			}
		}
		if len(boxes) == 0 {
			t.Fatalf("%v: no box drawn", tt.classes)
		}
		for _, b := range boxes {
			if wide := b.W > 20; wide != tt.shade || b.FillGray != tt.gray {
				t.Errorf("%v: box %.1f wide, gray %.2f; want shade %t, gray %.2f", tt.classes, b.W, b.FillGray, tt.shade, tt.gray)
			}
		}
	}
}
