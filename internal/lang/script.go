package lang

import (
	"unicode"
	"unicode/utf8"
)

// Script is a writing system, as Unicode assigns characters to them
// (UAX #24). Common and Inherited mark characters shared by several
// scripts (digits, punctuation, spaces; combining marks), which take the
// script of the text around them.
type Script uint8

// The scripts samizdat tells apart. Unknown is every other script.
const (
	Unknown Script = iota
	Common
	Inherited
	Latin
	Greek
	Cyrillic
	Armenian
	Georgian
	Hebrew
	Arabic
	Syriac
	Thaana
	Devanagari
	Bengali
	Tamil
	Thai
	Ethiopic
	Han
	Hiragana
	Katakana
	Hangul
	Bopomofo
)

type scriptInfo struct {
	code  string // ISO 15924
	table *unicode.RangeTable
	rtl   bool
}

var scripts = [...]scriptInfo{
	Unknown:    {"Zzzz", nil, false},
	Common:     {"Zyyy", unicode.Common, false},
	Inherited:  {"Zinh", unicode.Inherited, false},
	Latin:      {"Latn", unicode.Latin, false},
	Greek:      {"Grek", unicode.Greek, false},
	Cyrillic:   {"Cyrl", unicode.Cyrillic, false},
	Armenian:   {"Armn", unicode.Armenian, false},
	Georgian:   {"Geor", unicode.Georgian, false},
	Hebrew:     {"Hebr", unicode.Hebrew, true},
	Arabic:     {"Arab", unicode.Arabic, true},
	Syriac:     {"Syrc", unicode.Syriac, true},
	Thaana:     {"Thaa", unicode.Thaana, true},
	Devanagari: {"Deva", unicode.Devanagari, false},
	Bengali:    {"Beng", unicode.Bengali, false},
	Tamil:      {"Taml", unicode.Tamil, false},
	Thai:       {"Thai", unicode.Thai, false},
	Ethiopic:   {"Ethi", unicode.Ethiopic, false},
	Han:        {"Hani", unicode.Han, false},
	Hiragana:   {"Hira", unicode.Hiragana, false},
	Katakana:   {"Kana", unicode.Katakana, false},
	Hangul:     {"Hang", unicode.Hangul, false},
	Bopomofo:   {"Bopo", unicode.Bopomofo, false},
}

// Code is the script's ISO 15924 code ("Latn", "Cyrl", "Hani").
func (s Script) Code() string {
	if int(s) < len(scripts) {
		return scripts[s].code
	}
	return scripts[Unknown].code
}

func (s Script) String() string { return s.Code() }

// Direction is the script's writing direction; Common, Inherited and
// Unknown are LTR (they follow their surroundings).
func (s Script) Direction() Direction {
	if int(s) < len(scripts) && scripts[s].rtl {
		return RTL
	}
	return LTR
}

// Strong reports whether the script decides a run's script by itself
// (it is neither Common nor Inherited).
func (s Script) Strong() bool { return s != Common && s != Inherited }

// Direction is a text direction.
type Direction uint8

const (
	LTR Direction = iota
	RTL
)

// String is the direction as HTML's dir attribute spells it.
func (d Direction) String() string {
	if d == RTL {
		return "rtl"
	}
	return "ltr"
}

// ScriptOf returns the script of one character.
func ScriptOf(r rune) Script {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return Latin
		}
		return Common
	}
	// The most frequent scripts first; Common last, since its table is
	// the largest.
	for s := Latin; int(s) < len(scripts); s++ {
		if unicode.Is(scripts[s].table, r) {
			return s
		}
	}
	switch {
	case unicode.Is(unicode.Inherited, r):
		return Inherited
	case unicode.Is(unicode.Common, r):
		return Common
	}
	return Unknown
}

// Run is a stretch of text in one script: text[Start:End] in bytes.
type Run struct {
	Start, End int
	Script     Script
}

// Runs splits text into runs of one script. Common and Inherited
// characters (spaces, digits, punctuation, combining marks) join the run
// before them, or the first strong run when the text starts with them; a
// text with no strong character is one Common run. Unknown scripts form
// runs of their own, so a caller can report them.
func Runs(text string) []Run {
	var runs []Run
	cur := Common
	start := 0
	for i, r := range text {
		s := ScriptOf(r)
		if !s.Strong() || s == cur {
			continue
		}
		if cur.Strong() {
			runs = append(runs, Run{start, i, cur})
			start = i
		}
		// Leading weak characters belong to the first strong run.
		cur = s
	}
	if len(text) > 0 {
		runs = append(runs, Run{start, len(text), cur})
	}
	return runs
}

// MainScript returns the script most of text's letters are in (Common
// when it has none); ties go to the script met first.
func MainScript(text string) Script {
	var counts [len(scripts)]int
	var order []Script
	for _, r := range text {
		s := ScriptOf(r)
		if !s.Strong() {
			continue
		}
		if counts[s] == 0 {
			order = append(order, s)
		}
		counts[s]++
	}
	best := Common
	for _, s := range order {
		if best == Common || counts[s] > counts[best] {
			best = s
		}
	}
	return best
}
