//go:build !amd64 || purego

package jpegdec

// dequant is dequantGo where there is no assembly for it.
func dequant(coef []int16, q *[16]int32) { dequantGo(coef, q) }
