package svg

import (
	"math"
	"strings"
	"unicode/utf8"
)

// textChar is one addressable character of a <text> element.
type textChar struct {
	r  rune
	st *style
}

// textSpan is an element inside <text> (the <text> itself included) and
// the characters it holds, for its positioning attributes.
type textSpan struct {
	n          *node
	start, end int
}

// textLayout collects a <text> element's characters.
type textLayout struct {
	r         *renderer
	vp        viewport
	chars     []textChar
	spans     []textSpan
	lastSpace bool // the last character kept is a collapsible space
}

// text lays out a <text> element into runs: absolutely positioned
// characters start new chunks, which text-anchor aligns; each stretch of
// characters sharing a font, size, fill and baseline becomes a run.
func (r *renderer) text(n *node, s *style, ctx context) []Item {
	tl := &textLayout{r: r, vp: ctx.vp, lastSpace: true}
	tl.collect(n, s)
	// Trailing collapsible white space goes.
	for len(tl.chars) > 0 {
		last := tl.chars[len(tl.chars)-1]
		if last.r != ' ' || last.st.preserve {
			break
		}
		tl.chars = tl.chars[:len(tl.chars)-1]
	}
	count := len(tl.chars)
	if count == 0 {
		return nil
	}
	type optional struct {
		v   float64
		set bool
	}
	xs := make([]optional, count)
	ys := make([]optional, count)
	dxs := make([]float64, count)
	dys := make([]float64, count)
	// Spans are in document order, so an inner element's lists override
	// its ancestors'.
	for _, sp := range tl.spans {
		end := min(sp.end, count)
		fs := s.fontSize
		for attr, dst := range map[string][]optional{"x": xs, "y": ys} {
			ref := ctx.vp.w
			if attr == "y" {
				ref = ctx.vp.h
			}
			for i, v := range lengthList(sp.n.attr(attr), ref, fs) {
				if sp.start+i < end {
					dst[sp.start+i] = optional{v, true}
				}
			}
		}
		for i, v := range lengthList(sp.n.attr("dx"), ctx.vp.w, fs) {
			if sp.start+i < end {
				dxs[sp.start+i] = v
			}
		}
		for i, v := range lengthList(sp.n.attr("dy"), ctx.vp.h, fs) {
			if sp.start+i < end {
				dys[sp.start+i] = v
			}
		}
		if sp.n.has("rotate") {
			r.skip("rotated characters (rotate on text), set upright")
		}
		if sp.n.name == "textPath" {
			r.skip("text on a path (textPath), set on a straight line")
		}
	}

	fonts := make([]Font, count)
	advances := make([]float64, count)
	// carried marks the characters measured in a font the picture carries.
	carried := make([]bool, count)
	for i, c := range tl.chars {
		fonts[i] = fontOf(c.st)
		face := r.embeddedFace(c.st)
		if face != nil {
			fonts[i] = face.style(fonts[i])
		}
		em, ok := 0.0, false
		if face != nil {
			em, ok = face.advance(c.r)
		}
		if !ok {
			em = r.measure(fonts[i], string(c.r))
		}
		carried[i] = ok
		advances[i] = em*c.st.fontSize + c.st.letterSpacing
		if c.r == ' ' {
			advances[i] += c.st.wordSpacing
		}
	}
	if k, ok := r.opts.Metrics.(Kerning); ok {
		for i := 1; i < count; i++ {
			a, b := tl.chars[i-1], tl.chars[i]
			// kerned within a stretch set as one: the same font and size,
			// b not placed by a position of its own
			if carried[i] || carried[i-1] || fonts[i] != fonts[i-1] || a.st.fontSize != b.st.fontSize || xs[i].set || ys[i].set || dxs[i] != 0 || dys[i] != 0 {
				continue
			}
			advances[i-1] += k.Kern(fonts[i], a.r, b.r) * b.st.fontSize
		}
	}
	fits := tl.fitLengths(advances, s.fontSize)
	// Text in a carried font takes the width that font gives it, whatever
	// the face that sets it, unless a textLength says otherwise.
	for i := range carried {
		if !carried[i] {
			continue
		}
		if fits == nil {
			fits = make([]textFit, count)
			for j := range fits {
				fits[j] = noFit
			}
		}
		if fits[i].adjust == NoAdjust {
			fits[i].adjust = AdjustGlyphs
		}
	}

	type run struct {
		chunk     int
		x, y      float64
		font      Font
		st        *style
		text      strings.Builder
		width     float64
		shift     float64
		startChar int
		fit       textFit
	}
	var runs []*run
	var cur *run
	cx, cy := 0.0, 0.0
	chunk := -1
	chunkAnchor := []string{}
	chunkStart := []float64{}
	chunkEnd := []float64{}
	for i, c := range tl.chars {
		newChunk := i == 0 || xs[i].set || ys[i].set
		if xs[i].set {
			cx = xs[i].v
		}
		if ys[i].set {
			cy = ys[i].v
		}
		moved := dxs[i] != 0 || dys[i] != 0
		cx += dxs[i]
		cy += dys[i]
		if newChunk {
			chunk++
			chunkAnchor = append(chunkAnchor, c.st.textAnchor)
			chunkStart = append(chunkStart, cx)
			chunkEnd = append(chunkEnd, cx)
		}
		font := fonts[i]
		shift := r.baselineShift(font, s, c.st)
		// Letter and word spacing place characters apart, which a run set
		// with the font's own advances cannot do.
		spaced := c.st.letterSpacing != 0 || c.st.wordSpacing != 0 && i > 0 && tl.chars[i-1].r == ' '
		fit := noFit
		if fits != nil {
			fit = fits[i]
		}
		if cur == nil || newChunk || moved || spaced || cur.st != c.st && !sameTextStyle(cur.st, c.st) || cur.shift != shift || cur.fit != fit {
			cur = &run{chunk: chunk, x: cx, y: cy, font: font, st: c.st, shift: shift, startChar: i, fit: fit}
			runs = append(runs, cur)
		}
		adv := advances[i]*fit.scale + fit.extra
		cur.text.WriteRune(c.r)
		cur.width += adv
		cx += adv
		if cx > chunkEnd[chunk] {
			chunkEnd[chunk] = cx
		}
		if cx < chunkStart[chunk] {
			chunkStart[chunk] = cx
		}
	}
	var items []Item
	for _, ru := range runs {
		st := ru.st
		if st.hidden || st.fontSize <= 0 || !st.display {
			continue
		}
		shiftX := 0.0
		w := chunkEnd[ru.chunk] - chunkStart[ru.chunk]
		switch chunkAnchor[ru.chunk] {
		case "middle":
			shiftX = -w / 2
		case "end":
			shiftX = -w
		}
		text := ru.text.String()
		t := &Text{
			Transform: ctx.ctm,
			X:         ru.x + shiftX,
			Y:         ru.y + ru.shift,
			Font:      ru.font,
			Size:      st.fontSize,
			Text:      text,
			Width:     ru.width,
			Adjust:    ru.fit.adjust,
		}
		spec, opacity := st.fill, st.fillOpacity
		// An outline: around the fill (a halo, a bolder weight), or alone.
		outlined := !st.stroke.none && st.strokeWidth > 0 && st.strokeOpacity > 0
		box := func() (Rect, bool) {
			return Rect{t.X, t.Y - st.fontSize*0.8, t.Width, st.fontSize}, t.Width > 0
		}
		if outlined {
			if t.Stroke = r.stroke(st, ctx, box); t.Stroke != nil {
				order := strings.Join(paintOrder(st.paintOrder), " ")
				t.StrokeFirst = strings.Index(order, "stroke") < strings.Index(order, "fill")
			}
		}
		if paint, alpha, ok := r.paint(spec, st, box); ok {
			if paint.Gradient != nil {
				r.skip("gradient-filled text, set in a flat colour")
				paint.Gradient = nil
			}
			t.Fill = &Fill{Paint: paint, Opacity: opacity * alpha * ctx.opacity}
			if t.Fill.Opacity <= 0 {
				t.Fill = nil
			}
		}
		if t.Fill == nil && (t.Stroke == nil || t.Stroke.Opacity <= 0) {
			continue
		}
		items = append(items, t)
		items = append(items, decorations(t, st.decoration)...)
	}
	return items
}

