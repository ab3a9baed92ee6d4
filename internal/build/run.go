package build

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/samizdat-press/samizdat/internal/config"
	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/yamlfile"
)

// editionsFor expands "all" into every edition the config folder holds.
func editionsFor(env Env, opts Options) ([]string, error) {
	if opts.Edition != "all" {
		return []string{opts.Edition}, nil
	}
	file := configFile(env, opts)
	if file == "" {
		file = config.DefaultConfigFile
	}
	names, err := config.Editions(env.configFiles(opts), file)
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("--edition all: no editions in %s", path.Join(path.Dir(filepath.ToSlash(file)), "editions"))
	}
	return names, nil
}

// Run builds the book: one edition, or every edition in parallel. Outputs
// are committed only when every edition succeeded, so a failed build
// leaves nothing behind; problems are printed one per line on Stderr, each
// once however many editions found it. When ctx is cancelled (the user
// interrupted the build) the temporary files are removed at once and Run
// returns, whatever the renderers are still doing; earlier outputs stay.
func Run(ctx context.Context, env Env, opts Options) error {
	editions, err := editionsFor(env, opts)
	if err != nil {
		return report(env.Stderr, "error: ", err)
	}
	set := &outputSet{}
	done := make(chan []editionResult, 1)
	go func() { done <- runEditions(ctx, env, opts, editions, set, newProgress(env)) }()
	var results []editionResult
	select {
	case results = <-done:
	case <-ctx.Done():
		set.discard()
		return report(env.Stderr, "error: ", fmt.Errorf("build interrupted: %w; nothing was written", context.Cause(ctx)))
	}
	if n := printDiagnostics(env.Stderr, results); n > 0 || !allOK(results) {
		set.discard()
		return ProblemsReported{Count: n}
	}
	if err := set.commit(); err != nil {
		return report(env.Stderr, "error: ", fmt.Errorf("%w; the earlier outputs were left as they were", err))
	}
	summarize(env, results)
	return nil
}

// editionResult is what building one edition gave.
type editionResult struct {
	edition string
	files   []*pendingFile
	outputs []output
	diags   []diag.Diagnostic
	ok      bool
}

// editionRun is one edition being built.
type editionRun struct {
	editionResult
	p     *project
	lines *editionProgress
}

// runEditions builds every edition in parallel, writing through set, or
// nowhere when set is nil (for check). Every edition is loaded before any
// is rendered, so that where their outputs go is checked first: two
// editions naming one file, or a folder in an output's place, stop the
// build before anything is written.
func runEditions(ctx context.Context, env Env, opts Options, editions []string, set *outputSet, prog *progress) []editionResult {
	runs := make([]*editionRun, len(editions))
	// The editions share their fonts and prepared pictures, and their
	// chapters, parsed once (a session brings its own cache).
	opts.shared = media.NewCache()
	if len(editions) > 1 {
		if opts.parsed == nil {
			opts.parsed = newParseCache()
		}
		opts.settings = yamlfile.NewCache()
	}
	opts.git = newGitAnswers(env.Git)
	if opts.git != nil && len(editions) > 1 {
		opts.git.depth = walkDepth
	}
	// The settings files every edition reads are asked about with the
	// first edition's files, however late another's settings are read.
	opts.git.expect(env.dir(), settingsFiles(env, opts, editions))
	parallel(len(editions), func(i int) { runs[i] = loadEdition(ctx, env, opts, editions[i], prog) })
	checkOutputs(runs)
	together := map[string]*project{}
	for _, r := range runs {
		if r.p != nil {
			together[r.p.cfg.Edition] = r.p
		}
	}
	for _, r := range runs {
		if r.p != nil {
			r.p.pictures = opts.shared
			r.p.together = together
		}
	}
	// An edition's layout may be read by another's EPUB: every edition
	// keeps its mapped fonts until all are done.
	defer func() {
		for _, r := range runs {
			if r.p != nil {
				r.p.close()
			}
		}
	}()
	out := sink(toNowhere)
	if opts.capture != nil {
		out = opts.capture.create
	}
	if set != nil {
		out = set.create
		var dirs []string
		for _, r := range runs {
			if r.p != nil && !r.p.failed() {
				dirs = append(dirs, r.p.env.abs(r.p.cfg.Out))
			}
		}
		if err := set.lockFolders(ctx, dirs, func(dir string) {
			fmt.Fprintf(env.Stderr, "waiting for another build writing into %s\n", relativeTo(env.dir(), dir))
		}); err != nil {
			for _, r := range runs {
				if r.p != nil {
					r.p.diags.Add(diag.Errorf("", 0, "output.lock", "%v", err))
				}
			}
		}
	}
	parallel(len(runs), func(i int) { runs[i].render(ctx, out) })
	results := make([]editionResult, len(runs))
	for i, r := range runs {
		results[i] = r.editionResult
	}
	return results
}

