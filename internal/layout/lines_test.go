package layout

import (
	"math"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestLineBlock: a block of lines sets each line of the source on a line
// of its own, flush left at the measure's edge without a first-line
// indent, a leading no-break space indenting it; a line too long for the
// measure wraps with its continuation hanging; an empty line keeps its
// height; a short stanza is kept on one page, and each line's page-map
// offset points at its text.
func TestLineBlock(t *testing.T) {
	m := realFonts(t)
	e := testEngine(t, m, false)
	long := "A line of verse far too long for the narrow measure of this test, which it has to wrap"
	p := &doc.Paragraph{Lines: true, Content: []doc.Inline{
		txt("First line"), &doc.Break{},
		txt("\u00a0\u00a0\u00a0\u00a0Indented"), &doc.Break{},
		&doc.Break{},
		txt(long), &doc.Break{},
		txt("Last"),
	}}
	g := &galley{e: e, entry: &doc.Entry{}, attached: map[*doc.Note]bool{}}
	const left, width, size, lead = 10.0, 200.0, 10.0, 13.0
	g.blocks([]doc.Block{para(txt("Prose before it.")), p, para(txt("Prose after it."))}, bctx{left: left, width: width, size: size, lead: lead})

	type row struct {
		x, end float64
		text   string
		el     elem
	}
	var rows []row // a line's text is its words' runs, without spaces
	for _, el := range g.elems {
		if el.space {
			continue
		}
		r := row{x: math.Inf(1), el: el}
		for _, it := range el.items {
			if tx, ok := it.(*Text); ok {
				r.x = math.Min(r.x, tx.X)
				r.end = math.Max(r.end, tx.X+textWidth(m, tx))
				r.text += tx.Text
			}
		}
		rows = append(rows, r)
	}
	var texts []string
	for _, r := range rows {
		texts = append(texts, strings.ReplaceAll(r.text, "\u00a0", "_"))
	}
	t.Logf("lines: %q", texts)
	if len(rows) < 8 {
		t.Fatalf("%d lines, want the prose, 2 lines, an empty one, the long line wrapped, the last, the prose", len(rows))
	}
	verse := rows[1 : len(rows)-1]
	if got := letters(&Text{Text: verse[0].text}); got != "Firstline" || verse[0].x != left {
		t.Errorf("first line %q at %.2f, want %q flush at %.2f", got, verse[0].x, "Firstline", left)
	}
	nbsp := m.Advance(e.baseStyle(size).face, '\u00a0') * size
	if nbsp <= 0 {
		t.Fatalf("the serif face gives the no-break space no width")
	}
	if !strings.HasPrefix(verse[1].text, "\u00a0\u00a0\u00a0\u00a0Indented") || verse[1].x != left {
		t.Errorf("second line %q at %.2f, want four no-break spaces then the text, from %.2f", verse[1].text, verse[1].x, left)
	}
	if verse[2].text != "" || verse[2].el.h != lead || verse[2].el.keep {
		t.Errorf("third line %q, height %.1f, keep %v: want an empty line of %.1f between stanzas, where a page may break", verse[2].text, verse[2].el.h, verse[2].el.keep, lead)
	}
	wrapped := verse[3 : len(verse)-1]
	if len(wrapped) < 2 {
		t.Fatalf("the long line took %d lines, want it wrapped", len(wrapped))
	}
	for i, r := range wrapped {
		want := left
		if i > 0 {
			want = left + verseHang*size
		}
		if math.Abs(r.x-want) > 0.01 {
			t.Errorf("long line, part %d %q at %.2f, want %.2f", i+1, r.text, r.x, want)
		}
		if r.end > left+width+0.01 {
			t.Errorf("long line, part %d %q ends at %.2f, past the measure (%.2f)", i+1, r.text, r.end, left+width)
		}
		if !r.el.keep {
			t.Errorf("long line, part %d %q may end a page: its stanza is short", i+1, r.text)
		}
	}
	last := verse[len(verse)-1]
	if last.text != "Last" || last.x != left {
		t.Errorf("last line %q at %.2f, want %q at %.2f", last.text, last.x, "Last", left)
	}
	if !verse[0].el.keep {
		t.Errorf("the first stanza may break after its first line")
	}
	if after := rows[len(rows)-1]; after.x != left {
		t.Errorf("the prose after the verse starts at %.2f, want %.2f, unindented", after.x, left)
	}
	plain := []rune(doc.PlainText(p.Content))
	for _, r := range verse {
		if r.text == "" {
			continue
		}
		at := strings.ReplaceAll(string(plain[r.el.mark.off:]), " ", "")
		if !strings.HasPrefix(at, letters(&Text{Text: r.text})) {
			t.Errorf("line %q has page-map offset %d, which gives %q", r.text, r.el.mark.off, at[:min(len(at), 20)])
		}
	}
}

// TestLongStanzaBreaks: a stanza longer than stanzaKept lines may break
// between its lines, but not after its first or before its last.
func TestLongStanzaBreaks(t *testing.T) {
	e := testEngine(t, fixedMetrics{}, false)
	p := &doc.Paragraph{Lines: true}
	const n = stanzaKept + 8
	for i := 0; i < n; i++ {
		if i > 0 {
			p.Content = append(p.Content, &doc.Break{})
		}
		p.Content = append(p.Content, txt("a short line"))
	}
	g := &galley{e: e, entry: &doc.Entry{}, attached: map[*doc.Note]bool{}}
	g.blocks([]doc.Block{p}, bctx{width: 200, size: 10, lead: 13})
	var keep []bool
	for _, el := range g.elems {
		if !el.space {
			keep = append(keep, el.keep)
		}
	}
	if len(keep) != n {
		t.Fatalf("%d lines, want %d", len(keep), n)
	}
	if !keep[0] || !keep[n-2] {
		t.Errorf("keep %v: the first line and the one before the last must hold to the next", keep)
	}
	free := 0
	for _, k := range keep[1 : n-2] {
		if !k {
			free++
		}
	}
	if free != n-3 {
		t.Errorf("keep %v: want a page free to break after each of the lines between", keep)
	}
}
