package xhtml

import (
	"fmt"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// The planning both the EPUB and the web site do before writing a
// document: which notes it carries, which link targets it holds, how its
// notes are marked and at which level each heading stands. One copy, so
// the two outputs cannot drift apart.

// Visitor walks blocks and inlines in document order, as a document
// writes them. nested tells Block whether the block sits in a quotation,
// a list or a note, whose headings stay out of the contents.
type Visitor struct {
	Block  func(bl doc.Block, nested bool)
	Inline func(in doc.Inline)
}

// Blocks visits bs and all they hold.
func (v Visitor) Blocks(bs []doc.Block, nested bool) {
	for _, bl := range bs {
		if v.Block != nil {
			v.Block(bl, nested)
		}
		switch bl := bl.(type) {
		case *doc.Paragraph:
			v.Inlines(bl.Content)
		case *doc.Heading:
			v.Inlines(bl.Content)
		case *doc.BlockQuote:
			v.Blocks(bl.Blocks, true)
		case *doc.List:
			for _, it := range bl.Items {
				v.Blocks(it.Blocks, true)
			}
		case *doc.Table:
			v.Inlines(bl.Caption)
			for _, c := range bl.Header {
				v.Inlines(c.Content)
			}
			for _, row := range bl.Rows {
				for _, c := range row {
					v.Inlines(c.Content)
				}
			}
		case *doc.Figure:
			if bl.Link != nil {
				v.Inlines([]doc.Inline{bl.Link})
			} else {
				v.Inlines([]doc.Inline{bl.Image})
			}
			v.Inlines(bl.Caption)
		case *doc.Div:
			v.Blocks(bl.Blocks, nested)
		}
	}
}

// Inlines visits ins and all they hold.
func (v Visitor) Inlines(ins []doc.Inline) {
	for _, in := range ins {
		if v.Inline != nil {
			v.Inline(in)
		}
		v.Inlines(doc.InlineChildren(in))
	}
}

// CollectNotes lists the notes a document carries: its own, then any
// referenced from its text (or from those notes) that it does not list.
func CollectNotes(own []*doc.Note, blocks []doc.Block) []*doc.Note {
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
	v := Visitor{Inline: func(in doc.Inline) {
		if r, ok := in.(*doc.NoteRef); ok {
			add(r.Note)
		}
	}}
	v.Blocks(blocks, false)
	for i := 0; i < len(out); i++ {
		v.Blocks(out[i].Blocks, true)
	}
	return out
}

// Targets are the calls ClaimTargets makes.
type Targets struct {
	// Block is called for every block, in document order.
	Block func(bl doc.Block)
	// Claim is called for every link target with the ID the tree gives
	// it: a block's, an index entry's, an anchor span's, a note
	// reference's and a note's.
	Claim func(id string, key any)
	// Ref is called for every note reference after its Claim.
	Ref func(r *doc.NoteRef)
}

// ClaimTargets visits blocks, then the notes and their blocks, reporting
// every link target to t in document order.
func ClaimTargets(blocks []doc.Block, notes []*doc.Note, t Targets) {
	v := Visitor{
		Block: func(bl doc.Block, _ bool) {
			if t.Block != nil {
				t.Block(bl)
			}
			if id := doc.BlockID(bl); id != "" {
				t.Claim(id, bl)
			}
			if ix, ok := bl.(*doc.Index); ok {
				var entries func([]*doc.IndexEntry)
				entries = func(es []*doc.IndexEntry) {
					for _, e := range es {
						if e.ID != "" {
							t.Claim(e.ID, e)
						}
						entries(e.Sub)
					}
				}
				for _, g := range ix.Groups {
					entries(g.Entries)
				}
			}
		},
		Inline: func(in doc.Inline) {
			if sp, ok := in.(*doc.Span); ok && sp.ID != "" {
				t.Claim(sp.ID, sp)
				return
			}
			if r, ok := in.(*doc.NoteRef); ok {
				t.Claim(r.Note.RefID(r.Index), r)
				if t.Ref != nil {
					t.Ref(r)
				}
			}
		},
	}
	v.Blocks(blocks, false)
	for _, n := range notes {
		t.Claim(n.ID, n)
		v.Blocks(n.Blocks, true)
	}
}

// NoteLabels fixes each note's marker: its Label, or else a number, a
// letter or asterisks by its kind, counted within notes.
func NoteLabels(notes []*doc.Note) map[*doc.Note]string {
	labels := map[*doc.Note]string{}
	counts := map[doc.NoteKind]int{}
	for _, n := range notes {
		counts[n.Kind]++
		label := OneLine(n.Label)
		if label == "" {
			switch n.Kind {
			case doc.AnnotationNote:
				label = Letters(counts[n.Kind])
			case doc.ProvenanceNote:
				label = strings.Repeat("*", min(counts[n.Kind], 3))
			default:
				label = fmt.Sprint(counts[n.Kind])
			}
		}
		labels[n] = label
	}
	return labels
}

// Letters numbers in the sequence a … z, aa, ab ….
func Letters(n int) string {
	var out []byte
	for n > 0 {
		n--
		out = append([]byte{byte('a' + n%26)}, out...)
		n /= 26
	}
	return string(out)
}

// HeadingLevels fixes the level of every heading of a document whose
// title heading (nil when it has none) stands at level top: no other
// heading reaches top, none is skipped on the way down, none goes past
// 6. A heading with no visible text gets -1, to be written as a link
// target only. each is called for every other heading in document
// order, the notes' last, with its level and whether it is nested.
func HeadingLevels(blocks []doc.Block, notes []*doc.Note, title *doc.Heading, top int, each func(h *doc.Heading, level int, nested bool)) map[*doc.Heading]int {
	level := map[*doc.Heading]int{}
	minLevel := 7
	Visitor{Block: func(bl doc.Block, _ bool) {
		if h, ok := bl.(*doc.Heading); ok && h != title && HasVisibleText(h.Content) {
			minLevel = min(minLevel, h.Level)
		}
	}}.Blocks(blocks, false)
	shift := max(0, top+1-minLevel)
	prev := top
	if title != nil {
		level[title] = top
	}
	visit := func(bl doc.Block, nested bool) {
		h, ok := bl.(*doc.Heading)
		if !ok || h == title || level[h] != 0 {
			return
		}
		if !HasVisibleText(h.Content) {
			level[h] = -1
			return
		}
		l := min(max(h.Level+shift, top+1), prev+1, 6)
		level[h] = l
		prev = l
		if each != nil {
			each(h, l, nested)
		}
	}
	Visitor{Block: visit}.Blocks(blocks, false)
	for _, n := range notes {
		Visitor{Block: func(bl doc.Block, _ bool) { visit(bl, true) }}.Blocks(n.Blocks, true)
	}
	return level
}

// ResolveLink finds where an internal link leads among the documents D of
// a book (an EPUB's content documents, a site's pages): to the document
// of its entry (byEntry), or to the document and ID of its anchor
// (anchor). It returns the href from the document from, the target's
// label for a link with no text of its own, a problem to warn of (an
// anchor its entry lacks, when the link falls back to the entry) and ok
// false when the link leads nowhere, raw being its text then.
func ResolveLink[D comparable](l *doc.Link, raw string, from D, byEntry func(entry string) D, anchor func(id string) (D, string, bool), file, label func(D) string) (href, fallback, problem string, ok bool) {
	var target, none D
	anchorID := l.Anchor
	if l.Entry != "" {
		target = byEntry(l.Entry) // in a validated tree, the entry exists
	} else {
		anchorID = strings.TrimPrefix(raw, "#")
	}
	id := ""
	if anchorID != "" {
		if d, aid, found := anchor(anchorID); found {
			target, id = d, aid
		} else if target != none {
			problem = fmt.Sprintf("link to #%s, which is not in entry %q; linking to the entry", OneLine(anchorID), OneLine(l.Entry))
		}
	}
	if target == none {
		// "#x" with no such anchor: the resolve pass has reported it.
		return "", OneLine(raw), "", false
	}
	fallback = label(target)
	switch {
	case target == from && id != "":
		return "#" + id, fallback, problem, true
	case id != "":
		return file(target) + "#" + id, fallback, problem, true
	}
	return file(target), fallback, problem, true
}
