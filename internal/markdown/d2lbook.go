package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// d2lFigure recognises a figure as d2lbook (Dive into Deep Learning)
// writes one: a picture whose description is its caption, on the lines
// right under it its label and its width, each a name between colons
// before a code span:
//
//	![Two-dimensional cross-correlation operation.](../img/correlation.svg)
//	:label:`fig_correlation`
//	:width:`400px`
//
// The figure takes the label as its ID and the width as its picture's;
// printed as text, the lines would follow every figure of such a book.
func (c *converter) d2lFigure(p ast.Node, base doc.BlockBase, line int) (*doc.Figure, bool) {
	img, ok := p.FirstChild().(*ast.Image)
	if !ok {
		return nil, false
	}
	type option struct {
		name, value string
		at          int
	}
	var opts []option
	broken := false // a line break since the last option
	for n := img.NextSibling(); n != nil; n = n.NextSibling() {
		switch t := n.(type) {
		case *d2lOption:
			if !broken {
				return nil, false
			}
			opts = append(opts, option{t.name, strings.TrimSpace(t.value), t.at})
			broken = false
		case *ast.Text:
			if len(bytes.TrimSpace(t.Value(c.src))) > 0 {
				return nil, false
			}
			if t.SoftLineBreak() || t.HardLineBreak() {
				broken = true
			}
		default:
			return nil, false
		}
	}
	if len(opts) == 0 {
		return nil, false
	}
	pic, ok := single[*doc.Image](c.inline(img, line))
	if !ok {
		return nil, false
	}
	f := &doc.Figure{BlockBase: base, Image: pic, Caption: trimInlines(c.inlines(img, line))}
	for _, o := range opts {
		switch o.name {
		case "label":
			f.ID = o.value
		case "width", "height":
			l, ok := doc.ParseLength(o.value)
			if !ok {
				c.warnNear(o.at, line, "image.size", fmt.Sprintf("picture :%s: %q is not a size (give a number and one of px, %%, em, in, cm, mm, pt); left out", o.name, o.value))
				continue
			}
			if o.name == "width" {
				pic.Width = l
			} else {
				pic.Height = l
			}
		}
	}
	return f, true
}

// d2lOption is one of d2lbook's options, :label:`fig_x`, :width:`400px`
// or :height:`…`, read before GitHub's emoji shortcodes could take
// :label: for its emoji. Where no figure or block takes it, it is
// printed as written.
type d2lOption struct {
	ast.BaseInline
	name, value string
	at          int // offset of the first ":"
}

func (n *d2lOption) Kind() ast.NodeKind { return kindD2lOption }

func (n *d2lOption) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.name, "Value": n.value}, nil)
}

func (n *d2lOption) convert(*converter, int) []doc.Inline {
	return []doc.Inline{&doc.Text{Text: ":" + n.name + ":"}, &doc.Code{Text: n.value}}
}

var kindD2lOption = ast.NewNodeKind("D2lOption")

// d2lRoleParser reads d2lbook's references, :numref:`fig_lenet`,
// :ref:`sec_cnn`, :eqref:`eq_softmax`, :cite:`LeCun.1998` and
// :citet:`key`, as the MyST roles they are, and its options (d2lOption);
// only these names: a colon before a code span is otherwise text.
type d2lRoleParser struct{}

func (d2lRoleParser) Trigger() []byte { return []byte{':'} }

func (d2lRoleParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	name, n := d2lRoleName(line)
	if n == 0 {
		return nil
	}
	_, content, size := parseMystRole(append([]byte("{x}"), line[n:]...))
	if size == 0 || strings.TrimSpace(content) == "" {
		return nil
	}
	block.Advance(n + size - 3)
	switch name {
	case "label", "eqlabel", "width", "height":
		return &d2lOption{name: name, value: content, at: seg.Start}
	case "eqref":
		name = "eq"
	}
	return &mystRole{name: name, content: content, at: seg.Start, d2l: true}
}

// d2lRoleName reads a role's name between colons at the start of s, and
// how many bytes it takes.
func d2lRoleName(s []byte) (string, int) {
	for _, name := range []string{"numref", "ref", "eqref", "cite", "citet", "citep", "label", "eqlabel", "width", "height"} {
		if len(s) > len(name)+2 && s[0] == ':' && string(s[1:1+len(name)]) == name && s[1+len(name)] == ':' && s[2+len(name)] == '`' {
			return name, len(name) + 2
		}
	}
	return "", 0
}

