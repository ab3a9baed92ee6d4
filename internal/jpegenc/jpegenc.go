// Package jpegenc encodes a photograph as a baseline JPEG straight from
// its planes: a 4:2:0 *image.YCbCr, the kind the outputs reduce
// photographs to, or an *image.Gray. image/jpeg takes any picture and
// reads it pixel by pixel, converting each back to Y′CbCr and averaging
// colours it was given already averaged, which was a third of its time.
//
// The picture is written as image/jpeg writes it: the standard's
// quantisation tables scaled by the quality, its typical Huffman tables,
// colours at half the resolution both ways. Integer arithmetic
// throughout, so that every machine gives the same bytes.
package jpegenc

import (
	"encoding/binary"
	"image"
	"math/bits"
)

// Encode encodes img at quality 1 to 100; ok is false for a picture of
// another kind, which image/jpeg then encodes.
func Encode(img image.Image, quality int) (data []byte, ok bool) {
	var planes []plane
	switch m := img.(type) {
	case *image.YCbCr:
		if m.SubsampleRatio != image.YCbCrSubsampleRatio420 || m.Rect.Min != (image.Point{}) {
			return nil, false
		}
		w, h := m.Rect.Dx(), m.Rect.Dy()
		planes = []plane{
			{m.Y, m.YStride, w, h},
			{m.Cb, m.CStride, (w + 1) / 2, (h + 1) / 2},
			{m.Cr, m.CStride, (w + 1) / 2, (h + 1) / 2},
		}
	case *image.Gray:
		if m.Rect.Min != (image.Point{}) {
			return nil, false
		}
		planes = []plane{{m.Pix, m.Stride, m.Rect.Dx(), m.Rect.Dy()}}
	default:
		return nil, false
	}
	w, h := planes[0].width, planes[0].height
	if w <= 0 || h <= 0 || w >= 1<<16 || h >= 1<<16 {
		return nil, false
	}
	e := newEncoder(quality)
	e.out = make([]byte, 0, w*h/4+1024)
	e.writeHeaders(w, h, len(planes))
	if len(planes) == 1 {
		e.encodeGray(planes[0])
	} else {
		e.encode420(planes)
	}
	e.flush()
	e.out = append(e.out, 0xff, 0xd9)
	return e.out, true
}

// A plane is one component's samples.
type plane struct {
	pix           []uint8
	stride        int
	width, height int
}

type encoder struct {
	out []byte
	// quant is each table in zigzag order, as written; reciprocal is
	// what quantises each coefficient by a multiplication.
	quant      [2][64]uint8
	reciprocal [2]*reciprocals
	codes      [4]huffmanCodes
	bits       bitWriter
	// coef is the block being written's coefficients, quantised, in
	// natural order: kept here, not cleared for each block as a local
	// array would be.
	coef [64]int32
	// samples is a block of samples copied from a plane, where fdctAt
	// does not read them in place.
	samples [64]uint8
}

// A bitWriter gathers the bits of the scan in a word, written eight
// bytes at a time: the last 64 - free bits of acc are those not yet
// written (the bits above them are left over from the last word
// written).
type bitWriter struct {
	acc  uint64
	free int
}

// huffmanCodes are, for each value, its code times 2⁸ and the code's
// length: one load for both.
type huffmanCodes [256]uint32

func newEncoder(quality int) *encoder {
	quality = max(1, min(quality, 100))
	scale := 200 - 2*quality
	if quality < 50 {
		scale = 5000 / quality
	}
	e := &encoder{bits: bitWriter{free: 64}}
	for t := range 2 {
		for k, q := range baseQuant[t] {
			v := max(1, min((int(q)*scale+50)/100, 255))
			e.quant[t][k] = uint8(v)
		}
		e.reciprocal[t] = newReciprocals(&e.quant[t])
	}
	for i, spec := range standardHuffman {
		c := &e.codes[i]
		code, k := uint16(0), 0
		for l, n := range spec.counts {
			for range n {
				v := spec.values[k]
				c[v] = uint32(code)<<8 | uint32(l+1)
				code++
				k++
			}
			code <<= 1
		}
	}
	return e
}

