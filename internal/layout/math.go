package layout

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/texmath"
)

// Formulas are set as TeX sets them, in essence (The TeXbook, appendix
// G): atoms spaced by their classes, scripts smaller and shifted,
// fractions stacked about the axis, radicals and big operators drawn to
// the size of what they hold. The fonts are the text's (letters in its
// italic, the rest upright), with what it lacks from the fallback fonts;
// the metrics give advances alone, so the heights of glyphs are those of
// a typical book face (glyphExtent). The constants are Computer Modern's
// font parameters, in ems.
const (
	mathAxis      = 0.25  // the axis, where fractions' rules and operators centre
	mathRule      = 0.04  // rule thickness, θ
	mathXHeight   = 0.431 // x-height
	mathNullDelim = 0.12  // space on each side of a fraction
	mathScriptGap = 0.05  // space after a script
	mathSup1      = 0.413 // superscript shift in display style
	mathSup2      = 0.363 // in text style
	mathSup3      = 0.289 // cramped
	mathSub1      = 0.15  // subscript shift alone
	mathSub2      = 0.247 // with a superscript
	mathSupDrop   = 0.386 // of script size: below the top of a box
	mathSubDrop   = 0.05
	mathNum1      = 0.677 // numerator shift, display
	mathNum2      = 0.394 // text
	mathDenom1    = 0.686
	mathDenom2    = 0.345
)

// drawing is ink set in a line as one unbreakable box: its items placed
// from the box's left end on the baseline (y down), w wide, reaching h
// above the baseline and d below. A formula is one; the line makes room
// for its height as for a picture's.
type drawing struct {
	w, h, d float64
	items   []Item
}

// place is the drawing's items set with its left end at (x, y), scaled
// by s (1: as set); each is a copy, belonging to an element of its own
// (a formula, its TeX tex) that the galley makes a kid of the paragraph.
func (dr *drawing) place(x, y, s float64, tex string) []Item {
	out := make([]Item, 0, len(dr.items))
	el := &Elem{Role: RoleFormula, Alt: tex}
	for _, it := range dr.items {
		switch it := it.(type) {
		case *Text:
			t := *it
			t.X, t.Y, t.Size = x+it.X*s, y+it.Y*s, it.Size*s
			t.Elem = el
			if s != 1 && len(it.Kerns) > 0 {
				t.Kerns = make([]Kern, len(it.Kerns))
				for i, k := range it.Kerns {
					t.Kerns[i] = Kern{At: k.At, Dx: k.Dx * s}
				}
			}
			out = append(out, &t)
		case *Rule:
			r := *it
			r.X1, r.Y1, r.X2, r.Y2, r.Width = x+it.X1*s, y+it.Y1*s, x+it.X2*s, y+it.Y2*s, it.Width*s
			r.Elem = el
			out = append(out, &r)
		}
	}
	return out
}

// mbox is a box being built: its items relative to its left end on its
// baseline.
type mbox struct {
	w, h, d float64
	items   []Item
	// italic is the italic correction of a box that ends in an italic
	// letter: a superscript after it is moved right by it.
	italic float64
	// char: the box is one character, whose scripts TeX places from the
	// baseline, not from the box's top and bottom.
	char bool
}

// add places b in out with its left end at (x, y).
func (out *mbox) add(b mbox, x, y float64) {
	shiftItems(b.items, x, y)
	out.items = append(out.items, b.items...)
	out.h = math.Max(out.h, b.h-y)
	out.d = math.Max(out.d, b.d+y)
}

// mathSetter sets one formula in the style of the text around it.
type mathSetter struct {
	e    *engine
	base style
	// xh and axis are the text face's x-height and math axis (the
	// middle of its plus sign), in ems; k is its x-height over Computer
	// Modern's, which TeX's shifts are scaled by.
	xh, axis, k float64
	// middle is how tall a \middle's delimiter is set, in points, while
	// the fences around it are (0: its glyph's size, when measuring)
	middle float64
}

// mathStyle is a TeX style and whether it is cramped (exponents lower).
type mathStyle struct {
	level   texmath.Style
	cramped bool
}

func (s mathStyle) scale() float64 {
	switch s.level {
	case texmath.StyleScript:
		return 0.7
	case texmath.StyleScriptScript:
		return 0.5
	}
	return 1
}

// script is the style of a script in s; sub makes it cramped.
func (s mathStyle) script(cramped bool) mathStyle {
	n := s
	switch s.level {
	case texmath.StyleDisplay, texmath.StyleText:
		n.level = texmath.StyleScript
	default:
		n.level = texmath.StyleScriptScript
	}
	n.cramped = s.cramped || cramped
	return n
}

// fraction is the style of a fraction's parts in s.
func (s mathStyle) fraction(den bool) mathStyle {
	n := s
	switch s.level {
	case texmath.StyleDisplay:
		n.level = texmath.StyleText
	case texmath.StyleText:
		n.level = texmath.StyleScript
	default:
		n.level = texmath.StyleScriptScript
	}
	n.cramped = s.cramped || den
	return n
}

