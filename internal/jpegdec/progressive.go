package jpegdec

import "bytes"

// A progressive picture comes in several scans, each of one band of
// frequencies (the DC alone, or a run of AC ones of one component) or one
// more bit of them (ITU-T T.81, Annex G). Every coefficient is kept until
// the last scan; only then are the lowest ones dequantised for the
// scaled decodings.

// readProgressiveScan reads a progressive scan's header: its components,
// in the frame's order, their tables, its band and its bit.
func (d *decoder) readProgressiveScan(b []byte) bool {
	if len(b) < 1 {
		return false
	}
	n := int(b[0])
	if n < 1 || n > len(d.comps) || len(b) != 4+2*n {
		return false
	}
	d.scanComps = d.scanComps[:0]
	last := -1
	for i := range n {
		id, tables := b[1+2*i], b[2+2*i]
		at := -1
		for j, c := range d.comps {
			if c.id == id {
				at = j
			}
		}
		if at <= last {
			return false // unknown, repeated or out of order
		}
		last = at
		c := &d.comps[at]
		c.td, c.ta = tables>>4, tables&0x0f
		if c.td > 3 || c.ta > 3 {
			return false
		}
		d.scanComps = append(d.scanComps, at)
	}
	d.ss, d.se = int(b[1+2*n]), int(b[2+2*n])
	d.ah, d.al = int(b[3+2*n]>>4), int(b[3+2*n]&0x0f)
	if !d.progressive {
		// a baseline or extended scan, which DecodeWhole reads here
		return d.ss == 0 && d.se == 63 && d.ah == 0 && d.al == 0 && d.tablesSet(true)
	}
	switch {
	case d.ss == 0 && d.se != 0, d.ss > d.se, d.se > 63:
		return false
	case d.ss > 0 && n != 1: // AC bands are of one component
		return false
	case d.ah != 0 && d.ah != d.al+1, d.al > 10:
		return false
	}
	return d.tablesSet(d.ss > 0)
}

// tablesSet reports whether the scan's components' tables are there: the
// DC ones of a first DC scan, and the AC ones when ac.
func (d *decoder) tablesSet(ac bool) bool {
	for _, at := range d.scanComps {
		c := d.comps[at]
		if d.ss == 0 && d.ah == 0 && !d.dc[c.td].set || ac && !d.ac[c.ta].set {
			return false
		}
	}
	return true
}

// decodeProgressiveScan decodes one scan into the coefficients kept.
func (d *decoder) decodeProgressiveScan() bool {
	if d.full == nil {
		d.layout()
		d.full = make([][]int16, len(d.comps))
		for i, c := range d.comps {
			d.full[i] = make([]int16, 64*c.across*c.down)
		}
	}
	d.bits, d.nbits, d.pad, d.eobrun = 0, 0, 0, 0
	d.insufficient = false
	for i := range d.comps {
		d.comps[i].pred = 0
	}
	// A scan restarts every d.restart of its MCUs: of a scan of one
	// component, its blocks, whatever the other components' sampling.
	// A run of blocks with no more coefficients ends at a restart, as
	// libjpeg and image/jpeg end it.
	nextRST := 0
	restart := func(n int) bool {
		if d.restart > 0 && n > 0 && n%d.restart == 0 {
			if d.whole {
				d.resync(nextRST)
			} else if !d.restartMarker(nextRST) {
				return false
			}
			nextRST = (nextRST + 1) % 8
			d.eobrun = 0
		}
		return true
	}
	if len(d.scanComps) == 1 {
		// One component: its own blocks, those the picture covers,
		// row by row; the MCU's padding, which may differ from one
		// component to another, is not coded.
		at := d.scanComps[0]
		c := &d.comps[at]
		across := (ceilDiv(d.width*int(c.h), d.hmax) + 7) / 8
		down := (ceilDiv(d.height*int(c.v), d.vmax) + 7) / 8
		for n := range across * down {
			if !restart(n) {
				return false
			}
			bx, by := n%across, n/across
			i := by*c.across + bx
			if d.insufficient {
				d.lose(at, i)
				continue
			}
			ok := d.decodeProgressiveBlock(c, (*[64]int16)(d.full[at][64*i:][:64]))
			if (!ok || d.insufficient) && !d.lose(at, i) {
				return false
			}
		}
		return d.endOfScan()
	}
	for m := range d.mcusAcross * d.mcusDown {
		if !restart(m) {
			return false
		}
		mx, my := m%d.mcusAcross, m/d.mcusAcross
		// Once the bits are lost, the MCUs up to the next restart
		// are; the rest of the MCU in which they were is decoded
		// from the zeros after them, as libjpeg decodes it.
		skip := d.insufficient
		for _, at := range d.scanComps {
			c := &d.comps[at]
			for by := range int(c.v) {
				for bx := range int(c.h) {
					i := (my*int(c.v)+by)*c.across + mx*int(c.h) + bx
					if skip {
						d.lose(at, i)
						continue
					}
					ok := d.decodeProgressiveBlock(c, (*[64]int16)(d.full[at][64*i:][:64]))
					if (!ok || d.insufficient) && !d.lose(at, i) {
						return false
					}
				}
			}
		}
	}
	return d.endOfScan()
}

