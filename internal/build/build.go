// Package build orchestrates a samizdat build: config, manifest, parsing,
// images and the resolve pass, then the renderers, writing every output
// atomically. It knows the order of the steps, not the formats' details.
package build

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/samizdat-press/samizdat/internal/config"
	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/yamlfile"
)

// Env is everything a build takes from the outside world, passed in so
// tests can give their own.
type Env struct {
	Stdout, Stderr io.Writer
	Environ        []string
	Now            func() time.Time
	// Terminal is true when Stderr is a terminal: progress lines are shown
	// only then.
	Terminal bool
	Version  string
	// Dir is the working folder config and book paths are relative to;
	// "" means the process's working folder.
	Dir string
	// Fonts lists the fonts installed on the machine, where the PDF finds
	// the characters its faces lack; nil uses none.
	Fonts fonts.Catalog
	// Git dates a build that sets no date by the commits of its files
	// (see sourceDate); nil means files are dated by modification time.
	Git Git
}

// Options are the command line's choices.
type Options struct {
	ConfigFile string
	// Edition is "", an edition name, or "all".
	Edition string
	// Flags maps config keys to values the user set on the command line;
	// FlagOrigins says how each was given ("flag --book").
	Flags       map[string]string
	FlagOrigins map[string]string

	// script is the address of a script every page of an HTML output
	// loads: the preview's live reload.
	script string
	// parsed keeps chapters parsed by earlier builds of a session, so a
	// rebuild parses only the files that changed.
	parsed *parseCache
	// settings keeps the settings files parsed by the editions built
	// together; nil keeps none.
	settings *yamlfile.Cache
	// capture keeps the outputs in memory instead of writing them.
	capture *memorySink
	// shared holds what the editions built together prepare once: the
	// fonts, the pictures, the drawn covers. nil shares nothing.
	shared *media.Cache
	// git answers the questions dating the editions built together ask
	// (see sourceDate); nil asks Env.Git each time.
	git *gitAnswers
	// included gathers the files chapters' includes read, for a session
	// to watch; nil gathers none.
	included *fileSet
	// formats replaces the table of formats a build can write (formats),
	// for tests of how a build handles its renderers; nil keeps it.
	formats []Format
}

// ProblemsReported is returned once every problem has been printed, so the
// command only has to choose the exit status.
type ProblemsReported struct{ Count int }

func (p ProblemsReported) Error() string {
	return fmt.Sprintf("%d problem(s) reported", p.Count)
}

// report prints every problem of err, one per line, and returns
// ProblemsReported.
func report(w io.Writer, prefix string, err error) error {
	problems := Problems(err)
	for _, p := range problems {
		fmt.Fprintf(w, "%s%v\n", prefix, p)
	}
	return ProblemsReported{Count: len(problems)}
}

func (env Env) dir() string {
	if env.Dir == "" {
		return "."
	}
	return env.Dir
}

func (env Env) now() time.Time {
	if env.Now == nil {
		return time.Now()
	}
	return env.Now()
}

// abs resolves a path from config against the working folder.
func (env Env) abs(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(env.dir(), filepath.FromSlash(p))
}

// openBook opens the book folder confined with os.Root, so neither a path
// in the manifest nor a symlink in the folder can reach outside it.
func (env Env) openBook(dir string) (*os.Root, error) {
	root, err := os.OpenRoot(env.abs(dir))
	if err != nil {
		return nil, diag.Errorf(dir, 0, "book.unreadable", "cannot open the book folder: %v", unwrapPath(err))
	}
	return root, nil
}

// cancelled reports the context's error, so an interrupted build stops
// between steps without writing anything.
func cancelled(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("build interrupted: %w", err)
	}
	return nil
}

// configFile is the config file the command line names, or else the
// default, config/samizdat.yaml: in the working folder, or when it has
// none, in the book folder the command line names (--book or
// SAMIZDAT_BOOK), so that `samizdat build --book DIR` builds a book made
// by `samizdat init` with its own settings and editions. "" leaves the
// default to config.Load.
func configFile(env Env, opts Options) string {
	if opts.ConfigFile != "" {
		return opts.ConfigFile
	}
	files := env.configFiles(opts)
	if _, err := files.Stat(config.DefaultConfigFile); err == nil {
		return ""
	}
	book := opts.Flags["book"]
	if book == "" {
		for _, kv := range env.Environ {
			if v, ok := strings.CutPrefix(kv, "SAMIZDAT_BOOK="); ok {
				book = v
			}
		}
	}
	if book == "" {
		return ""
	}
	beside := path.Join(filepath.ToSlash(book), config.DefaultConfigFile)
	if _, err := files.Stat(beside); err == nil {
		return beside
	}
	return ""
}

// BookDir is the book folder the settings name, as a path from the
// working folder; problems with the settings are printed, one per line.
func BookDir(env Env, opts Options) (string, error) {
	cfg, err := loadConfig(env, opts, opts.Edition)
	if err != nil {
		return "", report(env.Stderr, "error: ", err)
	}
	return env.abs(cfg.Book), nil
}

// EditionNames lists the editions beside the settings opts names, for
// completing --edition; none when they cannot be read.
func EditionNames(env Env, opts Options) []string {
	file := configFile(env, opts)
	if file == "" {
		file = config.DefaultConfigFile
	}
	names, err := config.Editions(env.configFiles(opts), file)
	if err != nil {
		return nil
	}
	return names
}
