package layout

import (
	"math"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/doc"
)

const testURL = "https://example.org/a/very/long/path/segment/that/keeps/going/and/going/without/any/natural/break?query=parameters&and=more#fragment"

// urlChunks splits a URL where a reader expects it to break: after "://"
// and "/", before . ? & = #, after - and _.
func urlChunks(u string) []string {
	var out []string
	start := 0
	scheme := strings.Index(u, "://") + 3
	for i, r := range u {
		if i < scheme {
			continue
		}
		switch {
		case i == scheme, strings.ContainsRune(".?&=#", r) && i > start:
			out = append(out, u[start:i])
			start = i
		}
		if (r == '/' || r == '-' || r == '_') && i+1 < len(u) {
			out = append(out, u[start:i+1])
			start = i + 1
		}
	}
	return append(out, u[start:])
}

// urlCuts sets text in a justified paragraph of width w and returns the
// rune offsets in testURL where its lines break.
func urlCuts(t *testing.T, e *engine, ins []doc.Inline, w float64) []int {
	t.Helper()
	lines := e.setPara(e.segsOf(ins, e.baseStyle(e.size), false), w, 0, alignJustify)
	var parts []string
	for _, ln := range lines {
		s, _ := lineText(e.m, ln)
		parts = append(parts, s)
	}
	joined := strings.Join(parts, "\x00")
	var pat strings.Builder
	for i, r := range testURL {
		if i > 0 {
			pat.WriteString("\x00?")
		}
		pat.WriteString(regexp.QuoteMeta(string(r)))
	}
	loc := regexp.MustCompile(pat.String()).FindStringIndex(joined)
	if loc == nil {
		t.Fatalf("width %g: URL not found whole in %q", w, parts)
	}
	var cuts []int
	n := 0
	for _, r := range joined[loc[0]:loc[1]] {
		if r == 0 {
			cuts = append(cuts, n)
			continue
		}
		n++
	}
	return cuts
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// TestURLBreaks: a long URL in running text, in a code span or as a link's
// text breaks after "://" and "/", before . ? & = #, never inside the
// scheme, and between two letters only where a stretch between such breaks
// is wider than the line.
func TestURLBreaks(t *testing.T) {
	u := []rune(testURL)
	scheme := len("https://")
	for _, m := range []Metrics{fixedMetrics{}, realFonts(t)} {
		for _, hyph := range []bool{false, true} {
			e := testEngine(t, m, hyph)
			before := []doc.Inline{txt("The address of the archive was given in the letter, and the editors checked it again: see ")}
			after := txt(" for details, and more words after it to fill the paragraph out to several lines.")
			variants := map[string][]doc.Inline{
				"text": append(append([]doc.Inline(nil), before...), txt(testURL), after),
				"code": append(append([]doc.Inline(nil), before...), &doc.Code{Text: testURL}, after),
				"link": append(append([]doc.Inline(nil), before...), &doc.Link{URL: testURL, External: true, Content: []doc.Inline{txt(testURL)}}, after),
			}
			for name, ins := range variants {
				st := e.baseStyle(e.size)
				if name == "code" {
					st = monoStyle(st)
				}
				widest := 0.0
				for _, c := range urlChunks(testURL) {
					widest = max(widest, e.textWidth(c, st))
				}
				for w := 50.0; w <= 340; w += 3 {
					for _, k := range urlCuts(t, e, ins, w) {
						if k < scheme {
							t.Errorf("%T %s hyph=%v width %g: cut inside the scheme: %q|%q", m, name, hyph, w, string(u[:k]), string(u[k:]))
							continue
						}
						if !isAlnum(u[k-1]) || !isAlnum(u[k]) {
							continue
						}
						if widest <= w-e.size {
							t.Errorf("%T %s hyph=%v width %g: cut between letters %q|%q though every stretch between breaks fits (widest %.1f)", m, name, hyph, w, string(u[max(0, k-12):k]), string(u[k:min(len(u), k+12)]), widest)
						}
						l, r := 0, 0
						for l < k && isAlnum(u[k-1-l]) {
							l++
						}
						for k+r < len(u) && isAlnum(u[k+r]) {
							r++
						}
						if l < 2 || r < 2 {
							t.Errorf("%T %s hyph=%v width %g: a lone letter fragment at %q|%q", m, name, hyph, w, string(u[max(0, k-12):k]), string(u[k:min(len(u), k+12)]))
						}
					}
				}
			}
		}
	}
}

// TestURLChunksSplitWhereExpected pins the test's own splitting rule.
func TestURLChunksSplitWhereExpected(t *testing.T) {
	got := strings.Join(urlChunks("https://a.org/b_c-d?x=1&y#z"), "|")
	if want := "https://|a|.org/|b_|c-|d|?x|=1|&y|#z"; got != want {
		t.Errorf("chunks %q, want %q", got, want)
	}
}

// FuzzTokenBreaks: any token breaks only at rune boundaries inside it, in
// order, and its lines fit the measure unless one rune is wider.
func FuzzTokenBreaks(f *testing.F) {
	f.Add(testURL, 80.0)
	f.Add("(https://a.b/c?d=e&f#g).", 40.0)
	f.Add("a_very_long_identifier_without_any_spaces_xxxxxxxxxxxxxxxxxxxx", 60.0)
	f.Add("://", 10.0)
	f.Add("x:///y//z--w__v", 20.0)
	f.Add("0000", 10.0)  // two digits wider than the line
	f.Add("\xc20", 10.0) // not UTF-8
	e := testEngine(f, fixedMetrics{}, false)
	f.Fuzz(func(t *testing.T, s string, w float64) {
		if w < 5 || w > 1000 || len(s) > 400 {
			return
		}
		var runes []tokRune
		starts := map[int]bool{}
		for i, r := range s {
			runes = append(runes, tokRune{at: i, w: 5, alnum: isAlnum(r)})
			starts[i] = true
		}
		prev := 0
		for _, b := range tokenBreaks(nil, s, runes, false) {
			if b.idx <= prev || b.idx >= len(s) || !starts[b.idx] {
				t.Fatalf("%q: break at %d after %d", s, b.idx, prev)
			}
			prev = b.idx
		}
		for _, ins := range [][]doc.Inline{{&doc.Code{Text: s}}, {txt("see " + s + " now")}} {
			for _, ln := range e.setPara(e.segsOf(ins, e.baseStyle(e.size), false), w, 0, alignJustify) {
				for _, it := range ln.items {
					if tx, ok := it.(*Text); ok && utf8.RuneCountInString(tx.Text) > 1 && (tx.X < -0.01 || tx.X+textWidth(e.m, tx) > w+0.01) {
						t.Fatalf("%q at %g: %q spans %.2f–%.2f", s, w, tx.Text, tx.X, tx.X+textWidth(e.m, tx))
					}
				}
			}
		}
	})
}

// TestURLLinesNotPulledApart: a line that ends inside a URL and cannot be
// justified within tolerance (a note's label, then the URL) is left ragged
// rather than opening a gap of many spaces.
func TestURLLinesNotPulledApart(t *testing.T) {
	m := realFonts(t)
	e := testEngine(t, m, true)
	url := "https://archive.example.org/collections/" + strings.Repeat("party-", 6) + "document.html?page=12&lang=en"
	st := e.baseStyle(e.size * 0.8)
	space := e.textWidth(" ", st)
	checked := 0
	for w := 150.0; w <= 340; w += 3 {
		segs := append(plainSegs("†8 ", st), e.segsOf([]doc.Inline{&doc.Link{URL: url, External: true, Content: []doc.Inline{&doc.Code{Text: url}}}}, st, true)...)
		for _, ln := range e.setPara(segs, w, 0, alignJustify) {
			end := math.NaN()
			for _, it := range ln.items {
				tx, ok := it.(*Text)
				if !ok {
					continue
				}
				if gap := tx.X - end; gap > 3.5*space {
					t.Errorf("width %g: a gap of %.1fpt (%.1f spaces) before %q", w, gap, gap/space, tx.Text)
				}
				end = tx.X + textWidth(m, tx)
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("nothing set")
	}
}

// A name of no language (zxx: a rule's dotted name, as the Rust Reference
// labels its paragraphs) too wide for a line breaks before one of its
// dots or after a hyphen, as code does; it was cut at a letter, its bracket alone on the
// next line. One that fits stays whole.
func TestNameBreaksBeforeADot(t *testing.T) {
	e := testEngine(t, realFonts(t), true)
	const name = "[type.closure.capture.precision.discriminants.single-variant]"
	label := func(s string) doc.Inline {
		return &doc.Span{Kind: doc.SpanSmall, Lang: "zxx", Content: []doc.Inline{txt(s)}}
	}
	for _, tc := range []struct {
		name  string
		width float64
		whole bool
	}{
		{name, 150, false},
		{name, 230, false},
		{"[items.fn.intro]", 150, true},
	} {
		lines := e.setPara(e.segsOf([]doc.Inline{label(tc.name), txt(" Matching against the only variant of a single-variant enum.")}, e.baseStyle(e.size), false), tc.width, 0, alignJustify)
		var got []string
		for _, ln := range lines {
			s, _ := lineText(e.m, ln)
			got = append(got, s)
		}
		if tc.whole {
			if !strings.HasPrefix(got[0], tc.name) {
				t.Errorf("%q at %gpt: broken, %q", tc.name, tc.width, got)
			}
			continue
		}
		if len(got) < 2 || !strings.HasPrefix(tc.name, got[0]) || !(strings.HasPrefix(got[1], ".") || strings.HasSuffix(got[0], "-")) {
			t.Errorf("%q at %gpt: lines %q, want a break before a dot or after a hyphen", tc.name, tc.width, got)
		}
	}
}

// TestTooWideWordBreaks: a word too wide for its measure that is no URL (a
// request's path in a table's narrow column) breaks where a reader looks
// for a break, before ? and = or between the parts of a camel-cased name,
// rather than inside a part, and hyphenation adds no hyphen to it.
func TestTooWideWordBreaks(t *testing.T) {
	e := testEngine(t, realFonts(t), true)
	st := e.baseStyle(e.size)
	for _, tc := range []struct {
		word  string
		want  []string
		width string // the measure, when not the widest part wanted
	}{
		{"/readUsersItemsList?personid=1234", []string{"/readUsersItemsList", "?personid=1234"}, ""},
		{"/addItemToUsersItemsList", []string{"/addItemToUsers", "ItemsList"}, ""},
		{"snake_case_names_run_long_enough", []string{"snake_case_names_", "run_long_enough"}, ""},
		// too narrow for "/addItemToUsers": the patterns' "User-s" is no
		// break for a name
		{"/addItemToUsersItemsList", []string{"/addItemTo", "UsersItemsList"}, "/addItemToUser-"},
	} {
		t.Run(tc.word, func(t *testing.T) {
			w := 0.0
			for _, p := range tc.want {
				w = max(w, e.textWidth(p, st))
			}
			// room for the parts wanted, not for the word
			w += e.size*0.6 + 1
			if tc.width != "" {
				w = e.textWidth(tc.width, st)
			}
			lines := e.setPara(e.segsOf([]doc.Inline{txt(tc.word)}, st, false), w, 0, alignLeft)
			var got []string
			for _, ln := range lines {
				s, _ := lineText(e.m, ln)
				got = append(got, strings.TrimSpace(s))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("at %.0fpt: %q, want %q", w, got, tc.want)
			}
		})
	}
}

// TestNoHyphenInNames: the hyphenation patterns break ordinary words but
// add no hyphen to a name from code or a path, which would read as part
// of it.
func TestNoHyphenInNames(t *testing.T) {
	e := testEngine(t, realFonts(t), true)
	st := e.baseStyle(e.size)
	for _, tc := range []struct {
		word  string
		hyphs bool
	}{
		{"internationalisation", true},
		{"addItemToUsersItemsList", false},
		{"snake_case_variable", false},
		{"/usr/share/documentation", false},
		{"organisation?question", false},
	} {
		hyphens := 0
		for _, b := range e.wordBreaks(nil, piece{text: tc.word, st: st}, false, true) {
			if b.flagged {
				hyphens++
			}
		}
		if (hyphens > 0) != tc.hyphs {
			t.Errorf("%s: %d hyphenation points", tc.word, hyphens)
		}
	}
}
