// Package svg reads SVG pictures into a display list: filled and stroked
// paths, runs of text and embedded raster images, in the order they are
// painted, with their transforms, paints and clips resolved. It knows no
// output format; the PDF painter draws the list as vector graphics and
// sets its text as text.
//
// It reads what diagram and plotting tools write: Graphviz, Inkscape,
// matplotlib, draw.io, Mermaid, D2 (whose labels are measured in the fonts
// it embeds). The cascade of presentation attributes,
// style sheets (type, class, id and attribute selectors with descendant
// and child combinators) and style attributes is applied; <use>, <symbol>,
// nested <svg>, <switch>, markers, clip paths, linear and radial gradients
// and the whole path grammar are drawn, and the HTML text of a
// <foreignObject> (draw.io's and Mermaid's labels) is set as text; a
// filter that only casts a drop shadow draws the shadow (a Blur when it
// is blurred), a pattern
// filling a shape is tiled over it, and masks are kept as masks of the
// groups they apply to. Other filters, patterns on
// strokes and text, and other HTML are not: a Drawing lists what it left
// out.
package svg

import (
	"fmt"
)

// Drawing is a parsed SVG picture.
type Drawing struct {
	// Width and Height are the picture's size in CSS pixels (1/96 in), the
	// space every item's Transform maps into.
	Width, Height float64
	Items         []Item
	// Skipped names features the drawing is made without (filter effects,
	// some patterns), each once, in the order met.
	Skipped []string
	// Lost names content that cannot be drawn at all (HTML in
	// <foreignObject> that is not only text, with no SVG fallback but
	// draw.io's notice): a picture with lost content misleads, so it is
	// better shown as a placeholder.
	Lost []string
}

// Item is a Shape, a Text, an Image, a Group or a Blur.
type Item interface{ isItem() }

// Shape is a path filled and/or stroked.
type Shape struct {
	// Transform maps the path's user space to the drawing's space.
	Transform Matrix
	Path      Path
	Fill      *Fill   // nil when not filled
	Stroke    *Stroke // nil when not stroked
}

// Fill says how a shape or text is filled.
type Fill struct {
	Paint Paint
	// Opacity is 0..1, including the element's and its groups' opacity,
	// except that of a Group it is in.
	Opacity float64
	EvenOdd bool
}

// Stroke says how a shape is outlined. Lengths are in user space.
type Stroke struct {
	Paint      Paint
	Opacity    float64
	Width      float64
	Dash       []float64 // nil for a solid line; always an even count
	DashOffset float64
	Cap        string // butt, round, square
	Join       string // miter, round, bevel
	MiterLimit float64
}

// Paint is a flat colour or a gradient; Color is the gradient's fallback
// (its mean colour).
type Paint struct {
	Color    Color
	Gradient *Gradient
}

// Gradient is a linear or radial gradient in its own space, which
// Transform maps to the user space of the item it paints (the bounding
// box is already applied for objectBoundingBox units).
type Gradient struct {
	Radial         bool
	X1, Y1, X2, Y2 float64 // linear: the gradient vector
	CX, CY, R      float64 // radial: the end circle
	FX, FY         float64 // radial: the focus, where the first stop is
	Transform      Matrix
	Stops          []Stop // at least two, offsets non-decreasing in 0..1
	Spread         string // pad, reflect or repeat
}

// Stop is a gradient colour stop.
type Stop struct {
	Offset  float64
	Color   Color
	Opacity float64
}

// Text is a run of text set on one baseline in one font.
type Text struct {
	Transform Matrix
	// X, Y is where the baseline starts, in user space: text-anchor,
	// baseline alignment and dx/dy are already applied.
	X, Y float64
	Font Font
	Size float64 // font size in user units
	Text string
	Fill *Fill // nil when the text is not filled (stroked text is filled)
	// Stroke, when set, outlines filled text (a halo, a bolder weight),
	// after the fill or, with StrokeFirst (paint-order), before it.
	Stroke      *Stroke
	StrokeFirst bool
	// Width is the run's advance as measured when it was placed, or, when
	// Adjust is set, the advance textLength gives it.
	Width float64
	// Adjust says how a run whose element has textLength is brought to
	// Width, whatever the widths of the faces it is finally set in.
	Adjust LengthAdjust
}

// LengthAdjust is how text is fitted to its textLength (the lengthAdjust
// attribute).
type LengthAdjust uint8

const (
	// NoAdjust: the text has no textLength and takes its own advance.
	NoAdjust LengthAdjust = iota
	// AdjustSpacing spreads the difference evenly over the characters'
	// advances, the glyphs unchanged (lengthAdjust="spacing", the default).
	AdjustSpacing
	// AdjustGlyphs scales the glyphs and their advances horizontally
	// (lengthAdjust="spacingAndGlyphs").
	AdjustGlyphs
)

func (a LengthAdjust) String() string {
	switch a {
	case AdjustSpacing:
		return "spacing"
	case AdjustGlyphs:
		return "spacingAndGlyphs"
	}
	return "none"
}

// Image is an embedded raster image (a data: URL) drawn into a box.
type Image struct {
	Transform  Matrix
	X, Y, W, H float64
	MediaType  string
	Data       []byte
	Opacity    float64
	// Aspect is the preserveAspectRatio attribute: how the picture's
	// pixels fit the box.
	Aspect string
}

