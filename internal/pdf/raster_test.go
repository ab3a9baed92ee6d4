package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// screenshot is a w × h picture as screenshot tools save it: an alpha
// channel, opaque everywhere unless shadow makes its border translucent.
func screenshot(w, h int, shadow bool) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.NRGBA{uint8(x * 255 / w), 200, uint8(y * 255 / h), 255}
			if shadow && (x < w/10 || y < h/10) {
				c = color.NRGBA{0, 0, 0, 60}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func encodedPNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// alphaPNG encodes img as screenshot tools do and Go's encoder never
// does: with an alpha channel (colour type 6) even where it is opaque.
// The size in the header may be overridden, to make a bomb.
func alphaPNG(img *image.NRGBA, headerW, headerH int) []byte {
	b := img.Bounds()
	var raw bytes.Buffer
	for y := 0; y < b.Dy(); y++ {
		raw.WriteByte(0) // no filter
		raw.Write(img.Pix[y*img.Stride : y*img.Stride+4*b.Dx()])
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(raw.Bytes())
	zw.Close()
	out := []byte("\x89PNG\r\n\x1a\n")
	chunk := func(kind string, data []byte) {
		out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
		start := len(out)
		out = append(append(out, kind...), data...)
		out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(headerW))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(headerH))
	chunk("IHDR", append(ihdr, 8, 6, 0, 0, 0))
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return out
}

// pngColourType reads a PNG's colour type from its header: 0 grey, 2 RGB,
// 3 palette, 4 grey and alpha, 6 RGBA.
func pngColourType(data []byte) int { return int(data[25]) }

func TestPrepareRaster(t *testing.T) {
	opaque := alphaPNG(screenshot(300, 150, false), 300, 150)
	shadow := alphaPNG(screenshot(300, 150, true), 300, 150)
	rgb := encodedPNG(t, screenshot(300, 150, false)) // Go writes an opaque picture as RGB
	var photo bytes.Buffer
	if err := jpeg.Encode(&photo, gradient(400, 300), &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	// A PNG whose header claims 100000 × 100000 pixels.
	bomb := alphaPNG(screenshot(10, 10, false), 100000, 100000)
	if pngColourType(opaque) != 6 || pngColourType(rgb) != 2 {
		t.Fatal("test pictures of the wrong kind")
	}

	tests := []struct {
		name       string
		mediaType  string
		data       []byte
		tw, th     int
		kind       string
		w, h       int
		asIs, mask bool
		colourType int // of a PNG
		reason     string
	}{
		{name: "opaque RGBA screenshot reduced, without its alpha channel", mediaType: media.PNG, data: opaque, tw: 100, th: 50, kind: "png", w: 100, h: 50, colourType: 2},
		{name: "opaque RGBA screenshot at its size, without its alpha channel", mediaType: media.PNG, data: opaque, tw: 250, th: 125, kind: "png", w: 300, h: 150, colourType: 2},
		{name: "translucent screenshot reduced, its opacity apart", mediaType: media.PNG, data: shadow, tw: 100, th: 50, kind: "png", w: 100, h: 50, mask: true, colourType: 2},
		{name: "translucent screenshot at its size, its opacity apart", mediaType: media.PNG, data: shadow, tw: 250, th: 125, kind: "png", w: 300, h: 150, mask: true, colourType: 2},
		{name: "RGB PNG kept as it is", mediaType: media.PNG, data: rgb, tw: 300, th: 150, kind: "png", w: 300, h: 150, asIs: true, colourType: 2},
		{name: "RGB PNG at any resolution kept as it is", mediaType: media.PNG, data: rgb, kind: "png", w: 300, h: 150, asIs: true, colourType: 2},
		{name: "JPEG needing no reduction kept as it is", mediaType: media.JPEG, data: photo.Bytes(), tw: 300, th: 225, kind: "jpg", w: 400, h: 300, asIs: true},
		{name: "JPEG reduced, a JPEG again", mediaType: media.JPEG, data: photo.Bytes(), tw: 100, th: 75, kind: "jpg", w: 100, h: 75},
		{name: "decompression bomb refused from its header", mediaType: media.PNG, data: bomb, tw: 100, th: 100,
			reason: "100000 × 100000 pixels would take 37.3 GB decoded, more than allowed (256 MB)"},
		{name: "truncated PNG", mediaType: media.PNG, data: rgb[:200], reason: "cannot decode: the file is cut short (it ends after 200 bytes, before its pixels do); copy or save it again"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := prepareRaster(nil, nil, tt.mediaType, tt.data, tt.tw, tt.th, 0)
			if r.reason != tt.reason {
				t.Fatalf("reason %q, want %q", r.reason, tt.reason)
			}
			if tt.reason != "" {
				return
			}
			if r.kind != tt.kind || r.width != tt.w || r.height != tt.h {
				t.Errorf("got a %s of %d x %d, want a %s of %d x %d", r.kind, r.width, r.height, tt.kind, tt.w, tt.h)
			}
			if asIs := bytes.Equal(r.data, tt.data); asIs != tt.asIs {
				t.Errorf("bytes kept as they are: %v, want %v", asIs, tt.asIs)
			}
			if (r.mask != nil) != tt.mask {
				t.Errorf("soft mask: %v, want %v", r.mask != nil, tt.mask)
			}
			if tt.kind == "png" && pngColourType(r.data) != tt.colourType {
				t.Errorf("PNG colour type %d, want %d", pngColourType(r.data), tt.colourType)
			}
			cfg, _, err := image.DecodeConfig(bytes.NewReader(r.data))
			if err != nil || cfg.Width != r.width || cfg.Height != r.height {
				t.Errorf("the data decodes to %d x %d (%v), want %d x %d", cfg.Width, cfg.Height, err, r.width, r.height)
			}
			checkStoredRaster(t, r, tt.mediaType, tt.data, tt.tw, tt.th, tt.asIs)
		})
	}
}

// TestUnreducedPNGAsDecoded checks that a PNG embedded at its size, split
// as it is read, is what its picture decoded whole was split into: the
// colours and the mask of one with transparency, the colours alone of an
// opaque one saved with an alpha channel, an RGB one as it is.
func TestUnreducedPNGAsDecoded(t *testing.T) {
	translucentLate := screenshot(40, 30, false)
	translucentLate.Pix[len(translucentLate.Pix)-1] = 7 // the last pixel alone
	for name, data := range map[string][]byte{
		"opaque":           alphaPNG(screenshot(41, 23, false), 41, 23),
		"shadow":           alphaPNG(screenshot(41, 23, true), 41, 23),
		"translucent late": alphaPNG(translucentLate, 40, 30),
		"RGB":              encodedPNG(t, screenshot(41, 23, false)),
		"grey":             encodedPNG(t, image.NewGray(image.Rect(0, 0, 5, 3))),
	} {
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		want := withColours(&raster{kind: "png", data: data, width: img.Bounds().Dx(), height: img.Bounds().Dy()})
		if _, ok := img.(*image.NRGBA); ok {
			want = opaqueAndMask(nil, img)
		}
		if got := prepareRaster(nil, nil, media.PNG, data, 0, 0, 0); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: split as read otherwise than decoded whole (mask %v, want %v)", name, got.mask != nil, want.mask != nil)
		}
	}
}

