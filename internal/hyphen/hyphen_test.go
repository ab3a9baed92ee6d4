package hyphen

import (
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/go-text/typesetting/segmenter"
	"golang.org/x/text/unicode/norm"
)

func load(t testing.TB, tag string) *Patterns {
	t.Helper()
	p, err := Embedded().Load(tag)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// insert renders breaks with "-" so expectations read like a dictionary.
func insert(word string, breaks []int) string {
	var sb strings.Builder
	k := 0
	for i, r := range []rune(word) {
		if k < len(breaks) && breaks[k] == i {
			sb.WriteByte('-')
			k++
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// Each language's words are set as its dictionaries divide them, within the
// language's fragment minimums. Every expectation was also checked against
// an independent Liang implementation (pyphen) reading the same patterns;
// over 20,000 dictionary words per language the two agree on every word.
var knownWords = map[string][]string{
	"en-US": {
		"hy-phen-ation", "type-set-ting", "rev-o-lu-tion-ary", "bu-reau-cracy",
		"or-ga-ni-za-tion", "ta-ble", "al-go-rithm", "in-ter-na-tional",
		"doc-u-men-ta-tion", "uni-ver-sity", "pro-gram-ming", "pro-le-tariat",
		"con-scious-ness", "eman-ci-pa-tion", "com-mu-ni-ca-tion", "man-u-script",
		"ex-tra-or-di-nary", "pho-to-graph", "mis-un-der-stand-ing", "HY-PHEN-ATION",
		"Kol-lon-tai",
		"happy",                         // "hap-py" would carry two letters: the minimum is three
		"as-so-ciate", "dec-li-na-tion", // from the exceptions list
	},
	"en-GB": {"type-set-ting", "gov-ern-ment", "uni-ver-sity", "col-our", "hy-phen-a-tion"},
	"de-1996": {
		"Sil-ben-tren-nung", "Wör-ter-buch", "Zu-cker", "Schwes-ter", "Re-vo-lu-ti-on",
		"Do-nau-dampf-schiff-fahrt", "Recht-schrei-bung", "Ar-bei-ter-klas-se",
		"Ge-sell-schaft", "Wis-sen-schaft",
	},
	"ru": {
		"ре-во-лю-ция", "пе-ре-но-сить", "пра-ви-тель-ство", "го-су-дар-ство",
		"оп-по-зи-ция", "сво-бо-да", "учи-тель-ни-ца", "объ-яв-ле-ние", "подъ-езд",
		"биз-нес-мен", "бездн", // from the exceptions list
	},
	"uk":           {"ре-во-лю-ція", "дер-жа-ва", "сво-бо-да", "уні-вер-си-тет", "учи-тель-ка", "м'я-со", "м’я-со"},
	"fr":           {"ré-vo-lu-tion", "gou-ver-ne-ment", "ty-po-gra-phie", "pa-ri-sienne", "com-mune", "li-berté"},
	"es":           {"re-vo-lu-ción", "tra-ba-ja-do-res", "li-ber-tad", "pe-rro", "ca-ba-lle-ro", "cons-ti-tu-ción"},
	"it":           {"ri-vo-lu-zio-ne", "go-ver-no", "la-vo-ra-to-ri", "li-ber-tà", "co-sti-tu-zio-ne", "na-zio-ne"},
	"pt":           {"re-vo-lu-ção", "tra-ba-lha-do-res", "na-ção", "li-ber-dade", "soft-ware"},
	"pl":           {"re-wo-lu-cja", "ro-bot-ni-cy", "wol-ność", "kon-sty-tu-cja", "przy-ja-ciel", "rząd"},
	"nl":           {"re-vo-lu-tie", "re-ge-ring", "ar-bei-ders", "vrij-heid", "grond-wet"},
	"sv":           {"re-vo-lu-tion", "re-ge-ring", "ar-be-ta-re", "fri-het", "grund-lag"},
	"la":           {"li-ber-tas", "im-pe-ra-tor", "re-pu-bli-ca"},
	"el-monoton":   {"ε-πα-νά-στα-ση", "κυ-βέρ-νη-ση", "ε-λευ-θε-ρί-α", "σύ-νταγ-μα"},
	"el-polyton":   {"ἐ-πα-νά-στα-ση", "κυ-βέρ-νη-ση", "ἐ-λευ-θε-ρί-α"},
	"grc":          {"ἄν-θρω-πος", "πό-λε-μος", "ἐ-λευ-θε-ρί-α"},
	"la-x-classic": {"li-ber-tas", "im-pe-ra-tor"},
	// The Indic words are from the Contributor Covenant's translations in
	// Free Programming Books (CC BY 4.0), the Gujarati, Odia, Panjabi and
	// Assamese ones common words; a hyphen goes between aksharas, never
	// beside a virama or after an anusvara's letter.
	"hi": {"यो-ग-दा-न-क-र्ता-ओं", "यू-नि-व-र्सि-टी", "श्री-वा-स्त-व", "वि-क-लां-ग-ता", "प-रि-यो-ज-ना"},
	"mr": {"क्रि-या-क-ला-पां-द्वा-रे", "आ-च-र-ण-सं-हि-ते-चे", "प्र-क-ल्पा-च्या"},
	"bn": {"র-ক্ষ-ণা-বে-ক্ষ-ণ-কা-রী-দে-র", "প্র-তি-নি-ধি-ত্ব", "উ-ৎ-সা-হি-ত", "স-ম্প্র-দা-য়কে"},
	"as": {"অ-স-মী-য়া", "স্বা-ধী-ন-তা", "প্ৰো-গ্ৰা-মিং"},
	"gu": {"ગુ-જ-રા-તી", "પ્રો-ગ્રા-મિંગ", "સ્વ-તંત્ર-તા"},
	"or": {"ଓ-ଡ଼ି-ଆ", "ପ୍ରୋ-ଗ୍ରା-ମିଂ", "ସ୍ୱା-ଧୀ-ନ-ତା"},
	"pa": {"ਪੰਜਾ-ਬੀ", "ਪ੍ਰੋ-ਗ-ਰਾ-ਮਿੰਗ", "ਆ-ਜ਼ਾ-ਦੀ"},
	"kn": {"ತೊ-ಡ-ಗಿ-ಸಿ-ಕೊ-ಳ್ಳು-ತ್ತಾ-ರೆ", "ನ-ಡ-ವ-ಳಿ-ಕೆ-ಯ-ನ್ನು"},
	"ml": {"വ-ളർ-ത്തി-യെ-ടു-ക്കു-ന്ന-തി-നാ-യി", "എ-ന്നി-വ-യ്\u200c-ക്കെ-ല്ലാം", "ക-മ്മ്യൂ-ണി-റ്റി"},
	"ta": {"பி-ர-தி-நி-தித்-து-வப்-ப-டுத்-தும்", "பங்-கேற்-பா-ளர்-க-ளின்", "நேர்-மை-யா-க-வும்"},
	"te": {"ప-రి-గ-ణిం-చ-బ-డు-తుం-ది", "అ-భ్య-ర్థ-న-ల-ను"},
}

// The Indic patterns themselves break only between grapheme clusters in
// real words: between aksharas, never inside a conjunct nor between a
// letter and its vowel sign, virama or nukta.
func TestIndicPatternsKeepClusters(t *testing.T) {
	for _, l := range Languages() {
		if l.LeftMin != 1 || l.Script == "Grek" {
			continue
		}
		p := load(t, l.Tag)
		for _, want := range knownWords[l.Tag] {
			word := norm.NFC.String(strings.ReplaceAll(want, "-", ""))
			w := append([]rune{'.'}, []rune(word)...)
			raw := p.appendFolded(nil, append(w, '.'))
			starts := clusterStarts(word)
			for _, b := range raw {
				if !starts[b] {
					t.Errorf("%s: the patterns break %q inside a cluster, before rune %d", l.Tag, word, b)
				}
			}
		}
	}
}

func clusterStarts(word string) map[int]bool {
	var seg segmenter.Segmenter
	seg.Init([]rune(word))
	it := seg.GraphemeIterator()
	starts := map[int]bool{}
	for it.Next() {
		starts[it.Grapheme().Offset] = true
	}
	return starts
}

// Where a pattern would break inside a cluster, Hyphenate gives no break:
// a zero-width non-joiner belongs to the letter before it (the patterns
// break on both its sides), Malayalam's dot reph to the consonant after it.
func TestWholeClusters(t *testing.T) {
	for _, c := range []struct{ tag, word, raw, want string }{
		{"hi", "काम\u200cकाज", "का-म-\u200c-का-ज", "का-म\u200c-का-ज"},
		{"ml", "കൎമ്മം", "കൎ-മ്മം", "കൎമ്മം"},
		// U+09DF (য়) is not in NFC; the break after it is counted in the
		// text's runes.
		{"bn", "দা\u09dfিত্ব", "দা-য়ি-ত্ব", "দা-\u09dfি-ত্ব"},
	} {
		p := load(t, c.tag)
		word := norm.NFC.String(c.word)
		w := append([]rune{'.'}, []rune(word)...)
		if got := insert(word, p.appendFolded(nil, append(w, '.'))); got != norm.NFC.String(c.raw) {
			t.Errorf("%s: the patterns give %q, want %q", c.tag, got, c.raw)
		}
		if got := insert(c.word, p.Hyphenate(c.word)); got != c.want {
			t.Errorf("%s: Hyphenate(%q) = %q, want %q", c.tag, c.word, got, c.want)
		}
	}
}

// simpleClusters passes words unsegmented on the strength of every letter
// below simpleBelow being a cluster of its own, whatever is around it.
func TestSimpleClusters(t *testing.T) {
	for r := rune(0); r < simpleBelow; r++ {
		if !simpleClusters(string(r)) {
			continue
		}
		s := []rune{r, r, 'a', r}
		var seg segmenter.Segmenter
		seg.Init(s)
		n := 0
		for it := seg.GraphemeIterator(); it.Next(); {
			n++
		}
		if n != 4 {
			t.Errorf("%U joins a rune beside it: %d clusters in %q", r, n, string(s))
		}
	}
	if simpleClusters("e\u0301") || simpleClusters("हिन्दी") || !simpleClusters("l’été") {
		t.Error("simpleClusters takes a word with marks, or refuses letters")
	}
}

func TestKnownWords(t *testing.T) {
	seen := map[string]bool{}
	for tag, words := range knownWords {
		seen[tag] = true
		t.Run(tag, func(t *testing.T) {
			p := load(t, tag)
			for _, want := range words {
				word := strings.ReplaceAll(want, "-", "")
				if got := insert(word, p.Hyphenate(word)); got != want {
					t.Errorf("Hyphenate(%q) = %q, want %q", word, got, want)
				}
			}
		})
	}
	for _, l := range Languages() {
		if !seen[l.Tag] {
			t.Errorf("%s has no known words", l.Tag)
		}
	}
}

// Text may come decomposed (a letter followed by combining accents); the
// breaks are the same, counted in the text's own runes.
func TestDecomposed(t *testing.T) {
	for _, c := range []struct{ tag, want string }{
		{"el-polyton", "ἐ-λευ-θε-ρί-α"},
		{"de-1996", "Wör-ter-buch"},
		{"fr", "ré-vo-lu-tion"},
	} {
		p := load(t, c.tag)
		word := norm.NFD.String(strings.ReplaceAll(c.want, "-", ""))
		if norm.NFC.IsNormalString(word) {
			t.Fatalf("%q is already composed", word)
		}
		want := norm.NFD.String(c.want)
		if got := insert(word, p.Hyphenate(word)); got != want {
			t.Errorf("%s: Hyphenate(NFD %q) = %q, want %q", c.tag, c.want, got, want)
		}
	}
}

func TestMinimums(t *testing.T) {
	p := load(t, "en-US")
	if got := insert("happy", p.WithMinimums(1, 1).Hyphenate("happy")); got != "hap-py" {
		t.Errorf("happy with minimums 1/1 = %q, want hap-py", got)
	}
	// The French minimums (2/3) keep "té" on the line: 2/2 would carry it.
	fr := load(t, "fr")
	if got := insert("liberté", fr.WithMinimums(2, 2).Hyphenate("liberté")); got != "li-ber-té" {
		t.Errorf("liberté with 2/2 = %q, want li-ber-té", got)
	}
	// Exceptions obey the minimums too, as in TeX.
	if got := insert("associate", p.WithMinimums(3, 3).Hyphenate("associate")); got != "asso-ciate" {
		t.Errorf("associate with 3/3 = %q, want asso-ciate", got)
	}
	for tag, words := range knownWords {
		p := load(t, tag)
		for _, w := range words {
			w = strings.ReplaceAll(w, "-", "")
			n := len([]rune(w))
			for _, b := range p.Hyphenate(w) {
				if b < p.LeftMin || n-b < p.RightMin {
					t.Errorf("%s %s: break %d violates minimums %d/%d", tag, w, b, p.LeftMin, p.RightMin)
				}
			}
		}
	}
}

func TestLoadErrors(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"empty", "", "hyphen: no patterns found"},
		{"charset", "KOI8-R\na1b\n", `hyphen: line 1: unsupported charset "KOI8-R" (want UTF-8 or ISO8859-1)`},
		{"bad min", "UTF-8\nLEFTHYPHENMIN x\na1b\n", `hyphen: line 2: bad LEFTHYPHENMIN value "x"`},
		{"digits only", "UTF-8\n123\n", `hyphen: line 2: pattern "123" has no letters`},
		{"two errors", "UTF-8\n1\nRIGHTHYPHENMIN\n", `hyphen: line 2: pattern "1" has no letters; line 3: RIGHTHYPHENMIN needs one number`},
		{"bad utf8", "UTF-8\na\xff1b\n", "hyphen: line 2: bad character in pattern"},
		{"inner dot", "UTF-8\na.b\n", `hyphen: line 2: pattern "a.b" has a dot inside`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(c.in))
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Fatalf("err = %v, want prefix %q", err, c.want)
			}
		})
	}
}

