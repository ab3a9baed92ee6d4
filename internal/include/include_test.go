package include

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// book is a small project: the book folder "book" and, beside it, files
// only include_paths [".."] lets a chapter read.
var book = fstest.MapFS{
	"book/src/main.rs":   {Data: []byte("use std::io;\n\n// ANCHOR: here\nfn main() {\n    // ANCHOR: inner\n    println!(\"hi\");\n    // ANCHOR_END: inner\n}\n// ANCHOR_END: here\n")},
	"book/lines.txt":     {Data: []byte("one\ntwo\nthree\nfour\n")},
	"book/empty.txt":     {Data: []byte("")},
	"book/nested.md":     {Data: []byte("before\n{{#include src/deeper.md}}\nafter\n")},
	"book/src/deeper.md": {Data: []byte("deep {{#include ../lines.txt:2}}\n")},
	"book/self.md":       {Data: []byte("{{#include self.md}}\n")},
	"book/a.md":          {Data: []byte("{{#include b.md}}\n")},
	"book/b.md":          {Data: []byte("{{#include a.md}}\n")},
	"book/tab.md":        {Data: []byte("a\r\nb\r\n")},
	"outside.txt":        {Data: []byte("secret\n")},
	"docs/x.py":          {Data: []byte("import x\n\n# --8<-- [start:body]\nx.run()\n# --8<-- [end:body]\nprint()\n")},
	"docs/snip.md":       {Data: []byte("shared\n--8<-- \"docs/inner.md\"\n")},
	"docs/inner.md":      {Data: []byte("inner\n")},
	"docs/loop.md":       {Data: []byte("--8<-- \"docs/loop.md\"\n")},
	"docs/refs.md":       {Data: []byte("  [a.b]: https://example.com/a\n  *[HTML]: Hyper Text\n")},
	"docs/titled.md":     {Data: []byte("{{#title Inner}}\nin\n")},
	"includes/more.md":   {Data: []byte("--8<-- \"docs/inner.md\"\n")},
}

func expand(src string, roots ...string) *Result {
	if roots == nil {
		roots = []string{"book"}
	}
	return Expand([]byte(src), "ch.md", Options{FS: book, Book: "book", Roots: roots, Setting: "markdown.include_paths", Allowed: "[" + strings.Join(roots, ", ") + "]"})
}

