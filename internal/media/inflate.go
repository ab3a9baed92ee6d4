package media

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
)

// inflater decompresses deflate data (RFC 1951) held whole in memory,
// for the PNG row reader: its output is compress/flate's, byte for byte,
// and it fails where compress/flate fails (a truncated stream with
// io.ErrUnexpectedEOF, damaged data with a corrupt-input error).
//
// compress/flate reads its input a byte at a time through an
// io.ByteReader and looks codes up nine bits at a time; this reads the
// input eight bytes at a time into a 64-bit buffer (the input is in
// memory), looks up a literal, or a length with its extra bits, in one
// entry of an 11-bit table (subtables for longer codes), decodes up to
// three literals a refill, and copies a match eight bytes at a time (32
// a turn for the matches of a screenshot's rows, a few dozen bytes from
// a row back, which copy's call and its cases cost more than). It
// decodes into its own window, which keeps the last 32 KiB as history,
// and Read copies out of it, or next gives a row where it lies: a
// picture is read a row at a time without its pixel data ever being
// whole in memory.
type inflater struct {
	in    []byte
	pos   int    // the next byte of in to load into bits; past len(in), zeros were loaded
	bits  uint64 // loaded bits, the next one lowest
	nbits uint

	buf     []byte // history, then output not yet read
	r, w    int    // read and write positions in buf
	written int64  // bytes decoded before buf[0]

	state  int // inflateHeader, inflateStored, inflateHuffman or inflateDone
	final  bool
	stored int // bytes left of a stored block
	// the bits compress/flate wants at hand before it decodes a
	// literal or length: the shortest code's length, or the end's if
	// longer. With fewer left, a stream is truncated, whatever symbol
	// they would be.
	litMin uint
	err    error

	lit  [litTableSize]uint32
	dist [distTableSize]uint32
	lens [maxLitLen + maxDistLen]uint8
}

const (
	inflateHeader = iota
	inflateStored
	inflateHuffman
	inflateDone
)

const (
	inflateWindow = 1 << 15
	inflateBuf    = inflateWindow + 1<<17
	// a match begun before inflateLimit fits, with the 32 bytes a
	// copy by words may write past it
	inflateLimit = inflateBuf - 258 - 32

	litBits  = 11
	distBits = 8
	// the largest tables of subtables that the codes' lengths allow
	// (zlib's enough program's figures for these bits: 852 and 402,
	// rounded up)
	litTableSize  = 1<<litBits + 1<<11
	distTableSize = 1<<distBits + 1<<10

	maxLitLen  = 286
	maxDistLen = 30
)

// Table entries: the code's length in bits 0-7; the extra bits of a
// length or distance (or a subtable's bits) in 8-11; the kind in 12-15;
// the value (literal, base, or subtable's index) in 16-31. An entry of no kind
// is no code.
const (
	entryLiteral = 1 << 12
	entryLength  = 2 << 12
	entryEnd     = 4 << 12
	entrySub     = 8 << 12
)

var inflLengthBase = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
var inflLengthExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
var inflDistBase = [30]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
var inflDistExtra = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}

// inflCodeOrder is the order of the code-length code's lengths.
var inflCodeOrder = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

func litEntry(sym int) uint32 {
	switch {
	case sym < 256:
		return entryLiteral | uint32(sym)<<16
	case sym == 256:
		return entryEnd
	case sym < 286:
		i := sym - 257
		return entryLength | uint32(inflLengthExtra[i])<<8 | uint32(inflLengthBase[i])<<16
	}
	return 0 // 286 and 287: no length
}

func distEntry(sym int) uint32 {
	if sym >= 30 {
		return 0
	}
	return entryLength | uint32(inflDistExtra[sym])<<8 | uint32(inflDistBase[sym])<<16
}

func codeLenEntry(sym int) uint32 { return entryLiteral | uint32(sym)<<16 }

// newInflater reads the deflate data in.
func newInflater(in []byte) *inflater {
	return &inflater{in: in, buf: make([]byte, inflateBuf)}
}

// newInflaterOn is newInflater writing into buf, inflateBuf bytes of
// another stream's, cleared first so that a damaged stream reaching back
// before its start reads what it would from a new one.
func newInflaterOn(in, buf []byte) *inflater {
	clear(buf)
	return &inflater{in: in, buf: buf}
}

