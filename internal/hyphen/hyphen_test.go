package hyphen

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/samizdat-press/samizdat/assets"
)

func enUS(t testing.TB) *Patterns {
	t.Helper()
	p, err := Load(bytes.NewReader(assets.MustRead(assets.HyphenEnUS)))
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

// The expectations are what TeX's US English patterns give with
// \lefthyphenmin=2 and \righthyphenmin=3 (the settings in the file), checked
// against an independent Liang implementation reading the same file.
func TestHyphenateEnglish(t *testing.T) {
	p := enUS(t)
	if p.LeftMin != 2 || p.RightMin != 3 {
		t.Fatalf("minimums = %d/%d, want 2/3 from the file", p.LeftMin, p.RightMin)
	}
	cases := []string{
		"hy-phen-ation",
		"type-set-ting",
		"rev-o-lu-tion-ary",
		"bu-reau-cracy",
		"or-ga-ni-za-tion",
		"ta-ble",
		"happy", // "hap-py" would leave two runes: RIGHTHYPHENMIN is 3
		"al-go-rithm",
		"in-ter-na-tional",
		"doc-u-men-ta-tion",
		"as-so-ciate",
		"uni-ver-sity",
		"pro-gram-ming",
		"Kol-lon-tai",
		"pro-le-tariat",
		"con-scious-ness",
		"eman-ci-pa-tion",
		"com-mu-ni-ca-tion",
		"In-ter-na-tionale",
		"man-u-script",
		"it",
		"",
		"ex-tra-or-di-nary",
		"pho-to-graph",
		"mis-un-der-stand-ing",
		"HY-PHEN-ATION",
	}
	for _, want := range cases {
		word := strings.ReplaceAll(want, "-", "")
		if got := insert(word, p.Hyphenate(word)); got != want {
			t.Errorf("Hyphenate(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestMinimums(t *testing.T) {
	p := enUS(t)
	p2 := *p
	p2.LeftMin, p2.RightMin = 1, 1
	// With no minimums the patterns allow more breaks at the word ends.
	if got := insert("happy", p2.Hyphenate("happy")); got != "hap-py" {
		t.Errorf("happy with minimums 1/1 = %q, want hap-py", got)
	}
	for _, w := range []string{"revolutionary", "hyphenation", "misunderstanding"} {
		n := len([]rune(w))
		for _, b := range p.Hyphenate(w) {
			if b < p.LeftMin || n-b < p.RightMin {
				t.Errorf("%s: break %d violates minimums", w, b)
			}
		}
	}
}

func TestLoadErrors(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"empty", "", "hyphen: no patterns found"},
		{"charset", "KOI8-R\na1b\n", `hyphen: line 1: unsupported charset "KOI8-R" (want UTF-8)`},
		{"bad min", "UTF-8\nLEFTHYPHENMIN x\na1b\n", `hyphen: line 2: bad LEFTHYPHENMIN value "x"`},
		{"digits only", "UTF-8\n123\n", `hyphen: line 2: pattern "123" has no letters`},
		{"two errors", "UTF-8\n1\nRIGHTHYPHENMIN\n", `hyphen: line 2: pattern "1" has no letters; line 3: RIGHTHYPHENMIN needs one number`},
		{"bad utf8", "UTF-8\na\xff1b\n", "hyphen: line 2: bad character in pattern"},
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
}

func TestConcurrent(t *testing.T) {
	p := enUS(t)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				if got := insert("typesetting", p.Hyphenate("typesetting")); got != "type-set-ting" {
					t.Errorf("got %q", got)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestLongWord(t *testing.T) {
	p := enUS(t)
	w := strings.Repeat("supercalifragilistic", 10)
	for _, b := range p.Hyphenate(w) {
		if b < 2 || b > len(w)-3 {
			t.Fatalf("break %d out of range", b)
		}
	}
}

func BenchmarkHyphenate(b *testing.B) {
	p := enUS(b)
	words := strings.Fields("the quick typesetting of revolutionary documentation requires hyphenation algorithms organization bureaucracy consciousness emancipation")
	var buf []int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf = p.AppendHyphenate(buf[:0], words[i%len(words)])
	}
}

func BenchmarkLoad(b *testing.B) {
	data := assets.MustRead(assets.HyphenEnUS)
	for i := 0; i < b.N; i++ {
		if _, err := Load(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzLoad feeds arbitrary pattern files: Load must return an error or a
// pattern set whose breaks respect the minimums, never panic.
func FuzzLoad(f *testing.F) {
	f.Add("UTF-8\nLEFTHYPHENMIN 1\na1b\n.hy3ph\n", "hyphen")
	f.Add("UTF-8\n2\xff\n", "x")
	f.Fuzz(func(t *testing.T, file, word string) {
		p, err := Load(strings.NewReader(file))
		if err != nil {
			return
		}
		n := len([]rune(word))
		prev := -1
		for _, b := range p.Hyphenate(word) {
			if b <= prev || b < p.LeftMin || n-b < p.RightMin {
				t.Fatalf("bad break %d in %q", b, word)
			}
			prev = b
		}
	})
}
