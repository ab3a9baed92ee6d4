package media

import (
	"bytes"
	"compress/flate"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"io"
	"math/rand/v2"
	"slices"
	"testing"
)

// Rows given once or shared with the row above come out as image/png
// reads them, translucent palette entries included.
func TestEncodePalettedRows(t *testing.T) {
	palette := color.Palette{
		color.RGBA{243, 239, 230, 255},
		color.RGBA{32, 26, 23, 255},
		color.NRGBA{140, 28, 24, 128},
		color.RGBA{0, 0, 255, 255},
	}
	const w = 333
	rng := rand.New(rand.NewPCG(1, 2))
	var rows [][]byte
	for y := range 70 {
		if y > 0 && rng.IntN(3) > 0 {
			rows = append(rows, rows[y-1]) // shared
			continue
		}
		row := make([]byte, w)
		for x := range row {
			row[x] = byte(rng.IntN(len(palette)))
		}
		rows = append(rows, row)
	}
	data, err := EncodePalettedRows(w, rows, palette)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	p, ok := img.(*image.Paletted)
	if !ok {
		t.Fatalf("decoded as %T, want a paletted image", img)
	}
	if b := p.Bounds(); b.Dx() != w || b.Dy() != len(rows) {
		t.Fatalf("size %v", b)
	}
	for i, c := range palette {
		want := color.NRGBAModel.Convert(c)
		if got := color.NRGBAModel.Convert(p.Palette[i]); got != want {
			t.Errorf("palette entry %d is %v, want %v", i, got, want)
		}
	}
	for y, row := range rows {
		if got := p.Pix[y*p.Stride:][:w]; !bytes.Equal(got, row) {
			t.Fatalf("row %d differs", y)
		}
	}
}

// An opaque palette needs no transparency chunk.
func TestEncodePalettedRowsOpaque(t *testing.T) {
	data, err := EncodePalettedRows(2, [][]byte{{0, 1}}, color.Palette{color.Black, color.White})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("tRNS")) {
		t.Error("an opaque palette was written with transparency")
	}
}

func TestEncodePalettedRowsErrors(t *testing.T) {
	for _, tc := range []struct {
		name    string
		width   int
		rows    [][]byte
		palette color.Palette
		want    string
	}{
		{"no rows", 2, nil, color.Palette{color.Black}, "png: empty picture"},
		{"no width", 0, [][]byte{{}}, color.Palette{color.Black}, "png: empty picture"},
		{"no palette", 1, [][]byte{{0}}, nil, "png: 0 colours in the palette"},
		{"short row", 2, [][]byte{{0, 0}, {0}}, color.Palette{color.Black}, "png: row 1 has 1 pixels, not 2"},
	} {
		_, err := EncodePalettedRows(tc.width, tc.rows, tc.palette)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}

// Blocks added by their sums give Adler-32 of their bytes run together,
// for blocks long enough that the sums must be reduced on the way, with
// stretches of zeros.
func TestAdlerOfBlocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, sizes := range [][]int{{1}, {5}, {1601, 1601, 7}, {6000, 1, 20000}, {70000}} {
		var all []byte
		sum := adler{a: 1}
		for _, n := range sizes {
			block := make([]byte, n)
			for i := range block {
				block[i] = byte(255 - rng.IntN(8)) // large bytes overflow sooner
				if i%64 < 21 {
					block[i] = 0 // words of zeros, as a filtered flat colour has
				}
			}
			all = append(all, block...)
			r := sumsOf(block)
			sum.add(r)
			sum.add(r) // each block twice, as a repeated row
			all = append(all, block...)
		}
		if got, want := sum.value(), adler32.Checksum(all); got != want {
			t.Errorf("blocks %v: %08x, want %08x", sizes, got, want)
		}
	}
}

// The deflate data inflates to the lines given, for pictures of every
// kind the encoder treats apart: lines repeated often enough that the
// window is only counted, lines wider than the window, rows of one colour,
// noise that matches nothing, type-like rows of short runs, and enough of
// them to fill several blocks.
func TestLineDeflater(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	noise := func(w, colours int) []byte {
		row := make([]byte, w)
		for x := range row {
			row[x] = byte(rng.IntN(colours))
		}
		return row
	}
	runs := func(w int) []byte {
		row := make([]byte, w)
		c := byte(0)
		for x := range row {
			if rng.IntN(12) == 0 {
				c = byte(rng.IntN(6))
			}
			row[x] = c
		}
		return row
	}
	for _, tc := range []struct {
		name  string
		width int
		rows  func(y int, above []byte) []byte // nil: the row above again
	}{
		{"one pixel", 1, func(y int, _ []byte) []byte { return []byte{byte(y)} }},
		{"flat bands", 1600, func(y int, above []byte) []byte {
			if y%300 != 0 {
				return nil
			}
			return bytes.Repeat([]byte{byte(y / 300)}, 1600)
		}},
		{"noise", 700, func(int, []byte) []byte { return noise(700, 256) }},
		{"type", 900, func(y int, above []byte) []byte {
			switch {
			case y%40 > 30:
				return nil
			case y%3 == 0 && above != nil:
				row := slices.Clone(above)
				row[rng.IntN(len(row))] = byte(rng.IntN(6))
				return row
			}
			return runs(900)
		}},
		{"wider than the window", 40000, func(y int, _ []byte) []byte {
			if y%7 != 0 {
				return nil
			}
			return runs(40000)
		}},
	} {
		var rows [][]byte
		var above []byte
		for y := range 400 {
			row := tc.rows(y, above)
			if row == nil {
				row = above
			}
			rows = append(rows, row)
			above = row
		}
		if tc.width == 40000 {
			rows = rows[:60]
		}
		d := newLineDeflater(tc.width)
		var want []byte
		line := make([]byte, 1+tc.width)
		for y, row := range rows {
			same := y > 0 && sameRow(row, rows[y-1])
			copy(line[1:], row)
			d.line(line, same)
			want = append(want, line...)
		}
		got, err := io.ReadAll(flate.NewReader(bytes.NewReader(d.finish())))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: inflated to %d bytes unlike the %d given", tc.name, len(got), len(want))
		}
	}
}

