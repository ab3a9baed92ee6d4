package media

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestCleanSVGGolden cleans hostile and sloppy SVG files and compares the
// result with the reviewed output in testdata/svg/*.golden; the last line
// of each golden file is the measured size.
func TestCleanSVGGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/svg/*.svg")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			clean, w, h, err := CleanSVG(data)
			if err != nil {
				t.Fatal(err)
			}
			got := append([]byte(nil), clean...)
			got = append(got, "<!-- "+px(w)+" x "+px(h)+" px -->\n"...)
			golden := strings.TrimSuffix(in, ".svg") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("cleaned %s differs from %s:\n%s", in, golden, got)
			}
			checkSafeSVG(t, clean)
			// The hostile inputs point at evil.example and local files; no
			// such reference may survive, in attributes or in CSS.
			for _, bad := range []string{"evil.example", "file:", "javascript", "local.png", "xml-stylesheet"} {
				if bytes.Contains(clean, []byte(bad)) {
					t.Errorf("output still contains %q", bad)
				}
			}
			again, _, _, err := CleanSVG(clean)
			if err != nil || !bytes.Equal(again, clean) {
				t.Errorf("cleaning is not idempotent: %v\n%s", err, again)
			}
		})
	}
}

func px(v float64) string { return strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64) }

// checkSafeSVG parses clean strictly and fails on anything CleanSVG must
// have removed.
func checkSafeSVG(t *testing.T, clean []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(clean))
	dec.Strict = true
	roots := 0
	depth := 0
	foreign := false // inside a <foreignObject>, which must stay empty
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("output is not well-formed XML: %v\n%s", err, clean)
		}
		switch tok.(type) {
		case xml.StartElement, xml.CharData:
			if foreign {
				t.Fatalf("output keeps content in <foreignObject>:\n%s", clean)
			}
		}
		switch tok := tok.(type) {
		case xml.Directive:
			t.Fatalf("output keeps a directive <!%s>", tok)
		case xml.StartElement:
			if depth == 0 {
				roots++
				if tok.Name.Space != svgNS || tok.Name.Local != "svg" {
					t.Fatalf("root is %v, want svg in the SVG namespace", tok.Name)
				}
			}
			depth++
			local := strings.ToLower(tok.Name.Local)
			if local == "script" || tok.Name.Space == xhtmlNS {
				t.Fatalf("output keeps <%s>", tok.Name.Local)
			}
			foreign = local == "foreignobject"
			for _, a := range tok.Attr {
				// xmlns:onload declares a prefix, which runs nothing.
				if a.Name.Space != "xmlns" && strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					t.Fatalf("output keeps event handler %s", a.Name.Local)
				}
				if scriptURL(a.Value) {
					t.Fatalf("output keeps script URL %s=%q", a.Name.Local, a.Value)
				}
				if a.Name.Local == "href" && a.Name.Space != "xmlns" && !safeReference(a.Value) {
					// an embedded SVG picture is kept cleaned
					const svgData = "data:image/svg+xml;base64,"
					inner, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(a.Value, svgData))
					if !strings.HasPrefix(a.Value, svgData) || err != nil {
						t.Fatalf("output keeps external reference %q", a.Value)
					}
					checkSafeSVG(t, inner)
				}
			}
		case xml.EndElement:
			depth--
			foreign = false
		}
	}
	if roots != 1 {
		t.Fatalf("output has %d root elements", roots)
	}
	for _, bad := range []string{"<!DOCTYPE", "<!ENTITY", "<?xml-stylesheet"} {
		if bytes.Contains(bytes.ToLower(clean), bytes.ToLower([]byte(bad))) {
			t.Fatalf("output contains %q:\n%s", bad, clean)
		}
	}
}

func TestCleanSVGErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"html root", `<html><svg/></html>`, "svg: root element is <html>, not an SVG <svg>"},
		{"other namespace", `<svg xmlns="http://www.w3.org/1999/xhtml"/>`, "svg: root element is <svg>, not an SVG <svg>"},
		{"no element", `<?xml version="1.0"?><!-- nothing -->`, "svg: no <svg> root element"},
		{"empty", ``, "svg: no <svg> root element"},
		{"broken tag", `<svg><rect width="1" <</svg>`, "svg: line 1: "},
		{"unterminated comment", "<svg>\n<!-- open", "svg: line 2: unexpected EOF"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, _, err := CleanSVG([]byte(tc.in))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("err = %v, want prefix %q", err, tc.want)
			}
		})
	}
}

// TestCleanSVGUnknownCharset: an encoding no one has (pandoc's tests hold
// an Inkscape file saying "UTF-9") is read as UTF-8, as a browser reads
// it, and the copy says UTF-8.
func TestCleanSVGUnknownCharset(t *testing.T) {
	in := `<?xml version="1.0" encoding="UTF-9"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>é</text></svg>`
	clean, _, _, err := CleanSVG([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(clean); !strings.Contains(got, "<text>é</text>") || strings.Contains(got, "UTF-9") {
		t.Errorf("cleaned:\n%s", got)
	}
}

// TestSVGSize checks the size a picture is loaded with, in CSS pixels, as
// a browser sizes an SVG shown with <img>: the sizes the root gives, the
// viewBox's proportions for what they leave, and 300 × 150 for what
// nothing says (a viewBox that stretches, preserveAspectRatio none, says
// nothing of proportions); a viewBox alone, which has proportions only
// (unsized), its numbers.
func TestSVGSize(t *testing.T) {
	tests := []struct {
		root         string
		wantW, wantH int
		unsized      bool
	}{
		{`width="100" height="50"`, 100, 50, false},
		{`width="72pt" height="1in"`, 96, 96, false},
		{`width="25.4mm" height="2.54cm"`, 96, 96, false},
		{`width="1pc" height="2em"`, 16, 32, false},
		{`viewBox="0 0 120 60"`, 120, 60, true},
		{`viewBox="-10 -10 120 120"`, 120, 120, true},
		{`viewBox="50,-20,40,120" preserveAspectRatio="xMinYMax slice"`, 40, 120, true},
		{`width="600" viewBox="0,0,300,150"`, 600, 300, false},
		{`height="75" viewBox="-5 -5 300 150"`, 150, 75, false},
		{`width="100%" height="100%" viewBox="0 0 300 150"`, 300, 150, true},
		{`width="100%" height="50" viewBox="0 0 100 100"`, 50, 50, false},
		{`viewBox="0 0 100 50" preserveAspectRatio="none"`, 300, 150, false},
		{`width="200"`, 200, 150, false},
		{`height="60"`, 300, 60, false},
		{`width="100%" height="50%"`, 300, 150, false},
		{``, 300, 150, false},
		{`width="-5" height="x" viewBox="0 0 0 10"`, 300, 150, false},
	}
	for _, tc := range tests {
		a := &doc.Asset{Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" ` + tc.root + `><rect width="5" height="5"/></svg>`)}
		if _, err := fill(a, testOptions); err != nil {
			t.Fatalf("%s: %v", tc.root, err)
		}
		if a.Width != tc.wantW || a.Height != tc.wantH || a.Unsized != tc.unsized {
			t.Errorf("<svg %s>: %d × %d, unsized %v; want %d × %d, unsized %v", tc.root, a.Width, a.Height, a.Unsized, tc.wantW, tc.wantH, tc.unsized)
		}
		if w, h := a.Shape(); math.Abs(w-float64(tc.wantW)) > 1e-9 || math.Abs(h-float64(tc.wantH)) > 1e-9 {
			t.Errorf("<svg %s>: shape %g × %g, want %d × %d", tc.root, w, h, tc.wantW, tc.wantH)
		}
	}
	// Whole pixels round the size; the drawing's shape is kept unrounded.
	a := &doc.Asset{Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="-0.2 0 2.4 1.1"/>`)}
	if _, err := fill(a, testOptions); err != nil {
		t.Fatal(err)
	}
	if w, h := a.Shape(); a.Width != 2 || a.Height != 1 || w != 2.4 || h != 1.1 {
		t.Errorf("viewBox 2.4 × 1.1: %d × %d pixels, shape %g × %g; want 2 × 1, 2.4 × 1.1", a.Width, a.Height, w, h)
	}
}

// A drawing whose root gives it a width or a height has a size of its
// own; one with a viewBox alone (or percentages), as icon sets draw
// theirs, has proportions only.
func TestSVGUnsized(t *testing.T) {
	for _, c := range []struct {
		root    string
		unsized bool
	}{
		{`<svg width="400" height="200">`, false},
		{`<svg height="2in" viewBox="0 0 10 5">`, false},
		{`<svg viewBox="0 0 512 512">`, true},
		{`<svg width="100%" height="100%" viewBox="0 0 24 24">`, true},
	} {
		a := &doc.Asset{Data: []byte(c.root + `<rect width="5" height="5"/></svg>`)}
		if _, err := fill(a, testOptions); err != nil {
			t.Fatalf("%s: %v", c.root, err)
		}
		if a.Unsized != c.unsized {
			t.Errorf("%s: unsized %v, want %v", c.root, a.Unsized, c.unsized)
		}
	}
}

func FuzzCleanSVG(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/svg/*.svg")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`<svg><a xlink:href="javascript:x"/><p:q xmlns:p="javascript:y"/></svg>`))
	f.Add([]byte(`<svg xmlns:x="http://x"><metadata><x:a x:b="1"/></metadata></svg>`))
	f.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg"><style>.e{background-color:rgba(232,232,232,.5)}</style><switch><foreignObject transform="scale(2)" width="9" height="9">` +
		`<div xmlns="http://www.w3.org/1999/xhtml" class="e" style="display: table-cell"><span style="background: #fff">a<br/><b>b</b></span></div></foreignObject><text>a</text></switch></svg>`))
	f.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg" style="width:2px;height:2px" width="2px"><style class="c">/* .a { fill: url(http://x) } */ @font-face { font-family: "f/*"; src: url("data:application/font-woff;base64,d09GRgABAAA=") format("woff"), url(x.woff) } .md{--c:#000}</style><image/></svg>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		clean, w, h, err := CleanSVG(data)
		if err != nil {
			return
		}
		if w < 0 || h < 0 || math.IsNaN(w) || math.IsNaN(h) {
			t.Fatalf("size %g x %g", w, h)
		}
		checkSafeSVG(t, clean)
		again, _, _, err := CleanSVG(clean)
		if err != nil {
			t.Fatalf("cleaned output does not clean again: %v\n%s", err, clean)
		}
		if !bytes.Equal(again, clean) {
			t.Fatalf("cleaning is not idempotent:\n%s\n%s", clean, again)
		}
	})
}

