package texmath

import "strings"

// alphabets are where the Unicode alphabets of script, double-struck and
// fraktur letters begin (capitals, small letters), and the letters that
// stand elsewhere, in the Letterlike Symbols block.
var alphabets = map[Variant]struct {
	upper, lower rune
	holes        map[rune]rune
}{
	VariantScript:  {0x1D49C, 0x1D4B6, map[rune]rune{'B': 'ℬ', 'E': 'ℰ', 'F': 'ℱ', 'H': 'ℋ', 'I': 'ℐ', 'L': 'ℒ', 'M': 'ℳ', 'R': 'ℛ', 'e': 'ℯ', 'g': 'ℊ', 'o': 'ℴ'}},
	VariantDouble:  {0x1D538, 0x1D552, map[rune]rune{'C': 'ℂ', 'H': 'ℍ', 'N': 'ℕ', 'P': 'ℙ', 'Q': 'ℚ', 'R': 'ℝ', 'Z': 'ℤ'}},
	VariantFraktur: {0x1D504, 0x1D51E, map[rune]rune{'C': 'ℭ', 'H': 'ℌ', 'I': 'ℑ', 'R': 'ℜ', 'Z': 'ℨ'}},
}

// Letters is text in variant v's own characters when v is an alphabet
// fonts hold as characters of their own (script, double-struck, fraktur),
// and ok true; other characters stay as they are.
func Letters(text string, v Variant) (string, bool) {
	a, ok := alphabets[v]
	if !ok {
		return text, false
	}
	return strings.Map(func(r rune) rune {
		if h, ok := a.holes[r]; ok {
			return h
		}
		switch {
		case r >= 'A' && r <= 'Z':
			return a.upper + r - 'A'
		case r >= 'a' && r <= 'z':
			return a.lower + r - 'a'
		case r >= '0' && r <= '9' && v == VariantDouble:
			return 0x1D7D8 + r - '0'
		}
		return r
	}, text), true
}
