package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
)

// TIFF and BMP pictures, which archives and office programs hand out, are
// no core media type of EPUB 3 and no browser's: both outputs decode them
// (golang.org/x/image), the PDF to embed their pixels as it does any
// raster's, the EPUB to store them as PNG (Converts).
const (
	TIFF = "image/tiff"
	BMP  = "image/bmp"
)

// Converts reports whether the EPUB stores a picture of the media type as
// a PNG of its pixels rather than as it is.
func Converts(mediaType string) bool {
	return mediaType == TIFF || mediaType == BMP
}

// tiffLayout is what a TIFF's directories say that decides whether
// x/image can decode its first page, and how many pages it has.
type tiffLayout struct {
	pages        int // the first and every later directory that is not a reduced-resolution copy
	compression  int
	photometric  int
	predictor    int
	sampleFormat int
	t4Options    int
	// the first directory's entries, 12 bytes each, and the byte order,
	// for what only a JPEG-compressed TIFF needs read (tiffjpeg.go)
	first []byte
	order binary.ByteOrder
}

// maxTIFFDirectories bounds the directories read: a file may chain them
// in a loop or claim millions.
const maxTIFFDirectories = 1 << 14

// readTIFF walks a TIFF's chain of image file directories (IFDs), reading
// from the first the tags that decide whether it can be decoded and
// counting the pages. Nothing it reads is trusted: every offset and count
// is checked against the bytes there are, and a directory met twice ends
// the chain.
func readTIFF(data []byte) (tiffLayout, error) {
	var order binary.ByteOrder
	switch {
	case len(data) < 8:
		return tiffLayout{}, errors.New("TIFF header cut short")
	case string(data[:4]) == "II*\x00":
		order = binary.LittleEndian
	case string(data[:4]) == "MM\x00*":
		order = binary.BigEndian
	default:
		return tiffLayout{}, errors.New("no TIFF header")
	}
	l := tiffLayout{compression: 1, predictor: 1, sampleFormat: 1, photometric: -1}
	seen := map[uint32]bool{}
	at := order.Uint32(data[4:])
	for n := 0; at != 0; n++ {
		if seen[at] || n == maxTIFFDirectories {
			break
		}
		seen[at] = true
		if at < 8 || int64(at)+2 > int64(len(data)) {
			if n == 0 {
				return l, fmt.Errorf("TIFF's first directory at byte %d, outside its %d bytes", at, len(data))
			}
			break // a damaged chain after the first page loses pages only
		}
		count := int(order.Uint16(data[at:]))
		entries := data[at+2:]
		if count*12+4 > len(entries) {
			if n == 0 {
				return l, fmt.Errorf("TIFF's first directory claims %d entries, has room for %d", count, len(entries)/12)
			}
			break
		}
		reduced := false
		if n == 0 {
			l.first, l.order = entries[:count*12], order
		}
		for i := range count {
			e := entries[i*12 : i*12+12]
			tag := order.Uint16(e)
			if n > 0 {
				// NewSubfileType bit 0, or SubfileType 2: a thumbnail
				// or other reduced copy of a page, not a page.
				switch v, ok := tiffValue(order, e); {
				case ok && tag == 254:
					reduced = v&1 != 0
				case ok && tag == 255:
					reduced = v == 2
				}
				continue
			}
			v, ok := tiffValue(order, e)
			if !ok {
				continue
			}
			switch tag {
			case 259:
				l.compression = v
			case 262:
				l.photometric = v
			case 292:
				l.t4Options = v
			case 317:
				l.predictor = v
			case 339:
				l.sampleFormat = v
			}
		}
		if !reduced {
			l.pages++
		}
		at = order.Uint32(entries[count*12:])
	}
	return l, nil
}

// tiffValue is the first value of a directory entry of SHORT or LONG
// values held in the entry itself (as every tag readTIFF reads is).
func tiffValue(order binary.ByteOrder, e []byte) (int, bool) {
	typ, n := order.Uint16(e[2:]), order.Uint32(e[4:])
	switch {
	case typ == 3 && n >= 1 && n <= 2:
		return int(order.Uint16(e[8:])), true
	case typ == 4 && n == 1:
		return int(order.Uint32(e[8:])), true
	}
	return 0, false
}

// tiffCompressions names a TIFF's compressions, for messages; the
// decodable ones are x/image's, and JPEG (tiffjpeg.go).
var tiffCompressions = map[int]struct {
	name      string
	decodable bool
}{
	1:     {"none", true},
	2:     {"CCITT modified Huffman", false},
	3:     {"CCITT Group 3", true},
	4:     {"CCITT Group 4", true},
	5:     {"LZW", true},
	6:     {"old-style JPEG", false},
	7:     {"JPEG", true}, // by tiffjpeg.go, not x/image
	8:     {"Deflate", true},
	32946: {"Deflate", true},
	32773: {"PackBits", true},
	34661: {"JBIG", false},
	34676: {"SGI LogLuv", false},
	34712: {"JPEG 2000", false},
	34887: {"LERC", false},
	34925: {"LZMA", false},
	50000: {"Zstandard", false},
	50001: {"WebP", false},
}

