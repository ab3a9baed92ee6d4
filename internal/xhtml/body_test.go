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
	}
	return ""
}

func (p *page) Level(h *doc.Heading) int      { return h.Level }
func (p *page) NoteLabel(n *doc.Note) string  { return n.Label }
func (p *page) Backlink(n *doc.Note) string   { return n.RefID(0) }
func (p *page) Marks(b doc.Block) []*PageMark { return p.marks[b] }
func (p *page) Placed(m *PageMark)            { p.placed = append(p.placed, m.Label) }

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
		`<a href="#top">up</a> no <img src="img/map.png" alt="map" width="4" height="3"/><sup>2</sup></p>`,
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
