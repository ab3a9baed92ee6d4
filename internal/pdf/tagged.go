package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// A tagged PDF (ISO 32000-1, 14.7 and 14.8) carries the book's structure,
// which a screen reader follows: the layout says which element of its
// structure each item of a page belongs to (layout.Elem, nil for an
// artifact), the painter encloses the items in marked-content sequences
// (`/P <</MCID n>> BDC … EMC`, `/Artifact BMC … EMC`) numbered on each
// page from 0, and finish writes the structure tree: one StructElem per
// element, its marked content as MCIDs on its pages, its links'
// annotations as object references, the parent tree that leads from a
// page's MCID or an annotation back to its element, and each page's
// /StructParents and /Tabs.
//
// Items in a row that belong to one element share one sequence; a
// sequence starts and ends outside text objects, so the painter's own
// spans (an ActualText's) nest inside it. On a page gofpdf draws (a
// picture, an SVG drawing), what the painter wrote is handed to gofpdf
// in order, marks included, so the picture's drawing is inside its
// figure's sequence; only gofpdf's own restatement of its graphics state
// at the start of the page stays unmarked, and it paints nothing.

// tagging is what the painters record of the marked content, shared by
// those painting ahead: each page is painted by one painter.
type tagging struct {
	// marks are each page's elements, by MCID.
	marks [][]*layout.Elem
	// links are each page's link annotations' elements, in the order
	// they were given to gofpdf (nil for a link that is an artifact).
	links [][]*layout.Elem
	// linkText are the text of those links, as their annotations'
	// description (/Contents), which PDF/UA asks of every link.
	linkText [][]string
	// linkAt are, for those links, how many MCIDs their page had when
	// they were given: where they are read among the page's content.
	linkAt [][]int
	// notdef is, by page, the first character drawn in a font that
	// lacks it, as the font's missing glyph, which PDF/UA forbids
	// (7.21.8), and whether it was invisible text (a colour emoji's,
	// drawn as a picture, copied as the character).
	notdef       []rune
	notdefHidden []bool
	// across are what the two runs of a word hyphenated across a page
	// break read as (see acrossPages).
	across map[*layout.Text]string
	// inTree are the structure's elements, each with its parent (the
	// root's nil): an item pointing at another (a formula's in a running
	// head, which no galley took) is an artifact, as the structure has
	// no place for it.
	inTree map[*layout.Elem]*layout.Elem
}

func newTagging(d *layout.Document) *tagging {
	pages, root := max(len(d.Pages), 1), d.Structure
	t := &tagging{marks: make([][]*layout.Elem, pages), links: make([][]*layout.Elem, pages), linkText: make([][]string, pages), linkAt: make([][]int, pages), notdef: make([]rune, pages), notdefHidden: make([]bool, pages), inTree: map[*layout.Elem]*layout.Elem{}}
	var walk func(e, parent *layout.Elem, depth int)
	walk = func(e, parent *layout.Elem, depth int) {
		if _, seen := t.inTree[e]; depth > 1000 || seen {
			return
		}
		t.inTree[e] = parent
		for _, k := range e.Kids {
			walk(k, e, depth+1)
		}
	}
	walk(root, nil, 0)
	t.across = acrossPages(d.Pages, t.inTree)
	return t
}

// known is e when it is in the structure, else nil (an artifact).
func (t *tagging) known(e *layout.Elem) *layout.Elem {
	if _, ok := t.inTree[e]; ok {
		return e
	}
	return nil
}

// readIn is the element whose text e's is read in: a link's, its
// parent's (the paragraph the link is in), any other's its own.
func (t *tagging) readIn(e *layout.Elem) *layout.Elem {
	if e != nil && e.Role == layout.RoleLink {
		if p := t.inTree[e]; p != nil {
			return p
		}
	}
	return e
}

