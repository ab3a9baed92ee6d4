package epub

import (
	"bytes"
	"sort"
	"strconv"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/xhtml"
)

// navItem is one line of the contents: an entry or a heading, with what
// nests below it. href is relative to the package folder.
type navItem struct {
	label    string
	href     string
	lang     string // the label's language, "" the book's
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
			it := &navItem{label: d.NavLabel, href: d.href(), lang: b.docLang(d)}
			it.children = headingTree(d)
			for _, h := range it.children {
				setLang(h, it.lang)
			}
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

// docLang is the language of a document's entry where it is not the
// book's, else "".
func (b *builder) docLang(d *xdoc) string {
	if d.kind != docEntry || d.entry == nil {
		return ""
	}
	if tag, ok := xhtml.ParseLang(d.entry.Language); ok && tag != b.lang {
		return tag
	}
	return ""
}

// setLang gives a heading's line, and those under it, its entry's language.
func setLang(it *navItem, lang string) {
	it.lang = lang
	for _, c := range it.children {
		setLang(c, lang)
	}
}

// headingTree nests an entry's listed headings by level.
func headingTree(d *xdoc) []*navItem {
	type open struct {
		level int
		item  *navItem
	}
	var roots []*navItem
	var stack []open
	for _, h := range d.Toc {
		it := &navItem{label: h.Label, href: d.href() + "#" + h.ID}
		for len(stack) > 0 && stack[len(stack)-1].level >= h.Level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			roots = append(roots, it)
		} else {
			parent := stack[len(stack)-1].item
			parent.children = append(parent.children, it)
		}
		stack = append(stack, open{h.Level, it})
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
			add("bibliography", d.NavLabel, d.href())
			back = true
		case d.entry.Role == doc.RoleIndex:
			add("index", d.NavLabel, d.href())
			back = true
		case !back && d.entry.Kind == doc.KindBackMatter:
			add("backmatter", d.NavLabel, d.href())
			back = true
		}
	}
	return out
}

// navDocument is the EPUB navigation document: visible contents, hidden
// landmarks and, with a page map, the page list.
func (b *builder) navDocument() []byte {
	head, tail := b.frame(b.words.Contents, "", "nav", b.lang)
	w := &xhtml.Writer{}
	w.Write(head)
	w.NL()
	w.Open("nav", xhtml.A("epub:type", "toc"), xhtml.A("role", "doc-toc"), xhtml.A("id", "toc"), xhtml.A("aria-labelledby", "toc-title"))
	w.NL()
	w.Element("h1", b.words.Contents, xhtml.A("id", "toc-title"))
	w.NL()
	writeNavList(w, b.contents(), rightToLeft(b.lang))
	w.Close("nav")
	w.NL()

	w.Open("nav", xhtml.A("epub:type", "landmarks"), xhtml.A("id", "landmarks"), xhtml.A("hidden", "hidden"), xhtml.A("aria-labelledby", "landmarks-title"))
	w.NL()
	w.Element("h2", b.words.Landmarks, xhtml.A("id", "landmarks-title"))
	w.NL()
	w.Open("ol")
	w.NL()
	for _, l := range b.landmarks() {
		w.Open("li")
		w.Element("a", l.label, xhtml.A("epub:type", l.epubType), xhtml.A("href", l.href))
		w.Close("li")
		w.NL()
	}
	w.Close("ol")
	w.NL()
	w.Close("nav")
	w.NL()

	if len(b.pages) > 0 {
		w.Open("nav", xhtml.A("epub:type", "page-list"), xhtml.A("role", "doc-pagelist"), xhtml.A("id", "page-list"), xhtml.A("hidden", "hidden"), xhtml.A("aria-labelledby", "page-list-title"))
		w.NL()
		w.Element("h2", b.words.Pages, xhtml.A("id", "page-list-title"))
		w.NL()
		w.Open("ol")
		w.NL()
		for _, m := range b.pages {
			w.Open("li")
			w.Element("a", m.Label, xhtml.A("href", m.doc.href()+"#"+m.ID))
			w.Close("li")
			w.NL()
		}
		w.Close("ol")
		w.NL()
		w.Close("nav")
		w.NL()
	}
	w.Write(tail)
	return w.Bytes()
}

