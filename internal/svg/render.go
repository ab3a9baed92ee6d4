package svg

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"io"
	"math"
	"net/url"
	"strings"
)

// maxVisits bounds the elements drawn, <use> copies included, so a small
// file of nested references cannot expand into billions of shapes.
const maxVisits = 100_000

// maxDepth bounds nesting through references.
const maxDepth = 64

type renderer struct {
	root     *node
	opts     Options
	ids      map[string]*node
	sheet    styleSheet
	declared map[*node][]declaration
	styles   map[*node]*style // styles computed along the document tree
	d        *Drawing
	noted    map[string]bool
	active   map[*node]bool // references being expanded, against cycles
	visits   int
	depth    int
	nesting  int  // SVG pictures this one is embedded in
	blends   bool // something has a mix-blend-mode
	// contexts are the context paints of the markers and <use>s being
	// drawn, innermost last.
	contexts []contextPaint
	// styleSheets are the texts of the picture's style sheets; faces the
	// fonts it carries (see fontface.go), read when text first needs them.
	styleSheets []string
	faces       map[string][]*embeddedFace
}

// context is what an element inherits besides its style.
type context struct {
	ctm     Matrix
	vp      viewport
	opacity float64 // product of the ancestors' opacity
}

func newRenderer(root *node, opts Options) *renderer {
	r := &renderer{
		root: root, opts: opts,
		ids:      map[string]*node{},
		declared: map[*node][]declaration{},
		styles:   map[*node]*style{},
		d:        &Drawing{},
		noted:    map[string]bool{},
		active:   map[*node]bool{},
	}
	order := 0
	var index func(n *node)
	index = func(n *node) {
		if id := n.attrs["id"]; id != "" {
			if _, dup := r.ids[id]; !dup {
				r.ids[id] = n
			}
		}
		if n.name == "style" {
			t := strings.ToLower(strings.TrimSpace(n.attrs["type"]))
			if t == "" || t == "text/css" {
				var css strings.Builder
				for _, c := range n.children {
					if c.isText {
						css.WriteString(c.text)
					}
				}
				r.styleSheets = append(r.styleSheets, css.String())
				rules := parseStyleSheet(css.String(), order)
				order += len(rules)
				r.sheet.rules = append(r.sheet.rules, rules...)
				if len(r.sheet.rules) > maxRules {
					r.sheet.rules = r.sheet.rules[:maxRules]
				}
			}
		}
		for _, c := range n.children {
			if !c.isText {
				index(c)
			}
		}
	}
	index(root)
	return r
}

func (r *renderer) skip(feature string) {
	if !r.noted[feature] {
		r.noted[feature] = true
		r.d.Skipped = append(r.d.Skipped, feature)
	}
}

func (r *renderer) lose(feature string) {
	if !r.noted[feature] {
		r.noted[feature] = true
		r.d.Lost = append(r.d.Lost, feature)
	}
}

func (r *renderer) decls(n *node) []declaration {
	d, ok := r.declared[n]
	if !ok {
		d = r.sheet.declared(n)
		r.declared[n] = d
	}
	return d
}

// computeStyle is n's style when it inherits from parent.
func (r *renderer) computeStyle(n *node, parent *style, vp viewport) *style {
	s := parent.inherit()
	s.apply(r.decls(n), parent, vp)
	return s
}

// documentStyle is n's style where it stands in the document, for the
// elements drawn by reference whose properties come from their own
// ancestors (markers, clip paths, gradient stops).
func (r *renderer) documentStyle(n *node) *style {
	if s, ok := r.styles[n]; ok {
		return s
	}
	parent := initialStyle()
	if n.parent != nil {
		parent = r.documentStyle(n.parent)
	}
	s := r.computeStyle(n, parent, r.rootViewport())
	r.styles[n] = s
	return s
}

func (r *renderer) rootViewport() viewport { return viewport{r.d.Width, r.d.Height} }

func (r *renderer) run() *Drawing {
	root := r.root
	ctm, vp := r.size()
	s := r.styles[root]
	if !s.display {
		return r.d
	}
	if s.opacity <= 0 {
		return r.d
	}
	ctx := context{ctm: ctm.Mul(r.transformOf(root, vp.w, vp.h, s.fontSize)), vp: vp, opacity: 1}
	// The root's filter, clip path and mask apply as any element's.
	items := r.children(root, s, ctx, nil)
	if s.filter != "" && len(items) > 0 {
		if sh, ok := r.shadowFilter(urlID(s.filter)); ok {
			items = r.filtered(urlID(s.filter), sh, items, ctx)
		} else {
			r.skip(r.filterSkipped(urlID(s.filter)))
		}
	}
	r.d.Items = r.clipped(s, ctx, r.masked(s, ctx, withOpacity(items, s.opacity)))
	if r.blends && len(r.d.Items) > 0 {
		// A browser blends nothing with the page behind the picture.
		r.d.Items = []Item{&Group{Items: r.d.Items, Isolate: true}}
	}
	return r.d
}

// size sets the drawing's size and computes the root's style: the
// transform from the root's user space (its viewBox) to the drawing's,
// and the viewport percentages refer to.
func (r *renderer) size() (ctm Matrix, vp viewport) {
	root := r.root
	vb, hasVB := parseViewBox(root.attr("viewBox"))
	w, h, _ := Size(root.attr("width"), root.attr("height"), root.attr("viewBox"), root.attr("preserveAspectRatio"))
	r.d.Width, r.d.Height = w, h
	ctm = Identity
	vp = viewport{w, h}
	if hasVB {
		ctm = viewBoxTransform(vb, w, h, root.attr("preserveAspectRatio"))
		vp = viewport{vb.W, vb.H}
	}
	r.styles[root] = r.computeStyle(root, initialStyle(), vp)
	return ctm, vp
}

