package layout

import (
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/hyphen"
	"github.com/samizdat-press/samizdat/internal/layout/layouttest"
)

func testEngine(t testing.TB, m Metrics, hyph bool) *engine {
	t.Helper()
	o := options(func(o *Options) { o.Hyphenate = hyph })
	g, err := newGeom(o, 0)
	if err != nil {
		t.Fatal(err)
	}
	var hy *hyphen.Patterns
	if hyph {
		if hy, err = hyphen.Embedded().Load("en-US"); err != nil {
			t.Fatal(err)
		}
	}
	return newEngine(m, o, g, hy, nil)
}

// lineText joins a line's text runs, a space where the runs are apart.
func lineText(m Metrics, ln tline) (string, float64) {
	var sb strings.Builder
	end := 0.0
	for _, it := range ln.items {
		tx, ok := it.(*Text)
		if !ok {
			continue
		}
		if sb.Len() > 0 && tx.X > end+0.5 {
			sb.WriteByte(' ')
		}
		sb.WriteString(tx.Text)
		end = tx.X + textWidth(m, tx)
	}
	return sb.String(), end
}

func setText(e *engine, text string, width float64) []tline {
	segs := e.segsOf([]doc.Inline{&doc.Text{Text: text}}, e.baseStyle(e.size), false)
	return e.setPara(segs, width, 0, alignJustify)
}

const sample = "The revolutionary organization of typesetting requires hyphenation, and the consciousness of the proletariat is the extraordinary emancipation of the representatives of the bureaucracy from misunderstanding."

func TestHyphenationOnlyWhenAsked(t *testing.T) {
	m := realFonts(t)
	for _, hyph := range []bool{false, true} {
		e := testEngine(t, m, hyph)
		lines := setText(e, sample, 130)
		var joined []string
		hyphens := 0
		for _, ln := range lines {
			s, _ := lineText(m, ln)
			if strings.HasSuffix(s, "-") {
				hyphens++
				s = strings.TrimSuffix(s, "-") + "\x00"
			}
			joined = append(joined, s)
		}
		text := strings.ReplaceAll(strings.Join(joined, " "), "\x00 ", "")
		if text != sample {
			t.Errorf("hyphenate=%v: text changed:\n%q\n%q", hyph, text, sample)
		}
		if hyph && hyphens == 0 {
			t.Errorf("no hyphenated line in a 130pt measure: %q", joined)
		}
		if !hyph && hyphens > 0 {
			t.Errorf("hyphens without hyphenation: %q", joined)
		}
	}
}

func TestHyphenatedPartsFollowPatterns(t *testing.T) {
	m := realFonts(t)
	e := testEngine(t, m, true)
	// join the lines marking each hyphenation with "|"
	var sb strings.Builder
	for _, ln := range setText(e, sample, 120) {
		s, _ := lineText(m, ln)
		if strings.HasSuffix(s, "-") {
			sb.WriteString(strings.TrimSuffix(s, "-") + "|")
		} else {
			sb.WriteString(s + " ")
		}
	}
	breaks := 0
	for _, w := range strings.Fields(sb.String()) {
		if !strings.Contains(w, "|") {
			continue
		}
		word := strings.Trim(strings.ReplaceAll(w, "|", ""), ",.")
		allowed := map[int]bool{}
		for _, p := range e.hy.Hyphenate(word) {
			allowed[p] = true
		}
		at := 0
		for _, r := range strings.Trim(w, ",.") {
			if r == '|' {
				breaks++
				if !allowed[at] {
					t.Errorf("%q broken at %d, not a pattern break of %q", w, at, word)
				}
				continue
			}
			at++
		}
	}
	if breaks == 0 {
		t.Error("no hyphenation in a 120pt measure")
	}
}

