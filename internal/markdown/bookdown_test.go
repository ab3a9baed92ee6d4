package markdown

import "testing"

// TestBookdown: bookdown's references, text references, theorem
// environments (fenced divs and chunks), numbered equations, kable()'s
// tables, special headings and inline R code, in an .Rmd chapter.
func TestBookdown(t *testing.T) {
	tests := []mkdocsCase{
		{"reference", "See Figure \\@ref(fig:cars) and \\@ref(intro).\n",
			"para\n  text \"See Figure \"\n  span .bookdown-ref label=\"fig:cars\" line=\"1\"\n    text \"\\\\@ref(fig:cars)\"\n  text \" and \"\n  span .bookdown-ref label=\"intro\" line=\"1\"\n    text \"\\\\@ref(intro)\"\n  text \".\"\n",
			nil},
		{"reference in code is code", "Write `\\@ref(fig:x)`, or \\@ref(not a label).\n",
			"para\n  text \"Write \"\n  code \"\\\\@ref(fig:x)\"\n  text \", or @ref(not a label).\"\n",
			nil},
		{"text reference", "(ref:foo) A *scatterplot*.\n\n```{r foo, echo=FALSE, fig.cap='(ref:foo)'}\nplot(cars)\n```\n\nAgain (ref:foo) and (ref:none).\n",
			"figure #fig:foo\n  image src=\"\" alt=\"Placeholder for the figure that code chunk foo draws, which was not run\" asset= image/svg+xml at=3\n  caption\n    span .crossref-label kind=\"fig\"\n      text \"fig ??\"\n    text \"A \"\n    emph\n      text \"scatterplot\"\n    text \".\"\npara\n  text \"Again A \"\n  emph\n    text \"scatterplot\"\n  text \". and (ref:none).\"\n",
			[]string{"ch.Rmd:3: code chunk not run: printed as its code without its output; a figure it labels shows the picture Quarto left, else a placeholder [chunk.not-run]", "ch.Rmd:7: no text reference (ref:none) is defined in the chapter; printed as written [bookdown.text-ref]"}},
		{"text reference defined twice", "(ref:a) One.\n\n(ref:a) Two.\n\nSee (ref:a)\n",
			"para\n  text \"See Two.\"\n",
			[]string{"ch.Rmd:3: text reference (ref:a) is defined again; the later text is used [bookdown.text-ref]"}},
		{"text reference naming itself", "(ref:a) *(ref:a)* and (ref:b).\n\n(ref:b) B.\n\nSee (ref:a)\n",
			"para\n  text \"See \"\n  emph\n    text \"(ref:a)\"\n  text \" and (ref:b).\"\n",
			nil},
		{"theorem div", "::: {.theorem #pyth name=\"Pythagorean theorem\"}\nFor a right *triangle*.\n\n$$a^2 + b^2 = c^2$$\n:::\n",
			"div #thm:pyth .theorem-env .theorem\n  para\n    strong\n      span .crossref-label kind=\"thm\"\n        text \"thm ??\"\n      text \" (Pythagorean theorem).\"\n    text \" For a right \"\n    emph\n      text \"triangle\"\n    text \".\"\n  para align=center\n    display math \"a^2 + b^2 = c^2\"\n",
			nil},
		{"theorem opening with display math", "::: {.definition}\n$$x = 1$$\n:::\n",
			"div .theorem-env .definition\n  para\n    strong\n      span .crossref-label kind=\"def\"\n        text \"def ??\"\n      text \".\"\n  para align=center\n    display math \"x = 1\"\n",
			nil},
		{"proof div", "::: {.proof}\nBy induction.\n:::\n",
			"div .theorem-env .proof\n  para\n    emph\n      span .crossref-label kind=\"proof\"\n        text \"proof ??\"\n      text \".\"\n    text \" By induction.\\u00a0\"\n    span .qed\n      text \"□\"\n",
			nil},
		{"proof ending in a list", "::: {.proof name=\"Sketch\"}\nTwo steps:\n\n- one\n- two\n:::\n",
			"div .theorem-env .proof\n  para\n    emph\n      span .crossref-label kind=\"proof\"\n        text \"proof ??\"\n      text \" (Sketch).\"\n    text \" Two steps:\"\n  list bullet tight\n    item\n      para\n        text \"one\"\n    item\n      para\n        text \"two\"\n  para align=right\n    span .qed\n      text \"□\"\n",
			nil},
		{"theorem chunk", "```{lemma chf-pdf, name=\"Uniqueness\"}\nFor any two *random* variables.\n```\n",
			"div #lem:chf-pdf .theorem-env .lemma\n  para\n    strong\n      span .crossref-label kind=\"lem\"\n        text \"lem ??\"\n      text \" (Uniqueness).\"\n    text \" For any two \"\n    emph\n      text \"random\"\n    text \" variables.\"\n",
			nil},
		{"theorem chunk label option", "```{exercise, label=\"sum\"}\nAdd \\@ref(thm:pyth).\n```\n",
			"div #exr:sum .theorem-env .exercise\n  para\n    strong\n      span .crossref-label kind=\"exr\"\n        text \"exr ??\"\n      text \".\"\n    text \" Add \"\n    span .bookdown-ref label=\"thm:pyth\" line=\"2\"\n      text \"\\\\@ref(thm:pyth)\"\n    text \".\"\n",
			nil},
		{"other div stays a div", "::: {.rmdnote}\nA note.\n:::\n",
			"div .rmdnote tags=rmdnote\n  para\n    text \"A note.\"\n",
			nil},
		{"equation", "\\begin{equation}\nf(k) = \\binom{n}{k} p^k (\\#eq:binom)\n\\end{equation}\n",
			"para #eq:binom .equation align=center\n  display math \"f(k) = \\\\binom{n}{k} p^k\"\n  text \" \"\n  span .crossref-label kind=\"eq\"\n    text \"eq ??\"\n",
			nil},
		{"display math equation", "$$a^2 + b^2 = c^2 (\\#eq:pyth)$$\n",
			"para #eq:pyth .equation align=center\n  display math \"a^2 + b^2 = c^2\"\n  text \" \"\n  span .crossref-label kind=\"eq\"\n    text \"eq ??\"\n",
			nil},
		{"an environment inside $$ is the display's, not a block of its own", "$$\n\\begin{align} a &= b \\label{eq:ab}\n\\end{align}\n$$\n",
			"para #eq:ab .equation align=center\n  display math \"\\\\begin{align} a &= b \\\\label{eq:ab}\\n\\\\end{align}\"\n  text \" \"\n  span .crossref-label kind=\"eq\"\n    text \"eq ??\"\n",
			nil},
		{"LaTeX's label, after a line of text", "So:\n\n\\begin{equation}\nx = 1 \\label{eq:x}\n\\end{equation}\n",
			"para\n  text \"So:\"\npara #eq:x .equation align=center\n  display math \"x = 1\"\n  text \" \"\n  span .crossref-label kind=\"eq\"\n    text \"eq ??\"\n",
			nil},
		{"equation without label", "\\begin{equation*}\nx = 1\n\\end{equation*}\n",
			"para align=center\n  display math \"x = 1\"\n",
			nil},
		{"kable table", "```{r mtcars, echo=FALSE}\nknitr::kable(head(mtcars), caption = 'The first *rows*.', booktabs = TRUE)\n```\n",
			"table align=default #tab:mtcars\n  caption\n    span .crossref-label kind=\"tbl\"\n      text \"tbl ??\"\n    text \"The first \"\n    emph\n      text \"rows\"\n    text \".\"\n  header\n  row\n    cell\n      emph\n        text \"Table printed by code chunk \\\"tab:mtcars\\\", which was not run\"\n",
			[]string{"ch.Rmd:1: code chunk not run: printed as its code without its output; a figure it labels shows the picture Quarto left, else a placeholder [chunk.not-run]"}},
		{"Markdown table labelled", "| A |\n|---|\n| 1 |\n\nTable: (\\#tab:one) The *first*.\n",
			"table align=default #tab:one\n  caption\n    span .crossref-label kind=\"tbl\"\n      text \"tbl ??\"\n    text \"The \"\n    emph\n      text \"first\"\n    text \".\"\n  header\n    cell\n      text \"A\"\n  row\n    cell\n      text \"1\"\n",
			nil},
		{"caption right under a pipe table", "| A |\n|---|\n| 1 |\n| 2 |\nTable: (\\#tab:two) Two.\n",
			"table align=default #tab:two\n  caption\n    span .crossref-label kind=\"tbl\"\n      text \"tbl ??\"\n    text \"Two.\"\n  header\n    cell\n      text \"A\"\n  row\n    cell\n      text \"1\"\n  row\n    cell\n      text \"2\"\n",
			nil},
		{"part and appendix", "# (PART) Part I {-}\n\n# Chapter One\n\n# (APPENDIX) Appendix {-}\n",
			"heading 1 #part-i .unnumbered .part\n  text \"Part I\"\nheading 1 #chapter-one\n  text \"Chapter One\"\nheading 1 #appendix .unnumbered .appendix\n  text \"Appendix\"\n",
			nil},
		{"unnumbered part", "# (PART\\*) Part II {-}\n", "heading 1 #part-ii .unnumbered .part\n  text \"Part II\"\n", nil},
		{"inline r in a theorem chunk, one warning", "`r 1`\n\n```{remark}\nIt is `r 2`.\n```\n",
			"para\n  code \"r 1\"\n" + "div .theorem-env .remark\n  para\n    emph\n      span .crossref-label kind=\"remark\"\n        text \"remark ??\"\n      text \".\"\n    text \" It is \"\n    code \"r 2\"\n    text \".\"\n",
			[]string{"ch.Rmd:1:1: inline R code `r …` (and 1 more) not run: printed as code [chunk.inline-r]"}},
		{"inline r first in a theorem chunk", "```{remark}\nIt is `r 2`.\n```\n\n`r 1`\n",
			"div .theorem-env .remark\n  para\n    emph\n      span .crossref-label kind=\"remark\"\n        text \"remark ??\"\n      text \".\"\n    text \" It is \"\n    code \"r 2\"\n    text \".\"\n" + "para\n  code \"r 1\"\n",
			[]string{"ch.Rmd:2: inline R code `r …` (and 1 more) not run: printed as code [chunk.inline-r]"}},
		{"inline r", "There are `r nrow(x)` rows and `r 2` more.\n",
			"para\n  text \"There are \"\n  code \"r nrow(x)\"\n  text \" rows and \"\n  code \"r 2\"\n  text \" more.\"\n",
			[]string{"ch.Rmd:1:11: inline R code `r …` (and 1 more) not run: printed as code [chunk.inline-r]"}},
	}
	runCases(t, New(), "ch.Rmd", tests)
}

