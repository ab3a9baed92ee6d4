package layout

import (
	"math"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestPictureSizes: a size the author gave a picture is honoured relative
// to the measure and the type size, the other side in proportion, within
// the text block; without one, a picture is its size in CSS pixels, at
// most the measure.
func TestPictureSizes(t *testing.T) {
	o := a5()
	m := realFonts(t)
	g, _ := newGeom(o, o.Gutter)
	length := func(s string) doc.Length {
		l, ok := doc.ParseLength(s)
		if !ok && s != "" {
			t.Fatalf("bad length %q", s)
		}
		return l
	}
	for _, c := range []struct {
		name          string
		pw, ph        int    // the picture's pixels
		width, height string // the author's size
		w, h          float64
	}{
		{"small picture at its size", 200, 100, "", "", 150, 75},
		{"large picture at the measure", 3000, 1500, "", "", g.textW, g.textW / 2},
		{"half the measure", 3000, 1500, "50%", "", g.textW / 2, g.textW / 4},
		{"a small picture enlarged to half the measure", 100, 50, "50%", "", g.textW / 2, g.textW / 4},
		{"pixels", 3000, 1500, "300", "", 225, 112.5},
		{"height in inches", 3000, 1500, "", "1in", 144, 72},
		{"ems of the type size", 3000, 1500, "10em", "", 105, 52.5},
		{"both sides, as given", 300, 300, "2in", "1in", 144, 72},
		{"wider than the measure", 300, 100, "200%", "", g.textW, g.textW / 3},
		{"a percentage height means nothing", 200, 100, "", "50%", 150, 75},
	} {
		t.Run(c.name, func(t *testing.T) {
			fig := &doc.Figure{Image: &doc.Image{Src: "p.png", Alt: "a picture", Width: length(c.width), Height: length(c.height),
				Asset: &doc.Asset{Path: "p.png", MediaType: "image/png", Data: []byte{1}, Width: c.pw, Height: c.ph}}}
			b := &doc.Book{Meta: doc.Meta{Title: "Sizes", Language: "en"}, Entries: []*doc.Entry{{ID: "ch", Kind: doc.KindChapter, File: "ch.md",
				Title: []doc.Inline{txt("Sizes")}, Blocks: []doc.Block{para(txt(lorem)), fig}}}}
			d := checkBook(t, b, m, o)
			pics := itemsOf[*Picture](d)
			if len(pics) != 1 {
				t.Fatalf("%d pictures printed, want 1", len(pics))
			}
			if p := pics[0]; math.Abs(p.W-c.w) > 0.01 || math.Abs(p.H-c.h) > 0.01 {
				t.Errorf("printed %.2f x %.2f pt, want %.2f x %.2f", p.W, p.H, c.w, c.h)
			}
		})
	}
}

// TestInlinePictures: a picture in a line of text is drawn in the line at
// the height of the text, standing on the descenders, without changing
// the leading; one without data is named instead.
func TestInlinePictures(t *testing.T) {
	o := a5()
	m := realFonts(t)
	icon := &doc.Asset{Path: "icon.png", MediaType: "image/png", Data: []byte{1}, Width: 32, Height: 16}
	lines := para(txt(lorem), &doc.Image{Src: "icon.png", Alt: "an icon", Asset: icon}, txt(" and "),
		&doc.Image{Src: "gone.png", Alt: "a missing icon"}, txt(" "+lorem))
	plain := para(txt(lorem), txt(" and "), txt(" "+lorem))
	b := &doc.Book{Meta: doc.Meta{Title: "Icons", Language: "en"}, Entries: []*doc.Entry{{ID: "ch", Kind: doc.KindChapter, File: "ch.md",
		Title: []doc.Inline{txt("Icons")}, Blocks: []doc.Block{lines, plain}}}}
	d := checkBook(t, b, m, o)
	var pic *Picture
	var named bool
	baselines := map[float64]bool{}
	for _, p := range d.Pages {
		for _, it := range p.Items {
			switch it := it.(type) {
			case *Picture:
				pic = it
			case *Text:
				named = named || it.Text == "[a"
				if it.Face.Family == 0 && it.Size == o.FontSize {
					baselines[it.Y] = true
				}
			}
		}
	}
	if pic == nil {
		t.Fatal("the inline picture was not drawn")
	}
	if math.Abs(pic.H-o.FontSize) > 0.01 || math.Abs(pic.W-2*o.FontSize) > 0.01 {
		t.Errorf("the picture is %.2f x %.2f pt, want %.2f x %.2f", pic.W, pic.H, 2*o.FontSize, o.FontSize)
	}
	if bottom := pic.Y + pic.H; !baselines[bottom-inlinePictureDepth*o.FontSize] {
		t.Errorf("the picture's foot %.2f is not %.2f below a baseline of the text", bottom, inlinePictureDepth*o.FontSize)
	}
	if !named {
		t.Error("the picture without data is not named in the text")
	}
}

// TestInlinePictureSizes: a picture in a line of text given a size is
// drawn at it, standing on the baseline, the other side in proportion and
// within the measure; a line it rises out of grows to keep it off the
// line above, as far as the space under that line's letters, and a line
// it stays within keeps its leading. A height in percent alone is no size.
func TestInlinePictureSizes(t *testing.T) {
	o := a5()
	m := realFonts(t)
	g, _ := newGeom(o, o.Gutter)
	size, lead := o.FontSize, o.FontSize*o.Leading
	base := baseline(size, lead)
	for _, c := range []struct {
		name          string
		width, height string
		w, h          float64
		onBaseline    bool // the foot on the baseline, not on the descenders
	}{
		{"pixels", "40", "", 30, 15, true},
		{"ems of the type", "", "1.5em", 3 * size, 1.5 * size, true},
		{"lower than the letters", "", "0.5em", size, 0.5 * size, true},
		{"both sides, as given", "2cm", "1cm", 72 / 2.54 * 2, 72 / 2.54, true},
		{"half the measure", "50%", "", g.textW / 2, g.textW / 4, true},
		{"wider than the measure", "200%", "", g.textW, g.textW / 2, true},
		{"taller than a figure may be", "1in", "20in", g.textH * maxPictureShare / 20, g.textH * maxPictureShare, true},
		{"a percentage height is no size", "", "50%", 2 * size, size, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			w, _ := doc.ParseLength(c.width)
			h, _ := doc.ParseLength(c.height)
			img := &doc.Image{Src: "badge.png", Alt: "a badge", Width: w, Height: h,
				Asset: &doc.Asset{Path: "badge.png", MediaType: "image/png", Data: []byte{1}, Width: 60, Height: 30}}
			text := lorem + lorem // short enough for one page, whose lines keep their leading
			b := &doc.Book{Meta: doc.Meta{Title: "Badges", Language: "en"}, Entries: []*doc.Entry{{ID: "ch", Kind: doc.KindChapter, File: "ch.md",
				Title: []doc.Inline{txt("Badges")}, Blocks: []doc.Block{para(txt(text), img, txt(" "+text))}}}}
			d := checkBook(t, b, m, o)
			var pic *Picture
			var baselines []float64 // of the body text on the picture's page
			for _, p := range d.Pages {
				var here []float64
				var found *Picture
				for _, it := range p.Items {
					switch it := it.(type) {
					case *Picture:
						found = it
					case *Text:
						if it.Face.Family == 0 && it.Size == size && (len(here) == 0 || here[len(here)-1] != it.Y) {
							here = append(here, it.Y)
						}
					}
				}
				if found != nil {
					pic, baselines = found, here
				}
			}
			if pic == nil {
				t.Fatal("the picture was not drawn")
			}
			if math.Abs(pic.W-c.w) > 0.01 || math.Abs(pic.H-c.h) > 0.01 {
				t.Errorf("printed %.2f x %.2f pt, want %.2f x %.2f", pic.W, pic.H, c.w, c.h)
			}
			foot := pic.Y + pic.H // the baseline of the picture's line
			if !c.onBaseline {
				foot -= inlinePictureDepth * size
			}
			above, below := -1, -1 // the lines above and below the picture's
			for i, y := range baselines {
				if y < foot-0.01 {
					above = i
				} else if y > foot+0.01 && below < 0 {
					below = i
				}
			}
			if below < 0 {
				t.Fatalf("the picture's line (baseline %.2f) is the paragraph's last %v", foot, baselines)
			}
			if gap := baselines[below] - foot; math.Abs(gap-lead) > 0.01 {
				t.Errorf("the line after the picture's is %.2f pt under it, want the leading %.2f", gap, lead)
			}
			if above < 0 {
				// A picture too tall for the rest of its page takes its
				// line to the top of the next, inside the text block.
				if pic.Y < g.top-0.01 {
					t.Errorf("the picture's top %.2f is above the text block's %.2f", pic.Y, g.top)
				}
				return
			}
			// The line grows by as much as the picture rises out of it.
			wantGap := lead + math.Max(0, foot-pic.Y-base)
			if !c.onBaseline {
				wantGap = lead
			}
			if gap := foot - baselines[above]; math.Abs(gap-wantGap) > 0.01 {
				t.Errorf("the picture's line is %.2f pt under the line above, want %.2f", gap, wantGap)
			}
			if clear := pic.Y - baselines[above]; clear < lead-base-0.01 {
				t.Errorf("the picture's top is %.2f pt under the baseline above, less than the %.2f under its letters", clear, lead-base)
			}
		})
	}
}

