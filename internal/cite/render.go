package cite

import (
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// Note renders a citation as the text of a footnote (the notes styles):
// each work in the form its position asks, joined by semicolons, ending
// with a full stop, its first letter capitalised. Each work is wrapped in
// its Link when it has one; the author's prefix and suffix are not.
func (s *Style) Note(c Citation, pos []Position) []doc.Inline {
	b := newBuilder(s.loc)
	s.noteWorks(b, c, pos)
	b.end()
	b.capitalize()
	return b.inlines()
}

// NoteInNote renders a bracketed citation inside a footnote in the notes
// styles: the works as Note gives them, in parentheses, without the full
// stop or the capital, as pandoc sets such a citation: "(Knuth and Plass,
// “Breaking Paragraphs into Lines,” 1120)".
func (s *Style) NoteInNote(c Citation, pos []Position) []doc.Inline {
	b := newBuilder(s.loc)
	b.text("(")
	s.noteWorks(b, c, pos)
	b.text(")")
	return b.inlines()
}

// noteWorks adds each work of a citation in the form its position asks,
// joined by semicolons.
func (s *Style) noteWorks(b *builder, c Citation, pos []Position) {
	for i, it := range c.Items {
		if i > 0 {
			b.punct(";")
			b.text(" ")
		}
		if p := strings.TrimSpace(it.Prefix); p != "" {
			b.text(p + " ")
		}
		p := First
		if i < len(pos) {
			p = pos[i]
		}
		b.startLink(it.Link)
		if s.fam == chicagoNotes {
			s.chicagoNote(b, it, p)
		} else {
			// An author-date style asked for a note (a citation inside a
			// footnote is set as in the text, without parentheses).
			s.inTextItem(b, it)
		}
		b.endLink()
		s.suffix(b, it.Suffix)
	}
}

// suffix adds the author's words after a work: ", emphasis added".
func (s *Style) suffix(b *builder, suffix string) {
	if suffix == "" {
		return
	}
	t := strings.TrimSpace(suffix)
	if t == "" {
		return
	}
	if strings.HasPrefix(t, ",") || strings.HasPrefix(t, ";") || strings.HasPrefix(t, ".") {
		b.punct(t[:1])
		t = strings.TrimSpace(t[1:])
	} else {
		b.punct(",")
	}
	b.text(" " + t)
}

// InText renders a citation in the running text: in the author-date
// styles the parenthetical or narrative citation ("(Serge 1963, 85)",
// "Serge (1963, 85)"); in the notes styles, for a citation written into
// the sentence, the authors' names that stand in the text, the rest going
// to the note.
func (s *Style) InText(c Citation) []doc.Inline {
	b := newBuilder(s.loc)
	if s.fam == chicagoNotes {
		for i, it := range c.Items {
			if i > 0 {
				b.text("; ")
			}
			b.startLink(it.Link)
			if n := s.shortNames(it.Record, s.loc.and, 4); n != "" {
				b.text(n)
			} else {
				b.title(it.Record, shortTitle(it.Record))
			}
			b.endLink()
		}
		return b.inlines()
	}
	s.inTextCite(b, c)
	return b.inlines()
}

func (s *Style) inTextCite(b *builder, c Citation) {
	switch s.fam {
	case chicagoAuthorDate:
		s.chicagoInText(b, c)
	case mla:
		s.mlaInText(b, c)
	case apa:
		s.apaInText(b, c)
	}
}

// inTextPart is what an in-text citation says of one work.
type inTextPart struct {
	// names are the authors' family names; "" when the work has none, and
	// its short title stands in their place.
	names string
	// withTitle adds the short title after the names (MLA, when the book
	// cites several works by the same authors).
	withTitle bool
	// rest is the year and the locator, after nameSep.
	rest, nameSep string
}

// inText writes an in-text citation from its parts, itemSep between works.
func (s *Style) inText(b *builder, c Citation, part func(Item) inTextPart, itemSep string) {
	title := func(it Item) {
		if s.fam == apa || it.Record.Type == Book || (s.fam == mla && it.Record.Type == Thesis) {
			b.ital(shortTitle(it.Record))
		} else {
			b.quoted(shortTitle(it.Record))
		}
	}
	if c.AuthorInText {
		for i, it := range c.Items {
			if i > 0 {
				b.text("; ")
			}
			p := part(it)
			b.startLink(it.Link)
			if p.names != "" {
				b.text(p.names)
			} else {
				title(it)
			}
			b.endLink()
			if p.rest == "" && !p.withTitle && it.Prefix == "" && it.Suffix == "" {
				continue
			}
			b.text(" (")
			if pre := strings.TrimSpace(it.Prefix); pre != "" {
				b.text(pre + " ")
			}
			b.startLink(it.Link)
			if p.withTitle {
				title(it)
				if p.rest != "" {
					b.text(" ")
				}
			}
			b.text(p.rest)
			b.endLink()
			s.suffix(b, it.Suffix)
			b.text(")")
		}
		return
	}
	b.text("(")
	for i, it := range c.Items {
		if i > 0 {
			b.text(itemSep)
		}
		if pre := strings.TrimSpace(it.Prefix); pre != "" {
			b.text(pre + " ")
		}
		p := part(it)
		b.startLink(it.Link)
		wrote := false
		if !it.SuppressAuthor {
			if p.names != "" {
				b.text(p.names)
			} else {
				title(it)
			}
			wrote = true
		}
		if p.withTitle {
			if wrote {
				b.text(", ")
			}
			title(it)
			wrote = true
		}
		if p.rest != "" {
			if wrote {
				b.text(p.nameSep)
			}
			b.text(p.rest)
		}
		b.endLink()
		s.suffix(b, it.Suffix)
	}
	b.text(")")
}

// inTextItem writes one work as an in-text citation without parentheses,
// for a citation inside a note in an author-date style.
func (s *Style) inTextItem(b *builder, it Item) {
	inner := newBuilder(s.loc)
	s.inTextCite(inner, Citation{Items: []Item{{Record: it.Record, Locator: it.Locator, SuppressAuthor: it.SuppressAuthor}}})
	runs := inner.runs
	// drop the parentheses
	if len(runs) > 0 && runs[0].text == "(" {
		runs = runs[1:]
	}
	if n := len(runs); n > 0 && runs[n-1].text == ")" {
		runs = runs[:n-1]
	}
	for _, r := range runs {
		b.addRaw(r.text, r.italic)
	}
}

// Reference renders a record as an entry of the bibliography.
func (s *Style) Reference(r *Record) []doc.Inline {
	return s.reference(r, false)
}

// Bibliography renders records, already in the order of Sort, as the
// entries of the bibliography; in the Chicago and MLA styles a work by
// the same authors as the one before opens with a dash instead of their
// names.
func (s *Style) Bibliography(records []*Record) [][]doc.Inline {
	out := make([][]doc.Inline, len(records))
	for i, r := range records {
		repeat := i > 0 && len(creators(r)) > 0 && s.namesKey(r) == s.namesKey(records[i-1]) &&
			sameRole(r, records[i-1])
		out[i] = s.reference(r, repeat)
	}
	return out
}

// sameRole reports whether two records name their creators in the same
// role (both as authors, or both as editors).
func sameRole(a, b *Record) bool { return (len(a.Author) > 0) == (len(b.Author) > 0) }

func (s *Style) reference(r *Record, repeat bool) []doc.Inline {
	b := newBuilder(s.loc)
	switch s.fam {
	case chicagoNotes, chicagoAuthorDate:
		names := s.chicagoBibNames(r)
		if repeat {
			names = "———"
			if len(r.Author) == 0 {
				names += ", " + s.editorLabel(len(r.Editor))
			}
		}
		s.chicagoEntry(b, r, s.fam == chicagoAuthorDate, names)
	case mla:
		names := s.mlaNames(r)
		if repeat {
			names = "---"
			if len(r.Author) == 0 {
				names += ", " + s.mlaEditorLabel(len(r.Editor))
			}
		}
		s.mlaEntry(b, r, names)
	case apa:
		s.apaEntry(b, r)
	}
	return b.inlines()
}

// Source is where a text printed in the book was taken from, cited with
// the work it comes from.
type Source struct {
	Record *Record
	// Extract, when set, says the text is an extract of the record's work
	// ("2": extract 2) printed in From; From alone says where the copy was
	// taken from.
	Extract string
	From    []doc.Inline
	// Pages are the pages of the text in From, or in the work.
	Pages string
	// URL and Accessed say where the copy used is online.
	URL      string
	Accessed Date
}

// SourceNote renders a source as the note on its first page: in the
// notes style the work in the full note form, in the others as in the
// bibliography; then where the text was taken from.
func (s *Style) SourceNote(src Source) []doc.Inline {
	if s.fam != chicagoNotes {
		return s.SourceReference(src)
	}
	b := newBuilder(s.loc)
	r := src.work()
	it := Item{Record: r}
	if src.From == nil && src.Pages != "" {
		it.Locator = src.Pages
		r.Pages = ""
	}
	s.chicagoNote(b, it, First)
	s.takenFrom(b, src, true)
	b.end()
	return b.inlines()
}

// SourceReference renders a source in the bibliography's form, for the
// list of sources and permissions.
func (s *Style) SourceReference(src Source) []doc.Inline {
	b := newBuilder(s.loc)
	s.sourceReference(b, src.work())
	if s.takenFrom(b, src, false) {
		b.end()
	}
	return b.inlines()
}

// work is the record cited, with the pages, the URL and the date it was
// read of a text read in the work itself.
func (src Source) work() *Record {
	r := *src.Record
	if src.From == nil && src.Extract == "" {
		if src.Pages != "" && r.Pages == "" {
			r.Pages = src.Pages
		}
		if src.URL != "" {
			r.URL, r.Accessed = src.URL, src.Accessed
		}
	}
	return &r
}

func (s *Style) sourceReference(b *builder, r *Record) {
	switch s.fam {
	case chicagoNotes, chicagoAuthorDate:
		s.chicagoEntry(b, r, s.fam == chicagoAuthorDate, s.chicagoBibNames(r))
	case mla:
		s.mlaEntry(b, r, s.mlaNames(r))
	case apa:
		s.apaEntry(b, r)
	}
}

// takenFrom adds where the text was taken from, when it is not the work
// itself: "extract 2 in an unattributed compilation, 3–10", then the
// copy's URL and when it was read, as a clause of a note or a sentence
// of an entry. It reports whether it added anything.
func (s *Style) takenFrom(b *builder, src Source, note bool) bool {
	if src.From == nil && src.Extract == "" {
		return false
	}
	if note {
		b.sep(", ")
	} else {
		b.sep(". ")
	}
	var words string
	if src.Extract != "" {
		words = s.loc.extract + " " + src.Extract
		if len(src.From) > 0 {
			words += " " + s.loc.in + " "
		}
	}
	if !note {
		words = upperFirst(words)
	}
	b.text(words)
	b.inlines0(src.From, !note && words == "")
	if src.Pages != "" {
		b.sep(", ")
		b.text(s.pages(src.Pages))
	}
	if src.URL != "" {
		s.accessedURL(b, src.URL, src.Accessed, note)
	}
	return true
}

// accessedURL adds a URL and the date it was read, as the style orders
// them: Chicago the date first ("accessed May 4, 2024, https://…"), MLA
// the date last in its own sentence, APA no date.
func (s *Style) accessedURL(b *builder, url string, accessed Date, note bool) {
	switch s.fam {
	case mla:
		b.sep(", ")
		b.text(mlaURL(url))
		if !accessed.IsZero() {
			b.end()
			b.text(" " + upperFirst(s.loc.accessed) + " " + s.loc.mlaDate(accessed))
		}
	case apa:
		b.sep(". ")
		b.text(url)
	default:
		if !accessed.IsZero() {
			if note {
				b.sep(", ")
				b.text(s.loc.accessed + " " + s.loc.date(accessed, false))
			} else {
				b.sep(". ")
				b.text(upperFirst(s.loc.accessed) + " " + s.loc.date(accessed, false))
			}
		}
		if note {
			b.sep(", ")
		} else {
			b.sep(". ")
		}
		b.text(url)
	}
}

// inlines0 adds tree content (a container written in Markdown) as runs,
// its first letter capitalised when it opens a sentence.
func (b *builder) inlines0(in []doc.Inline, capital bool) {
	start := len(b.runs)
	var walk func([]doc.Inline, bool)
	walk = func(in []doc.Inline, italic bool) {
		for _, x := range in {
			switch x := x.(type) {
			case *doc.Text:
				b.addRaw(x.Text, italic)
			case *doc.Code:
				b.addRaw(x.Text, italic)
			case *doc.Emph:
				walk(x.Content, !italic)
			case *doc.Break:
				b.addRaw(" ", italic)
			case *doc.NoteRef, *doc.Image:
			default:
				walk(doc.InlineChildren(x), italic)
			}
		}
	}
	walk(in, false)
	if capital && len(b.runs) > start {
		b.runs[start].text = upperFirst(b.runs[start].text)
	}
}
