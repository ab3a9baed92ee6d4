package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer collects what builds print from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func putFile(t *testing.T, p, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestWatchSeesTheBookNotItsOutputs: files written into the output folder
// (as a build writes) and editors' swap files are no change of the book;
// an edited chapter is, and the rebuild parses it alone.
func TestWatchSeesTheBookNotItsOutputs(t *testing.T) {
	dir := writeBook(t, map[string]string{
		"manifest.yaml": "title: Watched\nlanguage: en\nchapters: [a.md, b.md]\n",
		"a.md":          "# A\n\nFirst.\n",
		"b.md":          "# B\n\nSame.\n",
	})
	// The outputs go inside the book folder, as in a book made by init.
	putFile(t, filepath.Join(dir, "book", "dist", "watched", "index.html"), "an older build")
	var out syncBuffer
	env := Env{Stdout: &out, Stderr: &out, Environ: []string{fixedEpoch}, Dir: dir, Version: "test"}
	s := NewSession(env, Options{Flags: map[string]string{"formats": "html", "out": "book/dist"}})
	deadline, cancelAll := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancelAll()
	ctx, stop := context.WithCancel(deadline)
	first := make(chan Rebuild, 1)
	changes := make(chan []string, 10)
	rebuilds := make(chan Rebuild, 10)
	watching := make(chan error, 1)
	go func() {
		watching <- s.Watch(ctx, func() { first <- s.Build(ctx) }, func(changed []string) {
			changes <- changed
			rebuilds <- s.Build(ctx)
		})
	}()
	wait := func(what string, ch any) any {
		t.Helper()
		switch ch := ch.(type) {
		case chan Rebuild:
			select {
			case r := <-ch:
				return r
			case <-deadline.Done():
			}
		case chan []string:
			select {
			case c := <-ch:
				return c
			case <-deadline.Done():
			}
		}
		t.Fatalf("%s never came:\n%s", what, out.String())
		return nil
	}
	if r := wait("the first build", first).(Rebuild); !r.OK || r.Parsed != 2 || r.Reused != 0 {
		t.Fatalf("first build %+v:\n%s", r, out.String())
	}
	putFile(t, filepath.Join(dir, "book", "dist", "watched", "stray.html"), "an output")
	putFile(t, filepath.Join(dir, "book", ".a.md.swp"), "an editor's")
	putFile(t, filepath.Join(dir, "book", "a.md"), "# A\n\nSecond.\n")
	if c := wait("a change", changes).([]string); !slices.Equal(c, []string{filepath.Join("book", "a.md")}) {
		t.Errorf("changes %q, want only book/a.md", c)
	}
	if r := wait("the rebuild", rebuilds).(Rebuild); !r.OK || r.Parsed != 1 || r.Reused != 1 {
		t.Errorf("rebuild %+v, want one chapter parsed and one reused", r)
	}
	page, err := os.ReadFile(filepath.Join(dir, "book", "dist", "watched", "a.html"))
	if err != nil || !strings.Contains(string(page), "Second.") {
		t.Errorf("the rebuilt page: %v\n%s", err, page)
	}
	stop()
	select {
	case err := <-watching:
		if err != nil {
			t.Error(err)
		}
	case <-deadline.Done():
		t.Fatal("watching did not stop")
	}
}

// Watch, behind `build --watch`, prints each rebuild's time and what
// changed, and stops cleanly.
func TestWatchPrintsEachRebuild(t *testing.T) {
	dir := writeBook(t, map[string]string{
		"manifest.yaml": "title: Watched\nlanguage: en\nchapters: [a.md]\n",
		"a.md":          "# A\n\nFirst.\n",
	})
	var out syncBuffer
	env := Env{Stdout: &out, Stderr: &out, Environ: []string{fixedEpoch}, Dir: dir, Version: "test"}
	deadline, cancelAll := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancelAll()
	ctx, stop := context.WithCancel(deadline)
	done := make(chan error, 1)
	go func() { done <- Watch(ctx, env, Options{Flags: map[string]string{"formats": "pdf"}}) }()
	waitFor := func(s string) {
		t.Helper()
		for !strings.Contains(out.String(), s) {
			select {
			case <-deadline.Done():
				t.Fatalf("never printed %q:\n%s", s, out.String())
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
	waitFor("(1 of 1 chapter files parsed); watching for changes (Ctrl-C stops)\n")
	putFile(t, filepath.Join(dir, "book", "a.md"), "# A\n\nSecond.\n")
	waitFor("changed: " + filepath.Join("book", "a.md") + "\n")
	waitFor("wrote " + filepath.Join("dist", "watched.pdf"))
	waitFor("s (1 of 1 chapter files parsed)\n")
	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Error(err)
		}
	case <-deadline.Done():
		t.Fatal("watching did not stop")
	}
	if !strings.HasSuffix(out.String(), "stopped watching\n") {
		t.Errorf("output:\n%s", out.String())
	}
}

// A file included from outside the book folder is watched: editing it
// rebuilds the book, while its neighbours, which no chapter includes, are
// no change of the book.
func TestWatchSeesIncludedFiles(t *testing.T) {
	dir := writeBook(t, map[string]string{
		"manifest.yaml": "title: Watched\nlanguage: en\nchapters: [a.md, b.md]\n",
		"a.md":          "# A\n\n```rust\n{{#include ../listings/main.rs}}\n```\n",
		"b.md":          "# B\n\nSame.\n",
	})
	putFile(t, filepath.Join(dir, "listings", "main.rs"), "fn first() {}\n")
	putFile(t, filepath.Join(dir, "listings", "Cargo.lock"), "one")
	var out syncBuffer
	env := Env{Stdout: &out, Stderr: &out, Environ: []string{fixedEpoch}, Dir: dir, Version: "test"}
	s := NewSession(env, Options{Flags: map[string]string{"formats": "html", "out": "dist", "markdown.include_paths": ".."}})
	deadline, cancelAll := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancelAll()
	ctx, stop := context.WithCancel(deadline)
	defer stop()
	first := make(chan Rebuild, 1)
	changes := make(chan []string, 10)
	rebuilds := make(chan Rebuild, 10)
	go s.Watch(ctx, func() { first <- s.Build(ctx) }, func(changed []string) {
		changes <- changed
		rebuilds <- s.Build(ctx)
	})
	select {
	case r := <-first:
		if !r.OK {
			t.Fatalf("first build %+v:\n%s", r, out.String())
		}
	case <-deadline.Done():
		t.Fatal("no first build")
	}
	// The folder is watched once the first build has found the include:
	// edit until the change is seen.
	for seen := false; !seen; {
		putFile(t, filepath.Join(dir, "listings", "Cargo.lock"), "two")
		putFile(t, filepath.Join(dir, "listings", "main.rs"), "fn second() {}\n")
		select {
		case c := <-changes:
			seen = true
			if !slices.Equal(c, []string{filepath.Join("listings", "main.rs")}) {
				t.Errorf("changes %q, want only listings/main.rs", c)
			}
		case <-time.After(300 * time.Millisecond):
		case <-deadline.Done():
			t.Fatalf("the included file's change was not seen:\n%s", out.String())
		}
	}
	if r := <-rebuilds; !r.OK || r.Parsed != 1 || r.Reused != 1 {
		t.Errorf("rebuild %+v, want a.md parsed again and b.md reused", r)
	}
	page, err := os.ReadFile(filepath.Join(dir, "dist", "watched", "a.html"))
	if err != nil || !strings.Contains(string(page), "second") {
		t.Errorf("the rebuilt page: %v\n%s", err, page)
	}
}
