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

// BenchmarkBlockCodes makes all a block's codes and writes its header, as
// each of a screenshot's blocks does: the codes of its literals and
// lengths and of its distances, and the code of their code lengths.
func BenchmarkBlockCodes(b *testing.B) {
	rng := rand.New(rand.NewPCG(53, 54))
	var litFreq [numLitLen]int
	var distFreq [numDist]int
	for range 6500 {
		litFreq[min(int(rng.ExpFloat64()*40), numLitLen-1)]++
		distFreq[min(int(rng.ExpFloat64()*6), numDist-1)]++
	}
	litFreq[endOfBlock] = 1
	w := bitWriter{buf: make([]byte, 0, 1<<10)}
	for b.Loop() {
		litLen, distLen := huffmanLengths(litFreq[:], 15), huffmanLengths(distFreq[:], 15)
		canonicalCodes(litLen)
		canonicalCodes(distLen)
		w.buf = w.buf[:0]
		writeDynamicHeader(&w, false, litLen, distLen)
	}
}

// TestHuffmanLengthsAsTree checks the code lengths worked out in place
// against those of Huffman's tree built with parents and depths, symbol
// for symbol: blocks' headers and codes must stay the same bytes. The
// frequencies are random, skewed as a screenshot's, Fibonacci (codes
// longer than maxBits), and at most two symbols used.
func TestHuffmanLengthsAsTree(t *testing.T) {
	rng := rand.New(rand.NewPCG(55, 56))
	fib := []int{1, 1}
	for len(fib) < 40 {
		fib = append(fib, fib[len(fib)-1]+fib[len(fib)-2])
	}
	check := func(name string, freq []int, maxBits int) {
		t.Helper()
		if got, want := huffmanLengths(freq, maxBits), treeHuffmanLengths(freq, maxBits); !slices.Equal(got, want) {
			t.Fatalf("%s: %v, want %v", name, got, want)
		}
	}
	for _, n := range []int{2, 3, 19, 30, 32, 33, 286, 300} {
		for _, maxBits := range []int{7, 15} {
			if n > 1<<maxBits {
				continue
			}
			for trial := range 60 {
				freq := make([]int, n)
				scale := []float64{0.5, 3, 40, 2000}[trial%4]
				for range rng.IntN(20000) {
					freq[min(int(rng.ExpFloat64()*scale), n-1)]++
				}
				check("skewed", freq, maxBits)
				for s := range freq {
					freq[s] = rng.IntN(4) * rng.IntN(1+trial)
				}
				check("uniform", freq, maxBits)
				clear(freq)
				for range trial % 3 {
					freq[rng.IntN(n)] = 1 + rng.IntN(9)
				}
				check("few", freq, maxBits)
				clear(freq)
				for s := range min(n, len(fib)) {
					freq[rng.IntN(n)] += fib[s]
				}
				check("Fibonacci", freq, maxBits)
			}
		}
	}
}

// treeHuffmanLengths is huffmanLengths as it was first written: Huffman's
// tree with parents and depths.
func treeHuffmanLengths(freq []int, maxBits int) []uint8 {
	// the symbols used, lightest first, ties by symbol: frequency and
	// symbol in one number
	// For deflate's alphabets the working slices are arrays on the
	// stack: each made on the heap, a screenshot's many small blocks
	// spent a third of their codes' time allocating.
	var leafBuf [numLitLen]uint64
	var weightBuf, parentBuf, depthBuf [2 * numLitLen]int
	var countBuf [numLitLen + 1]int
	leaves := leafBuf[:0]
	if len(freq) > len(leafBuf) {
		leaves = make([]uint64, 0, len(freq))
	}
	for s, f := range freq {
		if f > 0 {
			leaves = append(leaves, uint64(f)<<16|uint64(s))
		}
	}
	for s := 0; len(leaves) < 2; s++ {
		if freq[s] == 0 {
			leaves = append(leaves, uint64(s))
		}
	}
	var sortBuf [numLitLen]uint64
	leaves = sortLeaves(leaves, sortBuf[:])
	// Huffman's tree: nodes 0…n-1 are the leaves, then each node made
	// joins the two lightest of the leaves and nodes not yet joined
	// (made in order of weight, so two queues suffice).
	n := len(leaves)
	weight, parent, depth := make([]int, n, 2*n-1), make([]int, 2*n-1), make([]int, 2*n-1)
	if 2*n-1 <= len(weightBuf) {
		weight, parent, depth = weightBuf[:n:2*n-1], parentBuf[:2*n-1], depthBuf[:2*n-1]
	}
	for i, l := range leaves {
		weight[i] = int(l >> 16)
	}
	nextLeaf, nextNode := 0, n
	lightest := func() int {
		if nextLeaf < n && (nextNode >= len(weight) || weight[nextLeaf] <= weight[nextNode]) {
			nextLeaf++
			return nextLeaf - 1
		}
		nextNode++
		return nextNode - 1
	}
	for len(weight) < 2*n-1 {
		a, b := lightest(), lightest()
		parent[a], parent[b] = len(weight), len(weight)
		weight = append(weight, weight[a]+weight[b])
	}
	for i := 2*n - 3; i >= 0; i-- {
		depth[i] = depth[parent[i]] + 1
	}
	count := countBuf[:0]
	if k := max(maxBits, n) + 1; k <= len(countBuf) {
		count = countBuf[:k]
	} else {
		count = make([]int, k)
	}
	for i := range n {
		count[depth[i]]++
	}
	// Too long codes shortened as JPEG's encoders do (ITU T.81, K.3):
	// two leaves at the deepest level go up, and a leaf above them down.
	for i := len(count) - 1; i > maxBits; i-- {
		for count[i] > 0 {
			j := i - 2
			for count[j] == 0 {
				j--
			}
			count[i] -= 2
			count[i-1]++
			count[j+1] += 2
			count[j]--
		}
	}
	lengths := make([]uint8, len(freq))
	i := 0
	for l := maxBits; l > 0; l-- {
		for range count[l] {
			lengths[leaves[i]&0xffff] = uint8(l)
			i++
		}
	}
	return lengths
}
