package media

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/internal/diag"
)

// TestEmbeddedProfile: each format's profile is found whole, the same
// bytes as the profile file the picture was made with.
func TestEmbeddedProfile(t *testing.T) {
	adobe := readTestdata(t, "icc/adobergb-compatible.icc")
	gray := readTestdata(t, "icc/gray.icc")
	for _, tc := range []struct {
		file, mediaType string
		want            []byte
		components      int
		srgb            bool
	}{
		{"icc/adobe-patches.jpg", JPEG, adobe, 3, false},
		{"icc/adobe-patches.png", PNG, adobe, 3, false},
		{"icc/adobe-patches.webp", WebP, adobe, 3, false},
		{"icc/adobe-patches.tif", TIFF, adobe, 3, false},
		{"icc/gray.jpg", JPEG, gray, 1, false},
		{"icc/srgb-tagged.jpg", JPEG, nil, 3, true},
		{"raster/lossy.webp", WebP, nil, 0, false},
		{"raster/rgb-lzw.tif", TIFF, nil, 0, false},
	} {
		t.Run(tc.file, func(t *testing.T) {
			p, err := EmbeddedProfile(tc.mediaType, readTestdata(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if tc.want != nil && !bytes.Equal(p.Data, tc.want) {
				t.Errorf("profile of %d bytes, want the %d of the file", len(p.Data), len(tc.want))
			}
			if p.Components != tc.components || p.SRGB() != tc.srgb {
				t.Errorf("%d components, sRGB %v; want %d, %v", p.Components, p.SRGB(), tc.components, tc.srgb)
			}
			carried := CarriedProfile(tc.mediaType, readTestdata(t, tc.file))
			if (carried.Data != nil) != (tc.want != nil) {
				t.Errorf("carried %d bytes", len(carried.Data))
			}
		})
	}
}

// appendICCSegments adds APP2 segments after a JPEG's start, each with
// the given sequence number and count and the given part.
func appendICCSegments(jpg []byte, segs ...[]byte) []byte {
	out := append([]byte(nil), jpg[:2]...)
	for _, s := range segs {
		n := 2 + len(s)
		out = append(out, 0xff, 0xe2, byte(n>>8), byte(n))
		out = append(out, s...)
	}
	return append(out, jpg[2:]...)
}

func iccSegment(seq, count int, part []byte) []byte {
	return append(append([]byte(iccMarker), byte(seq), byte(count)), part...)
}

// TestJPEGProfileParts: a profile split over segments is joined in the
// order of their numbers, whatever order they come in; one with a part
// missing, repeated or miscounted is damaged.
func TestJPEGProfileParts(t *testing.T) {
	adobe := readTestdata(t, "icc/adobergb-compatible.icc")
	plain := readTestdata(t, "raster/cmyk-adobe.jpg")
	a, b, c := adobe[:100], adobe[100:400], adobe[400:]
	for _, tc := range []struct {
		name string
		segs [][]byte
		err  string
	}{
		{"in order", [][]byte{iccSegment(1, 3, a), iccSegment(2, 3, b), iccSegment(3, 3, c)}, ""},
		{"out of order", [][]byte{iccSegment(3, 3, c), iccSegment(1, 3, a), iccSegment(2, 3, b)}, ""},
		{"missing", [][]byte{iccSegment(1, 3, a), iccSegment(3, 3, c)}, "ICC profile lacks its segment 2 of 3"},
		{"repeated", [][]byte{iccSegment(1, 3, a), iccSegment(1, 3, b)}, "ICC profile segment numbered 1 of 3, out of place"},
		{"miscounted", [][]byte{iccSegment(1, 3, a), iccSegment(2, 2, b)}, "ICC profile's segments say it has 3 parts and 2"},
		{"numbered 0", [][]byte{iccSegment(0, 1, adobe)}, "ICC profile segment numbered 0 of 1, out of place"},
		{"cut short", [][]byte{[]byte(iccMarker)}, "ICC profile segment cut short"},
		{"truncated profile", [][]byte{iccSegment(1, 1, adobe[:300])}, "ICC profile claims 580 bytes, has 300"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := EmbeddedProfile(JPEG, appendICCSegments(plain, tc.segs...))
			switch {
			case tc.err == "" && err != nil:
				t.Fatal(err)
			case tc.err == "" && !bytes.Equal(p.Data, adobe):
				t.Errorf("joined %d bytes, not the profile", len(p.Data))
			case tc.err != "" && (err == nil || err.Error() != tc.err):
				t.Errorf("error %v, want %q", err, tc.err)
			}
		})
	}
}

// TestParseProfileDamaged: each check of a profile's structure names
// what is wrong.
func TestParseProfileDamaged(t *testing.T) {
	adobe := readTestdata(t, "icc/adobergb-compatible.icc")
	with := func(change func(p []byte)) []byte {
		p := bytes.Clone(adobe)
		change(p)
		return p
	}
	for _, tc := range []struct {
		name    string
		profile []byte
		err     string
	}{
		{"short", adobe[:100], "ICC profile of 100 bytes, shorter than its header"},
		{"size", with(func(p []byte) { binary.BigEndian.PutUint32(p, 9999) }), "ICC profile claims 9999 bytes, has 580"},
		{"signature", with(func(p []byte) { copy(p[36:], "xxxx") }), "ICC profile lacks its 'acsp' signature"},
		{"class", with(func(p []byte) { copy(p[12:], "link") }), `ICC profile of class "link", which does not describe a picture's colours`},
		{"space", with(func(p []byte) { copy(p[16:], "Lab ") }), `ICC profile of colour space "Lab ", not grey, RGB or CMYK`},
		{"tag count", with(func(p []byte) { binary.BigEndian.PutUint32(p[128:], 1000) }), "ICC profile's tag table of 1000 tags runs past its 580 bytes"},
		{"tag place", with(func(p []byte) { binary.BigEndian.PutUint32(p[132+4:], 570) }), "lies outside its 580 bytes"},
		{"no matrix", with(func(p []byte) {
			for i := range int(binary.BigEndian.Uint32(p[128:])) {
				if string(p[132+12*i:][:4]) == "rXYZ" {
					copy(p[132+12*i:], "zzzz")
				}
			}
		}), "ICC profile has no tags turning its samples into colours"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseProfile(tc.profile)
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("error %v, want %q", err, tc.err)
			}
		})
	}
	if p, err := ParseProfile(append(bytes.Clone(adobe), 0, 0, 0)); err != nil || len(p.Data) != len(adobe) {
		t.Errorf("padded profile: %v, %d bytes", err, len(p.Data))
	}
}

