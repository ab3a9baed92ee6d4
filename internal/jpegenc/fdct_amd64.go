//go:build amd64 && !purego

package jpegenc

import "golang.org/x/sys/cpu"

// The forward transform and quantising are a third of encoding a
// photograph: with AVX2 a block's rows are transformed at once, one in
// each 32-bit element of eight registers (fdct_amd64.s).
var hasAVX2 = cpu.X86.HasAVX2

// fdctAVX2 is fdctGo.
//
//go:noescape
func fdctAVX2(zz *[64]int32, samples *[64]uint8, r *[64]int64) (nonZero uint64)

// fdct is fdctGo, by fdctAVX2 where the processor has AVX2.
func fdct(zz *[64]int32, samples *[64]uint8, r *[64]int64) (nonZero uint64) {
	if hasAVX2 {
		return fdctAVX2(zz, samples, r)
	}
	return fdctGo(zz, samples, r)
}
