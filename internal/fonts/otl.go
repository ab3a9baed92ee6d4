package fonts

// This file reads the parts of a font's OpenType layout tables the
// typesetter uses: pair kerning (GPOS lookup type 2, formats 1 and 2, also
// behind extension lookups, and the older `kern` table) and the standard
// ligatures (GSUB lookup type 4 under the `liga` feature). Fonts come from
// users and from the machine, so every read is bounds-checked: a damaged
// table gives no kerning or no ligatures, never a panic.

import (
	"errors"
	"sort"
)

// bin reads big-endian numbers from a table. A read out of range returns 0
// and marks the table bad, so parsers check once at the end.
type bin struct {
	b   []byte
	bad bool
	// steps bounds the work a table can ask for: offsets may point many
	// records at the same data, so a small hostile table could otherwise
	// describe billions of pairs.
	steps int
}

func newBin(b []byte) *bin { return &bin{b: b, steps: 16*len(b) + 1<<20} }

// ok counts one step of a loop and reports whether reading may go on.
func (d *bin) ok() bool {
	d.steps--
	if d.steps < 0 {
		d.bad = true
	}
	return !d.bad
}

func (d *bin) u16(off int) int {
	if off < 0 || off+2 > len(d.b) {
		d.bad = true
		return 0
	}
	return int(d.b[off])<<8 | int(d.b[off+1])
}

func (d *bin) i16(off int) int { return int(int16(d.u16(off))) }

func (d *bin) u32(off int) int {
	if off < 0 || off+4 > len(d.b) {
		d.bad = true
		return 0
	}
	return int(d.b[off])<<24 | int(d.b[off+1])<<16 | int(d.b[off+2])<<8 | int(d.b[off+3])
}

func (d *bin) tag(off int) string {
	if off < 0 || off+4 > len(d.b) {
		d.bad = true
		return ""
	}
	return string(d.b[off : off+4])
}

// tables returns the tables of font index in data (a font file or a
// collection), by tag.
func tables(data []byte, index int) (map[string][]byte, error) {
	d := newBin(data)
	base := 0
	if d.tag(0) == "ttcf" {
		n := d.u32(8)
		if index < 0 || index >= n {
			return nil, errors.New("font index out of range")
		}
		base = d.u32(12 + 4*index)
	}
	n := d.u16(base + 4)
	out := make(map[string][]byte, n)
	for i := 0; i < n; i++ {
		rec := base + 12 + 16*i
		tag, off, length := d.tag(rec), d.u32(rec+8), d.u32(rec+12)
		if d.bad {
			return nil, errors.New("table directory is cut short")
		}
		if off+length > len(data) || off+length < off {
			continue // a table outside the file is left out, not trusted
		}
		out[tag] = data[off : off+length]
	}
	return out, nil
}

// coverage maps glyphs to coverage indexes, dense over the font's glyphs.
type coverage []int32

func readCoverage(d *bin, off, numGlyphs int) coverage {
	d.steps -= numGlyphs / 8 // the dense array costs work too
	if !d.ok() {
		return nil
	}
	cov := make(coverage, numGlyphs)
	for i := range cov {
		cov[i] = -1
	}
	switch d.u16(off) {
	case 1:
		n := d.u16(off + 2)
		for i := 0; i < n && d.ok(); i++ {
			if g := d.u16(off + 4 + 2*i); g < numGlyphs {
				cov[g] = int32(i)
			}
		}
	case 2:
		n := d.u16(off + 2)
		for i := 0; i < n && d.ok(); i++ {
			r := off + 4 + 6*i
			start, end, idx := d.u16(r), d.u16(r+2), d.u16(r+4)
			for g := start; g <= end && g < numGlyphs && d.ok(); g++ {
				cov[g] = int32(idx + g - start)
			}
		}
	default:
		d.bad = true
	}
	return cov
}

// coverageIndex looks one glyph up in a coverage table, without building it.
func coverageIndex(d *bin, off, g int) int {
	switch d.u16(off) {
	case 1:
		n := d.u16(off + 2)
		i := sort.Search(n, func(i int) bool { return d.u16(off+4+2*i) >= g })
		if i < n && d.u16(off+4+2*i) == g {
			return i
		}
	case 2:
		n := d.u16(off + 2)
		i := sort.Search(n, func(i int) bool { return d.u16(off+4+6*i+2) >= g })
		if r := off + 4 + 6*i; i < n && d.u16(r) <= g {
			return d.u16(r+4) + g - d.u16(r)
		}
	}
	return -1
}

