package media

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCleanSVGHTMLLabels: a <foreignObject> holding an HTML text label
// becomes SVG text where a browser sets the label, and a fallback that is
// only a notice or a shortened copy of the label goes with it; one holding
// anything else is removed as before.
func TestCleanSVGHTMLLabels(t *testing.T) {
	const drawioWrapper = `<div xmlns="http://www.w3.org/1999/xhtml" style="display: flex; align-items: unsafe center; justify-content: unsafe center; width: 118px; height: 1px; padding-top: 30px; margin-left: 1px;">` +
		`<div style="box-sizing: border-box; font-size: 0px; text-align: center;">` +
		`<div style="display: inline-block; font-size: 12px; font-family: Helvetica; color: rgb(0, 0, 0); line-height: 1.2; white-space: normal; overflow-wrap: normal;">`
	tests := []struct {
		name, in, want string
	}{
		{
			// draw.io since 2019: a flex box centres the label at its
			// padding-top; the fallback is cut short with an ellipsis.
			name: "draw.io",
			in: `<g transform="translate(-0.5 -0.5)"><switch><foreignObject pointer-events="none" width="100%" height="100%" requiredFeatures="http://www.w3.org/TR/SVG11/feature#Extensibility" style="overflow: visible; text-align: left;">` +
				drawioWrapper + `Typesetting for the web and for print, <i>from one source</i></div></div></div></foreignObject>` +
				`<text x="60" y="34" fill="#000000" font-family="Helvetica" font-size="12px" text-anchor="middle">Typesetting for the...</text></switch></g>`,
			want: `<g transform="translate(-0.5 -0.5)"><switch><text xml:space="preserve" style="font-family:Helvetica;font-size:12px;fill:#000000"><tspan x="60" y="19.7" text-anchor="middle">Typesetting for the</tspan><tspan x="60" y="34.1" text-anchor="middle">web and for print,</tspan><tspan x="60" y="48.5" text-anchor="middle"><tspan font-style="italic">from one source</tspan></tspan></text></switch></g>`,
		},
		{
			// draw.io before 2019: an inline block of the label's width,
			// placed by the group around the switch; the fallback is a
			// notice.
			name: "draw.io old",
			in: `<g transform="translate(21.5,21.5)"><switch><foreignObject style="overflow:visible;" pointer-events="all" width="96" height="44" requiredFeatures="http://www.w3.org/TR/SVG11/feature#Extensibility">` +
				`<div xmlns="http://www.w3.org/1999/xhtml" style="display: inline-block; font-size: 12px; font-family: Helvetica; color: rgb(0, 0, 0); line-height: 1.2; vertical-align: top; text-align: center; white-space: nowrap; width: 97px;">` +
				`<div style="font-size: 16px">Manuscript</div><div style="font-size: 16px"><b>Markdown</b><br /></div></div></foreignObject>` +
				`<text x="48" y="28" fill="#000000" text-anchor="middle" font-size="12px" font-family="Helvetica">[Not supported by viewer]</text></switch></g>`,
			want: `<g transform="translate(21.5,21.5)"><switch><text xml:space="preserve" style="font-family:Helvetica;font-size:16px;fill:#000000"><tspan x="48.5" y="14.4" text-anchor="middle">Manuscript</tspan><tspan x="48.5" y="33.6" text-anchor="middle"><tspan font-weight="bold">Markdown</tspan></tspan></text></switch></g>`,
		},
		{
			// Mermaid: no fallback; the style sheet gives font, colour
			// and alignment.
			name: "Mermaid",
			in: `<style>.label{font-family:"trebuchet ms",verdana,arial,sans-serif;color:#333;font-size:16px}.node .label{text-align:center}</style>` +
				`<g class="node"><g class="label" transform="translate(-38.68, -12)"><foreignObject width="77.36" height="24">` +
				`<div xmlns="http://www.w3.org/1999/xhtml" style="display: inline-block; white-space: nowrap;"><span class="nodeLabel">Manuscript</span></div></foreignObject></g></g>`,
			want: `<style>.label{font-family:"trebuchet ms",verdana,arial,sans-serif;color:#333;font-size:16px}.node .label{}</style><g class="node"><g class="label" transform="translate(-38.68, -12)"><text xml:space="preserve" style="font-family:'trebuchet ms', verdana, arial, sans-serif;font-size:16px;fill:#333333"><tspan x="38.68" y="14.4" text-anchor="middle">Manuscript</tspan></text></g></g>`,
		},
		{
			// A draw.io edge label: its background goes behind its text,
			// in a group that is the one thing the <switch> draws.
			name: "draw.io edge",
			in: `<g transform="translate(-0.5 -0.5)"><switch><foreignObject pointer-events="none" width="100%" height="100%" requiredFeatures="http://www.w3.org/TR/SVG11/feature#Extensibility" style="overflow: visible; text-align: left;">` +
				`<div xmlns="http://www.w3.org/1999/xhtml" style="display: flex; align-items: unsafe center; justify-content: unsafe center; width: 1px; height: 1px; padding-top: 19px; margin-left: 89px;">` +
				`<div style="box-sizing: border-box; font-size: 0px; text-align: center;"><div style="display: inline-block; font-size: 11px; font-family: Helvetica; color: rgb(0, 0, 0); line-height: 1.2; pointer-events: all; background-color: rgb(255, 255, 255); white-space: nowrap;">yes</div></div></div></foreignObject>` +
				`<text x="89" y="22" fill="rgb(0, 0, 0)" font-family="Helvetica" font-size="11px" text-anchor="middle">yes</text></switch></g>`,
			want: `<g transform="translate(-0.5 -0.5)"><switch><g><rect x="80.76" y="12.9" width="17.49" height="13.2" style="fill:#ffffff;stroke:none;opacity:1"/><text xml:space="preserve" style="font-family:Helvetica;font-size:11px;fill:#000000"><tspan x="89.5" y="22.8" text-anchor="middle">yes</tspan></text></g></switch></g>`,
		},
		{
			// Mermaid 10: the style sheet gives the edge label's <span>
			// its background (and rectangles there half opacity, which
			// the background's own style overrides).
			name: "Mermaid 10 edge",
			in: `<style>.edgeLabel{background-color:#e8e8e8;text-align:center;}.edgeLabel rect{opacity:0.5;fill:#e8e8e8;}</style>` +
				`<g class="edgeLabel" transform="translate(48.39, 183.5)"><g class="label" transform="translate(-11.5, -12)"><foreignObject width="23" height="24">` +
				`<div xmlns="http://www.w3.org/1999/xhtml" style="display: inline-block; white-space: nowrap;"><span class="edgeLabel">yes</span></div></foreignObject></g></g>`,
			want: `<style>.edgeLabel{}.edgeLabel rect{opacity:0.5;fill:#e8e8e8}</style><g class="edgeLabel" transform="translate(48.39, 183.5)"><g class="label" transform="translate(-11.5, -12)"><g><rect x="-1.22" y="0" width="25.44" height="19.2" style="fill:#e8e8e8;stroke:none;opacity:1"/><text xml:space="preserve" style="font-family:serif;font-size:16px;fill:#000000"><tspan x="11.5" y="14.4" text-anchor="middle">yes</tspan></text></g></g></g>`,
		},
		{
			// Mermaid 11: the box, the <span> and the <p> each have a
			// half-transparent background, which add up.
			name: "Mermaid 11 edge",
			in: `<style>p{margin:0;}.edgeLabel{background-color:rgba(232,232,232, 0.8);text-align:center;}.edgeLabel p{background-color:rgba(232,232,232, 0.8);}.labelBkg{background-color:rgba(232, 232, 232, 0.5);}</style>` +
				`<g class="edgeLabel" transform="translate(55.48, 214)"><g class="label" data-id="L_B_C_0" transform="translate(-11.93, -12)"><foreignObject width="23.86" height="24">` +
				`<div xmlns="http://www.w3.org/1999/xhtml" class="labelBkg" style="display: table-cell; white-space: nowrap; line-height: 1.5; max-width: 200px; text-align: center;"><span class="edgeLabel"><p>yes</p></span></div></foreignObject></g></g>`,
			want: `<style>p{}.edgeLabel{}.edgeLabel p{}.labelBkg{}</style><g class="edgeLabel" transform="translate(55.48, 214)"><g class="label" transform="translate(-11.93, -12)"><g><rect x="-0.79" y="0" width="25.44" height="24" style="fill:#e8e8e8;fill-opacity:0.98;stroke:none;opacity:1"/><text xml:space="preserve" style="font-family:serif;font-size:16px;fill:#000000"><tspan x="11.93" y="16.8" text-anchor="middle">yes</tspan></text></g></g></g>`,
		},
		{
			// An empty label (Mermaid's edge without words) leaves nothing.
			name: "empty",
			in:   `<g><foreignObject width="0" height="0"><div xmlns="http://www.w3.org/1999/xhtml" style="display: inline-block;"><span class="edgeLabel"></span></div></foreignObject></g>`,
			want: `<g/>`,
		},
		{
			// Lines, left alignment, a run in another style, and text
			// that must be escaped.
			name: "lines",
			in: `<foreignObject x="10" y="20" width="100" height="40" transform="rotate(90)"><div xmlns="http://www.w3.org/1999/xhtml" style="font: 10px monospace; color: #c00">` +
				`a &lt; b &amp; c<br/>"quoted" <span style="color: blue; font-weight: bold">x]]&gt;</span></div></foreignObject>`,
			want: `<text xml:space="preserve" transform="rotate(90)" style="font-family:monospace;font-size:10px;fill:#cc0000"><tspan x="10" y="29" text-anchor="start">a &lt; b &amp; c</tspan><tspan x="10" y="41" text-anchor="start">"quoted" <tspan font-weight="bold" fill="#0000ff">x]]&gt;</tspan></tspan></text>`,
		},
		{
			// A fallback that says something else stays after the label.
			name: "own fallback",
			in: `<switch><foreignObject width="50" height="20"><p xmlns="http://www.w3.org/1999/xhtml">Label</p></foreignObject>` +
				`<g id="f"><text>Other</text></g></switch>`,
			want: `<switch><text xml:space="preserve" style="font-family:serif;font-size:16px;fill:#000000"><tspan x="0" y="30.4" text-anchor="start">Label</tspan></text><g id="f"><text>Other</text></g></switch>`,
		},
		{
			// A picture is no label: the fallback is what is left.
			name: "picture",
			in: `<switch><foreignObject width="50" height="20"><img xmlns="http://www.w3.org/1999/xhtml" src="a.png"/></foreignObject>` +
				`<text>[Not supported by viewer]</text></switch><foreignObject width="5" height="5"><p xmlns="http://www.w3.org/1999/xhtml"><input/></p></foreignObject>`,
			want: `<switch><text>[Not supported by viewer]</text></switch><foreignObject width="5" height="5"/>`,
		},
	}
	const head = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">`
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clean, _, _, err := CleanSVG([]byte(head + tt.in + `</svg>`))
			if err != nil {
				t.Fatal(err)
			}
			checkSafeSVG(t, clean)
			got := string(clean)
			got = strings.TrimPrefix(got, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"200\" height=\"100\">")
			got = strings.TrimSuffix(got, "</svg>\n")
			if got != tt.want {
				t.Errorf("cleaned:\n%s\nwant:\n%s", got, tt.want)
			}
			again, _, _, err := CleanSVG(clean)
			if err != nil || !bytes.Equal(again, clean) {
				t.Errorf("cleaning is not idempotent: %v\n%s", err, again)
			}
		})
	}
}

// BenchmarkCleanSVGHTMLLabels cleans the draw.io and Mermaid samples,
// whose labels are HTML.
func BenchmarkCleanSVGHTMLLabels(b *testing.B) {
	var files [][]byte
	for _, name := range []string{"drawio-flow", "drawio-old", "mermaid-flowchart-html"} {
		data, err := os.ReadFile(filepath.Join("..", "svg", "testdata", name+".svg"))
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, data := range files {
			if _, _, _, err := CleanSVG(data); err != nil {
				b.Fatal(err)
			}
		}
	}
}
