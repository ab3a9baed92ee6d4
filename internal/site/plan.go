package site

import (
	"sort"
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
	names := xhtml.NameSet{}
	names.Claim("index", ".html")
	b.index = newPage(IndexFile)
	b.index.title = b.title
	b.index.navLabel = b.words.Contents
	b.index.blocks = b.book.Colophon

	var add func(es []*doc.Entry) []*page
	add = func(es []*doc.Entry) []*page {
		var out []*page
		for _, e := range es {
			base := xhtml.FileBase(e.ID, "page")
			if e.Role == doc.RoleIndex {
				base = "book-index" // index.html is the site's own
			}
			p := newPage(names.Claim(base, ".html"))
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
	b.index.notes = xhtml.CollectNotes(nil, b.index.blocks)
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
	p.notes = xhtml.CollectNotes(e.Notes, e.Blocks)
	b.planBody(p)
}

// planBody claims the tree's IDs on p (blocks, index entries, anchor
// spans, note references and notes), records which page holds each
// block, and marks the notes.
func (b *builder) planBody(p *page) {
	xhtml.ClaimTargets(p.blocks, p.notes, xhtml.Targets{
		Block: func(bl doc.Block) {
			if _, seen := b.blockPage[bl]; !seen {
				b.blockPage[bl] = p
			}
		},
		Claim: func(id string, key any) {
			final := b.ids.Claim(id)
			p.nodeID[key] = final
			if _, taken := b.anchors[id]; !taken && id != "" {
				b.anchors[id] = anchor{page: p, id: final}
			}
		},
		Ref: func(r *doc.NoteRef) {
			if _, seen := p.backlink[r.Note]; !seen {
				p.backlink[r.Note] = p.nodeID[r]
			}
		},
	})
	p.noteLabel = xhtml.NoteLabels(p.notes)
}

// planHeadings fixes every heading's level below the page's title, which
// is at level top: none reaches it, and none is skipped on the way down.
// It gathers the headings the contents list.
func (b *builder) planHeadings(p *page, top int) {
	levels := xhtml.HeadingLevels(p.blocks, p.notes, p.titleHeading, top, func(h *doc.Heading, level int, nested bool) {
		if _, ok := p.nodeID[h]; !ok {
			p.nodeID[h] = b.ids.Claim("section")
		}
		if !nested && p.entry != nil && level-1 <= b.opts.TocDepth {
			if label := xhtml.OneLine(doc.PlainText(h.Content)); label != "" {
				p.toc = append(p.toc, tocHeading{level: level, label: label, id: p.nodeID[h]})
			}
		}
	})
	for h, l := range levels {
		p.level[h] = l
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
