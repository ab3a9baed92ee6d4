package svg

import (
	"math"
	"strings"
)

// paintSpec is a fill or stroke value before paint servers are resolved.
type paintSpec struct {
	none         bool
	currentColor bool
	color        Color
	alpha        float64 // from rgba() or #rrggbbaa
	url          string  // paint server id
	fallback     *paintSpec
	context      string // context-fill or context-stroke: "fill" or "stroke"
}

// style is an element's computed style: what it inherits, overridden by
// what applies to it.
type style struct {
	// inherited
	fill          paintSpec
	fillOpacity   float64
	fillEvenOdd   bool
	stroke        paintSpec
	strokeWidth   float64
	strokeOpacity float64
	dash          []float64
	dashOffset    float64
	lineCap       string
	lineJoin      string
	miterLimit    float64
	color         Color
	fontFamily    []string
	fontSize      float64
	fontWeight    int
	italic        bool
	textAnchor    string
	baseline      string // dominant-baseline
	letterSpacing float64
	wordSpacing   float64
	hidden        bool   // visibility: hidden or collapse
	preserve      bool   // white-space pre, pre-wrap or break-spaces, or xml:space="preserve" (text layout only)
	decoration    string // text-decoration lines, which reach the text of descendants
	clipEvenOdd   bool
	markers       [3]string
	paintOrder    string // paint-order
	// not inherited
	opacity     float64
	display     bool
	clipPath    string
	mask        string
	maskAlpha   bool // mask-type: alpha
	filter      string
	stopColor   paintSpec
	stopOpacity float64
	overflow    string
	alignment   string // alignment-baseline
	shift       string // baseline-shift
	blend       string // mix-blend-mode as PDF names it (Multiply), "" for normal
	isolate     bool   // isolation: isolate
}

func initialStyle() *style {
	return &style{
		fill:          paintSpec{color: Color{}, alpha: 1},
		fillOpacity:   1,
		stroke:        paintSpec{none: true},
		strokeWidth:   1,
		strokeOpacity: 1,
		lineCap:       "butt",
		lineJoin:      "miter",
		miterLimit:    4,
		fontFamily:    []string{"serif"},
		fontSize:      16,
		fontWeight:    400,
		textAnchor:    "start",
		opacity:       1,
		display:       true,
		stopColor:     paintSpec{alpha: 1},
		stopOpacity:   1,
	}
}

// inherit returns a copy of s with the properties that are not inherited
// reset to their initial values.
func (s *style) inherit() *style {
	c := *s
	c.opacity = 1
	c.display = true
	c.clipPath, c.mask, c.filter = "", "", ""
	c.maskAlpha = false
	c.stopColor = paintSpec{alpha: 1}
	c.stopOpacity = 1
	c.overflow = ""
	c.alignment, c.shift = "", ""
	c.blend, c.isolate = "", false
	return &c
}

// viewport is the size percentages refer to.
type viewport struct{ w, h float64 }

func (v viewport) diagonal() float64 { return math.Sqrt((v.w*v.w + v.h*v.h) / 2) }

// apply computes the style of an element from its parent's (already
// inherited into s) and the declarations that apply to it.
func (s *style) apply(decls []declaration, parent *style, vp viewport) {
	values := map[string]string{}
	for _, d := range decls {
		switch d.prop {
		case "font":
			for k, v := range expandFont(d.value) {
				values[k] = v
			}
		case "marker":
			values["marker-start"], values["marker-mid"], values["marker-end"] = d.value, d.value, d.value
		default:
			values[d.prop] = d.value
		}
	}
	// Font size first: em lengths in everything else depend on it.
	if v, ok := values["font-size"]; ok {
		if v == "inherit" {
			s.fontSize = parent.fontSize
		} else if size, ok := fontSize(v, parent.fontSize); ok {
			s.fontSize = size
		}
	}
	for prop, v := range values {
		if v == "inherit" {
			s.inheritProp(prop, parent)
			continue
		}
		s.set(prop, v, parent, vp)
	}
}

func (s *style) inheritProp(prop string, p *style) {
	switch prop {
	case "fill":
		s.fill = p.fill
	case "stroke":
		s.stroke = p.stroke
	case "opacity":
		s.opacity = p.opacity
	case "display":
		s.display = p.display
	case "clip-path":
		s.clipPath = p.clipPath
	case "stop-color":
		s.stopColor = p.stopColor
	case "stop-opacity":
		s.stopOpacity = p.stopOpacity
	case "overflow":
		s.overflow = p.overflow
	}
	// Inherited properties already hold the parent's value.
}

