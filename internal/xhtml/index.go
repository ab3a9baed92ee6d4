package xhtml

import "github.com/samizdat-press/samizdat/internal/doc"

// index writes the index as EPUB Indexes 1.0 marks it up (the structure
// holds in plain XHTML too): a group per letter, each with its heading and
// a list of entries; an entry holds its term, a link to each occurrence,
// its cross-references and the list of its sub-entries. The entry's
// section (epub:type index, role doc-index) is the caller's.
func (r *Body) index(ix *doc.Index) {
	for _, g := range ix.Groups {
		if g == nil || len(g.Entries) == 0 {
			continue
		}
		r.w.Open("section", r.epubType("index-group"), A("class", "index-group"))
		r.w.NL()
		if g.Label != "" {
			r.w.Element("h2", g.Label)
			r.w.NL()
		}
		r.indexEntries(g.Entries)
		r.w.Close("section")
		r.w.NL()
	}
}

func (r *Body) indexEntries(es []*doc.IndexEntry) {
	r.w.Open("ul", r.epubType("index-entry-list"), A("class", "index-entries"))
	r.w.NL()
	for _, e := range es {
		if e == nil {
			continue
		}
		r.w.Open("li", r.ID(r.doc.ID(e)), r.epubType("index-entry"))
		r.w.Open("span", r.epubType("index-term"))
		r.Inlines(e.Term)
		r.w.Close("span")
		last := ""
		for _, l := range e.Locators {
			text := r.doc.Locator(l)
			if text == "" || text == last {
				continue // one link per page
			}
			last = text
			r.w.Text(", ")
			href, _, problem, ok := r.doc.InternalLink(&doc.Link{Entry: l.Entry, Anchor: l.Anchor}, "")
			if problem != "" {
				r.warn("link.dangling", problem)
			}
			if !ok {
				r.w.Text(text)
				continue
			}
			r.w.Element("a", text, A("href", href), r.epubType("index-locator"))
		}
		// an entry has either kind of cross-reference, as EPUB Indexes asks
		refs, word, kind := e.See, r.opts.See, "index-xref-preferred"
		if len(refs) == 0 {
			refs, word, kind = e.SeeAlso, r.opts.SeeAlso, "index-xref-related"
		}
		if len(refs) > 0 {
			r.w.Text(". ")
			r.w.Open("span", r.epubType(kind), A("class", "index-xref"))
			r.w.Element("em", word)
			r.w.Text(" ")
			for i, ref := range refs {
				if i > 0 {
					r.w.Text("; ")
				}
				r.indexRef(ref)
			}
			r.w.Close("span")
		}
		if len(e.Sub) > 0 {
			r.w.NL()
			r.indexEntries(e.Sub)
		}
		r.w.Close("li")
		r.w.NL()
	}
	r.w.Close("ul")
	r.w.NL()
}

// indexRef writes the term a cross-reference names, linked to its entry
// when the index has one.
func (r *Body) indexRef(ref doc.IndexRef) {
	if ref.ID != "" && !r.inLink {
		if href, _, _, ok := r.doc.InternalLink(&doc.Link{Anchor: ref.ID}, "#"+ref.ID); ok {
			r.w.Open("a", A("href", href), r.epubType("index-term"))
			r.inLink = true
			r.Inlines(ref.Term)
			r.inLink = false
			r.w.Close("a")
			return
		}
	}
	r.w.Open("span", r.epubType("index-term"))
	r.Inlines(ref.Term)
	r.w.Close("span")
}
