package jpegdec

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestDequantMatchesGo checks dequant (on amd64 the assembly) against
// dequantGo on the values a scan stores, an AC coefficient's eleven bits
// at most and a DC already bounded, and on any int16, by the
// quantisation of 8-bit and 16-bit tables, products beyond clampCoef's
// bounds both ways among them.
func TestDequantMatchesGo(t *testing.T) {
	t.Logf("AVX2: %v", hasAVX2)
	rng := rand.New(rand.NewPCG(3, 4))
	for _, maxQ := range []int32{1, 255, 65535} {
		for n := range 7 {
			coef := make([]int16, 16*n)
			for i := range coef {
				switch i % 3 {
				case 0:
					coef[i] = int16(rng.Uint32())
				case 1:
					coef[i] = int16(rng.IntN(2047) - 1023)
				default:
					coef[i] = []int16{-1023, -1, 0, 1, 1023, -1 << 14, 1<<14 - 1}[rng.IntN(7)]
				}
			}
			var q [16]int32
			for i := range q {
				q[i] = 1 + rng.Int32N(maxQ)
			}
			q[rng.IntN(16)] = maxQ
			want := slices.Clone(coef)
			dequantGo(want, &q)
			got := slices.Clone(coef)
			dequant(got, &q)
			if !slices.Equal(got, want) {
				t.Errorf("%d blocks, quantisation up to %d: %v, want %v", n, maxQ, got, want)
			}
			if n > 0 && maxQ > 255 && slices.Equal(want, coef) {
				t.Errorf("%d blocks, quantisation up to %d: nothing changed", n, maxQ)
			}
		}
	}
}