// TestInlinePictureInTable: a sized picture in a table's cell keeps within
// its column, stands at the top of its row beside the first line of the
// next cell, and its row grows to keep it under the row above.
func TestInlinePictureInTable(t *testing.T) {
	o := a5()
	m := realFonts(t)
	img := &doc.Image{Src: "badge.png", Alt: "a badge", Width: doc.Length{Value: 400, Unit: "px"},
		Asset: &doc.Asset{Path: "badge.png", MediaType: "image/png", Data: []byte{1}, Width: 300, Height: 150}}
	cell := func(ins ...doc.Inline) *doc.TableCell { return &doc.TableCell{Content: ins} }
	table := &doc.Table{Header: []*doc.TableCell{cell(txt("Badge")), cell(txt("What it says"))},
		Rows: [][]*doc.TableCell{{cell(img, txt(" passing")), cell(txt(lorem + lorem))}}}
	b := &doc.Book{Meta: doc.Meta{Title: "Badges", Language: "en"}, Entries: []*doc.Entry{{ID: "ch", Kind: doc.KindChapter, File: "ch.md",
		Title: []doc.Inline{txt("Badges")}, Blocks: []doc.Block{table}}}}
	d := checkBook(t, b, m, o)
	pic, texts := lastOf(itemsOf[*Picture](d)), itemsOf[*Text](d)
	if pic == nil {
		t.Fatal("the picture was not drawn")
	}
	if pic.W >= 300 || math.Abs(pic.H-pic.W/2) > 0.01 {
		t.Errorf("printed %.2f x %.2f pt, want narrower than 300 pt, half as high as wide", pic.W, pic.H)
	}
	size := o.FontSize * 0.9 // a table's type
	var head, firstLine *Text
	for _, tx := range texts {
		switch {
		case tx.Text == "Badge":
			head = tx
		case tx.Size == size && firstLine == nil && tx.X > pic.X && tx.Y > pic.Y:
			firstLine = tx // the first line of the second column's text
		}
	}
	if head == nil || firstLine == nil {
		t.Fatal("the table's text was not set")
	}
	if firstLine.X < pic.X+pic.W {
		t.Errorf("the picture reaches %.2f, into the next column at %.2f", pic.X+pic.W, firstLine.X)
	}
	if top := firstLine.Y - baseline(size, size*1.3); math.Abs(pic.Y-top) > 0.01 {
		t.Errorf("the picture's top %.2f is not the top %.2f of the line beside it", pic.Y, top)
	}
	if pic.Y < head.Y+0.2*size {
		t.Errorf("the picture's top %.2f overprints the head's line, baseline %.2f", pic.Y, head.Y)
	}
}

