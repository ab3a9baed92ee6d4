package markdown

import "testing"

// TestMath: $…$ and $$…$$ are formulas, read before emphasis; a formula
// alone in its paragraph is displayed; what samizdat cannot typeset
// stays as written, named in one warning for the file.
func TestMath(t *testing.T) {
	runMkdocsCases(t, []mkdocsCase{
		{"inline math; its underscores are not emphasis; prices stay text",
			"Let $\\mathbf{v}_{A,i}$ and $x_i*y_j$ cost $5 and $10, or 3 $ a $.\n",
			"para\n  text \"Let \"\n  math \"\\\\mathbf{v}_{A,i}\"\n  text \" and \"\n  math \"x_i*y_j\"\n  text \" cost $5 and $10, or 3 $ a $.\"\n", nil},
		{"display math alone in its paragraph, over lines; in a sentence it is set in the text",
			"$$\n\\frac{1}{n}\\sum_{i=1}^n x_i\n$$\n\nSo $$a=b$$ holds.\n",
			"para align=center\n  display math \"\\\\frac{1}{n}\\\\sum_{i=1}^n x_i\"\npara\n  text \"So \"\n  math \"a=b\"\n  text \" holds.\"\n", nil},
		{"a fenced block of math",
			"```math\nE = mc^2\n```\n",
			"para align=center\n  display math \"E = mc^2\"\n", nil},
		{"what is not typeset is printed as written, the first named in one warning",
			"A $\\begin{CD} a \\end{CD}$ and $\\foo{x}$.\n\n$$x \\\\[\\jot] y$$\n",
			"para\n  text \"A $\\\\begin{CD} a \\\\end{CD}$ and $\\\\foo{x}$.\"\npara\n  text \"$$x \\\\\\\\[\\\\jot] y$$\"\n",
			[]string{"ch.md:1:3: formula \"\\\\begin{CD} a \\\\end{CD}\": \\begin{CD} is not typeset; 3 formulas in this file are printed as written [math.unsupported]"}},
		{"a dollar sign in a code span closes no formula",
			"Add *$HOME/bin* to your `$PATH`.\n",
			"para\n  text \"Add \"\n  emph\n    text \"$HOME/bin\"\n  text \" to your \"\n  code \"$PATH\"\n  text \".\"\n", nil},
		{"an unclosed dollar sign is text",
			"Costs $x and\n\nmore $$ here.\n",
			"para\n  text \"Costs $x and\"\npara\n  text \"more $$ here.\"\n", nil},
	})
}

