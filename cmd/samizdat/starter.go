package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/samizdat-press/samizdat/internal/build"
	"github.com/samizdat-press/samizdat/internal/preview"
	"github.com/samizdat-press/samizdat/internal/starter"
)

func newInitCommand(env build.Env) *cobra.Command {
	var title, from string
	cmd := &cobra.Command{
		Use:   "init [DIR | --from PROJECT]",
		Short: "Make a new book folder, or a manifest for an existing Markdown book",
		Long: `Make a new book in DIR, a new or empty folder: a manifest, an introduction,
a source with its provenance, a file of editorial notes, a config with two
editions (a classroom packet and a teacher's edition) and a README. The
title is made from the folder's name unless --title gives it.

With --from PROJECT, make no new folder: write a manifest.yaml for a book
written for mdBook (book.toml and SUMMARY.md), MkDocs (mkdocs.yml and its
nav), Quarto (_quarto.yml's book chapters), bookdown (_bookdown.yml or
its .Rmd files), Jupyter Book (_toc.yml and _config.yml, or Jupyter Book
2's myst.yml), or for a plain folder of Markdown files, listing the
chapters in the project's own order. It goes into the project's book
folder (mdBook's src, MkDocs' docs_dir, the Quarto, bookdown or Jupyter
Book project's folder), whose paths the manifest's are relative to, and never over an
existing manifest.yaml. PROJECT is the project's folder, or the project
file to read in it (mkdocs-online.yml). Files the contents name that do
not exist, drafts, web addresses and redirect pages are left out, each
with a line saying so.`,
		Example: `  samizdat init my-reader
  samizdat init packet --title "The Federalist Debates"
  samizdat init --from ~/src/rust-book
  samizdat init --from docs-site/mkdocs.yml`,
		Args: func(cmd *cobra.Command, args []string) error {
			if from != "" {
				if len(args) != 0 {
					return usageError{errors.New("init --from writes the manifest into the project's own book folder: give no DIR")}
				}
				return nil
			}
			return exactArgs(1, "init takes the folder to make: samizdat init DIR, or samizdat init --from PROJECT")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if from != "" {
				return importProject(env, from, title)
			}
			dir := args[0]
			files, err := starter.Init(abs(env, dir), title)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "made a new book in %s:\n", dir)
			for _, f := range files {
				fmt.Fprintf(env.Stdout, "  %s\n", filepath.Join(dir, filepath.FromSlash(f)))
			}
			fmt.Fprintf(env.Stdout, "\nNext:\n  cd %s\n  samizdat build      # the EPUB and the PDF, in dist/\n  samizdat preview    # the book in your browser, rebuilt as you edit\n", shellWord(dir))
			return nil
		},
	}
	cmd.Flags().StringVar(&title, "title", "", "the book's title (default: made from DIR, or the project's)")
	cmd.Flags().StringVar(&from, "from", "", "an mdBook, MkDocs, Quarto, bookdown, Docusaurus, VitePress or Jupyter Book project, a Carpentries lesson, an unpacked EPUB, or a folder of Markdown, to write a manifest for")
	return cmd
}

// importProject writes the manifest of an existing project and says
// what it read, what it left out and how to build the book.
func importProject(env build.Env, from, title string) error {
	res, dir, err := starter.FromProject(abs(env, from), relative(env, abs(env, from)), title)
	if err != nil {
		return err
	}
	show := func(p string) string {
		return relative(env, filepath.Join(dir, filepath.FromSlash(p)))
	}
	var read []string
	for _, f := range res.Read {
		read = append(read, show(f))
	}
	if len(read) == 0 {
		read = []string{show(".")}
	}
	fmt.Fprintf(env.Stdout, "read %s (%s)\n", strings.Join(read, ", "), res.Kind)
	for _, n := range res.Notes {
		fmt.Fprintf(env.Stdout, "  note: %s\n", n)
	}
	book := show(res.Book)
	fmt.Fprintf(env.Stdout, "wrote %s: %s, %s\n", filepath.Join(book, "manifest.yaml"), count(res.Chapters, "chapter"), count(res.Parts, "part"))
	command := "samizdat build --book " + shellWord(book)
	if res.SiteURL != "" {
		// links leaving the book folder lead to the site, as they did there
		command += " --set markdown.site_url=" + shellWord(res.SiteURL)
	}
	if res.CitationStyle != "" {
		command += " --set citation.style=" + res.CitationStyle
	}
	if len(res.Intersphinx) > 0 {
		// references into other projects lead to their sites
		var sites []string
		for _, name := range slices.Sorted(maps.Keys(res.Intersphinx)) {
			sites = append(sites, name+": "+strconv.Quote(res.Intersphinx[name]))
		}
		command += " --set " + shellWord("markdown.intersphinx={"+strings.Join(sites, ", ")+"}")
	}
	fmt.Fprintf(env.Stdout, "\nNext:\n  %s\n", command)
	return nil
}

