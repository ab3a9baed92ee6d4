package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image/color"

	"compress/flate"
)

// EncodePalettedRows writes a PNG of 8-bit palette indices from its rows,
// top to bottom, each width bytes; a row may be the same slice as the one
// above it, which is how a drawn cover, mostly bands of flat colour, holds
// its 4 megapixels.
//
// image/png needs the whole picture as one *image.Paletted, a copy of
// every row, and sums each of its bytes for the zlib checksum; here a
// repeated row's checksum is added in a few operations (see adler). Rows
// are unfiltered and deflated at the fastest level, as image/png writes a
// paletted picture, so the files are as small as before (klauspost's
// fastest level, quicker still, made a cover a sixth larger).
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

	var idat bytes.Buffer
	idat.Write([]byte{0x78, 0x01}) // zlib: deflate, 32 KiB window, fastest
	z, err := flate.NewWriter(&idat, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	sum := adler{a: 1}
	line := make([]byte, 1+width) // filter type None, then the row
	var prev []byte
	var prevSums rowSums
	for i, row := range rows {
		if len(row) != width {
			return nil, fmt.Errorf("png: row %d has %d pixels, not %d", i, len(row), width)
		}
		if prev == nil || !sameRow(row, prev) {
			copy(line[1:], row)
			prevSums = sumsOf(line)
			prev = row
		}
		sum.add(prevSums)
		if _, err := z.Write(line); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	idat.Write(binary.BigEndian.AppendUint32(nil, sum.value()))
	// IDAT chunks of at most 64 KiB, as image/png writes them
	data := idat.Bytes()
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
	// Adler-32's own loop from zero: a is then the sum, b the weighted
	// sum; reduced as zlib does, often enough not to overflow.
	var a, b uint64
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), 5552)
		for _, c := range p[:k] {
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