// TestMathBackslash: in an .Rmd or .qmd file \(…\) is a formula and \[…\]
// a displayed one, as R Markdown's pandoc reads them; a backslash pair
// inside (\\, \)) does not close it, nor does \) in \text{…}; with no
// closing delimiter or nothing inside, the backslash escapes the
// parenthesis as in CommonMark. In a .md file both stay escapes.
func TestMathBackslash(t *testing.T) {
	runCases(t, New(), "ch.Rmd", []mkdocsCase{
		{"inline and displayed",
			"Let \\(x_i^2\\) be.\n\n\\[\n\\sum_i x_i\n\\]\n",
			"para\n  text \"Let \"\n  math \"x_i^2\"\n  text \" be.\"\npara align=center\n  display math \"\\\\sum_i x_i\"\n", nil},
		{"escaped parentheses without a closing one stay text",
			"A \\(parenthesis) and \\[bracket].\n",
			"para\n  text \"A (parenthesis) and [bracket].\"\n", nil},
		{"nothing inside: escapes",
			"Empty \\(\\) here.\n",
			"para\n  text \"Empty () here.\"\n", nil},
		{"a backslash pair and \\text do not close it (one formula, printed as written whole)",
			"So \\(\\text{a \\) b} \\\\ y\\) ends.\n",
			"para\n  text \"So \\\\(\\\\text{a \\\\) b} \\\\\\\\ y\\\\) ends.\"\n",
			[]string{"ch.Rmd:1:4: formula \"\\\\text{a \\\\) b} \\\\\\\\ y\": a command inside \\text is not typeset; it is printed as written [math.unsupported]"}},
		{"a digit after the closing delimiter, or a space before a dollar inside: no formula, as in pandoc",
			"Pay \\(x\\)5 or \\(a $b\\) now.\n",
			"para\n  text \"Pay (x)5 or (a $b) now.\"\n", nil},
		{"displayed, the first \\] closes, escape or not, as in pandoc",
			"\\[a \\\\]\n",
			"para\n  text \"\\\\[a \\\\\\\\]\"\n",
			[]string{"ch.Rmd:1:1: formula \"a \\\\\": \\ at the end; it is printed as written [math.unsupported]"}},
		{"an escaped backslash before ( is no delimiter",
			"Path C:\\\\(x\\) end.\n",
			"para\n  text \"Path C:\\\\(x) end.\"\n", nil},
		{"not typeset: printed with its own delimiters",
			"See \\(\\begin{CD} a \\end{CD}\\).\n",
			"para\n  text \"See \\\\(\\\\begin{CD} a \\\\end{CD}\\\\).\"\n",
			[]string{"ch.Rmd:1:5: formula \"\\\\begin{CD} a \\\\end{CD}\": \\begin{CD} is not typeset; it is printed as written [math.unsupported]"}},
	})
	runCases(t, New(), "ch.md", []mkdocsCase{
		{"in a .md file, escapes",
			"Let \\(x\\) be \\[y\\].\n",
			"para\n  text \"Let (x) be [y].\"\n", nil},
	})
	runCases(t, NewWith(Options{MathBackslash: MathBackslashSingle}), "ch.md", []mkdocsCase{
		{"single, asked for: formulas in a .md file",
			"Let \\(x\\) be.\n",
			"para\n  text \"Let \"\n  math \"x\"\n  text \" be.\"\n", nil},
	})
	runCases(t, NewWith(Options{MathBackslash: MathBackslashDouble}), "ch.md", []mkdocsCase{
		{"double: \\\\( is the delimiter, \\( an escape",
			"Let \\\\(x\\\\) and \\(y\\).\n\n\\\\[z\\\\]\n",
			"para\n  text \"Let \"\n  math \"x\"\n  text \" and (y).\"\npara align=center\n  display math \"z\"\n", nil},
	})
	runCases(t, NewWith(Options{MathBackslash: MathBackslashOff}), "ch.qmd", []mkdocsCase{
		{"off: escapes even in .qmd",
			"Let \\(x\\).\n",
			"para\n  text \"Let (x).\"\n", nil},
	})
}

// TestMathMacros: a formula of definitions alone prints nothing and its
// commands hold for the formulas after it in the file; the book's own
// (markdown.math_macros) hold everywhere; one that names itself is
// printed as written with a warning.
func TestMathMacros(t *testing.T) {
	runCases(t, NewWith(Options{MathMacros: map[string]string{`\R`: `\mathbb{R}`, "norm": `\|#1\|`}}), "ch.md", []mkdocsCase{
		{"definitions in the file and the book's",
			"$$\n\\newcommand{\\bx}{\\mathbf{x}}\n\\def\\pd#1{\\partial #1}\n$$\n\nLet $\\bx \\in \\R$ and $\\norm{\\pd y}$.\n",
			"para\n  text \"Let \"\n  math \"\\\\bx \\\\in \\\\R\"\n  text \" and \"\n  math \"\\\\norm{\\\\pd y}\"\n  text \".\"\n", nil},
		{"a definition and a formula in one",
			"$\\newcommand{\\e}{\\varepsilon}\\e > 0$ and $\\e$.\n",
			"para\n  math \"\\\\newcommand{\\\\e}{\\\\varepsilon}\\\\e > 0\"\n  text \" and \"\n  math \"\\\\e\"\n  text \".\"\n", nil},
		{"a command that names itself",
			"$\\newcommand{\\a}{\\a x}\\a$\n",
			"para\n  text \"$\\\\newcommand{\\\\a}{\\\\a x}\\\\a$\"\n",
			[]string{"ch.md:1:1: formula \"\\\\newcommand{\\\\a}{\\\\a x}\\\\a\": \\a expands too far (does it name itself?); it is printed as written [math.unsupported]"}},
	})
	runMkdocsCases(t, []mkdocsCase{
		{"definitions hold in their file only",
			"$\\bx$\n",
			"para\n  text \"$\\\\bx$\"\n",
			[]string{"ch.md:1:1: formula \"\\\\bx\": \\bx is not typeset; it is printed as written [math.unsupported]"}},
	})
}

