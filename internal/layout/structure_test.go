package layout

import (
	"testing"

	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestStructureGolden checks the structure the layout gives a small book
// (headings, a list, a table, figures, footnotes, the contents, a part)
// and the text of the items that belong to each element.
func TestStructureGolden(t *testing.T) {
	small := options(func(o *Options) {
		o.TrimWidth, o.TrimHeight, o.FontSize = 4*72, 6*72, 10
		o.Hyphenate, o.RectoChapters = true, true
	})
	src := small
	src.Endnotes = true
	for _, c := range []struct {
		name string
		book *doc.Book
		opts Options
	}{
		{"basic", basicBook(), small},
		{"source", sourceBook(), src},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := Layout(c.book, fixedMetrics{}, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := []byte(DumpStructure(d))
			path := filepath.Join("testdata", c.name+".structure.golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("structure differs from %s (run with -update and review the diff):\n%s", path, got)
			}
		})
	}
}

// TestStructureOfItems checks what the pages' items belong to: running
// heads and folios are artifacts, a paragraph broken across pages is one
// element on both, a repeated table head is an artifact, and every
// element an item points at is in the tree.
func TestStructureOfItems(t *testing.T) {
	para := &doc.Paragraph{}
	for range 40 {
		para.Content = append(para.Content, txt(lorem))
	}
	rows := [][]*doc.TableCell{}
	for range 60 {
		rows = append(rows, []*doc.TableCell{{Content: []doc.Inline{txt("cell")}}, {Content: []doc.Inline{txt("1")}}})
	}
	tbl := &doc.Table{Header: []*doc.TableCell{{Content: []doc.Inline{txt("Head")}}, {Content: []doc.Inline{txt("N")}}}, Rows: rows}
	book := &doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{
		{ID: "c", Kind: doc.KindChapter, Title: []doc.Inline{txt("Chapter")}, Blocks: []doc.Block{para, tbl}},
	}}
	d, err := Layout(book, fixedMetrics{}, options(func(o *Options) {
		o.TrimWidth, o.TrimHeight, o.FontSize = 4*72, 6*72, 10
	}))
	if err != nil {
		t.Fatal(err)
	}
	inTree := map[*Elem]bool{}
	var walk func(e *Elem)
	walk = func(e *Elem) {
		if inTree[e] {
			t.Errorf("element %s twice in the tree", e.Role)
		}
		inTree[e] = true
		for _, k := range e.Kids {
			walk(k)
		}
	}
	walk(d.Structure)
	paraPages := map[int]bool{}
	var paraElem *Elem
	heads := 0
	for pi, pg := range d.Pages {
		for _, it := range pg.Items {
			tx, ok := it.(*Text)
			if !ok {
				continue
			}
			if tx.Elem != nil && !inTree[tx.Elem] {
				t.Errorf("page %d: %q belongs to an element not in the tree", pi+1, tx.Text)
			}
			if tx.Text == pg.Label && tx.Elem != nil {
				t.Errorf("page %d: the folio belongs to %s, want an artifact", pi+1, tx.Elem.Role)
			}
			if tx.Elem != nil && tx.Elem.Role == RoleParagraph && tx.Text == "Every" {
				if paraElem != nil && paraElem != tx.Elem {
					t.Errorf("page %d: the paragraph is two elements", pi+1)
				}
				paraElem = tx.Elem
				paraPages[pi] = true
			}
			if tx.Text == "Head" {
				if tx.Elem != nil {
					heads++
					if tx.Elem.Role != RoleHeaderCell {
						t.Errorf("page %d: the table's head is a %s", pi+1, tx.Elem.Role)
					}
				}
			}
		}
	}
	if len(paraPages) < 2 {
		t.Errorf("the paragraph is on %d pages, want it broken across pages", len(paraPages))
	}
	if heads != 1 {
		t.Errorf("the table's head belongs to an element %d times, want once (repeated heads are artifacts)", heads)
	}
}