func (c coverage) index(g int) int {
	if g < 0 || g >= len(c) {
		return -1
	}
	return int(c[g])
}

// readClassDef reads a class definition table into a dense array; glyphs
// it does not name are in class 0.
func readClassDef(d *bin, off, numGlyphs int) []uint16 {
	d.steps -= numGlyphs / 8
	if !d.ok() {
		return nil
	}
	cls := make([]uint16, numGlyphs)
	switch d.u16(off) {
	case 1:
		start, n := d.u16(off+2), d.u16(off+4)
		for i := 0; i < n && d.ok(); i++ {
			if g := start + i; g < numGlyphs {
				cls[g] = uint16(d.u16(off + 6 + 2*i))
			}
		}
	case 2:
		n := d.u16(off + 2)
		for i := 0; i < n && d.ok(); i++ {
			r := off + 4 + 6*i
			start, end, c := d.u16(r), d.u16(r+2), d.u16(r+4)
			for g := start; g <= end && g < numGlyphs && d.ok(); g++ {
				cls[g] = uint16(c)
			}
		}
	default:
		d.bad = true
	}
	return cls
}

// valueRecordSize is the size of a value record of format f, in bytes.
func valueRecordSize(f int) int {
	n := 0
	for f != 0 {
		n += 2 * (f & 1)
		f >>= 1
	}
	return n
}

// xAdvance reads the XAdvance of a value record of format f at off, 0 when
// the format has none.
func xAdvance(d *bin, off, f int) int {
	if f&0x4 == 0 {
		return 0
	}
	// XPlacement and YPlacement come before XAdvance when present.
	if f&0x1 != 0 {
		off += 2
	}
	if f&0x2 != 0 {
		off += 2
	}
	return d.i16(off)
}

// pairTable is one pair-adjustment subtable, in the order the lookup
// lists them: the first subtable that covers the left glyph decides.
type pairTable struct {
	cov coverage
	// format 1: the pairs of the first glyph of coverage index i are
	// second[start[i]:start[i+1]] (sorted) with their values.
	format1 bool
	start   []int32
	second  []uint16
	value   []int16
	// format 2: classes and the class-pair matrix
	class1, class2 []uint16
	n2             int
	matrix         []int16
}

// kerning is a face's pair kerning, in font units.
type kerning struct {
	tables []pairTable
	// legacy is the `kern` table's pairs, used when GPOS has no kerning.
	legacy map[uint32]int16
}

func (k *kerning) empty() bool { return k == nil || (len(k.tables) == 0 && len(k.legacy) == 0) }

// kern is the adjustment after glyph a when glyph b follows it.
func (k *kerning) kern(a, b int) int {
	if len(k.tables) > 0 {
		for i := range k.tables {
			t := &k.tables[i]
			ci := t.cov.index(a)
			if ci < 0 {
				continue
			}
			if t.format1 {
				lo, hi := int(t.start[ci]), int(t.start[ci+1])
				for lo < hi {
					m := int(uint(lo+hi) >> 1)
					if int(t.second[m]) < b {
						lo = m + 1
					} else {
						hi = m
					}
				}
				if lo < int(t.start[ci+1]) && int(t.second[lo]) == b {
					return int(t.value[lo])
				}
				continue // format 1: an uncovered pair falls to the next subtable
			}
			c1, c2 := 0, 0
			if a < len(t.class1) {
				c1 = int(t.class1[a])
			}
			if b >= 0 && b < len(t.class2) {
				c2 = int(t.class2[b])
			}
			if c2 >= t.n2 || c1*t.n2+c2 >= len(t.matrix) {
				return 0
			}
			return int(t.matrix[c1*t.n2+c2])
		}
		return 0
	}
	return int(k.legacy[uint32(a)<<16|uint32(b)])
}

