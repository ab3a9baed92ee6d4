package site

import (
	"bytes"
	"image"
	"image/color"
	_ "image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/media"
)

// rasterAsset is a TIFF or BMP of the media package's test pictures, as
// media.Load makes it.
func rasterAsset(t *testing.T, name, path string) *doc.Asset {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "media", "testdata", "raster", name))
	if err != nil {
		t.Fatal(err)
	}
	mt, _ := media.Sniff(data)
	cfg, err := media.DecodeConfig(mt, data, 0)
	if err != nil {
		t.Fatal(err)
	}
	return &doc.Asset{Path: path, MediaType: mt, Data: data, Width: cfg.Width, Height: cfg.Height}
}

// scanBook is one chapter of the given figures, each described "Scan ID".
func scanBook(t *testing.T, assets map[string]*doc.Asset, order ...string) *doc.Book {
	t.Helper()
	blocks := []doc.Block{&doc.Heading{Level: 1, ID: "scans-title", Content: text("Scans")}}
	for _, id := range order {
		a := assets[id]
		blocks = append(blocks, &doc.Figure{ID: "fig-" + id, Image: &doc.Image{Src: a.Path, Alt: "Scan " + id, Asset: a}, Caption: text("Scan " + id)})
	}
	book := &doc.Book{Meta: doc.Meta{Title: "Scans", Language: "en"},
		Entries: []*doc.Entry{{ID: "scans", Kind: doc.KindChapter, Title: text("Scans"), File: "scans.md", Blocks: blocks}}}
	if err := doc.Validate(book); err != nil {
		t.Fatal(err)
	}
	return book
}

// TestSiteConvertedPictures: a TIFF or BMP, which browsers do not show,
// is the PNG or JPEG the EPUB holds (a fax scan a 1-bit PNG, a
// JPEG-compressed TIFF a JPEG), named after its file with the new
// extension (made unique), its <img> keeping its description and giving
// the converted picture's size; one stored on its side is turned
// upright; one placed twice is one file.
func TestSiteConvertedPictures(t *testing.T) {
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, image.NewGray(image.Rect(0, 0, 3, 2))); err != nil {
		t.Fatal(err)
	}
	side := rasterAsset(t, "rgb-lzw.tif", "scans/side.tif")
	side.Orientation, side.Width, side.Height = 6, side.Height, side.Width // as media.Load gives it
	assets := map[string]*doc.Asset{
		"lzw":   rasterAsset(t, "rgb-lzw.tif", "scans/scan.tif"),
		"png":   {Path: "scans/scan.png", MediaType: media.PNG, Data: pngData.Bytes(), Width: 3, Height: 2},
		"fax":   rasterAsset(t, "bilevel-g4.tif", "scans/page 1.TIF"),
		"jpeg":  rasterAsset(t, "ycc-jpeg.tif", "scans/photo.tiff"),
		"bmp":   rasterAsset(t, "pal8.bmp", "office/logo.bmp"),
		"side":  side,
		"again": nil,
	}
	assets["again"] = assets["fax"]
	cache := media.NewCache()
	book := scanBook(t, assets, "lzw", "png", "fax", "jpeg", "bmp", "side", "again")
	files, _ := writeSite(t, book, Options{Pictures: cache})
	page := string(files["scans.html"])
	tests := []struct {
		name          string
		img           string
		colourType    int // of a PNG; -1 for a JPEG
		width, height int
	}{
		{"images/scan.png", `<img src="images/scan.png" alt="Scan lzw" width="48" height="32"/>`, 2, 48, 32},
		{"images/scan-2.png", `<img src="images/scan-2.png" alt="Scan png" width="3" height="2"/>`, 0, 3, 2},
		{"images/page-1.png", `<img src="images/page-1.png" alt="Scan fax" width="64" height="40"/>`, 3, 64, 40},
		{"images/photo.jpg", `<img src="images/photo.jpg" alt="Scan jpeg" width="48" height="32"/>`, -1, 48, 32},
		{"images/logo.png", `<img src="images/logo.png" alt="Scan bmp" width="48" height="32"/>`, 3, 48, 32},
		{"images/side.png", `<img src="images/side.png" alt="Scan side" width="32" height="48"/>`, 2, 32, 48},
		{"images/page-1.png", `<img src="images/page-1.png" alt="Scan again" width="64" height="40"/>`, 3, 64, 40},
	}
	for _, tc := range tests {
		data, ok := files[tc.name]
		if !ok {
			t.Errorf("%s: not written", tc.name)
			continue
		}
		if !strings.Contains(page, tc.img) {
			t.Errorf("no %s in:\n%s", tc.img, page)
		}
		isPNG := bytes.HasPrefix(data, []byte("\x89PNG"))
		if isPNG != (tc.colourType >= 0) || isPNG && int(data[25]) != tc.colourType {
			t.Errorf("%s: PNG %v, colour type %d, want %d", tc.name, isPNG, data[25], tc.colourType)
		}
		img, _, err := image.Decode(bytes.NewReader(data))
		if err != nil || img.Bounds().Dx() != tc.width || img.Bounds().Dy() != tc.height {
			t.Fatalf("%s: %v, want %d × %d", tc.name, err, tc.width, tc.height)
		}
		if tc.name == "images/page-1.png" && (color.GrayModel.Convert(img.At(20, 20)).(color.Gray).Y != 0 || color.GrayModel.Convert(img.At(2, 2)).(color.Gray).Y != 0xff) {
			t.Errorf("the fax scan's rectangle is not black on white")
		}
	}
	// the file is the EPUB's: the cache's conversion, made once
	if r := cache.Upright(media.TIFF, assets["fax"].Data, 1, 1, 0, nil); !bytes.Equal(r.Data, files["images/page-1.png"]) {
		t.Errorf("the fax scan is not the EPUB's conversion")
	}
	var images []string
	for name := range files {
		if strings.HasPrefix(name, imageDir) {
			images = append(images, name)
		}
		if ext := strings.ToLower(filepath.Ext(name)); ext == ".tif" || ext == ".tiff" || ext == ".bmp" {
			t.Errorf("%s copied as it is", name)
		}
	}
	if len(images) != 6 {
		t.Errorf("images: %q, want 6", images)
	}
}

// TestSiteConvertedPictureFails: a TIFF whose data cannot be decoded is
// left out with one warning naming why, not copied as it is.
func TestSiteConvertedPictureFails(t *testing.T) {
	broken := &doc.Asset{Path: "scans/broken.tif", MediaType: media.TIFF, Data: []byte("II*\x00\x08\x00\x00\x00\x01\x00"), Width: 10, Height: 10}
	book := scanBook(t, map[string]*doc.Asset{"broken": broken}, "broken")
	files, warnings, err := Write(book, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := `image "scans/broken.tif" cannot decode: TIFF's first directory claims 1 entries, has room for 0; its text stands in`
	if len(warnings) != 1 || warnings[0].Message != want {
		t.Errorf("warnings: %v, want %s", warnings, want)
	}
	for _, f := range files {
		if strings.HasPrefix(f.Name, imageDir) {
			t.Errorf("%s written", f.Name)
		}
	}
}
