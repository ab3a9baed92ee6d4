package notes

import (
	"strconv"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// numberNotes orders every entry's notes by first reference (the text
// first, then notes referenced from inside notes), labels them, counts their
// references, drops footnotes nobody references, and gives each note an ID.
func (r *resolver) numberNotes() {
	footnotes := 0
	for _, e := range r.entries() {
		if r.in.Numbering != "book" {
			footnotes = 0
		}
		letters := 0
		seen := map[*doc.Note]bool{}
		var order []*doc.Note
		visit := func(blocks []doc.Block, file string) {
			walkInlinesAt(blocks, file, func(in doc.Inline, pos doc.Pos) bool {
				ref, ok := in.(*doc.NoteRef)
				if !ok {
					return true
				}
				n := ref.Note
				if n == nil {
					r.errorf(pos, "internal", "note reference without a note")
					return true
				}
				if !seen[n] {
					seen[n] = true
					n.Refs = 0
					order = append(order, n)
					switch n.Kind {
					case doc.FootnoteNote:
						footnotes++
						n.Label = strconv.Itoa(footnotes)
					case doc.AnnotationNote:
						letters++
						n.Label = letterLabel(letters)
					case doc.ProvenanceNote:
						n.Label = provenanceLabel
					}
				}
				ref.Index = n.Refs
				n.Refs++
				return true
			})
		}
		if n := r.provenanceNotes[e]; n != nil {
			seen[n] = true
			n.Refs = 0
			order = append(order, n)
		}
		visit(e.Blocks, e.File)
		for i := 0; i < len(order); i++ {
			visit(order[i].Blocks, posIn(order[i].Pos, e.File).File)
		}
		for _, n := range e.Notes {
			if !seen[n] && !r.referenced[n] {
				r.warnf(posIn(n.Pos, e.File), "footnote.unused", "footnote [^%s] is never referenced; dropped", n.Name)
			}
		}
		e.Notes = order
		for _, n := range order {
			r.noteID(e, n)
		}
	}
}

// noteID gives n an ID such that neither it nor the IDs of its references
// are taken.
func (r *resolver) noteID(e *doc.Entry, n *doc.Note) {
	var base string
	switch n.Kind {
	case doc.AnnotationNote:
		base = "a-" + e.ID + "-" + n.Label
	case doc.ProvenanceNote:
		base = "p-" + e.ID
	default:
		base = "n-" + e.ID + "-" + n.Label
	}
	id := base
	for k := 2; !r.idsFree(n, id); k++ {
		id = base + "-" + strconv.Itoa(k)
	}
	n.ID = id
	r.ids.take(id)
	for i := 0; i < n.Refs; i++ {
		r.ids.take(n.RefID(i))
	}
}

func (r *resolver) idsFree(n *doc.Note, id string) bool {
	if r.ids.taken(id) {
		return false
	}
	saved := n.ID
	n.ID = id
	defer func() { n.ID = saved }()
	for i := 0; i < n.Refs; i++ {
		if r.ids.taken(n.RefID(i)) {
			return false
		}
	}
	return true
}

// letterLabel is the n-th (1-based) label of the series a … z, aa, ab, …
func letterLabel(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('a' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}
