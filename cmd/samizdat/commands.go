package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/samizdat-press/samizdat/internal/build"
	"github.com/samizdat-press/samizdat/internal/config"
)

// Exit statuses: 0 success, 1 the book has problems, 2 the command line is wrong.
const (
	exitOK      = 0
	exitProblem = 1
	exitUsage   = 2
)

// usageError marks mistakes in the command line itself.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }

// run executes the command line args and returns the exit status.
func run(ctx context.Context, env build.Env, args []string) int {
	root := newRootCommand(ctx, env)
	root.SetArgs(args)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var problems build.ProblemsReported
	switch {
	case errors.As(err, &problems):
		return exitProblem
	case isUsage(err):
		fmt.Fprintf(env.Stderr, "samizdat: %v\nRun 'samizdat --help' for usage.\n", err)
		return exitUsage
	default:
		for _, p := range build.Problems(err) {
			fmt.Fprintf(env.Stderr, "error: %v\n", p)
		}
		return exitProblem
	}
}

func isUsage(err error) bool {
	var u usageError
	if errors.As(err, &u) {
		return true
	}
	// cobra reports unknown flags and commands as plain errors.
	msg := err.Error()
	return strings.HasPrefix(msg, "unknown ") || strings.Contains(msg, "flag needs an argument") ||
		strings.HasPrefix(msg, "invalid argument") || strings.Contains(msg, "accepts ")
}

func newRootCommand(ctx context.Context, env build.Env) *cobra.Command {
	root := &cobra.Command{
		Use:   "samizdat",
		Short: "Build annotated readers as EPUB 3 and print-ready PDF",
		Long: `samizdat builds an annotated reader from an ordered manifest of Markdown
sources and editorial notes, as an EPUB 3 for e-readers and a print-ready PDF,
with footnoted provenance for every source. Editions are config overlays.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newInitCommand(env), newNewCommand(env), newBuildCommand(ctx, env), newCheckCommand(ctx, env),
		newPreviewCommand(ctx, env), newConfigCommand(env), newVersionCommand(env))
	return root
}

// configFlags are the flags every command that reads config shares.
type configFlags struct {
	configFile string
	edition    string
	book       string
	out        string
	strict     bool
	sets       []string
}

func (c *configFlags) register(fs *pflag.FlagSet, withOutput bool) {
	fs.StringVar(&c.configFile, "config", "", "config file, anywhere (default config/samizdat.yaml)")
	fs.StringVar(&c.edition, "edition", "", "edition to use, from editions/NAME.yaml beside the config file (\"all\" builds every edition)")
	fs.StringVar(&c.book, "book", "", "book folder holding manifest.yaml (config key book; default book, or the working folder if it holds manifest.yaml)")
	if withOutput {
		fs.StringVar(&c.out, "out", "", "output folder, created if missing (config key out)")
	}
	fs.BoolVar(&c.strict, "strict", false, "treat warnings as errors (config key strict)")
	fs.StringArrayVar(&c.sets, "set", nil, "set any config key, e.g. --set pdf.page_size=6x9in (repeatable)")
}

// options turns the flags the user set into build options; only flags
// actually given override config, so a flag's default never hides a file's value.
func (c *configFlags) options(cmd *cobra.Command) (build.Options, error) {
	flags := map[string]string{}
	var origins = map[string]string{}
	for _, kv := range c.sets {
		key, value, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(key) == "" {
			return build.Options{}, usageError{fmt.Errorf("--set %q: want key=value", kv)}
		}
		key = strings.TrimSpace(key)
		if err := config.CheckKey(key); err != nil {
			return build.Options{}, usageError{fmt.Errorf("--set %s: %w", key, err)}
		}
		flags[key] = value
		origins[key] = "flag --set " + key
	}
	for flag, key := range map[string]string{"book": "book", "out": "out", "strict": "strict"} {
		if f := cmd.Flags().Lookup(flag); f != nil && f.Changed {
			flags[key] = f.Value.String()
			origins[key] = "flag --" + flag
		}
	}
	return build.Options{ConfigFile: c.configFile, Edition: c.edition, Flags: flags, FlagOrigins: origins}, nil
}

func newBuildCommand(ctx context.Context, env build.Env) *cobra.Command {
	var cf configFlags
	var watch bool
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the book's EPUB and PDF",
		Long: `Build the book described by BOOK/manifest.yaml into OUT/<name>.epub and
OUT/<name>.pdf. With --edition NAME the edition's settings apply and the files
are named <name>-NAME; --edition all builds every edition in parallel.

On any problem the build prints one line per problem, exits with status 1 and
leaves no output file behind.`,
		Example: `  samizdat build
  samizdat build --book ~/books/rust --out /tmp/rust
  samizdat build --edition paperback
  samizdat build --edition all
  samizdat build --watch
  SAMIZDAT_PDF_PAGE_SIZE=a4 samizdat build --set pdf.font_size=12`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts, err := cf.options(cmd)
			if err != nil {
				return err
			}
			if watch {
				return build.Watch(ctx, env, opts)
			}
			return build.Run(ctx, env, opts)
		},
	}
	cf.register(cmd.Flags(), true)
	cf.completions(cmd, env, true)
	cmd.Flags().BoolVar(&watch, "watch", false, "build again each time the book's files change, until Ctrl-C")
	return cmd
}

func newCheckCommand(ctx context.Context, env build.Env) *cobra.Command {
	var cf configFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check config, manifest, annotations, provenance and links without writing output",
		Long: `Run everything a build runs (config, manifest, Markdown, images, annotations
anchored by quotation, provenance completeness, internal links, fonts, cover,
layout and both renderers) without writing any output, so check finds every
problem build would. Exit status 0 when the book is clean, 1 when it has
errors. --json prints the diagnostics as JSON on stdout.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts, err := cf.options(cmd)
			if err != nil {
				return err
			}
			return build.Check(ctx, env, opts, asJSON)
		},
	}
	cf.register(cmd.Flags(), false)
	cf.completions(cmd, env, true)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	return cmd
}

func newConfigCommand(env build.Env) *cobra.Command {
	var cf configFlags
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Print the effective settings and where each value came from",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts, err := cf.options(cmd)
			if err != nil {
				return err
			}
			return build.Explain(env, opts)
		},
	}
	cf.register(cmd.Flags(), true)
	cf.completions(cmd, env, false)
	return cmd
}

func newVersionCommand(env build.Env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the samizdat version, as recorded when it was built",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			v := env.Version
			if v == "" {
				v = "(no version recorded: built outside a release, without version control information)"
			}
			fmt.Fprintf(env.Stdout, "samizdat %s\n", v)
		},
	}
}
