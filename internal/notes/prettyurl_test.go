package notes

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestPrettyURLs: links written as the pages' addresses on a website whose
// pages are folders (Hugo's, MkDocs' by default) lead to the chapters those
// pages are made from: a page, a leaf bundle's index.md, a branch's
// _index.md, MkDocs' README.md; a relative address starts from the linking
// page's own address. A name that is no page's leads to the one chapter
// beside the linking one whose file is that name after a number.
func TestPrettyURLs(t *testing.T) {
	files := []string{"_index.md", "other.md", "section/_index.md", "section/page.md", "section/bundle/index.md", "guide/README.md", "guide/README.de-DE.md", "guide/tabs.mdx", "01_values.md", "02_structure.md", "03_data.md", "04-data.md"}
	for _, tc := range []struct {
		name, from, url string
		to, anchor      string // the chapter's file and anchor; "" for text
		warning         string
	}{
		{"an absolute page", "other.md", "/section/page/", "section/page.md", "", ""},
		{"without the slash", "other.md", "/section/page", "section/page.md", "", ""},
		{"a leaf bundle, with a fragment", "other.md", "/section/bundle/#part", "section/bundle/index.md", "part", ""},
		{"a branch", "other.md", "/section/", "section/_index.md", "", ""},
		{"the home page", "section/page.md", "/", "_index.md", "", ""},
		{"MkDocs' README", "other.md", "/guide/", "guide/README.md", "", ""},
		{"an MDX page (Docusaurus)", "other.md", "/guide/tabs/", "guide/tabs.mdx", "", ""},
		{"a sibling, from the page's own address", "section/page.md", "../bundle/", "section/bundle/index.md", "", ""},
		{"the parent section", "section/page.md", "../", "section/_index.md", "", ""},
		{"from a branch's index, its folder's address", "section/_index.md", "page/#part", "section/page.md", "part", ""},
		{"from a bundle's index", "section/bundle/index.md", "../page/", "section/page.md", "", ""},
		{"a file's folder is not the page's address", "section/page.md", "bundle/", "", "",
			`section/page.md:3: link "bundle/": no page section/page/bundle in the book folder (section/page/bundle.md, section/page/bundle/index.md or section/page/bundle/_index.md); printed as text [link.dangling]`},
		{"a translated README's folder, as GitHub reads it", "guide/README.de-DE.md", "../section/bundle/", "section/bundle/index.md", "", ""},
		{"a page the book leaves out, named as its file", "other.md", "/section/extra/", "", "",
			`other.md:3: link "/section/extra/": section/extra.md is not in the book; printed as text [link.dangling]`},
		{"no such page", "other.md", "/functions/now/", "", "",
			`other.md:3: link "/functions/now/": no page functions/now in the book folder (functions/now.md, functions/now/index.md or functions/now/_index.md); printed as text [link.dangling]`},
		{"a heading the page lacks", "other.md", "/section/page/#nowhere", "", "",
			`other.md:3: link "/section/page/#nowhere": no heading "nowhere" in section/page.md; printed as text [link.dangling]`},
		{"a numbered chapter by its name (Eloquent JavaScript's docid)", "02_structure.md", "values", "01_values.md", "", ""},
		{"a numbered chapter's heading", "02_structure.md", "values#part", "01_values.md", "part", ""},
		{"a name two numbered chapters share leads to neither", "02_structure.md", "data", "", "",
			`02_structure.md:3: link "data": no page 02_structure/data in the book folder (02_structure/data.md, 02_structure/data/index.md or 02_structure/data/_index.md); printed as text [link.dangling]`},
		{"leading out of the book", "other.md", "../../x/", "", "",
			`other.md:3: link "../../x/": it points outside the book folder; printed as text (give markdown.site_url to lead it to the book's website) [link.outside]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var entries []*doc.Entry
			var l *doc.Link
			for _, f := range files {
				blocks := []doc.Block{heading(f, 1, 1, "top", txt(f)), heading(f, 2, 2, "part", txt("Part"))}
				if f == tc.from {
					l = link(tc.url, txt("x"))
					blocks = append(blocks, para(f, 3, l))
				}
				entries = append(entries, chapter(f, blocks...))
			}
			book := &doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: entries}
			fsys := fstest.MapFS{"section/extra.md": {Data: []byte("# Extra\n")}}
			for _, f := range files {
				fsys[f] = &fstest.MapFile{Data: []byte("# " + f + "\n")}
			}
			warns, err := Resolve(book, Input{FS: fsys, ParseMarkdown: fakeMarkdown})
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join(coded(t, warns, diag.Warning), "\n")
			if got != tc.warning {
				t.Errorf("warnings:\n%s\nwant:\n%s", got, tc.warning)
			}
			want := ""
			for _, e := range entries {
				if e.File == tc.to {
					want = e.ID
				}
			}
			// anchors are made unique in the book: "part" is "part-4"
			if l.Entry != want || want != "" && (tc.anchor == "") != (l.Anchor == "") || !strings.HasPrefix(l.Anchor, tc.anchor) || l.External {
				t.Errorf("link %q from %s: Entry=%q Anchor=%q External=%v, want entry %q (%s) anchor %q",
					tc.url, tc.from, l.Entry, l.Anchor, l.External, want, tc.to, tc.anchor)
			}
		})
	}
}

// TestHomePageMissing: a link to the site's home page, "/", in a book
// folder without one (a Docusaurus docs folder) says so, rather than name
// a page "." and its files "..md".
func TestHomePageMissing(t *testing.T) {
	l := link("/", txt("home"))
	book := &doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{chapter("intro.md", heading("intro.md", 1, 1, "top", txt("Intro")), para("intro.md", 3, l))}}
	warns, err := Resolve(book, Input{FS: fstest.MapFS{"intro.md": {Data: []byte("# Intro\n")}}, ParseMarkdown: fakeMarkdown})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(coded(t, warns, diag.Warning), "\n")
	if want := `intro.md:3: link "/": the site's home page, and the book folder has no index.md or _index.md; printed as text [link.dangling]`; got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
}

// TestLinksToTheSite: with the site's address given, a relative link
// leaving the book folder leads where it led on the website, read from
// the linking chapter's page there; links within the book are as before.
func TestLinksToTheSite(t *testing.T) {
	for _, tc := range []struct {
		name, site, from, url, want string
	}{
		{"the Rust book's standard library", "https://doc.rust-lang.org/book/", "ch02.md", "../std/io/struct.Stdin.html#method.read_line", "https://doc.rust-lang.org/std/io/struct.Stdin.html#method.read_line"},
		{"the address without its slash", "https://doc.rust-lang.org/book", "ch02.md", "../std/index.html", "https://doc.rust-lang.org/std/index.html"},
		{"from a chapter in a folder", "https://example.org/docs/", "guide/app.md", "../../examples/app.py", "https://example.org/examples/app.py"},
		{"above the site's root stays at its root", "https://example.org/", "ch02.md", "../../x.html", "https://example.org/x.html"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := link(tc.url, txt("x"))
			var entries []*doc.Entry
			for _, f := range []string{"ch02.md", "guide/app.md"} {
				blocks := []doc.Block{heading(f, 1, 1, "top", txt(f))}
				if f == tc.from {
					blocks = append(blocks, para(f, 3, l))
				}
				entries = append(entries, chapter(f, blocks...))
			}
			book := &doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: entries}
			warns, err := Resolve(book, Input{FS: fstest.MapFS{}, ParseMarkdown: fakeMarkdown, Options: Options{SiteURL: tc.site}})
			if err != nil {
				t.Fatal(err)
			}
			if got := coded(t, warns, diag.Warning); len(got) > 0 {
				t.Errorf("warnings: %q", got)
			}
			if !l.External || l.URL != tc.want {
				t.Errorf("link %q (external %v), want %q", l.URL, l.External, tc.want)
			}
		})
	}
}