// endOfScan checks that the scan's data ends where its blocks do. A run
// of blocks without coefficients may go past it: libjpeg drops what is
// left of it, as each scan starts with none (image/jpeg carries it into
// the next scan).
func (d *decoder) endOfScan() bool {
	return d.whole || d.endOfData()
}

// lose notes, for DecodeWhole, that block i of component at was not
// decoded whole: its bits ran into a marker or made no sense, or were
// lost before it. The MCUs after it up to the next restart marker are
// then not decoded (insufficient) and stay as earlier scans left them,
// zeros in a baseline picture; libjpeg keeps what the block had, as is
// done here. false when not decoding whole, where a damaged picture is
// declined.
func (d *decoder) lose(at, i int) bool {
	if !d.whole {
		return false
	}
	d.insufficient = true
	if d.lostBlocks == nil {
		d.lostBlocks = make([][]bool, len(d.comps))
	}
	if d.lostBlocks[at] == nil {
		d.lostBlocks[at] = make([]bool, len(d.full[at])/64)
	}
	if !d.lostBlocks[at][i] {
		d.lostBlocks[at][i] = true
		d.damage.Lost++
	}
	return true
}

// resync finds restart marker RSTn where an interval's bits end, in a
// picture decoded whole, deciding as libjpeg's decoder does (ITU-T T.81
// leaves it to decoders): the bytes before the next marker are passed
// over; RSTn, or a restart marker too far from it to tell, is taken as
// RSTn; one of the two before it is passed over too, its interval
// already decoded; one of the two after it, or another marker, or the
// data's end, is left where it is: the intervals before it were lost,
// and are decoded from no bits, their blocks left.
func (d *decoder) resync(n int) {
	d.bits, d.nbits, d.pad = 0, 0, 0
	for i := range d.comps {
		d.comps[i].pred = 0
	}
	for {
		d.pos = nextMarker(d.data, d.pos)
		if d.pos+1 >= len(d.data) {
			return
		}
		m := int(d.data[d.pos+1])
		rst := (m - 0xd0 + 8 - n) % 8 // how far after RSTn
		if m != 0xd0+n {
			d.damage.Restarts++
		}
		switch {
		case m < 0xc0: // no marker a picture has
			d.pos += 2
		case m < 0xd0 || m > 0xd7, rst == 1, rst == 2:
			return
		case rst == 7, rst == 6:
			d.pos += 2
		default:
			d.pos += 2
			d.insufficient = false
			return
		}
	}
}

// nextMarker is the position of the first marker at or after pos, the
// last 0xff before a byte neither 0 nor 0xff; len(data) when none is.
func nextMarker(data []byte, pos int) int {
	for pos+1 < len(data) {
		i := bytes.IndexByte(data[pos:len(data)-1], 0xff)
		if i < 0 {
			break
		}
		pos += i
		if b := data[pos+1]; b != 0 && b != 0xff {
			return pos
		}
		pos++
	}
	return len(data)
}

func ceilDiv(n, k int) int { return (n + k - 1) / k }

// decodeProgressiveBlock decodes a block's part of the scan.
func (d *decoder) decodeProgressiveBlock(c *component, block *[64]int16) bool {
	var ok bool
	switch {
	case !d.progressive:
		ok = d.dcFirst(c, block) && d.acFirst(c, block, 1)
	case d.ss == 0 && d.ah == 0:
		ok = d.dcFirst(c, block)
	case d.ss == 0:
		block[0] |= int16(d.getBit() << d.al)
		ok = true
	case d.ah == 0:
		ok = d.acFirst(c, block, d.ss)
	default:
		ok = d.acRefine(c, block)
	}
	return ok && d.nbits >= d.pad
}

// getBit reads one bit.
func (d *decoder) getBit() int32 {
	if d.nbits < 1 {
		d.fill()
	}
	v := int32(d.bits >> 63)
	d.bits <<= 1
	d.nbits--
	return v
}

