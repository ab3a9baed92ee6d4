package preview

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samizdat-press/samizdat/internal/build"
	"github.com/samizdat-press/samizdat/internal/validate"
)

// lockedBuffer collects what the server prints from its goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// get fetches a page of the preview.
func get(t *testing.T, ctx context.Context, url string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// TestPreviewFollowsEdits runs the preview against a real HTTP client, as a
// browser uses it: an edited chapter is served as soon as the page is told
// of the rebuild, a broken edit shows its problem in the page, mending it
// brings the book back, and Ctrl-C stops the server cleanly. Waits have a
// generous deadline, never a wall-clock limit: the machine may be loaded.
func TestPreviewFollowsEdits(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "book/manifest.yaml", "title: Preview\nlanguage: en\nchapters:\n  - file: a.md\n  - file: b.md\n")
	write(t, dir, "book/a.md", "# A chapter\n\nThe first version.\n")
	write(t, dir, "book/b.md", "# B chapter\n\nUnchanged.\n")
	var stdout, stderr lockedBuffer
	env := build.Env{Stdout: &stdout, Stderr: &stderr, Environ: []string{"SOURCE_DATE_EPOCH=1768435200"}, Dir: dir, Version: "test"}

	deadline, cancelAll := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancelAll()
	ctx, stop := context.WithCancel(deadline)
	ready := make(chan string, 1)
	served := make(chan error, 1)
	go func() {
		served <- Serve(ctx, env, build.Options{}, Options{Port: 0, Ready: func(url string) { ready <- url }})
	}()
	var url string
	select {
	case url = <-ready:
	case err := <-served:
		t.Fatalf("the preview stopped: %v\n%s%s", err, stdout.String(), stderr.String())
	case <-deadline.Done():
		t.Fatal("the preview never started")
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Errorf("serving at %s, not on the loopback address", url)
	}

	code, page := get(t, deadline, url+"a.html")
	if code != http.StatusOK || !strings.Contains(page, "The first version.") || !strings.Contains(page, `<script src="/_samizdat/live.js?build=1" defer="defer"></script>`) {
		t.Fatalf("a.html: %d\n%s", code, page)
	}
	if code, _ := get(t, deadline, url); code != http.StatusOK {
		t.Errorf("the index: %d", code)
	}
	if code, script := get(t, deadline, url+"_samizdat/live.js"); code != http.StatusOK || !strings.Contains(script, "EventSource") {
		t.Errorf("the live reload script: %d %q", code, script)
	}
	if code, _ := get(t, deadline, url+"nothing.html"); code != http.StatusNotFound {
		t.Errorf("a page not in the book: %d", code)
	}

	// The page's event stream, as the live reload script reads it.
	req, _ := http.NewRequestWithContext(deadline, http.MethodGet, url+"_samizdat/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("event stream of type %q", ct)
	}
	builds := make(chan string)
	streamEnded := make(chan struct{})
	go func() {
		defer close(streamEnded)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if n, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				select {
				case builds <- n:
				case <-deadline.Done():
					return
				}
			}
		}
	}()
	next := func(want string) {
		t.Helper()
		select {
		case n := <-builds:
			if n != want {
				t.Fatalf("build %s announced, want %s", n, want)
			}
		case <-deadline.Done():
			t.Fatalf("build %s never announced\n%s%s", want, stdout.String(), stderr.String())
		}
	}
	next("1")

	edited := time.Now()
	write(t, dir, "book/a.md", "# A chapter\n\nThe second version.\n")
	next("2")
	t.Logf("the edit was announced %.0f ms after it was saved", time.Since(edited).Seconds()*1000)
	if code, page := get(t, deadline, url+"a.html"); code != http.StatusOK || !strings.Contains(page, "The second version.") {
		t.Fatalf("after the edit: %d\n%s", code, page)
	}

	write(t, dir, "book/manifest.yaml", "title: Preview\nlanguage: en\nchapters:\n  - file: a.md\n  - file: b.md\n  - file: gone.md\n")
	next("3")
	code, page = get(t, deadline, url+"a.html")
	want := `error: book/manifest.yaml:6:11: chapters[2].file "gone.md" does not exist`
	if code != http.StatusInternalServerError || !strings.Contains(page, want) || !strings.Contains(page, "live.js?build=3") {
		t.Errorf("a broken edit: %d, want the problem %q in\n%s", code, want, page)
	}
	if !strings.Contains(stderr.String(), want) {
		t.Errorf("the terminal does not show the problem:\n%s", stderr.String())
	}
	if code, css := get(t, deadline, url+"css/site.css"); code != http.StatusOK || !strings.Contains(css, "popover") {
		t.Errorf("the last good build's files are not served meanwhile: %d", code)
	}

	write(t, dir, "book/manifest.yaml", "title: Preview\nlanguage: en\nchapters:\n  - file: a.md\n  - file: b.md\n")
	next("4")
	if code, page := get(t, deadline, url+"a.html"); code != http.StatusOK || !strings.Contains(page, "The second version.") {
		t.Errorf("after mending: %d\n%s", code, page)
	}
	out := stdout.String()
	// Only the edited chapter is parsed again; a build that failed before
	// parsing keeps the parses for the next.
	for _, line := range []string{"built in ", "(2 of 2 chapter files parsed)", "changed: " + filepath.Join("book", "a.md"),
		"rebuilt in ", "(1 of 2 chapter files parsed)", "the build failed in ", "(0 of 2 chapter files parsed)"} {
		if !strings.Contains(out, line) {
			t.Errorf("the terminal lacks %q:\n%s", line, out)
		}
	}

	stop()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("stopping: %v", err)
		}
	case <-deadline.Done():
		t.Fatal("the preview did not stop")
	}
	select {
	case <-streamEnded:
	case <-deadline.Done():
		t.Fatal("the event stream stayed open")
	}
	if !strings.HasSuffix(stdout.String(), "stopped\n") {
		t.Errorf("the preview did not say it stopped:\n%s", stdout.String())
	}
}

