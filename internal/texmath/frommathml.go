package texmath

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Presentation MathML, as HTML pages and EPUBs hold it, is read into the
// same tree as TeX, so that it is typeset by the same engine and written
// back as MathML by the same writer. What the tree cannot hold (a box
// drawn round a formula, a glyph from an image, content MathML) is
// refused with an *Error whose Construct names the element ("<menclose
// notation=box>"): the formula is then printed as text, as TeX the
// reader does not know is.

// MathMLError is the element kind a refusal names, the key under which
// a file's refusals are counted: "menclose", "mglyph".
func MathMLError(err error) string {
	if e, ok := err.(*Error); ok && strings.HasPrefix(e.Construct, "<") {
		name, _, _ := strings.Cut(strings.Trim(e.Construct, "<>"), " ")
		return name
	}
	return ""
}

// MathMLDisplay reports whether a <math> element is display math
// (display="block", or MathML 2's mode="display").
func MathMLDisplay(m *html.Node) bool {
	return strings.EqualFold(strings.TrimSpace(mmlAttr(m, "display")), "block") ||
		strings.EqualFold(strings.TrimSpace(mmlAttr(m, "mode")), "display")
}

// MathMLTeX is the TeX a <math> element carries as an annotation of its
// semantics (encoding application/x-tex, or TeX), the author's own
// source, or "". Wikipedia's wraps it in {\displaystyle …}.
func MathMLTeX(m *html.Node) string {
	for s := firstElement(m); s != nil; s = nextElement(s) {
		if s.Data != "semantics" {
			continue
		}
		for a := firstElement(s); a != nil; a = nextElement(a) {
			if a.Data != "annotation" {
				continue
			}
			switch strings.ToLower(strings.TrimSpace(mmlAttr(a, "encoding"))) {
			case "application/x-tex", "tex", "latex", "application/x-latex":
				return strings.TrimSpace(textOf(a))
			}
		}
	}
	return ""
}

// FromMathML reads a <math> element into a Row. The error is an *Error.
func FromMathML(m *html.Node) (*Node, error) {
	r := &mmlReader{fixed: map[*Node]bool{}}
	return r.row(m, 0)
}

// mmlReader reads one <math> element; fixed are the <mo>s their writer
// asked not to stretch (stretchy="false"), which no row makes fences.
type mmlReader struct {
	fixed map[*Node]bool
}

func mmlAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func firstElement(n *html.Node) *html.Node {
	c := n.FirstChild
	for c != nil && c.Type != html.ElementNode {
		c = c.NextSibling
	}
	return c
}

func nextElement(n *html.Node) *html.Node {
	c := n.NextSibling
	for c != nil && c.Type != html.ElementNode {
		c = c.NextSibling
	}
	return c
}

func elements(n *html.Node) []*html.Node {
	var out []*html.Node
	for c := firstElement(n); c != nil; c = nextElement(c) {
		out = append(out, c)
	}
	return out
}

// textOf is the text of a token element: its text nodes, comments left
// out, white space at its ends trimmed and inside collapsed, as MathML
// reads it.
func textOf(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(p *html.Node) {
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				sb.WriteString(c.Data)
			case html.ElementNode:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(sb.String()), " ")
}

func (r *mmlReader) unsupported(n *html.Node, detail string) error {
	c := "<" + n.Data
	if detail != "" {
		c += " " + detail
	}
	return &Error{Construct: c + ">"}
}

// row reads n's element children as a Row.
func (r *mmlReader) row(n *html.Node, depth int) (*Node, error) {
	if depth > maxDepth {
		return nil, &Error{Msg: "elements nested too deep"}
	}
	row := &Node{Kind: Row}
	for _, c := range elements(n) {
		a, err := r.node(c, depth+1)
		if err != nil {
			return nil, err
		}
		if a != nil {
			row.Children = append(row.Children, a)
		}
	}
	r.fenceRow(row)
	demoteBins(row.Children)
	if len(row.Children) == 1 && row.Children[0].Kind == Row {
		// an mrow alone in its parent is its parent's row
		return row.Children[0], nil
	}
	return row, nil
}