// TestLinkedInlinePicture: a link around a picture taller than its text
// (a badge) is clickable over the whole picture.
func TestLinkedInlinePicture(t *testing.T) {
	o := a5()
	m := realFonts(t)
	img := &doc.Image{Src: "badge.png", Alt: "build", Height: doc.Length{Value: 3, Unit: "em"},
		Asset: &doc.Asset{Path: "badge.png", MediaType: "image/png", Data: []byte{1}, Width: 100, Height: 20}}
	link := &doc.Link{URL: "https://example.org/ci", External: true, Content: []doc.Inline{img}}
	b := &doc.Book{Meta: doc.Meta{Title: "Badges", Language: "en"}, Entries: []*doc.Entry{{ID: "ch", Kind: doc.KindChapter, File: "ch.md",
		Title: []doc.Inline{txt("Badges")}, Blocks: []doc.Block{para(txt("A badge "), link, txt(" in the text."))}}}}
	d := checkBook(t, b, m, o)
	pic := lastOf(itemsOf[*Picture](d))
	var area *Link
	for _, l := range itemsOf[*Link](d) {
		if l.URL == link.URL {
			area = l
		}
	}
	if pic == nil || area == nil {
		t.Fatalf("picture %v, link %v; want both", pic, area)
	}
	if area.X > pic.X+0.01 || area.Y > pic.Y+0.01 || area.X+area.W < pic.X+pic.W-0.01 || area.Y+area.H < pic.Y+pic.H-0.01 {
		t.Errorf("the link %+v does not cover the picture %+v", area.Rect, pic.Rect)
	}
}

