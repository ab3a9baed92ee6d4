package notes

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/cite"
	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/suggest"
)

// bibliographyID is the base of the generated bibliography's entry ID.
const bibliographyID = "bibliography"

// citations is the state of resolving the book's citations.
type citations struct {
	style   *cite.Style
	tracker *cite.Tracker
	// cited are the records cited in this edition, in the order first
	// cited, with the anchor of each one's bibliography entry.
	cited  []*cite.Record
	anchor map[*cite.Record]string
	// entryID is the bibliography entry's ID, given out before the
	// entry exists so citations can link to it.
	entryID string
	// warnedNoBibliography is set once the book has been told it cites
	// without a bibliography.
	warnedNoBibliography bool
}

// loadBibliography reads the bibliography files, reporting every problem
// of each; a record with an error is left out, and a key given twice is
// an error at the repeat.
func (r *resolver) loadBibliography() {
	if len(r.in.BibliographyFiles) == 0 {
		return
	}
	if r.in.FS == nil {
		r.errorf(doc.Pos{}, "internal", "resolve: bibliography files are listed but no book folder was given")
		return
	}
	bib := &cite.Bibliography{}
	for _, file := range r.in.BibliographyFiles {
		src, err := fs.ReadFile(r.in.FS, cleanPath(file))
		if err != nil {
			r.errorf(doc.Pos{File: file}, cite.CodeUnread, "cannot read bibliography file: %v", unwrapPath(err))
			continue
		}
		sum := sha256.Sum256(src)
		r.inputs = append(r.inputs, inputFile{path: file, digest: hex.EncodeToString(sum[:])})
		recs, ds := cite.Parse(file, src)
		ds = append(ds, bib.Add(recs)...)
		for _, d := range ds {
			if d.Severity == diag.Error {
				r.errs = append(r.errs, d)
			} else {
				r.warns = append(r.warns, d)
			}
		}
	}
	r.in.Bibliography = bib
}

// resolveCitations replaces every citation with its rendering in the
// book's style: a footnote in the notes styles (merged into the author's
// note when one is at the same place, and set after the punctuation that
// follows), the citation in the text in the author-date styles. A
// citation inside a note is set in the note. Each cited work links to its
// entry in the bibliography. The positions that decide "Ibid." and short
// notes follow the notes in reading order, restarting with each entry.
func (r *resolver) resolveCitations() {
	c := &citations{style: r.citeStyle, tracker: cite.NewTracker(), anchor: map[*cite.Record]string{}}
	r.cites = c
	if r.in.Bibliography != nil && len(r.in.Bibliography.Records) > 0 {
		c.entryID = r.ids.unique(bibliographyID)
	}
	for _, e := range r.entries() {
		c.tracker.StartPart()
		w := &citeWalker{r: r, e: e, done: map[*doc.Note]bool{}}
		w.blocks(e.Blocks, e.File, false)
	}
}

// citeWalker finds citations in one entry in reading order: the text, and
// each note where it is first referenced.
type citeWalker struct {
	r    *resolver
	e    *doc.Entry
	done map[*doc.Note]bool
	pos  doc.Pos
}

func (w *citeWalker) blocks(bs []doc.Block, file string, inNote bool) {
	for _, b := range bs {
		if b == nil {
			continue
		}
		w.pos = posIn(b.Position(), file)
		switch b := b.(type) {
		case *doc.Paragraph:
			w.inlines(&b.Content, inNote, false)
		case *doc.Heading:
			w.inlines(&b.Content, inNote, false)
		case *doc.Figure:
			w.inlines(&b.Caption, inNote, false)
		case *doc.Table:
			// The caption reads first: print sets it above the table.
			w.inlines(&b.Caption, inNote, false)
			for _, cell := range b.Header {
				if cell != nil {
					w.inlines(&cell.Content, inNote, false)
				}
			}
			for _, row := range b.Rows {
				for _, cell := range row {
					if cell != nil {
						w.inlines(&cell.Content, inNote, false)
					}
				}
			}
		default:
			w.blocks(doc.BlockChildren(b), file, inNote)
		}
	}
}

