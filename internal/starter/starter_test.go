package starter

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/manifest"
)

func TestInitWritesABookThatLoads(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "federalist-debates")
	files, err := Init(dir, `The "Federalist": Debates`)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"manifest.yaml", "introduction.md", "declaration.md", "notes/editorial.yaml",
		"config/samizdat.yaml", "config/editions/packet.yaml", "config/editions/teacher.yaml", "README.md", ".gitignore"} {
		if !slices.Contains(files, want) {
			t.Errorf("no %s in %v", want, files)
		}
	}
	m, err := manifest.Load(os.DirFS(dir), "manifest.yaml", manifest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Title != `The "Federalist": Debates` || m.Slug != "the-federalist-debates" {
		t.Errorf("title %q, slug %q", m.Title, m.Slug)
	}
	readme, _ := os.ReadFile(filepath.Join(dir, "README.md"))
	if !strings.Contains(string(readme), "dist/the-federalist-debates.epub") {
		t.Errorf("the README does not name the outputs:\n%s", readme)
	}
}

func TestInitTitleFromTheFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my_civics-reader")
	if _, err := Init(dir, ""); err != nil {
		t.Fatal(err)
	}
	m, err := manifest.Load(os.DirFS(dir), "manifest.yaml", manifest.Options{})
	if err != nil || m.Title != "My Civics Reader" {
		t.Errorf("title %q, %v", m.Title, err)
	}
}

// Init never writes over anything: a folder with a file in it is refused
// and left as it was.
func TestInitRefusesAFolderInUse(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Init(dir, "")
	if err == nil || !strings.Contains(err.Error(), "is not empty") {
		t.Fatalf("err %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder changed: %v", entries)
	}
	empty := t.TempDir()
	if _, err := Init(empty, "In an empty folder"); err != nil {
		t.Errorf("an empty folder: %v", err)
	}
}

const commented = `# The book.
title: Test # the title
language: en
chapters:
  # the opening
  - file: intro.md
    title: >-
      A long title
  - part: Sources
    chapters:
      - file: texts/a.md
        kind: source
        provenance: {title: A}
  - file: questions.md
    kind: back
  - file: index.md
    kind: back-matter
`

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestNewKeepsTheManifest(t *testing.T) {
	dir := writeFiles(t, map[string]string{"manifest.yaml": commented, "intro.md": "# Intro\n", "texts/a.md": "# A\n",
		"questions.md": "# Q\n", "index.md": "# I\n"})
	for _, step := range []struct{ kind, title, file string }{
		{"chapter", "The Middle", "the-middle.md"},
		{"source", "Common Sense", "texts/common-sense.md"},
		{"note", "Vocabulary", "notes/vocabulary.yaml"},
		{"note", "More words", "notes/more-words.yaml"},
	} {
		name, err := New(dir, step.kind, step.title)
		if err != nil {
			t.Fatalf("new %s: %v", step.kind, err)
		}
		if name != step.file {
			t.Errorf("new %s %q made %s, want %s", step.kind, step.title, name, step.file)
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Error(err)
		}
	}
	got, _ := os.ReadFile(filepath.Join(dir, "manifest.yaml"))
	want := `# The book.
title: Test # the title
language: en
notes:
  - notes/vocabulary.yaml
  - notes/more-words.yaml
chapters:
  # the opening
  - file: intro.md
    title: >-
      A long title
  - part: Sources
    chapters:
      - file: texts/a.md
        kind: source
        provenance: {title: A}
      - file: texts/common-sense.md
        kind: source
        provenance: # where the text came from: author, date, publisher, url…
          title: Common Sense
  - file: the-middle.md
  - file: questions.md
    kind: back
  - file: index.md
    kind: back-matter
`
	if string(got) != want {
		t.Errorf("manifest:\n%s\nwant\n%s", got, want)
	}
	m, err := manifest.Load(os.DirFS(dir), "manifest.yaml", manifest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.Notes, []string{"notes/vocabulary.yaml", "notes/more-words.yaml"}) {
		t.Errorf("notes %v", m.Notes)
	}
	stub, _ := os.ReadFile(filepath.Join(dir, "the-middle.md"))
	if string(stub) != "# The Middle\n\nWrite the chapter here, in Markdown.\n" {
		t.Errorf("stub %q", stub)
	}
}

