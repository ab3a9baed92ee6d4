package pdf

import (
	"strconv"
	"strings"

	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// labelRange is one entry of a /PageLabels number tree: pages from its
// first on are numbered in style (D, r, R, or none) from start, after prefix.
type labelRange struct {
	style  string
	start  int
	prefix string
}

// parseLabel splits a printed folio into prefix, numbering style and number.
func parseLabel(label string) labelRange {
	if n, err := strconv.Atoi(label); err == nil && n > 0 && label[0] != '0' && label[0] != '+' {
		return labelRange{style: "D", start: n}
	}
	if n := romanValue(label); n > 0 {
		if label == strings.ToLower(label) {
			return labelRange{style: "r", start: n}
		}
		return labelRange{style: "R", start: n}
	}
	// A prefix followed by digits ("A-3"): the digits count on.
	i := len(label)
	for i > 0 && label[i-1] >= '0' && label[i-1] <= '9' {
		i--
	}
	if i > 0 && i < len(label) && label[i] != '0' {
		if n, err := strconv.Atoi(label[i:]); err == nil && n > 0 {
			return labelRange{style: "D", start: n, prefix: label[:i]}
		}
	}
	return labelRange{prefix: label}
}

// pageLabels returns the /Nums array of the page label tree, or nil when
// no page has a label.
func pageLabels(labels []string) pdffile.Array {
	any := false
	for _, l := range labels {
		if l != "" {
			any = true
		}
	}
	if !any {
		return nil
	}
	var nums pdffile.Array
	var cur labelRange
	for i, l := range labels {
		r := parseLabel(l)
		continues := i > 0 && r.style == cur.style && r.prefix == cur.prefix &&
			(r.style == "" || r.start == cur.start+1)
		cur = r
		if continues {
			continue
		}
		d := pdffile.Dict{}
		if r.style != "" {
			d["S"] = pdffile.Name(r.style)
			if r.start != 1 {
				d["St"] = pdffile.Int(r.start)
			}
		}
		if r.prefix != "" {
			d["P"] = textString(r.prefix)
		}
		nums = append(nums, pdffile.Int(i), d)
	}
	return nums
}

// romanValue is the value of a well-formed roman numeral (1 to 3999), or 0.
func romanValue(s string) int {
	if s == "" || len(s) > 15 {
		return 0
	}
	values := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100, 'd': 500, 'm': 1000}
	lower := strings.ToLower(s)
	if lower != s && strings.ToUpper(s) != s {
		return 0 // mixed case is not a numeral
	}
	n := 0
	for i := 0; i < len(lower); i++ {
		v, ok := values[lower[i]]
		if !ok {
			return 0
		}
		if i+1 < len(lower) && values[lower[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	if n < 1 || n > 3999 || toRoman(n) != lower {
		return 0
	}
	return n
}

func toRoman(n int) string {
	steps := []struct {
		v int
		s string
	}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
		{50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}}
	var b strings.Builder
	for _, st := range steps {
		for n >= st.v {
			b.WriteString(st.s)
			n -= st.v
		}
	}
	return b.String()
}
