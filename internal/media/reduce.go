package media

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"

	"github.com/samizdat-press/samizdat/internal/jpegenc"
)

// ReduceBy reduces img by the whole factor k: each block of k × k pixels
// (fewer at the right and bottom edges) becomes one pixel, their average,
// the colours weighted by their opacity as Downsample weights them. The
// result is ⌈w/k⌉ × ⌈h/k⌉ pixels, of the models Downsample gives.
//
// Averaging whole blocks needs no weights: each source pixel is read once
// and added, where a resample to an arbitrary size weighs every pixel it
// covers. It is the cheap reduction both outputs choose when they can.
// k ≤ 1 returns img.
func ReduceBy(img image.Image, k int) image.Image {
	if k <= 1 {
		return img
	}
	b := img.Bounds()
	sw, sh := b.Dx(), b.Dy()
	w, h := ceilDiv(sw, k), ceilDiv(sh, k)
	if k > maxBlock {
		return Downsample(img, w, h)
	}
	if m, ok := img.(*image.YCbCr); ok {
		if b.Min != (image.Point{}) || m.SubsampleRatio != image.YCbCrSubsampleRatio420 {
			return Downsample(img, w, h)
		}
		// Brightness and colour planes each reduced by k keep 4:2:0:
		// ⌈⌈sw/2⌉/k⌉ is ⌈⌈sw/k⌉/2⌉.
		out := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
		cw, chh := (sw+1)/2, (sh+1)/2
		boxReduceRows(rowsOf(m.Y, m.YStride, sw), 1, sw, sh, 1, k, out.Y, out.YStride)
		boxReduceRows(rowsOf(m.Cb, m.CStride, cw), 1, cw, chh, 1, k, out.Cb, out.CStride)
		boxReduceRows(rowsOf(m.Cr, m.CStride, cw), 1, cw, chh, 1, k, out.Cr, out.CStride)
		return out
	}
	ch := channels(img)
	out, pix, stride := newOutput(ch, w, h)
	if ch == 3 {
		// An opaque picture of four bytes a pixel is read in place.
		switch m := img.(type) {
		case *image.RGBA:
			boxReduceRows(rowsOf(m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], m.Stride, 4*sw), 4, sw, sh, 3, k, pix, stride)
			return out
		case *image.NRGBA:
			boxReduceRows(rowsOf(m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], m.Stride, 4*sw), 4, sw, sh, 3, k, pix, stride)
			return out
		}
	}
	load := rowLoader(img, ch)
	src := make([]uint8, sw*ch)
	rows := func(y int) []uint8 {
		load(y, src)
		return src
	}
	boxReduceRows(rows, ch, sw, sh, ch, k, pix, stride)
	return out
}

// maxBlock is the largest factor whose blocks' sums of 8-bit levels fit
// in 32 bits, with room for the rounding.
const maxBlock = 4096

func ceilDiv(n, k int) int { return (n + k - 1) / k }

// rowsOf reads the rows of n bytes stride bytes apart.
func rowsOf(pix []uint8, stride, n int) func(y int) []uint8 {
	return func(y int) []uint8 { return pix[y*stride : y*stride+n] }
}

// boxReduceRows averages each k × k block of a picture of sw × sh pixels,
// read row by row (px bytes a pixel, of which the first ch are channels;
// four channels are premultiplied), into dst, rows stride bytes apart.
func boxReduceRows(row func(y int) []uint8, px, sw, sh, ch, k int, dst []uint8, stride int) {
	w, h := ceilDiv(sw, k), ceilDiv(sh, k)
	acc := make([]uint32, w*ch)
	for j := range h {
		clear(acc)
		y0, y1 := j*k, min((j+1)*k, sh)
		for y := y0; y < y1; y++ {
			addBlocks(row(y), acc, px, ch, k)
		}
		out := dst[j*stride:]
		if ch != 1 {
			writeBlocks(out, acc, ch, sw, k, y1-y0)
			continue
		}
		for i := range w {
			n := uint32(min((i+1)*k, sw)-i*k) * uint32(y1-y0)
			out[i] = uint8((acc[i] + n/2) / n)
		}
	}
}

