//go:build !amd64 || purego

package media

func addBytesToAVX2(dst, a, b *byte, n int) { panic(noKernel) }
