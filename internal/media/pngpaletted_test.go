package media

import (
	"bytes"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
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
// for blocks long enough that the sums must be reduced on the way.
func TestAdlerOfBlocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, sizes := range [][]int{{1}, {5}, {1601, 1601, 7}, {6000, 1, 20000}, {70000}} {
		var all []byte
		sum := adler{a: 1}
		for _, n := range sizes {
			block := make([]byte, n)
			for i := range block {
				block[i] = byte(255 - rng.IntN(8)) // large bytes overflow sooner
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