// writeHeaders writes the markers before the picture's data: the
// quantisation tables, the frame (brightness sampled 2 × 2 against the
// colours' 1 × 1), the Huffman tables and the scan.
func (e *encoder) writeHeaders(w, h, nComp int) {
	e.out = append(e.out, 0xff, 0xd8)
	nTables := min(nComp, 2)
	e.marker(0xdb, 65*nTables)
	for t := range nTables {
		e.out = append(e.out, uint8(t))
		e.out = append(e.out, e.quant[t][:]...)
	}
	e.marker(0xc0, 6+3*nComp)
	e.out = append(e.out, 8, uint8(h>>8), uint8(h), uint8(w>>8), uint8(w), uint8(nComp))
	if nComp == 1 {
		e.out = append(e.out, 1, 0x11, 0)
	} else {
		e.out = append(e.out, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1)
	}
	size := 0
	for _, s := range standardHuffman[:2*nTables] {
		size += 17 + len(s.values)
	}
	e.marker(0xc4, size)
	for i, s := range standardHuffman[:2*nTables] {
		// class (DC 0, AC 1) and table number
		e.out = append(e.out, uint8(i%2)<<4|uint8(i/2))
		e.out = append(e.out, s.counts[:]...)
		e.out = append(e.out, s.values...)
	}
	e.marker(0xda, 4+2*nComp)
	e.out = append(e.out, uint8(nComp))
	if nComp == 1 {
		e.out = append(e.out, 1, 0x00)
	} else {
		e.out = append(e.out, 1, 0x00, 2, 0x11, 3, 0x11)
	}
	e.out = append(e.out, 0, 63, 0)
}

// marker writes a marker and the length of a segment of n bytes.
func (e *encoder) marker(m uint8, n int) {
	e.out = append(e.out, 0xff, m)
	e.out = binary.BigEndian.AppendUint16(e.out, uint16(n+2))
}

// encode420 writes each 16 × 16 block of pixels: four blocks of
// brightness, one of each colour.
func (e *encoder) encode420(planes []plane) {
	y, cb, cr := planes[0], planes[1], planes[2]
	var predY, predCb, predCr int32
	for my := 0; my < y.height; my += 16 {
		for mx := 0; mx < y.width; mx += 16 {
			for i := range 4 {
				predY = e.writeBlock(y, mx+8*(i%2), my+8*(i/2), 0, predY)
			}
			predCb = e.writeBlock(cb, mx/2, my/2, 1, predCb)
			predCr = e.writeBlock(cr, mx/2, my/2, 1, predCr)
		}
	}
}

func (e *encoder) encodeGray(p plane) {
	var pred int32
	for by := 0; by < p.height; by += 8 {
		for bx := 0; bx < p.width; bx += 8 {
			pred = e.writeBlock(p, bx, by, 0, pred)
		}
	}
}

// load reads the 8 × 8 samples at x, y, repeating the last column and
// row beyond the plane's edges: a row within them eight bytes at once.
func load(block *[64]uint8, p plane, x, y int) {
	for j := range 8 {
		row := p.pix[min(y+j, p.height-1)*p.stride:]
		b := (*[8]uint8)(block[8*j : 8*j+8])
		if x+8 <= p.width {
			*b = [8]uint8(row[x : x+8])
			continue
		}
		for i := range b {
			b[i] = row[min(x+i, p.width-1)]
		}
	}
}