func (s *style) set(prop, v string, parent *style, vp viewport) {
	lower := strings.ToLower(strings.TrimSpace(v))
	switch prop {
	case "fill":
		if p, ok := parsePaint(v); ok {
			s.fill = p
		}
	case "stroke":
		if p, ok := parsePaint(v); ok {
			s.stroke = p
		}
	case "fill-opacity":
		if o, ok := alphaValue(lower); ok {
			s.fillOpacity = o
		}
	case "stroke-opacity":
		if o, ok := alphaValue(lower); ok {
			s.strokeOpacity = o
		}
	case "opacity":
		if o, ok := alphaValue(lower); ok {
			s.opacity = o
		}
	case "fill-rule":
		s.fillEvenOdd = lower == "evenodd"
	case "clip-rule":
		s.clipEvenOdd = lower == "evenodd"
	case "stroke-width":
		if w, ok := length(v, vp.diagonal(), s.fontSize); ok && w >= 0 {
			s.strokeWidth = w
		}
	case "stroke-dasharray":
		s.dash = nil
		if lower == "none" {
			return
		}
		var dash []float64
		total := 0.0
		for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
			d, ok := length(f, vp.diagonal(), s.fontSize)
			if !ok || d < 0 {
				return // an invalid list is ignored, as the specification says
			}
			dash = append(dash, d)
			total += d
		}
		if total == 0 {
			return
		}
		if len(dash)%2 == 1 {
			dash = append(dash, dash...)
		}
		gaps := 0.0
		for i := 1; i < len(dash); i += 2 {
			gaps += dash[i]
		}
		if gaps == 0 {
			return // no gaps: a solid line
		}
		s.dash = dash
	case "stroke-dashoffset":
		if d, ok := length(v, vp.diagonal(), s.fontSize); ok {
			s.dashOffset = d
		}
	case "stroke-linecap":
		if lower == "butt" || lower == "round" || lower == "square" {
			s.lineCap = lower
		}
	case "stroke-linejoin":
		switch lower {
		case "miter", "round", "bevel":
			s.lineJoin = lower
		case "miter-clip", "arcs":
			s.lineJoin = "miter"
		}
	case "stroke-miterlimit":
		if m, ok := parseFloat(lower); ok && m >= 1 {
			s.miterLimit = m
		}
	case "color":
		if c, _, ok := parseColor(v); ok {
			s.color = c
		}
	case "font-family":
		if fams := parseFamilies(v); len(fams) > 0 {
			s.fontFamily = fams
		}
	case "font-weight":
		switch lower {
		case "normal":
			s.fontWeight = 400
		case "bold":
			s.fontWeight = 700
		case "bolder":
			s.fontWeight = min(900, parent.fontWeight+300)
		case "lighter":
			s.fontWeight = max(100, parent.fontWeight-300)
		default:
			if w, ok := parseFloat(lower); ok && w >= 1 && w <= 1000 {
				s.fontWeight = int(w)
			}
		}
	case "font-style":
		s.italic = lower == "italic" || strings.HasPrefix(lower, "oblique")
	case "text-anchor":
		if lower == "start" || lower == "middle" || lower == "end" {
			s.textAnchor = lower
		}
	case "dominant-baseline":
		s.baseline = lower
	case "alignment-baseline":
		s.alignment = lower
	case "baseline-shift":
		s.shift = lower
	case "white-space":
		switch lower {
		case "pre", "pre-wrap", "break-spaces":
			s.preserve = true
		case "normal", "nowrap", "pre-line":
			s.preserve = false
		}
	case "letter-spacing":
		if lower == "normal" {
			s.letterSpacing = 0
		} else if d, ok := length(v, 0, s.fontSize); ok {
			s.letterSpacing = d
		}
	case "word-spacing":
		if lower == "normal" {
			s.wordSpacing = 0
		} else if d, ok := length(v, 0, s.fontSize); ok {
			s.wordSpacing = d
		}
	case "visibility":
		s.hidden = lower == "hidden" || lower == "collapse"
	case "display":
		s.display = lower != "none"
	case "clip-path":
		s.clipPath = urlID(v)
	case "mask":
		s.mask = urlID(v)
	case "mask-type":
		s.maskAlpha = lower == "alpha"
	case "filter":
		if lower != "none" {
			s.filter = v
		}
	case "marker-start":
		s.markers[0] = urlID(v)
	case "marker-mid":
		s.markers[1] = urlID(v)
	case "marker-end":
		s.markers[2] = urlID(v)
	case "stop-color":
		if p, ok := parsePaint(v); ok && p.url == "" && !p.none {
			s.stopColor = p
		}
	case "stop-opacity":
		if o, ok := alphaValue(lower); ok {
			s.stopOpacity = o
		}
	case "overflow":
		s.overflow = lower
	case "text-decoration", "text-decoration-line":
		s.decoration = lower
	case "paint-order":
		// normal, or each of fill, stroke and markers at most once;
		// anything else is invalid, and ignored.
		seen := map[string]bool{}
		for _, f := range strings.Fields(lower) {
			if f != "fill" && f != "stroke" && f != "markers" && (f != "normal" || lower != "normal") || seen[f] {
				return
			}
			seen[f] = true
		}
		s.paintOrder = lower
	case "mix-blend-mode":
		if b, ok := blendModes[lower]; ok {
			s.blend = b
		}
	case "isolation":
		s.isolate = lower == "isolate"
	}
}

