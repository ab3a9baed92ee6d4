package svg

import (
	"fmt"
	"math"
)

// parsePathData reads SVG path data (the d attribute) into absolute
// moves, lines and cubic Béziers. As the SVG specification asks, a path
// with an error is drawn up to the error, which is returned.
func parsePathData(d string) (Path, error) {
	s := &numScanner{s: d}
	var p Path
	var cur, start, lastCtrl Point
	var prevCmd byte
	cmd := byte(0)
	for {
		s.skipSpace()
		if s.done() {
			return p, nil
		}
		c := s.s[s.i]
		if !isCommand(c) && !isNumberStart(c) {
			return p, fmt.Errorf("unexpected %q at offset %d", c, s.i)
		}
		if isCommand(c) {
			cmd = c
			s.i++
		} else if cmd == 0 {
			return p, fmt.Errorf("path data must start with a move, not %q", c)
		} else if cmd == 'M' || cmd == 'm' {
			// Coordinates after a move are implicit lines.
			cmd -= 'M' - 'L'
		} else if cmd == 'Z' || cmd == 'z' {
			return p, fmt.Errorf("number after closepath at offset %d", s.i)
		}
		if len(p) == 0 && cmd != 'M' && cmd != 'm' {
			return p, fmt.Errorf("path data must start with a move, not %q", cmd)
		}
		rel := cmd >= 'a'
		argStart := s.i
		base := Point{}
		if rel {
			base = cur
		}
		// pt reads a coordinate pair, relative to the current point for
		// lower-case commands.
		pt := func() (Point, bool) {
			x, ok1 := s.number()
			y, ok2 := s.number()
			return Point{base.X + x, base.Y + y}, ok1 && ok2
		}
		bad := func() (Path, error) {
			return p, fmt.Errorf("bad arguments to %q at offset %d", cmd, argStart)
		}
		switch cmd {
		case 'M', 'm':
			q, ok := pt()
			if !ok {
				return bad()
			}
			p = append(p, Seg{Op: MoveTo, Pts: [3]Point{q}})
			cur, start = q, q
		case 'L', 'l':
			q, ok := pt()
			if !ok {
				return bad()
			}
			p = append(p, Seg{Op: LineTo, Pts: [3]Point{q}})
			cur = q
		case 'H', 'h':
			x, ok := s.number()
			if !ok {
				return bad()
			}
			q := Point{base.X + x, cur.Y}
			p = append(p, Seg{Op: LineTo, Pts: [3]Point{q}})
			cur = q
		case 'V', 'v':
			y, ok := s.number()
			if !ok {
				return bad()
			}
			q := Point{cur.X, base.Y + y}
			p = append(p, Seg{Op: LineTo, Pts: [3]Point{q}})
			cur = q
		case 'C', 'c':
			c1, ok1 := pt()
			c2, ok2 := pt()
			q, ok3 := pt()
			if !ok1 || !ok2 || !ok3 {
				return bad()
			}
			p = append(p, Seg{Op: CubicTo, Pts: [3]Point{c1, c2, q}})
			lastCtrl, cur = c2, q
		case 'S', 's':
			c2, ok1 := pt()
			q, ok2 := pt()
			if !ok1 || !ok2 {
				return bad()
			}
			c1 := cur
			if isOneOf(prevCmd, "CcSs") {
				c1 = Point{2*cur.X - lastCtrl.X, 2*cur.Y - lastCtrl.Y}
			}
			p = append(p, Seg{Op: CubicTo, Pts: [3]Point{c1, c2, q}})
			lastCtrl, cur = c2, q
		case 'Q', 'q':
			c, ok1 := pt()
			q, ok2 := pt()
			if !ok1 || !ok2 {
				return bad()
			}
			p = append(p, quadratic(cur, c, q))
			lastCtrl, cur = c, q
		case 'T', 't':
			q, ok := pt()
			if !ok {
				return bad()
			}
			c := cur
			if isOneOf(prevCmd, "QqTt") {
				c = Point{2*cur.X - lastCtrl.X, 2*cur.Y - lastCtrl.Y}
			}
			p = append(p, quadratic(cur, c, q))
			lastCtrl, cur = c, q
		case 'A', 'a':
			rx, ok1 := s.number()
			ry, ok2 := s.number()
			rot, ok3 := s.number()
			large, ok4 := s.flag()
			sweep, ok5 := s.flag()
			q, ok6 := pt()
			if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) {
				return bad()
			}
			p = appendArc(p, cur, rx, ry, rot, large, sweep, q)
			cur = q
		case 'Z', 'z':
			p = append(p, Seg{Op: Close})
			cur = start
			// A command after closepath without a move starts at the
			// subpath's start.
			s.skipSpace()
			if !s.done() && !isOneOf(s.s[s.i], "Mm") && isCommand(s.s[s.i]) {
				p = append(p, Seg{Op: MoveTo, Pts: [3]Point{start}})
			}
		}
		prevCmd = cmd
	}
}

func isNumberStart(c byte) bool {
	return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == ','
}

func isCommand(c byte) bool { return isOneOf(c, "MmLlHhVvCcSsQqTtAaZz") }

func isOneOf(c byte, set string) bool {
	for i := 0; i < len(set); i++ {
		if set[i] == c {
			return true
		}
	}
	return false
}

// quadratic raises a quadratic Bézier to the cubic that draws it.
func quadratic(p0, c, p1 Point) Seg {
	c1 := Point{p0.X + 2.0/3*(c.X-p0.X), p0.Y + 2.0/3*(c.Y-p0.Y)}
	c2 := Point{p1.X + 2.0/3*(c.X-p1.X), p1.Y + 2.0/3*(c.Y-p1.Y)}
	return Seg{Op: CubicTo, Pts: [3]Point{c1, c2, p1}}
}

