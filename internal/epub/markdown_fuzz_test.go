package epub

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/markdown"
	"github.com/samizdat-press/samizdat/internal/notes"
)

// FuzzMarkdownXHTML: any Markdown, raw HTML of any quality included, goes
// through the parser and the resolve pass and comes out as an EPUB whose
// every document is well-formed XML with unique IDs and links that resolve.
func FuzzMarkdownXHTML(f *testing.F) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "commonmark", "spec.json"))
	if err != nil {
		f.Fatal(err)
	}
	var examples []struct{ Markdown string }
	if err := json.Unmarshal(raw, &examples); err != nil {
		f.Fatal(err)
	}
	for _, ex := range examples {
		f.Add(ex.Markdown)
	}
	for _, s := range []string{
		"<Listing>x</Listing>\n", "<div><p>unclosed\n", "a<br>b\n", "<!-- a -- b -->\n",
		"<script>alert(1)</script>\n", "<a href=\"javascript:x()\" onclick=\"y()\">z</a>\n",
		"<svg><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><text>&e;</text></svg>\n",
		"<iframe src=\"https://example.org\"></iframe>\n", "Text[^1] and [^1].\n\n[^1]: Note <b>bold\n",
		"::: teacher\n# Heading {#h}\n:::\n\n[to h](#h) [to nowhere](#nowhere) [file](other.md#x)\n",
		"<a name=\"x\"></a><a name=\"x\"></a>[x](#x)\n", "# A\n# A\n<h1 id=\"a\">A</h1>\n",
	} {
		f.Add(s)
	}
	parser := markdown.New()
	f.Fuzz(func(t *testing.T, src string) {
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
		var buf bytes.Buffer
		if _, err := Write(&buf, book, Options{Cover: tinyCover, Fonts: testFonts(t)}); err != nil {
			t.Fatalf("write: %v", err)
		}
		checkPackage(t, unzip(t, buf.Bytes()))
	})
}
