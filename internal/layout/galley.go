package layout

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// elem is one unbreakable piece of a galley: a line of text, a row of a
// table, a picture, or vertical space. Items are relative to the text
// block's left edge and the elem's top.
type elem struct {
	h       float64
	items   []Item
	anchors []Anchor
	notes   []*noteFlow
	// space is discarded at a page break.
	space bool
	// asked, on a space, is the most that the blocks beside it asked for,
	// a figure's own space left out: what stays between the text on
	// either side of a figure that moves to a later page.
	asked float64
	// keep forbids a page break after this elem.
	keep bool
	mark *pmark
	// lineNo is the line's number in a source (0: not counted); base is its
	// baseline, where a margin number goes.
	lineNo int
	base   float64
	// depth is how far the ink of the line's formulas and pictures reaches
	// below base (0 without them): at a page's foot it must stay inside
	// the text block.
	depth float64
	// header is a table's head, repeated when a page starts inside the table.
	header []elem
	// line and lines place a text line in its paragraph (lines 0: not a
	// paragraph line); heading marks a heading's lines. Tests check page
	// breaks with them.
	line, lines int32
	heading     bool
	// hyphen marks a line that ends in a hyphen: a page should not end
	// after it, and a recto must not, or the word is split by a page turn.
	hyphen bool
	// rigid marks space that does not stretch to fill a page (under a
	// chapter's title).
	rigid bool
	// pad is the blank height at the foot of a picture's elem: a page
	// ending in it is filled to the picture's foot.
	pad float64
	// float, on a figure's picture, is the number of elems of the figure
	// and its caption, which may move to the top of a later page.
	float int32
	// apart marks the line of a picture set apart in a paragraph, which
	// floats alone (float 1); lift is the room its line leaves above the
	// picture, left out at the top of a page.
	apart bool
	lift  float64
	// links are the links on the line that name their page.
	links []*doc.Link
	// col marks an elem set in a column of a two-column page (the index).
	col bool
	// shadeJoins and ruleJoins: the elem's background (a code block's) or
	// its rule down the side (a set-off block's) runs on into the next
	// elem's, so space a filled page adds under it is drawn over too and
	// the block stays one block.
	shadeJoins, ruleJoins bool
}

// pmark is where an elem's text starts in the tree, for the page map.
type pmark struct {
	entry *doc.Entry
	block doc.Block
	off   int
}

// noteFlow is a note set for the page foot.
type noteFlow struct {
	note  *doc.Note
	lines []elem
	h     float64
}

// tocHead is a heading listed in the contents (level 2 and down).
type tocHead struct {
	id    string
	title string
	level int
	lang  string // the heading's language
}

// galley is the set text of one entry, before pagination.
type galley struct {
	e     *engine
	entry *doc.Entry
	elems []elem
	// opening is the number of elems of the sunk title.
	opening int
	// chapterStart says the next blocks call sets the chapter's first
	// blocks, right after its opening.
	chapterStart bool
	// innerParts says a level-1 heading came after the opening: the
	// headings after it are listed one level down.
	innerParts bool
	heads      []tocHead
	lineNo     int
	attached   map[*doc.Note]bool
	// links continues a link's element on the next line (see linkChain)
	links linkChain
	// pending anchors and items for the next elem with text
	pendAnchors []string
	pendItems   []Item
	bindNext    int
	inNote      bool
	// deepWarned is set once nesting too deep for the page was reported.
	deepWarned bool
	// warnedIndent is set once a code line indented wider than the page
	// was reported.
	warnedIndent bool
	// synthetic notes (link URLs) to print with the endnotes
	synthetic []*doc.Note
	// columns says elems after the opening are set in two columns.
	columns bool
	// inSetOff: the blocks being set are set off already.
	inSetOff bool
	// floatApart: the lines being added are a paragraph's whose pictures
	// set apart may float (see addLines).
	floatApart bool
	// root is the entry's element of the structure, and cur the element
	// the items being set belong to (nil: artifacts); ownKids is the
	// number of root's kids the galley made, the entries inside it added
	// after them by each pass (see structure).
	root, cur *Elem
	ownKids   int
	// curLang is the language cur is in ("" the entry's).
	curLang string
	// leadIn: the block being set follows a paragraph that ends in a
	// colon ("…looks like this:"), so a picture opening it, or a figure,
	// is what the colon announces: it keeps its place under that
	// paragraph, bound to its last line, rather than float away from it
	// past the text after it.
	leadIn bool
}

// bctx is the measure and type of the blocks being set.
type bctx struct {
	left, width float64
	size, lead  float64
	italic      bool
	bold        bool
	center      bool // paragraphs centred, without indents
	right       bool // paragraphs set flush right, without indents
	number      bool
	listDepth   int
	// nest counts the quotes, lists and asides the blocks are in.
	nest int
	// flush sets paragraphs flush left and ragged, without indents, with
	// space between them, as on a copyright page.
	flush bool
	// hang sets the lines of a paragraph after its first this far in, as
	// the entries of a bibliography are.
	hang float64
	// fixed keeps pictures set apart in their place: in a figure made of
	// blocks, with its caption.
	fixed bool
}

// titleOnly reports whether the galley holds nothing but its opening.
func (g *galley) titleOnly() bool { return len(g.elems) <= g.opening }

// push makes a new element of role inside the current one and makes it
// current, with the language being set when that is not its parent's;
// the function returned makes its parent current again. Inside an
// artifact (cur nil) it makes nothing.
func (g *galley) push(role Role) func() {
	parent, lang := g.cur, g.curLang
	if parent == nil {
		return func() {}
	}
	k := parent.add(role)
	if g.e.lang != lang {
		k.Lang, g.curLang = g.e.lang, g.e.lang
	}
	g.cur = k
	return func() { g.cur, g.curLang = parent, lang }
}

// pushHeading is push for a heading of level.
func (g *galley) pushHeading(level int) func() {
	pop := g.push(RoleHeading)
	if g.cur != nil {
		g.cur.Level = level
	}
	return pop
}

// own gives the items that show content and belong to no element yet
// the current element; a link gets an element of its own inside it,
// which its runs belong to, and a formula's element (see drawing.place)
// becomes one of its kids, or of its link's.
func (g *galley) own(items []Item) {
	g.links.own(items, g.cur)
	for _, it := range items {
		switch it := it.(type) {
		case *Text:
			if it.Elem == nil {
				it.Elem = g.cur
			} else {
				it.Elem = g.adopt(it.Elem)
			}
		case *Rule:
			it.Elem = g.adopt(it.Elem)
		case *Picture:
			if it.Elem == nil {
				it.Elem = g.cur
			}
		}
	}
}

