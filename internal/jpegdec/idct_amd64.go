//go:build amd64 && !purego

package jpegdec

import "golang.org/x/sys/cpu"

// The inverse transform at half size is a fifth of a build's picture
// work: with AVX2 it is made four blocks a turn, two in a register,
// where the Go code makes one at a time (idct_amd64.s).
var hasAVX2 = cpu.X86.HasAVX2

// idct4AVX2 is idct4Go for groups of four blocks, the first at coef.
//
//go:noescape
func idct4AVX2(dst *uint8, stride int, coef *int16, groups int)

// idct4 is idct4Go, the whole groups of four blocks in a row made by
// idct4AVX2, the blocks left over by idct4Go.
func idct4(dst []uint8, stride int, coef []int16) {
	if !hasAVX2 || stride <= 0 || 3*stride > len(dst) {
		idct4Go(dst, stride, coef)
		return
	}
	// the blocks idct4Go would write: as many as coef has, that the
	// rows hold
	n := min(len(coef)/16, stride/4, (len(dst)-3*stride)/4)
	if m := n &^ 3; m > 0 {
		idct4AVX2(&dst[0], stride, &coef[0], m/4)
		dst, coef = dst[4*m:], coef[16*m:16*n]
	}
	idct4Go(dst, stride, coef)
}
