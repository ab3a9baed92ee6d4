package layout

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/layout/layouttest"
)

// kinds writes the book's pages as letters: h half-title, t title page, c
// copyright, C contents, b blank, p part, o an entry's opening, . a body
// page; a "|" before page 1.
func kinds(t *testing.T, b *doc.Book, o Options) string {
	t.Helper()
	d, infos := traced(t, b, fixedMetrics{}, o)
	var sb strings.Builder
	for i, inf := range infos {
		if d.Pages[i].Label == "1" {
			sb.WriteByte('|')
		}
		switch inf.kind {
		case pkBlank:
			sb.WriteByte('b')
		case pkPart:
			sb.WriteByte('p')
		case pkOpening:
			if inf.head == e(t).words.Contents {
				sb.WriteByte('C')
			} else {
				sb.WriteByte('o')
			}
		case pkBody:
			sb.WriteByte('.')
		case pkPlain:
			sb.WriteByte(plainKind(d.Pages[i]))
		}
	}
	return sb.String()
}

func e(t *testing.T) *engine { return testEngine(t, fixedMetrics{}, false) }

// plainKind tells the generated pages apart by their type: the title's
// size on the half-title and the title page, small type on the copyright.
func plainKind(p *Page) byte {
	for _, it := range p.Items {
		if tx, ok := it.(*Text); ok {
			switch {
			case tx.Size > 20:
				return 't'
			case tx.Size > 12:
				return 'h'
			}
		}
	}
	return 'c'
}

// frontBook has a part whose only text is its title, with two one-page
// chapters.
func frontBook() *doc.Book {
	part := &doc.Entry{ID: "part", Kind: doc.KindPart, Title: []doc.Inline{txt("Sources")}}
	for i := 1; i <= 2; i++ {
		part.Children = append(part.Children, &doc.Entry{ID: fmt.Sprintf("ch-%d", i), Kind: doc.KindChapter,
			Title: []doc.Inline{txt(fmt.Sprintf("Chapter %d", i))}, Blocks: []doc.Block{para(txt(lorem))}})
	}
	return &doc.Book{Meta: doc.Meta{Title: "Packet", Language: "en"}, Colophon: []doc.Block{para(txt("© us."))},
		Entries: []*doc.Entry{part}}
}

func TestFrontMatterSwitches(t *testing.T) {
	tests := []struct {
		name string
		set  func(o *Options)
		want string
	}{
		{"everything", func(o *Options) {}, "hbtcCb|pbobo"},
		{"no half-title", func(o *Options) { o.Front.HalfTitle = false }, "tcCb|pbobo"},
		{"no title page", func(o *Options) { o.Front.TitlePage = false }, "hbcbCb|pbobo"},
		{"no copyright page", func(o *Options) { o.Front.Copyright = false }, "hbtbCb|pbobo"},
		{"no contents", func(o *Options) { o.Front.Contents = false }, "hbtc|pbobo"},
		{"no part pages", func(o *Options) { o.Front.PartPages = false }, "hbtcCb|obo"},
		{"chapters where they fall, parts too", func(o *Options) { o.RectoChapters = false }, "hbtcCb|poo"},
		{"no blank pages", func(o *Options) { o.Front.BlankPages = false }, "htcC|pbobo"},
		{"a course packet", func(o *Options) {
			o.Front = FrontMatter{TitlePage: true, Copyright: true, Contents: true}
			o.RectoChapters = false
		}, "tcC|oo"},
	}
	for _, tc := range tests {
		o := options(func(o *Options) { o.RectoChapters = true })
		tc.set(&o)
		if got := kinds(t, frontBook(), o); got != tc.want {
			t.Errorf("%s: pages %s, want %s", tc.name, got, tc.want)
		}
	}
}

// TestCoursePacket: a book without half-title, blank pages or part pages,
// chapters where they fall, passes every check; a part without a page is
// still a link target, on its first chapter's first page, and in the
// contents.
func TestCoursePacket(t *testing.T) {
	o := options(func(o *Options) {
		o.Front = FrontMatter{TitlePage: true, Copyright: true, Contents: true}
		o.Hyphenate = true
	})
	d := checkBook(t, layouttest.Book(4, 6), realFonts(t), o)
	blank := 0
	for _, p := range d.Pages {
		if len(p.Items) == 0 {
			blank++
		}
	}
	if blank > 0 {
		t.Errorf("%d blank pages", blank)
	}
	d = checkBook(t, frontBook(), fixedMetrics{}, o)
	anchors := map[string]string{}
	for _, p := range d.Pages {
		for _, a := range p.Anchors {
			anchors[a.Name] = p.Label
		}
	}
	if anchors["part"] == "" || anchors["part"] != anchors["ch-1"] {
		t.Errorf("the part's anchor is on page %q, its first chapter's on %q", anchors["part"], anchors["ch-1"])
	}
	if rows := contentsRows(d); len(rows) == 0 || !hasAnchor(rows, "part") {
		t.Errorf("the part is not in the contents: %v", rows)
	}
}

