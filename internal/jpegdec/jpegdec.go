// Package jpegdec decodes a baseline JPEG at a half, a quarter or an
// eighth of its size in the frequency domain, as libjpeg's scaled decoding
// does: each 8 × 8 block of coefficients gives 4 × 4, 2 × 2 or 1 × 1
// pixels, the inverse transform of its lowest 4 × 4, 2 × 2 or 1 × 1
// frequencies. A photograph reduced for an output is then never made
// whole: the inverse transform and the colour planes, most of the work,
// shrink with the scale; only the entropy decoding stays.
//
// It reads the kind of JPEG cameras and encoders write (one interleaved
// baseline scan of 8-bit Y′CbCr or grey, any of the chroma subsamplings
// image/jpeg reads) and declines anything else: progressive or
// arithmetic-coded pictures, CMYK or RGB, several scans, and any picture
// damaged in any way, which the caller then hands to image/jpeg. It
// never reports why: image/jpeg says it in its words.
package jpegdec

import (
	"encoding/binary"
	"image"
)

// Decode decodes data at 1/scale of its size (scale 2, 4 or 8): an
// *image.YCbCr, or an *image.Gray for one component, of ⌈w/scale⌉ ×
// ⌈h/scale⌉ pixels. ok is false for a picture it does not read.
func Decode(data []byte, scale int) (img image.Image, ok bool) {
	var n int
	switch scale {
	case 2:
		n = 4
	case 4:
		n = 2
	case 8:
		n = 1
	default:
		return nil, false
	}
	d := &decoder{data: data, n: n}
	if !d.decode() {
		return nil, false
	}
	return d.image(), true
}

type component struct {
	id, h, v, tq uint8
	td, ta       uint8 // Huffman tables of the scan
	pred         int32 // the last block's DC
	plane        []uint8
	stride       int
}

type decoder struct {
	data []byte
	pos  int
	n    int // pixels a block gives across

	quant         [4][64]int32 // in zigzag order
	quantSet      [4]bool
	dc, ac        [2]huffman
	width, height int
	comps         []component
	frame, scan   bool
	restart       int

	// The entropy-coded bits not yet used, the first in the top bit;
	// pad of them are zeros put after the data's end to fill the word,
	// which a well-formed picture never uses.
	bits                 uint64
	nbits                uint
	pad                  uint
	hmax                 int
	vmax                 int
	mcusAcross, mcusDown int
}

// decode reads the markers and the scan; false for anything it does not
// read.
func (d *decoder) decode() bool {
	if len(d.data) < 4 || d.data[0] != 0xff || d.data[1] != 0xd8 {
		return false
	}
	d.pos = 2
	for {
		if d.pos+2 > len(d.data) || d.data[d.pos] != 0xff {
			return false
		}
		marker := d.data[d.pos+1]
		d.pos += 2
		if marker == 0xd9 { // EOI
			return d.scan
		}
		if d.pos+2 > len(d.data) {
			return false
		}
		length := int(binary.BigEndian.Uint16(d.data[d.pos:]))
		if length < 2 || d.pos+length > len(d.data) {
			return false
		}
		body := d.data[d.pos+2 : d.pos+length]
		d.pos += length
		var ok bool
		switch {
		case marker == 0xc0 || marker == 0xc1: // baseline, extended Huffman
			ok = !d.frame && d.readFrame(body)
		case marker == 0xc4:
			ok = d.readHuffman(body)
		case marker == 0xdb:
			ok = d.readQuant(body)
		case marker == 0xdd:
			ok = len(body) == 2
			d.restart = int(binary.BigEndian.Uint16(body))
		case marker == 0xda:
			ok = d.frame && !d.scan && d.readScan(body) && d.decodeScan()
			d.scan = true
		case marker == 0xee:
			// Adobe's marker may say the picture is RGB or CMYK.
			ok = false
		case marker >= 0xe0 && marker <= 0xef, marker == 0xfe:
			ok = true // application data and comments
		}
		if !ok {
			return false
		}
	}
}

