package markdown

import (
	"strings"
	"testing"
)

// TestMyst: MyST's directives become the boxes, figures and code blocks a
// Jupyter Book shows, its roles their inlines and references, its (label)=
// lines IDs; an unknown directive keeps its Markdown and an unknown role
// its text, each with one warning per name and file.
func TestMyst(t *testing.T) {
	runMkdocsCases(t, []mkdocsCase{
		{"admonition with a title, options and Markdown, as a colon fence",
			":::{note} A *title*\n:class: tight\n:name: n1\n\nBody **text**.\n:::\n", "div kind=aside #n1 .admonition .note .tight\n  para .admonition-title\n    strong\n      text \"A \"\n      emph\n        text \"title\"\n  para\n    text \"Body \"\n    strong\n      text \"text\"\n    text \".\"\n", nil},
		{"admonition without a title gets its name's; seealso reads See also",
			"```{warning}\nCareful.\n```\n\n```{seealso}\nElsewhere.\n```\n", "div kind=aside .admonition .warning\n  para .admonition-title\n    strong\n      text \"Warning\"\n  para\n    text \"Careful.\"\ndiv kind=aside .admonition .seealso\n  para .admonition-title\n    strong\n      text \"See also\"\n  para\n    text \"Elsewhere.\"\n", nil},
		{"admonition with its own title",
			"```{admonition} My title\nBody.\n```\n", "div kind=aside .admonition\n  para .admonition-title\n    strong\n      text \"My title\"\n  para\n    text \"Body.\"\n", nil},
		{"a dropdown class makes a disclosure",
			"```{tip}\n:class: dropdown\nHidden.\n```\n", "div kind=details .tip .dropdown\n  div kind=summary\n    para\n      text \"Tip\"\n  para\n    text \"Hidden.\"\n", nil},
		{"nested directives: the outer fence is longer",
			"````{important}\n```{note}\nInner.\n```\nOuter.\n````\n", "div kind=aside .admonition .important\n  para .admonition-title\n    strong\n      text \"Important\"\n  div kind=aside .admonition .note\n    para .admonition-title\n      strong\n        text \"Note\"\n    para\n      text \"Inner.\"\n  para\n    text \"Outer.\"\n", nil},
		{"figure: its path, width and name, caption the first paragraph, legend after",
			"```{figure} /img/graph.png\n:name: fig-graph\n:width: 50%\n\nThe *graph*.\n\nA legend.\n```\n", "figure #fig-graph\n  image src=\"/img/graph.png\" alt=\"The graph.\" width=50% at=1:1\n  caption\n    span .crossref-label kind=\"fig\"\n      text \"fig ??\"\n    text \"The \"\n    emph\n      text \"graph\"\n    text \".\"\npara\n  text \"A legend.\"\n", nil},
		{"image with alt",
			"```{image} pic.png\n:alt: A cat\n```\n", "figure\n  image src=\"pic.png\" alt=\"A cat\" at=1:1\n", nil},
		{"code-block and code-cell: the code; a removed cell is left out; one warning for the cells",
			"```{code-block} rust\nfn main() {}\n```\n\n```{code-cell} ipython3\n:tags: [hide-input]\nimport numpy as np\n```\n\n```{code-cell} ipython3\n---\ntags: [remove-cell]\n---\nsecret()\n```\n\n```{code-cell} python3\nx = 1\n```\n", "code lang=\"rust\"\n  | fn main() {}\ncode lang=\"python\"\n  | import numpy as np\ncode lang=\"python\"\n  | x = 1\n",
			[]string{"ch.md:5:1: code cell (and 1 more) printed as its code alone: a MyST notebook's .md file holds no outputs (execute it with Jupyter to see them) [myst.code-cell]"}},
		{"math with a label: a centred paragraph of display math, numbered",
			"```{math}\n:label: eq-sum\nx = \\sum_i a_i\n```\n", "para #eq-sum .equation align=center\n  display math \"x = \\\\sum_i a_i\"\n  text \" \"\n  span .crossref-label kind=\"eq\"\n    text \"eq ??\"\n", nil},
		{"math samizdat does not typeset: TeX as written, in a code block, and a warning",
			"```{math}\n:label: eq-m\n\\begin{CD} a \\end{CD}\n```\n\n```{math}\nx \\\\[\\jot] y\n```\n", "code lang=\"latex\" #eq-m .math\n  | \\begin{CD} a \\end{CD}\ncode lang=\"latex\" .math\n  | x \\\\[\\jot] y\n",
			[]string{"ch.md:1: formula \"\\\\begin{CD} a \\\\end{CD}\": \\begin{CD} is not typeset; 2 formulas in this file are printed as written [math.unsupported]"}},
		{"dollarmath's label after the closing $$: a numbered equation; (see above) or a label without a letter is text",
			"$$\nx = 1\n$$ (eq:one)\n\n$$ y $$ (see above)\n\n$$ z $$ (2)\n", "para #eq:one .equation align=center\n  display math \"x = 1\"\n  text \" \"\n  span .crossref-label kind=\"eq\"\n    text \"eq ??\"\npara\n  math \"y\"\n  text \" (see above)\"\npara\n  math \"z\"\n  text \" (2)\"\n", nil},
		{"glue: a notebook's output, which the file does not hold, is left out with a warning",
			"Mean {glue:text}`mean:.2f` here.\n\n```{glue:figure} fig_x\n:name: fig-x\n\nCaption.\n```\n", "para\n  text \"Mean here.\"\n",
			[]string{"ch.md:1:6: {glue:text}`mean:.2f`: a value glued from a notebook's outputs, and no notebook of the book glued one; left out [myst.glue]",
				"ch.md:3:1: directive {glue:figure} fig_x: a value glued from a notebook's outputs, and no notebook of the book glued one; left out [myst.glue]"}},
		{"in a notebook's file, $$ starts a block of math, across a blank line and a line like a list item, interrupting a paragraph",
			"---\njupytext:\n  text_representation: {}\n---\nsuch that\n$$\n- x = y\n\n+ z\n$$ (eq:b)\n\nand $$ w $$\n\nwhere $ a $ is.\n",
			"para\n  text \"such that\"\npara #eq:b .equation align=center\n  display math \"- x = y\\n\\n+ z\"\n  text \" \"\n  span .crossref-label kind=\"eq\"\n    text \"eq ??\"\npara\n  text \"and \"\n  math \"w\"\npara\n  text \"where \"\n  math \"a\"\n  text \" is.\"\n", nil},
		{"elsewhere, $$ is pandoc's, in its paragraph, and $ a $ is text",
			"such that\n$$\n- x = y\n$$\n\nwhere $ a $ is.\n",
			"para\n  text \"such that $$\"\nlist bullet tight\n  item\n    para\n      text \"x = y $$\"\npara\n  text \"where $ a $ is.\"\n", nil},
		{"in a notebook's file, $$ in a quotation is pandoc's, its lines lazy; a stray $$ takes no heading into a block",
			"---\njupytext: {}\n---\n> Show that\n>\n> $$\n  x \\geq k\n $$\n>\n> holds.\n\nStray\n$$\n\n## Next\n\nText.\n\n$$\nz\n$$\n",
			"blockquote\n  para\n    text \"Show that\"\n  para align=center\n    display math \"x \\\\geq k\"\n  para\n    text \"holds.\"\npara\n  text \"Stray $$\"\nheading 2 #next\n  text \"Next\"\npara\n  text \"Text.\"\npara align=center\n  display math \"z\"\n", nil},
		{"in a notebook's file, amsmath's environments are display math, a labelled one numbered; elsewhere text",
			"---\nkernelspec: {}\n---\nSo\n\\begin{align}\na &= b \\label{eq:ab} \\\\\nc &= d \\nonumber\n\\end{align}\n\n\\begin{equation*}\nx\n\\end{equation*} (eq:x)\n",
			"para\n  text \"So\"\npara #eq:ab .equation align=center\n  display math \"\\\\begin{aligned}\\na &= b  \\\\\\\\\\nc &= d \\n\\\\end{aligned}\"\n  text \" \"\n  span .crossref-label kind=\"eq\"\n    text \"eq ??\"\npara #eq:x .equation align=center\n  display math \"x\"\n  text \" \"\n  span .crossref-label kind=\"eq\"\n    text \"eq ??\"\n", nil},
		{"outside a notebook's file, an amsmath environment is text",
			"\\begin{align}\na\n\\end{align}\n", "para\n  text \"\\\\begin{align} a \\\\end{align}\"\n", nil},
		{"in a notebook's file, a $$ that no line closes is text",
			"---\nkernelspec:\n  name: python3\n---\nCosts $$ and more.\n\n$$\nx\n",
			"para\n  text \"Costs $$ and more.\"\npara\n  text \"$$ x\"\n", nil},
		{"a video or a frame is a link to it, its body after it; a frame of no web address is left out with a warning",
			"```{youtube} rZS2LGiurKY\n```\n\n:::{iframe} https://example.org/demo\nA demo.\n:::\n\n:::{iframe} javascript:alert(1)\n:::\n",
			"para .youtube\n  link https://www.youtube.com/watch?v=rZS2LGiurKY\n    text \"https://www.youtube.com/watch?v=rZS2LGiurKY\"\npara .iframe\n  link https://example.org/demo\n    text \"https://example.org/demo\"\npara\n  text \"A demo.\"\n",
			[]string{"ch.md:8:1: directive {iframe} javascript:alert(1): not a web address; left out [myst.frame]"}},
		{"an author's todo and a site's table of notebook runs print nothing",
			"Text.\n\n```{todo}\n@someone to rewrite this.\n```\n\n```{nb-exec-table}\n```\n", "para\n  text \"Text.\"\n", nil},
		{"epigraph, margin, dropdown",
			"```{epigraph}\nWords.\n\n-- Someone\n```\n\n:::{margin} Aside\nSide.\n:::\n\n:::{dropdown} Click\nMore.\n:::\n", "div .epigraph\n  blockquote\n    para\n      text \"Words.\"\n    para\n      text \"\u2013 Someone\"\ndiv kind=aside .margin\n  para .admonition-title\n    strong\n      text \"Aside\"\n  para\n    text \"Side.\"\ndiv kind=details .dropdown\n  div kind=summary\n    para\n      text \"Click\"\n  para\n    text \"More.\"\n", nil},
		{"exercise and gated solution: numbered theorem environments, the solution naming its exercise",
			"```{exercise}\n:label: ex1\nDo it.\n```\n\n```{solution-start} ex1\n```\nDone.\n```{solution-end}\n```\n", "div #ex1 .theorem-env .exercise\n  para\n    strong\n      span .crossref-label kind=\"exr\"\n        text \"exr ??\"\n      text \".\"\n    text \" Do it.\"\ndiv .theorem-env .solution\n  para\n    emph\n      span .crossref-label kind=\"solution\"\n        text \"solution ??\"\n      text \" (to \"\n      span .myst-ref role=\"ref\" label=\"ex1\" text=\"\"\n        link #ex1\n          text \"ex1\"\n      text \").\"\n    text \" Done.\"\n", nil},
		{"prf:theorem with a name; a gated exercise; a start without its end stays a title",
			"```{prf:theorem} Bayes' *law*\n:label: thm-b\nIt holds.\n```\n\n```{exercise-start}\n:label: ex2\n```\nTry.\n```{exercise-end}\n```\n\n```{exercise-start} Open\n```\nLeft.\n", "div #thm-b .theorem-env .theorem\n  para\n    strong\n      span .crossref-label kind=\"thm\"\n        text \"thm ??\"\n      text \" (Bayes' \"\n      emph\n        text \"law\"\n      text \").\"\n    text \" It holds.\"\ndiv #ex2 .theorem-env .exercise\n  para\n    strong\n      span .crossref-label kind=\"exr\"\n        text \"exr ??\"\n      text \".\"\n    text \" Try.\"\npara .admonition-title\n  strong\n    text \"Exercise (Open)\"\npara\n  text \"Left.\"\n", nil},
		{"targets label the block after them",
			"(intro)=\n# Introduction\n\n(para)=\nText.\n\n(lst)=\n- item\n", "heading 1 #intro\n  text \"Introduction\"\npara #para\n  text \"Text.\"\nlist bullet tight #lst\n  item\n    para\n      text \"item\"\n", nil},
		{"roles: references, math, abbreviations, terms, sub and sup",
			"See {ref}`intro`, {ref}`the intro <intro>`, {numref}`Figure %s <fig-x>`, {eq}`eq-sum`, {doc}`other`, {math}`x^2`, {abbr}`MyST (Markedly Structured Text)`, {term}`kernel`, H{sub}`2`O, x{sup}`2`.\n", "para\n  text \"See \"\n  span .myst-ref role=\"ref\" label=\"intro\" text=\"\"\n    link #intro\n      text \"intro\"\n  text \", \"\n  span .myst-ref role=\"ref\" label=\"intro\" text=\"1\"\n    link #intro\n      text \"the intro\"\n  text \", \"\n  span .myst-ref role=\"numref\" label=\"fig-x\" text=\"1\"\n    link #fig-x\n      text \"Figure %s\"\n  text \", \"\n  span .myst-ref role=\"eq\" label=\"eq-sum\" text=\"\"\n    link #eq-sum\n      text \"eq-sum\"\n  text \", \"\n  span .myst-ref role=\"doc\" label=\"other.md\" text=\"\"\n    link other.md\n      text \"other.md\"\n  text \", \"\n  math \"x^2\"\n  text \", \"\n  abbreviation title=\"Markedly Structured Text\"\n    text \"MyST\"\n  text \", \"\n  definition .term\n    text \"kernel\"\n  text \", H\"\n  subscript\n    text \"2\"\n  text \"O, x\"\n  superscript\n    text \"2\"\n  text \".\"\n", nil},
		{"unknown directive keeps its Markdown, unknown role its text: one warning per name",
			":::{card} Title\nBody.\n:::\n\n```{mystery}\n*A*\n```\n\n```{mystery}\nB\n```\n\nA {mine}`x` and {mine}`y`.\n", "div kind=section .card\n  para .admonition-title\n    strong\n      text \"Title\"\n  para\n    text \"Body.\"\ndiv .mystery\n  para\n    emph\n      text \"A\"\ndiv .mystery\n  para\n    text \"B\"\npara\n  text \"A x and y.\"\n", []string{"ch.md:5:1: MyST directive {mystery} is not one samizdat reads: what it holds is kept (used once more in this file) [myst.directive]", "ch.md:13:3: MyST role {mine} is not one samizdat reads: its text is printed (used once more in this file) [myst.role]"}},
		{"not MyST: pandoc's divs, code of class {x} with a dot, a target inside text",
			"::: {.note}\nDiv.\n:::\n\n```{.python}\ncode\n```\n\nText (a)= here.\n", "div .note tags=note\n  para\n    text \"Div.\"\ncode lang=\"python\"\n  | code\npara\n  text \"Text (a)= here.\"\n", nil},
		{"jupytext's cell breaks print nothing",
			"One.\n\n+++ {\"tags\": []}\n\nTwo.\n", "para\n  text \"One.\"\npara\n  text \"Two.\"\n", nil},
		{"code after its options and a blank line starts at its first line; a target naming the directive's own label adds nothing",
			"(ex)=\n```{code} markdown\n:filename: a.md\n:name: ex\n\n# Title\n```\n",
			"code lang=\"markdown\" #ex\n  | # Title\n", nil},
		{"in a list item and a quote",
			"- item\n\n  ```{note}\n  Inside.\n  ```\n\n  ```{code-block} py\n    a = 1\n  ```\n\n> :::{tip}\n> Quoted.\n> :::\n",
			"list bullet\n  item\n    para\n      text \"item\"\n    div kind=aside .admonition .note\n      para .admonition-title\n        strong\n          text \"Note\"\n      para\n        text \"Inside.\"\n    code lang=\"py\"\n      |   a = 1\nblockquote\n  div kind=aside .admonition .tip\n    para .admonition-title\n      strong\n        text \"Tip\"\n    para\n      text \"Quoted.\"\n", nil},
		{"table: the table the directive holds, captioned and numbered when named",
			"```{table} The *sizes*\n:name: tbl-sizes\n\n| a | b |\n|---|---|\n| 1 | 2 |\n```\n", "table align=default,default #tbl-sizes\n  caption\n    span .crossref-label kind=\"tbl\"\n      text \"tbl ??\"\n    text \"The \"\n    emph\n      text \"sizes\"\n  header\n    cell\n      text \"a\"\n    cell\n      text \"b\"\n  row\n    cell\n      text \"1\"\n    cell\n      text \"2\"\n", nil},
		{"csv-table: a header line, a header row, quoted values, a stub column",
			"```{csv-table} Prices\n:name: tbl-prices\n:header: \"Item\", \"Price, in euros\"\n:header-rows: 1\n:stub-columns: 1\n:widths: 3, 1\n\n\"Kind\", \"Sum\"\n\"Tea, green\", *2*\nBread\n```\n", "table align=default,default widths=0.750,0.250 #tbl-prices\n  caption\n    span .crossref-label kind=\"tbl\"\n      text \"tbl ??\"\n    text \"Prices\"\n  header\n    cell\n      text \"Item\"\n    cell\n      text \"Price, in euros\"\n  row\n    heading-cell\n      text \"Kind\"\n    heading-cell\n      text \"Sum\"\n  row\n    heading-cell\n      text \"Tea, green\"\n    cell\n      emph\n        text \"2\"\n  row\n    heading-cell\n      text \"Bread\"\n    cell\n", nil},
		{"csv-table from a web address: its caption, with a warning",
			"```{csv-table} Data\n:url: https://example.org/data.csv\n```\n", "para .caption\n  strong\n    text \"Data\"\n", []string{"ch.md:1:1: directive {csv-table} reads its values from https://example.org/data.csv, which is not read; its caption is kept [myst.csv-table]"}},
		{"csv-table whose file the includes could not read: its caption, the includes having warned",
			"```{csv-table} Data\n:file: data.csv\n```\n", "para .caption\n  strong\n    text \"Data\"\n", nil},
		{"a code cell mystnb makes a figure: the code under its caption, numbered when named; (label)= before a figure numbers it",
			"```{code-cell} ipython3\n---\nmystnb:\n  figure:\n    caption: The *plot*\n    name: fig-plot\n---\nplot()\n```\n\n(fig-b)=\n```{figure} b.png\nB.\n```\n", "div kind=figure #fig-plot .cell-figure\n  div kind=caption\n    para\n      span .crossref-label kind=\"fig\"\n        text \"fig ??\"\n      text \"The \"\n      emph\n        text \"plot\"\n  code lang=\"python\"\n    | plot()\nfigure #fig-b\n  image src=\"b.png\" alt=\"B.\" at=12:1\n  caption\n    span .crossref-label kind=\"fig\"\n      text \"fig ??\"\n    text \"B.\"\n", []string{"ch.md:1:1: code cell printed as its code alone: a MyST notebook's .md file holds no outputs (execute it with Jupyter to see them) [myst.code-cell]"}},
		{"list-table: a caption, a heading row, a stub column, widths; a cell's paragraphs parted by a break; a short row filled",
			":::{list-table} Some *planets*\n:header-rows: 1\n:stub-columns: 1\n:widths: 1 3\n:name: tbl-planets\n\n*   - Name\n    - Notes\n*   - Mars\n    - Red.\n\n      Cold.\n*   - Venus\n:::\n",
			"table align=default,default widths=0.250,0.750 #tbl-planets\n  caption\n    span .crossref-label kind=\"tbl\"\n      text \"tbl ??\"\n    text \"Some \"\n    emph\n      text \"planets\"\n  header\n    cell\n      text \"Name\"\n    cell\n      text \"Notes\"\n  row\n    heading-cell\n      text \"Mars\"\n    cell\n      text \"Red.\"\n      break\n      text \"Cold.\"\n  row\n    heading-cell\n      text \"Venus\"\n    cell\n", nil},
		{"list-table that is no list of lists keeps its blocks",
			":::{list-table}\nJust text.\n:::\n", "div .list-table\n  para\n    text \"Just text.\"\n", nil},
		{"an unclosed directive ends with the file",
			"```{note}\nOpen.\n", "div kind=aside .admonition .note\n  para .admonition-title\n    strong\n      text \"Note\"\n  para\n    text \"Open.\"\n", []string{"ch.md:1:1: directive {note} is never closed with ```; it ends with its container [myst.unclosed]"}},
	})
}