func hasAnchor(rows map[int][]*Link, id string) bool {
	for _, ls := range rows {
		for _, l := range ls {
			if l.Anchor == id {
				return true
			}
		}
	}
	return false
}

// TestContentsDepth: the contents and the outline list the headings down
// to the depth asked.
func TestContentsDepth(t *testing.T) {
	ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, Title: []doc.Inline{txt("Chapter")}, Blocks: []doc.Block{
		&doc.Heading{Level: 2, ID: "two", Content: []doc.Inline{txt("Two")}}, para(txt(lorem)),
		&doc.Heading{Level: 3, ID: "three", Content: []doc.Inline{txt("Three")}}, para(txt(lorem)),
		&doc.Heading{Level: 4, ID: "four", Content: []doc.Inline{txt("Four")}}, para(txt(lorem)),
	}}
	b := &doc.Book{Meta: doc.Meta{Title: "Depth", Language: "en"}, Entries: []*doc.Entry{ch}}
	for depth, want := range []string{"ch", "ch two", "ch two three", "ch two three four"} {
		d := checkBook(t, b, fixedMetrics{}, options(func(o *Options) { o.ContentsDepth = depth }))
		var listed, outlined []string
		for _, ls := range contentsRows(d) {
			for _, l := range ls {
				listed = append(listed, l.Anchor)
			}
		}
		for _, oe := range d.Outline {
			outlined = append(outlined, strings.ToLower(oe.Title))
		}
		if strings.Join(listed, " ") != want {
			t.Errorf("depth %d: contents lists %v, want %s", depth, listed, want)
		}
		// the outline's titles are the headings' words, the contents'
		// anchors their IDs
		if strings.Join(outlined, " ") != strings.Replace(want, "ch", "chapter", 1) {
			t.Errorf("depth %d: outline %v, want %s", depth, outlined, want)
		}
		if depth == 2 && d.Outline[2].Level != d.Outline[1].Level+1 {
			t.Errorf("a level-3 heading is not under the level-2 one in the outline: %+v", d.Outline)
		}
	}
}

// TestContentsInnerParts: a level-1 heading after a chapter's opening is
// listed as a section, and the headings after it under it, in the contents
// and the outline, as the EPUB's contents nest them.
func TestContentsInnerParts(t *testing.T) {
	ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, Title: []doc.Inline{txt("Manual")}, Blocks: []doc.Block{
		&doc.Heading{Level: 1, ID: "manual", Content: []doc.Inline{txt("Manual")}}, para(txt(lorem)),
		&doc.Heading{Level: 2, ID: "before", Content: []doc.Inline{txt("Before")}}, para(txt(lorem)),
		&doc.Heading{Level: 1, ID: "options", Content: []doc.Inline{txt("Options")}}, para(txt(lorem)),
		&doc.Heading{Level: 2, ID: "general", Content: []doc.Inline{txt("General")}}, para(txt(lorem)),
		&doc.Heading{Level: 3, ID: "deep", Content: []doc.Inline{txt("Deep")}}, para(txt(lorem)),
	}}
	b := &doc.Book{Meta: doc.Meta{Title: "Parts", Language: "en"}, Entries: []*doc.Entry{ch}}
	d := checkBook(t, b, fixedMetrics{}, options(func(o *Options) { o.ContentsDepth = 2 }))
	var outlined []string
	for _, oe := range d.Outline {
		outlined = append(outlined, fmt.Sprintf("%s %d", oe.Title, oe.Level))
	}
	if got, want := strings.Join(outlined, ", "), "Manual 0, Before 1, Options 1, General 2"; got != want {
		t.Errorf("outline %s, want %s", got, want)
	}
	var listed []string
	for _, ls := range contentsRows(d) {
		for _, l := range ls {
			listed = append(listed, l.Anchor)
		}
	}
	if got, want := strings.Join(listed, " "), "ch before options general"; got != want {
		t.Errorf("contents list %s, want %s", got, want)
	}
}

