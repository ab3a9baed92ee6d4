package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestHTMLTableSpans: a cell spanning rows or columns keeps its first
// row and column and leaves its other places to empty stand-ins spanned
// by it, so that the cells after it stay in their columns: a table
// pandas writes for a two-level index, its head in two rows.
func TestHTMLTableSpans(t *testing.T) {
	src := `<table>
<thead>
<tr><th></th><th></th><th colspan="2">population</th></tr>
<tr><th>state</th><th>year</th><th>total</th><th>under 18</th></tr>
</thead>
<tbody>
<tr><th rowspan="2">California</th><th>2000</th><td>33871648</td><td>9267089</td></tr>
<tr><th>2010</th><td>37253956</td><td>9284094</td></tr>
<tr><th rowspan="9">Texas</th><th>2000</th><td>20851820</td><td>5906301</td></tr>
</tbody>
</table>
`
	ch, err := Parse([]byte(src), "ch.md")
	if err != nil {
		t.Fatal(err)
	}
	var tb *doc.Table
	doc.Walk(ch.Blocks, doc.Visitor{Block: func(b doc.Block) bool {
		if t, ok := b.(*doc.Table); ok {
			tb = t
		}
		return true
	}})
	if tb == nil {
		t.Fatal("no table")
	}
	show := func(c *doc.TableCell) string {
		switch {
		case c.SpannedBy != nil:
			return "<" + doc.PlainText(c.SpannedBy.Content) + ">"
		case c.Header:
			return "th:" + doc.PlainText(c.Content)
		}
		return doc.PlainText(c.Content)
	}
	var got []string
	for _, row := range append([][]*doc.TableCell{tb.Header}, tb.Rows...) {
		var cells []string
		for _, c := range row {
			cells = append(cells, show(c))
		}
		got = append(got, strings.Join(cells, "|"))
	}
	want := []string{
		"||population|<population>",
		"th:state|th:year|th:total|th:under 18",
		"th:California|th:2000|33871648|9267089",
		"<California>|th:2000|37253956|9284094",
		"th:Texas|th:2000|20851820|5906301",
	}
	want[3] = strings.Replace(want[3], "th:2000", "th:2010", 1)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rows\n%q\nwant\n%q", got, want)
	}
	if s := tb.Rows[2][0].SpannedBy; s == nil || !s.Header || tb.Rows[2][0].Scope != s.Scope {
		t.Errorf("the stand-in under California is not a heading cell as it is")
	}
}

// TestHTMLTableSpansBounded: a few bytes of rowspan and colspan make no
// more than maxStandIns stand-ins in a table.
func TestHTMLTableSpansBounded(t *testing.T) {
	src := "<table>" + strings.Repeat(`<tr><td rowspan="65534" colspan="1000">x</td></tr>`, 200) + "</table>\n"
	ch, err := Parse([]byte(src), "ch.md")
	if err != nil {
		t.Fatal(err)
	}
	standIns := 0
	doc.Walk(ch.Blocks, doc.Visitor{Block: func(b doc.Block) bool {
		if tb, ok := b.(*doc.Table); ok {
			for _, row := range append([][]*doc.TableCell{tb.Header}, tb.Rows...) {
				for _, c := range row {
					if c.SpannedBy != nil {
						standIns++
					}
				}
			}
		}
		return true
	}})
	if standIns == 0 || standIns > maxStandIns {
		t.Errorf("%d stand-ins, want some and at most %d", standIns, maxStandIns)
	}
}
