package media

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"testing"
)

// scratchPicture is a w × h PNG of flat bands and noise, translucent
// where alpha is below 255, of several IDAT chunks (image/png writes
// them 8 KB at a time), made from seed.
func scratchPicture(t *testing.T, w, h int, alpha uint8, seed uint64) []byte {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, seed))
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.NRGBA{uint8(y * 7), uint8(x / 9), 200, 255}
			if (x/13+y/5)%3 == 0 {
				c = color.NRGBA{uint8(rng.Uint32()), uint8(rng.Uint32()), uint8(rng.Uint32()), 255}
			}
			if x > w/2 {
				c.A = alpha
			}
			m.SetNRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The buffers a Cache keeps for the next picture never change what is
// made: pictures prepared one after the other through one Cache, larger
// ones first so that the smaller reuse their buffers, come out as each
// prepared through a Cache of its own.
func TestScratchLeavesNoTrace(t *testing.T) {
	pictures := [][]byte{
		scratchPicture(t, 640, 300, 255, 1),
		scratchPicture(t, 500, 260, 128, 2),
		scratchPicture(t, 300, 90, 255, 3),
		scratchPicture(t, 210, 70, 40, 4),
	}
	type made struct{ data, colours, opacity []byte }
	prepare := func(c *Cache, data []byte, k int) made {
		r := c.ReduceBy(PNG, data, k, 0, nil)
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		m := made{data: r.Data}
		img, err := r.Transparent()
		if err != nil {
			t.Fatal(err)
		}
		if n, ok := img.(*image.NRGBA); ok {
			if m.colours, m.opacity, err = c.EncodeColoursAndOpacity(n); err != nil {
				t.Fatal(err)
			}
		}
		return m
	}
	shared := NewCache()
	for _, k := range []int{2, 3} {
		for i, data := range pictures {
			got, want := prepare(shared, data, k), prepare(NewCache(), data, k)
			if !bytes.Equal(got.data, want.data) || !bytes.Equal(got.colours, want.colours) || !bytes.Equal(got.opacity, want.opacity) {
				t.Errorf("picture %d reduced by %d after others differs from it alone", i, k)
			}
			if plain := prepare(nil, data, k); !bytes.Equal(plain.data, want.data) || !bytes.Equal(plain.opacity, want.opacity) {
				t.Errorf("picture %d reduced by %d through a Cache differs from it without", i, k)
			}
		}
	}
}

// A compressor on an earlier one's buffers writes what a new one does,
// even for rows its hash table saw at other places.
func TestScratchDeflaterAfterShiftedRows(t *testing.T) {
	data := scratchPicture(t, 400, 200, 255, 5)
	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var s scratch
	for _, top := range []int{0, 1, 3, 0, 7} {
		img := src.(*image.RGBA).SubImage(image.Rect(0, top, 400, 200))
		got, err := encodeOpaquePNGWith(&s, img, true)
		if err != nil {
			t.Fatal(err)
		}
		want, err := encodeOpaquePNG(img, true)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("rows from %d encoded after others differ from them alone", top)
		}
	}
}
