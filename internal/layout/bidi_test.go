package layout

import (
	"math"
	"slices"
	"strings"
	"testing"

	xbidi "golang.org/x/text/unicode/bidi"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// visualLine is a line's text in the order it is seen, left to right.
func visualLine(m Metrics, ln tline) string {
	s, _ := lineText(m, ln)
	return s
}

func reverse(s string) string {
	rs := []rune(s)
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	return string(rs)
}

// A Hebrew phrase in an English sentence is seen from its end, with the
// number inside it still read left to right, where the phrase is.
func TestBidiPhraseInSentence(t *testing.T) {
	m := fixedMetrics{}
	e := testEngine(t, m, false)
	lines := setText(e, "The phrase שלום עולם 1948 ends (here).", 400)
	if len(lines) != 1 {
		t.Fatalf("%d lines", len(lines))
	}
	want := "The phrase 1948 " + reverse("עולם") + " " + reverse("שלום") + " ends (here)."
	if got := visualLine(m, lines[0]); got != want {
		t.Errorf("seen as\n%q\nwant\n%q", got, want)
	}
	checkLeftToRight(t, lines[0])
}

// checkLeftToRight: the items of a line do not overlap, left to right.
func checkLeftToRight(t *testing.T, ln tline) {
	t.Helper()
	end := -1.0
	for _, it := range ln.items {
		if tx, ok := it.(*Text); ok {
			if tx.X < end-0.01 {
				t.Errorf("%q at %.2f overlaps what ends at %.2f", tx.Text, tx.X, end)
			}
			end = tx.X + textWidth(fixedMetrics{}, tx)
		}
	}
}

// A right-to-left paragraph starts on the right: its first words are the
// rightmost of its first line, and its last line is flush right; brackets
// are mirrored.
func TestBidiRightToLeftParagraph(t *testing.T) {
	m := fixedMetrics{}
	e := testEngine(t, m, false)
	const he = "כל בני האדם נולדו בני חורין ושווים בערכם ובזכויותיהם (סעיף 1)."
	restore := e.enterLang(&doc.Paragraph{BlockBase: doc.BlockBase{Lang: "he"}})
	segs := e.segsOf([]doc.Inline{&doc.Text{Text: he}}, e.baseStyle(e.size), false)
	width := 150.0
	lines := e.setPara(segs, width, 0, alignJustify)
	restore()
	if len(lines) < 2 {
		t.Fatalf("%d lines", len(lines))
	}
	var logical []string
	for i, ln := range lines {
		checkLeftToRight(t, ln)
		seen := visualLine(m, ln)
		// read right to left, a line gives back the text (a bracket seen
		// as ")" at the left of a phrase opens it)
		logical = append(logical, xbidi.ReverseString(seen))
		last := ln.items[len(ln.items)-1].(*Text)
		if end := last.X + textWidth(m, last); end < width-0.01 {
			t.Errorf("line %d ends at %.2f, short of the right edge %.2f: %q", i+1, end, width, seen)
		}
	}
	got := strings.Join(logical, " ")
	if want := he; got != want {
		t.Errorf("read back\n%q\nwant\n%q", got, want)
	}
	// The brackets are drawn mirrored and copied as written; the full
	// stop and the number are copied between right-to-left marks (see
	// rtlActual).
	var actual []string
	for _, ln := range lines {
		for _, it := range ln.items {
			if tx, ok := it.(*Text); ok {
				for _, a := range tx.Actual() {
					actual = append(actual, tx.Text[a.At:a.End]+" for "+a.Text)
				}
			}
		}
	}
	if want := []string{") for (", ". for \u200F.\u200F", "( for )", "1 for \u200F1\u200F"}; !slices.Equal(actual, want) {
		t.Errorf("drawn for others: %q, want %q", actual, want)
	}
}

// A left-to-right run of several words in a right-to-left paragraph is
// copied between right-to-left marks, the first at its first character,
// the last after its last; one character takes both.
func TestBidiLeftToRightRunMarked(t *testing.T) {
	m := fixedMetrics{}
	e := testEngine(t, m, false)
	restore := e.enterLang(&doc.Paragraph{BlockBase: doc.BlockBase{Lang: "he"}})
	segs := e.segsOf([]doc.Inline{&doc.Text{Text: "שלום The Odyssey עולם 7 סוף"}}, e.baseStyle(e.size), false)
	lines := e.setPara(segs, 400, 0, alignJustify)
	restore()
	if len(lines) != 1 {
		t.Fatalf("%d lines", len(lines))
	}
	var actual []string
	for _, it := range lines[0].items {
		if tx, ok := it.(*Text); ok {
			for _, a := range tx.Actual() {
				actual = append(actual, tx.Text[a.At:a.End]+" for "+a.Text)
			}
		}
	}
	if want := []string{"7 for \u200F7\u200F", "T for \u200FT", "y for y\u200F"}; !slices.Equal(actual, want) {
		t.Errorf("drawn for others: %q, want %q", actual, want)
	}
}

// Format characters (a zero width non-joiner, a right-to-left mark) in
// right-to-left text set as its characters are not drawn: a font without
// them would print a blank box. (A Persian word's non-joiner steers the
// shaper: TestJoinedRightToLeftSet.)
func TestBidiInvisibleFormatCharacters(t *testing.T) {
	m := fixedMetrics{}
	e := testEngine(t, m, false)
	const he = "שלום עו\u200cלם\u200f."
	restore := e.enterLang(&doc.Paragraph{BlockBase: doc.BlockBase{Lang: "he"}})
	segs := e.segsOf([]doc.Inline{&doc.Text{Text: he}}, e.baseStyle(e.size), false)
	lines := e.setPara(segs, 400, 0, alignJustify)
	restore()
	if len(lines) != 1 {
		t.Fatalf("%d lines", len(lines))
	}
	s, _ := lineText(m, lines[0])
	if strings.ContainsAny(s, "\u200c\u200f") {
		t.Errorf("format characters drawn: %q", s)
	}
	if got, want := reverse(visualLine(m, lines[0])), "שלום עולם."; got != want {
		t.Errorf("read back %q, want %q", got, want)
	}
}

// placingMetrics places every combining mark of right-to-left text a
// tenth of an em to the right and a fifth up, drawn as glyph 7.
type placingMetrics struct{ fixedMetrics }

func (placingMetrics) PlaceMarksRTL(f fonts.Face, text, lang string) []fonts.MarkPlacement {
	var out []fonts.MarkPlacement
	for i, r := range text {
		if isNonspacingMark(r) {
			out = append(out, fonts.MarkPlacement{At: i, Glyph: 7, Dx: 0.1, Dy: 0.2})
		}
	}
	return out
}

// The points of a Hebrew word are marks of its run where the shaper
// places them, each one the run's character it stands for, in the order
// they are drawn.
func TestBidiMarksPlaced(t *testing.T) {
	m := placingMetrics{}
	e := testEngine(t, m, false)
	restore := e.enterLang(&doc.Paragraph{BlockBase: doc.BlockBase{Lang: "he"}})
	segs := e.segsOf([]doc.Inline{&doc.Text{Text: "שָׁלוֹם עוֹלָם"}}, e.baseStyle(e.size), false)
	lines := e.setPara(segs, 400, 0, alignJustify)
	restore()
	var got []string
	for _, it := range lines[0].items {
		tx, ok := it.(*Text)
		if !ok {
			continue
		}
		last := -1
		for _, mk := range tx.Marks() {
			if mk.At <= last || mk.Glyph != 7 || mk.Dx != 0.1*tx.Size || mk.Dy != 0.2*tx.Size {
				t.Errorf("mark %+v of %q out of order or not as placed", mk, tx.Text)
			}
			last = mk.At
			got = append(got, tx.Text[mk.At:mk.End])
		}
	}
	// seen from the left: עוֹלָם's qamats, then its holam, then שָׁלוֹם's
	// holam, shin dot and qamats
	if want := []string{"\u05B8", "\u05B9", "\u05B9", "\u05C1", "\u05B8"}; !slices.Equal(got, want) {
		t.Errorf("marks %q, want %q", got, want)
	}
}

// TestBidiAsChromium: lines mixing directions, numbers, brackets, quotes
// and explicit isolates, embeddings and overrides are seen in the order
// Chromium shows them (its UAX #9 is ICU's), brackets aside: Chromium's
// order is of the characters written, ours of the glyphs drawn, mirrored.
// A right-to-left phrase nested in a left-to-right isolate inside a
// right-to-left paragraph is not among them: the layout sets it one level
// too low (see levelsOf).
func TestBidiAsChromium(t *testing.T) {
	for _, c := range []struct{ dir, text, seen string }{
		{"ltr", "The phrase שלום עולם 1948 ends (here).", "The phrase 1948 םלוע םולש ends (here)."},
		{"rtl", "התקבלה בשנת 1948 בעצרת הכללית (האו״ם).", ".)ם״ואה( תיללכה תרצעב 1948 תנשב הלבקתה"},
		{"rtl", "הספר The Rust Programming Language יצא ב-2018.", ".2018-ב אצי The Rust Programming Language רפסה"},
		{"rtl", "نسبة 50% من السكان في 2020.", ".2020 يف ناكسلا نم %50 ةبسن"},
		{"rtl", "הוא אמר: \"the word שלום means peace\" ושתק.", ".קתשו \"means peace םולש the word\" :רמא אוה"},
		{"ltr", "He said \"שלום, עולם!\" and left.", "He said \"םלוע ,םולש!\" and left."},
		{"rtl", "سنة ١٩٤٨ م.", ".م ١٩٤٨ ةنس"},
		{"rtl", "בשעה 10:30 עד 12:45, חדר 3-4.", ".3-4 רדח ,12:45 דע 10:30 העשב"},
		{"ltr", "Version 2.0 (עברית 3.1) is out.", "Version 2.0 (3.1 תירבע) is out."},
		{"rtl", "ראו עמ' 12–15 (כרך ב).", ".)ב ךרכ( 15–12 'מע ואר"},
		{"ltr", "In Arabic: الإعلان (1948, باريس) was adopted.", "In Arabic: )سيراب ,1948( نالعإلا was adopted."},
		{"rtl", "قال: \"Hello, world\" ثم مضى.", ".ىضم مث \"Hello, world\" :لاق"},
		{"rtl", "הוא כתב \u2066C++ 2.0\u2069 אתמול.", ".לומתא C++ 2.0 בתכ אוה"},
		{"ltr", "The title \u2067שלום 2\u2069 is Hebrew.", "The title 2 םולש is Hebrew."},
		{"ltr", "The title \u202Bשלום 2\u202C is Hebrew.", "The title 2 םולש is Hebrew."},
		{"ltr", "A \u202Eabc def\u202C B.", "A fed cba B."},
		{"rtl", "קרא: English, 한국어, 日本語, Deutsch", "English, 한국어, 日本語, Deutsch :ארק"},
	} {
		m := fixedMetrics{}
		e := testEngine(t, m, false)
		tag := "en"
		if c.dir == "rtl" {
			tag = "he"
		}
		restore := e.enterLang(&doc.Paragraph{BlockBase: doc.BlockBase{Lang: tag}})
		segs := e.segsOf([]doc.Inline{&doc.Text{Text: c.text}}, e.baseStyle(e.size), false)
		lines := e.setPara(segs, 2000, 0, alignLeft)
		restore()
		if len(lines) != 1 {
			t.Fatalf("%q: %d lines", c.text, len(lines))
		}
		anyBracket := strings.NewReplacer("(", "|", ")", "|")
		if got := visualLine(m, lines[0]); anyBracket.Replace(got) != anyBracket.Replace(c.seen) {
			t.Errorf("%s %q seen as\n%q\nChromium:\n%q", c.dir, c.text, got, c.seen)
		}
	}
}

// A list in a right-to-left language hangs its markers in the right
// margin of its items, as a left-to-right one does in the left: the
// bullet, the number (its full stop on its left) and the task box.
func TestListMarkersOnTheStartSide(t *testing.T) {
	for _, language := range []string{"en", "he"} {
		t.Run(language, func(t *testing.T) {
			m := fixedMetrics{}
			ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Language: language, Title: []doc.Inline{txt("רשימה")}}
			ch.Blocks = []doc.Block{
				&doc.List{Tight: true, Items: []*doc.ListItem{{Blocks: []doc.Block{para(txt("bulleted"))}}}},
				&doc.List{Ordered: true, Start: 7, Tight: true, Items: []*doc.ListItem{{Blocks: []doc.Block{para(txt("numbered"))}}}},
				&doc.List{Tight: true, Items: []*doc.ListItem{{Task: doc.TaskDone, Blocks: []doc.Block{para(txt("ticked"))}}}},
			}
			b := &doc.Book{Meta: doc.Meta{Title: "T", Language: language}, Entries: []*doc.Entry{ch}}
			d := checkBook(t, b, m, a5())
			label := "7."
			if language == "he" {
				label = ".7"
			}
			for _, c := range []struct{ marker, item string }{{"•", "bulleted"}, {label, "numbered"}, {"", "ticked"}} {
				pi, item := textAt(d, c.item)
				if item == nil {
					t.Fatalf("no %q", c.item)
				}
				var markerX, markerEnd float64
				found := false
				for _, it := range d.Pages[pi].Items {
					switch it := it.(type) {
					case *Text:
						if c.marker != "" && it.Text == c.marker && math.Abs(it.Y-item.Y) < 0.01 {
							markerX, markerEnd, found = it.X, it.X+textWidth(m, it), true
						}
					case *Box:
						if c.marker == "" && it.Stroke && math.Abs(it.Y+it.H-item.Y) < it.H {
							markerX, markerEnd, found = it.X, it.X+it.W, true
						}
					}
				}
				if !found {
					t.Fatalf("no marker %q beside %q", c.marker, c.item)
				}
				if language == "he" && markerX < item.X+textWidth(m, item) {
					t.Errorf("%q: the marker at %.1f–%.1f is not right of the item, which ends at %.1f", c.item, markerX, markerEnd, item.X+textWidth(m, item))
				}
				if language == "en" && markerEnd > item.X {
					t.Errorf("%q: the marker at %.1f–%.1f is not left of the item, which starts at %.1f", c.item, markerX, markerEnd, item.X)
				}
			}
		})
	}
}

