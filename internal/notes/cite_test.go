package notes

import (
	"os"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/cite"
	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/markdown"
)

// citedBook parses Markdown chapters and resolves them with the
// bibliography of the cite package's test data.
func citedBook(t testing.TB, style string, bib bool, chapters ...string) (*doc.Book, []diag.Diagnostic, error) {
	t.Helper()
	in := Input{ParseMarkdown: func(src []byte, pos doc.Pos) ([]doc.Block, error) {
		ch, err := markdown.ParseFragment(src, pos)
		if err != nil {
			return nil, err
		}
		return ch.Blocks, nil
	}, Options: Options{CitationStyle: style}}
	if bib {
		data, err := os.ReadFile("../cite/testdata/works.json")
		if err != nil {
			t.Fatal(err)
		}
		recs, ds := cite.Parse("works.json", data)
		if len(ds) > 0 {
			t.Fatal(ds)
		}
		in.Bibliography = &cite.Bibliography{}
		in.Bibliography.Add(recs)
	}
	return resolveChapters(t, in, chapters...)
}

// resolveChapters parses Markdown chapters as one.md, two.md and three.md
// of a book, resolves it with in and checks that the tree it resolves is
// valid.
func resolveChapters(t testing.TB, in Input, chapters ...string) (*doc.Book, []diag.Diagnostic, error) {
	t.Helper()
	book := &doc.Book{Meta: doc.Meta{Language: "en"}}
	for i, src := range chapters {
		file := []string{"one.md", "two.md", "three.md"}[i]
		ch, err := markdown.Parse([]byte(src), file)
		if err != nil {
			t.Fatal(err)
		}
		book.Entries = append(book.Entries, &doc.Entry{File: file, Blocks: ch.Blocks, Notes: ch.Notes, Digest: fakeDigest(file)})
	}
	warns, err := Resolve(book, in)
	if err == nil {
		if verr := doc.Validate(book); verr != nil {
			t.Fatalf("the resolved tree is not valid: %v", verr)
		}
	}
	return book, warns, err
}

// italics renders content as marked does, with emphasis as *…*.
func italics(in []doc.Inline) string {
	var sb strings.Builder
	for _, x := range in {
		switch x := x.(type) {
		case *doc.Emph:
			sb.WriteString("*" + italics(x.Content) + "*")
		case *doc.Text, *doc.Code, *doc.Break, *doc.NoteRef:
			sb.WriteString(marked([]doc.Inline{x}))
		default:
			sb.WriteString(italics(doc.InlineChildren(x)))
		}
	}
	return sb.String()
}

// notesText lists an entry's notes as "label: text".
func notesText(e *doc.Entry) []string {
	var out []string
	for _, n := range e.Notes {
		var parts []string
		for _, b := range n.Blocks {
			parts = append(parts, italics(doc.BlockInlines(b)[0]))
		}
		out = append(out, n.Label+": "+strings.Join(parts, " / "))
	}
	return out
}

const citingChapter = `# One

Serge remembered it [@serge1963, 85-86]. He said it again [@serge1963, 85-86],
and more [@serge1963, 90]; then [see @avrich1970, chap. 3; @serge1963, 101-108,
emphasis added].

As @kollontai1921 argued, the unions mattered[^1] [@knuth1981].

[^1]: An author's note citing [@dijkstra1968, 147].
`

