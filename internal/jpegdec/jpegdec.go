// Package jpegdec decodes a baseline JPEG at a half, a quarter or an
// eighth of its size in the frequency domain, as libjpeg's scaled decoding
// does: each 8 × 8 block of coefficients gives 4 × 4, 2 × 2 or 1 × 1
// pixels, the inverse transform of its lowest 4 × 4, 2 × 2 or 1 × 1
// frequencies. A photograph reduced for an output is then never made
// whole: the inverse transform and the colour planes, most of the work,
// shrink with the scale; only the entropy decoding stays.
//
// It reads the kinds of JPEG cameras, encoders and the web write (one
// interleaved baseline scan, or progressive scans, with restart markers
// or without, of 8-bit Y′CbCr or grey, at any of the chroma subsamplings
// image/jpeg reads, with any of the four Huffman tables of each class)
// and declines anything else: arithmetic-coded pictures, CMYK or RGB,
// several baseline scans, and any picture damaged in any way, which the
// caller then hands to image/jpeg. It never reports why: image/jpeg says
// it in its words. A run of blocks with no more coefficients that goes
// past its scan's end is read as libjpeg reads it, its rest dropped.
//
// DecodeWhole decodes a picture at its full size, libjpeg's pixels, for
// the kinds image/jpeg fails on: a progressive picture with restart
// markers and subsampled colours (image/jpeg counts a scan's restart
// intervals in blocks of every component), Huffman tables 2 and 3 in a
// baseline frame, and a picture whose restart markers are out of order
// or missing, which it resynchronises as libjpeg does.
package jpegdec

import (
	"encoding/binary"
	"image"
)

// Decode decodes data at 1/scale of its size (scale 2, 4 or 8): an
// *image.YCbCr, or an *image.Gray for one component, of ⌈w/scale⌉ ×
// ⌈h/scale⌉ pixels. ok is false for a picture it does not read.
func Decode(data []byte, scale int) (img image.Image, ok bool) {
	c, ok := Parse(data)
	if !ok {
		return nil, false
	}
	return c.Image(scale)
}

// Coefficients are a picture's blocks' lowest 4 × 4 frequencies, what
// every scale Decode reads needs: the entropy decoding, most of the
// work, is done once for the scales a picture is wanted at.
type Coefficients struct {
	width, height int
	planes        []coefficientPlane
	ratio         image.YCbCrSubsampleRatio // of three components
}

// A coefficientPlane holds one component's blocks, row by row, 16
// dequantised coefficients each (the lowest four of each of the lowest
// four rows).
type coefficientPlane struct {
	across, down int // blocks
	coef         []int16
}

// Parse reads a picture's coefficients; ok is false for a picture it does
// not read.
func Parse(data []byte) (c *Coefficients, ok bool) {
	d := &decoder{data: data}
	if !d.decode() {
		return nil, false
	}
	return d.coefficients(), true
}

// coefficients gathers the planes a decoded scan filled.
func (d *decoder) coefficients() *Coefficients {
	c := &Coefficients{width: d.width, height: d.height}
	for _, comp := range d.comps {
		c.planes = append(c.planes, comp.coefficientPlane)
	}
	if len(d.comps) == 3 {
		c.ratio = d.ratio()
	}
	return c
}

// Size is the memory the coefficients take, in bytes.
func (c *Coefficients) Size() int64 {
	var n int64
	for _, p := range c.planes {
		n += 2 * int64(len(p.coef))
	}
	return n
}

// Image is the picture at 1/scale of its size (scale 2, 4 or 8), as
// Decode gives it; ok is false for another scale.
func (c *Coefficients) Image(scale int) (img image.Image, ok bool) {
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
	pix := make([][]uint8, len(c.planes))
	strides := make([]int, len(c.planes))
	for i, p := range c.planes {
		stride := p.across * n
		plane := make([]uint8, stride*p.down*n)
		for by := range p.down {
			// a row of blocks: n rows of pixels
			dst := plane[by*n*stride : (by+1)*n*stride]
			coef := p.coef[16*by*p.across : 16*(by+1)*p.across]
			switch n {
			case 1:
				idct1(dst, coef)
			case 2:
				idct2(dst, stride, coef)
			case 4:
				idct4(dst, stride, coef)
			}
		}
		pix[i], strides[i] = plane, stride
	}
	r := image.Rect(0, 0, (c.width*n+7)/8, (c.height*n+7)/8)
	if len(c.planes) == 1 {
		return &image.Gray{Pix: pix[0], Stride: strides[0], Rect: r}, true
	}
	return &image.YCbCr{
		Y: pix[0], Cb: pix[1], Cr: pix[2],
		YStride: strides[0], CStride: strides[1],
		SubsampleRatio: c.ratio, Rect: r,
	}, true
}

