package svg

import (
	"math"
	"strings"
	"unicode/utf8"
)

// HTML text in a <foreignObject>, as draw.io and Mermaid write labels, is
// set here as runs of text like <text>: the words with their fonts,
// sizes and colours, broken into lines at <br> and block elements,
// wrapped to the box's width and aligned as its CSS asks. This is far
// from a CSS engine: it follows the few layouts those tools write (a
// chain of wrapper <div>s, one of them a flex box that centres the
// label) and leaves pictures, forms and tables of real HTML to the
// fallback or the placeholder.

// htmlTextElements are the HTML elements a label may be made of.
var htmlTextElements = setOfNames(
	"html", "body", "div", "p", "span", "br", "wbr", "b", "strong", "i", "em", "u", "s", "strike",
	"del", "ins", "font", "a", "code", "tt", "kbd", "samp", "var", "pre", "small", "big", "sub",
	"sup", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "center", "label",
	"abbr", "cite", "q", "mark", "dl", "dt", "dd", "table", "tbody", "thead", "tfoot", "tr", "td",
	"th", "section", "header", "footer", "article", "nav", "main", "hr", "address", "figure",
	"figcaption", "caption", "nobr",
)

// htmlBlocks are the elements that are blocks unless their style says
// otherwise: each starts and ends a line.
var htmlBlocks = setOfNames(
	"html", "body", "div", "p", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
	"blockquote", "center", "dl", "dt", "dd", "table", "tbody", "thead", "tfoot", "tr",
	"section", "header", "footer", "article", "nav", "main", "hr", "address", "figure",
	"figcaption", "caption",
)

