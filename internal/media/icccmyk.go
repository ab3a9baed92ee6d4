package media

import (
	"encoding/binary"
	"image"
	"math"
)

// A CMYK picture (a JPEG or TIFF made for a press) carries a profile
// saying what colours its inks make. Where the outputs keep its inks (a
// CMYK JPEG embedded in the PDF as it is) the profile goes with them;
// where the picture is decoded and encoded again in RGB (reduced, or a
// JPEG whose inks are stored as they are), which cannot carry a CMYK
// profile, its colours are converted through the profile to sRGB
// (CMYKToSRGB), as PDF readers following the profile show them
// (relative colorimetric, with black point compensation: Ghostscript,
// Poppler and Acrobat by default), instead of by the naive formula that
// shows press inks too bright and too saturated. The profile's A2B1
// table (colorimetric), or its A2B0 (perceptual) when it has none, is
// read, in the 8- and 16-bit table forms (lut8Type, lut16Type) press
// profiles of version 2 hold, or version 4's A-to-B form (lutAtoBType);
// a profile of another form (floating-point D2B tags alone) leaves the
// naive conversion.

// lutTable is one of a profile's A2B or B2A tables: a pipeline of
// stages (tone curves for each channel, a grid of outputs interpolated
// between its nodes, a matrix), all on a scale of 0 to 1. The 8- and
// 16-bit forms (lut8Type, lut16Type) hold input curves, a grid and output
// curves; version 4's A-to-B form (lutAtoBType, 'mAB ') A curves, a grid,
// M curves, a matrix and B curves, any of them but the B curves left out,
// and its B-to-A form ('mBA ') the same in the other order.
type lutTable struct {
	ins, outs int
	stages    []lutStage
	// labV4 says a Lab PCS is encoded as version 4 encodes it (L* 100 at
	// 1.0, a* and b* 0 at 128/255), as lut8Type and the A-to-B and B-to-A
	// forms hold it; lut16Type holds version 2's (L* 100 at 0xff00, a*
	// and b* 0 at 0x8000), whatever the profile's version.
	labV4 bool
}

// lutStage is one stage of a table: curves, one for each channel; or a
// grid of outs outputs with grid[i] nodes along input i, the first
// input varying slowest; or a matrix of three rows and an offset.
type lutStage struct {
	curves []func(float64) float64
	grid   []int
	clut   []float64
	outs   int
	matrix *[12]float64
	// trilinear: the grid interpolated in each dimension, not in
	// tetrahedra
	trilinear bool
}

// maxCells bounds a table's grid: a press profile's of 33 nodes along
// each of four inks holds 3.6 million values.
const maxCells = 1 << 24

// readLUT reads an A2B or B2A tag of ins inputs and outs outputs, of any
// of the four forms; ok is false for another form, or one cut short or
// of other numbers of channels.
func readLUT(tag []byte, ins, outs int) (t lutTable, ok bool) {
	if len(tag) < 32 || int(tag[8]) != ins || int(tag[9]) != outs {
		return t, false
	}
	t.ins, t.outs = ins, outs
	switch string(tag[:4]) {
	case "mft1", "mft2":
		return t, t.readLUT8or16(tag)
	case "mAB ", "mBA ":
		t.labV4 = true
		return t, t.readAB(tag)
	}
	return t, false
}

// readLUT8or16 reads a lut8Type or lut16Type tag's curves and grid.
func (t *lutTable) readLUT8or16(tag []byte) bool {
	g := int(tag[10])
	if len(tag) < 52 || g < 2 {
		return false
	}
	cells := t.outs
	for range t.ins {
		cells *= g
	}
	var size, inN, outN, at int
	if string(tag[:4]) == "mft2" {
		size, inN, outN, at = 2, int(binary.BigEndian.Uint16(tag[48:])), int(binary.BigEndian.Uint16(tag[50:])), 52
	} else {
		size, inN, outN, at, t.labV4 = 1, 256, 256, 48, true
	}
	if inN < 2 || outN < 2 || cells > maxCells || at+size*(t.ins*inN+cells+t.outs*outN) > len(tag) {
		return false
	}
	read := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			if size == 2 {
				v[i] = float64(binary.BigEndian.Uint16(tag[at+2*i:])) / 65535
			} else {
				v[i] = float64(tag[at+i]) / 255
			}
		}
		at += n * size
		return v
	}
	curves := func(n, entries int) lutStage {
		var s lutStage
		for range n {
			table := read(entries)
			s.curves = append(s.curves, func(v float64) float64 { return lookup(table, v) })
		}
		return s
	}
	in := curves(t.ins, inN)
	grid := lutStage{grid: make([]int, t.ins), outs: t.outs}
	for i := range grid.grid {
		grid.grid[i] = g
	}
	grid.clut = read(cells)
	t.stages = []lutStage{in, grid, curves(t.outs, outN)}
	return true
}