// mathKey is a formula in a style: the layout sets a paragraph again on
// each of its passes, and a formula comes out the same each time.
type mathKey struct {
	m    *doc.Math
	size float64
	fam  fonts.Family
	gray float64
	lang string
	// width is the measure a tagged display is set in
	width float64
}

// mathDrawing sets m in st's type.
func (e *engine) mathDrawing(m *doc.Math, st style) *drawing {
	k := mathKey{m, st.size, st.face.Family, st.gray, st.lang, 0}
	if m.Display && m.Tree.Tag != "" {
		k.width = e.displayWidth
	}
	if dr, ok := e.formulas[k]; ok {
		return dr
	}
	dr := e.setFormula(m, st, k.width)
	if e.formulas == nil {
		e.formulas = map[mathKey]*drawing{}
	}
	e.formulas[k] = dr
	return dr
}

// setFormula sets m in st's type; a tagged display formula, as wide as
// width when it is more than 0, with its tag flush right.
func (e *engine) setFormula(m *doc.Math, st style, width float64) *drawing {
	ms := &mathSetter{e: e, base: st, xh: mathXHeight, axis: mathAxis, k: 1}
	if _, ok := e.m.(BoundsMetrics); ok {
		roman := ms.face(fonts.Regular)
		if h, _ := ms.extent(roman, 'x'); h > 0.3 && h < 0.7 {
			ms.xh = h
			ms.k = h / mathXHeight
		}
		if h, d := ms.extent(roman, '+'); h > 0.1 && h < 0.8 {
			ms.axis = (h - d) / 2
		}
	}
	level := texmath.StyleText
	if m.Display {
		level = texmath.StyleDisplay
	}
	b := ms.node(m.Tree, mathStyle{level: level})
	if m.Tree.Tag != "" {
		b = ms.tagged(b, m.Tree.Tag, width)
	}
	return &drawing{w: b.w, h: b.h, d: b.d, items: b.items}
}

// tagged is a formula with its tag: centred in width with the tag flush
// right, as TeX sets an equation's number, when they fit with a quad
// between; else the tag a quad after it.
func (ms *mathSetter) tagged(b mbox, tag string, width float64) mbox {
	size := ms.base.size
	t := ms.glyphs(tag, ms.face(fonts.Regular), size)
	out := mbox{}
	if width > 0 && b.w+2*(t.w+size) <= width {
		out.add(b, (width-b.w)/2, 0)
		out.add(t, width-t.w, 0)
		out.w = width
		return out
	}
	out.add(b, 0, 0)
	out.add(t, b.w+size, 0)
	out.w = b.w + size + t.w
	return out
}

func (ms *mathSetter) size(s mathStyle) float64 { return ms.base.size * s.scale() }

// glyphs sets text in face at size as one box.
func (ms *mathSetter) glyphs(text string, face fonts.Face, size float64) mbox {
	st := ms.base
	st.face, st.size, st.raise = face, size, 0
	// no ligatures: each letter of a formula is a symbol
	st.urlish = true
	items, w := ms.e.plainRuns(text, st, 0)
	b := mbox{w: w, items: items}
	for _, it := range items {
		t, ok := it.(*Text)
		if !ok {
			continue
		}
		for _, r := range t.Text {
			h, d := ms.extent(t.Face, r)
			b.h, b.d = math.Max(b.h, h*size), math.Max(b.d, d*size)
		}
	}
	b.char = utf8.RuneCountInString(text) == 1
	return b
}

// faceRune is a character in a face.
type faceRune struct {
	f fonts.Face
	r rune
}

// extent is how far r reaches above and below the baseline in face f, in
// ems: as the font draws it when the metrics can tell.
func (ms *mathSetter) extent(f fonts.Face, r rune) (h, d float64) {
	bm, ok := ms.e.m.(BoundsMetrics)
	if !ok {
		return glyphExtent(r)
	}
	k := faceRune{f, r}
	if v, ok := ms.e.glyphBounds[k]; ok {
		return v[0], v[1]
	}
	h, d, ok = bm.Bounds(f, r)
	if !ok {
		h, d = glyphExtent(r)
	}
	// a box reaches at least to the baseline
	h, d = math.Max(h, 0), math.Max(d, 0)
	if ms.e.glyphBounds == nil {
		ms.e.glyphBounds = map[faceRune][2]float64{}
	}
	ms.e.glyphBounds[k] = [2]float64{h, d}
	return h, d
}

