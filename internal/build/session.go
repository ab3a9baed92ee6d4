package build

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/samizdat-press/samizdat/internal/config"
	"github.com/samizdat-press/samizdat/internal/diag"
)

// Session builds one book again and again as its files change, for
// `build --watch` and `preview`. It keeps each chapter's parse, so a
// rebuild parses only the files that changed.
type Session struct {
	env  Env
	opts Options
	// parsed is shared by the session's builds; one build runs at a time.
	parsed *parseCache
	// included are the files the last build's includes read, which
	// changes rebuild the book wherever they are.
	included *fileSet
}

// NewSession starts a session building the book opts names.
func NewSession(env Env, opts Options) *Session {
	return &Session{env: env, opts: opts, parsed: newParseCache()}
}

// Rebuild is what one build of a session did.
type Rebuild struct {
	OK   bool
	Took time.Duration
	// Parsed and Reused count the chapter files parsed anew and those
	// whose earlier parse was used.
	Parsed, Reused int
}

// String says so in a line: "built in 0.21s (1 of 3 chapters parsed)".
func (r Rebuild) String() string {
	verb := "built"
	if !r.OK {
		verb = "failed"
	}
	return fmt.Sprintf("%s in %.2fs (%d of %d chapter files parsed)", verb, r.Took.Seconds(), r.Parsed, r.Parsed+r.Reused)
}

func (s *Session) options() Options {
	opts := s.opts
	opts.parsed = s.parsed
	s.included = &fileSet{}
	opts.included = s.included
	return opts
}

// fileSet is a set of files, added to from any goroutine; a nil set
// keeps nothing.
type fileSet struct {
	mu    sync.Mutex
	files map[string]bool
}

func (f *fileSet) add(name string) {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.files == nil {
		f.files = map[string]bool{}
	}
	f.files[name] = true
}

// list is the files, sorted.
func (f *fileSet) list() []string {
	if f == nil {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Sorted(maps.Keys(f.files))
}

// Build builds as Run does, printing what it wrote and every problem, and
// says how long it took.
func (s *Session) Build(ctx context.Context) Rebuild {
	start := time.Now()
	opts := s.options()
	err := Run(ctx, s.env, opts)
	r := Rebuild{OK: err == nil, Took: time.Since(start)}
	r.Parsed, r.Reused = s.parsed.sweep()
	return r
}

// Site is a web edition built into memory.
type Site struct {
	Rebuild
	// Files are the site's files by their slash-separated names.
	Files map[string][]byte
	// Problems are the build's errors and warnings, one line each.
	Problems []string
}

// Site builds the edition as a web site into memory, each page loading
// script (the preview's live reload); nothing is written to disk.
func (s *Session) Site(ctx context.Context, script string) Site {
	start := time.Now()
	opts := s.options()
	opts.Flags = cloneMap(opts.Flags)
	opts.FlagOrigins = cloneMap(opts.FlagOrigins)
	opts.Flags["formats"] = "html"
	opts.FlagOrigins["formats"] = "preview"
	opts.script = script
	mem := &memorySink{}
	opts.capture = mem
	var out Site
	results := runEditions(ctx, s.env, opts, []string{opts.Edition}, nil, newProgress(Env{}))
	out.OK = allOK(results)
	for _, f := range merged(results) {
		out.Problems = append(out.Problems, fmt.Sprintf("%s: %s", f.Severity, f))
		if f.Severity == diag.Error {
			out.OK = false
		}
	}
	if ctx.Err() != nil {
		out.OK = false
	}
	if out.OK {
		out.Files = mem.only()
		if out.Files == nil {
			out.OK = false
			out.Problems = append(out.Problems, "error: the build wrote no web site")
		}
	}
	out.Took = time.Since(start)
	out.Parsed, out.Reused = s.parsed.sweep()
	return out
}

func cloneMap(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// places are the folders whose changes rebuild the book (the book's
// and its settings'), the output folders, whose changes do not, and the
// files the last build's includes read, which do wherever they are. A
// setting that cannot be read leaves the settings' folder to watch, where
// it will be mended.
func (s *Session) places() (watch, skip, files []string) {
	files = s.included.list()
	file := configFile(s.env, s.opts)
	if file == "" {
		file = config.DefaultConfigFile
	}
	watch = append(watch, filepath.Dir(s.env.abs(file)))
	editions, err := editionsFor(s.env, s.opts)
	if err != nil {
		return watch, nil, files
	}
	for _, ed := range editions {
		cfg, err := loadConfig(s.env, s.opts, ed)
		if err != nil {
			continue
		}
		watch = append(watch, s.env.abs(cfg.Book))
		skip = append(skip, s.env.abs(cfg.Out))
	}
	return watch, skip, files
}

// memorySink keeps a build's outputs in memory, for the preview.
type memorySink struct {
	mu      sync.Mutex
	folders map[string]*memoryFolder
}

func (m *memorySink) create(final string, folder bool) (target, *pendingFile, error) {
	if !folder {
		return discard{}, nil, nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.folders == nil {
		m.folders = map[string]*memoryFolder{}
	}
	f := &memoryFolder{files: map[string][]byte{}}
	m.folders[final] = f
	return f, nil, nil
}

// only is the files of the one folder written, nil when there is none.
func (m *memorySink) only() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, f := range m.folders {
		return f.files
	}
	return nil
}

type memoryFolder struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (f *memoryFolder) Write([]byte) (int, error) {
	return 0, errors.New("a format writing a folder writes files")
}

func (f *memoryFolder) File(name string, data []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files[name] = data
	return nil
}

func (f *memoryFolder) Close() error { return nil }
