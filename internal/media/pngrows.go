package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"math/bits"
)

// reducePNG reduces a PNG by the whole factor k as it is read, one row at
// a time, for the kinds pictures are saved as (not interlaced: grey, RGB
// or RGBA of 8 bits a channel, grey and RGB with or without a transparent
// colour, grey with opacity; palette indices of 1, 2, 4 or 8 bits, with or
// without opacities; grey of 1, 2 or 4 bits); ok is false for any other
// kind (16 bits a channel, interlaced), which is decoded whole. The result
// is what ReduceBy gives for the decoded picture, byte for byte.
//
// A 3000 × 1500 screenshot decoded whole takes 18 MB, filled and read
// again three times (unfiltered, copied into the picture, searched for
// transparency) before it is reduced: read as rows, it takes two rows and
// the sums of one row of blocks, and takes a third of the time. The zlib
// checksum of the pixel data is not checked (damage to the compressed
// data is found by the decompressor): it took as long as the
// decompressing. The kinds not stored as grey, RGB or RGBA bytes
// (palettes, low depths, transparent colours) are read into rows of RGBA,
// or grey, pixels (pngRows.expand), which the same code reduces: a
// paletted picture decoded whole and reduced by ReduceBy, a pixel at a
// time through its palette, took 30% of the build of a book of
// pngquant'd screenshots.
func reducePNG(data []byte, k int) (img image.Image, ok bool, err error) {
	return reducePNGWith(nil, data, k)
}

// reducePNGWith is reducePNG, the compressed stream joined and inflated in
// buffers taken from s and given back to it.
func reducePNGWith(s *scratch, data []byte, k int) (img image.Image, ok bool, err error) {
	r, ok, err := newPNGRowsWith(s, data)
	if !ok || err != nil {
		return nil, ok, err
	}
	defer r.release(s)
	w, h := ceilDiv(r.width, k), ceilDiv(r.height, k)
	if r.channels == 1 {
		out := image.NewGray(image.Rect(0, 0, w, h))
		return out, true, r.reduce(k, 1, out.Pix, out.Stride)
	}
	// Colours are summed premultiplied, with their opacity, and written
	// back divided by it, whatever it is: where it is whole, that is the
	// plain average, so a picture found opaque at the end has the bytes
	// it would have had had it been known to be.
	ch := r.channels
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	opaque := true
	premultiplied := make([]uint8, r.width*4)
	acc := make([]uint32, w*ch)
	var memo []shadowBlock
	if ch == 4 && k == 2 {
		memo = make([]shadowBlock, w)
	}
	// level says the rows of the last block row were one row repeated
	level := false
	add := func(row []uint8) {
		if ch == 4 && !rowOpaque(row) {
			opaque = false
			premultiply(premultiplied, row)
			row = premultiplied
		}
		addBlocks(row, acc, ch, ch, k)
	}
	for j := range h {
		y0, y1 := j*k, min((j+1)*k, r.height)
		if k == 2 && y1-y0 == 2 {
			// Halving, the common case, reads each pair of rows once
			// and writes each pixel from its four. The first row stays
			// as the one before the second.
			a, err := r.next()
			if err != nil {
				return nil, true, err
			}
			repeatA := r.repeat
			b, err := r.next()
			if err != nil {
				return nil, true, err
			}
			dst := out.Pix[j*out.Stride : j*out.Stride+4*w]
			if level && repeatA && r.repeat {
				// four rows alike, as nearly half a screenshot's
				// pairs are: the pixels halved last, and whether
				// they were opaque, again
				copy(dst, out.Pix[(j-1)*out.Stride:])
				continue
			}
			level = r.repeat
			if halveRowsMemo(dst, a, b, ch, r.width, memo) {
				opaque = false
			}
			continue
		}
		// Rows that repeat a block row of one row are left out while
		// they do: all of them, and the pixels are those written last;
		// some, and they are added, as the row before the first that
		// does not repeat, when it comes.
		clear(acc)
		skip, left := level && y1-y0 == k, 0
		level = true
		for y := y0; y < y1; y++ {
			row, err := r.next()
			if err != nil {
				return nil, true, err
			}
			level = level && (y == y0 || r.repeat)
			if skip && r.repeat {
				left++
				continue
			}
			if skip {
				skip = false
				for before := r.previous(); left > 0; left-- {
					add(before)
				}
			}
			add(row)
		}
		if skip {
			copy(out.Pix[j*out.Stride:j*out.Stride+4*w], out.Pix[(j-1)*out.Stride:])
			continue
		}
		writeBlocks(out.Pix[j*out.Stride:], acc, ch, r.width, k, y1-y0)
	}
	if ch == 3 || opaque {
		if r.grey {
			// ReduceBy reduces an opaque picture of a grey palette as
			// grey: its levels are the reds averaged here.
			g := image.NewGray(out.Rect)
			for i := range g.Pix {
				g.Pix[i] = out.Pix[4*i]
			}
			return g, true, nil
		}
		return &image.RGBA{Pix: out.Pix, Stride: out.Stride, Rect: out.Rect}, true, nil
	}
	return out, true, nil
}

// halveRows writes each 2 × 2 block of rows a and b, ch bytes a pixel
// (3: opaque colours; 4: colours with opacity), as one RGBA or NRGBA
// pixel in dst, as addBlocks and writeBlocks do; translucent says a
// pixel of the rows is not opaque, which the halving finds as it goes.
//
// Two pixels of a row are read as one word, their bytes spread into
// 16-bit lanes (even bytes in one word, odd in another) so that the four
// pixels of a block are summed a channel a lane, no lane passing 4 × 255
// + 2: an opaque block costs a few additions and shifts.
func halveRows(dst, a, b []uint8, ch, sw int) (translucent bool) {
	return halveRowsMemo(dst, a, b, ch, sw, nil)
}

