package media

import (
	"bytes"
	"compress/zlib"
	"image"
	"image/color"
	"image/png"
	"io"
	"math/rand/v2"
	"testing"
)

// TestEncodePNG reads back what EncodePNG writes, for each model it
// writes itself and for those it hands to image/png, and checks the
// colour type it chose.
func TestEncodePNG(t *testing.T) {
	const w, h = 37, 23
	gray := image.NewGray(image.Rect(0, 0, w, h))
	rgba := image.NewRGBA(image.Rect(0, 0, w, h))
	nrgba := image.NewNRGBA(image.Rect(0, 0, w, h))
	translucent := image.NewRGBA(image.Rect(0, 0, w, h))
	pal := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.Black, color.White})
	for y := range h {
		for x := range w {
			// Flat runs, gradients and noise, so both filters are chosen.
			v := uint8(x * y)
			if y%3 == 0 {
				v = uint8(x * 7)
			}
			gray.SetGray(x, y, color.Gray{v})
			rgba.SetRGBA(x, y, color.RGBA{v, uint8(y * 11), 200, 255})
			nrgba.SetNRGBA(x, y, color.NRGBA{v, 40, uint8(x), uint8(x * 9)})
			translucent.SetRGBA(x, y, color.RGBA{10, 20, 30, 128})
			pal.SetColorIndex(x, y, uint8((x+y)%2))
		}
	}
	// A sub-image starts inside its parent's pixels.
	sub := rgba.SubImage(image.Rect(5, 4, 30, 20)).(*image.RGBA)
	for _, tc := range []struct {
		name       string
		img        image.Image
		colourType byte
	}{
		{"grey", gray, 0},
		{"opaque RGBA", rgba, 2},
		{"sub-image", sub, 2},
		{"NRGBA", nrgba, 6},
		{"translucent RGBA", translucent, 6},
		{"paletted", pal, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := EncodePNG(tc.img)
			if err != nil {
				t.Fatal(err)
			}
			if got := data[25]; got != tc.colourType {
				t.Errorf("colour type %d, want %d", got, tc.colourType)
			}
			back, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			b := tc.img.Bounds()
			if back.Bounds().Dx() != b.Dx() || back.Bounds().Dy() != b.Dy() {
				t.Fatalf("size %v, want %v", back.Bounds().Size(), b.Size())
			}
			for y := 0; y < b.Dy(); y++ {
				for x := 0; x < b.Dx(); x++ {
					want := color.NRGBAModel.Convert(tc.img.At(b.Min.X+x, b.Min.Y+y))
					if got := color.NRGBAModel.Convert(back.At(x, y)); got != want {
						t.Fatalf("pixel %d,%d is %v, want %v", x, y, got, want)
					}
				}
			}
		})
	}
}

