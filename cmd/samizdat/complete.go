package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/samizdat-press/samizdat/internal/build"
	"github.com/samizdat-press/samizdat/internal/config"
)

// completions teaches the shell's completion (samizdat completion bash)
// the edition names beside the settings the command line names, and the
// keys --set takes with the values of those that take a few words.
func (c *configFlags) completions(cmd *cobra.Command, env build.Env, all bool) {
	cmd.RegisterFlagCompletionFunc("edition", func(cmd *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		opts, err := c.options(cmd)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		names := build.EditionNames(env, opts)
		if all && len(names) > 0 {
			names = append(names, "all")
		}
		return names, cobra.ShellCompDirectiveNoFileComp
	})
	cmd.RegisterFlagCompletionFunc("set", func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return completeSet(toComplete)
	})
}

// completeSet completes key=value: the keys with what each sets, then
// the value of a key that takes one of a few words.
func completeSet(toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if key, _, ok := strings.Cut(toComplete, "="); ok {
		var out []cobra.Completion
		for _, v := range config.Choices(key) {
			out = append(out, key+"="+v)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	for _, k := range config.Keys() {
		if strings.HasPrefix(k, toComplete) {
			doc := strings.ReplaceAll(config.Doc(k), "`", "")
			out = append(out, cobra.CompletionWithDesc(k+"=", doc))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}
