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
			"A $\\begin{tabular}{c} a \\end{tabular}$ and $\\foo{x}$.\n\n$$x \\\\[\\jot] y$$\n",
			"para\n  text \"A $\\\\begin{tabular}{c} a \\\\end{tabular}$ and $\\\\foo{x}$.\"\npara\n  text \"$$x \\\\\\\\[\\\\jot] y$$\"\n",
			[]string{"ch.md:1:3: formula \"\\\\begin{tabular}{c} a \\\\end{tabular}\": \\begin{tabular} is not typeset; 3 formulas in this file are printed as written [math.unsupported]"}},
		{"a dollar sign in a code span closes no formula",
			"Add *$HOME/bin* to your `$PATH`.\n",
			"para\n  text \"Add \"\n  emph\n    text \"$HOME/bin\"\n  text \" to your \"\n  code \"$PATH\"\n  text \".\"\n", nil},
		{"an unclosed dollar sign is text",
			"Costs $x and\n\nmore $$ here.\n",
			"para\n  text \"Costs $x and\"\npara\n  text \"more $$ here.\"\n", nil},
	})
}
