package texmath

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error says why a formula is not read: the construct samizdat does not
// typeset (Construct, as written, such as `\begin{pmatrix}`) or what is
// wrong with it, at byte Offset of the source.
type Error struct {
	Offset    int
	Construct string
	Msg       string
}

func (e *Error) Error() string {
	if e.Construct != "" {
		return fmt.Sprintf("offset %d: %s not supported", e.Offset, e.Construct)
	}
	return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg)
}

// maxDepth bounds the nesting of groups, so that hostile input cannot
// exhaust the stack.
const maxDepth = 64

type parser struct {
	src   string
	pos   int
	depth int
	// fences counts the \left … \right being read, in which \middle is
	fences int
	// tag is the formula's \tag, tagged whether it has one
	tag    string
	tagged bool
	// label is the formula's first \label
	label string
}

// Parse reads the TeX of one formula (without its dollar signs) into a
// Row. The error is an *Error.
func Parse(src string) (*Node, error) {
	p := &parser{src: src}
	var lines []*Node
	for {
		row, err := p.row(stopLine)
		if err != nil {
			return nil, err
		}
		lines = append(lines, row)
		if p.pos >= len(p.src) {
			break
		}
		// \\ between lines of a display: each centred, as in gathered
		p.command()
		if err := p.skipLineSpace(); err != nil {
			return nil, err
		}
		if len(lines) > 256 {
			return nil, p.errAt(p.pos, "", "too many lines")
		}
	}
	if len(lines) == 1 {
		lines[0].Tag, lines[0].Label = p.tag, p.label
		return lines[0], nil
	}
	if last := lines[len(lines)-1]; len(last.Children) == 0 {
		lines = lines[:len(lines)-1]
	}
	table := &Node{Kind: Table, Text: "c", Style: StyleDisplay}
	for _, l := range lines {
		table.Children = append(table.Children, &Node{Kind: Row, Children: []*Node{l}})
	}
	return &Node{Kind: Row, Tag: p.tag, Label: p.label, Children: []*Node{table}}, nil
}

// skipLineSpace skips the space asked for after \\ ([2pt], [1ex]),
// which the rows' own spacing stands in for.
func (p *parser) skipLineSpace() error {
	p.skipSpace()
	if p.pos >= len(p.src) || p.src[p.pos] != '[' {
		return nil
	}
	end := strings.IndexByte(p.src[p.pos:], ']')
	if end < 0 {
		return p.errAt(p.pos, "", "unclosed [")
	}
	for _, c := range p.src[p.pos+1 : p.pos+end] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c == '.' || c == '-' || c == ' ') {
			return p.unsupported(p.pos, `\\[…]`)
		}
	}
	p.pos += end + 1
	return nil
}

// rawGroup is the text of a {…} argument, braces balanced, unread.
func (p *parser) rawGroup() (string, error) {
	p.skipSpace()
	if p.pos >= len(p.src) || p.src[p.pos] != '{' {
		return "", p.errAt(p.pos, "", "missing argument")
	}
	end := GroupEnd(p.src, p.pos)
	if end < 0 {
		return "", p.errAt(p.pos, "", "unclosed group")
	}
	s := p.src[p.pos+1 : end-1]
	p.pos = end
	return s, nil
}

func (p *parser) errAt(at int, construct, msg string) *Error {
	return &Error{Offset: at, Construct: construct, Msg: msg}
}

func (p *parser) unsupported(at int, construct string) *Error {
	return &Error{Offset: at, Construct: construct}
}

// Stop conditions for a row.
const (
	stopEOF   = 0
	stopBrace = 1 // a closing brace
	stopRight = 2 // \right
	stopBrack = 3 // a closing bracket (an optional argument)
	stopCell  = 4 // &, \\ or \end: a cell of an environment
	stopLine  = 5 // \\ or the end: a line of a formula
)

func (p *parser) skipSpace() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		case '%':
			// a comment runs to the end of its line
			for p.pos < len(p.src) && p.src[p.pos] != '\n' {
				p.pos++
			}
		default:
			return
		}
	}
}

// row reads atoms up to what stop says ends it (not consumed).
func (p *parser) row(stop int) (*Node, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxDepth {
		return nil, p.errAt(p.pos, "", "groups nested too deep")
	}
	row := &Node{Kind: Row}
	for {
		p.skipSpace()
		if p.pos >= len(p.src) {
			if stop == stopLine {
				if name, _ := p.peekCommand(); name == "\\" {
					break
				}
			}
			if stop == stopCell {
				return nil, p.errAt(p.pos, "", `missing \end`)
			}
			if stop != stopEOF && stop != stopLine {
				return nil, p.errAt(p.pos, "", "unclosed group")
			}
			break
		}
		c := p.src[p.pos]
		if c == '}' {
			if stop == stopBrace {
				break
			}
			return nil, p.errAt(p.pos, "", "unmatched }")
		}
		if c == ']' && stop == stopBrack {
			break
		}
		if stop == stopLine {
			if name, _ := p.peekCommand(); name == "\\" {
				break
			}
		}
		if stop == stopCell {
			if name, _ := p.peekCommand(); c == '&' || name == "\\" || name == "end" || name == "cr" {
				break
			}
		}
		if strings.HasPrefix(p.src[p.pos:], `\right`) && !isLetterAt(p.src, p.pos+6) {
			if stop == stopRight {
				break
			}
			return nil, p.errAt(p.pos, "", `\right without \left`)
		}
		if name, _ := p.peekCommand(); name == "choose" || name == "over" || name == "atop" {
			// TeX's infix fractions: what comes before over the rest
			p.command()
			rest, err := p.row(stop)
			if err != nil {
				return nil, err
			}
			demoteBins(row.Children)
			f := &Node{Kind: Frac, Children: []*Node{row, rest}, NoRule: name != "over"}
			if name == "choose" {
				return &Node{Kind: Row, Children: []*Node{{Kind: Fenced, Open: "(", Close: ")", Children: []*Node{{Kind: Row, Children: []*Node{f}}}}}}, nil
			}
			return &Node{Kind: Row, Children: []*Node{f}}, nil
		}
		if name, _ := p.peekCommand(); isFontSwitch(name) {
			// \rm and its kin set the rest of the group in their
			// alphabet: {\rm Prob}, {\bf S}, {\cal L}
			p.pos += 1 + len(name)
			rest, err := p.row(stop)
			if err != nil {
				return nil, err
			}
			row.Children = append(row.Children, withVariant(rest, fonts[name]))
			break
		}
		if name, at := p.peekCommand(); name == "displaystyle" || name == "textstyle" || name == "scriptstyle" || name == "scriptscriptstyle" {
			_ = at
			p.pos += 1 + len(name)
			rest, err := p.row(stop)
			if err != nil {
				return nil, err
			}
			st := map[string]Style{"displaystyle": StyleDisplay, "textstyle": StyleText, "scriptstyle": StyleScript, "scriptscriptstyle": StyleScriptScript}[name]
			row.Children = append(row.Children, &Node{Kind: Styled, Style: st, Children: []*Node{rest}})
			break
		}
		n, err := p.atom()
		if err != nil {
			return nil, err
		}
		if n == nil {
			continue
		}
		n, err = p.scripts(n)
		if err != nil {
			return nil, err
		}
		row.Children = append(row.Children, n)
	}
	demoteBins(row.Children)
	return row, nil
}

