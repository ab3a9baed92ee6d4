package doc

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/samizdat-press/samizdat/internal/diag"
)

// MaxDepth bounds the nesting of blocks, of inlines and of entries. The
// parser stays far below it; a tree deeper than that is a bug, and
// renderers that recurse need not guard their stacks.
const MaxDepth = 500

// Validate checks the invariants every renderer relies on, and marks the
// book valid when they hold. The build runs it once, after the resolve
// pass; renderers then trust the tree instead of checking it again:
//
//   - no nil entry, block, inline, list item, table cell, note or figure
//     image, and no node in two places (so the tree has no cycle);
//   - nesting within MaxDepth;
//   - every kind (entry, role, note, div, span, alignment, cell scope)
//     one the package defines, heading levels 1 to 6, every table row as
//     wide as the table's alignments and its column groups no wider,
//     term lists made of terms and definitions only, a term first, each
//     term one paragraph, and a caption only as the first or last block
//     of a figure;
//   - entry IDs unique and made of ASCII letters, digits, '-' and '_',
//     starting with a letter; every other ID (blocks, spans, notes and
//     note references) unique in the book;
//   - every note reference to a note, with an index below its count, and
//     every link inside the book to an entry of the book and an ID in it.
//
// Every problem is reported, each as an error diagnostic naming where in
// the sources the node came from when the tree knows.
func Validate(b *Book) error {
	if b == nil {
		return errors.New("no book")
	}
	v := &validator{seen: map[any]bool{}, ids: map[string]Pos{}, entries: map[string]bool{}}
	v.entryList(b.Entries, 0, Pos{})
	v.blocks(b.Colophon, 0, Pos{})
	for _, l := range v.links {
		if !v.entries[l.link.Entry] {
			v.fail(l.pos, "tree.link", "a link points to entry %q, which is not in the book", l.link.Entry)
		} else if _, ok := v.ids[l.link.Anchor]; l.link.Anchor != "" && !ok {
			v.fail(l.pos, "tree.link", "a link points to #%s, which is not in the book", l.link.Anchor)
		}
	}
	for _, r := range v.indexRefs {
		if _, ok := v.ids[r.id]; !ok {
			v.fail(r.pos, "tree.link", "an index reference points to #%s, which is not in the book", r.id)
		}
	}
	b.valid = len(v.problems) == 0
	return errors.Join(v.problems...)
}

// Validated reports whether the book passed Validate.
func (b *Book) Validated() bool { return b != nil && b.valid }

type validator struct {
	problems []error
	// seen holds every node met, by pointer: a node met twice is shared,
	// or part of a cycle.
	seen    map[any]bool
	ids     map[string]Pos
	entries map[string]bool
	links   []linkAt
	// indexRefs are the index entries see references name.
	indexRefs []idAt
}

type idAt struct {
	id  string
	pos Pos
}

type linkAt struct {
	link *Link
	pos  Pos
}

func (v *validator) fail(pos Pos, code, format string, args ...any) {
	v.problems = append(v.problems, diag.Errorf(pos.File, pos.Line, code, format, args...))
}

// once reports whether node is met for the first time, and says so when
// it is not.
func (v *validator) once(node any, pos Pos, what string) bool {
	if v.seen[node] {
		v.fail(pos, "tree.shared", "%s appears twice in the tree", what)
		return false
	}
	v.seen[node] = true
	return true
}

func (v *validator) id(id string, pos Pos, what string) {
	if id == "" {
		return
	}
	if first, dup := v.ids[id]; dup {
		v.fail(pos, "tree.id", "%s has ID %q, which %s already has", what, id, describe(first))
		return
	}
	v.ids[id] = pos
}

func describe(p Pos) string {
	if s := p.String(); s != "" {
		return "the node at " + s
	}
	return "another node"
}

// isNil catches nil interfaces and typed nil pointers alike.
func isNil(x any) bool {
	if x == nil {
		return true
	}
	r := reflect.ValueOf(x)
	return r.Kind() == reflect.Pointer && r.IsNil()
}