// FuzzMyst: the scanners never panic and stay inside their input; the
// parser keeps its invariants on whatever MyST it reads.
func FuzzMyst(f *testing.F) {
	for _, src := range []string{
		":::{note} T\n:class: x\nBody\n:::", "````{a}\n```{b}\nx\n```\n````", "```{code-cell} ipython3\n---\ntags: [x]\n---\ny\n```",
		"(l)=\n# H\n{ref}`t <l>`", "---\njupytext: {}\n---\n$$\n- a\n\n$$ (x)\n$ b $ $$c$$ (d)\n", "---\nkernelspec: {}\n---\n\\begin{alignat}{2}\na\\label{q}\n\\end{alignat}\n\\begin{gather\n", "{eq}``a`b``", "+++ {\"a\": 1}\n", "```{figure} p.png\n:width: 9x\n\nCap\n```",
		"## H\n:label:`sec_h`\n\nSee :numref:`sec_h`, :eqref:``a`b``, :citet:`k`.", "![C :cite:`k`](a.svg)\n:label:`fig_a`\n:width:`40%`",
		"![A](a.png)\n> Credit",
	} {
		f.Add([]byte(src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, n, _, _, at, ok := parseMystOpener(src); ok && (n < 3 || at > len(src)) {
			t.Fatalf("opener of %d fence characters, argument at %d in %d bytes", n, at, len(src))
		}
		if _, _, size := parseMystRole(src); size > len(src) {
			t.Fatalf("role of %d bytes in %d", size, len(src))
		}
		if label, ok := mystTargetLine(src); ok && (label == "" || len(label) > len(src)) {
			t.Fatalf("target %q from %q", label, src)
		}
		ch, err := Parse(src, "fuzz.md")
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		if probs := invariantProblems(ch, src); len(probs) > 0 {
			t.Fatalf("invariants broken:\n%s", strings.Join(probs, "\n"))
		}
	})
}
