package epub

import (
	"fmt"
	"golang.org/x/net/idna"
	"net"
	"net/url"
	"path"
	"strconv"
	"strings"
	"unicode"

	"github.com/samizdat-press/samizdat/internal/doc"
)

const (
	nsXHTML = "http://www.w3.org/1999/xhtml"
	nsOPS   = "http://www.idpf.org/2007/ops"
)

// renderer writes the body of one XHTML document from the tree.
type renderer struct {
	b *builder
	d *xdoc
	w *xmlWriter

	pos      doc.Pos // the current block's position, for warnings
	cur      *cursor // page markers due inside the current leaf block
	lead     func()  // written at the start of the next paragraph
	inLink   bool
	deferred []*doc.NoteRef // note references met inside a link
	dfn      int
	emitted  map[string]bool
}

// cursor counts runes of a leaf block's plain text (as doc.BlockText
// renders it) and places page markers at their offsets.
type cursor struct {
	pos   int
	marks []*pageMarker
}

func (d *xdoc) render(b *builder) {
	r := &renderer{b: b, d: d, w: &xmlWriter{}, emitted: map[string]bool{}}
	bodyClass := ""
	switch d.kind {
	case docEntry:
		r.entry()
	case docCover:
		bodyClass = "cover"
		r.coverPage()
	case docTitlePage:
		bodyClass = "titlepage"
		r.titlePage()
	case docCopyright:
		bodyClass = "copyright"
		r.copyrightPage()
	}
	head, tail := b.frame(d.title, "../", bodyClass)
	d.data = concat(head, []byte("\n"), r.w.b.Bytes(), []byte("\n"), tail)
}

// frame is the start of an XHTML document up to and including <body>, and
// its end.
func (b *builder) frame(title, toRoot, bodyClass string) (head, tail []byte) {
	w := &xmlWriter{}
	w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
	dir := ""
	if b.rtl {
		dir = "rtl"
	}
	w.open("html", av("xmlns", nsXHTML), av("xmlns:epub", nsOPS), av("lang", b.lang), av("xml:lang", b.lang), av("dir", dir))
	w.nl()
	w.open("head")
	w.nl()
	w.element("title", title)
	w.nl()
	if b.fontCSS != nil {
		w.empty("link", av("rel", "stylesheet"), av("type", "text/css"), av("href", toRoot+fontCSS))
		w.nl()
	}
	w.empty("link", av("rel", "stylesheet"), av("type", "text/css"), av("href", toRoot+cssHref))
	w.nl()
	w.close("head")
	w.nl()
	w.open("body", av("class", bodyClass))
	return w.b.Bytes(), []byte("</body>\n</html>\n")
}

func (r *renderer) warn(code, msg string) { r.b.warn(r.pos, code, msg) }

// idAttr gives a node's ID as an attribute, once per document: a node the
// tree holds twice is rendered twice, but only the first keeps the ID.
func (r *renderer) idAttr(id string) attr {
	if id == "" || r.emitted[id] {
		return attr{}
	}
	r.emitted[id] = true
	return av("id", id)
}

func classList(classes ...string) string {
	var out []string
	for _, c := range classes {
		out = append(out, strings.Fields(cleanText(c))...)
	}
	return strings.Join(out, " ")
}

// entrySemantics maps an entry to its epub:type, ARIA role and class.
func entrySemantics(e *doc.Entry) (epubType, role, class string) {
	if t, ok := entryRoles[e.Role]; ok && e.Kind != doc.KindPart {
		return t[0], t[1], e.Kind.String()
	}
	switch e.Kind {
	case doc.KindPart:
		return "part", "doc-part", "part"
	case doc.KindSource:
		return "chapter", "doc-chapter", "source"
	case doc.KindFrontMatter:
		return "frontmatter", "", "front"
	case doc.KindBackMatter:
		return "backmatter", "", "back"
	}
	return "chapter", "doc-chapter", "chapter"
}

// entryRoles are the epub:type and DPUB-ARIA role of each entry role.
var entryRoles = map[doc.EntryRole][2]string{
	doc.RoleBibliography: {"bibliography", "doc-bibliography"},
}