// children draws n's element children.
func (r *renderer) children(n *node, s *style, ctx context, out []Item) []Item {
	for _, c := range n.children {
		if !c.isText {
			out = r.element(c, s, ctx, out)
		}
	}
	return out
}

// element draws one element and what it contains, appending to out.
func (r *renderer) element(n *node, parent *style, ctx context, out []Item) []Item {
	if !drawn[n.name] {
		if n.name == "?foreignObject" {
			r.lose(lostHTML)
		}
		return out
	}
	if !r.languageHolds(n) {
		// A label in another language, as localised pictures carry
		// one for each.
		return out
	}
	if n.name == "foreignObject" && !settableHTML(n) {
		r.lose(lostHTML)
		return out
	}
	r.visits++
	if r.visits > maxVisits {
		r.lose("more than 100000 elements to draw")
		return out
	}
	s := r.computeStyle(n, parent, ctx.vp)
	if !s.display {
		return out
	}
	var sh *shadow
	if s.filter != "" {
		if f, ok := r.shadowFilter(urlID(s.filter)); ok {
			sh = &f
		} else {
			r.skip(r.filterSkipped(urlID(s.filter)))
		}
	}
	ctx.ctm = ctx.ctm.Mul(r.transformOf(n, ctx.vp.w, ctx.vp.h, s.fontSize))
	// What the element draws takes its opacity last (withOpacity), as a
	// browser paints it: ctx.opacity is the product of the opacities
	// below the nearest element whose things are composited.
	if s.opacity <= 0 {
		return out
	}
	switch n.name {
	case "g", "a", "switch", "svg":
		// What is being drawn may not be drawn again inside itself
		// through a <use>.
		if r.active[n] {
			return out
		}
		r.active[n] = true
		defer delete(r.active, n)
	}
	var items []Item
	switch n.name {
	case "g", "a":
		items = r.children(n, s, ctx, nil)
	case "switch":
		items = r.switchChild(n, s, ctx)
	case "svg":
		items = r.nestedSVG(n, n, s, ctx)
	case "use":
		items = r.use(n, s, ctx)
	case "text":
		items = r.text(n, s, ctx)
	case "image":
		items = r.image(n, s, ctx)
	case "foreignObject":
		items = r.foreignObject(n, s, ctx)
	default:
		items = r.shape(n, s, ctx)
	}
	if sh != nil && len(items) > 0 {
		// The filter applies before the clip. Its region is not clipped
		// to, but by a blur: a sharp shadow stays near its element,
		// inside the default region's 10% margin.
		items = r.filtered(urlID(s.filter), *sh, items, ctx)
	}
	items = r.clipped(s, ctx, r.masked(s, ctx, withOpacity(items, s.opacity)))
	return append(out, r.blended(n, s, items)...)
}

// blended wraps what an element draws in a group that blends it with
// what is under it, or isolates what blends inside it, as its
// mix-blend-mode and isolation ask.
func (r *renderer) blended(n *node, s *style, items []Item) []Item {
	if len(items) == 0 {
		return items
	}
	if s.blend != "" {
		r.blends = true
		return []Item{&Group{Items: items, Blend: s.blend}}
	}
	if s.isolate && (n.name == "g" || n.name == "a" || n.name == "svg" || n.name == "use" || n.name == "switch") {
		return []Item{&Group{Items: items, Isolate: true}}
	}
	return items
}

// withOpacity applies an element's opacity to what it draws. Things that
// may overlap (more than one paint: two shapes, or a shape's fill and
// stroke) are composited first, in a Group, so the overlap is no darker
// than the rest, as in a browser; a single paint takes the opacity
// itself, as it is the same and simpler to draw.
func withOpacity(items []Item, o float64) []Item {
	if o >= 1 || len(items) == 0 {
		return items
	}
	if paints(items, 2) > 1 {
		return []Item{&Group{Items: items, Opacity: o}}
	}
	return scaleOpacity(items, o)
}

// paints counts the paints in items that are seen, stopping at limit: a
// composited group is one.
func paints(items []Item, limit int) int {
	n := 0
	for _, it := range items {
		if n >= limit {
			break
		}
		switch it := it.(type) {
		case *Shape:
			if it.Fill != nil && it.Fill.Opacity > 0 {
				n++
			}
			if it.Stroke != nil && it.Stroke.Opacity > 0 && it.Stroke.Width > 0 {
				n++
			}
		case *Text:
			if it.Fill != nil && it.Fill.Opacity > 0 {
				n++
			}
			if it.Stroke != nil && it.Stroke.Opacity > 0 && it.Stroke.Width > 0 {
				n++
			}
		case *Image:
			if it.Opacity > 0 {
				n++
			}
		case *Blur:
			n++
		case *Group:
			if it.Blend != "" {
				// What blends must be composited with what is under
				// it before an opacity applies, as an overlap must.
				n = limit
			} else if it.Opacity > 0 || it.Isolate {
				n++
			} else {
				n += paints(it.Items, limit-n)
			}
		}
	}
	return n
}

