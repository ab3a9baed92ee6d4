package notes

import (
	"fmt"
	"strings"

	"github.com/samizdat-press/samizdat/internal/cite"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/labels"
)

// provenanceLabel marks the provenance note. A symbol rather than a number
// keeps the footnote numbers of the text as the author wrote them, and
// tells the reader at a glance that this note is the editor's.
const provenanceLabel = "*"

// provenanceOf names the entry in a message placed at its manifest line,
// which holds several entries' provenance.
func provenanceOf(e *doc.Entry) string {
	if e.Pos.File == "" {
		return ""
	}
	if e.File != "" {
		return e.File + ": "
	}
	if t := plainTrim(e.Title); t != "" {
		return "part " + fmt.Sprintf("%q", t) + ": "
	}
	return ""
}

// addProvenance renders every provenance through the citation style and
// gives each entry with provenance a note saying where its text comes from,
// referenced from its level-1 heading: the first note of the entry, at the
// foot of its first page in print.
func (r *resolver) addProvenance() {
	for _, e := range r.entries() {
		p := e.Provenance
		if p == nil {
			continue
		}
		src, ok := r.provenanceSource(e)
		if !ok {
			continue
		}
		r.sourceLanguage(e, src)
		for _, problem := range r.provenanceProblems(e, src) {
			r.warnf(provenancePos(e), "provenance.incomplete", "%s%s", provenanceOf(e), problem)
		}
		p.Citation = r.citeStyle.SourceNote(src)
		p.Reference = r.citeStyle.SourceReference(src)
		if e.Kind == doc.KindPart {
			r.warnf(provenancePos(e), "provenance.part", "%sa part's provenance is listed in the sources but gets no note; give it to the chapters", provenanceOf(e))
			continue
		}
		if len(e.Blocks) == 0 {
			continue // no title heading: already reported
		}
		h, ok := e.Blocks[0].(*doc.Heading)
		if !ok {
			continue
		}
		n := &doc.Note{
			Kind:   doc.ProvenanceNote,
			Label:  provenanceLabel,
			Pos:    entryPos(e),
			Blocks: []doc.Block{&doc.Paragraph{BlockBase: doc.BlockBase{Pos: entryPos(e)}, Content: provenanceText(p)}},
		}
		h.Content = append(h.Content, &doc.NoteRef{Note: n})
		r.provenanceNotes[e] = n
	}
}

// translated reports whether the source's original language differs from
// the language it is printed in (the entry's, else the book's), comparing
// primary language subtags ("ru-RU" is "ru"); the provenance's language
// wins over its record's. A source with no translator is printed in its
// original (see sourceLanguage), so it is not translated.
func (r *resolver) translated(e *doc.Entry, p *doc.Provenance, rec *cite.Record) bool {
	primary := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		if i := strings.IndexAny(s, "-_"); i >= 0 {
			s = s[:i]
		}
		return s
	}
	lang := p.Language
	if lang == "" && rec != nil {
		lang = rec.Language
	}
	printed := r.book.Meta.Language
	if e.Language != "" {
		printed = e.Language
	}
	src, book := primary(lang), primary(printed)
	return src != "" && book != "" && src != book
}

// provenanceText is the citation followed by the licence and the note
// ("Extract."), each a sentence, in one paragraph so the note stays short.
func provenanceText(p *doc.Provenance) []doc.Inline {
	var b inlineBuilder
	b.add(cloneInlines(p.Citation)...)
	if rest := permissionText(p); len(rest) > 0 {
		if len(b.out) > 0 {
			b.text(" ")
		}
		b.add(rest...)
	}
	return b.out
}

// permissionText is the licence and the note as sentences ("Extract.").
func permissionText(p *doc.Provenance) []doc.Inline {
	var parts []string
	for _, s := range []string{p.License, p.Note} {
		if s = cite.Typographic(strings.TrimSpace(s)); s != "" {
			parts = append(parts, withStop(upperFirst(s)))
		}
	}
	return textInlines(strings.Join(parts, " "))
}

// addSourcesEntry appends the "Sources and permissions" back matter when
// any entry has provenance: for each source in book order its title
// (linked to it), its entry in the bibliography's form, then its licence
// and note.
func (r *resolver) addSourcesEntry() {
	var blocks []doc.Block
	var last struct {
		key   string
		names *doc.Strong
	}
	for _, e := range r.entries() {
		p := e.Provenance
		if p == nil {
			last.names = nil
			continue
		}
		title := cloneInlines(e.Title)
		if len(title) == 0 {
			title = textInlines(p.Title)
		}
		link := &doc.Link{URL: e.File, Entry: e.ID, Content: title}
		// entries in a row taken from one source (the chapters of one
		// e-book) share its entry: the work is cited once, after their
		// names, not once for each
		key := doc.PlainText(p.Reference) + "\x00" + doc.PlainText(permissionText(p))
		if last.names != nil && key == last.key {
			last.names.Content = append(last.names.Content, &doc.Text{Text: "; "}, link)
			continue
		}
		names := &doc.Strong{Content: []doc.Inline{link}}
		last.key, last.names = key, names
		// one group per source, so that each starts as a block of its own
		group := &doc.Div{Kind: doc.DivPlain, Classes: []string{"source-entry"}, Blocks: []doc.Block{
			&doc.Paragraph{Content: []doc.Inline{names}},
			// the work in the bibliography's form, set as its entries are
			&doc.Div{Kind: doc.DivReference, Classes: []string{"bibliography-entry"},
				Blocks: []doc.Block{&doc.Paragraph{Content: cloneInlines(p.Reference)}}},
		}}
		if rest := permissionText(p); len(rest) > 0 {
			group.Blocks = append(group.Blocks, &doc.Paragraph{Content: rest})
		}
		blocks = append(blocks, group)
	}
	if len(blocks) == 0 {
		return
	}
	title := labels.For(r.book.Meta.Language).Sources
	h := &doc.Heading{Level: 1, Content: textInlines(title)}
	h.ID = r.ids.unique(nameSlug(title))
	r.book.Entries = append(r.book.Entries, &doc.Entry{
		ID:        sourcesID,
		Kind:      doc.KindBackMatter,
		Title:     textInlines(title),
		Blocks:    append([]doc.Block{h}, blocks...),
		Generated: true,
		Role:      doc.RoleBibliography,
	})
}
