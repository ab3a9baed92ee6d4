// Package suggest finds the likely intended word for a misspelt key, so
// config and manifest errors can say "did you mean …?".
package suggest

import "strings"

// Closest returns the candidate closest to word when it is close enough to
// be a likely typo, or "". Case and "-" versus "_" are ignored, and a bare
// last segment ("page_size") finds its full path ("pdf.page_size").
func Closest(word string, candidates []string) string {
	if best := nearest(word, candidates); best != "" {
		return best
	}
	w := norm(word)
	last := w[strings.LastIndexByte(w, '.')+1:]
	for _, c := range candidates {
		nc := norm(c)
		if nc[strings.LastIndexByte(nc, '.')+1:] == last {
			return c
		}
	}
	return ""
}

// ClosestFile returns the file closest to name when it is close enough to
// be a likely typo, or "". Unlike a key's, a file's last dotted segment is
// its extension, which says nothing of which file was meant.
func ClosestFile(name string, candidates []string) string {
	return nearest(name, candidates)
}

func norm(s string) string { return strings.ReplaceAll(strings.ToLower(s), "-", "_") }

// nearest is the candidate fewest edits from word, when they are few for
// its length.
func nearest(word string, candidates []string) string {
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
	return ""
}

// DidYouMean formats a suggestion for the end of a message:
// ` (did you mean "pdf.page_size"?)`, or "" when nothing is close.
func DidYouMean(word string, candidates []string) string {
	if s := Closest(word, candidates); s != "" {
		return " (did you mean \"" + s + "\"?)"
	}
	return ""
}

// editDistance counts the single-byte insertions, deletions, substitutions
// and swaps of neighbours that turn a into b (optimal string alignment, so
// "titel" is one step from "title"). Key names are ASCII, so bytes do.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		// A name this long is no typo of a key; skip the quadratic work.
		return max(len(a), len(b))
	}
	// d[i][j] is the distance between a[:i] and b[:j].
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
