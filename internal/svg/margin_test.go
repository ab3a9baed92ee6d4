package svg

import (
	"fmt"
	"strings"
	"testing"
)

// TestHTMLBlockMargins: an HTML label's blocks keep the vertical margins a
// browser gives them (a <p>'s 1em, a heading's), their own or none when a
// style sheet says so, adjacent margins collapsing into the largest; a
// label of paragraphs in draw.io's flex box is centred with its margins;
// HTML's align attribute aligns a paragraph as draw.io writes it.
func TestHTMLBlockMargins(t *testing.T) {
	p := func(style, text string) string {
		return `<p xmlns="http://www.w3.org/1999/xhtml"` + style + `>` + text + `</p>`
	}
	tests := []struct {
		name, body string
		want       string
	}{
		// 16px text: lines 19.2 high, the baseline 14.4 down
		{"a paragraph", `<foreignObject width="100" height="100">` + p("", "a") + `</foreignObject>`, "0.0,30.4 start"},
		{"two collapse", `<foreignObject width="100" height="100">` + xhtmlDiv + `>` + p("", "a") + p(` style="margin-top: 8px"`, "b") + `</div></foreignObject>`,
			"0.0,30.4 start | 0.0,65.6 start"},
		{"own margins", `<foreignObject width="100" height="100">` + xhtmlDiv + `>` + p(` style="margin: 4px 0 30px"`, "a") + p("", "b") + `</div></foreignObject>`,
			"0.0,18.4 start | 0.0,67.6 start"},
		{"a style sheet's none", `<style>p{margin:0;}</style><foreignObject width="100" height="100">` + p("", "a") + `</foreignObject>`, "0.0,14.4 start"},
		{"a heading", `<foreignObject width="100" height="100">` + xhtmlDiv + `><h1>T</h1></div></foreignObject>`, "0.0,50.2 start"},
		{"align", `<foreignObject width="100" height="100">` + p(` align="center"`, "a") + `</foreignObject>`, "50.0,30.4 middle"},
		// 10px text, lines 12 high: margins of 10 above, between and
		// below the two lines, all centred on 50.5
		{"draw.io flex box", drawioLabel("width: 100px; height: 1px; padding-top: 50px; margin-left: 0px;", "", p("", "a")+p("", "b")),
			"50.0,42.5 middle | 50.0,64.5 middle"},
	}
	for _, tc := range tests {
		labels, err := HTMLLabels([]byte(svgOpen+tc.body+"</svg>"), Options{Metrics: fixedMetrics{}})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, l := range labels {
			for _, line := range l.Lines {
				got = append(got, fmt.Sprintf("%.1f,%.1f %s", line.X, line.Y, line.Anchor))
			}
		}
		if g := strings.Join(got, " | "); g != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, g, tc.want)
		}
	}
}
