package notes

import (
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
)

func TestEntryIDs(t *testing.T) {
	src := chapter("src.md", heading("src.md", 1, 1, "s", txt("S")))
	src.Provenance = &doc.Provenance{Title: "S", Publisher: "P", Date: "1921"}
	entries := []*doc.Entry{
		chapter("introduction.md"),
		chapter("sources/kollontai-workers-opposition.md"),
		chapter("01-intro.md"),
		chapter("Café Culture.markdown"),
		chapter("кириллица.md"),
		chapter("part2/introduction.md"),
		chapter("nav.md"),
		chapter("sources.md"),
		chapter("inputs.md"),
		chapter("sources-and-permissions.md"),
		chapter("edition-inputs.md"),
		{Kind: doc.KindPart, Title: []doc.Inline{txt("Part One: "), emph(txt("Theory"))}},
		{Kind: doc.KindPart, Title: []doc.Inline{txt("Sources")}},
		src,
	}
	for _, e := range entries {
		if len(e.Blocks) == 0 {
			e.Blocks = []doc.Block{heading(e.File, 1, 1, "h", txt("Title"))}
		}
	}
	b := &doc.Book{Entries: entries}
	if _, err := Resolve(b, Input{}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range b.Entries {
		got = append(got, e.ID)
	}
	want := []string{"introduction", "kollontai-workers-opposition", "chapter-01-intro", "cafe-culture",
		"chapter-5", "introduction-2", "nav-2", "sources", "inputs",
		"sources-and-permissions-2", "edition-inputs-2", "part-one-theory", "sources-2", "src", "sources-and-permissions", "edition-inputs"}
	if !slices.Equal(got, want) {
		t.Errorf("entry IDs\n got %q\nwant %q", got, want)
	}
}

func TestAnchorIDsAreUniqueAndLinksFollowThem(t *testing.T) {
	a := chapter("a.md",
		heading("a.md", 1, 1, "a", txt("A")),
		heading("a.md", 3, 2, "notes", txt("Notes")),
		heading("a.md", 5, 2, "1st", txt("First")),
		heading("a.md", 7, 2, "", txt("No ID here")),
		&doc.Figure{BlockBase: doc.BlockBase{Pos: doc.Pos{File: "a.md", Line: 9}}, ID: "fig:map", Image: &doc.Image{Src: "map.png"}},
	)
	b := chapter("b.md",
		heading("b.md", 1, 1, "b", txt("B")),
		heading("b.md", 3, 2, "notes", txt("Notes")),
		heading("b.md", 5, 2, "a", txt("Named like the other entry")),
		para("b.md", 7, link("a.md#notes", txt("1")), link("#notes", txt("2")), link("a.md#1st", txt("3")),
			link("a.md#fig:map", txt("4")), link("#a", txt("5")), link("a.md#no-id-here", txt("6"))),
	)
	book := &doc.Book{Entries: []*doc.Entry{a, b}}
	if _, err := Resolve(book, Input{}); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range book.Entries {
		doc.Walk(e.Blocks, doc.Visitor{Block: func(b doc.Block) bool {
			if id := anchorID(b); id != "" {
				ids = append(ids, id)
			}
			return true
		}})
	}
	wantIDs := []string{"a-2", "notes", "id-1st", "no-id-here", "fig-map", "b-2", "notes-2", "a-3"}
	if !slices.Equal(ids, wantIDs) {
		t.Errorf("anchor IDs\n got %q\nwant %q", ids, wantIDs)
	}
	for _, id := range ids {
		if !validNCName(id) {
			t.Errorf("%q is not an NCName", id)
		}
	}
	var targets []string
	for _, in := range b.Blocks[3].(*doc.Paragraph).Content {
		l := in.(*doc.Link)
		targets = append(targets, l.Entry+"#"+l.Anchor)
	}
	wantTargets := []string{"a#notes", "b#notes-2", "a#id-1st", "a#fig-map", "b#a-3", "a#no-id-here"}
	if !slices.Equal(targets, wantTargets) {
		t.Errorf("link targets\n got %q\nwant %q", targets, wantTargets)
	}
}

// An anchor span (raw HTML's <a id>) is a link target like a heading, and
// its ID is made unique with the rest.
func TestAnchorSpansAreLinkTargets(t *testing.T) {
	a := chapter("a.md",
		heading("a.md", 1, 1, "a", txt("A")),
		para("a.md", 3, &doc.Span{ID: "notes"}, txt("Old-style anchor.")),
		heading("a.md", 5, 2, "notes", txt("Notes")),
		para("a.md", 7, link("#notes", txt("to the span")), link("a.md#notes", txt("same"))),
	)
	book := &doc.Book{Entries: []*doc.Entry{a}}
	if _, err := Resolve(book, Input{}); err != nil {
		t.Fatal(err)
	}
	span := a.Blocks[1].(*doc.Paragraph).Content[0].(*doc.Span)
	head := a.Blocks[2].(*doc.Heading)
	if span.ID == head.ID {
		t.Fatalf("span and heading share the ID %q", span.ID)
	}
	for _, in := range a.Blocks[3].(*doc.Paragraph).Content {
		if l := in.(*doc.Link); l.Anchor != span.ID {
			t.Errorf("link %q goes to %q, want the first anchor named notes (%q)", l.URL, l.Anchor, span.ID)
		}
	}
}

func validNCName(s string) bool {
	if s == "" || !utf8.ValidString(s) {
		return false
	}
	for i, r := range s {
		if i == 0 && !isNameStartChar(r) || !isNameChar(r) {
			return false
		}
	}
	return true
}

func TestXMLName(t *testing.T) {
	for in, want := range map[string]string{
		"intro":    "intro",
		"1st":      "id-1st",
		"a:b c":    "a-b-c",
		"":         "id-",
		"-x":       "id--x",
		"café":     "café",
		"ªº":       "id---",
		"\xffbad":  "id--bad",
		"_private": "_private",
	} {
		got := xmlName(in)
		if got != want {
			t.Errorf("xmlName(%q) = %q, want %q", in, got, want)
		}
		if !validNCName(got) {
			t.Errorf("xmlName(%q) = %q is not an NCName", in, got)
		}
	}
}

func TestNoteIDsAvoidTakenIDs(t *testing.T) {
	// Entry "x" has a note referenced twice, whose second reference would be
	// "ref-n-x-1-2"; entry "x-1"'s note 2 would naturally be "n-x-1-2",
	// with first reference "ref-n-x-1-2" too. A heading is named like a
	// note as well.
	n1 := footnote("x.md", 9, "a", para("x.md", 9, txt("Note.")))
	x := chapter("x.md", heading("x.md", 1, 1, "x", txt("X")),
		heading("x.md", 2, 2, "n-x-1", txt("Looks like a note")),
		para("x.md", 3, txt("One"), ref(n1), txt(" two"), ref(n1)))
	x.Notes = []*doc.Note{n1}
	m1 := footnote("x-1.md", 9, "a", para("x-1.md", 9, txt("First.")))
	m2 := footnote("x-1.md", 10, "b", para("x-1.md", 10, txt("Second.")))
	x1 := chapter("x-1.md", heading("x-1.md", 1, 1, "x1", txt("X1")), para("x-1.md", 3, txt("A"), ref(m1), txt("B"), ref(m2)))
	x1.Notes = []*doc.Note{m1, m2}
	book := &doc.Book{Entries: []*doc.Entry{x, x1}}
	if _, err := Resolve(book, Input{}); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	add := func(id string) {
		if seen[id] {
			t.Errorf("ID %q given twice", id)
		}
		seen[id] = true
	}
	for _, e := range book.Entries {
		add(e.ID)
		doc.Walk(e.Blocks, doc.Visitor{Block: func(b doc.Block) bool {
			if id := anchorID(b); id != "" {
				add(id)
			}
			return true
		}})
		for _, n := range e.Notes {
			add(n.ID)
			for i := 0; i < n.Refs; i++ {
				add(n.RefID(i))
			}
		}
	}
	// n-x-1 is a heading, so x's note is n-x-1-2 with references
	// ref-n-x-1-2 and ref-n-x-1-2-2; x-1's note 2 cannot be n-x-1-2 (taken)
	// nor n-x-1-2-2 (its reference would be ref-n-x-1-2-2).
	if n1.ID != "n-x-1-2" || m2.ID != "n-x-1-2-3" {
		t.Errorf("note IDs %q and %q, want n-x-1-2 and n-x-1-2-3", n1.ID, m2.ID)
	}
}

func TestNumbering(t *testing.T) {
	build := func() (*doc.Book, []*doc.Note) {
		a := footnote("a.md", 10, "a", para("a.md", 10, txt("A, citing"), nil))
		b := footnote("a.md", 11, "b", para("a.md", 11, txt("B.")))
		c := footnote("a.md", 12, "c", para("a.md", 12, txt("C, in A.")))
		a.Blocks[0].(*doc.Paragraph).Content[1] = ref(c)
		d := footnote("b.md", 10, "d", para("b.md", 10, txt("D.")))
		ea := chapter("a.md", heading("a.md", 1, 1, "a", txt("A")),
			para("a.md", 3, txt("x"), ref(b), txt("y"), ref(a), txt("z"), ref(b)))
		ea.Notes = []*doc.Note{a, b, c} // definition order differs from reference order
		eb := chapter("b.md", heading("b.md", 1, 1, "b", txt("B")), para("b.md", 3, txt("w"), ref(d)))
		eb.Notes = []*doc.Note{d}
		return &doc.Book{Entries: []*doc.Entry{ea, eb}}, []*doc.Note{a, b, c, d}
	}
	for _, c := range []struct {
		numbering string
		labels    []string
	}{
		{"chapter", []string{"2", "1", "3", "1"}},
		{"", []string{"2", "1", "3", "1"}},
		{"book", []string{"2", "1", "3", "4"}},
	} {
		book, notes := build()
		if _, err := Resolve(book, Input{Options: Options{Numbering: c.numbering}}); err != nil {
			t.Fatal(err)
		}
		var labels []string
		for _, n := range notes {
			labels = append(labels, n.Label)
		}
		if !slices.Equal(labels, c.labels) {
			t.Errorf("numbering %q: labels %q, want %q", c.numbering, labels, c.labels)
		}
		if got := book.Entries[0].Notes; len(got) != 3 || got[0] != notes[1] || got[1] != notes[0] || got[2] != notes[2] {
			t.Errorf("notes not in order of first reference")
		}
		if notes[1].Refs != 2 || notes[0].Refs != 1 {
			t.Errorf("refs: b=%d a=%d, want 2 and 1", notes[1].Refs, notes[0].Refs)
		}
		content := book.Entries[0].Blocks[1].(*doc.Paragraph).Content
		if i := content[5].(*doc.NoteRef).Index; i != 1 {
			t.Errorf("second reference to b has index %d, want 1", i)
		}
	}
}

func TestLetterLabel(t *testing.T) {
	for n, want := range map[int]string{1: "a", 2: "b", 26: "z", 27: "aa", 28: "ab", 52: "az", 53: "ba", 702: "zz", 703: "aaa"} {
		if got := letterLabel(n); got != want {
			t.Errorf("letterLabel(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestTitleHeadings(t *testing.T) {
	fn := footnote("a.md", 9, "f", para("a.md", 9, txt("F.")))
	keep := chapter("a.md", heading("a.md", 1, 1, "t", txt("The "), emph(txt("Title")), ref(fn), &doc.Break{}, link("x.md", txt("linked"))), para("a.md", 3, txt("x")))
	keep.Notes = []*doc.Note{fn}
	promote := chapter("b.md", heading("b.md", 1, 2, "t", txt("Second level")), para("b.md", 3, txt("x")))
	insert := chapter("c.md", para("c.md", 1, txt("Text first.")), heading("c.md", 3, 2, "s", txt("Later heading")))
	manifest := chapter("d.md", heading("d.md", 1, 2, "s", txt("A section")), para("d.md", 3, txt("x")))
	manifest.Title = []doc.Inline{txt("  From the manifest ")}
	readme := chapter("e.md", para("e.md", 1, txt("Badges and languages.")), heading("e.md", 3, 1, "readme", txt("Readme")), para("e.md", 5, txt("x")))
	named := chapter("f.md", para("f.md", 1, txt("r[rule.id]")), heading("f.md", 3, 1, "named", txt("Named")), para("f.md", 5, txt("x")))
	named.Title = []doc.Inline{txt("Named")}
	rtl := chapter("g.md", &doc.Div{Blocks: []doc.Block{heading("g.md", 3, 3, "fehrest", txt("فهرست")), para("g.md", 5, txt("x"))}})
	rtl.Language = "fa"
	later := chapter("h.md", &doc.Div{Blocks: []doc.Block{para("h.md", 1, txt("Sponsor.")), heading("h.md", 3, 2, "sponsor", txt("Sponsor"))}})
	// a title (front matter's) over parts of level 1
	parts := chapter("i.md", heading("i.md", 1, 1, "synopsis", txt("Synopsis")), para("i.md", 2, txt("x")), heading("i.md", 3, 1, "description", txt("Description")))
	parts.Title = []doc.Inline{txt("Users Guide")}
	// a title that is not the one level-1 heading's keeps it as the opening
	renamed := chapter("j.md", heading("j.md", 1, 1, "intro", txt("Introduction")), para("j.md", 2, txt("x")))
	renamed.Title = []doc.Inline{txt("Intro")}
	// a heading's anchor points and spans with IDs stay its own
	anchored := chapter("k.md", heading("k.md", 1, 2, "", txt("Anchored"), &doc.Span{ID: "noteref-3"}, &doc.Span{ID: "sp", Content: []doc.Inline{txt(" here")}}), para("k.md", 2, txt("x")))
	book := &doc.Book{Meta: doc.Meta{Language: "en"}, Entries: []*doc.Entry{keep, promote, insert, manifest, readme, named, rtl, later, parts, renamed, anchored}}
	book.Entries = append(book.Entries, chapter("x.md", heading("x.md", 1, 1, "x", txt("X"))))
	if _, err := Resolve(book, Input{}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		e          *doc.Entry
		title      string
		blocks     int
		firstLevel int
		firstText  string
	}{
		{keep, "The Title linked", 2, 1, "The Title{1}\nlinked"},
		{promote, "Second level", 2, 1, "Second level"},
		{insert, "Later heading", 3, 1, "Later heading"},
		{manifest, "From the manifest", 3, 1, "From the manifest"},
		{readme, "Readme", 3, 1, "Readme"},
		{named, "Named", 3, 1, "Named"},
		{rtl, "فهرست", 2, 1, "فهرست"},
		{later, "Sponsor", 2, 1, "Sponsor"},
		{parts, "Users Guide", 4, 1, "Users Guide"},
		{renamed, "Intro", 2, 1, "Introduction"},
		{anchored, "Anchored here", 2, 1, "Anchored{noteref-3} here"},
	}
	for _, c := range cases {
		h, ok := c.e.Blocks[0].(*doc.Heading)
		if !ok {
			t.Errorf("%s: first block is %T", c.e.File, c.e.Blocks[0])
			continue
		}
		if got := c.e.TitleText(); got != c.title {
			t.Errorf("%s: title %q, want %q", c.e.File, got, c.title)
		}
		if len(c.e.Blocks) != c.blocks || h.Level != c.firstLevel || marked(h.Content) != c.firstText {
			t.Errorf("%s: %d blocks, heading level %d %q; want %d, %d %q", c.e.File, len(c.e.Blocks), h.Level, marked(h.Content), c.blocks, c.firstLevel, c.firstText)
		}
		doc.WalkInlines(c.e.Title, doc.Visitor{Inline: func(in doc.Inline) bool {
			switch in.(type) {
			case *doc.NoteRef, *doc.Link, *doc.Break:
				t.Errorf("%s: title holds a %T", c.e.File, in)
			case *doc.Span:
				if in.(*doc.Span).ID != "" {
					t.Errorf("%s: title holds the ID %q", c.e.File, in.(*doc.Span).ID)
				}
			}
			return true
		}})
	}
	// A heading moved to the top keeps its ID and its language, the
	// chapter's; one left in place is not taken out of its group.
	if h := rtl.Blocks[0].(*doc.Heading); h.ID != "fehrest" || h.Lang != "" || len(rtl.Blocks[1].(*doc.Div).Blocks) != 1 {
		t.Errorf("moved heading: ID %q, language %q; %d blocks left in its group", h.ID, h.Lang, len(rtl.Blocks[1].(*doc.Div).Blocks))
	}
	if n := len(later.Blocks[1].(*doc.Div).Blocks); n != 2 {
		t.Errorf("a heading after text in a group: %d blocks left in the group, want 2", n)
	}
	// The title is a copy: changing the heading must not change it.
	keep.Blocks[0].(*doc.Heading).Content[0].(*doc.Text).Text = "Changed"
	if got := keep.TitleText(); got != "The Title linked" {
		t.Errorf("title shares nodes with the heading: %q", got)
	}
}

// A link whose fragment differs from a heading's ID only in case leads to
// it, as READMEs link to GitHub's lower-case IDs ("#Описание"), unless two
// anchors differ only in case.
func TestLinksMatchAnchorsWhateverTheirCase(t *testing.T) {
	a := chapter("a.md",
		heading("a.md", 1, 1, "", txt("Описание")),
		heading("a.md", 3, 2, "", txt("Сложно, но полезно")),
		heading("a.md", 5, 2, "Notes", txt("Notes")),
		heading("a.md", 7, 2, "notes", txt("More notes")),
		para("a.md", 9, link("#Описание", txt("1")), link("#%D0%A1%D0%BB%D0%BE%D0%B6%D0%BD%D0%BE-%D0%BD%D0%BE-%D0%BF%D0%BE%D0%BB%D0%B5%D0%B7%D0%BD%D0%BE", txt("2")),
			link("#Сложно-Но-Полезно", txt("3")), link("#notes", txt("4")), link("#NOTES", txt("5"))),
	)
	book := &doc.Book{Entries: []*doc.Entry{a}}
	warns, err := Resolve(book, Input{})
	if err != nil {
		t.Fatal(err)
	}
	var targets []string
	for _, in := range a.Blocks[4].(*doc.Paragraph).Content {
		targets = append(targets, in.(*doc.Link).Anchor)
	}
	want := []string{"описание", "сложно-но-полезно", "сложно-но-полезно", "notes", ""}
	if !slices.Equal(targets, want) {
		t.Errorf("link targets\n got %q\nwant %q", targets, want)
	}
	if len(warns) != 1 || warns[0].Message != `link "#NOTES": no heading "NOTES" in a.md; printed as text` {
		t.Errorf("warnings: %v, want one about #NOTES", warns)
	}
}

// TestBannersLeftOut: a heading naming the book over several chapters'
// own is taken out of them, and each is titled by its own; a link to it
// leads to its chapter. Opening one chapter only, or over a heading of
// another level, it stays.
func TestBannersLeftOut(t *testing.T) {
	one := chapter("ch1.md", heading("ch1.md", 1, 1, "series", txt("The Series")), heading("ch1.md", 2, 1, "one", txt("Chapter 1")), para("ch1.md", 3, txt("x")))
	two := chapter("ch2.md", heading("ch2.md", 1, 1, "series", txt("The Series")), heading("ch2.md", 2, 1, "two", txt("Chapter 2")))
	alone := chapter("pre.md", heading("pre.md", 1, 1, "book", txt("The Book")), heading("pre.md", 2, 1, "preface", txt("Preface")))
	levels := chapter("a.md", heading("a.md", 1, 1, "series", txt("The Series")), heading("a.md", 2, 2, "sec", txt("Section")))
	l := link("ch2.md#series", txt("to the banner"))
	linking := chapter("z.md", heading("z.md", 1, 1, "z", txt("Z")), para("z.md", 2, l))
	book := &doc.Book{Meta: doc.Meta{Language: "en"}, Entries: []*doc.Entry{one, two, alone, levels, linking}}
	warns, err := Resolve(book, Input{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		e      *doc.Entry
		title  string
		blocks int
	}{{one, "Chapter 1", 2}, {two, "Chapter 2", 1}, {alone, "The Book", 2}, {levels, "The Series", 2}} {
		if got := c.e.TitleText(); got != c.title || len(c.e.Blocks) != c.blocks {
			t.Errorf("%s: title %q, %d blocks; want %q, %d", c.e.File, got, len(c.e.Blocks), c.title, c.blocks)
		}
	}
	if l.Entry != two.ID || l.Anchor != "" {
		t.Errorf("a link to a banner leads to entry %q anchor %q, want its chapter %q", l.Entry, l.Anchor, two.ID)
	}
	if n := len(coded(t, warns, diag.Warning)); n != 1 {
		t.Errorf("%d warnings, want the banner's one: %v", n, warns)
	}
}

// TestNotebookHeadingLinks: Jupyter links a notebook's heading by its
// text with spaces made hyphens, case and punctuation kept; in a
// Markdown file that is no heading's name.
func TestNotebookHeadingLinks(t *testing.T) {
	nb := chapter("nb.ipynb",
		heading("nb.ipynb", 1, 1, "", txt("Pandas: Labeled Column-oriented Data")),
		para("nb.ipynb", 3, link("#Pandas:-Labeled-Column-oriented-Data", txt("1")), link("#Sorted-and-unsorted-indices", txt("4"))),
		heading("nb.ipynb", 5, 2, "", txt("Sorted and Unsorted Indices")),
	)
	md := chapter("md.md",
		heading("md.md", 1, 1, "", txt("Pandas: Labeled Data")),
		para("md.md", 3, link("#Pandas:-Labeled-Data", txt("2")), link("nb.ipynb#Pandas:-Labeled-Column-oriented-Data", txt("3"))),
	)
	warns, err := Resolve(&doc.Book{Entries: []*doc.Entry{nb, md}}, Input{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range nb.Blocks[1].(*doc.Paragraph).Content {
		got = append(got, in.(*doc.Link).Anchor)
	}
	for _, in := range md.Blocks[1].(*doc.Paragraph).Content {
		got = append(got, in.(*doc.Link).Anchor)
	}
	// a name in another case finds the heading too, whichever of its
	// names it folds to
	want := []string{"pandas-labeled-column-oriented-data", "sorted-and-unsorted-indices", "", "pandas-labeled-column-oriented-data"}
	if !slices.Equal(got, want) {
		t.Errorf("link targets\n got %q\nwant %q", got, want)
	}
	if len(warns) != 1 || warns[0].Message != `link "#Pandas:-Labeled-Data": no heading "Pandas:-Labeled-Data" in md.md; printed as text` {
		t.Errorf("warnings: %v, want one about the Markdown file's link", warns)
	}
}
