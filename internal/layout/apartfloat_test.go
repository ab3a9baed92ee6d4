package layout

import (
	"fmt"
	"math"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// apartShot is a picture given no size and taller than an icon, which a
// paragraph sets apart on a line of its own (doc.Image.ApartInLine).
func apartShot() *doc.Image {
	return &doc.Image{Src: "shot.png", Alt: "a screenshot", Asset: &doc.Asset{Path: "shot.png", MediaType: "image/png", Data: []byte{1}, Width: 400, Height: 240}}
}

// apartBook has a chapter whose paragraph holding a picture set apart
// ("Kestrel saw this:", the picture, then "Osprey…") comes after lead
// paragraphs, so that over a range of lead it falls at every height of a
// page, between two figures.
func apartBook(lead int) *doc.Book {
	ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Title: []doc.Inline{txt("Pictures")}}
	for i := 0; i < lead; i++ {
		ch.Blocks = append(ch.Blocks, para(txt(lorem+lorem)))
	}
	ch.Blocks = append(ch.Blocks, testFigure("fig-a", 400, 200), para(txt(lorem)),
		para(txt("Kestrel saw this: "), apartShot(), txt(" Osprey "+lorem+lorem)),
		testFigure("fig-b", 400, 200))
	for i := 0; i < 8; i++ {
		ch.Blocks = append(ch.Blocks, para(txt(lorem+lorem)))
	}
	return &doc.Book{Meta: doc.Meta{Title: "Apart", Language: "en"}, Entries: []*doc.Entry{ch}}
}

// TestApartPictureFloats: a picture set apart in a paragraph that does not
// fit the rest of its page goes to the top of the next, as a figure does,
// while the line before it stays and the text after it fills the page;
// one that fits stays under the line before it. Either way it comes after
// the line before it and keeps its order among the figures, and the text
// after it goes on unindented.
func TestApartPictureFloats(t *testing.T) {
	o := a5()
	m := realFonts(t)
	g, _ := newGeom(o, o.Gutter)
	moved, stayed := 0, 0
	for lead := 0; lead <= 14; lead++ {
		t.Run(fmt.Sprint(lead), func(t *testing.T) {
			b := apartBook(lead)
			d, infos := traced(t, b, m, o)
			// where each thing is: page and top
			type at struct {
				page int
				y    float64
				x    float64
			}
			where := map[string]at{}
			for pi, p := range d.Pages {
				for _, it := range p.Items {
					switch it := it.(type) {
					case *Picture:
						where[it.Asset.Path] = at{pi, it.Y, it.X}
					case *Text:
						if it.Text == "Kestrel" || it.Text == "Osprey" {
							where[it.Text] = at{pi, it.Y, it.X - g.left(p.Recto)}
						}
					}
				}
			}
			for _, k := range []string{"shot.png", "Kestrel", "Osprey"} {
				if _, ok := where[k]; !ok {
					t.Fatalf("%s not found on any page", k)
				}
			}
			shot, line := where["shot.png"], where["Kestrel"]
			if shot.page < line.page || (shot.page == line.page && shot.y < line.y) {
				t.Fatalf("the picture (page %d) comes before the line before it (page %d)", shot.page+1, line.page+1)
			}
			// in order with the figures
			order := []string{"fig-a.png", "shot.png", "fig-b.png"}
			for i := 1; i < len(order); i++ {
				a, b := where[order[i-1]], where[order[i]]
				if b.page < a.page || (b.page == a.page && b.y <= a.y) {
					t.Errorf("%s (page %d) comes before %s (page %d)", order[i], b.page+1, order[i-1], a.page+1)
				}
			}
			// the text after the picture goes on unindented
			if x := where["Osprey"].x; math.Abs(x) > 0.01 {
				t.Errorf("the text after the picture starts %.2fpt in, indented", x)
			}
			// the picture's elem, and how much of the line's page is
			// taken down to the line before it
			var pic *elem
			for _, info := range infos {
				for _, el := range append(append([]*elem(nil), info.floats...), info.placed...) {
					for _, it := range el.items {
						if p, ok := it.(*Picture); ok && p.Asset.Path == "shot.png" {
							pic = el
						}
					}
				}
			}
			if pic == nil || !pic.apart {
				t.Fatal("the picture is not set apart")
			}
			info := infos[line.page]
			above := 0.0
			for _, el := range info.floats {
				above += el.h - el.lift
				if el.float > 0 {
					above += g.lead * 0.8 // the gap under a figure at the top
				}
			}
			for _, el := range info.placed {
				above += el.h
				if el.line == 0 && el.lines > 0 && hasText(el, "Kestrel") {
					break
				}
			}
			// No page before the picture's is left short: the text after
			// a picture that waits fills the page, neither stretched nor
			// left with a gap where the picture did not fit.
			for pi := 0; pi < shot.page; pi++ {
				if infos[pi].kind != pkBody {
					continue
				}
				if gap := g.textH - pageUsed(infos[pi], g); gap > 2*g.lead {
					t.Errorf("page %d, before the picture's, is %.0fpt (%.1f lines) short", pi+1, gap, gap/g.lead)
				}
			}
			fits := above+pic.h <= g.textH+1e-6
			if shot.page == line.page {
				stayed++
				if shot.y-line.y > 2*g.lead {
					t.Errorf("the picture stands %.0fpt under the line before it", shot.y-line.y)
				}
				return
			}
			moved++
			if fa := where["fig-a.png"]; fits && !(fa.page == shot.page && fa.y < shot.y) {
				t.Errorf("the picture fits under the line before it (%.0fpt of %.0fpt taken) but was moved to page %d", above, g.textH, shot.page+1)
			}
			// It waited for the top of the next page, or for the figure
			// ahead of it there.
			if shot.page != line.page+1 {
				t.Errorf("the picture is on page %d, the line before it on page %d", shot.page+1, line.page+1)
			}
			if fa := where["fig-a.png"]; shot.y > g.top+1 && !(fa.page == shot.page && fa.y < shot.y) {
				t.Errorf("the picture stands %.0fpt under the top of its page, under no figure", shot.y-g.top)
			}
		})
	}
	if moved == 0 || stayed == 0 {
		t.Errorf("the picture moved in %d layouts and stayed in %d: the test tests too little", moved, stayed)
	}
}