func (r *renderer) entry() {
	d, e := r.d, r.d.entry
	r.pos = e.Pos
	epubType, role, class := entrySemantics(e)
	if e.Generated {
		class += " generated"
	}
	r.w.open("section", av("epub:type", epubType), av("role", role), av("class", class),
		av("aria-labelledby", d.titleID))
	r.w.nl()
	for _, m := range d.startMarks {
		r.marker(m)
	}
	if d.titleHeading == nil {
		r.w.open("h1", r.idAttr(d.titleID))
		if hasVisibleText(e.Title) {
			r.inlines(e.Title)
		} else {
			r.w.text(d.navLabel)
		}
		r.w.close("h1")
		r.w.nl()
	}
	r.blocks(e.Blocks, false)
	r.notes()
	r.w.close("section")
}

func (r *renderer) blocks(bs []doc.Block, tight bool) {
	for _, bl := range bs {
		r.block(bl, tight)
	}
}

func (r *renderer) block(bl doc.Block, tight bool) {
	savedPos := r.pos
	if p := bl.Position(); p.File != "" {
		r.pos = p
	}
	defer func() { r.pos = savedPos }()

	before := r.w.b.Len()
	r.withMarks(bl, func() { r.blockBody(bl, tight) })
	if !tight && r.w.b.Len() > before {
		r.w.nl()
	}
}

// withMarks runs body with the page markers of bl due: those at offset 0,
// or in a block without text, are written first; the rest fall inside the
// text body writes, or at its end.
func (r *renderer) withMarks(bl doc.Block, body func()) {
	var inner []*pageMarker
	hasText := doc.BlockText(bl) != ""
	for _, m := range r.b.marks[bl] {
		if m.doc != r.d {
			continue
		}
		if m.offset <= 0 || !hasText {
			r.marker(m)
		} else {
			inner = append(inner, m)
		}
	}
	saved := r.cur
	r.cur = nil
	if len(inner) > 0 {
		r.cur = &cursor{marks: inner}
	}
	body()
	r.flush()
	r.cur = saved
}

func (r *renderer) blockBody(bl doc.Block, tight bool) {
	switch bl := bl.(type) {
	case *doc.Paragraph:
		r.paragraph(bl.Content, tight)
	case *doc.Heading:
		r.heading(bl)
	case *doc.BlockQuote:
		r.w.open("blockquote")
		r.w.nl()
		r.blocks(bl.Blocks, false)
		r.w.close("blockquote")
	case *doc.List:
		r.list(bl)
	case *doc.CodeBlock:
		lang := strings.Join(strings.Fields(cleanText(bl.Language)), "-")
		r.w.open("pre")
		if lang != "" {
			r.w.open("code", av("class", "language-"+lang))
		} else {
			r.w.open("code")
		}
		r.plain(bl.Text)
		r.flush()
		r.w.close("code")
		r.w.close("pre")
	case *doc.ThematicBreak:
		r.w.empty("hr")
	case *doc.Table:
		r.table(bl)
	case *doc.Figure:
		r.figure(bl)
	case *doc.Div:
		r.div(bl)
	}
}

func (r *renderer) paragraph(content []doc.Inline, tight bool) {
	lead := r.lead
	r.lead = nil
	if tight {
		if lead != nil {
			lead()
		}
		r.inlines(content)
		r.flush()
		return
	}
	r.w.open("p")
	if lead != nil {
		lead()
	}
	r.inlines(content)
	r.flush()
	r.w.close("p")
}

func (r *renderer) heading(h *doc.Heading) {
	level := r.d.level[h]
	id := r.d.nodeID[h]
	if level <= 0 {
		// A heading without text is kept only as a link target.
		r.w.open("div", r.idAttr(id), av("class", "empty-heading"))
		r.flush()
		r.w.close("div")
		return
	}
	tag := "h" + strconv.Itoa(level)
	r.w.open(tag, r.idAttr(id), av("class", classList(h.Classes...)))
	r.inlines(h.Content)
	r.flush()
	r.w.close(tag)
}

