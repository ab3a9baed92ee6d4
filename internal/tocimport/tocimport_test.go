package tocimport

import (
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/filetest"
	"github.com/samizdat-press/samizdat/internal/manifest"
)

// Each project in testdata is imported; its manifest must be the golden
// one and load with the manifest's own loader, and its notes must say
// what was left out or assumed, in these words.
func TestImport(t *testing.T) {
	tests := []struct {
		project, config, title string
		kind, book             string
		chapters, parts        int
		siteURL, citationStyle string
		intersphinx            map[string]string
		notes                  []string
	}{
		{
			project: "mdbook", kind: KindMdBook, book: "content", chapters: 9, parts: 1, siteURL: "https://example.org/guide/",
			notes: []string{
				`p/content/SUMMARY.md:11: "A draft" is a draft, with no file: left out`,
				`p/content/SUMMARY.md:18: "The website" (https://example.org/guide) is a web address, not a file of the book: left out`,
				`p/content/SUMMARY.md:19: ref/diagram.png is not a Markdown file or a notebook: left out`,
				`p/content/SUMMARY.md:20: p/content/ref/missing.md does not exist: left out`,
				`p/content/SUMMARY.md:21: ref/commands.md is listed already (p/content/SUMMARY.md:17): left out here`,
				`p/content/SUMMARY.md:22: "Plain text, no link" is not a link to a chapter: left out`,
				`p/content/SUMMARY.md:26: p/content/ref/gone.md does not exist: left out`,
				`p/content/SUMMARY.md:24: part "Empty part" left out: none of its chapters is a Markdown file of the book`,
			},
		},
		{
			// an mdBook's src folder named without its project
			project: "mdbook/content", kind: KindMdBook, book: ".", chapters: 9, parts: 1,
			notes: []string{
				`p/SUMMARY.md:11: "A draft" is a draft, with no file: left out`,
				`p/SUMMARY.md:18: "The website" (https://example.org/guide) is a web address, not a file of the book: left out`,
				`p/SUMMARY.md:19: ref/diagram.png is not a Markdown file or a notebook: left out`,
				`p/SUMMARY.md:20: p/ref/missing.md does not exist: left out`,
				`p/SUMMARY.md:21: ref/commands.md is listed already (p/SUMMARY.md:17): left out here`,
				`p/SUMMARY.md:22: "Plain text, no link" is not a link to a chapter: left out`,
				`p/SUMMARY.md:26: p/ref/gone.md does not exist: left out`,
				`p/SUMMARY.md:24: part "Empty part" left out: none of its chapters is a Markdown file of the book`,
				`title: "Project", from the folder's name (the project gives none)`,
				`language: en, as the project names none (change it in the manifest if need be)`,
			},
		},
		{
			project: "mkdocs", kind: KindMkDocs, book: "site", chapters: 6, parts: 1, siteURL: "https://widgets.example.org/handbook/",
			notes: []string{
				`p/mkdocs.yml:25: "Ask a question" (https://example.org/discussions) is a web address, not a file of the book: left out`,
				`p/mkdocs.yml:27: insiders/index.md is a redirect to another page (template: redirect.html): left out`,
				`p/mkdocs.yml:26: part "Insiders" left out: none of its chapters is a Markdown file of the book`,
				`p/mkdocs.yml:28: p/site/nowhere.md does not exist: left out`,
				`p/mkdocs.yml:29: licence.md has no heading and the contents no name for it: titled "Licence"`,
			},
		},
		{
			project: "mkdocs-split", kind: KindMkDocs, book: "docs", chapters: 4, parts: 1, siteURL: "https://example.org/",
			notes: []string{`language: en, as the project names none (change it in the manifest if need be)`},
		},
		{
			project: "mkdocs-split", config: "nav-online.yml", title: "Apps, Offline", kind: KindMkDocs, book: "docs", chapters: 2, siteURL: "https://example.org/",
			notes: []string{`language: en, as the project names none (change it in the manifest if need be)`},
		},
		{
			project: "mkdocs-nonav", kind: KindMkDocs, book: "docs", chapters: 7, parts: 2,
			notes: []string{
				`p/mkdocs.yml: no nav: the docs folder's pages in MkDocs' own order (index first, then by name, folders after their pages, each top folder a part)`,
				`language: en, as the project names none (change it in the manifest if need be)`,
			},
		},
		{
			project: "quarto", kind: KindQuarto, book: ".", chapters: 8, parts: 3,
		},
		{
			project: "bookdown", kind: KindBookdown, book: ".", chapters: 3,
			notes: []string{
				`p/_bookdown.yml:4: rmd_files lists files for each format: html's read`,
				`p/_bookdown.yml:4: p/99-html-only.Rmd does not exist: left out`,
			},
		},
		{
			project: "bookdown-files", kind: KindBookdown, book: ".", chapters: 3,
			notes: []string{`language: en, as the project names none (change it in the manifest if need be)`},
		},
		{
			project: "jupyterbook", kind: KindJupyterBook, book: "book", chapters: 7, parts: 2, siteURL: "https://notes.example.org/", citationStyle: "chicago-author-date",
			intersphinx: map[string]string{"intro": "https://intro.example.org/"},
			notes: []string{
				`p/book/_config.yml:6: bibliography p/book/_static/gone.bib is not a file of the book folder: left out`,
				"p/book/_config.yml:17: intersphinx_mapping: notes gives no web address of a site; references into it are printed as their text, with a warning",
				`p/book/_toc.yml:13: "More on sets" (https://example.org/more-sets) is a web address, not a file of the book: left out`,
				`p/book/_toc.yml:17: chapters/interlude.md has no heading and the contents no name for it: titled "Interlude"`,
				`p/book/_toc.yml:21: p/book/chapters/missing.md does not exist: left out`,
				`p/book/_toc.yml:24: chapters/data.csv is not a Markdown file or a notebook: left out`,
				`p/book/_toc.yml:22: part "Nothing here" left out: none of its chapters is a Markdown file of the book`,
			},
		},
		{
			project: "jbnumbered", kind: KindJupyterBook, book: ".", chapters: 5, parts: 1,
			notes: []string{
				`title: "Project", from the folder's name (the project gives none)`,
				`language: en, as the project names none (change it in the manifest if need be)`,
			},
		},
		{
			project: "jbarticle", kind: KindJupyterBook, book: ".", chapters: 4,
			notes: []string{
				`title: "Project", from the folder's name (the project gives none)`,
				`language: en, as the project names none (change it in the manifest if need be)`,
			},
		},
		{
			project: "mystmd", kind: KindMyST, book: ".", chapters: 7, parts: 2,
			intersphinx: map[string]string{"guide": "https://mystmd.org/guide"},
			notes: []string{
				`p/myst.yml:20: "API" (https://example.org/api) is a web address, not a file of the book: left out`,
				`language: en, as the project names none (change it in the manifest if need be)`,
			},
		},
		{
			project: "docusaurus", kind: KindDocusaurus, book: "docs", chapters: 8, parts: 2,
			notes: []string{
				`p/sidebars.js: not read (a sidebars file is code): the docs folder's own order, its _category_ files and sidebar_position`,
				`p/docs/draft.md: a draft (draft: true): left out`,
				`language: en, as the project names none (change it in the manifest if need be)`,
			},
		},
		{
			// the docs folder named alone, known by its _category_ files
			project: "docusaurus/docs", kind: KindDocusaurus, book: ".", chapters: 8, parts: 2,
			notes: []string{
				`p/draft.md: a draft (draft: true): left out`,
				`title: "Project", from the folder's name (the project gives none)`,
				`language: en, as the project names none (change it in the manifest if need be)`,
			},
		},
		{
			project: "vitepress", kind: KindVitePress, book: "src", chapters: 5, parts: 2,
			notes: []string{
				`p/.vitepress/config.ts: its sidebar is JavaScript, not read: the pages of p/src in the folder's order, index first, then by name, each subfolder a part`,
				`p/src/partners/[partnerId].md: the template of pages VitePress makes from data when the site is built (a dynamic route, its parameters given by the .paths file beside it), which shows nothing as a file: left out`,
				`p/src/guide/team.md: only a Vue component, which the site draws and a book cannot: left out`,
			},
		},
		{
			project: "carpentries", kind: KindCarpentries, book: ".", chapters: 5, parts: 1,
			notes: []string{
				`p/instructors/instructor-notes.md and p/profiles/learner-profiles.md: for those who teach the lesson: left out (list them in the manifest for an instructors' edition)`,
				`p/links.md: the lesson's shared link definitions: appended to every chapter, as the lesson's site does`,
			},
		},
		{
			project: "epub", kind: KindEPUB, book: "src/epub", chapters: 4,
			notes: []string{
				`p/src/epub/content.opf: the spine names "gone.xhtml", which the manifest lacks: left out`,
				`p/src/epub/text/titlepage.xhtml and p/src/epub/text/colophon.xhtml: the e-book's own title page, imprint, colophon, copyright page or contents: left out (the book made has its own)`,
				`p/src/epub/text/aside.xhtml: out of the reading order (linear="no"): left out`,
				`p/src/epub/text/endnotes.xhtml: the e-book's notes: listed, so each note becomes a footnote of the chapter that references it; a page left with no note is left out of the book made`,
			},
		},
		{
			// a transcription: its chapters are sources, with the
			// provenance the package's metadata gives
			project: "epub-source", kind: KindEPUB, book: "src/epub", chapters: 4,
			notes: []string{
				`p/src/epub/content.opf: the spine names "gone.xhtml", which the manifest lacks: left out`,
				`p/src/epub/text/titlepage.xhtml and p/src/epub/text/colophon.xhtml: the e-book's own title page, imprint, colophon, copyright page or contents: left out (the book made has its own)`,
				`p/src/epub/text/aside.xhtml: out of the reading order (linear="no"): left out`,
				`p/src/epub/text/endnotes.xhtml: the e-book's notes: listed, so each note becomes a footnote of the chapter that references it; a page left with no note is left out of the book made`,
				`p/src/epub/content.opf: the package names the text's source (dc:source): its chapters are kind: source, and they and the front and back matter carry the provenance its metadata gives (add the original's date, which e-books do not give)`,
			},
		},
		{
			project: "carpentries-jekyll", kind: KindCarpentries, book: ".", chapters: 6, parts: 1,
			notes: []string{
				`p/_extras/guide.md: for those who teach the lesson: left out (list them in the manifest for an instructors' edition)`,
				`p/aio.md: the site's all-in-one page, which repeats the episodes: left out`,
				`p/_includes/links.md: the lesson's shared link definitions: read where each page includes it, as the lesson's site does`,
				`language: en, as the project names none (change it in the manifest if need be)`,
			},
		},
		{
			project: "folder", kind: KindFolder, book: ".", chapters: 7, parts: 2,
			notes: []string{
				`no book.toml, mkdocs.yml, _quarto.yml or _bookdown.yml: the folder's Markdown files and Jupyter notebooks, README or index first, then by name, each subfolder a part`,
				`p/zsub/plot.md: the Markdown twin of a notebook beside it (jupytext's pairing), which holds its code but not its outputs: left out`,
				`p/CONTRIBUTING.md and p/LICENSE.md: the repository's, not the book's: left out`,
				`p/README-fr.md: translations of README.md: left out (import a translation's folder, or list it in the manifest, to make a book of it)`,
				`title: "Read me", from p/README.md`,
				`language: en, as the project names none (change it in the manifest if need be)`,
			},
		},
		{
			// the format before Jupyter Book 0.11, The Turing Way's
			project: "jbold", kind: KindJupyterBook, book: ".", chapters: 7, parts: 2,
			notes: []string{
				`p/_toc.yml: Jupyter Book's format before 0.11 (a list), read as jupyter-book toc migrate reads it`,
				`p/_toc.yml:18: "The website" (https://example.org/book) is a web address, not a file of the book: left out`,
				`title: "Project", from the folder's name (the project gives none)`,
				`language: en, as the project names none (change it in the manifest if need be)`,
			},
		},
		{
			// Pro Git converted as the error above advises: the book is
			// its one Markdown file, titled by it
			project: "asciidoc-converted", kind: KindFolder, book: ".", chapters: 1,
			notes: []string{
				`no book.toml, mkdocs.yml, _quarto.yml or _bookdown.yml: the folder's Markdown files and Jupyter notebooks, README or index first, then by name, each subfolder a part`,
				`p/TRANSLATING.md: the repository's, not the book's: left out`,
				`title: "A Book", from p/book.md`,
				`language: en, as the project names none (change it in the manifest if need be)`,
			},
		},
		{
			// a translation whose book.toml names no language
			// (KaiserY/trpl-zh-cn's)
			project: "mdbook-zh", kind: KindMdBook, book: "src", chapters: 2,
			notes: []string{
				`language: zh, from the script of the title, as book.toml names none (change it in the manifest if need be)`,
			},
		},
		{
			// Eloquent JavaScript's epub/ holds what its build puts in
			// the EPUB, the package document to be written
			project: "folder-epubtemplate", kind: KindFolder, book: ".", chapters: 2,
			notes: []string{
				`no book.toml, mkdocs.yml, _quarto.yml or _bookdown.yml: the folder's Markdown files and Jupyter notebooks, README or index first, then by name, each subfolder a part`,
				`p/epub/META-INF/container.xml: the files of an EPUB the project makes when built (its package document is not there): not read as the book`,
				`title: "Project", from the folder's name (the project gives none)`,
				`language: en, as the project names none (change it in the manifest if need be)`,
			},
		},
	}
	for _, tt := range tests {
		name := strings.ReplaceAll(tt.project, "/", "-")
		if tt.config != "" {
			name += "-" + strings.TrimSuffix(tt.config, path.Ext(tt.config))
		}
		t.Run(name, func(t *testing.T) {
			src := filepath.Join("testdata", tt.project)
			res, err := Import(os.DirFS(src), Options{Config: tt.config, Title: tt.title, Dir: "p", Name: "project"})
			if err != nil {
				t.Fatal(err)
			}
			if res.Kind != tt.kind || res.Book != tt.book || res.Chapters != tt.chapters || res.Parts != tt.parts {
				t.Errorf("got %s in %q, %d chapters, %d parts; want %s in %q, %d, %d", res.Kind, res.Book, res.Chapters, res.Parts, tt.kind, tt.book, tt.chapters, tt.parts)
			}
			if !maps.Equal(res.Intersphinx, tt.intersphinx) {
				t.Errorf("intersphinx %v, want %v", res.Intersphinx, tt.intersphinx)
			}
			if res.CitationStyle != tt.citationStyle {
				t.Errorf("citation style %q, want %q", res.CitationStyle, tt.citationStyle)
			}
			if res.SiteURL != tt.siteURL {
				t.Errorf("site address %q, want %q", res.SiteURL, tt.siteURL)
			}
			if !slices.Equal(res.Notes, tt.notes) {
				t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(res.Notes, "\n"), strings.Join(tt.notes, "\n"))
			}
			filetest.Golden(t, filepath.Join("testdata", "golden", name+".yaml"), res.Manifest)
			roundTrip(t, src, res)
		})
	}
}

