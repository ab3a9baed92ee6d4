package media

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"io"
)

// decodePNG decodes a PNG whole through the row reader (newPNGRows), for
// the kinds a book's diagrams and screenshots are saved as: 8 bits a
// channel, not interlaced, grey, RGB or RGBA, without a palette or a
// transparent colour, its chunks in the order image/png reads them. The
// picture is what image/png gives, of the same type (*image.Gray,
// *image.RGBA for RGB, *image.NRGBA for RGBA) and pixels; ok is false for
// any other PNG, which image/png decodes.
//
// image/png's decoding of a book of diagrams with transparency took half
// the time its pictures took: its inflater, its Paeth filter a byte at a
// time, and the zlib checksum. The row reader's inflater and filters take
// half the time, and the checksum is not checked (damage to the pixel
// data is found by the inflater). Each chunk's CRC is, as image/png
// checks it, so that the picture fails where it failed.
func decodePNG(data []byte) (img image.Image, ok bool, err error) {
	r, ok, err := openWholePNG(data)
	if !ok || err != nil {
		return nil, ok, err
	}
	rect := image.Rect(0, 0, r.width, r.height)
	var pix []uint8
	var stride int
	switch r.channels {
	case 1:
		m := image.NewGray(rect)
		img, pix, stride = m, m.Pix, m.Stride
	case 3:
		m := image.NewRGBA(rect)
		img, pix, stride = m, m.Pix, m.Stride
	case 4:
		m := image.NewNRGBA(rect)
		img, pix, stride = m, m.Pix, m.Stride
	default:
		return nil, false, nil
	}
	for y := range r.height {
		row, err := r.next()
		if err != nil {
			return nil, true, err
		}
		dst := pix[y*stride : y*stride+stride]
		if r.channels == 3 {
			expandRGB(dst, row)
		} else {
			copy(dst, row)
		}
	}
	if err := endOfPixels(r); err != nil {
		return nil, true, err
	}
	return img, true, nil
}

// SplitPNG makes what the PDF embeds for a PNG it does not reduce, read a
// row at a time, never decoded whole, for the kinds decodePNG reads (ok is
// false for any other): an RGBA picture's colours as a PNG of 8-bit RGB
// and its opacity, one byte a pixel, as a zlib stream, byte for byte what
// EncodeColoursAndOpacity writes for the decoded picture, or, when every
// pixel is opaque, EncodePNG's PNG of its colours and no opacity; a grey
// or RGB picture is data itself, its pixels read to check them. A
// picture that cannot be decoded is the error Decode gives.
//
// Decoded whole, a diagram's pixels were written, searched for
// transparency, and read again to be encoded; here each row is encoded
// as it is read, and nothing of the picture is kept: a book of 52
// diagrams peaked at 60 to 80 MB less, for about the same CPU (the
// inflating and deflating are nearly all of it).
func SplitPNG(data []byte) (colours, opacity []byte, ok bool, err error) {
	colours, opacity, ok, err = splitPNG(data)
	return colours, opacity, ok, cutShort(PNG, data, err, "cannot decode: ")
}

// splitPNG is SplitPNG, its errors as the row reader words them.
func splitPNG(data []byte) (colours, opacity []byte, ok bool, err error) {
	r, ok, err := openWholePNG(data)
	if !ok || err != nil {
		return nil, nil, ok, err
	}
	if r.channels != 4 {
		if r.channels != 1 && r.channels != 3 {
			return nil, nil, false, nil
		}
		for range r.height {
			if _, err := r.next(); err != nil {
				return nil, nil, true, err
			}
		}
		if err := endOfPixels(r); err != nil {
			return nil, nil, true, err
		}
		return data, nil, true, nil
	}
	w := r.width
	// The mask is begun at the first row not opaque, with the opaque
	// rows before it: an opaque picture has none, and its colours are
	// what EncodePNG writes for them.
	var mask *rowDeflater
	last := make([]uint8, 4*w)
	colours = encodeRows(w, r.height, 2, func(y int, dst []uint8) bool {
		if err != nil {
			return true // the rest is not read
		}
		row, e := r.next()
		if e != nil {
			err = e
			return true
		}
		same := y > 0 && bytes.Equal(row, last)
		if !same {
			dropAlpha(dst, row)
			copy(last, row)
			if mask == nil && !rowOpaque(row) {
				mask = newRowDeflater(w, 1)
				for range y {
					opaqueRow := mask.next(w)
					for x := range opaqueRow {
						opaqueRow[x] = 0xff
					}
				}
			}
		}
		if mask != nil {
			alpha := mask.next(w)
			for x := range alpha {
				alpha[x] = row[4*x+3]
			}
		}
		return same
	})
	if err == nil {
		err = endOfPixels(r)
	}
	if err != nil {
		return nil, nil, true, err
	}
	if mask != nil {
		opacity = mask.finish()
	}
	return colours, opacity, true, nil
}

