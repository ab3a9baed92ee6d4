package xhtml

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/markdown"
)

// TestMarkdownToXHTML: pandoc's constructs for text whose lines are
// meaning, and for content meant for one format, come out of the parser
// and this package as exactly this markup.
func TestMarkdownToXHTML(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"line block",
			"| The limerick packs laughs *anatomical*\n|    Into space that is quite economical.\n",
			"<div class=\"line-block\"><div class=\"line\">The limerick packs laughs <em>anatomical</em></div><div class=\"line\">\u00a0\u00a0\u00a0Into space that is quite economical.</div></div>\n"},
		{"stanzas in one block, a continuation line",
			"| One\n|\n| Two, a line\n  continued\n",
			"<div class=\"line-block\"><div class=\"line\">One</div><div class=\"line\"><br/></div><div class=\"line\">Two, a line continued</div></div>\n"},
		{"each line read apart, as pandoc reads them",
			"| One *two\n| three*\n",
			"<div class=\"line-block\"><div class=\"line\">One *two</div><div class=\"line\">three*</div></div>\n"},
		{"blank line ends the block",
			"| One\n\n| Two\n",
			"<div class=\"line-block\"><div class=\"line\">One</div></div>\n<div class=\"line-block\"><div class=\"line\">Two</div></div>\n"},
		{"in a tight list",
			"- | a\n  | b\n- c\n",
			"<ul>\n<li><div class=\"line-block\"><div class=\"line\">a</div><div class=\"line\">b</div></div></li>\n<li>c</li>\n</ul>\n"},
		{"a table, not verse",
			"| a | b |\n|---|---|\n| 1 | 2 |\n",
			"<table>\n<thead><tr><th scope=\"col\">a</th><th scope=\"col\">b</th></tr></thead>\n<tbody>\n<tr><td>1</td><td>2</td></tr>\n</tbody>\n</table>\n"},
		{"raw HTML block and inline, other formats left out",
			"```{=html}\n<aside><p>Box</p></aside>\n```\n\n```{=latex}\n\\newpage\n```\n\nA `<em>raw</em>`{=html} word`\\,`{=tex}.\n",
			"<aside role=\"note\">\n<p>Box</p>\n</aside>\n<p>A <em>raw</em> word.</p>\n"},
		{"superscript",
			"2^10^ and 1^st^, H~2~O\n",
			"<p>2<sup>10</sup> and 1<sup>st</sup>, H<del>2</del>O</p>\n"},
		{"pandoc's simple table, its caption after it",
			"  Right  Left    Center  Default\n-------  ------ -------- -------\n     12  12        12    12\n\nTable: A *simple* table.\n",
			"<table>\n<caption>A <em>simple</em> table.</caption>\n<thead><tr><th scope=\"col\" class=\"align-right\">Right</th><th scope=\"col\" class=\"align-left\">Left</th><th scope=\"col\" class=\"align-center\">Center</th><th scope=\"col\">Default</th></tr></thead>\n<tbody>\n<tr><td class=\"align-right\">12</td><td class=\"align-left\">12</td><td class=\"align-center\">12</td><td>12</td></tr>\n</tbody>\n</table>\n"},
		{"pandoc's multiline table, without a header",
			"----------- ----------------\n   First    A row that\n            spans lines.\n\n  Second    Another.\n----------- ----------------\n",
			"<table style=\"width: 40.3%\">\n<colgroup><col style=\"width: 41.4%\"/><col style=\"width: 58.6%\"/></colgroup>\n<tbody>\n<tr><td class=\"align-center\">First</td><td class=\"align-left\">A row that spans lines.</td></tr>\n<tr><td class=\"align-center\">Second</td><td class=\"align-left\">Another.</td></tr>\n</tbody>\n</table>\n"},
		{"raw HTML's column widths, one spanning two columns",
			"<table>\n<colgroup class=\"g\"><col width=\"20%\"/><col span=\"2\" style=\"width: 30%\"/></colgroup>\n<tr><td>1</td><td>2</td><td>3</td></tr>\n</table>\n",
			"<table style=\"width: 80%\">\n<colgroup class=\"g\"><col style=\"width: 25%\"/><col span=\"2\" style=\"width: 37.5%\"/></colgroup>\n<tbody>\n<tr><td>1</td><td>2</td><td>3</td></tr>\n</tbody>\n</table>\n"},
		{"a caption's attributes",
			"  a    b\n---- ----\n  1    2\n\nTable: Sizes {#t:sizes .wide}\n",
			"<table id=\"t:sizes\" class=\"wide\">\n<caption>Sizes</caption>\n<thead><tr><th scope=\"col\" class=\"align-center\">a</th><th scope=\"col\" class=\"align-center\">b</th></tr></thead>\n<tbody>\n<tr><td class=\"align-center\">1</td><td class=\"align-center\">2</td></tr>\n</tbody>\n</table>\n"},
		{"pandoc's grid table, its caption before it",
			": Fruit.\n\n+---------+----------+\n| Fruit   | Pros     |\n+=========+=========:+\n| Bananas | - one    |\n|         | - two    |\n+---------+----------+\n",
			"<table style=\"width: 29.2%\">\n<caption>Fruit.</caption>\n<colgroup><col style=\"width: 47.6%\"/><col style=\"width: 52.4%\"/></colgroup>\n<thead><tr><th scope=\"col\">Fruit</th><th scope=\"col\" class=\"align-right\">Pros</th></tr></thead>\n<tbody>\n<tr><td>Bananas</td><td class=\"align-right\">•\u00a0one<br/>•\u00a0two</td></tr>\n</tbody>\n</table>\n"},
		{"a pipe table's caption",
			"| a | b |\n|---|---|\n| 1 | 2 |\n\n: Pipes.\n",
			"<table>\n<caption>Pipes.</caption>\n<thead><tr><th scope=\"col\">a</th><th scope=\"col\">b</th></tr></thead>\n<tbody>\n<tr><td>1</td><td>2</td></tr>\n</tbody>\n</table>\n"},
		{"dashes under one line of text: a heading, not a table",
			"Title\n-----\nText\n",
			"<h2 id=\"title\">Title</h2>\n<p>Text</p>\n"},
		{"CriticMarkup shown",
			"{--Five--}{++Ten++} copies, {~~sewn~>glued~~}, {==trimmed==}{>>ask<<}.\n",
			"<p><del>Five</del><ins class=\"critic\">Ten</ins> copies, <del>sewn</del><ins class=\"critic\">glued</ins>, <mark class=\"critic\">trimmed</mark><small class=\"critic comment\"><i>ask</i></small>.</p>\n"},
		{"no interrupting a paragraph",
			"Prose\n| not verse\n",
			"<p>Prose | not verse</p>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ch, err := markdown.Parse([]byte(tc.src), "ch.md")
			if err != nil {
				t.Fatal(err)
			}
			if len(ch.Warnings) > 0 {
				t.Errorf("warnings: %v", ch.Warnings)
			}
			w := &Writer{}
			NewBody(w, &page{}, Options{}).Blocks(ch.Blocks, false)
			if got := string(w.Bytes()); got != tc.want {
				t.Errorf("source:\n%s\ngot:\n%s\nwant:\n%s", tc.src, strings.ReplaceAll(got, "\u00a0", "·"), strings.ReplaceAll(tc.want, "\u00a0", "·"))
			}
		})
	}
}

