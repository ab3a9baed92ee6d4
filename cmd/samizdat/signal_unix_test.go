//go:build unix

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/samizdat-press/samizdat/internal/testbook"
	"github.com/samizdat-press/samizdat/internal/validate"
)

// TestMain lets a test run the command itself in a child process.
func TestMain(m *testing.M) {
	if os.Getenv("TEST_RUN_SAMIZDAT") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// child is `samizdat build` running in a child process.
type child struct {
	cmd    *exec.Cmd
	exited chan error
	stderr strings.Builder
}

// startBuild runs `samizdat build` in dir as a child process and waits
// until it has begun writing an output.
func startBuild(t *testing.T, dir string) *child {
	t.Helper()
	c := &child{cmd: exec.Command(os.Args[0], "build"), exited: make(chan error, 1)}
	c.cmd.Dir = dir
	// The test's own SAMIZDAT_ variables are no settings.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SAMIZDAT_") {
			c.cmd.Env = append(c.cmd.Env, kv)
		}
	}
	c.cmd.Env = append(c.cmd.Env, "TEST_RUN_SAMIZDAT=1", "SOURCE_DATE_EPOCH=1768435200")
	c.cmd.Stderr = &c.stderr
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { c.exited <- c.cmd.Wait() }()
	deadline := time.After(5 * time.Minute)
	for temporaries(filepath.Join(dir, "dist")) == 0 {
		select {
		case err := <-c.exited:
			t.Fatalf("the build ended before writing: %v\n%s", err, c.stderr.String())
		case <-deadline:
			c.cmd.Process.Kill()
			t.Fatal("the build wrote no temporary file within five minutes")
		case <-time.After(2 * time.Millisecond):
		}
	}
	return c
}

// temporaries counts a build's temporary files in dir.
func temporaries(dir string) int {
	entries, _ := os.ReadDir(dir)
	n := 0
	for _, e := range entries {
		if strings.Contains(e.Name(), ".samizdat-") {
			n++
		}
	}
	return n
}

// A build stopped by SIGTERM or SIGINT removes its temporary files and
// leaves the earlier outputs as they were; what one killed by SIGKILL
// leaves is removed by the next build.
func TestSlowSignals(t *testing.T) {
	validate.Slow(t)
	dir := t.TempDir()
	if err := testbook.Write(filepath.Join(dir, "book"), testbook.Long); err != nil {
		t.Fatal(err)
	}
	dist := filepath.Join(dir, "dist")
	old := map[string]string{"a-long-and-awkward-book.pdf": "old pdf", "a-long-and-awkward-book.epub": "old epub"}
	os.MkdirAll(dist, 0o755)
	for name, content := range old {
		if err := os.WriteFile(filepath.Join(dist, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		c := startBuild(t, dir)
		c.cmd.Process.Signal(sig)
		err := <-c.exited
		if code := c.cmd.ProcessState.ExitCode(); code != exitProblem || !strings.Contains(c.stderr.String(), "build interrupted") {
			t.Errorf("%v: exit %d (%v), want %d; stderr:\n%s", sig, code, err, exitProblem, c.stderr.String())
		}
		if n := temporaries(dist); n > 0 {
			t.Errorf("%v: %d temporary files left", sig, n)
		}
		for name, content := range old {
			if data, _ := os.ReadFile(filepath.Join(dist, name)); string(data) != content {
				t.Errorf("%v: %s replaced", sig, name)
			}
		}
	}
	c := startBuild(t, dir)
	c.cmd.Process.Kill()
	<-c.exited
	if temporaries(dist) == 0 {
		t.Fatal("the killed build left nothing to clean: the test proves nothing")
	}
	code, _, stderr := runCLI(t, dir, "build")
	if code != exitOK {
		t.Fatalf("build after the kill: exit %d\n%s", code, stderr)
	}
	entries, _ := os.ReadDir(dist)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"a-long-and-awkward-book.epub", "a-long-and-awkward-book.pdf"}) {
		t.Errorf("after the next build dist holds %v", names)
	}
}
