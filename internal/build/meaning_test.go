package build

import (
	"archive/zip"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/filetest"
	"github.com/samizdat-press/samizdat/internal/validate"
)

var rawHTML sharedBook

// rawHTMLBook is testdata/rawhtml: a book in raw HTML with every element
// whose meaning the EPUB must keep and the PDF must print.
func rawHTMLBook(t *testing.T) *sharedBook {
	return rawHTML.get(t, func(dir string) (string, Options, error) {
		book, err := filepath.Abs("testdata/rawhtml")
		if err != nil {
			return "", Options{}, err
		}
		opts := outTo(dir)
		opts.Flags["book"] = book
		opts.FlagOrigins["book"] = "flag --book"
		return dir, opts, nil
	})
}

// epubNames lists the files of an EPUB.
func epubNames(t *testing.T, path string) []string {
	t.Helper()
	r, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var out []string
	for _, f := range r.File {
		out = append(out, f.Name)
	}
	return out
}

// epubMember reads one file of an EPUB.
func epubMember(t *testing.T, path, name string) string {
	t.Helper()
	member, ok := filetest.ReadZip(t, path)[name]
	if !ok {
		t.Fatalf("%s has no %s", path, name)
	}
	return member
}

// The EPUB keeps what each raw HTML element means, with its IDs and
// classes, and links written as a website writes them lead to the chapter.
func TestRawHTMLKeepsItsMeaning(t *testing.T) {
	t.Parallel()
	b := rawHTMLBook(t)
	if b.stderr != "" {
		t.Errorf("the raw HTML book should build without warnings, got:\n%s", b.stderr)
	}
	path := b.path("raw-html-and-its-meaning.epub")
	ch := epubMember(t, path, "EPUB/xhtml/meaning.xhtml")
	for _, want := range []string{
		`<p id="opening" class="lede">The <i>Potemkin</i> mutinied; <b>mutiny</b> is the keyword here, and <cite>The Battleship Potemkin</cite>`,
		`<q>peace, land and bread</q>`,
		`<q>the slogan <q>all power to the soviets</q> was his</q>`,
		`<abbr title="Union of Soviet Socialist Republics">USSR</abbr>`,
		`H<sub>2</sub>O`, `mc<sup>2</sup>`, `<small>Small print follows.</small>`,
		`<table id="congress" class="data">`,
		`<caption>Delegates to the Tenth Congress</caption>`,
		`<colgroup><col class="name"/><col span="2" class="numbers"/></colgroup>`,
		`<th scope="col">Faction</th>`,
		`<tr><th scope="row">Majority</th><td>694</td>`,
		`<tr><th scope="row">Workers’ Opposition</th><td><span id="wo-votes"></span>18</td>`,
		`<dl class="glossary">`, `<dt id="term-soviet">Soviet</dt>`, `<dd>A council of workers’ and soldiers’ deputies.</dd>`,
		"<dt>Narkom</dt>\n<dt>People’s Commissar</dt>\n<dd><p>A minister of the Soviet government.</p>",
		"<dt>Glavk</dt>\n<dd>A chief committee of industry.</dd>\n</dl>",
		`<figure id="poster"><img src="../images/poster.png" alt="A red poster calling workers to the congress"`,
		`<figcaption>A poster of <i>1921</i>.</figcaption></figure>`,
		`<figure id="two-posters" class="pair">`, "<figcaption>Two posters of the civil war.</figcaption>\n</figure>",
		`<details class="answer"><summary>`, `Suggested answer</summary>`,
		`<blockquote id="kollontai" class="epigraph">`,
		`<ul id="demands" class="plain">`, `<li><span id="first-demand"></span>Trade unions to run industry.</li>`,
		`<pre id="listing" class="example"><code class="language-rust" translate="no">fn main() {}</code></pre>`,
		`<code class="language-rust" translate="no">fn ignored() {}</code>`,
		`<a href="#congress">table</a>`, `<a href="#term-soviet">glossary</a>`, `<a href="#kollontai">quotation</a>`,
	} {
		if !strings.Contains(ch, want) {
			t.Errorf("meaning.xhtml lacks\n%s", want)
		}
	}
	links := epubMember(t, path, "EPUB/xhtml/links.xhtml")
	for _, want := range []string{
		`<a href="meaning.xhtml#congress">delegates</a>`, `<a href="meaning.xhtml">chapter</a>`,
		`<a href="meaning.xhtml#term-soviet">glossary</a>`, `<a href="meaning.xhtml#first-demand">first demand</a>`,
	} {
		if !strings.Contains(links, want) {
			t.Errorf("links.xhtml lacks %s", want)
		}
	}
}

// The PDF prints each element in its print form: quotations in the
// language's marks, the caption above its table, terms before their
// definitions, the disclosure open.
func TestRawHTMLPrintsItsMeaning(t *testing.T) {
	t.Parallel()
	path := rawHTMLBook(t).path("raw-html-and-its-meaning.pdf")
	text := strings.Join(strings.Fields(validate.PDFText(t, path)), " ")
	for _, want := range []string{
		"The Potemkin mutinied; mutiny is the keyword here, and The Battleship Potemkin is the film.",
		"Lenin said “peace, land and bread”, and “the slogan ‘all power to the soviets’ was his”.",
		"The USSR used H2O and E = mc2. Small print follows.",
		"Delegates to the Tenth Congress Faction", // the caption above the table
		"Soviet A council of workers’ and soldiers’ deputies. Narkom People’s Commissar A minister",
		"Glavk A chief committee of industry.",
		"Two posters of the civil war.",
		"Suggested answer The congress met in March 1921.",
		"A poster of 1921.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	for _, p := range validate.CheckPDF(t, path, 18) {
		t.Error(p)
	}
}

