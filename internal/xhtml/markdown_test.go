package xhtml

import (
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/markdown"
)

// TestMarkdownToXHTML: pandoc's constructs for text whose lines are
// meaning, and for content meant for one format, come out of the parser
// and this package as exactly this markup.
func TestMarkdownToXHTML(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"line block",
			"| The limerick packs laughs *anatomical*\n|    Into space that is quite economical.\n",
			"<div class=\"line-block\">The limerick packs laughs <em>anatomical</em><br/>\u00a0\u00a0\u00a0Into space that is quite economical.</div>\n"},
		{"stanzas in one block, a continuation line",
			"| One\n|\n| Two, a line\n  continued\n",
			"<div class=\"line-block\">One<br/><br/>Two, a line continued</div>\n"},
		{"blank line ends the block",
			"| One\n\n| Two\n",
			"<div class=\"line-block\">One</div>\n<div class=\"line-block\">Two</div>\n"},
		{"in a tight list",
			"- | a\n  | b\n- c\n",
			"<ul>\n<li><div class=\"line-block\">a<br/>b</div></li>\n<li>c</li>\n</ul>\n"},
		{"a table, not verse",
			"| a | b |\n|---|---|\n| 1 | 2 |\n",
			"<table>\n<thead><tr><th scope=\"col\">a</th><th scope=\"col\">b</th></tr></thead>\n<tbody>\n<tr><td>1</td><td>2</td></tr>\n</tbody>\n</table>\n"},
		{"raw HTML block and inline, other formats left out",
			"```{=html}\n<aside><p>Box</p></aside>\n```\n\n```{=latex}\n\\newpage\n```\n\nA `<em>raw</em>`{=html} word`\\,`{=tex}.\n",
			"<aside role=\"note\">\n<p>Box</p>\n</aside>\n<p>A <em>raw</em> word.</p>\n"},
		{"superscript",
			"2^10^ and 1^st^, H~2~O\n",
			"<p>2<sup>10</sup> and 1<sup>st</sup>, H<del>2</del>O</p>\n"},
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
