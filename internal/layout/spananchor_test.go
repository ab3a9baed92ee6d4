package layout

import (
	"fmt"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

func code(s string) *doc.Code { return &doc.Code{Text: s} }

func emph(ins ...doc.Inline) *doc.Emph { return &doc.Emph{Content: ins} }

// anchored is a bracketed span with an ID ([…]{#id}, or raw HTML's <a id>
// when it holds nothing).
func anchored(id string, ins ...doc.Inline) *doc.Span { return &doc.Span{ID: id, Content: ins} }

// TestSpanAnchorLines: a span with an ID marks the line where its content
// starts, whatever its content starts with and however the text around it
// breaks: in a word of running text, in a code token broken at its
// punctuation, in East Asian text broken between letters, in a word too
// wide for the line. An anchor met where a line breaks goes with the line
// after the break, where what it names is.
func TestSpanAnchorLines(t *testing.T) {
	icon := &doc.Asset{Path: "icon.png", MediaType: "image/png", Data: []byte{1}, Width: 32, Height: 16}
	shot := &doc.Asset{Path: "shot.png", MediaType: "image/png", Data: []byte{1}, Width: 300, Height: 150} // set apart
	long := strings.Repeat("Kollontai", 6)
	cases := []struct {
		name string
		ins  []doc.Inline
		// picFirst: the span starts with a picture, whose line is the one
		// with the picture; otherwise the line holding the span's first
		// letter.
		picFirst bool
		// atBreak: some width must put the anchor at the start of a line
		// after the first, so that a break falls right before it.
		atBreak bool
	}{
		{name: "text first", ins: []doc.Inline{txt(lorem), anchored("x", txt("the span"), code("--x")), txt(" " + lorem)}},
		{name: "code first, alone", ins: []doc.Inline{anchored("x", code("--reference-doc="), emph(txt("FILE")), txt("|"), emph(txt("URL")))}},
		{name: "code first, mid paragraph", ins: []doc.Inline{txt(lorem), anchored("x", code("--reference-doc="), emph(txt("FILE"))), txt(" " + lorem)}},
		{name: "code first, paragraph end", ins: []doc.Inline{txt(lorem), anchored("x", code("--reference-doc=FILE"))}},
		{name: "inside a code token", atBreak: true, ins: []doc.Inline{txt(lorem), code("alpha/beta/gamma/"), anchored("x", code("delta/epsilon/zeta/eta/theta")), txt(" " + lorem)}},
		{name: "empty, inside a code token", atBreak: true, ins: []doc.Inline{txt(lorem), code("alpha/beta/gamma/"), anchored("x"), code("delta/epsilon/zeta/eta/theta"), txt(" " + lorem)}},
		{name: "emphasis first", ins: []doc.Inline{txt(lorem), anchored("x", emph(txt("emphasised")), txt(" words")), txt(" " + lorem)}},
		{name: "link with code first", ins: []doc.Inline{txt(lorem), anchored("x", &doc.Link{URL: "https://example.org/", External: true, Content: []doc.Inline{code("example.org")}}), txt(" " + lorem)}},
		{name: "picture first", picFirst: true, ins: []doc.Inline{txt(lorem), anchored("x", &doc.Image{Src: "icon.png", Alt: "icon", Asset: icon}, txt(" pictured")), txt(" " + lorem)}},
		{name: "picture set apart first", picFirst: true, ins: []doc.Inline{txt(lorem), anchored("x", &doc.Image{Src: "shot.png", Alt: "shot", Asset: shot}, txt(" pictured")), txt(" " + lorem)}},
		{name: "inside a word too wide for the line", atBreak: true, ins: []doc.Inline{txt(lorem + long), anchored("x", emph(txt(long))), txt(" " + lorem)}},
		{name: "inside East Asian text", atBreak: true, ins: []doc.Inline{txt(lorem + "日本語の文章は単語の間に空白を置かない。"), anchored("x", txt("この文は錨を持つ。")), txt("後に続く文章もある。")}},
		{name: "empty, paragraph end", ins: []doc.Inline{txt(lorem + "end"), anchored("x")}},
	}
	e := testEngine(t, realFonts(t), true)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			segs := e.segsOf(c.ins, e.baseStyle(e.size), false)
			spanOff := -1
			for _, sg := range segs {
				if sg.mark != nil && sg.mark.refID == "x" {
					spanOff = sg.off
				}
			}
			if spanOff < 0 {
				t.Fatal("the span left no anchor point among the segs")
			}
			brokeAt := false
			for w := 60.0; w <= 420; w++ {
				lines := e.setPara(segs, w, 0, alignJustify)
				got := -1
				for i, ln := range lines {
					for _, mk := range ln.marks {
						if mk.refID == "x" {
							if got >= 0 {
								t.Fatalf("width %g: the anchor is on lines %d and %d", w, got, i)
							}
							got = i
						}
					}
				}
				want := spanLine(lines, spanOff, c.picFirst)
				if got != want {
					texts := make([]string, len(lines))
					for i, ln := range lines {
						texts[i], _ = lineText(e.m, ln)
					}
					t.Fatalf("width %g: the anchor is on line %d, its span starts on line %d of %q", w, got, want, texts)
				}
				if want > 0 && lines[want].off == spanOff {
					brokeAt = true
				}
			}
			if c.atBreak && !brokeAt {
				t.Error("no width broke the line right before the span: the case tests nothing of breaks")
			}
		})
	}
}

