package config

import "strings"

// suggest returns the candidate closest to word when it is close enough to
// be a likely typo, or "". Case and "-" versus "_" are ignored, and a bare
// last segment ("page_size") finds its full path ("pdf.page_size").
func suggest(word string, candidates []string) string {
	norm := func(s string) string { return strings.ReplaceAll(strings.ToLower(s), "-", "_") }
	w := norm(word)
	best, bestDist := "", -1
	for _, c := range candidates {
		d := editDistance(w, norm(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	if best != "" && bestDist <= max(1, len(w)/3) {
		return best
	}
	last := w[strings.LastIndexByte(w, '.')+1:]
	for _, c := range candidates {
		nc := norm(c)
		if nc[strings.LastIndexByte(nc, '.')+1:] == last {
			return c
		}
	}
	return ""
}

// didYouMean formats a suggestion for the end of a message.
func didYouMean(word string, candidates []string) string {
	if s := suggest(word, candidates); s != "" {
		return " (did you mean \"" + s + "\"?)"
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b, in bytes;
// setting names are ASCII.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		// A name this long is no typo of a setting; skip the quadratic work.
		return max(len(a), len(b))
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