// readAB reads a lutAtoBType or lutBtoAType tag: the offsets of its B
// curves, matrix, M curves, grid and A curves (0 for one left out), in
// the order A-to-B applies them or the reverse.
func (t *lutTable) readAB(tag []byte) bool {
	be := binary.BigEndian
	offB, offMatrix, offM, offGrid, offA := be.Uint32(tag[12:]), be.Uint32(tag[16:]), be.Uint32(tag[20:]), be.Uint32(tag[24:]), be.Uint32(tag[28:])
	aToB := string(tag[:4]) == "mAB "
	// the channels the matrix and M curves apply to: the grid's outputs
	// from A to B, its inputs from B to A
	pcs := t.outs
	if !aToB {
		pcs = t.ins
	}
	if offB == 0 || (offMatrix != 0 || offM != 0) && pcs != 3 || offGrid == 0 && t.ins != t.outs {
		return false
	}
	curves := func(at uint32, n int) (lutStage, bool) {
		var s lutStage
		for range n {
			if int64(at) >= int64(len(tag)) {
				return s, false
			}
			f, size, ok := curveAt(tag[at:])
			if !ok {
				return s, false
			}
			s.curves = append(s.curves, f)
			at += uint32(size+3) &^ 3
		}
		return s, true
	}
	var stages []lutStage
	add := func(s lutStage, ok bool) bool {
		stages = append(stages, s)
		return ok
	}
	deviceIns, deviceOuts := t.ins, t.outs // the grid's
	ok := true
	if aToB {
		if offA != 0 {
			ok = ok && add(curves(offA, deviceIns))
		}
		if offGrid != 0 {
			ok = ok && add(readGrid(tag, offGrid, deviceIns, deviceOuts))
		}
		if offM != 0 {
			ok = ok && add(curves(offM, 3))
		}
		if offMatrix != 0 {
			ok = ok && add(readMatrix(tag, offMatrix))
		}
		ok = ok && add(curves(offB, t.outs))
	} else {
		ok = ok && add(curves(offB, t.ins))
		if offMatrix != 0 {
			ok = ok && add(readMatrix(tag, offMatrix))
		}
		if offM != 0 {
			ok = ok && add(curves(offM, 3))
		}
		if offGrid != 0 {
			ok = ok && add(readGrid(tag, offGrid, deviceIns, deviceOuts))
		}
		if offA != 0 {
			ok = ok && add(curves(offA, t.outs))
		}
	}
	t.stages = stages
	return ok
}

// curveAt reads the curveType or parametricCurveType at the start of b,
// and the bytes it takes.
func curveAt(b []byte) (f func(float64) float64, size int, ok bool) {
	if len(b) < 12 {
		return nil, 0, false
	}
	switch string(b[:4]) {
	case "curv":
		size = 12 + 2*int(min(binary.BigEndian.Uint32(b[8:]), 1<<20))
	case "para":
		kind := int(binary.BigEndian.Uint16(b[8:]))
		if kind >= len(paraCounts) {
			return nil, 0, false
		}
		size = 12 + 4*paraCounts[kind]
	default:
		return nil, 0, false
	}
	if size > len(b) {
		return nil, 0, false
	}
	f, ok = toneCurve(b[:size])
	return f, size, ok
}

