// Package wordbreak finds the words of text in the scripts written without
// spaces between them (Thai, Lao, Khmer, Myanmar), so that a line may break
// between two words rather than between two letters. Each script has a word
// list (ICU's break-iterator dictionaries, see assets/wordbreak/README.md),
// decompressed the first time text of that script is segmented: a book in
// other scripts pays nothing.
//
// Segmentation is maximal matching: of the ways to cut a run of the
// script's letters into dictionary words and unknown clusters, the one with
// the fewest letters left unknown, then the fewest pieces, wins. A cut
// falls only between clusters (a letter with its marks, a vowel written
// before its consonant with that consonant, a consonant stacked under
// another with it), never inside one.
package wordbreak

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/segmenter"

	"github.com/samizdat-press/samizdat/assets"
)

// Script is one of the scripts a dictionary segments.
type Script int

// The scripts with a word list; None is any other character.
const (
	None Script = iota
	Thai
	Lao
	Khmer
	Myanmar
	numScripts
)

var files = [numScripts]string{Thai: "thai.txt.gz", Lao: "lao.txt.gz", Khmer: "khmer.txt.gz", Myanmar: "burmese.txt.gz"}

// ScriptOf reports which dictionary script r is written in: its Unicode
// block, so digits and punctuation of the script count (they stay with
// the run and are segmented as unknown clusters).
func ScriptOf(r rune) Script {
	switch {
	case r >= 0x0E01 && r <= 0x0E7F:
		return Thai
	case r >= 0x0E80 && r <= 0x0EFF:
		return Lao
	case r >= 0x1780 && r <= 0x17FF || r >= 0x19E0 && r <= 0x19FF:
		return Khmer
	case r >= 0x1000 && r <= 0x109F || r >= 0xAA60 && r <= 0xAA7F || r >= 0xA9E0 && r <= 0xA9FF:
		return Myanmar
	}
	return None
}

// MayHave is a cheap first test: every character of these scripts is
// encoded in UTF-8 starting with byte 0xE0 (Thai, Lao), 0xE1 (Khmer,
// Myanmar) or 0xEA (Myanmar's extensions).
func MayHave(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == 0xE0 || c == 0xE1 || c == 0xEA {
			return true
		}
	}
	return false
}

// Library loads the word lists on first use, each once. It is safe for
// concurrent use.
type Library struct {
	fsys  fs.FS
	dicts [numScripts]struct {
		once sync.Once
		d    *Dictionary
		err  error
	}
}

// NewLibrary returns a library reading the word lists from fsys.
func NewLibrary(fsys fs.FS) *Library { return &Library{fsys: fsys} }

// Embedded returns the library of the word lists compiled into the binary:
// constants of the program, so one library serves every build in the
// process.
var Embedded = sync.OnceValue(func() *Library {
	sub, err := fs.Sub(assets.FS(), "wordbreak")
	if err != nil {
		panic("wordbreak: " + err.Error()) // a constant path: a build defect
	}
	return NewLibrary(sub)
})

// For returns the dictionary of script s, loading it the first time; nil
// for None.
func (lib *Library) For(s Script) (*Dictionary, error) {
	if s <= None || s >= numScripts {
		return nil, nil
	}
	slot := &lib.dicts[s]
	slot.once.Do(func() { slot.d, slot.err = load(lib.fsys, files[s]) })
	return slot.d, slot.err
}

// Dictionary is a sorted word list.
type Dictionary struct {
	words []string
}

// NewDictionary returns a dictionary of words (in any order; empty ones
// and duplicates are dropped).
func NewDictionary(words []string) *Dictionary {
	w := make([]string, 0, len(words))
	for _, s := range words {
		if s != "" {
			w = append(w, s)
		}
	}
	sort.Strings(w)
	out := w[:0]
	for i, s := range w {
		if i == 0 || s != w[i-1] {
			out = append(out, s)
		}
	}
	return &Dictionary{words: out}
}

// Len is the number of words.
func (d *Dictionary) Len() int { return len(d.words) }

func load(fsys fs.FS, name string) (*Dictionary, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("wordbreak: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("wordbreak: %s: %w", name, err)
	}
	var words []string
	sc := bufio.NewScanner(zr)
	line := 0
	for sc.Scan() {
		line++
		w := strings.TrimSpace(sc.Text())
		if w == "" || w[0] == '#' {
			continue
		}
		if !utf8.ValidString(w) {
			return nil, fmt.Errorf("wordbreak: %s:%d: invalid UTF-8", name, line)
		}
		words = append(words, w)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("wordbreak: %s:%d: %w", name, line, err)
	}
	return NewDictionary(words), nil
}