// arg is one argument of a layout element (mfrac's numerator): an
// element, a Row of nothing for <none/>.
func (r *mmlReader) arg(n *html.Node, depth int) (*Node, error) {
	if n.Data == "none" {
		return nil, nil
	}
	a, err := r.node(n, depth+1)
	if err != nil || a != nil {
		return a, err
	}
	return &Node{Kind: Row}, nil
}

// args reads exactly want element children of n.
func (r *mmlReader) args(n *html.Node, want, depth int) ([]*Node, error) {
	es := elements(n)
	if len(es) != want {
		return nil, &Error{Msg: "<" + n.Data + "> with " + strconv.Itoa(len(es)) + " children, not " + strconv.Itoa(want)}
	}
	out := make([]*Node, want)
	for i, e := range es {
		a, err := r.arg(e, depth)
		if err != nil {
			return nil, err
		}
		out[i] = a
	}
	return out, nil
}

// variants are MathML's mathvariant values.
var variants = map[string]Variant{
	"normal": VariantNormal, "italic": VariantItalic, "bold": VariantBold, "bold-italic": VariantBoldItalic,
	"sans-serif": VariantSans, "monospace": VariantMono, "script": VariantScript, "double-struck": VariantDouble,
	"fraktur": VariantFraktur, "bold-script": VariantBoldScript, "bold-sans-serif": VariantBold,
	"sans-serif-bold-italic": VariantBoldItalic, "sans-serif-italic": VariantSans, "bold-fraktur": VariantFraktur,
}

// namedSpaces are MathML's named widths, in ems.
var namedSpaces = map[string]float64{
	"veryverythinmathspace": 1.0 / 18, "verythinmathspace": 2.0 / 18, "thinmathspace": 3.0 / 18,
	"mediummathspace": 4.0 / 18, "thickmathspace": 5.0 / 18, "verythickmathspace": 6.0 / 18,
	"veryverythickmathspace":        7.0 / 18,
	"negativeveryverythinmathspace": -1.0 / 18, "negativeverythinmathspace": -2.0 / 18,
	"negativethinmathspace": -3.0 / 18, "negativemediummathspace": -4.0 / 18,
	"negativethickmathspace": -5.0 / 18, "negativeverythickmathspace": -6.0 / 18,
	"negativeveryverythickmathspace": -7.0 / 18,
}

// mmlLength is a MathML length in ems; ok is false for one not read
// (a percentage, a pseudo-unit of mpadded).
func mmlLength(s string) (float64, bool) {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "" {
		return 0, false
	}
	if w, ok := namedSpaces[s]; ok {
		return w, true
	}
	units := []struct {
		unit string
		em   float64
	}{{"em", 1}, {"ex", 0.45}, {"mu", 1.0 / 18}, {"px", 1.0 / 16}, {"pt", 0.1}, {"pc", 1.2}, {"in", 7.2}, {"cm", 2.835}, {"mm", 0.2835}}
	for _, u := range units {
		if v, ok := strings.CutSuffix(s, u.unit); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || f != f || f > 100 || f < -100 {
				return 0, false
			}
			return f * u.em, true
		}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == 0 {
		return 0, true
	}
	return 0, false
}

// invisible are the characters that mark structure and print nothing:
// function application, invisible times, separator and plus.
func invisible(s string) bool {
	return strings.Trim(s, "\u2061\u2062\u2063\u2064\u200b") == ""
}

// largeOps are the operators MathML's dictionary sets large: those
// without limits are the integrals.
var largeOps = map[string]bool{
	"∑": true, "∏": true, "∐": true, "⋃": true, "⋂": true, "⨁": true, "⨂": true, "⨀": true,
	"⨄": true, "⨆": true, "⋁": true, "⋀": true,
	"∫": false, "∬": false, "∭": false, "∮": false, "∯": false, "∰": false, "⨌": false,
}

