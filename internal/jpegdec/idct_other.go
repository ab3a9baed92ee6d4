//go:build !amd64 || purego

package jpegdec

// hasAVX2 is false where there is no assembly.
const hasAVX2 = false

// idct4 is idct4Go where there is no assembly for it.
func idct4(dst []uint8, stride int, coef []int16) { idct4Go(dst, stride, coef) }

// idct2 is idct2Go where there is no assembly for it.
func idct2(dst []uint8, stride int, coef []int16) { idct2Go(dst, stride, coef) }
