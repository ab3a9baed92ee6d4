package cover

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/layout"
)

func testFonts(t testing.TB) *fonts.Set {
	t.Helper()
	set, err := fonts.Load(fonts.EmbeddedFiles())
	if err != nil {
		t.Fatal(err)
	}
	return set
}

var book = Book{Title: "The Workers’ Opposition, 1921", Subtitle: "An annotated reader", Creators: []string{"Alexandra Kollontai", "Edited by The samizdat editors"},
	Blurb: strings.Repeat("A short introduction to the Workers’ Opposition and its critics. ", 12), Publisher: "samizdat"}

// TestSpineWidth: the spine is the page count times the paper's page; the
// sheet is bleed, back, spine, front and bleed across, bleed, cover and
// bleed down, trimmed to the covers and the spine.
func TestSpineWidth(t *testing.T) {
	m := testFonts(t)
	for _, tc := range []struct {
		paper      string
		pages      int
		spineInch  float64
		sheetWidth float64 // in
	}{
		{"kdp-white", 300, 0.6756, 0.125 + 6 + 0.6756 + 6 + 0.125},
		{"kdp-cream", 300, 0.75, 0.125 + 6 + 0.75 + 6 + 0.125},
		{"kdp-white", 24, 0.054048, 0.125 + 6 + 0.054048 + 6 + 0.125},
	} {
		s := Sheet{TrimW: 6 * inch, TrimH: 9 * inch, Pages: tc.pages, PerPage: Papers[tc.paper]}
		if got := s.Spine() / inch; math.Abs(got-tc.spineInch) > 1e-9 {
			t.Errorf("%s, %d pages: spine %.6f in, want %.6f", tc.paper, tc.pages, got, tc.spineInch)
		}
		d := Wrap(book, m, s)
		if math.Abs(d.W/inch-tc.sheetWidth) > 1e-9 || math.Abs(d.H/inch-9.25) > 1e-9 {
			t.Errorf("%s, %d pages: sheet %s", tc.paper, tc.pages, d)
		}
		if tr := d.Trim; tr.X != Bleed || tr.Y != Bleed || math.Abs(tr.W-(12*inch+s.Spine())) > 1e-9 || tr.H != 9*inch {
			t.Errorf("trim %+v", tr)
		}
	}
}

// textBox is the rectangle a line of text takes, its angle taken into
// account.
func textBox(m Metrics, t Text) (x0, y0, x1, y1 float64) {
	w := width(m, t.Face, t.Size, t.Text)
	if t.Angle == -90 {
		return t.X - 0.3*t.Size, t.Y, t.X + t.Size, t.Y + w
	}
	return t.X, t.Y - t.Size, t.X + w, t.Y + 0.3*t.Size
}

// TestWrapKeepsClear: all text is a quarter inch inside the trim and off
// the spine's folds, none on the barcode's zone; the spine has the title
// and author when the book is thick enough, and no text when it is thin.
func TestWrapKeepsClear(t *testing.T) {
	m := testFonts(t)
	long := book
	long.Title = strings.Repeat("A very long title of a book ", 8)
	for _, b := range []Book{book, long} {
		for _, pages := range []int{24, 79, 80, 200, 900} {
			s := Sheet{TrimW: 5.5 * inch, TrimH: 8.5 * inch, Pages: pages, PerPage: Papers["kdp-white"], Barcode: true}
			d := Wrap(b, m, s)
			spine0, spine1 := Bleed+s.TrimW, Bleed+s.TrimW+s.Spine()
			var barcode *Rect
			for i, r := range d.Rects {
				if r.Fill == White {
					barcode = &d.Rects[i]
				}
			}
			if barcode == nil || barcode.W != 2*inch || barcode.H != 1.2*inch || math.Abs(barcode.X+barcode.W-(spine0-safe)) > 1e-9 || math.Abs(barcode.Y+barcode.H-(Bleed+s.TrimH-safe)) > 1e-9 {
				t.Fatalf("%d pages: barcode zone %+v", pages, barcode)
			}
			onSpine := 0
			for _, tx := range d.Texts {
				x0, y0, x1, y1 := textBox(m, tx)
				where := fmt.Sprintf("%d pages: %q at %.1f,%.1f", pages, tx.Text, tx.X, tx.Y)
				if x0 < Bleed+safe-0.01 || x1 > d.W-Bleed-safe+0.01 || y0 < Bleed+safe-0.01 || y1 > d.H-Bleed-safe+0.01 {
					t.Errorf("%s: outside the safe area", where)
				}
				if tx.Angle != 0 {
					onSpine++
					if x0 < spine0+spineVariance-0.01 || x1 > spine1-spineVariance+0.01 {
						t.Errorf("%s: on a fold of the spine %.1f–%.1f", where, spine0, spine1)
					}
					continue
				}
				if x0 < spine1+0.01 && x1 > spine0-0.01 {
					t.Errorf("%s: crosses the spine", where)
				}
				if x0 < barcode.X+barcode.W && x1 > barcode.X && y0 < barcode.Y+barcode.H && y1 > barcode.Y {
					t.Errorf("%s: on the barcode's zone", where)
				}
			}
			// text when the book has pages enough and its spine room
			if want := pages >= SpineTextPages && (s.Spine()-2*spineVariance)/1.4 >= minSpineType; (onSpine > 0) != want {
				t.Errorf("%d pages (spine %.3f in): %d runs on the spine", pages, s.Spine()/inch, onSpine)
			}
		}
	}
}

