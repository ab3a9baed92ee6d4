package pdf

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
	"github.com/samizdat-press/samizdat/internal/svg"
)

// SVG pictures are drawn as PDF paths and text through gofpdf's path API:
// no rasterising, so they print sharp at any size and their labels can be
// searched and copied. internal/svg turns the file into a display list;
// this file draws the list.
//
// gofpdf writes every path point as (x, pageHeight-y) in the current
// coordinate system. Points are mapped to page coordinates here, so a
// path needs no transform; only strokes under a transform that does not
// keep shapes (non-uniform scaling, skew) and gradients and images are
// drawn inside a transform, whose matrix is conjugated by that flip.

// svgMetrics measures SVG text with the faces it will be set in.
type svgMetrics struct {
	faces    *fonts.Set
	standard *standardWidths
}

// Width is s's advance in the font the SVG names when that is a standard
// font's family: where the SVG's maker placed it (see svgfit.go).
func (m svgMetrics) Width(f svg.Font, s string) float64 {
	if w, ok := m.standard.width(f, s); ok {
		return w
	}
	// measured in the faces that will set it, as svgDrawer.text sets it
	w := 0.0
	for _, sg := range svgSegments(m.faces, svgFace(f), s) {
		w += sg.advance(m.faces)
	}
	return w
}

// svgSegment is a stretch of an SVG text set in one face.
type svgSegment struct {
	face fonts.Face
	text string
}

// svgKern moves the character at byte offset at of a segment by dx ems,
// negative to the left.
type svgKern struct {
	at int
	dx float64
}

// kerns are the pair kerning adjustments inside the segment: a browser
// kerns SVG text as it kerns the text of a page, so a label drawn without
// them is wider and looser than its maker saw it.
func (sg svgSegment) kerns(faces *fonts.Set) []svgKern {
	var ks []svgKern
	prev := rune(-1)
	for i, r := range sg.text {
		if prev >= 0 {
			if k := faces.Kern(sg.face, prev, r); k != 0 {
				ks = append(ks, svgKern{i, k})
			}
		}
		prev = r
	}
	return ks
}

// advance is the segment's width in ems, kerned.
func (sg svgSegment) advance(faces *fonts.Set) float64 {
	w := faces.Width(sg.face, sg.text)
	for _, k := range sg.kerns(faces) {
		w += k.dx
	}
	return w
}

// svgSegments cuts text into the stretches each face sets: a character
// face lacks is set in the fallback font the book would use for it, else
// in the mono face when that has it (the minus sign is not in Noto
// Serif).
func svgSegments(faces *fonts.Set, face fonts.Face, text string) []svgSegment {
	var segments []svgSegment
	start := 0
	cur := face
	for i, r := range text {
		if want := svgRuneFace(faces, face, r); want != cur {
			if i > start {
				segments = append(segments, svgSegment{cur, text[start:i]})
			}
			start, cur = i, want
		}
	}
	if len(text) > start {
		segments = append(segments, svgSegment{cur, text[start:]})
	}
	return segments
}

// svgRuneFace is the face that sets r in text set in face.
func svgRuneFace(faces *fonts.Set, face fonts.Face, r rune) fonts.Face {
	if faces.HasGlyph(face, r) {
		return face
	}
	if fb, ok := faces.Fallback(face, r); ok {
		return fb
	}
	// The mono family has no italic: the last resort keeps only the weight.
	mono := fonts.Face{Family: fonts.Mono, Style: fonts.Regular}
	if face.Style == fonts.Bold || face.Style == fonts.BoldItalic {
		mono.Style = fonts.Bold
	}
	if face.Family != fonts.Mono && faces.HasGlyph(mono, r) {
		return mono
	}
	return face
}

// Kern is the kerning textRun applies between a and b: none for text in a
// standard font's family, which takes the width its maker placed it at,
// nor between characters set in different faces.
func (m svgMetrics) Kern(f svg.Font, a, b rune) float64 {
	if _, ok := m.standard.width(f, ""); ok {
		return 0
	}
	face := svgFace(f)
	fa := svgRuneFace(m.faces, face, a)
	if fa != svgRuneFace(m.faces, face, b) {
		return 0
	}
	return m.faces.Kern(fa, a, b)
}

func (m svgMetrics) Ascent(f svg.Font) float64  { return m.faces.Ascent(svgFace(f)) }
func (m svgMetrics) Descent(f svg.Font) float64 { return m.faces.Descent(svgFace(f)) }

// svgFace maps an SVG font to one of the book's faces: monospace to the
// mono family, serif and sans-serif to the serif family (the book has no
// sans-serif face).
func svgFace(f svg.Font) fonts.Face {
	face := fonts.Face{Family: fonts.Serif}
	if f.Family == svg.Monospace {
		face.Family = fonts.Mono
	}
	switch {
	case f.Bold && f.Italic:
		face.Style = fonts.BoldItalic
	case f.Bold:
		face.Style = fonts.Bold
	case f.Italic:
		face.Style = fonts.Italic
	}
	return face
}

// parseSVG reads an SVG asset for drawing.
func (p *painter) parseSVG(data []byte) (*svg.Drawing, error) {
	t, err := p.opts.Pictures.SVGTree(data)
	if err != nil {
		return nil, err
	}
	d := t.Render(svg.Options{Metrics: svgMetrics{p.faces, &p.standard}, Language: p.language})
	if !(d.Width > 0 && d.Height > 0) {
		return nil, fmt.Errorf("SVG has no size")
	}
	return d, nil
}

