package doc

import (
	"strings"
	"testing"
)

func validBook() *Book {
	note := &Note{Kind: FootnoteNote, ID: "n-1", Label: "1", Refs: 1, Pos: Pos{File: "a.md", Line: 9},
		Blocks: []Block{&Paragraph{Content: []Inline{&Text{Text: "Note."}}}}}
	ch := &Entry{ID: "a", Kind: KindChapter, File: "a.md", Title: []Inline{&Text{Text: "A"}},
		Blocks: []Block{
			&Heading{BlockBase: BlockBase{Pos: Pos{File: "a.md", Line: 1}}, Level: 1, ID: "top", Content: []Inline{&Text{Text: "A"}}},
			&Paragraph{BlockBase: BlockBase{Pos: Pos{File: "a.md", Line: 3}}, Content: []Inline{
				&Text{Text: "Text"}, &NoteRef{Note: note}, &Break{}, &Break{},
				&Link{URL: "b.md#there", Entry: "b", Anchor: "there", Content: []Inline{&Text{Text: "there"}}},
				&Span{Kind: SpanAbbreviation, ID: "anchor", Content: []Inline{&Text{Text: "USSR"}}},
			}},
			&Table{BlockBase: BlockBase{Pos: Pos{File: "a.md", Line: 5}}, Align: []Align{AlignLeft, AlignRight},
				Header: []*TableCell{{}, {}}, Rows: [][]*TableCell{{{}, {}}}},
			&Div{Kind: DivAside, Blocks: []Block{&List{Items: []*ListItem{{Blocks: []Block{&Paragraph{}}}}}}},
		},
		Notes: []*Note{note},
	}
	other := &Entry{ID: "b", Kind: KindBackMatter, Role: RoleBibliography, File: "b.md",
		Blocks: []Block{&Figure{ID: "there", Image: &Image{Src: "x.png"}}}}
	return &Book{Entries: []*Entry{{ID: "p", Kind: KindPart, Children: []*Entry{ch}}, other}}
}

func TestValidateAcceptsAValidTree(t *testing.T) {
	b := validBook()
	if b.Validated() {
		t.Fatal("a book is validated before Validate")
	}
	if err := Validate(b); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if !b.Validated() {
		t.Error("Validate did not mark the book")
	}
}