// opClasses are the classes of the characters TeX's commands name, so
// that an <mo>≤</mo> is spaced as \leq is.
var opClasses = func() map[string]Class {
	m := map[string]Class{}
	for _, s := range symbols {
		if !s.ident && !s.large {
			if _, ok := m[s.text]; !ok || s.class != Ord {
				m[s.text] = s.class
			}
		}
	}
	// the ASCII forms MathML writers use for TeX's characters
	m["-"], m["*"], m["⋅"], m["·"] = Bin, Bin, Bin, Bin
	m["{"], m["}"], m["|"], m["‖"] = Open, Close, Ord, Ord
	m["⟨"], m["⟩"], m["〈"], m["〉"] = Open, Close, Open, Close
	m["∣"] = Rel
	return m
}()

func (r *mmlReader) node(n *html.Node, depth int) (*Node, error) {
	if depth > maxDepth {
		return nil, &Error{Msg: "elements nested too deep"}
	}
	if n.Namespace != "" && n.Namespace != "math" {
		return nil, r.unsupported(n, "")
	}
	switch n.Data {
	case "mrow", "mpadded", "math", "merror":
		if n.Data == "merror" {
			return nil, r.unsupported(n, "")
		}
		row, err := r.row(n, depth)
		if err != nil {
			return nil, err
		}
		if n.Data == "mpadded" {
			// its widths and offsets are not followed: its content is
			if lspace, ok := mmlLength(mmlAttr(n, "lspace")); ok && lspace != 0 {
				row.Children = append([]*Node{{Kind: Space, Width: lspace}}, row.Children...)
			}
		}
		return row, nil
	case "mi":
		return r.mi(n), nil
	case "mn":
		t := textOf(n)
		if t == "" {
			return nil, nil
		}
		nd := &Node{Kind: Number, Text: t}
		if v, ok := variants[mmlAttr(n, "mathvariant")]; ok && v != VariantNormal {
			nd.Variant = v
		}
		return nd, nil
	case "mo":
		return r.mo(n), nil
	case "mtext", "ms":
		t := textOf(n)
		if n.Data == "ms" {
			t = "\"" + t + "\""
		}
		if t == "" {
			return nil, nil
		}
		nd := &Node{Kind: Text, Text: t, Variant: VariantNormal}
		if v, ok := variants[mmlAttr(n, "mathvariant")]; ok {
			nd.Variant = v
		}
		return nd, nil
	case "mspace":
		if w, ok := mmlLength(mmlAttr(n, "width")); ok && w != 0 {
			return &Node{Kind: Space, Width: w}, nil
		}
		return nil, nil
	case "mphantom":
		row, err := r.row(n, depth)
		if err != nil {
			return nil, err
		}
		return &Node{Kind: Styled, Phantom: true, Children: []*Node{row}}, nil
	case "mstyle":
		return r.style(n, depth)
	case "mfrac":
		a, err := r.args(n, 2, depth)
		if err != nil {
			return nil, err
		}
		f := &Node{Kind: Frac, Children: []*Node{orRow(a[0]), orRow(a[1])}}
		if lt := strings.TrimSpace(mmlAttr(n, "linethickness")); lt != "" {
			if w, ok := mmlLength(lt); ok && w == 0 || lt == "0" {
				f.NoRule = true
			}
		}
		return f, nil
	case "msqrt":
		body, err := r.row(n, depth)
		if err != nil {
			return nil, err
		}
		return &Node{Kind: Sqrt, Children: []*Node{body}}, nil
	case "mroot":
		a, err := r.args(n, 2, depth)
		if err != nil {
			return nil, err
		}
		return &Node{Kind: Sqrt, Children: []*Node{orRow(a[0]), orRow(a[1])}}, nil
	case "msub", "msup", "msubsup":
		want := 2
		if n.Data == "msubsup" {
			want = 3
		}
		a, err := r.args(n, want, depth)
		if err != nil {
			return nil, err
		}
		s := &Node{Kind: Scripts, Children: []*Node{orRow(a[0]), nil, nil}}
		switch n.Data {
		case "msub":
			s.Children[1] = a[1]
		case "msup":
			s.Children[2] = a[1]
		default:
			s.Children[1], s.Children[2] = a[1], a[2]
		}
		if s.Children[1] == nil && s.Children[2] == nil {
			return s.Children[0], nil
		}
		return s, nil
	case "munder", "mover", "munderover":
		return r.underOver(n, depth)
	case "mmultiscripts":
		return r.multiscripts(n, depth)
	case "mtable":
		return r.table(n, depth)
	case "mfenced":
		return r.fenced(n, depth)
	case "menclose":
		return r.enclose(n, depth)
	case "semantics":
		// its first child is what it presents; the annotations say it
		// again in other words
		es := elements(n)
		if len(es) == 0 {
			return nil, nil
		}
		if es[0].Data == "annotation" || es[0].Data == "annotation-xml" {
			return nil, r.unsupported(n, "without presentation")
		}
		return r.node(es[0], depth+1)
	case "maction":
		es := elements(n)
		sel := 1
		if s, err := strconv.Atoi(strings.TrimSpace(mmlAttr(n, "selection"))); err == nil && s >= 1 {
			sel = s
		}
		if sel > len(es) {
			return nil, nil
		}
		return r.node(es[sel-1], depth+1)
	case "none", "mprescripts", "annotation", "annotation-xml":
		return nil, nil
	}
	return nil, r.unsupported(n, "")
}

