package build

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/pdf"
	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// TestSlowTaggedPDFReads builds a book of the sample's chapters and one
// of its own (a heading, paragraphs, a described picture, a footnote)
// and reads the tagged PDF as poppler's structure reader does
// (`pdfinfo -struct-text`, when it is installed): the headings, the
// paragraphs, the figure and the footnote come in reading order, and the
// figure carries its description as /Alt. It builds a book of its own
// and runs poppler, so it is one of the slow tests (SAMIZDAT_SLOW_TESTS).
func TestSlowTaggedPDFReads(t *testing.T) {
	if os.Getenv("SAMIZDAT_SLOW_TESTS") == "" {
		t.Skip("slow: set SAMIZDAT_SLOW_TESTS=1")
	}
	pdfinfo, err := exec.LookPath("pdfinfo")
	if err != nil {
		t.Skip("pdfinfo is not installed")
	}
	dir := t.TempDir()
	var pic bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 60, 40))
	for y := range 40 {
		for x := range 60 {
			img.Set(x, y, color.RGBA{R: uint8(200 * (x / 20 % 2)), G: 40, B: 40, A: 255})
		}
	}
	if err := png.Encode(&pic, img); err != nil {
		t.Fatal(err)
	}
	if err := writeFiles(dir, map[string]string{
		"manifest.yaml": "title: Tagged Reading\nlanguage: en\nchapters:\n  - file: one.md\n",
		"stripes.png":   pic.String(),
		"one.md": "# The First Chapter\n\nThe opening paragraph names the stripes below.[^n]\n\n" +
			"![Three red and dark stripes side by side](stripes.png)\n\n" +
			"## A Section\n\nThe closing paragraph follows the figure.\n\n" +
			"[^n]: The footnote that explains the stripes.\n",
	}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	opts := outTo(out)
	opts.Flags["formats"] = "pdf"
	opts.FlagOrigins["formats"] = "flag --set formats"
	if r := runBuild(t, dir, opts); r.err != nil {
		t.Fatalf("build: %v\n%s", r.err, r.stderr.String())
	}
	path := filepath.Join(out, "tagged-reading.pdf")
	info, err := exec.Command(pdfinfo, path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	if !bytes.Contains(info, []byte("Tagged:          yes")) {
		t.Errorf("pdfinfo does not find the PDF tagged:\n%s", info)
	}
	st, err := exec.Command(pdfinfo, "-struct-text", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo -struct-text: %v", err)
	}
	// what a reader meets, in order
	inOrder(t, string(st),
		"H1", "Tagged Reading",
		"H1", "The First Chapter",
		"P", "The opening paragraph names the stripes below.",
		"Note", "The footnote that explains the stripes.",
		"Figure",
		"H2", "A Section",
		"P", "The closing paragraph follows the figure.")
	// and in the sample, its notes where they are referred to
	st, err = exec.Command(pdfinfo, "-struct-text", sample(t).path("workers-opposition.pdf")).Output()
	if err != nil {
		t.Fatalf("pdfinfo -struct-text: %v", err)
	}
	inOrder(t, string(st),
		"TOC", "Introduction",
		"H1", "Introduction",
		"P", "Some Bolsheviks were critical",
		"Note", "The usual English spelling of her name is Kollontai",
		"H1", "Questions for discussion")
	// the XMP metadata, which poppler reads, says PDF/UA-1, and what a
	// machine can check of it holds, here and in the sample
	meta, err := exec.Command(pdfinfo, "-meta", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo -meta: %v", err)
	}
	for _, want := range []string{"<pdfuaid:part>1</pdfuaid:part>", `<rdf:li xml:lang="x-default">Tagged Reading</rdf:li>`, "<rdf:li>en</rdf:li>"} {
		if !bytes.Contains(meta, []byte(want)) {
			t.Errorf("pdfinfo -meta has no %s:\n%s", want, meta)
		}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{path, sample(t).path("workers-opposition.pdf")} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if problems, err := pdf.CheckUA(data); err != nil || len(problems) > 0 {
			t.Errorf("%s against PDF/UA-1: %v %q", filepath.Base(file), err, problems)
		}
	}
	// the description, which pdfinfo does not print, from the structure
	f, err := pdffile.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	var alts []string
	for _, o := range f.Objects {
		if d, ok := o.(pdffile.Dict); ok && d.Is("S", "Figure") {
			if s, ok := d["Alt"].(pdffile.String); ok {
				alts = append(alts, string(s.Bytes))
			}
		}
	}
	if len(alts) != 1 || alts[0] != "Three red and dark stripes side by side" {
		t.Errorf("the figures' Alt = %q, want the picture's description", alts)
	}
}

// inOrder fails t unless text holds each of wants, one after another.
func inOrder(t *testing.T, text string, wants ...string) {
	t.Helper()
	at := 0
	for _, want := range wants {
		i := strings.Index(text[at:], want)
		if i < 0 {
			t.Fatalf("after %q, no %q in the structure:\n%s", text[max(at-80, 0):at], want, text)
		}
		at += i + len(want)
	}
}
