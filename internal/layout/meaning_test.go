package layout

import (
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// printedText is the text of a document's pages, runs joined by spaces.
func printedText(d *Document) string {
	var b strings.Builder
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(*Text); ok {
				b.WriteString(tx.Text)
				b.WriteByte(' ')
			}
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// hasRune reports whether a document prints r.
func hasRune(d *Document, r rune) bool {
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(*Text); ok && strings.ContainsRune(tx.Text, r) {
				return true
			}
		}
	}
	return false
}

// A quotation prints in its language's marks, by depth, and the marks add
// nothing to the offsets the page map counts in.
func TestQuotationMarksByLanguage(t *testing.T) {
	q := func(lang string, in ...doc.Inline) *doc.Span {
		return &doc.Span{Kind: doc.SpanQuotation, Lang: lang, Content: in}
	}
	cases := []struct {
		book string
		p    *doc.Paragraph
		want string
	}{
		{"en", para(txt("He said "), q("", txt("the slogan "), q("", txt("all power")), txt(" was his")), txt(".")),
			"He said “the slogan ‘all power’ was his”."},
		{"fr", para(txt("Il dit "), q("", txt("le mot "), q("", txt("pain")), txt(" ici")), txt(".")),
			"Il dit «\u202Fle mot “pain” ici\u202F»."},
		{"en", para(txt("In German: "), q("de", txt("Brot")), txt(".")), "In German: „Brot“."},
	}
	for _, c := range cases {
		ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, Title: []doc.Inline{txt("Q")}, Blocks: []doc.Block{c.p}}
		book := &doc.Book{Meta: doc.Meta{Title: "T", Language: c.book}, Entries: []*doc.Entry{ch}}
		d, err := Layout(book, realFonts(t), options(func(o *Options) { o.Language = "" }))
		if err != nil {
			t.Fatal(err)
		}
		// Runs are joined by spaces, so spaces are not compared.
		if got := printedText(d); !strings.Contains(strings.Join(strings.Fields(got), ""), strings.Join(strings.Fields(c.want), "")) ||
			strings.Contains(c.want, "\u202F") && !hasRune(d, '\u202F') {
			t.Errorf("%s book: printed %q, want %q", c.book, got, c.want)
		}
		f := flattener{e: newEngine(nil, Options{Language: c.book}, nil, nil, nil)}
		f.inlines(c.p.Content, style{})
		plain := []rune(doc.PlainText(c.p.Content))
		for _, sg := range f.out {
			if sg.off > len(plain) {
				t.Errorf("a segment at offset %d beyond the text's %d runes", sg.off, len(plain))
			}
			if r := []rune(sg.text); len(r) > 0 && !strings.ContainsRune("“”‘’«»„“\u202F", r[0]) && string(plain[sg.off:sg.off+len(r)]) != sg.text {
				t.Errorf("segment %q at offset %d, where the text has %q", sg.text, sg.off, string(plain[sg.off:min(len(plain), sg.off+len(r))]))
			}
		}
	}
}

// Terms print in bold before their definitions, a table's caption above
// it, a disclosure's summary in bold, i and b as italic and bold.
func TestGroupsPrintInTheirForm(t *testing.T) {
	ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, Title: []doc.Inline{txt("G")}, Blocks: []doc.Block{
		&doc.Table{Align: []doc.Align{doc.AlignDefault}, Caption: []doc.Inline{txt("Caption")},
			Header: []*doc.TableCell{{Content: []doc.Inline{txt("Head")}}}, Rows: [][]*doc.TableCell{{{Header: true, Content: []doc.Inline{txt("Row")}}}}},
		&doc.Div{Kind: doc.DivTermList, Blocks: []doc.Block{
			&doc.Div{Kind: doc.DivTerm, Blocks: []doc.Block{para(txt("Term"))}},
			&doc.Div{Kind: doc.DivTermDefinition, Blocks: []doc.Block{para(txt("Meaning"))}},
		}},
		&doc.Div{Kind: doc.DivDetails, Blocks: []doc.Block{
			&doc.Div{Kind: doc.DivSummary, Blocks: []doc.Block{para(txt("Summary"))}}, para(txt("Opened"))}},
		para(&doc.Span{Kind: doc.SpanAlternate, Content: []doc.Inline{txt("Ship")}}, txt(" "),
			&doc.Span{Kind: doc.SpanAttention, Content: []doc.Inline{txt("Keyword")}}),
	}}
	d, err := Layout(&doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{ch}}, realFonts(t), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	runs := map[string]*Text{}
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(*Text); ok {
				runs[tx.Text] = tx
			}
		}
	}
	face := func(word string) string {
		if r := runs[word]; r != nil {
			return r.Face.String()
		}
		return "not printed"
	}
	for word, want := range map[string]string{"Caption": "serif-italic", "Head": "serif-bold", "Row": "serif-bold",
		"Term": "serif-bold", "Meaning": "serif-regular", "Summary": "serif-bold", "Opened": "serif-regular",
		"Ship": "serif-italic", "Keyword": "serif-bold"} {
		if got := face(word); got != want {
			t.Errorf("%q set in %s, want %s", word, got, want)
		}
	}
	if c, h := runs["Caption"], runs["Head"]; c != nil && h != nil && c.Y >= h.Y {
		t.Errorf("the caption (y %.1f) is not above the table's head (y %.1f)", c.Y, h.Y)
	}
	if tm, df := runs["Term"], runs["Meaning"]; tm != nil && df != nil && (df.Y <= tm.Y || df.X <= tm.X) {
		t.Errorf("the definition (%.1f, %.1f) is not below and indented from its term (%.1f, %.1f)", df.X, df.Y, tm.X, tm.Y)
	}
}