// TestWithProfile: a re-encoded picture carries the profile, which reads
// back whole; one of another colour space is left out.
func TestWithProfile(t *testing.T) {
	adobe, err := ParseProfile(readTestdata(t, "icc/adobergb-compatible.icc"))
	if err != nil {
		t.Fatal(err)
	}
	big := Profile{Data: bytes.Repeat(adobe.Data, 200), Components: 3} // split over two segments
	binary.BigEndian.PutUint32(big.Data, uint32(len(big.Data)))
	rgb := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for i := 3; i < len(rgb.Pix); i += 4 {
		rgb.Pix[i] = 0xff
	}
	gray := image.NewGray(image.Rect(0, 0, 4, 4))
	var jbuf, gbuf bytes.Buffer
	jpeg.Encode(&jbuf, rgb, nil)
	jpeg.Encode(&gbuf, gray, nil)
	rgbPNG, err := EncodePNG(rgb)
	if err != nil {
		t.Fatal(err)
	}
	grayPNG, err := EncodePNG(gray)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, mediaType string
		data            []byte
		p               Profile
		kept            bool
	}{
		{"jpeg", JPEG, jbuf.Bytes(), adobe, true},
		{"jpeg split", JPEG, jbuf.Bytes(), big, true},
		{"grey jpeg", JPEG, gbuf.Bytes(), adobe, true},
		{"png", PNG, rgbPNG, adobe, true},
		{"grey png", PNG, grayPNG, adobe, true},
		{"cmyk profile, rgb png", PNG, rgbPNG, Profile{Data: adobe.Data, Components: 4}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := WithProfile(tc.mediaType, tc.data, tc.p)
			if !tc.kept {
				if !bytes.Equal(out, tc.data) {
					t.Error("profile of another colour space added")
				}
				return
			}
			want := tc.p
			if strings.HasPrefix(tc.name, "grey") {
				// the grey profile of the RGB profile's greys
				want, _ = tc.p.Greys()
			}
			got, err := EmbeddedProfile(tc.mediaType, out)
			if err != nil || !bytes.Equal(got.Data, want.Data) {
				t.Fatalf("read back %d bytes, %v", len(got.Data), err)
			}
			if damaged(tc.mediaType, out) != nil {
				t.Error("file damaged")
			}
			img, err := Decode(tc.mediaType, out, 0)
			if err != nil {
				t.Fatal(err)
			}
			if c := color.RGBAModel.Convert(img.At(1, 1)).(color.RGBA); c.R > 2 || c.A != 255 {
				t.Errorf("pixel %v", c)
			}
		})
	}
}