// A manifest whose chapters are a list of file names gets one more.
func TestNewInAFlowList(t *testing.T) {
	dir := writeFiles(t, map[string]string{"manifest.yaml": "title: T\nlanguage: en\nchapters: [one.md]\n", "one.md": "# One\n"})
	if _, err := New(dir, "chapter", "Two"); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "manifest.yaml"))
	if want := "title: T\nlanguage: en\nchapters: [one.md, {file: two.md}]\n"; string(got) != want {
		t.Errorf("manifest %q, want %q", got, want)
	}
}

func TestNewProblems(t *testing.T) {
	base := map[string]string{"manifest.yaml": "title: T\nlanguage: en\nchapters:\n  - file: one.md\n", "one.md": "# One\n"}
	tests := []struct {
		name        string
		files       map[string]string
		kind, title string
		want        string
	}{
		{"unknown kind", base, "essay", "X", "samizdat new essay: unknown kind (use chapter, source or note)"},
		{"no title", base, "chapter", " ", "samizdat new chapter: give the title"},
		{"file exists", base, "chapter", "One", "one.md exists already; choose another title"},
		{"no manifest", map[string]string{"one.md": ""}, "chapter", "Two", "manifest.yaml: no such file or directory"},
		{"not a map", map[string]string{"manifest.yaml": "- a\n"}, "chapter", "Two", "a manifest is a map of keys"},
		{"no chapters", map[string]string{"manifest.yaml": "title: T\n"}, "chapter", "Two", "no list of chapters to add to"},
		{"bad YAML", map[string]string{"manifest.yaml": "title: [\n"}, "chapter", "Two", "manifest.yaml: yaml: line"},
	}
	for _, tt := range tests {
		dir := writeFiles(t, tt.files)
		before, _ := os.ReadFile(filepath.Join(dir, "manifest.yaml"))
		_, err := New(dir, tt.kind, tt.title)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err %v, want %q", tt.name, err, tt.want)
		}
		after, _ := os.ReadFile(filepath.Join(dir, "manifest.yaml"))
		if string(after) != string(before) {
			t.Errorf("%s: the manifest changed", tt.name)
		}
	}
}

// A manifest keeps every byte it had, its long folded text, its quoting,
// its blank lines and comments: the new entry's lines are added, nothing
// else changes.
func TestNewKeepsTheManifestText(t *testing.T) {
	const head = `# The manifest.
title: 'Workers and Power'   # quoted as the editor likes
description: >-
  A long description that the editor folded over several lines, each of them
  shorter than the YAML writer would make them, and the writer would join them.
`
	const chapters = `chapters:
  - file: intro.md

  # the sources
  - part: Sources
    chapters:
      - file: texts/a.md
        kind: source
        provenance:
          title: A
          note: >-
            A note long enough to be folded by its editor over two lines of
            the manifest, which must stay as they are.
  - file: back.md
    kind: back
`
	files := map[string]string{"intro.md": "# Intro\n", "texts/a.md": "# A\n", "back.md": "# Back\n"}
	for _, tt := range []struct {
		kind, title, manifest, want string
	}{
		{"chapter", "Middle", head + chapters,
			head + strings.Replace(chapters, "  - file: back.md\n", "  - file: middle.md\n  - file: back.md\n", 1)},
		{"source", "B", head + chapters,
			head + strings.Replace(chapters, "the manifest, which must stay as they are.\n",
				"the manifest, which must stay as they are.\n      - file: texts/b.md\n        kind: source\n        provenance: # where the text came from: author, date, publisher, url…\n          title: B\n", 1)},
		{"note", "Words", head + chapters, head + "notes:\n  - notes/words.yaml\n" + chapters},
		{"note", "Words", head + "notes:\n  - notes/a.yaml # the first\n\n" + chapters,
			head + "notes:\n  - notes/a.yaml # the first\n  - notes/words.yaml\n\n" + chapters},
	} {
		fs := map[string]string{"manifest.yaml": tt.manifest}
		for k, v := range files {
			fs[k] = v
		}
		dir := writeFiles(t, fs)
		if _, err := New(dir, tt.kind, tt.title); err != nil {
			t.Fatalf("new %s: %v", tt.kind, err)
		}
		got, _ := os.ReadFile(filepath.Join(dir, "manifest.yaml"))
		if string(got) != tt.want {
			t.Errorf("new %s %q:\n%s\nwant\n%s", tt.kind, tt.title, got, tt.want)
		}
	}
}
