package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// A build is a short process. While its heap is small, the collector's
// cycles cost more than the memory they save: the sample's six editions
// spend a sixth of their CPU collecting, at a peak of some 60 MiB. So the
// collector lets the heap grow to three times what is live (GOGC=200)
// until the live heap first passes smallHeap, then goes back to Go's
// default of twice (GOGC=100), so that a long book's peak memory is what
// it was: its heap passes smallHeap early, when three times it is still
// well below its peak.
const (
	smallHeapGCPercent = 200
	defaultGCPercent   = 100
	smallHeap          = 32 << 20
)

// tuneGC sets the collector for a small heap and has it set back once the
// live heap passes limit; nothing when the user chose with GOGC.
func tuneGC(environ []string, limit uint64) {
	for _, kv := range environ {
		if len(kv) >= 5 && kv[:5] == "GOGC=" {
			return
		}
	}
	debug.SetGCPercent(smallHeapGCPercent)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	// A sentinel collected by each cycle says when one has ended.
	type sentinel struct{ _ *int }
	var arm func()
	arm = func() {
		runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > limit {
				debug.SetGCPercent(defaultGCPercent)
				return
			}
			arm()
		})
	}
	arm()
}
