package jpegdec

// lookupBits is how many bits the lookup table decodes at once: most codes
// of a photograph are shorter.
const lookupBits = 9

// fastBits is how many bits the fast table decodes at once, a code and
// the value bits after it: 99% of a 12-megapixel photograph's AC codes
// and their values fit in 11 bits, 94% in 9. Its 2,048 entries of four
// bytes still leave an L1 cache room for the rest of the work.
const fastBits = 11

// A fast entry is either a code and its value, decoded at once: the value
// times 2¹⁶, the run of zeros before it plus one (the step from the
// coefficient after the last one coded to the one after this) times 2⁸
// and the bits both take;
// or, marked by codeOnly, a code whose value bits do not fit or which has
// none (an AC table's end of block and run of sixteen zeros): its value
// (run and size) times 2⁸ and its length, 0 when the code is longer than
// fastBits.
const (
	codeOnly = 0x80
	fastLen  = 0x1f // the bits taken, of either kind
)

// A huffman table decodes the canonical codes of a DHT segment.
type huffman struct {
	set bool
	// lookup holds, for each lookupBits-bit prefix, the length of the
	// code it starts with in the high byte and the value in the low
	// one; 0 when the code is longer.
	lookup [1 << lookupBits]uint16
	// fast holds a fast entry for each fastBits-bit prefix.
	fast [1 << fastBits]int32
	// maxCode[l] is the largest code of l bits, -1 when there is none;
	// a code c of l bits is values[c+offset[l]].
	maxCode [17]int32
	offset  [17]int32
	values  [256]uint8
}

// build makes the table of one class (AC or DC) from the number of codes
// of each length, 1 to 16 bits, and their values; false when the counts
// do not make a prefix code.
func (t *huffman) build(ac bool, counts [16]uint8, values []uint8) bool {
	*t = huffman{}
	copy(t.values[:], values)
	for p := range t.fast {
		t.fast[p] = codeOnly
	}
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
				c, v := code+i, values[k+i]
				if l <= lookupBits {
					// every prefix that begins with this code
					shift := lookupBits - l
					for p := c << shift; p < (c+1)<<shift; p++ {
						t.lookup[p] = uint16(l)<<8 | uint16(v)
					}
				}
				if l <= fastBits {
					shift := fastBits - l
					for p := c << shift; p < (c+1)<<shift; p++ {
						t.fast[p] = fastEntry(ac, uint(l), v, p)
					}
				}
			}
			code += n
			k += n
			t.maxCode[l] = code - 1
		}
		code <<= 1
	}
	t.set = true
	return true
}

// fastEntry is the fast entry of prefix p, which starts with a code of n
// bits standing for rs: a DC table's size of a difference, an AC table's
// run of zeros and size of a coefficient.
func fastEntry(ac bool, n uint, rs uint8, p int32) int32 {
	run, s := int32(rs>>4), uint(rs&0x0f)
	if !ac {
		run, s = 0, uint(rs)
	}
	// An AC code of size 0 has no value but ends the block or skips
	// sixteen zeros; sizes larger than a baseline picture has are
	// refused by the slow way.
	if ac && (s == 0 || s > 10) || s > 11 || n+s > fastBits {
		return int32(rs)<<8 | codeOnly | int32(n)
	}
	var v int32
	if s > 0 {
		v = (p >> (fastBits - n - s)) & (1<<s - 1)
		if v < 1<<(s-1) {
			v += -1<<s + 1
		}
	}
	return v<<16 | (run+1)<<8 | int32(n+s)
}

// A pairTable decodes an AC table's codes a pair at a time: for each
// fastBits-bit prefix, the code and value its fast entry decodes, with the
// next code and value when both fit in the prefix, or the end of the block
// after it. The codes of a block are read one after another, each
// where the last one ends, which is known only once its entry is loaded:
// two a look-up halve the wait. A pair entry is either
//   - a code and its value, and maybe a second: the bits all take, in
//     the low six bits (at most fastBits, shifting by the entry as it is);
//     pairEnd when the block ends after the first; the steps of k to
//     the first and to the second (the runs of zeros before them plus
//     one, the second's after the first's) times 2⁸ and 2¹⁶, both the
//     first's when there is no second, so that k after each is one
//     addition to k; the bits the first takes times 2²⁴; the values as
//     16 bits from 2³² and 2⁴⁸, the first's twice when there is no
//     second;
//   - the end of the block: its bits, pairEnd and endFirst, and steps of
//     64, which take k where the values stored (0) are not kept;
//   - or, marked by codeOnly, the fast entry of a code which does not fit
//     or has no value.
type pairTable [1 << fastBits]uint64

const (
	pairEnd  = 0x40
	endFirst = 1 << 28
)

// build makes the pairs of t's fast entries.
func (p *pairTable) build(t *huffman) {
	for i, e := range t.fast {
		if e&codeOnly != 0 {
			p[i] = uint64(uint32(e))
			if n := uint64(e & fastLen); n != 0 && e>>8 == 0 {
				p[i] = n | pairEnd | endFirst | 64<<8 | 64<<16
			}
			continue
		}
		n1, step1, v1 := uint64(e&fastLen), uint64(e>>8)&0x1f, uint64(uint16(e>>16))
		entry := n1 | step1<<8 | step1<<16 | n1<<24 | v1<<32 | v1<<48
		// the next code, its bits in the rest of the prefix
		rest := fastBits - n1
		e2 := t.fast[(i<<n1)&(1<<fastBits-1)]
		n2 := uint64(e2 & fastLen)
		switch {
		case n2 == 0 || n2 > rest:
		case e2&codeOnly == 0:
			step2, v2 := uint64(e2>>8)&0x1f, uint64(uint16(e2>>16))
			entry = (n1 + n2) | step1<<8 | (step1+step2)<<16 | n1<<24 | v1<<32 | v2<<48
		case e2>>8 == 0: // the end of the block
			entry = (n1 + n2) | pairEnd | step1<<8 | step1<<16 | n1<<24 | v1<<32 | v1<<48
		}
		p[i] = entry
	}
}

// endPair takes the codes of pair entry e from word, which reach the
// block's end (k1 and k2 are k after the first and the second): the end
// of the block alone; only the first code when it fills the block (the
// bits after it are the next block's); both otherwise. It returns the
// word and bits left, and k: 64 or less when the block ends, more when
// it is damaged.
func endPair(e, word uint64, nbits, k1, k2 uint) (uint64, uint, uint) {
	if e&endFirst != 0 {
		return word << (e & 63), nbits - uint(e&63), k1 - 64
	}
	if k1 >= 64 {
		n1 := uint(e>>24) & 0x0f
		return word << n1, nbits - n1, k1
	}
	if e&pairEnd != 0 {
		return word << (e & 63), nbits - uint(e&63), k1
	}
	return word << (e & 63), nbits - uint(e&63), k2
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
