package media

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/cputime"
)

// testPNG is a PNG written here, row filter by row filter, so that every
// filter and any split of the pixel data into IDAT chunks is read.
type testPNG struct {
	w, h       int
	colourType byte // 0 grey, 2 RGB, 6 RGBA
	// filter is each row's filter type; 5 cycles through the five
	filter int
	// idat is the most bytes an IDAT chunk holds; 0 for one chunk
	idat int
	// translucentFrom is the first row with pixels not opaque (RGBA);
	// -1 for none
	translucentFrom int
	// extra is a row of pixel data more than the picture has
	extra bool
	// cut is how many bytes of the zlib stream are left out at its end
	cut int
	// before is a chunk written before IEND (after the pixels)
	before string
}

// pixels are the picture's rows, unfiltered: noise, flat runs, repeated
// rows.
func (p testPNG) pixels() [][]uint8 {
	ch := map[byte]int{0: 1, 2: 3, 6: 4}[p.colourType]
	rng := rand.New(rand.NewPCG(uint64(p.w), uint64(p.h)))
	rows := make([][]uint8, p.h)
	for y := range rows {
		if y%4 == 3 {
			rows[y] = rows[y-1] // the row above again
			continue
		}
		row := make([]uint8, p.w*ch)
		for i := range row {
			if (i/ch/5+y)%3 == 0 {
				row[i] = uint8(rng.IntN(256))
			} else {
				row[i] = uint8(i/ch*3 + y)
			}
		}
		if ch == 4 {
			for x := range p.w {
				row[4*x+3] = 0xff
				if p.translucentFrom >= 0 && y >= p.translucentFrom && (x+y)%3 != 2 {
					row[4*x+3] = uint8(rng.IntN(256))
				}
			}
		}
		rows[y] = row
	}
	return rows
}

