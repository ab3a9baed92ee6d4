package media

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"

	"golang.org/x/image/tiff"

	"github.com/samizdat-press/samizdat/internal/diag"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// pngKind is a PNG's colour type and bit depth, from its header.
func pngKind(t *testing.T, data []byte) (colourType, depth byte) {
	t.Helper()
	if len(data) < 29 || !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("not a PNG: %q", data[:min(len(data), 16)])
	}
	return data[25], data[24]
}

// TestTIFFAndBMP: the kinds archives and office programs write (made with
// ImageMagick 6.9, testdata/raster/README) are recognised, measured from
// their headers, and converted for the EPUB into the smallest lossless
// PNG that shows the same pixels: a fax-compressed scan in one bit a
// pixel, a palette as a palette, grey as grey.
func TestTIFFAndBMP(t *testing.T) {
	tests := []struct {
		file        string
		mediaType   string
		w, h, pages int
		decoded     string // the model x/image decodes to
		colourType  byte   // of the PNG the EPUB stores; 0 and 0 for a JPEG
		depth       byte
	}{
		// JPEG-compressed: a JPEG again, its pixels within a few levels
		{"rgb-jpeg.tif", TIFF, 48, 32, 1, "*image.RGBA", 0, 0},
		{"strips-jpeg.tif", TIFF, 48, 32, 1, "*image.RGBA", 0, 0},
		{"tiles-jpeg.tif", TIFF, 48, 40, 1, "*image.RGBA", 0, 0},
		{"ycc-jpeg.tif", TIFF, 48, 32, 1, "*image.RGBA", 0, 0},
		{"gray-jpeg.tif", TIFF, 48, 32, 1, "*image.Gray", 0, 0},
		{"rgb-none.tif", TIFF, 48, 32, 1, "*image.RGBA", 2, 8},
		{"rgb-lzw.tif", TIFF, 48, 32, 1, "*image.RGBA", 2, 8},
		{"rgb-deflate.tif", TIFF, 48, 32, 1, "*image.RGBA", 2, 8},
		{"rgb-packbits.tif", TIFF, 48, 32, 1, "*image.RGBA", 2, 8},
		{"bilevel-g4.tif", TIFF, 64, 40, 1, "*image.Gray", 3, 1},
		{"gray16.tif", TIFF, 48, 32, 1, "*image.Gray16", 0, 8},
		{"rgba.tif", TIFF, 48, 32, 1, "*image.NRGBA", 6, 8},
		{"pages3.tif", TIFF, 48, 32, 3, "*image.RGBA64", 2, 8},
		{"rgb24.bmp", BMP, 48, 32, 1, "*image.RGBA", 2, 8},
		{"pal8.bmp", BMP, 48, 32, 1, "*image.Paletted", 3, 8},
		{"rgba32.bmp", BMP, 32, 20, 1, "*image.NRGBA", 6, 8},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data := readTestdata(t, "raster/"+tc.file)
			if mt, _ := Sniff(data); mt != tc.mediaType {
				t.Fatalf("Sniff = %q, want %q", mt, tc.mediaType)
			}
			cfg, err := DecodeConfig(tc.mediaType, data, 0)
			if err != nil || cfg.Width != tc.w || cfg.Height != tc.h {
				t.Fatalf("DecodeConfig = %d × %d, %v; want %d × %d", cfg.Width, cfg.Height, err, tc.w, tc.h)
			}
			if tc.mediaType == TIFF {
				if n := TIFFPages(data); n != tc.pages {
					t.Errorf("TIFFPages = %d, want %d", n, tc.pages)
				}
			}
			img, err := Decode(tc.mediaType, data, 0)
			if err != nil {
				t.Fatal(err)
			}
			if got := typeName(img); got != tc.decoded {
				t.Errorf("decoded as %s, want %s", got, tc.decoded)
			}
			lossy := tc.depth == 0
			want, tolerance := PNG, 0
			if lossy {
				want, tolerance = JPEG, 16 // its colour at half the resolution
			}
			r := NewCache().Upright(tc.mediaType, data, 1, 1, 0, nil)
			if r.Err != nil || r.MediaType != want || r.Width != tc.w || r.Height != tc.h {
				t.Fatalf("converted = %s %d × %d, %v; want %s", r.MediaType, r.Width, r.Height, r.Err, want)
			}
			if !lossy {
				if ct, depth := pngKind(t, r.Data); ct != tc.colourType || depth != tc.depth {
					t.Errorf("PNG of colour type %d, depth %d; want %d, %d", ct, depth, tc.colourType, tc.depth)
				}
			}
			back, _, err := image.Decode(bytes.NewReader(r.Data))
			if err != nil {
				t.Fatal(err)
			}
			for y := range tc.h {
				for x := range tc.w {
					if a, b := rgba8(img.At(x, y)), rgba8(back.At(x, y)); !within(a, b, tolerance) {
						t.Fatalf("pixel (%d, %d) is %v converted, %v decoded", x, y, b, a)
					}
				}
			}
		})
	}
}

