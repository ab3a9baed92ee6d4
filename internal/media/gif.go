package media

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/gif"
)

// An animated GIF is printed at one of its frames, composed on its
// logical screen as a browser shows it at that moment. The first frame
// of a screen or terminal recording is usually an empty window, so the
// frame printed is the one with the most to read: the content of a frame
// is measured as its strokes, the pairs of side-by-side pixels that differ
// in lightness by more than strokeContrast (the edges of letters and
// lines; a flat change of background colour or the dithering of a
// gradient counts for little). When no frame has at least a quarter more
// strokes than the first (spinners, progress bars, loops, hover effects,
// a recording that opens on a full screen), the first frame is printed,
// as before; otherwise the last of the frames within a twentieth of the
// most, which is where a recording has come to rest rather than the
// moment before a screen is cleared. The EPUB keeps the file as it is,
// animated.
const (
	strokeContrast = 48
	// the first frame is kept unless another has firstKeptBelow times
	// its strokes (in quarters)
	firstKeptBelow = 5
	// the frame printed is the last within nearMost twentieths of the
	// most strokes
	nearMost = 19
)

// gifFrames reads the block structure of a GIF, without decoding its
// pictures: how many frames it has and how many pixels they cover in all.
// ok is false for data it cannot follow to its trailer or its end.
func gifFrames(data []byte) (frames int, pixels int64, ok bool) {
	frames, pixels, end := gifBlocks(data)
	return frames, pixels, end == gifTrailer || end == gifEnded && frames > 0
}

// How a walk of a GIF's blocks ended.
const (
	gifTrailer = iota // at its trailer
	gifEnded          // at the file's end, after a whole block
	gifCut            // at the file's end, inside a block
	gifUnknown        // at a block of a kind GIF does not have
)

// gifBlocks walks a GIF's blocks, counting its frames and their pixels,
// and says how the walk ended.
func gifBlocks(data []byte) (frames int, pixels int64, end int) {
	const header = 13
	if len(data) < header {
		return 0, 0, gifCut
	}
	at := header
	if data[10]&0x80 != 0 {
		at += 3 << (data[10]&7 + 1)
	}
	// subBlocks skips a sequence of data sub-blocks and its terminator.
	subBlocks := func() bool {
		for at < len(data) {
			n := int(data[at])
			at += 1 + n
			if n == 0 {
				return true
			}
		}
		return false
	}
	for at < len(data) {
		switch data[at] {
		case 0x21: // extension: label, then sub-blocks
			at += 2
			if !subBlocks() {
				return frames, pixels, gifCut
			}
		case 0x2c: // image descriptor, colour table, LZW code size, data
			if at+10 > len(data) {
				return frames, pixels, gifCut
			}
			w := int64(data[at+5]) | int64(data[at+6])<<8
			h := int64(data[at+7]) | int64(data[at+8])<<8
			packed := data[at+9]
			at += 10
			if packed&0x80 != 0 {
				at += 3 << (packed&7 + 1)
			}
			at++
			if !subBlocks() {
				return frames, pixels, gifCut
			}
			frames++
			pixels += w * h
		case 0x3b: // trailer
			return frames, pixels, gifTrailer
		default:
			return frames, pixels, gifUnknown
		}
	}
	if at > len(data) {
		return frames, pixels, gifCut // a colour table past the end
	}
	return frames, pixels, gifEnded
}

// gifDecodedSize is the memory decodeGIF keeps for a GIF of the header
// cfg: a composed frame takes four bytes a pixel, where a frame as it is
// (a still GIF's, or an animation printed at its first) takes one.
func gifDecodedSize(data []byte, cfg image.Config) int64 {
	if frames, _, ok := gifFrames(data); ok && frames > 1 {
		return 4 * int64(cfg.Width) * int64(cfg.Height)
	}
	return DecodedSize(cfg)
}

// decodeGIF decodes a GIF as it is printed: a still one, or an animation
// that would take more than maxDecoded bytes decoded (all its frames, one
// byte a pixel, and two compositions of its screen, four), or whose
// frames cannot all be read, is its first frame, as image/gif decodes it;
// an animation is the frame chosen by printedFrame, composed on its
// logical screen.
func decodeGIF(data []byte, maxDecoded int64) (image.Image, error) {
	frames, pixels, ok := gifFrames(data)
	if !ok || frames < 2 {
		return gif.Decode(bytes.NewReader(data))
	}
	cfg, err := gif.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	screen := int64(cfg.Width) * int64(cfg.Height)
	if maxDecoded <= 0 {
		maxDecoded = DefaultMaxDecoded
	}
	if pixels+8*screen > maxDecoded {
		return gif.Decode(bytes.NewReader(data))
	}
	g, err := gif.DecodeAll(bytes.NewReader(data))
	if err != nil || len(g.Image) < 2 {
		return gif.Decode(bytes.NewReader(data))
	}
	k := printedFrame(g)
	if first := g.Image[0]; k == 0 && first.Rect == image.Rect(0, 0, g.Config.Width, g.Config.Height) {
		// the first frame covering the screen, as image/gif decodes it
		return first, nil
	}
	c := newGIFScreen(g.Config.Width, g.Config.Height, false)
	for i := range k {
		c.show(g, i)
		c.dispose(g, i)
	}
	c.show(g, k)
	return c.img, nil
}

