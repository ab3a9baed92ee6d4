package svg

import (
	"fmt"
	"strings"
	"testing"
)

// TestHTMLLabels: each <foreignObject> holding text gets a label named by
// where its start tag begins, its lines anchored as they are aligned; one
// holding a picture gets none, one without words no lines.
func TestHTMLLabels(t *testing.T) {
	box := "width: 100px; height: 1px; padding-top: 50px; margin-left: 0px;"
	doc := `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">` +
		`<switch>` + drawioLabel(box, "", "ab<br/><b>abcd</b>") + `<text>[Not supported by viewer]</text></switch>` +
		`<foreignObject width="50" height="20">` + xhtmlDiv + ` style="text-align: right; font-size: 8px">x &amp; y</div></foreignObject>` +
		`<foreignObject width="50" height="20">` + xhtmlDiv + `><img src="a.png"/></div></foreignObject>` +
		`<foreignObject width="50" height="20">` + xhtmlDiv + `><span></span></div></foreignObject></svg>`
	labels, err := HTMLLabels([]byte(doc), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range labels {
		if !strings.HasPrefix(doc[l.Offset:], "<foreignObject") {
			t.Errorf("label at offset %d, where %.20q begins", l.Offset, doc[l.Offset:])
		}
		s := fmt.Sprintf("%d:", strings.Count(doc[:l.Offset], "<foreignObject"))
		for _, line := range l.Lines {
			s += fmt.Sprintf(" [%g,%g %s", line.X, line.Y, line.Anchor)
			for _, r := range line.Runs {
				s += fmt.Sprintf(" %q %s %g bold=%t #%02x%02x%02x", r.Text, r.Family, r.Size, r.Bold, r.Color.R, r.Color.G, r.Color.B)
			}
			s += "]"
		}
		got = append(got, s)
	}
	want := []string{
		`0: [50,47.5 middle "ab" Helvetica 10 bold=false #ff0000] [50,59.5 middle "abcd" Helvetica 10 bold=true #ff0000]`,
		`1: [50,7.2 end "x & y" serif 8 bold=false #000000]`,
		`3:`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("labels:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p := labels[0].PlainText(); p != "ab\nabcd" {
		t.Errorf("plain text %q", p)
	}
}

// TestHTMLLabelBackgrounds: text on a background colour, from a style
// attribute or the style sheet, has a box behind it as wide as the text
// and as tall as its line; nested backgrounds of one colour add up as a
// browser paints them; runs in other styles on one background share a
// box.
func TestHTMLLabelBackgrounds(t *testing.T) {
	edge := "width: 1px; height: 1px; padding-top: 20px; margin-left: 50px;"
	mermaid := func(sheet, div, text string) string {
		return `<style>` + sheet + `</style><g class="edgeLabel"><g class="label" transform="translate(-12, -12)"><foreignObject width="24" height="24">` +
			xhtmlDiv + div + `>` + text + `</div></foreignObject></g></g>`
	}
	tests := []struct {
		name, body string
		want       string
	}{
		{
			// draw.io: the label's own <div> has the edge's background.
			name: "draw.io",
			body: drawioLabel(edge, "background-color: rgb(255, 255, 255); white-space: nowrap;", "yes"),
			want: "43,14.5 15x12 #ffffff/1",
		},
		{
			// Mermaid 10: the style sheet gives the <span> its colour.
			name: "Mermaid 10",
			body: mermaid(`#m .edgeLabel{background-color:#e8e8e8;text-align:center;}`,
				` style="display: inline-block; white-space: nowrap;"`, `<span class="edgeLabel">yes</span>`),
			want: "0,0 24x19.2 #e8e8e8/1",
		},
		{
			// Mermaid 11: the box, the <span> and the <p> each have a
			// half-transparent one, which together nearly hide the edge.
			name: "Mermaid 11",
			body: mermaid(`#m p{margin:0;}#m .edgeLabel{background-color:rgba(232,232,232, 0.8);text-align:center;}`+
				`#m .edgeLabel p{background-color:rgba(232,232,232, 0.8);}#m .labelBkg{background-color:rgba(232, 232, 232, 0.5);}`,
				` class="labelBkg" style="display: table-cell; white-space: nowrap; line-height: 1.5; max-width: 200px; text-align: center;"`,
				`<span class="edgeLabel"><p>yes</p></span>`),
			want: "0,0 24x24 #e8e8e8/0.98",
		},
		{
			name: "runs on one background",
			body: `<foreignObject width="100" height="20">` + xhtmlDiv + ` style="font-size: 10px">` +
				`a <span style="background: #ff0">b <b>c</b></span> d</div></foreignObject>`,
			want: "10,0 15x12 #ffff00/1",
		},
		{
			name: "over another colour",
			body: `<foreignObject width="100" height="20">` + xhtmlDiv + ` style="font-size: 10px; background-color: rgba(0, 0, 255, 0.5)">` +
				`a<span style="background-color: rgba(255, 0, 0, 0.5)">b</span></div></foreignObject>`,
			want: "0,0 10x12 #0000ff/0.5 | 5,0 5x12 #ff0000/0.5",
		},
		{
			name: "none",
			body: `<foreignObject width="100" height="20">` + xhtmlDiv + ` style="background-color: transparent">a</div></foreignObject>`,
			want: "",
		},
		{
			// A label without words is written as nothing, its
			// background with it.
			name: "no words",
			body: mermaid(`.edgeLabel{background-color:#e8e8e8}`, ``, `<span class="edgeLabel"> </span>`),
			want: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := `<svg xmlns="http://www.w3.org/2000/svg" id="m" width="200" height="100">` + tt.body + `</svg>`
			labels, err := HTMLLabels([]byte(doc), Options{})
			if err != nil || len(labels) != 1 {
				t.Fatalf("%d labels, %v", len(labels), err)
			}
			var got []string
			for _, b := range labels[0].Backgrounds {
				got = append(got, fmt.Sprintf("%g,%g %gx%g #%02x%02x%02x/%g", b.X, b.Y, b.W, b.H, b.Color.R, b.Color.G, b.Color.B, b.Opacity))
			}
			if strings.Join(got, " | ") != tt.want {
				t.Errorf("backgrounds %q, want %q", strings.Join(got, " | "), tt.want)
			}
		})
	}
}
