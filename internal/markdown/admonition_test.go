package markdown

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestMkdocsBlocks: the trees of admonitions, disclosures and tabs, and of
// lines that only look like their openers.
func TestMkdocsBlocks(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"default title", "!!! NOTE\n    Body.\n",
			"div kind=aside .admonition .NOTE\n  para .admonition-title\n    strong\n      text \"Note\"\n  para\n    text \"Body.\"\n"},
		{"no title", "!!! note \"\"\n    Body.\n",
			"div kind=aside .admonition .note\n  para\n    text \"Body.\"\n"},
		{"quotes inside the title", "!!! note \"Say \"hi\"\"  \n    Body.\n",
			"div kind=aside .admonition .note\n  para .admonition-title\n    strong\n      text \"Say \\\"hi\\\"\"\n  para\n    text \"Body.\"\n"},
		{"no space after the marker", "!!!danger\n    Body.\n",
			"div kind=aside .admonition .danger\n  para .admonition-title\n    strong\n      text \"Danger\"\n  para\n    text \"Body.\"\n"},
		{"body after a blank line", "!!! tip\n\n    Body.\n",
			"div kind=aside .admonition .tip\n  para .admonition-title\n    strong\n      text \"Tip\"\n  para\n    text \"Body.\"\n"},
		{"ends at a line indented less", "!!! tip\n    In.\n\n  Out.\n",
			"div kind=aside .admonition .tip\n  para .admonition-title\n    strong\n      text \"Tip\"\n  para\n    text \"In.\"\npara\n  text \"Out.\"\n"},
		{"a tab's body indented by a tab", "=== \"A\"\n\tBody.\n",
			"div .tabbed-set\n  div kind=section .tabbed-block\n    para .tabbed-title\n      strong\n        text \"A\"\n    para\n      text \"Body.\"\n"},
		{"empty tab title", "=== \"\"\n    Body.\n",
			"div .tabbed-set\n  div kind=section .tabbed-block\n    para\n      text \"Body.\"\n"},
		{"selected tab", "===+ \"A\"\n    1\n===!+ \"B\"\n    2\n",
			"div .tabbed-set\n  div kind=section .tabbed-block\n    para .tabbed-title\n      strong\n        text \"A\"\n    para\n      text \"1\"\n" +
				"div .tabbed-set\n  div kind=section .tabbed-block\n    para .tabbed-title\n      strong\n        text \"B\"\n    para\n      text \"2\"\n"},
		{"tabs parted by a paragraph", "=== \"A\"\n    1\n\nBetween.\n\n=== \"B\"\n    2\n",
			"div .tabbed-set\n  div kind=section .tabbed-block\n    para .tabbed-title\n      strong\n        text \"A\"\n    para\n      text \"1\"\npara\n  text \"Between.\"\n" +
				"div .tabbed-set\n  div kind=section .tabbed-block\n    para .tabbed-title\n      strong\n        text \"B\"\n    para\n      text \"2\"\n"},
		{"in a quote", "> ??? info \"More\"\n>     Body.\n",
			"blockquote\n  div kind=details .info\n    div kind=summary\n      para\n        text \"More\"\n    para\n      text \"Body.\"\n"},
		{"indented four is code", "    !!! note\n        Body.\n",
			"code lang=\"\"\n  | !!! note\n  |     Body.\n"},
		{"a word that is not a type", "!!! note!\n", "para\n  text \"!!! note!\"\n"},
		{"text after the title", "!!! note \"T\" x\n", "para\n  text \"!!! note \\\"T\\\" x\"\n"},
		{"a title alone", "!!! \"T\"\n", "para\n  text \"!!! \\\"T\\\"\"\n"},
		{"four marks", "==== \"T\"\n", "para\n  text \"==== \\\"T\\\"\"\n"},
		{"three flags", "===+!+ \"T\"\n", "para\n  text \"===+!+ \\\"T\\\"\"\n"},
	}
	var cases []mkdocsCase
	for _, tc := range tests {
		cases = append(cases, mkdocsCase{name: tc.name, src: tc.src, want: tc.want})
	}
	runMkdocsCases(t, cases)
}

// TestMkdocsBlocksBounded: admonitions nested past maxNesting are kept as
// text with one warning at the first line refused; an opener with no body
// at the end of the file, or many of them, neither panics nor loops.
func TestMkdocsBlocksBounded(t *testing.T) {
	var b strings.Builder
	for i := 0; i <= maxNesting; i++ {
		fmt.Fprintf(&b, "%s!!! note\n", strings.Repeat("    ", i))
	}
	ch, err := Parse([]byte(b.String()), "ch.md")
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, ch, []byte(b.String()))
	want := fmt.Sprintf("ch.md:%d:%d: admonitions, tabs, divs, lists and quotes nested more than %d deep; this line is kept as text [mkdocs.too-deep]", maxNesting+1, 4*maxNesting+1, maxNesting)
	if got := warningLines(ch.Warnings); len(got) != 1 || got[0] != want {
		t.Errorf("warnings = %q, want %q", got, want)
	}
	depth, d := 0, ch.Blocks
	for len(d) > 0 {
		div, ok := d[len(d)-1].(*doc.Div)
		if !ok {
			break
		}
		depth++
		d = div.Blocks
	}
	if depth != maxNesting {
		t.Errorf("nested %d deep, want %d", depth, maxNesting)
	}

	for _, src := range []string{"!!! note", "??? note \"\"", "=== \"\"", "!!! note\n\n\n", strings.Repeat("=== \"a\"\n", 20000)} {
		start := time.Now()
		ch, err := Parse([]byte(src), "ch.md")
		if err != nil {
			t.Fatalf("%.20q: %v", src, err)
		}
		// 20,000 tabs parse in some 0.1 s; a pass quadratic in them
		// would take minutes
		if el := time.Since(start); el > 5*time.Second {
			t.Errorf("%.20q took %v", src, el)
		}
		if len(src) < 100 {
			checkInvariants(t, ch, []byte(src))
		}
		if len(ch.Blocks) != 1 {
			t.Errorf("%.20q: %d blocks, want 1", src, len(ch.Blocks))
		}
	}
}
