package site

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/xhtml"
)

// page is one HTML page: the index, or an entry's.
type page struct {
	file     string
	entry    *doc.Entry // nil for the index
	title    string     // plain text for <title>
	navLabel string
	children []*page // a part's chapters
	prev     *page
	next     *page

	nodeID       map[any]string
	level        map[*doc.Heading]int
	titleHeading *doc.Heading // the entry's leading level-1 heading, if any
	titleID      string
	blocks       []doc.Block // the index's colophon, an entry's blocks
	notes        []*doc.Note
	noteLabel    map[*doc.Note]string
	backlink     map[*doc.Note]string
	toc          []tocHeading
	startMarks   []*mark
}

// tocHeading is a heading the contents list.
type tocHeading struct {
	level int
	label string
	id    string
}

func newPage(file string) *page {
	return &page{
		file:      file,
		nodeID:    map[any]string{},
		level:     map[*doc.Heading]int{},
		noteLabel: map[*doc.Note]string{},
		backlink:  map[*doc.Note]string{},
	}
}

// plan names every page and settles its IDs, heading levels, notes and
// contents entries, so that rendering can resolve any link.
func (b *builder) plan() {
	names := nameSet{}
	names.claim("index", ".html")
	b.index = newPage(IndexFile)
	b.index.title = b.title
	b.index.navLabel = b.words.Contents
	b.index.blocks = b.book.Colophon

	var add func(es []*doc.Entry) []*page
	add = func(es []*doc.Entry) []*page {
		var out []*page
		for _, e := range es {
			base := fileBase(e.ID)
			if e.Role == doc.RoleIndex {
				base = "book-index" // index.html is the site's own
			}
			p := newPage(names.claim(base, ".html"))
			p.entry = e
			p.blocks = e.Blocks
			b.pageOf[e] = p
			b.pageByID[e.ID] = p
			b.pages = append(b.pages, p)
			out = append(out, p)
			p.children = add(e.Children)
		}
		return out
	}
	add(b.book.Entries)
	for i, p := range b.pages {
		if i > 0 {
			p.prev = b.pages[i-1]
		} else {
			p.prev = b.index
		}
		if i+1 < len(b.pages) {
			p.next = b.pages[i+1]
		}
	}
	if len(b.pages) > 0 {
		b.index.next = b.pages[0]
	}

	// The tree's IDs are claimed before any generated one, so that they
	// keep their names unless two of them clash.
	b.index.notes = collectNotes(nil, b.index.blocks)
	b.planBody(b.index)
	for _, p := range b.pages {
		b.planEntry(p)
	}
	b.index.titleID = "copyright-title"
	b.planHeadings(b.index, 2)
	for _, p := range b.pages {
		if p.titleHeading != nil {
			if _, ok := p.nodeID[p.titleHeading]; !ok {
				p.nodeID[p.titleHeading] = b.ids.Claim("title")
			}
			p.titleID = p.nodeID[p.titleHeading]
		} else {
			p.titleID = b.ids.Claim("title")
		}
		b.planHeadings(p, 1)
	}
}

func (b *builder) planEntry(p *page) {
	e := p.entry
	if len(e.Blocks) > 0 {
		if h, ok := e.Blocks[0].(*doc.Heading); ok && h.Level == 1 && xhtml.HasVisibleText(h.Content) {
			p.titleHeading = h
		}
	}
	p.navLabel = xhtml.OneLine(doc.PlainText(e.Title))
	if p.navLabel == "" && p.titleHeading != nil {
		p.navLabel = xhtml.OneLine(doc.PlainText(p.titleHeading.Content))
	}
	if p.navLabel == "" {
		// The EPUB warns of an entry without a title; one warning is enough.
		p.navLabel = xhtml.OneLine(e.ID)
		if p.navLabel == "" {
			p.navLabel = p.file
		}
	}
	p.title = p.navLabel + " — " + b.title
	p.notes = collectNotes(e.Notes, e.Blocks)
	b.planBody(p)
}

