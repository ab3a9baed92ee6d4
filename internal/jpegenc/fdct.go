package jpegenc

// The forward transform replaces a block of samples (less 128) by its
// coefficients,
// F(u,v) = ¼·C(u)·C(v)·Σ f(x,y)·cos((2x+1)uπ/16)·cos((2y+1)vπ/16), rows
// then columns, by Arai, Agui and Nakajima's factoring (as libjpeg's
// jfdctflt.c has it): each 8-point transform takes five multiplications,
// where one making the coefficients themselves took fourteen, because it
// makes each one scaled, F(u) times s(u), s(0) = 1 and s(u) =
// √2·cos(uπ/16) (and the block's, times 8·s(u)·s(v)): the factors are
// taken with the quantisation, one multiplication a coefficient as
// before.
//
// The samples are taken with sampleBits bits of fraction, which the
// passes keep: each product, by a constant times 2^constBits, is shifted
// back, its error a fraction of a unit of the last bit, far below the
// finest step of quantising. The sums are of 64-bit integers, which no
// sum comes near filling, at the cost of 32-bit ones.
//
// Each pass transforms the rows of a block into the columns of another:
// twice is rows then columns, the coefficients back in their places. One
// loop with no calls in it for each, where a function called for each row
// and column cost more than the transform's own arithmetic.
//
// The first pass reads the samples as they are, not less 128: only each
// row's sum of all eight, the first frequency, holds the 8·128 they are
// more by, taken off it; the other frequencies are of differences, in
// which it cancels.
//
// The second pass quantises each coefficient as it is made, by the
// reciprocals r in natural order (see reciprocal), into coef in natural
// order: the coefficients are neither stored nor loaded again for it.
//
// nonZero has bit k set for each coefficient of zigzag index k not zero,
// which lets the writing jump from one to the next: at the qualities
// photographs are kept at, most of a block is zeros.
func fdctGo(coef *[64]int32, samples *[64]uint8, r *[64]int64) (nonZero uint64) {
	var tmp [64]int
	for y := range 8 {
		s := (*[8]uint8)(samples[8*y : 8*y+8])
		x0, x1, x2, x3 := int(s[0])<<sampleBits, int(s[1])<<sampleBits, int(s[2])<<sampleBits, int(s[3])<<sampleBits
		x4, x5, x6, x7 := int(s[4])<<sampleBits, int(s[5])<<sampleBits, int(s[6])<<sampleBits, int(s[7])<<sampleBits
		// the sums and differences of the samples mirrored about
		// the middle
		t0, t7 := x0+x7, x0-x7
		t1, t6 := x1+x6, x1-x6
		t2, t5 := x2+x5, x2-x5
		t3, t4 := x3+x4, x3-x4
		// the even frequencies, from the sums
		t10, t13 := t0+t3, t0-t3
		t11, t12 := t1+t2, t1-t2
		tmp[y], tmp[32+y] = t10+t11-8*128<<sampleBits, t10-t11
		z1 := ((t12+t13)*aanC4 + constRound) >> constBits
		tmp[16+y], tmp[48+y] = t13+z1, t13-z1
		// the odd ones, from the differences
		t10, t11, t12 = t4+t5, t5+t6, t6+t7
		z5 := (t10-t12)*aanC6 + constRound
		z2 := (t10*aanC2m6 + z5) >> constBits
		z4 := (t12*aanC2p6 + z5) >> constBits
		z3 := (t11*aanC4 + constRound) >> constBits
		z11, z13 := t7+z3, t7-z3
		tmp[40+y], tmp[24+y] = z13+z2, z13-z2
		tmp[8+y], tmp[56+y] = z11+z4, z11-z4
	}
	// The same, written out again: a function called for each row
	// would not be inlined.
	for y := range 8 {
		x := (*[8]int)(tmp[8*y : 8*y+8])
		t0, t7 := x[0]+x[7], x[0]-x[7]
		t1, t6 := x[1]+x[6], x[1]-x[6]
		t2, t5 := x[2]+x[5], x[2]-x[5]
		t3, t4 := x[3]+x[4], x[3]-x[4]
		t10, t13 := t0+t3, t0-t3
		t11, t12 := t1+t2, t1-t2
		q0 := quantise(t10+t11, r[y])
		q4 := quantise(t10-t11, r[32+y])
		z1 := ((t12+t13)*aanC4 + constRound) >> constBits
		q2 := quantise(t13+z1, r[16+y])
		q6 := quantise(t13-z1, r[48+y])
		t10, t11, t12 = t4+t5, t5+t6, t6+t7
		z5 := (t10-t12)*aanC6 + constRound
		z2 := (t10*aanC2m6 + z5) >> constBits
		z4 := (t12*aanC2p6 + z5) >> constBits
		z3 := (t11*aanC4 + constRound) >> constBits
		z11, z13 := t7+z3, t7-z3
		q5 := quantise(z13+z2, r[40+y])
		q3 := quantise(z13-z2, r[24+y])
		q1 := quantise(z11+z4, r[8+y])
		q7 := quantise(z11-z4, r[56+y])
		coef[y], coef[8+y], coef[16+y], coef[24+y] = q0, q1, q2, q3
		coef[32+y], coef[40+y], coef[48+y], coef[56+y] = q4, q5, q6, q7
		// The column's word of those not zero, a nibble at a time
		// made the bits of their zigzag indices.
		lo := isNonZero(q0) | isNonZero(q1)<<1 | isNonZero(q2)<<2 | isNonZero(q3)<<3
		hi := isNonZero(q4) | isNonZero(q5)<<1 | isNonZero(q6)<<2 | isNonZero(q7)<<3
		c := &columnZigzag[y]
		nonZero |= c[0][lo&15] | c[1][hi&15]
	}
	return nonZero
}