// A book in Hebrew sets its tables from the right, the first column
// rightmost against the right margin, each column as wide as its widest
// word as the word is drawn (right-to-left text is drawn without pair
// kerning, and measured so: a column measured with it was narrower than
// its word, which broke before its last letter); it indents definitions
// from the right and rules off its footnotes from the right.
func TestRightToLeftTableDefinitionAndNotes(t *testing.T) {
	set := withInstalledFallback(t, "/usr/share/fonts/truetype/noto/NotoSerifHebrew-Regular.ttf")
	fn := &doc.Note{ID: "n1", Label: "1", Refs: 1, Blocks: []doc.Block{para(txt("הערה קטנה."))}}
	cell := func(s string) *doc.TableCell { return &doc.TableCell{Content: []doc.Inline{txt(s)}} }
	ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, File: "ch.md", Language: "he", Title: []doc.Inline{txt("מבחן")}, Notes: []*doc.Note{fn}}
	ch.Blocks = []doc.Block{
		para(txt("פסקה עם הערה"), &doc.NoteRef{Note: fn}, txt(".")),
		&doc.Table{Header: []*doc.TableCell{cell("שם"), cell("ערך")}, Rows: [][]*doc.TableCell{{cell("אלף"), cell("ראשון")}}},
		&doc.Div{Kind: doc.DivTermList, Blocks: []doc.Block{
			&doc.Div{Kind: doc.DivTerm, Blocks: []doc.Block{para(txt("מונח"))}},
			&doc.Div{Kind: doc.DivTermDefinition, Blocks: []doc.Block{para(txt("הגדרה"))}},
		}},
	}
	b := &doc.Book{Meta: doc.Meta{Title: "T", Language: "he"}, Entries: []*doc.Entry{ch}}
	o := a5()
	o.Language = "he" // the book's, as the build sets it
	d := checkBook(t, b, set, o)
	g, _ := newGeom(o, o.Gutter)
	find := func(visual string) *Text {
		t.Helper()
		_, tx := seenAt(d, visual)
		if tx == nil {
			t.Fatalf("no %q", visual)
		}
		return tx
	}
	// runs hold right-to-left words as they are seen
	name, value := find("םש"), find("ךרע")
	aleph, first := find("ףלא"), find("ןושאר")
	if name.X <= value.X || aleph.X <= first.X {
		t.Errorf("the first column is not right of the second: %.1f, %.1f; %.1f, %.1f", name.X, value.X, aleph.X, first.X)
	}
	pi, _ := seenAt(d, "ףלא")
	var right, defX, termEnd float64
	footRule := false
	for _, it := range d.Pages[pi].Items {
		switch it := it.(type) {
		case *Rule:
			right = math.Max(right, it.X2)
			if it.Width == 0.5 && it.X2-it.X1 < g.textW/2 {
				footRule = true
				if x := g.left(d.Pages[pi].Recto) + g.textW; math.Abs(it.X2-x) > 0.5 {
					t.Errorf("the footnotes' rule is at %.1f–%.1f, not against the right margin %.1f", it.X1, it.X2, x)
				}
			}
		case *Text:
			if seenText(it) == "הרדגה" {
				defX = it.X + textWidth(set, it)
			}
			if seenText(it) == "חנומ" {
				termEnd = it.X + textWidth(set, it)
			}
		}
	}
	if x := g.left(d.Pages[pi].Recto) + g.textW; math.Abs(right-x) > 0.5 {
		t.Errorf("the rules end at %.1f, not at the right margin %.1f", right, x)
	}
	if !footRule {
		t.Error("no rule over the footnotes")
	}
	if !(defX < termEnd-1) {
		t.Errorf("the definition ends at %.1f, not indented from the term's right end %.1f", defX, termEnd)
	}
}

