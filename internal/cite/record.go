// Package cite is the bibliography engine: it reads bibliographies
// (CSL-JSON, as Zotero exports it, and BibTeX), and renders citations and
// bibliography entries in a citation style (Chicago notes-bibliography,
// Chicago author-date, MLA, APA) in the words of the book's language.
//
// It knows nothing of Markdown or of the output formats: records come in,
// and inline content of the document tree comes out. The resolve pass
// decides where that content goes (a footnote, the running text, the
// bibliography in the back matter).
package cite

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Type is the kind of work a record describes, as far as the styles tell
// kinds apart.
type Type int

const (
	Book       Type = iota // a whole book, pamphlet or report: title in italics
	Chapter                // a part of a book: title in quotes, "in" the book
	Article                // an article in a journal: volume, issue, pages
	Periodical             // an article in a newspaper or magazine: dated issue
	Webpage                // a page of a website
	Thesis                 // a thesis or dissertation
	Manuscript             // unpublished: a manuscript, a letter, a speech
)

var typeNames = [...]string{"book", "chapter", "article", "periodical", "webpage", "thesis", "manuscript"}

func (t Type) String() string {
	if t >= 0 && int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// part reports whether the type names a part of a larger work, whose title
// is quoted rather than italicised.
func (t Type) part() bool { return t != Book }

// Record is one work of a bibliography.
type Record struct {
	// Key is the citation key ("serge1963").
	Key  string
	Type Type
	// Author and the other roles are in the order given.
	Author, Editor, Translator []Name
	// Title is the work's title; ShortTitle, when given, the form short
	// notes use ("Memoirs").
	Title, ShortTitle string
	// Container is the book, journal, newspaper or website the work is in.
	Container string
	// Collection is the series a book belongs to.
	Collection string
	Publisher  string
	Place      string // place of publication
	// Genre says what a thesis or manuscript is ("PhD diss.", "speech").
	Genre string
	// Issued is the date of the edition cited; Original that of first
	// publication, when it differs.
	Issued, Original Date
	Volume, Issue    string
	Pages            string // the work's pages in its container: "217-251"
	Edition          string // "2" or "2nd rev."
	URL, DOI         string
	Accessed         Date
	// Language is the work's language (BCP 47 or a name), as given.
	Language string
	Note     string

	// File and Line are where the record is written, for messages.
	File string
	Line int
}

// Name is a person's name, or the name of a body kept whole (Literal).
type Name struct {
	Family, Given string
	// Particle is a particle kept with the family name ("de", "van").
	Particle string
	Suffix   string // "Jr."
	Literal  string // an organisation: "Communist Party of Great Britain"
	// Unknown stands for a person the source does not name: an
	// unnamed translator is printed as "translator unknown".
	Unknown bool
}

// UnknownTranslator is the translator of a translation that does not
// name one.
var UnknownTranslator = Name{Unknown: true}

// unknown reports whether names are only a person not named.
func unknown(names []Name) bool { return len(names) == 1 && names[0].Unknown }

// natural is "Given Particle Family, Suffix": "Simone de Beauvoir".
func (n Name) natural() string {
	if n.Literal != "" {
		return n.Literal
	}
	s := joinWords(n.Given, n.Particle, n.Family)
	if n.Suffix != "" {
		s += ", " + n.Suffix
	}
	return s
}

// familyName is the family name as printed in short forms and in-text
// citations: "Beauvoir" (the particle goes with the given names, as the
// styles treat "Simone de Beauvoir").
func (n Name) familyName() string {
	if n.Literal != "" {
		return n.Literal
	}
	if n.Family == "" {
		return n.Given
	}
	return n.Family
}

// inverted is "Family, Given Particle, Suffix": "Beauvoir, Simone de", as
// the styles alphabetise such names.
func (n Name) inverted() string {
	if n.Literal != "" {
		return n.Literal
	}
	if n.Family == "" || n.Given == "" {
		return joinWords(n.Given, n.Particle, n.Family)
	}
	s := n.Family + ", " + joinWords(n.Given, n.Particle)
	if n.Suffix != "" {
		s += ", " + n.Suffix
	}
	return s
}

// initials abbreviates the given names: "Vladimir Ilyich" is "V. I.",
// "Jean-Paul" is "J.-P."; an initial already written ("E.") is kept.
func (n Name) initials() string {
	var words []string
	for _, w := range strings.Fields(n.Given) {
		var parts []string
		for _, h := range strings.Split(w, "-") {
			r, _ := utf8.DecodeRuneInString(h)
			if r == utf8.RuneError {
				continue
			}
			if strings.HasSuffix(h, ".") && utf8.RuneCountInString(h) <= 3 {
				parts = append(parts, h)
			} else {
				parts = append(parts, string(unicode.ToUpper(r))+".")
			}
		}
		if len(parts) > 0 {
			words = append(words, strings.Join(parts, "-"))
		}
	}
	return strings.Join(words, " ")
}

// apa is "Family, G. I." as APA's reference list writes it.
func (n Name) apa() string {
	if n.Literal != "" {
		return n.Literal
	}
	if n.Given == "" {
		return n.familyName()
	}
	s := n.familyName() + ", " + joinWords(n.initials(), n.Particle)
	if n.Suffix != "" {
		s += ", " + n.Suffix
	}
	return s
}

// initialsFirst is "G. I. Family", for editors and translators in APA.
func (n Name) initialsFirst() string {
	if n.Literal != "" {
		return n.Literal
	}
	return joinWords(n.initials(), n.Particle, n.Family)
}

// sortKey orders names by family name (without its particle, as the
// styles alphabetise "de Beauvoir" under B), then given names.
func (n Name) sortKey() string {
	if n.Literal != "" {
		return n.Literal
	}
	return joinWords(n.Family, n.Given, n.Particle)
}

func (n Name) empty() bool {
	return n.Literal == "" && n.Family == "" && n.Given == "" && !n.Unknown
}

func joinWords(ws ...string) string {
	var keep []string
	for _, w := range ws {
		if w = strings.TrimSpace(w); w != "" {
			keep = append(keep, w)
		}
	}
	return strings.Join(keep, " ")
}

// ParseNames reads names written by hand: separated by " and " or ";",
// each "Family, Given" or "Given Family" (particles such as "de" and "von"
// join the family name), and a name holding another lowercase word ("Party
// of Labour") or a single word kept whole, as the name of a body. Braces
// keep a name whole too: "{Communist Party of Great Britain}".
func ParseNames(s string) []Name {
	var out []Name
	for _, part := range splitNames(s) {
		out = append(out, parseName(part))
	}
	return out
}

// splitNames splits at ";" and at " and " outside braces.
func splitNames(s string) []string {
	var out []string
	depth, start := 0, 0
	flush := func(end int) {
		if p := strings.TrimSpace(s[start:end]); p != "" {
			out = append(out, p)
		}
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			if depth > 0 {
				depth--
			}
		case ';':
			if depth == 0 {
				flush(i)
				start = i + 1
			}
		case ' ', '\t', '\n':
			if depth == 0 && hasWordAt(s, i+1, "and") {
				flush(i)
				start = i + 4
				i += 3
			}
		}
	}
	flush(len(s))
	return out
}