// walk visits blocks and inlines in document order; nested tells block
// whether it sits in a quotation, a list or a note, whose headings stay out
// of the contents.
type walk struct {
	block  func(bl doc.Block, nested bool)
	inline func(in doc.Inline)
}

func (v walk) blocks(bs []doc.Block, nested bool) {
	for _, bl := range bs {
		if v.block != nil {
			v.block(bl, nested)
		}
		switch bl := bl.(type) {
		case *doc.Paragraph:
			v.inlines(bl.Content)
		case *doc.Heading:
			v.inlines(bl.Content)
		case *doc.BlockQuote:
			v.blocks(bl.Blocks, true)
		case *doc.List:
			for _, it := range bl.Items {
				v.blocks(it.Blocks, true)
			}
		case *doc.Table:
			for _, c := range bl.Header {
				v.inlines(c.Content)
			}
			for _, row := range bl.Rows {
				for _, c := range row {
					v.inlines(c.Content)
				}
			}
		case *doc.Figure:
			v.inlines([]doc.Inline{bl.Image})
			v.inlines(bl.Caption)
		case *doc.Div:
			v.blocks(bl.Blocks, nested)
		}
	}
}

func (v walk) inlines(ins []doc.Inline) {
	for _, in := range ins {
		if v.inline != nil {
			v.inline(in)
		}
		v.inlines(doc.InlineChildren(in))
	}
}

// collectNotes lists the notes a page carries: its own, then any
// referenced from its text (or from those notes) that it does not list.
func collectNotes(own []*doc.Note, blocks []doc.Block) []*doc.Note {
	var out []*doc.Note
	seen := map[*doc.Note]bool{}
	add := func(n *doc.Note) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, n := range own {
		add(n)
	}
	v := walk{inline: func(in doc.Inline) {
		if r, ok := in.(*doc.NoteRef); ok {
			add(r.Note)
		}
	}}
	v.blocks(blocks, false)
	for i := 0; i < len(out); i++ {
		v.blocks(out[i].Blocks, true)
	}
	return out
}

// planBody claims the tree's IDs on p (headings, figures, divs, anchor
// spans, note references and notes) and records which page holds each
// block.
func (b *builder) planBody(p *page) {
	claim := func(id string, key any) {
		final := b.ids.Claim(id)
		p.nodeID[key] = final
		if _, taken := b.anchors[id]; !taken && id != "" {
			b.anchors[id] = anchor{page: p, id: final}
		}
	}
	v := walk{
		block: func(bl doc.Block, _ bool) {
			if _, seen := b.blockPage[bl]; !seen {
				b.blockPage[bl] = p
			}
			switch bl := bl.(type) {
			case *doc.Heading:
				if bl.ID != "" {
					claim(bl.ID, bl)
				}
			case *doc.Figure:
				if bl.ID != "" {
					claim(bl.ID, bl)
				}
			case *doc.Div:
				if bl.ID != "" {
					claim(bl.ID, bl)
				}
			case *doc.Index:
				var entries func([]*doc.IndexEntry)
				entries = func(es []*doc.IndexEntry) {
					for _, e := range es {
						if e.ID != "" {
							claim(e.ID, e)
						}
						entries(e.Sub)
					}
				}
				for _, g := range bl.Groups {
					entries(g.Entries)
				}
			}
		},
		inline: func(in doc.Inline) {
			if sp, ok := in.(*doc.Span); ok && sp.ID != "" {
				claim(sp.ID, sp)
				return
			}
			r, ok := in.(*doc.NoteRef)
			if !ok {
				return
			}
			claim(r.Note.RefID(r.Index), r)
			if _, seen := p.backlink[r.Note]; !seen {
				p.backlink[r.Note] = p.nodeID[r]
			}
		},
	}
	v.blocks(p.blocks, false)
	for _, n := range p.notes {
		claim(n.ID, n)
		v.blocks(n.Blocks, true)
	}
	counts := map[doc.NoteKind]int{}
	for _, n := range p.notes {
		counts[n.Kind]++
		label := xhtml.OneLine(n.Label)
		if label == "" {
			switch n.Kind {
			case doc.AnnotationNote:
				label = letters(counts[n.Kind])
			case doc.ProvenanceNote:
				label = strings.Repeat("*", min(counts[n.Kind], 3))
			default:
				label = fmt.Sprint(counts[n.Kind])
			}
		}
		p.noteLabel[n] = label
	}
}

