package markdown

import (
	"encoding/json"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"

	"github.com/samizdat-press/samizdat/internal/doc"
)

type specExample struct {
	Markdown string `json:"markdown"`
	HTML     string `json:"html"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
}

func loadSpec(tb testing.TB) []specExample {
	tb.Helper()
	data, err := os.ReadFile("../../testdata/commonmark/spec.json")
	if err != nil {
		tb.Fatal(err)
	}
	var ex []specExample
	if err := json.Unmarshal(data, &ex); err != nil {
		tb.Fatal(err)
	}
	return ex
}

// specTextDiffers lists the spec examples whose reference text legitimately
// differs from ours, with the reason. The test fails if one of them stops
// differing, so the list cannot go stale.
// Each one is raw HTML whose text the reference passes through as markup
// and a browser would not show, and which we drop by design.
var specTextDiffers = map[int]string{
	170: "script content is dropped",
	171: "textarea (a form control) is dropped with its content",
	172: "style sheet content is dropped",
	173: "an unclosed style element hides the rest, as in a browser",
	176: "style sheet content is dropped",
	178: "script content is dropped",
	616: "the words are attribute values of a raw <a> tag, not text",
}

var tagPattern = regexp.MustCompile(`<[^>]*>`)

// words splits text into words of letters and digits, counted.
func words(s string) map[string]int {
	m := map[string]int{}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		m[w]++
	}
	return m
}

// treeText is all the text a reader can see in the chapter.
func treeText(ch *Chapter) string {
	var b strings.Builder
	visit := func(blocks []doc.Block) {
		doc.Walk(blocks, doc.Visitor{
			Block: func(bl doc.Block) bool {
				b.WriteString(" ")
				if cb, ok := bl.(*doc.CodeBlock); ok {
					b.WriteString(cb.Text + " ")
				}
				return true
			},
			Inline: func(in doc.Inline) bool {
				switch in := in.(type) {
				case *doc.Text:
					b.WriteString(in.Text)
				case *doc.Code:
					b.WriteString(in.Text)
				case *doc.Break:
					b.WriteString(" ")
				}
				return true
			},
		})
	}
	visit(ch.Blocks)
	for _, n := range ch.Notes {
		visit(n.Blocks)
	}
	return b.String()
}

// TestCommonMarkSpec parses every example of the CommonMark spec and checks
// that no text of the reference rendering is lost: every word of the
// reference HTML's text content must appear in the tree as often.
func TestCommonMarkSpec(t *testing.T) {
	p := New()
	for _, ex := range loadSpec(t) {
		ch, err := p.Parse([]byte(ex.Markdown), "spec.md")
		if err != nil {
			t.Errorf("example %d: %v", ex.Example, err)
			continue
		}
		for _, prob := range invariantProblems(ch, []byte(ex.Markdown)) {
			t.Errorf("example %d (%s): %s", ex.Example, ex.Section, prob)
		}
		want := words(html.UnescapeString(tagPattern.ReplaceAllString(ex.HTML, "")))
		got := words(treeText(ch))
		var missing []string
		for w, n := range want {
			if got[w] < n {
				missing = append(missing, w)
			}
		}
		sort.Strings(missing)
		reason, known := specTextDiffers[ex.Example]
		switch {
		case len(missing) > 0 && !known:
			t.Errorf("example %d (%s): words lost %q\nmarkdown: %q\nreference: %q\ntree text: %q",
				ex.Example, ex.Section, missing, ex.Markdown, ex.HTML, treeText(ch))
		case len(missing) == 0 && known:
			t.Errorf("example %d is listed as differing (%s) but no longer does", ex.Example, reason)
		}
	}
}