// hasText reports whether an elem sets the word w.
func hasText(el *elem, w string) bool {
	for _, it := range el.items {
		if tx, ok := it.(*Text); ok && tx.Text == w {
			return true
		}
	}
	return false
}

// pageUsed is the height a page's body and notes take, unstretched.
func pageUsed(info pageInfo, g *geom) float64 {
	used := 0.0
	for _, el := range info.placed {
		used += el.h
	}
	for _, el := range info.floats {
		used += el.h - el.lift
		if el.float > 0 {
			used += g.lead * 0.8 // the gap under a figure at the top
		}
	}
	for _, c := range info.foot {
		used += c.height()
	}
	return used
}

// labelBook has a chapter whose two paragraphs after lead paragraphs are
// each a one-word label over a picture set apart ("Kestrel:" and its
// picture, "Osprey:" and its), as an MkDocs page captions its screenshots,
// followed by more text.
func labelBook(lead int) *doc.Book {
	return pairsBook(lead, "Labels", func(name string, shot *doc.Image) *doc.Paragraph {
		return para(txt(name+": "), shot)
	})
}

// pairsBook has a chapter whose two paragraphs after lead paragraphs each
// hold a picture set apart, "Kestrel.png" and "Osprey.png", as paragraph
// makes them, followed by paragraphs of text beginning "Tern".
func pairsBook(lead int, title string, paragraph func(name string, shot *doc.Image) *doc.Paragraph) *doc.Book {
	ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Title: []doc.Inline{txt("Pictures")}}
	for i := 0; i < lead; i++ {
		ch.Blocks = append(ch.Blocks, para(txt(lorem)))
	}
	for _, name := range []string{"Kestrel", "Osprey"} {
		shot := apartShot()
		shot.Asset.Path = name + ".png"
		ch.Blocks = append(ch.Blocks, paragraph(name, shot))
	}
	for i := 0; i < 8; i++ {
		ch.Blocks = append(ch.Blocks, para(txt("Tern "+lorem+lorem)))
	}
	return &doc.Book{Meta: doc.Meta{Title: title, Language: "en"}, Entries: []*doc.Entry{ch}}
}

// checkFullBefore checks that the body pages before page last are full
// (but for two lines): the text after pictures that went over fills the
// pages they left.
func checkFullBefore(t *testing.T, infos []pageInfo, g *geom, last int) {
	t.Helper()
	for pi := 0; pi < last; pi++ {
		if infos[pi].kind != pkBody {
			continue
		}
		if gap := g.textH - pageUsed(infos[pi], g); gap > 2*g.lead {
			t.Errorf("page %d, before the pictures', is %.0fpt (%.1f lines) short", pi+1, gap, gap/g.lead)
		}
	}
}

