package layout

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

func testFigure(id string, w, h int) *doc.Figure {
	return &doc.Figure{ID: id, Image: &doc.Image{Src: id + ".png", Alt: "a picture", Asset: &doc.Asset{Path: id + ".png", MediaType: "image/png", Data: []byte{1}, Width: w, Height: h}},
		Caption: []doc.Inline{txt("The caption of " + id + ", which is long enough to take two lines under the picture it describes.")}}
}

// floatBook has a chapter whose first figure comes after lead paragraphs,
// so that over a range of lead it falls at every height of a page; two
// figures follow it closely, and one ends the chapter.
func floatBook(lead int) *doc.Book {
	ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Title: []doc.Inline{txt("Pictures")}}
	for i := 0; i < lead; i++ {
		ch.Blocks = append(ch.Blocks, para(txt(lorem+lorem)))
	}
	ch.Blocks = append(ch.Blocks, testFigure("fig-1", 400, 300))
	for i := 0; i < 3; i++ {
		ch.Blocks = append(ch.Blocks, para(txt(lorem+lorem+lorem)))
	}
	ch.Blocks = append(ch.Blocks, testFigure("fig-2", 300, 300), para(txt(lorem)), testFigure("fig-3", 500, 200))
	for i := 0; i < 6; i++ {
		ch.Blocks = append(ch.Blocks, para(txt(lorem+lorem+lorem)))
	}
	ch.Blocks = append(ch.Blocks, testFigure("fig-4", 400, 300))
	next := &doc.Entry{ID: "next", Kind: doc.KindChapter, File: "next.md", Title: []doc.Inline{txt("After")}, Blocks: []doc.Block{para(txt(lorem))}}
	return &doc.Book{Meta: doc.Meta{Title: "Floats", Language: "en"}, Entries: []*doc.Entry{ch, next}}
}

// TestFiguresFloat: a figure that does not fit the rest of a page goes to
// the top of the next, with its caption, while the text after it fills the
// page; figures keep their order and stay in their chapter.
func TestFiguresFloat(t *testing.T) {
	o := a5()
	m := realFonts(t)
	for lead := 0; lead <= 12; lead++ {
		t.Run(fmt.Sprint(lead), func(t *testing.T) {
			b := floatBook(lead)
			d := checkBook(t, b, m, o)
			_, infos := traced(t, b, m, o)
			g, _ := newGeom(o, o.Gutter)
			figPage := map[string]int{}
			figY := map[string]float64{}
			for pi, p := range d.Pages {
				for _, a := range p.Anchors {
					figPage[a.Name], figY[a.Name] = pi, a.Y
				}
			}
			prev := -1
			prevY := 0.0
			for _, id := range []string{"fig-1", "fig-2", "fig-3", "fig-4"} {
				pi := figPage[id]
				if pi < prev || (pi == prev && figY[id] <= prevY) {
					t.Errorf("%s on page %s comes before the figure ahead of it", id, d.Pages[pi].Label)
				}
				prev, prevY = pi, figY[id]
				if pi >= figPage["next"] {
					t.Errorf("%s printed after its chapter ended", id)
				}
				// the caption is on the picture's page, right under it
				var pic *Picture
				for _, it := range d.Pages[pi].Items {
					if p, ok := it.(*Picture); ok && p.Asset.Path == id+".png" {
						pic = p
					}
				}
				if pic == nil {
					t.Fatalf("%s: no picture on page %s", id, d.Pages[pi].Label)
				}
				found := false
				for _, it := range d.Pages[pi].Items {
					if tx, ok := it.(*Text); ok && tx.Text == "caption" && tx.Y > pic.Y+pic.H && tx.Y < pic.Y+pic.H+3*o.FontSize {
						found = true
					}
				}
				if !found {
					t.Errorf("%s: caption not under its picture", id)
				}
			}
			// No page holds under the figures at its top a lone line of a
			// paragraph, parted from the rest of it.
			for pi, info := range infos {
				var text []*elem
				for _, el := range info.placed {
					if !el.space {
						text = append(text, el)
					}
				}
				if len(info.floats) > 0 && len(text) == 1 && text[0].lines >= 2 {
					t.Errorf("page %s: one line of a paragraph under its figures", d.Pages[pi].Label)
				}
			}
			// Every page of the chapter up to its last text is full to
			// within a few lines: no gap where a figure did not fit. (A
			// figure ending the chapter may have a page of its own.)
			last := figPage["next"] - 1
			for last > 0 && len(infos[last].placed) == 0 {
				last--
			}
			for pi := figPage["ch"]; pi < last; pi++ {
				used := 0.0
				for _, el := range infos[pi].placed {
					used += el.h
				}
				for _, el := range infos[pi].floats {
					used += el.h
					if el.float > 0 {
						used += g.lead * 0.8 // the gap under a figure at the top
					}
				}
				for _, c := range infos[pi].foot {
					used += c.height()
				}
				if infos[pi].kind == pkOpening {
					continue
				}
				if gap := g.textH - used; gap > 3*g.lead {
					t.Errorf("page %s left %.0fpt (%.1f lines) empty", d.Pages[pi].Label, gap, gap/g.lead)
				}
			}
		})
	}
}

