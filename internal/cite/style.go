package cite

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// family is a style's way of citing.
type family int

const (
	chicagoNotes      family = iota // Chicago notes and bibliography: citations in footnotes
	chicagoAuthorDate               // Chicago author-date: (Serge 1963, 85)
	mla                             // MLA 9: (Serge 85)
	apa                             // APA 7: (Serge, 1963, p. 85)
)

// StyleNames are the names New accepts, the first the default.
var StyleNames = []string{"chicago", "chicago-author-date", "mla", "apa"}

var styleByName = map[string]family{
	"": chicagoNotes, "chicago": chicagoNotes, "chicago-notes": chicagoNotes, "chicago-note-bibliography": chicagoNotes,
	"chicago-author-date": chicagoAuthorDate, "mla": mla, "apa": apa,
}

var familyNames = [...]string{"Chicago", "Chicago author-date", "MLA", "APA"}

// Style renders citations and bibliography entries in one citation style
// and language. Prepare it with the records of the book before rendering
// in-text citations, which tell apart works by the same authors.
type Style struct {
	fam  family
	loc  *locale
	coll *collate.Collator
	// yearSuffix tells apart works by the same authors in the same year
	// ("1921a") in the author-date styles.
	yearSuffix map[*Record]string
	// withTitle marks works whose in-text citation needs their title, as
	// MLA asks when it cites several works by one author.
	withTitle map[*Record]bool
}

// New returns the style called name ("chicago", "chicago-author-date",
// "mla", "apa"; case does not matter) in the language lang (a BCP 47
// tag; the words of English for a language the styles do not know).
func New(name, lang string) (*Style, error) {
	fam, ok := styleByName[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return nil, fmt.Errorf("unknown citation style %q (want %s or %s)", name, strings.Join(StyleNames[:len(StyleNames)-1], ", "), StyleNames[len(StyleNames)-1])
	}
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	return &Style{fam: fam, loc: localeFor(lang), coll: collate.New(tag, collate.IgnoreCase, collate.Loose),
		yearSuffix: map[*Record]string{}, withTitle: map[*Record]bool{}}, nil
}

// String names the style for messages: "Chicago", "MLA".
func (s *Style) String() string { return familyNames[s.fam] }

// Notes reports whether citations go in footnotes (Chicago
// notes-bibliography) rather than in the running text.
func (s *Style) Notes() bool { return s.fam == chicagoNotes }

// BibliographyTitle is the heading of the list of works: "Bibliography",
// "References", "Works Cited", in the book's language.
func (s *Style) BibliographyTitle() string {
	switch s.fam {
	case mla:
		return upperFirst(s.loc.worksCited)
	case apa, chicagoAuthorDate:
		return upperFirst(s.loc.references)
	}
	return upperFirst(s.loc.bibliography)
}

// Sort puts records in the bibliography's order: by authors (family names
// first, particles aside), then, in the author-date styles, by year, then
// by title without its leading article, in the collation of the book's
// language. Then it decides how in-text citations tell works by the same
// authors apart.
func (s *Style) Sort(records []*Record) {
	key := func(r *Record) []string {
		k := []string{s.namesKey(r)}
		if s.fam == chicagoAuthorDate || s.fam == apa {
			k = append(k, fmt.Sprintf("%06d", r.Issued.Year))
		}
		return append(k, sortTitle(r.Title), r.Key)
	}
	slices.SortStableFunc(records, func(a, b *Record) int {
		ka, kb := key(a), key(b)
		for i := range ka {
			if c := s.coll.CompareString(ka[i], kb[i]); c != 0 {
				return c
			}
		}
		return strings.Compare(a.Key, b.Key)
	})
	clear(s.yearSuffix)
	clear(s.withTitle)
	byAuthors := map[string][]*Record{}
	var order []string
	for _, r := range records {
		k := s.namesKey(r)
		if _, ok := byAuthors[k]; !ok {
			order = append(order, k)
		}
		byAuthors[k] = append(byAuthors[k], r)
	}
	for _, k := range order {
		rs := byAuthors[k]
		if len(rs) < 2 || len(creators(rs[0])) == 0 {
			continue
		}
		switch s.fam {
		case mla:
			for _, r := range rs {
				s.withTitle[r] = true
			}
		case chicagoAuthorDate, apa:
			byYear := map[string][]*Record{}
			for _, r := range rs {
				y := s.year(r)
				byYear[y] = append(byYear[y], r)
			}
			for _, same := range byYear {
				if len(same) < 2 {
					continue
				}
				for i, r := range same {
					s.yearSuffix[r] = string(rune('a' + i%26))
				}
			}
		}
	}
}

// namesKey sorts a record by its authors, or its editors in their place,
// or its title when it has neither.
func (s *Style) namesKey(r *Record) string {
	names := creators(r)
	if len(names) == 0 {
		return sortTitle(r.Title)
	}
	var parts []string
	for _, n := range names {
		parts = append(parts, n.sortKey())
	}
	return strings.Join(parts, "; ")
}

