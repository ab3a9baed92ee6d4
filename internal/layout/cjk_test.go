package layout

import (
	"math"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// cjkMetrics is fixedMetrics with every East Asian character in the serif
// faces, an em wide.
type cjkMetrics struct{ fixedMetrics }

func (m cjkMetrics) HasGlyph(f fonts.Face, r rune) bool {
	if eastAsian(r) {
		return true
	}
	return m.fixedMetrics.HasGlyph(f, r)
}

func (m cjkMetrics) Advance(f fonts.Face, r rune) float64 {
	if eastAsian(r) {
		return 1
	}
	return m.fixedMetrics.Advance(f, r)
}

// The opening of the Universal Declaration of Human Rights in Japanese
// and in Chinese: no spaces, commas and full stops that close a phrase.
const (
	udhrJa = "すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。人間は、理性と良心とを授けられており、互いに同胞の精神をもって行動しなければならない。"
	udhrZh = "人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心，并应以兄弟关系的精神相对待。"
)

// Text without spaces breaks between its characters, never before a
// closing comma or full stop, and each line but the last is justified to
// the measure by the glue between characters.
func TestEastAsianLineBreaks(t *testing.T) {
	m := cjkMetrics{}
	for _, text := range []string{udhrJa, udhrZh, "Latin words and " + udhrJa} {
		e := testEngine(t, m, false)
		width := 12.5 * e.size
		lines := setText(e, text, width)
		if len(lines) < 3 {
			t.Fatalf("%d lines for %d characters on a 12-em measure", len(lines), len([]rune(text)))
		}
		var got []string
		for i, ln := range lines {
			s, end := lineText(m, ln)
			got = append(got, s)
			first := []rune(s)[0]
			if strings.ContainsRune("、。,，", first) {
				t.Errorf("line %d starts with %q: %q", i+1, first, s)
			}
			if end > width+0.01 {
				t.Errorf("line %d is %.2fpt wide, more than the %.2fpt measure: %q", i+1, end, width, s)
			}
			if i < len(lines)-1 && end < width-0.01 {
				t.Errorf("line %d is %.2fpt wide in a justified %.2fpt measure: %q", i+1, end, width, s)
			}
		}
		if joined := strings.Join(got, ""); strings.ReplaceAll(joined, " ", "") != strings.ReplaceAll(text, " ", "") {
			t.Errorf("text changed:\n%s\n%s", joined, text)
		}
	}
}

// Breaks come where UAX #14 allows them next to an East Asian character
// only: a Latin word keeps its letters together, and a note marker stays
// with the character before it.
func TestEastAsianBreakPlaces(t *testing.T) {
	var e engine
	for _, tc := range []struct {
		text string
		want string // the text with | at each break
	}{
		{"人間は、生まれ", "人|間|は、|生|ま|れ"},
		{"「自由」である", "「自|由」|で|あ|る"},
		{"abc-def/ghi", "abc-def/ghi"},
		{"東京Tokyo大阪", "東|京|Tokyo|大|阪"},
		{"ラッシュ", "ラッ|シュ"},
	} {
		brks := eastAsianBreaks(&e.seg, tc.text, nil)
		var b strings.Builder
		last := 0
		for _, at := range brks {
			b.WriteString(tc.text[last:at] + "|")
			last = at
		}
		b.WriteString(tc.text[last:])
		if b.String() != tc.want {
			t.Errorf("%s: breaks %s, want %s", tc.text, b.String(), tc.want)
		}
	}
}

// A note marker after an ideograph never starts a line.
func TestEastAsianNoteMarker(t *testing.T) {
	m := cjkMetrics{}
	e := testEngine(t, m, false)
	n := &doc.Note{ID: "n1", Label: "1", Refs: 1}
	segs := e.segsOf([]doc.Inline{&doc.Text{Text: "人間"}, &doc.NoteRef{Note: n}, &doc.Text{Text: "は生まれながらにして自由であり"}}, e.baseStyle(e.size), false)
	for width := 2.0; width < 8; width++ {
		for i, ln := range e.setPara(segs, width*e.size, 0, alignJustify) {
			if s, _ := lineText(m, ln); i > 0 && strings.HasPrefix(s, "1") {
				t.Errorf("a %g-em line starts with the note marker: %q", width, s)
			}
		}
	}
}

// BenchmarkEastAsianBreaks measures finding the breaks of a Japanese
// paragraph (UAX #14 through go-text's segmenter); b.SetBytes counts its
// bytes.
func BenchmarkEastAsianBreaks(b *testing.B) {
	var e engine
	text := strings.Repeat(udhrJa, 10)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		e.cjk = eastAsianBreaks(&e.seg, text, e.cjk[:0])
	}
}

