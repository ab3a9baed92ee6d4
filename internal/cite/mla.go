package cite

import (
	"regexp"
	"strings"
)

// The MLA Handbook (9th ed.): works cited and parenthetical citations.
//
//	works cited:  Serge, Victor. Memoirs of a Revolutionary. Translated by Peter Sedgwick, Oxford UP, 1963.
//	in the text:  (Serge 85–86)

// mlaNames writes the authors of an entry: the first inverted, "and" the
// second, the first and "et al." for three or more; editors in the
// authors' place followed by "editor".
func (s *Style) mlaNames(r *Record) string {
	names, edited := r.Author, false
	if len(names) == 0 {
		names, edited = r.Editor, true
	}
	var out string
	switch len(names) {
	case 0:
		return ""
	case 1:
		out = names[0].inverted()
	case 2:
		out = names[0].inverted() + ", " + s.loc.and + " " + names[1].natural()
	default:
		out = names[0].inverted() + ", " + s.loc.etAl
	}
	if edited {
		out += ", " + s.mlaEditorLabel(len(names))
	}
	return out
}

func (s *Style) mlaEditorLabel(n int) string {
	if n > 1 {
		return s.loc.editors
	}
	return s.loc.editor
}

var universityPressOf = regexp.MustCompile(`\bUniversity of (.+) Press\b`)

// mlaPublisher shortens "University Press" to "UP" and "University of X
// Press" to "U of X P", as MLA asks.
func mlaPublisher(p string) string {
	p = universityPressOf.ReplaceAllString(p, "U of $1 P")
	return strings.ReplaceAll(p, "University Press", "UP")
}

// mlaURL is a URL without its scheme, as MLA prints it; DOIs keep theirs.
func mlaURL(u string) string {
	if strings.Contains(u, "doi.org/") {
		return u
	}
	return strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
}

// mlaEntry is the works-cited entry: author, title, then the container's
// elements as one sentence.
func (s *Style) mlaEntry(b *builder, r *Record, names string) {
	b.text(names)
	b.sep(". ")
	if r.Type == Book || r.Type == Thesis || r.Type == Manuscript {
		b.ital(r.Title)
	} else {
		b.quoted(r.Title)
	}
	if !r.Original.IsZero() && r.Original.year() != r.Issued.year() {
		b.sep(". ")
		b.text(s.loc.mlaDate(r.Original))
	}
	if r.Type == Thesis {
		b.sep(". ")
		b.text(r.Issued.year())
	}
	b.sep(". ")
	first := true
	elem := func(f func()) {
		if !first {
			b.sep(", ")
		}
		start := len(b.runs)
		f()
		if first {
			b.capitalizeFrom(start)
		}
		if len(b.runs) > start {
			first = false
		}
	}
	if r.Container != "" && r.Type != Book && r.Type != Thesis {
		elem(func() { b.ital(r.Container) })
	}
	if len(r.Author) > 0 && len(r.Editor) > 0 {
		elem(func() { b.text(s.loc.editedBy + " " + namesList(r.Editor, Name.natural, s.loc.and, true)) })
	}
	if unknown(r.Translator) {
		elem(func() { b.text(s.loc.translatorUnknown) })
	} else if len(r.Translator) > 0 {
		elem(func() { b.text(s.loc.translatedBy + " " + namesList(r.Translator, Name.natural, s.loc.and, true)) })
	}
	if r.Edition != "" {
		elem(func() { b.text(s.loc.editionText(r.Edition)) })
	}
	if r.Volume != "" {
		elem(func() { b.text(s.loc.volume + " " + r.Volume) })
	}
	if r.Issue != "" {
		elem(func() { b.text(s.loc.issue + " " + r.Issue) })
	}
	if r.Type == Thesis {
		elem(func() { b.text(joinNonEmpty(", ", r.Publisher, s.genre(r))) })
	} else if r.Publisher != "" && r.Type != Article && r.Type != Periodical {
		elem(func() { b.text(mlaPublisher(r.Publisher)) })
	}
	if r.Type != Thesis {
		if d := s.loc.mlaDate(r.Issued); d != "" {
			elem(func() { b.text(d) })
		}
	}
	if r.Pages != "" {
		elem(func() { b.text(s.mlaPages(r.Pages)) })
	}
	if u := doiURL(r); u != "" {
		elem(func() { b.text(mlaURL(u)) })
	}
	b.end()
	if !r.Accessed.IsZero() && r.URL != "" {
		b.text(" " + upperFirst(s.loc.accessed) + " " + s.loc.mlaDate(r.Accessed))
		b.end()
	}
}

// mlaPages is "p. 3" or "pp. 85–86".
func (s *Style) mlaPages(v string) string {
	v = s.pages(v)
	if plural(v) {
		return s.loc.pages + " " + v
	}
	return s.loc.page + " " + v
}

// mlaInText is "(Serge 85–86)", "(Serge, Memoirs 85)" when the book cites
// several works by Serge, "(Serge, ch. 3)".
func (s *Style) mlaInText(b *builder, c Citation) {
	s.inText(b, c, func(it Item) inTextPart {
		r := it.Record
		p := inTextPart{names: s.shortNames(r, s.loc.and, 3), withTitle: s.withTitle[r], nameSep: " "}
		if it.Locator != "" {
			l := parseLocator(it.Locator)
			if l.page {
				p.rest = s.pages(l.value)
			} else {
				p.rest = l.label + " " + s.pages(l.value)
				p.nameSep = ", "
			}
		}
		return p
	}, "; ")
}
