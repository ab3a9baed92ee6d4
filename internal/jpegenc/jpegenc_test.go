package jpegenc

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/cputime"
	"github.com/samizdat-press/samizdat/internal/filetest"
	"github.com/samizdat-press/samizdat/internal/jpegdec"
)

// photo is a picture with what photographs have: smooth shading, a sharp
// edge, fine noise, and a size no block divides.
func photo(w, h int) *image.YCbCr {
	rng := rand.New(rand.NewPCG(1, 2))
	m := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	for y := range h {
		for x := range w {
			v := 40 + x*150/w + y*40/h + rng.IntN(9)
			if (x-w/2)*(x-w/2)+(y-h/2)*(y-h/2) < h*h/9 {
				v += 50
			}
			m.Y[m.YOffset(x, y)] = uint8(min(v, 255))
			m.Cb[m.COffset(x, y)] = uint8(90 + x*60/w)
			m.Cr[m.COffset(x, y)] = uint8(170 - y*50/h)
		}
	}
	return m
}

// psnr compares two pictures' colours, in dB.
func psnr(a, b image.Image) float64 {
	var sq float64
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			p, q := color.NRGBAModel.Convert(a.At(x, y)).(color.NRGBA), color.NRGBAModel.Convert(b.At(x, y)).(color.NRGBA)
			for _, d := range []int{int(p.R) - int(q.R), int(p.G) - int(q.G), int(p.B) - int(q.B)} {
				sq += float64(d * d)
			}
		}
	}
	mse := sq / float64(3*r.Dx()*r.Dy())
	return 10 * math.Log10(255*255/max(mse, 1e-9))
}

// TestEncode encodes photographs of several sizes, in colour and grey, at
// several qualities, and checks what image/jpeg reads back: the same
// size and kind, as close to the original as image/jpeg's own encoding
// (but for the highest quality) and about as large.
func TestEncode(t *testing.T) {
	for _, size := range []image.Point{{203, 131}, {16, 16}, {1, 1}, {37, 9}} {
		colour := photo(size.X, size.Y)
		grey := &image.Gray{Pix: colour.Y, Stride: colour.YStride, Rect: colour.Rect}
		for _, img := range []image.Image{colour, grey} {
			for _, quality := range []int{50, 90, 100} {
				data, ok := Encode(img, quality)
				if !ok {
					t.Fatalf("%T %v: declined", img, size)
				}
				back, err := jpeg.Decode(bytes.NewReader(data))
				if err != nil {
					t.Fatalf("%T %v at %d: %v", img, size, quality, err)
				}
				if back.Bounds() != img.Bounds() {
					t.Fatalf("%T %v at %d: read back as %v", img, size, quality, back.Bounds())
				}
				if _, grey := img.(*image.Gray); grey {
					if _, ok := back.(*image.Gray); !ok {
						t.Fatalf("grey read back as %T", back)
					}
				}
				var std bytes.Buffer
				if err := jpeg.Encode(&std, img, &jpeg.Options{Quality: quality}); err != nil {
					t.Fatal(err)
				}
				stdLen := std.Len()
				stdBack, _ := jpeg.Decode(&std)
				ours, theirs := psnr(img, back), psnr(img, stdBack)
				t.Logf("%T %v at %d: %.1f dB in %d bytes; image/jpeg %.1f dB in %d", img, size, quality, ours, len(data), theirs, stdLen)
				// At 100 every step of quantising is 1, and the
				// transform's own rounding shows: 57 dB and more.
				margin := 0.5
				if quality == 100 {
					margin = 2
				}
				if ours < theirs-margin || len(data) > stdLen*21/20+16 {
					t.Errorf("%T %v at %d: %.1f dB in %d bytes, image/jpeg %.1f dB in %d", img, size, quality, ours, len(data), theirs, stdLen)
				}
			}
		}
	}
}

// TestEncodeDeclines checks that pictures it does not write from their
// planes are left to image/jpeg.
func TestEncodeDeclines(t *testing.T) {
	for name, img := range map[string]image.Image{
		"RGBA":      image.NewRGBA(image.Rect(0, 0, 8, 8)),
		"4:4:4":     image.NewYCbCr(image.Rect(0, 0, 8, 8), image.YCbCrSubsampleRatio444),
		"offset":    photo(20, 20).SubImage(image.Rect(2, 2, 10, 10)),
		"empty":     image.NewGray(image.Rect(0, 0, 0, 0)),
		"too large": image.NewGray(image.Rect(0, 0, 1<<16, 1)),
	} {
		if _, ok := Encode(img, 90); ok {
			t.Errorf("%s: encoded", name)
		}
	}
}

// BenchmarkEncode encodes a 3-megapixel photograph at quality 90, as a
// build encodes a 12-megapixel one reduced for the EPUB: one made here,
// and the one SAMIZDAT_BENCH_JPEG names decoded at half its size.
func BenchmarkEncode(b *testing.B) {
	img := photo(2000, 1500)
	bench := func(img image.Image) func(b *testing.B) {
		return func(b *testing.B) {
			cpu0 := cputime.Used()
			for b.Loop() {
				Encode(img, 90)
			}
			b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
		}
	}
	b.Run("ours", bench(img))
	b.Run("photograph", func(b *testing.B) {
		path := os.Getenv("SAMIZDAT_BENCH_JPEG")
		if path == "" {
			b.Skip("SAMIZDAT_BENCH_JPEG names no photograph")
		}
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		half, ok := jpegdec.Decode(data, 2)
		if !ok {
			b.Fatal("jpegdec declines it")
		}
		bench(half)(b)
	})
	b.Run("image/jpeg", func(b *testing.B) {
		for b.Loop() {
			jpeg.Encode(new(bytes.Buffer), img, &jpeg.Options{Quality: 90})
		}
	})
}