// readGrid reads an A-to-B or B-to-A table's grid: the nodes along each
// of its ins inputs (16 bytes, the first input's first), the bytes a
// value takes (1 or 2), and the values.
func readGrid(tag []byte, at uint32, ins, outs int) (lutStage, bool) {
	s := lutStage{grid: make([]int, ins), outs: outs}
	if int64(at)+20 > int64(len(tag)) {
		return s, false
	}
	b := tag[at:]
	cells := outs
	for i := range ins {
		s.grid[i] = int(b[i])
		if s.grid[i] < 2 {
			return s, false
		}
		cells *= s.grid[i]
	}
	size := int(b[16])
	if size != 1 && size != 2 || cells > maxCells || 20+size*cells > len(b) {
		return s, false
	}
	s.clut = make([]float64, cells)
	for i := range s.clut {
		if size == 2 {
			s.clut[i] = float64(binary.BigEndian.Uint16(b[20+2*i:])) / 65535
		} else {
			s.clut[i] = float64(b[20+i]) / 255
		}
	}
	return s, true
}

// readMatrix reads an A-to-B or B-to-A table's matrix: three rows of
// three, then the offsets.
func readMatrix(tag []byte, at uint32) (lutStage, bool) {
	if int64(at)+48 > int64(len(tag)) {
		return lutStage{}, false
	}
	var m [12]float64
	for i := range m {
		m[i] = s15Fixed16(tag[int(at)+4*i:])
	}
	return lutStage{matrix: &m}, true
}

// pcsTable is a profile's table from its samples to the PCS, and the
// PCS's kind.
type pcsTable struct {
	lutTable
	labPCS bool
}

// readPCSTable reads the table of a profile of ins channels that a PDF
// reader's default rendering intent (relative colorimetric) takes, its
// A2B1, or the perceptual A2B0 when it has none; ok is false when it has
// neither, or one of a form not read.
func readPCSTable(p Profile, tags map[string][]byte, ins int) (t pcsTable, ok bool) {
	tag := tags["A2B1"]
	if tag == nil {
		tag = tags["A2B0"]
	}
	t.labPCS = string(p.Data[20:24]) == "Lab "
	t.lutTable, ok = readLUT(tag, ins, 3)
	return t, ok
}

// cmykTable is a CMYK profile's table from inks to the PCS, and the
// darkest its inks make.
type cmykTable struct {
	pcsTable
	// black is the lightness (Y) of the darkest the inks make, for black
	// point compensation; 0 when it cannot be found.
	black float64
}

// readCMYKTable reads a CMYK profile's A2B1 or A2B0 tag; ok is false
// when it has neither, or one of a form not read.
func readCMYKTable(p Profile) (t cmykTable, ok bool) {
	if p.Components != 4 {
		return t, false
	}
	tags, err := profileTags(p.Data)
	if err != nil {
		return t, false
	}
	if t.pcsTable, ok = readPCSTable(p, tags, 4); !ok {
		return t, false
	}
	if string(p.Data[12:16]) == "prtr" {
		t.black = t.blackPoint(tags, p.Data[8])
	} else {
		// a CMYK profile of another class (a proof's, a colour
		// space's): its black point is all four inks', as Little CMS
		// takes it, with no ink limit to keep to
		t.black = math.Min(t.xyz(t.eval([]float64{1, 1, 1, 1}))[1], 0.1842)
	}
	return t, true
}

// blackPoint finds the darkest the inks make as Little CMS does for a
// press profile: PCS black taken to inks by the perceptual B2A0 table
// (which keeps to the press's ink limit), and those inks back to the PCS;
// its lightness, no more than L* 50. PCS black is L* 0, or for a profile
// of version 4, whose perceptual tables are made for it, the ICC's
// perceptual black (L* 3.1), to which Little CMS compensates black on
// the way in. Without a B2A0 table read here, 0.
func (t *cmykTable) blackPoint(tags map[string][]byte, version byte) float64 {
	b2a, ok := readLUT(tags["B2A0"], 3, 4)
	if !ok {
		return 0
	}
	var black [3]float64 // XYZ
	if version >= 4 {
		black = perceptualBlack
	}
	var pcs []float64
	switch l, a, b := labFromXYZ(black); {
	case !t.labPCS:
		pcs = []float64{black[0] * 32768 / 65535, black[1] * 32768 / 65535, black[2] * 32768 / 65535}
	case b2a.labV4:
		pcs = []float64{l / 100, (a + 128) / 255, (b + 128) / 255}
	default:
		pcs = []float64{l / 100 * 65280 / 65535, (a + 128) * 256 / 65535, (b + 128) * 256 / 65535}
	}
	if t.labPCS {
		// as Little CMS interpolates a table indexed by Lab
		for i := range b2a.stages {
			b2a.stages[i].trilinear = true
		}
	}
	inks := b2a.eval(pcs)
	y := t.xyz(t.eval(inks[:]))[1]
	return math.Min(y, 0.1842) // L* 50
}