// TestFrontIsTheWrapsFront: the e-book's cover is the printed cover's
// front, scaled: the same words in the same places.
func TestFrontIsTheWrapsFront(t *testing.T) {
	m := testFonts(t)
	s := Sheet{TrimW: 6 * inch, TrimH: 9 * inch, Pages: 200, PerPage: Papers["kdp-cream"]}
	wrap := Wrap(book, m, s)
	front := Front(book, m, s.TrimW, s.TrimH)
	x0 := Bleed + s.TrimW + s.Spine()
	var onFront []Text
	for _, tx := range wrap.Texts {
		if tx.X >= x0 {
			onFront = append(onFront, tx)
		}
	}
	if len(onFront) != len(front.Texts) || len(onFront) < 4 {
		t.Fatalf("%d runs on the wrap's front, %d on the front alone", len(onFront), len(front.Texts))
	}
	for i, tx := range front.Texts {
		w := onFront[i]
		if w.Text != tx.Text || math.Abs(w.X-x0-tx.X) > 1e-9 || math.Abs(w.Y-Bleed-tx.Y) > 1e-9 || w.Size != tx.Size {
			t.Errorf("run %d: %q at %.1f,%.1f on the wrap, %q at %.1f,%.1f alone", i, w.Text, w.X-x0, w.Y-Bleed, tx.Text, tx.X, tx.Y)
		}
	}
}

// TestDocument: the design becomes one page with its boxes, coloured
// fills and text, kerned as the fonts kern.
func TestDocument(t *testing.T) {
	m := testFonts(t)
	s := Sheet{TrimW: 6 * inch, TrimH: 9 * inch, Pages: 300, PerPage: Papers["kdp-white"], Barcode: true}
	d := Wrap(Book{Title: "AVATAR Tower", Creators: []string{"To"}}, m, s)
	doc := d.Document(m)
	g := doc.Geometry
	if g.MediaWidth != d.W || g.Bleed.W != d.W || g.Trim != d.Trim || len(doc.Pages) != 1 {
		t.Fatalf("geometry %+v, %d pages", g, len(doc.Pages))
	}
	if len(doc.Pages[0].Items) != len(d.Rects)+len(d.Texts) {
		t.Errorf("%d items for %d rectangles and %d runs", len(doc.Pages[0].Items), len(d.Rects), len(d.Texts))
	}
	kerned, filled := false, 0
	for _, it := range doc.Pages[0].Items {
		switch it := it.(type) {
		case *layout.Text:
			kerned = kerned || len(it.Kerns) > 0 && it.Kerns[0].Dx < 0
			if it.Color() == nil {
				t.Errorf("%q has no ink", it.Text)
			}
		case *layout.Box:
			if it.Fill && it.FillColor != nil {
				filled++
			}
		}
	}
	if !kerned || filled != len(d.Rects) {
		t.Errorf("kerned %v, %d of %d rectangles filled", kerned, filled, len(d.Rects))
	}
}

