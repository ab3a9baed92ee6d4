package notebook

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestGlueMystNB reads the values glued in MyST-NB's own test notebook
// (testdata/myst-nb-with-glue.ipynb, from executablebooks/MyST-NB,
// BSD-3-Clause), shown and not shown, and prints no output a value
// glued without being shown.
func TestGlueMystNB(t *testing.T) {
	src, err := os.ReadFile("testdata/myst-nb-with-glue.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	g := Glue(src)
	var keys []string
	for k := range g {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if got := strings.Join(keys, " "); got != "key_df key_float key_plt key_text1 key_undisplayed sym_eq" {
		t.Errorf("keys = %s", got)
	}
	for _, c := range []struct{ key, mime, want string }{
		{"key_float", "text/plain", "3.14159"},
		{"key_undisplayed", "text/plain", "'undisplayed'"},
	} {
		if got := g[c.key].Data[c.mime]; got != c.want {
			t.Errorf("%s %s = %q, want %q", c.key, c.mime, got, c.want)
		}
	}
	if _, ok := g["key_plt"].Data["image/png"]; !ok {
		t.Errorf("key_plt has no image/png without its prefix: %v", g["key_plt"].Data)
	}
	r, err := Convert(src, "with_glue.ipynb", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s := string(r.Source); strings.Contains(s, "undisplayed'") {
		t.Errorf("a value glued with display=False is printed where it was glued")
	}
	for _, w := range r.Warnings {
		if strings.Contains(w.Error(), "papermill") {
			t.Errorf("unexpected warning: %v", w)
		}
	}
}