func (r *renderer) list(l *doc.List) {
	tag := "ul"
	attrs := []attr{}
	if l.Ordered {
		tag = "ol"
		if l.Start != 1 {
			attrs = append(attrs, av("start", strconv.Itoa(l.Start)))
		}
	}
	hasTask := false
	for _, it := range l.Items {
		if it.Task != doc.NoTask {
			hasTask = true
		}
	}
	class := ""
	if hasTask {
		class = "tasks"
	}
	attrs = append(attrs, av("class", class))
	r.w.open(tag, attrs...)
	r.w.nl()
	for _, it := range l.Items {
		box := ""
		switch it.Task {
		case doc.TaskOpen:
			box = "☐"
		case doc.TaskDone:
			box = "☑"
		}
		if box == "" {
			r.w.open("li")
		} else {
			r.w.open("li", av("class", "task"))
			writeBox := func() {
				r.w.element("span", box, av("class", "task-box"))
				r.w.raw(" ")
			}
			if len(it.Blocks) > 0 {
				if _, ok := it.Blocks[0].(*doc.Paragraph); ok {
					r.lead = writeBox
				}
			}
			if r.lead == nil {
				writeBox()
			}
		}
		r.blocks(it.Blocks, l.Tight)
		r.lead = nil
		r.w.close("li")
		r.w.nl()
	}
	r.w.close(tag)
}

var alignClass = map[doc.Align]string{doc.AlignLeft: "align-left", doc.AlignCenter: "align-center", doc.AlignRight: "align-right"}

func (r *renderer) table(t *doc.Table) {
	hasHeader := len(t.Header) > 0
	hasRows := false
	for _, row := range t.Rows {
		if len(row) > 0 {
			hasRows = true
		}
	}
	if !hasHeader && !hasRows {
		return
	}
	align := func(i int) string { return alignClass[t.Align[i]] }
	r.w.open("table")
	r.w.nl()
	if hasHeader {
		r.w.open("thead")
		r.w.open("tr")
		for i, c := range t.Header {
			content := c.Content
			// An empty header cell heads nothing; a td says so.
			if hasVisibleText(content) {
				r.w.open("th", av("scope", "col"), av("class", align(i)))
				r.inlines(content)
				r.w.close("th")
			} else {
				r.w.open("td", av("class", align(i)))
				r.inlines(content)
				r.w.close("td")
			}
		}
		r.w.close("tr")
		r.w.close("thead")
		r.w.nl()
	}
	if hasRows {
		r.w.open("tbody")
		r.w.nl()
		for _, row := range t.Rows {
			if len(row) == 0 {
				continue
			}
			r.w.open("tr")
			for i, c := range row {
				r.w.open("td", av("class", align(i)))
				r.inlines(c.Content)
				r.w.close("td")
			}
			r.w.close("tr")
			r.w.nl()
		}
		r.w.close("tbody")
		r.w.nl()
	}
	r.w.close("table")
}

func (r *renderer) figure(f *doc.Figure) {
	r.w.open("figure", r.idAttr(r.d.nodeID[f]))
	r.image(f.Image)
	if len(f.Caption) > 0 {
		r.w.open("figcaption")
		r.inlines(f.Caption)
		r.flush()
		r.w.close("figcaption")
	}
	r.w.close("figure")
}

func (r *renderer) div(dv *doc.Div) {
	id := r.idAttr(r.d.nodeID[dv])
	class := av("class", classList(dv.Classes...))
	switch dv.Kind {
	case doc.DivSection:
		r.w.open("section", id, class)
		r.w.nl()
		r.blocks(dv.Blocks, false)
		r.w.close("section")
	case doc.DivAside:
		// role=note keeps a nested aside from being a complementary landmark.
		r.w.open("aside", id, class, av("role", "note"))
		r.w.nl()
		r.blocks(dv.Blocks, false)
		r.w.close("aside")
	case doc.DivDetails:
		r.w.open("details", id, class)
		r.w.open("summary")
		rest := dv.Blocks
		summarised := false
		if len(rest) > 0 {
			if p, ok := rest[0].(*doc.Paragraph); ok && hasVisibleText(p.Content) {
				r.withMarks(p, func() { r.inlines(p.Content) })
				rest, summarised = rest[1:], true
			}
		}
		if !summarised {
			r.w.text(r.b.words.Details)
		}
		r.w.close("summary")
		r.w.nl()
		r.blocks(rest, false)
		r.w.close("details")
	default:
		r.w.open("div", id, class)
		r.w.nl()
		r.blocks(dv.Blocks, false)
		r.w.close("div")
	}
}

func (r *renderer) inlines(ins []doc.Inline) {
	for _, in := range ins {
		r.inline(in)
	}
}

