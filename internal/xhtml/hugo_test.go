package xhtml

import "testing"

// TestHugoShortcodesToXHTML: Hugo's built-in shortcodes come out as the
// markup a reader of the site sees, well-formed, and escaped tags as text
// (the test page has no pictures: the figure's stands in as its description).
func TestHugoShortcodesToXHTML(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"figure with a caption",
			"{{< figure src=\"cat.png\" alt=\"A <cat>\" caption=\"Asleep & warm\" >}}\n",
			"<figure><span class=\"image-missing\">A &lt;cat&gt;</span><figcaption>Asleep &amp; warm</figcaption></figure>\n"},
		{"details: its summary Markdown, raw HTML tags left out as Hugo leaves them",
			"{{< details summary=\"More &amp; *less* <here>\" >}}\nHidden *text*.\n{{< /details >}}\n",
			"<details><summary>More &amp; <em>less</em></summary>\n<p>Hidden <em>text</em>.</p>\n</details>\n"},
		{"highlight",
			"{{< highlight html >}}\n<b>{{</* x */>}}</b>\n{{< /highlight >}}\n",
			"<pre><code class=\"language-html\" translate=\"no\">&lt;b&gt;{{&lt; x &gt;}}&lt;/b&gt;</code></pre>\n"},
		{"escapes in text and code",
			"Write {{</* figure src=\"x\" */>}} or `{{%/* p */%}}` & {{</* /x */>}}.\n",
			"<p>Write {{&lt; figure src=\"x\" &gt;}} or <code translate=\"no\">{{% p %}}</code> &amp; {{&lt; /x &gt;}}.</p>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) { checkMarkdownXHTML(t, tc.src, tc.want) })
	}
}
