package layout

import (
	"math"

	"github.com/samizdat-press/samizdat/internal/doc"
)

type pageKind uint8

const (
	pkBody    pageKind = iota // running head and folio at the head
	pkOpening                 // an entry's first page: folio at the foot, no head
	pkBlank                   // an inserted blank verso: nothing printed
	pkPlain                   // generated front pages: no folio, no head
	pkPart                    // a part title: no folio, no head
)

type pageInfo struct {
	// placed lists the body elems on the page and foot the parts of notes
	// at its foot, kept only for tests.
	placed []*elem
	foot   []chunk
	floats []*elem
	kind   pageKind
	entry  *doc.Entry
	head   string // running head of a recto
	mark   *pmark
}

// pager fills pages of one sequence (front matter or body) from galleys.
type pager struct {
	g     *geom
	e     *engine
	trace bool
	// once marks a pager whose galleys are paginated only once, so their
	// items may be moved in place instead of copied.
	once bool
	// moved, when not nil, has the pager place a galley's items in place
	// too, keeping only what placing changes in them, so the galleys can
	// be put back as they were set (see placements.undo): far less than
	// copies of every item.
	moved *placements
	// base is the index in the whole book of this sequence's first page.
	base  int
	pages []*Page
	info  []pageInfo
	// linkPages records the page each link that names its page lands on;
	// shared by the pagers of one pass.
	linkPages map[*doc.Link]*Page
	// structure holds the elements of what the pager sets that no
	// entry's galley holds (the title pages, the contents), in reading
	// order; nil for a pager of entries alone.
	structure *Elem
}

func (p *pager) newPage(kind pageKind, en *doc.Entry, head string) *Page {
	pg := &Page{Recto: (p.base+len(p.pages))%2 == 0}
	p.pages = append(p.pages, pg)
	p.info = append(p.info, pageInfo{kind: kind, entry: en, head: head})
	return pg
}

// toRecto adds a blank verso if the next page would be one.
func (p *pager) toRecto() {
	if (p.base+len(p.pages))%2 == 1 {
		p.newPage(pkBlank, nil, "")
	}
}

// chunk is the part of a note (lines from..to) printed on one page.
type chunk struct {
	nf       *noteFlow
	from, to int
}

func (c chunk) height() float64 {
	h := 0.0
	for _, l := range c.nf.lines[c.from:c.to] {
		h += l.h
	}
	return h
}

// minNoteLines is the least of a note's lines printed on either side of
// a page break inside it: a lone line of a note reads as a stray.
const minNoteLines = 2

// textLines counts the lines of a note from line a to b, not its spaces.
func (nf *noteFlow) textLines(a, b int) int {
	n := 0
	for _, l := range nf.lines[a:b] {
		if !l.space {
			n++
		}
	}
	return n
}

// splitPoint is the line before which chunk c breaks to fit room: at least
// minNoteLines lines on each side, else c.from (nothing of it fits).
func (c chunk) splitPoint(room float64) int {
	k, h := c.from, 0.0
	for k < c.to && h+c.nf.lines[k].h <= room+1e-6 {
		h += c.nf.lines[k].h
		k++
	}
	for k > c.from && c.nf.textLines(k, c.to) < minNoteLines {
		k--
	}
	for k > c.from && c.nf.lines[k-1].space {
		k--
	}
	if c.nf.textLines(c.from, k) < minNoteLines {
		return c.from
	}
	return k
}

// fitNotes places chunks in room: whole while they fit, then as many lines
// of the next as fit (see splitPoint); everything after is carried. started
// reports whether every chunk got lines on this page.
func fitNotes(chunks []chunk, room float64, dst []chunk) (placed []chunk, carry []chunk, used float64, started bool) {
	placed = dst
	for i, c := range chunks {
		h := c.height()
		if used+h <= room+1e-6 {
			placed = append(placed, c)
			used += h
			continue
		}
		k := c.splitPoint(room - used)
		if k > c.from {
			part := chunk{c.nf, c.from, k}
			placed = append(placed, part)
			used += part.height()
			carry = append(carry, chunk{c.nf, k, c.to})
		} else {
			carry = append(carry, c)
		}
		carry = append(carry, chunks[i+1:]...)
		return placed, carry, used, k > c.from && i == len(chunks)-1
	}
	return placed, nil, used, true
}

// maxGapForNote is how many lines' height a page may be left short so a
// note need not be split.
const maxGapForNote = 4

func (p *pager) sepH() float64 { return p.g.lead * 1.0 }