func (r *renderer) inline(in doc.Inline) {
	switch in := in.(type) {
	case *doc.Text:
		r.plain(in.Text)
	case *doc.Code:
		r.w.open("code")
		r.plain(in.Text)
		r.w.close("code")
	case *doc.Emph:
		r.wrap("em", in.Content)
	case *doc.Strong:
		r.wrap("strong", in.Content)
	case *doc.Strike:
		r.wrap("del", in.Content)
	case *doc.Break:
		r.advanceTo(r.curPos())
		r.w.empty("br")
		if r.cur != nil {
			r.cur.pos++
		}
	case *doc.Link:
		r.link(in)
	case *doc.Image:
		r.image(in)
	case *doc.NoteRef:
		if r.inLink {
			r.deferred = append(r.deferred, in)
			return
		}
		r.noteRef(in)
	case *doc.Span:
		r.span(in)
	}
}

func (r *renderer) wrap(tag string, content []doc.Inline) {
	r.w.open(tag)
	r.inlines(content)
	r.w.close(tag)
}

func (r *renderer) curPos() int {
	if r.cur == nil {
		return 0
	}
	return r.cur.pos
}

// advanceTo writes the markers due at or before rune offset pos.
func (r *renderer) advanceTo(pos int) {
	c := r.cur
	for c != nil && len(c.marks) > 0 && c.marks[0].offset <= pos {
		m := c.marks[0]
		c.marks = c.marks[1:]
		r.marker(m)
	}
}

// plain writes text, placing any page markers that fall inside it. Offsets
// count runes of the text as given (an invalid byte counts as one, as in
// utf8.RuneCountInString), before cleaning.
func (r *renderer) plain(s string) {
	c := r.cur
	if c == nil || len(c.marks) == 0 {
		r.w.text(s)
		if c != nil {
			c.pos += len([]rune(s))
		}
		return
	}
	start := 0
	for i := range s {
		if len(c.marks) > 0 && c.marks[0].offset <= c.pos {
			r.w.text(s[start:i])
			start = i
			r.advanceTo(c.pos)
		}
		c.pos++
	}
	r.w.text(s[start:])
}

// flush writes the markers still due in the current block, at its end.
func (r *renderer) flush() {
	if r.cur == nil {
		return
	}
	for _, m := range r.cur.marks {
		r.marker(m)
	}
	r.cur.marks = nil
}

func (r *renderer) marker(m *pageMarker) {
	if !m.placed {
		m.placed = true
		r.b.placedMarks++
		m.order = r.b.placedMarks
	}
	r.w.open("span", av("epub:type", "pagebreak"), av("role", "doc-pagebreak"),
		r.idAttr(m.id), av("aria-label", m.label), av("class", "pagebreak"))
	r.w.close("span")
}

func (r *renderer) noteRef(ref *doc.NoteRef) {
	n := ref.Note
	id, planned := r.d.nodeID[ref]
	noteID := r.d.nodeID[n]
	if !planned || noteID == "" {
		// Only a title holds unplanned references; titles carry no notes.
		return
	}
	r.w.open("sup", av("class", "noteref "+kindClass(n.Kind)))
	r.w.open("a", av("epub:type", "noteref"), av("role", "doc-noteref"), r.idAttr(id),
		av("href", "#"+noteID))
	r.w.text(r.d.noteLabel[n])
	r.w.close("a")
	r.w.close("sup")
}

// kindClass is the class of a note kind; an unknown kind reads as a footnote.
func kindClass(k doc.NoteKind) string {
	switch k {
	case doc.AnnotationNote, doc.ProvenanceNote:
		return k.String()
	}
	return doc.FootnoteNote.String()
}