// TestSVGHTMLLabelsKeptForThePDF: an SVG with HTML labels is cleaned of
// them for the EPUB, and kept as read for the PDF, which sets their text;
// one without any has nothing kept apart.
func TestSVGHTMLLabelsKeptForThePDF(t *testing.T) {
	labelled := []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><switch>` +
		`<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">Label</div></foreignObject>` +
		`<text x="5" y="5">[Not supported by viewer]</text></switch></svg>`)
	plain := []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text x="5" y="5">Label</text></svg>`)
	fsys := fstest.MapFS{"img/labelled.svg": {Data: labelled}, "img/plain.svg": {Data: plain}}
	book, imgs := chapter("ch.md", "img/labelled.svg", "img/plain.svg")
	if _, err := Load(book, fsys, testOptions); err != nil {
		t.Fatal(err)
	}
	a, p := imgs[0].Asset, imgs[1].Asset
	if a == nil || !bytes.Equal(a.Drawing, labelled) || !bytes.Equal(a.DrawingData(), labelled) {
		t.Errorf("labelled: the PDF does not draw the file as read: %q", a.DrawingData())
	}
	if a != nil && bytes.Contains(a.Data, []byte("foreignObject")) {
		t.Errorf("labelled: the EPUB's SVG keeps its HTML: %s", a.Data)
	}
	if p == nil || p.Drawing != nil || !bytes.Equal(p.DrawingData(), p.Data) {
		t.Errorf("plain: a picture without HTML labels has a drawing of its own")
	}
}

// TestSVGDrawingWarnings: an SVG the PDF cannot fully draw gets one
// warning naming the chapter, the image and what is missing, however often
// it is used; an SVG it draws whole, HTML text labels included, gets none.
func TestSVGDrawingWarnings(t *testing.T) {
	fsys := fstest.MapFS{
		"img/html.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="4" height="4"/>` +
			`<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">Label</div></foreignObject></svg>`)},
		"img/htmlimage.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="4" height="4"/>` +
			`<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml"><img src="x.png"/></div></foreignObject></svg>`)},
		"img/shadow.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><filter id="s"/><mask id="m"/></defs>` +
			`<rect width="4" height="4" filter="url(#s)"/><rect width="4" height="4" mask="url(#m)"/></svg>`)},
		"img/fallback.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><switch>` +
			`<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">Label</div></foreignObject>` +
			`<text x="5" y="5">Label</text></switch></svg>`)},
	}
	book, _ := chapter("ch.md", "img/html.svg", "img/htmlimage.svg", "img/shadow.svg", "img/fallback.svg", "img/html.svg")
	warnings, err := Load(book, fsys, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`ch.md:7: image "img/htmlimage.svg": the PDF cannot draw HTML content (<foreignObject>) without an SVG fallback; it prints a placeholder with the alt text`,
		`ch.md:7: image "img/shadow.svg": the PDF draws it without filter effects (filter)`,
	}
	var got []string
	for _, w := range warnings {
		if w.Code != "image.svg-unsupported" || w.Severity != diag.Warning {
			t.Errorf("%v: code %s, severity %s", w, w.Code, w.Severity)
		}
		got = append(got, w.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// What cleaning removes that a picture may miss is said, each thing once:
// every remote or local reference, unknown elements and attributes, image
// functions and links; a presentation attribute SVG 1.1 does not allow on
// its element moves into its style rather than going.
func TestCleanSVGSaysWhatItRemoved(t *testing.T) {
	data, err := os.ReadFile("testdata/svg/remote.svg")
	if err != nil {
		t.Fatal(err)
	}
	_, _, _, removed, _, err := cleanSVG(data, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"image-set()", "@import", "reference to http://evil.example/s#s", "reference to file:///etc/f.woff",
		"reference to http://evil.example/x#g", "reference to file:///etc/x#f",
		"reference to http://evil.example/m#m", "reference to http://evil.example/c#c", "reference to http://evil.example/m#s",
		"reference to http://evil.example/c.cur", "attribute cursor", "style property cursor",
		"image()", "-webkit-image-set()", "style property background",
		"attribute data-x", "<foo>", "<feImage>", "<solidcolor>", "<mesh>", "<hatch>",
		"reference to http://evil.example/a.png", "<font>", "<color-profile>", "links",
	}
	if strings.Join(removed, "\n") != strings.Join(want, "\n") {
		t.Errorf("removed:\n%s\nwant:\n%s", strings.Join(removed, "\n"), strings.Join(want, "\n"))
	}
}

// TestExportsCleanedToSVG11 cleans the exports of the tools diagrams come
// from and checks what EPUBCheck's SVG 1.1 schema requires of what they
// leave out or write otherwise: the size of every rect, the radius of
// every circle and ellipse, the data of every path and polygon, the offset
// of every gradient stop, and a role EPUB allows.
func TestExportsCleanedToSVG11(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "svg", "testdata", "*.svg"))
	if err != nil || len(files) < 13 {
		t.Fatalf("exports: %v, %d files", err, len(files))
	}
	required := map[string][]string{"rect": {"width", "height"}, "circle": {"r"}, "ellipse": {"rx", "ry"},
		"path": {"d"}, "polygon": {"points"}, "polyline": {"points"}, "stop": {"offset"}}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			clean, _, _, err := CleanSVG(data)
			if err != nil {
				t.Fatal(err)
			}
			dec := xml.NewDecoder(bytes.NewReader(clean))
			for {
				tok, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				se, ok := tok.(xml.StartElement)
				if !ok {
					continue
				}
				has := map[string]string{}
				for _, a := range se.Attr {
					if a.Name.Space == "" {
						has[a.Name.Local] = a.Value
					}
				}
				for _, name := range required[se.Name.Local] {
					if _, ok := has[name]; !ok {
						t.Errorf("<%s> at offset %d has no %s", se.Name.Local, dec.InputOffset(), name)
					}
				}
				if role, ok := has["role"]; ok && role != "img" && role != "document" && role != "application" {
					t.Errorf("<%s role=%q>", se.Name.Local, role)
				}
			}
		})
	}
	// What is added draws what its absence drew: nothing, or for an
	// ellipse with one radius a circle.
	clean, _, _, err := CleanSVG([]byte(`<svg xmlns="http://www.w3.org/2000/svg" role="graphics-document document"><rect class="x"/><ellipse rx="3"/><path id="space"/><linearGradient><stop stop-color="#FFCC00"/></linearGradient></svg>`))
	if err != nil {
		t.Fatal(err)
	}
	want := `<rect class="x" width="0" height="0"/><ellipse rx="3" ry="3"/><path id="space" d=""/><linearGradient><stop stop-color="#FFCC00" offset="0"/></linearGradient>`
	if !strings.Contains(string(clean), want) || !strings.Contains(string(clean), `role="document"`) {
		t.Errorf("cleaned:\n%s\nwant it to hold %s and role=\"document\"", clean, want)
	}
}

