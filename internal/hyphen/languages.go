package hyphen

import (
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/samizdat-press/samizdat/assets"
)

// Language is one embedded pattern set.
type Language struct {
	// Tag is the BCP 47 tag the patterns were made for ("de-1996").
	Tag  string
	Name string
	// Script is the ISO 15924 code of the script the patterns are written
	// in; a tag naming another script gets no patterns.
	Script string
	// File is the gzip-compressed pattern file in the hyphenation folder:
	// TeX's form (.tex) or the hyphen library's (.dic).
	File string
	// LeftMin and RightMin are the fewest letters left before a break and
	// carried after it when setting this language: the values TeX uses
	// (the pattern file's typesetting hyphenmins, its generation ones when
	// it gives no others, or babel's where babel sets others).
	// assets/hyphenation/README.md lists the source of each.
	LeftMin, RightMin int
}

// languages is ordered by tag; Library keeps one slot per entry.
var languages = [...]Language{
	{"as", "Assamese", "Beng", "hyph-as.tex.gz", 1, 1},
	{"bn", "Bengali", "Beng", "hyph-bn.tex.gz", 1, 1},
	{"de-1996", "German (1996 spelling)", "Latn", "hyph-de-1996.tex.gz", 2, 2},
	{"el-monoton", "Modern Greek (monotonic)", "Grek", "hyph-el-monoton.tex.gz", 1, 1},
	{"el-polyton", "Modern Greek (polytonic)", "Grek", "hyph-el-polyton.tex.gz", 1, 1},
	{"en-GB", "English (British)", "Latn", "hyph-en-gb.tex.gz", 2, 3},
	{"en-US", "English (American)", "Latn", "hyph-en-us.tex.gz", 2, 3},
	{"es", "Spanish", "Latn", "hyph-es.tex.gz", 2, 2},
	{"fr", "French", "Latn", "hyph-fr.tex.gz", 2, 3},
	{"grc", "Ancient Greek", "Grek", "hyph-grc.tex.gz", 1, 1},
	{"gu", "Gujarati", "Gujr", "hyph-gu.tex.gz", 1, 1},
	{"hi", "Hindi", "Deva", "hyph-hi.tex.gz", 1, 1},
	{"it", "Italian", "Latn", "hyph-it.tex.gz", 2, 2},
	{"kn", "Kannada", "Knda", "hyph-kn.tex.gz", 1, 1},
	{"la", "Latin (modern and medieval)", "Latn", "hyph-la.tex.gz", 2, 2},
	{"la-x-classic", "Latin (classical)", "Latn", "hyph-la-x-classic.tex.gz", 2, 2},
	{"ml", "Malayalam", "Mlym", "hyph-ml.tex.gz", 1, 1},
	{"mr", "Marathi", "Deva", "hyph-mr.tex.gz", 1, 1},
	{"nl", "Dutch", "Latn", "hyph_nl_NL.dic.gz", 2, 3},
	{"or", "Odia", "Orya", "hyph-or.tex.gz", 1, 1},
	{"pa", "Panjabi", "Guru", "hyph-pa.tex.gz", 1, 1},
	{"pl", "Polish", "Latn", "hyph-pl.tex.gz", 2, 2},
	{"pt", "Portuguese", "Latn", "hyph-pt.tex.gz", 2, 3},
	{"ru", "Russian", "Cyrl", "hyph-ru.tex.gz", 2, 2},
	{"sv", "Swedish", "Latn", "hyph-sv.tex.gz", 2, 2},
	{"ta", "Tamil", "Taml", "hyph-ta.tex.gz", 1, 1},
	{"te", "Telugu", "Telu", "hyph-te.tex.gz", 1, 1},
	{"uk", "Ukrainian", "Cyrl", "hyph-uk.tex.gz", 2, 2},
}

// Languages lists the embedded pattern sets, ordered by tag.
func Languages() []Language { return append([]Language(nil), languages[:]...) }

func languageIndex(tag string) int {
	for i, l := range languages {
		if l.Tag == tag {
			return i
		}
	}
	return -1
}

var (
	english001 = language.MustParse("en-001")
	classicExt = "x-classic"
)