// lookup reports whether w is a word, and whether some word starts with it
// (w itself included): past a prefix no word has, a match cannot grow.
func (d *Dictionary) lookup(w string) (word, prefix bool) {
	i := sort.SearchStrings(d.words, w)
	if i == len(d.words) {
		return false, false
	}
	return d.words[i] == w, strings.HasPrefix(d.words[i], w)
}

// MayBreakBefore reports whether a run of these scripts may be cut between
// prev and r: before a letter (not a mark, a vowel sign, a repetition sign
// or a digit), but not before a vowel written as a letter after its
// consonant (Thai's and Lao's sara a, aa, am, lakkhangyao), nor before the
// abbreviation sign (paiyannoi), nor after a vowel written before its
// consonant, nor before a consonant stacked under prev (after Khmer's coeng
// U+17D2 or Myanmar's virama U+1039).
func MayBreakBefore(prev, r rune) bool {
	if !unicode.Is(unicode.Lo, r) || ScriptOf(r) == None {
		return false
	}
	switch r {
	case '\u0E30', '\u0E32', '\u0E33', '\u0E45', '\u0EB0', '\u0EB2', '\u0EB3', '\u0E2F', '\u0EAF':
		return false
	}
	if prev >= 0x0E40 && prev <= 0x0E44 || prev >= 0x0EC0 && prev <= 0x0EC4 {
		return false
	}
	return !isLinker(prev)
}

// isLinker reports a virama or coeng that joins the consonant after it
// to its cluster (UAX #29's Indic conjunct linkers, as go-text's
// segmenter takes them, whatever the script of the consonants around:
// fuzzing found a Balinese adeg adeg between two Burmese letters).
func isLinker(r rune) bool {
	switch r {
	case '\u094D', '\u09CD', '\u0ACD', '\u0B4D', '\u0C4D', '\u0D4D', '\u1039', '\u17D2', '\u1A60',
		'\u1B44', '\u1BAB', '\uA9C0', '\uAAF6', '\U00010A3F', '\U00011133', '\U0001193E', '\U00011A47',
		'\U00011A99', '\U00011F42':
		return true
	}
	return false
}

// Cuts appends to out the byte offsets inside text (never 0) where a run
// of these scripts may be cut (MayBreakBefore), and returns out. A
// consonant stacked by a coeng or virama stays with it even when marks
// come between them, as in a grapheme cluster.
func Cuts(text string, out []int) []int {
	prev := rune(0)
	stacking := false
	for i, r := range text {
		if i > 0 && !stacking && MayBreakBefore(prev, r) {
			out = append(out, i)
		}
		switch {
		case isLinker(r):
			stacking = true
		case !unicode.Is(unicode.M, r):
			stacking = false
		}
		prev = r
	}
	return out
}

// Breaks appends to out the byte offsets inside text (never 0 nor
// len(text)) between the words of each run of one dictionary script in
// it, and returns out. A run's edges are not breaks: what may break beside
// another script or punctuation is the line breaker's to say. lib loads
// the dictionaries; a script whose list fails to load is not segmented.
func (lib *Library) Breaks(text string, out []int) []int {
	from := len(out)
	out = lib.breaks(text, out)
	out = onCuts(text, out, from)
	return onGraphemeBoundaries(text, out, from)
}

// onCuts keeps of out[from:] the offsets Cuts allows: a consonant a coeng
// or virama stacks stays with it when marks come between them, where the
// dictionary's words may end (fuzzing found a Balinese adeg adeg, a
// Myanmar vowel sign and a Myanmar letter).
func onCuts(text string, out []int, from int) []int {
	if len(out) == from {
		return out
	}
	cuts := Cuts(text, nil)
	kept := out[:from]
	for _, b := range out[from:] {
		if _, ok := slices.BinarySearch(cuts, b); ok {
			kept = append(kept, b)
		}
	}
	return kept
}

// onGraphemeBoundaries keeps of out[from:] the offsets between grapheme
// clusters, as go-text's segmenter finds them, which the line breaker
// takes too: a mark this package's Unicode tables do not know yet (Go's
// may be a version behind the segmenter's) would otherwise end a cluster
// where the segmenter sees none.
func onGraphemeBoundaries(text string, out []int, from int) []int {
	if len(out) == from {
		return out
	}
	var seg segmenter.Segmenter
	if seg.InitWithString(text) != nil {
		return out
	}
	it := seg.GraphemeIterator()
	kept := from
	i := from
	for it.Next() && i < len(out) {
		at := it.Grapheme().OffsetInBytes
		for i < len(out) && out[i] < at {
			i++ // inside the cluster before
		}
		if i < len(out) && out[i] == at {
			out[kept] = at
			kept++
			i++
		}
	}
	return out[:kept]
}

