package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"strings"

	"golang.org/x/image/bmp"
	"golang.org/x/image/webp"

	"github.com/samizdat-press/samizdat/internal/infile"
)

// DefaultMaxDecoded is the most memory, in bytes, a raster picture may
// take decoded unless limits.image_memory says otherwise.
const DefaultMaxDecoded = 256 << 20

// rasterCodecs read the raster formats, by media type.
var rasterCodecs = map[string]struct {
	config func(io.Reader) (image.Config, error)
	decode func(io.Reader) (image.Image, error)
}{
	PNG:  {png.DecodeConfig, png.Decode},
	JPEG: {jpeg.DecodeConfig, fromBytes(decodeJPEG)},
	GIF:  {gif.DecodeConfig, gif.Decode},
	WebP: {webp.DecodeConfig, fromBytes(decodeWebP)},
	TIFF: {nil, fromBytes(decodeTIFF)},
	BMP:  {bmp.DecodeConfig, bmp.Decode},
}

// fromBytes reads a decoder of bytes from a reader: a bytes.Reader's
// bytes, read again (Decode passes one).
func fromBytes(decode func([]byte) (image.Image, error)) func(io.Reader) (image.Image, error) {
	return func(r io.Reader) (image.Image, error) {
		data, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		return decode(data)
	}
}

// headerConfig reads a raster picture's header: a TIFF's directories
// are checked for what x/image cannot decode, and a BMP's or JPEG's kind
// is named when it cannot (tiffConfig, bmpConfig, jpegConfig).
func headerConfig(mediaType string, data []byte) (image.Config, error) {
	switch mediaType {
	case TIFF:
		return tiffConfig(data)
	case BMP:
		return bmpConfig(data)
	case JPEG:
		return jpegConfig(data)
	}
	return rasterCodecs[mediaType].config(bytes.NewReader(data))
}

// DecodeConfig reads a raster picture's size and colour model from its
// header, refusing one that would take more than maxDecoded bytes decoded
// (DefaultMaxDecoded when 0): a few bytes of PNG can claim to be enormous,
// and the claim is refused before any memory is taken for the pixels.
func DecodeConfig(mediaType string, data []byte, maxDecoded int64) (image.Config, error) {
	if _, ok := rasterCodecs[mediaType]; !ok {
		return image.Config{}, fmt.Errorf("unsupported image type %s", mediaType)
	}
	cfg, err := headerConfig(mediaType, data)
	if err != nil {
		return image.Config{}, cutShort(mediaType, data, fmt.Errorf("cannot decode: %v", err), "cannot decode: ")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return image.Config{}, errors.New("image has no pixels")
	}
	if maxDecoded <= 0 {
		maxDecoded = DefaultMaxDecoded
	}
	if n := DecodedSize(cfg); n > maxDecoded {
		return image.Config{}, fmt.Errorf("%d × %d pixels would take %s decoded, more than allowed (%s)",
			cfg.Width, cfg.Height, infile.Size(n), infile.Size(maxDecoded))
	}
	return cfg, nil
}

// Decode fully decodes a raster picture, so corrupt data is found here
// rather than by a reader of the output, after DecodeConfig's check. An
// animated GIF is the frame it is printed at (decodeGIF); a PNG of the
// common kinds is read by the row reader (decodePNG).
func Decode(mediaType string, data []byte, maxDecoded int64) (image.Image, error) {
	if _, err := DecodeConfig(mediaType, data, maxDecoded); err != nil {
		return nil, err
	}
	var img image.Image
	var err error
	if mediaType == PNG {
		// the common kinds through the row reader, its errors worded
		// already
		if img, ok, err := decodePNG(data); ok {
			return img, cutShort(mediaType, data, err, "cannot decode: ")
		}
	}
	if mediaType == GIF {
		img, err = decodeGIF(data, maxDecoded)
	} else {
		img, err = rasterCodecs[mediaType].decode(bytes.NewReader(data))
	}
	if err != nil {
		return nil, cutShort(mediaType, data, fmt.Errorf("cannot decode: %v", err), "cannot decode: ")
	}
	if mediaType == PNG {
		// the row reader declines such a PNG (newPNGRows)
		if exponent, ok := PNGGamma(data); ok {
			img = withGamma(img, exponent)
		}
	}
	return img, nil
}