// TestContentsTitleIsolated: a right-to-left title in the contents of a
// left-to-right book is set in its own direction, as HTML's <bdi> sets it:
// the colon that ends it stands at its left end, not at its right.
func TestContentsTitleIsolated(t *testing.T) {
	e := testEngine(t, fixedMetrics{}, false)
	for _, c := range []struct{ lang, want string }{
		{"he", ":" + reverse("עולם") + reverse("שלום")},
		{"", reverse("עולם") + reverse("שלום") + ":"}, // a title in the book's language
	} {
		g := e.contentsGalley([]tocLine{{title: "שלום עולם:", label: "7", lang: c.lang}})
		var texts []*Text
		// the title's words, left to right (the spaces are gaps)
		for _, it := range g.elems[len(g.elems)-1].items {
			if tx, ok := it.(*Text); ok && tx.Gray == 0 && tx.Text != "7" {
				texts = append(texts, tx)
			}
		}
		slices.SortFunc(texts, func(a, b *Text) int { return int(math.Round(a.X - b.X)) })
		var sb strings.Builder
		for _, tx := range texts {
			sb.WriteString(dropInvisible(tx.Text))
		}
		if got := sb.String(); got != c.want {
			t.Errorf("title in %q seen as %q, want %q", c.lang, got, c.want)
		}
	}
}