// TestLinkedFigure: a figure whose picture is a link is printed as any
// figure, the link a clickable area over the picture; a link the book
// cannot follow leaves the picture alone.
func TestLinkedFigure(t *testing.T) {
	o := a5()
	m := realFonts(t)
	for _, c := range []struct {
		name string
		link doc.Link
		want *Link // the area's target; nil for none
	}{
		{"to the web", doc.Link{URL: "https://example.org/full", External: true}, &Link{URL: "https://example.org/full"}},
		{"within the book", doc.Link{URL: "#ch", Entry: "ch"}, &Link{Anchor: "ch"}},
		{"nowhere it can follow", doc.Link{URL: "full.png"}, nil},
	} {
		for _, alt := range []string{"a picture", ""} {
			name := c.name
			if alt == "" {
				name += ", no description"
			}
			t.Run(name, func(t *testing.T) {
				linkedFigure(t, m, o, alt, c.link, c.want)
			})
		}
	}
}

// linkedFigure lays out a figure of a picture described as alt, made the
// link link, and checks the area over it leads to want (nil: no area);
// the area is a link element of the structure, the picture an artifact
// when nothing describes it.
func linkedFigure(t *testing.T, m Metrics, o Options, alt string, link doc.Link, want *Link) {
	t.Helper()
	img := &doc.Image{Src: "p.png", Alt: alt, Asset: &doc.Asset{Path: "p.png", MediaType: "image/png", Data: []byte{1}, Width: 400, Height: 200}}
	link.Content = []doc.Inline{img}
	fig := &doc.Figure{Image: img, Link: &link}
	b := &doc.Book{Meta: doc.Meta{Title: "Links", Language: "en"}, Entries: []*doc.Entry{{ID: "ch", Kind: doc.KindChapter, File: "ch.md",
		Title: []doc.Inline{txt("Links")}, Blocks: []doc.Block{para(txt(lorem)), fig}}}}
	d := checkBook(t, b, m, o)
	pic, links := lastOf(itemsOf[*Picture](d)), itemsOf[*Link](d)
	if pic == nil || math.Abs(pic.W-300) > 0.01 {
		t.Fatalf("picture printed as %+v, want 300 pt wide, as a figure", pic)
	}
	var over []Link // the links over the picture (the contents' links aside)
	for _, l := range links {
		if l.Rect == pic.Rect {
			over = append(over, *l)
		}
	}
	switch {
	case want == nil && len(over) > 0:
		t.Errorf("links over the picture %+v, want none", over)
	case want != nil && (len(over) != 1 || over[0].URL != want.URL || over[0].Anchor != want.Anchor):
		t.Errorf("links over the picture %+v, want one to %q%q", over, want.URL, want.Anchor)
	case want != nil && (over[0].Elem == nil || over[0].Elem.Role != RoleLink):
		// a link annotation no Link element holds is lost to
		// screen readers, and against PDF/UA
		t.Errorf("the link over the picture belongs to %v, want a link element", over[0].Elem)
	}
	if (pic.Elem == nil) != (alt == "") {
		t.Errorf("picture described as %q belongs to %v", alt, pic.Elem)
	}
}

