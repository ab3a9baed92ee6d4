package svg

import (
	"math"
	"strconv"
	"strings"
)

// shadow is a filter that only casts a drop shadow: its element's
// silhouette (or the element itself), blurred, recoloured, offset and
// painted beneath it, as PlantUML and draw.io write their shadows; or,
// with only, the element itself blurred and nothing else (Figma's layer
// blur).
type shadow struct {
	dx, dy  float64 // offset in the element's user space
	recolor bool    // the silhouette in color; else the element's own paints
	color   Color
	alpha   float64 // multiplies the element's own opacity
	// sdX, sdY is the blur's standard deviation in the element's user
	// space, 0 when not blurred.
	sdX, sdY float64
	// ax, ay is the part of the offset made after the blur.
	ax, ay float64
	only   bool
	// outlined keeps a filled shape's outline in its silhouette, for a
	// blur that takes their union.
	outlined bool
}

// filterResult is what a filter primitive has made so far.
type filterResult struct {
	kind    int // source, flood or merged (a shadow under the source)
	sh      shadow
	blurred bool
}

const (
	resultSource = iota // the element, possibly offset and recoloured
	resultFlood         // a flat colour everywhere
	resultMerged        // the element over its shadow
)

// maxFilterPrimitives bounds the primitives a shadow filter is read from.
const maxFilterPrimitives = 16

