package media

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/xmltext"
)

// sampleValues are plausible values of the attributes the cleaner keeps,
// by name, or by element and name where elements differ.
var sampleValues = map[string]string{
	"class": "c", "style": "fill:red", "lang": "en", "xml:lang": "en", "xml:space": "preserve", "xml:base": ".",
	"role": "img", "tabindex": "0", "focusable": "false", "requiredFeatures": "http://www.w3.org/TR/SVG11/feature#Shape",
	"requiredExtensions": "http://example.org/extension", "systemLanguage": "en", "externalResourcesRequired": "false",
	"fill": "red", "fill-opacity": "0.5", "fill-rule": "evenodd", "stroke": "blue", "stroke-dasharray": "1,2",
	"stroke-dashoffset": "1", "stroke-linecap": "round", "stroke-linejoin": "round", "stroke-miterlimit": "4",
	"stroke-opacity": "1", "stroke-width": "1", "color": "red", "color-interpolation": "auto", "color-rendering": "auto",
	"display": "inline", "image-rendering": "auto", "pointer-events": "none", "shape-rendering": "auto",
	"text-rendering": "auto", "visibility": "visible", "opacity": "1", "clip-path": "none", "clip-rule": "nonzero",
	"mask": "none", "filter": "none", "marker-start": "none", "marker-mid": "none", "marker-end": "none",
	"font-family": "serif", "font-size": "10", "font-size-adjust": "none", "font-stretch": "normal", "font-style": "normal",
	"font-variant": "normal", "font-weight": "bold", "direction": "ltr", "letter-spacing": "normal",
	"text-decoration": "none", "unicode-bidi": "normal", "word-spacing": "normal", "writing-mode": "lr-tb",
	"alignment-baseline": "auto", "baseline-shift": "baseline", "dominant-baseline": "auto",
	"glyph-orientation-horizontal": "0deg", "glyph-orientation-vertical": "auto", "kerning": "auto", "text-anchor": "start",
	"clip": "auto", "overflow": "visible", "stop-color": "red", "stop-opacity": "1", "color-interpolation-filters": "auto",
	"flood-color": "red", "flood-opacity": "1", "lighting-color": "white", "enable-background": "accumulate",
	"x": "1", "y": "1", "width": "5", "height": "5", "rx": "1", "ry": "1", "cx": "1", "cy": "1", "r": "1",
	"x1": "0", "y1": "0", "x2": "1", "y2": "1", "points": "0,0 1,1", "d": "M0 0L1 1", "pathLength": "1",
	"transform": "translate(1)", "viewBox": "0 0 1 1", "preserveAspectRatio": "xMidYMid", "zoomAndPan": "magnify",
	"version": "1.1", "baseProfile": "full", "contentScriptType": "application/ecmascript", "contentStyleType": "text/css",
	"dx": "1", "dy": "1", "rotate": "0", "textLength": "5", "lengthAdjust": "spacing", "startOffset": "0",
	"method": "align", "spacing": "exact", "refX": "0", "refY": "0", "markerUnits": "strokeWidth", "markerWidth": "3",
	"markerHeight": "3", "orient": "auto", "gradientUnits": "userSpaceOnUse", "gradientTransform": "scale(1)",
	"spreadMethod": "pad", "fx": "1", "fy": "1", "offset": "0", "patternUnits": "userSpaceOnUse",
	"patternContentUnits": "userSpaceOnUse", "patternTransform": "scale(1)", "clipPathUnits": "userSpaceOnUse",
	"maskUnits": "userSpaceOnUse", "maskContentUnits": "userSpaceOnUse", "filterUnits": "userSpaceOnUse",
	"primitiveUnits": "userSpaceOnUse", "filterRes": "10", "result": "r", "in": "SourceGraphic", "in2": "SourceAlpha",
	"mode": "normal", "values": "1 0 0 0 0 0 1 0 0 0 0 0 1 0 0 0 0 0 1 0", "tableValues": "0 1", "slope": "1",
	"intercept": "0", "amplitude": "1", "exponent": "1", "k1": "0", "k2": "0", "k3": "0", "k4": "0", "order": "3",
	"kernelMatrix": "0 0 0 0 1 0 0 0 0", "divisor": "1", "bias": "0", "targetX": "1", "targetY": "1",
	"edgeMode": "duplicate", "kernelUnitLength": "1", "preserveAlpha": "false", "surfaceScale": "1",
	"diffuseConstant": "1", "scale": "1", "xChannelSelector": "R", "yChannelSelector": "G", "stdDeviation": "1",
	"radius": "1", "specularConstant": "1", "specularExponent": "1", "baseFrequency": "0.1", "numOctaves": "1",
	"seed": "1", "stitchTiles": "noStitch", "azimuth": "0", "elevation": "0", "z": "1", "pointsAtX": "0",
	"pointsAtY": "0", "pointsAtZ": "0", "limitingConeAngle": "30", "viewTarget": "e1", "media": "screen", "title": "t",
	"xlink:href": "#e1", "xlink:title": "t", "aria-label": "a label",
	"style/type": "text/css", "feColorMatrix/type": "matrix", "feTurbulence/type": "turbulence",
	"feFuncR/type": "identity", "feFuncG/type": "identity", "feFuncB/type": "identity", "feFuncA/type": "identity",
	"image/xlink:href":     "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
	"feComposite/operator": "over", "feMorphology/operator": "erode", "feFuncR/offset": "0", "feFuncG/offset": "0",
	"feFuncB/offset": "0", "feFuncA/offset": "0",
}

