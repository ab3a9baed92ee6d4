//go:build amd64 && !purego

package media

import "golang.org/x/sys/cpu"

// haveAVX2 says the byte loops of PNG reading and writing may take 32
// bytes at a time (simd_amd64.s); built with the purego tag, or on another
// architecture, they take eight, as pure Go words.
var haveAVX2 = cpu.X86.HasAVX2

// upFilterAVX2 is upFilter over the first n bytes, n a multiple of 32.
//
//go:noescape
func upFilterAVX2(up, cur, prev *byte, n int) (sumUp, sumNone int)

// adlerAVX2 is sumsOf's sum and weighted sum of the first n bytes, n a
// multiple of 32 of at most adlerChunk, not reduced.
//
//go:noescape
func adlerAVX2(p *byte, n int) (sum, weighted uint64)

// splitAlphaAVX2 writes the colours of the first pixels RGBA pixels of
// rgba into rgb, three bytes each, and their opacities into alpha, when
// alpha is not nil; pixels is a multiple of 8, and rgb has 8 bytes of room
// after the last pixel's colours (the kernel writes 32 bytes for 24).
//
//go:noescape
func splitAlphaAVX2(rgb, alpha, rgba *byte, pixels int)

// unSub4AVX2 undoes the Sub filter on the first n bytes of a row of
// four-byte pixels, n a multiple of 16.
//
//go:noescape
func unSub4AVX2(cur *byte, n int)

// unSub3AVX2 undoes the Sub filter on the first n bytes of a row of
// three-byte pixels, n a multiple of 12 with four bytes after it to read.
//
//go:noescape
func unSub3AVX2(cur *byte, n int)

// halveRGBAAVX2 is halveRGBA over the first blocks blocks (a multiple of
// 4) while they are opaque, four at a time; done is how many it wrote.
//
//go:noescape
func halveRGBAAVX2(dst, a, b *byte, blocks int) (done int)

// halveRGBAVX2 is halveRGB over the first blocks blocks, a multiple of 4,
// with 4 bytes to read after their last in each row.
//
//go:noescape
func halveRGBAVX2(dst, a, b *byte, blocks int)
