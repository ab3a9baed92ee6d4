package layout

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/hyphen"
	"github.com/samizdat-press/samizdat/internal/wordbreak"
)

// piece is a stretch of a word in one style.
type piece struct {
	text string
	st   style
	off  int
	mark *noteMark
	pic  *inlinePicture
	w    float64
	// level is the bidirectional embedding level of the text (see
	// bidi.go): odd is right to left.
	level int8
	// orig, when set, is the text of a shaped piece (shape.go), whose
	// text is then its glyphs, placed by adj.
	orig string
	adj  []Kern
	// hyphenBefore marks a part of a shaped word after a cut at a
	// hyphenation point (hyphenateShaped): a line may end before it, with
	// a hyphen.
	hyphenBefore bool
	// raised are the glyphs of a shaped right-to-left piece that the
	// shaper moves up or down (marks on their letters), by byte of text.
	raised []Mark
}

// anchorOnly reports whether p is an anchor point and nothing else: no
// ink, no note, no link's end, only a place a link may go to.
func (p *piece) anchorOnly() bool {
	return p.mark != nil && p.text == "" && p.pic == nil && p.mark.note == nil && p.mark.link == nil
}

const (
	nBox uint8 = iota
	nGlue
	nPen
)

// infPen is TeX's infinity: a penalty at or above it forbids a break, at or
// below its negative forces one.
const infPen = 10000.0

// lastTol is the tolerance of the loosest Knuth–Plass pass.
const lastTol = 8.0

// hyphenTol is the tolerance of the first pass that may hyphenate (a
// badness of about 340, where TeX's \tolerance is 200): with it our
// hyphenated lines fall below LaTeX's share on the same text (18.8%
// against 22% on the sample, 12.5% on technical prose) while the spread
// of word spaces stays at LaTeX's (0.099 em), where 1.26 (TeX's 200)
// hyphenated 27.9% of the sample's lines.
const hyphenTol = 1.5

// fill is the stretch of the glue that ends a paragraph's last line.
const fill = 1e6

// node is a box, glue or penalty of the Knuth–Plass model.
type node struct {
	kind    uint8
	flagged bool // a hyphen break: two in a row cost extra
	hyphen  bool // breaking here adds a hyphen (and is a hyphenation, tried only in the second pass)
	nobreak bool // glue that is no legal breakpoint
	// kern is glue that is the pair kerning across a break inside a word:
	// it follows the break's penalty, so it is dropped when the line breaks
	// there and set as a kern when it does not.
	kern bool
	// token marks a break inside a token too wide to be set whole (a URL,
	// a long code word), where a line may be left ragged.
	token bool
	// cjk is the glue between two East Asian characters: set inside their
	// run of text, as a kern.
	cjk bool
	// level is glue's bidirectional embedding level.
	level   int8
	w       float64
	stretch float64
	shrink  float64
	pen     float64
	box     int32
}

type alignMode uint8

const (
	alignJustify alignMode = iota
	alignLeft
	alignCenter
	alignRight
)

// tline is one set line: items relative to the measure's left edge and the
// baseline.
type tline struct {
	items   []Item
	marks   []*noteMark
	off     int // rune offset of the first text; -1 if the line has none
	width   float64
	hasText bool
	// rise and drop are how far the line's pictures reach above and below
	// its baseline (0 with none): a tall one makes room for itself.
	rise, drop float64
	// depth is how far their ink reaches below the baseline: drop but for
	// the room kept under a picture set apart, which may fall below the
	// text block where ink may not.
	depth float64
	// hyphen: the line ends in a hyphen, at a hyphenation point or after
	// the hyphen of a compound.
	hyphen bool
	// apart: the line is a picture set apart from the text, which may
	// float to the top of a later page (see galley.addLines).
	apart bool
}

func isBreakSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u2009' || r == '\u2002' || r == '\u2003'
}

// setPara breaks segs into lines of width, the first indented by indent.
func (e *engine) setPara(segs []seg, width, indent float64, mode alignMode) []tline {
	if len(segs) == 0 {
		return nil
	}
	if e.estimate {
		return e.estimateLines(segs, width, indent, mode)
	}
	words := e.paraWindow
	if words == 0 {
		words = paraWindowWords
	}
	if countWords(segs, 2*words) >= 2*words {
		return e.setParaWindowed(segs, width, indent, mode, words)
	}
	return e.setParaWhole(segs, width, indent, mode, false)
}

// setParaWhole breaks segs into lines as one piece. With window set, segs
// are a window of a longer paragraph (setParaWindowed), and the places
// its lines may start again and its lines' breaks are kept in e.resume
// and e.lineBreaks.
func (e *engine) setParaWhole(segs []seg, width, indent float64, mode alignMode, window bool) []tline {
	e.windowing, e.windowExact, e.windowFailed = window, false, false
	// Ragged text is hyphenated only in narrow measures (table cells),
	// where a long word would otherwise be cut at any letter.
	hyph := mode != alignJustify && e.o.Hyphenate && width < 14*e.size
	e.prepareBidi(segs)
	e.buildNodes(segs, indent, width, hyph, mode == alignJustify)
	var breaks []int
	ok := false
	if mode == alignJustify {
		breaks, ok = e.justifiedBreaks(segs, width, indent)
	}
	if !ok && e.passOnly != passAny && e.passOnly != passCount {
		e.windowFailed = true
		if e.windowDry {
			return nil
		}
	}
	if !ok {
		if mode == alignJustify {
			e.fallbacks++
		}
		breaks = e.firstFit(width, mode == alignJustify)
	}
	if e.windowDry {
		e.lineBreaks = append(e.lineBreaks[:0], breaks...)
		return nil
	}
	return e.emitLines(breaks, width, mode)
}

// The passes of the justified line breaker, from the strictest: the
// first that sets the whole paragraph is taken.
const (
	passAny   = iota // no pass named: the first that can
	passTight        // no hyphenation, tolerance 1
	passHyphenate
	passLoose
	passLoosest
	passHyphenRuns // as loose, and any number of hyphens in a row
	passCount      // none: the paragraph is set greedily
)

// justifiedBreaks finds the breaks of a justified paragraph in the first
// pass that can set it, or, when e.passOnly names a pass, in that pass
// alone.
func (e *engine) justifiedBreaks(segs []seg, width, indent float64) ([]int, bool) {
	from := passTight
	if e.passOnly != passAny {
		from = e.passOnly
	}
	if from == passCount && e.o.Hyphenate {
		// set greedily, with the hyphenation points the passes had
		e.buildNodes(segs, indent, width, true, true)
	}
	hyphenNodes := false
	for p := from; p < passCount; p++ {
		if e.passOnly != passAny && p != e.passOnly {
			break
		}
		if p == passHyphenate && !e.o.Hyphenate {
			continue
		}
		if p >= passHyphenate && e.o.Hyphenate && !hyphenNodes {
			e.buildNodes(segs, indent, width, true, true)
			hyphenNodes = true
		}
		var breaks []int
		var ok bool
		switch p {
		case passTight:
			breaks, ok = e.knuthPlass(width, 1.0, false, true)
		case passHyphenate:
			breaks, ok = e.knuthPlass(width, hyphenTol, true, true)
		case passLoose:
			breaks, ok = e.knuthPlass(width, 2.6, true, true)
		case passLoosest:
			breaks, ok = e.knuthPlass(width, lastTol, true, true)
		case passHyphenRuns:
			// Better more hyphens in a row than a paragraph set greedily.
			breaks, ok = e.knuthPlass(width, lastTol, true, false)
			e.hyphenRunsLifted++
		}
		if ok {
			return breaks, true
		}
	}
	return nil, false
}

