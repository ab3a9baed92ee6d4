package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
)

// EncodePNG writes img as a PNG of 8 bits a channel: grey for
// *image.Gray, RGB for an opaque *image.RGBA (its alpha bytes dropped), RGB
// with alpha for *image.NRGBA; any other picture goes through image/png.
//
// It is written for the pictures the outputs reduce, several megapixels
// each: image/png tries all five row filters on every row, which took as
// long as the reducing itself. Here each row is filtered with None or Up,
// whichever leaves the smaller sum of differences, and deflated by a
// compressor that knows rows and pixels (rowDeflater); screenshots, most
// of a book's large PNGs, come out about as small as image/png makes them,
// in less than a third of the time.
func EncodePNG(img image.Image) ([]byte, error) {
	return (*Cache)(nil).EncodePNG(img)
}

// EncodePNG is the package's EncodePNG, its compressor's buffers those an
// earlier encoding through c was done with.
func (c *Cache) EncodePNG(img image.Image) ([]byte, error) {
	_, rgba := img.(*image.RGBA)
	return encodeOpaquePNGWith(c.scratchOf(), img, rgba && Opaque(img))
}

// encodeOpaquePNG is EncodePNG for a picture whose opacity is known.
func encodeOpaquePNG(img image.Image, opaque bool) ([]byte, error) {
	return encodeOpaquePNGWith(nil, img, opaque)
}

// encodeOpaquePNGWith is encodeOpaquePNG, its compressor's buffers taken
// from s and given back to it.
func encodeOpaquePNGWith(s *scratch, img image.Image, opaque bool) ([]byte, error) {
	var (
		colourType byte
		ch         int
		pix        []uint8
		stride     int
		drop       bool // the source has a fourth byte a pixel that is not written
	)
	switch m := img.(type) {
	case *image.Gray:
		colourType, ch, pix, stride = 0, 1, m.Pix, m.Stride
	case *image.RGBA:
		if !opaque {
			return encodeStd(img)
		}
		colourType, ch, pix, stride, drop = 2, 3, m.Pix, m.Stride, true
	case *image.NRGBA:
		colourType, ch, pix, stride = 6, 4, m.Pix, m.Stride
	default:
		return encodeStd(img)
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= 0 || h <= 0 {
		return encodeStd(img)
	}
	// Rows start at the picture's corner, which a sub-image has inside
	// its Pix; each row is read with the byte it does not write.
	pix = pix[pixOffset(img):]
	rowLen := ch * w
	if drop {
		rowLen = 4 * w
	}
	return encodeRowsWith(s, w, h, colourType, func(y int, dst []uint8) bool {
		row := pix[y*stride : y*stride+rowLen]
		if y > 0 && bytes.Equal(row, pix[(y-1)*stride:][:rowLen]) {
			return true
		}
		if drop {
			dropAlpha(dst, row)
		} else {
			copy(dst, row)
		}
		return false
	}), nil
}

// EncodeColoursAndOpacity writes a picture with transparency as the PDF
// takes it, in one pass over its rows: its colours as a PNG of 8-bit RGB
// (what EncodePNG writes for the opaque picture of its colours), and its
// opacity, one byte a pixel, as a zlib stream. No picture of the colours
// alone is made.
func EncodeColoursAndOpacity(m *image.NRGBA) (colours, opacity []byte, err error) {
	return (*Cache)(nil).EncodeColoursAndOpacity(m)
}

// EncodeColoursAndOpacity is the package's EncodeColoursAndOpacity, its
// compressors' buffers those an earlier encoding through c was done
// with.
func (c *Cache) EncodeColoursAndOpacity(m *image.NRGBA) (colours, opacity []byte, err error) {
	s := c.scratchOf()
	b := m.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= 0 || h <= 0 {
		return nil, nil, errors.New("image has no pixels")
	}
	mask := newRowDeflaterWith(w, 1, s.takeDeflater())
	alpha := make([]uint8, w)
	colours = encodeRowsWith(s, w, h, 2, func(y int, dst []uint8) bool {
		row := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):][:4*w]
		same := y > 0 && bytes.Equal(row, m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y-1):][:4*w])
		if !same {
			splitAlpha(dst, alpha, row)
		}
		copy(mask.next(w), alpha)
		return same
	})
	opacity = mask.finish()
	if s != nil {
		// the stream is in the buffer kept: copied out first
		opacity = bytes.Clone(opacity)
		s.keepDeflater(mask.buffers())
	}
	return colours, opacity, nil
}

