package markdown

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestHugoSiteParams: the param shortcode answers from the page's front
// matter, then from the params of the nearest Hugo config (hugo.toml,
// .yaml, .json, config/_default/), dotted keys in any case; neither
// having it is one warning naming the config; a config that cannot be
// parsed is one warning with its line, and the build goes on.
func TestHugoSiteParams(t *testing.T) {
	const page = "---\nparams:\n  color: page\n---\n"
	tests := []struct {
		name  string
		files map[string]string
		src   string
		want  string // the paragraph's text
		warns []string
	}{
		{"hugo.toml two folders up: nested keys, in any case; the page's first",
			map[string]string{"hugo.toml": "title = 'x'\n[params]\ncolor = 'site'\nghRepo = 'https://g'\n[params.Social.mastodon]\nurl = 'm'\n"},
			page + "{{< param color >}} {{< param ghrepo >}} {{< param social.Mastodon.URL >}}\n",
			"page https://g m", nil},
		{"missing from both: one warning naming the config",
			map[string]string{"hugo.toml": "[params]\na = 1\n"},
			"{{< param b >}}\n",
			"", []string{"ch.md:1:1: shortcode \"param\": neither the front matter nor the site's params (site/hugo.toml) have a parameter \"b\"; left out [hugo.param]"}},
		{"hugo.yaml, and hugo.toml preferred to it",
			map[string]string{"hugo.yaml": "params:\n  a: yaml\n  deep:\n    b: 2\n"},
			"{{< param a >}} {{< param deep.b >}}\n", "yaml 2", nil},
		{"hugo.toml before hugo.yaml",
			map[string]string{"hugo.yaml": "params:\n  a: yaml\n", "hugo.toml": "[params]\na = 'toml'\n"},
			"{{< param a >}}\n", "toml", nil},
		{"hugo.json",
			map[string]string{"hugo.json": `{"params": {"a": {"b": "json"}}}`},
			"{{< param a.b >}}\n", "json", nil},
		{"config/_default/params.toml holds the params themselves; the root file wins",
			map[string]string{"config/_default/params.toml": "a = 'dir'\nb = 'dir'\n[c]\nd = 'dir'\n", "hugo.toml": "[params]\na = 'root'\n[params.c]\ne = 'root'\n"},
			"{{< param a >}} {{< param b >}} {{< param c.d >}} {{< param c.e >}}\n", "root dir dir root", nil},
		{"params.yaml whose only key is params is unwrapped",
			map[string]string{"config/_default/params.yaml": "params:\n  a: wrapped\n"},
			"{{< param a >}}\n", "wrapped", nil},
		{"config.toml counts beside a content folder",
			map[string]string{"config.toml": "[params]\na = 'old'\n", "content/x.md": ""},
			"{{< param a >}}\n", "old", nil},
		{"config.toml alone is no Hugo site",
			map[string]string{"config.toml": "[params]\na = 'old'\n"},
			"{{< param a >}}\n",
			"", []string{"ch.md:1:1: shortcode \"param\": the front matter has no parameter \"a\"; left out [hugo.param]"}},
		{"a malformed hugo.toml: one warning with its line, the other files still read",
			map[string]string{"hugo.toml": "title = 'x'\n[params\na = 1\n", "config/_default/params.toml": "a = 'dir'\n"},
			"{{< param a >}}\n", "dir",
			[]string{"site/hugo.toml:2:8: the Hugo site's config is not valid TOML: toml: expected character ]; its params are not used [hugo.config]"}},
		{"a malformed hugo.yaml",
			map[string]string{"hugo.yaml": "params:\n  a: [1\n  b: 2\n"},
			"{{< param a >}}\n", "",
			[]string{"site/hugo.yaml:1: the Hugo site's config is not valid YAML: did not find expected ',' or ']'; its params are not used [hugo.config]",
				"ch.md:1:1: shortcode \"param\": the front matter has no parameter \"a\"; left out [hugo.param]"}},
		{"a malformed hugo.json",
			map[string]string{"hugo.json": "{\"params\": {\n  \"a\": 1,\n}}"},
			"{{< param a >}}\n", "",
			[]string{"site/hugo.json:3:1: the Hugo site's config is not valid JSON: invalid character '}' looking for beginning of object key string; its params are not used [hugo.config]",
				"ch.md:1:1: shortcode \"param\": the front matter has no parameter \"a\"; left out [hugo.param]"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, text := range tc.files {
				fsys["site/"+name] = &fstest.MapFile{Data: []byte(text)}
			}
			// the book is site/content/en: its folder and two above
			site := ReadHugoSite(fsys, []string{"site/content/en", "site/content", "site"})
			p := New()
			if len(site.Files) > 0 {
				p = p.WithHugoSite(site.Params, site.Files[0])
			}
			ch, err := p.Parse([]byte(tc.src), "ch.md")
			if err != nil {
				t.Fatal(err)
			}
			var text strings.Builder
			for _, b := range ch.Blocks {
				if para, ok := b.(*doc.Paragraph); ok {
					text.WriteString(doc.PlainText(para.Content))
				}
			}
			if got := strings.TrimSpace(text.String()); got != tc.want {
				t.Errorf("text %q, want %q", got, tc.want)
			}
			got := strings.Join(append(warningLines(site.Warnings), warningLines(ch.Warnings)...), "\n")
			if want := strings.Join(tc.warns, "\n"); got != want {
				t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestHugoSiteNone: without a config, nothing is read and nothing said.
func TestHugoSiteNone(t *testing.T) {
	site := ReadHugoSite(fstest.MapFS{"a/b.md": {}}, []string{"a", "."})
	if site.Params != nil || site.Files != nil || site.Warnings != nil || site.Digest != ([32]byte{}) {
		t.Errorf("got %+v", site)
	}
}

// FuzzHugoSite: any config, in any of Hugo's formats, gives params or
// one warning naming the file, never a panic.
func FuzzHugoSite(f *testing.F) {
	f.Add("[params]\na = 1\n[params.b]\nc = 'x'\n", "{{< param b.c >}}")
	f.Add("params:\n  a: [1\n", "{{< param a >}}")
	f.Add(`{"params": {"a": null}}`, "{{< param a.b >}}")
	f.Fuzz(func(t *testing.T, config, src string) {
		for _, name := range []string{"hugo.toml", "hugo.yaml", "hugo.json", "config/_default/params.yaml"} {
			site := ReadHugoSite(fstest.MapFS{name: {Data: []byte(config)}}, []string{"."})
			for _, w := range site.Warnings {
				if w.File != name || w.Code != "hugo.config" {
					t.Fatalf("%s: %+v", name, w)
				}
			}
			if len(site.Warnings) > 1 {
				t.Fatalf("%s: %d warnings", name, len(site.Warnings))
			}
			if _, err := New().WithHugoSite(site.Params, name).Parse([]byte(src), "ch.md"); err != nil {
				t.Fatal(err)
			}
		}
	})
}