// addBlocks adds a row's pixels, px bytes each, into the sums of the
// blocks they fall in, ch channels a block.
func addBlocks(src []uint8, acc []uint32, px, ch, k int) {
	n := len(src) / px
	switch {
	case ch == 3 && k == 2:
		for x := 0; x+1 < n; x += 2 {
			p, q := src[x*px:x*px+3:x*px+3], src[(x+1)*px:(x+1)*px+3:(x+1)*px+3]
			a := acc[x/2*3 : x/2*3+3 : x/2*3+3]
			a[0] += uint32(p[0]) + uint32(q[0])
			a[1] += uint32(p[1]) + uint32(q[1])
			a[2] += uint32(p[2]) + uint32(q[2])
		}
		if n%2 == 1 {
			p, a := src[(n-1)*px:], acc[(n-1)/2*3:]
			a[0], a[1], a[2] = a[0]+uint32(p[0]), a[1]+uint32(p[1]), a[2]+uint32(p[2])
		}
	case ch == 4 && k == 2:
		for x := 0; x+1 < n; x += 2 {
			p := src[x*4 : x*4+8 : x*4+8]
			a := acc[x/2*4 : x/2*4+4 : x/2*4+4]
			a[0] += uint32(p[0]) + uint32(p[4])
			a[1] += uint32(p[1]) + uint32(p[5])
			a[2] += uint32(p[2]) + uint32(p[6])
			a[3] += uint32(p[3]) + uint32(p[7])
		}
		if n%2 == 1 {
			p, a := src[(n-1)*4:], acc[(n-1)/2*4:]
			a[0], a[1], a[2], a[3] = a[0]+uint32(p[0]), a[1]+uint32(p[1]), a[2]+uint32(p[2]), a[3]+uint32(p[3])
		}
	case ch == 1 && px == 1:
		// one pass with a countdown to the next block: finding each
		// pixel's block by a division took longer than the adding
		i, left, sum := 0, k, uint32(0)
		for _, v := range src {
			sum += uint32(v)
			if left--; left == 0 {
				acc[i] += sum
				i, left, sum = i+1, k, 0
			}
		}
		if left != k {
			acc[i] += sum
		}
	case ch == 4 && px == 4:
		addBlocks4(src[:n*4], acc, k)
	case ch == 3:
		addBlocks3(src[:n*px], acc, px, k)
	default:
		for i := 0; i*k < n; i++ {
			a := acc[i*ch : i*ch+ch]
			for x := i * k; x < min(i*k+k, n); x++ {
				for c, v := range src[x*px : x*px+ch] {
					a[c] += uint32(v)
				}
			}
		}
	}
}

// addBlocks4 is addBlocks for four channels a pixel, any factor: a
// block's sums are kept in locals and added once, its pixels read four
// bytes to a bounds check. The loop over channels took three times as
// long.
func addBlocks4(src []uint8, acc []uint32, k int) {
	for i := 0; len(src) > 0; i += 4 {
		block := src[:min(4*k, len(src))]
		src = src[len(block):]
		var s0, s1, s2, s3 uint32
		for ; len(block) >= 4; block = block[4:] {
			s0 += uint32(block[0])
			s1 += uint32(block[1])
			s2 += uint32(block[2])
			s3 += uint32(block[3])
		}
		a := acc[i : i+4 : i+4]
		a[0] += s0
		a[1] += s1
		a[2] += s2
		a[3] += s3
	}
}

// addBlocks3 is addBlocks4 for three channels of pixels px bytes apart
// (3, or 4 for opaque colours beside their opacity).
func addBlocks3(src []uint8, acc []uint32, px, k int) {
	for i := 0; len(src) > 0; i += 3 {
		block := src[:min(px*k, len(src))]
		src = src[len(block):]
		var s0, s1, s2 uint32
		for ; len(block) >= 3; block = block[min(px, len(block)):] {
			s0 += uint32(block[0])
			s1 += uint32(block[1])
			s2 += uint32(block[2])
		}
		a := acc[i : i+3 : i+3]
		a[0] += s0
		a[1] += s1
		a[2] += s2
	}
}

// FactorWithin is the smallest whole factor that reduces a w × h picture
// to at most maxPixels pixels (ReduceBy's ⌈w/k⌉ × ⌈h/k⌉); 1 when it has no
// more, or maxPixels is 0.
func FactorWithin(w, h, maxPixels int) int {
	k := 1
	for maxPixels > 0 && ceilDiv(w, k)*ceilDiv(h, k) > maxPixels {
		k++
	}
	return k
}

// A Reduction is a raster picture reduced by a whole factor, encoded as
// both outputs take it: a JPEG for a photograph, a PNG otherwise (without
// an alpha channel when the picture is opaque).
type Reduction struct {
	MediaType     string // of Data: JPEG or PNG
	Data          []byte
	Width, Height int
	// Image is the reduced picture when it has transparency, which the
	// PDF keeps apart from its colours, and was made by this build; nil
	// otherwise (Transparent).
	Image image.Image
	Err   error
}

