package build

import (
	"slices"
	"strings"
	"testing"
)

// Includes are read from the folders markdown.include_paths allows,
// relative to the book folder; others are refused with a warning at the
// directive, --strict makes each an error, and a warning in included text
// names the included file.
func TestIncludePaths(t *testing.T) {
	dir := writeFolder(t, map[string]string{
		"book/manifest.yaml": "title: T\nlanguage: en\nchapters:\n  - file: one.md\n",
		"book/one.md": "# One\n\n```rust\n{{#rustdoc_include ../listings/main.rs:here}}\n```\n\n" +
			"```py\n    --8<-- \"examples/x.py\"\n```\n\n{{#include part.md}}\n\n[late](javascript:x)\n",
		"book/part.md":     "Shared.\n\n[bad](javascript:y)\n",
		"listings/main.rs": "fn main() {\n    // ANCHOR: here\n    println!();\n    // ANCHOR_END: here\n}\n",
		"examples/x.py":    "print()\n",
	})
	tests := []struct {
		name   string
		set    string
		strict bool
		want   []string
	}{
		{"book folder only", "", false, []string{
			"warning: book/one.md:4:1: {{#rustdoc_include ../listings/main.rs:here}}: ../listings/main.rs is outside the folders includes may be read from (markdown.include_paths: [.]); left as written",
			`warning: book/one.md:8:5: --8<-- "examples/x.py": no file "examples/x.py" in the folders includes are read from (markdown.include_paths: [.]); left as written`,
			"warning: book/one.md:13:1: link to a javascript: URL dropped, its text kept",
			"warning: book/part.md:3:1: link to a javascript: URL dropped, its text kept",
		}},
		{"the parent too", "., ..", false, []string{
			"warning: book/one.md:13:1: link to a javascript: URL dropped, its text kept",
			"warning: book/part.md:3:1: link to a javascript: URL dropped, its text kept",
		}},
		{"strict", "", true, []string{
			"error: book/one.md:4:1: {{#rustdoc_include ../listings/main.rs:here}}: ../listings/main.rs is outside the folders includes may be read from (markdown.include_paths: [.]); left as written",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := Options{Flags: map[string]string{}, FlagOrigins: map[string]string{}}
			if tc.set != "" {
				opts.Flags["markdown.include_paths"], opts.FlagOrigins["markdown.include_paths"] = tc.set, "flag --set"
			}
			if tc.strict {
				opts.Flags["strict"], opts.FlagOrigins["strict"] = "true", "flag --strict"
			}
			r := runCheck(t, dir, opts, false)
			got := problemLines(r.stderr.String())
			if tc.strict {
				// the first, made an error (the note --strict adds cut)
				got = got[:min(1, len(got))]
				if r.err == nil {
					t.Error("--strict passed")
				}
				for i, g := range got {
					got[i] = g[:strings.Index(g, "; left as written")+len("; left as written")]
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
