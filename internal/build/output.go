package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// pendingFile is an output written to a temporary file beside its final
// name. Nothing appears under the final name until every output of the
// build has been written, so a failed build leaves no half-written file.
type pendingFile struct {
	tmp, final string
	// folder marks a folder of files, which replaces the folder of the
	// same name, if any, as a whole.
	folder bool
}

// createPending opens a temporary file in dir for the output named final.
func createPending(final string) (*os.File, *pendingFile, error) {
	dir := filepath.Dir(final)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("create output folder %s: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(final)+".tmp-*")
	if err != nil {
		return nil, nil, fmt.Errorf("create %s: %w", final, err)
	}
	return f, &pendingFile{tmp: f.Name(), final: final}, nil
}

// createPendingFolder makes a temporary folder in final's folder for the
// output folder named final.
func createPendingFolder(final string) (target, *pendingFile, error) {
	dir := filepath.Dir(final)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("create output folder %s: %w", dir, err)
	}
	tmp, err := os.MkdirTemp(dir, "."+filepath.Base(final)+".tmp-*")
	if err != nil {
		return nil, nil, fmt.Errorf("create %s: %w", final, err)
	}
	return pendingFolder{tmp}, &pendingFile{tmp: tmp, final: final, folder: true}, nil
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

// commitAll renames every pending file to its final name, and discards them
// all if a rename fails.
func commitAll(files []*pendingFile) error {
	for i, p := range files {
		if p.folder {
			if err := replaceFolder(p.tmp, p.final); err != nil {
				discardAll(files[i:])
				return fmt.Errorf("write %s: %w", p.final, err)
			}
			continue
		}
		if err := os.Chmod(p.tmp, 0o644); err != nil {
			discardAll(files[i:])
			return fmt.Errorf("write %s: %w", p.final, err)
		}
		if err := os.Rename(p.tmp, p.final); err != nil {
			discardAll(files[i:])
			return fmt.Errorf("write %s: %w", p.final, err)
		}
	}
	return nil
}

// replaceFolder puts the folder tmp in the place of final: a folder is not
// renamed over another, so the old one is moved aside first, and removed
// once the new one is in place (put back if that fails). Only a folder is
// replaced, never a file of that name.
func replaceFolder(tmp, final string) error {
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	old := ""
	switch fi, err := os.Lstat(final); {
	case err == nil && !fi.IsDir():
		return fmt.Errorf("%s exists and is not a folder", final)
	case err == nil:
		old = tmp + ".old"
		if err := os.Rename(final, old); err != nil {
			return err
		}
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	if err := os.Rename(tmp, final); err != nil {
		if old != "" {
			os.Rename(old, final)
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// discardAll removes the temporary files of a failed build.
func discardAll(files []*pendingFile) {
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
