package jpegdec

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/cputime"
	"github.com/samizdat-press/samizdat/internal/filetest"
)

// coefficientDigest is a digest of everything Parse keeps of a picture:
// its size, subsampling and every plane's coefficients.
func coefficientDigest(c *Coefficients) string {
	h := sha256.New()
	fmt.Fprintf(h, "%d %d %d\n", c.width, c.height, c.ratio)
	for _, p := range c.planes {
		fmt.Fprintf(h, "%d %d\n", p.across, p.down)
		binary.Write(h, binary.LittleEndian, p.coef)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestGoldenCoefficients checks the coefficients Parse keeps of every
// picture in testdata against digests kept there: the pixels' digests
// could miss a change the transform's rounding hides.
func TestGoldenCoefficients(t *testing.T) {
	names, err := filepath.Glob(filepath.Join("testdata", "*.jpg"))
	if err != nil || len(names) == 0 {
		t.Fatal("no pictures in testdata", err)
	}
	var got strings.Builder
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		c, ok := Parse(data)
		if !ok {
			t.Fatalf("%s: declined", name)
		}
		fmt.Fprintf(&got, "%s %s\n", filepath.Base(name), coefficientDigest(c))
	}
	filetest.Golden(t, filepath.Join("testdata", "coefficients.golden"), []byte(got.String()))
}

// benchPhoto is the photograph SAMIZDAT_BENCH_JPEG names, or else a
// 12-megapixel one made here (shading, an edge and noise, at quality 90,
// as image/jpeg writes it).
func benchPhoto(b *testing.B) []byte {
	if path := os.Getenv("SAMIZDAT_BENCH_JPEG"); path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	const w, h = 4000, 3000
	rng := rand.New(rand.NewPCG(1, 2))
	m := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	for y := range h {
		for x := range w {
			v := 40 + x*150/w + y*40/h + rng.IntN(13)
			if (x-w/2)*(x-w/2)+(y-h/2)*(y-h/2) < h*h/9 {
				v += 50
			}
			m.Y[m.YOffset(x, y)] = uint8(min(v, 255))
			m.Cb[m.COffset(x, y)] = uint8(90 + x*60/w + rng.IntN(5))
			m.Cr[m.COffset(x, y)] = uint8(170 - y*50/h + rng.IntN(5))
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 90}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkParse reads a 12-megapixel photograph's coefficients, and
// BenchmarkParse/Image makes its picture at half its size from them, as
// a build reduces it for the EPUB. The digest of the coefficients is
// logged, to check a change against the code before it on the
// photograph SAMIZDAT_BENCH_JPEG names.
func BenchmarkParse(b *testing.B) {
	data := benchPhoto(b)
	c, ok := Parse(data)
	if !ok {
		b.Fatal("declined")
	}
	b.Logf("coefficients %s", coefficientDigest(c))
	b.Run("Parse", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		cpu0 := cputime.Used()
		for b.Loop() {
			Parse(data)
		}
		b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
	})
	b.Run("Image", func(b *testing.B) {
		cpu0 := cputime.Used()
		for b.Loop() {
			c.Image(2)
		}
		b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
	})
}
