package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/draw"
	"image/jpeg"
	"math"

	"github.com/samizdat-press/samizdat/internal/media"
)

// A raster picture is embedded at the resolution of the size it is placed
// at, and made only once whatever the number of editions: it is reduced
// when it has more than downsampleBeyond times the pixels the configured
// resolution needs (by a whole factor, media.ReduceBy, when it has twice
// them or more: the reduction and encoding the EPUB makes when it asks for
// the same factor, shared; by a resample to them, media.Downsample,
// otherwise), and encoded in what gofpdf reads without decoding it again:
//   - a JPEG that needs no reducing keeps its bytes, which gofpdf embeds
//     as they are; a reduced photograph, or a JPEG-compressed TIFF, is
//     encoded as JPEG again;
//   - a grey picture all black and white (a fax scan, not reduced, or
//     reduced to pixels that stayed black or white) is a PNG of one bit
//     a pixel, which gofpdf embeds as a DeviceGray image of one bit a
//     component, an eighth of the bytes to inflate;
//   - anything else is a PNG with 8 bits a channel and no alpha channel,
//     whose compressed data gofpdf copies as it is; a picture with
//     transparency keeps its opacity apart, deflated here, and the
//     finishing pass gives it to the image as its soft mask. gofpdf
//     itself would inflate the whole picture, split off the alpha channel
//     and deflate both again, on one core, while the pages wait.
//
// Preparing a picture touches no painter state, so every picture is
// prepared at once, one per core.

// downsampleBeyond is how many times the needed pixels (in width or
// height) a picture may have before it is reduced: reducing a picture
// slightly larger than needed saves little and softens it.
const downsampleBeyond = 1.5

// jpegQuality is the quality a reduced photograph is encoded at.
const jpegQuality = 90

// raster is a picture ready for gofpdf.
type raster struct {
	kind          string // gofpdf's image type: "jpg" or "png"
	data          []byte
	width, height int
	// mask is the picture's opacity (one byte a pixel, deflated) when it
	// has any transparency; data then holds its colours alone.
	mask []byte
	// colours identifies the image gofpdf makes of data, so the finishing
	// pass can find it: a digest of the PNG's compressed data.
	colours [32]byte
	reason  string // why the picture cannot be drawn
	// profile is the ICC profile the picture's samples are in, which the
	// finishing pass names as the image's colour space (icc.go).
	profile media.Profile
}

// neededPixels is the size in pixels a picture placed at w × h points
// needs at dpi; 0 × 0 when any resolution will do.
func neededPixels(w, h, dpi float64) (int, int) {
	if !(dpi > 0) || !(w > 0) || !(h > 0) {
		return 0, 0
	}
	return int(math.Ceil(w / 72 * dpi)), int(math.Ceil(h / 72 * dpi))
}

// rasterKey names a prepared picture in the cache.
func rasterKey(digest string, tw, th int, maxDecoded int64) string {
	return fmt.Sprintf("pdf-raster %s %dx%d %d", digest, tw, th, maxDecoded)
}

// prepareRaster makes a raster picture of mediaType ready for gofpdf at
// tw × th pixels (0 × 0: as it is), refusing one that would take more
// than maxDecoded bytes decoded; it is decoded through pictures, shared
// with the other outputs, and a whole-factor reduction kept in store
// between builds. A PNG of the common kinds placed at about its size is
// split into colours and opacity as its rows are read (media.SplitPNG),
// never decoded whole.
func prepareRaster(pictures *media.Cache, store media.Store, mediaType string, data []byte, tw, th int, maxDecoded int64) *raster {
	fail := func(format string, args ...any) *raster {
		return &raster{reason: fmt.Sprintf(format, args...)}
	}
	cfg, err := media.DecodeConfig(mediaType, data, maxDecoded)
	if err != nil {
		return fail("%v", err)
	}
	reduce := tw > 0 && th > 0 &&
		(float64(cfg.Width) > downsampleBeyond*float64(tw) || float64(cfg.Height) > downsampleBeyond*float64(th))
	if k := wholeFactor(cfg.Width, cfg.Height, tw, th); reduce && k >= 2 {
		return reducedRaster(pictures, pictures.ReduceBy(mediaType, data, k, maxDecoded, store))
	}
	if mediaType == media.PNG && !reduce {
		// the common kinds split as they are read, never decoded whole
		colours, mask, ok, err := media.SplitPNG(data)
		if ok && err != nil {
			return fail("%v", err)
		}
		if ok {
			return withColours(&raster{kind: "png", data: colours, mask: mask, width: cfg.Width, height: cfg.Height})
		}
	}
	img, err := pictures.Decode(mediaType, data, maxDecoded)
	if err != nil {
		return fail("%v", err)
	}
	if reduce || mediaType != media.JPEG || media.PlainCMYKJPEG(data) {
		// inks kept only by a CMYK JPEG embedded as it is
		img = pictures.InSRGB(img, mediaType, data)
	}
	if reduce {
		img = media.Downsample(img, min(tw, cfg.Width), min(th, cfg.Height))
	}
	b := img.Bounds()
	switch {
	case mediaType == media.JPEG && !reduce && jpegAsIs(img) && !media.PlainCMYKJPEG(data):
		return &raster{kind: "jpg", data: data, width: b.Dx(), height: b.Dy()}
	case media.JPEGCompressed(mediaType, data) && media.Opaque(img):
		// a JPEG, or a JPEG-compressed TIFF, lost what it lost already
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: jpegQuality}); err != nil {
			return fail("re-encoding: %v", err)
		}
		return &raster{kind: "jpg", data: buf.Bytes(), width: b.Dx(), height: b.Dy()}
	case mediaType == media.PNG && !reduce && pngAsIs(data, img):
		return withColours(&raster{kind: "png", data: data, width: b.Dx(), height: b.Dy()})
	}
	return opaqueAndMask(pictures, img)
}