// TestStructureOfFormulas: a formula is an element of its own inside its
// paragraph, its TeX its Alt, every item drawing it belonging to it; a
// paragraph with two formulas has two.
func TestStructureOfFormulas(t *testing.T) {
	p := &doc.Paragraph{Content: []doc.Inline{txt("Take "), mathInline(t, `\frac{a}{b}`, false), txt(" and "), mathInline(t, `x^2`, false), txt(".")}}
	book := &doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{
		{ID: "c", Kind: doc.KindChapter, Title: []doc.Inline{txt("Chapter")}, Blocks: []doc.Block{p}},
	}}
	d, err := Layout(book, fixedMetrics{}, options(func(o *Options) {}))
	if err != nil {
		t.Fatal(err)
	}
	var para *Elem
	var walk func(e *Elem)
	walk = func(e *Elem) {
		for _, k := range e.Kids {
			if k.Role == RoleFormula && para == nil {
				para = e
			}
			walk(k)
		}
	}
	walk(d.Structure)
	if para == nil || para.Role != RoleParagraph {
		t.Fatalf("no paragraph holds a formula:\n%s", DumpStructure(d))
	}
	var alts []string
	for _, k := range para.Kids {
		if k.Role == RoleFormula {
			alts = append(alts, k.Alt)
		}
	}
	if fmt.Sprint(alts) != `[\frac{a}{b} x^2]` {
		t.Errorf("formulas %q, want their TeX in order", alts)
	}
	rules := 0
	for _, pg := range d.Pages {
		for _, it := range pg.Items {
			switch it := it.(type) {
			case *Text:
				if it.Text == "a" || it.Text == "b" {
					if it.Elem == nil || it.Elem.Role != RoleFormula {
						t.Errorf("%q of the fraction belongs to %v, want the formula", it.Text, it.Elem)
					}
				}
			case *Rule:
				if it.Elem != nil && it.Elem.Role == RoleFormula {
					rules++
				}
			}
		}
	}
	if rules != 1 {
		t.Errorf("%d fraction rules belong to a formula, want 1", rules)
	}
}

// TestStructureTableNotes: a note referred to in a table's cell is read
// in that cell, and a body row's header cell is a header cell heading
// its row.
func TestStructureTableNotes(t *testing.T) {
	note := &doc.Note{Kind: doc.FootnoteNote, ID: "n1", Label: "1", Refs: 1, Blocks: []doc.Block{para(txt("The cell's note."))}}
	tbl := &doc.Table{
		Header: []*doc.TableCell{{Content: []doc.Inline{txt("Name")}}, {Content: []doc.Inline{txt("Value")}}},
		Rows: [][]*doc.TableCell{
			{{Header: true, Content: []doc.Inline{txt("width")}}, {Content: []doc.Inline{txt("12"), &doc.NoteRef{Note: note}}}},
			{{Header: true, Content: []doc.Inline{txt("height")}}, {}},
		},
	}
	book := &doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{
		{ID: "c", Kind: doc.KindChapter, Title: []doc.Inline{txt("Chapter")}, Blocks: []doc.Block{tbl}, Notes: []*doc.Note{note}},
	}}
	d, err := Layout(book, fixedMetrics{}, options(func(o *Options) {
		o.TrimWidth, o.TrimHeight, o.FontSize = 4*72, 6*72, 10
	}))
	if err != nil {
		t.Fatal(err)
	}
	var table *Elem
	var find func(e *Elem)
	find = func(e *Elem) {
		if e.Role == RoleTable {
			table = e
		}
		for _, k := range e.Kids {
			find(k)
		}
	}
	find(d.Structure)
	if table == nil {
		t.Fatal("no table in the structure")
	}
	var got []string
	for _, row := range table.Kids {
		if row.Role != RoleRow {
			t.Errorf("the table holds a %s", row.Role)
			continue
		}
		for _, cell := range row.Kids {
			s := cell.Role.String()
			if cell.RowHeader {
				s += " (row)"
			}
			for i, k := range cell.Kids {
				if i == 0 {
					s += ":"
				}
				s += " " + k.Role.String()
			}
			got = append(got, s)
		}
	}
	want := []string{"header-cell", "header-cell", "header-cell (row)", "cell: link note", "header-cell (row)", "cell"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("cells %q, want %q", got, want)
	}
}