// cutShort words err, a picture's decoding error, as what it most likely
// is when the file ends where its format says it cannot: a copy or a
// download cut short, which the decoders report as the want of data
// ("unexpected EOF", "short Huffman data", "not enough pixel data").
// prefix begins the new message, as it began err's.
func cutShort(mediaType string, data []byte, err error, prefix string) error {
	if err == nil || !truncated(mediaType, data, err) {
		return err
	}
	return fmt.Errorf("%sthe file is cut short (it ends after %s, before its pixels do); copy or save it again",
		prefix, infile.Size(int64(len(data))))
}

// truncated reports whether a picture that failed to decode lacks its
// format's end: a PNG's IEND chunk, a JPEG's end-of-image marker, a GIF's
// trailer, a WebP's bytes its RIFF header counts; for the others, the
// decoder's want of bytes.
func truncated(mediaType string, data []byte, err error) bool {
	switch mediaType {
	case PNG:
		return !bytes.Contains(data[max(0, len(data)-16):], []byte("IEND"))
	case JPEG:
		return !bytes.Contains(data[max(0, len(data)-64):], []byte{0xff, 0xd9})
	case GIF:
		return !bytes.Contains(data[max(0, len(data)-4):], []byte{0x3b})
	case WebP:
		if len(data) >= 8 && int64(binary.LittleEndian.Uint32(data[4:]))+8 > int64(len(data)) {
			return true
		}
	}
	return errors.Is(err, io.ErrUnexpectedEOF) || strings.HasSuffix(err.Error(), io.ErrUnexpectedEOF.Error())
}

// Opaque reports whether every pixel of img is fully opaque.
func Opaque(img image.Image) bool {
	switch m := img.(type) {
	case *image.YCbCr, *image.Gray, *image.Gray16, *image.CMYK:
		return true
	case *image.RGBA:
		return pixOpaque(m.Pix, m.Stride, m.Rect, m.PixOffset)
	case *image.NRGBA:
		return pixOpaque(m.Pix, m.Stride, m.Rect, m.PixOffset)
	case interface{ Opaque() bool }:
		return m.Opaque()
	}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a != 0xffff {
				return false
			}
		}
	}
	return true
}

// pixOpaque reports whether the RGBA or NRGBA pixels of r in pix are
// all opaque, a row at a time, eight bytes at a time (rowOpaque) where the
// image package reads them one by one.
func pixOpaque(pix []uint8, stride int, r image.Rectangle, offset func(x, y int) int) bool {
	if r.Empty() {
		return true
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		at := offset(r.Min.X, y)
		if !rowOpaque(pix[at : at+4*r.Dx()]) {
			return false
		}
	}
	return true
}

// Gray reports whether img holds only greys: a grey colour model, or a
// palette of greys.
func Gray(img image.Image) bool {
	switch m := img.(type) {
	case *image.Gray, *image.Gray16:
		return true
	case *image.Paletted:
		for _, c := range m.Palette {
			r, g, b, _ := c.RGBA()
			if r != g || g != b {
				return false
			}
		}
		return len(m.Palette) > 0
	}
	return false
}

// Downsample reduces img to w × h pixels by averaging, for each new
// pixel, the source pixels it covers, in proportion to how much of each
// it covers (a box filter, exact for any ratio). Colours are weighted by
// their opacity, so transparent pixels lend no colour to their neighbours.
// Only integers are used, so the result is the same on every machine.
//
// A size no smaller than img's returns img. The result is *image.YCbCr
// (4:2:0) for a photograph decoded as YCbCr, reduced plane by plane, as
// JPEG encoders take it without converting; *image.Gray for an opaque
// grey picture; *image.RGBA (opaque) for another opaque one; and
// *image.NRGBA for one with transparency.
func Downsample(img image.Image, w, h int) image.Image {
	b := img.Bounds()
	sw, sh := b.Dx(), b.Dy()
	if w <= 0 || h <= 0 || w >= sw && h >= sh {
		return img
	}
	w, h = min(w, sw), min(h, sh)
	if m, ok := img.(*image.YCbCr); ok && b.Min == (image.Point{}) {
		return downsampleYCbCr(m, w, h)
	}
	ch := channels(img)
	out, pix, stride := newOutput(ch, w, h)
	if ch == 3 {
		// An opaque picture of four bytes a pixel is read in place, not
		// copied a row at a time without its opacity.
		switch m := img.(type) {
		case *image.RGBA:
			resample(rowsOf(m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], m.Stride, 4*sw), 4, sw, sh, ch, w, h, pix, stride)
			return out
		case *image.NRGBA:
			resample(rowsOf(m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], m.Stride, 4*sw), 4, sw, sh, ch, w, h, pix, stride)
			return out
		}
	}
	load := rowLoader(img, ch)
	src := make([]uint8, sw*ch) // one source row, premultiplied
	rows := func(y int) []uint8 {
		load(y, src)
		return src
	}
	resample(rows, ch, sw, sh, ch, w, h, pix, stride)
	return out
}

