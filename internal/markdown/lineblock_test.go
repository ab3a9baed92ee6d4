package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// treeOf is the outline of src's blocks, then its warnings.
func treeOf(t *testing.T, src string) string {
	t.Helper()
	ch, err := Parse([]byte(src), "t.md")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	doc.DumpBlocks(&b, ch.Blocks)
	for _, w := range warningLines(ch.Warnings) {
		b.WriteString("warning " + w + "\n")
	}
	return b.String()
}

func checkTrees(t *testing.T, cases []struct{ name, src, want string }) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want := strings.TrimPrefix(tc.want, "\n")
			if got := treeOf(t, tc.src); got != want {
				t.Errorf("source:\n%s\ngot:\n%s\nwant:\n%s", tc.src, got, want)
			}
		})
	}
}

func TestLineBlocks(t *testing.T) {
	checkTrees(t, []struct{ name, src, want string }{
		{"lines, indent, an empty line, a continuation", "| One *two*\n|  \tIndented\n|\n| Long\n   and longer\n", `
lines
  text "One "
  emph
    text "two"
  break
  text "\u00a0\u00a0\u00a0\u00a0\u00a0Indented"
  break
  break
  text "Long and longer"
`},
		{"empty lines at the ends dropped", "|\n| a\n|   \n", `
lines
  text "a"
`},
		{"only empty lines", "|\n|\n", ""},
		{"raw HTML in a line", "| <b>bold</b> and\n| <i>it</i>\n", `
lines
  attention
    text "bold"
  text " and"
  break
  alternate
    text "it"
`},
		{"in a quote", "> | a\n>   b\n> | c\n", `
blockquote
  lines
    text "a b"
    break
    text "c"
`},
		{"another line ends it", "| a\nb\n", `
lines
  text "a"
para
  text "b"
`},
		{"in a list item, continued by a tab", "* | a\n\tb\n", `
list bullet tight
  item
    lines
      text "a b"
`},
		{"an empty line in a list item, continued by a tab", "0\n* |\n\t0", `
para
  text "0"
list bullet tight
  item
    lines
      text "0"
`},
		{"a bar without a space is text", "|a\n", `
para
  text "|a"
`},
		{"a table's header row", "| a |\n| - |\n", `
table align=default
  header
    cell
      text "a"
`},
	})
}

// Long runs of the new constructs' markers parse to valid trees (and, as
// the fuzz targets' time limits check, in time linear in their length).
func TestPathologicalVerseAndCarets(t *testing.T) {
	for name, src := range map[string]string{
		"verse lines":        strings.Repeat("| x\n", 1000),
		"verse blocks":       strings.Repeat("| x\n\n", 1000),
		"table-like lines":   strings.Repeat("| a |\n", 1000),
		"closing carets":     strings.Repeat("a^b ", 1000),
		"carets in pairs":    strings.Repeat("x^y^a^b ", 1000),
		"carets in code":     strings.Repeat("^a`^` ", 1000),
		"raw spans unclosed": strings.Repeat("`x`{=", 1000),
		"raw spans":          strings.Repeat("`x`{=html} `y`{=latex} ", 1000),
		"raw fences":         strings.Repeat("```{=html}\n<div>\n```\n", 300),
	} {
		ch, err := Parse([]byte(src), "p.md")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, p := range invariantProblems(ch, []byte(src)) {
			t.Errorf("%s: %s", name, p)
		}
	}
}
