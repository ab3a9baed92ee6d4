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
	// base is the index in the whole book of this sequence's first page.
	base  int
	pages []*Page
	info  []pageInfo
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

// flow paginates a galley, starting on a new page of kind first.
func (p *pager) flow(gl *galley, first pageKind, head string) {
	g := p.g
	elems := gl.elems
	avail := g.textH
	footMax := 0.6 * avail
	var carry []chunk
	// pending are figures passed over because they did not fit the rest
	// of a page, waiting for the top of the next, in their order.
	var pending []floatGroup
	i := 0
	kind := first
	for i < len(elems) || len(carry) > 0 || len(pending) > 0 {
		pg := p.newPage(kind, gl.entry, head)
		info := &p.info[len(p.info)-1]
		kind = pkBody
		for i < len(elems) && elems[i].space {
			i++
		}
		// Notes carried from the previous page come first.
		var foot []chunk
		footH := 0.0
		contd := len(carry) > 0
		if len(carry) > 0 {
			var used float64
			foot, carry, used, _ = fitNotes(carry, footMax-p.sepH(), nil)
			if len(foot) == 0 && len(carry) > 0 {
				// Not even two lines fit the cap: take them regardless.
				c := carry[0]
				k := c.from
				for k < c.to && (c.nf.textLines(c.from, k) < minNoteLines || c.nf.textLines(k, c.to) < minNoteLines) && c.nf.textLines(k, c.to) > 0 {
					k++
				}
				foot = []chunk{{c.nf, c.from, k}}
				carry[0].from = k
				if carry[0].from >= carry[0].to {
					carry = carry[1:]
				}
				used = foot[0].height()
			}
			footH = used + p.sepH()
		}
		blocked := len(carry) > 0
		bodyH := 0.0
		// Figures waiting from the page before go at its top.
		var tops []floatGroup
		for len(pending) > 0 {
			h := pending[0].h + p.floatGap()
			if bodyH+h+footH > avail+1e-6 && (bodyH > 0 || footH > 0) {
				break
			}
			tops = append(tops, pending[0])
			bodyH += h
			pending = pending[1:]
		}
		var hdr []elem
		if i < len(elems) && elems[i].header != nil && i > 0 {
			for _, h := range elems[i].header {
				hdr = append(hdr, h)
				bodyH += h.h
			}
		}
		type snap struct {
			j            int
			bodyH, footH float64
			nfoot        int
		}
		last := snap{j: -1}
		j := i
		var split []chunk // carry from a note split at the page's last line
		var passed []floatGroup
		for j < len(elems) {
			el := &elems[j]
			if fg, ok := floatAt(elems, j, avail); ok && bodyH > 0 {
				// A figure that does not fit the rest of the page, or
				// that would come before one still waiting, waits for
				// the next page; the text after it fills this one. The
				// space around it goes with it.
				if len(pending) > 0 || len(passed) > 0 || bodyH+fg.h+footH > avail+1e-6 {
					if fg.from > i && elems[fg.from-1].space {
						fg.from--
						bodyH -= elems[fg.from].h
					}
					if fg.to < len(elems) && elems[fg.to].space {
						fg.to++
					}
					passed = append(passed, fg)
					j = fg.to
					continue
				}
			}
			var fresh []chunk
			freshH := 0.0
			for _, nf := range el.notes {
				fresh = append(fresh, chunk{nf, 0, len(nf.lines)})
				freshH += nf.h
			}
			sep := 0.0
			if len(fresh) > 0 && len(foot) == 0 {
				sep = p.sepH()
			}
			if len(fresh) > 0 && blocked {
				break
			}
			if bodyH+el.h+footH+sep+freshH <= avail+1e-6 {
				foot = append(foot, fresh...)
				footH += sep + freshH
				bodyH += el.h
				j++
				if !el.keep {
					last = snap{j, bodyH, footH, len(foot)}
				}
				continue
			}
			if len(fresh) > 0 {
				// Split the new notes, keeping with this elem the ones it
				// must not be parted from (the rest of a paragraph's
				// orphan-protected start, say), if they have no notes.
				chainH, k := 0.0, j
				ok := true
				for k < len(elems) && elems[k].keep {
					k++
					if k < len(elems) {
						if len(elems[k].notes) > 0 {
							ok = false
						}
						chainH += elems[k].h
					}
				}
				room := avail - bodyH - el.h - chainH - footH - sep
				// Ending the page at the last allowed break, so the
				// reference goes over with its note whole, beats splitting
				// the note when it leaves no more than a few lines empty,
				// and always when the split would leave the entry's last
				// page with nothing but the rest of the note.
				atEnd := k+1 >= len(elems)
				move := last.j > i && (atEnd || avail-last.bodyH-last.footH <= maxGapForNote*g.lead)
				if ok && room > 0 && !move {
					placed, rest, used, started := fitNotes(fresh, room, nil)
					if started {
						foot = append(foot, placed...)
						footH += sep + used
						bodyH += el.h + chainH
						split = rest
						j = min(k+1, len(elems))
						last = snap{j, bodyH, footH, len(foot)}
					}
				}
			}
			break
		}
		end := j
		switch {
		case j >= len(elems) || split != nil:
		case last.j > i:
			end = last.j
			bodyH, footH, foot = last.bodyH, last.footH, foot[:last.nfoot]
		case blocked:
			// Carried notes fill the page and no allowed break came before
			// the text that must wait: the page holds only notes.
			end = i
		case j > i:
			// No allowed break on the page: break where it is full.
		case contd:
			// The first elem does not fit under the notes carried here; on
			// the next page, with no notes carried, it will.
			end = i
		default:
			// Not even one elem fits an empty page with its notes: place it
			// and as much of its notes as fits.
			el := &elems[i]
			end = i + 1
			bodyH += el.h
			var fresh []chunk
			for _, nf := range el.notes {
				fresh = append(fresh, chunk{nf, 0, len(nf.lines)})
			}
			sep := 0.0
			if len(foot) == 0 && len(fresh) > 0 {
				sep = p.sepH()
			}
			placed, rest, used, _ := fitNotes(fresh, math.Max(0, avail-bodyH-footH-sep), foot)
			foot = placed
			footH += sep + used
			split = rest
		}
		carry = append(carry, split...)
		// Figures passed over before the page's end wait for the next.
		var skip []floatGroup
		for _, fg := range passed {
			if fg.pic < end {
				skip = append(skip, fg)
				pending = append(pending, fg)
			}
		}
		// Place the figures at the top, then the text.
		x0 := g.left(pg.Recto)
		y := g.top
		for _, fg := range tops {
			for k := fg.pic; k < fg.pic+fg.n; k++ {
				p.place(pg, &elems[k], x0, y)
				if p.trace {
					info.floats = append(info.floats, &elems[k])
				}
				y += elems[k].h
			}
			y += p.floatGap()
		}
		for _, h := range hdr {
			p.placeCopy(pg, &h, x0, y)
			y += h.h
		}
		for k := i; k < end; k++ {
			if len(skip) > 0 && k == skip[0].from {
				k = skip[0].to - 1
				skip = skip[1:]
				continue
			}
			el := &elems[k]
			if el.space && (k == i || k == end-1) {
				y += el.h
				continue
			}
			if info.mark == nil && el.mark != nil {
				info.mark = el.mark
			}
			p.place(pg, el, x0, y)
			if p.trace {
				info.placed = append(info.placed, el)
			}
			y += el.h
		}
		if info.mark == nil && len(tops) > 0 {
			info.mark = elems[tops[0].pic].mark
		}
		i = end
		// Place the notes at the foot, under a short rule (a full-width one
		// when the first note continues from the page before).
		if p.trace {
			info.foot = append(info.foot, foot...)
		}
		if len(foot) > 0 {
			fy := g.bottom() - footH
			ry := fy + p.sepH()*0.45
			rw := g.textW * 0.3
			if contd {
				rw = g.textW
			}
			pg.Items = append(pg.Items, &Rule{X1: x0, Y1: ry, X2: x0 + rw, Y2: ry, Width: 0.5})
			fy += p.sepH()
			for _, c := range foot {
				for li := c.from; li < c.to; li++ {
					ln := &c.nf.lines[li]
					p.place(pg, ln, x0, fy)
					fy += ln.h
				}
			}
		}
	}
}