// encodeRows writes a PNG of w × h pixels of 8 bits a channel, of colour
// type colourType (0 grey, 2 RGB, 6 RGBA), whose rows fill writes, or
// says are the row above again (same), writing nothing: a screenshot's
// flat stretches and the space between its lines of type, nearly half its
// rows, are then neither copied nor filtered.
func encodeRows(w, h int, colourType byte, fill func(y int, dst []uint8) (same bool)) []byte {
	return encodeRowsWith(nil, w, h, colourType, fill)
}

// encodeRowsWith is encodeRows, its compressor's buffers taken from s and
// given back to it once the stream is copied into the PNG.
func encodeRowsWith(s *scratch, w, h int, colourType byte, fill func(y int, dst []uint8) (same bool)) []byte {
	ch := 4
	switch colourType {
	case 0:
		ch = 1
	case 2:
		ch = 3
	}
	n := ch * w
	z := newRowDeflaterWith(1+n, ch, s.takeDeflater())
	// The row above, and this row with its filter byte before it, so
	// that None copies it as it is.
	prev, cur := make([]uint8, 1+n), make([]uint8, 1+n)
	// the sum of the magnitudes of the row above read as signed
	prevNone := 0
	for y := range h {
		same := fill(y, cur[1:]) && y > 0
		line := z.next(1 + n)
		if same {
			// Up leaves zeros, chosen as below unless the row is
			// zeros itself; the row above stays the row above.
			if prevNone > 0 {
				line[0] = 2
				clear(line[1:])
			} else {
				copy(line, prev)
			}
			continue
		}
		// Up is written straight into the stream; None over it. The
		// usual heuristic: the filter whose bytes, read as signed, sum
		// to the least in magnitude compresses best.
		sumUp, sumNone := upFilter(line[1:], cur[1:], prev[1:])
		if y > 0 && sumUp < sumNone {
			line[0] = 2
		} else {
			copy(line, cur)
		}
		prev, cur, prevNone = cur, prev, sumNone
	}
	idat := z.finish()
	// the signature, and three chunks of 12 bytes and their data
	out := bytes.NewBuffer(make([]byte, 0, 8+3*12+13+len(idat)))
	out.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, colourType
	writeChunk(out, "IHDR", ihdr[:])
	writeChunk(out, "IDAT", idat)
	writeChunk(out, "IEND", nil)
	s.keepDeflater(z.buffers())
	return out.Bytes()
}

// dropAlpha copies an RGBA row's colours into dst, three bytes a pixel,
// two pixels a word: each word written passes the pair's six bytes by two
// that the next pair overwrites, so the last pair is copied a byte at a
// time.
func dropAlpha(dst, rgba []uint8) {
	w := min(len(dst)/3, len(rgba)/4)
	x := 0
	if n := kernelPixels(len(dst), w); haveAVX2 && n > 0 {
		splitAlphaAVX2(&dst[0], nil, &rgba[0], n)
		x = n
	}
	for ; x+2 < w; x += 2 {
		v := binary.LittleEndian.Uint64(rgba[4*x:])
		binary.LittleEndian.PutUint64(dst[3*x:], v&0xffffff|(v>>8)&0xffffff_000000)
	}
	for ; x < w; x++ {
		dst[3*x], dst[3*x+1], dst[3*x+2] = rgba[4*x], rgba[4*x+1], rgba[4*x+2]
	}
}

// splitAlpha copies an RGBA row's colours into dst, three bytes a pixel,
// as dropAlpha does, and its opacities into alpha, a byte a pixel.
func splitAlpha(dst, alpha, rgba []uint8) {
	w := min(len(dst)/3, len(alpha), len(rgba)/4)
	x := 0
	if n := kernelPixels(len(dst), w); haveAVX2 && n > 0 {
		splitAlphaAVX2(&dst[0], &alpha[0], &rgba[0], n)
		x = n
	}
	dropAlpha(dst[3*x:3*w], rgba[4*x:4*w])
	for ; x < w; x++ {
		alpha[x] = rgba[4*x+3]
	}
}

