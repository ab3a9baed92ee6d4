package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/filetest"
)

// Includes are read from the folders markdown.include_paths allows,
// relative to the book folder; others are refused with a warning at the
// directive, --strict makes each an error, and a warning in included text
// names the included file.
func TestIncludePaths(t *testing.T) {
	t.Parallel()
	dir := writeFolder(t, map[string]string{
		"book/manifest.yaml": "title: T\nlanguage: en\nchapters:\n  - file: one.md\n",
		"book/one.md": "# One\n\n```rust\n{{#rustdoc_include ../listings/main.rs:here}}\n```\n\n" +
			"```py\n    --8<-- \"examples/x.py\"\n```\n\n{{#include part.md}}\n\n[late](javascript:x)\n",
		"book/part.md":     "Shared.\n\n[bad](javascript:y)\n",
		"listings/main.rs": "fn main() {\n    // ANCHOR: here\n    println!();\n    // ANCHOR_END: here\n}\n",
		"examples/x.py":    "print()\n",
	})
	tests := []struct {
		name   string
		set    string
		strict bool
		want   []string
	}{
		{"book folder only", "", false, []string{
			"warning: book/one.md:4:1: {{#rustdoc_include ../listings/main.rs:here}}: ../listings/main.rs is outside the folders includes may be read from (markdown.include_paths: [.]); left as written",
			// the fence it was the whole of is then empty
			"warning: book/one.md:7: empty code block of class \"py\" left out",
			`warning: book/one.md:8:5: --8<-- "examples/x.py": no file "examples/x.py" in the folders includes are read from (markdown.include_paths: [.]); left out, as MkDocs leaves it out`,
			"warning: book/one.md:13:1: link to a javascript: URL dropped, its text kept",
			"warning: book/part.md:3:1: link to a javascript: URL dropped, its text kept",
		}},
		{"the parent too", "., ..", false, []string{
			"warning: book/one.md:13:1: link to a javascript: URL dropped, its text kept",
			"warning: book/part.md:3:1: link to a javascript: URL dropped, its text kept",
		}},
		{"strict", "", true, []string{
			"error: book/one.md:4:1: {{#rustdoc_include ../listings/main.rs:here}}: ../listings/main.rs is outside the folders includes may be read from (markdown.include_paths: [.]); left as written",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := Options{Flags: map[string]string{}, FlagOrigins: map[string]string{}}
			if tc.set != "" {
				opts.Flags["markdown.include_paths"], opts.FlagOrigins["markdown.include_paths"] = tc.set, "flag --set"
			}
			if tc.strict {
				opts.Flags["strict"], opts.FlagOrigins["strict"] = "true", "flag --strict"
			}
			r := runCheck(t, dir, opts, false)
			got := problemLines(r.stderr.String())
			if tc.strict {
				// the first, made an error (the note --strict adds cut)
				got = got[:min(1, len(got))]
				if r.err == nil {
					t.Error("--strict passed")
				}
				for i, g := range got {
					got[i] = g[:strings.Index(g, "; left as written")+len("; left as written")]
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// loadIncluding loads the book of dir with the parent folder allowed to
// includes, parses kept in parsed as a session keeps them.
func loadIncluding(t *testing.T, dir string, parsed *parseCache, set map[string]string) *project {
	t.Helper()
	var stdout, stderr bytes.Buffer
	opts := Options{Flags: map[string]string{"markdown.include_paths": ".."}, FlagOrigins: map[string]string{"markdown.include_paths": "flag --set"}, parsed: parsed}
	for k, v := range set {
		opts.Flags[k], opts.FlagOrigins[k] = v, "flag --set"
	}
	p, err := load(context.Background(), testEnv(dir, &stdout, &stderr), opts, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.close)
	if p.failed() {
		t.Fatalf("load: %v", p.diags.Items())
	}
	return p
}

// codes are the code spans of blocks, in order.
func codes(blocks []doc.Block) []string {
	var out []string
	doc.Walk(blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
		if c, ok := in.(*doc.Code); ok {
			out = append(out, c.Text)
		}
		return true
	}})
	return out
}

// listed is the colophon's list of inputs, an item a line, its code
// spans and text joined by " | " (a break) and "" (a run of inlines).
func listed(blocks []doc.Block) []string {
	var out []string
	for _, b := range blocks {
		l, ok := b.(*doc.List)
		if !ok {
			continue
		}
		for _, it := range l.Items {
			var sb strings.Builder
			for _, in := range it.Blocks[0].(*doc.Paragraph).Content {
				switch in := in.(type) {
				case *doc.Code:
					sb.WriteString(in.Text)
				case *doc.Text:
					sb.WriteString(in.Text)
				case *doc.Break:
					sb.WriteString(" | ")
				}
			}
			out = append(out, sb.String())
		}
	}
	return out
}

// sha256Hex is the hex SHA-256 of s.
func sha256Hex(s string) string {
	d := sha256.Sum256([]byte(s))
	return hex.EncodeToString(d[:])
}

// grouped writes a digest in groups of eight, as the colophon prints it.
func grouped(d string) string {
	var g []string
	for ; len(d) > 8; d = d[8:] {
		g = append(g, d[:8])
	}
	return strings.Join(append(g, d), " ")
}

// Every file a chapter's includes read is an input of the book: the
// colophon lists the files a chapter includes first as one entry after
// it, with the SHA-256 of the lines sha256sum prints for them; the book's
// digest changes with them, dating asks about them, and a session's next
// build, whose parses are kept, shows their new text.
func TestIncludedFilesAreInputs(t *testing.T) {
	t.Parallel()
	dir := writeFolder(t, map[string]string{
		"book/manifest.yaml": "title: T\nlanguage: en\nchapters: [one.md, two.md]\n",
		"book/one.md":        "# One\n\n```rust\n{{#include ../listings/main.rs}}\n```\n\n{{#include part.md}}\n",
		"book/two.md":        "# Two\n\n{{#include part.md}}\n",
		"book/part.md":       "Shared.\n",
		"listings/main.rs":   "fn main() {}\n",
	})
	parsed := newParseCache()
	var digests []string
	for _, listing := range []string{"fn main() {}\n", "fn main() { edited() }\n"} {
		putFile(t, filepath.Join(dir, "listings", "main.rs"), listing)
		p := loadIncluding(t, dir, parsed, nil)
		got := listed(p.book.Colophon)
		group := sha256Hex(sha256Hex(listing) + "  ../listings/main.rs\n" + sha256Hex("Shared.\n") + "  part.md\n")
		want := []string{
			"one.md | includes 2 files, in | ../listings/ and the book folder | " + grouped(group),
			"two.md | " + grouped(sha256Hex("# Two\n\n{{#include part.md}}\n")),
		}
		if len(got) != 4 || !slices.Equal(got[2:], want) {
			t.Errorf("colophon lists\n%s\nwant after the manifest and one.md\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		// the book's: its code spans are the settings' digest, sha256sum
		// and the list's digest
		if c := codes(p.book.Colophon); len(c) > 2 {
			digests = append(digests, c[2])
		}
		if files := p.inputFiles(); !slices.Contains(files, "listings/main.rs") || !slices.Contains(files, "book/part.md") {
			t.Errorf("files dated %q lack the included ones", files)
		}
		if code := p.book.Entries[0].Blocks[1].(*doc.CodeBlock).Text; code+"\n" != listing {
			t.Errorf("code %q, want the listing as it is now, %q", code, listing)
		}
	}
	if len(digests) != 2 || digests[0] == digests[1] {
		t.Errorf("the list's digest %q did not change with the included file", digests)
	}
}

// The README's recipe for the digest of a chapter's included files, run
// in the book folder, prints the digest the colophon prints; an earlier
// chapter's included file, which the recipe would count, is not included
// here.
func TestIncludedDigestRecipe(t *testing.T) {
	t.Parallel()
	for _, tool := range []string{"sh", "grep", "awk", "xargs", "sha256sum"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s: %v", tool, err)
		}
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const chapter = "ch02-00-guessing-game-tutorial.md"
	var recipe string
	for _, l := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(l, "grep ") && strings.Contains(l, chapter) && strings.HasSuffix(l, "| sha256sum") {
			recipe = l
		}
	}
	if recipe == "" {
		t.Fatalf("README.md has no line \"grep … %s … | sha256sum\"", chapter)
	}
	dir := writeFolder(t, map[string]string{
		"book/manifest.yaml": "title: T\nlanguage: en\nchapters: [one.md, " + chapter + "]\n",
		"book/one.md":        "# One\n\n{{#include ../listings/ch01/x.rs}}\n",
		"book/" + chapter: "# Two\n\n```rust\n{{#rustdoc_include ../listings/ch02/l1/src/main.rs:here}}\n```\n\n" +
			"```text\n{{#include ../listings/ch02/l1/output.txt}}\n```\n\n```rust\n{{#include ../listings/ch02/l2/src/lib.rs:2:3}}\n```\n\n" +
			"```rust\n{{#include ../listings/ch02/l1/src/main.rs:here}}\n```\n\n```rust\n{{#playground ../listings/ch02/l3/main.rs}}\n```\n",
		"listings/ch01/x.rs":           "x\n",
		"listings/ch02/l1/src/main.rs": "fn main() {\n    // ANCHOR: here\n    println!();\n    // ANCHOR_END: here\n}\n",
		"listings/ch02/l1/output.txt":  "$ cargo run\n",
		"listings/ch02/l2/src/lib.rs":  "a\nb\nc\nd\n",
		"listings/ch02/l3/main.rs":     "fn main() {}\n",
	})
	p := loadIncluding(t, dir, nil, nil)
	got := listed(p.book.Colophon)
	if len(got) != 5 || !strings.HasPrefix(got[4], chapter+" | includes 4 files, in | ../listings/ch02/ | ") {
		t.Fatalf("colophon lists\n%s", strings.Join(got, "\n"))
	}
	cmd := exec.Command("sh", "-c", recipe)
	cmd.Dir = filepath.Join(dir, "book")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v", recipe, err)
	}
	digest, _, _ := strings.Cut(string(out), " ")
	if want := got[4][strings.LastIndex(got[4], " | ")+3:]; grouped(digest) != want {
		t.Errorf("the README's recipe gives %s, the colophon %s", digest, want)
	}
}

// mdBook's {{#title}} is never printed: it titles the chapter's page (the
// EPUB's <title>, as mdBook's HTML <title>) while the contents keep the
// heading, and titles a chapter nothing else titles.
func TestPageTitle(t *testing.T) {
	t.Parallel()
	dir := writeFolder(t, map[string]string{
		"book/manifest.yaml": "title: T\nlanguage: en\nchapters: [one.md, two.md, three.md]\n",
		"book/one.md":        "{{#title Getting started}}\n# One\n\nText.\n",
		"book/two.md":        "{{#title The \"second\" page}}\n\nNo heading.\n",
		"book/three.md":      "# Three\n\n{{#include ../shared/titled.md}}\n",
		"shared/titled.md":   "{{#title Titled elsewhere}}\nIncluded.\n",
	})
	out := t.TempDir()
	opts := outTo(out)
	opts.Flags["formats"], opts.FlagOrigins["formats"] = "epub", "flag --set"
	opts.Flags["markdown.include_paths"], opts.FlagOrigins["markdown.include_paths"] = "..", "flag --set"
	var stdout, stderr bytes.Buffer
	if err := Run(context.Background(), testEnv(dir, &stdout, &stderr), opts); err != nil || stderr.Len() > 0 {
		t.Fatalf("build: %v\n%s", err, stderr.String())
	}
	files := filetest.ReadZip(t, filepath.Join(out, "t.epub"))
	tests := []struct{ file, title, heading string }{
		{"EPUB/xhtml/one.xhtml", "Getting started", "One"},
		{"EPUB/xhtml/two.xhtml", "The “second” page", "The “second” page"},
		{"EPUB/xhtml/three.xhtml", "Titled elsewhere", "Three"},
	}
	nav := files["EPUB/nav.xhtml"]
	for _, tc := range tests {
		page, ok := files[tc.file]
		if !ok {
			t.Fatalf("no %s in %q", tc.file, slices.Sorted(maps.Keys(files)))
		}
		if !strings.Contains(page, "<title>"+tc.title+"</title>") {
			t.Errorf("%s: want <title>%s</title> in\n%s", tc.file, tc.title, page)
		}
		if strings.Contains(page, "{{#title") {
			t.Errorf("%s prints the directive:\n%s", tc.file, page)
		}
		if !strings.Contains(page, tc.heading+"</h1>") || !strings.Contains(nav, tc.heading+"</a>") {
			t.Errorf("%s: want the heading and contents entry %q:\n%s\n%s", tc.file, tc.heading, page, nav)
		}
	}
}

// markdown.include_append's files are appended to every chapter, looked up
// in markdown.include_paths as snippets are, so the link definitions a
// site shares resolve in each chapter; a file not found is reported once,
// at the setting.
func TestIncludeAppend(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"book/manifest.yaml":   "title: T\nlanguage: en\nchapters: [one.md, two.md]\n",
		"book/one.md":          "# One\n\nSee [the site folder][mkdocs.site_dir].\n",
		"book/two.md":          "# Two\n\nSee [it][mkdocs.site_dir] and [bad][bad].\n",
		"includes/mkdocs.md":   "  [mkdocs.site_dir]: https://www.mkdocs.org/user-guide/configuration/#site_dir\n  [bad]: javascript:x\n",
		"config/samizdat.yaml": "formats: [epub]\nmarkdown:\n  include_paths: [..]\n  include_append: [includes/mkdocs.md]\n",
	}
	tests := []struct {
		name, config string
		links        int
		want         []string
	}{
		{"appended", "", 2, []string{
			"warning: book/two.md:3:31: link to a javascript: URL dropped, its text kept",
		}},
		{"not found", "formats: [epub]\nmarkdown:\n  include_paths: [..]\n  include_append: [includes/none.md]\n", 0, []string{
			"warning: book/one.md:3:5: reference link to mkdocs.site_dir has no definition: printed as its text (a dotted label is how mkdocstrings links into the API documentation it generates, which the book does not have), or define it in a file appended with markdown.include_append",
			"warning: book/two.md:3:5: reference link to mkdocs.site_dir has no definition: printed as its text (a dotted label is how mkdocstrings links into the API documentation it generates, which the book does not have), or define it in a file appended with markdown.include_append",
			`warning: config/samizdat.yaml:4:19: markdown.include_append: no file "includes/none.md" in the folders includes are read from (markdown.include_paths: [..]); not appended`,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := maps.Clone(files)
			if tc.config != "" {
				fs["config/samizdat.yaml"] = tc.config
			}
			dir := writeFolder(t, fs)
			r := runCheck(t, dir, Options{Flags: map[string]string{}, FlagOrigins: map[string]string{}}, false)
			if got := problemLines(r.stderr.String()); !slices.Equal(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			var stdout, stderr bytes.Buffer
			p, err := load(context.Background(), testEnv(dir, &stdout, &stderr), Options{}, "")
			if err != nil {
				t.Fatal(err)
			}
			defer p.close()
			links := 0
			for _, e := range p.book.Chapters() {
				doc.Walk(e.Blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
					if l, ok := in.(*doc.Link); ok && strings.HasPrefix(l.URL, "https://www.mkdocs.org/") {
						links++
					}
					return true
				}})
			}
			if links != tc.links {
				t.Errorf("%d links to mkdocs.org, want %d", links, tc.links)
			}
		})
	}
}

// By default includes may also read the book folder's parent when it is
// the book's project: mdBook's book.toml or a MkDocs configuration there
// names the book folder as its source. A repository's root is no project
// by that alone.
func TestProjectFile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		book  string // the book folder, in the parent
		files map[string]string
		want  string
	}{
		{"mdBook, src by default", "src", map[string]string{"book.toml": "[book]\ntitle = \"T\"\n"}, "book.toml"},
		{"mdBook, src given", "text", map[string]string{"book.toml": "[book]\nsrc = 'text' # the sources\n"}, "book.toml"},
		{"mdBook, another src", "src", map[string]string{"book.toml": "[book]\nsrc = \"text\"\n"}, ""},
		{"mdBook, src of another table", "text", map[string]string{"book.toml": "[book]\n[output.html]\nsrc = \"text\"\n"}, ""},
		{"MkDocs, docs by default", "docs", map[string]string{"mkdocs.yml": "site_name: T\nextra:\n  docs_dir: no\n"}, "mkdocs.yml"},
		{"MkDocs, docs_dir given", "content", map[string]string{"mkdocs.yaml": "docs_dir: \"content/\"\n"}, "mkdocs.yaml"},
		{"MkDocs, another docs_dir", "docs", map[string]string{"mkdocs.yml": "docs_dir: content\n"}, ""},
		{"MkDocs, one of several configurations", "docs", map[string]string{"mkdocs-common.yml": "site_name: T\n"}, "mkdocs-common.yml"},
		{"a repository's root", "docs", map[string]string{".git/HEAD": "ref: refs/heads/main\n"}, ""},
		{"nothing", "src", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{tc.book + "/manifest.yaml": "title: T\n"}
			for k, v := range tc.files {
				files[k] = v
			}
			dir := writeFolder(t, files)
			if got := projectFile(filepath.Join(dir, tc.book)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// A book whose parent is its mdBook project reads its listings there
// without a setting; further up stays closed, and the message says what
// was allowed and why. A setting given is taken as it is.
func TestIncludePathsDefaultProject(t *testing.T) {
	t.Parallel()
	dir := writeFolder(t, map[string]string{
		"trpl/book.toml":         "[book]\ntitle = \"T\"\n",
		"trpl/src/manifest.yaml": "title: T\nlanguage: en\nchapters: [one.md]\n",
		"trpl/src/one.md":        "# One\n\n```rust\n{{#include ../listings/main.rs}}\n```\n\n{{#include ../../secret.txt}}\n",
		"trpl/listings/main.rs":  "fn main() {}\n",
		"secret.txt":             "secret\n",
	})
	tests := []struct {
		name, set string
		want      []string
	}{
		{"default", "", []string{
			"warning: trpl/src/one.md:7:1: {{#include ../../secret.txt}}: ../../secret.txt is outside the folders includes may be read from (markdown.include_paths: [.] and .., which holds book.toml); left as written",
		}},
		{"set", ".", []string{
			"warning: trpl/src/one.md:4:1: {{#include ../listings/main.rs}}: ../listings/main.rs is outside the folders includes may be read from (markdown.include_paths: [.]); left as written",
			"warning: trpl/src/one.md:7:1: {{#include ../../secret.txt}}: ../../secret.txt is outside the folders includes may be read from (markdown.include_paths: [.]); left as written",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := Options{Flags: map[string]string{"book": "trpl/src"}, FlagOrigins: map[string]string{"book": "flag --book"}}
			if tc.set != "" {
				opts.Flags["markdown.include_paths"], opts.FlagOrigins["markdown.include_paths"] = tc.set, "flag --set"
			}
			r := runCheck(t, dir, opts, false)
			if got := problemLines(r.stderr.String()); !slices.Equal(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// A book built from inside its folder, as the command does with no
// working folder given (the book is "."), finds its project in the parent
// and reads a setting's ".." there.
func TestIncludePathsFromInsideTheBook(t *testing.T) {
	dir := writeFolder(t, map[string]string{
		"trpl/book.toml":         "[book]\ntitle = \"T\"\n",
		"trpl/src/manifest.yaml": "title: T\nlanguage: en\nchapters: [one.md]\n",
		"trpl/src/one.md":        "# One\n\n```rust\n{{#include ../listings/main.rs}}\n```\n",
		"trpl/listings/main.rs":  "fn main() {}\n",
	})
	t.Chdir(filepath.Join(dir, "trpl", "src"))
	for _, set := range []string{"", ".."} {
		t.Run("include_paths "+set, func(t *testing.T) {
			opts := Options{Flags: map[string]string{}, FlagOrigins: map[string]string{}}
			if set != "" {
				opts.Flags["markdown.include_paths"], opts.FlagOrigins["markdown.include_paths"] = set, "flag --set"
			}
			var stdout, stderr bytes.Buffer
			env := testEnv(dir, &stdout, &stderr)
			env.Dir = ""
			if err := Check(context.Background(), env, opts, false); err != nil {
				t.Fatal(err, stderr.String())
			}
			if got := problemLines(stderr.String()); len(got) > 0 {
				t.Errorf("got\n%s\nwant no problem", strings.Join(got, "\n"))
			}
		})
	}
}