func (f *inflater) corrupt() error {
	at := f.pos - int(f.nbits/8)
	return fmt.Errorf("flate: corrupt input before offset %d", min(at, len(f.in)))
}

// Read gives the next decoded bytes; io.EOF after the final block.
func (f *inflater) Read(p []byte) (int, error) {
	for {
		if f.r < f.w {
			n := copy(p, f.buf[f.r:f.w])
			f.r += n
			return n, nil
		}
		if f.err != nil {
			return 0, f.err
		}
		if len(p) == 0 {
			return 0, nil
		}
		if f.w > inflateWindow {
			// keep the last 32 KiB as history
			copy(f.buf, f.buf[f.w-inflateWindow:f.w])
			f.written += int64(f.w - inflateWindow)
			f.w, f.r = inflateWindow, inflateWindow
		}
		f.fill()
	}
}

// inflateRowMax is the longest row that next gives in the buffer: with
// the 32 KiB of history kept before it, it leaves room to decode.
const inflateRowMax = 1 << 16

// next gives the next n decoded bytes, n at most inflateRowMax, in the
// inflater's buffer, where they stay until the next call to next or
// Read: a PNG's row is unfiltered from there into its own, not copied
// out first. The error is the one Read would give reading them: io.EOF
// past the end, io.ErrUnexpectedEOF where fewer than n are left.
func (f *inflater) next(n int) ([]byte, error) {
	for f.w-f.r < n {
		if f.err != nil {
			if f.r == f.w || f.err != io.EOF {
				return nil, f.err
			}
			return nil, io.ErrUnexpectedEOF
		}
		if f.w > inflateWindow {
			// keep the last 32 KiB as history, and what is not read
			keep := min(f.r, f.w-inflateWindow)
			copy(f.buf, f.buf[keep:f.w])
			f.written += int64(keep)
			f.w -= keep
			f.r -= keep
		}
		f.fill()
	}
	p := f.buf[f.r : f.r+n : f.r+n]
	f.r += n
	return p, nil
}

// refill loads bits until at least 56 are, zeros past the input's end.
func (f *inflater) refill() {
	if f.pos+8 <= len(f.in) {
		f.bits |= binary.LittleEndian.Uint64(f.in[f.pos:]) << f.nbits
		f.pos += int(63-f.nbits) >> 3
		f.nbits |= 56
		return
	}
	for f.nbits <= 56 {
		if f.pos < len(f.in) {
			f.bits |= uint64(f.in[f.pos]) << f.nbits
		}
		f.pos++
		f.nbits += 8
	}
}

// overrun says whether bits past the input's end were used.
func (f *inflater) overrun() bool {
	return f.pos > len(f.in) && 8*(f.pos-len(f.in)) > int(f.nbits)
}

// fill decodes until the buffer is nearly full, the data ends or fails.
func (f *inflater) fill() {
	for f.w < inflateLimit && f.err == nil {
		switch f.state {
		case inflateDone:
			f.err = io.EOF
		case inflateHeader:
			f.header()
		case inflateStored:
			f.copyStored()
		case inflateHuffman:
			f.huffman()
		}
	}
}

func (f *inflater) fail(err error) {
	f.err = err
	f.state = inflateDone
}

// header reads a block's header and, for a Huffman block, its codes.
func (f *inflater) header() {
	if f.final {
		f.state = inflateDone
		return
	}
	f.refill()
	h := f.bits & 7
	f.bits >>= 3
	f.nbits -= 3
	if f.overrun() {
		f.fail(io.ErrUnexpectedEOF)
		return
	}
	f.final = h&1 != 0
	switch h >> 1 {
	case 0:
		// stored: the rest of this byte skipped, then the bytes
		// loaded given back
		f.bits >>= f.nbits % 8
		f.nbits -= f.nbits % 8
		f.pos -= int(f.nbits / 8)
		f.bits, f.nbits = 0, 0
		if f.pos+4 > len(f.in) {
			f.pos = len(f.in)
			f.fail(io.ErrUnexpectedEOF)
			return
		}
		n := binary.LittleEndian.Uint16(f.in[f.pos:])
		nn := binary.LittleEndian.Uint16(f.in[f.pos+2:])
		f.pos += 4
		if n != ^nn {
			f.fail(f.corrupt())
			return
		}
		f.stored = int(n)
		f.state = inflateStored
	case 1:
		for i := range 144 {
			f.lens[i] = 8
		}
		for i := 144; i < 256; i++ {
			f.lens[i] = 9
		}
		for i := 256; i < 280; i++ {
			f.lens[i] = 7
		}
		for i := 280; i < 288-2; i++ {
			f.lens[i] = 8
		}
		// 286 and 287 have codes, of no length
		var lit [288]uint8
		copy(lit[:], f.lens[:286])
		lit[286], lit[287] = 8, 8
		var dist [32]uint8
		for i := range dist {
			dist[i] = 5
		}
		buildTable(f.lit[:], lit[:], litBits, litEntry)
		f.litMin = 7
		buildTable(f.dist[:], dist[:], distBits, distEntry)
		f.state = inflateHuffman
	case 2:
		if err := f.dynamic(); err != nil {
			f.fail(err)
			return
		}
		f.state = inflateHuffman
	default:
		f.fail(f.corrupt())
	}
}