func isLetterAt(s string, i int) bool {
	return i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z')
}

// peekCommand is the name of the command at the position, if one is.
func (p *parser) peekCommand() (string, int) {
	if p.pos >= len(p.src) || p.src[p.pos] != '\\' {
		return "", p.pos
	}
	i := p.pos + 1
	if i >= len(p.src) {
		return "", p.pos
	}
	if !isLetterAt(p.src, i) {
		_, sz := utf8.DecodeRuneInString(p.src[i:])
		return p.src[i : i+sz], p.pos
	}
	j := i
	for isLetterAt(p.src, j) {
		j++
	}
	return p.src[i:j], p.pos
}

// command reads a command's name.
func (p *parser) command() (string, int) {
	name, at := p.peekCommand()
	if name == "" {
		p.pos++
		return "", at
	}
	p.pos += 1 + len(name)
	if isLetterAt(name, 0) {
		// a space after a command's name is the name's end, nothing more
		p.skipSpace()
	}
	return name, at
}

// scripts reads the scripts and primes after base.
func (p *parser) scripts(base *Node) (*Node, error) {
	var sub, sup *Node
	primes := 0
	for {
		p.skipSpace()
		if p.pos >= len(p.src) {
			break
		}
		c := p.src[p.pos]
		if c == '\'' {
			if sup != nil {
				return nil, p.errAt(p.pos, "", "prime after a superscript")
			}
			primes++
			p.pos++
			continue
		}
		if name, _ := p.peekCommand(); name == "limits" || name == "nolimits" {
			p.command()
			if base.Kind == Op && base.Class == OpClass {
				base.Limits = name == "limits"
			}
			continue
		}
		if c != '^' && c != '_' {
			break
		}
		at := p.pos
		p.pos++
		arg, err := p.argument()
		if err != nil {
			return nil, err
		}
		if c == '^' {
			if sup != nil {
				return nil, p.errAt(at, "", "double superscript")
			}
			sup = arg
		} else {
			if sub != nil {
				return nil, p.errAt(at, "", "double subscript")
			}
			sub = arg
		}
	}
	if primes > 0 {
		pr := &Node{Kind: Op, Text: strings.Repeat("′", primes), Class: Ord}
		if primes <= 4 {
			pr.Text = []string{"′", "″", "‴", "⁗"}[primes-1]
		}
		if sup != nil {
			sup = &Node{Kind: Row, Children: []*Node{pr, sup}}
		} else {
			sup = pr
		}
	}
	if base.Kind == Accent && base.Wide && (base.Text == "⏟" || base.Text == "⏞") {
		// a brace's script is set under (or over) it, as a limit is
		if base.Under && sub != nil {
			base, sub = &Node{Kind: Over, Under: true, Children: []*Node{base, sub}}, nil
		} else if !base.Under && sup != nil {
			base, sup = &Node{Kind: Over, Children: []*Node{base, sup}}, nil
		}
	}
	if sub == nil && sup == nil {
		return base, nil
	}
	return &Node{Kind: Scripts, Children: []*Node{base, sub, sup}}, nil
}

// argument reads a command's argument or a script: a group or one atom.
func (p *parser) argument() (*Node, error) {
	p.skipSpace()
	if p.pos >= len(p.src) {
		return nil, p.errAt(p.pos, "", "missing argument")
	}
	switch p.src[p.pos] {
	case '{':
		return p.group()
	case '}', '^', '_', '&':
		return nil, p.errAt(p.pos, "", "missing argument")
	}
	at := p.pos
	if p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
		// one digit only: x^23 is x² followed by 3
		p.pos++
		return &Node{Kind: Number, Text: p.src[at:p.pos]}, nil
	}
	n, err := p.atom()
	if err != nil {
		return nil, err
	}
	if n == nil {
		return nil, p.errAt(at, "", "missing argument")
	}
	return n, nil
}

// group reads {…} as a Row.
func (p *parser) group() (*Node, error) {
	open := p.pos
	p.pos++ // {
	row, err := p.row(stopBrace)
	if err != nil {
		return nil, err
	}
	if p.pos >= len(p.src) || p.src[p.pos] != '}' {
		return nil, p.errAt(open, "", "unclosed group")
	}
	p.pos++
	return row, nil
}

