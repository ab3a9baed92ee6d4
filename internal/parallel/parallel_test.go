package parallel

import (
	"sync"
	"testing"
)

func TestForCallsEachPieceOnce(t *testing.T) {
	for _, tc := range []struct{ n, workers int }{{0, 4}, {1, 4}, {5, 1}, {100, 3}, {3, 8}} {
		var mu sync.Mutex
		calls := make([]int, tc.n)
		workersSeen := map[int]bool{}
		For(tc.n, tc.workers, func(worker, i int) {
			mu.Lock()
			defer mu.Unlock()
			calls[i]++
			workersSeen[worker] = true
		})
		for i, c := range calls {
			if c != 1 {
				t.Errorf("n=%d workers=%d: piece %d done %d times", tc.n, tc.workers, i, c)
			}
		}
		for w := range workersSeen {
			if w < 0 || w >= max(1, min(tc.n, tc.workers)) {
				t.Errorf("n=%d workers=%d: worker %d out of range", tc.n, tc.workers, w)
			}
		}
	}
}

// TestForScratchPerWorker: no two calls at once share a worker index, so
// scratch space kept per worker is never shared.
func TestForScratchPerWorker(t *testing.T) {
	const workers = 4
	var busy [workers]int32
	var mu sync.Mutex
	For(1000, workers, func(worker, i int) {
		mu.Lock()
		busy[worker]++
		if busy[worker] != 1 {
			t.Errorf("worker %d runs two pieces at once", worker)
		}
		mu.Unlock()
		mu.Lock()
		busy[worker]--
		mu.Unlock()
	})
}
