package media

import (
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"math"
)

// A PNG's gAMA chunk says how its samples relate to light, and web
// browsers follow it when the PNG has no colour profile (iCCP) and does
// not say it is sRGB: a PNG saved with gamma 1.0, as some scientific and
// older programs write, shows much lighter than its samples read as
// sRGB. The EPUB keeps such a PNG as it is, for the reading system to
// show as a browser does; its decoded pixels, which the PDF embeds and
// reductions are made of, are converted to sRGB as it is decoded (light
// = sample^exponent, then sRGB's curve, as Chromium shows it), so the
// PDF shows it as the browser does.

// PNGGamma is the exponent that makes light of a PNG's samples, on a
// scale of 0 to 1, and ok is true when its gAMA chunk gives one
// differing from sRGB's (about 2.2) by more than 5% (as libpng judges
// gammas), with no sRGB or iCCP chunk before its pixels.
func PNGGamma(data []byte) (exponent float64, ok bool) {
	var gamma uint32
	for at := 8; at+8 <= len(data) && len(data) > 8; {
		n := int(binary.BigEndian.Uint32(data[at:]))
		if n < 0 || n > len(data)-at-12 {
			break
		}
		switch string(data[at+4 : at+8]) {
		case "gAMA":
			if n == 4 {
				gamma = binary.BigEndian.Uint32(data[at+8:])
			}
		case "sRGB", "iCCP":
			return 1, false
		case "IDAT", "IEND":
			at = len(data)
			continue
		}
		at += 12 + n
	}
	if gamma == 0 {
		return 1, false
	}
	// gAMA holds the encoding exponent × 100000: light = sample^(1/g)
	exponent = 100000 / float64(gamma)
	if math.Abs(exponent/2.2-1) <= 0.05 || exponent > 100 || exponent < 0.01 {
		return 1, false
	}
	return exponent, true
}

// shown is the sRGB sample, on a scale of 0 to 1, of a sample whose
// light is sample^exponent.
func shown(sample, exponent float64) float64 {
	light := math.Pow(sample, exponent)
	if light <= 0.0031308 {
		return 12.92 * light
	}
	return 1.055*math.Pow(light, 1/2.4) - 0.055
}

// withGamma returns img, decoded by image/png, with its colours (not its
// opacity) converted to sRGB (shown): in place for the kinds image/png decodes
// to, a palette's colours in a new palette.
func withGamma(img image.Image, exponent float64) image.Image {
	var lut8 [256]uint8
	for i := range lut8 {
		lut8[i] = uint8(math.Round(255 * shown(float64(i)/255, exponent)))
	}
	switch m := img.(type) {
	case *image.Gray:
		for i, v := range m.Pix {
			m.Pix[i] = lut8[v]
		}
		return m
	case *image.NRGBA:
		for i := 0; i+3 < len(m.Pix); i += 4 {
			m.Pix[i], m.Pix[i+1], m.Pix[i+2] = lut8[m.Pix[i]], lut8[m.Pix[i+1]], lut8[m.Pix[i+2]]
		}
		return m
	case *image.Paletted:
		p := make(color.Palette, len(m.Palette))
		for i, c := range m.Palette {
			n := color.NRGBAModel.Convert(c).(color.NRGBA)
			p[i] = color.NRGBA{lut8[n.R], lut8[n.G], lut8[n.B], n.A}
		}
		return &image.Paletted{Pix: m.Pix, Stride: m.Stride, Rect: m.Rect, Palette: p}
	}
	// 16 bits a sample, and RGB image/png decodes premultiplied: as
	// NRGBA64, each sample through the curve
	n := image.NewNRGBA64(img.Bounds())
	draw.Draw(n, n.Rect, img, img.Bounds().Min, draw.Src)
	lut16 := make([]uint16, 1<<16)
	for i := range lut16 {
		lut16[i] = uint16(math.Round(65535 * shown(float64(i)/65535, exponent)))
	}
	for i := 0; i+7 < len(n.Pix); i += 8 {
		for c := i; c < i+6; c += 2 {
			v := lut16[uint16(n.Pix[c])<<8|uint16(n.Pix[c+1])]
			n.Pix[c], n.Pix[c+1] = uint8(v>>8), uint8(v)
		}
	}
	return n
}
