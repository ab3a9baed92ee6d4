package jpegdec

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// referenceParse reads a baseline picture's coefficients one code at a
// time, with the bit reader and the table look-ups of the progressive
// scans: what Parse's table of a code and its value, or of two codes,
// must give. ok is false for a picture it does not read, progressive
// among them.
func referenceParse(data []byte) (c *Coefficients, ok bool) {
	d := &decoder{data: data, pos: 2}
	for d.pos+4 <= len(data) && data[d.pos] == 0xff {
		marker := data[d.pos+1]
		d.pos += 2
		if marker == 0xd9 {
			break
		}
		length := int(binary.BigEndian.Uint16(data[d.pos:]))
		if length < 2 || d.pos+length > len(data) {
			return nil, false
		}
		body := data[d.pos+2 : d.pos+length]
		d.pos += length
		switch marker {
		case 0xc0, 0xc1:
			ok = d.readFrame(body)
		case 0xc4:
			ok = d.readHuffman(body)
		case 0xdb:
			ok = d.readQuant(body)
		case 0xdd:
			d.restart, ok = int(binary.BigEndian.Uint16(body)), len(body) == 2
		case 0xda:
			ok = d.frame && d.readScan(body) && d.referenceScan()
		default:
			ok = marker >= 0xe0 && marker <= 0xef || marker == 0xfe
		}
		if !ok {
			return nil, false
		}
	}
	return d.coefficients(), true
}

// referenceScan reads every block of a baseline scan a code at a time.
func (d *decoder) referenceScan() bool {
	d.layout()
	for i := range d.comps {
		c := &d.comps[i]
		c.coef = make([]int16, 16*c.across*c.down)
	}
	m, nextRST := 0, 0
	for my := range d.mcusDown {
		for mx := range d.mcusAcross {
			if d.restart > 0 && m > 0 && m%d.restart == 0 {
				if !d.restartMarker(nextRST) {
					return false
				}
				nextRST = (nextRST + 1) % 8
			}
			m++
			for i := range d.comps {
				c := &d.comps[i]
				for by := range int(c.v) {
					for bx := range int(c.h) {
						var zz [64]int32
						if !d.readDC(c) {
							return false
						}
						zz[0] = c.pred
						for k := 1; k < 64; k++ {
							r, s, ok := d.acCode(&d.ac[c.ta])
							if !ok || s > 10 {
								return false
							}
							if s == 0 {
								if r != 15 {
									break
								}
								k += 15
								continue
							}
							if k += r; k > 63 {
								return false
							}
							zz[k] = d.extend(s)
						}
						at := 16 * ((my*int(c.v)+by)*c.across + mx*int(c.h) + bx)
						for k, v := range zz {
							if lowest[k] {
								c.coef[at+int(lowPlace[k])] = int16(clampCoef(v * d.quant[c.tq][k]))
							}
						}
					}
				}
			}
		}
	}
	return d.endOfData()
}

// referencePictures are the baseline pictures in testdata, and
// pictures of noise at the highest and a low quality, whose blocks are
// full to their last coefficient, or end after a few, in grey and
// colour.
func referencePictures(t *testing.T) map[string][]byte {
	pictures := map[string][]byte{}
	names, _ := filepath.Glob(filepath.Join("testdata", "*.jpg"))
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		pictures[filepath.Base(name)] = data
	}
	rng := rand.New(rand.NewPCG(3, 4))
	colour := image.NewYCbCr(image.Rect(0, 0, 61, 35), image.YCbCrSubsampleRatio420)
	for _, p := range [][]uint8{colour.Y, colour.Cb, colour.Cr} {
		for i := range p {
			p[i] = uint8(rng.IntN(256))
		}
	}
	grey := &image.Gray{Pix: colour.Y, Stride: colour.YStride, Rect: colour.Rect}
	for _, quality := range []int{100, 75, 20} {
		for name, img := range map[string]image.Image{"colour": colour, "grey": grey} {
			var buf bytes.Buffer
			if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
				t.Fatal(err)
			}
			pictures[name+" noise q"+string(rune('0'+quality/10))] = buf.Bytes()
		}
	}
	return pictures
}

// TestParseMatchesReference checks Parse's coefficients against those
// read a code at a time.
func TestParseMatchesReference(t *testing.T) {
	for name, data := range referencePictures(t) {
		want, refOK := referenceParse(data)
		got, ok := Parse(data)
		if !refOK {
			if name[0] != 'p' { // progressive
				t.Errorf("%s: the reference declines it", name)
			}
			continue
		}
		if !ok {
			t.Errorf("%s: declined", name)
			continue
		}
		if !sameCoefficients(got, want) {
			t.Errorf("%s: coefficients differ from the reference's", name)
		}
	}
}

func sameCoefficients(a, b *Coefficients) bool {
	if a.width != b.width || a.height != b.height || a.ratio != b.ratio || len(a.planes) != len(b.planes) {
		return false
	}
	for i := range a.planes {
		pa, pb := a.planes[i], b.planes[i]
		if pa.across != pb.across || pa.down != pb.down || !slices.Equal(pa.coef, pb.coef) {
			return false
		}
	}
	return true
}