func TestExpand(t *testing.T) {
	tests := []struct {
		name, src string
		roots     []string
		want      string
	}{
		{"no directive", "# Title\n\ntext {{ x }}\n", nil, "# Title\n\ntext {{ x }}\n"},
		{"whole", "```\n{{#include lines.txt}}\n```\n", nil, "```\none\ntwo\nthree\nfour\n```\n"},
		{"one line", "{{#include lines.txt:2}}\n", nil, "two\n"},
		{"from to", "{{#include lines.txt:2:3}}\n", nil, "two\nthree\n"},
		{"from", "{{#include lines.txt:3:}}\n", nil, "three\nfour\n"},
		{"to", "{{#include lines.txt::2}}\n", nil, "one\ntwo\n"},
		{"spaces inside", "{{ #include   lines.txt:1 }}\n", nil, "one\n"},
		{"inline", "The {{#include lines.txt:4}} end\n", nil, "The four end\n"},
		{"prefix repeated", "> {{#include lines.txt::2}}\n", nil, "> one\n> two\n"},
		{"indented", "1. x\n\n   {{#include lines.txt:1:2}}\n", nil, "1. x\n\n   one\n   two\n"},
		{"anchor", "{{#include src/main.rs:here}}\n", nil, "fn main() {\n    println!(\"hi\");\n}\n"},
		{"inner anchor", "{{#include src/main.rs:inner}}\n", nil, "    println!(\"hi\");\n"},
		{"whole keeps anchors", "{{#include src/main.rs::4}}\n", nil, "use std::io;\n\n// ANCHOR: here\nfn main() {\n"},
		{"rustdoc anchor", "{{#rustdoc_include src/main.rs:inner}}\n", nil, "# use std::io;\n# \n# fn main() {\n    println!(\"hi\");\n# }\n"},
		{"rustdoc range", "{{#rustdoc_include lines.txt:2}}\n", nil, "# one\ntwo\n# three\n# four\n"},
		{"playground", "{{#playground lines.txt editable}}\n", nil, "```rust,editable\none\ntwo\nthree\nfour\n```\n"},
		{"escaped", "\\{{#include lines.txt}} and {{#include x}}\n", nil, "{{#include lines.txt}} and {{#include x}}\n"},
		{"other helper", "{{#foo lines.txt}} {{#bar}}\n", nil, "{{#foo lines.txt}} {{#bar}}\n"},
		{"empty file", "a{{#include empty.txt}}b\n", nil, "ab\n"},
		{"crlf", "{{#include tab.md}}\n", nil, "a\nb\n"},
		{"nested, relative to the included file", "{{#include nested.md}}\n", nil, "before\ndeep two\nafter\n"},
		{"outside read with roots", "{{#include ../outside.txt}}\n", []string{"."}, "secret\n"},

		{"snippet in a fence", "```py\n    --8<-- \"docs/x.py\"\n```\n", []string{"."}, "```py\n    import x\n    \n    x.run()\n    print()\n    \n```\n"},
		{"snippet single quotes", "--8<-- 'docs/inner.md'\n", []string{"."}, "inner\n\n"},
		{"snippet lines", "--8<-- \"docs/x.py:4:4\"\n", []string{"."}, "x.run()\n"},
		{"snippet from line", "--8<-- \"docs/x.py:6\"\n", []string{"."}, "print()\n\n"},
		{"snippet negative", "--8<-- \"docs/x.py:-2\"\n", []string{"."}, "print()\n\n"},
		{"snippet two ranges", "--8<-- \"docs/x.py:1:1,6:6\"\n", []string{"."}, "import x\nprint()\n"},
		{"snippet section", "--8<-- \"docs/x.py:body\"\n", []string{"."}, "x.run()\n"},
		{"snippet nested", "--8<-- \"docs/snip.md\"\n", []string{"."}, "shared\ninner\n\n\n"},
		{"snippet block", "--8<--\ndocs/inner.md\n\n;docs/x.py\ndocs/inner.md\n--8<--\nend\n", []string{"."}, "inner\n\n\ninner\n\nend\n"},
		{"snippet escaped", ";--8<-- \"docs/x.py\"\n", []string{"."}, "--8<-- \"docs/x.py\"\n"},
		{"section markers hidden", "a\n<!-- --8<-- [start:x] -->\nb\n", []string{"."}, "a\nb\n"},
		{"snippet base order", "--8<-- \"x.py\"\n", []string{"nope", "docs"}, "import x\n\nx.run()\nprint()\n\n"},
		{"trailing space is no directive", "--8<-- \"docs/x.py\" \n", []string{"."}, "--8<-- \"docs/x.py\" \n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := expand(tc.src, tc.roots...)
			if len(r.Warnings) > 0 {
				t.Errorf("warnings: %v", r.Warnings)
			}
			if got := string(r.Source); got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
			if r.Origins != nil && len(r.Origins) != lineCount(r.Source) {
				t.Errorf("%d origins for %d lines", len(r.Origins), lineCount(r.Source))
			}
		})
	}
}

