package pdf

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/vector"

	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/svg"
)

// A PDF has no blur: an SVG filter's blur (svg.Blur, a drop shadow or
// Figma's layer blur) is drawn as an image of its one colour whose soft
// mask is the coverage of its shapes, rasterised and blurred here. The
// image is a PNG with an alpha channel, which gofpdf splits into the
// colours and an /SMask (DeviceGray) itself, as it does for a picture
// with transparency (images.go's registerRGBA).

// blurImage is where a blur's image is placed on the page, in points top
// down, and gofpdf's name for it; "" when it shows nothing.
type blurImage struct {
	name       string
	x, y, w, h float64
}

const (
	// maxBlurPixels bounds a blur's image: a shadow wider than a page at
	// a fine resolution is made coarser, which its blur hides.
	maxBlurPixels = 4 << 20
	// blurSigmaPixels is the finest a blur needs to be sampled: its
	// standard deviation over this many pixels shows no steps.
	blurSigmaPixels = 6
)

// blurImagesOf rasterises and registers the blurs of a drawing placed by
// place, before it is painted: an image drawn inside a group's template
// must be registered before the template is made. Blurs in a mask's
// content are drawn in its template, one of a luminance mask in the grey
// of its colour's luminance, as the mask's other paints (luminances).
func (p *painter) blurImagesOf(items []svg.Item, place svg.Matrix, out map[*svg.Blur]blurImage) map[*svg.Blur]blurImage {
	return p.blurImagesIn(items, place, false, out)
}

func (p *painter) blurImagesIn(items []svg.Item, place svg.Matrix, grey bool, out map[*svg.Blur]blurImage) map[*svg.Blur]blurImage {
	for _, it := range items {
		switch it := it.(type) {
		case *svg.Group:
			out = p.blurImagesIn(it.Items, place, grey, out)
			if m := it.Mask; m != nil {
				out = p.blurImagesIn(m.Items, place, !m.Alpha, out)
			}
		case *svg.Blur:
			if out == nil {
				out = map[*svg.Blur]blurImage{}
			}
			if _, ok := out[it]; !ok {
				b := it
				if grey {
					c := *it
					c.Color = maskGrey(it.Color)
					b = &c
				}
				out[it] = p.registerBlur(b, place)
			}
		}
	}
	return out
}

// maskGrey is the grey a luminance mask's content paints a colour in: as
// luminances turns a shape's fill.
func maskGrey(c svg.Color) svg.Color {
	fill := luminances([]svg.Item{&svg.Shape{Fill: &svg.Fill{Paint: svg.Paint{Color: c}}}})[0].(*svg.Shape).Fill
	return fill.Paint.Color
}

// blurResolution is the resolution, in pixels a point, a blur of
// standard deviation sigma points is rasterised at: the book's picture
// resolution (150 ppi when it has none, 300 at most), coarser when the
// blur is wide enough to hide it, never below 72 ppi.
func blurResolution(dpi, sigma float64) float64 {
	if !(dpi > 0) {
		dpi = 150
	}
	scale := min(dpi, 300) / 72
	if sigma*scale > blurSigmaPixels {
		scale = max(blurSigmaPixels/sigma, min(scale, 1))
	}
	return scale
}