// textFit is what textLength does to one character: with lengthAdjust
// spacingAndGlyphs its glyph and advance are scaled horizontally by
// scale, and its advance is then lengthened by extra.
type textFit struct {
	adjust LengthAdjust
	scale  float64
	extra  float64
}

var noFit = textFit{scale: 1}

// maxFitVisits bounds the work of fitting textLength in one <text>, some
// tens of milliseconds; a hundred nested fitted spans of ten thousand
// characters each stay within it.
const maxFitVisits = 1 << 20

// fitLengths works out what the textLength attributes of the <text> and
// its spans do to each character whose natural advances are given, or
// returns nil when none has one. textLength is the total advance of the
// element's characters (SVG 2, 11.10.2.2): with spacing, the difference
// is spread over the advances of all its characters, the last's included,
// so that equal advances stay equal (a terminal's cells line up); with
// spacingAndGlyphs, its characters are scaled. A descendant that has its
// own textLength is fitted first and then moves as one piece.
func (tl *textLayout) fitLengths(advances []float64, fontSize float64) []textFit {
	var fits []textFit
	var owner []int // the outermost span fitted so far that holds each character, or -1
	visits := 0     // characters looked at, for every fitted span: nesting multiplies them
	for k := len(tl.spans) - 1; k >= 0; k-- {
		sp := tl.spans[k]
		end := min(sp.end, len(advances))
		want, ok := length(sp.n.attr("textLength"), tl.vp.w, fontSize)
		// A negative length is an error; the attribute is then ignored.
		if !ok || !(want >= 0) || math.IsInf(want, 0) || sp.start >= end {
			continue
		}
		if visits += end - sp.start; visits > maxFitVisits {
			tl.r.skip("textLength on spans nested beyond reason, not fitted")
			continue
		}
		if fits == nil {
			fits = make([]textFit, len(advances))
			owner = make([]int, len(advances))
			for i := range fits {
				fits[i], owner[i] = noFit, -1
			}
		}
		adjust := AdjustSpacing
		if strings.TrimSpace(sp.n.attr("lengthAdjust")) == "spacingAndGlyphs" {
			adjust = AdjustGlyphs
		}
		total, free, units := 0.0, 0.0, 0
		for i := sp.start; i < end; i++ {
			total += advances[i]*fits[i].scale + fits[i].extra
			switch {
			case owner[i] < 0:
				free += advances[i]
				units++
			case i == end-1 || owner[i+1] != owner[i]:
				units++ // the end of a fitted descendant
			}
		}
		switch adjust {
		case AdjustGlyphs:
			scale := (want - (total - free)) / free
			if !(free > 0 && scale > 0) || math.IsInf(scale, 0) {
				break
			}
			for i := sp.start; i < end; i++ {
				if owner[i] < 0 {
					fits[i] = textFit{adjust: AdjustGlyphs, scale: scale}
				}
			}
		default:
			extra := (want - total) / float64(units)
			for i := sp.start; i < end; i++ {
				if owner[i] < 0 || i == end-1 || owner[i+1] != owner[i] {
					if fits[i].adjust == NoAdjust {
						fits[i].adjust = AdjustSpacing
					}
					fits[i].extra += extra
				}
			}
		}
		for i := sp.start; i < end; i++ {
			owner[i] = k
		}
	}
	return fits
}