func setOfNames(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// htmlName is an HTML element's local name, lower case.
func htmlName(n *node) string { return strings.ToLower(strings.TrimPrefix(n.name, "?")) }

// settableHTML reports whether a <foreignObject> holds only XHTML text
// that can be set as runs of text: no pictures, forms or other
// vocabularies, and something in it. An emptied one (as cleaning leaves
// it) is content that is missing, not a label with nothing to say.
func settableHTML(fo *node) bool {
	content := false
	var walk func(n *node) bool
	walk = func(n *node) bool {
		for _, c := range n.children {
			if c.isText {
				content = content || strings.TrimSpace(c.text) != ""
				continue
			}
			if !c.html || !htmlTextElements[htmlName(c)] {
				return false
			}
			content = true
			if !walk(c) {
				return false
			}
		}
		return true
	}
	return walk(fo) && content
}

// genericNotice reports whether a switch's fallback is only the notice
// draw.io writes where it cannot give the label as SVG text, which says
// nothing about the picture.
func genericNotice(n *node) bool {
	var b strings.Builder
	var walk func(n *node)
	walk = func(n *node) {
		for _, c := range n.children {
			if c.isText {
				b.WriteString(c.text)
			} else {
				walk(c)
			}
		}
	}
	walk(n)
	return GenericNotice(b.String())
}

// GenericNotice reports whether text is only the notice draw.io writes as
// the SVG fallback of a label it cannot give as SVG text.
func GenericNotice(text string) bool {
	t := strings.Join(strings.Fields(text), " ")
	return t == "[Not supported by viewer]" || strings.HasPrefix(t, "Text is not SVG - cannot display") ||
		strings.HasPrefix(t, "Viewer does not support full SVG")
}

// lineHeight is a CSS line-height: normal, a factor of the font size
// (inherited as the factor), or a length (inherited as the length).
type lineHeight struct {
	factor float64 // 0 for normal or a length
	abs    float64 // a length, when factor is 0 and abs > 0
}

// of is the height of a line in a font of the given size.
func (lh lineHeight) of(size float64) float64 {
	switch {
	case lh.factor > 0:
		return lh.factor * size
	case lh.abs > 0:
		return lh.abs
	}
	return 1.2 * size // what browsers give "normal" for the common fonts, roughly
}

// htmlInherited are the inherited CSS properties of text layout that the
// SVG style does not hold.
type htmlInherited struct {
	align      string // left, center, right
	lineHeight lineHeight
	whiteSpace string // normal, nowrap, pre, pre-wrap, pre-line, break-spaces
}

// htmlFrag is a stretch of a line's text in one style.
type htmlFrag struct {
	st    *style
	lh    lineHeight
	text  string
	space bool // a collapsible space, where a line may break
	bg    *background
}

// background is the background colour of the element text is in, which
// draw.io gives edge labels so the line they sit on does not cross them.
type background struct {
	color Color
	alpha float64
}

// backgroundOf reads an element's background-color (or a background
// shorthand that is only a colour), nil for none or transparent.
func backgroundOf(decls []declaration) *background {
	var bg *background
	for _, d := range decls {
		if d.prop != "background-color" && d.prop != "background" {
			continue
		}
		bg = nil
		if c, a, ok := parseColor(strings.TrimSpace(d.value)); ok && a > 0 {
			bg = &background{c, a}
		}
	}
	return bg
}

// over is the colour of background b painted over background under (nil
// for none).
func (b *background) over(under *background) *background {
	if under == nil || b.alpha >= 1 {
		return b
	}
	alpha := b.alpha + under.alpha*(1-b.alpha)
	mix := func(top, bottom uint8) uint8 {
		v := (float64(top)*b.alpha + float64(bottom)*under.alpha*(1-b.alpha)) / alpha
		return uint8(math.Round(v))
	}
	return &background{
		color: Color{mix(b.color.R, under.color.R), mix(b.color.G, under.color.G), mix(b.color.B, under.color.B)},
		alpha: alpha,
	}
}

// htmlPara is the text between two line breaks: one line, or several when
// it is wrapped.
type htmlPara struct {
	// space is the collapsed margin of the blocks before the paragraph.
	space float64
	frags []htmlFrag
	strut *style // the block's own font, which sets a line's least height
	lh    lineHeight
	align string
	wrap  bool
	index int // in the layout's paragraphs
}

// htmlLayout collects the text of a <foreignObject> into paragraphs.
type htmlLayout struct {
	r         *renderer
	vp        viewport
	paras     []*htmlPara
	cur       *htmlPara
	block     *style
	blockInh  htmlInherited
	lastSpace bool
	// blockBacks are the backgrounds of blocks, outer ones first.
	blockBacks []blockBackground
	// margin is the vertical margin waiting for the next paragraph: the
	// largest of the block margins met since the last one, as adjacent
	// margins collapse; taken are the blocks whose margins htmlBox has
	// placed the label by.
	margin float64
	taken  map[*node]bool
}

// blockBackground is the background of a block (an inline block, a
// table cell, a paragraph), which fills the box of its lines: the
// paragraphs from the index from to the index to.
type blockBackground struct {
	bg       *background
	from, to int
}

// foreignObject sets the HTML text of a <foreignObject> (settableHTML has
// said it can be).
func (r *renderer) foreignObject(n *node, s *style, ctx context) []Item {
	fs := s.fontSize
	x, _ := length(n.attr("x"), ctx.vp.w, fs)
	y, _ := length(n.attr("y"), ctx.vp.h, fs)
	w, _ := length(n.attr("width"), ctx.vp.w, fs)
	h, _ := length(n.attr("height"), ctx.vp.h, fs)
	inh := r.svgInherited(n)
	box := r.htmlBox(n, s, ctx.vp, Rect{x, y, w, h})
	hl := &htmlLayout{r: r, vp: ctx.vp, block: s, blockInh: inh, lastSpace: true, taken: box.taken}
	hl.collect(n, s, inh, nil)
	hl.endPara(false)
	if len(hl.paras) == 0 {
		return nil
	}
	box.trail = hl.margin
	return hl.place(box, ctx)
}

// svgInherited computes the HTML text properties a <foreignObject>
// inherits from its SVG ancestors (a style sheet may set text-align on a
// group, as Mermaid's does).
func (r *renderer) svgInherited(fo *node) htmlInherited {
	var chain []*node
	for p := fo; p != nil; p = p.parent {
		chain = append(chain, p)
	}
	inh := htmlInherited{align: "left", whiteSpace: "normal"}
	for i := len(chain) - 1; i >= 0; i-- {
		inh = r.htmlInherit(chain[i], inh, r.documentStyle(chain[i]).fontSize)
	}
	return inh
}

// htmlInherit applies n's declarations of the inherited text properties.
func (r *renderer) htmlInherit(n *node, inh htmlInherited, fontSize float64) htmlInherited {
	// HTML's align attribute (draw.io writes <p align="center">), weaker
	// than the element's text-align
	switch strings.ToLower(strings.TrimSpace(n.attr("align"))) {
	case "left", "justify":
		inh.align = "left"
	case "center", "middle":
		inh.align = "center"
	case "right":
		inh.align = "right"
	}
	for _, d := range r.decls(n) {
		v := strings.ToLower(strings.TrimSpace(d.value))
		switch d.prop {
		case "text-align":
			switch v {
			case "left", "start", "justify":
				inh.align = "left"
			case "center", "-webkit-center", "-moz-center":
				inh.align = "center"
			case "right", "end":
				inh.align = "right"
			}
		case "white-space":
			switch v {
			case "normal", "nowrap", "pre", "pre-wrap", "pre-line", "break-spaces":
				inh.whiteSpace = v
			}
		case "line-height":
			if v == "normal" {
				inh.lineHeight = lineHeight{}
			} else if f, ok := parseFloat(v); ok && f >= 0 {
				inh.lineHeight = lineHeight{factor: f}
			} else if l, ok := length(v, fontSize, fontSize); ok && l > 0 {
				inh.lineHeight = lineHeight{abs: l}
			}
		}
	}
	return inh
}

// htmlDisplay is an element's display, from its declarations or what its
// name makes it.
func (r *renderer) htmlDisplay(n *node) string {
	display := "inline"
	if htmlBlocks[htmlName(n)] {
		display = "block"
	}
	for _, d := range r.decls(n) {
		if d.prop == "display" {
			display = strings.ToLower(strings.TrimSpace(d.value))
		}
	}
	return display
}

// htmlDefaults are the declarations a browser's own style sheet and the
// presentational attributes of <font> give an element, weaker than its
// own.
func htmlDefaults(n *node) []declaration {
	var out []declaration
	add := func(prop, value string) { out = append(out, declaration{prop: prop, value: value}) }
	switch name := htmlName(n); name {
	case "b", "strong", "th":
		add("font-weight", "bold")
	case "i", "em", "cite", "var", "address":
		add("font-style", "italic")
	case "u", "ins":
		add("text-decoration", "underline")
	case "s", "strike", "del":
		add("text-decoration", "line-through")
	case "code", "tt", "kbd", "samp", "pre":
		add("font-family", "monospace")
	case "small", "sub", "sup":
		add("font-size", "smaller")
	case "big":
		add("font-size", "larger")
	case "h1", "h2", "h3", "h4", "h5", "h6":
		add("font-weight", "bold")
		add("font-size", [...]string{"2em", "1.5em", "1.17em", "1em", "0.83em", "0.67em"}[name[1]-'1'])
	case "font":
		if face := n.attr("face"); face != "" {
			add("font-family", face)
		}
		if size, ok := fontTagSize(n.attr("size")); ok {
			add("font-size", size)
		}
	}
	return out
}

// blockMargins is an HTML block's top and bottom margin: its own
// (margin-top, margin-bottom, the margin shorthand), or what a browser's
// style sheet gives its element (a <p>'s 1em), in ems of fs, its font
// size. Negative margins count as none.
func (r *renderer) blockMargins(n *node, fs float64) (top, bottom float64) {
	if e, ok := defaultMargins[htmlName(n)]; ok {
		top, bottom = e*fs, e*fs
	}
	props := map[string]string{}
	for _, d := range r.decls(n) {
		props[d.prop] = strings.TrimSpace(d.value)
	}
	if all := strings.Fields(props["margin"]); len(all) > 0 {
		top, _ = length(all[0], 0, fs)
		bottom = top
		if len(all) >= 3 {
			bottom, _ = length(all[2], 0, fs)
		}
	}
	if v, ok := props["margin-top"]; ok {
		top, _ = length(v, 0, fs)
	}
	if v, ok := props["margin-bottom"]; ok {
		bottom, _ = length(v, 0, fs)
	}
	return max(top, 0), max(bottom, 0)
}

// defaultMargins are the vertical margins a browser's style sheet gives
// blocks, in ems of their own font size.
var defaultMargins = map[string]float64{
	"p": 1, "ul": 1, "ol": 1, "dl": 1, "blockquote": 1, "pre": 1, "figure": 1,
	"h1": 0.67, "h2": 0.83, "h3": 1, "h4": 1.33, "h5": 1.67, "h6": 2.33,
}

// fontTagSize maps <font size> (1 to 7, or relative to 3) to CSS.
func fontTagSize(v string) (string, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", false
	}
	base := 0
	if v[0] == '+' || v[0] == '-' {
		base = 3
	}
	k, ok := parseFloat(strings.TrimPrefix(v, "+"))
	if !ok {
		return "", false
	}
	i := min(max(base+int(k), 1), 7)
	return [...]string{"10px", "13px", "16px", "18px", "24px", "32px", "48px"}[i-1], true
}

