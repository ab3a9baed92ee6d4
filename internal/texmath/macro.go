package texmath

import (
	"strconv"
	"strings"
)

// A book's own commands, as MathJax and LaTeX read them: \newcommand,
// \renewcommand, \def and \DeclareMathOperator, in a formula or given
// by the book's settings, are replaced by what they stand for before the
// formula is read. The replacement is bounded (maxExpansions,
// maxExpanded), so that a command that names itself ends in an error,
// not in a loop.

// Macro is a command's definition: Body, in which #1 … #9 stand for its
// Args arguments; the first is optional, Default when not given, if
// Optional. Delims, when not nil, are the texts a \def's parameters are
// delimited by: Delims[0] comes before the first argument, Delims[k]
// ends the k-th ("" for one read as a group or a token).
type Macro struct {
	Args     int
	Optional bool
	Default  string
	Body     string
	Delims   []string
}

// Macros are the commands defined so far, by name without the
// backslash.
type Macros map[string]Macro

const (
	maxExpansions = 2000
	maxExpanded   = 64 << 10
)

// NewMacro is the command whose replacement is body, taking as many
// arguments as the highest #n in it names (the way a book's settings give
// them, MathJax's macros without their count).
func NewMacro(body string) Macro {
	args := 0
	for i := 0; i+1 < len(body); i++ {
		if body[i] == '#' && body[i+1] >= '1' && body[i+1] <= '9' {
			args = max(args, int(body[i+1]-'0'))
			i++
		}
	}
	return Macro{Args: args, Body: body}
}

