// Package hyphen finds hyphenation points with Liang's algorithm. It reads
// patterns in TeX's form (the hyph-utf8 files TeX Live ships: \patterns{…}
// and \hyphenation{…}) and in the hyphen library's form (the `.dic` files of
// LibreOffice), and chooses a language's patterns by its BCP 47 tag from the
// sets embedded in the binary (see Embedded and Match).
package hyphen

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/segmenter"
	"golang.org/x/text/unicode/norm"
)

// Patterns is a compiled pattern set with its exceptions. It is read-only
// once loaded, so one value may serve any number of goroutines.
type Patterns struct {
	// LeftMin and RightMin are the fewest runes kept before the first and
	// after the last break of a word (TeX's \lefthyphenmin and
	// \righthyphenmin). They apply to exceptions too, as in TeX.
	LeftMin, RightMin int

	trie trie
	// exceptions maps a folded word to its break positions (in runes).
	exceptions map[string][]int
}

// WithMinimums returns a copy of p with other fragment minimums; the copy
// shares p's tables.
func (p *Patterns) WithMinimums(left, right int) *Patterns {
	q := *p
	q.LeftMin, q.RightMin = max(left, 1), max(right, 1)
	return &q
}

// Hyphenate returns the rune positions in word before which a hyphen may be
// inserted, in increasing order, honouring LeftMin and RightMin. The word is
// matched case-insensitively and in Unicode's composed form (NFC), so
// decomposed accents match the patterns too; callers pass the word without
// surrounding punctuation. A position is always between two extended
// grapheme clusters (Unicode's UAX #29, whose rule GB9c keeps an Indic
// conjunct whole): a pattern that would part a letter from the mark, joiner
// or vowel sign that belongs to it, which a shaper would then draw alone on
// a dotted circle, gives no break.
func (p *Patterns) Hyphenate(word string) []int {
	return p.AppendHyphenate(nil, word)
}

// AppendHyphenate is Hyphenate appending to dst, for callers that reuse a buffer.
func (p *Patterns) AppendHyphenate(dst []int, word string) []int {
	if p == nil || word == "" {
		return dst
	}
	from := len(dst)
	if !isNFC(word) {
		return wholeClusters(p.appendDecomposed(dst, word), from, word)
	}
	var stack [64]rune
	w := append(stack[:0], '.')
	for _, r := range word {
		w = append(w, fold(r))
	}
	w = append(w, '.')
	return wholeClusters(p.appendFolded(dst, w), from, word)
}

// wholeClusters drops the breaks dst[from:] (rune positions in word) that
// fall inside an extended grapheme cluster of word. The patterns of the
// Indic scripts keep a vowel sign, virama or nukta with its letter, but
// not every such case: a zero-width non-joiner after a vowel sign, or
// Malayalam's dot reph (a prepended mark) before its consonant.
func wholeClusters(dst []int, from int, word string) []int {
	if len(dst) == from || simpleClusters(word) {
		return dst
	}
	var seg segmenter.Segmenter
	if seg.InitWithString(word) != nil {
		return dst[:from] // not UTF-8: no break is known to be safe
	}
	it := seg.GraphemeIterator()
	out, k := from, from
	for it.Next() && k < len(dst) {
		start := it.Grapheme().Offset
		for k < len(dst) && dst[k] < start {
			k++ // inside the cluster before
		}
		if k < len(dst) && dst[k] == start {
			dst[out] = dst[k]
			out++
			k++
		}
	}
	return dst[:out]
}

// simpleClusters reports a word whose every rune is a cluster of its own:
// letters below U+0900 (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic…),
// ASCII and apostrophes, none of which joins the rune before or after it
// in UAX #29 (a test checks this of every such rune), so the common word
// needs no segmenting.
func simpleClusters(word string) bool {
	for _, r := range word {
		if r >= simpleBelow {
			if r == '’' {
				continue
			}
			return false
		}
		if simpleSet[r>>6]&(1<<(r&63)) == 0 {
			return false
		}
	}
	return true
}

// simpleBelow bounds the runes simpleClusters takes without segmenting.
const simpleBelow = 0x900

// simpleSet marks the runes below simpleBelow that are clusters of their
// own: ASCII but the carriage return (which joins a line feed), and
// letters.
var simpleSet = func() (set [simpleBelow / 64]uint64) {
	for r := rune(0); r < simpleBelow; r++ {
		if r < utf8.RuneSelf && r != '\r' || unicode.IsLetter(r) {
			set[r>>6] |= 1 << (r & 63)
		}
	}
	return set
}()

