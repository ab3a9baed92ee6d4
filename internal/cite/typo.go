package cite

import (
	"strings"
	"unicode"
)

// Typographic curls straight quotes and apostrophes by their neighbours
// and turns "---" into an em dash and "--" into an en dash, as the
// Markdown text around a citation is ("The Workers' Opposition" becomes
// "The Workers’ Opposition").
func Typographic(s string) string {
	if !strings.ContainsAny(s, "'\"-") {
		return s
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, "---", "—"), "--", "–")
	rs := []rune(s)
	for i, r := range rs {
		prev := ' '
		if i > 0 {
			prev = rs[i-1]
		}
		opening := unicode.IsSpace(prev) || strings.ContainsRune("([{—–‘“", prev)
		switch r {
		case '\'':
			if opening && i+1 < len(rs) && (unicode.IsLetter(rs[i+1]) || unicode.IsDigit(rs[i+1])) {
				rs[i] = '‘'
			} else {
				rs[i] = '’'
			}
		case '"':
			if opening {
				rs[i] = '“'
			} else {
				rs[i] = '”'
			}
		}
	}
	return string(rs)
}