func TestNoLineWiderThanMeasure(t *testing.T) {
	texts := []string{
		"See https://archive.example.org/collections/state-state-state-state-state-state-document.html?page=12&lang=en now.",
		"The Donaudampfschifffahrtsgesellschaftskapitänswitwe and Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz words.",
		"Unbroken " + strings.Repeat("x", 300) + " token, and " + strings.Repeat("中", 40) + " wide glyphs.",
		"Short words only here for a narrow column of text.",
	}
	for _, m := range []Metrics{fixedMetrics{}, realFonts(t)} {
		e := testEngine(t, m, true)
		for _, text := range texts {
			for w := 30.0; w <= 330; w += 25 {
				for _, mode := range []alignMode{alignJustify, alignLeft, alignCenter, alignRight} {
					segs := e.segsOf([]doc.Inline{&doc.Text{Text: text}}, e.baseStyle(e.size), false)
					for _, ln := range e.setPara(segs, w, 0, mode) {
						for _, it := range ln.items {
							if tx, ok := it.(*Text); ok && (tx.X < -0.01 || tx.X+textWidth(m, tx) > w+0.01) {
								t.Fatalf("width %g mode %d: %q spans %.2f–%.2f", w, mode, tx.Text, tx.X, tx.X+textWidth(m, tx))
							}
						}
					}
				}
			}
		}
	}
}

func TestJustifiedLinesFillTheMeasure(t *testing.T) {
	m := realFonts(t)
	e := testEngine(t, m, true)
	text := strings.Repeat(sample+" ", 4)
	lines := setText(e, text, 300)
	for i, ln := range lines[:len(lines)-1] {
		_, end := lineText(m, ln)
		if end < 299.99 || end > 300.01 {
			t.Errorf("line %d ends at %.2f, want the measure 300", i, end)
		}
	}
	_, end := lineText(m, lines[len(lines)-1])
	if end > 299 {
		t.Errorf("last line is not ragged: ends at %.2f", end)
	}
}

func TestHardBreak(t *testing.T) {
	m := fixedMetrics{}
	e := testEngine(t, m, false)
	segs := e.segsOf([]doc.Inline{&doc.Text{Text: "one two"}, &doc.Break{}, &doc.Text{Text: "three"}}, e.baseStyle(10), false)
	lines := e.setPara(segs, 300, 0, alignJustify)
	var got []string
	for _, ln := range lines {
		s, _ := lineText(m, ln)
		got = append(got, s)
	}
	if strings.Join(got, "|") != "one two|three" {
		t.Errorf("lines %q", got)
	}
	// the line before a hard break is not stretched
	if _, end := lineText(m, lines[0]); end > 100 {
		t.Errorf("line before the break stretched to %.1f", end)
	}
}

func TestFirstFitFallback(t *testing.T) {
	m := fixedMetrics{}
	e := testEngine(t, m, false)
	segs := e.segsOf([]doc.Inline{&doc.Text{Text: "aaaa bbbb cccc dddd eeee ffff"}}, e.baseStyle(10), false)
	e.buildNodes(segs, 0, 52, false, true)
	if _, ok := e.knuthPlass(52, 1, false, true); ok {
		t.Fatal("a 52pt measure for 20pt words with tolerance 1 should be infeasible")
	}
	lines := e.emitLines(e.firstFit(52, true), 52, alignJustify)
	if len(lines) != 3 {
		t.Errorf("first fit gave %d lines, want 3 (two words each)", len(lines))
	}
}

// TestGeneratedParagraphsNeedNoFallback: at the default measure every
// justified paragraph of the generated book is set by a Knuth–Plass pass.
func TestGeneratedParagraphsNeedNoFallback(t *testing.T) {
	b := layouttest.Book(4, 7)
	e := testEngine(t, realFonts(t), true)
	n := 0
	for _, en := range b.Chapters() {
		doc.Walk(en.Blocks, doc.Visitor{Block: func(bl doc.Block) bool {
			if p, ok := bl.(*doc.Paragraph); ok {
				n++
				e.setPara(e.segsOf(p.Content, e.baseStyle(e.size), false), e.g.textW, 0, alignJustify)
			}
			return true
		}})
	}
	if n < 100 || e.fallbacks != 0 {
		t.Errorf("%d of %d paragraphs fell back to first fit", e.fallbacks, n)
	}
}

