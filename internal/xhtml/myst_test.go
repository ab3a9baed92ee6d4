package xhtml

import "testing"

// TestMystToXHTML: MyST's directives and roles come out as the markup a
// reader of the Jupyter Book sees, well-formed (the test page has no
// pictures: the figure's stands in as its description).
func TestMystToXHTML(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"admonition", ":::{warning} Mind & this\nBody & *more*.\n:::\n", "<aside class=\"admonition warning\" role=\"note\">\n<p class=\"admonition-title\"><strong>Mind &amp; this</strong></p>\n<p>Body &amp; <em>more</em>.</p>\n</aside>\n"},
		{"figure", "```{figure} cat.png\n:alt: A <cat>\n:name: fig-cat\n\nAsleep & warm.\n```\n", "<figure><span class=\"image-missing\">A &lt;cat&gt;</span><figcaption><span class=\"crossref-label\">fig ??</span>Asleep &amp; warm.</figcaption></figure>\n"},
		{"dropdown", "```{dropdown} More\nHidden.\n```\n", "<details class=\"dropdown\"><summary>More</summary>\n<p>Hidden.</p>\n</details>\n"},
		{"code cell and roles", "```{code-cell} ipython3\nx < 1\n```\n\n{abbr}`AI (artificial intelligence)`, {math}`a<b`, {ref}`x <fig-cat>`.\n", "<pre><code class=\"language-python\" translate=\"no\">x &lt; 1</code></pre>\n<p><abbr title=\"artificial intelligence\">AI</abbr>, <math xmlns=\"http://www.w3.org/1998/Math/MathML\" alttext=\"a&lt;b\"><mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow></math>, <span class=\"myst-ref\">x</span>.</p>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) { checkMarkdownXHTML(t, tc.src, tc.want) })
	}
}
