package svg

import (
	"strings"
	"testing"
)

// drawioLabel is a label as draw.io writes it since about 2019: a flex
// box whose padding-top is the label's middle and margin-left its left
// edge, around an inline block holding the text.
func drawioLabel(box, textStyle, text string) string {
	return `<foreignObject width="100%" height="100%"><div xmlns="http://www.w3.org/1999/xhtml" ` +
		`style="display: flex; align-items: unsafe center; justify-content: unsafe center; ` + box + `">` +
		`<div style="box-sizing: border-box; font-size: 0px; text-align: center;">` +
		`<div style="display: inline-block; font-size: 10px; font-family: Helvetica; color: rgb(255, 0, 0); line-height: 1.2; ` + textStyle + `">` +
		text + `</div></div></div></foreignObject>`
}

const xhtmlDiv = `<div xmlns="http://www.w3.org/1999/xhtml"`

func TestForeignObjectText(t *testing.T) {
	box := "width: 100px; height: 1px; padding-top: 50px; margin-left: 0px;"
	narrow := "width: 30px; height: 1px; padding-top: 50px; margin-left: 10px;"
	tests := []struct {
		name, body string
		want       []string
	}{
		{"draw.io label centred on its middle line", drawioLabel(box, "white-space: normal;", "abcd"),
			[]string{`text [id] at 38,53.5 sans-serif (Helvetica) 10 fill=#ff0000/1 w=24 "abcd"`}},
		{"br breaks lines, centred each", drawioLabel(box, "", "ab<br/>abcd"),
			[]string{
				`text [id] at 44,47.5 sans-serif (Helvetica) 10 fill=#ff0000/1 w=12 "ab"`,
				`text [id] at 38,59.5 sans-serif (Helvetica) 10 fill=#ff0000/1 w=24 "abcd"`,
			}},
		{"text-align left in a centred block", drawioLabel(box, "text-align: left;", "ab<br/>abcd"),
			[]string{
				`text [id] at 38,47.5 sans-serif (Helvetica) 10 fill=#ff0000/1 w=12 "ab"`,
				`text [id] at 38,59.5 sans-serif (Helvetica) 10 fill=#ff0000/1 w=24 "abcd"`,
			}},
		{"wrapped to the box width", drawioLabel(narrow, "white-space: normal;", "aa bb cc"),
			[]string{
				`text [id] at 10,47.5 sans-serif (Helvetica) 10 fill=#ff0000/1 w=30 "aa bb"`,
				`text [id] at 19,59.5 sans-serif (Helvetica) 10 fill=#ff0000/1 w=12 "cc"`,
			}},
		{"nowrap overflows both sides", drawioLabel(narrow, "white-space: nowrap;", "aa bb cc"),
			[]string{`text [id] at 1,53.5 sans-serif (Helvetica) 10 fill=#ff0000/1 w=48 "aa bb cc"`}},
		{"a word wider than the box keeps its line", drawioLabel(narrow, "white-space: normal;", "abcdefgh ab"),
			[]string{
				`text [id] at 1,47.5 sans-serif (Helvetica) 10 fill=#ff0000/1 w=48 "abcdefgh"`,
				`text [id] at 19,59.5 sans-serif (Helvetica) 10 fill=#ff0000/1 w=12 "ab"`,
			}},
		{"top and end of a flex box",
			`<foreignObject width="100%" height="100%">` + xhtmlDiv + ` style="display: flex; align-items: unsafe flex-start; justify-content: unsafe flex-end; width: 50px; height: 20px; padding-top: 10px; margin-left: 5px; font-size: 10px;">ab</div></foreignObject>`,
			[]string{`text [id] at 43,19 serif 10 fill=#000000/1 w=12 "ab"`}},
		{"inline bold, italic, font colour; spaces collapse",
			`<foreignObject width="100" height="50">` + xhtmlDiv + ` style="font-size: 10px">  <b>ab</b>  <i>cd</i>` + "\n  " + `<font color="#00ff00">ef</font> </div></foreignObject>`,
			[]string{
				`text [id] at 0,9 serif bold 10 fill=#000000/1 w=12 "ab"`,
				`text [id] at 18,9 serif italic 10 fill=#000000/1 w=12 "cd"`,
				`text [id] at 36,9 serif 10 fill=#00ff00/1 w=12 "ef"`,
			}},
		{"old draw.io: blocks in a sized inline block, a trailing br adds no line",
			`<foreignObject x="10" y="20" width="50" height="30">` + xhtmlDiv + ` style="display: inline-block; font-size: 12px; width: 50px; text-align: center; white-space: nowrap;">` +
				`<div style="display:inline-block;text-align:inherit;"><div>ab</div><div><font style="font-size: 12px"><b>abcd</b><br /></font></div></div></div></foreignObject>`,
			[]string{
				`text [id] at 27.8,30.8 serif 12 fill=#000000/1 w=14.4 "ab"`,
				`text [id] at 20.6,45.2 serif bold 12 fill=#000000/1 w=28.8 "abcd"`,
			}},
		{"font face and size attributes, underline",
			`<foreignObject width="100" height="50">` + xhtmlDiv + `><font face="Courier New" size="1"><u>ab</u></font></div></foreignObject>`,
			[]string{
				// the line is as high as the div's own 16px font asks
				`text [id] at 0,14.4 monospace (Courier New) 10 fill=#000000/1 w=12 "ab"`,
				`shape [id] fill=#000000/1`,
				`  M0,15.322 L12,15.322 L12,15.878 L0,15.878 Z`,
			}},
		{"an empty line from a br between two",
			`<foreignObject width="100" height="50">` + xhtmlDiv + ` style="font-size: 10px; line-height: 20px">a<br/><br/>b</div></foreignObject>`,
			[]string{
				`text [id] at 0,13 serif 10 fill=#000000/1 w=6 "a"`,
				`text [id] at 0,53 serif 10 fill=#000000/1 w=6 "b"`,
			}},
		{"Mermaid: text-align from a group, colour from a span rule",
			`<style>span.l{color:#0000ff;font-size:10px}</style><g style="text-align: center"><foreignObject width="40" height="24">` +
				xhtmlDiv + ` style="display: inline-block; white-space: nowrap;"><span class="l">ab</span></div></foreignObject></g>`,
			[]string{`text [id] at 14,14.4 serif 10 fill=#0000ff/1 w=12 "ab"`}},
		{"a background under the text it is behind",
			`<foreignObject width="100" height="50">` + xhtmlDiv + ` style="font-size: 10px; line-height: 1">a<span style="background-color: rgba(0, 0, 255, 0.5)">bc</span></div></foreignObject>`,
			[]string{
				`shape [id] fill=#0000ff/0.5`,
				`  M6,0 L18,0 L18,10 L6,10 Z`,
				`text [id] at 0,8 serif 10 fill=#000000/1 w=6 "a"`,
				`text [id] at 6,8 serif 10 fill=#000000/1 w=12 "bc"`,
			}},
		{"transform and x, y of the foreignObject",
			`<foreignObject transform="translate(5 5)" x="10" y="10" width="40" height="24">` + xhtmlDiv + ` style="font-size: 10px">ab</div></foreignObject>`,
			[]string{`text [1 0 0 1 5 5] at 10,19 serif 10 fill=#000000/1 w=12 "ab"`}},
	}
	for _, tc := range tests {
		got := parseDump(t, svgOpen+tc.body+"</svg>", Options{Metrics: fixedMetrics{}})
		if want := strings.Join(tc.want, "\n"); got != want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", tc.name, got, want)
		}
	}
}

