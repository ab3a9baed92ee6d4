package xhtml

import (
	"strings"

	"golang.org/x/text/language"

	"github.com/samizdat-press/samizdat/internal/lang"
)

// ParseLang validates a BCP 47 tag and returns it in canonical form, for
// lang and xml:lang.
func ParseLang(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return "", false
	}
	for _, r := range s {
		if !(r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return "", false
		}
	}
	tag, err := language.Parse(s)
	if err != nil {
		return "", false
	}
	return tag.String(), true
}

// Direction is the dir attribute of a language: "rtl" for one written
// right to left (he, ar, fa…), "ltr" otherwise, also for "" or a tag that
// does not parse.
func Direction(tag string) string {
	t, err := lang.Parse(tag)
	if err != nil {
		return lang.LTR.String()
	}
	return lang.TagDirection(t).String()
}
