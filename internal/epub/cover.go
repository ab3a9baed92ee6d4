package epub

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/samizdat-press/samizdat/internal/cover"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/media"
)

// Cover geometry in pixels: the 1:1.6 shape stores recommend.
const (
	coverWidth  = 1600
	coverHeight = 2560
	// coverMargin is the front's side margin, as the design sets it.
	coverMargin = 150
)

// drawCover draws the front of the book's cover, as the printed cover's
// design has it (internal/cover), as a PNG. The same words always give the
// same bytes, so editions built together whose covers have one design and
// one set of fonts share one drawing through cache (a nil cache draws each
// time), and a drawing kept in store from an earlier build is not drawn
// again (a nil store keeps none).
func drawCover(cache *media.Cache, store media.Store, set *fonts.Set, text cover.Book) ([]byte, error) {
	d := cover.Front(text, set, coverWidth, coverHeight)
	key := coverKey(d, set)
	c := cache.Do(key, func() any {
		if store != nil {
			if entry, ok := store.Get(key); ok {
				if data := decodeStoredCover(entry); data != nil {
					return drawnCover{data, nil}
				}
			}
		}
		data, err := drawDesign(d, set)
		if err == nil && store != nil {
			store.Put(key, encodeStoredCover(data))
		}
		return drawnCover{data, err}
	}).(drawnCover)
	return c.data, c.err
}

// coverFormat begins a stored drawing and every cover key; its number
// changes with anything that changes a drawing's bytes besides the design
// and its fonts (the rasterising, the encoder and its settings), so
// drawings made by other versions are not found.
const coverFormat = "samizdat cover 1\n"

// encodeStoredCover is a drawing as stored: the format line, a line of
// the digest of its data, then the data.
func encodeStoredCover(data []byte) []byte {
	sum := sha256.Sum256(data)
	return append([]byte(fmt.Sprintf("%s%x\n", coverFormat, sum)), data...)
}

// decodeStoredCover reads a stored drawing; nil for an entry damaged or
// of another format.
func decodeStoredCover(entry []byte) []byte {
	rest, ok := bytes.CutPrefix(entry, []byte(coverFormat))
	if !ok {
		return nil
	}
	digest, data, ok := bytes.Cut(rest, []byte("\n"))
	sum := sha256.Sum256(data)
	if !ok || string(digest) != hex.EncodeToString(sum[:]) || !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		return nil
	}
	return data
}

type drawnCover struct {
	data []byte
	err  error
}

// coverKey names a drawing by what it is made of: the design, and the
// data of the fonts its text is set in (an edition may bring its own).
func coverKey(d *cover.Design, set *fonts.Set) string {
	h := sha256.New()
	fmt.Fprintf(h, "%v\n", *d)
	seen := map[fonts.Face]bool{}
	for _, t := range d.Texts {
		if !seen[t.Face] {
			seen[t.Face] = true
			fmt.Fprintf(h, "%s %s\n", t.Face, media.Digest(set.Data(t.Face)))
		}
	}
	return fmt.Sprintf("%sepub cover %x", coverFormat, h.Sum(nil))
}

// drawDesign paints a front cover's design as a PNG.
func drawDesign(d *cover.Design, set *fonts.Set) ([]byte, error) {
	img, err := rasterize(d, set)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	var out image.Image = img
	if p := paletted(img); p != nil {
		out = p
	} else if p := palettedEdges(img); p != nil {
		out = p
	}
	// The fastest compression costs a few per cent of size on flat colour.
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// paletted returns img as a paletted image when it has at most 256
// colours, as a cover of flat colours and anti-aliased type on them
// usually has, else nil. Go's PNG encoder tries five filters on every row
// of a true-colour image, which made the cover most of an e-book's build
// time; a paletted one it writes unfiltered, and smaller.
func paletted(img *image.RGBA) *image.Paletted {
	return palettedBy(img, func(c uint32) uint32 { return c })
}

// palettedEdges is paletted for a cover whose type in two or more colours
// blends into more than 256: the flat colours, the most frequent, keep
// their values, and the blends of anti-aliased edges are rounded to steps
// of four in each channel, which no eye tells at a cover's size; nil when
// that is still more than 256 colours.
func palettedEdges(img *image.RGBA) *image.Paletted {
	count := map[uint32]int{}
	width := img.Rect.Dx()
	var prevRow []byte
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		row := img.Pix[img.PixOffset(img.Rect.Min.X, y):][:4*width]
		if bytes.Equal(row, prevRow) {
			continue // a row repeated adds no colour
		}
		prevRow = row
		for x := 0; x < len(row); x += 4 {
			count[uint32(row[x])<<24|uint32(row[x+1])<<16|uint32(row[x+2])<<8|uint32(row[x+3])]++
		}
	}
	// A flat colour covers at least a line's width of a distinct row;
	// a blend, a few pixels at each edge of a glyph.
	flat := map[uint32]bool{}
	for c, n := range count {
		if n >= width {
			flat[c] = true
		}
	}
	round := func(v uint32) uint32 { return min(255, (v+2)&^3) }
	return palettedBy(img, func(c uint32) uint32 {
		if flat[c] {
			return c
		}
		return round(c>>24)<<24 | round(c>>16&0xff)<<16 | round(c>>8&0xff)<<8 | c&0xff
	})
}