// notes writes the entry's notes after its text, one aside each, the link
// back to the first reference leading the note.
func (r *renderer) notes() {
	if len(r.d.notes) == 0 {
		return
	}
	r.w.open("section", av("class", "notes"), av("epub:type", "footnotes"))
	r.w.nl()
	for _, n := range r.d.notes {
		savedPos := r.pos
		if n.Pos.File != "" {
			r.pos = n.Pos
		}
		label := r.d.noteLabel[n]
		r.w.open("aside", av("epub:type", "footnote"), av("role", "doc-footnote"),
			r.idAttr(r.d.nodeID[n]), av("class", "note "+kindClass(n.Kind)))
		r.w.nl()
		backlink := func() {
			if ref := r.d.backlink[n]; ref != "" {
				r.w.element("a", label, av("href", "#"+ref), av("role", "doc-backlink"), av("class", "backlink"))
			} else {
				r.w.element("span", label, av("class", "backlink"))
			}
			r.w.raw(" ")
		}
		first := true
		if len(n.Blocks) > 0 {
			if _, ok := n.Blocks[0].(*doc.Paragraph); ok {
				r.lead = backlink
				first = false
			}
		}
		if first {
			r.w.open("p", av("class", "note-label"))
			backlink()
			r.w.close("p")
			r.w.nl()
		}
		r.blocks(n.Blocks, false)
		r.lead = nil
		r.w.close("aside")
		r.w.nl()
		r.pos = savedPos
	}
	r.w.close("section")
	r.w.nl()
}

func (r *renderer) link(l *doc.Link) {
	if r.inLink {
		r.inlines(l.Content) // links do not nest
		return
	}
	href, fallback, ok := r.linkTarget(l)
	named := hasLinkText(l.Content)
	if !ok {
		r.inlines(l.Content)
		if !named {
			r.w.text(fallback)
		}
		return
	}
	r.w.open("a", av("href", href), av("title", oneLine(l.Title)))
	r.inLink = true
	r.inlines(l.Content)
	r.inLink = false
	if !named {
		r.w.text(fallback)
	}
	r.w.close("a")
	deferred := r.deferred
	r.deferred = nil
	for _, ref := range deferred {
		r.noteRef(ref)
	}
}

// hasLinkText reports whether link content names the link; note markers
// move out of links, so they do not count.
func hasLinkText(ins []doc.Inline) bool { return perceivable(ins, false) }

// linkTarget decides where a link goes: an allowed external URL, or a
// document (and ID) of this book. ok is false when the link must become
// plain text; fallback is text for a link without any.
func (r *renderer) linkTarget(l *doc.Link) (href, fallback string, ok bool) {
	raw := strings.TrimSpace(cleanText(l.URL))
	fallback = oneLine(raw)
	if l.Entry != "" || (!l.External && strings.HasPrefix(raw, "#")) {
		return r.internalTarget(l, raw)
	}
	if raw == "" {
		r.warn("link.invalid", "a link has no target; kept as text")
		return "", "", false
	}
	u, err := url.Parse(raw)
	if err != nil {
		r.warn("link.invalid", fmt.Sprintf("link %q is not a valid URL; kept as text", fallback))
		return "", fallback, false
	}
	if len(u.Scheme) == 1 {
		// "a:b.md" names a file, not a scheme (none has one letter): a
		// relative link the resolve pass could not place; it said so.
		return "", fallback, false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "ftp":
		if u.Host == "" {
			r.warn("link.invalid", fmt.Sprintf("link %q has no host; kept as text", fallback))
			return "", fallback, false
		}
		if !validHost(u.Hostname()) {
			r.warn("link.invalid", fmt.Sprintf("link %q has no valid host name; kept as text", fallback))
			return "", fallback, false
		}
	case "mailto":
		if u.Opaque == "" && u.Path == "" {
			r.warn("link.invalid", fmt.Sprintf("link %q has no address; kept as text", fallback))
			return "", fallback, false
		}
	case "":
		// A relative link the resolve pass could not place; it said so.
		return "", fallback, false
	default:
		r.warn("link.scheme", fmt.Sprintf("link %q uses a scheme e-books do not follow; kept as text", fallback))
		return "", fallback, false
	}
	if host := u.Hostname(); host != "" && !isASCII(host) {
		// An international domain name goes in its ASCII (punycode) form,
		// which every reading system and validator understands.
		if a, err := idna.Lookup.ToASCII(host); err == nil {
			if port := u.Port(); port != "" {
				a += ":" + port
			}
			u.Host = a
		}
	}
	return asciiURL(u.String()), fallback, true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] > 0x7f {
			return false
		}
	}
	return true
}