// appendFolded hyphenates a folded word framed by dots.
func (p *Patterns) appendFolded(dst []int, w []rune) []int {
	n := len(w) - 2 // runes in the word
	// A break needs a letter on each side whatever the minimums say.
	left, right := max(p.LeftMin, 1), max(p.RightMin, 1)
	if n < left+right {
		return dst
	}
	if len(p.exceptions) > 0 {
		var kstack [256]byte
		key := kstack[:0]
		for _, r := range w[1 : n+1] {
			key = utf8.AppendRune(key, r)
		}
		if pos, ok := p.exceptions[string(key)]; ok {
			for _, b := range pos {
				if b >= left && n-b >= right {
					dst = append(dst, b)
				}
			}
			return dst
		}
	}
	var lstack [66]uint8
	var levels []uint8
	if len(w)+1 <= len(lstack) {
		levels = lstack[:len(w)+1]
	} else {
		levels = make([]uint8, len(w)+1)
	}
	t := &p.trie
	for i := range w {
		node := int32(0)
		for j := i; j < len(w); j++ {
			node = t.child(node, w[j])
			if node < 0 {
				break
			}
			if vals := t.values(node); vals != nil {
				for k, v := range vals {
					if v > levels[i+k] {
						levels[i+k] = v
					}
				}
			}
		}
	}
	// A break before word rune pos lies between w[pos] and w[pos+1],
	// which is levels[pos+1].
	for pos := left; pos <= n-right; pos++ {
		if levels[pos+1]%2 == 1 {
			dst = append(dst, pos)
		}
	}
	return dst
}

// appendDecomposed hyphenates a word that is not in NFC: it composes the
// word, hyphenates that, and maps each break back to the rune of word that
// starts the same normalisation segment. A break that would fall inside a
// segment (between a letter and its accent) cannot occur, since segments
// compose to whole runes the patterns know.
func (p *Patterns) appendDecomposed(dst []int, word string) []int {
	w := []rune{'.'}
	// starts[k] is the rune index in word of the segment that produced
	// the k-th composed rune, or -1 inside a segment.
	var starts []int
	var it norm.Iter
	it.InitString(norm.NFC, word)
	in := 0
	prev := 0
	for !it.Done() {
		seg := it.Next()
		first := true
		for _, r := range string(seg) {
			w = append(w, fold(r))
			if first {
				starts = append(starts, in)
				first = false
			} else {
				starts = append(starts, -1)
			}
		}
		in += utf8.RuneCountInString(word[prev:it.Pos()])
		prev = it.Pos()
	}
	w = append(w, '.')
	composed := p.appendFolded(nil, w)
	// Minimums count composed runes (letters as a reader sees them); the
	// caller wants positions in its own runes, and those must keep the
	// minimums too: the few runes NFC expands (U+0344, Tibetan vowel
	// signs) give fewer caller runes than composed ones.
	for _, b := range composed {
		if s := starts[b]; s >= 0 && s >= p.LeftMin && in-s >= p.RightMin {
			dst = append(dst, s)
		}
	}
	return dst
}

func isNFC(s string) bool {
	for _, r := range s {
		if r < 0x300 || r < composedBelow && composedSafe[r>>6]&(1<<(r&63)) != 0 {
			continue
		}
		// QuickSpan settles almost every word without allocating.
		return norm.NFC.QuickSpanString(s) == len(s) || norm.NFC.IsNormalString(s)
	}
	return true
}

// composedBelow bounds composedSafe: the two-byte UTF-8 range, which holds
// the Latin, Greek, Cyrillic, Armenian, Hebrew and Arabic letters.
const composedBelow = 0x800

// composedSafe marks the runes below composedBelow that are in NFC alone
// and never combine with the rune before them (Unicode's NFC_Quick_Check
// is Yes), so a word of such runes needs no normalising. Below U+0800
// every rune that combines with the one before has a non-zero combining
// class, which the test for that property relies on.
var composedSafe = func() (set [composedBelow / 64]uint64) {
	for r := rune(0); r < composedBelow; r++ {
		c := string(r)
		if norm.NFC.PropertiesString(c).CCC() == 0 && norm.NFC.String(c) == c {
			set[r>>6] |= 1 << (r & 63)
		}
	}
	return set
}()

// fold maps a rune to the form patterns are written in: lower case, and the
// typographic apostrophe as the ASCII one (TeX Live's files carry one form
// of each pattern, and texts either).
func fold(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	if r == '’' {
		return '\''
	}
	return unicode.ToLower(r)
}

// trie stores the patterns' letters as a tree with sorted edge lists (a
// compressed sparse row layout): node n's children are edges
// first[n]:first[n+1], found by binary search on rune.
type trie struct {
	first  []int32 // len = nodes+1
	runes  []rune
	kids   []int32
	valOff []uint32 // 0: no pattern ends here; else 1 + offset into vals
	valLen []uint8
	vals   []uint8
}