// sampleParents nest the elements that only exist inside another.
var sampleParents = map[string][]string{
	"stop": {"linearGradient"}, "tspan": {"text"}, "textPath": {"text"},
	"feFuncR": {"filter", "feComponentTransfer"}, "feFuncG": {"filter", "feComponentTransfer"},
	"feFuncB": {"filter", "feComponentTransfer"}, "feFuncA": {"filter", "feComponentTransfer"},
	"feDistantLight": {"filter", "feDiffuseLighting"}, "fePointLight": {"filter", "feDiffuseLighting"},
	"feSpotLight": {"filter", "feSpecularLighting"}, "feMergeNode": {"filter", "feMerge"},
}

// allowedSample is an SVG holding every element the cleaner keeps, each
// with every attribute it keeps there.
func allowedSample() []byte {
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40">` + "\n")
	names := make([]string, 0, len(svgElements))
	for name := range svgElements {
		if name != "svg" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for i, name := range names {
		parents := sampleParents[name]
		if parents == nil && strings.HasPrefix(name, "fe") {
			parents = []string{"filter"}
		}
		for _, p := range parents {
			b.WriteString("<" + p + ">")
		}
		b.WriteString("<" + name + ` id="e` + fmt.Sprint(i+1) + `"`)
		var attrNames []string
		for a := range svgElements[name] {
			if a != "id" {
				attrNames = append(attrNames, a)
			}
		}
		slices.Sort(attrNames)
		if ariaAllowed(name) {
			attrNames = append(attrNames, "aria-label")
		}
		for _, a := range attrNames {
			v, ok := sampleValues[name+"/"+a]
			if !ok {
				v = sampleValues[a]
			}
			b.WriteString(" " + a + `="`)
			xmltext.Escape(&b, v, true)
			b.WriteString(`"`)
		}
		switch name {
		case "text", "tspan", "textPath", "title", "desc":
			b.WriteString(">t</" + name + ">")
		case "feDiffuseLighting", "feSpecularLighting":
			b.WriteString("><fePointLight/></" + name + ">")
		case "style":
			b.WriteString(">rect{fill:red}</style>")
		default:
			b.WriteString("/>")
		}
		for _, p := range slices.Backward(parents) {
			b.WriteString("</" + p + ">")
		}
		b.WriteString("\n")
	}
	b.WriteString("</svg>\n")
	return b.Bytes()
}

// testdata/allowed.svg holds every element and attribute the cleaner
// keeps (the build's tests pass it to EPUBCheck); cleaning keeps it whole.
func TestAllowedSample(t *testing.T) {
	got := allowedSample()
	const golden = "testdata/allowed.svg"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("%s differs from the allow-list; run go test -update (%v)", golden, err)
	}
	clean, _, _, removed, _, err := cleanSVG(got, testOptions)
	if err != nil || len(removed) > 0 {
		t.Fatalf("cleaning the sample removed %v (%v)", removed, err)
	}
	if bytes.Count(clean, []byte("=\"")) != bytes.Count(got, []byte("=\"")) {
		t.Errorf("cleaning dropped attributes:\n%s", clean)
	}
}
