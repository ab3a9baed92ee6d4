package media

import (
	"bytes"
	"image"

	"golang.org/x/image/webp"
)

// decodeWebP decodes a WebP picture. A lossy one's samples are Y′CbCr of
// BT.601's studio range (Y′ from 16 to 235, as libwebp and browsers read
// them), which x/image/webp returns as an image.YCbCr, whose colours
// Go reads as JPEG's full range: black would print dark grey and every
// colour washed out. They are converted here, nearest chroma sample
// for each pixel.
func decodeWebP(data []byte) (image.Image, error) {
	img, err := webp.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	switch m := img.(type) {
	case *image.YCbCr:
		out := image.NewRGBA(m.Rect)
		studioRangeToRGB(m, out.Pix, out.Stride, nil)
		return out, nil
	case *image.NYCbCrA:
		out := image.NewNRGBA(m.Rect)
		studioRangeToRGB(&m.YCbCr, out.Pix, out.Stride, func(x, y int) uint8 { return m.A[m.AOffset(x, y)] })
		return out, nil
	}
	return img, nil
}

// studioRangeToRGB writes m's pixels, read as BT.601 studio-range
// Y′CbCr, into pix (four bytes a pixel, origin at m.Rect.Min), opaque
// or with alpha's opacity.
func studioRangeToRGB(m *image.YCbCr, pix []uint8, stride int, alpha func(x, y int) uint8) {
	b := m.Rect
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := pix[(y-b.Min.Y)*stride:]
		for x := b.Min.X; x < b.Max.X; x++ {
			// 8 fractional bits: 1.164 = 298/256 for Y′, the chroma
			// coefficients likewise
			yy := 298 * (int32(m.Y[m.YOffset(x, y)]) - 16)
			ci := m.COffset(x, y)
			cb, cr := int32(m.Cb[ci])-128, int32(m.Cr[ci])-128
			i := 4 * (x - b.Min.X)
			row[i] = clamp8((yy + 409*cr + 128) >> 8)
			row[i+1] = clamp8((yy - 100*cb - 208*cr + 128) >> 8)
			row[i+2] = clamp8((yy + 516*cb + 128) >> 8)
			row[i+3] = 0xff
			if alpha != nil {
				row[i+3] = alpha(x, y)
			}
		}
	}
}

func clamp8(v int32) uint8 {
	switch {
	case v < 0:
		return 0
	case v > 255:
		return 255
	}
	return uint8(v)
}
