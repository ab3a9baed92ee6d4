package infile

import (
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"
)

var small = Limit{Bytes: 10, Setting: "limits.test"}

func TestReadFile(t *testing.T) {
	fsys := fstest.MapFS{
		"ok.md":    {Data: []byte("0123456789")},
		"big.md":   {Data: []byte("0123456789a")},
		"dir":      {Mode: fs.ModeDir},
		"pipe":     {Mode: fs.ModeNamedPipe},
		"dev":      {Mode: fs.ModeDevice | fs.ModeCharDevice},
		"dir/x.md": {Data: []byte("x")},
	}
	if data, err := ReadFile(fsys, "ok.md", small); err != nil || string(data) != "0123456789" {
		t.Errorf("ok.md: %q, %v", data, err)
	}
	tests := []struct {
		name, want string
		is         error
	}{
		{"big.md", "read big.md: is 11 bytes, more than limits.test allows (10 bytes)", ErrTooLarge},
		{"dir", "read dir: is a folder, not a regular file", ErrNotRegular},
		{"pipe", "read pipe: is a named pipe, not a regular file", ErrNotRegular},
		{"dev", "read dev: is a character device, not a regular file", ErrNotRegular},
		{"gone.md", "open gone.md: file does not exist", fs.ErrNotExist},
	}
	for _, tt := range tests {
		for _, read := range []func() ([]byte, error){
			func() ([]byte, error) { return ReadFile(fsys, tt.name, small) },
			func() ([]byte, error) { return fs.ReadFile(FS(fsys, small), tt.name) },
		} {
			_, err := read()
			if err == nil || err.Error() != tt.want || !errors.Is(err, tt.is) {
				t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
			}
		}
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{512: "512 bytes", 12 << 10: "12 KB", 1536 << 20: "1.5 GB", 16 << 20: "16 MB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
