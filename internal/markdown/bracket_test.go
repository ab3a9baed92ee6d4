package markdown

import (
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

func TestSplitLocator(t *testing.T) {
	cases := []struct {
		rest            string
		bare            bool
		locator, suffix string
	}{
		{", 85-86", false, "85-86", ""},
		{", p. 3 and passim", false, "p. 3", "and passim"},
		{", pp. 33-35, 38, emphasis added", false, "pp. 33-35, 38", ", emphasis added"},
		{", chap. 3", false, "chap. 3", ""},
		{", xii-xv", false, "xii-xv", ""},
		{", {pp. iv, vi-xi, (xv)} with suffix", false, "pp. iv, vi-xi, (xv)", "with suffix"},
		{", and passim", false, "", ", and passim"},
		{" and more", false, "", "and more"},
		{", mixed feelings", false, "", ", mixed feelings"},
		{"p. 33", true, "p. 33", ""},
		{"33, the line", true, "33", ", the line"},
	}
	for _, c := range cases {
		loc, suffix := splitLocator(c.rest, c.bare)
		if loc != c.locator || suffix != c.suffix {
			t.Errorf("splitLocator(%q, %v) = %q, %q; want %q, %q", c.rest, c.bare, loc, suffix, c.locator, c.suffix)
		}
	}
}

func TestCiteKey(t *testing.T) {
	for in, want := range map[string]string{
		"serge1963 says": "serge1963", "serge1963.": "serge1963", "doe:99-a, p": "doe:99-a",
		"{odd key} x": "odd key", "_under": "_under", "-x": "", "{}": "", "a/b.c/": "a/b.c",
	} {
		if got, _ := citeKey([]byte(in)); got != want {
			t.Errorf("citeKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// Brackets nested thousands deep cost time in proportion to their
// number, and spans nest no deeper than maxSpanNesting: the deeper ends
// stay the text they were.
func TestDeepBrackets(t *testing.T) {
	n := 3000
	src := strings.Repeat("[", n) + "x" + strings.Repeat("]{.a}", n) + "\n\n" +
		strings.Repeat("*", 200) + "y" + strings.Repeat("*", 200) + "\n"
	ch, err := Parse([]byte(src), "deep.md")
	if err != nil {
		t.Fatal(err)
	}
	depth, maxDepth := 0, 0
	var walk func([]doc.Inline)
	walk = func(in []doc.Inline) {
		for _, x := range in {
			if _, ok := x.(*doc.Span); ok {
				depth++
				maxDepth = max(maxDepth, depth)
				walk(doc.InlineChildren(x))
				depth--
				continue
			}
			walk(doc.InlineChildren(x))
		}
	}
	walk(ch.Blocks[0].(*doc.Paragraph).Content)
	if maxDepth != maxSpanNesting {
		t.Errorf("spans nest %d deep, want %d", maxDepth, maxSpanNesting)
	}
	if got := doc.PlainText(ch.Blocks[0].(*doc.Paragraph).Content); strings.Count(got, "[") != n-maxSpanNesting || !strings.Contains(got, "x") {
		t.Errorf("the unpaired ends are not kept as text: %d of %d", strings.Count(got, "["), n-maxSpanNesting)
	}
}