// collect walks n's children, adding their text to paragraphs.
func (hl *htmlLayout) collect(n *node, s *style, inh htmlInherited, bg *background) {
	for _, c := range n.children {
		if c.isText {
			hl.addText(c.text, s, inh, bg)
			continue
		}
		name := htmlName(c)
		cs := s.inherit()
		cs.apply(append(htmlDefaults(c), hl.r.decls(c)...), s, hl.vp)
		if !cs.display {
			continue
		}
		ci := hl.r.htmlInherit(c, inh, cs.fontSize)
		if name == "center" {
			ci.align = "center"
		}
		if name == "br" {
			hl.endPara(true)
			continue
		}
		own := backgroundOf(hl.r.decls(c))
		cbg := bg
		if own != nil {
			cbg = own.over(bg)
		}
		switch hl.r.htmlDisplay(c) {
		case "inline", "contents":
			if name == "td" || name == "th" {
				hl.addText(" ", cs, ci, cbg)
			}
			hl.collect(c, cs, ci, cbg)
		default:
			// Blocks, flex boxes, inline blocks and table parts each
			// take lines of their own: a label's inline blocks hold
			// its whole text.
			hl.endPara(false)
			top, bottom := 0.0, 0.0
			if !hl.taken[c] {
				top, bottom = hl.r.blockMargins(c, cs.fontSize)
			}
			hl.margin = max(hl.margin, top)
			saved, savedInh := hl.block, hl.blockInh
			hl.block, hl.blockInh = cs, ci
			back := -1
			if own != nil {
				// A block's background fills its box, which its text
				// is on.
				back = len(hl.blockBacks)
				hl.blockBacks = append(hl.blockBacks, blockBackground{bg: own, from: len(hl.paras)})
				cbg = bg
			}
			if name == "li" {
				hl.addText("• ", cs, ci, cbg)
			}
			hl.collect(c, cs, ci, cbg)
			hl.endPara(false)
			hl.margin = max(hl.margin, bottom)
			if back >= 0 {
				hl.blockBacks[back].to = len(hl.paras)
			}
			hl.block, hl.blockInh = saved, savedInh
		}
	}
}

