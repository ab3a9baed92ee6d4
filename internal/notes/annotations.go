package notes

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"strings"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/yamlfile"
)

// annotation is one item of an annotation file.
type annotation struct {
	file                  string
	line                  int // where the item starts in file
	quote, prefix, suffix string
	chapter               string
	chapterLine           int
	tags                  []string
	noteText              string
	noteLine              int

	// note is the parsed body; nil when the item has errors, which also
	// keeps it out of the search.
	note *doc.Note
	// scope is the chapter to search, nil for the whole book.
	scope *doc.Entry
	// placedIn is the entry whose text now holds the note's marker.
	placedIn *doc.Entry
}

func (a *annotation) pos() doc.Pos { return doc.Pos{File: a.file, Line: a.line} }

// inputFile is a file the book was made from, for the colophon.
type inputFile struct {
	path, digest string
	// by is the file of the chapter whose includes read it first, if
	// any.
	by string
}

var annotationKeys = []string{"quote", "prefix", "suffix", "chapter", "tags", "note"}

// loadAnnotations reads and parses every annotation file, reporting every
// problem in every file.
func (r *resolver) loadAnnotations() []*annotation {
	if len(r.in.AnnotationFiles) == 0 {
		return nil
	}
	if r.in.FS == nil {
		r.errorf(doc.Pos{}, "internal", "resolve: annotation files are listed but no book folder was given")
		return nil
	}
	var all []*annotation
	for _, file := range r.in.AnnotationFiles {
		src, err := fs.ReadFile(r.in.FS, cleanPath(file))
		if err != nil {
			r.errorf(doc.Pos{File: file}, "annotation.unreadable", "cannot read annotation file: %v", unwrapPath(err))
			continue
		}
		sum := sha256.Sum256(src)
		r.inputs = append(r.inputs, inputFile{path: file, digest: hex.EncodeToString(sum[:])})
		anns, problems := parseAnnotations(file, src)
		for _, d := range problems {
			r.errs = append(r.errs, d)
		}
		for _, a := range anns {
			r.parseNote(a)
		}
		all = append(all, anns...)
	}
	return all
}

// parseNote parses the Markdown body of a valid annotation.
func (r *resolver) parseNote(a *annotation) {
	if r.in.ParseMarkdown == nil {
		r.errorf(a.pos(), "internal", "resolve: no Markdown parser given for annotation notes")
		return
	}
	pos := doc.Pos{File: a.file, Line: a.noteLine}
	blocks, err := r.in.ParseMarkdown([]byte(a.noteText), pos)
	if err != nil {
		r.errorf(a.pos(), "annotation.note-invalid", "note for quote %q: %s", a.quote, problemText(err))
		return
	}
	for _, t := range a.tags {
		if !r.ed.conditions[t] {
			r.warnf(a.pos(), "annotation.tag-unknown", "tag %q is not a condition declared in the manifest; it has no effect", t)
		}
	}
	a.note = &doc.Note{Kind: doc.AnnotationNote, Name: a.quote, Blocks: signEditorial(blocks), Pos: a.pos()}
}

// signEditorial ends an annotation with "—Ed.", as scholarly editions sign
// the editor's notes, so that on the page and in a pop-up note alike a
// reader can tell the editors' words from the text's own notes. It is in
// the tree, not added by a renderer, so both formats say the same.
func signEditorial(blocks []doc.Block) []doc.Block {
	sig := []doc.Inline{&doc.Text{Text: "\u2014"}, &doc.Emph{Content: []doc.Inline{&doc.Text{Text: "Ed."}}}}
	if n := len(blocks); n > 0 {
		if p, ok := blocks[n-1].(*doc.Paragraph); ok {
			p.Content = append(p.Content, sig...)
			return blocks
		}
	}
	return append(blocks, &doc.Paragraph{Content: sig})
}

// Codes of the annotation loader's problems, besides yamlfile's.
const (
	codeQuoteEmpty = "annotation.quote-empty" // no quote, or nothing in it to find
	codeNoteEmpty  = "annotation.note-empty"  // no note
)

// parseAnnotations reads one annotation file. Items with problems are
// reported and left out; the others are returned.
func parseAnnotations(file string, src []byte) ([]*annotation, []diag.Diagnostic) {
	f := yamlfile.Parse(file, src)
	var out []*annotation
	switch root := f.Root; {
	case root == nil:
		// Empty, or unreadable: the file's problems say which.
	case root.Kind != yamlfile.List:
		f.Expected(root, "", `a list of annotations, each starting with "- quote:"`)
	default:
		for _, item := range root.Items {
			if a := parseAnnotation(f, item); a != nil {
				out = append(out, a)
			}
		}
	}
	return out, f.Diagnostics()
}