// TestRepeatedHeadLinks: a link in a table's head, repeated on every page
// the table runs over, keeps its link element there, though the rest of
// the repeated head is an artifact: an annotation no element holds is
// lost to screen readers.
func TestRepeatedHeadLinks(t *testing.T) {
	rows := [][]*doc.TableCell{}
	for range 80 {
		rows = append(rows, []*doc.TableCell{{Content: []doc.Inline{txt("cell")}}, {Content: []doc.Inline{txt("1")}}})
	}
	link := &doc.Link{URL: "https://example.org/sets", External: true, Content: []doc.Inline{txt("Sets")}}
	tbl := &doc.Table{Header: []*doc.TableCell{{Content: []doc.Inline{txt("Head")}}, {Content: []doc.Inline{link}}}, Rows: rows}
	book := &doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{
		{ID: "c", Kind: doc.KindChapter, Title: []doc.Inline{txt("Chapter")}, Blocks: []doc.Block{tbl}},
	}}
	d, err := Layout(book, fixedMetrics{}, options(func(o *Options) {
		o.TrimWidth, o.TrimHeight, o.FontSize = 4*72, 6*72, 10
	}))
	if err != nil {
		t.Fatal(err)
	}
	pages := map[int]bool{}
	for pi, pg := range d.Pages {
		for _, it := range pg.Items {
			if l, ok := it.(*Link); ok && l.URL == link.URL {
				pages[pi] = true
				if l.Elem == nil || l.Elem.Role != RoleLink {
					t.Errorf("page %d: the head's link belongs to %v, want a link element", pi+1, l.Elem)
				}
			}
		}
	}
	if len(pages) < 2 {
		t.Errorf("the head's link is on %d pages, want the head repeated", len(pages))
	}
}

// TestStructureTableFormulas: a formula in a table's cell is a kid of
// the cell, not of the table, whether it is drawn with rules (a
// fraction, a bar) or with text alone, and every item drawing it belongs
// to it; the head's formula repeated on a later page is an artifact.
func TestStructureTableFormulas(t *testing.T) {
	rows := [][]*doc.TableCell{
		{{Content: []doc.Inline{txt("ratio")}}, {Content: []doc.Inline{mathInline(t, `\frac{a}{b}`, false)}}},
		{{Content: []doc.Inline{txt("mean")}}, {Content: []doc.Inline{txt("about "), mathInline(t, `\bar u`, false)}}},
		{{Content: []doc.Inline{txt("square")}}, {Content: []doc.Inline{mathInline(t, `x^2`, false)}}},
	}
	for range 60 {
		rows = append(rows, []*doc.TableCell{{Content: []doc.Inline{txt("cell")}}, {Content: []doc.Inline{txt("1")}}})
	}
	tbl := &doc.Table{Header: []*doc.TableCell{{Content: []doc.Inline{txt("Name")}}, {Content: []doc.Inline{mathInline(t, `\frac{p}{q}`, false)}}}, Rows: rows}
	book := &doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{
		{ID: "c", Kind: doc.KindChapter, Title: []doc.Inline{txt("Chapter")}, Blocks: []doc.Block{tbl}},
	}}
	d, err := Layout(book, fixedMetrics{}, options(func(o *Options) {
		o.TrimWidth, o.TrimHeight, o.FontSize = 4*72, 6*72, 10
	}))
	if err != nil {
		t.Fatal(err)
	}
	parent := map[*Elem]*Elem{}
	var table *Elem
	var walk func(e *Elem)
	walk = func(e *Elem) {
		if e.Role == RoleTable && table == nil {
			table = e
		}
		for _, k := range e.Kids {
			parent[k] = e
			walk(k)
		}
	}
	walk(d.Structure)
	if table == nil {
		t.Fatalf("no table:\n%s", DumpStructure(d))
	}
	for _, k := range table.Kids {
		if k.Role != RoleRow {
			t.Errorf("the table holds a %s (alt %q), want rows alone", k.Role, k.Alt)
		}
	}
	var got []string
	for k, p := range parent {
		if k.Role == RoleFormula {
			got = append(got, p.Role.String()+" "+k.Alt)
		}
	}
	slices.Sort(got)
	want := []string{`cell \bar u`, `cell \frac{a}{b}`, `cell x^2`, `header-cell \frac{p}{q}`}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("formulas in %q, want %q", got, want)
	}
	// the items drawing the formulas: the head's on its first page, the
	// others, belong to their formula; the head's repeated are artifacts
	first, pages, rules := -1, 0, 0
	for pi, pg := range d.Pages {
		for _, it := range pg.Items {
			switch it := it.(type) {
			case *Text:
				if len(it.Text) != 1 || !strings.Contains("abpqux", it.Text) {
					continue
				}
				if it.Text == "p" && first < 0 {
					first = pi
				}
				if it.Text == "p" {
					pages++
				}
				repeated := (it.Text == "p" || it.Text == "q") && pi != first
				switch {
				case repeated && it.Elem != nil:
					t.Errorf("page %d: the repeated head's %q belongs to %v, want an artifact", pi+1, it.Text, it.Elem.Role)
				case !repeated && (it.Elem == nil || it.Elem.Role != RoleFormula):
					t.Errorf("page %d: %q of a formula belongs to %v, want the formula", pi+1, it.Text, it.Elem)
				}
			case *Rule:
				if it.Elem != nil && it.Elem.Role == RoleFormula {
					rules++
				}
			}
		}
	}
	if pages < 2 {
		t.Errorf("the head is on %d pages, want it repeated", pages)
	}
	// a/b's, u's bar and the head's p/q once
	if rules != 3 {
		t.Errorf("%d rules belong to a formula, want 3", rules)
	}
}

