package cite

import (
	"slices"
	"strings"
)

// The Publication Manual of the American Psychological Association (7th
// ed.): reference list and in-text citations.
//
//	reference:    Serge, V. (1963). Memoirs of a Revolutionary (P. Sedgwick, Trans.). Oxford University Press.
//	in the text:  (Serge, 1963, pp. 85–86)
//
// Titles are printed as the record writes them: APA's sentence case is
// the editor's to type (Zotero stores titles so).

// apaNames writes the authors: "Family, G. I.", joined with commas and
// "&" before the last, up to twenty (then nineteen, an ellipsis and the
// last); editors in the authors' place followed by "(Ed.)".
func (s *Style) apaNames(r *Record) string {
	names, edited := r.Author, false
	if len(names) == 0 {
		names, edited = r.Editor, true
	}
	if len(names) == 0 {
		return ""
	}
	var parts []string
	for _, n := range names {
		parts = append(parts, n.apa())
	}
	var out string
	switch {
	case len(parts) == 1:
		out = parts[0]
	case len(parts) > 20:
		out = strings.Join(parts[:19], ", ") + ", . . . " + parts[len(parts)-1]
	default:
		out = strings.Join(parts[:len(parts)-1], ", ") + ", & " + parts[len(parts)-1]
	}
	if edited {
		out += " (" + s.apaEditorLabel(len(names)) + ")"
	}
	return out
}

func (s *Style) apaEditorLabel(n int) string { return upperFirst(s.editorLabel(n)) }

// apaDate is "(1963)", "(1921, March 8)" for articles in newspapers and
// web pages, "(n.d.)".
func (s *Style) apaDate(r *Record) string {
	d := s.year(r)
	if (r.Type == Periodical || r.Type == Webpage) && r.Issued.Month > 0 {
		d += ", " + s.loc.months[r.Issued.Month-1]
		if r.Issued.Day > 0 {
			d += " " + itoa(r.Issued.Day)
		}
	}
	return "(" + d + ")"
}