// encode writes the PNG, each row filtered as the specification says.
func (p testPNG) encode() []byte {
	ch := map[byte]int{0: 1, 2: 3, 6: 4}[p.colourType]
	rows := p.pixels()
	if p.extra {
		rows = append(rows, make([]uint8, p.w*ch))
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	prev := make([]uint8, p.w*ch)
	for y, row := range rows {
		f := p.filter
		if f == 5 {
			f = y % 5
		}
		line := make([]uint8, 1+len(row))
		line[0] = uint8(f)
		for i, v := range row {
			var left, upLeft uint8
			if i >= ch {
				left, upLeft = row[i-ch], prev[i-ch]
			}
			up := prev[i]
			var pred uint8
			switch f {
			case 1:
				pred = left
			case 2:
				pred = up
			case 3:
				pred = uint8((int(left) + int(up)) / 2)
			case 4:
				pred = uint8(paethPredictor(int(left), int(up), int(upLeft)))
			}
			line[1+i] = v - pred
		}
		zw.Write(line)
		prev = row
	}
	zw.Close()
	stream := z.Bytes()[:z.Len()-p.cut]

	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(p.w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(p.h))
	ihdr[8], ihdr[9] = 8, p.colourType
	writeChunk(&out, "IHDR", ihdr[:])
	writeChunk(&out, "tEXt", []byte("Comment\x00test"))
	for len(stream) > 0 {
		n := len(stream)
		if p.idat > 0 {
			n = min(n, p.idat)
		}
		writeChunk(&out, "IDAT", stream[:n])
		stream = stream[n:]
	}
	if p.before != "" {
		writeChunk(&out, p.before, []byte("x"))
	}
	writeChunk(&out, "IEND", nil)
	return out.Bytes()
}

// paethPredictor is the Paeth predictor as the specification writes it.
func paethPredictor(a, b, c int) int {
	p := a + b - c
	pa, pb, pc := p-a, p-b, p-c
	pa, pb, pc = max(pa, -pa), max(pb, -pb), max(pc, -pc)
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

// pixOf is a decoded picture's pixels, and its type.
func pixOf(img image.Image) (pix []uint8, kind string) {
	switch m := img.(type) {
	case *image.Gray:
		return m.Pix, "gray"
	case *image.RGBA:
		return m.Pix, "rgba"
	case *image.NRGBA:
		return m.Pix, "nrgba"
	}
	return nil, "other"
}

// sameImage describes how a picture differs from image/png's; "" when it
// does not.
func sameImage(got, want image.Image) string {
	gp, gk := pixOf(got)
	wp, wk := pixOf(want)
	switch {
	case gk != wk:
		return "a " + gk + " picture, image/png's " + wk
	case got.Bounds() != want.Bounds():
		return "sizes " + got.Bounds().String() + " and " + want.Bounds().String()
	case !bytes.Equal(gp, wp):
		return "different pixels"
	}
	return ""
}

// TestDecodePNGAsImagePNG checks that a PNG of each kind read, of odd
// sizes, each filter, its pixel data in one chunk or many, decodes to
// image/png's picture.
func TestDecodePNGAsImagePNG(t *testing.T) {
	var cases []testPNG
	for _, ct := range []byte{0, 2, 6} {
		for _, size := range [][2]int{{1, 1}, {1, 9}, {9, 1}, {2, 3}, {37, 23}} {
			p := testPNG{w: size[0], h: size[1], colourType: ct, translucentFrom: -1}
			if ct == 6 {
				p.translucentFrom = 5
			}
			for filter := range 6 {
				p.filter = filter
				cases = append(cases, p)
			}
			p.idat = 7 // many chunks
			cases = append(cases, p)
			if ct == 6 {
				p.translucentFrom = 0
				cases = append(cases, p)
				p.translucentFrom = -1
				cases = append(cases, p)
			}
		}
	}
	for _, p := range cases {
		data := p.encode()
		want, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%+v: image/png: %v", p, err)
		}
		got, ok, err := decodePNG(data)
		if !ok || err != nil {
			t.Fatalf("%+v: read %v, %v", p, ok, err)
		}
		if msg := sameImage(got, want); msg != "" {
			t.Errorf("%+v: %s", p, msg)
		}
	}
	// a last IDAT of garbage after the pixel data, which image/png
	// ignores, and an ancillary chunk after the pixels
	for _, p := range []testPNG{
		{w: 9, h: 7, colourType: 2, filter: 5, idat: 40, translucentFrom: -1, before: "IDAT"},
		{w: 9, h: 7, colourType: 6, filter: 5, idat: 40, translucentFrom: 3, before: "tIME"},
	} {
		data := p.encode()
		want, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%+v: image/png: %v", p, err)
		}
		if got, ok, err := decodePNG(data); !ok || err != nil || sameImage(got, want) != "" {
			t.Errorf("%+v: read %v, %v", p, ok, err)
		}
	}
	// and as image/png writes them; the kinds it does not read are
	// left to image/png
	read := map[string]bool{"rgba": true, "opaque rgba": true, "rgb": true, "gray": true}
	for name, data := range pngKinds(t) {
		want, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		got, ok, err := decodePNG(data)
		if ok != read[name] || err != nil {
			t.Fatalf("%s: read %v (%v), want %v", name, ok, err, read[name])
		}
		if ok {
			if msg := sameImage(got, want); msg != "" {
				t.Errorf("%s: %s", name, msg)
			}
		}
		if got, err := Decode(PNG, data, 0); err != nil || sameImage(got, want) != "" {
			t.Errorf("%s: Decode: %v", name, err)
		}
	}
}