// letters numbers in the sequence a … z, aa, ab ….
func letters(n int) string {
	var out []byte
	for n > 0 {
		n--
		out = append([]byte{byte('a' + n%26)}, out...)
		n /= 26
	}
	return string(out)
}

// planHeadings fixes every heading's level below the page's title, which
// is at level top: none reaches it, and none is skipped on the way down.
// It gathers the headings the contents list.
func (b *builder) planHeadings(p *page, top int) {
	minLevel := 7
	walk{block: func(bl doc.Block, _ bool) {
		if h, ok := bl.(*doc.Heading); ok && h != p.titleHeading && xhtml.HasVisibleText(h.Content) {
			minLevel = min(minLevel, h.Level)
		}
	}}.blocks(p.blocks, false)
	shift := max(0, top+1-minLevel)
	prev := top
	if p.titleHeading != nil {
		p.level[p.titleHeading] = top
	}
	visit := func(bl doc.Block, nested bool) {
		h, ok := bl.(*doc.Heading)
		if !ok || h == p.titleHeading || p.level[h] != 0 {
			return
		}
		if !xhtml.HasVisibleText(h.Content) {
			p.level[h] = -1 // written as a link target only
			return
		}
		level := min(max(h.Level+shift, top+1), prev+1, 6)
		p.level[h] = level
		prev = level
		if _, ok := p.nodeID[h]; !ok {
			p.nodeID[h] = b.ids.Claim("section")
		}
		if !nested && p.entry != nil && level-1 <= b.opts.TocDepth {
			if label := xhtml.OneLine(doc.PlainText(h.Content)); label != "" {
				p.toc = append(p.toc, tocHeading{level: level, label: label, id: p.nodeID[h]})
			}
		}
	}
	walk{block: visit}.blocks(p.blocks, false)
	for _, n := range p.notes {
		walk{block: func(bl doc.Block, _ bool) { visit(bl, true) }}.blocks(n.Blocks, true)
	}
}

// planPages places the page map's breaks: each becomes a number in the
// margin of the page holding its block, at a rune offset of the block's
// plain text.
func (b *builder) planPages() {
	pm := b.opts.PageMap
	if pm == nil {
		return
	}
	for _, br := range pm.Breaks {
		label := xhtml.OneLine(br.Label)
		if label == "" {
			continue
		}
		var p *page
		blockOK := br.Block != nil
		if blockOK {
			p = b.blockPage[br.Block]
		}
		if p == nil && br.Entry != nil {
			p = b.pageOf[br.Entry]
			blockOK = false
		}
		if p == nil {
			continue // the EPUB's page list reports what the map lacks
		}
		m := &mark{PageMark: xhtml.PageMark{Label: label, Offset: br.Offset, ID: b.ids.Claim("page-" + label)}, page: p}
		if !blockOK {
			p.startMarks = append(p.startMarks, m)
			continue
		}
		n := utf8.RuneCountInString(doc.BlockText(br.Block))
		m.Offset = min(max(m.Offset, 0), n)
		b.marks[br.Block] = append(b.marks[br.Block], m)
	}
	for _, ms := range b.marks {
		sort.SliceStable(ms, func(i, j int) bool { return ms[i].Offset < ms[j].Offset })
	}
}
