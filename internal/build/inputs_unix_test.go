//go:build unix

package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// checkWithin runs check, failing the test if it has not finished within
// a minute: a named pipe once blocked it forever.
func checkWithin(t *testing.T, dir string, opts Options) *testRun {
	t.Helper()
	done := make(chan *testRun, 1)
	go func() { done <- runCheck(t, dir, opts, false) }()
	select {
	case r := <-done:
		return r
	case <-time.After(time.Minute):
		t.Fatal("check still running after a minute")
		return nil
	}
}

// Only regular files are read, each no larger than the limit for its
// kind: a named pipe, a character device, a folder or a 20 GB sparse file
// in place of a config, manifest, chapter, picture, annotation or font
// file is refused at once with a message naming it; a setting raises a
// limit.
func TestOnlyRegularFilesWithinLimits(t *testing.T) {
	t.Parallel()
	book := "title: T\nlanguage: en\nchapters:\n  - file: a.md\n"
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		flags map[string]string
		want  []string
	}{
		{"config pipe", func(t *testing.T, dir string) { fifo(t, dir, "config/samizdat.yaml") }, nil,
			[]string{"error: config file config/samizdat.yaml: is a named pipe, not a regular file"}},
		{"config too large", func(t *testing.T, dir string) { write(t, dir, "config/samizdat.yaml", strings.Repeat("#", 3000)) },
			map[string]string{"limits.config": "2KB"},
			[]string{"error: config file config/samizdat.yaml: is 2.9 KB, more than limits.config allows (2 KB)"}},
		{"manifest pipe", func(t *testing.T, dir string) { fifo(t, dir, "book/manifest.yaml") }, nil,
			[]string{"error: book/manifest.yaml: is a named pipe, not a regular file"}},
		{"manifest pipe in the working folder", func(t *testing.T, dir string) {
			os.RemoveAll(filepath.Join(dir, "book"))
			fifo(t, dir, "manifest.yaml")
		}, nil, []string{"error: manifest.yaml: is a named pipe, not a regular file"}},
		{"edition pipe", func(t *testing.T, dir string) {
			os.Mkdir(filepath.Join(dir, "config/editions"), 0o755)
			fifo(t, dir, "config/editions/print.yaml")
		}, map[string]string{"edition": "print"}, []string{`error: config/editions/print.yaml: edition "print": is a named pipe, not a regular file`}},
		{"chapter pipe and folder", func(t *testing.T, dir string) {
			write(t, dir, "book/manifest.yaml", book+"  - file: pipe.md\n  - file: dir.md\n")
			fifo(t, dir, "book/pipe.md")
			os.Mkdir(filepath.Join(dir, "book/dir.md"), 0o755)
		}, nil, []string{
			`error: book/manifest.yaml:5:11: chapters[1].file "pipe.md" is a named pipe, not a regular file`,
			`error: book/manifest.yaml:6:11: chapters[2].file "dir.md" is a folder, not a file`,
		}},
		{"sparse chapter", func(t *testing.T, dir string) {
			write(t, dir, "book/manifest.yaml", book+"  - file: huge.md\n")
			sparse(t, dir, "book/huge.md", 20<<30)
		}, nil, []string{"error: book/huge.md: is 20 GB, more than limits.chapter allows (16 MB)"}},
		{"chapter limit raised", func(t *testing.T, dir string) {
			write(t, dir, "book/a.md", "# A\n\n"+strings.Repeat("Words and words. ", 200)+"\n")
		}, map[string]string{"limits.chapter": "1KB"}, []string{"error: book/a.md: is 3.3 KB, more than limits.chapter allows (1 KB)"}},
		{"annotation pipe", func(t *testing.T, dir string) {
			write(t, dir, "book/manifest.yaml", "title: T\nlanguage: en\nnotes: [n.yaml]\nchapters:\n  - file: a.md\n")
			fifo(t, dir, "book/n.yaml")
		}, nil, []string{`error: book/manifest.yaml:3:9: notes[0] "n.yaml" is a named pipe, not a regular file`}},
		{"picture pipe", func(t *testing.T, dir string) {
			write(t, dir, "book/a.md", "# A\n\n![A picture](p.png)\n")
			fifo(t, dir, "book/p.png")
		}, nil, []string{`error: book/a.md:3:1: image "p.png": cannot read p.png: is a named pipe, not a regular file`}},
		{"font device", nil, map[string]string{"fonts.serif_regular": "/dev/zero"},
			[]string{"error: /dev/zero: serif-regular font (fonts.serif_regular, flag --set fonts.serif_regular): is a character device, not a regular file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFolder(t, map[string]string{
				"config/samizdat.yaml": "formats: [pdf, epub]\n",
				"book/manifest.yaml":   book,
				"book/a.md":            "# A\n\nText.\n",
			})
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			opts := Options{Flags: map[string]string{}, FlagOrigins: map[string]string{}}
			for k, v := range tt.flags {
				if k == "edition" {
					opts.Edition = v
					continue
				}
				opts.Flags[k], opts.FlagOrigins[k] = v, "flag --set "+k
			}
			r := checkWithin(t, dir, opts)
			if got := problemLines(r.stderr.String()); r.err == nil || !slices.Equal(got, tt.want) {
				t.Errorf("err %v, problems:\n%s\nwant:\n%s", r.err, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(name))
	os.Remove(path)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func fifo(t *testing.T, dir, name string) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(name))
	os.Remove(path)
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
}

func sparse(t *testing.T, dir, name string, size int64) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(size); err != nil {
		t.Skipf("no sparse files here: %v", err)
	}
}

// A full disk is reported under the output's name, not its temporary
// file's: /dev/full stands in for the temporary file.
func TestFullDiskNamesTheOutput(t *testing.T) {
	t.Parallel()
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full here: %v", err)
	}
	out := oneFile{f, "dist/book.pdf"}
	_, err = out.Write([]byte("%PDF-1.7\n"))
	out.Close()
	if want := "write dist/book.pdf: no space left on device"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

// Two builds writing into one folder take turns: the second says it waits,
// takes the folder once the first lets it go, and an interrupt while it
// waits stops it with a message.
func TestOutputFolderLocked(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	unlock, alone, err := lockFolder(ctx, dir, func() { t.Error("the first build waited") })
	if err != nil || !alone {
		t.Fatalf("first lock: %v, alone %v", err, alone)
	}
	stopped, stop := context.WithCancel(ctx)
	stop()
	if _, _, err := lockFolder(stopped, dir, func() {}); err == nil || !strings.Contains(err.Error(), "build interrupted while waiting for another build writing into") {
		t.Errorf("interrupted wait: %v", err)
	}
	waited := make(chan struct{})
	got := make(chan error, 1)
	go func() {
		unlock2, _, err := lockFolder(ctx, dir, func() { close(waited) })
		if err == nil {
			unlock2()
		}
		got <- err
	}()
	select {
	case <-waited:
	case <-ctx.Done():
		t.Fatal("the second build never said it waits")
	}
	unlock()
	if err := <-got; err != nil {
		t.Errorf("second lock: %v", err)
	}
}