func BenchmarkEncodePNGScreenshot(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 2800, 1400))
	for y := range 1400 {
		for x := range 2800 {
			c := color.RGBA{240, 240, 240, 255}
			if y%40 < 16 && x%300 < 200 {
				c = color.RGBA{uint8(x), 30, uint8(y), 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	for b.Loop() {
		EncodePNG(img)
	}
}

// TestUpFilter checks the one-pass Up filter and sums of magnitudes
// against a byte at a time, over every value, rows long enough to fold
// their sums several times and tails of every length.
func TestUpFilter(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	cur, prev := make([]uint8, 3000+7), make([]uint8, 3000+7)
	for i := range cur {
		cur[i], prev[i] = uint8(i*37), uint8(rng.IntN(256))
	}
	// a stretch of the largest magnitude, 128, in both rows' filters
	for i := 100; i < 2200; i++ {
		cur[i], prev[i] = 0x80, 0
	}
	for _, n := range []int{len(cur), 3000, 1024, 256, 13, 3, 0} {
		want := make([]uint8, n)
		wantUp, wantNone := 0, 0
		for i := range n {
			want[i] = cur[i] - prev[i]
			wantUp += min(int(want[i]), 256-int(want[i]))
			wantNone += min(int(cur[i]), 256-int(cur[i]))
		}
		got := make([]uint8, n)
		sumUp, sumNone := upFilter(got, cur[:n], prev[:n])
		if !bytes.Equal(got, want) || sumUp != wantUp || sumNone != wantNone {
			t.Errorf("%d bytes: sums %d, %d, want %d, %d; filtered alike: %v", n, sumUp, sumNone, wantUp, wantNone, bytes.Equal(got, want))
		}
	}
}

// TestDropAlphaAndOpaque checks the word-at-a-time copy of an RGBA row's
// colours and the search of a picture for transparency against plain
// loops, at every width up to 19 and on sub-images.
func TestDropAlphaAndOpaque(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for w := 1; w < 20; w++ {
		src := make([]uint8, 4*w)
		for i := range src {
			src[i] = uint8(rng.IntN(256))
		}
		got := make([]uint8, 3*w)
		dropAlpha(got, src)
		for x := range w {
			if !bytes.Equal(got[3*x:3*x+3], src[4*x:4*x+3]) {
				t.Fatalf("%d wide: pixel %d copied as %v from %v", w, x, got[3*x:3*x+3], src[4*x:4*x+4])
			}
		}
		for _, translucent := range []int{-1, 0, w / 2, w - 1} {
			img := image.NewNRGBA(image.Rect(0, 0, w+2, 3))
			for i := range img.Pix {
				img.Pix[i] = 0xff
			}
			img.Pix[img.PixOffset(0, 2)+3] = 0 // outside the sub-image
			sub := img.SubImage(image.Rect(1, 0, w+1, 2)).(*image.NRGBA)
			if translucent >= 0 {
				sub.Pix[sub.PixOffset(1+translucent, 1)+3] = 254
			}
			rgba := &image.RGBA{Pix: sub.Pix, Stride: sub.Stride, Rect: sub.Rect}
			if Opaque(sub) != sub.Opaque() || Opaque(rgba) != rgba.Opaque() {
				t.Fatalf("%d wide, translucent at %d: Opaque %v, image package %v", w, translucent, Opaque(sub), sub.Opaque())
			}
		}
	}
}

// TestEncodeColoursAndOpacity checks the split a picture with
// transparency gets in one pass: its colours read back as the picture
// made opaque, written as EncodePNG writes that picture, and its opacity
// inflates to its alpha bytes; a sub-image too.
func TestEncodeColoursAndOpacity(t *testing.T) {
	const w, h = 41, 19
	rng := rand.New(rand.NewPCG(3, 4))
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		m.Pix[i] = uint8(rng.IntN(4) * 60)
	}
	for _, img := range []*image.NRGBA{m, m.SubImage(image.Rect(3, 2, 40, 17)).(*image.NRGBA)} {
		b := img.Bounds()
		colours, opacity, err := EncodeColoursAndOpacity(img)
		if err != nil {
			t.Fatal(err)
		}
		opaque := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		var alpha []byte
		for y := range b.Dy() {
			for x := range b.Dx() {
				c := img.NRGBAAt(b.Min.X+x, b.Min.Y+y)
				opaque.SetRGBA(x, y, color.RGBA{c.R, c.G, c.B, 0xff})
				alpha = append(alpha, c.A)
			}
		}
		want, err := EncodePNG(opaque)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(colours, want) {
			t.Errorf("%v: colours differ from EncodePNG's of the opaque picture", b)
		}
		zr, err := zlib.NewReader(bytes.NewReader(opacity))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, alpha) {
			t.Errorf("%v: opacity differs from the alpha bytes", b)
		}
	}
	if _, _, err := EncodeColoursAndOpacity(image.NewNRGBA(image.Rect(0, 0, 0, 3))); err == nil {
		t.Error("a picture with no pixels: no error")
	}
}
