package layout

import (
	"fmt"
	"math"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// unboundedWidth is the measure segs are set in to learn their natural
// width.
const unboundedWidth = math.MaxFloat64 / 4

// measureSegs gives the width of segs on one line, of their widest
// unbreakable word and of their widest picture set apart (pic), which
// shrinks to its column as a word cannot.
func (e *engine) measureSegs(segs []seg) (natural, widest, pic float64) {
	// measured in their own directions, as they will be set
	e.prepareBidi(segs)
	e.buildNodes(segs, 0, unboundedWidth, false, false)
	cur := 0.0
	for _, nd := range e.nodes {
		switch {
		case nd.kind == nBox && e.boxes[nd.box].pic != nil && e.boxes[nd.box].pic.apart:
			pic = math.Max(pic, nd.w)
		case nd.kind == nBox:
			cur += nd.w
		default:
			widest = math.Max(widest, cur)
			cur = 0
		}
	}
	widest = math.Max(widest, cur)
	return e.sw[len(e.nodes)], widest, pic
}

// minTableColumn is the narrowest a table's column is set, in ems of its
// type, however short its words.
const minTableColumn = 1.5

// table sets a table. One whose columns cannot all be as wide as their
// widest word (or minTableColumn ems) is printed in parts, one below the
// other, each with as many columns as fit and repeating the first (the
// rows' labels, as a rule), with a warning: narrower, its words would run
// into each other.
func (g *galley) table(t *doc.Table, c bctx) {
	ncol := tableColumns(t)
	size := c.size * 0.9
	pad := 0.4 * size
	need := g.columnWidths(t, c, size)
	total := 0.0
	for _, w := range need {
		total += w + 2*pad
	}
	if total <= c.width || ncol < 3 {
		g.tableFitted(t, c, t, false)
		return
	}
	first := need[0] + 2*pad
	var parts [][]int
	for ci := 1; ci < ncol; {
		cols, w := []int{0}, first
		for ci < ncol && (len(cols) == 1 || w+need[ci]+2*pad <= c.width) {
			cols = append(cols, ci)
			w += need[ci] + 2*pad
			ci++
		}
		parts = append(parts, cols)
	}
	g.warn(t.Position(), "table.too-wide", fmt.Sprintf("table of %d columns is too wide for the page; it is printed in %d parts, each repeating the first column", ncol, len(parts)))
	pick := func(cells []*doc.TableCell, cols []int) []*doc.TableCell {
		out := make([]*doc.TableCell, len(cols))
		for i, ci := range cols {
			if ci < len(cells) {
				out[i] = cells[ci]
			}
		}
		return out
	}
	for p, cols := range parts {
		part := &doc.Table{BlockBase: t.BlockBase}
		for _, ci := range cols {
			a := doc.AlignLeft
			if ci < len(t.Align) {
				a = t.Align[ci]
			}
			part.Align = append(part.Align, a)
		}
		if len(t.Header) > 0 {
			part.Header = pick(t.Header, cols)
		}
		for _, r := range t.Rows {
			part.Rows = append(part.Rows, pick(r, cols))
		}
		g.tableFitted(part, c, t, p > 0)
	}
}

// columnWidths is the least width each column of t needs to be legible:
// its widest word (no more than half the measure), at least
// minTableColumn ems. A picture set apart needs no more than the
// column's even share of the measure: it shrinks to fit.
func (g *galley) columnWidths(t *doc.Table, c bctx, size float64) []float64 {
	e := g.e
	st := e.baseStyle(size)
	hst := st
	hst.face.Style = fonts.Bold
	need := make([]float64, tableColumns(t))
	measure := func(cells []*doc.TableCell, s style) {
		for ci, cell := range cells {
			if cell == nil || ci >= len(need) {
				continue
			}
			if segs := cellSegs(e.segsOf(cell.Content, s, g.inNote)); len(segs) > 0 {
				_, w, pic := e.measureSegs(segs)
				need[ci] = math.Max(need[ci], math.Max(w, math.Min(pic, c.width/float64(len(need)))))
			}
		}
	}
	measure(t.Header, hst)
	for _, r := range t.Rows {
		measure(r, st)
	}
	for i := range need {
		need[i] = math.Min(math.Max(need[i], minTableColumn*size), c.width/2)
	}
	return need
}

// tableColumns is the number of columns of t.
func tableColumns(t *doc.Table) int {
	ncol := max(len(t.Align), len(t.Header))
	for _, r := range t.Rows {
		ncol = max(ncol, len(r))
	}
	return ncol
}

// tableFitted sets a table to fit the measure: columns get their natural
// width when all fit, otherwise at least their widest word and a share of
// the rest in proportion to how much more they want. Rows become one elem
// per text line; the head repeats on every page the table continues onto.
// Its lines mark the page of block, the table of the book it shows (all
// or part of); repeated says its first column was printed before, so its
// note references and anchors are not placed again.
func (g *galley) tableFitted(t *doc.Table, c bctx, block doc.Block, repeated bool) {
	e := g.e
	ncol := tableColumns(t)
	if ncol == 0 {
		return
	}
	defer g.push(RoleTable)()
	table := g.cur
	size := c.size * 0.9
	lead := size * 1.3
	pad := 0.4 * size
	st := e.baseStyle(size)
	hst := st
	hst.face.Style = fonts.Bold
	rows := make([][]*doc.TableCell, 0, len(t.Rows)+1)
	if len(t.Header) > 0 {
		rows = append(rows, t.Header)
	}
	rows = append(rows, t.Rows...)
	segs := make([][][]seg, len(rows))
	nat := make([]float64, ncol)
	pics := make([]float64, ncol) // each column's widest picture set apart
	minw := make([]float64, ncol)
	for ri, row := range rows {
		segs[ri] = make([][]seg, ncol)
		for ci := 0; ci < ncol && ci < len(row); ci++ {
			if row[ci] == nil {
				continue
			}
			s := st
			if ri == 0 && len(t.Header) > 0 || row[ci].Header {
				s = hst
			}
			segs[ri][ci] = cellSegs(e.segsOf(row[ci].Content, s, g.inNote))
			if len(segs[ri][ci]) == 0 {
				continue
			}
			// A picture set apart asks for its width as a word does;
			// like a long word, it gets no more than a fair share.
			n, w, pic := e.measureSegs(segs[ri][ci])
			nat[ci] = math.Max(nat[ci], n)
			minw[ci] = math.Max(minw[ci], math.Max(w, pic))
			pics[ci] = math.Max(pics[ci], pic)
		}
	}
	avail := c.width - float64(ncol)*2*pad
	widths := make([]float64, ncol)
	var sumNat, sumMin, sumGrow float64
	// A picture set apart claims no more than a fair share of the measure
	// while the columns are shared out, as a long word does, so that the
	// words beside it are not squeezed; it grows toward its own width
	// (grow) into what room is left after.
	fair := math.Max(avail/float64(ncol), 0.3*avail)
	grow := make([]float64, ncol)
	for i := range nat {
		grow[i] = math.Max(0, pics[i]-fair)
		nat[i] -= grow[i]
		sumGrow += grow[i]
		nat[i] = math.Max(nat[i], size)
		// one long unbreakable word may not starve the other columns
		minw[i] = math.Min(minw[i], math.Max(avail/float64(ncol), 0.3*avail))
		minw[i] = math.Min(math.Max(minw[i], size), nat[i])
		sumNat += nat[i]
		sumMin += minw[i]
	}
	switch {
	case len(t.Widths) == ncol && sumMin <= avail:
		widths = givenWidths(t.Widths, minw, avail)
	case sumNat <= avail:
		if sumGrow > 0 {
			room := math.Min(sumGrow, avail-sumNat)
			for i := range nat {
				nat[i] += room * grow[i] / sumGrow
			}
			sumNat += room
		}
		extra := 0.0
		if sumNat > 0.6*avail {
			extra = avail - sumNat
		}
		for i := range widths {
			widths[i] = nat[i] + extra*nat[i]/sumNat
		}
	case sumMin <= avail:
		want := sumNat - sumMin
		for i := range widths {
			widths[i] = minw[i] + (avail-sumMin)*(nat[i]-minw[i])/want
		}
	default:
		for i := range widths {
			widths[i] = avail * minw[i] / sumMin
		}
	}
	total := 0.0
	for _, w := range widths {
		total += w + 2*pad
	}
	// A table in a right-to-left language starts at the right: its first
	// column rightmost, the table against the right margin.
	rtl := e.paraLevel(e.lang) == 1
	left := c.left
	if rtl {
		left = c.left + c.width - total
	}
	colX := make([]float64, ncol) // where each column's cells begin
	for ci, x := 0, c.left; ci < ncol; ci++ {
		colX[ci] = x
		x += widths[ci] + 2*pad
		if rtl {
			colX[ci] = left + total - (x - c.left)
		}
	}
	ruleElem := func(heavy bool) elem {
		w := 0.4
		if heavy {
			w = 0.8
		}
		h := lead * 0.4
		return elem{h: h, pad: h / 2, items: []Item{&Rule{X1: left, Y1: h / 2, X2: left + total, Y2: h / 2, Width: w}}}
	}
	g.space(c.lead * 0.5)
	if len(t.Caption) > 0 {
		// The caption is the table's title: above it, centred over it,
		// kept with its first rows.
		cst := e.baseStyle(c.size * 0.9)
		cst.face.Style = fonts.Italic
		cc := c
		cc.number = false
		capWidth := math.Min(c.width, math.Max(total, 8*c.size))
		if rtl {
			cc.left = c.left + c.width - capWidth
		}
		lines := e.setPara(e.segsOf(t.Caption, cst, g.inNote), capWidth, 0, alignCenter)
		start := len(g.elems)
		pop := g.push(RoleCaption)
		g.addLines(lines, cc, nil, cst.size*1.3, cst.size)
		pop()
		for i := start; i < len(g.elems); i++ {
			g.elems[i].keep = true
			g.elems[i].mark = &pmark{entry: g.entry, block: t}
		}
	}
	var header []elem
	start := len(g.elems)
	top := ruleElem(true)
	top.keep = true
	top.mark = &pmark{entry: g.entry, block: block}
	g.add(top)
	base := baseline(size, lead)
	// the cells' elements by row and column, a place a cell spans
	// holding that cell's; which have content; by the cells they are
	// of; and whether a heading cell spans places
	var grid [][]*Elem
	shows := map[*Elem]bool{}
	byCell := map[*doc.TableCell]*Elem{}
	spanned := false
	for ri := range rows {
		isHead := ri == 0 && len(t.Header) > 0
		cells := make([][]tline, ncol)
		nlines := 1
		for ci := 0; ci < ncol; ci++ {
			if len(segs[ri][ci]) == 0 {
				continue
			}
			mode := alignLeft
			if ci < len(t.Align) {
				switch t.Align[ci] {
				case doc.AlignCenter:
					mode = alignCenter
				case doc.AlignRight:
					mode = alignRight
				}
			}
			cells[ci] = e.setPara(segs[ri][ci], widths[ci], 0, mode)
			nlines = max(nlines, len(cells[ci]))
		}
		rowStart := len(g.elems)
		// the row's cells, each an element of the row, empty ones too,
		// so that a reader counts the columns right
		var row *Elem
		var cellElems []*Elem // the row's cells, by column
		if table != nil {
			row = table.add(RoleRow)
			cellElems = make([]*Elem, len(cells))
			for ci := range cells {
				role := RoleCell
				rowHeader := false
				var src *doc.TableCell
				if ci < len(rows[ri]) {
					src = rows[ri][ci]
				}
				// a heading cell heads what its author said, else its
				// column in the head and its row in the body
				switch {
				case isHead:
					role, rowHeader = RoleHeaderCell, src != nil && (src.Scope == doc.ScopeRow || src.Scope == doc.ScopeRowGroup)
				case src != nil && src.Header:
					role, rowHeader = RoleHeaderCell, src.Scope != doc.ScopeColumn && src.Scope != doc.ScopeColumnGroup
				}
				cell := row.add(role)
				cell.RowHeader = rowHeader
				cellElems[ci] = cell
				var links linkChain
				for _, ln := range cells[ci] {
					links.own(ln.items, cell)
					for _, it := range ln.items {
						switch it := it.(type) {
						case *Text:
							// a formula's text stays the formula's,
							// the formula the cell's
							if it.Elem == nil {
								it.Elem = cell
							} else {
								it.Elem = cell.adopt(it.Elem)
							}
						case *Rule:
							// a formula's rules (a fraction's, a root's)
							it.Elem = cell.adopt(it.Elem)
						case *Picture:
							if it.Elem == nil {
								it.Elem = cell
							}
						}
					}
				}
			}
		}
		if table != nil {
			// a place a cell spans heads as that cell
			at := make([]*Elem, len(cells))
			for ci, cell := range cellElems {
				var src *doc.TableCell
				if ci < len(rows[ri]) {
					src = rows[ri][ci]
				}
				at[ci] = cell
				if src == nil {
					continue
				}
				shows[cell] = len(segs[ri][ci]) > 0
				byCell[src] = cell
				if o := byCell[src.SpannedBy]; o != nil && src.SpannedBy != nil {
					at[ci] = o
					spanned = spanned || o.Role == RoleHeaderCell
				}
			}
			grid = append(grid, at)
		}
		bands := rowBands(cells, base, lead)
		for bi, b := range bands {
			el := elem{h: b.h, base: b.base, mark: &pmark{entry: g.entry, block: block}}
			for _, cl := range b.lines {
				ln := cells[cl.cell][cl.line]
				if ln.depth > 0 {
					el.depth = math.Max(el.depth, cl.baseline+ln.depth-b.base)
				}
				shiftItems(ln.items, colX[cl.cell]+pad, cl.baseline)
				el.items = append(el.items, ln.items...)
				if repeated && cl.cell == 0 {
					ln.marks = nil
				}
				for _, mk := range ln.marks {
					if mk.refID != "" {
						el.anchors = append(el.anchors, Anchor{Name: mk.refID})
					}
					if mk.attach && !e.o.Endnotes && !g.attached[mk.note] && !g.inNote {
						g.attached[mk.note] = true
						// the note is read in the cell that refers to it
						cur := g.cur
						if cellElems != nil {
							g.cur = cellElems[cl.cell]
						}
						el.notes = append(el.notes, e.noteFlow(mk.note, g))
						g.cur = cur
					}
				}
			}
			// A row holds together unless it is long, when it may break
			// leaving at least two of its bands on each page.
			el.keep = nlines <= rowHeld || bi == 0 || bi >= len(bands)-2
			if isHead {
				el.keep = true
			}
			g.add(el)
		}
		if ri < len(rows)-1 || isHead {
			g.elems[len(g.elems)-1].h += lead * 0.15
		}
		if isHead {
			mid := ruleElem(false)
			mid.keep = true
			g.add(mid)
			header = append([]elem(nil), g.elems[start:]...)
			for i := range header {
				// pristine copies: placing shifts the originals' items;
				// repeated on a later page, the head is an artifact
				header[i].items = copyItems(header[i].items)
				artifacts(header[i].items)
				header[i].anchors = nil
				header[i].notes = nil
				header[i].mark = nil
			}
		} else if header != nil {
			for i := rowStart; i < len(g.elems); i++ {
				g.elems[i].header = header
			}
		}
		g.elems[len(g.elems)-1].keep = ri == 0 // the head and the first row stay together
	}
	tableHeaders(grid, shows, spanned)
	g.add(ruleElem(true))
	if n := len(g.elems); n >= 2 {
		g.elems[n-2].keep = true
	}
	g.space(c.lead * 0.5)
}

// tableHeaders gives the data cells of a table their heading cells
// (Elem.Headers) when their scopes alone do not tell them: when a
// heading cell spans places, or when a cell is headed by two heading
// cells of its column (the table has two heading rows) or of its row. A
// reader then names the cell by all of them, as PDF/UA asks of such
// tables (ISO 14289-1, 7.5). A cell's headings are the heading cells of
// its column above it and those of its row; empty ones head nothing.
// grid is the table's cells by row and column, a place a cell spans
// holding that cell; shows says which have content.
func tableHeaders(grid [][]*Elem, shows map[*Elem]bool, spanned bool) {
	// walk visits the cells row by row, each with the heading cells of
	// its column above it, each once, kept as the rows are read: a
	// table of thousands of rows is not searched upwards from every cell.
	walk := func(visit func(ri, ci int, cell *Elem, above []*Elem) bool) {
		var colHeads [][]*Elem
		var colLast []*Elem // a cell spanning rows heads once
		for ri, row := range grid {
			for ci, cell := range row {
				var above []*Elem
				if ci < len(colHeads) {
					above = colHeads[ci]
				}
				if !visit(ri, ci, cell, above) {
					return
				}
			}
			for ci, h := range row {
				for len(colHeads) <= ci {
					colHeads, colLast = append(colHeads, nil), append(colLast, nil)
				}
				if h != colLast[ci] && shows[h] && h.Role == RoleHeaderCell && !h.RowHeader {
					colHeads[ci] = append(colHeads[ci], h)
					colLast[ci] = h
				}
			}
		}
	}
	heads := func(ri int, above []*Elem, each func(h *Elem, ofRow bool)) {
		for _, h := range above {
			each(h, false)
		}
		var last *Elem
		for _, h := range grid[ri] {
			if h != last && shows[h] && h.Role == RoleHeaderCell && h.RowHeader {
				each(h, true)
				last = h // a cell spanning columns once
			}
		}
	}
	complex := spanned
	if !complex {
		walk(func(ri, ci int, cell *Elem, above []*Elem) bool {
			if cell.Role != RoleCell {
				return true
			}
			cols, rows := 0, 0
			heads(ri, above, func(_ *Elem, ofRow bool) {
				if ofRow {
					rows++
				} else {
					cols++
				}
			})
			complex = cols > 1 || rows > 1
			return !complex
		})
	}
	if !complex {
		return
	}
	walk(func(ri, ci int, cell *Elem, above []*Elem) bool {
		row := grid[ri]
		// a data cell of its own (not a place another spans)
		if cell.Role == RoleCell && (ci == 0 || row[ci-1] != cell) && (ri == 0 || ci >= len(grid[ri-1]) || grid[ri-1][ci] != cell) {
			heads(ri, above, func(h *Elem, _ bool) { cell.Headers = append(cell.Headers, h) })
		}
		return true
	})
}

// givenWidths sets columns to the shares the source gave them (pandoc's
// relative widths) of the measure less the columns' padding, avail, as
// pandoc's LaTeX does; all of it if they add up to more. A column whose
// share is narrower than its widest word (minw) gets that width, and the
// others share the rest in proportion to theirs; minw fit in avail
// together.
func givenWidths(shares, minw []float64, avail float64) []float64 {
	n := len(shares)
	sum := 0.0
	for _, s := range shares {
		sum += s
	}
	target := math.Min(sum, 1) * avail
	least := 0.0
	for _, m := range minw {
		least += m
	}
	target = math.Min(math.Max(target, least), avail)
	widths := make([]float64, n)
	fixed := make([]bool, n)
	for {
		rest, share := target, 0.0
		for i := range shares {
			if fixed[i] {
				rest -= widths[i]
			} else {
				share += shares[i]
			}
		}
		changed := false
		for i := range shares {
			if fixed[i] {
				continue
			}
			widths[i] = rest * shares[i] / share
			if widths[i] < minw[i] {
				widths[i], fixed[i], changed = minw[i], true, true
			}
		}
		if !changed {
			return widths
		}
	}
}

// rowBand is a stretch of a table's row that is set as one elem, so a
// page may break between two bands but not inside one. h is its height,
// base its lowest baseline.
type rowBand struct {
	h, base float64
	lines   []cellLine
}

// cellLine places line line of a row's cell cell in its band, its
// baseline baseline under the band's top.
type cellLine struct {
	cell, line int
	baseline   float64
}

// rowHeld is the most lines a table's row may have and still be held on
// one page; a band of a longer row is held to about as high.
const rowHeld = 6

// rowBands stacks each cell's lines from the top of their row, as the
// EPUB's cells are (vertical-align: top): a line is as tall as the
// leading, more when a picture reaches out of it, and the lines of one
// cell do not wait for the others'. The row breaks into bands where
// every cell that still has lines is between two of them; in a row of
// plain text that is after every line, and a line with a tall picture
// makes one band of it and of the lines of the other cells beside it.
// Cells whose lines never end together (a picture beside text, more text
// under the picture) would make the rest of the row one band, too tall to
// break across pages: past rowHeld lines' height a band takes only lines
// that end above its foot, the others waiting under a gap for the next.
// A row with no lines is one empty band, a line high.
func rowBands(cells [][]tline, base, lead float64) []rowBand {
	// depths closer than this are one: sums of the same heights in another order
	const tolerance = 1e-6
	total, most := 0, 0
	for _, lines := range cells {
		total += len(lines)
		most = max(most, len(lines))
	}
	if total == 0 {
		return []rowBand{{h: lead, base: base}}
	}
	// Every band takes a line of each cell that has one left, so there are
	// no more bands than the most lines of a cell.
	bands := make([]rowBand, 0, most)
	placed := make([]cellLine, 0, total)
	next := make([]int, len(cells))
	depth := make([]float64, len(cells)) // how far down its band each cell's lines reach
	for len(placed) < total {
		var b rowBand
		start := len(placed)
		clear(depth)
		for taken := true; taken; {
			taken = false
			for ci, lines := range cells {
				// A cell takes its next line while its lines end above the
				// band's foot: the band may end only where they all end.
				for next[ci] < len(lines) && (depth[ci] == 0 || depth[ci] < b.h-tolerance) {
					above, below := lineExtra(lines[next[ci]], base, lead)
					h := lead + above + below
					if depth[ci] > 0 && depth[ci]+h > b.h+tolerance && b.h > rowHeld*lead {
						break
					}
					bl := depth[ci] + base + above
					placed = append(placed, cellLine{cell: ci, line: next[ci], baseline: bl})
					b.base = math.Max(b.base, bl)
					depth[ci] += h
					b.h = math.Max(b.h, depth[ci])
					next[ci]++
					taken = true
				}
			}
		}
		b.lines = placed[start:len(placed):len(placed)]
		bands = append(bands, b)
	}
	return bands
}

// cellSegs are a table cell's segs. A picture too tall for an icon and
// given no size is set apart at its own size, no wider than its column,
// as a screenshot in a table is shown (doc.Image.ApartInCell); one its
// book's stylesheet sizes stays at the height of the text, as the EPUB
// sets it: most often a mark beside the cell's words (the Rust book's
// Ferris, drawn 1259 pixels wide).
func cellSegs(segs []seg) []seg {
	for _, sg := range segs {
		if sg.pic != nil {
			sg.pic.apart = sg.pic.apartInCell
		}
	}
	return segs
}

// artifacts makes items artifacts, belonging to no element: repeated
// content a reader has read already. A link keeps its element, which then
// holds the repeated annotation too: an annotation no Link element holds
// is lost to screen readers (PDF/UA-1, 7.18.5).
func artifacts(items []Item) {
	for _, it := range items {
		switch it := it.(type) {
		case *Text:
			it.Elem = nil
		case *Picture:
			it.Elem = nil
		case *Rule:
			it.Elem = nil // a formula's
		}
	}
}