// TestGoldenDigests checks the bytes encoded for photographs of several
// sizes, in colour and grey, at several qualities, against digests kept
// in testdata: a faster writer must write the same bytes.
func TestGoldenDigests(t *testing.T) {
	var got strings.Builder
	for _, size := range []image.Point{{640, 360}, {203, 131}, {16, 16}, {1, 1}, {37, 9}} {
		colour := photo(size.X, size.Y)
		grey := &image.Gray{Pix: colour.Y, Stride: colour.YStride, Rect: colour.Rect}
		for _, img := range []image.Image{colour, grey} {
			for _, quality := range []int{1, 50, 90, 100} {
				data, _ := Encode(img, quality)
				fmt.Fprintf(&got, "%T %dx%d q%d %d %x\n", img, size.X, size.Y, quality, len(data), sha256.Sum256(data))
			}
		}
	}
	// A fractal texture (the decoder's test picture, 4:2:0), whose
	// detail gives codes and values of every length the photographs
	// above, smooth but for their noise, rarely do.
	data, err := os.ReadFile(filepath.Join("..", "jpegdec", "testdata", "baseline-2x2.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	texture, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, quality := range []int{50, 90, 100} {
		data, ok := Encode(texture, quality)
		if !ok {
			t.Fatalf("texture (%T) declined", texture)
		}
		fmt.Fprintf(&got, "texture q%d %d %x\n", quality, len(data), sha256.Sum256(data))
	}
	filetest.Golden(t, filepath.Join("testdata", "digests.golden"), []byte(got.String()))
}

// FuzzEncode: whatever the samples, size and quality, the encoding is
// read back by image/jpeg at its size and kind, and is the same each
// time.
func FuzzEncode(f *testing.F) {
	f.Add([]byte{7, 9, 90, 0, 1, 2, 3, 255, 0, 128})
	f.Add([]byte{39, 1, 100, 1, 255, 255, 255, 0})
	f.Add([]byte{16, 16, 1, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 5 {
			return
		}
		w, h, quality, grey := 1+int(data[0])%40, 1+int(data[1])%40, int(data[2])%101, data[3]&1 == 1
		samples := data[4:]
		var img image.Image
		if grey {
			m := image.NewGray(image.Rect(0, 0, w, h))
			for i := range m.Pix {
				m.Pix[i] = samples[i%len(samples)]
			}
			img = m
		} else {
			m := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
			for i, plane := range [][]uint8{m.Y, m.Cb, m.Cr} {
				for j := range plane {
					plane[j] = samples[(j*3+i)%len(samples)]
				}
			}
			img = m
		}
		data1, ok := Encode(img, quality)
		if !ok {
			t.Fatalf("%T %d × %d: declined", img, w, h)
		}
		if data2, _ := Encode(img, quality); !bytes.Equal(data1, data2) {
			t.Fatal("two encodings differ")
		}
		back, err := jpeg.Decode(bytes.NewReader(data1))
		if err != nil {
			t.Fatalf("%T %d × %d at %d: %v", img, w, h, quality, err)
		}
		if back.Bounds() != img.Bounds() {
			t.Fatalf("%T %d × %d: read back as %v", img, w, h, back.Bounds())
		}
		if _, ok := back.(*image.Gray); ok != grey {
			t.Fatalf("grey %v read back as %T", grey, back)
		}
	})
}

// TestTransformConstants checks the transform's constants against the
// cosines they stand for.
func TestTransformConstants(t *testing.T) {
	c := func(k float64) float64 { return math.Cos(k * math.Pi / 16) }
	for name, pair := range map[string][2]float64{
		"aanC4":   {aanC4, c(4)},
		"aanC6":   {aanC6, c(6)},
		"aanC2m6": {aanC2m6, c(2) - c(6)},
		"aanC2p6": {aanC2p6, c(2) + c(6)},
	} {
		if want := math.Round(pair[1] * (1 << constBits)); pair[0] != want {
			t.Errorf("%s = %v, want %v", name, pair[0], want)
		}
	}
	for u, s := range aanScale {
		want := 1.0
		if u > 0 {
			want = math.Sqrt2 * c(float64(u))
		}
		if w := int64(math.Round(want * (1 << 15))); s != w {
			t.Errorf("aanScale[%d] = %d, want %d", u, s, w)
		}
	}
}

// TestPut checks the bit writer against one writing bit by bit: codes
// of every length up to 63 bits (a code with its value bits, after codes
// of sixteen zeros), many of them all ones, which put bytes of 0xff
// (followed by 0x00) at every place of the word written at once, and the
// ones that pad the last byte.
func TestPut(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for round := range 300 {
		e := newEncoder(90)
		var want []byte
		var b, n uint32 // the byte being made, and its bits
		writeBit := func(bit uint32) {
			b, n = b<<1|bit, n+1
			if n == 8 {
				want = append(want, uint8(b))
				if b == 0xff {
					want = append(want, 0)
				}
				b, n = 0, 0
			}
		}
		for range rng.IntN(64) {
			size := 1 + rng.IntN(63)
			code := rng.Uint64() & (1<<size - 1)
			if rng.IntN(2) == 0 {
				code = 1<<size - 1
			}
			e.out = slices.Grow(e.out, 16)
			e.out, e.bits.acc, e.bits.free = put(e.out, e.bits.acc, e.bits.free, code, size)
			for i := size - 1; i >= 0; i-- {
				writeBit(uint32(code >> i & 1))
			}
		}
		e.flush()
		for n != 0 {
			writeBit(1)
		}
		if !bytes.Equal(e.out, want) {
			t.Fatalf("round %d: wrote\n%x, want\n%x", round, e.out, want)
		}
	}
}