// itemsOf is every item of type T the document's pages hold, in order.
func itemsOf[T Item](d *Document) []T {
	var out []T
	for _, p := range d.Pages {
		if p == nil {
			continue
		}
		for _, it := range p.Items {
			if t, ok := it.(T); ok {
				out = append(out, t)
			}
		}
	}
	return out
}

// lastOf is the last of items; the zero value when there is none.
func lastOf[T any](items []T) T {
	var last T
	if len(items) > 0 {
		last = items[len(items)-1]
	}
	return last
}

// TestInlinePictureApart: a picture in a line of text given no size and
// too tall for an icon is set at its own size (CSS pixels) on a line of
// its own, centred, with room above and below it; the text before it
// ends as a paragraph's last line does, not stretched, and the text after
// it starts the next line, not indented. No line is left empty, and an
// icon beside it stays at the height of the text.
func TestInlinePictureApart(t *testing.T) {
	e := testEngine(t, realFonts(t), true)
	asset := func(w, h int) *doc.Image {
		return &doc.Image{Src: "p.png", Alt: "p", Asset: &doc.Asset{Path: "p.png", MediaType: "image/png", Data: []byte{1}, Width: w, Height: h}}
	}
	shot := asset(300, 200)
	const width, indent = 300.0, 12.0
	for _, c := range []struct {
		name string
		ins  []doc.Inline
		// the picture's line, and the lines' text
		at   int
		text []string
	}{
		{"leading to it", []doc.Inline{txt("The result: "), shot}, 1, []string{"The result:", ""}},
		{"mid-sentence", []doc.Inline{txt("The result, "), shot, txt(" and then more.")}, 1, []string{"The result,", "", "and then more."}},
		{"opening the paragraph", []doc.Inline{shot, txt(" and then more.")}, 0, []string{"", "and then more."}},
		{"after a break", []doc.Inline{txt("The result:"), &doc.Break{}, shot, &doc.Break{}, txt("and then more.")}, 1, []string{"The result:", "", "and then more."}},
		{"an icon beside it", []doc.Inline{txt("A mark "), asset(48, 48), txt(" and "), shot, txt(" more.")}, 1, []string{"A mark and", "", "more."}},
	} {
		t.Run(c.name, func(t *testing.T) {
			segs := e.segsOf(c.ins, e.baseStyle(e.size), false)
			lines := e.setPara(segs, width, indent, alignJustify)
			var got []string
			for _, ln := range lines {
				s, _ := lineText(e.m, ln)
				got = append(got, s)
			}
			if strings.Join(got, "|") != strings.Join(c.text, "|") {
				t.Fatalf("lines %q, want %q", got, c.text)
			}
			ln := lines[c.at]
			pic, ok := ln.items[0].(*Picture)
			if !ok || len(ln.items) != 1 {
				t.Fatalf("the picture's line holds %v", ln.items)
			}
			if pic.W != 225 || pic.H != 150 {
				t.Errorf("printed %.2f x %.2f pt, want its size, 225 x 150", pic.W, pic.H)
			}
			if x := (width - pic.W) / 2; math.Abs(pic.X-x) > 0.01 {
				t.Errorf("the picture stands at %.2f, want %.2f, centred", pic.X, x)
			}
			if pic.Y+pic.H != 0 || ln.rise != pic.H+apartSpace*e.size || ln.drop != apartSpace*e.size {
				t.Errorf("the picture's foot %.2f, its line reaching %.2f above and %.2f below, want 0, %.2f, %.2f",
					pic.Y+pic.H, ln.rise, ln.drop, pic.H+apartSpace*e.size, apartSpace*e.size)
			}
			if c.at > 0 {
				if _, end := lineText(e.m, lines[c.at-1]); end > width/2 {
					t.Errorf("the line before the picture reaches %.2f: stretched", end)
				}
			}
			if c.at+1 < len(lines) {
				first := lines[c.at+1].items[0].(*Text)
				if first.X != 0 {
					t.Errorf("the text after the picture starts at %.2f, indented", first.X)
				}
			}
			for _, it := range lines[0].items {
				if p, ok := it.(*Picture); ok && p != pic && p.H != e.size {
					t.Errorf("the icon is %.2f pt high, want the text's %.2f", p.H, e.size)
				}
			}
		})
	}
}

