package media

import (
	"bytes"
	"image"
	"image/color"
	"testing"
)

// The colours of a test picture's quadrants, as stored.
var (
	quadRed   = color.NRGBA{230, 20, 20, 255}
	quadGreen = color.NRGBA{20, 200, 20, 255}
	quadBlue  = color.NRGBA{20, 20, 230, 255}
	quadWhite = color.NRGBA{250, 250, 250, 255}
)

// quadrants is a picture of w × h pixels whose top left quarter is red,
// top right green, bottom left blue and bottom right white.
func quadrants(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := [2][2]color.NRGBA{{quadRed, quadGreen}, {quadBlue, quadWhite}}[2*y/h][2*x/w]
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

// shownQuadrants is, for each orientation, the stored quadrant each
// corner shows, top left, top right, bottom left, bottom right (R, G, B
// and W as quadrants paints them): Exif's definitions of the eight.
var shownQuadrants = [9]string{
	1: "RGBW", // as stored
	2: "GRWB", // mirrored left to right
	3: "WBGR", // turned a half
	4: "BWRG", // mirrored top to bottom
	5: "RBGW", // mirrored about the main diagonal
	6: "BRWG", // turned a quarter clockwise: the top row is the right side
	7: "WGBR", // mirrored about the other diagonal
	8: "GWRB", // turned a quarter anticlockwise: the top row is the left side
}

// cornerQuadrants names the colour near each corner of img (R, G, B, W,
// or ? when it is none of them), in shownQuadrants' order.
func cornerQuadrants(img image.Image) string {
	b := img.Bounds()
	at := func(x, y int) byte {
		r, g, bl, _ := img.At(x, y).RGBA()
		for _, q := range []struct {
			name byte
			c    color.NRGBA
		}{{'R', quadRed}, {'G', quadGreen}, {'B', quadBlue}, {'W', quadWhite}} {
			if near(r>>8, q.c.R) && near(g>>8, q.c.G) && near(bl>>8, q.c.B) {
				return q.name
			}
		}
		return '?'
	}
	// a quarter of the way in, clear of a JPEG's blurred edges
	x0, x1 := b.Min.X+b.Dx()/4, b.Max.X-1-b.Dx()/4
	y0, y1 := b.Min.Y+b.Dy()/4, b.Max.Y-1-b.Dy()/4
	return string([]byte{at(x0, y0), at(x1, y0), at(x0, y1), at(x1, y1)})
}

func near(v uint32, want uint8) bool { return int(v)-int(want) <= 24 && int(want)-int(v) <= 24 }

// Orient shows each of the eight orientations as Exif defines it, in
// every model it turns by its pixels: which stored corner ends up in
// which corner, and the size it is shown at.
func TestOrientAllEight(t *testing.T) {
	src := quadrants(8, 4)
	ycbcr := func(ratio image.YCbCrSubsampleRatio) image.Image {
		m := image.NewYCbCr(src.Rect, ratio)
		for y := range 4 {
			for x := range 8 {
				c := src.NRGBAAt(x, y)
				yy, cb, cr := color.RGBToYCbCr(c.R, c.G, c.B)
				m.Y[m.YOffset(x, y)] = yy
				m.Cb[m.COffset(x, y)], m.Cr[m.COffset(x, y)] = cb, cr
			}
		}
		return m
	}
	gray := image.NewGray(src.Rect)
	for y := range 4 {
		for x := range 8 {
			// dark to light as R, G, B, W are
			gray.SetGray(x, y, color.Gray{[]uint8{10, 90, 170, 250}[2*y/4*2+2*x/8]})
		}
	}
	models := map[string]image.Image{
		"NRGBA":    src,
		"RGBA":     &image.RGBA{Pix: src.Pix, Stride: src.Stride, Rect: src.Rect},
		"YCbCr444": ycbcr(image.YCbCrSubsampleRatio444),
		"YCbCr420": ycbcr(image.YCbCrSubsampleRatio420),
		"YCbCr422": ycbcr(image.YCbCrSubsampleRatio422),
		"YCbCr411": ycbcr(image.YCbCrSubsampleRatio411), // turned as NRGBA
	}
	for o := 1; o <= 8; o++ {
		wantW, wantH := 8, 4
		if Transposes(o) {
			wantW, wantH = 4, 8
		}
		for name, img := range models {
			got := Orient(img, o)
			if b := got.Bounds(); b != image.Rect(0, 0, wantW, wantH) {
				t.Errorf("%s, orientation %d: bounds %v, want %dx%d", name, o, b, wantW, wantH)
				continue
			}
			if corners := cornerQuadrants(got); corners != shownQuadrants[o] {
				t.Errorf("%s, orientation %d: corners %s, want %s", name, o, corners, shownQuadrants[o])
			}
		}
		// each pixel, not only the corners: a grey ramp's levels
		g := Orient(gray, o).(*image.Gray)
		for y := range wantH {
			for x := range wantW {
				sx, sy := storedAt(x, y, 8, 4, o)
				if g.GrayAt(x, y) != gray.GrayAt(sx, sy) {
					t.Fatalf("grey, orientation %d: (%d, %d) is %v, stored (%d, %d) %v", o, x, y, g.GrayAt(x, y), sx, sy, gray.GrayAt(sx, sy))
				}
			}
		}
	}
	// A sub-image is turned from its own corner.
	sub := quadrants(10, 6).SubImage(image.Rect(1, 1, 9, 5)).(*image.NRGBA)
	if got := Orient(sub, 6).(*image.NRGBA); got.NRGBAAt(3, 0) != sub.NRGBAAt(1, 1) || got.NRGBAAt(0, 7) != sub.NRGBAAt(8, 4) {
		t.Errorf("sub-image turned from the wrong corner")
	}
	if ycc, ok := Orient(models["YCbCr420"], 6).(*image.YCbCr); !ok || ycc.SubsampleRatio != image.YCbCrSubsampleRatio420 {
		t.Errorf("a 4:2:0 photograph turned is %T, want 4:2:0 YCbCr", Orient(models["YCbCr420"], 6))
	}
	if ycc, ok := Orient(models["YCbCr422"], 8).(*image.YCbCr); !ok || ycc.SubsampleRatio != image.YCbCrSubsampleRatio440 {
		t.Errorf("a 4:2:2 photograph turned a quarter is not 4:4:0")
	}
	if Orient(src, 1) != image.Image(src) || Orient(src, 0) != image.Image(src) || Orient(src, 9) != image.Image(src) {
		t.Error("orientations 0, 1 and 9 changed the picture")
	}
}

// A picture reduced for an output that ignores Exif is turned upright as
// it is reduced, or on its own when it needs no reducing: a JPEG from its
// coefficients or decoded whole, a PNG row by row or whole. A reduction
// as stored and one turned are kept apart, in the cache and the store.
func TestUprightReductions(t *testing.T) {
	jpg := withJPEGExif(quadrantsJPEG(t, 64, 32), exifTIFF(6))
	pngData := withPNGChunk(quadrantsPNG(t, 64, 32), "eXIf", exifTIFF(3), false)
	store := memStore{}
	c := NewCache()
	for _, k := range []int{1, 2, 3} {
		for _, p := range []struct {
			mediaType string
			data      []byte
			o         int
		}{{JPEG, jpg, 6}, {PNG, pngData, 3}} {
			for _, o := range []int{1, p.o} {
				if k == 1 && o == 1 {
					continue // nothing to do: the outputs take the picture as it is
				}
				r := c.Upright(p.mediaType, p.data, k, o, 0, store)
				if r.Err != nil {
					t.Fatalf("%s by %d, orientation %d: %v", p.mediaType, k, o, r.Err)
				}
				img, _, err := image.Decode(bytes.NewReader(r.Data))
				if err != nil {
					t.Fatal(err)
				}
				w, h := Shown(ceilDiv(64, k), ceilDiv(32, k), o)
				if r.Width != w || r.Height != h || img.Bounds() != image.Rect(0, 0, w, h) {
					t.Errorf("%s by %d, orientation %d: %dx%d holding %v, want %dx%d", p.mediaType, k, o, r.Width, r.Height, img.Bounds(), w, h)
				}
				if got := cornerQuadrants(img); got != shownQuadrants[o] {
					t.Errorf("%s by %d, orientation %d: corners %s, want %s", p.mediaType, k, o, got, shownQuadrants[o])
				}
				if r.MediaType != p.mediaType {
					t.Errorf("%s by %d, orientation %d: encoded as %s", p.mediaType, k, o, r.MediaType)
				}
				if o > 1 && bytes.Contains(r.Data, []byte(exifHeader)) {
					t.Errorf("%s by %d: the turned picture keeps Exif data", p.mediaType, k)
				}
			}
		}
	}
	// ReduceBy is orientation 1, under the keys it always had.
	if c.ReduceBy(JPEG, jpg, 2, 0, nil) != c.Upright(JPEG, jpg, 2, 1, 0, nil) {
		t.Error("ReduceBy is not Upright of orientation 1")
	}
	if got, want := reductionKey(JPEG, "d", 2, 1, 0), "reduced image/jpeg d 2 0"; got != want {
		t.Errorf("key %q, want %q", got, want)
	}
	if storeKey(JPEG, jpg, 2, 6, 0) == storeKey(JPEG, jpg, 2, 1, 0) {
		t.Error("a turned reduction is stored under the key of one as stored")
	}
	// 5 stored reductions per format: by 2 and 3 as stored and turned,
	// and turned alone
	if len(store) != 10 {
		t.Errorf("%d reductions stored, want 10", len(store))
	}
}

type memStore map[string][]byte

func (s memStore) Get(key string) ([]byte, bool) { d, ok := s[key]; return d, ok }
func (s memStore) Put(key string, data []byte)   { s[key] = data }
