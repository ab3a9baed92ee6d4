package cite

import "strings"

// The Chicago Manual of Style (17th ed.): notes and bibliography
// (chapter 14) and author-date (chapter 15).
//
//	note:          Victor Serge, Memoirs of a Revolutionary, trans. Peter Sedgwick (Oxford: Oxford University Press, 1963), 85–86.
//	short note:    Serge, Memoirs of a Revolutionary, 85.
//	bibliography:  Serge, Victor. Memoirs of a Revolutionary. Translated by Peter Sedgwick. Oxford: Oxford University Press, 1963.
//	reference:     Serge, Victor. 1963. Memoirs of a Revolutionary. Translated by Peter Sedgwick. Oxford: Oxford University Press.
//	in the text:   (Serge 1963, 85–86)

// chicagoNoteNames writes the authors of a note: natural order, "A and
// B", "A, B, and C", the first and "et al." for four or more; editors in
// the authors' place followed by "ed.".
func (s *Style) chicagoNoteNames(r *Record) string {
	names, edited := r.Author, false
	if len(names) == 0 {
		names, edited = r.Editor, true
	}
	if len(names) == 0 {
		return ""
	}
	var out string
	if len(names) >= 4 {
		out = names[0].natural() + " " + s.loc.etAl
	} else {
		out = namesList(names, Name.natural, s.loc.and, s.serialComma())
	}
	if edited {
		out += ", " + s.editorLabel(len(names))
	}
	return out
}

func (s *Style) editorLabel(n int) string {
	if n > 1 {
		return s.loc.editorsShort
	}
	return s.loc.editorShort
}

// chicagoBibNames writes the authors of a bibliography entry: the first
// inverted, the others in natural order, up to ten (then seven and "et
// al."); editors in the authors' place followed by "ed.".
func (s *Style) chicagoBibNames(r *Record) string {
	names, edited := r.Author, false
	if len(names) == 0 {
		names, edited = r.Editor, true
	}
	if len(names) == 0 {
		return ""
	}
	etAl := false
	if len(names) > 10 {
		names, etAl = names[:7], true
	}
	var out string
	if len(names) == 1 {
		out = names[0].inverted()
	} else {
		parts := []string{names[0].inverted()}
		for _, n := range names[1:] {
			parts = append(parts, n.natural())
		}
		if etAl {
			out = strings.Join(parts, ", ") + ", " + s.loc.etAl
		} else {
			out = strings.Join(parts[:len(parts)-1], ", ") + ", " + s.loc.and + " " + parts[len(parts)-1]
		}
	}
	if edited {
		out += ", " + s.editorLabel(len(names))
	}
	return out
}

// shortNames are the family names of short forms and in-text citations:
// "Serge", "Knuth and Plass", "Knuth et al." (at etAlFrom names or more).
func (s *Style) shortNames(r *Record, and string, etAlFrom int) string {
	names := creators(r)
	if len(names) == 0 {
		return ""
	}
	if len(names) >= etAlFrom {
		return names[0].familyName() + " " + s.loc.etAl
	}
	return namesList(names, Name.familyName, and, s.serialComma())
}

// publication writes "Place: Publisher, Date", as much as is known.
func (s *Style) publication(r *Record, date string) string {
	where := r.Place
	if r.Publisher != "" {
		if where != "" {
			where += ": "
		}
		where += r.Publisher
	}
	if where != "" && date != "" {
		return where + ", " + date
	}
	return where + date
}

// chicagoDate is the date of an article in a periodical or a web page in
// full, of anything else its year.
func (s *Style) chicagoDate(r *Record) string {
	if r.Type == Periodical || r.Type == Webpage || r.Type == Manuscript {
		return s.loc.date(r.Issued, false)
	}
	return r.Issued.year()
}

// roles adds "ed. X, trans. Y" (notes) or "Edited by X. Translated by Y."
// (bibliography) for the editors and translators of a work that has
// authors.
func (s *Style) roles(b *builder, r *Record, bib bool) {
	editors := r.Editor
	if len(r.Author) == 0 {
		editors = nil // named in the authors' place
	}
	for _, role := range []struct {
		names     []Name
		note, bib string
	}{{editors, s.loc.edBy, s.loc.editedBy}, {r.Translator, s.loc.transBy, s.loc.translatedBy}} {
		if len(role.names) == 0 {
			continue
		}
		if unknown(role.names) {
			if bib {
				b.sep(". ")
				b.text(upperFirst(s.loc.translatorUnknown))
			} else {
				b.sep(", ")
				b.text(s.loc.translatorUnknown)
			}
			continue
		}
		names := namesList(role.names, Name.natural, s.loc.and, s.serialComma())
		if bib {
			b.sep(". ")
			b.text(upperFirst(role.bib) + " " + names)
		} else {
			b.sep(", ")
			b.text(role.note + " " + names)
		}
	}
}