// settingsFiles are the config file and the editions' files, where
// config.Load finds them.
func settingsFiles(env Env, opts Options, editions []string) []string {
	file := configFile(env, opts)
	if file == "" {
		file = config.DefaultConfigFile
	}
	files := []string{file}
	for _, ed := range editions {
		if ed != "" {
			files = append(files, path.Join(path.Dir(filepath.ToSlash(file)), "editions", ed+".yaml"))
		}
	}
	return files
}

// parallel runs f(0) … f(n-1) at once and waits for them all.
func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(i)
		}()
	}
	wg.Wait()
}

func loadEdition(ctx context.Context, env Env, opts Options, edition string, prog *progress) *editionRun {
	r := &editionRun{}
	r.edition = edition
	if r.edition == "" {
		r.edition = "default"
	}
	r.lines = prog.edition(r.edition)
	p, err := load(ctx, env, opts, edition)
	if err != nil {
		r.diags = diag.FromError(err)
		r.lines.failed()
		return r
	}
	r.p = p
	return r
}

// render writes the edition's outputs through out, unless loading it, or
// checking where they go, found an error.
func (r *editionRun) render(ctx context.Context, out sink) {
	p := r.p
	if p == nil {
		return
	}
	if !p.failed() {
		r.lines.outputs(p.baseName(), p.formatNames())
		r.files, r.outputs, r.ok = p.render(ctx, p.formatTable(), out, r.lines.status)
	}
	r.diags = p.report()
	if errs, _ := diag.Counts(r.diags); errs > 0 {
		r.ok = false // --strict made a warning an error
	}
	if !r.ok {
		r.lines.failed()
	}
}

// checkOutputs reports, before anything is written, outputs of two
// editions that would go to one file (or to names only a file system's
// case tells apart), and outputs whose place holds a folder or anything
// else a file cannot replace.
func checkOutputs(runs []*editionRun) {
	type claim struct {
		run  *editionRun
		path string
	}
	byName := map[string][]claim{}
	var names []string
	for _, r := range runs {
		if r.p == nil || r.p.failed() {
			continue
		}
		for _, f := range r.p.chosen(formats) {
			path := r.p.outputPath(f)
			key := strings.ToLower(filepath.Clean(path))
			if _, ok := byName[key]; !ok {
				names = append(names, key)
			}
			byName[key] = append(byName[key], claim{r, path})
			if info, err := os.Lstat(path); err == nil {
				if err := replaceable(info, f.Extension() == folderExtension); err != nil {
					r.p.diags.Add(diag.Errorf("", 0, "output.blocked", "output %s cannot be written: %v", relativeTo(r.p.env.dir(), path), err))
				}
			}
		}
	}
	for _, key := range names {
		claims := byName[key]
		if len(claims) < 2 {
			continue
		}
		var eds, paths []string
		for _, c := range claims {
			eds = append(eds, c.run.edition)
			paths = append(paths, relativeTo(c.run.p.env.dir(), c.path))
		}
		slices.Sort(paths)
		paths = slices.Compact(paths)
		what := "output " + paths[0]
		if len(paths) > 1 {
			what = "outputs " + strings.Join(paths, " and ") + ", whose names differ only in case,"
		}
		msg := fmt.Sprintf("%s would be written by the editions %s; give each its own name (the setting name)", what, strings.Join(eds, ", "))
		for _, c := range claims {
			c.run.p.diags.Add(diag.Errorf("", 0, "output.collision", "%s", msg))
		}
	}
}