// blendModes are CSS's blend modes by the names PDF gives the same
// (ISO 32000-1, 11.3.5), normal as none.
var blendModes = map[string]string{
	"normal": "", "multiply": "Multiply", "screen": "Screen", "overlay": "Overlay",
	"darken": "Darken", "lighten": "Lighten", "color-dodge": "ColorDodge",
	"color-burn": "ColorBurn", "hard-light": "HardLight", "soft-light": "SoftLight",
	"difference": "Difference", "exclusion": "Exclusion", "hue": "Hue",
	"saturation": "Saturation", "color": "Color", "luminosity": "Luminosity",
}

// parsePaint reads a fill or stroke value.
func parsePaint(v string) (paintSpec, bool) {
	v = strings.TrimSpace(v)
	lower := strings.ToLower(v)
	switch lower {
	case "none", "transparent":
		return paintSpec{none: true}, true
	case "currentcolor":
		return paintSpec{currentColor: true, alpha: 1}, true
	case "context-fill":
		return paintSpec{context: "fill", alpha: 1}, true
	case "context-stroke":
		return paintSpec{context: "stroke", alpha: 1}, true
	}
	if strings.HasPrefix(lower, "url(") {
		end := strings.IndexByte(v, ')')
		if end < 0 {
			return paintSpec{}, false
		}
		p := paintSpec{url: urlID(v[:end+1])}
		if rest := strings.TrimSpace(v[end+1:]); rest != "" {
			if fb, ok := parsePaint(rest); ok && fb.url == "" {
				p.fallback = &fb
			}
		}
		return p, true
	}
	c, a, ok := parseColor(v)
	if !ok {
		return paintSpec{}, false
	}
	if a == 0 {
		return paintSpec{none: true}, true
	}
	return paintSpec{color: c, alpha: a}, true
}

// urlID returns the id in "url(#id)" (quotes allowed), or "".
func urlID(v string) string {
	v = strings.TrimSpace(v)
	if !strings.HasPrefix(strings.ToLower(v), "url(") {
		return ""
	}
	end := strings.IndexByte(v, ')')
	if end < 0 {
		return ""
	}
	ref := strings.Trim(strings.TrimSpace(v[4:end]), `"'`)
	ref = strings.TrimSpace(ref)
	if i := strings.IndexByte(ref, '#'); i >= 0 {
		return ref[i+1:]
	}
	return ""
}

// length reads an SVG length in user units. Percentages are of ref; em
// and ex of the font size.
func length(v string, ref, fontSize float64) (float64, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	i := len(v)
	for i > 0 && (v[i-1] >= 'a' && v[i-1] <= 'z' || v[i-1] >= 'A' && v[i-1] <= 'Z' || v[i-1] == '%') {
		i--
	}
	num, ok := parseFloat(strings.TrimSpace(v[:i]))
	if !ok {
		return 0, false
	}
	switch strings.ToLower(v[i:]) {
	case "", "px":
		return num, true
	case "%":
		return num * ref / 100, true
	case "pt":
		return num * 96 / 72, true
	case "pc":
		return num * 16, true
	case "mm":
		return num * 96 / 25.4, true
	case "cm":
		return num * 96 / 2.54, true
	case "q":
		return num * 96 / 101.6, true
	case "in":
		return num * 96, true
	case "em", "rem":
		return num * fontSize, true
	case "ex":
		return num * fontSize / 2, true
	}
	return 0, false
}

var fontSizeKeywords = map[string]float64{
	"xx-small": 9, "x-small": 10, "small": 13, "medium": 16,
	"large": 18, "x-large": 24, "xx-large": 32, "xxx-large": 48,
}

func fontSize(v string, parent float64) (float64, bool) {
	lower := strings.ToLower(strings.TrimSpace(v))
	if k, ok := fontSizeKeywords[lower]; ok {
		return k, true
	}
	switch lower {
	case "smaller":
		return parent / 1.2, true
	case "larger":
		return parent * 1.2, true
	}
	size, ok := length(v, parent, parent)
	return size, ok && size >= 0
}

// parseFamilies splits a font-family list, unquoting names.
func parseFamilies(v string) []string {
	var out []string
	for _, f := range splitTopLevel(v, ',') {
		f = strings.TrimSpace(f)
		f = strings.Trim(f, `"'`)
		f = strings.TrimSpace(f)
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

// expandFont splits the font shorthand ("italic bold 12px/1.2 Georgia,
// serif") into its properties.
func expandFont(v string) map[string]string {
	out := map[string]string{"font-style": "normal", "font-weight": "normal"}
	fields := strings.Fields(v)
	for i, f := range fields {
		lower := strings.ToLower(f)
		switch {
		case lower == "italic" || lower == "oblique":
			out["font-style"] = lower
		case lower == "bold" || lower == "bolder" || lower == "lighter" ||
			len(lower) == 3 && lower[1:] == "00" && lower[0] >= '1' && lower[0] <= '9':
			out["font-weight"] = lower
		case lower == "normal" || lower == "small-caps":
		default:
			size := f
			if k := strings.IndexByte(size, '/'); k >= 0 {
				size = size[:k]
			}
			out["font-size"] = size
			if fam := strings.Join(fields[i+1:], " "); fam != "" {
				out["font-family"] = fam
			}
			return out
		}
	}
	return out
}
