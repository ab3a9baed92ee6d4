package markdown

import (
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

func TestExampleMarkers(t *testing.T) {
	for _, tc := range []struct {
		line  string
		label string
		delim byte
		width int
		ok    bool
	}{
		{"(@) x", "", '(', 3, true},
		{"(@good) x", "good", '(', 7, true},
		{"(@a_b-c2)\n", "a_b-c2", '(', 9, true},
		{"(@é)\tx", "é", '(', 5, true},
		{"(@-x) x", "-x", '(', 5, true},
		{"(@)", "", '(', 3, true},
		{"@. x", "", '.', 2, true},
		{"@x) x", "x", ')', 3, true},
		{"(@)x", "", 0, 0, false},
		{"(@x-) x", "", 0, 0, false}, // a label ends on a letter or digit
		{"(@a--b) x", "", 0, 0, false},
		{"(@x. x", "", 0, 0, false},
		{"@x x", "", 0, 0, false},
		{"(@x:y) x", "", 0, 0, false},
		{"(1) x", "", 0, 0, false},
	} {
		label, delim, width, ok := exampleMarker([]byte(tc.line))
		if label != tc.label || delim != tc.delim || width != tc.width || ok != tc.ok {
			t.Errorf("exampleMarker(%q) = %q %q %d %v, want %q %q %d %v", tc.line, label, delim, width, ok, tc.label, tc.delim, tc.width, tc.ok)
		}
	}
}

func TestExampleLists(t *testing.T) {
	checkTrees(t, []struct{ name, src, want string }{
		{"numbered on across lists and text", "(@) one\n(@) two\n\nText.\n\n(@) three\n", `
list ordered start=1 tight .example
  item
    para
      text "one"
  item
    para
      text "two"
para
  text "Text."
list ordered start=3 tight .example
  item
    para
      text "three"
`},
		{"labels, references before and after, an unknown label a citation", "See (@last).\n\n(@) a\n\n(@good) b\n\nAs (@good) and @good [p. 3] show, not (@bad).\n\n(@last) c\n", `
para
  text "See (3)."
list ordered start=1 .example
  item
    para
      text "a"
  item
    para
      text "b"
para
  text "As (2) and 2 [p. 3] show, not ("
  cite "@bad" in-text
    @bad 
  text ")."
list ordered start=3 tight .example
  item
    para
      text "c"
`},
		{"references in a word, escaped or in code stay", "(@a) x\n\nme@a, \\@a, `@a`, [@a] and -@a and (@a--@a)\n", `
list ordered start=1 tight .example
  item
    para
      text "x"
para
  text "me@a, @a, "
  code "@a"
  text ", "
  cite "[@a]"
    @a 
  text " and -1 and (1–1)"
`},
		{"each delimiter its own list", "(@) a\n@) b\n@. c\n", `
list ordered start=1 tight .example
  item
    para
      text "a"
list ordered start=2 tight .example
  item
    para
      text "b"
list ordered start=3 tight .example
  item
    para
      text "c"
`},
		{"no list inside a paragraph", "Text\n(@) x\n", `
para
  text "Text (@) x"
`},
		{"continuation four spaces in, whatever the label", "(@long-label)   First.\n\n    Second.\n\n        code\nlazy\n", `
list ordered start=1 .example
  item
    para
      text "First."
    para
      text "Second."
    code lang=""
      | code
para
  text "lazy"
`},
		{"lazy continuation", "(@) a\n  b\n", `
list ordered start=1 tight .example
  item
    para
      text "a b"
`},
		// as pandoc's manual warns, a list goes on from its first number
		{"a reused label repeats its number", "(@foo) a\n(@) b\n\nText.\n\n(@foo) a\n\n@foo\n\n(@) c\n", `
list ordered start=1 tight .example
  item
    para
      text "a"
  item
    para
      text "b"
para
  text "Text."
list ordered start=1 tight .example
  item
    para
      text "a"
para
  text "1"
list ordered start=3 tight .example
  item
    para
      text "c"
`},
		{"nested, in a quote, in a bullet list, empty", "(@) a\n\n    (@) b\n\n> (@) c\n\n- d\n\n    (@) e\n\n(@)\n", `
list ordered start=1 .example
  item
    para
      text "a"
    list ordered start=2 tight .example
      item
        para
          text "b"
blockquote
  list ordered start=3 tight .example
    item
      para
        text "c"
list bullet
  item
    para
      text "d"
    list ordered start=4 tight .example
      item
        para
          text "e"
list ordered start=5 tight .example
  item
`},
		{"after a bare marker, the next line is the item's", "(@)\nfoo\n\n(@)\n\nbar\n\n(@)\n(@) baz\n@) qux\n", `
list ordered start=1 .example
  item
    para
      text "foo"
  item
para
  text "bar"
list ordered start=3 tight .example
  item
  item
    para
      text "baz"
list ordered start=5 tight .example
  item
    para
      text "qux"
`},
		{"other ordered lists", "(@) a\n1) b\n\n(1) c\n", `
list ordered start=1 tight .example
  item
    para
      text "a"
list ordered start=1 tight
  item
    para
      text "b"
para
  text "(1) c"
`},
		{"a marker needs a space, and code is code", "(@)x\n\n    (@) y\n\n```\n(@) z\n```\n", `
para
  text "(@)x"
code lang=""
  | (@) y
code lang=""
  | (@) z
`},
	})
}

// TestExamplesPerChapter: each chapter numbers its examples from 1, with
// the parser reused.
func TestExamplesPerChapter(t *testing.T) {
	p := New()
	for i := 0; i < 2; i++ {
		ch, err := p.Parse([]byte("(@) x\n\n(@) y\n"), "c.md")
		if err != nil {
			t.Fatal(err)
		}
		l, ok := ch.Blocks[0].(*doc.List)
		if !ok || l.Start != 1 {
			t.Fatalf("parse %d: first block %#v, want a list starting at 1", i+1, ch.Blocks[0])
		}
	}
}