// flow paginates a galley, starting on a new page of kind first. Each
// page is planned (fill) and then set (place); what one page leaves over
// (notes to continue, figures waiting, the next elem) is in flowState.
func (p *pager) flow(gl *galley, first pageKind, head string) {
	f := &flowState{p: p, elems: gl.elems, avail: p.g.textH}
	kind := first
	for f.more() {
		pg := p.newPage(kind, gl.entry, head)
		info := &p.info[len(p.info)-1]
		kind = pkBody
		f.recto = pg.Recto
		f.place(pg, info, f.fill())
	}
}

// flowState is what passes from one page of a galley to the next.
type flowState struct {
	p     *pager
	elems []elem
	avail float64 // the text block's height
	// recto: the page being filled is a right-hand one.
	recto bool
	// i is the first elem not yet set.
	i int
	// carry are the parts of notes still to print, at the next foot.
	carry []chunk
	// pending are figures passed over because they did not fit the rest
	// of a page, waiting for the top of the next, in their order.
	pending []floatGroup
}

// pagePlan is what one page holds, and where.
type pagePlan struct {
	// start and end delimit the page's body elems.
	start, end int
	// tops are figures that waited for this page, set at its top; head is
	// a table's head repeated above the rest of its rows; skip are the
	// figures within start..end that wait for a later page.
	tops []floatGroup
	head []elem
	skip []floatGroup
	// foot are the notes at the foot; contd says the first continues from
	// the page before, blocked that the notes carried here did not all fit,
	// so no new note may start on the page.
	foot         []chunk
	bodyH, footH float64
	contd        bool
	blocked      bool

	// tops0 is the page with its carried notes and waiting figures alone.
	tops0 snap

	// While the page is filled: the page as it was after the last elem it
	// may end after and after the last such elem that does not end in a
	// hyphen, the rest of a note split at the page's last line, and the
	// figures passed over.
	last   snap
	clean  snap
	split  []chunk
	passed []floatGroup
}

// snap is a page's fill after an elem it may end after.
type snap struct {
	j            int
	bodyH, footH float64
	nfoot        int
}

// A word hyphenated across a page turn is read with the page in hand:
// no recto ends in a hyphen, and a verso does only when ending the page
// before the hyphenated line would leave more than versoHyphenLines body
// lines to fill.
const versoHyphenLines = 2

// mayEndAfter reports whether the page may end after el, keep aside.
func (f *flowState) mayEndAfter(el *elem) bool { return !(el.hyphen && f.recto) }

// more reports whether anything is left to set: space left over at the
// galley's end (under a figure that ends it) makes no page.
func (f *flowState) more() bool {
	for f.i < len(f.elems) && f.elems[f.i].space {
		f.i++
	}
	return f.i < len(f.elems) || len(f.carry) > 0 || len(f.pending) > 0
}

// fits reports whether a page filled to height h is not overfull.
func (f *flowState) fits(h float64) bool { return h <= f.avail+1e-6 }

// footMax caps the height of notes carried to a page.
func (f *flowState) footMax() float64 { return 0.6 * f.avail }

// fill plans the next page: the notes carried to it, the figures waiting
// for its top, a table head to repeat, then body elems while they fit
// with their notes, and where the page ends.
func (f *flowState) fill() *pagePlan {
	for f.i < len(f.elems) && f.elems[f.i].space {
		f.i++
	}
	pl := &pagePlan{start: f.i, last: snap{j: -1}, clean: snap{j: -1}}
	f.takeCarriedNotes(pl)
	f.takeWaitingFigures(pl)
	pl.tops0 = snap{pl.start, pl.bodyH, pl.footH, len(pl.foot)}
	f.repeatTableHead(pl)
	pl.end = f.chooseEnd(pl, f.fillBody(pl))
	f.carry = append(f.carry, pl.split...)
	f.deferPassedFigures(pl)
	f.i = pl.end
	return pl
}

// takeCarriedNotes puts the notes carried from the page before at the
// foot, as much of them as fits the cap; at least two lines of the first,
// whatever the cap.
func (f *flowState) takeCarriedNotes(pl *pagePlan) {
	if len(f.carry) == 0 {
		return
	}
	pl.contd = true
	var used float64
	pl.foot, f.carry, used, _ = fitNotes(f.carry, f.footMax()-f.p.sepH(), nil)
	if len(pl.foot) == 0 && len(f.carry) > 0 {
		c := f.carry[0]
		k := c.forcedSplit()
		pl.foot = []chunk{{c.nf, c.from, k}}
		f.carry[0].from = k
		if f.carry[0].from >= f.carry[0].to {
			f.carry = f.carry[1:]
		}
		used = pl.foot[0].height()
	}
	pl.footH = used + f.p.sepH()
	pl.blocked = len(f.carry) > 0
}

// forcedSplit is where c is cut when it must start on a page whose notes'
// cap it does not fit: after the first minNoteLines lines if as many are
// left after them, else after all of it.
func (c chunk) forcedSplit() int {
	k := c.from
	for k < c.to && (c.nf.textLines(c.from, k) < minNoteLines || c.nf.textLines(k, c.to) < minNoteLines) && c.nf.textLines(k, c.to) > 0 {
		k++
	}
	return k
}

