package pdf

import (
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/svg"
)

// The silhouette of text in a blur is the outlines of its glyphs, in the
// faces, at the places, size and slant the PDF sets the text with
// (svgTextPlace, textRun): a shadow's letters blur into the letters drawn
// over them.

// blurSilhouettes is items with each run of text made a shape of its
// glyphs' outlines, filled and stroked as the text is (text that draws
// nothing left out).
func (p *painter) blurSilhouettes(items []svg.Item) []svg.Item {
	out := make([]svg.Item, 0, len(items))
	for _, it := range items {
		switch it := it.(type) {
		case *svg.Text:
			if sh := p.textSilhouette(it); sh != nil {
				out = append(out, sh)
			}
		case *svg.Group:
			g := *it
			g.Items = p.blurSilhouettes(it.Items)
			out = append(out, &g)
		default:
			out = append(out, it)
		}
	}
	return out
}

// textSilhouette is the shape of a run of text's glyphs, in the text's
// user space, filled and stroked as the text is; nil when it draws
// nothing.
func (p *painter) textSilhouette(t *svg.Text) *svg.Shape {
	filled := t.Fill != nil && t.Fill.Opacity > 0
	stroked := t.Stroke != nil && t.Stroke.Opacity > 0 && t.Stroke.Width > 0
	if !filled && !stroked || !(t.Size > 0) || !finite(t.X, t.Y, t.Size) {
		return nil
	}
	// fit maps the text's user space as the text is drawn (its width
	// fitted): it is found as the drawing's place would be, from no place.
	segments, fit, spacing := p.svgTextPlace(t, svg.Identity)
	var path svg.Path
	pen := t.X
	for _, sg := range segments {
		slant := 0.0
		if slanted(p.faces, sg.face) {
			slant = obliqueSlant
		}
		kerns := sg.kerns(p.faces)
		for i, r := range sg.text {
			for len(kerns) > 0 && kerns[0].at <= i {
				if kerns[0].at == i {
					pen += kerns[0].dx * t.Size
				}
				kerns = kerns[1:]
			}
			if id := p.faces.GlyphID(sg.face, r); id != 0 {
				path = appendGlyph(path, p.faces.Outline(sg.face, id), pen, t.Y, t.Size, slant)
			}
			pen += (p.faces.Advance(sg.face, r) + spacing) * t.Size
		}
	}
	if len(path) == 0 {
		return nil
	}
	sh := &svg.Shape{Transform: t.Transform.Mul(fit), Path: path}
	if filled {
		f := *t.Fill
		f.EvenOdd = false // glyphs are drawn by the non-zero rule
		sh.Fill = &f
	}
	if stroked {
		st := *t.Stroke
		sh.Stroke = &st
	}
	return sh
}

// appendGlyph appends a glyph's outline (in ems, y upwards) drawn at
// size with its origin at x, y (y downwards), leaning slant ems across
// per em up.
func appendGlyph(path svg.Path, outline []fonts.Segment, x, y, size, slant float64) svg.Path {
	at := func(q [2]float64) svg.Point {
		return svg.Point{X: x + (q[0]+slant*q[1])*size, Y: y - q[1]*size}
	}
	open := false
	var pen svg.Point
	for _, sg := range outline {
		switch sg.Op {
		case 'M':
			if open {
				path = append(path, svg.Seg{Op: svg.Close})
			}
			pen = at(sg.P[0])
			path = append(path, svg.Seg{Op: svg.MoveTo, Pts: [3]svg.Point{pen}})
			open = true
		case 'L':
			pen = at(sg.P[0])
			path = append(path, svg.Seg{Op: svg.LineTo, Pts: [3]svg.Point{pen}})
		case 'Q':
			// a quadratic curve is the cubic whose controls are two thirds
			// of the way from its ends to its control
			c, end := at(sg.P[0]), at(sg.P[1])
			path = append(path, svg.Seg{Op: svg.CubicTo, Pts: [3]svg.Point{
				{X: pen.X + (c.X-pen.X)*2/3, Y: pen.Y + (c.Y-pen.Y)*2/3},
				{X: end.X + (c.X-end.X)*2/3, Y: end.Y + (c.Y-end.Y)*2/3},
				end,
			}})
			pen = end
		case 'C':
			pen = at(sg.P[2])
			path = append(path, svg.Seg{Op: svg.CubicTo, Pts: [3]svg.Point{at(sg.P[0]), at(sg.P[1]), pen}})
		}
	}
	if open {
		path = append(path, svg.Seg{Op: svg.Close})
	}
	return path
}
