package media

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"testing"
)

// pngKinds are pictures of each kind reducePNG reads, and some it leaves
// to image/png, with noise and flat runs so that the encoder uses every
// row filter.
func pngKinds(t testing.TB) map[string][]byte {
	rng := rand.New(rand.NewPCG(3, 4))
	level := func(x, y int) uint8 {
		if (x/7+y/5)%3 == 0 {
			return uint8(rng.IntN(256))
		}
		return uint8(x*3 + y)
	}
	const w, h = 37, 23
	rgba := image.NewNRGBA(image.Rect(0, 0, w, h))
	opaque := image.NewNRGBA(image.Rect(0, 0, w, h))
	rgb := image.NewRGBA(image.Rect(0, 0, w, h))
	gray := image.NewGray(image.Rect(0, 0, w, h))
	pal := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.Black, color.White, color.NRGBA{200, 0, 0, 128}})
	deep := image.NewNRGBA64(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.NRGBA{level(x, y), level(y, x), level(x+y, x), 255}
			opaque.SetNRGBA(x, y, c)
			rgb.Set(x, y, c)
			if y > 10 {
				c.A = level(x, y*2)
			}
			rgba.SetNRGBA(x, y, c)
			gray.SetGray(x, y, color.Gray{level(x, y)})
			pal.SetColorIndex(x, y, uint8(x%3))
			deep.Set(x, y, c)
		}
	}
	out := map[string][]byte{}
	for name, img := range map[string]image.Image{"rgba": rgba, "opaque rgba": opaque, "rgb": rgb, "gray": gray, "palette": pal, "16-bit": deep} {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		out[name] = buf.Bytes()
	}
	return out
}

// TestReducePNGAsDecoded checks that a PNG reduced as it is read has the
// bytes it has decoded whole and then reduced.
func TestReducePNGAsDecoded(t *testing.T) {
	read := map[string]bool{"rgba": true, "opaque rgba": true, "rgb": true, "gray": true}
	for name, data := range pngKinds(t) {
		whole, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []int{2, 3, 5, 40} {
			got, ok, err := reducePNG(data, k)
			if ok != read[name] || err != nil {
				t.Fatalf("%s by %d: read row by row %v (%v), want %v", name, k, ok, err, read[name])
			}
			if !ok {
				continue
			}
			if msg := samePixels(got, ReduceBy(whole, k)); msg != "" {
				t.Errorf("%s by %d: %s", name, k, msg)
			}
		}
	}
	// A truncated picture is refused in image/png's words.
	data := pngKinds(t)["rgb"]
	_, want := Decode(PNG, data[:len(data)-200], 0)
	if _, err := (*Cache)(nil).decodeReduced(PNG, data[:len(data)-200], 2, 0); err == nil || want == nil || err.Error() != want.Error() {
		t.Errorf("a truncated PNG: %v, want %v", err, want)
	}
}

// samePixels describes how two pictures differ in kind, size or bytes; ""
// when they do not.
func samePixels(a, b image.Image) string {
	pix := func(img image.Image) []uint8 {
		switch m := img.(type) {
		case *image.RGBA:
			return m.Pix
		case *image.NRGBA:
			return m.Pix
		case *image.Gray:
			return m.Pix
		}
		return nil
	}
	switch {
	case a.Bounds() != b.Bounds():
		return "sizes " + a.Bounds().String() + " and " + b.Bounds().String()
	case pix(a) == nil || pix(b) == nil || !bytes.Equal(pix(a), pix(b)):
		return "different pixels or kinds"
	case func() bool { _, ok := a.(*image.RGBA); _, ok2 := b.(*image.RGBA); return ok != ok2 }():
		return "one opaque, the other not"
	}
	return ""
}

// FuzzReducePNG: whatever the bytes, reading a PNG row by row does not
// fail where image/png reads it, and gives what it gives, reduced.
func FuzzReducePNG(f *testing.F) {
	for _, data := range pngKinds(f) {
		f.Add(data, uint8(2))
	}
	f.Fuzz(func(t *testing.T, data []byte, k uint8) {
		if k < 2 {
			return
		}
		// small pictures, for many runs a second
		if _, err := DecodeConfig(PNG, data, 1<<16); err != nil {
			return
		}
		got, ok, err := reducePNG(data, int(k))
		whole, werr := png.Decode(bytes.NewReader(data))
		if !ok || werr != nil {
			return // image/png refused it too, or reads it itself
		}
		if err != nil {
			t.Fatalf("refused (%v) a picture image/png reads", err)
		}
		if msg := samePixels(got, ReduceBy(whole, int(k))); msg != "" {
			t.Fatal(msg)
		}
	})
}

// BenchmarkReducePNG halves a screenshot-like PNG (flat regions, text-like
// noise) read row by row, and decoded whole then halved.
func BenchmarkReducePNG(b *testing.B) {
	img := image.NewNRGBA(image.Rect(0, 0, 3000, 1500))
	rng := rand.New(rand.NewPCG(5, 6))
	for y := range 1500 {
		for x := range 3000 {
			v := uint8(240)
			if (x/40+y/20)%4 == 0 {
				v = uint8(rng.IntN(256))
			}
			img.SetNRGBA(x, y, color.NRGBA{v, v, 250, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.Run("rows", func(b *testing.B) {
		for range b.N {
			if _, err := (*Cache)(nil).decodeReduced(PNG, data, 2, 0); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("whole", func(b *testing.B) {
		for range b.N {
			whole, err := Decode(PNG, data, 0)
			if err != nil {
				b.Fatal(err)
			}
			ReduceBy(whole, 2)
		}
	})
}

// TestBytewise checks the word-at-a-time byte sums and differences
// against bytes added one at a time, for every pair of values and every
// length's tail.
func TestBytewise(t *testing.T) {
	var a, b []uint8
	for x := range 256 {
		for y := range 256 {
			a, b = append(a, uint8(x)), append(b, uint8(y))
		}
	}
	for _, n := range []int{len(a), len(a) - 3, 7, 0} {
		sum := append([]uint8(nil), a[:n]...)
		addBytes(sum, b[:n])
		diff := make([]uint8, n)
		subBytes(diff, a[:n], b[:n])
		for i := range n {
			if sum[i] != a[i]+b[i] || diff[i] != a[i]-b[i] {
				t.Fatalf("%d and %d: sum %d, difference %d", a[i], b[i], sum[i], diff[i])
			}
		}
	}
}
