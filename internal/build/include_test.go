package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"maps"
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
			`warning: book/one.md:8:5: --8<-- "examples/x.py": no file "examples/x.py" in the folders includes are read from (markdown.include_paths: [.]); left as written`,
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

// Every file a chapter's includes read is an input of the book: the
// colophon lists it with its SHA-256 after the chapter, the list's digest
// changes with it, dating asks about it, and a session's next build, whose
// parses are kept, shows its new text.
func TestIncludedFilesAreInputs(t *testing.T) {
	dir := writeFolder(t, map[string]string{
		"book/manifest.yaml": "title: T\nlanguage: en\nchapters: [one.md, two.md]\n",
		"book/one.md":        "# One\n\n```rust\n{{#include ../listings/main.rs}}\n```\n\n{{#include part.md}}\n",
		"book/two.md":        "# Two\n\n{{#include part.md}}\n",
		"book/part.md":       "Shared.\n",
		"listings/main.rs":   "fn main() {}\n",
	})
	parsed := newParseCache()
	sum := func(s string) string {
		d := sha256.Sum256([]byte(s))
		return hex.EncodeToString(d[:])
	}
	var digests []string
	for _, listing := range []string{"fn main() {}\n", "fn main() { edited() }\n"} {
		putFile(t, filepath.Join(dir, "listings", "main.rs"), listing)
		p := loadIncluding(t, dir, parsed, nil)
		// the colophon's code spans: the settings' digest, sha256sum and
		// the list's digest, then each file and its digest
		got := codes(p.book.Colophon)
		at := slices.Index(got, "manifest.yaml")
		if at < 3 {
			t.Fatalf("colophon codes %q", got)
		}
		var paths []string
		for i := at; i+1 < len(got); i += 2 {
			paths = append(paths, got[i])
			if got[i] == "../listings/main.rs" && strings.ReplaceAll(got[i+1], " ", "") != sum(listing) {
				t.Errorf("../listings/main.rs listed with %s, want %s", got[i+1], sum(listing))
			}
		}
		if want := []string{"manifest.yaml", "one.md", "../listings/main.rs", "part.md", "two.md"}; !slices.Equal(paths, want) {
			t.Errorf("colophon lists %q, want %q", paths, want)
		}
		digests = append(digests, got[at-1])
		if files := p.inputFiles(); !slices.Contains(files, "listings/main.rs") || !slices.Contains(files, "book/part.md") {
			t.Errorf("files dated %q lack the included ones", files)
		}
		if code := p.book.Entries[0].Blocks[1].(*doc.CodeBlock).Text; code+"\n" != listing {
			t.Errorf("code %q, want the listing as it is now, %q", code, listing)
		}
	}
	if digests[0] == digests[1] {
		t.Errorf("the list's digest %s did not change with the included file", digests[0])
	}
}

// mdBook's {{#title}} is never printed: it titles the chapter's page (the
// EPUB's <title>, as mdBook's HTML <title>) while the contents keep the
// heading, and titles a chapter nothing else titles.
func TestPageTitle(t *testing.T) {
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