// scaleOpacity returns items with their opacity multiplied by o. The
// items are copied, not changed: an item may be shared.
func scaleOpacity(items []Item, o float64) []Item {
	out := make([]Item, len(items))
	for i, it := range items {
		switch it := it.(type) {
		case *Shape:
			c := *it
			if it.Fill != nil {
				f := *it.Fill
				f.Opacity *= o
				c.Fill = &f
			}
			if it.Stroke != nil {
				st := *it.Stroke
				st.Opacity *= o
				c.Stroke = &st
			}
			out[i] = &c
		case *Text:
			c := *it
			if it.Fill != nil {
				f := *it.Fill
				f.Opacity *= o
				c.Fill = &f
			}
			if it.Stroke != nil {
				st := *it.Stroke
				st.Opacity *= o
				c.Stroke = &st
			}
			out[i] = &c
		case *Image:
			c := *it
			c.Opacity *= o
			out[i] = &c
		case *Group:
			c := *it
			if it.Opacity > 0 {
				c.Opacity *= o
			} else {
				c.Items = scaleOpacity(it.Items, o)
			}
			out[i] = &c
		case *Blur:
			c := *it
			if paints(it.Items, 2) > 1 {
				c.Items = []Item{&Group{Items: it.Items, Opacity: o}}
			} else {
				c.Items = scaleOpacity(it.Items, o)
			}
			out[i] = &c
		default:
			out[i] = it
		}
	}
	return out
}

// drawn lists the elements that draw something or contain what does.
var drawn = map[string]bool{
	"g": true, "a": true, "switch": true, "svg": true, "use": true, "text": true, "image": true,
	"path": true, "rect": true, "circle": true, "ellipse": true, "line": true,
	"polyline": true, "polygon": true, "foreignObject": true,
}

// lostHTML is what a picture misses when HTML in a <foreignObject> can
// neither be set nor replaced by an SVG fallback.
const lostHTML = "HTML content (<foreignObject>) without an SVG fallback"

// clipped wraps items in a group clipped by the element's clip-path.
func (r *renderer) clipped(s *style, ctx context, items []Item) []Item {
	if s.clipPath == "" || len(items) == 0 {
		return items
	}
	cp := r.ids[s.clipPath]
	if cp == nil || cp.name != "clipPath" {
		// A reference to nothing: the element is not drawn (SVG 1.1);
		// browsers draw it unclipped, which loses less.
		return items
	}
	if r.active[cp] {
		return items
	}
	r.active[cp] = true
	defer delete(r.active, cp)
	// The clip path's transform is in the user space of the element it
	// clips, around the bounding box's units, as browsers apply it.
	cps := r.documentStyle(cp)
	ctm := ctx.ctm.Mul(r.transformOf(cp, ctx.vp.w, ctx.vp.h, cps.fontSize))
	if strings.TrimSpace(cp.attr("clipPathUnits")) == "objectBoundingBox" {
		bb, ok := itemsBounds(items, ctx.ctm)
		if !ok {
			return nil
		}
		ctm = ctm.Mul(Matrix{bb.W, 0, 0, bb.H, bb.X, bb.Y})
	}
	var shapes []ClipShape
	// A child clipped by a clip path of its own, or text, cannot be a
	// PDF clipping path: the clip path is drawn as a mask instead, each
	// child opaque where it clips.
	var masks []Item
	asMask := false
	for _, c := range cp.elements() {
		cs := r.computeStyle(c, cps, ctx.vp)
		if !cs.display || cs.hidden {
			continue
		}
		m := ctm.Mul(r.transformOf(c, ctx.vp.w, ctx.vp.h, cs.fontSize))
		if d := m.Det(); d == 0 || math.IsNaN(d) || math.IsInf(d, 0) {
			continue // a singular transform clips everything away
		}
		target := c
		if c.name == "use" {
			ref := r.ids[strings.TrimPrefix(c.href(), "#")]
			if ref == nil {
				continue
			}
			x, _ := length(c.attr("x"), ctx.vp.w, cs.fontSize)
			y, _ := length(c.attr("y"), ctx.vp.h, cs.fontSize)
			m = m.Mul(translate(x, y)).Mul(r.transformOf(ref, ctx.vp.w, ctx.vp.h, cs.fontSize))
			target = ref
			cs = r.computeStyle(ref, cs, ctx.vp)
		}
		var opaque []Item
		if target.name == "text" {
			asMask = true
			opaque = opaqueText(r.text(target, cs, context{ctm: m, vp: ctx.vp, opacity: 1}))
		} else if p := r.geometry(target, cs, ctx.vp); len(p) > 0 {
			shapes = append(shapes, ClipShape{Transform: m, Path: p, EvenOdd: cs.clipEvenOdd})
			opaque = []Item{&Shape{Transform: m, Path: p, Fill: &Fill{Paint: Paint{Color: Color{255, 255, 255}}, Opacity: 1, EvenOdd: cs.clipEvenOdd}}}
		}
		if cs.clipPath != "" && len(opaque) > 0 {
			asMask = true
			opaque = r.clipped(&style{clipPath: cs.clipPath}, context{ctm: m, vp: ctx.vp, opacity: 1}, opaque)
		}
		masks = append(masks, opaque...)
	}
	if asMask {
		if len(masks) == 0 {
			return nil
		}
		g := &Group{Mask: &Mask{Alpha: true, Items: masks}, Items: items}
		if inner := cps.clipPath; inner != "" {
			return r.clipped(&style{clipPath: inner}, ctx, []Item{g})
		}
		return []Item{g}
	}
	if len(shapes) == 0 {
		// An empty clip path clips everything away.
		return nil
	}
	g := &Group{Clip: shapes, Items: items}
	// A clip path may itself be clipped.
	if inner := cps.clipPath; inner != "" {
		return r.clipped(&style{clipPath: inner}, ctx, []Item{g})
	}
	return []Item{g}
}

