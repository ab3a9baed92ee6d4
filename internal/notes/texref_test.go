package notes

import (
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/texmath"
)

// TestTexRefs: LaTeX's \eqref and \ref, in the text or as a formula of
// their own, print the number of the equation a \label names, in
// parentheses or bare, or its \tag, as links; a figure's number; and a
// label the book does not have prints "(??)" with a warning at its place.
func TestTexRefs(t *testing.T) {
	const one = "# One\n\n$$\n\\begin{equation}\nE = mc^2 \\label{eq:energy}\n\\end{equation}\n$$\n\n" +
		"$$ a = b \\label{eq:tagged} \\tag{A.1} $$\n\n$$ c = d $$ {#eq-quarto}\n\n![A plot.](p.png){#fig-plot}\n\n" +
		"```{math}\n:label: eq-myst\ne = f\n```\n\n```{math}\n:label: eq-myst-tag\ng = h \\tag{B}\n```\n"
	tests := []struct {
		name, src string
		want      string // the paragraph's text
		links     int
		warnings  []string
	}{
		{"in the text", "See \\eqref{eq:energy} and \\ref{eq:energy}.\n", "See (1) and 1.", 2, nil},
		{"a formula of its own", "See $\\eqref{eq:energy}$ and $\\ref{ eq:energy }$.\n", "See (1) and 1.", 2, nil},
		{"a tag", "See \\eqref{eq:tagged} and \\ref{eq:tagged}.\n", "See (A.1) and A.1.", 2, nil},
		{"Quarto's and MyST's equations, a figure", "\\eqref{eq-quarto}, \\eqref{eq-myst}, \\ref{fig-plot}.\n", "(2), (3), 1.", 3, nil},
		{"a MyST equation's tag, by {eq} and \\eqref", "{eq}`eq-myst-tag` and \\eqref{eq-myst-tag}.\n", "(B) and (B).", 2, nil},
		{"no such label", "See \\eqref{eq:none} and $\\ref{eq:gone}$.\n", "See (??) and ??.", 0,
			[]string{`two.md:1:5: \eqref{eq:none}: no equation or other target of that label in the book; printed as (??)`,
				`two.md:1:25: \ref{eq:gone}: no equation or other target of that label in the book; printed as ??`}},
		{"not a reference: a label of other characters, an empty one", "\\ref{a b} \\eqref{}\n", "\\ref{a b} \\eqref{}", 0, nil},
		{"a link to a label elsewhere stays as pandoc reads it", "[The energy](#eq:energy) by \\eqref{eq:energy}.\n", "The energy by (1).", 1,
			[]string{`two.md:1:1: link "#eq:energy": no heading "eq:energy" in two.md; printed as text`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			book, warns := resolveTitled(t, one, tc.src)
			checkWarnings(t, warns, tc.warnings...)
			for _, w := range warns {
				if w.Code != "math.ref" && w.Code != "link.dangling" {
					t.Errorf("%s: code %s, want math.ref", w, w.Code)
				}
			}
			blocks := book.Entries[1].Blocks
			last := blocks[len(blocks)-1].(*doc.Paragraph)
			if got := doc.PlainText(last.Content); got != tc.want {
				t.Errorf("%q, want %q", got, tc.want)
			}
			links := 0
			doc.Walk(blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
				if l, ok := in.(*doc.Link); ok && l.Entry == "one" {
					links++
				}
				return true
			}})
			if links != tc.links {
				t.Errorf("%d links into one.md, want %d", links, tc.links)
			}
		})
	}
}

// TestTexRefsInFormulas: a reference inside a larger formula prints the
// number of what it names, as text of the formula; one naming nothing,
// or nothing numbered, keeps "(??)" with a warning.
func TestTexRefsInFormulas(t *testing.T) {
	const one = "# One\n\n$$ E = mc^2 \\label{eq:energy} $$\n\n$$ a = b \\label{eq:tagged} \\tag{A.1} $$\n\n![A plot.](p.png){#fig-plot}\n\n(plain)=\n## Plain\n"
	book, warns := resolveTitled(t, one, "By $x = \\eqref{eq:energy} = \\ref{eq:tagged} = \\ref{fig-plot}$.\n\n$$ y \\text{ by } \\eqref{eq:none} \\text{ and } \\ref{plain} $$\n")
	checkWarnings(t, warns,
		`two.md:3: \eqref{eq:none} in a formula: no equation or other target of that label in the book; printed as (??)`,
		`two.md:3: \ref{plain} in a formula: plain has no number; printed as ??`)
	var got []string
	doc.Walk(book.Entries[1].Blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
		if m, ok := in.(*doc.Math); ok {
			eachRef(m.Tree, func(n *texmath.Node) { got = append(got, n.Ref+" "+n.Text) })
		}
		return true
	}})
	want := []string{"eq:energy (1)", "eq:tagged A.1", "fig-plot 1", "eq:none (??)", "plain ??"}
	if strings.Join(got, " | ") != strings.Join(want, " | ") {
		t.Errorf("references %q, want %q", got, want)
	}
}
