package media

import (
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
)

// rowDeflater writes the zlib stream (RFC 1950, 1951) of a picture's
// filtered rows, for EncodePNG's pictures and the PDF's opacity masks.
//
// compress/flate's fastest level knows nothing of rows, compares matches
// a byte at a time, and checksums the stream in a loop of its own; on a
// screenshot's rows it took two thirds of the encoding. This one looks at
// each place for three matches: a run of the byte before (distance 1: the
// zeros a filtered flat colour is), the same place in the row above, and
// the last place its four bytes began (glyphs and rules repeat along a
// row); it keeps the longest, as compress/flate keeps its one, without
// trying the next place for a longer one (that made a picture with
// translucent shadows a sixth larger). After a match, the places of its
// last pixel are noted in the hash table, so that a pixel repeated later
// is found at its own distance. Matches are compared eight bytes at a
// time, and the checksum added as the rows are matched, eight bytes at a
// time (sumsOf). The tokens go into dynamic Huffman blocks of at most
// blockTokens, ended where the tokens change enough that codes of their
// own pay (endPart).
//
// On screenshots 3000 pixels wide, halved or not, it takes from two
// thirds (rows of small type) to less than half (wide flat colours) of
// compress/flate's time, and writes 2 to 8% less.
type rowDeflater struct {
	stride int    // bytes a row, its filter byte included: the row above is that far back
	pixel  int    // bytes a pixel
	window []byte // the stream's last bytes: maxDistance and those not yet matched
	base   int    // the stream position of window[0]
	done   int    // the window's bytes matched up to here
	summed int    // and added to the checksum up to here
	table  *[1 << rowHashBits]uint32

	// tokens holds the block being gathered: those before subStart,
	// counted in blockLit and blockDist, and those since, counted in
	// litFreq and distFreq
	tokens    []token
	subStart  int
	blockLit  [numLitLen]int
	blockDist [numDist]int
	// the bits the block's literals and lengths, and its distances,
	// take by entropy (endPart)
	blockLitBits, blockDistBits float64
	litFreq                     [numLitLen]int
	distFreq                    [numDist]int
	sum                         adler
	out                         bitWriter
}

const (
	// rowHashBits is the size of the hash table: 64 K places (256 KB)
	// find more than compress/flate's 16 K, at no cost in time.
	rowHashBits = 16
	// rowChunk is how many bytes are gathered before they are matched,
	// and the window holds slideChunks of them beyond maxDistance: it
	// slides, copying maxDistance bytes, once they are matched, where
	// sliding after each chunk copied as many bytes as it matched.
	rowChunk    = 1 << 15
	slideChunks = 4
	// blockTokens is how many tokens a Huffman block holds at most, in
	// parts of subTokens, and splitHeaderBits about what a block's
	// header costs.
	blockTokens     = 1 << 14
	subTokens       = 1 << 10
	splitHeaderBits = 800
)

// newRowDeflater begins a zlib stream of rows of stride bytes, pixels of
// pixel bytes.
func newRowDeflater(stride, pixel int) *rowDeflater {
	return newRowDeflaterWith(stride, pixel, nil)
}

// newRowDeflaterWith is newRowDeflater on the buffers of an earlier
// stream's, when b is not nil: cleared, and the window cut to the size a
// new one would have, so that the stream is the same byte for byte.
func newRowDeflaterWith(stride, pixel int, b *deflaterBuffers) *rowDeflater {
	windowSize := maxDistance + slideChunks*rowChunk + stride + 2*maxMatch
	d := &rowDeflater{stride: stride, pixel: max(pixel, 1), sum: adler{a: 1}}
	if b != nil && cap(b.window) >= windowSize {
		d.window = b.window[:windowSize]
		clear(d.window)
		d.window = d.window[:0:windowSize]
	} else {
		d.window = make([]byte, 0, windowSize)
	}
	if b != nil {
		d.table = b.table
		clear(d.table[:])
		d.tokens = b.tokens[:0]
		d.out.buf = b.out[:0]
	} else {
		d.table = new([1 << rowHashBits]uint32)
		d.tokens = make([]token, 0, blockTokens+maxMatch)
		d.out.buf = make([]byte, 0, 1<<16)
	}
	// zlib's header: deflate, 32 KiB window, fastest
	d.out.buf = append(d.out.buf, 0x78, 0x01)
	return d
}

// deflaterBuffers are a rowDeflater's large buffers, its window, hash
// table, tokens and output, given back once its stream is copied out.
type deflaterBuffers struct {
	window []byte
	table  *[1 << rowHashBits]uint32
	tokens []token
	out    []byte
}