// readFrame reads the frame header: size and components.
func (d *decoder) readFrame(b []byte) bool {
	if len(b) < 6 || b[0] != 8 {
		return false
	}
	d.height, d.width = int(binary.BigEndian.Uint16(b[1:])), int(binary.BigEndian.Uint16(b[3:]))
	nComp := int(b[5])
	if d.width == 0 || d.height == 0 || (nComp != 1 && nComp != 3) || len(b) != 6+3*nComp {
		return false
	}
	for i := range nComp {
		c := component{id: b[6+3*i], h: b[7+3*i] >> 4, v: b[7+3*i] & 0x0f, tq: b[8+3*i]}
		if c.tq > 3 || c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4 {
			return false
		}
		for _, o := range d.comps {
			if o.id == c.id {
				return false
			}
		}
		d.comps = append(d.comps, c)
	}
	if nComp == 1 {
		// One component is not interleaved whatever its factors say.
		d.comps[0].h, d.comps[0].v = 1, 1
	} else {
		if d.comps[0].id == 'R' && d.comps[1].id == 'G' && d.comps[2].id == 'B' {
			return false
		}
		if d.ratio() < 0 {
			return false
		}
	}
	d.frame = true
	return true
}

// ratio is the chroma subsampling of three components; -1 for one
// image.YCbCr cannot hold.
func (d *decoder) ratio() image.YCbCrSubsampleRatio {
	y, cb, cr := d.comps[0], d.comps[1], d.comps[2]
	if cb.h != 1 || cb.v != 1 || cr.h != 1 || cr.v != 1 {
		return -1
	}
	switch [2]uint8{y.h, y.v} {
	case [2]uint8{1, 1}:
		return image.YCbCrSubsampleRatio444
	case [2]uint8{2, 1}:
		return image.YCbCrSubsampleRatio422
	case [2]uint8{2, 2}:
		return image.YCbCrSubsampleRatio420
	case [2]uint8{1, 2}:
		return image.YCbCrSubsampleRatio440
	case [2]uint8{4, 1}:
		return image.YCbCrSubsampleRatio411
	case [2]uint8{4, 2}:
		return image.YCbCrSubsampleRatio410
	}
	return -1
}

// readQuant reads quantisation tables of 8 or 16 bits.
func (d *decoder) readQuant(b []byte) bool {
	for len(b) > 0 {
		precision, tq := b[0]>>4, b[0]&0x0f
		if tq > 3 || precision > 1 {
			return false
		}
		b = b[1:]
		size := 64 << precision
		if len(b) < size {
			return false
		}
		for i := range 64 {
			if precision == 0 {
				d.quant[tq][i] = int32(b[i])
			} else {
				d.quant[tq][i] = int32(binary.BigEndian.Uint16(b[2*i:]))
			}
		}
		d.quantSet[tq] = true
		b = b[size:]
	}
	return true
}

// readHuffman reads Huffman tables, of baseline's two of each class.
func (d *decoder) readHuffman(b []byte) bool {
	for len(b) > 0 {
		if len(b) < 17 {
			return false
		}
		class, th := b[0]>>4, b[0]&0x0f
		if class > 1 || th > 1 {
			return false
		}
		var counts [16]uint8
		copy(counts[:], b[1:17])
		total := 0
		for _, c := range counts {
			total += int(c)
		}
		if total == 0 || total > 256 || len(b) < 17+total {
			return false
		}
		t := &d.dc[th]
		if class == 1 {
			t = &d.ac[th]
		}
		if !t.build(counts, b[17:17+total]) {
			return false
		}
		b = b[17+total:]
	}
	return true
}

