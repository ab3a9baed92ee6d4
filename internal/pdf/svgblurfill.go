package pdf

import (
	"math"
	"slices"

	"github.com/samizdat-press/samizdat/internal/svg"
)

// x/image/vector fills by the non-zero rule only. A shape filled by the
// even-odd rule (fill-rule="evenodd", clip-rule="evenodd") is rasterised
// here instead: its outline flattened into polygons, each pixel row cut
// by evenOddRows sub-scanlines, and on each the stretches between the
// first and second crossing, the third and fourth, and so on, are inside
// (the parity of the crossings to their left is odd); a pixel's coverage
// is the share of its sub-scanlines' length inside.

// evenOddRows is how many sub-scanlines a pixel row is sampled along:
// 16 levels of coverage up an edge, finer than a blur shows.
const evenOddRows = 16

// evenOddCoverage is the coverage, 0..1, of w × h pixels by polygons
// (points in pixels, each closed back to its first) filled by the even-odd
// rule, row by row.
func evenOddCoverage(polygons [][][2]float64, w, h int) []float32 {
	out := make([]float32, w*h)
	rows := h * evenOddRows
	// crossings[s] holds the x of every edge crossing sub-scanline s, at
	// y = (s + 0.5) / evenOddRows.
	crossings := make([][]float64, rows)
	for _, poly := range polygons {
		for i := range poly {
			a, b := poly[i], poly[(i+1)%len(poly)]
			if a[1] == b[1] {
				continue
			}
			if a[1] > b[1] {
				a, b = b, a
			}
			// the sub-scanlines whose y is in [a.y, b.y)
			s0 := max(int(math.Ceil(a[1]*evenOddRows-0.5)), 0)
			s1 := min(int(math.Ceil(b[1]*evenOddRows-0.5)), rows)
			k := (b[0] - a[0]) / (b[1] - a[1])
			for s := s0; s < s1; s++ {
				y := (float64(s) + 0.5) / evenOddRows
				crossings[s] = append(crossings[s], a[0]+(y-a[1])*k)
			}
		}
	}
	const share = 1 / float32(evenOddRows)
	for s, xs := range crossings {
		if len(xs) < 2 {
			continue
		}
		slices.Sort(xs)
		row := out[(s/evenOddRows)*w:][:w]
		for i := 0; i+1 < len(xs); i += 2 {
			x0, x1 := max(xs[i], 0), min(xs[i+1], float64(w))
			if x1 <= x0 {
				continue
			}
			first, last := int(x0), min(int(math.Ceil(x1))-1, w-1)
			for x := first; x <= last; x++ {
				in := min(x1, float64(x+1)) - max(x0, float64(x))
				row[x] += float32(in) * share
			}
		}
	}
	for i, v := range out {
		out[i] = min(v, 1)
	}
	return out
}

// flattenPixels is a path's subpaths as polygons, its points pts already
// in pixels (x, y pairs, as the path's segments use them) less x0, y0:
// curves cut into pieces of about two pixels.
func flattenPixels(p svg.Path, pts []float64, x0, y0 float64) [][][2]float64 {
	var polys [][][2]float64
	var cur [][2]float64
	end := func() {
		if len(cur) > 2 {
			polys = append(polys, cur)
		}
		cur = nil
	}
	k := 0
	at := func(i int) [2]float64 { return [2]float64{pts[k+2*i] - x0, pts[k+2*i+1] - y0} }
	for _, seg := range p {
		switch seg.Op {
		case svg.MoveTo:
			end()
			cur = append(cur, at(0))
		case svg.LineTo:
			cur = append(cur, at(0))
		case svg.CubicTo:
			if len(cur) == 0 {
				break
			}
			p0, p1, p2, p3 := cur[len(cur)-1], at(0), at(1), at(2)
			d := math.Hypot(p1[0]-p0[0], p1[1]-p0[1]) + math.Hypot(p2[0]-p1[0], p2[1]-p1[1]) + math.Hypot(p3[0]-p2[0], p3[1]-p2[1])
			steps := min(max(int(math.Ceil(d/2)), 1), 256)
			for i := 1; i <= steps; i++ {
				u := float64(i) / float64(steps)
				v := 1 - u
				var q [2]float64
				for j := range q {
					q[j] = v*v*v*p0[j] + 3*v*v*u*p1[j] + 3*v*u*u*p2[j] + u*u*u*p3[j]
				}
				cur = append(cur, q)
			}
		case svg.Close:
			if len(cur) > 0 {
				start := cur[0]
				end()
				// a subpath drawn on after its close starts where it began
				cur = append(cur, start)
			}
		}
		k += 2 * segPoints(seg.Op)
	}
	end()
	return polys
}