// registerBlur rasterises a blur placed by place and registers its image.
func (p *painter) registerBlur(b *svg.Blur, place svg.Matrix) blurImage {
	m := place.Mul(b.Transform)
	if !validMatrix(m) {
		return blurImage{}
	}
	sx := b.StdDevX * math.Hypot(m[0], m[1])
	sy := b.StdDevY * math.Hypot(m[2], m[3])
	// The region's box on the page.
	r := b.Region
	x0, y0 := math.Inf(1), math.Inf(1)
	x1, y1 := math.Inf(-1), math.Inf(-1)
	for _, c := range [4][2]float64{{r.X, r.Y}, {r.X + r.W, r.Y}, {r.X, r.Y + r.H}, {r.X + r.W, r.Y + r.H}} {
		x, y := m.Apply(c[0], c[1])
		x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
	}
	if !finite(x0, y0, x1, y1) || x1 <= x0 || y1 <= y0 {
		return blurImage{}
	}
	sigma := min(sx, sy)
	if sigma <= 0 {
		sigma = max(sx, sy)
	}
	// What the items cover, within the region: the blur spreads it by
	// about 3 deviations, and only there is the image made.
	items := p.blurSilhouettes(b.Items)
	ix0, iy0, ix1, iy1, ok := itemsBox(items, place)
	if !ok {
		return blurImage{}
	}
	ix0, iy0, ix1, iy1 = max(ix0, x0), max(iy0, y0), min(ix1, x1), min(iy1, y1)
	if ix1 <= ix0 || iy1 <= iy0 {
		return blurImage{}
	}
	ox, oy := m.Apply(b.DX, b.DY)
	ox, oy = ox-m[4], oy-m[5]
	scale := blurResolution(p.opts.ImageDPI, sigma)
	var g blurGrid
	for range 4 {
		g = newBlurGrid(scale, x0, y0, x1, y1, ix0, iy0, ix1, iy1, ox, oy, sx, sy)
		if n := float64(g.pw) * float64(g.ph); n > maxBlurPixels {
			scale *= math.Sqrt(maxBlurPixels/n) * 0.99
			continue
		}
		break
	}
	if g.ww <= 0 || g.wh <= 0 || g.pw*g.ph > maxBlurPixels {
		return blurImage{}
	}
	// What is offset after the blur is rasterised where it stands,
	// clipped to the region, blurred, and read moved by the offset (in
	// whole pixels).
	toPixels := svg.Matrix{scale, 0, 0, scale, -x0*scale - float64(g.px0), -y0*scale - float64(g.py0)}.Mul(place)
	z := &coverage{w: g.pw, h: g.ph, z: vector.NewRasterizer(g.pw, g.ph), a: image.NewAlpha(image.Rect(0, 0, g.pw, g.ph))}
	cov := z.items(items, toPixels)
	for y := range g.ph {
		for x := range g.pw {
			if rx, ry := x+g.px0, y+g.py0; rx < 0 || rx >= g.w || ry < 0 || ry >= g.h {
				cov[y*g.pw+x] = 0
			}
		}
	}
	gaussianBlur(cov, g.pw, g.ph, sx*scale, sy*scale)
	w, h := g.ww, g.wh
	mask := make([]byte, w*h)
	shows := false
	for y := range h {
		row := cov[(y+g.wy0-g.ky-g.py0)*g.pw+g.wx0-g.kx-g.px0:][:w]
		for x, v := range row {
			mask[y*w+x] = uint8(min(max(v, 0), 1)*255 + 0.5)
			shows = shows || mask[y*w+x] > 0
		}
	}
	if !shows {
		return blurImage{}
	}
	placed := blurImage{x: x0 + float64(g.wx0)/scale, y: y0 + float64(g.wy0)/scale, w: float64(w) / scale, h: float64(h) / scale}
	digest := sha256.New()
	var head [11]byte
	binary.BigEndian.PutUint32(head[0:], uint32(w))
	binary.BigEndian.PutUint32(head[4:], uint32(h))
	head[8], head[9], head[10] = b.Color.R, b.Color.G, b.Color.B
	digest.Write(head[:])
	digest.Write(mask)
	name := fmt.Sprintf("svgblur-%x", digest.Sum(nil)[:12])
	if p.f.GetImageInfo(name) == nil {
		img := image.NewNRGBA(image.Rect(0, 0, w, h))
		for i, a := range mask {
			copy(img.Pix[4*i:], []byte{b.Color.R, b.Color.G, b.Color.B, a})
		}
		if pic := p.registerPixels(name, img, w, h, media.Profile{}); pic.name == "" {
			return blurImage{}
		}
	}
	placed.name = name
	return placed
}

// blur draws a blur's image under the graphics state's clip, opaque but
// for its mask.
// blurGrid is where a blur is made, in pixels of a grid whose origin is
// the region's corner: the region, w × h; the plane rasterised and
// blurred, pw × ph at px0, py0; the image made, ww × wh at wx0, wy0 (the
// region's part the blur reaches); and the offset after the blur.
type blurGrid struct {
	w, h             int
	px0, py0, pw, ph int
	wx0, wy0, ww, wh int
	kx, ky           int
}

