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
		{"20.38ex", "20.38ex"},
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

// A picture in a line given no size is an icon up to IconHeight pixels
// tall, and set apart from the text beyond; a drawing with proportions
// alone stays an icon, as does a picture of unknown size.
func TestApartInLine(t *testing.T) {
	for _, c := range []struct {
		name   string
		asset  *Asset
		height string
		want   bool
	}{
		{"a 16-pixel icon", &Asset{Width: 16, Height: 16}, "", false},
		{"a 48-pixel icon", &Asset{Width: 48, Height: 48}, "", false},
		{"a badge", &Asset{Width: 100, Height: 20}, "", false},
		{"a banner as tall as an icon may be", &Asset{Width: 600, Height: IconHeight}, "", false},
		{"a chart", &Asset{Width: 600, Height: IconHeight + 1}, "", true},
		{"a screenshot", &Asset{Width: 1200, Height: 800}, "", true},
		{"a screenshot given a height", &Asset{Width: 1200, Height: 800}, "2em", false},
		{"a screenshot given a percentage height, which is none", &Asset{Width: 1200, Height: 800}, "50%", true},
		{"an icon set's drawing", &Asset{Width: 512, Height: 512, Unsized: true}, "", false},
		{"a picture of unknown size", &Asset{}, "", false},
		{"a picture not found", nil, "", false},
	} {
		h, _ := ParseLength(c.height)
		if got := (&Image{Height: h, Asset: c.asset}).ApartInLine(); got != c.want {
			t.Errorf("%s: apart %v, want %v", c.name, got, c.want)
		}
	}
}

// In a table's cell a picture is set apart as in a line of text, unless
// its book's stylesheet sizes it (a class).
func TestApartInCell(t *testing.T) {
	shot := &Asset{Width: 1200, Height: 800}
	for _, c := range []struct {
		name string
		img  *Image
		want bool
	}{
		{"a screenshot", &Image{Asset: shot}, true},
		{"a screenshot with a class", &Image{Asset: shot, Styled: true}, false},
		{"an icon", &Image{Asset: &Asset{Width: 48, Height: 48}}, false},
		{"a screenshot given a width", &Image{Asset: shot, Width: Length{Value: 300, Unit: "px"}}, false},
	} {
		if got := c.img.ApartInCell(); got != c.want {
			t.Errorf("%s: apart %v, want %v", c.name, got, c.want)
		}
	}
}