// FuzzPandocTables parses Markdown made of pandoc's tables, their pieces
// and their captions, and writes it: the markup must be well-formed.
func FuzzPandocTables(f *testing.F) {
	for _, s := range []string{
		"  Right  Left\n-------  ------\n     12  12\n\nTable: T.\n",
		"------- ------\n  12    12\n------- ------\n\n",
		"---------------\n A   B\n--- -----------\n 1   two\n     lines\n\n 2   x\n---------------\n\n: C\n",
		"+---+-----+\n| a | - b |\n+===+=====+\n| `c` | <b>d</b> |\n+---+-----+\n",
		"+---+---+\n| a     |\n+---+---+\n| ```   |\n| x<y & |\n| ```   |\n+---+---+\n",
		"- x\n\n  A  B\n  -- --\n  1  2\n::: d\nA  B\n-- --\n1  2\n:::\n",
		"Table: a\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n: b\n\n+-+\n|x|\n+-+\n",
		"+------+----+\n| 名前 | 1. |\n|      | 2. x |\n+------+----+\n\nTable: c {#t .x k=\"<&>\"}\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		ch, err := markdown.Parse([]byte(src), "ch.md")
		if err != nil {
			t.Fatal(err)
		}
		w := &Writer{}
		NewBody(w, &page{}, Options{}).Blocks(ch.Blocks, false)
		dec := xml.NewDecoder(strings.NewReader("<body>" + string(w.Bytes()) + "</body>"))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("not well-formed: %v\nsource: %q\nmarkup:\n%s", err, src, w.Bytes())
			}
		}
	})
}

// TestLinesOf: a line block is cut into lines at its breaks, unless one is
// inside another inline, which only br can end.
func TestLinesOf(t *testing.T) {
	a, b := &doc.Text{Text: "a"}, &doc.Text{Text: "b"}
	lines, ok := linesOf([]doc.Inline{a, &doc.Break{}, &doc.Break{}, b})
	if !ok || len(lines) != 3 || len(lines[0]) != 1 || len(lines[1]) != 0 || len(lines[2]) != 1 {
		t.Errorf("a, break, break, b: %d lines %v, ok %v", len(lines), lines, ok)
	}
	if _, ok := linesOf([]doc.Inline{a, &doc.Emph{Content: []doc.Inline{b, &doc.Break{}}}}); ok {
		t.Error("a break inside emphasis cut the block")
	}
}
