package build

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/testbook"
	"github.com/samizdat-press/samizdat/internal/validate"
)

type specExample struct {
	Markdown string `json:"markdown"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
}

// hostileHTML are raw-HTML chapters of the kind that make other tools'
// EPUBs fail validation.
var hostileHTML = []string{
	"<Listing>\n<caption>A custom element</caption>\nfn main() {}\n</Listing>\n",
	"<div><p>Unclosed paragraph and div\n\n*Markdown* after it.\n",
	"Line<br>break, <BR/> and <br/>.\n",
	"<!-- a comment -- with -- dashes -->\nText after the comment.\n",
	"<script>alert('x')</script>\n<style>body{display:none}</style>\n\nKept text.\n",
	"<p onclick=\"alert(1)\" style=\"color:red\">Handlers go.</p>\n<a href=\"javascript:alert(1)\">bad link</a> and <a href=\"https://example.org\" onmouseover=\"x()\">good link</a>\n",
	"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script><rect width=\"10\" height=\"10\" onload=\"x()\"/></svg>\n",
	"<iframe src=\"https://example.org/embed\"></iframe>\n\n<object data=\"x.swf\"></object><embed src=\"y.swf\">\n",
	"&nbsp;&mdash;&#x1F600;&copy;&unknownentity; and a stray </div> and </span>\n",
	"<table><tr><td>ragged<td>cells<tr><td>only one</table>\n",
	"<details>\n<summary>More</summary>\n\n**Hidden** Markdown.\n\n</details>\n",
	"<center><font color=\"red\">Old HTML</font></center>\n<marquee>moving</marquee><blink>blink</blink>\n",
	"<h1 id=\"dup\">Same</h1>\n<h1 id=\"dup\">Same</h1>\n\n# Same\n\n# Same\n",
	"<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"broken data\"> <img alt=\"no src\">\n",
	"<math><mi>x</mi><mo>=</mo><mn>1</mn></math> and <ruby>漢<rt>kan</rt></ruby>\n",
	"<form><input type=\"text\" value=\"x\"><button>Go</button><label>Label text</label></form>\n",
	"<a name=\"old-anchor\"></a><a href=\"#old-anchor\">to the old anchor</a> <a href=\"#nowhere\">to nowhere</a>\n",
	"Control \x01\x02 characters \x0b and NUL \x00 in text.\n",
	"<p xml:lang=\"fr\" lang=\"fr\" dir=\"rtl\" epub:type=\"x\" role=\"bogus\" aria-hidden=\"true\" data-x=\"1\">attributes</p>\n",
}

// writeCorpusBook makes a book with every CommonMark spec example as its
// own chapter, plus the hostile HTML chapters.
func writeCorpusBook(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "commonmark", "spec.json"))
	if err != nil {
		t.Fatal(err)
	}
	var examples []specExample
	if err := json.Unmarshal(raw, &examples); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	var manifest strings.Builder
	manifest.WriteString("title: CommonMark examples\nlanguage: en\nchapters:\n")
	for _, ex := range examples {
		name := fmt.Sprintf("spec/ex%03d.md", ex.Example)
		files[name] = ex.Markdown
		fmt.Fprintf(&manifest, "  - file: %s\n    title: \"Example %d (%s)\"\n", name, ex.Example, ex.Section)
	}
	for i, h := range hostileHTML {
		name := fmt.Sprintf("html/hostile%02d.md", i+1)
		files[name] = h
		fmt.Fprintf(&manifest, "  - file: %s\n    title: \"Hostile HTML %d\"\n", name, i+1)
	}
	files["manifest.yaml"] = manifest.String()
	// Missing images are errors, so give the examples the pictures they
	// name: next to the chapters, and at the book's root for "/url".
	png := tinyPNG(t)
	for _, name := range []string{"spec/foo", "spec/moon.jpg", "spec/uri3", "spec/train.jpg", "spec/url",
		"url", "url2", "path/to/train.jpg"} {
		files[name] = png
	}
	return writeBook(t, files)
}

func tinyPNG(t *testing.T) string {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestSlowBooks builds two long books and validates them, their EPUBs
// in one EPUBCheck run:
//   - every CommonMark example and every hostile HTML case, each a
//     chapter: EPUBCheck passes it without a single message, and the PDF
//     passes the print checks;
//   - the generated long book (about 600 pages of long code lines, long
//     URLs, many and long footnotes, tables and images): the same, and
//     every page marker of its EPUB stands between words;
//   - both as web sites: every page well-formed, every link inside.
func TestSlowBooks(t *testing.T) {
	validate.Slow(t)
	corpus := writeCorpusBook(t)
	long := t.TempDir()
	if err := testbook.Write(filepath.Join(long, "book"), testbook.Long); err != nil {
		t.Fatal(err)
	}
	books := []struct{ name, dir, slug string }{
		{"CommonMark", corpus, "commonmark-examples"},
		{"long", long, "a-long-and-awkward-book"},
	}
	var epubs []string
	for _, b := range books {
		if r := runBuild(t, b.dir, Options{Flags: map[string]string{"formats": "epub,pdf,html"}}); r.err != nil {
			t.Fatalf("%s book: build failed: %v\n%s", b.name, r.err, r.stderr.String())
		}
		epubs = append(epubs, filepath.Join(b.dir, "dist", b.slug+".epub"))
	}
	t.Run("long/page markers", func(t *testing.T) {
		checkPageMarkers(t, filepath.Join(long, "dist", "a-long-and-awkward-book.epub"))
	})
	t.Run("long/pages", func(t *testing.T) {
		pages := validate.PDFWords(t, filepath.Join(long, "dist", "a-long-and-awkward-book.pdf"))
		if len(pages) < 500 {
			t.Errorf("the long book has %d pages, want about 600", len(pages))
		}
	})
	for _, b := range books {
		t.Run(b.name+"/pdf", func(t *testing.T) {
			for _, p := range validate.CheckPDF(t, filepath.Join(b.dir, "dist", b.slug+".pdf"), 18) {
				t.Error(p)
			}
		})
	}
	for _, b := range books {
		t.Run(b.name+"/site", func(t *testing.T) {
			pages, problems := validate.CheckSite(filepath.Join(b.dir, "dist", b.slug))
			if len(pages) < 2 {
				t.Errorf("%d pages", len(pages))
			}
			for _, p := range problems[:min(30, len(problems))] {
				t.Error(p)
			}
		})
	}
	results := validate.EPUBCheckAll(t, epubs...)
	for i, b := range books {
		t.Run(b.name+"/epubcheck", func(t *testing.T) {
			res := results[i]
			t.Log(res.Summary())
			if !res.Clean() {
				t.Errorf("%s\n%s", res.Summary(), strings.Join(res.Messages[:min(30, len(res.Messages))], "\n"))
			}
		})
	}
}
