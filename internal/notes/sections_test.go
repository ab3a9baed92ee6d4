package notes

import (
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/markdown"
)

// resolveNumbered resolves chapters (file name, source) whose Numbered
// is given, as the manifest's numbered: sets it.
func resolveNumbered(t *testing.T, numbered []int, chapters ...string) (*doc.Book, []string) {
	t.Helper()
	return resolveNumberedIn(t, Input{}, numbered, chapters...)
}

// resolveNumberedIn is resolveNumbered with the edition's input.
func resolveNumberedIn(t *testing.T, in Input, numbered []int, chapters ...string) (*doc.Book, []string) {
	t.Helper()
	return resolveLevels(t, in, numbered, nil, chapters...)
}

// resolveLevels is resolveNumberedIn with each entry's Level (none: 1).
func resolveLevels(t *testing.T, in Input, numbered, levels []int, chapters ...string) (*doc.Book, []string) {
	t.Helper()
	book := &doc.Book{Meta: doc.Meta{Language: "en"}}
	var warns []string
	for i := 0; i < len(chapters); i += 2 {
		file := chapters[i]
		ch, err := markdown.Parse([]byte(chapters[i+1]), file)
		if err != nil {
			t.Fatal(err)
		}
		level := 1
		if i/2 < len(levels) {
			level = levels[i/2]
		}
		book.Entries = append(book.Entries, &doc.Entry{File: file, Title: []doc.Inline{&doc.Text{Text: "T"}},
			Blocks: ch.Blocks, Notes: ch.Notes, Digest: fakeDigest(file), Numbered: numbered[i/2], Level: level})
	}
	w, err := Resolve(book, in)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(book); err != nil {
		t.Fatalf("the resolved tree is not valid: %v", err)
	}
	for _, d := range w {
		warns = append(warns, d.String())
	}
	return book, warns
}

// TestSectionNumbers: in entries the manifest numbers, headings are
// numbered as Jupyter Book numbers a numbered table of contents, the
// count carried across entries and an entry not numbered counting
// nothing; figures, tables and equations are numbered by chapter there
// (Figure 2.1) and in one sequence elsewhere; {numref} to a heading
// prints its number, "Section 1.1" or the author's text with %s.
func TestSectionNumbers(t *testing.T) {
	const intro = "# Welcome\n\n```{figure} a.png\n:name: fig-w\n\nWelcome.\n```\n\n## About\n"
	const one = "# One\n\n(sub)=\n## Sub\n\n### Subsub\n\n```{figure} b.png\n:name: fig-b\n\nA bee.\n```\n\n" +
		"```{math}\n:label: eq-a\na = b\n```\n\n## Other\n"
	const two = "# Two\n\n## Second\n\n(deep)=\n### Deep\n\n```{figure} c.png\n:name: fig-c\n\nA cat.\n```\n\n" +
		"See {numref}`sub`, {numref}`Sec. %s <sub>`, {numref}`{number} {name} <sub>`, {ref}`sub`, " +
		"{numref}`fig-b`, {numref}`fig-w`, {eq}`eq-a` and {numref}`deep`.\n"
	book, warns := resolveNumbered(t, []int{0, 6, 2}, "intro.md", intro, "one.md", one, "two.md", two)
	var headings []string
	var captions []string
	for _, e := range book.Entries {
		headings = append(headings, "["+doc.PlainText(e.Title)+"]")
		doc.Walk(e.Blocks, doc.Visitor{Block: func(b doc.Block) bool {
			switch b := b.(type) {
			case *doc.Heading:
				headings = append(headings, doc.PlainText(b.Content))
			case *doc.Figure:
				captions = append(captions, doc.PlainText(b.Caption))
			case *doc.Paragraph:
				if crossrefLabelKind(b) == doc.CrossrefEquation {
					captions = append(captions, doc.PlainText(b.Content[len(b.Content)-1:]))
				}
			}
			return true
		}})
	}
	wantHeadings := "[T] | Welcome | About | [1 T] | 1 One | 1.1 Sub | 1.1.1 Subsub | 1.2 Other | [2 T] | 2 Two | 2.1 Second | Deep"
	if got := strings.Join(headings, " | "); got != wantHeadings {
		t.Errorf("headings\n%s\nwant\n%s", got, wantHeadings)
	}
	wantCaptions := "Figure\u00a01: Welcome. | Figure\u00a01.1: A bee. | (1.1) | Figure\u00a02.1: A cat."
	if got := strings.Join(captions, " | "); got != wantCaptions {
		t.Errorf("captions\n%q\nwant\n%q", got, wantCaptions)
	}
	var links []string
	doc.Walk(book.Entries[2].Blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
		if l, ok := in.(*doc.Link); ok {
			links = append(links, doc.PlainText(l.Content))
		}
		return true
	}})
	wantLinks := "Section\u00a01.1 | Sec. 1.1 | 1.1 Sub | Sub | Figure\u00a01.1 | Figure\u00a01 | (1.1) | Deep"
	if got := strings.Join(links, " | "); got != wantLinks {
		t.Errorf("links\n%q\nwant\n%q", got, wantLinks)
	}
	checkWarningStrings(t, warns, "two.md:14:139: {numref} \"deep\": a heading the book does not number (deeper than the chapter's numbered: levels, or left out); its text is printed")
}