// dynamic reads a dynamic block's code lengths and builds its tables.
func (f *inflater) dynamic() error {
	f.refill()
	nlit := int(f.bits&0x1f) + 257
	ndist := int(f.bits>>5&0x1f) + 1
	nclen := int(f.bits>>10&0xf) + 4
	f.bits >>= 14
	f.nbits -= 14
	if f.overrun() {
		return io.ErrUnexpectedEOF
	}
	if nlit > maxLitLen || ndist > maxDistLen {
		return f.corrupt()
	}
	var clens [19]uint8
	for i := range nclen {
		if f.nbits < 3 {
			f.refill()
		}
		clens[inflCodeOrder[i]] = uint8(f.bits & 7)
		f.bits >>= 3
		f.nbits -= 3
	}
	if f.overrun() {
		return io.ErrUnexpectedEOF
	}
	var ctable [1 << 7]uint32
	if !buildTable(ctable[:], clens[:], 7, codeLenEntry) {
		return f.corrupt()
	}
	lens := f.lens[:nlit+ndist]
	for i := 0; i < len(lens); {
		f.refill()
		e := ctable[f.bits&(1<<7-1)]
		if e == 0 {
			if f.overrun() {
				return io.ErrUnexpectedEOF
			}
			return f.corrupt()
		}
		n := uint(e & 0xff)
		f.bits >>= n
		f.nbits -= n
		sym := e >> 16
		if sym < 16 {
			if f.overrun() {
				return io.ErrUnexpectedEOF
			}
			lens[i] = uint8(sym)
			i++
			continue
		}
		var rep int
		var v uint8
		switch sym {
		case 16:
			if i == 0 {
				if f.overrun() {
					return io.ErrUnexpectedEOF
				}
				return f.corrupt()
			}
			rep = 3 + int(f.bits&3)
			f.bits >>= 2
			f.nbits -= 2
			v = lens[i-1]
		case 17:
			rep = 3 + int(f.bits&7)
			f.bits >>= 3
			f.nbits -= 3
		default:
			rep = 11 + int(f.bits&0x7f)
			f.bits >>= 7
			f.nbits -= 7
		}
		if f.overrun() {
			return io.ErrUnexpectedEOF
		}
		if i+rep > len(lens) {
			return f.corrupt()
		}
		for range rep {
			lens[i] = v
			i++
		}
	}
	if !buildTable(f.lit[:], lens[:nlit], litBits, litEntry) ||
		!buildTable(f.dist[:], lens[nlit:], distBits, distEntry) {
		return f.corrupt()
	}
	shortest := uint8(0) // none, for a code of no lengths
	for _, n := range lens[:nlit] {
		if n != 0 && (shortest == 0 || n < shortest) {
			shortest = n
		}
	}
	f.litMin = uint(max(shortest, lens[256]))
	return nil
}

