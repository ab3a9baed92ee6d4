package layout

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/hyphen"
	"github.com/samizdat-press/samizdat/internal/layout/layouttest"
)

// traced lays a book out keeping which elems went on which page.
func traced(t testing.TB, b *doc.Book, m Metrics, opts Options) (*Document, []pageInfo) {
	t.Helper()
	o := opts
	if err := o.Check(); err != nil {
		t.Fatal(err)
	}
	var hy *hyphen.Patterns
	var err error
	if o.Hyphenate {
		hy, err = hyphen.Embedded().Load("en-US")
		if err != nil {
			t.Fatal(err)
		}
	}
	d, infos, err := layoutOnce(b, m, o, o.Gutter, hy, true)
	if err != nil {
		t.Fatal(err)
	}
	return d, infos
}

// testOptions is a 6 x 9 in page with the margins, type and leading most
// tests start from, changing what they test.
func testOptions() Options {
	return Options{TrimWidth: 6 * inch, TrimHeight: 9 * inch, MarginTop: 0.75 * inch, MarginBottom: 0.8 * inch,
		MarginInner: 0.625 * inch, MarginOuter: 0.625 * inch, FontSize: 10.5, Leading: 1.3, LineNumberEvery: 5,
		Front: FullFront, ContentsDepth: 1}
}

// options is testOptions changed by set.
func options(set func(o *Options)) Options {
	o := testOptions()
	set(&o)
	return o
}

// bookOpts number lines, so the outer margin is wide enough to hold them.
func bookOpts() Options {
	return options(func(o *Options) {
		o.Hyphenate, o.Language, o.RectoChapters, o.LineNumbers, o.URLFootnotes = true, "en", true, true, true
		o.MarginOuter = 0.75 * inch
	})
}

// letters is t's text with ligatures spelled out, as a reader copies it.
func letters(t *Text) string {
	return expandLigatures(t.Text)
}