func typeName(img image.Image) string { return fmt.Sprintf("%T", img) }

// within reports whether two colours differ by at most d in each channel.
func within(a, b color.NRGBA, d int) bool {
	for _, v := range []int{int(a.R) - int(b.R), int(a.G) - int(b.G), int(a.B) - int(b.B), int(a.A) - int(b.A)} {
		if v > d || v < -d {
			return false
		}
	}
	return true
}

// TestJPEGTIFFAsLibjpegDecodes: a JPEG-compressed TIFF's strips and tiles
// put together are the page libjpeg decodes (ImageMagick 6.9's, its
// pixels here as 8-bit samples): within a level of it.
func TestJPEGTIFFAsLibjpegDecodes(t *testing.T) {
	// a few pixels of each as ImageMagick decodes them (convert x.tif txt:-)
	tests := []struct {
		file string
		x, y int
		want color.NRGBA
	}{
		{"strips-jpeg.tif", 0, 0, color.NRGBA{254, 0, 0, 255}},
		{"strips-jpeg.tif", 20, 9, color.NRGBA{182, 0, 72, 255}}, // the second strip
		{"strips-jpeg.tif", 47, 31, color.NRGBA{0, 0, 254, 255}},
		{"tiles-jpeg.tif", 20, 9, color.NRGBA{196, 0, 58, 255}}, // the second tile
		{"tiles-jpeg.tif", 33, 17, color.NRGBA{144, 0, 110, 255}},
		{"tiles-jpeg.tif", 47, 31, color.NRGBA{52, 0, 202, 255}},
		{"ycc-jpeg.tif", 20, 9, color.NRGBA{180, 0, 71, 255}},
		{"ycc-jpeg.tif", 33, 17, color.NRGBA{114, 1, 135, 255}},
		{"gray-jpeg.tif", 20, 9, color.NRGBA{72, 72, 72, 255}},
		{"gray-jpeg.tif", 47, 31, color.NRGBA{254, 254, 254, 255}},
	}
	for _, tc := range tests {
		img, err := Decode(TIFF, readTestdata(t, "raster/"+tc.file), 0)
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		if got := rgba8(img.At(tc.x, tc.y)); !within(got, tc.want, 1) {
			t.Errorf("%s (%d, %d) = %v, want %v", tc.file, tc.x, tc.y, got, tc.want)
		}
	}
}

// rgba8 is a colour in 8 bits a channel, not premultiplied.
func rgba8(c color.Color) color.NRGBA {
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}

// TestConvertedReduction: a TIFF with more pixels than the EPUB allows
// is reduced as other pictures are, by a whole factor, and stored as a
// PNG; a bilevel scan reduced has greys between black and white.
func TestConvertedReduction(t *testing.T) {
	data := readTestdata(t, "raster/bilevel-g4.tif")
	r := NewCache().Upright(TIFF, data, FactorWithin(64, 40, 1000), 1, 0, nil)
	if r.Err != nil || r.MediaType != PNG || r.Width != 32 || r.Height != 20 {
		t.Fatalf("reduced = %s %d × %d, %v", r.MediaType, r.Width, r.Height, r.Err)
	}
	if ct, depth := pngKind(t, r.Data); ct != 0 || depth != 8 {
		t.Errorf("PNG of colour type %d, depth %d; want grey of 8 bits", ct, depth)
	}
	// Stored between builds under a key naming the TIFF, read back as
	// made.
	store := DirStore{Dir: t.TempDir()}
	made := NewCache().ReduceBy(TIFF, data, 2, 0, store)
	again := NewCache().ReduceBy(TIFF, data, 2, 0, store)
	if made.Err != nil || !bytes.Equal(made.Data, again.Data) || !bytes.Equal(made.Data, r.Data) {
		t.Errorf("stored reduction differs: %v", made.Err)
	}
}

