package svg

import "math"

// Matrix is an affine transform written as SVG and PDF write it,
// [a b c d e f]: (x, y) maps to (a·x + c·y + e, b·x + d·y + f).
type Matrix [6]float64

// Identity is the transform that changes nothing.
var Identity = Matrix{1, 0, 0, 1, 0, 0}

// Mul returns m∘n: the transform that applies n first, then m.
func (m Matrix) Mul(n Matrix) Matrix {
	return Matrix{
		m[0]*n[0] + m[2]*n[1],
		m[1]*n[0] + m[3]*n[1],
		m[0]*n[2] + m[2]*n[3],
		m[1]*n[2] + m[3]*n[3],
		m[0]*n[4] + m[2]*n[5] + m[4],
		m[1]*n[4] + m[3]*n[5] + m[5],
	}
}

// Apply maps a point.
func (m Matrix) Apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// Det is the determinant of the linear part: the factor areas scale by.
func (m Matrix) Det() float64 { return m[0]*m[3] - m[1]*m[2] }

// Invert returns the inverse transform; false when m flattens the plane.
func (m Matrix) Invert() (Matrix, bool) {
	d := m.Det()
	if d == 0 || math.IsNaN(d) || math.IsInf(d, 0) {
		return Matrix{}, false
	}
	return Matrix{
		m[3] / d, -m[1] / d, -m[2] / d, m[0] / d,
		(m[2]*m[5] - m[3]*m[4]) / d,
		(m[1]*m[4] - m[0]*m[5]) / d,
	}, true
}

// Scale is the mean factor lengths scale by, the square root of the area
// factor: exact for uniform scaling and rotation.
func (m Matrix) Scale() float64 { return math.Sqrt(math.Abs(m.Det())) }

// Similar reports whether m only rotates, reflects, moves and scales
// uniformly, so a stroke keeps its shape when its width is scaled by
// m.Scale().
func (m Matrix) Similar() bool {
	const eps = 1e-9
	s := math.Max(math.Abs(m[0])+math.Abs(m[1]), math.Abs(m[2])+math.Abs(m[3]))
	if s == 0 {
		return true
	}
	// The columns are perpendicular and equally long.
	dot := m[0]*m[2] + m[1]*m[3]
	l1 := m[0]*m[0] + m[1]*m[1]
	l2 := m[2]*m[2] + m[3]*m[3]
	return math.Abs(dot) <= eps*s*s && math.Abs(l1-l2) <= eps*s*s
}

func translate(x, y float64) Matrix { return Matrix{1, 0, 0, 1, x, y} }
func scale(x, y float64) Matrix     { return Matrix{x, 0, 0, y, 0, 0} }
func rotate(deg float64) Matrix {
	s, c := math.Sincos(deg * math.Pi / 180)
	return Matrix{c, s, -s, c, 0, 0}
}

// Point is a position in user space.
type Point struct{ X, Y float64 }

// Op is a path drawing operation.
type Op uint8

const (
	MoveTo  Op = iota // one point
	LineTo            // one point
	CubicTo           // two control points, then the end point
	Close             // no point
)

// Seg is one operation of a path with its points (only the first
// Op-dependent ones are used).
type Seg struct {
	Op  Op
	Pts [3]Point
}

// Path is a sequence of subpaths, each starting with MoveTo.
type Path []Seg

// Transform returns the path mapped through m: cubic Béziers map exactly.
func (p Path) Transform(m Matrix) Path {
	out := make(Path, len(p))
	for i, s := range p {
		out[i].Op = s.Op
		for j := 0; j < s.Op.points(); j++ {
			out[i].Pts[j].X, out[i].Pts[j].Y = m.Apply(s.Pts[j].X, s.Pts[j].Y)
		}
	}
	return out
}

func (o Op) points() int {
	switch o {
	case MoveTo, LineTo:
		return 1
	case CubicTo:
		return 3
	}
	return 0
}

// Rect is an axis-aligned rectangle.
type Rect struct{ X, Y, W, H float64 }

// Bounds returns the tight bounding box of the path; ok is false for an
// empty path.
func (p Path) Bounds() (r Rect, ok bool) {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	add := func(x, y float64) {
		minX, maxX = math.Min(minX, x), math.Max(maxX, x)
		minY, maxY = math.Min(minY, y), math.Max(maxY, y)
	}
	var cur Point
	for _, s := range p {
		switch s.Op {
		case MoveTo, LineTo:
			cur = s.Pts[0]
			add(cur.X, cur.Y)
		case CubicTo:
			p0, p1, p2, p3 := cur, s.Pts[0], s.Pts[1], s.Pts[2]
			add(p3.X, p3.Y)
			for _, t := range cubicExtrema(p0.X, p1.X, p2.X, p3.X) {
				add(cubicAt(p0.X, p1.X, p2.X, p3.X, t), cubicAt(p0.Y, p1.Y, p2.Y, p3.Y, t))
			}
			for _, t := range cubicExtrema(p0.Y, p1.Y, p2.Y, p3.Y) {
				add(cubicAt(p0.X, p1.X, p2.X, p3.X, t), cubicAt(p0.Y, p1.Y, p2.Y, p3.Y, t))
			}
			cur = p3
		}
	}
	if minX > maxX {
		return Rect{}, false
	}
	return Rect{minX, minY, maxX - minX, maxY - minY}, true
}

func cubicAt(a, b, c, d, t float64) float64 {
	u := 1 - t
	return u*u*u*a + 3*u*u*t*b + 3*u*t*t*c + t*t*t*d
}

// cubicExtrema returns the parameters in (0, 1) where a cubic Bézier
// coordinate has a zero derivative.
func cubicExtrema(a, b, c, d float64) []float64 {
	// The derivative, divided by 3, in power form: A·t² + B·t + C.
	A := -a + 3*b - 3*c + d
	B := 2 * (a - 2*b + c)
	C := b - a
	var ts []float64
	keep := func(t float64) {
		if t > 0 && t < 1 {
			ts = append(ts, t)
		}
	}
	if math.Abs(A) < 1e-12 {
		if B != 0 {
			keep(-C / B)
		}
		return ts
	}
	disc := B*B - 4*A*C
	if disc < 0 {
		return ts
	}
	sq := math.Sqrt(disc)
	keep((-B + sq) / (2 * A))
	keep((-B - sq) / (2 * A))
	return ts
}
