package notes

import (
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/texmath"
)

// A reference inside a larger formula ($x = \eqref{a}$) is a Text node
// of its tree (texmath), "(??)" or "??" until this pass gives it the
// number of what it names. A formula's box holds no link, in MathML or
// on the page, so it prints the number alone; a formula that is the
// reference alone is a link (linkTexRef).

// mathRef is a reference inside a formula, at pos, and the block it
// names once found.
type mathRef struct {
	node  *texmath.Node
	pos   doc.Pos
	block doc.Block
}

// mathRefsIn gathers the references inside the formulas of blocks.
func mathRefsIn(blocks []doc.Block, file string, out *[]mathRef) {
	walkInlinesAt(blocks, file, func(in doc.Inline, pos doc.Pos) bool {
		if m, ok := in.(*doc.Math); ok && m.Tree != nil {
			eachRef(m.Tree, func(n *texmath.Node) { *out = append(*out, mathRef{node: n, pos: pos}) })
		}
		return true
	})
}

func eachRef(n *texmath.Node, fn func(*texmath.Node)) {
	if n == nil {
		return
	}
	if n.Ref != "" {
		fn(n)
	}
	for _, c := range n.Children {
		eachRef(c, fn)
	}
}

// written is a reference inside a formula as its author wrote it.
func (m mathRef) written() string {
	if m.node.Text == "??" {
		return `\ref{` + m.node.Ref + "}"
	}
	return `\eqref{` + m.node.Ref + "}"
}

// linkMathRefs finds what each reference inside a formula names: an
// equation (numbered or tagged), a figure or a table. One naming
// nothing, or nothing numbered, keeps its "(??)", with a warning.
func (r *resolver) linkMathRefs(refs []mathRef, targets, folded map[string]mystTarget) {
	for _, m := range refs {
		t, ok := targets[m.node.Ref]
		if !ok {
			t, ok = folded[strings.ToLower(m.node.Ref)]
		}
		if !ok {
			r.warnf(m.pos, "math.ref", "%s in a formula: no equation or other target of that label in the book; printed as %s", m.written(), m.node.Text)
			continue
		}
		if equationTag(t.block) == "" && crossrefLabelKind(t.block) == "" {
			r.warnf(m.pos, "math.ref", "%s in a formula: %s has no number; printed as %s", m.written(), m.node.Ref, m.node.Text)
			continue
		}
		m.block = t.block
		r.mathRefs = append(r.mathRefs, m)
	}
}

// numberMathRefs writes the number of its target in each reference
// inside a formula, once numberCrossrefs has numbered the book.
func (r *resolver) numberMathRefs() {
	for _, m := range r.mathRefs {
		bare := m.node.Text == "??"
		num := equationTag(m.block)
		if num == "" {
			switch crossrefLabelKind(m.block) {
			case doc.CrossrefEquation:
				if p, ok := m.block.(*doc.Paragraph); ok && len(p.Content) > 0 {
					if sp, ok := p.Content[len(p.Content)-1].(*doc.Span); ok {
						num = plainTrim(sp.Content)
					}
				}
			default:
				if n, ok := r.xrefNumbers[m.block]; ok {
					num = "(" + n + ")"
				}
			}
		}
		if num == "" || strings.HasSuffix(num, "??") {
			continue // left out of the edition
		}
		if bare && strings.HasPrefix(num, "(") && strings.HasSuffix(num, ")") {
			num = num[1 : len(num)-1]
		}
		m.node.Text = num
	}
}
