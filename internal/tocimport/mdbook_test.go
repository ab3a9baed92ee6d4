package tocimport

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// show writes entries one a line: kind, part, file, label, place, skip.
func show(entries []entry) string {
	var b strings.Builder
	var walk func([]entry, string)
	walk = func(es []entry, indent string) {
		for _, e := range es {
			switch {
			case e.Part != "":
				fmt.Fprintf(&b, "%spart %q @%s\n", indent, e.Part, e.At)
				walk(e.Chapters, indent+"  ")
			case e.Skip != "":
				fmt.Fprintf(&b, "%sskip @%s: %s\n", indent, e.At, e.Skip)
			default:
				fmt.Fprintf(&b, "%s%s %q %q @%s\n", indent, kindWord(e.Kind), e.File, e.Label, e.At)
			}
		}
	}
	walk(entries, "")
	return b.String()
}

func kindWord(k string) string {
	if k == "" {
		return "chapter"
	}
	return k
}

// SUMMARY.md's parts of speech, as mdBook reads them.
func TestParseSummary(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"title, prefix, numbered, suffix",
			"# Summary\n\n[Intro](intro.md)\n\n- [One](one.md)\n- [Two](two.md)\n\n---\n\n[Thanks](thanks.md)\n",
			"front \"intro.md\" \"Intro\" @S:3\nchapter \"one.md\" \"One\" @S:5\nchapter \"two.md\" \"Two\" @S:6\nback \"thanks.md\" \"Thanks\" @S:10\n"},
		{"no title: the first heading is still the summary's",
			"# Book\n- [One](one.md)\n",
			"chapter \"one.md\" \"One\" @S:2\n"},
		{"prefix links on consecutive lines",
			"[A](a.md)\n[B](b.md)\n\n* [C](c.md)\n",
			"front \"a.md\" \"A\" @S:1\nfront \"b.md\" \"B\" @S:2\nchapter \"c.md\" \"C\" @S:4\n"},
		{"nesting is flattened in reading order",
			"- [A](a.md)\n    - [B](b.md)\n        - [C](c.md)\n    - [D](d.md)\n- [E](e.md)\n",
			"chapter \"a.md\" \"A\" @S:1\nchapter \"b.md\" \"B\" @S:2\nchapter \"c.md\" \"C\" @S:3\nchapter \"d.md\" \"D\" @S:4\nchapter \"e.md\" \"E\" @S:5\n"},
		{"parts",
			"# Summary\n\n- [A](a.md)\n\n# User guide\n\n- [B](b.md)\n\n## Reference\n- [C](c.md)\n  - [D](d.md)\n",
			"chapter \"a.md\" \"A\" @S:3\npart \"User guide\" @S:5\n  chapter \"b.md\" \"B\" @S:7\npart \"Reference\" @S:9\n  chapter \"c.md\" \"C\" @S:10\n  chapter \"d.md\" \"D\" @S:11\n"},
		{"a suffix chapter ends the part",
			"# P\n\n- [A](a.md)\n\n[Z](z.md)\n",
			"chapter \"a.md\" \"A\" @S:3\nback \"z.md\" \"Z\" @S:5\n"},
		{"drafts, anchors, markup in labels, plain items",
			"- [Draft]()\n  - [Kept](kept.md#part)\n- [The `match` *construct*](m.md)\n- Not a link\n- [Spaced](<a b.md>)\n",
			"chapter \"\" \"Draft\" @S:1\nchapter \"kept.md#part\" \"Kept\" @S:2\nchapter \"m.md\" \"The match construct\" @S:3\nskip @S:4: \"Not a link\" is not a link to a chapter: left out\nchapter \"a b.md\" \"Spaced\" @S:5\n"},
		{"an empty file", "", ""},
	}
	for _, tt := range tests {
		entries, _ := parseSummary([]byte(tt.src), "S")
		got := show(entries)
		if got != tt.want {
			t.Errorf("%s:\n%s\nwant:\n%s", tt.name, got, tt.want)
		}
	}
}

// The heading opening SUMMARY.md is its title; one after anything else
// is a part's.
func TestSummaryTitle(t *testing.T) {
	for src, want := range map[string]string{
		"# The Rust Programming Language\n\n[Intro](i.md)\n": "The Rust Programming Language",
		"Summary\n=======\n- [A](a.md)\n":                    "Summary",
		"[Intro](i.md)\n\n# Part\n- [A](a.md)\n":             "",
	} {
		if _, got := parseSummary([]byte(src), "S"); got != want {
			t.Errorf("%q: title %q, want %q", src, got, want)
		}
	}
}

// Any text reads as a SUMMARY.md without failing: entries are chapters,
// skips or parts of chapters, each placed on a line of the text.
func FuzzParseSummary(f *testing.F) {
	for _, s := range []string{
		"# Summary\n\n[Intro](intro.md)\n\n- [One](one.md)\n    - [Two](two.md)\n\n# Part\n\n- [Three]()\n\n---\n\n[End](end.md)\n",
		"* [a](a.md)\n  * [b](b.md#x)\n\t* [c](<c d.md>)\n",
		"[x]: y.md\n- [ref][x]\n- <https://example.org>\n",
		"#\n- []()\n> - [q](q.md)\n",
	} {
		f.Add([]byte(s))
	}
	if data, err := os.ReadFile("testdata/mdbook/content/SUMMARY.md"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := bytes.Count(src, []byte("\n")) + 1
		var check func([]entry, bool)
		check = func(es []entry, inPart bool) {
			for _, e := range es {
				n, err := strconv.Atoi(strings.TrimPrefix(e.At, "S:"))
				if err != nil || n < 1 || n > lines {
					t.Fatalf("entry placed at %q, outside the %d lines", e.At, lines)
				}
				if e.Part != "" {
					if inPart || e.File != "" {
						t.Fatalf("a part inside a part, or with a file: %+v", e)
					}
					check(e.Chapters, true)
				} else if len(e.Chapters) > 0 {
					t.Fatalf("a chapter with chapters: %+v", e)
				}
				if inPart && e.Kind != "" {
					t.Fatalf("front or back matter inside a part: %+v", e)
				}
			}
		}
		entries, _ := parseSummary(src, "S")
		check(entries, false)
	})
}
