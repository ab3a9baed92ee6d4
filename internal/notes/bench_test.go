package notes

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// benchBook is a long book: chapters of many paragraphs with footnotes,
// emphasis and internal links, and one annotation per chapter.
func benchBook(chapters, paras int) (*doc.Book, string) {
	var yaml strings.Builder
	book := &doc.Book{Meta: doc.Meta{Title: "Bench", Language: "en"}}
	for c := 0; c < chapters; c++ {
		file := fmt.Sprintf("ch%03d.md", c)
		e := chapter(file, heading(file, 1, 1, "title", txt(fmt.Sprintf("Chapter %d", c))))
		for p := 0; p < paras; p++ {
			n := footnote(file, 1000+p, fmt.Sprint(p), para(file, 1000+p, txt("A note.")))
			e.Notes = append(e.Notes, n)
			e.Blocks = append(e.Blocks,
				heading(file, 2*p+2, 2, "section", txt("Section")),
				para(file, 2*p+3, txt(fmt.Sprintf("Paragraph %d of chapter %d speaks of ", p, c)),
					emph(txt("the workers’ opposition")), txt(" — and of the unions"), ref(n),
					txt(", see "), link(fmt.Sprintf("ch%03d.md#section", (c+1)%chapters), txt("next")), txt(".")))
		}
		book.Entries = append(book.Entries, e)
		fmt.Fprintf(&yaml, "- quote: \"Paragraph %d of chapter %d speaks of the workers' opposition -- and\"\n  chapter: %s\n  note: Annotated.\n", paras/2, c, file)
	}
	return book, yaml.String()
}

func BenchmarkResolve(b *testing.B) {
	for _, size := range []struct{ chapters, paras int }{{20, 50}, {50, 200}} {
		b.Run(fmt.Sprintf("%dx%d", size.chapters, size.paras), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				book, yaml := benchBook(size.chapters, size.paras)
				in := Input{
					FS:              fstest.MapFS{"notes.yaml": {Data: []byte(yaml)}},
					AnnotationFiles: []string{"notes.yaml"},
					ParseMarkdown:   fakeMarkdown,
					Options:         Options{Annotations: true},
				}
				b.StartTimer()
				if _, err := Resolve(book, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkManyCitationsInAParagraph resolves one paragraph of 5000
// citations, of each kind: each is replaced where it stands, so the time
// grows with their number, not with its square.
func BenchmarkManyCitationsInAParagraph(b *testing.B) {
	for _, c := range []struct{ name, style, cite string }{
		{"notes", "chicago", "[@serge1963, 12] and "},
		{"in-text", "apa", "@kollontai1921 and "},
		{"no bibliography", "", "@someone and "},
	} {
		b.Run(c.name, func(b *testing.B) {
			src := "# One\n\n" + strings.Repeat(c.cite, 5000) + "the end.\n"
			for b.Loop() {
				if _, _, err := citedBook(b, c.style, c.style != "", src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