// checkStoredRaster: a raster kept between builds is read back as it was
// made, a picture kept as it is without a copy of its bytes; a kept entry
// is used rather than made again, and one damaged is made again.
func checkStoredRaster(t *testing.T, made *raster, mediaType string, data []byte, tw, th int, kept bool) {
	t.Helper()
	store := mapStore{}
	first := storedRaster(media.NewCache(), store, mediaType, data, tw, th, 0)
	var key string
	for k := range store {
		if strings.HasPrefix(k, rasterFormat) {
			if key != "" {
				t.Fatal("more than one raster stored")
			}
			key = k
		}
	}
	if !reflect.DeepEqual(first, made) || key == "" {
		t.Fatalf("with a store: a raster stored: %v, the same raster: %v", key != "", reflect.DeepEqual(first, made))
	}
	if kept && len(store[key]) > len(data)/2 {
		t.Errorf("a picture kept as it is stored in %d bytes", len(store[key]))
	}
	second := storedRaster(media.NewCache(), store, mediaType, data, tw, th, 0)
	if !reflect.DeepEqual(second, made) {
		t.Error("the raster read back differs from the one made")
	}
	// A stored raster told apart from one made anew: another size.
	other := *made
	other.width++
	store[key] = encodeStoredRaster(&other, data)
	if got := storedRaster(media.NewCache(), store, mediaType, data, tw, th, 0); got.width != other.width {
		t.Error("the stored raster was not used")
	}
	good := encodeStoredRaster(made, data)
	for name, entry := range map[string][]byte{
		"truncated":    good[:len(good)-1],
		"other format": bytes.Replace(good, []byte(rasterFormat), []byte("samizdat pdf raster 0\n"), 1),
		"short header": []byte(rasterFormat + "png 1 1\n"),
	} {
		store[key] = entry
		if got := storedRaster(media.NewCache(), store, mediaType, data, tw, th, 0); !reflect.DeepEqual(got, made) {
			t.Errorf("%s entry: not made again", name)
		}
		if !bytes.Equal(store[key], good) {
			t.Errorf("%s entry: not replaced", name)
		}
	}
}