// glyphExtent is how far a character of a book face reaches above and
// below the baseline, in ems: the metrics give no glyph's height.
func glyphExtent(r rune) (h, d float64) {
	switch {
	case r >= '0' && r <= '9':
		return 0.66, 0
	case r >= 'a' && r <= 'z':
		h = 0.45
		if strings.ContainsRune("bdfhklt", r) {
			h = 0.7
		}
		if strings.ContainsRune("i", r) {
			h = 0.67
		}
		if strings.ContainsRune("gjpqyf", r) {
			d = 0.2
		}
		return h, d
	case r >= 'A' && r <= 'Z', r >= 'Α' && r <= 'Ω':
		return 0.68, 0
	case r >= 'α' && r <= 'ω' || r == 'ϕ' || r == 'ϵ' || r == 'ϑ' || r == 'ϱ' || r == 'ϖ':
		h = 0.45
		if strings.ContainsRune("βδζθλξϑ", r) {
			h = 0.7
		}
		if strings.ContainsRune("βγζημξρςφχψϕϱ", r) {
			d = 0.2
		}
		return h, d
	}
	switch r {
	case '(', ')', '[', ']', '{', '}', '|', '‖', '⟨', '⟩', '⌊', '⌋', '⌈', '⌉', '/', '\\':
		return 0.75, 0.25
	case '∑', '∏', '∐', '∫', '∬', '∭', '∮', '⋃', '⋂', '⨁', '⨂', '⋁', '⋀', '⨆', '⨀', '⨄':
		return 0.75, 0.25
	case ',', ';':
		return 0.45, 0.2
	case '.', '…':
		return 0.1, 0
	case '⋯', '−', '+', '=', '±', '∓', '×', '÷', '⋅', '∗', '∘', '∙', '<', '>', '≤', '≥', '≠', '≈', '∼', '≃', '≅', '≡', '∝', '→', '←', '↦', '⇒', '⇐', '⇔', '↔', '⟶', '⟹', '⟺', '∈', '∉', '∋', '⊂', '⊆', '⊃', '⊇', '∪', '∩', '∧', '∨', '⊕', '⊗', '⊙':
		return 0.58, 0.08
	case '′', '″', '‴', 'ˆ', '˜', '˙', '¨', 'ˇ', '˘', '´', '`', '˚':
		return 0.75, 0
	case ' ', '\u00a0':
		return 0, 0
	}
	if unicode.IsLower(r) {
		return 0.45, 0
	}
	return 0.7, 0
}

// face is the text's face in style s.
func (ms *mathSetter) face(s fonts.Style) fonts.Face {
	return fonts.Face{Family: ms.base.face.Family, Style: s}
}

// variantFace is the face and text of text in variant v; italic is the
// face of letters when v is the default.
func (ms *mathSetter) variantFace(text string, v texmath.Variant, italic bool) (string, fonts.Face) {
	if t, ok := texmath.Letters(text, v); ok {
		return t, ms.face(fonts.Regular)
	}
	switch v {
	case texmath.VariantNormal:
		return text, ms.face(fonts.Regular)
	case texmath.VariantItalic:
		return text, ms.face(fonts.Italic)
	case texmath.VariantBold:
		return text, ms.face(fonts.Bold)
	case texmath.VariantBoldItalic:
		return text, ms.face(fonts.BoldItalic)
	case texmath.VariantSans:
		// the book has no sans-serif face: upright
		return text, ms.face(fonts.Regular)
	case texmath.VariantMono:
		return text, fonts.Face{Family: fonts.Mono, Style: fonts.Regular}
	}
	if italic {
		return text, ms.face(fonts.Italic)
	}
	return text, ms.face(fonts.Regular)
}

// node sets n in style s.
func (ms *mathSetter) node(n *texmath.Node, s mathStyle) mbox {
	size := ms.size(s)
	switch n.Kind {
	case texmath.Row:
		return ms.row(n.Children, s)
	case texmath.Ident:
		italic := len([]rune(n.Text)) == 1
		t, f := ms.variantFace(n.Text, n.Variant, italic)
		b := ms.glyphs(t, f, size)
		if f.Style == fonts.Italic || f.Style == fonts.BoldItalic {
			b.italic = 0.06 * size
		}
		return b
	case texmath.Number:
		t, f := ms.variantFace(n.Text, n.Variant, false)
		return ms.glyphs(t, f, size)
	case texmath.Text:
		t, f := ms.variantFace(n.Text, n.Variant, false)
		b := ms.glyphs(t, f, size)
		b.char = false
		return b
	case texmath.Op:
		return ms.op(n, s)
	case texmath.Space:
		return mbox{w: n.Width * size}
	case texmath.Frac:
		return ms.frac(n, s)
	case texmath.Sqrt:
		return ms.sqrt(n, s)
	case texmath.Scripts:
		return ms.scripts(n, s)
	case texmath.Accent:
		return ms.accent(n, s)
	case texmath.Fenced:
		return ms.fenced(n, s)
	case texmath.Styled:
		t := s
		if n.Style != texmath.StyleAuto {
			t.level = n.Style
		}
		b := ms.node(n.Children[0], t)
		if n.Phantom {
			// its room, nothing drawn
			b.items = nil
		}
		return b
	case texmath.Over:
		return ms.over(n, s)
	case texmath.Table:
		return ms.table(n, s)
	}
	return mbox{}
}

// spacing is TeX's table of the space between atoms by their classes
// (The TeXbook, chapter 18): 0 none, 1 a thin space, 2 a medium one, 3 a
// thick one; negative is the same but not in script styles.
var spacing = [8][8]int8{
	//        ord op bin rel open close punct inner
	/*ord*/ {0, 1, -2, -3, 0, 0, 0, -1},
	/*op*/ {1, 1, 0, -3, 0, 0, 0, -1},
	/*bin*/ {-2, -2, 0, 0, -2, 0, 0, -2},
	/*rel*/ {-3, -3, 0, 0, -3, 0, 0, -3},
	/*open*/ {0, 0, 0, 0, 0, 0, 0, 0},
	/*close*/ {0, 1, -2, -3, 0, 0, 0, -1},
	/*punct*/ {-1, -1, 0, -1, -1, -1, -1, -1},
	/*inner*/ {-1, 1, -2, -3, -1, 0, -1, -1},
}

