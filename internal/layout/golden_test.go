package layout

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

var update = flag.Bool("update", false, "rewrite golden files")

func txt(s string) *doc.Text { return &doc.Text{Text: s} }

func para(ins ...doc.Inline) *doc.Paragraph { return &doc.Paragraph{Content: ins} }

const lorem = "Every cook has to learn how to govern the state, and the workers’ opposition wants the unions to manage the economy. "

func basicBook() *doc.Book {
	n1 := &doc.Note{ID: "n-1", Label: "1", Refs: 1, Blocks: []doc.Block{para(txt("A footnote with "), &doc.Emph{Content: []doc.Inline{txt("emphasis")}}, txt("."))}}
	n2 := &doc.Note{Kind: doc.AnnotationNote, ID: "n-2", Label: "a", Refs: 1, Blocks: []doc.Block{para(txt("An editor’s annotation."))}}
	ch := &doc.Entry{ID: "ch-one", Kind: doc.KindChapter, File: "one.md", Title: []doc.Inline{txt("The First Chapter")}, Notes: []*doc.Note{n1, n2}}
	ch.Blocks = []doc.Block{
		&doc.Heading{Level: 1, ID: "the-first-chapter", Content: []doc.Inline{txt("The First Chapter")}},
		para(txt(lorem+lorem), &doc.NoteRef{Note: n1}, txt(" More text with "), &doc.Code{Text: "code"}, txt(", "), &doc.Strong{Content: []doc.Inline{txt("strong")}}, txt(" and "), &doc.Strike{Content: []doc.Inline{txt("struck")}}, txt(" words.")),
		para(txt(lorem), &doc.Link{URL: "https://example.org/a/long/path", External: true, Content: []doc.Inline{txt("a link")}}, txt(" and "), &doc.Link{URL: "#sec", Entry: "ch-one", Anchor: "sec", Content: []doc.Inline{txt("a cross-reference")}}, &doc.NoteRef{Note: n2}, txt(".")),
		&doc.Heading{Level: 2, ID: "sec", Content: []doc.Inline{txt("A Section")}},
		para(txt(lorem), &doc.Span{Kind: doc.SpanHighlight, Content: []doc.Inline{txt("A highlight runs on across the line’s end")}}, txt(", and "), &doc.Span{Kind: doc.SpanInserted, Content: []doc.Inline{txt("inserted words are underlined")}}, txt(".")),
		&doc.BlockQuote{Blocks: []doc.Block{para(txt("A quotation from a source, set smaller and indented on both sides."))}},
		&doc.List{Ordered: false, Tight: true, Items: []*doc.ListItem{
			{Blocks: []doc.Block{para(txt("first item"))}},
			{Task: doc.TaskDone, Blocks: []doc.Block{para(txt("a done task"))}},
			{Blocks: []doc.Block{para(txt("nested:")), &doc.List{Ordered: true, Start: 9, Items: []*doc.ListItem{{Blocks: []doc.Block{para(txt("nine"))}}, {Blocks: []doc.Block{para(txt("ten"))}}}}}},
		}},
		&doc.CodeBlock{Language: "go", Text: "func main() {\n\tfmt.Println(\"a line that is much too long for the measure of this small page\")\n}"},
		&doc.ThematicBreak{},
		&doc.Table{Align: []doc.Align{doc.AlignLeft, doc.AlignRight}, Header: []*doc.TableCell{{Content: []doc.Inline{txt("Name")}}, {Content: []doc.Inline{txt("Count")}}},
			Rows: [][]*doc.TableCell{{{Content: []doc.Inline{txt("unions")}}, {Content: []doc.Inline{txt("12")}}}, {{Content: []doc.Inline{txt("a longer cell that has to wrap onto a second line")}}, {Content: []doc.Inline{txt("7")}}}}},
		&doc.Figure{ID: "fig-1", Image: &doc.Image{Src: "missing.png", Alt: "A missing picture"}, Caption: []doc.Inline{txt("The caption.")}},
		&doc.Figure{ID: "fig-2", Image: &doc.Image{Src: "p.png", Asset: &doc.Asset{Path: "p.png", MediaType: "image/png", Data: []byte{1}, Width: 400, Height: 300}}},
	}
	return &doc.Book{
		Meta:     doc.Meta{Title: "Golden Book", Subtitle: "A test", Language: "en", Publisher: "Press", Creators: []doc.Creator{{Name: "A. Author", Role: "aut"}, {Name: "E. Editor", Role: "edt"}}},
		Colophon: []doc.Block{para(txt("© the authors. Licensed CC BY-SA."))},
		Entries: []*doc.Entry{
			{ID: "preface", Kind: doc.KindFrontMatter, Title: []doc.Inline{txt("Preface")}, Blocks: []doc.Block{para(txt(lorem))}},
			ch,
		},
	}
}

func sourceBook() *doc.Book {
	prov := &doc.Note{Kind: doc.ProvenanceNote, ID: "n-prov", Label: "*", Refs: 1, Blocks: []doc.Block{para(txt("From the archive."))}}
	fn := &doc.Note{ID: "n-src-1", Label: "1", Refs: 1, Blocks: []doc.Block{para(txt("A note printed at the end."))}}
	src := &doc.Entry{ID: "src", Kind: doc.KindSource, File: "src.md", Title: []doc.Inline{txt("A Source")}, Notes: []*doc.Note{prov, fn},
		Provenance: &doc.Provenance{Author: "A. Kollontai", Date: "1921"}}
	for i := 0; i < 6; i++ {
		src.Blocks = append(src.Blocks, para(txt(lorem+lorem)))
	}
	src.Blocks[0].(*doc.Paragraph).Content = append(src.Blocks[0].(*doc.Paragraph).Content, &doc.NoteRef{Note: prov})
	src.Blocks[2].(*doc.Paragraph).Content = append(src.Blocks[2].(*doc.Paragraph).Content, txt("See "), &doc.Link{URL: "https://example.org/x", External: true, Content: []doc.Inline{txt("this")}}, &doc.NoteRef{Note: fn})
	part := &doc.Entry{ID: "part-1", Kind: doc.KindPart, Title: []doc.Inline{txt("Part One")}, Children: []*doc.Entry{src}}
	back := &doc.Entry{ID: "back", Kind: doc.KindBackMatter, Title: []doc.Inline{txt("Sources")}, Blocks: []doc.Block{para(txt("List of sources."))}}
	return &doc.Book{Meta: doc.Meta{Title: "Source Book", Language: "en"}, Entries: []*doc.Entry{part, back}}
}

func TestGolden(t *testing.T) {
	small := options(func(o *Options) {
		o.TrimWidth, o.TrimHeight, o.FontSize = 4*72, 6*72, 10
		o.Hyphenate, o.RectoChapters = true, true
	})
	src := small
	src.LineNumbers, src.LineNumberEvery, src.Endnotes, src.URLFootnotes = true, 3, true, true
	cases := []struct {
		name string
		book *doc.Book
		opts Options
	}{
		{"basic", basicBook(), small},
		{"source", sourceBook(), src},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := Layout(c.book, fixedMetrics{}, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			Dump(&buf, d)
			path := filepath.Join("testdata", c.name+".golden")
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("dump differs from %s (run with -update and review the diff)", path)
			}
		})
	}
}
