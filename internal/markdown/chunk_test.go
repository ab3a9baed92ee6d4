package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestCodeChunks: Quarto's and knitr's code chunks print as code in their
// engine's language without their option lines, nothing when hidden, and
// a labelled figure or table as a numbered placeholder (or the picture
// Quarto left, or the one include_graphics names), with one warning for
// the chapter.
func TestCodeChunks(t *testing.T) {
	const notRun = "ch.qmd:1: code chunk%s not run: printed as its code without its output; a figure it labels shows the picture Quarto left, else a placeholder [chunk.not-run]"
	warn := func(more string) []string { return []string{strings.Replace(notRun, "%s", more, 1)} }
	vault := NewVault(func() []string {
		return []string{"ch_files/figure-html/fig-done-1.png", "_freeze/ch/figure-html/fig-frozen-1.png"}
	})
	tests := []mkdocsCase{
		{"python chunk", "```{python}\nprint(1)\n```\n", "code lang=\"python\"\n  | print(1)\n", warn("")},
		{"option lines left out", "```{python}\n#| echo: true\n#| code-fold: true\nx = 1\n```\n\n```{r}\ny <- 2\n```\n",
			"code lang=\"python\"\n  | x = 1\ncode lang=\"r\"\n  | y <- 2\n", warn(" (and 1 more)")},
		{"echo false", "```{r}\n#| echo: false\nsummary(x)\n```\n", "", warn("")},
		{"knitr's echo=FALSE", "```{r setup, echo=FALSE}\nlibrary(x)\n```\n", "", warn("")},
		{"include false", "```{r, include=F}\nlibrary(x)\n```\n", "", warn("")},
		{"figure not rendered: a placeholder", "```{python}\n#| label: fig-growth\n#| fig-cap: \"Growth by *year*\"\nplot()\n```\n",
			"code lang=\"python\"\n  | plot()\nfigure #fig-growth\n  image src=\"\" alt=\"Placeholder for the figure that code chunk fig-growth draws, which was not run\" asset= image/svg+xml at=1\n  caption\n    span .crossref-label kind=\"fig\"\n      text \"fig ??\"\n    text \"Growth by \"\n    emph\n      text \"year\"\n",
			warn("")},
		{"figure Quarto rendered", "```{r}\n#| label: fig-done\n#| echo: false\n#| fig-cap: Done\nplot()\n```\n",
			"figure #fig-done\n  image src=\"ch_files/figure-html/fig-done-1.png\" alt=\"Done\" at=1\n  caption\n    span .crossref-label kind=\"fig\"\n      text \"fig ??\"\n    text \"Done\"\n", warn("")},
		{"figure frozen", "```{r}\n#| label: fig-frozen\n#| echo: false\n#| fig-alt: A line\nplot()\n```\n",
			"figure #fig-frozen\n  image src=\"_freeze/ch/figure-html/fig-frozen-1.png\" alt=\"A line\" at=1\n  caption\n    span .crossref-label kind=\"fig\"\n      text \"fig ??\"\n", warn("")},
		{"knitr's header caption, unnumbered", "```{r cars, echo=FALSE, fig.cap=\"Speed, distance\"}\nplot(cars)\n```\n",
			"figure\n  image src=\"\" alt=\"Placeholder for the figure that code chunk cars draws, which was not run\" asset= image/svg+xml at=1\n  caption\n    text \"Speed, distance\"\n", warn("")},
		{"include_graphics", "```{r}\n#| label: fig-cycle\n#| echo: false\n#| fig-cap: The cycle\nknitr::include_graphics(\"diagrams/cycle.png\", dpi = 270)\n```\n",
			"figure #fig-cycle\n  image src=\"diagrams/cycle.png\" alt=\"The cycle\" at=1\n  caption\n    span .crossref-label kind=\"fig\"\n      text \"fig ??\"\n    text \"The cycle\"\n", warn("")},
		{"table placeholder", "```{r}\n#| label: tbl-sum\n#| tbl-cap: Summary\n#| echo: false\nknitr::kable(x)\n```\n",
			"table align=default #tbl-sum\n  caption\n    span .crossref-label kind=\"tbl\"\n      text \"tbl ??\"\n    text \"Summary\"\n  header\n  row\n    cell\n      emph\n        text \"Table printed by code chunk \\\"tbl-sum\\\", which was not run\"\n", warn("")},
		{"eval false prints the code alone", "```{r}\n#| label: fig-no\n#| eval: false\nplot()\n```\n", "code lang=\"r\"\n  | plot()\n", warn("")},
		{"a chunk shown as written", "```{{python}}\n1 + 1\n```\n", "code lang=\"python\"\n  | ```{python}\n  | 1 + 1\n  | ```\n", nil},
		{"knitr's chunk shown as written", "`r ''````{r foo, fig.cap='(ref:foo)'}\nplot(x)\n```\n\nAfter.\n",
			"code lang=\"r\"\n  | ```{r foo, fig.cap='(ref:foo)'}\n  | plot(x)\n  | ```\npara\n  text \"After.\"\n", nil},
		{"options not YAML", "```{r}\n#| label: [x\nx\n```\n", "code lang=\"r\"\n  | x\n",
			[]string{strings.Replace(notRun, "%s", "", 1), "ch.qmd:1: code chunk's option lines (#| key: value) are not YAML (line 1: did not find expected ',' or ']'); left out [chunk.options]"}},
		{"pandoc's class is no chunk", "```{.python}\nx\n```\n", "code lang=\"python\"\n  | x\n", nil},
	}
	runCases(t, NewWith(Options{Vault: vault}), "ch.qmd", tests)
}

