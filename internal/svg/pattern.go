package svg

import (
	"math"
	"strings"
)

// Bounds on tiling a pattern: past them the shape is filled in the
// pattern's fallback colour or grey, as before, with a warning.
const (
	maxPatternTiles = 4096
	maxPatternItems = 20000
)

// patternFill fills path p (in the user space ctx.ctm maps) with the
// tiles of the pattern the fill refers to: a group clipped to the shape
// holding a copy of the pattern's content for each tile that meets it,
// each clipped to its tile. ok is false when the fill is no pattern or
// the pattern cannot be tiled (no size, too many tiles).
func (r *renderer) patternFill(p Path, s *style, ctx context) (items []Item, ok bool) {
	if s.fill.url == "" {
		return nil, false
	}
	pat := r.ids[s.fill.url]
	if pat == nil || pat.name != "pattern" || r.active[pat] {
		return nil, false
	}
	// The href chain supplies attributes and content the pattern lacks.
	chain := []*node{pat}
	for cur := pat; len(chain) < 16; {
		next := r.ids[strings.TrimPrefix(cur.href(), "#")]
		if next == nil || next.name != "pattern" || containsNode(chain, next) {
			break
		}
		chain = append(chain, next)
		cur = next
	}
	attr := func(name string) string {
		for _, n := range chain {
			if v, ok := n.attrs[name]; ok {
				return strings.TrimSpace(v)
			}
		}
		return ""
	}
	content := pat
	for _, n := range chain {
		if len(n.elements()) > 0 {
			content = n
			break
		}
	}
	bb, okB := p.Bounds()
	if !okB || len(content.elements()) == 0 {
		return nil, false
	}
	// The tile, in pattern space.
	fs := s.fontSize
	var tx, ty, tw, th float64
	if attr("patternUnits") == "userSpaceOnUse" {
		tx, _ = length(attr("x"), ctx.vp.w, fs)
		ty, _ = length(attr("y"), ctx.vp.h, fs)
		tw, _ = length(attr("width"), ctx.vp.w, fs)
		th, _ = length(attr("height"), ctx.vp.h, fs)
	} else {
		tx = bb.X + fraction(attr("x"))*bb.W
		ty = bb.Y + fraction(attr("y"))*bb.H
		tw = fraction(attr("width")) * bb.W
		th = fraction(attr("height")) * bb.H
	}
	if !(tw > 0 && th > 0) {
		return nil, false
	}
	// The content, in tile space.
	inner := Identity
	if vb, ok := parseViewBox(attr("viewBox")); ok {
		inner = viewBoxTransform(vb, tw, th, attr("preserveAspectRatio"))
	} else if attr("patternContentUnits") == "objectBoundingBox" {
		inner = Matrix{bb.W, 0, 0, bb.H, 0, 0}
	}
	pt := parseTransform(attr("patternTransform"))
	origin := ""
	for _, c := range chain {
		if origin = r.originOf(c); origin != "" {
			break
		}
	}
	if attr("patternUnits") == "userSpaceOnUse" {
		pt = aboutOrigin(pt, origin, ctx.vp.w, ctx.vp.h, fs)
	} else {
		pt = aboutOrigin(pt, origin, bb.W, bb.H, fs)
	}
	ptInv, okI := pt.Invert()
	if !okI {
		return nil, false
	}
	// The tiles that meet the shape's bounding box.
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, c := range [][2]float64{{bb.X, bb.Y}, {bb.X + bb.W, bb.Y}, {bb.X, bb.Y + bb.H}, {bb.X + bb.W, bb.Y + bb.H}} {
		x, y := ptInv.Apply(c[0], c[1])
		minX, minY, maxX, maxY = math.Min(minX, x), math.Min(minY, y), math.Max(maxX, x), math.Max(maxY, y)
	}
	i0, i1 := math.Floor((minX-tx)/tw), math.Ceil((maxX-tx)/tw)
	j0, j1 := math.Floor((minY-ty)/th), math.Ceil((maxY-ty)/th)
	if (i1-i0)*(j1-j0) > maxPatternTiles {
		return nil, false
	}
	// One tile's content, drawn at the origin tile, copied to the others.
	r.active[pat] = true
	base := ctx.ctm.Mul(pt)
	// The tiles are painted as one picture and that is painted at the
	// fill's opacity, as a browser paints a pattern: a translucent fill
	// shows neither the seams between tiles nor the hatching matplotlib
	// draws in the colour of the tile under it.
	tctx := context{ctm: base.Mul(inner), vp: ctx.vp, opacity: 1}
	if vb, ok := parseViewBox(attr("viewBox")); ok {
		tctx.vp = viewport{vb.W, vb.H}
	}
	tile := r.children(content, r.documentStyle(content), tctx, nil)
	delete(r.active, pat)
	if len(tile) == 0 {
		return []Item{}, true
	}
	if int(i1-i0)*int(j1-j0)*countItems(tile) > maxPatternItems {
		return nil, false
	}
	baseInv, okB := base.Invert()
	if !okB {
		return nil, false
	}
	var tiles []Item
	for j := j0; j < j1; j++ {
		for i := i0; i < i1; i++ {
			ox, oy := tx+i*tw, ty+j*th
			move := base.Mul(translate(ox, oy)).Mul(baseInv)
			tiles = append(tiles, &Group{
				Clip:  []ClipShape{{Transform: base, Path: rectPath(ox, oy, tw, th, 0, 0)}},
				Items: transformItems(tile, move),
			})
		}
	}
	return withOpacity([]Item{&Group{Clip: []ClipShape{{Transform: ctx.ctm, Path: p, EvenOdd: s.fillEvenOdd}}, Items: tiles}}, ctx.opacity*s.fillOpacity), true
}

// fraction reads a length in objectBoundingBox units: a number or a
// percentage.
func fraction(v string) float64 {
	f, _ := length(v, 1, 0)
	return f
}

func containsNode(list []*node, n *node) bool {
	for _, c := range list {
		if c == n {
			return true
		}
	}
	return false
}

// countItems counts items and what groups hold.
func countItems(items []Item) int {
	n := 0
	for _, it := range items {
		n++
		if g, ok := it.(*Group); ok {
			n += countItems(g.Items)
		}
	}
	return n
}

// transformItems is a copy of items moved by m, a transform of the
// drawing's space.
func transformItems(items []Item, m Matrix) []Item {
	out := make([]Item, 0, len(items))
	for _, it := range items {
		switch it := it.(type) {
		case *Shape:
			c := *it
			c.Transform = m.Mul(it.Transform)
			out = append(out, &c)
		case *Text:
			c := *it
			c.Transform = m.Mul(it.Transform)
			out = append(out, &c)
		case *Image:
			c := *it
			c.Transform = m.Mul(it.Transform)
			out = append(out, &c)
		case *Blur:
			c := *it
			c.Transform = m.Mul(it.Transform)
			c.Items = transformItems(it.Items, m)
			out = append(out, &c)
		case *Group:
			c := &Group{Items: transformItems(it.Items, m), Opacity: it.Opacity}
			for _, cs := range it.Clip {
				cs.Transform = m.Mul(cs.Transform)
				c.Clip = append(c.Clip, cs)
			}
			out = append(out, c)
		}
	}
	return out
}
