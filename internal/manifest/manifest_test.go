package manifest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
)

const display = "book/manifest.yaml"

// bookFS is a book folder with the given manifest and a few files.
func bookFS(manifest string) fstest.MapFS {
	fsys := fstest.MapFS{"manifest.yaml": {Data: []byte(manifest)}}
	for _, name := range []string{"ch01.md", "ch02.md", "intro.md", "kollontai.md", "serge.md", "examples/ex0002.md", "notes/editorial.yaml", "cover.png", "refs.json", "more.bib", "index.yaml"} {
		fsys[name] = &fstest.MapFile{Data: []byte("# " + name + "\n")}
	}
	fsys["folder.md/readme.md"] = &fstest.MapFile{Data: []byte("x")}
	return fsys
}

// describe writes diagnostics one a line, each followed by its code.
func describe(ds []diag.Diagnostic) string {
	var lines []string
	for _, d := range ds {
		lines = append(lines, d.Error()+" ["+d.Code+"]")
	}
	return strings.Join(lines, "\n")
}

func load(t *testing.T, fsys fstest.MapFS) (*Manifest, error) {
	t.Helper()
	return Load(fsys, "manifest.yaml", Options{DisplayName: display})
}

func TestMinimal(t *testing.T) {
	m, err := load(t, bookFS(`title: The Rust Programming Language
language: en
chapters:
  - file: ch01.md
  - file: examples/ex0002.md
    title: Example 2
  - ./ch02.md
`))
	if err != nil {
		t.Fatal(err)
	}
	if m.Title != "The Rust Programming Language" || m.Language != "en" || m.Slug != "the-rust-programming-language" || m.File != display {
		t.Errorf("title %q language %q slug %q file %q", m.Title, m.Language, m.Slug, m.File)
	}
	want := []Entry{
		{Kind: doc.KindChapter, File: "ch01.md", Line: 4},
		{Kind: doc.KindChapter, File: "examples/ex0002.md", Title: "Example 2", Line: 5},
		{Kind: doc.KindChapter, File: "ch02.md", Line: 7},
	}
	if len(m.Chapters) != len(want) {
		t.Fatalf("%d chapters, want %d", len(m.Chapters), len(want))
	}
	for i, e := range m.Chapters {
		if e.Kind != want[i].Kind || e.File != want[i].File || e.Title != want[i].Title || e.Line != want[i].Line || e.Provenance != nil {
			t.Errorf("chapter %d = %+v, want %+v", i, *e, want[i])
		}
	}
	if len(m.Warnings) != 0 || len(m.Creators) != 0 || m.Identifier != "" {
		t.Errorf("warnings %v creators %v identifier %q", m.Warnings, m.Creators, m.Identifier)
	}
	// the manifest's bytes | sha256sum
	if m.Digest != "32bbc09d1c45fd27239e2f8d9c84351a4f0cafff8162c93ff13a6641749e9284" {
		t.Errorf("digest %q", m.Digest)
	}
}

// MDX pages (Docusaurus's .mdx) are chapters like .md ones.
func TestMDXChapter(t *testing.T) {
	fsys := bookFS("title: Docs\nlanguage: en\nchapters:\n  - file: ch01.md\n  - file: guides/tabs.mdx\n")
	fsys["guides/tabs.mdx"] = &fstest.MapFile{Data: []byte("# Tabs\n")}
	m, err := load(t, fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Chapters) != 2 || m.Chapters[1].File != "guides/tabs.mdx" {
		t.Errorf("chapters %+v", m.Chapters)
	}
}

// Quarto's .qmd and R Markdown's .Rmd files are chapters like .md ones.
func TestQuartoChapters(t *testing.T) {
	fsys := bookFS("title: Book\nlanguage: en\nchapters:\n  - file: ch01.md\n  - intro.qmd\n  - file: 01-data.Rmd\n")
	fsys["intro.qmd"] = &fstest.MapFile{Data: []byte("# Intro\n")}
	fsys["01-data.Rmd"] = &fstest.MapFile{Data: []byte("# Data\n")}
	m, err := load(t, fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Chapters) != 3 || m.Chapters[1].File != "intro.qmd" || m.Chapters[2].File != "01-data.Rmd" {
		t.Errorf("chapters %+v", m.Chapters)
	}
}