// spanLine is the line on which a span starting at rune offset off starts:
// the one with its picture, or the last to start at or before off.
func spanLine(lines []tline, off int, picFirst bool) int {
	if picFirst {
		for i, ln := range lines {
			for _, it := range ln.items {
				if _, ok := it.(*Picture); ok {
					return i
				}
			}
		}
		return -1
	}
	at := -1
	for i, ln := range lines {
		if ln.off >= 0 && ln.off <= off {
			at = i
		}
	}
	return at
}

// TestSpanAnchorPlaces: every span with an ID is a link target on the page
// and the line where its content is printed: at the start, in the middle
// and at the end of a paragraph, starting with code, emphasis, a link or a
// picture, in a heading, a list item, a table cell and a definition list's
// term. The cases are spread over pages by paragraphs between them.
func TestSpanAnchorPlaces(t *testing.T) {
	icon := &doc.Asset{Path: "icon.png", MediaType: "image/png", Data: []byte{1}, Width: 300, Height: 150}
	// Each first element starts with its case's marker, found on the page
	// to say where the span's content is: a word, or a picture's alt text.
	firsts := []struct {
		name  string
		first func(marker string) doc.Inline
	}{
		{"text", func(m string) doc.Inline { return txt(m + " plain") }},
		{"code", func(m string) doc.Inline { return code("--" + m + "=") }},
		{"emphasis", func(m string) doc.Inline { return emph(txt(m)) }},
		{"link", func(m string) doc.Inline {
			return &doc.Link{URL: "https://example.org/", External: true, Content: []doc.Inline{code(m + ".org")}}
		}},
		{"picture", func(m string) doc.Inline { return &doc.Image{Src: "icon.png", Alt: m, Asset: icon} }},
	}
	filler := func() doc.Block { return para(txt(strings.Repeat(lorem, 3))) }
	type place struct{ id, marker, name string }
	var cases []place
	var blocks []doc.Block
	add := func(name string, build func(span *doc.Span) doc.Block, first func(string) doc.Inline) {
		n := len(cases)
		id, marker := fmt.Sprintf("span-%d", n), fmt.Sprintf("Qz%02d", n)
		span := anchored(id, first(marker), emph(txt("FILE")), txt("|"), emph(txt("URL")))
		cases = append(cases, place{id: id, marker: marker, name: name})
		blocks = append(blocks, filler(), filler(), build(span))
	}
	for _, f := range firsts {
		add("paragraph start, "+f.name+" first", func(s *doc.Span) doc.Block { return para(s, txt(" "+lorem+lorem)) }, f.first)
		add("paragraph middle, "+f.name+" first", func(s *doc.Span) doc.Block { return para(txt(lorem+lorem), s, txt(" "+lorem)) }, f.first)
		add("paragraph end, "+f.name+" first", func(s *doc.Span) doc.Block { return para(txt(lorem+lorem), s) }, f.first)
		add("paragraph alone, "+f.name+" first", func(s *doc.Span) doc.Block { return para(s) }, f.first)
		add("heading, "+f.name+" first", func(s *doc.Span) doc.Block {
			return &doc.Heading{Level: 2, ID: s.ID + "-heading", Content: []doc.Inline{txt("The "), s, txt(" option")}}
		}, f.first)
		add("list item, "+f.name+" first", func(s *doc.Span) doc.Block {
			return &doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{para(txt(lorem))}}, {Blocks: []doc.Block{para(s, txt(" "+lorem))}}}}
		}, f.first)
		add("table cell, "+f.name+" first", func(s *doc.Span) doc.Block {
			return &doc.Table{Align: make([]doc.Align, 2), Header: []*doc.TableCell{{Content: []doc.Inline{txt("Option")}}, {Content: []doc.Inline{txt("Use")}}},
				Rows: [][]*doc.TableCell{
					{{Content: []doc.Inline{txt("other")}}, {Content: []doc.Inline{txt(lorem)}}},
					{{Content: []doc.Inline{s}}, {Content: []doc.Inline{txt(lorem)}}},
				}}
		}, f.first)
		add("definition term, "+f.name+" first", func(s *doc.Span) doc.Block {
			return &doc.Div{Kind: doc.DivTermList, Blocks: []doc.Block{
				&doc.Div{Kind: doc.DivTerm, Blocks: []doc.Block{para(s)}},
				&doc.Div{Kind: doc.DivTermDefinition, Blocks: []doc.Block{para(txt(lorem))}},
			}}
		}, f.first)
	}
	ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, Title: []doc.Inline{txt("Options")}}
	ch.Blocks = append([]doc.Block{&doc.Heading{Level: 1, ID: "options", Content: []doc.Inline{txt("Options")}}}, blocks...)
	book := &doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{ch}}
	// no contents, which would repeat the headings
	o := options(func(o *Options) { o.Hyphenate, o.ContentsDepth = true, 0 })
	d, err := Layout(book, realFonts(t), o)
	if err != nil {
		t.Fatal(err)
	}
	type at struct {
		page int
		y    float64 // an anchor's top, a text's or picture's baseline
		size float64
	}
	anchors := map[string][]at{}
	markers := map[string][]at{}
	pages := map[int]bool{}
	for pi, p := range d.Pages {
		for _, a := range p.Anchors {
			anchors[a.Name] = append(anchors[a.Name], at{page: pi, y: a.Y})
		}
		for _, it := range p.Items {
			switch it := it.(type) {
			case *Text:
				if it.Y < o.MarginTop {
					continue // a running head, repeating a heading
				}
				for _, c := range cases {
					if strings.Contains(it.Text, c.marker) {
						markers[c.marker] = append(markers[c.marker], at{page: pi, y: it.Y, size: it.Size})
					}
				}
			case *Picture:
				// set at the height of the text, its foot below the baseline
				base := it.Y + it.H - inlinePictureDepth/inlinePictureHeight*it.H
				markers[it.Alt] = append(markers[it.Alt], at{page: pi, y: base, size: it.H / inlinePictureHeight})
			}
		}
	}
	for _, c := range cases {
		as, ms := anchors[c.id], markers[c.marker]
		if len(as) != 1 || len(ms) != 1 {
			t.Errorf("%s: %d anchors, %d places of its content, want one of each", c.name, len(as), len(ms))
			continue
		}
		a, m := as[0], ms[0]
		pages[m.page] = true
		// The anchor is the top of the line whose baseline the content
		// sits on: less than a line above it, and not below it.
		if a.page != m.page || m.y < a.y || m.y-a.y > 1.5*m.size {
			t.Errorf("%s: the anchor is on page %d at %.1f, its content on page %d at %.1f", c.name, a.page+1, a.y, m.page+1, m.y)
		}
	}
	if len(pages) < 10 {
		t.Errorf("the cases fell on %d pages: too few to test which page an anchor goes to", len(pages))
	}
}