// TestLeadersOnOneGrid: the contents' dot leaders are one size, each
// starting a whole number of dots from the block's edge, however deep or
// small the line.
func TestLeadersOnOneGrid(t *testing.T) {
	m := realFonts(t)
	o := options(func(o *Options) { o.ContentsDepth = 2 })
	d := checkBook(t, layouttest.Book(3, 2), m, o)
	g, _ := newGeom(o, o.Gutter)
	var size, dot float64
	leaders := 0
	for _, p := range d.Pages {
		if p.Label == "1" {
			break
		}
		for _, it := range p.Items {
			tx, ok := it.(*Text)
			if !ok || !strings.HasPrefix(tx.Text, ". .") {
				continue
			}
			if size == 0 {
				size, dot = tx.Size, (m.Advance(tx.Face, '.')+m.Advance(tx.Face, ' ')+m.Kern(tx.Face, '.', ' '))*tx.Size
			}
			if tx.Size != size {
				t.Errorf("page %s: leaders of %gpt and %gpt", p.Label, tx.Size, size)
			}
			k := (tx.X - g.left(p.Recto)) / dot
			if math.Abs(k-math.Round(k)) > 1e-6 {
				t.Errorf("page %s: leader at %.3f, %.3f dots from the edge", p.Label, tx.X, k)
			}
			leaders++
		}
	}
	if leaders < 10 {
		t.Errorf("only %d leaders", leaders)
	}
}

// heads lists the running heads of the body's rectos and versos.
func heads(d *Document) (recto, verso []string) {
	for _, p := range d.Pages {
		var words []string
		for _, it := range p.Items {
			if tx, ok := it.(*Text); ok && tx.Face.Style == fonts.Italic && tx.Size < 10 && tx.Y < 60 {
				words = append(words, tx.Text)
			}
		}
		if len(words) == 0 {
			continue
		}
		if p.Recto {
			recto = append(recto, strings.Join(words, " "))
		} else {
			verso = append(verso, strings.Join(words, " "))
		}
	}
	return recto, verso
}

// TestRunningHeads: a short title stands for a chapter's title in its
// rectos' heads; a title too long is cut at a word, with a warning naming
// the manifest's line; an edition shown has its title after the book's on
// versos and on the title page.
func TestRunningHeads(t *testing.T) {
	long := strings.Repeat("a very long title of a chapter ", 4)
	b := &doc.Book{Meta: doc.Meta{Title: "Heads", Language: "en"}}
	for i, title := range []string{long, long, "Plain"} {
		en := &doc.Entry{ID: fmt.Sprint("ch-", i), Kind: doc.KindChapter, Title: []doc.Inline{txt(title)}, Pos: doc.Pos{File: "manifest.yaml", Line: 10 + i}}
		for k := 0; k < 12; k++ {
			en.Blocks = append(en.Blocks, para(txt(lorem+lorem+lorem)))
		}
		b.Entries = append(b.Entries, en)
	}
	b.Entries[1].ShortTitle = "Short"
	o := options(func(o *Options) { o.EditionTitle = "Teacher’s edition" })
	d := checkBook(t, b, fixedMetrics{}, o)
	recto, verso := heads(d)
	seen := map[string]bool{}
	for _, h := range recto {
		seen[h] = true
	}
	if !seen["Short"] || !seen["Plain"] || len(seen) != 3 {
		t.Errorf("recto heads %v", seen)
	}
	for h := range seen {
		if strings.HasSuffix(h, "…") && (!strings.HasPrefix(long, strings.TrimSuffix(h, "…")) || strings.HasSuffix(strings.TrimSuffix(h, "…"), " ") || !strings.HasPrefix(long[len(h)-len("…"):], " ")) {
			t.Errorf("head %q is not cut at a word", h)
		}
	}
	var warned []string
	for _, w := range d.Warnings {
		if w.Code == "head.long" {
			warned = append(warned, fmt.Sprint(w.File, ":", w.Line))
		}
	}
	if strings.Join(warned, " ") != "manifest.yaml:10" {
		t.Errorf("long-head warnings at %v, want manifest.yaml:10 only", warned)
	}
	for _, h := range verso {
		if h != "Heads · Teacher’s edition" {
			t.Errorf("verso head %q", h)
		}
	}
	title := strings.Join(pageWords(d.Pages[2]), " ")
	if !strings.Contains(title, "Teacher’s edition") {
		t.Errorf("title page %q", title)
	}
}