// readScan reads the scan header: every component, in the frame's order,
// all frequencies at once.
func (d *decoder) readScan(b []byte) bool {
	if len(b) < 1 || int(b[0]) != len(d.comps) || len(b) != 4+2*len(d.comps) {
		return false
	}
	for i := range d.comps {
		c := &d.comps[i]
		id, tables := b[1+2*i], b[2+2*i]
		c.td, c.ta = tables>>4, tables&0x0f
		if id != c.id || c.td > 1 || c.ta > 1 || !d.dc[c.td].set || !d.ac[c.ta].set || !d.quantSet[c.tq] {
			return false
		}
	}
	ss, se, a := b[1+2*len(d.comps)], b[2+2*len(d.comps)], b[3+2*len(d.comps)]
	return ss == 0 && se == 63 && a == 0
}

// decodeScan decodes every block of the scan into the planes.
func (d *decoder) decodeScan() bool {
	d.hmax, d.vmax = 1, 1
	for _, c := range d.comps {
		d.hmax, d.vmax = max(d.hmax, int(c.h)), max(d.vmax, int(c.v))
	}
	d.mcusAcross = (d.width + 8*d.hmax - 1) / (8 * d.hmax)
	d.mcusDown = (d.height + 8*d.vmax - 1) / (8 * d.vmax)
	for i := range d.comps {
		c := &d.comps[i]
		c.stride = d.mcusAcross * int(c.h) * d.n
		c.plane = make([]uint8, c.stride*d.mcusDown*int(c.v)*d.n)
	}
	wanted := wantedZigzag[d.n]
	var coef [64]int32
	mcus := d.mcusAcross * d.mcusDown
	nextRST := 0
	for m := range mcus {
		if d.restart > 0 && m > 0 && m%d.restart == 0 {
			if !d.restartMarker(nextRST) {
				return false
			}
			nextRST = (nextRST + 1) % 8
		}
		mx, my := m%d.mcusAcross, m/d.mcusAcross
		for i := range d.comps {
			c := &d.comps[i]
			q := &d.quant[c.tq]
			for by := range int(c.v) {
				for bx := range int(c.h) {
					if !d.decodeBlock(c, q, &coef, wanted) {
						return false
					}
					x, y := (mx*int(c.h)+bx)*d.n, (my*int(c.v)+by)*d.n
					idct(c.plane[y*c.stride+x:], c.stride, &coef, d.n)
				}
			}
		}
	}
	return d.endOfData()
}

// decodeBlock decodes one block's coefficients, dequantised, keeping the
// wanted ones (in natural order) in coef.
func (d *decoder) decodeBlock(c *component, q *[64]int32, coef *[64]int32, wanted *[64]bool) bool {
	// Each code and the bits after it take at most 16 + 11 bits: one
	// check a code fills the word for both.
	if d.nbits < 27 {
		d.fill()
	}
	t, ok := d.decodeHuffman(&d.dc[c.td])
	if !ok || t > 11 {
		return false
	}
	c.pred += d.extend(t)
	coef[0] = clampCoef(c.pred * q[0])
	ac := &d.ac[c.ta]
	for k := 1; k < 64; {
		if d.nbits < 27 {
			d.fill()
		}
		var rs uint8
		if e := ac.lookup[d.bits>>(64-lookupBits)]; e != 0 {
			n := e >> 8
			d.bits <<= n
			d.nbits -= uint(n)
			rs = uint8(e)
		} else if rs, ok = d.decodeHuffman(ac); !ok {
			return false
		}
		r, s := int(rs>>4), rs&0x0f
		if s == 0 {
			if r != 15 {
				break // the rest are zeros
			}
			k += 16
			continue
		}
		k += r
		if k > 63 || s > 10 {
			return false
		}
		v := d.extend(s)
		if wanted[k] {
			coef[unzig[k]] = clampCoef(v * q[k])
		}
		k++
	}
	// The bits read must all have been the picture's.
	return d.nbits >= d.pad
}

// extend reads a difference of s bits, which are there: those below half
// its range stand for negative values.
func (d *decoder) extend(s uint8) int32 {
	if s == 0 {
		return 0
	}
	v := int32(d.bits >> (64 - s))
	d.bits <<= s
	d.nbits -= uint(s)
	if v < 1<<(s-1) {
		v += -1<<s + 1
	}
	return v
}