// newBlurGrid lays out a blur at scale pixels a point: region x0..x1 ×
// y0..y1 and the items' box in it, ix0..ix1 × iy0..iy1, on the page;
// offset ox, oy and deviations sx, sy in points.
func newBlurGrid(scale, x0, y0, x1, y1, ix0, iy0, ix1, iy1, ox, oy, sx, sy float64) blurGrid {
	g := blurGrid{w: max(int(math.Ceil((x1-x0)*scale)), 1), h: max(int(math.Ceil((y1-y0)*scale)), 1)}
	g.kx, g.ky = int(math.Round(ox*scale)), int(math.Round(oy*scale))
	span := func(a, b, origin, sigma float64, k, size int) (p0, p1, w0, w1 int) {
		s0 := max(int(math.Floor((a-origin)*scale)), 0)
		s1 := min(int(math.Ceil((b-origin)*scale)), size)
		margin := int(math.Ceil(3*sigma*scale)) + 2
		w0, w1 = max(s0-margin+k, 0), min(s1+margin+k, size)
		return min(s0, w0-k), max(s1, w1-k), w0, w1
	}
	var px1, py1, wx1, wy1 int
	g.px0, px1, g.wx0, wx1 = span(ix0, ix1, x0, sx, g.kx, g.w)
	g.py0, py1, g.wy0, wy1 = span(iy0, iy1, y0, sy, g.ky, g.h)
	g.pw, g.ph, g.ww, g.wh = px1-g.px0, py1-g.py0, wx1-g.wx0, wy1-g.wy0
	return g
}

// itemsBox is the box on the page of what a blur's items paint, place
// mapping the drawing to the page: their points (which bound their
// curves) and half their outlines' width.
func itemsBox(items []svg.Item, place svg.Matrix) (x0, y0, x1, y1 float64, ok bool) {
	x0, y0, x1, y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	var walk func([]svg.Item)
	walk = func(items []svg.Item) {
		for _, it := range items {
			switch it := it.(type) {
			case *svg.Shape:
				t := place.Mul(it.Transform)
				var pad float64
				if it.Stroke != nil {
					pad = it.Stroke.Width / 2 * math.Max(math.Hypot(t[0], t[1]), math.Hypot(t[2], t[3]))
					if it.Stroke.Cap == "square" || it.Stroke.Join == "miter" {
						pad *= max(it.Stroke.MiterLimit, math.Sqrt2)
					}
				}
				for _, seg := range it.Path {
					for _, p := range seg.Pts[:segPoints(seg.Op)] {
						x, y := t.Apply(p.X, p.Y)
						x0, y0, x1, y1 = min(x0, x-pad), min(y0, y-pad), max(x1, x+pad), max(y1, y+pad)
					}
				}
			case *svg.Group:
				walk(it.Items)
			}
		}
	}
	walk(items)
	return x0, y0, x1, y1, finite(x0, y0, x1, y1) && x1 > x0 && y1 > y0
}

func (s *svgDrawer) blur(b *svg.Blur) {
	im, ok := s.blurs[b]
	if !ok || im.name == "" {
		return
	}
	s.setAlpha(1)
	s.f.ImageOptions(im.name, im.x, im.y, im.w, im.h, false,
		gofpdf.ImageOptions{ImageType: "png", AllowNegativePosition: true}, 0, "")
}

// coverage rasterises what a blur's items cover, each point 0..1: their
// opacities composited as a browser composites the shapes of one colour.
type coverage struct {
	w, h int
	z    *vector.Rasterizer
	a    *image.Alpha
}

