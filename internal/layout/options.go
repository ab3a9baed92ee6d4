package layout

import (
	"fmt"
	"math"
)

// Options are the print settings of one layout.
type Options struct {
	TrimWidth, TrimHeight                             float64 // pt
	MarginTop, MarginBottom, MarginInner, MarginOuter float64
	// Gutter is extra inside margin; ignored when GutterAuto.
	Gutter float64
	// GutterAuto sizes the gutter by the final page count, as print-on-demand
	// printers ask (see AutoGutter).
	GutterAuto bool
	// Bleed is 0 or e.g. 9pt (0.125in): media = trim + 2*bleed.
	Bleed     float64
	CropMarks bool
	FontSize  float64 // body size, pt (default 10.5)
	Leading   float64 // line height / font size (default 1.3)
	Hyphenate bool
	// Language selects hyphenation patterns by BCP 47 tag (hyphen.Match);
	// a language without embedded patterns is not hyphenated.
	Language string
	// LineNumbers numbers the lines of KindSource entries in the outer
	// margin every LineNumberEvery lines, restarting per source.
	LineNumbers     bool
	LineNumberEvery int // default 5
	// Endnotes prints notes at the end of each entry instead of the page foot.
	Endnotes bool
	// URLFootnotes prints the URL of each external link as a footnote.
	URLFootnotes bool
	// RectoChapters opens every entry on a right-hand page.
	RectoChapters bool
}

const (
	inch = 72.0
	// safeEdge is the nearest anything may come to the trim edge.
	safeEdge = 18.0
	// markRoom is the space outside the bleed reserved for crop marks.
	markRoom = 24.0
)

// AutoGutter is the inside-margin addition print-on-demand printers ask for
// a book of pages pages.
func AutoGutter(pages int) float64 {
	switch {
	case pages <= 150:
		return 0.375 * inch
	case pages <= 300:
		return 0.5 * inch
	case pages <= 500:
		return 0.625 * inch
	case pages <= 700:
		return 0.75 * inch
	}
	return 0.875 * inch
}

// withDefaults fills unset options and checks the rest.
func (o Options) withDefaults() (Options, error) {
	if o.TrimWidth == 0 && o.TrimHeight == 0 {
		o.TrimWidth, o.TrimHeight = 6*inch, 9*inch
	}
	if o.FontSize == 0 {
		o.FontSize = 10.5
	}
	if o.Leading == 0 {
		o.Leading = 1.3
	}
	if o.LineNumberEvery <= 0 {
		o.LineNumberEvery = 5
	}
	if o.MarginTop == 0 {
		o.MarginTop = 0.75 * inch
	}
	if o.MarginBottom == 0 {
		o.MarginBottom = 0.8 * inch
	}
	if o.MarginInner == 0 {
		o.MarginInner = 0.625 * inch
	}
	if o.MarginOuter == 0 {
		o.MarginOuter = 0.625 * inch
	}
	var errs []string
	for _, v := range []struct {
		name string
		v    float64
	}{{"trim width", o.TrimWidth}, {"trim height", o.TrimHeight}, {"top margin", o.MarginTop},
		{"bottom margin", o.MarginBottom}, {"inner margin", o.MarginInner}, {"outer margin", o.MarginOuter},
		{"gutter", o.Gutter}, {"bleed", o.Bleed}, {"font size", o.FontSize}, {"leading", o.Leading}} {
		if math.IsNaN(v.v) || math.IsInf(v.v, 0) || v.v < 0 {
			errs = append(errs, fmt.Sprintf("%s %g is not a size", v.name, v.v))
		}
	}
	if len(errs) == 0 {
		if o.FontSize < 4 || o.FontSize > 48 {
			errs = append(errs, fmt.Sprintf("font size %gpt is outside 4–48pt", o.FontSize))
		}
		if o.Leading < 0.8 || o.Leading > 4 {
			errs = append(errs, fmt.Sprintf("leading %g is outside 0.8–4 times the font size", o.Leading))
		}
		if o.Bleed > 0.5*inch {
			errs = append(errs, fmt.Sprintf("bleed %gpt is more than half an inch", o.Bleed))
		}
	}
	if len(errs) > 0 {
		return o, fmt.Errorf("layout: %s", joinSemi(errs))
	}
	lead := o.FontSize * o.Leading
	// The running head and the foot folio live in the top and bottom
	// margins, which must hold them clear of the safe edge; side margins
	// must at least keep text off it (and hold line numbers).
	o.MarginTop = math.Max(o.MarginTop, safeEdge+2*lead)
	o.MarginBottom = math.Max(o.MarginBottom, safeEdge+2*lead)
	o.MarginInner = math.Max(o.MarginInner, safeEdge)
	side := safeEdge
	if o.LineNumbers {
		side = safeEdge + 8 + 0.75*o.FontSize*2.5
	}
	o.MarginOuter = math.Max(o.MarginOuter, side)
	return o, nil
}

func joinSemi(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += "; "
		}
		out += x
	}
	return out
}

// geom is the page geometry of one layout pass.
type geom struct {
	Geometry
	o            Options
	gutter       float64
	textW, textH float64
	top          float64 // y of the text block's top edge on the media
	lead         float64 // body line advance
}

func newGeom(o Options, gutter float64) (*geom, error) {
	g := &geom{o: o, gutter: gutter, lead: o.FontSize * o.Leading}
	off := o.Bleed
	if o.CropMarks {
		off += markRoom
	}
	g.MediaWidth = o.TrimWidth + 2*off
	g.MediaHeight = o.TrimHeight + 2*off
	g.Trim = Rect{X: off, Y: off, W: o.TrimWidth, H: o.TrimHeight}
	g.Bleed = Rect{X: off - o.Bleed, Y: off - o.Bleed, W: o.TrimWidth + 2*o.Bleed, H: o.TrimHeight + 2*o.Bleed}
	g.CropMarks = o.CropMarks
	g.textW = o.TrimWidth - o.MarginInner - o.MarginOuter - gutter
	g.textH = o.TrimHeight - o.MarginTop - o.MarginBottom
	g.top = off + o.MarginTop
	if g.textW < 8*o.FontSize || g.textW < inch {
		return nil, fmt.Errorf("layout: the text block is %.0fpt wide: trim %.0fpt less margins and gutter leave too little room", g.textW, o.TrimWidth)
	}
	if g.textH < 8*g.lead {
		return nil, fmt.Errorf("layout: the text block is %.0fpt high, room for fewer than 8 lines: enlarge the trim or reduce the margins", g.textH)
	}
	return g, nil
}

// left is the x of the text block's left edge on a recto or verso: the inner
// margin (and gutter) is on the left of a recto and the right of a verso.
func (g *geom) left(recto bool) float64 {
	if recto {
		return g.Trim.X + g.o.MarginInner + g.gutter
	}
	return g.Trim.X + g.o.MarginOuter
}

func (g *geom) bottom() float64 { return g.top + g.textH }