func (r *renderer) internalTarget(l *doc.Link, raw string) (href, fallback string, ok bool) {
	var target *xdoc
	anchorID := l.Anchor
	if l.Entry != "" {
		target = r.b.entryByID[l.Entry] // in a validated tree, the entry exists
	} else {
		anchorID = strings.TrimPrefix(raw, "#")
	}
	id := ""
	if anchorID != "" {
		if a, found := r.b.anchors[anchorID]; found {
			target, id = a.doc, a.id
		} else if target != nil {
			r.warn("link.dangling", fmt.Sprintf("link to #%s, which is not in entry %q; linking to the entry", oneLine(anchorID), oneLine(l.Entry)))
		}
	}
	if target == nil {
		// "#x" with no such anchor: the resolve pass has reported it.
		return "", oneLine(raw), false
	}
	fallback = target.navLabel
	switch {
	case target == r.d && id != "":
		return "#" + id, fallback, true
	case id != "":
		return target.file + "#" + id, fallback, true
	}
	return target.file, fallback, true
}

// validHost reports whether h is a host name reading systems can follow:
// dot-separated labels of letters, digits and hyphens (any non-ASCII
// letter, as an international domain name), or an IP address.
func validHost(h string) bool {
	if h == "" {
		return false
	}
	if ip := net.ParseIP(h); ip != nil {
		return true
	}
	for _, label := range strings.Split(strings.TrimSuffix(h, "."), ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, c := range label {
			if !(c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c > 0x7f && unicode.IsLetter(c)) {
				return false
			}
		}
	}
	return true
}

// asciiURL percent-encodes every byte a URL may not hold literally, so that
// validators of every strictness accept it; a second '#' is encoded too.
func asciiURL(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	seenHash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c > 0x20 && c < 0x7f && !strings.ContainsRune("\"<>\\^`{|}", rune(c))
		switch {
		case c == '#' && seenHash:
			ok = false
		case c == '#':
			seenHash = true
		case c == '%':
			ok = i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
		}
		if ok {
			b.WriteByte(c)
		} else {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func (r *renderer) image(im *doc.Image) {
	alt := oneLine(im.Alt)
	f, problem := r.b.images.add(im.Asset)
	if f == nil {
		name := alt
		if name == "" {
			name = oneLine(path.Base(strings.TrimSpace(im.Src)))
		}
		// Without an asset the image loader has already said why (remote,
		// undecodable); only a problem found here is worth a line.
		if problem != "" {
			r.warn("image.unusable", fmt.Sprintf("image %q %s; its text stands in", oneLine(im.Src), problem))
		}
		if name != "" && name != "." && name != "/" {
			r.w.element("span", name, av("class", "image-missing"))
		}
		return
	}
	r.b.facts.images++
	if alt != "" {
		r.b.facts.imagesWithAlt++
	}
	attrs := []attr{av("src", "../"+f.href), avKeep("alt", alt), av("title", oneLine(im.Title))}
	if im.Asset.Width > 0 && im.Asset.Height > 0 && f.mediaType != "image/svg+xml" {
		attrs = append(attrs, av("width", strconv.Itoa(im.Asset.Width)), av("height", strconv.Itoa(im.Asset.Height)))
	}
	r.w.empty("img", attrs...)
}

// spanElements are the elements of span kinds; any other kind is a span,
// time among them: its element needs a machine-readable date the tree
// does not carry.
var spanElements = map[doc.SpanKind]string{
	doc.SpanSuperscript: "sup", doc.SpanSubscript: "sub", doc.SpanSmall: "small",
	doc.SpanAbbreviation: "abbr", doc.SpanCitation: "cite", doc.SpanQuotation: "q",
	doc.SpanKeyboard: "kbd", doc.SpanSample: "samp", doc.SpanVariable: "var",
	doc.SpanDefinition: "dfn", doc.SpanHighlight: "mark", doc.SpanUnderlined: "u",
	doc.SpanInserted: "ins", doc.SpanIsolated: "bdi",
}

func (r *renderer) span(s *doc.Span) {
	el := spanElements[s.Kind]
	if el == "" {
		el = "span"
	}
	if el == "dfn" {
		if r.dfn > 0 {
			el = "span" // a definition cannot hold another
		} else {
			r.dfn++
			defer func() { r.dfn-- }()
		}
	}
	attrs := []attr{av("id", r.d.nodeID[s]), av("class", classList(s.Classes...)), av("title", oneLine(s.Title))}
	if lang, ok := parseLang(s.Lang); ok {
		attrs = append(attrs, av("lang", lang), av("xml:lang", lang))
	}
	r.w.open(el, attrs...)
	r.inlines(s.Content)
	r.w.close(el)
}

func concat(parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make([]byte, 0, n)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}
