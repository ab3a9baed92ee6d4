package epub

import (
	"bytes"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/tiff"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/media"
)

// rasterAsset is a TIFF or BMP of the media package's test pictures, as
// media.Load makes it.
func rasterAsset(name, path string) *doc.Asset {
	data, err := os.ReadFile(filepath.Join("..", "media", "testdata", "raster", name))
	if err != nil {
		panic(err)
	}
	mt, _ := media.Sniff(data)
	cfg, err := media.DecodeConfig(mt, data, 0)
	if err != nil {
		panic(err)
	}
	return &doc.Asset{Path: path, MediaType: mt, Data: data, Width: cfg.Width, Height: cfg.Height}
}

// largeTIFF is a 120 × 80 uncompressed TIFF, for a limit of pixels below it.
func largeTIFF() *doc.Asset {
	img := image.NewRGBA(image.Rect(0, 0, 120, 80))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 13)
		if i%4 == 3 {
			img.Pix[i] = 0xff
		}
	}
	var buf bytes.Buffer
	if err := tiff.Encode(&buf, img, nil); err != nil {
		panic(err)
	}
	return &doc.Asset{Path: "scans/big.tiff", MediaType: media.TIFF, Data: buf.Bytes(), Width: 120, Height: 80}
}

// scanBook is a chapter of archival scans and office pictures: TIFFs of
// several kinds, a BMP, and a PNG named as one of the TIFFs is.
func scanBook() *doc.Book {
	figure := func(id string, a *doc.Asset) doc.Block {
		return &doc.Figure{ID: id, Image: &doc.Image{Src: a.Path, Alt: "Scan " + id, Asset: a}, Caption: []doc.Inline{txt("Scan " + id)}}
	}
	blocks := []doc.Block{
		&doc.Heading{Level: 1, ID: "scans", Content: []doc.Inline{txt("Scans")}},
		figure("lzw", rasterAsset("rgb-lzw.tif", "scans/scan.tif")),
		figure("png", &doc.Asset{Path: "scans/scan.png", MediaType: media.PNG, Data: pngBytes(3, 2, image.Black.C), Width: 3, Height: 2}),
		figure("fax", rasterAsset("bilevel-g4.tif", "scans/page 1.TIF")),
		figure("grey", rasterAsset("gray16.tif", "scans/grey.tiff")),
		figure("alpha", rasterAsset("rgba.tif", "scans/alpha.tif")),
		figure("pages", rasterAsset("pages3.tif", "scans/letter.tif")),
		figure("bmp", rasterAsset("rgb24.bmp", "office/chart.bmp")),
		figure("palette", rasterAsset("pal8.bmp", "office/logo.bmp")),
		figure("bmp-alpha", rasterAsset("rgba32.bmp", "office/icon.bmp")),
		figure("big", largeTIFF()),
		figure("jpeg", rasterAsset("ycc-jpeg.tif", "scans/photo.tiff")),
		para(txt("Sized: "), &doc.Image{Src: "office/chart.bmp", Alt: "chart", Width: doc.Length{Value: 2, Unit: "em"}, Asset: rasterAsset("rgb24.bmp", "office/chart.bmp")}),
	}
	return &doc.Book{
		Meta:    doc.Meta{Title: "Scans", Language: "en", Identifier: "urn:x:scans", Modified: testModified, Creators: []doc.Creator{{Name: "An Archivist", Role: "aut"}}},
		Entries: []*doc.Entry{{ID: "ch-scans", Kind: doc.KindChapter, Title: []doc.Inline{txt("Scans")}, File: "scans.md", Blocks: blocks}},
	}
}

