// Command samizdat builds annotated readers as EPUB 3 and print-ready PDF
// from a manifest of Markdown sources and editorial notes.
//
// The commands only wire flags to internal/build; how a book is built lives
// there.
package main

import (
	"context"
	"io"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"golang.org/x/term"

	"github.com/samizdat-press/samizdat/internal/build"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

func main() {
	// Nothing of ours logs; go-epub prints its internal failures on the
	// standard logger, and the build reports them itself, once, as errors.
	log.SetOutput(io.Discard)
	tuneGC(os.Environ(), firstCollection, smallHeap)
	// An interrupt or a termination request stops the build: its temporary
	// files are removed and earlier outputs left as they were.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := build.Env{
		Stdout:   os.Stdout,
		Stderr:   os.Stderr,
		Environ:  os.Environ(),
		Now:      time.Now,
		Terminal: term.IsTerminal(int(os.Stderr.Fd())),
		Version:  buildVersion(debug.ReadBuildInfo()),
		Fonts: fonts.Fontconfig(func(name string, args ...string) ([]byte, error) {
			return exec.CommandContext(ctx, name, args...).Output()
		}),
		Git: build.ExecGit,
	}
	code := run(ctx, env, os.Args[1:])
	stop()
	os.Exit(code)
}
