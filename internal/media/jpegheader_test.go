package media

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// A JPEG of a kind that cannot be decoded is named by its kind, once, not
// by the marker image/jpeg stops at ("unknown marker", "SOF type").
func TestJPEGKindsNamed(t *testing.T) {
	baseline := encodedJPEG(t)
	sof := bytes.Index(baseline, []byte{0xff, 0xc0})
	if sof < 0 {
		t.Fatal("no SOF0 in image/jpeg's output")
	}
	patched := func(at int, b byte) []byte {
		out := bytes.Clone(baseline)
		out[at] = b
		return out
	}
	read := func(name string) []byte {
		data, err := os.ReadFile("testdata/raster/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string // "" when it decodes
	}{
		{"baseline", baseline, ""},
		{"arithmetic", read("arithmetic.jpg"), "unsupported JPEG: arithmetic-coded; save it as an ordinary (Huffman-coded) JPEG, which jpegtran makes of it without loss, or as PNG"},
		{"arithmetic progressive", read("arithmetic-progressive.jpg"), "unsupported JPEG: arithmetic-coded;"},
		{"12-bit", patched(sof+4, 12), "unsupported JPEG: 12-bit samples; save it with 8 bits a sample, or as PNG"},
		{"12-bit progressive", patched(sof+4, 12), "12-bit samples"},
		{"lossless", patched(sof+1, 0xc3), "unsupported JPEG: lossless (process 14); save it as PNG"},
		{"hierarchical", patched(sof+1, 0xc5), "unsupported JPEG: hierarchical;"},
		{"arithmetic lossless", patched(sof+1, 0xcb), "unsupported JPEG: lossless, arithmetic-coded; save it as PNG"},
		{"arithmetic, no conditioning", patched(sof+1, 0xc9), "unsupported JPEG: arithmetic-coded;"},
		{"cut before its frame", baseline[:sof+3], "cannot decode: the file is cut short (it ends after 139 bytes, before its pixels do); copy or save it again"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode(JPEG, tc.data, 0)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Decode error = %v, want it to contain %q", err, tc.want)
			}
			if !strings.HasPrefix(tc.want, "unsupported JPEG") {
				return
			}
			// as a book's picture: named as unsupported, once
			_, err = LoadFile(fstest.MapFS{"x.jpg": {Data: tc.data}}, "x.jpg", testOptions)
			if err == nil || !strings.HasPrefix(err.Error(), `image "x.jpg": x.jpg: `+tc.want) {
				t.Errorf("LoadFile error = %v, want it to start %q", err, `image "x.jpg": x.jpg: `+tc.want)
			}
			if err != nil && strings.Count(err.Error(), "unsupported") > 1 {
				t.Errorf("%q says it twice", err)
			}
		})
	}
}

func encodedJPEG(t *testing.T) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 16, 16))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzJPEGKind checks that walking any bytes' segments ends, in bounds,
// for each question asked of a JPEG's header.
func FuzzJPEGKind(f *testing.F) {
	f.Add([]byte{0xff, 0xd8, 0xff, 0xc0, 0x00, 0x02, 0x0c})
	f.Add([]byte{0xff, 0xd8, 0xff, 0xff, 0xff, 0xcc, 0x00, 0x00})
	f.Add([]byte{0xff, 0xd8, 0xff, 0xd0, 0xff, 0x01, 0xff, 0xe0, 0xff, 0xff})
	f.Add([]byte{0xff, 0xd8, 0xff, 0xdd, 0x00, 0x00, 0xff, 0xc2, 0x00, 0x01, 0x08})
	f.Fuzz(func(t *testing.T, data []byte) {
		jpegKind(data)
		PlainCMYKJPEG(data)
		progressiveRestarts(data)
	})
}

// A CMYK JPEG decodes to the colours it was made of whether its inks are
// stored as they are, without Adobe's APP14 segment (image/jpeg refuses
// it), inverted with the segment, as Adobe's programs write them, or as
// YCCK (transform 2).
func TestDecodeCMYKJPEG(t *testing.T) {
	for _, tc := range []struct {
		file  string
		plain bool
	}{
		{"cmyk-plain.jpg", true},
		{"cmyk-adobe.jpg", false},
		{"ycck.jpg", false},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/raster/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			if got := PlainCMYKJPEG(data); got != tc.plain {
				t.Errorf("PlainCMYKJPEG = %v, want %v", got, tc.plain)
			}
			img, err := Decode(JPEG, data, 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := img.(*image.CMYK); !ok {
				t.Errorf("decoded as %T, want *image.CMYK", img)
			}
			// the inks made of four.png's red, white, blue and black
			// (black taken out, K = min(C, M, Y), the rest left as it
			// was): (0, 176, 176, 47) is (208, 64, 64) again
			for _, want := range []struct {
				x, y int
				c    color.NRGBA
			}{
				{3, 2, color.NRGBA{208, 64, 64, 255}},
				{20, 2, color.NRGBA{255, 255, 255, 255}},
				{20, 9, color.NRGBA{64, 90, 208, 255}},
				{4, 9, color.NRGBA{0, 0, 0, 255}},
			} {
				got := color.NRGBAModel.Convert(img.At(want.x, want.y)).(color.NRGBA)
				if !nearNRGBA(got, want.c, 8) { // JPEG's loss, YCCK's chroma halved
					t.Errorf("pixel (%d, %d) = %v, want %v", want.x, want.y, got, want.c)
				}
			}
		})
	}
}