func (e *engine) pushBox(p piece) {
	e.boxes = append(e.boxes, p)
	e.nodes = append(e.nodes, node{kind: nBox, w: p.w, box: int32(len(e.boxes) - 1)})
}

func (e *engine) trimGlue() {
	for len(e.nodes) > 0 && e.nodes[len(e.nodes)-1].kind == nGlue {
		e.nodes = e.nodes[:len(e.nodes)-1]
	}
}

// forcedBreak reports whether node i is a break that must be taken.
func (e *engine) forcedBreak(i int) bool {
	return e.nodes[i].kind == nPen && e.nodes[i].pen <= -infPen
}

func (e *engine) endLine() {
	e.trimGlue()
	e.nodes = append(e.nodes, node{kind: nGlue, stretch: fill, nobreak: true, level: e.bd.para}, node{kind: nPen, pen: -infPen})
}

func (e *engine) buildNodes(segs []seg, indent, width float64, hyph, justify bool) {
	e.ideographs = hasIdeographs(segs)
	e.nodes = e.nodes[:0]
	e.boxes = e.boxes[:0]
	e.resume = e.resume[:0]
	e.apartPics = false
	// A window after a paragraph's first (window.go) has no first line,
	// but its words are measured against the paragraph's indent as the
	// whole paragraph's are.
	if indent != 0 && !e.continued {
		// a negative indent hangs the first line out to the left (the
		// right, in a right-to-left paragraph)
		e.pushBox(piece{w: indent, off: -1, level: e.bd.para})
	}
	word := e.word[:0]
	// apart: the last box is a picture set apart, whose line ends before
	// anything that follows it.
	apart := false
	endApart := func() {
		if apart {
			e.endLine()
			apart = false
		}
	}
	flush := func() {
		if len(word) > 0 {
			endApart()
			e.flushWords(word, width-indent, hyph, justify)
			word = word[:0]
		}
	}
	for si, sg := range segs {
		at := 0 // the index of the seg's first character in the paragraph's text
		if e.bd.on {
			at = int(e.bd.segAt[si])
		}
		if sg.kind == segBreak {
			flush()
			if apart {
				// the picture's line ends here already
				apart = false
			}
			e.endLine()
			if e.windowing {
				e.resume = append(e.resume, resumeAt{node: int32(len(e.nodes) - 1), si: int32(si + 1)})
			}
			continue
		}
		if sg.mark != nil {
			word = append(word, piece{text: sg.text, st: sg.st, off: sg.off, mark: sg.mark, level: e.bd.levelAt(at)})
			continue
		}
		if sg.pic != nil {
			// A picture is a box of its own, joined to the text around it
			// as a letter is, and never wider than the line; one set apart
			// is a line of its own, the text before it ending as a
			// paragraph's last line does, the text after it starting the
			// next line unindented.
			// Anchor points right before it (a span it starts) go to
			// its line.
			anchors := sg.pic.apart && len(word) > 0
			for i := range word {
				anchors = anchors && word[i].anchorOnly()
			}
			if !anchors {
				flush()
			}
			endApart()
			whole := width
			if width >= unboundedWidth {
				whole = 0
			}
			room := width - indent
			if sg.pic.apart {
				switch n := len(e.nodes); {
				case n == 1 && indent != 0 && !e.continued:
					e.nodes = e.nodes[:0] // the paragraph opens with it
				case n > 0 && !e.forcedBreak(n-1):
					e.endLine()
				}
				flush()
				room, apart, e.apartPics = width, true, true
			}
			w, _, _ := e.inlinePictureBox(sg.pic, sg.st.size, whole, room)
			e.pushBox(piece{st: sg.st, off: -1, pic: sg.pic, w: w, level: e.bd.levelAt(at)})
			continue
		}
		text, off := sg.text, sg.off
		ri := at // the index of text[i] in the paragraph's text
		for i := 0; i < len(text); {
			j := i
			for j < len(text) {
				r, sz := utf8.DecodeRuneInString(text[j:])
				if isBreakSpace(r) {
					break
				}
				j += sz
			}
			if j > i {
				n := utf8.RuneCountInString(text[i:j])
				word = e.appendLevels(word, piece{text: text[i:j], st: sg.st, off: off}, ri)
				off += n
				ri += n
			}
			if j >= len(text) {
				break
			}
			k := j
			spaceAt := ri
			for k < len(text) {
				r, sz := utf8.DecodeRuneInString(text[k:])
				if !isBreakSpace(r) {
					break
				}
				k += sz
				off++
				ri++
			}
			flush()
			if n := len(e.nodes); n > 0 && e.nodes[n-1].kind == nBox && !apart {
				w := e.adv(sg.st.face, ' ') * sg.st.size
				g := node{kind: nGlue, w: w, level: e.bd.levelAt(spaceAt)}
				// A space inside code among ideographs keeps its width, as
				// code's spaces are monospaced: the line's excess goes to
				// the glue between its characters, which CLREQ and JLREQ
				// spread to justify, and "cargo build" does not open wide.
				if justify && !(e.ideographs && sg.st.face.Family == fonts.Mono) {
					// TeX's interword glue for a 10pt roman is 3.33pt plus
					// 1.67pt minus 1.11pt; Noto's space is narrower, so the
					// stretch is measured in ems rather than in spaces.
					g.stretch, g.shrink = math.Max(w*0.5, 0.17*sg.st.size), w*0.34
				}
				e.nodes = append(e.nodes, g)
				if e.windowing {
					e.resume = append(e.resume, resumeAt{node: int32(len(e.nodes) - 1), si: int32(si), at: int32(k)})
				}
			}
			i = k
		}
	}
	flush()
	e.word = word
	e.endLine()
	// prefix sums for line widths
	n := len(e.nodes)
	e.sw = grow(e.sw, n+1)
	e.sst = grow(e.sst, n+1)
	e.ssh = grow(e.ssh, n+1)
	var w, st, sh float64
	if e.continued {
		// the sums run on from the window before, so that a line's
		// width rounds as in the whole paragraph's
		w, st, sh = e.carry.sw, e.carry.sst, e.carry.ssh
	}
	for i, nd := range e.nodes {
		e.sw[i], e.sst[i], e.ssh[i] = w, st, sh
		if nd.kind != nPen {
			w += nd.w
			st += nd.stretch
			sh += nd.shrink
		}
	}
	e.sw[n], e.sst[n], e.ssh[n] = w, st, sh
	e.sgl, e.scjk = e.sgl[:0], e.scjk[:0]
	if e.ideographs {
		var gl, cjk int32
		for _, nd := range e.nodes {
			e.sgl, e.scjk = append(e.sgl, gl), append(e.scjk, cjk)
			if nd.kind == nGlue && nd.stretch > 0 && nd.stretch < fill {
				gl++
				if nd.cjk {
					cjk++
				}
			}
		}
		e.sgl, e.scjk = append(e.sgl, gl), append(e.scjk, cjk)
	}
}

func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n, 2*n)
	}
	return s[:n]
}

// brk is a break opportunity inside a piece, before byte idx.
type brk struct {
	idx     int
	pen     float64
	flagged bool
	hyphen  bool
}

