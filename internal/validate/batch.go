package validate

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// EPUBBatch is one EPUBCheck run that checks EPUBs as they are added, so
// that starting Java and compiling EPUBCheck's schemas (seconds) happen
// while the tests are still making the books.
type EPUBBatch struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr bytes.Buffer // written by exec until done is closed
	done   chan struct{}

	mu      sync.Mutex
	changed *sync.Cond
	sent    map[string]int // path -> its turn
	turns   []string
	results []EPUBCheckResult
	ended   bool
	err     error // why the output ended early
}

// StartEPUBBatch starts EPUBCheck on nothing yet, writing its program into
// dir. It returns nil when Java cannot load the EPUBCheck jar as a library;
// EPUBCheckAll then runs EPUBCheck once per file.
func StartEPUBBatch(dir string) (*EPUBBatch, error) {
	jar := epubcheckJar()
	if jar == "" {
		return nil, nil
	}
	src := filepath.Join(dir, "EPUBCheckBatch.java")
	if err := os.WriteFile(src, epubcheckBatch, 0o644); err != nil {
		return nil, err
	}
	b := &EPUBBatch{cmd: exec.Command("java", quickJIT, "-cp", jar, src), done: make(chan struct{}), sent: map[string]int{}}
	b.changed = sync.NewCond(&b.mu)
	b.cmd.Stderr = &b.stderr
	stdout, err := b.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if b.stdin, err = b.cmd.StdinPipe(); err != nil {
		return nil, err
	}
	if err := b.cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting EPUBCheck: %w", err)
	}
	go b.read(stdout)
	return b, nil
}

// read takes the reports as EPUBCheck writes them.
func (b *EPUBBatch) read(stdout io.Reader) {
	defer close(b.done)
	r := bufio.NewReader(stdout)
	var err error
	for {
		var path string
		var res EPUBCheckResult
		if path, res, err = readReport(r); err != nil {
			break
		}
		b.mu.Lock()
		if i := len(b.results); i >= len(b.turns) || b.turns[i] != path {
			err = fmt.Errorf("report on %q out of turn", path)
			b.mu.Unlock()
			break
		}
		b.results = append(b.results, res)
		b.changed.Broadcast()
		b.mu.Unlock()
	}
	if err != io.EOF {
		// Nothing more it says can be trusted.
		b.cmd.Process.Kill()
	}
	io.Copy(io.Discard, r)
	werr := b.cmd.Wait()
	b.mu.Lock()
	defer b.mu.Unlock()
	if err == io.EOF {
		err = nil
		if len(b.results) < len(b.turns) {
			err = fmt.Errorf("reports on %d of %d files (exit: %v)", len(b.results), len(b.turns), werr)
		}
	}
	b.ended, b.err = true, err
	b.changed.Broadcast()
}

// Add asks for path to be checked, if it was not already.
func (b *EPUBBatch) Add(path string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.add(path)
}

func (b *EPUBBatch) add(path string) {
	if _, ok := b.sent[path]; ok || b.ended {
		return
	}
	if strings.ContainsAny(path, "\r\n") {
		b.ended, b.err = true, fmt.Errorf("cannot pass %q to EPUBCheck: a line break in the path", path)
		return
	}
	b.sent[path] = len(b.turns)
	b.turns = append(b.turns, path)
	// A failed write shows as a missing report: read explains why.
	io.WriteString(b.stdin, path+"\n")
}

// Results checks the paths not yet added and returns the reports on all
// of them, in the order of paths, once EPUBCheck has made them. It returns
// false when EPUBCheck never reported on anything (a Java without its
// compiler cannot run the batch program).
func (b *EPUBBatch) Results(t testing.TB, paths ...string) ([]EPUBCheckResult, bool) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	last := -1
	for _, p := range paths {
		b.add(p)
		last = max(last, b.sent[p])
	}
	for len(b.results) <= last && !b.ended {
		b.changed.Wait()
	}
	if len(b.results) <= last {
		if len(b.results) == 0 && len(b.turns) > 0 {
			t.Logf("EPUBCheck batch did not start (%v)", b.err)
			return nil, false
		}
		b.mu.Unlock()
		<-b.done // stderr is complete
		b.mu.Lock()
		t.Fatalf("EPUBCheck batch: %v\n%s", b.err, b.stderr.String())
	}
	out := make([]EPUBCheckResult, len(paths))
	for i, p := range paths {
		out[i] = b.results[b.sent[p]]
	}
	return out, true
}

// Close ends the run, once EPUBCheck has reported on what it was given.
func (b *EPUBBatch) Close() error {
	b.stdin.Close()
	<-b.done
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.err
}

// readReport reads one of EPUBCheckBatch's reports: a header line
// "FATALS ERRORS WARNINGS LENGTH PATH" and LENGTH bytes of messages. At the
// end of the output it returns io.EOF.
func readReport(r *bufio.Reader) (string, EPUBCheckResult, error) {
	header, err := r.ReadString('\n')
	if err == io.EOF && header == "" {
		return "", EPUBCheckResult{}, io.EOF
	}
	if err != nil {
		return "", EPUBCheckResult{}, fmt.Errorf("truncated header %q", header)
	}
	header = strings.TrimSuffix(header, "\n")
	f := strings.SplitN(header, " ", 5)
	if len(f) != 5 {
		return "", EPUBCheckResult{}, fmt.Errorf("bad header %q", header)
	}
	var n [4]int
	for i := range n {
		v, err := strconv.Atoi(f[i])
		if err != nil || v < 0 {
			return "", EPUBCheckResult{}, fmt.Errorf("bad header %q", header)
		}
		n[i] = v
	}
	text := make([]byte, n[3])
	if _, err := io.ReadFull(r, text); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			err = fmt.Errorf("report on %s truncated", f[4])
		}
		return "", EPUBCheckResult{}, err
	}
	res := parseEPUBCheck(string(text))
	// The report's own counts are authoritative; the lines are for people.
	res.Fatals, res.Errors, res.Warnings = n[0], n[1], n[2]
	return f[4], res, nil
}