// structType is the standard structure type of an element.
func structType(e *layout.Elem) pdffile.Name {
	switch e.Role {
	case layout.RoleDocument:
		return "Document"
	case layout.RolePart:
		return "Part"
	case layout.RoleSection:
		return "Sect"
	case layout.RoleHeading:
		return pdffile.Name("H" + strconv.Itoa(min(max(e.Level, 1), 6)))
	case layout.RoleParagraph:
		return "P"
	case layout.RoleList:
		return "L"
	case layout.RoleListItem:
		return "LI"
	case layout.RoleLabel:
		return "Lbl"
	case layout.RoleListBody:
		return "LBody"
	case layout.RoleQuote:
		return "BlockQuote"
	case layout.RoleCode:
		return "Code"
	case layout.RoleFigure:
		return "Figure"
	case layout.RoleCaption:
		return "Caption"
	case layout.RoleTable:
		return "Table"
	case layout.RoleRow:
		return "TR"
	case layout.RoleHeaderCell:
		return "TH"
	case layout.RoleCell:
		return "TD"
	case layout.RoleNote:
		return "Note"
	case layout.RoleLink:
		return "Link"
	case layout.RoleContents:
		return "TOC"
	case layout.RoleContentsEntry:
		return "TOCI"
	case layout.RoleIndex:
		return "Index"
	case layout.RoleFormula:
		return "Formula"
	}
	return "Div"
}

// itemElem is the element an item belongs to, nil for an artifact.
func itemElem(it layout.Item) *layout.Elem {
	switch it := it.(type) {
	case *layout.Text:
		return it.Elem
	case *layout.Picture:
		return it.Elem
	case *layout.Rule:
		return it.Elem
	case *layout.Box:
		return it.Elem
	}
	return nil
}

// mark makes what the painter draws next, outside any text object, on
// page belong to e (nil: an artifact), ending the sequence before unless
// it is e's already.
func (p *painter) mark(page int, e *layout.Elem) {
	if p.tags == nil {
		return
	}
	e = p.tags.known(e)
	p.endText()
	if p.marking && p.markElem == e {
		return
	}
	p.endMark()
	p.buf = append(p.appendBegin(p.buf, page, e), '\n')
	p.marking, p.markElem, p.markInText = true, e, false
}

// markText makes the run of text about to be placed belong to e. A
// sequence begins outside the text object when the run opens one, so
// that the runs of one element share it across text objects; when the
// element changes inside a text object, the sequences end and begin
// inside it, which leaves the text object, and so the moves placing the
// runs, as they are in an untagged PDF: a text object ended early and
// begun again places the next run by its absolute position, which a
// renderer may round otherwise than the sum of the moves. The sequence
// begun before the text object is then ended before it, and the text
// object's runs so far given a sequence of their own inside it.
func (p *painter) markText(page int, e *layout.Elem) {
	if p.tags == nil {
		return
	}
	if e = p.tags.known(e); p.marking && p.markElem == e {
		return
	}
	if !p.inText {
		p.mark(page, e)
		return
	}
	p.markIntoText(page)
	if p.marking {
		p.buf = append(p.buf, " EMC"...)
	}
	p.buf = p.appendBegin(append(p.buf, ' '), page, e)
	p.marking, p.markElem, p.markInText = true, e, true
}

// markIntoText makes the sequence open, when it began before the open
// text object, end before it, and the text object's runs so far a
// sequence of their own inside it, so that it can end inside the text
// object.
func (p *painter) markIntoText(page int) {
	if !p.marking || p.markInText {
		return
	}
	// "BT " at btPos becomes "EMC\nBT <begin old> "
	ins := append([]byte("EMC\nBT "), p.appendBegin(nil, page, p.markElem)...)
	tail := p.buf[p.btPos+len("BT "):]
	b := make([]byte, 0, len(p.buf)+len(ins)+1)
	b = append(append(append(b, p.buf[:p.btPos]...), ins...), ' ')
	p.buf = append(b, tail...)
	p.markInText = true
}

// showRead shows run t, of the element whose sequence is open, read as
// text (an ActualText). The span that says so is not inside the
// element's sequence but holds a sequence of its own of the element:
// poppler's structure reader (pdfinfo -struct-text) takes the end of a
// span inside a sequence for the end of the sequence, and lost the rest
// of the paragraph after each hyphenated word. The element's sequence is
// begun again by the next run that needs it.
func (p *painter) showRead(page int, read string, show func([]byte) []byte) {
	e := p.markElem
	p.markIntoText(page)
	p.buf = appendActualText(append(p.buf, " EMC"...), read)
	p.buf = p.appendBegin(append(p.buf, ' '), page, e)
	p.buf = append(show(p.buf), " EMC EMC"...)
	p.marking, p.markElem, p.markInText = false, nil, false
}

