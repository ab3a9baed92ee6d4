package media

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/cputime"
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
	read := map[string]bool{"rgba": true, "opaque rgba": true, "rgb": true, "gray": true, "palette": true}
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

// repeatedRows are pictures whose rows come in bands of one row repeated,
// the bands beginning at both parities, so that a halving finds pairs of
// rows repeated (reducePNG copies their pixels from the pair before) and
// pairs that only half are: opaque, with a translucent band after an
// opaque one, and through a palette.
func repeatedRows(t testing.TB) map[string][]byte {
	starts := []int{0, 1, 2, 5, 6, 11, 12, 13, 20, 27, 28, 31}
	band := func(y int) int {
		b := 0
		for i, s := range starts {
			if y >= s {
				b = i
			}
		}
		return b
	}
	const w, h = 23, 35
	rgb := image.NewRGBA(image.Rect(0, 0, w, h))
	translucent := image.NewNRGBA(image.Rect(0, 0, w, h))
	var indices []uint8
	for y := range h {
		b := band(y)
		for x := range w {
			c := color.NRGBA{uint8(x*11 + b*37), uint8(b * 53), uint8(x ^ b), 255}
			rgb.Set(x, y, c)
			if b >= 8 && x%3 != 0 {
				c.A = uint8(x * b)
			}
			translucent.SetNRGBA(x, y, c)
			indices = append(indices, uint8((x+b)%4))
		}
	}
	out := map[string][]byte{}
	for name, img := range map[string]image.Image{"rgb": rgb, "translucent": translucent} {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		out[name] = buf.Bytes()
	}
	// image/png does not filter a palette's rows: stored here with Up
	// where they repeat, through a palette with opacities, and with
	// None and with Sub throughout, rows repeated as they are
	plte := []byte{0, 0, 0, 255, 255, 255, 200, 0, 0, 0, 90, 0}
	rows := packSamples(indices, w, h, 8, 1)
	out["palette"] = storedPNG(w, h, 8, 3, plte, []byte{255, 255, 128}, rows, false, 0)
	rgbRows := make([][]byte, h)
	for y := range rgbRows {
		rgbRows[y] = make([]byte, 3*w)
		for x := range w {
			copy(rgbRows[y][3*x:], rgb.Pix[rgb.PixOffset(x, y):][:3])
		}
	}
	for filter, name := range []string{"unfiltered", "by Sub"} {
		out["palette "+name] = oneFilterPNG(t, w, h, 3, plte, rows, filter)
		out["rgb "+name] = oneFilterPNG(t, w, h, 2, nil, rgbRows, filter)
	}
	return out
}