// BenchmarkEastAsianBreaksLatin measures the cost to European text: the
// first test finds nothing to do.
func BenchmarkEastAsianBreaksLatin(b *testing.B) {
	var e engine
	text := strings.Repeat("The revolutionary organization of typesetting ", 10)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		e.cjk = eastAsianBreaks(&e.seg, text, e.cjk[:0])
	}
}

// Thai is written without spaces between words, and the segmenter has no
// dictionary to find them: a line breaks at the zero-width spaces an
// author puts between words, which are not drawn, and nowhere inside a
// word.
func TestZeroWidthSpaceBreaks(t *testing.T) {
	m := fixedMetrics{}
	e := testEngine(t, m, false)
	words := []string{"ประเทศ", "ประชากร", "ภาษา", "ประเทศ", "ภาษา", "ประชากร"}
	restore := e.enterLang(&doc.Paragraph{BlockBase: doc.BlockBase{Lang: "th"}})
	segs := e.segsOf([]doc.Inline{&doc.Text{Text: strings.Join(words, "\u200B")}}, e.baseStyle(e.size), false)
	lines := e.setPara(segs, 60, 0, alignLeft)
	restore()
	if len(lines) < 2 {
		t.Fatalf("%d lines", len(lines))
	}
	var got []string
	for _, ln := range lines {
		s, _ := lineText(m, ln)
		if strings.ContainsRune(s, '\u200B') {
			t.Errorf("zero-width space drawn: %q", s)
		}
		got = append(got, s)
	}
	// each line is whole words, in order
	rest := strings.Join(words, "")
	for _, s := range got {
		for len(words) > 0 && strings.HasPrefix(s, words[0]) {
			s = s[len(words[0]):]
			words = words[1:]
		}
		if s != "" {
			t.Errorf("a line breaks inside a word: %q", got)
			break
		}
	}
	if strings.Join(got, "") != rest {
		t.Errorf("lines %q, want the words %q in order", got, rest)
	}
}

// Korean puts spaces between words: a justified line of it breaks between
// syllables where it must, but is spread at its spaces alone, never
// between the letters of a word.
func TestKoreanJustifiesAtSpaces(t *testing.T) {
	const udhrKo = "모든 인간은 태어날 때부터 자유로우며 그 존엄과 권리에 있어 동등하다. 인간은 천부적으로 이성과 양심을 부여받았으며 서로 형제애의 정신으로 행동하여야 한다."
	m := cjkMetrics{}
	for _, width := range []float64{9.5, 12.5, 15} {
		e := testEngine(t, m, false)
		w := width * e.size
		lines := setText(e, udhrKo, w)
		if len(lines) < 3 {
			t.Fatalf("%d lines on a %g-em measure", len(lines), width)
		}
		for i, ln := range lines {
			var sb strings.Builder
			end := 0.0
			for _, it := range ln.items {
				tx, ok := it.(*Text)
				if !ok {
					continue
				}
				if sb.Len() > 0 && tx.X > end+0.01 {
					sb.WriteByte(' ')
				}
				// glue between syllables that stretched is kerning
				// inside the run
				from := 0
				for _, k := range tx.Kerns {
					sb.WriteString(tx.Text[from:k.At])
					if k.Dx > 0.01 {
						sb.WriteByte(' ')
					}
					from = k.At
				}
				sb.WriteString(tx.Text[from:])
				end = tx.X + textWidth(m, tx)
			}
			if !strings.Contains(udhrKo, sb.String()) {
				t.Errorf("%g ems, line %d: %q has gaps the text has not", width, i+1, sb.String())
			}
			if i < len(lines)-1 && strings.Contains(sb.String(), " ") && end < w-0.01 {
				t.Errorf("%g ems, line %d is %.2fpt wide in a justified %.2fpt measure: %q", width, i+1, end, w, sb.String())
			}
		}
	}
}

