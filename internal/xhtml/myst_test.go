package xhtml

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/markdown"
)

// TestMystToXHTML: MyST's directives and roles come out as the markup a
// reader of the Jupyter Book sees, well-formed (the test page has no
// pictures: the figure's stands in as its description).
func TestMystToXHTML(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"admonition", ":::{warning} Mind & this\nBody & *more*.\n:::\n", "<aside class=\"admonition warning\" role=\"note\">\n<p class=\"admonition-title\"><strong>Mind &amp; this</strong></p>\n<p>Body &amp; <em>more</em>.</p>\n</aside>\n"},
		{"figure", "```{figure} cat.png\n:alt: A <cat>\n:name: fig-cat\n\nAsleep & warm.\n```\n", "<figure><span class=\"image-missing\">A &lt;cat&gt;</span><figcaption>Asleep &amp; warm.</figcaption></figure>\n"},
		{"dropdown", "```{dropdown} More\nHidden.\n```\n", "<details class=\"dropdown\"><summary>More</summary>\n<p>Hidden.</p>\n</details>\n"},
		{"code cell and roles", "```{code-cell} ipython3\nx < 1\n```\n\n{abbr}`AI (artificial intelligence)`, {math}`a<b`, {ref}`x <fig-cat>`.\n", "<pre><code class=\"language-python\" translate=\"no\">x &lt; 1</code></pre>\n<p><abbr title=\"artificial intelligence\">AI</abbr>, $a&lt;b$, <span class=\"myst-ref\">x</span>.</p>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ch, err := markdown.Parse([]byte(tc.src), "ch.md")
			if err != nil {
				t.Fatal(err)
			}
			w := &Writer{}
			NewBody(w, &page{}, Options{}).Blocks(ch.Blocks, false)
			got := string(w.Bytes())
			if got != tc.want {
				t.Errorf("source:\n%s\ngot:\n%q\nwant:\n%q", tc.src, got, tc.want)
			}
			dec := xml.NewDecoder(strings.NewReader("<body>" + got + "</body>"))
			for {
				if _, err := dec.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("not well-formed: %v\n%s", err, got)
				}
			}
		})
	}
}