// creators are the names in the author's place: the authors, else the
// editors.
func creators(r *Record) []Name {
	if len(r.Author) > 0 {
		return r.Author
	}
	return r.Editor
}

// leadingArticles are dropped from titles when sorting.
var leadingArticles = []string{"the ", "a ", "an ", "le ", "la ", "les ", "l'", "l’", "der ", "die ", "das ", "el ", "los ", "las "}

func sortTitle(t string) string {
	t = strings.TrimLeft(t, "“\"‘'«<i>")
	low := strings.ToLower(t)
	for _, a := range leadingArticles {
		if strings.HasPrefix(low, a) && len(t) > len(a) {
			return t[len(a):]
		}
	}
	return t
}

// year is the year as cited, "n.d." when unknown, with the letter that
// tells apart works of one year.
func (s *Style) year(r *Record) string {
	y := r.Issued.year()
	if y == "" {
		y = s.loc.noDate
	}
	return y + s.yearSuffix[r]
}

// Problems lists what the style needs and r lacks, one sentence each.
func (s *Style) Problems(r *Record) []string {
	var out []string
	need := func(field, why string) {
		out = append(out, fmt.Sprintf("has no %s; the %s style needs %s", field, s, why))
	}
	if strings.TrimSpace(r.Title) == "" {
		need("title", "one")
	}
	switch r.Type {
	case Chapter:
		if r.Container == "" {
			need("container (the book it is in)", "it for a chapter")
		}
	case Article, Periodical:
		if r.Container == "" {
			need("container (the journal or paper it is in)", "it for an article")
		}
	case Webpage:
		if r.URL == "" {
			need("URL", "it for a web page")
		}
	case Book:
		if r.Publisher == "" && r.URL == "" {
			need("publisher", "one for a book")
		}
	}
	if r.Issued.IsZero() && s.fam != mla && r.Type != Webpage {
		need("date", "one (it prints \""+s.loc.noDate+"\")")
	}
	return out
}

// Position is where a citation of a work stands among the notes that cite
// it, which decides the note's form in the notes styles.
type Position int

const (
	First           Position = iota // the first citation in this part of the book: in full
	Subsequent                      // cited before: the short form
	Ibid                            // the same work and place as the citation just before
	IbidWithLocator                 // the same work as just before, another place in it
)

// Item is one work cited, with what the text says around it.
type Item struct {
	Record *Record
	// Prefix and Suffix are the author's words before and after the work
	// ("see", ", emphasis added").
	Prefix, Suffix string
	// Locator is the place in the work: "85-86", "chap. 3", "p. 3".
	Locator string
	// SuppressAuthor leaves the author's name out ([-@key]): the text
	// names the author already.
	SuppressAuthor bool
	// Link, when set, is the link to the work's bibliography entry that
	// the rendered item is wrapped in.
	Link *doc.Link
}

// Citation is one citation: one or more works at one point of the text.
type Citation struct {
	Items []Item
	// AuthorInText is a citation written into the sentence ("@serge1963
	// says"): the authors' names are part of the text.
	AuthorInText bool
}

// Tracker follows the works cited in order, to tell first citations from
// later ones and a repeat of the work just cited.
type Tracker struct {
	seen        map[*Record]bool
	last        *Record
	lastLocator string
}

// NewTracker starts with nothing cited.
func NewTracker() *Tracker { return &Tracker{seen: map[*Record]bool{}} }

// StartPart forgets what was cited: the first citation in each chapter is
// in full, and "Ibid." never points into another chapter.
func (t *Tracker) StartPart() {
	clear(t.seen)
	t.last, t.lastLocator = nil, ""
}

// Positions reads a citation and returns each item's position.
func (t *Tracker) Positions(c Citation) []Position {
	out := make([]Position, len(c.Items))
	for i, it := range c.Items {
		r := it.Record
		switch {
		case !t.seen[r]:
			out[i] = First
		case t.last == r && it.Locator == t.lastLocator:
			out[i] = Ibid
		case t.last == r && it.Locator != "":
			out[i] = IbidWithLocator
		default:
			out[i] = Subsequent
		}
		t.seen[r] = true
		t.last, t.lastLocator = r, it.Locator
	}
	if len(c.Items) > 1 {
		// "Ibid." after a note citing several works would be ambiguous.
		t.last = nil
	}
	return out
}

// locator is a place in a work: a label ("chap.", "p.") and a value.
type locator struct {
	page  bool   // a page or pages
	label string // as written for other kinds: "chap.", "sec."
	value string
}

var locatorLabel = regexp.MustCompile(`^(?i)(pp?\.|pages?|chap\.|chapters?|ch\.|sec\.|sections?|§§?|para\.|paragraphs?|¶¶?|n\.|nn\.|notes?|vol\.|vols\.|volumes?|l\.|ll\.|lines?|fig\.|figures?|col\.|columns?|bk\.|books?|pt\.|parts?|v\.|vv\.|verses?|fol\.|folios?)\s*`)