// printedFrame is the frame of an animation that is printed (see above).
func printedFrame(g *gif.GIF) int {
	c := newGIFScreen(g.Config.Width, g.Config.Height, true)
	strokes := make([]int64, len(g.Image))
	most := int64(0)
	for i := range g.Image {
		c.show(g, i)
		strokes[i] = c.strokes
		most = max(most, c.strokes)
		c.dispose(g, i)
	}
	if most*4 < strokes[0]*firstKeptBelow || most == 0 {
		return 0
	}
	k := 0
	for i, s := range strokes {
		if s*20 >= most*nearMost {
			k = i
		}
	}
	return k
}

// gifScreen is a GIF's logical screen, its frames composed on it one
// after the other as a browser shows them, keeping count of its strokes
// when counting.
type gifScreen struct {
	img      *image.RGBA
	counting bool
	strokes  int64
	// saved is what a frame to be disposed of by restoring the previous
	// picture covered, at saved.Rect.
	saved *image.RGBA
}

func newGIFScreen(w, h int, counting bool) *gifScreen {
	return &gifScreen{img: image.NewRGBA(image.Rect(0, 0, w, h)), counting: counting}
}

// show draws frame i over the screen: its transparent pixels leave what
// is under them.
func (c *gifScreen) show(g *gif.GIF, i int) {
	m := g.Image[i]
	r := m.Rect.Intersect(c.img.Rect)
	if r.Empty() {
		return
	}
	if disposal(g, i) == gif.DisposalPrevious {
		c.saved = image.NewRGBA(r)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			copy(c.saved.Pix[c.saved.PixOffset(r.Min.X, y):][:4*r.Dx()], c.img.Pix[c.img.PixOffset(r.Min.X, y):])
		}
	}
	// The palette as the screen's pixels read as one number each, 0 for
	// a transparent colour (an opaque one's alpha byte is never 0).
	var pal [256]uint32
	for j, col := range m.Palette {
		if j >= len(pal) {
			break
		}
		if cr, cg, cb, ca := col.RGBA(); ca == 0xffff {
			pal[j] = binary.LittleEndian.Uint32([]byte{uint8(cr >> 8), uint8(cg >> 8), uint8(cb >> 8), 0xff})
		}
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		src := m.Pix[m.PixOffset(r.Min.X, y):][:r.Dx()]
		dst := c.img.Pix[c.img.PixOffset(r.Min.X, y):][:4*r.Dx()]
		if !c.counting {
			for x, idx := range src {
				if p := pal[idx]; p != 0 {
					binary.LittleEndian.PutUint32(dst[4*x:], p)
				}
			}
			continue
		}
		// Encoders repeat most of the screen, or leave it transparent:
		// strokes are counted again only where a pixel changes.
		first, last := -1, -1
		for x, idx := range src {
			if p := pal[idx]; p != 0 && binary.LittleEndian.Uint32(dst[4*x:]) != p {
				if first < 0 {
					first = x
				}
				last = x
			}
		}
		if first < 0 {
			continue
		}
		x0, x1 := r.Min.X+first, r.Min.X+last+1
		c.strokes -= c.strokesIn(y, x0, x1)
		for x := first; x <= last; x++ {
			if p := pal[src[x]]; p != 0 {
				binary.LittleEndian.PutUint32(dst[4*x:], p)
			}
		}
		c.strokes += c.strokesIn(y, x0, x1)
	}
}

// dispose does what frame i asks done with its place before the next
// frame is drawn: clear it (to transparent, as browsers do, rather than
// the background colour the format names) or restore what it covered.
func (c *gifScreen) dispose(g *gif.GIF, i int) {
	r := g.Image[i].Rect.Intersect(c.img.Rect)
	if r.Empty() {
		return
	}
	var from *image.RGBA // nil: clear
	switch disposal(g, i) {
	case gif.DisposalBackground:
	case gif.DisposalPrevious:
		if from = c.saved; from == nil || from.Rect != r {
			return
		}
		c.saved = nil
	default:
		return
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		if c.counting {
			c.strokes -= c.strokesIn(y, r.Min.X, r.Max.X)
		}
		dst := c.img.Pix[c.img.PixOffset(r.Min.X, y):][:4*r.Dx()]
		if from == nil {
			clear(dst)
		} else {
			copy(dst, from.Pix[from.PixOffset(r.Min.X, y):])
		}
		if c.counting {
			c.strokes += c.strokesIn(y, r.Min.X, r.Max.X)
		}
	}
}

func disposal(g *gif.GIF, i int) byte {
	if i < len(g.Disposal) {
		return g.Disposal[i]
	}
	return 0
}

// strokesIn counts the strokes of row y between a pixel from x0 to x1
// (the one just right of the pixels x0 to x1-1 that change) and the pixel
// on its left.
func (c *gifScreen) strokesIn(y, x0, x1 int) int64 {
	x0, x1 = max(x0, 1), min(x1, c.img.Rect.Max.X-1)
	if x0 > x1 {
		return 0
	}
	row := c.img.Pix[c.img.PixOffset(0, y):]
	var n int64
	prev := lightness(row[4*(x0-1) : 4*x0 : 4*x0])
	for x := x0; x <= x1; x++ {
		l := lightness(row[4*x : 4*x+4 : 4*x+4])
		if d := l - prev; d > strokeContrast || d < -strokeContrast {
			n++
		}
		prev = l
	}
	return n
}

// lightness is a screen pixel's luma, 0 to 255, on white paper: a
// transparent pixel, which shows the paper, is white.
func lightness(p []uint8) int {
	if p[3] == 0 {
		return 255
	}
	return (77*int(p[0]) + 150*int(p[1]) + 29*int(p[2]) + 128) >> 8
}
