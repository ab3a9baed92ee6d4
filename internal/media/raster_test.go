package media

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/svg"

	"github.com/samizdat-press/samizdat/internal/cputime"
)

func TestBoxWeights(t *testing.T) {
	for _, c := range [][2]int{{10, 3}, {3000, 1260}, {7, 7}, {1001, 2}, {5, 1}} {
		n, m := c[0], c[1]
		covered := make([]uint64, n) // how much of each source pixel is used, in 1/65536ths of an output pixel
		for i, s := range boxWeights(n, m) {
			var sum uint32
			for k, w := range s.weights {
				sum += w
				covered[s.first+k] += uint64(w)
			}
			if sum != 65536 {
				t.Errorf("%d → %d: output pixel %d weighs %d, want 65536", n, m, i, sum)
			}
		}
		// Every source pixel counts as much as every other, within
		// rounding: m/n of an output pixel.
		for x, c := range covered {
			want := float64(m) / float64(n) * 65536
			if d := float64(c) - want; d > 2 || d < -2 {
				t.Errorf("%d → %d: source pixel %d weighs %d, want %.0f", n, m, x, c, want)
				break
			}
		}
	}
}

func TestDownsample(t *testing.T) {
	// 4 × 2 pixels in two colours, halved: each output pixel is the mean
	// of a 2 × 2 block.
	src := image.NewNRGBA(image.Rect(0, 0, 4, 2))
	for x := range 4 {
		for y := range 2 {
			c := color.NRGBA{200, 100, 0, 255}
			if x >= 2 {
				c = color.NRGBA{0, 0, 100, 255}
			}
			if x == 1 && y == 1 {
				c = color.NRGBA{0, 100, 0, 255}
			}
			src.SetNRGBA(x, y, c)
		}
	}
	got := Downsample(src, 2, 1)
	rgba, ok := got.(*image.RGBA)
	if !ok {
		t.Fatalf("an opaque picture reduced to %T, want *image.RGBA", got)
	}
	if c0, c1 := rgba.RGBAAt(0, 0), rgba.RGBAAt(1, 0); c0 != (color.RGBA{150, 100, 0, 255}) || c1 != (color.RGBA{0, 0, 100, 255}) {
		t.Errorf("halved to %v %v, want {150 100 0 255} {0 0 100 255}", c0, c1)
	}

	// A transparent red pixel lends no colour to the opaque blue one it
	// is averaged with; the result is half opaque and blue.
	halo := image.NewNRGBA(image.Rect(0, 0, 2, 1))
	halo.SetNRGBA(0, 0, color.NRGBA{255, 0, 0, 0})
	halo.SetNRGBA(1, 0, color.NRGBA{0, 0, 255, 255})
	n, ok := Downsample(halo, 1, 1).(*image.NRGBA)
	if !ok {
		t.Fatal("a translucent picture was not reduced to NRGBA")
	}
	if c := n.NRGBAAt(0, 0); c != (color.NRGBA{0, 0, 255, 128}) {
		t.Errorf("transparent red beside opaque blue averages to %v, want {0 0 255 128}", c)
	}

	// Grey stays grey, one byte a pixel.
	gray := image.NewGray(image.Rect(0, 0, 30, 30))
	for i := range gray.Pix {
		gray.Pix[i] = uint8(i % 30 * 8)
	}
	g, ok := Downsample(gray, 10, 10).(*image.Gray)
	if !ok {
		t.Fatal("a grey picture was not reduced to grey")
	}
	if v := g.GrayAt(0, 0).Y; v != 8 { // mean of 0, 8 and 16
		t.Errorf("first grey pixel %d, want 8", v)
	}

	// A YCbCr photograph is reduced plane by plane, to 4:2:0.
	for _, ratio := range []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422, image.YCbCrSubsampleRatio420} {
		photo := image.NewYCbCr(image.Rect(0, 0, 16, 16), ratio)
		for i := range photo.Y {
			photo.Y[i] = uint8(100 + 100*(i%16/8)) // left half 100, right half 200
		}
		for i := range photo.Cb {
			photo.Cb[i], photo.Cr[i] = 90, 160
		}
		small, ok := Downsample(photo, 4, 4).(*image.YCbCr)
		if !ok || small.SubsampleRatio != image.YCbCrSubsampleRatio420 {
			t.Fatalf("%v: a photograph reduced to %T, want 4:2:0 YCbCr", ratio, Downsample(photo, 4, 4))
		}
		if c := small.YCbCrAt(0, 0); c != (color.YCbCr{100, 90, 160}) {
			t.Errorf("%v: first pixel %v, want {100 90 160}", ratio, c)
		}
		if c := small.YCbCrAt(3, 3); c != (color.YCbCr{200, 90, 160}) {
			t.Errorf("%v: last pixel %v, want {200 90 160}", ratio, c)
		}
	}
	pal := image.NewPaletted(image.Rect(0, 0, 2, 2), color.Palette{color.NRGBA{0, 0, 0, 255}, color.NRGBA{255, 255, 255, 255}})
	pal.Pix = []uint8{0, 1, 1, 0}
	if c := Downsample(pal, 1, 1).(*image.Gray).GrayAt(0, 0).Y; c != 128 {
		t.Errorf("a black and white palette picture reduces to grey %d, want 128", c)
	}

	if same := Downsample(src, 4, 2); same != image.Image(src) {
		t.Error("a picture asked for at its own size was not returned as it is")
	}
	if same := Downsample(src, 8, 8); same != image.Image(src) {
		t.Error("a picture was enlarged")
	}
}