func (t *trie) child(node int32, r rune) int32 {
	lo, hi := t.first[node], t.first[node+1]
	for hi-lo > 8 {
		mid := int32(uint32(lo+hi) >> 1)
		if t.runes[mid] < r {
			lo = mid + 1
		} else {
			hi = mid + 1 // runes[mid] may be r
		}
	}
	for ; lo < hi; lo++ {
		if c := t.runes[lo]; c >= r {
			if c == r {
				return t.kids[lo]
			}
			return -1
		}
	}
	return -1
}

func (t *trie) values(node int32) []uint8 {
	off := t.valOff[node]
	if off == 0 {
		return nil
	}
	return t.vals[off-1 : off-1+uint32(t.valLen[node])]
}

// builder collects patterns before they are frozen into a trie.
type builder struct {
	letters []rune  // every pattern's letters, one after another
	vals    []uint8 // every pattern's values, one after another
	pats    []pattern
	count   int
	except  map[string][]int
}

// pattern locates one pattern in the builder's pools: n letters from
// letters[off] and n+1 values from vals[voff].
type pattern struct {
	off, voff, n int32
}

func newBuilder() *builder { return &builder{} }

func (b *builder) word(p pattern) []rune { return b.letters[p.off : p.off+p.n] }

// add records one pattern, given as its folded letters and the value
// before each letter and after the last (len(values) == len(letters)+1).
func (b *builder) add(letters []rune, values []uint8) {
	b.pats = append(b.pats, pattern{off: int32(len(b.letters)), voff: int32(len(b.vals)), n: int32(len(letters))})
	b.letters = append(b.letters, letters...)
	b.vals = append(b.vals, values...)
	b.count++
}

// freeze lays the patterns out as a trie: sorted by their letters, the
// patterns under one node are a contiguous run, so the tree is built
// breadth first, one node's edges after another's, with no map.
func (b *builder) freeze() trie {
	pats := b.pats
	slices.SortStableFunc(pats, func(x, y pattern) int { return slices.Compare(b.word(x), b.word(y)) })
	// A repeated pattern (the files carry some, and folding the apostrophe
	// makes more) keeps the larger value at each place.
	out := pats[:0]
	for _, p := range pats {
		if k := len(out) - 1; k >= 0 && slices.Equal(b.word(out[k]), b.word(p)) {
			dst := b.vals[out[k].voff : out[k].voff+out[k].n+1]
			for i, v := range b.vals[p.voff : p.voff+p.n+1] {
				dst[i] = max(dst[i], v)
			}
			continue
		}
		out = append(out, p)
	}
	pats = out

	// Each pattern adds a node per letter beyond the prefix it shares with
	// the one sorted before it, so the sizes are known before building.
	nodes, nvals := 1, 0
	for i, p := range pats {
		shared := 0
		if i > 0 {
			prev, cur := b.word(pats[i-1]), b.word(p)
			for shared < len(prev) && shared < len(cur) && prev[shared] == cur[shared] {
				shared++
			}
		}
		nodes += int(p.n) - shared
		nvals += int(p.n) + 1
	}
	type span struct{ lo, hi, depth int32 }
	queue := make([]span, 1, nodes)
	queue[0] = span{0, int32(len(pats)), 0}
	t := trie{
		first:  make([]int32, nodes+1),
		runes:  make([]rune, 0, nodes-1),
		kids:   make([]int32, 0, nodes-1),
		valOff: make([]uint32, nodes),
		valLen: make([]uint8, nodes),
		vals:   make([]uint8, 0, nvals),
	}
	for node := 0; node < len(queue); node++ {
		s := queue[node]
		t.first[node] = int32(len(t.runes))
		i := s.lo
		if i < s.hi && pats[i].n == s.depth {
			// The pattern ending here sorts before its extensions. Trailing
			// zeros change nothing, so they are not stored.
			v := b.vals[pats[i].voff : pats[i].voff+pats[i].n+1]
			for len(v) > 0 && v[len(v)-1] == 0 {
				v = v[:len(v)-1]
			}
			if len(v) > 0 {
				t.valOff[node] = uint32(len(t.vals)) + 1
				t.valLen[node] = uint8(len(v))
				t.vals = append(t.vals, v...)
			}
			i++
		}
		for i < s.hi {
			r := b.letters[pats[i].off+s.depth]
			j := i + 1
			for j < s.hi && b.letters[pats[j].off+s.depth] == r {
				j++
			}
			t.runes = append(t.runes, r)
			t.kids = append(t.kids, int32(len(queue)))
			queue = append(queue, span{i, j, s.depth + 1})
			i = j
		}
	}
	t.first[nodes] = int32(len(t.runes))
	t.vals = slices.Clip(t.vals)
	return t
}