// opaqueAndMask encodes img's colours as a PNG gofpdf copies as it is and
// its opacity, when it has any transparency, as a deflated mask; the
// encoders' buffers are taken from pictures.
func opaqueAndMask(pictures *media.Cache, img image.Image) *raster {
	b := img.Bounds()
	if m, ok := img.(*image.NRGBA); ok && !media.Opaque(m) {
		// what a reduction with transparency is: split as it is
		// encoded
		encoded, mask, err := pictures.EncodeColoursAndOpacity(m)
		if err != nil {
			return &raster{reason: fmt.Sprintf("re-encoding: %v", err)}
		}
		return withColours(&raster{kind: "png", data: encoded, mask: mask, width: b.Dx(), height: b.Dy()})
	}
	colours, mask := splitOpacity(img)
	var encoded []byte
	var err error
	if g, ok := colours.(*image.Gray); ok && mask == nil && media.Bilevel(g) {
		encoded = bilevelPNG(g)
	} else {
		encoded, err = pictures.EncodePNG(colours)
	}
	if err != nil {
		return &raster{reason: fmt.Sprintf("re-encoding: %v", err)}
	}
	r := &raster{kind: "png", data: encoded, width: b.Dx(), height: b.Dy()}
	if mask != nil {
		var z bytes.Buffer
		zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
		zw.Write(mask)
		zw.Close()
		r.mask = z.Bytes()
	}
	return withColours(r)
}