// TestStructureOfLinks: a link's words belong to its element, not to the
// paragraph around them, a formula in it is its kid, and a link broken
// across lines is one element holding both lines' words and annotations;
// in a table's cell too.
func TestStructureOfLinks(t *testing.T) {
	long := &doc.Link{URL: "https://example.org/long", External: true, Content: []doc.Inline{txt(strings.TrimSpace(strings.Repeat("many words of a long link ", 4)))}}
	withMath := &doc.Link{URL: "https://example.org/math", External: true, Content: []doc.Inline{txt("see "), mathInline(t, `\frac{a}{b}`, false)}}
	inCell := &doc.Link{URL: "https://example.org/cell", External: true, Content: []doc.Inline{txt("cell link")}}
	p := para(txt("Before "), long, txt(" between "), withMath, txt(" after."))
	tbl := &doc.Table{Header: []*doc.TableCell{{Content: []doc.Inline{txt("Head")}}}, Rows: [][]*doc.TableCell{{{Content: []doc.Inline{txt("in "), inCell}}}}}
	book := &doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{
		{ID: "c", Kind: doc.KindChapter, Title: []doc.Inline{txt("Chapter")}, Blocks: []doc.Block{p, tbl}},
	}}
	d, err := Layout(book, fixedMetrics{}, options(func(o *Options) {
		o.TrimWidth, o.TrimHeight, o.FontSize = 4*72, 6*72, 10
	}))
	if err != nil {
		t.Fatal(err)
	}
	parent := map[*Elem]*Elem{}
	var walk func(e *Elem)
	walk = func(e *Elem) {
		for _, k := range e.Kids {
			parent[k] = e
			walk(k)
		}
	}
	walk(d.Structure)
	words := map[*Elem][]string{}
	annots := map[string][]*Elem{}
	var outside []string
	for _, pg := range d.Pages {
		for _, it := range pg.Items {
			switch it := it.(type) {
			case *Text:
				if it.Elem != nil {
					words[it.Elem] = append(words[it.Elem], it.Text)
					if it.Elem.Role != RoleLink && it.Elem.Role != RoleFormula {
						outside = append(outside, it.Text)
					}
				}
			case *Link:
				if it.URL != "" {
					annots[it.URL] = append(annots[it.URL], it.Elem)
				}
			}
		}
	}
	check := func(url, role string, want string) {
		t.Helper()
		els := annots[url]
		if len(els) == 0 {
			t.Fatalf("no annotation for %s", url)
		}
		el := els[0]
		for _, e := range els[1:] {
			if e != el {
				t.Errorf("%s: its %d annotations belong to different elements", url, len(els))
				break
			}
		}
		if el == nil || el.Role != RoleLink {
			t.Fatalf("%s: annotation of %v, want a link element", url, el)
		}
		if got := parent[el].Role.String(); got != role {
			t.Errorf("%s: link inside a %s, want %s", url, got, role)
		}
		if got := strings.Join(words[el], " "); got != want {
			t.Errorf("%s: link reads %q, want %q", url, got, want)
		}
	}
	check(long.URL, "paragraph", long.Content[0].(*doc.Text).Text)
	if n := len(annots[long.URL]); n < 2 {
		t.Errorf("the long link has %d annotations, want it broken across lines", n)
	}
	check(withMath.URL, "paragraph", "see")
	check(inCell.URL, "cell", "cell link")
	if el := annots[withMath.URL][0]; el != nil {
		var kids []string
		for _, k := range el.Kids {
			kids = append(kids, k.Role.String()+" "+k.Alt)
		}
		if fmt.Sprint(kids) != `[formula \frac{a}{b}]` {
			t.Errorf("the link with a formula holds %q", kids)
		}
	}
	got := strings.Join(outside, " ")
	for _, w := range []string{"Before", "between", "after.", "in"} {
		if !slices.Contains(outside, w) {
			t.Errorf("%q is not read outside the links: %q", w, got)
		}
	}
	for _, w := range []string{"many", "see", "cell"} {
		if slices.Contains(outside, w) {
			t.Errorf("%q, a link's, is read outside it: %q", w, got)
		}
	}
}

