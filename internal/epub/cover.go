package epub

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"slices"

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
// design has it (internal/cover), as a PNG, and deflates it as the book's
// archive holds it (see pack). The same words always give the same bytes,
// so editions built together whose covers have one design and one set of
// fonts share one drawing, and its deflating, through cache (a nil cache
// draws each time), and a drawing kept in store from an earlier build is
// not drawn again (a nil store keeps none).
func drawCover(cache *media.Cache, store media.Store, set *fonts.Set, text cover.Book) (data, deflated []byte, err error) {
	d := cover.Front(text, set, coverWidth, coverHeight)
	key := coverKey(cache, d, set)
	c := cache.Do(key, func() any {
		var data []byte
		if store != nil {
			if entry, ok := store.Get(key); ok {
				data = decodeStoredCover(entry)
			}
		}
		if data == nil {
			var err error
			if data, err = drawDesign(d, set); err != nil {
				return drawnCover{err: err}
			}
			if store != nil {
				store.Put(key, encodeStoredCover(data))
			}
		}
		return drawnCover{data: data, deflated: deflateDrawn(data)}
	}).(drawnCover)
	return c.data, c.deflated, c.err
}

// coverFormat begins a stored drawing and every cover key; its number
// changes with anything that changes a drawing's bytes besides the design
// and its fonts (the rasterising, the encoder and its settings), so
// drawings made by other versions are not found.
const coverFormat = "samizdat cover 3\n"

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
	data, deflated []byte
	err            error
}

