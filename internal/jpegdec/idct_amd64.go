//go:build amd64 && !purego

package jpegdec

import "golang.org/x/sys/cpu"

// The inverse transforms at half and a quarter size were a fifth of a
// build's picture work: with AVX2 they are made four or eight blocks a
// turn, where the Go code makes one at a time (idct_amd64.s).
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

// idct2AVX2 is idct2Go for groups of eight blocks, the first at coef.
//
//go:noescape
func idct2AVX2(dst *uint8, stride int, coef *int16, groups int)

// idct2 is idct2Go, the whole groups of eight blocks in a row made by
// idct2AVX2, the blocks left over by idct2Go.
func idct2(dst []uint8, stride int, coef []int16) {
	if !hasAVX2 || stride <= 0 || stride > len(dst) {
		idct2Go(dst, stride, coef)
		return
	}
	// the blocks idct2Go would write: as many as coef has, that the
	// rows hold
	n := min(len(coef)/16, stride/2, (len(dst)-stride)/2)
	if m := n &^ 7; m > 0 {
		idct2AVX2(&dst[0], stride, &coef[0], m/8)
		dst, coef = dst[2*m:], coef[16*m:16*n]
	}
	idct2Go(dst, stride, coef)
}
