package markdown

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc/doctest"
	"github.com/samizdat-press/samizdat/internal/filetest"
)

// TestHTMLChapterGolden reads HTML and XHTML chapter files: a Standard
// Ebooks chapter (hgroup, note references), its endnotes page (notes held
// for the resolve pass, links back), notes in asides, a page with a
// head, a form and a table, Project Gutenberg files, new and old
// (their header and footer left out with a warning, page numbers
// dropped), and SICP's MathML (display formulas, cases).
func TestHTMLChapterGolden(t *testing.T) {
	for _, name := range []string{"manifesto-chapter-1.xhtml", "manifesto-endnotes.xhtml", "footnote-aside.xhtml", "page.html", "douglass-parody.xhtml",
		"gutenberg-1342.html", "gutenberg-old.htm", "sicp-1.2-extract.xhtml"} {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join("testdata", "htmlfile", name)
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			ch, err := New().ParseHTML(src, name)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, ch, src)
			doctest.CheckClone(t, name, ch.Blocks, ch.Notes)
			filetest.Golden(t, file+".golden", []byte(dumpChapter(ch)))
		})
	}
}

// TestHTMLDocumentParts: the body's content, the title and the language
// are found as the HTML parser reads the document; a fragment is its own
// body.
func TestHTMLDocumentParts(t *testing.T) {
	for _, tt := range []struct {
		src, body, title, lang string
	}{
		{"<html lang=fr><head><title>T &amp; U</title></head><body><p>x</p></body></html>", "<p>x</p>", "T & U", "fr"},
		{`<?xml version="1.0"?><html xml:lang="en-GB"><body class="b">y</body></html>`, "y", "", "en-GB"},
		{"<p>fragment</p>", "<p>fragment</p>", "", ""},
		{"<head><title>Only</title></head><p>after head</p>", "<p>after head</p>", "Only", ""},
		{"<body><p>a</p></body><!-- trailing -->", "<p>a</p>", "", ""},
		{"<body><p>a <title>not a title</title></p>", "<p>a <title>not a title</title></p>", "", ""},
	} {
		p := htmlDocumentParts([]byte(tt.src))
		if got := tt.src[p.bodyStart:p.bodyEnd]; got != tt.body || p.title != tt.title || p.lang != tt.lang {
			t.Errorf("%q: body %q, title %q, lang %q; want %q, %q, %q", tt.src, got, p.title, p.lang, tt.body, tt.title, tt.lang)
		}
	}
}

// FuzzHTMLChapter: any file reads as a chapter whose tree is well formed.
func FuzzHTMLChapter(f *testing.F) {
	for _, s := range []string{"<html><body><p>x</p></body></html>", "<hgroup><h2>I</h2><p>T</p></hgroup>", "<title>a</title><body>", "<p>a<a epub:type=noteref href=#n>1</a>", "</body><body>",
		`<p>a <math display="block"><mfrac><mi>x</mi><mn>2</mn></mfrac></math>, b <em><math display="block"><mi>y</mi></math></em></p>`,
		`<span><math><semantics><mi>k</mi><annotation encoding="application/x-tex">k_1</annotation></semantics></math><img aria-hidden="true" src="k.png"></span>`} {
		f.Add([]byte(s))
	}
	p := New()
	f.Fuzz(func(t *testing.T, src []byte) {
		ch, err := p.ParseHTML(src, "f.html")
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, ch, src)
	})
}

// TestHTMLObjectPicture: an <object> embedding a picture is that picture,
// sized and described as an <img>; one embedding anything else is
// dropped, with a warning.
func TestHTMLObjectPicture(t *testing.T) {
	runCases(t, New(), "ch.md", []mkdocsCase{
		{"svg by type, sized in ex", `<object style="width: 20.38ex" data="fig/tree.svg" type="image/svg+xml">SVG</object>` + "\n",
			"figure\n  image src=\"fig/tree.svg\" alt=\"\" width=20.38ex at=1:1\n", nil},
		{"by extension, described by its fallback", `<p><object data="plot.png">A plot of the data</object></p>` + "\n",
			"figure\n  image src=\"plot.png\" alt=\"A plot of the data\" at=1:4\n", nil},
		{"a plug-in is dropped", `<p><object data="movie.swf" type="application/x-shockwave-flash">Flash</object></p>` + "\n",
			"", []string{"ch.md:1:4: raw HTML <object> dropped [html.dropped]"}},
	})
}