// clampCoef bounds a dequantised coefficient well beyond what 8-bit
// samples give, so that the integer transform cannot overflow on damaged
// data.
func clampCoef(v int32) int32 { return max(-1<<14, min(v, 1<<14-1)) }

// fill tops the bits up to more than 56, reading bytes with 0xff 0x00
// as 0xff; at a marker or the data's end, zeros.
func (d *decoder) fill() {
	for d.nbits <= 56 {
		var b byte
		switch {
		case d.pos >= len(d.data):
			d.pad += 8
		case d.data[d.pos] != 0xff:
			b = d.data[d.pos]
			d.pos++
		case d.pos+1 < len(d.data) && d.data[d.pos+1] == 0x00:
			b = 0xff
			d.pos += 2
		default:
			d.pad += 8 // a marker: the data ends
		}
		d.bits |= uint64(b) << (56 - d.nbits)
		d.nbits += 8
	}
}

// restartMarker reads the restart marker RSTn after the bits of an
// interval, resetting the predictions.
func (d *decoder) restartMarker(n int) bool {
	if !d.endOfData() || d.pos+2 > len(d.data) || d.data[d.pos] != 0xff || d.data[d.pos+1] != 0xd0+byte(n) {
		return false
	}
	d.pos += 2
	d.bits, d.nbits, d.pad = 0, 0, 0
	for i := range d.comps {
		d.comps[i].pred = 0
	}
	return true
}

// endOfData checks that the entropy-coded data has no more than the bits
// filling its last byte unread, and leaves d.pos at the marker after it.
func (d *decoder) endOfData() bool {
	if d.nbits < d.pad || d.nbits-d.pad >= 8 {
		return false
	}
	// d.pos is at the marker, or at the data's end, when the bits were
	// padded; otherwise every byte up to it was read.
	return d.pos < len(d.data) && d.data[d.pos] == 0xff
}

// image is the decoded picture, of the scaled size.
func (d *decoder) image() image.Image {
	w, h := (d.width*d.n+7)/8, (d.height*d.n+7)/8
	r := image.Rect(0, 0, w, h)
	y := d.comps[0]
	if len(d.comps) == 1 {
		return &image.Gray{Pix: y.plane, Stride: y.stride, Rect: r}
	}
	return &image.YCbCr{
		Y: y.plane, Cb: d.comps[1].plane, Cr: d.comps[2].plane,
		YStride: y.stride, CStride: d.comps[1].stride,
		SubsampleRatio: d.ratio(), Rect: r,
	}
}

// unzig is the natural position of each zigzag index.
var unzig = [64]int{
	0, 1, 8, 16, 9, 2, 3, 10,
	17, 24, 32, 25, 18, 11, 4, 5,
	12, 19, 26, 33, 40, 48, 41, 34,
	27, 20, 13, 6, 7, 14, 21, 28,
	35, 42, 49, 56, 57, 50, 43, 36,
	29, 22, 15, 23, 30, 37, 44, 51,
	58, 59, 52, 45, 38, 31, 39, 46,
	53, 60, 61, 54, 47, 55, 62, 63,
}

// wantedZigzag marks, for n pixels a block, the zigzag indices of the
// n × n lowest frequencies.
var wantedZigzag = func() (w [5]*[64]bool) {
	for _, n := range []int{1, 2, 4} {
		w[n] = new([64]bool)
		for k, at := range unzig {
			w[n][k] = at%8 < n && at/8 < n
		}
	}
	return w
}()

// idct writes the n × n pixels of a block's lowest frequencies (coef, in
// natural order) at dst, rows stride bytes apart, and clears those
// coefficients for the next block. Integer arithmetic throughout, so that
// every machine gives the same bytes.
func idct(dst []uint8, stride int, coef *[64]int32, n int) {
	switch n {
	case 1:
		// The mean: F(0,0)/8, rounded.
		dst[0] = clampPixel((coef[0]+4)>>3 + 128)
		coef[0] = 0
	case 2:
		idct2(dst, stride, coef)
	case 4:
		idct4(dst, stride, coef)
	}
}

