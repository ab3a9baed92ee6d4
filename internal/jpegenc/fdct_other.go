//go:build !amd64 || purego

package jpegenc

// hasAVX2 is false where there is no assembly.
const hasAVX2 = false

// fdct is fdctGo where there is no assembly for it.
func fdct(zz *[64]int32, samples *[64]uint8, r *[64]int64) (nonZero uint64) {
	return fdctGo(zz, samples, r)
}