// roundTrip writes the manifest into a copy of the project's book folder
// and loads it as a build does: every entry must be there.
func roundTrip(t *testing.T, src string, res *Result) {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(dir, filepath.FromSlash(res.Book))
	if err := os.WriteFile(filepath.Join(book, "manifest.yaml"), res.Manifest, 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := manifest.Load(os.DirFS(book), "manifest.yaml", manifest.Options{})
	if err != nil {
		t.Fatalf("the manifest does not load: %v\n%s", err, res.Manifest)
	}
	chapters, parts := 0, 0
	for _, e := range m.Entries() {
		if e.File == "" {
			parts++
			continue
		}
		chapters++
		if e.Title == "" {
			root, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(filepath.Join(book, filepath.FromSlash(e.File)))
			if err != nil {
				t.Fatal(err)
			}
			if chapterTitle(root.FS(), res.Book, e.File, data, res.Kind) == "" {
				t.Errorf("%s: neither the manifest nor the file gives a title", e.File)
			}
			root.Close()
		}
	}
	if chapters != res.Chapters || parts != res.Parts {
		t.Errorf("loaded %d chapters and %d parts, the import counted %d and %d", chapters, parts, res.Chapters, res.Parts)
	}
}

// Projects that cannot give a manifest say why, naming the file.
func TestImportErrors(t *testing.T) {
	tests := []struct {
		project, config, want string
	}{
		{"err-quarto-site", "", "p/_quarto.yml: a Quarto project of type website, not a book: samizdat init --from reads Quarto books, whose _quarto.yml lists book: chapters:"},
		{"err-mkdocs-syntax", "", "p/mkdocs.yml:2: did not find expected '-' indicator"},
		{"err-mdbook-nosummary", "", "p/src/SUMMARY.md: does not exist (an mdBook lists its chapters there)"},
		{"err-empty", "", "p/book.toml and p/src/SUMMARY.md: no chapter to list: the contents name no Markdown file of the book\np/src/SUMMARY.md:3: p/src/gone.md does not exist: left out"},
		{"err-docsdir", "", `p/mkdocs.yml: the book folder "../elsewhere" is outside the project folder`},
		{"mdbook", "content/title.md", "p/content/title.md: not a project file samizdat reads (book.toml, SUMMARY.md, mkdocs.yml, _quarto.yml, _bookdown.yml, _toc.yml, myst.yml, a Carpentries config.yaml, an EPUB's container.xml or .opf)"},
		{"err-jb-format", "", `p/_toc.yml: format "jb-website": samizdat reads Jupyter Book's jb-book and jb-article`},
		{"err-jb-noroot", "", "p/_toc.yml: root: expected the book's first page, a file"},
		{"err-myst-site", "", "p/myst.yml: no project: samizdat init --from reads a MyST project's myst.yml, whose project lists its toc"},
		{"mkdocs", "missing.yml", "p/missing.yml: does not exist"},
		{"err-asciidoc", "", "p: the text is AsciiDoc (4 files: p/book.adoc, p/a-appendix.adoc, p/book/ch1.adoc, …), which samizdat does not read, and the folder holds no Markdown page: convert it to Markdown beside it first (asciidoctor -b docbook5 BOOK.adoc, then pandoc -s --wrap=none -f docbook -t markdown BOOK.xml -o BOOK.md), then init --from the folder again"},
		{"err-epub-noopf", "", "p/META-INF/container.xml: names p/epub/content.opf as its package document, which is not there (the project may make it when built): build the EPUB and unpack it, or list its pages in a manifest (samizdat init, then its chapters:)"},
	}
	for _, tt := range tests {
		_, err := Import(os.DirFS(filepath.Join("testdata", tt.project)), Options{Config: tt.config, Dir: "p"})
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: got error %v\nwant %s", tt.project, err, tt.want)
		}
	}
}