func orRow(n *Node) *Node {
	if n == nil {
		return &Node{Kind: Row}
	}
	return n
}

func (r *mmlReader) mi(n *html.Node) *Node {
	t := textOf(n)
	if t == "" {
		return nil
	}
	v, vok := variants[mmlAttr(n, "mathvariant")]
	if lim, ok := namedOps[t]; ok && !vok {
		// a function's name (sin, lim): an operator, as \sin is
		return &Node{Kind: Op, Text: t, Class: OpClass, Limits: lim}
	}
	nd := &Node{Kind: Ident, Text: t}
	switch {
	case vok:
		if v == VariantItalic && utf8.RuneCountInString(t) == 1 {
			v = VariantDefault
		}
		nd.Variant = v
	case utf8.RuneCountInString(t) > 1:
		// a name of several letters is upright
		nd.Variant = VariantNormal
	default:
		if rn, _ := utf8.DecodeRuneInString(t); rn >= 'Α' && rn <= 'Ω' {
			// capital Greek upright, as TeX sets \Gamma
			nd.Variant = VariantNormal
		}
	}
	return nd
}

// accentMarks are the characters an accent may be written with, and the
// one the tree draws.
var accentMarks = map[string]string{
	"^": "ˆ", "ˆ": "ˆ", "̂": "ˆ", "~": "˜", "˜": "˜", "̃": "˜", "¯": "‾", "‾": "‾", "̄": "‾", "_": "‾", "̲": "‾",
	"→": "→", "⃗": "→", "←": "←", "↔": "↔", "˙": "˙", "̇": "˙", ".": "˙", "¨": "¨", "̈": "¨",
	"ˇ": "ˇ", "̌": "ˇ", "˘": "˘", "̆": "˘", "´": "´", "́": "´", "`": "`", "̀": "`", "˚": "˚", "̊": "˚",
	"⏞": "⏞", "⏟": "⏟", "︷": "⏞", "︸": "⏟",
}