// A progressive JPEG with restart markers and subsampled colours, which
// image/jpeg fails on ("missing 0xff00 sequence"), decodes, to the
// colours of the same picture with colours not subsampled, which
// image/jpeg reads; one damaged is named so, one cut short as cut short.
func TestProgressiveRestartsDecoded(t *testing.T) {
	read := func(name string) []byte {
		data, err := os.ReadFile("testdata/raster/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	subsampled, full := read("progressive-restart.jpg"), read("progressive-restart-444.jpg")
	if _, err := jpeg.Decode(bytes.NewReader(subsampled)); err == nil {
		t.Fatal("image/jpeg decodes it: the test tests nothing")
	}
	got, err := Decode(JPEG, subsampled, 0)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Decode(JPEG, full, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got.Bounds() != want.Bounds() {
		t.Fatalf("%v, want %v", got.Bounds(), want.Bounds())
	}
	worst, sum := 0, 0
	b := want.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g := color.NRGBAModel.Convert(got.At(x, y)).(color.NRGBA)
			w := color.NRGBAModel.Convert(want.At(x, y)).(color.NRGBA)
			for _, d := range []int{int(g.R) - int(w.R), int(g.G) - int(w.G), int(g.B) - int(w.B)} {
				worst = max(worst, d, -d)
				sum += max(d, -d)
			}
		}
	}
	mean := float64(sum) / float64(3*b.Dx()*b.Dy())
	t.Logf("colours %.2f apart on average, at most %d", mean, worst)
	// libjpeg's decodings of the two are 5.8 apart on average, at most
	// 44: the chroma halved, most beside the plasma's sharpest edges
	if mean > 6.5 || worst > 64 {
		t.Errorf("colours %.2f apart on average, at most %d, from those not subsampled", mean, worst)
	}
	// reduced, from its coefficients at half its size
	var c *Cache
	half, err := c.decodeReduced(JPEG, subsampled, 2, 0)
	if err != nil || half.Bounds() != image.Rect(0, 0, 32, 24) {
		t.Errorf("halved: %v, %v", half.Bounds(), err)
	}
	sos := bytes.LastIndex(subsampled, []byte{0xff, 0xda})
	damaged := bytes.Clone(subsampled)
	for i := sos + 20; i < len(damaged)-2; i += 7 {
		if damaged[i] != 0xff && damaged[i-1] != 0xff {
			damaged[i] ^= 0x5a
		}
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"damaged", damaged, "cannot decode: invalid JPEG format: its progressive scans are damaged"},
		{"cut short", subsampled[:len(subsampled)*2/3], "cannot decode: the file is cut short"},
	} {
		if _, err := Decode(JPEG, tc.data, 0); err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: Decode error %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestDamagedRestartsWarned: a JPEG whose restart markers are out of
// order or missing, in a baseline or a progressive scan, is read as
// libjpeg reads it, with one warning naming the file and the blocks
// lost however often it is placed; an undamaged one has none.
func TestDamagedRestartsWarned(t *testing.T) {
	read := func(name string) []byte {
		data, err := os.ReadFile("../jpegdec/testdata/damaged/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	fsys := fstest.MapFS{
		"img/later.jpg":   {Data: read("b420-rst-later.jpg")},
		"img/missing.jpg": {Data: read("p420-rst-missing.jpg")},
		"img/tables.jpg":  {Data: read("b420-tables23.jpg")},
	}
	book, imgs := chapter("one.md", "img/later.jpg", "img/missing.jpg", "img/later.jpg", "img/tables.jpg")
	warnings, err := Load(book, fsys, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`one.md:7: image "img/later.jpg": img/later.jpg is a damaged JPEG: its restart markers are out of order or missing; it is shown as web browsers show it, 24 blocks of 8 × 8 pixels lost, shown grey (save it again from an undamaged copy)`,
		`one.md:7: image "img/missing.jpg": img/missing.jpg is a damaged JPEG: its restart markers are out of order or missing; it is shown as web browsers show it, 1 block of 8 × 8 pixels lost, shown grey (save it again from an undamaged copy)`,
	}
	assertPrefixes(t, "warnings", lines(warnings), want)
	if len(warnings) > 0 && warnings[0].Code != "image.damaged" {
		t.Errorf("code %q", warnings[0].Code)
	}
	for _, img := range imgs {
		if img.Asset == nil {
			t.Fatalf("%s: no asset", img.Src)
		}
		if _, err := Decode(JPEG, img.Asset.Data, 0); err != nil {
			t.Errorf("%s: %v", img.Src, err)
		}
		var c *Cache
		if _, err := c.decodeReduced(JPEG, img.Asset.Data, 2, 0); err != nil {
			t.Errorf("%s halved: %v", img.Src, err)
		}
	}
	for _, name := range []string{"b420-rst-later.jpg", "b420-rst-missing.jpg", "p420-rst-missing.jpg", "p420-rst-earlier.jpg"} {
		if !restartsOutOfOrder(read(name)) {
			t.Errorf("%s: restarts found in order", name)
		}
	}
	if restartsOutOfOrder(read("p420-tables23.jpg")) {
		t.Error("p420-tables23.jpg: restarts found out of order")
	}
}
