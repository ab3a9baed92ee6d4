package cite

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// run is a piece of rendered text in one face, perhaps part of a link.
type run struct {
	text   string
	italic bool
	link   int // 1-based index into builder.links; 0 for none
}

// builder assembles a citation or an entry from its elements, minding the
// punctuation between them: a full stop is not doubled after one that ends
// an abbreviation or a title ("Jr.", "What Is to Be Done?"), and a comma
// or full stop after a quoted title goes inside the closing quote where
// the language does so ("“Title,” in").
type builder struct {
	loc   *locale
	runs  []run
	links []*doc.Link
	// link is the link the runs added now belong to.
	link int
	// quoteEnd is set when the last thing added was a closing quote.
	quoteEnd bool
	// pending is the separator sep asked for, written before the next text
	// only, so an element that turns out empty leaves no stray comma.
	pending string
}

func newBuilder(loc *locale) *builder { return &builder{loc: loc} }

// add appends s. Italics marked inside s with <i>…</i> (as Zotero writes
// a ship's name or a book's title within a title) flip the face; other
// tags Zotero writes (<b>, <sup>, <span class="nocase">) are dropped,
// their text kept.
func (b *builder) add(s string, italic bool) {
	if s == "" {
		return
	}
	b.flush()
	for s != "" {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.runs = append(b.runs, run{text: s, italic: italic, link: b.link})
			break
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			b.runs = append(b.runs, run{text: s, italic: italic, link: b.link})
			break
		}
		if i > 0 {
			b.runs = append(b.runs, run{text: s[:i], italic: italic, link: b.link})
		}
		tag := ""
		if fields := strings.Fields(s[i+1 : i+j]); len(fields) > 0 {
			tag = strings.ToLower(fields[0])
		}
		switch tag {
		case "i", "em", "/i", "/em":
			italic = !italic
		case "b", "/b", "sup", "/sup", "sub", "/sub", "span", "/span", "sc", "/sc":
		default:
			// not markup: keep the "<" as text
			b.runs = append(b.runs, run{text: "<", italic: italic, link: b.link})
			s = s[i+1:]
			continue
		}
		s = s[i+j+1:]
	}
	b.quoteEnd = false
}

// addRaw appends s as it is, without reading markup in it.
func (b *builder) addRaw(s string, italic bool) {
	if s != "" {
		b.flush()
		b.runs = append(b.runs, run{text: s, italic: italic, link: b.link})
		b.quoteEnd = false
	}
}

// text adds plain text.
func (b *builder) text(s string) { b.add(s, false) }

// ital adds italic text (the title of a whole work). Text already in
// italics in the record stays italic; a title within an italic title is
// set roman, as the styles ask, when written with underscores or
// asterisks in the record.
func (b *builder) ital(s string) { b.add(s, true) }

// quoted adds s in the locale's quotation marks (the title of a part).
func (b *builder) quoted(s string) {
	if s == "" {
		return
	}
	b.text(b.loc.openQuote + s)
	b.text(b.loc.closeQuote)
	b.quoteEnd = true
}

// punct adds punctuation after what came before, if anything came before,
// in place of a pending separator.
func (b *builder) punct(p string) {
	b.pending = ""
	if len(b.runs) == 0 || p == "" {
		return
	}
	last := b.plainTail()
	switch {
	case p == "." && endsSentence(last):
		return
	case (p == "," || p == ";" || p == ":") && strings.HasSuffix(strings.TrimRight(last, "”’»“\u00a0 "), "?"):
		return
	case p == "," && strings.HasSuffix(last, ","):
		return
	}
	if b.quoteEnd && b.loc.punctuationInQuote && (p == "," || p == ".") {
		// the closing quote is the last run
		q := b.runs[len(b.runs)-1]
		b.runs = b.runs[:len(b.runs)-1]
		if !(p == "." && endsSentence(b.plainTail())) {
			b.runs = append(b.runs, run{text: p, link: q.link})
		}
		b.runs = append(b.runs, q)
		return
	}
	b.text(p)
}

// sep asks for punctuation and a space before the next element (", " or
// ". "), written when the element brings text.
func (b *builder) sep(p string) {
	if len(b.runs) > 0 {
		b.pending = p
	}
}

// flush writes the pending separator.
func (b *builder) flush() {
	p := b.pending
	if p == "" {
		return
	}
	b.pending = ""
	b.punct(strings.TrimRight(p, " "))
	if strings.HasSuffix(p, " ") {
		b.runs = append(b.runs, run{text: " ", link: b.link})
		b.quoteEnd = false
	}
}

// end closes the whole with a full stop.
func (b *builder) end() { b.punct(".") }

// plainTail is the end of the text so far.
func (b *builder) plainTail() string {
	var sb strings.Builder
	for i := max(0, len(b.runs)-3); i < len(b.runs); i++ {
		sb.WriteString(b.runs[i].text)
	}
	return sb.String()
}

// empty reports whether nothing was added.
func (b *builder) empty() bool { return len(b.runs) == 0 }

// startLink makes the runs added until endLink part of a link to the
// record's bibliography entry, when there is one.
func (b *builder) startLink(l *doc.Link) {
	if l == nil {
		return
	}
	b.links = append(b.links, l)
	b.link = len(b.links)
}

func (b *builder) endLink() { b.link = 0 }

// capitalize upper-cases the first letter: a note starting with "ibid."
// or a prefix "see".
func (b *builder) capitalize() { b.capitalizeFrom(0) }

// capitalizeFrom upper-cases the first letter of the runs from start on.
func (b *builder) capitalizeFrom(start int) {
	for i := start; i < len(b.runs); i++ {
		if strings.IndexFunc(b.runs[i].text, unicode.IsLetter) < 0 {
			continue
		}
		if strings.TrimSpace(b.runs[i].text) == "" {
			continue
		}
		b.runs[i].text = upperFirst(b.runs[i].text)
		return
	}
}

// inlines is the result as tree content: runs of one face merged, italic
// runs in Emph, linked runs in a copy of their Link.
func (b *builder) inlines() []doc.Inline {
	var out []doc.Inline
	var cur *doc.Link
	curIdx := 0
	emit := func(in doc.Inline) {
		if cur != nil {
			cur.Content = append(cur.Content, in)
		} else {
			out = append(out, in)
		}
	}
	for i := 0; i < len(b.runs); {
		r := b.runs[i]
		if r.link != curIdx {
			cur = nil
			curIdx = r.link
			if r.link > 0 {
				l := *b.links[r.link-1]
				l.Content = nil
				cur = &l
				out = append(out, cur)
			}
		}
		var sb strings.Builder
		j := i
		for j < len(b.runs) && b.runs[j].italic == r.italic && b.runs[j].link == r.link {
			sb.WriteString(b.runs[j].text)
			j++
		}
		t := &doc.Text{Text: sb.String()}
		if r.italic {
			emit(&doc.Emph{Content: []doc.Inline{t}})
		} else {
			emit(t)
		}
		i = j
	}
	return out
}

// endsSentence reports whether s ends with closing punctuation, closing
// quotes aside.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "”’\"'»\u00a0 ")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!")
}

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// paren adds s in parentheses, attached to what came before (no
// separator), or opening the whole.
func (b *builder) paren(s string) {
	b.pending = ""
	if len(b.runs) == 0 {
		b.text("(" + s + ")")
		return
	}
	b.text(" (" + s + ")")
}
