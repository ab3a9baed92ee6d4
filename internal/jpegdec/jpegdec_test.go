package jpegdec

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/filetest"
)

// The pictures in testdata are one fractal texture, 203 × 131 pixels (a
// size no block divides), encoded by libjpeg-turbo at each chroma
// subsampling image/jpeg reads, in grey, with Huffman tables of its own
// (cjpeg -optimize), with a restart marker every three rows of blocks
// (cjpeg -restart 3B), and progressive (in colour at 4:4:4 and 4:2:0,
// with restart markers, and in grey); testdata/declined holds it in CMYK
// and arithmetic-coded.

// plane is one colour plane of a picture.
type plane struct {
	pix           []uint8
	stride        int
	width, height int
}

// planes are a decoded picture's planes, of their visible sizes.
func planes(img image.Image) []plane {
	switch m := img.(type) {
	case *image.Gray:
		b := m.Bounds()
		return []plane{{m.Pix, m.Stride, b.Dx(), b.Dy()}}
	case *image.YCbCr:
		b := m.Bounds()
		cb := m.COffset(b.Max.X-1, b.Max.Y-1) - m.COffset(0, 0)
		cw, ch := cb%m.CStride+1, cb/m.CStride+1
		return []plane{
			{m.Y, m.YStride, b.Dx(), b.Dy()},
			{m.Cb, m.CStride, cw, ch},
			{m.Cr, m.CStride, cw, ch},
		}
	}
	return nil
}

// pixelDigest is the SHA-256 of a picture's planes' samples, row by row.
func pixelDigest(img image.Image) []byte {
	h := sha256.New()
	for _, p := range planes(img) {
		for y := range p.height {
			h.Write(p.pix[y*p.stride : y*p.stride+p.width])
		}
	}
	return h.Sum(nil)
}

// boxReduce averages each s × s block of p, fewer at the edges.
func boxReduce(p plane, s int) plane {
	w, h := (p.width+s-1)/s, (p.height+s-1)/s
	out := plane{make([]uint8, w*h), w, w, h}
	for y := range h {
		for x := range w {
			sum, n := 0, 0
			for yy := y * s; yy < min(y*s+s, p.height); yy++ {
				for xx := x * s; xx < min(x*s+s, p.width); xx++ {
					sum += int(p.pix[yy*p.stride+xx])
					n++
				}
			}
			out.pix[y*w+x] = uint8((sum + n/2) / n)
		}
	}
	return out
}

// compare is the peak signal-to-noise ratio in dB of got against want and
// their largest difference, over want's pixels.
func compare(got, want plane) (psnr float64, maxDiff int) {
	var sq float64
	for y := range want.height {
		for x := range want.width {
			d := int(got.pix[y*got.stride+x]) - int(want.pix[y*want.stride+x])
			sq += float64(d * d)
			maxDiff = max(maxDiff, d, -d)
		}
	}
	mse := sq / float64(want.width*want.height)
	return 10 * math.Log10(255*255/max(mse, 1e-9)), maxDiff
}

// TestDecodeMatchesReduced decodes each picture at each scale and
// compares it with image/jpeg's decoding averaged over blocks of the
// scale: the same kind and size of picture, plane by plane within a bound
// of the difference between dropping a block's high frequencies and
// averaging its pixels.
func TestDecodeMatchesReduced(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.jpg")
	if len(files) == 0 {
		t.Fatal("no test pictures")
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		whole, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		for _, scale := range []int{2, 4, 8} {
			img, ok := Decode(data, scale)
			if !ok {
				t.Fatalf("%s at 1/%d: declined", file, scale)
			}
			wb := whole.Bounds()
			if want := image.Rect(0, 0, (wb.Dx()+scale-1)/scale, (wb.Dy()+scale-1)/scale); img.Bounds() != want {
				t.Fatalf("%s at 1/%d: %v, want %v", file, scale, img.Bounds(), want)
			}
			if w, ok := whole.(*image.YCbCr); ok {
				if m, ok := img.(*image.YCbCr); !ok || m.SubsampleRatio != w.SubsampleRatio {
					t.Fatalf("%s at 1/%d: %T, want YCbCr %v", file, scale, img, w.SubsampleRatio)
				}
			} else if _, ok := img.(*image.Gray); !ok {
				t.Fatalf("%s at 1/%d: %T, want %T", file, scale, img, whole)
			}
			got, full := planes(img), planes(whole)
			for i := range full {
				want := boxReduce(full[i], scale)
				if got[i].width != want.width || got[i].height != want.height {
					t.Fatalf("%s at 1/%d, plane %d: %d × %d, want %d × %d", file, scale, i, got[i].width, got[i].height, want.width, want.height)
				}
				psnr, maxDiff := compare(got[i], want)
				t.Logf("%s at 1/%d, plane %d: %.1f dB, at most %d apart", file, scale, i, psnr, maxDiff)
				if psnr < minPSNR[scale] || maxDiff > 12 {
					t.Errorf("%s at 1/%d, plane %d: %.1f dB, at most %d apart; want at least %.0f dB", file, scale, i, psnr, maxDiff, minPSNR[scale])
				}
			}
		}
	}
}