// TestFigureUnderHeading: a figure right under a heading that must wait
// for the next page takes its heading with it or leaves it with the text
// after it, whatever the height the heading falls at, never last on its
// page; the paragraph after a figure is indented as if the figure were
// not there (it may float away from it).
func TestFigureUnderHeading(t *testing.T) {
	o := a5()
	m := realFonts(t)
	for lead := 0; lead <= 10; lead++ {
		t.Run(fmt.Sprint(lead), func(t *testing.T) {
			ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Title: []doc.Inline{txt("Pictures")}}
			ch.Blocks = append(ch.Blocks, para(txt("Alpha "+lorem)))
			for i := 0; i < lead; i++ {
				ch.Blocks = append(ch.Blocks, para(txt("Beta "+lorem+lorem)))
			}
			fig := testFigure("fig", 400, 300)
			ch.Blocks = append(ch.Blocks, &doc.Heading{Level: 2, ID: "sec", Content: []doc.Inline{txt("A section opening on a figure")}}, fig,
				para(txt("Zebra "+lorem)), para(txt(lorem+lorem+lorem)), testFigure("fig-2", 400, 300), para(txt("Xylophone "+lorem)))
			b := &doc.Book{Meta: doc.Meta{Title: "Floats", Language: "en"}, Entries: []*doc.Entry{ch}}
			d, infos := traced(t, b, m, o)
			page := anchorPages(d)
			// The heading goes with its figure, or stays with the text
			// after it, the figure waiting: never is it last on a page.
			if page["sec"] > page["fig"] {
				t.Errorf("the heading is on page %d, its figure on page %d", page["sec"]+1, page["fig"]+1)
			}
			for pi, info := range infos {
				k := len(info.placed) - 1
				for k >= 0 && info.placed[k].space {
					k--
				}
				if k >= 0 && info.placed[k].heading && pi < len(infos)-1 {
					t.Errorf("page %d ends with a heading", pi+1)
				}
			}
			// where each paragraph's first word stands from the margin
			g, _ := newGeom(o, o.Gutter)
			x := map[string]float64{}
			for _, p := range d.Pages {
				for _, it := range p.Items {
					if tx, ok := it.(*Text); ok && strings.Contains("Alpha Beta Zebra Xylophone", tx.Text) {
						if _, seen := x[tx.Text]; !seen {
							x[tx.Text] = math.Round(tx.X - g.left(p.Recto))
						}
					}
				}
			}
			if x["Zebra"] != x["Alpha"] || !(x["Xylophone"] > x["Alpha"]) {
				t.Errorf("first words from the margin %v: after a figure under a heading a paragraph is not indented; after one in the text it is", x)
			}
		})
	}
}

