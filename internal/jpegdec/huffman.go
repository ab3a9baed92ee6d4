package jpegdec

// lookupBits is how many bits the fast table decodes at once: most codes
// of a photograph are shorter.
const lookupBits = 9

// A huffman table decodes the canonical codes of a DHT segment.
type huffman struct {
	set bool
	// lookup holds, for each lookupBits-bit prefix, the length of the
	// code it starts with in the high byte and the value in the low
	// one; 0 when the code is longer.
	lookup [1 << lookupBits]uint16
	// coefficient holds, for each prefix holding an AC code and all the
	// bits of the value after it, the value times 2¹⁶, the run of zeros
	// before it times 2⁸ and the bits both take; 0 otherwise.
	coefficient [1 << lookupBits]int32
	// maxCode[l] is the largest code of l bits, -1 when there is none;
	// a code c of l bits is values[c+offset[l]].
	maxCode [17]int32
	offset  [17]int32
	values  [256]uint8
}

// build makes the table from the number of codes of each length, 1 to
// 16 bits, and their values; false when the counts do not make a prefix
// code.
func (t *huffman) build(counts [16]uint8, values []uint8) bool {
	*t = huffman{}
	copy(t.values[:], values)
	code, k := int32(0), int32(0)
	for l := 1; l <= 16; l++ {
		n := int32(counts[l-1])
		t.maxCode[l] = -1
		if code+n > 1<<l {
			return false // more codes than the length has
		}
		if n > 0 {
			t.offset[l] = k - code
			for i := range n {
				c := code + i
				if l <= lookupBits {
					// every prefix that begins with this code
					shift := lookupBits - l
					for p := c << shift; p < (c+1)<<shift; p++ {
						t.lookup[p] = uint16(l)<<8 | uint16(values[k+i])
					}
				}
			}
			code += n
			k += n
			t.maxCode[l] = code - 1
		}
		code <<= 1
	}
	for p, e := range t.lookup {
		n, rs := uint(e>>8), uint8(e)
		s := uint(rs & 0x0f)
		if e == 0 || s == 0 || n+s > lookupBits {
			continue
		}
		v := int32(p>>(lookupBits-n-s)) & (1<<s - 1)
		if v < 1<<(s-1) {
			v += -1<<s + 1
		}
		t.coefficient[p] = v<<16 | int32(rs>>4)<<8 | int32(n+s)
	}
	t.set = true
	return true
}

// decodeHuffman reads one code.
func (d *decoder) decodeHuffman(t *huffman) (uint8, bool) {
	if d.nbits < 16 {
		d.fill()
	}
	if e := t.lookup[d.bits>>(64-lookupBits)]; e != 0 {
		n := e >> 8
		d.bits <<= n
		d.nbits -= uint(n)
		return uint8(e), true
	}
	for l := lookupBits + 1; l <= 16; l++ {
		c := int32(d.bits >> (64 - l))
		if c <= t.maxCode[l] {
			d.bits <<= l
			d.nbits -= uint(l)
			return t.values[c+t.offset[l]], true
		}
	}
	return 0, false
}
