package jpegdec

import (
	"bytes"
	"math/rand/v2"
	"testing"
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

// TestIdct4MatchesGo checks idct4 (on amd64 the assembly for whole groups
// of four blocks) against idct4Go, byte for byte, on rows of every
// length up to three groups and more, the rows wider than the blocks or
// as wide.
func TestIdct4MatchesGo(t *testing.T) {
	t.Logf("AVX2: %v", hasAVX2)
	rng := rand.New(rand.NewPCG(4, 4))
	for round := range 400 {
		n := 1 + round%14
		if round%50 == 49 {
			n = 300
		}
		coef := randomBlocks(rng, n)
		stride := 4*n + 4*(round%3) // wider than the blocks for some
		want := make([]uint8, 4*stride)
		got := make([]uint8, 4*stride)
		for i := range want {
			want[i] = uint8(i)
			got[i] = uint8(i)
		}
		idct4Go(want, stride, coef)
		idct4(got, stride, coef)
		if !bytes.Equal(got, want) {
			for i := range got {
				if got[i] != want[i] {
					b := i % stride / 4
					t.Fatalf("%d blocks: pixel %d of row %d (block %d, %v) is %d, want %d",
						n, i%stride, i/stride, b, coef[16*b:16*b+16], got[i], want[i])
				}
			}
		}
	}
}
