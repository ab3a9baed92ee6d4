package jpegenc

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
// Each pass transforms the rows of a block into the columns of another:
// twice is rows then columns, the coefficients back in their places.
// One loop with no calls in it for both, where a function called for
// each row and column, and for the odd frequencies of each, cost more
// than the transform's own arithmetic.
//
// The first pass reads the samples as they are, not less 128: only each
// row's sum of all eight, the first frequency, holds the 8·128 they are
// more by, taken off it; the other frequencies are of differences, in
// which it cancels. The same integers, without a pass over the block to
// take 128 off each sample.
//
// The second pass quantises each coefficient as it is made, by the
// reciprocals r in natural order, into zz in zigzag order: the
// coefficients are neither stored nor loaded again for it.
func fdct(zz *[64]int32, samples *[64]uint8, r *[64]int32) {
	var tmp [64]int32
	transformRows(&tmp, samples, rowShift, 8*128, nil)
	transformRows(zz, &tmp, colShift, 0, r)
}

// transformRows is the 8-point transform ½·C(u)·Σ f(x)·cos((2x+1)uπ/16)
// of each row of src, less bias from the sum of each, its sums shifted
// right by shift (less than 32), rounded, into the columns of dst; or,
// with reciprocals r, each quantised by its own into dst in zigzag
// order.
func transformRows[T uint8 | int32](dst *[64]int32, src *[64]T, shift uint, bias int32, r *[64]int32) {
	shift &= 31
	round := int32(1) << shift >> 1
	for y := range 8 {
		s := (*[8]T)(src[8*y : 8*y+8])
		r0, r1, r2, r3 := int32(s[0]), int32(s[1]), int32(s[2]), int32(s[3])
		r4, r5, r6, r7 := int32(s[4]), int32(s[5]), int32(s[6]), int32(s[7])
		s0, s1, s2, s3 := r0+r7, r1+r6, r2+r5, r3+r4
		d0, d1, d2, d3 := r0-r7, r1-r6, r2-r5, r3-r4
		// Even frequencies from the sums' 4-point transform, itself
		// of their sums and differences.
		e0, e1 := s0+s3, s1+s2
		e2, e3 := s0-s3, s1-s2
		f0 := ((e0+e1-bias)*cHalfRoot2 + round) >> shift
		f4 := ((e0-e1)*cHalfRoot2 + round) >> shift
		// e2·c2 + e3·c6 and e2·c6 - e3·c2, in three multiplications
		// where written out they take four: exact, like the odd
		// frequencies'.
		z := c2 * (e2 + e3)
		f2 := (z + (c6-c2)*e3 + round) >> shift
		f6 := ((c2+c6)*e2 - z + round) >> shift
		// Odd frequencies from the differences: cos((2i+1)uπ/16) for
		// u = 1, 3, 5, 7 is ±cos(kπ/16) for odd k, and
		//
		//	f1 = d0·c1 + d1·c3 + d2·c5 + d3·c7
		//	f3 = d0·c3 - d1·c7 - d2·c1 - d3·c5
		//	f5 = d0·c5 - d1·c1 + d2·c7 + d3·c3
		//	f7 = d0·c7 - d1·c5 + d2·c3 - d3·c1
		//
		// in nine multiplications where written out they take
		// sixteen (Loeffler, Ligtenberg and Moschytz's factoring,
		// as libjpeg's jfdctint.c has it): each sum shares the
		// products of sums of pairs of differences with two others,
		// and the product of its own difference corrects them. The
		// factors are sums of the constants, so the sums are the
		// same integers: the arithmetic is exact (wrapping, if ever,
		// and unwrapping in the sums).
		z5 := (d0 + d1 + d2 + d3) * c3
		z1 := (d0 + d3) * (c7 - c3)
		z2 := (d1 + d2) * (-c1 - c3)
		z3 := (d1+d3)*(-c3-c5) + z5
		z4 := (d0+d2)*(c5-c3) + z5
		f1 := (d0*(c1+c3-c5-c7) + z1 + z4 + round) >> shift
		f3 := (d1*(c1+c3+c5-c7) + z2 + z3 + round) >> shift
		f5 := (d2*(c1+c3-c5+c7) + z2 + z4 + round) >> shift
		f7 := (d3*(-c1+c3+c5-c7) + z1 + z3 + round) >> shift
		if r == nil {
			dst[y], dst[8+y], dst[16+y], dst[24+y] = f0, f1, f2, f3
			dst[32+y], dst[40+y], dst[48+y], dst[56+y] = f4, f5, f6, f7
			continue
		}
		dst[zigzag[y]&63] = quantise(f0, r[y])
		dst[zigzag[8+y]&63] = quantise(f1, r[8+y])
		dst[zigzag[16+y]&63] = quantise(f2, r[16+y])
		dst[zigzag[24+y]&63] = quantise(f3, r[24+y])
		dst[zigzag[32+y]&63] = quantise(f4, r[32+y])
		dst[zigzag[40+y]&63] = quantise(f5, r[40+y])
		dst[zigzag[48+y]&63] = quantise(f6, r[48+y])
		dst[zigzag[56+y]&63] = quantise(f7, r[56+y])
	}
}

const (
	constBits = 13
	rowShift  = constBits - 2 // keeps two bits of fraction
	colShift  = constBits + 2 - fracBits
	fracBits  = 3 // of the coefficients
)

// c1 … c7 are ½·cos(kπ/16)·2¹³ for k = 1 … 7, rounded; cHalfRoot2 is
// ½·(1/√2)·2¹³ (c4). Constants, so that every product by one is by an
// immediate and their sums are folded (TestTransformConstants checks
// them).
const (
	c1         = 4017
	c2         = 3784
	c3         = 3406
	c5         = 2276
	c6         = 1567
	c7         = 799
	cHalfRoot2 = 2896
)