// openWholePNG is the row reader of a PNG that decodePNG reads (wholePNG).
func openWholePNG(data []byte) (*pngRows, bool, error) {
	if !wholePNG(data) {
		return nil, false, nil
	}
	return newPNGRows(data)
}

// wholePNG reports whether decodePNG reads data: a PNG of 8 bits a
// channel, not interlaced, grey, RGB or RGBA, with neither palette nor
// transparent colour, whose chunks are whole, their CRCs right, in the
// order image/png wants (IHDR first, the IDAT chunks in one run, IEND
// after them). Any other is left to image/png, to be read, or refused in
// its words. It is checked here, not left to newPNGRows, so that the
// kinds read whole stay these whatever else the row reader learns to
// read.
func wholePNG(data []byte) bool {
	if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		return false
	}
	const (
		start = iota
		header
		pixels
		afterPixels
	)
	stage := start
	for at := 8; ; {
		if len(data)-at < 12 {
			return false
		}
		n := binary.BigEndian.Uint32(data[at:])
		if n > 0x7fffffff || int(n) > len(data)-at-12 {
			return false
		}
		kind := string(data[at+4 : at+8])
		body := data[at+8 : at+8+int(n)]
		if crc32.ChecksumIEEE(data[at+4:at+8+int(n)]) != binary.BigEndian.Uint32(data[at+8+int(n):]) {
			return false
		}
		at += 12 + int(n)
		switch {
		case kind == "IHDR":
			if stage != start || n != 13 {
				return false
			}
			w, h := binary.BigEndian.Uint32(body), binary.BigEndian.Uint32(body[4:])
			depth, colourType := body[8], body[9]
			compression, filter, interlace := body[10], body[11], body[12]
			if w == 0 || h == 0 || w > 1<<24 || h > 1<<24 || depth != 8 ||
				colourType != 0 && colourType != 2 && colourType != 6 ||
				compression != 0 || filter != 0 || interlace != 0 {
				return false
			}
			stage = header
		case stage == start, kind == "PLTE", kind == "tRNS":
			return false
		case kind == "IDAT":
			if stage == afterPixels {
				return false // image/png ignores it; newPNGRows would not
			}
			stage = pixels
		case kind == "IEND":
			return n == 0 && stage >= pixels
		case stage == pixels:
			stage = afterPixels
		}
	}
}

// endOfPixels checks that the pixel data ends with the last row, as
// image/png checks it: more is an error.
func endOfPixels(r *pngRows) error {
	var b [1]byte
	n, err := 0, error(nil)
	for i := 0; n == 0 && err == nil; i++ {
		if i == 100 {
			return fmt.Errorf("cannot decode: png: %v", io.ErrNoProgress)
		}
		n, err = r.z.Read(b[:])
	}
	switch {
	case n != 0:
		return fmt.Errorf("cannot decode: png: invalid format: too much pixel data")
	case err != io.EOF:
		return fmt.Errorf("cannot decode: png: invalid format: %v", err)
	}
	return nil
}

// expandRGB copies an RGB row into an RGBA one, each pixel opaque, two
// pixels a word; the last pixel, whose word would pass the row's end, a
// byte at a time.
func expandRGB(dst, rgb []uint8) {
	w := min(len(dst)/4, len(rgb)/3)
	dst, rgb = dst[:4*w], rgb[:3*w]
	x := 0
	for ; 3*x+8 <= len(rgb); x += 2 {
		v := binary.LittleEndian.Uint64(rgb[3*x:])
		binary.LittleEndian.PutUint64(dst[4*x:], v&0xffffff|(v<<8)&0xffffff_00000000|0xff000000_ff000000)
	}
	for ; x < w; x++ {
		dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = rgb[3*x], rgb[3*x+1], rgb[3*x+2], 0xff
	}
}