// addText adds character data, its white space treated as white-space
// asks: collapsed unless preserved, newlines breaking lines where
// preserved.
func (hl *htmlLayout) addText(text string, st *style, inh htmlInherited, bg *background) {
	ws := inh.whiteSpace
	keepSpaces := ws == "pre" || ws == "pre-wrap" || ws == "break-spaces"
	keepNewlines := keepSpaces || ws == "pre-line"
	var b strings.Builder
	flush := func(space bool) {
		if b.Len() > 0 {
			hl.para().frags = append(hl.para().frags, htmlFrag{st: st, lh: inh.lineHeight, text: b.String(), bg: bg})
			b.Reset()
		}
		if space {
			hl.para().frags = append(hl.para().frags, htmlFrag{st: st, lh: inh.lineHeight, text: " ", space: true, bg: bg})
		}
	}
	for len(text) > 0 {
		c, size := utf8.DecodeRuneInString(text)
		text = text[size:]
		switch {
		case c == '\r':
			continue
		case c == '\n' && keepNewlines:
			flush(false)
			hl.endPara(true)
			continue
		case (c == ' ' || c == '\t' || c == '\n' || c == '\f') && !keepSpaces:
			if hl.lastSpace {
				continue
			}
			hl.lastSpace = true
			flush(true)
			continue
		case c == '\t':
			c = ' '
		}
		if c == ' ' || c == '\u00a0' {
			// A kept space neither collapses nor lets the line break.
			c = ' '
		}
		hl.lastSpace = false
		b.WriteRune(c)
	}
	flush(false)
}

