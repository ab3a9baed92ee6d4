package media

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"testing"

	"github.com/samizdat-press/samizdat/internal/cputime"
)

// kernelRows gives rows of every length up to 200 and a few of a
// screenshot's, at every offset from an aligned start to 31 bytes past
// it, of random bytes, of the bytes that are edges for sums and signs
// (0, 1, 0x7f, 0x80, 0xff), and of zeros.
func kernelRows(rng *rand.Rand) [][]uint8 {
	var rows [][]uint8
	edges := []uint8{0, 1, 0x7f, 0x80, 0x81, 0xfe, 0xff}
	for _, n := range []int{0, 1, 7, 8, 31, 32, 33, 63, 64, 65, 95, 96, 100, 200, 4500, 4501, 6000, 70000, 140000} {
		for _, kind := range []string{"random", "edges", "zeros", "ones"} {
			off := rng.IntN(32)
			buf := make([]uint8, off+n)
			row := buf[off:]
			for i := range row {
				switch kind {
				case "random":
					row[i] = uint8(rng.Uint32())
				case "edges":
					row[i] = edges[rng.IntN(len(edges))]
				case "ones":
					row[i] = 0xff
				}
			}
			rows = append(rows, row)
		}
	}
	for n := range 200 {
		row := make([]uint8, n)
		for i := range row {
			row[i] = uint8(rng.Uint32())
		}
		rows = append(rows, row)
	}
	return rows
}

// TestKernelsMatchWords checks each AVX2 kernel, through the function
// that calls it, against the pure-Go loop it stands for, on the same
// rows; built with the purego tag, or without AVX2, there is no kernel
// to check.
func TestKernelsMatchWords(t *testing.T) {
	if !haveAVX2 {
		t.Skip("no AVX2 kernels in this build or on this processor")
	}
	rng := rand.New(rand.NewPCG(31, 32))
	rows := kernelRows(rng)
	for _, cur := range rows {
		n := len(cur)
		prev := rows[rng.IntN(len(rows))]
		if len(prev) < n {
			prev = append(append([]uint8(nil), prev...), make([]uint8, n-len(prev))...)
		}
		upK, upW := make([]uint8, n), make([]uint8, n)
		uK, nK := upFilter(upK, cur, prev)
		uW, nW := upFilterWords(upW, cur, prev)
		if uK != uW || nK != nW || !bytes.Equal(upK, upW) {
			t.Fatalf("upFilter of %d bytes: sums %d %d, words give %d %d; rows equal %v", n, uK, nK, uW, nW, bytes.Equal(upK, upW))
		}

		sumK, sumW := append([]uint8(nil), prev[:n]...), append([]uint8(nil), prev[:n]...)
		addBytes(sumK, cur)
		addWords(sumW, cur)
		if !bytes.Equal(sumK, sumW) {
			t.Fatalf("addBytes of %d bytes differs from addWords", n)
		}

		for _, bpp := range []int{3, 4} {
			k, w := append([]uint8(nil), cur...), append([]uint8(nil), cur...)
			unSub(k, bpp)
			unSubWords(w, bpp)
			if !bytes.Equal(k, w) {
				t.Fatalf("unSub of %d bytes, %d a pixel, differs from unSubWords", n, bpp)
			}
		}

		if k, w := sumsOf(cur), sumsOfWords(cur); k != w {
			t.Fatalf("sumsOf of %d bytes: %+v, words give %+v", n, k, w)
		}

		// pairs of rows halved, RGB and RGBA, opaque but for a pixel
		// here and there, so that the RGBA kernel stops and starts again
		for _, ch := range []int{3, 4} {
			sw := n / ch
			if sw == 0 {
				continue
			}
			a, b := append([]uint8(nil), cur[:sw*ch]...), append([]uint8(nil), prev[:sw*ch]...)
			if ch == 4 {
				for x := range sw {
					a[4*x+3], b[4*x+3] = 0xff, 0xff
					if rng.IntN(16) == 0 {
						a[4*x+3] = uint8(rng.IntN(256))
					}
				}
			}
			got, want := make([]uint8, 4*ceilDiv(sw, 2)), make([]uint8, 4*ceilDiv(sw, 2))
			halveRows(got, a, b, ch, sw)
			plainHalveRows(want, a, b, ch, sw)
			if !bytes.Equal(got, want) {
				t.Fatalf("%d pixels of %d bytes halved as %v, want %v", sw, ch, got, want)
			}
		}

		// rows of whole RGBA pixels, written into rows of colours with
		// a guard after them that must stay as it was
		px := n / 4
		rgba := cur[:4*px]
		const guard = 40
		rgbK, rgbW := bytes.Repeat([]uint8{0x5a}, 3*px+guard), bytes.Repeat([]uint8{0x5a}, 3*px+guard)
		alphaK, alphaW := make([]uint8, px), make([]uint8, px)
		splitAlpha(rgbK[:3*px], alphaK, rgba)
		for x := range px {
			copy(rgbW[3*x:], rgba[4*x:4*x+3])
			alphaW[x] = rgba[4*x+3]
		}
		if !bytes.Equal(rgbK, rgbW) || !bytes.Equal(alphaK, alphaW) {
			t.Fatalf("splitAlpha of %d pixels differs from a pixel at a time", px)
		}
		dropK := bytes.Repeat([]uint8{0x5a}, 3*px+guard)
		dropAlpha(dropK[:3*px], rgba)
		if !bytes.Equal(dropK, rgbW) {
			t.Fatalf("dropAlpha of %d pixels differs from a pixel at a time", px)
		}
	}
}

