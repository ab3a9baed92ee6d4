package media

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"

	"golang.org/x/image/tiff/lzw"
)

// Kinds of TIFF x/image refuses are read here, their strips inflated
// and their pixels unpacked: grey or a palette of 2 or 4 bits a pixel (16
// levels of grey from a scanner, a few-colour drawing saved by
// ImageMagick or GIMP: "BitsPerSample of 4"), and CMYK of 8 bits a sample
// (a print shop's or a prepress program's picture). Only the common
// layout is read: in strips, the samples of a pixel together, compressed
// with none, LZW, Deflate or PackBits, a CMYK one with or without the
// horizontal predictor; another keeps x/image's refusal, or the
// message naming its colour model.

// TIFF tags of the kinds read here.
const (
	tagColorMap = 320
	tagInkSet   = 332
)

// packed says whether a TIFF's first page is of a kind decodePacked
// reads, and its bits a sample.
func (l tiffLayout) packed(data []byte) (bits int, ok bool) {
	bits = l.firstValue(data, tagBitsPerSample, 1)
	samples := l.firstValue(data, tagSamplesPerPixel, 1)
	switch {
	case l.entry(tagTileWidth) != nil || l.sampleFormat != 1 || l.firstValue(data, tagPlanar, 1) != 1:
		return 0, false
	case l.photometric == 5:
		// CMYK inks (InkSet 1), not another set of four
		if bits != 8 || samples != 4 || l.firstValue(data, tagInkSet, 1) != 1 || l.predictor != 1 && l.predictor != 2 {
			return 0, false
		}
	case l.photometric == 6:
		// YCbCr data units (tiffycbcr.go)
		if bits != 8 || samples != 3 || l.predictor != 1 {
			return 0, false
		}
	case l.photometric == 0 || l.photometric == 1 || l.photometric == 3:
		if bits != 2 && bits != 4 || samples != 1 || l.predictor != 1 {
			return 0, false
		}
	default:
		return 0, false
	}
	switch l.compression {
	case 1, 5, 8, 32946, 32773:
		return bits, true
	}
	return 0, false
}

// packedConfig is such a page's size and colour model.
func (l tiffLayout) packedConfig(data []byte, bits int) (image.Config, error) {
	w, h := l.firstValue(data, tagWidth, 0), l.firstValue(data, tagHeight, 0)
	if w <= 0 || h <= 0 {
		return image.Config{}, errors.New("TIFF without a width and height")
	}
	switch l.photometric {
	case 6:
		return l.ycbcrConfig(data)
	case 5:
		return image.Config{ColorModel: color.CMYKModel, Width: w, Height: h}, nil
	case 0, 1:
		return image.Config{ColorModel: color.GrayModel, Width: w, Height: h}, nil
	}
	palette, err := l.palette(data, bits)
	if err != nil {
		return image.Config{}, err
	}
	return image.Config{ColorModel: palette, Width: w, Height: h}, nil
}

// palette reads the ColorMap: all reds, then greens, then blues, 16 bits
// each.
func (l tiffLayout) palette(data []byte, bits int) (color.Palette, error) {
	n := 1 << bits
	vs, ok := l.values(data, tagColorMap, 3*n)
	if !ok || len(vs) != 3*n {
		return nil, fmt.Errorf("TIFF palette of %d bits a pixel without a colour map of %d colours", bits, n)
	}
	p := make(color.Palette, n)
	for i := range p {
		p[i] = color.RGBA{uint8(vs[i] >> 8), uint8(vs[n+i] >> 8), uint8(vs[2*n+i] >> 8), 0xff}
	}
	return p, nil
}