func (r *mmlReader) mo(n *html.Node) *Node {
	t := textOf(n)
	if t == "" || invisible(t) {
		return nil
	}
	t = strings.Map(func(r rune) rune {
		if r == '\u2061' || r == '\u2062' || r == '\u2063' || r == '\u2064' {
			return -1
		}
		return r
	}, t)
	switch t {
	case "-":
		t = "−"
	case "*":
		t = "∗"
	case "'":
		t = "′"
	case "〈":
		t = "⟨"
	case "〉":
		t = "⟩"
	}
	if lim, ok := namedOps[t]; ok {
		return &Node{Kind: Op, Text: t, Class: OpClass, Limits: lim}
	}
	nd := &Node{Kind: Op, Text: t, Class: Ord}
	if lim, ok := largeOps[t]; ok {
		nd.Class, nd.Large, nd.Limits = OpClass, true, lim
		if mmlAttr(n, "largeop") == "false" {
			nd.Large = false
		}
		if mmlAttr(n, "movablelimits") == "false" {
			nd.Limits = false
		}
	} else if cl, ok := charClass([]rune(t)[0]); ok && utf8.RuneCountInString(t) == 1 {
		nd.Class = cl
	} else if cl, ok := opClasses[t]; ok {
		nd.Class = cl
	} else if utf8.RuneCountInString(t) > 1 {
		// a word as an operator (mod, if): set upright, spaced as \operatorname
		nd.Class = OpClass
	}
	switch strings.TrimSpace(mmlAttr(n, "form")) {
	case "prefix":
		if mmlAttr(n, "fence") == "true" && nd.Class == Ord {
			nd.Class = Open
		}
	case "postfix":
		if mmlAttr(n, "fence") == "true" && nd.Class == Ord {
			nd.Class = Close
		}
	}
	if strings.HasPrefix(mmlAttr(n, "mathvariant"), "bold") {
		nd.Variant = VariantBold
	}
	if mmlAttr(n, "largeop") == "true" && nd.Class == OpClass {
		nd.Large = true
	}
	if s := strings.TrimSpace(mmlAttr(n, "minsize")); s != "" && nd.Class != OpClass {
		if w, ok := mmlLength(s); ok && w > 1 && w <= 4 {
			nd.Size = w
		}
	}
	if mmlAttr(n, "stretchy") == "false" {
		r.fixed[nd] = true
	}
	return nd
}

// fences are the opening fences and their closing ones.
var fences = map[string]string{"(": ")", "[": "]", "{": "}", "⟨": "⟩", "⌊": "⌋", "⌈": "⌉", "|": "|", "‖": "‖"}

func (r *mmlReader) isFenceOp(n *Node, open bool) bool {
	if n == nil || n.Kind != Op || r.fixed[n] || n.Size > 0 {
		return false
	}
	if open {
		_, ok := fences[n.Text]
		return ok && (n.Class == Open || n.Text == "|" || n.Text == "‖")
	}
	for _, c := range fences {
		if c == n.Text {
			return n.Class == Close || n.Text == "|" || n.Text == "‖"
		}
	}
	return false
}

// tall reports whether a row holds what makes fences grow: a table, a
// fraction, a large operator or a radical.
func tall(ns []*Node) bool {
	for _, n := range ns {
		if n == nil {
			continue
		}
		switch n.Kind {
		case Table, Frac, Sqrt:
			return true
		case Op:
			if n.Large {
				return true
			}
		}
		if tall(n.Children) {
			return true
		}
	}
	return false
}