// flushWord emits the boxes of one word (the pieces between two spaces)
// with the penalties that allow breaking inside it.
func (e *engine) flushWord(word []piece, limit float64, hyph bool) {
	pieces := e.pieces[:0]
	for _, p := range word {
		pieces = e.coverFaces(p, pieces)
	}
	pieces = e.splitSyllables(pieces, limit-e.size*0.6)
	if hyph {
		pieces = e.hyphenateShaped(pieces)
	}
	total := 0.0
	// name: text of no language (zxx), such as a rule's dotted name
	urlish, name := false, false
	for i := range pieces {
		p := &pieces[i]
		before, after := "", ""
		if p.level&1 == 1 && len(pieces) > 1 {
			before, after = wordContext(pieces, i)
		}
		if p.orig == "" && !e.shapePieceIn(p, before, after) {
			p.w = e.advancesWidth(p.text, p.st)
		}
		total += p.w
		if p.st.urlish || strings.Contains(p.text, "://") || strings.HasPrefix(p.text, "www.") {
			urlish = true
		}
		if p.st.lang == "zxx" {
			name = true
		}
	}
	// A word wider than the measure must break somewhere, at any rune if
	// need be; the limit keeps room for an indent and a hyphen.
	tooWide := total > limit-e.size*0.6
	// A word wider than a few lines is broken as a token: where it is cut
	// matters little, and its every split is not worth searching.
	giant := tooWide && total > cutAtOnceLines*limit && wordLen(pieces) > cutAtOnceRunes
	// A name too wide for a line breaks as code does, before a dot,
	// rather than be cut at a letter, its closing bracket alone on the
	// next line.
	if urlish || giant || (name && tooWide) {
		e.flushToken(pieces, limit-e.size*0.6)
		e.pieces = pieces
		return
	}
	// Each part between breaks is ligated and kerned on its own, so no
	// ligature spans a break; the kern across a break, or between pieces
	// in the same face, is glue after the break's penalty.
	var last piece
	for pi, p := range pieces {
		if p.hyphenBefore {
			// a hyphenation point between the parts of a shaped word,
			// as one inside an unshaped piece is below
			nd := node{kind: nPen, pen: hyphenPenalty, flagged: true, hyphen: true, token: tooWide}
			nd.w = e.textWidth(lastRune(last.text)+"-", last.st) - e.textWidth(lastRune(last.text), last.st)
			e.nodes = append(e.nodes, nd)
		} else if tooWide && breakBefore(pieces, pi) {
			e.nodes = append(e.nodes, node{kind: nPen, pen: 300, token: true})
		}
		brks := e.brks[:0]
		if p.mark == nil && p.orig == "" {
			brks = e.wordBreaks(brks, p, tooWide, hyph)
		}
		e.brks = brks
		prev, off := 0, p.off
		for k := 0; k <= len(brks); k++ {
			end := len(p.text)
			if k < len(brks) {
				end = brks[k].idx
			}
			sub := p
			sub.off = off
			if p.orig == "" {
				sub.text = e.ligate(p.text[prev:end], sub.st)
				off += utf8.RuneCountInString(p.text[prev:end])
				if sub.level&1 == 1 {
					// right to left: drawn without pair kerning (see
					// emitLine), so measured without it, the same
					// whether the word is whole or cut
					sub.w = e.advancesWidth(sub.text, sub.st)
				} else {
					sub.w = e.textWidth(sub.text, sub.st)
				}
			}
			if kw := e.kernBetween(&last, &sub); kw != 0 {
				e.nodes = append(e.nodes, node{kind: nGlue, w: kw, nobreak: true, kern: true, level: sub.level})
			}
			e.pushBox(sub)
			last = sub
			if k == len(brks) {
				break
			}
			b := brks[k]
			nd := node{kind: nPen, pen: b.pen, flagged: b.flagged, hyphen: b.hyphen, token: tooWide}
			if b.hyphen {
				// the hyphen a break adds, kerned after the letter before it
				nd.w = e.textWidth(lastRune(sub.text)+"-", p.st) - e.textWidth(lastRune(sub.text), p.st)
			}
			e.nodes = append(e.nodes, nd)
			prev = b.idx
		}
	}
	e.pieces = pieces
}

// breakBefore reports whether a word too wide for the measure may break
// before its piece pi: between pieces, but never before a note marker or
// a link's end, which belong to the letter before them, nor after an
// anchor, which belongs to the letters after it (the break comes before
// the anchor instead).
func breakBefore(pieces []piece, pi int) bool {
	if pi == 0 || pieces[pi-1].anchorOnly() {
		return false
	}
	for _, p := range pieces[pi:] {
		if !p.anchorOnly() {
			return p.mark == nil
		}
	}
	return false
}

// wordLen is the number of runes of a word's pieces.
func wordLen(pieces []piece) int {
	n := 0
	for _, p := range pieces {
		n += utf8.RuneCountInString(p.text)
	}
	return n
}

// kernBetween is the kerning between the boxes a and b of one word, in
// points: only boxes in the same face, size and baseline kern.
func (e *engine) kernBetween(a, b *piece) float64 {
	if a.text == "" || b.text == "" || a.mark != nil || b.mark != nil || a.level&1 == 1 || b.level&1 == 1 || a.orig != "" || b.orig != "" ||
		a.st.face != b.st.face || a.st.size != b.st.size || a.st.raise != b.st.raise {
		return 0
	}
	x, _ := utf8.DecodeLastRuneInString(a.text)
	y, _ := utf8.DecodeRuneInString(b.text)
	return e.m.Kern(a.st.face, x, y) * a.st.size
}

// advancesWidth is the width of s set in st without pair kerning.
func (e *engine) advancesWidth(s string, st style) float64 {
	w := 0.0
	for _, r := range s {
		w += e.adv(st.face, r)
	}
	return w * st.size
}

func lastRune(s string) string {
	_, n := utf8.DecodeLastRuneInString(s)
	return s[len(s)-n:]
}

// textWidth is the width of s set in st: its advances and pair kerning.
func (e *engine) textWidth(s string, st style) float64 {
	w := 0.0
	prev := rune(-1)
	for _, r := range s {
		w += e.adv(st.face, r)
		if prev >= 0 {
			w += e.m.Kern(st.face, prev, r)
		}
		prev = r
	}
	return w * st.size
}

