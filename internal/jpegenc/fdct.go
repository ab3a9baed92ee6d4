package jpegenc

import "math"

// The forward transform replaces a block of samples (less 128) by its
// coefficients,
// F(u,v) = ¼·C(u)·C(v)·Σ f(x,y)·cos((2x+1)uπ/16)·cos((2y+1)vπ/16), rows
// then columns. Each 8-point transform splits the samples into the sums
// and differences of those mirrored about the middle: the even
// frequencies come from the four sums (a 4-point transform, itself split
// once more), the odd from the four differences.
//
// The constants are times 2¹³; rows keep two bits of fraction and the
// coefficients three, for quantising, so that no sum needs more than 31
// bits.
//
// The rows are transformed as they are loaded (load), the columns by
// fdctColumns.
func fdctColumns(b *[64]int32) {
	for x := range 8 {
		transformColumn(b, x, colShift)
	}
}

// transformSamples is the 8-point transform ½·C(u)·Σ f(x)·cos((2x+1)uπ/16)
// of eight samples, each less 128, its sums shifted right by rowShift,
// rounded, into f: the samples are read once, not stored and read again.
// Even frequencies come from the sums' 4-point transform, itself of their
// sums and differences; odd ones from the differences (odd).
func transformSamples(f *[8]int32, r *[8]uint8) {
	v0, v1, v2, v3 := int32(r[0]), int32(r[1]), int32(r[2]), int32(r[3])
	v4, v5, v6, v7 := int32(r[4]), int32(r[5]), int32(r[6]), int32(r[7])
	// a sum of two samples less 128 each, a difference of two
	s0, s1, s2, s3 := v0+v7-256, v1+v6-256, v2+v5-256, v3+v4-256
	d0, d1, d2, d3 := v0-v7, v1-v6, v2-v5, v3-v4
	const shift = rowShift
	const round = int32(1) << (shift - 1)
	e0, e1 := s0+s3, s1+s2
	e2, e3 := s0-s3, s1-s2
	f[0] = ((e0+e1)*cHalfRoot2 + round) >> shift
	f[4] = ((e0-e1)*cHalfRoot2 + round) >> shift
	f[2], f[6] = rotate(e2, e3, cos[2], cos[6], round, shift)
	f[1], f[3], f[5], f[7] = odd(d0, d1, d2, d3, round, shift)
}

// transformColumn is the same transform of column x, in place, its sums
// shifted right by shift.
func transformColumn(b *[64]int32, x int, shift uint) {
	x &= 7
	f0, f1, f2, f3, f4, f5, f6, f7 := b[x], b[8+x], b[16+x], b[24+x], b[32+x], b[40+x], b[48+x], b[56+x]
	s0, s1, s2, s3 := f0+f7, f1+f6, f2+f5, f3+f4
	d0, d1, d2, d3 := f0-f7, f1-f6, f2-f5, f3-f4
	round := int32(1) << (shift - 1)
	e0, e1 := s0+s3, s1+s2
	e2, e3 := s0-s3, s1-s2
	b[x] = ((e0+e1)*cHalfRoot2 + round) >> shift
	b[32+x] = ((e0-e1)*cHalfRoot2 + round) >> shift
	b[16+x], b[48+x] = rotate(e2, e3, cos[2], cos[6], round, shift)
	b[8+x], b[24+x], b[40+x], b[56+x] = odd(d0, d1, d2, d3, round, shift)
}

const (
	constBits = 13
	rowShift  = constBits - 2 // keeps two bits of fraction
	colShift  = constBits + 2 - fracBits
	fracBits  = 3 // of the coefficients
)

// odd is the odd frequencies of the differences d0 … d3, written out:
// cos((2i+1)uπ/16) for u = 1, 3, 5, 7 is ±cos(kπ/16) for odd k. They pair
// into rotations, of d0 and d3 and of d2 and d1, each of three
// multiplications where written out it took four.
func odd(d0, d1, d2, d3, round int32, shift uint) (f1, f3, f5, f7 int32) {
	c1, c3, c5, c7 := cos[1], cos[3], cos[5], cos[7]
	// f1 = d0·c1 + d1·c3 + d2·c5 + d3·c7
	// f3 = d0·c3 - d1·c7 - d2·c1 - d3·c5
	// f5 = d0·c5 - d1·c1 + d2·c7 + d3·c3
	// f7 = d0·c7 - d1·c5 + d2·c3 - d3·c1
	a17, a71 := turn(d0, d3, c1, c7) // d0·c1 + d3·c7, d0·c7 - d3·c1
	b53, b35 := turn(d2, d1, c5, c3) // d2·c5 + d1·c3, d2·c3 - d1·c5
	a53, a35 := turn(d0, d3, c5, c3) // d0·c5 + d3·c3, d0·c3 - d3·c5
	b17, b71 := turn(d2, d1, c1, c7) // d2·c1 + d1·c7, d2·c7 - d1·c1
	f1 = (a17 + b53 + round) >> shift
	f7 = (a71 + b35 + round) >> shift
	f3 = (a35 - b17 + round) >> shift
	f5 = (a53 + b71 + round) >> shift
	return
}

// turn is x·a + y·b and x·b - y·a in three multiplications. The
// arithmetic is exact (wrapping, if ever, and unwrapping in the sums), so
// the results are those of the four.
func turn(x, y, a, b int32) (int32, int32) {
	z := a * (x + y)
	return z + (b-a)*y, (a+b)*x - z
}

// rotate is turn's two sums, rounded and shifted.
func rotate(x, y, a, b, round int32, shift uint) (int32, int32) {
	p, q := turn(x, y, a, b)
	return (p + round) >> shift, (q + round) >> shift
}

// cos[k] is ½·cos(kπ/16)·2¹³; cHalfRoot2 is ½·(1/√2)·2¹³.
var (
	cos        [8]int32
	cHalfRoot2 = int32(math.Round(0.5 / math.Sqrt2 * (1 << constBits)))
)

func init() {
	for k := range 8 {
		cos[k] = int32(math.Round(0.5 * math.Cos(float64(k)*math.Pi/16) * (1 << constBits)))
	}
}
