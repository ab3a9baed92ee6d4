package media

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestReduceBy(t *testing.T) {
	// 5 × 3 opaque pixels halved: 3 × 2, the last column and row
	// averaging the pixels there are.
	src := image.NewNRGBA(image.Rect(0, 0, 5, 3))
	for y := range 3 {
		for x := range 5 {
			src.SetNRGBA(x, y, color.NRGBA{uint8(10 * (x + 5*y)), uint8(x), 200, 255})
		}
	}
	got, ok := ReduceBy(src, 2).(*image.RGBA)
	if !ok {
		t.Fatalf("an opaque picture reduced to %T, want *image.RGBA", ReduceBy(src, 2))
	}
	if got.Rect != image.Rect(0, 0, 3, 2) {
		t.Fatalf("5 × 3 halved is %v, want 3 × 2", got.Rect)
	}
	mean := func(xs ...int) uint8 {
		sum := 0
		for _, x := range xs {
			sum += x
		}
		return uint8((sum + len(xs)/2) / len(xs))
	}
	for _, c := range []struct {
		x, y int
		want color.RGBA
	}{
		{0, 0, color.RGBA{mean(0, 10, 50, 60), mean(0, 1, 0, 1), 200, 255}},
		{2, 0, color.RGBA{mean(40, 90), 4, 200, 255}},
		{1, 1, color.RGBA{mean(120, 130), mean(2, 3), 200, 255}},
		{2, 1, color.RGBA{140, 4, 200, 255}},
	} {
		if g := got.RGBAAt(c.x, c.y); g != c.want {
			t.Errorf("pixel (%d, %d) = %v, want %v", c.x, c.y, g, c.want)
		}
	}

	// Transparent pixels lend no colour: red beside transparent green
	// stays red, half opaque.
	halo := image.NewNRGBA(image.Rect(0, 0, 2, 1))
	halo.SetNRGBA(0, 0, color.NRGBA{255, 0, 0, 255})
	halo.SetNRGBA(1, 0, color.NRGBA{0, 255, 0, 0})
	n, ok := ReduceBy(halo, 2).(*image.NRGBA)
	if !ok {
		t.Fatalf("a transparent picture reduced to %T, want *image.NRGBA", ReduceBy(halo, 2))
	}
	if c := n.NRGBAAt(0, 0); c != (color.NRGBA{255, 0, 0, 128}) {
		t.Errorf("red beside transparent green = %v, want half-opaque red", c)
	}

	gray := image.NewGray(image.Rect(0, 0, 7, 7))
	for i := range gray.Pix {
		gray.Pix[i] = 90
	}
	if g, ok := ReduceBy(gray, 3).(*image.Gray); !ok || g.Rect.Dx() != 3 || g.GrayAt(2, 2).Y != 90 {
		t.Errorf("a 7 × 7 grey picture by 3 = %T %v, want 3 × 3 grey of 90", ReduceBy(gray, 3), ReduceBy(gray, 3).Bounds())
	}

	// A photograph stays 4:2:0 YCbCr, each plane reduced.
	photo := image.NewYCbCr(image.Rect(0, 0, 9, 5), image.YCbCrSubsampleRatio420)
	for i := range photo.Y {
		photo.Y[i] = uint8(i)
	}
	for i := range photo.Cb {
		photo.Cb[i], photo.Cr[i] = 100, 150
	}
	p, ok := ReduceBy(photo, 2).(*image.YCbCr)
	if !ok || p.SubsampleRatio != image.YCbCrSubsampleRatio420 || p.Rect != image.Rect(0, 0, 5, 3) {
		t.Fatalf("a 9 × 5 photograph halved = %T %v, want 5 × 3 4:2:0 YCbCr", ReduceBy(photo, 2), ReduceBy(photo, 2).Bounds())
	}
	if len(p.Cb) != 3*2 || p.Cb[5] != 100 || p.Cr[0] != 150 {
		t.Errorf("colour planes %v %v, want 3 × 2 of 100 and 150", p.Cb, p.Cr)
	}
	if want := mean(0, 1, 9, 10); p.Y[0] != want {
		t.Errorf("brightness of the first block = %d, want %d", p.Y[0], want)
	}

	if same := ReduceBy(src, 1); same != image.Image(src) {
		t.Error("a factor of 1 made a new picture")
	}
}