// mapStore is a media.Store in memory.
type mapStore map[string][]byte

func (s mapStore) Get(key string) ([]byte, bool) { data, ok := s[key]; return data, ok }
func (s mapStore) Put(key string, data []byte)   { s[key] = data }

// TestSoftMask checks that a picture with transparency is embedded as an
// RGB image with a soft mask of its opacity, and an opaque one saved with
// an alpha channel as an RGB image alone.
func TestSoftMask(t *testing.T) {
	shadow := &doc.Asset{Path: "window.png", MediaType: media.PNG, Data: alphaPNG(screenshot(120, 60, true), 120, 60)}
	opaque := &doc.Asset{Path: "screen.png", MediaType: media.PNG, Data: alphaPNG(screenshot(120, 60, false), 120, 60)}
	page := &layout.Page{Label: "1", Items: []layout.Item{
		&layout.Picture{Rect: layout.Rect{X: 20, Y: 20, W: 120, H: 60}, Asset: shadow, Alt: "window"},
		&layout.Picture{Rect: layout.Rect{X: 20, Y: 100, W: 120, H: 60}, Asset: opaque, Alt: "screen"},
	}}
	d := &layout.Document{Geometry: layout.Geometry{MediaWidth: 200, MediaHeight: 200}, Pages: []*layout.Page{page}}
	var b bytes.Buffer
	if _, err := Write(&b, d, doc.Meta{}, testFaces(t), Options{Compress: true, ImageDPI: 72}); err != nil {
		t.Fatal(err)
	}
	f := readBack(t, b.Bytes())
	var images []string
	for _, ref := range f.Refs() {
		s, ok := f.Objects[ref].(*pdffile.Stream)
		if !ok || !s.Dict.Is("Subtype", "Image") {
			continue
		}
		desc := fmt.Sprintf("%v %v", s.Dict["ColorSpace"], s.Dict["Width"])
		if m, ok := f.Resolve(s.Dict["SMask"]).(*pdffile.Stream); ok {
			z, err := zlib.NewReader(bytes.NewReader(m.Data))
			if err != nil {
				t.Fatal(err)
			}
			alpha, _ := io.ReadAll(z)
			desc += fmt.Sprintf(" with a soft mask of %d bytes, first %d, last %d", len(alpha), alpha[0], alpha[len(alpha)-1])
		}
		images = append(images, desc)
	}
	slices.Sort(images)
	want := []string{
		"DeviceGray 120",
		"DeviceRGB 120",
		"DeviceRGB 120 with a soft mask of 7200 bytes, first 60, last 255",
	}
	if strings.Join(images, "\n") != strings.Join(want, "\n") {
		t.Errorf("images:\n%s\nwant:\n%s", strings.Join(images, "\n"), strings.Join(want, "\n"))
	}
}

// TestPicturesPreparedInParallel checks that the file is the same however
// many pictures are prepared at once, and that pictures prepared for
// another edition are not prepared again.
func TestPicturesPreparedInParallel(t *testing.T) {
	page := &layout.Page{Label: "1"}
	for i := range 6 {
		a := &doc.Asset{Path: fmt.Sprintf("p%d.png", i), MediaType: media.PNG, Data: alphaPNG(screenshot(200+i, 100, i%2 == 0), 200+i, 100)}
		page.Items = append(page.Items, &layout.Picture{Rect: layout.Rect{X: 10, Y: 10 + float64(i)*30, W: 50, H: 25}, Asset: a})
	}
	write := func(workers int, cache *media.Cache) []byte {
		d := &layout.Document{Geometry: layout.Geometry{MediaWidth: 200, MediaHeight: 300}, Pages: []*layout.Page{page}}
		p := newPainter(d, testFaces(t), Options{Compress: true, ImageDPI: 150, Pictures: cache})
		p.workers = workers
		return paintFile(t, p)
	}
	one := write(1, nil)
	cache := media.NewCache()
	for _, workers := range []int{2, 8} {
		if many := write(workers, cache); !bytes.Equal(one, many) {
			t.Errorf("%d workers make a different file from one", workers)
		}
	}
	calls := 0
	cache.Do(rasterKey(media.Digest(page.Items[0].(*layout.Picture).Asset.Data), 105, 53, 0), func() any { calls++; return nil })
	if calls != 0 {
		t.Error("a picture prepared for one edition was prepared again")
	}
}

