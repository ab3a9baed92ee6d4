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
	"path/filepath"
	"slices"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// iccTestdata reads a file of internal/media's profile test material.
func iccTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "media", "testdata", "icc", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// patches is a picture of w × h pixels in three vertical bands of the
// samples media's testdata/icc pictures hold: green, red and brown.
func patches(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bands := []color.RGBA{{0, 255, 0, 255}, {200, 40, 40, 255}, {150, 90, 60, 255}}
	for y := range h {
		for x := range w {
			img.SetRGBA(x, y, bands[x*3/w])
		}
	}
	return img
}

// TestPicturesKeepTheirProfiles: a picture carrying a profile other than
// sRGB's is embedded in an ICCBased colour space of that profile, as it
// is, reduced, decoded from WebP or TIFF, or as a palette; one stream
// holds each profile; an sRGB or untagged picture stays DeviceRGB; and
// pdftoppm shows the Adobe RGB patches in the sRGB colours Little CMS
// gives them (transicc, see media's testdata/icc/README), not as their
// samples read as sRGB.
func TestPicturesKeepTheirProfiles(t *testing.T) {
	adobe, err := media.ParseProfile(iccTestdata(t, "adobergb-compatible.icc"))
	if err != nil {
		t.Fatal(err)
	}
	var big bytes.Buffer
	if err := jpeg.Encode(&big, patches(900, 300), &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	pal := image.NewPaletted(image.Rect(0, 0, 24, 8), color.Palette{color.RGBA{0, 255, 0, 255}, color.RGBA{200, 40, 40, 255}, color.RGBA{150, 90, 60, 255}})
	for i := range pal.Pix {
		pal.Pix[i] = uint8(i % 24 / 8)
	}
	var palPNG bytes.Buffer
	if err := png.Encode(&palPNG, pal); err != nil {
		t.Fatal(err)
	}
	asset := func(name, mediaType string, data []byte, w, h int) *doc.Asset {
		return &doc.Asset{Path: name, MediaType: mediaType, Data: data, Width: w, Height: h}
	}
	assets := []*doc.Asset{
		asset("jpeg", media.JPEG, iccTestdata(t, "adobe-patches.jpg"), 24, 8),
		asset("png", media.PNG, iccTestdata(t, "adobe-patches.png"), 24, 8),
		asset("webp", media.WebP, iccTestdata(t, "adobe-patches.webp"), 24, 8),
		asset("tiff", media.TIFF, iccTestdata(t, "adobe-patches.tif"), 24, 8),
		asset("reduced", media.JPEG, media.WithProfile(media.JPEG, big.Bytes(), adobe), 900, 300),
		asset("palette", media.PNG, media.WithProfile(media.PNG, palPNG.Bytes(), adobe), 24, 8),
		asset("grey", media.JPEG, iccTestdata(t, "gray.jpg"), 16, 8),
		asset("srgb", media.JPEG, iccTestdata(t, "srgb-tagged.jpg"), 8, 8),
		asset("untagged", media.JPEG, big.Bytes(), 900, 300),
		asset("png untagged", media.PNG, withoutChunk(iccTestdata(t, "adobe-patches.png"), "iCCP"), 24, 8),
		asset("png chrm", media.PNG, withChunks(withoutChunk(iccTestdata(t, "adobe-patches.png"), "iCCP"),
			chunkValues{"gAMA", []uint32{45455}}, chunkValues{"cHRM", []uint32{31270, 32900, 64000, 33000, 21000, 71000, 15000, 6000}}), 24, 8),
	}
	raw, warnings := writePictures(t, DefaultOptions(), 120, 40, assets...)
	if len(warnings) > 0 {
		t.Fatalf("warnings: %v", warnings)
	}
	if !bytes.HasPrefix(raw, []byte("%PDF-1.4")) {
		t.Errorf("header %q, want PDF 1.4 for profiles of version 2", raw[:8])
	}
	f := readBack(t, raw)
	spaces := map[string]int{}
	profiles := map[pdffile.Ref]bool{}
	for _, ref := range f.Refs() {
		img, ok := f.Objects[ref].(*pdffile.Stream)
		if !ok || !img.Dict.Is("Subtype", "Image") || img.Dict["SMask"] == nil && f.Resolve(img.Dict["ColorSpace"]) == pdffile.Name("DeviceGray") && img.Dict["Width"] == pdffile.Int(24) {
			// the translucent pictures' soft masks
			continue
		}
		cs := f.Resolve(img.Dict["ColorSpace"])
		if a, ok := cs.(pdffile.Array); ok && len(a) == 4 && a[0] == pdffile.Name("Indexed") {
			cs = f.Resolve(a[1])
			spaces["Indexed"]++
		}
		a, ok := cs.(pdffile.Array)
		if !ok || len(a) != 2 || a[0] != pdffile.Name("ICCBased") {
			spaces[fmt.Sprint(cs)]++
			continue
		}
		r := a[1].(pdffile.Ref)
		profiles[r] = true
		s := f.Objects[r].(*pdffile.Stream)
		n, _ := pdffile.AsInt(s.Dict["N"])
		spaces[fmt.Sprintf("ICCBased %d %v", n, s.Dict["Alternate"])]++
		z, err := zlib.NewReader(bytes.NewReader(s.Data))
		if err != nil {
			t.Fatal(err)
		}
		p, err := io.ReadAll(z)
		if err != nil {
			t.Fatal(err)
		}
		want := adobe.Data
		switch {
		case n == 1:
			want = iccTestdata(t, "gray.icc")
		case bytes.Contains(p, []byte("PNG cHRM and gAMA")):
			want = p
		}
		if !bytes.Equal(p, want) || !s.Dict.Is("Filter", "FlateDecode") {
			t.Errorf("profile stream of %d bytes, filter %v: not the picture's profile", len(p), s.Dict["Filter"])
		}
	}
	// the Adobe RGB pictures (one the base of a palette; the WebP's and
	// the TIFF's pixels, encoded alike, one image), the grey one; the
	// sRGB and the untagged ones (the PNG's data the same as the tagged
	// one's: encoded otherwise, its own image); the PNG of Adobe RGB's
	// primaries and gamma in cHRM and gAMA, in a profile made of them
	want := map[string]int{"ICCBased 3 DeviceRGB": 6, "Indexed": 1, "ICCBased 1 DeviceGray": 1, "DeviceRGB": 3}
	if fmt.Sprint(spaces) != fmt.Sprint(want) {
		t.Errorf("colour spaces %v, want %v", spaces, want)
	}
	if len(profiles) != 3 {
		t.Errorf("%d profile streams, want one for each of 3 profiles", len(profiles))
	}

	path := filepath.Join(t.TempDir(), "icc.pdf")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	checkQPDF(t, path)
	page := renderPageAt(t, path, "72")
	// each picture is 120 × 40 pt at (20, 20 + 50i); its bands 40 pt wide
	for i, name := range []string{"jpeg", "png", "webp", "tiff", "reduced", "palette", "", "", "untagged", "png untagged", "png chrm"} {
		if name == "" {
			continue
		}
		y := 40 + 50*i
		for _, c := range []struct {
			x           int
			lcms, naive color.RGBA
		}{
			{40, color.RGBA{0, 255, 0, 255}, color.RGBA{0, 255, 0, 255}},
			{80, color.RGBA{233, 35, 35, 255}, color.RGBA{200, 40, 40, 255}},
			{120, color.RGBA{169, 90, 56, 255}, color.RGBA{150, 90, 60, 255}},
		} {
			got := color.RGBAModel.Convert(page.At(c.x, y)).(color.RGBA)
			want := c.lcms
			if name == "untagged" || name == "png untagged" {
				want = c.naive
			}
			if d := colourDistance(got, want); d > 4 {
				t.Errorf("%s at x %d: %v, want %v", name, c.x, got, want)
			}
		}
	}
}

// colourDistance is the largest difference of two colours' channels.
func colourDistance(a, b color.RGBA) int {
	d := 0
	for _, v := range [][2]uint8{{a.R, b.R}, {a.G, b.G}, {a.B, b.B}} {
		d = max(d, abs(int(v[0])-int(v[1])))
	}
	return d
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// withoutChunk is a PNG without its chunks of a kind.
func withoutChunk(data []byte, kind string) []byte {
	out := append([]byte(nil), data[:8]...)
	for at := 8; at+12 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[at:]))
		if string(data[at+4:at+8]) != kind {
			out = append(out, data[at:at+12+n]...)
		}
		at += 12 + n
	}
	return out
}