// svgDrawer holds the state of drawing one SVG picture.
type svgDrawer struct {
	p *painter
	// f is what is drawn into: the page, or the template of a group
	// composited at an opacity (composite).
	f      *gofpdf.Fpdf
	form   int // how many templates deep f is
	page   int
	pos    doc.Pos // where the picture is in the book, for warnings
	images map[*svg.Image]*picture
	blurs  map[*svg.Blur]blurImage
	// place maps the drawing's space (CSS pixels) to the page, top down.
	place svg.Matrix
	// fontSet[i] says a font was selected inside the i-th open graphics
	// state, which restoring it undoes behind gofpdf's back.
	fontSet []bool
	// what was changed in gofpdf's state, to set back when done
	alpha, cap, join, dash bool
	// current values inside the innermost graphics state; reset on restore
	curAlpha  float64
	curMiter  float64
	curCap    string
	curJoin   string
	curDashed bool
}

// drawSVG draws a parsed SVG into the picture's box.
func (p *painter) drawSVG(page int, pp *picture, pic *layout.Picture) {
	p.handOver()
	d := pp.svg
	s := &svgDrawer{
		p: p, f: p.f, page: page, pos: pic.Pos, images: p.svgImagesOf(pp),
		place: svg.Matrix{pic.W / d.Width, 0, 0, pic.H / d.Height, pic.X, pic.Y},
		blurs: p.blurImagesOf(d.Items, svg.Matrix{pic.W / d.Width, 0, 0, pic.H / d.Height, pic.X, pic.Y}, nil),
		// The page's state, which the painter never changes: opaque,
		// gofpdf's line style, PDF's miter limit.
		curAlpha: 1, curMiter: 10, curCap: "butt", curJoin: "miter",
	}
	// Everything is drawn inside one graphics state clipped to the box, as
	// an SVG viewport clips; restoring it undoes every change made here.
	p.f.ClipRect(pic.X, pic.Y, pic.W, pic.H, false)
	s.enter()
	s.items(d.Items)
	s.leave(p.f.ClipEnd)
	// gofpdf replays its line style on every new page: it must believe
	// what is true again.
	if s.cap {
		p.f.SetLineCapStyle("butt")
	}
	if s.join {
		p.f.SetLineJoinStyle("miter")
	}
	if s.dash {
		p.f.SetDashPattern(nil, 0)
	}
	if s.alpha {
		p.f.SetAlpha(1, "Normal")
	}
	p.curFill, p.curDraw, p.curLine = -1, -1, -1
	p.curFamily = ""
}

// enter notes a new graphics state (after gofpdf wrote "q"), which
// starts as a copy of the one around it.
func (s *svgDrawer) enter() {
	s.fontSet = append(s.fontSet, false)
}

// leave restores the graphics state with restore (gofpdf's ClipEnd or
// TransformEnd, which write "Q"). Restoring also brings back the font of
// before, which the painter no longer knows: it sets the font again
// before its next text.
func (s *svgDrawer) leave(restore func()) {
	set := s.fontSet[len(s.fontSet)-1]
	s.fontSet = s.fontSet[:len(s.fontSet)-1]
	restore()
	if set {
		s.p.curFamily = ""
		if len(s.fontSet) > 0 {
			s.fontSet[len(s.fontSet)-1] = true
		}
	}
	// Values inside the restored state are unknown to this level.
	s.curAlpha, s.curMiter, s.curCap, s.curJoin, s.curDashed = -1, -1, "", "", true
}

func (s *svgDrawer) items(items []svg.Item) {
	for _, it := range items {
		switch it := it.(type) {
		case *svg.Shape:
			s.shape(it)
		case *svg.Text:
			s.text(it)
		case *svg.Image:
			s.image(it)
		case *svg.Group:
			s.group(it)
		case *svg.Blur:
			s.blur(it)
		}
	}
}

// path writes a path mapped through m to page coordinates.
func (s *svgDrawer) path(p svg.Path, m svg.Matrix) {
	f := s.f
	for _, seg := range p {
		switch seg.Op {
		case svg.MoveTo:
			x, y := m.Apply(seg.Pts[0].X, seg.Pts[0].Y)
			f.MoveTo(x, y)
		case svg.LineTo:
			x, y := m.Apply(seg.Pts[0].X, seg.Pts[0].Y)
			f.LineTo(x, y)
		case svg.CubicTo:
			x1, y1 := m.Apply(seg.Pts[0].X, seg.Pts[0].Y)
			x2, y2 := m.Apply(seg.Pts[1].X, seg.Pts[1].Y)
			x3, y3 := m.Apply(seg.Pts[2].X, seg.Pts[2].Y)
			f.CurveBezierCubicTo(x1, y1, x2, y2, x3, y3)
		case svg.Close:
			f.ClosePath()
		}
	}
}

func validMatrix(m svg.Matrix) bool {
	return finite(m[:]...) && m.Det() != 0
}

// group draws items clipped by the union of the clip shapes.
func (s *svgDrawer) group(g *svg.Group) {
	if len(g.Clip) == 0 {
		s.content(g)
		return
	}
	f := s.f
	f.TransformBegin()
	s.enter()
	evenOdd := true
	for _, c := range g.Clip {
		m := s.place.Mul(c.Transform)
		if !validMatrix(m) {
			continue
		}
		s.path(c.Path, m)
		evenOdd = evenOdd && c.EvenOdd
	}
	if evenOdd {
		f.DrawPath("W* n")
	} else {
		f.DrawPath("W n")
	}
	s.content(g)
	s.leave(f.TransformEnd)
}

// content draws a group's items: through its mask, composited first
// when the group has an opacity.
func (s *svgDrawer) content(g *svg.Group) {
	switch {
	case g.Blend != "" || g.Isolate:
		s.blend(g)
	case g.Mask != nil:
		s.masked(g)
	case g.Opacity > 0 && g.Opacity < 1:
		s.composite(g.Items, g.Opacity)
	default:
		s.items(g.Items)
	}
}