// decodePacked decodes such a page: an *image.Gray of its levels spread
// over 0 to 255, an *image.Paletted, or an *image.CMYK.
func (l tiffLayout) decodePacked(data []byte, bits int) (image.Image, error) {
	if l.photometric == 6 {
		return l.decodeYCbCr(data)
	}
	cfg, err := l.packedConfig(data, bits)
	if err != nil {
		return nil, err
	}
	w, h := cfg.Width, cfg.Height
	r := image.Rect(0, 0, w, h)
	if l.photometric == 5 {
		pix, err := l.stripRows(data, 4*w, h)
		if err != nil {
			return nil, err
		}
		if l.predictor == 2 {
			for y := range h {
				row := pix[y*4*w : (y+1)*4*w]
				for i := 4; i < len(row); i++ {
					row[i] += row[i-4]
				}
			}
		}
		return &image.CMYK{Pix: pix, Stride: 4 * w, Rect: r}, nil
	}
	rowBytes := (w*bits + 7) / 8
	raw, err := l.stripRows(data, rowBytes, h)
	if err != nil {
		return nil, err
	}
	pix := make([]uint8, w*h)
	levels := uint8(1<<bits - 1)
	for y := range h {
		row := raw[y*rowBytes:]
		out := pix[y*w : (y+1)*w]
		for x := range out {
			bit := x * bits
			v := row[bit/8] >> (8 - bits - bit%8) & levels
			switch l.photometric {
			case 0: // white is zero
				v = (levels - v) * (255 / levels)
			case 1:
				v *= 255 / levels
			}
			out[x] = v
		}
	}
	if p, ok := cfg.ColorModel.(color.Palette); ok {
		return &image.Paletted{Pix: pix, Stride: w, Rect: r, Palette: p}, nil
	}
	return &image.Gray{Pix: pix, Stride: w, Rect: r}, nil
}

// stripRows is the h rows of rowBytes bytes a page's strips hold,
// inflated and joined.
func (l tiffLayout) stripRows(data []byte, rowBytes, h int) ([]byte, error) {
	return l.stripRowsPer(data, rowBytes, h, l.firstValue(data, tagRowsPerStrip, h))
}

// stripRowsPer is stripRows with rows a strip given: a YCbCr page's rows
// of data units are fewer than its rows of pixels.
func (l tiffLayout) stripRowsPer(data []byte, rowBytes, h, rows int) ([]byte, error) {
	rows = max(1, min(rows, h))
	strips := (h + rows - 1) / rows
	offsets, ok1 := l.values(data, tagStripOffsets, maxTIFFBlocks)
	counts, ok2 := l.values(data, tagStripByteCounts, maxTIFFBlocks)
	if !ok1 || !ok2 || len(offsets) < strips || len(counts) < strips {
		return nil, fmt.Errorf("TIFF strips: %d expected, their offsets or sizes missing", strips)
	}
	out := make([]byte, 0, rowBytes*h)
	for s := range strips {
		at, n := int64(offsets[s]), int64(counts[s])
		if at+n > int64(len(data)) {
			return nil, fmt.Errorf("TIFF strip %d at byte %d, %d bytes long, passes its end (%d bytes)", s, at, n, len(data))
		}
		want := min(rows, h-s*rows) * rowBytes
		raw, err := l.inflateStrip(data[at:at+n], want)
		if err != nil {
			return nil, fmt.Errorf("TIFF strip %d: %v", s, err)
		}
		if len(raw) < want {
			return nil, fmt.Errorf("TIFF strip %d: %d bytes of pixels, %d expected", s, len(raw), want)
		}
		out = append(out, raw[:want]...)
	}
	return out, nil
}

// inflateStrip decompresses a strip, reading no more than want bytes.
func (l tiffLayout) inflateStrip(strip []byte, want int) ([]byte, error) {
	var r io.Reader
	switch l.compression {
	case 1:
		return strip, nil
	case 32773:
		return unpackBits(strip, want), nil
	case 5:
		lr := lzw.NewReader(bytes.NewReader(strip), lzw.MSB, 8)
		defer lr.Close()
		r = lr
	default:
		zr, err := zlib.NewReader(bytes.NewReader(strip))
		if err != nil {
			return nil, err
		}
		r = zr
	}
	out, err := io.ReadAll(io.LimitReader(r, int64(want)))
	if len(out) == want {
		return out, nil // a stream's damaged end past the pixels is no matter
	}
	return out, err
}

// unpackBits undoes PackBits' runs, up to want bytes.
func unpackBits(in []byte, want int) []byte {
	out := make([]byte, 0, want)
	for i := 0; i < len(in) && len(out) < want; {
		n := int(int8(in[i]))
		i++
		switch {
		case n >= 0:
			end := min(len(in), i+n+1)
			out = append(out, in[i:end]...)
			i = end
		case n != -128:
			if i < len(in) {
				out = append(out, bytes.Repeat(in[i:i+1], 1-n)...)
			}
			i++
		}
	}
	return out[:min(len(out), want)]
}
