package layout

import (
	"math"
	"slices"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// centred sets text centred on the measure from baseline y on pg, as a
// paragraph of the structure, and returns the y below it.
func (p *pager) centred(pg *Page, text string, st style, y float64) float64 {
	return p.centredAs(pg, text, st, y, 0)
}

// centredAs is centred for a heading of level, or a paragraph (0).
func (p *pager) centredAs(pg *Page, text string, st style, y float64, level int) float64 {
	if strings.TrimSpace(text) == "" {
		return y
	}
	lead := st.size * 1.3
	x0 := p.g.left(pg.Recto)
	var el *Elem
	if p.structure != nil {
		el = p.structure.add(RoleParagraph)
		if level > 0 {
			el.Role, el.Level = RoleHeading, level
		}
	}
	for _, ln := range p.e.setPara(p.e.textSegs(text, st), p.g.textW, 0, alignCenter) {
		items := append([]Item(nil), ln.items...)
		copyInto(items, x0, y)
		for _, it := range items {
			if t, ok := it.(*Text); ok {
				t.Elem = el
			}
		}
		pg.Items = append(pg.Items, items...)
		y += lead
	}
	return y
}

func (p *pager) halfTitle(m doc.Meta) {
	pg := p.newPage(pkPlain, nil, "")
	st := p.e.baseStyle(p.e.size * 1.5)
	p.centred(pg, m.Title, st, p.g.top+p.g.textH*0.25)
}

// titlePage sets the title, the subtitle, the edition's title when it is
// shown, the creators and the publisher.
func (p *pager) titlePage(m doc.Meta, edition string) {
	pg := p.newPage(pkPlain, nil, "")
	e := p.e
	y := p.g.top + p.g.textH*0.12
	st := e.baseStyle(e.size * 2.3)
	st.face.Style = fonts.Bold
	// the book's title heads it as a chapter's title heads the chapter
	y = p.centredAs(pg, m.Title, st, y, 1)
	if m.Subtitle != "" {
		st := e.baseStyle(e.size * 1.4)
		st.face.Style = fonts.Italic
		y = p.centred(pg, m.Subtitle, st, y+e.lead*0.6)
	}
	if edition != "" {
		st := e.baseStyle(e.size * 1.2)
		y = p.centred(pg, edition, st, y+e.lead*1.2)
	}
	y = math.Max(y+e.lead*3, p.g.top+p.g.textH*0.42)
	nst := e.baseStyle(e.size * 1.25)
	rst := e.baseStyle(e.size)
	rst.face.Style = fonts.Italic
	// authors first, then everyone else with their role
	for _, pass := range []bool{true, false} {
		for _, c := range m.Creators {
			if (c.Role == "aut" || c.Role == "") != pass {
				continue
			}
			if w, ok := e.words.Roles[c.Role]; ok {
				y = p.centred(pg, w, rst, y)
			}
			y = p.centred(pg, c.Name, nst, y) + e.lead*0.6
		}
	}
	if m.Publisher != "" {
		st := e.baseStyle(e.size)
		p.centred(pg, m.Publisher, st, p.g.bottom()-e.lead)
	}
}

// copyright sets the colophon in small type at the foot of the title verso,
// its paragraphs flush left with space between them; a colophon taller
// than the page flows over the pages after it instead.
func (p *pager) copyright(b *doc.Book, fallbackFonts []string) {
	e := p.e
	gl := &galley{e: e, entry: &doc.Entry{}, attached: map[*doc.Note]bool{}, inNote: true}
	if p.structure != nil {
		gl.root = p.structure.add(RoleSection)
		gl.cur = gl.root
	}
	size := e.size * 0.82
	colophon := b.Colophon
	if len(fallbackFonts) > 0 {
		colophon = append(slices.Clip(colophon), &doc.Paragraph{Content: []doc.Inline{&doc.Text{
			Text: "Also set in " + andList(fallbackFonts) + ", for the characters the book’s faces lack."}}})
	}
	gl.blocks(colophon, bctx{width: p.g.textW, size: size, lead: size * 1.3, flush: true})
	for len(gl.elems) > 0 && gl.elems[len(gl.elems)-1].space {
		gl.elems = gl.elems[:len(gl.elems)-1]
	}
	h := 0.0
	for _, el := range gl.elems {
		h += el.h
	}
	if h > p.g.textH {
		p.flow(gl, pkPlain, "")
		for i := range p.info {
			p.info[i].kind = pkPlain
		}
		return
	}
	pg := p.newPage(pkPlain, nil, "")
	y := p.g.bottom() - h
	for i := range gl.elems {
		p.place(pg, &gl.elems[i], p.g.left(pg.Recto), y)
		y += gl.elems[i].h
	}
}

// tocLine is one line of the contents.
type tocLine struct {
	level  int // 0 parts and entries, 1 their chapters, +1 for headings
	head   bool
	bold   bool
	title  string
	label  string
	anchor string
	lang   string // the title's language, "" the book's
}

// contentsGalley sets the contents: titles ragged, dot leaders, page
// numbers flush right, each line linked to its target.
func (e *engine) contentsGalley(lines []tocLine) *galley {
	en := &doc.Entry{ID: "", Title: []doc.Inline{&doc.Text{Text: e.words.Contents}}}
	g := &galley{e: e, entry: en, attached: map[*doc.Note]bool{}, inNote: true}
	g.root = &Elem{Role: RoleSection}
	g.cur = g.root
	g.chapterOpening(en, nil)
	g.cur = g.root.add(RoleContents)
	toc := g.cur
	g.elems[0].anchors = nil
	W := e.g.textW
	dotSt := e.baseStyle(e.size * 0.92)
	dot := e.textWidth(". ", dotSt)
	for _, tl := range lines {
		size := e.size
		if tl.head {
			size *= 0.92
		}
		lead := size * 1.35
		st := e.baseStyle(size)
		if tl.lang != "" {
			st.lang = tl.lang
		}
		if tl.bold {
			st.face.Style = fonts.Bold
			g.space(e.lead * 0.6)
		}
		indent := float64(tl.level) * 1.5 * e.size
		numSt := e.baseStyle(size)
		numW := e.textWidth(tl.label, numSt)
		// A title too long for one line continues under itself indented
		// (the first line hangs out by hang), the number on its last line.
		hang := e.size
		avail := W - indent - hang - numW - 2*e.size
		set := e.setPara(e.textSegs(e.isolate(tl.title, tl.lang), st), avail, -hang, alignLeft)
		base := baseline(size, lead)
		g.cur = toc.add(RoleContentsEntry)
		for k, ln := range set {
			var leaders *Text
			el := elem{h: lead, base: base, items: ln.items}
			shiftItems(el.items, indent+hang, base)
			if k == len(set)-1 {
				// Every line's leaders are the same dots on one grid, so
				// they stand in columns down the page.
				x := math.Ceil((indent+hang+ln.width+0.5*e.size)/dot) * dot
				n := int((W - numW - 0.5*e.size - x) / dot)
				if n > 0 {
					leaders = &Text{X: x, Y: base, Face: dotSt.face, Size: dotSt.size, Text: strings.Repeat(". ", n), Gray: 0.4}
					el.items = append(el.items, leaders)
				}
				items, _ := e.textRuns(tl.label, numSt, W-numW)
				shiftItems(items, 0, base)
				el.items = append(el.items, items...)
			}
			if tl.anchor != "" {
				// the line's words and number are the link's
				el.items = append(el.items, &Link{Rect: Rect{X: indent, Y: 0, W: W - indent, H: lead}, Anchor: tl.anchor, Runs: len(el.items)})
			}
			// A part's line stays with its first chapter's.
			el.keep = k < len(set)-1 || tl.bold
			g.add(el)
			if leaders != nil {
				leaders.Elem = nil // dots to lead the eye: an artifact
			}
		}
	}
	return g
}

// describer names the fonts a face is drawn from (fonts.Set does).
type describer interface {
	Describe(f fonts.Face) fonts.FontInfo
}

// colorFontDescriber names the colour emoji font (fonts.Set does).
type colorFontDescriber interface {
	ColorFont() (fonts.FontInfo, bool)
}

// fallbackFontNames names the fallback fonts text on pages is set in, and
// the colour font of its emoji drawn as pictures, in order of name: the
// colophon says which they are, as the summary does.
func fallbackFontNames(m Metrics, pages []*Page) []string {
	d, ok := m.(describer)
	if !ok {
		return nil
	}
	seen := map[fonts.Face]bool{}
	var names []string
	cf, _ := m.(colorFontDescriber)
	for _, pg := range pages {
		for _, it := range pg.Items {
			t, ok := it.(*Text)
			if ok && t.Hidden() && cf != nil {
				// the characters of an emoji drawn as a colour picture
				if info, ok := cf.ColorFont(); ok && !slices.Contains(names, info.Name) {
					names = append(names, info.Name)
				}
			}
			if !ok || t.Face.Family < fonts.FirstFallback || seen[t.Face] {
				continue
			}
			seen[t.Face] = true
			if n := d.Describe(t.Face).Name; n != "" && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	slices.Sort(names)
	return names
}

// andList writes "a", "a and b", "a, b and c".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
