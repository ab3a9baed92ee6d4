package media

import (
	"bytes"
	"compress/zlib"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/samizdat-press/samizdat/internal/cputime"
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
	cpu0 := cputime.Used()
	for b.Loop() {
		EncodePNG(img)
	}
	b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkEncodePNGTypeScreenshot encodes a screenshot with lines of
// anti-aliased type, rules, gradients and noise, the size of a 3000-pixel
// screenshot halved.
func BenchmarkEncodePNGTypeScreenshot(b *testing.B) {
	const w, h = 1500, 750
	rows := screenshotRows(rand.New(rand.NewPCG(1, 2)), w, 4, h)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y, row := range rows {
		copy(img.Pix[y*img.Stride:], row)
		for x := range w {
			img.Pix[y*img.Stride+4*x+3] = 0xff
		}
	}
	var n int
	cpu0 := cputime.Used()
	for b.Loop() {
		data, _ := EncodePNG(img)
		n = len(data)
	}
	b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(n), "bytes")
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

// screenshotRows are rows of the kinds a reduced screenshot has, width
// pixels of ch bytes: flat colour, a rule, anti-aliased "type" (a few
// levels at random places), a horizontal gradient, noise, rows of zeros
// and, for four bytes a pixel, opacity fading out as a shadow does; every
// kind but the rule has rows the same as the row above.
func screenshotRows(rng *rand.Rand, width, ch, height int) [][]byte {
	rows := make([][]byte, height)
	for y := range rows {
		if y%7 > 4 && y%42 != 12 {
			rows[y] = rows[y-1]
			continue
		}
		row := make([]byte, width*ch)
		if y/7%6 == 5 {
			rows[y] = row // zeros
			continue
		}
		for x := range width {
			px := row[x*ch : x*ch+ch]
			for c := range px {
				px[c] = 240
			}
			switch band := y / 7 % 6; {
			case band == 1 && y%7 == 3:
				px[0] = 90 // a rule
			case band == 2 && rng.IntN(4) == 0:
				for c := range px {
					px[c] = uint8(40 + 50*rng.IntN(4)) // type
				}
			case band == 3:
				px[0], px[ch-1] = uint8(x), uint8(x*3+y) // gradients
			case band == 4:
				for c := range px {
					px[c] = uint8(rng.IntN(256)) // noise
				}
			}
			if ch == 4 && x > width/2 {
				px[3] = uint8(255 - 255*(x-width/2)/width) // shadow
			}
		}
		rows[y] = row
	}
	return rows
}

// TestEncodeRowsRoundTrip reads back, through image/png, the pictures
// encodeRows writes of screenshot-like rows, for each colour type, at
// widths from a pixel to wider than the deflate window, tall enough to
// fill several Huffman blocks. A row said to be the row above again is
// written as it would have been filtered, and what fill leaves in it is
// not read.
func TestEncodeRowsRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for _, colourType := range []byte{0, 2, 6} {
		ch := map[byte]int{0: 1, 2: 3, 6: 4}[colourType]
		for _, size := range []image.Point{{1, 1}, {1, 40}, {2, 3}, {7, 60}, {33, 50}, {501, 130}, {11001, 12}} {
			rows := screenshotRows(rng, size.X, ch, size.Y)
			data := encodeRows(size.X, size.Y, colourType, func(y int, dst []uint8) bool {
				if y > 0 && bytes.Equal(rows[y], rows[y-1]) {
					for i := range dst {
						dst[i] = 0xa5
					}
					return true
				}
				copy(dst, rows[y])
				return false
			})
			each := encodeRows(size.X, size.Y, colourType, func(y int, dst []uint8) bool {
				copy(dst, rows[y])
				return false
			})
			if !bytes.Equal(data, each) {
				t.Errorf("type %d, %v: rows said to repeat written otherwise than filtered", colourType, size)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("type %d, %v: %v", colourType, size, err)
			}
			var pix []uint8
			var stride int
			switch m := img.(type) {
			case *image.Gray:
				pix, stride = m.Pix, m.Stride
			case *image.RGBA: // image/png reads RGB so
				pix, stride = make([]uint8, 0, 3*len(m.Pix)/4), 3*size.X
				for i := 0; i < len(m.Pix); i += 4 {
					pix = append(pix, m.Pix[i:i+3]...)
				}
			case *image.NRGBA:
				pix, stride = m.Pix, m.Stride
			default:
				t.Fatalf("type %d: read as %T", colourType, img)
			}
			for y, row := range rows {
				if !bytes.Equal(pix[y*stride:][:len(row)], row) {
					t.Fatalf("type %d, %v: row %d differs", colourType, size, y)
				}
			}
		}
	}
}

