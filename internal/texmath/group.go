package texmath

// GroupEnd is the index just after the brace that closes the group
// opening at s[i] (a "{"), braces nested inside counted and a backslash
// escaping the character after it (\{ and \} are no braces); -1 when s
// ends first. The formulas' reader, the commands' replacement and the
// Markdown reader's search for a formula's end skip groups by it, so
// that they agree on where one ends.
func GroupEnd[S ~string | ~[]byte](s S, i int) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return j + 1
			}
		}
	}
	return -1
}
