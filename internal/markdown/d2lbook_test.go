package markdown

import "testing"

// TestD2lbook: d2lbook's labels and references (Dive into Deep Learning)
// are MyST's: a :label: line labels the block before it, and :numref:,
// :ref:, :eqref:, :cite: and :citet: are references and citations; other
// names between colons, and a colon role followed by a space, stay text.
// Its figures are in pictures.md.
func TestD2lbook(t *testing.T) {
	runMkdocsCases(t, []mkdocsCase{
		{"a label under a heading is its ID; references and citations",
			"## Convolutions\n:label:`sec_conv`\n\nAs :numref:`fig_a` shows, by :eqref:`eq_x`; see :ref:`sec_conv` (:cite:`LeCun.1998,Bengio.2003`), :citet:`Field.1987`.\n",
			"heading 2 #sec_conv\n  text \"Convolutions\"\npara\n  text \"As \"\n  span .myst-ref role=\"numref\" label=\"fig_a\" text=\"\" written=\":numref:`fig_a`\"\n    link #fig_a\n      text \"fig_a\"\n  text \" shows, by \"\n  span .myst-ref role=\"eq\" label=\"eq_x\" text=\"\" written=\":eqref:`eq_x`\"\n    link #eq_x\n      text \"eq_x\"\n  text \"; see \"\n  span .myst-ref role=\"ref\" label=\"sec_conv\" text=\"\" written=\":ref:`sec_conv`\"\n    link #sec_conv\n      text \"sec_conv\"\n  text \" (\"\n  cite \":cite:`LeCun.1998,Bengio.2003`\"\n    @LeCun.1998 \n    @Bengio.2003 \n  text \"), \"\n  cite \":citet:`Field.1987`\" in-text\n    @Field.1987 \n  text \".\"\n",
			nil},
		{"an equation's label on its paragraph's last line labels the paragraph; a label inside a line stays text",
			"$$a = b.$$\n:eqlabel:`eq_ab`\n\nSee :eqref:`eq_ab` and :label:`x` here.\n",
			"para #eq_ab align=center\n  display math \"a = b.\"\npara\n  text \"See \"\n  span .myst-ref role=\"eq\" label=\"eq_ab\" text=\"\" written=\":eqref:`eq_ab`\"\n    link #eq_ab\n      text \"eq_ab\"\n  text \" and :label:\"\n  code \"x\"\n  text \" here.\"\n",
			nil},
		{"a label on a paragraph's first line labels the block before; an equation's label after its $$ or alone under it",
			"## Code\n:label:`sec_code`\nWe next show it.\n\n$$a = b,$$ :eqlabel:`eq_ab`\n\n$$c = d.$$\n\n:eqlabel:`eq_cd`\n",
			"heading 2 #sec_code\n  text \"Code\"\npara\n  text \"We next show it.\"\npara #eq_ab align=center\n  display math \"a = b,\"\npara #eq_cd align=center\n  display math \"c = d.\"\n", nil},
		{"a table's caption above it ends in the table's label",
			":Sizes of things\n:label:`tab_sizes`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
			"table align=default,default #tab_sizes\n  caption\n    text \"Sizes of things\"\n  header\n    cell\n      text \"a\"\n    cell\n      text \"b\"\n  row\n    cell\n      text \"1\"\n    cell\n      text \"2\"\n", nil},
		{"a label on the line under a table's rows labels it",
			"| a | b |\n|---|---|\n| 1 | 2 |\n:label:`tab_x`\n",
			"table align=default,default #tab_x\n  header\n    cell\n      text \"a\"\n    cell\n      text \"b\"\n  row\n    cell\n      text \"1\"\n    cell\n      text \"2\"\n", nil},
		{"other names, a space before the code, and a label with nothing before it stay text",
			":label:`alone`\n\nA :foo: and :width:`x`; :numref: `y`, :numref:``.\n",
			"para\n  text \":label:\"\n  code \"alone\"\npara\n  text \"A :foo: and :width:\"\n  code \"x\"\n  text \"; :numref: \"\n  code \"y\"\n  text \", :numref:``.\"\n",
			nil},
	})
}