// tiffPhotometrics names the colour models x/image does not decode.
var tiffPhotometrics = map[int]string{
	4:     "a transparency mask",
	5:     "CMYK",
	6:     "YCbCr",
	8:     "CIE L*a*b*",
	9:     "ICC L*a*b*",
	10:    "ITU L*a*b*",
	32844: "LogL",
	32845: "LogLuv",
	34892: "linear raw",
}

// tiffSaveAs is what a message about a TIFF it cannot read asks for.
const tiffSaveAs = "save it with no compression, LZW, Deflate, PackBits, JPEG or CCITT Group 4, in grey, RGB or a palette, or as PNG"

// unsupportedTIFF is a TIFF whose first page x/image cannot decode; its
// message names what. It is errUnsupported to errors.Is.
type unsupportedTIFF string

func (e unsupportedTIFF) Error() string {
	return "unsupported TIFF: " + string(e) + "; " + tiffSaveAs
}

func (unsupportedTIFF) Is(target error) bool { return target == errUnsupported }

// supported says what of the first page x/image cannot decode, if any.
// (Bit depths and sample counts it refuses on reading the header.)
func (l tiffLayout) supported() error {
	if c, ok := tiffCompressions[l.compression]; !ok {
		return unsupportedTIFF(fmt.Sprintf("compression %d", l.compression))
	} else if !c.decodable {
		return unsupportedTIFF(fmt.Sprintf("%s compression (%d)", c.name, l.compression))
	}
	if l.compression == 7 {
		return nil // jpegTIFF checks the rest
	}
	if l.compression == 3 && l.t4Options&1 != 0 {
		return unsupportedTIFF("CCITT Group 3 compression with two-dimensional coding")
	}
	if name, ok := tiffPhotometrics[l.photometric]; ok {
		return unsupportedTIFF(fmt.Sprintf("colour model %s (photometric interpretation %d)", name, l.photometric))
	}
	if l.predictor == 3 {
		return unsupportedTIFF("floating-point predictor")
	}
	if l.sampleFormat != 1 {
		return unsupportedTIFF(fmt.Sprintf("samples that are not unsigned integers (sample format %d)", l.sampleFormat))
	}
	return nil
}

// tiffConfig reads a TIFF's first page's size and colour model, after
// checking that x/image can decode it.
func tiffConfig(data []byte) (image.Config, error) {
	l, err := readTIFF(data)
	if err != nil {
		return image.Config{}, err
	}
	if bits, ok := l.packed(data); ok {
		return l.packedConfig(data, bits)
	}
	if err := l.supported(); err != nil {
		return image.Config{}, err
	}
	if l.compression == 7 {
		j, err := l.jpeg(data)
		if err != nil {
			return image.Config{}, err
		}
		return j.config(), nil
	}
	cfg, err := tiff.DecodeConfig(bytes.NewReader(data))
	var u tiff.UnsupportedError
	if errors.As(err, &u) {
		what := string(u)
		if what == "extra samples" {
			// as GIMP and ImageMagick save grey with transparency
			what = "grey or a palette with an alpha channel (extra samples)"
		}
		return image.Config{}, unsupportedTIFF(what)
	}
	return cfg, err
}

// decodeTIFF decodes a TIFF's first page: a JPEG-compressed one strip by
// strip (tiffjpeg.go), any other through x/image.
func decodeTIFF(data []byte) (image.Image, error) {
	l, err := readTIFF(data)
	if err == nil && l.compression == 7 {
		j, err := l.jpeg(data)
		if err != nil {
			return nil, err
		}
		return j.decode(data)
	}
	if err == nil {
		if bits, ok := l.packed(data); ok {
			return l.decodePacked(data, bits)
		}
	}
	return tiff.Decode(bytes.NewReader(data))
}

// JPEGCompressed reports whether a picture's pixels were compressed with
// loss: a JPEG, or a TIFF whose first page is JPEG-compressed. The
// outputs encode such a picture as a JPEG again, as it costs nothing
// that was not lost already.
func JPEGCompressed(mediaType string, data []byte) bool {
	if mediaType == JPEG {
		return true
	}
	if mediaType != TIFF {
		return false
	}
	l, err := readTIFF(data)
	return err == nil && l.compression == 7
}

// TIFFPages is how many pages a TIFF holds (thumbnails and other reduced
// copies not counted); 1 for a TIFF whose directories cannot be read.
func TIFFPages(data []byte) int {
	l, err := readTIFF(data)
	if err != nil || l.pages < 1 {
		return 1
	}
	return l.pages
}

