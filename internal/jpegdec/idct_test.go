package jpegdec

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/samizdat-press/samizdat/internal/cputime"
)

// coefficientExtremes are the values at the edges of what the
// transforms take: the int16 range, clampCoef's bounds, and small ones.
var coefficientExtremes = []int16{-32768, -32767, -1 << 14, 1<<14 - 1, -1, 0, 1, 32767}

// randomBlocks makes n blocks of sixteen coefficients of every kind the
// transforms are to agree on: extremes in every place, noise of every
// size, and means putting the pixels at the edges of clamping.
func randomBlocks(rng *rand.Rand, n int) []int16 {
	coef := make([]int16, 16*n)
	for b := range n {
		f := coef[16*b : 16*b+16]
		switch b % 5 {
		case 0: // extremes everywhere
			for i := range f {
				f[i] = coefficientExtremes[rng.IntN(len(coefficientExtremes))]
			}
		case 1: // any int16
			for i := range f {
				f[i] = int16(rng.Uint32())
			}
		case 2: // a photograph's: within clampCoef's bounds, most small
			for i := range f {
				f[i] = int16(rng.IntN(1<<15) - 1<<14)
				if i > 0 && rng.IntN(3) > 0 {
					f[i] >>= 8
				}
			}
		case 3, 4: // a mean at a pixel's edge (F(0,0) = 8·(p-128)), a few small frequencies or none
			p := []int{-2, -1, 0, 1, 254, 255, 256, 257}[rng.IntN(8)]
			f[0] = int16(8*(p-128) + rng.IntN(9) - 4)
			for i := 1; i < 16 && b%5 == 3; i++ {
				f[i] = int16(rng.IntN(7) - 3)
			}
		}
	}
	return coef
}

// TestIdctMatchesGo checks idct4 and idct2 (on amd64 the assembly for
// whole groups of four or eight blocks) against idct4Go and idct2Go, byte
// for byte, on rows of every length up to three groups and more, the
// rows wider than the blocks or as wide.
func TestIdctMatchesGo(t *testing.T) {
	t.Logf("AVX2: %v", hasAVX2)
	for _, tr := range []struct {
		name      string
		n         int // pixels a block across and down
		fast, ref func(dst []uint8, stride int, coef []int16)
	}{
		{"idct4", 4, idct4, idct4Go},
		{"idct2", 2, idct2, idct2Go},
	} {
		rng := rand.New(rand.NewPCG(4, 4))
		for round := range 400 {
			blocks := 1 + round%26
			if round%50 == 49 {
				blocks = 300
			}
			coef := randomBlocks(rng, blocks)
			stride := tr.n*blocks + tr.n*(round%3) // wider than the blocks for some
			want := make([]uint8, tr.n*stride)
			got := make([]uint8, tr.n*stride)
			for i := range want {
				want[i] = uint8(i)
				got[i] = uint8(i)
			}
			tr.ref(want, stride, coef)
			tr.fast(got, stride, coef)
			if !bytes.Equal(got, want) {
				for i := range got {
					if got[i] != want[i] {
						b := i % stride / tr.n
						t.Fatalf("%s, %d blocks: pixel %d of row %d (block %d, %v) is %d, want %d",
							tr.name, blocks, i%stride, i/stride, b, coef[16*b:16*b+16], got[i], want[i])
					}
				}
			}
		}
	}
}

// BenchmarkIdct makes a 12-megapixel photograph's planes at half and a
// quarter of its size from its coefficients, by idct4 and idct2 (the
// assembly on amd64 with AVX2) and by idct4Go and idct2Go, the planes
// made once.
func BenchmarkIdct(b *testing.B) {
	c, ok := Parse(benchPhoto(b))
	if !ok {
		b.Fatal("declined")
	}
	for _, tr := range []struct {
		name string
		n    int
		f    func(dst []uint8, stride int, coef []int16)
	}{
		{"idct4", 4, idct4}, {"idct4Go", 4, idct4Go},
		{"idct2", 2, idct2}, {"idct2Go", 2, idct2Go},
	} {
		planes := make([][]uint8, len(c.planes))
		for i, p := range c.planes {
			planes[i] = make([]uint8, p.across*tr.n*p.down*tr.n)
		}
		b.Run(tr.name, func(b *testing.B) {
			cpu0 := cputime.Used()
			for b.Loop() {
				for i, p := range c.planes {
					stride := p.across * tr.n
					for by := range p.down {
						tr.f(planes[i][by*tr.n*stride:(by+1)*tr.n*stride], stride, p.coef[16*by*p.across:16*(by+1)*p.across])
					}
				}
			}
			b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}