func expandLigatures(s string) string {
	var b strings.Builder
	for _, r := range s {
		if l := fonts.LigatureLetters(r); l != "" {
			b.WriteString(l)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// textWidth is the drawn width of t: its advances and its kerns.
func textWidth(m Metrics, t *Text) float64 {
	w := 0.0
	for _, r := range t.Text {
		w += m.Advance(t.Face, r)
	}
	w *= t.Size
	for _, k := range t.Kerns {
		w += k.Dx
	}
	return w
}

// checkBook asserts the properties every laid-out book must have.
func checkBook(t *testing.T, b *doc.Book, m Metrics, opts Options) *Document {
	t.Helper()
	d, infos := traced(t, b, m, opts)
	g, _ := newGeom(opts, opts.Gutter)
	anchorPage := anchorPages(d)
	problems := 0
	fail := func(format string, args ...any) {
		problems++
		if problems <= 30 {
			t.Errorf(format, args...)
		}
	}

	// Every footnote starts on the page of its (first) reference.
	if !opts.Endnotes {
		for _, en := range b.Chapters() {
			for _, n := range en.Notes {
				rp, ok1 := anchorPage[n.RefID(0)]
				np, ok2 := anchorPage[n.ID]
				if !ok1 || !ok2 {
					fail("note %s: reference or note not placed (%v %v)", n.ID, ok1, ok2)
					continue
				}
				if rp != np {
					fail("note %s starts on page %s, its reference is on page %s", n.ID, d.Pages[np].Label, d.Pages[rp].Label)
				}
			}
		}
	}

	// Nothing outside the safe area; text inside the block stays inside it.
	safe := Rect{X: g.Trim.X + safeEdge, Y: g.Trim.Y + safeEdge, W: g.Trim.W - 2*safeEdge, H: g.Trim.H - 2*safeEdge}
	inSafe := func(x0, y0, x1, y1 float64) bool {
		const eps = 0.01
		return x0 >= safe.X-eps && x1 <= safe.X+safe.W+eps && y0 >= safe.Y-eps && y1 <= safe.Y+safe.H+eps
	}
	for pi, p := range d.Pages {
		left := g.left(p.Recto)
		right := left + g.textW
		// Body text ends above the footnote rule, notes begin below it.
		ruleY := -1.0
		for _, it := range p.Items {
			if r, ok := it.(*Rule); ok && r.Width == 0.5 && r.Y1 == r.Y2 && r.X1 == left {
				ruleY = r.Y1
			}
		}
		if ruleY >= 0 {
			above, below := false, false
			for _, it := range p.Items {
				tx, ok := it.(*Text)
				if !ok || tx.Y < g.top || tx.Y > g.bottom() {
					continue
				}
				if tx.Y < ruleY {
					above = true
					if tx.Y+0.25*tx.Size > ruleY {
						fail("page %s: text %q runs into the footnote rule", p.Label, tx.Text)
					}
				} else {
					below = true
					if tx.Y-0.75*tx.Size < ruleY {
						fail("page %s: note text %q runs into the footnote rule", p.Label, tx.Text)
					}
				}
			}
			_ = above
			if !below {
				fail("page %s: footnote rule without notes", p.Label)
			}
		}
		for _, it := range p.Items {
			if tx, ok := it.(*Text); ok && tx.Y > g.top && tx.Y < g.bottom()+0.5*g.lead && tx.Y+0.2*tx.Size > g.bottom()+0.01 {
				fail("page %s: text %q runs below the block", p.Label, tx.Text)
			}
		}
		for _, it := range p.Items {
			switch it := it.(type) {
			case *Text:
				w := textWidth(m, it)
				if !inSafe(it.X, it.Y-it.Size, it.X+w, it.Y+0.3*it.Size) {
					fail("page %s: text %q at %.1f,%.1f leaves the safe area", p.Label, it.Text, it.X, it.Y)
				}
				inBlock := it.Y > g.top && it.Y < g.bottom()
				lineNumber := it.Gray > 0.4 && it.Gray < 0.5
				if inBlock && !lineNumber && (it.X < left-0.01 || it.X+w > right+0.01) {
					fail("page %s (%d): text %q spans %.2f–%.2f, outside the block %.2f–%.2f", p.Label, pi, it.Text, it.X, it.X+w, left, right)
				}
				// as high as capitals, or as high as the font draws the
				// letters when it tells (a script's figure is lower):
				// looking the glyphs up only then keeps the check fast
				if inBlock && it.Y-0.75*it.Size < g.top-0.01 && it.Y-inkAbove(m, it)*it.Size < g.top-0.01 {
					fail("page %s: text %q rises above the block", p.Label, it.Text)
				}
			case *Rule:
				if !inSafe(math.Min(it.X1, it.X2), math.Min(it.Y1, it.Y2), math.Max(it.X1, it.X2), math.Max(it.Y1, it.Y2)) {
					fail("page %s: rule leaves the safe area", p.Label)
				}
				if math.Max(it.X1, it.X2) > right+0.01 || math.Min(it.X1, it.X2) < left-0.01 {
					fail("page %s: rule wider than the block", p.Label)
				}
			case *Box:
				if !inSafe(it.X, it.Y, it.X+it.W, it.Y+it.H) || it.X+it.W > right+0.01 || it.Y+it.H > g.bottom()+0.01 {
					fail("page %s: box %v leaves the block", p.Label, it.Rect)
				}
			case *Picture:
				if it.X < left-0.01 || it.X+it.W > right+0.01 || it.Y < g.top-0.01 || it.Y+it.H > g.bottom()+0.01 {
					fail("page %s: picture %v leaves the block", p.Label, it.Rect)
				}
			case *Link:
				if !inSafe(it.X, it.Y, it.X+it.W, it.Y+it.H) {
					fail("page %s: link %v leaves the safe area", p.Label, it.Rect)
				}
			}
		}
	}

	checkNoteSplits(t, d, infos, opts)

	// No orphans, no widows, no heading at the foot of a page.
	for pi, inf := range infos {
		var text []*elem
		for _, el := range inf.placed {
			if !el.space {
				text = append(text, el)
			}
		}
		if len(text) == 0 {
			continue
		}
		first, last := text[0], text[len(text)-1]
		if first.lines >= 2 && first.line == first.lines-1 {
			fail("page %s: widow (last line of a paragraph alone at the top)", d.Pages[pi].Label)
		}
		if pi+1 < len(infos) && infos[pi+1].entry == inf.entry && len(infos[pi+1].placed) > 0 {
			if last.lines >= 2 && last.line == 0 {
				fail("page %s: orphan (first line of a paragraph alone at the foot)", d.Pages[pi].Label)
			}
			if last.heading {
				fail("page %s: heading at the foot of the page", d.Pages[pi].Label)
			}
		}
	}

	checkHyphens(fail, d, infos)
	checkFlushBottoms(fail, d, infos, opts)

	// Blank pages are blank; openings and parts carry no running head.
	for pi, inf := range infos {
		p := d.Pages[pi]
		switch inf.kind {
		case pkBlank:
			if len(p.Items) > 0 {
				fail("blank page %s has %d items", p.Label, len(p.Items))
			}
		case pkOpening, pkPart, pkPlain:
			for _, it := range p.Items {
				if tx, ok := it.(*Text); ok && tx.Y < g.top {
					fail("page %s (kind %d) has a running head %q", p.Label, inf.kind, tx.Text)
				}
			}
		case pkBody:
			head := false
			for _, it := range p.Items {
				if tx, ok := it.(*Text); ok && tx.Y < g.top && tx.Text == p.Label {
					head = true
				}
			}
			if !head {
				fail("page %s has no folio in its head", p.Label)
			}
		}
	}

	// Labels: roman front matter, then arabic from 1 on a recto.
	body := -1
	for i, p := range d.Pages {
		if p.Label == "1" {
			body = i
			break
		}
		if p.Label != roman(i+1) {
			fail("page %d label %q, want %q", i, p.Label, roman(i+1))
		}
	}
	if body < 0 || (opts.Front.BlankPages && (body%2 != 0 || !d.Pages[body].Recto)) {
		t.Fatalf("body does not start on a recto labelled 1 (index %d)", body)
	}
	for i := body; i < len(d.Pages); i++ {
		if want := fmt.Sprint(i - body + 1); d.Pages[i].Label != want {
			fail("page %d label %q, want %q", i, d.Pages[i].Label, want)
		}
		if d.Pages[i].Recto != (i%2 == 0) {
			fail("page %s recto=%v", d.Pages[i].Label, d.Pages[i].Recto)
		}
	}

	// Entries open on rectos, and the contents gives their pages.
	contents := map[string]string{}
	for _, p := range d.Pages[:body] {
		for _, it := range p.Items {
			l, ok := it.(*Link)
			if !ok || l.Anchor == "" {
				continue
			}
			// the folio is the rightmost text on the link's last line
			best := ""
			bx := -1.0
			for _, it2 := range p.Items {
				if tx, ok := it2.(*Text); ok && tx.Y > l.Y && tx.Y < l.Y+l.H && tx.X > bx {
					best, bx = tx.Text, tx.X
				}
			}
			contents[l.Anchor] = best
		}
	}
	for _, en := range b.Chapters() {
		pi, ok := anchorPage[en.ID]
		if !ok {
			fail("entry %s has no anchor", en.ID)
			continue
		}
		if opts.RectoChapters && !d.Pages[pi].Recto {
			fail("entry %s opens on verso %s", en.ID, d.Pages[pi].Label)
		}
		if got := contents[en.ID]; opts.Front.Contents && got != d.Pages[pi].Label {
			fail("contents gives %q for %s, which starts on %s", got, en.ID, d.Pages[pi].Label)
		}
	}
	// Every internal link points at an anchor that exists.
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if l, ok := it.(*Link); ok && l.Anchor != "" {
				if _, ok := anchorPage[l.Anchor]; !ok {
					fail("page %s: link to missing anchor %q", p.Label, l.Anchor)
				}
			}
		}
	}
	// The page map has every body page, in order, with offsets inside the
	// block's text.
	pm := map[string]doc.PageBreak{}
	for _, br := range d.PageMap.Breaks {
		pm[br.Label] = br
		if br.Block != nil {
			if n := len([]rune(doc.BlockText(br.Block))); br.Offset < 0 || (br.Offset > 0 && br.Offset >= n) {
				fail("page map %s: offset %d outside block text of %d runes", br.Label, br.Offset, n)
			}
		}
	}
	for i := body; i < len(d.Pages); i++ {
		if infos[i].kind == pkBlank {
			continue
		}
		if _, ok := pm[d.Pages[i].Label]; !ok {
			fail("page map lacks body page %s", d.Pages[i].Label)
		}
	}
	if problems > 30 {
		t.Errorf("… %d problems in all", problems)
	}
	return d
}

func TestGeneratedBookRealFonts(t *testing.T) {
	b := layouttest.Book(12, 1)
	d := checkBook(t, b, realFonts(t), bookOpts())
	t.Logf("%d pages, %d warnings", len(d.Pages), len(d.Warnings))
}

func TestGeneratedBookFixedMetrics(t *testing.T) {
	b := layouttest.Book(6, 2)
	checkBook(t, b, fixedMetrics{}, options(func(o *Options) { o.Hyphenate, o.RectoChapters = true, true }))
}

func TestGeneratedBookEndnotesNarrow(t *testing.T) {
	b := layouttest.Book(4, 3)
	o := options(func(o *Options) {
		o.TrimWidth, o.TrimHeight, o.MarginInner, o.MarginOuter, o.FontSize = 4*72, 6*72, 30, 30, 11
		o.Endnotes, o.URLFootnotes = true, true
	})
	checkBook(t, b, realFonts(t), o)
}

func TestGeneratedBookBleedCrop(t *testing.T) {
	b := layouttest.Book(3, 4)
	o := bookOpts()
	o.Bleed, o.CropMarks, o.TrimWidth, o.TrimHeight = 9, true, 5.5*72, 8.5*72
	d := checkBook(t, b, realFonts(t), o)
	g := d.Geometry
	if g.Trim.X != 9+markRoom || g.MediaWidth != 5.5*72+2*(9+markRoom) || g.Bleed.W != 5.5*72+18 {
		t.Errorf("geometry %+v", g)
	}
}

func TestLayoutWarnings(t *testing.T) {
	b := layouttest.Book(3, 5)
	d, err := Layout(b, fixedMetrics{}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	var placeholders []diag.Diagnostic
	for _, w := range d.Warnings {
		if w.Code == "image.unprintable" {
			placeholders = append(placeholders, w)
		}
	}
	if len(placeholders) == 0 || !strings.HasSuffix(placeholders[0].Message, "printed a frame with its description instead") {
		t.Errorf("no placeholder warning in %q", d.Warnings)
	}
	// The Cyrillic words exist in the test metrics, CJK does not: one
	// warning for the script in each chapter, where it first occurs.
	ch := b.Entries[1].Children[0]
	other := b.Entries[1].Children[1]
	at := doc.Pos{File: ch.File, Line: 77}
	ch.Blocks = append(ch.Blocks, &doc.Paragraph{BlockBase: doc.BlockBase{Pos: at}, Content: []doc.Inline{&doc.Text{Text: "中文 中文 中 字書龍書典"}}})
	ch.Blocks = append(ch.Blocks, &doc.Paragraph{BlockBase: doc.BlockBase{Pos: doc.Pos{File: ch.File, Line: 80}}, Content: []doc.Inline{&doc.Text{Text: "中"}}})
	other.Blocks = append(other.Blocks, &doc.Paragraph{BlockBase: doc.BlockBase{Pos: doc.Pos{File: other.File, Line: 5}}, Content: []doc.Inline{&doc.Text{Text: "日本"}}})
	d, err = Layout(b, fixedMetrics{}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	var glyphs []string
	for _, w := range d.Warnings {
		if w.Code == "glyph.missing" {
			glyphs = append(glyphs, w.Error())
		}
	}
	want := []string{
		ch.File + `:77: no font has the Han characters 中 (U+4E2D), 文 (U+6587), 字 (U+5B57), 書 (U+66F8), 龍 (U+9F8D) and 1 more; they print as blank boxes`,
		other.File + `:5: no font has the Han characters 日 (U+65E5), 本 (U+672C); they print as blank boxes`,
	}
	if !slices.Equal(glyphs, want) {
		t.Errorf("glyph warnings:\n got %q\nwant %q (one per script and chapter, where it first occurs)", glyphs, want)
	}
}

// TestGeneratedBookVariants runs the properties over several seeds, trims
// and note placements.
func TestGeneratedBookVariants(t *testing.T) {
	for seed := uint64(10); seed < 20; seed++ {
		b := layouttest.Book(5, seed)
		o := bookOpts()
		if seed%2 == 0 {
			o.TrimWidth, o.TrimHeight = 5*72, 7*72
			o.FontSize = 11
		}
		if seed%3 == 0 {
			o.Endnotes = true
		}
		t.Run(fmt.Sprint(seed), func(t *testing.T) { checkBook(t, b, realFonts(t), o) })
	}
}

// checkHyphens: no more than maxHyphenRun lines in a row end in a hyphen,
// and no recto ends in one (the word would be split by a page turn).
func checkHyphens(fail func(string, ...any), d *Document, infos []pageInfo) {
	run := 0
	var prev *elem
	for pi, inf := range infos {
		var last *elem
		for _, el := range inf.placed {
			if el.space || el.lines == 0 {
				continue
			}
			if prev == nil || el.line != prev.line+1 || el.lines != prev.lines {
				run = 0
			}
			if el.hyphen {
				if run++; run > maxHyphenRun {
					fail("page %s: %d hyphenated lines in a row", d.Pages[pi].Label, run)
				}
			} else {
				run = 0
			}
			prev, last = el, el
		}
		if last != nil && last.hyphen && d.Pages[pi].Recto && pi+1 < len(infos) && infos[pi+1].entry == inf.entry {
			fail("page %s: a recto ends in a hyphen", d.Pages[pi].Label)
		}
	}
}

// checkFlushBottoms: every page of an entry but its last ends on the same
// baseline, the text block's last, or, when it ends in a picture, a code
// block or a table, with that at the block's foot.
func checkFlushBottoms(fail func(string, ...any), d *Document, infos []pageInfo, o Options) {
	g, _ := newGeom(o, o.Gutter)
	want := g.top + g.textH - g.lead + baseline(o.FontSize, g.lead)
	for pi, inf := range infos[:len(infos)-1] {
		if inf.kind != pkBody && inf.kind != pkOpening || infos[pi+1].entry != inf.entry || infos[pi+1].kind == pkBlank {
			continue
		}
		lowText, lowOther := 0.0, 0.0
		var texts []*Text
		for _, it := range d.Pages[pi].Items {
			if tx, ok := it.(*Text); ok && tx.Y > g.top && tx.Y < g.bottom()+0.5*g.lead {
				texts = append(texts, tx)
			}
		}
		// A sub- or superscript sits off the baseline of larger text.
		offBaseline := func(t *Text) bool {
			for _, u := range texts {
				if u.Size > 1.1*t.Size && u.Y != t.Y && math.Abs(u.Y-t.Y) < 0.5*u.Size {
					return true
				}
			}
			return false
		}
		for _, tx := range texts {
			if tx.Y > lowText && !offBaseline(tx) {
				lowText = tx.Y
			}
		}
		for _, it := range d.Pages[pi].Items {
			switch it := it.(type) {
			case *Box:
				lowOther = math.Max(lowOther, it.Y+it.H)
			case *Picture:
				lowOther = math.Max(lowOther, it.Y+it.H)
			case *Rule:
				if it.Y1 > g.top && it.Y1 < g.bottom()+0.5*g.lead {
					lowOther = math.Max(lowOther, math.Max(it.Y1, it.Y2))
				}
			}
		}
		// A formula reaching further below its baseline than the last
		// line has room for ends the page with its ink on the block's
		// foot (TestDisplayAtFoot measures it): its lowest letters stand
		// above the last baseline, by less than a line.
		deep := false
		for i := len(inf.placed) - 1; i >= 0; i-- {
			if el := inf.placed[i]; !el.space {
				deep = el.depth > g.bottom()-want
				break
			}
		}
		switch {
		case math.Abs(lowText-want) < 0.05:
		case lowOther > lowText && lowOther > g.bottom()-g.lead && lowOther < g.bottom()+0.05:
		case deep && lowText < want+0.05 && lowText > want-g.lead:
		default:
			fail("page %s ends at %.2f, not on the last baseline %.2f", d.Pages[pi].Label, lowText, want)
		}
	}
}

// inkAbove is how far t's letters reach above its baseline, in ems: as
// the font draws them when the metrics tell, else as capitals do.
func inkAbove(m Metrics, t *Text) float64 {
	bm, ok := m.(BoundsMetrics)
	if !ok {
		return 0.75
	}
	top := 0.0
	for _, r := range t.Text {
		h, _, ok := bm.Bounds(t.Face, r)
		if !ok {
			return 0.75
		}
		top = math.Max(top, h)
	}
	return top
}

// anchorPages maps each anchor's name to the page (0-based) it first
// stands on.
func anchorPages(d *Document) map[string]int {
	pages := map[string]int{}
	for pi, p := range d.Pages {
		for _, a := range p.Anchors {
			if _, dup := pages[a.Name]; !dup {
				pages[a.Name] = pi
			}
		}
	}
	return pages
}
