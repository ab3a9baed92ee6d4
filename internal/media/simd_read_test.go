package media

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestAddBytesTo checks addBytesTo, with its kernel where there is one,
// against a byte at a time: every length to 200 at every alignment to
// 32, rows of the bytes where sums turn, and a long random row.
func TestAddBytesTo(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	check := func(name string, a, b []uint8) {
		t.Helper()
		want := make([]uint8, len(a))
		for i := range a {
			want[i] = a[i] + b[i]
		}
		got := make([]uint8, len(a)+1)
		got[len(a)] = 0x5a
		addBytesTo(got[:len(a)], a, b)
		if !bytes.Equal(got[:len(a)], want) || got[len(a)] != 0x5a {
			t.Fatalf("%s, %d bytes: got %x, want %x", name, len(a), got, want)
		}
	}
	pool := make([]uint8, 2*(200+32))
	for i := range pool {
		pool[i] = uint8(rng.IntN(256))
	}
	for n := range 201 {
		for at := range 32 {
			check("random", pool[at:at+n], pool[200+32+at:200+32+at+n])
		}
	}
	for _, v := range []uint8{0, 0x7f, 0x80, 0xff} {
		a, b := bytes.Repeat([]uint8{v}, 100), bytes.Repeat([]uint8{0x81}, 100)
		check("turning", a, b)
	}
	long := make([]uint8, 2*12001)
	for i := range long {
		long[i] = uint8(rng.IntN(256))
	}
	check("long", long[:12001], long[12001:])
}
