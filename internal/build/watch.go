package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// quiet is how long the files must stay unchanged before a rebuild: an
// editor's save is often several events (a temporary file, a rename).
const quiet = 100 * time.Millisecond

// Watch starts watching the book's files (its folder, its settings, the
// files its includes read wherever they are), runs
// first (the first build), then calls rebuild with the files that changed
// each time some change, until ctx ends; changes in the output folders
// are not the book's. Changes made during a build, the first included,
// make the next call. The folders watched follow the settings as rebuilds
// change them.
func (s *Session) Watch(ctx context.Context, first func(), rebuild func(changed []string)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watching the book's files: %w", err)
	}
	defer w.Close()
	t := &tree{w: w, watched: map[string]bool{}}
	t.follow(s.places())
	first()
	t.follow(s.places())
	var changed []string
	created := map[string]bool{} // in this batch: a file made and gone again was an editor's
	var settle <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(s.env.Stderr, "warning: watching the book's files: %v\n", err)
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
				delete(t.watched, ev.Name) // gone; watched anew if it comes back
			}
			if !t.matters(ev) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				created[ev.Name] = true
				if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
					t.add(ev.Name)
				}
			}
			if !slices.Contains(changed, ev.Name) {
				changed = append(changed, ev.Name)
			}
			settle = time.After(quiet)
		case <-settle:
			settle = nil
			var names []string
			for _, c := range changed {
				if _, err := os.Lstat(c); err != nil && created[c] {
					continue
				}
				names = append(names, relativeTo(s.env.dir(), c))
			}
			changed = nil
			clear(created)
			if len(names) > 0 {
				rebuild(names)
			}
			t.follow(s.places())
		}
	}
}

// tree is the folders watched, each with every folder inside it but the
// skipped ones (the outputs) and hidden ones (.git), and the folders of
// files watched alone (those included from outside the book).
type tree struct {
	w       *fsnotify.Watcher
	watched map[string]bool
	roots   []string
	skip    []string
	files   []string
}

// follow watches the folders roots and the files, and stops watching the
// others.
func (t *tree) follow(roots, skip, files []string) {
	for _, l := range [][]string{roots, skip, files} {
		for i := range l {
			l[i] = filepath.Clean(l[i])
		}
	}
	slices.Sort(roots)
	roots = slices.Compact(roots)
	// a file in a folder watched whole needs no watch of its own
	files = slices.DeleteFunc(files, t.inRoots(roots))
	slices.Sort(files)
	if slices.Equal(roots, t.roots) && slices.Equal(skip, t.skip) && slices.Equal(files, t.files) {
		return
	}
	t.roots, t.skip, t.files = roots, skip, files
	for dir := range t.watched {
		t.w.Remove(dir)
	}
	clear(t.watched)
	for _, r := range roots {
		t.add(r)
	}
	// A file is watched through its folder: an editor often saves by
	// writing another file and renaming it over the first.
	for _, f := range files {
		if dir := filepath.Dir(f); !t.watched[dir] {
			if err := t.w.Add(dir); err == nil {
				t.watched[dir] = true
			}
		}
	}
}

// inRoots tells the paths that lie in one of roots.
func (t *tree) inRoots(roots []string) func(string) bool {
	return func(p string) bool {
		for _, r := range roots {
			if p == r || strings.HasPrefix(p, r+string(filepath.Separator)) {
				return true
			}
		}
		return false
	}
}

// add watches dir and every folder inside it.
func (t *tree) add(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != dir && (t.skipped(p) || hidden(d.Name())) {
			return filepath.SkipDir
		}
		if !t.watched[p] {
			if err := t.w.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			t.watched[p] = true
		}
		return nil
	})
}

func (t *tree) skipped(p string) bool {
	for _, s := range t.skip {
		if p == s || strings.HasPrefix(p, s+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// matters tells the changes that may change the book from those of
// outputs, editors' backup and swap files and the like.
func (t *tree) matters(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod || t.skipped(ev.Name) {
		return false
	}
	if !t.inRoots(t.roots)(ev.Name) {
		// in the folder of a file included from outside the book
		_, found := slices.BinarySearch(t.files, ev.Name)
		return found
	}
	base := filepath.Base(ev.Name)
	return !hidden(base) && !strings.HasSuffix(base, "~") && !strings.HasPrefix(base, "#")
}

func hidden(name string) bool { return strings.HasPrefix(name, ".") && name != "." && name != ".." }

// Watch builds the book, then builds it again each time its files change,
// until ctx ends (Ctrl-C), printing what changed and how long each
// rebuild took. Outputs are committed as Run commits them.
func Watch(ctx context.Context, env Env, opts Options) error {
	s := NewSession(env, opts)
	err := s.Watch(ctx, func() {
		r := s.Build(ctx)
		fmt.Fprintf(env.Stdout, "%s; watching for changes (Ctrl-C stops)\n", r)
	}, func(changed []string) {
		fmt.Fprintf(env.Stdout, "changed: %s\n", strings.Join(changed, ", "))
		r := s.Build(ctx)
		if ctx.Err() == nil {
			fmt.Fprintf(env.Stdout, "%s\n", r)
		}
	})
	if err != nil {
		return report(env.Stderr, "error: ", err)
	}
	fmt.Fprintln(env.Stdout, "stopped watching")
	return nil
}
