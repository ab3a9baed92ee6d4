package build

import (
	"fmt"
	"strings"
	"sync"
)

// progress shows one status line per edition being built, redrawn in place
// on a terminal. When Stderr is not a terminal it stays silent: logs and
// CI output get only the warnings, errors and the final summary.
type progress struct {
	mu    sync.Mutex
	env   Env
	lines []string
	drawn int
}

func newProgress(env Env) *progress { return &progress{env: env} }

func (p *progress) add(name string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.lines = append(p.lines, fmt.Sprintf("%-14s waiting", name))
	p.redraw()
	return len(p.lines) - 1
}

func (p *progress) set(i int, status string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	name := strings.Fields(p.lines[i])[0]
	p.lines[i] = fmt.Sprintf("%-14s %s", name, status)
	p.redraw()
}

func (p *progress) done(i int, r editionResult) {
	status := "failed"
	if r.err == nil {
		var parts []string
		for _, o := range r.outputs {
			s := o.Format
			if o.Pages > 0 {
				s += fmt.Sprintf(" (%d pp)", o.Pages)
			}
			parts = append(parts, s)
		}
		status = fmt.Sprintf("done: %s in %.2fs", strings.Join(parts, " + "), r.total.Seconds())
	}
	p.set(i, status)
}

// redraw rewrites the block of status lines; callers hold mu.
func (p *progress) redraw() {
	if !p.env.Terminal {
		return
	}
	var sb strings.Builder
	if p.drawn > 0 {
		fmt.Fprintf(&sb, "\x1b[%dA", p.drawn)
	}
	for _, l := range p.lines {
		sb.WriteString("\x1b[2K" + l + "\n")
	}
	p.drawn = len(p.lines)
	fmt.Fprint(p.env.Stderr, sb.String())
}

func (p *progress) finish() {}
