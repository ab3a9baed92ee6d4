package notes

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/filetest"
	"github.com/samizdat-press/samizdat/internal/markdown"
)

// resolveTitled resolves chapters as resolveChapters does, each titled by
// the manifest ("T"), and returns the parser's warnings first.
func resolveTitled(t *testing.T, chapters ...string) (*doc.Book, []diag.Diagnostic) {
	t.Helper()
	return resolveTitledAs(t, ".md", chapters...)
}

// resolveTitledAs is resolveTitled with the chapters' files named one,
// two, three… with the extension ext, which says how they are read.
func resolveTitledAs(t *testing.T, ext string, chapters ...string) (*doc.Book, []diag.Diagnostic) {
	t.Helper()
	book := &doc.Book{Meta: doc.Meta{Language: "en"}}
	var warns []diag.Diagnostic
	for i, src := range chapters {
		file := []string{"one", "two", "three", "four"}[i] + ext
		ch, err := markdown.Parse([]byte(src), file)
		if err != nil {
			t.Fatal(err)
		}
		warns = append(warns, ch.Warnings...)
		book.Entries = append(book.Entries, &doc.Entry{File: file, Title: []doc.Inline{&doc.Text{Text: "T"}}, Blocks: ch.Blocks, Notes: ch.Notes, Digest: fakeDigest(file)})
	}
	w, err := Resolve(book, Input{})
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(book); err != nil {
		t.Fatalf("the resolved tree is not valid: %v", err)
	}
	return book, append(warns, w...)
}

// TestRuleLinks: a link naming a specification's rule, written any way
// mdbook-spec reads it, leads to the rule's anchor, in its chapter or
// another; one naming no rule is printed as it was written.
func TestRuleLinks(t *testing.T) {
	const one = "r[items.fn]\n# Functions\n\nr[items.fn.intro]\nA function.\n\nSee [items.fn.intro].\n"
	tests := []struct {
		name, src string
		// want are the links' entries and anchors, or their text
		want []string
	}{
		{"shortcut", "See [items.fn.intro].\n", []string{"one#r-items.fn.intro"}},
		{"full", "See [the rule][items.fn.intro].\n", []string{"one#r-items.fn.intro"}},
		{"collapsed", "See [items.fn.intro][].\n", []string{"one#r-items.fn.intro"}},
		{"label in any case", "See [the rule][Items.Fn.Intro].\n", []string{"one#r-items.fn.intro"}},
		{"definition", "See [this].\n\n[this]: items.fn.intro\n", []string{"one#r-items.fn.intro"}},
		{"undotted definition", "See [this].\n\n[this]: items.fn\n", []string{"one#r-items.fn"}},
		{"fragment as on the web", "See [this](one.md#r-items.fn.intro).\n", []string{"one#r-items.fn.intro"}},
		{"chapter's own", "r[a.b]\nText.\n\nSee [a.b] and [x][a.b].\n", []string{"two#r-a.b", "two#r-a.b", "two#r-a.b"}},
		{"a definition wins", "See [items.fn.intro].\n\n[items.fn.intro]: https://example.com\n", []string{"https://example.com"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			book, warns := resolveTitled(t, one, tc.src)
			if len(warns) > 0 {
				t.Errorf("warnings: %v", warns)
			}
			var got []string
			doc.Walk(book.Entries[1].Blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
				if l, ok := in.(*doc.Link); ok {
					if l.External {
						got = append(got, l.URL)
					} else {
						got = append(got, l.Entry+"#"+l.Anchor)
					}
				}
				return true
			}})
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("links %q, want %q", got, tc.want)
			}
		})
	}
}

// TestRuleRefsNamingNoRule: a reference by a dotted name that no rule of
// the book has is printed as the parser prints it in a book without
// rules: as written, or, for mkdocstrings' cross-references, as its text
// with one warning for the chapter.
func TestRuleRefsNamingNoRule(t *testing.T) {
	const why = " has no definition: printed as its text (a dotted label is how mkdocstrings links into the API documentation it generates, which the book does not have), or define it in a file appended with markdown.include_append [mkdocs.autoref]"
	tests := []struct {
		name, src, want string
		warnings        []string
	}{
		{"mkdocstrings' full and collapsed", "- [Tree.NodeCollapsed][textual.widgets.Tree.NodeCollapsed]\n- [`App`][textual.app.App] and [textual.on][]\n",
			"list bullet tight\n  item\n    para\n      text \"Tree.NodeCollapsed\"\n  item\n    para\n      code \"App\"\n      text \" and textual.on\"\n",
			[]string{"one.md:1:3: reference link to textual.widgets.Tree.NodeCollapsed (and 2 more)" + why}},
		{"a shortcut stays", "[e.g] and [sic] and [a-b.c].\n", "para\n  text \"[e.g] and [sic] and [a-b.c].\"\n", nil},
		{"a label that is no path stays", "[x][a-b.c] and [*y*][a-b.c] and [a-b.c][].\n",
			"para\n  text \"[x][a-b.c] and [\"\n  emph\n    text \"y\"\n  text \"][a-b.c] and [a-b.c][].\"\n", nil},
		{"a rule's own label", "r[a.b]\nText.\n", "para\n  small #r-a.b .rule lang=zxx\n    link #r-a.b -> one#r-a.b\n      text \"[a.b]\"\n  text \" Text.\"\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			book, warns := resolveTitled(t, tc.src)
			var b bytes.Buffer
			doc.DumpBlocks(&b, book.Entries[0].Blocks[1:]) // after the title heading
			if got := b.String(); got != tc.want {
				t.Errorf("tree:\n%s\nwant:\n%s", got, tc.want)
			}
			var got []string
			for _, w := range warns {
				got = append(got, w.String()+" ["+w.Code+"]")
			}
			if strings.Join(got, "\n") != strings.Join(tc.warnings, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.warnings, "\n"))
			}
		})
	}
}