// inlines resolves the citations of one inline list, in order, and those
// of the notes it references first. A list with citations is built again
// in one pass (a paragraph of thousands of them in linear time); one with
// none is left as it is.
func (w *citeWalker) inlines(list *[]doc.Inline, inNote, inLink bool) {
	in := *list
	var out []doc.Inline
	for i, x := range in {
		switch x := x.(type) {
		case *doc.Cite:
			if out == nil {
				out = append(make([]doc.Inline, 0, len(in)), in[:i]...)
			}
			out = append(out, w.cite(out, in[i+1:], x, inNote, inLink)...)
			continue
		case *doc.NoteRef:
			if n := x.Note; n != nil && !w.done[n] {
				w.done[n] = true
				pos := w.pos
				w.blocks(n.Blocks, posIn(n.Pos, w.e.File).File, true)
				w.pos = pos
			}
		case *doc.Emph:
			w.inlines(&x.Content, inNote, inLink)
		case *doc.Strong:
			w.inlines(&x.Content, inNote, inLink)
		case *doc.Strike:
			w.inlines(&x.Content, inNote, inLink)
		case *doc.Span:
			w.inlines(&x.Content, inNote, inLink)
		case *doc.Link:
			w.inlines(&x.Content, inNote, true)
		}
		if out != nil {
			out = append(out, x)
		}
	}
	if out != nil {
		*list = out
	}
}

// cite returns what stands for a citation: before are the nodes the list
// has before it (with their citations resolved), after those still to come.
func (w *citeWalker) cite(before, after []doc.Inline, c *doc.Cite, inNote, inLink bool) []doc.Inline {
	r := w.r
	pos := w.pos
	if c.Line > 0 {
		pos.Line = c.Line
	}
	cit, ok := w.citation(c, pos, inLink)
	if !ok {
		return []doc.Inline{&doc.Text{Text: c.Text}}
	}
	st := r.cites.style
	if inNote || !st.Notes() {
		switch {
		case st.Notes() && !cit.AuthorInText:
			// a bracketed citation inside a note stands in parentheses
			return st.NoteInNote(cit, r.cites.tracker.Positions(cit))
		case st.Notes():
			out := st.Note(cit, r.cites.tracker.Positions(cit))
			if next, ok := nextText(after); ok && strings.HasPrefix(next, ".") {
				out = trimFinalStop(out)
			}
			return out
		default:
			return st.InText(cit)
		}
	}
	// A note: its text, and the marker in the text.
	body := st.Note(cit, r.cites.tracker.Positions(cit))
	var lead []doc.Inline
	if cit.AuthorInText {
		lead = st.InText(cit)
	}
	// the author's note at the same place takes the citation in
	if ref := adjacentFootnote(before, after); ref != nil && !cit.AuthorInText {
		prependToNote(ref.Note, body)
		trimSpaceBefore(before)
		return nil
	}
	n := &doc.Note{Kind: doc.FootnoteNote, Pos: pos, Blocks: []doc.Block{&doc.Paragraph{BlockBase: doc.BlockBase{Pos: pos}, Content: body}}}
	marker := []doc.Inline{&doc.NoteRef{Note: n}}
	w.done[n] = true
	if lead == nil {
		trimSpaceBefore(before)
	}
	// the marker goes after the punctuation that follows
	if t, ok := nextTextNode(after); ok && startsWithPunct(t.Text) {
		k := punctPrefix(t.Text)
		punct := t.Text[:k]
		t.Text = t.Text[k:]
		marker = append([]doc.Inline{&doc.Text{Text: punct}}, marker...)
	}
	return append(lead, marker...)
}