// TestReductionCarriesProfile: a profiled picture reduced for the EPUB
// carries its profile; an sRGB one comes out as an untagged one does.
func TestReductionCarriesProfile(t *testing.T) {
	adobe := readTestdata(t, "icc/adobergb-compatible.icc")
	for _, tc := range []struct {
		file, mediaType string
		want            []byte
	}{
		{"icc/adobe-patches.jpg", JPEG, adobe},
		{"icc/adobe-patches.png", PNG, adobe},
		{"icc/adobe-patches.webp", WebP, adobe},
		{"icc/adobe-patches.tif", TIFF, adobe},
		{"icc/srgb-tagged.jpg", JPEG, nil},
		{"icc/gray.jpg", JPEG, readTestdata(t, "icc/gray.icc")},
	} {
		t.Run(tc.file, func(t *testing.T) {
			r := NewCache().ReduceBy(tc.mediaType, readTestdata(t, tc.file), 2, 0, nil)
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			p, err := EmbeddedProfile(r.MediaType, r.Data)
			if err != nil || !bytes.Equal(p.Data, tc.want) {
				t.Errorf("%s reduction carries %d bytes of profile (%v), want %d", r.MediaType, len(p.Data), err, len(tc.want))
			}
		})
	}
}

// TestDamagedProfileWarning: a picture whose profile is damaged is shown
// all the same, with one warning naming the file however often placed.
func TestDamagedProfileWarning(t *testing.T) {
	adobe := readTestdata(t, "icc/adobergb-compatible.icc")
	bad := appendICCSegments(readTestdata(t, "raster/cmyk-adobe.jpg"), iccSegment(1, 2, adobe[:200]))
	fsys := fstest.MapFS{"pics/bad.jpg": {Data: bad}, "pics/good.jpg": {Data: readTestdata(t, "icc/adobe-patches.jpg")}}
	book, imgs := chapter("one.md", "pics/bad.jpg", "pics/good.jpg", "pics/bad.jpg")
	warnings, err := Load(book, fsys, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`one.md:7: image "pics/bad.jpg": pics/bad.jpg: its colour profile is ignored, its colours shown as sRGB: ICC profile lacks its segment 2 of 2`}
	assertPrefixes(t, "warnings", lines(warnings), want)
	if len(warnings) == 1 && (warnings[0].Code != "image.profile" || warnings[0].Severity != diag.Warning) {
		t.Errorf("code %q, severity %s", warnings[0].Code, warnings[0].Severity)
	}
	for _, img := range imgs {
		if img.Asset == nil {
			t.Errorf("%s left out", img.Src)
		}
	}
}