// The transforms below are ½·C(u)·cos((2x+1)uπ/2n) summed over the n
// lowest frequencies, C(0) = 1/√2, C(u) = 1 otherwise: the 8-point inverse
// transform's basis sampled at n points, which keeps the block's mean. The
// constants are times 2¹¹; rows are kept with three bits of fraction, so
// that with |F| < 2¹⁴ no sum needs more than 31 bits.
const (
	idctHalfRoot2 = 724 // ½·cos(π/4)·2¹¹
	idctCos1      = 946 // ½·cos(π/8)·2¹¹
	idctCos3      = 392 // ½·cos(3π/8)·2¹¹
	rowShift      = 8   // 2¹¹ down to 2³
	rowRound      = 1 << (rowShift - 1)
	colShift      = 14 // 2¹¹·2³ down to 1
	colRound      = 1<<(colShift-1) + 128<<colShift
)

// idct4 is the 4-point transform: an even half of the first and third
// frequencies, an odd half of the second and fourth.
func idct4(dst []uint8, stride int, coef *[64]int32) {
	var tmp [16]int32
	for v := range 4 {
		f := (*[4]int32)(coef[v*8 : v*8+4])
		even0 := (f[0] + f[2]) * idctHalfRoot2
		even1 := (f[0] - f[2]) * idctHalfRoot2
		odd0 := f[1]*idctCos1 + f[3]*idctCos3
		odd1 := f[1]*idctCos3 - f[3]*idctCos1
		t := (*[4]int32)(tmp[v*4 : v*4+4])
		t[0] = (even0 + odd0 + rowRound) >> rowShift
		t[3] = (even0 - odd0 + rowRound) >> rowShift
		t[1] = (even1 + odd1 + rowRound) >> rowShift
		t[2] = (even1 - odd1 + rowRound) >> rowShift
		*f = [4]int32{}
	}
	for x := range 4 {
		even0 := (tmp[x] + tmp[8+x]) * idctHalfRoot2
		even1 := (tmp[x] - tmp[8+x]) * idctHalfRoot2
		odd0 := tmp[4+x]*idctCos1 + tmp[12+x]*idctCos3
		odd1 := tmp[4+x]*idctCos3 - tmp[12+x]*idctCos1
		dst[x] = clampPixel((even0 + odd0 + colRound) >> colShift)
		dst[stride+x] = clampPixel((even1 + odd1 + colRound) >> colShift)
		dst[2*stride+x] = clampPixel((even1 - odd1 + colRound) >> colShift)
		dst[3*stride+x] = clampPixel((even0 - odd0 + colRound) >> colShift)
	}
}

// idct2 is the 2-point transform: ½·cos(π/4) for both frequencies, the
// second's sign alternating.
func idct2(dst []uint8, stride int, coef *[64]int32) {
	a, b, c, e := coef[0], coef[1], coef[8], coef[9]
	coef[0], coef[1], coef[8], coef[9] = 0, 0, 0, 0
	r0, r1 := ((a+b)*idctHalfRoot2+rowRound)>>rowShift, ((a-b)*idctHalfRoot2+rowRound)>>rowShift
	s0, s1 := ((c+e)*idctHalfRoot2+rowRound)>>rowShift, ((c-e)*idctHalfRoot2+rowRound)>>rowShift
	dst[0] = clampPixel(((r0+s0)*idctHalfRoot2 + colRound) >> colShift)
	dst[1] = clampPixel(((r1+s1)*idctHalfRoot2 + colRound) >> colShift)
	dst[stride] = clampPixel(((r0-s0)*idctHalfRoot2 + colRound) >> colShift)
	dst[stride+1] = clampPixel(((r1-s1)*idctHalfRoot2 + colRound) >> colShift)
}

func clampPixel(v int32) uint8 { return uint8(max(0, min(v, 255))) }