func TestExpandMessages(t *testing.T) {
	tests := []struct {
		name, src string
		roots     []string
		want      string // the warnings, one a line
	}{
		{"missing file", "x\n  {{#include nope.rs}}\n", nil,
			"ch.md:2:3: include.missing: {{#include nope.rs}}: cannot read nope.rs: no such file; left as written"},
		{"missing anchor", "{{#include src/main.rs:there}}\n", nil,
			`ch.md:1:1: include.anchor: {{#include src/main.rs:there}}: no anchor "there" in src/main.rs (ANCHOR: there … ANCHOR_END: there); left as written`},
		{"outside", "{{#include ../outside.txt}}\n", nil,
			"ch.md:1:1: include.outside: {{#include ../outside.txt}}: ../outside.txt is outside the folders includes may be read from (markdown.include_paths: [book]); left as written"},
		{"absolute", "{{#include /etc/passwd}}\n", nil,
			"ch.md:1:1: include.outside: {{#include /etc/passwd}}: /etc/passwd is outside the folders includes may be read from (markdown.include_paths: [book]); left as written"},
		{"out of the FS", "{{#include ../../../x}}\n", nil,
			"ch.md:1:1: include.outside: {{#include ../../../x}}: ../../../x is outside the folders includes may be read from (markdown.include_paths: [book]); left as written"},
		{"itself", "{{#include self.md}}\n", nil,
			"self.md:1:1: include.cycle: {{#include self.md}}: self.md includes itself (self.md → self.md); left as written"},
		{"cycle", "{{#include a.md}}\n", nil,
			"b.md:1:1: include.cycle: {{#include a.md}}: a.md includes itself (a.md → b.md → a.md); left as written"},
		{"chapter itself", "{{#include ch.md}}\n", nil,
			"ch.md:1:1: include.cycle: {{#include ch.md}}: ch.md includes itself (ch.md → ch.md); left as written"},
		{"missing snippet", "```\n  --8<-- \"docs/none.py\"\n```\n", []string{"."},
			`ch.md:2:3: include.missing: --8<-- "docs/none.py": no file "docs/none.py" in the folders includes are read from (markdown.include_paths: [.]); left out, as MkDocs leaves it out`},
		{"missing snippet, a file differing only in case", "--8<-- \"Docs/X.py\"\n", []string{"."},
			`ch.md:1:1: include.missing: --8<-- "Docs/X.py": no file "Docs/X.py" in the folders includes are read from (markdown.include_paths: [.]) (../docs/x.py differs from it only in case); left out, as MkDocs leaves it out`},
		{"snippet outside", "--8<-- \"../x\"\n", []string{"docs"},
			`ch.md:1:1: include.missing: --8<-- "../x": no file "../x" in the folders includes are read from (markdown.include_paths: [docs]); left out, as MkDocs leaves it out`},
		{"url", "--8<-- \"https://example.com/x.md\"\n", []string{"."},
			`ch.md:1:1: include.missing: --8<-- "https://example.com/x.md": URLs are not fetched; left as written`},
		{"missing section", "--8<-- \"docs/x.py:head\"\n", []string{"."},
			`ch.md:1:1: include.anchor: --8<-- "docs/x.py:head": no section "head" in ../docs/x.py (--8<-- [start:head] … [end:head]); left as written`},
		{"snippet loop", "--8<-- \"docs/loop.md\"\n", []string{"."},
			`../docs/loop.md:1:1: include.cycle: --8<-- "docs/loop.md": ../docs/loop.md includes itself (../docs/loop.md → ../docs/loop.md); left as written`},
		{"unclosed block", "text\n--8<--\ndocs/x.py\n", []string{"."},
			"ch.md:2:1: include.unclosed: --8<--: snippets block never closed; left as written"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := expand(tc.src, tc.roots...)
			var got []string
			for _, d := range r.Warnings {
				got = append(got, fmt.Sprintf("%s: %s: %s", d.Location(), d.Code, d.Message))
			}
			if strings.Join(got, "\n") != tc.want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), tc.want)
			}
		})
	}
}