// inflated is the zlib stream of rows a rowDeflater writes, read back by
// compress/zlib, which checks its Adler-32.
func inflated(t testing.TB, d *rowDeflater, rows [][]byte) []byte {
	t.Helper()
	for _, row := range rows {
		copy(d.next(len(row)), row)
	}
	zr, err := zlib.NewReader(bytes.NewReader(d.finish()))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// The zlib stream inflates to the rows given, in the cases the deflater
// treats apart: noise long enough that it skips most places and its last
// skip passes the end; rows longer than the window, where the row above
// is out of reach; runs longer than a match; a single byte; and stream
// positions past 2³², which the hash table holds modulo 2³², where the
// stream is the one written from position 0.
func TestRowDeflater(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	noise := make([]byte, 3*rowChunk+77)
	for i := range noise {
		noise[i] = uint8(rng.IntN(256))
	}
	for _, tc := range []struct {
		name         string
		stride, base int
		rows         [][]byte
	}{
		{"noise", 1000, 0, [][]byte{noise}},
		{"wider than the window", maxDistance + 5, 0, [][]byte{noise[:maxDistance+5], noise[7 : maxDistance+12], make([]byte, maxDistance+5)}},
		{"runs", 4000, 0, [][]byte{make([]byte, 4000), bytes.Repeat([]byte{1, 2, 3}, 1333)}},
		{"one byte", 1, 0, [][]byte{{9}}},
		{"past 2³²", 1801, 1<<32 - 40000, screenshotRows(rng, 600, 3, 200)},
	} {
		d := newRowDeflater(tc.stride, 3)
		d.base = tc.base
		if got, want := inflated(t, d, tc.rows), bytes.Join(tc.rows, nil); !bytes.Equal(got, want) {
			t.Errorf("%s: inflated to %d bytes unlike the %d given", tc.name, len(got), len(want))
		}
		if tc.base != 0 {
			from0 := newRowDeflater(tc.stride, 3)
			inflated(t, from0, tc.rows)
			if !bytes.Equal(d.out.buf, from0.out.buf) {
				t.Errorf("%s: %d bytes, %d from position 0", tc.name, len(d.out.buf), len(from0.out.buf))
			}
		}
	}
}

// The deflater writes no more than compress/zlib's fastest level for the
// filtered rows of a screenshot-like picture, type, gradients and noise
// mixed: blocks of a fixed number of tokens, coding the noise and what
// follows it with one code, made it 2% larger.
func TestRowDeflaterNoLargerThanZlib(t *testing.T) {
	const w, h = 1500, 750
	rows := screenshotRows(rand.New(rand.NewPCG(1, 2)), w, 3, h)
	// the lines encodeRows deflates
	lines := make([][]byte, h)
	prev := make([]byte, 3*w)
	for y, row := range rows {
		up := make([]byte, 1+3*w)
		up[0] = 2
		if sumUp, sumNone := upFilter(up[1:], row, prev); y > 0 && sumUp < sumNone {
			lines[y] = up
		} else {
			lines[y] = append([]byte{0}, row...)
		}
		prev = row
	}
	var want bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&want, zlib.BestSpeed)
	for _, line := range lines {
		zw.Write(line)
	}
	zw.Close()
	d := newRowDeflater(1+3*w, 3)
	if got := inflated(t, d, lines); !bytes.Equal(got, bytes.Join(lines, nil)) {
		t.Fatal("inflated otherwise")
	}
	if n := len(d.out.buf); n > want.Len() {
		t.Errorf("%d bytes, compress/zlib %d", n, want.Len())
	}
}

// log2Approx is within 0.01 of the logarithm, and exact at powers of two.
func TestLog2Approx(t *testing.T) {
	for v := 1.0; v < 1e7; v = v*1.0007 + 1 {
		if d := math.Abs(log2Approx(v) - math.Log2(v)); d > 0.01 {
			t.Fatalf("log2(%g): %g, off by %g", v, log2Approx(v), d)
		}
	}
	for e := range 40 {
		if v := float64(uint64(1) << e); log2Approx(v) != float64(e) {
			t.Errorf("log2(2^%d) = %g", e, log2Approx(v))
		}
	}
}

// Any rows, repeating and shifted as a picture's do, inflate to
// themselves.
func FuzzRowDeflater(f *testing.F) {
	f.Add(uint16(3), uint8(3), []byte{0, 1, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0})
	f.Add(uint16(40), uint8(4), bytes.Repeat([]byte{0, 0, 0, 9, 1}, 40))
	f.Fuzz(func(t *testing.T, width uint16, pixel uint8, data []byte) {
		if len(data) > 4096 {
			return // longer inputs are slow, and the runs make streams of several chunks
		}
		stride := int(width)%500 + 1
		// each byte of data is a run of the byte before it when its top
		// bit is set, so that matches are common
		var stream []byte
		for _, b := range data {
			if b >= 0x80 && len(stream) > 0 {
				for range b & 0x3f {
					stream = append(stream, stream[len(stream)-1])
				}
				continue
			}
			stream = append(stream, b)
		}
		var rows [][]byte
		for len(stream) > 0 {
			n := min(stride, len(stream))
			rows = append(rows, stream[:n])
			stream = stream[n:]
		}
		d := newRowDeflater(stride, int(pixel%4)+1)
		if got, want := inflated(t, d, rows), bytes.Join(rows, nil); !bytes.Equal(got, want) {
			t.Fatalf("inflated to %d bytes unlike the %d given", len(got), len(want))
		}
	})
}