// wordBreaks lists the break opportunities inside piece p, sorted.
func (e *engine) wordBreaks(brks []brk, p piece, tooWide, hyph bool) []brk {
	text := p.text
	n := len(text)
	if tooWide {
		// At any rune if need be, but rather where a reader of a path or
		// a name looks for a break: after a slash or an underscore, before
		// ? & = #, and where a capital starts a part of a camel-cased name
		// (readUsers|ItemsList), than inside a part.
		var prev rune
		for i, r := range text {
			if i > 0 {
				pen := 300.0
				switch {
				case strings.ContainsRune("?&=#", r), prev == '/', prev == '_':
					pen = 100
				case unicode.IsLower(prev) && unicode.IsUpper(r):
					pen = 150
				}
				brks = append(brks, brk{idx: i, pen: pen})
			}
			prev = r
		}
	}
	add := func(b brk) {
		for k := range brks {
			if brks[k].idx == b.idx {
				if b.pen < brks[k].pen {
					brks[k] = b
				}
				return
			}
		}
		brks = append(brks, b)
	}
	// explicit hyphens and dashes; a word with a hyphen of its own breaks
	// only there ("pattern-discovery", not "pattern-dis-covery"), as TeX
	// and the style manuals have it
	hyphenated := false
	// A path or a name among ideographs, where it often stands
	// between ideographs with no space to break at, breaks after the
	// backslashes of a Windows path and after underscores as a Unix path
	// does after its slashes: a line of ideographs beside it has little
	// room to stretch.
	cjkText := e.ideographs && strings.ContainsAny(text, "\\_")
	for i, r := range text {
		if i == 0 || (r != '-' && r != '–' && r != '—' && r != '/' && (r != '\\' && r != '_' || !cjkText)) {
			continue
		}
		end := i + utf8.RuneLen(r)
		if end >= n {
			continue
		}
		next, _ := utf8.DecodeRuneInString(text[end:])
		if !unicode.IsLetter(next) && !unicode.IsDigit(next) {
			continue
		}
		pen := 50.0
		if r == '/' || r == '\\' || r == '_' {
			pen = 150
		}
		// Only a hyphen makes a hyphenated line; a line may end in a dash
		// or a slash as often as it likes.
		add(brk{idx: end, pen: pen, flagged: r == '-'})
		hyphenated = hyphenated || r == '-' && unicode.IsLetter(next)
	}
	if hyph && !identifierLike(text) && !hyphenated {
		if hp := e.hyphens(p.st.lang); hp != nil {
			e.hyphenBreaks(hp, text, add)
		}
	}
	if len(brks) > 1 {
		// no two breaks are at one index: any sort gives one order
		slices.SortFunc(brks, func(a, b brk) int { return cmp.Compare(a.idx, b.idx) })
	}
	return brks
}

// identifierLike reports a word that names something in code or a path
// (readUsersItemsList, snake_case, /items?id=4): a hyphen added inside it
// would read as part of the name, so no pattern hyphenates it.
func identifierLike(text string) bool {
	var prev rune
	for _, r := range text {
		if strings.ContainsRune("/_?=&#", r) || unicode.IsLower(prev) && unicode.IsUpper(r) {
			return true
		}
		prev = r
	}
	return false
}

// hyphenBreaks adds the pattern breaks of each run of letters in text.
func (e *engine) hyphenBreaks(hp *hyphen.Patterns, text string, add func(brk)) {
	cache := e.hcache[hp]
	if cache == nil {
		cache = map[string][]int{}
		e.hcache[hp] = cache
	}
	start := -1
	letters := 0
	check := func(end int) {
		if start < 0 || letters < 5 {
			return
		}
		w := text[start:end]
		if isUpperWord(w) {
			return // an acronym
		}
		pos, ok := cache[w]
		if !ok {
			pos = hp.Hyphenate(w)
			cache[w] = pos
		}
		k := 0
		ri := 0
		for bi := range w {
			if k < len(pos) && pos[k] == ri {
				add(brk{idx: start + bi, pen: hyphenPenalty, flagged: true, hyphen: true})
				k++
			}
			ri++
		}
	}
	for i, r := range text {
		if start >= 0 && inWord(r) {
			// a vowel sign, virama or joiner, which TeX counts as a
			// letter of the word
			letters++
			continue
		}
		if unicode.IsLetter(r) || ((r == '\'' || r == '’') && start >= 0) {
			if start < 0 {
				start, letters = i, 0
			}
			letters++
			continue
		}
		check(i)
		start = -1
	}
	check(len(text))
}

// inWord reports a character that continues a word without being a letter
// of its own: a combining mark (the vowel signs and viramas of the Indic
// scripts, an accent of decomposed text) or a zero-width joiner or
// non-joiner.
func inWord(r rune) bool {
	return r >= 0x300 && (unicode.Is(unicode.M, r) || r == '\u200c' || r == '\u200d')
}

// isUpperWord reports a word written in capitals, an acronym: one with a
// capital and no small letter. A word of a script without case (Devanagari,
// Tamil…) is none.
func isUpperWord(w string) bool {
	upper := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		upper = upper || unicode.IsUpper(r)
	}
	return upper
}

// breakpoint is an active or passive node of the Knuth–Plass search.
type breakpoint struct {
	pos, start int32
	prev       int32
	fit        int8
	// run is the number of lines in a row, up to this break, that end in
	// a hyphen (0 when this one does not).
	run int8
	dem float64
}

func fitness(r float64) int8 {
	switch {
	case r < -0.5:
		return 0
	case r <= 0.5:
		return 1
	case r <= 1:
		return 2
	}
	return 3
}

// nextStart is the first node of the line after a break at i: discardable
// glue and penalties are dropped, up to a forced break.
func (e *engine) nextStart(i int) int {
	j := i + 1
	for j < len(e.nodes) && e.nodes[j].kind != nBox {
		if e.nodes[j].kind == nPen && e.nodes[j].pen <= -infPen {
			break
		}
		j++
	}
	return j
}

func (e *engine) legal(i int, allowHyph bool) bool {
	nd := &e.nodes[i]
	switch nd.kind {
	case nGlue:
		return !nd.nobreak && i > 0 && e.nodes[i-1].kind == nBox
	case nPen:
		return nd.pen < infPen && (allowHyph || !nd.hyphen)
	}
	return false
}

// lineRatio is the adjustment ratio of the line from node s to a break at b.
func (e *engine) lineRatio(s, b int, width float64) float64 {
	L := e.sw[b] - e.sw[s]
	if e.nodes[b].kind == nPen {
		L += e.nodes[b].w
	}
	switch {
	case L < width:
		st := e.sst[b] - e.sst[s]
		if st <= 0 {
			return math.Inf(1)
		}
		return (width - L) / st
	case L > width:
		sh := e.ssh[b] - e.ssh[s]
		if sh <= 0 {
			return math.Inf(-1)
		}
		return (width - L) / sh
	}
	return 0
}

// evenSpread is what each stretchable glue of a loose line from node s to
// break b gets beyond its full stretch, when the line holds glue between
// East Asian characters; 0 for other lines. Shared in proportion to their
// stretch, the excess of a line of ideographs beside a long Latin word
// would go mostly to its few word spaces, each stretching five times as
// much as the glue between two ideographs, and open gaps of several ems:
// CLREQ and JLREQ spread what a line lacks evenly over its character
// spaces instead.
func (e *engine) evenSpread(s, b int, r float64) float64 {
	count, cjk := 0, false
	for i := s; i < b; i++ {
		nd := &e.nodes[i]
		if nd.kind != nGlue || nd.stretch <= 0 || nd.stretch >= fill {
			continue
		}
		count++
		cjk = cjk || nd.cjk
	}
	if !cjk {
		return 0
	}
	return (r - 1) * (e.sst[b] - e.sst[s]) / float64(count)
}

// cjkBadness is r³, the measure of a line's looseness in its badness,
// with r for a loose line of ideographs from node s to break b the ratio
// its glue between characters is stretched by: emitLine spreads what such
// a line lacks beyond its full stretch evenly over its glue (evenSpread),
// so each gap between two ideographs takes as much as a word space, far
// beyond its own tenth of an em, and the breaker is to weigh that against
// other breaks. Only the demerits change: which lines are feasible, and
// their fitness classes, stay those of r.
func (e *engine) cjkBadness(s, b int, r float64) float64 {
	if r > 1 && e.ideographs {
		count, cjk := e.sgl[b]-e.sgl[s], e.scjk[b]-e.scjk[s]
		if count > 0 && cjk > 0 {
			beyond := (r - 1) * (e.sst[b] - e.sst[s]) / float64(count)
			r = 1 + beyond/(cjkStretch*e.size)
		}
	}
	return r * r * r
}