// composite draws items as a browser does an element's opacity:
// composited together first, then painted at the opacity, so where they
// overlap is no darker than the rest. In PDF that is a transparency
// group: a form XObject, here a gofpdf template, painted under the
// opacity, which finish makes an isolated group (its /Group) and gives
// the page's resources (see makeGroups). Inside, opacity and shadings
// are set by names of our own (setAlpha, shade), as gofpdf would name
// them in the template's own lists, which it never writes.
func (s *svgDrawer) composite(items []svg.Item, opacity float64) {
	tpl := s.template(items)
	s.setAlpha(opacity)
	s.f.UseTemplate(tpl)
	s.p.groups = append(s.p.groups, tpl.ID())
}

// blend draws a group's items composited first, as an isolated
// transparency group, and painted in its blend mode (PDF's are CSS's,
// ISO 32000-1, 11.3.5) over what is under it, or normally when it only
// isolates.
func (s *svgDrawer) blend(g *svg.Group) {
	f := s.f
	tpl := s.template(g.Items)
	f.TransformBegin()
	s.enter()
	s.setAlpha(1)
	if g.Blend != "" {
		if s.form > 0 {
			// Named as setAlpha names opacities in a group's content.
			f.RawWriteStr("/" + string(blendState(g.Blend)) + " gs")
			if s.p.groupBlends == nil {
				s.p.groupBlends = map[string]bool{}
			}
			s.p.groupBlends[g.Blend] = true
		} else {
			f.SetAlpha(1, g.Blend)
			s.alpha = true
		}
	}
	f.UseTemplate(tpl)
	s.p.groups = append(s.p.groups, tpl.ID())
	s.leave(f.TransformEnd)
}

// blendState names the graphics state of a blend mode in a group's
// content.
func blendState(mode string) pdffile.Name { return pdffile.Name("SvgBlend" + mode) }

// template draws items into a new gofpdf template, whose content cannot
// change the state it is painted in.
func (s *svgDrawer) template(items []svg.Item) gofpdf.Template {
	outer, p := s.f, s.p
	alpha, miter, lineCap, join, dashed := s.curAlpha, s.curMiter, s.curCap, s.curJoin, s.curDashed
	fontSet, family, size := s.fontSet, p.curFamily, p.curSize
	tpl := outer.CreateTemplate(func(t *gofpdf.Tpl) {
		s.f = &t.Fpdf
		s.form++
		// A transparency group starts opaque (ISO 32000-1, 11.6.6); what
		// else of the state it starts with is not known here.
		s.curAlpha, s.curMiter, s.curCap, s.curJoin, s.curDashed = 1, -1, "", "", true
		s.fontSet = []bool{false}
		p.curFamily, p.curSize = "", 0
		s.items(items)
		s.form--
	})
	s.f = outer
	s.curAlpha, s.curMiter, s.curCap, s.curJoin, s.curDashed = alpha, miter, lineCap, join, dashed
	s.fontSet, p.curFamily, p.curSize = fontSet, family, size
	return tpl
}

// masked draws a group's items through its mask, as a browser does: the
// items composited first (a transparency group, when they may overlap),
// then painted under a soft mask, which PDF keeps in the graphics state
// (ISO 32000-1, 11.6.5): the mask's content is a transparency group
// whose luminosity, or opacity, is the mask's value at each point (see
// maskState).
//
// Nothing is painted through the mask at an opacity below 1: MuPDF
// applies that opacity to the mask as well, so it would count twice. The
// group's opacity goes into the mask instead, its content composited at
// it, which multiplies the same; and items that set an opacity or a soft
// mask of their own (which would replace this one) are composited first
// even when there is only one.
func (s *svgDrawer) masked(g *svg.Group) {
	f := s.f
	m := g.Mask
	if g.Opacity > 0 && g.Opacity < 1 {
		m = &svg.Mask{Alpha: m.Alpha, Items: []svg.Item{&svg.Group{Items: m.Items, Opacity: g.Opacity}}}
	}
	state := s.maskState(m)
	f.TransformBegin()
	s.enter()
	s.setMask(state)
	if plainPaint(g.Items) {
		s.items(g.Items)
	} else {
		s.composite(g.Items, 1)
	}
	s.leave(f.TransformEnd)
}

// setMask sets the soft mask of a graphics state made by maskState, in
// a state saved to be restored after what it masks. The opacity is 1
// when it is set, so no renderer can take another for the mask's.
func (s *svgDrawer) setMask(state pdffile.Name) {
	s.setAlpha(1)
	s.f.RawWriteStr("/" + string(state) + " gs")
}

// plainPaint says whether items are one opaque paint that sets no soft
// mask of its own: a shape's fill or stroke, a run of text or an image.
func plainPaint(items []svg.Item) bool {
	if len(items) != 1 {
		return false
	}
	switch it := items[0].(type) {
	case *svg.Shape:
		fl, st := it.Fill, it.Stroke
		if fl != nil && st != nil {
			return false
		}
		if fl != nil {
			return fl.Opacity >= 1 && (fl.Paint.Gradient == nil || fadeMask(it) == nil)
		}
		return st != nil && st.Opacity >= 1
	case *svg.Text:
		return it.Fill != nil && it.Fill.Opacity >= 1 && it.Stroke == nil
	case *svg.Image:
		return it.Opacity >= 1
	}
	return false
}

// maskState draws a mask's content into a template and names the
// graphics state that sets it as the soft mask; finish writes that
// state, and makes the template the mask's transparency group (see
// makeGroups). gofpdf writes a template into the file only once it is
// painted somewhere, and has no call to write it otherwise: so it is
// painted once where nothing shows, clipped to an empty rectangle. The
// mask's coordinates are those in effect where the state is set (the
// page's, or a group's, which are the same): the template is drawn in
// them.
func (s *svgDrawer) maskState(m *svg.Mask) pdffile.Name {
	items := m.Items
	if !m.Alpha {
		items = luminances(items)
	}
	tpl := s.template(items)
	f := s.f
	f.ClipRect(0, 0, 0, 0, false)
	f.UseTemplate(tpl)
	f.ClipEnd()
	p := s.p
	key := svgMask{tpl: tpl.ID(), alpha: m.Alpha}
	n, ok := p.svgMaskIndex[key]
	if !ok {
		if p.svgMaskIndex == nil {
			p.svgMaskIndex = map[svgMask]int{}
		}
		n = len(p.svgMasks)
		p.svgMaskIndex[key] = n
		p.svgMasks = append(p.svgMasks, key)
	}
	return maskState(n)
}

