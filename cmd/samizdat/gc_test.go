package main

import (
	"math"
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

// collectUntil runs collections until ok says the setting is reached, or
// gives up; finalizers run after a cycle, on their own goroutine.
func collectUntil(ok func() bool) {
	for range 50 {
		if ok() {
			return
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
}

// The collector waits for the first limit, then is let loose while the
// heap is small, and set back to Go's default once the live heap passes
// the second; GOGC or GOMEMLIMIT, when set, are left alone.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(defaultGCPercent))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))

	for _, env := range []string{"GOGC=50", "GOMEMLIMIT=1GiB"} {
		tuneGC([]string{env}, 1<<30, 1<<20)
		if p := gcPercent(); p != defaultGCPercent {
			t.Fatalf("with %s set the collector was changed to %d", env, p)
		}
	}

	tuneGC(nil, 1<<30, 8<<20)
	if p, limit := gcPercent(), debug.SetMemoryLimit(-1); p != -1 || limit != 1<<30 {
		t.Fatalf("before the first cycle: GOGC %d, limit %d; want off and 1 GiB", p, limit)
	}
	collectUntil(func() bool { return gcPercent() == smallHeapGCPercent })
	if p, limit := gcPercent(), debug.SetMemoryLimit(-1); p != smallHeapGCPercent || limit != math.MaxInt64 {
		t.Fatalf("after the first cycle, with a small heap: GOGC %d, limit %d; want %d and none", p, limit, smallHeapGCPercent)
	}
	var live [][]byte
	for range 16 {
		live = append(live, make([]byte, 1<<20))
	}
	collectUntil(func() bool { return gcPercent() == defaultGCPercent })
	runtime.KeepAlive(live)
	if p := gcPercent(); p != defaultGCPercent {
		t.Errorf("with 16 MiB live the collector is at %d, want %d", p, defaultGCPercent)
	}
}
