package notes

import (
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/markdown"
)

// TestMystRefs: MyST's references lead to the label in whichever chapter
// has it, one written without text shows its target's title, and one
// naming no label is printed as its text with a warning.
func TestMystRefs(t *testing.T) {
	const one = "(intro)=\n# Introduction\n\n```{figure} p.png\n:name: fig-p\n\nA *picture*.\n```\n\n```{math}\n:label: eq-a\na = b\n```\n\n" +
		"```{list-table} The *commands*\n:name: commands\n\n* - a\n  - b\n```\n\n$$\nc = d\n$$ (eq:c)\n\n" +
		"```{prf:theorem} Named\n:label: thm-t\nTrue.\n```\n\n```{exercise}\n:label: ex-e\nDo.\n```\n\n" +
		"```{code-cell} ipython3\n---\nmystnb:\n  figure:\n    caption: A *plot*\n    name: fig-plot\n---\nplot()\n```\n"
	tests := []struct {
		name, src string
		// want are the links' entries, anchors and texts
		want     []string
		warnings []string
	}{
		{"a heading's label, its title shown", "See {ref}`intro`.\n", []string{"one#intro Introduction"}, nil},
		{"text given", "See {ref}`the start <intro>`.\n", []string{"one#intro the start"}, nil},
		{"a figure's name: numref its word and number, ref its caption", "{numref}`fig-p`, {numref}`Fig. %s <fig-p>` and {ref}`fig-p`\n", []string{"one#fig-p Figure\u00a01", "one#fig-p Fig. 1", "one#fig-p A picture"}, nil},
		{"numref's number and name, as Sphinx fills them", "{numref}`{number}: {name} <fig-p>`, {numref}`Table %s <commands>`\n", []string{"one#fig-p 1: A picture", "one#commands Table 1"}, nil},
		{"numref to a table, a code cell's figure, a heading", "{numref}`commands`, {numref}`fig-plot`, {numref}`intro`\n", []string{"one#commands Table\u00a01", "one#fig-plot Figure\u00a02", "one#intro Introduction"},
			[]string{`two.md:1:41: {numref} "intro": a heading of a chapter the manifest does not number (numbered: true); the heading's text is printed where its number would be`}},
		{"numref to a heading, with Sphinx's number in its text: the heading's text there, one warning for the book",
			"{numref}`Section %s <intro>` and {numref}`{number} ({name}) <intro>`, then {numref}`intro`.\n",
			[]string{"one#intro Section Introduction", "one#intro Introduction (Introduction)", "one#intro Introduction"},
			[]string{`two.md:1:1: {numref} "intro" (one of 3): a heading of a chapter the manifest does not number (numbered: true); the heading's text is printed where its number would be`}},
		{"a math directive's label: its number", "By {eq}`eq-a`.\n", []string{"one#eq-a (1)"}, nil},
		{"a numbered equation's label: its number", "By {eq}`eq:c`, or {eq}`this one <eq:c>`.\n", []string{"one#eq-c (2)", "one#eq-c this one"}, nil},
		{"a theorem's and an exercise's label: their word and number", "By {prf:ref}`thm-t`, {ref}`ex-e` and {ref}`that <ex-e>`.\n", []string{"one#thm-t Theorem\u00a01", "one#ex-e Exercise\u00a01", "one#ex-e that"}, nil},
		{"a table's name, its caption shown", "See {ref}`commands`.\n", []string{"one#commands The commands"}, nil},
		{"a page, its title shown", "Read {doc}`one`.\n", []string{"one# T"}, nil},
		{"a link without text to a label: a figure's or table's word and number, a heading's title", "[](#fig-p), [](commands), [](#intro) and {ref}`intro`.\n", []string{"one#fig-p Figure\u00a01", "one#commands Table\u00a01", "one#intro Introduction", "one#intro Introduction"}, nil},
		{"a link whose address is a label, in a book using MyST's roles", "[Back](intro) and [up](#intro), {ref}`intro`.\n", []string{"one#intro Back", "one#intro up", "one#intro Introduction"}, nil},
		{"a label in the chapter itself", "(here)=\n## Here\n\nSee {ref}`here`.\n", []string{"two#here Here"}, nil},
		{"no such label: its text, with a warning", "See {ref}`nowhere` and {doc}`gone`.\n", nil,
			[]string{`two.md:1:5: {ref} "nowhere": no (label)=, :name: or :label: of that name in the book; printed as text`,
				`two.md:1:24: {doc} "gone.md": gone.md is not a chapter of the book; printed as text`}},
		{"d2lbook's form named as written", "See :numref:`nowhere` and :eqref:`eq_gone`.\n", nil,
			[]string{"two.md:1:5: :numref:`nowhere`: no (label)=, :name: or :label: of that name in the book; printed as text",
				"two.md:1:27: :eqref:`eq_gone`: no (label)=, :name: or :label: of that name in the book; printed as text"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			book, warns := resolveTitled(t, one, tc.src)
			if len(warns) == 0 || warns[0].Code != "myst.code-cell" {
				t.Fatalf("first warning %v, want one.md's code cell's", warns)
			}
			checkWarnings(t, warns[1:], tc.warnings...)
			var got []string
			doc.Walk(book.Entries[1].Blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
				if l, ok := in.(*doc.Link); ok {
					got = append(got, l.Entry+"#"+l.Anchor+" "+doc.PlainText(l.Content))
				}
				return true
			}})
			if strings.Join(got, " | ") != strings.Join(tc.want, " | ") {
				t.Errorf("links %q, want %q", got, tc.want)
			}
		})
	}
}

