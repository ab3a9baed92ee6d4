package svg

import (
	"strings"
	"testing"
)

// TestPaintOrder: paint-order paints a shape's fill, stroke and markers
// in the order it names, the rest after in their usual order; an
// invalid value is ignored.
func TestPaintOrder(t *testing.T) {
	marker := `<marker id="m" markerWidth="4" markerHeight="4" markerUnits="userSpaceOnUse" overflow="visible"><rect width="1" height="1" fill="blue"/></marker>`
	line := func(order string) string {
		return marker + `<path d="M0,0 L10,0 L10,10" fill="red" stroke="green" marker-end="url(#m)" paint-order="` + order + `"/>`
	}
	fillAndStroke := `shape [id] fill=#ff0000/1 stroke=#008000/1 w=1`
	fill, stroke, mark := `shape [id] fill=#ff0000/1`, `shape [id] stroke=#008000/1 w=1`, `shape [1 0 0 1 10 10] fill=#0000ff/1`
	tests := []struct {
		order string
		want  []string
	}{
		{"normal", []string{fillAndStroke, mark}},
		{"stroke", []string{stroke, fill, mark}},
		{"markers", []string{mark, fillAndStroke}},
		{"stroke markers fill", []string{stroke, mark, fill}},
		{"fill markers", []string{fill, mark, stroke}},
		{"stroke stroke", []string{fillAndStroke, mark}},
		{"stroke wobble", []string{fillAndStroke, mark}},
	}
	for _, tc := range tests {
		got := parseDump(t, svgOpen+line(tc.order)+"</svg>", Options{})
		var heads []string
		for _, l := range strings.Split(got, "\n") {
			if !strings.HasPrefix(l, " ") {
				heads = append(heads, l)
			}
		}
		if g, w := strings.Join(heads, "\n"), strings.Join(tc.want, "\n"); g != w {
			t.Errorf("paint-order %q:\ngot:\n%s\nwant:\n%s", tc.order, g, w)
		}
	}
}