// shadowBlock is a block of RGBA pixels not all opaque, p of one row and
// q below, and its pixel.
type shadowBlock struct {
	p, q  uint64
	pixel uint32
}

// halveRowsMemo is halveRows, the blocks not all opaque looked up in
// memo (nil, or a block a column), kept from the rows halved before: a
// shadow down a window's sides is the same blocks pair after pair of
// rows, each worked out once.
func halveRowsMemo(dst, a, b []uint8, ch, sw int, memo []shadowBlock) (translucent bool) {
	const lanes = 0x00ff00ff00ff00ff
	full := sw / 2
	dst = dst[:4*ceilDiv(sw, 2)]
	a, b = a[:sw*ch], b[:sw*ch]
	i := 0
	if ch == 3 {
		i = halveRGB(dst[:4*full], a, b)
	} else {
		translucent = halveRGBA(dst[:4*full], a, b, memo)
		i = full
	}
	for ; i < full; i++ {
		// the last block of RGB rows, whose word would pass their end
		p := a[2*i*ch : 2*i*ch+2*ch]
		q := b[2*i*ch : 2*i*ch+2*ch]
		d := dst[4*i : 4*i+4 : 4*i+4]
		d[0] = uint8((uint32(p[0]) + uint32(p[3]) + uint32(q[0]) + uint32(q[3]) + 2) >> 2)
		d[1] = uint8((uint32(p[1]) + uint32(p[4]) + uint32(q[1]) + uint32(q[4]) + 2) >> 2)
		d[2] = uint8((uint32(p[2]) + uint32(p[5]) + uint32(q[2]) + uint32(q[5]) + 2) >> 2)
		d[3] = 0xff
	}
	if sw%2 == 1 {
		// the last column alone
		var sum [4]uint32
		p, q := a[(sw-1)*ch:], b[(sw-1)*ch:]
		if ch == 3 {
			for c := range 3 {
				sum[c] = uint32(p[c]) + uint32(q[c])
			}
			sum[3] = 2 * 255
		} else {
			addPremultiplied(&sum, p[:4])
			addPremultiplied(&sum, q[:4])
			translucent = translucent || p[3] != 0xff || q[3] != 0xff
		}
		blockPixel(dst[4*full:4*full+4], &sum, 2)
	}
	return translucent
}

// halveRGB writes each 2 × 2 block of RGB rows a and b into dst, as
// halveRows does, until dst is full or a block's word would pass the
// rows' end, and says how many blocks it wrote. As halveRGBA, it passes
// the rows along as it goes, which leaves no bounds to check: indexing
// them by the block took 60% longer.
func halveRGB(dst, a, b []uint8) (blocks int) {
	const lanes = 0x00ff00ff00ff00ff
	// R0 G0 B0 R1 G1 B1 and two bytes of the next block: the even lanes
	// hold R0 B0 G1, the odd G0 R1 B1.
	if n := min(len(dst)/4, (min(len(a), len(b))-4)/6) &^ 3; haveAVX2 && n > 0 {
		// four blocks at a time, the rest as words
		halveRGBAVX2(&dst[0], &a[0], &b[0], n)
		dst, a, b, blocks = dst[4*n:], a[6*n:], b[6*n:], n
	}
	for len(dst) >= 4 && len(a) >= 8 && len(b) >= 8 {
		p, q := binary.LittleEndian.Uint64(a), binary.LittleEndian.Uint64(b)
		even := p&lanes + q&lanes
		odd := (p>>8)&lanes + (q>>8)&lanes
		rb := even + odd>>16 + 0x0002_0002 // R0+R1, B0+B1
		g := odd + even>>32 + 2            // G0+G1
		binary.LittleEndian.PutUint32(dst, uint32((rb>>2)&0x00ff_00ff|((g>>2)&0xff)<<8)|0xff00_0000)
		dst, a, b = dst[4:], a[6:], b[6:]
		blocks++
	}
	return blocks
}

// halveRGBA writes each 2 × 2 block of RGBA rows a and b into dst, as
// halveRows does, until dst is full, and says whether a pixel it read
// was not opaque. It is a loop of its own, the rows passed along as it
// goes; opaque blocks are taken two at a time, a fifth faster. A block
// not all opaque that is the last such block again (a screenshot's
// shadow or translucent margin along a row: three in four of its blocks
// not opaque) is written as that one was, without working it out again.
func halveRGBA(dst, a, b []uint8, memo []shadowBlock) (translucent bool) {
	// the last block not all opaque and its pixel: a block of zeros,
	// transparent, is a pixel of zeros, as memo's zeros say
	var lastP, lastQ uint64
	var last uint32
	blocks := len(dst) / 4
	for {
		if n := min(len(dst)/4, len(a)/8, len(b)/8) &^ 3; haveAVX2 && n > 0 &&
			binary.LittleEndian.Uint64(a)&binary.LittleEndian.Uint64(b)&0xff000000_ff000000 == 0xff000000_ff000000 {
			// four opaque blocks at a time, up to the first not; not
			// called where the next block is not, along a shadow
			done := halveRGBAAVX2(&dst[0], &a[0], &b[0], n)
			dst, a, b = dst[4*done:], a[8*done:], b[8*done:]
		}
		// two opaque blocks at a time
		for len(dst) >= 8 && len(a) >= 16 && len(b) >= 16 {
			p0, q0 := binary.LittleEndian.Uint64(a), binary.LittleEndian.Uint64(b)
			p1, q1 := binary.LittleEndian.Uint64(a[8:]), binary.LittleEndian.Uint64(b[8:])
			if p0&q0&p1&q1&0xff000000_ff000000 != 0xff000000_ff000000 {
				break
			}
			binary.LittleEndian.PutUint64(dst, uint64(halveOpaque(p0, q0))|uint64(halveOpaque(p1, q1))<<32)
			dst, a, b = dst[8:], a[16:], b[16:]
		}
		// then one block, where two are not all opaque
		if len(dst) < 4 || len(a) < 8 || len(b) < 8 {
			return translucent
		}
		p, q := binary.LittleEndian.Uint64(a), binary.LittleEndian.Uint64(b)
		if p&q&0xff000000_ff000000 == 0xff000000_ff000000 {
			binary.LittleEndian.PutUint32(dst, halveOpaque(p, q))
			dst, a, b = dst[4:], a[8:], b[8:]
			continue
		}
		// a run of blocks not all opaque, a shadow's width, taken here
		// to its end: sent back to the top, each block was looked at
		// three times before it was found not opaque, and halving a
		// shadowed screenshot took a third longer
		translucent = true
		for {
			if p == lastP && q == lastQ {
				binary.LittleEndian.PutUint32(dst, last)
			} else if i := blocks - len(dst)/4; i < len(memo) && memo[i].p == p && memo[i].q == q {
				lastP, lastQ, last = p, q, memo[i].pixel
				binary.LittleEndian.PutUint32(dst, last)
			} else {
				halveTranslucent(dst, a, b)
				lastP, lastQ, last = p, q, binary.LittleEndian.Uint32(dst)
				if i < len(memo) {
					memo[i] = shadowBlock{p, q, last}
				}
			}
			dst, a, b = dst[4:], a[8:], b[8:]
			if len(dst) < 4 || len(a) < 8 || len(b) < 8 {
				return translucent
			}
			p, q = binary.LittleEndian.Uint64(a), binary.LittleEndian.Uint64(b)
			if p&q&0xff000000_ff000000 == 0xff000000_ff000000 {
				break
			}
		}
	}
}

