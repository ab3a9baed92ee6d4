package texmath

import "testing"

func TestGroupEnd(t *testing.T) {
	tests := []struct {
		s    string
		i    int
		want int
	}{
		{`{a}b`, 0, 3},
		{`x{a{b}c}d`, 1, 8},
		{`{a\}b}c`, 0, 6},
		{`{a\{b}c`, 0, 6},
		{`{a\\}b`, 0, 5},
		{`{a{b}`, 0, -1},
		{`{a\`, 0, -1},
		{`{}`, 0, 2},
	}
	for _, tc := range tests {
		if got := GroupEnd(tc.s, tc.i); got != tc.want {
			t.Errorf("GroupEnd(%q, %d) = %d, want %d", tc.s, tc.i, got, tc.want)
		}
		if got := GroupEnd([]byte(tc.s), tc.i); got != tc.want {
			t.Errorf("GroupEnd([]byte(%q), %d) = %d, want %d", tc.s, tc.i, got, tc.want)
		}
	}
}

func FuzzGroupEnd(f *testing.F) {
	for _, s := range []string{`{a}`, `{a\}}`, `{{}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) == 0 || s[0] != '{' {
			return
		}
		end := GroupEnd(s, 0)
		if end < 0 {
			return
		}
		if s[end-1] != '}' {
			t.Fatalf("%q: ends at %d, after %q", s, end, s[end-1])
		}
		// what it skips is balanced: skipping it again ends at the same place
		if GroupEnd(s[:end], 0) != end {
			t.Fatalf("%q: the group %q does not end where it did", s, s[:end])
		}
	})
}