// TestValidateReportsEveryProblem breaks one invariant at a time, and all
// of them at once.
func TestValidateReportsEveryProblem(t *testing.T) {
	chapter := func(b *Book) *Entry { return b.Entries[0].Children[0] }
	para := func(b *Book) *Paragraph { return chapter(b).Blocks[1].(*Paragraph) }
	cases := []struct {
		name  string
		spoil func(b *Book)
		want  string
	}{
		{"nil entry", func(b *Book) { b.Entries = append(b.Entries, nil) }, "a nil entry"},
		{"nil block", func(b *Book) { chapter(b).Blocks = append(chapter(b).Blocks, nil) }, "a.md: a nil block"},
		{"typed nil block", func(b *Book) { chapter(b).Blocks = append(chapter(b).Blocks, (*Paragraph)(nil)) }, "a.md: a nil block"},
		{"math without tree", func(b *Book) { para(b).Content = append(para(b).Content, &Math{TeX: `\frac`}) }, "a.md:3: a formula without its tree: \"\\\\frac\""},
		{"nil inline", func(b *Book) { para(b).Content = append(para(b).Content, (*Text)(nil)) }, "a.md:3: a nil inline"},
		{"nil list item", func(b *Book) {
			chapter(b).Blocks[3].(*Div).Blocks[0].(*List).Items = []*ListItem{nil}
		}, "a.md: a nil list item"},
		{"nil cell", func(b *Book) { chapter(b).Blocks[2].(*Table).Rows[0][1] = nil }, "a.md:5: a nil table cell"},
		{"ragged row", func(b *Book) {
			tb := chapter(b).Blocks[2].(*Table)
			tb.Rows = append(tb.Rows, []*TableCell{{}})
		}, "a.md:5: a table row of 1 cells for 2 columns"},
		{"figure without image", func(b *Book) { b.Entries[1].Blocks[0].(*Figure).Image = nil }, "b.md: a figure without an image"},
		{"figure link around something else", func(b *Book) {
			f := b.Entries[1].Blocks[0].(*Figure)
			f.Link = &Link{URL: "https://example.org/", Content: []Inline{&Image{Src: "y.png"}}}
		}, "b.md: a figure's link holds more than its picture"},
		{"shared block", func(b *Book) { b.Entries[1].Blocks = append(b.Entries[1].Blocks, chapter(b).Blocks[0]) }, "a.md:1: a *doc.Heading block appears twice in the tree"},
		{"cycle", func(b *Book) {
			d := chapter(b).Blocks[3].(*Div)
			d.Blocks = append(d.Blocks, d)
		}, "a *doc.Div block appears twice in the tree"},
		{"entry listed twice", func(b *Book) { b.Entries = append(b.Entries, b.Entries[1]) }, `entry "b" appears twice in the tree`},
		{"deep blocks", func(b *Book) {
			var bl Block = &Paragraph{}
			for range MaxDepth + 2 {
				bl = &BlockQuote{Blocks: []Block{bl}}
			}
			b.Entries[1].Blocks = append(b.Entries[1].Blocks, bl)
		}, "blocks nested deeper than 500"},
		{"deep inlines", func(b *Book) {
			var in Inline = &Text{Text: "x"}
			for range MaxDepth + 2 {
				in = &Emph{Content: []Inline{in}}
			}
			para(b).Content = append(para(b).Content, in)
		}, "a.md:3: inline content nested deeper than 500"},
		{"unsafe entry ID", func(b *Book) { b.Entries[1].ID = "b c" }, `b.md: entry ID "b c" is not ASCII letters`},
		{"entry ID twice", func(b *Book) { b.Entries[1].ID = "a" }, `b.md: entry ID "a" is given twice`},
		{"heading level", func(b *Book) { chapter(b).Blocks[0].(*Heading).Level = 7 }, "a.md:1: a heading of level 7"},
		{"ID twice", func(b *Book) { b.Entries[1].Blocks[0].(*Figure).ID = "top" }, `b.md: figure has ID "top", which the node at a.md:1 already has`},
		{"note without ID", func(b *Book) { chapter(b).Notes[0].ID = "" }, "a.md:9: a note has no ID"},
		{"reference beyond the count", func(b *Book) { para(b).Content[1].(*NoteRef).Index = 1 }, `a.md:3: reference 1 to note "n-1", which counts 1`},
		{"reference to no note", func(b *Book) { para(b).Content[1].(*NoteRef).Note = nil }, "a.md:3: a note reference without a note"},
		{"link to no entry", func(b *Book) { para(b).Content[4].(*Link).Entry = "gone" }, `a.md:3: a link points to entry "gone", which is not in the book`},
		{"link to no anchor", func(b *Book) { para(b).Content[4].(*Link).Anchor = "gone" }, "a.md:3: a link points to #gone, which is not in the book"},
		{"block ID twice", func(b *Book) {
			chapter(b).Blocks = append(chapter(b).Blocks, &CodeBlock{ID: "top"})
		}, `a.md: code block has ID "top", which the node at a.md:1 already has`},
		{"term list out of shape", func(b *Book) {
			term := &Div{Kind: DivTerm, Blocks: []Block{&Paragraph{}, &Paragraph{}}}
			chapter(b).Blocks = append(chapter(b).Blocks, &Div{Kind: DivTermList, Blocks: []Block{
				&Div{Kind: DivTermDefinition}, term, &Paragraph{}}})
		}, `a.md: a term list holding a term-definition group at 1
a.md: a term list holding a *doc.Paragraph block at 3
a.md: a term of 2 blocks`},
		{"caption out of place", func(b *Book) {
			chapter(b).Blocks = append(chapter(b).Blocks, &Div{Kind: DivFigure, Blocks: []Block{
				&Paragraph{}, &Div{Kind: DivCaption}, &Paragraph{}}}, &Div{Blocks: []Block{&Div{Kind: DivCaption}}})
		}, `a.md: a caption at 2 of 3 blocks of a figure group
a.md: a caption at 1 of 1 blocks of a plain group`},
		{"column groups too wide", func(b *Book) {
			tb := chapter(b).Blocks[2].(*Table)
			tb.Groups = []*ColumnGroup{{Span: 2}, {Columns: []*Column{{Span: 1}}}, {Span: 0}}
		}, `a.md:5: a column group of 0 columns
a.md:5: column groups of 3 columns for 2 columns`},
		{"column widths", func(b *Book) {
			chapter(b).Blocks[2].(*Table).Widths = []float64{0.5, 0, 1.5}
		}, `a.md:5: a table of 3 column widths for 2 columns
a.md:5: a table column 0 of the measure wide
a.md:5: a table column 1.5 of the measure wide`},
		{"unknown kinds", func(b *Book) {
			b.Entries[1].Kind = EntryKind(9)
			b.Entries[1].Role = EntryRole(9)
			para(b).Content[5].(*Span).Kind = SpanKind(99)
			chapter(b).Blocks[3].(*Div).Kind = DivKind(99)
			chapter(b).Notes[0].Kind = NoteKind(7)
			chapter(b).Blocks[2].(*Table).Align[0] = Align(8)
			chapter(b).Blocks[2].(*Table).Rows[0][0].Scope = CellScope(9)
		}, `b.md: entry "b" has kind EntryKind(9)
b.md: entry "b" has role EntryRole(9)
a.md:3: a span of kind SpanKind(99)
a.md: a group of kind DivKind(99)
a.md:9: note "n-1" has kind NoteKind(7)
a.md:5: a table column aligned 8
a.md:5: a table cell of scope CellScope(9)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := validBook()
			c.spoil(b)
			err := Validate(b)
			if err == nil {
				t.Fatalf("Validate accepted it; want %q", c.want)
			}
			for _, want := range strings.Split(c.want, "\n") {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error:\n%v\nwant it to say %q", err, want)
				}
			}
			if b.Validated() {
				t.Error("an invalid book is marked validated")
			}
		})
	}
}
