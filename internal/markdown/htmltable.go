package markdown

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// table converts an HTML table. Rows may be ragged (padded with empty
// cells); a cell spanning rows or columns keeps its place in its first
// row and column and leaves the others to empty stand-ins (SpannedBy),
// so that the columns stay aligned. The header is the first row of <thead>, or a
// first row made only of <th> cells; a table without one has a nil Header.
// The caption, the column groups, heading cells in the body and the scope
// a heading cell names are kept; cells keep only inline content (blocks in
// a cell are joined with line breaks), and a cell's ID stays a link target
// at the start of its content.
func (h *htmlConv) table(n *html.Node) []item {
	line := h.line
	at := h.tagOffset(n)
	var before []item
	type row struct {
		cells  []*html.Node
		inHead bool
	}
	var rows []row
	var caption []doc.Inline
	var groups []*doc.ColumnGroup
	var colNodes []*html.Node // the <colgroup> and <col> elements, in order
	var walk func(p *html.Node, inHead bool)
	walk = func(p *html.Node, inHead bool) {
		for ch := p.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type != html.ElementNode || ch.Namespace != "" {
				before = append(before, h.node(ch)...)
				continue
			}
			switch ch.Data {
			case "caption":
				if caption == nil {
					caption = h.cellContent(ch)
				} else {
					before = append(before, blocksToItems(h.c.itemsToBlocks(h.children(ch)))...)
				}
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
			case "colgroup":
				groups = append(groups, columnGroup(ch))
				colNodes = append(colNodes, ch)
			case "col":
				colNodes = append(colNodes, ch)
				groups = append(groups, &doc.ColumnGroup{Columns: []*doc.Column{{Span: spanAttr(ch), Classes: classes(ch)}}})
			default:
				before = append(before, h.node(ch)...)
			}
		}
	}
	walk(n, false)

	t := &doc.Table{BlockBase: doc.BlockBase{Pos: h.c.posAt(at, line)}, Caption: caption}
	// each row's places, the cells spanning rows and columns expanded
	grid := make([][]*doc.TableCell, len(rows))
	width := 0
	// the stand-ins a table's spans may add: a few bytes of rowspan and
	// colspan would otherwise make millions of cells
	standIns := maxStandIns
	for i, r := range rows {
		header := i == 0 && (r.inHead || allHeaderCells(r.cells))
		col := 0
		for _, c := range r.cells {
			for col < len(grid[i]) && grid[i][col] != nil {
				col++
			}
			// A cell of the header row heads by its place.
			cell := &doc.TableCell{Content: h.cellContent(c), Header: !header && c.Data == "th", Scope: cellScope(c)}
			if cell.Header && r.inHead && cell.Scope == doc.ScopeAuto {
				cell.Scope = doc.ScopeColumn // a later heading row of the head heads its columns too
			}
			rs, cs := cellSpan(c, "rowspan", len(rows)-i), cellSpan(c, "colspan", maxSpan)
			if rs*cs-1 > standIns {
				rs, cs = 1, 1 // spans past the table's share are dropped
			}
			standIns -= rs*cs - 1
			for dr := range rs {
				for dc := range min(cs, maxSpan-col) {
					place := cell
					if dr > 0 || dc > 0 {
						place = &doc.TableCell{Header: cell.Header, Scope: cell.Scope, SpannedBy: cell}
					}
					row := grid[i+dr]
					for len(row) <= col+dc {
						row = append(row, nil)
					}
					if row[col+dc] == nil {
						row[col+dc] = place
					}
					grid[i+dr] = row
				}
			}
			col += cs
		}
		// a table of more columns than a colgroup may span would be
		// hostile, and is cut at that
		grid[i] = grid[i][:min(len(grid[i]), maxSpan)]
		width = max(width, len(grid[i]))
	}
	if width == 0 {
		if len(caption) > 0 {
			before = append(before, item{bl: &doc.Paragraph{BlockBase: t.BlockBase, Content: caption}})
		}
		return before
	}
	for i, r := range rows {
		header := i == 0 && (r.inHead || allHeaderCells(r.cells))
		cells := grid[i]
		for j, c := range cells {
			if c == nil {
				cells[j] = &doc.TableCell{} // a hole a span left
			}
		}
		if header {
			t.Header = cells
			t.Align = make([]doc.Align, width)
			for j, c := range r.cells {
				t.Align[j] = elementAlign(c)
			}
			continue
		}
		t.Rows = append(t.Rows, cells)
	}
	if t.Align == nil && len(rows) > 0 {
		t.Align = make([]doc.Align, width)
		for j, c := range rows[0].cells {
			t.Align[j] = elementAlign(c)
		}
	}
	padTable(t)
	t.Groups = fitGroups(groups, len(t.Align))
	t.Widths = columnWidths(colNodes, len(t.Align))
	return append(before, item{bl: t})
}

