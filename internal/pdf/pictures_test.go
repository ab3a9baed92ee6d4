package pdf

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/layout"
)

// writePictures paints one page holding each asset in a box of w × h pt.
func writePictures(t *testing.T, opts Options, w, h float64, assets ...*doc.Asset) ([]byte, []string) {
	t.Helper()
	page := &layout.Page{Label: "1"}
	for i, a := range assets {
		page.Items = append(page.Items, &layout.Picture{Rect: layout.Rect{X: 20, Y: 20 + float64(i)*(h+10), W: w, H: h}, Asset: a, Alt: a.Path})
	}
	d := &layout.Document{Geometry: layout.Geometry{MediaWidth: 400, MediaHeight: 800}, Pages: []*layout.Page{page}}
	var b bytes.Buffer
	warnings, err := Write(&b, d, doc.Meta{}, testFaces(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), coded(warnings)
}

// imageSizes lists the sizes in pixels of the PDF's image objects,
// "WxH", sorted.
func imageSizes(t *testing.T, raw []byte) []string {
	t.Helper()
	f := readBack(t, raw)
	var sizes []string
	for _, o := range f.Objects {
		if d, ok := f.Dict(o); ok && d.Is("Subtype", "Image") {
			sizes = append(sizes, format(t, d["Width"])+"x"+format(t, d["Height"]))
		}
	}
	sort.Strings(sizes)
	return sizes
}

// A picture with more than 1.5 times the pixels its printed size needs
// at 300 dpi is reduced: by the largest whole factor that keeps the
// pixels needed when it has twice them or more, exactly to them
// otherwise; one near them is embedded as it is.
func TestPicturesScaledToTheirPrint(t *testing.T) {
	big := pngAsset(t, "big.png", 2000, 1500) // printed 72 x 54 pt: 300 x 225 px needed; by 6
	mid := pngAsset(t, "mid.png", 500, 375)   // 1.67 times: resampled to 300
	near := pngAsset(t, "near.png", 440, 330) // not over 1.5 times that
	raw, warnings := writePictures(t, DefaultOptions(), 72, 54, big, mid, near)
	if len(warnings) > 0 {
		t.Errorf("warnings %v", warnings)
	}
	sizes := imageSizes(t, raw)
	if want := []string{"300x225", "334x250", "440x330"}; strings.Join(sizes, " ") != strings.Join(want, " ") {
		t.Errorf("image sizes %v, want %v", sizes, want)
	}
}

// A raster picture embedded in an SVG drawing is reduced to the pixels
// its box needs as printed, through the drawing's size and transforms; one
// embedded in several places is embedded once, at the largest of them.
func TestSVGEmbeddedPicturesScaledToTheirPrint(t *testing.T) {
	a := pngAsset(t, "a.png", 2000, 1000)
	b := pngAsset(t, "bb.png", 2000, 1000)
	href := func(x *doc.Asset) string { return "data:image/png;base64," + base64.StdEncoding.EncodeToString(x.Data) }
	drawing := func(path, body string) *doc.Asset {
		data := `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 400 200">` + body + `</svg>`
		return &doc.Asset{Path: path, MediaType: "image/svg+xml", Data: []byte(data), Width: 200, Height: 100}
	}
	// Printed at 200 × 100 pt, a user unit is half a point: a's box of
	// 200 × 100 units is 100 × 50 pt, 417 × 209 px at 300 dpi, which a
	// reduction by 4 keeps; b's, scaled by 2, is 200 × 100 pt (by 2).
	one := drawing("one.svg", `<image width="200" height="100" href="`+href(a)+`"/>`)
	two := drawing("two.svg", `<g transform="scale(2)"><image width="200" height="100" href="`+href(b)+`"/></g>`+
		`<image x="10" y="10" width="40" height="20" href="`+href(a)+`"/>`)
	raw, warnings := writePictures(t, DefaultOptions(), 200, 100, one, two)
	if len(warnings) > 0 {
		t.Errorf("warnings %v", warnings)
	}
	sizes := imageSizes(t, raw)
	if want := []string{"1000x500", "500x250"}; strings.Join(sizes, " ") != strings.Join(want, " ") {
		t.Errorf("image sizes %v, want %v", sizes, want)
	}
}

// Two pictures whose data differ but come out the same once converted
// (here 16-bit PNGs that differ only in a text chunk), to which gofpdf
// gives one resource name, are embedded once, under one key: qpdf finds
// no duplicated key.
func TestPicturesAlikeOnceConvertedEmbeddedOnce(t *testing.T) {
	deep := image.NewNRGBA64(image.Rect(0, 0, 30, 20))
	for y := range 20 {
		for x := range 30 {
			deep.Set(x, y, color.NRGBA64{uint16(x * 2000), uint16(y * 3000), 40000, 65535})
		}
	}
	var a bytes.Buffer
	if err := png.Encode(&a, deep); err != nil {
		t.Fatal(err)
	}
	// the same picture with a tEXt chunk after the header
	text := []byte("\x00\x00\x00\x07tEXtabc\x00def\x00\x00\x00\x00")
	b := append(append(append([]byte{}, a.Bytes()[:33]...), text...), a.Bytes()[33:]...)
	assets := []*doc.Asset{{Path: "a.png", Data: a.Bytes()}, {Path: "b.png", Data: b}}
	raw, _ := writePictures(t, Options{}, 60, 40, assets...)
	if n := len(regexp.MustCompile(`/I[0-9a-f]{40} \d+ 0 R`).FindAllString(string(raw), -1)); n != 1 {
		t.Errorf("%d images in the resources, want 1", n)
	}
	readBack(t, raw)
	path := filepath.Join(t.TempDir(), "alike.pdf")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	checkQPDF(t, path)
}

// A picture inside an SVG drawing, which the loader does not see, is
// refused from its header when it would take more memory decoded than
// allowed, before it is decoded.
func TestPictureMemoryBounded(t *testing.T) {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 4000, 3000))); err != nil {
		t.Fatal(err)
	}
	_, warnings := writePictures(t, Options{MaxDecoded: 1 << 20}, 60, 40, &doc.Asset{Path: "scan.png", Data: b.Bytes()})
	want := "[image.undecodable] page 1: picture scan.png: 4000 × 3000 pixels would take 11.4 MB decoded, more than allowed (1 MB); drawn as a placeholder"
	if strings.Join(warnings, "\n") != want {
		t.Errorf("warnings %q, want %q", warnings, want)
	}
}
