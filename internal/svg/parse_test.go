package svg

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func near(a, b Matrix) bool {
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-9 {
			return false
		}
	}
	return true
}

func TestParseTransform(t *testing.T) {
	s, c := math.Sin(math.Pi/4), math.Cos(math.Pi/4)
	tests := []struct {
		in   string
		want Matrix
	}{
		{"", Identity},
		{"rotate(0)", Identity},
		{"scale(1 1) rotate(0) translate(4 112)", translate(4, 112)},
		{"translate(10)", translate(10, 0)},
		{"translate(10px, 5px)", translate(10, 5)},
		{"scale(2)", scale(2, 2)},
		{"scale(2,3)", scale(2, 3)},
		{"matrix(1,0,0,1,5,6)", translate(5, 6)},
		{"matrix(1 0 0 1 5 6)translate(1,1)", translate(6, 7)},
		{"rotate(45)", Matrix{c, s, -s, c, 0, 0}},
		{"rotate(90 10 10)", Matrix{0, 1, -1, 0, 20, 0}},
		{"rotate(-90deg)", rotate(-90)},
		{"skewX(45)", Matrix{1, 0, 1, 1, 0, 0}},
		{"skewY(45)", Matrix{1, 1, 0, 1, 0, 0}},
		{"scale(2) bogus(1) translate(5)", scale(2, 2)},
		{"translate(1 2 3)", Identity},
		{"rotate(1e400)", Identity},
	}
	for _, tc := range tests {
		if got := parseTransform(tc.in); !near(got, tc.want) {
			t.Errorf("parseTransform(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestParsePathData(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"M10 20L30 40Z", "M10,20 L30,40 Z", ""},
		{"m10 20 l5 5 h10 v-5 H0 V0 z", "M10,20 L15,25 L25,25 L25,20 L0,20 L0,0 Z", ""},
		{"M1-2.5.5 3", "M1,-2.5 L0.5,3", ""},
		{"M0,0 1e1,2E-1", "M0,0 L10,0.2", ""},
		{"M0 0 Q10 0 10 10 T20 20", "M0,0 C6.667,0 10,3.333 10,10 C10,16.667 13.333,20 20,20", ""},
		{"M0 0 C0 5 5 10 10 10 S20 5 20 0", "M0,0 C0,5 5,10 10,10 C15,10 20,5 20,0", ""},
		{"M0 0 A5 5 0 0 1 10 0", "M0,0 C0,-2.761 2.239,-5 5,-5 C7.761,-5 10,-2.761 10,0", ""},
		{"M0 0 a5 5 0 0010 0", "M0,0 C0,2.761 2.239,5 5,5 C7.761,5 10,2.761 10,0", ""},
		{"M0 0 A0 5 0 0 1 10 0", "M0,0 L10,0", ""},
		{"M0 0 A1 1 0 0 1 10 0", "M0,0 C0,-2.761 2.239,-5 5,-5 C7.761,-5 10,-2.761 10,0", ""},
		{"M0 0 L10 10 z L5 5", "M0,0 L10,10 Z M0,0 L5,5", ""},
		{"M0 0 L10", "M0,0", `bad arguments to 'L' at offset 6`},
		{"L10 10", "", `path data must start with a move, not 'L'`},
		{"M0 0 X5", "M0,0", `unexpected 'X' at offset 5`},
		{"M0 0 A5 5 0 2 1 10 0", "M0,0", `bad arguments to 'A' at offset 6`},
	}
	for _, tc := range tests {
		p, err := parsePathData(tc.in)
		if got := pathString(p); got != tc.want {
			t.Errorf("parsePathData(%q) = %s, want %s", tc.in, got, tc.want)
		}
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if msg != tc.err {
			t.Errorf("parsePathData(%q) error %q, want %q", tc.in, msg, tc.err)
		}
	}
}

func TestParseColor(t *testing.T) {
	tests := []struct {
		in    string
		want  Color
		alpha float64
		ok    bool
	}{
		{"#abc", Color{0xaa, 0xbb, 0xcc}, 1, true},
		{"#AABBCC", Color{0xaa, 0xbb, 0xcc}, 1, true},
		{"#aabbcc80", Color{0xaa, 0xbb, 0xcc}, 128.0 / 255, true},
		{"rgb(0, 0, 0)", Color{}, 1, true},
		{"rgb(100%, 50%, 0%)", Color{255, 128, 0}, 1, true},
		{"rgba(232, 232, 232, 0.5)", Color{232, 232, 232}, 0.5, true},
		{"rgb(1 2 3 / 50%)", Color{1, 2, 3}, 0.5, true},
		{"hsl(259.6261682243, 59.7765363128%, 87.9019607843%)", Color{218, 206, 243}, 1, true},
		{"hsl(0, 100%, 50%)", Color{255, 0, 0}, 1, true},
		{"LightGrey", Color{0xd3, 0xd3, 0xd3}, 1, true},
		{"transparent", Color{}, 0, true},
		{"#ab", Color{}, 0, false},
		{"rgb(1,2)", Color{}, 0, false},
		{"nocolor", Color{}, 0, false},
	}
	for _, tc := range tests {
		c, a, ok := parseColor(tc.in)
		if c != tc.want || math.Abs(a-tc.alpha) > 1e-9 || ok != tc.ok {
			t.Errorf("parseColor(%q) = %v %v %v, want %v %v %v", tc.in, c, a, ok, tc.want, tc.alpha, tc.ok)
		}
	}
}

func TestLength(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"10", 10, true}, {"10px", 10, true}, {"72pt", 96, true}, {"1in", 96, true},
		{"25.4mm", 96, true}, {"2.54cm", 96, true}, {"1pc", 16, true}, {"2em", 24, true},
		{"2ex", 12, true}, {"50%", 50, true}, {" 3 ", 3, true}, {"10furlongs", 0, false}, {"", 0, false}, {"px", 0, false},
	}
	for _, tc := range tests {
		got, ok := length(tc.in, 100, 12)
		if math.Abs(got-tc.want) > 1e-9 || ok != tc.ok {
			t.Errorf("length(%q) = %v %v, want %v %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// parseDump parses an SVG document and returns its dump without the size
// line.
func parseDump(t *testing.T, src string, opts Options) string {
	t.Helper()
	d, err := Parse([]byte(src), opts)
	if err != nil {
		t.Fatal(err)
	}
	dump := d.Dump()
	return strings.TrimSpace(dump[strings.IndexByte(dump, '\n')+1:])
}

const svgOpen = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100">`

// TestCascade checks the style cascade: presentation attributes lose to
// style sheet rules by specificity and order, which lose to the style
// attribute, and !important beats everything not important.
func TestCascade(t *testing.T) {
	tests := []struct {
		name, style, body, want string
	}{
		{"presentation attribute", ``, `<rect width="1" height="1" fill="red"/>`, "fill=#ff0000/1"},
		{"type selector beats attribute", `rect{fill:blue}`, `<rect width="1" height="1" fill="red"/>`, "fill=#0000ff/1"},
		{"class beats type", `.a{fill:green} rect{fill:blue}`, `<rect class="a" width="1" height="1"/>`, "fill=#008000/1"},
		{"id beats class", `#i{fill:navy} .a{fill:green}`, `<rect id="i" class="a" width="1" height="1"/>`, "fill=#000080/1"},
		{"later rule wins at equal specificity", `.a{fill:green} .b{fill:blue}`, `<rect class="b a" width="1" height="1"/>`, "fill=#0000ff/1"},
		{"inline style beats rules", `#i{fill:navy}`, `<rect id="i" style="fill:#123456" width="1" height="1"/>`, "fill=#123456/1"},
		{"important beats inline", `rect{fill:olive !important}`, `<rect style="fill:#123456" width="1" height="1"/>`, "fill=#808000/1"},
		{"descendant", `#g .node rect{fill:purple}`, `<g id="g"><g class="node"><rect width="1" height="1"/></g></g>`, "fill=#800080/1"},
		{"descendant not matching", `#g .edge rect{fill:purple}`, `<g id="g"><g class="node"><rect width="1" height="1"/></g></g>`, "fill=#000000/1"},
		{"child", `g>rect{fill:teal}`, `<g><rect width="1" height="1"/></g>`, "fill=#008080/1"},
		{"child not grandchild", `svg>rect{fill:teal}`, `<g><rect width="1" height="1"/></g>`, "fill=#000000/1"},
		{"attribute", `[data-x="1"]{fill:lime}`, `<rect data-x="1" width="1" height="1"/>`, "fill=#00ff00/1"},
		{"hover never matches", `rect:hover{fill:red}`, `<rect width="1" height="1"/>`, "fill=#000000/1"},
		{"first-child", `rect:first-child{fill:red}`, `<g><rect width="1" height="1"/></g>`, "fill=#ff0000/1"},
		{"selector list", `circle, rect{fill:maroon}`, `<rect width="1" height="1"/>`, "fill=#800000/1"},
		{"at-rules skipped", `@import url(x.css); @media print { rect{fill:red} } rect{fill:silver}`, `<rect width="1" height="1"/>`, "fill=#c0c0c0/1"},
		{"comments", `/* rect{fill:red} */ rect{/*x*/fill:silver}`, `<rect width="1" height="1"/>`, "fill=#c0c0c0/1"},
		{"inherited from group", ``, `<g fill="orange"><rect width="1" height="1"/></g>`, "fill=#ffa500/1"},
		{"currentColor", ``, `<g color="#010203"><rect fill="currentColor" width="1" height="1"/></g>`, "fill=#010203/1"},
		{"opacity multiplies", ``, `<g opacity="0.5"><rect fill-opacity="0.5" fill="rgba(0,0,0,0.5)" width="1" height="1"/></g>`, "fill=#000000/0.125"},
		{"stroke transparent", ``, `<rect stroke="transparent" width="1" height="1"/>`, "fill=#000000/1"},
		{"fill none", ``, `<rect fill="none" stroke="red" stroke-width="2" width="1" height="1"/>`, "stroke=#ff0000/1 w=2"},
		{"em stroke width", ``, `<rect fill="none" stroke="red" font-size="10" stroke-width="0.5em" width="1" height="1"/>`, "stroke=#ff0000/1 w=5"},
		{"dash of zero gaps is solid", ``, `<rect fill="none" stroke="red" stroke-dasharray="1, 0" width="1" height="1"/>`, "stroke=#ff0000/1 w=1"},
		{"odd dash doubled", ``, `<rect fill="none" stroke="red" stroke-dasharray="3" width="1" height="1"/>`, "stroke=#ff0000/1 w=1 dash=3 3@0"},
		{"display none", `rect{display:none}`, `<rect width="1" height="1"/><circle r="1" fill="red"/>`, "fill=#ff0000/1"},
	}
	for _, tc := range tests {
		src := svgOpen + "<style>" + tc.style + "</style>" + tc.body + "</svg>"
		got := parseDump(t, src, Options{})
		first := strings.SplitN(got, "\n", 2)[0]
		if !strings.Contains(first, " "+tc.want) && !strings.HasSuffix(first, tc.want) {
			t.Errorf("%s: got %q, want it to contain %q", tc.name, first, tc.want)
		}
	}
}

// fixedMetrics measures every character at 0.6 em, with an ascent of 0.8
// and a descent of 0.2.
type fixedMetrics struct{}

func (fixedMetrics) Width(f Font, s string) float64 { return 0.6 * float64(len([]rune(s))) }
func (fixedMetrics) Ascent(Font) float64            { return 0.8 }
func (fixedMetrics) Descent(Font) float64           { return 0.2 }

func TestTextLayout(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"anchor middle", `<text x="50" y="20" font-size="10" text-anchor="middle">abcd</text>`,
			[]string{`text [id] at 38,20 serif 10 fill=#000000/1 w=24 "abcd"`}},
		{"anchor end", `<text x="50" y="20" font-size="10" text-anchor="end">ab</text>`,
			[]string{`text [id] at 38,20 serif 10 fill=#000000/1 w=12 "ab"`}},
		{"tspans continue and anchor as one chunk", `<text x="50" y="20" font-size="10" text-anchor="middle">ab<tspan font-weight="bold">cd</tspan></text>`,
			[]string{`text [id] at 38,20 serif 10 fill=#000000/1 w=12 "ab"`, `text [id] at 50,20 serif bold 10 fill=#000000/1 w=12 "cd"`}},
		{"absolute tspan starts a chunk", `<text x="10" y="20" font-size="10">ab<tspan x="10" dy="1.2em">cd</tspan></text>`,
			[]string{`text [id] at 10,20 serif 10 fill=#000000/1 w=12 "ab"`, `text [id] at 10,32 serif 10 fill=#000000/1 w=12 "cd"`}},
		{"white space collapses", "<text x=\"0\" y=\"10\" font-size=\"10\">\n   a  \t b\n  </text>",
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=18 "a b"`}},
		{"a newline between words is a space, as in a browser (Mermaid's pretty-printed labels)", "<text x=\"0\" y=\"10\" font-size=\"10\">Hello\nBob,\r\nhow</text>",
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=84 "Hello Bob, how"`}},
		{"xml:space preserve", `<text x="0" y="10" font-size="10" xml:space="preserve"> a  b</text>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=30 " a  b"`}},
		{"white-space: pre in a style keeps spaces, as Excalidraw indents its lines", `<text x="0" y="10" font-size="10" style="white-space: pre;">  a  b</text>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=36 "  a  b"`}},
		{"a style's white-space overrides xml:space", `<text x="0" y="10" font-size="10" xml:space="preserve" style="white-space: normal"> a  b</text>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=18 "a b"`}},
		{"xml:space is inherited from a group", `<g xml:space="preserve"><text x="0" y="10" font-size="10"> a<tspan xml:space="default">  b </tspan></text></g>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=24 " a b"`}},
		{"per-character x", `<text x="0 20 40" y="10" font-size="10">abc</text>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=6 "a"`, `text [id] at 20,10 serif 10 fill=#000000/1 w=6 "b"`, `text [id] at 40,10 serif 10 fill=#000000/1 w=6 "c"`}},
		{"dx moves", `<text x="0" y="10" font-size="10">a<tspan dx="5">b</tspan></text>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=6 "a"`, `text [id] at 11,10 serif 10 fill=#000000/1 w=6 "b"`}},
		{"central baseline", `<text x="0" y="10" font-size="10" dominant-baseline="central">a</text>`,
			[]string{`text [id] at 0,13.5 serif 10 fill=#000000/1 w=6 "a"`}},
		{"hanging baseline from ascent", `<text x="0" y="10" font-size="10" dominant-baseline="text-before-edge">a</text>`,
			[]string{`text [id] at 0,18 serif 10 fill=#000000/1 w=6 "a"`}},
		{"font shorthand", `<text x="0" y="10" style="font: italic bold 12px 'DejaVu Sans', sans-serif">a</text>`,
			[]string{`text [id] at 0,10 sans-serif bold italic (DejaVu Sans) 12 fill=#000000/1 w=7.2 "a"`}},
		{"family names", `<text x="0" y="10" font-family="Courier New, monospace" font-size="10">a</text>`,
			[]string{`text [id] at 0,10 monospace (Courier New) 10 fill=#000000/1 w=6 "a"`}},
		{"unknown family falls to the next", `<text x="0" y="10" font-family="Fancy, Helvetica" font-size="10">a</text>`,
			[]string{`text [id] at 0,10 sans-serif (Fancy) 10 fill=#000000/1 w=6 "a"`}},
		{"a PostScript name gives the family and the style", `<text x="0" y="10" font-family="'Arial-BoldMT'" font-size="10">a</text>`,
			[]string{`text [id] at 0,10 sans-serif bold (Arial-BoldMT) 10 fill=#000000/1 w=6 "a"`}},
		{"Monotype's names too", `<text x="0" y="10" font-family="ArialMT, Arial, sans-serif" font-size="10" font-style="italic">a</text>`,
			[]string{`text [id] at 0,10 sans-serif italic (ArialMT) 10 fill=#000000/1 w=6 "a"`}},
		{"a style that is not one is part of the name", `<text x="0" y="10" font-family="Arial-Black" font-size="10">a</text>`,
			[]string{`text [id] at 0,10 serif (Arial-Black) 10 fill=#000000/1 w=6 "a"`}},
		{"underline", `<text x="0" y="10" font-size="10" text-decoration="underline">ab</text>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=12 "ab"`, `shape [id] fill=#000000/1`, `  M0,10.922 L12,10.922 L12,11.478 L0,11.478 Z`}},
		{"hidden span advances", `<text x="0" y="10" font-size="10">a<tspan visibility="hidden">b</tspan>c</text>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=6 "a"`, `text [id] at 12,10 serif 10 fill=#000000/1 w=6 "c"`}},
		{"letter spacing sets characters apart", `<text x="0" y="10" font-size="10" letter-spacing="2">ab</text>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=8 "a"`, `text [id] at 8,10 serif 10 fill=#000000/1 w=8 "b"`}},
		{"rotated group", `<g transform="rotate(-90 10 10)"><text x="10" y="10" font-size="10">a</text></g>`,
			[]string{`text [0 -1 1 0 0 20] at 10,10 serif 10 fill=#000000/1 w=6 "a"`}},
	}
	for _, tc := range tests {
		got := parseDump(t, svgOpen+tc.body+"</svg>", Options{Metrics: fixedMetrics{}})
		if want := strings.Join(tc.want, "\n"); got != want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", tc.name, got, want)
		}
	}
}