// items is the coverage of items drawn through m (the drawing's space to
// pixels).
func (c *coverage) items(items []svg.Item, m svg.Matrix) []float32 {
	acc := make([]float32, c.w*c.h)
	over := func(src []float32, opacity float32) {
		for i, v := range src {
			v *= opacity
			acc[i] += v * (1 - acc[i])
		}
	}
	for _, it := range items {
		switch it := it.(type) {
		case *svg.Shape:
			// A shape's fill and outline are one silhouette: the most
			// covering of the two.
			var shape []float32
			if it.Fill != nil && it.Fill.Opacity > 0 {
				shape = c.fill([]svg.ClipShape{{Transform: it.Transform, Path: it.Path, EvenOdd: it.Fill.EvenOdd}}, m)
				scale(shape, float32(it.Fill.Opacity))
			}
			if st := it.Stroke; st != nil && st.Opacity > 0 && st.Width > 0 {
				outline := c.stroke(it.Path, st, m.Mul(it.Transform))
				scale(outline, float32(st.Opacity*dashShare(st.Dash)))
				if shape == nil {
					shape = outline
				}
				for i, v := range outline {
					shape[i] = max(shape[i], v)
				}
			}
			if shape != nil {
				over(shape, 1)
			}
		case *svg.Group:
			inner := c.items(it.Items, m)
			if len(it.Clip) > 0 {
				clip := c.fill(it.Clip, m)
				for i := range inner {
					inner[i] *= clip[i]
				}
			}
			o := float32(1)
			if it.Opacity > 0 {
				o = float32(it.Opacity)
			}
			over(inner, o)
		}
	}
	return acc
}

// fill is the coverage of the union of shapes: each is rasterised on its
// own (the rasteriser winds paths of opposite directions apart), by its
// fill rule, and the most covering kept.
func (c *coverage) fill(shapes []svg.ClipShape, m svg.Matrix) []float32 {
	out := make([]float32, c.w*c.h)
	for _, sh := range shapes {
		t := m.Mul(sh.Transform)
		if !validMatrix(t) {
			continue
		}
		// Only the pixels of the shape's box (its points bound its
		// curves) are rasterised.
		var pts []float64
		for _, seg := range sh.Path {
			for _, p := range seg.Pts[:segPoints(seg.Op)] {
				x, y := t.Apply(p.X, p.Y)
				pts = append(pts, x, y)
			}
		}
		x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for k := 0; k < len(pts); k += 2 {
			x0, y0, x1, y1 = min(x0, pts[k]), min(y0, pts[k+1]), max(x1, pts[k]), max(y1, pts[k+1])
		}
		ix0, iy0, bw, bh, ok := c.pixelBox(x0, y0, x1, y1)
		if !ok {
			continue
		}
		if sh.EvenOdd {
			cov := evenOddCoverage(flattenPixels(sh.Path, pts, float64(ix0), float64(iy0)), bw, bh)
			for y := range bh {
				row := out[(iy0+y)*c.w+ix0:][:bw]
				for x, v := range cov[y*bw : (y+1)*bw] {
					row[x] = max(row[x], v)
				}
			}
			continue
		}
		c.z.Reset(bw, bh)
		c.z.DrawOp = draw.Src
		at := func(k int) (float32, float32) {
			return float32(pts[k] - float64(ix0)), float32(pts[k+1] - float64(iy0))
		}
		open := false
		k := 0
		for _, seg := range sh.Path {
			switch seg.Op {
			case svg.MoveTo:
				if open {
					c.z.ClosePath()
				}
				c.z.MoveTo(at(k))
				open = true
			case svg.LineTo:
				c.z.LineTo(at(k))
			case svg.CubicTo:
				x1, y1 := at(k)
				x2, y2 := at(k + 2)
				x3, y3 := at(k + 4)
				c.z.CubeTo(x1, y1, x2, y2, x3, y3)
			case svg.Close:
				c.z.ClosePath()
				open = false
			}
			k += 2 * segPoints(seg.Op)
		}
		if open {
			c.z.ClosePath()
		}
		c.drawInto(out, ix0, iy0, bw, bh)
	}
	return out
}

// segPoints is how many of a path segment's points it uses.
func segPoints(op svg.Op) int {
	switch op {
	case svg.MoveTo, svg.LineTo:
		return 1
	case svg.CubicTo:
		return 3
	}
	return 0
}

func scale(plane []float32, k float32) {
	for i := range plane {
		plane[i] *= k
	}
}

