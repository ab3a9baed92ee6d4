package build

import (
	"os"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
	"github.com/samizdat-press/samizdat/internal/validate"
)

var quarto sharedBook

// quartoBook is written as a Quarto book is: labelled figures, a table
// and an equation, references to them and to a section across chapters,
// one to a label no item has, and callouts.
func quartoBook(t *testing.T) *sharedBook {
	return quarto.get(t, func(dir string) (string, Options, error) {
		svg := `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200"><rect width="400" height="200" fill="#888"/></svg>`
		return dir, Options{}, writeFiles(dir, map[string]string{
			"manifest.yaml": "title: A Quarto Book\nlanguage: en\nchapters:\n  - file: intro.md\n  - file: results.md\n",
			"intro.md": "# Introduction {#sec-intro}\n\nAs @fig-chart shows, and [@tbl-values] lists, by @eq-growth; see @sec-results " +
				"and [@fig:map; @fig-chart], not @fig-nowhere.\n\n" +
				"::: {.callout-note}\nA note.\n:::\n\n::: {.callout-warning collapse=\"true\"}\n## Watch out\n\nShown closed.\n:::\n",
			"results.md": "# Results {#sec-results}\n\n![The chart of values](chart.svg){#fig-chart width=60%}\n\n" +
				"| A | B |\n|---|---|\n| 1 | 2 |\n\n: Values in a table {#tbl-values}\n\n$$ g = \\frac{\\Delta y}{y} $$ {#eq-growth}\n\n" +
				"![The map](map.svg){#fig:map}\n\nBack to @Sec-intro.\n",
			"chart.svg": svg,
			"map.svg":   svg,
		})
	})
}

// A Quarto book's figures, table and equation are numbered in both
// formats, the number part of the caption, and references to them are
// links printing their number; a reference to no label prints "??" with
// one warning.
func TestQuartoBook(t *testing.T) {
	t.Parallel()
	b := quartoBook(t)
	if b.err != nil {
		t.Fatal(b.err)
	}
	warning := `intro.md:3: @fig-nowhere: no figure of the book is labelled {#fig-nowhere}; printed "??"`
	if got := strings.TrimSpace(b.stderr); !strings.HasSuffix(got, warning) || strings.Count(got, "\n") != 0 {
		t.Errorf("warnings:\n%s\nwant only one ending %q", got, warning)
	}
	epub := b.path("a-quarto-book.epub")
	intro := epubMember(t, epub, "EPUB/xhtml/intro.xhtml")
	for _, want := range []string{
		`<a href="results.xhtml#fig-chart">Figure` + "\u00a0" + `1</a>`,
		`<a href="results.xhtml#tbl-values">Table` + "\u00a0" + `1</a>`,
		`<a href="results.xhtml#eq-growth">Equation` + "\u00a0" + `1</a>`,
		`<a href="results.xhtml#sec-results">Results</a>`,
		`<a href="results.xhtml#fig-map">fig.` + "\u00a0" + `2</a>, <a href="results.xhtml#fig-chart">Figure` + "\u00a0" + `1</a>`,
		`not <span class="crossref">??</span>.`,
		`<aside class="admonition note" role="note">`,
		`<details class="warning"><summary>Watch out</summary>`,
	} {
		if !strings.Contains(intro, want) {
			t.Errorf("intro.xhtml lacks %s in\n%s", want, intro)
		}
	}
	results := epubMember(t, epub, "EPUB/xhtml/results.xhtml")
	for _, want := range []string{
		`<figcaption><span class="crossref-label">Figure` + "\u00a0" + `1: </span>The chart of values</figcaption>`,
		`<caption><span class="crossref-label">Table` + "\u00a0" + `1: </span>Values in a table</caption>`,
		`<span class="crossref-label">(1)</span>`,
		`<figcaption><span class="crossref-label">Figure` + "\u00a0" + `2: </span>The map</figcaption>`,
		`<a href="intro.xhtml#sec-intro">Introduction</a>`,
	} {
		if !strings.Contains(results, want) {
			t.Errorf("results.xhtml lacks %s in\n%s", want, results)
		}
	}

	pdfPath := b.path("a-quarto-book.pdf")
	text := strings.Join(strings.Fields(validate.PDFText(t, pdfPath)), " ")
	for _, want := range []string{"As Figure 1 shows, and Table 1 lists, by Equation 1; see Results and fig. 2, Figure 1, not ??.",
		"Figure 1: The chart of values", "Table 1: Values in a table", "(1)", "Figure 2: The map", "Watch out", "Note"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "@") {
		t.Errorf("the PDF prints a reference as written:\n%s", text)
	}
	// the references are internal links in the PDF too
	data, err := os.ReadFile(pdfPath)
	if err != nil {
		t.Fatal(err)
	}
	f, err := pdffile.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	catalog, _ := f.Dict(f.Trailer["Root"])
	tree, _ := f.Dict(catalog["Pages"])
	kids, _ := f.Resolve(tree["Kids"]).(pdffile.Array)
	internal := 0
	for _, k := range kids {
		pg, _ := f.Dict(k)
		annots, _ := f.Resolve(pg["Annots"]).(pdffile.Array)
		for _, a := range annots {
			annot, _ := f.Dict(a)
			if _, ok := f.Resolve(annot["Dest"]).(pdffile.Array); ok {
				internal++
			}
		}
	}
	if internal < 7+2 {
		t.Errorf("%d internal links in the PDF, want at least the 7 references' and the contents' 2", internal)
	}
}
