package media

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
)

// A JPEG-compressed TIFF (compression 7, as scanners and ImageMagick
// write it) holds each strip or tile as a JPEG stream, whose tables may
// be kept once for all in the JPEGTables tag. x/image does not read it;
// each stream, its tables put back in front, is a JPEG image/jpeg reads,
// and the page is its strips or tiles put together. Old-style JPEG
// (compression 6), which has no such streams, is not read.

// jpegTIFF is where a JPEG-compressed TIFF's streams are.
type jpegTIFF struct {
	width, height int
	grey          bool
	blockW        int // the strips' or tiles' size
	blockH        int
	across        int // blocks in a row
	offsets       []uint32
	counts        []uint32
	tables        []byte // the JPEGTables stream, or nil
}

// TIFF tags a JPEG-compressed TIFF is read by.
const (
	tagWidth           = 256
	tagHeight          = 257
	tagBitsPerSample   = 258
	tagPhotometric     = 262
	tagStripOffsets    = 273
	tagSamplesPerPixel = 277
	tagRowsPerStrip    = 278
	tagStripByteCounts = 279
	tagPlanar          = 284
	tagTileWidth       = 322
	tagTileLength      = 323
	tagTileOffsets     = 324
	tagTileByteCounts  = 325
	tagJPEGTables      = 347
)

// maxTIFFBlocks bounds the strips or tiles of a page.
const maxTIFFBlocks = 1 << 20

// entry is the first directory's entry of tag, or nil.
func (l tiffLayout) entry(tag uint16) []byte {
	for i := 0; i+12 <= len(l.first); i += 12 {
		if l.order.Uint16(l.first[i:]) == tag {
			return l.first[i : i+12]
		}
	}
	return nil
}

// values reads an entry's SHORT or LONG values, at most max of them, held
// in the entry or where it points; ok is false for a missing entry, one
// of another type or count, or one pointing outside the file.
func (l tiffLayout) values(data []byte, tag uint16, max int) (vs []uint32, ok bool) {
	e := l.entry(tag)
	if e == nil {
		return nil, false
	}
	typ, n := l.order.Uint16(e[2:]), l.order.Uint32(e[4:])
	size := map[uint16]int{3: 2, 4: 4}[typ]
	if size == 0 || n == 0 || int64(n) > int64(max) {
		return nil, false
	}
	raw, ok := l.payload(data, e, int(n)*size)
	if !ok {
		return nil, false
	}
	vs = make([]uint32, n)
	for i := range vs {
		if size == 2 {
			vs[i] = uint32(l.order.Uint16(raw[i*2:]))
		} else {
			vs[i] = l.order.Uint32(raw[i*4:])
		}
	}
	return vs, true
}

// payload is the n bytes of an entry's values: in the entry when they
// fit, else where it points.
func (l tiffLayout) payload(data, e []byte, n int) ([]byte, bool) {
	if n <= 4 {
		return e[8 : 8+n], true
	}
	at := int64(l.order.Uint32(e[8:]))
	if at+int64(n) > int64(len(data)) {
		return nil, false
	}
	return data[at : at+int64(n)], true
}

// first is an entry's first value, or def when it has none.
func (l tiffLayout) firstValue(data []byte, tag uint16, def int) int {
	if vs, ok := l.values(data, tag, 16); ok {
		return int(vs[0])
	}
	return def
}

