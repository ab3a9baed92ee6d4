package notes

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/markdown"
)

// indexedBook parses chapters and resolves them with an index file.
func indexedBook(t *testing.T, indexYAML string, opts Options, chapters ...string) (*doc.Book, []diag.Diagnostic, error) {
	t.Helper()
	in := Input{FS: fstest.MapFS{"index.yaml": {Data: []byte(indexYAML)}}, IndexFile: "index.yaml", ParseMarkdown: fakeMarkdown, Options: opts}
	return resolveChapters(t, in, chapters...)
}

// dumpIndex writes the index as "term: entry#anchor…" lines, sub-entries
// indented, with its groups.
func dumpIndex(b *doc.Book) string {
	var sb strings.Builder
	var entry func(es []*doc.IndexEntry, depth int)
	entry = func(es []*doc.IndexEntry, depth int) {
		for _, e := range es {
			sb.WriteString(strings.Repeat("  ", depth) + doc.PlainText(e.Term) + ":")
			for _, l := range e.Locators {
				sb.WriteString(" " + l.Entry)
			}
			for _, r := range e.See {
				sb.WriteString(" see " + doc.PlainText(r.Term) + "→" + r.ID)
			}
			for _, r := range e.SeeAlso {
				sb.WriteString(" see also " + doc.PlainText(r.Term) + "→" + r.ID)
			}
			sb.WriteString("\n")
			entry(e.Sub, depth+1)
		}
	}
	for _, e := range b.Entries {
		if e.Role != doc.RoleIndex {
			continue
		}
		for _, bl := range e.Blocks {
			if ix, ok := bl.(*doc.Index); ok {
				for _, g := range ix.Groups {
					sb.WriteString("[" + g.Label + "]\n")
					entry(g.Entries, 0)
				}
			}
		}
	}
	return sb.String()
}

const indexTerms = `
- term: Kronstadt rising
  match: [Kronstadt]
  see_also: [Tenth Party Congress]
  sub:
    - term: and the ban on factions
      match: [ban on factions]
- term: Tenth Party Congress
- term: Kollontai, Alexandra
  match: [Kollontai, Alexandra Kollontai, Kollantai]
- term: Kollantai
  see: Kollontai, Alexandra
- term: Émigrés
  match: [emigres]
- term: 1921
- term: Zinoviev
`

func TestIndex(t *testing.T) {
	one := "# One\n\nThe Kronstadt sailors rose; Alexandra Kollontai wrote in 1921.\n\nThe Kronstadters were not *Kronstadt*.\n\n::: teacher\nA teacher's Kronstadt.\n:::\n"
	two := "# Two\n\nThe Tenth Party Congress and the ban on factions; Kollantai spelt so.\n\nSome [emigres and sailors]{.index term=\"Kronstadt rising!sailors of\"} too.\n"
	for _, c := range []struct {
		include []string
		want    string
	}{
		{nil, `[]
1921: one
[E]
Émigrés: two
[K]
Kollantai: see Kollontai, Alexandra→index-kollontai-alexandra
Kollontai, Alexandra: one two
Kronstadt rising: one one see also Tenth Party Congress→index-tenth-party-congress
  and the ban on factions: two
  sailors of: two
[T]
Tenth Party Congress: two
`},
		// the teacher's edition keeps one more occurrence
		{[]string{"teacher"}, "Kronstadt rising: one one one see also"},
	} {
		book, warns, err := indexedBook(t, indexTerms, Options{Conditions: []string{"teacher"}, Include: c.include}, one, two)
		if err != nil {
			t.Fatal(err)
		}
		got := coded(t, warns, diag.Warning)
		if w := `index.yaml:16: index term "Zinoviev" is found nowhere in the text (looked for "Zinoviev") [index.unmatched]`; len(got) != 1 || got[0] != w {
			t.Errorf("warnings %q, want %q", got, w)
		}
		if dump := dumpIndex(book); !strings.Contains(dump, c.want) {
			t.Errorf("include %v: index\n%s\nwant it to hold\n%s", c.include, dump, c.want)
		}
		idx := book.Entries[len(book.Entries)-1]
		if idx.Role != doc.RoleIndex || idx.TitleText() != "Index" || idx.ID != "index" || !idx.Generated {
			t.Errorf("index entry %+v", idx)
		}
	}
}