// columnZigzag is, for each column u and each half of it (rows 0-3,
// 4-7), for each set of the half's coefficients (bit i for row 4·half +
// i), the bits of their zigzag indices.
var columnZigzag = func() (t [8][2][16]uint64) {
	for k, n := range unzig {
		u, v := n%8, n/8
		for b := range 16 {
			if b>>(v%4)&1 != 0 {
				t[u][v/4][b] |= 1 << k
			}
		}
	}
	return t
}()

// reciprocals are a table's reciprocals (see reciprocal) in natural
// order, as fdctGo takes them, and in the order fdctAVX2 multiplies
// them by, each row's as 0 1 4 5 2 3 6 7.
type reciprocals struct {
	natural, avx2 [64]int64
}

// newReciprocals makes the reciprocals of the steps of quantising q, in
// zigzag order.
func newReciprocals(q *[64]uint8) *reciprocals {
	r := new(reciprocals)
	for k, step := range q {
		n := unzig[k]
		r.natural[n] = reciprocal(int(step), n)
	}
	for n := range 64 {
		r.avx2[n] = r.natural[n&^7|int(avx2Column[n%8])]
	}
	return r
}

// avx2Column is the column of each place of a row of fdctAVX2's
// reciprocals.
var avx2Column = [8]uint8{0, 1, 4, 5, 2, 3, 6, 7}

// reciprocal is 2³² divided by the step q of quantising the coefficient
// at natural position n times the factors the transform leaves on it,
// 8·s(u)·s(v) and the samples' fraction (see fdct), rounded: integers
// throughout, as the factors are.
func reciprocal(q int, n uint8) int64 {
	d := int64(q) * aanScale[n%8] * aanScale[n/8] << (3 + sampleBits)
	return (1<<62 + d/2) / d
}

// quantise is v·r/2³² rounded to the nearest, halves away from zero, as
// |v|·r rounded with v's sign put back: for a negative v, a half less
// 2⁻³² is added (v >> 63 is -1) and the sum rounded down. No branch,
// which the signs of noise mispredict.
func quantise(v int, r int64) int32 {
	return int32((int64(v)*r + 1<<31 + int64(v)>>63) >> 32)
}

const (
	sampleBits = 4  // the samples' bits of fraction
	constBits  = 14 // the constants'
)

// The constants of the rotations, times 2^constBits, rounded
// (TestTransformConstants checks them).
const (
	constRound = 1 << (constBits - 1)
	aanC4      = 11585 // cos(π/4)
	aanC6      = 6270  // cos(3π/8)
	aanC2m6    = 8867  // cos(π/8) - cos(3π/8)
	aanC2p6    = 21407 // cos(π/8) + cos(3π/8)
)

// aanScale is s(u) times 2¹⁵, rounded: 1, then √2·cos(uπ/16).
var aanScale = [8]int64{32768, 45451, 42813, 38531, 32768, 25746, 17734, 9041}