// TestDrawingShapeKept: an SVG drawing is printed in a box of its own
// shape, as a figure and in a line, where its size in whole pixels would
// stretch it (2.4 × 1.1 is 2 × 1 rounded) or leave it none (0.4 × 0.3).
func TestDrawingShapeKept(t *testing.T) {
	o := a5()
	m := realFonts(t)
	half, _ := doc.ParseLength("50%")
	for _, c := range []struct {
		name   string
		w, h   int
		dw, dh float64
	}{
		{"a viewBox of fractions", 2, 1, 2.4, 1.1},
		{"a viewBox under a pixel", 0, 0, 0.4, 0.3},
		{"a Rich screenshot's", 994, 636, 994, 635.6},
	} {
		t.Run(c.name, func(t *testing.T) {
			asset := func() *doc.Asset {
				return &doc.Asset{Path: "d.svg", MediaType: "image/svg+xml", Data: []byte{1}, Width: c.w, Height: c.h,
					DrawnWidth: c.dw, DrawnHeight: c.dh, Unsized: true}
			}
			fig := &doc.Figure{Image: &doc.Image{Src: "d.svg", Alt: "a drawing", Width: half, Asset: asset()}}
			line := para(txt(lorem), &doc.Image{Src: "d.svg", Alt: "an icon", Asset: asset()}, txt(" "+lorem))
			b := &doc.Book{Meta: doc.Meta{Title: "Shapes", Language: "en"}, Entries: []*doc.Entry{{ID: "ch", Kind: doc.KindChapter, File: "ch.md",
				Title: []doc.Inline{txt("Shapes")}, Blocks: []doc.Block{fig, line}}}}
			d := checkBook(t, b, m, o)
			pics := itemsOf[*Picture](d)
			if len(pics) != 2 {
				t.Fatalf("%d pictures printed, want 2", len(pics))
			}
			for _, p := range pics {
				if got, want := p.W/p.H, c.dw/c.dh; math.Abs(got-want) > 1e-9*want {
					t.Errorf("%s printed %.3f x %.3f pt, proportions %.5f, want %.5f", p.Alt, p.W, p.H, got, want)
				}
			}
		})
	}
}

// TestLengthPoints: each unit an author may size a picture in, in points
// for 10-point type in an 11-point book, a percentage of 300 points.
func TestLengthPoints(t *testing.T) {
	for _, tt := range []struct {
		l    doc.Length
		want float64
	}{
		{doc.Length{Value: 96, Unit: "px"}, 72},
		{doc.Length{Value: 1, Unit: "in"}, 72},
		{doc.Length{Value: 2, Unit: "em"}, 20},
		{doc.Length{Value: 2, Unit: "rem"}, 22},
		{doc.Length{Value: 4, Unit: "ex"}, 20},
		{doc.Length{Value: 50, Unit: "%"}, 150},
		{doc.Length{}, 0},
	} {
		if got := lengthPoints(tt.l, 10, 11, 300); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%v: %g pt, want %g", tt.l, got, tt.want)
		}
	}
}
