package epub

import (
	"strconv"
	"strings"
	"unicode"
)

// idSet hands out XML IDs unique within one document. IDs from the tree
// are claimed first, so they survive unchanged when they are valid; a
// clash or an invalid ID gets a deterministic replacement.
type idSet struct {
	used map[string]bool
}

func newIDSet(reserved ...string) *idSet {
	s := &idSet{used: map[string]bool{}}
	for _, r := range reserved {
		s.used[r] = true
	}
	return s
}

// claim returns an unused ID as close to want as possible.
func (s *idSet) claim(want string) string {
	base := xmlID(want)
	id := base
	for n := 2; s.used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	s.used[id] = true
	return id
}

// xmlID turns s into an NCName, the type EPUB gives the id attribute.
// Letters outside the scripts every XML parser agrees on are replaced too.
func xmlID(s string) string {
	s = cleanText(s)
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

// fileBase turns s into a safe OCF file name stem: ASCII letters, digits,
// '-' and '_' only, never empty.
func fileBase(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		ok := r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
		if !ok {
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = true
			continue
		}
		b.WriteRune(r)
		dash = r == '-'
	}
	out := strings.Trim(b.String(), "-")
	if len(out) > 64 {
		out = strings.Trim(out[:64], "-")
	}
	if out == "" {
		return "doc"
	}
	return out
}

// nameSet hands out file names unique within a folder.
type nameSet map[string]bool

// claim returns base+ext, or base-2+ext, … whichever is free. Names are
// compared without case, as some file systems do.
func (s nameSet) claim(base, ext string) string {
	name := base + ext
	for n := 2; s[strings.ToLower(name)]; n++ {
		name = base + "-" + strconv.Itoa(n) + ext
	}
	s[strings.ToLower(name)] = true
	return name
}
