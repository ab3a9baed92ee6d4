package epub

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/validate"
)

// TestEPUBCheck validates books that between them hold every node type,
// parts, every note kind, images of every format, missing and remote
// images, page maps, and hostile strings in every field.
func TestEPUBCheck(t *testing.T) {
	validate.Tool(t, "epubcheck") // skip early, before building the books
	svgCover := &doc.Asset{Path: "cover.svg", MediaType: "image/svg+xml", Data: []byte(svgImage)}
	cases := []struct {
		name  string
		build func() (*doc.Book, Options)
	}{
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
		{"empty book", func() (*doc.Book, Options) {
			return &doc.Book{}, Options{Cover: &doc.Asset{Path: "broken.png", Data: []byte("junk")}}
		}},
		{"Russian part without chapters", func() (*doc.Book, Options) {
			part := &doc.Entry{ID: "часть", Kind: doc.KindPart, Title: []doc.Inline{txt("Часть первая")},
				Blocks: []doc.Block{para(txt("Введение."))}}
			b := &doc.Book{Meta: doc.Meta{Title: "Книга", Language: "ru", Modified: testModified,
				Creators: []doc.Creator{{Name: "Автор", Role: "aut"}, {Name: "Редактор", Role: "edt"}}},
				Entries: []*doc.Entry{part}}
			return b, Options{PageMap: &doc.PageMap{Breaks: []doc.PageBreak{{Label: "1", Entry: part, Block: part.Blocks[0], Offset: 3}}}}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			book, opts := c.build()
			data, files, _ := writeEPUB(t, book, opts)
			checkPackage(t, files)
			file := filepath.Join(t.TempDir(), "book.epub")
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			res := validate.EPUBCheck(t, file)
			t.Log(res.Summary())
			if !res.Clean() {
				t.Errorf("%s:\n%s", res.Summary(), res.Output)
			}
		})
	}
}
