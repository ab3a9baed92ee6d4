package epub

import (
	"strconv"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// navItem is one line of the contents: an entry or a heading, with what
// nests below it. href is relative to the package folder.
type navItem struct {
	label    string
	href     string
	children []*navItem
}

// contents builds the table of contents: parts, their entries, and the
// headings of each entry down to TocDepth.
func (b *builder) contents() []*navItem {
	var items []*navItem
	var add func(ds []*xdoc) []*navItem
	add = func(ds []*xdoc) []*navItem {
		var out []*navItem
		for _, d := range ds {
			it := &navItem{label: d.navLabel, href: d.href()}
			it.children = headingTree(d)
			it.children = append(it.children, add(d.children)...)
			out = append(out, it)
		}
		return out
	}
	var top []*xdoc
	for _, e := range b.book.Entries {
		if d := b.entryDoc[e]; d != nil {
			top = append(top, d)
		}
	}
	items = add(top)
	if len(items) == 0 {
		// Navigation must list something; a book without entries has its title page.
		for _, d := range b.docs {
			if d.kind == docTitlePage {
				items = append(items, &navItem{label: d.title, href: d.href()})
			}
		}
	}
	return items
}

// headingTree nests an entry's listed headings by level.
func headingTree(d *xdoc) []*navItem {
	type open struct {
		level int
		item  *navItem
	}
	var roots []*navItem
	var stack []open
	for _, h := range d.toc {
		it := &navItem{label: h.label, href: d.href() + "#" + h.id}
		for len(stack) > 0 && stack[len(stack)-1].level >= h.level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			roots = append(roots, it)
		} else {
			parent := stack[len(stack)-1].item
			parent.children = append(parent.children, it)
		}
		stack = append(stack, open{h.level, it})
	}
	return roots
}

// landmark is one entry of the landmarks navigation.
type landmark struct {
	epubType, label, href string
}

func (b *builder) landmarks() []landmark {
	var out []landmark
	seen := map[string]bool{}
	add := func(t, label, href string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, landmark{t, label, href})
		}
	}
	for _, d := range b.docs {
		switch d.kind {
		case docCover:
			add("cover", b.words.Cover, d.href())
		case docTitlePage:
			add("titlepage", b.words.TitlePage, d.href())
		}
	}
	add("toc", b.words.Contents, navHref+"#toc")
	// The body starts with the first chapter, source or part; the back
	// matter with the first back entry, unless the list of sources comes
	// first, which then is the bibliography and nothing more.
	for _, d := range b.docs {
		if d.kind == docEntry && (d.entry.Kind == doc.KindChapter || d.entry.Kind == doc.KindSource || d.entry.Kind == doc.KindPart) {
			add("bodymatter", b.words.Start, d.href())
			break
		}
	}
	back := false
	for _, d := range b.docs {
		if d.kind != docEntry {
			continue
		}
		switch {
		case d.entry.Role == doc.RoleBibliography:
			add("bibliography", d.navLabel, d.href())
			back = true
		case !back && d.entry.Kind == doc.KindBackMatter:
			add("backmatter", d.navLabel, d.href())
			back = true
		}
	}
	return out
}

// navDocument is the EPUB navigation document: visible contents, hidden
// landmarks and, with a page map, the page list.
func (b *builder) navDocument() []byte {
	head, tail := b.frame(b.words.Contents, "", "nav")
	w := &xmlWriter{}
	w.b.Write(head)
	w.nl()
	w.open("nav", av("epub:type", "toc"), av("role", "doc-toc"), av("id", "toc"), av("aria-labelledby", "toc-title"))
	w.nl()
	w.element("h1", b.words.Contents, av("id", "toc-title"))
	w.nl()
	writeNavList(w, b.contents())
	w.close("nav")
	w.nl()

	w.open("nav", av("epub:type", "landmarks"), av("id", "landmarks"), av("hidden", "hidden"), av("aria-labelledby", "landmarks-title"))
	w.nl()
	w.element("h2", b.words.Landmarks, av("id", "landmarks-title"))
	w.nl()
	w.open("ol")
	w.nl()
	for _, l := range b.landmarks() {
		w.open("li")
		w.element("a", l.label, av("epub:type", l.epubType), av("href", l.href))
		w.close("li")
		w.nl()
	}
	w.close("ol")
	w.nl()
	w.close("nav")
	w.nl()

	if len(b.pages) > 0 {
		w.open("nav", av("epub:type", "page-list"), av("role", "doc-pagelist"), av("id", "page-list"), av("hidden", "hidden"), av("aria-labelledby", "page-list-title"))
		w.nl()
		w.element("h2", b.words.Pages, av("id", "page-list-title"))
		w.nl()
		w.open("ol")
		w.nl()
		for _, m := range b.pages {
			w.open("li")
			w.element("a", m.label, av("href", m.doc.href()+"#"+m.id))
			w.close("li")
			w.nl()
		}
		w.close("ol")
		w.nl()
		w.close("nav")
		w.nl()
	}
	w.b.Write(tail)
	return w.b.Bytes()
}

func writeNavList(w *xmlWriter, items []*navItem) {
	w.open("ol")
	w.nl()
	for _, it := range items {
		w.open("li")
		w.element("a", it.label, av("href", it.href))
		if len(it.children) > 0 {
			w.nl()
			writeNavList(w, it.children)
		}
		w.close("li")
		w.nl()
	}
	w.close("ol")
	w.nl()
}

// ncxDocument is the EPUB 2 table of contents, for older reading systems.
func (b *builder) ncxDocument() []byte {
	items := b.contents()
	depth := 0
	var measure func([]*navItem, int)
	measure = func(its []*navItem, d int) {
		for _, it := range its {
			depth = max(depth, d)
			measure(it.children, d+1)
		}
	}
	measure(items, 1)

	w := &xmlWriter{}
	w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	w.open("ncx", av("xmlns", "http://www.daisy.org/z3986/2005/ncx/"), av("version", "2005-1"), av("xml:lang", b.lang))
	w.nl()
	w.open("head")
	w.nl()
	for _, m := range [][2]string{
		{"dtb:uid", b.identifier()}, {"dtb:depth", strconv.Itoa(depth)},
		{"dtb:totalPageCount", "0"}, {"dtb:maxPageNumber", "0"},
	} {
		w.empty("meta", av("name", m[0]), avKeep("content", m[1]))
		w.nl()
	}
	w.close("head")
	w.nl()
	w.open("docTitle")
	w.element("text", b.bookTitle())
	w.close("docTitle")
	w.nl()
	w.open("navMap")
	w.nl()
	n := 0
	var points func([]*navItem)
	points = func(its []*navItem) {
		for _, it := range its {
			n++
			w.open("navPoint", av("id", "np-"+strconv.Itoa(n)), av("playOrder", strconv.Itoa(n)))
			w.open("navLabel")
			w.element("text", it.label)
			w.close("navLabel")
			w.empty("content", av("src", it.href))
			w.nl()
			points(it.children)
			w.close("navPoint")
			w.nl()
		}
	}
	points(items)
	w.close("navMap")
	w.nl()
	w.close("ncx")
	w.nl()
	return w.b.Bytes()
}
