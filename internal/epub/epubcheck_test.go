package epub

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/validate"
)

type validationBook struct {
	name  string
	build func() (*doc.Book, Options)
}

// validationBooks are books that between them hold every node type,
// parts, every note kind, images of every format, missing and remote
// images, page maps, and hostile strings in every field.
func validationBooks() []validationBook {
	svgCover := &doc.Asset{Path: "cover.svg", MediaType: "image/svg+xml", Data: []byte(svgImage)}
	return []validationBook{
		{"rich with page map", func() (*doc.Book, Options) {
			b, pm := richBook(plainStrings)
			return b, Options{PageMap: pm}
		}},
		{"hostile with page map and fonts", func() (*doc.Book, Options) {
			b, pm := richBook(hostileStrings)
			return b, Options{PageMap: pm, EmbedFonts: true}
		}},
		{"hostile, SVG cover, deep contents", func() (*doc.Book, Options) {
			b, _ := richBook(hostileStrings)
			return b, Options{Cover: svgCover, TocDepth: 6}
		}},
		{"rich, PNG cover, no contents headings, own stylesheet", func() (*doc.Book, Options) {
			b, _ := richBook(plainStrings)
			return b, Options{Cover: tinyCover, TocDepth: -1, Stylesheet: []byte("body { color: #111; }\n")}
		}},
		{"scans in TIFF and BMP, reduced, a TIFF cover", func() (*doc.Book, Options) {
			return scanBook(), Options{MaxImagePixels: 4000, Cover: rasterAsset("bilevel-g4.tif", "cover.tif")}
		}},
		{"empty book", func() (*doc.Book, Options) {
			return &doc.Book{}, Options{Cover: &doc.Asset{Path: "broken.png", Data: []byte("junk")}}
		}},
		{"Russian part without chapters", func() (*doc.Book, Options) {
			part := &doc.Entry{ID: "chast", Kind: doc.KindPart, Title: []doc.Inline{txt("Часть первая")},
				Blocks: []doc.Block{para(txt("Введение."))}}
			b := &doc.Book{Meta: doc.Meta{Title: "Книга", Language: "ru", Modified: testModified,
				Creators: []doc.Creator{{Name: "Автор", Role: "aut"}, {Name: "Редактор", Role: "edt"}}},
				Entries: []*doc.Entry{part}}
			return b, Options{PageMap: &doc.PageMap{Breaks: []doc.PageBreak{{Label: "1", Entry: part, Block: part.Blocks[0], Offset: 3}}}}
		}},
	}
}

// TestValidationBooksPackage checks the structure of every validation
// book's package; TestSlowEPUBCheck has EPUBCheck read them, a Java run
// of seconds the fast tier leaves to the end-to-end books.
func TestValidationBooksPackage(t *testing.T) {
	t.Parallel()
	for _, c := range validationBooks() {
		book, opts := c.build()
		_, members, _ := writeEPUB(t, book, opts)
		t.Run(c.name, func(t *testing.T) { checkPackage(t, members) })
	}
}

// TestSlowEPUBCheck validates the validation books with EPUBCheck.
func TestSlowEPUBCheck(t *testing.T) {
	validate.Slow(t)
	validate.Tool(t, "epubcheck") // skip early, before building the books
	cases := validationBooks()
	// One EPUBCheck run for every book: each run costs seconds to start.
	// The last file is a control, the first book with a link to nowhere,
	// which EPUBCheck must report on that file alone.
	dir := t.TempDir()
	files := make([]string, len(cases)+1)
	var first []byte
	for i, c := range cases {
		book, opts := c.build()
		data, _, _ := writeEPUB(t, book, opts)
		files[i] = filepath.Join(dir, fmt.Sprintf("book%d.epub", i))
		if err := os.WriteFile(files[i], data, 0o644); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = data
		}
	}
	control := filepath.Join(dir, "control.epub")
	files[len(cases)] = control
	broken := rezip(t, first, replaceIn("EPUB/nav.xhtml", "</body>", `<p><a href="nowhere.xhtml">nowhere</a></p></body>`))
	if err := os.WriteFile(control, broken, 0o644); err != nil {
		t.Fatal(err)
	}
	results := validate.EPUBCheckAll(t, files...)
	for i, c := range cases {
		t.Run(c.name+"/epubcheck", func(t *testing.T) {
			res := results[i]
			t.Log(res.Summary())
			if !res.Clean() {
				t.Errorf("%s:\n%s", res.Summary(), res.Output)
			}
		})
	}
	if res := results[len(cases)]; res.Errors == 0 || !strings.Contains(res.Output, "nowhere.xhtml") {
		t.Errorf("EPUBCheck missed the control's broken link: %s\n%s", res.Summary(), res.Output)
	}
}