// takeWaitingFigures sets the figures waiting from the pages before at the
// top, in order, while they fit; the first always fits an empty page.
func (f *flowState) takeWaitingFigures(pl *pagePlan) {
	for len(f.pending) > 0 {
		h := f.pending[0].h - f.pending[0].lift + f.p.floatGap()
		if pl.bodyH+h+pl.footH > f.avail+1e-6 && (pl.bodyH > 0 || pl.footH > 0) {
			break
		}
		pl.tops = append(pl.tops, f.pending[0])
		pl.bodyH += h
		f.pending = f.pending[1:]
	}
}

// repeatTableHead repeats a table's head when the page starts among its
// rows.
func (f *flowState) repeatTableHead(pl *pagePlan) {
	i := pl.start
	if i < len(f.elems) && f.elems[i].header != nil && i > 0 {
		for _, h := range f.elems[i].header {
			pl.head = append(pl.head, h)
			pl.bodyH += h.h
		}
	}
}

// fillBody takes body elems from the page's start while they fit with
// their notes, passing over figures that must wait, and returns the first
// elem it did not take.
func (f *flowState) fillBody(pl *pagePlan) int {
	j := pl.start
	// bound: the last text taken may not end the page, so neither may a
	// space that stayed under it when the figures after it were passed.
	bound := false
	for j < len(f.elems) {
		next, passed, stop := f.passFigure(pl, j)
		if stop {
			break
		}
		if passed {
			j = next
			continue
		}
		el := &f.elems[j]
		fresh, freshH := el.noteChunks()
		sep := 0.0
		if len(fresh) > 0 && len(pl.foot) == 0 {
			sep = f.p.sepH()
		}
		if len(fresh) > 0 && pl.blocked {
			break
		}
		if pl.bodyH+el.h+pl.footH+sep+freshH <= f.avail+1e-6 {
			pl.foot = append(pl.foot, fresh...)
			pl.footH += sep + freshH
			pl.bodyH += el.h
			j++
			if !el.space {
				bound = el.keep
			}
			if !el.keep && f.mayEndAfter(el) && !(el.space && bound) {
				pl.last = snap{j, pl.bodyH, pl.footH, len(pl.foot)}
				if !el.hyphen {
					pl.clean = pl.last
				}
			}
			continue
		}
		if len(fresh) > 0 {
			j = f.splitFreshNotes(pl, j, fresh, sep)
		}
		break
	}
	return j
}

// noteChunks are an elem's notes, whole, and their height.
func (el *elem) noteChunks() ([]chunk, float64) {
	var fresh []chunk
	freshH := 0.0
	for _, nf := range el.notes {
		fresh = append(fresh, chunk{nf, 0, len(nf.lines)})
		freshH += nf.h
	}
	return fresh, freshH
}

// maxGapForHeading is how many lines' height a page may be left short so
// that a heading goes over to the next page with the figure under it.
const maxGapForHeading = 4

// passFigure reports whether the figure starting at elems[j] waits for a
// later page (see figureWaits), and the elem after it. The space around it
// goes with it. A figure that must wait right under what may not end a
// page (a heading) does not float away from it: stop says the page ends
// before the heading instead, when it has an earlier place to end that
// leaves no more than maxGapForHeading lines empty, or whatever it leaves
// when no text follows the figure for the heading to stay with. Otherwise
// the figure waits and the heading stays with the text after it.
func (f *flowState) passFigure(pl *pagePlan, j int) (next int, passed, stop bool) {
	fg, ok := floatAt(f.elems, j, f.avail)
	if !ok || !(pl.bodyH > 0) || !f.figureWaits(pl, fg) {
		return j, false, false
	}
	// A picture set apart in a paragraph is bound to the line before it
	// only as that line is to the line after it, which takes its place.
	if k := fg.from - 1; k >= pl.start && f.elems[k].keep && !(f.elems[fg.pic].apart && f.elems[k].lines > 0) && pl.last.j > pl.start &&
		(f.avail-pl.last.bodyH-pl.last.footH <= maxGapForHeading*f.p.g.lead+1e-6 || f.onlyFiguresFrom(fg.to)) {
		return j, false, true
	}
	// The space around the figure goes with it, but for the space the text
	// beside it asked for (above a heading, under one, around a list): of
	// the spaces around a run of figures passed one after another, the one
	// that holds the most of what the text asked for stays, to part the
	// text the figures leave together. It may hold a little more, as much
	// as a figure asked for: the text would lose all of it else.
	shared := len(pl.passed) > 0 && pl.passed[len(pl.passed)-1].to >= fg.from
	above := fg.from > pl.start && f.elems[fg.from-1].space && !shared
	below := fg.to < len(f.elems) && f.elems[fg.to].space
	staysAbove := above && f.elems[fg.from-1].asked > 0
	staysBelow := below && f.elems[fg.to].asked > 0
	if staysAbove && staysBelow {
		staysAbove = f.elems[fg.from-1].asked > f.elems[fg.to].asked
		staysBelow = !staysAbove
	}
	if shared && staysBelow {
		// The run may have left the space above it: one of the two stays.
		r := len(pl.passed) - 1
		for r > 0 && pl.passed[r-1].to >= pl.passed[r].from {
			r--
		}
		if k := pl.passed[r].from - 1; k >= pl.start && f.elems[k].space {
			if f.elems[fg.to].asked > f.elems[k].asked {
				pl.passed[r].from--
				pl.bodyH -= f.elems[k].h
			} else {
				staysBelow = false
			}
		}
	}
	if above && !staysAbove {
		fg.from--
		pl.bodyH -= f.elems[fg.from].h
	}
	if below && !staysBelow {
		fg.to++
	}
	pl.passed = append(pl.passed, fg)
	return fg.to, true, false
}