// para is the paragraph text is being added to, started in the current
// block when there is none.
func (hl *htmlLayout) para() *htmlPara {
	if hl.cur == nil {
		ws := hl.blockInh.whiteSpace
		hl.cur = &htmlPara{space: hl.margin, strut: hl.block, lh: hl.blockInh.lineHeight, align: hl.blockInh.align,
			wrap: ws == "normal" || ws == "pre-wrap" || ws == "pre-line" || ws == "break-spaces"}
	}
	return hl.cur
}

// endPara ends the paragraph being added to, if it has text or the break
// is forced (a <br> ends even an empty line).
func (hl *htmlLayout) endPara(force bool) {
	p := hl.cur
	if p != nil {
		for len(p.frags) > 0 && p.frags[len(p.frags)-1].space {
			p.frags = p.frags[:len(p.frags)-1]
		}
	}
	if p == nil && force {
		p = hl.para()
	}
	if p != nil && (len(p.frags) > 0 || force) {
		p.index = len(hl.paras)
		hl.paras = append(hl.paras, p)
		hl.margin = 0
	} else if p != nil {
		// an empty paragraph: its margin still waits
		hl.margin = max(hl.margin, p.space)
	}
	hl.cur = nil
	hl.lastSpace = true
}

// htmlArea is where a label's lines go: a box, and how a flex box places
// its content in it.
type htmlArea struct {
	box     Rect
	flex    bool
	justify string // start, center, end
	align   string // start, center, end
	wrapW   float64
	// taken are the wrappers whose vertical margins placed the box; the
	// margins of blocks inside a flex box are the flex item's and are
	// set around its lines, trail the last of them, below the lines.
	taken map[*node]bool
	trail float64
}