// luminances returns items with every colour they paint turned into the
// grey of its luminance as a browser weighs it for a mask (CSS Masking:
// 0.2125 red, 0.7154 green, 0.0721 blue), so that the luminosity PDF
// takes of a mask's group (0.3, 0.59, 0.11) is the browser's: a grey's
// is itself. The items are copied, not changed: an item may be shared.
// The masks of groups inside are their own; images stay in colour.
func luminances(items []svg.Item) []svg.Item {
	grey := func(c svg.Color) svg.Color {
		v := uint8(math.Round(0.2125*float64(c.R) + 0.7154*float64(c.G) + 0.0721*float64(c.B)))
		return svg.Color{R: v, G: v, B: v}
	}
	paint := func(p svg.Paint) svg.Paint {
		p.Color = grey(p.Color)
		if g := p.Gradient; g != nil {
			c := *g
			c.Stops = make([]svg.Stop, len(g.Stops))
			for i, st := range g.Stops {
				st.Color = grey(st.Color)
				c.Stops[i] = st
			}
			p.Gradient = &c
		}
		return p
	}
	fill := func(f *svg.Fill) *svg.Fill {
		if f == nil {
			return nil
		}
		c := *f
		c.Paint = paint(c.Paint)
		return &c
	}
	out := make([]svg.Item, len(items))
	for i, it := range items {
		switch it := it.(type) {
		case *svg.Shape:
			c := *it
			c.Fill = fill(it.Fill)
			if it.Stroke != nil {
				st := *it.Stroke
				st.Paint = paint(st.Paint)
				c.Stroke = &st
			}
			out[i] = &c
		case *svg.Text:
			c := *it
			c.Fill = fill(it.Fill)
			if it.Stroke != nil {
				st := *it.Stroke
				st.Paint = paint(st.Paint)
				c.Stroke = &st
			}
			out[i] = &c
		case *svg.Group:
			c := *it
			c.Items = luminances(it.Items)
			out[i] = &c
		default:
			out[i] = it
		}
	}
	return out
}

// svgMask is a mask SVG pictures set: the ID of the template its content
// is drawn in, and whether its opacity (mask-type: alpha) rather than its
// luminosity masks.
type svgMask struct {
	tpl   string
	alpha bool
}

// maskState names the graphics state setting the n-th mask.
func maskState(n int) pdffile.Name { return pdffile.Name(fmt.Sprintf("SvgMask%d", n)) }

func (s *svgDrawer) setAlpha(a float64) {
	a = math.Round(clamp01(a)*1000) / 1000
	if a == s.curAlpha {
		return
	}
	s.curAlpha = a
	if s.form > 0 {
		// gofpdf would name the state in the template's own list, which
		// it never writes; finish adds ours to the resources.
		s.f.RawWriteStr("/" + string(alphaState(a)) + " gs")
		if s.p.groupAlphas == nil {
			s.p.groupAlphas = map[float64]bool{}
		}
		s.p.groupAlphas[a] = true
		return
	}
	s.f.SetAlpha(a, "Normal")
	s.alpha = true
}

// alphaState names the graphics state of opacity a (in thousandths) in a
// group's content.
func alphaState(a float64) pdffile.Name {
	return pdffile.Name(fmt.Sprintf("SvgAlpha%d", int(math.Round(a*1000))))
}

func clamp01(v float64) float64 {
	switch {
	case !(v > 0):
		return 0
	case v > 1:
		return 1
	}
	return v
}

func (s *svgDrawer) setFillColor(c svg.Color) {
	s.f.SetFillColor(int(c.R), int(c.G), int(c.B))
	s.f.SetTextColor(int(c.R), int(c.G), int(c.B))
}

func (s *svgDrawer) shape(sh *svg.Shape) {
	m := s.place.Mul(sh.Transform)
	if !validMatrix(m) {
		return
	}
	if fl := sh.Fill; fl != nil && fl.Opacity > 0 {
		if fl.Paint.Gradient != nil {
			s.gradientFill(sh, m)
		} else {
			s.setAlpha(fl.Opacity)
			s.setFillColor(fl.Paint.Color)
			s.path(sh.Path, m)
			if fl.EvenOdd {
				s.f.DrawPath("f*")
			} else {
				s.f.DrawPath("f")
			}
		}
	}
	if st := sh.Stroke; st != nil && st.Opacity > 0 && st.Width > 0 {
		s.stroke(sh.Path, st, m)
	}
}

// stroke outlines a path. Under a transform that keeps shapes the path is
// mapped to the page and the line width scaled; otherwise the stroke is
// drawn inside the transform, so it thickens and thins as the SVG says.
func (s *svgDrawer) stroke(p svg.Path, st *svg.Stroke, m svg.Matrix) {
	f := s.f
	k := m.Scale()
	inner := m
	transformed := !m.Similar()
	if transformed {
		f.TransformBegin()
		s.enter()
		f.Transform(s.conjugate(m.Mul(svg.Matrix{1 / k, 0, 0, 1 / k, 0, 0})))
		inner = svg.Matrix{k, 0, 0, k, 0, 0}
	}
	s.setAlpha(st.Opacity)
	s.strokeState(st, k)
	s.path(p, inner)
	f.DrawPath("S")
	if transformed {
		s.leave(f.TransformEnd)
	}
}

