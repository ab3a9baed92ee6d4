package svg

import (
	"math"
	"strings"
)

// paint resolves a fill or stroke value to a Paint and the alpha its
// colour carries; ok is false when nothing is to be painted. bounds gives
// the bounding box gradients in objectBoundingBox units need.
func (r *renderer) paint(p paintSpec, s *style, bounds func() (Rect, bool)) (Paint, float64, bool) {
	switch {
	case p.context != "":
		// The paint of the element a marker stands on or a <use> draws
		// from; nothing where there is none.
		if len(r.contexts) == 0 {
			return Paint{}, 0, false
		}
		c := r.contexts[len(r.contexts)-1]
		spec := c.fill
		if p.context == "stroke" {
			spec = c.stroke
		}
		if c.bounds != nil {
			bounds = c.bounds
		}
		r.contexts = r.contexts[:len(r.contexts)-1]
		defer func() { r.contexts = append(r.contexts, c) }()
		return r.paint(spec, c.style, bounds)
	case p.none:
		return Paint{}, 0, false
	case p.currentColor:
		return Paint{Color: s.color}, 1, true
	case p.url == "" && p.fallback == nil && p.alpha == 0 && p.color == (Color{}):
		// A paint server reference that was not one.
		return Paint{}, 0, false
	case p.url == "":
		return Paint{Color: p.color}, p.alpha, true
	}
	server := r.ids[p.url]
	if server != nil {
		switch server.name {
		case "linearGradient", "radialGradient":
			return r.gradient(server, bounds)
		case "pattern":
			if p.fallback == nil {
				r.skip("pattern fills (pattern), drawn in grey")
				return Paint{Color: Color{128, 128, 128}}, 1, true
			}
			r.skip("pattern fills (pattern), drawn in their fallback colour")
		}
	}
	if p.fallback != nil {
		return r.paint(*p.fallback, s, bounds)
	}
	// A reference to nothing and no fallback: nothing is painted.
	return Paint{}, 0, false
}

// contextPaint is what context-fill and context-stroke paint with: the
// fill and stroke of the element whose marker or <use> is being drawn.
type contextPaint struct {
	fill, stroke paintSpec
	style        *style
	bounds       func() (Rect, bool) // nil for a <use>: the painted element's own
}

// withContext draws with the context paint of an element of style s.
func (r *renderer) withContext(s *style, bounds func() (Rect, bool), draw func() []Item) []Item {
	r.contexts = append(r.contexts, contextPaint{fill: s.fill, stroke: s.stroke, style: s, bounds: bounds})
	defer func() { r.contexts = r.contexts[:len(r.contexts)-1] }()
	return draw()
}

// contextFill is s with a fill of context-fill or context-stroke
// replaced by the context's, so that a pattern there fills the shape.
func (r *renderer) contextFill(s *style) *style {
	if s.fill.context == "" || len(r.contexts) == 0 {
		return s
	}
	c := r.contexts[len(r.contexts)-1]
	spec := c.fill
	if s.fill.context == "stroke" {
		spec = c.stroke
	}
	if spec.url == "" {
		return s
	}
	cs := *s
	cs.fill = spec
	return &cs
}