// opaqueText returns text items filled opaque white, whatever their
// paint, as they clip when drawn as a mask.
func opaqueText(items []Item) []Item {
	var out []Item
	for _, it := range items {
		switch it := it.(type) {
		case *Text:
			c := *it
			c.Fill = &Fill{Paint: Paint{Color: Color{255, 255, 255}}, Opacity: 1}
			// a clip is the glyphs' shapes: an outline adds nothing
			c.Stroke = nil
			out = append(out, &c)
		case *Group:
			c := *it
			c.Items = opaqueText(it.Items)
			c.Opacity = 0
			out = append(out, &c)
		}
	}
	return out
}

// masked wraps items in a group masked by the element's mask: the
// <mask>'s content drawn where the element is, clipped to the mask's
// region (by default the element's bounding box and a tenth more on each
// side).
func (r *renderer) masked(s *style, ctx context, items []Item) []Item {
	if s.mask == "" || len(items) == 0 {
		return items
	}
	m := r.ids[s.mask]
	if m == nil || m.name != "mask" || r.active[m] {
		// A reference to nothing, or a mask drawn inside itself: drawn
		// unmasked, as browsers draw a clip path to nothing.
		return items
	}
	r.active[m] = true
	defer delete(r.active, m)
	bboxUnits := strings.TrimSpace(m.attr("maskUnits")) != "userSpaceOnUse"
	contentBBox := strings.TrimSpace(m.attr("maskContentUnits")) == "objectBoundingBox"
	var bb Rect
	if bboxUnits || contentBBox {
		b, ok := itemsBounds(items, ctx.ctm)
		if !ok || b.W <= 0 || b.H <= 0 {
			// No box to measure the mask by: nothing shows.
			return nil
		}
		bb = b
	}
	ms := r.documentStyle(m)
	var region Rect
	if bboxUnits {
		frac := func(name, def string) float64 {
			if !m.has(name) {
				return fraction(def)
			}
			return fraction(m.attr(name))
		}
		region = Rect{bb.X + frac("x", "-10%")*bb.W, bb.Y + frac("y", "-10%")*bb.H, frac("width", "120%") * bb.W, frac("height", "120%") * bb.H}
	} else {
		size := func(name, def string, ref float64) float64 {
			if v, ok := length(m.attr(name), ref, ms.fontSize); ok && m.has(name) {
				return v
			}
			v, _ := length(def, ref, ms.fontSize)
			return v
		}
		region = Rect{size("x", "-10%", ctx.vp.w), size("y", "-10%", ctx.vp.h), size("width", "120%", ctx.vp.w), size("height", "120%", ctx.vp.h)}
	}
	if !(region.W > 0 && region.H > 0) {
		return nil
	}
	inner := ctx
	inner.opacity = 1
	if contentBBox {
		inner.ctm = ctx.ctm.Mul(Matrix{bb.W, 0, 0, bb.H, bb.X, bb.Y})
	}
	content := r.children(m, ms, inner, nil)
	// A <mask> may be masked itself, unless the masks it leads to lead
	// back to one being drawn: the whole cycle is then left out, as
	// resvg leaves it.
	if !r.maskCycle(ms.mask) {
		content = r.masked(ms, ctx, content)
	}
	if len(content) == 0 {
		// A mask that draws nothing hides everything.
		return nil
	}
	clip := &Group{Clip: []ClipShape{{Transform: ctx.ctm, Path: rectPath(region.X, region.Y, region.W, region.H, 0, 0)}}, Items: content}
	mask := &Mask{Alpha: ms.maskAlpha, Items: []Item{clip}}
	if g, ok := items[0].(*Group); ok && len(items) == 1 && g.Opacity > 0 && len(g.Clip) == 0 && g.Mask == nil {
		// The element's opacity over things that overlap: one group
		// composites them for both.
		c := *g
		c.Mask = mask
		return []Item{&c}
	}
	return []Item{&Group{Mask: mask, Items: items}}
}

// maskCycle says whether the mask id, through the masks on the masks it
// leads to, comes back to a mask being drawn.
func (r *renderer) maskCycle(id string) bool {
	seen := map[*node]bool{}
	for id != "" {
		m := r.ids[id]
		if m == nil || m.name != "mask" {
			return false
		}
		if r.active[m] || seen[m] {
			return true
		}
		seen[m] = true
		id = r.documentStyle(m).mask
	}
	return false
}

// switchChild draws the first child whose conditions hold. A
// <foreignObject> holding HTML text is drawn, its text set as runs of
// text; one holding what cannot be set (pictures, forms, other
// vocabularies) is passed over for the SVG fallback that tools write
// after it. A fallback that is only draw.io's notice that the label is
// not SVG is not drawn: it would print in place of every label.
func (r *renderer) switchChild(n *node, s *style, ctx context) []Item {
	sawForeign := false
	for _, c := range n.elements() {
		if c.name == "foreignObject" && r.conditionsHold(c) && settableHTML(c) {
			return r.element(c, s, ctx, nil)
		}
		if c.name == "foreignObject" || strings.HasPrefix(c.name, "?") {
			sawForeign = true
			continue
		}
		if !r.conditionsHold(c) {
			continue
		}
		if genericNotice(c) {
			// The label it stands for is missing, even when cleaning
			// has taken the <foreignObject> away.
			sawForeign = true
			break
		}
		return r.element(c, s, ctx, nil)
	}
	if sawForeign {
		r.lose(lostHTML)
	}
	return nil
}

