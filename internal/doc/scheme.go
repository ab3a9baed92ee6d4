package doc

// HasURLScheme reports whether u starts with a URI scheme (RFC 3986: a
// letter, then letters, digits, "+", "-" or ".", then ":") of two letters
// or more, as the resolve pass and the renderers tell an address from a
// path. No scheme has one letter: "a:b.md" is a file name (and "C:/…" a
// drive, which the book folder cannot hold).
func HasURLScheme(u string) bool {
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 1 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}