// decorations draws the lines text-decoration asks for under, over or
// through a run, in its fill and outline, at typical positions for a Latin font.
func decorations(t *Text, deco string) []Item {
	if deco == "" || deco == "none" || t.Width <= 0 {
		return nil
	}
	var items []Item
	thick := t.Size / 18
	for _, d := range strings.Fields(deco) {
		var y float64
		switch d {
		case "underline":
			y = t.Y + 0.12*t.Size
		case "overline":
			y = t.Y - 0.8*t.Size
		case "line-through":
			y = t.Y - 0.3*t.Size
		default:
			continue
		}
		line := &Shape{Transform: t.Transform, Path: rectPath(t.X, y-thick/2, t.Width, thick, 0, 0)}
		if t.Fill != nil {
			fill := *t.Fill
			line.Fill = &fill
		}
		if t.Stroke != nil {
			// outlined as the text is
			st := *t.Stroke
			line.Stroke = &st
		}
		items = append(items, line)
	}
	return items
}

// sameTextStyle reports whether two characters can share a run.
func sameTextStyle(a, b *style) bool {
	return fontOf(a) == fontOf(b) && a.fontSize == b.fontSize && a.fill == b.fill &&
		a.fillOpacity == b.fillOpacity && a.stroke == b.stroke && a.hidden == b.hidden &&
		a.letterSpacing == b.letterSpacing && a.wordSpacing == b.wordSpacing
}

