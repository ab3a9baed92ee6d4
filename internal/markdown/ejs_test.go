package markdown

import (
	"strings"
	"testing"
)

// TestEloquentJavaScript: a chapter in Eloquent JavaScript's Markdown
// (its marks modelled on the book's, the text our own) reads as that
// book's build reads it; the same lines elsewhere stay as written.
func TestEloquentJavaScript(t *testing.T) {
	const meta = "{{meta {docid: values}}}\n\n"
	runCases(t, New(), "ch.md", []mkdocsCase{
		{"index lines and marks are entries where they stand", meta + "{{index bit, [number, notation]}}\n\nA ((bit)) is `((x))`.\n",
			"para\n  span .index term=\"bit\"\n  span .index term=\"number!notation\"\n  text \"A \"\n  span .index term=\"bit\"\n  text \"bit is \"\n  code \"((x))\"\n  text \".\"\n", nil},
		{"figure", meta + "{{figure {url: \"img/dots.jpg\", alt: \"Dots, \\\"bits\\\"\", chapter: framed}}}\n",
			"figure\n  image src=\"img/dots.jpg\" alt=\"Dots, \\\"bits\\\"\" at=3:1\n", nil},
		{"quote with author and work", "# Title\n\n{{quote {author: \"A. Master\", title: \"The Book\", chapter: true}\n\nWise words.\n\nquote}}\n",
			"heading 1 #title\n  text \"Title\"\nblockquote\n  para\n    text \"Wise words.\"\n  para\n    text \"— A. Master, \"\n    emph\n      text \"The Book\"\n", nil},
		{"hints quoted, their code too", meta + "{{hint\n\nTry this:\n\n```\nx()\n```\n\nhint}}\n",
			"blockquote\n  para\n    strong\n      text \"Hints\"\n  para\n    text \"Try this:\"\n  code lang=\"javascript\"\n    | x()\n", nil},
		{"conditions: the printed book's kept", meta + "{{if interactive\n\nRun it.\n\nif}}\n\n{{if book\n\nIn print.\n\nif}}\n",
			"para\n  text \"In print.\"\n", nil},
		{"fence languages", meta + "```{lang: html, test: no}\n<p>\n```\n\n```{test: no}\nf()\n```\n\n```{lang: null}\nout\n```\n",
			"code lang=\"html\"\n  | <p>\ncode lang=\"javascript\"\n  | f()\ncode lang=\"text\"\n  | out\n", nil},
		{"ids on the heading or the text after them", meta + "{{id loops}}\n\n## Loops\n\n{{id \"console.log\"}}\n{{index console}}\n\nText.\n",
			"heading 2 #loops\n  text \"Loops\"\npara\n  span .index term=\"console\"\n  span #console.log\n  text \"Text.\"\n", nil},
		{"a table without header", meta + "{{table {cols: [1, 5]}}}\n\n| `\\d` | Any ((digit))\n| `.`  | Any character\n",
			"table align=default,default\n  header\n  row\n    cell\n      code \"\\\\d\"\n    cell\n      text \"Any \"\n      span .index term=\"digit\"\n      text \"digit\"\n  row\n    cell\n      code \".\"\n    cell\n      text \"Any character\"\n", nil},
		{"a link to a chapter: its ? is the chapter's number", meta + "As [Chapter ?](basics) and [parts ? and ?](more#part) say.\n",
			"para\n  text \"As \"\n  link basics page=after\n    text \"Chapter \"\n    span .ejs-chapter-number chapter=\"basics\"\n      text \"?\"\n  text \" and \"\n  link more#part page=after\n    text \"parts \"\n    span .ejs-chapter-number chapter=\"more\"\n      text \"?\"\n    text \" and \"\n    span .ejs-chapter-number chapter=\"more\"\n      text \"?\"\n  text \" say.\"\n", nil},
		{"a ? elsewhere stays", meta + "Why? [Really?](https://example.org) [ask?](q.md) `[Chapter ?](basics)`\n",
			"para\n  text \"Why? \"\n  link https://example.org\n    text \"Really?\"\n  text \" \"\n  link q.md page=after\n    text \"ask?\"\n  text \" \"\n  code \"[Chapter ?](basics)\"\n", nil},
	})
	runCases(t, New(), "ch.md", []mkdocsCase{
		{"elsewhere the marks are text", "A ((bit)).\n\n{{index bit}}\n", "para\n  text \"A ((bit)).\"\npara\n  text \"{{index bit}}\"\n", nil},
		{"elsewhere a link's ? is text", "[Chapter ?](basics)\n", "para\n  link basics page=after\n    text \"Chapter ?\"\n", nil},
	})
}

