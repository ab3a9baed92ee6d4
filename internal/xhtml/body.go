package xhtml

import (
	"fmt"
	"math"
	"net"
	"net/url"
	"path"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/idna"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/texmath"
)

// A Document is what the writer asks of the output about the document it
// is writing: the IDs and heading levels planned for the tree's nodes, the
// notes' labels, where links inside the book and pictures lead, and where
// print pages start. The tree passed doc.Validate.
type Document interface {
	// ID is the ID planned for a node (a heading, figure, group, anchor
	// span, note or note reference); "" when it has none here.
	ID(node any) string
	// Level is a heading's level, 1 to 6; 0 keeps a heading without text
	// as a link target only.
	Level(h *doc.Heading) int
	// NoteLabel is a note's marker.
	NoteLabel(n *doc.Note) string
	// Backlink is the ID of the note's first reference in this document;
	// "" when it has none.
	Backlink(n *doc.Note) string
	// InternalLink is where a link inside the book leads from here (raw is
	// its cleaned URL); ok false keeps its text without a link, fallback is
	// text for a link without any, and problem what the reader should be
	// told about it.
	InternalLink(l *doc.Link, raw string) (href, fallback, problem string, ok bool)
	// Image says where a picture is; an empty Src means it is not there,
	// and problem why, when the reader should be told.
	Image(im *doc.Image) (pic Picture, problem string)
	// Marks are the print pages starting in a block of this document, in
	// order of offset; Placed is told as each is written.
	Marks(b doc.Block) []*PageMark
	Placed(m *PageMark)
	// Locator is the text of an index locator: the printed page it is on
	// when the output knows it, else the title of its entry.
	Locator(l doc.IndexLocator) string
	// Warn reports a problem the document survives.
	Warn(pos doc.Pos, code, msg string)
}

// Picture is where a picture is, relative to the document, with its size
// in pixels when it has one (0 when not, or when it scales).
type Picture struct {
	Src           string
	Width, Height int
}

// PageMark is where a print page starts: at a rune offset of a block's
// plain text (doc.BlockText), or before a block without text.
type PageMark struct {
	Label  string
	ID     string
	Offset int
}

// Options choose what an output adds to plain XHTML.
type Options struct {
	// EPUB adds epub:type to the structure the ARIA roles mark: note
	// references, notes and page breaks.
	EPUB bool
	// Details labels a disclosure that has no summary of its own.
	Details string
	// Popovers makes each note a popover its reference opens in place,
	// without scripts, for web pages: the reference is a button instead
	// of a link, and the note, still listed after the text, is its target.
	Popovers bool
	// PageNumbers writes each print page's number inside its marker, as
	// text a stylesheet can show, besides the marker's label.
	PageNumbers bool
	// See and SeeAlso introduce the index's cross-references ("see",
	// "see also").
	See, SeeAlso string
}

// Body writes the tree's blocks and inlines into one document.
type Body struct {
	w    *Writer
	doc  Document
	opts Options

	pos      doc.Pos // the current block's position, for warnings
	cur      *cursor // page markers due inside the current leaf block
	lead     func()  // written at the start of the next paragraph
	inLink   bool
	deferred []*doc.NoteRef // note references met inside a link
	// external maps the URL of a link to the web to its written form, so
	// a URL met again is parsed and encoded once; linkBytes counts the
	// bytes of link addresses written, which maxLinkBytes bounds.
	external  map[string]externalTarget
	linkBytes int
	dfn       int
	emitted   map[string]bool
	// inHeader and inAddress count the header or footer, and address,
	// elements open: HTML lets them hold none of some elements.
	inHeader, inAddress int
	// inCell counts the table cells open, where a picture the book's
	// stylesheet sizes is set at the height of the text whatever its own
	// (doc.Image.ApartInCell).
	inCell int

	// lang is the language of the element being written; langAttrs are
	// the lang, xml:lang and dir attributes the current block's element
	// takes, when its language differs from its surroundings'.
	lang      string
	langAttrs []Attr
}

// NewBody returns a writer of d's content into w.
func NewBody(w *Writer, d Document, opts Options) *Body {
	return &Body{w: w, doc: d, opts: opts, emitted: map[string]bool{}, external: map[string]externalTarget{}}
}

// maxLinkBytes bounds the bytes of link addresses one document holds.
// Each link carries its whole address, so a few lines of Markdown that
// cite one very long URL many times would otherwise make a document of
// hundreds of megabytes, more than a reading system opens; past the
// bound, links are kept as their text.
const maxLinkBytes = 16 << 20

type externalTarget struct{ href, fallback string }

// cursor counts runes of a leaf block's plain text (as doc.BlockText
// renders it) and places page markers at their offsets.
type cursor struct {
	pos   int
	marks []*PageMark
}

// SetLang says which language the document's root element declares, so
// that only the blocks, spans and notes in another one declare theirs.
func (r *Body) SetLang(tag string) { r.lang = tag }

// enterLang makes tag the current language when it is one and differs
// from it, returning the attributes that say so and the function that
// restores the language around.
func (r *Body) enterLang(tag string) ([]Attr, func()) {
	saved := r.lang
	tag, ok := ParseLang(tag)
	if !ok || tag == saved {
		return nil, func() {}
	}
	attrs := []Attr{A("lang", tag), A("xml:lang", tag)}
	if dir := Direction(tag); dir != Direction(saved) {
		attrs = append(attrs, A("dir", dir))
	}
	r.lang = tag
	return attrs, func() { r.lang = saved }
}

