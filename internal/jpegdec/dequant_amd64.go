//go:build amd64 && !purego

package jpegdec

// dequantAVX2 is dequantGo for blocks blocks, the first at coef, one a
// turn.
//
//go:noescape
func dequantAVX2(coef *int16, blocks int, q *[16]int32)

// dequant is dequantGo, by dequantAVX2 where there is AVX2.
func dequant(coef []int16, q *[16]int32) {
	if n := len(coef) / 16; hasAVX2 && n > 0 {
		dequantAVX2(&coef[0], n, q)
		return
	}
	dequantGo(coef, q)
}