// TestNumbered: numbered: on a chapter or a part (whose chapters take it
// unless they say otherwise), true for every heading level or how many;
// level: 2 a section of the chapter before it.
func TestNumbered(t *testing.T) {
	fsys := bookFS("title: Book\nlanguage: en\nchapters:\n  - file: ch01.md\n" +
		"  - part: P\n    numbered: true\n    chapters:\n      - a.md\n      - file: b.md\n        numbered: 2\n        level: 2\n      - file: c.md\n        numbered: false\n" +
		"  - part: Q\n    chapters: [d.md]\n")
	for _, f := range []string{"a.md", "b.md", "c.md", "d.md"} {
		fsys[f] = &fstest.MapFile{Data: []byte("# X\n")}
	}
	m, err := load(t, fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range m.Entries() {
		got = append(got, fmt.Sprintf("%s%s=%d/%d", e.File, e.Title, e.Numbered, e.Level))
	}
	if want := "ch01.md=-1/1 P=6/0 a.md=6/1 b.md=2/2 c.md=0/1 Q=-1/0 d.md=-1/1"; strings.Join(got, " ") != want {
		t.Errorf("numbered %s, want %s", strings.Join(got, " "), want)
	}
}

func TestFullForm(t *testing.T) {
	m, err := load(t, bookFS(`title: "The Workers' Opposition, 1921"
subtitle: An annotated reader
language: en-GB
identifier: urn:isbn:978-0-306-40615-7
authors: [Alexandra Kollontai]
creators:
  - name: Jane Example
    role: editor
    file_as: Example, Jane
  - name: A. Translator
    role: trl
  - Victor Serge
publisher: samizdat
date: "2026-03"
rights: Free for teaching.
description: A reader.
subjects: [History]
keywords: labour
conditions: [teacher, answers]
notes: [notes/editorial.yaml]
bibliography: [refs.json, more.bib]
index: index.yaml
print_source: The samizdat paperback
chapters:
  - file: intro.md
    kind: front
    tags: [teacher]
  - part: Sources
    chapters:
      - file: kollontai.md
        kind: source
        provenance:
          author: Alexandra Kollontai
          title: The Workers' Opposition
          date: "1921"
          language: ru
          published: c. 1921
          url: https://example.org/wo
          accessed: "2026-11-20"
          license: Public domain.
  - file: ch01.md
    kind: back
    language: fr-CA
    short_title: Afterword
`))
	if err != nil {
		t.Fatal(err)
	}
	if m.Slug != "the-workers-opposition-1921" || m.Language != "en-GB" || m.Date != "2026-03" || m.PrintSource != "The samizdat paperback" {
		t.Errorf("slug %q language %q date %q print_source %q", m.Slug, m.Language, m.Date, m.PrintSource)
	}
	if es := m.Entries(); len(es) < 4 || es[3].Language != "fr-CA" || es[2].Language != "" {
		t.Errorf("entry languages not read: %+v", es)
	} else if es[3].ShortTitle != "Afterword" || es[2].ShortTitle != "" {
		t.Errorf("short titles %q %q, want \"Afterword\" and none", es[3].ShortTitle, es[2].ShortTitle)
	}
	wantCreators := []Creator{
		{Name: "Alexandra Kollontai", Role: "aut", Line: 5},
		{Name: "Jane Example", Role: "edt", FileAs: "Example, Jane", Line: 7},
		{Name: "A. Translator", Role: "trl", Line: 10},
		{Name: "Victor Serge", Role: "aut", Line: 12},
	}
	if !slices.Equal(m.Creators, wantCreators) {
		t.Errorf("creators = %+v", m.Creators)
	}
	if !slices.Equal(m.Keywords, []string{"labour"}) || !slices.Equal(m.Notes, []string{"notes/editorial.yaml"}) || !slices.Equal(m.Conditions, []string{"teacher", "answers"}) {
		t.Errorf("keywords %v notes %v conditions %v", m.Keywords, m.Notes, m.Conditions)
	}
	if !slices.Equal(m.Bibliography, []string{"refs.json", "more.bib"}) || m.Index != "index.yaml" {
		t.Errorf("bibliography %v index %q", m.Bibliography, m.Index)
	}
	entries := m.Entries()
	var kinds []string
	for _, e := range entries {
		kinds = append(kinds, e.Kind.String()+":"+e.File+e.Title)
	}
	if want := []string{"front:intro.md", "part:Sources", "source:kollontai.md", "back:ch01.md"}; !slices.Equal(kinds, want) {
		t.Errorf("entries = %v, want %v", kinds, want)
	}
	p := entries[2].Provenance
	if p == nil || p.Author != "Alexandra Kollontai" || p.Date != "1921" || p.Published != "c. 1921" || p.Accessed != "2026-11-20" || p.License != "Public domain." {
		t.Errorf("provenance = %+v", p)
	}
	if len(m.Chapters[1].Chapters) != 1 || m.Chapters[1].Line != 28 {
		t.Errorf("part = %+v", m.Chapters[1])
	}
	if len(m.Warnings) != 0 {
		t.Errorf("warnings: %v", m.Warnings)
	}
}

func TestErrors(t *testing.T) {
	const head = "title: T\nlanguage: en\n"
	tests := []struct {
		name     string
		manifest string
		want     []string
	}{
		{"unknown key", head + "chapter:\n  - ch01.md\n", []string{
			`book/manifest.yaml:3:1: unknown key "chapter" (did you mean "chapters"?) [yaml.unknown-key]`,
			`book/manifest.yaml:1:1: chapters is missing (list the book's Markdown files) [manifest.missing]`,
		}},
		{"unknown key in an entry", head + "chapters:\n  - file: ch01.md\n    titel: One\n", []string{
			`book/manifest.yaml:5:5: unknown key "chapters[0].titel" (did you mean "chapters[0].title"?) [yaml.unknown-key]`,
		}},
		{"unknown key in provenance", head + "chapters:\n  - file: ch01.md\n    kind: source\n    provenance:\n      author: A\n      licence: CC0\n", []string{
			`book/manifest.yaml:8:7: unknown key "chapters[0].provenance.licence" (did you mean "chapters[0].provenance.license"?) [yaml.unknown-key]`,
		}},
		{"missing title", "language: en\nchapters: [ch01.md]\n", []string{
			`book/manifest.yaml:1:1: title is missing [manifest.missing]`,
		}},
		{"empty title", "title:\nlanguage: en\nchapters: [ch01.md]\n", []string{
			`book/manifest.yaml:1:1: title is empty [manifest.missing]`,
		}},
		{"missing language", "title: T\nchapters: [ch01.md]\n", []string{
			`book/manifest.yaml:1:1: language is missing [manifest.missing]`,
		}},
		{"bad language", "title: T\nlanguage: english\nchapters: [ch01.md]\n", []string{
			`book/manifest.yaml:2:11: language "english" is not a BCP 47 tag such as en, en-GB or ru [manifest.value]`,
		}},
		{"underscore language", "title: T\nlanguage: en_US\nchapters: [ch01.md]\n", []string{
			`book/manifest.yaml:2:11: language "en_US" is not a BCP 47 tag (did you mean "en-US"?) [manifest.value]`,
		}},
		{"bad entry language", head + "chapters:\n  - file: ch01.md\n    language: russian\n  - file: kollontai.md\n    language: ru_RU\n", []string{
			`book/manifest.yaml:5:15: chapters[0].language "russian" is not a BCP 47 tag such as en, en-GB or ru [manifest.value]`,
			`book/manifest.yaml:7:15: chapters[1].language "ru_RU" is not a BCP 47 tag (did you mean "ru-RU"?) [manifest.value]`,
		}},
		{"missing chapters", head, []string{
			`book/manifest.yaml:1:1: chapters is missing (list the book's Markdown files) [manifest.missing]`,
		}},
		{"empty chapters", head + "chapters: []\n", []string{
			`book/manifest.yaml:1:1: chapters is missing (list the book's Markdown files) [manifest.missing]`,
		}},
		{"chapter without file", head + "chapters:\n  - title: One\n", []string{
			`book/manifest.yaml:4:5: chapters[0]: file is missing (or use part: to start a part) [manifest.missing]`,
		}},
		{"duplicate file", head + "chapters:\n  - ch01.md\n  - file: ./ch01.md\n", []string{
			`book/manifest.yaml:5:11: chapters[1].file "./ch01.md" is already listed on line 4 [manifest.path]`,
		}},
		{"missing file", head + "chapters:\n  - ch01.md\n  - file: ch09.md\n", []string{
			`book/manifest.yaml:5:11: chapters[1].file "ch09.md" does not exist [manifest.path]`,
		}},
		{"folder", head + "chapters:\n  - file: folder.md\n", []string{
			`book/manifest.yaml:4:11: chapters[0].file "folder.md" is a folder, not a file [manifest.path]`,
		}},
		{"parent path", head + "chapters:\n  - ch01.md\n  - file: ../secret.md\n", []string{
			`book/manifest.yaml:5:11: chapters[1].file "../secret.md" is outside the book folder [manifest.path]`,
		}},
		{"sneaky parent path", head + "chapters:\n  - file: examples/../../secret.md\n", []string{
			`book/manifest.yaml:4:11: chapters[0].file "examples/../../secret.md" is outside the book folder [manifest.path]`,
		}},
		{"absolute path", head + "chapters:\n  - file: /etc/passwd.md\n", []string{
			`book/manifest.yaml:4:11: chapters[0].file "/etc/passwd.md" is outside the book folder [manifest.path]`,
		}},
		{"drive path", head + "chapters:\n  - file: C:/book/ch01.md\n", []string{
			`book/manifest.yaml:4:11: chapters[0].file "C:/book/ch01.md" is outside the book folder [manifest.path]`,
		}},
		{"backslashes", head + "chapters:\n  - file: examples\\ex0002.md\n", []string{
			`book/manifest.yaml:4:11: chapters[0].file "examples\\ex0002.md": use / to separate folders [manifest.path]`,
		}},
		{"not markdown", head + "chapters:\n  - file: cover.png\n", []string{
			`book/manifest.yaml:4:11: chapters[0].file "cover.png" is not a Markdown file (.md, .markdown, .mdx, .qmd or .Rmd), a Jupyter notebook (.ipynb) or an HTML file (.html, .htm or .xhtml) [manifest.path]`,
		}},
		{"a notebook is a chapter, checked as a Markdown file is", head + "chapters:\n  - file: intro.ipynb\n", []string{
			`book/manifest.yaml:4:11: chapters[0].file "intro.ipynb" does not exist [manifest.path]`,
		}},
		{"alt text", head + "chapters: [ch01.md]\nalt_text:\n  img/map.png:\n  ../x.png: Outside\n  img/ok.png: Fine\n  ./img/ok.png: Again\n  img/list.png: [a, b]\nalt_text_2: x\n", []string{
			`book/manifest.yaml:10:1: unknown key "alt_text_2" (did you mean "alt_text"?) [yaml.unknown-key]`,
			`book/manifest.yaml:5:3: alt_text.img/map.png: give a description, or "" for a picture that only decorates [manifest.missing]`,
			`book/manifest.yaml:6:3: alt_text: "../x.png" is outside the book folder [manifest.path]`,
			`book/manifest.yaml:8:3: alt_text: "./img/ok.png" is already described on line 7 [manifest.path]`,
			`book/manifest.yaml:9:17: alt_text.img/list.png: expected text, got a list [yaml.type]`,
		}},
		{"unknown kind", head + "chapters:\n  - file: ch01.md\n    kind: appendix\n", []string{
			`book/manifest.yaml:5:11: chapters[0].kind: unknown kind "appendix" (use front, chapter, source or back) [manifest.value]`,
		}},
		{"kind part on a file", head + "chapters:\n  - file: ch01.md\n    kind: part\n", []string{
			`book/manifest.yaml:5:11: chapters[0].kind: unknown kind "part" (use front, chapter, source or back) [manifest.value]`,
		}},
		{"source without provenance", head + "chapters:\n  - file: kollontai.md\n    kind: source\n", []string{
			`book/manifest.yaml:4:5: chapters[0]: a source needs provenance (at least author or title, and where the text came from) [manifest.missing]`,
		}},
		{"provenance without author or title", head + "chapters:\n  - file: kollontai.md\n    kind: source\n    provenance:\n      date: \"1921\"\n", []string{
			`book/manifest.yaml:6:5: chapters[0].provenance: give at least the author or the title, or ref: a bibliography key [manifest.missing]`,
		}},
		{"provenance with ref and the work's fields", head + "chapters:\n  - file: serge.md\n    kind: source\n    provenance:\n      ref: serge1963\n      extract: 2\n      title: Memoirs\n      published: \"1963\"\n", []string{
			`book/manifest.yaml:9:7: chapters[0].provenance.title: the bibliography entry "serge1963" gives the work's title; leave it out here [manifest.value]`,
			`book/manifest.yaml:10:7: chapters[0].provenance.published: the bibliography entry "serge1963" gives the work's published; leave it out here [manifest.value]`,
		}},
		{"bibliography and index files", head + "bibliography: [refs.json, refs.yaml, ../refs.bib]\nindex: [a.yaml, b.yaml]\nchapters: [ch01.md]\n", []string{
			`book/manifest.yaml:3:27: bibliography[1] "refs.yaml" is not a CSL-JSON (.json) or BibTeX (.bib) file [manifest.path]`,
			`book/manifest.yaml:3:38: bibliography[2] "../refs.bib" is outside the book folder [manifest.path]`,
			`book/manifest.yaml:4:8: index: give one file of terms, not 2 [manifest.value]`,
		}},
		{"provenance not a mapping", head + "chapters:\n  - file: kollontai.md\n    kind: source\n    provenance: Kollontai 1921\n", []string{
			`book/manifest.yaml:6:17: chapters[0].provenance: expected author, title, date… indented below it, got a single value [yaml.type]`,
			`book/manifest.yaml:4:5: chapters[0]: a source needs provenance (at least author or title, and where the text came from) [manifest.missing]`,
		}},
		{"bad provenance dates and url", head + "chapters:\n  - file: kollontai.md\n    kind: source\n    provenance:\n      author: A\n      date: 1921-13\n      accessed: yesterday\n      url: www.example.org\n", []string{
			`book/manifest.yaml:8:13: chapters[0].provenance.date: bad date "1921-13" (use YYYY, YYYY-MM or YYYY-MM-DD, or words such as "c. 1921") [manifest.value]`,
			`book/manifest.yaml:9:17: chapters[0].provenance.accessed: bad date "yesterday" (use YYYY, YYYY-MM or YYYY-MM-DD) [manifest.value]`,
			`book/manifest.yaml:10:12: chapters[0].provenance.url "www.example.org" is not a full address (start it with https://) [manifest.value]`,
		}},
		{"bad role", head + "creators:\n  - name: A\n    role: writer\nchapters: [ch01.md]\n", []string{
			`book/manifest.yaml:5:11: creators[0].role: unknown role "writer" (use author, editor, translator, annotator, introduction, foreword, afterword, contributor, illustrator, compiler, or a MARC code such as aut, edt, trl) [manifest.value]`,
		}},
		{"creator without name", head + "creators:\n  - role: editor\nchapters: [ch01.md]\n", []string{
			`book/manifest.yaml:4:5: creators[0]: name is missing [manifest.missing]`,
		}},
		{"bad book date", head + "date: 2026-02-30\nchapters: [ch01.md]\n", []string{
			`book/manifest.yaml:3:7: date: bad date "2026-02-30" (use YYYY, YYYY-MM or YYYY-MM-DD) [manifest.value]`,
		}},
		{"bad isbn", head + "identifier: urn:isbn:9780306406158\nchapters: [ch01.md]\n", []string{
			`book/manifest.yaml:3:13: identifier "urn:isbn:9780306406158" is not a valid ISBN (check the digits) [manifest.value]`,
		}},
		{"bad slug", head + "slug: Workers Opposition\nchapters: [ch01.md]\n", []string{
			`book/manifest.yaml:3:7: slug "Workers Opposition": use lower-case letters, digits and single hyphens (e.g. "workers-opposition") [manifest.value]`,
		}},
		{"missing notes file", head + "notes: [notes/missing.yaml]\nchapters: [ch01.md]\n", []string{
			`book/manifest.yaml:3:9: notes[0] "notes/missing.yaml" does not exist [manifest.path]`,
		}},
		{"notes not yaml", head + "notes: ch02.md\nchapters: [ch01.md]\n", []string{
			`book/manifest.yaml:3:8: notes "ch02.md" is not a YAML file (.yaml) [manifest.path]`,
		}},
		{"nested part", head + "chapters:\n  - part: A\n    chapters:\n      - part: B\n        chapters: [ch01.md]\n", []string{
			`book/manifest.yaml:6:9: chapters[0].chapters[0]: parts cannot be nested [manifest.value]`,
		}},
		{"empty part", head + "chapters:\n  - part: Sources\n", []string{
			`book/manifest.yaml:4:5: chapters[0]: a part needs chapters [manifest.missing]`,
		}},
		{"part with file", head + "chapters:\n  - part: Sources\n    file: ch01.md\n    chapters: [ch02.md]\n", []string{
			`book/manifest.yaml:5:5: unknown key "chapters[0].file" (known keys: part, short_title, tags, numbered, chapters) [yaml.unknown-key]`,
		}},
		{"wrong types", "title: [a, b]\nlanguage: en\nsubjects: {a: b}\nchapters: ch01.md\n", []string{
			`book/manifest.yaml:1:8: title: expected text, got a list [yaml.type]`,
			`book/manifest.yaml:3:11: subjects: expected a list, got a mapping [yaml.type]`,
			`book/manifest.yaml:4:11: chapters: expected a list of files, got a single value [yaml.type]`,
		}},
		{"key given twice", head + "title: U\nchapters: [ch01.md]\n", []string{
			`book/manifest.yaml:3:1: duplicate key "title" (first on line 1) [yaml.duplicate-key]`,
		}},
		{"bad numbered and level", head + "chapters:\n  - file: ch01.md\n    numbered: seven\n    level: 0\n", []string{
			`book/manifest.yaml:5:15: chapters[0].numbered: "seven": use true, false or how many heading levels to number, 1 to 6 [manifest.value]`,
			`book/manifest.yaml:6:12: chapters[0].level: "0": use 1 for a chapter, 2 for a section of the chapter before it, … up to 6 [manifest.value]`,
		}},
		{"bad tag", head + "conditions: [teacher]\nchapters:\n  - file: ch01.md\n    tags: [\"for teachers\"]\n", []string{
			`book/manifest.yaml:6:11: chapters[0].tags: bad tag "for teachers" (letters, digits, - and _) [manifest.value]`,
		}},
		{"syntax error", "title: T\nlanguage: en\nchapters:\n  - file: ch01.md\n   kind: front\n", []string{
			`book/manifest.yaml:3: did not find expected '-' indicator [yaml.syntax]`,
		}},
		{"tab indentation", "title: T\n\tlanguage: en\n", []string{
			`book/manifest.yaml:2: found a tab character that violates indentation [yaml.syntax]`,
		}},
		{"second document", head + "chapters: [ch01.md]\n---\ntitle: U\n", []string{
			`book/manifest.yaml:4:1: only one YAML document is allowed (remove the "---" line and what follows) [yaml.documents]`,
		}},
		{"alias inside itself", head + "chapters: &c\n  - part: P\n    chapters: *c\n", []string{
			`book/manifest.yaml:5:15: alias *c is inside the value it names [yaml.anchor]`,
			`book/manifest.yaml:4:5: chapters[0]: a part needs chapters [manifest.missing]`,
		}},
		{"empty", "", []string{
			`book/manifest.yaml: the manifest is empty (it needs a title, a language and a list of chapters) [manifest.missing]`,
		}},
		{"not a mapping", "- ch01.md\n", []string{
			`book/manifest.yaml:1:1: expected "key: value" lines (title, language, chapters…), got a list [yaml.type]`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(t, bookFS(tt.manifest))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if got := describe(diag.FromError(err)); got != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", got, strings.Join(tt.want, "\n"))
			}
		})
	}
}