// TestRuleTitles: rule markers before a chapter's heading leave it its
// title, printed once, the rules' labels after it.
func TestRuleTitles(t *testing.T) {
	book, warns, err := resolveChapters(t, Input{}, "r[items]\nr[items.intro]\n# Items\n\nText.\n")
	if err != nil || len(warns) > 0 {
		t.Fatal(err, warns)
	}
	e := book.Entries[0]
	if got := doc.PlainText(e.Title); got != "Items" {
		t.Errorf("title %q", got)
	}
	var b bytes.Buffer
	doc.DumpBlocks(&b, e.Blocks)
	want := "heading 1 #items\n  text \"Items\"\npara\n  small #r-items .rule lang=zxx\n    link #r-items -> one#r-items\n      text \"[items]\"\n  text \" \"\n  small #r-items.intro .rule lang=zxx\n    link #r-items.intro -> one#r-items.intro\n      text \"[items.intro]\"\npara\n  text \"Text.\"\n"
	if got := b.String(); got != want {
		t.Errorf("tree:\n%s\nwant:\n%s", got, want)
	}
}

// TestRuleNamedTwice: links lead to the first rule of a name; the second
// is a warning and keeps an anchor of its own.
func TestRuleNamedTwice(t *testing.T) {
	book, warns := resolveTitled(t, "r[a.b]\nOne.\n", "r[a.b]\nTwo.\n\nSee [a.b].\n")
	var got []string
	for _, w := range warns {
		got = append(got, w.String()+" ["+w.Code+"]")
	}
	want := "two.md:1:1: rule a.b is named twice, first at one.md:1:1; links to it lead there [rule.duplicate]"
	if strings.Join(got, "\n") != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	var links, ids []string
	doc.Walk(book.Entries[1].Blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
		switch in := in.(type) {
		case *doc.Link:
			links = append(links, in.Entry+"#"+in.Anchor)
		case *doc.Span:
			ids = append(ids, in.ID)
		}
		return true
	}})
	if strings.Join(links, " ") != "two#r-a.b-2 one#r-a.b" || strings.Join(ids, " ") != "r-a.b-2" {
		t.Errorf("links %q, anchors %q", links, ids)
	}
}

// TestRulesGolden: a small book written for mdbook-spec, its chapters
// opening with rules, linking to each other's rules every way, resolved.
func TestRulesGolden(t *testing.T) {
	one := "r[shapes]\n# Shapes\n\nr[shapes.intro]\nA _shape_ has sides ([shapes.sides]).\n\n" +
		"r[shapes.sides]\n## Sides\n\nr[shapes.sides.syntax]\n```text\nSides -> Side+\n```\n\n" +
		"r[shapes.sides.count]\n* Three at least.\nr[shapes.sides.straight]\n* Straight.\n\n" +
		"> [!EDITION-2018]\n> Curves were sides before; see [colours][colour.intro].\n"
	two := "r[colour]\n# Colour\n\nr[colour.intro]\nEvery [shape] has a colour ([shapes.sides.count][]),\n" +
		"r[colour.fill]\nfilled as [the web edition says](one.md#r-shapes.intro); [no.such.rule] stays.\n\n" +
		"[shape]: shapes.intro\n"
	resolvedGolden(t, "rules.golden", true, one, two)
}

// resolvedGolden parses the chapters srcs (one.md, two.md, …), with no
// parser warning when quiet, resolves them as a book without a warning and
// compares the tree with testdata/golden.
func resolvedGolden(t *testing.T, golden string, quiet bool, srcs ...string) {
	t.Helper()
	book := &doc.Book{Meta: doc.Meta{Language: "en"}}
	for i, src := range srcs {
		file := []string{"one.md", "two.md", "three.md"}[i]
		ch, err := markdown.Parse([]byte(src), file)
		if err != nil || quiet && len(ch.Warnings) > 0 {
			t.Fatal(err, ch.Warnings)
		}
		book.Entries = append(book.Entries, &doc.Entry{File: file, Blocks: ch.Blocks, Digest: fakeDigest(file)})
	}
	warns, err := Resolve(book, Input{})
	if err != nil || len(warns) > 0 {
		t.Fatal(err, warns)
	}
	if err := doc.Validate(book); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	doc.Dump(&b, book)
	filetest.Golden(t, filepath.Join("testdata", golden), b.Bytes())
}