// palettedBy makes img paletted after mapping each colour (RGBA, one
// byte each, red highest) through to; nil when that gives more than 256
// colours.
func palettedBy(img *image.RGBA, to func(uint32) uint32) *image.Paletted {
	index := map[uint32]uint8{}
	var palette color.Palette
	out := image.NewPaletted(img.Rect, nil)
	width := img.Rect.Dx()
	last, lastIndex := uint32(0), -1
	var prevRow, prevOut []byte
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		row := img.Pix[img.PixOffset(img.Rect.Min.X, y):][:4*width]
		outRow := out.Pix[out.PixOffset(out.Rect.Min.X, y):][:width]
		// Most rows of a cover, in its bands of flat colour, are the row
		// above again.
		if bytes.Equal(row, prevRow) {
			copy(outRow, prevOut)
			continue
		}
		prevRow, prevOut = row, outRow
		for x := range outRow {
			p := row[4*x : 4*x+4 : 4*x+4]
			c := uint32(p[0])<<24 | uint32(p[1])<<16 | uint32(p[2])<<8 | uint32(p[3])
			if c != last || lastIndex < 0 {
				m := to(c)
				i, ok := index[m]
				if !ok {
					if len(palette) == 256 {
						return nil
					}
					i = uint8(len(palette))
					index[m] = i
					palette = append(palette, color.RGBA{uint8(m >> 24), uint8(m >> 16), uint8(m >> 8), uint8(m)})
				}
				last, lastIndex = c, int(i)
			}
			outRow[x] = uint8(lastIndex)
		}
	}
	out.Palette = palette
	return out
}

// rasterize paints a design at one pixel a point: its rectangles, then
// its text (runs turned on a front are not drawn; a front has none).
func rasterize(d *cover.Design, set *fonts.Set) (*image.RGBA, error) {
	img := image.NewRGBA(image.Rect(0, 0, int(math.Ceil(d.W)), int(math.Ceil(d.H))))
	for _, r := range d.Rects {
		rect := image.Rect(int(math.Round(r.X)), int(math.Round(r.Y)), int(math.Round(r.X+r.W)), int(math.Round(r.Y+r.H)))
		draw.Draw(img, rect, image.NewUniform(rgba(r.Fill)), image.Point{}, draw.Src)
	}
	parsed := map[fonts.Face]*opentype.Font{}
	for _, t := range d.Texts {
		if t.Angle != 0 {
			continue
		}
		f, ok := parsed[t.Face]
		if !ok {
			var err error
			if f, err = opentype.Parse(set.Data(t.Face)); err != nil {
				return nil, fmt.Errorf("font %s: %w", t.Face, err)
			}
			parsed[t.Face] = f
		}
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: t.Size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", t.Face, err)
		}
		dr := font.Drawer{Dst: img, Src: image.NewUniform(rgba(t.Ink)), Face: face,
			Dot: fixed.Point26_6{X: fixed.Int26_6(math.Round(t.X * 64)), Y: fixed.Int26_6(math.Round(t.Y * 64))}}
		dr.DrawString(t.Text)
		face.Close()
	}
	return img, nil
}

func rgba(c cover.Color) color.RGBA {
	b := func(v float64) uint8 { return uint8(math.Round(math.Min(1, math.Max(0, v)) * 255)) }
	return color.RGBA{R: b(c.R), G: b(c.G), B: b(c.B), A: 0xff}
}
