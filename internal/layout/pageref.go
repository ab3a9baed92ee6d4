package layout

import (
	"fmt"
	"strings"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
)

// Paper has no links, so the print edition names the page a link inside
// the book leads to: "(p. 42)" after the link when the target is on
// another page, the page alone for a link that asks for it, and the pages
// of every occurrence of an index term. Those pages are known only once
// the book is set, and setting them changes the text, which may move
// pages. So the book is set again with the pages of the pass before, until
// every page a pass printed is the one its target landed on (at most
// maxPagePasses passes; a reference that moves its own target's page back
// and forth is rare, and then the last pass stands, with a warning).

// maxPagePasses bounds the passes that settle page references.
const maxPagePasses = 5

// pageState is what a pass knows of the pages of the pass before: read
// only while the engines set galleys in parallel.
type pageState struct {
	// form is the text after a link, "{page}" standing for the page
	// ("(p. {page})"); "" prints none.
	form string
	// pageOf is the page each anchor was on; labels the pages' folios.
	pageOf map[string]int
	labels []string
	// linkAt is the page each link that names a page was on.
	linkAt map[*doc.Link]int
}

// label is the folio of the page an anchor was on.
func (ps *pageState) label(anchor string) (string, bool) {
	if ps == nil {
		return "", false
	}
	p, ok := ps.pageOf[anchor]
	if !ok || p < 0 || p >= len(ps.labels) {
		return "", false
	}
	return ps.labels[p], true
}

// pageUse is what one galley's text took from the pass before: the folio
// used for each anchor ("" when unknown), and for each link printed with
// or without its page, the page it was on.
type pageUse struct {
	anchors map[string]string
	links   map[*doc.Link]int
}

func (u *pageUse) anchor(name, label string) {
	if u.anchors == nil {
		u.anchors = map[string]string{}
	}
	u.anchors[name] = label
}

func (u *pageUse) link(l *doc.Link, page int) {
	if u.links == nil {
		u.links = map[*doc.Link]int{}
	}
	u.links[l] = page
}

// settled reports whether everything a pass took from the pass before is
// what the pass itself produced.
func (u *pageUse) settled(now *pageState) bool {
	for name, used := range u.anchors {
		if got, _ := now.label(name); got != used {
			return false
		}
	}
	for l, used := range u.links {
		p, ok := now.linkAt[l]
		if !ok {
			p = -1
		}
		if p != used {
			return false
		}
	}
	return true
}

// unsettledWarnings names the chapters whose text took from the last pass
// pages that pass did not produce, one warning each: at the first link
// (in the source) whose own page moved, else at the chapter's file.
// built are the chapters' galleys, in the order of entries.
func unsettledWarnings(entries []*doc.Entry, built []built, now *pageState) []diag.Diagnostic {
	var out []diag.Diagnostic
	for i, b := range built {
		if i >= len(entries) || b.use.settled(now) {
			continue
		}
		pos := doc.Pos{File: entries[i].File}
		if l := b.use.firstMovedLink(now); l != nil {
			pos = l.Place(pos)
		}
		out = append(out, diag.Diagnostic{Severity: diag.Warning, File: pos.File, Line: pos.Line, Column: pos.Column,
			Code: "layout.page-references", Message: fmt.Sprintf("page references in this chapter did not settle in %d passes of the layout; a page number printed in it may be off by a page", maxPagePasses)})
	}
	if len(out) == 0 {
		// What did not settle is outside the chapters' text.
		out = append(out, diag.Warnf("", 0, "layout.page-references",
			"page references and the index did not settle in %d passes of the layout; a page number printed may be off by a page", maxPagePasses))
	}
	return out
}

// firstMovedLink is the link, first in its source, whose page the text
// took from the pass before and which now is on another page, or nil.
func (u *pageUse) firstMovedLink(now *pageState) *doc.Link {
	var first *doc.Link
	for l, used := range u.links {
		p, ok := now.linkAt[l]
		if !ok {
			p = -1
		}
		if p == used || l.Pos.Line <= 0 {
			continue
		}
		if first == nil || l.Pos.Line < first.Pos.Line || l.Pos.Line == first.Pos.Line && l.Pos.Column < first.Pos.Column {
			first = l
		}
	}
	return first
}