// strokeState sets the colour, width, caps, joins and dashes of stroke st
// drawn at scale k, for a path or for outlined text.
func (s *svgDrawer) strokeState(st *svg.Stroke, k float64) {
	f := s.f
	c := st.Paint.Color
	f.SetDrawColor(int(c.R), int(c.G), int(c.B))
	f.SetLineWidth(st.Width * k)
	if st.Cap != s.curCap {
		f.SetLineCapStyle(st.Cap)
		s.curCap, s.cap = st.Cap, true
	}
	if st.Join != s.curJoin {
		f.SetLineJoinStyle(st.Join)
		s.curJoin, s.join = st.Join, true
	}
	if st.Join == "miter" && st.MiterLimit != s.curMiter {
		// gofpdf has no miter limit setting; PDF's default is 10, SVG's 4.
		f.RawWriteStr(strconv.FormatFloat(st.MiterLimit, 'f', -1, 64) + " M")
		s.curMiter = st.MiterLimit
	}
	dash := make([]float64, len(st.Dash))
	total := 0.0
	for i, d := range st.Dash {
		dash[i] = d * k
		total += dash[i]
	}
	// gofpdf writes two decimals: a pattern too fine to print is solid.
	if total >= 0.05 {
		f.SetDashPattern(dash, st.DashOffset*k)
		s.curDashed, s.dash = true, true
	} else if s.curDashed {
		f.SetDashPattern(nil, 0)
		s.curDashed = false
	}
}

// conjugate returns the PDF transform for a map m between top-down
// coordinates, given that gofpdf writes every point as (x, H-y).
func (s *svgDrawer) conjugate(m svg.Matrix) gofpdf.TransformMatrix {
	_, h := s.f.GetPageSize()
	return gofpdf.TransformMatrix{
		A: m[0], B: -m[1], C: -m[2], D: m[3],
		E: m[2]*h + m[4],
		F: h - m[3]*h - m[5],
	}
}

// text sets a run of SVG text as PDF text in the book's faces, so it can
// be searched and copied. The text matrix carries the picture's
// transform, so rotated and scaled labels stay text. A character the face
// lacks is set in the fallback font the book would use for it, else in the
// mono face when that has it (the minus sign is not in Noto Serif).
func (s *svgDrawer) text(t *svg.Text) {
	p := s.p
	m := s.place.Mul(t.Transform)
	filled := t.Fill != nil && t.Fill.Opacity > 0
	stroked := t.Stroke != nil && t.Stroke.Opacity > 0 && t.Stroke.Width > 0
	if !filled && !stroked || !validMatrix(m) || !(t.Size > 0) || !finite(t.X, t.Y, t.Size) {
		return
	}
	segments, m, spacing := p.svgTextPlace(t, m)
	// Text render modes (PDF's Tr): 0 fills, 1 strokes, 2 fills then
	// strokes. An outline of the fill's opacity after the fill is one
	// pass; one before it (paint-order), or of its own opacity, a pass of
	// its own.
	modes := []int{0}
	if st := t.Stroke; stroked {
		switch {
		case !filled:
			modes = []int{1}
		case t.StrokeFirst:
			modes = []int{1, 0}
		case st.Opacity == t.Fill.Opacity:
			modes = []int{2}
		default:
			modes = []int{0, 1}
		}
	}
	for _, mode := range modes {
		if mode == 1 {
			s.setAlpha(t.Stroke.Opacity)
		} else {
			s.setAlpha(t.Fill.Opacity)
			s.setFillColor(t.Fill.Paint.Color)
		}
		if mode != 0 {
			s.strokeState(t.Stroke, m.Scale())
		}
		x := t.X
		for _, sg := range segments {
			x += s.textRun(sg, x, t.Y, t.Size, spacing, m, mode)
		}
	}
}

// svgTextPlace is how a run of SVG text drawn through m (its user space
// to the page) is set: the stretches each face sets, the map of its user
// space to the page fitted to the width it was placed for (a standard
// font's family) or given (textLength), and the spacing added to every
// character's advance, in ems of the run's size.
func (p *painter) svgTextPlace(t *svg.Text, m svg.Matrix) ([]svgSegment, svg.Matrix, float64) {
	face := svgFace(t.Font)
	segments := svgSegments(p.faces, face, t.Text)
	// spacing is added to every character's advance, in text space
	// (ems of the run's size).
	spacing := 0.0
	// the run's width as drawn, in ems: fallbacks included
	actual, chars := 0.0, 0
	for _, sg := range segments {
		actual += sg.advance(p.faces)
		chars += utf8.RuneCountInString(sg.text)
	}
	switch t.Adjust {
	case svg.NoAdjust:
		// Text in a standard font's family takes the width it was placed for.
		if placed, ok := p.standard.width(t.Font, t.Text); ok {
			if k := fitScale(placed, actual); k != 1 {
				m = m.Mul(svg.Matrix{k, 0, 0, 1, t.X * (1 - k), 0})
			}
		}
	default:
		// textLength: the run takes the width it was given, however wide
		// the faces that set it.
		want := t.Width / t.Size
		switch {
		case t.Adjust == svg.AdjustGlyphs && actual > 0 && want > 0:
			k := want / actual
			m = m.Mul(svg.Matrix{k, 0, 0, 1, t.X * (1 - k), 0})
		case t.Adjust == svg.AdjustSpacing && chars > 0:
			spacing = (want - actual) / float64(chars)
		}
	}
	return segments, m, spacing
}