// shadowFilter reads the filter id names as a drop shadow. ok is false
// for a filter that does anything else (blurs the element itself, lights,
// distorts, composites in other ways), which is left out as before.
func (r *renderer) shadowFilter(id string) (shadow, bool) {
	f := r.ids[id]
	if f == nil || f.name != "filter" {
		return shadow{}, false
	}
	if u := strings.TrimSpace(f.attr("primitiveUnits")); u != "" && u != "userSpaceOnUse" {
		return shadow{}, false
	}
	prims := f.elements()
	if len(prims) == 0 || len(prims) > maxFilterPrimitives {
		return shadow{}, false
	}
	named := map[string]filterResult{}
	var last filterResult
	first := true
	input := func(p *node, attr string) (filterResult, bool) {
		switch in := strings.TrimSpace(p.attr(attr)); in {
		case "SourceGraphic":
			return filterResult{sh: shadow{alpha: 1}}, true
		case "SourceAlpha":
			return filterResult{sh: shadow{recolor: true, alpha: 1}}, true
		case "":
			if first {
				return filterResult{sh: shadow{alpha: 1}}, true
			}
			return last, true
		default:
			res, ok := named[in]
			return res, ok
		}
	}
	for _, p := range prims {
		in, ok := input(p, "in")
		if !ok {
			return shadow{}, false
		}
		var out filterResult
		switch p.name {
		case "feGaussianBlur":
			if in.kind != resultSource {
				return shadow{}, false
			}
			out = in
			sx, sy := stdDeviation(p, 0)
			// Blurs one after another make one of the root of the sum of
			// their variances.
			out.sh.sdX, out.sh.sdY = math.Hypot(out.sh.sdX, sx), math.Hypot(out.sh.sdY, sy)
			out.blurred = out.sh.sdX > 0 || out.sh.sdY > 0
		case "feOffset":
			if in.kind != resultSource {
				return shadow{}, false
			}
			out = in
			if in.blurred {
				out.sh.ax += filterNumber(p, "dx", 0)
				out.sh.ay += filterNumber(p, "dy", 0)
			} else {
				out.sh.dx += filterNumber(p, "dx", 0)
				out.sh.dy += filterNumber(p, "dy", 0)
			}
		case "feColorMatrix":
			if in.kind != resultSource {
				return shadow{}, false
			}
			out = in
			if !recolorMatrix(p, &out.sh) {
				return shadow{}, false
			}
		case "feFlood":
			c, a := r.floodColor(p)
			out = filterResult{kind: resultFlood, sh: shadow{recolor: true, color: c, alpha: a}}
		case "feComposite":
			// A flood "in" a silhouette is the silhouette in the flood's
			// colour, whichever way round the two are given.
			in2, ok := input(p, "in2")
			op := strings.TrimSpace(p.attr("operator"))
			if ok && op == "out" && in.kind == resultSource && in2.kind == resultSource &&
				in2.sh.dx == 0 && in2.sh.dy == 0 && in2.sh.ax == 0 && in2.sh.ay == 0 && !in2.blurred {
				// A shadow cut away where its element is, as Figma casts
				// one ("hardAlpha"): the element covers that part of it,
				// unless it is translucent.
				out = in
				break
			}
			if !ok || op != "in" && op != "atop" {
				return shadow{}, false
			}
			flood, shape := in, in2
			if shape.kind == resultFlood {
				flood, shape = in2, in
			}
			if flood.kind != resultFlood || shape.kind != resultSource {
				return shadow{}, false
			}
			out = shape
			out.sh.recolor, out.sh.color = true, flood.sh.color
			out.sh.alpha *= flood.sh.alpha
		case "feDropShadow":
			if in.kind != resultSource || in.sh.dx != 0 || in.sh.dy != 0 || in.blurred || in.sh.recolor {
				return shadow{}, false
			}
			c, a := r.floodColor(p)
			sx, sy := stdDeviation(p, 2)
			out = filterResult{kind: resultMerged, sh: shadow{ax: filterNumber(p, "dx", 2), ay: filterNumber(p, "dy", 2),
				recolor: true, color: c, alpha: a * in.sh.alpha, sdX: sx, sdY: sy}, blurred: sx > 0 || sy > 0}
		case "feBlend", "feMerge":
			// The element itself over its shadow.
			var top, under filterResult
			if p.name == "feBlend" {
				if m := strings.TrimSpace(p.attr("mode")); m != "" && m != "normal" {
					return shadow{}, false
				}
				in2, ok := input(p, "in2")
				if !ok {
					return shadow{}, false
				}
				top, under = in, in2
				if under.kind == resultFlood && under.sh.alpha <= 0 {
					// Over a transparent flood (Figma's
					// "BackgroundImageFix"): unchanged.
					out = top
					break
				}
			} else {
				nodes := p.elements()
				if len(nodes) != 2 || nodes[0].name != "feMergeNode" || nodes[1].name != "feMergeNode" {
					return shadow{}, false
				}
				var ok1, ok2 bool
				under, ok1 = input(nodes[0], "in")
				top, ok2 = input(nodes[1], "in")
				if !ok1 || !ok2 {
					return shadow{}, false
				}
			}
			if !isSource(top) || under.kind != resultSource || isSource(under) {
				return shadow{}, false
			}
			out = filterResult{kind: resultMerged, sh: under.sh, blurred: under.blurred}
		default:
			return shadow{}, false
		}
		first = false
		last = out
		if name := strings.TrimSpace(p.attr("result")); name != "" {
			named[name] = out
		}
	}
	if last.kind == resultSource && last.blurred && last.sh.dx == 0 && last.sh.dy == 0 && last.sh.ax == 0 && last.sh.ay == 0 &&
		!last.sh.recolor && last.sh.alpha == 1 {
		// The element blurred, as Figma writes a layer blur.
		last.sh.only = true
		return last.sh, true
	}
	if last.kind != resultMerged || last.sh.alpha <= 0 {
		return shadow{}, false
	}
	return last.sh, true
}

// stdDeviation reads a blur's stdDeviation: one number for both axes, or
// x and y; a negative one is none.
func stdDeviation(p *node, def float64) (sx, sy float64) {
	if !p.has("stdDeviation") {
		return def, def
	}
	sd := numbers(p.attr("stdDeviation"))
	switch len(sd) {
	case 0:
		return 0, 0
	case 1:
		sx, sy = sd[0], sd[0]
	default:
		sx, sy = sd[0], sd[1]
	}
	return max(sx, 0), max(sy, 0)
}