// appendBegin appends the operator beginning a sequence of e's (nil: an
// artifact) on page, giving it the page's next MCID.
func (p *painter) appendBegin(b []byte, page int, e *layout.Elem) []byte {
	if e == nil {
		return append(b, "/Artifact BMC"...)
	}
	mcid := len(p.tags.marks[page])
	p.tags.marks[page] = append(p.tags.marks[page], e)
	b = append(b, '/')
	b = append(b, structType(e)...)
	b = append(b, " <</MCID "...)
	b = strconv.AppendInt(b, int64(mcid), 10)
	return append(b, ">> BDC"...)
}

// endMark ends the marked-content sequence open, if any, outside any
// text object.
func (p *painter) endMark() {
	p.endText()
	if p.marking {
		p.buf = append(p.buf, "EMC\n"...)
		p.marking, p.markElem = false, nil
	}
}

// noteLink records the element of a link annotation given to gofpdf.
func (p *painter) noteLink(page int, l *layout.Link) {
	if p.tags != nil && page < len(p.tags.links) {
		p.tags.links[page] = append(p.tags.links[page], p.tags.known(l.Elem))
		p.tags.linkText[page] = append(p.tags.linkText[page], p.linkText(page, l))
		p.tags.linkAt[page] = append(p.tags.linkAt[page], len(p.tags.marks[page]))
	}
}

// linkText is the text a link's annotation covers, its runs in the
// page's order; without any, where it leads.
func (p *painter) linkText(page int, l *layout.Link) string {
	var words []string
	if page < len(p.d.Pages) && p.d.Pages[page] != nil {
		for _, it := range p.d.Pages[page].Items {
			t, ok := it.(*layout.Text)
			if !ok || t.Elem == nil || t.Hidden() || t.Angle() != 0 || t.Y < l.Y || t.Y > l.Y+l.H+0.3*t.Size {
				continue
			}
			// the run's middle inside the link's rectangle
			if mid := t.X + p.runWidth(t)/2; mid < l.X || mid > l.X+l.W {
				continue
			}
			w := strings.TrimSpace(strings.Map(func(r rune) rune {
				if r == '\u00ad' {
					return -1
				}
				return r
			}, t.Text))
			if w != "" {
				words = append(words, w)
			}
		}
	}
	if s := strings.Join(words, " "); s != "" {
		return s
	}
	if l.URL != "" {
		return l.URL
	}
	return "link within the book"
}

// lacks says t's face lacks one of its characters.
func (p *painter) lacks(t *layout.Text) rune {
	for _, r := range t.Text {
		if r >= 0x20 && r != 0x7f && !p.faces.HasGlyph(t.Face, r) {
			return r
		}
	}
	return 0
}

// readAsSpace is the text an invisible run is read as when, in a tagged
// PDF, it is shown as a space (see text): its face lacks one of its
// characters and has a space. "" when it is shown as it is.
func (p *painter) readAsSpace(page int, t *layout.Text, e *embedded) string {
	if p.tags == nil || !t.Hidden() || p.lacks(t) == 0 || !p.faces.HasGlyph(t.Face, ' ') {
		return ""
	}
	return t.Text
}

// noteMissing records that run t, about to be drawn on page, shows a
// character its face lacks, unless it is read as a space.
func (p *painter) noteMissing(page int, t *layout.Text) {
	if p.tags == nil || page >= len(p.tags.notdef) || p.tags.notdef[page] != 0 {
		return
	}
	if t.Hidden() && p.faces.HasGlyph(t.Face, ' ') {
		return // read as a space (readAsSpace)
	}
	if r := p.lacks(t); r != 0 {
		p.tags.notdef[page], p.tags.notdefHidden[page] = r, t.Hidden()
	}
}

