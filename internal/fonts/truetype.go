package fonts

// This file writes small TrueType fonts: the glyphs a book draws with one
// face, taken from any font the typesetter can read (TrueType or
// PostScript outlines, single fonts or collections), with a cmap that
// reaches each of them through a code in the Basic Multilingual Plane.
// The PDF library embeds only TrueType programs whose glyphs a BMP cmap
// reaches, so this is how faces it cannot take as they are (PostScript
// outlines, collections, characters beyond U+FFFF, ligatures without a
// code point of their own) still print.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"
	"unicode/utf16"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// point is a TrueType outline point in font units.
type point struct {
	x, y    int
	onCurve bool
}

// writeTrueType writes a TrueType font holding glyphs of l, glyph i+1 of
// the result being glyphs[i] (glyph 0 is an empty .notdef), and a cmap
// from each code of codes to its glyph (an index into glyphs).
func (l *loaded) writeTrueType(glyphs []sfnt.GlyphIndex, codes map[uint16]int) ([]byte, error) {
	if len(glyphs)+1 > 0xFFFF {
		return nil, errors.New("too many glyphs for one font")
	}
	tabs, err := tables(l.data, l.index)
	if err != nil {
		return nil, err
	}
	for _, t := range []string{"head", "hhea"} {
		if len(tabs[t]) < 36 {
			return nil, fmt.Errorf("font has no usable %s table", t)
		}
	}
	upm := fixed.I(int(l.unitsPerEm))
	var (
		glyf, hmtx, loca []byte
		maxPoints        int
		maxContours      int
		bbox             = [4]int{math.MaxInt32, math.MaxInt32, math.MinInt32, math.MinInt32}
		advMax           int
	)
	loca = binary.BigEndian.AppendUint32(loca, 0) // .notdef starts…
	loca = binary.BigEndian.AppendUint32(loca, 0) // …and ends at 0
	hmtx = append(hmtx, 0, 0, 0, 0)               // .notdef: no advance, no outline
	var buf sfnt.Buffer
	for _, g := range glyphs {
		segs, err := l.font.LoadGlyph(&buf, g, upm, nil)
		if err != nil {
			return nil, fmt.Errorf("glyph %d: %w", g, err)
		}
		contours := outlineContours(segs)
		rec, box, points := encodeGlyph(contours)
		glyf = append(glyf, rec...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		adv, err := l.font.GlyphAdvance(&buf, g, upm, 0)
		if err != nil {
			return nil, fmt.Errorf("glyph %d: %w", g, err)
		}
		a := adv.Round()
		advMax = max(advMax, a)
		lsb := 0
		if len(contours) > 0 {
			lsb = box[0]
			bbox = [4]int{min(bbox[0], box[0]), min(bbox[1], box[1]), max(bbox[2], box[2]), max(bbox[3], box[3])}
		}
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(a))
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(int16(lsb)))
		maxPoints = max(maxPoints, points)
		maxContours = max(maxContours, len(contours))
	}
	if bbox[0] > bbox[2] {
		bbox = [4]int{}
	}
	n := len(glyphs) + 1

	head := append([]byte(nil), tabs["head"][:54]...)
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	for i, v := range bbox {
		binary.BigEndian.PutUint16(head[36+2*i:], uint16(int16(v)))
	}
	binary.BigEndian.PutUint16(head[50:], 1) // long loca offsets
	binary.BigEndian.PutUint16(head[52:], 0) // glyph data format

	hhea := append([]byte(nil), tabs["hhea"][:36]...)
	binary.BigEndian.PutUint16(hhea[10:], uint16(advMax))
	binary.BigEndian.PutUint16(hhea[32:], 0) // metric data format
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))

	maxp := binary.BigEndian.AppendUint32(nil, 0x00010000)
	maxp = binary.BigEndian.AppendUint16(maxp, uint16(n))
	maxp = binary.BigEndian.AppendUint16(maxp, uint16(maxPoints))
	maxp = binary.BigEndian.AppendUint16(maxp, uint16(maxContours))
	maxp = append(maxp, make([]byte, 22)...)
	binary.BigEndian.PutUint16(maxp[14:], 2) // maxZones

	out := map[string][]byte{
		"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx, "loca": loca, "glyf": glyf,
		"cmap": cmapTable(codes), "post": l.postTable(tabs["post"]), "name": l.nameTable(),
	}
	if os2 := tabs["OS/2"]; len(os2) >= 78 {
		// Kept as it is: weight, width, embedding rights and the vertical
		// metrics the PDF's font descriptor is made from.
		out["OS/2"] = os2
	}
	return assemble(out), nil
}