// TestMystRefTitles: a reference that shows its target's caption reads
// in its sentence as the caption does in print: without the caption's
// full stop, which the sentence has ("see A picture." not "picture.."),
// and with a work the caption cites as the citation prints it, not as it
// was written; where a note holds the citation, without its marker.
func TestMystRefTitles(t *testing.T) {
	const figures = "# One\n\n![Identify a wake word.](w.png)\n:label:`fig_wake`\n\n" +
		"![Taken from :citet:`serge1963`: a memoir.](m.png)\n:label:`fig_memoir`\n\n" +
		"![A plain one [@avrich1970].](p.png)\n:label:`fig_plain`\n\n" +
		"![Why not?](q.png)\n:label:`fig_why`\n\n![And so on...](s.png)\n:label:`fig_etc`\n\n"
	for _, tc := range []struct {
		style, src, want string
	}{
		{"chicago", "See :numref:`fig_wake`. Then :numref:`fig_why`, :numref:`fig_etc`\n",
			"See Identify a wake word. Then Why not?, And so on…"},
		{"chicago", "See :numref:`fig_memoir` and :numref:`fig_plain`.\n",
			"See Taken from Serge: a memoir and A plain one."},
		{"chicago-author-date", "See :numref:`fig_memoir` and :numref:`fig_plain`.\n",
			"See Taken from Serge (1963): a memoir and A plain one (Avrich 1970)."},
	} {
		book, warns, err := citedBook(t, tc.style, true, figures+tc.src)
		if err != nil || len(warns) > 0 {
			t.Fatal(err, warns)
		}
		blocks := book.Entries[0].Blocks
		got := doc.PlainText(doc.BlockInlines(blocks[len(blocks)-1])[0])
		if got != tc.want {
			t.Errorf("%s: %q\n got %q\nwant %q", tc.style, tc.src, got, tc.want)
		}
	}
}

// TestMystGolden: two chapters written as a Jupyter Book's lectures,
// parsed and resolved: their boxes, figure, code cells and references
// across chapters, as the tree both outputs are made from.
func TestMystGolden(t *testing.T) {
	const one = "---\ntitle: Growth\nkernelspec:\n  name: python3\n---\n\n(growth)=\n# Growth\n\n" +
		"```{epigraph}\nA quotation.\n```\n\n:::{note} Before you start\n:class: tight\nRead {doc}`two` first.\n:::\n\n" +
		"```{figure} /_static/plot.png\n:name: fig-plot\n:width: 80%\n\nOutput per *worker*.\n```\n\n" +
		"```{math}\n:label: eq-k\nk_{t+1} = s f(k_t)\n```\n\n+++\n\n```{code-cell} ipython3\nimport numpy as np\n```\n"
	const two = "(ex)=\n# Exercises\n\n```{exercise}\n:label: ex-1\nUse {eq}`eq-k` and {numref}`Figure %s <fig-plot>` of {ref}`growth`.\n```\n\n" +
		"```{solution-start} ex-1\n:class: dropdown\n```\nSee [the exercise](ex-1).\n```{solution-end}\n```\n"
	resolvedGolden(t, "myst.golden", false, one, two)
}

// TestIntersphinx: a {doc} reference into another project leads to its
// page on the site markdown.intersphinx gives the project, as Sphinx
// names the page, and mystmd's xref: link as mystmd names it; one into a
// project not mapped is printed as its text with a warning.
func TestIntersphinx(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // links' addresses and texts
		warnings  []string
	}{
		{"a mapped project's page, its name shown", "See {doc}`intro:ar1_processes`.\n", []string{"https://intro.quantecon.org/ar1_processes.html ar1_processes"}, nil},
		{"text given; a page in a folder", "See {doc}`AR(1) <intro:sub/ar1>`.\n", []string{"https://intro.quantecon.org/sub/ar1.html AR(1)"}, nil},
		{"mystmd's xref: a page, a label on a page, an autolink; a project not mapped stays", "[](xref:intro/ar1), [the label](xref:intro/sub/page#lab), <xref:intro/ar1#x> and [y](xref:jax/p).\n",
			[]string{"https://intro.quantecon.org/ar1 ar1", "https://intro.quantecon.org/sub/page#lab the label", "https://intro.quantecon.org/ar1#x x", "xref:jax/p y"}, nil},
		{"mystmd's xref: to a label alone, whose page is not known", "See [that](xref:intro#lab).\n", nil,
			[]string{`one.md:1:5: link "xref:intro#lab": a label of intro's, whose page only that project's inventory names; printed as text`}},
		{"a project not mapped", "See {doc}`jax:intro`.\n", nil,
			[]string{`one.md:1:5: {doc} "jax:intro.md": jax:intro.md is not a chapter of the book; printed as text`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ch, err := markdown.Parse([]byte(tc.src), "one.md")
			if err != nil {
				t.Fatal(err)
			}
			book := &doc.Book{Meta: doc.Meta{Language: "en"}, Entries: []*doc.Entry{{File: "one.md", Title: []doc.Inline{&doc.Text{Text: "T"}}, Blocks: ch.Blocks, Digest: fakeDigest("one.md")}}}
			warns, err := Resolve(book, Input{Options: Options{Intersphinx: map[string]string{"intro": "https://intro.quantecon.org/"}}})
			if err != nil {
				t.Fatal(err)
			}
			checkWarnings(t, warns, tc.warnings...)
			var got []string
			doc.Walk(book.Entries[0].Blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
				if l, ok := in.(*doc.Link); ok {
					got = append(got, l.URL+" "+doc.PlainText(l.Content))
				}
				return true
			}})
			if strings.Join(got, " | ") != strings.Join(tc.want, " | ") {
				t.Errorf("links %q, want %q", got, tc.want)
			}
		})
	}
}
