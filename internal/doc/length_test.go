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