// minPSNR bounds, by scale, how far a plane decoded at that scale may be
// from the whole picture averaged: an eighth keeps a block's mean, exact
// but for the rounding; a half drops most of its detail.
var minPSNR = map[int]float64{2: 45, 4: 42, 8: 44}

// TestDecodeDeclines checks that what it does not read, or what is
// damaged, is left to image/jpeg.
func TestDecodeDeclines(t *testing.T) {
	good, err := os.ReadFile("testdata/baseline-2x2.jpg")
	if err != nil {
		t.Fatal(err)
	}
	cmyk, _ := os.ReadFile("testdata/declined/cmyk.jpg")
	arithmetic, _ := os.ReadFile("testdata/declined/arithmetic.jpg")
	progressive, _ := os.ReadFile("testdata/progressive-2x2.jpg")
	for name, data := range map[string][]byte{
		"CMYK":                  cmyk,
		"arithmetic-coded":      arithmetic,
		"truncated":             good[:len(good)/2],
		"progressive truncated": progressive[:len(progressive)*2/3],
		"no end marker":         good[:len(good)-2],
		"not a JPEG":            []byte("GIF89a"),
		"empty":                 nil,
	} {
		if _, ok := Decode(data, 2); ok {
			t.Errorf("%s: decoded", name)
		}
	}
	for _, scale := range []int{0, 1, 3, 16} {
		if _, ok := Decode(good, scale); ok {
			t.Errorf("decoded at 1/%d", scale)
		}
	}
}

// FuzzDecode: whatever the bytes, decoding does not panic, what it
// decodes image/jpeg decodes too, to a picture of the same kind, but a
// progressive picture with restart markers and subsampled colours, which
// DecodeWhole then decodes, and a baseline picture's coefficients are
// those read a code at a time.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.jpg")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, uint8(2))
	}
	damaged, _ := filepath.Glob("testdata/damaged/*.jpg")
	for _, file := range damaged {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, uint8(2))
	}
	for _, data := range libjpegPictures(f) {
		f.Add(data, uint8(4))
		for _, damaged := range damagedProgressive(data) {
			f.Add(damaged, uint8(2))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, scale uint8) {
		// small pictures, for many runs a second
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width*cfg.Height > 1<<16 {
			return
		}
		// the coefficients of a baseline picture are those read a
		// code at a time
		if c, ok := Parse(data); ok {
			if ref, refOK := referenceParse(data); refOK && !sameCoefficients(c, ref) {
				t.Fatal("coefficients differ from those read a code at a time")
			}
		}
		wholeImg, lost, wholeOK := DecodeWhole(data)
		c, ok := Parse(data)
		if !ok {
			return
		}
		// what Parse reads is whole: DecodeWhole reads it, the same
		// coefficients, none lost
		wd := &decoder{data: data, whole: true}
		if !wholeOK || lost != (Damage{}) || !wd.decode() {
			t.Fatalf("Parse reads it, DecodeWhole %v %+v", wholeOK, lost)
		}
		if err := sameLowest(c, wd); err != nil {
			t.Fatal(err)
		}
		img, ok := c.Image(int(scale))
		if !ok {
			return
		}
		whole, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			if !wholeOK {
				t.Fatalf("decoded a picture image/jpeg and DecodeWhole refuse: %v", err)
			}
			whole = wholeImg
		}
		s := int(scale)
		wb := whole.Bounds()
		if want := image.Rect(0, 0, (wb.Dx()+s-1)/s, (wb.Dy()+s-1)/s); img.Bounds() != want {
			t.Fatalf("%v, want %v", img.Bounds(), want)
		}
		switch m := whole.(type) {
		case *image.YCbCr:
			if g, ok := img.(*image.YCbCr); !ok || g.SubsampleRatio != m.SubsampleRatio {
				t.Fatalf("%T, image/jpeg gives YCbCr %v", img, m.SubsampleRatio)
			}
		case *image.Gray:
			if _, ok := img.(*image.Gray); !ok {
				t.Fatalf("%T, image/jpeg gives grey", img)
			}
		default:
			t.Fatalf("decoded what image/jpeg gives as %T", whole)
		}
		// every pixel can be read
		for _, p := range planes(img) {
			_ = p.pix[(p.height-1)*p.stride+p.width-1]
		}
	})
}