// filtered draws items (what an element draws, ctm mapping its user
// space to the drawing's) through sh, the filter id reads as: with its
// shadow under them, what of it can be blurred blurred (a Blur: fills
// and strokes of shapes and text of one flat colour), the rest, other
// paints, sharp;
// or, for a blur of the element alone that can be blurred whole, blurred,
// else as they are and said so.
func (r *renderer) filtered(id string, sh shadow, items []Item, ctx context) []Item {
	if sh.only {
		c, soft, rest := blurSplit(items)
		if len(soft) == 0 || len(rest) > 0 {
			r.skip(r.filterSkipped(id))
			return items
		}
		if b := r.blurItem(id, sh, c, items, soft, ctx); b != nil {
			return []Item{b}
		}
		return items
	}
	cast := shadowItems(items, sh, ctx.ctm)
	if sh.sdX <= 0 && sh.sdY <= 0 {
		return append(cast, items...)
	}
	// Blurred, the silhouette is the union of a shape's fill and outline,
	// and what is offset after the blur is offset by the Blur.
	outlined := sh
	outlined.outlined = true
	outlined.ax, outlined.ay = 0, 0
	c, soft, rest := blurSplit(shadowItems(items, outlined, ctx.ctm))
	var out []Item
	if b := r.blurItem(id, sh, c, items, soft, ctx); b != nil {
		out = append(out, b)
		if len(rest) > 0 {
			// what is drawn sharp, as the sharp shadow draws it
			_, _, rest = blurSplit(cast)
		}
	} else {
		rest = cast
	}
	// Drawn sharp, a blurred shadow takes about the opacity the blur
	// leaves on average in the strip beside its element (0.6 for
	// draw.io's and PlantUML's blur and offset), not its full one.
	out = append(out, scaleOpacity(rest, 0.6)...)
	return append(out, items...)
}

// blurItem is soft, what the filter makes of source, blurred in the
// filter's region, or nil when there is none.
func (r *renderer) blurItem(id string, sh shadow, c Color, source, soft []Item, ctx context) *Blur {
	if len(soft) == 0 {
		return nil
	}
	region, ok := r.filterRegion(r.ids[id], source, ctx)
	if !ok {
		return nil
	}
	return &Blur{Items: soft, Color: c, StdDevX: sh.sdX, StdDevY: sh.sdY, DX: sh.ax, DY: sh.ay, Transform: ctx.ctm, Region: region}
}

// blurSplit parts items into those a Blur can hold, shapes and text
// filled and stroked in the flat colour of the first (c), and the rest, each in the groups
// that clip them or set their opacity.
func blurSplit(items []Item) (c Color, soft, rest []Item) {
	found := false
	same := func(p Paint) bool {
		if p.Gradient != nil {
			return false
		}
		if !found {
			c, found = p.Color, true
		}
		return p.Color == c
	}
	var split func([]Item) ([]Item, []Item)
	split = func(items []Item) (soft, rest []Item) {
		for _, it := range items {
			switch it := it.(type) {
			case *Shape:
				if (it.Fill == nil || same(it.Fill.Paint)) && (it.Stroke == nil || same(it.Stroke.Paint)) {
					soft = append(soft, it)
				} else {
					rest = append(rest, it)
				}
			case *Text:
				// drawn as its glyphs' outlines
				if (it.Fill == nil || same(it.Fill.Paint)) && (it.Stroke == nil || same(it.Stroke.Paint)) {
					soft = append(soft, it)
				} else {
					rest = append(rest, it)
				}
			case *Group:
				if it.Mask != nil || it.Blend != "" || it.Isolate {
					rest = append(rest, it)
					continue
				}
				s, r := split(it.Items)
				if len(s) > 0 {
					g := *it
					g.Items = s
					soft = append(soft, &g)
				}
				if len(r) > 0 {
					g := *it
					g.Items = r
					rest = append(rest, &g)
				}
			default:
				rest = append(rest, it)
			}
		}
		return soft, rest
	}
	soft, rest = split(items)
	return c, soft, rest
}

