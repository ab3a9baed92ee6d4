package media

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"image/jpeg"
	"image/png"
	"testing"
	"testing/fstest"
)

// tiffOrientationData is a TIFF structure whose first directory holds
// one entry: tag, of type typ and count n, with the value v.
func tiffOrientationData(order binary.ByteOrder, tag, typ uint16, n, v uint32) []byte {
	b := make([]byte, 8+2+12+4)
	if order == binary.LittleEndian {
		copy(b, "II*\x00")
	} else {
		copy(b, "MM\x00*")
	}
	order.PutUint32(b[4:], 8)
	order.PutUint16(b[8:], 1)
	e := b[10:22]
	order.PutUint16(e, tag)
	order.PutUint16(e[2:], typ)
	order.PutUint32(e[4:], n)
	if typ == 3 {
		order.PutUint16(e[8:], uint16(v))
	} else {
		order.PutUint32(e[8:], v)
	}
	return b
}

// exifTIFF is the Exif data of orientation o, little-endian.
func exifTIFF(o int) []byte {
	return tiffOrientationData(binary.LittleEndian, 0x0112, 3, 1, uint32(o))
}

// withJPEGExif puts an APP1 Exif segment holding tiff after a JPEG's
// start of image, where cameras put it.
func withJPEGExif(data, tiff []byte) []byte {
	seg := append([]byte(exifHeader), tiff...)
	out := append([]byte{}, data[:2]...)
	out = append(out, 0xFF, 0xE1, byte((len(seg)+2)>>8), byte(len(seg)+2))
	out = append(out, seg...)
	return append(out, data[2:]...)
}

