package build

import (
	"archive/zip"
	"context"
	"io"
	"math"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/validate"
)

// The scholar test book (testdata/scholar) cites works of a CSL-JSON and
// a BibTeX bibliography in every form pandoc's Markdown has, has a source
// whose provenance names a bibliography record, an index of terms and
// links that name their page in print.
const scholarDir = "internal/build/testdata/scholar"

var scholarBuilds = map[string]*sharedBook{"chicago": {}, "chicago-author-date": {}, "mla": {}, "apa": {}}

// scholar is the scholar book built in a citation style.
func scholar(t *testing.T, style string) *sharedBook {
	return scholarBuilds[style].get(t, func(dir string) (string, Options, error) {
		flags := map[string]string{"book": scholarDir, "out": dir, "citation.style": style}
		origins := map[string]string{}
		for k := range flags {
			origins[k] = "flag --set " + k
		}
		return repoRoot, Options{Flags: flags, FlagOrigins: origins}, nil
	})
}

const scholarName = "a-scholars-apparatus"

// epubText is the text of one content document of an EPUB, tags dropped
// and white space made single spaces.
func epubText(t *testing.T, path, doc string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "EPUB/xhtml/"+doc {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		var sb strings.Builder
		z := html.NewTokenizer(rc)
		for {
			switch z.Next() {
			case html.ErrorToken:
				if z.Err() != io.EOF {
					t.Fatal(z.Err())
				}
				return strings.Join(strings.Fields(sb.String()), " ")
			case html.TextToken:
				sb.Write(z.Text())
			case html.StartTagToken, html.EndTagToken:
				name, _ := z.TagName()
				if string(name) == "p" || string(name) == "li" || string(name) == "h1" || string(name) == "h2" || string(name) == "aside" {
					sb.WriteString(" ")
				}
			}
		}
	}
	t.Fatalf("%s has no %s", path, doc)
	return ""
}