// adopt makes formula element f a kid of the current element, once,
// and returns it; in an artifact it returns nil, the formula's items
// being artifacts too.
func (g *galley) adopt(f *Elem) *Elem {
	if f == nil || f.Role != RoleFormula {
		return f
	}
	if g.cur == nil {
		return nil
	}
	return g.cur.adopt(f)
}

func (g *galley) add(el elem) {
	g.own(el.items)
	if el.space {
		if n := len(g.elems); n > 0 && g.elems[n-1].keep {
			el.keep = true
		}
		if n := len(g.elems); n == 0 || g.elems[n-1].space {
			if n > 0 {
				g.elems[n-1].h = math.Max(g.elems[n-1].h, el.h)
				g.elems[n-1].asked = math.Max(g.elems[n-1].asked, el.asked)
			}
			return
		}
		g.elems = append(g.elems, el)
		return
	}
	for _, a := range g.pendAnchors {
		el.anchors = append(el.anchors, Anchor{Name: a})
	}
	g.pendAnchors = g.pendAnchors[:0]
	if len(g.pendItems) > 0 {
		shiftItems(g.pendItems, 0, el.base)
		el.items = append(el.items, g.pendItems...)
		g.pendItems = nil
	}
	if g.bindNext > 0 {
		el.keep = true
		g.bindNext--
	}
	g.elems = append(g.elems, el)
}

func (g *galley) space(h float64) {
	g.add(elem{h: h, space: true, asked: h})
}

// figureSpace is the space a figure asks for around it, which goes with
// the figure when it waits for a later page.
func (g *galley) figureSpace(h float64) {
	g.add(elem{h: h, space: true})
}

// maxCreditLines is the most lines of text under a picture set apart
// that open its paragraph that are taken as its credit or caption.
const maxCreditLines = 3

func baseline(size, lead float64) float64 { return lead*0.5 + size*0.3 }

// addLines appends set lines as elems, keeping the first two and the last
// two lines of a paragraph together (no orphans, no widows).
//
// In a paragraph whose pictures set apart may float (g.floatApart), a
// picture's line floats as a figure does, and the lines of text alone are
// the paragraph's lines, numbered and bound by those rules: they meet
// when the picture floats away. Such a picture is bound to nothing but the
// paragraph's last line, when it stands between that and the last but
// one, so that the last line never goes over alone.
//
// A paragraph that is one line of text over a picture set apart that ends
// it is a label over its picture ("Layer 3:" and the layer): the two float
// as one, as a figure with its caption does, so that no page parts them.
// Not under a list's marker, which would go with it out of the list.
// Likewise a paragraph that opens with its one picture set apart and ends
// in at most maxCreditLines lines of text is a picture over its credit or
// caption, as READMEs write them (`<img><br><i>Source: …</i>`): the
// picture takes its lines with it when it floats.
func (g *galley) addLines(lines []tline, c bctx, block doc.Block, lead float64, size float64) {
	n := len(lines)
	base := baseline(size, lead)
	off := 0
	// A list's marker or the block's anchors, which go on the first line,
	// belong where the paragraph starts: a picture there keeps its place,
	// as one a lead-in announces does.
	pinned := len(g.pendItems) > 0 || len(g.pendAnchors) > 0
	if g.leadIn && block != nil && n > 0 && lines[0].apart {
		pinned = true
		g.bindToLeadIn()
	}
	floats := func(i int) bool {
		return g.floatApart && block != nil && lines[i].apart && (i > 0 || !pinned)
	}
	label := g.floatApart && block != nil && n == 2 && !lines[0].apart && lines[1].apart && len(g.pendItems) == 0
	credit := g.floatApart && block != nil && n >= 2 && n <= 1+maxCreditLines && floats(0)
	for i := 1; credit && i < n; i++ {
		credit = !lines[i].apart
	}
	// m lines of text, the last but one and the last at lines[lastButOne]
	// and lines[last]; k counts the lines of text set.
	m, lastButOne, last, k := n, n-2, n-1, 0
	if credit {
		m, lastButOne, last = n-1, n-2, n-1
	} else if g.floatApart && block != nil {
		m, lastButOne, last = 0, -1, -1
		for i := range lines {
			if !floats(i) {
				m++
				lastButOne, last = last, i
			}
		}
	}
	for i, ln := range lines {
		above, below := lineExtra(ln, base, lead)
		el := elem{h: lead + above + below, base: base + above, depth: ln.depth, items: ln.items, hyphen: ln.hyphen}
		switch {
		case label && i == 0:
			// bound to the picture, should the two not float (a note
			// marked in the label, or too tall for a page)
			el.float, el.keep, el.lines = 2, true, 1
			k++
		case label:
			el.apart = true
		case credit && i == 0:
			// as a figure's picture: bound to its lines, which it
			// takes with it, and lifted as a picture set apart is
			el.float, el.keep = int32(n), true
			el.lift = math.Max(0, el.base-(ln.rise-apartSpace*size))
		case credit:
			el.line, el.lines = int32(k), int32(m)
			el.keep = i < n-1
			k++
		case floats(i):
			el.float, el.apart = 1, true
			// the picture reaches up to its line's rise but for the room
			// set above it (as an estimated line, without items, tells)
			el.lift = math.Max(0, el.base-(ln.rise-apartSpace*size))
			el.keep = m >= 2 && lastButOne < i && i < last
		default:
			el.line, el.lines = int32(k), int32(m)
			el.keep = m >= 2 && (k == 0 || k == m-2)
			k++
		}
		shiftItems(el.items, c.left, el.base)
		if ln.off >= 0 && i > 0 {
			off = ln.off
		}
		if block != nil {
			el.mark = g.e.newMark(pmark{entry: g.entry, block: block, off: off})
		}
		for _, mk := range ln.marks {
			if mk.link != nil {
				el.links = append(el.links, mk.link)
				continue
			}
			if mk.refID != "" {
				el.anchors = append(el.anchors, Anchor{Name: mk.refID})
			}
			if mk.attach && g.e.o.Endnotes && mk.note.ID == "" && !g.inNote {
				g.synthetic = append(g.synthetic, mk.note)
			}
			if mk.attach && !g.e.o.Endnotes && !g.attached[mk.note] {
				g.attached[mk.note] = true
				el.notes = append(el.notes, g.e.noteFlow(mk.note, g))
			}
		}
		if c.number && ln.hasText {
			g.lineNo++
			el.lineNo = g.lineNo
		}
		g.add(el)
	}
}

