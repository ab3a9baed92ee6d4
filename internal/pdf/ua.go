package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// A tagged PDF says it conforms to PDF/UA-1 (ISO 14289-1) only when what
// can be checked of it by machine holds: the requirements below, which
// are those of the checkers' rule sets a writer controls (the structure's
// parent-child rules, headings that do not skip a level, figures and
// formulas with their alternative text, notes with IDs, tables whose rows
// have as many cells and whose cells name header cells that are there,
// links tagged and described, fonts embedded with
// their Unicode mapping, the natural language, the title shown). finish
// runs the check on the file it is about to write; a problem leaves the
// PDF/UA identification out, with a warning that says why. Whether the
// alternative texts describe well, and whether the reading order is the
// sense of the book, no machine can say.

// uaProblems is a problem found, by requirement.
type uaProblems struct {
	count   map[string]int
	example map[string]string
	order   []string
}

func (u *uaProblems) add(rule, format string, args ...any) {
	if u.count == nil {
		u.count, u.example = map[string]int{}, map[string]string{}
	}
	if u.count[rule] == 0 {
		u.order = append(u.order, rule)
		u.example[rule] = fmt.Sprintf(format, args...)
	}
	u.count[rule]++
}

// list is one line per requirement, in the order first found: the first
// instance and how many more there are.
func (u *uaProblems) list() []string {
	var out []string
	for _, r := range u.order {
		s := r + ": " + u.example[r]
		if n := u.count[r]; n > 1 {
			s += fmt.Sprintf(" (and %d more)", n-1)
		}
		out = append(out, s)
	}
	return out
}

// standardTypes are the standard structure types of ISO 32000-1, 14.8.4.
var standardTypes = map[pdffile.Name]bool{}

func init() {
	for _, s := range strings.Fields("Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private " +
		"H H1 H2 H3 H4 H5 H6 P L LI Lbl LBody Table TR TH TD THead TBody TFoot " +
		"Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form") {
		standardTypes[pdffile.Name(s)] = true
	}
}

// langTag is the form ISO 32000-1, 14.9.2 gives a language identifier.
var langTag = regexp.MustCompile(`^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$`)

// checkUADocument checks what of PDF/UA-1 a written file's objects say,
// but for its metadata stream and its pages' content (see CheckUA).
func checkUADocument(f *pdffile.File, u *uaProblems) {
	catalog, _ := f.Dict(f.Trailer["Root"])
	info, _ := f.Dict(f.Trailer["Info"])
	if mark, _ := f.Dict(catalog["MarkInfo"]); mark["Marked"] != pdffile.Bool(true) {
		u.add("6.2", "the catalog's MarkInfo does not say Marked true")
	}
	if vp, _ := f.Dict(catalog["ViewerPreferences"]); vp["DisplayDocTitle"] != pdffile.Bool(true) {
		u.add("7.1", "the viewer preferences do not show the document's title")
	}
	if t, _ := f.Resolve(info["Title"]).(pdffile.String); len(bytes.TrimSpace(t.Bytes)) == 0 {
		u.add("7.1", "the document has no title (give the book a title)")
	}
	lang, _ := f.Resolve(catalog["Lang"]).(pdffile.String)
	if len(lang.Bytes) == 0 {
		u.add("7.2", "the document's natural language is not set (give the book a language)")
	} else if s := pdfText(lang); !langTag.MatchString(s) {
		u.add("7.2", "the document's language %q is not a language identifier", s)
	}
	tree, ok := f.Dict(catalog["StructTreeRoot"])
	if !ok {
		u.add("7.1", "the document has no structure tree")
		return
	}
	checkStructure(f, tree, u)
	pages, err := pageRefs(f, catalog)
	if err != nil {
		u.add("7.1", "%v", err)
		return
	}
	owners := parentTree(f, tree)
	for i, pr := range pages {
		pg, _ := f.Dict(pr)
		annots, _ := f.Resolve(pg["Annots"]).(pdffile.Array)
		if len(annots) > 0 && !pg.Is("Tabs", "S") {
			u.add("7.18.3", "page %d has annotations and no structure tab order", i+1)
		}
		for _, a := range annots {
			an, _ := f.Dict(a)
			if fl, _ := pdffile.AsInt(an["F"]); fl&2 != 0 {
				continue // hidden
			}
			if !an.Is("Subtype", "Link") {
				u.add("7.18.1", "page %d: a %v annotation", i+1, an["Subtype"])
				continue
			}
			k, ok := pdffile.AsInt(an["StructParent"])
			if el, _ := f.Dict(owners[k]); !ok || !el.Is("S", "Link") {
				u.add("7.18.5", "page %d: a link annotation that no Link element holds", i+1)
			}
			if c, _ := f.Resolve(an["Contents"]).(pdffile.String); len(c.Bytes) == 0 {
				u.add("7.18.5", "page %d: a link annotation without a description (/Contents)", i+1)
			}
		}
	}
	checkFonts(f, u)
}

