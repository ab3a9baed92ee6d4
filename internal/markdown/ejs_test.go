package markdown

import "testing"

// TestEloquentJavaScript: a chapter in Eloquent JavaScript's Markdown
// (its marks modelled on the book's, the text our own) reads as that
// book's build reads it; the same lines elsewhere stay as written.
func TestEloquentJavaScript(t *testing.T) {
	const meta = "{{meta {docid: values}}}\n\n"
	runCases(t, New(), "ch.md", []mkdocsCase{
		{"index lines and marks left out", meta + "{{index bit, [number, notation]}}\n\nA ((bit)) is `((x))`.\n",
			"para\n  text \"A bit is \"\n  code \"((x))\"\n  text \".\"\n", nil},
		{"figure", meta + "{{figure {url: \"img/dots.jpg\", alt: \"Dots, \\\"bits\\\"\", chapter: framed}}}\n",
			"figure\n  image src=\"img/dots.jpg\" alt=\"Dots, \\\"bits\\\"\" at=3:1\n", nil},
		{"quote with author and work", "# Title\n\n{{quote {author: \"A. Master\", title: \"The Book\", chapter: true}\n\nWise words.\n\nquote}}\n",
			"heading 1 #title\n  text \"Title\"\nblockquote\n  para\n    text \"Wise words.\"\n  para\n    text \"— A. Master, \"\n    emph\n      text \"The Book\"\n", nil},
		{"hints quoted, their code too", meta + "{{hint\n\nTry this:\n\n```\nx()\n```\n\nhint}}\n",
			"blockquote\n  para\n    strong\n      text \"Hints\"\n  para\n    text \"Try this:\"\n  code lang=\"javascript\"\n    | x()\n", nil},
		{"conditions: the printed book's kept", meta + "{{if interactive\n\nRun it.\n\nif}}\n\n{{if book\n\nIn print.\n\nif}}\n",
			"para\n  text \"In print.\"\n", nil},
		{"fence languages", meta + "```{lang: html, test: no}\n<p>\n```\n\n```{test: no}\nf()\n```\n\n```{lang: null}\nout\n```\n",
			"code lang=\"html\"\n  | <p>\ncode lang=\"javascript\"\n  | f()\ncode lang=\"text\"\n  | out\n", nil},
		{"ids on the heading or the text after them", meta + "{{id loops}}\n\n## Loops\n\n{{id \"console.log\"}}\n{{index console}}\n\nText.\n",
			"heading 2 #loops\n  text \"Loops\"\npara\n  span #console.log\n  text \"Text.\"\n", nil},
		{"a table without header", meta + "{{table {cols: [1, 5]}}}\n\n| `\\d` | Any ((digit))\n| `.`  | Any character\n",
			"table align=default,default\n  header\n  row\n    cell\n      code \"\\\\d\"\n    cell\n      text \"Any digit\"\n  row\n    cell\n      code \".\"\n    cell\n      text \"Any character\"\n", nil},
	})
	runCases(t, New(), "ch.md", []mkdocsCase{
		{"elsewhere the marks are text", "A ((bit)).\n\n{{index bit}}\n", "para\n  text \"A ((bit)).\"\npara\n  text \"{{index bit}}\"\n", nil},
	})
}

// TestPipeTableBlankHeader: a pipe table's header row of blank cells is
// pandoc's way of writing a table without one, and gives none; a header
// with one word in it stays.
func TestPipeTableBlankHeader(t *testing.T) {
	runCases(t, New(), "ch.md", []mkdocsCase{
		{"blank header", "|  |  |\n|---|---|\n| a | b |\n",
			"table align=default,default\n  header\n  row\n    cell\n      text \"a\"\n    cell\n      text \"b\"\n", nil},
		{"one heading", "| x |  |\n|---|---|\n| a | b |\n",
			"table align=default,default\n  header\n    cell\n      text \"x\"\n    cell\n  row\n    cell\n      text \"a\"\n    cell\n      text \"b\"\n", nil},
	})
}