// TestIndexAnchors puts an anchor after each occurrence, whole words
// only, one per term where its quotations overlap.
func TestIndexAnchors(t *testing.T) {
	book, _, err := indexedBook(t, "- term: Kollontai\n  match: [Kollontai, Alexandra Kollontai]\n- term: party\n",
		Options{}, "# One\n\nAlexandra Kollontai and the party (Party? partying, the *party*), [a link to the party](#one).\n")
	if err != nil {
		t.Fatal(err)
	}
	want := "Alexandra Kollontai{ix-1} and the party{ix-2} (Party? partying, the party{ix-3}), a link to the party{ix-4}."
	if got := marked(book.Entries[0].Blocks[1].(*doc.Paragraph).Content); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestIndexCollation sorts and groups by the book's language.
func TestIndexCollation(t *testing.T) {
	terms := "- term: Zorn\n- term: Östberg\n- term: Ørsted\n- term: Olsen\n- term: émigré\n- term: Ebert\n"
	text := "# One\n\nZorn, Östberg, Ørsted, Olsen, émigré, Ebert.\n"
	for lang, want := range map[string]string{
		"en": "[E]\nEbert: one\némigré: one\n[O]\nOlsen: one\nØrsted: one\nÖstberg: one\n[Z]\nZorn: one\n",
		"sv": "[E]\nEbert: one\némigré: one\n[O]\nOlsen: one\n[Z]\nZorn: one\n[Ø]\nØrsted: one\nÖstberg: one\n",
	} {
		book := &doc.Book{Meta: doc.Meta{Language: lang}}
		ch, _ := markdown.Parse([]byte(text), "one.md")
		book.Entries = []*doc.Entry{{File: "one.md", Blocks: ch.Blocks}}
		_, err := Resolve(book, Input{FS: fstest.MapFS{"index.yaml": {Data: []byte(terms)}}, IndexFile: "index.yaml"})
		if err != nil {
			t.Fatal(err)
		}
		if got := dumpIndex(book); got != want {
			t.Errorf("%s:\n%s\nwant\n%s", lang, got, want)
		}
	}
}

func TestIndexFileErrors(t *testing.T) {
	_, _, err := indexedBook(t, "- term: A\n  mach: [a]\n- see: B\n- term: C\n  sub: D\n- just text\n", Options{}, "# One\n\nA C.\n")
	got := coded(t, diag.FromError(err), diag.Error)
	want := []string{
		`index.yaml:2:3: unknown key "[0].mach" (did you mean "[0].match"?) [yaml.unknown-key]`,
		`index.yaml:3:3: [1]: a term needs its text (term: …) [index.term]`,
		`index.yaml:5:8: [2].sub: expected a list of terms, got a single value [yaml.type]`,
		`index.yaml:6:3: [3]: expected a term with at least term:, got a single value [yaml.type]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestIndexSpanEscapesAndSee: an index span's "\!" is a "!" of its term,
// not a sub-term's start; a span with see= is a cross-reference and marks
// no place, its target a term or a sub-term.
func TestIndexSpanEscapesAndSee(t *testing.T) {
	mark := func(attrs ...doc.Attr) doc.Inline { return &doc.Span{Classes: []string{"index"}, Attrs: attrs} }
	term := func(s string) doc.Attr { return doc.Attr{Key: "term", Value: s} }
	para := &doc.Paragraph{Content: []doc.Inline{
		mark(term(`\!= sign`)), mark(term(`\! sign!use`)), mark(term(`widget!big\!`)),
		mark(term("gizmo"), doc.Attr{Key: "see", Value: "widget"}),
		mark(term("thing"), doc.Attr{Key: "see", Value: `widget!big\!`}),
		&doc.Text{Text: "Some words."},
	}}
	book := &doc.Book{Meta: doc.Meta{Language: "en"}, Entries: []*doc.Entry{{ID: "one", File: "one.md", Blocks: []doc.Block{
		&doc.Heading{Level: 1, Content: []doc.Inline{&doc.Text{Text: "One"}}}, para}}}}
	warns, err := Resolve(book, Input{})
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 0 {
		t.Errorf("warnings %v", warns)
	}
	want := "[]\n! sign:\n  use: one\n!= sign: one\n[G]\ngizmo: see widget→index-widget\n[T]\nthing: see widget, big!→index-widget-big\n[W]\nwidget:\n  big!: one\n"
	if got := dumpIndex(book); got != want {
		t.Errorf("index\n%s\nwant\n%s", got, want)
	}
}
