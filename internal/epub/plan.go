package epub

import (
	"fmt"
	"sort"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/xhtml"
)

type docKind int

const (
	docEntry docKind = iota
	docCover
	docTitlePage
	docCopyright
)

// xdoc is one XHTML content document of the spine.
type xdoc struct {
	kind       docKind
	file       string // "ch-intro.xhtml"
	manifestID string
	title      string // plain text for <title>
	entry      *doc.Entry
	children   []*xdoc // a part's chapters, for the contents

	ids *xhtml.IDSet
	xhtml.Planned
	startMarks []*pageMarker

	data []byte // the whole document
}

func (d *xdoc) href() string { return xhtmlDir + d.file }

// pageMarker is one print page start placed in the text.
type pageMarker struct {
	xhtml.PageMark
	doc    *xdoc
	seq    int // order in the page map, for a stable sort
	placed bool
	order  int // place in reading order once rendered
}

func (b *builder) newXdoc(kind docKind) *xdoc {
	return &xdoc{kind: kind, ids: b.ids, Planned: xhtml.NewPlanned()}
}

// planDocuments names every document and settles its IDs, heading levels,
// notes and contents entries, so that rendering can resolve any link.
func (b *builder) planDocuments() {
	files := xhtml.NameSet{}
	var entryDocs []*xdoc
	var add func(es []*doc.Entry) []*xdoc
	add = func(es []*doc.Entry) []*xdoc {
		var out []*xdoc
		for _, e := range es {
			d := b.newXdoc(docEntry)
			d.entry = e
			base := xhtml.FileBase(e.ID, "doc") // entry IDs are safe file names, perhaps too long
			if base != e.ID {
				b.warn(e.Pos, "entry.id", fmt.Sprintf("entry ID %q is too long for a file name; using %q", e.ID, base))
			}
			d.file = files.Claim(base, ".xhtml")
			d.manifestID = "x-" + strings.TrimSuffix(d.file, ".xhtml")
			b.entryDoc[e] = d
			b.entryByID[e.ID] = d
			entryDocs = append(entryDocs, d)
			out = append(out, d)
			d.children = add(e.Children)
		}
		return out
	}
	add(b.book.Entries)

	front := func(kind docKind, base, title string) *xdoc {
		d := b.newXdoc(kind)
		d.file = files.Claim(base, ".xhtml")
		d.manifestID = "front-" + strings.TrimSuffix(d.file, ".xhtml")
		d.title = title
		b.docs = append(b.docs, d)
		return d
	}
	bookTitle := b.bookTitle()
	front(docCover, "cover", bookTitle)
	front(docTitlePage, "titlepage", bookTitle)
	var copyright *xdoc
	if len(b.book.Colophon) > 0 || xhtml.OneLine(b.book.Meta.Rights) != "" {
		copyright = front(docCopyright, "copyright", b.words.Copyright)
	}
	b.navAt = len(b.docs)
	b.docs = append(b.docs, entryDocs...)

	// The tree's IDs are claimed before any generated one, so that they
	// keep their names unless two of them clash.
	if copyright != nil {
		copyright.Notes = xhtml.CollectNotes(nil, b.book.Colophon)
		b.planBody(copyright, b.book.Colophon)
	}
	for _, d := range entryDocs {
		b.planEntry(d)
	}
	if copyright != nil {
		copyright.TitleID = b.ids.Claim("copyright-title")
		copyright.PlanHeadings(b.book.Colophon, 1, copyright.ids, 0)
	}
	for _, d := range entryDocs {
		d.ClaimTitle(d.ids)
		d.PlanHeadings(d.entry.Blocks, 1, d.ids, b.tocDepth)
	}
}

// bookTitle is the title as one line, never empty.
func (b *builder) bookTitle() string {
	if t := xhtml.OneLine(b.book.Meta.Title); t != "" {
		return t
	}
	return "Untitled"
}

func (b *builder) planEntry(d *xdoc) {
	e := d.entry
	untitled := d.PlanEntry(e)
	if d.NavLabel == "" {
		d.NavLabel = d.file
	}
	if untitled {
		b.warn(e.Pos, "title.missing", fmt.Sprintf("entry %q has no title", d.NavLabel))
	}
	d.title = d.NavLabel
	if t := xhtml.OneLine(e.PageTitle); t != "" {
		d.title = t // mdBook's {{#title}}: the page's, not the contents'
	}
	b.planBody(d, e.Blocks)
}

// planBody claims the tree's IDs in d and records which document holds
// each block and each of the tree's IDs.
func (b *builder) planBody(d *xdoc, blocks []doc.Block) {
	d.ClaimBody(blocks, d.ids, func(bl doc.Block) {
		if _, seen := b.blockDoc[bl]; !seen {
			b.blockDoc[bl] = d
		}
	}, func(id, final string) {
		if _, taken := b.anchors[id]; !taken {
			b.anchors[id] = anchor{doc: d, id: final}
		}
	})
}

// planPages places the page map's breaks: each becomes a marker in the
// document holding its block, at a rune offset of the block's plain text.
func (b *builder) planPages() {
	pm := b.opts.PageMap
	if pm == nil {
		return
	}
	placer := xhtml.NewMarkPlacer()
	for i, br := range pm.Breaks {
		label := xhtml.OneLine(br.Label)
		if label == "" {
			b.warn(doc.Pos{}, "pagemap.label", fmt.Sprintf("page break %d has no label; skipped", i+1))
			continue
		}
		var d *xdoc
		blockOK := br.Block != nil
		if blockOK {
			d = b.blockDoc[br.Block]
		}
		if d == nil && br.Entry != nil {
			d = b.entryDoc[br.Entry]
			if d != nil && blockOK {
				b.warn(br.Entry.Pos, "pagemap.block", fmt.Sprintf("page %s: its block is not in the entry; marking the entry's start", label))
			}
			blockOK = false
		}
		if d == nil {
			b.warn(doc.Pos{}, "pagemap.entry", fmt.Sprintf("page %s: its entry is not in the book; left out of the page list", label))
			continue
		}
		m := &pageMarker{PageMark: xhtml.PageMark{Label: label, Offset: br.Offset}, doc: d, seq: i}
		m.ID = d.ids.Claim("page-" + label)
		b.markerOf[&m.PageMark] = m
		b.pages = append(b.pages, m)
		if !blockOK {
			d.startMarks = append(d.startMarks, m)
			continue
		}
		at, n, outside := placer.Place(br.Block, m.Offset)
		if outside {
			b.warn(br.Block.Position(), "pagemap.offset", fmt.Sprintf("page %s: offset %d is outside the block's %d characters", label, m.Offset, n))
		}
		m.Offset = at
		b.marks[br.Block] = append(b.marks[br.Block], m)
	}
	for _, ms := range b.marks {
		sort.SliceStable(ms, func(i, j int) bool {
			if ms[i].Offset != ms[j].Offset {
				return ms[i].Offset < ms[j].Offset
			}
			return ms[i].seq < ms[j].seq
		})
	}
	b.facts.pageList = len(b.pages) > 0
}
