package layout

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Penalties for breaking inside a URL or a code token, in the order a
// reader expects the breaks: a line may end after "://" or "//", then after
// "/", then before . ? & = #, then after - and _, then after , ; : + or
// before @ ~. A cut between two letters is a last resort.
const (
	penAfterSlashes = 10.0
	penAfterSlash   = 30.0
	penBeforeDot    = 50.0
	penAfterDash    = 70.0
	penOtherPunct   = 90.0
	penLetterCut    = 400.0
)

// tokRune is one rune of a token being broken.
type tokRune struct {
	at    int     // byte offset in the token
	w     float64 // advance, pt
	alnum bool    // a letter or digit of the text (not of a note marker)
	mark  bool    // part of a note marker
}

// flushToken emits the boxes of a URL or code token, with penalties where
// it may break. Letters are cut only inside a stretch between two allowed
// breaks that is wider than limit, and never so as to leave a single letter.
func (e *engine) flushToken(pieces []piece, limit float64) {
	var sb strings.Builder
	runes := e.tok[:0]
	for _, p := range pieces {
		for i := 0; i < len(p.text); {
			r, size := utf8.DecodeRuneInString(p.text[i:])
			// a shaped word (an Arabic placeholder in a command) is not
			// cut: its glyphs go whole, as if each were a note marker's
			shaped := p.orig != "" && i > 0
			runes = append(runes, tokRune{at: sb.Len(), w: e.adv(p.st.face, r) * p.st.size,
				alnum: p.mark == nil && (unicode.IsLetter(r) || unicode.IsDigit(r)), mark: p.mark != nil || shaped})
			// the bytes as they are, so offsets match the pieces' text
			sb.WriteString(p.text[i : i+size])
			i += size
		}
	}
	e.tok = runes
	text := sb.String()
	if len(runes) > hugeTokenRunes {
		// a blob of data: cut into full lines at once, its punctuation
		// no better a place to break than its letters
		e.brks = fullLineCuts(e.brks[:0], runes, limit)
		if k := len(e.nodes); k > 1 && e.nodes[k-1].kind == nGlue && e.nodes[k-2].kind == nBox {
			e.endLine()
		}
		c := spanCursor{pieces: pieces}
		for _, b := range e.brks {
			e.pushSpan(&c, b.idx, false)
			e.nodes = append(e.nodes, node{kind: nPen, pen: b.pen, token: true})
		}
		e.pushSpan(&c, len(text), true)
		return
	}
	brks := tokenBreaks(e.brks[:0], text, runes, e.ideographs)

	// Cut letters inside stretches too wide for any line.
	n := len(brks)
	prev, prevW := 0, 0.0 // rune index and width at the last break
	ri, w := 0, 0.0
	openCut := false
	for bi := 0; bi <= n; bi++ {
		end := len(text)
		if bi < n {
			end = brks[bi].idx
		}
		for ri < len(runes) && runes[ri].at < end {
			w += runes[ri].w
			ri++
		}
		if w-prevW > limit {
			if cutAtOnce(runes[prev:ri], w-prevW, limit) {
				brks = fullLineCuts(brks, runes[prev:ri], limit)
				openCut = openCut || prev == 0
			} else {
				brks = letterCuts(brks, runes, prev, ri, limit)
			}
		}
		prev, prevW = ri, w
	}
	if len(brks) > n {
		sort.Slice(brks, func(a, b int) bool { return brks[a].idx < brks[b].idx })
	}
	e.brks = brks

	// A token that opens with a stretch cut at once starts a line of its
	// own: its first piece fills a line, and the text before it would
	// otherwise have to stretch to the measure.
	if openCut {
		if k := len(e.nodes); k > 1 && e.nodes[k-1].kind == nGlue && e.nodes[k-2].kind == nBox {
			e.endLine()
		}
	}

	// Emit the boxes between breaks, split where the pieces change style.
	c := spanCursor{pieces: pieces}
	for _, b := range brks {
		e.pushSpan(&c, b.idx, false)
		e.nodes = append(e.nodes, node{kind: nPen, pen: b.pen, token: true})
	}
	e.pushSpan(&c, len(text), true)
}

// spanCursor walks the pieces of a token from one break to the next, so
// cutting a token of n bytes into any number of boxes costs O(n).
type spanCursor struct {
	pieces []piece
	pi     int // the current piece
	start  int // its first byte in the token's text
	at     int // the next byte to push, in the piece
	runes  int // the runes of the piece before at
}

// pushSpan pushes the parts of the pieces from the cursor up to byte to of
// their concatenated text; last: to is the token's end, and what is left
// goes.
func (e *engine) pushSpan(c *spanCursor, to int, last bool) {
	for c.pi < len(c.pieces) {
		p := c.pieces[c.pi]
		end := c.start + len(p.text)
		if p.text == "" {
			// A mark with no text (an anchor, where a link ends) has no
			// byte to reach: it goes with the bytes before it, but an
			// anchor met at a break goes with the line the break starts,
			// where what it names is.
			if c.start == to && !last && p.anchorOnly() {
				return
			}
			e.pushBox(p)
			c.pi++
			continue
		}
		if b := min(to, end) - c.start; b > c.at {
			sub := p
			sub.text = p.text[c.at:b]
			if p.off >= 0 {
				sub.off = p.off + c.runes
			}
			if p.orig != "" && c.at == 0 && b == len(p.text) {
				sub.w = p.w // shaped, whole: its advances as the shaper set them
			} else {
				sub.w = e.textWidth(sub.text, sub.st)
			}
			e.pushBox(sub)
			c.runes += utf8.RuneCountInString(sub.text)
			c.at = b
		}
		if to < end {
			return
		}
		c.pi, c.start, c.at, c.runes = c.pi+1, end, 0, 0
	}
}