// mdBook's {{#title}} is read, the last one given, and never printed; the
// rest of its line stays.
func TestTitle(t *testing.T) {
	tests := []struct {
		name, src, want, title string
	}{
		{"none", "# H\n{{#include lines.txt:1}}\n", "# H\none\n", ""},
		{"own line", "{{#title Getting Started}}\n# H\n", "\n# H\n", "Getting Started"},
		{"spaces", "{{ #title   A  title  }}\n", "\n", "A  title"},
		{"in a line", "a {{#title T}}b\n", "a b\n", "T"},
		{"last wins", "{{#title One}}\n{{#title Two}}\n", "\n\n", "Two"},
		{"from an included file", "{{#title Outer}}\n{{#include ../docs/titled.md}}\n", "\n\nin\n", "Inner"},
		{"escaped", "\\{{#title T}}\n", "{{#title T}}\n", ""},
		{"empty is text", "{{#title  }}\n", "{{#title  }}\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := expand(tc.src, ".")
			if len(r.Warnings) > 0 {
				t.Errorf("warnings: %v", r.Warnings)
			}
			if got := string(r.Source); got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
			if r.Title != tc.title {
				t.Errorf("title %q, want %q", r.Title, tc.title)
			}
		})
	}
}

func digest(name string) string {
	sum := sha256.Sum256(book[name].Data)
	return hex.EncodeToString(sum[:])
}

// Every file read is listed once, named from the book folder, with the
// SHA-256 of its bytes: the build counts them among the book's inputs.
func TestFiles(t *testing.T) {
	tests := []struct {
		name, src string
		roots     []string
		want      []File
	}{
		{"none", "# H\n", nil, nil},
		{"nested, each once", "{{#include nested.md}}\n{{#include lines.txt:1}}\n", nil,
			[]File{{"nested.md", digest("book/nested.md")}, {"src/deeper.md", digest("book/src/deeper.md")}, {"lines.txt", digest("book/lines.txt")}}},
		{"outside the book", "--8<-- \"docs/snip.md\"\n", []string{"."},
			[]File{{"../docs/snip.md", digest("docs/snip.md")}, {"../docs/inner.md", digest("docs/inner.md")}}},
		{"a failed include reads nothing", "{{#include src/main.rs:nope}}\n{{#include none.md}}\n", nil,
			[]File{{"src/main.rs", digest("book/src/main.rs")}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := expand(tc.src, tc.roots...)
			if !slices.Equal(r.Files, tc.want) {
				t.Errorf("files %v\nwant  %v", r.Files, tc.want)
			}
		})
	}
}

// Files appended to every chapter (pymdownx.snippets' auto_append) come
// after a blank line, each expanded and followed by one; their lines keep
// their places and they count among the files read.
func TestAppend(t *testing.T) {
	tests := []struct {
		name, src string
		append    []string
		want      string
		places    []Origin // of the lines appended
		warnings  string
	}{
		{"link definitions", "See [x][a.b].\n", []string{"docs/refs.md"},
			"See [x][a.b].\n\n  [a.b]: https://example.com/a\n  *[HTML]: Hyper Text\n\n\n",
			[]Origin{{"ch.md", 2, 0}, {"../docs/refs.md", 1, 0}, {"../docs/refs.md", 2, 0}, {"../docs/refs.md", 3, 0}, {"ch.md", 2, 0}}, ""},
		{"no final line break", "text", []string{"docs/inner.md"},
			"text\n\ninner\n\n",
			[]Origin{{"ch.md", 2, 0}, {"../docs/inner.md", 1, 0}, {"../docs/inner.md", 2, 0}}, ""},
		{"two, expanded", "", []string{"includes/more.md", "docs/inner.md"},
			"\ninner\n\n\n\ninner\n\n\n",
			nil, ""},
		{"unreadable", "text\n", []string{"docs/gone.md"},
			"text\n", nil,
			"../docs/gone.md: include.missing: markdown.include_append: cannot read ../docs/gone.md: no such file; not appended"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Expand([]byte(tc.src), "ch.md", Options{FS: book, Book: "book", Roots: []string{"."}, Append: tc.append, AppendSetting: "markdown.include_append"})
			var got []string
			for _, d := range r.Warnings {
				got = append(got, fmt.Sprintf("%s: %s: %s", d.Location(), d.Code, d.Message))
			}
			if strings.Join(got, "\n") != tc.warnings {
				t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), tc.warnings)
			}
			if string(r.Source) != tc.want {
				t.Errorf("got\n%q\nwant\n%q", r.Source, tc.want)
			}
			if r.Origins != nil && len(r.Origins) != lineCount(r.Source) {
				t.Errorf("%d origins for %d lines", len(r.Origins), lineCount(r.Source))
			}
			if tc.places != nil {
				own := lineCount([]byte(tc.src))
				if got := r.Origins[own:]; !slices.Equal(got, tc.places) {
					t.Errorf("places %v\nwant   %v", got, tc.places)
				}
			}
		})
	}
}

