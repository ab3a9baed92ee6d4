package notes

import (
	"fmt"
	"sort"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// edition applies the condition rule documented in the package comment.
type edition struct {
	conditions, include, exclude map[string]bool
}

func newEdition(o Options) edition {
	set := func(tags []string) map[string]bool {
		m := make(map[string]bool, len(tags))
		for _, t := range tags {
			m[t] = true
		}
		return m
	}
	return edition{conditions: set(o.Conditions), include: set(o.Include), exclude: set(o.Exclude)}
}

// keeps reports whether content carrying tags belongs in the edition.
func (ed edition) keeps(tags []string) bool {
	conditional, included := false, false
	for _, t := range tags {
		if !ed.conditions[t] {
			continue
		}
		conditional = true
		if ed.exclude[t] {
			return false
		}
		if ed.include[t] {
			included = true
		}
	}
	return !conditional || included
}

// EditionProblem is an edition's choice of conditions that cannot mean what
// was meant. Key is the setting it concerns ("include" or "exclude"), so
// the caller can say where that setting was made.
type EditionProblem struct {
	Key, Code, Message string
}

// CheckEdition finds the edition's choices that cannot mean what was meant:
// a tag the manifest does not declare, or one both included and excluded.
func CheckEdition(o Options) []EditionProblem {
	ed := newEdition(o)
	var out []EditionProblem
	for _, list := range []struct {
		key, verb string
		tags      map[string]bool
	}{{"include", "includes", ed.include}, {"exclude", "excludes", ed.exclude}} {
		for _, t := range sortedKeys(list.tags) {
			if !ed.conditions[t] {
				out = append(out, EditionProblem{list.key, "edition.condition-unknown",
					fmt.Sprintf("edition %s %q, which the manifest does not declare as a condition", list.verb, t)})
			}
		}
	}
	for _, t := range sortedKeys(ed.include) {
		if ed.exclude[t] {
			out = append(out, EditionProblem{"exclude", "edition.condition-conflict",
				fmt.Sprintf("edition both includes and excludes %q; it is excluded", t)})
		}
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// applyConditions removes the entries, blocks and annotations the edition
// does not want, then records what is left for link resolution.
func (r *resolver) applyConditions(anns []*annotation) {
	r.book.Entries = r.pruneEntries(r.book.Entries)
	for _, e := range r.entries() {
		e.Blocks = r.ed.pruneBlocks(e.Blocks)
		for _, n := range e.Notes {
			n.Blocks = r.ed.pruneBlocks(n.Blocks)
		}
		if e.File != "" {
			r.entryByFile[cleanPath(e.File)] = e
		}
		for _, blocks := range entryBlockSets(e) {
			doc.Walk(blocks, doc.Visitor{
				Block: func(b doc.Block) bool {
					if id := anchorID(b); id != "" {
						r.keptAnchors[id] = true
					}
					return true
				},
				Inline: func(in doc.Inline) bool {
					if sp, ok := in.(*doc.Span); ok && sp.ID != "" {
						r.keptAnchors[sp.ID] = true
					}
					return true
				},
			})
		}
	}
	for _, a := range anns {
		if a.note != nil {
			a.note.Blocks = r.ed.pruneBlocks(a.note.Blocks)
		}
	}
}

func (r *resolver) pruneEntries(entries []*doc.Entry) []*doc.Entry {
	out := entries[:0]
	for _, e := range entries {
		if !r.ed.keeps(e.Tags) {
			r.markLeftOut(e)
			continue
		}
		if len(e.Children) > 0 {
			e.Children = r.pruneEntries(e.Children)
			if len(e.Children) == 0 {
				// A part whose every chapter is left out would be a title
				// page introducing nothing.
				r.leftOut[e] = true
				continue
			}
		}
		out = append(out, e)
	}
	clear(entries[len(out):])
	return out
}

func (r *resolver) markLeftOut(e *doc.Entry) {
	r.leftOut[e] = true
	for _, c := range e.Children {
		r.markLeftOut(c)
	}
}

// pruneBlocks returns blocks without those the edition leaves out, at any
// depth. Lists and their items that end up empty go too.
func (ed edition) pruneBlocks(blocks []doc.Block) []doc.Block {
	if len(ed.conditions) == 0 || len(blocks) == 0 {
		return blocks
	}
	out := make([]doc.Block, 0, len(blocks))
	for _, b := range blocks {
		if base := baseOf(b); base != nil && !ed.keeps(base.Tags) {
			continue
		}
		switch b := b.(type) {
		case *doc.BlockQuote:
			b.Blocks = ed.pruneBlocks(b.Blocks)
		case *doc.Div:
			b.Blocks = ed.pruneBlocks(b.Blocks)
		case *doc.List:
			items := b.Items[:0]
			for _, it := range b.Items {
				had := len(it.Blocks) > 0
				it.Blocks = ed.pruneBlocks(it.Blocks)
				if had && len(it.Blocks) == 0 {
					continue
				}
				items = append(items, it)
			}
			clear(b.Items[len(items):])
			b.Items = items
			if len(b.Items) == 0 {
				continue
			}
		}
		out = append(out, b)
	}
	return out
}

// entryBlockSets are the block sequences an entry owns directly: its text
// and its footnote definitions.
func entryBlockSets(e *doc.Entry) [][]doc.Block {
	sets := [][]doc.Block{e.Blocks}
	for _, n := range e.Notes {
		sets = append(sets, n.Blocks)
	}
	return sets
}

// recordReferences remembers every note some reference points to before
// conditions remove anything, and the picture files the book shows, with
// the note each is in (nil for the text), so that a link to a picture only
// left-out content shows can say so.
func (r *resolver) recordReferences() {
	for _, e := range r.entries() {
		base := cleanPath(e.File)
		for i, blocks := range entryBlockSets(e) {
			var in *doc.Note
			if i > 0 {
				in = e.Notes[i-1]
			}
			doc.Walk(blocks, doc.Visitor{Inline: func(x doc.Inline) bool {
				switch x := x.(type) {
				case *doc.NoteRef:
					if x.Note != nil {
						r.referenced[x.Note] = true
					}
				case *doc.Image:
					if file := picturePath(x, base); file != "" {
						r.bookPictures[file] = append(r.bookPictures[file], in)
					}
				}
				return true
			}})
		}
	}
}

// baseOf returns the common fields of a block, or nil for a nil block.
func baseOf(b doc.Block) *doc.BlockBase {
	if b == nil {
		return nil
	}
	return b.Base()
}