// An id that is not an XML name (PlantUML's "A->B") goes, and so do
// references to it; EPUBCheck refuses it.
func TestCleanSVGDropsIDsThatAreNotNames(t *testing.T) {
	in := `<svg xmlns="http://www.w3.org/2000/svg"><path id="A-&gt;B" d="M0 0"/><path id="*start*" d="M0 0"/><path id="ok-1.b_é" d="M0 0"/><path id="9" d="M0 0" fill="url(#9)"/></svg>`
	clean, _, _, removed, _, err := cleanSVG([]byte(in), testOptions)
	if err != nil {
		t.Fatal(err)
	}
	got := string(clean)
	if strings.Count(got, ` id=`) != 1 || !strings.Contains(got, `id="ok-1.b_é"`) || strings.Contains(got, "url(#9)") {
		t.Errorf("cleaned:\n%s", got)
	}
	if want := "ids that are not XML names"; len(removed) == 0 || removed[0] != want {
		t.Errorf("removed %q, want %q first", removed, want)
	}
}

// A picture that cleaning changed is named once, however often it is
// used, with what was taken out of it; the picture itself stays.
func TestSVGCleanedWarning(t *testing.T) {
	fsys := fstest.MapFS{"img/remote.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">` +
		`<rect width="4" height="4" fill="url(http://evil.example/p#g)"/><foo/></svg>`)}}
	book, _ := chapter("ch.md", "img/remote.svg", "img/remote.svg")
	warnings, err := Load(book, fsys, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range warnings {
		got = append(got, w.Error()+" ["+w.Code+"]")
	}
	want := `ch.md:7: image "img/remote.svg": EPUB allows no remote or unknown content in SVG; removed from it: reference to http://evil.example/p#g, <foo> [image.svg-cleaned]`
	if strings.Join(got, "\n") != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

// Excalidraw's export writes the drawing's scene, base64 data for
// Excalidraw to open the picture again, as text straight in the <svg>
// between two comments. Cleaning drops it as any text outside <text>, but
// says nothing of it, since the picture misses nothing; words outside the
// comments are still reported.
func TestCleanSVGDropsExcalidrawScene(t *testing.T) {
	const scene = "eyJ2ZXJzaW9uIjoiMSIsImVuY29kaW5nIjoiYnN0cmluZyJ9"
	src := `<svg version="1.1" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10" width="20" height="10">
  <!-- svg-source:excalidraw -->
  <!-- payload-type:application/vnd.excalidraw+json --><!-- payload-version:2 --><!-- payload-start -->` + scene + `<!-- payload-end -->
  <defs><style>@font-face { font-family: "Virgil"; src: url("https://unpkg.com/@excalidraw/excalidraw/Virgil.woff2"); }</style></defs>
  <rect width="20" height="10" fill="#ffffff"></rect><text x="2" y="8" font-family="Virgil">App</text>%s</svg>
`
	for _, tt := range []struct {
		stray string
		want  []string
	}{
		{"", []string{"reference to https://unpkg.com/@excalidraw/excalidraw/Virgil.woff2"}},
		{"words", []string{"reference to https://unpkg.com/@excalidraw/excalidraw/Virgil.woff2", "text outside <text>"}},
	} {
		clean, _, _, removed, _, err := cleanSVG([]byte(fmt.Sprintf(src, tt.stray)), testOptions)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(clean), scene) || !strings.Contains(string(clean), ">App</text>") {
			t.Errorf("cleaned:\n%s", clean)
		}
		if strings.Join(removed, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("stray %q: removed %q, want %q", tt.stray, removed, tt.want)
		}
	}
}

// mask-type, which Figma sets on every mask it writes (CSS Masking's, not
// SVG 1.1's), is kept in the style, where EPUBCheck accepts it: without
// it a mask of grey shapes lets its content through half-transparent.
func TestCleanSVGKeepsMaskType(t *testing.T) {
	clean, _, _, removed, _, err := cleanSVG([]byte(`<svg xmlns="http://www.w3.org/2000/svg"><mask id="a" style="mask-type:alpha" maskUnits="userSpaceOnUse"><rect width="2" height="2" fill="#D9D9D9"/></mask>`+
		`<mask id="b" mask-type="alpha"/><g mask="url(#a)"><rect width="4" height="4"/></g></svg>`), testOptions)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<mask id="a" maskUnits="userSpaceOnUse" style="mask-type:alpha">`, `<mask id="b" style="mask-type:alpha"/>`, `<g mask="url(#a)">`} {
		if !strings.Contains(string(clean), want) {
			t.Errorf("cleaned:\n%s\nwant it to hold %s", clean, want)
		}
	}
	if len(removed) > 0 {
		t.Errorf("removed %q", removed)
	}
}

// The cleaned picture draws what a browser draws of the original: an
// Illustrator export's namespaces named by entities are read, a paint's
// fallback colour stands when its url() goes, and attributes browsers
// ignore are not made to apply by moving them into the style.
func TestCleanSVGAsBrowsersRead(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []string // in the cleaned picture
		wantNot  []string
		removed  []string
	}{
		{"Illustrator's entities",
			`<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
	<!ENTITY ns_extend "http://ns.adobe.com/Extensibility/1.0/">
	<!ENTITY ns_svg "http://www.w3.org/2000/svg">
]>
<svg version="1.1" xmlns:x="&ns_extend;" xmlns="&ns_svg;" width="200px" height="200px"><rect width="10" height="10" fill="green"/></svg>`,
			[]string{`<rect width="10" height="10" fill="green"/>`}, nil, nil},
		{"a fallback colour after a missing gradient",
			`<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1" fill="url(#lg1) green"/><rect width="2" height="2" fill="url(#lg1)"/><rect width="3" height="3" stroke=" url('http://evil.example/p#x')  #fc0"/></svg>`,
			[]string{`fill="green"`, `fill="none"`, `stroke="#fc0"`}, []string{"url("},
			[]string{"reference to http://evil.example/p#x", "reference to #lg1"}},
		{"a fallback colour after a gradient there",
			`<svg xmlns="http://www.w3.org/2000/svg"><linearGradient id="g"/><rect width="1" height="1" fill="url(#g) green"/></svg>`,
			[]string{`fill="url(#g) green"`}, nil, nil},
		{"properties that are no presentation attributes",
			`<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1" mix-blend-mode="multiply" isolation="isolate" paint-order="stroke"/></svg>`,
			[]string{`style="paint-order:stroke"`}, []string{"multiply", "isolate"},
			[]string{"attribute mix-blend-mode", "attribute isolation"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			clean, _, _, removed, _, err := cleanSVG([]byte(c.in), testOptions)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range c.want {
				if !strings.Contains(string(clean), w) {
					t.Errorf("cleaned:\n%s\nwant it to hold %s", clean, w)
				}
			}
			for _, w := range c.wantNot {
				if strings.Contains(string(clean), w) {
					t.Errorf("cleaned:\n%s\nwant no %s", clean, w)
				}
			}
			if strings.Join(removed, "\n") != strings.Join(c.removed, "\n") {
				t.Errorf("removed %q, want %q", removed, c.removed)
			}
		})
	}
}

