package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// A build is a short process, and most of a small book's collection cycles
// come early, while the heap is a few megabytes, when each cycle costs
// more than the memory it saves: the sample's six editions spent a sixth
// of their CPU collecting, at a peak of some 60 MiB. So the collector does
// not run until the process holds firstCollection (a memory limit, with
// GOGC off), and after that first cycle it lets the heap grow to three
// times what is live (GOGC=200) until the live heap passes smallHeap, then
// goes back to Go's default of twice (GOGC=100): a long book's heap passes
// both early, well below its peak, which so stays what it was.
const (
	firstCollection    = 64 << 20
	smallHeapGCPercent = 200
	defaultGCPercent   = 100
	smallHeap          = 32 << 20
)

// tuneGC sets the collector as above, with first and limit in bytes;
// nothing when the user chose with GOGC or GOMEMLIMIT.
func tuneGC(environ []string, first int64, limit uint64) {
	for _, kv := range environ {
		if len(kv) >= 5 && kv[:5] == "GOGC=" || len(kv) >= 11 && kv[:11] == "GOMEMLIMIT=" {
			return
		}
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(first)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	// A sentinel collected by each cycle says when one has ended.
	type sentinel struct{ _ *int }
	var arm func(firstCycle bool)
	arm = func(firstCycle bool) {
		runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
			if firstCycle {
				debug.SetMemoryLimit(math.MaxInt64)
				debug.SetGCPercent(smallHeapGCPercent)
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > limit {
				debug.SetGCPercent(defaultGCPercent)
				return
			}
			arm(false)
		})
	}
	arm(true)
}
