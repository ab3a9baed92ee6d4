package build

import (
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/validate"
)

var quartoChunks sharedBook

// quartoChunkBook is a Quarto book whose chapter, in a folder, includes
// a shared file and has code chunks: a figure Quarto froze at the
// project's root, one it did not render, a table made by code and a
// hidden setup chunk.
func quartoChunkBook(t *testing.T) *sharedBook {
	return quartoChunks.get(t, func(dir string) (string, Options, error) {
		return dir, Options{}, writeFiles(dir, map[string]string{
			"manifest.yaml": "title: Chunks\nlanguage: en\nchapters:\n  - file: docs/ch.qmd\n",
			"docs/ch.qmd": "---\ntitle: Chunks\n---\n\n# Chunks\n\n{{< include _shared.qmd >}}\n\nSee @fig-frozen, @fig-plot and @tbl-sum.\n\n" +
				"```{r setup, include=FALSE}\nlibrary(x)\n```\n\n" +
				"```{r}\n#| label: fig-frozen\n#| echo: false\n#| fig-cap: Frozen\n#| fig-alt: A grey square\nplot(x)\n```\n\n" +
				"```{python}\n#| label: fig-plot\n#| fig-cap: Not rendered\nplt.plot(x)\n```\n\n" +
				"```{r}\n#| label: tbl-sum\n#| tbl-cap: Summary\nknitr::kable(x)\n```\n",
			"docs/_shared.qmd": "---\ntitle: Ignored\n---\nShared **text**.\n",
			"_freeze/docs/ch/figure-html/fig-frozen-1.png": tinyPNG(t),
		})
	})
}

// TestQuartoChunks: the chunks print as code, the frozen figure shows
// its picture, the other a placeholder, each numbered with the table,
// and the references resolve; one warning says the chunks were not run.
func TestQuartoChunks(t *testing.T) {
	t.Parallel()
	b := quartoChunkBook(t)
	if b.err != nil {
		t.Fatal(b.err)
	}
	want := "docs/ch.qmd:11: code chunk (and 3 more) not run: printed as its code without its output; a figure it labels shows the picture Quarto left, else a placeholder"
	if got := strings.TrimSpace(b.stderr); !strings.HasSuffix(got, want) || strings.Count(got, "\n") != 0 {
		t.Errorf("warnings:\n%s\nwant only one ending %q", got, want)
	}
	ch := epubMember(t, b.path("chunks.epub"), "EPUB/xhtml/ch.xhtml")
	for _, want := range []string{
		"Shared <strong>text</strong>.",
		`<a href="#fig-frozen">Figure` + "\u00a0" + `1</a></span>, <span class="crossref"><a href="#fig-plot">Figure` + "\u00a0" + `2</a></span> and <span class="crossref"><a href="#tbl-sum">Table` + "\u00a0" + `1</a>`,
		`alt="A grey square"`,
		`alt="Placeholder for the figure that code chunk fig-plot draws, which was not run"`,
		"plt.plot(x)",
	} {
		if !strings.Contains(ch, want) {
			t.Errorf("ch.xhtml lacks %s in\n%s", want, ch)
		}
	}
	for _, not := range []string{"library(x)", "#|", "plot(x)\n"} {
		if strings.Contains(ch, not) {
			t.Errorf("ch.xhtml holds %q", not)
		}
	}
	text := validate.PDFText(t, b.path("chunks.pdf"))
	for _, want := range []string{"Figure 1: Frozen", "Figure 2: Not rendered", "Table 1: Summary", "Figure drawn by code chunk"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
}