// TestCleanSVGEmbeddedPictures: an SVG picture embedded as data is kept,
// cleaned as any picture is (its script, handlers and remote references
// go, and are said to), so the PDF can draw it and the EPUB carry it; a
// raster picture under a media type no one uses is kept under its own.
func TestCleanSVGEmbeddedPictures(t *testing.T) {
	hostile := `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script>` +
		`<image href="http://evil.example/a.png" width="1" height="1"/><rect width="1" height="1"/></svg>`
	png := "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
	doc := `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">` +
		`<image width="5" height="5" href="data:image/svg+xml;base64,` + base64.StdEncoding.EncodeToString([]byte(hostile)) + `"/>` +
		`<image width="5" height="5" href="data:image/jpg;base64,` + png + `"/></svg>`
	clean, _, _, removed, _, err := cleanSVG([]byte(doc), testOptions)
	if err != nil {
		t.Fatal(err)
	}
	checkSafeSVG(t, clean)
	if !bytes.Contains(clean, []byte(`href="data:image/png;base64,`+png+`"`)) {
		t.Errorf("the PNG under image/jpg is not kept as a PNG:\n%s", clean)
	}
	i := bytes.Index(clean, []byte("data:image/svg+xml;base64,"))
	if i < 0 {
		t.Fatalf("the embedded SVG picture is not kept:\n%s", clean)
	}
	enc := clean[i+len("data:image/svg+xml;base64,"):]
	inner, err := base64.StdEncoding.DecodeString(string(enc[:bytes.IndexByte(enc, '"')]))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"alert", "evil.example", "onload"} {
		if bytes.Contains(inner, []byte(bad)) {
			t.Errorf("the embedded picture keeps %q:\n%s", bad, inner)
		}
	}
	if !bytes.Contains(inner, []byte("<rect")) {
		t.Errorf("the embedded picture lost its drawing:\n%s", inner)
	}
	if got, want := strings.Join(removed, "; "), "reference to http://evil.example/a.png"; got != want {
		t.Errorf("removed %q, want %q", got, want)
	}
}

