package notes

import (
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/markdown"
)

// TestEJSChapterNumbers: a "?" in the text of a link to an Eloquent
// JavaScript chapter is the chapter's number in the edition, counted from
// 1 with the introduction (its file numbered 0) unnumbered, or the
// number the manifest's numbering gives it; a link to a chapter the
// edition leaves out, or to the introduction, keeps its "?", with one
// warning for all the links to it.
func TestEJSChapterNumbers(t *testing.T) {
	const meta = "{{meta {}}}\n\n"
	files := []struct{ file, src string }{
		{"00_intro.md", meta + "# Welcome\n\nHello.\n"},
		{"01_basics.md", meta + "# Basics\n\nFirst steps.\n"},
		{"02_more.md", meta + "# More\n\n{{id part}}\n\n## A part\n\nMore steps.\n"},
		{"03_last.md", meta + "# Last\n\nSee [Chapter ?](basics), [chapters ? and ?](more#part) and [?](intro), not [this?](https://example.org/q).\n\nBack to [Chapter ?](basics).\n"},
	}
	tests := []struct {
		name     string
		opts     Options
		numbered bool
		want     []string
		warnings []string
	}{
		{"every chapter", Options{}, false,
			[]string{"See [Chapter 1→chapter-01-basics#], [chapters 2 and 2→chapter-02-more#part] and [?→chapter-00-intro#], not [this?→#].", "Back to [Chapter 1→chapter-01-basics#]."},
			[]string{`03_last.md:5: link to "intro": 00_intro.md is the book's unnumbered introduction, so the chapter's number is printed as written, "?"`}},
		{"a chapter left out: the next takes its number", Options{Conditions: []string{"web"}}, false,
			[]string{"See [Chapter ?→#], [chapters 1 and 1→chapter-02-more#part] and [?→chapter-00-intro#], not [this?→#].", "Back to [Chapter ?→#]."},
			[]string{
				`03_last.md:5: link to "basics": the edition leaves out 01_basics.md, so the chapter's number is printed as written, "?" (as in 1 other link to it)`,
				`03_last.md:5: link to "intro": 00_intro.md is the book's unnumbered introduction, so the chapter's number is printed as written, "?"`}},
		{"the manifest's numbering", Options{}, true,
			[]string{"See [Chapter 2→chapter-01-basics#], [chapters 3 and 3→chapter-02-more#part] and [1→chapter-00-intro#], not [this?→#].", "Back to [Chapter 2→chapter-01-basics#]."},
			nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			book := &doc.Book{Meta: doc.Meta{Language: "en"}}
			for _, f := range files {
				ch, err := markdown.Parse([]byte(f.src), f.file)
				if err != nil {
					t.Fatal(err)
				}
				e := &doc.Entry{File: f.file, Blocks: ch.Blocks, Digest: fakeDigest(f.file)}
				if tc.numbered {
					e.Numbered = 1
				}
				if f.file == "01_basics.md" {
					e.Tags = []string{"web"}
				}
				book.Entries = append(book.Entries, e)
			}
			warns, err := Resolve(book, Input{Options: tc.opts})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range book.Entries[len(book.Entries)-1].Blocks {
				if p, ok := b.(*doc.Paragraph); ok {
					got = append(got, linkedText(p.Content))
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("got  %q\nwant %q", got[i], tc.want[i])
				}
			}
			var chapterWarns = warns[:0]
			for _, w := range warns {
				if w.Code == "link.chapter-number" {
					chapterWarns = append(chapterWarns, w)
				}
			}
			checkWarnings(t, chapterWarns, tc.warnings...)
		})
	}
}