// FuzzEmbeddedProfile: no picture's header makes the profile readers
// fail other than with an error.
func FuzzEmbeddedProfile(f *testing.F) {
	if p, err := os.ReadFile("/usr/share/color/icc/ghostscript/default_cmyk.icc"); err == nil {
		f.Add(WithProfile(JPEG, readTestdata(f, "icc/cmyk-patches.jpg"), Profile{Data: p, Components: 4}))
	}
	for _, name := range []string{"icc/adobe-patches.jpg", "icc/adobe-patches.png", "icc/adobe-patches.webp", "icc/adobe-patches.tif", "icc/gray.jpg"} {
		f.Add(readTestdata(f, name))
	}
	for _, name := range []string{"icc/v4-cmyk-lab.icc", "icc/v4-cmyk-xyz.icc"} {
		f.Add(WithProfile(JPEG, readTestdata(f, "icc/cmyk-patches.jpg"), Profile{Data: readTestdata(f, name), Components: 4}))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		mt, _ := Sniff(data)
		p, err := EmbeddedProfile(mt, data)
		if err == nil && p.Data != nil {
			p.SRGB()
			WithProfile(PNG, data, p)
			WithProfile(JPEG, data, p)
			CMYKToSRGB(image.NewCMYK(image.Rect(0, 0, 2, 1)), p)
			p.Greys()
		}
	})
}

// patchesWithChunks is a 24 × 8 PNG of the three patches, with the chunks
// given before its pixels.
func patchesWithChunks(t *testing.T, chunks ...[]byte) []byte {
	t.Helper()
	data := readTestdata(t, "icc/adobe-patches.png")
	var out []byte
	out = append(out, data[:33]...) // signature and IHDR
	for _, c := range chunks {
		out = append(out, c...)
	}
	for at := 33; at+12 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[at:]))
		if string(data[at+4:at+8]) != "iCCP" {
			out = append(out, data[at:at+12+n]...)
		}
		at += 12 + n
	}
	return out
}

func pngChunk(kind string, values ...uint32) []byte {
	var data []byte
	for _, v := range values {
		data = binary.BigEndian.AppendUint32(data, v)
	}
	return rawChunk(kind, data)
}