// TestTIFFProblems: a TIFF of several pages shows its first, with one
// warning naming the file however often it is placed.
func TestTIFFProblems(t *testing.T) {
	fsys := fstest.MapFS{
		"scans/letter.tif": {Data: readTestdata(t, "raster/pages3.tif")},
		"scans/one.tif":    {Data: readTestdata(t, "raster/bilevel-g4.tif")},
	}
	book, imgs := chapter("one.md", "scans/letter.tif", "scans/one.tif", "scans/letter.tif")
	warnings, err := Load(book, fsys, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`one.md:7: image "scans/letter.tif": scans/letter.tif has 3 pages; only the first is shown, the other 2 pages are left out (give each page as a picture of its own)`}
	assertPrefixes(t, "warnings", lines(warnings), want)
	if len(warnings) == 1 && (warnings[0].Code != "image.pages" || warnings[0].Severity != diag.Warning) {
		t.Errorf("code %q, severity %s", warnings[0].Code, warnings[0].Severity)
	}
	for _, img := range imgs {
		if img.Asset == nil || img.Asset.MediaType != TIFF {
			t.Fatalf("%s: asset %+v", img.Src, img.Asset)
		}
	}
	if a := imgs[1].Asset; a.Width != 64 || a.Height != 40 {
		t.Errorf("bilevel scan measured %d × %d", a.Width, a.Height)
	}
}

// tiffEntry is a directory entry of one SHORT or LONG value, or two
// SHORT values alike (two).
type tiffEntry struct {
	tag  uint16
	long bool
	v    uint32
	two  bool
}

// handTIFF writes a little-endian TIFF of one 2 × 2 grey page per
// directory, each directory with the entries given besides the page's
// own, chained in order; next, when not 0, replaces the last directory's
// link.
func handTIFF(next uint32, dirs ...[]tiffEntry) []byte {
	le := binary.LittleEndian
	out := []byte("II*\x00\x00\x00\x00\x00")
	var links []int // where each directory's link to the next is
	for i, extra := range dirs {
		pixels := len(out)
		out = append(out, 0, 0x80, 0x80, 0xff)
		if len(out)%2 == 1 {
			out = append(out, 0)
		}
		entries := append([]tiffEntry{
			{tag: 256, v: 2}, {tag: 257, v: 2}, {tag: 258, v: 8}, {tag: 259, v: 1}, {tag: 262, v: 1},
			{tag: 273, long: true, v: uint32(pixels)}, {tag: 277, v: 1}, {tag: 278, v: 2}, {tag: 279, long: true, v: 4},
		}, extra...)
		entries = sortEntries(entries)
		at := len(out)
		if i == 0 {
			le.PutUint32(out[4:], uint32(at))
		} else {
			le.PutUint32(out[links[i-1]:], uint32(at))
		}
		out = le.AppendUint16(out, uint16(len(entries)))
		for _, e := range entries {
			typ, n := uint16(3), uint32(1)
			if e.long {
				typ = 4
			}
			if e.two {
				n = 2
			}
			out = le.AppendUint16(out, e.tag)
			out = le.AppendUint16(out, typ)
			out = le.AppendUint32(out, n)
			if e.long {
				out = le.AppendUint32(out, e.v)
			} else {
				out = le.AppendUint16(out, uint16(e.v))
				second := uint16(0)
				if e.two {
					second = uint16(e.v)
				}
				out = le.AppendUint16(out, second)
			}
		}
		links = append(links, len(out))
		out = le.AppendUint32(out, 0)
	}
	if next != 0 {
		le.PutUint32(out[links[len(links)-1]:], next)
	}
	return out
}

// sortEntries orders entries by tag, as TIFF requires, a later entry
// replacing an earlier one of its tag.
func sortEntries(es []tiffEntry) []tiffEntry {
	byTag := map[uint16]tiffEntry{}
	for _, e := range es {
		byTag[e.tag] = e
	}
	out := slices.Collect(maps.Values(byTag))
	slices.SortFunc(out, func(a, b tiffEntry) int { return int(a.tag) - int(b.tag) })
	return out
}

