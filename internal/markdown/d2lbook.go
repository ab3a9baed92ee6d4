package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"

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
		case *ast.Text:
			v := bytes.TrimSpace(t.Value(c.src))
			if len(v) > 0 {
				name, ok := d2lOptionName(v)
				code, isCode := t.NextSibling().(*ast.CodeSpan)
				if !ok || !broken || !isCode {
					return nil, false
				}
				opts = append(opts, option{name, string(bytes.TrimSpace(code.Text(c.src))), t.Segment.Start})
				broken = false
				n = code
				continue
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

// d2lOptionName reads ":label:", ":width:" or ":height:", the names of
// d2lbook's picture options.
func d2lOptionName(v []byte) (string, bool) {
	switch string(v) {
	case ":label:":
		return "label", true
	case ":width:":
		return "width", true
	case ":height:":
		return "height", true
	}
	return "", false
}
