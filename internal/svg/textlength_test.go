package svg

import (
	"math"
	"strings"
	"testing"
)

// TestTextLength: textLength gives the advance of its element's
// characters, in user units, by spacing them (the default) or scaling
// them; it is not inherited, so a span's characters are fitted with its
// own and the characters after it move; a bad value is ignored. The test
// metrics give every character 0.6 em, 6 units at size 10.
func TestTextLength(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"no textLength, no fitting", `<text x="0" y="10" font-size="10">abcd</text>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=24 "abcd"`}},
		{"spacing widens", `<text x="0" y="10" font-size="10" textLength="40">abcd</text>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=40 fit=spacing "abcd"`}},
		{"spacing narrows", `<text x="0" y="10" font-size="10" textLength="12" lengthAdjust="spacing">abcd</text>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=12 fit=spacing "abcd"`}},
		{"spacingAndGlyphs scales", `<text x="0" y="10" font-size="10" textLength="12" lengthAdjust="spacingAndGlyphs">abcd</text>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=12 fit=spacingAndGlyphs "abcd"`}},
		{"an unknown lengthAdjust spaces", `<text x="0" y="10" font-size="10" textLength="40" lengthAdjust="stretch">abcd</text>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=40 fit=spacing "abcd"`}},
		{"percent of the viewport's width", `<text x="0" y="10" font-size="10" textLength="40%">abcd</text>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=40 fit=spacing "abcd"`}},
		{"ems of the font size", `<text x="0" y="10" font-size="10" textLength="4em">abcd</text>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=40 fit=spacing "abcd"`}},
		{"equal cells stay equal across runs", `<text x="0" y="10" font-size="10" textLength="60">ab<tspan fill="red">cd</tspan></text>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=30 fit=spacing "ab"`, `text [id] at 30,10 serif 10 fill=#ff0000/1 w=30 fit=spacing "cd"`}},
		{"a span's own, and what follows moves", `<text x="0" y="10" font-size="10">ab<tspan textLength="30">cd</tspan>ef</text>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=12 "ab"`, `text [id] at 12,10 serif 10 fill=#000000/1 w=30 fit=spacing "cd"`, `text [id] at 42,10 serif 10 fill=#000000/1 w=12 "ef"`}},
		{"a fitted span moves as one in a fitted text", `<text x="0" y="10" font-size="10" textLength="60">ab<tspan textLength="20">cd</tspan></text>`,
			// ab and the span are three pieces sharing 60-12-20 = 28.
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=30.667 fit=spacing "ab"`, `text [id] at 30.667,10 serif 10 fill=#000000/1 w=10 fit=spacing "c"`, `text [id] at 40.667,10 serif 10 fill=#000000/1 w=19.333 fit=spacing "d"`}},
		{"text-anchor takes the fitted width", `<text x="100" y="10" font-size="10" text-anchor="end" textLength="40">abcd</text>`,
			[]string{`text [id] at 60,10 serif 10 fill=#000000/1 w=40 fit=spacing "abcd"`}},
		{"zero piles the characters up", `<text x="0" y="10" font-size="10" textLength="0">ab</text>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=0 fit=spacing "ab"`}},
		{"negative is ignored", `<text x="0" y="10" font-size="10" textLength="-5">ab</text>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=12 "ab"`}},
		{"not a length is ignored", `<text x="0" y="10" font-size="10" textLength="wide">ab</text>`,
			[]string{`text [id] at 0,10 serif 10 fill=#000000/1 w=12 "ab"`}},
		{"an empty element is nothing to fit", `<text x="0" y="10" font-size="10" textLength="12.2">
</text>`, nil},
	}
	for _, tc := range tests {
		got := parseDump(t, svgOpen+tc.body+"</svg>", Options{Metrics: fixedMetrics{}})
		if want := strings.Join(tc.want, "\n"); got != want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", tc.name, got, want)
		}
	}
}

// TestTextLengthNestingBounded: textLength on spans nested deep around
// many characters, where fitting each would look at every character again,
// is fitted only as far as a bound and then noted as skipped.
func TestTextLengthNestingBounded(t *testing.T) {
	const depth, chars = 990, 1100
	var b strings.Builder
	b.WriteString(svgOpen + `<text x="0" y="10" font-size="10">`)
	b.WriteString(strings.Repeat(`<tspan textLength="50">`, depth))
	b.WriteString(strings.Repeat("x", chars))
	b.WriteString(strings.Repeat(`</tspan>`, depth))
	b.WriteString(`</text></svg>`)
	d, err := Parse([]byte(b.String()), Options{Metrics: fixedMetrics{}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(d.Skipped, "\n"), "textLength") {
		t.Errorf("skipped %q, want a note on textLength", d.Skipped)
	}
	var width float64
	for _, it := range d.Items {
		if tx, ok := it.(*Text); ok {
			width += tx.Width
		}
	}
	if math.Abs(width-50) > 1e-6 {
		t.Errorf("the text is %.3f wide, want the 50 the spans fitted within the bound give it", width)
	}
}
