package epub

import (
	"bytes"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/filetest"
	"github.com/samizdat-press/samizdat/internal/markdown"
	"github.com/samizdat-press/samizdat/internal/notes"
)

// markdownBody parses src as a chapter, resolves it, writes the book and
// returns the chapter's XHTML between <h1>…</h1> and </section>.
func markdownBody(t *testing.T, parser *markdown.Parser, src string) string {
	t.Helper()
	x := markdownChapter(t, parser, src)
	return strings.TrimSuffix(strings.TrimPrefix(between(x, "</h1>\n", "</section>"), "</h1>\n"), "</section>")
}

// markdownChapter parses src as a chapter, resolves it, writes the book
// and returns the chapter's XHTML file.
func markdownChapter(t *testing.T, parser *markdown.Parser, src string) string {
	t.Helper()
	ch, err := parser.Parse([]byte(src), "ch.md")
	if err != nil {
		t.Fatal(err)
	}
	entry := &doc.Entry{Kind: doc.KindChapter, File: "ch.md", Title: []doc.Inline{&doc.Text{Text: "T"}}, Blocks: ch.Blocks, Notes: ch.Notes}
	book := &doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{entry}}
	if _, err := notes.Resolve(book, notes.Input{}); err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(book); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := Write(&buf, book, Options{Cover: tinyCover}); err != nil {
		t.Fatal(err)
	}
	files := filetest.Unzip(t, buf.Bytes())
	checkPackage(t, files)
	return files[chapterFile]
}

// TestMarkdownTermLists: Markdown's definition lists, PHP Markdown Extra's
// and pandoc's forms, are written as raw HTML's <dl> is.
func TestMarkdownTermLists(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"tight", "Apple\n: A fruit.\n",
			"<dl>\n<dt>Apple</dt>\n<dd>A fruit.</dd>\n</dl>\n"},
		{"several definitions, several terms", "Apple\n: A fruit.\n: A company.\n\nPear\nQuince\n: Fruits too.\n",
			"<dl>\n<dt>Apple</dt>\n<dd>A fruit.</dd>\n<dd>A company.</dd>\n<dt>Pear</dt>\n<dt>Quince</dt>\n<dd>Fruits too.</dd>\n</dl>\n"},
		{"pandoc's loose form", "`--opt`\n\n:   Does a *thing*.\n\n    Second paragraph.\n\n        code\n\n:   Another.\n",
			"<dl>\n<dt><code translate=\"no\">--opt</code></dt>\n<dd><p>Does a <em>thing</em>.</p>\n<p>Second paragraph.</p>\n" +
				"<pre><code translate=\"no\">code</code></pre>\n</dd>\n<dd>Another.</dd>\n</dl>\n"},
		{"nested in a definition", "Outer\n:   Inner\n    : Nested.\n",
			"<dl>\n<dt>Outer</dt>\n<dd><dl>\n<dt>Inner</dt>\n<dd>Nested.</dd>\n</dl>\n</dd>\n</dl>\n"},
		{"no space after the colon is a paragraph", "Term\n:not a definition\n",
			"<p>Term :not a definition</p>\n"},
	}
	parser := markdown.New()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := markdownBody(t, parser, tc.src); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
	md := markdownBody(t, parser, "Apple\n: A fruit.\n: A company.\n\nPear\n: *Also* a fruit.\n")
	html := markdownBody(t, parser, "<dl>\n<dt>Apple</dt>\n<dd>A fruit.</dd>\n<dd>A company.</dd>\n<dt>Pear</dt>\n<dd><em>Also</em> a fruit.</dd>\n</dl>\n")
	if md != html {
		t.Errorf("Markdown's definition list:\n%s\nraw HTML's:\n%s", md, html)
	}
}
