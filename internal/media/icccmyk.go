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
// profiles of version 2 hold and many of version 4 still do; a profile
// of other forms leaves the naive conversion.

// lutTable is one of a profile's A2B or B2A tables of the 8- or 16-bit
// forms: an input curve for each input, a grid of outputs, and an
// output curve for each output, all on a scale of 0 to 1.
type lutTable struct {
	ins, outs int
	in        [][]float64
	grid      int
	clut      []float64 // grid^ins × outs
	out       [][]float64
	eight     bool // lut8Type: its Lab encoded in 8 bits
}

// readLUT reads a lut8Type or lut16Type tag of ins inputs and outs
// outputs; ok is false for another form, or one cut short.
func readLUT(tag []byte, ins, outs int) (t lutTable, ok bool) {
	if len(tag) < 52 || int(tag[8]) != ins || int(tag[9]) != outs || tag[10] < 2 {
		return t, false
	}
	t.ins, t.outs, t.grid = ins, outs, int(tag[10])
	cells := outs
	for range ins {
		cells *= t.grid
	}
	var size, inN, outN, at int
	switch string(tag[:4]) {
	case "mft2":
		size, inN, outN, at = 2, int(binary.BigEndian.Uint16(tag[48:])), int(binary.BigEndian.Uint16(tag[50:])), 52
	case "mft1":
		size, inN, outN, at, t.eight = 1, 256, 256, 48, true
	default:
		return t, false
	}
	if inN < 2 || outN < 2 || cells > 1<<24 || at+size*(ins*inN+cells+outs*outN) > len(tag) {
		return t, false
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
	for range ins {
		t.in = append(t.in, read(inN))
	}
	t.clut = read(cells)
	for range outs {
		t.out = append(t.out, read(outN))
	}
	return t, true
}

// cmykTable is a CMYK profile's table from inks to the PCS, and the
// PCS's kind.
type cmykTable struct {
	lutTable
	labPCS bool
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
	t.labPCS = string(p.Data[20:24]) == "Lab "
	// the colorimetric table, as a PDF reader's default rendering intent
	// (relative colorimetric) takes it; the perceptual one without it
	tag := tags["A2B1"]
	if tag == nil {
		tag = tags["A2B0"]
	}
	if t.lutTable, ok = readLUT(tag, 4, 3); !ok {
		return t, false
	}
	t.black = t.blackPoint(tags)
	return t, true
}

// blackPoint finds the darkest the inks make as Little CMS does for a
// press profile: PCS black taken to inks by the perceptual B2A0 table
// (which keeps to the press's ink limit), and those inks back to the PCS;
// its lightness, no more than L* 50. Without a B2A0 table read here, or
// for a PCS of XYZ, 0.
func (t *cmykTable) blackPoint(tags map[string][]byte) float64 {
	if !t.labPCS {
		return 0
	}
	b2a, ok := readLUT(tags["B2A0"], 3, 4)
	if !ok {
		return 0
	}
	zero := []float64{0, 32768.0 / 65535, 32768.0 / 65535}
	if b2a.eight {
		zero = []float64{0, 128.0 / 255, 128.0 / 255}
	}
	inks := b2a.eval(zero)
	y := t.xyz(t.eval(inks[:]))[1]
	return math.Min(y, 0.1842) // L* 50
}

// lookup reads a curve at v, on a scale of 0 to 1, between its entries.
func lookup(curve []float64, v float64) float64 {
	x := math.Max(0, math.Min(1, v)) * float64(len(curve)-1)
	i := min(int(x), len(curve)-2)
	f := x - float64(i)
	return curve[i]*(1-f) + curve[i+1]*f
}

// eval is the table's output for inputs v (0 to 1): the grid's cells
// around them interpolated in each dimension. Tables have at most four
// inputs and four outputs (readLUT's callers), so nothing is allocated.
func (t *lutTable) eval(v []float64) [4]float64 {
	g := t.grid
	var base [4]int
	var frac [4]float64
	for i := range t.ins {
		x := lookup(t.in[i], v[i]) * float64(g-1)
		base[i] = min(int(x), g-2)
		frac[i] = x - float64(base[i])
	}
	var sum [4]float64
	for corner := range 1 << t.ins {
		w := 1.0
		at := 0
		for i := range t.ins {
			bit := corner >> (t.ins - 1 - i) & 1
			if bit == 1 {
				w *= frac[i]
			} else {
				w *= 1 - frac[i]
			}
			at = at*g + base[i] + bit
		}
		if w == 0 {
			continue
		}
		cell := t.clut[at*t.outs:][:t.outs]
		for o, c := range cell {
			sum[o] += w * c
		}
	}
	for o := range t.outs {
		sum[o] = lookup(t.out[o], sum[o])
	}
	return sum
}

// xyz is the PCS colour as CIE XYZ relative to D50: from the tables'
// 16-bit Lab encoding (L* 100 at 0xff00, a* and b* 0 at 0x8000), or XYZ
// of 1.0 at 0x8000.
func (t *cmykTable) xyz(v [4]float64) [3]float64 {
	if !t.labPCS {
		return [3]float64{v[0] * 65535 / 32768, v[1] * 65535 / 32768, v[2] * 65535 / 32768}
	}
	l := v[0] * 65535 / 65280 * 100
	a := v[1]*65535/256 - 128
	b := v[2]*65535/256 - 128
	if t.eight {
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
			c[i] = 255 * srgbEncode(lin[i])
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