// halveOpaque is the pixel of the 2 × 2 block of opaque RGBA pixels p
// (two of one row) and q (the two below them).
func halveOpaque(p, q uint64) uint32 {
	const lanes = 0x00ff00ff00ff00ff
	// R0 G0 B0 A0 R1 G1 B1 A1: the even lanes hold R0 B0 R1 B1, the
	// odd G0 A0 G1 A1.
	even := p&lanes + q&lanes
	odd := (p>>8)&lanes + (q>>8)&lanes
	rb := even + even>>32 + 0x0002_0002
	g := odd + odd>>32 + 2
	return uint32((rb>>2)&0x00ff_00ff|((g>>2)&0xff)<<8) | 0xff00_0000
}

// halveTranslucent writes the block of the first two RGBA pixels of a and
// b, not all opaque, into dst: what blockPixel writes for their sums,
// worked out in one function, the opacity known to be below 1024 (a
// sixth of a screenshot with a shadow is such blocks; calling
// addPremultiplied and blockPixel for each took a fifth longer).
func halveTranslucent(dst, a, b []uint8) {
	dst, a, b = dst[:4:4], a[:8:8], b[:8:8]
	a0, a1, a2, a3 := uint32(a[3]), uint32(a[7]), uint32(b[3]), uint32(b[7])
	alpha := a0 + a1 + a2 + a3
	if alpha == 4*255 || alpha == 0 {
		var sum [4]uint32
		addPremultiplied(&sum, a[:4])
		addPremultiplied(&sum, a[4:8])
		addPremultiplied(&sum, b[:4])
		addPremultiplied(&sum, b[4:8])
		blockPixel(dst, &sum, 4)
		return
	}
	r, half := reciprocals[alpha&1023], uint64(alpha/2)
	for c := range 3 {
		sum := (uint32(a[c])*a0+127)/255 + (uint32(a[4+c])*a1+127)/255 +
			(uint32(b[c])*a2+127)/255 + (uint32(b[4+c])*a3+127)/255
		dst[c] = uint8(min((uint64(sum)*255+half)*r>>32, 255))
	}
	dst[3] = uint8((alpha + 2) / 4)
}

// addPremultiplied adds an RGBA pixel's colours multiplied by its opacity,
// as premultiply makes them, and its opacity to sum.
func addPremultiplied(sum *[4]uint32, px []uint8) {
	a := uint32(px[3])
	sum[0] += (uint32(px[0])*a + 127) / 255
	sum[1] += (uint32(px[1])*a + 127) / 255
	sum[2] += (uint32(px[2])*a + 127) / 255
	sum[3] += a
}

// blockPixel writes the pixel of a block of n pixels whose premultiplied
// colours and opacity sum to sum, as writeBlocks writes it.
func blockPixel(d []uint8, sum *[4]uint32, n uint32) {
	half, alpha := n/2, sum[3]
	if alpha == 255*n {
		d[0], d[1], d[2], d[3] = uint8((sum[0]+half)/n), uint8((sum[1]+half)/n), uint8((sum[2]+half)/n), 0xff
		return
	}
	translucentPixel(d, sum[:3], alpha, n)
}

// translucentPixel writes the pixel of a block of n pixels, not all
// opaque, whose premultiplied colours sum to colours and whose opacity
// sums to alpha: the average opacity, and the colours divided by it.
func translucentPixel(d []uint8, colours []uint32, alpha, n uint32) {
	d[3] = uint8((alpha + n/2) / n)
	if alpha == 0 {
		d[0], d[1], d[2] = 0, 0, 0
		return
	}
	if alpha < uint32(len(reciprocals)) {
		// A premultiplied colour is at most its opacity, so the
		// dividends are below 2¹⁸: multiplied by the reciprocal, as
		// exact as the division, without one.
		r := reciprocals[alpha]
		d[0] = uint8(min((uint64(colours[0])*255+uint64(alpha)/2)*r>>32, 255))
		d[1] = uint8(min((uint64(colours[1])*255+uint64(alpha)/2)*r>>32, 255))
		d[2] = uint8(min((uint64(colours[2])*255+uint64(alpha)/2)*r>>32, 255))
		return
	}
	for c := range 3 {
		d[c] = uint8(min((uint64(colours[c])*255+uint64(alpha)/2)/uint64(alpha), 255))
	}
}