// TestGlyphFallback: a rune the serif lacks comes from the mono face, or
// else from a fallback font; one no font has stays, recorded once by its
// script.
func TestGlyphFallback(t *testing.T) {
	e := testEngine(t, fixedMetrics{}, false)
	lines := setText(e, "left → right 中中文 かな", 300)
	var faces []string
	for _, it := range lines[0].items {
		if tx, ok := it.(*Text); ok {
			faces = append(faces, tx.Text+":"+tx.Face.String())
		}
	}
	want := "left:serif-regular →:mono-regular right:serif-regular 中中文:serif-regular かな:fallback1-regular"
	if got := strings.Join(faces, " "); got != want {
		t.Errorf("runs %q, want %q", got, want)
	}
	if got := e.missing.order; len(got) != 1 || got[0] != "Han" || string(e.missing.by["Han"].runes) != "中文" {
		t.Errorf("missing %q", got)
	}
}

// TestCodeLines: long code lines wrap inside the measure behind a
// continuation mark, and each piece's page-map offset points at its text.
func TestCodeLines(t *testing.T) {
	m := fixedMetrics{}
	e := testEngine(t, m, false)
	cb := &doc.CodeBlock{Text: "\tindented " + strings.Repeat("abc ", 40) + "\nshort\n\t\tx := 1"}
	g := &galley{e: e, entry: &doc.Entry{}, attached: map[*doc.Note]bool{}}
	g.code(cb, bctx{width: 200, size: 10, lead: 13})
	runes := []rune(cb.Text)
	wrapped := 0
	for _, el := range g.elems {
		if el.mark == nil {
			continue
		}
		var texts []string
		for _, it := range el.items {
			if tx, ok := it.(*Text); ok {
				if tx.X+textWidth(m, tx) > 200.01 {
					t.Errorf("%q runs past the measure", tx.Text)
				}
				texts = append(texts, tx.Text)
			}
		}
		if len(texts) == 0 {
			continue
		}
		body := texts[len(texts)-1]
		if len(texts) > 1 {
			wrapped++
			if !strings.HasPrefix(texts[0], e.contMark()) {
				t.Errorf("continuation starts with %q", texts[0])
			}
		}
		want := strings.TrimLeft(body, " ")
		got := strings.TrimLeft(string(runes[el.mark.off:]), "\t ")
		if !strings.HasPrefix(got, want) {
			t.Errorf("offset %d gives %q…, line shows %q", el.mark.off, got[:min(len(got), 20)], want)
		}
	}
	if wrapped < 2 {
		t.Errorf("%d continuation lines, want at least 2", wrapped)
	}
}

// A paragraph of long names in a narrow measure has lines the breaker can
// only set loose. They are still justified (the right edge straight), and
// a word fragment after a hyphen never stands alone on a line.
func TestLooseLinesAreStillJustified(t *testing.T) {
	m := realFonts(t)
	e := testEngine(t, m, true)
	text := "The Workers Opposition, led by Shliapnikov, Alexandra Kollontai, and Medvedev, believed that the revolution was doomed if the Party failed to introduce radical changes in the organization of work, restore freedom and authority to the trade unions, and make an immediate turn towards establishing a true Soviet democracy."
	segs := e.segsOf([]doc.Inline{&doc.Text{Text: text}}, e.baseStyle(e.size), false)
	for w := 150.0; w <= 340; w += 5 {
		lines := e.setPara(segs, w, 0, alignJustify)
		for i, ln := range lines[:len(lines)-1] {
			s, end := lineText(m, ln)
			if end < w-0.01 {
				t.Errorf("measure %.0f, line %d ends at %.1f: %q", w, i+1, end, s)
			}
			if !strings.Contains(s, " ") {
				t.Errorf("measure %.0f, line %d is a lone word: %q", w, i+1, s)
			}
		}
	}
}

