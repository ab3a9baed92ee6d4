// Package parallel runs independent pieces of work on every core.
package parallel

import (
	"sync"
	"sync/atomic"
)

// For calls do(worker, i) for i from 0 to n-1, workers calls at once,
// each worker taking the next i when it is done with one, so that uneven
// pieces keep every worker busy. worker (0 ≤ worker < workers) names the
// goroutine doing the call: a piece may use scratch space kept for it.
// With one worker, or one piece, everything is done on the caller's
// goroutine, in order.
func For(n, workers int, do func(worker, i int)) {
	workers = min(n, workers)
	if workers <= 1 {
		for i := range n {
			do(0, i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				do(w, i)
			}
		}()
	}
	wg.Wait()
}