// TestSumsOfLong checks the checksum's sums over more than one of the
// kernel's chunks of bytes all 0xff, where its lanes come nearest to
// overflowing, against a byte at a time.
func TestSumsOfLong(t *testing.T) {
	p := bytes.Repeat([]uint8{0xff}, 3*adlerChunk+37)
	var a, b uint64
	for _, c := range p {
		a = (a + uint64(c)) % adlerMod
		b = (b + a) % adlerMod
	}
	want := rowSums{n: len(p), sum: uint32(a), weighted: uint32(b)}
	if got := sumsOf(p); got != want {
		t.Fatalf("sumsOf: %+v, want %+v", got, want)
	}
}

// BenchmarkKernels times each function an AVX2 kernel serves on rows of a
// 3000-pixel screenshot (RGBA, and RGB for the filters), 300 rows; with
// the purego tag, the pure-Go loops.
func BenchmarkKernels(b *testing.B) {
	const w, h = 3000, 300
	rows := screenshotRows(rand.New(rand.NewPCG(1, 2)), w, 4, h)
	rgb := make([]uint8, 3*w)
	alpha := make([]uint8, w)
	sum := make([]uint8, 4*w)
	b.Run("addBytes", func(b *testing.B) {
		b.SetBytes(4 * w * h)
		cpu0 := cputime.Used()
		for b.Loop() {
			for _, row := range rows {
				addBytes(sum, row)
			}
		}
		b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
	})
	b.Run("unSub", func(b *testing.B) {
		b.SetBytes(4 * w * h)
		cpu0 := cputime.Used()
		for b.Loop() {
			for _, row := range rows {
				copy(sum, row)
				unSub(sum, 4)
				copy(sum, row)
				unSub(sum[:3*w], 3)
			}
		}
		b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
	})
	b.Run("halveRows", func(b *testing.B) {
		// opaque, as screenshots mostly are
		opaque := make([][]uint8, h)
		for y, row := range rows {
			opaque[y] = append([]uint8(nil), row...)
			for x := 3; x < len(row); x += 4 {
				opaque[y][x] = 0xff
			}
		}
		rows := opaque
		b.SetBytes(4 * w * h)
		dst := make([]uint8, 2*w)
		cpu0 := cputime.Used()
		for b.Loop() {
			for y := 0; y+1 < h; y += 2 {
				halveRows(dst, rows[y], rows[y+1], 4, w)
				halveRows(dst, rows[y][:3*w], rows[y+1][:3*w], 3, w)
			}
		}
		b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
	})
	b.Run("sumsOf", func(b *testing.B) {
		b.SetBytes(4 * w * h)
		cpu0 := cputime.Used()
		for b.Loop() {
			for _, row := range rows {
				sumsOf(row)
			}
		}
		b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
	})
	b.Run("dropAlpha", func(b *testing.B) {
		b.SetBytes(4 * w * h)
		cpu0 := cputime.Used()
		for b.Loop() {
			for _, row := range rows {
				dropAlpha(rgb, row)
			}
		}
		b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
	})
	b.Run("splitAlpha", func(b *testing.B) {
		b.SetBytes(4 * w * h)
		cpu0 := cputime.Used()
		for b.Loop() {
			for _, row := range rows {
				splitAlpha(rgb, alpha, row)
			}
		}
		b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
	})
}

// addWords adds src to dst byte by byte, modulo 256, in pure Go, a
// word at a time: the reference addBytes is checked against.
func addWords(dst, src []uint8) {
	for len(dst) >= 16 && len(src) >= 16 {
		a0, b0 := binary.LittleEndian.Uint64(dst), binary.LittleEndian.Uint64(src)
		a1, b1 := binary.LittleEndian.Uint64(dst[8:]), binary.LittleEndian.Uint64(src[8:])
		binary.LittleEndian.PutUint64(dst, ((a0&^hiBits)+(b0&^hiBits))^((a0^b0)&hiBits))
		binary.LittleEndian.PutUint64(dst[8:], ((a1&^hiBits)+(b1&^hiBits))^((a1^b1)&hiBits))
		dst, src = dst[16:], src[16:]
	}
	for i := range min(len(dst), len(src)) {
		dst[i] += src[i]
	}
}