// space is the space between atoms of classes a and b in style s, in
// points.
func (ms *mathSetter) space(a, b texmath.Class, s mathStyle) float64 {
	v := spacing[a][b]
	if v < 0 {
		if s.level == texmath.StyleScript || s.level == texmath.StyleScriptScript {
			return 0
		}
		v = -v
	}
	mu := ms.size(s) / 18
	return [4]float64{0, 3, 4, 5}[v] * mu
}

func (ms *mathSetter) row(atoms []*texmath.Node, s mathStyle) mbox {
	var out mbox
	var prev texmath.Class
	have := false
	for i, n := range atoms {
		if n.Kind == texmath.Space {
			out.w += n.Width * ms.size(s)
			continue
		}
		b := ms.node(n, s)
		c := n.AtomClass()
		if have {
			out.w += ms.space(prev, c, s)
		}
		out.add(b, out.w, 0)
		out.w += b.w
		prev, have = c, true
		if len(atoms) == 1 || i == len(atoms)-1 {
			out.italic = b.italic
		}
	}
	out.char = len(atoms) == 1 && out.w > 0 && len(out.items) == 1
	return out
}

// op sets an operator: a big one larger in display style and centred on
// the axis, a delimiter sized by \big at its size.
func (ms *mathSetter) op(n *texmath.Node, s mathStyle) mbox {
	size := ms.size(s)
	if n.Size > 0 {
		return ms.delimiter(n.Text, n.Size*size, s)
	}
	if n.Middle && ms.middle > 0 {
		return ms.delimiter(n.Text, ms.middle, s)
	}
	face := ms.face(fonts.Regular)
	if n.Variant == texmath.VariantBold {
		face = ms.face(fonts.Bold)
	}
	if !n.Large {
		b := ms.glyphs(n.Text, face, size)
		if n.Class == texmath.OpClass {
			b.char = false
		}
		return b
	}
	// as tall as TeX's: an em in the text, half as tall again in
	// display style, an integral taller
	want := 1.0
	if !n.Limits {
		want = 1.1
	}
	if s.level == texmath.StyleDisplay {
		want = 1.5
		if !n.Limits {
			want = 2.2
		}
	}
	scale := 1.0
	if g := ms.glyphs(n.Text, face, size); g.h+g.d > 0.3*size {
		scale = math.Min(3, math.Max(1, want*size/(g.h+g.d)))
	}
	b := ms.glyphs(n.Text, face, size*scale)
	// centre it on the axis
	shift := (b.h-b.d)/2 - ms.axis*size
	out := mbox{w: b.w}
	out.add(b, 0, shift)
	if !n.Limits {
		out.italic = 0.1 * size * scale
	}
	return out
}

// scripts sets a base and its scripts: beside it, or above and below a
// big operator that takes limits in display style.
func (ms *mathSetter) scripts(n *texmath.Node, s mathStyle) mbox {
	baseNode, subNode, supNode := n.Children[0], n.Children[1], n.Children[2]
	base := ms.node(baseNode, s)
	size := ms.size(s)
	if baseNode.Kind == texmath.Op && baseNode.Class == texmath.OpClass && baseNode.Limits && s.level == texmath.StyleDisplay {
		return ms.limits(base, subNode, supNode, s)
	}
	var sub, sup mbox
	ss := ms.size(s.script(false))
	u, v := 0.0, 0.0
	if !base.char {
		u = base.h - mathSupDrop*ss
		v = base.d + mathSubDrop*ss
	}
	theta := mathRule * size
	if supNode != nil && isPrime(supNode) {
		// a prime is drawn raised already: at the base's size
		sup = ms.node(supNode, s)
		u = 0
	} else if supNode != nil {
		sup = ms.node(supNode, s.script(false))
		shift := mathSup2
		switch {
		case s.cramped:
			shift = mathSup3
		case s.level == texmath.StyleDisplay:
			shift = mathSup1
		}
		u = math.Max(u, math.Max(shift*ms.k*size, sup.d+ms.xh*size/4))
	}
	if subNode != nil {
		sub = ms.node(subNode, s.script(true))
	}
	switch {
	case subNode != nil && supNode == nil:
		v = math.Max(v, math.Max(mathSub1*ms.k*size, sub.h-4*ms.xh*size/5))
	case subNode != nil:
		v = math.Max(v, mathSub2*ms.k*size)
		if gap := (u - sup.d) - (sub.h - v); gap < 4*theta {
			v = 4*theta - u + sup.d + sub.h
			if psi := 4*ms.xh*size/5 - (u - sup.d); psi > 0 {
				u += psi
				v -= psi
			}
		}
	}
	out := mbox{w: base.w}
	out.add(base, 0, 0)
	w := 0.0
	if supNode != nil {
		out.add(sup, base.w+base.italic, -u)
		w = sup.w + base.italic
	}
	if subNode != nil {
		out.add(sub, base.w, v)
		w = math.Max(w, sub.w)
	}
	out.w += w + mathScriptGap*size
	return out
}