// TestDecodePNGLeftToImagePNG: the PNGs decodePNG does not read, and
// those whose pixel data is damaged, which it refuses in image/png's
// words.
func TestDecodePNGLeftToImagePNG(t *testing.T) {
	base := testPNG{w: 9, h: 7, colourType: 6, filter: 5, translucentFrom: 2}
	withChunk := func(data []byte, kind string, body []byte) []byte {
		// a chunk before the first IDAT
		at := bytes.Index(data, []byte("IDAT")) - 4
		var c bytes.Buffer
		writeChunk(&c, kind, body)
		return append(append(append([]byte{}, data[:at]...), c.Bytes()...), data[at:]...)
	}
	setIHDR := func(data []byte, i int, v byte) []byte {
		d := append([]byte{}, data...)
		d[16+i] = v
		binary.BigEndian.PutUint32(d[29:], crc32.ChecksumIEEE(d[12:29]))
		return d
	}
	data := base.encode()
	badCRC := append([]byte{}, data...)
	badCRC[len(badCRC)-1] ^= 1 // IEND's
	// an IDAT after another chunk: image/png ignores it
	late := testPNG{w: 9, h: 7, colourType: 2, filter: 5, translucentFrom: -1}.encode()
	late = append(late[:len(late)-12], func() []byte {
		var c bytes.Buffer
		writeChunk(&c, "tEXt", []byte("a\x00b"))
		writeChunk(&c, "IDAT", []byte("garbage"))
		writeChunk(&c, "IEND", nil)
		return c.Bytes()
	}()...)
	for name, data := range map[string][]byte{
		"tRNS":           withChunk(testPNG{w: 9, h: 7, colourType: 2, filter: 5, translucentFrom: -1}.encode(), "tRNS", []byte{0, 1, 0, 2, 0, 3}),
		"16-bit":         setIHDR(data, 8, 16),
		"interlaced":     setIHDR(data, 12, 1),
		"grey and alpha": setIHDR(data, 9, 4),
		"a chunk's CRC":  badCRC,
		"no IEND":        data[:len(data)-12],
		"a late IDAT":    late,
	} {
		if _, ok, err := decodePNG(data); ok || err != nil {
			t.Errorf("%s: read (%v), want it left to image/png", name, err)
		}
		_, want := png.Decode(bytes.NewReader(data))
		if name == "a late IDAT" {
			if want != nil {
				t.Errorf("%s: image/png: %v", name, want)
			}
			continue
		}
		_, err := Decode(PNG, data, 0)
		if name == "no IEND" {
			// image/png's "unexpected EOF", said as what it is
			const cut = "cannot decode: the file is cut short (it ends after "
			if want == nil || err == nil || !strings.HasPrefix(err.Error(), cut) {
				t.Errorf("%s: %v, want %q… (image/png: %v)", name, err, cut, want)
			}
			continue
		}
		if want == nil && err == nil {
			continue
		}
		if err == nil || want == nil || err.Error() != "cannot decode: "+want.Error() {
			t.Errorf("%s: %v, want image/png's %v", name, err, want)
		}
	}

	// Damaged pixel data, in well-formed chunks.
	for _, tc := range []struct {
		name string
		p    testPNG
		want string
	}{
		{"too little", testPNG{w: 9, h: 7, colourType: 6, filter: 5, translucentFrom: 0, cut: 30}, "not enough pixel data"},
		{"the stream's end cut", testPNG{w: 9, h: 7, colourType: 2, filter: 5, translucentFrom: -1, cut: 6}, ""},
		{"a row too many", testPNG{w: 9, h: 7, colourType: 0, filter: 5, translucentFrom: -1, extra: true}, "too much pixel data"},
		{"bad filter", testPNG{w: 9, h: 7, colourType: 0, filter: 9, translucentFrom: -1}, "bad filter type"},
	} {
		data := tc.p.encode()
		_, want := png.Decode(bytes.NewReader(data))
		if want == nil {
			t.Fatalf("%s: image/png reads it", tc.name)
		}
		_, ok, err := decodePNG(data)
		if !ok || err == nil || !strings.HasPrefix(err.Error(), "cannot decode: png: ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: read %v, %v; want an error %q (image/png: %v)", tc.name, ok, err, tc.want, want)
		}
		_, _, ok, err2 := SplitPNG(data)
		if !ok || err2 == nil || err2.Error() != err.Error() {
			t.Errorf("%s: split %v, %v; want %v", tc.name, ok, err2, err)
		}
	}
	// Cut anywhere, a PNG is an error, never a panic.
	for n := range len(data) {
		if _, err := Decode(PNG, data[:n], 0); err == nil {
			t.Fatalf("cut at %d of %d: no error", n, len(data))
		}
		SplitPNG(data[:n])
	}
}

// splitAsBefore is what SplitPNG gives, made as the PDF made it from the
// picture decoded whole.
func splitAsBefore(t testing.TB, data []byte) (colours, opacity []byte) {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	m, ok := img.(*image.NRGBA)
	switch {
	case !ok:
		return data, nil
	case Opaque(m):
		colours, err = EncodePNG(&image.RGBA{Pix: m.Pix, Stride: m.Stride, Rect: m.Rect})
	default:
		colours, opacity, err = EncodeColoursAndOpacity(m)
	}
	if err != nil {
		t.Fatal(err)
	}
	return colours, opacity
}

// TestSplitPNG checks that a PNG split as it is read gives the bytes its
// picture decoded whole was encoded to: an opaque RGBA one no mask, one
// whose transparency begins late the mask of its rows.
func TestSplitPNG(t *testing.T) {
	for _, ct := range []byte{0, 2, 6} {
		for _, size := range [][2]int{{1, 1}, {3, 1}, {1, 3}, {37, 23}, {300, 9}} {
			for _, translucent := range []int{-1, 0, 5} {
				if ct != 6 && translucent != -1 {
					continue
				}
				p := testPNG{w: size[0], h: size[1], colourType: ct, filter: 5, idat: 50, translucentFrom: translucent}
				data := p.encode()
				colours, opacity, ok, err := SplitPNG(data)
				if !ok || err != nil {
					t.Fatalf("%+v: split %v, %v", p, ok, err)
				}
				wantColours, wantOpacity := splitAsBefore(t, data)
				if !bytes.Equal(colours, wantColours) || !bytes.Equal(opacity, wantOpacity) || (opacity == nil) != (wantOpacity == nil) {
					t.Errorf("%+v: colours %d bytes, opacity %d (nil %v); want %d, %d (nil %v)", p,
						len(colours), len(opacity), opacity == nil, len(wantColours), len(wantOpacity), wantOpacity == nil)
				}
			}
		}
	}
	if _, _, ok, _ := SplitPNG(pngKinds(t)["palette"]); ok {
		t.Error("a paletted PNG split")
	}
}