// tokenBreaks lists the punctuation breaks of a token, sorted, at most one
// per position. A break needs a letter or digit on each side of it, so no
// line holds only punctuation, and none falls inside a URL's scheme or
// before or inside a note marker. Among ideographs or kana (cjk), a token
// may also break before a bracket that follows a letter or digit
// (RefCell|<Vec<String>>, push|(x)): between ideographs, which stretch
// little, a code word that cannot break leaves the line before it loose.
func tokenBreaks(brks []brk, text string, runes []tokRune, cjk bool) []brk {
	if len(runes) < 2 {
		return brks
	}
	first, last := -1, -1
	for i, r := range runes {
		if r.alnum {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return brks
	}
	protect := 0
	if k := strings.Index(text, "://"); k > 0 && isScheme(text, k) {
		protect = k + 3
	}
	add := func(ri int, pen float64) {
		// ri is the rune index the break comes before.
		if ri <= first || ri > last || runes[ri].mark {
			return
		}
		at := runes[ri].at
		if at < protect {
			return
		}
		if k := len(brks) - 1; k >= 0 && brks[k].idx == at {
			brks[k].pen = min(brks[k].pen, pen)
			return
		}
		brks = append(brks, brk{idx: at, pen: pen})
	}
	rs := func(i int) rune {
		r, _ := utf8.DecodeRuneInString(text[runes[i].at:])
		return r
	}
	for i := range runes {
		if runes[i].mark {
			continue
		}
		r := rs(i)
		var next rune
		if i+1 < len(runes) {
			next = rs(i + 1)
		}
		switch {
		case strings.ContainsRune(".?&=#", r):
			if i > 0 && rs(i-1) != r {
				add(i, penBeforeDot)
			}
		case r == '@' || r == '~':
			add(i, penOtherPunct)
		case cjk && strings.ContainsRune("<([", r) && i > 0 && runes[i-1].alnum:
			add(i, penOtherPunct)
		}
		if i+1 >= len(runes) || next == r {
			continue // break after a run of "//" or "--", not inside it
		}
		switch r {
		case '/':
			pen := penAfterSlash
			if i > 0 && rs(i-1) == '/' {
				pen = penAfterSlashes
			}
			add(i+1, pen)
		case '-', '_':
			add(i+1, penAfterDash)
		case ',', ';', ':', '+':
			add(i+1, penOtherPunct)
		}
	}
	if protect > 0 {
		for i := range runes {
			if runes[i].at == protect {
				add(i, penAfterSlashes)
				break
			}
		}
	}
	if len(brks) > 1 {
		sort.Slice(brks, func(a, b int) bool { return brks[a].idx < brks[b].idx })
		out := brks[:1]
		for _, b := range brks[1:] {
			if k := len(out) - 1; out[k].idx == b.idx {
				out[k].pen = min(out[k].pen, b.pen)
				continue
			}
			out = append(out, b)
		}
		brks = out
	}
	return brks
}

// isScheme reports whether the letters before "://" at k are a URL scheme
// ("https"), starting the token or after punctuation such as "(".
func isScheme(text string, k int) bool {
	j := k
	for j > 0 {
		r, sz := utf8.DecodeLastRuneInString(text[:j])
		if !(r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '+' || r == '.' || r == '-')) {
			break
		}
		j -= sz
	}
	return j < k
}

// A stretch with no break that is wider than cutAtOnceLines lines and
// longer than cutAtOnceRunes runes is cut into full lines at once, rather
// than offered to the line breaker with a break between every two letters:
// where such a stretch (a hash, a blob of data, a hostile input) breaks
// means nothing to a reader, and searching its every split costs time in
// proportion to its length times a line's.
const (
	cutAtOnceLines = 3
	cutAtOnceRunes = 512
)

// hugeTokenRunes is the length from which a whole token (a base64 blob
// in the text) is cut into full lines at once, whatever breaks its
// punctuation offers: tens of thousands of them would each be a box and a
// break for the line breaker to weigh.
const hugeTokenRunes = 4096

func cutAtOnce(stretch []tokRune, width, limit float64) bool {
	return len(stretch) > cutAtOnceRunes && width > cutAtOnceLines*limit
}

// fullLineCuts cuts a stretch greedily into pieces that each fill a line
// of width limit. A note marker stays with the letter before it.
func fullLineCuts(brks []brk, stretch []tokRune, limit float64) []brk {
	w := 0.0
	for i, r := range stretch {
		if i > 0 && w > 0 && w+r.w > limit && !r.mark {
			brks = append(brks, brk{idx: r.at, pen: penLetterCut})
			w = 0
		}
		w += r.w
	}
	return brks
}

// letterCuts adds breaks inside runes[from:to], a stretch with no
// punctuation break that is wider than a line: between any two runes, but
// leaving at least two letters of a word on each side of a cut, unless two
// letters are wider than the line.
func letterCuts(brks []brk, runes []tokRune, from, to int, limit float64) []brk {
	pairs := true
	for i := from + 1; i < to; i++ {
		if runes[i-1].w+runes[i].w > limit {
			pairs = false
		}
	}
	for i := from + 1; i < to; i++ {
		if runes[i].mark {
			continue
		}
		if pairs && runes[i-1].alnum && runes[i].alnum {
			if i-2 < from || !runes[i-2].alnum || i+1 >= to || !runes[i+1].alnum {
				continue
			}
		}
		brks = append(brks, brk{idx: runes[i].at, pen: penLetterCut})
	}
	return brks
}
