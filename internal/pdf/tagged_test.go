package pdf

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// taggedSample is the sample document with a structure (see tagSample),
// written.
func taggedSample(t *testing.T) []byte {
	d, meta := sampleDocument(t)
	tagSample(d)
	var b bytes.Buffer
	if _, err := Write(&b, d, meta, testFaces(t), DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// tagSample gives the sample document a structure, as the layout would:
// a section of paragraphs, each page's text one (the first's broken onto
// the second page), each picture a figure, each link a link inside the
// paragraph holding the words it covers; rules and boxes artifacts. It
// returns the first paragraph.
func tagSample(d *layout.Document) *layout.Elem {
	root := &layout.Elem{Role: layout.RoleDocument}
	sect := &layout.Elem{Role: layout.RoleSection}
	root.Kids = append(root.Kids, sect)
	var first, para *layout.Elem
	for pi, pg := range d.Pages {
		if pi != 1 || para == nil {
			para = &layout.Elem{Role: layout.RoleParagraph}
			sect.Kids = append(sect.Kids, para)
		}
		if first == nil {
			first = para
		}
		for _, it := range pg.Items {
			switch it := it.(type) {
			case *layout.Text:
				it.Elem = para
			case *layout.Picture:
				fig := &layout.Elem{Role: layout.RoleFigure, Alt: it.Alt}
				sect.Kids = append(sect.Kids, fig)
				it.Elem = fig
			}
		}
		for _, it := range pg.Items {
			l, ok := it.(*layout.Link)
			if !ok {
				continue
			}
			l.Elem = &layout.Elem{Role: layout.RoleLink}
			para.Kids = append(para.Kids, l.Elem)
			for _, it := range pg.Items {
				if w, ok := it.(*layout.Text); ok && w.X >= l.X && w.X < l.X+l.W && w.Y >= l.Y && w.Y <= l.Y+l.H {
					w.Elem = l.Elem
				}
			}
		}
	}
	d.Structure = root
	return first
}

// TestTaggedPages reads a tagged file back and checks that its marked
// content, parent tree and structure agree on every page: each MCID used
// once, in order from 0; every sequence closed; each MCID's owner in the
// parent tree a structure element holding that MCID on that page; each
// link annotation's owner a Link element referring to it and holding
// the text it covers.
func TestTaggedPages(t *testing.T) {
	f := readBack(t, taggedSample(t))
	catalog, _ := f.Dict(f.Trailer["Root"])
	mark, _ := f.Dict(catalog["MarkInfo"])
	if mark["Marked"] != pdffile.Bool(true) {
		t.Errorf("MarkInfo = %v, want Marked true", mark)
	}
	tree, ok := f.Dict(catalog["StructTreeRoot"])
	if !ok {
		t.Fatal("no StructTreeRoot")
	}
	parents, _ := f.Dict(tree["ParentTree"])
	nums, _ := f.Resolve(parents["Nums"]).(pdffile.Array)
	owners := map[int]pdffile.Object{}
	for i := 0; i+1 < len(nums); i += 2 {
		k, _ := pdffile.AsInt(nums[i])
		owners[k] = nums[i+1]
	}
	refs := pageRefsOf(t, f, catalog)
	links := 0
	for pi, pg := range pages(t, f) {
		sp, ok := pdffile.AsInt(pg["StructParents"])
		if !ok {
			t.Errorf("page %d has no StructParents", pi+1)
			continue
		}
		if !pg.Is("Tabs", "S") {
			t.Errorf("page %d: Tabs = %v, want /S", pi+1, pg["Tabs"])
		}
		ops, err := pdffile.ParseContent(pageContent(t, f, pg))
		if err != nil {
			t.Fatal(err)
		}
		var mcids []int
		depth := 0
		for i, o := range ops {
			switch o {
			case pdffile.Keyword("BDC"):
				depth++
				if d, ok := ops[i-1].(pdffile.Dict); ok {
					if n, ok := pdffile.AsInt(d["MCID"]); ok {
						mcids = append(mcids, n)
					}
				}
			case pdffile.Keyword("BMC"):
				depth++
			case pdffile.Keyword("EMC"):
				depth--
				if depth < 0 {
					t.Fatalf("page %d: EMC without a sequence", pi+1)
				}
			}
		}
		if depth != 0 {
			t.Errorf("page %d: %d marked-content sequences left open", pi+1, depth)
		}
		owned, _ := f.Resolve(owners[sp]).(pdffile.Array)
		if len(owned) != len(mcids) {
			t.Errorf("page %d: %d MCIDs, %d owners in the parent tree", pi+1, len(mcids), len(owned))
		}
		for i, n := range mcids {
			if n != i {
				t.Errorf("page %d: MCID %d where %d was due", pi+1, n, i)
				continue
			}
			if i >= len(owned) {
				continue
			}
			el, ok := f.Dict(owned[i])
			if _, isElem := el["S"].(pdffile.Name); !ok || !isElem {
				t.Errorf("page %d: MCID %d has no structure element", pi+1, n)
				continue
			}
			if !holds(f, el, refs[pi], n) {
				t.Errorf("page %d: the owner of MCID %d (%v) does not hold it", pi+1, n, el["S"])
			}
		}
		annots, _ := f.Resolve(pg["Annots"]).(pdffile.Array)
		for _, a := range annots {
			ref, isRef := a.(pdffile.Ref)
			an, _ := f.Dict(a)
			k, ok := pdffile.AsInt(an["StructParent"])
			if !isRef || !ok {
				t.Errorf("page %d: a link annotation with no StructParent", pi+1)
				continue
			}
			links++
			el, _ := f.Dict(owners[k])
			if !el.Is("S", "Link") {
				t.Errorf("page %d: a link annotation owned by %v", pi+1, el["S"])
				continue
			}
			// its annotation and the text it covers
			kids, isArr := f.Resolve(el["K"]).(pdffile.Array)
			if !isArr {
				kids = pdffile.Array{el["K"]}
			}
			objrs, text := 0, 0
			for _, k := range kids {
				if _, ok := pdffile.AsInt(k); ok {
					text++
				} else if d, ok := f.Dict(k); ok && d.Is("Type", "OBJR") && d["Obj"] == ref {
					objrs++
				}
			}
			if objrs != 1 || text == 0 {
				t.Errorf("page %d: the Link element's K is %v, want its text and an OBJR of %v", pi+1, el["K"], ref)
			}
		}
	}
	if links == 0 {
		t.Error("no link annotation was checked")
	}
}

// holds says el holds MCID n on page pg.
func holds(f *pdffile.File, el pdffile.Dict, pg pdffile.Ref, n int) bool {
	kids, ok := f.Resolve(el["K"]).(pdffile.Array)
	if !ok {
		kids = pdffile.Array{el["K"]}
	}
	for _, k := range kids {
		if m, ok := pdffile.AsInt(k); ok && m == n && el["Pg"] == pg {
			return true
		}
		if d, ok := k.(pdffile.Dict); ok && d.Is("Type", "MCR") {
			if m, _ := pdffile.AsInt(d["MCID"]); m == n && d["Pg"] == pg {
				return true
			}
		}
	}
	return false
}

func pageRefsOf(t *testing.T, f *pdffile.File, catalog pdffile.Dict) []pdffile.Ref {
	refs, err := pageRefs(f, catalog)
	if err != nil {
		t.Fatal(err)
	}
	return refs
}

// TestUntagged: without Tagged, no structure and no marked content.
func TestUntagged(t *testing.T) {
	d, meta := sampleDocument(t)
	d.Structure = &layout.Elem{Role: layout.RoleDocument}
	opts := DefaultOptions()
	opts.Tagged = false
	var b bytes.Buffer
	if _, err := Write(&b, d, meta, testFaces(t), opts); err != nil {
		t.Fatal(err)
	}
	f := readBack(t, b.Bytes())
	catalog, _ := f.Dict(f.Trailer["Root"])
	if _, ok := catalog["StructTreeRoot"]; ok {
		t.Error("an untagged file has a StructTreeRoot")
	}
	for pi, pg := range pages(t, f) {
		if c := pageContent(t, f, pg); bytes.Contains(c, []byte("MCID")) || bytes.Contains(c, []byte("/Artifact")) {
			t.Errorf("page %d of an untagged file has marked content", pi+1)
		}
	}
}

// TestTaggedDrawsAsUntagged: tagging adds marked content and the spaces
// between words, and changes nothing drawn: with the sequences and the
// spaces taken out, each page's operators are the untagged page's, so a
// renderer places every glyph as it would untagged. Every third run
// begins an element, so that the elements change inside text objects.
func TestTaggedDrawsAsUntagged(t *testing.T) {
	write := func(tagged bool) []byte {
		d, meta := sampleDocument(t)
		root := &layout.Elem{Role: layout.RoleDocument}
		for _, pg := range d.Pages {
			var el *layout.Elem
			for i, it := range pg.Items {
				if tx, ok := it.(*layout.Text); ok {
					if i%3 == 0 || el == nil {
						el = &layout.Elem{Role: layout.RoleParagraph}
						root.Kids = append(root.Kids, el)
					}
					tx.Elem = el
				}
			}
		}
		d.Structure = root
		opts := DefaultOptions()
		opts.Tagged = tagged
		var b bytes.Buffer
		if _, err := Write(&b, d, meta, testFaces(t), opts); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	drawn := func(raw []byte) [][]pdffile.Object {
		f := readBack(t, raw)
		var out [][]pdffile.Object
		for _, pg := range pages(t, f) {
			ops, err := pdffile.ParseContent(pageContent(t, f, pg))
			if err != nil {
				t.Fatal(err)
			}
			var kept, operands []pdffile.Object
			for _, o := range ops {
				k, ok := o.(pdffile.Keyword)
				if !ok {
					operands = append(operands, o)
					continue
				}
				space := false
				if k == "Tj" && len(operands) == 1 {
					s, _ := operands[0].(pdffile.String)
					space = bytes.Equal(s.Bytes, []byte{0, ' '})
				}
				if k != "BDC" && k != "BMC" && k != "EMC" && !space {
					kept = append(append(kept, operands...), k)
				}
				operands = operands[:0]
			}
			out = append(out, kept)
		}
		return out
	}
	tagged, untagged := write(true), write(false)
	back := readBack(t, tagged)
	catalog, _ := back.Dict(back.Trailer["Root"])
	if _, ok := catalog["StructTreeRoot"]; !ok {
		t.Fatal("the tagged file has no structure")
	}
	a, b := drawn(tagged), drawn(untagged)
	if len(a) != len(b) {
		t.Fatalf("%d pages tagged, %d untagged", len(a), len(b))
	}
	for i := range a {
		if fmt.Sprint(a[i]) != fmt.Sprint(b[i]) {
			t.Errorf("page %d draws otherwise tagged:\n%v\nuntagged:\n%v", i+1, a[i], b[i])
		}
	}
}

// TestTaggedHyphenatedWord: a word the line break hyphenated reads
// whole, its first part as the word and its second as what follows the
// word in its run; a hyphen the text has stays.
func TestTaggedHyphenatedWord(t *testing.T) {
	d, meta := sampleDocument(t)
	root := &layout.Elem{Role: layout.RoleDocument}
	para := &layout.Elem{Role: layout.RoleParagraph}
	root.Kids = append(root.Kids, para)
	pg := d.Pages[0]
	pg.Items = append(pg.Items,
		&layout.Text{X: 72, Y: 300, Face: serif, Size: 11, Text: "corre-", Extra: &layout.TextExtra{SoftHyphen: true}},
		&layout.Text{X: 72, Y: 314, Face: serif, Size: 11, Text: "spondence,"},
		&layout.Text{X: 130, Y: 314, Face: serif, Size: 11, Text: "well-"},
		&layout.Text{X: 72, Y: 328, Face: serif, Size: 11, Text: "known"})
	for _, it := range pg.Items {
		if tx, ok := it.(*layout.Text); ok {
			tx.Elem = para
		}
	}
	d.Structure = root
	var b bytes.Buffer
	if _, err := Write(&b, d, meta, testFaces(t), DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	f := readBack(t, b.Bytes())
	content := string(pageContent(t, f, pages(t, f)[0]))
	var actual []string
	for _, a := range strings.Split(content, "/ActualText <FEFF")[1:] {
		hex, _, _ := strings.Cut(a, ">")
		var rs []rune
		for i := 0; i+4 <= len(hex); i += 4 {
			n, _ := strconv.ParseUint(hex[i:i+4], 16, 16)
			rs = append(rs, rune(n))
		}
		actual = append(actual, string(rs))
	}
	want := []string{"correspondence", ","}
	if !slices.Equal(actual[len(actual)-2:], want) {
		t.Errorf("the runs read as %q, want the last two %q", actual, want)
	}
	if strings.Contains(strings.Join(actual, "|"), "well") {
		t.Errorf("the text's own hyphen was read otherwise: %q", actual)
	}
}

// TestTaggedStrayElement: an item pointing at an element the structure
// does not hold is an artifact, and the file is whole.
func TestTaggedStrayElement(t *testing.T) {
	d, meta := sampleDocument(t)
	root := &layout.Elem{Role: layout.RoleDocument}
	para := &layout.Elem{Role: layout.RoleParagraph}
	root.Kids = append(root.Kids, para)
	stray := &layout.Elem{Role: layout.RoleFormula, Alt: "x"}
	for i, it := range d.Pages[0].Items {
		if tx, ok := it.(*layout.Text); ok {
			tx.Elem = para
			if i%2 == 1 {
				tx.Elem = stray
			}
		}
	}
	d.Structure = root
	var b bytes.Buffer
	if _, err := Write(&b, d, meta, testFaces(t), DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	f := readBack(t, b.Bytes())
	content := pageContent(t, f, pages(t, f)[0])
	if bytes.Contains(content, []byte("/Formula")) {
		t.Error("a run of an element not in the structure is marked as its")
	}
	if !bytes.Contains(content, []byte("/Artifact BMC")) {
		t.Error("a run of an element not in the structure is not an artifact")
	}
}

// TestTaggedForUA: what the structure is given for PDF/UA: headings
// read as the outline they make (a level skipped going down is read as
// the next), notes with IDs the IDTree finds, a table's empty cells kept
// so that its rows have as many cells, a row header's scope, a link's
// annotation described by the text it covers.
func TestTaggedForUA(t *testing.T) {
	faces := testFaces(t)
	d, meta := sampleDocument(t)
	pg := &layout.Page{Label: "9"}
	d.Pages = []*layout.Page{pg}
	d.Outline = nil
	root := &layout.Elem{Role: layout.RoleDocument}
	y := 80.0
	line := func(e *layout.Elem, x float64, text string) []layout.Item {
		items := words(faces, serif, 11, x, y, text)
		for _, it := range items {
			it.(*layout.Text).Elem = e
		}
		pg.Items = append(pg.Items, items...)
		y += 20
		return items
	}
	kid := func(parent *layout.Elem, role layout.Role, level int) *layout.Elem {
		e := &layout.Elem{Role: role, Level: level}
		parent.Kids = append(parent.Kids, e)
		return e
	}
	line(kid(root, layout.RoleHeading, 1), 72, "Chapter")
	line(kid(root, layout.RoleHeading, 3), 72, "Deeper")
	line(kid(root, layout.RoleHeading, 4), 72, "Deeper still")
	line(kid(root, layout.RoleHeading, 2), 72, "Back up")
	para := kid(root, layout.RoleParagraph, 0)
	line(para, 72, "read the sources first")
	link := &layout.Link{Rect: layout.Rect{X: 72, Y: y - 20 - 9, W: 200, H: 12}, URL: "https://example.org/"}
	link.Elem = kid(para, layout.RoleLink, 0)
	pg.Items = append(pg.Items, link)
	line(kid(para, layout.RoleNote, 0), 72, "A note")
	line(kid(para, layout.RoleNote, 0), 72, "Another note")
	table := kid(root, layout.RoleTable, 0)
	head := kid(table, layout.RoleRow, 0)
	line(kid(head, layout.RoleHeaderCell, 0), 72, "Name")
	line(kid(head, layout.RoleHeaderCell, 0), 200, "Value")
	row := kid(table, layout.RoleRow, 0)
	rh := kid(row, layout.RoleHeaderCell, 0)
	rh.RowHeader = true
	line(rh, 72, "width")
	kid(row, layout.RoleCell, 0) // empty
	d.Structure = root
	raw, warns := writeWith(t, d, meta, DefaultOptions())
	for _, w := range warns {
		if strings.Contains(w, "PDF/UA") {
			t.Error(w)
		}
	}
	f := readBack(t, raw)
	catalog, _ := f.Dict(f.Trailer["Root"])
	tree, _ := f.Dict(catalog["StructTreeRoot"])
	var got []string
	var walk func(o pdffile.Object)
	walk = func(o pdffile.Object) {
		el, ok := f.Dict(o)
		s, isElem := el["S"].(pdffile.Name)
		if !ok || !isElem {
			return
		}
		desc := string(s)
		if id, ok := el["ID"].(pdffile.String); ok {
			desc += " ID=" + string(id.Bytes)
		}
		if a, ok := f.Dict(el["A"]); ok {
			desc += fmt.Sprintf(" Scope=%v", a["Scope"])
		}
		if el["K"] == nil {
			desc += " (empty)"
		}
		if s == "Link" {
			objr, _ := f.Dict(el["K"])
			an, _ := f.Dict(objr["Obj"])
			c, _ := an["Contents"].(pdffile.String)
			desc += fmt.Sprintf(" Contents=%q", c.Bytes)
		}
		got = append(got, desc)
		kids, isArr := f.Resolve(el["K"]).(pdffile.Array)
		if !isArr {
			kids = pdffile.Array{el["K"]}
		}
		for _, k := range kids {
			walk(k)
		}
	}
	walk(tree["K"])
	want := []string{
		"Document", "H1", "H2", "H3", "H2", "P",
		`Link Contents="read the sources first"`, "Note ID=note1", "Note ID=note2",
		"Table", "TR", "TH Scope=Column", "TH Scope=Column", "TR", "TH Scope=Row", "TD (empty)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("structure\n%q\nwant\n%q", got, want)
	}
	ids, _ := f.Dict(tree["IDTree"])
	names, _ := f.Resolve(ids["Names"]).(pdffile.Array)
	if len(names) != 4 {
		t.Fatalf("IDTree names %v, want the two notes'", names)
	}
	for i := 0; i < len(names); i += 2 {
		note, _ := f.Dict(names[i+1])
		if id, _ := note["ID"].(pdffile.String); !note.Is("S", "Note") || !bytes.Equal(id.Bytes, names[i].(pdffile.String).Bytes) {
			t.Errorf("IDTree leads %v to %v", names[i], note)
		}
	}
	if problems, err := CheckUA(raw); err != nil || len(problems) > 0 {
		t.Errorf("CheckUA: %v %q", err, problems)
	}
}

// actualTexts are the ActualText of a page's spans, in order, and
// whether any span is inside a sequence with an MCID (which poppler's
// structure reader takes for that sequence's end).
func actualTexts(t *testing.T, content []byte) (texts []string, nested bool) {
	t.Helper()
	ops, err := pdffile.ParseContent(content)
	if err != nil {
		t.Fatal(err)
	}
	var stack []bool // tagged
	for i, o := range ops {
		switch o {
		case pdffile.Keyword("BDC"):
			d, _ := ops[i-1].(pdffile.Dict)
			tagged := d["MCID"] != nil
			if s, ok := d["ActualText"].(pdffile.String); ok {
				texts = append(texts, pdfText(s))
				if slices.Contains(stack, true) {
					nested = true
				}
			}
			stack = append(stack, tagged)
		case pdffile.Keyword("BMC"):
			stack = append(stack, false)
		case pdffile.Keyword("EMC"):
			stack = stack[:len(stack)-1]
		}
	}
	return texts, nested
}

// TestTaggedHyphenatedSpans: a hyphenated word's two runs read whole on
// one page and across a page break, and the spans that say so are not
// inside the paragraph's sequences but hold sequences of the paragraph.
func TestTaggedHyphenatedSpans(t *testing.T) {
	for _, tc := range []struct {
		name       string
		tailPage   int
		wantFirst  []string
		wantSecond []string
	}{
		{"on the page", 0, []string{"correspondence", ","}, nil},
		{"across a page break", 1, []string{"correspondence"}, []string{","}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, meta := sampleDocument(t)
			d.Pages = d.Pages[:2]
			root := &layout.Elem{Role: layout.RoleDocument}
			para := &layout.Elem{Role: layout.RoleParagraph}
			root.Kids = append(root.Kids, para)
			for _, pg := range d.Pages {
				// the sample's text artifacts, its links left out
				pg.Items = slices.DeleteFunc(pg.Items, func(it layout.Item) bool {
					_, link := it.(*layout.Link)
					return link
				})
			}
			head := []layout.Item{
				&layout.Text{X: 72, Y: 600, Face: serif, Size: 11, Text: "in", Elem: para},
				&layout.Text{X: 90, Y: 600, Face: serif, Size: 11, Text: "corre-", Elem: para, Extra: &layout.TextExtra{SoftHyphen: true}},
			}
			tail := []layout.Item{
				&layout.Text{X: 72, Y: 60, Face: serif, Size: 11, Text: "spondence,", Elem: para},
				&layout.Text{X: 140, Y: 60, Face: serif, Size: 11, Text: "wrote", Elem: para},
			}
			d.Pages[0].Items = append(d.Pages[0].Items, head...)
			if tc.tailPage == 1 {
				// a folio after the run, and the next page's running head
				// before its end
				d.Pages[0].Items = append(d.Pages[0].Items, &layout.Text{X: 200, Y: 620, Face: serif, Size: 9, Text: "7"})
				d.Pages[1].Items = append([]layout.Item{&layout.Text{X: 72, Y: 40, Face: serif, Size: 9, Text: "Head"}}, append(tail, d.Pages[1].Items...)...)
			} else {
				d.Pages[0].Items = append(d.Pages[0].Items, tail...)
			}
			d.Structure = root
			raw, _ := writeWith(t, d, meta, DefaultOptions())
			f := readBack(t, raw)
			pgs := pages(t, f)
			for i, want := range [][]string{tc.wantFirst, tc.wantSecond} {
				texts, nested := actualTexts(t, pageContent(t, f, pgs[i]))
				var hyph []string
				for _, s := range texts {
					if s == "correspondence" || s == "," {
						hyph = append(hyph, s)
					}
				}
				if !slices.Equal(hyph, want) {
					t.Errorf("page %d reads the runs as %q, want %q", i+1, hyph, want)
				}
				if nested {
					t.Errorf("page %d: a span inside a sequence with an MCID", i+1)
				}
			}
			if problems, err := CheckUA(raw); err != nil || len(problems) > 0 {
				t.Errorf("CheckUA: %v %q", err, problems)
			}
		})
	}
}

// TestTaggedHiddenLacking: invisible text whose face lacks its character
// (a colour emoji's, drawn as a picture) is shown in a tagged PDF as a
// space read as the character, invisible still, so that no missing
// glyph is shown; untagged, it is shown as it is.
func TestTaggedHiddenLacking(t *testing.T) {
	for _, tagged := range []bool{true, false} {
		d, meta := sampleDocument(t)
		d.Pages = d.Pages[:1]
		root := &layout.Elem{Role: layout.RoleDocument}
		para := &layout.Elem{Role: layout.RoleParagraph}
		root.Kids = append(root.Kids, para)
		d.Pages[0].Items = []layout.Item{
			&layout.Text{X: 72, Y: 100, Face: serif, Size: 11, Text: "Alarm", Elem: para},
			&layout.Text{X: 110, Y: 100, Face: serif, Size: 11, Text: "\U0001F6A8", Elem: para, Extra: &layout.TextExtra{Hidden: true, Width: 11}},
		}
		d.Structure = root
		opts := DefaultOptions()
		opts.Tagged = tagged
		raw, _ := writeWith(t, d, meta, opts)
		f := readBack(t, raw)
		content := pageContent(t, f, pages(t, f)[0])
		texts, nested := actualTexts(t, content)
		if got := slices.Contains(texts, "\U0001F6A8"); got != tagged {
			t.Errorf("tagged %v: read as the character through ActualText: %v (%q)", tagged, got, texts)
		}
		if nested {
			t.Errorf("a span inside a sequence with an MCID:\n%s", content)
		}
		if !bytes.Contains(content, []byte(" 3 Tr")) {
			t.Errorf("tagged %v: the run is not invisible:\n%s", tagged, content)
		}
		if tagged {
			if problems, err := CheckUA(raw); err != nil || len(problems) > 0 {
				t.Errorf("CheckUA: %v %q", err, problems)
			}
			var m *pdffile.Stream
			catalog, _ := f.Dict(f.Trailer["Root"])
			m, _ = f.Resolve(catalog["Metadata"]).(*pdffile.Stream)
			if m == nil || !bytes.Contains(m.Data, []byte("pdfuaid")) {
				t.Error("not declared PDF/UA-1")
			}
		}
	}
}

// TestTaggedInlineOrder: a paragraph's formula is read where it is in
// its text, a link after the text around it, its note after it.
func TestTaggedInlineOrder(t *testing.T) {
	d, meta := sampleDocument(t)
	pg := &layout.Page{Label: "1"}
	d.Pages, d.Outline = []*layout.Page{pg}, nil
	root := &layout.Elem{Role: layout.RoleDocument}
	para := &layout.Elem{Role: layout.RoleParagraph}
	formula := &layout.Elem{Role: layout.RoleFormula, Alt: "x^2"}
	link := &layout.Elem{Role: layout.RoleLink}
	note := &layout.Elem{Role: layout.RoleNote}
	root.Kids = []*layout.Elem{para}
	// the layout's order: the note first, then the link, as galleys add
	// them
	para.Kids = []*layout.Elem{note, link, formula}
	run := func(x, y float64, text string, e *layout.Elem) *layout.Text {
		return &layout.Text{X: x, Y: y, Face: serif, Size: 11, Text: text, Elem: e}
	}
	pg.Items = []layout.Item{
		run(72, 100, "Before", para), run(120, 100, "x2", formula), run(140, 100, "after,", para),
		run(72, 114, "see", para), run(100, 114, "this", para),
		&layout.Link{Rect: layout.Rect{X: 100, Y: 105, W: 30, H: 12}, URL: "https://example.org/", Elem: link},
		run(140, 114, "then.", para),
		run(72, 500, "A note.", note),
	}
	d.Structure = root
	raw, _ := writeWith(t, d, meta, DefaultOptions())
	f := readBack(t, raw)
	catalog, _ := f.Dict(f.Trailer["Root"])
	tree, _ := f.Dict(catalog["StructTreeRoot"])
	doc, _ := f.Dict(tree["K"])
	p, _ := f.Dict(doc["K"])
	kids, _ := f.Resolve(p["K"]).(pdffile.Array)
	var got []string
	for _, k := range kids {
		if el, ok := f.Dict(k); ok {
			got = append(got, fmt.Sprint(el["S"]))
		} else {
			got = append(got, "mcid")
		}
	}
	// (the text before the formula is two sequences, the first empty:
	// see markText; the link is read after the sequence it is in)
	want := []string{"mcid", "mcid", "Formula", "mcid", "Link", "Note"}
	if !slices.Equal(got, want) {
		t.Errorf("the paragraph reads %q, want %q", got, want)
	}
}

// TestTaggedLinkText: a link's words are its element's, read before its
// annotation, and a space is shown between them and the paragraph's
// words around them, so that a reader reads "see this page then." and
// not "seethis pagethen.".
func TestTaggedLinkText(t *testing.T) {
	faces := testFaces(t)
	d, meta := sampleDocument(t)
	pg := &layout.Page{Label: "1"}
	d.Pages, d.Outline = []*layout.Page{pg}, nil
	para := &layout.Elem{Role: layout.RoleParagraph}
	link := &layout.Elem{Role: layout.RoleLink}
	para.Kids = []*layout.Elem{link}
	d.Structure = &layout.Elem{Role: layout.RoleDocument, Kids: []*layout.Elem{para}}
	items := words(faces, serif, 11, 72, 100, "see this page then.")
	for i, it := range items {
		it.(*layout.Text).Elem = para
		if i == 1 || i == 2 {
			it.(*layout.Text).Elem = link
		}
	}
	x0, x1 := items[1].(*layout.Text).X, items[3].(*layout.Text).X
	pg.Items = append(items[:3:3], &layout.Link{Rect: layout.Rect{X: x0, Y: 90, W: x1 - x0 - 3, H: 13}, URL: "https://example.org/", Elem: link, Runs: 2}, items[3])
	raw, _ := writeWith(t, d, meta, DefaultOptions())
	f := readBack(t, raw)
	catalog, _ := f.Dict(f.Trailer["Root"])
	tree, _ := f.Dict(catalog["StructTreeRoot"])
	doc, _ := f.Dict(tree["K"])
	p, _ := f.Dict(doc["K"])
	var got []string
	var el pdffile.Dict
	kids, _ := f.Resolve(p["K"]).(pdffile.Array)
	for _, k := range kids {
		if e, ok := f.Dict(k); ok && e.Is("S", "Link") {
			el = e
		}
	}
	lk, _ := f.Resolve(el["K"]).(pdffile.Array)
	for _, k := range lk {
		if d, ok := f.Dict(k); ok {
			got = append(got, fmt.Sprint(d["Type"]))
		} else {
			got = append(got, "mcid")
		}
	}
	if len(got) < 2 || got[len(got)-1] != "OBJR" || !slices.Contains(got, "mcid") {
		t.Errorf("the Link element holds %q, want its text, then its annotation", got)
	}
	spaces := 0
	ops, err := pdffile.ParseContent(pageContent(t, f, pages(t, f)[0]))
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range ops {
		if s, ok := o.(pdffile.String); ok && i+1 < len(ops) && ops[i+1] == pdffile.Keyword("Tj") && bytes.Equal(s.Bytes, []byte{0, ' '}) {
			spaces++
		}
	}
	if spaces != 3 {
		t.Errorf("%d spaces shown between the four words, want 3", spaces)
	}
	if problems, err := CheckUA(raw); err != nil || len(problems) > 0 {
		t.Errorf("CheckUA: %v %q", err, problems)
	}
}

// TestTaggedTableHeaders: a data cell that names its header cells has
// them as a Headers attribute of their IDs, which the IDTree leads to
// the TH elements, and the header cells keep their scope; the check
// finds a header ID that leads to no TH.
func TestTaggedTableHeaders(t *testing.T) {
	faces := testFaces(t)
	d, meta := sampleDocument(t)
	pg := &layout.Page{Label: "1"}
	d.Pages, d.Outline = []*layout.Page{pg}, nil
	root := &layout.Elem{Role: layout.RoleDocument}
	table := &layout.Elem{Role: layout.RoleTable}
	root.Kids = []*layout.Elem{table}
	cells := map[string]*layout.Elem{}
	y := 100.0
	for _, row := range [][]string{{"TH:Size", "TH:Weight"}, {"TH:cm", "TH:kg"}, {"TD:12", "TD:3"}} {
		tr := &layout.Elem{Role: layout.RoleRow}
		table.Kids = append(table.Kids, tr)
		for i, c := range row {
			role, text, _ := strings.Cut(c, ":")
			e := &layout.Elem{Role: layout.RoleCell}
			if role == "TH" {
				e.Role = layout.RoleHeaderCell
			}
			tr.Kids = append(tr.Kids, e)
			cells[text] = e
			for _, it := range words(faces, serif, 11, 72+float64(i)*100, y, text) {
				it.(*layout.Text).Elem = e
				pg.Items = append(pg.Items, it)
			}
		}
		y += 20
	}
	cells["12"].Headers = []*layout.Elem{cells["Size"], cells["cm"]}
	cells["3"].Headers = []*layout.Elem{cells["Weight"], cells["kg"]}
	d.Structure = root
	raw, warns := writeWith(t, d, meta, DefaultOptions())
	for _, w := range warns {
		if strings.Contains(w, "PDF/UA") {
			t.Error(w)
		}
	}
	f := readBack(t, raw)
	catalog, _ := f.Dict(f.Trailer["Root"])
	tree, _ := f.Dict(catalog["StructTreeRoot"])
	byID := idTree(f, tree)
	// the cells in reading order are those written, row by row
	order := []string{"Size", "Weight", "cm", "kg", "12", "3"}
	name := map[pdffile.Object]string{}
	var cellRefs []pdffile.Object
	var walk func(o pdffile.Object)
	walk = func(o pdffile.Object) {
		el, ok := f.Dict(o)
		if !ok || el["S"] == nil {
			return
		}
		if el.Is("S", "TD") || el.Is("S", "TH") {
			name[o] = order[min(len(cellRefs), len(order)-1)]
			cellRefs = append(cellRefs, o)
		}
		kids, isArr := f.Resolve(el["K"]).(pdffile.Array)
		if !isArr {
			kids = pdffile.Array{el["K"]}
		}
		for _, k := range kids {
			walk(k)
		}
	}
	walk(tree["K"])
	if len(cellRefs) != len(order) {
		t.Fatalf("%d cells written, want %d", len(cellRefs), len(order))
	}
	var got []string
	var tds []pdffile.Dict
	for _, o := range cellRefs {
		el, _ := f.Dict(o)
		if !el.Is("S", "TD") {
			continue
		}
		tds = append(tds, el)
		a, _ := f.Dict(el["A"])
		hs, _ := f.Resolve(a["Headers"]).(pdffile.Array)
		s := name[o] + ":"
		for _, h := range hs {
			id, _ := h.(pdffile.String)
			th, _ := f.Dict(byID[string(id.Bytes)])
			sa, _ := f.Dict(th["A"])
			s += fmt.Sprintf(" %v %s(%v)", th["S"], name[byID[string(id.Bytes)]], sa["Scope"])
		}
		got = append(got, s)
	}
	want := []string{"12: TH Size(Column) TH cm(Column)", "3: TH Weight(Column) TH kg(Column)"}
	if !slices.Equal(got, want) {
		t.Errorf("cells name %q, want %q", got, want)
	}
	if problems, err := CheckUA(raw); err != nil || len(problems) > 0 {
		t.Errorf("CheckUA: %v %q", err, problems)
	}
	// a header ID leading nowhere
	a, _ := f.Dict(tds[0]["A"])
	a["Headers"] = pdffile.Array{pdffile.Text("th99")}
	var u uaProblems
	checkStructure(f, tree, &u)
	if got, want := fmt.Sprint(u.list()), `[7.5: a TD element names "th99" as a header, which is no TH element's ID]`; got != want {
		t.Errorf("check: %s, want %s", got, want)
	}
}
