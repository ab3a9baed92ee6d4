//go:build amd64 && !purego

package jpegenc

import "golang.org/x/sys/cpu"

// The forward transform and quantising are a third of encoding a
// photograph: with AVX2 a block's rows are transformed at once, one in
// each 32-bit element of eight registers (fdct_amd64.s).
var hasAVX2 = cpu.X86.HasAVX2

// fdctAVX2 is fdctGo of the block whose eight rows of eight samples
// start at samples, stride bytes apart, by the reciprocals in the order
// of reciprocals.avx2.
//
//go:noescape
func fdctAVX2(coef *[64]int32, samples *uint8, stride int, r *[64]int64) (nonZero uint64)

// fdct is fdctGo, by fdctAVX2 where the processor has AVX2.
func fdct(coef *[64]int32, samples *[64]uint8, r *reciprocals) (nonZero uint64) {
	if hasAVX2 {
		return fdctAVX2(coef, &samples[0], 8, &r.avx2)
	}
	return fdctGo(coef, samples, &r.natural)
}

// fdctAt is fdct of the block at x, y of p, block the room to load it
// in. With AVX2, a block within the plane is read where it is.
func fdctAt(coef *[64]int32, block *[64]uint8, p plane, x, y int, r *reciprocals) (nonZero uint64) {
	if hasAVX2 && x+8 <= p.width && y+8 <= p.height {
		rows := p.pix[y*p.stride+x : (y+7)*p.stride+x+8]
		return fdctAVX2(coef, &rows[0], p.stride, &r.avx2)
	}
	load(block, p, x, y)
	return fdct(coef, block, r)
}
