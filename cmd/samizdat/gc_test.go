package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// gcPercent is the collector's setting now.
func gcPercent() int {
	p := debug.SetGCPercent(defaultGCPercent)
	debug.SetGCPercent(p)
	return p
}

// The collector is let loose while the heap is small and set back to Go's
// default once the live heap passes the limit; GOGC, when set, is left
// alone.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(defaultGCPercent))

	tuneGC([]string{"GOGC=50"}, 1<<20)
	if p := gcPercent(); p != defaultGCPercent {
		t.Fatalf("with GOGC set the collector was changed to %d", p)
	}

	tuneGC(nil, 8<<20)
	runtime.GC()
	time.Sleep(10 * time.Millisecond) // finalizers run after the cycle
	if p := gcPercent(); p != smallHeapGCPercent {
		t.Fatalf("with a small heap the collector is at %d, want %d", p, smallHeapGCPercent)
	}
	var live [][]byte
	for range 16 {
		live = append(live, make([]byte, 1<<20))
	}
	for range 50 {
		if gcPercent() == defaultGCPercent {
			break
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(live)
	if p := gcPercent(); p != defaultGCPercent {
		t.Errorf("with 16 MiB live the collector is at %d, want %d", p, defaultGCPercent)
	}
}
