package svg

import (
	"math"
	"strings"
)

// parseTransform reads a transform list: matrix, translate, scale,
// rotate, skewX and skewY, with every optional argument, separated by
// white space or commas. Parsing stops at the first error, keeping what
// was read, which is what browsers draw.
func parseTransform(s string) Matrix {
	m := Identity
	i := 0
	for {
		for i < len(s) && (isSpace(s[i]) || s[i] == ',') {
			i++
		}
		if i >= len(s) {
			return m
		}
		open := strings.IndexByte(s[i:], '(')
		if open < 0 {
			return m
		}
		name := strings.ToLower(strings.TrimSpace(s[i : i+open]))
		end := strings.IndexByte(s[i+open:], ')')
		if end < 0 {
			return m
		}
		args := cssNumbers(s[i+open+1 : i+open+end])
		i += open + end + 1
		t, ok := transformFunc(name, args)
		if !ok {
			return m
		}
		m = m.Mul(t)
	}
}

// cssNumbers reads numbers, dropping the units CSS transforms may carry
// (px, deg) and turning other angles (rad, grad, turn) into degrees.
func cssNumbers(s string) []float64 {
	s = strings.ToLower(s)
	if strings.Contains(s, "rad") || strings.Contains(s, "turn") {
		var out []float64
		for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || isSpace(byte(r)) }) {
			if a, ok := parseAngle(f); ok {
				out = append(out, a)
			} else {
				out = append(out, numbers(strings.TrimSuffix(f, "px"))...)
			}
		}
		return out
	}
	s = strings.NewReplacer("px", " ", "deg", " ").Replace(s)
	return numbers(s)
}

// parseAngle reads a CSS angle in degrees: a number alone, or in deg,
// grad, rad or turn.
func parseAngle(s string) (float64, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, u := range []struct {
		unit string
		deg  float64
	}{{"deg", 1}, {"grad", 0.9}, {"rad", 180 / math.Pi}, {"turn", 360}} {
		if strings.HasSuffix(s, u.unit) {
			v, ok := parseFloat(strings.TrimSuffix(s, u.unit))
			return v * u.deg, ok
		}
	}
	return parseFloat(s)
}

func transformFunc(name string, a []float64) (Matrix, bool) {
	switch name {
	case "matrix":
		if len(a) == 6 {
			return Matrix{a[0], a[1], a[2], a[3], a[4], a[5]}, true
		}
	case "translate":
		switch len(a) {
		case 1:
			return translate(a[0], 0), true
		case 2:
			return translate(a[0], a[1]), true
		}
	case "translatex":
		if len(a) == 1 {
			return translate(a[0], 0), true
		}
	case "translatey":
		if len(a) == 1 {
			return translate(0, a[0]), true
		}
	case "scale":
		switch len(a) {
		case 1:
			return scale(a[0], a[0]), true
		case 2:
			return scale(a[0], a[1]), true
		}
	case "rotate":
		switch len(a) {
		case 1:
			return rotate(a[0]), true
		case 3:
			return translate(a[1], a[2]).Mul(rotate(a[0])).Mul(translate(-a[1], -a[2])), true
		}
	case "skewx":
		if len(a) == 1 {
			return Matrix{1, 0, math.Tan(a[0] * math.Pi / 180), 1, 0, 0}, true
		}
	case "skewy":
		if len(a) == 1 {
			return Matrix{1, math.Tan(a[0] * math.Pi / 180), 0, 1, 0, 0}, true
		}
	}
	return Matrix{}, false
}

// viewBoxTransform maps a viewBox into a viewport of w x h as
// preserveAspectRatio asks.
func viewBoxTransform(vb Rect, w, h float64, par string) Matrix {
	if vb.W <= 0 || vb.H <= 0 {
		return Identity
	}
	fields := strings.Fields(par)
	if len(fields) > 0 && fields[0] == "defer" {
		fields = fields[1:]
	}
	align, slice := "xmidymid", false
	if len(fields) > 0 {
		align = strings.ToLower(fields[0])
	}
	if len(fields) > 1 {
		slice = strings.ToLower(fields[1]) == "slice"
	}
	sx, sy := w/vb.W, h/vb.H
	if align == "none" {
		return Matrix{sx, 0, 0, sy, -vb.X * sx, -vb.Y * sy}
	}
	s := math.Min(sx, sy)
	if slice {
		s = math.Max(sx, sy)
	}
	tx, ty := -vb.X*s, -vb.Y*s
	free := func(avail, used float64, where string) float64 {
		switch where {
		case "mid":
			return (avail - used) / 2
		case "max":
			return avail - used
		}
		return 0
	}
	if len(align) == 8 && align[0] == 'x' && align[4] == 'y' {
		tx += free(w, vb.W*s, align[1:4])
		ty += free(h, vb.H*s, align[5:8])
	} else {
		tx += (w - vb.W*s) / 2
		ty += (h - vb.H*s) / 2
	}
	return Matrix{s, 0, 0, s, tx, ty}
}

// parseViewBox reads "minx miny width height"; ok is false unless the
// width and height are positive.
func parseViewBox(s string) (Rect, bool) {
	v := numbers(s)
	if len(v) != 4 || v[2] <= 0 || v[3] <= 0 {
		return Rect{}, false
	}
	return Rect{v[0], v[1], v[2], v[3]}, true
}

// transformOf is n's transform: its transform attribute, or a transform
// property in a style sheet or style attribute, which overrides it (SVG 2),
// about its transform-origin, whose percentages and keywords are of
// w × h (the viewport's size, or the bounding box's units, 1 × 1).
func (r *renderer) transformOf(n *node, w, h, fontSize float64) Matrix {
	v := n.attr("transform")
	for _, d := range r.decls(n) {
		if d.prop == "transform" {
			v = d.value
		}
	}
	return aboutOrigin(parseTransform(v), r.originOf(n), w, h, fontSize)
}

// originOf is n's transform-origin, from its attribute or its style.
func (r *renderer) originOf(n *node) string {
	v := n.attr("transform-origin")
	for _, d := range r.decls(n) {
		if d.prop == "transform-origin" {
			v = d.value
		}
	}
	return v
}

// aboutOrigin returns m applied about a CSS transform-origin: one or two
// of left, center, right, top, bottom, lengths and percentages of w and
// h (a third, the z offset, means nothing in a plane).
func aboutOrigin(m Matrix, origin string, w, h, fontSize float64) Matrix {
	f := strings.Fields(strings.ToLower(strings.ReplaceAll(origin, ",", " ")))
	if m == Identity || len(f) == 0 {
		return m
	}
	keyword := map[string]string{"left": "0%", "right": "100%", "top": "0%", "bottom": "100%", "center": "50%"}
	vertical := func(s string) bool { return s == "top" || s == "bottom" }
	if len(f) == 1 {
		if vertical(f[0]) {
			f = []string{"center", f[0]}
		} else {
			f = []string{f[0], "center"}
		}
	}
	if vertical(f[0]) || f[1] == "left" || f[1] == "right" {
		f[0], f[1] = f[1], f[0]
	}
	value := func(s string, ref float64) float64 {
		if k, ok := keyword[s]; ok {
			s = k
		}
		v, _ := length(s, ref, fontSize)
		return v
	}
	ox, oy := value(f[0], w), value(f[1], h)
	if ox == 0 && oy == 0 {
		return m
	}
	return translate(ox, oy).Mul(m).Mul(translate(-ox, -oy))
}
