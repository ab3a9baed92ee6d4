package layout

import (
	"strconv"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// The document's structure, for a tagged PDF: what each thing on a page
// is (a heading, a paragraph, a cell of a table) and in what order it is
// read, which a screen reader needs and the page alone does not say. The
// layout stays format-neutral: it names roles, and the painter maps them
// to its format's structure types.
//
// Each page item that shows content (Text, Picture; Link for its
// annotation) points at the element it belongs to; nil means an artifact,
// something on the page that is not the book's content: running heads,
// folios, crop marks, rules and shading, a table's head repeated on a
// later page. A paragraph or a table broken across pages is one element
// whose items are on both pages.

// Role is what an element of the structure is.
type Role uint8

const (
	RoleDocument Role = iota + 1
	RolePart
	RoleSection
	// RoleGroup groups blocks that are none of the others (a figure made
	// of blocks, a theorem).
	RoleGroup
	RoleHeading // with Level
	RoleParagraph
	RoleList
	RoleListItem
	RoleLabel    // a list item's marker, a note's number
	RoleListBody // a list item's content
	RoleQuote
	RoleCode
	RoleFigure // with Alt
	RoleCaption
	RoleTable
	RoleRow
	RoleHeaderCell
	RoleCell
	RoleNote
	RoleLink
	RoleContents
	RoleContentsEntry
	RoleIndex
	// RoleFormula is a formula, with Alt its TeX.
	RoleFormula
)

var roleNames = [...]string{
	RoleDocument: "document", RolePart: "part", RoleSection: "section", RoleGroup: "group",
	RoleHeading: "heading", RoleParagraph: "paragraph", RoleList: "list", RoleListItem: "item",
	RoleLabel: "label", RoleListBody: "body", RoleQuote: "quote", RoleCode: "code",
	RoleFigure: "figure", RoleCaption: "caption", RoleTable: "table", RoleRow: "row",
	RoleHeaderCell: "header-cell", RoleCell: "cell", RoleNote: "note", RoleLink: "link",
	RoleContents: "contents", RoleContentsEntry: "contents-entry", RoleIndex: "index", RoleFormula: "formula",
}

func (r Role) String() string {
	if int(r) < len(roleNames) && roleNames[r] != "" {
		return roleNames[r]
	}
	return "role" + strconv.Itoa(int(r))
}

// Elem is an element of the document's structure.
type Elem struct {
	Role Role
	// Level is a heading's, 1 to 6.
	Level int
	// Alt is a figure's text alternative, a formula's TeX.
	Alt string
	// RowHeader says a header cell heads its row, not its column.
	RowHeader bool
	// Headers are a data cell's heading cells when its table's are not
	// told by what each heads alone (see tableHeaders).
	Headers []*Elem
	// Lang is the element's language when the layout set it in one
	// (BCP 47); "" inherits its parent's.
	Lang string
	// Kids are the elements inside it, in reading order. An element's
	// own content (the items pointing at it) is read before its kids,
	// but for inline ones (a formula, a link), which a writer places
	// among the content where they are on the page.
	Kids []*Elem
	// adopted: a formula's element, made as its line was set, is in the
	// tree (see galley.adopt).
	adopted bool
}

// add appends a new element of role to e's kids and returns it.
func (e *Elem) add(role Role) *Elem {
	k := &Elem{Role: role}
	e.Kids = append(e.Kids, k)
	return k
}

// adopt makes formula element f one of e's kids, unless it is one of
// an element's already, and returns it; any other element it returns
// as it is. A formula's items are set before the element they are read
// in is known, and a table's cell, a link, is known before the galley's
// current element takes the rest.
func (e *Elem) adopt(f *Elem) *Elem {
	if f == nil || f.Role != RoleFormula || f.adopted {
		return f
	}
	f.adopted = true
	e.Kids = append(e.Kids, f)
	return f
}

// linkChain gives links their elements, line after line: a link that
// runs on to the next line is one element, holding its words on both
// lines and both its annotations, as it is one link to a reader.
type linkChain struct {
	parent, elem *Elem
	url, anchor  string
}

// own gives each link among a line's items that has no element yet an
// element of parent's, or the one of the link it goes on from, and the
// items it covers (see Link.Runs). Content of parent's own between two
// links ends the one before.
func (c *linkChain) own(items []Item, parent *Elem) {
	if parent == nil {
		c.elem = nil
		return
	}
	from := 0 // the items after the last link
	for i, it := range items {
		l, ok := it.(*Link)
		if !ok || l.Elem != nil {
			continue
		}
		start := max(i-l.Runs, from)
		if c.elem == nil || c.parent != parent || c.url != l.URL || c.anchor != l.Anchor || showsContent(items[from:start]) {
			c.parent, c.elem, c.url, c.anchor = parent, parent.add(RoleLink), l.URL, l.Anchor
		}
		l.Elem = c.elem
		for _, r := range items[start:i] {
			switch r := r.(type) {
			case *Text:
				if r.Elem == nil {
					r.Elem = c.elem
				} else {
					r.Elem = c.elem.adopt(r.Elem)
				}
			case *Rule:
				r.Elem = c.elem.adopt(r.Elem)
			case *Picture:
				if r.Elem == nil {
					r.Elem = c.elem
				}
			}
		}
		from = i + 1
	}
	if showsContent(items[from:]) {
		c.elem = nil
	}
}

// showsContent says items hold text or a picture.
func showsContent(items []Item) bool {
	for _, it := range items {
		switch it.(type) {
		case *Text, *Picture:
			return true
		}
	}
	return false
}

// structure is the document's structure: the elements of the title pages
// and the contents (the kids of front), then the entries' in the order
// they are printed, the front matter first, each entry's children inside
// it after its own content. It sets the kids of the galleys' roots
// afresh, as a galley may be taken again by the next pass.
func structure(top, entries []*doc.Entry, res []built, front *Elem) *Elem {
	root := &Elem{Role: RoleDocument}
	if front != nil {
		root.Kids = append(root.Kids, front.Kids...)
	}
	galleys := make(map[*doc.Entry]*galley, len(entries))
	for i, en := range entries {
		if i < len(res) && res[i].gl != nil && res[i].gl.root != nil {
			galleys[en] = res[i].gl
		}
	}
	var attach func(parent *Elem, es []*doc.Entry, frontMatter bool)
	attach = func(parent *Elem, es []*doc.Entry, frontMatter bool) {
		for _, en := range es {
			gl := galleys[en]
			if en == nil || gl == nil || (en.Kind == doc.KindFrontMatter) != frontMatter {
				continue
			}
			gl.root.Kids = gl.root.Kids[:gl.ownKids]
			parent.Kids = append(parent.Kids, gl.root)
			attach(gl.root, en.Children, frontMatter)
		}
	}
	attach(root, top, true)
	attach(root, top, false)
	return root
}

// DumpStructure writes d's structure, one element a line indented by
// depth, with the text of the page items that belong to each: for tests
// and for looking at a book's structure.
func DumpStructure(d *Document) string {
	text := map[*Elem][]string{}
	pics := map[*Elem]int{}
	for _, pg := range d.Pages {
		if pg == nil {
			continue
		}
		for _, it := range pg.Items {
			switch it := it.(type) {
			case *Text:
				if it.Elem != nil {
					text[it.Elem] = append(text[it.Elem], it.Text)
				}
			case *Picture:
				if it.Elem != nil {
					pics[it.Elem]++
				}
			}
		}
	}
	var b strings.Builder
	var walk func(e *Elem, depth int)
	walk = func(e *Elem, depth int) {
		b.WriteString(strings.Repeat("  ", depth))
		b.WriteString(e.Role.String())
		if e.Level > 0 {
			b.WriteString(" " + strconv.Itoa(e.Level))
		}
		if e.Alt != "" {
			b.WriteString(" alt=" + strconv.Quote(e.Alt))
		}
		if e.Lang != "" {
			b.WriteString(" lang=" + e.Lang)
		}
		if n := pics[e]; n > 0 {
			b.WriteString(" pictures=" + strconv.Itoa(n))
		}
		if t := text[e]; len(t) > 0 {
			s := strings.Join(t, " ")
			if r := []rune(s); len(r) > 60 {
				s = string(r[:60]) + "…"
			}
			b.WriteString(": " + strconv.Quote(s))
		}
		b.WriteByte('\n')
		for _, k := range e.Kids {
			walk(k, depth+1)
		}
	}
	if d.Structure != nil {
		walk(d.Structure, 0)
	}
	return b.String()
}