// chicagoIssue writes after a journal's title its volume, issue and
// date, as notes and bibliography both give them: "8, no. 2 (1921)".
func (s *Style) chicagoIssue(b *builder, r *Record, date string) {
	if r.Volume != "" {
		b.text(" " + r.Volume)
	}
	if r.Issue != "" {
		b.sep(", ")
		b.text(s.loc.issue + " " + r.Issue)
	}
	if date != "" {
		b.paren(date)
	}
}

// chicagoNote renders one item of a note.
func (s *Style) chicagoNote(b *builder, it Item, pos Position) {
	r := it.Record
	loc := it.Locator
	switch pos {
	case Ibid, IbidWithLocator:
		b.text(s.loc.ibid)
		if pos == IbidWithLocator {
			b.sep(", ")
			b.text(s.noteLocator(loc))
		}
		return
	case Subsequent:
		if !it.SuppressAuthor {
			b.text(s.shortNames(r, s.loc.and, 4))
		}
		b.sep(", ")
		b.title(r, shortTitle(r))
		if loc != "" {
			b.sep(", ")
			b.text(s.noteLocator(loc))
		}
		return
	}
	if !it.SuppressAuthor {
		b.text(s.chicagoNoteNames(r))
	}
	b.sep(", ")
	b.title(r, r.Title)
	date := s.chicagoDate(r)
	switch r.Type {
	case Chapter:
		if !r.Original.IsZero() && r.Original.year() != r.Issued.year() {
			// when a speech or letter in collected works was first given
			b.paren(s.loc.date(r.Original, false))
		}
		if r.Container != "" {
			b.sep(", ")
			b.text(s.loc.in + " ")
			b.ital(r.Container)
		}
	case Article:
		b.sep(", ")
		b.ital(r.Container)
		s.chicagoIssue(b, r, date)
		pages := s.pages(r.Pages)
		if loc != "" {
			pages = s.noteLocator(loc)
		}
		if pages != "" {
			b.punct(":")
			b.text(" " + pages)
		}
		s.noteLink(b, r)
		return
	case Periodical, Webpage:
		if r.Container != "" {
			b.sep(", ")
			if r.Type == Periodical {
				b.ital(r.Container)
			} else {
				b.text(r.Container)
			}
		}
		if date != "" {
			b.sep(", ")
			b.text(date)
		} else if !r.Accessed.IsZero() {
			b.sep(", ")
			b.text(s.loc.accessed + " " + s.loc.date(r.Accessed, false))
		}
		if loc != "" {
			b.sep(", ")
			b.text(s.noteLocator(loc))
		}
		s.noteLink(b, r)
		return
	}
	if r.Type == Book && !r.Original.IsZero() && r.Original.year() != r.Issued.year() {
		b.paren(r.Original.year())
	}
	s.roles(b, r, false)
	if r.Edition != "" {
		b.sep(", ")
		b.text(s.loc.editionText(r.Edition))
	}
	if r.Volume != "" && r.Type == Book {
		b.sep(", ")
		b.text(s.loc.volume + " " + r.Volume)
	}
	if r.Collection != "" {
		b.sep(", ")
		b.text(r.Collection)
	}
	facts := s.publication(r, date)
	if r.Type == Thesis || r.Type == Manuscript {
		facts = joinNonEmpty(", ", s.genre(r), r.Publisher, r.Place, date)
	}
	if facts != "" {
		b.paren(facts)
	}
	pages := s.pages(r.Pages)
	if loc != "" {
		pages = s.noteLocator(loc)
	}
	if pages != "" {
		b.sep(", ")
		b.text(pages)
	}
	s.noteLink(b, r)
}

// genre is what a thesis or a manuscript is.
func (s *Style) genre(r *Record) string {
	if r.Genre != "" {
		return r.Genre
	}
	if r.Type == Thesis {
		return "PhD diss."
	}
	return ""
}

// noteLink ends a note with the work's DOI or URL, after the date it was
// read.
func (s *Style) noteLink(b *builder, r *Record) {
	if r.DOI != "" {
		b.sep(", ")
		b.text(doiURL(r))
		return
	}
	if r.URL != "" {
		acc := r.Accessed
		if r.Type == Periodical || r.Type == Webpage {
			acc = Date{} // said in place of the date, when the page has none
		}
		s.accessedURL(b, r.URL, acc, true)
	}
}

// noteLocator writes a locator as the Chicago styles do: pages bare,
// other places with their label.
func (s *Style) noteLocator(v string) string {
	l := parseLocator(v)
	if l.page {
		return s.pages(l.value)
	}
	return l.label + " " + s.pages(l.value)
}