// buffers gives d's buffers back for another stream; d is not used again,
// nor what finish returned.
func (d *rowDeflater) buffers() *deflaterBuffers {
	return &deflaterBuffers{window: d.window, table: d.table, tokens: d.tokens, out: d.out.buf}
}

// next returns room for the stream's next n bytes, which the caller fills
// before it calls next or finish again.
func (d *rowDeflater) next(n int) []byte {
	if len(d.window)-d.done >= rowChunk {
		d.tokenize(false)
	}
	if len(d.window)+n > cap(d.window) {
		// slide the window: keep maxDistance bytes before those not yet
		// matched
		drop := max(0, d.done-maxDistance)
		copy(d.window, d.window[drop:])
		d.window = d.window[:len(d.window)-drop]
		d.base += drop
		d.done -= drop
		d.summed -= drop
		d.window = slices.Grow(d.window, n) // a row longer than the window was made for
	}
	s := len(d.window)
	d.window = d.window[:s+n]
	return d.window[s : s+n : s+n]
}

func rowHash(v uint32) uint32 {
	return v * 0x9E3779B1 >> (32 - rowHashBits)
}

// tokenize matches the bytes gathered and adds them to the checksum: all
// of them when final, else those whose matches cannot reach past the end.
//
// Each place is tried against a run of the byte before, the last place
// its four bytes began, and the same place in the row above (when that
// is within reach); the longest match of at least four bytes is kept. A
// place can be longer than the best so far only if it agrees at the byte
// after it.
func (d *rowDeflater) tokenize(final bool) {
	w := d.window
	end := len(w)
	d.sum.add(sumsOf(w[d.summed:end]))
	d.summed = end
	stop := end - 3 // a match needs four bytes
	if !final {
		stop = end - maxMatch
	}
	table, base := d.table, d.base
	above := d.stride
	if above > maxDistance {
		above = end + 1 // out of reach: never tried
	}
	p := d.done
	lit := p // the first byte not yet written
	// Where nothing matches, places are tried further apart the longer
	// nothing has (noise costs little time, as in compress/flate), at
	// most maxSkip apart: less than a match, so that a chunk's last try
	// stays within it.
	misses := 0
	const maxSkip = 64
	// room is how many more tokens the part takes: kept here, where
	// worked out from d at each place missed it was read again after
	// each store to the table
	room := subTokens - (len(d.tokens) - d.subStart)
	for p < stop {
		cur := binary.LittleEndian.Uint32(w[p:])
		limit := min(maxMatch, end-p)
		best, dist := 0, 0
		if p >= 1 && binary.LittleEndian.Uint32(w[p-1:]) == cur {
			best, dist = 4+matchLen(w[p+3:], w[p+4:p+limit]), 1
		}
		h := rowHash(cur)
		back := int(uint32(p+base) - table[h]) // the table holds positions modulo 2³²
		table[h] = uint32(p + base)
		if c := p - back; best < limit && back > 0 && back <= maxDistance && c >= 0 &&
			binary.LittleEndian.Uint32(w[c:]) == cur && w[c+best] == w[p+best] {
			if n := matchFrom(w, c, p, limit); n > best {
				best, dist = n, back
			}
		}
		if c := p - above; best < limit && c >= 0 &&
			binary.LittleEndian.Uint32(w[c:]) == cur && w[c+best] == w[p+best] {
			if n := 4 + matchLen(w[c+4:], w[p+4:p+limit]); n > best {
				best, dist = n, above
			}
		}
		if best == 0 {
			misses = min(misses+1, 32*(maxSkip-1))
			p += 1 + misses>>5
			if p-lit >= room {
				// a long stretch of noise is a part of its own
				lit = d.literals(w, lit, min(p, end))
				d.endPart()
				room = subTokens - (len(d.tokens) - d.subStart)
			}
			continue
		}
		misses = 0
		lit = d.literals(w, lit, p)
		dsym := distanceSymbol(dist)
		d.tokens = append(d.tokens, matchToken(best, dist)|token(dsym)<<distSymbolShift)
		d.litFreq[lengthCodes[best].symbol]++
		d.distFreq[dsym]++
		// the places of the match's last pixel, but its first, noted
		// when it was tried
		from := p + 1
		p += best
		lit = p
		if p+4 <= end {
			for q := max(p-d.pixel, from); q < p; q++ {
				table[rowHash(binary.LittleEndian.Uint32(w[q:]))] = uint32(q + base)
			}
		}
		if room = subTokens - (len(d.tokens) - d.subStart); room <= 0 {
			d.endPart()
			room = subTokens - (len(d.tokens) - d.subStart)
		}
	}
	if final {
		p = end // the last bytes, and any a last skip passed
	}
	lit = d.literals(w, lit, p)
	d.done = max(p, lit)
}

