package epub

import (
	"testing"
)

func TestFileBase(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ch-intro", "ch-intro"},
		{"Chapter 1: Start", "Chapter-1-Start"},
		{"глава", "doc"},
		{"..", "doc"},
		{"a/b\\c", "a-b-c"},
	} {
		if got := fileBase(c.in); got != c.want {
			t.Errorf("fileBase(%q) = %q; want %q", c.in, got, c.want)
		}
	}
	names := nameSet{}
	for _, want := range []string{"a.xhtml", "a-2.xhtml", "A-3.xhtml"} {
		base := "a"
		if want == "A-3.xhtml" {
			base = "A"
		}
		if got := names.claim(base, ".xhtml"); got != want {
			t.Errorf("claim = %q; want %q", got, want)
		}
	}
}