// Code lengths stay within their limit however skewed the frequencies,
// and make a complete prefix code, as decoders require.
func TestHuffmanLengths(t *testing.T) {
	fib := make([]int, 40)
	fib[0], fib[1] = 1, 1
	for i := 2; i < len(fib); i++ {
		fib[i] = fib[i-1] + fib[i-2]
	}
	for _, tc := range []struct {
		name    string
		freq    []int
		maxBits int
	}{
		{"none used", make([]int, 30), 15},
		{"one used", []int{0, 0, 5, 0}, 15},
		{"Fibonacci", fib, 15},
		{"Fibonacci, code lengths", fib[:19], 7},
		{"even", slices.Repeat([]int{3}, 286), 15},
	} {
		lengths := huffmanLengths(tc.freq, tc.maxBits)
		kraft, used := 0, 0
		for s, l := range lengths {
			if int(l) > tc.maxBits {
				t.Errorf("%s: symbol %d has a code of %d bits", tc.name, s, l)
			}
			if tc.freq[s] > 0 && l == 0 {
				t.Errorf("%s: symbol %d is used but has no code", tc.name, s)
			}
			if l > 0 {
				kraft += 1 << (tc.maxBits - int(l))
				used++
			}
		}
		if used < 2 || kraft != 1<<tc.maxBits {
			t.Errorf("%s: %d codes, Kraft sum %d/%d, want a complete code", tc.name, used, kraft, 1<<tc.maxBits)
		}
	}
}

// Lengths and distances go to the symbols and extra bits of RFC 1951's
// tables, at the edges of each range.
func TestLengthAndDistanceSymbols(t *testing.T) {
	for _, tc := range []struct{ length, sym, nextra, extra int }{
		{3, 257, 0, 0}, {10, 264, 0, 0}, {11, 265, 1, 0}, {12, 265, 1, 1}, {18, 268, 1, 1},
		{19, 269, 2, 0}, {34, 272, 2, 3}, {35, 273, 3, 0}, {130, 280, 4, 15}, {131, 281, 5, 0},
		{227, 284, 5, 0}, {257, 284, 5, 30}, {258, 285, 0, 0},
	} {
		nextra, extra := lengthExtra(tc.length)
		if s := lengthSymbol(tc.length); s != tc.sym || int(nextra) != tc.nextra || int(extra) != tc.extra {
			t.Errorf("length %d: symbol %d, %d extra bits %d; want %d, %d, %d", tc.length, s, nextra, extra, tc.sym, tc.nextra, tc.extra)
		}
	}
	for _, tc := range []struct{ dist, sym, nextra, extra int }{
		{1, 0, 0, 0}, {4, 3, 0, 0}, {5, 4, 1, 0}, {6, 4, 1, 1}, {7, 5, 1, 0}, {9, 6, 2, 0},
		{1601, 21, 9, 64}, {24577, 29, 13, 0}, {32768, 29, 13, 8191},
	} {
		nextra, extra := distanceExtra(tc.dist)
		if s := distanceSymbol(tc.dist); s != tc.sym || int(nextra) != tc.nextra || int(extra) != tc.extra {
			t.Errorf("distance %d: symbol %d, %d extra bits %d; want %d, %d, %d", tc.dist, s, nextra, extra, tc.sym, tc.nextra, tc.extra)
		}
	}
}

// Any rows, some repeating the row above, come back as image/png reads
// them.
func FuzzEncodePalettedRows(f *testing.F) {
	f.Add(uint16(3), []byte{0, 1, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0})
	f.Add(uint16(299), append(bytes.Repeat([]byte{3}, 299), 0, 0, 0, 1, 2))
	f.Fuzz(func(t *testing.T, width uint16, data []byte) {
		if len(data) > 1024 {
			return // longer inputs are slow to minimise, and find nothing new
		}
		w := int(width)%300 + 1
		var rows [][]byte
		// a row of 0 bytes taken means the row above again
		for len(data) > 0 && len(rows) < 100 {
			if data[0] == 0 && len(rows) > 0 {
				rows = append(rows, rows[len(rows)-1])
				data = data[1:]
				continue
			}
			row := make([]byte, w)
			n := copy(row, data)
			data = data[n:]
			for x := range row {
				row[x] &= 3
			}
			rows = append(rows, row)
		}
		if len(rows) == 0 {
			return
		}
		palette := color.Palette{color.Black, color.White, color.RGBA{200, 0, 0, 255}, color.RGBA{0, 0, 200, 255}}
		out, err := EncodePalettedRows(w, rows, palette)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		p := img.(*image.Paletted)
		for y, row := range rows {
			if !bytes.Equal(p.Pix[y*p.Stride:][:w], row) {
				t.Fatalf("row %d differs", y)
			}
		}
	})
}