// TestRunningHeadIsolated: the running head of a right-to-left chapter in
// a left-to-right book is isolated in its own direction, so that the
// question mark ending it stands at its left end.
func TestRunningHeadIsolated(t *testing.T) {
	var blocks []doc.Block
	for range 12 {
		blocks = append(blocks, para(txt(strings.Repeat("שלום עולם ", 40))))
	}
	ch := &doc.Entry{ID: "ch", Kind: doc.KindChapter, Language: "he", Title: []doc.Inline{txt("למה?")}, Blocks: blocks}
	b := &doc.Book{Meta: doc.Meta{Title: "Heads", Language: "en"}, Entries: []*doc.Entry{ch}}
	d, infos := traced(t, b, fixedMetrics{}, testOptions())
	g, _ := newGeom(testOptions(), testOptions().Gutter)
	checked := 0
	for pi, pg := range d.Pages {
		if !pg.Recto || infos[pi].kind != pkBody {
			continue
		}
		var texts []*Text
		for _, it := range pg.Items {
			if tx, ok := it.(*Text); ok && tx.Y < g.top && tx.Text != pg.Label {
				texts = append(texts, tx)
			}
		}
		slices.SortFunc(texts, func(a, b *Text) int { return int(math.Round(a.X - b.X)) })
		var sb strings.Builder
		for _, tx := range texts {
			sb.WriteString(dropInvisible(tx.Text))
		}
		if got, want := sb.String(), "?"+reverse("למה"); got != want {
			t.Errorf("page %s: running head seen as %q, want %q", pg.Label, got, want)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no recto with a running head")
	}
}

// A command in an Arabic paragraph (the Arabic tldr page of journalctl,
// CC BY 4.0, the tldr-pages team and contributors) is read left to right
// with its Arabic placeholder in it: its parts keep their order, where
// the placeholder would otherwise take the spaces and braces around it to
// the paragraph's side and print the options before the command's name.
func TestCodeInRTLParagraphIsLeftToRight(t *testing.T) {
	set := withInstalledFallback(t, "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf")
	code := "journalctl {{[-n|--lines]}} {{عدد_الأسطر}} -f"
	ch := &doc.Entry{ID: "ar", Kind: doc.KindChapter, File: "ar.md", Title: []doc.Inline{txt("journalctl")}, Blocks: []doc.Block{
		&doc.Paragraph{BlockBase: doc.BlockBase{Lang: "ar"}, Content: []doc.Inline{txt("اعرض السجلات: "), &doc.Code{Text: code}}},
	}}
	d, err := Layout(&doc.Book{Meta: doc.Meta{Title: "T", Language: "ar"}, Entries: []*doc.Entry{ch}}, set, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	xs := map[string]float64{}
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(*Text); ok && tx.Face.Family == fonts.Mono {
				for _, part := range []string{"journalctl", "{{[-n|--lines]}}", "-f"} {
					if strings.Contains(tx.Text, part) {
						xs[part] = tx.X + float64(strings.Index(tx.Text, part))
					}
				}
			}
		}
	}
	if len(xs) != 3 {
		t.Fatalf("found %v, want the command's three parts", xs)
	}
	if !(xs["journalctl"] < xs["{{[-n|--lines]}}"] && xs["{{[-n|--lines]}}"] < xs["-f"]) {
		t.Errorf("the command's parts are not left to right: %v", xs)
	}
}