// lengthCodes is each match length's symbol and extra bits, read for
// each match and for each block's table of lengths.
var lengthCodes = func() (t [maxMatch + 1]struct {
	symbol           uint16
	extraBits, extra uint8
}) {
	for l := minMatch; l <= maxMatch; l++ {
		eb, ev := lengthExtra(l)
		t[l].symbol, t[l].extraBits, t[l].extra = uint16(lengthSymbol(l)), uint8(eb), uint8(ev)
	}
	return t
}()

// distSymbolShift is where a rowDeflater's match token holds its
// distance's symbol, in bits matchToken leaves unused, so that writing
// it need not work it out again.
const distSymbolShift = 25

// distExtraBits is how many extra bits a distance symbol has.
func distExtraBits(sym int) uint {
	return uint(max(sym/2-1, 0))
}

// matchFrom is how many bytes from p, at most limit, repeat those from
// c, given that the first four do: the next eight compared here, where
// most matches end, when limit reaches past them.
func matchFrom(w []byte, c, p, limit int) int {
	if limit < 12 {
		return 4 + matchLen(w[c+4:], w[p+4:p+limit])
	}
	if x := binary.LittleEndian.Uint64(w[c+4:]) ^ binary.LittleEndian.Uint64(w[p+4:]); x != 0 {
		return 4 + bits.TrailingZeros64(x)/8
	}
	return 12 + matchLen(w[c+12:], w[p+12:p+limit])
}

// literals adds w[from:to] as literals to the part, and returns where
// they end (from, when to is before it).
func (d *rowDeflater) literals(w []byte, from, to int) int {
	if from >= to {
		return from
	}
	tokens := d.tokens
	for _, c := range w[from:to] {
		tokens = append(tokens, token(c))
		d.litFreq[c]++
	}
	d.tokens = tokens
	return to
}

// finish writes the last block and the checksum, and returns the zlib
// stream.
func (d *rowDeflater) finish() []byte {
	d.tokenize(true)
	d.endPart()
	d.writeBlock(d.tokens, &d.blockLit, &d.blockDist, true)
	d.out.align()
	return binary.BigEndian.AppendUint32(d.out.buf, d.sum.value())
}

// endPart ends a part of subTokens tokens: the block so far is written
// before it when the part is unlike it enough that codes of its own pay
// for their header, else the part joins the block, which is written once
// it holds blockTokens. Blocks of a fixed size mixed a screenshot's noise
// and its flat colours in one code, where each costs more.
//
// Whether a split pays is whether the block and the part coded apart,
// each with codes of its own, take fewer bits than the two coded
// together, by more than a block's header: the bits each takes are
// estimated by the entropy of its symbols. The block's are those worked
// out for it when the part before ended, not again.
func (d *rowDeflater) endPart() {
	partLit, partDist := entropyBits(d.litFreq[:]), entropyBits(d.distFreq[:])
	var merged [numLitLen]int
	split := false
	var mergedLit, mergedDist float64
	if d.subStart > 0 {
		for i := range merged {
			merged[i] = d.blockLit[i] + d.litFreq[i]
		}
		mergedLit = entropyBits(merged[:])
		for i := range numDist {
			merged[i] = d.blockDist[i] + d.distFreq[i]
		}
		mergedDist = entropyBits(merged[:numDist])
		apart := d.blockLitBits + partLit + (d.blockDistBits + partDist)
		split = apart+splitHeaderBits < mergedLit+mergedDist
	}
	switch {
	case split:
		d.writeBlock(d.tokens[:d.subStart], &d.blockLit, &d.blockDist, false)
		d.tokens = d.tokens[:copy(d.tokens, d.tokens[d.subStart:])]
		d.blockLit, d.blockDist = d.litFreq, d.distFreq
		d.blockLitBits, d.blockDistBits = partLit, partDist
	case d.subStart > 0:
		for i, f := range d.litFreq {
			d.blockLit[i] += f
		}
		for i, f := range d.distFreq {
			d.blockDist[i] += f
		}
		d.blockLitBits, d.blockDistBits = mergedLit, mergedDist
	default:
		d.blockLit, d.blockDist = d.litFreq, d.distFreq
		d.blockLitBits, d.blockDistBits = partLit, partDist
	}
	d.litFreq, d.distFreq = [numLitLen]int{}, [numDist]int{}
	d.subStart = len(d.tokens)
	if len(d.tokens) >= blockTokens {
		d.writeBlock(d.tokens, &d.blockLit, &d.blockDist, false)
		d.tokens, d.subStart = d.tokens[:0], 0
		d.blockLit, d.blockDist = [numLitLen]int{}, [numDist]int{}
	}
}