func (r *renderer) conditionsHold(n *node) bool {
	if v, ok := n.attrs["requiredExtensions"]; ok && strings.TrimSpace(v) != "" {
		return false
	}
	return r.languageHolds(n)
}

// languageHolds says whether an element's systemLanguage, when it has
// one, names the language the picture is read in (Options.Language,
// English when none is given): the same language, or one of its
// regional variants, or its base language.
func (r *renderer) languageHolds(n *node) bool {
	v, ok := n.attrs["systemLanguage"]
	if !ok {
		return true
	}
	lang := strings.ToLower(strings.TrimSpace(r.opts.Language))
	if lang == "" {
		lang = "en"
	}
	base := func(s string) string {
		if i := strings.IndexAny(s, "-_"); i >= 0 {
			return s[:i]
		}
		return s
	}
	for _, l := range strings.Split(v, ",") {
		l = strings.ToLower(strings.TrimSpace(l))
		if l != "" && (l == lang || base(l) == base(lang)) {
			return true
		}
	}
	return false
}

// nestedSVG draws an <svg> inside the picture, or a <symbol> or <svg>
// drawn by a <use> (from): a new viewport with its own viewBox, clipped
// unless its overflow is visible.
func (r *renderer) nestedSVG(n, from *node, s *style, ctx context) []Item {
	fs := s.fontSize
	x, _ := length(n.attr("x"), ctx.vp.w, fs)
	y, _ := length(n.attr("y"), ctx.vp.h, fs)
	w, okW := length(n.attr("width"), ctx.vp.w, fs)
	h, okH := length(n.attr("height"), ctx.vp.h, fs)
	if from != n {
		// The <use> has moved to its own x and y already; the element's
		// own x and y place it from there, its size the <use>'s when set.
		if v, ok := length(from.attr("width"), ctx.vp.w, fs); ok && from.has("width") {
			w, okW = v, true
		}
		if v, ok := length(from.attr("height"), ctx.vp.h, fs); ok && from.has("height") {
			h, okH = v, true
		}
	}
	if !okW {
		w = ctx.vp.w
	}
	if !okH {
		h = ctx.vp.h
	}
	if w <= 0 || h <= 0 {
		return nil
	}
	outer := ctx.ctm
	inner := outer.Mul(translate(x, y))
	vp := viewport{w, h}
	if vb, ok := parseViewBox(n.attr("viewBox")); ok {
		inner = inner.Mul(viewBoxTransform(vb, w, h, n.attr("preserveAspectRatio")))
		vp = viewport{vb.W, vb.H}
	}
	ctx.ctm, ctx.vp = inner, vp
	items := r.children(n, s, ctx, nil)
	if len(items) == 0 || s.overflow == "visible" || s.overflow == "auto" {
		return items
	}
	clip := rectPath(x, y, w, h, 0, 0)
	return []Item{&Group{Clip: []ClipShape{{Transform: outer, Path: clip}}, Items: items}}
}

// use draws a copy of the element it refers to, which inherits from the
// <use>, moved by its x and y.
func (r *renderer) use(n *node, s *style, ctx context) []Item {
	id := strings.TrimPrefix(n.href(), "#")
	ref := r.ids[id]
	if ref == nil || !strings.HasPrefix(n.href(), "#") {
		return nil
	}
	for p := n; p != nil; p = p.parent {
		if p == ref {
			return nil // a use inside what it copies
		}
	}
	if r.active[ref] || r.depth >= maxDepth {
		return nil // a cycle of references, which draws nothing
	}
	r.depth++
	defer func() { r.depth-- }()
	x, _ := length(n.attr("x"), ctx.vp.w, s.fontSize)
	y, _ := length(n.attr("y"), ctx.vp.h, s.fontSize)
	ctx.ctm = ctx.ctm.Mul(translate(x, y))
	switch ref.name {
	case "symbol", "svg":
		rs := r.computeStyle(ref, s, ctx.vp)
		if !rs.display {
			return nil
		}
		r.active[ref] = true
		defer delete(r.active, ref)
		return r.withContext(s, nil, func() []Item {
			return r.clipped(rs, ctx, r.masked(rs, ctx, withOpacity(r.nestedSVG(ref, n, rs, ctx), rs.opacity)))
		})
	}
	// Containers mark themselves as being drawn, against cycles.
	return r.withContext(s, nil, func() []Item { return r.element(ref, s, ctx, nil) })
}