// limits sets a big operator's scripts above and below it.
func (ms *mathSetter) limits(base mbox, subNode, supNode *texmath.Node, s mathStyle) mbox {
	size := ms.size(s)
	var sub, sup mbox
	w := base.w
	if supNode != nil {
		sup = ms.node(supNode, s.script(false))
		w = math.Max(w, sup.w)
	}
	if subNode != nil {
		sub = ms.node(subNode, s.script(true))
		w = math.Max(w, sub.w)
	}
	out := mbox{w: w}
	out.add(base, (w-base.w)/2, 0)
	if supNode != nil {
		gap := math.Max(0.111*size, 0.2*size-sup.d)
		out.add(sup, (w-sup.w)/2, -(base.h + gap + sup.d))
		out.h += 0.1 * size
	}
	if subNode != nil {
		gap := math.Max(0.167*size, 0.6*size-sub.h)
		out.add(sub, (w-sub.w)/2, base.d+gap+sub.h)
		out.d += 0.1 * size
	}
	return out
}

func (ms *mathSetter) frac(n *texmath.Node, s mathStyle) mbox {
	switch n.Style {
	case texmath.StyleDisplay, texmath.StyleText:
		s.level = n.Style
	}
	size := ms.size(s)
	num := ms.node(n.Children[0], s.fraction(false))
	den := ms.node(n.Children[1], s.fraction(true))
	theta := mathRule * size
	axis := ms.axis * size
	u, v, phi := mathNum2*ms.k*size, mathDenom2*ms.k*size, theta
	if s.level == texmath.StyleDisplay {
		u, v, phi = mathNum1*ms.k*size, mathDenom1*ms.k*size, 3*theta
	}
	if n.NoRule {
		phi *= 3
		if psi := (u - num.d) - (den.h - v); psi < phi {
			u += (phi - psi) / 2
			v += (phi - psi) / 2
		}
	} else {
		if gap := (u - num.d) - (axis + theta/2); gap < phi {
			u += phi - gap
		}
		if gap := (axis - theta/2) - (den.h - v); gap < phi {
			v += phi - gap
		}
	}
	pad := mathNullDelim * size
	inner := math.Max(num.w, den.w)
	out := mbox{w: inner + 2*pad}
	out.add(num, pad+(inner-num.w)/2, -u)
	out.add(den, pad+(inner-den.w)/2, v)
	if !n.NoRule {
		out.items = append(out.items, &Rule{X1: pad, Y1: -axis, X2: pad + inner, Y2: -axis, Width: theta, Gray: ms.base.gray})
	}
	return out
}

func (ms *mathSetter) sqrt(n *texmath.Node, s mathStyle) mbox {
	size := ms.size(s)
	body := ms.node(n.Children[0], mathStyle{level: s.level, cramped: true})
	theta := mathRule * size
	phi := theta
	if s.level == texmath.StyleDisplay {
		phi = mathXHeight * size
	}
	psi := theta + phi/4
	// the sign reaches from below the body to the bar over it
	top := -(math.Max(body.h, ms.xh*size) + psi + theta/2)
	bottom := math.Max(body.d, 0.05*size) + 0.02*size
	height := bottom - top
	sw := 0.5*size + 0.08*math.Max(0, height-size)
	x0 := 0.0
	var index mbox
	hasIndex := len(n.Children) > 1
	if hasIndex {
		index = ms.node(n.Children[1], mathStyle{level: texmath.StyleScriptScript})
		x0 = math.Max(0, index.w+0.1*size-0.55*sw)
	}
	out := mbox{}
	gray := ms.base.gray
	// the sign: a short stroke up to the tick, a heavier one down to
	// the foot, a long one up to the bar, which runs over the body
	tickX, tickY := x0+0.1*sw, bottom-0.45*height
	footX := x0 + 0.45*sw
	out.items = append(out.items,
		&Rule{X1: x0, Y1: tickY + 0.08*size, X2: tickX + 0.01*size, Y2: tickY - 0.01*size, Width: theta, Gray: gray},
		&Rule{X1: tickX, Y1: tickY, X2: footX, Y2: bottom, Width: 2 * theta, Gray: gray},
		&Rule{X1: footX, Y1: bottom, X2: x0 + sw, Y2: top, Width: theta, Gray: gray},
		&Rule{X1: x0 + sw - theta/4, Y1: top, X2: x0 + sw + body.w + 0.1*size, Y2: top, Width: theta, Gray: gray},
	)
	out.add(body, x0+sw+0.05*size, 0)
	if hasIndex {
		out.add(index, 0, bottom-0.6*height-index.d)
	}
	out.w = x0 + sw + body.w + 0.1*size
	out.h = math.Max(out.h, -top+theta)
	out.d = math.Max(out.d, bottom)
	return out
}