// Each inline element is set in its print form: i and cite in italic, b,
// the terms of a definition list and an open disclosure's summary in bold,
// sub below and sup above the line in smaller type, small in smaller type.
func TestRawHTMLPrintForms(t *testing.T) {
	t.Parallel()
	runs := validate.PDFTextRuns(t, rawHTMLBook(t).path("raw-html-and-its-meaning.pdf"))
	find := func(text string) (validate.TextRun, int) {
		t.Helper()
		for i, r := range runs {
			if strings.TrimSpace(r.Text) == text {
				return r, i
			}
		}
		t.Fatalf("no run of text %q in the PDF", text)
		return validate.TextRun{}, 0
	}
	for _, c := range []struct {
		text         string
		italic, bold bool
	}{
		{"Potemkin", true, false}, {"The Battleship Potemkin", true, false}, {"mutiny", false, true},
		{"Soviet", false, true}, {"Glavk", false, true}, {"Suggested answer", false, true},
	} {
		if r, _ := find(c.text); r.Italic != c.italic || r.Bold != c.bold {
			t.Errorf("%q is set italic %v, bold %v; want %v, %v", c.text, r.Italic, r.Bold, c.italic, c.bold)
		}
	}
	// "H₂O and E = mc²": the run before each figure ends the word it
	// belongs to.
	after := func(from int, suffix string) int {
		t.Helper()
		for i := from; i+1 < len(runs); i++ {
			if strings.HasSuffix(runs[i].Text, suffix) && strings.TrimSpace(runs[i+1].Text) == "2" {
				return i
			}
		}
		t.Fatalf("no %q followed by a 2 in the PDF", suffix)
		return 0
	}
	at := after(0, "used H")
	line, sub := runs[at], runs[at+1]
	sup := runs[after(at+1, "mc")+1]
	if sub.Size >= line.Size || sub.Bottom() <= line.Bottom() {
		t.Errorf("the subscript (size %d, bottom %d) is not smaller and lower than its line (%d, %d)", sub.Size, sub.Bottom(), line.Size, line.Bottom())
	}
	if sup.Size >= line.Size || sup.Bottom() >= line.Bottom() {
		t.Errorf("the superscript (size %d, bottom %d) is not smaller and higher than its line (%d, %d)", sup.Size, sup.Bottom(), line.Size, line.Bottom())
	}
	if small, _ := find("Small print follows."); small.Size >= line.Size {
		t.Errorf("small text is size %d, its line %d", small.Size, line.Size)
	}
}

// Two editions of the sample never collide in a library: each has its own
// identifier and its title followed by the edition's, and a book of
// editors is filed under them, its translator a contributor.
func TestEditionsDifferInALibrary(t *testing.T) {
	t.Parallel()
	eds := sampleEditions(t)
	seen := map[string]string{}
	for _, ed := range []string{"reader", "course-packet", "teacher"} {
		opf := epubMember(t, eds.path("workers-opposition-"+ed+".epub"), "EPUB/package.opf")
		id := between(opf, `<dc:identifier id="pub-id">`, "</dc:identifier>")
		title := between(opf, `<dc:title id="title">`, "</dc:title>")
		if !strings.HasPrefix(title, "The Workers’ Opposition, 1921 (") {
			t.Errorf("%s: title %q lacks the edition's", ed, title)
		}
		for _, v := range []string{id, title} {
			if other, dup := seen[v]; dup || v == "" {
				t.Errorf("%s and %s share %q", ed, other, v)
			}
			seen[v] = ed
		}
	}
	opf := epubMember(t, rawHTMLBook(t).path("raw-html-and-its-meaning.epub"), "EPUB/package.opf")
	for _, want := range []string{`<dc:creator id="creator-1">Ida Editor</dc:creator>`, `<dc:creator id="creator-2">Eda Compiler</dc:creator>`,
		`<dc:contributor id="contributor-3">Tran Slator</dc:contributor>`} {
		if !strings.Contains(opf, want) {
			t.Errorf("the raw HTML book's package lacks %s", want)
		}
	}
}

// The EPUB's title page names the edition only where the edition shows its
// title, as the PDF's title page and the cover do.
func TestEPUBTitlePageFollowsShowEditionTitle(t *testing.T) {
	t.Parallel()
	eds := sampleEditions(t)
	for ed, want := range map[string]string{"course-packet": "", "teacher": "Teacher’s edition"} {
		page := epubMember(t, eds.path("workers-opposition-"+ed+".epub"), "EPUB/xhtml/titlepage.xhtml")
		if !strings.Contains(page, `class="titlepage"`) {
			t.Fatalf("%s: no title page in\n%s", ed, page)
		}
		if got := between(page, `<p class="edition">`, "</p>"); got != want {
			t.Errorf("%s: title page names the edition %q, want %q", ed, got, want)
		}
	}
}

// between is the text of s between the first open and the close after it.
func between(s, open, close string) string {
	_, after, ok := strings.Cut(s, open)
	if !ok {
		return ""
	}
	in, _, _ := strings.Cut(after, close)
	return in
}