// parentTree is the structure tree's parent tree, by key.
func parentTree(f *pdffile.File, tree pdffile.Dict) map[int]pdffile.Object {
	out := map[int]pdffile.Object{}
	var walk func(node pdffile.Dict, depth int)
	walk = func(node pdffile.Dict, depth int) {
		if depth > 32 {
			return
		}
		nums, _ := f.Resolve(node["Nums"]).(pdffile.Array)
		for i := 0; i+1 < len(nums); i += 2 {
			if k, ok := pdffile.AsInt(nums[i]); ok {
				out[k] = nums[i+1]
			}
		}
		kids, _ := f.Resolve(node["Kids"]).(pdffile.Array)
		for _, k := range kids {
			if d, ok := f.Dict(k); ok {
				walk(d, depth+1)
			}
		}
	}
	if pt, ok := f.Dict(tree["ParentTree"]); ok {
		walk(pt, 0)
	}
	return out
}

// checkStructure checks the structure elements: standard types, each
// with its parent; the parent-child rules ISO 14289-1, 7.2 takes from ISO
// 32000-1 for lists, tables and contents; headings that begin with H1 and
// go down a level at a time (7.4.2); figures and formulas with their
// alternative text (7.3, 7.7); notes with unique IDs (7.9); table rows
// of as many cells (7.2), header cells with their scope, and the
// headers a cell names the IDs of TH elements (7.5).
func checkStructure(f *pdffile.File, tree pdffile.Dict, u *uaProblems) {
	byID := idTree(f, tree)
	// cellHeaders: the IDs a cell names as its headers lead to TH
	// elements of the IDTree
	cellHeaders := func(s pdffile.Name, el pdffile.Dict) {
		a, _ := f.Dict(el["A"])
		hs, _ := f.Resolve(a["Headers"]).(pdffile.Array)
		for _, h := range hs {
			id, _ := f.Resolve(h).(pdffile.String)
			if th, _ := f.Dict(byID[string(id.Bytes)]); !th.Is("S", "TH") {
				u.add("7.5", "a %s element names %q as a header, which is no TH element's ID", s, id.Bytes)
			}
		}
	}
	lastLevel := 0
	noteIDs := map[string]bool{}
	weak, strong := false, false
	seen := map[pdffile.Object]bool{}
	var walk func(o pdffile.Object, parent pdffile.Name, depth int)
	walk = func(o pdffile.Object, parent pdffile.Name, depth int) {
		el, ok := f.Dict(o)
		if !ok || depth > 1000 || seen[o] {
			return
		}
		if r, isRef := o.(pdffile.Ref); isRef {
			seen[r] = true
		}
		s, _ := el["S"].(pdffile.Name)
		if s == "" {
			return // a marked-content or object reference
		}
		if !standardTypes[s] {
			u.add("7.1", "a %s element, not a standard structure type", s)
		}
		if el["P"] == nil {
			u.add("7.1", "a %s element without its parent", s)
		}
		var kids []pdffile.Name
		var elems []pdffile.Object
		ks, isArr := f.Resolve(el["K"]).(pdffile.Array)
		if !isArr && el["K"] != nil {
			ks = pdffile.Array{el["K"]}
		}
		for _, k := range ks {
			if d, ok := f.Dict(k); ok {
				if ks, ok := d["S"].(pdffile.Name); ok {
					kids = append(kids, ks)
					elems = append(elems, k)
				}
			}
		}
		only := func(rule string, allowed ...pdffile.Name) {
			for _, k := range kids {
				if !slices.Contains(allowed, k) {
					u.add(rule, "a %s element holds a %s element", s, k)
				}
			}
		}
		within := func(rule string, allowed ...pdffile.Name) {
			if !slices.Contains(allowed, parent) {
				u.add(rule, "a %s element inside a %s element", s, parent)
			}
		}
		captionFirst := func() {
			for i, k := range kids {
				if k == "Caption" && i > 0 {
					u.add("7.2", "a %s element's caption is not its first kid", s)
				}
			}
		}
		switch s {
		case "Table":
			only("7.2", "TR", "THead", "TBody", "TFoot", "Caption")
			checkTable(f, elems, kids, u)
		case "TR":
			within("7.2", "Table", "THead", "TBody", "TFoot")
			only("7.2", "TH", "TD")
		case "TH":
			within("7.2", "TR")
			if a, _ := f.Dict(el["A"]); a["Scope"] == nil {
				u.add("7.5", "a header cell without its scope")
			}
			cellHeaders(s, el)
		case "TD":
			within("7.2", "TR")
			cellHeaders(s, el)
		case "L":
			only("7.2", "L", "LI", "Caption")
			captionFirst()
		case "LI":
			within("7.2", "L")
			only("7.2", "Lbl", "LBody")
		case "LBody":
			within("7.2", "LI")
		case "TOC":
			only("7.2", "TOC", "TOCI", "Caption")
			captionFirst()
		case "TOCI":
			within("7.2", "TOC")
		case "Figure", "Formula":
			alt, _ := f.Resolve(el["Alt"]).(pdffile.String)
			if _, actual := el["ActualText"]; len(alt.Bytes) == 0 && !actual {
				u.add(map[pdffile.Name]string{"Figure": "7.3", "Formula": "7.7"}[s], "a %s element without alternative text", s)
			}
		case "Note":
			id, _ := f.Resolve(el["ID"]).(pdffile.String)
			switch {
			case len(id.Bytes) == 0:
				u.add("7.9", "a Note element without an ID")
			case noteIDs[string(id.Bytes)]:
				u.add("7.9", "two Note elements with the ID %q", id.Bytes)
			}
			noteIDs[string(id.Bytes)] = true
		case "H":
			weak = true
		case "H1", "H2", "H3", "H4", "H5", "H6":
			strong = true
			level := int(s[1] - '0')
			if level > lastLevel+1 {
				if lastLevel == 0 {
					u.add("7.4.2", "the first heading is %s, not H1", s)
				} else {
					u.add("7.4.2", "an H%d followed by an %s", lastLevel, s)
				}
			}
			lastLevel = level
		}
		for _, k := range elems {
			walk(k, s, depth+1)
		}
	}
	walk(tree["K"], "", 0)
	if weak && strong {
		u.add("7.4.4", "both H and H1–H6 headings")
	}
}