// Three unrelated problems come back together, each with its own line.
func TestEveryProblemAtOnce(t *testing.T) {
	_, err := load(t, bookFS(`title: T
language: en
date: last year
chapters:
  - file: ch01.md
  - file: missing.md
  - file: ch02.md
    kind: sauce
`))
	if err == nil {
		t.Fatal("no error")
	}
	want := `book/manifest.yaml:3:7: date: bad date "last year" (use YYYY, YYYY-MM or YYYY-MM-DD)
book/manifest.yaml:6:11: chapters[1].file "missing.md" does not exist
book/manifest.yaml:8:11: chapters[2].kind: unknown kind "sauce" (use front, chapter, source or back)`
	if err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

func TestUndeclaredTagIsAWarning(t *testing.T) {
	m, err := load(t, bookFS(`title: T
language: en
conditions: [teacher]
chapters:
  - file: ch01.md
    tags: [teacher, answers]
  - part: Extra
    tags: [extra]
    chapters: [ch02.md]
`))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`book/manifest.yaml:5:5: tag "answers" is not declared in conditions (declared: teacher) [manifest.tag]`,
		`book/manifest.yaml:7:5: tag "extra" is not declared in conditions (declared: teacher) [manifest.tag]`,
	}
	if got := describe(m.Warnings); got != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	for _, w := range m.Warnings {
		if w.Severity != diag.Warning {
			t.Errorf("%v is not a warning", w)
		}
	}
}

