package doc

import "testing"

func TestHasURLScheme(t *testing.T) {
	for _, c := range []struct {
		u    string
		want bool
	}{
		{"https://example.org", true}, {"mailto:a@b.c", true}, {"git+ssh://h/r", true},
		{"x-y.z:rest", true}, {"a:b.md", false}, {"C:/pictures/x.png", false},
		{"chapter.md", false}, {"../up.md#a", false}, {"#anchor", false}, {"", false},
		{"1http://x", false}, {"[https://x", false}, {"ht tp://x", false},
	} {
		if got := HasURLScheme(c.u); got != c.want {
			t.Errorf("HasURLScheme(%q) = %v, want %v", c.u, got, c.want)
		}
	}
}