// citation looks up a citation's works. ok is false when it is printed as
// written: the book has no bibliography, or a key written into the
// sentence is no work of it (an address, a handle), which is a warning; a
// bracketed citation of an unknown key is an error.
func (w *citeWalker) citation(c *doc.Cite, pos doc.Pos, inLink bool) (cite.Citation, bool) {
	r := w.r
	bib := r.in.Bibliography
	if bib == nil || len(bib.Records) == 0 {
		if !c.AuthorInText && !r.cites.warnedNoBibliography {
			r.cites.warnedNoBibliography = true
			r.warnf(pos, "cite.no-bibliography", "citation %s, but the manifest lists no bibliography; it is printed as written", c.Text)
		}
		return cite.Citation{}, false
	}
	out := cite.Citation{AuthorInText: c.AuthorInText}
	ok := true
	for _, it := range c.Items {
		rec, found := bib.Lookup(it.Key)
		if !found {
			hint := suggest.DidYouMean(it.Key, r.citeKeys())
			if c.AuthorInText {
				r.warnf(pos, "cite.unknown-key", "@%s is no key of the bibliography%s; printed as written", it.Key, hint)
			} else {
				r.errorf(pos, "cite.unknown-key", "citation %s: no bibliography entry has the key %q%s", c.Text, it.Key, hint)
			}
			ok = false
			continue
		}
		r.noteCited(rec)
		item := cite.Item{
			Record:         rec,
			Prefix:         cite.Typographic(it.Prefix),
			Suffix:         cite.Typographic(it.Suffix),
			Locator:        it.Locator,
			SuppressAuthor: it.SuppressAuthor,
		}
		if !inLink {
			item.Link = &doc.Link{Entry: r.cites.entryID, Anchor: r.cites.anchor[rec]}
		}
		out.Items = append(out.Items, item)
	}
	return out, ok
}

// citeKeys lists the bibliography's keys, for suggestions.
func (r *resolver) citeKeys() []string {
	var keys []string
	for _, rec := range r.in.Bibliography.Records {
		keys = append(keys, rec.Key)
	}
	return keys
}

// noteCited records a work as cited, giving it an anchor in the
// bibliography, and reports once what it lacks for the style.
func (r *resolver) noteCited(rec *cite.Record) {
	c := r.cites
	if _, ok := c.anchor[rec]; ok {
		return
	}
	c.anchor[rec] = r.ids.unique("ref-" + nameSlug(rec.Key))
	c.cited = append(c.cited, rec)
	r.recordProblems(rec)
}

// recordProblems warns of what the style needs and the record lacks.
func (r *resolver) recordProblems(rec *cite.Record) {
	for _, p := range r.citeStyle.Problems(rec) {
		r.recordProblem(rec, p)
	}
}

// recordProblem warns of one problem of a record, once.
func (r *resolver) recordProblem(rec *cite.Record, problem string) {
	k := recordProblemKey{rec.Key, problem}
	if r.recordWarned[k] {
		return
	}
	r.recordWarned[k] = true
	r.warnf(doc.Pos{File: rec.File, Line: rec.Line}, "cite.incomplete", "bibliography entry %q %s", rec.Key, problem)
}

type recordProblemKey struct{ key, problem string }

// addBibliography appends the bibliography of the works cited, in the
// style's order, each entry a group the citations link to.
func (r *resolver) addBibliography() {
	c := r.cites
	if c == nil || len(c.cited) == 0 {
		return
	}
	records := append([]*cite.Record(nil), c.cited...)
	c.style.Sort(records)
	var blocks []doc.Block
	title := c.style.BibliographyTitle()
	h := &doc.Heading{Level: 1, Content: textInlines(title)}
	h.ID = r.ids.unique(nameSlug(title))
	blocks = append(blocks, h)
	for i, entry := range c.style.Bibliography(records) {
		rec := records[i]
		pos := doc.Pos{File: rec.File, Line: rec.Line}
		blocks = append(blocks, &doc.Div{
			BlockBase: doc.BlockBase{Pos: pos},
			ID:        c.anchor[rec],
			Kind:      doc.DivReference,
			Classes:   []string{"bibliography-entry"},
			Blocks:    []doc.Block{&doc.Paragraph{BlockBase: doc.BlockBase{Pos: pos}, Content: entry}},
		})
	}
	r.book.Entries = append(r.book.Entries, &doc.Entry{
		ID:        c.entryID,
		Kind:      doc.KindBackMatter,
		Title:     textInlines(title),
		Blocks:    blocks,
		Generated: true,
		Role:      doc.RoleBibliography,
	})
}