// htmlBox follows the chain of wrapper elements from the
// <foreignObject> to its text, adding up their margins and padding and
// taking their widths, as draw.io positions a label: its outer <div> is
// a flex box whose padding-top is the label's middle (align-items:
// center on a 1px height) and margin-left its left edge.
func (r *renderer) htmlBox(fo *node, s *style, vp viewport, box Rect) htmlArea {
	a := htmlArea{box: box, justify: "start", align: "start", wrapW: box.W, taken: map[*node]bool{}}
	n := fo
	st := s
	for {
		var only *node
		count := 0
		for _, c := range n.children {
			if c.isText {
				if strings.TrimSpace(c.text) != "" {
					count += 2
				}
				continue
			}
			only = c
			count++
		}
		if count != 1 || only == nil {
			break
		}
		display := r.htmlDisplay(only)
		if display == "inline" || display == "contents" {
			break
		}
		n = only
		cs := st.inherit()
		cs.apply(append(htmlDefaults(n), r.decls(n)...), st, vp)
		st = cs
		fs := st.fontSize
		props := map[string]string{}
		for _, d := range r.decls(n) {
			props[d.prop] = strings.TrimSpace(d.value)
		}
		edge := func(prop string, side int, ref float64) float64 {
			v, ok := props[prop+"-"+[...]string{"top", "right", "bottom", "left"}[side]]
			if !ok {
				all := strings.Fields(props[prop])
				// top, right, bottom, left; missing ones repeat the
				// opposite side, as the shorthand says
				switch {
				case len(all) == 0:
					return 0
				case side < len(all):
					v = all[side]
				case side == 3 && len(all) >= 2:
					v = all[1]
				case side == 2:
					v = all[0]
				default:
					v = all[0]
				}
			}
			l, _ := length(v, ref, fs)
			return l
		}
		dx := edge("margin", 3, a.box.W) + edge("padding", 3, a.box.W)
		dy := edge("padding", 0, a.box.W)
		if !a.flex {
			// A wrapper outside any flex box is placed by its top
			// margin, its own or the browser's default for it (a <p>'s).
			top, _ := r.blockMargins(n, fs)
			dy += top
			a.taken[n] = true
		}
		a.box.X += dx
		a.box.Y += dy
		if v, ok := length(props["width"], a.box.W, fs); ok && v >= 0 {
			a.box.W = v
			a.wrapW = v
		} else {
			a.box.W -= dx + edge("margin", 1, a.box.W) + edge("padding", 1, a.box.W)
			a.wrapW = min(a.wrapW, a.box.W)
		}
		if v, ok := length(props["max-width"], a.box.W, fs); ok && v >= 0 && v < a.wrapW {
			a.wrapW = v
		}
		if v, ok := length(props["height"], a.box.H, fs); ok && v >= 0 {
			a.box.H = v
		}
		if (display == "flex" || display == "inline-flex") && !a.flex {
			a.flex = true
			a.justify = flexPlace(props["justify-content"])
			a.align = flexPlace(props["align-items"])
		}
	}
	return a
}

// flexPlace reads justify-content or align-items as start, center or
// end ("unsafe center" is draw.io's).
func flexPlace(v string) string {
	f := strings.Fields(strings.ToLower(v))
	if len(f) == 0 {
		return "start"
	}
	switch f[len(f)-1] {
	case "center":
		return "center"
	case "flex-end", "end", "right", "self-end":
		return "end"
	}
	return "start"
}

// htmlLine is one line of set text.
type htmlLine struct {
	frags []htmlFrag
	width float64
	para  *htmlPara
}

// placedLine is a wrapped line where it is set: its left edge and
// baseline, the top and bottom of its line box, and the left edge and
// width of the block its alignment is within.
type placedLine struct {
	htmlLine
	x, base, top, bottom float64
	blockX, blockW       float64
}

