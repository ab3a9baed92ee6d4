package svg

import (
	"fmt"
	"strconv"
	"strings"
)

// Dump writes the drawing as text, one item a line, for golden tests and
// for reading what a picture was turned into.
func (d *Drawing) Dump() string {
	var b strings.Builder
	fmt.Fprintf(&b, "size %s x %s\n", num(d.Width), num(d.Height))
	for _, s := range d.Skipped {
		fmt.Fprintf(&b, "skipped %s\n", s)
	}
	for _, s := range d.Lost {
		fmt.Fprintf(&b, "lost %s\n", s)
	}
	dumpItems(&b, d.Items, "")
	return b.String()
}

func dumpItems(b *strings.Builder, items []Item, indent string) {
	for _, it := range items {
		switch it := it.(type) {
		case *Shape:
			fmt.Fprintf(b, "%sshape %s", indent, matrix(it.Transform))
			if it.Fill != nil {
				fmt.Fprintf(b, " fill=%s", fill(it.Fill))
			}
			if s := it.Stroke; s != nil {
				fmt.Fprintf(b, " stroke=%s/%s w=%s", paint(s.Paint), num(s.Opacity), num(s.Width))
				if len(s.Dash) > 0 {
					fmt.Fprintf(b, " dash=%s@%s", nums(s.Dash), num(s.DashOffset))
				}
				if s.Cap != "butt" {
					fmt.Fprintf(b, " cap=%s", s.Cap)
				}
				if s.Join != "miter" {
					fmt.Fprintf(b, " join=%s", s.Join)
				}
				if s.MiterLimit != 4 {
					fmt.Fprintf(b, " miter=%s", num(s.MiterLimit))
				}
			}
			fmt.Fprintf(b, "\n%s  %s\n", indent, pathString(it.Path))
		case *Text:
			fmt.Fprintf(b, "%stext %s at %s,%s %s %s", indent, matrix(it.Transform), num(it.X), num(it.Y), it.Font, num(it.Size))
			if it.Fill != nil {
				fmt.Fprintf(b, " fill=%s", fill(it.Fill))
			}
			if it.Stroke != nil {
				fmt.Fprintf(b, " stroke=%s/%s sw=%s", paint(it.Stroke.Paint), num(it.Stroke.Opacity), num(it.Stroke.Width))
				if it.StrokeFirst {
					fmt.Fprintf(b, " first")
				}
			}
			fmt.Fprintf(b, " w=%s", num(it.Width))
			if it.Adjust != NoAdjust {
				fmt.Fprintf(b, " fit=%s", it.Adjust)
			}
			fmt.Fprintf(b, " %q\n", it.Text)
		case *Image:
			fmt.Fprintf(b, "%simage %s %s %s,%s %sx%s %d bytes opacity=%s\n", indent, matrix(it.Transform),
				it.MediaType, num(it.X), num(it.Y), num(it.W), num(it.H), len(it.Data), num(it.Opacity))
		case *Blur:
			fmt.Fprintf(b, "%sblur %s %s sd=%s,%s", indent, matrix(it.Transform), paint(Paint{Color: it.Color}), num(it.StdDevX), num(it.StdDevY))
			if it.DX != 0 || it.DY != 0 {
				fmt.Fprintf(b, " then=%s,%s", num(it.DX), num(it.DY))
			}
			fmt.Fprintf(b, " region=%s,%s %sx%s\n", num(it.Region.X), num(it.Region.Y), num(it.Region.W), num(it.Region.H))
			dumpItems(b, it.Items, indent+"  ")
		case *Group:
			if it.Blend != "" || it.Isolate {
				if it.Blend != "" {
					fmt.Fprintf(b, "%sblend %s\n", indent, it.Blend)
				} else {
					fmt.Fprintf(b, "%sisolated\n", indent)
				}
				dumpItems(b, it.Items, indent+"  ")
				continue
			}
			if m := it.Mask; m != nil {
				kind := "luminance"
				if m.Alpha {
					kind = "alpha"
				}
				fmt.Fprintf(b, "%smask %s", indent, kind)
				if it.Opacity > 0 {
					fmt.Fprintf(b, " opacity=%s", num(it.Opacity))
				}
				for _, c := range it.Clip {
					fmt.Fprintf(b, " clip %s %s", matrix(c.Transform), pathString(c.Path))
				}
				fmt.Fprintf(b, "\n%s  through\n", indent)
				dumpItems(b, m.Items, indent+"    ")
				dumpItems(b, it.Items, indent+"  ")
				continue
			}
			if it.Opacity > 0 && len(it.Clip) == 0 {
				fmt.Fprintf(b, "%sopacity %s\n", indent, num(it.Opacity))
				dumpItems(b, it.Items, indent+"  ")
				continue
			}
			fmt.Fprintf(b, "%sclip", indent)
			if it.Opacity > 0 {
				fmt.Fprintf(b, " opacity=%s", num(it.Opacity))
			}
			b.WriteString("\n")
			for _, c := range it.Clip {
				rule := ""
				if c.EvenOdd {
					rule = " evenodd"
				}
				fmt.Fprintf(b, "%s  by %s%s %s\n", indent, matrix(c.Transform), rule, pathString(c.Path))
			}
			dumpItems(b, it.Items, indent+"  ")
		}
	}
}

