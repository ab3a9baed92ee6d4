package notes

import (
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/cite"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/markdown"
)

// crossrefChapter labels a figure, a table, two equations and a section
// in each syntax, for TestCrossrefs to refer to from another chapter.
const crossrefChapter = "# Results {#sec-results}\n\n![The chart](c.png){#fig-chart}\n\n![The other](o.png){#fig:other}\n\n" +
	"![Third](t.png){#fig:third}\n\n![Fourth](f.png){#fig:fourth}\n\n| A |\n|---|\n| 1 |\n\n: Values {#tbl-values}\n\n$$ E = mc^2 $$ {#eq-energy}\n\n" +
	"$$ a + b $$ {#eq:sum}\n"

// TestCrossrefs: every form of a reference Quarto and pandoc-crossref
// read prints its words and number, each a link to its item, and one to
// a label no item has prints "??" with a warning.
func TestCrossrefs(t *testing.T) {
	tests := []struct {
		name, src string
		// want is what the paragraph prints, each link in brackets with
		// its target
		want     string
		warnings []string
	}{
		{"Quarto's reference in the sentence", "As @fig-chart shows.", "As [Figure\u00a01→one#fig-chart] shows.", nil},
		{"bracketed", "See [@fig-chart].", "See [Figure\u00a01→one#fig-chart].", nil},
		{"capitalised", "@Fig-chart shows it.", "[Figure\u00a01→one#fig-chart] shows it.", nil},
		{"the number alone", "Figure [-@fig-chart].", "Figure [1→one#fig-chart].", nil},
		{"a prefix of the author's", "See [Fig. @fig-chart].", "See [Fig.\u00a01→one#fig-chart].", nil},
		{"a prefix of the author's, the number alone", "See [Fig. -@fig-chart] and [Chapter -@sec-results].", "See [Fig.\u00a01→one#fig-chart] and [Results→one#sec-results].", nil},
		{"a table and an equation", "@tbl-values and @eq-energy.", "[Table\u00a01→one#tbl-values] and [Equation\u00a01→one#eq-energy].", nil},
		{"a section: its title, as headings are not numbered", "In @sec-results.", "In [Results→one#sec-results].", nil},
		{"pandoc-crossref's prefixes", "@fig:other, @tbl-values, @eq:sum.", "[fig.\u00a02→one#fig-other], [Table\u00a01→one#tbl-values], [eq.\u00a02→one#eq-sum].", nil},
		{"pandoc-crossref's capitalised", "@Fig:other.", "[Fig.\u00a02→one#fig-other].", nil},
		{"a list of one kind", "[@fig:other; @fig:third]", "figs.\u00a0[2→one#fig-other], [3→one#fig-third]", nil},
		{"a run of three as a range", "[@fig:other; @fig:third; @fig:fourth]", "figs.\u00a0[2→one#fig-other]-[4→one#fig-fourth]", nil},
		{"a list and a run", "[@fig:fourth; @fig:other; @fig:third; @fig:fourth; @tbl-values]", "figs.\u00a0[4→one#fig-fourth], [2→one#fig-other]-[4→one#fig-fourth], [Table\u00a01→one#tbl-values]", nil},
		{"a list of Quarto's", "[@fig-chart; @tbl-values]", "[Figure\u00a01→one#fig-chart], [Table\u00a01→one#tbl-values]", nil},
		{"a suffix kept", "[@fig-chart, left]", "[Figure\u00a01→one#fig-chart], left", nil},
		{"no such label", "See @fig-nowhere and [@tbl:none].", "See ?? and ??.", []string{
			`two.md:1: @fig-nowhere: no figure of the book is labelled {#fig-nowhere}; printed "??"`,
			`two.md:1: @tbl:none: no table of the book is labelled {#tbl:none}; printed "??"`}},
		{"a label of another kind", "@tbl-chart", "??", []string{`two.md:1: @tbl-chart: no table of the book is labelled {#tbl-chart}; printed "??"`}},
		{"a label that is no figure's", "@fig-x and @sec-y: see {#fig-x}", "?? and ??: see {#fig-x}", []string{
			`two.md:1: @fig-x: no figure of the book is labelled {#fig-x}; printed "??"`,
			`two.md:1: @sec-y: no heading of the book is labelled {#sec-y}; printed "??"`}},
		{"inside a link, its text", "[As @fig-chart shows](https://example.org)", "[As Figure\u00a01 shows→#]", nil},
		{"other keys are citations", "@serge1963 and @figure.", "@serge1963 and @figure.", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			book, warns := resolveTitled(t, crossrefChapter, tc.src)
			checkWarnings(t, warns, tc.warnings...)
			var got string
			for _, b := range book.Entries[1].Blocks {
				if p, ok := b.(*doc.Paragraph); ok {
					got = linkedText(p.Content)
				}
			}
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// linkedText is inline content's text, each link in brackets with its
// entry and anchor.
func linkedText(in []doc.Inline) string {
	var sb strings.Builder
	for _, x := range in {
		switch x := x.(type) {
		case *doc.Link:
			sb.WriteString("[" + doc.PlainText(x.Content) + "→" + x.Entry + "#" + x.Anchor + "]")
		case *doc.Text:
			sb.WriteString(x.Text)
		default:
			sb.WriteString(linkedText(doc.InlineChildren(x)))
		}
	}
	return sb.String()
}

// TestCrossrefCaptions: labelled items are numbered in book order, one
// sequence for each kind through the chapters, the number before a
// caption and after an equation; unlabelled ones are not.
func TestCrossrefCaptions(t *testing.T) {
	book, warns := resolveTitled(t, crossrefChapter, "![Later](l.png){#fig-later}\n\n![Unlabelled](u.png)\n\n| A |\n|---|\n| 1 |\n\n: Plain caption\n")
	if len(warns) > 0 {
		t.Fatal(warns)
	}
	var got []string
	for _, e := range book.Entries {
		doc.Walk(e.Blocks, doc.Visitor{Block: func(b doc.Block) bool {
			switch b := b.(type) {
			case *doc.Figure:
				got = append(got, doc.PlainText(b.Caption))
			case *doc.Table:
				got = append(got, doc.PlainText(b.Caption))
			case *doc.Paragraph:
				got = append(got, doc.PlainText(b.Content))
			}
			return true
		}})
	}
	want := []string{"Figure\u00a01: The chart", "Figure\u00a02: The other", "Figure\u00a03: Third", "Figure\u00a04: Fourth", "Table\u00a01: Values",
		"E = mc^2 (1)", "a + b (2)", "Figure\u00a05: Later", "", "Plain caption"}
	if strings.Join(got, " | ") != strings.Join(want, " | ") {
		t.Errorf("captions\n%q\nwant\n%q", got, want)
	}
}

// TestCrossrefOrCitation: a bibliography's key that looks like a label is
// a citation unless an item has that label; a label wins.
func TestCrossrefOrCitation(t *testing.T) {
	recs, ds := cite.Parse("works.json", []byte(`[{"id": "fig-2019", "type": "book", "title": "Figs", "publisher": "P", "author": [{"family": "Fig"}], "issued": {"date-parts": [[2019]]}},
{"id": "fig-chart", "type": "book", "title": "Charts", "publisher": "P", "author": [{"family": "Chart"}], "issued": {"date-parts": [[2020]]}}]`))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	in := Input{Options: Options{CitationStyle: "chicago-author-date"}, Bibliography: &cite.Bibliography{}}
	in.Bibliography.Add(recs)
	book, warns, err := resolveChapters(t, in, crossrefChapter, "# Two\n\n[@fig-2019] and [@fig-chart].\n")
	if err != nil || len(warns) > 0 {
		t.Fatal(err, warns)
	}
	got := linkedText(book.Entries[1].Blocks[1].(*doc.Paragraph).Content)
	if want := "([Fig 2019→bibliography#ref-fig-2019]) and [Figure\u00a01→one#fig-chart]."; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestCrossrefGolden: two chapters written for Quarto and pandoc-crossref,
// parsed and resolved: numbered captions and equations, references across
// chapters and a callout, as the tree both outputs are made from.
func TestCrossrefGolden(t *testing.T) {
	const one = "# Growth {#sec-growth}\n\n![Output per *worker*](plot.png){#fig-plot width=80%}\n\n" +
		"| Year | Output |\n|---|---|\n| 1921 | 12 |\n\n: Output by year {#tbl-output}\n\n$$ k_{t+1} = s f(k_t) $$ {#eq-k}\n\n" +
		"::: {.callout-tip title=\"Before you start\"}\nRead @sec-exercises first.\n:::\n"
	const two = "# Exercises {#sec-exercises}\n\nUse @eq-k with [-@tbl-output] and @Fig-plot of @sec-growth.\n\n" +
		"![A second plot](two.png){#fig:two}\n\nCompare [@fig:two; @fig-plot].\n"
	resolvedGolden(t, "crossref.golden", false, one, two)
}

// TestCrossrefEdition: items are numbered as the edition keeps them, and a
// reference to one it leaves out prints "??" with a warning; the French
// edition's words are French.
func TestCrossrefEdition(t *testing.T) {
	const one = "# Un\n\n::: teacher\n![For the teacher](t.png){#fig-teacher}\n:::\n\n![For all](a.png){#fig-all}\n\nSee @fig-teacher and @fig-all.\n"
	in := Input{Options: Options{Conditions: []string{"teacher"}, Exclude: []string{"teacher"}}}
	book := &doc.Book{Meta: doc.Meta{Language: "fr"}}
	ch, err := markdown.Parse([]byte(one), "one.md")
	if err != nil {
		t.Fatal(err)
	}
	book.Entries = append(book.Entries, &doc.Entry{File: "one.md", Blocks: ch.Blocks, Digest: fakeDigest("one.md")})
	warns, err := Resolve(book, in)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(book); err != nil {
		t.Fatal(err)
	}
	checkWarnings(t, warns, `one.md:9: @fig-teacher: the edition leaves out what it refers to; printed "??"`)
	var got []string
	for _, b := range book.Entries[0].Blocks {
		switch b := b.(type) {
		case *doc.Figure:
			got = append(got, doc.PlainText(b.Caption))
		case *doc.Paragraph:
			got = append(got, linkedText(b.Content))
		}
	}
	want := []string{"Figure\u00a01\u00a0: For all", "See ?? and [Figure\u00a01→one#fig-all]."}
	if strings.Join(got, " | ") != strings.Join(want, " | ") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