// coverKey names a drawing by what it is made of: the design, and the
// data of the fonts its text is set in (an edition may bring its own),
// each font's digest worked out once for the editions sharing cache.
func coverKey(cache *media.Cache, d *cover.Design, set *fonts.Set) string {
	h := sha256.New()
	fmt.Fprintf(h, "%v\n", *d)
	seen := map[fonts.Face]bool{}
	for _, t := range d.Texts {
		if !seen[t.Face] {
			seen[t.Face] = true
			fmt.Fprintf(h, "%s %s\n", t.Face, cache.Digest(set.Data(t.Face)))
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
	// the colours, counted as they are indexed, say whether the exact
	// ones make a palette
	p, counts := colours(img)
	if p == nil {
		p = palettedEdgesCounted(img, counts)
	}
	if p != nil {
		return media.EncodePalettedRows(p.rect.Dx(), p.rows, p.Palette)
	}
	var buf bytes.Buffer
	// The fastest compression costs a few per cent of size on flat colour.
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img.rgba()); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// paletted returns img as palette indices when it has at most 256
// colours, as a cover of flat colours and anti-aliased type on them
// usually has, else nil. Go's PNG encoder tries five filters on every row
// of a true-colour image, which made the cover most of an e-book's build
// time; a paletted one is written unfiltered, and smaller.
func paletted(img *raster) *indexed {
	p, _ := colours(img)
	return p
}

// palettedEdges is paletted for a cover whose type in two or more colours
// blends into more than 256: the flat colours, the most frequent, keep
// their values, and the blends of anti-aliased edges are rounded to steps
// of four in each channel, which no eye tells at a cover's size; nil when
// that is still more than 256 colours.
func palettedEdges(img *raster) *indexed {
	_, counts := colours(img)
	return palettedEdgesCounted(img, counts)
}

// colours is paletted(img), and the pixels of each colour (RGBA, one byte
// each, red highest) in the rows of img that differ from the row above,
// found in one pass.
func colours(img *raster) (*indexed, map[uint32]int) {
	return indexBy(img, nil, true)
}

// palettedEdgesCounted is palettedEdges with img's colours counted.
func palettedEdgesCounted(img *raster, count map[uint32]int) *indexed {
	width := img.rect.Dx()
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
func palettedBy(img *raster, to func(uint32) uint32) *indexed {
	p, _ := indexBy(img, to, false)
	return p
}

// indexBy indexes img's pixels by their colours (RGBA, one byte each, red
// highest), mapped through to (nil: as they are), the palette in the order
// the colours are first met; a row repeated is the row above's indices
// again. With counting it also counts each colour's pixels in the rows
// that differ from the row above, and so reads every row; without, it
// stops at the 257th colour. The picture is nil when there are more than
// 256 colours.
func indexBy(img *raster, to func(uint32) uint32, counting bool) (*indexed, map[uint32]int) {
	type colour struct {
		rgba  uint32 // mapped
		count int
	}
	var seen []colour // in the order met; a colour's place is its index
	place := map[uint32]int{}
	type recentColour struct {
		rgba uint32 // as drawn
		at   int    // the place plus one; 0 for none
	}
	var recent [1 << recentBits]recentColour
	out := &indexed{rect: img.rect, rows: make([][]byte, len(img.rows))}
	width := img.rect.Dx()
	var prevRow, prevOut []byte
	for i, row := range img.rows {
		// Most rows of a cover, in its bands of flat colour, are the row
		// above again.
		if sameRow(row, prevRow) {
			out.rows[i] = prevOut
			continue
		}
		outRow := make([]byte, width)
		prevRow, prevOut, out.rows[i] = row, outRow, outRow
		// a run of one colour at a time: most of a row is flat
		run, at, n := uint32(0), 0, 0
		for x := 0; x < width; {
			c := binary.BigEndian.Uint32(row[4*x:])
			if c != run || n == 0 {
				if n > 0 {
					seen[at].count += n
				}
				// a colour's place is looked up in recent, then in place
				slot := &recent[(c*0x9E3779B1)>>(32-recentBits)]
				if slot.rgba == c && slot.at > 0 {
					at = slot.at - 1
				} else {
					m := c
					if to != nil {
						m = to(c)
					}
					var ok bool
					if at, ok = place[m]; !ok {
						if len(seen) == 256 && !counting {
							return nil, nil
						}
						at = len(seen)
						place[m] = at
						seen = append(seen, colour{rgba: m})
					}
					*slot = recentColour{c, at + 1}
				}
				run, n = c, 0
			}
			// of no use when there are more than 256
			outRow[x] = uint8(at)
			n++
			x++
			// the rest of the run, two pixels at a time
			for pair := uint64(run)<<32 | uint64(run); x+1 < width && binary.BigEndian.Uint64(row[4*x:]) == pair; x += 2 {
				outRow[x], outRow[x+1] = uint8(at), uint8(at)
				n += 2
			}
		}
		if n > 0 {
			seen[at].count += n
		}
	}
	var counts map[uint32]int
	if counting {
		counts = make(map[uint32]int, len(seen))
		for _, c := range seen {
			counts[c.rgba] = c.count
		}
	}
	if len(seen) > 256 {
		return nil, counts
	}
	for _, c := range seen {
		out.Palette = append(out.Palette, color.RGBA{uint8(c.rgba >> 24), uint8(c.rgba >> 16), uint8(c.rgba >> 8), uint8(c.rgba)})
	}
	return out, counts
}

// recentBits sizes the table of colours recently met that spares a map
// lookup at each edge of a glyph, where colours come and go.
const recentBits = 8

// indexed is a drawn design as palette indices, a byte a pixel, rows
// alike sharing their bytes as the raster's do.
type indexed struct {
	rect    image.Rectangle
	rows    [][]byte
	Palette color.Palette
}

func (p *indexed) ColorModel() color.Model { return p.Palette }
func (p *indexed) Bounds() image.Rectangle { return p.rect }

func (p *indexed) At(x, y int) color.Color {
	if !image.Pt(x, y).In(p.rect) {
		return color.RGBA{}
	}
	return p.Palette[p.rows[y-p.rect.Min.Y][x-p.rect.Min.X]]
}

// sameRow reports whether two rows of pixels are the same, at once when
// they are one row shared.
func sameRow(a, b []byte) bool {
	if len(a) == len(b) && len(a) > 0 && &a[0] == &b[0] {
		return true
	}
	return bytes.Equal(a, b)
}

// raster is a drawn design: its rows of pixels top to bottom, four bytes
// (RGBA) a pixel, rows drawn alike sharing their bytes.
type raster struct {
	rect image.Rectangle
	rows [][]byte
}

func (r *raster) ColorModel() color.Model { return color.RGBAModel }
func (r *raster) Bounds() image.Rectangle { return r.rect }

func (r *raster) At(x, y int) color.Color {
	if !image.Pt(x, y).In(r.rect) {
		return color.RGBA{}
	}
	p := r.rows[y-r.rect.Min.Y][4*(x-r.rect.Min.X):]
	return color.RGBA{p[0], p[1], p[2], p[3]}
}

// rgba is the raster as one picture.
func (r *raster) rgba() *image.RGBA {
	img := image.NewRGBA(r.rect)
	for i, row := range r.rows {
		copy(img.Pix[i*img.Stride:], row)
	}
	return img
}

// rasterOf is an image's rows as a raster.
func rasterOf(img *image.RGBA) *raster {
	r := &raster{rect: img.Rect}
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		r.rows = append(r.rows, img.Pix[img.PixOffset(img.Rect.Min.X, y):][:4*img.Rect.Dx()])
	}
	return r
}

// glyph is a glyph of a design's text, where it is drawn, its coverage
// and its ink, as font.Drawer draws it.
type glyph struct {
	dr   image.Rectangle
	mask *image.Alpha
	ink  *image.Uniform
}

// rasterize paints a design at one pixel a point: its rectangles, then
// its text (runs turned on a front are not drawn; a front has none).
//
// It paints the pixels painting the whole picture would paint, but only
// the rows the text covers are painted as a picture; each other row is
// the rectangles alone, and rows crossed by the same rectangles share one
// row of pixels. A cover is mostly bands of flat colour: this spares
// filling, and then reading, most of its 16 MB.
func rasterize(d *cover.Design, set *fonts.Set) (*raster, error) {
	bounds := image.Rect(0, 0, int(math.Ceil(d.W)), int(math.Ceil(d.H)))
	type fill struct {
		rect image.Rectangle
		ink  *image.Uniform
	}
	var fills []fill
	for _, r := range d.Rects {
		rect := image.Rect(int(math.Round(r.X)), int(math.Round(r.Y)), int(math.Round(r.X+r.W)), int(math.Round(r.Y+r.H)))
		fills = append(fills, fill{rect, image.NewUniform(rgba(r.Fill))})
	}
	glyphs, err := glyphsOf(d, set)
	if err != nil {
		return nil, err
	}
	// The bands of rows the text covers: each glyph's rows, joined
	// where they meet or overlap, within the picture.
	type band struct{ y0, y1 int }
	var bands []band
	byTop := slices.Clone(glyphs)
	slices.SortStableFunc(byTop, func(a, b glyph) int { return a.dr.Min.Y - b.dr.Min.Y })
	for _, g := range byTop {
		y0, y1 := max(g.dr.Min.Y, bounds.Min.Y), min(g.dr.Max.Y, bounds.Max.Y)
		if y0 >= y1 || g.dr.Min.X >= bounds.Max.X || g.dr.Max.X <= bounds.Min.X {
			continue
		}
		if n := len(bands); n > 0 && y0 <= bands[n-1].y1 {
			bands[n-1].y1 = max(bands[n-1].y1, y1)
			continue
		}
		bands = append(bands, band{y0, y1})
	}
	out := &raster{rect: bounds, rows: make([][]byte, bounds.Dy())}
	paint := func(img *image.RGBA) {
		for _, f := range fills {
			draw.Draw(img, f.rect, f.ink, image.Point{}, draw.Src)
		}
	}
	stride := 4 * bounds.Dx()
	for _, b := range bands {
		img := image.NewRGBA(image.Rect(bounds.Min.X, b.y0, bounds.Max.X, b.y1))
		paint(img)
		// in the order they are drawn, as overlapping glyphs blend so
		for _, g := range glyphs {
			if g.dr.Overlaps(img.Rect) {
				draw.DrawMask(img, g.dr, g.ink, image.Point{}, g.mask, image.Point{}, draw.Over)
			}
		}
		for y := b.y0; y < b.y1; y++ {
			out.rows[y-bounds.Min.Y] = img.Pix[(y-b.y0)*stride:][:stride]
		}
	}
	// The other rows: those crossed by the same rectangles are alike.
	var shared []byte
	var sharedBy, by []int
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		if out.rows[y-bounds.Min.Y] != nil {
			continue
		}
		by = by[:0]
		for i, f := range fills {
			if f.rect.Min.Y <= y && y < f.rect.Max.Y && f.rect.Min.X < f.rect.Max.X {
				by = append(by, i)
			}
		}
		if shared == nil || !slices.Equal(by, sharedBy) {
			img := image.NewRGBA(image.Rect(bounds.Min.X, y, bounds.Max.X, y+1))
			paint(img)
			shared, sharedBy = img.Pix, slices.Clone(by)
		}
		out.rows[y-bounds.Min.Y] = shared
	}
	return out, nil
}

// glyphsOf sets the design's text as font.Drawer draws it, glyph by
// glyph with the fonts' kerning, each glyph's coverage kept.
func glyphsOf(d *cover.Design, set *fonts.Set) ([]glyph, error) {
	var out []glyph
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
		ink := image.NewUniform(rgba(t.Ink))
		dot := fixed.Point26_6{X: fixed.Int26_6(math.Round(t.X * 64)), Y: fixed.Int26_6(math.Round(t.Y * 64))}
		prev := rune(-1)
		for _, c := range t.Text {
			if prev >= 0 {
				dot.X += face.Kern(prev, c)
			}
			dr, mask, maskp, advance, _ := face.Glyph(dot, c)
			if !dr.Empty() {
				// the face draws every glyph into one mask: a copy is kept
				m := image.NewAlpha(image.Rect(0, 0, dr.Dx(), dr.Dy()))
				if a, ok := mask.(*image.Alpha); ok {
					for y := range dr.Dy() {
						copy(m.Pix[y*m.Stride:][:dr.Dx()], a.Pix[a.PixOffset(maskp.X, maskp.Y+y):])
					}
				} else {
					draw.Draw(m, m.Rect, mask, maskp, draw.Src)
				}
				out = append(out, glyph{dr: dr, mask: m, ink: ink})
			}
			dot.X += advance
			prev = c
		}
		face.Close()
	}
	return out, nil
}

func rgba(c cover.Color) color.RGBA {
	b := func(v float64) uint8 { return uint8(math.Round(math.Min(1, math.Max(0, v)) * 255)) }
	return color.RGBA{R: b(c.R), G: b(c.G), B: b(c.B), A: 0xff}
}
