package markdown

import (
	"testing"
)

// TestAlerts: the trees of GitHub's alerts and Obsidian's callouts, and of
// quotes that only look like them.
func TestAlerts(t *testing.T) {
	const note = "div kind=aside .admonition .note\n  para .admonition-title\n    strong\n      text \"Note\"\n"
	runMkdocsCases(t, []mkdocsCase{
		{"GitHub's", "> [!NOTE]\n> In an *actual* definition.\n",
			note + "  para\n    text \"In an \"\n    emph\n      text \"actual\"\n    text \" definition.\"\n", nil},
		{"any case, spaces after", "> [!Important]  \n> Body.\n",
			"div kind=aside .admonition .important\n  para .admonition-title\n    strong\n      text \"Important\"\n  para\n    text \"Body.\"\n", nil},
		{"any type", "> [!MY-TYPE]\n> Body.\n",
			"div kind=aside .admonition .my-type\n  para .admonition-title\n    strong\n      text \"My-type\"\n  para\n    text \"Body.\"\n", nil},
		{"mdbook-spec's edition notes", "> [!EDITION-2018]\n> Body.\n",
			"div kind=aside .admonition .edition-2018\n  para .admonition-title\n    strong\n      text \"2018 Edition differences\"\n  para\n    text \"Body.\"\n", nil},
		{"an edition note titled", "> [!EDITION-2018] Before 2018\n",
			"div kind=aside .admonition .edition-2018\n  para .admonition-title\n    strong\n      text \"Before 2018\"\n", nil},
		{"no edition named", "> [!EDITION-]\n",
			"div kind=aside .admonition .edition-\n  para .admonition-title\n    strong\n      text \"Edition-\"\n", nil},
		{"a title after the marker", "> [!tip] Custom *title*\n> Body.\n",
			"div kind=aside .admonition .tip\n  para .admonition-title\n    strong\n      text \"Custom \"\n      emph\n        text \"title\"\n  para\n    text \"Body.\"\n", nil},
		{"no body", "> [!TIP]\n",
			"div kind=aside .admonition .tip\n  para .admonition-title\n    strong\n      text \"Tip\"\n", nil},
		{"folded closed", "> [!WARNING]-\n> Hidden.\n",
			"div kind=details .warning\n  div kind=summary\n    para\n      text \"Warning\"\n  para\n    text \"Hidden.\"\n", nil},
		{"folded open, titled", "> [!faq]+ Why?\n> Because.\n",
			"div kind=details open .faq\n  div kind=summary\n    para\n      text \"Why?\"\n  para\n    text \"Because.\"\n", nil},
		{"blocks after the marker", "> [!NOTE]\n> - a\n>\n> | x |\n> |---|\n> | 1 |\n",
			note + "  list bullet tight\n    item\n      para\n        text \"a\"\n  table align=default\n    header\n      cell\n        text \"x\"\n    row\n      cell\n        text \"1\"\n", nil},
		{"a lazy line is the body", "> [!NOTE]\nLazy.\n", note + "  para\n    text \"Lazy.\"\n", nil},
		{"in a list", "- Item.\n\n  > [!CAUTION]\n  > Nested.\n",
			"list bullet\n  item\n    para\n      text \"Item.\"\n    div kind=aside .admonition .caution\n      para .admonition-title\n        strong\n          text \"Caution\"\n      para\n        text \"Nested.\"\n", nil},
		{"in a quote and in an alert", "> > [!NOTE]\n> > [!TIP]\n> > > [!TIP]\n",
			"blockquote\n  " + "div kind=aside .admonition .note\n    para .admonition-title\n      strong\n        text \"Note\"\n    para\n      text \"[!TIP]\"\n" +
				"    div kind=aside .admonition .tip\n      para .admonition-title\n        strong\n          text \"Tip\"\n", nil},
		{"marker after text", "> Text [!NOTE]\n", "blockquote\n  para\n    text \"Text [!NOTE]\"\n", nil},
		{"marker on the second line", "> Text\n> [!NOTE]\n", "blockquote\n  para\n    text \"Text [!NOTE]\"\n", nil},
		{"after another block", "> # H\n> [!NOTE]\n", "blockquote\n  heading 1 #h\n    text \"H\"\n  para\n    text \"[!NOTE]\"\n", nil},
		{"text against the marker", "> [!NOTE]. x\n", "blockquote\n  para\n    text \"[!NOTE]. x\"\n", nil},
		{"space inside", "> [! NOTE]\n", "blockquote\n  para\n    text \"[! NOTE]\"\n", nil},
		{"not a type", "> [!a_b]\n", "blockquote\n  para\n    text \"[!a_b]\"\n", nil},
		{"no quote", "[!NOTE]\n", "para\n  text \"[!NOTE]\"\n", nil},
	})
}

// TestAlertsAreAdmonitions: an alert's tree, positions included, is its
// MkDocs spelling's, so every output prints the two alike.
func TestAlertsAreAdmonitions(t *testing.T) {
	for _, tc := range []struct{ alert, mkdocs string }{
		{"> [!NOTE]\n> Body *one*.\n>\n> Two.\n", "!!! note\n    Body *one*.\n\n    Two.\n"},
		{"> [!tip] A *title*\n> Body.\n", "!!! tip \"A *title*\"\n    Body.\n"},
		{"> [!WARNING]\n", "!!! warning\n"},
		{"> [!info]- More\n> Body.\n", "??? info \"More\"\n    Body.\n"},
		{"> [!info]+\n> Body.\n", "???+ info\n    Body.\n"},
	} {
		a, err := Parse([]byte(tc.alert), "ch.md")
		if err != nil {
			t.Fatal(err)
		}
		m, err := Parse([]byte(tc.mkdocs), "ch.md")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := dumpChapter(a), dumpChapter(m); got != want {
			t.Errorf("%q:\n%s\nwant, as %q:\n%s", tc.alert, got, tc.mkdocs, want)
		}
	}
}
