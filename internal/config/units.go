package config

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Points per unit. A point is 1/72 inch, the PDF user-space unit, so the
// layout can use these numbers as they are.
var unitPoints = map[string]float64{
	"pt": 1,
	"in": 72,
	"mm": 72 / 25.4,
	"cm": 72 / 2.54,
	"pc": 12,
}

// The number syntax is deliberately narrow: ParseFloat alone would accept
// hex floats, exponents, "Inf" and "NaN", none of which belong in a margin.
var lengthPattern = regexp.MustCompile(`^(-?)(\d+(?:\.\d*)?|\.\d+)\s*([a-z]*)$`)

// parseNumberUnit splits "0.75in" into 54 and "in". A bare number has unit "".
func parseNumberUnit(s string) (value float64, unit string, ok bool) {
	m := lengthPattern.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return 0, "", false
	}
	if m[3] != "" {
		if _, known := unitPoints[m[3]]; !known {
			return 0, "", false
		}
	}
	n, err := strconv.ParseFloat(m[2], 64)
	if err != nil {
		return 0, "", false
	}
	if m[1] == "-" {
		n = -n
	}
	return n, m[3], true
}

// parseLength converts a length such as "0.75in", "19mm" or "54" (points) to points.
func parseLength(s string) (float64, error) {
	n, unit, ok := parseNumberUnit(s)
	if !ok {
		return 0, fmt.Errorf("bad length %q (use a number with pt, in, mm, cm or pc, e.g. 0.75in)", s)
	}
	if n < 0 {
		return 0, fmt.Errorf("length %q must not be negative", s)
	}
	if unit == "" {
		unit = "pt"
	}
	return n * unitPoints[unit], nil
}

// pageSize is a named trim size in points.
type pageSize struct {
	name          string
	width, height float64
}

var pageSizes = []pageSize{
	{"a5", 148 * 72 / 25.4, 210 * 72 / 25.4},
	{"a4", 210 * 72 / 25.4, 297 * 72 / 25.4},
	{"letter", 8.5 * 72, 11 * 72},
	{"5.5x8.5in", 5.5 * 72, 8.5 * 72},
	{"6x9in", 6 * 72, 9 * 72},
	{"7x10in", 7 * 72, 10 * 72},
}

// Bounds for custom trim sizes: smaller than a playing card cannot hold a
// text block, larger than a poster is surely a unit mistake ("6m x 9m").
const (
	minPageSide = 2 * 72
	maxPageSide = 48 * 72
)

// parsePageSize resolves a preset name or a custom "W x H" size to points.
// In a custom size a side without a unit takes the other side's unit, so
// "5.5 x 8.5in" means inches on both sides.
func parsePageSize(s string) (width, height float64, err error) {
	key := strings.ToLower(strings.TrimSpace(s))
	compact := strings.ReplaceAll(key, " ", "")
	for _, p := range pageSizes {
		if compact == p.name {
			return p.width, p.height, nil
		}
	}
	unknown := fmt.Errorf("unknown size %q (use a5, a4, letter, 5.5x8.5in, 6x9in, 7x10in or \"W x H\")", s)
	left, right, found := strings.Cut(key, "x")
	if !found {
		return 0, 0, unknown
	}
	w, wu, ok1 := parseNumberUnit(left)
	h, hu, ok2 := parseNumberUnit(right)
	if !ok1 || !ok2 || w < 0 || h < 0 {
		return 0, 0, unknown
	}
	switch {
	case wu == "" && hu == "":
		wu, hu = "pt", "pt"
	case wu == "":
		wu = hu
	case hu == "":
		hu = wu
	}
	width, height = w*unitPoints[wu], h*unitPoints[hu]
	if width < minPageSide || height < minPageSide {
		return 0, 0, fmt.Errorf("size %q is too small (each side at least 2in)", s)
	}
	if width > maxPageSide || height > maxPageSide {
		return 0, 0, fmt.Errorf("size %q is too large (each side at most 48in)", s)
	}
	return width, height, nil
}

// formatPoints writes a length for messages: inches when it is a round
// number of hundredths of an inch, else points.
func formatPoints(pt float64) string {
	in := pt / 72
	if r := float64(int64(in*100+0.5)) / 100; abs(in-r) < 1e-6 {
		return strconv.FormatFloat(r, 'f', -1, 64) + "in"
	}
	return strconv.FormatFloat(float64(int64(pt*100+0.5))/100, 'f', -1, 64) + "pt"
}

// canonicalPoints is the digest form of a length: points, rounded to a
// thousandth so "0.75in" and "54pt" digest alike.
func canonicalPoints(pt float64) string {
	return strconv.FormatFloat(float64(int64(pt*1000+0.5))/1000, 'f', -1, 64) + "pt"
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