// dashShare is the share of a stroke its dashes paint: blurred, a dashed
// line is about a solid one that much opaque.
func dashShare(dash []float64) float64 {
	var on, all float64
	for i, d := range dash {
		if i%2 == 0 {
			on += d
		}
		all += d
	}
	if !(all > 0) {
		return 1
	}
	return on / all
}

// stroke is the coverage of a path's outline, t mapping its user space
// to pixels: each straight piece of it (curves flattened) a band of the
// stroke's width, each joint as the stroke joins it (a miter within the
// miter limit, else a bevel; a bevel; a disc) and each round end a disc,
// rasterised apart and the most covering kept.
func (c *coverage) stroke(p svg.Path, st *svg.Stroke, t svg.Matrix) []float32 {
	dst := make([]float32, c.w*c.h)
	hw := st.Width / 2
	// pixels a user unit, at most: curves are flattened finer than a pixel
	k := math.Max(math.Hypot(t[0], t[1]), math.Hypot(t[2], t[3]))
	disc := func(x, y float64) {
		var pts [8][2]float64
		for i := range pts {
			a := float64(i) * math.Pi / 4
			pts[i][0], pts[i][1] = t.Apply(x+hw*math.Cos(a), y+hw*math.Sin(a))
		}
		c.polygon(pts[:], dst)
	}
	var line []svg.Point
	flush := func(closed bool) {
		if len(line) < 2 {
			line = line[:0]
			return
		}
		for i := 1; i < len(line); i++ {
			a, b := line[i-1], line[i]
			dx, dy := b.X-a.X, b.Y-a.Y
			n := math.Hypot(dx, dy)
			if n == 0 {
				continue
			}
			ux, uy := dx/n, dy/n
			if st.Cap == "square" && !closed {
				if i == 1 {
					a.X, a.Y = a.X-ux*hw, a.Y-uy*hw
				}
				if i == len(line)-1 {
					b.X, b.Y = b.X+ux*hw, b.Y+uy*hw
				}
			}
			nx, ny := -uy*hw, ux*hw
			var band [4][2]float64
			band[0][0], band[0][1] = t.Apply(a.X+nx, a.Y+ny)
			band[1][0], band[1][1] = t.Apply(b.X+nx, b.Y+ny)
			band[2][0], band[2][1] = t.Apply(b.X-nx, b.Y-ny)
			band[3][0], band[3][1] = t.Apply(a.X-nx, a.Y-ny)
			c.polygon(band[:], dst)
		}
		n := len(line)
		for i, pt := range line {
			if !closed && (i == 0 || i == n-1) {
				if st.Cap == "round" {
					disc(pt.X, pt.Y)
				}
				continue
			}
			if closed && i == n-1 {
				continue // the start's joint, drawn at 0
			}
			// the directions in and out of the joint, past pieces of no
			// length
			var in, out svg.Point
			var okIn, okOut bool
			for j, k := i, 0; !okIn && k < n; k++ {
				if j == 0 {
					if !closed {
						break
					}
					j = n - 1 // the last point is the first
				}
				in, okIn = unit(line[j-1], line[j])
				j--
			}
			for j, k := i, 0; !okOut && k < n; k++ {
				if j == n-1 {
					if !closed {
						break
					}
					j = 0
				}
				out, okOut = unit(line[j], line[j+1])
				j++
			}
			if !okIn || !okOut {
				if st.Cap == "round" || st.Join == "round" {
					disc(pt.X, pt.Y)
				}
				continue
			}
			c.join(pt, in, out, hw, st, t, disc, dst)
		}
		line = line[:0]
	}
	var start, pen svg.Point
	for _, seg := range p {
		switch seg.Op {
		case svg.MoveTo:
			flush(false)
			start, pen = seg.Pts[0], seg.Pts[0]
			line = append(line, pen)
		case svg.LineTo:
			pen = seg.Pts[0]
			line = append(line, pen)
		case svg.CubicTo:
			p0, p1, p2, p3 := pen, seg.Pts[0], seg.Pts[1], seg.Pts[2]
			steps := int(math.Ceil((dist(p0, p1) + dist(p1, p2) + dist(p2, p3)) * k / 2))
			steps = min(max(steps, 1), 256)
			for i := 1; i <= steps; i++ {
				u := float64(i) / float64(steps)
				v := 1 - u
				line = append(line, svg.Point{
					X: v*v*v*p0.X + 3*v*v*u*p1.X + 3*v*u*u*p2.X + u*u*u*p3.X,
					Y: v*v*v*p0.Y + 3*v*v*u*p1.Y + 3*v*u*u*p2.Y + u*u*u*p3.Y,
				})
			}
			pen = p3
		case svg.Close:
			line = append(line, start)
			flush(true)
			pen = start
			line = append(line, pen)
		}
	}
	flush(false)
	return dst
}