func newNewCommand(env build.Env) *cobra.Command {
	var cf configFlags
	cmd := &cobra.Command{
		Use:   "new chapter|source|note TITLE",
		Short: "Add a chapter, a source or a file of notes, with its entry in the manifest",
		Long: `Add a stub file to the book and its entry to the manifest, whose comments,
order and other entries stay as they are: a chapter goes before the back
matter, a source (with provenance to fill in) into the part holding the
sources, a file of editorial notes to the manifest's notes. The file is
named after the title.`,
		Example: `  samizdat new chapter "The Articles of Confederation"
  samizdat new source "Common Sense"
  samizdat new note "Vocabulary"`,
		Args: exactArgs(2, "new takes what to add and its title: samizdat new chapter|source|note TITLE"),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) == 0 {
				return starter.Kinds, cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			kind, title := args[0], args[1]
			if !contains(starter.Kinds, kind) {
				return usageError{fmt.Errorf("new %s: add a chapter, a source or a note", kind)}
			}
			opts, err := cf.options(cmd)
			if err != nil {
				return err
			}
			dir, err := build.BookDir(env, opts)
			if err != nil {
				return err
			}
			name, err := starter.New(dir, kind, title)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "added %s to %s\n", relative(env, filepath.Join(dir, filepath.FromSlash(name))), relative(env, filepath.Join(dir, "manifest.yaml")))
			return nil
		},
	}
	cmd.Flags().StringVar(&cf.book, "book", "", "book folder holding manifest.yaml (config key book; default book, or the working folder if it holds manifest.yaml)")
	cmd.Flags().StringVar(&cf.configFile, "config", "", "config file, anywhere (default config/samizdat.yaml)")
	return cmd
}

// count says how many of a thing: "1 part", "3 parts".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// exactArgs wants n arguments, and says how to give them.
func exactArgs(n int, usage string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return usageError{errors.New(usage)}
		}
		return nil
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// abs resolves a path from the command line against the working folder.
func abs(env build.Env, p string) string {
	if filepath.IsAbs(p) || env.Dir == "" {
		return p
	}
	return filepath.Join(env.Dir, p)
}

// relative names a path as the user would type it from the working folder.
func relative(env build.Env, p string) string {
	dir := env.Dir
	if dir == "" {
		dir = "."
	}
	if rel, err := filepath.Rel(dir, p); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return p
}

// shellWord quotes a folder name for a command the user copies.
func shellWord(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(strings.ContainsRune("-_./:=@%+,", r) || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func newPreviewCommand(ctx context.Context, env build.Env) *cobra.Command {
	var cf configFlags
	var port int
	cmd := &cobra.Command{
		Use:   "preview",
		Short: "Serve the book as web pages that rebuild and reload as you edit",
		Long: `Serve the book as web pages on this machine (127.0.0.1) and open them in a
browser: each time a file of the book or its settings changes, the book is
built again, parsing only the chapters that changed, and the open pages
reload. Each rebuild prints its time; a build that fails shows its problems
in the page and here. Ctrl-C stops.`,
		Example: `  samizdat preview
  samizdat preview --book my-reader --port 8080
  samizdat preview --edition packet`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts, err := cf.options(cmd)
			if err != nil {
				return err
			}
			if opts.Edition == "all" {
				return usageError{errors.New("preview shows one edition at a time; name it with --edition NAME")}
			}
			if port < 0 || port > 65535 {
				return usageError{fmt.Errorf("--port %d: a port is a number from 1 to 65535", port)}
			}
			err = preview.Serve(ctx, env, opts, preview.Options{Port: port, TryNext: !cmd.Flags().Changed("port")})
			if err != nil {
				return err
			}
			return nil
		},
	}
	cf.register(cmd.Flags(), false)
	cf.completions(cmd, env, false)
	cmd.Flags().IntVar(&port, "port", 8000, "port on 127.0.0.1 to serve on (0 picks a free one)")
	return cmd
}
