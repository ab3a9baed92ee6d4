//go:build unix

package infile

import (
	"io/fs"
	"os"
	"syscall"
)

// MapPath is ReadPath for a large file read in small parts, a font
// collection of tens of megabytes of which a build reads a few glyphs:
// the file is mapped into memory, not read, so only the pages looked at
// take memory, and those the system can drop and read again. The data
// stays valid until release is called; writing to it changes a private
// copy, never the file. A file cut short while it is mapped makes reading
// past its new end fault, which is why only files nobody edits while a
// book is built (installed fonts) are mapped.
func MapPath(path string, limit Limit) (data []byte, release func(), err error) {
	// Looked at before it is opened, as ReadPath does: opening a named
	// pipe blocks.
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if err := check(info, limit); err != nil {
		return nil, nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, nil, err
	}
	if err := check(info, limit); err != nil {
		return nil, nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	if info.Size() == 0 {
		return []byte{}, func() {}, nil
	}
	data, err = syscall.Mmap(int(f.Fd()), 0, int(info.Size()), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE)
	if err != nil {
		// A file system that cannot map files is read as any other.
		data, err = ReadPath(path, limit)
		return data, func() {}, err
	}
	return data, func() { syscall.Munmap(data) }, nil
}
