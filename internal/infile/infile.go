// Package infile reads the files a book is built from, the one way every
// loader reads them: only regular files (a named pipe would block the
// build forever, a device or a huge sparse file exhaust its memory), and
// none larger than the limit for its kind, which a setting can raise.
//
// Loaders take an fs.FS; FS wraps one so that fs.ReadFile through it is
// checked, and ReadFile checks one read directly.
package infile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Limit is the largest size read for one kind of file, and the setting
// that raises it, for messages.
type Limit struct {
	Bytes   int64
	Setting string // "limits.chapter"
}

// ErrNotRegular marks a path that names something other than a regular
// file: a folder, a named pipe, a device or a socket.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge marks a file larger than its limit.
var ErrTooLarge = errors.New("file too large")

// notRegular says what a path names instead of a regular file.
type notRegular struct{ mode fs.FileMode }

func (e notRegular) Error() string {
	what := "not a regular file"
	switch t := e.mode.Type(); {
	case t&fs.ModeDir != 0:
		what = "a folder"
	case t&fs.ModeNamedPipe != 0:
		what = "a named pipe"
	case t&fs.ModeCharDevice != 0:
		what = "a character device"
	case t&fs.ModeDevice != 0:
		what = "a device"
	case t&fs.ModeSocket != 0:
		what = "a socket"
	case t&fs.ModeSymlink != 0:
		what = "a symbolic link"
	}
	return "is " + what + ", not a regular file"
}

func (notRegular) Is(target error) bool { return target == ErrNotRegular }

// tooLarge is a file over its limit.
type tooLarge struct {
	size  int64
	limit Limit
}

func (e tooLarge) Error() string {
	return fmt.Sprintf("is %s, more than %s allows (%s)", Size(e.size), e.limit.Setting, Size(e.limit.Bytes))
}

func (tooLarge) Is(target error) bool { return target == ErrTooLarge }

// ReadFile reads the file name from fsys if it is a regular file no larger
// than limit. It looks before it opens, so a named pipe is never opened
// (opening one blocks until something writes to it), and reads no more
// than the limit, however the file changes meanwhile. Errors are
// *fs.PathError naming the file.
func ReadFile(fsys fs.FS, name string, limit Limit) ([]byte, error) {
	return read(name, limit, func() (fs.FileInfo, error) { return fs.Stat(fsys, name) },
		func() (fs.File, error) { return fsys.Open(name) })
}

// ReadPath is ReadFile for a path of the operating system's.
func ReadPath(path string, limit Limit) ([]byte, error) {
	return read(path, limit, func() (fs.FileInfo, error) { return os.Stat(path) },
		func() (fs.File, error) { return os.Open(path) })
}

func read(name string, limit Limit, stat func() (fs.FileInfo, error), open func() (fs.File, error)) ([]byte, error) {
	info, err := stat()
	if err != nil {
		return nil, err
	}
	if err := check(info, limit); err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	f, err := open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The file opened may not be the one looked at.
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := check(info, limit); err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit.Bytes+1))
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	if int64(len(data)) > limit.Bytes {
		return nil, &fs.PathError{Op: "read", Path: name, Err: tooLarge{int64(len(data)), limit}}
	}
	return data, nil
}

// Regular reports whether info is a regular file's, or says what it is
// instead ("is a named pipe, not a regular file").
func Regular(info fs.FileInfo) error {
	if !info.Mode().IsRegular() {
		return notRegular{info.Mode()}
	}
	return nil
}

func check(info fs.FileInfo, limit Limit) error {
	if !info.Mode().IsRegular() {
		return notRegular{info.Mode()}
	}
	if info.Size() > limit.Bytes {
		return tooLarge{info.Size(), limit}
	}
	return nil
}

// FS is fsys read through ReadFile with limit: fs.ReadFile(FS(…), name)
// is checked. Everything else is fsys's.
func FS(fsys fs.FS, limit Limit) fs.FS { return limited{fsys, limit} }

type limited struct {
	fsys  fs.FS
	limit Limit
}

func (l limited) Open(name string) (fs.File, error) { return l.fsys.Open(name) }
func (l limited) ReadFile(name string) ([]byte, error) {
	return ReadFile(l.fsys, name, l.limit)
}
func (l limited) Stat(name string) (fs.FileInfo, error) { return fs.Stat(l.fsys, name) }
func (l limited) ReadDir(name string) ([]fs.DirEntry, error) {
	return fs.ReadDir(l.fsys, name)
}

// Size writes a size in bytes for people: "512 bytes", "12 KB", "1.5 GB".
func Size(n int64) string {
	switch {
	case n >= 1<<30:
		return trim(float64(n)/(1<<30)) + " GB"
	case n >= 1<<20:
		return trim(float64(n)/(1<<20)) + " MB"
	case n >= 1<<10:
		return trim(float64(n)/(1<<10)) + " KB"
	}
	return fmt.Sprintf("%d bytes", n)
}

func trim(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return s
}