// An ideograph and a Latin letter or digit beside it with no space are
// set a quarter em apart, in a ragged line; none is added beside Hangul,
// punctuation or a space the text has.
func TestAutospace(t *testing.T) {
	m := cjkMetrics{}
	for _, c := range []struct {
		text string
		gaps []string // the characters each quarter em follows
	}{
		{"变量foo用var命令", []string{"量", "o", "用", "r"}},
		{"2018年发布", []string{"8"}},
		{"ES6，明确规定", nil},
		{"（binding）这个", nil},
		{"한국어abc", nil},
	} {
		e := testEngine(t, m, false)
		restore := e.enterLang(&doc.Paragraph{BlockBase: doc.BlockBase{Lang: "zh"}})
		segs := e.segsOf([]doc.Inline{&doc.Text{Text: c.text}}, e.baseStyle(e.size), false)
		lines := e.setPara(segs, 40*e.size, 0, alignLeft)
		restore()
		var gaps []string
		end := -1.0
		var last string
		for _, it := range lines[0].items {
			tx, ok := it.(*Text)
			if !ok {
				continue
			}
			for _, k := range tx.Kerns {
				if d := k.Dx / e.size; d > 0.2 && d < 0.3 {
					r := []rune(tx.Text[:k.At])
					gaps = append(gaps, string(r[len(r)-1]))
				}
			}
			if end >= 0 {
				if d := (tx.X - end) / e.size; d > 0.2 && d < 0.3 {
					r := []rune(last)
					gaps = append(gaps, string(r[len(r)-1]))
				}
			}
			end, last = tx.X+textWidth(m, tx), tx.Text
		}
		if strings.Join(gaps, " ") != strings.Join(c.gaps, " ") {
			t.Errorf("%q: a quarter em after %q, want after %q", c.text, gaps, c.gaps)
		}
	}
}

// quoteMetrics is fixedMetrics whose kana font has the curly quotation
// marks too.
type quoteMetrics struct{ fixedMetrics }

func (m quoteMetrics) HasGlyph(f fonts.Face, r rune) bool {
	if f.Family >= fonts.FirstFallback && strings.ContainsRune("“”", r) {
		return true
	}
	return m.fixedMetrics.HasGlyph(f, r)
}

// In Chinese and Japanese a curly quotation mark beside an ideograph or
// kana is drawn by their font, full width; in English and Korean it
// stays the book font's. Neither an opening mark ends a line nor a closing
// one starts one.
func TestCJKQuotationMarks(t *testing.T) {
	m := quoteMetrics{}
	for _, c := range []struct {
		lang     string
		fallback bool
	}{{"ja", true}, {"zh", true}, {"en", false}, {"ko", false}} {
		e := testEngine(t, m, false)
		restore := e.enterLang(&doc.Paragraph{BlockBase: doc.BlockBase{Lang: c.lang}})
		segs := e.segsOf([]doc.Inline{&doc.Text{Text: "かな“かな”かな"}}, e.baseStyle(e.size), false)
		lines := e.setPara(segs, 40*e.size, 0, alignLeft)
		restore()
		for _, it := range lines[0].items {
			if tx, ok := it.(*Text); ok && strings.ContainsAny(tx.Text, "“”") {
				if got := tx.Face.Family >= fonts.FirstFallback; got != c.fallback {
					t.Errorf("%s: %q set in %v, want the kana's font %v", c.lang, tx.Text, tx.Face, c.fallback)
				}
			}
		}
	}
	// UAX #14 already keeps an opening mark with what follows it and a
	// closing one with what precedes it
	e := testEngine(t, m, false)
	const text = "就“绑定”了"
	for _, at := range eastAsianBreaks(&e.seg, text, nil) {
		if at == len("就“") || at == len("就“绑定") {
			t.Errorf("%q: a break at %d", text, at)
		}
	}
}

