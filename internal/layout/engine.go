package layout

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/go-text/typesetting/segmenter"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/hyphen"
	"github.com/samizdat-press/samizdat/internal/labels"
	"github.com/samizdat-press/samizdat/internal/lang"
)

// engine sets the text of one goroutine's share of the book. It owns its
// scratch buffers, so engines run in parallel without locks.
type engine struct {
	m    Metrics
	o    Options
	g    *geom
	hy   *hyphen.Patterns
	size float64 // body size
	lead float64 // body line advance
	pos  doc.Pos // the block being set, for warnings
	// words are the headings and phrases the layout prints itself, in the
	// book's language, the same as the EPUB's.
	words labels.Labels

	// lang is the language of the block being set ("" the book's).
	lang string
	// memo holds what the engine learns that holds for the whole layout.
	*memo
	// missing are the characters of the entry being set that no font
	// has, and rtl its right-to-left text, each by script.
	missing  scriptRunes
	rtl      scriptRunes
	shaped   scriptRunes
	warnings []diag.Diagnostic
	urlNotes int
	// fallbacks counts justified paragraphs no Knuth–Plass pass could set,
	// hyphenRunsLifted those no pass could set without more than
	// maxHyphenRun hyphenated lines in a row.
	fallbacks        int
	hyphenRunsLifted int
	// pages are the pages of the pass before, for page references and the
	// index; use records what the galley being set took from them.
	pages *pageState
	use   pageUse
	// estimate sets paragraphs as estimateLines does, to count pages.
	estimate bool

	// bd orders right-to-left text in the paragraph being set.
	bd bidiState
	// seg finds the line breaks of East Asian text; cjk and cjkWord are
	// its scratch.
	seg     segmenter.Segmenter
	cjk     []int
	cjkWord []piece
	// ideographs: the paragraph being set holds ideographs or kana, and
	// its Latin paths and code words break at more places (cjk.go).
	ideographs bool
	// syllableCuts are where a word of Thai, Lao, Khmer or Myanmar too wide for
	// the measure may be cut between its clusters (splitSyllables).
	syllableCuts []int

	nodes  []node
	boxes  []piece
	word   []piece
	pieces []piece
	brks   []brk
	tok    []tokRune
	sw     []float64
	sst    []float64
	ssh    []float64
	// sgl and scjk count, before each node, the stretchable glue and the
	// stretchable glue between East Asian characters of a paragraph of
	// ideographs (cjkBadness); empty in others.
	sgl, scjk []int32
	bps       []breakpoint
	active    []int32
	// apartPics says the nodes hold a picture set apart from the text.
	apartPics bool
	// paraWindow, when not 0, replaces paraWindowWords (window.go);
	// windowing says a window of a paragraph is being set, resume and
	// lineBreaks are where its lines may start again and where they end.
	// windowExact says the breaks of the last window were found up to
	// where every way on agreed (windowBreaks); carry is the fitness and
	// hyphen run of the line before the next window.
	paraWindow  int
	windowing   bool
	windowExact bool
	// windowApprox: the window may grow no longer (windowBreaks).
	windowApprox bool
	// passOnly, when not passAny, is the one pass of the line breaker
	// tried (a window is set in the pass that sets its whole paragraph);
	// windowFailed says it could not set the window. windowDry finds a
	// window's breaks, in lineBreaks, without setting its lines.
	passOnly     int
	windowFailed bool
	windowDry    bool
	// continued: the window being set is not its paragraph's first.
	continued bool
	carry     struct {
		on       bool
		fit, run int8
		dem      float64
		// sw, sst and ssh are the prefix sums where the next window
		// starts.
		sw, sst, ssh float64
	}
	resume     []resumeAt
	lineBreaks []int
	chainAt    []int32

	// runBuf, runKerns, runActual and lineItems are emitLine's scratch;
	// texts, kernSlab and itemSlab hold what its lines keep.
	runBuf    []byte
	runKerns  []Kern
	runActual []Actual
	lineItems []Item
	texts     slab[Text]
	kernSlab  slab[Kern]
	itemSlab  slab[Item]
	// marks hold the lines' places in the text.
	marks slab[pmark]
}