func pageWords(p *Page) []string {
	var words []string
	for _, it := range p.Items {
		if tx, ok := it.(*Text); ok {
			words = append(words, tx.Text)
		}
	}
	return words
}

// TestPageMultiple: blank pages at the end make the count a multiple of
// what is asked.
func TestPageMultiple(t *testing.T) {
	for _, m := range []int{0, 1, 2, 4, 16} {
		o := options(func(o *Options) { o.PageMultiple = m; o.Front.BlankPages = false })
		d, infos := traced(t, frontBook(), fixedMetrics{}, o)
		n := len(d.Pages)
		if m > 1 && n%m != 0 {
			t.Errorf("multiple %d: %d pages", m, n)
		}
		pad := 0
		for i := n - 1; i >= 0 && infos[i].kind == pkBlank; i-- {
			pad++
		}
		if pad >= max(m, 1) {
			t.Errorf("multiple %d: %d blank pages at the end", m, pad)
		}
		if m <= 1 && pad > 0 {
			t.Errorf("multiple %d: padded with %d pages", m, pad)
		}
	}
}

// TestSetOff: a block kept for a condition the edition sets off is
// indented with a rule beside it, from its first line to its last; other
// blocks are not.
func TestSetOff(t *testing.T) {
	answer := &doc.Div{BlockBase: doc.BlockBase{Tags: []string{"answers"}}, Classes: []string{"answers"}, Blocks: []doc.Block{para(txt(lorem + lorem)), para(txt(lorem))}}
	teacher := &doc.Div{BlockBase: doc.BlockBase{Tags: []string{"teacher"}}, Blocks: []doc.Block{para(txt(lorem))}}
	ch := &doc.Entry{ID: "q", Kind: doc.KindChapter, Title: []doc.Inline{txt("Questions")}, Blocks: []doc.Block{para(txt(lorem)), answer, teacher, para(txt(lorem))}}
	b := &doc.Book{Meta: doc.Meta{Title: "Set off", Language: "en"}, Entries: []*doc.Entry{ch}}
	for _, setOff := range [][]string{nil, {"answers"}} {
		o := options(func(o *Options) { o.SetOff = setOff })
		d, infos := traced(t, b, fixedMetrics{}, o)
		g, _ := newGeom(o, 0)
		bars, barred := 0.0, 0
		for pi, p := range d.Pages {
			if infos[pi].entry != ch {
				continue
			}
			x0 := g.left(p.Recto)
			for _, it := range p.Items {
				if r, ok := it.(*Rule); ok && r.X1 == r.X2 {
					bars += r.Y2 - r.Y1
				}
			}
			for _, el := range infos[pi].placed {
				for _, it := range el.items {
					if r, ok := it.(*Rule); ok && r.X1 == r.X2 {
						barred++
						if tx := firstText(el); tx != nil && tx.X < x0+1.2*o.FontSize-0.01 {
							t.Errorf("set-off line %q is not indented", tx.Text)
						}
					}
				}
			}
		}
		// the answer's three lines and more of lorem, and the space between its paragraphs
		if setOff == nil && bars > 0 || setOff != nil && (barred < 4 || bars < float64(barred)*g.lead-0.01) {
			t.Errorf("set off %v: %g pt of rule beside %d elems", setOff, bars, barred)
		}
	}
}

func firstText(el *elem) *Text {
	for _, it := range el.items {
		if tx, ok := it.(*Text); ok {
			return tx
		}
	}
	return nil
}

