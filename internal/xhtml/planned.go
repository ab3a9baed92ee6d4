package xhtml

import "github.com/samizdat-press/samizdat/internal/doc"

// Planned is what planning settles of one document of an output (an
// EPUB's content document, a site's page) before any is written, so that
// rendering can resolve a link to any of them. It answers the questions
// of Document that need nothing else.
type Planned struct {
	// NavLabel names the document in the contents, on one line.
	NavLabel string
	// TitleHeading is the entry's leading level-1 heading, if any, and
	// TitleID the ID of the title, the heading's or its own.
	TitleHeading *doc.Heading
	TitleID      string
	Notes        []*doc.Note
	IDs          map[any]string // final IDs of tree nodes
	Levels       map[*doc.Heading]int
	NoteLabels   map[*doc.Note]string
	Backlinks    map[*doc.Note]string // ID of the first reference rendered
	Toc          []TocHeading         // the headings the contents lists
}

// TocHeading is a heading the contents lists.
type TocHeading struct {
	Level int
	Label string
	ID    string
}

// NewPlanned is an empty plan, ready to be filled.
func NewPlanned() Planned {
	return Planned{
		IDs:        map[any]string{},
		Levels:     map[*doc.Heading]int{},
		NoteLabels: map[*doc.Note]string{},
		Backlinks:  map[*doc.Note]string{},
	}
}

func (p *Planned) ID(node any) string           { return p.IDs[node] }
func (p *Planned) Level(h *doc.Heading) int     { return max(p.Levels[h], 0) }
func (p *Planned) NoteLabel(n *doc.Note) string { return p.NoteLabels[n] }
func (p *Planned) Backlink(n *doc.Note) string  { return p.Backlinks[n] }

// PlanEntry settles the document of entry e: its title heading, its
// contents label (the entry's title, else its title heading's text, else
// its ID) and its notes. untitled reports an entry with neither title nor
// title heading; NavLabel is "" when it has no ID either.
func (p *Planned) PlanEntry(e *doc.Entry) (untitled bool) {
	if len(e.Blocks) > 0 {
		if h, ok := e.Blocks[0].(*doc.Heading); ok && h.Level == 1 && HasVisibleText(h.Content) {
			p.TitleHeading = h
		}
	}
	p.NavLabel = OneLine(doc.PlainText(e.Title))
	if p.NavLabel == "" && p.TitleHeading != nil {
		p.NavLabel = OneLine(doc.PlainText(p.TitleHeading.Content))
	}
	if p.NavLabel == "" {
		p.NavLabel = OneLine(e.ID)
		untitled = true
	}
	p.Notes = CollectNotes(e.Notes, e.Blocks)
	return untitled
}

// ClaimBody claims in ids the IDs of blocks and of the document's notes
// (blocks, index entries, anchor spans, note references and notes),
// tells held of every block and anchor of every ID the tree gave with the
// ID it got, and labels the notes.
func (p *Planned) ClaimBody(blocks []doc.Block, ids *IDSet, held func(doc.Block), anchor func(id, final string)) {
	ClaimTargets(blocks, p.Notes, Targets{
		Block: held,
		Claim: func(id string, key any) {
			final := ids.Claim(id)
			p.IDs[key] = final
			if id != "" {
				anchor(id, final)
			}
		},
		Ref: func(r *doc.NoteRef) {
			if _, seen := p.Backlinks[r.Note]; !seen {
				p.Backlinks[r.Note] = p.IDs[r]
			}
		},
	})
	p.NoteLabels = NoteLabels(p.Notes)
}

// ClaimTitle gives the title its ID: its heading's, or a new one.
func (p *Planned) ClaimTitle(ids *IDSet) {
	if p.TitleHeading == nil {
		p.TitleID = ids.Claim("title")
		return
	}
	if _, ok := p.IDs[p.TitleHeading]; !ok {
		p.IDs[p.TitleHeading] = ids.Claim("title")
	}
	p.TitleID = p.IDs[p.TitleHeading]
}

// PlanHeadings fixes the level of every heading of blocks below the
// title, which stands at level top (see HeadingLevels), claims an ID for
// each heading without one, and lists in Toc the headings outside notes
// down to level depth+1 (none when depth is 0).
func (p *Planned) PlanHeadings(blocks []doc.Block, top int, ids *IDSet, depth int) {
	levels := HeadingLevels(blocks, p.Notes, p.TitleHeading, top, func(h *doc.Heading, level int, nested bool) {
		if _, ok := p.IDs[h]; !ok {
			p.IDs[h] = ids.Claim("section")
		}
		if !nested && level-1 <= depth {
			if label := OneLine(doc.PlainText(h.Content)); label != "" {
				p.Toc = append(p.Toc, TocHeading{Level: level, Label: label, ID: p.IDs[h]})
			}
		}
	})
	for h, l := range levels {
		p.Levels[h] = l
	}
}
