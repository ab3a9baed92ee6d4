package layout

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/markdown"
	"github.com/samizdat-press/samizdat/internal/notes"
)

// FuzzMarkdownLayout lays out any Markdown as a chapter of a book, notes
// and all, and checks the pages as every layout test does (checkBook):
// text, rules, boxes and pictures within the block and the safe area,
// notes on the page of their reference, nothing past the foot, and no
// panic: line breaking, bidi and nesting are all at the mercy of the
// text (a slow input shows as a fall in the fuzzer's rate). Seeds are extracts of a real book (see
// testdata/markdown/README.md) and the shapes that once were slow.
func FuzzMarkdownLayout(f *testing.F) {
	files, _ := filepath.Glob("testdata/markdown/*.md")
	for _, file := range files {
		if src, err := os.ReadFile(file); err == nil {
			f.Add(string(src))
		}
	}
	for _, s := range []string{
		"Text[^1] and more text.\n\n[^1]: A note *with* `code`.\n",
		"> > > > > > > > > > > > a\n> > > > > > > > > > > > > > > > b\n",
		"- a\n  - b\n    - c\n      > d\n      > > e\n",
		"| a | b | c |\n|---|--:|:-:|\n| 1 | 22 | 333 |\n",
		"The word " + strings.Repeat("x", 300) + " and https://example.org/" + strings.Repeat("a/", 80) + ".\n",
		"Hebrew עברית and Arabic العربية in a line, 123 456.\n\n<div dir=\"rtl\">שלום עולם, hello.</div>\n",
		"Math $x^2 + \\frac{a}{b}$ and\n\n$$\\sum_{i=0}^n i$$\n",
		"漢字仮名交じり文、「テキスト」。" + strings.Repeat("한국어 텍스트 ", 20) + strings.Repeat("ภาษาไทยสวัสดีครับ", 20) + "\n",
		"\x00\xff\xfe text \u200b\u2028\u00ad soft\u00adhyphen\n",
		"# H\n\n```\ncode " + strings.Repeat("y", 200) + "\n```\n",
	} {
		f.Add(s)
	}
	opts := testOptions()
	f.Fuzz(func(t *testing.T, src string) {
		ch, err := markdown.New().Parse([]byte(src), "ch.md")
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		entry := &doc.Entry{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Title: []doc.Inline{&doc.Text{Text: "Fuzz"}},
			Blocks: ch.Blocks, Notes: ch.Notes}
		book := &doc.Book{Meta: doc.Meta{Title: "Fuzz", Language: "en"}, Entries: []*doc.Entry{entry}}
		if _, err := notes.Resolve(book, notes.Input{Options: notes.Options{Annotations: true}}); err != nil {
			t.Fatalf("resolve: %v", err)
		}
		if err := doc.Validate(book); err != nil {
			t.Skipf("not a valid tree (FuzzParse's concern): %v", err)
		}
		if d := checkBook(t, book, fixedMetrics{}, opts); len(d.Pages) == 0 {
			t.Fatal("no pages")
		}
	})
}