// bmpCompressions names a BMP's compressions, for messages.
var bmpCompressions = map[uint32]string{1: "RLE8", 2: "RLE4", 3: "bit fields", 4: "JPEG", 5: "PNG", 6: "alpha bit fields"}

// bmpConfig reads a BMP's size and colour model; one x/image cannot
// decode is errUnsupported, its message naming what it has.
func bmpConfig(data []byte) (image.Config, error) {
	cfg, err := bmp.DecodeConfig(bytes.NewReader(data))
	if !errors.Is(err, bmp.ErrUnsupported) {
		return cfg, err
	}
	what := "this kind of BMP"
	if len(data) >= 34 {
		depth, compression := binary.LittleEndian.Uint16(data[28:]), binary.LittleEndian.Uint32(data[30:])
		what = fmt.Sprintf("BMP of %d bits a pixel", depth)
		if name, ok := bmpCompressions[compression]; ok {
			what += " with " + name + " compression"
		}
	}
	return image.Config{}, fmt.Errorf("%w (%s); save it as PNG", errUnsupported, what)
}

// photoBytes is the size, in bytes a pixel, from which an opaque colour
// picture's PNG is weighed against a JPEG of it: screenshots, charts and
// line art deflate below it, photographs and colour scans (1 to 2.2 in
// our measures) do not.
const photoBytes = 0.5

// encodeConverted encodes a TIFF's or BMP's pixels, reduced or not, as
// the EPUB stores them: a PNG in the smallest form that keeps every
// pixel (a bilevel scan in one bit a pixel, a paletted picture in its
// palette, grey in grey, 16-bit samples in 8, which is what reading
// systems show), so a scan stays about as small as it came; but an
// opaque colour picture whose PNG takes photoBytes a pixel or more, a
// photograph or a colour scan, is a JPEG at jpegQuality when that is a
// third of the PNG or less (a fifth to a sixth, measured on photographs
// and a colour newspaper scan: 4 to 9 MB of PNG for 4 megapixels).
func encodeConverted(img image.Image, opaque bool) (mediaType string, data []byte, err error) {
	switch m := img.(type) {
	case *image.Gray16:
		g := image.NewGray(image.Rect(0, 0, m.Rect.Dx(), m.Rect.Dy()))
		draw.Draw(g, g.Rect, m, m.Rect.Min, draw.Src)
		img = g
	case *image.RGBA64, *image.NRGBA64:
		if opaque {
			n := image.NewRGBA(image.Rect(0, 0, m.Bounds().Dx(), m.Bounds().Dy()))
			draw.Draw(n, n.Rect, m, m.Bounds().Min, draw.Src)
			img = n
		} else {
			n := image.NewNRGBA(image.Rect(0, 0, m.Bounds().Dx(), m.Bounds().Dy()))
			draw.Draw(n, n.Rect, m, m.Bounds().Min, draw.Src)
			img = n
		}
	case *image.NRGBA:
		if opaque {
			// opaque: the same bytes read as premultiplied, written
			// without an alpha channel
			img = &image.RGBA{Pix: m.Pix, Stride: m.Stride, Rect: m.Rect}
		}
	}
	if g, ok := img.(*image.Gray); ok && Bilevel(g) {
		p := &image.Paletted{Pix: make([]uint8, 0, g.Rect.Dx()*g.Rect.Dy()), Stride: g.Rect.Dx(),
			Rect: image.Rect(0, 0, g.Rect.Dx(), g.Rect.Dy()), Palette: color.Palette{color.Gray{0}, color.Gray{0xff}}}
		for y := g.Rect.Min.Y; y < g.Rect.Max.Y; y++ {
			for _, v := range g.Pix[g.PixOffset(g.Rect.Min.X, y):][:g.Rect.Dx()] {
				p.Pix = append(p.Pix, v>>7)
			}
		}
		img = p
	}
	if _, ok := img.(*image.Paletted); ok {
		var buf bytes.Buffer
		err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, img)
		return PNG, buf.Bytes(), err
	}
	data, err = encodeOpaquePNG(img, opaque)
	if _, rgba := img.(*image.RGBA); err != nil || !rgba || !opaque || float64(len(data)) < photoBytes*float64(img.Bounds().Dx()*img.Bounds().Dy()) {
		return PNG, data, err
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: jpegQuality}); err == nil && 3*buf.Len() <= len(data) {
		return JPEG, buf.Bytes(), nil
	}
	return PNG, data, nil
}

// Bilevel reports whether a grey picture is all black and white, as a
// fax-compressed scan decodes: both outputs then keep it in one bit a
// pixel.
func Bilevel(g *image.Gray) bool {
	for y := g.Rect.Min.Y; y < g.Rect.Max.Y; y++ {
		for _, v := range g.Pix[g.PixOffset(g.Rect.Min.X, y):][:g.Rect.Dx()] {
			if v != 0 && v != 0xff {
				return false
			}
		}
	}
	return true
}
