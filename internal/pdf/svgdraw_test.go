package pdf

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/media"
)

var keepSVGPDF = flag.String("svgpdf", "", "also write the SVG test pictures' PDF to this file, to look at")

// svgSamples are the test pictures of internal/svg with the labels each
// must keep as text in the PDF.
var svgSamples = []struct {
	file   string
	labels []string
	absent []string
}{
	{"graphviz-digraph", []string{"manifest.yaml", "Knuth–Plass layout", "page map", "(goldmark)"}, nil},
	{"graphviz-clusters", []string{"process #1", "process #2", "start", "end", "a0", "b3"}, nil},
	{"graphviz-records", []string{"left", "mid dle", "hello", "world"}, nil},
	{"graphviz-html", []string{"Chapter", "string", "[]Note", "many", "id, text"}, nil},
	{"graphviz-landscape", []string{"runmem", "zombie", "kernel"}, nil},
	{"inkscape-drawing", []string{"Inkscape drawing", "second line", "right-aligned"}, nil},
	{"inkscape-plain", []string{"Inkscape drawing", "second line", "right-aligned"}, nil},
	{"matplotlib-text", []string{"Two waves", "angle (radians)", "value", "maximum", "cos x / 2"}, nil},
	{"matplotlib-paths", nil, []string{"Two waves"}},
	// Cleaning sets HTML labels as SVG text, in lines as a browser
	// breaks them, and drops the notices and shortened copies after them.
	{"drawio-flow", []string{"Manuscript", "Checked?", "Print", "proof", "Send back"}, []string{"cannot display"}},
	{"drawio-edges", []string{"Draft", "Approved?", "Print", "Revise", "yes", "no", "needs", "changes"}, []string{"cannot display"}},
	{"drawio-old", []string{"Manuscript", "Markdown", "Proof copy", "left-aligned", "small print"}, []string{"Not supported", "..."}},
	{"mermaid-flowchart-text", []string{"Manuscript", "Valid?", "Typeset", "Return", "yes"}, nil},
	{"mermaid-sequence", []string{"Editor", "Printer", "Send proofs", "Checks bleed"}, []string{"hidden"}},
	{"mermaid-flowchart-html", []string{"Manuscript", "Valid?", "Typeset", "Return", "yes", "no"}, []string{"Mermaid flowchart with HTML labels"}},
	{"mermaid11-flowchart", []string{"Manuscript", "Valid?", "Typeset", "Return", "yes", "no"}, nil},
	{"rich-terminal", []string{"TerminalApp", "Memory Used", "12.80GB", "dolphie", "11.97"}, nil},
}

// svgDocument puts each sample picture on a page of its own, at its own
// size shrunk to fit, the SVG cleaned as a build cleans it.
func svgDocument(t testing.TB) *layout.Document {
	d := &layout.Document{Geometry: layout.Geometry{MediaWidth: 595, MediaHeight: 842}}
	for _, s := range svgSamples {
		raw, err := os.ReadFile(filepath.Join("..", "svg", "testdata", s.file+".svg"))
		if err != nil {
			t.Fatal(err)
		}
		clean, w, h, err := media.CleanSVG(raw)
		if err != nil {
			t.Fatalf("%s: %v", s.file, err)
		}
		w, h = w*0.75, h*0.75 // CSS pixels to points
		if scale := 500 / w; scale < 1 {
			w, h = w*scale, h*scale
		}
		if scale := 700 / h; scale < 1 {
			w, h = w*scale, h*scale
		}
		a := &doc.Asset{Path: s.file + ".svg", MediaType: media.SVG, Data: clean, Width: int(w), Height: int(h)}
		alt := strings.ReplaceAll(s.file, "-", " ")
		if s.file == "mermaid-flowchart-html" {
			alt = "Mermaid flowchart with HTML labels"
		}
		page := &layout.Page{Label: s.file, Items: []layout.Item{
			&layout.Picture{Rect: layout.Rect{X: 40, Y: 60, W: w, H: h}, Asset: a, Alt: alt},
		}}
		d.Pages = append(d.Pages, page)
	}
	return d
}

// TestSVGDrawnAsVectors draws every sample picture and checks the PDF with
// qpdf, and with pdftotext that each page carries its picture's labels as
// text (and not the text a picture hides).
func TestSVGDrawnAsVectors(t *testing.T) {
	d := svgDocument(t)
	var b bytes.Buffer
	warnings, err := Write(&b, d, doc.Meta{Title: "SVG"}, testFaces(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) > 0 {
		t.Errorf("warnings: %q", warnings)
	}
	path := filepath.Join(t.TempDir(), "svg.pdf")
	if *keepSVGPDF != "" {
		path = *keepSVGPDF
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	checkQPDF(t, path)
	text := run(t, "pdftotext", "-layout", path, "-")
	pages := strings.Split(text, "\f")
	for i, s := range svgSamples {
		if i >= len(pages) {
			t.Fatalf("%d pages of text, want %d", len(pages), len(svgSamples))
		}
		// Layout mode may break a label where glyphs of two runs meet.
		flat := strings.Join(strings.Fields(pages[i]), " ")
		for _, l := range s.labels {
			if !strings.Contains(flat, l) {
				t.Errorf("%s: label %q not in the page's text:\n%s", s.file, l, pages[i])
			}
		}
		for _, l := range s.absent {
			if strings.Contains(flat, l) {
				t.Errorf("%s: %q should not be in the page's text:\n%s", s.file, l, pages[i])
			}
		}
	}
}

// BenchmarkSVGPicture writes a one-page PDF holding one sample picture,
// about 400 pt wide, for each sample: parsing, drawing and finishing.
func BenchmarkSVGPicture(b *testing.B) {
	faces := testFaces(b)
	for _, s := range svgSamples {
		raw, err := os.ReadFile(filepath.Join("..", "svg", "testdata", s.file+".svg"))
		if err != nil {
			b.Fatal(err)
		}
		clean, w, h, err := media.CleanSVG(raw)
		if err != nil {
			b.Fatal(err)
		}
		w, h = w*0.75, h*0.75
		if scale := 400 / w; scale < 1 {
			w, h = w*scale, h*scale
		}
		a := &doc.Asset{Path: s.file + ".svg", MediaType: media.SVG, Data: clean, Width: int(w / 0.75), Height: int(h / 0.75)}
		d := &layout.Document{Geometry: layout.Geometry{MediaWidth: 595, MediaHeight: 842},
			Pages: []*layout.Page{{Label: "1", Items: []layout.Item{&layout.Picture{Rect: layout.Rect{X: 40, Y: 60, W: w, H: h}, Asset: a}}}}}
		b.Run(s.file, func(b *testing.B) {
			size := 0
			for i := 0; i < b.N; i++ {
				var buf bytes.Buffer
				if _, err := Write(&buf, d, doc.Meta{}, faces, DefaultOptions()); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size), "bytes/pdf")
		})
	}
}