func (ms *mathSetter) accent(n *texmath.Node, s mathStyle) mbox {
	size := ms.size(s)
	body := ms.node(n.Children[0], s)
	theta := mathRule * size
	if n.Wide {
		return ms.wide(n, body, s)
	}
	out := mbox{w: body.w, italic: body.italic}
	out.add(body, 0, 0)
	if n.Text == "‾" {
		if n.Under {
			y := body.d + 3*theta
			out.items = append(out.items, &Rule{X1: 0, Y1: y, X2: body.w, Y2: y, Width: theta, Gray: ms.base.gray})
			out.d = math.Max(out.d, y+2*theta)
			return out
		}
		y := -(body.h + 3*theta)
		out.items = append(out.items, &Rule{X1: 0, Y1: y, X2: body.w, Y2: y, Width: theta, Gray: ms.base.gray})
		out.h = math.Max(out.h, -y+2*theta)
		return out
	}
	// an accent is drawn for letters of x-height: over a taller one it
	// goes up by the difference; over an italic letter, a little right
	skew := 0.0
	if body.char && body.italic > 0 {
		skew = 0.08 * size
	}
	asize := size
	if n.Text == "→" {
		asize = 0.7 * size
	}
	a := ms.glyphs(n.Text, ms.face(fonts.Regular), asize)
	lift := math.Max(0, body.h-ms.xh*size)
	if n.Text == "→" {
		lift = body.h + 0.08*size - 0.2*asize
	}
	out.add(a, (body.w-a.w)/2+skew, -lift)
	out.w = math.Max(out.w, a.w)
	return out
}

// wide sets a mark as wide as the body, over it or under it: an arrow
// (\overrightarrow), drawn as a rule with its head, or a brace
// (\underbrace), drawn as a line of short strokes with a hook at each end
// and a point in the middle.
func (ms *mathSetter) wide(n *texmath.Node, body mbox, s mathStyle) mbox {
	size := ms.size(s)
	theta := mathRule * size
	gray := ms.base.gray
	w := math.Max(body.w, 0.5*size)
	out := mbox{w: w}
	out.add(body, (w-body.w)/2, 0)
	line := func(x1, y1, x2, y2, t float64) *Rule {
		return &Rule{X1: x1, Y1: y1, X2: x2, Y2: y2, Width: t, Gray: gray}
	}
	gap := 0.1 * size
	if n.Text == "⏟" || n.Text == "⏞" {
		a := 0.12 * size
		// the brace's middle line, and the direction of its point; over
		// capitals, whose height the metrics guess, a little higher
		mid, sign := body.d+gap+a, 1.0
		if !n.Under {
			mid, sign = -(body.h + 3*gap + a), -1
		}
		z0 := math.Min(0.12, 0.3*size/w)
		hook := func(z float64) float64 { return math.Pow(math.Max(0, 1-z/z0), 2) }
		const steps = 60
		px, py := 0.0, 0.0
		for i := 0; i <= steps; i++ {
			t := float64(i) / steps
			x := t * w
			y := mid - sign*a*(hook(t)+hook(1-t)-hook(math.Abs(t-0.5)))
			if i > 0 {
				ext := theta / 4
				dx, dy := x-px, y-py
				l := math.Hypot(dx, dy)
				out.items = append(out.items, line(px-dx/l*ext, py-dy/l*ext, x+dx/l*ext, y+dy/l*ext, theta))
			}
			px, py = x, y
		}
		if n.Under {
			out.d = math.Max(out.d, mid+a+theta)
		} else {
			out.h = math.Max(out.h, -mid+a+theta)
		}
		return out
	}
	head := 0.18 * size
	y := -(body.h + gap + head/2)
	if n.Under {
		y = body.d + gap + head/2
	}
	out.items = append(out.items, line(0, y, w, y, theta))
	arrowhead := func(x, dir float64) {
		out.items = append(out.items,
			line(x, y, x-dir*head, y-head/2, theta),
			line(x, y, x-dir*head, y+head/2, theta))
	}
	if n.Text == "→" || n.Text == "↔" {
		arrowhead(w, 1)
	}
	if n.Text == "←" || n.Text == "↔" {
		arrowhead(0, -1)
	}
	if n.Under {
		out.d = math.Max(out.d, y+head/2+theta)
	} else {
		out.h = math.Max(out.h, -y+head/2+theta)
	}
	return out
}

func (ms *mathSetter) fenced(n *texmath.Node, s mathStyle) mbox {
	size := ms.size(s)
	// a \middle inside is measured at its glyph's size, then set as
	// tall as the fences (an inner \left … \right has its own)
	saved := ms.middle
	ms.middle = 0
	body := ms.node(n.Children[0], s)
	axis := ms.axis * size
	delta := math.Max(body.h-axis, body.d+axis)
	// TeX's rule: cover 90% of the body, and leave no more than 0.5 em
	// of it uncovered
	need := math.Max(delta*2*0.901, 2*delta-0.5*size)
	if hasMiddle(n.Children[0]) {
		ms.middle = need
		body = ms.node(n.Children[0], s)
	}
	ms.middle = saved
	var out mbox
	if n.Open != "" {
		d := ms.delimiter(n.Open, need, s)
		out.add(d, 0, 0)
		out.w = d.w
	}
	out.add(body, out.w, 0)
	out.w += body.w
	if n.Close != "" {
		d := ms.delimiter(n.Close, need, s)
		out.add(d, out.w, 0)
		out.w += d.w
	}
	return out
}