// idTree is the structure tree's IDTree: the elements by ID.
func idTree(f *pdffile.File, tree pdffile.Dict) map[string]pdffile.Object {
	out := map[string]pdffile.Object{}
	var walk func(node pdffile.Dict, depth int)
	walk = func(node pdffile.Dict, depth int) {
		if depth > 32 {
			return
		}
		names, _ := f.Resolve(node["Names"]).(pdffile.Array)
		for i := 0; i+1 < len(names); i += 2 {
			if k, ok := f.Resolve(names[i]).(pdffile.String); ok {
				out[string(k.Bytes)] = names[i+1]
			}
		}
		kids, _ := f.Resolve(node["Kids"]).(pdffile.Array)
		for _, k := range kids {
			if d, ok := f.Dict(k); ok {
				walk(d, depth+1)
			}
		}
	}
	if t, ok := f.Dict(tree["IDTree"]); ok {
		walk(t, 0)
	}
	return out
}

// checkTable: every row of a table has as many cells (no cell spans
// rows or columns: none is written).
func checkTable(f *pdffile.File, elems []pdffile.Object, kids []pdffile.Name, u *uaProblems) {
	var rows []pdffile.Dict
	for i, k := range kids {
		el, _ := f.Dict(elems[i])
		switch k {
		case "TR":
			rows = append(rows, el)
		case "THead", "TBody", "TFoot":
			gk, _ := f.Resolve(el["K"]).(pdffile.Array)
			for _, r := range gk {
				if d, ok := f.Dict(r); ok && d.Is("S", "TR") {
					rows = append(rows, d)
				}
			}
		}
	}
	cols := -1
	for _, r := range rows {
		n := 0
		ks, isArr := f.Resolve(r["K"]).(pdffile.Array)
		if !isArr && r["K"] != nil {
			ks = pdffile.Array{r["K"]}
		}
		for _, k := range ks {
			if d, ok := f.Dict(k); ok && (d.Is("S", "TD") || d.Is("S", "TH")) {
				n++
			}
		}
		if cols >= 0 && n != cols {
			u.add("7.2", "a table whose rows have %d and %d cells", cols, n)
			return
		}
		cols = n
	}
}

// checkFonts: every font embedded, with a ToUnicode map, a TrueType
// CIDFont with its CIDToGIDMap (7.21).
func checkFonts(f *pdffile.File, u *uaProblems) {
	for _, r := range f.Refs() {
		d, ok := f.Objects[r].(pdffile.Dict)
		if !ok || !d.Is("Type", "Font") {
			continue
		}
		name := d["BaseFont"]
		switch {
		case d.Is("Subtype", "Type0"):
			if d["ToUnicode"] == nil {
				u.add("7.21.7", "the font %v has no ToUnicode map", name)
			}
		case d.Is("Subtype", "CIDFontType2"), d.Is("Subtype", "CIDFontType0"):
			if d.Is("Subtype", "CIDFontType2") && d["CIDToGIDMap"] == nil {
				u.add("7.21.3.2", "the font %v has no CIDToGIDMap", name)
			}
			fallthrough
		case d.Is("Subtype", "TrueType"), d.Is("Subtype", "Type1"):
			fd, _ := f.Dict(d["FontDescriptor"])
			if fd["FontFile"] == nil && fd["FontFile2"] == nil && fd["FontFile3"] == nil {
				u.add("7.21.4", "the font %v is not embedded", name)
			}
			if !d.Is("Subtype", "CIDFontType2") && !d.Is("Subtype", "CIDFontType0") && d["ToUnicode"] == nil {
				u.add("7.21.7", "the font %v has no ToUnicode map", name)
			}
		}
	}
}

