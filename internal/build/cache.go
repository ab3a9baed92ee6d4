package build

import (
	"slices"
	"sync"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/markdown"
)

// parseCache keeps each chapter's parse by file and content, for a
// session that builds the same book again and again: a rebuild parses
// only the files that changed. What it holds is never handed out, only
// copies, since the resolve pass edits the tree it is given. A nil cache
// keeps nothing.
type parseCache struct {
	mu    sync.Mutex
	byKey map[parseKey]*markdown.Chapter
	// used are the keys the current build asked for; the others are
	// dropped when it ends, so the cache holds one book's files.
	used map[parseKey]bool
	// parsed and reused count the current build's misses and hits.
	parsed, reused int
	// pending are the chapters being parsed now, each closed when done,
	// so that editions built together parse a chapter once.
	pending map[parseKey]chan struct{}
}

type parseKey struct {
	file string
	sum  [32]byte
}

func newParseCache() *parseCache {
	return &parseCache{byKey: map[parseKey]*markdown.Chapter{}, used: map[parseKey]bool{}, pending: map[parseKey]chan struct{}{}}
}

// parse returns a copy of the chapter parsed from file with content sum:
// the one kept here, or the one another edition built together is parsing
// now, once it is done; else it parses it itself with parse, and keeps it.
// A parse that fails is kept by no one: each edition tries, and reports,
// on its own.
func (c *parseCache) parse(file string, sum [32]byte, parse func() (*markdown.Chapter, error)) (*markdown.Chapter, error) {
	if c == nil {
		return parse()
	}
	k := parseKey{file, sum}
	c.mu.Lock()
	for {
		if ch, ok := c.byKey[k]; ok {
			c.used[k] = true
			c.reused++
			c.mu.Unlock()
			return cloneChapter(ch), nil
		}
		busy, ok := c.pending[k]
		if !ok {
			break
		}
		c.mu.Unlock()
		<-busy
		c.mu.Lock()
	}
	done := make(chan struct{})
	c.pending[k] = done
	c.mu.Unlock()
	ch, err := parse()
	c.mu.Lock()
	delete(c.pending, k)
	if err == nil {
		c.byKey[k] = cloneChapter(ch)
		c.used[k] = true
		c.parsed++
	}
	c.mu.Unlock()
	close(done)
	return ch, err
}

// sweep forgets the chapters the last build did not ask for, and returns
// how many files it parsed and how many it found here.
func (c *parseCache) sweep() (parsed, reused int) {
	if c == nil {
		return 0, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	// A build that stopped before parsing (a broken manifest) asked for
	// nothing: what it would have asked for is still worth keeping.
	for k := range c.byKey {
		if len(c.used) > 0 && !c.used[k] {
			delete(c.byKey, k)
		}
	}
	c.used = map[parseKey]bool{}
	parsed, reused = c.parsed, c.reused
	c.parsed, c.reused = 0, 0
	return parsed, reused
}

func cloneChapter(ch *markdown.Chapter) *markdown.Chapter {
	blocks, notes := doc.CloneChapter(ch.Blocks, ch.Notes)
	out := *ch
	out.Blocks, out.Notes, out.Warnings = blocks, notes, slices.Clone(ch.Warnings)
	return &out
}
