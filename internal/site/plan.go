package site

import (
	"sort"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/xhtml"
)

// page is one HTML page: the index, or an entry's.
type page struct {
	file     string
	entry    *doc.Entry // nil for the index
	title    string     // plain text for <title>
	children []*page    // a part's chapters
	prev     *page
	next     *page

	blocks []doc.Block // the index's colophon, an entry's blocks
	xhtml.Planned
	startMarks []*mark
}

func newPage(file string) *page {
	return &page{file: file, Planned: xhtml.NewPlanned()}
}

// plan names every page and settles its IDs, heading levels, notes and
// contents entries, so that rendering can resolve any link.
func (b *builder) plan() {
	names := xhtml.NameSet{}
	names.Claim("index", ".html")
	b.index = newPage(IndexFile)
	b.index.title = b.title
	b.index.NavLabel = b.words.Contents
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
	b.index.Notes = xhtml.CollectNotes(nil, b.index.blocks)
	b.planBody(b.index)
	for _, p := range b.pages {
		b.planEntry(p)
	}
	b.index.TitleID = "copyright-title"
	b.index.PlanHeadings(b.index.blocks, 2, b.ids, 0)
	for _, p := range b.pages {
		p.ClaimTitle(b.ids)
		p.PlanHeadings(p.blocks, 1, b.ids, b.opts.TocDepth)
	}
}

func (b *builder) planEntry(p *page) {
	// The EPUB warns of an entry without a title; one warning is enough.
	p.PlanEntry(p.entry)
	if p.NavLabel == "" {
		p.NavLabel = p.file
	}
	p.title = p.NavLabel + " — " + b.title
	if t := xhtml.OneLine(p.entry.PageTitle); t != "" {
		p.title = t // mdBook's {{#title}} stands for the whole title
	}
	b.planBody(p)
}

// planBody claims the tree's IDs on p and records which page holds each
// block and each of the tree's IDs.
func (b *builder) planBody(p *page) {
	p.ClaimBody(p.blocks, b.ids, func(bl doc.Block) {
		if _, seen := b.blockPage[bl]; !seen {
			b.blockPage[bl] = p
		}
	}, func(id, final string) {
		if _, taken := b.anchors[id]; !taken {
			b.anchors[id] = anchor{page: p, id: final}
		}
	})
}

// planPages places the page map's breaks: each becomes a number in the
// margin of the page holding its block, at a rune offset of the block's
// plain text, between words as in the EPUB. The EPUB's page list reports
// what the map gets wrong, so the site says nothing of it.
func (b *builder) planPages() {
	pm := b.opts.PageMap
	if pm == nil {
		return
	}
	placer := xhtml.NewMarkPlacer()
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
		m.Offset, _, _ = placer.Place(br.Block, m.Offset)
		b.marks[br.Block] = append(b.marks[br.Block], m)
	}
	for _, ms := range b.marks {
		sort.SliceStable(ms, func(i, j int) bool { return ms[i].Offset < ms[j].Offset })
	}
}