// A project's site address is kept only when it says where the site is:
// mdBook's site-url is most often the path the site is served under.
func TestWebAddress(t *testing.T) {
	for in, want := range map[string]string{
		"https://doc.rust-lang.org/book/": "https://doc.rust-lang.org/book/",
		" http://example.org ":            "http://example.org",
		"/mdBook/":                        "",
		"example.org/book":                "",
		"https://example.org/?page=1":     "",
		"ftp://example.org/":              "",
		"":                                "",
	} {
		if got := webAddress(in); got != want {
			t.Errorf("webAddress(%q) = %q, want %q", in, got, want)
		}
	}
}

// A README's translations are named by language, and only so.
func TestReadmeTranslation(t *testing.T) {
	for name, want := range map[string]bool{
		"README-fr.md": true, "README.de.md": true, "README-zh-CN.md": true, "README_pt-BR.md": true,
		"README.ja-JP.md": true, "readme-uk.markdown": true,
		"README.md": false, "README-first.md": false, "READMEfr.md": false, "README-fr.txt": false,
	} {
		if got := readmeTranslation.MatchString(name); got != want {
			t.Errorf("%s: translation %v, want %v", name, got, want)
		}
	}
}

// TestScriptLanguage: a title plainly in Chinese, Japanese or Korean
// script gives the book's language when the project names none.
func TestScriptLanguage(t *testing.T) {
	for _, c := range []struct{ title, want string }{
		{"Rust 程序设计语言 简体中文版", "zh"},
		{"プログラミング言語 Rust 日本語版", "ja"},
		{"러스트 프로그래밍 언어", "ko"},
		{"The Rust Programming Language", ""},
		{"Rust 语言", ""}, // as many Latin letters as Han: no guess
		{"Язык программирования Rust", ""},
		{"", ""},
	} {
		if got := scriptLanguage(c.title); got != c.want {
			t.Errorf("scriptLanguage(%q) = %q, want %q", c.title, got, c.want)
		}
	}
}
