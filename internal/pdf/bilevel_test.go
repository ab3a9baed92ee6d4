package pdf

import (
	"bytes"
	"compress/zlib"
	"image"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// faxAsset is the media package's CCITT Group 4 test scan, 64 × 40
// pixels of black and white, and its pixels.
func faxAsset(t *testing.T) (*doc.Asset, *image.Gray) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "media", "testdata", "raster", "bilevel-g4.tif"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := media.Decode(media.TIFF, data, 0)
	if err != nil {
		t.Fatal(err)
	}
	g, ok := img.(*image.Gray)
	if !ok || !media.Bilevel(g) {
		t.Fatalf("the fax scan decodes to %T, not black and white", img)
	}
	return &doc.Asset{Path: "fax.tif", MediaType: media.TIFF, Data: data, Width: 64, Height: 40}, g
}

// TestBilevelScanOneBit: a fax scan embedded with its own pixels is a
// DeviceGray image of one bit a component, its rows packed and deflated,
// and prints as the same pixels in 8-bit grey do (pdftoppm, pixel for
// pixel); resampled to fewer pixels, which makes greys, it is 8 bits.
func TestBilevelScanOneBit(t *testing.T) {
	fax, pix := faxAsset(t)
	for _, tc := range []struct {
		dpi           float64
		bits, w, h    int
		rowBytes      int
		checkRendered bool
	}{
		{dpi: 72, bits: 1, w: 64, h: 40, rowBytes: 8, checkRendered: true},
		{dpi: 40, bits: 8, w: 36, h: 23, rowBytes: 36},
	} {
		opts := DefaultOptions()
		opts.ImageDPI = tc.dpi
		raw, warnings := writePictures(t, opts, 64, 40, fax)
		if len(warnings) > 0 {
			t.Errorf("warnings %v", warnings)
		}
		f := readBack(t, raw)
		var found *pdffile.Stream
		for _, ref := range f.Refs() {
			if s, ok := f.Objects[ref].(*pdffile.Stream); ok && s.Dict.Is("Subtype", "Image") {
				found = s
			}
		}
		if found == nil {
			t.Fatalf("%v dpi: no image", tc.dpi)
		}
		d := found.Dict
		if !d.Is("ColorSpace", "DeviceGray") || !d.Is("Filter", "FlateDecode") || format(t, d["BitsPerComponent"]) != strconv.Itoa(tc.bits) ||
			format(t, d["Width"]) != strconv.Itoa(tc.w) || format(t, d["Height"]) != strconv.Itoa(tc.h) {
			t.Errorf("%v dpi: image %s, want DeviceGray, FlateDecode, %d bits, %d × %d", tc.dpi, format(t, d), tc.bits, tc.w, tc.h)
		}
		z, err := zlib.NewReader(bytes.NewReader(found.Data))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := io.ReadAll(z)
		if len(rows) != tc.h*(1+tc.rowBytes) { // each row after its PNG filter byte
			t.Errorf("%v dpi: %d bytes of rows, want %d", tc.dpi, len(rows), tc.h*(1+tc.rowBytes))
		}
		if !tc.checkRendered {
			continue
		}
		// the same pixels as an 8-bit grey PNG, embedded as it is
		grey := &doc.Asset{Path: "fax.png", MediaType: media.PNG, Data: encodedPNG(t, pix), Width: 64, Height: 40}
		rawGrey, _ := writePictures(t, opts, 64, 40, grey)
		if !bytes.Contains(rawGrey, []byte("/BitsPerComponent 8")) {
			t.Fatal("the grey PNG is not embedded in 8 bits")
		}
		dir := t.TempDir()
		pages := map[string]image.Image{}
		for name, data := range map[string][]byte{"fax": raw, "grey": rawGrey} {
			path := filepath.Join(dir, name+".pdf")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			if name == "fax" {
				checkQPDF(t, path)
			}
			pages[name] = renderPageAt(t, path, "72")
		}
		wrong := 0
		b := pages["fax"].Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if pages["fax"].At(x, y) != pages["grey"].At(x, y) {
					wrong++
				}
			}
		}
		if wrong > 0 || pages["grey"].Bounds() != b {
			t.Errorf("%d pixels of the page printed otherwise than from 8-bit grey", wrong)
		}
	}
}
