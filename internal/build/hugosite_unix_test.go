//go:build unix

package build

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestHugoSiteConfig: a Hugo config above the book answers the param
// shortcode; one that is a named pipe, larger than limits.config or not
// TOML is one warning naming it, and the check goes on.
func TestHugoSiteConfig(t *testing.T) {
	t.Parallel()
	const chapter = "# A\n\n{{< param a >}}\n"
	missing := `warning: book/a.md:3:1: shortcode "param": neither the front matter nor the site's params (hugo.toml) have a parameter "a"; left out`
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		flags map[string]string
		want  []string
	}{
		{"read", func(t *testing.T, dir string) { write(t, dir, "hugo.toml", "[params]\nA = 1\n") }, nil, nil},
		{"missing", func(t *testing.T, dir string) { write(t, dir, "hugo.toml", "[params]\nb = 1\n") }, nil, []string{missing}},
		{"pipe", func(t *testing.T, dir string) { fifo(t, dir, "hugo.toml") }, nil, []string{
			`warning: book/a.md:3:1: shortcode "param": the front matter has no parameter "a"; left out`,
			"warning: hugo.toml: the Hugo site's config cannot be read: is a named pipe, not a regular file; its params are not used"}},
		{"too large", func(t *testing.T, dir string) { write(t, dir, "hugo.toml", strings.Repeat("#", 3000)) },
			map[string]string{"limits.config": "2KB"}, []string{
				`warning: book/a.md:3:1: shortcode "param": the front matter has no parameter "a"; left out`,
				"warning: hugo.toml: the Hugo site's config cannot be read: is 2.9 KB, more than limits.config allows (2 KB); its params are not used"}},
		{"not TOML, params.toml still read", func(t *testing.T, dir string) {
			write(t, dir, "hugo.toml", "[params\n")
			if err := os.MkdirAll(filepath.Join(dir, "config", "_default"), 0o755); err != nil {
				t.Fatal(err)
			}
			write(t, dir, "config/_default/params.toml", "a = 2\n")
		}, nil, []string{"warning: hugo.toml:1:8: the Hugo site's config is not valid TOML: toml: expected character ]; its params are not used"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFolder(t, map[string]string{
				"config/samizdat.yaml": "formats: [epub]\n",
				"book/manifest.yaml":   "title: T\nlanguage: en\nchapters:\n  - file: a.md\n",
				"book/a.md":            chapter,
			})
			tt.setup(t, dir)
			opts := Options{Flags: map[string]string{}, FlagOrigins: map[string]string{}}
			for k, v := range tt.flags {
				opts.Flags[k], opts.FlagOrigins[k] = v, "flag --set "+k
			}
			r := checkWithin(t, dir, opts)
			if got := problemLines(r.stderr.String()); !slices.Equal(got, tt.want) {
				t.Errorf("err %v, problems:\n%s\nwant:\n%s", r.err, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestHugoSiteStatic: a book of a Hugo site's content/en reads the
// pictures it names from the site's root from the site's static/, beside
// content/, through the same limits as the book's own pictures; a missing
// one names the three places looked in, and a symlink in static/ leading
// out of the site is not followed.
func TestHugoSiteStatic(t *testing.T) {
	t.Parallel()
	outside := writeFolder(t, map[string]string{"secret.png": tinyPNG(t)})
	dir := writeFolder(t, map[string]string{
		"config/samizdat.yaml":       "formats: [epub]\n",
		"hugo.toml":                  "title = 'Site'\n",
		"content/en/manifest.yaml":   "title: T\nlanguage: en\nchapters:\n  - file: a.md\n",
		"static/images/docs/pod.png": tinyPNG(t),
		"static/images/big.png":      tinyPNG(t) + strings.Repeat("\x00", 2048),
		"content/en/a.md": "# A\n\n![A pod](/images/docs/pod.png)\n\n![Gone](/images/docs/gone.png)\n\n" +
			"![Big](/images/big.png)\n\n![Secret](/images/secret.png)\n",
	})
	if err := os.Symlink(filepath.Join(outside, "secret.png"), filepath.Join(dir, "static/images/secret.png")); err != nil {
		t.Fatal(err)
	}
	opts := Options{
		Flags:       map[string]string{"book": "content/en", "limits.image": "1KB"},
		FlagOrigins: map[string]string{"book": "flag --book", "limits.image": "flag --set limits.image"},
	}
	r := checkWithin(t, dir, opts)
	want := []string{
		`warning: content/en/a.md:5:1: image "/images/docs/gone.png": file images/docs/gone.png not found, nor static/images/docs/gone.png, nor ../../static/images/docs/gone.png; a placeholder stands in`,
		`error: content/en/a.md:7:1: image "/images/big.png": cannot read ../../static/images/big.png: is 2.1 KB, more than limits.image allows (1 KB)`,
		`error: content/en/a.md:9:1: image "/images/secret.png": cannot read ../../static/images/secret.png: path escapes from parent`,
	}
	if got := problemLines(r.stderr.String()); !slices.Equal(got, want) {
		t.Errorf("err %v, problems:\n%s\nwant:\n%s", r.err, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