// fenceRow makes a stretchy opening fence and the closing one it pairs
// with in the same row one Fenced node, as \left and \right are, when
// what they hold is taller than a line; a brace alone before a table
// (cases) fences the rest of the row. Fences that hold a line's height
// stay the atoms they are, spaced as TeX spaces ( and ).
func (r *mmlReader) fenceRow(row *Node) {
	ch := row.Children
	for i := 0; i < len(ch); i++ {
		if !r.isFenceOp(ch[i], true) {
			continue
		}
		// the closing fence at the same depth
		depth, end := 0, -1
	scan:
		for j := i + 1; j < len(ch); j++ {
			switch {
			case r.isFenceOp(ch[j], false):
				if depth > 0 {
					depth--
					continue
				}
				if fences[ch[i].Text] == ch[j].Text {
					end = j
				}
				break scan
			case r.isFenceOp(ch[j], true):
				depth++
			}
		}
		var inner []*Node
		if end >= 0 {
			inner = ch[i+1 : end]
		} else if ch[i].Text == "{" {
			inner = ch[i+1:]
		}
		if !tall(inner) {
			continue
		}
		body := &Node{Kind: Row, Children: append([]*Node(nil), inner...)}
		r.fenceRow(body)
		f := &Node{Kind: Fenced, Open: ch[i].Text, Children: []*Node{body}}
		rest := []*Node(nil)
		if end >= 0 {
			f.Close = ch[end].Text
			rest = ch[end+1:]
		}
		ch = append(append(ch[:i:i], f), rest...)
	}
	row.Children = ch
}

func (r *mmlReader) style(n *html.Node, depth int) (*Node, error) {
	row, err := r.row(n, depth)
	if err != nil {
		return nil, err
	}
	if v, ok := variants[mmlAttr(n, "mathvariant")]; ok {
		setVariant(row, v)
	}
	st := StyleAuto
	switch strings.TrimSpace(mmlAttr(n, "displaystyle")) {
	case "true":
		st = StyleDisplay
	case "false":
		st = StyleText
	}
	switch strings.TrimSpace(mmlAttr(n, "scriptlevel")) {
	case "1", "+1":
		st = StyleScript
	case "2", "+2":
		st = StyleScriptScript
	}
	if st == StyleAuto {
		return row, nil
	}
	return &Node{Kind: Styled, Style: st, Children: []*Node{row}}, nil
}

// accentOf is the mark an <mo> is when set as an accent, "" if none.
func accentOf(n *Node) string {
	if n == nil {
		return ""
	}
	if n.Kind == Row && len(n.Children) == 1 {
		n = n.Children[0]
	}
	if n.Kind != Op && n.Kind != Text && n.Kind != Ident {
		return ""
	}
	return accentMarks[n.Text]
}

func (r *mmlReader) underOver(n *html.Node, depth int) (*Node, error) {
	want := 2
	if n.Data == "munderover" {
		want = 3
	}
	a, err := r.args(n, want, depth)
	if err != nil {
		return nil, err
	}
	base := orRow(a[0])
	var under, over *Node
	switch n.Data {
	case "munder":
		under = a[1]
	case "mover":
		over = a[1]
	default:
		under, over = a[1], a[2]
	}
	core := base
	if core.Kind == Row && len(core.Children) == 1 {
		core = core.Children[0]
	}
	if core.Kind == Op && core.Class == OpClass {
		// a large operator's or a name's limits, which the tree sets
		// above and below in display style alone (movablelimits)
		core.Limits = true
		if under == nil && over == nil {
			return base, nil
		}
		return &Node{Kind: Scripts, Children: []*Node{core, under, over}}, nil
	}
	accent := func(mark *Node, below bool) *Node {
		m := accentOf(mark)
		if m == "" {
			return nil
		}
		attr := "accent"
		if below {
			attr = "accentunder"
		}
		isBrace := m == "⏞" || m == "⏟"
		if mmlAttr(n, attr) == "false" && !isBrace && m != "‾" {
			return nil
		}
		acc := &Node{Kind: Accent, Text: m, Under: below, Children: []*Node{base}}
		wideBase := base.Kind == Row && len(base.Children) > 1
		if isBrace || (m == "→" || m == "←" || m == "↔") && wideBase {
			acc.Wide = true
		}
		if below && m != "‾" && !isBrace && !acc.Wide {
			return nil
		}
		return acc
	}
	if under != nil {
		if acc := accent(under, true); acc != nil {
			base = acc
		} else {
			base = &Node{Kind: Over, Under: true, Class: base.AtomClass(), Children: []*Node{base, under}}
		}
	}
	if over != nil {
		if acc := accent(over, false); acc != nil && under == nil {
			base = acc
		} else {
			base = &Node{Kind: Over, Class: base.AtomClass(), Children: []*Node{base, over}}
		}
	}
	return base, nil
}

