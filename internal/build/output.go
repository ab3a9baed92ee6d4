package build

import (
	"fmt"
	"os"
	"path/filepath"
)

// pendingFile is an output written to a temporary file beside its final
// name. Nothing appears under the final name until every output of the
// build has been written, so a failed build leaves no half-written file.
type pendingFile struct {
	tmp, final string
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

// commitAll renames every pending file to its final name, and discards them
// all if a rename fails.
func commitAll(files []*pendingFile) error {
	for i, p := range files {
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

// discardAll removes the temporary files of a failed build.
func discardAll(files []*pendingFile) {
	for _, p := range files {
		if p != nil {
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