// TestApartLabelFloats: a paragraph that is a line of text over a picture
// set apart that ends it floats as one, the label over its picture: when
// the picture does not fit the rest of its page, the label goes with it to
// the next page's top, and the text after it fills the page.
func TestApartLabelFloats(t *testing.T) {
	o := a5()
	m := realFonts(t)
	g, _ := newGeom(o, o.Gutter)
	moved, stayed := 0, 0
	for lead := 0; lead <= 12; lead++ {
		t.Run(fmt.Sprint(lead), func(t *testing.T) {
			d, infos := traced(t, labelBook(lead), m, o)
			type at struct {
				page int
				y    float64
			}
			where := map[string]at{}
			firstTern := -1
			for pi, p := range d.Pages {
				for _, it := range p.Items {
					switch it := it.(type) {
					case *Picture:
						where[it.Asset.Path] = at{pi, it.Y}
					case *Text:
						if it.Text == "Kestrel:" || it.Text == "Osprey:" {
							where[it.Text] = at{pi, it.Y}
						}
						if it.Text == "Tern" && firstTern < 0 {
							firstTern = pi
						}
					}
				}
			}
			for _, name := range []string{"Kestrel", "Osprey"} {
				label, ok := where[name+":"]
				shot, ok2 := where[name+".png"]
				if !ok || !ok2 {
					t.Fatalf("%s's label or picture not found on any page", name)
				}
				if label.page != shot.page {
					t.Errorf("%s's label is on page %d, its picture on page %d", name, label.page+1, shot.page+1)
					continue
				}
				if gap := shot.y - label.y; gap < 0 || gap > 2*g.lead {
					t.Errorf("%s's picture stands %.0fpt under its label", name, gap)
				}
				if shot.page > firstTern {
					moved++
					if label.y > g.top+g.lead+1 && where["Kestrel:"].page != shot.page {
						t.Errorf("%s's label, gone over, stands %.0fpt under the top of page %d", name, label.y-g.top, shot.page+1)
					}
				} else {
					stayed++
				}
			}
			// the text after them fills the pages they left
			checkFullBefore(t, infos, g, where["Osprey.png"].page)
		})
	}
	if moved == 0 || stayed == 0 {
		t.Errorf("a label and its picture went over in %d layouts and stayed in %d: the test tests too little", moved, stayed)
	}
}

// creditBook has a chapter whose two paragraphs after lead paragraphs are
// each a picture set apart over a line break and its credit ("Source:
// KestrelCam"), as READMEs credit their diagrams, followed by more text.
func creditBook(lead int) *doc.Book {
	return pairsBook(lead, "Credits", func(name string, shot *doc.Image) *doc.Paragraph {
		return para(shot, &doc.Break{}, &doc.Emph{Content: []doc.Inline{txt("Source: " + name + "Cam")}})
	})
}

// TestApartCreditFloats: a paragraph that opens with a picture set apart
// and ends in a short line of text under it floats as one, the picture
// over its credit: when the picture does not fit the rest of its page, the
// credit goes with it to the next page, and the text after it fills the
// page.
func TestApartCreditFloats(t *testing.T) {
	o := a5()
	m := realFonts(t)
	g, _ := newGeom(o, o.Gutter)
	moved, stayed := 0, 0
	for lead := 0; lead <= 12; lead++ {
		t.Run(fmt.Sprint(lead), func(t *testing.T) {
			d, infos := traced(t, creditBook(lead), m, o)
			type at struct {
				page int
				y    float64
			}
			where := map[string]at{}
			firstTern := -1
			for pi, p := range d.Pages {
				for _, it := range p.Items {
					switch it := it.(type) {
					case *Picture:
						where[it.Asset.Path] = at{pi, it.Y + it.H}
					case *Text:
						where[it.Text] = at{pi, it.Y}
						if it.Text == "Tern" && firstTern < 0 {
							firstTern = pi
						}
					}
				}
			}
			for _, name := range []string{"Kestrel", "Osprey"} {
				credit, ok := where[name+"Cam"]
				shot, ok2 := where[name+".png"]
				if !ok || !ok2 {
					t.Fatalf("%s's picture or credit not found on any page", name)
				}
				if credit.page != shot.page {
					t.Errorf("%s's picture is on page %d, its credit on page %d", name, shot.page+1, credit.page+1)
					continue
				}
				if gap := credit.y - shot.y; gap < 0 || gap > 2*g.lead {
					t.Errorf("%s's credit stands %.0fpt under its picture's foot", name, gap)
				}
				if shot.page > firstTern {
					moved++
				} else {
					stayed++
				}
			}
			checkFullBefore(t, infos, g, where["Osprey.png"].page)
		})
	}
	if moved == 0 || stayed == 0 {
		t.Errorf("a picture and its credit went over in %d layouts and stayed in %d: the test tests too little", moved, stayed)
	}
}

