package notes

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// naiveFinds lists every occurrence of every quote in text, overlapping
// ones too, as (end, quote) pairs ordered by end and then by how find
// reports quotes ending at one place: longest first.
func naiveFinds(quotes []string, text string) [][2]int {
	var out [][2]int
	for end := 1; end <= len(text); end++ {
		var here []int
		for qi, q := range quotes {
			if len(q) <= end && text[end-len(q):end] == q && slices.Index(quotes, q) == qi {
				here = append(here, qi)
			}
		}
		slices.SortStableFunc(here, func(a, b int) int { return len(quotes[b]) - len(quotes[a]) })
		for _, qi := range here {
			out = append(out, [2]int{end, qi})
		}
	}
	return out
}

func finds(quotes []string, text string) [][2]int {
	var out [][2]int
	newQuoteFinder(quotes).find(text, func(qi, end int) { out = append(out, [2]int{end, qi}) })
	return out
}

func TestQuoteFinder(t *testing.T) {
	for _, tc := range []struct {
		quotes []string
		text   string
		want   [][2]int
	}{
		{[]string{"he", "she", "his", "hers"}, "ushers", [][2]int{{4, 1}, {4, 0}, {6, 3}}},
		{[]string{"aa"}, "aaaa", [][2]int{{2, 0}, {3, 0}, {4, 0}}},
		{[]string{"the unions", "unions"}, "of the unions.", [][2]int{{13, 0}, {13, 1}}},
		{[]string{"é", "\xff"}, "café \xff", [][2]int{{5, 0}, {7, 1}}},
		{[]string{"x"}, "", nil},
		{[]string{"opposition"}, "the workers’ opposition", [][2]int{{25, 0}}},
	} {
		if got := finds(tc.quotes, tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("%q in %q: found %v, want %v", tc.quotes, tc.text, got, tc.want)
		}
	}
}

// TestQuoteFinderMatchesNaive checks the automaton against a plain search
// on random quotes and texts over a small alphabet, where quotes overlap,
// nest and share prefixes and suffixes.
func TestQuoteFinderMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte("abc "[rng.IntN(4)])
		}
		return b.String()
	}
	for round := range 500 {
		var quotes []string
		for range 1 + rng.IntN(6) {
			if q := word(1 + rng.IntN(4)); !slices.Contains(quotes, q) {
				quotes = append(quotes, q)
			}
		}
		text := word(rng.IntN(40))
		if got, want := finds(quotes, text), naiveFinds(quotes, text); !slices.Equal(got, want) {
			t.Fatalf("round %d: %q in %q: found %v, want %v", round, quotes, text, got, want)
		}
	}
}

func FuzzQuoteFinder(f *testing.F) {
	f.Add("he\x00she\x00his\x00hers", "ushers")
	f.Add("aa\x00a", "aaaa")
	f.Fuzz(func(t *testing.T, quoteList, text string) {
		var quotes []string
		for _, q := range strings.Split(quoteList, "\x00") {
			if q != "" && !slices.Contains(quotes, q) && len(quotes) < 16 {
				quotes = append(quotes, q)
			}
		}
		if len(quotes) == 0 || len(text) > 256 {
			return
		}
		if got, want := finds(quotes, text), naiveFinds(quotes, text); !slices.Equal(got, want) {
			t.Fatalf("%q in %q: found %v, want %v", quotes, text, got, want)
		}
	})
}