// onlyFiguresFrom reports whether nothing but figures and space follows
// elems[j] in the galley: a heading over them has no text to stay with, so
// it goes over with them however short that leaves its page.
func (f *flowState) onlyFiguresFrom(j int) bool {
	for j < len(f.elems) {
		if f.elems[j].space {
			j++
			continue
		}
		fg, ok := floatAt(f.elems, j, f.avail)
		if !ok {
			return false
		}
		j = fg.to
	}
	return true
}

// headingOverFiguresLeft reports whether all the galley has left after
// the page is a heading over figures: the page ends the text, as a
// galley's last does, and is not stretched to the foot of the text block
// by the lines the heading took over with it.
func (f *flowState) headingOverFiguresLeft() bool {
	j := f.i
	for j < len(f.elems) && f.elems[j].space {
		j++
	}
	if len(f.carry) > 0 || j == len(f.elems) || !f.elems[j].heading {
		return false
	}
	for j < len(f.elems) && (f.elems[j].heading || f.elems[j].space) {
		j++
	}
	return j < len(f.elems) && f.onlyFiguresFrom(j)
}

// figureWaits reports whether a figure met on a page with text waits for
// the top of the next, the text after it filling this one: when it does
// not fit the rest of the page, or would come before one still waiting.
// A picture set apart that is bound to its paragraph's last line waits
// too when that line does not fit under it: the line would go over alone,
// or take the picture and the line before it over with it.
func (f *flowState) figureWaits(pl *pagePlan, fg floatGroup) bool {
	h := fg.h
	if el := &f.elems[fg.pic]; el.apart && el.keep {
		_, chain, _ := f.keptWith(fg.pic)
		h += chain
	}
	return len(f.pending) > 0 || len(pl.passed) > 0 || pl.bodyH+h+pl.footH > f.avail+1e-6
}

// splitFreshNotes tries to end the page after elems[j], which does not fit
// with its notes, by splitting its notes across the page break, keeping
// with it the elems it must not be parted from (the rest of a paragraph's
// orphan-protected start, say) if they have no notes. It returns the elem
// after the page's last, or j when the notes are not split.
func (f *flowState) splitFreshNotes(pl *pagePlan, j int, fresh []chunk, sep float64) int {
	el := &f.elems[j]
	k, chainH, chainNotes := f.keptWith(j)
	room := f.avail - pl.bodyH - el.h - chainH - pl.footH - sep
	atEnd := k+1 >= len(f.elems)
	if chainNotes || !(room > 0) || f.endBeforeInstead(pl, atEnd) || (k < len(f.elems) && !f.mayEndAfter(&f.elems[k])) {
		return j
	}
	placed, rest, used, started := fitNotes(fresh, room, nil)
	if !started {
		return j
	}
	pl.foot = append(pl.foot, placed...)
	pl.footH += sep + used
	pl.bodyH += el.h + chainH
	pl.split = rest
	j = min(k+1, len(f.elems))
	pl.last = snap{j, pl.bodyH, pl.footH, len(pl.foot)}
	return j
}

// keptWith follows the elems bound to elems[j] by keep: the last of them
// (k), their height after elems[j], and whether any has notes.
func (f *flowState) keptWith(j int) (k int, h float64, notes bool) {
	k = j
	for k < len(f.elems) && f.elems[k].keep {
		k++
		if k < len(f.elems) {
			if len(f.elems[k].notes) > 0 {
				notes = true
			}
			h += f.elems[k].h
		}
	}
	return k, h, notes
}

