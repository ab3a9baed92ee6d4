package build

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/validate"
	"github.com/samizdat-press/samizdat/internal/xhtml"
)

var sampleWebSite sharedBook

// sampleSite is the sample book built as a web site beside its PDF, whose
// page numbers the site carries.
func sampleSite(t *testing.T) *sharedBook {
	return sampleWebSite.get(t, func(dir string) (string, Options, error) {
		opts := outTo(dir)
		opts.Flags["formats"] = "html,pdf"
		return repoRoot, opts, nil
	})
}

// sampleBook loads and resolves the sample, for what the tests expect of
// its outputs: the tree, and the print page numbers.
func sampleBook(t *testing.T) (*doc.Book, []string) {
	book, pm := samplePages(t)
	var labels []string
	for _, br := range pm.Breaks {
		labels = append(labels, br.Label)
	}
	return book, labels
}

// samplePages is the sample's tree and the page map of its print edition.
func samplePages(t *testing.T) (*doc.Book, *doc.PageMap) {
	t.Helper()
	env := Env{Stdout: io.Discard, Stderr: io.Discard, Environ: []string{fixedEpoch}, Dir: repoRoot, Version: "test"}
	p, err := load(context.Background(), env, Options{}, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.close)
	if p.failed() {
		t.Fatal(p.diags.Items())
	}
	laid, err := (&Edition{project: p}).Layout()
	if err != nil {
		t.Fatal(err)
	}
	return p.book, &laid.PageMap
}

// TestSiteOfTheSample: the sample's site has a page per entry and the
// index, every link and picture in it leads somewhere in it, and it holds
// every heading and note of the book and the print page numbers.
func TestSiteOfTheSample(t *testing.T) {
	t.Parallel()
	b := sampleSite(t)
	dir := b.path("workers-opposition")
	if !strings.Contains(b.stdout, "wrote "+dir+string(filepath.Separator)+" (") {
		t.Errorf("the summary does not name the site's folder:\n%s", b.stdout)
	}
	if b.stderr != "" {
		t.Errorf("warnings:\n%s", b.stderr)
	}
	pages, problems := validate.CheckSite(dir)
	for _, p := range problems {
		t.Error(p)
	}
	book, printPages := sampleBook(t)
	entries := book.Chapters()
	if len(pages) != len(entries)+1 || pages["index.html"] == nil {
		t.Errorf("%d pages for %d entries and the index", len(pages), len(entries))
	}
	var headings, notes, pageNumbers []string
	for _, p := range pages {
		headings = append(headings, p.Headings...)
		notes = append(notes, p.Notes...)
		for id := range p.IDs {
			if strings.HasPrefix(id, "page-") {
				pageNumbers = append(pageNumbers, id)
			}
		}
	}
	for _, e := range entries {
		for _, h := range headingsOf(e.Blocks) {
			if !slices.ContainsFunc(headings, func(s string) bool { return strings.HasPrefix(s, h) }) {
				t.Errorf("no page has the heading %q", h)
			}
		}
		for _, n := range e.Notes {
			if !slices.Contains(notes, n.ID) {
				t.Errorf("no page has the note %s", n.ID)
			}
		}
	}
	slices.Sort(pageNumbers)
	var wantNumbers []string
	for _, l := range printPages {
		wantNumbers = append(wantNumbers, "page-"+l)
	}
	slices.Sort(wantNumbers)
	if len(wantNumbers) < 5 || !slices.Equal(pageNumbers, wantNumbers) {
		t.Errorf("print page numbers in the site %v, want %v", pageNumbers, wantNumbers)
	}
	files, err := validate.SiteFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"css/book.css", "css/site.css", "css/fonts.css", "fonts/serif-regular.ttf"} {
		if !slices.Contains(files, want) {
			t.Errorf("the site lacks %s: %v", want, files)
		}
	}
}

