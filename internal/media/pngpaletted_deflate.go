package media

import (
	"encoding/binary"
	"math/bits"
	"slices"
)

// lineDeflater writes the deflate data (RFC 1951) of a paletted PNG's
// lines, each a filter byte and a row, for EncodePalettedRows. A general
// compressor searches every line for matches byte by byte, though most
// lines of a drawn cover repeat the line above; this one knows when a line
// repeats, works out that line's matches once for the whole run of
// repeats, and searches only the lines that differ from the one above.
//
// A line is matched within itself (runs of one colour, distance 1),
// against the lines above at the same place (distances of whole lines),
// and, in a line that differs from the one above, against the last place
// the same four bytes began (glyphs repeat along a line of type). A match
// never runs past its line's end. The tokens go into dynamic Huffman
// blocks of about blockSymbols symbols each.
type lineDeflater struct {
	stride int    // bytes a line: the filter byte and the row
	window []byte // the stream's last bytes: maxDistance and more
	base   int    // the stream position of window[0]
	// repeats is how many lines at the window's end are the same line
	repeats int
	table   []int // the last stream position of each hash of four bytes

	tokens  []token   // the tokens of the lines of the block being gathered
	block   []segment // those lines, in order
	symbols int       // the symbols they stand for, repeats counted
	// repeatTokens are the tokens of the last line when it repeats the
	// one above: the same for every further repeat
	repeatTokens []token

	litFreq  [numLitLen]int
	distFreq [numDist]int
	out      bitWriter
}

// segment is the tokens of one line, written repeat times.
type segment struct {
	tokens []token
	repeat int
}

const (
	minMatch    = 3
	maxMatch    = 258
	maxDistance = 1 << 15
	numLitLen   = 286
	numDist     = 30
	endOfBlock  = 256
	// aboveLines is how many lines above a differing line it is matched
	// against at the same place.
	aboveLines = 3
	hashBits   = 14
)

// token is a literal byte, or a match: matchFlag, the length in bits 16
// to 24, the distance less one in the low 15 bits.
type token uint32

const matchFlag token = 1 << 31

// blockSymbols is about how many symbols a block holds before the next
// line begins another.
var blockSymbols = 1 << 11

func literalToken(b byte) token {
	return token(b)
}

func matchToken(length, distance int) token {
	return matchFlag | token(length)<<16 | token(distance-1)
}

func newLineDeflater(width int) *lineDeflater {
	stride := width + 1
	return &lineDeflater{
		stride: stride,
		window: make([]byte, 0, 2*maxDistance+2*stride),
		table:  make([]int, 1<<hashBits),
		out:    bitWriter{buf: make([]byte, 0, 1<<16)},
	}
}

// line adds a line (filter byte and row); same says it is the line above
// again.
func (d *lineDeflater) line(line []byte, same bool) {
	if same && d.repeatTokens != nil {
		d.add(d.repeatTokens, true)
		d.keep(line, true, true)
		return
	}
	s := d.keep(line, same, false)
	start := len(d.tokens)
	d.tokenize(s, !same)
	tokens := d.tokens[start:]
	if same {
		d.repeatTokens = tokens
	} else {
		d.repeatTokens = nil
	}
	d.add(tokens, false)
}

// keep adds a line to the window, and returns where it begins there. Once
// the window's last maxDistance bytes are all one line repeated, a further
// repeat would leave them as they are: one that need not be read again
// (skip) is then only counted.
func (d *lineDeflater) keep(line []byte, same, skip bool) int {
	if !same {
		d.repeats = 0
	} else if skip && d.repeats*d.stride >= maxDistance {
		d.base += d.stride
		return -1
	}
	if len(d.window)+len(line) > cap(d.window) {
		keep := min(len(d.window), maxDistance)
		d.base += len(d.window) - keep
		d.window = d.window[:copy(d.window, d.window[len(d.window)-keep:])]
	}
	s := len(d.window)
	d.window = append(d.window, line...)
	d.repeats++
	return s
}

