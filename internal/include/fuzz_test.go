package include

import (
	"strings"
	"testing"
)

// FuzzExpand: any chapter expands without panicking, gives one origin for
// each line when it changed anything, and every warning is placed.
func FuzzExpand(f *testing.F) {
	for _, s := range []string{
		"{{#include lines.txt:2:3}}\n", "{{#rustdoc_include src/main.rs:inner}}", "\\{{#include x}}",
		"> {{#include lines.txt}} {{#include lines.txt:1}}\n", "{{#playground lines.txt a b}}",
		"{{#include nested.md}}", "{{#include a.md}}", "{{ #include  src/main.rs:here: }}",
		"    --8<-- \"docs/x.py:2:4,-1\"\n", "--8<--\ndocs/inner.md\n;x\n\n--8<--\n", ";--8<-- 'docs/x.py'",
		"--8<-- \"docs/x.py:body\"\n# --8<-- [start:x]\n", "--8<--\n", "-8<- \"docs/loop.md\"\r\n",
		"{{< include _intro.qmd >}}\n", "  {{< include docs/_part.qmd >}}", "```{include} docs/inner.md\n:x: y\n```\n", "{{<include '/_intro.qmd'>}}\r\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		r := expand(src, ".")
		check(t, r, src)
		// with a file appended, which always changes the source
		r = Expand([]byte(src), "ch.md", Options{FS: book, Book: "book", Roots: []string{"."}, Append: []string{"docs/refs.md"}})
		check(t, r, src)
		if r.Origins == nil {
			t.Fatalf("nothing appended")
		}
		// a Quarto chapter, whose {{< include >}} is read
		check(t, Expand([]byte(src), "ch.qmd", Options{FS: quartoBook, Book: "book", Roots: []string{"book"}}), src)
	})
}

func check(t *testing.T, r *Result, src string) {
	t.Helper()
	if r.Origins != nil && len(r.Origins) != lineCount(r.Source) {
		t.Fatalf("%d origins for %d lines", len(r.Origins), lineCount(r.Source))
	}
	if r.Origins == nil && string(r.Source) != src {
		t.Fatalf("source changed without a map")
	}
	for _, o := range r.Origins {
		if o.File == "" || o.Line < 1 || o.Shift < 0 {
			t.Fatalf("bad origin %+v", o)
		}
	}
	for _, d := range r.Warnings {
		if d.File == "" || d.Line < 1 {
			t.Fatalf("unplaced warning %v", d)
		}
	}
}

// lineCount is the number of lines of src, the last with or without a
// line break.
func lineCount(src []byte) int {
	n := strings.Count(string(src), "\n")
	if len(src) > 0 && src[len(src)-1] != '\n' {
		n++
	}
	return n
}