// TestSectionNumbersLevels: an entry that is a section of the chapter
// before it (Jupyter Book's sections:, the manifest's level: 2) is
// numbered under it after the chapter's own sections, as Sphinx numbers
// a chapter's toctree after its text, its figures in the chapter's
// sequence; a section of a section one level deeper.
func TestSectionNumbersLevels(t *testing.T) {
	book, _ := resolveLevels(t, Input{}, []int{6, 6, 6, 6, 6, 6}, []int{1, 1, 2, 3, 2, 1},
		"intro.md", "# Welcome\n",
		"two.md", "# Two\n\n## Own\n\n```{figure} a.png\n:name: fig-a\n\nA.\n```\n",
		"trees.md", "# Trees\n\n## Roots\n\n```{figure} t.png\n:name: fig-t\n\nA tree.\n```\n",
		"leaves.md", "# Leaves\n\n## Veins\n",
		"more.md", "# More\n",
		"three.md", "# Three\n\n```{figure} c.png\n:name: fig-c\n\nC.\n```\n")
	var got []string
	for _, e := range book.Entries {
		got = append(got, "["+doc.PlainText(e.Title)+"]")
		doc.Walk(e.Blocks, doc.Visitor{Block: func(b doc.Block) bool {
			switch b := b.(type) {
			case *doc.Heading:
				got = append(got, doc.PlainText(b.Content))
			case *doc.Figure:
				got = append(got, doc.PlainText(b.Caption))
			}
			return true
		}})
	}
	want := "[1 T] | 1 Welcome | [2 T] | 2 Two | 2.1 Own | Figure\u00a02.1: A. | [2.2 T] | 2.2 Trees | 2.2.1 Roots | Figure\u00a02.2: A tree. | " +
		"[2.2.2 T] | 2.2.2 Leaves | 2.2.2.1 Veins | [2.3 T] | 2.3 More | [3 T] | 3 Three | Figure\u00a03.1: C."
	if s := strings.Join(got, " | "); s != want {
		t.Errorf("got\n%s\nwant\n%s", s, want)
	}
}

// TestSectionNumbersEdition: what the edition leaves out is not
// counted, and a section it keeps inside a group of its conditions is
// numbered as the text's own; a heading in a box is not a section.
func TestSectionNumbersEdition(t *testing.T) {
	const one = "# One\n\n::: {.answers}\n## Answers\n:::\n\n::: {.teacher}\n## For teachers\n:::\n\n" +
		"```{note}\n## In a box\n```\n\n## Last\n"
	const two = "# Two\n\n## Only\n"
	in := Input{Options: Options{Conditions: []string{"answers", "teacher"}, Include: []string{"teacher"}, Exclude: []string{"answers"}}}
	book, _ := resolveNumberedIn(t, in, []int{6, 6}, "one.md", one, "two.md", two)
	var headings []string
	for _, e := range book.Entries {
		doc.Walk(e.Blocks, doc.Visitor{Block: func(b doc.Block) bool {
			if h, ok := b.(*doc.Heading); ok {
				headings = append(headings, doc.PlainText(h.Content))
			}
			return true
		}})
	}
	want := "1 One | 1.1 For teachers | In a box | 1.2 Last | 2 Two | 2.1 Only"
	if got := strings.Join(headings, " | "); got != want {
		t.Errorf("headings\n%s\nwant\n%s", got, want)
	}
}

// TestSectionNumbersQuarto: in a numbered book Quarto's reference to a
// section prints "Section 2.1" as Quarto does with number-sections, and
// pandoc-crossref's "sec. 2.1"; the author's prefix stands for the word.
func TestSectionNumbersQuarto(t *testing.T) {
	const one = "# One\n\nText.\n"
	const two = "# Two\n\n## Results {#sec-results}\n\n## Methods {#sec:methods}\n\n" +
		"See @sec-results, [-@sec-results], [Part -@sec-results], @sec:methods and @Sec:methods.\n"
	book, _ := resolveNumbered(t, []int{6, 6}, "one.md", one, "two.md", two)
	var got string
	for _, b := range book.Entries[1].Blocks {
		if p, ok := b.(*doc.Paragraph); ok {
			got = linkedText(p.Content)
		}
	}
	want := "See [Section\u00a02.1→two#sec-results], [2.1→two#sec-results], [Part\u00a02.1→two#sec-results], [sec.\u00a02.2→two#sec-methods] and [Sec.\u00a02.2→two#sec-methods]."
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestSectionNumbersBookdown: in a numbered book bookdown's reference to
// a heading prints its number, the author writing the word.
func TestSectionNumbersBookdown(t *testing.T) {
	const src = "# Intro {#intro}\n\n## Sub {#sub}\n\nSee Section \\@ref(sub) of Chapter \\@ref(intro).\n"
	book, _ := resolveNumbered(t, []int{2}, "one.Rmd", src)
	var got string
	for _, b := range book.Entries[0].Blocks {
		if p, ok := b.(*doc.Paragraph); ok {
			got = linkedText(p.Content)
		}
	}
	if want := "See Section [1.1→one#sub] of Chapter [1→one#intro]."; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// checkWarningStrings fails unless warns are want, in order.
func checkWarningStrings(t *testing.T, warns []string, want ...string) {
	t.Helper()
	if strings.Join(warns, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(warns, "\n"), strings.Join(want, "\n"))
	}
}
