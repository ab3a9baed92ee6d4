package include

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// quartoBook is a Quarto project: chapters in the book folder's root and
// in docs/, the files they include beside them.
var quartoBook = fstest.MapFS{
	"book/_intro.qmd":         {Data: []byte("---\ntitle: Ignored\n---\nIntro **text**.\n")},
	"book/docs/_part.qmd":     {Data: []byte("Part.\n{{< include ../_intro.qmd >}}\n")},
	"book/docs/_self.qmd":     {Data: []byte("{{< include _self.qmd >}}\n")},
	"book/docs/with space.md": {Data: []byte("Spaced.\n")},
}

func expandQuarto(src, file string) *Result {
	return Expand([]byte(src), file, Options{FS: quartoBook, Book: "book", Roots: []string{"book"}, Setting: "markdown.include_paths", Allowed: "[book]"})
}

// TestQuartoInclude: Quarto's include shortcode, alone on its line, is the
// file's text without its front matter, relative to the including file
// (or to the book folder from a leading /), in .qmd and .Rmd chapters.
func TestQuartoInclude(t *testing.T) {
	tests := []struct{ name, file, src, want, origin string }{
		{"beside", "ch.qmd", "A\n\n{{< include _intro.qmd >}}\n\nB\n", "A\n\nIntro **text**.\n\nB\n", "_intro.qmd:4"},
		{"nested, each relative to its file", "docs/ch.qmd", "{{< include _part.qmd >}}\n", "Part.\nIntro **text**.\n", "docs/_part.qmd:1"},
		{"from the project's root", "docs/ch.Rmd", "{{<include /_intro.qmd>}}\n", "Intro **text**.\n", "_intro.qmd:4"},
		{"quoted name", "docs/ch.qmd", "{{< include \"with space.md\" >}}\n", "Spaced.\n", "docs/with space.md:1"},
		{"indented", "ch.qmd", "- item\n\n  {{< include _intro.qmd >}}\n", "- item\n\n  Intro **text**.\n", ""},
		{"escaped, shown", "ch.qmd", "{{{< include _intro.qmd >}}}\n", "{{{< include _intro.qmd >}}}\n", ""},
		{"in a sentence: not an include", "ch.qmd", "Write {{< include _intro.qmd >}} alone.\n", "Write {{< include _intro.qmd >}} alone.\n", ""},
		{"a Markdown chapter's is Hugo's", "ch.md", "{{< include _intro.qmd >}}\n", "{{< include _intro.qmd >}}\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := expandQuarto(tc.src, tc.file)
			if len(r.Warnings) > 0 {
				t.Errorf("warnings: %v", r.Warnings)
			}
			if got := string(r.Source); got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
			if tc.origin != "" {
				f, l, _ := r.Origin(strings.Count(tc.src[:strings.Index(tc.src, "{{<")], "\n") + 1)
				if got := fmt.Sprintf("%s:%d", f, l); got != tc.origin {
					t.Errorf("first included line from %s, want %s", got, tc.origin)
				}
			}
		})
	}
}

func TestQuartoIncludeMessages(t *testing.T) {
	tests := []struct{ name, file, src, want string }{
		{"missing", "ch.qmd", "x\n{{< include _none.qmd >}}\n",
			"ch.qmd:2:1: include.missing: {{< include _none.qmd >}}: cannot read _none.qmd: no such file; left as written"},
		{"outside", "ch.qmd", "{{< include ../secret.qmd >}}\n",
			"ch.qmd:1:1: include.outside: {{< include ../secret.qmd >}}: ../secret.qmd is outside the folders includes may be read from (markdown.include_paths: [book]); left as written"},
		{"itself", "docs/ch.qmd", "{{< include _self.qmd >}}\n",
			"docs/_self.qmd:1:1: include.cycle: {{< include _self.qmd >}}: docs/_self.qmd includes itself (docs/_self.qmd → docs/_self.qmd); left as written"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := expandQuarto(tc.src, tc.file)
			var got []string
			for _, d := range r.Warnings {
				got = append(got, fmt.Sprintf("%s: %s: %s", d.Location(), d.Code, d.Message))
			}
			if strings.Join(got, "\n") != tc.want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), tc.want)
			}
		})
	}
}