// blockLang hands the current block's language attributes to its element.
func (r *Body) blockLang(attrs ...Attr) []Attr {
	attrs = append(attrs, r.langAttrs...)
	r.langAttrs = nil
	return attrs
}

// SetPos names where the content written next comes from, for warnings.
func (r *Body) SetPos(pos doc.Pos) { r.pos = pos }

// Lead sets what is written at the start of the next paragraph (a task's
// box, a note's backlink).
func (r *Body) Lead(f func()) { r.lead = f }

func (r *Body) warn(code, msg string) { r.doc.Warn(r.pos, code, msg) }

// ID gives an ID as an attribute, once per document: a second use of the
// same ID is left out.
func (r *Body) ID(id string) Attr {
	if id == "" || r.emitted[id] {
		return Attr{}
	}
	r.emitted[id] = true
	return A("id", id)
}

// epubType is the epub:type attribute, in an EPUB only.
func (r *Body) epubType(t string) Attr {
	if !r.opts.EPUB {
		return Attr{}
	}
	return A("epub:type", t)
}

// Blocks writes blocks; tight ones (a tight list's items) without their
// paragraphs' <p>.
func (r *Body) Blocks(bs []doc.Block, tight bool) {
	for _, bl := range bs {
		r.block(bl, tight)
	}
}

func (r *Body) block(bl doc.Block, tight bool) {
	savedPos := r.pos
	if p := bl.Position(); p.File != "" {
		r.pos = p
	}
	defer func() { r.pos = savedPos }()

	attrs, restore := r.enterLang(bl.Base().Lang)
	defer restore()
	r.langAttrs = attrs
	before := r.w.Len()
	r.withMarks(bl, func() { r.blockBody(bl, tight) })
	r.langAttrs = nil
	if !tight && r.w.Len() > before {
		r.w.NL()
	}
}