// resample reduces a picture of sw × sh pixels, read row by row (px
// bytes a pixel, of which the first ch are channels; four channels are
// premultiplied), into dst (w × h pixels, rows stride bytes apart).
func resample(rows func(y int) []uint8, px, sw, sh, ch, w, h int, dst []uint8, stride int) {
	xs := boxWeights(sw, w)
	ys := boxWeights(sh, h)
	if px == 1 && ch == 1 {
		if xp, yp := pairsOf(xs), pairsOf(ys); xp != nil && yp != nil {
			resamplePairs(rows, xp, yp, dst, stride)
			return
		}
	}
	resampleSpans(rows, xs, ys, px, ch, w, dst, stride)
}

// resampleSpans is resample for any spans.
func resampleSpans(rows func(y int) []uint8, xs, ys []span, px, ch, w int, dst []uint8, stride int) {
	row := make([]uint32, w*ch) // a source row reduced to w pixels
	acc := make([]uint32, w*ch) // the output row being summed
	lastY := -1
	for j, yw := range ys {
		clear(acc)
		for k, wy := range yw.weights {
			y := yw.first + k
			if y != lastY {
				reduceRow(rows(y), row, xs, px, ch)
				lastY = y
			}
			for i, v := range row {
				acc[i] += v * wy
			}
		}
		writeRow(dst[j*stride:], acc, ch)
	}
}

// pair is a span of at most two source pixels, as every span is when a
// plane is reduced by less than half (a photograph's quarter size by 5:4
// for the PDF): first's weight, and next's, the pixel after it or, for a
// span of one, first again with a weight of zero, which adds nothing to
// the sums.
type pair struct {
	first, next int
	w0, w1      uint32
}

// pairsOf gives spans as pairs, or nil when one covers more than two
// pixels.
func pairsOf(spans []span) []pair {
	ps := make([]pair, len(spans))
	for i, s := range spans {
		switch len(s.weights) {
		case 1:
			ps[i] = pair{first: s.first, next: s.first, w0: s.weights[0]}
		case 2:
			ps[i] = pair{first: s.first, next: s.first + 1, w0: s.weights[0], w1: s.weights[1]}
		default:
			return nil
		}
	}
	return ps
}

// resamplePairs is resample for one byte a pixel where every span is a
// pair: the same sums, in the same 32-bit integers, as reduceRow, the
// rows' accumulation and writeRow make, each output level from two
// reduced rows at once, without the loops over each span's weights.
func resamplePairs(rows func(y int) []uint8, xs, ys []pair, dst []uint8, stride int) {
	w := len(xs)
	reduced := [2][]uint32{make([]uint32, w), make([]uint32, w)}
	at := [2]int{-1, -1} // the source row each of reduced holds
	get := func(y int) []uint32 {
		for k := range at {
			if at[k] == y {
				return reduced[k]
			}
		}
		// the row not wanted by the pair being made: the older one
		k := 0
		if at[1] < at[0] {
			k = 1
		}
		src, row := rows(y), reduced[k][:w]
		for i, s := range xs {
			row[i] = (uint32(src[s.first])*s.w0 + uint32(src[s.next])*s.w1) >> 8
		}
		at[k] = y
		return row
	}
	const half = 1 << 23
	for j, s := range ys {
		a := get(s.first)
		b := get(s.next)
		out := dst[j*stride : j*stride+w]
		a = a[:len(out)]
		b = b[:len(out)]
		for i := range out {
			out[i] = uint8((uint64(a[i]*s.w0+b[i]*s.w1) + half) >> 24)
		}
	}
}