// featureLookups lists the lookup indexes of every feature record tagged
// tag in a GSUB or GPOS table, sorted: lookups apply in lookup-list order.
func featureLookups(d *bin, tag string) []int {
	fl := d.u16(6)
	n := d.u16(fl)
	seen := map[int]bool{}
	var out []int
	for i := 0; i < n && d.ok(); i++ {
		rec := fl + 2 + 6*i
		if d.tag(rec) != tag {
			continue
		}
		f := fl + d.u16(rec+4)
		cnt := d.u16(f + 2)
		for j := 0; j < cnt && d.ok(); j++ {
			if li := d.u16(f + 4 + 2*j); !seen[li] {
				seen[li] = true
				out = append(out, li)
			}
		}
	}
	sort.Ints(out)
	return out
}

// lookupSubtables returns the lookup's type and the offsets of its
// subtables, resolving extension subtables (GPOS type 9, GSUB type 7).
func lookupSubtables(d *bin, li, extType int) (int, []int) {
	ll := d.u16(8)
	if li >= d.u16(ll) {
		return 0, nil
	}
	l := ll + d.u16(ll+2+2*li)
	typ, n := d.u16(l), d.u16(l+4)
	var subs []int
	for i := 0; i < n && d.ok(); i++ {
		s := l + d.u16(l+6+2*i)
		if typ == extType {
			if d.u16(s) != 1 {
				continue
			}
			realType := d.u16(s + 2)
			if len(subs) == 0 {
				typ = realType
			} else if realType != typ {
				continue
			}
			s += d.u32(s + 4)
		}
		subs = append(subs, s)
	}
	if typ == extType {
		typ = 0
	}
	return typ, subs
}

// readGPOSKerning reads the pair adjustments of the `kern` feature.
func readGPOSKerning(gpos []byte, numGlyphs int) ([]pairTable, bool) {
	if len(gpos) == 0 {
		return nil, true
	}
	d := newBin(gpos)
	var out []pairTable
	for _, li := range featureLookups(d, "kern") {
		typ, subs := lookupSubtables(d, li, 9)
		if typ != 2 {
			continue
		}
		for _, s := range subs {
			if t, ok := readPairPos(d, s, numGlyphs); ok {
				out = append(out, t)
			}
		}
	}
	return out, !d.bad
}

func readPairPos(d *bin, s, numGlyphs int) (pairTable, bool) {
	format := d.u16(s)
	cov := readCoverage(d, s+d.u16(s+2), numGlyphs)
	vf1, vf2 := d.u16(s+4), d.u16(s+6)
	sz1, sz2 := valueRecordSize(vf1), valueRecordSize(vf2)
	t := pairTable{cov: cov}
	switch format {
	case 1:
		t.format1 = true
		n := d.u16(s + 8)
		t.start = make([]int32, n+1)
		// Pairs of value 0 are kept: they are exceptions to a later
		// class-based subtable.
		for i := 0; i < n && d.ok(); i++ {
			ps := s + d.u16(s+10+2*i)
			cnt := d.u16(ps)
			rec := 2 + sz1 + sz2
			from := len(t.second)
			for j := 0; j < cnt && d.ok(); j++ {
				r := ps + 2 + rec*j
				t.second = append(t.second, uint16(d.u16(r)))
				t.value = append(t.value, int16(xAdvance(d, r+2, vf1)))
			}
			sortPairs(t.second[from:], t.value[from:])
			t.start[i+1] = int32(len(t.second))
		}
		// a coverage index beyond the pair sets has no pairs
		for g, ci := range cov {
			if int(ci) >= n {
				cov[g] = -1
			}
		}
	case 2:
		t.class1 = readClassDef(d, s+d.u16(s+8), numGlyphs)
		t.class2 = readClassDef(d, s+d.u16(s+10), numGlyphs)
		n1, n2 := d.u16(s+12), d.u16(s+14)
		if n1*n2 > 1<<20 {
			return t, false
		}
		t.n2 = n2
		t.matrix = make([]int16, n1*n2)
		rec := sz1 + sz2
		for i := 0; i < n1 && d.ok(); i++ {
			for j := 0; j < n2 && d.ok(); j++ {
				t.matrix[i*n2+j] = int16(xAdvance(d, s+16+(i*n2+j)*rec, vf1))
			}
		}
	default:
		return t, false
	}
	return t, !d.bad
}

