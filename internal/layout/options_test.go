package layout

import (
	"math"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/layout/layouttest"
)

func TestOptionErrors(t *testing.T) {
	cases := []struct {
		opts Options
		want string
	}{
		{Options{FontSize: -1}, "layout: font size -1 is not a size"},
		{Options{FontSize: 100}, "layout: font size 100pt is outside 4–48pt"},
		{Options{Leading: 9}, "layout: leading 9 is outside 0.8–4 times the font size"},
		{Options{Bleed: 72}, "layout: bleed 72pt is more than half an inch"},
		{Options{TrimWidth: math.NaN(), TrimHeight: 100}, "layout: trim width NaN is not a size"},
		{Options{TrimWidth: 100, TrimHeight: 600}, "layout: the text block is"},
		{Options{TrimWidth: 400, TrimHeight: 120}, "layout: the text block is"},
		{Options{Gutter: -3, Bleed: -1}, "layout: gutter -3 is not a size; bleed -1 is not a size"},
	}
	for _, c := range cases {
		_, err := Layout(&doc.Book{}, fixedMetrics{}, c.opts)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%+v: err = %v, want prefix %q", c.opts, err, c.want)
		}
	}
	if _, err := Layout(nil, fixedMetrics{}, Options{}); err == nil {
		t.Error("nil book accepted")
	}
	if _, err := Layout(&doc.Book{}, nil, Options{}); err == nil {
		t.Error("nil metrics accepted")
	}
}

func TestEmptyBook(t *testing.T) {
	d, err := Layout(&doc.Book{}, fixedMetrics{}, Options{RectoChapters: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Pages) == 0 || len(d.Pages)%2 != 0 {
		t.Errorf("%d pages for an empty book", len(d.Pages))
	}
}

func TestAutoGutterBands(t *testing.T) {
	for _, c := range []struct {
		pages int
		in    float64
	}{{10, 0.375}, {150, 0.375}, {151, 0.5}, {300, 0.5}, {301, 0.625}, {500, 0.625}, {501, 0.75}, {700, 0.75}, {701, 0.875}} {
		if got := AutoGutter(c.pages); got != c.in*72 {
			t.Errorf("AutoGutter(%d) = %g, want %g", c.pages, got, c.in*72)
		}
	}
}

// TestGutterAutoConverges: the gutter in force suits the final page count,
// and it widens the inside margin of rectos on the left, versos on the right.
func TestGutterAutoConverges(t *testing.T) {
	b := layouttest.Book(9, 1)
	o := Options{GutterAuto: true, RectoChapters: true, Hyphenate: true}
	d, err := Layout(b, realFonts(t), o)
	if err != nil {
		t.Fatal(err)
	}
	want := AutoGutter(len(d.Pages))
	if want <= AutoGutter(0) {
		t.Fatalf("book of %d pages too short to test the bands", len(d.Pages))
	}
	od, _ := o.withDefaults()
	// The leftmost text of a body recto starts at inner margin + gutter.
	minX := func(p *Page) float64 {
		x := math.Inf(1)
		for _, it := range p.Items {
			if tx, ok := it.(*Text); ok && tx.Gray == 0 {
				x = math.Min(x, tx.X)
			}
		}
		return x
	}
	var recto, verso *Page
	for _, p := range d.Pages {
		if p.Label == "3" {
			recto = p
		}
		if p.Label == "4" {
			verso = p
		}
	}
	if got := minX(recto); math.Abs(got-(od.MarginInner+want)) > 0.01 {
		t.Errorf("recto text starts at %.2f, want inner margin %.2f + gutter %.2f", got, od.MarginInner, want)
	}
	if got := minX(verso); math.Abs(got-od.MarginOuter) > 0.01 {
		t.Errorf("verso text starts at %.2f, want outer margin %.2f", got, od.MarginOuter)
	}
}

func TestEndnotes(t *testing.T) {
	d, err := Layout(sourceBook(), fixedMetrics{}, Options{Endnotes: true, RectoChapters: true, URLFootnotes: true})
	if err != nil {
		t.Fatal(err)
	}
	var notesPage, notePage, refPage = -1, -1, -1
	for pi, p := range d.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(*Text); ok && tx.Text == "Notes" && tx.Face.Style == 2 {
				notesPage = pi
			}
		}
		for _, a := range p.Anchors {
			switch a.Name {
			case "n-src-1":
				notePage = pi
			case "ref-n-src-1":
				refPage = pi
			}
		}
	}
	if notesPage < 0 || notePage < notesPage || refPage < 0 || refPage > notesPage {
		t.Errorf("Notes heading on %d, note on %d, reference on %d", notesPage, notePage, refPage)
	}
	// no footnote rule anywhere
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if r, ok := it.(*Rule); ok && r.Width == 0.5 {
				t.Errorf("page %s has a footnote rule with endnotes on", p.Label)
			}
		}
	}
	// the URL footnote is printed with the endnotes
	found := false
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(*Text); ok && strings.Contains(tx.Text, "example.org/x") {
				found = true
			}
		}
	}
	if !found {
		t.Error("URL of the external link not printed")
	}
}