// jpeg reads where a JPEG-compressed TIFF's streams are, refusing what it
// cannot put together: planes stored apart, samples of other than 8 bits,
// colours other than grey, RGB and YCbCr.
func (l tiffLayout) jpeg(data []byte) (*jpegTIFF, error) {
	j := &jpegTIFF{width: l.firstValue(data, tagWidth, 0), height: l.firstValue(data, tagHeight, 0)}
	if j.width <= 0 || j.height <= 0 {
		return nil, fmt.Errorf("TIFF of %d × %d pixels", j.width, j.height)
	}
	spp := l.firstValue(data, tagSamplesPerPixel, 1)
	switch {
	case spp == 1 && l.photometric == 1:
		j.grey = true
	case spp == 3 && (l.photometric == 2 || l.photometric == 6):
	default:
		return nil, unsupportedTIFF(fmt.Sprintf("JPEG compression of %d samples a pixel in photometric interpretation %d", spp, l.photometric))
	}
	if bits, ok := l.values(data, tagBitsPerSample, 16); ok {
		for _, b := range bits {
			if b != 8 {
				return nil, unsupportedTIFF(fmt.Sprintf("JPEG compression of %d bits a sample", b))
			}
		}
	}
	if l.firstValue(data, tagPlanar, 1) != 1 {
		return nil, unsupportedTIFF("JPEG compression of colour planes stored apart")
	}
	offsetTag, countTag := uint16(tagStripOffsets), uint16(tagStripByteCounts)
	j.blockW, j.blockH = j.width, min(l.firstValue(data, tagRowsPerStrip, j.height), j.height)
	if l.entry(tagTileWidth) != nil {
		offsetTag, countTag = tagTileOffsets, tagTileByteCounts
		j.blockW, j.blockH = l.firstValue(data, tagTileWidth, 0), l.firstValue(data, tagTileLength, 0)
	}
	if j.blockW < 1 || j.blockH < 1 {
		return nil, fmt.Errorf("TIFF strips or tiles of %d × %d pixels", j.blockW, j.blockH)
	}
	j.across = ceilDiv(j.width, j.blockW)
	blocks := int64(j.across) * int64(ceilDiv(j.height, j.blockH))
	if blocks > maxTIFFBlocks {
		return nil, fmt.Errorf("TIFF of %d strips or tiles", blocks)
	}
	var ok1, ok2 bool
	j.offsets, ok1 = l.values(data, offsetTag, int(blocks))
	j.counts, ok2 = l.values(data, countTag, int(blocks))
	if !ok1 || !ok2 || len(j.offsets) != int(blocks) || len(j.counts) != int(blocks) {
		return nil, fmt.Errorf("TIFF's %d strips or tiles are not all where it says", blocks)
	}
	if e := l.entry(tagJPEGTables); e != nil {
		j.tables, _ = l.payload(data, e, int(l.order.Uint32(e[4:])))
	}
	return j, nil
}

// config is the page's size and the colour model it decodes to.
func (j *jpegTIFF) config() image.Config {
	m := color.RGBAModel
	if j.grey {
		m = color.GrayModel
	}
	return image.Config{ColorModel: m, Width: j.width, Height: j.height}
}

// decode decodes every strip or tile, its size checked against the
// block's before its pixels are, and puts them together.
func (j *jpegTIFF) decode(data []byte) (image.Image, error) {
	r := image.Rect(0, 0, j.width, j.height)
	var out draw.Image = image.NewRGBA(r)
	if j.grey {
		out = image.NewGray(r)
	}
	for i, at := range j.offsets {
		n := int64(j.counts[i])
		if int64(at)+n > int64(len(data)) {
			return nil, fmt.Errorf("TIFF's strip or tile %d lies outside the file", i+1)
		}
		stream := jpegStream(j.tables, data[at:int64(at)+n])
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(stream))
		if err != nil {
			return nil, fmt.Errorf("TIFF's strip or tile %d: %v", i+1, err)
		}
		// a stream no larger than its block (padded to whole 16-pixel
		// units, as encoders may), nor than the page: a tile's size
		// is the file's word too
		if cfg.Width > min(j.blockW, j.width+16)+15 || cfg.Height > min(j.blockH, j.height+16)+15 {
			return nil, fmt.Errorf("TIFF's strip or tile %d holds %d × %d pixels, more than its %d × %d", i+1, cfg.Width, cfg.Height, j.blockW, j.blockH)
		}
		img, err := jpeg.Decode(bytes.NewReader(stream))
		if err != nil {
			return nil, fmt.Errorf("TIFF's strip or tile %d: %v", i+1, err)
		}
		x, y := i%j.across*j.blockW, i/j.across*j.blockH
		draw.Draw(out, image.Rect(x, y, x+j.blockW, y+j.blockH).Intersect(r), img, img.Bounds().Min, draw.Src)
	}
	return out, nil
}

// jpegStream is a strip's stream with the TIFF's JPEGTables in front:
// the tables' stream without its end, the strip's without its start.
func jpegStream(tables, strip []byte) []byte {
	if len(tables) < 4 || !bytes.HasPrefix(tables, []byte{0xff, 0xd8}) || !bytes.HasSuffix(tables, []byte{0xff, 0xd9}) ||
		!bytes.HasPrefix(strip, []byte{0xff, 0xd8}) {
		return strip
	}
	out := make([]byte, 0, len(tables)+len(strip)-4)
	out = append(out, tables[:len(tables)-2]...)
	return append(out, strip[2:]...)
}