// collect gathers the characters of n and its text children, with white
// space handled as browsers do (CSS white-space, as SVG 2 says): unless
// preserved (white-space: pre, or xml:space="preserve"), newlines and tabs
// are spaces, and spaces collapse and are trimmed at the ends. SVG 1.1
// dropped newlines, joining "Hello\nBob" into one word, which no browser
// shows.
func (tl *textLayout) collect(n *node, s *style) {
	idx := len(tl.spans)
	tl.spans = append(tl.spans, textSpan{n: n, start: len(tl.chars)})
	for _, c := range n.children {
		if c.isText {
			tl.addText(c.text, s)
			continue
		}
		switch c.name {
		case "tspan", "a", "textPath":
			cs := tl.r.computeStyle(c, s, tl.vp)
			if !cs.display {
				continue
			}
			tl.collect(c, cs)
		}
	}
	tl.spans[idx].end = len(tl.chars)
}

func (tl *textLayout) addText(text string, st *style) {
	for len(text) > 0 {
		r, size := utf8.DecodeRuneInString(text)
		text = text[size:]
		if st.preserve {
			if r == '\n' || r == '\r' || r == '\t' {
				r = ' '
			}
			tl.chars = append(tl.chars, textChar{r: r, st: st})
			tl.lastSpace = false
			continue
		}
		if r == '\n' || r == '\r' || r == '\t' {
			r = ' '
		}
		if r == ' ' {
			if tl.lastSpace {
				continue
			}
			tl.lastSpace = true
		} else {
			tl.lastSpace = false
		}
		tl.chars = append(tl.chars, textChar{r: r, st: st})
	}
}

// lengthList reads a list of lengths (x, y, dx, dy on text).
func lengthList(v string, ref, fontSize float64) []float64 {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	var out []float64
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
		l, ok := length(f, ref, fontSize)
		if !ok {
			return out
		}
		out = append(out, l)
	}
	return out
}

func (r *renderer) measure(f Font, s string) float64 {
	if r.opts.Metrics == nil {
		return 0.5 * float64(utf8.RuneCountInString(s))
	}
	return r.opts.Metrics.Width(f, s)
}

func (r *renderer) ascent(f Font) float64 {
	if r.opts.Metrics == nil {
		return 0.8
	}
	return r.opts.Metrics.Ascent(f)
}

func (r *renderer) descent(f Font) float64 {
	if r.opts.Metrics == nil {
		return 0.2
	}
	return r.opts.Metrics.Descent(f)
}

// baselineShift is how far down the alphabetic baseline lies from the
// position text is placed at, for the text's dominant-baseline, a span's
// alignment-baseline and baseline-shift. Central and middle use typical
// proportions rather than this font's, since the picture was laid out
// with another font.
func (r *renderer) baselineShift(f Font, text, st *style) float64 {
	size := st.fontSize
	base := text.baseline
	if st.alignment != "" && st.alignment != "auto" && st.alignment != "baseline" {
		base = st.alignment
	}
	shift := 0.0
	switch base {
	case "middle":
		shift = 0.27 * size
	case "central":
		shift = 0.35 * size
	case "mathematical":
		shift = 0.25 * size
	case "hanging":
		shift = 0.75 * size
	case "text-before-edge", "before-edge", "text-top":
		shift = r.ascent(f) * size
	case "text-after-edge", "after-edge", "text-bottom", "ideographic":
		shift = -r.descent(f) * size
	}
	switch st.shift {
	case "", "baseline", "0":
	case "super":
		shift -= 0.4 * size
	case "sub":
		shift += 0.2 * size
	default:
		if l, ok := length(st.shift, size, size); ok {
			shift -= l
		}
	}
	return shift
}

// fontOf picks the font for a style: the first family in font-family
// that we recognise decides the generic family.
func fontOf(s *style) Font {
	f := Font{Family: Serif, Bold: s.fontWeight >= 600, Italic: s.italic}
	if len(s.fontFamily) > 0 {
		switch name := s.fontFamily[0]; strings.ToLower(name) {
		case "serif", "sans-serif", "monospace":
		default:
			f.Name = name
		}
	}
	if len(s.fontFamily) > 0 {
		// A drawing program that names the font itself gives its style
		// in the name, often with no font-weight (Illustrator's
		// font-family="'Arial-BoldMT'").
		if _, bold, italic, ok := SplitPostScriptName(s.fontFamily[0]); ok {
			f.Bold = f.Bold || bold
			f.Italic = f.Italic || italic
		}
	}
	for _, name := range s.fontFamily {
		if g, ok := genericFamily(name); ok {
			f.Family = g
			return f
		}
	}
	return f
}