// TestHeadingOverFigureEndingChapter: a heading over a figure that ends
// its chapter and must wait has no text after it to stay with, so it goes
// over with the figure however short that leaves its page (Kata
// Containers' threat model ends so), and that page, which ends the
// chapter's text, is not stretched down to the foot of the text block.
func TestHeadingOverFigureEndingChapter(t *testing.T) {
	o := a5()
	m := realFonts(t)
	g, _ := newGeom(o, o.Gutter)
	shortSeen := false
	for lead := 0; lead <= 8; lead++ {
		ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Title: []doc.Inline{txt("Pictures")}}
		for i := 0; i <= lead; i++ {
			ch.Blocks = append(ch.Blocks, para(txt(lorem)))
		}
		ch.Blocks = append(ch.Blocks, &doc.Heading{Level: 2, ID: "sec", Content: []doc.Inline{txt("The model")}}, testFigure("fig", 400, 300))
		b := &doc.Book{Meta: doc.Meta{Title: "Floats", Language: "en"}, Entries: []*doc.Entry{ch}}
		d, infos := traced(t, b, m, o)
		page := anchorPages(d)
		if page["sec"] != page["fig"] {
			t.Errorf("%d paragraphs: the heading is on page %d, its figure on page %d", lead+1, page["sec"]+1, page["fig"]+1)
			continue
		}
		before := page["sec"] - 1
		if before < 0 || len(infos[before].placed) == 0 || infos[before].entry != ch {
			continue
		}
		used := 0.0
		for _, el := range infos[before].placed {
			used += el.h
		}
		if g.textH-used <= maxGapForHeading*g.lead {
			continue // the page was filled to within a few lines
		}
		shortSeen = true
		lastY := 0.0
		for _, it := range d.Pages[before].Items {
			if tx, ok := it.(*Text); ok && tx.Size == o.FontSize {
				lastY = max(lastY, tx.Y)
			}
		}
		if bottom := g.top + g.textH - g.lead; lastY > bottom-2*g.lead {
			t.Errorf("%d paragraphs: page %d, %.0fpt short, is stretched: its last line at %.0fpt, the text block's at %.0fpt", lead+1, before+1, g.textH-used, lastY, bottom)
		}
	}
	if !shortSeen {
		t.Error("no page was left more than a few lines short: the test tests nothing")
	}
}

// TestTallFigureAlone: a figure that waits for the next page and leaves
// under it room for no more than a line of the paragraph that goes on
// there has that page to itself, over a range of caption lengths (so of
// room left under it) and of heights it is met at.
func TestTallFigureAlone(t *testing.T) {
	o := a5()
	m := realFonts(t)
	for words := 20; words <= 120; words += 10 {
		for lead := 0; lead <= 6; lead++ {
			ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Title: []doc.Inline{txt("Pictures")}}
			for i := 0; i < lead; i++ {
				ch.Blocks = append(ch.Blocks, para(txt(lorem+lorem)))
			}
			fig := testFigure("tall", 300, 2000)
			fig.Caption = []doc.Inline{txt(strings.Repeat("caption ", words))}
			ch.Blocks = append(ch.Blocks, para(txt(lorem+lorem+lorem)), fig, para(txt(lorem+lorem+lorem+lorem+lorem)), para(txt(lorem+lorem)))
			b := &doc.Book{Meta: doc.Meta{Title: "Floats", Language: "en"}, Entries: []*doc.Entry{ch}}
			d, infos := traced(t, b, m, o)
			for pi, info := range infos {
				var text []*elem
				for _, el := range info.placed {
					if !el.space {
						text = append(text, el)
					}
				}
				if len(info.floats) > 0 && len(text) == 1 && text[0].lines >= 2 {
					t.Errorf("caption of %d words after %d paragraphs: page %s has one line of a paragraph under its figure", words, lead, d.Pages[pi].Label)
				}
			}
		}
	}
}