func TestCitationsInNotes(t *testing.T) {
	book, warns, err := citedBook(t, "chicago", true, citingChapter, "# Two\n\nAgain [@serge1963, 12].\n")
	if err != nil {
		t.Fatal(err)
	}
	if got := coded(t, warns, diag.Warning); len(got) != 1 || got[0] != `works.json:12: bibliography entry "kollontai1921" has no publisher; the Chicago style needs one for a book [cite.incomplete]` {
		t.Errorf("warnings: %q", got)
	}
	one := book.Entries[0]
	if got, want := marked(doc.BlockInlines(one.Blocks[1])[0]), "Serge remembered it.{1} He said it again,{2} and more;{3} then.{4}"; got != want {
		t.Errorf("text:\n got %s\nwant %s", got, want)
	}
	if got, want := marked(doc.BlockInlines(one.Blocks[2])[0]), "As Kollontai{5} argued, the unions mattered{6}."; got != want {
		t.Errorf("text:\n got %s\nwant %s", got, want)
	}
	want := []string{
		"1: Victor Serge, *Memoirs of a Revolutionary*, trans. Peter Sedgwick (Oxford University Press, 1963), 85–86.",
		"2: Ibid.",
		"3: Ibid., 90.",
		"4: See Paul Avrich, *Kronstadt 1921* (Princeton: Princeton University Press, 1970), chap. 3; Serge, *Memoirs of a Revolutionary*, 101–8, emphasis added.",
		"5: Alexandra Kollontai, *The Workers’ Opposition* (1921).",
		"6: Donald E. Knuth and Michael F. Plass, “Breaking Paragraphs into Lines,” *Software: Practice and Experience* 11, no. 11 (1981): 1119–84, https://doi.org/10.1002/spe.4380111102. An author’s note citing (Edsger W. Dijkstra, “Go To Statement Considered Harmful,” *Communications of the ACM* 11, no. 3 (1968): 147).",
	}
	if got := notesText(one); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("notes:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// a new chapter cites in full again
	if got := notesText(book.Entries[1]); len(got) != 1 || !strings.HasPrefix(got[0], "1: Victor Serge, *Memoirs") {
		t.Errorf("second chapter: %q", got)
	}
	bib := book.Entries[2]
	if bib.ID != "bibliography" || bib.Role != doc.RoleBibliography || bib.TitleText() != "Bibliography" || bib.Kind != doc.KindBackMatter {
		t.Fatalf("bibliography entry %+v", bib)
	}
	var entries []string
	for _, b := range bib.Blocks[1:] {
		d := b.(*doc.Div)
		entries = append(entries, d.ID+" "+italics(d.Blocks[0].(*doc.Paragraph).Content))
	}
	wantBib := []string{
		"ref-avrich1970 Avrich, Paul. *Kronstadt 1921*. Princeton: Princeton University Press, 1970.",
		"ref-dijkstra1968 Dijkstra, Edsger W. “Go To Statement Considered Harmful.” *Communications of the ACM* 11, no. 3 (1968): 147–48.",
		"ref-knuth1981 Knuth, Donald E., and Michael F. Plass. “Breaking Paragraphs into Lines.” *Software: Practice and Experience* 11, no. 11 (1981): 1119–84. https://doi.org/10.1002/spe.4380111102.",
		"ref-kollontai1921 Kollontai, Alexandra. *The Workers’ Opposition*. 1921.",
		"ref-serge1963 Serge, Victor. *Memoirs of a Revolutionary*. Translated by Peter Sedgwick. Oxford University Press, 1963.",
	}
	if strings.Join(entries, "\n") != strings.Join(wantBib, "\n") {
		t.Errorf("bibliography:\n%s\nwant\n%s", strings.Join(entries, "\n"), strings.Join(wantBib, "\n"))
	}
	// every cited work links to its entry
	links := 0
	doc.Walk(one.Blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
		if l, ok := in.(*doc.Link); ok && l.Entry == "bibliography" {
			links++
		}
		return true
	}})
	for _, n := range one.Notes {
		doc.Walk(n.Blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
			if l, ok := in.(*doc.Link); ok && l.Entry == "bibliography" && strings.HasPrefix(l.Anchor, "ref-") {
				links++
			}
			return true
		}})
	}
	if links != 9 {
		t.Errorf("%d links to the bibliography, want 9 (one per work cited)", links)
	}
}

