package markdown

import "testing"

// TestQuartoShortcodes: in a Quarto chapter, pagebreak is left out with
// one warning, kbd is a key, meta the front matter's value, video a link,
// {{{< … >}}} the shortcode as written, and the shortcodes that need
// Quarto's project are left out, one warning each.
func TestQuartoShortcodes(t *testing.T) {
	const front = "---\ntitle: The *Book*\n---\n\n"
	tests := []mkdocsCase{
		{"pagebreak", front + "A {{< pagebreak >}}\n\n{{< pagebreak >}}\n\nB\n", "para\n  text \"A\"\npara\n  text \"B\"\n",
			[]string{`ch.qmd:5:3: shortcode "pagebreak" (and 1 more) left out: samizdat breaks the pages itself [quarto.pagebreak]`}},
		{"kbd", "Press {{< kbd Shift-Ctrl-P >}} or {{< kbd mac=Cmd-P win=Ctrl-P >}}.\n",
			"para\n  text \"Press \"\n  keyboard\n    text \"Shift-Ctrl-P\"\n  text \" or \"\n  keyboard\n    text \"Cmd-P\"\n  text \" (macOS), \"\n  keyboard\n    text \"Ctrl-P\"\n  text \" (Windows).\"\n", nil},
		{"meta", front + "In {{< meta title >}}{{< meta nope >}}.\n", "para\n  text \"In The \"\n  emph\n    text \"Book\"\n  text \".\"\n",
			[]string{`ch.qmd:5:22: shortcode "meta": the front matter gives no "nope"; left out [quarto.meta]`}},
		{"escaped", "Show `{{{< include x.qmd >}}}`.\n\n```\n{{{< var v >}}}\n```\n",
			"para\n  text \"Show \"\n  code \"{{< include x.qmd >}}\"\n  text \".\"\ncode lang=\"\"\n  | {{< var v >}}\n", nil},
		{"code that turns them off", "``` {.markdown shortcodes=\"false\"}\n{{< meta title >}}\n```\n",
			"code lang=\"markdown\"\n  | {{< meta title >}}\n", nil},
		{"video", "{{< video https://www.youtube.com/embed/wo9vZccmqwc >}}\n",
			"para\n  link https://www.youtube.com/embed/wo9vZccmqwc\n    text \"Video\"\n",
			[]string{`ch.qmd:1:1: shortcode "video": a book cannot show the video it embeds; printed as a link to it [hugo.embed]`}},
		{"needing Quarto", "A {{< lipsum 2 >}} {{< var x >}} {{< var y >}}\n", "para\n  text \"A\"\n",
			[]string{`ch.qmd:1:3: shortcode "lipsum" needs Quarto to render it; left out [quarto.shortcode]`,
				`ch.qmd:1:20: shortcode "var" needs Quarto to render it; left out (used once more in this file) [quarto.shortcode]`}},
	}
	runCases(t, New(), "ch.qmd", tests)
}
