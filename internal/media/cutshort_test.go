package media

import (
	"bytes"
	"image"
	"image/color/palette"
	"image/gif"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// A picture cut short (a copy or a download interrupted) is said to be,
// in every format, where the decoders speak of their want of data
// ("unexpected EOF", "short Huffman data", "not enough image data"); a
// damaged one that is whole keeps the decoder's words.
func TestCutShort(t *testing.T) {
	read := func(name string) []byte {
		data, err := os.ReadFile("testdata/raster/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	var g bytes.Buffer
	if err := gif.Encode(&g, image.NewPaletted(image.Rect(0, 0, 64, 64), palette.Plan9), nil); err != nil {
		t.Fatal(err)
	}
	jpg := encodedJPEG(t)
	png := testPNG{w: 9, h: 7, colourType: 2, filter: 5, translucentFrom: -1}.encode()
	badCRC := bytes.Clone(png)
	badCRC[len(badCRC)-1] ^= 1
	const cut = "cannot decode: the file is cut short (it ends after "
	for _, tc := range []struct {
		name, mediaType string
		data            []byte
		want            string
	}{
		{"PNG", PNG, png[:len(png)-20], cut},
		{"PNG, its header alone", PNG, png[:40], cut},
		{"JPEG", JPEG, jpg[:len(jpg)-40], cut},
		{"GIF", GIF, g.Bytes()[:g.Len()-10], cut},
		{"WebP", WebP, read("lossy.webp")[:60], cut},
		{"BMP", BMP, read("rgb24.bmp")[:len(read("rgb24.bmp"))-100], cut},
		{"PNG whole, a CRC damaged", PNG, badCRC, "cannot decode: png: invalid format: invalid checksum"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode(tc.mediaType, tc.data, 0)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("Decode: %v, want %q…", err, tc.want)
			}
			if tc.mediaType != PNG {
				return
			}
			if _, _, ok, err := SplitPNG(tc.data); ok && (err == nil || !strings.HasPrefix(err.Error(), tc.want)) {
				t.Errorf("SplitPNG: %v, want %q…", err, tc.want)
			}
		})
	}
}

// A picture cut inside its header is said to be as a book's picture too.
func TestCutShortLoaded(t *testing.T) {
	jpg := encodedJPEG(t)
	_, err := LoadFile(fstest.MapFS{"x.jpg": {Data: jpg[:100]}}, "x.jpg", testOptions)
	const want = `image "x.jpg": x.jpg cannot be decoded: the file is cut short (it ends after 100 bytes, before its pixels do); copy or save it again`
	if err == nil || err.Error() != want {
		t.Errorf("LoadFile: %v, want %q", err, want)
	}
}