// Match chooses the pattern set for a BCP 47 tag (case-insensitive; "_" is
// read as "-"). A region or script the patterns do not depend on falls
// back to the language: pt-BR → pt, fr-CA → fr, es-419 → es, sr… none.
// English uses the British patterns for the locales whose CLDR parent is
// en-001 (en-GB, en-AU, en-IE, en-IN, en-NZ, en-ZA, en-CA…) and the
// American ones otherwise ("en", en-US). German has the 1996 spelling's
// patterns only, so de-1901 (traditional spelling) gets none rather than
// breaks its rules forbid. Greek is monotonic unless the tag has the
// "polyton" variant; Latin is modern/medieval unless it is la-x-classic.
// Nepali, which hyph-utf8 has no patterns for, uses Hindi's: the Indic
// sets hold no words, only rules of their script (a break falls before a
// consonant or after a vowel, never beside a virama or a sign that
// belongs to the letter before it), and Hindi's and Marathi's are the
// same rules. A tag naming a script the patterns are not written in
// (ru-Latn, pa-Arab) gets none.
func Match(tag string) (Language, bool) {
	t, err := language.Parse(strings.ReplaceAll(strings.TrimSpace(tag), "_", "-"))
	if err != nil {
		return Language{}, false
	}
	base, script, _ := t.Raw()
	has := func(variant string) bool {
		for _, v := range t.Variants() {
			if v.String() == variant {
				return true
			}
		}
		return false
	}
	var want string
	switch base.String() {
	case "en":
		want = "en-US"
		for p := t; !p.IsRoot(); p = p.Parent() {
			if p == english001 {
				want = "en-GB"
				break
			}
		}
	case "de":
		if has("1901") {
			return Language{}, false
		}
		want = "de-1996"
	case "el":
		want = "el-monoton"
		if has("polyton") {
			want = "el-polyton"
		}
	case "ne":
		want = "hi"
	case "la":
		want = "la"
		if ext, ok := t.Extension('x'); ok && ext.String() == classicExt {
			want = "la-x-classic"
		}
	default:
		want = base.String()
	}
	i := languageIndex(want)
	if i < 0 {
		return Language{}, false
	}
	l := languages[i]
	if s := script.String(); s != "Zzzz" && s != l.Script {
		return Language{}, false
	}
	return l, true
}

// Library loads embedded pattern sets on first use, each once: a book in
// one language pays only for that language's patterns. It is safe for
// concurrent use.
type Library struct {
	fsys fs.FS
	sets [len(languages)]struct {
		once sync.Once
		p    *Patterns
		err  error
	}
}

// NewLibrary returns a library reading the pattern files named in
// Languages from fsys.
func NewLibrary(fsys fs.FS) *Library { return &Library{fsys: fsys} }

// Embedded returns the library of the patterns compiled into the binary.
// The files are constants of the program, so one library (and its parsed
// patterns) serves every build in the process.
var Embedded = sync.OnceValue(func() *Library {
	sub, err := fs.Sub(assets.FS(), "hyphenation")
	if err != nil {
		panic("hyphen: " + err.Error()) // a constant path: a build defect
	}
	return NewLibrary(sub)
})

// For returns the patterns for a BCP 47 tag, with the language's fragment
// minimums, or nil when no embedded set matches (see Match). An error
// means a pattern file is missing or unreadable.
func (lib *Library) For(tag string) (*Patterns, error) {
	l, ok := Match(tag)
	if !ok {
		return nil, nil
	}
	return lib.Load(l.Tag)
}

// Load returns the patterns of one entry of Languages by its exact tag.
func (lib *Library) Load(tag string) (*Patterns, error) {
	i := languageIndex(tag)
	if i < 0 {
		return nil, fmt.Errorf("hyphen: no patterns for %q", tag)
	}
	s := &lib.sets[i]
	s.once.Do(func() { s.p, s.err = lib.load(languages[i]) })
	return s.p, s.err
}

func (lib *Library) load(l Language) (*Patterns, error) {
	f, err := lib.fsys.Open(l.File)
	if err != nil {
		return nil, fmt.Errorf("hyphen: %s: %w", l.Tag, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("hyphen: %s: %s: %w", l.Tag, l.File, err)
	}
	var p *Patterns
	if strings.HasSuffix(l.File, ".tex.gz") {
		p, err = LoadTeX(zr)
	} else {
		p, err = Load(io.Reader(zr))
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", l.File, err)
	}
	p.LeftMin, p.RightMin = l.LeftMin, l.RightMin
	return p, nil
}