// pageText is what the print edition adds for a link: the text after its
// content, or (only) the text in place of it. ok is false when the link
// prints as it is.
func (f *flattener) pageText(l *doc.Link, target string) (after, only string, ok bool) {
	ps := f.e.pages
	if ps == nil || target == "" {
		return "", "", false
	}
	label, known := ps.label(target)
	f.e.use.anchor(target, label)
	switch l.Page {
	case doc.PageOnly:
		if !known {
			return "", "", false
		}
		return "", label, true
	case doc.PageAfter:
		if ps.form == "" {
			return "", "", false
		}
		own, ownKnown := ps.linkAt[l]
		if !ownKnown {
			own = -1
		}
		f.e.use.link(l, own)
		if !known || own >= 0 && own < len(ps.labels) && ps.labels[own] == label {
			return "", "", false // the target is on this page, or not known yet
		}
		return " " + strings.ReplaceAll(ps.form, "{page}", label), "", true
	}
	return "", "", false
}

// hasPageText reports whether the book holds text that depends on pages:
// a link inside it that names its page, or an index. The layout takes
// any tree, nil nodes included.
func hasPageText(book *doc.Book, form string) bool {
	var inlines func([]doc.Inline) bool
	inlines = func(ins []doc.Inline) bool {
		for _, in := range ins {
			if l, ok := in.(*doc.Link); ok && l != nil && !l.External && (l.Entry != "" || l.Anchor != "") &&
				(l.Page == doc.PageOnly || l.Page == doc.PageAfter && form != "") {
				return true
			}
			if in != nil && inlines(doc.InlineChildren(in)) {
				return true
			}
		}
		return false
	}
	var blocks func([]doc.Block, int) bool
	blocks = func(bs []doc.Block, depth int) bool {
		if depth > doc.MaxDepth {
			return false
		}
		for _, b := range bs {
			switch b := b.(type) {
			case *doc.Index:
				if b != nil {
					return true
				}
			case *doc.Paragraph:
				if b != nil && inlines(b.Content) {
					return true
				}
			case *doc.Heading:
				if b != nil && inlines(b.Content) {
					return true
				}
			case *doc.Figure:
				if b != nil && inlines(b.Caption) {
					return true
				}
			case *doc.Table:
				if b == nil {
					continue
				}
				if inlines(b.Caption) {
					return true
				}
				for _, row := range append([][]*doc.TableCell{b.Header}, b.Rows...) {
					for _, c := range row {
						if c != nil && inlines(c.Content) {
							return true
						}
					}
				}
			case *doc.List:
				if b == nil {
					continue
				}
				for _, it := range b.Items {
					if it != nil && blocks(it.Blocks, depth+1) {
						return true
					}
				}
			case *doc.BlockQuote:
				if b != nil && blocks(b.Blocks, depth+1) {
					return true
				}
			case *doc.Div:
				if b != nil && blocks(b.Blocks, depth+1) {
					return true
				}
			}
		}
		return false
	}
	for _, e := range chapters(book.Entries, nil) {
		if blocks(e.Blocks, 0) {
			return true
		}
		for _, n := range e.Notes {
			if n != nil && blocks(n.Blocks, 0) {
				return true
			}
		}
	}
	return false
}

// pagesOf reads a laid-out document's pages for the next pass.
func pagesOf(d *Document, linkPages map[*doc.Link]*Page, form string) *pageState {
	ps := &pageState{form: form, pageOf: map[string]int{}, linkAt: map[*doc.Link]int{}}
	index := map[*Page]int{}
	for i, pg := range d.Pages {
		index[pg] = i
		ps.labels = append(ps.labels, pg.Label)
		for _, a := range pg.Anchors {
			if _, seen := ps.pageOf[a.Name]; !seen {
				ps.pageOf[a.Name] = i
			}
		}
	}
	for l, pg := range linkPages {
		if i, ok := index[pg]; ok {
			ps.linkAt[l] = i
		}
	}
	return ps
}
