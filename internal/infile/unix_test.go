//go:build unix

package infile

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// The real things: a named pipe no one writes to, a character device that
// never ends, and a sparse file of 20 GB are refused at once, naming the
// file, without opening or reading them.
func TestHostileFiles(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "chapter.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	sparse, err := os.Create(filepath.Join(dir, "huge.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := sparse.Truncate(20 << 30); err != nil {
		t.Skipf("no sparse files: %v", err)
	}
	sparse.Close()
	limit := Limit{Bytes: 16 << 20, Setting: "limits.chapter"}
	cases := []struct {
		fsys fs.FS
		name string
		want string
	}{
		{os.DirFS(dir), "chapter.md", "read chapter.md: is a named pipe, not a regular file"},
		{os.DirFS(dir), "huge.md", "read huge.md: is 20 GB, more than limits.chapter allows (16 MB)"},
		{os.DirFS("/dev"), "zero", "read zero: is a character device, not a regular file"},
	}
	for _, c := range cases {
		done := make(chan error, 1)
		go func() {
			_, err := ReadFile(c.fsys, c.name, limit)
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || err.Error() != c.want {
				t.Errorf("%s: %v, want %q", c.name, err, c.want)
			}
		case <-time.After(time.Minute):
			t.Fatalf("%s: still reading after a minute", c.name)
		}
	}
}

// MapPath refuses what ReadPath refuses, with its messages, and gives a
// file's bytes, which writing to changes no file.
func TestMapPath(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "font.ttc"), 0o644); err != nil {
		t.Fatal(err)
	}
	font := filepath.Join(dir, "font.ttf")
	if err := os.WriteFile(font, []byte("true type"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.ttf")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	limit := Limit{Bytes: 8, Setting: "limits.font"}
	for _, c := range []struct{ path, want string }{
		{filepath.Join(dir, "font.ttc"), "read " + filepath.Join(dir, "font.ttc") + ": is a named pipe, not a regular file"},
		{font, "read " + font + ": is 9 bytes, more than limits.font allows (8 bytes)"},
		{"/dev/zero", "read /dev/zero: is a character device, not a regular file"},
	} {
		done := make(chan error, 1)
		go func() {
			_, _, err := MapPath(c.path, limit)
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || err.Error() != c.want {
				t.Errorf("%s: %v, want %q", c.path, err, c.want)
			}
		case <-time.After(time.Minute):
			t.Fatalf("%s: still mapping after a minute", c.path)
		}
	}
	limit.Bytes = 1 << 20
	data, release, err := MapPath(font, limit)
	if err != nil || string(data) != "true type" {
		t.Fatalf("MapPath = %q, %v", data, err)
	}
	data[0] = 'T'
	release()
	if b, err := os.ReadFile(font); err != nil || string(b) != "true type" {
		t.Errorf("after writing to its data the file holds %q, %v", b, err)
	}
	data, release, err = MapPath(empty, limit)
	if err != nil || len(data) != 0 {
		t.Errorf("empty file: %q, %v", data, err)
	}
	release()
}
