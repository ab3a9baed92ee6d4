package xhtml

import (
	"strconv"
	"strings"
	"unicode"
)

// IDSet hands out XML IDs unique within what it covers (a document, or a
// whole book). IDs from the tree are claimed first, so they survive
// unchanged when they are valid; a clash or an invalid ID gets a
// deterministic replacement.
type IDSet struct {
	used map[string]bool
}

// NewIDSet returns a set in which the reserved IDs are already taken.
func NewIDSet(reserved ...string) *IDSet {
	s := &IDSet{used: map[string]bool{}}
	for _, r := range reserved {
		s.used[r] = true
	}
	return s
}

// Claim returns an unused ID as close to want as possible.
func (s *IDSet) Claim(want string) string {
	base := NCName(want)
	id := base
	for n := 2; s.used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	s.used[id] = true
	return id
}

// NCName turns s into an NCName, the type XHTML gives the id attribute.
// Letters outside the scripts every XML parser agrees on are replaced too.
func NCName(s string) string {
	s = CleanText(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case b.Len() == 0 && !nameStart(r):
			if nameChar(r) {
				b.WriteString("id-")
				b.WriteRune(r)
			} else {
				b.WriteString("id-")
			}
		case nameChar(r):
			b.WriteRune(r)
		case !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "id"
	}
	return b.String()
}

func nameStart(r rune) bool {
	switch {
	case r == '_', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		return true
	case r < 0xc0:
		return false
	}
	return unicode.IsLetter(r) && conservativeLetter(r)
}

func nameChar(r rune) bool {
	return nameStart(r) || r == '-' || r == '.' || (r >= '0' && r <= '9')
}

// conservativeLetter limits non-ASCII ID letters to blocks that XML 1.0
// parsers of every edition accept as name characters.
func conservativeLetter(r rune) bool {
	for _, rg := range conservativeRanges {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

// conservativeRanges are letter ranges of the XML 1.0 (second edition)
// BaseChar and Ideographic productions, which older parsers still apply.
var conservativeRanges = [][2]rune{
	{0xc0, 0xd6}, {0xd8, 0xf6}, {0xf8, 0x131}, {0x134, 0x13e}, {0x141, 0x148},
	{0x14a, 0x17e}, {0x180, 0x1c3}, {0x1cd, 0x1f0}, {0x1f4, 0x1f5}, {0x1fa, 0x217},
	{0x386, 0x386}, {0x388, 0x38a}, {0x38c, 0x38c}, {0x38e, 0x3a1}, {0x3a3, 0x3ce},
	{0x401, 0x40c}, {0x40e, 0x44f}, {0x451, 0x45c}, {0x45e, 0x481},
	{0x5d0, 0x5ea}, {0x621, 0x63a}, {0x641, 0x64a},
	{0x3041, 0x3094}, {0x30a1, 0x30fa}, {0x4e00, 0x9fa5}, {0xac00, 0xd7a3},
}