// memo is what an engine learns that holds for the whole layout, whatever
// the pass and the gutter: the engines one worker runs in successive
// passes share one, so a pass after the first measures and hyphenates
// little afresh. It is never used by two goroutines at once.
type memo struct {
	// hyFor are the patterns of each language met, and hcache the breaks
	// found in each word, by patterns.
	hyFor  map[string]*hyphen.Patterns
	hcache map[*hyphen.Patterns]map[string][]int
	// cuts memoizes hyphenateShaped's shaping and cutting of each word.
	cuts map[cutKey]shapedCut
	// fallback memoizes Metrics.Fallback.
	fallback map[fallbackKey]fonts.Face
	// quotes memoizes the languages' quotation rules.
	quotes map[string]lang.Rules
	// glyph caches common runes per face: the advance in ems, or
	// -(advance+1) when the face lacks the glyph; unknown until filled.
	glyph [8][]float32
	// emojis are the pictures of the emoji a colour font draws, one per
	// glyph.
	emojis map[*fonts.Emoji]*doc.Asset
	// glyphBounds remembers the extents of the glyphs formulas are set
	// with (math.go).
	glyphBounds map[faceRune][2]float64
	// formulas are the formulas set, for the passes after the first.
	formulas map[mathKey]*drawing
	// displayWidth is the measure of the display formula being set,
	// where its tag goes flush right; 0 elsewhere.
	displayWidth float64
}

func newMemo() *memo {
	return &memo{hyFor: map[string]*hyphen.Patterns{}, hcache: map[*hyphen.Patterns]map[string][]int{},
		cuts: map[cutKey]shapedCut{}, fallback: map[fallbackKey]fonts.Face{}}
}

// memos are the memos of a layout's worker engines, one for each engine
// of a pass, kept from pass to pass.
type memos []*memo

// get is the memo of the i-th engine of a pass; with no memos, a new one.
func (ms memos) get(i int) *memo {
	if i >= len(ms) {
		return newMemo()
	}
	if ms[i] == nil {
		ms[i] = newMemo()
	}
	return ms[i]
}

const (
	cachedRunes  = 0x2500
	unknownGlyph = float32(-1e9)
)

func faceIndex(f fonts.Face) int { return (int(f.Family)*4 + int(f.Style)) & 7 }

func (e *engine) lookup(f fonts.Face, r rune) float32 {
	if invisible(r) {
		return 0
	}
	// Fallback fonts draw few characters; only the book's faces are cached.
	if r < 0 || r >= cachedRunes || f.Family > fonts.Mono {
		a := float32(e.m.Advance(f, r))
		if !e.m.HasGlyph(f, r) {
			return -a - 1
		}
		return a
	}
	tab := e.glyph[faceIndex(f)]
	if tab == nil {
		tab = make([]float32, cachedRunes)
		for i := range tab {
			tab[i] = unknownGlyph
		}
		e.glyph[faceIndex(f)] = tab
	}
	v := tab[r]
	if v == unknownGlyph {
		v = float32(e.m.Advance(f, r))
		if !e.m.HasGlyph(f, r) {
			v = -v - 1
		}
		tab[r] = v
	}
	return v
}

// adv is the advance of r in f, in ems.
func (e *engine) adv(f fonts.Face, r rune) float64 {
	v := e.lookup(f, r)
	if v < 0 {
		v = -v - 1
	}
	return float64(v)
}

// has reports whether f has a glyph for r.
func (e *engine) has(f fonts.Face, r rune) bool { return e.lookup(f, r) >= 0 }

// ligate replaces the letters of the standard ligatures in s with their
// presentation forms where st's face has them. Code and URLs keep their
// letters: a reader must see every character of them.
func (e *engine) ligate(s string, st style) string {
	if st.urlish || st.face.Family == fonts.Mono || strings.IndexByte(s, 'f') < 0 {
		return s
	}
	var b []byte
	done := 0
	for i := 0; i < len(s); {
		if s[i] != 'f' {
			i++
			continue
		}
		matched := false
		for _, l := range fonts.StandardLigatures {
			if strings.HasPrefix(s[i:], l.Letters) && e.has(st.face, l.Form) {
				if b == nil {
					b = make([]byte, 0, len(s)+4)
				}
				b = append(b, s[done:i]...)
				b = utf8.AppendRune(b, l.Form)
				i += len(l.Letters)
				done, matched = i, true
				break
			}
		}
		if !matched {
			i++
		}
	}
	if b == nil {
		return s
	}
	return string(append(b, s[done:]...))
}

