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
	// and random pairs, whose neighbours in a word differ in every bit
	rng := rand.New(rand.NewPCG(13, 14))
	for range 4099 {
		a, b = append(a, uint8(rng.IntN(256))), append(b, uint8(rng.IntN(256)))
	}
	for _, n := range []int{len(a), len(a) - 3, len(a) - 9, 17, 16, 15, 8, 7, 0} {
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

// plainPaeth undoes the Paeth filter as the PNG specification writes it.
func plainPaeth(cur, prev []uint8, bpp int) {
	for i := range cur {
		var a, c int
		if i >= bpp {
			a, c = int(cur[i-bpp]), int(prev[i-bpp])
		}
		b := int(prev[i])
		p := a + b - c
		pa, pb, pc := p-a, p-b, p-c
		pa, pb, pc = max(pa, -pa), max(pb, -pb), max(pc, -pc)
		switch {
		case pa <= pb && pa <= pc:
			cur[i] += uint8(a)
		case pb <= pc:
			cur[i] += uint8(b)
		default:
			cur[i] += uint8(c)
		}
	}
}

// plainHalveRows averages each 2 × 2 block of rows a and b (ch bytes a
// pixel) pixel by pixel, premultiplied by opacity, as writeBlocks does.
func plainHalveRows(dst, a, b []uint8, ch, sw int) {
	for i := range ceilDiv(sw, 2) {
		var sum [4]uint32
		n := uint32(0)
		for _, row := range [][]uint8{a, b} {
			for x := 2 * i; x < min(2*i+2, sw); x++ {
				px := row[x*ch : x*ch+ch]
				alpha := uint32(255)
				if ch == 4 {
					alpha = uint32(px[3])
				}
				for c := range 3 {
					sum[c] += (uint32(px[c])*alpha + 127) / 255
				}
				sum[3] += alpha
				n++
			}
		}
		d := dst[4*i : 4*i+4]
		if sum[3] == 255*n {
			for c := range 3 {
				d[c] = uint8((sum[c] + n/2) / n)
			}
			d[3] = 255
			continue
		}
		d[3] = uint8((sum[3] + n/2) / n)
		for c := range 3 {
			if sum[3] == 0 {
				d[c] = 0
				continue
			}
			d[c] = uint8(min((uint64(sum[c])*255+uint64(sum[3])/2)/uint64(sum[3]), 255))
		}
	}
}

// loopRows are pairs of rows of every kind the row loops meet: random,
// flat, opaque, translucent, mixed, with the extreme values, at widths 1,
// 2, odd and even, a pixel at a time.
func loopRows(ch int) (rows [][2][]uint8) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, w := range []int{1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 64, 101} {
		for kind := range 7 {
			var pair [2][]uint8
			for r := range pair {
				row := make([]uint8, w*ch)
				for i := range row {
					switch kind {
					case 0: // random
						row[i] = uint8(rng.IntN(256))
					case 1: // flat
						row[i] = 200
					case 2: // extremes
						row[i] = []uint8{0, 1, 127, 128, 254, 255}[rng.IntN(6)]
					default: // runs, with flat stretches
						row[i] = uint8(i / 5 * 37)
						if rng.IntN(4) == 0 {
							row[i] = uint8(rng.IntN(256))
						}
					}
				}
				if ch == 4 {
					for x := range w {
						switch {
						case kind == 3 || kind == 1: // opaque
							row[4*x+3] = 255
						case kind == 4 && rng.IntN(3) > 0: // mixed
							row[4*x+3] = 255
						case kind == 5: // translucent, never opaque
							row[4*x+3] = uint8(rng.IntN(255))
						case kind == 6: // opaque but the second row's last pixel
							row[4*x+3] = 255
							if r == 1 && x == w-1 {
								row[4*x+3] = 128
							}
						}
					}
				}
				pair[r] = row
			}
			rows = append(rows, pair)
		}
	}
	return rows
}