// writeNavList writes the contents' lines; rtl is the navigation
// document's direction. A line in another language says so, for speech,
// and one in the other direction is isolated in its own (HTML isolates an
// element with a dir): the colon ending an Arabic title in an English book
// then stands at the title's left end, where it ends.
func writeNavList(w *xhtml.Writer, items []*navItem, rtl bool) {
	w.Open("ol")
	w.NL()
	for _, it := range items {
		w.Open("li")
		attrs := []xhtml.Attr{xhtml.A("href", it.href)}
		if it.lang != "" {
			attrs = append(attrs, xhtml.A("lang", it.lang), xhtml.A("xml:lang", it.lang))
			if own := rightToLeft(it.lang); own != rtl {
				dir := "ltr"
				if own {
					dir = "rtl"
				}
				attrs = append(attrs, xhtml.A("dir", dir))
			}
		}
		w.Element("a", it.label, attrs...)
		if len(it.children) > 0 {
			w.NL()
			writeNavList(w, it.children, rtl)
		}
		w.Close("li")
		w.NL()
	}
	w.Close("ol")
	w.NL()
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

	order := b.playOrder(items)
	total, maxNumber := 0, 0
	for _, m := range b.pages {
		total++
		if n, err := strconv.Atoi(m.Label); err == nil && n > 0 {
			maxNumber = max(maxNumber, n)
		}
	}

	w := &xhtml.Writer{}
	w.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	w.Open("ncx", xhtml.A("xmlns", "http://www.daisy.org/z3986/2005/ncx/"), xhtml.A("version", "2005-1"), xhtml.A("xml:lang", b.lang))
	w.NL()
	w.Open("head")
	w.NL()
	for _, m := range [][2]string{
		{"dtb:uid", b.identifier()}, {"dtb:depth", strconv.Itoa(depth)},
		{"dtb:totalPageCount", strconv.Itoa(total)}, {"dtb:maxPageNumber", strconv.Itoa(maxNumber)},
	} {
		w.Empty("meta", xhtml.A("name", m[0]), xhtml.Keep("content", m[1]))
		w.NL()
	}
	w.Close("head")
	w.NL()
	w.Open("docTitle")
	w.Element("text", b.metaTitle())
	w.Close("docTitle")
	w.NL()
	w.Open("navMap")
	w.NL()
	n := 0
	var points func([]*navItem)
	points = func(its []*navItem) {
		for _, it := range its {
			n++
			w.Open("navPoint", xhtml.A("id", "np-"+strconv.Itoa(n)), xhtml.A("playOrder", strconv.Itoa(order[it.href])))
			w.Open("navLabel")
			w.Element("text", it.label)
			w.Close("navLabel")
			w.Empty("content", xhtml.A("src", it.href))
			w.NL()
			points(it.children)
			w.Close("navPoint")
			w.NL()
		}
	}
	points(items)
	w.Close("navMap")
	w.NL()
	if len(b.pages) > 0 {
		// The print edition's pages, for reading systems that read the
		// NCX only.
		w.Open("pageList")
		w.NL()
		w.Open("navLabel")
		w.Element("text", b.words.Pages)
		w.Close("navLabel")
		w.NL()
		// Each page's type and value must differ from every other's: a
		// label met twice, or one that is no number, is special and
		// counted apart.
		seen := map[[2]string]bool{}
		special := 0
		for i, m := range b.pages {
			href := m.doc.href() + "#" + m.ID
			kind, value := pageType(m.Label)
			if kind == "special" || seen[[2]string{kind, value}] {
				special++
				kind, value = "special", strconv.Itoa(special)
			}
			seen[[2]string{kind, value}] = true
			w.Open("pageTarget", xhtml.A("id", "pt-"+strconv.Itoa(i+1)), xhtml.A("type", kind), xhtml.A("value", value),
				xhtml.A("playOrder", strconv.Itoa(order[href])))
			w.Open("navLabel")
			w.Element("text", m.Label)
			w.Close("navLabel")
			w.Empty("content", xhtml.A("src", href))
			w.Close("pageTarget")
			w.NL()
		}
		w.Close("pageList")
		w.NL()
	}
	w.Close("ncx")
	w.NL()
	return w.Bytes()
}