// textRun writes one segment at (x, y) in the text's user space, kerned,
// with spacing ems added to each character's advance, and returns its
// advance there.
func (s *svgDrawer) textRun(sg svgSegment, x, y, size, spacing float64, m svg.Matrix, mode int) float64 {
	p := s.p
	face, text := sg.face, sg.text
	e, err := p.family(face)
	if err != nil {
		p.warn(s.page, s.pos, "pdf.text", "SVG text %q not drawn: %v", clip(text), err)
		return 0
	}
	str := p.encodable(s.page, text, e)
	if str == "" {
		return 0
	}
	p.setFont(e, 1)
	s.fontSet[len(s.fontSet)-1] = true
	_, h := s.f.GetPageSize()
	px, py := m.Apply(x, y)
	tm := [6]float64{size * m[0], -size * m[1], -size * m[2], size * m[3], px, h - py}
	if slanted(p.faces, face) {
		// text space sheared: x moves by a quarter of the height above the
		// baseline, as browsers slant a face that has no italic
		tm[2] += obliqueSlant * tm[0]
		tm[3] += obliqueSlant * tm[1]
	}
	// the font just set, then the text, go to gofpdf at once: gofpdf
	// draws the rest of the picture
	b := append(p.buf, "BT"...)
	for _, v := range tm {
		b = append(b, ' ')
		b = strconv.AppendFloat(b, roundTo(v, 4), 'f', -1, 64)
	}
	b = append(b, " Tm"...)
	// Tr outlives ET too, and the book's text is filled.
	if mode != 0 {
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(mode), 10)
		b = append(b, " Tr"...)
	}
	// Tc outlives ET, and the rest of the book's text is set without it.
	tc := roundTo(spacing, 4)
	if tc != 0 {
		b = append(b, ' ')
		b = strconv.AppendFloat(b, tc, 'f', -1, 64)
		b = append(b, " Tc"...)
	}
	kerns := sg.kerns(p.faces)
	if len(kerns) == 0 || str != text {
		// text with characters the face cannot encode is shown as it is
		// encodable, unkerned: its offsets no longer match
		kerns = nil
		b = append(b, " <"...)
		b = appendCodes(b, str, e)
		b = append(b, "> Tj"...)
	} else {
		b = append(b, " [<"...)
		from := 0
		for _, k := range kerns {
			b = appendCodes(b, text[from:k.at], e)
			b = append(b, "> "...)
			b = appendFixed(b, hundredths(-k.dx*1000))
			b = append(b, " <"...)
			from = k.at
		}
		b = appendCodes(b, text[from:], e)
		b = append(b, ">] TJ"...)
	}
	if tc != 0 {
		b = append(b, " 0 Tc"...)
	}
	if mode != 0 {
		b = append(b, " 0 Tr"...)
	}
	b = append(b, " ET"...)
	s.f.RawWriteStr(string(b))
	p.buf = b[:0]
	w := p.faces.Width(face, text)
	for _, k := range kerns {
		w += k.dx
	}
	return (w + spacing*float64(utf8.RuneCountInString(text))) * size
}

// obliqueSlant is how far a synthesised oblique leans, in ems across per
// em up: the quarter that Chromium and Firefox (Skia, FreeType) use.
const obliqueSlant = 0.25

// slanted reports whether f is an italic the book's fonts set with the
// upright font (the mono family has no italic): that text is drawn
// slanted, as a browser draws an italic its font lacks, so Graphviz's <i>
// and Rich's italics stay italic.
func slanted(faces *fonts.Set, f fonts.Face) bool {
	upright := f
	switch f.Style {
	case fonts.Italic:
		upright.Style = fonts.Regular
	case fonts.BoldItalic:
		upright.Style = fonts.Bold
	default:
		return false
	}
	return faces.Same(f, upright)
}

func roundTo(v float64, places int) float64 {
	k := math.Pow(10, float64(places))
	r := math.Round(v*k) / k
	if r == 0 {
		return 0 // no "-0"
	}
	return r
}

// image draws an embedded raster image of the SVG.
func (s *svgDrawer) image(im *svg.Image) {
	p := s.p
	m := s.place.Mul(im.Transform)
	if !validMatrix(m) || im.Opacity <= 0 {
		return
	}
	pic := s.images[im]
	if pic == nil {
		return
	}
	if pic.name == "" {
		p.warn(s.page, s.pos, "image.undecodable", "image inside an SVG picture not drawn: %s", pic.reason)
		return
	}
	dst, clipBox := im.Fit(float64(pic.width), float64(pic.height))
	f := s.f
	k := m.Scale()
	f.TransformBegin()
	s.enter()
	f.Transform(s.conjugate(m.Mul(svg.Matrix{1 / k, 0, 0, 1 / k, 0, 0})))
	if clipBox {
		f.ClipRect(im.X*k, im.Y*k, im.W*k, im.H*k, false)
	}
	s.setAlpha(im.Opacity)
	f.ImageOptions(pic.name, dst.X*k, dst.Y*k, dst.W*k, dst.H*k, false,
		gofpdf.ImageOptions{ImageType: pic.kind, AllowNegativePosition: true}, 0, "")
	if clipBox {
		f.ClipEnd()
	}
	s.leave(f.TransformEnd)
}