// TestSiteIndexOfTheSample: the site's index page lists every term of the
// book's index with a link to its first occurrence on each printed page,
// named by that page's number, and cross-references to the entries they
// name.
func TestSiteIndexOfTheSample(t *testing.T) {
	t.Parallel()
	b := sampleSite(t)
	book, pm := samplePages(t)
	var index *doc.Index
	for _, e := range book.Entries {
		for _, bl := range e.Blocks {
			if ix, ok := bl.(*doc.Index); ok {
				index = ix
			}
		}
	}
	if index == nil {
		t.Fatal("the sample has no index")
	}
	data, err := os.ReadFile(filepath.Join(b.path("workers-opposition"), "book-index.html"))
	if err != nil {
		t.Fatal(err)
	}
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	// an entry's links: those in its item, not in its sub-entries' list
	links := map[string][]string{} // entry ID → "fragment label" of each link
	var walk func(n *html.Node, entry string)
	walk = func(n *html.Node, entry string) {
		if n.Type == html.ElementNode {
			switch {
			case n.Data == "li" && attr(n, "id") != "":
				entry = attr(n, "id")
				links[entry] = []string{}
			case n.Data == "ul" && entry != "" && n.Parent != nil && n.Parent.Data == "li":
				entry = ""
			case n.Data == "a" && entry != "":
				var sb strings.Builder
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.TextNode {
						sb.WriteString(c.Data)
					}
				}
				_, frag, _ := strings.Cut(attr(n, "href"), "#")
				links[entry] = append(links[entry], frag+" "+sb.String())
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, entry)
		}
	}
	walk(root, "")
	checked := 0
	var check func([]*doc.IndexEntry)
	check = func(es []*doc.IndexEntry) {
		for _, e := range es {
			var want []string
			last := ""
			for _, l := range e.Locators {
				page := pm.Anchors[l.Anchor]
				if page == "" {
					t.Errorf("%s: occurrence %s is on no printed page", e.ID, l.Anchor)
					continue
				}
				if page != last {
					want = append(want, l.Anchor+" "+page)
					last = page
				}
			}
			for _, r := range append(append([]doc.IndexRef{}, e.See...), e.SeeAlso...) {
				if r.ID != "" {
					want = append(want, r.ID+" "+doc.PlainText(r.Term))
				}
			}
			got, ok := links[e.ID]
			switch {
			case !ok:
				t.Errorf("the site's index has no entry %s", e.ID)
			case !slices.Equal(got, want):
				t.Errorf("entry %s links %q, want %q", e.ID, got, want)
			}
			checked++
			check(e.Sub)
		}
	}
	for _, g := range index.Groups {
		check(g.Entries)
	}
	if checked < 10 {
		t.Errorf("checked %d entries of the sample's index", checked)
	}
}

// headingsOf lists the text of the headings in blocks, as a page shows it.
func headingsOf(blocks []doc.Block) []string {
	var out []string
	doc.Walk(blocks, doc.Visitor{Block: func(b doc.Block) bool {
		if h, ok := b.(*doc.Heading); ok {
			if s := xhtml.OneLine(doc.PlainText(h.Content)); s != "" {
				out = append(out, s)
			}
		}
		return true
	}})
	return out
}