// TestMDXPartials: a line that is only a component an MDX page imported
// from a Markdown file is that file's lines (its front matter left out,
// its string props in {props.name}), in blank lines; other components,
// components in text and in code stay.
func TestMDXPartials(t *testing.T) {
	fsys := fstest.MapFS{
		"book/docs/_partial.mdx": {Data: []byte("---\ntitle: x\n---\n<span>Hello {props.name}</span>\n\nShared **text** {props.other}.\n")},
		"book/docs/page.mdx":     {Data: []byte("import Part from './_partial.mdx';\nimport Tabs from '@theme/Tabs';\n\n# Page\n\n  <Part name=\"Ann\" />\n\n<Tabs />\nUse <Part /> here.\n<Missing />\n```jsx\n<Part />\n```\n")},
		"book/docs/bad.mdx":      {Data: []byte("import Gone from './_gone.md';\n\n<Gone />\n")},
	}
	opt := Options{FS: fsys, Book: "book", Roots: []string{"book"}, Setting: "markdown.include_paths", Allowed: "[.]"}
	r := Expand(fsys["book/docs/page.mdx"].Data, "docs/page.mdx", opt)
	want := "import Part from './_partial.mdx';\nimport Tabs from '@theme/Tabs';\n\n# Page\n\n\n  <span>Hello Ann</span>\n\n  Shared **text** {props.other}.\n\n\n<Tabs />\nUse <Part /> here.\n<Missing />\n```jsx\n<Part />\n```\n"
	if string(r.Source) != want {
		t.Errorf("source:\n%s\nwant:\n%s", r.Source, want)
	}
	if f, l, shift := r.Origin(7); f != "docs/_partial.mdx" || l != 4 || shift != 2 {
		t.Errorf("line 7 from %s:%d shift %d", f, l, shift)
	}
	if len(r.Warnings) != 0 {
		t.Errorf("warnings %v", r.Warnings)
	}
	r = Expand(fsys["book/docs/bad.mdx"].Data, "docs/bad.mdx", opt)
	var got []string
	for _, w := range r.Warnings {
		got = append(got, w.Error())
	}
	if want := "docs/bad.mdx:3:1: <Gone />: cannot read docs/_gone.md: no such file; left as written"; strings.Join(got, "\n") != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

// TestMissingSnippetLeftOut: a snippet whose file is missing is removed,
// as pymdownx removes it, in either form, the text around it kept.
func TestMissingSnippetLeftOut(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"a\n--8<-- \"docs/none.md\"\nb\n", "a\nb\n"},
		{"a\n--8<--\ndocs/none.md\ndocs/inner.md\n--8<--\nb\n", "a\ninner\n\nb\n"},
	} {
		r := expand(tc.src, ".")
		if len(r.Warnings) != 1 {
			t.Errorf("%q: %d warnings, want 1", tc.src, len(r.Warnings))
		}
		if string(r.Source) != tc.want {
			t.Errorf("%q: got %q, want %q", tc.src, r.Source, tc.want)
		}
	}
}
