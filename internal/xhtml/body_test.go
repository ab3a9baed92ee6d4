package xhtml

import (
	"fmt"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// page is a Document of a plain HTML page: IDs are the tree's own, links
// inside the book go to "#id", pictures to "img/…".
type page struct {
	pages    map[string]string
	marks    map[doc.Block][]*PageMark
	placed   []string
	warnings []string
}

func (p *page) ID(node any) string {
	switch n := node.(type) {
	case *doc.Heading:
		return n.ID
	case *doc.Note:
		return n.ID
	case *doc.NoteRef:
		return n.Note.RefID(n.Index)
	case *doc.Span:
		return n.ID
	case *doc.IndexEntry:
		return n.ID
	case *doc.Table:
		return n.ID
	}
	return ""
}

func (p *page) Level(h *doc.Heading) int      { return h.Level }
func (p *page) NoteLabel(n *doc.Note) string  { return n.Label }
func (p *page) Backlink(n *doc.Note) string   { return n.RefID(0) }
func (p *page) Marks(b doc.Block) []*PageMark { return p.marks[b] }
func (p *page) Placed(m *PageMark)            { p.placed = append(p.placed, m.Label) }

// Locator names an index locator by its anchor's page in pages, else by
// its entry.
func (p *page) Locator(l doc.IndexLocator) string {
	if label := p.pages[l.Anchor]; label != "" {
		return label
	}
	return l.Entry
}

func (p *page) Warn(pos doc.Pos, code, msg string) {
	p.warnings = append(p.warnings, fmt.Sprintf("%s: [%s] %s", pos, code, msg))
}

func (p *page) InternalLink(l *doc.Link, raw string) (href, fallback, problem string, ok bool) {
	if l.Anchor == "" {
		return "", raw, "", false
	}
	return "#" + l.Anchor, l.Anchor, "", true
}

func (p *page) Image(im *doc.Image) (Picture, string) {
	if im.Asset == nil {
		return Picture{}, "is not in the book"
	}
	return Picture{Src: "img/" + im.Asset.Path, Width: 4, Height: 3}, ""
}

func TestBodyWritesPlainHTML(t *testing.T) {
	note := &doc.Note{Kind: doc.AnnotationNote, ID: "a1", Label: "a", Refs: 1, Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "An editor's note."}}}}}
	para := &doc.Paragraph{BlockBase: doc.BlockBase{Pos: doc.Pos{File: "ch.md", Line: 3}}, Content: []doc.Inline{
		&doc.Text{Text: "Page one, page two"}, &doc.NoteRef{Note: note},
		&doc.Text{Text: " "}, &doc.Link{URL: "#top", Entry: "ch", Anchor: "top", Content: []doc.Inline{&doc.Text{Text: "up"}}},
		&doc.Text{Text: " "}, &doc.Link{URL: "javascript:alert(1)", External: true, Content: []doc.Inline{&doc.Text{Text: "no"}}},
		&doc.Text{Text: " "}, &doc.Image{Alt: "map", Asset: &doc.Asset{Path: "map.png"}},
		&doc.Span{Kind: doc.SpanSuperscript, Content: []doc.Inline{&doc.Text{Text: "2"}}},
	}}
	blocks := []doc.Block{
		&doc.Heading{Level: 2, ID: "top", Content: []doc.Inline{&doc.Text{Text: "A < B"}}},
		para,
		&doc.Div{Kind: doc.DivDetails, Blocks: []doc.Block{&doc.CodeBlock{Text: "x"}}},
	}
	d := &page{marks: map[doc.Block][]*PageMark{para: {{Label: "2", ID: "p2", Offset: 10}}}}
	w := &Writer{}
	b := NewBody(w, d, Options{Details: "More"})
	b.Blocks(blocks, false)
	b.Notes([]*doc.Note{note})
	got := string(w.Bytes())
	for _, want := range []string{
		`<h2 id="top">A &lt; B</h2>`,
		`<p>Page one, <span role="doc-pagebreak" id="p2" aria-label="2" class="pagebreak"></span>page two<sup class="noteref annotation"><a role="doc-noteref" id="ref-a1" href="#a1">a</a></sup>`,
		`<a href="#top">up</a> no <img src="img/map.png" alt="map" width="4" height="3" class="inline"/><sup>2</sup></p>`,
		"<details><summary>More</summary>\n<pre><code translate=\"no\">x</code></pre>\n</details>",
		"<section class=\"notes\">\n<aside role=\"doc-footnote\" id=\"a1\" class=\"note annotation\">\n<p><a href=\"#ref-a1\" role=\"doc-backlink\" class=\"backlink\">a</a> An editor's note.</p>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing\n%s\nin\n%s", want, got)
		}
	}
	if strings.Contains(got, "epub:") {
		t.Errorf("EPUB markup outside an EPUB:\n%s", got)
	}
	if strings.Join(d.placed, ",") != "2" {
		t.Errorf("placed marks %v, want [2]", d.placed)
	}
	want := `ch.md:3: [link.scheme] link "javascript:alert(1)" uses a scheme e-books do not follow; kept as text`
	if len(d.warnings) != 1 || d.warnings[0] != want {
		t.Errorf("warnings %q\nwant [%q]", d.warnings, want)
	}

	w = &Writer{}
	NewBody(w, d, Options{EPUB: true}).Notes([]*doc.Note{note})
	if got := string(w.Bytes()); !strings.Contains(got, `<section class="notes" epub:type="footnotes">`) ||
		!strings.Contains(got, `<aside epub:type="footnote" role="doc-footnote"`) {
		t.Errorf("an EPUB's notes lack epub:type:\n%s", got)
	}
}