// TestReadTIFF: what is read from a TIFF's directories, from files made
// by hand: reduced copies are no pages, a chain that loops or points
// outside the file ends, and what x/image cannot decode is named.
func TestReadTIFF(t *testing.T) {
	page := []tiffEntry{}
	thumb := []tiffEntry{{tag: 254, long: true, v: 1}}
	tests := []struct {
		name        string
		data        []byte
		pages       int
		orientation int
		err         string // of tiffConfig
	}{
		{name: "one page", data: handTIFF(0, page), pages: 1, orientation: 1},
		{name: "a page and its thumbnail", data: handTIFF(0, page, thumb), pages: 1, orientation: 1},
		{name: "two pages and a thumbnail", data: handTIFF(0, page, thumb, []tiffEntry{{tag: 254, long: true, v: 2}}), pages: 2, orientation: 1},
		{name: "old-style reduced copy", data: handTIFF(0, page, []tiffEntry{{tag: 255, v: 2}}), pages: 1, orientation: 1},
		{name: "a chain that loops", data: handTIFF(12, page, page), pages: 2, orientation: 1},
		{name: "a chain that leaves the file", data: handTIFF(1<<30, page, page), pages: 2, orientation: 1},
		{name: "turned a quarter", data: handTIFF(0, []tiffEntry{{tag: 274, v: 6}}), pages: 1, orientation: 6},
		{name: "JPEG 2000", data: handTIFF(0, []tiffEntry{{tag: 259, long: true, v: 34712}}), pages: 1, orientation: 1,
			err: "unsupported TIFF: JPEG 2000 compression (34712); " + tiffSaveAs},
		{name: "old-style JPEG", data: handTIFF(0, []tiffEntry{{tag: 259, v: 6}}), pages: 1, orientation: 1,
			err: "unsupported TIFF: old-style JPEG compression (6); " + tiffSaveAs},
		{name: "JPEG of CMYK", data: handTIFF(0, []tiffEntry{{tag: 259, v: 7}, {tag: 262, v: 5}, {tag: 277, v: 4}}), pages: 1, orientation: 1,
			err: "unsupported TIFF: JPEG compression of 4 samples a pixel in photometric interpretation 5; " + tiffSaveAs},
		{name: "JPEG of planes apart", data: handTIFF(0, []tiffEntry{{tag: 259, v: 7}, {tag: 284, v: 2}}), pages: 1, orientation: 1,
			err: "unsupported TIFF: JPEG compression of colour planes stored apart; " + tiffSaveAs},
		{name: "JPEG without its strips", data: handTIFF(0, []tiffEntry{{tag: 259, v: 7}, {tag: 278, v: 1}}), pages: 1, orientation: 1,
			err: "TIFF's 2 strips or tiles are not all where it says"},
		{name: "unknown compression", data: handTIFF(0, []tiffEntry{{tag: 259, v: 9}}), pages: 1, orientation: 1,
			err: "unsupported TIFF: compression 9; " + tiffSaveAs},
		{name: "CMYK", data: handTIFF(0, []tiffEntry{{tag: 262, v: 5}}), pages: 1, orientation: 1,
			err: "unsupported TIFF: colour model CMYK (photometric interpretation 5); " + tiffSaveAs},
		{name: "two-dimensional Group 3", data: handTIFF(0, []tiffEntry{{tag: 259, v: 3}, {tag: 292, long: true, v: 1}}), pages: 1, orientation: 1,
			err: "unsupported TIFF: CCITT Group 3 compression with two-dimensional coding; " + tiffSaveAs},
		{name: "floating point", data: handTIFF(0, []tiffEntry{{tag: 339, v: 3}}), pages: 1, orientation: 1,
			err: "unsupported TIFF: samples that are not unsigned integers (sample format 3); " + tiffSaveAs},
		{name: "grey with alpha", data: handTIFF(0, []tiffEntry{{tag: 258, v: 8, two: true}, {tag: 277, v: 2}, {tag: 338, v: 2}}), pages: 1, orientation: 1,
			err: "unsupported TIFF: grey or a palette with an alpha channel (extra samples); " + tiffSaveAs},
		{name: "four bits a sample of grey", data: handTIFF(0, []tiffEntry{{tag: 258, v: 4}}), pages: 1, orientation: 1},
		{name: "four bits a sample of RGB", data: handTIFF(0, []tiffEntry{{tag: 258, v: 4}, {tag: 262, v: 2}, {tag: 277, v: 3}}), pages: 1, orientation: 1,
			err: "unsupported TIFF: BitsPerSample of 4; " + tiffSaveAs},
		{name: "cut short", data: []byte("II*\x00\x08\x00\x00\x00\x05\x00"), pages: 1, orientation: 1,
			err: "TIFF's first directory claims 5 entries, has room for 0"},
		{name: "directory outside", data: []byte("MM\x00*\x7f\x00\x00\x00"), pages: 1, orientation: 1,
			err: "TIFF's first directory at byte 2130706432, outside its 8 bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if n := TIFFPages(tc.data); n != tc.pages {
				t.Errorf("TIFFPages = %d, want %d", n, tc.pages)
			}
			if o := Orientation(TIFF, tc.data); o != tc.orientation {
				t.Errorf("Orientation = %d, want %d", o, tc.orientation)
			}
			cfg, err := tiffConfig(tc.data)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tc.err {
				t.Fatalf("tiffConfig err = %q, want %q", got, tc.err)
			}
			if err == nil {
				if cfg.Width != 2 || cfg.Height != 2 {
					t.Errorf("size %d × %d", cfg.Width, cfg.Height)
				}
				if _, err := Decode(TIFF, tc.data, 0); err != nil {
					t.Errorf("Decode: %v", err)
				}
			}
		})
	}
}