// parseAnnotation reads one item, or reports why it cannot be used.
func parseAnnotation(f *yamlfile.File, item *yamlfile.Node) *annotation {
	if item.Kind != yamlfile.Map {
		f.Expected(item, "", "an annotation with at least quote and note")
		return nil
	}
	before := len(f.Diagnostics())
	fields := f.Fields(item, "", annotationKeys, "")
	a := &annotation{file: f.Name, line: item.Line}
	text := func(key string) (string, *yamlfile.Node) {
		fd := fields[key]
		if fd == nil {
			return "", item
		}
		s, _ := f.Text(fd.Value, key)
		return s, fd.Value
	}
	a.quote, _ = text("quote")
	a.quote = strings.TrimSpace(a.quote)
	a.prefix, _ = text("prefix")
	a.suffix, _ = text("suffix")
	chapter, at := text("chapter")
	a.chapter, a.chapterLine = strings.TrimSpace(chapter), at.Line
	note, at := text("note")
	a.noteText, a.noteLine = note, at.Line
	if at.Block {
		a.noteLine++ // a block scalar's text starts on the next line
	}
	if fd := fields["tags"]; fd != nil {
		a.tags, _ = f.Words(fd.Value, "tags")
	}
	quoteGiven := fields["quote"] != nil && fields["quote"].Value.Kind != yamlfile.List && fields["quote"].Value.Kind != yamlfile.Map
	switch {
	case !quoteGiven && fields["quote"] != nil:
		// Reported as the wrong kind of value.
	case a.quote == "":
		f.Errorf(item, codeQuoteEmpty, "annotation has an empty quote")
	case quoteKey(a.quote) == "":
		f.Errorf(item, codeQuoteEmpty, "quote %q has no text to find", a.quote)
	}
	if nd := fields["note"]; (nd == nil || nd.Value.Kind == yamlfile.Null || nd.Value.Kind == yamlfile.Scalar) && strings.TrimSpace(a.noteText) == "" {
		f.Errorf(item, codeNoteEmpty, "annotation for quote %q has an empty note", a.quote)
	}
	if len(f.Diagnostics()) > before {
		return nil
	}
	return a
}

// findScope resolves an annotation's chapter: a file as the manifest lists
// it, or an entry ID.
func (r *resolver) findScope(a *annotation) bool {
	if a.chapter == "" {
		return true
	}
	if e := r.allEntryByFile[cleanPath(a.chapter)]; e != nil {
		a.scope = e
		return true
	}
	if e := r.allEntryByID[a.chapter]; e != nil {
		a.scope = e
		return true
	}
	r.errorf(doc.Pos{File: a.file, Line: a.chapterLine}, "annotation.chapter-unknown", "unknown chapter %q (not in the book)", a.chapter)
	return false
}

// scopeName is where an annotation searches, for messages.
func (a *annotation) scopeName() string {
	if a.scope == nil {
		return "the book"
	}
	if a.scope.File != "" {
		return a.scope.File
	}
	return a.scope.ID
}

// checkAnnotationsInWholeBook finds every annotation's quote in the book as
// it is before conditions, so a quote found nowhere is an error in every
// edition, even one that leaves the annotation out.
func (r *resolver) checkAnnotationsInWholeBook(anns []*annotation) {
	var live []*annotation
	for _, a := range anns {
		if a.note != nil && r.findScope(a) {
			live = append(live, a)
		} else {
			a.note = nil
		}
	}
	found := r.search(live, nil)
	for _, a := range live {
		if found[a] == nil {
			r.errorf(a.pos(), "annotation.quote-missing", "quote %q not found in %s", a.quote, a.scopeName())
			a.note = nil
		}
	}
}

// anchorAnnotations places the annotations the edition keeps: each quote
// must occur exactly once in the kept text. A quote found only in text the
// edition leaves out is skipped, like the text. With Options.Annotations
// false everything is checked but nothing is inserted.
func (r *resolver) anchorAnnotations(anns []*annotation) {
	var live []*annotation
	for _, a := range anns {
		if a.note == nil || !r.ed.keeps(a.tags) || a.scope != nil && r.leftOut[a.scope] {
			continue
		}
		live = append(live, a)
	}
	found := r.search(live, r.titleHeadings)
	var places []placement
	for i, a := range live {
		h := found[a]
		switch {
		case h == nil:
			continue
		case h.n > 1:
			var where []string
			for _, m := range h.ms {
				where = append(where, m.c.pos.String())
			}
			if h.n > len(h.ms) {
				where = append(where, "…")
			}
			r.errorf(a.pos(), "annotation.quote-ambiguous", "quote %q found %d times (%s); add prefix or suffix to choose one", a.quote, h.n, strings.Join(where, ", "))
			continue
		}
		m := h.ms[0]
		a.placedIn = m.entry // its links are checked even when it is left out
		if !r.in.Annotations {
			continue
		}
		r.uniqueAnchors(a.note.Blocks, "")
		p := m.c.placementAt(m.end)
		p.order, p.ref = i, &doc.NoteRef{Note: a.note}
		places = append(places, p)
	}
	applyPlacements(places)
}
