package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// LaTeX's references to equations: \eqref{label} prints the number of
// the equation labelled so, "(3)", and \ref{label} the number alone,
// "3", as MathJax and pandoc's LaTeX reader have them, in the text or as
// a formula of their own ($\eqref{label}$). An equation is labelled by a
// \label{…} in its display (amsmath's environments, or $$…$$ as MathJax
// reads it) or by MyST's and Quarto's labels. The parser writes each as
// the span doc.MystRef makes, of role "eqref" or "texref"; the resolve
// pass (notes/myst.go) fills in the number, or prints "(??)" and warns
// when the book has no such label, as LaTeX does.

const (
	roleEqref = "eqref"
	roleRef   = "texref"
)

var kindTexRef = ast.NewNodeKind("TexRef")

// texRef is \eqref{label} or \ref{label} in the text.
type texRef struct {
	ast.BaseInline
	cmd, label string
	at         int // offset of the "\"
}

func (n *texRef) Kind() ast.NodeKind { return kindTexRef }

func (n *texRef) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Cmd": n.cmd, "Label": n.label}, nil)
}

func (n *texRef) convert(c *converter, line int) []doc.Inline {
	return []doc.Inline{c.texRef(n.cmd, n.label, c.posAt(n.at, line))}
}

// texRef is the span of a reference by cmd ("eqref" or "ref") to label.
func (c *converter) texRef(cmd, label string, pos doc.Pos) doc.Inline {
	role := roleRef
	if cmd == "eqref" {
		role = roleEqref
	}
	sp := doc.MystRef(role, label, nil, pos)
	doc.MystRefWritten(sp, `\`+cmd+"{"+label+"}")
	return sp
}

// texRefParser reads \eqref{label} and \ref{label} in the text.
type texRefParser struct{}

func (texRefParser) Trigger() []byte { return []byte{'\\'} }

func (texRefParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	cmd, label, size := readTexRef(line)
	if size == 0 {
		return nil
	}
	block.Advance(size)
	return &texRef{cmd: cmd, label: label, at: seg.Start}
}

// readTexRef reads \eqref{label} or \ref{label} at the start of s: the
// command's name, the label, and the bytes read (0 for none). A label is
// what bookdown's and Quarto's are made of (bookdownLabelByte), spaces
// around it dropped.
func readTexRef(s []byte) (cmd, label string, size int) {
	switch {
	case bytes.HasPrefix(s, []byte(`\eqref{`)):
		cmd = "eqref"
	case bytes.HasPrefix(s, []byte(`\ref{`)):
		cmd = "ref"
	default:
		return "", "", 0
	}
	open := len(cmd) + 2
	end := bytes.IndexByte(s[open:], '}')
	if end < 0 || end > 256 {
		return "", "", 0
	}
	label = strings.TrimSpace(string(s[open : open+end]))
	if label == "" {
		return "", "", 0
	}
	for i := 0; i < len(label); i++ {
		if !bookdownLabelByte(label[i]) {
			return "", "", 0
		}
	}
	return cmd, label, open + end + 1
}

// texRefFormula reads a formula that is a reference alone,
// $\eqref{label}$, as MathJax prints it.
func texRefFormula(tex string) (cmd, label string, ok bool) {
	tex = strings.TrimSpace(tex)
	cmd, label, size := readTexRef([]byte(tex))
	return cmd, label, size > 0 && size == len(tex)
}

// labelEquation makes a paragraph that is a display formula with a
// \label the target of that label, class "equation", numbered (its
// number's span after the formula) unless its \tag numbers it.
func labelEquation(p *doc.Paragraph) {
	m, ok := displayMath(p.Content)
	if !ok || p.ID != "" || m.Tree == nil || m.Tree.Label == "" {
		return
	}
	p.ID, p.Classes = m.Tree.Label, []string{"equation"}
	if m.Tree.Tag == "" {
		p.Content = append(p.Content, &doc.Text{Text: " "}, doc.CrossrefLabel(doc.CrossrefEquation))
	}
}