// TestSpineText: the spine carries the title and the first creator down
// it only when the book has more than 79 pages (KDP's rule) and the spine
// leaves room for 6 pt type between its folds: on KDP white paper from
// 108 pages (0.243 in), whatever the paper from 80.
func TestSpineText(t *testing.T) {
	m := testFonts(t)
	for _, tc := range []struct {
		paper   float64
		pages   int
		want    []string
		minSize float64
	}{
		{Papers["kdp-white"], 79, nil, 0},
		{Papers["kdp-white"], 107, nil, 0},
		{Papers["kdp-white"], 108, []string{book.Title, "Alexandra Kollontai"}, 6},
		{Papers["kdp-cream"], 96, nil, 0},
		{Papers["kdp-cream"], 97, []string{book.Title, "Alexandra Kollontai"}, 6},
		{0.01 * inch, 79, nil, 0}, // thick enough, but too few pages
		{0.01 * inch, 80, []string{book.Title, "Alexandra Kollontai"}, 6},
		{Papers["kdp-white"], 900, []string{book.Title, "Alexandra Kollontai"}, 16},
	} {
		s := Sheet{TrimW: 6 * inch, TrimH: 9 * inch, Pages: tc.pages, PerPage: tc.paper}
		var got []string
		size := 0.0
		for _, tx := range Wrap(book, m, s).Texts {
			if tx.Angle != 0 {
				got = append(got, tx.Text)
				size = tx.Size
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) || size < tc.minSize {
			t.Errorf("%d pages of %.4f in (spine %.3f in): %q at %.1f pt, want %q at %g pt or more", tc.pages, tc.paper/inch, s.Spine()/inch, got, size, tc.want, tc.minSize)
		}
	}
}

// TestBleed: the paper colour and the bands run out to the sheet's edges,
// through the bleed, so that trimming off by a little shows no white; on
// the front alone (the e-book's cover) they stop at its edges.
func TestBleed(t *testing.T) {
	m := testFonts(t)
	s := Sheet{TrimW: 6 * inch, TrimH: 9 * inch, Pages: 200, PerPage: Papers["kdp-white"]}
	d := Wrap(book, m, s)
	var paper, head, foot bool
	for _, r := range d.Rects {
		full := r.X == 0 && math.Abs(r.W-d.W) < 1e-9
		switch {
		case r.Fill == Paper && full && r.Y == 0 && math.Abs(r.H-d.H) < 1e-9:
			paper = true
		case r.Fill == Red && full && r.Y == 0 && r.H > Bleed:
			head = true
		case r.Fill == Red && full && math.Abs(r.Y+r.H-d.H) < 1e-9 && r.H > Bleed:
			foot = true
		}
	}
	if !paper || !head || !foot {
		t.Errorf("paper to the edges %v, head band %v, foot band %v:\n%+v", paper, head, foot, d.Rects)
	}
	f := Front(book, m, 1600, 2560)
	for _, r := range f.Rects {
		if r.X < 0 || r.Y < 0 || r.X+r.W > f.W+1e-9 || r.Y+r.H > f.H+1e-9 {
			t.Errorf("the front alone has a rectangle beyond its edges: %+v", r)
		}
	}
}

// TestNoBarcodeZone: with cover.barcode off the back keeps no zone, and
// the publisher's line goes down to the foot's safe margin.
func TestNoBarcodeZone(t *testing.T) {
	m := testFonts(t)
	s := Sheet{TrimW: 6 * inch, TrimH: 9 * inch, Pages: 200, PerPage: Papers["kdp-white"]}
	with, without := s, s
	with.Barcode = true
	publisherY := func(d *Design) float64 {
		for _, tx := range d.Texts {
			if tx.Text == book.Publisher {
				return tx.Y
			}
		}
		t.Fatal("no publisher on the back")
		return 0
	}
	dw, dn := Wrap(book, m, with), Wrap(book, m, without)
	for _, r := range dn.Rects {
		if r.Fill == White {
			t.Errorf("a barcode zone %+v with barcode off", r)
		}
	}
	if yw, yn := publisherY(dw), publisherY(dn); yn <= yw || yn > dn.H-Bleed-safe {
		t.Errorf("publisher at %.1f with the zone, %.1f without (safe foot %.1f)", yw, yn, dn.H-Bleed-safe)
	}
}

// TestFrontShowsTheEdition: an edition that shows its title has it on the
// front, under the subtitle, in the wrap and the front alone alike.
func TestFrontShowsTheEdition(t *testing.T) {
	m := testFonts(t)
	b := book
	b.Edition = "Teacher’s edition"
	f := Front(b, m, 1600, 2560)
	var texts []string
	for _, tx := range f.Texts {
		texts = append(texts, tx.Text)
	}
	want := []string{"The Workers’ Opposition,", "1921", "An annotated reader", "Teacher’s edition", "Alexandra Kollontai", "Edited by The samizdat editors"}
	if fmt.Sprint(texts) != fmt.Sprint(want) {
		t.Errorf("front says %q, want %q", texts, want)
	}
}