// perceptualBlack is the darkest colour of the perceptual rendering
// intent of ICC profiles of version 4, as XYZ relative to D50.
var perceptualBlack = [3]float64{0.00336, 0.0034731, 0.00287}

// labFromXYZ is CIE L*a*b* of XYZ relative to D50.
func labFromXYZ(xyz [3]float64) (l, a, b float64) {
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	fx, fy, fz := f(xyz[0]/d50[0]), f(xyz[1]/d50[1]), f(xyz[2]/d50[2])
	return 116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)
}

// lookup reads a curve at v, on a scale of 0 to 1, between its entries.
func lookup(curve []float64, v float64) float64 {
	x := math.Max(0, math.Min(1, v)) * float64(len(curve)-1)
	i := min(int(x), len(curve)-2)
	f := x - float64(i)
	return curve[i]*(1-f) + curve[i+1]*f
}

// eval is the table's output for inputs v (0 to 1), each stage's
// outputs kept between 0 and 1 as Little CMS keeps them. Tables have at
// most four inputs and four outputs (readLUT's callers), so nothing is
// allocated.
func (t *lutTable) eval(v []float64) [4]float64 {
	var x [4]float64
	copy(x[:], v[:t.ins])
	n := t.ins
	for i := range t.stages {
		s := &t.stages[i]
		switch {
		case s.curves != nil:
			for c, f := range s.curves {
				x[c] = clamp01(f(clamp01(x[c])))
			}
		case s.matrix != nil:
			m := s.matrix
			var y [4]float64
			for r := range 3 {
				y[r] = clamp01(m[3*r]*x[0] + m[3*r+1]*x[1] + m[3*r+2]*x[2] + m[9+r])
			}
			x = y
		default:
			x = s.interpolate(x, n)
			n = s.outs
		}
	}
	return x
}

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// interpolate is a grid's output for inputs x, as Little CMS
// interpolates it: between the nodes around them in a tetrahedron for
// three inputs, in two tetrahedra of the last three and a line between
// them for four; in each dimension for a grid marked trilinear (a B2A
// table of a Lab PCS), or of fewer inputs.
func (s *lutStage) interpolate(x [4]float64, ins int) [4]float64 {
	var base [4]int
	var frac [4]float64
	for i := range ins {
		g := s.grid[i]
		p := clamp01(x[i]) * float64(g-1)
		base[i] = min(int(p), g-2)
		frac[i] = p - float64(base[i])
	}
	switch {
	case ins == 3 && !s.trilinear:
		return s.tetrahedral(0, base[:3], frac[:3])
	case ins == 4:
		at := base[0] * s.grid[1] * s.grid[2] * s.grid[3]
		lo := s.tetrahedral(at, base[1:], frac[1:])
		if frac[0] == 0 {
			return lo
		}
		hi := s.tetrahedral(at+s.grid[1]*s.grid[2]*s.grid[3], base[1:], frac[1:])
		for o := range s.outs {
			lo[o] += (hi[o] - lo[o]) * frac[0]
		}
		return lo
	}
	var sum [4]float64
	for corner := range 1 << ins {
		w := 1.0
		at := 0
		for i := range ins {
			bit := corner >> (ins - 1 - i) & 1
			if bit == 1 {
				w *= frac[i]
			} else {
				w *= 1 - frac[i]
			}
			at = at*s.grid[i] + base[i] + bit
		}
		if w == 0 {
			continue
		}
		cell := s.clut[at*s.outs:][:s.outs]
		for o, c := range cell {
			sum[o] += w * c
		}
	}
	return sum
}

