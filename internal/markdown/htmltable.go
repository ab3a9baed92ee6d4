package markdown

import (
	"strings"

	"golang.org/x/net/html"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// table converts an HTML table. Rows may be ragged (padded with empty
// cells); spans are not kept. The header is the first row of <thead>, or a
// first row made only of <th> cells; a table without one has a nil Header.
// A caption becomes a paragraph before the table, and cells keep only
// inline content (blocks in a cell are joined with line breaks).
func (h *htmlConv) table(n *html.Node) []item {
	line := h.line
	var before []item
	type row struct {
		cells  []*html.Node
		inHead bool
	}
	var rows []row
	var walk func(p *html.Node, inHead bool)
	walk = func(p *html.Node, inHead bool) {
		for ch := p.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type != html.ElementNode || ch.Namespace != "" {
				before = append(before, h.node(ch)...)
				continue
			}
			switch ch.Data {
			case "caption":
				before = append(before, blocksToItems(h.c.itemsToBlocks(h.children(ch)))...)
			case "thead":
				walk(ch, true)
			case "tbody", "tfoot":
				walk(ch, false)
			case "tr":
				var r row
				r.inHead = inHead
				for c := ch.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
						r.cells = append(r.cells, c)
					} else if c.Type == html.ElementNode {
						before = append(before, h.node(c)...)
					}
				}
				rows = append(rows, r)
			case "colgroup", "col":
			default:
				before = append(before, h.node(ch)...)
			}
		}
	}
	walk(n, false)

	t := &doc.Table{BlockBase: doc.BlockBase{Pos: h.c.pos(line)}}
	width := 0
	for _, r := range rows {
		width = max(width, len(r.cells))
	}
	if width == 0 {
		return before
	}
	for i, r := range rows {
		cells := make([]*doc.TableCell, 0, len(r.cells))
		for _, c := range r.cells {
			content := flattenItems(h.children(c))
			tag := h.htmlLang(c)
			if tag == "" && c.Parent != nil {
				tag = h.htmlLang(c.Parent) // the row's
			}
			if tag != "" && !allSpace(content) {
				content = []doc.Inline{&doc.Span{Lang: tag, Content: content}}
			}
			cells = append(cells, &doc.TableCell{Content: content})
		}
		header := i == 0 && (r.inHead || allHeaderCells(r.cells))
		if header {
			t.Header = cells
			t.Align = make([]doc.Align, width)
			for j, c := range r.cells {
				t.Align[j] = cellAlign(c)
			}
			continue
		}
		t.Rows = append(t.Rows, cells)
	}
	if t.Align == nil && len(rows) > 0 {
		t.Align = make([]doc.Align, width)
		for j, c := range rows[0].cells {
			t.Align[j] = cellAlign(c)
		}
	}
	padTable(t)
	return append(before, item{bl: t})
}

func allHeaderCells(cells []*html.Node) bool {
	for _, c := range cells {
		if c.Data != "th" {
			return false
		}
	}
	return len(cells) > 0
}

// cellAlign reads a cell's alignment from its align attribute or a
// text-align declaration in its style (the style itself is not kept).
func cellAlign(c *html.Node) doc.Align {
	v := strings.ToLower(strings.TrimSpace(attrOr(c, "align")))
	if v == "" {
		for _, decl := range strings.Split(attrOr(c, "style"), ";") {
			k, val, ok := strings.Cut(decl, ":")
			if ok && strings.EqualFold(strings.TrimSpace(k), "text-align") {
				v = strings.ToLower(strings.TrimSpace(val))
			}
		}
	}
	switch v {
	case "left", "start":
		return doc.AlignLeft
	case "center":
		return doc.AlignCenter
	case "right", "end":
		return doc.AlignRight
	}
	return doc.AlignDefault
}
