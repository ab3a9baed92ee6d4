package texmath

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/samizdat-press/samizdat/internal/xmltext"
)

// MathML is the tree as presentation MathML: a <math> element in the
// MathML namespace, display="block" for display math, its alttext the
// TeX it was read from.
func MathML(root *Node, tex string, display bool) string {
	w := &mathml{display: display}
	w.b.WriteString(`<math xmlns="http://www.w3.org/1998/Math/MathML"`)
	if display {
		w.b.WriteString(` display="block"`)
	}
	w.b.WriteString(` alttext="`)
	xmltext.Escape(&w.b, strings.Join(strings.Fields(tex), " "), true)
	w.b.WriteString(`">`)
	if root != nil && root.Tag != "" {
		// the tag after the formula, a quad apart: MathML's labelled
		// rows are not drawn by the readers that follow MathML Core
		w.b.WriteString("<mrow>")
		w.rowOf(root)
		w.b.WriteString(`<mspace width="2em"/>`)
		w.leaf("mtext", root.Tag)
		w.b.WriteString("</mrow>")
	} else {
		w.rowOf(root)
	}
	w.b.WriteString(`</math>`)
	return w.b.String()
}

type mathml struct {
	b       bytes.Buffer
	display bool
}

// rowOf writes n as one element: a row of several atoms in an mrow.
func (w *mathml) rowOf(n *Node) {
	if n == nil {
		w.b.WriteString("<mrow/>")
		return
	}
	if n.Kind == Row {
		if len(n.Children) == 1 {
			w.node(n.Children[0])
			return
		}
		w.b.WriteString("<mrow>")
		for _, c := range n.Children {
			w.node(c)
		}
		w.b.WriteString("</mrow>")
		return
	}
	w.node(n)
}

func (w *mathml) leaf(tag, text string, attrs ...string) {
	w.b.WriteString("<" + tag)
	for i := 0; i+1 < len(attrs); i += 2 {
		w.b.WriteString(" " + attrs[i] + `="`)
		xmltext.Escape(&w.b, attrs[i+1], true)
		w.b.WriteString(`"`)
	}
	w.b.WriteString(">")
	xmltext.Escape(&w.b, text, false)
	w.b.WriteString("</" + tag + ">")
}

// variantAttr is the mathvariant attribute for text in v, and the text
// to write (alphabets of their own are written as their characters).
func variantAttr(text string, v Variant, ident bool) (string, []string) {
	if t, ok := Letters(text, v); ok {
		return t, nil
	}
	single := len([]rune(text)) == 1
	switch v {
	case VariantDefault:
		return text, nil
	case VariantNormal:
		if ident && single {
			return text, []string{"mathvariant", "normal"}
		}
		return text, nil
	case VariantItalic:
		if ident && single {
			return text, nil
		}
	}
	return text, []string{"mathvariant", v.String()}
}

