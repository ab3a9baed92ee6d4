package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/media"
)

// shownCorners is, for each Exif orientation, the stored corner each
// corner of the picture as shown holds, top left, top right, bottom left,
// bottom right: R, G, B and W are the stored top left, top right, bottom
// left and bottom right.
var shownCorners = [9]string{
	1: "RGBW", 2: "GRWB", 3: "WBGR", 4: "BWRG",
	5: "RBGW", 6: "BRWG", 7: "WGBR", 8: "GWRB",
}

// The placement of an oriented image, gofpdf's map of the unit square
// onto its box under orientedImage's transformation, puts each stored
// corner of the image where the orientation shows it.
func TestOrientedImageMatrix(t *testing.T) {
	const x, y, w, h = 10.0, 20.0, 40.0, 30.0 // the box shown, in the page's coordinates
	// the corners of the unit square the image fills, by the stored
	// corner there: its first row is at the top
	stored := map[byte][2]float64{'R': {0, 1}, 'G': {1, 1}, 'B': {0, 0}, 'W': {1, 0}}
	shown := [4][2]float64{{x, y + h}, {x + w, y + h}, {x, y}, {x + w, y}}
	for o := 1; o <= 8; o++ {
		m := orientedImage(x, y, w, h, o)
		for i, corner := range []byte(shownCorners[o]) {
			p := stored[corner]
			// gofpdf's matrix [w 0 0 h x y], then the transformation
			px, py := x+w*p[0], y+h*p[1]
			gx, gy := m.A*px+m.C*py+m.E, m.B*px+m.D*py+m.F
			if math.Abs(gx-shown[i][0]) > 1e-9 || math.Abs(gy-shown[i][1]) > 1e-9 {
				t.Errorf("orientation %d: stored corner %c at (%g, %g), want (%g, %g)", o, corner, gx, gy, shown[i][0], shown[i][1])
			}
		}
	}
}

// quadrantJPEG is a JPEG of w × h pixels whose quarters are red, green,
// blue and white (R, G, B, W of shownCorners), with an Exif orientation.
func quadrantJPEG(t testing.TB, w, h, o int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	quads := [2][2]color.RGBA{{{230, 20, 20, 255}, {20, 200, 20, 255}}, {{20, 20, 230, 255}, {250, 250, 250, 255}}}
	for y := range h {
		for x := range w {
			img.SetRGBA(x, y, quads[2*y/h][2*x/w])
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	// an APP1 Exif segment after the start of image: a little-endian
	// TIFF structure whose one directory entry is the orientation
	tiff := []byte("II*\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")
	tiff[18] = byte(o)
	seg := append([]byte("Exif\x00\x00"), tiff...)
	out := append([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0, byte(len(seg) + 2)}, seg...)
	return append(out, b.Bytes()[2:]...)
}

// corners names the colour a quarter of the way in from each corner of
// r (in pixels) in img, as shownCorners does; ? for none of the four.
func corners(img image.Image, r image.Rectangle) string {
	at := func(x, y int) byte {
		cr, cg, cb, _ := img.At(x, y).RGBA()
		for _, q := range []struct {
			name    byte
			r, g, b uint32
		}{{'R', 230, 20, 20}, {'G', 20, 200, 20}, {'B', 20, 20, 230}, {'W', 250, 250, 250}} {
			if within(cr>>8, uint8(q.r), 30) && within(cg>>8, uint8(q.g), 30) && within(cb>>8, uint8(q.b), 30) {
				return q.name
			}
		}
		return '?'
	}
	x0, x1 := r.Min.X+r.Dx()/4, r.Max.X-1-r.Dx()/4
	y0, y1 := r.Min.Y+r.Dy()/4, r.Max.Y-1-r.Dy()/4
	return string([]byte{at(x0, y0), at(x1, y0), at(x0, y1), at(x1, y1)})
}

// A photograph with each of the eight orientations is drawn as it is
// shown, in a box of its shown proportions, its JPEG embedded as it is
// (the bytes of the file, at its stored size): poppler, which ignores
// Exif, finds each corner where the orientation puts it.
func TestOrientedPicturesDrawnUpright(t *testing.T) {
	fsys := fstest.MapFS{}
	for o := 1; o <= 8; o++ {
		fsys[string(rune('0'+o))+".jpg"] = &fstest.MapFile{Data: quadrantJPEG(t, 32, 16, o)}
	}
	page := &layout.Page{Label: "1"}
	var boxes []layout.Rect
	for o := 1; o <= 8; o++ {
		a, err := media.LoadFile(fsys, string(rune('0'+o))+".jpg", media.Options{MaxDecoded: 1 << 20})
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{true: 0, false: o}[o == 1]; a.Orientation != want {
			t.Fatalf("orientation %d read as %d", o, a.Orientation)
		}
		// 0.75 pt a pixel: 24 × 12 pt, or 12 × 24 pt on its side
		r := layout.Rect{X: 20 + float64((o-1)%4)*80, Y: 20 + float64((o-1)/4)*80, W: float64(a.Width) * 1.5, H: float64(a.Height) * 1.5}
		boxes = append(boxes, r)
		page.Items = append(page.Items, &layout.Picture{Rect: r, Asset: a, Alt: a.Path})
	}
	d := &layout.Document{Geometry: layout.Geometry{MediaWidth: 360, MediaHeight: 200}, Pages: []*layout.Page{page}}
	var b bytes.Buffer
	warnings, err := Write(&b, d, doc.Meta{}, testFaces(t), DefaultOptions())
	if err != nil || len(warnings) > 0 {
		t.Fatalf("err %v, warnings %v", err, coded(warnings))
	}
	// each file (they differ in their Exif data) as stored
	if sizes := strings.Join(imageSizes(t, b.Bytes()), " "); sizes != strings.Repeat("32x16 ", 7)+"32x16" {
		t.Errorf("images %s, want 8 of 32x16", sizes)
	}
	path := filepath.Join(t.TempDir(), "oriented.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	img := renderPageAt(t, path, "144") // 2 pixels a point
	for i, r := range boxes {
		px := image.Rect(int(r.X*2), int(r.Y*2), int((r.X+r.W)*2), int((r.Y+r.H)*2))
		if got := corners(img, px); got != shownCorners[i+1] {
			t.Errorf("orientation %d: corners %s, want %s", i+1, got, shownCorners[i+1])
		}
	}
}

// A photograph on its side is reduced to the pixels its placed size
// needs as stored: its placed width is its stored height.
func TestOrientedPictureReducedAsStored(t *testing.T) {
	data := quadrantJPEG(t, 2000, 1000, 6)
	a, err := media.LoadFile(fstest.MapFS{"p.jpg": {Data: data}}, "p.jpg", media.Options{MaxDecoded: 64 << 20})
	if err != nil || a.Width != 1000 || a.Height != 2000 {
		t.Fatalf("%v, %dx%d", err, a.Width, a.Height)
	}
	// 72 × 144 pt need 300 × 600 pixels shown at 300 dpi, 600 × 300
	// stored: a reduction by 3
	raw, warnings := writePictures(t, DefaultOptions(), 72, 144, a)
	if len(warnings) > 0 {
		t.Errorf("warnings %v", warnings)
	}
	if sizes := strings.Join(imageSizes(t, raw), " "); sizes != "667x334" {
		t.Errorf("images %s, want 667x334", sizes)
	}
}