// getBits reads n < 16 bits.
func (d *decoder) getBits(n int) int32 {
	if n == 0 {
		return 0
	}
	if d.nbits < uint(n) {
		d.fill()
	}
	v := int32(d.bits >> (64 - uint(n)))
	d.bits <<= uint(n)
	d.nbits -= uint(n)
	return v
}

// dcFirst reads the DC's high bits: a difference from the last block's.
func (d *decoder) dcFirst(c *component, block *[64]int16) bool {
	if !d.readDC(c) {
		return false
	}
	block[0] = int16(c.pred << d.al)
	return true
}

// acFirst reads the high bits of the band's coefficients, or counts the
// block in a run of blocks with none left.
// from is the band's first (1 in a baseline scan read here).
func (d *decoder) acFirst(c *component, block *[64]int16, from int) bool {
	if d.eobrun > 0 {
		d.eobrun--
		return true
	}
	ac := &d.ac[c.ta]
	for k := from; k <= d.se; k++ {
		r, s, ok := d.acCode(ac)
		if !ok {
			return false
		}
		if s == 0 {
			if r < 15 && !d.progressive {
				return true // the block's end
			}
			if r < 15 {
				// this block and the next 2ʳ − 1 + (r bits) have
				// no more in the band
				d.eobrun = 1<<r - 1 + int(d.getBits(r))
				return true
			}
			k += 15
			continue
		}
		k += r
		if k > d.se || s > 10 {
			return false
		}
		block[k] = int16(d.extend(s) << d.al)
	}
	return true
}

// acCode reads a band's next code: the run of zeros before a
// coefficient, and the coefficient's size in bits.
func (d *decoder) acCode(ac *huffman) (run int, size uint8, ok bool) {
	if d.nbits < 32 {
		d.fill()
	}
	rs, ok := d.decodeHuffman(ac)
	return int(rs >> 4), rs & 0x0f, ok
}

// acRefine reads one more bit of the band's coefficients: a bit for each
// one already not zero, and the position and sign of those that become
// one bit large.
func (d *decoder) acRefine(c *component, block *[64]int16) bool {
	bit := int16(1) << d.al
	k := d.ss
	if d.eobrun == 0 {
		ac := &d.ac[c.ta]
		for ; k <= d.se; k++ {
			r, s, ok := d.acCode(ac)
			if !ok {
				return false
			}
			var value int16
			switch {
			case s == 1:
				value = bit
				if d.getBit() == 0 {
					value = -bit
				}
			case s != 0:
				return false
			case r < 15:
				d.eobrun = 1<<r + int(d.getBits(r))
			}
			if d.eobrun > 0 {
				break
			}
			// Past r coefficients still zero (refining those that are
			// not on the way) to where the new one goes.
			for ; k <= d.se; k++ {
				if block[k] != 0 {
					d.refine(&block[k], bit)
					continue
				}
				if r == 0 {
					break
				}
				r--
			}
			if k > d.se {
				return false // image/jpeg refuses it even for a run of zeros
			}
			if value != 0 {
				block[k] = value
			}
		}
	}
	if d.eobrun > 0 {
		// The rest of the band: only those already not zero.
		for ; k <= d.se; k++ {
			if block[k] != 0 {
				d.refine(&block[k], bit)
			}
		}
		d.eobrun--
	}
	return true
}

// refine adds a correction bit to a coefficient already not zero, away
// from zero.
func (d *decoder) refine(v *int16, bit int16) {
	if d.getBit() == 0 || *v&bit != 0 {
		return
	}
	if *v > 0 {
		*v += bit
	} else {
		*v -= bit
	}
}

// finishProgressive dequantises the lowest frequencies of every block
// once the scans are read; all of them, in natural order, in place, for
// a decoding at full size.
func (d *decoder) finishProgressive() bool {
	for i := range d.comps {
		c := &d.comps[i]
		if !d.quantSet[c.tq] {
			return false
		}
		q := &d.quant[c.tq]
		if d.whole {
			c.coef = d.full[i]
			for n := 0; n < len(c.coef); n += 64 {
				block := (*[64]int16)(c.coef[n : n+64])
				zigzag := *block
				for k, v := range zigzag {
					block[unzig[k]] = int16(clampCoef(int32(v) * q[k]))
				}
			}
			continue
		}
		blocks := c.across * c.down
		c.coef = make([]int16, 16*blocks)
		for n := range blocks {
			full := d.full[i][64*n : 64*n+64]
			keep := c.coef[16*n : 16*n+16]
			for k, v := range full {
				if lowest[k] {
					at := unzig[k]
					keep[4*(at/8)+at%8] = int16(clampCoef(int32(v) * q[k]))
				}
			}
		}
	}
	d.full = nil
	return true
}