// pageType is a print page's type in the NCX and its number: "normal"
// for arabic numbers, "front" for roman ones, "special" (numbered by the
// caller) for any other label.
func pageType(label string) (kind, value string) {
	if n, err := strconv.Atoi(label); err == nil && n > 0 {
		return "normal", strconv.Itoa(n)
	}
	if n := roman(label); n > 0 {
		return "front", strconv.Itoa(n)
	}
	return "special", ""
}

// roman is the value of a lower- or upper-case roman numeral, 0 when s is
// none.
func roman(s string) int {
	digits := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100, 'd': 500, 'm': 1000}
	s = strings.ToLower(s)
	n := 0
	for i := 0; i < len(s); i++ {
		d, ok := digits[s[i]]
		if !ok {
			return 0
		}
		if i+1 < len(s) && digits[s[i+1]] > d {
			n -= d
		} else {
			n += d
		}
	}
	return max(n, 0)
}

// documentIDs maps each ID of an XHTML document to the offset of its
// first ` id="` attribute.
func documentIDs(data []byte) map[string]int {
	const attr = ` id="`
	ids := map[string]int{}
	for at := 0; ; {
		i := bytes.Index(data[at:], []byte(attr))
		if i < 0 {
			return ids
		}
		start := at + i + len(attr)
		n := bytes.IndexByte(data[start:], '"')
		if n < 0 {
			return ids
		}
		id := string(data[start : start+n])
		if _, seen := ids[id]; !seen {
			ids[id] = at + i
		}
		at = start + n
	}
}

// playOrder numbers the NCX's targets (the contents' and the pages') in
// reading order: by document, then by where the target's ID is in it. Two
// targets of one place share a number, as the NCX asks.
func (b *builder) playOrder(items []*navItem) map[string]int {
	docAt := map[string]int{}
	for i, d := range b.docs {
		docAt[d.href()] = i
	}
	// Each document's IDs are found in one scan, the first time one of
	// its fragments is asked for: a search of the document per
	// comparison made a chapter of many pages and notes slow to sort.
	idsAt := map[int]map[string]int{}
	idPos := func(di int, frag string) int {
		ids, scanned := idsAt[di]
		if !scanned {
			ids = documentIDs(b.docs[di].data)
			idsAt[di] = ids
		}
		if pos, ok := ids[frag]; ok {
			return pos
		}
		return -1
	}
	where := func(href string) (int, int) {
		file, frag, _ := strings.Cut(href, "#")
		di, ok := docAt[file]
		if !ok {
			return len(b.docs), 0
		}
		if frag == "" {
			return di, -1
		}
		return di, idPos(di, frag)
	}
	var hrefs []string
	var walk func([]*navItem)
	walk = func(its []*navItem) {
		for _, it := range its {
			hrefs = append(hrefs, it.href)
			walk(it.children)
		}
	}
	walk(items)
	for _, m := range b.pages {
		hrefs = append(hrefs, m.doc.href()+"#"+m.ID)
	}
	type placed struct {
		href     string
		doc, pos int
	}
	targets := make([]placed, len(hrefs))
	for i, h := range hrefs {
		di, pos := where(h)
		targets[i] = placed{h, di, pos}
	}
	sort.SliceStable(targets, func(i, j int) bool {
		if targets[i].doc != targets[j].doc {
			return targets[i].doc < targets[j].doc
		}
		return targets[i].pos < targets[j].pos
	})
	hrefs = hrefs[:0]
	for _, t := range targets {
		hrefs = append(hrefs, t.href)
	}
	order := map[string]int{}
	for _, h := range hrefs {
		if _, ok := order[h]; !ok {
			order[h] = len(order) + 1
		}
	}
	return order
}