// setLines wraps the paragraphs into lines and places them in the area.
func (hl *htmlLayout) setLines(a htmlArea) []placedLine {
	r := hl.r
	var lines []htmlLine
	for _, p := range hl.paras {
		lines = append(lines, hl.wrap(p, a.wrapW)...)
	}
	blockW := 0.0
	for _, l := range lines {
		blockW = max(blockW, l.width)
	}
	// Line boxes: each inline's half-leading around its font's ascent
	// and descent, the block's own font counting too, as CSS stacks them.
	type metrics struct{ above, below float64 }
	lineMetrics := make([]metrics, len(lines))
	blockH := a.trail
	for i, l := range lines {
		if i == 0 || l.para != lines[i-1].para {
			blockH += l.para.space
		}
		m := metrics{}
		add := func(st *style, lh lineHeight) {
			font := fontOf(st)
			size := st.fontSize
			asc, desc := r.ascent(font)*size, r.descent(font)*size
			above := (lh.of(size)-asc-desc)/2 + asc
			m.above = max(m.above, above)
			m.below = max(m.below, lh.of(size)-above)
		}
		add(l.para.strut, l.para.lh)
		for _, f := range l.frags {
			add(f.st, f.lh)
		}
		lineMetrics[i] = m
		blockH += m.above + m.below
	}
	x0, y0 := a.box.X, a.box.Y
	width := a.box.W
	if a.flex {
		// The flex item shrinks to its lines and is placed in the box;
		// "unsafe" lets it overflow both sides alike.
		width = blockW
		switch a.justify {
		case "center":
			x0 += (a.box.W - blockW) / 2
		case "end":
			x0 += a.box.W - blockW
		}
		switch a.align {
		case "center":
			y0 += (a.box.H - blockH) / 2
		case "end":
			y0 += a.box.H - blockH
		}
	}
	placed := make([]placedLine, len(lines))
	top := y0
	for i, l := range lines {
		if i == 0 || l.para != lines[i-1].para {
			top += l.para.space
		}
		pl := placedLine{htmlLine: l, base: top + lineMetrics[i].above, top: top, blockX: x0, blockW: width}
		top += lineMetrics[i].above + lineMetrics[i].below
		pl.bottom = top
		pl.x = x0
		switch l.para.align {
		case "center":
			pl.x += (width - l.width) / 2
		case "right":
			pl.x += width - l.width
		}
		placed[i] = pl
	}
	return placed
}

// place sets the paragraphs' lines in the area as runs of text.
func (hl *htmlLayout) place(a htmlArea, ctx context) []Item {
	r := hl.r
	lines := hl.setLines(a)
	var items []Item
	// Backgrounds go under all the label's text.
	for _, b := range hl.backgroundBoxes(lines) {
		items = append(items, &Shape{Transform: ctx.ctm, Path: rectPath(b.X, b.Y, b.W, b.H, 0, 0),
			Fill: &Fill{Paint: Paint{Color: b.bg.color}, Opacity: b.bg.alpha * ctx.opacity}})
	}
	for _, l := range lines {
		x := l.x
		eachRun(l.frags, func(st *style, _ *background, s string) {
			font := fontOf(st)
			w := r.measure(font, s) * st.fontSize
			if t := hl.htmlText(st, ctx, font, x, l.base, s, w); t != nil {
				items = append(items, t)
				items = append(items, decorations(t, st.decoration)...)
			}
			x += w
		})
	}
	return items
}

// backgroundBox is a box filled behind a label's text.
type backgroundBox struct {
	Rect
	bg *background
}

// backgroundBoxes are the boxes behind the text of placed lines that is
// on a background colour, in the order a browser paints them. A block's
// fills the box of its lines, from the left of the leftmost to the right
// of the rightmost: the box of the inline block or table cell, shrunk to
// its text, that draw.io and Mermaid give an edge label. An inline
// element's fills, on each line, a box as wide as its text and as tall as
// the line. The drawing and the SVG text written for a picture that may
// not hold HTML both take them from here.
func (hl *htmlLayout) backgroundBoxes(lines []placedLine) []backgroundBox {
	r := hl.r
	var boxes []backgroundBox
	add := func(box Rect, bg *background) {
		// One painted over another of the same box is their mix:
		// Mermaid fills an edge label's cell, its <span> and its <p>,
		// each half-transparent, which together all but hide the edge.
		if n := len(boxes); n > 0 && sameRect(boxes[n-1].Rect, box) {
			boxes[n-1].bg = bg.over(boxes[n-1].bg)
			return
		}
		boxes = append(boxes, backgroundBox{box, bg})
	}
	for _, b := range hl.blockBacks {
		box := Rect{X: math.Inf(1)}
		right, bottom := math.Inf(-1), 0.0
		for _, l := range lines {
			if l.para.index < b.from || l.para.index >= b.to {
				continue
			}
			if math.IsInf(box.X, 1) {
				box.Y = l.top
			}
			box.X = min(box.X, l.x)
			right = max(right, l.x+l.width)
			bottom = l.bottom
		}
		if right > box.X {
			box.W, box.H = right-box.X, bottom-box.Y
			add(box, b.bg)
		}
	}
	for _, l := range lines {
		x := l.x
		joinable := false // whether the last box ends where this run starts
		eachRun(l.frags, func(st *style, bg *background, s string) {
			w := r.measure(fontOf(st), s) * st.fontSize
			switch {
			case bg == nil || st.hidden || !(w > 0):
				joinable = false
			case joinable && *boxes[len(boxes)-1].bg == *bg:
				// Runs in other styles on one background make one box,
				// which leaves no seam between them.
				boxes[len(boxes)-1].W += w
			default:
				add(Rect{x, l.top, w, l.bottom - l.top}, bg)
				joinable = true
			}
			x += w
		})
	}
	return boxes
}