// TestLinkEndingInCodeNamesItsPage: a link that names its page marks where
// it ends, to know its own page; that mark holds when the link's text ends
// in code, so the pages settle: no page after a link to its own page, the
// target's after one to another page.
func TestLinkEndingInCodeNamesItsPage(t *testing.T) {
	near := &doc.Link{Entry: "ch", Anchor: "near", Page: doc.PageAfter, Content: []doc.Inline{txt("see "), code("--near")}}
	far := &doc.Link{Entry: "ch", Anchor: "far", Page: doc.PageAfter, Content: []doc.Inline{txt("see "), code("--far")}}
	ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, Title: []doc.Inline{txt("Chapter")}}
	ch.Blocks = []doc.Block{
		&doc.Heading{Level: 1, ID: "chapter", Content: []doc.Inline{txt("Chapter")}},
		para(anchored("near", txt("Near")), txt(" is here.")),
		para(txt("Nearby: "), near, txt(". Further: "), far, txt(".")),
	}
	for range 40 {
		ch.Blocks = append(ch.Blocks, para(txt(strings.Repeat(lorem, 2))))
	}
	ch.Blocks = append(ch.Blocks, para(anchored("far", txt("Far")), txt(" is there.")))
	book := &doc.Book{Meta: doc.Meta{Title: "T", Language: "en"}, Entries: []*doc.Entry{ch}}
	d, err := Layout(book, realFonts(t), options(func(o *Options) { o.PageReferences = "(p. {page})" }))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range d.Warnings {
		t.Errorf("warning: %v", w)
	}
	farLabel, ok := d.PageMap.Anchors["far"]
	if !ok || farLabel == d.PageMap.Anchors["near"] {
		t.Fatalf("the far target is on page %q, the near one on %q: want two pages", farLabel, d.PageMap.Anchors["near"])
	}
	for _, p := range d.Pages {
		var words []string
		for _, it := range p.Items {
			if tx, ok := it.(*Text); ok {
				words = append(words, tx.Text)
			}
		}
		line := strings.Join(words, " ")
		if i := strings.Index(line, "Nearby:"); i >= 0 {
			if want := "Nearby: see --near . Further: see --far (p. " + farLabel + ")"; !strings.HasPrefix(line[i:], want) {
				t.Errorf("the links read %q, want %q", line[i:min(len(line), i+len(want)+10)], want)
			}
		}
	}
}
