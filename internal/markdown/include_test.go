package markdown

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/include"
)

// TestIncludedPositions: warnings in included text name the included
// file's line and column, and lines after an include keep their own.
func TestIncludedPositions(t *testing.T) {
	files := fstest.MapFS{
		"part.md":  {Data: []byte("fine\n\n[bad](javascript:alert(1))\n")},
		"code.txt": {Data: []byte("x\n")},
	}
	tests := []struct {
		name, src string
		want      string
	}{
		{"in the included file", "# T\n\n{{#include part.md}}\n", "part.md:3:1: link.unsafe"},
		{"indented by the directive", "- item\n\n  {{#include part.md}}\n", "part.md:3:1: link.unsafe"},
		{"snippet in an admonition", "!!! note\n\n    --8<-- \"part.md\"\n", "part.md:3:1: link.unsafe"},
		{"after an include", "```\n{{#include code.txt}}\n```\n\n[bad](javascript:x)\n", "ch.md:5:1: link.unsafe"},
		{"after a long include", "{{#include part.md}}\n\n[x](javascript:y)\n", "ch.md:3:1: link.unsafe\npart.md:3:1: link.unsafe"},
		{"a missing file", "text\n\n  {{#include nope.md}}\n", "ch.md:3:3: include.missing"},
	}
	p := New()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := include.Expand([]byte(tc.src), "ch.md", include.Options{FS: files, Roots: []string{"."}})
			ch, err := p.ParseMapped(r.Source, "ch.md", r)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range append(r.Warnings, ch.Warnings...) {
				got = append(got, fmt.Sprintf("%s: %s", d.Location(), d.Code))
			}
			if g := strings.Join(got, "\n"); g != tc.want {
				t.Errorf("got\n%s\nwant\n%s", g, tc.want)
			}
		})
	}
}

// TestIncludedBlocks: blocks of included text are placed in their file.
func TestIncludedBlocks(t *testing.T) {
	files := fstest.MapFS{"part.md": {Data: []byte("# Shared\n\nShared text.\n")}}
	r := include.Expand([]byte("# Own\n\n{{#include part.md}}\n\nOwn text.\n"), "ch.md", include.Options{FS: files, Roots: []string{"."}})
	ch, err := New().ParseMapped(r.Source, "ch.md", r)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range ch.Blocks {
		got = append(got, fmt.Sprintf("%s:%d", b.Position().File, b.Position().Line))
	}
	if g, want := strings.Join(got, " "), "ch.md:1 part.md:1 part.md:3 ch.md:5"; g != want {
		t.Errorf("got %s, want %s", g, want)
	}
}

func TestHiddenRustLines(t *testing.T) {
	src := "```rust,ignore\n# fn main() {\n#\n    let x = 1; # not hidden\n    # hidden\n    ## shown\n#[derive(Debug)]\n#![allow(x)]\n#x\n# }\n```\n\n```python\n# a comment\n```\n\n```\n# plain\n```\n"
	ch, err := Parse([]byte(src), "ch.md")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range ch.Blocks {
		got = append(got, b.(*doc.CodeBlock).Text)
	}
	want := []string{"    let x = 1; # not hidden\n    # shown\n#[derive(Debug)]\n#![allow(x)]\n#x", "# a comment", "# plain"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestIncludedCodeEnd: the empty line a snippet's final line break leaves
// before the closing fence goes; one the chapter's author wrote stays.
func TestIncludedCodeEnd(t *testing.T) {
	files := fstest.MapFS{"x.py": {Data: []byte("print()\n")}}
	tests := []struct{ src, want string }{
		{"```py\n--8<-- \"x.py\"\n```\n", "print()"},
		{"- item\n\n    ```py\n    --8<-- \"x.py\"\n    ```\n", "print()"},
		{"```py\n--8<-- \"x.py\"\n\n```\n", "print()\n\n"},
	}
	for _, tc := range tests {
		r := include.Expand([]byte(tc.src), "ch.md", include.Options{FS: files, Roots: []string{"."}})
		ch, err := New().ParseMapped(r.Source, "ch.md", r)
		if err != nil {
			t.Fatal(err)
		}
		var code *doc.CodeBlock
		doc.Walk(ch.Blocks, doc.Visitor{Block: func(b doc.Block) bool {
			if c, ok := b.(*doc.CodeBlock); ok {
				code = c
			}
			return true
		}})
		if code == nil || code.Text != tc.want {
			t.Errorf("%q: got %+v, want %q", tc.src, code, tc.want)
		}
	}
}
