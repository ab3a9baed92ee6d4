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
	"slices"
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
	// runs are the AC tables of codes (codes[1] and codes[3]) for runs
	// of zeros of any length.
	runs [2]runCodes
	bits bitWriter
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

// runCodes are, for each run of zeros r < 64 and category m, at r<<4|m,
// the r/16 codes of sixteen zeros followed by the code of the run r%16
// and m, as huffmanCodes has them: one load for the codes before a value
// however long its run.
type runCodes [1024]uint64

// huffmanCodes are, for each value, its code and the code's length,
// with room for the value's bits after it (as many as its lower four bits
// say; the bits of the value a run and size stand for, or of the
// difference of a DC): the code times 2ᵐ⁺⁸ and the length plus m, one
// load for both, and one or to put the bits in.
type huffmanCodes [256]uint64

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
				c[v] = uint64(code)<<(v&15)<<8 | uint64(l+1)
				code++
				k++
			}
			code <<= 1
		}
		// Values that no code stands for are written with a code of
		// no bits: the category's value bits alone.
		for v := range c {
			if c[v] == 0 {
				c[v] = uint64(v & 15)
			} else {
				c[v] += uint64(v & 15)
			}
		}
	}
	for t := range 2 {
		ac := &e.codes[2*t+1]
		zrl := ac[0xf0] // no value bits: the code and its length
		for i := range e.runs[t] {
			c := ac[uint8(i&0xff)]
			for range i >> 8 {
				c = zrl>>8<<(c&0xff+8) | c + zrl&0xff
			}
			e.runs[t][i] = c
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
// zigzag order, lets the writing jump from one to the next. Each code is
// written with the value bits after it, and the codes of sixteen zeros
// before it, in one go.
func (e *encoder) writeBlock(p plane, x, y, t int, pred int32) int32 {
	coef := &e.coef
	nonZero := fdctAt(coef, &e.samples, p, x, y, e.reciprocal[t])
	dc, ac, runs := &e.codes[2*t], &e.codes[2*t+1], &e.runs[t]
	if cap(e.out)-len(e.out) < blockRoom {
		e.out = slices.Grow(e.out, blockRoom)
	}
	// The bits are held in local variables while the block is written:
	// in e, each code would store them and load them again.
	out, acc, free := e.out, e.bits.acc, e.bits.free
	diff := coef[0] - pred
	m := magnitudeBits(diff)
	// The DC's code, then each coefficient's, the end of block after the
	// last one but the 63rd, written with it: at most 9 + 11 bits after a
	// DC, 3·11 + 16 + 10 after a coefficient, with the end's 4 less than
	// the 64 put takes.
	code, size := dc[m]>>8|uint64(valueBits(diff, m)), int(dc[m]&0xff)
	nz, last := nonZero&^1, 0
	for {
		if nz == 0 && last < 63 {
			eob := ac[0]
			code, size = code<<(eob&0xff)|eob>>8, size+int(eob&0xff)
		}
		// put, written out: the compiler would not inline it.
		if free -= size; free >= 0 {
			acc = acc<<(size&63) | code
		} else {
			out = putWord(out, acc<<((size+free)&63)|code>>(-free&63))
			acc, free = code, free+64
		}
		if nz == 0 {
			break
		}
		k := bits.TrailingZeros64(nz)
		nz &= nz - 1
		run := k - last - 1
		last = k
		v := coef[unzig[k&63]&63]
		m := magnitudeBits(v)
		c := runs[(run<<4|int(m))&1023]
		code, size = c>>8|uint64(valueBits(v, m)), int(c&0xff)
	}
	e.out, e.bits.acc, e.bits.free = out, acc, free
	return coef[0]
}

// blockRoom is more than the bytes of a block: at most 63 codes of 16
// bits, each with 10 bits of value, three codes of sixteen zeros, a DC
// and an end of block, all but doubled by a 0x00 after each 0xff, and
// the bits left over from the block before.
const blockRoom = 1024

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
	return uint32(v+v>>31) & (1<<(n&31) - 1)
}

// put writes the size < 64 low bits of code after the 64 - free last
// bits of acc, out's bits not yet written: into the word, written when
// it is full. out must have room for two words more.
func put(out []byte, acc uint64, free int, code uint64, size int) ([]byte, uint64, int) {
	if free -= size; free >= 0 {
		return out, acc<<(size&63) | code, free
	}
	// The word's last -free bits are code's first: the others are left
	// at the bottom of acc.
	return putWord(out, acc<<((size+free)&63)|code>>(-free&63)), code, free + 64
}

// putWord appends the eight bytes of w, each of 0xff followed by 0x00,
// in the room out has for them.
func putWord(out []byte, w uint64) []byte {
	if hasNoFF(w) {
		n := len(out)
		out = out[:n+8]
		binary.BigEndian.PutUint64(out[n:], w)
		return out
	}
	return putStuffed(out, w)
}

// putStuffed is putWord for a word that holds a byte of 0xff.
func putStuffed(out []byte, w uint64) []byte {
	n := len(out)
	out = out[:n+16]
	for s := 56; s >= 0; s -= 8 {
		out[n] = uint8(w >> s)
		n++
		if uint8(w>>s) == 0xff {
			out[n] = 0
			n++
		}
	}
	return out[:n]
}

// hasNoFF is whether none of v's bytes is 0xff: none of ^v's is zero,
// which borrows a bit from the top of a byte less one.
func hasNoFF(v uint64) bool {
	x := ^v
	return (x-0x0101010101010101)&^x&0x8080808080808080 == 0
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
