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
	"sync"
	"time"
)

// A build's outputs are written to temporary files beside their final
// names and appear under those names only when every output of every
// edition is complete, all together: the old files are kept aside until
// the new ones are in place, so a failure half way puts them back. While
// it writes into an output folder, a build holds the folder's lock; the
// first to take it removes what a killed build left there.

// The temporary files are named ".NAME.EXT" with one of these and a
// random tail, so a later build can tell them from anything else.
const (
	tmpMark = ".samizdat-tmp-"
	oldMark = ".samizdat-old-"
)

// pendingFile is an output written to a temporary file beside its final
// name.
type pendingFile struct {
	tmp, final string
	// folder marks a folder of files, which replaces the folder of the
	// same name, if any, as a whole.
	folder bool
}

// outputSet is every file one build writes, from their temporary files to
// their commit, and the locks of the folders they go in.
type outputSet struct {
	mu      sync.Mutex
	closed  bool // discarded or committed: no more files may be made
	pending []*pendingFile
	unlock  []func()
}

// lockFolders creates the output folders, takes their locks (in order, so
// that two builds cannot each hold one the other waits for) and removes a
// killed build's leftovers from each. waiting is called before waiting for
// a folder another build holds.
func (o *outputSet) lockFolders(ctx context.Context, dirs []string, waiting func(dir string)) error {
	dirs = slices.Clone(dirs)
	slices.Sort(dirs)
	for _, dir := range slices.Compact(dirs) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("create output folder %s: %w", dir, err)
		}
		unlock, alone, err := lockFolder(ctx, dir, func() { waiting(dir) })
		if err != nil {
			return err
		}
		o.mu.Lock()
		o.unlock = append(o.unlock, unlock)
		o.mu.Unlock()
		minAge := time.Duration(0)
		if !alone {
			minAge = 24 * time.Hour
		}
		if err := removeLeftovers(dir, minAge); err != nil {
			return err
		}
	}
	return nil
}

// create opens a temporary file, or makes a temporary folder when folder
// is set, for the output named final.
func (o *outputSet) create(final string, folder bool) (target, *pendingFile, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.closed {
		return nil, nil, errors.New("build interrupted")
	}
	dir := filepath.Dir(final)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("create output folder %s: %w", dir, err)
	}
	pattern := "." + filepath.Base(final) + tmpMark + "*"
	if folder {
		tmp, err := os.MkdirTemp(dir, pattern)
		if err != nil {
			return nil, nil, fmt.Errorf("create %s: %w", final, err)
		}
		p := &pendingFile{tmp: tmp, final: final, folder: true}
		o.pending = append(o.pending, p)
		return pendingFolder{tmp}, p, nil
	}
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, nil, fmt.Errorf("create %s: %w", final, err)
	}
	p := &pendingFile{tmp: f.Name(), final: final}
	o.pending = append(o.pending, p)
	return oneFile{f, final}, p, nil
}

// pendingFolder is the target of a format that writes a folder.
type pendingFolder struct{ dir string }

func (f pendingFolder) Write([]byte) (int, error) {
	return 0, fmt.Errorf("%s: a format writing a folder writes files", f.dir)
}

func (f pendingFolder) File(name string, data []byte) error {
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return fmt.Errorf("output file name %q leaves its folder", name)
	}
	p := filepath.Join(f.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

func (f pendingFolder) Close() error { return nil }

// discard removes every temporary file, now and any made later, and
// releases the folders. A writer still busy writes on into a removed file.
func (o *outputSet) discard() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.closed = true
	removeTemps(o.pending)
	o.pending = nil
	o.release()
}

// release unlocks the folders; callers hold mu.
func (o *outputSet) release() {
	for _, unlock := range o.unlock {
		unlock()
	}
	o.unlock = nil
}