// TestProgressiveAsBaseline checks that a progressive picture gives the
// bytes the same coefficients give sent in one baseline scan: the two
// pictures are one encoder's at one quality, their quantised
// coefficients the same.
func TestProgressiveAsBaseline(t *testing.T) {
	baseline, err := os.ReadFile("testdata/baseline-1x1.jpg")
	if err != nil {
		t.Fatal(err)
	}
	progressive, err := os.ReadFile("testdata/progressive.jpg")
	if err != nil {
		t.Fatal(err)
	}
	for _, scale := range []int{2, 4, 8} {
		a, okA := Decode(baseline, scale)
		b, okB := Decode(progressive, scale)
		if !okA || !okB {
			t.Fatalf("at 1/%d: declined (%v, %v)", scale, okA, okB)
		}
		pa, pb := planes(a), planes(b)
		for i := range pa {
			for y := range pa[i].height {
				ra := pa[i].pix[y*pa[i].stride:][:pa[i].width]
				rb := pb[i].pix[y*pb[i].stride:][:pb[i].width]
				if !bytes.Equal(ra, rb) {
					t.Fatalf("at 1/%d, plane %d, row %d: progressive %v, baseline %v", scale, i, y, rb, ra)
				}
			}
		}
	}
}

// TestGoldenDigests checks the pixels decoded from every picture in
// testdata, at every scale, against digests kept there: a faster reader
// must give the same bytes.
func TestGoldenDigests(t *testing.T) {
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
		for _, scale := range []int{2, 4, 8} {
			img, ok := Decode(data, scale)
			if !ok {
				t.Fatalf("%s at 1/%d: declined", name, scale)
			}
			fmt.Fprintf(&got, "%s 1/%d %v %x\n", filepath.Base(name), scale, img.Bounds().Size(), pixelDigest(img))
		}
	}
	filetest.Golden(t, filepath.Join("testdata", "digests.golden"), []byte(got.String()))
}

// TestDamagedScan checks that a baseline scan cut short, at bytes all
// along it and at each of its last, or with a restart marker out of its
// order, is declined: the codes of a block read past the data's end,
// which are zeros, or stop short of it.
func TestDamagedScan(t *testing.T) {
	for _, name := range []string{"restart.jpg", "baseline-2x2.jpg"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		sos := bytes.Index(data, []byte{0xff, 0xda})
		if sos < 0 {
			t.Fatalf("%s: no scan", name)
		}
		scan := sos + 2 + int(data[sos+2])<<8 | int(data[sos+3])
		end := len(data) - 2 // the EOI
		for cut := scan; cut < end; cut += max(1, min(17, end-16-cut)) {
			damaged := append(data[:cut:cut], 0xff, 0xd9)
			if _, ok := Parse(damaged); ok {
				t.Errorf("%s cut at %d of %d: read", name, cut, end)
			}
		}
		for i := scan; i+1 < end; i++ {
			if data[i] == 0xff && data[i+1] >= 0xd0 && data[i+1] <= 0xd7 {
				damaged := bytes.Clone(data)
				damaged[i+1] = 0xd0 + (data[i+1]-0xd0+1)%8
				if _, ok := Parse(damaged); ok {
					t.Errorf("%s: read with RST%d at %d", name, damaged[i+1]-0xd0, i)
				}
			}
		}
	}
}