// TestForeignObjectSwitch: a switch draws a foreignObject whose HTML text
// can be set, the fallback after one that cannot, and nothing (the
// picture has lost content) when that fallback is only draw.io's notice.
func TestForeignObjectSwitch(t *testing.T) {
	settable := `<foreignObject width="50" height="20">` + xhtmlDiv + ` style="font-size: 10px">label</div></foreignObject>`
	picture := `<foreignObject width="50" height="20">` + xhtmlDiv + `><img src="data:image/png;base64,AAAA"/>label</div></foreignObject>`
	math := `<foreignObject width="50" height="20"><math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math></foreignObject>`
	noNamespace := `<foreignObject width="50" height="20"><div>label</div></foreignObject>`
	tests := []struct {
		name, body, text, lost string
	}{
		{"HTML text beats the fallback", `<switch>` + settable + `<text>fallback</text></switch>`, "label", ""},
		{"HTML text beats draw.io's notice", `<switch>` + settable + `<text>[Not supported by viewer]</text></switch>`, "label", ""},
		{"a picture in the HTML: the fallback", `<switch>` + picture + `<text>fallback</text></switch>`, "fallback", ""},
		{"MathML: the fallback", `<switch>` + math + `<text>fallback</text></switch>`, "fallback", ""},
		{"not XHTML: the fallback", `<switch>` + noNamespace + `<text>fallback</text></switch>`, "fallback", ""},
		{"a picture and only the notice", `<switch>` + picture + `<text> [Not supported by viewer] </text></switch>`, "", lostHTML},
		{"a picture, no fallback", picture, "", lostHTML},
		{"settable, no fallback", settable, "label", ""},
	}
	for _, tc := range tests {
		d, err := Parse([]byte(svgOpen+tc.body+"</svg>"), Options{Metrics: fixedMetrics{}})
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, it := range d.Items {
			if txt, ok := it.(*Text); ok {
				texts = append(texts, txt.Text)
			}
		}
		if got := strings.Join(texts, " "); got != tc.text {
			t.Errorf("%s: text %q, want %q", tc.name, got, tc.text)
		}
		if got := strings.Join(d.Lost, "; "); got != tc.lost {
			t.Errorf("%s: lost %q, want %q", tc.name, got, tc.lost)
		}
	}
}