// postScriptStyles are the styles a PostScript font name may end in, and
// whether each is bold and italic.
var postScriptStyles = map[string][2]bool{
	"": {}, "regular": {}, "roman": {}, "bold": {true, false}, "italic": {false, true}, "oblique": {false, true},
	"bolditalic": {true, true}, "boldoblique": {true, true},
}

// SplitPostScriptName reads a PostScript font name, as drawing programs
// write it for the font they used (ArialMT, Arial-BoldMT,
// TimesNewRomanPS-ItalicMT, Helvetica-Oblique): its family lower-cased
// without the Monotype (MT) and PostScript (PS) marks (arial,
// timesnewroman) and its style. ok is false for a name with spaces or
// with a style after its hyphen that is none of these (Arial-Black).
func SplitPostScriptName(name string) (family string, bold, italic, ok bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" || strings.ContainsAny(name, " \t") {
		return "", false, false, false
	}
	family, style, _ := strings.Cut(name, "-")
	st, ok := postScriptStyles[strings.TrimSuffix(style, "mt")]
	if !ok {
		return "", false, false, false
	}
	family = strings.TrimSuffix(strings.TrimSuffix(family, "mt"), "ps")
	return family, st[0], st[1], family != ""
}

var knownFamilies = map[string]Generic{
	"serif": Serif, "times": Serif, "times new roman": Serif, "times-roman": Serif,
	"georgia": Serif, "garamond": Serif, "palatino": Serif, "palatino linotype": Serif,
	"book antiqua": Serif, "cambria": Serif, "baskerville": Serif, "century schoolbook": Serif,
	"nimbus roman": Serif, "nimbus roman no9 l": Serif, "liberation serif": Serif,
	"dejavu serif": Serif, "noto serif": Serif, "tex gyre termes": Serif, "cmr10": Serif,
	"stix": Serif, "stixgeneral": Serif, "latin modern roman": Serif, "computer modern": Serif,
	"sans-serif": SansSerif, "sans": SansSerif, "helvetica": SansSerif, "helvetica neue": SansSerif,
	"arial": SansSerif, "verdana": SansSerif, "tahoma": SansSerif, "trebuchet ms": SansSerif,
	"dejavu sans": SansSerif, "bitstream vera sans": SansSerif, "liberation sans": SansSerif,
	"noto sans": SansSerif, "open sans": SansSerif, "segoe ui": SansSerif, "calibri": SansSerif,
	"roboto": SansSerif, "lucida grande": SansSerif, "lucida sans": SansSerif, "system-ui": SansSerif,
	"-apple-system": SansSerif, "blinkmacsystemfont": SansSerif, "ubuntu": SansSerif,
	"nimbus sans": SansSerif, "nimbus sans l": SansSerif, "gill sans": SansSerif, "futura": SansSerif,
	"inter": SansSerif, "source sans pro": SansSerif, "fira sans": SansSerif, "cantarell": SansSerif,
	"monospace": Monospace, "courier": Monospace, "courier new": Monospace, "consolas": Monospace,
	"monaco": Monospace, "menlo": Monospace, "dejavu sans mono": Monospace,
	"liberation mono": Monospace, "lucida console": Monospace, "source code pro": Monospace,
	"noto sans mono": Monospace, "ubuntu mono": Monospace, "andale mono": Monospace,
	"fira code": Monospace, "fira mono": Monospace, "nimbus mono": Monospace, "nimbus mono ps": Monospace,
	"sfmono-regular": Monospace, "ui-monospace": Monospace,
	// code fonts whose names do not say so: Excalidraw's ("Cascadia",
	// later "Comic Shanns") and other common ones
	"cascadia": Monospace, "comic shanns": Monospace, "inconsolata": Monospace, "hack": Monospace,
	"sf mono": Monospace, "pt mono": Monospace, "iosevka": Monospace, "lucida sans typewriter": Monospace,
}

// genericFamily maps a family name to the generic family it looks like.
func genericFamily(name string) (Generic, bool) {
	lower := strings.ToLower(strings.TrimSpace(name))
	if g, ok := knownFamilies[lower]; ok {
		return g, true
	}
	if family, _, _, ok := SplitPostScriptName(lower); ok {
		if g, ok := knownFamilies[family]; ok {
			return g, true
		}
	}
	switch {
	case strings.Contains(lower, "mono") || strings.Contains(lower, "courier") || strings.Contains(lower, "code"):
		return Monospace, true
	case strings.Contains(lower, "sans"):
		return SansSerif, true
	case strings.Contains(lower, "serif") || strings.Contains(lower, "times"):
		return Serif, true
	}
	return Serif, false
}