// A picture in a line of text is set at the text's height unless its
// author gave it a size, which the page keeps as a figure's is, or it is
// too tall for an icon, when it stands apart at its own size; a height in
// percent alone is no size there, as CSS ignores it in a line.
func TestBodyInlinePictureSize(t *testing.T) {
	for _, c := range []struct {
		width, height string
		asset         doc.Asset // its size in pixels
		want          string
	}{
		{"", "", doc.Asset{Width: 48, Height: 48}, `class="inline"`},
		{"40", "", doc.Asset{}, `style="width: 40px; height: auto"`},
		{"50%", "", doc.Asset{}, `style="width: 50%; height: auto"`},
		{"", "1.5em", doc.Asset{}, `style="height: 1.5em; width: auto"`},
		{"2cm", "1cm", doc.Asset{}, `style="width: 2cm; height: 1cm"`},
		{"", "50%", doc.Asset{}, `class="inline"`},
		{"", "", doc.Asset{Width: 1200, Height: 800}, `style="display: block; margin: 0.5em auto"`},
		{"", "50%", doc.Asset{Width: 1200, Height: 800}, `style="display: block; margin: 0.5em auto"`},
		{"40", "", doc.Asset{Width: 1200, Height: 800}, `style="width: 40px; height: auto"`},
		{"", "", doc.Asset{Width: 512, Height: 512, Unsized: true}, `class="inline"`},
	} {
		w, _ := doc.ParseLength(c.width)
		h, _ := doc.ParseLength(c.height)
		a := c.asset
		a.Path = "badge.png"
		img := &doc.Image{Alt: "badge", Width: w, Height: h, Asset: &a}
		para := &doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "A "}, img, &doc.Text{Text: " badge."}}}
		out := &Writer{}
		NewBody(out, &page{}, Options{}).Blocks([]doc.Block{para}, false)
		want := `<p>A <img src="img/badge.png" alt="badge" width="4" height="3" ` + c.want + `/> badge.</p>`
		if got := string(out.Bytes()); !strings.Contains(got, want) {
			t.Errorf("width %q, height %q:\n%s\nwant\n%s", c.width, c.height, got, want)
		}
	}
}

