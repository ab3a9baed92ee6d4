package layout

import (
	"github.com/samizdat-press/samizdat/internal/doc"
)

// verseHang is how far, in ems, the continuation of a line of verse too
// long for the measure is set in from the line's start.
const verseHang = 2.0

// stanzaKept is the most lines a stanza may have and still be kept whole
// on one page; a longer one breaks between lines like a paragraph.
const stanzaKept = 12

// lineBlock sets a block of lines (verse, a song, an address) as verse is
// printed: each line of the source on a line of its own, flush left and
// ragged, without a first-line indent; a line too long for the measure
// wraps with its continuation hanging; an empty line leaves a line's
// space. A stanza (the lines between empty ones) is kept on one page when
// it is short, and a wrapped line never breaks across pages.
func (g *galley) lineBlock(p *doc.Paragraph, c bctx) {
	defer g.push(RoleParagraph)()
	st := g.textStyle(c)
	segs := g.e.segsOf(p.Content, st, g.inNote)
	if len(segs) == 0 {
		return
	}
	hang := min(verseHang*c.size, c.width/4)
	lc := c
	lc.left += hang
	lc.width -= hang
	// All lines go to addLines at once, so that each keeps its place in
	// the block's text for the page map.
	var lines []tline
	var starts []bool // whether lines[i] starts a line of the source
	part := 0
	for i := 0; i <= len(segs); i++ {
		if i < len(segs) && segs[i].kind != segBreak {
			continue
		}
		set := g.e.setPara(segs[part:i], lc.width, -hang, alignLeft)
		if len(set) == 0 {
			set = []tline{{off: -1}} // an empty line, between stanzas
		}
		for k := range set {
			starts = append(starts, k == 0)
		}
		lines = append(lines, set...)
		part = i + 1
	}
	g.space(c.lead * 0.5)
	first := len(g.elems)
	g.addLines(lines, lc, p, c.lead, c.size)
	els := g.elems[first:]
	if len(els) != len(lines) {
		return // addLines adds one elem a line; anything else is not ours to mark
	}
	empty := func(i int) bool { return !lines[i].hasText && len(lines[i].items) == 0 }
	for start := 0; start < len(els); {
		if empty(start) {
			els[start].keep = false
			start++
			continue
		}
		end := start
		for end < len(els) && !empty(end) {
			end++
		}
		for i := start; i < end-1; i++ {
			if end-start <= stanzaKept || !starts[i+1] {
				els[i].keep = true
			}
		}
		start = end
	}
	g.space(c.lead * 0.5)
}