// filterRegion is the region a filter draws in, in the user space of the
// element whose items are given: by default its bounding box and a tenth
// more on each side.
func (r *renderer) filterRegion(f *node, items []Item, ctx context) (Rect, bool) {
	var region Rect
	if u := strings.TrimSpace(f.attr("filterUnits")); u != "userSpaceOnUse" {
		bb, ok := itemsBounds(items, ctx.ctm)
		if !ok {
			return Rect{}, false
		}
		frac := func(name, def string) float64 {
			if !f.has(name) {
				return fraction(def)
			}
			return fraction(f.attr(name))
		}
		region = Rect{bb.X + frac("x", "-10%")*bb.W, bb.Y + frac("y", "-10%")*bb.H, frac("width", "120%") * bb.W, frac("height", "120%") * bb.H}
	} else {
		fs := r.documentStyle(f).fontSize
		size := func(name, def string, ref float64) float64 {
			if v, ok := length(f.attr(name), ref, fs); ok && f.has(name) {
				return v
			}
			v, _ := length(def, ref, fs)
			return v
		}
		region = Rect{size("x", "-10%", ctx.vp.w), size("y", "-10%", ctx.vp.h), size("width", "120%", ctx.vp.w), size("height", "120%", ctx.vp.h)}
	}
	ok := finite(region.W, region.H) && !math.IsNaN(region.X+region.Y) && !math.IsInf(region.X+region.Y, 0)
	return region, ok
}

// filterSkipped names what a filter that is not drawn does, by its
// primitives besides those that only route or place what the others make
// (Figma's layer blur is "feGaussianBlur"), so the warning says what the
// PDF lacks.
func (r *renderer) filterSkipped(id string) string {
	f := r.ids[id]
	if f == nil || f.name != "filter" {
		return "filter effects (filter)"
	}
	var names, plumbing []string
	seen := map[string]bool{}
	for _, p := range f.elements() {
		if seen[p.name] || len(seen) >= maxFilterPrimitives || !strings.HasPrefix(p.name, "fe") {
			continue
		}
		seen[p.name] = true
		switch p.name {
		case "feFlood", "feBlend", "feMerge", "feOffset", "feComposite", "feTile":
			plumbing = append(plumbing, p.name)
		default:
			names = append(names, p.name)
		}
	}
	if len(names) == 0 {
		names = plumbing
	}
	if len(names) == 0 {
		return "filter effects (filter)"
	}
	return "filter effects (filter: " + strings.Join(names, ", ") + ")"
}

// isSource reports whether a result is the element itself, unchanged.
func isSource(res filterResult) bool {
	return res.kind == resultSource && !res.blurred && res.sh == shadow{alpha: 1}
}

// filterNumber reads a primitive's number attribute.
func filterNumber(p *node, name string, def float64) float64 {
	v, err := strconv.ParseFloat(strings.TrimSpace(p.attr(name)), 64)
	if err != nil {
		return def
	}
	return v
}

// recolorMatrix applies a colour matrix that paints in one colour,
// scaling the alpha, as PlantUML's shadow does ("0 0 0 0 0 ... 0 0 0 .4
// 0"); any other matrix is not a shadow's.
func recolorMatrix(p *node, sh *shadow) bool {
	if t := strings.TrimSpace(p.attr("type")); t != "" && t != "matrix" {
		return false
	}
	m := numbers(p.attr("values"))
	if len(m) != 20 {
		return false
	}
	for _, i := range []int{0, 1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 13, 15, 16, 17, 19} {
		if m[i] != 0 {
			return false
		}
	}
	sh.recolor = true
	sh.color = Color{uint8(clamp(m[4], 0, 1)*255 + 0.5), uint8(clamp(m[9], 0, 1)*255 + 0.5), uint8(clamp(m[14], 0, 1)*255 + 0.5)}
	sh.alpha *= clamp(m[18], 0, 1)
	return true
}

