//go:build unix

package media

import (
	"syscall"
	"time"
)

// cpuTime is the process's user and system CPU time so far, so a benchmark
// can report the work done apart from waiting on a busy machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
