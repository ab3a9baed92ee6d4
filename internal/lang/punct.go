package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Context carries what one run of a paragraph's text leaves to the next,
// so that a paragraph split into runs by inline formatting ("*word*",
// links) is treated as one text. The zero value starts a paragraph.
type Context struct {
	prev rune   // the last character written; 0 at the paragraph's start
	open []byte // the straight marks (" or ') of the quotations still open, outermost first
	// guillemet is set when a run ended with « still owed its space.
	guillemet bool
}

// Enter returns the context of a passage in another language inside this
// text (a quotation in French in an English paragraph): it follows the
// same character (or, after punctuation, as after a space), with no
// quotation of its own open.
func (c *Context) Enter() *Context {
	prev := c.prev
	if unicode.IsPunct(prev) {
		// a mark of the other language's (“ closes in Russian): the
		// passage starts as after a space
		prev = ' '
	}
	return &Context{prev: prev}
}

// Leave goes on with this text after a passage set in inner.
func (c *Context) Leave(inner *Context) {
	if inner.prev != 0 {
		c.prev = inner.prev
		c.guillemet = false
	}
}

// Verbatim records text written unchanged (a code span, a formula) so the
// next run knows what precedes it.
func (c *Context) Verbatim(s string) {
	if r, size := utf8.DecodeLastRuneInString(s); size > 0 {
		c.prev = r
		c.guillemet = false
	}
}

// Apply turns straight quotation marks into the language's (Quote) and
// sets its no-break spaces (Space) in one run of text.
func (r Rules) Apply(s string, c *Context) string {
	prev := c.prev
	q := r.quote(s, prev, &c.open)
	out := r.space(q, prev, &c.guillemet)
	c.prev = lastRune(out, prev)
	return out
}

// Quote turns the straight quotation marks of a run of text into the
// language's: a quotation's marks follow its nesting depth, whichever
// straight mark the author typed ("a 'b' c" in French gives « a “b” c »),
// and a ' inside or at the end of a word is an apostrophe (l'homme, the
// workers' opposition), as is one before a digit (the '90s). Whether a mark
// opens or closes is read from the characters around it, across runs
// through c.
func (r Rules) Quote(s string, c *Context) string {
	out := r.quote(s, c.prev, &c.open)
	c.prev = lastRune(out, c.prev)
	return out
}

// Space sets the language's no-break spaces in a run of text: before the
// marks of SpaceBefore (French: "Quoi ?" with a thin space), replacing an
// ordinary space the author typed there, and inside guillemets. A mark
// inside a token, as in 10:30 or https://, is left alone.
func (r Rules) Space(s string, c *Context) string {
	out := r.space(s, c.prev, &c.guillemet)
	c.prev = lastRune(out, c.prev)
	return out
}

func lastRune(s string, prev rune) rune {
	if r, size := utf8.DecodeLastRuneInString(s); size > 0 {
		return r
	}
	return prev
}

func (r Rules) quote(s string, prev rune, open *[]byte) string {
	if !strings.ContainsAny(s, "\"'") {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s) + 8)
	for i, ch := range s {
		if ch != '"' && ch != '\'' {
			sb.WriteRune(ch)
			prev = ch
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[i+1:])
		if next == utf8.RuneError {
			next = 0 // the run ends here: what follows is unknown
		}
		kind := byte(ch)
		var mark string
		switch decide(kind, prev, next, has(*open, kind), r.closes(prev)) {
		case apostrophe:
			mark = r.Apostrophe
		case opening:
			mark = r.pair(len(*open)).Open
			*open = append(*open, kind)
		case closing:
			level := 0
			for j := len(*open) - 1; j >= 0; j-- {
				if (*open)[j] == kind {
					level = j
					*open = (*open)[:j]
					break
				}
			}
			mark = r.pair(level).Close
		}
		sb.WriteString(mark)
		prev, _ = utf8.DecodeLastRuneInString(mark)
	}
	return sb.String()
}

type role uint8

const (
	apostrophe role = iota
	opening
	closing
)

