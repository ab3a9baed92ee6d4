package layout

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// The index is set in two columns, a little smaller than the text: a
// letter heading each group; each entry is its term, then the pages of its
// occurrences (consecutive pages merged into a range, each page a link to
// the first occurrence on it), then its cross-references. Sub-entries are
// indented an em; the lines of an entry after its first hang two ems in.

// columnGap is the space between the index's columns, in ems of the
// body size.
const columnGap = 1.5

// columnWidth is the width of one of two columns.
func (e *engine) columnWidth() float64 {
	return (e.g.textW - columnGap*e.size) / 2
}

func (g *galley) index(ix *doc.Index, c bctx) {
	e := g.e
	size := c.size * 0.9
	cc := bctx{width: e.columnWidth(), size: size, lead: size * e.o.Leading}
	for gi, grp := range ix.Groups {
		if grp == nil || len(grp.Entries) == 0 {
			continue
		}
		if grp.Label != "" {
			if gi > 0 {
				g.colSpace(cc.lead)
			}
			st := e.baseStyle(size * 1.1)
			st.face.Style = fonts.Bold
			lines := e.setPara(e.textSegs(grp.Label, st), cc.width, 0, alignLeft)
			start := len(g.elems)
			g.addLines(lines, cc, nil, cc.lead*1.1, st.size)
			for i := start; i < len(g.elems); i++ {
				g.elems[i].keep = true
				g.elems[i].col = true
			}
		} else if gi > 0 {
			g.colSpace(cc.lead)
		}
		g.indexEntries(grp.Entries, cc, 0)
	}
}

// colSpace adds space in the columns.
func (g *galley) colSpace(h float64) {
	g.add(elem{h: h, space: true, col: true})
}

func (g *galley) indexEntries(es []*doc.IndexEntry, c bctx, depth int) {
	e := g.e
	indent := float64(depth) * c.size
	hang := 2 * c.size
	st := e.baseStyle(c.size)
	for _, ie := range es {
		if ie == nil {
			continue
		}
		if ie.ID != "" {
			g.pendAnchors = append(g.pendAnchors, ie.ID)
		}
		f := flattener{e: e, inNote: true}
		f.inlines(ie.Term, st)
		g.locators(&f, ie.Locators, st)
		refs, word := ie.See, e.words.See
		if len(refs) == 0 {
			refs, word = ie.SeeAlso, e.words.SeeAlso
		}
		if len(refs) > 0 {
			f.text(". ", st)
			it := st
			it.face.Style = fonts.Italic
			f.text(upperFirst(word)+" ", it)
			for i, r := range refs {
				if i > 0 {
					f.text("; ", st)
				}
				rs := st
				if r.ID != "" {
					rs.link = &linkTarget{anchor: r.ID}
				}
				f.inlines(r.Term, rs)
			}
		}
		ec := c
		ec.left = c.left + indent + hang
		ec.width = c.width - indent - hang
		lines := e.setPara(f.out, ec.width, -hang, alignLeft)
		start := len(g.elems)
		g.addLines(lines, ec, nil, c.lead, c.size)
		for i := start; i < len(g.elems); i++ {
			g.elems[i].col = true
			g.elems[i].lines, g.elems[i].line = 0, 0
		}
		if n := len(g.elems) - start; n > 1 {
			// an entry's lines stay together when they are few
			for i := start; i < len(g.elems)-1 && n <= 3; i++ {
				g.elems[i].keep = true
			}
		}
		if len(ie.Sub) > 0 && len(g.elems) > start {
			g.elems[len(g.elems)-1].keep = true // an entry with its first sub-entry
		}
		g.indexEntries(ie.Sub, c, depth+1)
	}
}

