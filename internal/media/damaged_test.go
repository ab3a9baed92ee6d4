package media

import (
	"bytes"
	"image/gif"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// A picture cut short or whose chunks are damaged is found when the book
// is read, before any output packages or draws it, with one message
// naming what is wrong; a whole one, a JPEG with an embedded thumbnail
// or bytes after its end included, is taken.
func TestLoadDamagedRaster(t *testing.T) {
	png := testPNG{w: 9, h: 7, colourType: 2, filter: 5, translucentFrom: -1}.encode()
	badCRC := bytes.Clone(png)
	badCRC[len(badCRC)-20] ^= 1 // inside the IDAT chunk's data
	jpg := encodedJPEG(t)
	webp, err := os.ReadFile("testdata/raster/lossy.webp")
	if err != nil {
		t.Fatal(err)
	}
	// an Exif-like APP1 segment holding a whole thumbnail, end marker
	// and all, before the picture's own scan
	thumb := append([]byte{0xff, 0xd8, 0xff, 0xe1, byte((2 + len(jpg)) >> 8), byte(2 + len(jpg))}, jpg...)
	thumb = append(thumb, jpg[2:]...)
	thumbCut := thumb[:len(thumb)-40]
	var gifBuf bytes.Buffer
	if err := gif.Encode(&gifBuf, testImage(40, 30), nil); err != nil {
		t.Fatal(err)
	}
	gifData := gifBuf.Bytes()
	const cut = "cannot be decoded: the file is cut short (it ends after "
	for _, tc := range []struct {
		name, file string
		data       []byte
		want       string // "" when the picture is taken
	}{
		{"PNG cut short", "a.png", png[:len(png)-20], cut},
		{"PNG cut before IEND", "a.png", png[:len(png)-12], cut},
		{"PNG with a damaged chunk", "a.png", badCRC, `cannot be decoded: png: invalid format: invalid checksum of chunk "IDAT"`},
		{"JPEG cut short", "a.jpg", jpg[:len(jpg)-40], cut},
		{"JPEG cut in a segment", "a.jpg", jpg[:30], cut},
		{"JPEG with a thumbnail, cut short", "a.jpg", thumbCut, cut},
		{"WebP cut short", "a.webp", webp[:len(webp)-30], cut},
		{"PNG whole", "a.png", png, ""},
		{"JPEG whole", "a.jpg", jpg, ""},
		{"JPEG with a thumbnail", "a.jpg", thumb, ""},
		{"JPEG with bytes after its end", "a.jpg", append(bytes.Clone(jpg), make([]byte, 300)...), ""},
		{"WebP whole", "a.webp", webp, ""},
		{"GIF cut short", "a.gif", gifData[:len(gifData)-5], cut},
		{"GIF cut in its colour table", "a.gif", gifData[:20], cut},
		{"GIF whole", "a.gif", gifData, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := LoadFile(fstest.MapFS{tc.file: {Data: tc.data}}, tc.file, testOptions)
			if tc.want == "" {
				if err != nil || a == nil {
					t.Fatalf("LoadFile: %v", err)
				}
				if _, err := Decode(a.MediaType, a.Data, 0); err != nil {
					t.Errorf("taken, but Decode: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.file+" "+tc.want) {
				t.Fatalf("LoadFile: %v, want %q", err, tc.want)
			}
		})
	}
}