// endBeforeInstead reports whether ending the page at its last allowed
// break, so the reference goes over with its note whole, beats splitting
// the note: when that leaves no more than a few lines empty, and always
// when the split would leave the entry's last page with nothing but the
// rest of the note.
func (f *flowState) endBeforeInstead(pl *pagePlan, atEnd bool) bool {
	return pl.last.j > pl.start && (atEnd || f.avail-pl.last.bodyH-pl.last.footH <= maxGapForNote*f.p.g.lead)
}

// endRule is why a page ends where it does.
type endRule uint8

const (
	// endFilled: after the last elem taken, when the galley ended, a note
	// was split at the page's last line, or no allowed break came before
	// the page was full (it breaks where it is full).
	endFilled endRule = iota
	// endAtBreak: at the last allowed break.
	endAtBreak
	// endNotesOnly: carried notes fill the page and no allowed break came
	// before the text that must wait, so the page holds only notes.
	endNotesOnly
	// endUnderCarried: the first elem does not fit under the notes carried
	// here; on the next page, with no notes carried, it will.
	endUnderCarried
	// endFiguresOnly: figures that waited fill the top of the page and
	// the text under them comes to no allowed break before the page is
	// full, so the page holds only the figures: a line stranded under
	// them, or a heading, would be parted from the rest of its paragraph
	// or from its text. On the next page the text has the whole block.
	// (A page whose only allowed break leaves one line of a paragraph
	// under its figures holds them alone too: see chooseEnd.)
	endFiguresOnly
	// endOverfull: not even one elem fits an empty page with its notes;
	// it is placed with as much of its notes as fits.
	endOverfull
)

// endRule says where the page ends, filling having stopped before elem j
// of n.
func (pl *pagePlan) endRule(j, n int) endRule {
	switch {
	case j >= n || pl.split != nil:
		return endFilled
	case pl.last.j > pl.start:
		return endAtBreak
	case pl.blocked:
		return endNotesOnly
	case len(pl.tops) > 0:
		return endFiguresOnly
	case j > pl.start:
		return endFilled
	case pl.contd:
		return endUnderCarried
	}
	return endOverfull
}

// chooseEnd ends the page by its endRule and returns the elem after its
// last.
func (f *flowState) chooseEnd(pl *pagePlan, j int) int {
	switch pl.endRule(j, len(f.elems)) {
	case endAtBreak:
		end := pl.last
		if end.j > 0 && f.elems[end.j-1].hyphen && pl.clean.j > pl.start && end.bodyH-pl.clean.bodyH <= versoHyphenLines*f.p.g.lead+1e-6 {
			end = pl.clean
		}
		if len(pl.tops) > 0 && f.loneLine(pl.start, end.j) {
			return f.figuresOnly(pl)
		}
		pl.bodyH, pl.footH, pl.foot = end.bodyH, end.footH, pl.foot[:end.nfoot]
		return end.j
	case endNotesOnly, endUnderCarried:
		return pl.start
	case endFiguresOnly:
		return f.figuresOnly(pl)
	case endOverfull:
		return f.overfull(pl)
	}
	return j
}

// figuresOnly ends the page after the figures that waited for it and the
// notes carried to it, before its text.
func (f *flowState) figuresOnly(pl *pagePlan) int {
	pl.bodyH, pl.footH, pl.foot, pl.head = pl.tops0.bodyH, pl.tops0.footH, pl.foot[:pl.tops0.nfoot], nil
	return pl.start
}

// loneLine reports whether the text from elems[a] to elems[b] is one line
// of a longer paragraph: under figures at a page's top it would stand
// alone between them and the page's foot, parted from the lines before
// and after it, though the page may end after it. A picture set apart
// among them is no line of text.
func (f *flowState) loneLine(a, b int) bool {
	var line *elem
	for k := a; k < b; k++ {
		if el := &f.elems[k]; !el.space && !el.apart {
			if line != nil {
				return false
			}
			line = el
		}
	}
	return line != nil && line.lines >= 2
}

// overfull places the page's first elem, which does not fit an empty page
// with its notes, and as much of its notes as fits; the rest is carried.
func (f *flowState) overfull(pl *pagePlan) int {
	el := &f.elems[pl.start]
	pl.bodyH += el.h
	fresh, _ := el.noteChunks()
	sep := 0.0
	if len(pl.foot) == 0 && len(fresh) > 0 {
		sep = f.p.sepH()
	}
	placed, rest, used, _ := fitNotes(fresh, math.Max(0, f.avail-pl.bodyH-pl.footH-sep), pl.foot)
	pl.foot = placed
	pl.footH += sep + used
	pl.split = rest
	return pl.start + 1
}