// sameRect reports whether two boxes are one, but for the error of
// adding up widths in another order.
func sameRect(a, b Rect) bool {
	const e = 1e-6
	return math.Abs(a.X-b.X) < e && math.Abs(a.Y-b.Y) < e && math.Abs(a.W-b.W) < e && math.Abs(a.H-b.H) < e
}

// eachRun calls do for each run of fragments of one style on one
// background, with their text joined.
func eachRun(frags []htmlFrag, do func(st *style, bg *background, text string)) {
	for j := 0; j < len(frags); {
		st, bg := frags[j].st, frags[j].bg
		var text strings.Builder
		for j < len(frags) && sameRun(frags[j], st, bg) {
			text.WriteString(frags[j].text)
			j++
		}
		do(st, bg, text.String())
	}
}

// sameRun reports whether a fragment joins the run of style st on
// background bg.
func sameRun(f htmlFrag, st *style, bg *background) bool {
	return f.bg == bg && (f.st == st || sameTextStyle(f.st, st) && f.st.color == st.color && f.st.decoration == st.decoration)
}

// htmlText is a run of HTML text, in its colour.
func (hl *htmlLayout) htmlText(st *style, ctx context, font Font, x, base float64, s string, w float64) *Text {
	if st.hidden || st.fontSize <= 0 || strings.TrimSpace(s) == "" || ctx.opacity <= 0 {
		return nil
	}
	return &Text{
		Transform: ctx.ctm, X: x, Y: base, Font: font, Size: st.fontSize, Text: s, Width: w,
		Fill: &Fill{Paint: Paint{Color: st.color}, Opacity: ctx.opacity},
	}
}

// wrap breaks a paragraph into lines no wider than width where it may
// (at collapsible spaces), a word wider than the line keeping a line of
// its own.
func (hl *htmlLayout) wrap(p *htmlPara, width float64) []htmlLine {
	r := hl.r
	fragW := func(f htmlFrag) float64 { return r.measure(fontOf(f.st), f.text) * f.st.fontSize }
	var lines []htmlLine
	cur := htmlLine{para: p}
	var pending []htmlFrag // a space waiting for the word after it
	pendingW := 0.0
	i := 0
	for i < len(p.frags) {
		if p.frags[i].space {
			if len(cur.frags) > 0 {
				pending = append(pending, p.frags[i])
				pendingW += fragW(p.frags[i])
			}
			i++
			continue
		}
		// A word runs up to the next space, across changes of style.
		j := i
		wordW := 0.0
		for j < len(p.frags) && !p.frags[j].space {
			wordW += fragW(p.frags[j])
			j++
		}
		if p.wrap && width > 0 && len(cur.frags) > 0 && cur.width+pendingW+wordW > width+1e-6 {
			lines = append(lines, cur)
			cur = htmlLine{para: p}
		} else {
			cur.frags = append(cur.frags, pending...)
			cur.width += pendingW
		}
		pending, pendingW = nil, 0
		cur.frags = append(cur.frags, p.frags[i:j]...)
		cur.width += wordW
		i = j
	}
	return append(lines, cur)
}