// A picture with no size in a table's cell, too tall for an icon, stands
// apart at its own size, no wider than its cell (the stylesheet's
// max-width), as in the PDF; an icon, and a picture its book's stylesheet
// sizes (Ferris), stand at the height of the text.
func TestBodyPictureInCell(t *testing.T) {
	for _, c := range []struct {
		name   string
		asset  doc.Asset
		styled bool
		want   string
	}{
		{"a screenshot", doc.Asset{Path: "shot.png", Width: 1469, Height: 571}, false, `style="display: block; margin: 0.5em auto"/></td>`},
		{"an icon", doc.Asset{Path: "icon.png", Width: 48, Height: 48}, false, `class="inline"/></td>`},
		{"Ferris", doc.Asset{Path: "ferris.svg", Width: 1259, Height: 847}, true, `class="inline"/></td>`},
	} {
		img := &doc.Image{Alt: c.name, Asset: &c.asset, Styled: c.styled}
		table := &doc.Table{Header: []*doc.TableCell{{Content: []doc.Inline{&doc.Text{Text: "Picture"}}}},
			Rows: [][]*doc.TableCell{{{Content: []doc.Inline{img}}}}, Align: []doc.Align{doc.AlignDefault}}
		out := &Writer{}
		NewBody(out, &page{}, Options{}).Blocks([]doc.Block{table}, false)
		if got := string(out.Bytes()); !strings.Contains(got, c.want) {
			t.Errorf("%s in a cell:\n%s\nwant %s", c.name, got, c.want)
		}
	}
}