// leadInBook has a chapter whose paragraph after lead paragraphs ends in a
// colon and announces a picture set apart in the paragraph after it
// ("Kestrel looks like this:"), and one that announces a figure ("Osprey
// looks like this:"), each followed by more text.
func leadInBook(lead int) *doc.Book {
	ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Title: []doc.Inline{txt("Pictures")}}
	for i := 0; i < lead; i++ {
		ch.Blocks = append(ch.Blocks, para(txt(lorem)))
	}
	shot := apartShot()
	shot.Asset.Path = "Kestrel.png"
	ch.Blocks = append(ch.Blocks, para(txt(lorem+" Kestrel looks like this:")), para(shot),
		para(txt("Tern "+lorem+lorem)), para(txt(lorem+" Osprey looks like"), &doc.Emph{Content: []doc.Inline{txt("this: ")}}),
		testFigure("Osprey", 400, 200), para(txt("Skua "+lorem+lorem)))
	for i := 0; i < 8; i++ {
		ch.Blocks = append(ch.Blocks, para(txt(lorem+lorem)))
	}
	return &doc.Book{Meta: doc.Meta{Title: "Lead-ins", Language: "en"}, Entries: []*doc.Entry{ch}}
}

// TestLeadInKeepsPicture: a picture that a paragraph ending in a colon
// announces, set apart or a figure, comes under that paragraph's last
// line on the same page, with no text between them: when it does not fit
// the rest of the page, that line goes over with it, and the text after it
// never comes before it.
func TestLeadInKeepsPicture(t *testing.T) {
	o := a5()
	m := realFonts(t)
	g, _ := newGeom(o, o.Gutter)
	over := 0
	for lead := 0; lead <= 14; lead++ {
		t.Run(fmt.Sprint(lead), func(t *testing.T) {
			d, _ := traced(t, leadInBook(lead), m, o)
			type at struct {
				page int
				y    float64
			}
			// the picture's top, and where each word last stands
			where := map[string]at{}
			for pi, p := range d.Pages {
				for _, it := range p.Items {
					switch it := it.(type) {
					case *Picture:
						where[it.Asset.Path] = at{pi, it.Y}
					case *Text:
						where[it.Text] = at{pi, it.Y}
					}
				}
			}
			for _, tc := range []struct{ pic, colon, after string }{{"Kestrel.png", "Kestrel", "Tern"}, {"Osprey.png", "Osprey", "Skua"}} {
				pic, ok := where[tc.pic]
				if !ok {
					t.Fatalf("%s is on no page", tc.pic)
				}
				// the lead-in's last line: the first "this:" after its name
				colon := at{-1, 0}
				seen := false
				for pi, p := range d.Pages {
					for _, it := range p.Items {
						if tx, ok := it.(*Text); ok {
							seen = seen || tx.Text == tc.colon
							if seen && colon.page < 0 && tx.Text == "this:" {
								colon = at{pi, tx.Y}
							}
						}
					}
				}
				if colon.page != pic.page {
					t.Errorf("%s's lead-in ends on page %d, its picture is on page %d", tc.colon, colon.page+1, pic.page+1)
					continue
				}
				if pic.y < colon.y {
					t.Errorf("%s stands above its lead-in", tc.pic)
				}
				for _, it := range d.Pages[pic.page].Items {
					if tx, ok := it.(*Text); ok && tx.Y > colon.y+1 && tx.Y < pic.y {
						t.Errorf("%q stands between %s's lead-in and its picture", tx.Text, tc.colon)
						break
					}
				}
				if after := where[tc.after]; after.page < pic.page || after.page == pic.page && after.y < pic.y {
					t.Errorf("%q, after %s, comes before it", tc.after, tc.pic)
				}
				if colon.y < g.top+4*g.lead {
					over++
				}
			}
		})
	}
	if over == 0 {
		t.Error("no lead-in went over to a new page with its picture: the test tests too little")
	}
}
