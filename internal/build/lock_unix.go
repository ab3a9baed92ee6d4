//go:build unix

package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// lockFolder takes an exclusive lock on the folder dir, held until unlock
// or the process ends however it ends, so a killed build never leaves it
// locked; alone says the build now holds the folder alone. When another
// build holds it, waiting is called and the lock waited for until ctx is
// done.
func lockFolder(ctx context.Context, dir string, waiting func()) (unlock func(), alone bool, err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, false, fmt.Errorf("lock output folder %s: %w", dir, err)
	}
	told := false
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() { f.Close() }, true, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			return nil, false, fmt.Errorf("lock output folder %s: %w", dir, err)
		}
		if !told {
			waiting()
			told = true
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, false, fmt.Errorf("build interrupted while waiting for another build writing into %s", dir)
		case <-time.After(100 * time.Millisecond):
		}
	}
}