func TestLineNumbers(t *testing.T) {
	b := sourceBook()
	b.Entries = append(b.Entries, basicBook().Entries[1]) // a chapter: not numbered
	o := Options{LineNumbers: true, LineNumberEvery: 5, RectoChapters: true}
	d, err := Layout(b, fixedMetrics{}, o)
	if err != nil {
		t.Fatal(err)
	}
	od, _ := o.withDefaults()
	g, _ := newGeom(od, 0)
	var nums []string
	for _, p := range d.Pages {
		left := g.left(p.Recto)
		for _, it := range p.Items {
			tx, ok := it.(*Text)
			if !ok || tx.Gray != 0.45 {
				continue
			}
			nums = append(nums, tx.Text)
			outside := tx.X > left+g.textW
			if !p.Recto {
				outside = tx.X+textWidth(fixedMetrics{}, tx) < left
			}
			if !outside {
				t.Errorf("page %s: line number %s not in the outer margin", p.Label, tx.Text)
			}
		}
	}
	if len(nums) < 3 {
		t.Fatalf("line numbers %v", nums)
	}
	for i, n := range nums {
		if want := itoa(5 * (i + 1)); n != want {
			t.Errorf("line number %d is %s, want %s (all: %v)", i, n, want, nums)
			break
		}
	}
}

// TestPageMapOffsets: each body page's first line starts with the block
// text at the page map's offset.
func TestPageMapOffsets(t *testing.T) {
	b := layouttest.Book(3, 9)
	d, err := Layout(b, fixedMetrics{}, Options{RectoChapters: true})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, br := range d.PageMap.Breaks {
		p, ok := br.Block.(*doc.Paragraph)
		if !ok || br.Offset == 0 {
			continue
		}
		rest := []rune(doc.BlockText(p))[br.Offset:]
		var page *Page
		for _, pg := range d.Pages {
			if pg.Label == br.Label {
				page = pg
			}
		}
		// the first body text on the page (below the running head; not
		// a figure's caption or description, small italic, which may
		// stand above the text at the top of the page)
		first := ""
		bestY := math.Inf(1)
		bestX := math.Inf(1)
		for _, it := range page.Items {
			if tx, ok := it.(*Text); ok && tx.Y > 60 && tx.Size > 9 && !(tx.Size < 10 && tx.Face.Style == fonts.Italic) && (tx.Y < bestY-0.1 || (math.Abs(tx.Y-bestY) < 0.1 && tx.X < bestX)) {
				first, bestY, bestX = tx.Text, tx.Y, tx.X
			}
		}
		if !strings.HasPrefix(string(rest), strings.TrimSuffix(first, "-")) {
			t.Errorf("page %s: map says %q…, page starts with %q", br.Label, string(rest[:min(20, len(rest))]), first)
		}
		checked++
	}
	if checked < 5 {
		t.Errorf("only %d mid-paragraph page starts checked", checked)
	}
}

// TestOddInput: degenerate trees lay out without panicking.
func TestOddInput(t *testing.T) {
	n := &doc.Note{ID: "n", Label: "", Refs: 2}
	inner := &doc.Note{ID: "in", Label: "i", Refs: 1, Blocks: []doc.Block{&doc.CodeBlock{Text: "x"}}}
	n.Blocks = []doc.Block{&doc.List{}, para(&doc.NoteRef{Note: inner})}
	e := &doc.Entry{ID: "e", Notes: []*doc.Note{n, inner, {ID: "orphan", Label: "9"}}, Blocks: []doc.Block{
		nil,
		&doc.Heading{Level: 0}, &doc.Heading{Level: 99, Content: []doc.Inline{nil, &doc.NoteRef{}, &doc.NoteRef{Note: n}}},
		para(), para(&doc.Link{}, &doc.Image{}, &doc.Span{Kind: doc.SpanSuperscript}, &doc.Code{}, &doc.Break{}, &doc.Break{}, &doc.NoteRef{Note: n, Index: 1}),
		&doc.List{Ordered: true, Start: -3, Items: []*doc.ListItem{{}, {Blocks: []doc.Block{&doc.ThematicBreak{}}}}},
		&doc.Table{}, &doc.Table{Align: []doc.Align{doc.AlignCenter}, Rows: [][]*doc.TableCell{{nil, {}}, {}}},
		&doc.Figure{}, &doc.Figure{Image: &doc.Image{Asset: &doc.Asset{Width: 10, Height: 10}}},
		&doc.Figure{Image: &doc.Image{Asset: &doc.Asset{Width: 1, Height: 100000, Data: []byte{1}}}},
		&doc.CodeBlock{Text: strings.Repeat("\t", 50) + strings.Repeat("w", 500)}, &doc.CodeBlock{},
		&doc.Div{Kind: doc.DivAside, Blocks: []doc.Block{&doc.BlockQuote{Blocks: []doc.Block{&doc.BlockQuote{}}}}},
		para(txt(strings.Repeat("\u200b\u0301 ", 100))),
	}}
	b := &doc.Book{Entries: []*doc.Entry{e, nil, {Kind: doc.KindPart, Children: []*doc.Entry{nil, {ID: "c"}}}}}
	for _, o := range []Options{{}, {Endnotes: true, URLFootnotes: true, LineNumbers: true, GutterAuto: true, Hyphenate: true}} {
		for _, m := range []Metrics{fixedMetrics{}, realFonts(t)} {
			if _, err := Layout(b, m, o); err != nil {
				t.Fatal(err)
			}
		}
	}
}
