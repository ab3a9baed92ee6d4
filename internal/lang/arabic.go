package lang

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Arabic letters join: each takes an isolated, final, initial or medial
// form by whether it joins the letters before and after it. Unicode
// encodes those forms as presentation forms (U+FB50–FDFF, U+FE70–FEFF),
// compatibility characters whose decomposition is the letter; Shape
// writes a word's letters as the forms they take, which the typesetter
// then draws from the font (by its cmap, or its init, medi, fina and isol
// features), and a PDF's Unicode map turns back into the letters.

// Form is the shape a joining letter takes.
type Form uint8

const (
	Isolated Form = iota
	Final
	Initial
	Medial
)

var formNames = [...]string{"isol", "fina", "init", "medi"}

// Feature is the OpenType feature that gives the form: isol, fina, init
// or medi.
func (f Form) Feature() string { return formNames[f&3] }

// joining is how a letter joins: the forms it has.
type joining struct {
	forms [4]rune // by Form; 0 when the letter has no such form
}

func (j joining) dual() bool { return j.forms[Initial] != 0 && j.forms[Medial] != 0 }
func (j joining) right() bool {
	return j.forms[Final] != 0
}

type arabicTables struct {
	letters map[rune]joining
	// base maps a presentation form to its letter(s) and form.
	base map[rune]formOf
}

type formOf struct {
	letters string
	form    Form
}

const (
	lam        = '\u0644'
	tatweel    = '\u0640'
	zwj        = '\u200D'
	lamAlefMin = 0xFEF5
	lamAlefMax = 0xFEFC
)

// arabic derives the joining letters and their forms from Unicode's
// presentation forms: each letter's forms are consecutive, in the order
// isolated, final, initial, medial (a letter joining only the one before
// has the first two, a letter that never joins only the first).
var arabic = sync.OnceValue(func() *arabicTables {
	t := &arabicTables{letters: map[rune]joining{}, base: map[rune]formOf{}}
	group := func(lo, hi rune, extend bool) {
		var run []rune
		var letter rune
		flush := func() {
			if letter == 0 || len(run) == 0 || len(run) > 4 {
				run = run[:0]
				return
			}
			j, seen := t.letters[letter]
			switch {
			case !seen:
				for i, r := range run {
					j.forms[i] = r
				}
			case extend && len(run) == 2 && !j.dual() && j.forms[Final] != 0:
				// U+FBE8–FBE9: the initial and medial forms of alef maksura,
				// whose isolated and final forms are U+FEEF–FEF0.
				j.forms[Initial], j.forms[Medial] = run[0], run[1]
			default:
				run = run[:0]
				return
			}
			t.letters[letter] = j
			for f, r := range j.forms {
				if r != 0 {
					t.base[r] = formOf{string(letter), Form(f)}
				}
			}
			run = run[:0]
		}
		for r := lo; r <= hi; r++ {
			d := norm.NFKC.String(string(r))
			l, size := utf8.DecodeRuneInString(d)
			if size != len(d) || !unicode.Is(unicode.Arabic, l) || !unicode.IsLetter(l) {
				flush()
				letter = 0
				continue
			}
			if l != letter {
				flush()
				letter = l
			}
			run = append(run, r)
		}
		flush()
	}
	group(0xFE70, 0xFEF4, false)
	group(0xFB50, 0xFDFF, true)
	// The lam-alef ligatures: isolated and final, by the alef.
	for r := rune(lamAlefMin); r <= lamAlefMax; r++ {
		t.base[r] = formOf{norm.NFKC.String(string(r)), Form((r - lamAlefMin) % 2)}
	}
	return t
})

// ArabicLetters returns the letters a presentation form stands for (two
// for a lam-alef ligature) and the form it is; ok is false for any other
// character.
func ArabicLetters(r rune) (letters string, form Form, ok bool) {
	if r < 0xFB50 || r > 0xFEFC {
		return "", 0, false
	}
	f, ok := arabic().base[r]
	return f.letters, f.form, ok
}

// ArabicJoins reports whether r is an Arabic letter Shape can join: one
// with presentation forms. Other letters of the Arabic script (those of
// the Arabic Supplement and Extended blocks) have none, and a text holding
// them cannot be set joined.
func ArabicJoins(r rune) bool {
	_, ok := arabic().letters[r]
	return ok
}

// transparent characters (vowel marks, shadda) do not break joining.
func transparent(r rune) bool {
	return r != zwj && unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) && r != '\u200C'
}

// joinsAfter reports whether r joins the letter that follows it.
func (t *arabicTables) joinsAfter(r rune) bool {
	if r == tatweel || r == zwj {
		return true
	}
	return t.letters[r].dual()
}

// joinsBefore reports whether r joins the letter before it.
func (t *arabicTables) joinsBefore(r rune) bool {
	if r == tatweel || r == zwj {
		return true
	}
	return t.letters[r].right()
}

func alefLigature(r rune) rune {
	switch r {
	case '\u0622':
		return 0xFEF5
	case '\u0623':
		return 0xFEF7
	case '\u0625':
		return 0xFEF9
	case '\u0627':
		return 0xFEFB
	}
	return 0
}

// ShapeArabic writes the Arabic letters of s (in logical order) as the
// presentation forms they take, lam followed by alef as their ligature.
// before and after are the characters around s in the same word (0 for
// none), which joining looks through. Other characters are kept.
func ShapeArabic(s string, before, after rune) string {
	t := arabic()
	rs := []rune(s)
	found := false
	for _, r := range rs {
		if _, ok := t.letters[r]; ok {
			found = true
			break
		}
	}
	if !found {
		return s
	}
	// next returns the next character that is not transparent, from i.
	next := func(i int) rune {
		for ; i < len(rs); i++ {
			if !transparent(rs[i]) {
				return rs[i]
			}
		}
		return after
	}
	out := make([]rune, 0, len(rs))
	prev := before // the last character that is not transparent
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if transparent(r) {
			out = append(out, r)
			continue
		}
		j, isLetter := t.letters[r]
		if !isLetter {
			out = append(out, r)
			prev = r
			continue
		}
		joinPrev := prev != 0 && t.joinsAfter(prev) && t.joinsBefore(r)
		if r == lam && i+1 < len(rs) {
			if lig := alefLigature(rs[i+1]); lig != 0 {
				if joinPrev {
					lig++ // the final form
				}
				out = append(out, lig)
				prev = rs[i+1]
				i++
				continue
			}
		}
		n := next(i + 1)
		joinNext := n != 0 && t.joinsAfter(r) && t.joinsBefore(n)
		form := Isolated
		switch {
		case joinPrev && joinNext:
			form = Medial
		case joinPrev:
			form = Final
		case joinNext:
			form = Initial
		}
		if j.forms[form] == 0 {
			form = Isolated
		}
		out = append(out, j.forms[form])
		prev = r
	}
	return string(out)
}