// downsampleYCbCr reduces each plane of a photograph on its own: the
// brightness to w × h, the colour to half that each way (4:2:0).
func downsampleYCbCr(m *image.YCbCr, w, h int) *image.YCbCr {
	out := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	sw, sh := m.Rect.Dx(), m.Rect.Dy()
	resample(rowsOf(m.Y, m.YStride, sw), 1, sw, sh, 1, w, h, out.Y, out.YStride)
	// The source's colour planes, at their own subsampling.
	cw, chh := sw, sh
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio422:
		cw = (sw + 1) / 2
	case image.YCbCrSubsampleRatio420:
		cw, chh = (sw+1)/2, (sh+1)/2
	case image.YCbCrSubsampleRatio440:
		chh = (sh + 1) / 2
	case image.YCbCrSubsampleRatio411:
		cw = (sw + 3) / 4
	case image.YCbCrSubsampleRatio410:
		cw, chh = (sw+3)/4, (sh+1)/2
	}
	ow, oh := (w+1)/2, (h+1)/2
	for _, p := range [][2][]uint8{{m.Cb, out.Cb}, {m.Cr, out.Cr}} {
		if ow <= cw && oh <= chh {
			resample(rowsOf(p[0], m.CStride, cw), 1, cw, chh, 1, ow, oh, p[1], out.CStride)
			continue
		}
		// Colour planes already coarser than the result's: spread them.
		for y := range oh {
			for x := range ow {
				p[1][y*out.CStride+x] = p[0][min(y*chh/oh, chh-1)*m.CStride+min(x*cw/ow, cw-1)]
			}
		}
	}
	return out
}

// span is the source pixels one output pixel covers: from first on, with
// their weights in 1/65536ths, which add up to 65536.
type span struct {
	first   int
	weights []uint32
}

// boxWeights maps n source pixels onto m ≤ n output pixels. Positions are
// counted in units of 1/(n·m) of the whole, where a source pixel is m
// units long and an output pixel n, so every overlap is a whole number.
func boxWeights(n, m int) []span {
	spans := make([]span, m)
	for i := range spans {
		start, end := i*n, (i+1)*n
		first := start / m
		s := span{first: first}
		cum, prev := 0, uint32(0)
		for x := first; x*m < end; x++ {
			overlap := min((x+1)*m, end) - max(x*m, start)
			cum += overlap
			// Weights from rounded cumulative sums add up exactly.
			at := uint32((uint64(cum)<<16 + uint64(n)/2) / uint64(n))
			s.weights = append(s.weights, at-prev)
			prev = at
		}
		spans[i] = s
	}
	return spans
}

// reduceRow sums a row's source pixels, px bytes each, into each output
// pixel's ch channels, in units of 1/256 of a level (a level times a
// weight of at most 65536, shifted).
func reduceRow(src []uint8, row []uint32, xs []span, px, ch int) {
	switch {
	case ch == 3 && px == 4:
		for i, s := range xs {
			p := src[s.first*4 : (s.first+len(s.weights))*4]
			var r, g, b uint32
			for _, w := range s.weights {
				r += uint32(p[0]) * w
				g += uint32(p[1]) * w
				b += uint32(p[2]) * w
				p = p[4:]
			}
			out := row[i*3 : i*3+3 : i*3+3]
			out[0], out[1], out[2] = r>>8, g>>8, b>>8
		}
		return
	}
	switch ch {
	case 1:
		for i, s := range xs {
			px := src[s.first : s.first+len(s.weights)]
			var sum uint32
			for k, w := range s.weights {
				sum += uint32(px[k]) * w
			}
			row[i] = sum >> 8
		}
	case 3:
		for i, s := range xs {
			px := src[s.first*3 : (s.first+len(s.weights))*3]
			var r, g, b uint32
			for k, w := range s.weights {
				p := px[k*3 : k*3+3 : k*3+3]
				r += uint32(p[0]) * w
				g += uint32(p[1]) * w
				b += uint32(p[2]) * w
			}
			out := row[i*3 : i*3+3 : i*3+3]
			out[0], out[1], out[2] = r>>8, g>>8, b>>8
		}
	default:
		for i, s := range xs {
			px := src[s.first*4 : (s.first+len(s.weights))*4]
			var r, g, b, a uint32
			for k, w := range s.weights {
				p := px[k*4 : k*4+4 : k*4+4]
				r += uint32(p[0]) * w
				g += uint32(p[1]) * w
				b += uint32(p[2]) * w
				a += uint32(p[3]) * w
			}
			out := row[i*4 : i*4+4 : i*4+4]
			out[0], out[1], out[2], out[3] = r>>8, g>>8, b>>8, a>>8
		}
	}
}

