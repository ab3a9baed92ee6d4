package layout

import (
	"math"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// entryGalley sets one entry: its opening, its blocks and, with endnotes,
// its notes.
func (e *engine) entryGalley(en *doc.Entry) *galley {
	e.pos = doc.Pos{File: en.File}
	e.urlNotes = 0
	e.lang = en.Language
	g := &galley{e: e, entry: en, attached: map[*doc.Note]bool{}}
	role := RoleSection
	if en.Kind == doc.KindPart {
		role = RolePart
	}
	g.root = &Elem{Role: role, Lang: en.Language}
	g.cur, g.curLang = g.root, en.Language
	c := bctx{width: e.g.textW, size: e.size, lead: e.lead, number: e.o.LineNumbers && en.Kind == doc.KindSource}
	blocks := en.Blocks
	var h1 *doc.Heading
	if len(blocks) > 0 {
		if h, ok := blocks[0].(*doc.Heading); ok && h.Level == 1 {
			h1, blocks = h, blocks[1:]
		}
	}
	if en.Kind == doc.KindPart {
		g.partOpening(en, h1)
	} else {
		g.chapterOpening(en, h1)
	}
	g.opening = len(g.elems)
	g.chapterStart = true
	g.blocks(blocks, c)
	if e.o.Endnotes {
		g.endnotes(c)
	} else {
		// Notes nothing referenced still print, at the foot of the entry's
		// last page.
		for _, n := range en.Notes {
			if g.attached[n] {
				continue
			}
			for i := len(g.elems) - 1; i >= 0; i-- {
				if !g.elems[i].space {
					g.attached[n] = true
					g.elems[i].notes = append(g.elems[i].notes, e.noteFlow(n, g))
					break
				}
			}
		}
	}
	for len(g.elems) > 0 && g.elems[len(g.elems)-1].space {
		g.elems = g.elems[:len(g.elems)-1]
	}
	g.ownKids = len(g.root.Kids)
	return g
}

// titleInlines is what a chapter opening prints: the entry's level-1
// heading as the reader sees it in the EPUB too (with its note markers,
// such as a source's provenance note, whose notes start at the foot of the
// opening page), else the manifest's title.
func titleInlines(en *doc.Entry, h1 *doc.Heading) []doc.Inline {
	switch {
	case h1 != nil && len(h1.Content) > 0:
		return h1.Content
	case len(en.Title) > 0:
		return en.Title
	}
	return []doc.Inline{&doc.Text{Text: en.ID}}
}

func (g *galley) startAnchors(en *doc.Entry, h1 *doc.Heading) []Anchor {
	var as []Anchor
	if en.ID != "" {
		as = append(as, Anchor{Name: en.ID})
	}
	if h1 != nil && h1.ID != "" && h1.ID != en.ID {
		as = append(as, Anchor{Name: h1.ID})
	}
	return as
}

func (g *galley) chapterOpening(en *doc.Entry, h1 *doc.Heading) {
	e := g.e
	var mark *pmark
	if h1 != nil {
		mark = &pmark{entry: en, block: h1}
	}
	g.add(elem{h: math.Round(e.g.textH * 0.2), keep: true, anchors: g.startAnchors(en, h1), mark: mark})
	if h1 != nil {
		defer e.enterLang(h1)()
	}
	size := e.size * 1.9
	lead := size * 1.2
	st := e.baseStyle(size)
	lines := e.setPara(e.segsOf(titleInlines(en, h1), st, false), e.g.textW, 0, alignLeft)
	var blk doc.Block
	if h1 != nil {
		blk = h1
	}
	pop := g.pushHeading(1)
	g.addLines(lines, bctx{width: e.g.textW}, blk, lead, size)
	pop()
	for i := range g.elems {
		g.elems[i].keep = true
	}
	g.space(e.lead * 2.5)
	g.elems[len(g.elems)-1].rigid = true
	g.bindNext = 1
}

func (g *galley) partOpening(en *doc.Entry, h1 *doc.Heading) {
	e := g.e
	var mark *pmark
	if h1 != nil {
		mark = &pmark{entry: en, block: h1}
	}
	g.add(elem{h: math.Round(e.g.textH * 0.3), keep: true, anchors: g.startAnchors(en, h1), mark: mark})
	if h1 != nil {
		defer e.enterLang(h1)()
	}
	size := e.size * 2.2
	st := e.baseStyle(size)
	lines := e.setPara(e.segsOf(titleInlines(en, h1), st, false), e.g.textW, 0, alignCenter)
	pop := g.pushHeading(1)
	g.addLines(lines, bctx{width: e.g.textW}, nil, size*1.25, size)
	pop()
	for i := range g.elems {
		g.elems[i].keep = true
	}
	g.space(e.lead * 3)
	g.elems[len(g.elems)-1].rigid = true
	g.bindNext = 1
}

// noteFlow sets a note for the page foot in smaller type.
func (e *engine) noteFlow(n *doc.Note, parent *galley) *noteFlow {
	// A note is in its own language or its entry's, whatever the
	// language of the text that refers to it.
	saved := e.lang
	defer func() { e.lang = saved }()
	e.lang = n.Lang
	if e.lang == "" && parent.entry != nil {
		e.lang = parent.entry.Language
	}
	ng := &galley{e: e, entry: parent.entry, inNote: true, attached: parent.attached}
	if parent.cur != nil {
		// the note is read where it is referred to, after its paragraph
		ng.root = parent.cur.add(RoleNote)
		ng.cur, ng.curLang = ng.root, parent.curLang
		if e.lang != parent.curLang {
			ng.root.Lang, ng.curLang = e.lang, e.lang
		}
	}
	size := e.size * 0.8
	c := bctx{width: e.g.textW, size: size, lead: size * 1.25}
	ng.noteBody(n, c)
	for len(ng.elems) > 0 && ng.elems[len(ng.elems)-1].space {
		ng.elems = ng.elems[:len(ng.elems)-1]
	}
	nf := &noteFlow{note: n, lines: ng.elems}
	for i := range nf.lines {
		nf.lines[i].mark = nil
		nf.lines[i].lineNo = 0
		nf.h += nf.lines[i].h
	}
	return nf
}

// noteBody sets a note's label and blocks. Annotations and provenance notes
// have italic labels, telling the editor's voice from the author's.
func (g *galley) noteBody(n *doc.Note, c bctx) {
	e := g.e
	if n.Pos.File != "" {
		e.pos = n.Pos
	}
	st := e.baseStyle(c.size)
	if n.Kind != doc.FootnoteNote {
		st.face.Style = fonts.Italic
	}
	label := n.Label
	if label == "" {
		label = "*"
	}
	if n.ID != "" {
		g.pendAnchors = append(g.pendAnchors, n.ID)
	}
	blocks := n.Blocks
	lab := plainSegs(label+" ", st)
	lab[0].off = -1
	if len(blocks) > 0 {
		if p, ok := blocks[0].(*doc.Paragraph); ok {
			segs := append(lab, e.segsOf(p.Content, e.baseStyle(c.size), true)...)
			lines := e.setPara(segs, c.width, 0, alignJustify)
			pop := g.push(RoleParagraph)
			g.addLines(lines, c, nil, c.lead, c.size)
			pop()
			blocks = blocks[1:]
		} else {
			lines := e.setPara(lab, c.width, 0, alignLeft)
			g.addLines(lines, c, nil, c.lead, c.size)
		}
	} else {
		lines := e.setPara(lab, c.width, 0, alignLeft)
		g.addLines(lines, c, nil, c.lead, c.size)
	}
	g.blocks(blocks, c)
}

// endnotes sets the entry's notes after its text under a "Notes" heading
// (in the book's language).
func (g *galley) endnotes(c bctx) {
	e := g.e
	notes := append([]*doc.Note(nil), g.entry.Notes...)
	notes = append(notes, g.synthetic...)
	if len(notes) == 0 {
		return
	}
	g.space(c.lead * 2)
	st := e.baseStyle(c.size * 1.15)
	st.face.Style = fonts.Bold
	lines := e.setPara(plainSegs(e.words.Notes, st), c.width, 0, alignLeft)
	pop := g.pushHeading(2)
	g.addLines(lines, bctx{width: c.width}, nil, st.size*1.3, st.size)
	pop()
	g.elems[len(g.elems)-1].keep = true
	g.space(c.lead * 0.5)
	g.bindNext = 1
	nc := c
	nc.number = false
	nc.size = c.size * 0.9
	nc.lead = nc.size * 1.3
	g.inNote = true
	for i, n := range notes {
		if i > 0 {
			g.space(nc.lead * 0.3)
		}
		pop := g.push(RoleNote)
		g.noteBody(n, nc)
		pop()
	}
	g.inNote = false
}