// reciprocals holds ⌊2³²/d⌋ + 1 for each d below 1024, above the
// opacity of a block of four pixels. n times it is 2³²·n/d plus at most
// n; for n below 2¹⁸ that is less than 2³²/d, by which 2³²·n/d falls at
// least short of the next multiple of 2³², so shifted right by 32 it is
// ⌊n/d⌋.
var reciprocals = func() (t [1024]uint64) {
	for d := 1; d < len(t); d++ {
		t[d] = 1<<32/uint64(d) + 1
	}
	return t
}()

// rowOpaque reports whether every pixel of an RGBA row is opaque, two
// pixels a word and four words at a time: their alpha bytes are the top
// bytes of each half.
func rowOpaque(row []uint8) bool {
	const alphas = 0xff000000_ff000000
	i := 0
	for ; i+32 <= len(row); i += 32 {
		v := binary.LittleEndian.Uint64(row[i:]) & binary.LittleEndian.Uint64(row[i+8:]) &
			binary.LittleEndian.Uint64(row[i+16:]) & binary.LittleEndian.Uint64(row[i+24:])
		if v&alphas != alphas {
			return false
		}
	}
	for ; i+8 <= len(row); i += 8 {
		if binary.LittleEndian.Uint64(row[i:])&alphas != alphas {
			return false
		}
	}
	for i += 3; i < len(row); i += 4 {
		if row[i] != 0xff {
			return false
		}
	}
	return true
}

// premultiply multiplies an RGBA row's colours by their opacity, as
// rowLoader does. The row is copied first and the pixels not opaque, a
// screenshot's shadow and corners, multiplied after.
func premultiply(dst, src []uint8) {
	copy(dst, src)
	for x := 3; x < len(src) && x < len(dst); x += 4 {
		a := uint32(src[x])
		if a == 0xff {
			continue
		}
		d := dst[x-3 : x : x]
		d[0] = uint8((uint32(d[0])*a + 127) / 255)
		d[1] = uint8((uint32(d[1])*a + 127) / 255)
		d[2] = uint8((uint32(d[2])*a + 127) / 255)
	}
}

// writeBlocks writes a row of block sums, ch channels a block (3:
// opaque colours; 4: premultiplied with opacity), as RGBA or NRGBA pixels,
// as boxReduceRows does.
func writeBlocks(dst []uint8, acc []uint32, ch, sw, k, rows int) {
	w := ceilDiv(sw, k)
	dst = dst[:w*4]
	var n, half, shift uint32
	pow2 := false
	size := func(i int) {
		n = uint32(min((i+1)*k, sw)-i*k) * uint32(rows)
		half, pow2 = n/2, n&(n-1) == 0
		shift = uint32(bits.TrailingZeros32(n))
	}
	size(0)
	last := w - 1
	for i := range w {
		if i == last {
			size(i) // the last block may be narrower
		}
		a := acc[i*ch : i*ch+ch : i*ch+ch]
		d := dst[i*4 : i*4+4 : i*4+4]
		alpha := 255 * n
		if ch == 4 {
			alpha = a[3]
		}
		if alpha == 255*n {
			// Opaque: the plain average, which dividing the colours
			// by the opacity would give too.
			if pow2 {
				d[0], d[1], d[2], d[3] = uint8((a[0]+half)>>shift), uint8((a[1]+half)>>shift), uint8((a[2]+half)>>shift), 0xff
				continue
			}
			d[0], d[1], d[2], d[3] = uint8((a[0]+half)/n), uint8((a[1]+half)/n), uint8((a[2]+half)/n), 0xff
			continue
		}
		translucentPixel(d, a, alpha, n)
	}
}

// reduce reads every row of a one-channel picture into dst by blocks.
func (r *pngRows) reduce(k, ch int, dst []uint8, stride int) error {
	var err error
	blank := make([]uint8, r.width*ch) // the rows past an error
	boxReduceRows(func(int) []uint8 {
		if err != nil {
			return blank
		}
		row, e := r.next()
		if e != nil {
			err = e
			return blank
		}
		return row
	}, ch, r.width, r.height, ch, k, dst, stride)
	return err
}

// pngRows reads a PNG's rows, unfiltered, as pixels of a byte a channel.
type pngRows struct {
	width, height int
	channels      int // of the rows next gives: 1 grey, 3 RGB, 4 RGBA
	z             io.Reader
	prev, cur     []uint8 // the stored row before and this one, after the filter byte
	bpp           int     // bytes a stored pixel, at least one: the filters' step

	// repeat says the row unfiltered last is the one before it again:
	// filtered by Up to zeros, as encoders store a screenshot's flat
	// stretches and the space between its lines of type, or by None or
	// Sub to the bytes of the row before; never the first row. zeros
	// is a stored row of zeros to find them by.
	repeat  bool
	zeros   []uint8
	started bool // a row was read

	// Stored rows that are not the pixels themselves are expanded
	// into them (expand): depth-bit samples looked up in table, RGB
	// with key the transparent colour, or grey with opacity.
	expanded   bool
	depth      int
	table      [256][4]uint8
	words      [256]uint32 // table's pixels as little-endian words
	keyed      bool
	key        [3]uint8
	rows       [2][]uint8 // expanded rows: this one and the one before
	grey       bool       // a palette of greys, which ReduceBy reduces as grey when opaque
	colourType uint8
	joined     []byte // the IDAT chunks' data, when there were several
}

// release gives the buffers of the compressed stream back to s; r is not
// used again.
func (r *pngRows) release(s *scratch) {
	s.keepBytes(r.joined)
	if f, ok := r.z.(*inflater); ok {
		s.keepBytes(f.buf)
	}
	r.joined, r.z = nil, nil
}

var errPNGPixels = errors.New("cannot decode: png: invalid format: not enough pixel data")