// buildTable fills table with the canonical Huffman code of lengths,
// primary bits in the first 1<<primary entries, subtables after; ok is
// false for a code compress/flate refuses: one oversubscribed, or
// incomplete but for a single code of one bit (zlib accepts it). A code
// of no lengths is accepted, and fails where it is used.
func buildTable(table []uint32, lengths []uint8, primary uint, entry func(int) uint32) bool {
	var count [16]int
	maxLen := 0
	for _, n := range lengths {
		count[n]++
		maxLen = max(maxLen, int(n))
	}
	count[0] = 0
	clear(table[:1<<primary])
	if maxLen == 0 {
		return true
	}
	code := 0
	var next [16]int
	for n := 1; n <= 15; n++ {
		code = (code + count[n-1]) << 1
		next[n] = code
	}
	total := 0
	for n := 1; n <= maxLen; n++ {
		total += count[n] << (maxLen - n)
	}
	if total != 1<<maxLen && !(total == 1<<(maxLen-1) && maxLen == 1 && count[1] == 1) {
		return false
	}
	// symbols in canonical order: by length, then value
	var start [17]int
	for n := 1; n <= 15; n++ {
		start[n+1] = start[n] + count[n]
	}
	var sorted [maxLitLen + 2]uint16
	for s, n := range lengths {
		if n != 0 {
			sorted[start[n]] = uint16(s)
			start[n]++
		}
	}
	end := 1 << primary
	mask := 1<<primary - 1
	codes := start[16]
	rem := count // codes of each length not yet placed
	prefix, subStart, subBits := -1, 0, uint(0)
	for i := 0; i < codes; i++ {
		s := int(sorted[i])
		n := int(lengths[s])
		c := next[n]
		next[n]++
		rev := int(bits.Reverse16(uint16(c)) >> (16 - n))
		// a symbol that is no literal, length or distance (286,
		// 287, distances 30, 31) keeps its length, with no kind: it
		// fails once its bits are known to be there, as in
		// compress/flate
		e := entry(s) | uint32(n)
		if uint(n) <= primary {
			for k := rev; k < 1<<primary; k += 1 << n {
				table[k] = e
			}
			rem[n]--
			continue
		}
		p := rev & mask
		if p != prefix {
			// a new subtable, as wide as the codes of this prefix
			// (the next ones, in canonical order) need
			prefix = p
			subBits = uint(n) - primary
			used := rem[n]
			for used < 1<<subBits {
				subBits++
				used = used<<1 + rem[primary+subBits]
			}
			subStart = end
			end += 1 << subBits
			if end > len(table) {
				return false
			}
			clear(table[subStart:end])
			table[p] = entrySub | uint32(subBits)<<8 | uint32(subStart)<<16
		}
		rem[n]--
		r := rev >> primary
		rn := n - int(primary)
		for k := r; k < 1<<subBits; k += 1 << rn {
			table[subStart+k] = e&^0xff | uint32(rn)
		}
	}
	return true
}

// copyStored copies a stored block's bytes.
func (f *inflater) copyStored() {
	n := min(f.stored, len(f.buf)-f.w)
	short := n > len(f.in)-f.pos
	n = min(n, len(f.in)-f.pos)
	copy(f.buf[f.w:], f.in[f.pos:f.pos+n])
	f.w += n
	f.pos += n
	f.stored -= n
	switch {
	case short:
		f.fail(io.ErrUnexpectedEOF)
	case f.stored == 0:
		f.state = inflateHeader
	}
}