// sortPairs sorts a pair set by second glyph, as the format requires
// and binary search needs; most fonts have them sorted already.
func sortPairs(second []uint16, value []int16) {
	sorted := true
	for i := 1; i < len(second); i++ {
		if second[i] < second[i-1] {
			sorted = false
			break
		}
	}
	if !sorted {
		sort.Sort(pairSet{second, value})
	}
}

type pairSet struct {
	second []uint16
	value  []int16
}

func (p pairSet) Len() int           { return len(p.second) }
func (p pairSet) Less(i, j int) bool { return p.second[i] < p.second[j] }
func (p pairSet) Swap(i, j int) {
	p.second[i], p.second[j] = p.second[j], p.second[i]
	p.value[i], p.value[j] = p.value[j], p.value[i]
}

// readKernTable reads the horizontal pairs of a `kern` table (format 0
// subtables of the Microsoft layout).
func readKernTable(kern []byte) map[uint32]int16 {
	if len(kern) == 0 {
		return nil
	}
	d := newBin(kern)
	if d.u16(0) != 0 {
		return nil // the Apple layout (version 1.0 as a 32-bit number) is not read
	}
	out := map[uint32]int16{}
	off := 4
	for i, n := 0, d.u16(2); i < n && d.ok(); i++ {
		length, coverage := d.u16(off+2), d.u16(off+4)
		// format 0, horizontal, not minimum values, not cross-stream
		if coverage>>8 == 0 && coverage&0x7 == 0x1 {
			np := d.u16(off + 6)
			for j := 0; j < np && d.ok(); j++ {
				r := off + 14 + 6*j
				key := uint32(d.u16(r))<<16 | uint32(d.u16(r+2))
				if _, dup := out[key]; !dup {
					out[key] = int16(d.i16(r + 4))
				}
			}
		}
		if length < 6 {
			break
		}
		off += length
	}
	if d.bad {
		return nil
	}
	return out
}

// readLigatures finds, for each sequence of glyphs in seqs, the glyph the
// `liga` feature replaces it with (0 when none).
func readLigatures(gsub []byte, numGlyphs int, seqs [][]int) []int {
	out := make([]int, len(seqs))
	if len(gsub) == 0 {
		return out
	}
	d := newBin(gsub)
	for _, li := range featureLookups(d, "liga") {
		typ, subs := lookupSubtables(d, li, 7)
		if typ != 4 {
			continue
		}
		for k, seq := range seqs {
			if out[k] != 0 || len(seq) < 2 {
				continue
			}
			for _, s := range subs {
				if g := ligatureOf(d, s, numGlyphs, seq); g > 0 {
					out[k] = g
					break
				}
			}
		}
	}
	if d.bad {
		return make([]int, len(seqs))
	}
	return out
}

// ligatureOf looks seq up in one LigatureSubst subtable.
func ligatureOf(d *bin, s, numGlyphs int, seq []int) int {
	if d.u16(s) != 1 {
		return 0
	}
	ci := coverageIndex(d, s+d.u16(s+2), seq[0])
	if ci < 0 || ci >= d.u16(s+4) {
		return 0
	}
	set := s + d.u16(s+6+2*ci)
	for i, n := 0, d.u16(set); i < n && d.ok(); i++ {
		lig := set + d.u16(set+2+2*i)
		glyph, comps := d.u16(lig), d.u16(lig+2)
		if comps != len(seq) {
			continue
		}
		match := true
		for j := 1; j < comps; j++ {
			if d.u16(lig+4+2*(j-1)) != seq[j] {
				match = false
				break
			}
		}
		if match && glyph < numGlyphs {
			return glyph
		}
	}
	return 0
}

// ligatureIn is the glyph the ligature substitutions of the GSUB feature
// tag make of the glyph sequence seq, or 0.
func ligatureIn(gsub []byte, tag string, seq []int, numGlyphs int) int {
	if len(gsub) == 0 || len(seq) < 2 {
		return 0
	}
	d := newBin(gsub)
	for _, li := range featureLookups(d, tag) {
		typ, subs := lookupSubtables(d, li, 7)
		if typ != 4 {
			continue
		}
		for _, s := range subs {
			if g := ligatureOf(d, s, numGlyphs, seq); g > 0 && !d.bad {
				return g
			}
		}
	}
	return 0
}