// floodColor is a primitive's flood-color and flood-opacity, from its
// attributes or, overriding them, its style.
func (r *renderer) floodColor(p *node) (Color, float64) {
	prop := func(name string) string {
		v := p.attr(name)
		for _, d := range r.decls(p) {
			if d.prop == name {
				v = d.value
			}
		}
		return strings.TrimSpace(v)
	}
	c, a := Color{}, 1.0
	if cc, ca, ok := parseColor(prop("flood-color")); ok {
		c, a = cc, ca
	}
	if o, ok := alphaValue(prop("flood-opacity")); ok {
		a *= o
	}
	return c, a
}

// shadowItems is a copy of items as sh casts them: moved by the offset in
// the element's user space (ctm maps it to the drawing's), recoloured.
func shadowItems(items []Item, sh shadow, ctm Matrix) []Item {
	inv, ok := ctm.Invert()
	if !ok {
		return nil
	}
	move := ctm.Mul(translate(sh.dx+sh.ax, sh.dy+sh.ay)).Mul(inv)
	var out []Item
	for _, it := range items {
		switch it := it.(type) {
		case *Shape:
			c := Shape{Transform: move.Mul(it.Transform), Path: it.Path}
			if it.Fill != nil {
				f := *it.Fill
				shadowPaint(&f.Paint, &f.Opacity, sh)
				c.Fill = &f
			}
			// A filled shape's outline adds little to its silhouette, and
			// painted over the fill's shadow would darken its edge (the PDF
			// composites each paint on its own; a browser, the silhouette).
			if it.Stroke != nil && (it.Fill == nil || !sh.recolor || sh.outlined) {
				s := *it.Stroke
				shadowPaint(&s.Paint, &s.Opacity, sh)
				c.Stroke = &s
			}
			if c.Fill == nil && c.Stroke == nil {
				continue
			}
			out = append(out, &c)
		case *Text:
			c := *it
			c.Transform = move.Mul(it.Transform)
			if it.Fill != nil {
				f := *it.Fill
				shadowPaint(&f.Paint, &f.Opacity, sh)
				c.Fill = &f
			}
			if it.Stroke != nil {
				st := *it.Stroke
				shadowPaint(&st.Paint, &st.Opacity, sh)
				c.Stroke = &st
			}
			out = append(out, &c)
		case *Image:
			// An image's silhouette is its box.
			c := *it
			c.Transform = move.Mul(it.Transform)
			if sh.recolor {
				p := Paint{Color: sh.color}
				out = append(out, &Shape{Transform: c.Transform, Path: rectPath(it.X, it.Y, it.W, it.H, 0, 0),
					Fill: &Fill{Paint: p, Opacity: it.Opacity * sh.alpha}})
				continue
			}
			c.Opacity *= sh.alpha
			out = append(out, &c)
		case *Blur:
			// A shadow's own shadow, or a blurred element's.
			c := *it
			c.Transform = move.Mul(it.Transform)
			c.Items = shadowItems(it.Items, sh, ctm)
			if sh.recolor {
				c.Color = sh.color
			}
			out = append(out, &c)
		case *Group:
			c := &Group{Items: shadowItems(it.Items, sh, ctm), Opacity: it.Opacity}
			for _, cs := range it.Clip {
				cs.Transform = move.Mul(cs.Transform)
				c.Clip = append(c.Clip, cs)
			}
			out = append(out, c)
		}
	}
	return out
}

func shadowPaint(p *Paint, opacity *float64, sh shadow) {
	if sh.recolor {
		*p = Paint{Color: sh.color}
	}
	*opacity *= sh.alpha
}