// d2lLabel reads a paragraph that is only d2lbook's :label:`name`, which
// labels the block before it (a section's heading, as the book labels
// them all).
func (c *converter) d2lLabel(p ast.Node) (string, bool) {
	o, ok := p.FirstChild().(*d2lOption)
	if !ok || o.name != "label" && o.name != "eqlabel" || o.NextSibling() != nil {
		return "", false
	}
	label := strings.TrimSpace(o.value)
	return label, label != "" && !strings.ContainsAny(label, " \t")
}

// d2lLeadingLabel takes d2lbook's :label:`name` off the first line of a
// paragraph that goes on under it, written with no blank line between
// (a heading, its label, then the section's first paragraph), and
// returns it for the block before to take.
func (c *converter) d2lLeadingLabel(p ast.Node) string {
	o, ok := p.FirstChild().(*d2lOption)
	if !ok || o.name != "label" {
		return ""
	}
	brk, ok := o.NextSibling().(*ast.Text)
	if !ok || brk.NextSibling() == nil || len(bytes.TrimSpace(brk.Value(c.src))) > 0 || !brk.SoftLineBreak() && !brk.HardLineBreak() {
		return ""
	}
	label := strings.TrimSpace(o.value)
	if label == "" || strings.ContainsAny(label, " \t") {
		return ""
	}
	p.RemoveChild(p, o)
	p.RemoveChild(p, brk)
	return label
}

// d2lTrailingLabel takes d2lbook's label off the last line of a paragraph
// (an equation's :eqlabel:`eq_x` under its $$…$$) and returns it, for the
// paragraph to take; "" when the paragraph ends otherwise.
func (c *converter) d2lTrailingLabel(p ast.Node) string {
	return c.d2lTrailingOption(p, "eqlabel")
}

// d2lTrailingOption takes the option called name off the last line of a
// paragraph and returns its value, a label; "" when the paragraph ends
// otherwise. A table's caption ends in the table's :label:`tab_x`.
func (c *converter) d2lTrailingOption(p ast.Node, name string) string {
	last := p.LastChild()
	for last != nil {
		t, ok := last.(*ast.Text)
		if !ok || len(bytes.TrimSpace(t.Value(c.src))) > 0 {
			break
		}
		last = last.PreviousSibling()
	}
	o, ok := last.(*d2lOption)
	if !ok || o.name != name {
		return ""
	}
	// an equation's label may follow its closing $$ on the same line
	if !c.lineEndBefore(o) && !(name == "eqlabel" && afterDisplayMath(o, c.src)) {
		return ""
	}
	label := strings.TrimSpace(o.value)
	if label == "" || strings.ContainsAny(label, " \t") {
		return ""
	}
	for n := o.NextSibling(); n != nil; {
		next := n.NextSibling()
		p.RemoveChild(p, n)
		n = next
	}
	p.RemoveChild(p, o)
	return label
}

// lineEndBefore reports whether a line ends just before n.
func (c *converter) lineEndBefore(n ast.Node) bool {
	before, ok := n.PreviousSibling().(*ast.Text)
	return ok && (before.SoftLineBreak() || before.HardLineBreak())
}

// afterDisplayMath reports whether n follows a formula in $$…$$, with
// only spaces between.
func afterDisplayMath(n ast.Node, src []byte) bool {
	prev := n.PreviousSibling()
	if t, ok := prev.(*ast.Text); ok && len(bytes.TrimSpace(t.Value(src))) == 0 && !t.SoftLineBreak() && !t.HardLineBreak() {
		prev = prev.PreviousSibling()
	}
	if m, ok := prev.(*mathNode); ok {
		return m.display
	}
	t, ok := prev.(*ast.Text)
	return ok && bytes.HasSuffix(bytes.TrimRight(t.Value(src), " \t"), []byte("$$"))
}

// d2lLabelRow reads a table's last row that is only d2lbook's
// :label:`tab_x`: written on the line under the rows, GFM reads it as one
// more row, where d2lbook labels the table with it.
func (c *converter) d2lLabelRow(r ast.Node) (string, bool) {
	first := r.FirstChild()
	if first == nil {
		return "", false
	}
	for cell := first.NextSibling(); cell != nil; cell = cell.NextSibling() {
		if cell.HasChildren() {
			return "", false
		}
	}
	var label string
	for n := first.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *d2lOption:
			if n.name != "label" || label != "" {
				return "", false
			}
			label = strings.TrimSpace(n.value)
		case *ast.Text:
			if len(bytes.TrimSpace(n.Value(c.src))) > 0 {
				return "", false
			}
		default:
			return "", false
		}
	}
	return label, label != "" && !strings.ContainsAny(label, " \t")
}