// TestCompoundHyphenIsNoTokenBreak: the explicit hyphens of a compound
// ("no-longer-used") are ordinary breaks, so a line after one is justified
// like any other, even in a paragraph whose URL needs ragged lines.
func TestCompoundHyphenIsNoTokenBreak(t *testing.T) {
	m := realFonts(t)
	e := testEngine(t, m, true)
	const url = "https://doc.rust-lang.org/std/collections/struct.HashMap.html#method.entry_ref_value"
	text := "Some languages have garbage collection that regularly looks for no-longer-used memory as the program runs; in other languages, the programmer must explicitly allocate and free the memory, see " + url + " for more."
	// Where no pass of the line breaker can set the paragraph (in narrow
	// measures, a line holding the URL's start may need more stretch than
	// its few spaces have), the greedy fallback may leave any line short.
	greedy, widths := 0, 0
	for w := 100.0; w < 320; w += 3 {
		widths++
		e.fallbacks = 0
		lines := setText(e, text, w)
		if e.fallbacks > 0 {
			greedy++
			continue
		}
		for i, ln := range lines[:len(lines)-1] {
			s, end := lineText(m, ln)
			if hasURLPart(s, url) {
				continue // a line with part of the URL may be left ragged
			}
			if end < w-0.5 {
				t.Errorf("measure %.0fpt: line %d %q set %.0fpt short", w, i, s, w-end)
			}
		}
	}
	if greedy > widths/4 {
		t.Errorf("%d of %d measures set greedily", greedy, widths)
	}
}

func hasURLPart(line, url string) bool {
	for _, f := range strings.Fields(line) {
		if f = strings.TrimSuffix(f, "-"); len(f) >= 4 && strings.Contains(url, f) {
			return true
		}
	}
	return false
}

// TestHyphenRuns: no more than two lines in a row end in a hyphen, in any
// measure of 14 ems or more; narrower ones, on this text of long words,
// may need more to be set at all.
func TestHyphenRuns(t *testing.T) {
	m := realFonts(t)
	e := testEngine(t, m, true)
	text := strings.Repeat(sample+" Administrative centralization misrepresents the internationalization of extraordinary revolutionary consciousness. ", 3)
	longest := 0
	for w := 110.0; w < 300; w += 2 {
		e.fallbacks, e.hyphenRunsLifted = 0, 0
		lines := setText(e, text, w)
		if e.hyphenRunsLifted > 0 {
			if w >= 14*e.size {
				t.Errorf("measure %.0fpt: set only with more hyphenated lines in a row", w)
			}
			continue
		}
		run := 0
		for _, ln := range lines {
			if !ln.hyphen {
				run = 0
				continue
			}
			run++
			longest = max(longest, run)
			if run > maxHyphenRun {
				s, _ := lineText(m, ln)
				t.Errorf("measure %.0fpt: %d hyphenated lines in a row, to %q", w, run, s)
			}
		}
	}
	if longest < maxHyphenRun {
		t.Errorf("never %d hyphenated lines in a row: the test tests nothing", maxHyphenRun)
	}
}

// A passage in another language is hyphenated by its own patterns: a
// Russian and a German paragraph, and a German span in an English one,
// on a narrow measure, break where their languages' patterns allow and
// never where only English patterns would.
func TestHyphenationByLanguage(t *testing.T) {
	m := realFonts(t)
	const (
		ru = "Все люди рождаются свободными и равными в своем достоинстве и правах. Они наделены разумом и совестью и должны поступать в отношении друг друга в духе братства."
		de = "Alle Menschen sind frei und gleich an Würde und Rechten geboren. Sie sind mit Vernunft und Gewissen begabt und sollen einander im Geist der Brüderlichkeit begegnen."
	)
	for _, tc := range []struct {
		name, lang string
		content    []doc.Inline
		blockLang  string
	}{
		{"Russian block", "ru", []doc.Inline{&doc.Text{Text: ru}}, "ru"},
		{"German block", "de", []doc.Inline{&doc.Text{Text: de}}, "de"},
		{"German span", "de", []doc.Inline{&doc.Span{Lang: "de", Content: []doc.Inline{&doc.Text{Text: de}}}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := testEngine(t, m, true) // the book's patterns: English
			restore := e.enterLang(&doc.Paragraph{BlockBase: doc.BlockBase{Lang: tc.blockLang}})
			segs := e.segsOf(tc.content, e.baseStyle(e.size), false)
			restore()
			patterns, err := hyphen.Embedded().For(tc.lang)
			if err != nil || patterns == nil {
				t.Fatalf("no %s patterns: %v", tc.lang, err)
			}
			var sb strings.Builder
			for _, ln := range e.setPara(segs, 100, 0, alignJustify) {
				s, _ := lineText(m, ln)
				if strings.HasSuffix(s, "-") {
					sb.WriteString(strings.TrimSuffix(s, "-") + "|")
				} else {
					sb.WriteString(s + " ")
				}
			}
			breaks := 0
			for _, w := range strings.Fields(sb.String()) {
				if !strings.Contains(w, "|") {
					continue
				}
				word := strings.Trim(strings.ReplaceAll(w, "|", ""), ",.")
				allowed := map[int]bool{}
				for _, p := range patterns.Hyphenate(word) {
					allowed[p] = true
				}
				at := 0
				for _, r := range strings.Trim(w, ",.") {
					if r == '|' {
						breaks++
						if !allowed[at] {
							t.Errorf("%q broken at %d, not a %s pattern break", w, at, tc.lang)
						}
						continue
					}
					at++
				}
			}
			if breaks == 0 {
				t.Errorf("no word hyphenated on a 100pt measure: %s", sb.String())
			}
		})
	}
}