// TestSpaceStaysWhenFigureWaits: a figure that waits for a later page
// takes its own space with it but leaves the space a heading after it
// asked for, so the heading keeps its room above on the page the text
// goes on filling, at whatever height the figure is met.
func TestSpaceStaysWhenFigureWaits(t *testing.T) {
	o := a5()
	m := realFonts(t)
	chapter := func(lead int, figure bool) *doc.Book {
		ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Title: []doc.Inline{txt("Pictures")}}
		for i := 0; i < lead; i++ {
			ch.Blocks = append(ch.Blocks, para(txt(lorem+lorem)))
		}
		ch.Blocks = append(ch.Blocks, para(txt(lorem)))
		if figure {
			ch.Blocks = append(ch.Blocks, testFigure("fig", 400, 500))
		}
		ch.Blocks = append(ch.Blocks, &doc.Heading{Level: 2, ID: "sec", Content: []doc.Inline{txt("The section after the figure")}},
			para(txt(lorem+lorem+lorem)), para(txt(lorem+lorem)))
		return &doc.Book{Meta: doc.Meta{Title: "Floats", Language: "en"}, Entries: []*doc.Entry{ch}}
	}
	// the space above the heading where no figure comes before it
	want := 0.0
	_, infos := traced(t, chapter(0, false), m, o)
	for _, info := range infos {
		for k, el := range info.placed {
			if el.heading && k > 0 {
				want = spaceOf(info.placed[k-1])
			}
		}
	}
	if !(want > 0) {
		t.Fatal("no space above the heading in the chapter without the figure")
	}
	waited := 0
	for lead := 0; lead <= 10; lead++ {
		d, infos := traced(t, chapter(lead, true), m, o)
		for pi, info := range infos {
			for k, el := range info.placed {
				if !el.heading || k == 0 || figureOn(d.Pages[pi], "fig") {
					continue // the figure stayed in the text, or was set at the top
				}
				waited++
				if got := spaceOf(info.placed[k-1]); math.Abs(got-want) > 1e-6 {
					t.Errorf("%d paragraphs before the figure: on page %s the heading after the waiting figure has %.1fpt of space above it, want %.1fpt", lead, d.Pages[pi].Label, got, want)
				}
			}
		}
	}
	if waited == 0 {
		t.Fatal("the figure never waited with the heading on the page before it: the test tests nothing")
	}
}

func figureOn(p *Page, id string) bool {
	for _, a := range p.Anchors {
		if a.Name == id {
			return true
		}
	}
	return false
}

func spaceOf(el *elem) float64 {
	if el.space {
		return el.h
	}
	return 0
}

// TestSpaceUnderHeadingWhenFigureWaits: a heading that stays with the
// text after it while the figure under it waits for a later page keeps
// at least the space it asks for under itself.
func TestSpaceUnderHeadingWhenFigureWaits(t *testing.T) {
	o := a5()
	m := realFonts(t)
	chapter := func(lead int, figure bool) *doc.Book {
		ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Title: []doc.Inline{txt("Pictures")}}
		for i := 0; i < lead; i++ {
			ch.Blocks = append(ch.Blocks, para(txt(lorem+lorem)))
		}
		ch.Blocks = append(ch.Blocks, &doc.Heading{Level: 2, ID: "sec", Content: []doc.Inline{txt("A section opening on a figure")}})
		if figure {
			ch.Blocks = append(ch.Blocks, testFigure("fig", 400, 500))
		}
		ch.Blocks = append(ch.Blocks, para(txt(lorem+lorem+lorem)), para(txt(lorem+lorem)))
		return &doc.Book{Meta: doc.Meta{Title: "Floats", Language: "en"}, Entries: []*doc.Entry{ch}}
	}
	under := func(info pageInfo) (float64, bool) {
		for k, el := range info.placed {
			if el.heading && k+1 < len(info.placed) {
				return spaceOf(info.placed[k+1]), true
			}
		}
		return 0, false
	}
	want := 0.0
	_, infos := traced(t, chapter(0, false), m, o)
	for _, info := range infos {
		if h, ok := under(info); ok {
			want = h
		}
	}
	if !(want > 0) {
		t.Fatal("no space under the heading in the chapter without the figure")
	}
	waited := 0
	for lead := 0; lead <= 10; lead++ {
		d, infos := traced(t, chapter(lead, true), m, o)
		for pi, info := range infos {
			got, ok := under(info)
			if !ok || figureOn(d.Pages[pi], "fig") {
				continue
			}
			waited++
			if got < want-1e-6 {
				t.Errorf("%d paragraphs before the heading: on page %s the heading over the waiting figure has %.1fpt of space under it, want %.1fpt or more", lead, d.Pages[pi].Label, got, want)
			}
		}
	}
	if waited == 0 {
		t.Fatal("the figure never waited with the heading on the page before it: the test tests nothing")
	}
}