// TestScholarStyles reads the notes, the text and the bibliography of the
// book as each style renders them: pandoc's citation forms, "Ibid.", short
// forms, a citation merged into the author's note, and the bibliography
// in the style's order and form.
func TestScholarStyles(t *testing.T) {
	t.Parallel()
	cases := map[string][]string{
		"chicago": {
			// essay: the text, then its notes
			"A citation in brackets, with a locator.1 The same work and place again,2 then another place in it.3",
			"A citation written into the sentence: Kollontai6 set out the views",
			"1 Victor Serge, Memoirs of a Revolutionary, trans. Peter Sedgwick (Oxford University Press, 1963), 85–86.",
			"2 Ibid.", "3 Ibid., 90.",
			"4 See Paul Avrich, Kronstadt 1921 (Princeton: Princeton University Press, 1970), chap. 3; Donald E. Knuth and Michael F. Plass, “Breaking Paragraphs into Lines,” Software: Practice and Experience 11, no. 11 (1981): 1119–20, https://doi.org/10.1002/spe.4380111102, and passim.",
			"5 Memoirs of a Revolutionary, 12.",
			"7 Walter Benjamin, “The Work of Art in the Age of Mechanical Reproduction,” in Illuminations, ed. Hannah Arendt, trans. Harry Zohn (New York: Schocken Books, 1969), 220.",
			"8 Edsger W. Dijkstra, “Go To Statement Considered Harmful,” Communications of the ACM 11, no. 3 (1968): 147–48. The author’s own words after the citation.",
			"9 A citation inside a note (Knuth and Plass, “Breaking Paragraphs into Lines,” 1120).",
			// bibliography
			"Bibliography Avrich, Paul. Kronstadt 1921. Princeton: Princeton University Press, 1970. Benjamin, Walter. “The Work of Art in the Age of Mechanical Reproduction.” In Illuminations, edited by Hannah Arendt, translated by Harry Zohn, 217–51. New York: Schocken Books, 1969.",
			"Kollontai, Alexandra. The Workers’ Opposition. 1921. Serge, Victor. Memoirs of a Revolutionary. Translated by Peter Sedgwick. Oxford University Press, 1963.",
		},
		"chicago-author-date": {
			"A citation in brackets, with a locator (Serge 1963, 85–86). The same work and place again (Serge 1963, 85–86), then another place in it (Serge 1963, 90).",
			"Two works at once, with a prefix and a suffix (see Avrich 1970, chap. 3; Knuth and Plass 1981, 1119–20, and passim).",
			"Serge’s memoirs (1963, 12). A citation written into the sentence: Kollontai (1921) set out the views of the Workers’ Opposition, and Benjamin (1969, 220) is cited",
			"References Avrich, Paul. 1970. Kronstadt 1921. Princeton: Princeton University Press.",
			"Knuth, Donald E., and Michael F. Plass. 1981. “Breaking Paragraphs into Lines.” Software: Practice and Experience 11 (11): 1119–84. https://doi.org/10.1002/spe.4380111102.",
		},
		"mla": {
			"A citation in brackets, with a locator (Serge 85–86).",
			"(see Avrich, chap. 3; Knuth and Plass 1119–20, and passim)",
			"Works Cited Avrich, Paul. Kronstadt 1921. Princeton UP, 1970.",
			"Knuth, Donald E., and Michael F. Plass. “Breaking Paragraphs into Lines.” Software: Practice and Experience, vol. 11, no. 11, 1981, pp. 1119–84, https://doi.org/10.1002/spe.4380111102.",
			"Serge, Victor. Memoirs of a Revolutionary. Translated by Peter Sedgwick, Oxford UP, 1963.",
		},
		"apa": {
			"A citation in brackets, with a locator (Serge, 1963, pp. 85–86).",
			"(see Avrich, 1970, chap. 3; Knuth & Plass, 1981, pp. 1119–1120, and passim)",
			"Kollontai (1921) set out the views",
			"References Avrich, P. (1970). Kronstadt 1921. Princeton University Press.",
			"Knuth, D. E., & Plass, M. F. (1981). Breaking Paragraphs into Lines. Software: Practice and Experience, 11(11), 1119–1184. https://doi.org/10.1002/spe.4380111102",
		},
	}
	for style, wants := range cases {
		t.Run(style, func(t *testing.T) {
			b := scholar(t, style)
			epubPath := b.path(scholarName + ".epub")
			text := epubText(t, epubPath, "essay.xhtml") + " " + epubText(t, epubPath, "bibliography.xhtml")
			for _, w := range wants {
				if !strings.Contains(text, w) {
					t.Errorf("%s lacks\n%s\nin\n%s", style, w, text)
				}
			}
			// the two problems the book has on purpose, and no other
			for _, w := range []string{
				`index.yaml:14: index term "Zimmerwald" is found nowhere in the text (looked for "Zimmerwald")`,
				`works.json:11: bibliography entry "kollontai1921" has no publisher`,
			} {
				if !strings.Contains(b.stderr, w) {
					t.Errorf("warnings lack %q:\n%s", w, b.stderr)
				}
			}
			if n := strings.Count(b.stderr, "warning:"); n != 2 {
				t.Errorf("%d warnings, want 2:\n%s", n, b.stderr)
			}
		})
	}
}

// TestScholarSourceFromBibliography renders the source's provenance from
// its bibliography record: the work as published (its publisher its own),
// then where the extract was taken from.
func TestScholarSourceFromBibliography(t *testing.T) {
	t.Parallel()
	b := scholar(t, "chicago")
	p := b.path(scholarName + ".epub")
	if got, want := epubText(t, p, "manifesto.xhtml"), "Karl Marx and Friedrich Engels, Manifesto of the Communist Party (1848), trans. Samuel Moore (1888), extract 1 in a test compilation of opening sentences. Public domain."; !strings.Contains(got, want) {
		t.Errorf("provenance note:\n got %s\nwant %s", got, want)
	}
	if got, want := epubText(t, p, "sources-and-permissions.xhtml"), "Marx, Karl, and Friedrich Engels. Manifesto of the Communist Party. 1848. Translated by Samuel Moore. 1888. Extract 1 in a test compilation of opening sentences. Public domain."; !strings.Contains(got, want) {
		t.Errorf("sources and permissions:\n got %s\nwant %s", got, want)
	}
}