// locators adds ", 3, 12–14, vii" to an entry: the pages of its
// occurrences in book order, consecutive pages as a range.
func (g *galley) locators(f *flattener, ls []doc.IndexLocator, st style) {
	ps := g.e.pages
	if ps == nil || len(ls) == 0 {
		return
	}
	first := map[int]string{} // page → the first occurrence's anchor on it
	var pages []int
	for _, l := range ls {
		label, known := ps.label(l.Anchor)
		g.e.use.anchor(l.Anchor, label)
		if !known {
			continue
		}
		p := ps.pageOf[l.Anchor]
		if _, seen := first[p]; !seen {
			first[p] = l.Anchor
			pages = append(pages, p)
		}
	}
	sort.Ints(pages)
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && consecutive(ps.labels[pages[j]], ps.labels[pages[j+1]]) && pages[j+1] == pages[j]+1 {
			j++
		}
		f.text(", ", st)
		ls := st
		ls.link = &linkTarget{anchor: first[pages[i]]}
		f.text(ps.labels[pages[i]], ls)
		if j > i {
			f.text("–", st)
			le := st
			le.link = &linkTarget{anchor: first[pages[j]]}
			f.text(ps.labels[pages[j]], le)
		}
		i = j + 1
	}
}

// consecutive reports whether folio b follows folio a: both arabic or
// both roman, b one more.
func consecutive(a, b string) bool {
	if x, err := strconv.Atoi(a); err == nil {
		y, err := strconv.Atoi(b)
		return err == nil && y == x+1
	}
	x, y := fromRoman(a), fromRoman(b)
	return x > 0 && y == x+1
}

// fromRoman reads a lower-case roman numeral; 0 when s is none.
func fromRoman(s string) int {
	vals := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100, 'd': 500, 'm': 1000}
	n := 0
	for i := 0; i < len(s); i++ {
		v, ok := vals[s[i]]
		if !ok {
			return 0
		}
		if i+1 < len(s) && vals[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	if roman(n) != s {
		return 0
	}
	return n
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// flowColumns paginates a galley whose elems after its opening are set in
// two columns: each page's columns filled left then right, and the last
// page's balanced so they end near the same height.
func (p *pager) flowColumns(gl *galley, first pageKind, head string) {
	g := p.g
	elems := gl.elems
	i := 0
	kind := first
	gap := columnGap * p.e.size
	colW := p.e.columnWidth()
	for i < len(elems) {
		pg := p.newPage(kind, gl.entry, head)
		info := &p.info[len(p.info)-1]
		kind = pkBody
		x0 := g.left(pg.Recto)
		y := g.top
		// the opening, across both columns
		for i < len(elems) && !elems[i].col {
			el := &elems[i]
			if info.mark == nil && el.mark != nil {
				info.mark = el.mark
			}
			p.place(pg, el, x0, y)
			y += el.h
			i++
		}
		avail := g.top + g.textH - y
		// what is left, and whether it ends on this page
		rest := 0.0
		for k := i; k < len(elems); k++ {
			rest += elems[k].h
		}
		target := avail
		if rest <= 2*avail {
			target = math.Min(avail, rest/2+p.g.lead*0.5)
		}
		for col := 0; col < 2 && i < len(elems); col++ {
			x := x0 + float64(col)*(colW+gap)
			end := p.columnEnd(elems, i, avail, target)
			cy := y
			for k := i; k < end; k++ {
				el := &elems[k]
				if el.space && (k == i || k == end-1) {
					continue
				}
				if info.mark == nil && el.mark != nil {
					info.mark = el.mark
				}
				p.place(pg, el, x, cy)
				if p.trace {
					info.placed = append(info.placed, el)
				}
				cy += el.h
			}
			i = end
		}
	}
}

// columnEnd is where a column starting at elems[i] ends: after as many
// elems as fill target (or avail, when the rest goes on), ending at an
// elem the column may end after; at least one elem.
func (p *pager) columnEnd(elems []elem, i int, avail, target float64) int {
	for i < len(elems) && elems[i].space {
		i++
	}
	h, j, last := 0.0, i, -1
	for j < len(elems) && h+elems[j].h <= avail+1e-6 {
		h += elems[j].h
		j++
		if !elems[j-1].keep {
			last = j
		}
		if h >= target-1e-6 && last == j {
			break
		}
	}
	switch {
	case j >= len(elems):
		return len(elems)
	case last > i:
		return last
	case j > i:
		return j
	}
	return i + 1
}