// tokenBreak reports whether node i is a break inside a token too long for
// any line (a URL, a long code word), as opposed to a hyphenation point or
// the explicit hyphen of a compound ("no-longer-used"): a word fragment
// after a hyphen is no reason for an unjustifiable line.
func (e *engine) tokenBreak(i int) bool {
	nd := &e.nodes[i]
	return nd.kind == nPen && nd.token
}

// Demerits of the line breaker, as in TeX (plain TeX's and LaTeX's
// values): a line's demerits are (linePenalty + badness)² plus its break's
// penalty squared, and these for the sequence of lines.
const (
	linePenalty = 10.0
	// doubleHyphenDemerits: two hyphenated lines in a row.
	doubleHyphenDemerits = 10000.0
	// adjDemerits: a line whose fitness class (tight, decent, loose, very
	// loose) is not next to that of the line before.
	adjDemerits = 10000.0
	// finalHyphenDemerits: the last full line of a paragraph hyphenated.
	finalHyphenDemerits = 5000.0
	// maxHyphenRun is the most lines in a row that may end in a hyphen.
	maxHyphenRun = 2
	// hyphenPenalty is the penalty of a break at a hyphenation point.
	// TeX's is 50, but TeX also has wider, more stretchable spaces after
	// a sentence, which let it avoid hyphens our even spacing would need:
	// measured on the same chapters of technical prose (A5, Noto Serif
	// 10.5pt), 50 hyphenates 18.8% of lines against xelatex's 16.5%, 300
	// 13.9%, with word spaces still more even than xelatex's. A compound's
	// own hyphen keeps TeX's \exhyphenpenalty of 50.
	hyphenPenalty = 300.0
)

// knuthPlass finds the breaks minimising total demerits with every line's
// adjustment ratio within [-1, tol] and, with limitRuns, no more than
// maxHyphenRun hyphenated lines in a row. It reports false when no such set
// exists.
func (e *engine) knuthPlass(width, tol float64, allowHyph, limitRuns bool) ([]int, bool) {
	bps := e.bps[:0]
	bps = append(bps, breakpoint{pos: -1, start: 0, prev: -1, fit: 1})
	if e.carry.on {
		// the paragraph goes on from the window before
		bps[0].fit, bps[0].run, bps[0].dem = e.carry.fit, e.carry.run, e.carry.dem
	}
	active := append(e.active[:0], 0)
	last := len(e.nodes) - 1
	n := len(e.nodes)
	if e.windowing {
		// a window's end is none of the paragraph's: the search stops
		// before the line endLine closed it with
		n -= 2
	}
	// The best way to each break, per fitness class and hyphen run.
	const classes = 4 * (maxHyphenRun + 1)
	for i := range n {
		if !e.legal(i, allowHyph) {
			continue
		}
		nd := &e.nodes[i]
		forced := nd.kind == nPen && nd.pen <= -infPen
		var best [classes]float64
		var from [classes]int32
		for k := range best {
			best[k] = math.Inf(1)
			from[k] = -1
		}
		keep := active[:0]
		for _, ai := range active {
			a := &bps[ai]
			if int(a.start) > i {
				keep = append(keep, ai)
				continue
			}
			r := e.lineRatio(int(a.start), i, width)
			extra := 0.0
			if math.IsInf(r, 1) && (e.tokenBreak(i) || (a.pos >= 0 && e.tokenBreak(int(a.pos)))) {
				// A line that is all one long token (a URL wider than the
				// measure) cannot stretch; it is set ragged, at a cost that
				// grows with the space left. Breaking such a line well short
				// of the measure is allowed only in the loosest pass, where
				// the next stretch of the token may not fit after it.
				L := e.sw[i] - e.sw[a.start]
				if nd.kind == nPen {
					L += nd.w
				}
				if nd.kind != nPen || L >= 0.7*width || tol >= lastTol {
					r, extra = tol, 200+4000*(width-L)/width
				}
			}
			run := int8(0)
			if nd.flagged {
				run = a.run + 1
			}
			if run > maxHyphenRun && limitRuns {
				run = -1
			}
			if r >= -1 && r <= tol && run >= 0 {
				run = min(run, maxHyphenRun)
				bad := 100*math.Abs(e.cjkBadness(int(a.start), i, r)) + extra
				d := (linePenalty + bad) * (linePenalty + bad)
				if nd.kind == nPen {
					switch {
					case nd.pen >= 0:
						d += nd.pen * nd.pen
					case nd.pen > -infPen:
						d -= nd.pen * nd.pen
					}
				}
				if nd.flagged && a.run > 0 {
					d += doubleHyphenDemerits
				}
				if i == last && a.run > 0 {
					d += finalHyphenDemerits
				}
				f := fitness(r)
				if f-a.fit > 1 || a.fit-f > 1 {
					d += adjDemerits
				}
				d += a.dem
				if c := int(f)*(maxHyphenRun+1) + int(run); d < best[c] {
					best[c], from[c] = d, ai
				}
			}
			if r < -1 || forced {
				continue // deactivate
			}
			keep = append(keep, ai)
		}
		active = keep
		start := int32(e.nextStart(i))
		for c := range best {
			if from[c] < 0 {
				continue
			}
			bps = append(bps, breakpoint{pos: int32(i), start: start, prev: from[c], fit: int8(c / (maxHyphenRun + 1)), run: int8(c % (maxHyphenRun + 1)), dem: best[c]})
			active = append(active, int32(len(bps)-1))
		}
		if len(active) == 0 {
			e.bps, e.active = bps, active
			return nil, false
		}
	}
	e.bps, e.active = bps, active
	if e.windowing {
		return e.windowBreaks(), true
	}
	bestI, bestD := int32(-1), math.Inf(1)
	for _, ai := range active {
		if int(bps[ai].pos) == last && bps[ai].dem < bestD {
			bestI, bestD = ai, bps[ai].dem
		}
	}
	if bestI < 0 {
		return nil, false
	}
	var breaks []int
	for b := bestI; b > 0; b = bps[b].prev {
		breaks = append(breaks, int(bps[b].pos))
	}
	for i, j := 0, len(breaks)-1; i < j; i, j = i+1, j-1 {
		breaks[i], breaks[j] = breaks[j], breaks[i]
	}
	return breaks, true
}

// firstFit breaks greedily: each line takes as much as fits (with its glue
// shrunk when justifying). Words wider than the measure were given break
// points, so every line fits unless a single glyph is wider than the measure.
func (e *engine) firstFit(width float64, justify bool) []int {
	var breaks []int
	s := 0
	// lastOK is the last break that fits; lastGood the last that fits and
	// is not a cut inside a word at an arbitrary letter, preferred when it
	// leaves the line at least half full.
	lastOK, lastGood := -1, -1
	goodW := 0.0
	for i := 0; i < len(e.nodes); i++ {
		if i < s || !e.legal(i, true) {
			continue
		}
		nd := &e.nodes[i]
		L := e.sw[i] - e.sw[s]
		if nd.kind == nPen {
			L += nd.w
		}
		if justify {
			L -= e.ssh[i] - e.ssh[s]
		}
		forced := nd.kind == nPen && nd.pen <= -infPen
		if L <= width+1e-9 {
			if forced {
				breaks = append(breaks, i)
				s, lastOK, lastGood = e.nextStart(i), -1, -1
				continue
			}
			lastOK = i
			if nd.kind != nPen || nd.pen < 300 {
				lastGood, goodW = i, L
			}
			continue
		}
		if lastOK >= 0 {
			b := lastOK
			if lastGood >= 0 && goodW >= width/2 {
				b = lastGood
			}
			breaks = append(breaks, b)
			s = e.nextStart(b)
			lastOK, lastGood = -1, -1
			i = s - 1
			continue
		}
		breaks = append(breaks, i)
		s = e.nextStart(i)
	}
	return breaks
}