func (w *mathml) node(n *Node) {
	switch n.Kind {
	case Row:
		w.rowOf(n)
	case Ident:
		t, attrs := variantAttr(n.Text, n.Variant, true)
		w.leaf("mi", t, attrs...)
	case Number:
		t, attrs := variantAttr(n.Text, n.Variant, false)
		w.leaf("mn", t, attrs...)
	case Text:
		t, attrs := variantAttr(n.Text, n.Variant, false)
		w.leaf("mtext", t, attrs...)
	case Space:
		w.b.WriteString(`<mspace width="` + em(n.Width) + `"/>`)
	case Op:
		w.op(n)
	case Frac:
		styled := n.Style == StyleDisplay || n.Style == StyleText
		saved := w.display
		if styled {
			w.display = n.Style == StyleDisplay
			w.b.WriteString(`<mstyle displaystyle="` + strconv.FormatBool(w.display) + `">`)
		}
		if n.NoRule {
			w.b.WriteString(`<mfrac linethickness="0">`)
		} else {
			w.b.WriteString("<mfrac>")
		}
		inner := w.display
		w.display = false
		w.rowOf(n.Children[0])
		w.rowOf(n.Children[1])
		w.display = inner
		w.b.WriteString("</mfrac>")
		if styled {
			w.b.WriteString("</mstyle>")
		}
		w.display = saved
	case Sqrt:
		if len(n.Children) > 1 {
			w.b.WriteString("<mroot>")
			w.rowOf(n.Children[0])
			saved := w.display
			w.display = false
			w.rowOf(n.Children[1])
			w.display = saved
			w.b.WriteString("</mroot>")
			return
		}
		w.b.WriteString("<msqrt>")
		w.rowOf(n.Children[0])
		w.b.WriteString("</msqrt>")
	case Scripts:
		w.scripts(n)
	case Accent:
		tag, attr := "mover", "accent"
		if n.Under {
			tag, attr = "munder", "accentunder"
		}
		// a brace is a limit, set apart from what it covers, not an
		// accent that sits close on it
		brace := n.Text == "⏟" || n.Text == "⏞"
		w.b.WriteString("<" + tag + ` ` + attr + `="` + strconv.FormatBool(!brace) + `">`)
		w.rowOf(n.Children[0])
		mark := n.Text
		if mark == "‾" {
			mark = "¯"
		}
		w.leaf("mo", mark, "stretchy", strconv.FormatBool(n.Text == "‾" || n.Wide))
		w.b.WriteString("</" + tag + ">")
	case Fenced:
		w.b.WriteString("<mrow>")
		if n.Open != "" {
			w.leaf("mo", n.Open, "fence", "true", "form", "prefix", "stretchy", "true")
		}
		w.rowOf(n.Children[0])
		if n.Close != "" {
			w.leaf("mo", n.Close, "fence", "true", "form", "postfix", "stretchy", "true")
		}
		w.b.WriteString("</mrow>")
	case Over:
		tag := "mover"
		if n.Under {
			tag = "munder"
		}
		w.b.WriteString("<" + tag + ">")
		w.rowOf(n.Children[0])
		saved := w.display
		w.display = false
		w.rowOf(n.Children[1])
		w.display = saved
		w.b.WriteString("</" + tag + ">")
	case Table:
		w.table(n)
	case Styled:
		if n.Phantom && n.Style == StyleAuto {
			w.b.WriteString("<mphantom>")
			w.rowOf(n.Children[0])
			w.b.WriteString("</mphantom>")
			return
		}
		saved := w.display
		attrs := ""
		switch n.Style {
		case StyleDisplay:
			w.display = true
			attrs = ` displaystyle="true" scriptlevel="0"`
		case StyleText:
			w.display = false
			attrs = ` displaystyle="false" scriptlevel="0"`
		case StyleAuto:
			attrs = ""
		case StyleScript:
			w.display = false
			attrs = ` displaystyle="false" scriptlevel="1"`
		default:
			w.display = false
			attrs = ` displaystyle="false" scriptlevel="2"`
		}
		if n.Phantom {
			w.b.WriteString("<mphantom>")
		}
		w.b.WriteString("<mstyle" + attrs + ">")
		w.rowOf(n.Children[0])
		w.b.WriteString("</mstyle>")
		if n.Phantom {
			w.b.WriteString("</mphantom>")
		}
		w.display = saved
	}
}

func (w *mathml) op(n *Node) {
	var attrs []string
	if n.Class == OpClass && !n.Large {
		// a named operator (lim, log) is an identifier set upright
		w.leaf("mi", n.Text)
		return
	}
	if n.Variant == VariantBold {
		attrs = append(attrs, "mathvariant", "bold")
	}
	if n.Middle {
		// as tall as the fenced row it stands in, centred as its
		// fences are, with no space around it
		w.leaf("mo", n.Text, append(attrs, "stretchy", "true", "symmetric", "true", "lspace", "0", "rspace", "0")...)
		return
	}
	switch {
	case n.Size > 0:
		s := em(n.Size)
		attrs = append(attrs, "minsize", s, "maxsize", s)
	case n.Class == Open || n.Class == Close:
		// TeX's ( and ) keep their size; MathML's stretch
		attrs = append(attrs, "stretchy", "false")
	case n.Large && !n.Limits:
		attrs = append(attrs, "movablelimits", "false")
	}
	switch {
	case (n.Class == Ord && n.Text == "|" || n.Text == "‖") && !slices.Contains(attrs, "stretchy"):
		// \lVert, an opening ‖, has it from its class already
		attrs = append(attrs, "stretchy", "false")
	case n.Class == Ord && !n.Large:
		// an ordinary symbol takes no space around it
		attrs = append(attrs, "lspace", "0", "rspace", "0")
	}
	w.leaf("mo", n.Text, attrs...)
}

