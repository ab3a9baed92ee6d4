package notes

import (
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// fuzzParagraph builds inline content from a small markup: "*" opens or
// closes emphasis, "_" strong, "|" is a line break, "^" a footnote marker,
// "!" an image; everything else is text.
func fuzzParagraph(src string, fn *doc.Note) []doc.Inline {
	type open struct {
		marker rune
		node   doc.Inline
		list   *[]doc.Inline
	}
	var root []doc.Inline
	stack := []open{{list: &root}}
	top := func() *[]doc.Inline { return stack[len(stack)-1].list }
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			*top() = append(*top(), &doc.Text{Text: text.String()})
			text.Reset()
		}
	}
	for _, r := range src {
		switch r {
		case '*', '_':
			flush()
			if len(stack) > 1 && stack[len(stack)-1].marker == r {
				stack = stack[:len(stack)-1]
				continue
			}
			var node doc.Inline
			var list *[]doc.Inline
			if r == '*' {
				e := &doc.Emph{}
				node, list = e, &e.Content
			} else {
				s := &doc.Strong{}
				node, list = s, &s.Content
			}
			*top() = append(*top(), node)
			stack = append(stack, open{r, node, list})
		case '|':
			flush()
			*top() = append(*top(), &doc.Break{})
		case '^':
			flush()
			*top() = append(*top(), &doc.NoteRef{Note: fn})
		case '!':
			flush()
			*top() = append(*top(), &doc.Image{Src: "x.png"})
		default:
			text.WriteRune(r)
		}
	}
	flush()
	return root
}

// textBefore is the plain text preceding the first marker of note n, in
// document order, and whether the marker was found.
func textBefore(in []doc.Inline, n *doc.Note) (string, bool) {
	var sb strings.Builder
	var walk func([]doc.Inline) bool
	walk = func(in []doc.Inline) bool {
		for _, x := range in {
			switch x := x.(type) {
			case *doc.NoteRef:
				if x.Note == n {
					return true
				}
			case *doc.Text:
				sb.WriteString(x.Text)
			case *doc.Code:
				sb.WriteString(x.Text)
			case *doc.Break:
				sb.WriteByte('\n')
			default:
				if walk(doc.InlineChildren(x)) {
					return true
				}
			}
		}
		return false
	}
	found := walk(in)
	return sb.String(), found
}

// countMarkers counts the markers of note n in content.
func countMarkers(in []doc.Inline, n *doc.Note) int {
	count := 0
	doc.WalkInlines(in, doc.Visitor{Inline: func(x doc.Inline) bool {
		if r, ok := x.(*doc.NoteRef); ok && r.Note == n {
			count++
		}
		return true
	}})
	return count
}

// oracleCount counts occurrences of the quote the simple way: in the
// normalized plain text of the whole paragraph.
func oracleCount(plain, quote, prefix, suffix string) int {
	text, q := normalizeText(plain), quoteKey(quote)
	p, s := strings.TrimRight(normalizeText(prefix), " "), strings.TrimLeft(normalizeText(suffix), " ")
	if q == "" {
		return 0
	}
	n := 0
	for i := 0; i+len(q) <= len(text); i++ {
		if text[i:i+len(q)] == q &&
			strings.HasSuffix(strings.TrimRight(text[:i], " "), p) &&
			strings.HasPrefix(strings.TrimLeft(text[i+len(q):], " "), s) {
			n++
		}
	}
	return n
}

// anchorOne runs the resolver's search and placement on one paragraph.
func anchorOne(t testing.TB, content []doc.Inline, quote, prefix, suffix string) (*doc.Paragraph, *doc.Note, int) {
	p := para("f.md", 1, content...)
	e := chapter("f.md", p)
	r, err := newResolver(&doc.Book{Entries: []*doc.Entry{e}}, Input{Options: Options{Annotations: true}})
	if err != nil {
		t.Fatal(err)
	}
	note := &doc.Note{Kind: doc.AnnotationNote}
	a := &annotation{file: "a.yaml", line: 1, quote: quote, prefix: prefix, suffix: suffix, note: note}
	h := r.search([]*annotation{a}, nil)[a]
	if h == nil {
		return p, note, 0
	}
	if h.n == 1 {
		pl := h.ms[0].c.placementAt(h.ms[0].end)
		pl.ref = &doc.NoteRef{Note: note}
		applyPlacements([]placement{pl})
	}
	return p, note, h.n
}

