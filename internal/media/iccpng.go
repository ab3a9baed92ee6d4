package media

import (
	"encoding/binary"
	"math"
)

// A PNG with no profile (iCCP) and no sRGB chunk may say what its
// samples mean with a cHRM chunk, the chromaticities of its primaries and
// white, and a gAMA chunk; browsers follow them. One whose primaries are
// not sRGB's (a PNG saved by a program working in Adobe RGB, or a camera
// raw converter's) is given a profile made of them (chunkProfile), which
// both outputs then carry as they carry an embedded one: its primaries
// and white, adapted to the profile connection space's D50 by Bradford's
// transform, as ICC profiles hold them, and as its tone curve either the
// gamma gAMA gives or, where the decoder has already turned the samples
// to sRGB's curve (PNGGamma), sRGB's. A cHRM of sRGB's primaries, as
// many programs write beside gAMA, changes nothing.

// pngChromaticities reads a PNG's cHRM chunk before its pixels: white,
// red, green and blue, x and y each; ok is false when it has none, or an
// sRGB or iCCP chunk says more.
func pngChromaticities(data []byte) (c [8]float64, ok bool) {
	for at := 8; at+8 <= len(data) && len(data) > 8; {
		n := int(binary.BigEndian.Uint32(data[at:]))
		if n < 0 || n > len(data)-at-12 {
			return c, false
		}
		switch string(data[at+4 : at+8]) {
		case "cHRM":
			if n != 32 {
				return c, false
			}
			for i := range c {
				c[i] = float64(binary.BigEndian.Uint32(data[at+8+4*i:])) / 100000
			}
			ok = true
		case "sRGB", "iCCP":
			return c, false
		case "IDAT", "IEND":
			return c, ok
		}
		at += 12 + n
	}
	return c, ok
}

// srgbChromaticities are sRGB's white (D65) and primaries.
var srgbChromaticities = [8]float64{0.3127, 0.3290, 0.64, 0.33, 0.30, 0.60, 0.15, 0.06}

// chunkProfile is the profile a PNG's cHRM and gAMA chunks describe, or
// none when it has no cHRM, one of sRGB's primaries, or one that makes no
// colours (a chromaticity of y 0, primaries in a line).
func chunkProfile(data []byte) Profile {
	c, ok := pngChromaticities(data)
	if !ok {
		return Profile{}
	}
	same := true
	for i := range c {
		same = same && math.Abs(c[i]-srgbChromaticities[i]) <= 0.002
	}
	if same {
		return Profile{}
	}
	colourants, ok := colourantsD50(c)
	if !ok {
		return Profile{}
	}
	gamma := 0.0 // sRGB's curve
	if _, converted := PNGGamma(data); !converted {
		if g := pngGAMA(data); g > 0 {
			gamma = 100000 / float64(g)
		}
	}
	if gamma != 0 && math.Abs(gamma/2.2-1) > 0.05 {
		gamma = 0 // not converted only if near sRGB's: shown as sRGB's
	}
	p, err := ParseProfile(matrixProfile(colourants, gamma))
	if err != nil {
		return Profile{}
	}
	return p
}

// pngGAMA is a PNG's gAMA value before its pixels, 0 when it has none.
func pngGAMA(data []byte) uint32 {
	for at := 8; at+8 <= len(data) && len(data) > 8; {
		n := int(binary.BigEndian.Uint32(data[at:]))
		if n < 0 || n > len(data)-at-12 {
			return 0
		}
		switch string(data[at+4 : at+8]) {
		case "gAMA":
			if n == 4 {
				return binary.BigEndian.Uint32(data[at+8:])
			}
		case "IDAT", "IEND":
			return 0
		}
		at += 12 + n
	}
	return 0
}

type mat3 [3][3]float64

func (m mat3) mul(n mat3) (out mat3) {
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				out[i][j] += m[i][k] * n[k][j]
			}
		}
	}
	return out
}

func (m mat3) apply(v [3]float64) (out [3]float64) {
	for i := range 3 {
		out[i] = m[i][0]*v[0] + m[i][1]*v[1] + m[i][2]*v[2]
	}
	return out
}

func (m mat3) inverse() (mat3, bool) {
	det := m[0][0]*(m[1][1]*m[2][2]-m[1][2]*m[2][1]) -
		m[0][1]*(m[1][0]*m[2][2]-m[1][2]*m[2][0]) +
		m[0][2]*(m[1][0]*m[2][1]-m[1][1]*m[2][0])
	if math.Abs(det) < 1e-12 {
		return mat3{}, false
	}
	var out mat3
	for i := range 3 {
		for j := range 3 {
			a, b := (j+1)%3, (j+2)%3
			c, d := (i+1)%3, (i+2)%3
			out[i][j] = (m[a][c]*m[b][d] - m[a][d]*m[b][c]) / det
		}
	}
	return out, true
}