// floatGroup is a figure with its caption, elems pic to pic+n, which may
// be set at the top of a later page; from and to include the space around
// it, left out of the text where the figure was.
type floatGroup struct {
	from, pic, n, to int
	h                float64
}

// floatAt reports the figure starting at elems[j] that may float: it has
// no notes and is not so tall that it could not share a page with text.
func floatAt(elems []elem, j int, avail float64) (floatGroup, bool) {
	n := int(elems[j].float)
	if n <= 0 || j+n > len(elems) {
		return floatGroup{}, false
	}
	fg := floatGroup{from: j, pic: j, n: n, to: j + n}
	for k := j; k < j+n; k++ {
		if len(elems[k].notes) > 0 {
			return floatGroup{}, false
		}
		fg.h += elems[k].h
	}
	return fg, fg.h <= 0.8*avail
}

// floatGap is the space between a figure at the top of a page and the
// text under it.
func (p *pager) floatGap() float64 { return p.g.lead * 0.8 }

// place puts an elem's items and its anchors on the page at (x0, y).
func (p *pager) place(pg *Page, el *elem, x0, y float64) {
	if !p.once {
		p.placeCopy(pg, el, x0, y)
		return
	}
	shiftItems(el.items, x0, y)
	pg.Items = append(pg.Items, el.items...)
	p.placeRest(pg, el, x0, y)
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