// hasWordAt reports whether s holds word at i, followed by whitespace.
func hasWordAt(s string, i int, word string) bool {
	if !strings.HasPrefix(strings.ToLower(s[i:]), word) {
		return false
	}
	j := i + len(word)
	return j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n')
}

func parseName(part string) Name {
	part = strings.Join(strings.Fields(part), " ")
	if strings.HasPrefix(part, "{") && strings.HasSuffix(part, "}") && strings.Count(part, "{") == 1 {
		return Name{Literal: strings.TrimSpace(part[1 : len(part)-1])}
	}
	if family, given, ok := strings.Cut(part, ","); ok {
		family, given = strings.TrimSpace(family), strings.TrimSpace(given)
		suffix := ""
		if g, s, ok := strings.Cut(given, ","); ok {
			// "Family, Suffix, Given" (BibTeX's "von Last, Jr, First")
			given, suffix = strings.TrimSpace(s), strings.TrimSpace(g)
		}
		if family != "" && given != "" {
			n := Name{Given: unbrace(given), Suffix: unbrace(suffix)}
			n.Particle, n.Family = splitParticle(unbrace(family))
			return n
		}
		part = strings.Trim(part, ", ")
	}
	words := braceWords(part)
	if len(words) < 2 {
		return Name{Literal: unbrace(part)}
	}
	for _, w := range words[1:] {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) && !particles[w] {
			return Name{Literal: unbrace(part)}
		}
	}
	// Particles before the family name belong to it: "Simone de Beauvoir".
	split := len(words) - 1
	for split > 1 && particles[words[split-1]] {
		split--
	}
	return Name{
		Given:    unbrace(strings.Join(words[:split], " ")),
		Particle: unbrace(strings.Join(words[split:len(words)-1], " ")),
		Family:   unbrace(words[len(words)-1]),
	}
}

