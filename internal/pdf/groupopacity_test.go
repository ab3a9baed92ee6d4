package pdf

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// groupOpacityPDF draws internal/svg's group-opacity.svg (200 × 100 CSS
// pixels) on a page of its own size, 150 × 75 pt.
func groupOpacityPDF(t *testing.T) []byte {
	t.Helper()
	return svgPagePDF(t, "group-opacity.svg", "groups")
}

// svgPagePDF draws a picture of internal/svg's testdata of 200 × 100 CSS
// pixels on a page of its own size, 150 × 75 pt.
func svgPagePDF(t *testing.T, name, alt string) []byte {
	t.Helper()
	return svgPagePDFSized(t, name, alt, 200, 100)
}

// svgPagePDFSized draws a picture of internal/svg's testdata of w × h CSS
// pixels on a page of its own size.
func svgPagePDFSized(t *testing.T, name, alt string, w, h int) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "svg", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	clean, _, _, err := media.CleanSVG(raw)
	if err != nil {
		t.Fatal(err)
	}
	pw, ph := float64(w)*0.75, float64(h)*0.75
	a := &doc.Asset{Path: name, MediaType: media.SVG, Data: clean, Width: w, Height: h}
	d := &layout.Document{Geometry: layout.Geometry{MediaWidth: pw, MediaHeight: ph},
		Pages: []*layout.Page{{Label: "1", Items: []layout.Item{
			&layout.Picture{Rect: layout.Rect{W: pw, H: ph}, Asset: a, Alt: alt}}}}}
	var b bytes.Buffer
	warnings, err := Write(&b, d, doc.Meta{Title: alt}, testFaces(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) > 0 {
		t.Errorf("warnings: %q", warnings)
	}
	return b.Bytes()
}

// TestSVGGroupOpacity checks that the things of a translucent group that
// may overlap are drawn as one isolated transparency group painted at the
// group's opacity, nested groups inside each other, and a single shape
// at its own opacity.
func TestSVGGroupOpacity(t *testing.T) {
	data := groupOpacityPDF(t)
	f, err := pdffile.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	forms, states, shadings := 0, map[string]bool{}, 0
	for _, ref := range f.Refs() {
		switch o := f.Objects[ref].(type) {
		case *pdffile.Stream:
			if !o.Dict.Is("Subtype", "Form") {
				continue
			}
			forms++
			g, ok := f.Dict(o.Dict["Group"])
			if !ok || !g.Is("S", "Transparency") || g["I"] != pdffile.Bool(true) || g["K"] != pdffile.Bool(false) {
				t.Errorf("form %v: group %v, want an isolated transparency group", ref, o.Dict["Group"])
			}
			res, ok := f.Dict(o.Dict["Resources"])
			if !ok || res["Font"] == nil || res["ExtGState"] == nil {
				t.Errorf("form %v: resources %v, want the page's fonts and graphics states", ref, o.Dict["Resources"])
			}
		case pdffile.Dict:
			if o["ShadingType"] != nil {
				shadings++
			}
			if o.Is("Type", "ExtGState") {
				states[string(o["ca"].(pdffile.Number))+"/"+string(o["CA"].(pdffile.Number))] = true
			}
		}
	}
	// the squares, the two nested groups, the stroked shape, the label's,
	// the gradients'
	if forms != 6 {
		t.Errorf("%d forms, want 6", forms)
	}
	if shadings != 2 {
		t.Errorf("%d shadings, want 2", shadings)
	}
	for _, want := range []string{"0.5/0.5"} {
		if !states[want] {
			t.Errorf("no graphics state of opacity %s among %v", want, states)
		}
	}

	path := filepath.Join(t.TempDir(), "groups.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	checkQPDF(t, path)
	if text := run(t, "pdftotext", path, "-"); !strings.Contains(text, "grouped label") {
		t.Errorf("the label in a group is not text: %q", text)
	}
	// At 96 dpi a CSS pixel of the picture is a pixel of the page.
	img := renderPage(t, path)
	for _, c := range []struct {
		what    string
		x, y    int
		r, g, b uint8
	}{
		{"red alone", 10, 10, 255, 128, 128},
		{"blue alone", 45, 45, 128, 128, 255},
		{"red under blue", 30, 30, 128, 128, 255},
		{"nested: red alone", 60, 10, 255, 191, 191},
		{"nested: blue alone", 95, 45, 191, 191, 255},
		{"nested: red under blue", 80, 30, 191, 191, 255},
		{"single shape", 125, 20, 128, 255, 128},
		{"fill alone", 170, 25, 255, 255, 128},
		{"stroke outside", 153, 25, 128, 128, 255},
		{"stroke over fill", 157, 25, 128, 128, 255},
		{"a linear gradient, an eighth of the way", 110, 60, 238, 128, 145},
		{"green alone", 155, 80, 128, 255, 128},
		{"green over a linear gradient", 130, 80, 128, 255, 128},
		{"a radial gradient's centre", 180, 75, 128, 128, 255},
	} {
		r, g, b, _ := img.At(c.x, c.y).RGBA()
		if !near(r>>8, c.r) || !near(g>>8, c.g) || !near(b>>8, c.b) {
			t.Errorf("%s at %d,%d: %d,%d,%d, want %d,%d,%d", c.what, c.x, c.y, r>>8, g>>8, b>>8, c.r, c.g, c.b)
		}
	}
}

func near(v uint32, want uint8) bool { return within(v, want, 3) }

func within(v uint32, want uint8, tolerance int) bool {
	d := int(v) - int(want)
	return d >= -tolerance && d <= tolerance
}

// renderPage renders a PDF's first page with pdftoppm at 96 dpi.
func renderPage(t *testing.T, path string) image.Image {
	t.Helper()
	return renderPageAt(t, path, "96")
}

// renderPageAt renders a PDF's first page with pdftoppm at dpi.
func renderPageAt(t *testing.T, path, dpi string) image.Image {
	t.Helper()
	out := filepath.Join(t.TempDir(), "page")
	run(t, "pdftoppm", "-r", dpi, "-png", "-singlefile", path, out)
	fh, err := os.Open(out + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	return img
}