// Transparent is the reduced picture when it has transparency; nil when
// it is opaque. One read from a store is decoded only now: the EPUB takes
// the encoding alone, and the PDF usually finds its own form stored.
func (r *Reduction) Transparent() (image.Image, error) {
	if r.Image != nil || r.MediaType != PNG || len(r.Data) <= 25 || r.Data[25] != 6 {
		return r.Image, nil
	}
	img, err := png.Decode(bytes.NewReader(r.Data))
	if err == nil && (img.Bounds().Dx() != r.Width || img.Bounds().Dy() != r.Height) {
		err = fmt.Errorf("a reduction of %d × %d pixels holds %d × %d", r.Width, r.Height, img.Bounds().Dx(), img.Bounds().Dy())
	}
	if err != nil {
		return nil, fmt.Errorf("cannot decode its reduction: %v", err)
	}
	return img, nil
}

// jpegQuality is the quality a reduced photograph is encoded at.
const jpegQuality = 90

// ReductionKey names a Reduction in the cache.
func ReductionKey(mediaType string, data []byte, k int, maxDecoded int64) string {
	return reductionKey(mediaType, Digest(data), k, 1, maxDecoded)
}

// reductionKey names a reduction by what its bytes depend on; an upright
// one (orientation 1) by the key it had before pictures were turned.
func reductionKey(mediaType, digest string, k, orientation int, maxDecoded int64) string {
	key := fmt.Sprintf("reduced %s %s %d %d", mediaType, digest, k, maxDecoded)
	if orientation > 1 {
		key += fmt.Sprintf(" orientation %d", orientation)
	}
	return key
}

// ReduceBy reduces a raster picture by the whole factor k (ReduceBy) and
// encodes it, once for every output that asks for the same factor: the
// EPUB and the PDF usually do, and the decoding, reducing and encoding are
// then done once. A PNG of the common kinds is never decoded whole
// (decodeReduced). With a store, a reduction made by an earlier build is
// read from it, and one made now is written to it; an entry that cannot
// be read is made again. The pixels keep the orientation they are stored
// in (Upright turns them).
func (c *Cache) ReduceBy(mediaType string, data []byte, k int, maxDecoded int64, store Store) *Reduction {
	return c.Upright(mediaType, data, k, 1, maxDecoded, store)
}

// Upright is ReduceBy, the reduced picture then turned and mirrored as
// orientation says (Orient), so that it shows upright with no
// orientation, for readers that ignore Exif; k of 1 only turns it. The
// result depends on the orientation, which its keys name, so a picture
// turned is never taken for one reduced as stored.
func (c *Cache) Upright(mediaType string, data []byte, k, orientation int, maxDecoded int64, store Store) *Reduction {
	if orientation < 2 || orientation > 8 {
		orientation = 1
	}
	return c.Do(reductionKey(mediaType, c.Digest(data), k, orientation, maxDecoded), func() any {
		if store == nil {
			return c.reduceAndEncode(mediaType, data, k, orientation, maxDecoded)
		}
		key := storeKey(mediaType, data, k, orientation, maxDecoded)
		if entry, ok := store.Get(key); ok {
			if r := decodeReduction(entry); r != nil {
				return r
			}
		}
		r := c.reduceAndEncode(mediaType, data, k, orientation, maxDecoded)
		if r.Err == nil {
			store.Put(key, encodeReduction(r))
		}
		return r
	}).(*Reduction)
}

// reduceAndEncode makes a Reduction.
func (c *Cache) reduceAndEncode(mediaType string, data []byte, k, orientation int, maxDecoded int64) *Reduction {
	img, known, err := c.decodeReducedOpacity(mediaType, data, k, maxDecoded)
	if err != nil {
		return &Reduction{Err: err}
	}
	img = Orient(img, orientation)
	b := img.Bounds()
	r := &Reduction{MediaType: PNG, Width: b.Dx(), Height: b.Dy()}
	// an opaque picture is searched for transparency once, not again
	// by the encoder; not at all when the reading knows it is opaque
	opaque := known || Opaque(img)
	if opaque && JPEGCompressed(mediaType, data) {
		// lost already (a JPEG, a JPEG-compressed TIFF): JPEG again
		r.MediaType = JPEG
		// from its planes when it can: a third faster than image/jpeg
		if data, ok := jpegenc.Encode(img, jpegQuality); ok {
			r.Data = data
		} else {
			var buf bytes.Buffer
			err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: jpegQuality})
			r.Data = buf.Bytes()
		}
	} else if Converts(mediaType) {
		r.MediaType, r.Data, err = encodeConverted(img, opaque)
	} else {
		r.Data, err = encodeOpaquePNGWith(c.scratchOf(), img, opaque)
	}
	if err != nil {
		return &Reduction{Err: fmt.Errorf("could not be reduced: %v", err)}
	}
	r.Data = WithProfile(r.MediaType, r.Data, CarriedProfile(mediaType, data))
	if !opaque {
		r.Image = img
	}
	return r
}