// tetrahedral interpolates the last three dimensions of a grid, from
// node first (the nodes before them), between the four nodes of the
// tetrahedron of the cube around the inputs that holds them.
func (s *lutStage) tetrahedral(first int, base []int, f []float64) [4]float64 {
	n := len(s.grid)
	gy, gz := s.grid[n-2], s.grid[n-1]
	dx, dy, dz := gy*gz*s.outs, gz*s.outs, s.outs
	at := (first + (base[0]*gy+base[1])*gz + base[2]) * s.outs
	rx, ry, rz := f[0], f[1], f[2]
	node := func(o, d int) float64 { return s.clut[at+d+o] }
	var out [4]float64
	for o := range s.outs {
		c0 := node(o, 0)
		var c1, c2, c3 float64
		switch {
		case rx >= ry && ry >= rz:
			c1 = node(o, dx) - c0
			c2 = node(o, dx+dy) - node(o, dx)
			c3 = node(o, dx+dy+dz) - node(o, dx+dy)
		case rx >= rz && rz >= ry:
			c1 = node(o, dx) - c0
			c2 = node(o, dx+dy+dz) - node(o, dx+dz)
			c3 = node(o, dx+dz) - node(o, dx)
		case rz >= rx && rx >= ry:
			c1 = node(o, dx+dz) - node(o, dz)
			c2 = node(o, dx+dy+dz) - node(o, dx+dz)
			c3 = node(o, dz) - c0
		case ry >= rx && rx >= rz:
			c1 = node(o, dx+dy) - node(o, dy)
			c2 = node(o, dy) - c0
			c3 = node(o, dx+dy+dz) - node(o, dx+dy)
		case ry >= rz && rz >= rx:
			c1 = node(o, dx+dy+dz) - node(o, dy+dz)
			c2 = node(o, dy) - c0
			c3 = node(o, dy+dz) - node(o, dy)
		default: // rz >= ry >= rx
			c1 = node(o, dx+dy+dz) - node(o, dy+dz)
			c2 = node(o, dy+dz) - node(o, dz)
			c3 = node(o, dz) - c0
		}
		out[o] = c0 + c1*rx + c2*ry + c3*rz
	}
	return out
}

// xyz is the PCS colour as CIE XYZ relative to D50: from the tables'
// 16-bit Lab encoding (L* 100 at 0xff00, a* and b* 0 at 0x8000), or XYZ
// of 1.0 at 0x8000.
func (t *pcsTable) xyz(v [4]float64) [3]float64 {
	if !t.labPCS {
		return [3]float64{v[0] * 65535 / 32768, v[1] * 65535 / 32768, v[2] * 65535 / 32768}
	}
	l := v[0] * 65535 / 65280 * 100
	a := v[1]*65535/256 - 128
	b := v[2]*65535/256 - 128
	if t.labV4 {
		l, a, b = v[0]*100, v[1]*255-128, v[2]*255-128
	}
	fy := (l + 16) / 116
	f := func(t float64) float64 {
		if t > 6.0/29 {
			return t * t * t
		}
		return 3 * (6.0 / 29) * (6.0 / 29) * (t - 4.0/29)
	}
	return [3]float64{d50[0] * f(fy+a/500), d50[1] * f(fy), d50[2] * f(fy-b/200)}
}

// srgbEncode is the sRGB sample of light v, on a scale of 0 to 1.
func srgbEncode(v float64) float64 {
	v = math.Max(0, math.Min(1, v))
	if v <= 0.0031308 {
		return 12.92 * v
	}
	return 1.055*math.Pow(v, 1/2.4) - 0.055
}

// srgbEncodeUnclipped is srgbEncode carried past 0 and 1: below 0 the
// line it starts with, above 1 its power.
func srgbEncodeUnclipped(v float64) float64 {
	if v <= 0.0031308 {
		return 12.92 * v
	}
	return 1.055*math.Pow(v, 1/2.4) - 0.055
}