// The stages of a PNG's chunks, as image/png checks their order: a
// chunk it would refuse where it stands is left to it.
const (
	stageStart = iota
	stageHeader
	stagePalette
	stageTransparency
	stagePixels
)

// newPNGRows reads a PNG's chunks; ok is false for a kind it does not
// read, for chunks image/png would refuse, which it then reports, and for
// a PNG whose gamma is not sRGB's (PNGGamma).
func newPNGRows(data []byte) (*pngRows, bool, error) {
	return newPNGRowsWith(nil, data)
}

// newPNGRowsWith is newPNGRows, the compressed stream joined and inflated
// in buffers taken from s, which release gives back.
func newPNGRowsWith(s *scratch, data []byte) (*pngRows, bool, error) {
	if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		return nil, false, nil
	}
	if _, ok := PNGGamma(data); ok {
		// its colours are converted as it is decoded (Decode)
		return nil, false, nil
	}
	r := &pngRows{}
	var idat [][]byte
	var plte, trns []byte
	stage := stageStart
	last := ""
	for at := 8; at+8 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[at:]))
		kind := string(data[at+4 : at+8])
		if n < 0 || n > len(data)-at-12 {
			return nil, false, nil
		}
		body := data[at+8 : at+8+n]
		at += 12 + n
		previous := last
		last = kind
		switch kind {
		case "IHDR":
			if n != 13 || stage != stageStart {
				return nil, false, nil
			}
			stage = stageHeader
			r.width, r.height = int(binary.BigEndian.Uint32(body)), int(binary.BigEndian.Uint32(body[4:]))
			depth, colourType := body[8], body[9]
			compression, filter, interlace := body[10], body[11], body[12]
			if compression != 0 || filter != 0 || interlace != 0 ||
				r.width <= 0 || r.height <= 0 || r.width > 1<<24 || r.height > 1<<24 {
				return nil, false, nil
			}
			r.depth, r.colourType = int(depth), colourType
			switch {
			case (colourType == 0 || colourType == 3) && (depth == 1 || depth == 2 || depth == 4 || depth == 8):
				r.bpp = 1
			case colourType == 2 && depth == 8:
				r.bpp = 3
			case colourType == 4 && depth == 8:
				r.bpp = 2
			case colourType == 6 && depth == 8:
				r.bpp = 4
			default:
				return nil, false, nil
			}
		case "PLTE":
			// a palette, or the colours an RGB picture suggests
			if stage != stageHeader || (r.colourType != 3 && r.colourType != 2 && r.colourType != 6) ||
				n%3 != 0 || n == 0 || n > 3*256 || (r.colourType == 3 && n/3 > 1<<r.depth) {
				return nil, false, nil
			}
			stage, plte = stagePalette, body
		case "tRNS":
			// opacities of a palette's colours, or a transparent one
			switch {
			case r.colourType == 3 && stage == stagePalette && n <= 256:
			case r.colourType == 2 && (stage == stageHeader || stage == stagePalette) && n == 6:
			case r.colourType == 0 && stage == stageHeader && n == 2:
			default:
				return nil, false, nil
			}
			stage, trns = stageTransparency, body
		case "IDAT":
			switch {
			case stage == stagePixels && previous != "IDAT":
				// the pixels are the first run of IDAT chunks; image/png
				// ignores any later
				continue
			case stage == stageStart || (stage == stageHeader && r.colourType == 3):
				return nil, false, nil
			}
			stage = stagePixels
			idat = append(idat, body)
		case "IEND":
			at = len(data)
		}
	}
	if stage != stagePixels || len(idat) == 0 {
		return nil, false, nil
	}
	r.setPixels(plte, trns)
	// the zlib stream whole, for the inflater, which reads it eight
	// bytes at a time; one chunk is not copied
	z := idat[0]
	if len(idat) > 1 {
		n := 0
		for _, b := range idat {
			n += len(b)
		}
		z = s.takeBytes(n)[:0:n]
		for _, b := range idat {
			z = append(z, b...)
		}
		r.joined = z
	}
	if len(z) < 2 {
		return nil, true, errPNGPixels
	}
	if z[0]&0x0f != 8 || z[0]>>4 > 7 || z[1]&0x20 != 0 || binary.BigEndian.Uint16(z)%31 != 0 {
		return nil, true, fmt.Errorf("cannot decode: png: zlib: invalid header")
	}
	r.z = newInflaterOn(z[2:], s.takeBytes(inflateBuf))
	// bpp is also the samples a pixel: more than one only at 8 bits
	rowLen := 1 + ceilDiv(r.width*r.bpp*r.depth, 8)
	r.prev, r.cur = make([]uint8, rowLen), make([]uint8, rowLen)
	r.zeros = make([]uint8, rowLen-1)
	if r.expanded {
		r.rows = [2][]uint8{make([]uint8, r.width*r.channels), make([]uint8, r.width*r.channels)}
	}
	return r, true, nil
}

// setPixels says what pixels the stored rows hold, from the header, the
// palette and the transparency chunk, as image/png decodes them: a
// palette's colours opaque black past its end; a grey of fewer than 8
// bits scaled to 8; a sample of the transparent colour (its low byte,
// scaled as the grey, modulo 256) transparent.
func (r *pngRows) setPixels(plte, trns []byte) {
	r.channels = r.bpp
	switch {
	case r.colourType == 3:
		r.expanded, r.channels, r.grey = true, 4, true
		for i := range r.table {
			r.table[i] = [4]uint8{0, 0, 0, 0xff}
		}
		for i := range len(plte) / 3 {
			copy(r.table[i][:3], plte[3*i:])
			r.grey = r.grey && paletteGrey(plte[3*i:3*i+3], trns, i)
		}
		for i, a := range trns {
			r.table[i] = paletteColour(r.table[i], a)
		}
	case r.colourType == 0 && (r.depth < 8 || trns != nil):
		r.expanded, r.channels = true, 1
		scale := uint8(0xff / (1<<r.depth - 1))
		keyed := trns != nil
		if keyed {
			r.channels = 4
		}
		for v := range 1 << r.depth {
			level := uint8(v) * scale
			r.table[v] = [4]uint8{level, level, level, 0xff}
			if keyed && level == trns[1]*scale {
				r.table[v][3] = 0
			}
		}
	case r.colourType == 2 && trns != nil:
		r.expanded, r.channels, r.keyed = true, 4, true
		r.key = [3]uint8{trns[1], trns[3], trns[5]}
	case r.colourType == 4:
		r.expanded, r.channels = true, 4
	}
	for i, px := range r.table {
		r.words[i] = binary.LittleEndian.Uint32(px[:])
	}
}