// emitLines turns breaks into set lines.
func (e *engine) emitLines(breaks []int, width float64, mode alignMode) []tline {
	lines := make([]tline, 0, len(breaks))
	e.lineBreaks = e.lineBreaks[:0]
	s := 0
	for _, b := range breaks {
		if b < s {
			continue
		}
		lines = append(lines, e.emitLine(s, b, width, mode))
		if e.windowing {
			e.lineBreaks = append(e.lineBreaks, b)
		}
		s = e.nextStart(b)
	}
	return lines
}

type runAcc struct {
	open   bool
	x, w   float64
	st     style
	buf    []byte
	kerns  []Kern
	actual []Actual
	marks  []Mark
	marked bool
}

func (e *engine) emitLine(s, b int, width float64, mode alignMode) tline {
	ln := tline{off: -1, hyphen: e.nodes[b].kind == nPen && e.nodes[b].flagged}
	L := e.sw[b] - e.sw[s]
	hyphenAtEnd := e.nodes[b].kind == nPen && e.nodes[b].hyphen
	if hyphenAtEnd {
		L += e.nodes[b].w
	}
	r := 0.0
	if mode == alignJustify {
		r = e.lineRatio(s, b, width)
		// A loose line is stretched to the measure all the same: in a
		// justified paragraph a ragged line reads as a mistake, a loose
		// one only as loose. Only a line with nothing to stretch (one
		// word, or a fragment of a long token) is left ragged.
		if math.IsInf(r, 1) {
			r = 0
		}
		// A line ending inside a URL that no pass could set (its next
		// stretch did not fit) would open gaps of several spaces' width
		// between its few words: it is left ragged instead.
		if nd := &e.nodes[b]; r > 2.6 && nd.kind == nPen && nd.pen > -infPen && e.tokenBreak(b) {
			r = 0
		}
		if r < -1 {
			r = -1
		}
	}
	beyond := 0.0
	if r > 1 {
		beyond = e.evenSpread(s, b, r)
	}
	// natural width without the trailing fill glue
	ln.width = L
	x := 0.0
	apart := e.apartLine(s, b)
	ln.apart = apart
	switch {
	case mode == alignCenter, apart:
		// a picture set apart is centred, as a figure is
		x = math.Max(0, (width-L)/2)
	case mode == alignRight:
		x = math.Max(0, width-L)
	}
	// The run's scratch and the line's items are the engine's, reused line
	// after line; what the line keeps is copied out of them into slabs.
	acc := runAcc{buf: e.runBuf[:0], kerns: e.runKerns[:0], actual: e.runActual[:0]}
	ln.items = e.lineItems[:0]
	var linkT *linkTarget
	// linkRise is how far a picture in the link reaches above the
	// baseline: a badge taller than the text is a link all over.
	var linkX0, linkX1, linkSize, linkRise float64
	// linkStart is the index of the link's first item in the line's;
	// its items end at end, where its Link goes, so that the items
	// before it are its own (see Link.Runs).
	linkStart := 0
	closeLink := func(end int) {
		if linkT != nil && linkX1 > linkX0 {
			y, h := -linkSize*0.9, linkSize*1.15
			if linkRise > linkSize*0.9 {
				y, h = -linkRise, linkRise+linkSize*0.25
			}
			l := &Link{Rect: Rect{X: linkX0, Y: y, W: linkX1 - linkX0, H: h}, URL: linkT.url, Anchor: linkT.anchor, Runs: end - linkStart}
			ln.items = slices.Insert(ln.items, end, Item(l))
		}
		linkT = nil
	}
	// The tint behind highlighted text, the rule under underlined text
	// and the one through struck text run on over the spaces between
	// their words; the tints go first, under the text.
	var tints []Item
	hl := decoration{kind: decoTint, items: &tints}
	ul := decoration{kind: decoUnderline, items: &ln.items}
	sk := decoration{kind: decoStrike, items: &ln.items}
	closeRun := func() {
		if !acc.open {
			return
		}
		acc.open = false
		var extra *TextExtra
		if len(acc.actual) > 0 {
			extra = &TextExtra{Actual: append([]Actual(nil), acc.actual...)}
		}
		if len(acc.marks) > 0 {
			if extra == nil {
				extra = &TextExtra{}
			}
			extra.Marks = append([]Mark(nil), acc.marks...)
		}
		t := e.texts.one()
		*t = Text{X: acc.x, Y: -acc.st.raise, Face: acc.st.face, Size: acc.st.size, Text: string(acc.buf),
			Kerns: e.kernSlab.copyOf(acc.kerns), Gray: acc.st.gray, Extra: extra}
		ln.items = append(ln.items, t)
	}
	// The nodes in the order they are seen: their reading order, unless
	// the paragraph holds right-to-left text.
	var order []int32
	var edges []uint8
	count := b - s
	if e.bd.on {
		order = e.visualOrder(s, b)
		edges = e.ltrEdges(order)
		count = len(order)
	}
	for k := 0; k < count; k++ {
		i := s + k
		if order != nil {
			i = int(order[k])
		}
		nd := &e.nodes[i]
		switch nd.kind {
		case nGlue:
			if nd.kern {
				if acc.open {
					acc.kerns = append(acc.kerns, Kern{At: len(acc.buf), Dx: nd.w})
					acc.w += nd.w
				}
				x += nd.w
				continue
			}
			w := nd.w
			if beyond > 0 && nd.stretch > 0 && nd.stretch < fill {
				w += nd.stretch + beyond
			} else if r > 0 {
				w += r * nd.stretch
			} else if r < 0 {
				w += r * nd.shrink
			}
			if nd.stretch >= fill {
				w = 0
			}
			if nd.cjk && acc.open {
				if w != 0 {
					acc.kerns = append(acc.kerns, Kern{At: len(acc.buf), Dx: w})
					acc.w += w
				}
				x += w
				continue
			}
			closeRun()
			x += w
		case nBox:
			p := &e.boxes[nd.box]
			if p.mark != nil {
				ln.marks = append(ln.marks, p.mark)
			}
			if p.pic != nil {
				closeRun()
				picStart := len(ln.items)
				// The box's width is the picture's as the breaker set it;
				// held to that width, the picture has its height again.
				_, h, depth := e.inlinePictureBox(p.pic, p.st.size, width, nd.w)
				top, foot := h-depth+p.st.raise, depth-p.st.raise
				if dr := p.pic.drawing; dr != nil {
					s := 1.0
					if dr.w > 0 {
						s = nd.w / dr.w
					}
					ln.items = append(ln.items, dr.place(x, -p.st.raise, s, p.pic.alt)...)
				} else {
					ln.items = append(ln.items, &Picture{Rect: Rect{X: x, Y: -top, W: nd.w, H: h}, Asset: p.pic.asset, Alt: p.pic.alt, Pos: p.pic.pos})
				}
				if p.pic.emoji != nil {
					// its characters, invisible, where it stands: the
					// text copies out with the emoji in it
					ln.items = append(ln.items, &Text{X: x, Y: -p.st.raise, Face: p.st.face, Size: p.st.size, Text: p.pic.alt, Gray: p.st.gray, Extra: &TextExtra{Hidden: true, Width: nd.w}})
				}
				ln.hasText = true
				ln.depth = math.Max(ln.depth, foot)
				if p.pic.apart {
					// room above and below it, as the EPUB's margin
					top += apartSpace * p.st.size
					foot = math.Max(foot, apartSpace*p.st.size)
				}
				ln.rise, ln.drop = math.Max(ln.rise, top), math.Max(ln.drop, foot)
				hl.extend(p.st.highlight, p.st, x, x+nd.w)
				ul.extend(p.st.underline, p.st, x, x+nd.w)
				// a picture is not struck through
				sk.extend(false, p.st, x, x+nd.w)
				if p.st.link != linkT {
					n := len(ln.items)
					closeLink(picStart)
					if p.st.link != nil {
						linkT, linkX0, linkSize, linkRise = p.st.link, x, p.st.size, 0
						// the picture's items, after the Link closed
						linkStart = picStart + len(ln.items) - n
					}
				}
				x += nd.w
				if linkT != nil {
					linkX1 = x
					linkRise = math.Max(linkRise, top)
				}
				continue
			}
			if p.text == "" {
				x += nd.w
				continue
			}
			if p.off >= 0 && (ln.off < 0 || p.off < ln.off) {
				ln.off = p.off // the first in reading order
			}
			ln.hasText = true
			if acc.open && (acc.st != p.st || p.mark != nil || acc.marked) {
				closeRun()
			}
			if !acc.open {
				acc.open, acc.x, acc.w, acc.st, acc.marked = true, x, 0, p.st, p.mark != nil
				acc.buf = acc.buf[:0]
				acc.kerns = acc.kerns[:0]
				acc.actual = acc.actual[:0]
				acc.marks = acc.marks[:0]
			}
			text := dropInvisible(p.text)
			at := len(acc.buf)
			if p.orig != "" {
				// shaped: its glyphs, placed by the shaper, copied out as
				// its characters
				var dx float64
				acc.kerns, dx = shapedKerns(acc.kerns, p, at)
				acc.x += dx
				acc.buf = append(acc.buf, p.text...)
				for _, m := range p.raised {
					m.At, m.End = m.At+at, m.End+at
					acc.marks = append(acc.marks, m)
				}
				if p.level&1 == 1 {
					// right to left: a reader turns the glyphs' text
					// round with the line, so it is given reversed
					acc.actual = append(acc.actual, Actual{At: at, End: len(acc.buf), Text: rtlCopy(p.orig)})
				} else if n := len(acc.actual); n > 0 && acc.actual[n-1].End == at && (p.hyphenBefore || unspacedJoin(acc.actual[n-1].Text, p.orig)) {
					// the rest of a word cut for hyphenation where this
					// line does not break: the word copies out whole, as
					// one span, not as two words; and so do two words of
					// Thai, Lao, Khmer or Myanmar, which have no space
					// between them, or a viewer would copy out one (it
					// ends a span where its last glyph ends, a mark
					// short of the next span's start)
					acc.actual[n-1].End = len(acc.buf)
					acc.actual[n-1].Text += p.orig
				} else if j := unspacedTail(acc.buf[:at], acc.actual, p.orig); j < at {
					// the words of the same script set unshaped just before
					// it join its span (see unspacedJoin)
					acc.actual = joinActual(acc.actual, j, string(acc.buf[j:at])+p.orig, len(acc.buf))
				} else {
					acc.actual = append(acc.actual, Actual{At: at, End: len(acc.buf), Text: p.orig})
				}
			} else if p.level&1 == 1 {
				// right to left: no pair kerning, which is for the
				// letters in reading order
				acc.actual = rtlActual(acc.actual, text, len(acc.buf))
				acc.actual = nonJoinerActual(acc.actual, p.text, len(acc.buf))
				acc.marks = e.placeMarks(acc.marks, p, text, len(acc.buf))
				acc.buf = append(acc.buf, visualText(text, p.level)...)
			} else {
				acc.kerns = e.kerns(acc.kerns, text, p.st, len(acc.buf))
				acc.buf = append(acc.buf, text...)
				if n := len(acc.actual); n > 0 && acc.actual[n-1].End == at && unspacedJoin(acc.actual[n-1].Text, text) {
					// a word of the same script after a shaped one joins
					// its span, as its own characters
					acc.actual[n-1].End = len(acc.buf)
					acc.actual[n-1].Text += text
				}
			}
			if edges != nil {
				acc.actual = markEdges(acc.actual, string(acc.buf), at, edges[k], p.orig != "")
			}
			acc.w += nd.w
			hl.extend(p.st.highlight, p.st, x, x+nd.w)
			ul.extend(p.st.underline, p.st, x, x+nd.w)
			sk.extend(p.st.strike, p.st, x, x+nd.w)
			if p.st.link != linkT {
				closeLink(len(ln.items))
				if p.st.link != nil {
					linkT, linkX0, linkSize, linkRise = p.st.link, x, p.st.size, 0
					linkStart = len(ln.items) // the run open goes next
				}
			}
			x += nd.w
			if linkT != nil {
				linkX1 = x
				linkSize = math.Max(linkSize, p.st.size)
			}
		}
	}
	softHyphen := false
	if hyphenAtEnd && acc.open {
		softHyphen = true
		last, _ := utf8.DecodeLastRune(acc.buf)
		if k := e.m.Kern(acc.st.face, last, '-') * acc.st.size; k != 0 {
			acc.kerns = append(acc.kerns, Kern{At: len(acc.buf), Dx: k})
		}
		acc.buf = append(acc.buf, '-')
		acc.w += e.nodes[b].w
		hl.extend(acc.st.highlight, acc.st, x, x+e.nodes[b].w)
		ul.extend(acc.st.underline, acc.st, x, x+e.nodes[b].w)
		sk.extend(acc.st.strike, acc.st, x, x+e.nodes[b].w)
		x += e.nodes[b].w
	}
	closeRun()
	if softHyphen {
		// the word goes on in the next line: a reader reads it whole
		if t, ok := ln.items[len(ln.items)-1].(*Text); ok {
			if t.Extra == nil {
				t.Extra = &TextExtra{}
			}
			t.Extra.SoftHyphen = true
		}
	}
	closeLink(len(ln.items))
	hl.close()
	ul.close()
	sk.close()
	if tints != nil {
		ln.items = append(tints, ln.items...)
	}
	e.runBuf, e.runKerns, e.runActual = acc.buf, acc.kerns, acc.actual
	e.lineItems = ln.items
	ln.items = e.itemSlab.copyOf(ln.items)
	if e.bd.on && e.bd.para == 1 && (mode == alignLeft || mode == alignJustify) && x < width-0.01 && !apart {
		// A right-to-left paragraph starts on the right: a short line is
		// set flush right.
		shiftItems(ln.items, width-x, 0)
	}
	return ln
}