func TestCitationsInText(t *testing.T) {
	for _, c := range []struct {
		style, text, note string
	}{
		{"chicago-author-date",
			"Serge remembered it (Serge 1963, 85–86). He said it again (Serge 1963, 85–86), and more (Serge 1963, 90); then (see Avrich 1970, chap. 3; Serge 1963, 101–8, emphasis added).",
			"An author’s note citing (Dijkstra 1968, 147)."},
		{"mla",
			"Serge remembered it (Serge 85–86). He said it again (Serge 85–86), and more (Serge 90); then (see Avrich, chap. 3; Serge 101–08, emphasis added).",
			"An author’s note citing (Dijkstra 147)."},
		{"apa",
			"Serge remembered it (Serge, 1963, pp. 85–86). He said it again (Serge, 1963, pp. 85–86), and more (Serge, 1963, p. 90); then (see Avrich, 1970, chap. 3; Serge, 1963, pp. 101–108, emphasis added).",
			"An author’s note citing (Dijkstra, 1968, p. 147)."},
	} {
		book, warns, err := citedBook(t, c.style, true, citingChapter)
		if err != nil || len(warns) > 1 {
			t.Fatal(err, warns)
		}
		one := book.Entries[0]
		if got := doc.PlainText(doc.BlockInlines(one.Blocks[1])[0]); got != c.text {
			t.Errorf("%s:\n got %s\nwant %s", c.style, got, c.text)
		}
		if got := notesText(one); len(got) != 1 || got[0] != "1: "+c.note {
			t.Errorf("%s notes: %q, want %q", c.style, got, c.note)
		}
	}
}

func TestCitationProblems(t *testing.T) {
	_, warns, err := citedBook(t, "chicago", true, "# One\n\nA [@serge1936, 3] and [@nobody] and @sergey and me@example.org.\n")
	got := coded(t, diag.FromError(err), diag.Error)
	want := []string{
		`one.md:3: citation [@serge1936, 3]: no bibliography entry has the key "serge1936" (did you mean "serge1963"?) [cite.unknown-key]`,
		`one.md:3: citation [@nobody]: no bibliography entry has the key "nobody" [cite.unknown-key]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	gotW := coded(t, warns, diag.Warning)
	if len(gotW) != 1 || gotW[0] != `one.md:3: @sergey is no key of the bibliography; printed as written [cite.unknown-key]` {
		t.Errorf("warnings: %q", gotW)
	}

	book, warns, err := citedBook(t, "chicago", false, "# One\n\nA [@serge1963] and @handle [@again].\n")
	if err != nil {
		t.Fatal(err)
	}
	if got := coded(t, warns, diag.Warning); len(got) != 1 || got[0] != "one.md:3: citation [@serge1963], but the manifest lists no bibliography; it is printed as written [cite.no-bibliography]" {
		t.Errorf("warnings: %q", got)
	}
	if got := marked(doc.BlockInlines(book.Entries[0].Blocks[1])[0]); got != "A [@serge1963] and @handle [@again]." {
		t.Errorf("text %q", got)
	}
}

// A table's caption is read before its cells, as print sets it above them,
// and its citations are resolved like any other (a caption crediting its
// source is how real books cite a table).
func TestCitationInTableCaption(t *testing.T) {
	book, warns, err := citedBook(t, "chicago-author-date", true, `# One

| Year | Members |
|------|---------|
| 1921 | [@avrich1970, 12] |

Table: Membership, after [@serge1963, 85].
`)
	if err != nil || len(warns) > 0 {
		t.Fatal(err, warns)
	}
	var table *doc.Table
	for _, b := range book.Entries[0].Blocks {
		if tb, ok := b.(*doc.Table); ok {
			table = tb
		}
	}
	if table == nil {
		t.Fatal("no table")
	}
	if got, want := doc.PlainText(table.Caption), "Membership, after (Serge 1963, 85)."; got != want {
		t.Errorf("caption %q, want %q", got, want)
	}
	if got, want := doc.PlainText(table.Rows[0][1].Content), "(Avrich 1970, 12)"; got != want {
		t.Errorf("cell %q, want %q", got, want)
	}
}
