package texmath

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// TeX writes the tree as TeX that Parse reads back: the text of a
// formula read from MathML without a TeX annotation or an alttext, for
// what asks for its text (the EPUB's alttext, the tagged PDF's alternate
// text, search).
func TeX(root *Node) string {
	w := &texWriter{}
	if root == nil {
		return ""
	}
	if root.Kind == Row {
		w.children(root)
	} else {
		w.node(root)
	}
	if root.Tag != "" {
		w.b.WriteString(`\tag*`)
		w.b.WriteString("{")
		w.text(root.Tag)
		w.b.WriteString("}")
	}
	return strings.TrimSpace(w.b.String())
}

type texWriter struct {
	b strings.Builder
}

// commands are the commands of the characters TeX names, by character:
// the first name in the symbol table's order of preference.
var commands = func() map[string]string {
	m := map[string]string{}
	prefer := func(name string, s sym) {
		old, ok := m[s.text]
		if !ok || len(name) < len(old) || len(name) == len(old) && name < old {
			m[s.text] = name
		}
	}
	for name, s := range symbols {
		if len(name) == 1 && !isLetterAt(name, 0) {
			continue
		}
		prefer(name, s)
	}
	m["{"], m["}"] = `{`, `}`
	return m
}()

// accentCommands name the accents by mark; wide is the command of one
// drawn as wide as what it covers.
var accentCommands = map[string][2]string{
	"ˆ": {"hat", "widehat"}, "˜": {"tilde", "widetilde"}, "→": {"vec", "overrightarrow"},
	"←": {"overleftarrow", "overleftarrow"}, "↔": {"overleftrightarrow", "overleftrightarrow"},
	"˙": {"dot", "dot"}, "¨": {"ddot", "ddot"}, "ˇ": {"check", "check"}, "˘": {"breve", "breve"},
	"´": {"acute", "acute"}, "`": {"grave", "grave"}, "˚": {"mathring", "mathring"},
	"⏞": {"overbrace", "overbrace"}, "⏟": {"underbrace", "underbrace"},
}

var variantCommands = map[Variant]string{
	VariantNormal: "mathrm", VariantItalic: "mathit", VariantBold: "mathbf", VariantBoldItalic: "boldsymbol",
	VariantSans: "mathsf", VariantMono: "mathtt", VariantScript: "mathcal", VariantDouble: "mathbb",
	VariantFraktur: "mathfrak", VariantBoldScript: "mathbf",
}

// sep ends a command's name before a letter.
func (w *texWriter) sep() {
	s := w.b.String()
	i := len(s) - 1
	for i >= 0 && isLetterAt(s, i) {
		i--
	}
	if i >= 0 && i < len(s)-1 && s[i] == '\\' {
		w.b.WriteByte(' ')
	}
}

// children writes a row's atoms, or the one node n is.
func (w *texWriter) children(n *Node) {
	if n == nil {
		return
	}
	if n.Kind != Row {
		w.node(n)
		return
	}
	for _, c := range n.Children {
		w.node(c)
	}
}

// group writes n as one argument, in braces.
func (w *texWriter) group(n *Node) {
	w.b.WriteByte('{')
	if n != nil {
		if n.Kind == Row {
			w.children(n)
		} else {
			w.node(n)
		}
	}
	w.b.WriteByte('}')
}

// text writes text as \text's argument reads it.
func (w *texWriter) text(t string) {
	for _, r := range t {
		switch r {
		case '{', '}', '$', '%', '&', '#', '_':
			w.b.WriteByte('\\')
			w.b.WriteRune(r)
		case '\\', '^', '~':
			w.b.WriteByte(' ')
		default:
			w.b.WriteRune(r)
		}
	}
}