// deferPassedFigures sends the figures passed over before the page's end
// to wait for the next; those after it are met again there.
func (f *flowState) deferPassedFigures(pl *pagePlan) {
	for _, fg := range pl.passed {
		if fg.pic < pl.end {
			pl.skip = append(pl.skip, fg)
			f.pending = append(f.pending, fg)
		}
	}
}

// place sets a planned page: the waiting figures at the top, then the
// text, then the notes at the foot. Every page but the galley's last is
// filled to the text block's last baseline (see fillPage).
func (f *flowState) place(pg *Page, info *pageInfo, pl *pagePlan) {
	x0 := f.p.g.left(pg.Recto)
	rows := f.rows(pl)
	footTop := f.footTop(pl)
	var extra []float64
	if f.more() && !f.headingOverFiguresLeft() {
		extra = f.fillPage(rows, pl, footTop)
	}
	y := f.p.g.top
	var prev []Item // the items the row above placed
	for i, r := range rows {
		if extra != nil {
			y += extra[i]
			if i > 0 && extra[i] > 0 {
				joinDown(prev, rows[i-1].el, extra[i])
			}
		}
		y -= r.lift
		start := len(pg.Items)
		switch {
		case r.edge:
		case r.copy:
			f.p.placeCopy(pg, r.el, x0, y)
		default:
			if info.mark == nil && r.el.mark != nil && !r.float {
				info.mark = r.el.mark
			}
			f.p.place(pg, r.el, x0, y)
			if f.p.trace {
				if r.float {
					info.floats = append(info.floats, r.el)
				} else {
					info.placed = append(info.placed, r.el)
				}
			}
		}
		prev = pg.Items[start:]
		y += r.el.h + r.gap
	}
	if info.mark == nil && len(pl.tops) > 0 {
		info.mark = f.elems[pl.tops[0].pic].mark
	}
	if f.p.trace {
		info.foot = append(info.foot, pl.foot...)
	}
	f.placeFoot(pg, pl, x0, footTop)
}

// joinDown draws the background or the side rule of a placed elem that
// runs on into the next one over the space a filled page adds between
// them: the background is its first item, the rule its last.
func joinDown(items []Item, el *elem, space float64) {
	if len(items) == 0 {
		return
	}
	if b, ok := items[0].(*Box); ok && el.shadeJoins && b.Fill {
		b.H += space
	}
	if r, ok := items[len(items)-1].(*Rule); ok && el.ruleJoins && r.X1 == r.X2 {
		r.Y2 += space
	}
}

// row is one thing set down a page, in order.
type row struct {
	el *elem
	// gap is fixed space under it (under the figures at the top).
	gap float64
	// copy: a table's head repeated, placed as a copy; float: a figure
	// that waited for this page; edge: space at the page's foot, which
	// takes its room but is not filled.
	copy, float, edge bool
	// lift is the room above a picture set apart that waited for this
	// page, left out so that the picture's top is the text block's, as
	// a figure's is.
	lift float64
}

// rows lists what the page's body sets, top to bottom: the figures that
// waited for it, a table head to repeat, then its elems but the figures
// that wait for a later page.
func (f *flowState) rows(pl *pagePlan) []row {
	var rows []row
	for _, fg := range pl.tops {
		for k := fg.pic; k < fg.pic+fg.n; k++ {
			rows = append(rows, row{el: &f.elems[k], float: true})
		}
		rows[len(rows)-fg.n].lift = fg.lift
		rows[len(rows)-1].gap = f.p.floatGap()
	}
	for i := range pl.head {
		rows = append(rows, row{el: &pl.head[i], copy: true})
	}
	skip := pl.skip
	for k := pl.start; k < pl.end; k++ {
		if len(skip) > 0 && k == skip[0].from {
			k = skip[0].to - 1
			skip = skip[1:]
			continue
		}
		el := &f.elems[k]
		rows = append(rows, row{el: el, edge: el.space && (k == pl.start || k == pl.end-1)})
	}
	return rows
}

// footTop is where the notes at the foot begin: their last baseline on
// the text block's last one.
func (f *flowState) footTop(pl *pagePlan) float64 {
	h, lastBase := 0.0, -1.0
	for _, c := range pl.foot {
		for li := c.from; li < c.to; li++ {
			ln := &c.nf.lines[li]
			if !ln.space {
				lastBase = h + ln.base
			}
			h += ln.h
		}
	}
	if lastBase < 0 {
		return f.p.g.top + f.avail - h
	}
	return f.lastBaseline() - lastBase
}

// lastBaseline is the baseline of the last line of a page of body text.
func (f *flowState) lastBaseline() float64 {
	g := f.p.g
	return g.top + f.avail - g.lead + baseline(g.o.FontSize, g.lead)
}

