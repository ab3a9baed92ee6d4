package media

import (
	"encoding/binary"
	"image"
	"image/color"
	"os"
	"testing"
)

// A lossy WebP's colours are those libwebp (dwebp) and browsers give:
// its studio-range samples read as full range would make black dark
// grey (10, 20, 8) and the red (197, 43, 43).
func TestDecodeWebPLossyColours(t *testing.T) {
	for _, tc := range []struct {
		file   string
		alpha  uint8 // of the white and black halves
		opaque bool
	}{
		{"lossy.webp", 255, true},
		{"lossy-alpha.webp", 102, false},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/raster/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			img, err := Decode(WebP, data, 0)
			if err != nil {
				t.Fatal(err)
			}
			if Opaque(img) != tc.opaque {
				t.Errorf("opaque = %v, want %v", !tc.opaque, tc.opaque)
			}
			for _, want := range []struct {
				x, y int
				c    color.NRGBA
			}{
				{8, 8, color.NRGBA{208, 33, 33, 255}},
				{20, 8, color.NRGBA{255, 255, 255, tc.alpha}},
				{28, 8, color.NRGBA{0, 1, 0, tc.alpha}},
			} {
				got := color.NRGBAModel.Convert(img.At(want.x, want.y)).(color.NRGBA)
				if !nearNRGBA(got, want.c, 3) {
					t.Errorf("pixel (%d, %d) = %v, want %v (dwebp's)", want.x, want.y, got, want.c)
				}
			}
		})
	}
}

func nearNRGBA(a, b color.NRGBA, tolerance int) bool {
	d := func(x, y uint8) bool { return max(int(x)-int(y), int(y)-int(x)) <= tolerance }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B) && d(a.A, b.A)
}

// An animated WebP prints its first frame, placed on its canvas, where
// x/image/webp calls the animation an invalid format.
func TestDecodeWebPAnimated(t *testing.T) {
	data, err := os.ReadFile("testdata/raster/animated.webp")
	if err != nil {
		t.Fatal(err)
	}
	img, err := Decode(WebP, data, 0)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b != image.Rect(0, 0, 32, 16) {
		t.Fatalf("bounds %v, want 32 × 16", b)
	}
	// the first frame: red on the left (the second is mirrored)
	for _, want := range []struct {
		x, y int
		c    color.NRGBA
	}{
		{8, 8, color.NRGBA{208, 33, 33, 255}},
		{20, 8, color.NRGBA{255, 255, 255, 255}},
		{28, 8, color.NRGBA{0, 1, 0, 255}},
	} {
		got := color.NRGBAModel.Convert(img.At(want.x, want.y)).(color.NRGBA)
		if !nearNRGBA(got, want.c, 3) {
			t.Errorf("pixel (%d, %d) = %v, want %v", want.x, want.y, got, want.c)
		}
	}
}

// A first frame smaller than the canvas is placed at its offset, the
// canvas transparent around it; its ALPH chunk gives it its opacity.
func TestDecodeWebPFramePlaced(t *testing.T) {
	still, err := os.ReadFile("testdata/raster/lossy-alpha.webp")
	if err != nil {
		t.Fatal(err)
	}
	chunks, ok := riffChunks(still)
	if !ok {
		t.Fatal("lossy-alpha.webp: chunks cannot be walked")
	}
	anmf := []byte{1, 0, 0, 2, 0, 0} // offset (2, 4), in twos
	anmf = append(anmf, 31, 0, 0, 15, 0, 0, 100, 0, 0, 0)
	for _, c := range chunks {
		if c.kind == "ALPH" || c.kind == "VP8 " {
			anmf = appendChunk(anmf, c.kind, c.data)
		}
	}
	vp8x := []byte{0x12, 0, 0, 0, 39, 0, 0, 23, 0, 0} // animation, alpha; 40 × 24
	body := appendChunk(nil, "VP8X", vp8x)
	body = appendChunk(body, "ANIM", []byte{0, 0, 0, 0, 0, 0})
	body = appendChunk(body, "ANMF", anmf)
	body = appendChunk(body, "ANMF", anmf)
	data := binary.LittleEndian.AppendUint32([]byte("RIFF"), uint32(4+len(body)))
	data = append(append(data, "WEBP"...), body...)

	img, err := Decode(WebP, data, 0)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b != image.Rect(0, 0, 40, 24) {
		t.Fatalf("bounds %v, want the canvas, 40 × 24", b)
	}
	for _, want := range []struct {
		x, y int
		c    color.NRGBA
	}{
		{1, 1, color.NRGBA{}},
		{39, 23, color.NRGBA{}},
		{2 + 8, 4 + 8, color.NRGBA{208, 33, 33, 255}},
		{2 + 20, 4 + 8, color.NRGBA{255, 255, 255, 102}},
	} {
		got := color.NRGBAModel.Convert(img.At(want.x, want.y)).(color.NRGBA)
		if !nearNRGBA(got, want.c, 3) {
			t.Errorf("pixel (%d, %d) = %v, want %v", want.x, want.y, got, want.c)
		}
	}
}

// FuzzWebPFrame checks that walking any animated WebP's chunks stays in
// bounds.
func FuzzWebPFrame(f *testing.F) {
	if data, err := os.ReadFile("testdata/raster/animated.webp"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		firstWebPFrame(data)
	})
}
