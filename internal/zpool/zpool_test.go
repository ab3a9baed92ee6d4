package zpool

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zlib"
)

// A lent compressor, used before, writes what a new one writes.
func TestReusedWritesAsNew(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var inputs [][]byte
	for _, n := range []int{0, 1, 700, 70_000, 300_000} {
		b := make([]byte, n)
		for i := range b {
			b[i] = "abcdefgh  \n"[rng.IntN(11)]
		}
		inputs = append(inputs, b)
	}
	for _, level := range []int{zlib.HuffmanOnly, zlib.BestSpeed, zlib.DefaultCompression, zlib.BestCompression} {
		for round := range 3 { // the later rounds get compressors back
			for _, in := range inputs {
				var fresh bytes.Buffer
				z, _ := zlib.NewWriterLevel(&fresh, level)
				z.Write(in)
				z.Close()
				if got := AppendZlib(nil, in, level); !bytes.Equal(got, fresh.Bytes()) {
					t.Fatalf("zlib level %d, round %d, %d bytes: not what a new compressor writes", level, round, len(in))
				}

				fresh.Reset()
				f, _ := flate.NewWriter(&fresh, level)
				f.Write(in)
				f.Close()
				var lent bytes.Buffer
				g := Flate(&lent, level)
				g.Write(in)
				g.Close()
				PutFlate(g, level)
				if !bytes.Equal(lent.Bytes(), fresh.Bytes()) {
					t.Fatalf("flate level %d, round %d, %d bytes: not what a new compressor writes", level, round, len(in))
				}
			}
		}
	}
}

// AppendZlib keeps what dst held and appends a stream that reads back.
func TestAppendZlib(t *testing.T) {
	got := AppendZlib([]byte("head"), []byte("some text, some text"), zlib.BestSpeed)
	if !bytes.HasPrefix(got, []byte("head")) {
		t.Fatalf("dst lost: %q", got[:4])
	}
	r, err := zlib.NewReader(bytes.NewReader(got[4:]))
	if err != nil {
		t.Fatal(err)
	}
	back, err := io.ReadAll(r)
	if err != nil || string(back) != "some text, some text" {
		t.Errorf("read back %q, %v", back, err)
	}
}

func TestBadLevel(t *testing.T) {
	for _, level := range []int{12, -3} {
		func() {
			want := fmt.Sprintf("zpool: compression level %d", level)
			defer func() {
				if r := recover(); r != want {
					t.Errorf("panic %v, want %q", r, want)
				}
			}()
			Zlib(io.Discard, level)
		}()
	}
}
