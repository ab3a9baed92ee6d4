package svg

import (
	"strconv"
	"strings"
)

// shadow is a filter that only casts a drop shadow: its element's
// silhouette (or the element itself), blurred, recoloured, offset and
// painted beneath it, as PlantUML and draw.io write their shadows. The
// PDF has no blur: the shadow is drawn with a sharp edge.
type shadow struct {
	dx, dy  float64 // offset in the element's user space
	recolor bool    // the silhouette in color; else the element's own paints
	color   Color
	alpha   float64 // multiplies the element's own opacity
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
			if sd := numbers(p.attr("stdDeviation")); len(sd) > 0 && sd[0] > 0 {
				out.blurred = true
			}
		case "feOffset":
			if in.kind != resultSource {
				return shadow{}, false
			}
			out = in
			out.sh.dx += filterNumber(p, "dx", 0)
			out.sh.dy += filterNumber(p, "dy", 0)
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
				in2.sh.dx == 0 && in2.sh.dy == 0 && !in2.blurred {
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
			if in.kind != resultSource || in.sh.dx != 0 || in.sh.dy != 0 || in.sh.recolor {
				return shadow{}, false
			}
			c, a := r.floodColor(p)
			sd := numbers(p.attr("stdDeviation"))
			out = filterResult{kind: resultMerged, sh: shadow{dx: filterNumber(p, "dx", 2), dy: filterNumber(p, "dy", 2),
				recolor: true, color: c, alpha: a * in.sh.alpha}, blurred: len(sd) == 0 || sd[0] > 0}
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
	if last.kind != resultMerged || last.sh.alpha <= 0 {
		return shadow{}, false
	}
	if last.blurred {
		// Drawn sharp, a blurred shadow takes about the opacity the blur
		// leaves on average in the strip beside its element (0.6 for
		// draw.io's and PlantUML's blur and offset), not its full one.
		last.sh.alpha *= 0.6
	}
	return last.sh, true
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
	move := ctm.Mul(translate(sh.dx, sh.dy)).Mul(inv)
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
			if it.Stroke != nil && (it.Fill == nil || !sh.recolor) {
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
