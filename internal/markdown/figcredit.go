package markdown

import (
	"github.com/yuin/goldmark/ast"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// quotedCaption makes q's paragraph the caption of the figure fig when q
// is a quotation of that one paragraph on the very next line of the
// picture, as lessons written for GitHub credit their pictures:
//
//	![Intro Programming](../../sketchnotes/webdev101-programming.png)
//	> Sketchnote by [Tomomi Imura](https://twitter.com/girlie_mac)
//
// With no blank line between them the quotation belongs to the picture;
// left a quotation, it would stay behind when the figure floats to the
// next page. pic is the picture's paragraph, fig what it became.
func (c *converter) quotedCaption(pic ast.Node, fig []doc.Block, q []doc.Block, quote ast.Node) bool {
	if len(fig) != 1 || len(q) != 1 {
		return false
	}
	f, ok := fig[0].(*doc.Figure)
	if !ok || len(f.Caption) > 0 {
		return false
	}
	bq, ok := q[0].(*doc.BlockQuote)
	if !ok || bq.ID != "" || len(bq.Classes) > 0 || len(bq.Blocks) != 1 {
		return false
	}
	p, ok := bq.Blocks[0].(*doc.Paragraph)
	if !ok || p.ID != "" || len(p.Classes) > 0 || p.Lines || len(p.Content) == 0 {
		return false
	}
	lines := pic.Lines()
	if lines == nil || lines.Len() == 0 {
		return false
	}
	last := c.lines.line(lines.At(lines.Len() - 1).Start)
	if c.nodeLine(quote) != last+1 {
		return false
	}
	f.Caption = p.Content
	return true
}
