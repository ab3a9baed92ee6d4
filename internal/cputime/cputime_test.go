package cputime

import (
	"runtime"
	"testing"
	"time"
)

// Work done shows in the time used, and the time never runs backwards.
// The test spins until the time used grows rather than for a fixed wall
// time: on a loaded machine 30 ms of wall time may hold 4 ms of CPU.
func TestUsedGrowsWithWork(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no CPU time here")
	}
	before := Used()
	giveUp := time.Now().Add(20 * time.Second)
	last, rounds := before, 0
	for last-before < 5*time.Millisecond && time.Now().Before(giveUp) {
		for range 100_000 {
			rounds++
		}
		now := Used()
		if now < last {
			t.Fatalf("CPU time ran backwards: %v then %v", last, now)
		}
		last = now
	}
	if last-before < 5*time.Millisecond {
		t.Errorf("%d rounds of spinning over 20 s used %v of CPU", rounds, last-before)
	}
}