func (v *validator) entryList(es []*Entry, depth int, parent Pos) {
	if depth > MaxDepth {
		v.fail(parent, "tree.depth", "entries nested deeper than %d", MaxDepth)
		return
	}
	for _, e := range es {
		if e == nil {
			v.fail(parent, "tree.nil", "a nil entry")
			continue
		}
		if !v.once(e, e.Pos, fmt.Sprintf("entry %q", e.ID)) {
			continue
		}
		v.entry(e, depth)
	}
}

func (v *validator) entry(e *Entry, depth int) {
	pos := e.Pos
	if e.File != "" {
		pos = Pos{File: e.File}
	}
	switch {
	case !safeEntryID(e.ID):
		v.fail(pos, "tree.entry-id", "entry ID %q is not ASCII letters, digits, '-' and '_' starting with a letter", e.ID)
	case v.entries[e.ID]:
		v.fail(pos, "tree.entry-id", "entry ID %q is given twice", e.ID)
	}
	v.entries[e.ID] = true
	v.id(e.ID, pos, "entry "+e.ID)
	if e.Kind < KindChapter || e.Kind > KindPart {
		v.fail(pos, "tree.kind", "entry %q has kind %v", e.ID, e.Kind)
	}
	if e.Role < RoleNone || e.Role > RoleAppendix {
		v.fail(pos, "tree.kind", "entry %q has role %v", e.ID, e.Role)
	}
	v.inlines(e.Title, 0, pos)
	if e.Provenance != nil {
		v.inlines(e.Provenance.Citation, 0, pos)
		v.inlines(e.Provenance.Reference, 0, pos)
	}
	v.blocks(e.Blocks, 0, pos)
	for _, n := range e.Notes {
		if n == nil {
			v.fail(pos, "tree.nil", "entry %q lists a nil note", e.ID)
			continue
		}
		if !v.once(n, n.Pos, fmt.Sprintf("note %q", n.ID)) {
			continue
		}
		if n.ID == "" {
			v.fail(n.Pos, "tree.id", "a note has no ID")
		}
		v.id(n.ID, n.Pos, "note "+n.ID)
		for i := 0; i < n.Refs; i++ {
			v.id(n.RefID(i), n.Pos, "a reference to note "+n.ID)
		}
		if n.Kind < FootnoteNote || n.Kind > ProvenanceNote {
			v.fail(n.Pos, "tree.kind", "note %q has kind %v", n.ID, n.Kind)
		}
		v.blocks(n.Blocks, 0, n.Pos)
	}
	v.entryList(e.Children, depth+1, pos)
}