// paletteColour is the entry of a palette's colour c (opaque) given the
// opacity a, as rows of RGBA pixels that premultiply will multiply by
// their opacity. ReduceBy reads a decoded palette's colours as
// color.NRGBA's RGBA gives them, multiplied by the opacity and rounded
// down, where premultiply rounds to the nearest: the colour kept is one
// that premultiply makes what ReduceBy reads. Each product from 0 to a
// is one of premultiply's, its steps of a/255 less than one.
func paletteColour(c [4]uint8, a uint8) [4]uint8 {
	r, g, b, _ := color.NRGBA{c[0], c[1], c[2], a}.RGBA()
	return [4]uint8{unpremultiplied(uint8(r>>8), a), unpremultiplied(uint8(g>>8), a), unpremultiplied(uint8(b>>8), a), a}
}

// unpremultiplied is the least colour that premultiply, by opacity a,
// makes p, at most a: the least c with c·a + 127 ≥ 255·p, which is at
// most 255.
func unpremultiplied(p, a uint8) uint8 {
	n := 255*int(p) - 127
	if a == 0 || n <= 0 {
		return 0
	}
	return uint8((n + int(a) - 1) / int(a))
}

// paletteGrey reports whether palette entry i, colour rgb with the
// opacity trns gives it, is grey as Gray finds it: premultiplied.
func paletteGrey(rgb, trns []byte, i int) bool {
	var c color.Color = color.RGBA{rgb[0], rgb[1], rgb[2], 0xff}
	if i < len(trns) {
		c = color.NRGBA{rgb[0], rgb[1], rgb[2], trns[i]}
	}
	r, g, b, _ := c.RGBA()
	return r == g && g == b
}

// next reads the next row of pixels.
func (r *pngRows) next() ([]uint8, error) {
	stored, err := r.unfiltered()
	if err != nil || !r.expanded {
		return stored, err
	}
	if r.repeat {
		// the row expanded last, again: a third of a pngquant'd
		// screenshot's rows are not looked up in the palette
		return r.rows[0], nil
	}
	r.rows[0], r.rows[1] = r.rows[1], r.rows[0]
	r.expand(r.rows[0], stored)
	return r.rows[0], nil
}

// previous is the row next gave before the last one, which did not
// repeat it.
func (r *pngRows) previous() []uint8 {
	if r.expanded {
		return r.rows[1]
	}
	return r.prev[1:]
}

// expand writes the pixels of a stored row into dst, channels bytes
// each.
func (r *pngRows) expand(dst, src []uint8) {
	switch {
	case r.keyed:
		dst, src = dst[:4*r.width], src[:3*r.width]
		for x := range r.width {
			s, d := src[3*x:3*x+3:3*x+3], dst[4*x:4*x+4:4*x+4]
			d[0], d[1], d[2], d[3] = s[0], s[1], s[2], 0xff
			if s[0] == r.key[0] && s[1] == r.key[1] && s[2] == r.key[2] {
				d[3] = 0
			}
		}
	case r.colourType == 4:
		// grey and opacity
		dst, src = dst[:4*r.width], src[:2*r.width]
		for x := range r.width {
			v, a := src[2*x], src[2*x+1]
			d := dst[4*x : 4*x+4 : 4*x+4]
			d[0], d[1], d[2], d[3] = v, v, v, a
		}
	case r.depth == 8 && r.channels == 4:
		// four pixels a turn, the rows passed along as it goes: no
		// bounds to check
		words := &r.words
		for len(src) >= 4 && len(dst) >= 16 {
			binary.LittleEndian.PutUint64(dst, uint64(words[src[0]])|uint64(words[src[1]])<<32)
			binary.LittleEndian.PutUint64(dst[8:], uint64(words[src[2]])|uint64(words[src[3]])<<32)
			dst, src = dst[16:], src[4:]
		}
		for i, v := range src {
			binary.LittleEndian.PutUint32(dst[4*i:], words[v])
		}
	default:
		// samples of 1, 2 or 4 bits, the first in a byte's top bits
		ch, depth := r.channels, r.depth
		mask, perByte := uint8(1<<depth-1), 8/depth
		for x := range r.width {
			shift := 8 - depth*(x%perByte+1)
			v := src[x/perByte] >> shift & mask
			copy(dst[x*ch:x*ch+ch], r.table[v][:ch])
		}
	}
}