func (r *mmlReader) multiscripts(n *html.Node, depth int) (*Node, error) {
	es := elements(n)
	if len(es) == 0 {
		return nil, &Error{Msg: "<mmultiscripts> without a base"}
	}
	base, err := r.arg(es[0], depth)
	if err != nil {
		return nil, err
	}
	var post, pre [][2]*Node
	target := &post
	rest := es[1:]
	for i := 0; i < len(rest); i++ {
		if rest[i].Data == "mprescripts" {
			target = &pre
			continue
		}
		sub, err := r.arg(rest[i], depth)
		if err != nil {
			return nil, err
		}
		var sup *Node
		if i+1 < len(rest) && rest[i+1].Data != "mprescripts" {
			i++
			if sup, err = r.arg(rest[i], depth); err != nil {
				return nil, err
			}
		}
		*target = append(*target, [2]*Node{sub, sup})
	}
	if len(post) > 1 || len(pre) > 1 {
		return nil, r.unsupported(n, "of more than one pair of scripts a side")
	}
	out := orRow(base)
	if len(post) == 1 && (post[0][0] != nil || post[0][1] != nil) {
		out = &Node{Kind: Scripts, Children: []*Node{out, post[0][0], post[0][1]}}
	}
	if len(pre) == 1 && (pre[0][0] != nil || pre[0][1] != nil) {
		// scripts before, on an empty base, as TeX's {}^{14}_{6}C
		pres := &Node{Kind: Scripts, Children: []*Node{{Kind: Row}, pre[0][0], pre[0][1]}}
		return &Node{Kind: Row, Children: []*Node{pres, out}}, nil
	}
	return out, nil
}

// alignNames are columnalign's values, as the tree writes them.
var alignNames = map[string]byte{"left": 'l', "center": 'c', "right": 'r'}

func (r *mmlReader) table(n *html.Node, depth int) (*Node, error) {
	t := &Node{Kind: Table, Text: "c"}
	var cellAlign []byte
	for _, tr := range elements(n) {
		switch tr.Data {
		case "mtr":
		case "mlabeledtr":
			return nil, r.unsupported(tr, "")
		default:
			return nil, r.unsupported(n, "holding <"+tr.Data+">")
		}
		row := &Node{Kind: Row}
		for ci, td := range elements(tr) {
			if td.Data != "mtd" {
				return nil, r.unsupported(tr, "holding <"+td.Data+">")
			}
			if s := strings.TrimSpace(mmlAttr(td, "columnspan")); s != "" && s != "1" {
				return nil, r.unsupported(td, "columnspan="+s)
			}
			if s := strings.TrimSpace(mmlAttr(td, "rowspan")); s != "" && s != "1" {
				return nil, r.unsupported(td, "rowspan="+s)
			}
			cell, err := r.row(td, depth+1)
			if err != nil {
				return nil, err
			}
			if a, ok := alignNames[strings.TrimSpace(mmlAttr(td, "columnalign"))]; ok && ci < 64 {
				for len(cellAlign) <= ci {
					cellAlign = append(cellAlign, 0)
				}
				if cellAlign[ci] == 0 {
					cellAlign[ci] = a
				}
			}
			row.Children = append(row.Children, cell)
			if len(row.Children) > 64 {
				return nil, &Error{Msg: "too many columns"}
			}
		}
		t.Children = append(t.Children, row)
	}
	if len(t.Children) == 0 {
		return nil, nil
	}
	var align []byte
	for _, f := range strings.Fields(mmlAttr(n, "columnalign")) {
		if a, ok := alignNames[f]; ok {
			align = append(align, a)
		}
	}
	cols := 0
	for _, row := range t.Children {
		cols = max(cols, len(row.Children))
	}
	if len(align) == 0 && len(cellAlign) > 0 {
		for i := range cellAlign {
			if cellAlign[i] == 0 {
				cellAlign[i] = 'c'
			}
		}
		align = cellAlign
	}
	if len(align) > 0 {
		// MathML repeats the last value over the columns after
		for len(align) < cols {
			align = append(align, align[len(align)-1])
		}
		t.Text = string(align[:max(cols, 1)])
		if strings.Count(t.Text, t.Text[:1]) == len(t.Text) {
			t.Text = t.Text[:1]
		}
	}
	if mmlAttr(n, "displaystyle") == "true" {
		t.Style = StyleDisplay
	}
	if t.Style == StyleDisplay && cols >= 2 && strings.Trim(t.Text, "rl") == "" && strings.HasPrefix(strings.Repeat("rl", cols), t.Text) {
		// an aligned display's pairs, right and left, that meet; a
		// right half that opens with a relation has an empty atom
		// before it, so that the relation is spaced, as in TeX
		t.Text = "rl"
		for _, row := range t.Children {
			for i := 1; i < len(row.Children); i += 2 {
				if c := row.Children[i]; len(c.Children) > 0 && c.Children[0].AtomClass() == Rel {
					c.Children = append([]*Node{{Kind: Row}}, c.Children...)
				}
			}
		}
	}
	return t, nil
}