func TestMissingManifest(t *testing.T) {
	_, err := Load(fstest.MapFS{}, "manifest.yaml", Options{DisplayName: "mybook/manifest.yaml"})
	if err == nil || err.Error() != "mybook/manifest.yaml: no manifest (create it with a title, a language and a list of chapters)" {
		t.Errorf("err = %v", err)
	}
}

// A link inside the book folder pointing out of it must be refused, both by
// os.Root (whose error Load translates) and by Load's own check on file
// systems that follow links anywhere.
func TestSymlinkEscape(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "book")
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(book, name)); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	write("secret.md", "# Secret\n")
	write("outside/other.md", "# Other\n")
	write("book/ch01.md", "# One\n")
	write("book/manifest.yaml", `title: T
language: en
chapters:
  - ch01.md
  - file: secret.md
  - file: inside.md
  - file: linked/other.md
  - file: absolute.md
`)
	link("../secret.md", "secret.md")
	link("ch01.md", "inside.md") // a link that stays inside is fine
	link("../outside", "linked")
	link(filepath.Join(dir, "secret.md"), "absolute.md")
	want := `book/manifest.yaml:5:11: chapters[1].file "secret.md" is outside the book folder (a link points out of it)
book/manifest.yaml:7:11: chapters[3].file "linked/other.md" is outside the book folder (a link points out of it)
book/manifest.yaml:8:11: chapters[4].file "absolute.md" is outside the book folder (a link points out of it)`

	root, err := os.OpenRoot(book)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	_, err = Load(root.FS(), "manifest.yaml", Options{DisplayName: "book/manifest.yaml"})
	if err == nil || err.Error() != want {
		t.Errorf("os.Root: got\n%v\nwant\n%s", err, want)
	}
	_, err = Load(os.DirFS(book), "manifest.yaml", Options{DisplayName: "book/manifest.yaml"})
	if err == nil || err.Error() != want {
		t.Errorf("os.DirFS: got\n%v\nwant\n%s", err, want)
	}
	// Without Load's own check, os.Root's refusal still reads clearly.
	_, err = Load(openOnly{root.FS()}, "manifest.yaml", Options{DisplayName: "book/manifest.yaml"})
	if err == nil || err.Error() != want {
		t.Errorf("os.Root without ReadLink: got\n%v\nwant\n%s", err, want)
	}
}

