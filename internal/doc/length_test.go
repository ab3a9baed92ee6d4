package doc

import "testing"

func TestParseLength(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // "" when refused
	}{
		{"50%", "50%"},
		{" 300 ", "300px"},
		{"300px", "300px"},
		{"2.5in", "2.5in"},
		{"12EM", "12em"},
		{"1.5 cm", "1.5cm"},
		{"auto", ""},
		{"0", ""},
		{"-20px", ""},
		{"1e3px", ""},
		{"20furlongs", ""},
		{"", ""},
		{"%", ""},
	} {
		l, ok := ParseLength(c.in)
		if got := l.String(); got != c.want || ok != (c.want != "") {
			t.Errorf("ParseLength(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
}

func TestSizedInLine(t *testing.T) {
	for _, c := range []struct {
		width, height string
		want          bool
	}{
		{"", "", false},
		{"40", "", true},
		{"50%", "", true},
		{"", "1.5em", true},
		{"", "50%", false}, // a percentage of the line's height means nothing
		{"2cm", "50%", true},
	} {
		w, _ := ParseLength(c.width)
		h, _ := ParseLength(c.height)
		if got := (&Image{Width: w, Height: h}).SizedInLine(); got != c.want {
			t.Errorf("width %q, height %q: sized in line %v, want %v", c.width, c.height, got, c.want)
		}
	}
}