// shape draws a basic shape or path, then its markers.
func (r *renderer) shape(n *node, s *style, ctx context) []Item {
	p := r.geometry(n, s, ctx.vp)
	if len(p) == 0 || s.hidden {
		return nil
	}
	var fills []Item
	sh := &Shape{Transform: ctx.ctm, Path: p}
	var bbox *Rect
	bounds := func() (Rect, bool) {
		if bbox == nil {
			b, ok := p.Bounds()
			if !ok {
				return Rect{}, false
			}
			bbox = &b
		}
		return *bbox, true
	}
	// A line encloses nothing to fill.
	if n.name != "line" {
		if tiles, ok := r.patternFill(p, r.contextFill(s), ctx); ok {
			fills = tiles
		} else if paint, alpha, ok := r.paint(s.fill, s, bounds); ok {
			sh.Fill = &Fill{Paint: paint, Opacity: s.fillOpacity * alpha * ctx.opacity, EvenOdd: s.fillEvenOdd}
		}
	}
	if s.strokeWidth > 0 {
		sh.Stroke = r.stroke(s, ctx, bounds)
	}
	var markers []Item
	switch n.name {
	case "path", "line", "polyline", "polygon":
		markers = r.withContext(s, bounds, func() []Item { return r.markers(p, s, ctx) })
	}
	var strokes []Item
	if sh.Stroke != nil {
		st := *sh
		st.Fill = nil
		strokes = []Item{&st}
		sh.Stroke = nil
	}
	if sh.Fill != nil {
		fills = append(fills, sh)
	}
	// paint-order: fill, stroke and markers in the order it names, the
	// ones it leaves out after in that order. A fill and the stroke
	// after it are one shape.
	var items []Item
	var prev string
	for _, part := range paintOrder(s.paintOrder) {
		switch part {
		case "fill":
			items = append(items, fills...)
		case "stroke":
			if prev == "fill" && len(strokes) == 1 && len(fills) > 0 {
				if f, ok := items[len(items)-1].(*Shape); ok && f == sh {
					both := *sh
					both.Stroke = strokes[0].(*Shape).Stroke
					items[len(items)-1] = &both
					break
				}
			}
			items = append(items, strokes...)
		case "markers":
			items = append(items, markers...)
		}
		prev = part
	}
	return items
}

// paintOrder lists fill, stroke and markers in the order a paint-order
// value paints them.
func paintOrder(v string) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range strings.Fields(strings.ToLower(v)) {
		if (f == "fill" || f == "stroke" || f == "markers") && !seen[f] {
			out = append(out, f)
			seen[f] = true
		}
	}
	for _, f := range []string{"fill", "stroke", "markers"} {
		if !seen[f] {
			out = append(out, f)
		}
	}
	return out
}

// geometry returns the outline of a shape element in its user space.
func (r *renderer) geometry(n *node, s *style, vp viewport) Path {
	fs := s.fontSize
	num := func(name string, ref float64) float64 {
		v, _ := length(n.attr(name), ref, fs)
		return v
	}
	switch n.name {
	case "path":
		p, err := parsePathData(n.attr("d"))
		if err != nil && len(p) == 0 {
			return nil
		}
		return p
	case "rect":
		x, y := num("x", vp.w), num("y", vp.h)
		w, h := num("width", vp.w), num("height", vp.h)
		if w <= 0 || h <= 0 {
			return nil
		}
		rx, okX := length(n.attr("rx"), vp.w, fs)
		ry, okY := length(n.attr("ry"), vp.h, fs)
		okX, okY = okX && rx >= 0, okY && ry >= 0
		switch {
		case okX && !okY:
			ry = rx
		case okY && !okX:
			rx = ry
		case !okX && !okY:
			rx, ry = 0, 0
		}
		return rectPath(x, y, w, h, math.Min(rx, w/2), math.Min(ry, h/2))
	case "circle":
		rad := num("r", vp.diagonal())
		if rad <= 0 {
			return nil
		}
		return ellipsePath(num("cx", vp.w), num("cy", vp.h), rad, rad)
	case "ellipse":
		rx, okX := length(n.attr("rx"), vp.w, fs)
		ry, okY := length(n.attr("ry"), vp.h, fs)
		if !okX || n.attr("rx") == "auto" {
			rx, okX = ry, okY
		}
		if !okY || n.attr("ry") == "auto" {
			ry, okY = rx, okX
		}
		if !okX || !okY || rx <= 0 || ry <= 0 {
			return nil
		}
		return ellipsePath(num("cx", vp.w), num("cy", vp.h), rx, ry)
	case "line":
		return Path{
			{Op: MoveTo, Pts: [3]Point{{num("x1", vp.w), num("y1", vp.h)}}},
			{Op: LineTo, Pts: [3]Point{{num("x2", vp.w), num("y2", vp.h)}}},
		}
	case "polyline", "polygon":
		v := numbers(n.attr("points"))
		if len(v) < 2 {
			return nil
		}
		var p Path
		for i := 0; i+1 < len(v); i += 2 {
			op := LineTo
			if i == 0 {
				op = MoveTo
			}
			p = append(p, Seg{Op: op, Pts: [3]Point{{v[i], v[i+1]}}})
		}
		if n.name == "polygon" {
			p = append(p, Seg{Op: Close})
		}
		return p
	}
	return nil
}

// kappa places the control points of a cubic Bézier quarter circle.
const kappa = 0.5522847498307936

func ellipsePath(cx, cy, rx, ry float64) Path {
	kx, ky := rx*kappa, ry*kappa
	return Path{
		{Op: MoveTo, Pts: [3]Point{{cx + rx, cy}}},
		{Op: CubicTo, Pts: [3]Point{{cx + rx, cy + ky}, {cx + kx, cy + ry}, {cx, cy + ry}}},
		{Op: CubicTo, Pts: [3]Point{{cx - kx, cy + ry}, {cx - rx, cy + ky}, {cx - rx, cy}}},
		{Op: CubicTo, Pts: [3]Point{{cx - rx, cy - ky}, {cx - kx, cy - ry}, {cx, cy - ry}}},
		{Op: CubicTo, Pts: [3]Point{{cx + kx, cy - ry}, {cx + rx, cy - ky}, {cx + rx, cy}}},
		{Op: Close},
	}
}