// addStructure writes the structure tree of the pages' marked content
// and links into f: the catalog's /StructTreeRoot and /MarkInfo, each
// page's /StructParents and /Tabs, each link annotation's /StructParent.
// Elements with nothing on any page are left out.
func addStructure(f *pdffile.File, catalog pdffile.Dict, t *tagging, root *layout.Elem, language string) error {
	pages, err := pageRefs(f, catalog)
	if err != nil {
		return err
	}
	if len(pages) != len(t.marks) {
		return fmt.Errorf("%d pages for the marks of %d", len(pages), len(t.marks))
	}
	type mcr struct{ page, mcid int }
	content := map[*layout.Elem][]mcr{}
	for pi, marks := range t.marks {
		for id, e := range marks {
			content[e] = append(content[e], mcr{pi, id})
		}
	}
	// each link annotation, made indirect, with its element
	type annot struct {
		ref  pdffile.Ref
		page int
		at   int // the page's MCIDs before it
	}
	annots := map[*layout.Elem][]annot{}
	var annotOrder []annot
	var annotElems []*layout.Elem
	for pi, pr := range pages {
		pg, _ := f.Dict(pr)
		links := t.links[pi]
		arr, ok := f.Resolve(pg["Annots"]).(pdffile.Array)
		if !ok {
			if len(links) > 0 {
				return fmt.Errorf("page %d: no annotations for its %d links", pi+1, len(links))
			}
			continue
		}
		k := 0
		for ai, a := range arr {
			d, ok := f.Dict(a)
			if !ok || !d.Is("Subtype", "Link") {
				continue
			}
			if k >= len(links) {
				return fmt.Errorf("page %d: more link annotations than the %d links painted", pi+1, len(links))
			}
			e := links[k]
			k++
			if e == nil {
				continue
			}
			ref, isRef := a.(pdffile.Ref)
			if !isRef {
				ref = f.Add(d)
				arr[ai] = ref
			}
			if text := t.linkText[pi][k-1]; text != "" {
				d["Contents"] = textString(text)
			}
			an := annot{ref, pi, t.linkAt[pi][k-1]}
			annots[e] = append(annots[e], an)
			annotOrder = append(annotOrder, an)
			annotElems = append(annotElems, e)
		}
		if k != len(links) {
			return fmt.Errorf("page %d: %d link annotations for %d links painted", pi+1, k, len(links))
		}
	}
	// kept: the element or one inside it has something on a page
	kept := map[*layout.Elem]bool{}
	var keep func(e *layout.Elem, depth int) bool
	keep = func(e *layout.Elem, depth int) bool {
		if depth > 1000 {
			return false
		}
		k := len(content[e]) > 0 || len(annots[e]) > 0
		for _, c := range e.Kids {
			if keep(c, depth+1) {
				k = true
			}
		}
		kept[e] = k
		if k && e.Role == layout.RoleRow {
			// an empty cell keeps its place, so that each row has as
			// many cells
			for _, c := range e.Kids {
				kept[c] = kept[c] || c.Role == layout.RoleCell || c.Role == layout.RoleHeaderCell
			}
		}
		return k
	}
	if root == nil {
		return errors.New("no structure")
	}
	keep(root, 0)
	kept[root] = true // a book of artifacts alone is still a document
	// first is where an element's content begins on the pages, its
	// kids' included
	firsts := map[*layout.Elem]contentPos{}
	var first func(e *layout.Elem, depth int) (contentPos, bool)
	first = func(e *layout.Elem, depth int) (contentPos, bool) {
		if at, ok := firsts[e]; ok {
			return at, true
		}
		var best contentPos
		found := false
		try := func(at contentPos) {
			if !found || at.cmp(best) < 0 {
				best, found = at, true
			}
		}
		if ms := content[e]; len(ms) > 0 {
			try(contentPos{ms[0].page, ms[0].mcid, 0})
		}
		for _, a := range annots[e] {
			try(contentPos{a.page, a.at - 1, 1})
		}
		if depth < 1000 {
			for _, c := range e.Kids {
				if at, ok := first(c, depth+1); ok {
					try(at)
				}
			}
		}
		if found {
			firsts[e] = best
		}
		return best, found
	}
	treeRoot := pdffile.Dict{"Type": pdffile.Name("StructTreeRoot")}
	treeRef := f.Add(treeRoot)
	refs := map[*layout.Elem]pdffile.Ref{}
	// the notes' IDs, which PDF/UA asks of them, and the IDTree that
	// leads from an ID to its element
	var ids pdffile.Array
	// the level of the heading before, in reading order (see headingType)
	lastLevel := 0
	// the IDs of the header cells a cell names as its headers (PDF/UA,
	// 7.5), given as they are first named; the cells get them once
	// written
	thIDs := map[*layout.Elem]string{}
	headerID := func(h *layout.Elem) string {
		id, ok := thIDs[h]
		if !ok {
			id = "th" + strconv.Itoa(len(thIDs)+1)
			thIDs[h] = id
		}
		return id
	}
	var write func(e *layout.Elem, parent pdffile.Ref, lang string) pdffile.Ref
	write = func(e *layout.Elem, parent pdffile.Ref, lang string) pdffile.Ref {
		// /Type /StructElem is optional, and left out of thousands
		d := pdffile.Dict{"S": structType(e), "P": parent}
		ref := f.Add(d)
		refs[e] = ref
		if e.Role == layout.RoleHeading {
			d["S"], lastLevel = headingType(e.Level, lastLevel)
		}
		if e.Role == layout.RoleNote {
			id := "note" + strconv.Itoa(len(ids)/2+1)
			d["ID"] = pdffile.Text(id)
			ids = append(ids, pdffile.Text(id), ref)
		}
		if e.Lang != "" && e.Lang != lang {
			d["Lang"] = textString(e.Lang)
			lang = e.Lang
		}
		if (e.Role == layout.RoleFigure || e.Role == layout.RoleFormula) && e.Alt != "" {
			d["Alt"] = textString(e.Alt)
		}
		if e.Role == layout.RoleHeaderCell {
			scope := pdffile.Name("Column")
			if e.RowHeader {
				scope = "Row"
			}
			d["A"] = pdffile.Dict{"O": pdffile.Name("Table"), "Scope": scope}
		}
		if e.Role == layout.RoleCell && len(e.Headers) > 0 {
			var hs pdffile.Array
			for _, h := range e.Headers {
				if kept[h] {
					hs = append(hs, pdffile.Text(headerID(h)))
				}
			}
			if len(hs) > 0 {
				d["A"] = pdffile.Dict{"O": pdffile.Name("Table"), "Headers": hs}
			}
		}
		var kids pdffile.Array
		mine := content[e]
		home := -1
		if len(mine) > 0 {
			home = mine[0].page
		} else if as := annots[e]; len(as) > 0 {
			home = as[0].page
		}
		if home >= 0 {
			d["Pg"] = pages[home]
		}
		// its content, its annotations and its inline kids (a formula,
		// a link) in the order they are on the pages, then the rest of
		// its kids (a note is read after its paragraph)
		type entry struct {
			at   contentPos
			kid  pdffile.Object
			elem *layout.Elem
		}
		var inline []entry
		for _, m := range mine {
			at := contentPos{m.page, m.mcid, 0}
			if m.page == home {
				inline = append(inline, entry{at: at, kid: pdffile.Int(m.mcid)})
				continue
			}
			inline = append(inline, entry{at: at, kid: pdffile.Dict{"Type": pdffile.Name("MCR"), "Pg": pages[m.page], "MCID": pdffile.Int(m.mcid)}})
		}
		for _, a := range annots[e] {
			inline = append(inline, entry{at: contentPos{a.page, a.at - 1, 1}, kid: pdffile.Dict{"Type": pdffile.Name("OBJR"), "Obj": a.ref, "Pg": pages[a.page]}})
		}
		var blocks []*layout.Elem
		for _, c := range e.Kids {
			if !kept[c] {
				continue
			}
			if at, ok := first(c, 0); ok && (c.Role == layout.RoleFormula || c.Role == layout.RoleLink) {
				inline = append(inline, entry{at: at, elem: c})
				continue
			}
			blocks = append(blocks, c)
		}
		slices.SortStableFunc(inline, func(a, b entry) int { return a.at.cmp(b.at) })
		for _, en := range inline {
			if en.elem != nil {
				kids = append(kids, write(en.elem, ref, lang))
			} else {
				kids = append(kids, en.kid)
			}
		}
		for _, c := range blocks {
			kids = append(kids, write(c, ref, lang))
		}
		switch len(kids) {
		case 0:
		case 1:
			d["K"] = kids[0]
		default:
			d["K"] = kids
		}
		return ref
	}
	treeRoot["K"] = write(root, treeRef, language)
	for h, id := range thIDs {
		if d, ok := f.Dict(refs[h]); ok {
			d["ID"] = pdffile.Text(id)
			ids = append(ids, pdffile.Text(id), refs[h])
		}
	}
	if len(ids) > 0 {
		sortNames(ids)
		treeRoot["IDTree"] = f.Add(pdffile.Dict{"Names": ids})
	}

	var nums pdffile.Array
	for pi, pr := range pages {
		pg, _ := f.Dict(pr)
		pg["StructParents"] = pdffile.Int(pi)
		pg["Tabs"] = pdffile.Name("S")
		owners := make(pdffile.Array, len(t.marks[pi]))
		for id, e := range t.marks[pi] {
			owners[id] = refs[e]
		}
		nums = append(nums, pdffile.Int(pi), owners)
	}
	for k, a := range annotOrder {
		key := len(pages) + k
		d, _ := f.Dict(a.ref)
		d["StructParent"] = pdffile.Int(key)
		nums = append(nums, pdffile.Int(key), refs[annotElems[k]])
	}
	treeRoot["ParentTree"] = f.Add(pdffile.Dict{"Nums": nums})
	treeRoot["ParentTreeNextKey"] = pdffile.Int(len(pages) + len(annotOrder))
	catalog["StructTreeRoot"] = treeRef
	catalog["MarkInfo"] = pdffile.Dict{"Marked": pdffile.Bool(true)}
	return nil
}