// scholarLayout loads the scholar book and sets it, as a build does.
func scholarLayout(t *testing.T) (*doc.Book, *layout.Document) {
	t.Helper()
	env := Env{Dir: repoRoot, Environ: []string{fixedEpoch}, Version: "test"}
	p, err := load(context.Background(), env, Options{Flags: map[string]string{"book": scholarDir}}, "")
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	if p.failed() {
		t.Fatal(p.diags.Items())
	}
	d, err := layout.Layout(p.book, p.faces, p.layoutOptions())
	if err != nil {
		t.Fatal(err)
	}
	return p.book, d
}

// TestScholarIndexMatchesThePages checks the printed index against the
// pages the layout put each occurrence on: every page number is a link to
// the first occurrence on that page, and prints that page's folio; every
// occurrence's page is printed, ranges standing for the pages between.
func TestScholarIndexMatchesThePages(t *testing.T) {
	t.Parallel()
	book, d := scholarLayout(t)
	pageOf := map[string]int{}
	for i, pg := range d.Pages {
		for _, a := range pg.Anchors {
			if _, ok := pageOf[a.Name]; !ok {
				pageOf[a.Name] = i
			}
		}
	}
	var index *doc.Index
	var indexEntry *doc.Entry
	for _, e := range book.Entries {
		for _, b := range e.Blocks {
			if ix, ok := b.(*doc.Index); ok {
				index, indexEntry = ix, e
			}
		}
	}
	if index == nil {
		t.Fatal("the book has no index")
	}
	// the index's pages, and the page numbers printed on them: the text
	// inside each link's rectangle
	first := pageOf[indexEntry.ID]
	printed := map[string]string{} // anchor → folio printed for it
	for _, pg := range d.Pages[first:] {
		for _, it := range pg.Items {
			l, ok := it.(*layout.Link)
			if !ok || l.Anchor == "" || !strings.HasPrefix(l.Anchor, "ix-") {
				continue
			}
			var sb strings.Builder
			for _, it2 := range pg.Items {
				if tx, ok := it2.(*layout.Text); ok && tx.X >= l.X-0.01 && tx.X < l.X+l.W-0.01 && tx.Y >= l.Y && tx.Y <= l.Y+l.H {
					sb.WriteString(tx.Text)
				}
			}
			printed[l.Anchor] = sb.String()
		}
	}
	if len(printed) == 0 {
		t.Fatal("the index prints no page links")
	}
	entries := 0
	var check func([]*doc.IndexEntry)
	check = func(es []*doc.IndexEntry) {
		for _, e := range es {
			entries++
			var pages []int
			firstOn := map[int]string{}
			for _, l := range e.Locators {
				p, ok := pageOf[l.Anchor]
				if !ok {
					t.Errorf("%s: occurrence %s is on no page", doc.PlainText(e.Term), l.Anchor)
					continue
				}
				if _, seen := firstOn[p]; !seen {
					firstOn[p] = l.Anchor
					pages = append(pages, p)
				}
			}
			sort.Ints(pages)
			for i, p := range pages {
				a := firstOn[p]
				folio, ok := printed[a]
				// a page inside a range prints no number of its own
				inside := i > 0 && i < len(pages)-1 && pages[i-1] == p-1 && pages[i+1] == p+1
				switch {
				case inside && ok:
					t.Errorf("%s: page %s is inside a range but printed", doc.PlainText(e.Term), d.Pages[p].Label)
				case !inside && !ok:
					t.Errorf("%s: page %s (occurrence %s) is not printed", doc.PlainText(e.Term), d.Pages[p].Label, a)
				case ok && folio != d.Pages[p].Label:
					t.Errorf("%s: occurrence %s is on page %s, the index prints %q", doc.PlainText(e.Term), a, d.Pages[p].Label, folio)
				}
			}
			check(e.Sub)
		}
	}
	for _, g := range index.Groups {
		check(g.Entries)
	}
	if entries < 8 {
		t.Errorf("checked %d entries, want the test book's 8 or more", entries)
	}
	// two columns, the second starting at the top beside the first;
	// sub-entries indented under their entry; the columns of the last
	// page ending near one height
	// at is the leftmost run of a group's letter, or of a word starting a
	// term (a cross-reference naming it stands further right)
	at := func(word string) *layout.Text {
		var found *layout.Text
		for _, it := range d.Pages[first].Items {
			if tx, ok := it.(*layout.Text); ok && (tx.Text == word || len(word) > 1 && strings.HasPrefix(tx.Text, word)) && (found == nil || tx.X < found.X) {
				found = tx
			}
		}
		if found == nil {
			t.Fatalf("the index's first page has no %q", word)
		}
		return found
	}
	f, s, factions, banned, kronstadt, sailors, workers := at("F"), at("S"), at("factions"), at("banned"), at("Kronstadt"), at("sailors"), at("Workers")
	lead := banned.Y - factions.Y
	switch {
	case s.X < f.X+0.3*(d.Geometry.Trim.W):
		t.Errorf("group S at x %.1f is not in a second column (F at %.1f)", s.X, f.X)
	case math.Abs(s.Y-f.Y) > 0.5:
		t.Errorf("the second column starts at y %.1f, the first at %.1f", s.Y, f.Y)
	case banned.X <= factions.X || sailors.X <= kronstadt.X:
		t.Errorf("sub-entries not indented: banned %.1f under factions %.1f, sailors %.1f under Kronstadt %.1f", banned.X, factions.X, sailors.X, kronstadt.X)
	case lead <= 0 || math.Abs(sailors.Y-workers.Y) > 2.5*lead:
		t.Errorf("columns end at y %.1f and %.1f, lines %.1f apart: not balanced", sailors.Y, workers.Y, lead)
	}
	// the test book has a range: "factions" on every page of its chapter
	text := strings.Join(strings.Fields(pageText(d.Pages[first:])), " ")
	if !regexp.MustCompile(`factions, \d+ ?– ?\d+`).MatchString(text) {
		t.Errorf("the index prints no range for factions:\n%s", text)
	}
}