// parseLocator splits "pp. 85-86" into its label and value; a value alone
// ("85-86") is pages.
func parseLocator(s string) locator {
	s = strings.TrimSpace(s)
	m := locatorLabel.FindStringSubmatch(s)
	if m == nil {
		return locator{page: true, value: s}
	}
	label := strings.ToLower(m[1])
	value := strings.TrimSpace(s[len(m[0]):])
	switch label {
	case "p.", "pp.", "page", "pages":
		return locator{page: true, value: value}
	}
	return locator{label: m[1], value: value}
}

// pageRangeFormat says how the second number of a page range is written.
type pageRangeFormat int

const (
	expanded   pageRangeFormat = iota // 1119–1184 (APA)
	chicagoFmt                        // 1119–84, 101–8, 321–28 (CMOS 9.64)
	minimalTwo                        // 1119–84, 103–04 (MLA)
)

var rangePattern = regexp.MustCompile(`(\d+)\s*(?:-+|–|—)\s*(\d+)`)

// pages writes ranges with an en dash, abbreviated as the style asks.
func (s *Style) pages(v string) string {
	f := expanded
	switch s.fam {
	case chicagoNotes, chicagoAuthorDate:
		f = chicagoFmt
	case mla:
		f = minimalTwo
	}
	return rangePattern.ReplaceAllStringFunc(strings.TrimSpace(v), func(m string) string {
		p := rangePattern.FindStringSubmatch(m)
		return p[1] + "–" + abbreviateRange(p[1], p[2], f)
	})
}

// abbreviateRange writes the second number of a range from first.
func abbreviateRange(first, second string, f pageRangeFormat) string {
	a, errA := strconv.Atoi(first)
	b, errB := strconv.Atoi(second)
	if errA != nil || errB != nil || b <= a || len(first) != len(second) || f == expanded {
		return second
	}
	// keep the digits of second from the first that differs
	diff := 0
	for diff < len(first) && first[diff] == second[diff] {
		diff++
	}
	minimal := second[diff:]
	switch f {
	case chicagoFmt:
		switch {
		case a < 100 || a%100 == 0:
			return second
		case a%100 < 10:
			return minimal
		case len(second) == 4 && len(minimal) >= 3 || len(minimal) > 3:
			// three digits of four change, or more than three: all of
			// them (1496–1504, 12991–13001; but 11564–615)
			return second
		}
		if len(minimal) < 2 {
			return second[len(second)-2:]
		}
		return minimal
	case minimalTwo:
		if len(minimal) < 2 && len(second) >= 2 {
			return second[len(second)-2:]
		}
		return minimal
	}
	return second
}

// plural reports whether a locator value names several places.
func plural(v string) bool {
	return strings.ContainsAny(v, "–-—,&") || strings.Contains(v, " and ")
}

// namesList joins names formatted by f: "A and B", "A, B, and C" (the
// serial comma for three or more); with lastSep between the last two.
func namesList(names []Name, f func(Name) string, and string, serial bool) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return f(names[0])
	case 2:
		return f(names[0]) + " " + and + " " + f(names[1])
	}
	var sb strings.Builder
	for i, n := range names {
		switch {
		case i == len(names)-1:
			if serial {
				sb.WriteString(", " + and + " ")
			} else {
				sb.WriteString(" " + and + " ")
			}
		case i > 0:
			sb.WriteString(", ")
		}
		sb.WriteString(f(n))
	}
	return sb.String()
}

// serialComma reports whether the language sets a comma before the "and"
// ending a list of three or more.
func (s *Style) serialComma() bool { return s.loc.lang == "en" }

// shortTitle is the title short notes use: the record's short title,
// else the title before its subtitle.
func shortTitle(r *Record) string {
	if r.ShortTitle != "" {
		return r.ShortTitle
	}
	t := r.Title
	if i := strings.Index(t, ": "); i > 0 {
		t = t[:i]
	}
	return t
}

// title adds a record's title as its type asks: whole works in italics,
// parts in quotation marks.
func (b *builder) title(r *Record, t string) {
	if r.Type.part() {
		b.quoted(t)
	} else {
		b.ital(t)
	}
}

// edition writes "2nd ed." from "2", or the edition as written.
func (l *locale) editionText(e string) string {
	e = strings.TrimSpace(e)
	n, err := strconv.Atoi(e)
	if err != nil || n <= 0 {
		return e
	}
	switch l.lang {
	case "en":
		suffix := "th"
		if n%100 < 11 || n%100 > 13 {
			switch n % 10 {
			case 1:
				suffix = "st"
			case 2:
				suffix = "nd"
			case 3:
				suffix = "rd"
			}
		}
		return e + suffix + " " + l.edition
	case "fr":
		if n == 1 {
			return e + "ʳᵉ " + l.edition
		}
		return e + "ᵉ " + l.edition
	case "ru":
		return e + "-е " + l.edition
	}
	return e + ". " + l.edition
}

// doiURL is the DOI as a link, or the URL.
func doiURL(r *Record) string {
	if r.DOI != "" {
		d := strings.TrimSpace(r.DOI)
		if strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "https://") {
			return d
		}
		return "https://doi.org/" + strings.TrimPrefix(strings.TrimPrefix(d, "doi:"), "DOI:")
	}
	return r.URL
}