// atom reads one atom (without its scripts); nil for something that
// makes none (a space).
func (p *parser) atom() (*Node, error) {
	at := p.pos
	r, sz := utf8.DecodeRuneInString(p.src[p.pos:])
	switch {
	case r == '{':
		g, err := p.group()
		if err != nil {
			return nil, err
		}
		return g, nil
	case r == '\\':
		return p.commandAtom()
	case r == '^' || r == '_':
		// a script with nothing before it has an empty base, as in TeX
		// (${}^{14}$C, $_i$)
		return &Node{Kind: Row}, nil
	case r == '&':
		return nil, p.unsupported(at, "&")
	case r == '#':
		return nil, p.unsupported(at, "#")
	case r == '$':
		return nil, p.unsupported(at, "$")
	case r == '~':
		p.pos += sz
		return &Node{Kind: Space, Width: 6.0 / 18}, nil
	case r >= '0' && r <= '9':
		j := p.pos
		for j < len(p.src) && (p.src[j] >= '0' && p.src[j] <= '9' || p.src[j] == '.' && j+1 < len(p.src) && p.src[j+1] >= '0' && p.src[j+1] <= '9') {
			j++
		}
		p.pos = j
		return &Node{Kind: Number, Text: p.src[at:j]}, nil
	case r < 128 && unicode.IsLetter(r):
		p.pos += sz
		return &Node{Kind: Ident, Text: string(r)}, nil
	case r == utf8.RuneError && sz <= 1:
		return nil, p.errAt(at, "", "invalid UTF-8")
	}
	p.pos += sz
	if r == '-' {
		return &Node{Kind: Op, Text: "−", Class: Bin}, nil
	}
	if r == '*' {
		return &Node{Kind: Op, Text: "∗", Class: Bin}, nil
	}
	if r == '\'' {
		return &Node{Kind: Op, Text: "′", Class: Ord}, nil
	}
	if cl, ok := charClass(r); ok {
		return &Node{Kind: Op, Text: string(r), Class: cl}, nil
	}
	if unicode.IsLetter(r) {
		return &Node{Kind: Ident, Text: string(r)}, nil
	}
	if unicode.IsDigit(r) {
		return &Node{Kind: Number, Text: string(r)}, nil
	}
	if unicode.IsControl(r) || unicode.Is(unicode.Mn, r) {
		return nil, p.unsupported(at, fmt.Sprintf("%U", r))
	}
	return &Node{Kind: Op, Text: string(r), Class: Ord}, nil
}

