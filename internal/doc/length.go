package doc

import (
	"math"
	"strconv"
	"strings"
)

// Length is a size as an author wrote it, for a picture: a number and a
// CSS unit. The zero Length is no size.
type Length struct {
	Value float64
	Unit  string // one of Units
}

// Units are the units a Length may have: CSS pixels (1/96 in), a
// percentage of the text's width, ems (and exes) of the type size, and
// print units.
var Units = []string{"px", "%", "em", "rem", "ex", "in", "cm", "mm", "pt", "pc"}

// IsZero reports whether l gives no size.
func (l Length) IsZero() bool { return l.Unit == "" }

// String writes l as CSS: "50%", "300px".
func (l Length) String() string {
	if l.IsZero() {
		return ""
	}
	return strconv.FormatFloat(l.Value, 'f', -1, 64) + l.Unit
}

// Valid reports whether l is a size the renderers can use: a positive,
// finite number of a known unit, or no size.
func (l Length) Valid() bool {
	if l.IsZero() {
		return l.Value == 0
	}
	known := false
	for _, u := range Units {
		known = known || l.Unit == u
	}
	return known && l.Value > 0 && !math.IsInf(l.Value, 0)
}

// ParseLength reads a length as HTML attributes, CSS and Markdown
// attributes write it: "50%", "300", "300px", "2.5in", "12em". A number
// without a unit is in pixels. ok is false for anything else, "auto" and
// zero or negative sizes included.
func ParseLength(s string) (l Length, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	num := strings.TrimRightFunc(s, func(r rune) bool { return r == '%' || r >= 'a' && r <= 'z' })
	unit := strings.TrimSpace(s[len(num):])
	if unit == "" {
		unit = "px"
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || strings.ContainsAny(num, "eE") { // no exponents: "1e3px" is not CSS an author writes
		return Length{}, false
	}
	l = Length{Value: v, Unit: unit}
	if !l.Valid() || l.IsZero() {
		return Length{}, false
	}
	return l, true
}