// gradient builds a gradient paint from a gradient element and the ones
// its href chain refers to, which supply the attributes and stops it
// does not have.
func (r *renderer) gradient(n *node, bounds func() (Rect, bool)) (Paint, float64, bool) {
	chain := []*node{n}
	seen := map[*node]bool{n: true}
	for cur := n; len(chain) < 16; {
		next := r.ids[strings.TrimPrefix(cur.href(), "#")]
		if next == nil || seen[next] || (next.name != "linearGradient" && next.name != "radialGradient") {
			break
		}
		chain = append(chain, next)
		seen[next] = true
		cur = next
	}
	attr := func(name string) (string, bool) {
		for _, g := range chain {
			if v, ok := g.attrs[name]; ok {
				return v, true
			}
		}
		return "", false
	}
	var stops []Stop
	for _, g := range chain {
		stops = r.stops(g)
		if len(stops) > 0 {
			break
		}
	}
	switch len(stops) {
	case 0:
		return Paint{}, 0, false
	case 1:
		return Paint{Color: stops[0].Color}, stops[0].Opacity, true
	}
	units, _ := attr("gradientUnits")
	bbox := strings.TrimSpace(units) != "userSpaceOnUse"
	g := &Gradient{Radial: n.name == "radialGradient", Stops: stops, Spread: "pad"}
	if v, ok := attr("spreadMethod"); ok && (v == "reflect" || v == "repeat") {
		g.Spread = v
	}
	vp := r.rootViewport()
	coord := func(name, def string, ref float64) float64 {
		v, ok := attr(name)
		if !ok {
			v = def
		}
		v = strings.TrimSpace(v)
		if bbox {
			if strings.HasSuffix(v, "%") {
				f, _ := parseFloat(strings.TrimSuffix(v, "%"))
				return f / 100
			}
			f, _ := parseFloat(v)
			return f
		}
		f, _ := length(v, ref, 16)
		return f
	}
	if g.Radial {
		g.CX = coord("cx", "50%", vp.w)
		g.CY = coord("cy", "50%", vp.h)
		g.R = coord("r", "50%", vp.diagonal())
		g.FX, g.FY = g.CX, g.CY
		if _, ok := attr("fx"); ok {
			g.FX = coord("fx", "", vp.w)
		}
		if _, ok := attr("fy"); ok {
			g.FY = coord("fy", "", vp.h)
		}
		if g.R <= 0 {
			last := stops[len(stops)-1]
			return Paint{Color: last.Color}, last.Opacity, true
		}
	} else {
		g.X1 = coord("x1", "0%", vp.w)
		g.Y1 = coord("y1", "0%", vp.h)
		g.X2 = coord("x2", "100%", vp.w)
		g.Y2 = coord("y2", "0%", vp.h)
		if g.X1 == g.X2 && g.Y1 == g.Y2 {
			last := stops[len(stops)-1]
			return Paint{Color: last.Color}, last.Opacity, true
		}
	}
	gt, _ := attr("gradientTransform")
	origin := ""
	for _, c := range chain {
		if origin = r.originOf(c); origin != "" {
			break
		}
	}
	if bbox {
		g.Transform = aboutOrigin(parseTransform(gt), origin, 1, 1, 16)
	} else {
		g.Transform = aboutOrigin(parseTransform(gt), origin, vp.w, vp.h, 16)
	}
	if d := g.Transform.Det(); d == 0 || math.IsNaN(d) || math.IsInf(d, 0) {
		// A transform that cannot be undone is ignored, as resvg does.
		g.Transform = Identity
	}
	if bbox {
		b, ok := bounds()
		if !ok || b.W == 0 || b.H == 0 {
			return Paint{}, 0, false
		}
		g.Transform = Matrix{b.W, 0, 0, b.H, b.X, b.Y}.Mul(g.Transform)
	}
	return Paint{Color: meanColor(stops), Gradient: g}, 1, true
}

// stops reads a gradient's <stop> children: offsets clamped to 0..1 and
// to at least the offset before.
func (r *renderer) stops(g *node) []Stop {
	var out []Stop
	last := 0.0
	for _, c := range g.elements() {
		if c.name != "stop" {
			continue
		}
		s := r.documentStyle(c)
		off := strings.TrimSpace(c.attr("offset"))
		v := 0.0
		if strings.HasSuffix(off, "%") {
			v, _ = parseFloat(strings.TrimSuffix(off, "%"))
			v /= 100
		} else {
			v, _ = parseFloat(off)
		}
		v = math.Max(clamp(v, 0, 1), last)
		last = v
		col, alpha := s.stopColor.color, s.stopColor.alpha
		if s.stopColor.currentColor {
			col, alpha = s.color, 1
		}
		out = append(out, Stop{Offset: v, Color: col, Opacity: alpha * s.stopOpacity})
	}
	return out
}

// meanColor is the average colour of a gradient, weighted by how much of
// it each stretch covers: the flat colour for a drawing that cannot show
// the gradient.
func meanColor(stops []Stop) Color {
	var sum [3]float64
	total := 0.0
	add := func(c Color, w float64) {
		sum[0] += float64(c.R) * w
		sum[1] += float64(c.G) * w
		sum[2] += float64(c.B) * w
		total += w
	}
	add(stops[0].Color, stops[0].Offset)
	for i := 1; i < len(stops); i++ {
		w := stops[i].Offset - stops[i-1].Offset
		add(stops[i-1].Color, w/2)
		add(stops[i].Color, w/2)
	}
	last := stops[len(stops)-1]
	add(last.Color, 1-last.Offset)
	if total == 0 {
		return last.Color
	}
	return Color{uint8(math.Round(sum[0] / total)), uint8(math.Round(sum[1] / total)), uint8(math.Round(sum[2] / total))}
}