// TestBookdownOnlyRmd: outside R Markdown, bookdown's syntax is what
// Markdown makes of it: a Quarto book's ::: {.example} is a div.
func TestBookdownOnlyRmd(t *testing.T) {
	tests := []mkdocsCase{
		{"reference", "See \\@ref(fig:cars).\n",
			"para\n  text \"See @ref(fig:cars).\"\n",
			nil},
		{"example div", "::: {.example}\nA div.\n:::\n",
			"div .example tags=example\n  para\n    text \"A div.\"\n",
			nil},
		{"text reference", "(ref:foo) Text.\n",
			"para\n  text \"(ref:foo) Text.\"\n",
			nil},
	}
	runCases(t, New(), "ch.qmd", tests)
}

// bookdownSeeds are FuzzParse's seeds of bookdown's extensions.
var bookdownSeeds = []string{
	"A\\index{x!y@\\texttt{y}|textbf} B\\index{z|see{x}}\\index{\\_a{b}} \\index{open\n",
	"See \\@ref(fig:a), \\@ref(thm:b and \\@ref().\n\n(ref:a) A *b*.\n\n```{r a, fig.cap='(ref:a)'}\nplot()\n```\n",
	"::: {.theorem #t name=\"N\"}\n::: {.proof}\n- x\n:::\n:::\n\n```{lemma l, name=\"M\"}\n(ref:z) y\n```\n",
	"\\begin{equation}\nx (\\#eq:a) (\\#eq:b)\n\\end{equation}\n\n$$ (\\#eq:c)$$\n\n# (PART) P {-}\n\n# (APPENDIX) A\n\n`r 1` `{r} 2`\n",
	"```{r t}\nkable(x, caption = \"a\\\"b\")\n```\n\n(ref:a)(ref:a)(ref:\n",
}