// TestStructureTableHeaders: a heading cell heads what its author said
// (a second heading row its columns), and the data cells of a table with
// two headings of a kind name them all, in order, while a table whose
// scopes tell its headings names none.
func TestStructureTableHeaders(t *testing.T) {
	c := func(s string) *doc.TableCell { return &doc.TableCell{Content: []doc.Inline{txt(s)}} }
	h := func(s string, scope doc.CellScope) *doc.TableCell {
		return &doc.TableCell{Content: []doc.Inline{txt(s)}, Header: true, Scope: scope}
	}
	for _, tc := range []struct {
		name string
		tbl  *doc.Table
		want string
	}{
		{"head row", &doc.Table{Header: []*doc.TableCell{c("Name"), c("Value")}, Rows: [][]*doc.TableCell{{c("w"), c("1")}}},
			"TH(col) Name | TH(col) Value / TD w | TD 1"},
		{"head row and row heads", &doc.Table{Header: []*doc.TableCell{c(""), c("Value")}, Rows: [][]*doc.TableCell{{h("width", doc.ScopeAuto), c("1")}}},
			"TH(col)  | TH(col) Value / TH(row) width | TD 1"},
		{"two head rows", &doc.Table{
			Header: []*doc.TableCell{c(""), c("Size")},
			Rows: [][]*doc.TableCell{
				{h("", doc.ScopeColumn), h("cm", doc.ScopeColumn)},
				{h("width", doc.ScopeRow), c("12")},
				{h("height", doc.ScopeAuto), c("")},
			}},
			"TH(col)  | TH(col) Size / TH(col)  | TH(col) cm / TH(row) width | TD 12 [Size cm width] / TH(row) height | TD  [Size cm height]"},
		{"spans", func() *doc.Table {
			pop := c("population")
			cal := h("California", doc.ScopeAuto)
			return &doc.Table{
				Header: []*doc.TableCell{c("state"), pop, {SpannedBy: pop}},
				Rows: [][]*doc.TableCell{
					{cal, c("33871648"), c("9267089")},
					{{Header: true, SpannedBy: cal}, c("37253956"), c("9284094")},
				}}
		}(), "TH(col) state | TH(col) population | TH(col)  / TH(row) California | TD 33871648 [population California] | TD 9267089 [population California] / TH(row)  | TD 37253956 [population California] | TD 9284094 [population California]"},
		{"a head cell heading its row", &doc.Table{Header: []*doc.TableCell{{Content: []doc.Inline{txt("Total")}, Scope: doc.ScopeRow}, c("3")}, Rows: [][]*doc.TableCell{{c("a"), c("1")}}},
			"TH(row) Total | TH(col) 3 / TD a | TD 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			book := &doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{
				{ID: "c", Kind: doc.KindChapter, Title: []doc.Inline{txt("Chapter")}, Blocks: []doc.Block{tc.tbl}},
			}}
			d, err := Layout(book, fixedMetrics{}, options(func(o *Options) {}))
			if err != nil {
				t.Fatal(err)
			}
			text := map[*Elem]string{}
			for _, pg := range d.Pages {
				for _, it := range pg.Items {
					if tx, ok := it.(*Text); ok && tx.Elem != nil {
						text[tx.Elem] += tx.Text
					}
				}
			}
			var table *Elem
			var find func(e *Elem)
			find = func(e *Elem) {
				if e.Role == RoleTable {
					table = e
				}
				for _, k := range e.Kids {
					find(k)
				}
			}
			find(d.Structure)
			if table == nil {
				t.Fatal("no table")
			}
			var rows []string
			for _, r := range table.Kids {
				var cells []string
				for _, cell := range r.Kids {
					s := "TD"
					if cell.Role == RoleHeaderCell {
						s = "TH(col)"
						if cell.RowHeader {
							s = "TH(row)"
						}
					}
					s += " " + text[cell]
					if len(cell.Headers) > 0 {
						var hs []string
						for _, h := range cell.Headers {
							hs = append(hs, text[h])
						}
						s += " [" + strings.Join(hs, " ") + "]"
					}
					cells = append(cells, s)
				}
				rows = append(rows, strings.Join(cells, " | "))
			}
			if got := strings.Join(rows, " / "); got != tc.want {
				t.Errorf("table\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}
