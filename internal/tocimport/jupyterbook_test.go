package tocimport

import (
	"bytes"
	"os"
	"regexp"
	"strconv"
	"testing"
	"testing/fstest"
)

// Jupyter Book's author, one text, is split into names.
func TestSplitAuthors(t *testing.T) {
	for in, want := range map[string][]string{
		"Thomas J. Sargent & John Stachurski": {"Thomas J. Sargent", "John Stachurski"},
		"A. Writer, B. Writer and C. Writer":  {"A. Writer", "B. Writer", "C. Writer"},
		"The Jupyter Book Community":          {"The Jupyter Book Community"},
		"  ":                                  nil,
	} {
		got := splitAuthors(in)
		if len(got) != len(want) {
			t.Errorf("%q: %q, want %q", in, got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%q: %q, want %q", in, got, want)
			}
		}
	}
}

// Any text reads as a _toc.yml or a myst.yml without failing, and every
// note naming a line of it names one the text has.
func FuzzJupyterBookTOC(f *testing.F) {
	for _, name := range []string{"testdata/jupyterbook/book/_toc.yml", "testdata/jbarticle/_toc.yml", "testdata/mystmd/myst.yml"} {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data, name == "testdata/mystmd/myst.yml")
		}
	}
	f.Add([]byte("format: jb-book\nroot: a\nchapters:\n- file: a\n  sections:\n  - glob: '**'\n"), false)
	f.Add([]byte("project:\n  toc:\n  - title: T\n    children:\n    - pattern: '*.md'\n    - file: a.md\n"), true)
	at := regexp.MustCompile(`^p/(?:_toc|myst)\.yml:(\d+):`)
	f.Fuzz(func(t *testing.T, src []byte, myst bool) {
		name := "_toc.yml"
		if myst {
			name = "myst.yml"
		}
		fsys := fstest.MapFS{
			name:          {Data: src},
			"a.md":        {Data: []byte("# A\n")},
			"sub/b.md":    {Data: []byte("# B\n")},
			"c.ipynb":     {Data: []byte("{}")},
			"refs.bib":    {Data: []byte("@misc{x, title={X}}\n")},
			"_config.yml": {Data: []byte("title: T\nauthor: A & B\nbibtex_bibfiles: [refs.bib]\n")},
		}
		res, err := Import(fsys, Options{Config: name, Dir: "p"})
		if err != nil {
			return
		}
		if res.Chapters == 0 || len(res.Manifest) == 0 {
			t.Fatalf("a manifest of no chapter: %+v", res)
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, n := range res.Notes {
			if m := at.FindStringSubmatch(n); m != nil {
				if l, _ := strconv.Atoi(m[1]); l < 1 || l > lines {
					t.Fatalf("note %q names a line outside the %d lines", n, lines)
				}
			}
		}
	})
}
