package pdf

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/media"
)

// TestPagesPaintedAhead: pages painted ahead on several cores make the
// file, and the warnings in their order, the painter makes painting every
// page in turn; a page with a picture, or with text in a face that cannot
// be embedded, is painted by the painter, which reports the problem.
func TestPagesPaintedAhead(t *testing.T) {
	faces := testFaces(t)
	build := func() *layout.Document {
		d, _ := sampleDocument(t)
		var pages []*layout.Page
		for i := range 12 {
			pg := &layout.Page{Label: fmt.Sprint(10 + i)}
			pg.Items = append(pg.Items, words(faces, serif, 11, 72, 100, fmt.Sprintf("Text page %d, painted ahead", i))...)
			pg.Items = append(pg.Items, &layout.Rule{X1: 72, Y1: 110, X2: 300, Y2: 110, Width: 0.5})
			switch i % 4 {
			case 1:
				pg.Items = append(pg.Items, &layout.Link{Rect: layout.Rect{X: 72, Y: 90, W: 30, H: 12}, Anchor: fmt.Sprint("missing-", i)})
			case 2:
				pg.Items = append(pg.Items, &layout.Text{X: 72, Y: 130, Face: fonts.Face{Family: fonts.Family(9999)}, Size: 11, Text: "lost"})
			case 3:
				pg.Items = append(pg.Items, &layout.Picture{Rect: layout.Rect{X: 72, Y: 140, W: 60, H: 30}, Alt: "Remote"})
			}
			pg.Items = append(pg.Items, words(faces, mono, 9, 72, 160, fmt.Sprintf("code_%d()", i))...)
			pages = append(pages, pg)
		}
		d.Pages = slices.Insert(d.Pages, 2, pages...)
		d.Outline = nil
		return d
	}
	write := func(ahead int) ([]byte, []string) {
		p := newPainter(build(), faces, Options{Compress: true, ImageDPI: 150})
		p.aheadWorkers = ahead
		return paintFile(t, p), coded(p.warnings)
	}
	alone, warnings := write(0)
	if len(warnings) < 8 {
		t.Fatalf("too few warnings to check their order: %q", warnings)
	}
	for _, ahead := range []int{1, 3} {
		got, gotWarnings := write(ahead)
		if !bytes.Equal(got, alone) {
			t.Errorf("%d painting ahead: the file differs from the painter's alone", ahead)
		}
		if !slices.Equal(gotWarnings, warnings) {
			t.Errorf("%d painting ahead: warnings\n%q\nwant\n%q", ahead, gotWarnings, warnings)
		}
	}
}

// TestPicturesAndTextShareCores: the pictures, prepared largest first on
// the cores they share with the pages painted ahead, make the file one
// core makes preparing them in page order and painting every page in
// turn.
func TestPicturesAndTextShareCores(t *testing.T) {
	faces := testFaces(t)
	d := &layout.Document{Geometry: testGeometry}
	for i := range 10 {
		pg := &layout.Page{Label: fmt.Sprint(i + 1)}
		pg.Items = append(pg.Items, words(faces, serif, 11, 72, 100, fmt.Sprintf("Page %d of text", i))...)
		if i%3 == 1 {
			// larger pictures later, so largest first is not page order
			a := pngAsset(t, fmt.Sprintf("p%d.png", i), 40+30*i, 20+15*i)
			pg.Items = append(pg.Items, &layout.Picture{Rect: layout.Rect{X: 72, Y: 140, W: 60, H: 30}, Asset: a})
		}
		d.Pages = append(d.Pages, pg)
	}
	write := func(workers, ahead int, c cores) []byte {
		p := newPainter(d, faces, Options{Compress: true, ImageDPI: 150})
		p.workers, p.aheadWorkers, p.cores = workers, ahead, c
		return paintFile(t, p)
	}
	alone := write(1, 0, nil)
	for _, tc := range []struct {
		workers, ahead int
		cores          cores
	}{{2, 2, newCores(2)}, {4, 3, newCores(1)}, {3, 4, nil}} {
		if got := write(tc.workers, tc.ahead, tc.cores); !bytes.Equal(got, alone) {
			t.Errorf("%d picture workers, %d painting ahead, %d cores: the file differs from one core's", tc.workers, tc.ahead, cap(tc.cores))
		}
	}
}

// TestLongestFirst: the pictures largest decoded first, in page order
// among equals, one that cannot be decoded last.
func TestLongestFirst(t *testing.T) {
	job := func(a *doc.Asset) *pictureJob { return &pictureJob{key: a.Path, mediaType: a.MediaType, data: a.Data} }
	jobs := []*pictureJob{
		{key: "broken", mediaType: media.PNG, data: []byte("\x89PNG\r\n\x1a\nnot a picture")},
		job(pngAsset(t, "small.png", 20, 10)),
		job(jpegAsset(t, "photo.jpg", 80, 60)), // 3 bytes a pixel decoded
		job(pngAsset(t, "wide.png", 60, 40)),   // 4 bytes a pixel decoded
		job(pngAsset(t, "same.png", 40, 60)),
	}
	var got []string
	for _, j := range longestFirst(jobs, 0) {
		got = append(got, j.key)
	}
	want := []string{"photo.jpg", "wide.png", "same.png", "small.png", "broken"}
	if !slices.Equal(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
}
