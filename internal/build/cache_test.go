package build

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/markdown"
)

// Editions built together ask for the same chapters at once: one of them
// parses each, the others wait for it and get copies of their own.
func TestParseCacheParsesOnce(t *testing.T) {
	t.Parallel()
	c := newParseCache()
	sum := [32]byte{1}
	const askers = 6
	var calls, arrived atomic.Int32
	parse := func() (*markdown.Chapter, error) {
		calls.Add(1)
		// every other asker comes while this parse runs
		for arrived.Load() < askers {
			runtime.Gosched()
		}
		time.Sleep(20 * time.Millisecond)
		return &markdown.Chapter{Blocks: []doc.Block{&doc.Paragraph{}}}, nil
	}
	got := make([]*markdown.Chapter, askers)
	var wg sync.WaitGroup
	for i := range askers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			arrived.Add(1)
			ch, err := c.parse("a.md", sum, parse)
			if err != nil {
				t.Error(err)
			}
			got[i] = ch
		}()
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("parsed %d times, want once", n)
	}
	for i := 1; i < askers; i++ {
		if got[i] == nil || got[0] == nil || len(got[i].Blocks) != 1 || got[i].Blocks[0] == got[0].Blocks[0] {
			t.Fatalf("asker %d did not get a copy of its own", i)
		}
	}
	if parsed, reused := c.sweep(); parsed != 1 || reused != askers-1 {
		t.Errorf("parsed %d, reused %d; want 1 and %d", parsed, reused, askers-1)
	}
}

// A parse that fails is kept by no one: the next asker parses again and
// gets its own error.
func TestParseCacheKeepsNoFailure(t *testing.T) {
	t.Parallel()
	c := newParseCache()
	var calls int
	fail := func() (*markdown.Chapter, error) {
		calls++
		return nil, errors.New("too deep")
	}
	for range 2 {
		if _, err := c.parse("a.md", [32]byte{2}, fail); err == nil || err.Error() != "too deep" {
			t.Errorf("error %v, want too deep", err)
		}
	}
	if calls != 2 {
		t.Errorf("parsed %d times, want 2", calls)
	}
}