// chicagoEntry is the entry of the bibliography (notes style) or of the
// reference list (author-date).
func (s *Style) chicagoEntry(b *builder, r *Record, authorDate bool, names string) {
	b.text(names)
	date := s.chicagoDate(r)
	yearAfterAuthor := authorDate && names != ""
	if yearAfterAuthor {
		b.sep(". ")
		b.text(s.year(r))
	}
	b.sep(". ")
	b.title(r, r.Title)
	if authorDate && !yearAfterAuthor {
		b.sep(". ")
		b.text(s.year(r))
	}
	switch r.Type {
	case Chapter:
		if !authorDate && !r.Original.IsZero() && r.Original.year() != r.Issued.year() {
			b.sep(". ")
			b.text(s.loc.date(r.Original, false))
		}
		b.sep(". ")
		b.text(upperFirst(s.loc.in) + " ")
		b.ital(r.Container)
		if len(r.Author) > 0 && len(r.Editor) > 0 {
			b.sep(", ")
			b.text(s.loc.editedBy + " " + namesList(r.Editor, Name.natural, s.loc.and, s.serialComma()))
		}
		if unknown(r.Translator) {
			b.sep(", ")
			b.text(s.loc.translatorUnknown)
		} else if len(r.Translator) > 0 {
			b.sep(", ")
			b.text(s.loc.translatedBy + " " + namesList(r.Translator, Name.natural, s.loc.and, s.serialComma()))
		}
		if r.Pages != "" {
			b.sep(", ")
			b.text(s.pages(r.Pages))
		}
		if authorDate {
			date = ""
		}
		if f := s.publication(r, date); f != "" {
			b.sep(". ")
			b.text(f)
		}
	case Article:
		b.sep(". ")
		b.ital(r.Container)
		if authorDate {
			if r.Volume != "" {
				b.text(" " + r.Volume)
			}
			if r.Issue != "" {
				b.paren(r.Issue)
			}
		} else {
			s.chicagoIssue(b, r, date)
		}
		if r.Pages != "" {
			b.punct(":")
			b.text(" " + s.pages(r.Pages))
		}
	case Periodical, Webpage:
		if r.Container != "" {
			b.sep(". ")
			if r.Type == Periodical {
				b.ital(r.Container)
			} else {
				b.text(r.Container)
			}
		}
		full := s.loc.date(r.Issued, false)
		if full != "" && (!authorDate || full != r.Issued.year()) {
			if r.Type == Periodical {
				b.sep(", ")
			} else {
				b.sep(". ")
			}
			b.text(full)
		} else if r.Issued.IsZero() && !r.Accessed.IsZero() {
			b.sep(". ")
			b.text(upperFirst(s.loc.accessed) + " " + s.loc.date(r.Accessed, false))
		}
	default:
		if !authorDate && !r.Original.IsZero() && r.Original.year() != r.Issued.year() {
			b.sep(". ")
			b.text(r.Original.year())
		}
		s.roles(b, r, true)
		if r.Edition != "" {
			b.sep(". ")
			b.text(upperFirst(s.loc.editionText(r.Edition)))
		}
		if r.Volume != "" {
			b.sep(". ")
			b.text(upperFirst(s.loc.volume) + " " + r.Volume)
		}
		if r.Collection != "" {
			b.sep(". ")
			b.text(r.Collection)
		}
		if authorDate {
			date = ""
		}
		facts := s.publication(r, date)
		if r.Type == Thesis || r.Type == Manuscript {
			facts = joinNonEmpty(", ", s.genre(r), r.Publisher, r.Place, date)
		}
		if facts != "" {
			b.sep(". ")
			b.text(facts)
		}
		if r.Pages != "" {
			// the pages of a book a text was printed from
			b.sep(", ")
			b.text(s.pages(r.Pages))
		}
		if authorDate && !r.Original.IsZero() && r.Original.year() != r.Issued.year() {
			b.sep(". ")
			b.text(upperFirst(s.loc.origPublished) + " " + r.Original.year())
		}
	}
	switch {
	case r.DOI != "":
		b.sep(". ")
		b.text(doiURL(r))
	case r.URL != "":
		acc := r.Accessed
		if r.Type == Periodical || r.Type == Webpage {
			acc = Date{} // said in place of the date
		}
		s.accessedURL(b, r.URL, acc, false)
	}
	b.end()
}

// chicagoInText is an author-date citation: "(Serge 1963, 85; Kollontai
// 1921)", or "Serge (1963, 85)" written into the sentence.
func (s *Style) chicagoInText(b *builder, c Citation) {
	s.inText(b, c, func(it Item) inTextPart {
		p := inTextPart{names: s.shortNames(it.Record, s.loc.and, 4), rest: s.year(it.Record), nameSep: " "}
		if it.Locator != "" {
			p.rest += ", " + s.noteLocator(it.Locator)
		}
		return p
	}, "; ")
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}
