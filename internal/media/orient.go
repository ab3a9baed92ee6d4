package media

import (
	"image"
	"image/draw"
)

// storedAt is the stored pixel (sx, sy) a picture of w × h stored pixels
// shows at (x, y) under orientation o, as Exif defines it: 2 mirrors it
// left to right, 3 turns it a half, 4 mirrors it top to bottom, 5 mirrors
// it about its main diagonal, 6 turns it a quarter clockwise, 7 mirrors
// it about its other diagonal and 8 turns it a quarter anticlockwise.
func storedAt(x, y, w, h, o int) (sx, sy int) {
	switch o {
	case 2:
		return w - 1 - x, y
	case 3:
		return w - 1 - x, h - 1 - y
	case 4:
		return x, h - 1 - y
	case 5:
		return y, x
	case 6:
		return y, h - 1 - x
	case 7:
		return w - 1 - y, h - 1 - x
	case 8:
		return w - 1 - y, x
	}
	return x, y
}

// Orient turns and mirrors img as orientation o says, so it shows upright
// with no orientation; o of 1 (or none) returns img. A photograph's
// planes are turned each on its own, so a 4:2:0 one stays 4:2:0 and is
// encoded from its planes again (its colour, at half the resolution,
// moves by half a pixel of it where an odd side is mirrored); grey,
// RGBA, NRGBA, CMYK and paletted pictures keep their model; any other is
// turned as NRGBA.
func Orient(img image.Image, o int) image.Image {
	b := img.Bounds()
	if o < 2 || o > 8 || b.Empty() {
		return img
	}
	switch m := img.(type) {
	case *image.YCbCr:
		if out, ok := orientYCbCr(m, o); ok {
			return out
		}
	case *image.Gray:
		out := image.NewGray(shownRect(b, o))
		orientPix(m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], m.Stride, out.Pix, out.Stride, b.Dx(), b.Dy(), 1, o)
		return out
	case *image.RGBA:
		out := image.NewRGBA(shownRect(b, o))
		orientPix(m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], m.Stride, out.Pix, out.Stride, b.Dx(), b.Dy(), 4, o)
		return out
	case *image.NRGBA:
		out := image.NewNRGBA(shownRect(b, o))
		orientPix(m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], m.Stride, out.Pix, out.Stride, b.Dx(), b.Dy(), 4, o)
		return out
	case *image.CMYK:
		out := image.NewCMYK(shownRect(b, o))
		orientPix(m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], m.Stride, out.Pix, out.Stride, b.Dx(), b.Dy(), 4, o)
		return out
	case *image.Paletted:
		out := image.NewPaletted(shownRect(b, o), m.Palette)
		orientPix(m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], m.Stride, out.Pix, out.Stride, b.Dx(), b.Dy(), 1, o)
		return out
	}
	n := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(n, n.Rect, img, b.Min, draw.Src)
	return Orient(n, o)
}

// shownRect is the bounds, at the origin, of a picture of bounds b shown
// under orientation o.
func shownRect(b image.Rectangle, o int) image.Rectangle {
	w, h := Shown(b.Dx(), b.Dy(), o)
	return image.Rect(0, 0, w, h)
}

// orientPix writes the w × h stored pixels of src (px bytes each, rows
// stride bytes apart) into dst as orientation o shows them.
func orientPix(src []uint8, stride int, dst []uint8, dstStride, w, h, px, o int) {
	dw, dh := Shown(w, h, o)
	for y := range dh {
		row := dst[y*dstStride : y*dstStride+dw*px]
		for x := range dw {
			sx, sy := storedAt(x, y, w, h, o)
			copy(row[x*px:x*px+px], src[sy*stride+sx*px:])
		}
	}
}

// orientYCbCr turns a photograph's planes each on its own; ok is false for
// a subsampling whose turned form has no image.YCbCrSubsampleRatio.
func orientYCbCr(m *image.YCbCr, o int) (*image.YCbCr, bool) {
	ratio := m.SubsampleRatio
	if Transposes(o) {
		switch ratio {
		case image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio444:
		case image.YCbCrSubsampleRatio422:
			ratio = image.YCbCrSubsampleRatio440
		case image.YCbCrSubsampleRatio440:
			ratio = image.YCbCrSubsampleRatio422
		default:
			return nil, false
		}
	}
	b := m.Rect
	if b.Min != (image.Point{}) {
		return nil, false
	}
	out := image.NewYCbCr(shownRect(b, o), ratio)
	orientPix(m.Y, m.YStride, out.Y, out.YStride, b.Dx(), b.Dy(), 1, o)
	// the colour planes' own size, from the stored picture's corner
	cw, ch := m.COffset(b.Max.X-1, b.Min.Y)+1, m.COffset(b.Min.X, b.Max.Y-1)/m.CStride+1
	orientPix(m.Cb, m.CStride, out.Cb, out.CStride, cw, ch, 1, o)
	orientPix(m.Cr, m.CStride, out.Cr, out.CStride, cw, ch, 1, o)
	return out, true
}