// commandAtom reads a command and its arguments.
func (p *parser) commandAtom() (*Node, error) {
	name, at := p.command()
	if name == "" {
		return nil, p.errAt(at, "", `\ at the end`)
	}
	if s, ok := symbols[name]; ok {
		if s.ident {
			n := &Node{Kind: Ident, Text: s.text}
			if s.upright {
				n.Variant = VariantNormal
			}
			return n, nil
		}
		return &Node{Kind: Op, Text: s.text, Class: s.class, Large: s.large, Limits: s.limits}, nil
	}
	if lim, ok := namedOps[name]; ok {
		text := name
		switch name {
		case "limsup":
			text = "lim sup"
		case "liminf":
			text = "lim inf"
		case "argmax":
			text = "arg max"
		case "argmin":
			text = "arg min"
		}
		return &Node{Kind: Op, Text: text, Class: OpClass, Limits: lim}, nil
	}
	if w, ok := spaces[name]; ok {
		return &Node{Kind: Space, Width: w}, nil
	}
	switch name {
	case "bmod":
		return &Node{Kind: Op, Text: "mod", Class: Bin}, nil
	case "pmod", "mod":
		// amsmath's: a space, then "(mod n)" or "mod n"
		arg, err := p.argument()
		if err != nil {
			return nil, err
		}
		row := []*Node{{Kind: Space, Width: 8.0 / 18}}
		if name == "pmod" {
			row = append(row, &Node{Kind: Op, Text: "(", Class: Open})
		}
		row = append(row, &Node{Kind: Op, Text: "mod", Class: Ord}, &Node{Kind: Space, Width: 6.0 / 18}, arg)
		if name == "pmod" {
			row = append(row, &Node{Kind: Op, Text: ")", Class: Close})
		}
		return &Node{Kind: Row, Children: row}, nil
	case "smash":
		// its height and depth are not the line's in TeX; here they are
		p.skipSpace()
		if p.pos < len(p.src) && p.src[p.pos] == '[' {
			// [t] or [b]: which of the two it hides
			end := strings.IndexByte(p.src[p.pos:], ']')
			if end < 0 {
				return nil, p.errAt(p.pos, "", "unclosed [")
			}
			p.pos += end + 1
		}
		return p.argument()
	}
	if v, ok := fonts[name]; ok {
		if isFontSwitch(name) {
			// a switch where an atom is read (\frac\rm x): nothing of the
			// group follows it here
			return nil, p.unsupported(at, `\`+name)
		}
		arg, err := p.argument()
		if err != nil {
			return nil, err
		}
		return withVariant(arg, v), nil
	}
	if v, ok := texts[name]; ok {
		return p.text(at, name, v)
	}
	if acc, ok := accents[name]; ok {
		arg, err := p.argument()
		if err != nil {
			return nil, err
		}
		return &Node{Kind: Accent, Text: acc, Children: []*Node{arg}}, nil
	}
	if w, ok := wideAccents[name]; ok {
		arg, err := p.argument()
		if err != nil {
			return nil, err
		}
		return &Node{Kind: Accent, Text: w.mark, Under: w.under, Wide: w.mark != "‾", Children: []*Node{arg}}, nil
	}
	if size, ok := delimiterSizes[strings.TrimRight(name, "lrm")]; ok {
		class := Ord
		switch name[len(name)-1] {
		case 'l':
			class = Open
		case 'r':
			class = Close
		case 'm':
			class = Rel
		}
		d, err := p.delimiter()
		if err != nil {
			return nil, err
		}
		return &Node{Kind: Op, Text: d, Class: class, Size: size}, nil
	}
	switch name {
	case "frac", "dfrac", "tfrac", "cfrac", "binom", "dbinom", "tbinom":
		num, err := p.argument()
		if err != nil {
			return nil, err
		}
		den, err := p.argument()
		if err != nil {
			return nil, err
		}
		f := &Node{Kind: Frac, Children: []*Node{num, den}}
		switch name {
		case "dfrac", "dbinom", "cfrac":
			f.Style = StyleDisplay
		case "tfrac", "tbinom":
			f.Style = StyleText
		}
		if strings.HasSuffix(name, "binom") {
			f.NoRule = true
			return &Node{Kind: Fenced, Open: "(", Close: ")", Children: []*Node{{Kind: Row, Children: []*Node{f}}}}, nil
		}
		return f, nil
	case "sqrt":
		p.skipSpace()
		var index *Node
		if p.pos < len(p.src) && p.src[p.pos] == '[' {
			p.pos++
			var err error
			index, err = p.row(stopBrack)
			if err != nil {
				return nil, err
			}
			if p.pos >= len(p.src) || p.src[p.pos] != ']' {
				return nil, p.errAt(at, "", "unclosed [")
			}
			p.pos++
		}
		body, err := p.argument()
		if err != nil {
			return nil, err
		}
		n := &Node{Kind: Sqrt, Children: []*Node{body}}
		if index != nil {
			n.Children = append(n.Children, index)
		}
		return n, nil
	case "left":
		open, err := p.delimiter()
		if err != nil {
			return nil, err
		}
		p.fences++
		body, err := p.row(stopRight)
		p.fences--
		if err != nil {
			return nil, err
		}
		p.command() // \right
		closing, err := p.delimiter()
		if err != nil {
			return nil, err
		}
		return &Node{Kind: Fenced, Open: open, Close: closing, Children: []*Node{body}}, nil
	case "operatorname", "mathop":
		limits := false
		if p.pos < len(p.src) && p.src[p.pos] == '*' {
			p.pos++
			limits = true
		}
		arg, err := p.argument()
		if err != nil {
			return nil, err
		}
		text, ok := plainLetters(arg)
		if !ok {
			if name == "mathop" {
				if arg.Kind == Row && len(arg.Children) == 1 && arg.Children[0].Kind == Op {
					op := *arg.Children[0]
					op.Class = OpClass
					return &op, nil
				}
			}
			return nil, p.unsupported(at, `\`+name+" of more than letters")
		}
		return &Node{Kind: Op, Text: text, Class: OpClass, Limits: limits || name == "mathop"}, nil
	case "not":
		p.skipSpace()
		next, err := p.atom()
		if err != nil {
			return nil, err
		}
		if next != nil && next.Kind == Op {
			switch next.Text {
			case "=":
				return &Node{Kind: Op, Text: "≠", Class: Rel}, nil
			case "∈":
				return &Node{Kind: Op, Text: "∉", Class: Rel}, nil
			case "⊂":
				return &Node{Kind: Op, Text: "⊄", Class: Rel}, nil
			case "⊆":
				return &Node{Kind: Op, Text: "⊈", Class: Rel}, nil
			case "≡":
				return &Node{Kind: Op, Text: "≢", Class: Rel}, nil
			case "∼":
				return &Node{Kind: Op, Text: "≁", Class: Rel}, nil
			}
		}
		return nil, p.unsupported(at, `\not`)
	case "mathbin", "mathrel", "mathord", "mathopen", "mathclose", "mathpunct":
		arg, err := p.argument()
		if err != nil {
			return nil, err
		}
		cl := map[string]Class{"mathbin": Bin, "mathrel": Rel, "mathord": Ord, "mathopen": Open, "mathclose": Close, "mathpunct": Punct}[name]
		if arg.Kind == Row && len(arg.Children) == 1 && arg.Children[0].Kind == Op {
			op := *arg.Children[0]
			op.Class = cl
			return &op, nil
		}
		// \mathpunct{\text{…}}: a character math has no name for, given a
		// class, as the TeX writer puts a separator math cannot hold alone
		if arg.Kind == Row && len(arg.Children) == 1 && arg.Children[0].Kind == Text && arg.Children[0].Ref == "" && utf8.RuneCountInString(arg.Children[0].Text) == 1 {
			return &Node{Kind: Op, Text: arg.Children[0].Text, Class: cl}, nil
		}
		if cl == Ord {
			return arg, nil
		}
		return nil, p.unsupported(at, `\`+name)
	case "begin":
		env := ""
		if p.pos < len(p.src) && p.src[p.pos] == '{' {
			if end := strings.IndexByte(p.src[p.pos:], '}'); end > 0 {
				env = p.src[p.pos+1 : p.pos+end]
			}
		}
		if _, ok := environments[env]; !ok {
			return nil, p.unsupported(at, `\begin{`+env+`}`)
		}
		p.pos += len(env) + 2
		return p.environment(at, env)
	case "\\", "cr":
		return nil, p.unsupported(at, `\\`)
	case "xrightarrow", "xleftarrow":
		// amsmath's arrows with a label over them (and one under,
		// [below]), as long as the arrow's own glyph
		var under *Node
		p.skipSpace()
		if p.pos < len(p.src) && p.src[p.pos] == '[' {
			p.pos++
			var err error
			if under, err = p.row(stopBrack); err != nil {
				return nil, err
			}
			if p.pos >= len(p.src) || p.src[p.pos] != ']' {
				return nil, p.errAt(at, "", "unclosed [")
			}
			p.pos++
		}
		over, err := p.argument()
		if err != nil {
			return nil, err
		}
		arrow := &Node{Kind: Op, Text: "⟶", Class: Rel}
		if name == "xleftarrow" {
			arrow.Text = "⟵"
		}
		n := &Node{Kind: Over, Children: []*Node{arrow, over}, Class: Rel}
		if under != nil && len(under.Children) > 0 {
			n = &Node{Kind: Over, Children: []*Node{n, under}, Under: true, Class: Rel}
		}
		return n, nil
	case "hspace":
		// a length in a unit TeX knows, set as that much space
		if p.pos < len(p.src) && p.src[p.pos] == '*' {
			p.pos++
		}
		arg, err := p.rawGroup()
		if err != nil {
			return nil, err
		}
		w, ok := emsOf(arg)
		if !ok {
			return nil, p.unsupported(at, `\hspace{`+arg+`}`)
		}
		return &Node{Kind: Space, Width: w}, nil
	case "stackrel", "overset", "underset":
		over, err := p.argument()
		if err != nil {
			return nil, err
		}
		base, err := p.argument()
		if err != nil {
			return nil, err
		}
		n := &Node{Kind: Over, Children: []*Node{base, over}, Under: name == "underset"}
		if name == "stackrel" {
			n.Class = Rel
		} else {
			n.Class = base.AtomClass()
		}
		return n, nil
	case "middle":
		if p.fences == 0 {
			return nil, p.errAt(at, "", `\middle outside \left … \right`)
		}
		d, err := p.delimiter()
		if err != nil || d == "" {
			return nil, err
		}
		// no space around it, as TeX sets a \right and a \left met
		return &Node{Kind: Op, Text: d, Class: Ord, Middle: true}, nil
	case "phantom":
		arg, err := p.argument()
		if err != nil {
			return nil, err
		}
		return &Node{Kind: Styled, Phantom: true, Children: []*Node{arg}}, nil
	case "notag", "nonumber":
		// samizdat numbers no formula, so there is no number to drop
		return nil, nil
	case "label":
		// a name for \eqref, which prints nothing where it stands;
		// an aligned display's rows share the first one's number
		l, err := p.rawGroup()
		if err != nil {
			return nil, err
		}
		if l = strings.TrimSpace(l); p.label == "" {
			p.label = l
		}
		return nil, nil
	case "eqref", "ref":
		// the number, which the book's equations give it later
		l, err := p.rawGroup()
		if err != nil {
			return nil, err
		}
		if l = strings.TrimSpace(l); l == "" {
			return nil, p.errAt(at, "", `\`+name+" without a label")
		}
		n := &Node{Kind: Text, Text: "??", Variant: VariantNormal, Ref: l}
		if name == "eqref" {
			n.Text = "(??)"
		}
		return n, nil
	case "tag":
		star := p.pos < len(p.src) && p.src[p.pos] == '*'
		if star {
			p.pos++
		}
		if p.tagged {
			return nil, p.errAt(at, "", `two \tag in one formula`)
		}
		n, err := p.text(at, "tag", VariantNormal)
		if err != nil {
			return nil, err
		}
		if n.Kind != Text {
			return nil, p.unsupported(at, `math inside \tag`)
		}
		p.tag, p.tagged = "("+n.Text+")", true
		if star {
			p.tag = n.Text
		}
		return nil, nil
	case "color":
		// the colour of the rest of the group is not kept: its content
		// is, in the text's colour
		if _, err := p.rawGroup(); err != nil {
			return nil, err
		}
		return nil, nil
	case "textcolor", "colorbox":
		if _, err := p.rawGroup(); err != nil {
			return nil, err
		}
		if name == "colorbox" {
			return p.text(at, name, VariantNormal)
		}
		return p.argument()
	}
	return nil, p.unsupported(at, `\`+name)
}

// delimiter reads the delimiter after \left, \right or \big: "" for ".".
func (p *parser) delimiter() (string, error) {
	p.skipSpace()
	if p.pos >= len(p.src) {
		return "", p.errAt(p.pos, "", "missing delimiter")
	}
	at := p.pos
	r, sz := utf8.DecodeRuneInString(p.src[p.pos:])
	switch r {
	case '.':
		p.pos += sz
		return "", nil
	case '(', ')', '[', ']', '|', '/', '<', '>', '⟨', '⟩', '‖':
		p.pos += sz
		switch r {
		case '<':
			return "⟨", nil
		case '>':
			return "⟩", nil
		}
		return string(r), nil
	case '\\':
		name, _ := p.command()
		switch name {
		case "{", "lbrace":
			return "{", nil
		case "}", "rbrace":
			return "}", nil
		case "|", "Vert", "lVert", "rVert":
			return "‖", nil
		case "vert", "lvert", "rvert", "mid":
			return "|", nil
		case "langle", "rangle", "lfloor", "rfloor", "lceil", "rceil", "backslash", "uparrow", "downarrow", "lbrack", "rbrack":
			return symbols[name].text, nil
		}
		return "", p.unsupported(at, `\`+name+" as a delimiter")
	}
	return "", p.errAt(at, "", fmt.Sprintf("%q is not a delimiter", string(r)))
}

// text reads the argument of \text and its kin as text.
func (p *parser) text(at int, name string, v Variant) (*Node, error) {
	p.skipSpace()
	if p.pos >= len(p.src) || p.src[p.pos] != '{' {
		// \text x: one character
		if p.pos >= len(p.src) {
			return nil, p.errAt(at, "", "missing argument")
		}
		_, sz := utf8.DecodeRuneInString(p.src[p.pos:])
		t := p.src[p.pos : p.pos+sz]
		p.pos += sz
		return &Node{Kind: Text, Text: t, Variant: v}, nil
	}
	var sb strings.Builder
	var parts []*Node // text and formulas, when it holds a formula
	depth := 0
	i := p.pos + 1
	for ; i < len(p.src); i++ {
		c := p.src[i]
		switch c {
		case '{':
			depth++
			continue
		case '}':
			if depth == 0 {
				p.pos = i + 1
				if parts == nil {
					return &Node{Kind: Text, Text: sb.String(), Variant: v}, nil
				}
				if sb.Len() > 0 {
					parts = append(parts, &Node{Kind: Text, Text: sb.String(), Variant: v})
				}
				return &Node{Kind: Row, Children: parts}, nil
			}
			depth--
			continue
		case '$':
			// math in the text: a formula of its own
			end := closingDollar(p.src, i+1)
			if end < 0 {
				return nil, p.errAt(i, "", "unclosed $ inside \\"+name)
			}
			sub := &parser{src: p.src[:end], pos: i + 1, depth: p.depth + 1}
			if sub.depth > maxDepth {
				return nil, p.errAt(i, "", "groups nested too deep")
			}
			m, err := sub.row(stopEOF)
			if err != nil {
				return nil, err
			}
			if sb.Len() > 0 {
				parts = append(parts, &Node{Kind: Text, Text: sb.String(), Variant: v})
				sb.Reset()
			}
			// in the style around it, as its size is the text's
			parts = append(parts, m)
			i = end
			continue
		case '\\':
			if i+1 < len(p.src) && strings.IndexByte(`%$&#_{} \,`, p.src[i+1]) >= 0 {
				if p.src[i+1] == ',' || p.src[i+1] == ' ' {
					sb.WriteByte(' ')
				} else {
					sb.WriteByte(p.src[i+1])
				}
				i++
				continue
			}
			return nil, p.unsupported(i, "a command inside \\"+name)
		case '~':
			sb.WriteRune('\u00a0')
			continue
		case '\n', '\t', '\r':
			c = ' '
		}
		sb.WriteByte(c)
	}
	return nil, p.errAt(at, "", "unclosed group")
}