// entropyBits is the least number of bits symbols of these frequencies
// take: the total times its logarithm, less each frequency times its own.
func entropyBits(freq []int) float64 {
	total, sum := 0, 0.0
	for _, f := range freq {
		if f < len(nLog2n) {
			sum += nLog2n[f]
		} else {
			sum += float64(f) * log2Approx(float64(f))
		}
		total += f
	}
	return float64(total)*log2Approx(float64(total)) - sum
}

// nLog2n is n log₂ n for the counts most symbols of a part have: with
// math.Log2 for each, choosing blocks took a tenth of the deflating.
var nLog2n = func() (t [256]float64) {
	for n := 2; n < len(t); n++ {
		t[n] = float64(n) * math.Log2(float64(n))
	}
	return t
}()

// log2Approx is the base-2 logarithm of v ≥ 1 within 0.01: its exponent,
// and for its mantissa m, 1 ≤ m < 2, m-1 bent by a parabola.
func log2Approx(v float64) float64 {
	b := math.Float64bits(v)
	exp := float64(int(b>>52) - 1023)
	x := math.Float64frombits(b&(1<<52-1)|1023<<52) - 1
	return exp + x*(1.3466-0.3466*x)
}

// writeBlock writes tokens as a block with dynamic Huffman codes, of the
// frequencies given, the end of block added.
func (d *rowDeflater) writeBlock(tokens []token, litFreq *[numLitLen]int, distFreq *[numDist]int, final bool) {
	litFreq[endOfBlock]++
	litLen := huffmanLengths(litFreq[:], 15)
	distLen := huffmanLengths(distFreq[:], 15)
	litCode, distCode := canonicalCodes(litLen), canonicalCodes(distLen)
	w := &d.out
	writeDynamicHeader(w, final, litLen, distLen)
	// Each literal's code and its length, each match length's code and
	// extra bits and their length, and each distance code, its length
	// and the mask of its extra bits, as one word each, so that a token
	// takes a load for each of its parts.
	var litBits [256]uint32
	for c := range litBits {
		litBits[c] = uint32(litCode[c]) | uint32(litLen[c])<<24
	}
	var lenBits [maxMatch + 1]uint32
	for l := minMatch; l <= maxMatch; l++ {
		e := lengthCodes[l]
		sym, eb, ev := e.symbol, uint32(e.extraBits), uint32(e.extra)
		lenBits[l] = (uint32(litCode[sym]) | ev<<litLen[sym]) | (uint32(litLen[sym])+eb)<<24
	}
	var distBits [1 << (32 - distSymbolShift)]uint64
	for sym := range numDist {
		eb := distExtraBits(sym)
		distBits[sym] = uint64(distCode[sym]) | uint64(distLen[sym])<<16 | uint64(eb)<<24 | uint64(1<<eb-1)<<32
	}
	// The tokens' bits are gathered in a word of which whole bytes are
	// written eight at a time: a token's bits (at most 48: a length's 20
	// and a distance's 28) always fit beside the fewer than 16 left.
	w.align32()
	buf, acc, n := w.buf, w.acc, w.nacc
	if need := 6*len(tokens) + 8; cap(buf)-len(buf) < need {
		// doubled, where append would grow a large slice by a quarter
		buf = append(make([]byte, 0, 2*cap(buf)+need), buf...)
	}
	for _, t := range tokens {
		if n >= 16 {
			binary.LittleEndian.PutUint64(buf[len(buf):len(buf)+8], acc)
			buf = buf[:len(buf)+int(n>>3)]
			acc >>= n &^ 7
			n &= 7
		}
		if t&matchFlag == 0 {
			lb := litBits[t&0xff]
			acc |= uint64(lb&0xffffff) << n
			n += uint(lb >> 24)
			continue
		}
		lb := lenBits[t>>16&0x1ff]
		db := distBits[t>>distSymbolShift&0x1f]
		extra := uint64(t) & (db >> 32)
		code := uint64(lb&0xffffff) | (db&0xffff|extra<<(db>>16&0xff))<<(lb>>24)
		acc |= code << n
		n += uint(lb>>24) + uint(db>>16&0xff) + uint(db>>24&0xff)
	}
	w.buf, w.acc, w.nacc = buf, acc, n
	w.bits(uint64(litCode[endOfBlock]), uint(litLen[endOfBlock]))
}
