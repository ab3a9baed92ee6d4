package build

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/samizdat-press/samizdat/internal/config"
)

// editionsFor expands "all" into every edition the config folder holds.
func editionsFor(env Env, opts Options) ([]string, error) {
	if opts.Edition != "all" {
		return []string{opts.Edition}, nil
	}
	file, err := configPath(env, opts.ConfigFile)
	if err != nil {
		return nil, err
	}
	if file == "" {
		file = config.DefaultConfigFile
	}
	names, err := config.Editions(os.DirFS(env.dir()), file)
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("--edition all: no editions in %s", filepath.Join(filepath.Dir(file), "editions"))
	}
	return names, nil
}

// Run builds the book: one edition, or every edition in parallel. Outputs
// are committed only when every edition succeeded, so a failed build
// leaves nothing behind; problems are printed one per line on Stderr.
func Run(ctx context.Context, env Env, opts Options) error {
	editions, err := editionsFor(env, opts)
	if err != nil {
		return report(env.Stderr, "error: ", err)
	}
	prog := newProgress(env)
	results := make([]editionResult, len(editions))
	var wg sync.WaitGroup
	for i, ed := range editions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = buildEdition(ctx, env, opts, ed, prog)
		}()
	}
	wg.Wait()

	var files []*pendingFile
	failed := 0
	for _, r := range results {
		files = append(files, r.files...)
		label := ""
		if len(editions) > 1 {
			label = "[" + r.edition + "] "
		}
		for _, w := range r.warnings {
			fmt.Fprintf(env.Stderr, "warning: %s%s\n", label, w)
		}
		for _, p := range Problems(r.err) {
			fmt.Fprintf(env.Stderr, "error: %s%v\n", label, p)
			failed++
		}
	}
	if failed > 0 {
		discardAll(files)
		return ProblemsReported{Count: failed}
	}
	if err := commitAll(files); err != nil {
		return report(env.Stderr, "error: ", err)
	}
	summarize(env, results)
	return nil
}

type editionResult struct {
	edition  string
	files    []*pendingFile
	outputs  []output
	warnings []string
	err      error
}

func buildEdition(ctx context.Context, env Env, opts Options, edition string, prog *progress) (r editionResult) {
	r.edition = edition
	if r.edition == "" {
		r.edition = "default"
	}
	lines := prog.edition(r.edition)
	defer func() {
		if r.err != nil {
			lines.failed()
		}
	}()
	p, err := load(ctx, env, opts, edition)
	if err != nil {
		r.err = err
		return r
	}
	defer p.close()
	lines.outputs(p.baseName(), p.cfg.Formats)
	r.files, r.outputs, r.err = p.render(ctx, lines.status)
	r.warnings = p.warnings
	return r
}

func summarize(env Env, results []editionResult) {
	for _, r := range results {
		for _, o := range r.outputs {
			fmt.Fprintf(env.Stdout, "wrote %s (%s)\n", relativeTo(env.dir(), o.Path), o.describe())
		}
	}
}

func relativeTo(dir, path string) string {
	if rel, err := filepath.Rel(dir, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// CheckReport is what `samizdat check --json` prints.
type CheckReport struct {
	OK       bool           `json:"ok"`
	Editions []CheckEdition `json:"editions"`
}

// CheckEdition is the verdict on one edition.
type CheckEdition struct {
	Edition  string   `json:"edition"`
	Errors   []string `json:"errors"`
	Warnings []string `json:"warnings"`
}

// Check runs every step that can find a problem in the book (config,
// manifest, Markdown, images, annotations, provenance, links) and writes
// nothing.
func Check(ctx context.Context, env Env, opts Options, asJSON bool) error {
	editions, err := editionsFor(env, opts)
	if err != nil {
		if asJSON {
			return printJSON(env, CheckReport{Editions: []CheckEdition{{Edition: opts.Edition, Errors: messages(err), Warnings: []string{}}}})
		}
		return report(env.Stderr, "error: ", err)
	}
	rep := CheckReport{OK: true}
	for _, ed := range editions {
		ce := CheckEdition{Edition: ed, Errors: []string{}, Warnings: []string{}}
		if ed == "" {
			ce.Edition = "default"
		}
		p, err := load(ctx, env, opts, ed)
		if err != nil {
			ce.Errors = messages(err)
			rep.OK = false
		} else {
			ce.Warnings = append(ce.Warnings, p.warnings...)
			p.close()
		}
		rep.Editions = append(rep.Editions, ce)
	}
	if asJSON {
		return printJSON(env, rep)
	}
	count := 0
	for _, ce := range rep.Editions {
		label := ""
		if len(rep.Editions) > 1 {
			label = "[" + ce.Edition + "] "
		}
		for _, w := range ce.Warnings {
			fmt.Fprintf(env.Stderr, "warning: %s%s\n", label, w)
		}
		for _, e := range ce.Errors {
			fmt.Fprintf(env.Stderr, "error: %s%s\n", label, e)
			count++
		}
	}
	if count > 0 {
		return ProblemsReported{Count: count}
	}
	fmt.Fprintf(env.Stdout, "ok: %d edition(s) checked, no errors\n", len(rep.Editions))
	return nil
}

func messages(err error) []string {
	var out []string
	for _, p := range Problems(err) {
		out = append(out, p.Error())
	}
	return out
}

func printJSON(env Env, rep CheckReport) error {
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return err
	}
	if !rep.OK {
		n := 0
		for _, e := range rep.Editions {
			n += len(e.Errors)
		}
		return ProblemsReported{Count: n}
	}
	return nil
}

// Explain prints the effective settings of an edition and where each value
// came from, for `samizdat config`.
func Explain(env Env, opts Options) error {
	if opts.Edition == "all" {
		return report(env.Stderr, "error: ", errors.New("samizdat config shows one edition at a time; name it with --edition NAME"))
	}
	cfg, err := loadConfig(env, opts, opts.Edition)
	if err != nil {
		return report(env.Stderr, "error: ", err)
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	for _, s := range cfg.Settings() {
		fmt.Fprintf(tw, "%s\t%s\t# %s\n", s.Key, s.Value, s.Origin)
	}
	return tw.Flush()
}
