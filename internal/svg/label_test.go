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