// A Dhivehi paragraph (Thaana: the days of the week of glibc's dv_MV
// locale) is set right to left, its vowel signs kept on their letters,
// and reads back in order.
func TestBidiThaana(t *testing.T) {
	m := fixedMetrics{}
	e := testEngine(t, m, false)
	const dv = "އާދީއްތަ، ހޯމަ، އަންގާރަ، ބުދަ، ބުރާސްފަތި، ހުކުރު، ހޮނިހިރު."
	restore := e.enterLang(&doc.Paragraph{BlockBase: doc.BlockBase{Lang: "dv"}})
	segs := e.segsOf([]doc.Inline{&doc.Text{Text: dv}}, e.baseStyle(e.size), false)
	lines := e.setPara(segs, 150, 0, alignJustify)
	restore()
	if len(lines) < 2 {
		t.Fatalf("%d lines", len(lines))
	}
	var logical []string
	for _, ln := range lines {
		checkLeftToRight(t, ln)
		logical = append(logical, xbidi.ReverseString(visualLine(m, ln)))
	}
	if got := strings.Join(logical, " "); got != dv {
		t.Errorf("read back\n%q\nwant\n%q", got, dv)
	}
	if len(e.rtl.order) != 0 {
		t.Errorf("Thaana refused: %v", e.rtl.order)
	}
}

// seenText is the characters of a run as they are seen: its glyphs where
// they are characters, and where they are shaped glyphs the characters
// its ActualText gives for them (reversed, for right-to-left words, as a
// reader turns them round with the line).
func seenText(tx *Text) string {
	if tx.Extra == nil || len(tx.Extra.Actual) == 0 {
		return tx.Text
	}
	var b strings.Builder
	at := 0
	for _, a := range tx.Extra.Actual {
		if a.At < at || a.End > len(tx.Text) {
			continue
		}
		b.WriteString(tx.Text[at:a.At])
		b.WriteString(strings.Trim(a.Text, "\u200f"))
		at = a.End
	}
	b.WriteString(tx.Text[at:])
	return b.String()
}

// seenAt is textAt for the characters of runs as seenText gives them.
func seenAt(d *Document, prefix string) (int, *Text) {
	for pi, p := range d.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(*Text); ok && strings.HasPrefix(seenText(tx), prefix) {
				return pi, tx
			}
		}
	}
	return -1, nil
}