// CMYKToSRGB converts a CMYK picture's inks to sRGB through its profile's
// A2B0 table (relative to D50 white, as the profile connection space
// is, into sRGB's primaries adapted to D50); ok is false, and img is
// returned, when img is not CMYK or the profile has no table read here.
func CMYKToSRGB(img image.Image, p Profile) (out image.Image, ok bool) {
	m, isCMYK := img.(*image.CMYK)
	if !isCMYK {
		return img, false
	}
	t, ok := readCMYKTable(p)
	if !ok {
		return img, false
	}
	toLinear, ok := srgbFromXYZ()
	if !ok {
		return img, false
	}
	// Black point compensation, as PDF readers apply it (Acrobat,
	// Ghostscript, Poppler): the darkest the inks make, as a neutral, is
	// scaled to sRGB's black, the white kept.
	black := t.black
	if !(black >= 0 && black < 0.5) {
		black = 0
	}
	scale := 1 / (1 - black)
	convert := func(inks []float64) [3]float64 {
		xyz := t.xyz(t.eval(inks))
		for i := range 3 {
			xyz[i] = (xyz[i] - black*d50[i]) * scale
		}
		lin := toLinear.apply(xyz)
		var c [3]float64
		for i := range 3 {
			// unclipped: a pixel between nodes out of gamut and in it
			// is clipped once interpolated, as a conversion of its own
			// inks would be
			c[i] = 255 * srgbEncodeUnclipped(lin[i])
		}
		return c
	}
	// The conversion is made at the nodes of a grid of inks, and each
	// pixel interpolated between them, as Little CMS optimises a
	// transform: a photograph's millions of colours cost a few
	// multiplications each, not the profile's tables and sRGB's curve.
	const nodes = 17
	grid := make([]float64, nodes*nodes*nodes*nodes*3)
	var inks [4]float64
	for i := range nodes * nodes * nodes * nodes {
		for j, n := 0, i; j < 4; j, n = j+1, n/nodes {
			inks[3-j] = float64(n%nodes) / (nodes - 1)
		}
		c := convert(inks[:])
		copy(grid[3*i:], c[:])
	}
	var base [256]int
	var frac [256]float64
	for v := range 256 {
		x := float64(v) * (nodes - 1) / 255
		base[v] = min(int(x), nodes-2)
		frac[v] = x - float64(base[v])
	}
	strides := [4]int{nodes * nodes * nodes * 3, nodes * nodes * 3, nodes * 3, 3}
	b := m.Rect
	rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := range b.Dy() {
		src := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):][:4*b.Dx()]
		dst := rgba.Pix[rgba.PixOffset(0, y):][:4*b.Dx()]
		for x := 0; x < len(src); x += 4 {
			if x >= 4 && [4]uint8(src[x:x+4]) == [4]uint8(src[x-4:x]) {
				// a run of one colour, as a chart or a flat ground
				copy(dst[x:x+4], dst[x-4:x])
				continue
			}
			at := 0
			var f [4]float64
			for i := range 4 {
				at += base[src[x+i]] * strides[i]
				f[i] = frac[src[x+i]]
			}
			var sum [3]float64
			for corner := range 16 {
				w, cell := 1.0, at
				for i := range 4 {
					if corner>>(3-i)&1 == 1 {
						w *= f[i]
						cell += strides[i]
					} else {
						w *= 1 - f[i]
					}
				}
				if w != 0 {
					sum[0] += w * grid[cell]
					sum[1] += w * grid[cell+1]
					sum[2] += w * grid[cell+2]
				}
			}
			for i := range 3 {
				dst[x+i] = uint8(math.Max(0, math.Min(255, math.Round(sum[i]))))
			}
			dst[x+3] = 0xff
		}
	}
	return rgba, true
}

// InSRGB is a decoded picture in sRGB: a CMYK one converted through the
// profile its file carries (CMYKToSRGB), when it has one read here, once
// for all the outputs of a build (img is the cache's decoding of data);
// anything else as it is. img is not changed.
func (c *Cache) InSRGB(img image.Image, mediaType string, data []byte) image.Image {
	if _, ok := img.(*image.CMYK); !ok {
		return img
	}
	p, err := EmbeddedProfile(mediaType, data)
	if err != nil || p.Components != 4 {
		return img
	}
	if c == nil {
		out, _ := CMYKToSRGB(img, p)
		return out
	}
	return c.kept("in sRGB "+c.Digest(data), func() (any, int64) {
		out, _ := CMYKToSRGB(img, p)
		return out, decodedSize(out)
	}).(image.Image)
}

// srgbFromXYZ is the matrix from XYZ relative to D50 to sRGB's light.
func srgbFromXYZ() (mat3, bool) {
	var m mat3
	for j := range 3 {
		for i := range 3 {
			m[i][j] = srgbColourants[j][i]
		}
	}
	return m.inverse()
}
