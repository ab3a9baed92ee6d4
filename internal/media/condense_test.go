package media

import (
	"fmt"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/diag"
)

func TestCondenseRemote(t *testing.T) {
	remote := func(file string, line int) diag.Diagnostic {
		return diag.Warnf(file, line, "image.remote", "remote image %q not fetched", fmt.Sprint("https://example.org/", line))
	}
	other := diag.Warnf("a.md", 5, "image.undecodable", "image x.png: cut short")
	for _, tc := range []struct {
		name string
		in   []diag.Diagnostic
		want []string
	}{
		{"one more than kept: all kept",
			[]diag.Diagnostic{remote("a.md", 1), remote("a.md", 2), remote("a.md", 3), remote("a.md", 4)},
			[]string{"a.md:1", "a.md:2", "a.md:3", "a.md:4"}},
		{"the rest counted at the first left out, per file, others untouched",
			[]diag.Diagnostic{remote("a.md", 1), remote("b.md", 7), remote("a.md", 2), other, remote("a.md", 3),
				remote("a.md", 10), remote("b.md", 8), remote("a.md", 11), remote("a.md", 40)},
			[]string{"a.md:1", "b.md:7", "a.md:2", "a.md:5 image.undecodable", "a.md:3",
				"a.md:10 and 3 more remote images in this file, lines 10 to 40, not fetched", "b.md:8"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := condenseRemote(tc.in)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d warnings, want %d: %v", len(got), len(tc.want), got)
			}
			for i, w := range got {
				s := fmt.Sprintf("%s:%d %s %s", w.File, w.Line, w.Code, w.Message)
				file, rest, _ := strings.Cut(tc.want[i], " ")
				if !strings.HasPrefix(s, file+" ") || !strings.Contains(s, rest) {
					t.Errorf("warning %d = %q, want %q", i, s, tc.want[i])
				}
			}
		})
	}
}