// lineExtra is the height a line whose baseline is base under the top of
// its lead must add above and below it for its pictures: as in CSS, a
// line grows only when a picture reaches out of the line's own height,
// so it keeps off the line above as the line's letters do.
func lineExtra(ln tline, base, lead float64) (above, below float64) {
	return math.Max(0, ln.rise-base), math.Max(0, ln.drop-(lead-base))
}

func shiftItems(items []Item, dx, dy float64) {
	for _, it := range items {
		switch it := it.(type) {
		case *Text:
			it.X += dx
			it.Y += dy
		case *Rule:
			it.X1 += dx
			it.X2 += dx
			it.Y1 += dy
			it.Y2 += dy
		case *Box:
			it.X += dx
			it.Y += dy
		case *Picture:
			it.X += dx
			it.Y += dy
		case *Link:
			it.X += dx
			it.Y += dy
		}
	}
}

func copyItems(items []Item) []Item {
	out := append([]Item(nil), items...)
	copyInto(out, 0, 0)
	return out
}

// copyInto replaces each item of items by a copy moved by (dx, dy). The
// copies of its texts, most of what a line holds, are allocated at once.
func copyInto(items []Item, dx, dy float64) {
	var texts []Text
	for i, it := range items {
		switch it := it.(type) {
		case *Text:
			if len(texts) == 0 {
				n := 0
				for _, it := range items[i:] {
					if _, ok := it.(*Text); ok {
						n++
					}
				}
				texts = make([]Text, n)
			}
			c := &texts[0]
			texts = texts[1:]
			*c = *it
			c.X += dx
			c.Y += dy
			items[i] = c
		case *Rule:
			c := *it
			c.X1 += dx
			c.X2 += dx
			c.Y1 += dy
			c.Y2 += dy
			items[i] = &c
		case *Box:
			c := *it
			c.X += dx
			c.Y += dy
			items[i] = &c
		case *Picture:
			c := *it
			c.X += dx
			c.Y += dy
			items[i] = &c
		case *Link:
			c := *it
			c.X += dx
			c.Y += dy
			items[i] = &c
		}
	}
}

// blocks sets a block sequence. A paragraph following another paragraph
// (or a figure after one) gets a first-line indent; the first after a
// heading, quote or list does not.
func (g *galley) blocks(bs []doc.Block, c bctx) {
	indent := false
	// Chinese and Japanese indent every paragraph (cjkIndent): all of a
	// chapter's own, all but the first of a list item, a quotation or an
	// aside.
	top, first := g.chapterStart, true
	g.chapterStart = false
	// a lead-in before a group (a list, a div) announces its first block
	leadIn := g.leadIn
	defer func() { g.leadIn = false }()
	for _, b := range bs {
		if b != nil && b.Position().File != "" {
			g.e.pos = b.Position()
		}
		g.leadIn, leadIn = leadIn, false
		if p, ok := b.(*doc.Paragraph); ok && !p.Lines {
			leadIn = endsInColon(p.Content)
		}
		if g.setOff(b) {
			g.setOffBlock(b, c)
			indent = false
			continue
		}
		switch b.(type) {
		case *doc.Heading, *doc.Figure: // they place their own anchors
		default:
			if id := doc.BlockID(b); id != "" {
				g.pendAnchors = append(g.pendAnchors, id)
			}
		}
		restore := g.e.enterLang(b)
		if p, ok := b.(*doc.Paragraph); ok && p.Lines {
			g.lineBlock(p, c)
			indent = false
			restore()
			continue
		}
		if p, ok := b.(*doc.Paragraph); ok && displayMath(p) {
			// display math stands apart, as TeX's \abovedisplayskip
			// sets it, and the text after it goes on unindented
			g.space(c.lead * 0.5)
			g.e.displayWidth = c.width
			g.paragraph(p, c, false)
			g.e.displayWidth = 0
			g.space(c.lead * 0.5)
			first, indent = false, false
			restore()
			continue
		}
		if p, ok := b.(*doc.Paragraph); ok {
			if c.flush && indent {
				g.space(c.lead * 0.5)
			}
			if (top || !first) && g.e.cjkIndent() > 0 {
				indent = true
			}
			first = false
			g.paragraph(p, c, indent && !c.flush)
			if rulesOnly(p.Content) {
				// the labels of the rules the next block states
				// stand over it, never at the foot of the page before
				g.keepWithNext()
			}
			indent = true
			restore()
			continue
		}
		first = false
		switch b := b.(type) {
		case *doc.Heading:
			g.heading(b, c)
		case *doc.BlockQuote:
			g.space(c.lead * 0.5)
			q := g.indent(c, 1.5*c.size, 1.5*c.size)
			q.size = g.smaller(c.size, 0.93)
			q.lead = q.size * g.e.o.Leading
			pop := g.push(RoleQuote)
			g.blocks(b.Blocks, q)
			pop()
			g.space(c.lead * 0.5)
		case *doc.List:
			g.list(b, c)
		case *doc.CodeBlock:
			g.code(b, c)
		case *doc.ThematicBreak:
			g.thematic(c)
		case *doc.Table:
			g.table(b, c)
		case *doc.Figure:
			g.figure(b, c)
			if !g.inNote {
				// A figure may float to another page, leaving the
				// paragraphs around it to meet: as in LaTeX, the one
				// after it is indented as if it were not there.
				restore()
				continue
			}
		case *doc.Index:
			g.columns = true
			pop := g.push(RoleIndex)
			g.index(b, c)
			pop()
		case *doc.Div:
			g.div(b, c)
		}
		restore()
		indent = false
	}
}

// setOff reports whether b carries a condition tag the edition sets off.
func (g *galley) setOff(b doc.Block) bool {
	if b == nil || g.inSetOff || g.inNote || len(g.e.o.SetOff) == 0 {
		return false
	}
	for _, t := range b.Base().Tags {
		if slices.Contains(g.e.o.SetOff, t) {
			return true
		}
	}
	return false
}