// gradientFill fills a shape with a gradient: the shape becomes the clip,
// and the gradient is painted in its own space, as one shading: a padded
// radial gradient of two stops, the first at the focus, gofpdf's
// (radialGradient); any other one whose function steps through all the
// stops and repeats (rampGradient). gofpdf's linear shading is not used:
// it is given in the unit square of its box, which skews it unless the
// box is square. PDF shadings have no
// transparency: stops of one opacity give the fill that opacity; stops
// of several are drawn through a soft mask (see fadeMask).
func (s *svgDrawer) gradientFill(sh *svg.Shape, m svg.Matrix) {
	f := s.f
	fl := sh.Fill
	g := fl.Paint.Gradient
	gm := m.Mul(g.Transform)
	inv, ok := gm.Invert()
	if !validMatrix(gm) || !ok {
		return
	}
	bounds, ok := sh.Path.Transform(inv.Mul(m)).Bounds()
	if !ok {
		return
	}
	opacity := 0.0
	for _, st := range g.Stops {
		opacity += st.Opacity
	}
	opacity /= float64(len(g.Stops))
	alpha := fl.Opacity * opacity
	if mask := fadeMask(sh); mask != nil {
		// The mask's state is set in the coordinates the mask's content
		// is drawn in, before the transform below. It holds the fill's
		// opacity too (see masked).
		state := s.maskState(mask)
		f.TransformBegin()
		s.enter()
		s.setMask(state)
		alpha = 1
		defer s.leave(f.TransformEnd)
	}
	f.TransformBegin()
	s.enter()
	s.path(sh.Path, m)
	if fl.EvenOdd {
		f.DrawPath("W* n")
	} else {
		f.DrawPath("W n")
	}
	s.setAlpha(alpha)
	// Inside, gofpdf's coordinates are the gradient's, scaled by k so that
	// two decimals stay precise.
	k := gm.Scale()
	f.Transform(s.conjugate(gm.Mul(svg.Matrix{1 / k, 0, 0, 1 / k, 0, 0})))
	box := svg.Rect{X: bounds.X * k, Y: bounds.Y * k, W: bounds.W * k, H: bounds.H * k}
	// A little margin, so the edges of the shape are painted for sure.
	pad := math.Max(box.W, box.H)*0.01 + 1
	box = svg.Rect{X: box.X - pad, Y: box.Y - pad, W: box.W + 2*pad, H: box.H + 2*pad}
	stops := g.Stops
	first, last := stops[0], stops[len(stops)-1]
	if g.Radial && g.Spread == "pad" && len(stops) == 2 && first.Offset == 0 && last.Offset > 0 {
		s.radialGradient(g, box, k)
	} else {
		s.rampGradient(g, box, k)
	}
	s.leave(f.TransformEnd)
}

// fadeMask is the soft mask that gives a gradient fill the opacities of
// its stops, when they differ: the same shape filled with the same
// gradient in greys, each stop as light as it is opaque (times the
// fill's opacity), whose luminosity is the mask. nil when the stops are
// of one opacity.
func fadeMask(sh *svg.Shape) *svg.Mask {
	g := sh.Fill.Paint.Gradient
	varies := false
	for _, st := range g.Stops {
		varies = varies || st.Opacity != g.Stops[0].Opacity
	}
	if !varies {
		return nil
	}
	grey := *g
	grey.Stops = make([]svg.Stop, len(g.Stops))
	for i, st := range g.Stops {
		v := uint8(math.Round(clamp01(st.Opacity*sh.Fill.Opacity) * 255))
		grey.Stops[i] = svg.Stop{Offset: st.Offset, Color: svg.Color{R: v, G: v, B: v}, Opacity: 1}
	}
	fill := &svg.Fill{Paint: svg.Paint{Gradient: &grey}, Opacity: 1, EvenOdd: sh.Fill.EvenOdd}
	return &svg.Mask{Items: []svg.Item{&svg.Shape{Transform: sh.Transform, Path: sh.Path, Fill: fill}}}
}

// maxRepeats bounds how many times a reflected or repeated gradient is
// repeated across a shape; one that would need more (a gradient a
// thousandth of its shape) is padded.
const maxRepeats = 1000

// rampGradient paints box (in gradient space scaled by k) with one
// shading, axial or radial from the focus, whose function is the
// gradient's stops (a ramp, see rampFunction) over offsets 0 to 1,
// extended beyond both ends; reflected and repeated, the offsets run over
// as many whole repeats as cover box.
func (s *svgDrawer) rampGradient(g *svg.Gradient, box svg.Rect, k float64) {
	corners := []svg.Point{{X: box.X, Y: box.Y}, {X: box.X + box.W, Y: box.Y}, {X: box.X, Y: box.Y + box.H}, {X: box.X + box.W, Y: box.Y + box.H}}
	r := ramp{stops: g.Stops, spread: g.Spread, t1: 1}
	var sh shading
	if g.Radial {
		fx, fy, cx, cy, rad := g.FX*k, g.FY*k, g.CX*k, g.CY*k, g.R*k
		if !(rad > 0) {
			// SVG paints a gradient of no radius in its last stop's colour.
			s.fillPolygon([]svg.Point{corners[0], corners[1], corners[3], corners[2]}, g.Stops[len(g.Stops)-1].Color)
			return
		}
		dx, dy := cx-fx, cy-fy
		// A corner q is reached at the t where |q - f - t·d| = t·r; the
		// focus is inside the end circle, so that t is one and positive.
		den := rad*rad - dx*dx - dy*dy
		tMax := 1.0
		for _, q := range corners {
			wx, wy := q.X-fx, q.Y-fy
			wd := wx*dx + wy*dy
			t := (math.Sqrt(wd*wd+den*(wx*wx+wy*wy)) - wd) / den
			tMax = math.Max(tMax, t)
		}
		if r.spread != "pad" && den > 0 && tMax <= maxRepeats {
			r.t1 = math.Ceil(tMax)
		} else {
			r.spread = "pad"
		}
		t := r.t1
		sh = shading{kind: 3, coords: [5]float64{fx, fy, fx + t*dx, fy + t*dy, t * rad}}
	} else {
		x1, y1 := g.X1*k, g.Y1*k
		dx, dy := (g.X2-g.X1)*k, (g.Y2-g.Y1)*k
		l2 := dx*dx + dy*dy
		if !(l2 > 0) {
			// SVG paints a gradient of no length in its last stop's colour.
			s.fillPolygon([]svg.Point{corners[0], corners[1], corners[3], corners[2]}, g.Stops[len(g.Stops)-1].Color)
			return
		}
		tMin, tMax := math.Inf(1), math.Inf(-1)
		for _, c := range corners {
			t := ((c.X-x1)*dx + (c.Y-y1)*dy) / l2
			tMin, tMax = math.Min(tMin, t), math.Max(tMax, t)
		}
		if r.spread != "pad" && tMax-tMin <= maxRepeats {
			r.t0, r.t1 = math.Floor(tMin), math.Ceil(tMax)
		} else {
			r.spread = "pad"
		}
		sh = shading{kind: 2, coords: [5]float64{x1 + r.t0*dx, y1 + r.t0*dy, x1 + r.t1*dx, y1 + r.t1*dy}}
	}
	p := s.p
	p.ramps = append(p.ramps, r)
	sh.ramp = len(p.ramps)
	s.shadeOwn(box, sh)
}

