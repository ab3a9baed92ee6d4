package markdown

import "testing"

func TestRawAttributes(t *testing.T) {
	checkTrees(t, []struct{ name, src, want string }{
		{"an HTML block", "```{=html}\n<aside><p>Raw <em>HTML</em></p></aside>\n```\n", `
div kind=aside
  para
    text "Raw "
    emph
      text "HTML"
`},
		{"epub and html5 are HTML too, any letter case", "~~~ {=EPUB}\n<p>one</p>\n~~~\n\n```{=html5}\n<p>two</p>\n```\n", `
para
  text "one"
para
  text "two"
`},
		{"an HTML block pairs with HTML around it", "<div class=\"box\">\n\n```{=html}\n<p>inside</p>\n```\n\n</div>\n", `
div .box
  para
    text "inside"
`},
		{"other formats left out", "a\n\n```{=latex}\n\\newpage\n```\n\n```{=typst}\n#pagebreak()\n```\n\nb\n", `
para
  text "a"
para
  text "b"
`},
		{"inline HTML", "a `<b>bold</b>`{=html} b `` <i>x`y</i> ``{=html}\n", `
para
  text "a "
  attention
    text "bold"
  text " b "
  alternate
    text "x` + "`" + `y"
`},
		{"inline for other formats left out", "a `\\LaTeX`{=latex} b `x`{=openxml}.\n", `
para
  text "a b ."
`},
		{"not raw: code, an attribute, a bad format", "`x`{.rust} `y` {=html} `z`{=ht ml} `w`{=}\n", `
para
  code "x"
  text "{.rust} "
  code "y"
  text " {=html} "
  code "z"
  text "{=ht ml} "
  code "w"
  text "{=}"
`},
		{"not raw: a fence's other info", "```{.html}\n<p>x</p>\n```\n", `
code lang="html"
  | <p>x</p>
`},
		{"empty raw blocks and spans", "```{=html}\n```\n\n```{=latex}\n```\n\na ``{=html} b\n", `
para
  text "a ` + "``" + `{=html} b"
`},
		{"raw HTML's active content still dropped", "```{=html}\n<script>alert(1)</script>\n```\n", `
warning t.md:2:1: raw HTML <script> dropped [html.dropped]
`},
	})
}

func TestSuperscript(t *testing.T) {
	checkTrees(t, []struct{ name, src, want string }{
		{"superscripts", "2^10^, 1^st^, x^*n*^, a^b\\ c^\n", `
para
  text "2"
  superscript
    text "10"
  text ", 1"
  superscript
    text "st"
  text ", x"
  superscript
    emph
      text "n"
  text ", a"
  superscript
    text "b\u00a0c"
`},
		{"carets that are not", "a ^ b, a^b c^, ^^, 2^ 3^, `x^2^`, \\^no^, x^\ny^\n", `
para
  text "a ^ b, a^b c^, ^^, 2^ 3^, "
  code "x^2^"
  text ", ^no^, x^ y^"
`},
		{"one after another", "a^b^c^d^e\n", `
para
  text "a"
  superscript
    text "b"
  text "c"
  superscript
    text "d"
  text "e"
`},
		{"subscript is GitHub's strikethrough", "H~2~O\n", `
para
  text "H"
  strike
    text "2"
  text "O"
`},
	})
}