// join rasterises the joint at pt of pieces of a stroke going in and out
// (unit directions) into dst: the wedge outside the turn, between the
// pieces' bands, as the stroke's line join fills it.
func (c *coverage) join(pt, in, out svg.Point, hw float64, st *svg.Stroke, t svg.Matrix, disc func(x, y float64), dst []float32) {
	if st.Join == "round" {
		disc(pt.X, pt.Y)
		return
	}
	// the outer side: the one the path turns away from
	turn := in.X*out.Y - in.Y*out.X
	side := -1.0
	if turn < 0 {
		side = 1
	}
	n1 := svg.Point{X: -in.Y * side, Y: in.X * side}
	n2 := svg.Point{X: -out.Y * side, Y: out.X * side}
	a := svg.Point{X: pt.X + n1.X*hw, Y: pt.Y + n1.Y*hw}
	b := svg.Point{X: pt.X + n2.X*hw, Y: pt.Y + n2.Y*hw}
	var poly [][2]float64
	add := func(q svg.Point) {
		x, y := t.Apply(q.X, q.Y)
		poly = append(poly, [2]float64{x, y})
	}
	add(pt)
	add(a)
	// The miter's tip is where the bands' outer edges meet, 1/cos(θ/2)
	// half widths out along the bisector for a turn of θ: the miter limit
	// bounds that ratio, past which the join is bevelled.
	if mx, my := n1.X+n2.X, n1.Y+n2.Y; st.Join != "bevel" {
		if l2 := mx*mx + my*my; l2 > 0 && 2/math.Sqrt(l2) <= st.MiterLimit {
			add(svg.Point{X: pt.X + mx*2/l2*hw, Y: pt.Y + my*2/l2*hw})
		}
	}
	add(b)
	c.polygon(poly, dst)
}

// unit is the unit direction from a to b; false when they are one point.
func unit(a, b svg.Point) (svg.Point, bool) {
	n := dist(a, b)
	if !(n > 0) {
		return svg.Point{}, false
	}
	return svg.Point{X: (b.X - a.X) / n, Y: (b.Y - a.Y) / n}, true
}

func dist(a, b svg.Point) float64 { return math.Hypot(b.X-a.X, b.Y-a.Y) }

// pixelBox is the box of whole pixels of the plane that x0..x1 × y0..y1
// touches: its corner, width and height, and false when it is empty or
// not finite.
func (c *coverage) pixelBox(x0, y0, x1, y1 float64) (ix0, iy0, w, h int, ok bool) {
	if !finite(x0, y0, x1, y1) {
		return 0, 0, 0, 0, false
	}
	ix0, iy0 = max(int(math.Floor(x0)), 0), max(int(math.Floor(y0)), 0)
	ix1, iy1 := min(int(math.Ceil(x1)), c.w), min(int(math.Ceil(y1)), c.h)
	w, h = ix1-ix0, iy1-iy0
	return ix0, iy0, w, h, w > 0 && h > 0
}

// polygon rasterises a polygon in pixels over its own box of the plane,
// keeping the most covering in out.
func (c *coverage) polygon(pts [][2]float64, out []float32) {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		x0, y0, x1, y1 = min(x0, p[0]), min(y0, p[1]), max(x1, p[0]), max(y1, p[1])
	}
	ix0, iy0, bw, bh, ok := c.pixelBox(x0, y0, x1, y1)
	if !ok {
		return
	}
	c.z.Reset(bw, bh)
	c.z.DrawOp = draw.Src
	for i, p := range pts {
		x, y := float32(p[0]-float64(ix0)), float32(p[1]-float64(iy0))
		if i == 0 {
			c.z.MoveTo(x, y)
		} else {
			c.z.LineTo(x, y)
		}
	}
	c.z.ClosePath()
	c.drawInto(out, ix0, iy0, bw, bh)
}

