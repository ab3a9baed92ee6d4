package epub

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/filetest"
	"github.com/samizdat-press/samizdat/internal/markdown"
	"github.com/samizdat-press/samizdat/internal/notes"
	"github.com/samizdat-press/samizdat/internal/validate"
)

// specExamples are the Markdown texts of the CommonMark spec's examples.
func specExamples(t testing.TB) []string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "commonmark", "spec.json"))
	if err != nil {
		t.Fatal(err)
	}
	var examples []struct{ Markdown string }
	if err := json.Unmarshal(raw, &examples); err != nil {
		t.Fatal(err)
	}
	texts := make([]string, len(examples))
	for i, ex := range examples {
		texts[i] = ex.Markdown
	}
	return texts
}

// FuzzMarkdownXHTML: any Markdown, raw HTML of any quality included, goes
// through the parser and the resolve pass into a valid tree (doc.Validate),
// and comes out as an EPUB whose every document is well-formed XML with
// unique IDs and links that resolve.
// Its seeds are one CommonMark example in ten (every one of them is in
// TestSlowCommonMarkXHTML) and raw HTML of the kinds that break EPUBs.
func FuzzMarkdownXHTML(f *testing.F) {
	for i, ex := range specExamples(f) {
		if i%10 == 0 {
			f.Add(ex)
		}
	}
	for _, s := range []string{
		"<Listing>x</Listing>\n", "<div><p>unclosed\n", "a<br>b\n", "<!-- a -- b -->\n",
		"<script>alert(1)</script>\n", "<a href=\"javascript:x()\" onclick=\"y()\">z</a>\n",
		"<svg><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><text>&e;</text></svg>\n",
		"<iframe src=\"https://example.org\"></iframe>\n", "Text[^1] and [^1].\n\n[^1]: Note <b>bold\n",
		"::: teacher\n# Heading {#h}\n:::\n\n[to h](#h) [to nowhere](#nowhere) [file](other.md#x)\n",
		"<a name=\"x\"></a><a name=\"x\"></a>[x](#x)\n", "# A\n# A\n<h1 id=\"a\">A</h1>\n",
		"| verse *line*\n|   indented\n  continued\n|\n| x^2^ `<b>b</b>`{=html}[^1]\n\n[^1]: n\n",
		"```{=html}\n<div>\n```\n\n| in\n\n```{=latex}\n\\newpage\n```\n\n</div>\n",
		"a {--old--} {++new++} {~~x~>*y*~~} {==m==}{>>c<<}.\n\n{++\n\n# H {#h}\n\n++}\n\n[to h](#h)\n",
		"{==<b>a==}</b> {++[x](#x)++} {>>[^1]<<}\n\n[^1]: {--n--}\n", "{~~\n\n- a\n\n~>\n\n> b\n\n~~}\n",
	} {
		f.Add(s)
	}
	// CriticMarkup is read in each of its modes, by the input's length
	parsers := [...]*markdown.Parser{markdown.New(), markdown.NewWith(markdown.Options{Critic: markdown.CriticAccept}), markdown.NewWith(markdown.Options{Critic: markdown.CriticReject})}
	f.Fuzz(func(t *testing.T, src string) { checkMarkdownEPUB(t, parsers[len(src)%len(parsers)], src) })
}

// TestSlowCommonMarkXHTML puts every CommonMark example, each a book of
// its own, through FuzzMarkdownXHTML's checks (seconds of EPUB writing).
func TestSlowCommonMarkXHTML(t *testing.T) {
	validate.Slow(t)
	parser := markdown.New()
	for i, ex := range specExamples(t) {
		t.Run(fmt.Sprint("example", i+1), func(t *testing.T) { checkMarkdownEPUB(t, parser, ex) })
	}
}

// checkMarkdownEPUB makes src a chapter of a book, writes the book and
// checks the package (see checkPackage).
func checkMarkdownEPUB(t *testing.T, parser *markdown.Parser, src string) {
	t.Helper()
	ch, err := parser.Parse([]byte(src), "ch.md")
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	entry := &doc.Entry{Kind: doc.KindChapter, File: "ch.md", Title: []doc.Inline{&doc.Text{Text: "Fuzz"}},
		Blocks: ch.Blocks, Notes: ch.Notes}
	book := &doc.Book{Meta: doc.Meta{Title: "Fuzz", Language: "en"}, Entries: []*doc.Entry{entry}}
	if _, err := notes.Resolve(book, notes.Input{Options: notes.Options{Annotations: true}}); err != nil {
		t.Fatalf("resolve: %v", err)
	}
	if err := doc.Validate(book); err != nil {
		t.Fatalf("the resolved tree breaks an invariant:\n%v", err)
	}
	var buf bytes.Buffer
	if _, err := Write(&buf, book, Options{Cover: tinyCover, Fonts: testFonts(t)}); err != nil {
		t.Fatalf("write: %v", err)
	}
	checkPackage(t, filetest.Unzip(t, buf.Bytes()))
}