// A port another program holds is reported as such; the preview then tries
// the next ones only when the user did not choose it.
func TestPreviewPortTaken(t *testing.T) {
	ln, err := listen(0, false)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	n := ln.Addr().(*net.TCPAddr).Port
	if _, err := listen(n, false); err == nil || !strings.Contains(err.Error(), "is taken by another program; choose another with --port") {
		t.Errorf("err %v", err)
	}
	other, err := listen(n, true)
	if err != nil {
		t.Skipf("the ports after %d are taken too: %v", n, err)
	}
	other.Close()
}

// TestSlowPreviewReloadsInChromium opens a page of the preview in headless
// Chromium and edits its chapter: the page reloads itself (it opens its
// event stream a second time) and shows the edit.
func TestSlowPreviewReloadsInChromium(t *testing.T) {
	validate.Slow(t)
	chromium := validate.Chromium(t)
	dir := t.TempDir()
	write(t, dir, "book/manifest.yaml", "title: Reloaded\nlanguage: en\nchapters: [a.md]\n")
	write(t, dir, "book/a.md", "# A chapter\n\nThe first version.\n")
	var stdout, stderr lockedBuffer
	env := build.Env{Stdout: &stdout, Stderr: &stderr, Environ: []string{"SOURCE_DATE_EPOCH=1768435200"}, Dir: dir, Version: "test"}
	deadline, cancelAll := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancelAll()
	ctx, stop := context.WithCancel(deadline)
	ready := make(chan string, 1)
	listening := make(chan struct{}, 10)
	served := make(chan error, 1)
	go func() {
		served <- Serve(ctx, env, build.Options{}, Options{Ready: func(url string) { ready <- url },
			subscribed: func() { listening <- struct{}{} }})
	}()
	wait := func(what string, ch <-chan struct{}) {
		t.Helper()
		select {
		case <-ch:
		case <-deadline.Done():
			t.Fatalf("%s never happened\n%s%s", what, stdout.String(), stderr.String())
		}
	}
	var url string
	select {
	case url = <-ready:
	case <-deadline.Done():
		t.Fatal("the preview never started")
	}
	dumped := make(chan string, 1)
	go func() {
		// The dump comes once the page is quiet: when the server stops.
		dom, err := validate.DumpDOM(t, chromium, url+"a.html", 60*time.Second)
		if err != nil {
			t.Error(err)
		}
		dumped <- dom
	}()
	wait("the page's event stream", listening)
	write(t, dir, "book/a.md", "# A chapter\n\nThe second version.\n")
	wait("the reloaded page's event stream", listening)
	stop()
	if err := <-served; err != nil {
		t.Error(err)
	}
	var dom string
	select {
	case dom = <-dumped:
	case <-deadline.Done():
		t.Fatal("Chromium never finished")
	}
	if !strings.Contains(dom, "The second version.") || strings.Contains(dom, "The first version.") {
		t.Errorf("the page did not reload to the edit:\n%s", dom)
	}
}