// outlineContours turns glyph segments (y down, 26.6) into TrueType
// contours (y up, font units), cubic curves approximated by quadratic ones.
func outlineContours(segs sfnt.Segments) [][]point {
	var contours [][]point
	var cur []point
	pt := func(p fixed.Point26_6) (float64, float64) {
		return float64(p.X) / 64, -float64(p.Y) / 64
	}
	add := func(x, y float64, on bool) {
		cur = append(cur, point{int(math.Round(x)), int(math.Round(y)), on})
	}
	var lx, ly float64
	closeContour := func() {
		// A contour that returns to its start ends with the start again.
		if k := len(cur); k > 1 && cur[k-1] == cur[0] {
			cur = cur[:k-1]
		}
		if len(cur) > 0 {
			contours = append(contours, cur)
		}
		cur = nil
	}
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			closeContour()
			lx, ly = pt(s.Args[0])
			add(lx, ly, true)
		case sfnt.SegmentOpLineTo:
			lx, ly = pt(s.Args[0])
			add(lx, ly, true)
		case sfnt.SegmentOpQuadTo:
			cx, cy := pt(s.Args[0])
			lx, ly = pt(s.Args[1])
			add(cx, cy, false)
			add(lx, ly, true)
		case sfnt.SegmentOpCubeTo:
			c1x, c1y := pt(s.Args[0])
			c2x, c2y := pt(s.Args[1])
			ex, ey := pt(s.Args[2])
			for _, q := range cubicToQuads([8]float64{lx, ly, c1x, c1y, c2x, c2y, ex, ey}) {
				add(q[0], q[1], false)
				add(q[2], q[3], true)
			}
			lx, ly = ex, ey
		}
	}
	closeContour()
	return contours
}

// cubicToQuads approximates a cubic Bézier (start, two controls, end) by
// quadratic ones, each given as control and end point: the cubic is cut
// into pieces small enough that one quadratic each strays at most a
// quarter of a font unit from it.
func cubicToQuads(c [8]float64) [][4]float64 {
	// The distance between a cubic and the quadratic through its midpoint
	// construction is at most √3/36 of the length of its third difference.
	dx := c[6] - 3*c[4] + 3*c[2] - c[0]
	dy := c[7] - 3*c[5] + 3*c[3] - c[1]
	errMax := math.Sqrt(3) / 36 * math.Hypot(dx, dy)
	n := int(math.Ceil(math.Cbrt(errMax / 0.25)))
	n = min(max(n, 1), 32)
	at := func(t float64) (float64, float64) {
		u := 1 - t
		a, b, cc, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
		return a*c[0] + b*c[2] + cc*c[4] + d*c[6], a*c[1] + b*c[3] + cc*c[5] + d*c[7]
	}
	deriv := func(t float64) (float64, float64) {
		u := 1 - t
		return 3*u*u*(c[2]-c[0]) + 6*u*t*(c[4]-c[2]) + 3*t*t*(c[6]-c[4]),
			3*u*u*(c[3]-c[1]) + 6*u*t*(c[5]-c[3]) + 3*t*t*(c[7]-c[5])
	}
	quads := make([][4]float64, 0, n)
	for i := 0; i < n; i++ {
		t0, t1 := float64(i)/float64(n), float64(i+1)/float64(n)
		x0, y0 := at(t0)
		x1, y1 := at(t1)
		// The piece's own control points, from its end tangents.
		h := (t1 - t0) / 3
		d0x, d0y := deriv(t0)
		d1x, d1y := deriv(t1)
		p1x, p1y := x0+h*d0x, y0+h*d0y
		p2x, p2y := x1-h*d1x, y1-h*d1y
		qx, qy := (3*(p1x+p2x)-x0-x1)/4, (3*(p1y+p2y)-y0-y1)/4
		quads = append(quads, [4]float64{qx, qy, x1, y1})
	}
	return quads
}