// TestRowLoops checks the word-at-a-time row loops against plain ones.
func TestRowLoops(t *testing.T) {
	for _, ch := range []int{1, 3, 4} {
		for _, pair := range loopRows(ch) {
			a, b := pair[0], pair[1]
			w := len(a) / ch
			got := append([]uint8(nil), a...)
			want := append([]uint8(nil), a...)
			unPaeth(got, b, ch)
			plainPaeth(want, b, ch)
			if !bytes.Equal(got, want) {
				t.Fatalf("%d channels, %d wide: Paeth undone as %v, want %v", ch, w, got, want)
			}
			if ch == 1 {
				continue
			}
			if ch == 4 {
				opaque := true
				for x := range w {
					opaque = opaque && a[4*x+3] == 255
				}
				if rowOpaque(a) != opaque {
					t.Fatalf("%d wide: rowOpaque %v, want %v: %v", w, !opaque, opaque, a)
				}
			}
			got, want = make([]uint8, 4*ceilDiv(w, 2)), make([]uint8, 4*ceilDiv(w, 2))
			translucent := halveRows(got, a, b, ch, w)
			plainHalveRows(want, a, b, ch, w)
			if !bytes.Equal(got, want) {
				t.Fatalf("%d channels, %d wide: halved as %v, want %v\nfrom %v\nand  %v", ch, w, got, want, a, b)
			}
			if want := ch == 4 && (!rowOpaque(a) || !rowOpaque(b)); translucent != want {
				t.Fatalf("%d channels, %d wide: translucent %v, want %v\nfrom %v\nand  %v", ch, w, translucent, want, a, b)
			}
		}
	}
}

// BenchmarkRowLoops times the row loops over a screenshot's rows: 3000
// pixels of flat runs broken by text-like noise.
func BenchmarkRowLoops(b *testing.B) {
	const w = 3000
	rng := rand.New(rand.NewPCG(9, 10))
	row := func() []uint8 {
		r := make([]uint8, 4*w)
		for x := range w {
			v := uint8(240)
			if (x/40)%4 == 0 {
				v = uint8(rng.IntN(256))
			}
			r[4*x], r[4*x+1], r[4*x+2], r[4*x+3] = v, v, 250, 255
		}
		return r
	}
	a, p := row(), row()
	cur := make([]uint8, len(a))
	dst := make([]uint8, 4*w/2)
	b.Run("unPaeth", func(b *testing.B) {
		for range b.N {
			copy(cur, a)
			unPaeth(cur, p, 4)
		}
	})
	b.Run("rowOpaque", func(b *testing.B) {
		for range b.N {
			if !rowOpaque(a) {
				b.Fatal("an opaque row found translucent")
			}
		}
	})
	b.Run("halveRows", func(b *testing.B) {
		for range b.N {
			halveRows(dst, a, p, 4, w)
		}
	})
	b.Run("addBytes", func(b *testing.B) {
		for range b.N {
			addBytes(cur, p)
		}
	})
	b.Run("subBytes", func(b *testing.B) {
		for range b.N {
			subBytes(cur, a, p)
		}
	})
}

// TestUnSub checks the Sub filter undone a pixel a word at a time against
// a byte at a time, for every pixel size and rows of every length's tail.
func TestUnSub(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for bpp := 1; bpp <= 4; bpp++ {
		for _, n := range []int{0, 1, 3, 4, 5, 7, 8, 9, 12, 13, 300, 301, 302, 303} {
			row := make([]uint8, n)
			for i := range row {
				row[i] = uint8(rng.IntN(256))
			}
			want := append([]uint8(nil), row...)
			for i := bpp; i < n; i++ {
				want[i] += want[i-bpp]
			}
			unSub(row, bpp)
			if !bytes.Equal(row, want) {
				t.Fatalf("%d bytes a pixel, %d bytes: %v, want %v", bpp, n, row, want)
			}
		}
	}
}

// TestReciprocals checks the reciprocals a translucent pixel's colours
// are divided by against division, for every divisor and the dividends
// a block of four pixels can give, at most 255 × 1023 + 511, at and just
// below each multiple of it, where a quotient too large would show.
func TestReciprocals(t *testing.T) {
	for d := uint64(1); d < uint64(len(reciprocals)); d++ {
		for k := uint64(1); k <= 256; k++ {
			for _, n := range []uint64{k*d - 1, k * d, k*d + d/2} {
				if got := n * reciprocals[d] >> 32; got != n/d {
					t.Fatalf("%d / %d: %d, want %d", n, d, got, n/d)
				}
			}
		}
	}
}