// TestReduceByMatchesDownsample checks the whole-factor reduction against
// the general box filter, which gives the same averages for sizes the
// factor divides, within the filter's rounding.
func TestReduceByMatchesDownsample(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, k := range []int{2, 3, 4} {
		src := image.NewNRGBA(image.Rect(0, 0, 12*k, 5*k))
		for i := range src.Pix {
			src.Pix[i] = uint8(rng.IntN(256))
		}
		fast := ReduceBy(src, k).(*image.NRGBA)
		slow := Downsample(src, 12, 5).(*image.NRGBA)
		for i := range fast.Pix {
			if d := int(fast.Pix[i]) - int(slow.Pix[i]); d > 1 || d < -1 {
				t.Fatalf("by %d: byte %d is %d, the box filter gives %d", k, i, fast.Pix[i], slow.Pix[i])
			}
		}
	}
}

func TestFactorWithin(t *testing.T) {
	for _, c := range []struct{ w, h, max, want int }{
		{3000, 1500, 4_000_000, 2},
		{2000, 2000, 4_000_000, 1},
		{2001, 2000, 4_000_000, 2},
		{6000, 4000, 4_000_000, 3},
		{6000, 4000, 0, 1},
		{10, 10, 1, 10},
	} {
		if k := FactorWithin(c.w, c.h, c.max); k != c.want {
			t.Errorf("FactorWithin(%d, %d, %d) = %d, want %d", c.w, c.h, c.max, k, c.want)
		}
	}
}

// TestCacheReduceBy checks that the outputs asking for a picture reduced
// by the same factor share one encoding, a photograph as a JPEG and an
// opaque PNG as a PNG without alpha.
func TestCacheReduceBy(t *testing.T) {
	opaque := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	for i := range opaque.Pix {
		opaque.Pix[i] = 255
	}
	var pngData bytes.Buffer
	png.Encode(&pngData, opaque)
	var jpegData bytes.Buffer
	jpeg.Encode(&jpegData, image.NewYCbCr(image.Rect(0, 0, 40, 20), image.YCbCrSubsampleRatio420), nil)

	c := NewCache()
	r := c.ReduceBy(PNG, pngData.Bytes(), 2, 0, nil)
	if r.Err != nil || r.MediaType != PNG || r.Width != 20 || r.Height != 10 || r.Image != nil {
		t.Fatalf("an opaque PNG halved: %+v, want a 20 × 10 PNG and no picture kept", r)
	}
	if again := c.ReduceBy(PNG, pngData.Bytes(), 2, 0, nil); again != r {
		t.Error("the same reduction was made twice")
	}
	if colourType := r.Data[25]; colourType != 2 {
		t.Errorf("an opaque picture encoded with colour type %d, want 2 (RGB)", colourType)
	}
	if j := c.ReduceBy(JPEG, jpegData.Bytes(), 3, 0, nil); j.Err != nil || j.MediaType != JPEG || j.Width != 14 || j.Height != 7 {
		t.Errorf("a JPEG by 3: %+v, want a 14 × 7 JPEG", j)
	} else if cfg, err := jpeg.DecodeConfig(bytes.NewReader(j.Data)); err != nil || cfg.Width != 14 || cfg.Height != 7 {
		t.Errorf("a JPEG by 3 encoded as %v × %v (%v), want 14 × 7", cfg.Width, cfg.Height, err)
	}
	if bad := c.ReduceBy(PNG, []byte("\x89PNG\r\n\x1a\n"), 2, 0, nil); bad.Err == nil {
		t.Error("a PNG with no header reduced without error")
	}
}