// columnWidths reads the widths the <col> elements give the columns as
// percentages (a width attribute or a width in their style), each a
// share of the measure as pandoc reads them; nil unless every column has
// one. A <col> spanning columns gives each of them its width.
func columnWidths(nodes []*html.Node, ncol int) []float64 {
	var out []float64
	add := func(c *html.Node) bool {
		w, ok := percentWidth(c)
		for range spanAttr(c) {
			if len(out) < ncol {
				out = append(out, w)
			}
		}
		return ok
	}
	for _, n := range nodes {
		if n.Data == "col" {
			if !add(n) {
				return nil
			}
			continue
		}
		cols := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Namespace == "" && c.Data == "col" {
				cols++
				if !add(c) {
					return nil
				}
			}
		}
		if cols == 0 {
			return nil // a group of columns given no width
		}
	}
	if ncol == 0 || len(out) < ncol {
		return nil
	}
	return out[:ncol]
}

// percentWidth reads an element's width in percent, from its width
// attribute or a width declaration in its style, as a share.
func percentWidth(n *html.Node) (float64, bool) {
	v := strings.TrimSpace(attrOr(n, "width"))
	for _, decl := range strings.Split(attrOr(n, "style"), ";") {
		k, val, ok := strings.Cut(decl, ":")
		if ok && strings.EqualFold(strings.TrimSpace(k), "width") {
			v = strings.TrimSpace(val)
		}
	}
	num, ok := strings.CutSuffix(v, "%")
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || !(f > 0 && f <= 100) {
		return 0, false
	}
	return f / 100, true
}

// cellContent is a cell's (or caption's) inline content, in the
// language it or its row marks, after an anchor point for its ID.
func (h *htmlConv) cellContent(c *html.Node) []doc.Inline {
	content := flattenItems(append(h.anchorPoint(attrOr(c, "id")), h.children(c)...))
	tag := h.htmlLang(c)
	if tag == "" && c.Parent != nil && c.Parent.Data == "tr" {
		tag = h.htmlLang(c.Parent) // the row's
	}
	if tag != "" && !allSpace(content) {
		content = []doc.Inline{&doc.Span{Lang: tag, Content: content}}
	}
	return content
}

func cellScope(c *html.Node) doc.CellScope {
	switch strings.ToLower(strings.TrimSpace(attrOr(c, "scope"))) {
	case "col":
		return doc.ScopeColumn
	case "row":
		return doc.ScopeRow
	case "colgroup":
		return doc.ScopeColumnGroup
	case "rowgroup":
		return doc.ScopeRowGroup
	}
	return doc.ScopeAuto
}

// maxSpan bounds a column group's span, as HTML does.
const maxSpan = 1000

// spanAttr is an element's span: a whole number from 1 to 1000, 1 when
// missing or not a number.
func spanAttr(n *html.Node) int {
	v, err := strconv.Atoi(strings.TrimSpace(attrOr(n, "span")))
	if err != nil || v < 1 {
		return 1
	}
	return min(v, maxSpan)
}

// columnGroup reads a <colgroup>: its <col> children, or its span.
func columnGroup(n *html.Node) *doc.ColumnGroup {
	g := &doc.ColumnGroup{Span: spanAttr(n), Classes: classes(n)}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Namespace == "" && c.Data == "col" {
			g.Columns = append(g.Columns, &doc.Column{Span: spanAttr(c), Classes: classes(c)})
		}
	}
	return g
}

// fitGroups keeps the column groups that fit the table's width, the last
// one cut to fit.
func fitGroups(groups []*doc.ColumnGroup, width int) []*doc.ColumnGroup {
	var out []*doc.ColumnGroup
	left := width
	for _, g := range groups {
		if left <= 0 {
			break
		}
		if len(g.Columns) == 0 {
			g.Span = min(g.Span, left)
			left -= g.Span
			out = append(out, g)
			continue
		}
		var cols []*doc.Column
		for _, c := range g.Columns {
			if left <= 0 {
				break
			}
			c.Span = min(c.Span, left)
			left -= c.Span
			cols = append(cols, c)
		}
		g.Columns = cols
		out = append(out, g)
	}
	return out
}

// maxStandIns bounds the empty places a table's spanning cells leave
// (see table).
const maxStandIns = 1 << 16

// cellSpan is a cell's rowspan or colspan (attr): a whole number from 1
// to most, 1 when missing or not a number.
func cellSpan(c *html.Node, attr string, most int) int {
	v, err := strconv.Atoi(strings.TrimSpace(attrOr(c, attr)))
	if err != nil || v < 1 {
		return 1
	}
	return max(min(v, most), 1)
}

func allHeaderCells(cells []*html.Node) bool {
	for _, c := range cells {
		if c.Data != "th" {
			return false
		}
	}
	return len(cells) > 0
}

// elementAlign reads an element's alignment (a cell's, a paragraph's) from
// its align attribute or a text-align declaration in its style (the style
// itself is not kept).
func elementAlign(c *html.Node) doc.Align {
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