// Flush bottoms. A page that ends before the text block is full, because
// a paragraph may not leave one line behind, a heading must come with
// its text, a figure waits or a page would end on a hyphen, is filled by
// stretching the space down the page, as LaTeX's \flushbottom does, so
// that facing pages end on the same baseline. First the space that is
// there to stretch: around headings, lists, code, quotations and figures,
// between paragraphs (up to parGive each) and above the notes, up to as
// much again; then a little between every two lines (up to featherGive
// each, unseen); what is still missing goes to the first kind again.
const (
	parGive     = 0.25 // of a body line
	featherGive = 0.05 // of a body line
)

// fillPage returns the space to add above each row so the page's last
// baseline falls on the text block's (or, with notes, so the text ends
// at their rule); nil when there is nothing to stretch.
func (f *flowState) fillPage(rows []row, pl *pagePlan, footTop float64) []float64 {
	g := f.p.g
	n := len(rows)
	for n > 0 && rows[n-1].edge {
		n--
	}
	if n == 0 {
		return nil
	}
	y := g.top
	for _, r := range rows[:n] {
		y += r.el.h - r.lift + r.gap
	}
	lastRow := rows[n-1].el
	var want float64
	switch {
	case len(pl.foot) > 0:
		want = footTop - f.p.sepH() - y
	case lastRow.base > 0 && !lastRow.space:
		want = f.lastBaseline() - (y - lastRow.h + lastRow.base)
		// A formula or picture that reaches further below its baseline
		// than the block's last line has room for (a tall display) ends
		// the page with its ink on the block's foot, its baseline above
		// the last one, as TeX's \maxdepth holds up a page's last box.
		if over := f.lastBaseline() + lastRow.depth - (g.top + f.avail); over > 0 {
			want -= over
		}
	default:
		want = g.top + f.avail - (y - lastRow.pad)
	}
	if math.Abs(want) < 0.01 {
		return nil
	}
	// give[i] is how much the space above row i may stretch; the last
	// entry is the space above the notes.
	give := make([]float64, n+1)
	feather := make([]bool, n+1)
	for i := 1; i < n; i++ {
		r, prev := rows[i], rows[i-1]
		give[i] = prev.gap
		switch {
		case r.el.space && !r.el.rigid:
			give[i] += r.el.h
		case r.el.line == 0 && r.el.lines > 0 && !r.el.heading && !prev.el.space:
			give[i] += parGive * g.lead
		}
		feather[i] = !r.el.space && !prev.el.space
	}
	if len(pl.foot) > 0 {
		give[n] = f.p.sepH()
	}
	capacity, feathers := 0.0, 0
	for i := range give {
		capacity += give[i]
		if feather[i] {
			feathers++
		}
	}
	if capacity == 0 && feathers == 0 {
		return nil
	}
	// A page of lines set closer than the body's (notes, code) may end
	// below the last baseline: it shrinks, by no more than half of what
	// may stretch.
	sign := 1.0
	if want < 0 {
		sign, want = -1, math.Min(-want, 0.5*(capacity+float64(feathers)*featherGive*g.lead))
	}
	add := make([]float64, n+1)
	rest := want
	if capacity > 0 {
		share := math.Min(1, rest/capacity)
		for i := range give {
			add[i] = give[i] * share
		}
		rest -= capacity * share
	}
	if rest > 0 && feathers > 0 {
		each := math.Min(rest/float64(feathers), featherGive*g.lead)
		if capacity == 0 {
			each = rest / float64(feathers)
		}
		for i := range feather {
			if feather[i] {
				add[i] += each
			}
		}
		rest -= each * float64(feathers)
	}
	if rest > 1e-9 && capacity > 0 {
		for i := range give {
			add[i] += rest * give[i] / capacity
		}
	}
	for i := range add {
		add[i] *= sign
	}
	// The space above the notes is not a row: what it takes stays under
	// the text. Rows at the page's foot move with the last one.
	extra := make([]float64, len(rows))
	copy(extra, add[:n])
	return extra
}

// placeFoot sets the notes at the foot from top, under a short rule (a
// full-width one when the first note continues from the page before).
func (f *flowState) placeFoot(pg *Page, pl *pagePlan, x0, top float64) {
	if len(pl.foot) == 0 {
		return
	}
	p, g := f.p, f.p.g
	ry := top - p.sepH()*0.55
	rw := g.textW * 0.3
	if pl.contd {
		rw = g.textW
	}
	rx := x0
	if p.e.paraLevel(p.e.o.Language) == 1 {
		// a book in a right-to-left language rules off its notes from
		// the right
		rx = x0 + g.textW - rw
	}
	pg.Items = append(pg.Items, &Rule{X1: rx, Y1: ry, X2: rx + rw, Y2: ry, Width: 0.5})
	fy := top
	for _, c := range pl.foot {
		for li := c.from; li < c.to; li++ {
			ln := &c.nf.lines[li]
			p.place(pg, ln, x0, fy)
			fy += ln.h
		}
	}
}

