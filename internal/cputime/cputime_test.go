package cputime

import (
	"runtime"
	"testing"
	"time"
)

// Work done shows in the time used, and the time never runs backwards.
func TestUsedGrowsWithWork(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no CPU time here")
	}
	before := Used()
	deadline := time.Now().Add(30 * time.Millisecond)
	n := 0
	for time.Now().Before(deadline) {
		n++
	}
	after := Used()
	if after < before {
		t.Fatalf("CPU time ran backwards: %v then %v", before, after)
	}
	if after-before < 5*time.Millisecond {
		t.Errorf("30 ms of spinning (%d rounds) used %v of CPU", n, after-before)
	}
}