// bradford is the Bradford transform's cone response matrix.
var bradford = mat3{{0.8951, 0.2664, -0.1614}, {-0.7502, 1.7135, 0.0367}, {0.0389, -0.0685, 1.0296}}

// d50 is the profile connection space's white.
var d50 = [3]float64{0.9642, 1, 0.8249}

// colourantsD50 are the XYZ of the red, green and blue of chromaticities
// c (white, red, green, blue), adapted to D50: the columns of the matrix
// from the samples' light to XYZ.
func colourantsD50(c [8]float64) ([3][3]float64, bool) {
	xyz := func(x, y float64) [3]float64 { return [3]float64{x / y, 1, (1 - x - y) / y} }
	for i := 1; i < 8; i += 2 {
		if c[i] <= 0 {
			return [3][3]float64{}, false
		}
	}
	white := xyz(c[0], c[1])
	var prim mat3
	for j := range 3 {
		p := xyz(c[2+2*j], c[3+2*j])
		for i := range 3 {
			prim[i][j] = p[i]
		}
	}
	inv, ok := prim.inverse()
	if !ok {
		return [3][3]float64{}, false
	}
	s := inv.apply(white)
	binv, _ := bradford.inverse()
	src, dst := bradford.apply(white), bradford.apply(d50)
	scale := mat3{{dst[0] / src[0], 0, 0}, {0, dst[1] / src[1], 0}, {0, 0, dst[2] / src[2]}}
	adapt := binv.mul(scale).mul(bradford)
	var out [3][3]float64
	for j := range 3 {
		col := [3]float64{prim[0][j] * s[j], prim[1][j] * s[j], prim[2][j] * s[j]}
		out[j] = adapt.apply(col)
	}
	return out, true
}

// matrixProfile writes an ICC profile of version 2.1 for a display of
// these colourants (XYZ, D50) and tone curve: a gamma, or sRGB's curve
// when gamma is 0.
func matrixProfile(colourants [3][3]float64, gamma float64) []byte {
	be := binary.BigEndian
	fixed := func(b []byte, v float64) []byte { return be.AppendUint32(b, uint32(int32(math.Round(v*65536)))) }
	xyzType := func(v [3]float64) []byte {
		b := []byte("XYZ \x00\x00\x00\x00")
		for _, c := range v {
			b = fixed(b, c)
		}
		return b
	}
	var curve []byte
	if gamma > 0 {
		curve = be.AppendUint32([]byte("curv\x00\x00\x00\x00"), 1)
		curve = be.AppendUint16(curve, uint16(math.Round(gamma*256)))
	} else {
		const n = 1024
		curve = be.AppendUint32([]byte("curv\x00\x00\x00\x00"), n)
		for i := range n {
			curve = be.AppendUint16(curve, uint16(math.Round(65535*srgbLight(float64(i)/(n-1)))))
		}
	}
	name := "PNG cHRM and gAMA"
	desc := be.AppendUint32([]byte("desc\x00\x00\x00\x00"), uint32(len(name)+1))
	desc = append(append(desc, name...), 0)
	desc = append(desc, make([]byte, 4+4+2+1+67)...) // no Unicode or ScriptCode description
	tags := []struct {
		sig  string
		data []byte
	}{
		{"desc", desc},
		{"cprt", append([]byte("text\x00\x00\x00\x00"), "No copyright, use freely\x00"...)},
		{"wtpt", xyzType(d50)},
		{"rXYZ", xyzType(colourants[0])},
		{"gXYZ", xyzType(colourants[1])},
		{"bXYZ", xyzType(colourants[2])},
		{"rTRC", curve},
		{"gTRC", nil}, // the red's curve, shared
		{"bTRC", nil},
	}
	header := make([]byte, 128)
	header[8], header[9] = 2, 0x10
	copy(header[12:], "mntrRGB XYZ ")
	copy(header[36:], "acsp")
	be.PutUint32(header[68:], uint32(int32(math.Round(d50[0]*65536))))
	be.PutUint32(header[72:], 65536)
	be.PutUint32(header[76:], uint32(int32(math.Round(d50[2]*65536))))
	table := be.AppendUint32(nil, uint32(len(tags)))
	var body []byte
	at := 128 + 4 + 12*len(tags)
	curveAt, curveLen := 0, 0
	for _, t := range tags {
		offset, size := at+len(body), len(t.data)
		if t.data == nil {
			offset, size = curveAt, curveLen
		} else {
			if t.sig == "rTRC" {
				curveAt, curveLen = offset, size
			}
			body = append(body, t.data...)
			for len(body)%4 != 0 {
				body = append(body, 0)
			}
		}
		table = append(table, t.sig...)
		table = be.AppendUint32(table, uint32(offset))
		table = be.AppendUint32(table, uint32(size))
	}
	out := append(append(header, table...), body...)
	be.PutUint32(out, uint32(len(out)))
	return out
}
