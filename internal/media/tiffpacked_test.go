package media

import (
	"image"
	"image/color"
	"os"
	"testing"
)

// A TIFF of 2 or 4 bits a pixel, grey or a palette, or of CMYK, decodes
// to the pixels of the same picture saved as an 8-bit PNG, in every
// compression it may have, where x/image refuses it ("BitsPerSample of
// 4", "color model").
func TestDecodePackedTIFF(t *testing.T) {
	read := func(name string) []byte {
		data, err := os.ReadFile("testdata/packed/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	for _, tc := range []struct {
		file, ref string
		model     string
	}{
		{"pal4-lzw.tif", "four.png", "palette"},           // 2 bits, LZW
		{"pal4-packbits.tif", "four.png", "palette"},      // 2 bits, PackBits, strips of 5 rows
		{"gray4-deflate.tif", "gray4-ref.png", "grey"},    // 4 bits, Deflate
		{"gray2-miniswhite.tif", "gray2-ref.png", "grey"}, // 2 bits, white is zero, none
		{"cmyk-deflate.tif", "four.png", "CMYK"},          // Deflate, horizontal predictor
		{"cmyk-lzw-nopredictor.tif", "four.png", "CMYK"},
		{"cmyk-packbits.tif", "four.png", "CMYK"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data := read(tc.file)
			cfg, err := DecodeConfig(TIFF, data, 0)
			if err != nil {
				t.Fatalf("DecodeConfig: %v", err)
			}
			if cfg.Width != 24 || cfg.Height != 12 {
				t.Errorf("config %d × %d, want 24 × 12", cfg.Width, cfg.Height)
			}
			img, err := Decode(TIFF, data, 0)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			switch img.(type) {
			case *image.Paletted:
				if tc.model != "palette" {
					t.Errorf("decoded as a palette, want %s", tc.model)
				}
			case *image.Gray:
				if tc.model != "grey" {
					t.Errorf("decoded as grey, want %s", tc.model)
				}
			case *image.CMYK:
				if tc.model != "CMYK" {
					t.Errorf("decoded as CMYK, want %s", tc.model)
				}
			default:
				t.Errorf("decoded as %T, want %s", img, tc.model)
			}
			ref, err := Decode(PNG, read(tc.ref), 0)
			if err != nil {
				t.Fatal(err)
			}
			differ, tolerance := 0, 0
			if tc.model == "CMYK" {
				tolerance = 1
			}
			for y := range 12 {
				for x := range 24 {
					// CMYK made of RGB and back: within a unit
					got := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
					if !nearNRGBA(got, color.NRGBAModel.Convert(ref.At(x, y)).(color.NRGBA), tolerance) {
						differ++
					}
				}
			}
			if differ > 0 {
				t.Errorf("%d of 288 pixels differ from %s's", differ, tc.ref)
			}
		})
	}
}

// A strip past the file's end is one message naming it, not a panic or
// garbage.
func TestDecodePackedTIFFCut(t *testing.T) {
	data, err := os.ReadFile("testdata/packed/pal4-packbits.tif")
	if err != nil {
		t.Fatal(err)
	}
	l, err := readTIFF(data)
	if err != nil {
		t.Fatal(err)
	}
	// the second strip moved to the file's last byte: its bytes pass
	// the end
	e := l.entry(tagStripOffsets)
	if e == nil || l.order.Uint16(e[2:]) != 4 || l.order.Uint32(e[4:]) != 3 {
		t.Fatal("pal4-packbits.tif: not three LONG strip offsets")
	}
	at := l.order.Uint32(e[8:]) + 4
	l.order.PutUint32(data[at:], uint32(len(data)-1))
	_, err = Decode(TIFF, data, 0)
	if err == nil {
		t.Fatal("a TIFF cut inside its second strip decoded")
	}
	const want = "cannot decode: TIFF strip 1 at byte"
	if got := err.Error(); len(got) < len(want) || got[:len(want)] != want {
		t.Errorf("error %q, want it to start %q", got, want)
	}
}

// FuzzDecodePackedTIFF checks that unpacking any bytes as a 2- or 4-bit
// TIFF stays in bounds.
func FuzzDecodePackedTIFF(f *testing.F) {
	for _, name := range []string{"pal4-lzw.tif", "pal4-packbits.tif", "gray4-deflate.tif", "gray2-miniswhite.tif", "cmyk-deflate.tif"} {
		if data, err := os.ReadFile("testdata/packed/" + name); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		l, err := readTIFF(data)
		if err != nil {
			return
		}
		if bits, ok := l.packed(data); ok {
			if cfg, err := l.packedConfig(data, bits); err == nil && cfg.Width*cfg.Height <= 1<<20 {
				l.decodePacked(data, bits)
			}
		}
	})
}