// hasMiddle reports whether a \middle stands in n outside any fences of
// its own.
func hasMiddle(n *texmath.Node) bool {
	if n == nil || n.Kind == texmath.Fenced {
		return false
	}
	if n.Middle {
		return true
	}
	for _, c := range n.Children {
		if hasMiddle(c) {
			return true
		}
	}
	return false
}

// delimiter is a delimiter at least height high, centred on the axis: the
// glyph itself when it is as tall, else drawn (brackets, bars, angles)
// or set larger (parentheses, braces).
func (ms *mathSetter) delimiter(text string, height float64, s mathStyle) mbox {
	size := ms.size(s)
	face := ms.face(fonts.Regular)
	if height <= 1.02*size {
		b := ms.glyphs(text, face, size)
		b.char = false
		return b
	}
	if height <= 1.4*size {
		// a little taller than a line: the glyph a little larger, as
		// TeX's \big is, centred on the axis
		b := ms.glyphs(text, face, height)
		out := mbox{w: b.w}
		out.add(b, 0, (b.h-b.d)/2-ms.axis*size)
		return out
	}
	axis := ms.axis * size
	top, bottom := -(axis + height/2), -(axis - height/2)
	theta := 1.2 * mathRule * size
	gray := ms.base.gray
	line := func(x1, y1, x2, y2 float64) *Rule {
		return &Rule{X1: x1, Y1: y1, X2: x2, Y2: y2, Width: theta, Gray: gray}
	}
	side := 0.1 * size
	arm := 0.22 * size
	var items []Item
	w := 0.0
	switch text {
	case "[", "⌈", "⌊":
		x := side + theta/2
		items = append(items, line(x, top, x, bottom))
		if text != "⌊" {
			items = append(items, line(x-theta/2, top, x+arm, top))
		}
		if text != "⌈" {
			items = append(items, line(x-theta/2, bottom, x+arm, bottom))
		}
		w = side + arm + 0.05*size
	case "]", "⌉", "⌋":
		x := 0.05*size + arm
		items = append(items, line(x, top, x, bottom))
		if text != "⌋" {
			items = append(items, line(x-arm, top, x+theta/2, top))
		}
		if text != "⌉" {
			items = append(items, line(x-arm, bottom, x+theta/2, bottom))
		}
		w = x + side
	case "|":
		items = append(items, line(side, top, side, bottom))
		w = 2 * side
	case "‖":
		items = append(items, line(side, top, side, bottom), line(side+0.15*size, top, side+0.15*size, bottom))
		w = 2*side + 0.15*size
	case "⟨":
		dx := math.Min(0.4*size, 0.2*height)
		items = append(items, line(side+dx, top, side, -axis), line(side, -axis, side+dx, bottom))
		w = 2*side + dx
	case "⟩":
		dx := math.Min(0.4*size, 0.2*height)
		items = append(items, line(side, top, side+dx, -axis), line(side+dx, -axis, side, bottom))
		w = 2*side + dx
	case "(", ")":
		// an arc, heavier at its middle, of short strokes that overlap
		bulge := math.Min(0.3*size, 0.08*height+0.1*size)
		const steps = 16
		px, py := 0.0, 0.0
		for i := 0; i <= steps; i++ {
			t := float64(i) / steps
			x := side + bulge*(1-math.Sin(math.Pi*t))
			if text == ")" {
				x = side + bulge*math.Sin(math.Pi*t)
			}
			y := top + t*height
			if i > 0 {
				wt := theta * (0.7 + 1.1*math.Sin(math.Pi*(t-0.5/steps)))
				ext := wt / 4 // overlap the joints of butt-ended strokes
				dx, dy := x-px, y-py
				l := math.Hypot(dx, dy)
				items = append(items, &Rule{X1: px - dx/l*ext, Y1: py - dy/l*ext, X2: x + dx/l*ext, Y2: y + dy/l*ext, Width: wt, Gray: gray})
			}
			px, py = x, y
		}
		w = 2*side + bulge
	case "{", "}":
		// two hooks and a point between, of short strokes
		a := math.Min(0.25*size, 0.05*height+0.12*size)
		hook := func(z float64) float64 { return math.Pow(math.Max(0, 1-z/0.12), 2) }
		mid := side + a
		sign := 1.0
		if text == "}" {
			sign = -1
			mid = 0.05*size + a
		}
		const steps = 40
		px, py := 0.0, 0.0
		for i := 0; i <= steps; i++ {
			t := float64(i) / steps
			x := mid + sign*a*(hook(t)+hook(1-t)-hook(math.Abs(t-0.5)))
			y := top + t*height
			if i > 0 {
				ext := theta / 4
				dx, dy := x-px, y-py
				l := math.Hypot(dx, dy)
				items = append(items, &Rule{X1: px - dx/l*ext, Y1: py - dy/l*ext, X2: x + dx/l*ext, Y2: y + dy/l*ext, Width: theta, Gray: gray})
			}
			px, py = x, y
		}
		w = 2*a + side + 0.05*size
	default:
		// set larger: its height is its size's, as near as the metrics
		// tell
		b := ms.glyphs(text, face, height)
		out := mbox{w: b.w}
		out.add(b, 0, (b.h-b.d)/2-axis)
		return out
	}
	return mbox{w: w, h: -top, d: bottom, items: items}
}