// As TeX does with \pretolerance, a paragraph is first set without
// hyphenation: wherever it can be set so with no line looser than badness
// 100, no line of it ends in a hyphen, and hyphens appear only in measures
// where it cannot.
func TestNoHyphenWhereNoneIsNeeded(t *testing.T) {
	m := realFonts(t)
	e := testEngine(t, m, true)
	text := "The workers ask who we are. Are we really the prop of the class dictatorship, or are we just an obedient flock that serves as a support for those who carry out their own policy and build up industry without any regard to our opinions and creative abilities?"
	plain, hyphenated := 0, 0
	for w := 150.0; w < 400; w += 3 {
		segs := e.segsOf([]doc.Inline{&doc.Text{Text: text}}, e.baseStyle(e.size), false)
		e.prepareBidi(segs)
		e.buildNodes(segs, 0, w, false, true)
		_, fits := e.knuthPlass(w, 1.0, false, true)
		hyphens := 0
		for _, ln := range e.setPara(segs, w, 0, alignJustify) {
			if ln.hyphen {
				hyphens++
			}
		}
		switch {
		case fits && hyphens > 0:
			t.Errorf("measure %.0fpt: %d hyphenated lines where the paragraph could be set without", w, hyphens)
		case fits:
			plain++
		case hyphens > 0:
			hyphenated++
		}
	}
	if plain == 0 || hyphenated == 0 {
		t.Errorf("%d measures set without hyphens, %d with: the test tests nothing", plain, hyphenated)
	}
}

// An acronym, left unhyphenated, is a word in capitals; a word of a
// script without case is none.
func TestIsUpperWord(t *testing.T) {
	for w, want := range map[string]bool{"NASA": true, "ΟΗΕ": true, "Nasa": false, "nasa": false, "हिंदी": false, "பங்களிப்பாளர்": false} {
		if got := isUpperWord(w); got != want {
			t.Errorf("isUpperWord(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestHyphenatedCompoundBreaksAtItsHyphen: a word holding a hyphen of its
// own ("pattern-discovery") breaks there and nowhere else, as TeX and the
// style manuals have it: a second hyphen inside one of its parts reads as
// a compound of three words. The same part alone is hyphenated.
func TestHyphenatedCompoundBreaksAtItsHyphen(t *testing.T) {
	m := realFonts(t)
	e := testEngine(t, m, true)
	st := e.baseStyle(e.size)
	for _, c := range []struct {
		word string
		want []int // the breaks' byte offsets; nil: some pattern breaks
	}{
		{"pattern-discovery", []int{8}},
		{"data-processing,", []int{5}},
		{"discovery", nil},
	} {
		var got []int
		for _, b := range e.wordBreaks(nil, piece{text: c.word, st: st}, false, true) {
			got = append(got, b.idx)
		}
		if c.want == nil {
			if len(got) == 0 {
				t.Errorf("%q: no breaks, want the patterns'", c.word)
			}
			continue
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: breaks at %v, want %v", c.word, got, c.want)
		}
	}
}
