//go:build amd64 && !purego

package media

// addBytesToAVX2 is addBytesTo over the first n bytes, n a multiple of 32.
//
//go:noescape
func addBytesToAVX2(dst, a, b *byte, n int)
