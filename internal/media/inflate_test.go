package media

import (
	"bytes"
	"compress/flate"
	"errors"
	"image/png"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	kflate "github.com/klauspost/compress/flate"
	"github.com/samizdat-press/samizdat/internal/cputime"
)

// inflateAll reads all of in through the inflater, in reads of odd
// sizes, as the row reader reads rows.
func inflateAll(in []byte) ([]byte, error) {
	f := newInflater(in)
	var out []byte
	p := make([]byte, 1237)
	for {
		n, err := f.Read(p)
		out = append(out, p[:n]...)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
	}
}

// errKind names an inflater's error as compress/flate's kinds of error.
func errKind(err error) string {
	var c flate.CorruptInputError
	switch {
	case err == nil:
		return "none"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "truncated"
	case errors.As(err, &c), strings.HasPrefix(err.Error(), "flate: corrupt input before offset"):
		return "corrupt"
	}
	return err.Error()
}

// sameAsFlate checks that the inflater gives compress/flate's bytes and
// fails where it fails.
func sameAsFlate(t *testing.T, in []byte) {
	t.Helper()
	want, werr := io.ReadAll(flate.NewReader(bytes.NewReader(in)))
	got, err := inflateAll(in)
	wk, gk := errKind(werr), errKind(err)
	if wk != gk {
		t.Fatalf("error %q (%v), compress/flate's %q (%v)", gk, err, wk, werr)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%d bytes of %x, compress/flate's %d; first difference at %d", len(got), len(in), len(want), firstDiff(got, want))
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// deflated is data compressed by compress/flate at level.
func deflated(t testing.TB, data []byte, level int) []byte {
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, level)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	w.Close()
	return buf.Bytes()
}

// screenshotBytes is rows of flat runs and noise, as a screenshot's.
func screenshotBytes(n int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 1))
	data := make([]byte, n)
	for i := range data {
		switch {
		case i%3000 < 40:
			data[i] = byte(rng.IntN(256))
		case (i/100)%5 == 0:
			data[i] = byte(rng.IntN(4))
		default:
			data[i] = byte(i / 7000)
		}
	}
	return data
}

// TestInflateLevels: streams compress/flate writes at every level
// (stored blocks at 0, Huffman only at -2, dynamic blocks otherwise),
// whole and truncated.
func TestInflateLevels(t *testing.T) {
	data := screenshotBytes(300_000, 1)
	for _, level := range []int{-2, 0, 1, 5, 9} {
		in := deflated(t, data, level)
		sameAsFlate(t, in)
		for _, cut := range []int{0, 1, 2, 3, 4, 5, 100, len(in) / 3, len(in) - 2, len(in) - 1} {
			sameAsFlate(t, in[:cut])
		}
	}
	for _, s := range []string{"", "a", "hello, hello, hello world"} {
		in := deflated(t, []byte(s), 9)
		for cut := range len(in) + 1 {
			sameAsFlate(t, in[:cut])
		}
	}
}

// fixedWriter writes deflate blocks of fixed Huffman codes, for matches
// of any length and distance.
type fixedWriter struct {
	out  []byte
	bits uint64
	n    uint
}

func (w *fixedWriter) put(v uint64, n uint) {
	w.bits |= v << w.n
	w.n += n
	for w.n >= 8 {
		w.out = append(w.out, byte(w.bits))
		w.bits >>= 8
		w.n -= 8
	}
}

// code writes a Huffman code, its first bit the code's highest.
func (w *fixedWriter) code(c uint64, n uint) {
	var r uint64
	for i := range n {
		r |= (c >> i & 1) << (n - 1 - i)
	}
	w.put(r, n)
}

func (w *fixedWriter) symbol(s int) {
	switch {
	case s < 144:
		w.code(uint64(0x30+s), 8)
	case s < 256:
		w.code(uint64(0x190+s-144), 9)
	case s < 280:
		w.code(uint64(s-256), 7)
	default:
		w.code(uint64(0xc0+s-280), 8)
	}
}

func (w *fixedWriter) match(length, distance int) {
	i := 28
	for int(inflLengthBase[i]) > length {
		i--
	}
	w.symbol(257 + i)
	w.put(uint64(length-int(inflLengthBase[i])), uint(inflLengthExtra[i]))
	j := 29
	for int(inflDistBase[j]) > distance {
		j--
	}
	w.code(uint64(j), 5)
	w.put(uint64(distance-int(inflDistBase[j])), uint(inflDistExtra[j]))
}

func (w *fixedWriter) flush() []byte {
	if w.n > 0 {
		w.out = append(w.out, byte(w.bits))
	}
	return w.out
}

// stored writes a stored block of data.
func (w *fixedWriter) stored(data []byte, final bool) {
	h := uint64(0)
	if final {
		h = 1
	}
	w.put(h, 3)
	if w.n > 0 {
		w.put(0, 8-w.n)
	}
	n := uint64(len(data))
	w.put(n|(^n&0xffff)<<16, 32)
	w.out = append(w.out, data...)
}