// FuzzDecodePNG: whatever the bytes, decoding a PNG through the row
// reader never panics, and gives image/png's picture where image/png
// reads it; split, it gives the bytes that picture is encoded to.
func FuzzDecodePNG(f *testing.F) {
	for _, data := range pngKinds(f) {
		f.Add(data)
	}
	f.Add(testPNG{w: 5, h: 4, colourType: 6, filter: 5, idat: 9, translucentFrom: 2}.encode())
	f.Add(testPNG{w: 3, h: 3, colourType: 0, filter: 4, translucentFrom: -1}.encode())
	f.Fuzz(func(t *testing.T, data []byte) {
		// small pictures, for many runs a second
		if _, err := DecodeConfig(PNG, data, 1<<16); err != nil {
			return
		}
		// CRCs made right, or the pixel data changed would be refused
		// by both for them alone
		data = withCRCs(data)
		got, ok, err := decodePNG(data)
		colours, opacity, splitOK, splitErr := SplitPNG(data)
		if ok != splitOK || (err == nil) != (splitErr == nil) {
			t.Fatalf("decoded %v (%v), split %v (%v)", ok, err, splitOK, splitErr)
		}
		want, werr := png.Decode(bytes.NewReader(data))
		if !ok || werr != nil {
			return // left to image/png, or refused by it
		}
		if err != nil {
			t.Fatalf("refused (%v) a picture image/png reads", err)
		}
		if msg := sameImage(got, want); msg != "" {
			t.Fatal(msg)
		}
		wantColours, wantOpacity := splitAsBefore(t, data)
		if !bytes.Equal(colours, wantColours) || !bytes.Equal(opacity, wantOpacity) {
			t.Fatal("split otherwise than encoded")
		}
	})
}

// withCRCs is a copy of data with each whole chunk's CRC made right.
func withCRCs(data []byte) []byte {
	data = bytes.Clone(data)
	for at := 8; at+12 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[at:]))
		if n < 0 || n > len(data)-at-12 {
			break
		}
		binary.BigEndian.PutUint32(data[at+8+n:], crc32.ChecksumIEEE(data[at+4:at+8+n]))
		at += 12 + n
	}
	return data
}

// largePNG is a 2000 × 1500 diagram-like RGBA PNG as image/png writes
// it: flat colours, lines of noise, transparent margins.
func largePNG(b *testing.B) []byte {
	const w, h = 2000, 1500
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(7, 8))
	for y := range h {
		for x := range w {
			c := color.NRGBA{240, 240, 250, 255}
			switch {
			case x < 100 || y < 100:
				c = color.NRGBA{}
			case (x/50+y/25)%5 == 0:
				v := uint8(rng.IntN(256))
				c = color.NRGBA{v, v / 2, 200, 255}
			case (x/30+y/30)%7 == 0:
				c = color.NRGBA{40, 90, 160, 128}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkDecodePNG decodes a large RGBA PNG whole by image/png and by
// the row reader, and splits it for the PDF decoded whole and as read.
func BenchmarkDecodePNG(b *testing.B) {
	data := largePNG(b)
	b.Run("image/png", func(b *testing.B) {
		cpu0 := cputime.Used()
		for b.Loop() {
			if _, err := png.Decode(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
	})
	b.Run("rows", func(b *testing.B) {
		cpu0 := cputime.Used()
		for b.Loop() {
			if _, _, err := decodePNG(data); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
	})
	b.Run("split-decoded", func(b *testing.B) {
		cpu0 := cputime.Used()
		for b.Loop() {
			img, err := Decode(PNG, data, 0)
			if err != nil {
				b.Fatal(err)
			}
			if _, _, err := EncodeColoursAndOpacity(img.(*image.NRGBA)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
	})
	b.Run("split-rows", func(b *testing.B) {
		cpu0 := cputime.Used()
		for b.Loop() {
			if _, _, _, err := SplitPNG(data); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
	})
}