// openOnly hides every method but Open, so Load cannot inspect links.
type openOnly struct{ fsys fs.FS }

func (o openOnly) Open(name string) (fs.File, error) { return o.fsys.Open(name) }

func TestSampleBook(t *testing.T) {
	root, err := os.OpenRoot("../../book")
	if err != nil {
		t.Skipf("no sample book: %v", err)
	}
	defer root.Close()
	m, err := Load(root.FS(), "manifest.yaml", Options{DisplayName: "book/manifest.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Warnings) != 0 {
		t.Errorf("warnings: %v", m.Warnings)
	}
	sources := 0
	for _, e := range m.Entries() {
		if e.Kind == doc.KindSource {
			sources++
			if e.Provenance == nil {
				t.Errorf("%s: source without provenance", e.File)
			}
		}
	}
	if m.Title == "" || sources == 0 {
		t.Errorf("title %q, %d sources", m.Title, sources)
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"The Rust Programming Language":  "the-rust-programming-language",
		"The Workers' Opposition, 1921":  "the-workers-opposition-1921",
		"Émile Zola: À rebours — 2e éd.": "emile-zola-a-rebours-2e-ed",
		"Рабочая оппозиция":              "book",
		"  --  ":                         "book",
		"ﬁn de siècle":                   "fin-de-siecle",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Slugify(strings.Repeat("word ", 40)); len(got) > 64 || strings.HasSuffix(got, "-") {
		t.Errorf("long title slug %q", got)
	}
}

func TestISBN(t *testing.T) {
	for s, want := range map[string]bool{
		"978-0-306-40615-7": true, "9780306406157": true, "0-306-40615-2": true, "080442957X": true,
		"9780306406158": false, "0-306-40615-3": false, "12345": false, "97803064061X7": false,
	} {
		if validISBN(s) != want {
			t.Errorf("validISBN(%q) = %v", s, !want)
		}
	}
}

// FuzzLoad feeds any bytes as the manifest: Load must not panic, and every
// problem and warning must name the manifest.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		"title: T\nlanguage: en\nchapters: [ch01.md]\n",
		"title: T\nlanguage: en\nchapters:\n  - part: P\n    chapters:\n      - file: ch02.md\n        kind: source\n        provenance: {author: A, date: 1921-02-30}\n",
		"chapters:\n  - &a {file: ch01.md}\n  - *a\n",
		"a: [",
		"- x",
		"title: T\nlanguage: en\ncreators: [{name: N, role: xyz}, B]\nchapters: [../x.md, /y.md, ch01.md, ch01.md]\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Load(bookFS(string(data)), "manifest.yaml", Options{DisplayName: display})
		if err != nil {
			for line := range strings.SplitSeq(err.Error(), "\n") {
				if !strings.HasPrefix(line, display+":") {
					t.Errorf("problem does not name the manifest: %q", line)
				}
			}
			return
		}
		for _, w := range m.Warnings {
			if w.File != display {
				t.Errorf("warning does not name the manifest: %q", w)
			}
		}
		if m.Title == "" || m.Language == "" || len(m.Chapters) == 0 {
			t.Errorf("accepted a manifest without title, language or chapters: %q", data)
		}
	})
}
