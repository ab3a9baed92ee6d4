package notes

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/filetest"
)

const editorialYAML = `# Editorial notes for the sample reader.
- quote: "Tenth Party Congress in 1922"
  prefix: "At the "
  chapter: introduction.md
  note: |
    The Tenth Party Congress met in March 1921, not 1922.

- quote: "workers' opposition must"
  chapter: kollontai
  tags: [teacher]
  note: Ask who "the workers" are here; compare [the introduction](../introduction.md#background).

- quote: "trade unions"
  suffix: " are schools"
  note: Lenin's phrase, answering Trotsky.

- quote: "Kollontai"
  chapter: documents/kollontai.md
  prefix: "signed"
  note: She signed as a member of the Central Committee.
`

// sampleBook is a small reader with front matter, a chapter with
// footnotes, conditional blocks and links, a part holding two sources with
// provenance, a conditional chapter and back matter.
func sampleBook() *doc.Book {
	cong := footnote("introduction.md", 20, "cong", para("introduction.md", 20, txt("See the minutes"), ref(nil)))
	inner := footnote("introduction.md", 22, "inner", para("introduction.md", 22, txt("Published in 1923.")))
	cong.Blocks[0].(*doc.Paragraph).Content[1] = ref(inner)
	unused := footnote("introduction.md", 24, "unused", para("introduction.md", 24, txt("Nobody cites this.")))
	secret := footnote("introduction.md", 26, "secret", para("introduction.md", 26, txt("For teachers only.")))

	intro := chapter("introduction.md",
		heading("introduction.md", 1, 1, "introduction", txt("Introduction")),
		para("introduction.md", 3, txt("At the Tenth Party Congress in 1922, Vladimir Lenin spoke"), ref(cong), txt(".")),
		heading("introduction.md", 5, 2, "background", txt("Background")),
		para("introduction.md", 7, txt("Read "), link("documents/kollontai.md#the-opposition", txt("the platform")),
			txt(", see "), link("#background", txt("above")), txt(" and "),
			link("https://www.marxists.org/", txt("the archive")), txt("; minutes in "),
			link("minutes.pdf", txt("the PDF")), txt(".")),
		div([]string{"teacher"}, para("introduction.md", 9, txt("Ask the class why the congress met"), ref(secret), txt("."))),
		div([]string{"answers"}, para("introduction.md", 11, txt("Answer: the Kronstadt rising."))),
		div([]string{"aside"}, para("introduction.md", 13, txt("Lenin called trade unions schools of communism."))),
		para("introduction.md", 15, txt("A second mention"), ref(cong), txt(".")),
	)
	intro.Notes = []*doc.Note{cong, inner, unused, secret}

	kfn := footnote("documents/kollontai.md", 30, "k1", para("documents/kollontai.md", 30, txt("Written in January 1921.")))
	kollontai := chapter("documents/kollontai.md",
		heading("documents/kollontai.md", 1, 1, "the-workers-opposition", txt("The Workers’ Opposition")),
		heading("documents/kollontai.md", 3, 2, "the-opposition", txt("The Opposition")),
		para("documents/kollontai.md", 5, txt("The "), emph(txt("workers’ opposition")), &doc.Break{},
			txt("must speak"), ref(kfn), txt(", signed Kollontai.")),
		heading("documents/kollontai.md", 7, 2, "background", txt("Background")),
		para("documents/kollontai.md", 9, txt("Signed — Kollontai.")),
	)
	kollontai.Kind = doc.KindSource
	kollontai.Notes = []*doc.Note{kfn}
	kollontai.Provenance = &doc.Provenance{
		Author: "Alexandra Kollontai", Title: "The Workers’ Opposition", Date: "1921", Language: "ru",
		Translator: "Jane Smith", Publisher: "Solidarity", Place: "London", Published: "1968", Pages: "3-10",
		URL: "https://www.marxists.org/archive/kollontai/1921/workers-opposition/", Accessed: "2024-05-04",
		License: "Public domain", Note: "extract",
	}

	lenin := chapter("documents/lenin-trade-unions.md",
		para("documents/lenin-trade-unions.md", 1, txt("The trade unions are schools of communism.")),
	)
	lenin.Kind = doc.KindSource
	lenin.Title = []doc.Inline{txt("On the Trade Unions")}
	lenin.Provenance = &doc.Provenance{
		Author: "Lenin, Vladimir Ilyich", Title: "The Trade Unions, the Present Situation and Trotsky’s Mistakes",
		Date: "1920-12-30", Language: "ru", Container: "Collected Works, Volume 32", Editor: "Yuri Sdobnikov",
		Publisher: "Progress Publishers", Place: "Moscow", Published: "1965", Pages: "19-42",
		License: "Reproduced with permission of the archive",
	}

	part := &doc.Entry{Kind: doc.KindPart, Title: []doc.Inline{txt("Documents")}, Children: []*doc.Entry{kollontai, lenin}}

	preface := chapter("preface.md", para("preface.md", 1, txt("This reader collects the debate.")))
	preface.Kind = doc.KindFrontMatter
	preface.Title = []doc.Inline{txt("Preface")}

	answers := chapter("answers.md", heading("answers.md", 1, 1, "answers", txt("Answers")), para("answers.md", 3, txt("1. Kronstadt.")))
	answers.Tags = []string{"answers"}

	glossary := chapter("glossary.md", heading("glossary.md", 1, 1, "glossary", txt("Glossary")), para("glossary.md", 3, txt("Trade unions: organisations of workers.")))
	glossary.Kind = doc.KindBackMatter

	return &doc.Book{
		Meta: doc.Meta{
			Title: "Workers and Power", Language: "en",
			Rights:   "Introduction and notes © 2024 the editors; sources as stated.",
			Modified: time.Date(2024, 5, 4, 12, 0, 0, 0, time.UTC),
		},
		Entries: []*doc.Entry{preface, intro, part, answers, glossary},
	}
}