// TestSlowSiteInChromium loads every page of the sample's site in headless
// Chromium, from a file:// URL as a reader who unzipped it would: the
// page shows the book's title, every heading and every note of its
// entry. Then it runs axe-core, the engine of the Ace accessibility
// checker, on every page served over HTTP: it must find no violation.
func TestSlowSiteInChromium(t *testing.T) {
	validate.Slow(t)
	chromium := validate.Chromium(t)
	axe := validate.AxeScript(t)
	b := sampleSite(t)
	dir := b.path("workers-opposition")
	pages, problems := validate.CheckSite(dir)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	book, _ := sampleBook(t)
	title := xhtml.OneLine(book.Meta.Title)
	names := make([]string, 0, len(pages))
	for name := range pages {
		names = append(names, name)
	}
	slices.Sort(names)

	var headings, notes []string
	for _, name := range names {
		t.Run("dom/"+name, func(t *testing.T) {
			dom, err := validate.DumpDOM(t, chromium, "file://"+filepath.ToSlash(filepath.Join(absPath(t, dir), name)), 2*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			shown := readDOM(t, dom)
			if !strings.Contains(shown.title, title) {
				t.Errorf("title %q lacks the book's title %q", shown.title, title)
			}
			if len(shown.headings) == 0 {
				t.Error("no heading shown")
			}
			headings = append(headings, shown.headings...)
			notes = append(notes, shown.notes...)
		})
	}
	for _, e := range book.Chapters() {
		want := headingsOf(e.Blocks)
		if len(want) == 0 {
			want = []string{xhtml.OneLine(e.TitleText())}
		}
		for _, h := range want {
			if !slices.ContainsFunc(headings, func(s string) bool { return strings.HasPrefix(s, h) }) {
				t.Errorf("%s: heading %q shown on no page", e.ID, h)
			}
		}
		for _, n := range e.Notes {
			if !slices.Contains(notes, n.ID) {
				t.Errorf("%s: note %s shown on no page", e.ID, n.ID)
			}
		}
	}

	axeSite(t, chromium, axe, dir, names)
}

// axeSite runs axe-core on every page of the site in dir, served over
// HTTP: it must find no violation.
func axeSite(t *testing.T, chromium []string, axe []byte, dir string, names []string) {
	// axe-core runs in the page, so the server adds it to each page it
	// serves; the report comes back in the dumped document.
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/axe.min.js":
			w.Header().Set("Content-Type", "text/javascript")
			w.Write(axe)
		case r.URL.Path == "/axe-runner.js":
			w.Header().Set("Content-Type", "text/javascript")
			io.WriteString(w, validate.AxeRunner)
		case strings.HasSuffix(r.URL.Path, ".html"):
			page, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path.Clean(r.URL.Path))))
			if err != nil {
				http.NotFound(w, r)
				return
			}
			scripts := []byte(`<script src="/axe.min.js"></script><script src="/axe-runner.js"></script></body>`)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(bytes.Replace(page, []byte("</body>"), scripts, 1))
		default:
			files.ServeHTTP(w, r)
		}
	}))
	defer srv.Close()
	for _, name := range names {
		t.Run("axe/"+name, func(t *testing.T) {
			dom, err := validate.DumpDOM(t, chromium, srv.URL+"/"+name, 30*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			violations, ran, err := validate.AxeViolations(dom)
			switch {
			case err != nil:
				t.Fatal(err)
			case !ran:
				t.Fatal("axe-core did not finish")
			}
			for _, v := range violations {
				t.Errorf("%s (%s): %s\n  %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
			}
		})
	}
}

// TestSlowScholarSiteInChromium: the scholar book's site (citations,
// bibliography, index, page references) passes axe-core on every page.
func TestSlowScholarSiteInChromium(t *testing.T) {
	validate.Slow(t)
	chromium := validate.Chromium(t)
	axe := validate.AxeScript(t)
	out := t.TempDir()
	r := runBuild(t, repoRoot, Options{Flags: map[string]string{"book": scholarDir, "out": out, "formats": "html,pdf"}})
	if r.err != nil {
		t.Fatalf("%v\n%s", r.err, r.stderr.String())
	}
	dir := filepath.Join(out, scholarName)
	pages, problems := validate.CheckSite(dir)
	for _, p := range problems {
		t.Error(p)
	}
	var names []string
	for name := range pages {
		names = append(names, name)
	}
	slices.Sort(names)
	if !slices.Contains(names, "book-index.html") || !slices.Contains(names, "bibliography.html") {
		t.Fatalf("the site lacks its index or bibliography: %v", names)
	}
	axeSite(t, chromium, axe, dir, names)
}

func absPath(t *testing.T, p string) string {
	t.Helper()
	abs, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// shownPage is what a browser's document holds that the tests look for.
type shownPage struct {
	title    string
	headings []string
	notes    []string // IDs of the elements with role doc-footnote
}

func readDOM(t *testing.T, dom string) shownPage {
	t.Helper()
	root, err := html.Parse(strings.NewReader(dom))
	if err != nil {
		t.Fatal(err)
	}
	var p shownPage
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "title":
				p.title = textOf(n)
			case "h1", "h2", "h3", "h4", "h5", "h6":
				p.headings = append(p.headings, textOf(n))
			}
			if attr(n, "role") == "doc-footnote" {
				p.notes = append(p.notes, attr(n, "id"))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(root)
	return p
}

func textOf(n *html.Node) string {
	var sb strings.Builder
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(n)
	return strings.Join(strings.Fields(sb.String()), " ")
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// TestSiteFolderReplacedWhole: a rebuilt site replaces the old folder
// whole (a page whose chapter went goes too), a failed build leaves the
// old one as it was, and nothing temporary stays behind.
func TestSiteFolderReplacedWhole(t *testing.T) {
	t.Parallel()
	dir := writeBook(t, map[string]string{
		"manifest.yaml": "title: Web\nlanguage: en\nchapters: [a.md, b.md]\n",
		"a.md":          "# A\n\nText.\n",
		"b.md":          "# B\n\nMore.\n",
	})
	opts := Options{Flags: map[string]string{"formats": "html"}}
	site := filepath.Join(dir, "dist", "web")
	list := func() []string {
		t.Helper()
		var out []string
		entries, _ := os.ReadDir(filepath.Join(dir, "dist"))
		for _, e := range entries {
			out = append(out, e.Name())
		}
		pages, _ := filepath.Glob(filepath.Join(site, "*.html"))
		for _, p := range pages {
			out = append(out, filepath.Base(p))
		}
		return out
	}
	if r := runBuild(t, dir, opts); r.err != nil {
		t.Fatal(r.stderr.String())
	}
	if got, want := list(), []string{"web", "a.html", "b.html", "index.html"}; !slices.Equal(got, want) {
		t.Fatalf("first build: %v, want %v", got, want)
	}
	if err := os.WriteFile(filepath.Join(dir, "book", "manifest.yaml"), []byte("title: Web\nlanguage: en\nchapters: [a.md]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runBuild(t, dir, opts); r.err != nil {
		t.Fatal(r.stderr.String())
	}
	if got, want := list(), []string{"web", "a.html", "index.html"}; !slices.Equal(got, want) {
		t.Errorf("rebuilt: %v, want %v", got, want)
	}
	if err := os.WriteFile(filepath.Join(dir, "book", "manifest.yaml"), []byte("title: Web\nlanguage: en\nchapters: [gone.md]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runBuild(t, dir, opts); r.err == nil {
		t.Fatal("a missing chapter built")
	}
	if got, want := list(), []string{"web", "a.html", "index.html"}; !slices.Equal(got, want) {
		t.Errorf("after a failed build: %v, want %v", got, want)
	}
}

// The sample's part "Sources" keeps the name sources in the site and the
// EPUB; the generated "Sources and permissions" page has a name of its own,
// not one a part or chapter would take from it.
func TestGeneratedPagesLeaveTheirNamesToTheBook(t *testing.T) {
	t.Parallel()
	dir := sampleSite(t).path("workers-opposition")
	epubPath := sample(t).path("workers-opposition.epub")
	for file, title := range map[string]string{"sources": "Sources", "sources-and-permissions": "Sources and permissions"} {
		page, err := os.ReadFile(filepath.Join(dir, file+".html"))
		if err != nil {
			t.Error(err)
		} else if got := between(string(page), "<title>", " — "); got != title {
			t.Errorf("site page %s.html is %q, want %q", file, got, title)
		}
		doc := epubMember(t, epubPath, "EPUB/xhtml/"+file+".xhtml")
		if got := between(doc, "<title>", "</title>"); got != title {
			t.Errorf("EPUB document %s.xhtml is %q, want %q", file, got, title)
		}
	}
}
