package media

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortLeaves checks the radix sort of Huffman leaves against
// slices.Sort, for alphabets of every size deflate has and larger, with
// frequencies of one to four bytes, ties and zeros.
func TestSortLeaves(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	for _, n := range []int{0, 1, 2, 19, 30, 286, 300, 1000} {
		for _, most := range []int{1, 3, 255, 256, 70000, 1 << 25} {
			var leaves []uint64
			for s := range n {
				if rng.IntN(3) > 0 {
					leaves = append(leaves, uint64(rng.IntN(most+1))<<16|uint64(s))
				}
			}
			want := slices.Clone(leaves)
			slices.Sort(want)
			var buf [numLitLen]uint64
			if got := sortLeaves(slices.Clone(leaves), buf[:]); !slices.Equal(got, want) {
				t.Fatalf("%d symbols, frequencies to %d: %v, want %v", n, most, got, want)
			}
		}
	}
}

// BenchmarkHuffmanLengths makes the codes of a block of a screenshot's
// literals and lengths: a few symbols frequent, most rare.
func BenchmarkHuffmanLengths(b *testing.B) {
	rng := rand.New(rand.NewPCG(53, 54))
	var freq [numLitLen]int
	for range 6500 {
		freq[min(int(rng.ExpFloat64()*40), numLitLen-1)]++
	}
	for b.Loop() {
		huffmanLengths(freq[:], 15)
	}
}