func rectPath(x, y, w, h, rx, ry float64) Path {
	if rx <= 0 || ry <= 0 {
		return Path{
			{Op: MoveTo, Pts: [3]Point{{x, y}}},
			{Op: LineTo, Pts: [3]Point{{x + w, y}}},
			{Op: LineTo, Pts: [3]Point{{x + w, y + h}}},
			{Op: LineTo, Pts: [3]Point{{x, y + h}}},
			{Op: Close},
		}
	}
	kx, ky := rx*kappa, ry*kappa
	r, b := x+w, y+h
	return Path{
		{Op: MoveTo, Pts: [3]Point{{x + rx, y}}},
		{Op: LineTo, Pts: [3]Point{{r - rx, y}}},
		{Op: CubicTo, Pts: [3]Point{{r - rx + kx, y}, {r, y + ry - ky}, {r, y + ry}}},
		{Op: LineTo, Pts: [3]Point{{r, b - ry}}},
		{Op: CubicTo, Pts: [3]Point{{r, b - ry + ky}, {r - rx + kx, b}, {r - rx, b}}},
		{Op: LineTo, Pts: [3]Point{{x + rx, b}}},
		{Op: CubicTo, Pts: [3]Point{{x + rx - kx, b}, {x, b - ry + ky}, {x, b - ry}}},
		{Op: LineTo, Pts: [3]Point{{x, y + ry}}},
		{Op: CubicTo, Pts: [3]Point{{x, y + ry - ky}, {x + rx - kx, y}, {x + rx, y}}},
		{Op: Close},
	}
}

// image draws an <image> holding an embedded raster picture, or an
// embedded SVG picture, drawn as vectors. Other references were removed
// when the SVG was cleaned, as nothing outside the picture may be
// fetched.
func (r *renderer) image(n *node, s *style, ctx context) []Item {
	if s.hidden {
		return nil
	}
	href := n.href()
	mediaType, data, ok := decodeDataURL(href)
	if !ok {
		if href != "" {
			r.skip("images that are not embedded PNG, JPEG, GIF or SVG data (<image>)")
		}
		return nil
	}
	fs := s.fontSize
	x, _ := length(n.attr("x"), ctx.vp.w, fs)
	y, _ := length(n.attr("y"), ctx.vp.h, fs)
	w, okW := length(n.attr("width"), ctx.vp.w, fs)
	h, okH := length(n.attr("height"), ctx.vp.h, fs)
	if mediaType == svgMediaType {
		return r.svgImage(n, data, Rect{x, y, w, h}, okW && w > 0, okH && h > 0, ctx)
	}
	if !okW || !okH || w <= 0 || h <= 0 {
		// Sizing an image by its own pixels would need decoding it here.
		r.skip("images without a width and height (<image>)")
		return nil
	}
	return []Item{&Image{Transform: ctx.ctm, X: x, Y: y, W: w, H: h, MediaType: mediaType, Data: data,
		Opacity: ctx.opacity, Aspect: n.attr("preserveAspectRatio")}}
}

// svgMediaType is SVG's media type, as decodeDataURL gives it.
const svgMediaType = "image/svg+xml"

// maxEmbedding bounds SVG pictures embedded in SVG pictures.
const maxEmbedding = 4

// svgImage draws an SVG picture embedded in an <image> (draw.io embeds
// its icons so) as vectors, its text as text: the picture's viewBox (or
// its own size) fitted into the image's box as the image's
// preserveAspectRatio asks, which overrides the picture's own, and
// clipped to the box. A side the image does not give is the picture's
// own, or follows its proportions. The embedded picture is a document of
// its own: its ids and style sheets do not reach the outer one.
func (r *renderer) svgImage(n *node, data []byte, box Rect, hasW, hasH bool, ctx context) []Item {
	if r.nesting >= maxEmbedding {
		r.skip("SVG pictures nested too deep (<image>)")
		return nil
	}
	t, err := ParseTree(data)
	if err != nil || t.root.name != "svg" {
		r.skip("embedded SVG pictures that cannot be read (<image>)")
		return nil
	}
	inner := newRenderer(t.root, r.opts)
	inner.nesting = r.nesting + 1
	// One budget for the outer picture and all it embeds, so that an image
	// used many times cannot multiply the work.
	inner.visits = r.visits
	d := inner.run()
	r.visits = inner.visits
	for _, f := range d.Skipped {
		r.skip(f)
	}
	for _, f := range d.Lost {
		r.lose(f)
	}
	if !(d.Width > 0 && d.Height > 0) || len(d.Items) == 0 {
		return nil
	}
	// The picture's user space: its viewBox, mapped by the renderer into
	// its own size; without one, its size.
	vb := Rect{0, 0, d.Width, d.Height}
	own := Identity
	if v, ok := parseViewBox(t.root.attr("viewBox")); ok {
		vb = v
		own = viewBoxTransform(vb, d.Width, d.Height, t.root.attr("preserveAspectRatio"))
	}
	back, ok := own.Invert()
	if !ok {
		return nil
	}
	switch {
	case !hasW && !hasH:
		box.W, box.H = d.Width, d.Height
	case !hasW:
		box.W = box.H * vb.W / vb.H
	case !hasH:
		box.H = box.W * vb.H / vb.W
	}
	if !(box.W > 0 && box.H > 0) || !finite(box.W, box.H) {
		return nil
	}
	place := ctx.ctm.Mul(Matrix{1, 0, 0, 1, box.X, box.Y}).
		Mul(viewBoxTransform(vb, box.W, box.H, n.attr("preserveAspectRatio"))).Mul(back)
	g := &Group{
		Items: placeItems(d.Items, place),
		Clip:  []ClipShape{{Transform: ctx.ctm, Path: rectPath(box.X, box.Y, box.W, box.H, 0, 0)}},
	}
	if ctx.opacity < 1 {
		// An image is composited whole, then painted at its opacity.
		g.Opacity = ctx.opacity
	}
	return []Item{g}
}