// closingDollar is the index of the $ that closes the formula that
// starts at i of s, a backslash escaping the character after it; -1 if
// none does.
func closingDollar(s string, i int) int {
	for ; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '$':
			return i
		}
	}
	return -1
}

// plainLetters is the text of a row of letters alone (\operatorname{…}).
func plainLetters(n *Node) (string, bool) {
	if n.Kind == Ident {
		return n.Text, true
	}
	if n.Kind == Text {
		return n.Text, true
	}
	if n.Kind == Row && len(n.Children) == 1 && n.Children[0].Kind != Op {
		return plainLetters(n.Children[0])
	}
	if n.Kind != Row || len(n.Children) == 0 {
		return "", false
	}
	var sb strings.Builder
	for _, c := range n.Children {
		switch {
		case c.Kind == Ident, c.Kind == Number:
			sb.WriteString(c.Text)
		case c.Kind == Op && (c.Text == "−" || c.Text == "." || c.Text == "_"):
			sb.WriteString(map[string]string{"−": "-", ".": ".", "_": "_"}[c.Text])
		case c.Kind == Space:
			sb.WriteString(" ")
		default:
			return "", false
		}
	}
	return sb.String(), true
}

// withVariant sets n's letters and digits in v: a row of letters alone
// becomes one name (\mathrm{softmax}).
func withVariant(n *Node, v Variant) *Node {
	if v == VariantNormal || v == VariantBold || v == VariantSans || v == VariantMono {
		if n.Kind == Row && len(n.Children) > 1 {
			if s, ok := plainLetters(n); ok && !strings.ContainsAny(s, " -._") && !startsWithDigit(s) {
				return &Node{Kind: Ident, Text: s, Variant: v}
			}
		}
	}
	setVariant(n, v)
	return n
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

func setVariant(n *Node, v Variant) {
	if n == nil {
		return
	}
	switch n.Kind {
	case Ident, Number:
		if n.Variant == VariantDefault || v == VariantBold || v == VariantBoldItalic {
			if (v == VariantBold || v == VariantBoldItalic) && n.Variant == VariantNormal && n.Kind == Ident {
				// bold upright Greek capitals stay upright
				n.Variant = VariantBold
				return
			}
			n.Variant = v
		}
		return
	case Op, Text:
		if v == VariantBold || v == VariantBoldItalic {
			n.Variant = VariantBold
		}
		return
	}
	for _, c := range n.Children {
		setVariant(c, v)
	}
}

// demoteBins makes a binary operator ordinary where it has nothing on one
// side to operate on, as TeX does: first, after an operator, relation,
// opening or punctuation, or before a relation, closing or punctuation.
func demoteBins(atoms []*Node) {
	prev := -1 // index of the previous atom that is not a space
	for i, n := range atoms {
		if n.Kind == Space {
			continue
		}
		c := n.AtomClass()
		if c == Bin {
			if prev < 0 {
				demote(n)
			} else {
				switch atoms[prev].AtomClass() {
				case Bin, OpClass, Rel, Open, Punct:
					demote(n)
				}
			}
		}
		if c == Rel || c == Close || c == Punct {
			if prev >= 0 && atoms[prev].AtomClass() == Bin {
				demote(atoms[prev])
			}
		}
		prev = i
	}
	if prev >= 0 && atoms[prev].AtomClass() == Bin {
		demote(atoms[prev])
	}
}

func demote(n *Node) {
	for n.Kind == Scripts && n.Children[0] != nil {
		n = n.Children[0]
	}
	if n.Kind == Op && n.Class == Bin {
		n.Class = Ord
	}
}

// environments are the environments read, each with its delimiters and
// the alignment of its columns, repeated: "c" centred, "l" left, "r"
// right; an aligned environment's columns go in pairs, right and left.
var environments = map[string]struct {
	open, close, align string
}{
	"matrix": {"", "", "c"}, "pmatrix": {"(", ")", "c"}, "bmatrix": {"[", "]", "c"}, "Bmatrix": {"{", "}", "c"},
	"vmatrix": {"|", "|", "c"}, "Vmatrix": {"‖", "‖", "c"}, "smallmatrix": {"", "", "c"},
	"cases": {"{", "", "l"}, "array": {"", "", "c"}, "darray": {"", "", "c"}, "tabular": {"", "", "c"},
	// amsmath's displays, in MathJax's $$…$$: as their inner forms
	"align": {"", "", "rl"}, "align*": {"", "", "rl"}, "gather": {"", "", "c"}, "gather*": {"", "", "c"},
	"equation": {"", "", "c"}, "equation*": {"", "", "c"}, "aligned": {"", "", "rl"}, "alignedat": {"", "", "rl"}, "gathered": {"", "", "c"}, "split": {"", "", "rl"},
}

// columnSpec reads an array's or a tabular's columns, {l|cr}: their
// alignments, where its vertical rules are ("" for none), and which
// columns hold text rather than math (a "t" for each, "" for none).
// p{width}, m{…} and b{…} are paragraphs of text, set left without
// their width; @{…} between columns may only hold space, which the
// columns' own stands in for; *{n}{spec} repeats spec.
func (p *parser) columnSpec(text bool) (align, rules, texts string, err error) {
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == '[' {
		// [t], [b]: where the array sits on the line, here centred
		if end := strings.IndexByte(p.src[p.pos:], ']'); end > 0 {
			p.pos += end + 1
		}
	}
	at := p.pos
	spec, err := p.rawGroup()
	if err != nil {
		return "", "", "", err
	}
	var a, r, tx []byte
	bar := byte(' ')
	column := func(c byte, isText bool) {
		a = append(a, c)
		r = append(r, bar)
		bar = ' '
		t := byte(' ')
		if isText {
			t = 't'
		}
		tx = append(tx, t)
	}
	// arg is the group at spec[i], its content and the index after it
	arg := func(i int) (string, int, bool) {
		for i < len(spec) && spec[i] == ' ' {
			i++
		}
		if i >= len(spec) || spec[i] != '{' {
			return "", i, false
		}
		end := GroupEnd(spec, i)
		if end < 0 {
			return "", i, false
		}
		return spec[i+1 : end-1], end, true
	}
	for i, expanded := 0, 0; i < len(spec); i++ {
		switch c := spec[i]; c {
		case 'l', 'c', 'r':
			column(c, text)
		case 'p', 'm', 'b':
			_, end, ok := arg(i + 1)
			if !ok {
				return "", "", "", p.errAt(at, "", "array column "+string(c)+" without its width")
			}
			column('l', true)
			i = end - 1
		case '@':
			between, end, ok := arg(i + 1)
			if !ok || !onlySpace(between) {
				return "", "", "", p.unsupported(at, "array column @{…} of more than space")
			}
			i = end - 1
		case '*':
			count, end, ok := arg(i + 1)
			n, err := strconv.Atoi(strings.TrimSpace(count))
			repeated, end2, ok2 := arg(end)
			if !ok || !ok2 || err != nil || n < 0 || n > 64 {
				return "", "", "", p.errAt(at, "", "array column * without a count and a spec")
			}
			if expanded += n * len(repeated); expanded > 1024 {
				return "", "", "", p.errAt(at, "", "array columns repeated too far")
			}
			spec = spec[:i] + strings.Repeat(repeated, n) + spec[end2:]
			i--
		case '|':
			bar = '|'
		case ' ':
		default:
			return "", "", "", p.unsupported(at, "array column "+string(c))
		}
	}
	if len(a) == 0 {
		return "", "", "", p.errAt(at, "", "array without columns")
	}
	r = append(r, bar)
	rules = string(r)
	if !strings.Contains(rules, "|") {
		rules = ""
	}
	if strings.Contains(string(tx), "t") {
		texts = string(tx)
	}
	return string(a), rules, texts, nil
}

// onlySpace reports whether TeX is white space and spacing commands
// alone (\, \quad, \hspace{…}).
func onlySpace(tex string) bool {
	for i := 0; i < len(tex); i++ {
		switch tex[i] {
		case ' ', '\t', '\n':
			continue
		case '\\':
			name, end := controlName(tex, i)
			if _, ok := spaces[name]; ok {
				i = end - 1
				continue
			}
			if name == "hspace" {
				j := skipSpaces(tex, end)
				if j < len(tex) && tex[j] == '*' {
					j++
				}
				if j < len(tex) && tex[j] == '{' {
					if e := GroupEnd(tex, j); e > 0 {
						i = e - 1
						continue
					}
				}
			}
		}
		return false
	}
	return true
}

// textCell reads a cell of a text column (a tabular's, an array's
// p{…}) as \text reads its argument: up to the & or \\ or \end that
// ends it, outside braces and formulas.
func (p *parser) textCell(env string) (*Node, error) {
	p.skipSpace()
	start := p.pos
	end := start
	for end < len(p.src) {
		c := p.src[end]
		switch {
		case c == '{':
			e := GroupEnd(p.src, end)
			if e < 0 {
				return nil, p.errAt(end, "", "unclosed group")
			}
			end = e
			continue
		case c == '$':
			e := closingDollar(p.src, end+1)
			if e < 0 {
				return nil, p.errAt(end, "", "unclosed $ inside \\begin{"+env+"}")
			}
			end = e + 1
			continue
		case c == '&':
		case c == '\\':
			name, e := controlName(p.src, end)
			if name == "\\" || name == "end" || name == "cr" {
				break
			}
			end = e
			continue
		default:
			end++
			continue
		}
		break
	}
	if end >= len(p.src) {
		return nil, p.errAt(p.pos, "", `missing \end`)
	}
	cell := strings.TrimRight(p.src[start:end], " \t\r\n")
	sub := &parser{src: "{" + cell + "}", depth: p.depth + 1}
	n, err := sub.text(0, env, VariantNormal)
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.Offset = max(e.Offset-1, 0) + start
		}
		return nil, err
	}
	p.pos = end
	if n.Kind == Text && n.Text == "" {
		return &Node{Kind: Row}, nil
	}
	return &Node{Kind: Row, Children: []*Node{n}}, nil
}