// add puts a line's tokens in the block; again says they are the last
// line's tokens written once more.
func (d *lineDeflater) add(tokens []token, again bool) {
	if n := len(d.block); again && n > 0 && len(d.block[n-1].tokens) == len(tokens) &&
		len(tokens) > 0 && &d.block[n-1].tokens[0] == &tokens[0] {
		d.block[n-1].repeat++
	} else {
		d.block = append(d.block, segment{tokens, 1})
	}
	for _, t := range tokens {
		if t&matchFlag == 0 {
			d.litFreq[t]++
			continue
		}
		d.litFreq[lengthSymbol(int(t>>16&0x1ff))]++
		d.distFreq[distanceSymbol(int(t&0x7fff)+1)]++
	}
	d.symbols += len(tokens)
	if d.symbols >= blockSymbols {
		d.flush(false)
	}
}

// tokenize turns the line at window[s:] into tokens; search also looks
// for matches beyond the line itself and the one above.
func (d *lineDeflater) tokenize(s int, search bool) {
	end := s + d.stride
	best, bestDist := d.longest(s, end, search)
	for p := s; p < end; {
		// A match is put off when the next byte begins one longer by two
		// or more (lazy matching, as zlib's default levels do): a literal
		// costs less than the match given up.
		if best >= minMatch && best < maxMatch && p+1 < end {
			if next, nextDist := d.longest(p+1, end, search); next > best+1 {
				d.tokens = append(d.tokens, literalToken(d.window[p]))
				p++
				best, bestDist = next, nextDist
				continue
			}
		}
		if best >= minMatch {
			d.tokens = append(d.tokens, matchToken(best, bestDist))
			p += best
		} else {
			d.tokens = append(d.tokens, literalToken(d.window[p]))
			p++
		}
		if p < end {
			best, bestDist = d.longest(p, end, search)
		}
	}
}

// longest finds the longest match for the bytes at window[p:end], and
// notes p as the last place its four bytes began.
func (d *lineDeflater) longest(p, end int, search bool) (best, bestDist int) {
	w := d.window
	limit := min(maxMatch, end-p)
	if limit < minMatch {
		return 0, 0
	}
	if p >= 1 {
		best, bestDist = matchLen(w[p-1:], w[p:p+limit]), 1
	}
	lines := 1
	if search {
		lines = aboveLines
	}
	// a place can be longer only if it agrees at the byte after the best
	for k := 1; k <= lines && best < limit; k++ {
		dist := k * d.stride
		if dist > maxDistance || p < dist {
			break
		}
		if w[p-dist+best] != w[p+best] {
			continue
		}
		if n := matchLen(w[p-dist:], w[p:p+limit]); n > best {
			best, bestDist = n, dist
		}
	}
	if search && limit >= 4 {
		h := hash4(w[p:])
		c := d.table[h] - d.base
		d.table[h] = p + d.base
		if c >= 0 && c < p && p-c <= maxDistance && best < limit && w[c+best] == w[p+best] {
			if n := matchLen(w[c:], w[p:p+limit]); n > best {
				best, bestDist = n, p-c
			}
		}
	}
	return best, bestDist
}

func hash4(p []byte) uint32 {
	return binary.LittleEndian.Uint32(p) * 0x9E3779B1 >> (32 - hashBits)
}