func (lib *Library) breaks(text string, out []int) []int {
	if !MayHave(text) {
		return out
	}
	var sg matcher
	for i := 0; i < len(text); {
		r, sz := utf8.DecodeRuneInString(text[i:])
		s := ScriptOf(r)
		if s == None {
			i += sz
			continue
		}
		j := i + sz
		for j < len(text) {
			r2, sz2 := utf8.DecodeRuneInString(text[j:])
			// a combining mark of no script (U+1DCF) stays in the run:
			// cut there, a consonant stacked by a coeng before it
			// would be cut from its cluster
			if ScriptOf(r2) != s && !unicode.Is(unicode.M, r2) {
				break
			}
			j += sz2
		}
		if d, err := lib.For(s); err == nil && d != nil {
			out = sg.segment(d, text[i:j], i, out)
		}
		i = j
	}
	return out
}

// Segment is the words of text by d, for tests and tools: text cut at the
// breaks Breaks would find in it, were all of it in d's script.
func (d *Dictionary) Segment(text string) []string {
	var sg matcher
	brks := sg.segment(d, text, 0, nil)
	out := make([]string, 0, len(brks)+1)
	from := 0
	for _, b := range brks {
		out = append(out, text[from:b])
		from = b
	}
	return append(out, text[from:])
}

// matcher holds the scratch of one segmentation.
type matcher struct {
	bounds []int  // the cluster boundaries of the run, 0 and len included
	cost   []cost // the best cost of reaching each boundary
	from   []int  // the boundary index the best path came from
	known  []bool // whether that step was a dictionary word
}

// cost orders segmentations: fewer clusters left unknown, then fewer
// pieces.
type cost struct{ unknown, pieces int }

func (a cost) less(b cost) bool {
	return a.unknown < b.unknown || a.unknown == b.unknown && a.pieces < b.pieces
}

// unknownAlone is the fewest clusters in no word that stand apart from
// the word before them.
const unknownAlone = 3

// segment appends the word breaks of run (at offset base in its text).
func (sg *matcher) segment(d *Dictionary, run string, base int, out []int) []int {
	b := append(sg.bounds[:0], 0)
	b = append(Cuts(run, b), len(run))
	sg.bounds = b
	n := len(b)
	if n <= 2 {
		return out
	}
	const inf = int(^uint(0) >> 2)
	sg.cost = append(sg.cost[:0], make([]cost, n)...)
	sg.from = append(sg.from[:0], make([]int, n)...)
	sg.known = append(sg.known[:0], make([]bool, n)...)
	for k := 1; k < n; k++ {
		sg.cost[k] = cost{inf, inf}
	}
	for i := 0; i < n-1; i++ {
		c := sg.cost[i]
		// an unknown cluster; a run of them makes one piece
		step := cost{c.unknown + 1, c.pieces + 1}
		if i > 0 && !sg.known[i] {
			step.pieces--
		}
		if step.less(sg.cost[i+1]) {
			sg.cost[i+1], sg.from[i+1], sg.known[i+1] = step, i, false
		}
		for j := i + 1; j < n; j++ {
			word, prefix := d.lookup(run[b[i]:b[j]])
			if word {
				step := cost{c.unknown, c.pieces + 1}
				// of equal ways, the one whose last word starts
				// latest, so the words before it are the longest
				// (longest matching's choice), and a word over an
				// unknown cluster
				if !sg.cost[j].less(step) {
					sg.cost[j], sg.from[j], sg.known[j] = step, i, true
				}
			}
			if !prefix {
				break
			}
		}
	}
	// walk back, keeping the break before each word. Clusters in no word
	// stay with the word before them, as ICU's breaker keeps them, unless
	// they are a stretch of unknownAlone or more, a word of its own the
	// list lacks (a loanword, a name): so a line is rarely cut inside a
	// word, at the cost of a few breaks it could have had.
	start := len(out)
	unknown := 0 // the clusters of the stretch in no word after k
	for k := n - 1; k > 0; {
		i := sg.from[k]
		if !sg.known[k] {
			unknown++
			if i > 0 && sg.known[i] && unknown >= unknownAlone {
				out = append(out, base+b[i])
			}
		} else {
			unknown = 0
			if i > 0 {
				out = append(out, base+b[i])
			}
		}
		k = i
	}
	// reverse the breaks just added into ascending order
	for l, r := start, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out
}