// TestProfileVersion: a PDF holding a profile says a version that reads
// profiles of its version.
func TestProfileVersion(t *testing.T) {
	for _, tc := range []struct {
		major, minor byte
		want         string
	}{
		{2, 0x10, "1.4"}, {2, 0x40, "1.4"}, {4, 0x00, "1.5"}, {4, 0x10, "1.6"}, {4, 0x20, "1.7"}, {4, 0x30, "1.7"},
	} {
		p := make([]byte, 132)
		p[8], p[9] = tc.major, tc.minor
		if got := profileVersion(p); got != tc.want {
			t.Errorf("version %d.%x: PDF %s, want %s", tc.major, tc.minor>>4, got, tc.want)
		}
	}
}

// chunkValues is a PNG chunk of 4-byte values.
type chunkValues struct {
	kind   string
	values []uint32
}

// withChunks is a PNG with chunks added after its header.
func withChunks(data []byte, chunks ...chunkValues) []byte {
	var added []byte
	for _, ch := range chunks {
		var body []byte
		for _, v := range ch.values {
			body = binary.BigEndian.AppendUint32(body, v)
		}
		c := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
		c = append(append(c, ch.kind...), body...)
		added = append(added, binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))...)
	}
	return slices.Concat(data[:33], added, data[33:])
}