func TestStructure(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"use moves by x and y", `<defs><rect id="r" width="2" height="2"/></defs><use xlink:href="#r" x="5" y="6"/>`,
			[]string{`shape [1 0 0 1 5 6] fill=#000000/1`, `  M0,0 L2,0 L2,2 L0,2 Z`}},
		{"use inherits from the use", `<defs><rect id="r" width="2" height="2"/></defs><use href="#r" fill="red"/>`,
			[]string{`shape [id] fill=#ff0000/1`, `  M0,0 L2,0 L2,2 L0,2 Z`}},
		{"symbol with viewBox", `<symbol id="s" viewBox="0 0 10 10"><rect width="10" height="10"/></symbol><use href="#s" width="20" height="20" x="1"/>`,
			[]string{`clip`, `  by [1 0 0 1 1 0] M0,0 L20,0 L20,20 L0,20 Z`, `  shape [2 0 0 2 1 0] fill=#000000/1`, `    M0,0 L10,0 L10,10 L0,10 Z`}},
		{"use of an svg keeps its x and y, sized by the use", `<defs><svg id="s" x="3" y="4" width="5" height="5"><rect width="10" height="10"/></svg></defs><use href="#s" x="1" width="2" height="2"/>`,
			[]string{`clip`, `  by [1 0 0 1 1 0] M3,4 L5,4 L5,6 L3,6 Z`, `  shape [1 0 0 1 4 4] fill=#000000/1`, `    M0,0 L10,0 L10,10 L0,10 Z`}},
		{"use of itself draws nothing", `<g id="a"><use href="#a"/></g>`, nil},
		{"a use cycle stops where it closes", `<g id="a"><use href="#b"/><rect width="1" height="1"/></g><g id="b"><use href="#a"/></g>`,
			[]string{`shape [id] fill=#000000/1`, `  M0,0 L1,0 L1,1 L0,1 Z`, `shape [id] fill=#000000/1`, `  M0,0 L1,0 L1,1 L0,1 Z`}},
		{"clip path", `<clipPath id="c"><rect width="5" height="5" transform="translate(1 1)"/></clipPath><rect width="10" height="10" clip-path="url(#c)"/>`,
			[]string{`clip`, `  by [1 0 0 1 1 1] M0,0 L5,0 L5,5 L0,5 Z`, `  shape [id] fill=#000000/1`, `    M0,0 L10,0 L10,10 L0,10 Z`}},
		{"clip path in bounding box units", `<clipPath id="c" clipPathUnits="objectBoundingBox"><rect width="0.5" height="1"/></clipPath><rect x="10" width="10" height="4" clip-path="url(#c)"/>`,
			[]string{`clip`, `  by [10 0 0 4 10 0] M0,0 L0.5,0 L0.5,1 L0,1 Z`, `  shape [id] fill=#000000/1`, `    M10,0 L20,0 L20,4 L10,4 Z`}},
		{"switch takes the first passing child", `<switch><g requiredExtensions="http://example.org/x"><rect width="1" height="1"/></g><circle r="1"/><rect width="2" height="2"/></switch>`,
			[]string{`shape [id] fill=#000000/1`, `  M1,0 C1,0.552 0.552,1 0,1 C-0.552,1 -1,0.552 -1,0 C-1,-0.552 -0.552,-1 0,-1 C0.552,-1 1,-0.552 1,0 Z`}},
		{"nested svg viewport", `<svg x="10" y="10" width="20" height="10" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>`,
			[]string{`clip`, `  by [id] M10,10 L30,10 L30,20 L10,20 Z`, `  shape [1 0 0 1 15 10] fill=#000000/1`, `    M0,0 L10,0 L10,10 L0,10 Z`}},
		{"rect radii clamp", `<rect width="10" height="4" rx="8"/>`,
			[]string{`shape [id] fill=#000000/1`, `  M5,0 L5,0 C7.761,0 10,0.895 10,2 L10,2 C10,3.105 7.761,4 5,4 L5,4 C2.239,4 0,3.105 0,2 L0,2 C0,0.895 2.239,0 5,0 Z`}},
		{"polyline drops an odd coordinate", `<polyline points="0,0 10,0 10" fill="none" stroke="black"/>`,
			[]string{`shape [id] stroke=#000000/1 w=1`, `  M0,0 L10,0`}},
		{"marker at the end, oriented", `<marker id="m" markerWidth="4" markerHeight="4" refX="0" refY="2" orient="auto" markerUnits="userSpaceOnUse" overflow="visible"><path d="M0,0 L4,2 L0,4z"/></marker><line x1="0" y1="0" x2="0" y2="10" stroke="black" marker-end="url(#m)"/>`,
			[]string{`shape [id] stroke=#000000/1 w=1`, `  M0,0 L0,10`, `shape [0 1 -1 0 2 10] fill=#000000/1`, `  M0,0 L4,2 L0,4 Z`}},
		{"linear gradient in bounding box units", `<linearGradient id="g"><stop offset="0" stop-color="#000"/><stop offset="100%" stop-color="#fff"/></linearGradient><rect x="10" width="10" height="5" fill="url(#g)"/>`,
			[]string{`shape [id] fill=linear(0,0→1,0 [10 0 0 5 10 0] 0:#000000/1 1:#ffffff/1 mean #808080)/1`, `  M10,0 L20,0 L20,5 L10,5 Z`}},
		{"gradient stops through href", `<linearGradient id="a"><stop offset="0" style="stop-color:red"/><stop offset="1" style="stop-color:blue;stop-opacity:.5"/></linearGradient><radialGradient id="b" href="#a" gradientUnits="userSpaceOnUse" cx="5" cy="5" r="5"/><rect width="10" height="10" fill="url(#b)"/>`,
			[]string{`shape [id] fill=radial(c=5,5 r=5 f=5,5 [id] 0:#ff0000/1 1:#0000ff/0.5 mean #800080)/1`, `  M0,0 L10,0 L10,10 L0,10 Z`}},
		{"one-stop gradient is flat", `<linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient><rect width="1" height="1" fill="url(#g)"/>`,
			[]string{`shape [id] fill=#ff0000/1`, `  M0,0 L1,0 L1,1 L0,1 Z`}},
		{"missing paint server uses the fallback", `<rect width="1" height="1" fill="url(#nothing) green"/>`,
			[]string{`shape [id] fill=#008000/1`, `  M0,0 L1,0 L1,1 L0,1 Z`}},
		{"embedded image", `<image x="1" y="2" width="3" height="4" xlink:href="data:image/png;base64,iVBORw0KGgo="/>`,
			[]string{`image [id] image/png 1,2 3x4 8 bytes opacity=1`}},
	}
	for _, tc := range tests {
		got := parseDump(t, svgOpen+tc.body+"</svg>", Options{Metrics: fixedMetrics{}})
		if want := strings.Join(tc.want, "\n"); got != want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", tc.name, got, want)
		}
	}
}

