package layout

import (
	"reflect"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/hyphen"
	"github.com/samizdat-press/samizdat/internal/layout/layouttest"
)

// TestPassTakesSettledGalleys: a pass that takes from the pass before the
// galleys whose page numbers it would print the same, and its engines'
// memos, sets the document that setting every galley again afresh sets, with blank pages (where a single
// pass paginates galleys in place) and without; the galley that prints
// the pages the first pass did not know is set again.
func TestPassTakesSettledGalleys(t *testing.T) {
	m := realFonts(t)
	hy, err := hyphen.Embedded().For("en")
	if err != nil {
		t.Fatal(err)
	}
	const form = "(p. {page})"
	for _, blank := range []bool{true, false} {
		o := bookOpts()
		o.Front.BlankPages = blank
		book := withPageReferences(layouttest.Book(2, 3))
		// the first pass's engines' memos go on to the pass taking its
		// galleys, not to the one setting them all again
		ms := make(memos, maxWorkers+1)
		first, out, err := layoutPass(book, m, o, o.Gutter, hy, false, &pageState{form: form}, false, nil, ms)
		if err != nil {
			t.Fatal(err)
		}
		now := pagesOf(first, out.linkPages, form)
		want, _, err := layoutPass(book, m, o, o.Gutter, hy, false, now, false, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, taken, err := layoutPass(book, m, o, o.Gutter, hy, false, now, false, out.galleys(), ms)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("blank pages %v: the document differs from the one with every galley set again", blank)
		}
		same, again := 0, 0
		for i, b := range taken.built {
			if b.gl == out.built[i].gl {
				same++
			} else {
				again++
			}
		}
		if same == 0 || again != 1 {
			t.Errorf("blank pages %v: %d galleys taken, %d set again; want all but the one with page references taken", blank, same, again)
		}
	}
}

// TestPaginatingInPlaceSetsWhatCopiesSet: a pass paginates its galleys in
// place, keeping only their items' places to put them back, yet sets the
// document a pass placing copies of every item sets; with an odd number
// of front pages and no blank ones the body is paginated twice, the
// second time from galleys put back.
func TestPaginatingInPlaceSetsWhatCopiesSet(t *testing.T) {
	m := realFonts(t)
	hy, err := hyphen.Embedded().For("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, fr := range []FrontMatter{
		{Copyright: true},
		{TitlePage: true, Copyright: true, Contents: true},
	} {
		o := bookOpts()
		o.Front, o.RectoChapters = fr, false
		book := withPageReferences(layouttest.Book(2, 3))
		// trace places copies, to keep the galleys as they were
		copied, _, err := layoutPass(book, m, o, o.Gutter, hy, true, nil, false, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		moved, _, err := layoutPass(book, m, o, o.Gutter, hy, false, nil, false, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(moved, copied) {
			t.Errorf("front %+v: paginating in place sets another document than placing copies", fr)
		}
		front := 0
		for _, pg := range moved.Pages {
			if strings.ContainsAny(pg.Label, "0123456789") {
				break
			}
			front++
		}
		if front%2 != 1 {
			t.Errorf("front %+v: %d front pages; want an odd number, for the body to be paginated again", fr, front)
		}
	}
}

// TestPageTextInTableCaption: a link naming its page counts wherever the
// tree holds text, a table's caption too, else its page is never learnt.
func TestPageTextInTableCaption(t *testing.T) {
	link := &doc.Link{Entry: "ch", Anchor: "far", Page: doc.PageOnly, Content: []doc.Inline{&doc.Text{Text: "see"}}}
	for _, c := range []struct {
		caption []doc.Inline
		want    bool
	}{
		{[]doc.Inline{&doc.Text{Text: "Sizes, "}, link}, true},
		{[]doc.Inline{&doc.Text{Text: "Sizes"}}, false},
	} {
		table := &doc.Table{Caption: c.caption, Rows: [][]*doc.TableCell{{{Content: []doc.Inline{&doc.Text{Text: "1"}}}}}}
		book := &doc.Book{Entries: []*doc.Entry{{File: "ch.md", Blocks: []doc.Block{table}}}}
		if got := hasPageText(book, ""); got != c.want {
			t.Errorf("caption %q: hasPageText %v, want %v", doc.PlainText(c.caption), got, c.want)
		}
	}
}