// drawInto rasterises the outline given to c.z, whose box on the plane
// starts at ix0, iy0 and is bw × bh, and keeps in out the greater of its
// coverage and what out has.
func (c *coverage) drawInto(out []float32, ix0, iy0, bw, bh int) {
	a := &image.Alpha{Pix: c.a.Pix[:bw*bh], Stride: bw, Rect: image.Rect(0, 0, bw, bh)}
	c.z.Draw(a, a.Rect, image.NewUniform(color.Alpha{A: 255}), image.Point{})
	for y := range bh {
		row := out[(iy0+y)*c.w+ix0:][:bw]
		for x, v := range a.Pix[y*bw : (y+1)*bw] {
			row[x] = max(row[x], float32(v)/255)
		}
	}
}

// gaussianBlur blurs a w × h plane in place by a Gaussian of standard
// deviation sx, sy pixels, as the Filter Effects specification suggests
// (feGaussianBlur) and browsers do: three box blurs along each axis, of
// width d = ⌊s·3·√(2π)/4 + 0.5⌋; for an even d, two of width d centred
// half a pixel to either side and one of d+1. Outside the plane is
// transparent. It takes time in proportion to the pixels, whatever the
// deviation.
func gaussianBlur(plane []float32, w, h int, sx, sy float64) {
	line := make([]float32, max(w, h))
	out := make([]float32, max(w, h))
	if d := boxWidth(sx); d > 1 {
		for y := 0; y < h; y++ {
			if row := plane[y*w : (y+1)*w]; !zero(row) {
				threeBoxes(row, line[:w], out[:w], d)
			}
		}
	}
	if d := boxWidth(sy); d > 1 {
		// The columns are blurred as rows of the plane turned.
		turned := make([]float32, w*h)
		for y := range h {
			for x, v := range plane[y*w : (y+1)*w] {
				turned[x*h+y] = v
			}
		}
		for x := range w {
			if col := turned[x*h : (x+1)*h]; !zero(col) {
				threeBoxes(col, line[:h], out[:h], d)
			}
		}
		for y := range h {
			row := plane[y*w : (y+1)*w]
			for x := range row {
				row[x] = turned[x*h+y]
			}
		}
	}
}

// zero says a line is empty, which a blur leaves so.
func zero(line []float32) bool {
	for _, v := range line {
		if v != 0 {
			return false
		}
	}
	return true
}

func boxWidth(sigma float64) int {
	if !(sigma > 0) {
		return 0
	}
	return int(math.Floor(sigma*3*math.Sqrt(2*math.Pi)/4 + 0.5))
}

// threeBoxes blurs v in place by three box blurs of width d (see
// gaussianBlur), with a and b as scratch of v's length.
func threeBoxes(v, a, b []float32, d int) {
	if d%2 == 1 {
		box(v, a, (d-1)/2, (d-1)/2)
		box(a, b, (d-1)/2, (d-1)/2)
		box(b, v, (d-1)/2, (d-1)/2)
		return
	}
	box(v, a, d/2, d/2-1)
	box(a, b, d/2-1, d/2)
	box(b, v, d/2, d/2)
}

// box sets dst[i] to the mean of src[i-before .. i+after], zero outside,
// by a running sum.
func box(src, dst []float32, before, after int) {
	n := len(src)
	k := 1 / float64(before+after+1)
	var sum float64
	for i := 0; i < after && i < n; i++ {
		sum += float64(src[i])
	}
	for i := range n {
		if j := i + after; j < n {
			sum += float64(src[j])
		}
		if j := i - before - 1; j >= 0 {
			sum -= float64(src[j])
		}
		dst[i] = float32(max(sum, 0) * k)
	}
}