// decodeReduced decodes a raster picture reduced by the whole factor k: a
// PNG of the common kinds row by row (reducePNG); a baseline JPEG at a
// half, a quarter or an eighth of its size (jpegdec, at jpegScale) and the
// rest of the way by blocks when k is even, by a resample to ReduceBy's
// size when it is odd; anything else whole. Both the JPEG's coefficients
// and a whole decoding are kept in the cache, so that the EPUB and the PDF
// reducing it by different factors decode it once.
//
// A JPEG decoded at a reduced scale keeps each block's lowest frequencies
// where a decoded picture reduced by blocks averages its pixels: the two
// differ by a level or two in smooth regions, more beside sharp edges.
// Decoding a 12-megapixel photograph at half its size takes less than
// half the time of decoding it whole, and a quarter of it a quarter:
// less, for the two factors the outputs ask for, than one whole decoding
// shared.
func (c *Cache) decodeReduced(mediaType string, data []byte, k int, maxDecoded int64) (image.Image, error) {
	img, _, err := c.decodeReducedOpacity(mediaType, data, k, maxDecoded)
	return img, err
}

// decodeReducedOpacity is decodeReduced, and says when the picture is
// known to be opaque without searching it: a PNG read as rows (reducePNG)
// comes out as *image.RGBA only when every pixel it read was opaque, a
// search of 4.5 MB for a screenshot halved.
func (c *Cache) decodeReducedOpacity(mediaType string, data []byte, k int, maxDecoded int64) (img image.Image, opaque bool, err error) {
	cfg, err := DecodeConfig(mediaType, data, maxDecoded)
	if err != nil {
		return nil, false, err
	}
	if mediaType == PNG && k > 1 && k <= maxBlock {
		// An even factor starts from the halving, kept for the other
		// outputs: blocks of blocks are the blocks. An odd one is read
		// from the rows again: resampled from the halving, a block would
		// take in some of its neighbours, softening type and making a
		// screenshot's PNG a fifth larger.
		var img image.Image
		var ok bool
		if k%2 == 0 {
			if img, ok, err = c.pngHalved(data); ok && err == nil {
				img = ReduceBy(img, k/2)
			}
		} else {
			img, ok, err = reducePNGWith(c.scratchOf(), data, k)
		}
		if ok {
			_, rgba := img.(*image.RGBA)
			return img, rgba && err == nil, err
		}
	}
	if mediaType == JPEG && k > 1 && k <= maxBlock {
		s := jpegScale(k)
		if coef, ok := c.jpegCoefficients(data); ok {
			return reduceRest(c.jpegScaled(data, coef, s), s, k, cfg), false, nil
		}
	}
	img, err = c.Decode(mediaType, data, maxDecoded)
	if err != nil {
		return nil, false, err
	}
	return ReduceBy(c.InSRGB(img, mediaType, data), k), false, nil
}

// reduceRest reduces img, a picture of cfg's size already reduced by s,
// the rest of the way to a reduction by k: by blocks when s divides k,
// else resampled to ReduceBy's size. k equal to s returns img itself.
func reduceRest(img image.Image, s, k int, cfg image.Config) image.Image {
	if k%s == 0 {
		return ReduceBy(img, k/s)
	}
	return Downsample(img, ceilDiv(cfg.Width, k), ceilDiv(cfg.Height, k))
}

// jpegScale is the scale a JPEG reduced by k is decoded at: the largest
// of 8, 4 and 2 that divides k, the rest reduced by blocks; for an odd k,
// the largest not above it, the rest resampled.
func jpegScale(k int) int {
	for _, s := range []int{8, 4, 2} {
		if k%s == 0 {
			return s
		}
	}
	for _, s := range []int{8, 4, 2} {
		if s <= k {
			return s
		}
	}
	return 1
}
