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
		{options(func(o *Options) { o.FontSize = -1 }), "layout: font size -1 is not a size"},
		{options(func(o *Options) { o.FontSize = 100 }), "layout: font size 100pt is outside 4–48pt"},
		{options(func(o *Options) { o.Leading = 9 }), "layout: leading 9 is outside 0.8–4 times the font size"},
		{options(func(o *Options) { o.Bleed = 72 }), "layout: bleed 72pt is more than half an inch"},
		{options(func(o *Options) { o.TrimWidth, o.TrimHeight = math.NaN(), 100 }), "layout: trim width NaN is not a size"},
		{options(func(o *Options) { o.TrimWidth, o.TrimHeight = 0, 0 }), "layout: trim size 0pt x 0pt has no area"},
		{options(func(o *Options) { o.TrimWidth, o.TrimHeight = 100, 600 }), "layout: the text block is 10pt wide: trim 100pt less margins and gutter leave too little room"},
		{options(func(o *Options) { o.TrimWidth, o.TrimHeight = 400, 120 }), "layout: the text block is 8pt high, room for fewer than 8 lines: enlarge the trim or reduce the margins"},
		{options(func(o *Options) { o.Gutter, o.Bleed = -3, -1 }), "layout: gutter -3 is not a size; bleed -1 is not a size"},
		{options(func(o *Options) { o.MarginTop, o.MarginBottom = 0, 40 }),
			"layout: top margin 0pt (0.00in) leaves no room for the running head: it needs at least 45.3pt (0.63in) with 10.5pt type and leading 1.3; " +
				"bottom margin 40pt (0.56in) leaves no room for the folio: it needs at least 45.3pt (0.63in) with 10.5pt type and leading 1.3"},
		{options(func(o *Options) { o.LineNumbers, o.MarginOuter = true, 45 }),
			"layout: outer margin 45pt (0.62in) leaves no room for line numbers: they need at least 45.7pt (0.63in) with 10.5pt type"},
		{options(func(o *Options) { o.LineNumbers, o.LineNumberEvery, o.MarginOuter = true, 0, 72 }),
			"layout: line numbers every 0 lines: want 1 or more"},
	}
	for _, c := range cases {
		_, err := Layout(&doc.Book{}, fixedMetrics{}, c.opts)
		if err == nil || err.Error() != c.want {
			t.Errorf("%+v:\n got %v\nwant %s", c.opts, err, c.want)
		}
	}
	if _, err := Layout(nil, fixedMetrics{}, testOptions()); err == nil {
		t.Error("nil book accepted")
	}
	if _, err := Layout(&doc.Book{}, nil, testOptions()); err == nil {
		t.Error("nil metrics accepted")
	}
}

// TestZeroMarginsMeanZero: side margins of 0 put the text at the trim's
// edges, and 1pt one point in: options are used as given, never replaced
// by a default or widened.
func TestZeroMarginsMeanZero(t *testing.T) {
	for _, margin := range []float64{0, 1} {
		o := options(func(o *Options) { o.MarginInner, o.MarginOuter, o.RectoChapters = margin, margin, true })
		d, err := Layout(basicBook(), fixedMetrics{}, o)
		if err != nil {
			t.Fatal(err)
		}
		left, right := math.Inf(1), math.Inf(-1)
		m := fixedMetrics{}
		for _, p := range d.Pages {
			for _, it := range p.Items {
				if tx, ok := it.(*Text); ok && tx.Gray == 0 {
					left = math.Min(left, tx.X)
					right = math.Max(right, tx.X+textWidth(m, tx))
				}
			}
		}
		if math.Abs(left-margin) > 0.01 {
			t.Errorf("margins %gpt: text starts at x=%.2f, want %g", margin, left, margin)
		}
		if right > o.TrimWidth-margin+0.01 || right < o.TrimWidth-margin-1 {
			t.Errorf("margins %gpt: text ends at x=%.2f, want %.2f", margin, right, o.TrimWidth-margin)
		}
	}
}

func TestEmptyBook(t *testing.T) {
	d, err := Layout(&doc.Book{}, fixedMetrics{}, options(func(o *Options) { o.RectoChapters = true }))
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
	o := options(func(o *Options) { o.GutterAuto, o.RectoChapters, o.Hyphenate = true, true, true })
	d, err := Layout(b, realFonts(t), o)
	if err != nil {
		t.Fatal(err)
	}
	want := AutoGutter(len(d.Pages))
	if want <= AutoGutter(0) {
		t.Fatalf("book of %d pages too short to test the bands", len(d.Pages))
	}
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
	if got := minX(recto); math.Abs(got-(o.MarginInner+want)) > 0.01 {
		t.Errorf("recto text starts at %.2f, want inner margin %.2f + gutter %.2f", got, o.MarginInner, want)
	}
	if got := minX(verso); math.Abs(got-o.MarginOuter) > 0.01 {
		t.Errorf("verso text starts at %.2f, want outer margin %.2f", got, o.MarginOuter)
	}
}

func TestEndnotes(t *testing.T) {
	d, err := Layout(sourceBook(), fixedMetrics{}, options(func(o *Options) { o.Endnotes, o.RectoChapters, o.URLFootnotes = true, true, true }))
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
	o := options(func(o *Options) {
		o.LineNumbers, o.LineNumberEvery, o.RectoChapters, o.MarginOuter = true, 5, true, 0.75*inch
	})
	d, err := Layout(b, fixedMetrics{}, o)
	if err != nil {
		t.Fatal(err)
	}
	g, _ := newGeom(o, 0)
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
	d, err := Layout(b, fixedMetrics{}, options(func(o *Options) { o.RectoChapters = true }))
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
	for _, o := range []Options{testOptions(), bookOpts(), options(func(o *Options) { o.Endnotes, o.GutterAuto = true, true })} {
		for _, m := range []Metrics{fixedMetrics{}, realFonts(t)} {
			if _, err := Layout(b, m, o); err != nil {
				t.Fatal(err)
			}
		}
	}
}