// unfiltered reads the next stored row and undoes its filter. The row
// is read where the inflater decoded it and unfiltered from there into
// cur: a row that repeats the one before (Up to zeros, or None to the
// same bytes) is not written at all, cur and prev swapped back.
func (r *pngRows) unfiltered() ([]uint8, error) {
	r.prev, r.cur = r.cur, r.prev
	stored, err := r.stored()
	if err != nil {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, errPNGPixels
		}
		return nil, fmt.Errorf("cannot decode: png: %v", err)
	}
	bpp := r.bpp
	filter, src := stored[0], stored[1:]
	cur, prev := r.cur[1:], r.prev[1:]
	r.repeat = false
	if (filter == 0 && bytes.Equal(src, prev)) || (filter == 2 && bytes.Equal(src, r.zeros)) {
		// zeros are found at memory speed, and the first byte that is
		// not ends the search: the rows of type cost almost nothing
		r.prev, r.cur = r.cur, r.prev
		r.repeat = r.started
		r.started = true
		return prev, nil
	}
	// the row is in the inflater's buffer, not yet in cur
	aside := &src[0] != &cur[0]
	if aside && filter != 2 {
		copy(cur, src)
	}
	switch filter {
	case 0, 1: // None, Sub
		if filter == 1 {
			unSub(cur, bpp)
			// a row repeated may be stored as it is, as a palette's
			// rows are: compared, the first byte that differs ends it
			r.repeat = bytes.Equal(cur, prev)
		}
	case 2: // Up
		if aside {
			addBytesTo(cur, src, prev)
			break
		}
		addBytes(cur, prev)
	case 3: // Average
		for i := range bpp {
			cur[i] += prev[i] / 2
		}
		for i := bpp; i < len(cur); i++ {
			cur[i] += uint8((int(cur[i-bpp]) + int(prev[i])) / 2)
		}
	case 4: // Paeth
		unPaeth(cur, prev, bpp)
	default:
		return nil, fmt.Errorf("cannot decode: png: invalid format: bad filter type")
	}
	r.repeat = r.repeat && r.started
	r.started = true
	return cur, nil
}

// stored is the next row as stored, its filter byte first: in the
// inflater's buffer, or read into cur.
func (r *pngRows) stored() ([]uint8, error) {
	if f, ok := r.z.(*inflater); ok && len(r.cur) <= inflateRowMax {
		return f.next(len(r.cur))
	}
	_, err := io.ReadFull(r.z, r.cur)
	return r.cur, err
}

// unSub undoes PNG's Sub filter: each byte was stored less the one a
// pixel before it. A pixel of three or four bytes is added to the one
// before it as one word, as addBytes adds them: two to three times as
// fast as a byte at a time.
func unSub(cur []uint8, bpp int) {
	if haveAVX2 && len(cur) >= 16 && (bpp == 3 || bpp == 4) {
		m := len(cur) &^ 15
		if bpp == 3 {
			m = (len(cur) - 4) / 12 * 12
			unSub3AVX2(&cur[0], m)
		} else {
			unSub4AVX2(&cur[0], m)
		}
		for i := m; i < len(cur); i++ {
			cur[i] += cur[i-bpp]
		}
		return
	}
	unSubWords(cur, bpp)
}

// unSubWords is unSub a pixel a word, in pure Go.
func unSubWords(cur []uint8, bpp int) {
	if bpp != 3 && bpp != 4 {
		for i := bpp; i < len(cur); i++ {
			cur[i] += cur[i-bpp]
		}
		return
	}
	// left holds the pixel before, its fourth byte zero for three-byte
	// pixels: that byte of the word read, the next pixel's first, is
	// written back as it was.
	const hi = 0x80808080
	mask := uint32(0xffffffff)
	if bpp == 3 {
		mask = 0x00ffffff
	}
	// Each word is read before the one before it is written: read after,
	// the three-byte pixels' words, overlapping the last written by a
	// byte, waited for it.
	var left uint32
	i := 0
	if len(cur) >= 4 {
		next := binary.LittleEndian.Uint32(cur)
		for ; i+bpp+4 <= len(cur); i += bpp {
			stored := next
			next = binary.LittleEndian.Uint32(cur[i+bpp:])
			sum := ((left &^ hi) + (stored &^ hi)) ^ ((left ^ stored) & hi)
			binary.LittleEndian.PutUint32(cur[i:], sum)
			left = sum & mask
		}
		sum := ((left &^ hi) + (next &^ hi)) ^ ((left ^ next) & hi)
		binary.LittleEndian.PutUint32(cur[i:], sum)
		i += bpp
	}
	for ; i < len(cur); i++ {
		if i >= bpp {
			cur[i] += cur[i-bpp]
		}
	}
}

// unPaeth undoes PNG's Paeth filter: each byte was stored less the one of
// its neighbours (left a, above b, upper left c) nearest to a + b - c.
// Pixels of three and four bytes are taken a pixel at a time; others
// channel by channel, the left and upper-left bytes kept in registers.
func unPaeth(cur, prev []uint8, bpp int) {
	switch bpp {
	case 3:
		unPaeth3(cur, prev)
		return
	case 4:
		unPaeth4(cur, prev)
		return
	}
	for ch := range bpp {
		left, upLeft := 0, 0 // before the first pixel: zeros
		for i := ch; i < len(cur); i += bpp {
			up := int(prev[i])
			if up == upLeft {
				// a + b - c is a itself: the flat runs of a
				// screenshot, most of it, cost no more
				left = (left + int(cur[i])) & 0xff
				cur[i] = uint8(left)
				continue
			}
			left = (paeth(left, up, upLeft) + int(cur[i])) & 0xff
			cur[i] = uint8(left)
			upLeft = up
		}
	}
}

// unPaeth3 undoes the Paeth filter on RGB rows a pixel at a time, its
// three bytes sliced once: where the pixel above is the one above left,
// each byte is predicted by its left neighbour, and where the pixel left
// is, by the byte above. Channel by channel, each byte's index was
// checked, and took half again as long.
func unPaeth3(cur, prev []uint8) {
	n := min(len(cur), len(prev))
	n -= n % 3
	cur, prev = cur[:n], prev[:n]
	var l0, l1, l2, c0, c1, c2 int // left and upper left: zeros before the first pixel
	for len(cur) >= 3 && len(prev) >= 3 {
		px, above := cur[:3:3], prev[:3:3]
		u0, u1, u2 := int(above[0]), int(above[1]), int(above[2])
		if u0 == c0 && u1 == c1 && u2 == c2 {
			l0, l1, l2 = (l0+int(px[0]))&0xff, (l1+int(px[1]))&0xff, (l2+int(px[2]))&0xff
		} else if l0 == c0 && l1 == c1 && l2 == c2 {
			l0, l1, l2 = (u0+int(px[0]))&0xff, (u1+int(px[1]))&0xff, (u2+int(px[2]))&0xff
			c0, c1, c2 = u0, u1, u2
		} else {
			l0 = (paeth(l0, u0, c0) + int(px[0])) & 0xff
			l1 = (paeth(l1, u1, c1) + int(px[1])) & 0xff
			l2 = (paeth(l2, u2, c2) + int(px[2])) & 0xff
			c0, c1, c2 = u0, u1, u2
		}
		px[0], px[1], px[2] = uint8(l0), uint8(l1), uint8(l2)
		cur, prev = cur[3:], prev[3:]
	}
}

