package include

import (
	"strings"
	"testing"
	"testing/fstest"
)

// mystBook is a Jupyter Book: lectures that include a shared admonition,
// as QuantEcon's lectures include _admonition/gpu.md.
var mystBook = fstest.MapFS{
	"book/_admonition/gpu.md": {Data: []byte("```{admonition} GPU\nThis lecture uses a GPU.\n```\n")},
	"book/part/_note.md":      {Data: []byte("---\norphan: true\n---\nA note.\n")},
	"book/data/prices.csv":    {Data: []byte("Item,Price\n\nTea,2\n")},
}

func expandMyst(src, file string) *Result {
	return Expand([]byte(src), file, Options{FS: mystBook, Book: "book", Roots: []string{"book"}, Setting: "markdown.include_paths", Allowed: "[book]"})
}

// TestMystInclude: MyST's include directive, its fence, options and
// closing fence, is the file's text without its front matter.
func TestMystInclude(t *testing.T) {
	tests := []struct{ name, file, src, want string }{
		{"backquotes", "ch.md", "A\n\n```{include} _admonition/gpu.md\n```\n\nB\n", "A\n\n```{admonition} GPU\nThis lecture uses a GPU.\n```\n\nB\n"},
		{"colons, relative to the file", "part/ch.md", ":::{include} _note.md\n:::\n", "A note.\n"},
		{"from the book folder", "part/ch.md", "````{include} /_admonition/gpu.md\n````\nB\n", "```{admonition} GPU\nThis lecture uses a GPU.\n```\nB\n"},
		{"a body: not MyST's include", "ch.md", "```{include} _admonition/gpu.md\ntext\n```\n", "```{include} _admonition/gpu.md\ntext\n```\n"},
		{"never closed", "ch.md", "```{include} _admonition/gpu.md\n", "```{include} _admonition/gpu.md\n"},
		{"a csv-table's file: its values in its body, without blank lines", "part/ch.md", "A\n```{csv-table} Prices\n:file: ../data/prices.csv\n:header-rows: 1\n```\nB\n", "A\n```{csv-table} Prices\n:header-rows: 1\n\nItem,Price\nTea,2\n```\nB\n"},
		{"a csv-table from the book folder, indented", "part/ch.md", "- x\n\n  ```{csv-table}\n  :file: /data/prices.csv\n  ```\n", "- x\n\n  ```{csv-table}\n  \n  Item,Price\n  Tea,2\n  ```\n"},
		{"a csv-table with values of its own", "ch.md", "```{csv-table}\n:file: data/prices.csv\na,b\n```\n", "```{csv-table}\n:file: data/prices.csv\na,b\n```\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := expandMyst(tc.src, tc.file)
			if len(r.Warnings) > 0 {
				t.Errorf("warnings: %v", r.Warnings)
			}
			if got := string(r.Source); got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestMystIncludeMessages(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"missing", "x\n```{include} _none.md\n```\n",
			"ch.md:2:1: ```{include} _none.md: cannot read _none.md: no such file; left as written"},
		{"an option", "```{include} _admonition/gpu.md\n:start-line: 2\n```\n",
			"ch.md:1:1: ```{include} _admonition/gpu.md: option :start-line: is not read; the whole file is included"},
		{"a csv-table's file missing", "```{csv-table} T\n:file: none.csv\n```\n",
			"ch.md:2:1: ```{csv-table} T :file: none.csv: cannot read none.csv: no such file; left as written"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := expandMyst(tc.src, "ch.md")
			var got []string
			for _, w := range r.Warnings {
				got = append(got, w.String())
				if w.Code != CodeMissing && w.Code != CodeOption {
					t.Errorf("code %s", w.Code)
				}
			}
			if strings.Join(got, "\n") != tc.want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), tc.want)
			}
		})
	}
}
