// Package hyphen finds hyphenation points with Liang's algorithm, reading
// patterns in the format of the hyphen library (the `.dic` files LibreOffice
// and TeX-derived distributions ship).
package hyphen

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Patterns is a compiled pattern set. It is read-only after Load, so one
// value may serve any number of goroutines.
type Patterns struct {
	// LeftMin and RightMin are the fewest runes kept before the first and
	// after the last break of a word.
	LeftMin, RightMin int

	// The trie: edges maps (node<<21 | rune) to the child node, so a lookup
	// is one hash probe and the structure is three flat allocations.
	edges map[uint64]int32
	// points[node] is the pattern value list ending at that node, or nil:
	// points[k] is the value before the k-th letter of the pattern.
	points [][]uint8
}

// Load reads a pattern file: an encoding line ("UTF-8"), optional
// LEFTHYPHENMIN/RIGHTHYPHENMIN lines, then one pattern per line. Comments
// (% or #) and COMPOUND* settings are skipped; reading stops at NEXTLEVEL,
// since only the first level applies to words that are not compounds.
// Non-standard patterns (with a "/" replacement) are skipped.
func Load(r io.Reader) (*Patterns, error) {
	p := &Patterns{LeftMin: 2, RightMin: 3, edges: map[uint64]int32{}, points: [][]uint8{nil}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	line := 0
	count := 0
	var errs []string
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if line == 1 {
			// The charset line. Only UTF-8 is read; a file without the line
			// starts with its first pattern.
			text = strings.TrimPrefix(text, "\ufeff")
			if strings.EqualFold(text, "UTF-8") {
				continue
			}
			if !looksLikePattern(text) {
				return nil, fmt.Errorf("hyphen: line 1: unsupported charset %q (want UTF-8)", text)
			}
		}
		if text == "" || text[0] == '%' || text[0] == '#' {
			continue
		}
		fields := strings.Fields(text)
		switch key := fields[0]; {
		case key == "NEXTLEVEL":
			goto done
		case key == "LEFTHYPHENMIN" || key == "RIGHTHYPHENMIN":
			if len(fields) != 2 {
				errs = append(errs, fmt.Sprintf("line %d: %s needs one number", line, key))
				continue
			}
			n, err := strconv.Atoi(fields[1])
			if err != nil || n < 1 || n > 20 {
				errs = append(errs, fmt.Sprintf("line %d: bad %s value %q", line, key, fields[1]))
				continue
			}
			if key == "LEFTHYPHENMIN" {
				p.LeftMin = n
			} else {
				p.RightMin = n
			}
			continue
		case strings.HasPrefix(key, "COMPOUND") || strings.HasPrefix(key, "NOHYPHEN"):
			continue
		}
		if strings.ContainsRune(text, '/') {
			continue
		}
		if err := p.add(fields[0]); err != nil {
			errs = append(errs, fmt.Sprintf("line %d: %v", line, err))
			continue
		}
		count++
	}
done:
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("hyphen: reading patterns: %w", err)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("hyphen: %s", strings.Join(errs, "; "))
	}
	if count == 0 {
		return nil, fmt.Errorf("hyphen: no patterns found")
	}
	return p, nil
}

func looksLikePattern(s string) bool {
	if s == "" || strings.HasPrefix(s, "%") || strings.HasPrefix(s, "#") {
		return true
	}
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '\'' || r == '’') {
			return false
		}
	}
	return true
}

// add inserts one pattern such as ".hy3ph" into the trie.
func (p *Patterns) add(pat string) error {
	var letters []rune
	values := []uint8{0}
	for _, r := range pat {
		if r >= '0' && r <= '9' {
			values[len(values)-1] = uint8(r - '0')
			continue
		}
		if r == utf8.RuneError || unicode.IsSpace(r) {
			return fmt.Errorf("bad character in pattern %q", pat)
		}
		letters = append(letters, unicode.ToLower(r))
		values = append(values, 0)
	}
	if len(letters) == 0 {
		return fmt.Errorf("pattern %q has no letters", pat)
	}
	node := int32(0)
	for _, r := range letters {
		key := uint64(node)<<21 | uint64(r)
		next, ok := p.edges[key]
		if !ok {
			next = int32(len(p.points))
			p.points = append(p.points, nil)
			p.edges[key] = next
		}
		node = next
	}
	if old := p.points[node]; old != nil {
		// A repeated pattern keeps the larger value at each place.
		for i := range values {
			values[i] = max(values[i], old[i])
		}
	}
	allZero := true
	for _, v := range values {
		if v != 0 {
			allZero = false
		}
	}
	if allZero {
		values = make([]uint8, len(values)) // keep a non-nil marker
	}
	p.points[node] = values
	return nil
}

// Hyphenate returns the rune positions in word before which a hyphen may be
// inserted, in increasing order, honouring LeftMin and RightMin. The word is
// matched case-insensitively; callers pass the word without surrounding
// punctuation.
func (p *Patterns) Hyphenate(word string) []int {
	return p.AppendHyphenate(nil, word)
}

// AppendHyphenate is Hyphenate appending to dst, for callers that reuse a buffer.
func (p *Patterns) AppendHyphenate(dst []int, word string) []int {
	if p == nil {
		return dst
	}
	var stack [64]rune
	w := stack[:0]
	w = append(w, '.')
	for _, r := range word {
		w = append(w, unicode.ToLower(r))
	}
	w = append(w, '.')
	n := len(w) - 2 // runes in the word
	if n < p.LeftMin+p.RightMin {
		return dst
	}
	var lstack [66]uint8
	var levels []uint8
	if len(w)+1 <= len(lstack) {
		levels = lstack[:len(w)+1]
	} else {
		levels = make([]uint8, len(w)+1)
	}
	for i := range w {
		node := int32(0)
		for j := i; j < len(w); j++ {
			next, ok := p.edges[uint64(node)<<21|uint64(w[j])]
			if !ok {
				break
			}
			node = next
			if vals := p.points[node]; vals != nil {
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
	for pos := p.LeftMin; pos <= n-p.RightMin; pos++ {
		if levels[pos+1]%2 == 1 {
			dst = append(dst, pos)
		}
	}
	return dst
}