// contentPos is where something is read on the pages: a page, an MCID
// on it, and after (1) or at (0) that MCID.
type contentPos struct{ page, mcid, after int }

func (a contentPos) cmp(b contentPos) int {
	if a.page != b.page {
		return a.page - b.page
	}
	if a.mcid != b.mcid {
		return a.mcid - b.mcid
	}
	return a.after - b.after
}

// headingType is the structure type of a heading of level after one
// of last (0: none yet): H1 to H6, a level deeper than last at most, as
// PDF/UA asks (the first is H1, none skips a level going down), since a
// reader's list of headings is the book's outline. A book whose "###"
// follows a "#" has that heading read as the second level it is there.
// It returns the level given too.
func headingType(level, last int) (pdffile.Name, int) {
	level = min(max(level, 1), 6, last+1)
	return pdffile.Name("H" + strconv.Itoa(level)), level
}

// sortNames sorts a name tree's Names array (key, value, key, value…)
// by key, as the tree asks.
func sortNames(a pdffile.Array) {
	type pair struct{ k, v pdffile.Object }
	ps := make([]pair, 0, len(a)/2)
	for i := 0; i+1 < len(a); i += 2 {
		ps = append(ps, pair{a[i], a[i+1]})
	}
	slices.SortFunc(ps, func(x, y pair) int {
		return bytes.Compare(x.k.(pdffile.String).Bytes, y.k.(pdffile.String).Bytes)
	})
	for i, p := range ps {
		a[2*i], a[2*i+1] = p.k, p.v
	}
}

