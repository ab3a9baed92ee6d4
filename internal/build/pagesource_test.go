package build

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// A page map carries over from one edition's tree to another's, made from
// the same files: a page that begins in a block the other edition leaves
// out begins at the next block it keeps, one in a left-out entry is not
// listed, and generated entries are told apart by their IDs.
func TestTranslatePages(t *testing.T) {
	t.Parallel()
	para := func(line int, text string) *doc.Paragraph {
		return &doc.Paragraph{BlockBase: doc.BlockBase{Pos: doc.Pos{File: "a.md", Line: line}}, Content: []doc.Inline{&doc.Text{Text: text}}}
	}
	heading := func() *doc.Heading { return &doc.Heading{Level: 1, Content: []doc.Inline{&doc.Text{Text: "H"}}} }
	p1, p2, p3, p3b := para(1, "one"), para(3, "answer"), para(5, "three"), para(5, "three again")
	quote := &doc.BlockQuote{BlockBase: doc.BlockBase{Pos: doc.Pos{File: "a.md", Line: 7}}, Blocks: []doc.Block{para(7, "quoted")}}
	srcHead, idxHead := heading(), heading()
	a := &doc.Entry{File: "a.md", Blocks: []doc.Block{p1, p2, p3, p3b, quote}}
	b := &doc.Entry{File: "b.md", Blocks: []doc.Block{para(1, "only in the source")}}
	sources := &doc.Entry{ID: "sources", Generated: true, Blocks: []doc.Block{srcHead}}
	index := &doc.Entry{ID: "index", Generated: true, Blocks: []doc.Block{idxHead}}
	from := &doc.Book{Entries: []*doc.Entry{a, b, sources, index}}

	q1, q3, q3b := para(1, "one"), para(5, "three"), para(5, "three again")
	inner := para(7, "quoted")
	toQuote := &doc.BlockQuote{BlockBase: doc.BlockBase{Pos: doc.Pos{File: "a.md", Line: 7}}, Blocks: []doc.Block{inner}}
	toSrcHead, toIdxHead := heading(), heading()
	a2 := &doc.Entry{File: "a.md", Blocks: []doc.Block{q1, q3, q3b, toQuote}}
	sources2 := &doc.Entry{ID: "sources", Generated: true, Blocks: []doc.Block{toSrcHead}}
	index2 := &doc.Entry{ID: "index", Generated: true, Blocks: []doc.Block{toIdxHead}}
	to := &doc.Book{Entries: []*doc.Entry{a2, sources2, index2}}

	pm := doc.PageMap{Source: "Packet", Anchors: map[string]string{"x": "2"}, Breaks: []doc.PageBreak{
		{Label: "1", Entry: a, Block: p1},
		{Label: "2", Entry: a, Block: p2, Offset: 4},              // left out: the next kept block
		{Label: "3", Entry: a, Block: p3b, Offset: 6},             // the second block on its line
		{Label: "4", Entry: a, Block: quote.Blocks[0], Offset: 2}, // nested
		{Label: "5", Entry: b, Block: b.Blocks[0]},                // entry left out
		{Label: "6", Entry: a},                                    // the entry's start
		{Label: "7", Entry: sources, Block: srcHead},
		{Label: "8", Entry: index, Block: idxHead},
	}}
	got := translatePages(pm, from, to)
	want := []doc.PageBreak{
		{Label: "1", Entry: a2, Block: q1},
		{Label: "2", Entry: a2, Block: q3},
		{Label: "3", Entry: a2, Block: q3b, Offset: 6},
		{Label: "4", Entry: a2, Block: inner, Offset: 2},
		{Label: "6", Entry: a2},
		{Label: "7", Entry: sources2, Block: toSrcHead},
		{Label: "8", Entry: index2, Block: toIdxHead},
	}
	if got.Source != "Packet" || got.Anchors["x"] != "2" {
		t.Errorf("source %q, anchors %v", got.Source, got.Anchors)
	}
	if len(got.Breaks) != len(want) {
		t.Fatalf("%d breaks, want %d: %+v", len(got.Breaks), len(want), got.Breaks)
	}
	for i, w := range want {
		if g := got.Breaks[i]; g != w {
			t.Errorf("page %s: got entry %p block %p offset %d, want entry %p block %p offset %d",
				w.Label, g.Entry, g.Block, g.Offset, w.Entry, w.Block, w.Offset)
		}
	}
}

var pageListItem = regexp.MustCompile(`<li><a href="([^"]+)">([^<]+)</a></li>`)

// pageList reads an EPUB's page list: "href label" per page.
func pageList(t *testing.T, path string) []string {
	t.Helper()
	nav := epubMember(t, path, "EPUB/nav.xhtml")
	i := strings.Index(nav, `epub:type="page-list"`)
	if i < 0 {
		return nil
	}
	list := nav[i:]
	list = list[:strings.Index(list, "</nav>")]
	var out []string
	for _, m := range pageListItem.FindAllStringSubmatch(list, -1) {
		out = append(out, m[1]+" "+m[2])
	}
	return out
}

// The teacher's e-book follows the pages of the course packet the class
// holds (epub.print_source), and names it as the source of its page
// numbers; an e-book built with no PDF has no page list at all.
func TestPrintSource(t *testing.T) {
	t.Parallel()
	eds := sampleEditions(t)
	teacher := eds.path("workers-opposition-teacher.epub")
	packet := eds.path("workers-opposition-course-packet.epub")
	got, want := pageList(t, teacher), pageList(t, packet)
	if len(want) < 8 { // the packet prints its four chapters on eight pages or more
		t.Fatalf("the course packet's e-book lists %d pages", len(want))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the teacher's page list is not the packet's:\n%v\n%v", got, want)
	}
	opf := epubMember(t, teacher, "EPUB/package.opf")
	if src := between(opf, `<dc:source id="page-source">`, "</dc:source>"); src != "The Workers’ Opposition, 1921 (Course packet)" {
		t.Errorf("page source %q", src)
	}
	config, err := os.ReadFile(repoRoot + "/config/editions/teacher.yaml")
	if err != nil || !strings.Contains(string(config), "print_source: course-packet") {
		t.Fatalf("the teacher's edition no longer follows the packet's pages (%v)", err)
	}

	epubOnly := hostilePictures(t).path("hostile-pictures.epub")
	if list := pageList(t, epubOnly); list != nil {
		t.Errorf("an e-book built without its PDF lists pages: %v", list)
	}
	for _, name := range epubContentDocumentNames(t, epubOnly) {
		if doc := epubMember(t, epubOnly, name); strings.Contains(doc, "pagebreak") {
			t.Errorf("%s marks a page though no edition is printed", name)
		}
	}
	if opf := epubMember(t, epubOnly, "EPUB/package.opf"); strings.Contains(opf, "pagination") || strings.Contains(opf, "pageNavigation") {
		t.Errorf("the package of an e-book without pages names a page source or claims page navigation")
	}
}

func epubContentDocumentNames(t *testing.T, path string) []string {
	var out []string
	for name := range epubContentDocuments(t, path) {
		out = append(out, name)
	}
	return out
}