// newOutput makes the result image for ch channels.
func newOutput(ch, w, h int) (image.Image, []uint8, int) {
	r := image.Rect(0, 0, w, h)
	switch ch {
	case 1:
		m := image.NewGray(r)
		return m, m.Pix, m.Stride
	case 3:
		m := image.NewRGBA(r)
		return m, m.Pix, m.Stride
	}
	m := image.NewNRGBA(r)
	return m, m.Pix, m.Stride
}

// writeRow turns summed levels (in units of 1/2^24) into a row of the
// output: grey, opaque RGBA, or NRGBA with the colours divided by their
// opacity again.
func writeRow(dst []uint8, acc []uint32, ch int) {
	const half = 1 << 23
	switch ch {
	case 1:
		for i, v := range acc {
			dst[i] = uint8((uint64(v) + half) >> 24)
		}
	case 3:
		for i := 0; i*3 < len(acc); i++ {
			d := dst[i*4 : i*4+4 : i*4+4]
			d[0] = uint8((uint64(acc[i*3]) + half) >> 24)
			d[1] = uint8((uint64(acc[i*3+1]) + half) >> 24)
			d[2] = uint8((uint64(acc[i*3+2]) + half) >> 24)
			d[3] = 0xff
		}
	default:
		for i := 0; i*4 < len(acc); i++ {
			a := acc[i*4+3]
			d := dst[i*4 : i*4+4 : i*4+4]
			d[3] = uint8((uint64(a) + half) >> 24)
			switch a {
			case 0:
				d[0], d[1], d[2] = 0, 0, 0
				continue
			case 0xff << 24:
				// wholly opaque, as most of a screenshot is: the
				// division below comes to this, without three divisions
				d[0] = uint8((uint64(acc[i*4]) + half) >> 24)
				d[1] = uint8((uint64(acc[i*4+1]) + half) >> 24)
				d[2] = uint8((uint64(acc[i*4+2]) + half) >> 24)
				continue
			}
			for c := 0; c < 3; c++ {
				// premultiplied / alpha, both in the same units
				v := (uint64(acc[i*4+c])*255 + uint64(a)/2) / uint64(a)
				d[c] = uint8(min(v, 255))
			}
		}
	}
}