// withMarks runs body with the page markers of bl due: those at offset 0,
// or in a block without text, are written first; the rest fall inside the
// text body writes, or at its end.
func (r *Body) withMarks(bl doc.Block, body func()) {
	var inner []*PageMark
	hasText := doc.BlockText(bl) != ""
	for _, m := range r.doc.Marks(bl) {
		if m.Offset <= 0 || !hasText {
			r.Marker(m)
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

func (r *Body) blockBody(bl doc.Block, tight bool) {
	switch bl := bl.(type) {
	case *doc.Paragraph:
		if bl.Lines {
			r.lineBlock(bl)
			break
		}
		r.paragraph(bl.Content, tight, r.idClass(bl)...)
	case *doc.Heading:
		r.heading(bl)
	case *doc.BlockQuote:
		r.w.Open("blockquote", r.blockLang(r.idClass(bl)...)...)
		r.w.NL()
		r.Blocks(bl.Blocks, false)
		r.w.Close("blockquote")
	case *doc.List:
		r.list(bl)
	case *doc.CodeBlock:
		r.w.Open("pre", r.blockLang(r.idClass(bl)...)...)
		// Code is never translated: a browser's or reading system's
		// translator would rewrite keywords and names.
		if lang := codeLanguage(bl.Language); lang != "" {
			r.w.Open("code", A("class", "language-"+lang), A("translate", "no"))
		} else {
			r.w.Open("code", A("translate", "no"))
		}
		r.plain(bl.Text)
		r.flush()
		r.w.Close("code")
		r.w.Close("pre")
	case *doc.ThematicBreak:
		r.w.Empty("hr", r.blockLang()...)
	case *doc.Table:
		r.table(bl)
	case *doc.Figure:
		r.figure(bl)
	case *doc.Div:
		r.div(bl)
	case *doc.Index:
		r.index(bl)
	}
}

func (r *Body) paragraph(content []doc.Inline, tight bool, attrs ...Attr) {
	lead := r.lead
	r.lead = nil
	if tight {
		// A tight item's paragraph has no element of its own: a span
		// carries its language, ID and classes.
		attrs := r.blockLang(attrs...)
		wrapped := Written(attrs)
		if wrapped {
			r.w.Open("span", attrs...)
		}
		if lead != nil {
			lead()
		}
		r.Inlines(content)
		r.flush()
		if wrapped {
			r.w.Close("span")
		}
		return
	}
	r.w.Open("p", r.blockLang(attrs...)...)
	if lead != nil {
		lead()
	}
	r.Inlines(content)
	r.flush()
	r.w.Close("p")
}

// lineBlock writes a block of lines (verse, an address) as a div of
// class line-block, in a list item as anywhere else, since its lines are
// not a paragraph's. Each line is a div of class line, so that a line too
// long for the screen wraps with its continuation hanging, as the PDF
// sets it; an empty line between stanzas holds a br. A line block whose
// breaks are not all between its lines (one inside emphasis) is written
// as pandoc writes every one, its lines ended by br.
func (r *Body) lineBlock(p *doc.Paragraph) {
	lead := r.lead
	r.lead = nil
	r.w.Open("div", r.blockLang(r.ID(r.doc.ID(p)), A("class", ClassList(append([]string{"line-block"}, p.Classes...)...)))...)
	if lead != nil {
		lead()
	}
	lines, ok := linesOf(p.Content)
	if !ok {
		r.Inlines(p.Content)
		r.flush()
		r.w.Close("div")
		return
	}
	for _, line := range lines {
		r.w.Open("div", A("class", "line"))
		if len(line) == 0 {
			r.w.Empty("br")
		}
		r.Inlines(line)
		r.flush()
		r.w.Close("div")
	}
	r.w.Close("div")
}

// linesOf cuts a line block's content at its breaks; ok is false when a
// break is inside another inline.
func linesOf(content []doc.Inline) (lines [][]doc.Inline, ok bool) {
	ok = true
	start := 0
	for i, in := range content {
		if _, isBreak := in.(*doc.Break); isBreak {
			lines = append(lines, content[start:i])
			start = i + 1
			continue
		}
		doc.WalkInlines(doc.InlineChildren(in), doc.Visitor{Inline: func(in doc.Inline) bool {
			if _, isBreak := in.(*doc.Break); isBreak {
				ok = false
			}
			return ok
		}})
	}
	return append(lines, content[start:]), ok
}

func (r *Body) heading(h *doc.Heading) {
	level := r.doc.Level(h)
	id := r.doc.ID(h)
	if level <= 0 {
		// A heading without text is kept only as a link target.
		r.w.Open("div", r.blockLang(r.ID(id), A("class", "empty-heading"))...)
		r.flush()
		r.w.Close("div")
		return
	}
	tag := "h" + strconv.Itoa(level)
	r.w.Open(tag, r.blockLang(r.ID(id), A("class", ClassList(withAlign(h.Classes, h.Align)...)))...)
	r.Inlines(h.Content)
	r.flush()
	r.w.Close(tag)
}

func (r *Body) list(l *doc.List) {
	tag := "ul"
	attrs := []Attr{}
	if l.Ordered {
		tag = "ol"
		if l.Start != 1 {
			attrs = append(attrs, A("start", strconv.Itoa(l.Start)))
		}
	}
	hasTask := false
	for _, it := range l.Items {
		if it.Task != doc.NoTask {
			hasTask = true
		}
	}
	classes := l.Classes
	if hasTask {
		classes = append([]string{"tasks"}, classes...)
	}
	attrs = append(attrs, r.ID(r.doc.ID(l)), A("class", ClassList(classes...)))
	r.w.Open(tag, r.blockLang(attrs...)...)
	r.w.NL()
	for _, it := range l.Items {
		box := ""
		switch it.Task {
		case doc.TaskOpen:
			box = "☐"
		case doc.TaskDone:
			box = "☑"
		}
		if box == "" {
			r.w.Open("li")
		} else {
			r.w.Open("li", A("class", "task"))
			writeBox := func() {
				r.w.Element("span", box, A("class", "task-box"))
				r.w.Raw(" ")
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
		r.Blocks(it.Blocks, l.Tight)
		r.lead = nil
		r.w.Close("li")
		r.w.NL()
	}
	r.w.Close(tag)
}

// codeLanguage is the class name of a code block's language: the first
// word of what the tree holds, up to a comma ("rust,ignore" is Rust).
func codeLanguage(lang string) string {
	f := strings.Fields(CleanText(lang))
	if len(f) == 0 {
		return ""
	}
	l, _, _ := strings.Cut(f[0], ",")
	return l
}

var alignClass = map[doc.Align]string{doc.AlignLeft: "align-left", doc.AlignCenter: "align-center", doc.AlignRight: "align-right"}

// idClass are a block's ID (as the document planned it) and classes.
func (r *Body) idClass(bl doc.Block) []Attr {
	return []Attr{r.ID(r.doc.ID(bl)), A("class", ClassList(withAlign(doc.ClassesOf(bl), doc.AlignOf(bl))...))}
}

// withAlign adds to classes the class the stylesheet aligns lines by, for
// a block that asks for an alignment.
func withAlign(classes []string, a doc.Align) []string {
	if c := alignClass[a]; c != "" {
		return append(classes[:len(classes):len(classes)], c)
	}
	return classes
}

var scopeNames = map[doc.CellScope]string{doc.ScopeColumn: "col", doc.ScopeRow: "row",
	doc.ScopeColumnGroup: "colgroup", doc.ScopeRowGroup: "rowgroup"}

func (r *Body) table(t *doc.Table) {
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
	// An empty heading cell heads nothing; a td says so.
	cell := func(c *doc.TableCell, i int, header bool, scope doc.CellScope) {
		tag, attrs := "td", []Attr{A("class", align(i))}
		if header && HasVisibleText(c.Content) {
			tag = "th"
			attrs = append([]Attr{A("scope", scopeNames[scope])}, attrs...)
		}
		r.w.Open(tag, attrs...)
		r.inCell++
		r.Inlines(c.Content)
		r.inCell--
		r.w.Close(tag)
	}
	widths := len(t.Widths) == len(t.Align) && len(t.Widths) > 0
	attrs := r.idClass(t)
	sum := 0.0
	if widths {
		for _, w := range t.Widths {
			sum += w
		}
		// the share of the measure the columns take together
		attrs = append(attrs, A("style", "width: "+percent(min(sum, 1))))
	}
	r.w.Open("table", r.blockLang(attrs...)...)
	r.w.NL()
	if len(t.Caption) > 0 {
		r.w.Open("caption")
		r.Inlines(t.Caption)
		r.w.Close("caption")
		r.w.NL()
	}
	// each column's share of the table, on the column groups' columns
	// (a column spanning several gives each the first's width) or else
	// in a column group of their own
	colWidth := func(i int) string {
		if !widths || i >= len(t.Widths) {
			return ""
		}
		return "width: " + percent(t.Widths[i]/sum)
	}
	col := 0
	for _, g := range t.Groups {
		span := ""
		if len(g.Columns) == 0 && g.Span != 1 {
			span = strconv.Itoa(g.Span)
		}
		r.w.Open("colgroup", A("span", span), A("class", ClassList(g.Classes...)))
		for _, c := range g.Columns {
			span := ""
			if c.Span != 1 {
				span = strconv.Itoa(c.Span)
			}
			r.w.Empty("col", A("span", span), A("class", ClassList(c.Classes...)), A("style", colWidth(col)))
			col += c.Span
		}
		if len(g.Columns) == 0 {
			col += g.Span
		}
		r.w.Close("colgroup")
		r.w.NL()
	}
	if widths && len(t.Groups) == 0 {
		r.w.Open("colgroup")
		for i := range t.Widths {
			r.w.Empty("col", A("style", colWidth(i)))
		}
		r.w.Close("colgroup")
		r.w.NL()
	}
	if hasHeader {
		r.w.Open("thead")
		r.w.Open("tr")
		for i, c := range t.Header {
			scope := c.Scope
			if scope == doc.ScopeAuto {
				scope = doc.ScopeColumn
			}
			cell(c, i, true, scope)
		}
		r.w.Close("tr")
		r.w.Close("thead")
		r.w.NL()
	}
	if hasRows {
		r.w.Open("tbody")
		r.w.NL()
		for _, row := range t.Rows {
			if len(row) == 0 {
				continue
			}
			r.w.Open("tr")
			for i, c := range row {
				scope := c.Scope
				if scope == doc.ScopeAuto {
					scope = doc.ScopeRow
				}
				cell(c, i, c.Header, scope)
			}
			r.w.Close("tr")
			r.w.NL()
		}
		r.w.Close("tbody")
		r.w.NL()
	}
	r.w.Close("table")
}

// percent writes a share as a CSS percentage, to a tenth at most.
func percent(f float64) string {
	return strconv.FormatFloat(math.Round(f*1000)/10, 'f', -1, 64) + "%"
}

func (r *Body) figure(f *doc.Figure) {
	r.w.Open("figure", r.blockLang(r.ID(r.doc.ID(f)))...)
	if f.Link != nil {
		r.linkAround(f.Link, func() { r.image(f.Image, false) })
	} else {
		r.image(f.Image, false)
	}
	if len(f.Caption) > 0 {
		r.w.Open("figcaption")
		r.Inlines(f.Caption)
		r.flush()
		r.w.Close("figcaption")
	}
	r.w.Close("figure")
}

// divElements are the elements of group kinds written as one element
// holding the group's blocks.
var divElements = map[doc.DivKind]string{
	doc.DivSection: "section", doc.DivArticle: "article", doc.DivHeader: "header",
	doc.DivFooter: "footer", doc.DivAddress: "address",
}

func (r *Body) div(dv *doc.Div) {
	id := r.ID(r.doc.ID(dv))
	class := A("class", ClassList(withAlign(dv.Classes, dv.Align)...))
	el := divElements[dv.Kind]
	if el != "" && !r.mayHold(dv) {
		// Written as itself it would be invalid (a header inside a
		// header, a heading in an address): a div, classed by its kind.
		el, class = "", A("class", ClassList(withAlign(append([]string{dv.Kind.String()}, dv.Classes...), dv.Align)...))
	}
	switch {
	case el != "":
		r.w.Open(el, r.blockLang(id, class)...)
		r.w.NL()
		r.restricted(dv.Kind, func() { r.Blocks(dv.Blocks, false) })
		r.w.Close(el)
	case dv.Kind == doc.DivAside:
		// role=note keeps a nested aside from being a complementary landmark.
		r.w.Open("aside", r.blockLang(id, class, A("role", "note"))...)
		r.w.NL()
		r.Blocks(dv.Blocks, false)
		r.w.Close("aside")
	case dv.Kind == doc.DivDetails:
		r.details(dv, id, class)
	case dv.Kind == doc.DivTermList:
		// Terms and definitions only (doc.Validate), a term being one
		// paragraph.
		r.w.Open("dl", r.blockLang(id, class)...)
		r.w.NL()
		for _, b := range dv.Blocks {
			if d := b.(*doc.Div); d.Kind == doc.DivTerm {
				r.child(d, "dt", true)
			} else {
				r.child(d, "dd", singleParagraph(d.Blocks))
			}
		}
		r.w.Close("dl")
	case dv.Kind == doc.DivFigure:
		r.w.Open("figure", r.blockLang(id, class)...)
		r.w.NL()
		for _, b := range dv.Blocks {
			if d, ok := b.(*doc.Div); ok && d.Kind == doc.DivCaption {
				r.child(d, "figcaption", singleParagraph(d.Blocks))
			} else {
				r.block(b, false)
			}
		}
		r.w.Close("figure")
	default:
		r.w.Open("div", r.blockLang(id, class)...)
		r.w.NL()
		r.Blocks(dv.Blocks, false)
		r.w.Close("div")
	}
}

// details writes a disclosure: its summary is a summary group leading
// it, or else its first paragraph, or else the Details label.
func (r *Body) details(dv *doc.Div, id, class Attr) {
	attrs := r.blockLang(id, class)
	if dv.Open {
		attrs = append(attrs, A("open", "open"))
	}
	r.w.Open("details", attrs...)
	r.w.Open("summary")
	// A summary is the disclosure's control: nothing in it may be a
	// control too (axe's nested-interactive), so its links are written
	// as their text, as links in links are, and its note references
	// follow it.
	r.inLink = true
	rest := dv.Blocks
	summarised := false
	if len(rest) > 0 {
		switch first := rest[0].(type) {
		case *doc.Paragraph:
			if HasVisibleText(first.Content) {
				r.withMarks(first, func() { r.Inlines(first.Content) })
				rest, summarised = rest[1:], true
			}
		case *doc.Div:
			if first.Kind == doc.DivSummary {
				r.withMarks(first, func() { r.summary(first.Blocks) })
				rest, summarised = rest[1:], true
			}
		}
	}
	if !summarised {
		r.w.Text(r.opts.Details)
	}
	r.inLink = false
	r.w.Close("summary")
	deferred := r.deferred
	r.deferred = nil
	for _, ref := range deferred {
		r.noteRef(ref)
	}
	r.w.NL()
	r.Blocks(rest, false)
	r.w.Close("details")
}

// summary writes a summary's blocks as the phrasing content a summary
// holds: each block's text, a line break between blocks.
func (r *Body) summary(blocks []doc.Block) {
	first := true
	var walk func([]doc.Block)
	walk = func(bs []doc.Block) {
		for _, b := range bs {
			content := doc.BlockInlines(b)
			if len(content) == 0 {
				walk(doc.BlockChildren(b))
				continue
			}
			if _, isFigure := b.(*doc.Figure); isFigure {
				content = content[1:] // the caption; the picture is no summary
			}
			for _, c := range content {
				if !first {
					r.w.Empty("br")
				}
				first = false
				r.withMarks(b, func() { r.Inlines(c) })
			}
		}
	}
	walk(blocks)
}

// child writes a group whose place its parent's element constrains (a dt
// or dd in a dl, a figure's caption), with its page markers inside its
// element rather than before it.
func (r *Body) child(d *doc.Div, tag string, tight bool) {
	savedPos := r.pos
	if d.Pos.File != "" {
		r.pos = d.Pos
	}
	defer func() { r.pos = savedPos }()
	lang, restore := r.enterLang(d.Lang)
	defer restore()
	r.w.Open(tag, append([]Attr{r.ID(r.doc.ID(d)), A("class", ClassList(d.Classes...))}, lang...)...)
	r.withMarks(d, func() { r.Blocks(d.Blocks, tight) })
	r.w.Close(tag)
	r.w.NL()
}

func singleParagraph(bs []doc.Block) bool {
	if len(bs) != 1 {
		return false
	}
	_, ok := bs[0].(*doc.Paragraph)
	return ok
}

// mayHold reports whether a group's element may hold its blocks: HTML
// forbids a header or footer inside another, and headings, sections,
// headers, footers and addresses inside an address.
func (r *Body) mayHold(dv *doc.Div) bool {
	if r.inAddress > 0 || (dv.Kind == doc.DivHeader || dv.Kind == doc.DivFooter) && r.inHeader > 0 {
		return false
	}
	ok := true
	doc.Walk(dv.Blocks, doc.Visitor{Block: func(b doc.Block) bool {
		switch b := b.(type) {
		case *doc.Heading:
			ok = ok && dv.Kind != doc.DivAddress
		case *doc.Div:
			switch b.Kind {
			case doc.DivHeader, doc.DivFooter:
				ok = ok && dv.Kind != doc.DivHeader && dv.Kind != doc.DivFooter && dv.Kind != doc.DivAddress
			case doc.DivSection, doc.DivArticle, doc.DivAside, doc.DivAddress:
				ok = ok && dv.Kind != doc.DivAddress
			}
		}
		return ok
	}})
	return ok
}

// restricted runs body inside an element that restricts what it holds.
func (r *Body) restricted(k doc.DivKind, body func()) {
	switch k {
	case doc.DivHeader, doc.DivFooter:
		r.inHeader++
		defer func() { r.inHeader-- }()
	case doc.DivAddress:
		r.inAddress++
		defer func() { r.inAddress-- }()
	}
	body()
}

// Inlines writes inline content.
func (r *Body) Inlines(ins []doc.Inline) {
	for _, in := range ins {
		r.inline(in)
	}
}

func (r *Body) inline(in doc.Inline) {
	switch in := in.(type) {
	case *doc.Text:
		r.plain(in.Text)
	case *doc.Code:
		if Direction(r.lang) == "rtl" {
			// a command is read left to right: in a right-to-left
			// paragraph, an Arabic or Hebrew word in it would turn its
			// parts round (the PDF sets it so too)
			r.w.Open("code", A("translate", "no"), A("dir", "ltr"))
		} else {
			r.w.Open("code", A("translate", "no"))
		}
		r.plain(in.Text)
		r.w.Close("code")
	case *doc.Math:
		r.math(in)
	case *doc.Emph:
		r.wrap("em", in.Content)
	case *doc.Strong:
		r.wrap("strong", in.Content)
	case *doc.Strike:
		r.wrap("del", in.Content)
	case *doc.Break:
		r.advanceTo(r.curPos())
		r.w.Empty("br")
		if r.cur != nil {
			r.cur.pos++
		}
	case *doc.Link:
		r.link(in)
	case *doc.Image:
		r.image(in, true)
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

func (r *Body) wrap(tag string, content []doc.Inline) {
	r.w.Open(tag)
	r.Inlines(content)
	r.w.Close(tag)
}

func (r *Body) curPos() int {
	if r.cur == nil {
		return 0
	}
	return r.cur.pos
}

// advanceTo writes the markers due at or before rune offset pos.
func (r *Body) advanceTo(pos int) {
	c := r.cur
	for c != nil && len(c.marks) > 0 && c.marks[0].Offset <= pos {
		m := c.marks[0]
		c.marks = c.marks[1:]
		r.Marker(m)
	}
}

// plain writes text, placing any page markers that fall inside it. Offsets
// count runes of the text as given (an invalid byte counts as one, as in
// utf8.RuneCountInString), before cleaning.
func (r *Body) plain(s string) {
	c := r.cur
	if c == nil || len(c.marks) == 0 {
		r.w.Text(s)
		if c != nil {
			c.pos += len([]rune(s))
		}
		return
	}
	start := 0
	for i := range s {
		if len(c.marks) > 0 && c.marks[0].Offset <= c.pos {
			r.w.Text(s[start:i])
			start = i
			r.advanceTo(c.pos)
		}
		c.pos++
	}
	r.w.Text(s[start:])
}

// math writes a formula as MathML. Its TeX is the formula's text, where
// page-break offsets count: a marker due inside it goes after it.
func (r *Body) math(m *doc.Math) {
	r.w.Raw(texmath.MathML(m.Tree, m.TeX, m.Display))
	if c := r.cur; c != nil {
		c.pos += len([]rune(m.TeX))
	}
}

// flush writes the markers still due in the current block, at its end.
func (r *Body) flush() {
	if r.cur == nil {
		return
	}
	for _, m := range r.cur.marks {
		r.Marker(m)
	}
	r.cur.marks = nil
}

// Marker writes where a print page starts.
func (r *Body) Marker(m *PageMark) {
	r.doc.Placed(m)
	r.w.Open("span", r.epubType("pagebreak"), A("role", "doc-pagebreak"),
		r.ID(m.ID), A("aria-label", m.Label), A("class", "pagebreak"))
	if r.opts.PageNumbers {
		r.w.Text(m.Label)
	}
	r.w.Close("span")
}

func (r *Body) noteRef(ref *doc.NoteRef) {
	n := ref.Note
	id, noteID := r.doc.ID(ref), r.doc.ID(n)
	if id == "" || noteID == "" {
		// Only a title holds unplanned references; titles carry no notes.
		return
	}
	r.w.Open("sup", A("class", "noteref "+kindClass(n.Kind)))
	if r.opts.Popovers {
		r.w.Open("button", A("type", "button"), r.ID(id), A("popovertarget", noteID), A("class", "noteref"))
		r.w.Text(r.doc.NoteLabel(n))
		r.w.Close("button")
		r.w.Close("sup")
		return
	}
	r.w.Open("a", r.epubType("noteref"), A("role", "doc-noteref"), r.ID(id),
		A("href", "#"+noteID))
	r.w.Text(r.doc.NoteLabel(n))
	r.w.Close("a")
	r.w.Close("sup")
}

// kindClass is the class of a note kind; an unknown kind reads as a footnote.
func kindClass(k doc.NoteKind) string {
	switch k {
	case doc.AnnotationNote, doc.ProvenanceNote:
		return k.String()
	}
	return doc.FootnoteNote.String()
}

// Notes writes notes after a document's text, one aside each, the link
// back to the first reference leading the note.
func (r *Body) Notes(notes []*doc.Note) {
	if len(notes) == 0 {
		return
	}
	r.w.Open("section", A("class", "notes"), r.epubType("footnotes"))
	r.w.NL()
	for _, n := range notes {
		savedPos := r.pos
		if n.Pos.File != "" {
			r.pos = n.Pos
		}
		label := r.doc.NoteLabel(n)
		popover := ""
		if r.opts.Popovers {
			popover = "auto"
		}
		langAttrs, restore := r.enterLang(n.Lang)
		r.w.Open("aside", append([]Attr{r.epubType("footnote"), A("role", "doc-footnote"),
			r.ID(r.doc.ID(n)), A("class", "note "+kindClass(n.Kind)), A("popover", popover)}, langAttrs...)...)
		r.w.NL()
		backlink := func() {
			if ref := r.doc.Backlink(n); ref != "" {
				r.w.Element("a", label, A("href", "#"+ref), A("role", "doc-backlink"), A("class", "backlink"))
			} else {
				r.w.Element("span", label, A("class", "backlink"))
			}
			r.w.Raw(" ")
		}
		first := true
		if len(n.Blocks) > 0 {
			if _, ok := n.Blocks[0].(*doc.Paragraph); ok {
				r.lead = backlink
				first = false
			}
		}
		if first {
			r.w.Open("p", A("class", "note-label"))
			backlink()
			r.w.Close("p")
			r.w.NL()
		}
		r.Blocks(n.Blocks, false)
		r.lead = nil
		r.w.Close("aside")
		r.w.NL()
		restore()
		r.pos = savedPos
	}
	r.w.Close("section")
	r.w.NL()
}

func (r *Body) link(l *doc.Link) {
	r.linkAround(l, func() { r.Inlines(l.Content) })
}

// linkAround writes a link whose content content writes: its inlines, or
// a figure's picture.
func (r *Body) linkAround(l *doc.Link, content func()) {
	if r.inLink {
		content() // links do not nest
		return
	}
	href, fallback, ok := r.linkTarget(l)
	named := hasLinkText(l.Content)
	if ok && r.linkBytes <= maxLinkBytes {
		r.linkBytes += len(href)
		if !named {
			r.linkBytes += len(fallback)
		}
		if r.linkBytes > maxLinkBytes {
			r.warn("link.too-many", fmt.Sprintf("links in this chapter carry more than %d MB of addresses; from this one on, each is kept as its text, an address without text shortened", maxLinkBytes>>20))
		}
	}
	if r.linkBytes > maxLinkBytes {
		ok = false
		fallback = shortened(fallback, 60)
	}
	if !ok {
		content()
		if !named {
			r.w.Text(fallback)
		}
		return
	}
	r.w.Open("a", A("href", href), A("title", OneLine(l.Title)))
	r.inLink = true
	content()
	r.inLink = false
	if !named {
		r.w.Text(fallback)
	}
	r.w.Close("a")
	deferred := r.deferred
	r.deferred = nil
	for _, ref := range deferred {
		r.noteRef(ref)
	}
}

// shortened is s cut to its first n characters and an ellipsis when it
// is longer.
func shortened(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}

// hasLinkText reports whether link content names the link; note markers
// move out of links, so they do not count.
func hasLinkText(ins []doc.Inline) bool { return perceivable(ins, false) }

// isCodePath reports whether s is a path of identifiers joined by "::",
// such as core::ptr::NonNull or vec!, std::mem::swap(), or
// Iterator::next, the way a link into Rust's API documentation is
// written, with a fragment (std::fmt#syntax) or none; a URL never has
// "::" after its scheme's colon.
func isCodePath(s string) bool {
	s, _, _ = strings.Cut(s, "#")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "()"), "!")
	parts := strings.Split(s, "::")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if p == "" {
			return false
		}
		for i, c := range p {
			if !(c == '_' || unicode.IsLetter(c) || (i > 0 && unicode.IsDigit(c))) {
				return false
			}
		}
	}
	return true
}

// linkTarget decides where a link goes: an allowed external URL, or a
// document (and ID) of this book. ok is false when the link must become
// plain text; fallback is text for a link without any.
func (r *Body) linkTarget(l *doc.Link) (href, fallback string, ok bool) {
	if t, seen := r.external[l.URL]; seen && l.Entry == "" {
		return t.href, t.fallback, true
	}
	raw := strings.TrimSpace(CleanText(l.URL))
	fallback = OneLine(raw)
	if l.Entry != "" || (!l.External && strings.HasPrefix(raw, "#")) {
		href, fallback, problem, ok := r.doc.InternalLink(l, raw)
		if problem != "" {
			r.warn("link.dangling", problem)
		}
		return href, fallback, ok
	}
	if raw == "" {
		// A link without an address; the resolve pass said so.
		return "", "", false
	}
	if isCodePath(raw) {
		// "std::mem::swap" is a link into API documentation the way
		// rustdoc's intra-doc links (and mdBook preprocessors using them)
		// write it, which only those tools resolve; it is no scheme.
		r.warn("link.invalid", fmt.Sprintf("link %q is a path into code (an intra-doc link, which only rustdoc and its preprocessors resolve), not a URL; kept as text", fallback))
		return "", fallback, false
	}
	u, err := url.Parse(raw)
	if err != nil {
		if !l.External && !doc.HasURLScheme(raw) {
			// A relative link the resolve pass could not place
			// ("[https://…" with a stray bracket); it said so.
			return "", fallback, false
		}
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
	href = asciiURL(u.String())
	r.external[l.URL] = externalTarget{href, fallback}
	return href, fallback, true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] > 0x7f {
			return false
		}
	}
	return true
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
// validators of every strictness accept it; a second '#' is encoded too,
// and so are brackets outside the host, the one place they may stand (an
// IPv6 address): "http://doi.org/[doi]", a placeholder a book prints as
// its author wrote it, is no valid URI as written.
func asciiURL(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	seenHash := false
	hostStart, hostEnd := -1, -1
	if i := strings.Index(s, "://"); i > 0 {
		hostStart = i + 3
		hostEnd = len(s)
		if j := strings.IndexAny(s[hostStart:], "/?#"); j >= 0 {
			hostEnd = hostStart + j
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c > 0x20 && c < 0x7f && !strings.ContainsRune("\"<>\\^`{|}", rune(c))
		switch {
		case c == '[' || c == ']':
			ok = i >= hostStart && i < hostEnd
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

// image writes a picture: a figure's, or one in a line of text (inline),
// which is classed "inline" and set at the height of the text unless its
// author gave it a size, or it is too tall for an icon (ApartInLine; in
// a table's cell, ApartInCell): that one stands between the text before
// and after it at its own size, as in the PDF (apartStyle), no wider than
// its line or cell (the stylesheet's max-width). A sized one is
// unclassed, so it stands on the baseline at that size, as in the PDF.
func (r *Body) image(im *doc.Image, inline bool) {
	alt := OneLine(im.Alt)
	pic, problem := r.doc.Image(im)
	if pic.Src == "" {
		name := alt
		if name == "" {
			name = OneLine(path.Base(strings.TrimSpace(im.Src)))
		}
		// Without an asset the image loader has already said why (remote,
		// undecodable); only a problem found here is worth a line.
		if problem != "" {
			r.doc.Warn(im.Place(r.pos), "image.unusable", fmt.Sprintf("image %q %s; its text stands in", OneLine(im.Src), problem))
		}
		if name != "" && name != "." && name != "/" {
			r.w.Element("span", name, A("class", "image-missing"))
		}
		return
	}
	attrs := []Attr{A("src", pic.Src), Keep("alt", alt), A("title", OneLine(im.Title))}
	if pic.Width > 0 && pic.Height > 0 {
		attrs = append(attrs, A("width", strconv.Itoa(pic.Width)), A("height", strconv.Itoa(pic.Height)))
	}
	switch {
	case inline && im.ApartInLine() && r.inCell == 0, inline && im.ApartInCell() && r.inCell > 0:
		attrs = append(attrs, A("style", apartStyle))
	case inline && !im.SizedInLine():
		attrs = append(attrs, A("class", "inline"))
	default:
		attrs = append(attrs, A("style", sizeStyle(im.Width, im.Height)))
	}
	r.w.Empty("img", attrs...)
}

// apartStyle sets a picture in a line apart from its text, centred on a
// line of its own, as the PDF sets it. It is the picture's own style, not
// a rule of the stylesheet, so that books without such a picture keep
// their stylesheet as it was.
const apartStyle = "display: block; margin: 0.5em auto"

// sizeStyle is the CSS of the size an author gave a picture; the side not
// given follows the picture's proportions rather than its height or width
// attribute.
func sizeStyle(w, h doc.Length) string {
	switch {
	case !w.Valid() || !h.Valid() || w.IsZero() && h.IsZero():
		return ""
	case h.IsZero():
		return "width: " + w.String() + "; height: auto"
	case w.IsZero():
		return "height: " + h.String() + "; width: auto"
	}
	return "width: " + w.String() + "; height: " + h.String()
}

// spanElements are the elements of span kinds; any other kind is a span,
// time among them: its element needs a machine-readable date the tree
// does not carry.
var spanElements = map[doc.SpanKind]string{
	doc.SpanSuperscript: "sup", doc.SpanSubscript: "sub", doc.SpanSmall: "small",
	doc.SpanAbbreviation: "abbr", doc.SpanCitation: "cite", doc.SpanQuotation: "q",
	doc.SpanKeyboard: "kbd", doc.SpanSample: "samp", doc.SpanVariable: "var",
	doc.SpanDefinition: "dfn", doc.SpanHighlight: "mark", doc.SpanUnderlined: "u",
	doc.SpanInserted: "ins", doc.SpanIsolated: "bdi", doc.SpanAlternate: "i", doc.SpanAttention: "b",
}

func (r *Body) span(s *doc.Span) {
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
	attrs := []Attr{r.ID(r.doc.ID(s)), A("class", ClassList(s.Classes...)), A("title", OneLine(s.Title))}
	langAttrs, restore := r.enterLang(s.Lang)
	defer restore()
	r.w.Open(el, append(attrs, langAttrs...)...)
	r.Inlines(s.Content)
	r.w.Close(el)
}

// HasVisibleText reports whether inline content renders to something a
// reader (or a screen reader) can perceive.
func HasVisibleText(ins []doc.Inline) bool { return perceivable(ins, true) }

// perceivable reports whether inline content has text, alternative text or
// (when notes count) a note marker.
func perceivable(ins []doc.Inline, notes bool) bool {
	found := false
	doc.WalkInlines(ins, doc.Visitor{Inline: func(in doc.Inline) bool {
		switch in := in.(type) {
		case *doc.Text:
			found = found || strings.TrimSpace(CleanText(in.Text)) != ""
		case *doc.Code:
			found = found || strings.TrimSpace(CleanText(in.Text)) != ""
		case *doc.Math:
			found = true
		case *doc.Image:
			found = found || OneLine(in.Alt) != ""
		case *doc.NoteRef:
			found = found || notes
		}
		return !found
	}})
	return found
}