func TestDecodeLimit(t *testing.T) {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 4000, 3000))); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		limit int64
		want  string
	}{
		{0, "<nil>"},
		{12_000_000, "<nil>"},
		{1 << 20, "4000 × 3000 pixels would take 11.4 MB decoded, more than allowed (1 MB)"},
	} {
		_, err := DecodeConfig(PNG, b.Bytes(), c.limit)
		if got := fmt.Sprint(err); got != c.want {
			t.Errorf("limit %d: %s, want %s", c.limit, got, c.want)
		}
	}
}

func TestCache(t *testing.T) {
	c := NewCache()
	calls := 0
	for range 3 {
		if v := c.Do("a", func() any { calls++; return 7 }); v != 7 {
			t.Errorf("cached value %v, want 7", v)
		}
	}
	if calls != 1 {
		t.Errorf("prepared %d times, want once", calls)
	}
	var none *Cache
	if v := none.Do("a", func() any { return 8 }); v != 8 {
		t.Errorf("a nil cache gives %v, want 8", v)
	}
}

func BenchmarkDownsampleScreenshot(b *testing.B) {
	img := image.NewNRGBA(image.Rect(0, 0, 3000, 1500))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
		if i%4 == 3 {
			img.Pix[i] = 255
		}
	}
	b.ResetTimer()
	cpu0 := cputime.Used()
	for range b.N {
		Downsample(img, 1260, 630)
	}
	b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
}

