package markdown

import (
	"bytes"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

func TestImplicitHeadingReferences(t *testing.T) {
	checkTrees(t, []struct{ name, src, want string }{
		{"shortcut, case and spaces aside", "# Pandoc's  Markdown\n\nSee [pandoc's\nmarkdown].\n", `
heading 1 #pandocs-markdown
  text "Pandoc's Markdown"
para
  text "See "
  link #pandocs-markdown page=after
    text "pandoc's markdown"
  text "."
`},
		{"full and collapsed forms", "## Templates\n\n[the templates][Templates] and [templates][].\n", `
heading 2 #templates
  text "Templates"
para
  link #templates page=after
    text "the templates"
  text " and "
  link #templates page=after
    text "templates"
  text "."
`},
		{"a definition of the label wins", "# Templates\n\n[Templates]\n\n[templates]: https://example.org/t\n", `
heading 1 #templates
  text "Templates"
para
  link https://example.org/t
    text "Templates"
`},
		{"escaped brackets stay text", "# Templates\n\n\\[Templates\\] and \\[Templates]\n", `
heading 1 #templates
  text "Templates"
para
  text "[Templates] and [Templates]"
`},
		{"a label naming no heading stays text", "# The Party\n\nThey [sic] and [the Party line].\n", `
heading 1 #the-party
  text "The Party"
para
  text "They [sic] and [the Party line]."
`},
		{"a heading with emphasis and code, matched as written", "## The *option* `--to`\n\n[the *option* `--to`] but not [The option --to].\n", `
heading 2 #the-option---to
  text "The "
  emph
    text "option"
  text " "
  code "--to"
para
  link #the-option---to page=after
    text "the "
    emph
      text "option"
    text " "
    code "--to"
  text " but not [The option –to]."
`},
		{"repeated heading texts: the first", "# Notes\n\n# Notes\n\n[Notes]\n", `
heading 1 #notes
  text "Notes"
heading 1 #notes-1
  text "Notes"
para
  link #notes page=after
    text "Notes"
`},
		{"the second of repeated texts given an explicit id is still not the first", "# Intro {#start}\n\n# Intro\n\n[intro]\n", `
heading 1 #start
  text "Intro"
heading 1 #intro
  text "Intro"
para
  link #start page=after
    text "intro"
`},
		{"explicit id and {-}, setext heading, reference before its heading", "[Preface] and [Setext\ntitle]\n\n# Preface {-}\n\nSetext\ntitle {#st}\n======\n", `
para
  link #preface page=after
    text "Preface"
  text " and "
  link #st page=after
    text "Setext title"
heading 1 #preface .unnumbered
  text "Preface"
heading 1 #st
  text "Setext title"
`},
		{"a heading whose slug is taken: its suffixed id", "# A b\n\n# A-b\n\n[a-B]\n", `
heading 1 #a-b
  text "A b"
heading 1 #a-b-1
  text "A-b"
para
  link #a-b-1 page=after
    text "a-B"
`},
		{"an image of a heading's label stays text", "# Logo\n\n![Logo] ![the logo][logo] ![logo][]\n", `
heading 1 #logo
  text "Logo"
para
  text "![Logo] ![the logo][logo] ![logo][]"
`},
		{"in a table", "# Options\n\n| a |\n|---|\n| [options] |\n", `
heading 1 #options
  text "Options"
table align=default
  header
    cell
      text "a"
  row
    cell
      link #options page=after
        text "options"
`},
	})
}

// A note's text refers to the chapter's headings as the body does.
func TestImplicitHeadingReferenceInNote(t *testing.T) {
	ch, err := Parse([]byte("# Options {#opts}\n\nText.[^1]\n\n[^1]: See [Options].\n"), "t.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Notes) != 1 {
		t.Fatalf("%d notes, want 1", len(ch.Notes))
	}
	var b bytes.Buffer
	doc.DumpBlocks(&b, ch.Notes[0].Blocks)
	want := "para\n  text \"See \"\n  link #opts page=after\n    text \"Options\"\n  text \".\"\n"
	if b.String() != want {
		t.Errorf("note:\n%s\nwant:\n%s", b.String(), want)
	}
}