// char writes one character or a run of them as math.
func (w *texWriter) char(t string) {
	for _, r := range t {
		s := string(r)
		_, typed := charClass(r)
		if name, ok := commands[s]; ok && isLetterAt(name, 0) && !typed && r >= 128 {
			w.b.WriteString(`\` + name)
			w.b.WriteByte(' ')
			continue
		}
		switch r {
		case '−':
			w.b.WriteByte('-')
		case '{', '}', '$', '%', '&', '#', '_':
			w.b.WriteString(`\` + s)
		case '\\':
			w.b.WriteString(`\backslash `)
		case '^', '~':
			w.b.WriteString(`\text{` + s + `}`)
		case ' ':
			w.b.WriteString(`\ `)
		case '′':
			w.b.WriteString(`\prime `)
		default:
			if unicode.IsControl(r) || unicode.Is(unicode.Mn, r) || r == utf8.RuneError {
				// what math cannot hold alone, as text
				w.b.WriteString(`\text{`)
				w.text(s)
				w.b.WriteString(`}`)
				continue
			}
			if r < 128 && isLetterAt(s, 0) {
				w.sep()
			}
			w.b.WriteRune(r)
		}
	}
}

func (w *texWriter) delimiter(d string) {
	switch d {
	case "":
		w.b.WriteByte('.')
	case "{", "}":
		w.b.WriteString(`\` + d)
	case "‖":
		w.b.WriteString(`\|`)
	case "(", ")", "[", "]", "|", "/":
		w.b.WriteString(d)
	default:
		if name, ok := commands[d]; ok {
			w.b.WriteString(`\` + name + " ")
			return
		}
		w.b.WriteString(d)
	}
}

func (w *texWriter) node(n *Node) {
	if n == nil {
		w.b.WriteString("{}")
		return
	}
	switch n.Kind {
	case Row:
		w.group(n)
	case Number:
		if n.Variant == VariantDefault {
			if strings.Trim(n.Text, "0123456789.") == "" {
				w.b.WriteString(n.Text)
				return
			}
		}
		fallthrough
	case Ident:
		if n.Variant != VariantDefault && !(n.Variant == VariantItalic && n.Kind == Ident && utf8.RuneCountInString(n.Text) == 1) {
			w.b.WriteString(`\` + variantCommands[n.Variant] + "{")
			w.char(n.Text)
			w.b.WriteString("}")
			return
		}
		if n.Kind == Ident && utf8.RuneCountInString(n.Text) > 1 {
			w.b.WriteString(`\mathit{`)
			w.char(n.Text)
			w.b.WriteString("}")
			return
		}
		w.sep()
		w.char(n.Text)
	case Op:
		w.op(n)
	case Text:
		if n.Ref != "" {
			if strings.HasPrefix(n.Text, "(") {
				w.b.WriteString(`\eqref{` + n.Ref + "}")
			} else {
				w.b.WriteString(`\ref{` + n.Ref + "}")
			}
			return
		}
		w.b.WriteString(`\text{`)
		w.text(n.Text)
		w.b.WriteString("}")
	case Space:
		w.space(n.Width)
	case Frac:
		w.frac(n)
	case Sqrt:
		w.b.WriteString(`\sqrt`)
		if len(n.Children) > 1 {
			w.b.WriteByte('[')
			w.children(n.Children[1])
			w.b.WriteByte(']')
		}
		w.group(n.Children[0])
	case Scripts:
		base := n.Children[0]
		if base == nil || base.Kind == Row && len(base.Children) != 1 || base.Kind != Row && !leafKind(base) {
			w.group(base)
		} else {
			w.node(base)
		}
		if base != nil && base.Kind == Op && base.Class == OpClass {
			_, named := namedOps[base.Text]
			switch {
			case base.Limits && !named && !largeOps[base.Text]:
				w.b.WriteString(`\limits `)
			case !base.Limits && (named && namedOps[base.Text] || largeOps[base.Text]):
				w.b.WriteString(`\nolimits `)
			}
		}
		if n.Children[1] != nil {
			w.b.WriteByte('_')
			w.group(n.Children[1])
		}
		if n.Children[2] != nil {
			w.b.WriteByte('^')
			w.group(n.Children[2])
		}
	case Accent:
		w.accent(n)
	case Fenced:
		if f := binomial(n); f != nil {
			w.b.WriteString(`\binom`)
			w.group(f.Children[0])
			w.group(f.Children[1])
			return
		}
		w.b.WriteString(`\left`)
		w.delimiter(n.Open)
		w.children(n.Children[0])
		w.b.WriteString(`\right`)
		w.delimiter(n.Close)
	case Styled:
		if n.Phantom {
			w.b.WriteString(`\phantom`)
			w.group(n.Children[0])
			return
		}
		if n.Style == StyleAuto {
			w.group(n.Children[0])
			return
		}
		names := map[Style]string{StyleDisplay: "displaystyle", StyleText: "textstyle", StyleScript: "scriptstyle", StyleScriptScript: "scriptscriptstyle"}
		w.b.WriteString(`{\` + names[n.Style] + " ")
		w.children(orRow(n.Children[0]))
		w.b.WriteString("}")
	case Over:
		switch {
		case n.Under:
			w.b.WriteString(`\underset`)
		case n.Class == Rel:
			w.b.WriteString(`\stackrel`)
		default:
			w.b.WriteString(`\overset`)
		}
		w.group(n.Children[1])
		w.group(n.Children[0])
	case Table:
		w.table(n)
	}
}

func leafKind(n *Node) bool {
	switch n.Kind {
	case Ident, Number, Op, Text:
		return n.Variant == VariantDefault && utf8.RuneCountInString(n.Text) == 1 || n.Kind == Op && n.Class == OpClass
	}
	return false
}

// binomial is the rule-less fraction a fenced group of parentheses
// holds alone (\binom), or nil.
func binomial(n *Node) *Node {
	if n.Open != "(" || n.Close != ")" || len(n.Children[0].Children) != 1 {
		return nil
	}
	if f := n.Children[0].Children[0]; f.Kind == Frac && f.NoRule && f.Style == StyleAuto {
		return f
	}
	return nil
}

func (w *texWriter) op(n *Node) {
	if n.Middle {
		w.b.WriteString(`\middle`)
		w.delimiter(n.Text)
		return
	}
	if n.Size > 0 {
		size := "big"
		for _, s := range []string{"Bigg", "bigg", "Big", "big"} {
			if n.Size >= delimiterSizes[s]-0.01 {
				size = s
				break
			}
		}
		suffix := map[Class]string{Open: "l", Close: "r", Rel: "m"}[n.Class]
		w.b.WriteString(`\` + size + suffix)
		w.delimiter(n.Text)
		return
	}
	if n.Class == OpClass && !n.Large {
		if _, ok := namedOps[n.Text]; ok {
			w.b.WriteString(`\` + n.Text + " ")
			return
		}
		if name := strings.ReplaceAll(n.Text, " ", ""); namedOps[name] || name == "argmax" || name == "argmin" || name == "limsup" || name == "liminf" {
			w.b.WriteString(`\` + name + " ")
			return
		}
		if s, ok := plainText(n.Text); ok {
			w.b.WriteString(`\operatorname{` + s + "}")
			return
		}
		w.b.WriteString(`\mathop{\text{`)
		w.text(n.Text)
		w.b.WriteString("}}")
		return
	}
	wrap := ""
	if n.Variant == VariantBold {
		w.b.WriteString(`\boldsymbol{`)
		wrap = "}"
	}
	// a character whose class here is not its own keeps it
	want, known := opClassOf(n.Text)
	r, sz := utf8.DecodeRuneInString(n.Text)
	symbol := sz == len(n.Text) && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsControl(r) && !unicode.Is(unicode.Mn, r)
	if symbol && (known && want != n.Class && !(want == Bin && n.Class == Ord) || !known && n.Class != Ord) {
		cls := map[Class]string{Ord: "mathord", Bin: "mathbin", Rel: "mathrel", Open: "mathopen", Close: "mathclose", Punct: "mathpunct", Inner: "mathord", OpClass: "mathop"}[n.Class]
		w.b.WriteString(`\` + cls + "{")
		w.char(n.Text)
		w.b.WriteString("}" + wrap)
		return
	}
	w.char(n.Text)
	w.b.WriteString(wrap)
}

// opClassOf is the class Parse gives a character written as char
// writes it (before a binary operator with nothing to operate on is
// made ordinary).
func opClassOf(t string) (Class, bool) {
	r, sz := utf8.DecodeRuneInString(t)
	if cl, ok := charClass(r); ok && sz == len(t) {
		return cl, true
	}
	if name, ok := commands[t]; ok && isLetterAt(name, 0) && r >= 128 {
		return symbols[name].class, true
	}
	if sz == len(t) {
		switch r {
		case '−':
			return Bin, true
		case '′':
			return Ord, true
		}
		if cl, ok := charClass(r); ok {
			return cl, true
		}
		return Ord, !strings.ContainsRune("{}$%&#_\\^~ ", r)
	}
	return Ord, false
}

// plainText is t when \operatorname can hold it: ASCII letters.
func plainText(t string) (string, bool) {
	for i := 0; i < len(t); i++ {
		if !isLetterAt(t, i) {
			return "", false
		}
	}
	return t, t != ""
}

func (w *texWriter) space(width float64) {
	named := []struct {
		cmd string
		w   float64
	}{{`\,`, 3.0 / 18}, {`\:`, 4.0 / 18}, {`\;`, 5.0 / 18}, {`\!`, -3.0 / 18}, {`\quad `, 1}, {`\qquad `, 2}, {`\enspace `, 0.5}, {`~`, 6.0 / 18}}
	for width > 1.0/36 || width < -1.0/36 {
		best, bestW := "", 0.0
		for _, s := range named {
			if (s.w > 0) == (width > 0) && abs(s.w) <= abs(width)+1.0/36 && abs(s.w) > abs(bestW) {
				best, bestW = s.cmd, s.w
			}
		}
		if best == "" {
			return
		}
		w.b.WriteString(best)
		width -= bestW
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func (w *texWriter) frac(n *Node) {
	if n.NoRule {
		w.b.WriteByte('{')
		w.group(n.Children[0])
		w.b.WriteString(`\atop`)
		w.group(n.Children[1])
		w.b.WriteByte('}')
		return
	}
	switch n.Style {
	case StyleDisplay:
		w.b.WriteString(`\dfrac`)
	case StyleText:
		w.b.WriteString(`\tfrac`)
	default:
		w.b.WriteString(`\frac`)
	}
	w.group(n.Children[0])
	w.group(n.Children[1])
}

func (w *texWriter) accent(n *Node) {
	if n.Text == "‾" {
		if n.Under {
			w.b.WriteString(`\underline`)
		} else {
			w.b.WriteString(`\overline`)
		}
		w.group(n.Children[0])
		return
	}
	names, ok := accentCommands[n.Text]
	if !ok {
		w.group(n.Children[0])
		return
	}
	name := names[0]
	switch {
	case n.Under && n.Text == "→":
		name = "underrightarrow"
	case n.Under && n.Text == "←":
		name = "underleftarrow"
	case n.Wide:
		name = names[1]
	}
	w.b.WriteString(`\` + name)
	w.group(n.Children[0])
}

func (w *texWriter) table(n *Node) {
	cols := 0
	for _, r := range n.Children {
		cols = max(cols, len(r.Children))
	}
	env := "array"
	if n.Pairs() {
		env = "aligned"
	}
	if n.Style == StyleDisplay && !n.Pairs() {
		w.b.WriteString(`{\displaystyle `)
	}
	w.b.WriteString(`\begin{` + env + `}`)
	if env == "array" {
		var spec strings.Builder
		for i := 0; i < max(cols, 1); i++ {
			if i < len(n.VRules) && n.VRules[i] == '|' {
				spec.WriteByte('|')
			}
			spec.WriteByte(n.Text[i%len(n.Text)])
		}
		if cols < len(n.VRules) && n.VRules[cols] == '|' {
			spec.WriteByte('|')
		}
		w.b.WriteString("{" + spec.String() + "}")
	}
	for ri, r := range n.Children {
		if ri < len(n.HRules) && n.HRules[ri] == '-' {
			w.b.WriteString(`\hline `)
		}
		for ci, c := range r.Children {
			if ci > 0 {
				w.b.WriteString(" & ")
			}
			if n.Pairs() && ci%2 == 1 && c.Kind == Row && len(c.Children) > 1 && c.Children[0].Kind == Row && len(c.Children[0].Children) == 0 {
				// the empty atom before a relation, which Parse puts back
				c = &Node{Kind: Row, Children: c.Children[1:]}
			}
			w.children(c)
		}
		if ri < len(n.Children)-1 || len(n.Children) < len(n.HRules) && n.HRules[len(n.Children)] == '-' {
			w.b.WriteString(` \\ `)
		}
	}
	if len(n.Children) < len(n.HRules) && n.HRules[len(n.Children)] == '-' {
		w.b.WriteString(`\hline `)
	}
	w.b.WriteString(`\end{` + env + `}`)
	if n.Style == StyleDisplay && !n.Pairs() {
		w.b.WriteString("}")
	}
}