// kerns appends the pair kerning inside s, set in st, to ks, with byte
// offsets from base.
func (e *engine) kerns(ks []Kern, s string, st style, base int) []Kern {
	prev := rune(-1)
	for i, r := range s {
		if prev >= 0 {
			if k := e.m.Kern(st.face, prev, r); k != 0 {
				ks = append(ks, Kern{At: base + i, Dx: k * st.size})
			}
		}
		prev = r
	}
	return ks
}

// newMark is a line's place in the text, m, from the engine's slab.
func (e *engine) newMark(m pmark) *pmark {
	p := e.marks.one()
	*p = m
	return p
}

// newEngine is an engine learning into mem, a new memo when nil.
func newEngine(m Metrics, o Options, g *geom, hy *hyphen.Patterns, mem *memo) *engine {
	if mem == nil {
		mem = newMemo()
	}
	return &engine{m: m, o: o, g: g, hy: hy, size: o.FontSize, lead: o.FontSize * o.Leading,
		words: labels.For(o.Language), memo: mem}
}

// quoteRules are the punctuation rules of a language tag ("" for the
// book's).
func (e *engine) quoteRules(tag string) lang.Rules {
	if tag == "" {
		tag = e.o.Language
	}
	r, ok := e.quotes[tag]
	if !ok {
		if e.quotes == nil {
			e.quotes = map[string]lang.Rules{}
		}
		r = e.o.Punctuation.For(tag)
		e.quotes[tag] = r
	}
	return r
}

// urlNote makes the synthetic note that prints a link's URL.
func (e *engine) urlNote(url string) *doc.Note {
	// A dagger and a count of its own, so link notes never take the
	// numbers or letters of the book's notes.
	e.urlNotes++
	label := "†" + itoa(e.urlNotes)
	return &doc.Note{Kind: doc.FootnoteNote, Label: label, Refs: 1, Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{&doc.Link{URL: url, External: true, Content: []doc.Inline{&doc.Code{Text: url}}}}},
	}}
}

func (e *engine) baseStyle(size float64) style {
	return style{face: fonts.Face{Family: fonts.Serif, Style: fonts.Regular}, size: size, lang: e.lang}
}

// enterLang sets the blocks of b in its language, when it marks one; the
// function returned restores the language around it.
func (e *engine) enterLang(b doc.Block) func() {
	if b == nil {
		return func() {}
	}
	l := b.Base().Lang
	if l == "" || l == e.lang {
		return func() {}
	}
	saved := e.lang
	e.lang = l
	return func() { e.lang = saved }
}

// hyphens returns the hyphenation patterns for text in language tag ("" is
// the book's), nil when it is not hyphenated.
func (e *engine) hyphens(tag string) *hyphen.Patterns {
	if tag == "" || !e.o.Hyphenate {
		return e.hy
	}
	p, ok := e.hyFor[tag]
	if !ok {
		// The embedded files cannot fail to load once the book's did; a
		// language without patterns is set unhyphenated.
		p, _ = hyphen.Embedded().For(tag)
		e.hyFor[tag] = p
	}
	return p
}

// segsOf flattens inline content for one block.
func (e *engine) segsOf(ins []doc.Inline, st style, inNote bool) []seg {
	f := flattener{e: e, inNote: inNote}
	f.inlines(ins, st)
	return f.out
}

// plainSegs is one run of literal text.
func plainSegs(text string, st style) []seg {
	return []seg{{kind: segText, text: text, st: st}}
}

// textSegs is text in st as the flattener sets it: plain text, its emoji
// a colour font draws set as pictures.
func (e *engine) textSegs(text string, st style) []seg {
	f := flattener{e: e}
	f.text(text, st)
	return f.out
}

