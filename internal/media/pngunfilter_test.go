package media

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/samizdat-press/samizdat/internal/cputime"
)

// unfilterRows are rows to undo the filters on, bpp bytes a pixel:
// random, runs broken by noise, flat, and the extreme values, from a
// pixel to several words long (a PNG's rows are whole pixels).
func unfilterRows(rng *rand.Rand, bpp int) (rows [][]uint8) {
	for _, pixels := range []int{1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33, 100} {
		for kind := range 4 {
			row := make([]uint8, pixels*bpp)
			for i := range row {
				switch kind {
				case 0:
					row[i] = uint8(rng.IntN(256))
				case 1:
					row[i] = uint8(i / 7 * 29)
					if rng.IntN(5) == 0 {
						row[i] = uint8(rng.IntN(256))
					}
				case 2:
					row[i] = 200
				case 3:
					row[i] = []uint8{0, 1, 127, 128, 254, 255}[rng.IntN(6)]
				}
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// TestUnfiltersMatchPlain checks the Paeth and Sub filters undone a word
// or a pixel at a time against a byte at a time, as the specification
// writes them, for pixels of 1 to 8 bytes, each row over every kind of
// row above.
func TestUnfiltersMatchPlain(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for bpp := 1; bpp <= 8; bpp++ {
		rows := unfilterRows(rng, bpp)
		for _, cur := range rows {
			for _, prev := range rows {
				if len(prev) != len(cur) {
					continue
				}
				got := append([]uint8(nil), cur...)
				want := append([]uint8(nil), cur...)
				unPaeth(got, prev, bpp)
				plainPaeth(want, prev, bpp)
				if !bytes.Equal(got, want) {
					t.Fatalf("%d bytes a pixel, Paeth of %v over %v: %v, want %v", bpp, cur, prev, got, want)
				}
			}
			got := append([]uint8(nil), cur...)
			want := append([]uint8(nil), cur...)
			unSub(got, bpp)
			for i := bpp; i < len(want); i++ {
				want[i] += want[i-bpp]
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%d bytes a pixel, Sub of %v: %v, want %v", bpp, cur, got, want)
			}
		}
	}
}

// paethFiltered is rows filtered with Paeth, as unPaeth reads them.
func paethFiltered(rows [][]uint8, bpp int) [][]uint8 {
	out := make([][]uint8, len(rows))
	prev := make([]uint8, len(rows[0]))
	for y, row := range rows {
		f := make([]uint8, len(row))
		for i := range row {
			var a, c int
			if i >= bpp {
				a, c = int(row[i-bpp]), int(prev[i-bpp])
			}
			f[i] = row[i] - uint8(paethPredictor(a, int(prev[i]), c))
		}
		out[y], prev = f, row
	}
	return out
}

// BenchmarkUnPaeth undoes the Paeth filter on the rows of a screenshot
// 1580 pixels wide (type, rules, gradients, noise, flat stretches), as
// grey, RGB and RGBA; the benchmark checks the rows come back.
func BenchmarkUnPaeth(b *testing.B) {
	const w, h = 1580, 300
	for _, bpp := range []int{1, 3, 4} {
		rows := screenshotRows(rand.New(rand.NewPCG(1, 2)), w, bpp, h)
		filtered := paethFiltered(rows, bpp)
		cur, prev := make([]uint8, w*bpp), make([]uint8, w*bpp)
		b.Run(fmt.Sprintf("bpp%d", bpp), func(b *testing.B) {
			b.SetBytes(int64(w * bpp * h))
			for b.Loop() {
				clear(prev)
				for _, f := range filtered {
					copy(cur, f)
					unPaeth(cur, prev, bpp)
					cur, prev = prev, cur
				}
			}
			if !bytes.Equal(prev, rows[h-1]) {
				b.Fatal("the last row does not come back")
			}
		})
	}
}

// BenchmarkEncodeRows encodes a screenshot the size of a 3160 × 1812
// one halved, with type, rules, gradients and noise, as RGB, RGBA and
// grey (the PDF's opacity masks), rows the same as the row above said
// so as EncodePNG says them.
func BenchmarkEncodeRows(b *testing.B) {
	const w, h = 1580, 906
	for _, tc := range []struct {
		name       string
		colourType byte
		ch         int
	}{{"rgb", 2, 3}, {"rgba", 6, 4}, {"grey", 0, 1}} {
		rows := screenshotRows(rand.New(rand.NewPCG(1, 2)), w, tc.ch, h)
		b.Run(tc.name, func(b *testing.B) {
			var n int
			cpu0 := cputime.Used()
			for b.Loop() {
				n = len(encodeRows(w, h, tc.colourType, func(y int, dst []uint8) bool {
					if y > 0 && bytes.Equal(rows[y], rows[y-1]) {
						return true
					}
					copy(dst, rows[y])
					return false
				}))
			}
			b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(n), "bytes")
		})
	}
}

// shadowRows are RGBA rows of a screenshot's window with its shadow: an
// opaque window with type, inside a margin where a black shadow fades
// out from its edges, transparent at the picture's edge.
func shadowRows(w, h int) [][]uint8 {
	const margin = 120
	rng := rand.New(rand.NewPCG(41, 42))
	rows := make([][]uint8, h)
	for y := range rows {
		row := make([]uint8, 4*w)
		for x := range w {
			px := row[4*x : 4*x+4]
			out := max(margin-x, x-(w-1-margin), margin-y, y-(h-1-margin), 0)
			switch {
			case out == 0:
				px[0], px[1], px[2], px[3] = 240, 240, 250, 255
				if (x/40+y/20)%4 == 0 {
					px[0] = uint8(rng.IntN(256))
				}
			case out < margin:
				px[3] = uint8(96 * (margin - out) / margin)
			}
		}
		rows[y] = row
	}
	return rows
}

// TestHalveShadow checks halving rows of a shadow, whose blocks not all
// opaque repeat along the rows, and of transparent pixels of any
// colour, against a pixel at a time.
func TestHalveShadow(t *testing.T) {
	rows := shadowRows(301, 260)
	clear(rows[0][:40])
	for i := 3; i < 4*30; i += 4 {
		rows[1][i-3], rows[1][i] = 77, 0 // transparent, with a colour
	}
	for y := 0; y+1 < len(rows); y += 2 {
		sw := len(rows[y]) / 4
		got, want := make([]uint8, 4*ceilDiv(sw, 2)), make([]uint8, 4*ceilDiv(sw, 2))
		halveRows(got, rows[y], rows[y+1], 4, sw)
		plainHalveRows(want, rows[y], rows[y+1], 4, sw)
		if !bytes.Equal(got, want) {
			t.Fatalf("rows %d and %d halved as %v, want %v", y, y+1, got, want)
		}
	}
}

// BenchmarkHalveShadow halves the RGBA rows of a screenshot 3160 × 600
// with a shadow in a margin 120 pixels wide (nearly half its blocks not
// all opaque).
func BenchmarkHalveShadow(b *testing.B) {
	const w, h = 3160, 600
	rows := shadowRows(w, h)
	dst := make([]uint8, 4*w/2)
	b.SetBytes(4 * w * h)
	for b.Loop() {
		for y := 0; y+1 < h; y += 2 {
			halveRows(dst, rows[y], rows[y+1], 4, w)
		}
	}
}

// BenchmarkUpFilter filters the rows of a screenshot 1580 pixels wide
// (RGB) with Up, and sums the magnitudes of both filters' bytes, as
// encodeRows does for each row not the row above again.
func BenchmarkUpFilter(b *testing.B) {
	const w, h = 1580, 300
	rows := screenshotRows(rand.New(rand.NewPCG(1, 2)), w, 3, h)
	var pairs [][2][]uint8
	for y := 1; y < h; y++ {
		if !bytes.Equal(rows[y], rows[y-1]) {
			pairs = append(pairs, [2][]uint8{rows[y], rows[y-1]})
		}
	}
	up := make([]uint8, 3*w)
	b.SetBytes(int64(3 * w * len(pairs)))
	for b.Loop() {
		for _, p := range pairs {
			upFilter(up, p[0], p[1])
		}
	}
}
