package media

import (
	"fmt"

	"github.com/samizdat-press/samizdat/internal/diag"
)

// remoteKept is how many remote-image warnings a file gets one by one
// before the rest are counted in one.
const remoteKept = 3

// condenseRemote keeps a file's first remoteKept remote-image warnings and
// puts the rest into one, at the first left out, saying how many there are
// and on which lines: a page of contributors' avatars otherwise gives
// hundreds of the same warning, which bury every other. A file with one
// more than remoteKept keeps them all, as the count would say no less.
func condenseRemote(warnings []diag.Diagnostic) []diag.Diagnostic {
	const code = "image.remote"
	total, lastLine := map[string]int{}, map[string]int{}
	for _, w := range warnings {
		if w.Code == code && w.File != "" {
			total[w.File]++
			lastLine[w.File] = max(lastLine[w.File], w.Line)
		}
	}
	out := make([]diag.Diagnostic, 0, len(warnings))
	seen := map[string]int{}
	for _, w := range warnings {
		if w.Code != code || total[w.File] <= remoteKept+1 {
			out = append(out, w)
			continue
		}
		seen[w.File]++
		switch n := seen[w.File]; {
		case n <= remoteKept:
			out = append(out, w)
		case n == remoteKept+1:
			w.Message = fmt.Sprintf("and %d more remote images in this file, lines %d to %d, not fetched (a build reads no network): save them in the book folder and give their paths; placeholders stand in",
				total[w.File]-remoteKept, w.Line, lastLine[w.File])
			out = append(out, w)
		}
	}
	return out
}
