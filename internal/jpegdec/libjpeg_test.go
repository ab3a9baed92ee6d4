package jpegdec

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/filetest"
)

// The pictures in testdata/libjpeg are progressive, with restart markers,
// at each chroma subsampling, in grey, and with scan scripts of
// successive approximation; djpeg.sha256 holds the digests of libjpeg's
// decoding of each (djpeg -dct int -nosmooth, a PPM or PGM file), as the
// README there says.

// libjpegPNM is a decoded picture as djpeg -nosmooth writes it: a PGM of
// the grey; a PPM of the colour planes upsampled by repeating their
// samples, converted to RGB by libjpeg's tables of 16-bit fractions.
func libjpegPNM(img image.Image) []byte {
	var out bytes.Buffer
	b := img.Bounds()
	switch m := img.(type) {
	case *image.Gray:
		fmt.Fprintf(&out, "P5\n%d %d\n255\n", b.Dx(), b.Dy())
		for y := range b.Dy() {
			out.Write(m.Pix[y*m.Stride : y*m.Stride+b.Dx()])
		}
	case *image.YCbCr:
		const scaleBits, half = 16, 1 << 15
		fmt.Fprintf(&out, "P6\n%d %d\n255\n", b.Dx(), b.Dy())
		for y := range b.Dy() {
			for x := range b.Dx() {
				lum := int(m.Y[m.YOffset(x, y)])
				cb, cr := int(m.Cb[m.COffset(x, y)])-128, int(m.Cr[m.COffset(x, y)])-128
				r := lum + (91881*cr+half)>>scaleBits
				g := lum + (-22554*cb+half-46802*cr)>>scaleBits
				bl := lum + (116130*cb+half)>>scaleBits
				out.Write([]byte{clampByte(r), clampByte(g), clampByte(bl)})
			}
		}
	}
	return out.Bytes()
}

func clampByte(v int) uint8 { return uint8(max(0, min(v, 255))) }

// libjpegDigests reads testdata/libjpeg/djpeg.sha256: each picture's
// digest of libjpeg's decoding, by the picture's name.
func libjpegDigests(t *testing.T) map[string]string {
	return digestsIn(t, filepath.Join("testdata", "libjpeg", "djpeg.sha256"))
}

// digestsIn reads a file of sha256sum's lines, a digest by picture name.
func digestsIn(t *testing.T, file string) map[string]string {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	digests := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		digest, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("%s: %q", file, sc.Text())
		}
		digests[strings.TrimSuffix(name, filepath.Ext(name))+".jpg"] = digest
	}
	return digests
}

// TestDecodeWholeMatchesLibjpeg decodes each progressive picture with
// restart markers at its full size and checks that it gives libjpeg's
// pixels exactly, the inverse transform being libjpeg's islow.
func TestDecodeWholeMatchesLibjpeg(t *testing.T) {
	digests := libjpegDigests(t)
	names, _ := filepath.Glob(filepath.Join("testdata", "libjpeg", "*.jpg"))
	if len(names) != len(digests) {
		t.Fatalf("%d pictures, %d digests", len(names), len(digests))
	}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		img, lost, ok := DecodeWhole(data)
		if !ok || lost != (Damage{}) {
			t.Errorf("%s: declined", name)
			continue
		}
		got := fmt.Sprintf("%x", sha256.Sum256(libjpegPNM(img)))
		if want := digests[filepath.Base(name)]; got != want {
			t.Errorf("%s: pixels' digest %s, libjpeg's %s", name, got, want)
		}
	}
}

// sameLowest checks that the coefficients c are the lowest of those a
// decoding at full size, whole, read.
func sameLowest(c *Coefficients, whole *decoder) error {
	for i, p := range c.planes {
		comp := whole.comps[i]
		if p.across != comp.across || p.down != comp.down {
			return fmt.Errorf("plane %d: %d × %d blocks, %d × %d at full size", i, p.across, p.down, comp.across, comp.down)
		}
		for n := range p.across * p.down {
			var low [16]int16
			for at, v := range comp.coef[64*n : 64*n+64] {
				if at%8 < 4 && at/8 < 4 {
					low[at/8*4+at%8] = v
				}
			}
			if !slices.Equal(p.coef[16*n:16*n+16], low[:]) {
				return fmt.Errorf("plane %d, block %d: %v, at full size %v", i, n, p.coef[16*n:16*n+16], low)
			}
		}
	}
	return nil
}

// TestScaledMatchesWhole checks that each picture of testdata/libjpeg
// is read at a reduced scale from the coefficients its decoding at full
// size, libjpeg's, is made of, and keeps the digests of its pixels at
// each scale.
func TestScaledMatchesWhole(t *testing.T) {
	names, _ := filepath.Glob(filepath.Join("testdata", "libjpeg", "*.jpg"))
	var digests strings.Builder
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		c, ok := Parse(data)
		whole := &decoder{data: data, whole: true}
		if !ok || !whole.decode() {
			t.Fatalf("%s: declined", name)
		}
		if err := sameLowest(c, whole); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, scale := range []int{2, 4, 8} {
			img, ok := c.Image(scale)
			if !ok {
				t.Fatalf("%s at 1/%d: declined", name, scale)
			}
			fmt.Fprintf(&digests, "%s 1/%d %v %x\n", filepath.Base(name), scale, img.Bounds().Size(), pixelDigest(img))
		}
	}
	filetest.Golden(t, filepath.Join("testdata", "libjpeg", "digests.golden"), []byte(digests.String()))
}
