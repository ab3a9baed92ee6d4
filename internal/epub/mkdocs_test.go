package epub

import (
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/markdown"
)

// TestMarkdownMkdocsBlocks: MkDocs' admonitions are asides led by their
// title, its collapsible ones disclosures summed up by theirs, and its
// content tabs a group of sections, each its title then its body.
func TestMarkdownMkdocsBlocks(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"admonition", "!!! note \"Look *here*\"\n    - One.\n\n    ```\n    code\n    ```\n",
			"<aside class=\"admonition note\" role=\"note\">\n<p class=\"admonition-title\"><strong>Look <em>here</em></strong></p>\n" +
				"<ul>\n<li>One.</li>\n</ul>\n<pre><code translate=\"no\">code</code></pre>\n</aside>\n"},
		{"no title", "!!! tip \"\"\n    Text.\n",
			"<aside class=\"admonition tip\" role=\"note\">\n<p>Text.</p>\n</aside>\n"},
		{"collapsible", "??? warning\n    Hidden.\n",
			"<details class=\"warning\"><summary>Warning</summary>\n<p>Hidden.</p>\n</details>\n"},
		{"tabs", "=== \"C\"\n    One.\n\n=== \"Go\"\n    Two.\n",
			"<div class=\"tabbed-set\">\n<section class=\"tabbed-block\">\n<p class=\"tabbed-title\"><strong>C</strong></p>\n<p>One.</p>\n</section>\n" +
				"<section class=\"tabbed-block\">\n<p class=\"tabbed-title\"><strong>Go</strong></p>\n<p>Two.</p>\n</section>\n</div>\n"},
	}
	parser := markdown.New()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := markdownChapter(t, parser, tc.src)
			got := between(x, "</h1>\n", "</section>\n</body>")
			got = strings.TrimSuffix(strings.TrimPrefix(got, "</h1>\n"), "</section>\n</body>")
			if got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}