func BenchmarkReduceByScreenshot(b *testing.B) {
	img := image.NewNRGBA(image.Rect(0, 0, 3000, 1500))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
		if i%4 == 3 {
			img.Pix[i] = 255
		}
	}
	b.ResetTimer()
	for range b.N {
		ReduceBy(img, 2)
	}
}

// TestReduceJPEGScaled checks that a photograph reduced by any factor is
// decoded at a reduced scale, and reduced the rest of the way: a picture
// of the same kind and size as the whole decoding reduced, close to it,
// and the whole decoding never made.
func TestReduceJPEGScaled(t *testing.T) {
	const w, h = 203, 131
	src := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	for y := range h {
		for x := range w {
			// smooth shading with an edge, as a photograph has
			v := 60 + x/2 + y/3
			if x > 120 && y > 40 {
				v += 50
			}
			src.Y[src.YOffset(x, y)] = uint8(v)
			src.Cb[src.COffset(x, y)], src.Cr[src.COffset(x, y)] = uint8(100+x/8), uint8(160-y/8)
		}
	}
	var data bytes.Buffer
	if err := jpeg.Encode(&data, src, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	whole, err := Decode(JPEG, data.Bytes(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{2, 3, 4, 5, 6, 8, 16} {
		c := NewCache()
		got, err := c.decodeReduced(JPEG, data.Bytes(), k, 0)
		if err != nil {
			t.Fatal(err)
		}
		want := ReduceBy(whole, k).(*image.YCbCr)
		g, ok := got.(*image.YCbCr)
		if !ok || g.Bounds() != want.Bounds() || g.SubsampleRatio != want.SubsampleRatio {
			t.Fatalf("by %d: %T %v, want YCbCr %v %v", k, got, got.Bounds(), want.Bounds(), want.SubsampleRatio)
		}
		// Beside the edge a block's dropped frequencies ring where the
		// averages do not; elsewhere the two agree within the rounding.
		b := want.Bounds()
		far, sum := 0, 0
		for y := range b.Dy() {
			for x := range b.Dx() {
				d := int(g.Y[g.YOffset(x, y)]) - int(want.Y[want.YOffset(x, y)])
				d = max(d, -d)
				sum += d
				if nearEdge := (x*k >= 112 && x*k <= 128) || (y*k >= 32 && y*k <= 48); d > 2 && !nearEdge {
					far = max(far, d)
				}
				if dc := int(g.Cb[g.COffset(x, y)]) - int(want.Cb[want.COffset(x, y)]); dc > 2 || dc < -2 {
					t.Fatalf("by %d: pixel %d,%d has blue difference %d, reduced whole %d", k, x, y, g.Cb[g.COffset(x, y)], want.Cb[want.COffset(x, y)])
				}
			}
		}
		if mean := float64(sum) / float64(b.Dx()*b.Dy()); far > 0 || mean > 1.5 {
			t.Errorf("by %d: brightness %.2f levels apart on average, %d away from the edge", k, mean, far)
		}
		if _, kept := c.entries["decoded "+JPEG+" "+Digest(data.Bytes())]; kept {
			t.Errorf("by %d: the whole picture was decoded", k)
		}
	}

	// The coefficients are read once for every factor.
	c := NewCache()
	if _, err := c.decodeReduced(JPEG, data.Bytes(), 2, 0); err != nil {
		t.Fatal(err)
	}
	calls := 0
	c.Do("jpeg coefficients "+Digest(data.Bytes()), func() any { calls++; return nil })
	if calls != 0 {
		t.Error("a photograph's coefficients were not kept for another factor")
	}
}

// TestCacheDigest checks that the digest a cache keeps for a picture's
// bytes is Digest's, for the same bytes read again, for other bytes of
// the same length and for a nil cache.
func TestCacheDigest(t *testing.T) {
	c := NewCache()
	a := []byte("a picture's bytes")
	b := []byte("other bytes, same")
	for _, data := range [][]byte{a, a, b, a[:5], nil} {
		if got, want := c.Digest(data), Digest(data); got != want {
			t.Errorf("%q: %s, want %s", data, got, want)
		}
		if got, want := (*Cache)(nil).Digest(data), Digest(data); got != want {
			t.Errorf("nil cache, %q: %s, want %s", data, got, want)
		}
	}
}

// TestAddBlocks checks the block sums of every pixel layout against the
// sums taken a byte at a time: rows whose length is and is not a whole
// number of blocks, every factor from 1 to 7.
func TestAddBlocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for _, layout := range []struct{ px, ch int }{{1, 1}, {3, 3}, {4, 3}, {4, 4}, {2, 2}} {
		for k := 1; k <= 7; k++ {
			for _, n := range []int{1, k, 3*k - 1, 3 * k, 3*k + 1, 50} {
				src := make([]uint8, n*layout.px)
				for i := range src {
					src[i] = uint8(rng.IntN(256))
				}
				blocks := ceilDiv(n, k)
				want := make([]uint32, blocks*layout.ch)
				got := make([]uint32, blocks*layout.ch)
				for i := range want {
					want[i] = uint32(i) // sums are added to what is there
					got[i] = uint32(i)
				}
				for x := range n {
					for c := range layout.ch {
						want[x/k*layout.ch+c] += uint32(src[x*layout.px+c])
					}
				}
				addBlocks(src, got, layout.px, layout.ch, k)
				if !slices.Equal(got, want) {
					t.Fatalf("%d-byte pixels, %d channels, by %d, %d pixels: sums %v, want %v", layout.px, layout.ch, k, n, got, want)
				}
			}
		}
	}
}

// TestReducePNGFromHalving checks that a PNG reduced by an even factor
// starts from its halving, made once for every such factor, and comes
// within the rounding of the whole picture reduced by blocks,
// transparency included; and that an odd factor reads the rows again,
// to the very blocks, without making the halving.
func TestReducePNGFromHalving(t *testing.T) {
	const w, h = 421, 211
	src := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			// smooth shading, as screenshots' gradients and shadows are,
			// and a margin fading to transparent
			a := uint8(255)
			if x > 300 {
				a = uint8(255 - 2*(x-300))
			}
			src.SetNRGBA(x, y, color.NRGBA{uint8(x / 2), uint8(y), uint8((x + y) / 3), a})
		}
	}
	var data bytes.Buffer
	if err := png.Encode(&data, src); err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{2, 3, 4, 5, 6, 8} {
		c := NewCache()
		got, err := c.decodeReduced(PNG, data.Bytes(), k, 0)
		if err != nil {
			t.Fatal(err)
		}
		want := ReduceBy(src, k).(*image.NRGBA)
		g, ok := got.(*image.NRGBA)
		if !ok || g.Bounds() != want.Bounds() {
			t.Fatalf("by %d: %T %v, want NRGBA %v", k, got, got.Bounds(), want.Bounds())
		}
		worst, at := 0, 0
		for i := range g.Pix {
			if a := want.Pix[i|3]; a < 64 && i&3 != 3 {
				continue // a colour too faint to keep all its levels
			}
			if d := int(g.Pix[i]) - int(want.Pix[i]); max(d, -d) > worst {
				worst, at = max(d, -d), i
			}
		}
		if limit := map[bool]int{true: 2, false: 0}[k%2 == 0]; worst > limit {
			t.Errorf("by %d: channel %d of pixel %d,%d is %d levels from the whole picture reduced, want at most %d",
				k, at%4, at/4%g.Rect.Dx(), at/4/g.Rect.Dx(), worst, limit)
		}
		calls := 0
		c.Do("png halved "+Digest(data.Bytes()), func() any { calls++; return nil })
		if kept := calls == 0; kept != (k%2 == 0) {
			t.Errorf("by %d: the halving kept %v, want %v", k, kept, k%2 == 0)
		}
	}
}