// apaEntry is the reference-list entry.
func (s *Style) apaEntry(b *builder, r *Record) {
	names := s.apaNames(r)
	standalone := r.Type == Book || r.Type == Webpage || r.Type == Thesis || r.Type == Manuscript
	title := func() {
		if standalone {
			b.ital(r.Title)
		} else {
			b.text(r.Title)
		}
	}
	if names != "" {
		b.text(names)
		b.sep(". ")
		b.text(s.apaDate(r))
		b.sep(". ")
		title()
	} else {
		title()
		b.sep(". ")
		b.text(s.apaDate(r))
	}
	// what goes in parentheses after the title
	var roles []string
	if len(r.Author) > 0 && len(r.Editor) > 0 && r.Type != Chapter {
		roles = append(roles, s.apaInitials(r.Editor)+", "+s.apaEditorLabel(len(r.Editor)))
	}
	if unknown(r.Translator) {
		roles = append(roles, upperFirst(s.loc.translatorUnknown))
	} else if len(r.Translator) > 0 && r.Type != Chapter {
		roles = append(roles, s.apaInitials(r.Translator)+", "+upperFirst(s.loc.translatorShort))
	}
	if r.Edition != "" && r.Type != Chapter {
		roles = append(roles, s.loc.editionText(r.Edition))
	}
	if r.Volume != "" && r.Type == Book {
		roles = append(roles, upperFirst(s.loc.volume)+" "+r.Volume)
	}
	if r.Pages != "" && r.Type == Book {
		roles = append(roles, s.apaPages(r.Pages))
	}
	if len(roles) > 0 {
		b.paren(strings.Join(roles, "; "))
	}
	if r.Type == Thesis {
		b.text(" [" + joinNonEmpty(", ", s.genre(r), r.Publisher) + "]")
	}
	switch r.Type {
	case Chapter:
		b.sep(". ")
		b.text(upperFirst(s.loc.in) + " ")
		if len(r.Editor) > 0 && len(r.Author) > 0 {
			b.text(s.apaInitials(r.Editor) + " (" + s.apaEditorLabel(len(r.Editor)) + "), ")
		}
		b.ital(r.Container)
		var inner []string
		if len(r.Translator) > 0 && !unknown(r.Translator) {
			inner = append(inner, s.apaInitials(r.Translator)+", "+upperFirst(s.loc.translatorShort))
		}
		if r.Edition != "" {
			inner = append(inner, s.loc.editionText(r.Edition))
		}
		if r.Pages != "" {
			inner = append(inner, s.apaPages(r.Pages))
		}
		if len(inner) > 0 {
			b.paren(strings.Join(inner, "; "))
		}
		if r.Publisher != "" {
			b.sep(". ")
			b.text(r.Publisher)
		}
	case Article, Periodical:
		if r.Container != "" {
			b.sep(". ")
			b.ital(r.Container)
			if r.Volume != "" {
				b.sep(", ")
				b.ital(r.Volume)
			}
			if r.Issue != "" {
				b.text("(" + r.Issue + ")")
			}
			if r.Pages != "" {
				b.sep(", ")
				if r.Type == Periodical {
					b.text(s.apaPages(r.Pages))
				} else {
					b.text(s.pages(r.Pages))
				}
			}
		}
	default:
		if r.Container != "" && r.Type == Webpage {
			b.sep(". ")
			b.text(r.Container)
		}
		if r.Publisher != "" && r.Type != Thesis {
			b.sep(". ")
			b.text(r.Publisher)
		}
	}
	b.end()
	if u := doiURL(r); u != "" {
		b.text(" " + u)
	}
	if !r.Original.IsZero() && r.Original.year() != r.Issued.year() {
		words := upperFirst(s.loc.origPublished)
		if s.loc.lang == "en" {
			words = "Original work published"
		}
		b.paren(words + " " + r.Original.year())
	}
}

// apaInitials writes editors and translators: "H. Arendt", "A & B".
func (s *Style) apaInitials(names []Name) string {
	var parts []string
	for _, n := range names {
		parts = append(parts, n.initialsFirst())
	}
	switch len(parts) {
	case 1:
		return parts[0]
	case 2:
		return parts[0] + " & " + parts[1]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + ", & " + parts[len(parts)-1]
}

// apaPages is "p. 3" or "pp. 85–86", ranges in full.
func (s *Style) apaPages(v string) string {
	v = s.pages(v)
	if plural(v) {
		return s.loc.pages + " " + v
	}
	return s.loc.page + " " + v
}

// apaInText is "(Serge, 1963, pp. 85–86)", the works in the order of the
// reference list, or "Serge (1963)" written into the sentence.
func (s *Style) apaInText(b *builder, c Citation) {
	if !c.AuthorInText && len(c.Items) > 1 {
		items := slices.Clone(c.Items)
		slices.SortStableFunc(items, func(x, y Item) int {
			return s.coll.CompareString(s.namesKey(x.Record)+"\x00"+s.year(x.Record), s.namesKey(y.Record)+"\x00"+s.year(y.Record))
		})
		c.Items = items
	}
	and := "&"
	if c.AuthorInText {
		and = s.loc.and
	}
	s.inText(b, c, func(it Item) inTextPart {
		p := inTextPart{names: s.shortNames(it.Record, and, 3), rest: s.year(it.Record), nameSep: ", "}
		if it.Locator != "" {
			l := parseLocator(it.Locator)
			if l.page {
				p.rest += ", " + s.apaPages(l.value)
			} else {
				p.rest += ", " + l.label + " " + l.value
			}
		}
		return p
	}, "; ")
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var d []byte
	for n > 0 {
		d = append([]byte{byte('0' + n%10)}, d...)
		n /= 10
	}
	return string(d)
}