// On a web page a note opens in place: its reference is a button whose
// popover is the note itself, still listed after the text; a print page's
// number is text the page can show.
func TestBodyNotesAsPopovers(t *testing.T) {
	note := &doc.Note{Kind: doc.FootnoteNote, ID: "n1", Label: "1", Refs: 1, Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "A note."}}}}}
	w := &Writer{}
	para := &doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "Text"}, &doc.NoteRef{Note: note}}}
	d := &page{marks: map[doc.Block][]*PageMark{para: {{Label: "7", ID: "p7", Offset: 2}}}}
	b := NewBody(w, d, Options{Popovers: true, PageNumbers: true})
	b.Blocks([]doc.Block{para}, false)
	b.Notes([]*doc.Note{note})
	got := string(w.Bytes())
	for _, want := range []string{
		`<p>Te<span role="doc-pagebreak" id="p7" aria-label="7" class="pagebreak">7</span>xt<sup class="noteref footnote"><button type="button" id="ref-n1" popovertarget="n1" class="noteref">1</button></sup></p>`,
		`<aside role="doc-footnote" id="n1" class="note footnote" popover="auto">` + "\n" +
			`<p><a href="#ref-n1" role="doc-backlink" class="backlink">1</a> A note.</p>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing\n%s\nin\n%s", want, got)
		}
	}
}

// TestIndex writes the index as EPUB Indexes marks it up: groups with a
// heading and a list, entries with their term, one link per page, the
// cross-reference of one kind, and the sub-entries' list.
func TestIndex(t *testing.T) {
	text := func(s string) []doc.Inline { return []doc.Inline{&doc.Text{Text: s}} }
	ix := &doc.Index{Groups: []*doc.IndexGroup{
		{Label: "", Entries: []*doc.IndexEntry{{ID: "i-1921", Term: text("1921"), Locators: []doc.IndexLocator{{Entry: "ch", Anchor: "ix-9"}}}}},
		{Label: "K", Entries: []*doc.IndexEntry{
			{ID: "i-kollantai", Term: text("Kollantai"), See: []doc.IndexRef{{Term: text("Kollontai"), ID: "i-kollontai"}}},
			{ID: "i-kollontai", Term: text("Kollontai"),
				Locators: []doc.IndexLocator{{Entry: "ch", Anchor: "ix-1"}, {Entry: "ch", Anchor: "ix-2"}, {Entry: "ch", Anchor: "ix-3"}},
				See:      []doc.IndexRef{{Term: text("preferred")}},
				SeeAlso:  []doc.IndexRef{{Term: text("dropped, as EPUB Indexes asks")}},
				Sub:      []*doc.IndexEntry{{ID: "i-k-sub", Term: text("pamphlet"), Locators: []doc.IndexLocator{{Entry: "ch", Anchor: "ix-4"}}}}},
		}},
	}}
	d := &page{pages: map[string]string{"ix-1": "3", "ix-2": "3", "ix-3": "vii", "ix-4": "5"}}
	w := &Writer{}
	NewBody(w, d, Options{EPUB: true, See: "see", SeeAlso: "see also"}).Blocks([]doc.Block{ix}, false)
	got := string(w.Bytes())
	for _, want := range []string{
		"<section epub:type=\"index-group\" class=\"index-group\">\n<ul epub:type=\"index-entry-list\" class=\"index-entries\">\n<li id=\"i-1921\" epub:type=\"index-entry\"><span epub:type=\"index-term\">1921</span>, <a href=\"#ix-9\" epub:type=\"index-locator\">ch</a></li>",
		"<section epub:type=\"index-group\" class=\"index-group\">\n<h2>K</h2>",
		"<li id=\"i-kollantai\" epub:type=\"index-entry\"><span epub:type=\"index-term\">Kollantai</span>. <span epub:type=\"index-xref-preferred\" class=\"index-xref\"><em>see</em> <a href=\"#i-kollontai\" epub:type=\"index-term\">Kollontai</a></span></li>",
		"<span epub:type=\"index-term\">Kollontai</span>, <a href=\"#ix-1\" epub:type=\"index-locator\">3</a>, <a href=\"#ix-3\" epub:type=\"index-locator\">vii</a>. <span epub:type=\"index-xref-preferred\" class=\"index-xref\"><em>see</em> <span epub:type=\"index-term\">preferred</span></span>\n<ul epub:type=\"index-entry-list\" class=\"index-entries\">\n<li id=\"i-k-sub\" epub:type=\"index-entry\"><span epub:type=\"index-term\">pamphlet</span>, <a href=\"#ix-4\" epub:type=\"index-locator\">5</a></li>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing\n%s\nin\n%s", want, got)
		}
	}
	if strings.Contains(got, "dropped") {
		t.Errorf("an entry with see and see also kept both:\n%s", got)
	}
}

// manyLinks is a paragraph of n links to one URL of size bytes, named when
// named is set.
func manyLinks(n, size int, named bool) *doc.Paragraph {
	url := "https://example.com/" + strings.Repeat("b", size)
	p := &doc.Paragraph{BlockBase: doc.BlockBase{Pos: doc.Pos{File: "ch.md", Line: 3}}}
	for range n {
		l := &doc.Link{URL: url, External: true}
		if named {
			l.Content = []doc.Inline{&doc.Text{Text: "link"}}
		}
		p.Content = append(p.Content, l, &doc.Text{Text: " "})
	}
	return p
}

// Links that repeat a long URL make a document no larger than the bound
// on its links' addresses: past it, with one warning, a link is its text
// and an address without text is shortened.
func TestLinksWithinTheirBound(t *testing.T) {
	const size = 200_000
	for _, named := range []bool{true, false} {
		n := 2 * maxLinkBytes / size
		d := &page{}
		w := &Writer{}
		NewBody(w, d, Options{}).Blocks([]doc.Block{manyLinks(n, size, named)}, false)
		got := string(w.Bytes())
		want := `ch.md:3: [link.too-many] links in this chapter carry more than 16 MB of addresses; from this one on, each is kept as its text, an address without text shortened`
		if len(d.warnings) != 1 || d.warnings[0] != want {
			t.Errorf("named %v: warnings %q\nwant [%q]", named, d.warnings, want)
		}
		if len(got) > maxLinkBytes+n*200 {
			t.Errorf("named %v: %d links of %d bytes wrote %d bytes", named, n, size, len(got))
		}
		if !strings.HasSuffix(strings.TrimSpace(got), "</p>") || strings.Count(got, "<a ") < 10 {
			t.Errorf("named %v: %d links written whole, document ends %q", named, strings.Count(got, "<a "), got[max(0, len(got)-80):])
		}
	}
}

// BenchmarkManyLongLinks writes 20,000 links to one 20 KB URL: the URL is
// parsed once, and the document stays within the bound.
func BenchmarkManyLongLinks(b *testing.B) {
	p := manyLinks(20_000, 20_000, true)
	for b.Loop() {
		NewBody(&Writer{}, &page{}, Options{}).Blocks([]doc.Block{p}, false)
	}
}

// TestLinkedFigure: a picture its author made a link, alone in its
// paragraph, is a figure whose picture is the link; a link that leads
// nowhere the book can follow leaves the picture.
func TestLinkedFigure(t *testing.T) {
	figure := func(url string, external bool) *doc.Figure {
		img := &doc.Image{Alt: "shot", Asset: &doc.Asset{Path: "shot.png"}}
		return &doc.Figure{Image: img, Link: &doc.Link{URL: url, External: external, Content: []doc.Inline{img}},
			Caption: []doc.Inline{&doc.Text{Text: "A screenshot"}}}
	}
	for _, tc := range []struct {
		fig  *doc.Figure
		want string
	}{
		{figure("https://example.org/full", true), `<figure><a href="https://example.org/full"><img src="img/shot.png" alt="shot" width="4" height="3"/></a><figcaption>A screenshot</figcaption></figure>`},
		{figure("shot-full.png", false), `<figure><img src="img/shot.png" alt="shot" width="4" height="3"/><figcaption>A screenshot</figcaption></figure>`},
	} {
		w := &Writer{}
		NewBody(w, &page{}, Options{}).Blocks([]doc.Block{tc.fig}, false)
		if got := string(w.Bytes()); !strings.Contains(got, tc.want) {
			t.Errorf("got\n%s\nwant\n%s", got, tc.want)
		}
	}
}

// A summary is the control that opens its disclosure: a link in it is
// written as its text and a note reference after it, so that nothing in
// the control is a control too.
func TestDetailsSummaryHoldsNoControl(t *testing.T) {
	note := &doc.Note{Kind: doc.AnnotationNote, ID: "a1", Label: "a", Refs: 1, Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "A note."}}}}}
	summary := &doc.Div{Kind: doc.DivSummary, Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{
		&doc.Text{Text: "Recommended: "},
		&doc.Link{URL: "https://example.org/", External: true, Content: []doc.Inline{&doc.Text{Text: "validation"}}},
		&doc.NoteRef{Note: note},
	}}}}
	after := &doc.Paragraph{Content: []doc.Inline{
		&doc.Link{URL: "https://example.org/", External: true, Content: []doc.Inline{&doc.Text{Text: "kept"}}}}}
	blocks := []doc.Block{
		&doc.Div{Kind: doc.DivDetails, Blocks: []doc.Block{summary, &doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "Body."}}}}},
		after,
	}
	w := &Writer{}
	NewBody(w, &page{}, Options{}).Blocks(blocks, false)
	got := string(w.Bytes())
	want := `<details><summary>Recommended: validation</summary><sup class="noteref annotation"><a role="doc-noteref" id="ref-a1" href="#a1">a</a></sup>`
	if !strings.Contains(got, want) {
		t.Errorf("missing\n%s\nin\n%s", want, got)
	}
	if !strings.Contains(got, `<p><a href="https://example.org/">kept</a></p>`) {
		t.Errorf("a link after the disclosure lost its element:\n%s", got)
	}
}

func TestDetailsOpenAttribute(t *testing.T) {
	summary := &doc.Div{Kind: doc.DivSummary, Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "S"}}}}}
	for _, open := range []bool{true, false} {
		w := &Writer{}
		NewBody(w, &page{}, Options{}).Blocks([]doc.Block{&doc.Div{Kind: doc.DivDetails, Open: open, Blocks: []doc.Block{summary}}}, false)
		got := string(w.Bytes())
		want := "<details><summary>"
		if open {
			want = `<details open="open"><summary>`
		}
		if !strings.HasPrefix(got, want) {
			t.Errorf("open %v: got %q, want it to start %q", open, got, want)
		}
	}
}

// Code in a right-to-left language is marked left to right, so that a
// reading system keeps a command's parts in their order around an Arabic
// placeholder; in a left-to-right one it needs no mark.
func TestBodyCodeDirection(t *testing.T) {
	for _, c := range []struct{ lang, want string }{
		{"ar", `<code translate="no" dir="ltr">ls {{مسار}}</code>`},
		{"he", `<code translate="no" dir="ltr">ls {{מסלול}}</code>`},
		{"en", `<code translate="no">ls {{path}}</code>`},
	} {
		text := map[string]string{"ar": "ls {{مسار}}", "he": "ls {{מסלול}}", "en": "ls {{path}}"}[c.lang]
		w := &Writer{}
		b := NewBody(w, &page{}, Options{})
		b.SetLang(c.lang)
		b.Blocks([]doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Code{Text: text}}}}, false)
		if got := string(w.Bytes()); !strings.Contains(got, c.want) {
			t.Errorf("%s: got %s, want %s", c.lang, got, c.want)
		}
	}
}