// bilevelPNG writes a grey picture all black and white as a PNG of one
// bit a pixel, grey (colour type 0), each row unfiltered: the form
// gofpdf copies into a DeviceGray image with BitsPerComponent 1.
// image/png writes grey in 8 bits, and two colours as a palette.
func bilevelPNG(g *image.Gray) []byte {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	row := make([]byte, 1+(w+7)/8)
	for y := g.Rect.Min.Y; y < g.Rect.Max.Y; y++ {
		clear(row)
		for x, v := range g.Pix[g.PixOffset(g.Rect.Min.X, y):][:w] {
			row[1+x/8] |= v >> 7 << (7 - x%8)
		}
		zw.Write(row)
	}
	zw.Close()
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8] = 1 // bit depth; colour type, compression, filter and interlace 0
	for _, c := range []struct {
		kind string
		data []byte
	}{{"IHDR", ihdr}, {"IDAT", z.Bytes()}, {"IEND", nil}} {
		binary.Write(&out, binary.BigEndian, uint32(len(c.data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(c.kind))
		crc.Write(c.data)
		out.WriteString(c.kind)
		out.Write(c.data)
		binary.Write(&out, binary.BigEndian, crc.Sum32())
	}
	return out.Bytes()
}

// wholeFactor is the largest whole factor a sw × sh picture can be
// reduced by and keep at least tw × th pixels; 0 when there is no target.
// Reduced by it, a picture with at least twice the pixels needed keeps
// less than 1.5 times them, (k+1)/k at most: the same bound as pictures
// kept as they are, reached without a resample.
func wholeFactor(sw, sh, tw, th int) int {
	if tw <= 0 || th <= 0 {
		return 0
	}
	return min(sw/tw, sh/th)
}

// reducedRaster is a picture reduced by a whole factor, shared with the
// EPUB when it asks for the same: an opaque one is embedded in the
// encoding made for both (a JPEG, or a PNG without alpha whose compressed
// data gofpdf copies), one with transparency split into colours and mask.
func reducedRaster(pictures *media.Cache, red *media.Reduction) *raster {
	switch {
	case red.Err != nil:
		return &raster{reason: red.Err.Error()}
	case red.MediaType == media.JPEG:
		return &raster{kind: "jpg", data: red.Data, width: red.Width, height: red.Height}
	}
	img, err := red.Transparent()
	switch {
	case err != nil:
		return &raster{reason: err.Error()}
	case img == nil:
		return withColours(&raster{kind: "png", data: red.Data, width: red.Width, height: red.Height})
	}
	return opaqueAndMask(pictures, img)
}

// jpegAsIs reports whether gofpdf embeds a JPEG of this colour model as
// it is (grey, YCbCr or CMYK).
func jpegAsIs(img image.Image) bool {
	switch img.(type) {
	case *image.Gray, *image.YCbCr, *image.CMYK:
		return true
	}
	return false
}

// pngAsIs reports whether gofpdf copies a PNG's compressed data as it is:
// 8 bits a channel, not interlaced, grey or RGB without transparency, or
// a palette all opaque, its gamma sRGB's.
func pngAsIs(data []byte, img image.Image) bool {
	if len(data) < 29 || string(data[12:16]) != "IHDR" {
		return false
	}
	depth, colourType, interlace := data[24], data[25], data[28]
	if depth != 8 || interlace != 0 {
		return false
	}
	if _, ok := media.PNGGamma(data); ok {
		return false // its samples are not what is shown
	}
	switch colourType {
	case 0, 2, 3:
		return media.Opaque(img)
	}
	return false
}

// splitOpacity returns an opaque picture of img's colours, in a model the
// PNG encoder writes with 8 bits a channel and no alpha channel, and
// img's opacity, one byte a pixel, or nil when img is opaque.
func splitOpacity(img image.Image) (image.Image, []byte) {
	if media.Opaque(img) {
		switch m := img.(type) {
		case *image.Gray, *image.RGBA, *image.Paletted:
			return m, nil
		case *image.NRGBA:
			// Opaque: the same bytes read as premultiplied.
			return &image.RGBA{Pix: m.Pix, Stride: m.Stride, Rect: m.Rect}, nil
		}
		if media.Gray(img) {
			out := image.NewGray(img.Bounds())
			draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Src)
			return out, nil
		}
		out := image.NewRGBA(img.Bounds())
		draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Src)
		return out, nil
	}
	n, ok := img.(*image.NRGBA)
	if !ok {
		n = image.NewNRGBA(img.Bounds())
		draw.Draw(n, n.Bounds(), img, img.Bounds().Min, draw.Src)
	}
	b := n.Bounds()
	colours := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	mask := make([]byte, 0, b.Dx()*b.Dy())
	for y := 0; y < b.Dy(); y++ {
		src := n.Pix[n.PixOffset(b.Min.X, b.Min.Y+y):][:4*b.Dx()]
		dst := colours.Pix[colours.PixOffset(0, y):][:4*b.Dx()]
		for x := 0; x < 4*b.Dx(); x += 4 {
			dst[x], dst[x+1], dst[x+2], dst[x+3] = src[x], src[x+1], src[x+2], 0xff
			mask = append(mask, src[x+3])
		}
	}
	return colours, mask
}

// withColours sets the digest of the PNG's compressed data, which gofpdf
// copies into the image object unchanged.
func withColours(r *raster) *raster {
	if r.kind == "png" {
		r.colours = pngDataDigest(r.data)
	}
	return r
}

// pngDataDigest is the SHA-256 of pngData(data), the chunks hashed where
// they are rather than joined into a copy first.
func pngDataDigest(data []byte) (sum [sha256.Size]byte) {
	h := sha256.New()
	eachIDAT(data, func(chunk []byte) { h.Write(chunk) })
	h.Sum(sum[:0])
	return sum
}

// pngData is the compressed image data of a PNG: its IDAT chunks' data,
// joined.
func pngData(data []byte) []byte {
	var out []byte
	eachIDAT(data, func(chunk []byte) { out = append(out, chunk...) })
	return out
}

// eachIDAT calls f with the data of each of a PNG's IDAT chunks in turn,
// up to the first chunk that runs past the end.
func eachIDAT(data []byte, f func([]byte)) {
	for at := 8; at+8 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[at:]))
		if n < 0 || at+12+n > len(data) {
			return
		}
		if string(data[at+4:at+8]) == "IDAT" {
			f(data[at+8 : at+8+n])
		}
		at += 12 + n
	}
}
