package xhtml

import (
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// TestUsedFaces: the serif's regular, italic and bold are always used;
// bold italic and the mono faces only where the text sets them.
func TestUsedFaces(t *testing.T) {
	text := func(s string) *doc.Text { return &doc.Text{Text: s} }
	para := func(in ...doc.Inline) *doc.Paragraph { return &doc.Paragraph{Content: in} }
	base := "serif-regular serif-italic serif-bold"
	cases := []struct {
		name   string
		blocks []doc.Block
		notes  []*doc.Note
		want   string // beyond base
	}{
		{"plain text", []doc.Block{para(text("a"), &doc.Emph{Content: []doc.Inline{text("b")}})}, nil, ""},
		{"emphasis in strong", []doc.Block{para(&doc.Strong{Content: []doc.Inline{&doc.Emph{Content: []doc.Inline{text("b")}}}})}, nil, "serif-bolditalic"},
		{"strong in a caption", []doc.Block{&doc.Figure{Image: &doc.Image{Src: "a.png"}, Caption: []doc.Inline{&doc.Strong{Content: []doc.Inline{text("b")}}}}}, nil, "serif-bolditalic"},
		{"inline code", []doc.Block{para(text("a "), &doc.Code{Text: "x"})}, nil, "mono-regular"},
		{"code block in a list", []doc.Block{&doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{&doc.CodeBlock{Text: "x"}}}}}}, nil, "mono-regular"},
		{"code in a heading", []doc.Block{&doc.Heading{Level: 2, Content: []doc.Inline{&doc.Code{Text: "x"}}}}, nil, "mono-bold"},
		{"keyboard in a table's head", []doc.Block{&doc.Table{Header: []*doc.TableCell{{Content: []doc.Inline{&doc.Span{Kind: doc.SpanKeyboard, Content: []doc.Inline{text("k")}}}}}, Align: []doc.Align{doc.AlignDefault}}}, nil, "mono-bold"},
		{"code in an emphasis", []doc.Block{para(&doc.Emph{Content: []doc.Inline{&doc.Code{Text: "x"}}})}, nil, "mono-italic"},
		{"an annotation", nil, []*doc.Note{{Kind: doc.AnnotationNote, Blocks: []doc.Block{para(text("n"))}}}, "serif-bolditalic"},
		{"code in a footnote", nil, []*doc.Note{{Kind: doc.FootnoteNote, Blocks: []doc.Block{para(&doc.Code{Text: "x"})}}}, "mono-regular"},
	}
	for _, c := range cases {
		used := UsedFaces(c.blocks, c.notes)
		var got []string
		for _, wf := range fonts.WebFaces {
			if used[wf.Face] {
				got = append(got, wf.File)
			}
		}
		want := strings.Fields(base + " " + c.want)
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", c.name, got, want)
		}
	}
}