// setOffBlock sets b indented, with a rule down its left side: the answers
// of a teacher's edition stand apart from the text students also have.
func (g *galley) setOffBlock(b doc.Block, c bctx) {
	start := len(g.elems)
	in := c
	in.left += 1.2 * c.size
	in.width -= 1.2 * c.size
	g.inSetOff = true
	g.blocks([]doc.Block{b}, in)
	g.inSetOff = false
	first, last := -1, -1
	for i := start; i < len(g.elems); i++ {
		if !g.elems[i].space {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	for i := first; i >= 0 && i <= last; i++ {
		x := c.left + 0.3*c.size
		g.elems[i].items = append(g.elems[i].items, &Rule{X1: x, Y1: 0, X2: x, Y2: g.elems[i].h, Width: 0.15 * c.size, Gray: 0.55})
		g.elems[i].ruleJoins = i < last
	}
}

// div sets a group in the print form of its kind: an aside indented, a
// term list with its terms in bold and their definitions indented below,
// a disclosure open with its summary in bold, a figure's caption as a
// picture's is.
func (g *galley) div(d *doc.Div, c bctx) {
	// <div align="center"> and <center>: every line in it so aligned
	switch d.Align {
	case doc.AlignCenter:
		c.center, c.right = true, false
	case doc.AlignRight:
		c.center, c.right = false, true
	case doc.AlignLeft:
		c.center, c.right = false, false
	}
	switch d.Kind {
	case doc.DivCaption:
		defer g.push(RoleCaption)()
	case doc.DivAside, doc.DivSection:
		defer g.push(RoleSection)()
	case doc.DivFigure, doc.DivDetails, doc.DivTermList:
		defer g.push(RoleGroup)()
	}
	switch d.Kind {
	case doc.DivAside:
		g.space(c.lead * 0.3)
		g.titledBlocks(d.Blocks, g.indent(c, c.size, c.size))
		g.space(c.lead * 0.3)
	case doc.DivSection:
		if slices.Contains(d.Classes, tabClass) && len(d.Blocks) > 1 && boldTitle(d.Blocks[0]) {
			// a content tab: its label, and under it its content indented,
			// so that the group's end shows where the text resumes
			g.blocks(d.Blocks[:1], c)
			g.keepWithNext()
			g.blocks(d.Blocks[1:], g.startIndent(c, 1.5*c.size))
			break
		}
		g.titledBlocks(d.Blocks, c)
	case doc.DivReference:
		// a bibliography's entry, its later lines hanging
		r := g.indent(c, 2*c.size, 0)
		if r.left > c.left {
			r.hang = r.left - c.left
		}
		g.blocks(d.Blocks, r)
	case doc.DivTermList:
		g.space(c.lead * 0.4)
		afterDefinition := false
		for _, b := range d.Blocks {
			part := b.(*doc.Div) // terms and definitions only (doc.Validate)
			if part.ID != "" {
				g.pendAnchors = append(g.pendAnchors, part.ID)
			}
			if part.Kind == doc.DivTerm {
				if afterDefinition {
					g.space(c.lead * 0.3)
				}
				tc := c
				tc.bold, tc.flush = true, false
				g.blocks(part.Blocks, tc)
				g.keepWithNext()
				afterDefinition = false
				continue
			}
			// indented on the side the text starts from
			g.blocks(part.Blocks, g.startIndent(c, 1.5*c.size))
			afterDefinition = true
		}
		g.space(c.lead * 0.4)
	case doc.DivSummary:
		sc := c
		sc.bold = true
		g.blocks(d.Blocks, sc)
		g.keepWithNext()
	case doc.DivCaption:
		cc := c
		cc.size = g.smaller(c.size, 0.9)
		cc.lead = cc.size * 1.3
		cc.italic, cc.center, cc.number = true, true, false
		g.space(c.lead * 0.3)
		g.blocks(d.Blocks, cc)
		g.space(c.lead * 0.3)
	case doc.DivFigure, doc.DivDetails:
		g.space(c.lead * 0.5)
		fc := c
		fc.fixed = fc.fixed || d.Kind == doc.DivFigure
		bs := d.Blocks
		if len(bs) > 1 && isCaption(bs[0]) {
			// a caption above its figure (a titled code listing's) never
			// ends a page
			g.blocks(bs[:1], fc)
			g.bindToLeadIn()
			bs = bs[1:]
		}
		g.blocks(bs, fc)
		g.space(c.lead * 0.5)
	default:
		if len(d.Classes) > 1 && d.Classes[0] == doc.TheoremClass {
			// bookdown's theorem environment, set apart; amsthm's plain
			// style sets a theorem's body in italics
			g.space(c.lead * 0.5)
			tc := c
			if env, ok := doc.TheoremByName(d.Classes[1]); ok && env.Style == "plain" {
				tc.italic = true
			}
			g.blocks(d.Blocks, tc)
			g.space(c.lead * 0.5)
			break
		}
		if slices.Contains(d.Classes, tabGroupClass) {
			// the tabs set apart from the text and from each other
			for _, b := range d.Blocks {
				g.space(c.lead * 0.5)
				g.blocks([]doc.Block{b}, c)
			}
			g.space(c.lead * 0.5)
			break
		}
		g.blocks(d.Blocks, c)
	}
}

// The classes the Markdown reader gives a group of content tabs (MkDocs'
// === "Label", MDX's <Tabs>) and each tab, whose first block is its label.
const (
	tabGroupClass = "tabbed-set"
	tabClass      = "tabbed-block"
)

// startIndent indents c by w on the side its text starts from.
func (g *galley) startIndent(c bctx, w float64) bctx {
	if g.e.paraLevel(g.e.lang) == 1 {
		return g.indent(c, 0, w)
	}
	return g.indent(c, w, 0)
}

// isCaption reports whether b is a figure's caption.
func isCaption(b doc.Block) bool {
	d, ok := b.(*doc.Div)
	return ok && d.Kind == doc.DivCaption
}

// titledBlocks sets a box's or a section's blocks. A first paragraph
// wholly in bold is its title (an admonition's, a content tab's): kept
// with what follows, and the paragraph after it not indented, as after a
// heading.
func (g *galley) titledBlocks(bs []doc.Block, c bctx) {
	if len(bs) > 1 && boldTitle(bs[0]) {
		g.blocks(bs[:1], c)
		g.keepWithNext()
		bs = bs[1:]
	}
	g.blocks(bs, c)
}

// boldTitle reports whether a block is a paragraph wholly in bold.
func boldTitle(b doc.Block) bool {
	p, ok := b.(*doc.Paragraph)
	if !ok || len(p.Content) != 1 {
		return false
	}
	_, ok = p.Content[0].(*doc.Strong)
	return ok
}

// keepWithNext holds the last line set to what follows it, so that a
// term or a summary never ends a page alone.
func (g *galley) keepWithNext() {
	if n := len(g.elems); n > 0 && !g.elems[n-1].space {
		g.elems[n-1].keep = true
	}
}

// rulesOnly reports a paragraph of rule labels alone (doc.RuleLabel), set
// over the block they label.
func rulesOnly(in []doc.Inline) bool {
	labels := 0
	for _, x := range in {
		switch x := x.(type) {
		case *doc.Span:
			if _, ok := doc.RuleName(x); !ok {
				return false
			}
			labels++
		case *doc.Text:
			if strings.TrimSpace(x.Text) != "" {
				return false
			}
		default:
			return false
		}
	}
	return labels > 0
}

// bindToLeadIn keeps the lead-in paragraph's last line, and any space
// after it, with what comes next.
func (g *galley) bindToLeadIn() {
	for i := len(g.elems) - 1; i >= 0; i-- {
		g.elems[i].keep = true
		if !g.elems[i].space {
			return
		}
	}
}

// endsInColon reports whether a paragraph's text ends in a colon, in any
// script's form of it, markup and spaces after it aside.
func endsInColon(in []doc.Inline) bool {
	last := ""
	doc.WalkInlines(in, doc.Visitor{Inline: func(x doc.Inline) bool {
		switch x := x.(type) {
		case *doc.Text:
			if t := strings.TrimRightFunc(x.Text, unicode.IsSpace); t != "" {
				last = t
			}
		case *doc.Code, *doc.Image:
			last = "-"
		}
		return true
	}})
	r, _ := utf8.DecodeLastRuneInString(last)
	return r == ':' || r == '：' || r == '꞉'
}

// textStyle is the style of a block's running text in context c: the
// body's at c's size, italic or bold where the block around it says so.
func (g *galley) textStyle(c bctx) style {
	st := g.e.baseStyle(c.size)
	if c.italic {
		st.face.Style = fonts.Italic
	}
	if c.bold {
		st.face.Style = boldOf(st.face.Style)
	}
	return st
}

func (g *galley) paragraph(p *doc.Paragraph, c bctx, indent bool) {
	defer g.push(RoleParagraph)()
	st := g.textStyle(c)
	segs := g.e.segsOf(p.Content, st, g.inNote)
	if len(segs) == 0 {
		return
	}
	if anchors, only := anchorsOnly(segs); only {
		// A paragraph of bare anchors takes no room: its anchors go where
		// the next content starts.
		if len(anchors) > 0 {
			g.add(elem{anchors: anchors})
		}
		return
	}
	ind := 0.0
	switch {
	case c.hang > 0:
		ind = -c.hang
	case indent:
		ind = c.size * 1.5
		if ems := g.e.cjkIndent(); ems > 0 {
			ind = c.size * ems
		}
	}
	mode := alignJustify
	switch {
	case c.center && p.Align == doc.AlignDefault, p.Align == doc.AlignCenter:
		mode, ind = alignCenter, 0
	case c.right && p.Align == doc.AlignDefault, p.Align == doc.AlignRight:
		mode, ind = alignRight, 0
	case c.flush || p.Align == doc.AlignLeft || codeOnly(p.Content):
		mode = alignLeft
	}
	lines := g.e.setPara(segs, c.width, ind, mode)
	// A picture set apart may float as a figure does, but in a note, in
	// a set-off block (whose rule runs down every line), among numbered
	// lines (whose numbers would go out of order) or in a figure.
	g.floatApart = !g.inNote && !g.inSetOff && !c.number && !c.fixed
	g.addLines(lines, c, p, c.lead, c.size)
	g.floatApart = false
}

// codeOnly reports whether a paragraph is code alone (paths, digests,
// commands, between line breaks): its spaces are the code's, which a
// justified line would widen, so it is set flush left.
func codeOnly(in []doc.Inline) bool {
	code := false
	for _, x := range in {
		switch x := x.(type) {
		case *doc.Code:
			code = true
		case *doc.Break:
		case *doc.Text:
			if strings.TrimSpace(x.Text) != "" {
				return false
			}
		default:
			return false
		}
	}
	return code
}

// anchorsOnly reports whether segs hold nothing to print but anchor
// points, and returns those anchors.
func anchorsOnly(segs []seg) ([]Anchor, bool) {
	var anchors []Anchor
	for _, sg := range segs {
		switch {
		case sg.mark != nil && sg.mark.link != nil && sg.text == "":
		case sg.mark != nil && sg.mark.note == nil && sg.text == "":
			anchors = append(anchors, Anchor{Name: sg.mark.refID})
		case sg.kind == segText && sg.pic == nil && strings.TrimSpace(sg.text) == "":
		default:
			return nil, false
		}
	}
	return anchors, true
}

var headingScale = [...]float64{1, 1.75, 1.35, 1.15, 1.0, 1.0, 0.92}

func (g *galley) heading(h *doc.Heading, c bctx) {
	lvl := min(max(h.Level, 1), 6)
	size := c.size * headingScale[lvl]
	lead := size * 1.25
	st := g.e.baseStyle(size)
	switch lvl {
	case 1, 2, 3, 4:
		st.face.Style = fonts.Bold
	case 5:
		st.face.Style = fonts.BoldItalic
	case 6:
		st.face.Style = fonts.Italic
	}
	before := []float64{0, 2, 1.6, 1.2, 1, 1, 1}[lvl] * c.lead
	g.space(before)
	pop := g.pushHeading(lvl)
	if h.ID != "" {
		g.pendAnchors = append(g.pendAnchors, h.ID)
	}
	segs := g.e.segsOf(h.Content, st, g.inNote)
	mode := alignLeft
	switch {
	case h.Align == doc.AlignCenter, h.Align == doc.AlignDefault && c.center:
		mode = alignCenter
	case h.Align == doc.AlignRight, h.Align == doc.AlignDefault && c.right:
		mode = alignRight
	}
	lines := g.e.setPara(segs, c.width, 0, mode)
	hc := c
	hc.number = false
	g.addLines(lines, hc, h, lead, size)
	pop()
	for i := len(g.elems) - len(lines); i < len(g.elems); i++ {
		if i >= 0 {
			g.elems[i].keep = true
			g.elems[i].heading = true
			g.elems[i].lines = 0
		}
	}
	g.space(c.lead * 0.5)
	g.bindNext = 1
	// A level-1 heading after the opening is listed as a section, and the
	// headings after it under it, as the EPUB's contents nest them: the
	// pandoc manual, one chapter, is in parts of level 1.
	depth := lvl
	if lvl == 1 {
		depth, g.innerParts = 2, true
	} else if g.innerParts {
		depth++
	}
	if depth <= 1+g.e.o.ContentsDepth && !g.inNote && h.ID != "" {
		g.heads = append(g.heads, tocHead{id: h.ID, title: doc.PlainText(h.Content), level: depth, lang: g.e.lang})
	}
}

var bullets = []string{"•", "–", "◦"}

func (g *galley) list(l *doc.List, c bctx) {
	if c.listDepth == 0 {
		g.space(c.lead * 0.4)
	}
	st := g.e.baseStyle(c.size)
	indent := 1.6 * c.size
	if l.Ordered {
		last := strconv.Itoa(l.Start + len(l.Items) - 1)
		indent = math.Max(indent, g.e.textWidth(last+".", st)+0.6*c.size)
	}
	// A list in a right-to-left language hangs its markers in the right
	// margin of its items, as a browser sets it.
	rtl := g.e.paraLevel(g.e.lang) == 1
	ic := g.indent(c, indent, 0)
	if rtl {
		ic = g.indent(c, 0, indent)
	}
	// at is where a marker w wide starts, gap away from the items' text.
	at := func(w, gap float64) float64 {
		if rtl {
			return ic.left + ic.width + gap
		}
		return ic.left - gap - w
	}
	ic.listDepth++
	defer g.push(RoleList)()
	for i, it := range l.Items {
		if i > 0 && !l.Tight {
			g.space(c.lead * 0.3)
		}
		var marker []Item
		switch {
		case it.Task != doc.NoTask:
			box := c.size * 0.62
			marker = taskBox(at(box, indent-0.2*c.size-box), c.size, it.Task == doc.TaskDone)
		case l.Ordered:
			label := strconv.Itoa(l.Start+i) + "."
			if rtl {
				// the full stop, a neutral, follows the number in
				// reading order: to its left
				label = "." + strconv.Itoa(l.Start+i)
			}
			items, w := g.e.textRuns(label, st, 0)
			shiftItems(items, at(w, 0.5*c.size), 0)
			marker = items
		default:
			items, w := g.e.textRuns(bullets[c.listDepth%len(bullets)], st, 0)
			shiftItems(items, at(w, 0.6*c.size), 0)
			marker = items
		}
		popItem := g.push(RoleListItem)
		popLabel := g.push(RoleLabel)
		g.own(marker)
		popLabel()
		g.pendItems = marker
		popBody := g.push(RoleListBody)
		g.blocks(it.Blocks, ic)
		if g.pendItems != nil {
			// an empty item still shows its marker
			g.add(elem{h: c.lead, base: baseline(c.size, c.lead)})
		}
		popBody()
		popItem()
	}
	if c.listDepth == 0 {
		g.space(c.lead * 0.4)
	}
}

// taskBox draws a checkbox (ticked when done) left of a task item, relative
// to the baseline: no face we ship has ☐ or ☑.
func taskBox(x, size float64, done bool) []Item {
	s := size * 0.62
	items := []Item{&Box{Rect: Rect{X: x, Y: -s, W: s, H: s}, Stroke: true, LineWidth: 0.05 * size}}
	if done {
		items = append(items,
			&Rule{X1: x + 0.15*s, Y1: -0.5 * s, X2: x + 0.42*s, Y2: -0.18 * s, Width: 0.09 * size},
			&Rule{X1: x + 0.42*s, Y1: -0.18 * s, X2: x + 0.9*s, Y2: -0.9 * s, Width: 0.09 * size})
	}
	return items
}

func (g *galley) thematic(c bctx) {
	st := g.e.baseStyle(c.size)
	text := "*   *   *"
	if g.e.has(st.face, '⁂') {
		text = "⁂"
	}
	items, w := g.e.textRuns(text, st, 0)
	lead := c.lead * 2
	base := baseline(c.size, lead)
	shiftItems(items, c.left+(c.width-w)/2, base)
	// an ornament, not text to read: an artifact
	cur := g.cur
	g.cur = nil
	g.add(elem{h: lead, base: base, items: items})
	g.cur = cur
}

// contMark is the sign that begins the continuation of a wrapped code line.
func (e *engine) contMark() string {
	for _, r := range []rune{'↪', '→', '»'} {
		if e.has(fonts.Face{Family: fonts.Mono}, r) {
			return string(r)
		}
	}
	return ">"
}

func (g *galley) code(b *doc.CodeBlock, c bctx) {
	e := g.e
	size := c.size * 0.85
	lead := size * 1.3
	st := e.baseStyle(size)
	st.face = fonts.Face{Family: fonts.Mono}
	pad := 0.5 * size
	avail := c.width - 2*pad
	mark := e.contMark()
	// the continuation marks are ornaments, not the code: artifacts
	var ornaments []Item
	markSt := st
	markSt.gray = 0.5
	base := baseline(size, lead)
	shade := func(h float64) Item {
		return &Box{Rect: Rect{X: c.left, Y: 0, W: c.width, H: h}, Fill: true, FillGray: 0.94}
	}
	if slices.Contains(b.Classes, "nb-output") {
		// a notebook's output is set apart from its code: a rule at its
		// left, no shade; darker for an error or stderr
		gray := 0.7
		if slices.Contains(b.Classes, "nb-error") || slices.Contains(b.Classes, "nb-stderr") {
			gray = 0.3
		}
		shade = func(h float64) Item {
			return &Box{Rect: Rect{X: c.left, Y: 0, W: 0.15 * size, H: h}, Fill: true, FillGray: gray}
		}
	}
	g.space(c.lead * 0.4)
	pop := g.push(RoleCode)
	first := len(g.elems)
	g.add(elem{h: pad, items: []Item{shade(pad)}, keep: true, shadeJoins: true})
	off := 0
	// a set line for each line of the source, and room for some wrapped:
	// a listing of 200,000 lines grown by appending alone allocated its
	// lines some twelve times over
	srcLines := strings.Split(b.Text, "\n")
	lineElems := make([]elem, 0, len(srcLines)+len(srcLines)/8)
	blank := make([]bool, 0, cap(lineElems))
	for _, src := range srcLines {
		// A tab moves to the next stop, every four columns, so that
		// columns a program printed with tabs stay aligned; page-map
		// offsets count the original runes, so remember where each
		// expanded rune came from.
		line := src
		var origin []int
		if strings.ContainsRune(src, '\t') {
			var sb strings.Builder
			i := 0
			for _, r := range src {
				if r == '\t' {
					for n := codeTabStop - len(origin)%codeTabStop; n > 0; n-- {
						sb.WriteByte(' ')
						origin = append(origin, i)
					}
				} else {
					sb.WriteRune(r)
					origin = append(origin, i)
				}
				i++
			}
			line = sb.String()
		}
		cont := false
		rest := line
		done := 0 // expanded runes set so far
		// Continuations hang at the line's own indentation, after a mark.
		indent := line[:len(line)-len(strings.TrimLeft(line, " "))]
		hang := e.textWidth(indent, st)
		if hang >= avail && len(indent) < len(line) {
			// An indent wider than the line would print whole lines of
			// spaces before the text (a staircase of thousands of
			// spaces, thousands of pages): the text starts where a
			// continuation would, and the spaces cut are counted as set.
			keep := fitPrefix(e, indent, st, avail/2)
			if !g.warnedIndent {
				g.warnedIndent = true
				g.warn(b.Pos, "code.indent", "a code line is indented wider than the page; its text is printed indented half the page's width")
			}
			done = len(indent) - keep
			rest = line[done:]
		}
		hang = math.Min(hang, avail/2)
		for {
			x := 0.0
			var items []Item
			if cont {
				it, w := e.textRuns(mark+" ", markSt, hang)
				items = append(items, it...)
				ornaments = append(ornaments, it...)
				x = hang + w
			}
			width := avail - x
			cut := fitPrefix(e, rest, st, width)
			chunk := rest[:cut]
			it, _ := e.textRuns(chunk, st, x)
			items = append(items, it...)
			shiftItems(items, c.left+pad, base)
			items = append([]Item{shade(lead)}, items...)
			at := done
			if origin != nil && at < len(origin) {
				at = origin[at]
			}
			lineElems = append(lineElems, elem{h: lead, base: base, items: items, mark: g.e.newMark(pmark{entry: g.entry, block: b, off: off + at}), shadeJoins: true})
			blank = append(blank, !cont && strings.TrimSpace(line) == "")
			done += utf8.RuneCountInString(chunk)
			rest = rest[cut:]
			if rest == "" {
				break
			}
			cont = true
		}
		off += utf8.RuneCountInString(src) + 1
	}
	// A run of blank lines is one space, which a page break discards as
	// it does the space between paragraphs: a listing broken between two
	// of its parts neither ends a page nor starts one with blank lines.
	n, m := len(lineElems), 0
	for i := range lineElems {
		if !blank[i] {
			m++
		}
	}
	// room for them all at once: a listing of 200,000 lines would
	// otherwise have the galley's elements copied at every doubling
	// while its own are still held
	g.elems = slices.Grow(g.elems, n+1)
	k := 0
	for i := 0; i < n; i++ {
		if !blank[i] {
			k++
			lineElems[i].keep = !codeMayBreakAfter(k, m, n)
			g.add(lineElems[i])
			continue
		}
		j := i
		for j+1 < n && blank[j+1] {
			j++
		}
		h := float64(j-i+1) * lead
		g.add(elem{h: h, items: []Item{shade(h)}, mark: lineElems[i].mark, space: true, rigid: true, shadeJoins: true,
			keep: !codeMayBreakAfter(k, m, n)})
		i = j
	}
	g.elems[len(g.elems)-1].keep = true
	g.add(elem{h: pad, items: []Item{shade(pad)}})
	artifacts(ornaments)
	pop()
	if len(g.elems) > first+1 {
		g.elems[first].mark = g.elems[first+1].mark
	}
	g.space(c.lead * 0.4)
}

// codeTabStop is the distance between the tab stops of code, in columns.
const codeTabStop = 4

// A code block of up to codeWhole set lines goes to a page whole; a
// longer one may break where each page keeps at least codeSide of its
// lines: two lines of code cut off at a page's foot or head, out of the
// listing they belong to, read as a fragment, and a short listing is read
// at a glance, so it is not cut at all.
const (
	codeWhole = 6
	codeSide  = 3
)

// codeMayBreakAfter reports whether a page may end after the first k of
// the m lines with text of a code block of n set lines (blank ones too).
func codeMayBreakAfter(k, m, n int) bool {
	return n > codeWhole && k >= codeSide && m-k >= codeSide
}

// fitPrefix is the byte length of the longest prefix of s that fits width,
// preferring to end after a space in its last two thirds (a word cut in
// two reads as two words) or after punctuation in its last third, at the
// later of the two; at least one rune. A hyphen or a full stop before a
// digit is part of a number ("0:-1", "0.22"), no place to break.
func fitPrefix(e *engine, s string, st style, width float64) int {
	w := 0.0
	lastSpace, lastPunct := -1, -1
	var prev rune
	started := false
	for i, r := range s {
		if (prev == '-' || prev == '.') && !unicode.IsDigit(r) {
			lastPunct = i
		}
		if r == '<' && started && prev != ' ' && prev != '<' {
			lastPunct = i // before a tag, "caps" | "</span>", not "caps</" | "span>"
		}
		adv := e.adv(st.face, r) * st.size
		if w+adv > width && i > 0 {
			cut := -1
			if lastSpace > 0 && float64(lastSpace) > float64(i)/3 {
				cut = lastSpace
			}
			if lastPunct > 0 && float64(lastPunct) > 0.66*float64(i) && lastPunct > cut {
				cut = lastPunct
			}
			if cut < 0 {
				return i
			}
			return cut
		}
		w += adv
		switch {
		case r == ' ' && started:
			// the spaces indenting the line are no break
			lastSpace = i + 1
		case strings.ContainsRune(",;)]}>/", r) && !(r == '/' && prev == '<'):
			lastPunct = i + 1
		}
		prev = r
		started = started || r != ' '
	}
	return len(s)
}

func (g *galley) figure(f *doc.Figure, c bctx) {
	e := g.e
	leadIn := g.leadIn && !g.inNote
	if leadIn {
		g.bindToLeadIn()
	}
	g.figureSpace(c.lead * 0.6)
	if leadIn {
		g.elems[len(g.elems)-1].keep = true
	}
	if f.ID != "" {
		g.pendAnchors = append(g.pendAnchors, f.ID)
	}
	img := f.Image
	maxH := e.g.textH * maxPictureShare
	hasCaption := len(f.Caption) > 0
	alt := ""
	if img != nil {
		alt = img.Alt
	}
	if alt == "" {
		alt = doc.PlainText(f.Caption)
	}
	var pop func()
	outer := g.cur
	if alt == "" {
		// Nothing says what the picture shows (a decorative one, or one
		// the media step warned has no description) and there is no
		// caption: it is an artifact, as a figure must have its text.
		g.cur = nil
		pop = func() { g.cur = outer }
	} else {
		pop = g.push(RoleFigure)
		if g.cur != nil {
			g.cur.Alt = alt
		}
	}
	var el elem
	if img != nil && img.Asset != nil && printable(img.Asset) {
		pw, ph := g.pictureSize(img, c, maxH)
		rect := Rect{X: c.left + (c.width-pw)/2, Y: 0, W: pw, H: ph}
		el = elem{h: ph + c.lead*0.4, items: []Item{&Picture{Rect: rect, Asset: img.Asset, Alt: img.Alt, Pos: img.Place(g.e.pos)}}}
		// A picture its author made a link is a link over its whole area.
		if f.Link != nil {
			if to := linkOf(f.Link); to != nil {
				area := &Link{Rect: rect, URL: to.url, Anchor: to.anchor}
				if g.cur == nil && outer != nil {
					// the picture an artifact, its link still one
					// of the text's, read where it stands
					area.Elem = outer.add(RoleLink)
				}
				el.items = append(el.items, area)
			}
		}
	} else {
		src, alt := "", ""
		if img != nil {
			src, alt = img.Src, img.Alt
		}
		why := "was not found or could not be read"
		switch {
		case img != nil && img.Asset != nil && len(img.Asset.Data) == 0:
			why = "has no image data"
		case img != nil && img.Asset != nil:
			why = "has no known size"
		}
		// An image without an asset was reported when the images were
		// loaded (remote, or undecodable); only what the layout itself
		// finds is worth a second line.
		if img != nil && img.Asset != nil {
			g.warn(img.Place(f.Pos), "image.unprintable", fmt.Sprintf("image %q %s; printed a frame with its description instead", src, why))
		}
		if alt == "" {
			alt = "Image: " + src
		}
		st := e.baseStyle(c.size * 0.9)
		st.face.Style = fonts.Italic
		st.gray = 0.3
		inner := c.width - 2*c.size
		lines := e.setPara(e.segsOf([]doc.Inline{&doc.Text{Text: alt}}, st, true), inner, 0, alignCenter)
		lineLead := st.size * 1.3
		ph := math.Min(math.Max(float64(len(lines)+2)*lineLead, c.width*0.3), maxH)
		if float64(len(lines))*lineLead > ph-lineLead {
			lines = lines[:max(1, int((ph-lineLead)/lineLead))]
		}
		items := []Item{&Box{Rect: Rect{X: c.left, Y: 0, W: c.width, H: ph}, Stroke: true, LineWidth: 0.6, Gray: 0.5}}
		y := (ph-float64(len(lines))*lineLead)/2 + baseline(st.size, lineLead)
		for _, ln := range lines {
			shiftItems(ln.items, c.left+c.size, y)
			items = append(items, ln.items...)
			y += lineLead
		}
		el = elem{h: ph + c.lead*0.4, items: items}
	}
	el.mark = &pmark{entry: g.entry, block: f, off: 0}
	el.pad = c.lead * 0.4
	el.keep = hasCaption
	g.add(el)
	pic := len(g.elems) - 1
	if hasCaption {
		st := e.baseStyle(c.size * 0.9)
		st.face.Style = fonts.Italic
		cc := c
		cc.number = false
		lines := e.setPara(e.segsOf(f.Caption, st, g.inNote), c.width, 0, alignCenter)
		start := len(g.elems)
		popCaption := g.push(RoleCaption)
		g.addLines(lines, cc, f, st.size*1.3, st.size)
		popCaption()
		for i := start; i < len(g.elems)-1; i++ {
			g.elems[i].keep = true
		}
	}
	pop()
	if !g.inNote && !leadIn {
		g.elems[pic].float = int32(len(g.elems) - pic)
	}
	g.figureSpace(c.lead * 0.6)
}

// minTypeScale is the smallest type, as a share of the body's, that
// nesting sets: each quote is set smaller than the text around it, and
// sixty-four quotes one in another would otherwise set glyphs a hundredth
// of the body's size, unreadable, and so many to a line that breaking the
// paragraph into lines takes time quadratic in its length.
const minTypeScale = 0.6

// smaller is size scaled by f, but no smaller than minTypeScale of the
// body's size (nor larger than size, should that already be below it).
func (g *galley) smaller(size, f float64) float64 {
	return min(size, max(size*f, minTypeScale*g.e.size))
}

// minNestedMeasure is the narrowest measure, in ems of the body type, that
// nesting may leave a quote, list or aside inside another.
const minNestedMeasure = 10

// indent is c indented by left and right for a quote, list or aside. One
// nested in others that would leave less than minNestedMeasure ems is set
// at the indent of the one around it instead, so that no nesting runs text
// off the page; the first time in an entry is reported.
func (g *galley) indent(c bctx, left, right float64) bctx {
	c.nest++
	if c.nest > 1 && c.width-left-right < minNestedMeasure*g.e.size {
		if !g.deepWarned {
			g.deepWarned = true
			g.warn(g.e.pos, "nesting.too-deep", "quotes and lists nested too deep for the page; from this one on they are set at the indent of the one around them")
		}
		return c
	}
	c.left += left
	c.width -= left + right
	return c
}

// pictureSize is the size a figure's picture is printed at. Pixels are CSS
// pixels (1/96 in), as in the EPUB, where the same picture is at most the
// column's width: large pictures shrink to the measure, small ones are
// not blown up into a blur. A size the author gave is honoured as CSS
// would (a percentage of the measure, ems of the type size), the other
// side in proportion; either way the picture keeps within the measure and
// maxH, its proportions kept.
func (g *galley) pictureSize(img *doc.Image, c bctx, maxH float64) (w, h float64) {
	aw, ah := g.length(img.Width, c, c.width), g.length(img.Height, c, 0)
	w, h = img.Asset.Shape()
	return fitPicture(w*0.75, h*0.75, aw, ah, c.width, maxH)
}

// printable says a picture has data and a size to print it at.
func printable(a *doc.Asset) bool {
	w, h := a.Shape()
	return w > 0 && h > 0 && len(a.Data) > 0
}

// length is an author's length in points; percentages are of whole, and
// mean nothing when whole is 0 (as a percentage height means nothing in
// CSS's flow). 0 for no length.
func (g *galley) length(l doc.Length, c bctx, whole float64) float64 {
	return lengthPoints(l, c.size, g.e.o.FontSize, whole)
}

// lengthPoints is l in points for type of size em in a book set in rem, a
// percentage being of whole (an ex half an em, as CSS takes it when it
// does not measure the font); 0 for no length.
func lengthPoints(l doc.Length, em, rem, whole float64) float64 {
	per := map[string]float64{"px": 0.75, "pt": 1, "pc": 12, "in": 72, "cm": 72 / 2.54, "mm": 72 / 25.4,
		"em": em, "rem": rem, "ex": em / 2, "%": whole / 100}[l.Unit]
	return l.Value * per
}

func (g *galley) warn(pos doc.Pos, code, msg string) {
	if pos.File == "" {
		pos = doc.Pos{File: g.entry.File}
	}
	g.e.warnings = append(g.e.warnings, diag.Diagnostic{Severity: diag.Warning, File: pos.File, Line: pos.Line, Column: pos.Column, Code: code, Message: msg})
}
