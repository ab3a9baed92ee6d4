package markdown

import "testing"

// TestDocusaurusAdmonitions: Docusaurus's :::keyword fences are admonitions
// titled by their keyword, the rest of their line or a bracketed title;
// other fenced divs stay divs.
func TestDocusaurusAdmonitions(t *testing.T) {
	const tip = "div kind=aside .admonition .tip tags=tip\n  para .admonition-title\n    strong\n      text \"Tip\"\n  para\n    text \"Body.\"\n"
	runMkdocsCases(t, []mkdocsCase{
		{"keyword alone", ":::tip\n\nBody.\n\n:::\n", tip, nil},
		{"no blank lines", ":::tip\nBody.\n:::\n", tip, nil},
		{"title on the line", ":::info FB-Only\n\nBody.\n\n:::\n",
			"div kind=aside .admonition .info tags=info\n  para .admonition-title\n    strong\n      text \"FB-Only\"\n  para\n    text \"Body.\"\n", nil},
		{"title in Markdown", ":::caution Read **this**\nBody.\n:::\n",
			"div kind=aside .admonition .caution tags=caution\n  para .admonition-title\n    strong\n      text \"Read \"\n      strong\n        text \"this\"\n  para\n    text \"Body.\"\n", nil},
		{"bracketed title (Docusaurus 3)", ":::note[Your `title`]\nBody.\n:::\n",
			"div kind=aside .admonition .note tags=note\n  para .admonition-title\n    strong\n      text \"Your \"\n      code \"title\"\n  para\n    text \"Body.\"\n", nil},
		{"nested, the outer with more colons", "::::danger Outer\n\n:::tip\n\nBody.\n\n:::\n\n::::\n",
			"div kind=aside .admonition .danger tags=danger\n  para .admonition-title\n    strong\n      text \"Outer\"\n" +
				"  div kind=aside .admonition .tip tags=tip\n    para .admonition-title\n      strong\n        text \"Tip\"\n    para\n      text \"Body.\"\n", nil},
		{"code inside", ":::warning\n\n```sh\nrm -rf /\n```\n\n:::\n",
			"div kind=aside .admonition .warning tags=warning\n  para .admonition-title\n    strong\n      text \"Warning\"\n  code lang=\"sh\"\n    | rm -rf /\n", nil},
		{"pandoc's div of a word that is no keyword", "::: answers\nBody.\n:::\n",
			"div .answers tags=answers\n  para\n    text \"Body.\"\n", nil},
		{"a keyword after a space is pandoc's div", "::: note\nBody.\n:::\n",
			"div .note tags=note\n  para\n    text \"Body.\"\n", nil},
		{"an unknown keyword with a title stays text", ":::answers Title\n",
			"para\n  text \":::answers Title\"\n", nil},
	})
}
