package media

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image/color"
	"math"
	"os"
	"testing"
)

// pngWithChunks is a 1 × 1 grey PNG with the chunks before its pixels.
func pngWithChunks(chunks ...[2]string) []byte {
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	write := func(kind, body string) {
		binary.Write(&out, binary.BigEndian, uint32(len(body)))
		out.WriteString(kind + body)
		binary.Write(&out, binary.BigEndian, crc32.ChecksumIEEE([]byte(kind+body)))
	}
	write("IHDR", "\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00")
	for _, c := range chunks {
		write(c[0], c[1])
	}
	write("IDAT", "\x78\x9c\x62\x60\x00\x00\x00\x02\x00\x01")
	write("IEND", "")
	return out.Bytes()
}

func gAMA(g uint32) [2]string {
	return [2]string{"gAMA", string(binary.BigEndian.AppendUint32(nil, g))}
}

// The exponent is asked for by a gAMA chunk other than sRGB's, and only
// when no sRGB or iCCP chunk says the colours otherwise, as browsers read
// them.
func TestPNGGamma(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want float64 // 0: none
	}{
		{"none", pngWithChunks(), 0},
		{"sRGB's, 1/2.2", pngWithChunks(gAMA(45455)), 0},
		{"0.45, within 5% of sRGB's", pngWithChunks(gAMA(45000)), 0},
		{"0.5", pngWithChunks(gAMA(50000)), 2},
		{"1.0", pngWithChunks(gAMA(100000)), 1},
		{"1/2.5", pngWithChunks(gAMA(40000)), 2.5},
		{"with sRGB", pngWithChunks(gAMA(100000), [2]string{"sRGB", "\x00"}), 0},
		{"with a profile", pngWithChunks([2]string{"iCCP", "p\x00\x00"}, gAMA(100000)), 0},
		{"zero", pngWithChunks(gAMA(0)), 0},
		{"after the pixels", append(pngWithChunks()[:len(pngWithChunks())-12], pngWithChunks(gAMA(100000))[33:]...), 0},
		{"cut short", pngWithChunks(gAMA(100000))[:40], 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := PNGGamma(tc.data)
			if ok != (tc.want != 0) || ok && math.Abs(got-tc.want) > 1e-4 {
				t.Errorf("PNGGamma = %v, %v; want %v", got, ok, tc.want)
			}
		})
	}
}

// The PngSuite's gamma pictures, made to look alike where gAMA is
// followed, decode to the greys Chromium shows them in (187 where their
// samples are 127 at gamma 1.0), whatever their kind: 16-bit grey, a
// 4-bit palette, 8-bit RGB, RGB with an alpha channel.
func TestDecodePNGGamma(t *testing.T) {
	for _, tc := range []struct {
		file  string
		x, y  int
		want  color.NRGBA
		kinds string
	}{
		{"g10n0g16.png", 16, 8, color.NRGBA{187, 187, 187, 255}, "16-bit grey, gamma 1.0"},
		{"g10n0g16.png", 5, 5, color.NRGBA{236, 236, 236, 255}, "16-bit grey, gamma 1.0"},
		{"g25n3p04.png", 16, 8, color.NRGBA{0, 187, 187, 255}, "palette, gamma 2.5"},
		{"g25n3p04.png", 5, 5, color.NRGBA{255, 255, 0, 255}, "palette, gamma 2.5"},
		{"g03n2c08.png", 16, 8, color.NRGBA{0, 187, 0, 255}, "RGB, gamma 0.35"},
		{"g03n2c08.png", 5, 5, color.NRGBA{235, 0, 0, 255}, "RGB, gamma 0.35"},
		{"basn6a08.png", 31, 31, color.NRGBA{0, 99, 255, 255}, "RGBA, gamma 1.0, opaque"},
	} {
		t.Run(tc.file+" "+tc.kinds, func(t *testing.T) {
			data, err := os.ReadFile("testdata/pngsuite/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			img, err := Decode(PNG, data, 0)
			if err != nil {
				t.Fatal(err)
			}
			got := color.NRGBAModel.Convert(img.At(tc.x, tc.y)).(color.NRGBA)
			if !nearNRGBA(got, tc.want, 1) {
				t.Errorf("pixel (%d, %d) = %v, want %v", tc.x, tc.y, got, tc.want)
			}
		})
	}
}
