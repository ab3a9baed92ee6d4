package media

import (
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/markdown"
)

// TestProblemsNameThePicturesPlace: a problem with a picture names the
// line and column where the picture is written, wherever it stands (late
// in a paragraph, in a list, a quote, a table, raw HTML over many lines),
// not the first line of the block that holds it.
func TestProblemsNameThePicturesPlace(t *testing.T) {
	fsys := fstest.MapFS{
		"ok.png":      {Data: encodePNG(t, 2, 2)},
		"big.png":     {Data: encodePNG(t, 40, 40)},
		"bad.png":     {Data: []byte("\x89PNG\r\n\x1a\nnot a picture")},
		"foreign.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml"><img src="x.png"/></div></foreignObject></svg>`)},
	}
	// 2×2 pictures fit, 40×40 ones do not.
	opts := Options{MaxDecoded: 1024, Setting: "limits.image_memory"}
	for _, tc := range []struct {
		name, src, want string
	}{
		{"missing, late in a paragraph", "First line,\nsecond line,\nthird ![Chart](gone.png) line.\n",
			"ch.md:3:7 image.missing"},
		{"no description, in a list item", "1. one\n2. two\n\n   and ![](ok.png)\n",
			"ch.md:4:8 image.alt"},
		{"remote, in a block quote", "> A quote\n> with ![Logo](https://example.org/l.png)\n",
			"ch.md:2:8 image.remote"},
		{"undecodable, in a table cell", "| a | b |\n|---|---|\n| x | y |\n| z | ![Bad](bad.png) |\n",
			"ch.md:4:7 image.undecodable"},
		{"too large, raw HTML inline", "Text\nwith <img src=\"big.png\" alt=\"Big\"> in it.\n",
			"ch.md:2:6 image.too-large"},
		{"missing, in a multi-line HTML block", "Text.\n\n<div class=\"pics\">\n<p>Some words</p>\n    <img src=\"gone.png\" alt=\"Gone\">\n</div>\n",
			"ch.md:5:5 image.missing"},
		{"HTML block in a quote", "> <div>\n> <p>x</p>\n>   <IMG SRC=\"gone.png\" ALT=\"Gone\">\n> </div>\n",
			"ch.md:3:5 image.missing"},
		{"a figure with a caption", "<figure>\n  <figcaption>A caption</figcaption>\n  <img src=\"gone.png\" alt=\"Gone\">\n</figure>\n",
			"ch.md:3:3 image.missing"},
		{"a Markdown figure with a caption", "Before.\n\n![Chart](gone.png)\n*The caption*\n",
			"ch.md:3:1 image.missing"},
		{"HTML blocks around Markdown", "<details>\n\nMarkdown *here*.\n\n<p>and\n<img src=\"gone.png\" alt=\"Gone\"></p>\n</details>\n",
			"ch.md:6:1 image.missing"},
		{"an SVG it cannot draw", "Words.\n\n<p>\n  <img src=\"foreign.svg\" alt=\"Foreign\">\n</p>\n",
			"ch.md:4:3 image.svg-unsupported"},
		{"inline SVG with no description", "Words\nand <svg viewBox=\"0 0 4 4\"><rect width=\"4\" height=\"4\"/></svg>\n",
			"ch.md:2:5 image.alt"},
		{"<svg> in a multi-line HTML block", "<div>\n<p>x</p>\n <svg viewBox=\"0 0 4 4\"><rect width=\"4\" height=\"4\"/></svg>\n</div>\n",
			"ch.md:3:2 image.alt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ch, err := markdown.Parse([]byte(tc.src), "ch.md")
			if err != nil {
				t.Fatal(err)
			}
			book := &doc.Book{Entries: []*doc.Entry{{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Blocks: ch.Blocks}}}
			warnings, err := Load(book, fsys, opts)
			if err != nil {
				t.Fatalf("errors: %v", err)
			}
			var got []string
			for _, w := range warnings {
				got = append(got, fmt.Sprintf("%s:%d:%d %s", w.File, w.Line, w.Column, w.Code))
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("warnings %q, want [%q]", got, tc.want)
			}
		})
	}
}
