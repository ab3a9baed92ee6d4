package build

import (
	"bytes"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/markdown"
)

// Side margins of 0 reach the page layout as 0, and `samizdat config`
// says 0: no step swaps a zero for a default.
func TestZeroMarginsReachTheLayout(t *testing.T) {
	t.Parallel()
	for _, margin := range []string{"0", "1pt"} {
		opts := Options{Flags: map[string]string{"pdf.margin_inner": margin, "pdf.margin_outer": margin, "pdf.gutter": "0"}}
		env := Env{Dir: t.TempDir()}
		cfg, err := loadConfig(env, opts, "")
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]float64{"0": 0, "1pt": 1}[margin]
		o := layoutOptions(cfg)
		if o.MarginInner != want || o.MarginOuter != want || o.Gutter != 0 || o.GutterAuto {
			t.Errorf("--set margins %s: layout gets inner %g, outer %g, gutter %g (auto %v)", margin, o.MarginInner, o.MarginOuter, o.Gutter, o.GutterAuto)
		}
		var out bytes.Buffer
		env.Stdout = &out
		if err := Explain(env, opts); err != nil {
			t.Fatal(err)
		}
		shown := map[string]string{}
		for line := range strings.SplitSeq(out.String(), "\n") {
			if f := strings.Fields(line); len(f) > 1 {
				shown[f[0]] = f[1]
			}
		}
		for _, key := range []string{"pdf.margin_inner", "pdf.margin_outer"} {
			if shown[key] != margin {
				t.Errorf("samizdat config shows %s = %q, want %q", key, shown[key], margin)
			}
		}
	}
}

// A setting the layout cannot honour is refused when the config is
// loaded, before the book is read, with the reason.
func TestLayoutRefusalsAreConfigProblems(t *testing.T) {
	t.Parallel()
	opts := Options{Flags: map[string]string{"pdf.margin_top": "0", "pdf.line_numbers": "true", "pdf.margin_outer": "0.5in"}}
	_, err := loadConfig(Env{Dir: t.TempDir()}, opts, "")
	ds := diag.FromError(err)
	want := "pdf settings: top margin 0pt (0.00in) leaves no room for the running head: it needs at least 45.3pt (0.63in) with 10.5pt type and leading 1.3; " +
		"outer margin 36pt (0.50in) leaves no room for line numbers: they need at least 45.7pt (0.63in) with 10.5pt type"
	if len(ds) != 1 || ds[0].Message != want || ds[0].Code != "config.conflict" {
		t.Errorf("got %v\nwant %s", ds, want)
	}
}

// markdown.critic reaches the parser as its CriticMarkup mode.
func TestCriticReachesTheParser(t *testing.T) {
	t.Parallel()
	for value, want := range map[string]markdown.CriticMode{"": markdown.CriticView, "view": markdown.CriticView, "accept": markdown.CriticAccept, "reject": markdown.CriticReject} {
		opts := Options{}
		if value != "" {
			opts.Flags = map[string]string{"markdown.critic": value}
		}
		cfg, err := loadConfig(Env{Dir: t.TempDir()}, opts, "")
		if err != nil {
			t.Fatal(err)
		}
		if got := parseOptions(cfg).Critic; got != want {
			t.Errorf("markdown.critic %q: parser reads CriticMarkup in mode %d, want %d", value, got, want)
		}
	}
}

// TestMathSettingsReachTheParser: markdown.math_backslash and
// markdown.math_macros become the parser's options.
func TestMathSettingsReachTheParser(t *testing.T) {
	t.Parallel()
	for value, want := range map[string]markdown.MathBackslash{"": markdown.MathBackslashAuto, "single": markdown.MathBackslashSingle, "double": markdown.MathBackslashDouble, "off": markdown.MathBackslashOff} {
		opts := Options{Flags: map[string]string{"markdown.math_macros": `{R: '\mathbb{R}'}`}}
		if value != "" {
			opts.Flags["markdown.math_backslash"] = value
		}
		cfg, err := loadConfig(Env{Dir: t.TempDir()}, opts, "")
		if err != nil {
			t.Fatal(err)
		}
		o := parseOptions(cfg)
		if o.MathBackslash != want || o.MathMacros["R"] != `\mathbb{R}` {
			t.Errorf("markdown.math_backslash %q: parser reads backslash delimiters in mode %d with macros %v, want mode %d and R", value, o.MathBackslash, o.MathMacros, want)
		}
	}
}