// kernelPixels is how many of a row's w pixels splitAlphaAVX2 takes into
// colours of dstLen bytes: eight at a time, with room for the 32 bytes it
// writes for the last eight's 24.
func kernelPixels(dstLen, w int) int {
	if dstLen < 32 {
		return 0
	}
	return min(w, (dstLen-8)/3) &^ 7
}

// upFilter writes the Up filter of row cur, whose row above is prev, into
// up, and returns the sums of the magnitudes of up's and cur's bytes read
// as signed: one pass over the rows where the filtering and the two sums
// took three. Eight bytes are taken at a time, as subBytes takes them; a
// byte's magnitude is its bits flipped and one added when its sign is
// set, at most 128, so no byte carries into the next, and the magnitudes
// are summed in four 16-bit lanes a word, folded before they can fill.
func upFilter(up, cur, prev []uint8) (sumUp, sumNone int) {
	n := min(len(up), len(cur), len(prev))
	if m := n &^ 31; haveAVX2 && m > 0 {
		sumUp, sumNone = upFilterAVX2(&up[0], &cur[0], &prev[0], m)
		u, c := upFilterWords(up[m:n], cur[m:n], prev[m:n])
		return sumUp + u, sumNone + c
	}
	return upFilterWords(up, cur, prev)
}

// upFilterWords is upFilter eight bytes at a time, in pure Go.
func upFilterWords(up, cur, prev []uint8) (sumUp, sumNone int) {
	n := min(len(up), len(cur), len(prev))
	up, cur, prev = up[:n], cur[:n], prev[:n]
	for len(cur) >= 8 {
		// 255 words at most before a lane of 16 bits could overflow
		var accUp, accNone uint64
		for w := 0; w < 128 && len(up) >= 8 && len(cur) >= 8 && len(prev) >= 8; w++ {
			x, y := binary.LittleEndian.Uint64(cur), binary.LittleEndian.Uint64(prev)
			d := ((x | hiBits) - (y &^ hiBits)) ^ ((x ^ ^y) & hiBits)
			binary.LittleEndian.PutUint64(up, d)
			if d != 0 {
				// most of a screenshot is its row above again
				accUp += magnitudeLanes(d)
			}
			accNone += magnitudeLanes(x)
			up, cur, prev = up[8:], cur[8:], prev[8:]
		}
		sumUp += foldLanes(accUp)
		sumNone += foldLanes(accNone)
	}
	for i := range cur {
		d := cur[i] - prev[i]
		up[i] = d
		sumUp += int(min(d, -d))
		sumNone += int(min(cur[i], -cur[i]))
	}
	return sumUp, sumNone
}

// magnitudeLanes is the magnitudes of a word's bytes read as signed,
// paired into four 16-bit lanes of at most 256.
func magnitudeLanes(v uint64) uint64 {
	const ones, lowBytes = 0x0101010101010101, 0x00ff00ff00ff00ff
	sign := (v >> 7) & ones
	m := (v ^ (sign * 0xff)) + sign
	return (m & lowBytes) + ((m >> 8) & lowBytes)
}

// foldLanes is the sum of a word's four 16-bit lanes.
func foldLanes(acc uint64) int {
	acc = (acc & 0x0000ffff_0000ffff) + ((acc >> 16) & 0x0000ffff_0000ffff)
	return int(acc&0xffffffff + acc>>32)
}

// pixOffset is where img's first pixel is in its Pix.
func pixOffset(img image.Image) int {
	b := img.Bounds()
	switch m := img.(type) {
	case *image.Gray:
		return m.PixOffset(b.Min.X, b.Min.Y)
	case *image.RGBA:
		return m.PixOffset(b.Min.X, b.Min.Y)
	case *image.NRGBA:
		return m.PixOffset(b.Min.X, b.Min.Y)
	}
	return 0
}

func writeChunk(out *bytes.Buffer, kind string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	out.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(kind))
	crc.Write(data)
	out.WriteString(kind)
	out.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	out.Write(n[:])
}

func encodeStd(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img)
	return buf.Bytes(), err
}
