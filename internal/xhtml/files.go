package xhtml

import (
	"strconv"
	"strings"
)

// FileBase turns s into a safe file name stem, for a package or a web
// site: ASCII letters, digits, '-' and '_' only, at most 64 bytes;
// fallback when nothing of s is left.
func FileBase(s, fallback string) string {
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
		return fallback
	}
	return out
}

// NameSet hands out file names unique within a folder.
type NameSet map[string]bool

// Claim returns base+ext, or base-2+ext, … whichever is free. Names are
// compared without case, as some file systems and zip tools do.
func (s NameSet) Claim(base, ext string) string {
	name := base + ext
	for n := 2; s[strings.ToLower(name)]; n++ {
		name = base + "-" + strconv.Itoa(n) + ext
	}
	s[strings.ToLower(name)] = true
	return name
}