// displayMath reports whether a paragraph holds display math.
func displayMath(p *doc.Paragraph) bool {
	for _, in := range p.Content {
		if m, ok := in.(*doc.Math); ok && m.Display {
			return true
		}
	}
	return false
}

// isPrime reports a superscript of primes alone (f').
func isPrime(n *texmath.Node) bool {
	return n.Kind == texmath.Op && strings.Trim(n.Text, "′″‴⁗") == ""
}

// over sets a base with a script over (or under) it: \stackrel.
func (ms *mathSetter) over(n *texmath.Node, s mathStyle) mbox {
	size := ms.size(s)
	base := ms.node(n.Children[0], s)
	o := ms.node(n.Children[1], s.script(n.Under))
	w := math.Max(base.w, o.w)
	out := mbox{w: w}
	out.add(base, (w-base.w)/2, 0)
	gap := 0.12 * size
	if n.Under {
		out.add(o, (w-o.w)/2, base.d+gap+o.h)
	} else {
		out.add(o, (w-o.w)/2, -(base.h + gap + o.d))
	}
	return out
}

// table sets an environment's rows: its columns aligned as it says,
// each row at least as tall as a line of text, the whole centred on the
// axis.
func (ms *mathSetter) table(n *texmath.Node, s mathStyle) mbox {
	cs := mathStyle{level: texmath.StyleText}
	switch n.Style {
	case texmath.StyleDisplay, texmath.StyleScript:
		cs.level = n.Style
	}
	size := ms.size(s)
	csize := ms.size(cs)
	cols := 0
	for _, r := range n.Children {
		cols = max(cols, len(r.Children))
	}
	if cols == 0 {
		return mbox{}
	}
	cells := make([][]mbox, len(n.Children))
	colW := make([]float64, cols)
	rowH := make([]float64, len(n.Children))
	rowD := make([]float64, len(n.Children))
	pairs := n.Pairs()
	jot := 0.0
	if pairs {
		jot = 0.3 * size
	}
	for i, r := range n.Children {
		cells[i] = make([]mbox, len(r.Children))
		// a strut: each row as tall and deep as a line of text
		rowH[i], rowD[i] = 0.84*csize, 0.36*csize
		for j, c := range r.Children {
			b := ms.node(c, cs)
			cells[i][j] = b
			colW[j] = math.Max(colW[j], b.w)
			rowH[i], rowD[i] = math.Max(rowH[i], b.h), math.Max(rowD[i], b.d)
		}
	}
	// the columns' left edges; an array with rules has half a column's
	// gap outside its first and last, where its outer rules go
	colX := make([]float64, cols)
	x := 0.0
	ruled := n.VRules != ""
	if ruled {
		x = 0.5 * size
	}
	for j := range colW {
		if j > 0 {
			gap := 1.0 * size
			if pairs {
				gap = 0
				if j%2 == 0 {
					gap = 2 * size
				}
			}
			x += gap
		}
		colX[j] = x
		x += colW[j]
	}
	total := 0.0
	for i := range rowH {
		total += rowH[i] + rowD[i]
		if i > 0 {
			total += jot
		}
	}
	if ruled {
		x += 0.5 * size
	}
	out := mbox{w: x}
	y := -(ms.axis*size + total/2)
	top := y
	theta := mathRule * size
	for i := range cells {
		if i > 0 {
			y += jot
		}
		if i < len(n.HRules) && n.HRules[i] == '-' {
			out.items = append(out.items, &Rule{X1: 0, Y1: y, X2: x, Y2: y, Width: theta, Gray: ms.base.gray})
		}
		y += rowH[i]
		for j, b := range cells[i] {
			align := n.Text[j%len(n.Text)]
			cx := colX[j]
			switch align {
			case 'c':
				cx += (colW[j] - b.w) / 2
			case 'r':
				cx += colW[j] - b.w
			}
			out.add(b, cx, y)
		}
		y += rowD[i]
	}
	if k := len(cells); k < len(n.HRules) && n.HRules[k] == '-' {
		out.items = append(out.items, &Rule{X1: 0, Y1: y, X2: x, Y2: y, Width: theta, Gray: ms.base.gray})
	}
	for j := 0; j < len(n.VRules) && ruled; j++ {
		if n.VRules[j] != '|' {
			continue
		}
		// at the middle of the gap before column j (after the last)
		rx := 0.0
		switch {
		case j == len(n.VRules)-1 || j >= cols:
			rx = x
		case j > 0:
			rx = (colX[j-1] + colW[j-1] + colX[j]) / 2
		}
		out.items = append(out.items, &Rule{X1: rx, Y1: top, X2: rx, Y2: y, Width: theta, Gray: ms.base.gray})
	}
	out.h = math.Max(out.h, ms.axis*size+total/2)
	out.d = math.Max(out.d, total/2-ms.axis*size)
	return out
}