// writeBlock transforms the block of samples at x, y of p, quantises
// and writes it with table t (0 brightness, 1 colour), its DC as a
// difference from pred; it returns the block's DC.
//
// The word fdct gives, with a bit for each coefficient not zero in
// zigzag order, lets the writing jump from one to the next. Each code is written with the value bits after it, in
// one go.
func (e *encoder) writeBlock(p plane, x, y, t int, pred int32) int32 {
	coef := &e.coef
	nonZero := fdctAt(coef, &e.samples, p, x, y, e.reciprocal[t])
	dc, ac := &e.codes[2*t], &e.codes[2*t+1]
	// The bits are held in local variables while the block is written:
	// in e, each code would store them and load them again.
	out, acc, free := e.out, e.bits.acc, e.bits.free
	diff := coef[0] - pred
	m := magnitudeBits(diff)
	out, acc, free = put(out, acc, free, dc[m]>>8<<m|valueBits(diff, m), int(dc[m]&0xff+uint32(m)))
	last := 0
	for nz := nonZero &^ 1; nz != 0; nz &= nz - 1 {
		k := bits.TrailingZeros64(nz)
		run := k - last - 1
		for run > 15 {
			out, acc, free = put(out, acc, free, ac[0xf0]>>8, int(ac[0xf0]&0xff))
			run -= 16
		}
		v := coef[unzig[k&63]&63]
		m := magnitudeBits(v)
		c := ac[uint8(run<<4)|m]
		// put, written out: the compiler would not inline it
		code, size := c>>8<<m|valueBits(v, m), int(c&0xff+uint32(m))
		if free -= size; free >= 0 {
			acc = acc<<(size&63) | uint64(code)
		} else {
			out, acc, free = putFull(out, acc, free, code, size)
		}
		last = k
	}
	if last < 63 {
		out, acc, free = put(out, acc, free, ac[0]>>8, int(ac[0]&0xff))
	}
	e.out, e.bits.acc, e.bits.free = out, acc, free
	return coef[0]
}

// isNonZero is 1 for a v not zero, else 0, with no branch.
func isNonZero(v int32) uint64 {
	if v != 0 {
		return 1
	}
	return 0
}

// magnitudeBits is the number of bits of |v|, the category its code
// stands for. No branch: the signs of noise mispredict it, two in five
// of its branches were.
func magnitudeBits(v int32) uint8 {
	sign := v >> 31
	return uint8(bits.Len32(uint32(v ^ sign - sign)))
}

// valueBits is the n low bits of v, of a negative v less one: what
// follows its category's code.
func valueBits(v int32, n uint8) uint32 {
	return uint32(v+v>>31) & (1<<n - 1)
}

// put writes the size ≤ 32 low bits of code after the 64 - free last
// bits of acc, out's bits not yet written: into the word, written when
// it is full, by a call every eight bytes or so.
func put(out []byte, acc uint64, free int, code uint32, size int) ([]byte, uint64, int) {
	if free -= size; free >= 0 {
		return out, acc<<(size&63) | uint64(code), free
	}
	return putFull(out, acc, free, code, size)
}

// putFull is put for a code that fills the word: its first size + free
// bits complete it, which is written, and the -free others are left
// at the bottom of acc.
func putFull(out []byte, acc uint64, free int, code uint32, size int) ([]byte, uint64, int) {
	out = appendWord(out, acc<<((size+free)&63)|uint64(code)>>(-free&63))
	return out, uint64(code), free + 64
}

// appendWord appends the eight bytes of v, each of 0xff followed by
// 0x00, which they rarely hold.
func appendWord(out []byte, v uint64) []byte {
	if x := ^v; (x-0x0101010101010101)&^x&0x8080808080808080 == 0 {
		return binary.BigEndian.AppendUint64(out, v)
	}
	for s := 56; s >= 0; s -= 8 {
		out = appendByte(out, uint8(v>>s))
	}
	return out
}

// appendByte appends a byte of the scan's data, a byte of 0xff followed
// by 0x00.
func appendByte(out []byte, b uint8) []byte {
	out = append(out, b)
	if b == 0xff {
		out = append(out, 0)
	}
	return out
}

// flush pads the last byte with ones and writes the bytes left.
func (e *encoder) flush() {
	n := uint(64 - e.bits.free)
	acc := e.bits.acc
	if pad := (8 - n%8) % 8; pad > 0 {
		acc = acc<<pad | (1<<pad - 1)
		n += pad
	}
	for n >= 8 {
		n -= 8
		e.out = appendByte(e.out, uint8(acc>>n))
	}
	e.bits = bitWriter{free: 64}
}

// unzig is the natural position of each zigzag index.
var unzig = [64]uint8{
	0, 1, 8, 16, 9, 2, 3, 10,
	17, 24, 32, 25, 18, 11, 4, 5,
	12, 19, 26, 33, 40, 48, 41, 34,
	27, 20, 13, 6, 7, 14, 21, 28,
	35, 42, 49, 56, 57, 50, 43, 36,
	29, 22, 15, 23, 30, 37, 44, 51,
	58, 59, 52, 45, 38, 31, 39, 46,
	53, 60, 61, 54, 47, 55, 62, 63,
}