// TestGreyPicturesKeepTheirProfiles: a grey picture of a grey profile,
// embedded as it is or reduced, and an RGB picture all grey of Adobe
// RGB's profile reduced to grey, are ICCBased images of one component:
// the grey profile, and the grey profile of Adobe RGB's greys; two
// pictures of the same colours and other transparency, the second
// registered from its pixels with its alpha channel (registerRGBA), both
// keep their profile.
func TestGreyPicturesKeepTheirProfiles(t *testing.T) {
	adobe, err := media.ParseProfile(iccTestdata(t, "adobergb-compatible.icc"))
	if err != nil {
		t.Fatal(err)
	}
	adobeGreys, ok := adobe.Greys()
	if !ok {
		t.Fatal("no grey profile of Adobe RGB's greys")
	}
	pal := image.NewPaletted(image.Rect(0, 0, 1000, 500), color.Palette{color.Gray{10}, color.Gray{128}, color.Gray{200}})
	for i := range pal.Pix {
		pal.Pix[i] = uint8(i % 1000 * 3 / 1000)
	}
	var palPNG bytes.Buffer
	if err := png.Encode(&palPNG, pal); err != nil {
		t.Fatal(err)
	}
	greyJPEG := iccTestdata(t, "gray.jpg")
	bigGrey := image.NewGray(image.Rect(0, 0, 400, 200))
	for i := range bigGrey.Pix {
		bigGrey.Pix[i] = uint8(i % 400 * 255 / 400)
	}
	var bigJPEG bytes.Buffer
	if err := jpeg.Encode(&bigJPEG, bigGrey, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	grey, err := media.ParseProfile(iccTestdata(t, "gray.icc"))
	if err != nil {
		t.Fatal(err)
	}
	translucent := func(alpha uint8) []byte {
		img := image.NewNRGBA(image.Rect(0, 0, 24, 8))
		for i := 0; i < len(img.Pix); i += 4 {
			copy(img.Pix[i:], []uint8{200, 40, 40, alpha})
		}
		img.Pix[3] = 255
		var b bytes.Buffer
		png.Encode(&b, img)
		return media.WithProfile(media.PNG, b.Bytes(), adobe)
	}
	assets := []*doc.Asset{
		{Path: "half.png", MediaType: media.PNG, Data: translucent(128), Width: 24, Height: 8},
		{Path: "quarter.png", MediaType: media.PNG, Data: translucent(64), Width: 24, Height: 8},
		{Path: "grey.jpg", MediaType: media.JPEG, Data: greyJPEG, Width: 16, Height: 8},
		{Path: "grey-reduced.jpg", MediaType: media.JPEG, Data: media.WithProfile(media.JPEG, bigJPEG.Bytes(), grey), Width: 400, Height: 200},
		{Path: "adobe-greys.png", MediaType: media.PNG, Data: media.WithProfile(media.PNG, palPNG.Bytes(), adobe), Width: 1000, Height: 500},
	}
	raw, warnings := writePictures(t, DefaultOptions(), 60, 30, assets...)
	if len(warnings) > 0 {
		t.Fatalf("warnings: %v", warnings)
	}
	f := readBack(t, raw)
	var got []string
	for _, ref := range f.Refs() {
		img, ok := f.Objects[ref].(*pdffile.Stream)
		if !ok || !img.Dict.Is("Subtype", "Image") || img.Dict["SMask"] == nil && f.Resolve(img.Dict["ColorSpace"]) == pdffile.Name("DeviceGray") && img.Dict["Width"] == pdffile.Int(24) {
			// the translucent pictures' soft masks
			continue
		}
		a, ok := f.Resolve(img.Dict["ColorSpace"]).(pdffile.Array)
		if !ok || len(a) != 2 {
			got = append(got, fmt.Sprint(f.Resolve(img.Dict["ColorSpace"])))
			continue
		}
		s := f.Objects[a[1].(pdffile.Ref)].(*pdffile.Stream)
		z, err := zlib.NewReader(bytes.NewReader(s.Data))
		if err != nil {
			t.Fatal(err)
		}
		p, _ := io.ReadAll(z)
		name := map[string]string{string(grey.Data): "grey", string(adobeGreys.Data): "adobe greys", string(adobe.Data): "adobe"}[string(p)]
		got = append(got, fmt.Sprintf("%v %v %s", s.Dict["N"], img.Dict["Width"], name))
	}
	slices.Sort(got)
	want := []string{"1 16 grey", "1 250 adobe greys", "1 250 grey", "3 24 adobe", "3 24 adobe"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("images %q, want %q", got, want)
	}
}
