package layout

import (
	"math"
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
			var pics []*Picture
			for _, p := range d.Pages {
				for _, it := range p.Items {
					if pic, ok := it.(*Picture); ok {
						pics = append(pics, pic)
					}
				}
			}
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
	icon := &doc.Asset{Path: "icon.png", MediaType: "image/png", Data: []byte{1}, Width: 300, Height: 150}
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
		t.Run(c.name, func(t *testing.T) {
			img := &doc.Image{Src: "p.png", Alt: "a picture", Asset: &doc.Asset{Path: "p.png", MediaType: "image/png", Data: []byte{1}, Width: 400, Height: 200}}
			link := c.link
			link.Content = []doc.Inline{img}
			fig := &doc.Figure{Image: img, Link: &link}
			b := &doc.Book{Meta: doc.Meta{Title: "Links", Language: "en"}, Entries: []*doc.Entry{{ID: "ch", Kind: doc.KindChapter, File: "ch.md",
				Title: []doc.Inline{txt("Links")}, Blocks: []doc.Block{para(txt(lorem)), fig}}}}
			d := checkBook(t, b, m, o)
			var pic *Picture
			var links []*Link
			for _, p := range d.Pages {
				for _, it := range p.Items {
					switch it := it.(type) {
					case *Picture:
						pic = it
					case *Link:
						links = append(links, it)
					}
				}
			}
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
			case c.want == nil && len(over) > 0:
				t.Errorf("links over the picture %+v, want none", over)
			case c.want != nil && (len(over) != 1 || over[0].URL != c.want.URL || over[0].Anchor != c.want.Anchor):
				t.Errorf("links over the picture %+v, want one to %q%q", over, c.want.URL, c.want.Anchor)
			}
		})
	}
}
