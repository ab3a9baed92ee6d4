package media

import (
	"encoding/binary"
	"image"
	"image/color"
	"os"
	"strings"
	"testing"
)

// TestDecodeYCbCrTIFF: YCbCr TIFFs of each subsampling and compression
// decode as libtiff decodes them (testdata/ycbcr/make.py says how they
// and their references were made), within a level, odd sizes included.
func TestDecodeYCbCrTIFF(t *testing.T) {
	for _, name := range []string{"ycbcr-22-deflate", "ycbcr-21-none", "ycbcr-11-packbits", "ycbcr-42-deflate"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile("testdata/ycbcr/" + name + ".tif")
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := DecodeConfig(TIFF, data, 0)
			if err != nil {
				t.Fatalf("DecodeConfig: %v", err)
			}
			if cfg.Width != 23 || cfg.Height != 11 || cfg.ColorModel != color.YCbCrModel {
				t.Errorf("config %d × %d %v, want 23 × 11 YCbCr", cfg.Width, cfg.Height, cfg.ColorModel)
			}
			img, err := Decode(TIFF, data, 0)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if img.Bounds() != image.Rect(0, 0, 23, 11) {
				t.Fatalf("bounds %v", img.Bounds())
			}
			refData, err := os.ReadFile("testdata/ycbcr/" + name + ".ref.png")
			if err != nil {
				t.Fatal(err)
			}
			ref, err := Decode(PNG, refData, 0)
			if err != nil {
				t.Fatal(err)
			}
			differ := 0
			for y := range 11 {
				for x := range 23 {
					got := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
					if !nearNRGBA(got, color.NRGBAModel.Convert(ref.At(x, y)).(color.NRGBA), 1) {
						differ++
					}
				}
			}
			if differ > 0 {
				t.Errorf("%d of 253 pixels differ from libtiff's by more than a level", differ)
			}
		})
	}
}

// TestYCbCrTIFFRefused: a YCbCr TIFF of a layout not read is one message
// naming it.
func TestYCbCrTIFFRefused(t *testing.T) {
	data, err := os.ReadFile("testdata/ycbcr/ycbcr-22-deflate.tif")
	if err != nil {
		t.Fatal(err)
	}
	subsampling := func(data []byte) []byte {
		// the directory's last entry is YCbCrSubSampling's (make.py)
		ifd := int(binary.LittleEndian.Uint32(data[4:]))
		n := int(binary.LittleEndian.Uint16(data[ifd:]))
		return data[ifd+2+12*(n-1)+8:]
	}
	fourByFour := append([]byte(nil), data...)
	binary.LittleEndian.PutUint32(subsampling(fourByFour), 4|4<<16)
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"4 × 4", fourByFour, "unsupported TIFF: YCbCr subsampled 4 across and 4 down"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode(TIFF, tc.data, 0)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// FuzzDecodeTIFF: no TIFF makes the decoders fail other than with an
// error, and a page decoded has the size its header gave.
func FuzzDecodeTIFF(f *testing.F) {
	for _, dir := range []string{"testdata/ycbcr", "testdata/packed"} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			f.Fatal(err)
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tif") {
				data, err := os.ReadFile(dir + "/" + e.Name())
				if err != nil {
					f.Fatal(err)
				}
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := DecodeConfig(TIFF, data, 1<<22)
		if err != nil {
			return
		}
		img, err := Decode(TIFF, data, 1<<22)
		if err != nil {
			return
		}
		if b := img.Bounds(); b.Dx() != cfg.Width || b.Dy() != cfg.Height {
			t.Fatalf("decoded %v, its header said %d × %d", b, cfg.Width, cfg.Height)
		}
	})
}