func (r *mmlReader) fenced(n *html.Node, depth int) (*Node, error) {
	open, close, seps := "(", ")", ","
	for _, a := range n.Attr {
		switch a.Key {
		case "open":
			open = strings.TrimSpace(a.Val)
		case "close":
			close = strings.TrimSpace(a.Val)
		case "separators":
			seps = strings.Join(strings.Fields(a.Val), "")
		}
	}
	body := &Node{Kind: Row}
	sepRunes := []rune(seps)
	for i, e := range elements(n) {
		if i > 0 && len(sepRunes) > 0 {
			s := string(sepRunes[min(i-1, len(sepRunes)-1)])
			cl, ok := charClass([]rune(s)[0])
			if !ok {
				cl = Punct
			}
			body.Children = append(body.Children, &Node{Kind: Op, Text: s, Class: cl})
		}
		a, err := r.arg(e, depth)
		if err != nil {
			return nil, err
		}
		if a != nil {
			body.Children = append(body.Children, a)
		}
	}
	demoteBins(body.Children)
	if open == "" && close == "" {
		return body, nil
	}
	ok := func(d string) bool {
		if d == "" {
			return true
		}
		if _, o := fences[d]; o {
			return true
		}
		for _, c := range fences {
			if c == d {
				return true
			}
		}
		return false
	}
	if !ok(open) || !ok(close) {
		return nil, r.unsupported(n, "open="+open+" close="+close)
	}
	return &Node{Kind: Fenced, Open: open, Close: close, Children: []*Node{body}}, nil
}

func (r *mmlReader) enclose(n *html.Node, depth int) (*Node, error) {
	notation := strings.Fields(mmlAttr(n, "notation"))
	if len(notation) == 0 {
		notation = []string{"longdiv"}
	}
	body, err := r.row(n, depth)
	if err != nil {
		return nil, err
	}
	if len(notation) != 1 {
		return nil, r.unsupported(n, "notation="+strings.Join(notation, ","))
	}
	switch notation[0] {
	case "radical":
		return &Node{Kind: Sqrt, Children: []*Node{body}}, nil
	case "top":
		return &Node{Kind: Accent, Text: "‾", Children: []*Node{body}}, nil
	case "bottom":
		return &Node{Kind: Accent, Text: "‾", Under: true, Children: []*Node{body}}, nil
	}
	return nil, r.unsupported(n, "notation="+notation[0])
}