func rawChunk(kind string, data []byte) []byte {
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	c = append(append(c, kind...), data...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

// TestChunkProfile: a PNG's cHRM of primaries other than sRGB's gives a
// profile of them, D50-adapted as ICC profiles hold them (Adobe RGB's as
// the Adobe RGB profile of the testdata has them), with gAMA's gamma or,
// where the decoder turns the samples to sRGB's curve, sRGB's; sRGB's
// own cHRM, or one beside an sRGB chunk, gives none.
func TestChunkProfile(t *testing.T) {
	adobeCHRM := pngChunk("cHRM", 31270, 32900, 64000, 33000, 21000, 71000, 15000, 6000)
	srgbCHRM := pngChunk("cHRM", 31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000)
	adobe, err := ParseProfile(readTestdata(t, "icc/adobergb-compatible.icc"))
	if err != nil {
		t.Fatal(err)
	}
	adobeTags, _ := profileTags(adobe.Data)
	for _, tc := range []struct {
		name   string
		chunks [][]byte
		gamma  float64 // 0: none; -1: sRGB's curve
	}{
		{"adobe, gamma 2.2", [][]byte{pngChunk("gAMA", 45455), adobeCHRM}, 2.2},
		{"adobe, gamma 1.0 converted", [][]byte{pngChunk("gAMA", 100000), adobeCHRM}, -1},
		{"adobe, no gAMA", [][]byte{adobeCHRM}, -1},
		{"srgb", [][]byte{pngChunk("gAMA", 45455), srgbCHRM}, 0},
		{"adobe beside sRGB", [][]byte{rawChunk("sRGB", []byte{0}), adobeCHRM}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := CarriedProfile(PNG, patchesWithChunks(t, tc.chunks...))
			if tc.gamma == 0 {
				if p.Data != nil {
					t.Errorf("profile of %d bytes, want none", len(p.Data))
				}
				return
			}
			if p.Data == nil {
				t.Fatal("no profile")
			}
			tags, err := profileTags(p.Data)
			if err != nil {
				t.Fatal(err)
			}
			for _, sig := range []string{"rXYZ", "gXYZ", "bXYZ"} {
				got, _ := xyzTag(tags[sig])
				want, _ := xyzTag(adobeTags[sig])
				for i := range 3 {
					if math.Abs(got[i]-want[i]) > 0.002 {
						t.Errorf("%s %v, want the Adobe RGB profile's %v", sig, got, want)
						break
					}
				}
			}
			curve, ok := toneCurve(tags["gTRC"])
			if !ok {
				t.Fatal("no green tone curve")
			}
			want := srgbLight(0.5)
			if tc.gamma > 0 {
				want = math.Pow(0.5, tc.gamma)
			}
			if got := curve(0.5); math.Abs(got-want) > 0.002 {
				t.Errorf("tone curve at 0.5: %.4f, want %.4f", got, want)
			}
		})
	}
}

// TestGreysAsLittleCMS: the grey profile of an RGB profile's greys shows
// a grey sample as the RGB profile shows red, green and blue of it, and a
// grey palette reduced, encoded in grey, carries it. Adobe RGB's greys
// are of colourants and curves: transicc -i adobergb-compatible.icc -o
// '*sRGB' -t 1 gives 2.66, 61.77, 129.03 and 201.31 for 10, 64, 128 and
// 200, and the same for the grey profile to a hundredth. rgb-table.icc is
// made of tables alone (no colourants, no tone curves);
// testdata/icc/README gives Little CMS's figures for it.
func TestGreysAsLittleCMS(t *testing.T) {
	type shown struct{ sample, lcms float64 }
	for _, tc := range []struct {
		profile string
		greys   []shown
	}{
		{"icc/adobergb-compatible.icc", []shown{{10, 2.6578}, {64, 61.7732}, {128, 129.0307}, {200, 201.3080}}},
		{"icc/rgb-table.icc", []shown{{10, 6.4532}, {64, 52.6897}, {128, 122.7039}, {200, 198.4601}, {250, 249.8412}}},
	} {
		t.Run(tc.profile, func(t *testing.T) {
			rgb, err := ParseProfile(readTestdata(t, tc.profile))
			if err != nil {
				t.Fatal(err)
			}
			grey, ok := rgb.Greys()
			if !ok || grey.Components != 1 {
				t.Fatalf("no grey profile: %v, %d components", ok, grey.Components)
			}
			tags, _ := profileTags(grey.Data)
			curve, ok := toneCurve(tags["kTRC"])
			if !ok {
				t.Fatal("no kTRC")
			}
			for _, g := range tc.greys {
				if got := 255 * srgbEncode(curve(g.sample/255)); math.Abs(got-g.lcms) > 0.5 {
					t.Errorf("grey %v shown as sRGB %.2f, want %.2f", g.sample, got, g.lcms)
				}
			}
			pal := image.NewPaletted(image.Rect(0, 0, 8, 8), color.Palette{color.Gray{10}, color.Gray{128}})
			for i := range pal.Pix {
				pal.Pix[i] = uint8(i / 32)
			}
			var buf bytes.Buffer
			if err := png.Encode(&buf, pal); err != nil {
				t.Fatal(err)
			}
			r := NewCache().ReduceBy(PNG, WithProfile(PNG, buf.Bytes(), rgb), 2, 0, nil)
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			p, err := EmbeddedProfile(r.MediaType, r.Data)
			if err != nil || r.Data[25] != 0 || !bytes.Equal(p.Data, grey.Data) {
				t.Errorf("reduction of colour type %d carries %d bytes of profile (%v), want the %d of the grey one", r.Data[25], len(p.Data), err, len(grey.Data))
			}
		})
	}
}
