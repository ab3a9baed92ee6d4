package doc

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/samizdat-press/samizdat/internal/filetest"
)

func sampleBook() *Book {
	note := &Note{Kind: FootnoteNote, ID: "n-ch-1", Label: "1", Refs: 1,
		Blocks: []Block{&Paragraph{Content: []Inline{&Text{Text: "A note."}}}}}
	prov := &Note{Kind: ProvenanceNote, ID: "p-src", Label: "*", Refs: 1,
		Blocks: []Block{&Paragraph{Content: []Inline{&Text{Text: "From an archive."}}}}}
	ch := &Entry{ID: "ch", Kind: KindChapter, File: "ch.md", Title: []Inline{&Text{Text: "One"}},
		Blocks: []Block{
			&Heading{BlockBase: BlockBase{Pos: Pos{File: "ch.md", Line: 1}}, Level: 1, ID: "one", Content: []Inline{&Text{Text: "One"}}},
			&Paragraph{Content: []Inline{
				&Text{Text: "Plain, "}, &Emph{Content: []Inline{&Text{Text: "emphasis"}}},
				&Text{Text: ", "}, &Code{Text: "code"}, &NoteRef{Note: note},
				&Break{}, &Link{URL: "src.md", Entry: "src", Content: []Inline{&Text{Text: "a link"}}},
				&Span{Kind: SpanAbbreviation, Title: "Communist International", Content: []Inline{&Text{Text: "Comintern"}}},
			}},
			&List{Ordered: true, Start: 3, Tight: true, Items: []*ListItem{
				{Blocks: []Block{&Paragraph{Content: []Inline{&Text{Text: "item"}}}}, Task: TaskDone},
			}},
			&Div{BlockBase: BlockBase{Tags: []string{"teacher"}}, Classes: []string{"teacher"}, Blocks: []Block{
				&BlockQuote{Blocks: []Block{&CodeBlock{Language: "go", Text: "a\nb"}}},
			}},
			&Table{Align: []Align{AlignLeft, AlignRight}, Header: []*TableCell{{Content: []Inline{&Text{Text: "h"}}}, {}},
				Rows: [][]*TableCell{{{Content: []Inline{&Strong{Content: []Inline{&Text{Text: "x"}}}}}, {}}}},
			&Figure{Image: &Image{Src: "a.png", Alt: "A", Asset: &Asset{Path: "a.png", MediaType: "image/png"}}, Caption: []Inline{&Text{Text: "Cap"}}},
			&ThematicBreak{},
		},
		Notes: []*Note{note},
	}
	src := &Entry{ID: "src", Kind: KindSource, File: "src.md", Title: []Inline{&Text{Text: "Source"}},
		Provenance: &Provenance{Author: "A. Author", Title: "Work", Date: "1921", Citation: []Inline{&Text{Text: "A. Author, "}, &Emph{Content: []Inline{&Text{Text: "Work"}}}}},
		Blocks:     []Block{&Heading{Level: 1, ID: "source", Content: []Inline{&Text{Text: "Source"}, &NoteRef{Note: prov}}}},
		Notes:      []*Note{prov}}
	part := &Entry{ID: "part", Kind: KindPart, Title: []Inline{&Text{Text: "Part"}}, Children: []*Entry{src}}
	return &Book{
		Meta:     Meta{Title: "T", Language: "en", Subtitle: "S", Creators: []Creator{{Name: "Ed Itor", Role: "edt"}}},
		Entries:  []*Entry{ch, part, nil},
		Colophon: []Block{&Paragraph{Content: []Inline{&Text{Text: "Made with care."}}}},
	}
}

func TestDumpGolden(t *testing.T) {
	var buf bytes.Buffer
	Dump(&buf, sampleBook())
	filetest.Golden(t, filepath.Join("testdata", "sample.golden"), buf.Bytes())
}