// braceWords splits at spaces outside braces.
func braceWords(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			if depth > 0 {
				depth--
			}
		case ' ':
			if depth == 0 {
				if i > start {
					out = append(out, s[start:i])
				}
				start = i + 1
			}
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

func unbrace(s string) string {
	return strings.TrimSpace(strings.NewReplacer("{", "", "}", "").Replace(s))
}

// splitParticle takes leading lowercase particles off a family name:
// "de Beauvoir" is particle "de", family "Beauvoir".
func splitParticle(family string) (particle, rest string) {
	words := strings.Fields(family)
	i := 0
	for i < len(words)-1 && particles[words[i]] {
		i++
	}
	return strings.Join(words[:i], " "), strings.Join(words[i:], " ")
}

// particles are the lowercase words a person's name may hold; any other
// lowercase word marks the name of a body.
var particles = map[string]bool{
	"de": true, "del": true, "della": true, "der": true, "den": true, "di": true, "da": true, "du": true,
	"la": true, "le": true, "van": true, "von": true, "ten": true, "ter": true, "bin": true, "ibn": true,
	"al": true, "y": true, "d'": true, "dos": true, "das": true, "zu": true,
}

// Date is a date as precise as it is known: a year, a month or a day. A
// date that is not a calendar date ("Spring 1921") is kept as Literal.
type Date struct {
	Year, Month, Day int
	Circa            bool
	Literal          string
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Year == 0 && d.Literal == "" }

// ParseDate reads "1921", "1921-03", "1921-03-08"; anything else is kept
// as written.
func ParseDate(s string) Date {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}
	}
	parts := strings.Split(s, "-")
	if len(parts) <= 3 {
		var nums []int
		for i, p := range parts {
			want := 2
			if i == 0 {
				want = 4
			}
			if len(p) != want {
				nums = nil
				break
			}
			n, err := strconv.Atoi(p)
			if err != nil || n < 0 {
				nums = nil
				break
			}
			nums = append(nums, n)
		}
		if len(nums) == len(parts) {
			d := Date{Year: nums[0]}
			if len(nums) > 1 {
				d.Month = nums[1]
			}
			if len(nums) > 2 {
				d.Day = nums[2]
			}
			if d.valid() {
				return d
			}
		}
	}
	return Date{Literal: s}
}

func (d Date) valid() bool {
	if d.Year <= 0 || d.Month < 0 || d.Month > 12 || d.Day < 0 || d.Day > 31 {
		return false
	}
	return d.Day == 0 || d.Month > 0
}

// year is the year as printed, or the literal date.
func (d Date) year() string {
	if d.Year == 0 {
		return d.Literal
	}
	return strconv.Itoa(d.Year)
}
