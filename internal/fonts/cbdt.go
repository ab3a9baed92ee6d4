package fonts

// ColorGlyph is a glyph of a colour bitmap font (CBLC/CBDT, as Noto Color
// Emoji is): a PNG picture and where it stands, in ems of the type it is
// set in, from the strike's pixels scaled by its ppem.
type ColorGlyph struct {
	PNG []byte
	// Width and Height are the picture's size; BearingX is from the pen
	// to its left edge, BearingY from the baseline up to its top;
	// Advance moves the pen.
	Width, Height, BearingX, BearingY, Advance float64
}

// colorGlyph reads glyph g from the CBLC and CBDT tables, from the strike
// of the most pixels per em that has it. It reports false when no strike
// has it in a format it reads: index subtables 1, 2 and 3, images 17, 18
// and 19 (PNG with small, big or the index's metrics). A table that cannot
// be read has no glyph; reading never goes outside the tables.
func colorGlyph(cblc, cbdt []byte, g int) (ColorGlyph, bool) {
	d := newBin(cblc)
	if len(cblc) < 8 || len(cbdt) < 4 {
		return ColorGlyph{}, false
	}
	best, bestPPEM := -1, 0
	for i, n := 0, d.u32(4); i < n && d.ok(); i++ {
		rec := 8 + 48*i
		if rec+48 > len(cblc) {
			break
		}
		first, last, ppem := d.u16(rec+40), d.u16(rec+42), int(cblc[rec+45])
		if g < first || g > last || ppem == 0 || ppem <= bestPPEM {
			continue
		}
		if _, ok := strikeGlyph(d, cbdt, rec, g, ppem); ok {
			best, bestPPEM = rec, ppem
		}
	}
	if best < 0 {
		return ColorGlyph{}, false
	}
	return strikeGlyph(d, cbdt, best, g, bestPPEM)
}

// strikeGlyph reads glyph g from the strike whose BitmapSize record is at
// rec in the CBLC table d.
func strikeGlyph(d *bin, cbdt []byte, rec, g, ppem int) (ColorGlyph, bool) {
	arr, n := d.u32(rec), d.u32(rec+8)
	for i := 0; i < n && d.ok(); i++ {
		e := arr + 8*i
		first, last, sub := d.u16(e), d.u16(e+2), arr+d.u32(e+4)
		if d.bad {
			return ColorGlyph{}, false
		}
		if g < first || g > last {
			continue
		}
		indexFormat, imageFormat, dataOff := d.u16(sub), d.u16(sub+2), d.u32(sub+4)
		k := g - first
		var start, end int
		var metrics []byte // big glyph metrics of the index (format 2)
		switch indexFormat {
		case 1:
			start, end = d.u32(sub+8+4*k), d.u32(sub+12+4*k)
		case 3:
			start, end = d.u16(sub+8+2*k), d.u16(sub+10+2*k)
		case 2:
			size := d.u32(sub + 8)
			if sub+20 > len(d.b) {
				return ColorGlyph{}, false
			}
			metrics = d.b[sub+12 : sub+20]
			start, end = size*k, size*(k+1)
		default:
			return ColorGlyph{}, false
		}
		if d.bad || start < 0 || end <= start || dataOff+end > len(cbdt) || dataOff+end < 0 {
			return ColorGlyph{}, false
		}
		return colorImage(cbdt[dataOff+start:dataOff+end], imageFormat, metrics, ppem)
	}
	return ColorGlyph{}, false
}

// colorImage reads one glyph's image data in CBDT image format f; metrics
// are the index's big glyph metrics, which format 19 uses.
func colorImage(b []byte, f int, metrics []byte, ppem int) (ColorGlyph, bool) {
	var m []byte
	var at int
	switch f {
	case 17: // small glyph metrics: height, width, bearingX, bearingY, advance
		if len(b) < 9 {
			return ColorGlyph{}, false
		}
		m, at = []byte{b[0], b[1], b[2], b[3], b[4]}, 5
	case 18: // big glyph metrics: the horizontal ones are the first five
		if len(b) < 12 {
			return ColorGlyph{}, false
		}
		m, at = b[:5], 8
	case 19:
		if len(metrics) < 5 || len(b) < 4 {
			return ColorGlyph{}, false
		}
		m, at = metrics[:5], 0
	default:
		return ColorGlyph{}, false
	}
	n := int(b[at])<<24 | int(b[at+1])<<16 | int(b[at+2])<<8 | int(b[at+3])
	png := b[at+4:]
	if n <= 0 || n > len(png) || m[0] == 0 || m[1] == 0 {
		return ColorGlyph{}, false
	}
	s := float64(ppem)
	return ColorGlyph{
		PNG:      png[:n:n],
		Height:   float64(m[0]) / s,
		Width:    float64(m[1]) / s,
		BearingX: float64(int8(m[2])) / s,
		BearingY: float64(int8(m[3])) / s,
		Advance:  float64(m[4]) / s,
	}, true
}