func TestPlainTextAndBlockText(t *testing.T) {
	b := sampleBook()
	para := b.Entries[0].Blocks[1]
	// Note markers and images are not text; a hard break is a newline.
	if got, want := BlockText(para), "Plain, emphasis, code\na linkComintern"; got != want {
		t.Errorf("BlockText = %q, want %q", got, want)
	}
	if got := BlockText(b.Entries[0].Blocks[2]); got != "" {
		t.Errorf("a list is a container and has no text of its own, got %q", got)
	}
	if got := BlockText(&CodeBlock{Text: "x := 1"}); got != "x := 1" {
		t.Errorf("code block text = %q", got)
	}
}

func TestWalkVisitsEverythingInOrder(t *testing.T) {
	b := sampleBook()
	var kinds []string
	Walk(b.Entries[0].Blocks, Visitor{
		Block: func(bl Block) bool { kinds = append(kinds, typeName(bl)); return true },
		Inline: func(in Inline) bool {
			kinds = append(kinds, typeName(in))
			_, isLink := in.(*Link)
			return !isLink // skip the link's text
		},
	})
	want := "Heading Text Paragraph Text Emph Text Text Code NoteRef Break Link Span Text List Paragraph Text Div BlockQuote CodeBlock Table Text Strong Text Figure Image Text ThematicBreak"
	if got := join(kinds); got != want {
		t.Errorf("walk order:\n got %s\nwant %s", got, want)
	}
}

func TestWalkImagesReadsBlocksThenNotes(t *testing.T) {
	fig := &Image{Src: "figure.png"}
	entries := []*Entry{
		{
			Blocks: []Block{
				&Paragraph{Content: []Inline{&Emph{Content: []Inline{&Image{Src: "inline.png"}}}}},
				&Figure{Image: fig},
				&Figure{}, // no picture
			},
			Notes: []*Note{{Blocks: []Block{&Paragraph{Content: []Inline{&Image{Src: "note.png"}}}}}},
		},
		{Blocks: []Block{&Figure{Image: fig}}},
	}
	var srcs []string
	WalkImages(entries, func(img *Image) { srcs = append(srcs, img.Src) })
	if got, want := join(srcs), "inline.png figure.png note.png figure.png"; got != want {
		t.Errorf("WalkImages order:\n got %s\nwant %s", got, want)
	}
}

func TestChaptersFlattensPartsAndSkipsNil(t *testing.T) {
	var ids []string
	for _, e := range sampleBook().Chapters() {
		ids = append(ids, e.ID)
	}
	if got := join(ids); got != "ch part src" {
		t.Errorf("Chapters = %s", got)
	}
}

func TestKindsAndRefIDs(t *testing.T) {
	for _, word := range []string{"", "chapter", "front", "source", "back", "part", "front-matter"} {
		if _, ok := ParseKind(word); !ok {
			t.Errorf("ParseKind(%q) failed", word)
		}
	}
	if _, ok := ParseKind("appendix"); ok {
		t.Error("ParseKind accepted an unknown kind")
	}
	n := &Note{ID: "n-x-1"}
	if n.RefID(0) != "ref-n-x-1" || n.RefID(1) != "ref-n-x-1-2" {
		t.Errorf("RefIDs %q %q", n.RefID(0), n.RefID(1))
	}
	if (Pos{File: "a.md", Line: 3}).String() != "a.md:3" || (Pos{File: "a.md", Line: 3, Column: 7}).String() != "a.md:3:7" || (Pos{File: "a.md"}).String() != "a.md" || (Pos{}).String() != "" {
		t.Error("Pos.String")
	}
}

func typeName(v any) string {
	s := ""
	switch v.(type) {
	case *Heading:
		s = "Heading"
	case *Paragraph:
		s = "Paragraph"
	case *List:
		s = "List"
	case *Div:
		s = "Div"
	case *BlockQuote:
		s = "BlockQuote"
	case *CodeBlock:
		s = "CodeBlock"
	case *Table:
		s = "Table"
	case *Figure:
		s = "Figure"
	case *ThematicBreak:
		s = "ThematicBreak"
	case *Text:
		s = "Text"
	case *Emph:
		s = "Emph"
	case *Strong:
		s = "Strong"
	case *Code:
		s = "Code"
	case *NoteRef:
		s = "NoteRef"
	case *Break:
		s = "Break"
	case *Link:
		s = "Link"
	case *Span:
		s = "Span"
	case *Image:
		s = "Image"
	}
	return s
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}
