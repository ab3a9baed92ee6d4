// Package zpool lends zlib and raw deflate compressors
// (klauspost/compress) for reuse. A compressor holds a megabyte or more
// of tables and buffers: a PDF used one for each core painting its pages,
// one for its fonts and one for its other streams, an EPUB one for its
// documents, and editions built together each their own, so that making
// compressors was a sixth of what building the sample's six editions
// allocated. The pools hold nothing a caller can observe: a compressor
// is reset before it is lent, and a reset compressor writes the bytes a
// new one writes.
package zpool

import (
	"bytes"
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zlib"
)

// levels are the pools by compression level: -2 (Huffman coding only),
// -1 (the default), 0 to 9.
type levels [12]sync.Pool

var (
	zlibs   levels
	deflate levels
)

func (l *levels) pool(level int) *sync.Pool {
	if level < flate.HuffmanOnly || level > 9 {
		panic(fmt.Sprintf("zpool: compression level %d", level))
	}
	return &l[level-flate.HuffmanOnly]
}

// Zlib lends a zlib compressor at level writing to w; give it back with
// PutZlib once closed.
func Zlib(w io.Writer, level int) *zlib.Writer {
	if z, ok := zlibs.pool(level).Get().(*zlib.Writer); ok {
		z.Reset(w)
		return z
	}
	z, err := zlib.NewWriterLevel(w, level)
	if err != nil {
		panic(err) // the level was checked
	}
	return z
}

// PutZlib takes back a compressor Zlib lent at level.
func PutZlib(z *zlib.Writer, level int) { zlibs.pool(level).Put(z) }

// Flate lends a raw deflate compressor at level writing to w; give it
// back with PutFlate once closed.
func Flate(w io.Writer, level int) *flate.Writer {
	if f, ok := deflate.pool(level).Get().(*flate.Writer); ok {
		f.Reset(w)
		return f
	}
	f, err := flate.NewWriter(w, level)
	if err != nil {
		panic(err)
	}
	return f
}

// PutFlate takes back a compressor Flate lent at level.
func PutFlate(f *flate.Writer, level int) { deflate.pool(level).Put(f) }

// AppendZlib appends data, zlib-compressed at level, to dst.
func AppendZlib(dst, data []byte, level int) []byte {
	buf := bytes.NewBuffer(dst)
	z := Zlib(buf, level)
	z.Write(data) // a bytes.Buffer takes every byte
	z.Close()
	PutZlib(z, level)
	return buf.Bytes()
}