// huffman decodes a Huffman block's symbols until its end, the buffer's
// limit, or an error. A refill loads at least 56 bits: enough for a
// length, its extra bits, a distance and its extra bits (48 at most),
// or for three literals of the primary table. Where the refill loaded
// zeros past the input's end, whether a symbol used them is checked
// before it is written.
func (f *inflater) huffman() {
	const litMask = 1<<litBits - 1
	const distMask = 1<<distBits - 1
	b, nb, pos := f.bits, f.nbits, f.pos
	in := f.in
	buf := f.buf[:inflateBuf]
	w := f.w
	lit, dist := &f.lit, &f.dist
	history := f.written
	var err error
	for w < inflateLimit {
		if pos+8 <= len(in) {
			b |= binary.LittleEndian.Uint64(in[pos:]) << nb
			pos += int(63-nb) >> 3
			nb |= 56
		} else {
			for nb <= 56 {
				if pos < len(in) {
					b |= uint64(in[pos]) << nb
				}
				pos++
				nb += 8
			}
			if int(nb)-8*(pos-len(in)) < int(f.litMin) {
				err = io.ErrUnexpectedEOF
				break
			}
		}
		e := lit[b&litMask]
		if e&entrySub != 0 {
			b >>= litBits
			nb -= litBits
			e = lit[e>>16+uint32(b)&(1<<(e>>8&15)-1)]
		}
		n := uint(e & 63)
		b >>= n
		nb -= n
		if pos > len(in) && 8*(pos-len(in)) > int(nb) {
			err = io.ErrUnexpectedEOF
			break
		}
		if e&entryLiteral != 0 {
			buf[w] = byte(e >> 16)
			w++
			if pos > len(in) {
				continue
			}
			e = lit[b&litMask]
			if e&entryLiteral == 0 {
				continue
			}
			b >>= e & 63
			nb -= uint(e & 63)
			buf[w] = byte(e >> 16)
			w++
			e = lit[b&litMask]
			if e&entryLiteral == 0 {
				continue
			}
			b >>= e & 63
			nb -= uint(e & 63)
			buf[w] = byte(e >> 16)
			w++
			continue
		}
		if e&entryLength == 0 {
			if e&entryEnd != 0 {
				f.state = inflateHeader
			} else {
				err = errCorrupt
			}
			break
		}
		extra := uint(e >> 8 & 15)
		length := int(e>>16) + int(b&(1<<extra-1))
		b >>= extra
		nb -= extra
		if pos > len(in) && 8*(pos-len(in)) > int(nb) {
			err = io.ErrUnexpectedEOF
			break
		}
		d := dist[b&distMask]
		if d&entrySub != 0 {
			b >>= distBits
			nb -= distBits
			d = dist[d>>16+uint32(b)&(1<<(d>>8&15)-1)]
		}
		n = uint(d & 63)
		b >>= n
		nb -= n
		extra = uint(d >> 8 & 15)
		distance := int(d>>16) + int(b&(1<<extra-1))
		b >>= extra
		nb -= extra
		if pos > len(in) && 8*(pos-len(in)) > int(nb) {
			err = io.ErrUnexpectedEOF
			break
		}
		if d&entryLength == 0 || int64(distance) > history+int64(w) {
			err = errCorrupt
			break
		}
		src := w - distance
		switch {
		case distance >= 32 && length <= 96:
			// a match a screenshot's stream is made of: 54 to 67
			// bytes on average, from a row or more back
			for i := 0; i < length; i += 32 {
				d, s := buf[w+i:w+i+32], buf[src+i:src+i+32]
				v0, v1 := binary.LittleEndian.Uint64(s), binary.LittleEndian.Uint64(s[8:])
				v2, v3 := binary.LittleEndian.Uint64(s[16:]), binary.LittleEndian.Uint64(s[24:])
				binary.LittleEndian.PutUint64(d, v0)
				binary.LittleEndian.PutUint64(d[8:], v1)
				binary.LittleEndian.PutUint64(d[16:], v2)
				binary.LittleEndian.PutUint64(d[24:], v3)
			}
		case distance >= length && length > 16:
			copy(buf[w:w+length], buf[src:src+length])
		case distance >= 16:
			for i := 0; i < length; i += 16 {
				d, s := buf[w+i:w+i+16], buf[src+i:src+i+16]
				v0, v1 := binary.LittleEndian.Uint64(s), binary.LittleEndian.Uint64(s[8:])
				binary.LittleEndian.PutUint64(d, v0)
				binary.LittleEndian.PutUint64(d[8:], v1)
			}
		case distance >= 8:
			for i := 0; i < length; i += 8 {
				binary.LittleEndian.PutUint64(buf[w+i:], binary.LittleEndian.Uint64(buf[src+i:]))
			}
		case distance == 1:
			v := uint64(buf[src]) * 0x0101010101010101
			for i := 0; i < length; i += 32 {
				d := buf[w+i : w+i+32]
				binary.LittleEndian.PutUint64(d, v)
				binary.LittleEndian.PutUint64(d[8:], v)
				binary.LittleEndian.PutUint64(d[16:], v)
				binary.LittleEndian.PutUint64(d[24:], v)
			}
		default:
			for i := range length {
				buf[w+i] = buf[src+i]
			}
		}
		w += length
	}
	f.bits, f.nbits, f.pos, f.w = b, nb, pos, w
	switch err {
	case nil:
	case errCorrupt:
		f.fail(f.corrupt())
	default:
		f.fail(err)
	}
}

var errCorrupt = errors.New("corrupt")
