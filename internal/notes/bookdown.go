package notes

import (
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/labels"
)

// bookdown's references, \@ref(label) (doc/bookdown.go), are resolved
// with Quarto's cross-references: linkCrossrefs, knowing the labels as
// written, finds each one's target (a figure, table or equation the
// parser numbered, a theorem environment, or any heading with an ID),
// and numberCrossrefs writes the number into it, a link. bookdown numbers
// by chapter, "2.1" for the first figure of chapter 2, and so does
// samizdat in an R Markdown chapter: its chapters are counted as bookdown
// counts them, every level-1 heading but unnumbered ones ({-}), those
// after an (APPENDIX) heading, or in chapters the build made appendices
// (build/bookdown.go), lettered A, B…

// bookdownRef is a reference and its target, nil when no item of the
// book has its label.
type bookdownRef struct {
	span   *doc.Span
	label  string
	target *xrefTarget
	pos    doc.Pos
	inLink bool
}

// linkBookdownRefs finds the bookdown references in the book and their
// targets among the labelled items and the headings, warning of those
// whose label names none.
func (r *resolver) linkBookdownRefs(targets map[string]*xrefTarget, headings map[string]*xrefTarget, anns []*annotation) {
	visit := func(list []doc.Inline, pos doc.Pos, inLink bool) {
		for _, in := range list {
			sp, ok := in.(*doc.Span)
			if !ok {
				continue
			}
			label, line, ok := doc.ParseBookdownRef(sp)
			if !ok {
				continue
			}
			at := pos
			if line > 0 {
				at.Line = line
			}
			t := targets[label]
			if t != nil && !bookdownKind(t.kind) {
				t = nil
			}
			if t == nil {
				t = headings[label]
			}
			if t == nil {
				r.warnf(at, "bookdown.ref", "%s: no figure, table, equation, theorem or heading of the book is labelled %s; printed as written", doc.PlainText(sp.Content), label)
				continue
			}
			r.bookdownRefs = append(r.bookdownRefs, &bookdownRef{span: sp, label: label, target: t, pos: at, inLink: inLink})
		}
	}
	for _, e := range r.entries() {
		for _, blocks := range entryBlockSets(e) {
			eachInlineList(blocks, e.File, visit)
		}
	}
	for _, a := range anns {
		if a.note != nil {
			eachInlineList(a.note.Blocks, a.file, visit)
		}
	}
}

// bookdownKind reports whether \@ref() may name an item of kind: a
// numbered one (a proof is not), or a heading.
func bookdownKind(kind string) bool {
	switch kind {
	case doc.CrossrefFigure, doc.CrossrefTable, doc.CrossrefEquation, "sec":
		return true
	}
	env, ok := doc.TheoremByKind(kind)
	return ok && env.Prefix != ""
}

// bookdownChapters numbers the chapters of R Markdown entries as bookdown
// does, for the numbers of the items in them.
type bookdownChapters struct {
	n        int
	appendix bool
	// current is the chapter's number as printed, "" before the first
	current string
}

// heading counts a level-1 heading of an R Markdown entry.
func (bc *bookdownChapters) heading(h *doc.Heading) {
	if h.Level != 1 {
		return
	}
	if slices.Contains(h.Classes, "appendix") {
		bc.startAppendix()
		return
	}
	if slices.Contains(h.Classes, "unnumbered") || slices.Contains(h.Classes, "part") {
		return
	}
	bc.n++
	if bc.appendix {
		bc.current = appendixLetter(bc.n)
	} else {
		bc.current = strconv.Itoa(bc.n)
	}
}

// startAppendix starts the appendices, lettered from A, at an
// (APPENDIX) heading or the first chapter the build made an appendix.
func (bc *bookdownChapters) startAppendix() {
	if !bc.appendix {
		bc.appendix, bc.n = true, 0
	}
}

// appendixLetter is the n-th appendix's letter: A…Z, then AA, AB…
func appendixLetter(n int) string {
	s := ""
	for ; n > 0; n = (n - 1) / 26 {
		s = string(rune('A'+(n-1)%26)) + s
	}
	return s
}

// rmdEntry reports whether an entry is an R Markdown chapter.
func rmdEntry(e *doc.Entry) bool { return strings.EqualFold(path.Ext(e.File), ".rmd") }

// theoremText is what a theorem environment's head says: its word, and
// its number when it is numbered.
func theoremText(env doc.TheoremEnv, num string, words labels.Labels) string {
	w := words.Theorems[env.Name]
	if w == "" {
		w = strings.ToUpper(env.Name[:1]) + env.Name[1:]
	}
	if env.Prefix == "" {
		return w
	}
	return w + "\u00a0" + num
}

// writeBookdownRefs gives each reference the number of its target (a
// heading's text), as a link; one whose target the edition leaves out is
// printed as written, with a warning.
func (r *resolver) writeBookdownRefs(numbers map[doc.Block]int, labelsOf map[doc.Block]string) {
	for _, ref := range r.bookdownRefs {
		t := ref.target
		if _, kept := numbers[t.block]; !kept {
			r.warnf(ref.pos, "bookdown.ref", "%s: the edition leaves out what it refers to; printed as written", doc.PlainText(ref.span.Content))
			continue
		}
		text := labelsOf[t.block]
		if t.kind == "sec" || text == "" {
			h := t.block.(*doc.Heading)
			// a numbered book's section prints its number, as bookdown's
			// numbered sections do
			text = r.sectionNumbers[h]
			if text == "" {
				text = plainTrim(doc.WithoutSectionNumber(h.Content))
			}
		}
		var in doc.Inline = &doc.Text{Text: text}
		if !ref.inLink {
			in = &doc.Link{URL: "/" + t.file + "#" + t.id, Content: []doc.Inline{in}, Pos: ref.pos}
		}
		ref.span.Content = []doc.Inline{in}
	}
}