// TestCJKParagraphIndent: Chinese indents every paragraph by two
// characters and Japanese by one, the first after a heading too, but not
// the first of a list item or a quotation; English indents a paragraph
// after another, by one and a half ems.
func TestCJKParagraphIndent(t *testing.T) {
	filler := " words words words words words words words words words words words words words words."
	blocks := func() []doc.Block {
		return []doc.Block{
			&doc.Heading{Level: 2, Content: []doc.Inline{txt("Heading")}},
			para(txt("Alpha" + filler)), para(txt("Bravo" + filler)),
			&doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{para(txt("Charlie" + filler)), para(txt("Delta" + filler))}}}},
			&doc.BlockQuote{Blocks: []doc.Block{para(txt("Echo" + filler))}},
			para(txt("Foxtrot" + filler)),
		}
	}
	for _, c := range []struct {
		lang string
		ems  map[string]float64 // first-line indent of each paragraph, from its block's edge
	}{
		{"zh", map[string]float64{"Alpha": 2, "Bravo": 2, "Charlie": 0, "Delta": 2, "Echo": 0, "Foxtrot": 2}},
		{"ja", map[string]float64{"Alpha": 1, "Bravo": 1, "Charlie": 0, "Delta": 1, "Echo": 0, "Foxtrot": 1}},
		{"en", map[string]float64{"Alpha": 0, "Bravo": 1.5, "Charlie": 0, "Delta": 1.5, "Echo": 0, "Foxtrot": 0}},
	} {
		ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Title: []doc.Inline{txt("Indents")}, Blocks: blocks()}
		o := options(func(o *Options) { o.Language = c.lang })
		d := checkBook(t, &doc.Book{Meta: doc.Meta{Title: "Indents", Language: c.lang}, Entries: []*doc.Entry{ch}}, fixedMetrics{}, o)
		// each paragraph's first line, against its second (which starts at
		// the block's edge)
		starts := map[string][]float64{}
		for _, p := range d.Pages {
			for _, it := range p.Items {
				tx, ok := it.(*Text)
				if w := strings.Fields(textOf(it)); !ok || len(w) == 0 {
					continue
				} else if _, ok := c.ems[w[0]]; !ok {
					continue
				}
				next, left := math.Inf(1), math.Inf(1)
				for _, it2 := range p.Items {
					if t2, ok := it2.(*Text); ok && t2.Y > tx.Y+0.1 && t2.Y < next {
						next = t2.Y
					}
				}
				for _, it2 := range p.Items {
					if t2, ok := it2.(*Text); ok && t2.Y == next {
						left = math.Min(left, t2.X)
					}
				}
				starts[strings.Fields(tx.Text)[0]] = []float64{tx.X, left}
			}
		}
		for word, ems := range c.ems {
			xs := starts[word]
			if len(xs) < 2 {
				t.Errorf("%s: %s has no second line", c.lang, word)
				continue
			}
			if got := (xs[0] - xs[1]) / o.FontSize; math.Abs(got-ems) > 0.01 {
				t.Errorf("%s: %s indented %.2f ems, want %g", c.lang, word, got, ems)
			}
		}
	}
}

func textOf(it Item) string {
	if tx, ok := it.(*Text); ok {
		return tx.Text
	}
	return ""
}

// TestPunctuationSqueeze: a tight line takes back a quarter of the blank
// em of a full-width comma or an opening bracket before it breaks, as
// CLREQ and JLREQ compress punctuation; between ideographs it takes
// nothing back.
func TestPunctuationSqueeze(t *testing.T) {
	m := cjkMetrics{}
	for _, c := range []struct {
		text  string
		first string // the first line, on 19.95 ems
	}{
		{"一二三四五六七八九，一二三四五六七八九十", "一二三四五六七八九，一二三四五六七八九十"}, // 20 ems, a comma to squeeze
		{"一二三四五六七八九「一二三四五六七八九十", "一二三四五六七八九「一二三四五六七八九十"}, // an opening bracket
		{"一二三四五六七八九十一二三四五六七八九十", "一二三四五六七八九十一二三四五六七八九"},  // none
	} {
		e := testEngine(t, m, false)
		restore := e.enterLang(&doc.Paragraph{BlockBase: doc.BlockBase{Lang: "zh"}})
		segs := e.segsOf([]doc.Inline{&doc.Text{Text: c.text + "之後的文字。"}}, e.baseStyle(e.size), false)
		lines := e.setPara(segs, 19.95*e.size, 0, alignJustify)
		restore()
		if got, _ := lineText(m, lines[0]); got != c.first {
			t.Errorf("%q on 19.95 ems: first line %q, want %q", c.text, got, c.first)
		}
	}
}