// rowLoader returns a function that reads row y of img (counted from its
// top) into ch channels of 8 bits: grey, RGB, or RGBA with the colours
// multiplied by their opacity.
func rowLoader(img image.Image, ch int) func(y int, dst []uint8) {
	b := img.Bounds()
	switch m := img.(type) {
	case *image.Gray:
		if ch == 1 {
			return func(y int, dst []uint8) {
				at := m.PixOffset(b.Min.X, b.Min.Y+y)
				copy(dst, m.Pix[at:at+b.Dx()])
			}
		}
	case *image.RGBA:
		return func(y int, dst []uint8) {
			at := m.PixOffset(b.Min.X, b.Min.Y+y)
			src := m.Pix[at : at+4*b.Dx()]
			if ch == 4 {
				copy(dst, src) // already premultiplied
				return
			}
			dropAlpha(dst, src)
		}
	case *image.NRGBA:
		return func(y int, dst []uint8) {
			at := m.PixOffset(b.Min.X, b.Min.Y+y)
			src := m.Pix[at : at+4*b.Dx()]
			if ch == 3 {
				dropAlpha(dst, src)
				return
			}
			for x := 0; x < b.Dx(); x++ {
				s, d := src[x*4:x*4+4:x*4+4], dst[x*4:x*4+4:x*4+4]
				a := uint32(s[3])
				if a == 0xff { // opaque: multiplied by one
					d[0], d[1], d[2], d[3] = s[0], s[1], s[2], s[3]
					continue
				}
				d[0] = uint8((uint32(s[0])*a + 127) / 255)
				d[1] = uint8((uint32(s[1])*a + 127) / 255)
				d[2] = uint8((uint32(s[2])*a + 127) / 255)
				d[3] = s[3]
			}
		}
	case *image.RGBA64:
		// 16 bits a channel, premultiplied: the high bytes.
		return func(y int, dst []uint8) {
			at := m.PixOffset(b.Min.X, b.Min.Y+y)
			src := m.Pix[at : at+8*b.Dx()]
			for x := range b.Dx() {
				s := src[x*8 : x*8+8 : x*8+8]
				c := [4]uint8{s[0], s[2], s[4], s[6]}
				if ch == 1 {
					c[0] = s[2]
				}
				copy(dst[x*ch:x*ch+ch], c[:ch])
			}
		}
	case *image.NRGBA64:
		return func(y int, dst []uint8) {
			at := m.PixOffset(b.Min.X, b.Min.Y+y)
			src := m.Pix[at : at+8*b.Dx()]
			for x := range b.Dx() {
				s := src[x*8 : x*8+8 : x*8+8]
				a := uint32(s[6])<<8 | uint32(s[7])
				r := (uint32(s[0])<<8 | uint32(s[1])) * a / 0xffff
				g := (uint32(s[2])<<8 | uint32(s[3])) * a / 0xffff
				bl := (uint32(s[4])<<8 | uint32(s[5])) * a / 0xffff
				c := [4]uint8{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}
				if ch == 1 {
					c[0] = uint8(g >> 8)
				}
				copy(dst[x*ch:x*ch+ch], c[:ch])
			}
		}
	case *image.Gray16:
		return func(y int, dst []uint8) {
			at := m.PixOffset(b.Min.X, b.Min.Y+y)
			src := m.Pix[at : at+2*b.Dx()]
			for x := range b.Dx() {
				v := src[x*2]
				c := [4]uint8{v, v, v, 0xff}
				copy(dst[x*ch:x*ch+ch], c[:ch])
			}
		}
	case *image.YCbCr:
		if ch == 3 {
			return func(y int, dst []uint8) {
				for x := 0; x < b.Dx(); x++ {
					yi := m.YOffset(b.Min.X+x, b.Min.Y+y)
					ci := m.COffset(b.Min.X+x, b.Min.Y+y)
					r, g, bl := color.YCbCrToRGB(m.Y[yi], m.Cb[ci], m.Cr[ci])
					dst[x*3], dst[x*3+1], dst[x*3+2] = r, g, bl
				}
			}
		}
	case *image.Paletted:
		// The palette's colours, premultiplied, looked up per pixel.
		pal := make([][4]uint8, len(m.Palette))
		for i, c := range m.Palette {
			r, g, bl, a := c.RGBA()
			pal[i] = [4]uint8{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}
		}
		return func(y int, dst []uint8) {
			at := m.PixOffset(b.Min.X, b.Min.Y+y)
			for x, idx := range m.Pix[at : at+b.Dx()] {
				var c [4]uint8
				if int(idx) < len(pal) {
					c = pal[idx]
				}
				copy(dst[x*ch:x*ch+ch], c[:ch])
			}
		}
	}
	// Any other model, through the colour interface (an allocation a
	// pixel for some: the common 16-bit ones have their own case above).
	return func(y int, dst []uint8) {
		for x := 0; x < b.Dx(); x++ {
			r, g, bl, a := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
			c := [4]uint8{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}
			if ch == 1 {
				c[0] = uint8(g >> 8)
			}
			copy(dst[x*ch:x*ch+ch], c[:ch])
		}
	}
}

// channels is how many bytes a pixel of img needs once reduced: one for an
// opaque grey picture, three for an opaque colour one, else four.
func channels(img image.Image) int {
	opaque, gray := Opaque(img), Gray(img)
	switch {
	case opaque && gray:
		return 1
	case opaque:
		return 3
	}
	return 4
}
