//go:build !amd64 || purego

package jpegenc

// hasAVX2 is false where there is no assembly.
const hasAVX2 = false

// fdct is fdctGo where there is no assembly for it.
func fdct(coef *[64]int32, samples *[64]uint8, r *reciprocals) (nonZero uint64) {
	return fdctGo(coef, samples, &r.natural)
}

// fdctAt is fdct of the block at x, y of p, loaded into block.
func fdctAt(coef *[64]int32, block *[64]uint8, p plane, x, y int, r *reciprocals) (nonZero uint64) {
	load(block, p, x, y)
	return fdctGo(coef, block, &r.natural)
}