// oneFilterPNG writes rows of 8-bit samples as a PNG of colourType, every
// row filtered by None (0) or Sub (1).
func oneFilterPNG(t testing.TB, w, h, colourType int, plte []byte, rows [][]byte, filter int) []byte {
	bpp := map[int]int{2: 3, 3: 1}[colourType]
	var raw bytes.Buffer
	zw := zlib.NewWriter(&raw)
	for _, row := range rows {
		line := append([]byte{byte(filter)}, row...)
		for i := len(row) - 1; filter == 1 && i >= bpp; i-- {
			line[1+i] -= row[i-bpp]
		}
		zw.Write(line)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, uint8(colourType)
	writeChunk(&out, "IHDR", ihdr[:])
	if plte != nil {
		writeChunk(&out, "PLTE", plte)
	}
	writeChunk(&out, "IDAT", raw.Bytes())
	writeChunk(&out, "IEND", nil)
	return out.Bytes()
}

// TestReducePNGRepeatedRows checks that rows stored as the row above
// again are found, and that halving pictures of them gives the bytes
// of the pictures decoded whole and reduced.
func TestReducePNGRepeatedRows(t *testing.T) {
	for name, data := range repeatedRows(t) {
		r, ok, err := newPNGRows(data)
		if !ok || err != nil {
			t.Fatalf("%s: not read (%v)", name, err)
		}
		found, wrong := 0, 0
		var prev []uint8
		for y := range r.height {
			row, err := r.next()
			if err != nil {
				t.Fatalf("%s: row %d: %v", name, y, err)
			}
			if r.repeat {
				found++
				if !bytes.Equal(row, prev) {
					wrong++
				}
			}
			prev = append(prev[:0], row...)
		}
		// the encoder stores most of the 23 rows repeated by Up
		if found < 15 || wrong > 0 {
			t.Errorf("%s: %d rows found repeated, %d of them not", name, found, wrong)
		}
		whole, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []int{2, 3, 4, 5, 7} {
			got, _, err := reducePNG(data, k)
			if err != nil {
				t.Fatalf("%s by %d: %v", name, k, err)
			}
			if msg := samePixels(got, ReduceBy(whole, k)); msg != "" {
				t.Errorf("%s by %d: %s", name, k, msg)
			}
		}
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
	case fmt.Sprintf("%T", a) != fmt.Sprintf("%T", b):
		return fmt.Sprintf("kinds %T and %T", a, b)
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
	for _, data := range repeatedRows(f) {
		f.Add(data, uint8(2))
	}
	for name, data := range expandedKinds() {
		if strings.HasSuffix(name, "13×7") {
			f.Add(data, uint8(3))
		}
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
	benchmarkHalving(b, img)
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

// storedPNG writes a PNG of the stored rows given (samples packed as the
// header says, filter bytes not yet added), each row filtered by the
// next of PNG's five filters in turn; plte and trns are written when not
// nil, trns first when trnsFirst, and the pixel data split in two IDAT
// chunks when split is 1, around a tEXt chunk (which image/png refuses)
// when it is 2. image/png writes no transparent colour, nor a bad
// palette.
func storedPNG(width, height, depth, colourType int, plte, trns []byte, rows [][]byte, trnsFirst bool, split int) []byte {
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = uint8(depth), uint8(colourType)
	writeChunk(&out, "IHDR", ihdr[:])
	if trns != nil && trnsFirst {
		writeChunk(&out, "tRNS", trns)
	}
	if plte != nil {
		writeChunk(&out, "PLTE", plte)
	}
	if trns != nil && !trnsFirst {
		writeChunk(&out, "tRNS", trns)
	}
	bpp := max(1, depth*map[int]int{0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colourType]/8)
	var raw bytes.Buffer
	zw := zlib.NewWriter(&raw)
	var prev []byte
	for y, row := range rows {
		if prev == nil {
			prev = make([]byte, len(row))
		}
		filter := y % 5
		if y > 0 && bytes.Equal(row, prev) {
			filter = 2 // a row repeated, as encoders store it: zeros
		}
		line := make([]byte, 1+len(row))
		line[0] = uint8(filter)
		for i, v := range row {
			var left, upLeft int
			if i >= bpp {
				left, upLeft = int(row[i-bpp]), int(prev[i-bpp])
			}
			up := int(prev[i])
			predicted := [5]int{0, left, up, (left + up) / 2, paeth(left, up, upLeft)}[filter]
			line[1+i] = v - uint8(predicted)
		}
		zw.Write(line)
		prev = row
	}
	zw.Close()
	data := raw.Bytes()
	if split > 0 {
		writeChunk(&out, "IDAT", data[:len(data)/2])
		if split > 1 {
			writeChunk(&out, "tEXt", []byte("Comment\x00between"))
		}
		data = data[len(data)/2:]
	}
	writeChunk(&out, "IDAT", data)
	writeChunk(&out, "IEND", nil)
	return out.Bytes()
}

// packSamples packs samples of depth bits into rows of width pixels,
// channels samples each, the first in a byte's top bits.
func packSamples(samples []uint8, width, height, depth, channels int) [][]byte {
	rows := make([][]byte, height)
	perRow := width * channels
	for y := range rows {
		row := make([]byte, ceilDiv(perRow*depth, 8))
		for i := range perRow {
			v := samples[(y*perRow+i)%len(samples)] & uint8(1<<depth-1)
			if depth == 8 {
				row[i] = samples[(y*perRow+i)%len(samples)]
				continue
			}
			bit := i * depth
			row[bit/8] |= v << (8 - depth - bit%8)
		}
		rows[y] = row
	}
	return rows
}

// expandedKinds are PNGs of every kind reducePNG expands into RGBA or
// grey rows: palettes of each depth, with and without opacities (some
// transparent, some opaque, all opaque, longer than the palette), short
// palettes indexed past their end, greys; greys of each depth; greys and
// RGB with a transparent colour; grey with opacity; at odd and even
// sizes.
func expandedKinds() map[string][]byte {
	rng := rand.New(rand.NewPCG(17, 18))
	out := map[string][]byte{}
	sizes := [][2]int{{1, 1}, {13, 7}, {37, 23}, {8, 4}}
	samples := func(n, levels int) []uint8 {
		s := make([]uint8, n)
		for i := range s {
			if i/3%4 == 0 {
				s[i] = uint8(rng.IntN(levels))
			} else {
				s[i] = uint8(i / 11 % levels) // runs
			}
		}
		return s
	}
	for _, depth := range []int{1, 2, 4, 8} {
		levels := 1 << depth
		full := make([]byte, 3*levels)
		grey := make([]byte, 3*levels)
		for i := range levels {
			full[3*i], full[3*i+1], full[3*i+2] = uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(i*255/levels)
			v := uint8(rng.IntN(256))
			grey[3*i], grey[3*i+1], grey[3*i+2] = v, v, v
		}
		alphas := make([]byte, levels)
		opaque := make([]byte, levels)
		for i := range alphas {
			alphas[i] = []uint8{0, 255, 255, 1, 128, 254, uint8(rng.IntN(256))}[i%7]
			opaque[i] = 255
		}
		short := full[:3*max(1, levels/2-1)]
		palettes := map[string][2][]byte{
			"":                       {full, nil},
			" with opacities":        {full, alphas},
			" with opacities of 255": {full, opaque},
			" with a short tRNS":     {full, alphas[:max(1, levels/3)]},
			" of greys":              {grey, nil},
			" of greys with opacity": {grey, alphas},
			" short":                 {short, nil},
			" short with opacities":  {short, alphas},
			" short, longer tRNS":    {short, alphas[:len(short)/3+1]},
		}
		for name, p := range palettes {
			for _, size := range sizes {
				w, h := size[0], size[1]
				rows := packSamples(samples(w*h, levels), w, h, depth, 1)
				key := fmt.Sprintf("%d-bit palette%s %d×%d", depth, name, w, h)
				out[key] = storedPNG(w, h, depth, 3, p[0], p[1], rows, false, 0)
			}
		}
		// a palette with opacities whose pixels are all opaque
		rows := packSamples([]uint8{1, 2}, 9, 5, depth, 1)
		out[fmt.Sprintf("%d-bit palette, opaque pixels", depth)] = storedPNG(9, 5, depth, 3, full, []byte{0, 255, 255}, rows, false, 0)
		for _, size := range sizes {
			w, h := size[0], size[1]
			rows := packSamples(samples(w*h, levels), w, h, depth, 1)
			key := fmt.Sprintf("%d-bit grey %d×%d", depth, w, h)
			if depth < 8 {
				out[key] = storedPNG(w, h, depth, 0, nil, nil, rows, false, 0)
			}
			out[key+" keyed"] = storedPNG(w, h, depth, 0, nil, []byte{0, uint8(levels / 2)}, rows, false, 0)
			// a key past the depth's levels, which image/png scales
			// modulo 256
			out[key+" keyed past"] = storedPNG(w, h, depth, 0, nil, []byte{1, uint8(levels + 1)}, rows, false, 0)
		}
	}
	for _, size := range sizes {
		w, h := size[0], size[1]
		rows := packSamples(samples(3*w*h, 4), w, h, 8, 3)
		out[fmt.Sprintf("keyed rgb %d×%d", w, h)] = storedPNG(w, h, 8, 2, nil, []byte{0, 1, 0, 2, 0, 3}, rows, false, 0)
		out[fmt.Sprintf("keyed rgb, high bytes %d×%d", w, h)] = storedPNG(w, h, 8, 2, nil, []byte{9, 1, 9, 2, 9, 3}, rows, false, 0)
		out[fmt.Sprintf("keyed rgb, no key %d×%d", w, h)] = storedPNG(w, h, 8, 2, nil, []byte{0, 200, 0, 200, 0, 200}, rows, false, 0)
		ga := packSamples(samples(2*w*h, 256), w, h, 8, 2)
		out[fmt.Sprintf("grey with opacity %d×%d", w, h)] = storedPNG(w, h, 8, 4, nil, nil, ga, false, 0)
		for _, row := range ga {
			for i := 1; i < len(row); i += 2 {
				row[i] = 255
			}
		}
		out[fmt.Sprintf("opaque grey with opacity %d×%d", w, h)] = storedPNG(w, h, 8, 4, nil, nil, ga, false, 0)
		out[fmt.Sprintf("rgb with a suggested palette %d×%d", w, h)] = storedPNG(w, h, 8, 2, []byte{1, 2, 3}, []byte{0, 1, 0, 2, 0, 3}, rows, false, 1)
	}
	return out
}

// TestReducePalettedPNG checks that the kinds expanded as they are read
// reduce to what they give decoded whole and reduced, of the same
// kind (grey, opaque or not), for factors odd and even.
func TestReducePalettedPNG(t *testing.T) {
	for name, data := range expandedKinds() {
		whole, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, k := range []int{2, 3, 4, 5} {
			got, ok, err := reducePNG(data, k)
			if !ok || err != nil {
				t.Fatalf("%s by %d: read row by row %v (%v)", name, k, ok, err)
			}
			if msg := samePixels(got, ReduceBy(whole, k)); msg != "" {
				t.Errorf("%s by %d: %s", name, k, msg)
			}
		}
	}
}

// TestPaletteColour checks that every colour and opacity of a palette,
// premultiplied as the RGBA rows are, gives what ReduceBy reads from a
// decoded palette.
func TestPaletteColour(t *testing.T) {
	for c := range 256 {
		for a := range 256 {
			want, _, _, _ := color.NRGBA{uint8(c), 0, 0, uint8(a)}.RGBA()
			got := paletteColour([4]uint8{uint8(c), 0, 0, 0xff}, uint8(a))
			if p := (uint32(got[0])*uint32(a) + 127) / 255; p != want>>8 || got[3] != uint8(a) {
				t.Fatalf("colour %d, opacity %d: premultiplied %d, want %d", c, a, p, want>>8)
			}
		}
	}
}

// FuzzReducePalettedPNG: a PNG of any palette, opacities and samples,
// its chunks in either order, reads row by row as image/png reads it, or
// is refused, or left to image/png; never differently, never a panic.
func FuzzReducePalettedPNG(f *testing.F) {
	f.Add(uint8(8), uint8(3), uint8(5), uint8(0), []byte{1, 2, 3, 4, 5, 6}, []byte{0, 128}, []byte{0, 1, 2, 1, 0, 7, 255}, uint8(2))
	f.Add(uint8(1), uint8(3), uint8(9), uint8(0), []byte{1, 2, 3}, []byte{0, 128, 5}, []byte{0xaa, 0x55, 3}, uint8(3))
	f.Add(uint8(2), uint8(3), uint8(3), uint8(1), []byte{1, 2, 3, 9, 9, 9, 7, 7, 7, 0, 0, 0, 5, 5, 5}, []byte{1}, []byte{0xe4}, uint8(2))
	f.Add(uint8(4), uint8(0), uint8(4), uint8(2), []byte(nil), []byte{0, 3}, []byte{0x12, 0x34, 0x56}, uint8(4))
	f.Add(uint8(8), uint8(2), uint8(2), uint8(4), []byte{1, 2, 3}, []byte{0, 1, 0, 2, 0, 3}, []byte{1, 2, 3, 4, 5, 6}, uint8(2))
	f.Fuzz(func(t *testing.T, depth, colourType, width, order uint8, plte, trns, samples []byte, k uint8) {
		if k < 2 || width == 0 || len(samples) == 0 {
			return
		}
		channels := map[uint8]int{0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colourType]
		if channels == 0 {
			channels = 1
		}
		w := int(width)
		rowLen := ceilDiv(w*channels*int(depth), 8)
		if rowLen == 0 {
			return
		}
		h := min(ceilDiv(len(samples), rowLen), 64)
		rows := make([][]byte, h)
		for y := range rows {
			rows[y] = make([]byte, rowLen)
			for i := range rows[y] {
				rows[y][i] = samples[(y*rowLen+i)%len(samples)]
			}
		}
		if order&1 != 0 {
			plte = nil
		}
		if order&2 != 0 {
			trns = nil
		}
		data := storedPNG(w, h, int(depth), int(colourType), plte, trns, rows, order&4 != 0, int(order>>3&3))
		got, ok, err := reducePNG(data, int(k))
		whole, werr := png.Decode(bytes.NewReader(data))
		switch {
		case !ok:
			return // left to image/png
		case werr != nil:
			// The end of the pixel data, past the last row, is not
			// read (its zlib checksum, what follows it).
			if err == nil && !strings.Contains(werr.Error(), "pixel data") {
				t.Fatalf("read a picture image/png refuses (%v)", werr)
			}
		case err != nil:
			t.Fatalf("refused (%v) a picture image/png reads", err)
		default:
			if msg := samePixels(got, ReduceBy(whole, int(k))); msg != "" {
				t.Fatal(msg)
			}
		}
	})
}

// BenchmarkReducePalettedPNG halves a pngquant'd screenshot: 8-bit
// palette indices, flat regions and text-like noise, and a translucent
// shadow along two edges; read row by row, and decoded whole then
// halved.
func BenchmarkReducePalettedPNG(b *testing.B) {
	const w, h = 3160, 1812
	pal := make(color.Palette, 256)
	for i := range pal {
		v := uint8(i)
		pal[i] = color.NRGBA{v, v / 2, 250 - v/3, 255}
		if i >= 240 {
			pal[i] = color.NRGBA{0, 0, 0, uint8(16 * (i - 239))} // the shadow
		}
	}
	img := image.NewPaletted(image.Rect(0, 0, w, h), pal)
	rng := rand.New(rand.NewPCG(11, 12))
	for y := range h {
		for x := range w {
			v := uint8(200)
			switch {
			case x >= w-16 || y >= h-16:
				v = uint8(240 + min(w-1-x, h-1-y))
			case (x/40+y/20)%4 == 0:
				v = uint8(rng.IntN(240))
			}
			img.Pix[y*img.Stride+x] = v
		}
	}
	benchmarkHalving(b, img)
}

// benchmarkHalving reduces img, encoded as a PNG, by 2 (the EPUB's
// factor for a screenshot over 4 megapixels) and by 3 (a print size a
// third of it), read row by row, and decoded whole then reduced.
func benchmarkHalving(b *testing.B, img image.Image) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	for _, k := range []int{2, 3} {
		b.Run(fmt.Sprintf("rows-by-%d", k), func(b *testing.B) {
			cpu0 := cputime.Used()
			for range b.N {
				if _, err := (*Cache)(nil).decodeReduced(PNG, data, k, 0); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
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

// TestHalveRowsMemo checks halving the rows of a shadow with the blocks
// not all opaque kept from pair to pair against a pixel at a time, where
// a pair repeats the one before in one row only (a block's pixel kept
// for its other row is not this block's).
func TestHalveRowsMemo(t *testing.T) {
	const sw = 301
	rows := shadowRows(sw, 260)
	for y := 2; y < len(rows); y += 4 {
		// the lower row's shadow of every other pair is recoloured,
		// the upper row's of every fourth
		row := rows[y+1]
		if y%8 == 6 {
			row = rows[y]
		}
		for x := range 100 {
			if a := row[4*x+3]; a != 0 && a != 0xff {
				row[4*x] = 200
			}
		}
	}
	memo := make([]shadowBlock, ceilDiv(sw, 2))
	for y := 0; y+1 < len(rows); y += 2 {
		got, want := make([]uint8, 4*ceilDiv(sw, 2)), make([]uint8, 4*ceilDiv(sw, 2))
		translucent := halveRowsMemo(got, rows[y], rows[y+1], 4, sw, memo)
		plainHalveRows(want, rows[y], rows[y+1], 4, sw)
		if !bytes.Equal(got, want) || !translucent {
			t.Fatalf("rows %d and %d halved as %v (translucent %v), want %v", y, y+1, got, translucent, want)
		}
	}
}