// withPNGChunk puts a chunk after a PNG's header chunk, or, with
// afterData, before its end.
func withPNGChunk(data []byte, kind string, body []byte, afterData bool) []byte {
	var chunk []byte
	chunk = binary.BigEndian.AppendUint32(chunk, uint32(len(body)))
	chunk = append(chunk, kind...)
	chunk = append(chunk, body...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	at := 8 + 25 // the signature and IHDR
	if afterData {
		at = len(data) - 12 // before IEND
	}
	return append(append(append([]byte{}, data[:at]...), chunk...), data[at:]...)
}

// webpWithExif is the 1×1 lossless WebP in the extended format, with an
// EXIF chunk holding exif after its image data.
func webpWithExif(t testing.TB, exif []byte) []byte {
	t.Helper()
	simple, err := base64.StdEncoding.DecodeString(webp1x1)
	if err != nil {
		t.Fatal(err)
	}
	chunk := func(kind string, body []byte) []byte {
		c := append([]byte(kind), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
		c = append(c, body...)
		if len(body)%2 == 1 {
			c = append(c, 0)
		}
		return c
	}
	vp8x := []byte{0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0} // Exif flag, a 1 × 1 canvas
	body := append([]byte("WEBP"), chunk("VP8X", vp8x)...)
	body = append(body, simple[12:]...) // the VP8L chunk
	body = append(body, chunk("EXIF", exif)...)
	return append(append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...), body...)
}

func quadrantsJPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, quadrants(w, h), &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func quadrantsPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, quadrants(w, h)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The loader reads the orientation of a JPEG in either byte order, of a
// PNG's eXIf chunk before its image data and of a WebP's EXIF chunk,
// and measures the picture as shown; one that cannot be read is ignored.
func TestLoadReadsOrientation(t *testing.T) {
	jpg, pngData := quadrantsJPEG(t, 32, 16), quadrantsPNG(t, 32, 16)
	fsys := fstest.MapFS{
		"le.jpg":        {Data: withJPEGExif(jpg, exifTIFF(6))},
		"be.jpg":        {Data: withJPEGExif(jpg, tiffOrientationData(binary.BigEndian, 0x0112, 3, 1, 8))},
		"mirrored.jpg":  {Data: withJPEGExif(jpg, exifTIFF(2))},
		"upright.jpg":   {Data: withJPEGExif(jpg, exifTIFF(1))},
		"hostile.jpg":   {Data: withJPEGExif(jpg, exifTIFF(6)[:12])},
		"exif.png":      {Data: withPNGChunk(pngData, "eXIf", exifTIFF(5), false)},
		"late.png":      {Data: withPNGChunk(pngData, "eXIf", exifTIFF(5), true)},
		"exif.webp":     {Data: webpWithExif(t, exifTIFF(7))},
		"exifhead.webp": {Data: webpWithExif(t, append([]byte(exifHeader), exifTIFF(3)...))},
	}
	for _, c := range []struct {
		name string
		o    int
		w, h int
	}{
		{"le.jpg", 6, 16, 32},
		{"be.jpg", 8, 16, 32},
		{"mirrored.jpg", 2, 32, 16},
		{"upright.jpg", 0, 32, 16},
		{"hostile.jpg", 0, 32, 16},
		{"exif.png", 5, 16, 32},
		{"late.png", 0, 32, 16}, // after the image data, where browsers do not look
		{"exif.webp", 7, 1, 1},
		{"exifhead.webp", 3, 1, 1},
	} {
		a, err := LoadFile(fsys, c.name, testOptions)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if a.Orientation != c.o || a.Width != c.w || a.Height != c.h {
			t.Errorf("%s: orientation %d, %dx%d; want %d, %dx%d", c.name, a.Orientation, a.Width, a.Height, c.o, c.w, c.h)
		}
	}
}

// Exif data is read without trusting it: every way it can be cut short,
// point outside itself or say something else is a reason to ignore it
// (the picture is shown as stored), never a panic or a failed picture.
func TestReadOrientationHostile(t *testing.T) {
	le := binary.LittleEndian
	jpg := quadrantsJPEG(t, 16, 8)
	pngData := quadrantsPNG(t, 16, 8)
	badCRC := withPNGChunk(pngData, "eXIf", exifTIFF(6), false)
	badCRC[8+25+8+len(exifTIFF(6))] ^= 1
	hugeIFD := exifTIFF(6)
	le.PutUint32(hugeIFD[4:], 0xFFFFFFFF)
	manyEntries := exifTIFF(6)
	le.PutUint16(manyEntries[8:], 300)
	cases := []struct {
		name, mediaType string
		data            []byte
		want            int
		err             string
	}{
		{"no Exif", JPEG, jpg, 1, "no orientation"},
		{"Exif, orientation 6", JPEG, withJPEGExif(jpg, exifTIFF(6)), 6, ""},
		{"big-endian LONG", JPEG, withJPEGExif(jpg, tiffOrientationData(binary.BigEndian, 0x0112, 4, 1, 3)), 3, ""},
		{"no orientation tag", JPEG, withJPEGExif(jpg, tiffOrientationData(le, 0x010F, 2, 1, 0)), 1, "no orientation"},
		{"orientation 9", JPEG, withJPEGExif(jpg, exifTIFF(9)), 1, "Exif: orientation 9, not 1 to 8"},
		{"orientation 0", JPEG, withJPEGExif(jpg, exifTIFF(0)), 1, "Exif: orientation 0, not 1 to 8"},
		{"orientation as text", JPEG, withJPEGExif(jpg, tiffOrientationData(le, 0x0112, 2, 4, 0x36)), 1, "Exif: orientation of type 2 and count 4, not one SHORT"},
		{"no TIFF header", JPEG, withJPEGExif(jpg, append([]byte("XX*\x00"), exifTIFF(6)[4:]...)), 1, "Exif: no TIFF header"},
		{"TIFF header cut", JPEG, withJPEGExif(jpg, exifTIFF(6)[:6]), 1, "Exif: TIFF header cut short"},
		{"directory outside", JPEG, withJPEGExif(jpg, hugeIFD), 1, "Exif: first directory at byte 4294967295, outside its 26 bytes"},
		{"directory cut", JPEG, withJPEGExif(jpg, exifTIFF(6)[:9]), 1, "Exif: first directory at byte 8, outside its 9 bytes"},
		{"too many entries", JPEG, withJPEGExif(jpg, manyEntries), 1, "Exif: first directory claims 300 entries, has room for 1"},
		{"segment too long", JPEG, append([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF}, "Exif\x00\x00II*\x00"...), 1, "JPEG: segment 0xe1 at byte 2 claims 65535 bytes, 12 are left"},
		{"segment length 1", JPEG, []byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0, 0}, 1, "JPEG: segment 0xe0 at byte 2 claims 1 bytes, 4 are left"},
		{"segment cut", JPEG, []byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00}, 1, "JPEG: segment 0xe1 at byte 2 cut short"},
		{"headers only", JPEG, []byte{0xFF, 0xD8, 0xFF, 0xFF, 0xFF}, 1, "JPEG: headers end before the first scan"},
		{"no marker", JPEG, []byte{0xFF, 0xD8, 0x00, 0x00}, 1, "JPEG: no marker at byte 2"},
		{"not a JPEG", JPEG, []byte("GIF89a"), 1, "JPEG: no start of image"},
		{"Exif after the scan", JPEG, append(append([]byte{}, jpg...), withJPEGExif([]byte{0xFF, 0xD8}, exifTIFF(6))[2:]...), 1, "no orientation"},
		{"PNG eXIf", PNG, withPNGChunk(pngData, "eXIf", exifTIFF(4), false), 4, ""},
		{"PNG eXIf after the data", PNG, withPNGChunk(pngData, "eXIf", exifTIFF(4), true), 1, "no orientation"},
		{"PNG eXIf checksum", PNG, badCRC, 1, "PNG: eXIf chunk's checksum fails"},
		{"PNG chunk too long", PNG, append([]byte("\x89PNG\r\n\x1a\n\xFF\xFF\xFF\xF0eXIf"), exifTIFF(6)...), 1, `PNG: chunk "eXIf" at byte 8 claims 4294967280 bytes, 22 are left`},
		{"PNG cut", PNG, []byte("\x89PNG\r\n\x1a\n\x00\x00"), 1, "PNG: chunks end before the image data"},
		{"WebP EXIF", WebP, webpWithExif(t, exifTIFF(8)), 8, ""},
		{"WebP without", WebP, []byte("RIFF\x0c\x00\x00\x00WEBPVP8 \x00\x00\x00\x00"), 1, "no orientation"},
		{"WebP chunk too long", WebP, []byte("RIFF\x0c\x00\x00\x00WEBPEXIF\xFF\x00\x00\x00II*"), 1, `WebP: chunk "EXIF" at byte 12 claims 255 bytes, 3 are left`},
		{"GIF", GIF, []byte("GIF89a"), 1, "no orientation"},
	}
	for _, c := range cases {
		got, err := readOrientation(c.mediaType, c.data)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if got != c.want || msg != c.err {
			t.Errorf("%s: orientation %d, error %q; want %d, %q", c.name, got, msg, c.want, c.err)
		}
		if o := Orientation(c.mediaType, c.data); o != c.want {
			t.Errorf("%s: Orientation %d, want %d", c.name, o, c.want)
		}
	}
}

