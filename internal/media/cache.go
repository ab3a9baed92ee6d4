package media

import (
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"sync/atomic"
)

// A Cache holds pictures prepared for an output (decoded, reduced,
// encoded), by a digest of their bytes and how they were prepared, so that
// the editions built together prepare each picture once. It is safe for
// concurrent use: a second caller asking for a picture being prepared
// waits for it. A nil Cache prepares every time.
type Cache struct {
	mu      sync.Mutex
	entries map[string]*cacheEntry
}

type cacheEntry struct {
	done  chan struct{}
	value any
}

// NewCache makes an empty cache.
func NewCache() *Cache { return &Cache{entries: map[string]*cacheEntry{}} }

// Do returns the value cached under key, calling prepare to make it the
// first time. prepare must be a function of what key names alone.
func (c *Cache) Do(key string, prepare func() any) any {
	if c == nil {
		return prepare()
	}
	c.mu.Lock()
	e, ok := c.entries[key]
	if !ok {
		e = &cacheEntry{done: make(chan struct{})}
		c.entries[key] = e
	}
	c.mu.Unlock()
	if ok {
		<-e.done
		return e.value
	}
	defer close(e.done)
	e.value = prepare()
	return e.value
}

// Digest names data in cache keys.
func Digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:16])
}

// Parallel calls do(0) … do(n-1), workers at once: pictures are prepared
// on every core.
func Parallel(n, workers int, do func(i int)) {
	workers = min(n, workers)
	if workers <= 1 {
		for i := range n {
			do(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				do(i)
			}
		}()
	}
	wg.Wait()
}
