package layout

import (
	"math"
	"reflect"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/hyphen"
	"github.com/samizdat-press/samizdat/internal/layout/layouttest"
)

// smallPages are pages small enough that a generated book of a chapter or
// two crosses the automatic gutter's first bands.
func smallPages(trimHeight float64) Options {
	return options(func(o *Options) {
		o.Hyphenate, o.Language, o.RectoChapters, o.URLFootnotes, o.GutterAuto = true, "en", true, true, true
		o.TrimWidth, o.TrimHeight, o.FontSize = 3.6*inch, trimHeight, 11
		o.MarginOuter, o.MarginInner, o.MarginTop, o.MarginBottom = 0.6*inch, 0.4*inch, 0.7*inch, 0.7*inch
	})
}

// withPageReferences adds to the book's last chapter a paragraph naming
// the page of every chapter, so that it is set until its page numbers
// settle.
func withPageReferences(b *doc.Book) *doc.Book {
	var refs []doc.Inline
	var last *doc.Entry
	var walk func([]*doc.Entry)
	walk = func(es []*doc.Entry) {
		for _, e := range es {
			if e.Kind == doc.KindChapter || e.Kind == doc.KindSource {
				refs = append(refs, &doc.Text{Text: " page "}, &doc.Link{URL: "#" + e.ID, Entry: e.ID, Page: doc.PageOnly})
				last = e
			}
			walk(e.Children)
		}
	}
	walk(b.Entries)
	last.Blocks = append(last.Blocks, &doc.Paragraph{Content: refs})
	return b
}

// TestAutoGutterEstimated: choosing the automatic gutter on estimated page
// counts gives the document that raising it on true counts, from the
// narrowest, gives: a jump of a band (two bands' worth of estimates, then
// the book set until its page references settle) and a count at a band's
// edge, where the estimate cannot decide.
func TestAutoGutterEstimated(t *testing.T) {
	m := realFonts(t)
	cases := []struct {
		name string
		book *doc.Book
		opts Options
	}{
		{"one band up, page references", withPageReferences(layouttest.Book(2, 3)), smallPages(4.8 * inch)},
		{"at a band's edge", layouttest.Book(2, 1), smallPages(6 * inch)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want, err := layoutBook(c.book, m, c.opts, false)
			if err != nil {
				t.Fatal(err)
			}
			if AutoGutter(len(want.Pages)) == AutoGutter(0) {
				t.Fatalf("%d pages: too few to leave the narrowest gutter", len(want.Pages))
			}
			got, err := layoutBook(c.book, m, c.opts, true)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Pages) != len(want.Pages) {
				t.Fatalf("%d pages, want %d", len(got.Pages), len(want.Pages))
			}
			if !reflect.DeepEqual(got, want) {
				t.Error("the document differs from the one set on true page counts")
			}
		})
	}
}

// TestEstimateNear: the estimated page count is within estimateMargin of
// the true one, on wide and narrow measures, hyphenated or not, so an
// estimate that decides a gutter decides it as the true count would.
func TestEstimateNear(t *testing.T) {
	m := realFonts(t)
	hy, err := hyphen.Embedded().For("en")
	if err != nil {
		t.Fatal(err)
	}
	book := layouttest.Book(2, 5)
	for _, o := range []Options{smallPages(4.8 * inch), bookOpts(), testOptions()} {
		o.Language = "en"
		est, err := estimatePages(book, m, o, AutoGutter(0), hy)
		if err != nil {
			t.Fatal(err)
		}
		d, _, err := layoutPass(book, m, o, AutoGutter(0), hy, false, nil, false, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(d.Pages); math.Abs(float64(est-n)) > estimateMargin*float64(n) {
			t.Errorf("measure %.0f pt: estimated %d pages, set %d", o.TrimWidth-o.MarginInner-o.MarginOuter, est, n)
		}
	}
}