// encodeGlyph writes a simple glyph record, returning it with its bounds
// (xMin, yMin, xMax, yMax) and point count.
func encodeGlyph(contours [][]point) ([]byte, [4]int, int) {
	if len(contours) == 0 {
		return nil, [4]int{}, 0
	}
	box := [4]int{math.MaxInt32, math.MaxInt32, math.MinInt32, math.MinInt32}
	total := 0
	for _, c := range contours {
		for _, p := range c {
			box = [4]int{min(box[0], p.x), min(box[1], p.y), max(box[2], p.x), max(box[3], p.y)}
		}
		total += len(c)
	}
	b := binary.BigEndian.AppendUint16(nil, uint16(len(contours)))
	for _, v := range box {
		b = binary.BigEndian.AppendUint16(b, uint16(int16(v)))
	}
	end := -1
	for _, c := range contours {
		end += len(c)
		b = binary.BigEndian.AppendUint16(b, uint16(end))
	}
	b = binary.BigEndian.AppendUint16(b, 0) // no instructions
	const (
		onCurve  = 0x01
		xShort   = 0x02
		yShort   = 0x04
		xSameOrP = 0x10 // x equal to the last, or (short) positive
		ySameOrP = 0x20
	)
	var flags, xs, ys []byte
	px, py := 0, 0
	for _, c := range contours {
		for _, p := range c {
			var f byte
			if p.onCurve {
				f |= onCurve
			}
			dx, dy := p.x-px, p.y-py
			switch {
			case dx == 0:
				f |= xSameOrP
			case dx > -256 && dx < 256:
				f |= xShort
				if dx > 0 {
					f |= xSameOrP
				}
				xs = append(xs, byte(abs(dx)))
			default:
				xs = binary.BigEndian.AppendUint16(xs, uint16(int16(dx)))
			}
			switch {
			case dy == 0:
				f |= ySameOrP
			case dy > -256 && dy < 256:
				f |= yShort
				if dy > 0 {
					f |= ySameOrP
				}
				ys = append(ys, byte(abs(dy)))
			default:
				ys = binary.BigEndian.AppendUint16(ys, uint16(int16(dy)))
			}
			flags = append(flags, f)
			px, py = p.x, p.y
		}
	}
	b = append(b, flags...)
	b = append(b, xs...)
	b = append(b, ys...)
	return b, box, total
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// cmapTable writes a format 4 cmap (Windows, Unicode BMP) mapping each
// code to its glyph: index i of the glyph list is glyph i+1 of the font.
func cmapTable(codes map[uint16]int) []byte {
	type seg struct{ code, gid int }
	segs := make([]seg, 0, len(codes)+1)
	for c, i := range codes {
		if c != 0xFFFF {
			segs = append(segs, seg{int(c), i + 1})
		}
	}
	sort.Slice(segs, func(i, j int) bool { return segs[i].code < segs[j].code })
	segs = append(segs, seg{0xFFFF, 0})
	n := len(segs)
	pow, sel := 1, 0
	for pow*2 <= n {
		pow *= 2
		sel++
	}
	sub := binary.BigEndian.AppendUint16(nil, 4)
	sub = binary.BigEndian.AppendUint16(sub, uint16(16+8*n))
	sub = binary.BigEndian.AppendUint16(sub, 0)
	sub = binary.BigEndian.AppendUint16(sub, uint16(2*n))
	sub = binary.BigEndian.AppendUint16(sub, uint16(2*pow))
	sub = binary.BigEndian.AppendUint16(sub, uint16(sel))
	sub = binary.BigEndian.AppendUint16(sub, uint16(2*n-2*pow))
	for _, s := range segs {
		sub = binary.BigEndian.AppendUint16(sub, uint16(s.code))
	}
	sub = binary.BigEndian.AppendUint16(sub, 0)
	for _, s := range segs {
		sub = binary.BigEndian.AppendUint16(sub, uint16(s.code))
	}
	for _, s := range segs {
		delta := uint16(1) // the final segment maps 0xFFFF to 0
		if s.code != 0xFFFF {
			delta = uint16(s.gid - s.code)
		}
		sub = binary.BigEndian.AppendUint16(sub, delta)
	}
	for range segs {
		sub = binary.BigEndian.AppendUint16(sub, 0)
	}
	t := binary.BigEndian.AppendUint16(nil, 0)
	t = binary.BigEndian.AppendUint16(t, 1)
	t = binary.BigEndian.AppendUint16(t, 3)
	t = binary.BigEndian.AppendUint16(t, 1)
	t = binary.BigEndian.AppendUint32(t, 12)
	return append(t, sub...)
}

// postTable keeps the source's italic angle, underline and fixed pitch, in
// a format 3 table (no glyph names).
func (l *loaded) postTable(src []byte) []byte {
	p := make([]byte, 32)
	binary.BigEndian.PutUint32(p, 0x00030000)
	if len(src) >= 16 {
		copy(p[4:16], src[4:16])
	}
	return p
}

// nameTable names the font as its source is named, in Windows Unicode
// records, the ones the PDF's font dictionary is made from.
func (l *loaded) nameTable() []byte {
	ids := []sfnt.NameID{sfnt.NameIDFamily, sfnt.NameIDSubfamily, sfnt.NameIDFull, sfnt.NameIDPostScript}
	var strs [][]byte
	var buf sfnt.Buffer
	for _, id := range ids {
		s, _ := l.font.Name(&buf, id)
		if s == "" {
			s = "Samizdat"
		}
		var b []byte
		for _, u := range utf16.Encode([]rune(s)) {
			b = binary.BigEndian.AppendUint16(b, u)
		}
		strs = append(strs, b)
	}
	t := binary.BigEndian.AppendUint16(nil, 0)
	t = binary.BigEndian.AppendUint16(t, uint16(len(ids)))
	t = binary.BigEndian.AppendUint16(t, uint16(6+12*len(ids)))
	off := 0
	for i, id := range ids {
		for _, v := range []int{3, 1, 0x409, int(id), len(strs[i]), off} {
			t = binary.BigEndian.AppendUint16(t, uint16(v))
		}
		off += len(strs[i])
	}
	for _, s := range strs {
		t = append(t, s...)
	}
	return t
}

// assemble writes the table directory and the tables, with checksums and
// the head table's checksum adjustment.
func assemble(tabs map[string][]byte) []byte {
	tags := make([]string, 0, len(tabs))
	for t := range tabs {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	search, sel := 1, 0
	for search*2 <= n {
		search *= 2
		sel++
	}
	out := binary.BigEndian.AppendUint32(nil, 0x00010000)
	out = binary.BigEndian.AppendUint16(out, uint16(n))
	out = binary.BigEndian.AppendUint16(out, uint16(search*16))
	out = binary.BigEndian.AppendUint16(out, uint16(sel))
	out = binary.BigEndian.AppendUint16(out, uint16(n*16-search*16))
	off := 12 + 16*n
	headAt := 0
	for _, t := range tags {
		data := tabs[t]
		out = append(out, t...)
		out = binary.BigEndian.AppendUint32(out, checksum(data))
		out = binary.BigEndian.AppendUint32(out, uint32(off))
		out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
		if t == "head" {
			headAt = off
		}
		off += (len(data) + 3) &^ 3
	}
	for _, t := range tags {
		out = append(out, tabs[t]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:min(i+4, len(b))])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