// textRuns sets text on one line in st from x, splitting it into runs of
// faces that have its glyphs; it returns the items (relative to the
// baseline) and the width.
func (e *engine) textRuns(text string, st style, x float64) ([]Item, float64) {
	if cm, ok := e.m.(ColorEmojiMetrics); ok && !hasRTL(text) {
		if spans := cm.ColorEmojis(st.face, text); len(spans) > 0 {
			// its emoji a colour font draws are pictures between the
			// runs, as in a paragraph's lines
			var items []Item
			w0, at := x, 0
			for _, sp := range spans {
				if sp.At < at || sp.End > len(text) || sp.At >= sp.End || sp.Emoji == nil {
					continue
				}
				if at < sp.At {
					it, w := e.plainRuns(text[at:sp.At], st, x)
					items, x = append(items, it...), x+w
				}
				pic := &inlinePicture{asset: e.emojiAsset(sp.Emoji), alt: text[sp.At:sp.End], pos: e.pos, emoji: sp.Emoji}
				w, h, depth := e.inlinePictureBox(pic, st.size, 0, math.Inf(1))
				items = append(items, &Picture{Rect: Rect{X: x, Y: -(h - depth + st.raise), W: w, H: h}, Asset: pic.asset, Alt: pic.alt, Pos: pic.pos},
					&Text{X: x, Y: -st.raise, Face: st.face, Size: st.size, Text: pic.alt, Gray: st.gray, Extra: &TextExtra{Hidden: true, Width: w}})
				x += w
				at = sp.End
			}
			if at < len(text) {
				it, w := e.plainRuns(text[at:], st, x)
				items, x = append(items, it...), x+w
			}
			return items, x - w0
		}
	}
	return e.plainRuns(text, st, x)
}

// plainRuns is textRuns for text with no emoji drawn as pictures.
func (e *engine) plainRuns(text string, st style, x float64) ([]Item, float64) {
	parts := e.pieces[:0]
	for _, run := range e.visualRuns(text) {
		from := len(parts)
		parts = e.coverFaces(piece{text: run.text, st: st, level: run.level}, parts)
		for i := from; i < len(parts); i++ {
			parts[i].level = run.level
		}
		if run.level&1 == 1 {
			// a right-to-left run's parts are seen from the last
			slices.Reverse(parts[from:])
		}
	}
	e.pieces = parts
	var items []Item
	w0 := x
	for _, p := range parts {
		if p.text == "" {
			continue
		}
		if e.shapePiece(&p) {
			if p.level&1 == 1 {
				p.orig = rtlCopy(p.orig)
			}
			kerns, dx := shapedKerns(nil, &p, 0)
			items = append(items, &Text{X: x + dx, Y: -p.st.raise, Face: p.st.face, Size: p.st.size, Text: p.text, Kerns: kerns,
				Gray: p.st.gray, Extra: &TextExtra{Actual: []Actual{{At: 0, End: len(p.text), Text: p.orig}}}})
			x += p.w
			continue
		}
		t := e.ligate(dropInvisible(p.text), p.st)
		if p.level&1 == 1 {
			t = visualText(dropInvisible(p.text), p.level)
		}
		w := e.textWidth(t, p.st)
		items = append(items, &Text{X: x, Y: -p.st.raise, Face: p.st.face, Size: p.st.size, Text: t, Kerns: e.kerns(nil, t, p.st, 0), Gray: p.st.gray})
		x += w
	}
	return items, x - w0
}

// invisible reports a format character that steers joining, direction or
// line breaking and is not drawn: the zero-width space, non-joiner and
// joiner, the directional marks, embeddings and isolates, the word joiner
// and the zero-width no-break space. They take no room and ask no font for
// a glyph; drawn, a font without them would print its blank box.
func invisible(r rune) bool {
	return r >= 0x200B && r <= 0x200F || r >= 0x202A && r <= 0x202E || r == 0x2060 || r >= 0x2066 && r <= 0x2069 || r == 0xFEFF
}

// dropInvisible is s without its invisible characters (which copy out of
// the PDF no more than they print).
func dropInvisible(s string) string {
	if !strings.ContainsFunc(s, invisible) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if invisible(r) {
			return -1
		}
		return r
	}, s)
}
