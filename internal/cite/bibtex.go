package cite

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/samizdat-press/samizdat/internal/diag"
)

// ParseBibTeX reads a BibTeX (or BibLaTeX) bibliography: @type{key,
// field = {value}, …} entries, @string macros and # concatenation, with
// LaTeX's accents, dashes, quotes and emphasis turned into text. Text
// outside entries is a comment, as BibTeX has it. Every problem is
// reported at its line; an entry with an error is left out.
func ParseBibTeX(name string, data []byte) ([]*Record, []diag.Diagnostic) {
	p := &bibParser{name: name, src: data, ls: newLines(data), macros: map[string]string{}}
	for m, n := range monthMacros {
		p.macros[m] = strconv.Itoa(n)
	}
	p.parse()
	return p.records, p.diags
}

var monthMacros = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

type bibParser struct {
	name    string
	src     []byte
	i       int
	ls      lines
	macros  map[string]string
	records []*Record
	diags   []diag.Diagnostic
}

// bibError stops the entry being read.
type bibError struct{ d diag.Diagnostic }

func (p *bibParser) fail(off int, code, format string, args ...any) {
	panic(bibError{p.ls.errorf(p.name)(off, code, format, args...)})
}

func (p *bibParser) warn(off int, code, format string, args ...any) {
	d := p.ls.errorf(p.name)(off, code, format, args...)
	d.Severity = diag.Warning
	p.diags = append(p.diags, d)
}

func (p *bibParser) parse() {
	for {
		at := p.nextEntry()
		if at < 0 {
			return
		}
		p.i = at + 1
		func() {
			defer func() {
				if r := recover(); r != nil {
					be, ok := r.(bibError)
					if !ok {
						panic(r)
					}
					p.diags = append(p.diags, be.d)
					// go on after the line where the broken entry started
					p.skipLine(at)
				}
			}()
			p.entry(at)
		}()
	}
}

// nextEntry finds the next "@" that starts an entry.
func (p *bibParser) nextEntry() int {
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch {
		case c == '@':
			return p.i
		case c == '%':
			p.skipLine(p.i)
			continue
		}
		p.i++
	}
	return -1
}

func (p *bibParser) skipLine(from int) {
	p.i = from
	for p.i < len(p.src) && p.src[p.i] != '\n' {
		p.i++
	}
}

func (p *bibParser) space() {
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.i++
		case c == '%':
			p.skipLine(p.i)
		default:
			return
		}
	}
}

