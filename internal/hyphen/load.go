package hyphen

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxPatternLetters bounds one pattern; real ones have at most a dozen.
const maxPatternLetters = 100

// Load reads a pattern file in the hyphen library's form: an encoding line
// (UTF-8 or ISO8859-1), optional LEFTHYPHENMIN/RIGHTHYPHENMIN lines (2 and
// 3 when absent), then one pattern per line. Comments (% or #) and
// COMPOUND* settings are skipped; reading stops at NEXTLEVEL, since only
// the first level applies to words that are not compounds. Non-standard
// patterns (with a "/" replacement) are skipped: they change spelling at
// the break, which a line breaker that only inserts a hyphen cannot do.
func Load(r io.Reader) (*Patterns, error) {
	p := &Patterns{LeftMin: 2, RightMin: 3}
	b := newBuilder()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	line := 0
	latin1 := false
	var errs []string
	for sc.Scan() {
		line++
		raw := sc.Bytes()
		if line == 1 {
			// The charset line. A file without it starts with its first
			// pattern and is read as UTF-8.
			cs := strings.TrimSpace(strings.TrimPrefix(string(raw), "\ufeff"))
			switch strings.ToUpper(cs) {
			case "UTF-8":
				continue
			case "ISO8859-1", "ISO-8859-1":
				latin1 = true
				continue
			}
			if !looksLikePattern(cs) {
				return nil, fmt.Errorf("hyphen: line 1: unsupported charset %q (want UTF-8 or ISO8859-1)", cs)
			}
		}
		var text string
		if latin1 {
			text = latin1String(raw)
		} else {
			text = string(raw)
		}
		text = strings.TrimSpace(text)
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
		if err := b.addPattern(fields[0]); err != nil {
			errs = append(errs, fmt.Sprintf("line %d: %v", line, err))
		}
	}
done:
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("hyphen: reading patterns: %w", err)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("hyphen: %s", strings.Join(errs, "; "))
	}
	if b.count == 0 {
		return nil, errors.New("hyphen: no patterns found")
	}
	p.trie = b.freeze()
	return p, nil
}

func latin1String(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/4)
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return sb.String()
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

// LoadTeX reads patterns in TeX's form, as the hyph-utf8 files carry them:
// UTF-8 text where % starts a comment, \patterns{…} holds the patterns and
// \hyphenation{…} the exception words with their hyphens; \message{…} is
// ignored and \endinput ends the file. The fragment minimums are not part
// of TeX's pattern files; they are 2 and 3 (TeX's defaults) until the
// caller sets them.
func LoadTeX(r io.Reader) (*Patterns, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("hyphen: reading patterns: %w", err)
	}
	if !utf8.Valid(src) {
		return nil, fmt.Errorf("hyphen: line %d: not UTF-8", invalidLine(src))
	}
	p := &Patterns{LeftMin: 2, RightMin: 3}
	b := newBuilder()
	// Patterns are most of such a file: size the pools for it at once.
	b.letters = make([]rune, 0, len(src)/2)
	b.vals = make([]uint8, 0, len(src)/2)
	b.pats = make([]pattern, 0, len(src)/8)
	lx := texLexer{src: string(src), line: 1}
	var errs []string
	fail := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Sprintf("line %d: ", line)+fmt.Sprintf(format, args...))
	}
	for {
		tok, line, ok := lx.next()
		if !ok {
			break
		}
		if tok == `\endinput` {
			break
		}
		if tok[0] != '\\' {
			fail(line, "%q outside \\patterns or \\hyphenation", tok)
			continue
		}
		cmd := tok
		open, oline, ok := lx.next()
		if !ok || open != "{" {
			fail(line, "%s without {", cmd)
			break
		}
		var add func(string) error
		switch cmd {
		case `\patterns`:
			add = b.addPattern
		case `\hyphenation`:
			add = b.addException
		case `\message`:
		default:
			fail(line, "unsupported command %s", cmd)
		}
		closed := false
		for {
			t, l, ok := lx.next()
			if !ok {
				break
			}
			if t == "}" {
				closed = true
				break
			}
			if add != nil {
				if err := add(t); err != nil {
					fail(l, "%v", err)
				}
			}
		}
		if !closed {
			fail(oline, "%s{ is not closed", cmd)
			break
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("hyphen: %s", strings.Join(errs, "; "))
	}
	if b.count == 0 {
		return nil, errors.New("hyphen: no patterns found")
	}
	p.trie = b.freeze()
	p.exceptions = b.except
	return p, nil
}