func (w *mathml) scripts(n *Node) {
	base, sub, sup := n.Children[0], n.Children[1], n.Children[2]
	limits := w.display && base != nil && base.Kind == Op && base.Class == OpClass && base.Limits
	tag := ""
	switch {
	case limits && sub != nil && sup != nil:
		tag = "munderover"
	case limits && sub != nil:
		tag = "munder"
	case limits:
		tag = "mover"
	case sub != nil && sup != nil:
		tag = "msubsup"
	case sub != nil:
		tag = "msub"
	default:
		tag = "msup"
	}
	w.b.WriteString("<" + tag + ">")
	w.rowOf(base)
	saved := w.display
	w.display = false
	if sub != nil {
		w.rowOf(sub)
	}
	if sup != nil {
		w.rowOf(sup)
	}
	w.display = saved
	w.b.WriteString("</" + tag + ">")
}

// em is a length in ems, as MathML writes it.
func em(v float64) string {
	return strconv.FormatFloat(v, 'f', 3, 64) + "em"
}

// ruleClasses are the classes of the cell at row, col of a table with
// rules, one for each side a rule runs along ("rule-left", "rule-top",
// and on the last column and row "rule-right", "rule-bottom"): MathML
// Core draws no columnlines, rowlines or frame, and the stylesheet
// draws these as the cell's borders (epub.css).
func ruleClasses(n *Node, row, col, cols int) string {
	var cl []string
	at := func(spec string, i int, mark byte) bool { return i < len(spec) && spec[i] == mark }
	if at(n.VRules, col, '|') {
		cl = append(cl, "rule-left")
	}
	if col == cols-1 && at(n.VRules, cols, '|') {
		cl = append(cl, "rule-right")
	}
	if at(n.HRules, row, '-') {
		cl = append(cl, "rule-top")
	}
	if row == len(n.Children)-1 && at(n.HRules, row+1, '-') {
		cl = append(cl, "rule-bottom")
	}
	return strings.Join(cl, " ")
}

// table writes an environment as an mtable.
func (w *mathml) table(n *Node) {
	cols := 0
	for _, r := range n.Children {
		cols = max(cols, len(r.Children))
	}
	names := map[byte]string{'c': "center", 'l': "left", 'r': "right"}
	var align, spacing []string
	for i := 0; i < cols; i++ {
		align = append(align, names[n.Text[i%len(n.Text)]])
		if i > 0 {
			sp := "1em"
			if n.Pairs() {
				// aligned: a pair's halves meet; pairs stand 2em apart
				sp = "0em"
				if i%2 == 0 {
					sp = "2em"
				}
			}
			spacing = append(spacing, sp)
		}
	}
	saved := w.display
	w.display = n.Style == StyleDisplay
	w.b.WriteString(`<mtable columnalign="` + strings.Join(align, " ") + `"`)
	if len(spacing) > 0 {
		w.b.WriteString(` columnspacing="` + strings.Join(spacing, " ") + `"`)
	}
	w.b.WriteString(` displaystyle="` + strconv.FormatBool(w.display) + `">`)
	ruled := n.VRules != "" || n.HRules != ""
	for ri, r := range n.Children {
		w.b.WriteString("<mtr>")
		// a row short of cells has empty ones, so that the rules
		// beside and under them are drawn
		cells := len(r.Children)
		if ruled {
			cells = cols
		}
		for i := 0; i < cells; i++ {
			// each cell says its alignment too: readers that follow
			// MathML Core read no mtable columnalign, and the
			// stylesheet aligns cells by this one (epub.css)
			w.b.WriteString("<mtd")
			if a := align[i]; a != "center" {
				w.b.WriteString(` columnalign="` + a + `"`)
			}
			if ruled {
				if cl := ruleClasses(n, ri, i, cols); cl != "" {
					w.b.WriteString(` class="` + cl + `"`)
				}
			}
			w.b.WriteString(">")
			if i < len(r.Children) {
				w.rowOf(r.Children[i])
			} else {
				w.b.WriteString("<mrow/>")
			}
			w.b.WriteString("</mtd>")
		}
		w.b.WriteString("</mtr>")
	}
	w.b.WriteString("</mtable>")
	w.display = saved
}