// environment reads the cells of an environment up to its \end.
func (p *parser) environment(at int, env string) (*Node, error) {
	spec := environments[env]
	if env == "alignedat" {
		// its argument counts the columns, which the cells tell too
		if _, err := p.argument(); err != nil {
			return nil, err
		}
	}
	table := &Node{Kind: Table, Text: spec.align}
	var vrules, texts string
	if env == "array" || env == "darray" || env == "tabular" {
		var err error
		if table.Text, vrules, texts, err = p.columnSpec(env == "tabular"); err != nil {
			return nil, err
		}
	}
	var hrules []byte // "-" above each row so far, and one more
	hline := func() {
		for len(hrules) <= len(table.Children) {
			hrules = append(hrules, ' ')
		}
		hrules[len(table.Children)] = '-'
	}
	switch env {
	case "aligned", "split", "alignedat", "gathered", "align", "align*", "gather", "gather*", "equation", "equation*":
		table.Style = StyleDisplay
	}
	if env == "smallmatrix" {
		table.Style = StyleScript
	}
	row := &Node{Kind: Row}
	for {
		if len(row.Children) == 0 {
			// \hline before a row's first cell: a rule above the row
			for {
				p.skipSpace()
				if name, _ := p.peekCommand(); name != "hline" {
					break
				}
				p.command()
				hline()
			}
		}
		var cell *Node
		var err error
		if col := len(row.Children); col < len(texts) && texts[col] == 't' {
			cell, err = p.textCell(env)
		} else {
			cell, err = p.row(stopCell)
		}
		if err != nil {
			return nil, err
		}
		if table.Pairs() && len(row.Children)%2 == 1 && len(cell.Children) > 0 {
			// aligned: a cell after & that opens with a relation has an
			// empty atom before it, so that the relation is spaced
			cell.Children = append([]*Node{{Kind: Row}}, cell.Children...)
		}
		row.Children = append(row.Children, cell)
		if len(row.Children) > 64 {
			return nil, p.errAt(p.pos, "", "too many columns")
		}
		if p.pos >= len(p.src) {
			return nil, p.errAt(at, "", `\begin{`+env+`} without \end`)
		}
		if p.src[p.pos] == '&' {
			p.pos++
			continue
		}
		name, cmdAt := p.command()
		if name == "\\" || name == "cr" {
			if err := p.skipLineSpace(); err != nil {
				return nil, err
			}
			table.Children = append(table.Children, row)
			row = &Node{Kind: Row}
			continue
		}
		// \end{env}
		p.skipSpace()
		want := "{" + env + "}"
		if !strings.HasPrefix(p.src[p.pos:], want) {
			return nil, p.errAt(cmdAt, "", `\end does not close \begin{`+env+`}`)
		}
		p.pos += len(want)
		break
	}
	// a last row that is empty (a \\ before \end) is none
	if !(len(row.Children) == 1 && len(row.Children[0].Children) == 0) || len(table.Children) == 0 {
		table.Children = append(table.Children, row)
	}
	if hrules != nil {
		for len(hrules) <= len(table.Children) {
			hrules = append(hrules, ' ')
		}
		table.HRules = string(hrules[:len(table.Children)+1])
		if vrules == "" {
			vrules = strings.Repeat(" ", len(table.Text)+1)
		}
	}
	if vrules != "" {
		table.VRules = vrules
		if table.HRules == "" {
			table.HRules = strings.Repeat(" ", len(table.Children)+1)
		}
	}
	if table.VRules != "" {
		// rows with more cells than the spec has columns: no rules
		// beside the extra ones
		cols := 0
		for _, r := range table.Children {
			cols = max(cols, len(r.Children))
		}
		for len(table.VRules) < cols+1 {
			table.VRules += " "
		}
	}
	if env == "equation" || env == "equation*" {
		if len(table.Children) != 1 || len(table.Children[0].Children) != 1 {
			return nil, p.unsupported(at, `\\ or & in \begin{`+env+`}`)
		}
		return table.Children[0].Children[0], nil
	}
	if spec.open == "" && spec.close == "" {
		return table, nil
	}
	return &Node{Kind: Fenced, Open: spec.open, Close: spec.close, Children: []*Node{{Kind: Row, Children: []*Node{table}}}}, nil
}

// isFontSwitch reports the old font commands (\rm, \bf, \cal…), which
// switch the alphabet for the rest of their group rather than take an
// argument.
func isFontSwitch(name string) bool {
	switch name {
	case "rm", "bf", "it", "cal", "sf", "tt":
		return true
	}
	return false
}

// emsOf is a TeX length in ems of the formula's type, for \hspace: em,
// ex and mu are the type's; pt, mm, cm and in are taken at a 10-point
// em, as TeX's Computer Modern is.
func emsOf(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	for _, u := range []struct {
		unit string
		ems  float64
	}{{"em", 1}, {"ex", 0.43}, {"mu", 1.0 / 18}, {"pt", 0.1}, {"mm", 72.27 / 25.4 / 10}, {"cm", 72.27 / 2.54 / 10}, {"in", 7.227}} {
		if num, ok := strings.CutSuffix(s, u.unit); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
			if err != nil || v < -100 || v > 100 {
				return 0, false
			}
			return v * u.ems, true
		}
	}
	return 0, false
}