// FuzzOrientation checks that no bytes make the reader panic or report an
// orientation outside 1 to 8.
func FuzzOrientation(f *testing.F) {
	jpg := quadrantsJPEG(f, 16, 8)
	f.Add(withJPEGExif(jpg[:200], exifTIFF(6)))
	f.Add(withJPEGExif([]byte{0xFF, 0xD8}, tiffOrientationData(binary.BigEndian, 0x0112, 3, 1, 8)))
	f.Add(withPNGChunk(quadrantsPNG(f, 4, 2), "eXIf", exifTIFF(5), false))
	f.Add(webpWithExif(f, exifTIFF(7)))
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x10})
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, mt := range []string{JPEG, PNG, WebP} {
			o, err := readOrientation(mt, data)
			if o < 1 || o > 8 || err != nil && o != 1 {
				t.Fatalf("%s: orientation %d, error %v", mt, o, err)
			}
		}
		// the TIFF structure alone, as a PNG or WebP may hold it
		if o, _ := tiffOrientation(data); o < 1 || o > 8 {
			t.Fatalf("TIFF: orientation %d", o)
		}
	})
}

// BenchmarkOrientation reads the orientation of a photograph with Exif
// data and of one without, whose headers are walked to the first scan.
func BenchmarkOrientation(b *testing.B) {
	plain := quadrantsJPEG(b, 1024, 768)
	exif := withJPEGExif(plain, exifTIFF(6))
	for _, c := range []struct {
		name string
		data []byte
	}{{"exif", exif}, {"none", plain}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				Orientation(JPEG, c.data)
			}
		})
	}
}
