package build

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/validate"
)

var scans sharedBook

// scansBook is a course packet of archival scans and office pictures:
// TIFFs (uncompressed, LZW, Deflate, PackBits, a CCITT Group 4 page, 16-bit
// grey, with an alpha channel, three pages, JPEG-compressed in strips, in
// tiles, in grey and in YCbCr) and BMPs
// (24-bit, paletted, 32-bit with alpha, one RLE-compressed), from the media
// package's test pictures.
func scansBook(t *testing.T) *sharedBook {
	return scans.get(t, func(dir string) (string, Options, error) {
		names, err := filepath.Glob(filepath.Join("..", "media", "testdata", "raster", "*.[bt][mi][pf]"))
		if err != nil {
			return "", Options{}, err
		}
		files := map[string]string{
			"manifest.yaml": "title: Archival Scans\nlanguage: en\nchapters:\n  - file: scans.md\n",
		}
		md := "# Scans\n\n"
		for _, path := range names {
			data, err := os.ReadFile(path)
			if err != nil {
				return "", Options{}, err
			}
			name := "scans/" + filepath.Base(path)
			files[name] = string(data)
			md += "![Scan " + filepath.Base(path) + "](" + name + ")\n\n"
		}
		files["scans.md"] = md + "In a line ![an icon](scans/rgb24.bmp){width=2em}.\n"
		return dir, Options{}, writeFiles(dir, files)
	})
}

// TestScans: TIFF and BMP pictures are shown in both formats, the EPUB
// holding them as PNG, or JPEG when they were JPEG-compressed; what cannot
// be decoded and the pages of a TIFF left out are warnings naming the
// file.
func TestScans(t *testing.T) {
	t.Parallel()
	b := scansBook(t)
	want := []string{
		`book/scans.md:9:1: image "scans/pages3.tif": scans/pages3.tif has 3 pages; only the first is shown, the other 2 pages are left out (give each page as a picture of its own)`,
		`book/scans.md:11:1: image "scans/pal8-rle.bmp": scans/pal8-rle.bmp: unsupported image type (BMP of 8 bits a pixel with RLE8 compression); save it as PNG; a placeholder stands in`,
	}
	for _, w := range want {
		if !strings.Contains(b.stderr, w) {
			t.Errorf("no warning %s in:\n%s", w, b.stderr)
		}
	}
	if n := strings.Count(b.stderr, "warning:"); n != len(want) {
		t.Errorf("%d warnings, want %d:\n%s", n, len(want), b.stderr)
	}
	epub, err := zip.OpenReader(b.path("archival-scans.epub"))
	if err != nil {
		t.Fatal(err)
	}
	defer epub.Close()
	var pictures []string
	for _, f := range epub.File {
		if strings.HasPrefix(f.Name, "EPUB/images/") && f.Name != "EPUB/images/cover.png" {
			pictures = append(pictures, strings.TrimPrefix(f.Name, "EPUB/images/"))
		}
	}
	// The four RGB TIFFs hold the same pixels: one PNG; the two
	// JPEG-compressed ones of one strip and of four: one JPEG.
	wantPictures := "bilevel-g4.png gray-jpeg.jpg gray16.png pages3.png pal8.png rgb-deflate.png rgb-jpeg.jpg rgb24.png rgba.png rgba32.png tiles-jpeg.jpg ycc-jpeg.jpg"
	if got := strings.Join(pictures, " "); got != wantPictures {
		t.Errorf("EPUB pictures: %s\nwant %s", got, wantPictures)
	}
	pdf, err := os.ReadFile(b.path("archival-scans.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	// each picture's colours, and the opacity of the two with alpha
	if n := bytes.Count(pdf, []byte("/Subtype /Image")); n != 14 {
		t.Errorf("%d images in the PDF, want 14", n)
	}
	for _, p := range validate.CheckPDF(t, b.path("archival-scans.pdf"), 18) {
		t.Error(p)
	}
}