// decoration is a stretch of a line drawn under one decoration, from the
// start of its first piece to the end of its last: across the spaces and
// kerns between its words, as a pen runs on, but not past them, so a
// line ends with its decorated words and the next line starts with them.
type decoration struct {
	on     bool
	x0, x1 float64
	// size is the largest type in the stretch and raise its lowest
	// baseline: a superscript in it is covered, and does not lift it.
	size, raise, gray float64
	// kind is what is drawn; each stretch closed is added to items.
	kind  decoKind
	items *[]Item
}

// decoKind is a kind of decoration.
type decoKind uint8

const (
	decoTint decoKind = iota
	decoUnderline
	decoStrike
)

// extend adds a piece set from x0 to x1 in st, decorated or not (on); a
// piece that is not closes the stretch.
func (d *decoration) extend(on bool, st style, x0, x1 float64) {
	switch {
	case !on:
		d.close()
	case !d.on:
		d.on, d.x0, d.x1, d.size, d.raise, d.gray = true, x0, x1, st.size, st.raise, st.gray
	default:
		d.x1 = x1
		d.size = math.Max(d.size, st.size)
		d.raise = math.Min(d.raise, st.raise)
	}
}

// close ends the stretch, adding its tint or rule to items.
func (d *decoration) close() {
	if d.on && d.x1 > d.x0 {
		switch d.kind {
		case decoTint:
			*d.items = append(*d.items, d.tint())
		case decoUnderline:
			*d.items = append(*d.items, d.rule())
		case decoStrike:
			*d.items = append(*d.items, d.strike())
		}
	}
	d.on = false
}