// commit puts every file in place, or none: each final name's old file is
// kept aside until all new ones are in, and put back if one fails.
func (o *outputSet) commit() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	defer o.release()
	o.closed = true
	files := o.pending
	o.pending = nil
	removeAll := func(from int) { removeTemps(files[from:]) }
	for _, p := range files {
		mode := fs.FileMode(0o644)
		if p.folder {
			mode = 0o755
		}
		if err := os.Chmod(p.tmp, mode); err != nil {
			removeAll(0)
			return fmt.Errorf("write %s: %w", p.final, err)
		}
	}
	type done struct {
		*pendingFile
		old string
	}
	var committed []done
	rollBack := func() {
		for _, d := range slices.Backward(committed) {
			if d.folder {
				os.RemoveAll(d.final)
			} else if d.old == "" {
				os.Remove(d.final)
			}
			if d.old != "" {
				os.Rename(d.old, d.final)
			}
		}
	}
	for i, p := range files {
		old, err := setAside(p.final, p.folder)
		if err == nil {
			err = os.Rename(p.tmp, p.final)
			if err != nil && old != "" {
				os.Rename(old, p.final)
			}
		}
		if err != nil {
			rollBack()
			removeAll(i)
			return fmt.Errorf("write %s: %w", p.final, err)
		}
		committed = append(committed, done{p, old})
	}
	for _, d := range committed {
		if d.old != "" {
			os.RemoveAll(d.old)
		}
	}
	return nil
}

// setAside keeps the file (or folder, when folder is set) at final under
// a temporary name until the new one is in place: a file as a second
// link, so the name never stops naming a complete file, else by renaming
// it. It returns "" when there is none.
func setAside(final string, folder bool) (string, error) {
	info, err := os.Lstat(final)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if err := replaceable(info, folder); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(filepath.Dir(final), "."+filepath.Base(final)+oldMark+"*")
	if err != nil {
		return "", err
	}
	old := f.Name()
	f.Close()
	os.Remove(old)
	if !folder {
		if err := os.Link(final, old); err == nil {
			return old, nil
		}
	}
	if err := os.Rename(final, old); err != nil {
		return "", err
	}
	return old, nil
}

// replaceable refuses to replace anything but a file or a link, or for a
// folder output, a folder.
func replaceable(info fs.FileInfo, folder bool) error {
	switch {
	case folder && !info.IsDir():
		return errors.New("it is not a folder")
	case folder:
		return nil
	case info.IsDir():
		return errors.New("it is a folder")
	case !info.Mode().IsRegular() && info.Mode()&fs.ModeSymlink == 0:
		return errors.New("it is not a regular file")
	}
	return nil
}

// removeLeftovers removes the temporary files a killed build left in dir,
// at least minAge old, putting back an old output it had set aside and not
// yet replaced.
func removeLeftovers(dir string, minAge time.Duration) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("read output folder %s: %w", dir, err)
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, ".") {
			continue
		}
		path := filepath.Join(dir, name)
		if minAge > 0 {
			if info, err := e.Info(); err != nil || time.Since(info.ModTime()) < minAge {
				continue
			}
		}
		if i := strings.LastIndex(name, tmpMark); i > 0 {
			os.RemoveAll(path)
			continue
		}
		if i := strings.LastIndex(name, oldMark); i > 0 {
			final := filepath.Join(dir, name[1:i])
			if _, err := os.Lstat(final); errors.Is(err, fs.ErrNotExist) {
				os.Rename(path, final)
				continue
			}
			os.RemoveAll(path)
		}
	}
	return nil
}

// removeTemps removes the temporary files of outputs that will not be
// committed.
func removeTemps(files []*pendingFile) {
	for _, p := range files {
		switch {
		case p == nil:
		case p.folder:
			os.RemoveAll(p.tmp)
		default:
			os.Remove(p.tmp)
		}
	}
}

// Problems splits an error made with errors.Join (nested joins included)
// into its single problems, one per line of the CLI's report.
func Problems(err error) []error {
	if err == nil {
		return nil
	}
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []error{err}
	}
	var out []error
	for _, e := range joined.Unwrap() {
		out = append(out, Problems(e)...)
	}
	return out
}