// placeItems is a copy of items moved by m, a transform of the drawing's
// space, with everything a group carries (clips, masks, blends).
func placeItems(items []Item, m Matrix) []Item {
	out := make([]Item, 0, len(items))
	for _, it := range items {
		switch it := it.(type) {
		case *Group:
			c := *it
			c.Items = placeItems(it.Items, m)
			c.Clip = nil
			for _, cs := range it.Clip {
				cs.Transform = m.Mul(cs.Transform)
				c.Clip = append(c.Clip, cs)
			}
			if it.Mask != nil {
				c.Mask = &Mask{Alpha: it.Mask.Alpha, Items: placeItems(it.Mask.Items, m)}
			}
			out = append(out, &c)
		default:
			out = append(out, transformItems([]Item{it}, m)...)
		}
	}
	return out
}

// dataURL splits a data: URL into its header (its media type and
// parameters, in lower case) and its bytes, base64 (padded or not; spaces
// and the backslashes of CSS's line continuations left out) or
// percent-encoded.
func dataURL(u string) (header string, data []byte, ok bool) {
	if !strings.HasPrefix(strings.ToLower(u), "data:") {
		return "", nil, false
	}
	comma := strings.IndexByte(u, ',')
	if comma < 0 {
		return "", nil, false
	}
	header, payload := strings.ToLower(u[5:comma]), u[comma+1:]
	if strings.HasSuffix(header, ";base64") {
		clean := strings.Map(func(r rune) rune {
			if r == ' ' || r == '\n' || r == '\r' || r == '\t' || r == '\\' {
				return -1
			}
			return r
		}, payload)
		b, err := base64.StdEncoding.DecodeString(clean)
		if err != nil {
			b, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(clean, "="))
		}
		return header, b, err == nil
	}
	s, err := url.PathUnescape(payload)
	return header, []byte(s), err == nil
}

// decodeDataURL reads a data: URL of a PNG, JPEG, GIF or SVG picture
// (gzipped or not). One that names no media type, or one no one uses
// (image/jpg), is known by its bytes, as browsers know it.
func decodeDataURL(href string) (mediaType string, data []byte, ok bool) {
	header, data, ok := dataURL(href)
	if !ok {
		return "", nil, false
	}
	mediaType = strings.TrimSpace(strings.Split(header, ";")[0])
	switch mediaType {
	case "image/png", "image/jpeg", "image/jpg", "image/gif", svgMediaType, "":
	default:
		return "", nil, false
	}
	if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
		// svgz
		z, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return "", nil, false
		}
		data, err = io.ReadAll(io.LimitReader(z, maxEmbedded+1))
		if err != nil || len(data) > maxEmbedded {
			return "", nil, false
		}
		mediaType = svgMediaType
	}
	if sniffed := sniffPicture(data); sniffed != "" {
		mediaType = sniffed
	}
	if mediaType == "" || mediaType == "image/jpg" {
		return "", nil, false
	}
	return mediaType, data, true
}

// maxEmbedded bounds a gzipped picture's size unpacked.
const maxEmbedded = 16 << 20

// sniffPicture knows a picture by its first bytes; "" when they say
// nothing.
func sniffPicture(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	case bytes.HasPrefix(b, []byte{0xff, 0xd8, 0xff}):
		return "image/jpeg"
	case bytes.HasPrefix(b, []byte("GIF87a")) || bytes.HasPrefix(b, []byte("GIF89a")):
		return "image/gif"
	}
	t := bytes.TrimLeft(b, " \t\r\n\ufeff")
	if bytes.HasPrefix(t, []byte("<")) && bytes.Contains(b[:min(len(b), 4096)], []byte("<svg")) {
		return svgMediaType
	}
	return ""
}

// itemsBounds is the bounding box of items in the space that inv(ctm)
// maps the drawing's space to: the user space of the element they draw.
func itemsBounds(items []Item, ctm Matrix) (Rect, bool) {
	inv, ok := ctm.Invert()
	if !ok {
		return Rect{}, false
	}
	var all Path
	var walk func([]Item)
	walk = func(items []Item) {
		for _, it := range items {
			switch it := it.(type) {
			case *Shape:
				all = append(all, it.Path.Transform(inv.Mul(it.Transform))...)
			case *Text:
				m := inv.Mul(it.Transform)
				all = append(all, rectPath(it.X, it.Y-it.Size*0.8, it.Width, it.Size, 0, 0).Transform(m)...)
			case *Image:
				all = append(all, rectPath(it.X, it.Y, it.W, it.H, 0, 0).Transform(inv.Mul(it.Transform))...)
			case *Group:
				walk(it.Items)
			}
		}
	}
	walk(items)
	return all.Bounds()
}

// stroke is the outline style s gives a shape or a text, nil when its
// paint draws nothing; a gradient is drawn in a flat colour, with a
// warning.
func (r *renderer) stroke(s *style, ctx context, bounds func() (Rect, bool)) *Stroke {
	paint, alpha, ok := r.paint(s.stroke, s, bounds)
	if !ok {
		return nil
	}
	if paint.Gradient != nil {
		r.skip("gradient strokes, drawn in a flat colour")
		paint.Gradient = nil
	}
	return &Stroke{
		Paint: paint, Opacity: s.strokeOpacity * alpha * ctx.opacity,
		Width: s.strokeWidth, Dash: s.dash, DashOffset: s.dashOffset,
		Cap: s.lineCap, Join: s.lineJoin, MiterLimit: s.miterLimit,
	}
}
