package markdown

import (
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// Sphinx numbers (numfig) every figure and table that has a caption and
// a label: a {figure} or {table} named with :name: or after a (label)=
// line, and a code cell whose output mystnb makes a figure (its metadata's
// figure: caption and name). numberMyst gives such a block the span of
// its number that Quarto's labelled figures and tables have (doc's
// CrossrefLabel), so one counter numbers them all, and {numref} can print
// "Figure 3" once the resolve pass has counted.

// numberMyst marks b numbered when it is a labelled, captioned figure or
// table not marked yet, and returns it.
func numberMyst(b doc.Block) doc.Block {
	var caption *[]doc.Inline
	kind := doc.CrossrefFigure
	switch b := b.(type) {
	case *doc.Figure:
		if b.ID != "" {
			caption = &b.Caption
		}
	case *doc.Table:
		if b.ID != "" {
			caption, kind = &b.Caption, doc.CrossrefTable
		}
	case *doc.Div:
		if p := doc.FigureCaption(b); p != nil && b.ID != "" {
			caption = &p.Content
		}
	}
	if caption == nil || len(*caption) == 0 {
		return b
	}
	if sp, ok := (*caption)[0].(*doc.Span); ok {
		if _, ok := doc.ParseCrossrefLabel(sp); ok {
			return b
		}
	}
	*caption = append([]doc.Inline{doc.CrossrefLabel(kind)}, *caption...)
	return b
}

// onlyTable is the table that is all a directive's body holds.
func onlyTable(body []doc.Block) (*doc.Table, bool) {
	if len(body) != 1 {
		return nil, false
	}
	t, ok := body[0].(*doc.Table)
	return t, ok
}

// mystCellFigure is a code cell whose output mystnb makes a figure
// (metadata mystnb: figure: caption:, name:): the code under the
// figure's caption, numbered when it is named, so that a {numref} to it
// prints the number the book's site gives the figure the code draws.
func (c *converter) mystCellFigure(n *mystDirective, code *doc.CodeBlock) doc.Block {
	figure := false
	for _, o := range n.options {
		figure = figure || o.key == "figure" && o.value == ""
	}
	caption := strings.TrimSpace(n.option("caption"))
	if !figure || caption == "" {
		return code
	}
	content := c.captionInlines(caption, code.BlockBase)
	if code.ID != "" {
		content = append([]doc.Inline{doc.CrossrefLabel(doc.CrossrefFigure)}, content...)
	}
	id := code.ID
	code.ID = ""
	base := code.BlockBase
	cap := &doc.Div{BlockBase: base, Kind: doc.DivCaption, Blocks: []doc.Block{&doc.Paragraph{BlockBase: base, Content: content}}}
	return &doc.Div{BlockBase: base, ID: id, Kind: doc.DivFigure, Classes: []string{"cell-figure"}, Blocks: []doc.Block{cap, code}}
}

// csvTable is the table a csv-table directive writes as comma-separated
// values: its header option (a line of such values) and then its first
// header-rows lines head the columns, stub-columns cells head their rows,
// widths share out the measure, delim parts the values (a character, tab
// or space). The values of a :file: are in the body once the book's
// includes are expanded (include/myst.go); a :url:'s are not read: its
// caption is kept, with a warning.
func (c *converter) csvTable(n *mystDirective, base doc.BlockBase, id string, classes []string) []doc.Block {
	caption := c.captionInlines(n.arg, base)
	if src := n.option("file") + n.option("url"); src != "" {
		// a :file: the book's includes could read is in the body by now;
		// one they could not was named in their warning
		if n.option("file") == "" {
			c.warnAt(n.Pos(), "myst.csv-table", fmt.Sprintf("directive {csv-table} reads its values from %s, which is not read; its caption is kept", src))
		}
		if len(caption) == 0 {
			return nil
		}
		return []doc.Block{&doc.Paragraph{BlockBase: base, ID: id, Classes: []string{"caption"}, Content: []doc.Inline{&doc.Strong{Content: caption}}}}
	}
	r := func(text string) ([][]string, error) {
		cr := csv.NewReader(strings.NewReader(text))
		cr.FieldsPerRecord, cr.LazyQuotes, cr.TrimLeadingSpace = -1, true, true
		switch d := n.option("delim"); d {
		case "", ",":
		case "tab":
			cr.Comma = '\t'
		case "space":
			cr.Comma = ' '
		default:
			if len([]rune(d)) == 1 {
				cr.Comma = []rune(d)[0]
			}
		}
		return cr.ReadAll()
	}
	rows, err := r(c.mystCodeText(n))
	var head [][]string
	if err == nil && strings.TrimSpace(n.option("header")) != "" {
		head, err = r(n.option("header"))
	}
	if err != nil || len(rows)+len(head) == 0 {
		c.warnAt(n.Pos(), "myst.csv-table", fmt.Sprintf("directive {csv-table} holds no values to read as a table (%v); left out", err))
		return nil
	}
	heads, _ := strconv.Atoi(strings.TrimSpace(n.option("header-rows")))
	heads = min(max(heads, 0), len(rows)) + len(head)
	rows = append(head, rows...)
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	cells := make([][]*doc.TableCell, len(rows))
	for i, r := range rows {
		for j := 0; j < cols; j++ {
			cell := &doc.TableCell{}
			if j < len(r) {
				cell.Content = c.captionInlines(r[j], base)
			}
			cells[i] = append(cells[i], cell)
		}
	}
	t := tableOf(n, cells, heads, cols)
	t.BlockBase, t.ID, t.Classes, t.Caption = base, id, classes, caption
	return []doc.Block{numberMyst(t)}
}