// TestMathML: MathML in raw HTML is a formula: from its TeX annotation
// when that is typeset, else from its MathML; a display one is a
// paragraph of its own, taking the punctuation after it; the picture of
// the formula hidden beside it (KaTeX's HTML, MediaWiki's image) is left
// out; what the tree cannot hold prints as text, one warning for each
// element kind in the file.
func TestMathML(t *testing.T) {
	runMkdocsCases(t, []mkdocsCase{
		{"inline MathML; invisible times prints nothing",
			"Then <math><mn>5</mn><mo>&InvisibleTimes;</mo><msup><mi>n</mi><mn>2</mn></msup></math> grows.\n",
			"para\n  text \"Then \"\n  math \"5n^{2}\"\n  text \" grows.\"\n", nil},
		{"a display formula splits its paragraph and takes its comma",
			"<p>Let\n<math display=\"block\"><mi>x</mi><mo>=</mo><mn>1</mn></math>, so on.</p>\n",
			"para\n  text \"Let\"\npara align=center\n  display math \"x=1,\"\npara\n  text \"so on.\"\n", nil},
		{"the TeX annotation is read, and KaTeX's hidden HTML left out",
			"A <span class=\"katex\"><span class=\"katex-mathml\"><math><semantics><mrow><msub><mi>k</mi><mn>1</mn></msub></mrow><annotation encoding=\"application/x-tex\">k_1</annotation></semantics></math></span><span class=\"katex-html\" aria-hidden=\"true\"><span class=\"mord\">k1</span></span></span> here.\n",
			"para\n  text \"A \"\n  span .katex\n    span .katex-mathml\n      math \"k_1\"\n  text \" here.\"\n", nil},
		{"an annotation not typeset gives way to the MathML; the alttext is the formula's text",
			"B <math alttext=\"x squared\"><semantics><msup><mi>x</mi><mn>2</mn></msup><annotation encoding=\"TeX\">\\foo x</annotation></semantics></math>.\n",
			"para\n  text \"B \"\n  math \"x squared\"\n  text \".\"\n", nil},
		{"MediaWiki's <math> holds TeX; TeX not typeset prints as text",
			"So <math>\\frac{a}{b}</math> and <math>\\foo</math>.\n",
			"para\n  text \"So \"\n  math \"\\\\frac{a}{b}\"\n  text \" and \"\n  span .math\n    text \"\\\\foo\"\n  text \".\"\n",
			[]string{"ch.md:1: formula \"\\\\foo\": \\foo is not typeset; it is printed as written [math.unsupported]"}},
		{"what the tree cannot hold prints as text, one warning per element kind",
			"<p><math><menclose notation=\"box\"><mi>a</mi></menclose></math> and <math alttext=\"boxed b\"><menclose notation=\"box\"><mi>b</mi></menclose></math> and <math><mglyph src=\"g.png\"/><mi>c</mi></math>.</p>\n",
			"para\n  span .math\n    text \"a\"\n  text \" and \"\n  span .math\n    text \"boxed b\"\n  text \" and \"\n  span .math\n    text \"c\"\n  text \".\"\n",
			[]string{
				"ch.md:1: MathML formula: <menclose notation=box> is not typeset; it is printed as text; 1 more formula in this file is printed as text for it [math.unsupported]",
				"ch.md:1: MathML formula: <mglyph> is not typeset; it is printed as text [math.unsupported]",
			}},
	})
}