// Group clips its items to the union of its clip shapes, when it has
// any, masks them, when it has a mask, and paints them together at an
// opacity, when it has one.
type Group struct {
	Clip  []ClipShape
	Items []Item
	// Mask, when set, is an element's mask: its items are composited
	// first, as for an opacity, and the result painted through the mask.
	Mask *Mask
	// Opacity, when above 0, is an element's opacity over things that
	// may overlap: as a browser does, they are composited first and the
	// result painted at this opacity, so an overlap is no darker than
	// the rest. 0 when the group only clips (a group at opacity 0 is
	// never made). The items' own opacities do not include it.
	Opacity float64
	// Blend, when set, is an element's mix-blend-mode, by PDF's name for
	// it (Multiply, ColorDodge, ...): its items are composited first and
	// the result blended with what is drawn under it. Isolate composites
	// the items first, so that blends inside mix only with each other
	// (isolation: isolate; the whole drawing when anything blends, as a
	// browser blends nothing with the page behind a picture).
	Blend   string
	Isolate bool
}

// Mask is an SVG <mask>: what its items draw (in the drawing's space,
// clipped to the mask's region) gives each point of what it masks an
// opacity: their luminance times their opacity, or with Alpha
// (mask-type: alpha, as Figma writes it) their opacity alone. Where they
// draw nothing, nothing of what is masked shows.
type Mask struct {
	Alpha bool
	Items []Item
}

// Overlaps says whether the group's items may overlap (more than one
// paint), so that compositing them first, as a mask or an opacity asks,
// differs from painting each through it.
func (g *Group) Overlaps() bool { return paints(g.Items, 2) > 1 }

// Blur is what a filter blurs: a drop shadow, or an element blurred by
// itself (Figma's layer blur). Its items are shapes and text filled and
// stroked in Color (a shape's fill and outline are one silhouette: their
// union; text's, its glyphs' outlines in the faces it is drawn in), at
// their own opacities, in groups that clip them or set their opacity; the
// filter paints their coverage blurred by a Gaussian of standard
// deviation StdDevX, StdDevY along the axes of the user space Transform
// maps to the drawing's, moved by DX, DY of that space (the offset a
// shadow is given after its blur), inside Region of that space (the
// items are clipped to it before the blur, and the result after).
type Blur struct {
	Items            []Item
	Color            Color
	StdDevX, StdDevY float64
	DX, DY           float64
	Transform        Matrix
	Region           Rect
}

// ClipShape is one shape of a clipping path.
type ClipShape struct {
	Transform Matrix
	Path      Path
	EvenOdd   bool
}

func (*Shape) isItem() {}
func (*Text) isItem()  {}
func (*Image) isItem() {}
func (*Group) isItem() {}
func (*Blur) isItem()  {}

// Generic is a generic font family.
type Generic uint8

const (
	Serif Generic = iota
	SansSerif
	Monospace
)

func (g Generic) String() string { return [...]string{"serif", "sans-serif", "monospace"}[g] }

// Font is a face for a run of text: the generic family its font-family
// list comes down to, the first family it named, weight and slant.
type Font struct {
	Family Generic
	Name   string
	Bold   bool
	Italic bool
}

func (f Font) String() string {
	s := f.Family.String()
	if f.Bold {
		s += " bold"
	}
	if f.Italic {
		s += " italic"
	}
	if f.Name != "" {
		s += fmt.Sprintf(" (%s)", f.Name)
	}
	return s
}

// Metrics measures text, so anchored and continued text lands where it
// should. All values are in ems.
type Metrics interface {
	Width(f Font, s string) float64
	Ascent(f Font) float64
	Descent(f Font) float64 // positive
}

// Kerning is implemented by Metrics that know the fonts' pair kerning:
// the adjustment between a and b set side by side in f, in ems. A browser
// kerns SVG text as it kerns any text, so a label's width, and where its
// anchor puts it, include the kerning.
type Kerning interface {
	Kern(f Font, a, b rune) float64
}

// Options tune Parse.
type Options struct {
	// Metrics measures text; nil estimates every character at half an em.
	Metrics Metrics
	// Language is the BCP 47 language the picture is read in, which
	// systemLanguage attributes are matched against; English when empty.
	Language string
}

// Parse reads an SVG document. The error is for data that is not an SVG
// document at all; what cannot be drawn is listed in the Drawing.
func Parse(data []byte, opts Options) (*Drawing, error) {
	t, err := ParseTree(data)
	if err != nil {
		return nil, err
	}
	return t.Render(opts), nil
}

// A Tree is an SVG document read, not yet drawn. Rendering never changes
// it, so one Tree may be rendered many times, at once: a build reads each
// picture once for the warnings about what the PDF cannot draw and for
// the PDF, which measures its text with the book's fonts.
type Tree struct{ root *node }

// ParseTree reads an SVG document, as Parse does, without drawing it.
func ParseTree(data []byte) (*Tree, error) {
	root, err := parseTree(data)
	if err != nil {
		return nil, fmt.Errorf("svg: %w", err)
	}
	return &Tree{root}, nil
}

// Render draws the document as Parse does.
func (t *Tree) Render(opts Options) *Drawing {
	return newRenderer(t.root, opts).run()
}

// Fit returns where an image of pw x ph pixels is drawn in the image's
// box, as its preserveAspectRatio asks, and whether it must be clipped to
// the box (slice).
func (im *Image) Fit(pw, ph float64) (dst Rect, clip bool) {
	if pw <= 0 || ph <= 0 {
		return Rect{im.X, im.Y, im.W, im.H}, false
	}
	m := viewBoxTransform(Rect{0, 0, pw, ph}, im.W, im.H, im.Aspect)
	x0, y0 := m.Apply(0, 0)
	x1, y1 := m.Apply(pw, ph)
	dst = Rect{im.X + x0, im.Y + y0, x1 - x0, y1 - y0}
	clip = dst.W > im.W+1e-9 || dst.H > im.H+1e-9
	return dst, clip
}
