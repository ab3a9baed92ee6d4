package pdf

import (
	"image"
	"testing"

	"golang.org/x/image/vector"

	"github.com/samizdat-press/samizdat/internal/svg"
)

// TestSVGBlurredEvenOddShadow checks that a blurred shadow keeps a shape's
// fill rule: a square ring drawn as two squares wound the same way, filled
// by the even-odd rule, casts a shadow with a hole.
func TestSVGBlurredEvenOddShadow(t *testing.T) {
	picture := `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200"><defs>` +
		plantUMLShadow("1.0") + `</defs>` +
		`<path d="M20,20 L120,20 L120,120 L20,120 Z M45,45 L95,45 L95,95 L45,95 Z" fill-rule="evenodd" fill="#3366cc" filter="url(#f)"/></svg>`
	at := blurMask(t, picture, 200, 200)
	for _, c := range []struct {
		what string
		x, y float64
		lo   int
		hi   int
	}{
		{"the ring", 32 + 4, 70 + 4, 97, 107},
		{"the ring's corner", 25 + 4, 25 + 4, 97, 107},
		{"the hole", 70 + 4, 70 + 4, 0, 0},
		{"the hole's edge", 45 + 4, 70 + 4, 40, 62},
		{"beyond the ring", 140, 70, 0, 0},
	} {
		if v := at(c.x, c.y); v < c.lo || v > c.hi {
			t.Errorf("%s at %g,%g: %d, want %d..%d", c.what, c.x, c.y, v, c.lo, c.hi)
		}
	}
}

// TestEvenOddCoverage checks the even-odd rasteriser on a square ring:
// the band covered, the hole and outside empty, an edge half way across
// a pixel half covered.
func TestEvenOddCoverage(t *testing.T) {
	ring := [][][2]float64{
		{{2.5, 2}, {18, 2}, {18, 18}, {2.5, 18}},
		{{6, 6}, {14, 6}, {14, 14}, {6, 14}}, // wound the same way
	}
	cov := evenOddCoverage(ring, 20, 20)
	for _, c := range []struct {
		x, y int
		want float32
	}{
		{4, 10, 1}, {10, 4, 1}, {10, 10, 0}, {7, 7, 0}, {19, 10, 0}, {10, 19, 0}, {2, 10, 0.5}, {1, 10, 0},
	} {
		if got := cov[c.y*20+c.x]; got < c.want-0.01 || got > c.want+0.01 {
			t.Errorf("coverage at %d,%d: %g, want %g", c.x, c.y, got, c.want)
		}
	}
}

// TestStrokeJoins checks the joins of a blurred outline: a right angle 8
// wide, turning at 10,10, reaches its outer corner 6,6 with a miter (its
// length √2 widths, within the limit of 4), is cut across it with a bevel
// (a limit of 1) and rounded with a round join.
func TestStrokeJoins(t *testing.T) {
	path := svg.Path{
		{Op: svg.MoveTo, Pts: [3]svg.Point{{X: 10, Y: 30}}},
		{Op: svg.LineTo, Pts: [3]svg.Point{{X: 10, Y: 10}}},
		{Op: svg.LineTo, Pts: [3]svg.Point{{X: 30, Y: 10}}},
	}
	for _, c := range []struct {
		join           string
		limit          float64
		corner, inside float32 // at 6.5,6.5 and at 8.5,8.5
	}{
		{"miter", 4, 1, 1},
		{"miter", 1.4, 0, 1}, // √2 is past the limit: bevelled
		{"bevel", 4, 0, 1},
		{"round", 4, 0, 1},
	} {
		z := &coverage{w: 40, h: 40, z: vector.NewRasterizer(40, 40), a: image.NewAlpha(image.Rect(0, 0, 40, 40))}
		cov := z.stroke(path, &svg.Stroke{Width: 8, Join: c.join, MiterLimit: c.limit, Cap: "butt"}, svg.Identity)
		if got := cov[6*40+6]; got < c.corner-0.02 || got > c.corner+0.02 {
			t.Errorf("%s join, limit %g: the outer corner %g, want %g", c.join, c.limit, got, c.corner)
		}
		if got := cov[8*40+8]; got < c.inside-0.02 {
			t.Errorf("%s join, limit %g: inside the bevel %g, want %g", c.join, c.limit, got, c.inside)
		}
		// the butt ends leave nothing beyond the lines' ends
		if got := cov[31*40+10]; got != 0 {
			t.Errorf("%s join: beyond the butt end %g, want 0", c.join, got)
		}
	}
}