func (p *bibParser) ident() string {
	start := p.i
	for p.i < len(p.src) {
		c := p.src[p.i]
		if c <= ' ' || strings.IndexByte(`{}(),="#%'~\`, c) >= 0 {
			break
		}
		p.i++
	}
	return string(p.src[start:p.i])
}

func (p *bibParser) entry(at int) {
	typ := strings.ToLower(p.ident())
	if typ == "" {
		p.fail(at, CodeMalformed, "\"@\" must be followed by an entry type (@book, @article…)")
	}
	p.space()
	if p.i >= len(p.src) || (p.src[p.i] != '{' && p.src[p.i] != '(') {
		p.fail(at, CodeMalformed, "@%s must be followed by \"{\"", typ)
	}
	closer := byte('}')
	if p.src[p.i] == '(' {
		closer = ')'
	}
	open := p.i
	p.i++
	switch typ {
	case "comment":
		p.i = open
		p.braced(open)
		return
	case "preamble":
		p.space()
		p.value(open)
		p.space()
		p.expect(closer, at, "@preamble")
		return
	case "string":
		p.space()
		nameAt := p.i
		name := strings.ToLower(p.ident())
		if name == "" {
			p.fail(nameAt, CodeMalformed, "@string needs a name: @string{name = \"text\"}")
		}
		p.space()
		p.expect('=', nameAt, "@string "+name)
		p.space()
		p.macros[name] = p.value(nameAt)
		p.space()
		p.expect(closer, at, "@string "+name)
		return
	}
	p.space()
	keyAt := p.i
	key := p.key()
	if key == "" {
		p.fail(keyAt, CodeKey, "@%s entry has no key; citations name entries by it", typ)
	}
	rec := &Record{Key: key, File: p.name}
	rec.Line, _ = p.ls.at(at)
	fields := map[string]string{}
	fieldAt := map[string]int{}
	lastField, lastAt, lastEnd := "", 0, 0
	for {
		p.space()
		if p.i >= len(p.src) {
			p.fail(at, CodeMalformed, "entry %q is not closed: \"%c\" missing", key, closer)
		}
		if p.src[p.i] == closer {
			p.i++
			break
		}
		if p.src[p.i] != ',' {
			if p.src[p.i] == '@' && lastField != "" {
				from, _ := p.ls.at(lastAt)
				to, _ := p.ls.at(lastEnd)
				p.fail(lastAt, CodeMalformed, "entry %q runs into the next entry: check the braces and quotes of field %q (lines %d–%d)", key, lastField, from, to)
			}
			p.fail(p.i, CodeMalformed, "entry %q: expected \",\" or \"%c\" after a field", key, closer)
		}
		p.i++
		p.space()
		if p.i < len(p.src) && p.src[p.i] == closer {
			p.i++
			break
		}
		nameAt := p.i
		field := strings.ToLower(p.ident())
		if field == "" {
			p.fail(nameAt, CodeMalformed, "entry %q: expected a field name", key)
		}
		p.space()
		p.expect('=', nameAt, "field "+field+" of entry "+strconv.Quote(key))
		p.space()
		v := p.value(nameAt)
		lastEnd = p.i - 1
		for lastEnd > nameAt && (p.src[lastEnd] <= ' ') {
			lastEnd--
		}
		lastField, lastAt = field, nameAt
		if _, dup := fields[field]; dup {
			p.warn(nameAt, CodeField, "entry %q: field %q is given again; the later value is used", key, field)
		}
		fields[field] = v
		fieldAt[field] = nameAt
	}
	fieldAt["$"] = at
	p.fill(rec, typ, fields, fieldAt)
	rec.tidy()
	p.records = append(p.records, rec)
}

func (p *bibParser) expect(c byte, at int, what string) {
	if p.i >= len(p.src) || p.src[p.i] != c {
		p.fail(min(p.i, max(len(p.src)-1, 0)), CodeMalformed, "%s: expected %q", what, string(c))
	}
	p.i++
}

// key reads an entry key: anything up to a comma or whitespace.
func (p *bibParser) key() string {
	start := p.i
	for p.i < len(p.src) {
		c := p.src[p.i]
		if c == ',' || c <= ' ' || c == '}' || c == ')' {
			break
		}
		p.i++
	}
	return string(p.src[start:p.i])
}

// value reads a field value: braced or quoted text, a number or a macro,
// joined with "#".
func (p *bibParser) value(at int) string {
	var sb strings.Builder
	for {
		if p.i >= len(p.src) {
			p.fail(at, CodeMalformed, "the file ends inside a value")
		}
		switch c := p.src[p.i]; {
		case c == '{':
			sb.WriteString(p.braced(p.i))
		case c == '"':
			sb.WriteString(p.quoted())
		case c >= '0' && c <= '9':
			start := p.i
			for p.i < len(p.src) && p.src[p.i] >= '0' && p.src[p.i] <= '9' {
				p.i++
			}
			sb.Write(p.src[start:p.i])
		default:
			mAt := p.i
			m := strings.ToLower(p.ident())
			if m == "" {
				p.fail(mAt, CodeMalformed, "expected a value: {text}, \"text\", a number or a @string name")
			}
			v, ok := p.macros[m]
			if !ok {
				p.warn(mAt, CodeMacro, "@string %q is not defined; its name is used as the text", m)
				v = m
			}
			sb.WriteString(v)
		}
		p.space()
		if p.i < len(p.src) && p.src[p.i] == '#' {
			p.i++
			p.space()
			continue
		}
		return sb.String()
	}
}

// braced reads {…} with nested braces, returning the inside with inner
// braces kept (they protect case and group names).
func (p *bibParser) braced(open int) string {
	depth := 0
	start := p.i + 1
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case '\\':
			p.i++
		case '\n':
			if p.i+1 < len(p.src) && p.src[p.i+1] == '@' && depth > 0 {
				// an entry starts inside the value: a brace was left open
				p.fail(open, CodeMalformed, "unbalanced braces: \"{\" is never closed")
			}
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				s := string(p.src[start:p.i])
				p.i++
				return s
			}
		}
		p.i++
	}
	p.fail(open, CodeMalformed, "unbalanced braces: \"{\" is never closed")
	return ""
}

// quoted reads "…", in which quotes may appear only inside braces.
func (p *bibParser) quoted() string {
	open := p.i
	p.i++
	start := p.i
	depth := 0
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case '\\':
			p.i++
		case '\n':
			if p.i+1 < len(p.src) && p.src[p.i+1] == '@' {
				p.fail(open, CodeMalformed, "unterminated quoted value")
			}
		case '{':
			depth++
		case '}':
			depth--
		case '"':
			if depth == 0 {
				s := string(p.src[start:p.i])
				p.i++
				return s
			}
		}
		p.i++
	}
	p.fail(open, CodeMalformed, "unterminated quoted value")
	return ""
}

// bibTypes maps entry types to the kinds the styles tell apart.
var bibTypes = map[string]Type{
	"book": Book, "booklet": Book, "mvbook": Book, "collection": Book, "mvcollection": Book, "proceedings": Book,
	"manual": Book, "techreport": Book, "report": Book, "reference": Book, "periodical": Book,
	"incollection": Chapter, "inbook": Chapter, "inproceedings": Chapter, "conference": Chapter, "inreference": Chapter, "suppbook": Chapter, "suppcollection": Chapter,
	"article": Article, "suppperiodical": Article,
	"online": Webpage, "electronic": Webpage, "www": Webpage,
	"phdthesis": Thesis, "mastersthesis": Thesis, "thesis": Thesis,
	"unpublished": Manuscript, "letter": Manuscript, "misc": Book,
}

func (p *bibParser) fill(rec *Record, typ string, f map[string]string, at map[string]int) {
	t, ok := bibTypes[typ]
	if !ok {
		p.warn(at["$"], CodeType, "entry %q: @%s is not a type the styles know; cited as a book", rec.Key, typ)
		t = Book
	}
	text := func(k string) string { return latexText(f[k], false) }
	names := func(k string) []Name {
		if f[k] == "" {
			return nil
		}
		return ParseNames(latexText(f[k], true))
	}
	rec.Author, rec.Editor, rec.Translator = names("author"), names("editor"), names("translator")
	rec.Title = text("title")
	rec.ShortTitle = text("shorttitle")
	switch t {
	case Chapter:
		rec.Container = first(text("booktitle"), text("maintitle"))
	case Article:
		rec.Container = first(text("journaltitle"), text("journal"))
		if es := strings.ToLower(f["entrysubtype"]); es == "newspaper" || es == "magazine" {
			t = Periodical
		}
	case Webpage:
		rec.Container = first(text("organization"), text("journaltitle"))
	}
	rec.Collection = text("series")
	rec.Publisher = first(text("publisher"), text("school"), text("institution"), text("organization"))
	if t == Webpage {
		rec.Publisher = ""
	}
	rec.Place = first(text("location"), text("address"))
	rec.Volume, rec.Issue = text("volume"), first(text("number"), text("issue"))
	rec.Pages = text("pages")
	rec.Edition = text("edition")
	rec.URL = strings.TrimSpace(first(f["url"], urlOf(f["howpublished"])))
	rec.DOI = strings.TrimSpace(f["doi"])
	rec.Language = text("language")
	rec.Note = text("note")
	switch typ {
	case "phdthesis":
		rec.Genre = "PhD diss."
	case "mastersthesis":
		rec.Genre = "Master’s thesis"
	}
	if g := text("type"); g != "" {
		rec.Genre = g
	}
	if t == Book && typ == "misc" && rec.URL != "" && rec.Publisher == "" {
		t = Webpage
		rec.Container = text("howpublished")
		if urlOf(f["howpublished"]) != "" {
			rec.Container = ""
		}
	}
	rec.Type = t
	if d := strings.TrimSpace(f["date"]); d != "" {
		rec.Issued = ParseDate(d)
	} else if y := strings.TrimSpace(text("year")); y != "" {
		rec.Issued = ParseDate(y)
		if m := strings.TrimSpace(f["month"]); m != "" && rec.Issued.Literal == "" {
			if n, err := strconv.Atoi(m); err == nil && n >= 1 && n <= 12 {
				rec.Issued.Month = n
			} else if n, ok := monthMacros[strings.ToLower(m)[:min(3, len(m))]]; ok {
				rec.Issued.Month = n
			}
		}
	}
	if d := first(f["origdate"], f["origyear"]); d != "" {
		rec.Original = ParseDate(d)
	}
	if d := f["urldate"]; d != "" {
		rec.Accessed = ParseDate(d)
	}
}

// urlOf finds \url{…} in a howpublished field.
func urlOf(s string) string {
	i := strings.Index(s, `\url{`)
	if i < 0 {
		return ""
	}
	rest := s[i+5:]
	if j := strings.IndexByte(rest, '}'); j >= 0 {
		return rest[:j]
	}
	return ""
}

func first(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// accents are LaTeX's accent commands and the combining marks they put
// on a letter.
var accents = map[byte]rune{
	'\'': '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', '=': '\u0304', '.': '\u0307',
	'u': '\u0306', 'v': '\u030C', 'H': '\u030B', 'c': '\u0327', 'k': '\u0328', 'r': '\u030A', 'd': '\u0323', 'b': '\u0331',
}

// letters are LaTeX's commands for letters and symbols.
var letters = map[string]string{
	"ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å", "o": "ø", "O": "Ø",
	"l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ",
	"textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…", "textellipsis": "…",
	"S": "§", "P": "¶", "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
	"guillemotleft": "«", "guillemotright": "»", "textit": "", "LaTeX": "LaTeX", "TeX": "TeX", "copyright": "©",
}

// latexText turns a BibTeX value into text: accents composed, special
// characters unescaped, "--" and "---" into dashes, “ and ” into curly
// quotes, ~ into a no-break space, \emph and \textit into <i>…</i>
// markers, other commands dropped with their arguments kept, and braces
// removed (kept when keepBraces, for splitting names).
func latexText(s string, keepBraces bool) string {
	var sb strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			n := s[i+1]
			if acc, ok := accents[n]; ok && (!isLetterByte(n) || i+2 < len(s) && !isLetterByte(s[i+2])) {
				// \'e, \'{e}, \c c, \v{s}
				j := i + 2
				for j < len(s) && s[j] == ' ' && isLetterByte(n) {
					j++
				}
				base, size := "", 0
				if j < len(s) && s[j] == '{' {
					k := strings.IndexByte(s[j:], '}')
					if k > 0 {
						base = latexText(s[j+1:j+k], false)
						size = k + 1
					}
				} else if j < len(s) {
					if s[j] == '\\' {
						// \'\i
						name := commandName(s[j+1:])
						base = letters[name]
						size = 1 + len(name)
						if j+size < len(s) && s[j+size] == ' ' {
							size++ // the space that ends the command
						}
					} else {
						_, sz := utf8.DecodeRuneInString(s[j:])
						base, size = s[j:j+sz], sz
					}
				}
				if base == "ı" {
					base = "i"
				}
				sb.WriteString(compose(base, acc))
				i = j + size
				continue
			}
			if strings.IndexByte(`&%$#_{}\ `, n) >= 0 {
				if n == '\\' {
					sb.WriteByte(' ')
				} else {
					sb.WriteByte(n)
				}
				i += 2
				continue
			}
			name := commandName(s[i+1:])
			if name == "" {
				i += 2
				continue
			}
			i += 1 + len(name)
			for i < len(s) && s[i] == ' ' {
				i++
			}
			if l, ok := letters[name]; ok && l != "" {
				sb.WriteString(l)
				if i < len(s) && s[i] == '{' && i+1 < len(s) && s[i+1] == '}' {
					i += 2
				}
				continue
			}
			if (name == "emph" || name == "textit" || name == "textsl" || name == "mkbibemph") && i < len(s) && s[i] == '{' {
				end := matchingBrace(s, i)
				sb.WriteString("<i>" + latexText(s[i+1:end], keepBraces) + "</i>")
				i = end + 1
				continue
			}
			// any other command (\url, \textbf…): its argument's text stays
			continue
		case c == '{' || c == '}':
			if keepBraces {
				sb.WriteByte(c)
			}
			i++
			continue
		case c == '~':
			sb.WriteString("\u00a0")
			i++
			continue
		case c == '-' && strings.HasPrefix(s[i:], "---"):
			sb.WriteString("—")
			i += 3
			continue
		case c == '-' && strings.HasPrefix(s[i:], "--"):
			sb.WriteString("–")
			i += 2
			continue
		case c == '`' && strings.HasPrefix(s[i:], "``"):
			sb.WriteString("“")
			i += 2
			continue
		case c == '\'' && strings.HasPrefix(s[i:], "''"):
			sb.WriteString("”")
			i += 2
			continue
		case c == '`':
			sb.WriteString("‘")
			i++
			continue
		case c == '\n' || c == '\t' || c == '\r':
			sb.WriteByte(' ')
			i++
			continue
		}
		sb.WriteByte(c)
		i++
	}
	return collapseSpace(sb.String())
}

// collapseSpace makes runs of ASCII white space one space, keeping
// no-break spaces.
func collapseSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }), " ")
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func commandName(s string) string {
	j := 0
	for j < len(s) && isLetterByte(s[j]) {
		j++
	}
	if j == 0 && len(s) > 0 {
		return ""
	}
	return s[:j]
}

func matchingBrace(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return len(s) - 1
}

// compose puts a combining mark on base's first letter, composed where
// Unicode has the letter.
func compose(base string, mark rune) string {
	if base == "" {
		return string(mark)
	}
	_, size := utf8.DecodeRuneInString(base)
	return norm.NFC.String(base[:size]+string(mark)) + base[size:]
}