// floatGroup is a figure with its caption, elems pic to pic+n, which may
// be set at the top of a later page; from and to include the space around
// it, left out of the text where the figure was.
type floatGroup struct {
	from, pic, n, to int
	h                float64
	// lift is the room above a picture set apart, left out at a page's
	// top (see row.lift).
	lift float64
}

// floatAt reports the figure starting at elems[j] that may float: it has
// no notes (they must print on its page) and fits a page. One too tall to
// share a page with text gets a page of its own (see endFiguresOnly)
// rather than cutting short the page before it.
func floatAt(elems []elem, j int, avail float64) (floatGroup, bool) {
	n := int(elems[j].float)
	if n <= 0 || j+n > len(elems) {
		return floatGroup{}, false
	}
	fg := floatGroup{from: j, pic: j, n: n, to: j + n, lift: elems[j].lift}
	for k := j; k < j+n; k++ {
		if len(elems[k].notes) > 0 {
			return floatGroup{}, false
		}
		fg.h += elems[k].h
	}
	return fg, fg.h <= avail
}

// floatGap is the space between a figure at the top of a page and the
// text under it.
func (p *pager) floatGap() float64 { return p.g.lead * 0.8 }

// place puts an elem's items and its anchors on the page at (x0, y).
func (p *pager) place(pg *Page, el *elem, x0, y float64) {
	if !p.once {
		if p.moved == nil {
			p.placeCopy(pg, el, x0, y)
			return
		}
		p.moved.save(el)
	}
	shiftItems(el.items, x0, y)
	pg.Items = append(pg.Items, el.items...)
	p.placeRest(pg, el, x0, y)
}

// placements records the items a pager placed in place, and their
// coordinates, and the extents joinDown may stretch, before it did.
type placements struct {
	els  []placed
	vals []float64
}

type placed struct {
	el *elem
	at int // where its values start in vals
}

func (m *placements) save(el *elem) {
	m.els = append(m.els, placed{el, len(m.vals)})
	for _, it := range el.items {
		switch it := it.(type) {
		case *Text:
			m.vals = append(m.vals, it.X, it.Y)
		case *Rule:
			m.vals = append(m.vals, it.X1, it.X2, it.Y1, it.Y2)
		case *Box:
			m.vals = append(m.vals, it.X, it.Y, it.H)
		case *Picture:
			m.vals = append(m.vals, it.X, it.Y)
		case *Link:
			m.vals = append(m.vals, it.X, it.Y)
		}
	}
}

// undo puts every item placed back as it was, the last placed first, so
// the galleys can be paginated again. The pages placed lose their items'
// places.
func (m *placements) undo() {
	if m == nil {
		return
	}
	for i := len(m.els) - 1; i >= 0; i-- {
		v := m.vals[m.els[i].at:]
		for _, it := range m.els[i].el.items {
			switch it := it.(type) {
			case *Text:
				it.X, it.Y = v[0], v[1]
				v = v[2:]
			case *Rule:
				it.X1, it.X2, it.Y1, it.Y2 = v[0], v[1], v[2], v[3]
				v = v[4:]
			case *Box:
				it.X, it.Y, it.H = v[0], v[1], v[2]
				v = v[3:]
			case *Picture:
				it.X, it.Y = v[0], v[1]
				v = v[2:]
			case *Link:
				it.X, it.Y = v[0], v[1]
				v = v[2:]
			}
		}
	}
	m.els, m.vals = nil, nil
}

// placeCopy places copies of the items, leaving the galley as it was so it
// can be paginated again.
func (p *pager) placeCopy(pg *Page, el *elem, x0, y float64) {
	start := len(pg.Items)
	pg.Items = append(pg.Items, el.items...)
	copyInto(pg.Items[start:], x0, y)
	p.placeRest(pg, el, x0, y)
}

func (p *pager) placeRest(pg *Page, el *elem, x0, y float64) {
	for _, a := range el.anchors {
		pg.Anchors = append(pg.Anchors, Anchor{Name: a.Name, Y: y + a.Y})
	}
	if p.linkPages != nil {
		for _, l := range el.links {
			p.linkPages[l] = pg
		}
	}
	o := p.g.o
	if el.lineNo > 0 && el.lineNo%o.LineNumberEvery == 0 {
		st := p.e.baseStyle(o.FontSize * 0.72)
		st.gray = 0.45
		label := itoa(el.lineNo)
		w := p.e.textWidth(label, st)
		x := x0 + p.g.textW + 0.8*o.FontSize
		if !pg.Recto {
			x = x0 - 0.8*o.FontSize - w
		}
		pg.Items = append(pg.Items, &Text{X: x, Y: y + el.base, Face: st.face, Size: st.size, Text: label, Gray: st.gray})
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