// pageText is the text of pages in the order it was set.
func pageText(pages []*layout.Page) string {
	var sb strings.Builder
	for _, pg := range pages {
		for _, it := range pg.Items {
			if tx, ok := it.(*layout.Text); ok {
				sb.WriteString(tx.Text + " ")
			}
		}
	}
	return sb.String()
}

// TestScholarPageReferences: a link to another page prints its page, a
// {.page} link the page alone, a link to its own page nothing; in the
// EPUB every one stays a link with its text.
func TestScholarPageReferences(t *testing.T) {
	t.Parallel()
	b := scholar(t, "chicago")
	_, d := scholarLayout(t)
	label := func(anchor string) string {
		if l := d.PageMap.Anchors[anchor]; l != "" {
			return l
		}
		t.Fatalf("anchor %s is on no page", anchor)
		return ""
	}
	// pdftotext gives a no-break space as a space
	text := strings.Join(strings.Fields(strings.ReplaceAll(validate.PDFText(t, b.path(scholarName+".pdf")), "\u00a0", " ")), " ")
	for _, want := range []string{
		"the chapter on factions (p. " + label("on-factions") + ")",
		"the factions chapter starts on page " + label("factions") + ".",
		"names no page: the Kronstadt section.",
		"See the essay (p. " + label("kronstadt-rising") + ")",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	if label("kronstadt-rising") != label("page-references") {
		t.Errorf("the test book means the Kronstadt section and the link to it to share a page: %s and %s", label("kronstadt-rising"), label("page-references"))
	}
	essay := epubText(t, b.path(scholarName+".epub"), "essay.xhtml")
	for _, want := range []string{"print: the chapter on factions. A link", "starts on page the factions chapter."} {
		if !strings.Contains(essay, want) {
			t.Errorf("EPUB lacks %q in\n%s", want, essay)
		}
	}
}

// Under --strict a term the index finds nowhere fails the build.
func TestScholarStrict(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := runBuild(t, repoRoot, Options{Flags: map[string]string{"book": scholarDir, "out": dir, "strict": "true"}})
	if r.err == nil {
		t.Fatal("a strict build of a book with an unmatched index term succeeded")
	}
	if !strings.Contains(r.stderr.String(), `error: `+filepath.ToSlash(filepath.Join(scholarDir, "index.yaml"))+`:14: index term "Zimmerwald" is found nowhere`) {
		t.Errorf("stderr:\n%s", r.stderr.String())
	}
}