func allOK(results []editionResult) bool {
	for _, r := range results {
		if !r.ok {
			return false
		}
	}
	return true
}

// merged is every edition's problems, each once, sorted by file and line.
func merged(results []editionResult) []diag.Found {
	runs := make([]diag.Run, len(results))
	for i, r := range results {
		runs[i] = diag.Run{Name: r.edition, Diagnostics: r.diags}
	}
	return diag.Merge(runs)
}

// printDiagnostics prints one line per problem ("error: FILE:LINE:
// message", the editions that found it in parentheses when not all did) and
// returns the number of errors.
func printDiagnostics(w io.Writer, results []editionResult) int {
	errs := 0
	for _, f := range merged(results) {
		fmt.Fprintf(w, "%s: %s\n", f.Severity, f)
		if f.Severity == diag.Error {
			errs++
		}
	}
	return errs
}

func summarize(env Env, results []editionResult) {
	for _, r := range results {
		for _, o := range r.outputs {
			name := relativeTo(env.dir(), o.Path)
			if o.Folder {
				name += string(filepath.Separator)
			}
			fmt.Fprintf(env.Stdout, "wrote %s (%s)\n", name, o.describe())
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
	OK          bool           `json:"ok"`
	Editions    []CheckEdition `json:"editions"`
	Diagnostics []diag.Found   `json:"diagnostics"`
}

// CheckEdition counts one edition's problems.
type CheckEdition struct {
	Edition  string `json:"edition"`
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
}

// Check runs everything a build runs (config, manifest, Markdown, images,
// annotations, provenance, links, fonts, layout and both renderers), so it
// finds every problem a build would, and writes nothing.
func Check(ctx context.Context, env Env, opts Options, asJSON bool) error {
	editions, err := editionsFor(env, opts)
	if err != nil {
		if asJSON {
			edition := opts.Edition
			if edition == "" {
				edition = "default"
			}
			return printJSON(env, []editionResult{{edition: edition, diags: diag.FromError(err)}})
		}
		return report(env.Stderr, "error: ", err)
	}
	results := runEditions(ctx, env, opts, editions, nil, newProgress(Env{}))
	if asJSON {
		return printJSON(env, results)
	}
	if n := printDiagnostics(env.Stderr, results); n > 0 || !allOK(results) {
		return ProblemsReported{Count: n}
	}
	warns := 0
	for _, f := range merged(results) {
		if f.Severity == diag.Warning {
			warns++
		}
	}
	fmt.Fprintf(env.Stdout, "ok: %d edition(s) checked, no errors, %d warning(s)\n", len(results), warns)
	return nil
}

func printJSON(env Env, results []editionResult) error {
	rep := CheckReport{OK: allOK(results), Diagnostics: merged(results)}
	for _, r := range results {
		errs, warns := diag.Counts(r.diags)
		rep.Editions = append(rep.Editions, CheckEdition{Edition: r.edition, Errors: errs, Warnings: warns})
		if errs > 0 {
			rep.OK = false
		}
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return err
	}
	if !rep.OK {
		errs, _ := diag.Counts(diagnostics(rep.Diagnostics))
		return ProblemsReported{Count: errs}
	}
	return nil
}

func diagnostics(found []diag.Found) []diag.Diagnostic {
	out := make([]diag.Diagnostic, len(found))
	for i, f := range found {
		out[i] = f.Diagnostic
	}
	return out
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
