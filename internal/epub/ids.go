package epub

import (
	"strconv"
	"strings"
)

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