type component struct {
	id, h, v, tq uint8
	td, ta       uint8 // Huffman tables of the scan
	pred         int32 // the last block's DC
	coefficientPlane
}

type decoder struct {
	data []byte
	pos  int

	quant         [4][64]int32 // in zigzag order
	quantSet      [4]bool
	dc, ac        [4]huffman   // tables 2 and 3 are extended and progressive JPEGs'
	pairs         [4]pairTable // of the AC tables
	width, height int
	comps         []component
	frame, scan   bool
	progressive   bool
	// The progressive scans' state: every coefficient of every block,
	// in zigzag order, before dequantising; the scan's components and
	// band; the blocks left with no more coefficients in the band.
	full           [][]int16
	scanComps      []int
	ss, se, ah, al int
	eobrun         int
	restart        int
	// DecodeWhole's: every coefficient kept, baseline scans read as
	// progressive ones are, and a damaged scan resynchronised at its
	// restart markers, the blocks whose bits are lost left at zero
	// (insufficient while they are), as libjpeg does.
	whole        bool
	insufficient bool
	lostBlocks   [][]bool // of each component, once any is lost
	damage       Damage

	// A progressive scan's entropy-coded bits not yet used, the first
	// in the top bit; pad of them are zeros put after the data's end to
	// fill the word, which a well-formed picture never uses. A baseline
	// scan's are read from seg.
	bits                 uint64
	nbits                uint
	pad                  uint
	seg                  segment // a baseline scan's
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
		if d.whole {
			// bytes left over in a damaged scan, as libjpeg passes
			// them over
			d.pos = nextMarker(d.data, d.pos)
		}
		if d.pos+2 > len(d.data) || d.data[d.pos] != 0xff {
			return false
		}
		marker := d.data[d.pos+1]
		d.pos += 2
		if d.whole && marker >= 0xd0 && marker <= 0xd7 {
			d.damage.Restarts++ // out of its scan's place
			continue
		}
		if marker == 0xd9 { // EOI
			return d.scan && (!d.progressive && !d.whole || d.finishProgressive())
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
		case marker == 0xc2: // progressive
			ok = !d.frame && d.readFrame(body)
			d.progressive = true
		case marker == 0xc4:
			ok = d.readHuffman(body)
		case marker == 0xdb:
			ok = d.readQuant(body)
		case marker == 0xdd:
			ok = len(body) == 2
			if ok {
				d.restart = int(binary.BigEndian.Uint16(body))
			}
		case marker == 0xda && (d.progressive || d.whole):
			ok = d.frame && d.readProgressiveScan(body) && d.decodeProgressiveScan()
			d.scan = true
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

// readHuffman reads Huffman tables, four of each class, as libjpeg reads
// them whatever the frame (baseline's are two).
func (d *decoder) readHuffman(b []byte) bool {
	for len(b) > 0 {
		if len(b) < 17 {
			return false
		}
		class, th := b[0]>>4, b[0]&0x0f
		if class > 1 || th > 3 {
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
		if !t.build(class == 1, counts, b[17:17+total]) {
			return false
		}
		if class == 1 {
			d.pairs[th].build(t)
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
		if id != c.id || c.td > 3 || c.ta > 3 || !d.dc[c.td].set || !d.ac[c.ta].set || !d.quantSet[c.tq] {
			return false
		}
	}
	ss, se, a := b[1+2*len(d.comps)], b[2+2*len(d.comps)], b[3+2*len(d.comps)]
	return ss == 0 && se == 63 && a == 0
}

// layout sets the MCU grid and each component's grid of blocks.
func (d *decoder) layout() {
	d.hmax, d.vmax = 1, 1
	for _, c := range d.comps {
		d.hmax, d.vmax = max(d.hmax, int(c.h)), max(d.vmax, int(c.v))
	}
	d.mcusAcross = (d.width + 8*d.hmax - 1) / (8 * d.hmax)
	d.mcusDown = (d.height + 8*d.vmax - 1) / (8 * d.vmax)
	for i := range d.comps {
		c := &d.comps[i]
		c.across, c.down = d.mcusAcross*int(c.h), d.mcusDown*int(c.v)
	}
}

// decodeScan decodes every block of the scan into the planes.
//
// Each block's coefficients are read from d.seg with its tables dc and
// ac (and the pairs of ac), the lowest 4 × 4 put in low, in natural
// order, which starts as zeros. The others are put in low[16], a place
// never read, without asking whether they are kept, so that each code
// costs a table look-up and a store. The AC coefficients are stored as
// coded, within 11 bits, and dequantised (multiplied and bounded by
// clampCoef) a row of MCUs at a time, while it is in the cache, by
// dequant: sixteen a block at once with AVX2, less work than a
// multiplication and a bound for each code, kept or not. The DC, a sum
// of differences which 16 bits may not hold, is dequantised as it is
// read.
//
// k is the zigzag index of the next coefficient, the one coded is at k -
// 1 once a code's step is added: place1 is indexed by it, and runs on to
// 128 entries, which k never reaches. A code's run can then take k past
// the block's end without a test every code: k is tested once, at the
// end.
//
// The bits are kept in local variables for the whole scan, put back in
// d.seg only at a restart marker and at the end: held in d, each code
// would store them and load them again, the compiler unable to tell they
// are not low; a function for a block took them from d.seg and put them
// back, and was called, 5% of the time. A pair entry (of one or two
// codes) takes at most fastBits bits: the word is topped up, to 56 or
// more, when fewer than two take are left, and two pair entries are read
// a turn. The second code's value is stored first: an entry of one code
// has its value twice, at the same place. The other codes, and the bits
// after them, take at most 16 + 10 bits (16 + 11 of DC, for which the
// word is topped up first).
func (d *decoder) decodeScan() bool {
	d.layout()
	for i := range d.comps {
		c := &d.comps[i]
		c.coef = make([]int16, 16*c.across*c.down)
	}
	// The blocks of an MCU, in the order they are coded: one loop
	// over them, not one over components and two over rows and
	// columns, which mispredict at every MCU's turns.
	type mcuBlock struct {
		c *component
		// its tables: found from d and c, the AC table's address
		// was worked out again at every code
		dc, ac  *huffman
		pairs   *pairTable
		dcQuant int32
		// where the block is in its plane, in coefficients: this
		// from the MCU's first block, the MCU's row and column
		// times these
		at, row, column int
	}
	var blocks []mcuBlock
	for i := range d.comps {
		c := &d.comps[i]
		for by := range int(c.v) {
			for bx := range int(c.h) {
				blocks = append(blocks, mcuBlock{
					c: c, dc: &d.dc[c.td], ac: &d.ac[c.ta], pairs: &d.pairs[c.ta], dcQuant: d.quant[c.tq][0],
					at:  16 * (by*c.across + bx),
					row: 16 * int(c.v) * c.across, column: 16 * int(c.h),
				})
			}
		}
	}
	// each plane's quantisation of its kept coefficients, in their
	// order, the first 1: the DC is dequantised as it is read
	qLow := make([][16]int32, len(d.comps))
	for i := range d.comps {
		for k, place := range lowPlace {
			if place < 16 {
				qLow[i][place] = d.quant[d.comps[i].tq][k]
			}
		}
		qLow[i][0] = 1
	}
	m, nextRST := 0, 0
	d.segment()
	seg := &d.seg
	data, word, nbits, pos := seg.data, seg.word, seg.nbits, seg.pos
	for my := range d.mcusDown {
		for mx := range d.mcusAcross {
			if d.restart > 0 && m > 0 && m%d.restart == 0 {
				seg.word, seg.nbits, seg.pos = word, nbits, pos
				if !d.endOfSegment() || d.pos+2 > len(d.data) || d.data[d.pos+1] != 0xd0+byte(nextRST) {
					return false
				}
				d.pos += 2
				d.segment()
				data, word, nbits, pos = seg.data, seg.word, seg.nbits, seg.pos
				for i := range d.comps {
					d.comps[i].pred = 0
				}
				nextRST = (nextRST + 1) % 8
			}
			m++
			for i := range blocks {
				b := &blocks[i]
				c, dc, ac, pairs := b.c, b.dc, b.ac, b.pairs
				var low [32]int16
				// A block starts within the segment, its codes
				// reading at most segmentPad bytes beyond.
				if 8*pos-int(nbits) > seg.bits {
					return false
				}
				// topped up only when the DC may need it: a refill
				// every block put its load on the way to the code
				if nbits < 27 {
					word, nbits, pos = refill(data, word, nbits, pos)
				}
				if e := dc.fast[word>>(64-fastBits)]; e&codeOnly == 0 {
					n := uint(e & fastLen)
					word <<= n
					nbits -= n
					c.pred += e >> 16
				} else {
					t, n := uint8(e>>8), uint(e&fastLen)
					if n == 0 {
						t, n = dc.slowCode(word)
						if n == 0 {
							return false
						}
					}
					word <<= n
					nbits -= n
					if t > 11 {
						return false
					}
					if t > 0 {
						c.pred += extendBits(word, t)
						word <<= t
						nbits -= uint(t)
					}
				}
				low[0] = int16(clampCoef(c.pred * b.dcQuant))
				k := uint(1)
				_ = ac.set // checked for nil once, not each time round
				for k < 64 {
					if nbits < 2*fastBits {
						word, nbits, pos = refill(data, word, nbits, pos)
					}
					e := pairs[word>>(64-fastBits)]
					if e&codeOnly == 0 {
						// one or two codes and their values at once
						// the second first: one code's are the same
						k2 := k + uint(e>>16)&0x7f
						low[place1[k2&127]&31] = int16(e >> 48)
						k1 := k + uint(e>>8)&0x7f
						low[place1[k1&127]&31] = int16(e >> 32)
						if k2 >= 64 || e&pairEnd != 0 {
							word, nbits, k = endPair(e, word, nbits, k1, k2)
							break
						}
						word <<= e & 63
						nbits -= uint(e & 63)
						k = k2
						e = pairs[word>>(64-fastBits)]
						if e&codeOnly == 0 {
							k2 := k + uint(e>>16)&0x7f
							low[place1[k2&127]&31] = int16(e >> 48)
							k1 := k + uint(e>>8)&0x7f
							low[place1[k1&127]&31] = int16(e >> 32)
							if k2 >= 64 || e&pairEnd != 0 {
								word, nbits, k = endPair(e, word, nbits, k1, k2)
								break
							}
							word <<= e & 63
							nbits -= uint(e & 63)
							k = k2
							continue
						}
					}
					word, nbits, pos, k = slowAC(&low, ac, e, data, word, nbits, pos, k)
				}
				if k > 64 {
					return false
				}
				// in two steps, each of which the compiler knows
				// does not copy between overlapping arrays, which
				// it does with a call
				kept := [16]int16(low[:16])
				at := b.at + my*b.row + mx*b.column
				*(*[16]int16)(b.c.coef[at : at+16]) = kept
			}
		}
		// the row of MCUs, while it is in the cache
		for i := range d.comps {
			c := &d.comps[i]
			n := 16 * c.across * int(c.v)
			dequant(c.coef[my*n:(my+1)*n], &qLow[i])
		}
	}
	seg.word, seg.nbits, seg.pos = word, nbits, pos
	return d.endOfSegment()
}

// slowAC reads a block's next code and its value the slow way, e being
// the pair entry of a code which does not fit one or has no value, and
// puts the value in low. It is a function, called for few codes, because
// inline it took registers the loop's variables needed. It returns the
// word, the bits left and pos, and k: 64 when the block ends, more when
// it is damaged.
func slowAC(low *[32]int16, ac *huffman, e uint64, data []byte, word uint64, nbits uint, pos int, k uint) (uint64, uint, int, uint) {
	if nbits < 26 {
		word, nbits, pos = refill(data, word, nbits, pos)
	}
	rs, n := uint8(e>>8), uint(e&fastLen)
	if n == 0 {
		if rs, n = ac.slowCode(word); n == 0 {
			return word, nbits, pos, 65
		}
	}
	word <<= n
	nbits -= n
	r, s := uint(rs>>4), rs&0x0f
	if s == 0 {
		if r == 0 {
			return word, nbits, pos, 64 // the rest are zeros
		}
		if r != 15 {
			// a progressive picture's run of blocks, which
			// image/jpeg reads here too
			return word, nbits, pos, 65
		}
		// sixteen zeros, which may end the block
		return word, nbits, pos, min(k+16, 64)
	}
	k += r + 1
	if k > 64 || s > 10 {
		return word, nbits, pos, 65
	}
	low[place1[k]&31] = int16(extendBits(word, s))
	return word << s, nbits - uint(s), pos, k
}

// readDC reads a block's DC difference and adds it to the component's
// prediction, which is then the block's DC. Each code and the bits after
// it take at most 16 + 11 bits: one check a code fills the word for both.
func (d *decoder) readDC(c *component) bool {
	if d.nbits < 27 {
		d.fill()
	}
	t, ok := d.decodeHuffman(&d.dc[c.td])
	if !ok || t > 11 {
		return false
	}
	c.pred += d.extend(t)
	return true
}

// extendBits is the value of the s bits at the top of word, those below half
// its range standing for negative values.
func extendBits(word uint64, s uint8) int32 {
	v := int32(word >> (64 - s))
	if v < 1<<(s-1) {
		v += -1<<s + 1
	}
	return v
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

// dequantGo multiplies each block's coefficients in coef, 16 a block,
// by q and bounds them as clampCoef does.
func dequantGo(coef []int16, q *[16]int32) {
	for len(coef) >= 16 {
		f := (*[16]int16)(coef[:16])
		for i := range f {
			f[i] = int16(clampCoef(int32(f[i]) * q[i]))
		}
		coef = coef[16:]
	}
}

// clampCoef bounds a dequantised coefficient well beyond what 8-bit
// samples give, so that the integer transform cannot overflow on damaged
// data.
func clampCoef(v int32) int32 { return max(-1<<14, min(v, 1<<14-1)) }

// fill tops the bits up to more than 56, reading bytes with 0xff 0x00
// as 0xff; at a marker or the data's end, zeros. Eight bytes none of
// which is 0xff, most of a photograph's, are read as one word, and as
// many of them taken as fit.
func (d *decoder) fill() {
	if d.nbits <= 56 && d.pos+8 <= len(d.data) {
		v := binary.BigEndian.Uint64(d.data[d.pos:])
		if x := ^v; (x-0x0101010101010101)&^x&0x8080808080808080 == 0 {
			n := (64 - d.nbits) / 8
			d.bits |= v >> (64 - 8*n) << (64 - 8*n - d.nbits)
			d.nbits += 8 * n
			d.pos += int(n)
			return
		}
	}
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

// lowest marks the zigzag indices of the 4 × 4 lowest frequencies.
var lowest = func() (w [64]bool) {
	for k, at := range unzig {
		w[k] = at%8 < 4 && at/8 < 4
	}
	return w
}()

// place1 is lowPlace one on, indexed by the zigzag index plus one, 16
// beyond.
var place1 = func() (place [128]uint8) {
	for k := range place {
		place[k] = 16
		if k >= 1 && k <= 64 {
			place[k] = lowPlace[k-1]
		}
	}
	return place
}()

// lowPlace is the place of each zigzag index among the 4 × 4 lowest
// frequencies, in natural order (row by row of four); 16 for the others.
var lowPlace = func() (place [64]uint8) {
	for k, at := range unzig {
		place[k] = 16
		if at%8 < 4 && at/8 < 4 {
			place[k] = uint8(at/8*4 + at%8)
		}
	}
	return place
}()

// The transforms below are ½·C(u)·cos((2x+1)uπ/2n) summed over the n
// lowest frequencies, C(0) = 1/√2, C(u) = 1 otherwise: the 8-point inverse
// transform's basis sampled at n points, which keeps the block's mean.
// This is IJG libjpeg's scaled decoding (since version 7), a low-pass
// filter; libjpeg-turbo's (djpeg -scale 1/2, 1/4) averages pairs or
// fours of the full transform's outputs instead, which weighs frequency
// u by cos(uπ/16) at half size (0.98, 0.92, 0.83 for u = 1, 2, 3) and
// lets the highest through folded: on testdata/libjpeg's grey texture at
// half size the two differ by 0.93 levels on average, 7 at most, where
// the average of DecodeWhole's pixels is djpeg's within 1. The
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

// Each transform below writes a row of blocks: n rows of pixels, stride
// bytes each, from their blocks' lowest frequencies (coef, 16 a block,
// 4 × 4 in natural order), one loop over the blocks, in which each row
// of a block's pixels is checked once. Integer arithmetic throughout, so
// that every machine gives the same bytes.

// idct1 is the mean of each block: F(0,0)/8, rounded.
func idct1(dst []uint8, coef []int16) {
	for bx := range min(len(dst), len(coef)/16) {
		dst[bx] = clampPixel((int32(coef[16*bx])+4)>>3 + 128)
	}
}

// idct4Go is the 4-point transform: an even half of the first and third
// frequencies, an odd half of the second and fourth. The rounding of each
// pass is added once to the even halves, which every sum takes one of.
func idct4Go(dst []uint8, stride int, coef []int16) {
	r0, r1, r2, r3 := dst[:stride], dst[stride:2*stride], dst[2*stride:3*stride], dst[3*stride:]
	for len(coef) >= 16 && len(r0) >= 4 && len(r1) >= 4 && len(r2) >= 4 && len(r3) >= 4 {
		f := (*[16]int16)(coef[:16])
		o0, o1, o2, o3 := (*[4]uint8)(r0[:4]), (*[4]uint8)(r1[:4]), (*[4]uint8)(r2[:4]), (*[4]uint8)(r3[:4])
		coef, r0, r1, r2, r3 = coef[16:], r0[4:], r1[4:], r2[4:], r3[4:]
		if flat(f) {
			// Only the mean, as a third of a photograph's blocks
			// have at this scale: one value, as the sums below
			// give it.
			t := (int32(f[0])*idctHalfRoot2 + rowRound) >> rowShift
			v := clampPixel((t*idctHalfRoot2 + colRound) >> colShift)
			*o0 = [4]uint8{v, v, v, v}
			*o1, *o2, *o3 = *o0, *o0, *o0
			continue
		}
		var tmp [16]int32
		for v := range 4 {
			f0, f1, f2, f3 := int32(f[4*v]), int32(f[4*v+1]), int32(f[4*v+2]), int32(f[4*v+3])
			even0 := (f0+f2)*idctHalfRoot2 + rowRound
			even1 := (f0-f2)*idctHalfRoot2 + rowRound
			odd0 := f1*idctCos1 + f3*idctCos3
			odd1 := f1*idctCos3 - f3*idctCos1
			t := (*[4]int32)(tmp[v*4 : v*4+4])
			t[0] = (even0 + odd0) >> rowShift
			t[3] = (even0 - odd0) >> rowShift
			t[1] = (even1 + odd1) >> rowShift
			t[2] = (even1 - odd1) >> rowShift
		}
		for x := range 4 {
			even0 := (tmp[x]+tmp[8+x])*idctHalfRoot2 + colRound
			even1 := (tmp[x]-tmp[8+x])*idctHalfRoot2 + colRound
			odd0 := tmp[4+x]*idctCos1 + tmp[12+x]*idctCos3
			odd1 := tmp[4+x]*idctCos3 - tmp[12+x]*idctCos1
			o0[x] = clampPixel((even0 + odd0) >> colShift)
			o1[x] = clampPixel((even1 + odd1) >> colShift)
			o2[x] = clampPixel((even1 - odd1) >> colShift)
			o3[x] = clampPixel((even0 - odd0) >> colShift)
		}
	}
}

// idct2Go is the 2-point transform: ½·cos(π/4) for both frequencies, the
// second's sign alternating.
func idct2Go(dst []uint8, stride int, coef []int16) {
	r0, r1 := dst[:stride], dst[stride:]
	for len(coef) >= 16 && len(r0) >= 2 && len(r1) >= 2 {
		f := (*[16]int16)(coef[:16])
		o0, o1 := (*[2]uint8)(r0[:2]), (*[2]uint8)(r1[:2])
		coef, r0, r1 = coef[16:], r0[2:], r1[2:]
		a, b, c, e := int32(f[0]), int32(f[1]), int32(f[4]), int32(f[5])
		t0, t1 := ((a+b)*idctHalfRoot2+rowRound)>>rowShift, ((a-b)*idctHalfRoot2+rowRound)>>rowShift
		u0, u1 := ((c+e)*idctHalfRoot2+rowRound)>>rowShift, ((c-e)*idctHalfRoot2+rowRound)>>rowShift
		o0[0] = clampPixel(((t0+u0)*idctHalfRoot2 + colRound) >> colShift)
		o0[1] = clampPixel(((t1+u1)*idctHalfRoot2 + colRound) >> colShift)
		o1[0] = clampPixel(((t0-u0)*idctHalfRoot2 + colRound) >> colShift)
		o1[1] = clampPixel(((t1-u1)*idctHalfRoot2 + colRound) >> colShift)
	}
}

// flat reports whether a block's frequencies but the first are all zero:
// one expression, with no branch or loop.
func flat(f *[16]int16) bool {
	return f[1]|f[2]|f[3]|f[4]|f[5]|f[6]|f[7]|f[8]|f[9]|f[10]|f[11]|f[12]|f[13]|f[14]|f[15] == 0
}

// clampPixel bounds v to a byte: a test, rarely taken, where min and max
// take four instructions.
func clampPixel(v int32) uint8 {
	if uint32(v) > 255 {
		return uint8(^v >> 31)
	}
	return uint8(v)
}
