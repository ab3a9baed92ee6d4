package notes

import (
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
)

// resolveRmd parses and resolves chapters as the R Markdown files
// one.Rmd, two.Rmd…
func resolveRmd(t *testing.T, chapters ...string) (*doc.Book, []diag.Diagnostic) {
	t.Helper()
	return resolveTitledAs(t, ".Rmd", chapters...)
}

// bookdownChapter is a bookdown chapter labelling an item of each kind.
const bookdownChapter = "# Components {#components}\n\n## Figures {#figures}\n\n" +
	"(ref:cars) A *scatterplot*.\n\n```{r cars, echo=FALSE, fig.cap='(ref:cars)'}\nplot(cars)\n```\n\n" +
	"```{r mtcars, echo=FALSE}\nknitr::kable(mtcars, caption = 'Cars.')\n```\n\n" +
	"\\begin{equation}\nf(k) = p^k (\\#eq:binom)\n\\end{equation}\n\n" +
	"::: {.theorem #pyth name=\"Pythagorean theorem\"}\nFor a right triangle.\n:::\n\n" +
	"::: {.proof}\nObvious.\n:::\n\n" +
	"```{lemma chf}\nA lemma.\n```\n\n" +
	"::: {.theorem #second}\nAnother.\n:::\n\n## Markdown syntax\n"

// TestBookdownRefs: \@ref(label) prints the number of the item it names,
// numbered by chapter as bookdown numbers it, or a heading's text, as a
// link; a label no item has is printed as written with a warning.
func TestBookdownRefs(t *testing.T) {
	tests := []struct {
		name, src string
		want      string
		warnings  []string
	}{
		{"figure", "Figure \\@ref(fig:cars).", "Figure [1.1→two#fig-cars].", nil},
		{"table", "Table \\@ref(tab:mtcars).", "Table [1.1→two#tab-mtcars].", nil},
		{"equation", "Equation \\@ref(eq:binom).", "Equation [1.1→two#eq-binom].", nil},
		{"theorems", "Theorem \\@ref(thm:pyth), Lemma \\@ref(lem:chf), Theorem \\@ref(thm:second).",
			"Theorem [1.1→two#thm-pyth], Lemma [1.1→two#lem-chf], Theorem [1.2→two#thm-second].", nil},
		{"a heading with an ID, and one without", "Chapter \\@ref(components), Section \\@ref(markdown-syntax).",
			"Chapter [Components→two#components], Section [Markdown syntax→two#markdown-syntax].", nil},
		{"no such label", "See \\@ref(fig:none) and \\@ref(thm:cars).", "See \\@ref(fig:none) and \\@ref(thm:cars).", []string{
			`one.Rmd:3: \@ref(fig:none): no figure, table, equation, theorem or heading of the book is labelled fig:none; printed as written`,
			`one.Rmd:3: \@ref(thm:cars): no figure, table, equation, theorem or heading of the book is labelled thm:cars; printed as written`}},
		{"inside a link, its text", "[Figure \\@ref(fig:cars)](https://example.org)", "[Figure 1.1→#]", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			book, warns := resolveRmd(t, "# Preface {-}\n\n"+tc.src+"\n", bookdownChapter)
			var kept []diag.Diagnostic
			for _, w := range warns {
				if w.Code == "bookdown.ref" {
					kept = append(kept, w)
				}
			}
			checkWarnings(t, kept, tc.warnings...)
			var got string
			for _, b := range book.Entries[0].Blocks {
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

// TestBookdownNumbers: in R Markdown, items are numbered by chapter, the
// unnumbered chapters ({-}) and parts not counted, the appendices
// lettered; theorems' heads say their word and number, a proof's its word.
func TestBookdownNumbers(t *testing.T) {
	book, _ := resolveRmd(t, "# Preface {-}\n\n::: {.theorem}\nIn the preface.\n:::\n",
		bookdownChapter,
		"# (PART) Part I {-}\n\n# Third\n\n::: {.corollary}\nC.\n:::\n\n# Fourth\n\n::: {.corollary}\nD.\n:::\n",
		"# (APPENDIX) Appendix {-}\n\n# More\n\n::: {.example}\nE.\n:::\n\n![A picture](p.png){#fig:app}\n")
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
	want := []string{"Theorem\u00a01. In the preface.",
		"Figure\u00a01.1: A scatterplot.", "Table\u00a01.1: Cars.", "f(k) = p^k (1.1)",
		"Theorem\u00a01.1 (Pythagorean theorem). For a right triangle.", "Proof. Obvious.\u00a0\u25a1", "Lemma\u00a01.1. A lemma.", "Theorem\u00a01.2. Another.",
		"Corollary\u00a02.1. C.", "Corollary\u00a03.1. D.",
		"Example\u00a0A.1. E.", "Figure\u00a0A.1: A picture"}
	if strings.Join(got, " | ") != strings.Join(want, " | ") {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}