// adjacentFootnote is the first reference to an author's footnote right
// before or after a citation, white space aside: before and after are the
// nodes on either side of it.
func adjacentFootnote(before, after []doc.Inline) *doc.NoteRef {
	isSpace := func(x doc.Inline) bool {
		t, ok := x.(*doc.Text)
		return ok && strings.TrimSpace(t.Text) == ""
	}
	footnote := func(x doc.Inline) *doc.NoteRef {
		if ref, ok := x.(*doc.NoteRef); ok && ref.Note != nil && ref.Note.Kind == doc.FootnoteNote && ref.Index == 0 {
			return ref
		}
		return nil
	}
	for _, x := range after {
		if !isSpace(x) {
			if ref := footnote(x); ref != nil {
				return ref
			}
			break
		}
	}
	for j := len(before) - 1; j >= 0; j-- {
		if !isSpace(before[j]) {
			return footnote(before[j])
		}
	}
	return nil
}

// prependToNote puts a citation at the start of a note: in its first
// paragraph, else in a paragraph of its own.
func prependToNote(n *doc.Note, body []doc.Inline) {
	if len(n.Blocks) > 0 {
		if p, ok := n.Blocks[0].(*doc.Paragraph); ok {
			p.Content = append(append(body, &doc.Text{Text: " "}), p.Content...)
			return
		}
	}
	n.Blocks = append([]doc.Block{&doc.Paragraph{BlockBase: doc.BlockBase{Pos: n.Pos}, Content: body}}, n.Blocks...)
}

// trimSpaceBefore removes the white space a note marker replaces: "text
// [@a]." becomes "text.¹"; before are the nodes before the citation.
func trimSpaceBefore(before []doc.Inline) {
	if len(before) > 0 {
		if t, ok := before[len(before)-1].(*doc.Text); ok {
			t.Text = strings.TrimRightFunc(t.Text, unicode.IsSpace)
		}
	}
}

// nextTextNode is the text node right after a citation, if that is one;
// after are the nodes after it.
func nextTextNode(after []doc.Inline) (*doc.Text, bool) {
	if len(after) > 0 {
		t, ok := after[0].(*doc.Text)
		return t, ok
	}
	return nil, false
}

func nextText(after []doc.Inline) (string, bool) {
	t, ok := nextTextNode(after)
	if !ok {
		return "", false
	}
	return t.Text, true
}

func startsWithPunct(s string) bool { return punctPrefix(s) > 0 }

// punctPrefix is the length of the sentence punctuation s starts with.
func punctPrefix(s string) int {
	n := 0
	for n < len(s) && strings.IndexByte(".,;:!?", s[n]) >= 0 {
		n++
	}
	if n == 0 {
		if r, size := utf8.DecodeRuneInString(s); r == '…' {
			return size
		}
	}
	return n
}

// trimFinalStop drops the full stop ending rendered content, when the
// text goes on with one.
func trimFinalStop(in []doc.Inline) []doc.Inline {
	if len(in) == 0 {
		return in
	}
	if t, ok := in[len(in)-1].(*doc.Text); ok && strings.HasSuffix(t.Text, ".") {
		t.Text = strings.TrimSuffix(t.Text, ".")
	}
	return in
}
