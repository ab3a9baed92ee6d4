package build

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/filetest"
	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
	"github.com/samizdat-press/samizdat/internal/validate"
)

var pictureLinks sharedBook

// pictureLinksBook links from its first chapter to pictures its second
// shows, as a figure and in a line, and to one it does not show, in
// Markdown and in raw HTML (in a paragraph and in an HTML block).
func pictureLinksBook(t *testing.T) *sharedBook {
	return pictureLinks.get(t, func(dir string) (string, Options, error) {
		svg := func(fill string) string {
			return `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"><rect width="200" height="100" fill="` + fill + `"/></svg>`
		}
		return dir, Options{}, writeFiles(dir, map[string]string{
			"manifest.yaml": "title: Picture Links\nlanguage: en\nchapters:\n  - file: intro.md\n  - file: diagrams.md\n",
			"intro.md": "# Introduction\n\nSee [the diagram](img/pipeline.svg), <a href=\"./img/shot.svg\">the shot at full size</a>" +
				" and [a view of it](img/pipeline.svg#view).\n\nNot shown: [unused](img/unused.svg).\n\n" +
				"<div class=\"see\">\n<p>Compare <a href=\"img/pipeline.svg\">the pipeline</a> with <a href=\"diagrams.md\">its chapter</a>.</p>\n</div>\n",
			"diagrams.md":      "# Diagrams\n\nSome text first.\n\n![The pipeline](img/pipeline.svg)\n\nAn icon ![A shot](img/shot.svg) in a line.\n",
			"img/pipeline.svg": svg("#888"),
			"img/shot.svg":     svg("#484"),
			"img/unused.svg":   svg("#844"),
		})
	})
}

// A link to a picture the book shows leads to it in both formats: in the
// EPUB to the figure, or to an anchor around the picture in its line; in
// the PDF to the page it is drawn on, whose number Markdown links print.
// A link to a picture the book does not show is text, and says so.
func TestLinksToPicturesLeadToThem(t *testing.T) {
	t.Parallel()
	b := pictureLinksBook(t)
	if b.err != nil {
		t.Fatal(b.err)
	}
	warning := `intro.md:5:12: link "img/unused.svg": img/unused.svg is a picture the book does not show; printed as text`
	if got := strings.TrimSpace(b.stderr); !strings.HasSuffix(got, warning) || strings.Count(got, "\n") != 0 {
		t.Errorf("warnings:\n%s\nwant only one ending %q", got, warning)
	}

	epub := b.path("picture-links.epub")
	intro := epubMember(t, epub, "EPUB/xhtml/intro.xhtml")
	for _, want := range []string{
		`<a href="diagrams.xhtml#diagrams-figure-pipeline">the diagram</a>`,
		`<a href="diagrams.xhtml#diagrams-picture-shot">the shot at full size</a>`,
		`<a href="diagrams.xhtml#diagrams-figure-pipeline">a view of it</a>`,
		`<a href="diagrams.xhtml#diagrams-figure-pipeline">the pipeline</a>`,
		`<a href="diagrams.xhtml">its chapter</a>`,
	} {
		if !strings.Contains(intro, want) {
			t.Errorf("intro.xhtml lacks %s in\n%s", want, intro)
		}
	}
	diagrams := epubMember(t, epub, "EPUB/xhtml/diagrams.xhtml")
	for _, want := range []string{`<figure id="diagrams-figure-pipeline">`, `<span id="diagrams-picture-shot"><img `} {
		if !strings.Contains(diagrams, want) {
			t.Errorf("diagrams.xhtml lacks %s in\n%s", want, diagrams)
		}
	}

	pdfPath := b.path("picture-links.pdf")
	texts := strings.Split(validate.PDFText(t, pdfPath), "\f")
	from, to := -1, -1
	for i, text := range texts {
		if strings.Contains(text, "See the diagram") {
			from = i
		}
		if strings.Contains(text, "Some text first.") {
			to = i
		}
	}
	if from < 0 || to < 0 || from == to {
		t.Fatalf("links on page %d, pictures on page %d; want two pages", from+1, to+1)
	}
	lines := strings.Fields(texts[to])
	folio := lines[len(lines)-1]
	text := strings.Join(strings.Fields(texts[from]), " ")
	// Raw HTML links, in a paragraph or in an HTML block, name the page
	// as Markdown links do, whether they lead to a picture or a heading.
	for _, want := range []string{
		"See the diagram (p. " + folio + "),", "the shot at full size (p. " + folio + ") and", "a view of it (p. " + folio + ").",
		"Compare the pipeline (p. " + folio + ") with its chapter (p. " + folio + ").",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's page %d lacks %q:\n%s", from+1, want, text)
		}
	}
	data, err := os.ReadFile(pdfPath)
	if err != nil {
		t.Fatal(err)
	}
	f, err := pdffile.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	catalog, _ := f.Dict(f.Trailer["Root"])
	tree, _ := f.Dict(catalog["Pages"])
	kids, _ := f.Resolve(tree["Kids"]).(pdffile.Array)
	page := map[pdffile.Ref]int{}
	for i, k := range kids {
		if ref, ok := k.(pdffile.Ref); ok {
			page[ref] = i
		}
	}
	if len(kids) != len(texts)-1 {
		t.Fatalf("%d pages in the page tree, %d in the text", len(kids), len(texts)-1)
	}
	pg, _ := f.Dict(kids[from])
	annots, _ := f.Resolve(pg["Annots"]).(pdffile.Array)
	internal := 0
	for _, a := range annots {
		annot, _ := f.Dict(a)
		dest, ok := f.Resolve(annot["Dest"]).(pdffile.Array)
		if !ok {
			continue
		}
		internal++
		if ref, _ := dest[0].(pdffile.Ref); page[ref] != to {
			t.Errorf("a link on page %d leads to page %d, want %d", from+1, page[ref]+1, to+1)
		}
	}
	if internal < 5 {
		t.Errorf("%d internal links on page %d, want one for each of the 5 links to the second chapter", internal, from+1)
	}
}