func TestLoadTeXErrors(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"empty", "% only a comment\n", "hyphen: no patterns found"},
		{"not utf8", "\\patterns{a1b}\n\\patterns{\xff}", "hyphen: line 2: not UTF-8"},
		{"outside", "a1b", `hyphen: line 1: "a1b" outside \patterns or \hyphenation`},
		{"no brace", "\\patterns a1b", `hyphen: line 1: \patterns without {`},
		{"unclosed", "\n\\patterns{a1b\n", `hyphen: line 2: \patterns{ is not closed`},
		{"command", "\\lccode{x}\n\\patterns{a1b}", `hyphen: line 1: unsupported command \lccode`},
		{"every problem", "\\patterns{\n1\na.b\n}\n\\hyphenation{-ab ab--c x1y}",
			`hyphen: line 2: pattern "1" has no letters; line 3: pattern "a.b" has a dot inside; ` +
				`line 5: exception "-ab" has a misplaced hyphen; line 5: exception "ab--c" has a misplaced hyphen; ` +
				`line 5: bad character in exception "x1y"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := LoadTeX(strings.NewReader(c.in))
			if err == nil || err.Error() != c.want {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
		})
	}
}

func TestLoadTeX(t *testing.T) {
	in := "% title: test\n\\message{hi}\n\\patterns{ % the patterns\n.a1b 1c\nb2c\n}\n" +
		"\\hyphenation{ABC-DEF x-y-z}\n\\endinput\n\\bogus{"
	p, err := LoadTeX(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	p = p.WithMinimums(1, 1)
	for word, want := range map[string]string{
		"abc":    "a-bc",    // .a1b; b2c forbids the break before c
		"xabc":   "xabc",    // .a1b needs the word start; b2c forbids 1c
		"xac":    "xa-c",    // 1c alone
		"abcdef": "abc-def", // the exception, matched case-insensitively
		"AbcDef": "Abc-Def",
		"xyz":    "x-y-z",
	} {
		if got := insert(word, p.Hyphenate(word)); got != want {
			t.Errorf("Hyphenate(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestLoadSmall(t *testing.T) {
	in := "UTF-8\n% comment\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\nCOMPOUNDLEFTHYPHENMIN 2\na1b\nss/s=s,1,2\nNEXTLEVEL\nb1c\n"
	p, err := Load(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if got := insert("abc", p.Hyphenate("abc")); got != "a-bc" {
		t.Errorf("got %q, want a-bc (patterns after NEXTLEVEL are not first-level)", got)
	}
	// Higher values win; even values forbid.
	p2, err := Load(strings.NewReader("UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\na1b\n2b\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := p2.Hyphenate("ab"); len(got) != 0 {
		t.Errorf("even value should inhibit the break, got %v", got)
	}
	// ISO8859-1 files are read as such: "\xe9" is é.
	p3, err := Load(strings.NewReader("ISO8859-1\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\n\xe91t\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := insert("été", p3.Hyphenate("été")); got != "é-té" {
		t.Errorf("latin-1 pattern: got %q, want é-té", got)
	}
}

// A trie node with many children is searched by bisection; every child
// must still be found.
func TestWideNode(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("\\patterns{")
	letters := []rune("abcdefghijklmnopqrstuvwxyzαβγδεζηθικλμνξοπρστυφχψω")
	for _, r := range letters {
		sb.WriteString(" q1" + string(r))
	}
	sb.WriteString("}")
	p, err := LoadTeX(strings.NewReader(sb.String()))
	if err != nil {
		t.Fatal(err)
	}
	p = p.WithMinimums(1, 1)
	for _, r := range letters {
		w := "q" + string(r)
		if got := insert(w, p.Hyphenate(w)); got != "q-"+string(r) {
			t.Errorf("Hyphenate(%q) = %q", w, got)
		}
	}
}

func TestConcurrent(t *testing.T) {
	lib := NewLibrary(Embedded().fsys)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				for _, c := range [][2]string{{"en", "type-set-ting"}, {"ru", "сво-бо-да"}, {"de", "Zu-cker"}} {
					p, err := lib.For(c[0])
					if err != nil {
						t.Error(err)
						return
					}
					w := strings.ReplaceAll(c[1], "-", "")
					if got := insert(w, p.Hyphenate(w)); got != c[1] {
						t.Errorf("got %q", got)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

func TestLongWord(t *testing.T) {
	p := load(t, "en-US")
	w := strings.Repeat("supercalifragilistic", 10)
	n := len([]rune(w))
	prev := -1
	for _, b := range p.Hyphenate(w) {
		if b <= prev || b < 2 || b > n-3 {
			t.Fatalf("break %d out of range", b)
		}
		prev = b
	}
}

var benchWords = map[string]string{
	"en-US":   "the quick typesetting of revolutionary documentation requires hyphenation algorithms organization bureaucracy consciousness emancipation",
	"de-1996": "die Donaudampfschifffahrtsgesellschaft verlangt Silbentrennung für Wörterbücher der Rechtschreibung und Arbeiterklasse",
	"ru":      "рабочая оппозиция требовала передачи управления народным хозяйством всероссийскому съезду производителей",
}

func BenchmarkHyphenate(b *testing.B) {
	for _, tag := range []string{"en-US", "de-1996", "ru"} {
		p := load(b, tag)
		words := strings.Fields(benchWords[tag])
		b.Run(tag, func(b *testing.B) {
			var buf []int
			for i := 0; i < b.N; i++ {
				buf = p.AppendHyphenate(buf[:0], words[i%len(words)])
			}
		})
	}
}

// BenchmarkFirstUse is what a book pays the first time it needs a
// language: decompressing and compiling its patterns.
func BenchmarkFirstUse(b *testing.B) {
	for _, tag := range []string{"en-US", "de-1996", "ru", "fr"} {
		b.Run(tag, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := NewLibrary(Embedded().fsys).Load(tag); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// FuzzLoad feeds arbitrary pattern files: Load must return an error or a
// pattern set whose breaks respect the minimums, never panic.
func FuzzLoad(f *testing.F) {
	f.Add("UTF-8\nLEFTHYPHENMIN 1\na1b\n.hy3ph\n", "hyphen")
	f.Add("UTF-8\n2\xff\n", "x")
	f.Add("ISO8859-1\n\xe91t\n", "été")
	f.Fuzz(func(t *testing.T, file, word string) {
		p, err := Load(strings.NewReader(file))
		if err != nil {
			return
		}
		checkBreaks(t, p, word)
	})
}

// FuzzLoadTeX does the same for TeX's form.
func FuzzLoadTeX(f *testing.F) {
	f.Add("\\patterns{.a1b 1c b2c}\\hyphenation{ab-c}", "abc")
	f.Add("% c\n\\patterns{\n}\n\\endinput", "x")
	f.Add("\\patterns{1ά 2ἐ}", "ἐλευθερία")
	f.Fuzz(func(t *testing.T, file, word string) {
		p, err := LoadTeX(strings.NewReader(file))
		if err != nil {
			return
		}
		checkBreaks(t, p.WithMinimums(1, 1), word)
	})
}

func checkBreaks(t *testing.T, p *Patterns, word string) {
	t.Helper()
	n := len([]rune(word))
	prev := -1
	for _, b := range p.Hyphenate(word) {
		if b <= prev || b < p.LeftMin || n-b < p.RightMin || b >= n {
			t.Fatalf("bad break %d in %q", b, word)
		}
		prev = b
	}
}

// composedSafe must hold no rune that Unicode composes onto the rune
// before it: every non-initial rune of a canonical decomposition is one.
func TestComposedSafe(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		d := norm.NFD.PropertiesString(string(r)).Decomposition()
		if len(d) == 0 {
			continue
		}
		for i, c := range string(d) {
			if i > 0 && c < composedBelow && composedSafe[c>>6]&(1<<(c&63)) != 0 {
				t.Errorf("U+%04X is marked safe but follows in the decomposition of U+%04X", c, r)
			}
		}
	}
	for _, r := range "aéжёλάאب" {
		if composedSafe[r>>6]&(1<<(r&63)) == 0 {
			t.Errorf("%q should be safe", r)
		}
	}
	for _, r := range "\u0301\u0308\u0344\u0653" {
		if composedSafe[r>>6]&(1<<(r&63)) != 0 {
			t.Errorf("U+%04X combines and must not be safe", r)
		}
	}
}

// FuzzHyphenate puts any word, in any script, normalized or not, through
// the patterns of every language a book may be set in: breaks fall inside
// the word, in order, within the language's minimums, and between whole
// characters (a mark is never split from its letter).
func FuzzHyphenate(f *testing.F) {
	for _, w := range []string{"hyphenation", "Silbentrennung", "électricité", "e\u0301lectricite\u0301",
		"ἐλευθερία", "безопасность", "परिवर्तन", "ﬁnancial", "İstanbul", "x\u200dy\u00adz", "\xff\xfe", ""} {
		f.Add(w, 0)
	}
	lib := NewLibrary(Embedded().fsys)
	langs := Languages()
	f.Fuzz(func(t *testing.T, word string, lang int) {
		l := langs[uint(lang)%uint(len(langs))]
		p, err := lib.Load(l.Tag)
		if err != nil {
			t.Fatal(err)
		}
		checkBreaks(t, p, word)
		runes := []rune(word)
		for _, b := range p.Hyphenate(word) {
			if r := runes[b]; unicode.In(r, unicode.Mn, unicode.Me) || r == '\u200d' {
				t.Fatalf("%s: break at %d in %q parts U+%04X from the letter before", l.Tag, b, word, r)
			}
		}
	})
}