func TestSizeAndViewBox(t *testing.T) {
	tests := []struct {
		root, want string
	}{
		{`width="100" height="50"`, "size 100 x 50"},
		{`width="2in" height="1in"`, "size 192 x 96"},
		{`viewBox="0 0 40 20"`, "size 40 x 20"},
		{`width="80" viewBox="0 0 40 20"`, "size 80 x 40"},
		{`width="100%" viewBox="0 0 40 20"`, "size 40 x 20"},
		{`height="10" viewBox="0 0 40 20"`, "size 20 x 10"},
		{``, "size 300 x 150"},
	}
	for _, tc := range tests {
		d, err := Parse([]byte(`<svg xmlns="http://www.w3.org/2000/svg" `+tc.root+`/>`), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.SplitN(d.Dump(), "\n", 2)[0]; got != tc.want {
			t.Errorf("%s: %s, want %s", tc.root, got, tc.want)
		}
	}
	for _, tc := range []struct {
		par  string
		want Matrix
	}{
		{"", Matrix{2, 0, 0, 2, 0, 30}},
		{"xMinYMin", Matrix{2, 0, 0, 2, 0, 0}},
		{"xMaxYMax meet", Matrix{2, 0, 0, 2, 0, 60}},
		{"xMidYMid slice", Matrix{8, 0, 0, 8, -150, 0}},
		{"none", Matrix{2, 0, 0, 8, 0, 0}},
	} {
		if got := viewBoxTransform(Rect{0, 0, 50, 10}, 100, 80, tc.par); !near(got, tc.want) {
			t.Errorf("preserveAspectRatio %q: %v, want %v", tc.par, got, tc.want)
		}
	}
}

func TestUnsupported(t *testing.T) {
	src := svgOpen + `<filter id="f"/><pattern id="p"/>` +
		`<rect width="1" height="1" filter="url(#f)"/><rect width="1" height="1" fill="url(#p)"/>` +
		`<foreignObject width="1" height="1"/>` +
		`<switch><foreignObject/><text>fallback</text></switch></svg>`
	d, err := Parse([]byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(d.Skipped, "; "), "filter effects (filter); pattern fills (pattern), drawn in grey"; got != want {
		t.Errorf("skipped: %s\nwant:    %s", got, want)
	}
	if got, want := strings.Join(d.Lost, "; "), "HTML content (<foreignObject>) without an SVG fallback"; got != want {
		t.Errorf("lost: %s\nwant: %s", got, want)
	}
}

// TestExpansionBounded: nested references that would multiply into
// billions of shapes stop at a bound and say so.
func TestExpansionBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString(svgOpen + `<defs><rect id="l0" width="1" height="1"/>`)
	for i := 1; i < 12; i++ {
		b.WriteString(`<g id="l` + itoa(i) + `">`)
		for j := 0; j < 10; j++ {
			b.WriteString(`<use href="#l` + itoa(i-1) + `"/>`)
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</defs><use href="#l11"/></svg>`)
	d, err := Parse([]byte(b.String()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Lost) != 1 || !strings.Contains(d.Lost[0], "more than") {
		t.Errorf("lost = %q", d.Lost)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestDeepDescendantSelector: a long chain of descendant combinators over
// deep nesting is matched in time (it would take depth^parts steps
// without remembering what was decided).
func TestDeepDescendantSelector(t *testing.T) {
	src := svgOpen + "<style>" + strings.Repeat("g ", 20) + "rect{fill:red}</style>" +
		strings.Repeat("<g>", 900) + `<rect width="1" height="1"/>` + strings.Repeat("</g>", 900) + "</svg>"
	got := parseDump(t, src, Options{})
	if !strings.Contains(got, "fill=#ff0000/1") {
		t.Errorf("rule did not apply:\n%s", got)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, err string }{
		{``, "svg: no <svg> element"},
		{`<html/>`, "svg: root element is <html>, not <svg>"},
		{`<svg xmlns="http://www.w3.org/2000/svg"><rect`, ""},
		{`not xml at all`, "svg: no <svg> element"},
		{svgOpen + strings.Repeat("<g>", 1000), "svg: line 1: elements nested more than 1000 deep"},
	}
	for _, tc := range tests {
		_, err := Parse([]byte(tc.in), Options{})
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if msg != tc.err {
			t.Errorf("Parse(%q): error %q, want %q", tc.in, msg, tc.err)
		}
	}
}

// TestParseCharset: the XML declaration's encoding is honoured, and one
// no one has is read as UTF-8, as a browser reads it, not refused.
func TestParseCharset(t *testing.T) {
	for _, tc := range []struct{ decl, body string }{
		{"ISO-8859-1", "\xe9"},
		{"UTF-9", "é"},
	} {
		in := `<?xml version="1.0" encoding="` + tc.decl + `"?>` + svgOpen + `<text x="0" y="10" font-size="10">` + tc.body + `</text></svg>`
		got := parseDump(t, in, Options{Metrics: fixedMetrics{}})
		if want := `text [id] at 0,10 serif 10 fill=#000000/1 w=6 "é"`; got != want {
			t.Errorf("%s: got %s, want %s", tc.decl, got, want)
		}
	}
}

// FuzzParse: no input makes the parser panic or loop, and whatever it
// returns can be dumped.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.svg")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(svgOpen + `<path d="M0 0 A1e308 1e308 0 1 1 1 1"/><text x="1 2" dy="1e308">ab</text></svg>`))
	f.Add([]byte(svgOpen + `<switch><foreignObject width="100%" height="100%"><div xmlns="http://www.w3.org/1999/xhtml" style="display: flex; ` +
		`align-items: unsafe center; justify-content: unsafe center; width: 30px; height: 1px; padding-top: 20px; margin: 1px 2px">` +
		`<div style="display: inline-block; line-height: 1.2; background: #fff"><b>a</b> b<br/><font size="+2" face="Courier">c d</font>` +
		`<ul><li>e</li></ul></div></div></foreignObject><text>[Not supported by viewer]</text></switch></svg>`))
	f.Add([]byte(svgOpen + `<defs><pattern id="p" width=".1" height=".2" patternTransform="rotate(30)"><path d="M0 0 L5 5" stroke="red" fill="url(#p)"/></pattern>` +
		`<filter id="f"><feGaussianBlur in="SourceAlpha" stdDeviation="2"/><feOffset dx="3" dy="3"/><feMerge><feMergeNode/><feMergeNode in="SourceGraphic"/></feMerge></filter></defs>` +
		`<g filter="url(#f)"><rect width="50" height="20" fill="url(#p)"/></g></svg>`))
	f.Add([]byte(svgOpen + `<mask id="a" style="mask-type:alpha"><rect width="9" height="9" fill="#fff" mask="url(#b)"/></mask>` +
		`<mask id="b" maskContentUnits="objectBoundingBox" width="1e308"><use href="#r"/><g opacity=".5" mask="url(#a)"><rect width="1" height="1"/></g></mask>` +
		`<rect id="r" width="5" height="5" mask="url(#a)"/></svg>`))
	f.Add([]byte(`<!DOCTYPE svg [<!ENTITY ns "http://www.w3.org/2000/svg"><!ENTITY a "&ns;&ns;&a;"><!ENTITY b '&a;&a;'>]>` +
		`<svg xmlns="&ns;" style="transform: rotate(1turn); transform-origin: right 10%; isolation: isolate" clip-path="url(#c)" filter="url(#f)">` +
		`<clipPath id="c" transform="matrix(0 0 0 0 0 0)"><text clip-path="url(#c)">&b;</text></clipPath>` +
		`<mask id="m" mask="url(#m)"/><path d="M0 0 L1 1" stroke="context-stroke" fill="context-fill" paint-order="markers stroke" style="mix-blend-mode: difference" systemLanguage="en,de"/></svg>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse(data, Options{Metrics: fixedMetrics{}})
		if err != nil {
			return
		}
		_ = d.Dump()
	})
}

// BenchmarkParse parses each sample picture into its display list.
func BenchmarkParse(b *testing.B) {
	files, _ := filepath.Glob("testdata/*.svg")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strings.TrimSuffix(filepath.Base(file), ".svg"), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				if _, err := Parse(data, Options{Metrics: fixedMetrics{}}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// kernedMetrics are fixedMetrics that kern A and V by -0.1 em either way.
type kernedMetrics struct{ fixedMetrics }

func (kernedMetrics) Kern(f Font, a, b rune) float64 {
	if a == 'A' && b == 'V' || a == 'V' && b == 'A' {
		return -0.1
	}
	return 0
}

// TestTextKerning: a run's width and its anchoring include the kerning of
// the Metrics, but not across a character placed by a position of its
// own, nor across a change of font.
func TestTextKerning(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"anchored on the kerned width", `<text x="50" y="20" font-size="10" text-anchor="middle">AVA</text>`,
			[]string{`text [id] at 42,20 serif 10 fill=#000000/1 w=16 "AVA"`}},
		{"not across a position", `<text x="0 20" y="20" font-size="10">AV</text>`,
			[]string{`text [id] at 0,20 serif 10 fill=#000000/1 w=6 "A"`, `text [id] at 20,20 serif 10 fill=#000000/1 w=6 "V"`}},
		{"not across a font", `<text x="0" y="20" font-size="10">A<tspan font-weight="bold">V</tspan></text>`,
			[]string{`text [id] at 0,20 serif 10 fill=#000000/1 w=6 "A"`, `text [id] at 6,20 serif bold 10 fill=#000000/1 w=6 "V"`}},
		{"kept with letter spacing", `<text x="0" y="20" font-size="10" letter-spacing="2">AV</text>`,
			[]string{`text [id] at 0,20 serif 10 fill=#000000/1 w=7 "A"`, `text [id] at 7,20 serif 10 fill=#000000/1 w=8 "V"`}},
	}
	for _, tc := range tests {
		got := parseDump(t, svgOpen+tc.body+"</svg>", Options{Metrics: kernedMetrics{}})
		if want := strings.Join(tc.want, "\n"); got != want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", tc.name, got, want)
		}
	}
}
