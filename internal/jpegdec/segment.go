package jpegdec

import (
	"bytes"
	"encoding/binary"
)

// segmentPad is the zeros after a segment's data: more than a block's
// codes and values can take (27 bits of DC, 63 × 26 of AC, 209 bytes)
// past the segment's end, where a block starts at most, and the eight
// bytes a refill reads at once.
const segmentPad = 256

// A segment is the entropy-coded data of a baseline scan up to its next
// marker, the zero after each 0xff taken out (bytes.IndexByte finds
// them, many bytes at a time): the bits are then topped up with the
// eight bytes at once, as many taken as fit, with no test of what they
// are and no end to reach, where fill tests them for 0xff and the
// data's end. Reading past the segment's end, as damaged data would, is
// caught once a block and once a segment, not at every byte.
type segment struct {
	data []byte // the bytes, then segmentPad zeros
	bits int    // how many are the scan's
	// The bits read from data and not yet used, the first in the top
	// bit: the top nbits of word; pos is the byte after them.
	word  uint64
	nbits uint
	pos   int
}

// segment reads the entropy-coded data from d.pos into d.seg, up to a
// marker or the data's end, where it leaves d.pos: a 0xff not followed
// by a zero, as fill takes it.
func (d *decoder) segment() {
	data := d.data[d.pos:]
	s := d.seg.data[:0]
	if cap(s) < len(data)+segmentPad {
		s = make([]byte, 0, len(data)+segmentPad)
	}
	for {
		i := bytes.IndexByte(data, 0xff)
		if i < 0 {
			s = append(s, data...)
			d.pos = len(d.data)
			break
		}
		if i+1 < len(data) && data[i+1] == 0x00 {
			s = append(s, data[:i+1]...)
			data = data[i+2:]
			continue
		}
		s = append(s, data[:i]...)
		d.pos = len(d.data) - len(data) + i
		break
	}
	n := len(s)
	s = s[:n+segmentPad]
	clear(s[n:])
	d.seg = segment{data: s, bits: 8 * n}
}

// endOfSegment reports whether every bit of the segment was used but those
// filling its last byte, and a marker follows it.
func (d *decoder) endOfSegment() bool {
	left := d.seg.bits - (8*d.seg.pos - int(d.seg.nbits))
	return left >= 0 && left < 8 && d.pos < len(d.data)
}

// refill tops word up to 56 bits or more, reading the eight bytes at pos
// and keeping as many as fit: the bits below the nbits already held are
// the same in both.
func refill(data []byte, word uint64, nbits uint, pos int) (uint64, uint, int) {
	word |= binary.BigEndian.Uint64(data[pos:]) >> (nbits & 63)
	pos += int(63-nbits) >> 3
	return word, nbits | 56, pos
}

// slowCode decodes a code longer than fastBits at the top of word; n is
// its length, 0 when no code matches.
func (t *huffman) slowCode(word uint64) (v uint8, n uint) {
	for l := fastBits + 1; l <= 16; l++ {
		c := int32(word >> (64 - l))
		if c <= t.maxCode[l] {
			return t.values[c+t.offset[l]], uint(l)
		}
	}
	return 0, 0
}
