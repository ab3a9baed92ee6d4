package svg

import (
	"math"
	"strings"
)

// vertex is a point of a path where a marker may stand, with the
// directions the path arrives and leaves in (radians).
type vertex struct {
	p       Point
	in, out float64
	hasIn   bool
	hasOut  bool
}

// vertices lists the path's vertices in order, for markers.
func vertices(p Path) []vertex {
	var vs []vertex
	var cur, start Point
	startIdx := -1
	dir := func(a, b Point) float64 { return math.Atan2(b.Y-a.Y, b.X-a.X) }
	for _, s := range p {
		switch s.Op {
		case MoveTo:
			cur, start = s.Pts[0], s.Pts[0]
			startIdx = len(vs)
			vs = append(vs, vertex{p: cur})
		case LineTo, CubicTo:
			end := s.Pts[s.Op.points()-1]
			first, last := end, cur
			if s.Op == CubicTo {
				// Tangents come from the nearest control point that
				// differs from the end point.
				first, last = s.Pts[0], s.Pts[1]
				if first == cur {
					first = s.Pts[1]
					if first == cur {
						first = end
					}
				}
				if last == end {
					last = s.Pts[0]
					if last == end {
						last = cur
					}
				}
			}
			if len(vs) > 0 {
				vs[len(vs)-1].out, vs[len(vs)-1].hasOut = dir(cur, first), true
			}
			vs = append(vs, vertex{p: end, in: dir(last, end), hasIn: true})
			cur = end
		case Close:
			if startIdx >= 0 && len(vs) > 0 {
				if cur != start {
					vs[len(vs)-1].out, vs[len(vs)-1].hasOut = dir(cur, start), true
					vs = append(vs, vertex{p: start, in: dir(cur, start), hasIn: true})
				}
				// The closing vertex leaves where the subpath began.
				vs[len(vs)-1].out, vs[len(vs)-1].hasOut = vs[startIdx].out, vs[startIdx].hasOut
				if !vs[startIdx].hasIn {
					vs[startIdx].in, vs[startIdx].hasIn = vs[len(vs)-1].in, true
				}
			}
			cur = start
		}
	}
	return vs
}

// angle is the marker's orientation at a vertex: the bisector of the
// incoming and outgoing directions.
func (v vertex) angle() float64 {
	switch {
	case v.hasIn && v.hasOut:
		d := v.out - v.in
		for d > math.Pi {
			d -= 2 * math.Pi
		}
		for d < -math.Pi {
			d += 2 * math.Pi
		}
		return v.in + d/2
	case v.hasIn:
		return v.in
	case v.hasOut:
		return v.out
	}
	return 0
}

// markers draws marker-start, marker-mid and marker-end on a path.
func (r *renderer) markers(p Path, s *style, ctx context) []Item {
	if s.markers == [3]string{} || s.hidden {
		return nil
	}
	vs := vertices(p)
	if len(vs) == 0 {
		return nil
	}
	var items []Item
	for i, v := range vs {
		which := 1
		switch i {
		case 0:
			which = 0
		case len(vs) - 1:
			which = 2
		}
		id := s.markers[which]
		if id == "" {
			continue
		}
		m := r.ids[id]
		if m == nil || m.name != "marker" || r.active[m] {
			continue
		}
		items = append(items, r.marker(m, v, which == 0, s, ctx)...)
	}
	return items
}

func (r *renderer) marker(m *node, v vertex, first bool, s *style, ctx context) []Item {
	ms := r.documentStyle(m)
	fs := ms.fontSize
	mw, okW := length(m.attr("markerWidth"), ctx.vp.w, fs)
	mh, okH := length(m.attr("markerHeight"), ctx.vp.h, fs)
	if !okW || !m.has("markerWidth") {
		mw = 3
	}
	if !okH || !m.has("markerHeight") {
		mh = 3
	}
	if mw <= 0 || mh <= 0 {
		return nil
	}
	angle := 0.0
	switch orient := strings.TrimSpace(m.attr("orient")); orient {
	case "auto":
		angle = v.angle()
	case "auto-start-reverse":
		angle = v.angle()
		if first {
			angle += math.Pi
		}
	default:
		if a, ok := parseAngle(orient); ok {
			angle = a * math.Pi / 180
		}
	}
	t := ctx.ctm.Mul(translate(v.p.X, v.p.Y)).Mul(rotate(angle * 180 / math.Pi))
	if strings.TrimSpace(m.attr("markerUnits")) != "userSpaceOnUse" {
		t = t.Mul(scale(s.strokeWidth, s.strokeWidth))
	}
	content := Identity
	vp := viewport{mw, mh}
	if vb, ok := parseViewBox(m.attr("viewBox")); ok {
		content = viewBoxTransform(vb, mw, mh, m.attr("preserveAspectRatio"))
		vp = viewport{vb.W, vb.H}
	}
	refX, _ := length(m.attr("refX"), vp.w, fs)
	refY, _ := length(m.attr("refY"), vp.h, fs)
	rx, ry := content.Apply(refX, refY)
	outer := t.Mul(translate(-rx, -ry))
	r.active[m] = true
	defer delete(r.active, m)
	inner := context{ctm: outer.Mul(content), vp: vp, opacity: ctx.opacity}
	items := r.children(m, ms, inner, nil)
	if len(items) == 0 || ms.overflow == "visible" || ms.overflow == "auto" {
		return items
	}
	return []Item{&Group{Clip: []ClipShape{{Transform: outer, Path: rectPath(0, 0, mw, mh, 0, 0)}}, Items: items}}
}
