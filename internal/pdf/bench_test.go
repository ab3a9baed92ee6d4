package pdf

import (
	"fmt"
	"io"
	"strconv"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/layout"
)

// bookDocument is a synthetic laid-out book: pages of 40 justified lines
// of words, with running heads, folios, a footnote rule, links, anchors
// and a bookmark for every chapter of 20 pages.
func bookDocument(t testing.TB, pages int) *layout.Document {
	faces := testFaces(t)
	vocabulary := []string{"the", "workers’", "opposition", "“party”", "trade", "unions", "economy",
		"рабочая", "оппозиция", "class", "initiative", "bureaucracy", "1921,", "congress", "—", "creative"}
	d := &layout.Document{Geometry: testGeometry}
	d.Geometry.CropMarks = false
	w := 0
	for p := 0; p < pages; p++ {
		page := &layout.Page{Label: strconv.Itoa(p + 1), Recto: p%2 == 0}
		page.Items = append(page.Items, &layout.Text{X: 200, Y: 60, Face: serifIt, Size: 9, Text: "The Workers’ Opposition", Gray: 0.3})
		for line := 0; line < 40; line++ {
			y := 90 + float64(line)*13.5
			x := 72.0
			face := serif
			if line >= 36 {
				face = fonts.Face{Family: fonts.Serif, Style: fonts.Regular}
			}
			for x < 400 {
				word := vocabulary[w%len(vocabulary)]
				w++
				f := face
				switch w % 37 {
				case 0:
					f = serifIt
				case 1:
					f = serifBold
				}
				size := 10.5
				if line >= 36 {
					size = 8.5 // footnotes
				}
				page.Items = append(page.Items, &layout.Text{X: x, Y: y, Face: f, Size: size, Text: word})
				x += faces.Width(f, word)*size + 3
			}
		}
		page.Items = append(page.Items,
			&layout.Rule{X1: 72, Y1: 570, X2: 180, Y2: 570, Width: 0.4},
			&layout.Text{X: 250, Y: 650, Face: serif, Size: 9, Text: page.Label},
			&layout.Link{Rect: layout.Rect{X: 72, Y: 80, W: 30, H: 12}, Anchor: fmt.Sprintf("n-%d", p)},
		)
		page.Anchors = []layout.Anchor{{Name: fmt.Sprintf("n-%d", p), Y: 575}}
		if p%20 == 0 {
			d.Outline = append(d.Outline, layout.OutlineEntry{Title: fmt.Sprintf("Chapter %d", p/20+1), Page: p, Y: 72})
		}
		d.Pages = append(d.Pages, page)
	}
	return d
}

func BenchmarkWrite600Pages(b *testing.B) {
	d := bookDocument(b, 600)
	faces := testFaces(b)
	items := 0
	for _, p := range d.Pages {
		items += len(p.Items)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Write(io.Discard, d, doc.Meta{Title: "Bench"}, faces, DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(items), "items/op")
}

// BenchmarkFullPageSVG rasterises one SVG at 300 dpi for a 6 x 9 in page.
func BenchmarkFullPageSVG(b *testing.B) {
	faces := testFaces(b)
	plan := &doc.Asset{Path: "plan.svg", MediaType: "image/svg+xml", Data: []byte(testSVG), Width: 200, Height: 100}
	d := &layout.Document{Geometry: testGeometry, Pages: []*layout.Page{{Label: "1", Items: []layout.Item{
		&layout.Picture{Rect: layout.Rect{X: 36, Y: 36, W: 432, H: 216}, Asset: plan},
	}}}}
	for i := 0; i < b.N; i++ {
		if _, err := Write(io.Discard, d, doc.Meta{}, faces, DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}