// Where the decorations are drawn, in ems of the type. A highlight's tint
// reaches from above the ascenders to below the baseline, an em in all, so
// that at the tightest leading (1.0) it never covers the line above or
// below; the descenders' tips stand out of it, as under a marker pen. The
// underline's position and thickness are those of the bundled Noto fonts'
// post tables (its top 0.1 em below the baseline, 0.05 em thick), which
// the layout's Metrics do not give per font; the strikeout's middle is
// 0.28 em above the baseline, about half the lower-case letters' height,
// as thick.
const (
	tintTop        = 0.78
	tintBottom     = 0.22
	underlineTop   = 0.1
	underlineThick = 0.05
	strikeMiddle   = 0.28
	// tintGray is the highlight's fill: a grey of 14%, light enough for
	// black type on it to keep its contrast, dark enough not to drop out
	// on press (tints under about a tenth often do), and unlike a code
	// block's lighter 6%. The interior prints in black only; a yellow
	// would need a colour plate, or print as a grey of a few percent.
	tintGray = 0.86
)

// tint is the box behind a highlighted stretch.
func (d *decoration) tint() *Box {
	return &Box{Rect: Rect{X: d.x0, Y: -d.raise - tintTop*d.size, W: d.x1 - d.x0, H: (tintTop + tintBottom) * d.size}, Fill: true, FillGray: tintGray}
}

// rule is the rule under an underlined stretch.
func (d *decoration) rule() *Rule {
	y := -d.raise + (underlineTop+underlineThick/2)*d.size
	return &Rule{X1: d.x0, Y1: y, X2: d.x1, Y2: y, Width: underlineThick * d.size, Gray: d.gray}
}

// strike is the rule through a struck stretch.
func (d *decoration) strike() *Rule {
	y := -d.raise - strikeMiddle*d.size
	return &Rule{X1: d.x0, Y1: y, X2: d.x1, Y2: y, Width: underlineThick * d.size, Gray: d.gray}
}

// apartLine reports whether the line from node s to a break at b holds a
// picture set apart, which is alone on it.
func (e *engine) apartLine(s, b int) bool {
	for i := s; i < b && e.apartPics; i++ {
		if nd := &e.nodes[i]; nd.kind == nBox && e.boxes[nd.box].pic != nil && e.boxes[nd.box].pic.apart {
			return true
		}
	}
	return false
}

// apartSpace is the space, in ems, above a picture set apart from the
// text, besides the line's own, and the least below it.
const apartSpace = 0.5

// splitSyllables cuts the Thai, Lao, Khmer and Myanmar pieces of a word
// too wide for the measure into their letters, each with its marks, shaped
// one by one, so that a stretch of these scripts written without spaces
// (nor zero-width spaces between its words) breaks somewhere rather than
// runs past the margin: the breaker has no dictionary to find its words,
// and a break inside one is the lesser fault. A letter is not parted from
// the vowel written before it, nor from sara am, nor from the consonant
// stacked under it (after Khmer's coeng or Myanmar's virama).
func (e *engine) splitSyllables(pieces []piece, limit float64) []piece {
	thaiLao := false
	for _, p := range pieces {
		if mayShape(p.text) && strings.ContainsFunc(p.text, unspacedScript) {
			thaiLao = true
			break
		}
	}
	if !thaiLao {
		return pieces
	}
	// the width unshaped: near enough to tell a stretch wider than the
	// measure
	est := 0.0
	for _, p := range pieces {
		for _, r := range p.text {
			est += e.adv(p.st.face, r) * p.st.size
		}
	}
	if est <= limit {
		return pieces
	}
	var out []piece
	for _, p := range pieces {
		if p.mark != nil || p.pic != nil || p.orig != "" || !strings.ContainsFunc(p.text, unspacedScript) {
			out = append(out, p)
			continue
		}
		from := 0
		cut := pieceCutter{p: p}
		e.syllableCuts = wordbreak.Cuts(p.text, e.syllableCuts[:0])
		for _, i := range e.syllableCuts {
			out = append(out, cut.sub(from, i))
			from = i
		}
		out = append(out, cut.sub(from, len(p.text)))
	}
	return out
}

// unspacedScript reports a letter of Thai, Lao, Khmer or Myanmar, scripts
// that leave no space between words.
func unspacedScript(r rune) bool {
	return r >= 0x0E01 && r <= 0x0EFF || r >= 0x1780 && r <= 0x17FF || r >= 0x1000 && r <= 0x109F
}

// unspacedJoin reports whether text b follows text a with no space
// between them in the same script written without spaces.
func unspacedJoin(a, b string) bool {
	ra, _ := utf8.DecodeLastRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	s := wordbreak.ScriptOf(ra)
	return s != wordbreak.None && s == wordbreak.ScriptOf(rb)
}

// unspacedTail is where the text at the end of buf that is in the script
// of next, written without spaces, and not yet copied out by a span of
// actual begins; len(buf) if there is none.
func unspacedTail(buf []byte, actual []Actual, next string) int {
	from := 0
	if n := len(actual); n > 0 {
		from = actual[n-1].End
	}
	rn, _ := utf8.DecodeRuneInString(next)
	sc := wordbreak.ScriptOf(rn)
	if sc == wordbreak.None {
		return len(buf)
	}
	j := len(buf)
	for j > from {
		r, sz := utf8.DecodeLastRune(buf[from:j])
		if wordbreak.ScriptOf(r) != sc {
			break
		}
		j -= sz
	}
	return j
}

// joinActual adds the span of buf[j:end] copied out as text, taking in
// the span before it when that ends at j in the same script.
func joinActual(actual []Actual, j int, text string, end int) []Actual {
	if n := len(actual); n > 0 && actual[n-1].End == j && unspacedJoin(actual[n-1].Text, text) {
		actual[n-1].End = end
		actual[n-1].Text += text
		return actual
	}
	return append(actual, Actual{At: j, End: end, Text: text})
}