// TestCacheDecode checks that outputs share a decoded picture within the
// cache's budget, and decode their own beyond it.
func TestCacheDecode(t *testing.T) {
	encode := func(w, h int) []byte {
		var buf bytes.Buffer
		if err := png.Encode(&buf, image.NewNRGBA(image.Rect(0, 0, w, h))); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	small, large := encode(10, 10), encode(20, 20) // 400 and 1600 bytes decoded
	c := NewCache()
	c.budget = 1000
	decode := func(data []byte) image.Image {
		img, err := c.Decode(PNG, data, 0)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	if a, b := decode(small), decode(small); a != b {
		t.Error("a picture within the budget was decoded twice")
	}
	if a, b := decode(large), decode(large); a == b {
		t.Error("a picture beyond the budget was kept")
	}
	if c.decoded != 400 {
		t.Errorf("the pictures kept take %d bytes, want 400", c.decoded)
	}
	if _, err := c.Decode(PNG, small[:40], 0); err == nil || !strings.Contains(err.Error(), "cannot decode") {
		t.Errorf("a cut PNG: error %v, want one saying it cannot be decoded", err)
	}
	var none *Cache
	if img, err := none.Decode(PNG, small, 0); err != nil || img.Bounds().Dx() != 10 {
		t.Errorf("a nil cache decodes %v, %v", img, err)
	}
}

// opaqueImage hides an image's type, so rowLoader reads it through the
// colour interface.
type opaqueImage struct{ image.Image }

// Each colour model rowLoader reads directly gives the rows the colour
// interface gives, in every number of channels.
func TestRowLoaderModels(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	rect := image.Rect(3, 5, 20, 11)
	fill := func(pix []uint8) {
		for i := range pix {
			pix[i] = uint8(r.IntN(256))
		}
	}
	rgba64 := image.NewRGBA64(rect)
	fill(rgba64.Pix)
	for i := 0; i < len(rgba64.Pix); i += 8 {
		// premultiplied: no channel above the opacity
		for c := range 3 {
			if rgba64.Pix[i+2*c] > rgba64.Pix[i+6] {
				rgba64.Pix[i+2*c] = rgba64.Pix[i+6]
			}
		}
	}
	nrgba64 := image.NewNRGBA64(rect)
	fill(nrgba64.Pix)
	gray16 := image.NewGray16(rect)
	fill(gray16.Pix)
	for _, img := range []image.Image{rgba64, nrgba64, gray16} {
		for _, ch := range []int{1, 3, 4} {
			fast, slow := rowLoader(img, ch), rowLoader(opaqueImage{img}, ch)
			for y := range rect.Dy() {
				got, want := make([]uint8, rect.Dx()*ch), make([]uint8, rect.Dx()*ch)
				fast(y, got)
				slow(y, want)
				if !bytes.Equal(got, want) {
					t.Fatalf("%T, %d channels, row %d:\n%v\nwant\n%v", img, ch, y, got, want)
				}
			}
		}
	}
}

// TestCacheSVGTree: an SVG picture is read once while the trees kept fit
// the budget, and again for each caller beyond it.
func TestCacheSVGTree(t *testing.T) {
	small := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5"/></svg>`)
	large := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><!--` + strings.Repeat(".", 200) + `--></svg>`)
	c := NewCache()
	c.budget = svgTreeCost * int64(len(small)+10)
	read := func(data []byte) *svg.Tree {
		tree, err := c.SVGTree(data)
		if err != nil {
			t.Fatal(err)
		}
		return tree
	}
	if a, b := read(small), read(small); a != b {
		t.Error("a picture within the budget was read twice")
	}
	if a, b := read(large), read(large); a == b {
		t.Error("a picture beyond the budget was kept")
	}
	if _, err := c.SVGTree([]byte("<html/>")); err == nil {
		t.Error("a document that is no SVG was read")
	}
	var none *Cache
	if tree, err := none.SVGTree(small); err != nil || tree == nil {
		t.Errorf("a nil cache reads %v, %v", tree, err)
	}
}

// TestCacheJPEGScaled: a photograph reduced by two and by three is decoded
// at half its size once while it fits the budget, again beyond it, and
// reduces the same either way.
func TestCacheJPEGScaled(t *testing.T) {
	src := image.NewYCbCr(image.Rect(0, 0, 96, 64), image.YCbCrSubsampleRatio420)
	for i := range src.Y {
		src.Y[i] = uint8(i * 7)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, src, nil); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	for _, budget := range []int64{decodedBudget, 100} {
		c := NewCache()
		c.budget = budget
		coef, ok := c.jpegCoefficients(data)
		if !ok {
			t.Fatal("a baseline JPEG was not read")
		}
		a, b := c.jpegScaled(data, coef, 2), c.jpegScaled(data, coef, 2)
		if shared := a == b; shared != (budget == decodedBudget) {
			t.Errorf("budget %d: the half-size picture shared: %v", budget, shared)
		}
		for _, k := range []int{2, 3} {
			got, err := c.decodeReduced(JPEG, data, k, 0)
			if err != nil {
				t.Fatal(err)
			}
			want, err := (*Cache)(nil).decodeReduced(JPEG, data, k, 0)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("budget %d: reduced by %d from the shared picture differs", budget, k)
			}
		}
	}
}

// BenchmarkDownsamplePhotograph reduces a photograph's quarter size
// (planes of 4:2:0) by 5:4, as the PDF does the generated book's.
func BenchmarkDownsamplePhotograph(b *testing.B) {
	img := image.NewYCbCr(image.Rect(0, 0, 1000, 750), image.YCbCrSubsampleRatio420)
	for _, p := range [][]uint8{img.Y, img.Cb, img.Cr} {
		for i := range p {
			p[i] = uint8(i*7 + i/1000*13)
		}
	}
	b.ResetTimer()
	cpu0 := cputime.Used()
	for range b.N {
		Downsample(img, 800, 600)
	}
	b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
}

// TestResamplePairs checks that planes reduced by less than half, where
// every span is a pair, come out as the spans' general loop makes them:
// random, extreme and flat planes, sizes kept, reduced by a pixel, 5:4,
// 3:2 and just short of half, with spans of one pixel among them.
func TestResamplePairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	sizes := [][4]int{
		{1000, 750, 800, 600}, {500, 375, 400, 300}, {1500, 900, 1000, 600},
		{7, 5, 7, 5}, {9, 9, 8, 8}, {3, 2, 2, 1}, {100, 60, 80, 48}, {1, 1, 1, 1},
		{40, 30, 39, 29}, {16, 3, 12, 2},
	}
	fills := map[string]func(i int) uint8{
		"random": func(int) uint8 { return uint8(rng.Uint32()) },
		"255":    func(int) uint8 { return 255 },
		"0":      func(int) uint8 { return 0 },
		"0/255":  func(i int) uint8 { return uint8(i%2) * 255 },
	}
	for _, sz := range sizes {
		sw, sh, w, h := sz[0], sz[1], sz[2], sz[3]
		xs, ys := boxWeights(sw, w), boxWeights(sh, h)
		xp, yp := pairsOf(xs), pairsOf(ys)
		if xp == nil || yp == nil {
			t.Fatalf("%v: spans of more than two pixels", sz)
		}
		for name, fill := range fills {
			src := make([]uint8, sw*sh)
			for i := range src {
				src[i] = fill(i)
			}
			// a buffer shared by the rows, as rowLoader's is
			buf := make([]uint8, sw)
			rows := func(y int) []uint8 {
				copy(buf, src[y*sw:])
				return buf
			}
			stride := w + 3
			want := make([]uint8, stride*h)
			got := make([]uint8, stride*h)
			resampleSpans(rows, xs, ys, 1, 1, w, want, stride)
			resamplePairs(rows, xp, yp, got, stride)
			if !bytes.Equal(got, want) {
				t.Errorf("%v %s: pairs differ from spans", sz, name)
			}
		}
	}
	if pairsOf(boxWeights(10, 3)) != nil {
		t.Error("spans of 10 → 3 taken as pairs")
	}
}
