package pdf

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/layout"
)

// TestDecorationsPainted: a highlight's tint is painted before the words
// on it, in grey, and an underline after its words, as a stroked line of
// the type's twentieth: the painter draws what the layout set, in its
// order.
func TestDecorationsPainted(t *testing.T) {
	faces := testFaces(t)
	para := &doc.Paragraph{Content: []doc.Inline{
		&doc.Text{Text: "Plain "},
		&doc.Span{Kind: doc.SpanHighlight, Content: []doc.Inline{&doc.Text{Text: "tinted"}}},
		&doc.Text{Text: " and "},
		&doc.Span{Kind: doc.SpanInserted, Content: []doc.Inline{&doc.Text{Text: "ruled"}}},
		&doc.Text{Text: "."},
	}}
	book := &doc.Book{Meta: doc.Meta{Title: "Marks", Language: "en"}, Entries: []*doc.Entry{
		{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Title: []doc.Inline{&doc.Text{Text: "Marks"}}, Blocks: []doc.Block{para}},
	}}
	const inch = 72
	d, err := layout.Layout(book, faces, layout.Options{TrimWidth: 6 * inch, TrimHeight: 9 * inch, MarginTop: 0.75 * inch, MarginBottom: 0.8 * inch,
		MarginInner: 0.625 * inch, MarginOuter: 0.625 * inch, FontSize: 10, Leading: 1.3})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := Write(&out, d, book.Meta, faces, DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	f := readBack(t, out.Bytes())
	var content []byte
	for _, pg := range pages(t, f) {
		if c := pageContent(t, f, pg); bytes.Contains(c, []byte(" re f")) {
			content = c
		}
	}
	if content == nil {
		t.Fatal("no page paints a tint")
	}
	// the tint, a grey of 86%, then the word on it; the rule after its word
	order := regexp.MustCompile(`(?s)0\.859 g\n[0-9. ]+ -10\.00 re f\n.*BT [^\n]*Tj ET.*0\.50 w\n[0-9. ]+ m [0-9. ]+ l S`)
	if !order.Match(content) {
		t.Errorf("page content does not paint the tint, the text, then the rule:\n%s", content)
	}
}
