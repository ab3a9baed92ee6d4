package notes

import (
	"net/url"
	"path"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// An e-book keeps its notes apart from their references: in an endnotes
// page (Standard Ebooks' endnotes.xhtml) or in an <aside> of the page.
// The HTML reader marks each note's body (doc.Div.HeldNote) and each
// link to a note (doc.NoteRoleRef); takeHeldNotes, which runs once the
// entries have IDs and before anything reads the anchors, makes every
// such link whose target is a held note a NoteRef to a footnote of the
// referencing entry, so the book numbers and places it as its own
// footnotes (notes.placement, notes.numbering). The note's link back
// (doc.NoteRoleBack) goes: the book's note leads back by itself. A held
// note is taken out of its page; one nothing references stays where it
// was, with its link back. A page left with nothing but headings once
// its notes are taken (the endnotes page) is left out of the book: its
// notes are in the chapters now, and an empty "Endnotes" chapter would be
// noise. Its file still counts among those the edition was made from.

// heldKey names a held note: its page's file, cleaned, and its ID.
type heldKey struct{ file, id string }

type heldNote struct {
	div   *doc.Div
	entry *doc.Entry
	taken bool
}

func (r *resolver) takeHeldNotes() {
	held := map[heldKey]*heldNote{}
	entries := r.entries()
	for _, e := range entries {
		if e.File == "" {
			continue
		}
		doc.Walk(e.Blocks, doc.Visitor{Block: func(b doc.Block) bool {
			if d, ok := b.(*doc.Div); ok && d.HeldNote && d.ID != "" {
				k := heldKey{cleanPath(e.File), d.ID}
				if held[k] == nil {
					held[k] = &heldNote{div: d, entry: e}
				}
				return false
			}
			return true
		}})
	}
	if len(held) == 0 {
		return
	}
	for _, e := range entries {
		made := map[*heldNote]*doc.Note{}
		noteFor := func(h *heldNote) *doc.Note {
			if n := made[h]; n != nil {
				return n
			}
			blocks := h.div.Blocks
			if h.taken {
				// another entry references it too: each has its own copy
				blocks, _ = doc.CloneChapter(blocks, nil)
			}
			h.taken = true
			pos := posIn(h.div.Pos, h.entry.File)
			n := &doc.Note{Kind: doc.FootnoteNote, Name: h.div.ID, Blocks: dropBacklinks(blocks), Pos: pos}
			made[h] = n
			e.Notes = append(e.Notes, n)
			return n
		}
		var fix func(ins []doc.Inline, file string)
		fix = func(ins []doc.Inline, file string) {
			for i, in := range ins {
				if l := noteRefLink(in); l != nil {
					if h := held[heldTarget(l.URL, file)]; h != nil {
						ins[i] = &doc.NoteRef{Note: noteFor(h)}
						continue
					}
				}
				fix(doc.InlineChildren(in), file)
			}
		}
		visit := func(blocks []doc.Block, file string) {
			doc.Walk(blocks, doc.Visitor{Block: func(b doc.Block) bool {
				if d, ok := b.(*doc.Div); ok && d.HeldNote {
					return false // taken with its references' entry
				}
				for _, ins := range doc.BlockInlines(b) {
					fix(ins, file)
				}
				return true
			}})
		}
		visit(e.Blocks, e.File)
		// notes' own references, those of the notes just taken included
		for i := 0; i < len(e.Notes); i++ {
			visit(e.Notes[i].Blocks, posIn(e.Notes[i].Pos, e.File).File)
		}
	}
	emptied := map[*doc.Entry]bool{}
	holders := map[*doc.Entry]bool{}
	for _, h := range held {
		holders[h.entry] = true
	}
	for e := range holders {
		left := false
		e.Blocks = pruneTaken(e.Blocks, held, e, &left)
		if !left && bare(e.Blocks) {
			emptied[e] = true
		}
	}
	if len(emptied) == 0 {
		return
	}
	r.readingOrder = entries
	r.notesOnly = emptied
	for e := range emptied {
		r.markLeftOut(e)
	}
	r.book.Entries = dropEntries(r.book.Entries, emptied)
}

// noteRefLink is the link to a note in, alone or raised (HTML's
// <sup><a epub:type="noteref">, or the superscript the reader raises
// it in), or nil.
func noteRefLink(in doc.Inline) *doc.Link {
	if sp, ok := in.(*doc.Span); ok && sp.Kind == doc.SpanSuperscript && sp.ID == "" && len(sp.Content) == 1 {
		in = sp.Content[0]
	}
	if l, ok := in.(*doc.Link); ok && l.NoteRole == doc.NoteRoleRef {
		return l
	}
	return nil
}

// heldTarget is the note a link in file leads to: "endnotes.xhtml#note-3"
// from its folder, "#note-3" in file itself. A link to another site leads
// to no held note.
func heldTarget(raw, file string) heldKey {
	ref, frag, ok := strings.Cut(raw, "#")
	if !ok || frag == "" || strings.Contains(ref, ":") || strings.HasPrefix(ref, "/") {
		return heldKey{}
	}
	if u, err := url.PathUnescape(ref); err == nil {
		ref = u
	}
	if f, err := url.PathUnescape(frag); err == nil {
		frag = f
	}
	if ref == "" {
		return heldKey{cleanPath(file), frag}
	}
	return heldKey{cleanPath(path.Join(path.Dir(file), ref)), frag}
}

// dropBacklinks removes a note's links back to its reference, and the
// space before each, from the paragraphs of blocks, at any depth.
func dropBacklinks(blocks []doc.Block) []doc.Block {
	doc.Walk(blocks, doc.Visitor{Block: func(b doc.Block) bool {
		if p, ok := b.(*doc.Paragraph); ok {
			p.Content = dropBacklinkInlines(p.Content)
		}
		return true
	}})
	return blocks
}

func dropBacklinkInlines(ins []doc.Inline) []doc.Inline {
	out := ins[:0]
	for _, in := range ins {
		if l, ok := in.(*doc.Link); ok && l.NoteRole == doc.NoteRoleBack {
			if n := len(out); n > 0 {
				if t, ok := out[n-1].(*doc.Text); ok {
					t.Text = strings.TrimRight(t.Text, " \t\n\u00a0")
					if t.Text == "" {
						out = out[:n-1]
					}
				}
			}
			continue
		}
		switch c := in.(type) {
		case *doc.Span:
			c.Content = dropBacklinkInlines(c.Content)
		case *doc.Emph:
			c.Content = dropBacklinkInlines(c.Content)
		case *doc.Strong:
			c.Content = dropBacklinkInlines(c.Content)
		}
		out = append(out, in)
	}
	clear(ins[len(out):])
	return out
}

// pruneTaken removes from blocks, at any depth, the held notes of e
// that were taken, and the items, lists and groups left empty by that;
// left is set when a held note stays.
func pruneTaken(blocks []doc.Block, held map[heldKey]*heldNote, e *doc.Entry, left *bool) []doc.Block {
	out := blocks[:0]
	for _, b := range blocks {
		switch b := b.(type) {
		case *doc.Div:
			if b.HeldNote {
				if h := held[heldKey{cleanPath(e.File), b.ID}]; h != nil && h.div == b && h.taken {
					continue
				}
				*left = true
				break
			}
			had := len(b.Blocks) > 0
			b.Blocks = pruneTaken(b.Blocks, held, e, left)
			if had && len(b.Blocks) == 0 && b.ID == "" {
				continue
			}
		case *doc.BlockQuote:
			had := len(b.Blocks) > 0
			b.Blocks = pruneTaken(b.Blocks, held, e, left)
			if had && len(b.Blocks) == 0 {
				continue
			}
		case *doc.List:
			items := b.Items[:0]
			for _, it := range b.Items {
				had := len(it.Blocks) > 0
				it.Blocks = pruneTaken(it.Blocks, held, e, left)
				if had && len(it.Blocks) == 0 {
					continue
				}
				items = append(items, it)
			}
			clear(b.Items[len(items):])
			b.Items = items
			if len(items) == 0 {
				continue
			}
		}
		out = append(out, b)
	}
	clear(blocks[len(out):])
	return out
}

// bare reports whether blocks hold nothing to read but headings: what an
// endnotes page is without its notes.
func bare(blocks []doc.Block) bool {
	for _, b := range blocks {
		switch b := b.(type) {
		case *doc.Heading:
		case *doc.Div:
			if !bare(b.Blocks) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// dropEntries returns entries without those in drop, at any depth; a
// part left with no chapter goes too.
func dropEntries(entries []*doc.Entry, drop map[*doc.Entry]bool) []*doc.Entry {
	out := entries[:0]
	for _, e := range entries {
		if drop[e] {
			continue
		}
		if len(e.Children) > 0 {
			e.Children = dropEntries(e.Children, drop)
			if len(e.Children) == 0 {
				continue
			}
		}
		out = append(out, e)
	}
	clear(entries[len(out):])
	return out
}