// safeEntryID: entry IDs name files and XML IDs.
func safeEntryID(id string) bool {
	if id == "" || !(id[0] >= 'a' && id[0] <= 'z' || id[0] >= 'A' && id[0] <= 'Z') {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func (v *validator) blocks(bs []Block, depth int, parent Pos) {
	if depth > MaxDepth {
		v.fail(parent, "tree.depth", "blocks nested deeper than %d", MaxDepth)
		return
	}
	for _, b := range bs {
		if isNil(b) {
			v.fail(parent, "tree.nil", "a nil block")
			continue
		}
		pos := b.Position()
		if pos.File == "" {
			pos = parent
		}
		if !v.once(b, pos, fmt.Sprintf("a %T block", b)) {
			continue
		}
		v.block(b, depth, pos)
	}
}

func (v *validator) block(b Block, depth int, pos Pos) {
	switch b := b.(type) {
	case *Paragraph:
		v.id(b.ID, pos, "paragraph")
		v.inlines(b.Content, 0, pos)
	case *Heading:
		if b.Level < 1 || b.Level > 6 {
			v.fail(pos, "tree.heading", "a heading of level %d", b.Level)
		}
		v.id(b.ID, pos, "heading")
		v.inlines(b.Content, 0, pos)
	case *BlockQuote:
		v.id(b.ID, pos, "quotation")
		v.blocks(b.Blocks, depth+1, pos)
	case *CodeBlock:
		v.id(b.ID, pos, "code block")
	case *List:
		v.id(b.ID, pos, "list")
		for _, it := range b.Items {
			if it == nil {
				v.fail(pos, "tree.nil", "a nil list item")
				continue
			}
			v.blocks(it.Blocks, depth+1, pos)
		}
	case *Table:
		for _, a := range b.Align {
			if a < AlignDefault || a > AlignRight {
				v.fail(pos, "tree.kind", "a table column aligned %d", a)
			}
		}
		if len(b.Widths) > 0 && len(b.Widths) != len(b.Align) {
			v.fail(pos, "tree.table", "a table of %d column widths for %d columns", len(b.Widths), len(b.Align))
		}
		for _, w := range b.Widths {
			if !(w > 0 && w <= 1) {
				v.fail(pos, "tree.table", "a table column %v of the measure wide", w)
			}
		}
		if len(b.Header) > 0 && len(b.Header) != len(b.Align) {
			v.fail(pos, "tree.table", "a table header of %d cells for %d columns", len(b.Header), len(b.Align))
		}
		v.id(b.ID, pos, "table")
		v.inlines(b.Caption, 0, pos)
		width := 0
		for _, g := range b.Groups {
			if g == nil {
				v.fail(pos, "tree.nil", "a nil column group")
				continue
			}
			if len(g.Columns) == 0 && g.Span < 1 {
				v.fail(pos, "tree.table", "a column group of %d columns", g.Span)
			}
			for _, c := range g.Columns {
				if c == nil || c.Span < 1 {
					v.fail(pos, "tree.table", "a column group holding a column of no width")
				}
			}
			width += g.Width()
		}
		if width > len(b.Align) {
			v.fail(pos, "tree.table", "column groups of %d columns for %d columns", width, len(b.Align))
		}
		v.cells(b.Header, pos)
		for _, row := range b.Rows {
			if len(row) != len(b.Align) {
				v.fail(pos, "tree.table", "a table row of %d cells for %d columns", len(row), len(b.Align))
			}
			v.cells(row, pos)
		}
	case *Figure:
		v.id(b.ID, pos, "figure")
		switch {
		case b.Image == nil:
			v.fail(pos, "tree.nil", "a figure without an image")
		case b.Link != nil:
			if len(b.Link.Content) != 1 || b.Link.Content[0] != Inline(b.Image) {
				v.fail(pos, "tree.figure-link", "a figure's link holds more than its picture")
			}
			v.inlines([]Inline{b.Link}, 0, pos)
		default:
			v.inlines([]Inline{b.Image}, 0, pos)
		}
		v.inlines(b.Caption, 0, pos)
	case *Index:
		for _, g := range b.Groups {
			if g == nil {
				v.fail(pos, "tree.nil", "a nil index group")
				continue
			}
			v.indexEntries(g.Entries, 0, pos)
		}
	case *Div:
		if b.Kind < DivPlain || b.Kind > LastDivKind {
			v.fail(pos, "tree.kind", "a group of kind %v", b.Kind)
		}
		v.id(b.ID, pos, "group")
		v.groupShape(b, pos)
		v.blocks(b.Blocks, depth+1, pos)
	}
}

func (v *validator) indexEntries(es []*IndexEntry, depth int, pos Pos) {
	if depth > MaxDepth {
		v.fail(pos, "tree.depth", "index entries nested deeper than %d", MaxDepth)
		return
	}
	for _, e := range es {
		if e == nil {
			v.fail(pos, "tree.nil", "a nil index entry")
			continue
		}
		if !v.once(e, pos, "an index entry") {
			continue
		}
		v.id(e.ID, pos, "index entry")
		v.inlines(e.Term, 0, pos)
		for _, l := range e.Locators {
			v.links = append(v.links, linkAt{&Link{Entry: l.Entry, Anchor: l.Anchor}, pos})
		}
		for _, r := range append(append([]IndexRef(nil), e.See...), e.SeeAlso...) {
			v.inlines(r.Term, 0, pos)
			if r.ID != "" {
				v.indexRefs = append(v.indexRefs, idAt{r.ID, pos})
			}
		}
		v.indexEntries(e.Sub, depth+1, pos)
	}
}

func (v *validator) cells(cells []*TableCell, pos Pos) {
	for _, c := range cells {
		if c == nil {
			v.fail(pos, "tree.nil", "a nil table cell")
			continue
		}
		if c.Scope > ScopeRowGroup {
			v.fail(pos, "tree.kind", "a table cell of scope %v", c.Scope)
		}
		v.inlines(c.Content, 0, pos)
	}
}

// groupShape checks what a group's kind asks of its blocks and of where
// it stands: a term list holds terms and definitions, a term first; a term
// is one paragraph; captions stand first or last in a figure.
func (v *validator) groupShape(d *Div, pos Pos) {
	kindOf := func(b Block) DivKind {
		if g, ok := b.(*Div); ok && g != nil {
			return g.Kind
		}
		return -1
	}
	switch d.Kind {
	case DivTermList:
		for i, b := range d.Blocks {
			k := kindOf(b)
			if k != DivTerm && k != DivTermDefinition || i == 0 && k != DivTerm {
				v.fail(pos, "tree.term-list", "a term list holding %s at %d", describeBlock(b), i+1)
			}
		}
	case DivTerm:
		if len(d.Blocks) != 1 {
			v.fail(pos, "tree.term-list", "a term of %d blocks", len(d.Blocks))
		} else if _, ok := d.Blocks[0].(*Paragraph); !ok {
			v.fail(pos, "tree.term-list", "a term holding %s", describeBlock(d.Blocks[0]))
		}
	}
	for i, b := range d.Blocks {
		if kindOf(b) == DivCaption && (d.Kind != DivFigure || i != 0 && i != len(d.Blocks)-1) {
			v.fail(pos, "tree.caption", "a caption at %d of %d blocks of a %v group", i+1, len(d.Blocks), d.Kind)
		}
	}
}

func describeBlock(b Block) string {
	if g, ok := b.(*Div); ok && g != nil {
		return "a " + g.Kind.String() + " group"
	}
	return fmt.Sprintf("a %T block", b)
}

func (v *validator) inlines(ins []Inline, depth int, pos Pos) {
	if depth > MaxDepth {
		v.fail(pos, "tree.depth", "inline content nested deeper than %d", MaxDepth)
		return
	}
	for _, in := range ins {
		if isNil(in) {
			v.fail(pos, "tree.nil", "a nil inline")
			continue
		}
		// Distinct zero-size values may share an address, so a Break is
		// never counted as met twice.
		if _, isBreak := in.(*Break); !isBreak && !v.once(in, pos, fmt.Sprintf("a %T inline", in)) {
			continue
		}
		switch in := in.(type) {
		case *NoteRef:
			switch {
			case in.Note == nil:
				v.fail(pos, "tree.note-ref", "a note reference without a note")
			case in.Index < 0 || in.Index >= in.Note.Refs:
				v.fail(pos, "tree.note-ref", "reference %d to note %q, which counts %d", in.Index, in.Note.ID, in.Note.Refs)
			}
		case *Link:
			if in.Entry != "" {
				v.links = append(v.links, linkAt{in, pos})
			}
		case *Cite:
			v.fail(pos, "tree.cite", "a citation was left unresolved")
		case *Math:
			if in.Tree == nil {
				v.fail(pos, "tree.math", "a formula without its tree: %q", in.TeX)
			}
		case *Image:
			if !in.Width.Valid() || !in.Height.Valid() {
				v.fail(pos, "tree.size", "a picture sized %q by %q", in.Width, in.Height)
			}
		case *Span:
			if in.Kind < SpanPlain || in.Kind > LastSpanKind {
				v.fail(pos, "tree.kind", "a span of kind %v", in.Kind)
			}
			v.id(in.ID, pos, "anchor")
		}
		v.inlines(InlineChildren(in), depth+1, pos)
	}
}