// checkUAContent checks that everything a page's content paints is
// marked: inside a sequence of a structure element (with an MCID) or an
// artifact, never one inside the other (7.1).
func checkUAContent(page int, ops []pdffile.Object, u *uaProblems) {
	type seq struct{ tagged, artifact bool }
	var stack []seq
	in := func() seq {
		if len(stack) == 0 {
			return seq{}
		}
		return stack[len(stack)-1]
	}
	for i, o := range ops {
		k, ok := o.(pdffile.Keyword)
		if !ok {
			continue
		}
		switch k {
		case "BMC", "BDC":
			cur := in()
			tag, _ := operand(ops, i, k).(pdffile.Name)
			s := cur
			if tag == "Artifact" {
				if cur.tagged {
					u.add("7.1", "page %d: an artifact inside tagged content", page+1)
				}
				s.artifact = true
			} else if k == "BDC" {
				if d, ok := ops[i-1].(pdffile.Dict); ok && d["MCID"] != nil {
					if cur.artifact {
						u.add("7.1", "page %d: tagged content inside an artifact", page+1)
					}
					s.tagged = true
				}
			}
			stack = append(stack, s)
		case "EMC":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case "Tj", "TJ", "'", `"`, "Do", "sh", "BI", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*":
			if cur := in(); !cur.tagged && !cur.artifact {
				u.add("7.1", "page %d: content (%s) neither tagged nor an artifact", page+1, k)
			}
		}
	}
}

// operand is the tag of the marked-content operator at ops[i]: the
// operand before it (BMC), or the one before its properties (BDC).
func operand(ops []pdffile.Object, i int, k pdffile.Keyword) pdffile.Object {
	n := 1
	if k == "BDC" {
		n = 2
	}
	if i-n < 0 {
		return nil
	}
	return ops[i-n]
}

// CheckUA reads a written PDF and returns what it finds against PDF/UA-1
// that a machine can check, one line per requirement (empty: nothing),
// its pages' content and its XMP metadata included: for tests and for
// looking at a book.
func CheckUA(data []byte) ([]string, error) {
	f, err := pdffile.Parse(data)
	if err != nil {
		return nil, err
	}
	var u uaProblems
	checkUADocument(f, &u)
	catalog, _ := f.Dict(f.Trailer["Root"])
	if m, ok := f.Resolve(catalog["Metadata"]).(*pdffile.Stream); !ok {
		u.add("7.1", "the catalog has no metadata stream")
	} else if m.Dict["Filter"] != nil {
		u.add("7.1", "the metadata stream is compressed")
	} else {
		x := string(m.Data)
		if !strings.Contains(x, "<pdfuaid:part>1</pdfuaid:part>") {
			u.add("5", "the metadata does not identify the file as PDF/UA-1")
		}
		if !strings.Contains(x, "<dc:title>") {
			u.add("7.1", "the metadata has no dc:title")
		}
	}
	pages, err := pageList(f, catalog)
	if err != nil {
		return nil, err
	}
	for i, pg := range pages {
		var data []byte
		cs, isArr := f.Resolve(pg["Contents"]).(pdffile.Array)
		if !isArr {
			cs = pdffile.Array{pg["Contents"]}
		}
		for _, c := range cs {
			s, ok := f.Resolve(c).(*pdffile.Stream)
			if !ok {
				continue
			}
			b, err := pdffile.Decoded(s)
			if err != nil {
				return nil, fmt.Errorf("page %d: %w", i+1, err)
			}
			data = append(append(data, b...), '\n')
		}
		ops, err := pdffile.ParseContent(data)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
		checkUAContent(i, ops, &u)
	}
	return u.list(), nil
}

// pdfText is a PDF text string as UTF-8: UTF-16BE after a byte order
// mark, else taken as it is (PDFDocEncoding's ASCII).
func pdfText(s pdffile.String) string {
	b := s.Bytes
	if len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF {
		var us []uint16
		for i := 2; i+1 < len(b); i += 2 {
			us = append(us, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(us))
	}
	return string(b)
}