// The places links to pictures lead to have the same IDs in every edition:
// the teacher's edition shows the pictures first in a chapter the reader's
// leaves out, so its links lead there, and the reader's to the later
// places; an ID both EPUBs hold is the same picture's in both, so a
// bookmark or an outside link into one edition never lands on another
// picture in the other.
func TestPictureAnchorsSameInEveryEdition(t *testing.T) {
	t.Parallel()
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"><rect width="200" height="100" fill="#888"/></svg>`
	dir := writeFolder(t, map[string]string{
		"config/samizdat.yaml":         "formats: [epub]\n",
		"config/editions/teacher.yaml": "include: [teacher]\n",
		"config/editions/reader.yaml":  "exclude: [teacher]\n",
		"book/manifest.yaml": "title: Editions\nlanguage: en\nconditions: [teacher]\nchapters:\n" +
			"  - file: guide.md\n    tags: [teacher]\n  - file: diagrams.md\n",
		"book/guide.md": "# Guide\n\n![The pipeline, for the teacher](img/pipeline.svg)\n\n" +
			"See [the pipeline](img/pipeline.svg).\n",
		"book/diagrams.md": "# Diagrams\n\nSee [the pipeline](img/pipeline.svg) and <a href=\"img/shot.svg\">the shot</a>.\n\n" +
			"::: teacher\nAn icon ![The shot, for the teacher](img/shot.svg) here.\n:::\n\n" +
			"![The pipeline](img/pipeline.svg)\n\nAn icon ![The shot](img/shot.svg) in a line.\n",
		"book/img/pipeline.svg": svg,
		"book/img/shot.svg":     svg,
	})
	opts := outTo(filepath.Join(dir, "out"))
	opts.Edition = "all"
	r := runBuild(t, dir, opts)
	if r.err != nil {
		t.Fatalf("build failed: %v\n%s", r.err, r.stderr.String())
	}
	// pictures maps the IDs of an EPUB's places showing a picture to the
	// picture's description.
	place := regexp.MustCompile(`<(?:figure|span) id="([^"]+)">\s*<img [^>]*alt="([^"]*)"`)
	pictures := func(edition string) (map[string]string, string) {
		epub := filepath.Join(dir, "out", "editions-"+edition+".epub")
		all := map[string]string{}
		var text string
		for _, chapter := range []string{"guide", "diagrams"} {
			member, ok := filetest.ReadZip(t, epub)["EPUB/xhtml/"+chapter+".xhtml"]
			if !ok {
				continue
			}
			text += member
			for _, m := range place.FindAllStringSubmatch(member, -1) {
				all[m[1]] = m[2]
			}
		}
		return all, text
	}
	teacher, teacherText := pictures("teacher")
	reader, readerText := pictures("reader")
	// A link within its chapter is written "#id".
	hasLink := func(text, href, words string) bool {
		return strings.Contains(text, `<a href="`+href+`">`+words+`</a>`) ||
			strings.Contains(text, `<a href="`+href[strings.Index(href, "#"):]+`">`+words+`</a>`)
	}
	for _, want := range [][2]string{
		{"guide.xhtml#guide-figure-pipeline", "the pipeline"},
		{"diagrams.xhtml#diagrams-picture-shot", "the shot"},
	} {
		if !hasLink(teacherText, want[0], want[1]) {
			t.Errorf("the teacher's edition lacks a link %s to %s", want[1], want[0])
		}
	}
	for _, want := range [][2]string{
		{"diagrams.xhtml#diagrams-figure-pipeline", "the pipeline"},
		{"diagrams.xhtml#diagrams-picture-shot-2", "the shot"},
	} {
		if !hasLink(readerText, want[0], want[1]) {
			t.Errorf("the reader's edition lacks a link %s to %s", want[1], want[0])
		}
	}
	if len(teacher) != 2 || len(reader) != 2 {
		t.Errorf("places with IDs: %q in the teacher's edition, %q in the reader's; want two in each", teacher, reader)
	}
	for id, alt := range teacher {
		if other, ok := reader[id]; ok && other != alt {
			t.Errorf("#%s is %q in the teacher's edition, %q in the reader's", id, alt, other)
		}
	}
}
