package markdown

import "testing"

// TestLatexIndex: LaTeX's \index{…} in an R Markdown or Quarto chapter is
// an index entry at its place; a cross-reference marks nothing; in other
// Markdown it is text, where an empty index span naming its term marks a
// place.
func TestLatexIndex(t *testing.T) {
	for _, file := range []string{"ch.Rmd", "ch.qmd"} {
		runCases(t, New(), file, []mkdocsCase{
			{"entries", "It is YAML\\index{YAML} read by `_bookdown.yml`\\index{\\_bookdown.yml}.\n",
				"para\n  text \"It is YAML\"\n  span .index term=\"YAML\"\n  text \" read by \"\n  code \"_bookdown.yml\"\n  span .index term=\"_bookdown.yml\"\n  text \".\"\n",
				nil},
			{"sub-entries, sort keys and font commands", "A\\index{Chunk options!fig.cap@\\texttt{fig.cap}} and B\\index{theorem|textbf}.\n",
				"para\n  text \"A\"\n  span .index term=\"Chunk options!fig.cap\"\n  text \" and B\"\n  span .index term=\"theorem\"\n  text \".\"\n",
				nil},
			{"cross-references, nothing and unbalanced braces", "X\\index{Main entry!zz@\\igobble|seealso{Other}}\\index{} and \\index{open.\n",
				"para\n  text \"X and \\\\index{open.\"\n",
				nil},
			{"in code it is code", "`\\index{x}`\n",
				"para\n  code \"\\\\index{x}\"\n",
				nil},
		})
	}
	runCases(t, New(), "ch.md", []mkdocsCase{
		{"text in Markdown", "YAML\\index{YAML}.\n", "para\n  text \"YAML\\\\index{YAML}.\"\n", nil},
		{"an empty index span is a place", "YAML[]{.index term=\"YAML\"}, []{.index}.\n", "para\n  text \"YAML\"\n  span .index term=\"YAML\"\n  text \", .\"\n", nil},
	})
}