// TestInflateMatches: every distance 1..32768 and every length 3..258,
// in fixed blocks after a stored block of noise; the history is kept
// across the buffer's turns.
func TestInflateMatches(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	noise := make([]byte, 40000)
	for i := range noise {
		noise[i] = byte(rng.IntN(256))
	}
	var w fixedWriter
	w.stored(noise[:20000], false)
	w.stored(noise[20000:], false)
	w.put(2, 3) // fixed, not final
	for d := 1; d <= 32768; d++ {
		w.match(3+d%256, d)
		w.symbol(int(noise[d%len(noise)]))
	}
	for l := 3; l <= 258; l++ {
		for _, d := range []int{1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 300, 32768} {
			w.match(l, d)
		}
	}
	w.symbol(256)
	w.put(3, 3) // fixed, final
	w.symbol('x')
	w.match(258, 32768)
	w.symbol(256)
	in := w.flush()
	sameAsFlate(t, in)
	for _, cut := range []int{len(in) - 1, len(in) - 2, len(in) - 5, 20005, 20003} {
		sameAsFlate(t, in[:cut])
	}
}

// TestInflateInvalid: damaged streams fail as compress/flate fails them.
func TestInflateInvalid(t *testing.T) {
	var far fixedWriter
	far.put(3, 3)
	far.symbol('a')
	far.match(3, 2) // before the first byte
	far.symbol(256)
	var code30 fixedWriter
	code30.put(3, 3)
	code30.symbol('a')
	code30.symbol(257)
	code30.code(30, 5)
	code30.symbol(256)
	var lit286 fixedWriter
	lit286.put(3, 3)
	lit286.symbol(286)
	for name, in := range map[string][]byte{
		"block type 3":         {0x07},
		"stored length":        {0x01, 0x05, 0x00, 0x00, 0x00},
		"distance too far":     far.flush(),
		"distance code 30":     code30.flush(),
		"length code 286":      lit286.flush(),
		"dynamic, 30 lengths":  {0x05, 0xff, 0xff},
		"dynamic, no lengths":  {0x05, 0x00, 0x00, 0x00, 0x00},
		"empty":                {},
		"never final":          {0x00, 0x00, 0x00, 0xff, 0xff},
		"stored, short":        {0x01, 0x05, 0x00, 0xfa, 0xff, 'a', 'b'},
		"oversubscribed codes": {0x05, 0xe0, 0xff, 0xff, 0xff, 0xff, 0xff},
	} {
		t.Run(name, func(t *testing.T) { sameAsFlate(t, in) })
	}
}

// FuzzInflate: whatever the bytes, the inflater gives compress/flate's
// bytes and fails where it fails; the seeds are streams compress/flate
// writes at several levels.
func FuzzInflate(f *testing.F) {
	for i, level := range []int{-2, 0, 1, 6, 9} {
		f.Add(deflated(f, screenshotBytes(3000+1000*i, uint64(i)), level))
	}
	f.Add([]byte{0x05, 0xe0, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, in []byte) {
		sameAsFlate(t, in)
	})
}

// BenchmarkInflate inflates the pixel data of a screenshot-like PNG as
// image/png writes it, by klauspost's compress/flate and by the
// inflater, a row at a time.
func BenchmarkInflate(b *testing.B) {
	data := largePNG(b)
	r, _, err := newPNGRows(data)
	if err != nil {
		b.Fatal(err)
	}
	z := r.z.(*inflater).in
	row := make([]byte, len(r.cur))
	read := func(b *testing.B, f io.Reader) {
		for {
			if _, err := io.ReadFull(f, row); err != nil {
				if err == io.EOF {
					return
				}
				b.Fatal(err)
			}
		}
	}
	b.Run("klauspost", func(b *testing.B) {
		b.SetBytes(int64(r.height * len(row)))
		cpu0 := cputime.Used()
		for b.Loop() {
			read(b, kflate.NewReader(bytes.NewReader(z)))
		}
		b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
	})
	b.Run("inflater", func(b *testing.B) {
		b.SetBytes(int64(r.height * len(row)))
		cpu0 := cputime.Used()
		for b.Loop() {
			read(b, newInflater(z))
		}
		b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N), "cpu-ns/op")
	})
}

// TestInflateIDATSplit: pixel data split across IDAT chunks of any size,
// the zlib header too, reads as in one chunk.
func TestInflateIDATSplit(t *testing.T) {
	for _, idat := range []int{1, 2, 3, 7, 1000} {
		data := testPNG{w: 40, h: 30, colourType: 6, filter: 5, idat: idat, translucentFrom: 3}.encode()
		got, ok, err := decodePNG(data)
		if !ok || err != nil {
			t.Fatalf("chunks of %d: %v, %v", idat, ok, err)
		}
		want, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if msg := sameImage(got, want); msg != "" {
			t.Errorf("chunks of %d: %s", idat, msg)
		}
	}
}