func FuzzAnchor(f *testing.F) {
	seeds := []struct{ para, quote, prefix, suffix string }{
		{"At the Tenth Party Congress in 1922, Lenin spoke.", "Tenth Party Congress", "", ""},
		{"The *workers’ opposition*|must speak", "workers' opposition must", "", ""},
		{"She said “don’t” — twice… then", "\"don't\" -- twice...", "", ""},
		{"aaa", "aa", "", ""},
		{"a a a", "a", "a ", ""},
		{"x*y*^z_w_", "yz", "", "w"},
		{"end of *emph*", "of emph", "", ""},
		{"dots... and …", "..", "", ""},
		{"---a--b—c", "-a-b-", "", ""},
		{"\xff\xfe broken", "broken", "", ""},
		{"  spaced   out  ", " spaced out ", "", ""},
		{"soft\u00adhyphen", "softhyphen", "", ""},
		{"!image^then text", "then", "", ""},
	}
	for _, s := range seeds {
		f.Add(s.para, s.quote, s.prefix, s.suffix)
	}
	f.Fuzz(func(t *testing.T, src, quote, prefix, suffix string) {
		fn := &doc.Note{Kind: doc.FootnoteNote}
		content := fuzzParagraph(src, fn)
		before := doc.PlainText(content)
		p, note, count := anchorOne(t, content, quote, prefix, suffix)

		if want := oracleCount(before, quote, prefix, suffix); count != want {
			t.Fatalf("found %d times, the plain text has it %d times\npara %q quote %q", count, want, before, quote)
		}
		if after := doc.PlainText(p.Content); after != before {
			t.Fatalf("text changed:\nbefore %q\nafter  %q", before, after)
		}
		markers := countMarkers(p.Content, note)
		if count != 1 {
			if markers != 0 {
				t.Fatalf("%d markers for a quote found %d times", markers, count)
			}
			return
		}
		if markers != 1 {
			t.Fatalf("%d markers, want 1", markers)
		}
		prior, ok := textBefore(p.Content, note)
		if !ok {
			t.Fatal("marker not found")
		}
		// The marker follows the quote's last character; when the quote ends
		// inside a folded run (an ellipsis, a dash run) it follows the run.
		norm, q := normalizeText(prior), quoteKey(quote)
		tail := norm[max(0, len(norm)-len(q)-2):]
		if !strings.Contains(tail, q) {
			t.Fatalf("marker not right after the quote\npara %q quote %q\ntext before marker %q", src, quote, prior)
		}
	})
}

func TestAnchorPlacesMarkersInFileOrder(t *testing.T) {
	p := para("f.md", 1, txt("one two three"))
	e := chapter("f.md", heading("f.md", 1, 1, "f", txt("F")), p)
	r, err := newResolver(&doc.Book{Entries: []*doc.Entry{e}}, Input{Options: Options{Annotations: true}})
	if err != nil {
		t.Fatal(err)
	}
	var anns []*annotation
	for i, q := range []string{"two", "one two", "three", "two"} {
		prefix := ""
		if i == 3 {
			prefix = "one"
		}
		anns = append(anns, &annotation{file: "a.yaml", line: i + 1, quote: q, prefix: prefix,
			note: &doc.Note{Kind: doc.AnnotationNote, Label: string(rune('a' + i))}})
	}
	r.anchorAnnotations(anns)
	if len(r.errs) > 0 {
		t.Fatal(r.errs)
	}
	if got, want := marked(p.Content), "one two{a}{b}{d} three{c}"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestNormalize(t *testing.T) {
	cases := map[string]string{
		"a  \t\n b":          "a b",
		"“x” ‘y’ „z‟":        `"x" 'y' "z"`,
		"a--b — c – d---e":   "a-b - c - d-e",
		"wait…":              "wait...",
		"soft\u00adhyphen":   "softhyphen",
		"non\u00a0breaking":  "non breaking",
		"Case Stays":         "Case Stays",
		"zero\u200bwidth":    "zerowidth",
		"tab\u2003em space ": "tab em space ",
	}
	for in, want := range cases {
		if got := normalizeText(in); got != want {
			t.Errorf("normalizeText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCodeSpanGetsMarkerAfterIt(t *testing.T) {
	content := []doc.Inline{txt("run "), &doc.Code{Text: "go test ./..."}, txt(" now")}
	p, _, count := anchorOne(t, content, "run go test", "", "")
	if count != 1 {
		t.Fatalf("found %d times", count)
	}
	if got, want := marked(p.Content), "run go test ./...{} now"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
