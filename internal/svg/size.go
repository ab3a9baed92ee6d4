package svg

import (
	"math"
	"strings"
)

// Size is the size, in CSS pixels, of a picture whose root element has
// the given width, height, viewBox and preserveAspectRatio attributes, as
// a browser sizes an SVG shown with <img>: both lengths when both are
// given; one of them and the other from the viewBox's proportions; the
// viewBox's own width and height when it is all there is (proportional:
// the picture has a shape but no size of its own, and a browser draws it
// as large as its place; its numbers are a size an output may print it
// at); and, for what no length or viewBox says, CSS's default of 300 ×
// 150 for a replaced element, which a browser shows whatever the drawing
// holds. Percentages say nothing of the picture's own size and count as
// missing. A viewBox whose preserveAspectRatio is none gives no
// proportions, since the drawing stretches to any box: Chromium shows
// such a picture 300 × 150, the viewBox stretched to fill it.
//
// The media loader sizes the picture's box with it and the renderer the
// drawing, so the two never differ in shape.
func Size(width, height, viewBox, preserveAspectRatio string) (w, h float64, proportional bool) {
	vb, hasVB := parseViewBox(viewBox)
	hasVB = hasVB && !stretched(preserveAspectRatio)
	w, okW := rootLength(width)
	h, okH := rootLength(height)
	switch {
	case okW && okH:
	case okW && hasVB:
		h = w * vb.H / vb.W
	case okH && hasVB:
		w = h * vb.W / vb.H
	case hasVB:
		return vb.W, vb.H, true
	default:
		// The size CSS gives a replaced element that says nothing.
		if !okW {
			w = 300
		}
		if !okH {
			h = 150
		}
	}
	if !finite(w, h) {
		return 0, 0, false
	}
	return w, h, false
}

// finite says a size can be drawn at: lengths multiplied by proportions
// can overflow.
func finite(w, h float64) bool {
	return w > 0 && h > 0 && !math.IsInf(w, 0) && !math.IsInf(h, 0)
}

// stretched says preserveAspectRatio is none, as viewBoxTransform reads
// it.
func stretched(par string) bool {
	fields := strings.Fields(strings.ToLower(par))
	if len(fields) > 0 && fields[0] == "defer" {
		fields = fields[1:]
	}
	return len(fields) > 0 && fields[0] == "none"
}

// rootLength is a root width or height in CSS pixels; a percentage, or a
// length that is not positive, is none.
func rootLength(v string) (float64, bool) {
	if strings.HasSuffix(strings.TrimSpace(v), "%") {
		return 0, false
	}
	l, ok := length(v, 0, 16)
	return l, ok && l > 0
}