// TestCleanSVGKeywords: an attribute whose value is not one of the
// keywords SVG 1.1 lists for it is dropped, and named once in what was
// removed; a listed keyword stays, trimmed.
func TestCleanSVGKeywords(t *testing.T) {
	data, err := os.ReadFile("testdata/svg/keywords.svg")
	if err != nil {
		t.Fatal(err)
	}
	clean, _, _, removed, _, err := cleanSVG(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`attribute text-anchor="left"`, `attribute font-style="Italic"`, `attribute display="flex"`, `attribute stroke-linejoin="miter-clip"`}
	if !slices.Equal(removed, want) {
		t.Errorf("removed %q, want %q", removed, want)
	}
	for _, kept := range []string{`font-weight="bold"`, `text-anchor="middle"`, `fill-rule="evenodd"`} {
		if !bytes.Contains(clean, []byte(kept)) {
			t.Errorf("%s was not kept:\n%s", kept, clean)
		}
	}
}

// TestCleanSVGEditorNotes: Inkscape's own style properties go unnoted
// (no reader draws them); another property SVG lacks is named.
func TestCleanSVGEditorNotes(t *testing.T) {
	data := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text style="-inkscape-font-specification:'Sans Bold';fill:red;cursor:pointer">A</text></svg>`)
	clean, _, _, removed, _, err := cleanSVG(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"style property cursor"}; !slices.Equal(removed, want) {
		t.Errorf("removed %q, want %q", removed, want)
	}
	if !bytes.Contains(clean, []byte(`style="fill:red"`)) || bytes.Contains(clean, []byte("inkscape")) {
		t.Errorf("cleaned:\n%s", clean)
	}
}

// TestCleanSVGKeepsEmbeddedFonts: an @font-face's fonts embedded as base64
// data (D2 embeds its labels' fonts so) stay, under the media type their
// bytes say, with the rule's descriptors; its other sources, data that is
// no font, and what is not a descriptor go, each said once.
func TestCleanSVGKeepsEmbeddedFonts(t *testing.T) {
	woff := base64.StdEncoding.EncodeToString([]byte("wOFF\x00\x01\x00\x00rest of the font"))
	ttf := base64.StdEncoding.EncodeToString([]byte("\x00\x01\x00\x00\x00\x0a rest of the font"))
	notFont := base64.StdEncoding.EncodeToString([]byte("<svg>not a font</svg>"))
	in := `<svg xmlns="http://www.w3.org/2000/svg"><style type="text/css"><![CDATA[
.a .text { font-family: "d2-1-font-regular"; }
@font-face { font-family: d2-1-font-regular; font-style: italic; color: red;
	src: url("data:application/font-woff;base64,` + woff + `") format("woff"), url(https://example.com/f.woff), url(data:application/octet-stream;base64,` + ttf + `); }
@font-face { font-family: other; src: url(data:image/svg+xml;base64,` + notFont + `) }
.b { fill: red }]]></style><text class="text">label</text></svg>`
	clean, _, _, removed, _, err := cleanSVG([]byte(in), testOptions)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`.a .text {font-family:"d2-1-font-regular"}`,
		`@font-face {font-family:d2-1-font-regular;font-style:italic;src:url("data:font/woff;base64,` + woff + `"),url("data:font/ttf;base64,` + ttf + `")}`,
		`@font-face {font-family:other}`,
		`.b {fill:red}`,
	} {
		if !strings.Contains(string(clean), want) {
			t.Errorf("cleaned picture lacks %s:\n%s", want, clean)
		}
	}
	wantRemoved := []string{"style property color", "reference to https://example.com/f.woff", "reference to data:image/svg+xml;base64,PHN2Zz5ub3QgYSBmb250PC9zdmc+"}
	if strings.Join(removed, "\n") != strings.Join(wantRemoved, "\n") {
		t.Errorf("removed %q, want %q", removed, wantRemoved)
	}
	checkSafeSVG(t, clean)
}

// TestCleanSVGIgnoresCSSComments: rules and references in a style
// sheet's comments (Wikimedia's maps show in one how to colour a country)
// are no part of it: nothing of them is said to be removed, and a comment
// mark in a quoted string is no comment.
func TestCleanSVGIgnoresCSSComments(t *testing.T) {
	in := `<svg xmlns="http://www.w3.org/2000/svg"><style type="text/css">
/*
 * Colour a few countries:
 *
 * .gb, .au, .nc
 * {
 * 	fill: #ff0000; background: url(http://example.com/x.png);
 * }
 */
.landxx { fill: #c0c0c0; /* stroke: url(http://example.com/s) */ stroke: #ffffff }
text { font-family: "a/*b" }
</style><path class="landxx" d="M0 0h1v1z"/><text style="fill: red /* ; cursor: url(x.cur) */">t</text></svg>`
	clean, _, _, removed, _, err := cleanSVG([]byte(in), testOptions)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) > 0 {
		t.Errorf("removed %q, want nothing", removed)
	}
	for _, want := range []string{`.landxx {fill:#c0c0c0;stroke:#ffffff}`, `font-family:"a/*b"`, `style="fill:red"`} {
		if !strings.Contains(string(clean), want) {
			t.Errorf("cleaned picture lacks %s:\n%s", want, clean)
		}
	}
}

// TestCleanSVGRestatedSize: a width and height in an <svg>'s style that
// say again what its attributes say (PlantUML's) go without a word; ones
// that say otherwise are reported.
func TestCleanSVGRestatedSize(t *testing.T) {
	for _, tc := range []struct {
		in      string
		removed []string
	}{
		{`<svg xmlns="http://www.w3.org/2000/svg" height="367px" style="width:253px;height:367px;background:#FFFFFF;" width="253px"><rect width="2" height="2"/></svg>`,
			[]string{"style property background"}},
		{`<svg xmlns="http://www.w3.org/2000/svg" height="367px" style="width: 50%" width="253px"><rect width="2" height="2"/></svg>`,
			[]string{"style property width"}},
	} {
		_, _, _, removed, _, err := cleanSVG([]byte(tc.in), testOptions)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(removed, "\n") != strings.Join(tc.removed, "\n") {
			t.Errorf("%s: removed %q, want %q", tc.in, removed, tc.removed)
		}
	}
}

// TestCleanSVGDropsWhatNothingReads: custom properties nothing reads with
// var(), the background colours of HTML boxes in a picture whose HTML
// labels are SVG text once cleaned, references in CSS to IDs the picture
// never had (D2 writes all three in every picture), the class of a
// <style> (Excalidraw's), geometry on an element that has none (a
// <path>'s width) and an <image> of no picture (gnuplot's) go
// without a word; a custom property a var() reads, the root's background,
// which a browser paints, and a reference to something cleaning removed
// are reported when they go.
func TestCleanSVGDropsWhatNothingReads(t *testing.T) {
	for _, tc := range []struct {
		in      string
		removed []string
	}{
		{`<svg xmlns="http://www.w3.org/2000/svg" data-d2-version="v0.7.1"><style>.md{--color-fg-default:#0A0F25;--color-canvas-default:#FFFFFF;} .background-color-N1{background-color:#0A0F25;}</style><rect width="2" height="2" style="background-color: red"/></svg>`,
			[]string{"attribute data-d2-version"}},
		{`<svg xmlns="http://www.w3.org/2000/svg"><style>.sketch-overlay-B1{fill:url(#streaks-darker);mix-blend-mode:lighten}</style><linearGradient id="gone"><foo/></linearGradient><foo id="foo"/><rect width="2" height="2" style="fill:url(#foo)"/></svg>`,
			[]string{"<foo>", "reference to #foo"}},
		{`<svg xmlns="http://www.w3.org/2000/svg"><defs><style class="style-fonts">@font-face { font-family: Excalifont; src: url(https://example.com/E.woff2); }</style></defs></svg>`,
			[]string{"reference to https://example.com/E.woff2"}},
		{`<svg xmlns="http://www.w3.org/2000/svg"><image id="hyperimage" class="hyperimage" pointer-events="none" fill="white" stroke="black" opacity="0.8" height="200" width="300" visibility="hidden" /><image width="2" height="2" xlink:href="https://example.com/a.png"/></svg>`,
			[]string{"reference to https://example.com/a.png"}},
		{`<svg xmlns="http://www.w3.org/2000/svg" style="background-color: black"><style>.md{--fg:#0A0F25} rect{fill:var(--fg)}</style><rect width="2" height="2"/></svg>`,
			[]string{"style property background-color", "style property --fg"}},
		{`<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h2" width="2" height="3" x="1"/><ellipse cx="1" cy="1" rx="1" ry="1" width="2" r="4"/><g x1="3"/></svg>`,
			nil},
	} {
		_, _, _, removed, _, err := cleanSVG([]byte(tc.in), testOptions)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(removed, "\n") != strings.Join(tc.removed, "\n") {
			t.Errorf("%s: removed %q, want %q", tc.in, removed, tc.removed)
		}
	}
}
