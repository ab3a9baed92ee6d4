package build

import (
	"fmt"
	"strings"
	"sync"
)

// progress shows one status line per output being built ("reader.pdf
// typesetting", then "done: 19 pages, 80 KB in 0.31s"), redrawn in place
// on a terminal. When Stderr is not a terminal it stays silent: logs and
// CI output get only the warnings, errors and the final summary.
type progress struct {
	mu    sync.Mutex
	env   Env
	lines []progressLine
	drawn int
}

type progressLine struct{ label, status string }

func newProgress(env Env) *progress { return &progress{env: env} }

// add appends a line and returns its index.
func (p *progress) add(label, status string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.lines = append(p.lines, progressLine{label, status})
	p.redraw()
	return len(p.lines) - 1
}

// set changes a line's label (when not empty) and status.
func (p *progress) set(i int, label, status string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if label != "" {
		p.lines[i].label = label
	}
	p.lines[i].status = status
	p.redraw()
}

// redraw rewrites the block of status lines; callers hold mu.
func (p *progress) redraw() {
	if !p.env.Terminal {
		return
	}
	width := 0
	for _, l := range p.lines {
		width = max(width, len(l.label))
	}
	var sb strings.Builder
	if p.drawn > 0 {
		fmt.Fprintf(&sb, "\x1b[%dA", p.drawn)
	}
	for _, l := range p.lines {
		fmt.Fprintf(&sb, "\x1b[2K%-*s  %s\n", width, l.label, l.status)
	}
	p.drawn = len(p.lines)
	fmt.Fprint(p.env.Stderr, sb.String())
}

// editionProgress is one edition's lines: one while its sources are read,
// then one per output.
type editionProgress struct {
	p       *progress
	edition string
	first   int
	lines   map[string]int
}

func (p *progress) edition(name string) *editionProgress {
	return &editionProgress{p: p, edition: name, first: p.add(name, "checking sources"), lines: map[string]int{}}
}

// outputs turns the edition's line into one line per output file.
func (e *editionProgress) outputs(base string, formats []string) {
	for i, f := range formats {
		label := base + "." + f
		if i == 0 {
			e.lines[f] = e.first
			e.p.set(e.first, label, "waiting")
		} else {
			e.lines[f] = e.p.add(label, "waiting")
		}
	}
}

// status sets one output's status, or the edition's line for format "".
func (e *editionProgress) status(format, msg string) {
	i, ok := e.lines[format]
	if !ok {
		i = e.first
	}
	e.p.set(i, "", msg)
}

// failed marks every line of the edition.
func (e *editionProgress) failed() {
	if len(e.lines) == 0 {
		e.p.set(e.first, "", "failed")
		return
	}
	for _, i := range e.lines {
		e.p.set(i, "", "failed")
	}
}