// decide tells what a straight mark is from its neighbours: prev is the
// character before it (0 at the paragraph's start), next the one after
// (0 when the run ends), isOpen whether a quotation of this mark is open,
// afterClose whether prev is one of the language's closing marks (German
// and Russian close with “, which Unicode files as an opening mark).
func decide(kind byte, prev, next rune, isOpen, afterClose bool) role {
	before := opensAfter(prev) && !afterClose
	nextSpace := next == 0 || unicode.IsSpace(next)
	if kind == '\'' {
		switch {
		case isWordChar(prev) && unicode.IsLetter(next):
			return apostrophe // l'homme, don't
		case isWordChar(prev):
			if isOpen {
				return closing
			}
			return apostrophe // the workers' opposition
		case before && unicode.IsDigit(next):
			return apostrophe // the '90s
		case before && (next == 0 || !nextSpace):
			return opening
		case isOpen:
			return closing
		}
		return apostrophe
	}
	switch {
	case before && nextSpace && isOpen:
		return closing // a mark after a space and before a space or the run's end closes an open quotation
	case before:
		return opening
	}
	return closing
}

// closes reports whether ch is one of the language's closing marks.
func (r Rules) closes(ch rune) bool {
	for _, q := range r.Quotes {
		if c, _ := utf8.DecodeRuneInString(q.Close); c == ch {
			return true
		}
	}
	return false
}

func has(open []byte, kind byte) bool {
	for _, k := range open {
		if k == kind {
			return true
		}
	}
	return false
}

func isWordChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// opensAfter reports whether a quotation may open after r: at the start,
// after a space, an opening bracket or quotation mark, or a dash.
func opensAfter(r rune) bool {
	return r == 0 || unicode.IsSpace(r) || unicode.In(r, unicode.Ps, unicode.Pi, unicode.Pd) ||
		r == '/' || r == '«' || r == '„' || r == '‚' || r == '「' || r == '『'
}

func (r Rules) space(s string, prev rune, guillemet *bool) string {
	g := r.GuillemetSpace
	if len(r.SpaceBefore) == 0 && g == "" {
		return s
	}
	var out []byte
	written := false // whether this run has written anything yet
	last := func() rune {
		if !written || len(out) == 0 {
			return prev
		}
		r, _ := utf8.DecodeLastRune(out)
		return r
	}
	// trimSpace drops the spaces this run wrote last, reporting whether
	// there were any.
	trimSpace := func() bool {
		trimmed := false
		for written && len(out) > 0 {
			r, size := utf8.DecodeLastRune(out)
			if !unicode.IsSpace(r) {
				break
			}
			out = out[:len(out)-size]
			trimmed = true
		}
		return trimmed
	}
	skipSpaces := func(i int) int {
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += size
		}
		return i
	}
	i := 0
	if *guillemet && g != "" {
		// The previous run ended with «: its space goes before this
		// run's first character, in place of any it starts with.
		i = skipSpaces(0)
		if i < len(s) {
			out = append(out, g...)
			written = true
			*guillemet = false
		}
	}
	for i < len(s) {
		ch, size := utf8.DecodeRuneInString(s[i:])
		next, _ := utf8.DecodeRuneInString(s[i+size:])
		if i+size >= len(s) {
			next = 0
		}
		switch sp, ok := r.SpaceBefore[ch]; {
		case ok:
			if !spaceableAfter(next, r.SpaceBefore) {
				break
			}
			p := last()
			if trimSpace() || spaceableBefore(p, r.SpaceBefore) {
				out = append(out, sp...)
			}
		case g != "" && (ch == '»' || ch == '›'):
			p := last()
			if trimSpace() || p != 0 && !unicode.IsSpace(p) && p != '«' && p != '‹' {
				out = append(out, g...)
			}
		}
		out = utf8.AppendRune(out, ch)
		written = true
		i += size
		if g != "" && (ch == '«' || ch == '‹') {
			i = skipSpaces(i)
			if i >= len(s) {
				*guillemet = true
			} else if n, _ := utf8.DecodeRuneInString(s[i:]); n != '»' && n != '›' {
				out = append(out, g...)
			}
		}
	}
	return string(out)
}

// spaceableBefore reports whether a no-break space may go between p and
// a high punctuation mark: not at the start, after a space, after another
// such mark (?! takes one space), or after an opening bracket.
func spaceableBefore(p rune, marks map[rune]string) bool {
	if p == 0 || unicode.IsSpace(p) || unicode.In(p, unicode.Ps) {
		return false
	}
	_, isMark := marks[p]
	return !isMark
}

// spaceableAfter reports whether what follows a high punctuation mark
// shows it ends a phrase, not a token (10:30, https://, ;-)).
func spaceableAfter(n rune, marks map[rune]string) bool {
	if n == 0 || unicode.IsSpace(n) || unicode.In(n, unicode.Pe, unicode.Pf) {
		return true
	}
	if _, isMark := marks[n]; isMark {
		return true
	}
	switch n {
	case '»', '›', '"', '\'', '.', ',', '…':
		return true
	}
	return false
}
