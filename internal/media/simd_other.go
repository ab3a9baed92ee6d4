//go:build !amd64 || purego

package media

// haveAVX2 is false: the byte loops take eight bytes at a time in pure
// Go, and the kernels below are never called.
const haveAVX2 = false

func upFilterAVX2(up, cur, prev *byte, n int) (sumUp, sumNone int) { panic(noKernel) }
func adlerAVX2(p *byte, n int) (sum, weighted uint64)              { panic(noKernel) }
func splitAlphaAVX2(rgb, alpha, rgba *byte, pixels int)            { panic(noKernel) }

func unSub4AVX2(cur *byte, n int)                          { panic(noKernel) }
func unSub3AVX2(cur *byte, n int)                          { panic(noKernel) }
func halveRGBAAVX2(dst, a, b *byte, blocks int) (done int) { panic(noKernel) }
func halveRGBAVX2(dst, a, b *byte, blocks int)             { panic(noKernel) }

const noKernel = "media: an AVX2 kernel called in a build without them"