// FuzzReadTIFF: reading a TIFF's directories and header never panics,
// and a TIFF they accept within a small memory limit is decoded or
// refused without panicking.
func FuzzReadTIFF(f *testing.F) {
	for _, name := range []string{"rgb-lzw.tif", "bilevel-g4.tif", "pages3.tif", "rgba.tif", "gray16.tif", "tiles-jpeg.tif", "strips-jpeg.tif"} {
		f.Add(readTestdata(f, "raster/"+name))
	}
	f.Add(handTIFF(12, nil, nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		if TIFFPages(data) < 1 {
			t.Fatal("no pages")
		}
		Orientation(TIFF, data)
		if _, err := DecodeConfig(TIFF, data, 1<<20); err == nil {
			Decode(TIFF, data, 1<<20)
		}
	})
}

// TestConvertedPhotograph: an opaque colour picture that deflates badly
// (a photograph: smooth shades and grain) is stored as a JPEG a third of
// its PNG or less; a chart of flat colours, grey and a picture with
// transparency stay PNG.
func TestConvertedPhotograph(t *testing.T) {
	photo := image.NewRGBA(image.Rect(0, 0, 96, 64))
	chart := image.NewRGBA(photo.Rect)
	seed := uint32(1)
	for y := range 64 {
		for x := range 96 {
			seed = seed*1664525 + 1013904223
			grain := int(seed>>28) - 8
			at := photo.PixOffset(x, y)
			for c, v := range []int{x*2 + y, 128 + y - x/2, 200 - x - y} {
				photo.Pix[at+c] = uint8(min(max(v+grain, 0), 255))
			}
			photo.Pix[at+3] = 0xff
			copy(chart.Pix[at:at+4], []uint8{uint8(x / 32 * 100), 40, uint8(y / 16 * 60), 0xff})
		}
	}
	tests := []struct {
		name string
		img  image.Image
		want string
	}{
		{"photograph", photo, JPEG},
		{"chart", chart, PNG},
	}
	for _, tc := range tests {
		var buf bytes.Buffer
		if err := tiff.Encode(&buf, tc.img, &tiff.Options{Compression: tiff.Deflate}); err != nil {
			t.Fatal(err)
		}
		r := NewCache().Upright(TIFF, buf.Bytes(), 1, 1, 0, nil)
		if r.Err != nil || r.MediaType != tc.want || r.Width != 96 || r.Height != 64 {
			t.Errorf("%s: %s %d × %d, %v; want %s", tc.name, r.MediaType, r.Width, r.Height, r.Err, tc.want)
		}
		if tc.want == JPEG {
			png, _ := encodeOpaquePNG(tc.img, true)
			t.Logf("%s: JPEG of %d bytes, PNG of %d", tc.name, len(r.Data), len(png))
		}
	}
}

// TestTIFFTooLargeToDecode: a TIFF is measured from its directory before
// anything is decoded, as other pictures are: a bilevel scan counts a byte
// a pixel (it is decoded as grey), and one that would take more memory
// than allowed is left out; so is a JPEG-compressed one.
func TestTIFFTooLargeToDecode(t *testing.T) {
	scan := handTIFF(0, []tiffEntry{{tag: 256, long: true, v: 20000}, {tag: 257, long: true, v: 20000}, {tag: 258, v: 1}, {tag: 259, v: 4}})
	photo := handTIFF(0, []tiffEntry{{tag: 256, long: true, v: 12000}, {tag: 257, long: true, v: 9000}, {tag: 258, v: 8, two: true},
		{tag: 259, v: 7}, {tag: 262, v: 2}, {tag: 277, v: 3}, {tag: 278, long: true, v: 9000}})
	fsys := fstest.MapFS{"scan.tif": {Data: scan}, "photo.tif": {Data: photo}}
	book, _ := chapter("a.md", "scan.tif", "photo.tif")
	warnings, err := Load(book, fsys, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`a.md:7: image "scan.tif": scan.tif: 20000 × 20000 pixels would take 381.5 MB decoded, more than limits.image_memory allows (256 MB); a placeholder stands in`,
		`a.md:7: image "photo.tif": photo.tif: 12000 × 9000 pixels would take 412 MB decoded, more than limits.image_memory allows (256 MB); a placeholder stands in`,
	}
	assertPrefixes(t, "warnings", lines(warnings), want)
	for _, w := range warnings {
		if w.Code != "image.too-large" {
			t.Errorf("%s: code %s", w, w.Code)
		}
	}
}
