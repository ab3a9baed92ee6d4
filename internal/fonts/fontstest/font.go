// Package fontstest makes small TrueType fonts for tests: each character
// a box of its own width, so tests of fallback fonts, embedding and
// characters beyond U+FFFF need no font of the machine. It writes the
// files by itself, so the code under test never checks its own output.
package fontstest

import (
	"encoding/binary"
	"sort"
	"unicode/utf16"
)

// Font describes a test font.
type Font struct {
	// Name is the family name; the PostScript name is Name without spaces.
	Name string
	// Bold and Italic set the OS/2 weight and the italic angle.
	Bold, Italic bool
	// Advances are the characters the font has, with their advance
	// widths in thousandths of an em.
	Advances map[rune]int
}

// Bytes writes the font: units of 1000 to the em, ascent 800, descent
// 200, each glyph a box from the baseline to 700 units high, inset by 50
// units on each side; cmap formats 4 (the BMP) and 12 (every character).
func (f Font) Bytes() []byte {
	runes := make([]rune, 0, len(f.Advances))
	for r := range f.Advances {
		runes = append(runes, r)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	n := len(runes) + 1
	u16 := binary.BigEndian.AppendUint16
	u32 := binary.BigEndian.AppendUint32

	var glyf, hmtx []byte
	loca := u32(u32(nil, 0), 0)   // .notdef: empty
	hmtx = u16(u16(hmtx, 500), 0) // .notdef: no outline
	maxAdv := 500
	for _, r := range runes {
		adv := f.Advances[r]
		maxAdv = max(maxAdv, adv)
		x0, x1 := 50, max(adv-50, 60)
		g := u16(nil, 1) // one contour
		for _, v := range []int{x0, 0, x1, 700} {
			g = u16(g, uint16(int16(v)))
		}
		g = u16(g, 3) // end point of the contour
		g = u16(g, 0) // no instructions
		g = append(g, 1, 1, 1, 1)
		// x: x0, then +w, 0, -w; y: 0, 0, +700, 0
		for _, dx := range []int{x0, x1 - x0, 0, x0 - x1} {
			g = u16(g, uint16(int16(dx)))
		}
		for _, dy := range []int{0, 0, 700, 0} {
			g = u16(g, uint16(int16(dy)))
		}
		// the flags said neither short nor same: two bytes each
		glyf = append(glyf, g...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		loca = u32(loca, uint32(len(glyf)))
		hmtx = u16(u16(hmtx, uint16(adv)), uint16(int16(x0)))
	}

	head := u32(nil, 0x00010000)
	head = u32(head, 0x00010000) // revision
	head = u32(head, 0)          // checksum adjustment
	head = u32(head, 0x5F0F3CF5)
	head = u16(head, 0x000B)
	head = u16(head, 1000)
	head = append(head, make([]byte, 16)...) // dates
	for _, v := range []int{0, 0, maxAdv, 700} {
		head = u16(head, uint16(int16(v)))
	}
	style := 0
	if f.Bold {
		style |= 1
	}
	if f.Italic {
		style |= 2
	}
	head = u16(head, uint16(style))
	head = u16(head, 8)
	head = u16(head, 2)
	head = u16(head, 1) // long loca
	head = u16(head, 0)

	hhea := u32(nil, 0x00010000)
	for _, v := range []int{800, -200, 0, maxAdv, 0, 0, maxAdv, 1, 0, 0, 0, 0, 0, 0, 0, n} {
		hhea = u16(hhea, uint16(int16(v)))
	}

	maxp := u32(nil, 0x00010000)
	maxp = u16(maxp, uint16(n))
	maxp = u16(maxp, 4)
	maxp = u16(maxp, 1)
	maxp = append(maxp, make([]byte, 22)...)
	binary.BigEndian.PutUint16(maxp[14:], 2)

	weight := 400
	if f.Bold {
		weight = 700
	}
	os2 := u16(nil, 4)
	os2 = u16(os2, 500)
	os2 = u16(os2, uint16(weight))
	os2 = u16(os2, 5) // width
	os2 = u16(os2, 0) // fsType: installable
	os2 = append(os2, make([]byte, 52)...)
	os2 = u16(os2, uint16(weight)) // fsSelection (bits don't matter here)
	os2 = u16(os2, 0x20)           // first char
	os2 = u16(os2, 0xFFFF)         // last char
	for _, v := range []int{800, -200, 0, 800, 200} {
		os2 = u16(os2, uint16(int16(v)))
	}
	os2 = append(os2, make([]byte, 8)...)         // code page ranges
	for _, v := range []int{500, 700, 0, 32, 0} { // x height, cap height, default, break, context
		os2 = u16(os2, uint16(int16(v)))
	}

	post := u32(nil, 0x00030000)
	angle := 0
	if f.Italic {
		angle = -12
	}
	post = u32(post, uint32(int32(angle<<16)))
	post = u16(u16(post, uint16(0xFF9C)), 50) // underline -100, 50
	post = append(post, make([]byte, 20)...)

	tables := map[string][]byte{
		"head": head, "hhea": hhea, "maxp": maxp, "OS/2": os2, "hmtx": hmtx,
		"loca": loca, "glyf": glyf, "cmap": cmap(runes), "post": post, "name": name(f),
	}
	return assemble(tables)
}

// cmap writes a format 4 subtable for the BMP and a format 12 subtable for
// every character, glyph i+1 being runes[i].
func cmap(runes []rune) []byte {
	u16 := binary.BigEndian.AppendUint16
	u32 := binary.BigEndian.AppendUint32
	var bmp []rune
	for _, r := range runes {
		if r < 0xFFFF {
			bmp = append(bmp, r)
		}
	}
	segs := len(bmp) + 1
	f4 := u16(nil, 4)
	f4 = u16(f4, uint16(16+8*segs))
	f4 = u16(f4, 0)
	f4 = u16(f4, uint16(2*segs))
	pow, sel := 1, 0
	for pow*2 <= segs {
		pow *= 2
		sel++
	}
	f4 = u16(u16(u16(f4, uint16(2*pow)), uint16(sel)), uint16(2*segs-2*pow))
	for _, r := range bmp {
		f4 = u16(f4, uint16(r))
	}
	f4 = u16(u16(f4, 0xFFFF), 0)
	for _, r := range bmp {
		f4 = u16(f4, uint16(r))
	}
	f4 = u16(f4, 0xFFFF)
	for _, r := range bmp {
		// glyph index of r, as a delta
		gid := sort.Search(len(runes), func(i int) bool { return runes[i] >= r }) + 1
		f4 = u16(f4, uint16(gid-int(r)))
	}
	f4 = u16(f4, 1)
	for i := 0; i < segs; i++ {
		f4 = u16(f4, 0)
	}

	f12 := u16(u16(nil, 12), 0)
	f12 = u32(f12, uint32(16+12*len(runes)))
	f12 = u32(f12, 0)
	f12 = u32(f12, uint32(len(runes)))
	for i, r := range runes {
		f12 = u32(u32(u32(f12, uint32(r)), uint32(r)), uint32(i+1))
	}

	t := u16(u16(nil, 0), 2)
	t = u16(u16(t, 3), 1)
	t = u32(t, 4+2*8)
	t = u16(u16(t, 3), 10)
	t = u32(t, uint32(4+2*8+len(f4)))
	return append(append(t, f4...), f12...)
}

func name(f Font) []byte {
	u16 := binary.BigEndian.AppendUint16
	sub := "Regular"
	switch {
	case f.Bold && f.Italic:
		sub = "Bold Italic"
	case f.Bold:
		sub = "Bold"
	case f.Italic:
		sub = "Italic"
	}
	ps := ""
	for _, r := range f.Name + "-" + sub {
		if r != ' ' {
			ps += string(r)
		}
	}
	strs := map[int]string{1: f.Name, 2: sub, 4: f.Name + " " + sub, 6: ps}
	ids := []int{1, 2, 4, 6}
	t := u16(u16(u16(nil, 0), uint16(len(ids))), uint16(6+12*len(ids)))
	var data []byte
	for _, id := range ids {
		var s []byte
		for _, u := range utf16.Encode([]rune(strs[id])) {
			s = u16(s, u)
		}
		for _, v := range []int{3, 1, 0x409, id, len(s), len(data)} {
			t = u16(t, uint16(v))
		}
		data = append(data, s...)
	}
	return append(t, data...)
}

func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	u16 := binary.BigEndian.AppendUint16
	u32 := binary.BigEndian.AppendUint32
	out := u32(nil, 0x00010000)
	out = u16(out, uint16(len(tags)))
	out = append(out, make([]byte, 6)...) // search fields: unused by readers
	off := 12 + 16*len(tags)
	for _, t := range tags {
		out = append(out, t...)
		out = u32(out, 0) // checksum: not checked by readers
		out = u32(out, uint32(off))
		out = u32(out, uint32(len(tables[t])))
		off += (len(tables[t]) + 3) &^ 3
	}
	for _, t := range tags {
		out = append(out, tables[t]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}
