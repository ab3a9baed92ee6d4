package jpegenc

import (
	"math/rand/v2"
	"testing"
)

// TestReciprocalsFit checks what fdctAVX2 takes of the reciprocals: the
// lower 32 bits of each, as a signed number, for every step of
// quantising and every position.
func TestReciprocalsFit(t *testing.T) {
	for q := 1; q <= 255; q++ {
		for n := range uint8(64) {
			if r := reciprocal(q, n); r <= 0 || r >= 1<<31 {
				t.Fatalf("reciprocal(%d, %d) = %d, beyond 31 bits", q, n, r)
			}
		}
	}
}

// TestFdctMatchesGo checks fdct (on amd64 the assembly) against fdctGo,
// coefficients and word of those not zero, on the blocks that make each
// sum of the transforms largest (every sample 0 or 255 by the signs of a
// row's and a column's pattern, which is what each sum, a product of a
// combination of the rows and one of the columns, is largest on), on
// noise, flat blocks and blocks of one or two values, at the finest and
// coarsest quantising and at the qualities used; and fdctAt, which reads
// a block where it is in a plane, on each block put in one, at a place
// and with a stride that change, among other samples.
func TestFdctMatchesGo(t *testing.T) {
	t.Logf("AVX2: %v", hasAVX2)
	var tables []*reciprocals
	for _, quality := range []int{1, 50, 75, 90, 100} {
		e := newEncoder(quality)
		tables = append(tables, e.reciprocal[0], e.reciprocal[1])
	}
	var samples, scratch [64]uint8
	var want, got [64]int32
	pix := make([]uint8, 40*40)
	blocks := 0
	check := func(what string, r *reciprocals) {
		t.Helper()
		wantNZ := fdctGo(&want, &samples, &r.natural)
		gotNZ := fdct(&got, &samples, r)
		if got != want || gotNZ != wantNZ {
			t.Fatalf("%s %v: got %v (%#x), want %v (%#x)", what, samples, got, gotNZ, want, wantNZ)
		}
		blocks++
		stride := 8 + blocks%17
		x, y := blocks%(stride-7), blocks/3%9
		for i := range pix {
			pix[i] = uint8(i * 101)
		}
		for j := range 8 {
			copy(pix[(y+j)*stride+x:], samples[8*j:8*j+8])
		}
		p := plane{pix, stride, x + 8 + blocks%2, y + 8 + blocks/2%2}
		got = [64]int32{}
		gotNZ = fdctAt(&got, &scratch, p, x, y, r)
		if got != want || gotNZ != wantNZ {
			t.Fatalf("%s %v at %d, %d of a plane of stride %d: got %v (%#x), want %v (%#x)", what, samples, x, y, stride, got, gotNZ, want, wantNZ)
		}
	}
	for rows := range 256 {
		for cols := range 256 {
			for y := range 8 {
				for x := range 8 {
					samples[8*y+x] = 0
					if (rows>>y^cols>>x)&1 == 0 {
						samples[8*y+x] = 255
					}
				}
			}
			check("extreme", tables[(rows+cols)%len(tables)])
		}
	}
	rng := rand.New(rand.NewPCG(6, 7))
	for i := range 20000 {
		switch i % 4 {
		case 0: // noise
			for k := range samples {
				samples[k] = uint8(rng.Uint32())
			}
		case 1: // flat
			v := uint8(rng.Uint32())
			for k := range samples {
				samples[k] = v
			}
		case 2: // two values
			a, b := uint8(rng.Uint32()), uint8(rng.Uint32())
			for k := range samples {
				samples[k] = a
				if rng.IntN(2) == 0 {
					samples[k] = b
				}
			}
		case 3: // a gradient with a little noise, as photographs have
			base, dx, dy := rng.IntN(256), rng.IntN(9)-4, rng.IntN(9)-4
			for k := range samples {
				samples[k] = uint8(max(0, min(255, base+dx*(k%8)+dy*(k/8)+rng.IntN(5)-2)))
			}
		}
		check("random", tables[i%len(tables)])
	}
}

// BenchmarkFdct transforms and quantises one block of samples, by fdct
// (the assembly on amd64 with AVX2) and by fdctGo.
func BenchmarkFdct(b *testing.B) {
	var samples [64]uint8
	for i := range samples {
		samples[i] = uint8(i*37 + i*i)
	}
	r := newEncoder(90).reciprocal[0]
	var zz [64]int32
	b.Run("fdct", func(b *testing.B) {
		for b.Loop() {
			fdct(&zz, &samples, r)
		}
	})
	b.Run("fdctGo", func(b *testing.B) {
		for b.Loop() {
			fdctGo(&zz, &samples, &r.natural)
		}
	})
}