// unPaeth4 undoes the Paeth filter on RGBA rows a pixel at a time: where
// the pixel above is the one above left, as along most of a screenshot,
// each byte is predicted by its left neighbour, and where the pixel left
// is the one above left, by the byte above (at a vertical edge); either
// way the four are added as one word.
func unPaeth4(cur, prev []uint8) {
	const hi = 0x80808080
	n := min(len(cur), len(prev)) &^ 3
	cur, prev = cur[:n], prev[:n]
	var left, upLeft uint32 // before the first pixel: zeros
	for len(cur) >= 4 && len(prev) >= 4 {
		up := binary.LittleEndian.Uint32(prev)
		stored := binary.LittleEndian.Uint32(cur)
		switch {
		case up == upLeft:
			left = ((left &^ hi) + (stored &^ hi)) ^ ((left ^ stored) & hi)
		case left == upLeft:
			left = ((up &^ hi) + (stored &^ hi)) ^ ((up ^ stored) & hi)
		default:
			p0 := paeth(int(left&0xff), int(up&0xff), int(upLeft&0xff))
			p1 := paeth(int(left>>8&0xff), int(up>>8&0xff), int(upLeft>>8&0xff))
			p2 := paeth(int(left>>16&0xff), int(up>>16&0xff), int(upLeft>>16&0xff))
			p3 := paeth(int(left>>24), int(up>>24), int(upLeft>>24))
			pred := uint32(p0) | uint32(p1)<<8 | uint32(p2)<<16 | uint32(p3)<<24
			left = ((pred &^ hi) + (stored &^ hi)) ^ ((pred ^ stored) & hi)
		}
		binary.LittleEndian.PutUint32(cur, left)
		upLeft = up
		cur, prev = cur[4:], prev[4:]
	}
}

// paeth is the neighbour of left, up and upLeft nearest to left + up -
// upLeft, the first of them on a tie. The distances are taken with abs
// and the nearest chosen by two comparisons the compiler makes
// conditional moves: small enough to be inlined, where a switch was
// neither.
func paeth(left, up, upLeft int) int {
	// distances from a + b - c to a, b and c
	toLeft, toUp := up-upLeft, left-upLeft
	toUpLeft := toLeft + toUp
	toLeft, toUp, toUpLeft = max(toLeft, -toLeft), max(toUp, -toUp), max(toUpLeft, -toUpLeft)
	if toUp < toLeft {
		left, toLeft = up, toUp
	}
	if toUpLeft < toLeft {
		left = upLeft
	}
	return left
}

// abs is |n|, without a branch.
func abs(n int) int {
	m := n >> 63
	return (n ^ m) - m
}

// hiBits is the top bit of each byte of a word.
const hiBits = 0x8080808080808080

// addBytes adds src to dst byte by byte, modulo 256: undoing PNG's Up
// filter in place.
func addBytes(dst, src []uint8) { addBytesTo(dst, dst, src) }

// addBytesTo writes a + b, byte by byte, modulo 256, into dst (which may
// be a): undoing PNG's Up filter from a row where the inflater decoded
// it. Eight bytes at a time where there is no kernel: the low seven bits
// of each byte are added apart, so that no carry crosses into the next
// byte, and the top bit is their carry's sum with the two top bits.
func addBytesTo(dst, a, b []uint8) {
	n := min(len(dst), len(a), len(b))
	dst, a, b = dst[:n], a[:n], b[:n]
	if m := n &^ 31; haveAVX2 && m > 0 {
		addBytesToAVX2(&dst[0], &a[0], &b[0], m)
		dst, a, b = dst[m:], a[m:], b[m:]
	}
	for len(dst) >= 8 && len(a) >= 8 && len(b) >= 8 {
		x, y := binary.LittleEndian.Uint64(a), binary.LittleEndian.Uint64(b)
		binary.LittleEndian.PutUint64(dst, ((x&^hiBits)+(y&^hiBits))^((x^y)&hiBits))
		dst, a, b = dst[8:], a[8:], b[8:]
	}
	for i := range dst {
		dst[i] = a[i] + b[i]
	}
}

// subBytes writes a - b byte by byte, modulo 256, into dst, eight bytes
// at a time as addBytes adds them: each byte of a with its top bit set
// lends the borrow its low bits may need.
func subBytes(dst, a, b []uint8) {
	for len(dst) >= 16 && len(a) >= 16 && len(b) >= 16 {
		x0, y0 := binary.LittleEndian.Uint64(a), binary.LittleEndian.Uint64(b)
		x1, y1 := binary.LittleEndian.Uint64(a[8:]), binary.LittleEndian.Uint64(b[8:])
		binary.LittleEndian.PutUint64(dst, ((x0|hiBits)-(y0&^hiBits))^((x0^^y0)&hiBits))
		binary.LittleEndian.PutUint64(dst[8:], ((x1|hiBits)-(y1&^hiBits))^((x1^^y1)&hiBits))
		dst, a, b = dst[16:], a[16:], b[16:]
	}
	for i := range min(len(dst), len(a), len(b)) {
		dst[i] = a[i] - b[i]
	}
}