// TestBookdownFigure: in R Markdown a captioned chunk is a figure
// numbered as bookdown numbers it, labelled fig:label.
func TestBookdownFigure(t *testing.T) {
	ch, err := Parse([]byte("```{r cars-plot, fig.cap='Cars.'}\nplot(cars)\n```\n"), "ch.Rmd")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	doc.DumpBlocks(&b, ch.Blocks)
	want := "code lang=\"r\"\n  | plot(cars)\nfigure #fig:cars-plot\n  image src=\"\" alt=\"Placeholder for the figure that code chunk cars-plot draws, which was not run\" asset= image/svg+xml at=1\n  caption\n    span .crossref-label kind=\"fig\"\n      text \"fig ??\"\n    text \"Cars.\"\n"
	if got := b.String(); got != want {
		t.Errorf("tree:\n%s\nwant:\n%s", got, want)
	}
}

// TestChunkHeader: knitr's header options, its label and R's values.
func TestChunkHeader(t *testing.T) {
	for _, tc := range []struct{ info, want string }{
		{"{r}", "r map[]"},
		{"{r label, echo=FALSE, fig.cap=\"A, b\"}", "r map[echo:false fig-cap:A, b label:label]"},
		{"{r label echo=FALSE}", "r map[echo:false label:label]"},
		{"{r, fig.dim=c(6, 4), out.width='50%'}", "r map[fig-dim:c(6, 4) out-width:50%]"},
		{"{python}", "python map[]"},
		{"{.python}", "no"},
		{"{=html}", "no"},
		{"python", "no"},
		{"{r-x}", "r-x map[]"},
	} {
		ch, ok := chunkHeader(tc.info)
		got := "no"
		if ok {
			got = ch.engine + " " + fmtMap(ch.opts)
		}
		if got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.info, got, tc.want)
		}
	}
}

func fmtMap(m map[string]string) string {
	var b strings.Builder
	b.WriteString("map[")
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			if keys[j] < keys[i] {
				keys[i], keys[j] = keys[j], keys[i]
			}
		}
	}
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(k + ":" + m[k])
	}
	b.WriteString("]")
	return b.String()
}

// chunkSeeds are FuzzParse's seeds of code chunks.
var chunkSeeds = []string{
	"```{python}\n#| label: fig-a\n#| fig-cap: \"A *b*\"\nplot()\n```\n\nSee @fig-a.\n",
	"```{r x, echo=FALSE, fig.cap='c', fig.dim=c(6, 4)}\nknitr::include_graphics(\"a.png\")\n```\n",
	"```{r}\n#| label: tbl-x\n#| tbl-cap:\n#|   - one\n#|   - two\nkable(x)\n```\n",
	"```{{r}}\n#| echo: false\n```\n",
	"- ```{r}\n  #| label: [\n  ```\n",
	"```{ojs}\n//| echo: false\nx\n```\n",
	"`r ''````{r}\nx\n```\n   `r ''````{r}}\n`r ''````\n",
	"A {{< pagebreak >}} {{< kbd mac=a win=b >}} {{< meta a.b >}} {{{< var x >}}} {{{< y",
}