func sampleInput(opts Options) Input {
	return Input{
		FS: fstest.MapFS{
			"notes/editorial.yaml": {Data: []byte(editorialYAML)},
			"minutes.pdf":          {Data: []byte("%PDF-1.4")},
		},
		AnnotationFiles: []string{"notes/editorial.yaml"},
		ParseMarkdown:   fakeMarkdown,
		Options:         opts,
	}
}

func sampleOptions() Options {
	return Options{
		Numbering:   "chapter",
		Annotations: true,
		Conditions:  []string{"teacher", "answers"},
		Build: BuildInfo{
			Edition: "teacher", EditionTitle: "Teacher's edition", Version: "v0.3.0",
			Date:         time.Date(2024, 5, 6, 9, 30, 0, 0, time.UTC),
			ConfigDigest: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		},
	}
}

func TestGolden(t *testing.T) {
	cases := []struct {
		name string
		opts func(*Options)
	}{
		{"chicago-teacher", func(o *Options) {
			o.Include = []string{"teacher", "answers"}
			o.Numbering = "book"
		}},
		{"mla-student", func(o *Options) {
			o.CitationStyle = "mla"
			o.Exclude = []string{"answers"}
			o.Build.Edition, o.Build.EditionTitle = "student", "Student's edition"
		}},
		{"apa-default-no-annotations", func(o *Options) {
			o.CitationStyle = "apa"
			o.Annotations = false
			o.Build.Edition, o.Build.EditionTitle = "", ""
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := sampleOptions()
			c.opts(&opts)
			book := sampleBook()
			warnings, err := Resolve(book, sampleInput(opts))
			if err != nil {
				t.Fatalf("Resolve: %v", err)
			}
			if err := doc.Validate(book); err != nil {
				t.Errorf("the resolved tree breaks an invariant:\n%v", err)
			}
			var buf bytes.Buffer
			fmt.Fprintln(&buf, "warnings:")
			for _, w := range warnings {
				fmt.Fprintln(&buf, "  "+w.Error()+" ["+w.Code+"]")
			}
			doc.Dump(&buf, book)
			filetest.Golden(t, filepath.Join("testdata", c.name+".golden"), buf.Bytes())
		})
	}
}