func fill(f *Fill) string {
	s := paint(f.Paint) + "/" + num(f.Opacity)
	if f.EvenOdd {
		s += " evenodd"
	}
	return s
}

func paint(p Paint) string {
	c := fmt.Sprintf("#%02x%02x%02x", p.Color.R, p.Color.G, p.Color.B)
	g := p.Gradient
	if g == nil {
		return c
	}
	var b strings.Builder
	if g.Radial {
		fmt.Fprintf(&b, "radial(c=%s,%s r=%s f=%s,%s", num(g.CX), num(g.CY), num(g.R), num(g.FX), num(g.FY))
	} else {
		fmt.Fprintf(&b, "linear(%s,%s→%s,%s", num(g.X1), num(g.Y1), num(g.X2), num(g.Y2))
	}
	fmt.Fprintf(&b, " %s", matrix(g.Transform))
	for _, s := range g.Stops {
		fmt.Fprintf(&b, " %s:#%02x%02x%02x/%s", num(s.Offset), s.Color.R, s.Color.G, s.Color.B, num(s.Opacity))
	}
	if g.Spread != "pad" {
		b.WriteString(" " + g.Spread)
	}
	b.WriteString(" mean " + c + ")")
	return b.String()
}

func matrix(m Matrix) string {
	if m == Identity {
		return "[id]"
	}
	return "[" + nums(m[:]) + "]"
}

func pathString(p Path) string {
	var b strings.Builder
	for i, s := range p {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch s.Op {
		case MoveTo:
			fmt.Fprintf(&b, "M%s,%s", num(s.Pts[0].X), num(s.Pts[0].Y))
		case LineTo:
			fmt.Fprintf(&b, "L%s,%s", num(s.Pts[0].X), num(s.Pts[0].Y))
		case CubicTo:
			fmt.Fprintf(&b, "C%s,%s %s,%s %s,%s", num(s.Pts[0].X), num(s.Pts[0].Y),
				num(s.Pts[1].X), num(s.Pts[1].Y), num(s.Pts[2].X), num(s.Pts[2].Y))
		case Close:
			b.WriteByte('Z')
		}
	}
	return b.String()
}

func nums(v []float64) string {
	s := make([]string, len(v))
	for i, f := range v {
		s[i] = num(f)
	}
	return strings.Join(s, " ")
}

// num prints a number with at most three decimals, so golden files do
// not change with the last bits of floating point.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 3, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" {
		s = "0"
	}
	return s
}