// TestEloquentJavaScriptIndex: each of the book's index marks, as its
// build's pseudo-JSON reads them, is an index span at the start of the
// next line of text (after its block marker), one per term; a mark the
// build cannot read stays text.
func TestEloquentJavaScriptIndex(t *testing.T) {
	const meta = "{{meta {docid: values}}}\n\n"
	para := func(spans string) string { return "para\n" + spans + "  text \"Some words.\"\n" }
	span := func(term string) string { return "  span .index term=\"" + term + "\"\n" }
	runCases(t, New(), "ch.md", []mkdocsCase{
		{"bare word", meta + "{{index widget}}\n\nSome words.\n", para(span("widget")), nil},
		{"quoted term with spaces", meta + "{{index \"fuzzy widget\"}}\n\nSome words.\n", para(span("fuzzy widget")), nil},
		{"term and sub-term", meta + "{{index [widget, \"made of wood\"]}}\n\nSome words.\n", para(span("widget!made of wood")), nil},
		{"several terms, commas optional", meta + "{{index \"a b\", c [d, e]   f_2}}\n\nSome words.\n",
			para(span("a b") + span("c") + span("d!e") + span("f_2")), nil},
		{"a ! of the term is escaped, not a sub-term", meta + "{{index \"!= sign\", [\"! sign\", use]}}\n\nSome words.\n",
			para(span("\\\\!= sign") + span("\\\\! sign!use")), nil},
		{"operators' hyphens are minus signs", meta + "{{index \"-- sign\", \"- sign\", \"-= sign\", \"well-made\"}}\n\nSome words.\n",
			para(span("−− sign") + span("− sign") + span("−= sign") + span("well-made")), nil},
		{"JSON escapes in quotes", meta + "{{index \"say \\\"hi\\\"\", \"back\\\\slash\"}}\n\nSome words.\n",
			para(span("say \\\"hi\\\"") + span("back\\\\slash")), nil},
		{"lines of marks gather", meta + "{{index one}}\n{{index two}}\n\nSome words.\n", para(span("one") + span("two")), nil},
		{"cross-reference", meta + "{{indexsee gizmo, widget}}\n\nSome words.\n",
			"para\n  span .index term=\"gizmo\" see=\"widget\"\n  text \"Some words.\"\n", nil},
		{"in a heading, after its marker", meta + "{{index widget}}\n\n## Widgets\n",
			"heading 2 #widgets\n  span .index term=\"widget\"\n  text \"Widgets\"\n", nil},
		{"in a list item", meta + "{{index widget}}\n\n- Some words.\n",
			"list bullet tight\n  item\n    para\n      span .index term=\"widget\"\n      text \"Some words.\"\n", nil},
		{"past a code block to the text after it", meta + "{{index widget}}\n\n```\nw()\n```\n\nSome words.\n",
			"code lang=\"javascript\"\n  | w()\n" + para(span("widget")), nil},
		{"in a left-out condition, left out", meta + "{{if interactive\n{{index widget}}\nif}}\n\nSome words.\n", para(""), nil},
		{"((term)) in emphasis", meta + "Some *((widget))* words.\n",
			"para\n  text \"Some \"\n  emph\n    span .index term=\"widget\"\n    text \"widget\"\n  text \" words.\"\n", nil},
		{"unreadable marks stay text", meta + "{{index a.b}}\n\n{{index}}\n\n{{index [a, [b]]}}\n\nSome words.\n",
			"para\n  text \"{{index a.b}}\"\npara\n  text \"{{index [a, [b]]}}\"\n" + para(""), nil},
	})
}

// TestPipeTableBlankHeader: a pipe table's header row of blank cells is
// pandoc's way of writing a table without one, and gives none; a header
// with one word in it stays.
func TestPipeTableBlankHeader(t *testing.T) {
	runCases(t, New(), "ch.md", []mkdocsCase{
		{"blank header", "|  |  |\n|---|---|\n| a | b |\n",
			"table align=default,default\n  header\n  row\n    cell\n      text \"a\"\n    cell\n      text \"b\"\n", nil},
		{"one heading", "| x |  |\n|---|---|\n| a | b |\n",
			"table align=default,default\n  header\n    cell\n      text \"x\"\n    cell\n  row\n    cell\n      text \"a\"\n    cell\n      text \"b\"\n", nil},
	})
}

// FuzzEJSIndex: any text after {{index is read without panic, a mark's
// length within the text and ending at its "}}", each term non-empty, and
// a chapter of such lines parses keeping the tree's invariants.
func FuzzEJSIndex(f *testing.F) {
	for _, seed := range []string{`a, "b c", [d, e]}}`, `"x\"}}" y}}`, `[a [b]]}}`, `"!= sign"}}`, `"unterminated}}`, `a.b}}`, `[]}}`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, args string) {
		for _, tag := range []string{"{{index ", "{{indexsee "} {
			s := tag + args
			n, end := parseEJSIndex(s)
			if n == nil {
				continue
			}
			if end > len(s) || !strings.HasSuffix(s[:end], "}}") {
				t.Fatalf("%q: mark ends at %d", s, end)
			}
			for _, term := range n.terms {
				if term == "" {
					t.Fatalf("%q: empty term", s)
				}
			}
			src := "{{meta {}}}\n\n" + s + "\n\nWords " + s + ".\n"
			ch, err := New().Parse([]byte(src), "ch.md")
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, ch, []byte(src))
		}
	})
}