// pageRefs returns the references of the page objects in order.
func pageRefs(f *pdffile.File, catalog pdffile.Dict) ([]pdffile.Ref, error) {
	var pages []pdffile.Ref
	var walk func(o pdffile.Object, depth int) error
	walk = func(o pdffile.Object, depth int) error {
		node, ok := f.Dict(o)
		if !ok || depth > 64 {
			return errors.New("broken page tree")
		}
		if node.Is("Type", "Page") {
			r, ok := o.(pdffile.Ref)
			if !ok {
				return errors.New("a page that is not an indirect object")
			}
			pages = append(pages, r)
			return nil
		}
		kids, _ := f.Resolve(node["Kids"]).(pdffile.Array)
		for _, k := range kids {
			if err := walk(k, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return pages, walk(catalog["Pages"], 0)
}

// The layout places each word as a run of its own, with no space between
// them: a reader that takes a tagged PDF's text from its structure, as
// a screen reader does, would run the words together. So in a tagged PDF
// a run followed by the next word of its element, on its line or the
// next, is shown with a space after it: a glyph that draws nothing,
// shown after the run, which moves nothing since every run is placed
// from the start of its line.

// nextText is the item after items[k], links aside, when it is a run
// of text.
func nextText(items []layout.Item, k int) *layout.Text {
	for _, it := range items[k+1:] {
		switch it := it.(type) {
		case *layout.Link:
			continue
		case *layout.Text:
			return it
		}
		return nil
	}
	return nil
}

// spaceAfter says a space is shown after t, followed by next.
func (p *painter) spaceAfter(t, next *layout.Text) bool {
	if p.tags == nil || next == nil || t.Elem == nil || next.Hidden() || next.Angle() != 0 {
		return false
	}
	// words of one element, or of a link and the paragraph around it
	if next.Elem != t.Elem && p.tags.readIn(next.Elem) != p.tags.readIn(t.Elem) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t.Text)
	first, _ := utf8.DecodeRuneInString(next.Text)
	if unicode.IsSpace(last) || unicode.IsSpace(first) || last == '-' || last == '\u00ad' || last == '/' {
		return false
	}
	if !p.faces.HasGlyph(t.Face, ' ') {
		return false
	}
	if math.Abs(next.Y-t.Y) > 0.8*max(t.Size, next.Size) {
		return true // the next line's first word
	}
	// on the line, a subscript or a superscript too
	// a gap between the runs, as wide as a thin space, on either side
	// (right-to-left runs come from the right)
	gap := 0.15 * t.Size
	w := p.runWidth(t)
	if next.X-(t.X+w) > gap {
		return true
	}
	return t.X-(next.X+p.runWidth(next)) > gap
}

// runWidth is t's width in points as drawn: its characters' advances
// and its kerns.
func (p *painter) runWidth(t *layout.Text) float64 {
	w := p.naturalWidth(t)
	for _, k := range t.Kerns {
		w += k.Dx
	}
	return w
}

// appendSpace shows a space in e.
func (p *painter) appendSpace(b []byte, page int, e *embedded) []byte {
	s := p.encodable(page, " ", e)
	if s == "" {
		return b
	}
	b = append(b, " <"...)
	b = appendCodes(b, s, e)
	return append(b, "> Tj"...)
}

// wholeWord is the text run t is read as in a tagged PDF when that is
// not its own, and whether it is: a word the line break hyphenated is
// read whole, "corre-" as "correspondence" and the next line's
// "spondence," as ",", so that a reader, which reads each run's text,
// takes it as one word. (A hyphen the text has, "well-" before "known",
// is the text's and stays.) A word hyphenated at the foot of a page was
// found before painting (see acrossPages).
func (p *painter) wholeWord(t *layout.Text) (string, bool) {
	if p.tags == nil {
		return "", false
	}
	if p.tailOf == t {
		p.tailOf = nil
		return p.wordTail, true
	}
	if s, ok := p.tags.across[t]; ok {
		return s, true
	}
	whole, tail, ok := joinWord(t, p.next)
	if !ok {
		return "", false
	}
	p.wordTail, p.tailOf = tail, p.next
	return whole, true
}

// joinWord says whether head, ending in a hyphen the line break added,
// and next, the next run of its element, are one word, and what each
// reads as: the word, and what follows its letters in next.
func joinWord(head, next *layout.Text) (whole, tail string, ok bool) {
	if !head.SoftHyphen() || next == nil || next.Elem != head.Elem || next.Hidden() || !strings.HasSuffix(head.Text, "-") {
		return "", "", false
	}
	n := 0
	for n < len(next.Text) {
		r, size := utf8.DecodeRuneInString(next.Text[n:])
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
			break
		}
		n += size
	}
	if n == 0 {
		return "", "", false
	}
	return strings.TrimSuffix(head.Text, "-") + next.Text[:n], next.Text[n:], true
}

// acrossPages finds the words hyphenated at the foot of a page whose end
// begins the next page that holds their element, and what their two
// runs read as: the pages may be painted by different painters, and
// their items let go once painted, so this is done before painting.
func acrossPages(pages []*layout.Page, inTree map[*layout.Elem]*layout.Elem) map[*layout.Text]string {
	out := map[*layout.Text]string{}
	for i, pg := range pages {
		if pg == nil {
			continue
		}
		for k, it := range pg.Items {
			t, ok := it.(*layout.Text)
			if !ok || !t.SoftHyphen() || t.Elem == nil {
				continue
			}
			if _, in := inTree[t.Elem]; !in {
				continue
			}
			if next := nextText(pg.Items, k); next != nil && next.Elem == t.Elem {
				continue // on the page (see wholeWord)
			}
			// the element's first run on the pages after (a page of
			// pictures or notes may come between)
			var next *layout.Text
			for j := i + 1; j < len(pages) && j <= i+3 && next == nil; j++ {
				if pages[j] == nil {
					continue
				}
				for _, it := range pages[j].Items {
					if n, ok := it.(*layout.Text); ok && n.Elem == t.Elem {
						next = n
						break
					}
				}
			}
			if whole, tail, ok := joinWord(t, next); ok {
				out[t], out[next] = whole, tail
			}
		}
	}
	return out
}
