package pdffile

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// maxDepth bounds the nesting of arrays and dictionaries, so a hostile
// file cannot exhaust the stack.
const maxDepth = 256

func isWhite(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isRegular(c byte) bool { return !isWhite(c) && !isDelim(c) }

// parser reads objects from b, starting at pos.
type parser struct {
	b   []byte
	pos int
	// content allows bare keywords as values (content streams, CMaps).
	content bool
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("offset %d: %s", p.pos, fmt.Sprintf(format, args...))
}

// skipSpace skips white space and comments.
func (p *parser) skipSpace() {
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		switch {
		case isWhite(c):
			p.pos++
		case c == '%':
			for p.pos < len(p.b) && p.b[p.pos] != '\n' && p.b[p.pos] != '\r' {
				p.pos++
			}
		default:
			return
		}
	}
}

// word reads a run of regular characters at pos.
func (p *parser) word() []byte {
	start := p.pos
	for p.pos < len(p.b) && isRegular(p.b[p.pos]) {
		p.pos++
	}
	return p.b[start:p.pos]
}

// peekWord returns the regular word after white space, without consuming it.
func (p *parser) peekWord() []byte {
	save := p.pos
	p.skipSpace()
	w := p.word()
	p.pos = save
	return w
}

// keyword consumes the keyword kw, or fails.
func (p *parser) keyword(kw string) error {
	p.skipSpace()
	if w := p.word(); string(w) != kw {
		return p.errorf("expected %q, found %q", kw, clip(w))
	}
	return nil
}

func clip(b []byte) string {
	if len(b) > 20 {
		return string(b[:20]) + "…"
	}
	return string(b)
}

func isInteger(w []byte) bool {
	if len(w) > 0 && (w[0] == '+' || w[0] == '-') {
		w = w[1:]
	}
	if len(w) == 0 || len(w) > 10 {
		return false
	}
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func isNumber(w []byte) bool {
	if len(w) > 0 && (w[0] == '+' || w[0] == '-') {
		w = w[1:]
	}
	digits, dots := 0, 0
	for _, c := range w {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}

var errEnd = errors.New("unexpected end of data")

// value reads one object.
func (p *parser) value(depth int) (Object, error) {
	if depth > maxDepth {
		return nil, p.errorf("objects nested too deeply")
	}
	p.skipSpace()
	if p.pos >= len(p.b) {
		return nil, errEnd
	}
	switch c := p.b[p.pos]; c {
	case '/':
		p.pos++
		return p.name()
	case '(':
		return p.literal()
	case '<':
		if p.pos+1 < len(p.b) && p.b[p.pos+1] == '<' {
			p.pos += 2
			return p.dict(depth)
		}
		return p.hex()
	case '[':
		p.pos++
		return p.array(depth)
	case ')', '>', ']', '{', '}':
		if p.content && (c == '{' || c == '}') {
			p.pos++
			return Keyword(c), nil
		}
		return nil, p.errorf("unexpected %q", c)
	}
	start := p.pos
	w := p.word()
	switch {
	case isInteger(w):
		// An integer may begin a reference: "12 0 R".
		end := p.pos
		p.skipSpace()
		g := p.word()
		if isInteger(g) && g[0] != '-' && w[0] != '-' && w[0] != '+' {
			p.skipSpace()
			if r := p.word(); len(r) == 1 && r[0] == 'R' {
				n, _ := strconv.Atoi(string(w))
				gen, _ := strconv.Atoi(string(g))
				return Ref{Num: n, Gen: gen}, nil
			}
		}
		p.pos = end
		return Number(w), nil
	case isNumber(w):
		return Number(w), nil
	}
	switch string(w) {
	case "true":
		return Bool(true), nil
	case "false":
		return Bool(false), nil
	case "null":
		return nil, nil
	}
	if p.content && len(w) > 0 {
		return Keyword(w), nil
	}
	p.pos = start
	return nil, p.errorf("unexpected %q", clip(w))
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func (p *parser) name() (Object, error) {
	w := p.word()
	if bytes.IndexByte(w, '#') < 0 {
		return Name(w), nil
	}
	out := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		if w[i] == '#' && i+2 < len(w) {
			hi, ok1 := unhex(w[i+1])
			lo, ok2 := unhex(w[i+2])
			if ok1 && ok2 {
				out = append(out, hi<<4|lo)
				i += 2
				continue
			}
		}
		out = append(out, w[i])
	}
	return Name(out), nil
}

// literal reads a (string), decoding its escapes.
func (p *parser) literal() (Object, error) {
	p.pos++ // (
	var out []byte
	depth := 1
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		p.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return String{Bytes: out}, nil
			}
		case '\r':
			// An end of line in a string is a newline, whatever its bytes.
			if p.pos < len(p.b) && p.b[p.pos] == '\n' {
				p.pos++
			}
			c = '\n'
		case '\\':
			if p.pos >= len(p.b) {
				return nil, errEnd
			}
			e := p.b[p.pos]
			p.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if p.pos < len(p.b) && p.b[p.pos] == '\n' {
					p.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && p.pos < len(p.b) && p.b[p.pos] >= '0' && p.b[p.pos] <= '7'; k++ {
						v = v*8 + int(p.b[p.pos]-'0')
						p.pos++
					}
					c = byte(v)
				} else {
					c = e // \( \) \\ and unknown escapes stand for the character
				}
			}
		}
		out = append(out, c)
	}
	return nil, errEnd
}

// hex reads a <hex string>.
func (p *parser) hex() (Object, error) {
	p.pos++ // <
	var out []byte
	half, odd := byte(0), false
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		p.pos++
		if c == '>' {
			if odd {
				out = append(out, half<<4)
			}
			return String{Bytes: out, Hex: true}, nil
		}
		if isWhite(c) {
			continue
		}
		v, ok := unhex(c)
		if !ok {
			return nil, p.errorf("bad character %q in hex string", c)
		}
		if odd {
			out = append(out, half<<4|v)
		} else {
			half = v
		}
		odd = !odd
	}
	return nil, errEnd
}

func (p *parser) array(depth int) (Object, error) {
	arr := Array{}
	for {
		p.skipSpace()
		if p.pos >= len(p.b) {
			return nil, errEnd
		}
		if p.b[p.pos] == ']' {
			p.pos++
			return arr, nil
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		arr = append(arr, v)
	}
}

func (p *parser) dict(depth int) (Object, error) {
	d := Dict{}
	for {
		p.skipSpace()
		if p.pos+1 < len(p.b) && p.b[p.pos] == '>' && p.b[p.pos+1] == '>' {
			p.pos += 2
			return d, nil
		}
		if p.pos >= len(p.b) {
			return nil, errEnd
		}
		if p.b[p.pos] != '/' {
			return nil, p.errorf("dictionary key is not a name")
		}
		p.pos++
		k, _ := p.name()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		// A null value is the same as no entry.
		if v != nil {
			d[k.(Name)] = v
		}
	}
}

// ParseContent reads a sequence of objects and keywords, such as a
// content stream or a CMap, to its end.
func ParseContent(b []byte) ([]Object, error) {
	p := &parser{b: b, content: true}
	var out []Object
	for {
		p.skipSpace()
		if p.pos >= len(b) {
			return out, nil
		}
		v, err := p.value(0)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
}