func invalidLine(b []byte) int {
	line := 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		b = b[size:]
	}
	return line
}

// texLexer splits TeX pattern files into words, braces and control words,
// dropping comments.
type texLexer struct {
	src  string
	pos  int
	line int
}

func (lx *texLexer) next() (tok string, line int, ok bool) {
	for lx.pos < len(lx.src) {
		c := lx.src[lx.pos]
		switch {
		case c == '\n':
			lx.line++
			lx.pos++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f':
			lx.pos++
		case c == '%':
			end := strings.IndexByte(lx.src[lx.pos:], '\n')
			if end < 0 {
				lx.pos = len(lx.src)
			} else {
				lx.pos += end
			}
		case c == '{' || c == '}':
			lx.pos++
			return string(c), lx.line, true
		case c == '\\':
			start := lx.pos
			lx.pos++
			for lx.pos < len(lx.src) && isASCIILetter(lx.src[lx.pos]) {
				lx.pos++
			}
			if lx.pos == start+1 && lx.pos < len(lx.src) {
				lx.pos++ // a control symbol such as \%
			}
			return lx.src[start:lx.pos], lx.line, true
		default:
			start := lx.pos
			for lx.pos < len(lx.src) {
				c := lx.src[lx.pos]
				if c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\n' || c == '%' || c == '{' || c == '}' || c == '\\' {
					break
				}
				lx.pos++
			}
			return lx.src[start:lx.pos], lx.line, true
		}
	}
	return "", lx.line, false
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// addPattern inserts one pattern such as ".hy3ph".
func (b *builder) addPattern(pat string) error {
	var lstack [32]rune
	var vstack [33]uint8
	letters, values := lstack[:0], append(vstack[:0], 0)
	n := utf8.RuneCountInString(pat)
	i := 0
	for _, r := range pat {
		i++
		switch {
		case r >= '0' && r <= '9':
			values[len(values)-1] = uint8(r - '0')
			continue
		case r == '.' && i != 1 && i != n:
			return fmt.Errorf("pattern %q has a dot inside", pat)
		case r == utf8.RuneError || unicode.IsSpace(r) || unicode.IsControl(r) || r == '\\' || r == '{' || r == '}':
			return fmt.Errorf("bad character in pattern %q", pat)
		}
		letters = append(letters, fold(r))
		values = append(values, 0)
	}
	if len(letters) == 0 || len(letters) == 1 && letters[0] == '.' {
		return fmt.Errorf("pattern %q has no letters", pat)
	}
	if len(letters) > maxPatternLetters {
		return fmt.Errorf("pattern %q is longer than %d letters", pat, maxPatternLetters)
	}
	b.add(letters, values)
	return nil
}

// addException records an exception word such as "as-so-ciate".
func (b *builder) addException(word string) error {
	var letters bytes.Buffer
	var pos []int
	n := 0
	for _, r := range word {
		if r == '-' {
			if n == 0 || (len(pos) > 0 && pos[len(pos)-1] == n) {
				return fmt.Errorf("exception %q has a misplaced hyphen", word)
			}
			pos = append(pos, n)
			continue
		}
		if r == utf8.RuneError || unicode.IsSpace(r) || unicode.IsControl(r) || r == '\\' || unicode.IsDigit(r) {
			return fmt.Errorf("bad character in exception %q", word)
		}
		letters.WriteRune(fold(r))
		n++
	}
	if n == 0 || (len(pos) > 0 && pos[len(pos)-1] == n) {
		return fmt.Errorf("exception %q has a misplaced hyphen", word)
	}
	if b.except == nil {
		b.except = map[string][]int{}
	}
	b.except[letters.String()] = pos
	return nil
}
