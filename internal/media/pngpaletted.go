package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image/color"
)

// EncodePalettedRows writes a PNG of 8-bit palette indices from its rows,
// top to bottom, each width bytes; a row may be the same slice as the one
// above it, which is how a drawn cover, mostly bands of flat colour, holds
// its 4 megapixels.
//
// image/png needs the whole picture as one *image.Paletted, a copy of
// every row, sums each of its bytes for the zlib checksum and deflates
// them all, searching each repeated row for matches byte by byte; here a
// repeated row's checksum is added in a few operations (see adler), and
// its matches are worked out once for its run of repeats (see
// lineDeflater). Rows are unfiltered, as image/png writes a paletted
// picture. A drawn cover takes about half the time compress/flate's
// fastest level took, and is a tenth smaller (klauspost's fastest level
// made it a sixth larger).
func EncodePalettedRows(width int, rows [][]byte, palette color.Palette) ([]byte, error) {
	if width <= 0 || len(rows) == 0 {
		return nil, errors.New("png: empty picture")
	}
	if len(palette) == 0 || len(palette) > 256 {
		return nil, fmt.Errorf("png: %d colours in the palette", len(palette))
	}
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(len(rows)))
	ihdr[8], ihdr[9] = 8, 3 // 8 bits, palette indices
	writeChunk(&out, "IHDR", ihdr[:])

	plte := make([]byte, 0, 3*len(palette))
	trns := make([]byte, 0, len(palette))
	lastTranslucent := -1
	for i, c := range palette {
		n := color.NRGBAModel.Convert(c).(color.NRGBA)
		plte = append(plte, n.R, n.G, n.B)
		trns = append(trns, n.A)
		if n.A != 0xff {
			lastTranslucent = i
		}
	}
	writeChunk(&out, "PLTE", plte)
	if lastTranslucent >= 0 {
		writeChunk(&out, "tRNS", trns[:lastTranslucent+1])
	}

	z := newLineDeflater(width)
	sum := adler{a: 1}
	line := make([]byte, 1+width) // filter type None, then the row
	var prev []byte
	var prevSums rowSums
	for i, row := range rows {
		if len(row) != width {
			return nil, fmt.Errorf("png: row %d has %d pixels, not %d", i, len(row), width)
		}
		same := prev != nil && sameRow(row, prev)
		if !same {
			copy(line[1:], row)
			prevSums = sumsOf(line)
			prev = row
		}
		sum.add(prevSums)
		z.line(line, same)
	}
	idat := []byte{0x78, 0x01} // zlib: deflate, 32 KiB window, fastest
	idat = append(idat, z.finish()...)
	idat = binary.BigEndian.AppendUint32(idat, sum.value())
	data := idat
	// IDAT chunks of at most 64 KiB, as image/png writes them
	for len(data) > 0 {
		n := min(len(data), 1<<16)
		writeChunk(&out, "IDAT", data[:n])
		data = data[n:]
	}
	writeChunk(&out, "IEND", nil)
	return out.Bytes(), nil
}

// sameRow reports whether two rows hold the same bytes, at once when they
// are one slice.
func sameRow(a, b []byte) bool {
	if len(a) == len(b) && len(a) > 0 && &a[0] == &b[0] {
		return true
	}
	return bytes.Equal(a, b)
}

// adlerMod is Adler-32's modulus, the largest prime below 2¹⁶.
const adlerMod = 65521

// adler is a running Adler-32 checksum (RFC 1950): a is 1 plus the sum of
// the bytes, b the sum of the a after each byte, both modulo adlerMod.
type adler struct{ a, b uint32 }

// rowSums are what a block of n bytes adds to a running checksum: its
// bytes' sum, and the sum of each byte weighted by how many of the
// block's bytes, itself included, it comes before the end with.
type rowSums struct {
	n             int
	sum, weighted uint32 // modulo adlerMod
}

func sumsOf(p []byte) rowSums {
	if !haveAVX2 || len(p) < 32 {
		return sumsOfWords(p)
	}
	// blocks of adlerChunk bytes at most, whose sums fit the kernel's
	// lanes, joined as adler joins rows
	n := len(p)
	var s adler
	for len(p) >= 32 {
		k := min(len(p), adlerChunk) &^ 31
		sum, weighted := adlerAVX2(&p[0], k)
		s.add(rowSums{n: k, sum: uint32(sum % adlerMod), weighted: uint32(weighted % adlerMod)})
		p = p[k:]
	}
	s.add(sumsOfWords(p))
	return rowSums{n: n, sum: s.a, weighted: s.b}
}

// adlerChunk is the most bytes adlerAVX2 sums at once: their weighted
// sums' lanes stay below 2³¹, and the weighted sum below 2⁶⁴.
const adlerChunk = 1 << 16

// sumsOfWords is sumsOf eight bytes at a time, in pure Go.
func sumsOfWords(p []byte) rowSums {
	// Adler-32's own loop from zero: a is then the sum, b the weighted
	// sum; reduced as zlib does, often enough not to overflow.
	var a, b uint64
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), 5552)
		q := p[:k]
		// Eight bytes at a time: b gains eight times a, and each byte
		// weighted by how many of the eight it comes before the end
		// with. The bytes are spread into 16-bit lanes, even and odd,
		// and summed, weighted or not, by multiplying by a constant:
		// the top lane of the product is the sum of each lane times
		// the constant's lane opposite, and no lane passes 16 bits.
		for ; len(q) >= 8; q = q[8:] {
			v := binary.LittleEndian.Uint64(q)
			if v == 0 {
				b += 8 * a // the zero words of a filtered flat run
				continue
			}
			const lanes, ones = 0x00ff00ff00ff00ff, 0x0001_0001_0001_0001
			even, odd := v&lanes, (v>>8)&lanes
			b += 8*a + (even*0x0008_0006_0004_0002+odd*0x0007_0005_0003_0001)>>48
			a += (even + odd) * ones >> 48
		}
		for _, c := range q {
			a += uint64(c)
			b += a
		}
		a, b = a%adlerMod, b%adlerMod
		p = p[k:]
	}
	return rowSums{n: n, sum: uint32(a), weighted: uint32(b)}
}

// add appends a block: after n bytes b has grown by n times the old a
// plus the block's weighted sum, a by the block's sum.
func (s *adler) add(r rowSums) {
	s.b = uint32((uint64(s.b) + uint64(r.n%adlerMod)*uint64(s.a) + uint64(r.weighted)) % adlerMod)
	s.a = (s.a + r.sum) % adlerMod
}

func (s adler) value() uint32 { return s.b<<16 | s.a }