// matchLen is how many bytes of b, from the first, a repeats.
func matchLen(a, b []byte) int {
	n := 0
	for len(b)-n >= 16 {
		x := binary.LittleEndian.Uint64(a[n:]) ^ binary.LittleEndian.Uint64(b[n:])
		y := binary.LittleEndian.Uint64(a[n+8:]) ^ binary.LittleEndian.Uint64(b[n+8:])
		if x|y != 0 {
			if x != 0 {
				return n + bits.TrailingZeros64(x)/8
			}
			return n + 8 + bits.TrailingZeros64(y)/8
		}
		n += 16
	}
	for len(b)-n >= 8 {
		if x := binary.LittleEndian.Uint64(a[n:]) ^ binary.LittleEndian.Uint64(b[n:]); x != 0 {
			return n + bits.TrailingZeros64(x)/8
		}
		n += 8
	}
	for n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// finish writes the last block and returns the deflate data.
func (d *lineDeflater) finish() []byte {
	d.flush(true)
	d.out.align()
	return d.out.buf
}

// codeLengthOrder is the order the code length code's lengths are sent in.
var codeLengthOrder = [19]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// flush writes the block gathered as a block with dynamic Huffman codes.
func (d *lineDeflater) flush(final bool) {
	d.litFreq[endOfBlock]++
	litLen := huffmanLengths(d.litFreq[:], 15)
	distLen := huffmanLengths(d.distFreq[:], 15)
	litCode, distCode := canonicalCodes(litLen), canonicalCodes(distLen)
	w := &d.out
	writeDynamicHeader(w, final, litLen, distLen)

	for _, seg := range d.block {
		for range seg.repeat {
			for _, t := range seg.tokens {
				if t&matchFlag == 0 {
					w.bits(uint64(litCode[t]), uint(litLen[t]))
					continue
				}
				length, dist := int(t>>16&0x1ff), int(t&0x7fff)+1
				sym := lengthSymbol(length)
				eb, ev := lengthExtra(length)
				w.bits(uint64(litCode[sym])|uint64(ev)<<litLen[sym], uint(litLen[sym])+eb)
				dsym := distanceSymbol(dist)
				eb, ev = distanceExtra(dist)
				w.bits(uint64(distCode[dsym])|uint64(ev)<<distLen[dsym], uint(distLen[dsym])+eb)
			}
		}
	}
	w.bits(uint64(litCode[endOfBlock]), uint(litLen[endOfBlock]))

	d.litFreq, d.distFreq = [numLitLen]int{}, [numDist]int{}
	d.block, d.symbols = d.block[:0], 0
	if d.repeatTokens != nil {
		d.repeatTokens = slices.Clone(d.repeatTokens) // the slab is reused
	}
	d.tokens = d.tokens[:0]
}

// writeDynamicHeader begins a block with dynamic Huffman codes (RFC 1951,
// 3.2.7) of the code lengths given: the last block if final.
func writeDynamicHeader(w *bitWriter, final bool, litLen, distLen []uint8) {
	nlit, ndist := numLitLen, numDist
	for nlit > 257 && litLen[nlit-1] == 0 {
		nlit--
	}
	for ndist > 1 && distLen[ndist-1] == 0 {
		ndist--
	}
	// The code lengths, run-length coded: 16 repeats the last length 3 to
	// 6 times, 17 and 18 give 3 to 10 and 11 to 138 zeros.
	// On the stack, where growing them on the heap took a third of the
	// header's time: a symbol each length at most.
	var lengthBuf [numLitLen + numDist]uint8
	lengths := append(append(lengthBuf[:0], litLen[:nlit]...), distLen[:ndist]...)
	type clSymbol struct{ sym, extra uint8 }
	var clBuf [numLitLen + numDist]clSymbol
	cl := clBuf[:0]
	var clFreq [19]int
	for i := 0; i < len(lengths); {
		v, n := lengths[i], 1
		for i+n < len(lengths) && lengths[i+n] == v {
			n++
		}
		i += n
		if v == 0 {
			for n >= 11 {
				k := min(n, 138)
				cl = append(cl, clSymbol{18, uint8(k - 11)})
				n -= k
			}
			if n >= 3 {
				cl = append(cl, clSymbol{17, uint8(n - 3)})
				n = 0
			}
		} else {
			cl = append(cl, clSymbol{v, 0})
			n--
			for n >= 3 {
				k := min(n, 6)
				cl = append(cl, clSymbol{16, uint8(k - 3)})
				n -= k
			}
		}
		for ; n > 0; n-- {
			cl = append(cl, clSymbol{v, 0})
		}
	}
	for _, c := range cl {
		clFreq[c.sym]++
	}
	clLen := huffmanLengths(clFreq[:], 7)
	clCode := canonicalCodes(clLen)
	ncl := 19
	for ncl > 4 && clLen[codeLengthOrder[ncl-1]] == 0 {
		ncl--
	}

	last := uint64(0)
	if final {
		last = 1
	}
	w.bits(last|2<<1, 3) // BFINAL, BTYPE 2: dynamic Huffman codes
	w.bits(uint64(nlit-257)|uint64(ndist-1)<<5|uint64(ncl-4)<<10, 14)
	for _, sym := range codeLengthOrder[:ncl] {
		w.bits(uint64(clLen[sym]), 3)
	}
	// each symbol's code and extra bits sent at once, at most 14 bits
	var extraBits = [19]uint8{16: 2, 17: 3, 18: 7}
	for _, c := range cl {
		n := clLen[c.sym]
		w.bits(uint64(clCode[c.sym])|uint64(c.extra)<<n, uint(n+extraBits[c.sym]))
	}
}

// lengthSymbol is the literal/length symbol of a match length, 3 to 258.
func lengthSymbol(length int) int {
	v := length - 3
	switch {
	case length == maxMatch:
		return 285
	case v < 8:
		return 257 + v
	}
	l := bits.Len(uint(v)) - 1
	return 257 + 4*(l-1) + v>>(l-2)&3
}

// lengthExtra is a match length's extra bits: how many, and their value.
func lengthExtra(length int) (uint, uint32) {
	v := length - 3
	if v < 8 || length == maxMatch {
		return 0, 0
	}
	l := uint(bits.Len(uint(v)) - 1)
	return l - 2, uint32(v) & (1<<(l-2) - 1)
}

// distanceSymbol is the distance symbol of a distance, 1 to 32768.
func distanceSymbol(dist int) int {
	v := dist - 1
	if v < 4 {
		return v
	}
	l := bits.Len(uint(v)) - 1
	return 2*l + v>>(l-1)&1
}

// distanceExtra is a distance's extra bits: how many, and their value.
func distanceExtra(dist int) (uint, uint32) {
	v := dist - 1
	if v < 4 {
		return 0, 0
	}
	l := uint(bits.Len(uint(v)) - 1)
	return l - 1, uint32(v) & (1<<(l-1) - 1)
}

// huffmanLengths gives each symbol a code length of at most maxBits, by
// frequency, the most frequent the shortest; unused symbols get none. At
// least two symbols get a code, so the code is complete, as decoders ask.
func huffmanLengths(freq []int, maxBits int) []uint8 {
	lengths := make([]uint8, len(freq))
	// The working slices are arrays on the stack, sized to the alphabet:
	// each made on the heap, a screenshot's many small blocks spent a
	// third of their codes' time allocating, and arrays for 286 symbols
	// cleared for the code length code's 19 took a tenth.
	switch n := len(freq); {
	case n <= 32:
		var leaves, spare [32]uint64
		var count [33]int
		huffmanLengthsInto(lengths, freq, maxBits, leaves[:0], spare[:], count[:])
	case n <= numLitLen:
		var leaves, spare [numLitLen]uint64
		var count [numLitLen + 1]int
		huffmanLengthsInto(lengths, freq, maxBits, leaves[:0], spare[:], count[:])
	default:
		huffmanLengthsInto(lengths, freq, maxBits, make([]uint64, 0, n), make([]uint64, n),
			make([]int, n))
	}
	return lengths
}

// huffmanLengthsInto is huffmanLengths writing to lengths, with leaves and
// spare room for a leaf of each symbol and count for one a symbol.
func huffmanLengthsInto(lengths []uint8, freq []int, maxBits int, leaves, spare []uint64, count []int) {
	// the symbols used, lightest first, ties by symbol: frequency and
	// symbol in one number
	for s, f := range freq {
		if f > 0 {
			leaves = append(leaves, uint64(f)<<16|uint64(s))
		}
	}
	for s := 0; len(leaves) < 2; s++ {
		if freq[s] == 0 {
			leaves = append(leaves, uint64(s))
		}
	}
	n := len(leaves)
	unsorted := leaves
	leaves = sortLeaves(leaves, spare)
	// Huffman's tree, built in place in the slice the sort left free
	// (Moffat and Katajainen, "In-place calculation of minimum-redundancy
	// codes", 1995): each node made joins the two lightest of the leaves
	// and nodes not yet joined, a leaf first of two as light. a[i] is
	// first leaf i's weight, then node i's weight while it waits, then
	// its parent, then its depth.
	a := spare[:n]
	if &a[0] == &leaves[0] {
		a = unsorted
	}
	for i, l := range leaves {
		a[i] = l >> 16
	}
	a[0] += a[1]
	root, leaf := 0, 2
	for next := 1; next < n-1; next++ {
		if leaf >= n || a[root] < a[leaf] {
			a[next] = a[root]
			a[root] = uint64(next)
			root++
		} else {
			a[next] = a[leaf]
			leaf++
		}
		if leaf >= n || (root < next && a[root] < a[leaf]) {
			a[next] += a[root]
			a[root] = uint64(next)
			root++
		} else {
			a[next] += a[leaf]
			leaf++
		}
	}
	a[n-2] = 0
	for next := n - 3; next >= 0; next-- {
		a[next] = a[a[next]] + 1
	}
	// The leaves at each depth: the places below each level's nodes not
	// taken by the nodes of the level below.
	deepest := 0
	for avail, depth, node := 1, 0, n-2; avail > 0; depth++ {
		used := 0
		for node >= 0 && a[node] == uint64(depth) {
			used++
			node--
		}
		count[depth] = avail - used
		deepest = depth
		avail = 2 * used
	}
	// Too long codes shortened as JPEG's encoders do (ITU T.81, K.3):
	// two leaves at the deepest level go up, and a leaf above them down.
	for i := deepest; i > maxBits; i-- {
		for count[i] > 0 {
			j := i - 2
			for count[j] == 0 {
				j--
			}
			count[i] -= 2
			count[i-1]++
			count[j+1] += 2
			count[j]--
		}
	}
	i := 0
	for l := min(maxBits, deepest); l > 0; l-- {
		for range count[l] {
			lengths[leaves[i]&0xffff] = uint8(l)
			i++
		}
	}
}

// sortLeaves sorts leaves, each a frequency above the 16 bits of its
// symbol and in the order of their symbols, by frequency and then
// symbol: sorted by their frequencies alone, a byte at a time by
// counting, which keeps the order of equal ones. slices.Sort took two
// thirds of the time of a screenshot's Huffman codes.
func sortLeaves(leaves, buf []uint64) []uint64 {
	if len(leaves) <= 32 {
		// the code length code's few: inserted one by one in less time
		// than a pass of counting takes to add up its 256 counts
		for i := 1; i < len(leaves); i++ {
			l, j := leaves[i], i
			for ; j > 0 && leaves[j-1] > l; j-- {
				leaves[j] = leaves[j-1]
			}
			leaves[j] = l
		}
		return leaves
	}
	if len(buf) < len(leaves) {
		buf = make([]uint64, len(leaves))
	}
	tmp := buf[:len(leaves)]
	var most uint64
	for _, l := range leaves {
		most |= l >> 16
	}
	for shift := uint(16); most>>(shift-16) != 0; shift += 8 {
		var at [257]int
		for _, l := range leaves {
			at[l>>shift&0xff+1]++
		}
		for i := 1; i < len(at); i++ {
			at[i] += at[i-1]
		}
		for _, l := range leaves {
			d := l >> shift & 0xff
			tmp[at[d]] = l
			at[d]++
		}
		leaves, tmp = tmp, leaves
	}
	return leaves
}

// canonicalCodes gives each symbol its code of the length given (RFC
// 1951, 3.2.2), bits reversed, as they are sent first bit first.
func canonicalCodes(lengths []uint8) []uint16 {
	var count, next [16]int
	for _, l := range lengths {
		count[l]++
	}
	count[0] = 0
	code := 0
	for l := 1; l < 16; l++ {
		code = (code + count[l-1]) << 1
		next[l] = code
	}
	codes := make([]uint16, len(lengths))
	for s, l := range lengths {
		if l > 0 {
			codes[s] = bits.Reverse16(uint16(next[l])) >> (16 - l)
			next[l]++
		}
	}
	return codes
}

// bitWriter sends bits first bit first, as deflate packs them.
type bitWriter struct {
	buf  []byte
	acc  uint64
	nacc uint
}

// bits sends the n low bits of v, at most 32.
func (w *bitWriter) bits(v uint64, n uint) {
	w.acc |= v << w.nacc
	w.nacc += n
	if w.nacc >= 32 {
		w.buf = binary.LittleEndian.AppendUint32(w.buf, uint32(w.acc))
		w.acc >>= 32
		w.nacc -= 32
	}
}

// align32 sends the whole bytes held, leaving fewer than 8 bits.
func (w *bitWriter) align32() {
	for w.nacc >= 8 {
		w.buf = append(w.buf, byte(w.acc))
		w.acc >>= 8
		w.nacc -= 8
	}
}

// align sends the bits held, padded to a whole byte.
func (w *bitWriter) align() {
	for w.nacc > 0 {
		w.buf = append(w.buf, byte(w.acc))
		w.acc >>= 8
		w.nacc = max(w.nacc, 8) - 8
	}
}