// TestFilledPagesKeepBlocksWhole: when a page is filled to its last
// baseline, the space added inside a code block is shaded and the space
// added inside a set-off block ruled, so neither shows seams; pages are
// filled (the test has something to see).
func TestFilledPagesKeepBlocksWhole(t *testing.T) {
	var code strings.Builder
	for i := range 23 {
		fmt.Fprintf(&code, "let line_%d = compute(%d);\n", i, i)
	}
	var blocks []doc.Block
	for i := range 6 {
		blocks = append(blocks, para(txt(strings.Repeat(lorem, 1+i%3))), &doc.CodeBlock{Text: code.String()},
			&doc.Div{BlockBase: doc.BlockBase{Tags: []string{"answers"}}, Blocks: []doc.Block{para(txt(strings.Repeat(lorem, 2+i%2))), para(txt(lorem))}})
	}
	ch := &doc.Entry{ID: "c", Kind: doc.KindChapter, Title: []doc.Inline{txt("Code")}, Blocks: blocks}
	b := &doc.Book{Meta: doc.Meta{Title: "Seams", Language: "en"}, Entries: []*doc.Entry{ch}}
	o := options(func(o *Options) { o.SetOff = []string{"answers"} })
	d, infos := traced(t, b, fixedMetrics{}, o)
	stretched := 0
	for pi, p := range d.Pages {
		if infos[pi].entry != ch {
			continue
		}
		var shades, rules [][2]float64
		for _, it := range p.Items {
			switch it := it.(type) {
			case *Box:
				if it.Fill {
					shades = append(shades, [2]float64{it.Y, it.Y + it.H})
				}
			case *Rule:
				if it.X1 == it.X2 {
					rules = append(rules, [2]float64{it.Y1, it.Y2})
				}
			}
		}
		for _, spans := range [][][2]float64{shades, rules} {
			slices.SortFunc(spans, func(a, b [2]float64) int { return cmp.Compare(a[0], b[0]) })
			for i := 1; i < len(spans); i++ {
				// one block's pieces meet; two blocks are apart by more than a seam
				if gap := spans[i][0] - spans[i-1][1]; gap > 0.01 && gap < 2 {
					t.Errorf("page %d: a seam of %.2f pt at %.1f", pi+1, gap, spans[i-1][1])
				}
			}
		}
		for _, el := range infos[pi].placed {
			if el.shadeJoins && len(el.items) > 0 {
				if bx, ok := el.items[0].(*Box); ok && bx.H > el.h+0.01 {
					stretched++
					break
				}
			}
		}
	}
	if stretched == 0 {
		t.Error("no page stretched a code block: the test sees nothing")
	}
}

// TestCodeOnlyParagraphIsRagged: a paragraph of code alone (a path and a
// digest, as the list of a book's files has) keeps the code's spaces: its
// lines are set flush left, not spread to the measure; one with words in
// it is justified.
func TestCodeOnlyParagraphIsRagged(t *testing.T) {
	digest := "ab5353f9 30c27b43 4161a2a3 6a395131 cebcc5c7 b66c3464 3e135182 d84b3e3d ab5353f9 30c27b43 4161a2a3 6a395131"
	ch := &doc.Entry{ID: "c", Kind: doc.KindChapter, Title: []doc.Inline{txt("Files")}, Blocks: []doc.Block{
		para(&doc.Code{Text: "manifest.yaml"}, &doc.Break{}, &doc.Code{Text: digest}),
		para(txt("Words, then the code "), &doc.Code{Text: digest}),
	}}
	b := &doc.Book{Meta: doc.Meta{Title: "Ragged", Language: "en"}, Entries: []*doc.Entry{ch}}
	o := options(func(o *Options) { o.Front = FrontMatter{} })
	d, infos := traced(t, b, fixedMetrics{}, o)
	g, _ := newGeom(o, 0)
	var ends []float64 // where each first line of the digest ends, from the text block's left
	for pi, p := range d.Pages {
		if infos[pi].entry != ch {
			continue
		}
		x0 := g.left(p.Recto)
		byLine := map[float64]float64{}
		var order []float64
		for _, it := range p.Items {
			if tx, ok := it.(*Text); ok && strings.ContainsAny(tx.Text, "0123456789") && tx.Y > g.top+3*g.lead {
				if _, ok := byLine[tx.Y]; !ok {
					order = append(order, tx.Y)
				}
				byLine[tx.Y] = math.Max(byLine[tx.Y], tx.X+runWidth(tx)-x0)
			}
		}
		slices.Sort(order)
		for _, y := range order {
			ends = append(ends, byLine[y])
		}
	}
	if len(ends) < 4 {
		t.Fatalf("lines of code end at %v", ends)
	}
	// the code-only paragraph's digest line before its last; the mixed one's first
	if ends[0] > g.textW-1 {
		t.Errorf("the code-only paragraph's line is spread to the measure (ends at %.1f of %.1f)", ends[0], g.textW)
	}
	if math.Abs(ends[2]-g.textW) > 0.5 {
		t.Errorf("the paragraph with words is not justified (its first line ends at %.1f of %.1f)", ends[2], g.textW)
	}
}

// runWidth is how wide a run is set in fixedMetrics.
func runWidth(tx *Text) float64 {
	w := 0.0
	for _, r := range tx.Text {
		w += fixedMetrics{}.Advance(tx.Face, r) * tx.Size
	}
	for _, k := range tx.Kerns {
		w += k.Dx
	}
	return w
}