// TestConvertedPictures: a TIFF or BMP is packaged as a PNG of its
// pixels, under its own name with .png (made unique), declared as
// image/png, and its <img> keeps its description and size; one with more
// pixels than the limit is reduced on the way; a JPEG-compressed TIFF is
// a JPEG.
func TestConvertedPictures(t *testing.T) {
	_, files, warnings := writeEPUB(t, scanBook(), Options{MaxImagePixels: 4000, Cover: rasterAsset("bilevel-g4.tif", "cover.tif")})
	if len(warnings) != 0 {
		t.Errorf("warnings: %s", dumpWarnings(warnings))
	}
	opf, chapter := files["EPUB/package.opf"], files["EPUB/xhtml/ch-scans.xhtml"]
	tests := []struct {
		href          string
		img           string // the <img>, "" for the cover
		colourType    byte
		width, height int
	}{
		{"images/cover.png", "", 3, 64, 40},
		{"images/scan.png", `<img src="../images/scan.png" alt="Scan lzw" width="48" height="32"/>`, 2, 48, 32},
		{"images/scan-2.png", `<img src="../images/scan-2.png" alt="Scan png" width="3" height="2"/>`, 2, 3, 2},
		{"images/page-1.png", `<img src="../images/page-1.png" alt="Scan fax" width="64" height="40"/>`, 3, 64, 40},
		{"images/grey.png", `<img src="../images/grey.png" alt="Scan grey" width="48" height="32"/>`, 0, 48, 32},
		{"images/alpha.png", `<img src="../images/alpha.png" alt="Scan alpha" width="48" height="32"/>`, 6, 48, 32},
		{"images/letter.png", `<img src="../images/letter.png" alt="Scan pages" width="48" height="32"/>`, 2, 48, 32},
		{"images/chart.png", `<img src="../images/chart.png" alt="Scan bmp" width="48" height="32"/>`, 2, 48, 32},
		{"images/logo.png", `<img src="../images/logo.png" alt="Scan palette" width="48" height="32"/>`, 3, 48, 32},
		{"images/icon.png", `<img src="../images/icon.png" alt="Scan bmp-alpha" width="32" height="20"/>`, 6, 32, 20},
		{"images/big.png", `<img src="../images/big.png" alt="Scan big" width="60" height="40"/>`, 2, 60, 40},
		{"images/photo.jpg", `<img src="../images/photo.jpg" alt="Scan jpeg" width="48" height="32"/>`, 0, 48, 32},
	}
	for _, tc := range tests {
		t.Run(tc.href, func(t *testing.T) {
			data, ok := files["EPUB/"+tc.href]
			if !ok {
				t.Fatalf("not packaged; images: %q", imageMembers(files))
			}
			mediaType := "image/png"
			if strings.HasSuffix(tc.href, ".jpg") {
				mediaType = "image/jpeg"
			}
			if !strings.Contains(opf, `href="`+tc.href+`" media-type="`+mediaType+`"`) {
				t.Errorf("not declared as %s:\n%s", mediaType, opf)
			}
			if tc.img != "" && !strings.Contains(chapter, tc.img) {
				t.Errorf("no %s in:\n%s", tc.img, chapter)
			}
			if mediaType == "image/png" && (len(data) < 29 || data[25] != tc.colourType) {
				t.Errorf("PNG colour type %d, want %d", data[25], tc.colourType)
			}
			cfg, _, err := image.DecodeConfig(strings.NewReader(data))
			if err != nil || cfg.Width != tc.width || cfg.Height != tc.height {
				t.Errorf("PNG of %d × %d (%v), want %d × %d", cfg.Width, cfg.Height, err, tc.width, tc.height)
			}
		})
	}
	if !strings.Contains(chapter, `<img src="../images/chart.png" alt="chart" width="48" height="32" style="width: 2em; height: auto"/>`) {
		t.Errorf("sized BMP lost its size:\n%s", chapter)
	}
	if got := imageMembers(files); len(got) != len(tests) {
		t.Errorf("images packaged: %q, want %d", got, len(tests))
	}
	for name := range files {
		if ext := strings.ToLower(filepath.Ext(name)); ext == ".tif" || ext == ".tiff" || ext == ".bmp" {
			t.Errorf("%s packaged as it is", name)
		}
	}
}

func imageMembers(files map[string]string) []string {
	var out []string
	for name := range files {
		if strings.HasPrefix(name, "EPUB/images/") {
			out = append(out, name)
		}
	}
	return out
}

// TestConvertedPictureFails: a TIFF whose data cannot be decoded is left
// out with a warning, not packaged as it is.
func TestConvertedPictureFails(t *testing.T) {
	broken := &doc.Asset{Path: "scans/broken.tif", MediaType: media.TIFF, Data: []byte("II*\x00\x08\x00\x00\x00\x01\x00"), Width: 10, Height: 10}
	book := &doc.Book{Meta: doc.Meta{Title: "Scans", Language: "en", Identifier: "urn:x:broken-scan", Modified: testModified},
		Entries: []*doc.Entry{{ID: "ch", Kind: doc.KindChapter, Title: []doc.Inline{txt("Scans")}, File: "scans.md",
			Blocks: []doc.Block{&doc.Figure{ID: "f", Image: &doc.Image{Src: "scans/broken.tif", Alt: "A scan", Asset: broken}}}}}}
	_, files, warnings := writeEPUB(t, book, Options{})
	if len(warnings) != 1 || !strings.Contains(warnings[0].Message, "broken.tif") {
		t.Errorf("warnings: %s", dumpWarnings(warnings))
	}
	if got := imageMembers(files); len(got) != 1 { // the drawn cover
		t.Errorf("images packaged: %q", got)
	}
}