// Expand replaces the commands of m in src by their definitions, and
// reads the definitions in src into m (which it changes, so that they
// hold for the formulas after). What is left is the formula to parse:
// only spaces when src held definitions alone. The error is an *Error at
// an offset of src.
func Expand(src string, m Macros) (string, error) {
	if !strings.Contains(src, `\`) {
		return src, nil
	}
	var out strings.Builder
	s := src
	// base is the offset in src of s[0] while s is src's tail, -1 once
	// an expansion has been put in front of it
	base := 0
	offset := func(i int) int {
		if base < 0 {
			return 0
		}
		return base + i
	}
	expansions := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' {
			out.WriteByte(c)
			i++
			continue
		}
		name, end := controlName(s, i)
		switch name {
		case "newcommand", "renewcommand", "providecommand", "def", "DeclareMathOperator":
			def, mac, n, err := readDefinition(s, i, name)
			if err != nil {
				err.Offset = offset(err.Offset)
				return "", err
			}
			if _, ok := m[def]; !ok || name != "providecommand" {
				m[def] = mac
			}
			i = n
			continue
		}
		mac, ok := m[name]
		if !ok || name == "" {
			out.WriteString(s[i:end])
			i = end
			continue
		}
		expansions++
		if expansions > maxExpansions || out.Len()+len(s) > maxExpanded {
			return "", &Error{Offset: offset(i), Msg: `\` + name + " expands too far (does it name itself?)"}
		}
		body, n, err := apply(s, end, mac)
		if err != nil {
			err.Offset = offset(err.Offset)
			err.Msg = `\` + name + ": " + err.Msg
			return "", err
		}
		// a command's name ends at the first character that is not a
		// letter: keep the replacement's last name apart from letters
		// after it
		if n < len(s) && isLetterAt(s, n) && endsInControlWord(body) {
			body += " "
		}
		s = body + s[n:]
		i = 0
		base = -1
	}
	return out.String(), nil
}

// controlName is the name of the command at s[i] (a backslash) and the
// index after it and the spaces that end it.
func controlName(s string, i int) (string, int) {
	j := i + 1
	if j >= len(s) {
		return "", j
	}
	if !isLetterAt(s, j) {
		return s[j : j+1], j + 1
	}
	for isLetterAt(s, j) {
		j++
	}
	name := s[i+1 : j]
	return name, j
}

func endsInControlWord(s string) bool {
	j := len(s)
	for j > 0 && isLetterAt(s, j-1) {
		j--
	}
	return j < len(s) && j > 0 && s[j-1] == '\\'
}

// skipSpaces is the index of the first byte at or after i that is not
// white space.
func skipSpaces(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// balanced is the text of the group that opens at s[i] ("{") and the
// index after it.
func balanced(s string, i int) (string, int, bool) {
	end := GroupEnd(s, i)
	if end < 0 {
		return "", len(s), false
	}
	return s[i+1 : end-1], end, true
}

// argumentText is a command's argument at s[i], as text: a group's
// content or one token.
func argumentText(s string, i int) (string, int, bool) {
	i = skipSpaces(s, i)
	if i >= len(s) {
		return "", i, false
	}
	switch s[i] {
	case '{':
		return balanced(s, i)
	case '}':
		return "", i, false
	case '\\':
		_, end := controlName(s, i)
		return s[i:end], end, true
	}
	n := 1
	for n < 4 && i+n < len(s) && s[i+n]&0xC0 == 0x80 {
		n++
	}
	return s[i : i+n], i + n, true
}

// readDefinition reads the definition that starts at s[i] with the
// command cmd: the name it defines, its macro, and the index after it.
func readDefinition(s string, i int, cmd string) (string, Macro, int, *Error) {
	at := i
	_, j := controlName(s, i)
	if cmd != "def" && j < len(s) && s[j] == '*' {
		j++
	}
	j = skipSpaces(s, j)
	// the name: \name, or {\name}
	braced := j < len(s) && s[j] == '{'
	if braced {
		j = skipSpaces(s, j+1)
	}
	if j >= len(s) || s[j] != '\\' {
		return "", Macro{}, 0, &Error{Offset: at, Msg: `\` + cmd + " without a command's name"}
	}
	name, k := controlName(s, j)
	j = k
	if braced {
		j = skipSpaces(s, j)
		if j >= len(s) || s[j] != '}' {
			return "", Macro{}, 0, &Error{Offset: at, Msg: `\` + cmd + " without a command's name"}
		}
		j++
	}
	var mac Macro
	switch cmd {
	case "def":
		// \def\name#1#2{…}, its parameters perhaps delimited by the
		// text after each (\def\pair(#1,#2){…}), up to the body's brace
		delims := []string{""}
		for j < len(s) && s[j] != '{' {
			switch {
			case s[j] == '#' && j+1 < len(s) && s[j+1] == byte('1'+mac.Args) && mac.Args < 9:
				mac.Args++
				delims = append(delims, "")
				j += 2
			case s[j] == '#' || s[j] == '}' || s[j] == '%':
				return "", Macro{}, 0, &Error{Offset: j, Msg: `\def: its parameters are not #1 to #9 in turn`}
			case s[j] == '\\':
				_, end := controlName(s, j)
				delims[mac.Args] += s[j:end]
				j = end
			default:
				delims[mac.Args] += s[j : j+1]
				j++
			}
		}
		if j >= len(s) {
			return "", Macro{}, 0, &Error{Offset: at, Msg: `\def without its definition in {…}`}
		}
		if strings.Join(delims, "") != "" {
			mac.Delims = delims
		}
	case "DeclareMathOperator":
		limits := ""
		if strings.HasPrefix(s[at:], `\DeclareMathOperator*`) {
			limits = "*"
		}
		j = skipSpaces(s, j)
		if j >= len(s) || s[j] != '{' {
			return "", Macro{}, 0, &Error{Offset: at, Msg: `\DeclareMathOperator without the operator's name`}
		}
		body, n, ok := balanced(s, j)
		if !ok {
			return "", Macro{}, 0, &Error{Offset: at, Msg: "unclosed group"}
		}
		return name, Macro{Body: `\operatorname` + limits + "{" + body + "}"}, n, nil
	default:
		j = skipSpaces(s, j)
		if j < len(s) && s[j] == '[' {
			end := strings.IndexByte(s[j:], ']')
			count, err := strconv.Atoi(strings.TrimSpace(s[j+1 : j+max(end, 1)]))
			if end < 0 || err != nil || count < 0 || count > 9 {
				return "", Macro{}, 0, &Error{Offset: j, Msg: `\` + cmd + ": the number of arguments is not 0 to 9"}
			}
			mac.Args = count
			j = skipSpaces(s, j+end+1)
			if j < len(s) && s[j] == '[' {
				d, n, ok := bracketed(s, j)
				if !ok {
					return "", Macro{}, 0, &Error{Offset: j, Msg: "unclosed ["}
				}
				mac.Optional, mac.Default = true, d
				j = skipSpaces(s, n)
			}
		}
		if j >= len(s) || s[j] != '{' {
			return "", Macro{}, 0, &Error{Offset: at, Msg: `\` + cmd + ` without its definition in {…}`}
		}
	}
	body, n, ok := balanced(s, j)
	if !ok {
		return "", Macro{}, 0, &Error{Offset: j, Msg: "unclosed group"}
	}
	mac.Body = body
	return name, mac, n, nil
}

// bracketed is the text of an optional argument [...] at s[i], brackets
// in braces not counted, and the index after it.
func bracketed(s string, i int) (string, int, bool) {
	depth := 0
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '{':
			depth++
		case '}':
			depth--
		case ']':
			if depth == 0 {
				return s[i+1 : j], j + 1, true
			}
		}
	}
	return "", len(s), false
}

// apply reads mac's arguments at s[i] and is its body with them put in,
// and the index after them.
func apply(s string, i int, mac Macro) (string, int, *Error) {
	if mac.Args == 0 {
		return mac.Body, i, nil
	}
	if mac.Delims != nil {
		return applyDelimited(s, i, mac)
	}
	args := make([]string, 0, mac.Args)
	if mac.Optional {
		j := skipSpaces(s, i)
		if j < len(s) && s[j] == '[' {
			d, n, ok := bracketed(s, j)
			if !ok {
				return "", 0, &Error{Offset: j, Msg: "unclosed ["}
			}
			args = append(args, d)
			i = n
		} else {
			args = append(args, mac.Default)
		}
	}
	for len(args) < mac.Args {
		a, n, ok := argumentText(s, i)
		if !ok {
			return "", 0, &Error{Offset: i, Msg: "missing argument"}
		}
		args = append(args, a)
		i = n
	}
	return substitute(mac.Body, args), i, nil
}

// applyDelimited is apply for a \def whose parameters are delimited: the
// text before the first must follow the command's name, and a delimited
// argument runs to its delimiter's first appearance outside braces
// (its braces dropped when it is one group), as TeX reads it.
func applyDelimited(s string, i int, mac Macro) (string, int, *Error) {
	at := i
	// the spaces after a command's name end it, as TeX reads them
	i = skipSpaces(s, i)
	if mac.Delims[0] != "" {
		if !strings.HasPrefix(s[i:], mac.Delims[0]) {
			return "", 0, &Error{Offset: at, Msg: "its use does not match its definition"}
		}
		i += len(mac.Delims[0])
	}
	args := make([]string, 0, mac.Args)
	for k := 1; k <= mac.Args; k++ {
		delim := mac.Delims[k]
		if delim == "" {
			a, n, ok := argumentText(s, i)
			if !ok {
				return "", 0, &Error{Offset: i, Msg: "missing argument"}
			}
			args = append(args, a)
			i = n
			continue
		}
		end := delimited(s, i, delim)
		if end < 0 {
			return "", 0, &Error{Offset: at, Msg: "its use does not match its definition"}
		}
		a := s[i:end]
		if t := strings.TrimSpace(a); len(t) > 1 && t[0] == '{' && GroupEnd(t, 0) == len(t) {
			a = t[1 : len(t)-1]
		}
		args = append(args, a)
		i = end + len(delim)
	}
	return substitute(mac.Body, args), i, nil
}

// delimited is the index of delim's first appearance in s from i outside
// braces, -1 when it does not appear.
func delimited(s string, i int, delim string) int {
	for j := i; j < len(s); j++ {
		if strings.HasPrefix(s[j:], delim) {
			return j
		}
		switch s[j] {
		case '\\':
			_, end := controlName(s, j)
			j = end - 1
		case '{':
			end := GroupEnd(s, j)
			if end < 0 {
				return -1
			}
			j = end - 1
		case '}':
			return -1
		}
	}
	return -1
}

// substitute is body with #1 … #9 replaced by args and ## by #.
func substitute(body string, args []string) string {
	var b strings.Builder
	for k := 0; k < len(body); k++ {
		if body[k] == '#' && k+1 < len(body) {
			switch d := body[k+1]; {
			case d >= '1' && d <= '9':
				if n := int(d - '1'); n < len(args) {
					b.WriteString(args[n])
				}
				k++
				continue
			case d == '#':
				b.WriteByte('#')
				k++
				continue
			}
		}
		b.WriteByte(body[k])
	}
	return b.String()
}