// TestReducedRasterShared checks that a picture the PDF reduces by the
// whole factor the EPUB reduces it by is embedded in the very encoding the
// EPUB packages: prepared once for both.
func TestReducedRasterShared(t *testing.T) {
	opaque := alphaPNG(screenshot(300, 150, false), 300, 150)
	cache := media.NewCache()
	forEPUB := cache.ReduceBy(media.PNG, opaque, 2, 0, nil)
	r := prepareRaster(cache, nil, media.PNG, opaque, 140, 70, 0) // twice the pixels needed, and more
	if r.reason != "" || r.width != 150 || r.height != 75 {
		t.Fatalf("got %d x %d (%s), want 150 x 75", r.width, r.height, r.reason)
	}
	if len(r.data) == 0 || &r.data[0] != &forEPUB.Data[0] {
		t.Error("the PDF encoded again a picture the EPUB had reduced by the same factor")
	}
}

// paintFile paints p's document and returns the finished file.
func paintFile(t *testing.T, p *painter) []byte {
	t.Helper()
	if err := p.paint(); err != nil {
		t.Fatal(err)
	}
	var raw, out bytes.Buffer
	if err := p.f.Output(&raw); err != nil {
		t.Fatal(err)
	}
	if _, err := finish(&out, raw.Bytes(), p.finishing(doc.Meta{})); err != nil {
		t.Fatal(err)
	}
	p.streams.wait()
	return out.Bytes()
}

// A PNG saved with a gamma other than sRGB's is embedded in the colours a
// browser shows it in, not as its samples: gofpdf would copy its data,
// and PDF readers ignore gAMA. (The PngSuite's g03n2c08, of gamma 0.35:
// Chromium shows (0, 187, 0) at (16, 8).)
func TestRasterPNGGamma(t *testing.T) {
	data, err := os.ReadFile("../media/testdata/pngsuite/g03n2c08.png")
	if err != nil {
		t.Fatal(err)
	}
	r := prepareRaster(nil, nil, media.PNG, data, 0, 0, 0)
	if r.reason != "" {
		t.Fatal(r.reason)
	}
	if bytes.Equal(r.data, data) {
		t.Fatal("embedded as it is")
	}
	img, err := png.Decode(bytes.NewReader(r.data))
	if err != nil {
		t.Fatal(err)
	}
	if c := color.NRGBAModel.Convert(img.At(16, 8)).(color.NRGBA); c.R > 1 || c.G < 186 || c.G > 188 || c.B > 1 {
		t.Errorf("colour at (16, 8) = %v, want (0, 187, 0)", c)
	}
}

// A CMYK JPEG whose inks are stored as they are (no APP14 segment) is
// encoded again: embedded as it is, PDF readers would invert it, as
// gofpdf's Decode array reads every CMYK JPEG as Adobe's. One with the
// segment keeps its bytes.
func TestRasterPlainCMYKJPEG(t *testing.T) {
	for _, tc := range []struct {
		file string
		asIs bool
	}{
		{"cmyk-plain.jpg", false},
		{"cmyk-adobe.jpg", true},
	} {
		data, err := os.ReadFile("../media/testdata/raster/" + tc.file)
		if err != nil {
			t.Fatal(err)
		}
		r := prepareRaster(nil, nil, media.JPEG, data, 0, 0, 0)
		if r.reason != "" {
			t.Fatalf("%s: %s", tc.file, r.reason)
		}
		if got := bytes.Equal(r.data, data); got != tc.asIs {
			t.Errorf("%s: embedded as it is %v, want %v", tc.file, got, tc.asIs)
		}
		if tc.asIs {
			continue
		}
		img, err := jpeg.Decode(bytes.NewReader(r.data))
		if err != nil {
			t.Fatal(err)
		}
		// the inks of four.png's red: (208, 64, 64)
		if c := color.NRGBAModel.Convert(img.At(3, 2)).(color.NRGBA); c.R < 200 || c.G < 56 || c.G > 72 || c.B < 56 || c.B > 72 {
			t.Errorf("%s: colour at (3, 2) = %v, want (208, 64, 64)", tc.file, c)
		}
	}
}