func (s *svgDrawer) fillPolygon(pts []svg.Point, c svg.Color) {
	f := s.f
	s.setFillColor(c)
	for i, pt := range pts {
		if i == 0 {
			f.MoveTo(pt.X, pt.Y)
		} else {
			f.LineTo(pt.X, pt.Y)
		}
	}
	f.ClosePath()
	f.DrawPath("f")
}

// radialGradient paints box with a radial gradient of two stops, the
// first at the focus, by gofpdf's radial shading, which starts at a point.
func (s *svgDrawer) radialGradient(g *svg.Gradient, box svg.Rect, k float64) {
	stops := g.Stops
	first, last := stops[0], stops[len(stops)-1]
	fx, fy, cx, cy, r := g.FX*k, g.FY*k, g.CX*k, g.CY*k, g.R*k
	ex, ey, er := fx+last.Offset*(cx-fx), fy+last.Offset*(cy-fy), last.Offset*r
	// A square shading box, so the circle stays round in its unit square.
	minX := math.Min(box.X, ex-er)
	minY := math.Min(box.Y, ey-er)
	side := math.Max(math.Max(box.X+box.W, ex+er)-minX, math.Max(box.Y+box.H, ey+er)-minY)
	sq := svg.Rect{X: minX, Y: minY, W: side, H: side}
	norm := func(x, y float64) (float64, float64) {
		return (x - sq.X) / sq.W, (sq.Y + sq.H - y) / sq.H
	}
	x1, y1 := norm(fx, fy)
	x2, y2 := norm(ex, ey)
	s.shade(sq, shading{kind: 3, from: first.Color, to: last.Color, coords: [5]float64{x1, y1, x2, y2, er / sq.W}})
}

// shading is a shading the drawer names itself: one of gofpdf's
// two-colour shadings, axial (kind 2, coords x1 y1 x2 y2) or radial
// (kind 3, from the point x1 y1 to the circle about x2 y2 of radius r),
// in the unit square of the box it fills; or, with ramp (p.ramps[ramp-1]),
// one of a gradient's ramp, its coords in the space it is painted in.
type shading struct {
	kind     int
	from, to svg.Color
	coords   [5]float64
	ramp     int
}

// ramp is a gradient's colours as a shading's function (see
// rampFunction): its stops over offsets 0 to 1, spread over the offsets
// t0 to t1.
type ramp struct {
	stops  []svg.Stop
	spread string // pad, reflect or repeat
	t0, t1 float64
}

// shade fills box with a two-colour shading: through gofpdf on the page;
// in a group's template, as gofpdf would write it but named by a shading
// of our own (svgShading), which finish writes (see addShadings).
func (s *svgDrawer) shade(box svg.Rect, sh shading) {
	c := sh.coords
	if s.form == 0 {
		f, a, b := s.f, sh.from, sh.to
		if sh.kind == 2 {
			f.LinearGradient(box.X, box.Y, box.W, box.H, int(a.R), int(a.G), int(a.B),
				int(b.R), int(b.G), int(b.B), c[0], c[1], c[2], c[3])
		} else {
			f.RadialGradient(box.X, box.Y, box.W, box.H, int(a.R), int(a.G), int(a.B),
				int(b.R), int(b.G), int(b.B), c[0], c[1], c[2], c[3], c[4])
		}
		return
	}
	k := s.f.GetConversionRatio()
	_, h := s.f.GetPageSize()
	s.f.RawWriteStr(fmt.Sprintf("q %.2f %.2f %.2f %.2f re W n", box.X*k, (h-box.Y)*k, box.W*k, -box.H*k))
	s.f.RawWriteStr(fmt.Sprintf("%.5f 0 0 %.5f %.5f %.5f cm", box.W*k, box.H*k, box.X*k, (h-(box.Y+box.H))*k))
	s.f.RawWriteStr("/" + string(s.svgShading(sh)) + " sh")
	s.f.RawWriteStr("Q")
}

// shadeOwn fills box with a shading of a ramp, whose coordinates are
// gofpdf's user space, y downwards.
func (s *svgDrawer) shadeOwn(box svg.Rect, sh shading) {
	k := s.f.GetConversionRatio()
	_, h := s.f.GetPageSize()
	s.f.RawWriteStr(fmt.Sprintf("q %.5f 0 0 %.5f 0 %.5f cm", k, -k, h*k))
	s.f.RawWriteStr(fmt.Sprintf("%.4f %.4f %.4f %.4f re W n", box.X, box.Y, box.W, box.H))
	s.f.RawWriteStr("/" + string(s.svgShading(sh)) + " sh")
	s.f.RawWriteStr("Q")
}

// svgShading names sh, numbered in the order first drawn; finish writes
// it and adds it to the pages' resources (see addShadings).
func (s *svgDrawer) svgShading(sh shading) pdffile.Name {
	p := s.p
	n, ok := p.svgShadings[sh]
	if !ok {
		if p.svgShadings == nil {
			p.svgShadings = map[shading]int{}
		}
		n = len(p.svgShadings)
		p.svgShadings[sh] = n
	}
	return svgShading(n)
}

// svgShading names the n-th shading drawn inside groups.
func svgShading(n int) pdffile.Name { return pdffile.Name(fmt.Sprintf("SvgShading%d", n)) }