// appendArc converts an elliptical arc in endpoint form into cubic
// Béziers of at most a quarter turn each (SVG 1.1, appendix F.6).
func appendArc(p Path, from Point, rx, ry, rotDeg float64, large, sweep bool, to Point) Path {
	if from == to {
		return p
	}
	rx, ry = math.Abs(rx), math.Abs(ry)
	if rx == 0 || ry == 0 {
		return append(p, Seg{Op: LineTo, Pts: [3]Point{to}})
	}
	sinPhi, cosPhi := math.Sincos(rotDeg * math.Pi / 180)
	dx, dy := (from.X-to.X)/2, (from.Y-to.Y)/2
	x1p := cosPhi*dx + sinPhi*dy
	y1p := -sinPhi*dx + cosPhi*dy
	// Radii too small to reach are scaled up until they just do.
	if l := x1p*x1p/(rx*rx) + y1p*y1p/(ry*ry); l > 1 {
		l = math.Sqrt(l)
		rx, ry = rx*l, ry*l
	}
	num := rx*rx*ry*ry - rx*rx*y1p*y1p - ry*ry*x1p*x1p
	den := rx*rx*y1p*y1p + ry*ry*x1p*x1p
	coef := 0.0
	if den != 0 && num > 0 {
		coef = math.Sqrt(num / den)
	}
	if large == sweep {
		coef = -coef
	}
	cxp, cyp := coef*rx*y1p/ry, -coef*ry*x1p/rx
	cx := cosPhi*cxp - sinPhi*cyp + (from.X+to.X)/2
	cy := sinPhi*cxp + cosPhi*cyp + (from.Y+to.Y)/2
	angle := func(ux, uy, vx, vy float64) float64 {
		return math.Atan2(ux*vy-uy*vx, ux*vx+uy*vy)
	}
	theta1 := angle(1, 0, (x1p-cxp)/rx, (y1p-cyp)/ry)
	delta := angle((x1p-cxp)/rx, (y1p-cyp)/ry, (-x1p-cxp)/rx, (-y1p-cyp)/ry)
	if !sweep && delta > 0 {
		delta -= 2 * math.Pi
	} else if sweep && delta < 0 {
		delta += 2 * math.Pi
	}
	n := int(math.Ceil(math.Abs(delta)/(math.Pi/2) - 1e-9))
	if n < 1 {
		n = 1
	}
	step := delta / float64(n)
	k := 4.0 / 3 * math.Tan(step/4)
	point := func(t float64) (x, y, dxdt, dydt float64) {
		st, ct := math.Sincos(t)
		ex, ey := rx*ct, ry*st
		tx, ty := -rx*st, ry*ct
		return cosPhi*ex - sinPhi*ey + cx, sinPhi*ex + cosPhi*ey + cy,
			cosPhi*tx - sinPhi*ty, sinPhi*tx + cosPhi*ty
	}
	t := theta1
	x0, y0, dx0, dy0 := point(t)
	for i := 0; i < n; i++ {
		t2 := t + step
		x3, y3, dx3, dy3 := point(t2)
		if i == n-1 {
			x3, y3 = to.X, to.Y
		}
		p = append(p, Seg{Op: CubicTo, Pts: [3]Point{
			{x0 + k*dx0, y0 + k*dy0},
			{x3 - k*dx3, y3 - k*dy3},
			{x3, y3},
		}})
		x0, y0, dx0, dy0 = x3, y3, dx3, dy3
		t = t2
	}
	return p
}

// numScanner reads the numbers of path data, point lists and transform
// arguments: separated by white space and at most one comma, with signs
// and decimal points also ending a number ("1-2.5.5" is 1, -2.5, .5).
type numScanner struct {
	s string
	i int
}

func (n *numScanner) done() bool { return n.i >= len(n.s) }

func (n *numScanner) skipSpace() {
	for n.i < len(n.s) && isSpace(n.s[n.i]) {
		n.i++
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// skipSep skips white space and at most one comma.
func (n *numScanner) skipSep() {
	n.skipSpace()
	if n.i < len(n.s) && n.s[n.i] == ',' {
		n.i++
		n.skipSpace()
	}
}

func (n *numScanner) number() (float64, bool) {
	n.skipSep()
	start := n.i
	i := n.i
	if i < len(n.s) && (n.s[i] == '+' || n.s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(n.s) && n.s[i] >= '0' && n.s[i] <= '9' {
		i++
		digits++
	}
	if i < len(n.s) && n.s[i] == '.' {
		i++
		for i < len(n.s) && n.s[i] >= '0' && n.s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0, false
	}
	if i < len(n.s) && (n.s[i] == 'e' || n.s[i] == 'E') {
		j := i + 1
		if j < len(n.s) && (n.s[j] == '+' || n.s[j] == '-') {
			j++
		}
		if j < len(n.s) && n.s[j] >= '0' && n.s[j] <= '9' {
			for j < len(n.s) && n.s[j] >= '0' && n.s[j] <= '9' {
				j++
			}
			i = j
		}
	}
	v, ok := parseFloat(n.s[start:i])
	if !ok {
		return 0, false
	}
	n.i = i
	return v, true
}

// flag reads an arc flag, a single 0 or 1 that needs no separator.
func (n *numScanner) flag() (bool, bool) {
	n.skipSep()
	if n.i < len(n.s) && (n.s[n.i] == '0' || n.s[n.i] == '1') {
		n.i++
		return n.s[n.i-1] == '1', true
	}
	return false, false
}

// numbers reads a list of numbers, stopping at the first thing that is not
// one.
func numbers(s string) []float64 {
	n := &numScanner{s: s}
	var out []float64
	for {
		v, ok := n.number()
		if !ok {
			return out
		}
		out = append(out, v)
	}
}
