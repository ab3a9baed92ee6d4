package notes

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
)

// citationStyle formats a source's provenance as a citation.
//
// The forms, for a translated work taken from a book or website:
//
//	Chicago (note): Alexandra Kollontai, The Workers’ Opposition (1921), trans. A. Holt (London: Solidarity, 1968), 3–10, https://….
//	                Author, “Title,” in Container, trans. …, ed. … (Place: Publisher, Published), Pages, accessed May 4, 2024, URL.
//	MLA 9:          Kollontai, Alexandra. The Workers’ Opposition. 1921. Translated by A. Holt, Solidarity, 1968, pp. 3–10, marxists.org/….
//	                Author. “Title.” Container, translated by …, edited by …, Publisher, Published, pp. Pages, URL. Accessed 4 May 2024.
//	APA 7:          Kollontai, A. (1968). The workers’ opposition (A. Holt, Trans.). Solidarity. https://… (Original work published 1921)
//	                Author. (Year). Title (T, Trans.). In E (Ed.), Container (pp. Pages). Publisher. URL
//
// Titles of whole works (and containers) are in italics. Titles are kept as
// written: APA's sentence case is the editor's to type. Authors are separated
// by ";" in the Author field; "Surname, Given" is read as written (write
// compound surnames so: "Du Bois, W. E. B."); a name without a comma is split
// before its last word, particles joining the surname ("Simone de Beauvoir"
// is "de Beauvoir, Simone"); a one-word name, or one with another lowercase
// word ("Communist Party of Russia"), is kept whole.
type citationStyle int

const (
	chicagoStyle citationStyle = iota
	mlaStyle
	apaStyle
)

func parseCitationStyle(s string) (citationStyle, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "chicago":
		return chicagoStyle, nil
	case "mla":
		return mlaStyle, nil
	case "apa":
		return apaStyle, nil
	}
	return 0, diag.Errorf("", 0, "config.invalid", "resolve: unknown citation style %q (want chicago, mla or apa)", s)
}

func (s citationStyle) String() string {
	return [...]string{"Chicago", "MLA", "APA"}[s]
}

// cite renders p in the style.
func (s citationStyle) cite(orig *doc.Provenance) []doc.Inline {
	p := typographicProvenance(orig)
	switch s {
	case mlaStyle:
		return citeMLA(p)
	case apaStyle:
		return citeAPA(p)
	}
	return citeChicago(p)
}

// problems lists what the style needs and p lacks, or has in a form it
// cannot use. translated says the source is in another language than the book.
func (s citationStyle) problems(p *doc.Provenance, translated bool) []string {
	var out []string
	if strings.TrimSpace(p.Title) == "" {
		out = append(out, fmt.Sprintf("provenance has no title; the %s style needs one", s))
	}
	if translated && strings.TrimSpace(p.Translator) == "" {
		out = append(out, fmt.Sprintf("provenance has no translator; the %s style needs it for a translated work", s))
	}
	if p.Publisher == "" && p.Container == "" && p.URL == "" {
		out = append(out, fmt.Sprintf("provenance has no publisher, container or URL; the %s style needs one to say where the text was taken from", s))
	}
	if s != mlaStyle && p.Date == "" && p.Published == "" {
		out = append(out, fmt.Sprintf("provenance has no date; the %s style needs one (it prints \"n.d.\")", s))
	}
	if p.Accessed != "" {
		if _, err := time.Parse(time.DateOnly, p.Accessed); err != nil {
			out = append(out, fmt.Sprintf("provenance accessed date %q is not YYYY-MM-DD", p.Accessed))
		}
	}
	return out
}

// citeChicago is the Chicago Manual of Style (17th ed.) note form: it
// reads naturally at the foot of a source's first page and, in book order,
// in the sources list.
func citeChicago(p *doc.Provenance) []doc.Inline {
	var segs [][]doc.Inline
	if names := parseNames(p.Author); len(names) > 0 {
		segs = append(segs, textInlines(joinNames(names, name.natural, " and ", ", and ")))
	}
	var b inlineBuilder
	original := ""
	if p.Date != "" && p.Published != "" && p.Date != p.Published && (p.Title != "" || p.Container != "") {
		original = " (" + chicagoDate(p.Date) + ")"
	}
	switch {
	case p.Container != "" && p.Title != "":
		if original == "" {
			b.text("“" + p.Title + ",” in ") // the comma goes inside the closing quote
		} else {
			b.text("“" + p.Title + "”" + original + ", in ")
		}
		b.emph(p.Container)
	case p.Title != "":
		b.emph(p.Title)
		b.text(original)
	default:
		b.emph(p.Container)
		b.text(original)
	}
	if len(b.out) > 0 {
		segs = append(segs, b.out)
	}
	if p.Translator != "" {
		if unknownTranslator(p.Translator) {
			segs = append(segs, textInlines("translator unknown"))
		} else {
			segs = append(segs, textInlines("trans. "+joinNames(parseNames(p.Translator), name.natural, " and ", ", and ")))
		}
	}
	if p.Editor != "" {
		segs = append(segs, textInlines("ed. "+joinNames(parseNames(p.Editor), name.natural, " and ", ", and ")))
	}
	year := chicagoDate(p.Published)
	if year == "" {
		year = chicagoDate(p.Date)
	}
	if facts := joinNonEmpty(", ", joinNonEmpty(": ", p.Place, p.Publisher), year); facts != "" {
		if len(segs) == 0 {
			segs = append(segs, textInlines(facts))
		} else {
			last := &segs[len(segs)-1]
			*last = append(cloneInlines(*last), &doc.Text{Text: " (" + facts + ")"})
		}
	}
	if p.Pages != "" {
		segs = append(segs, textInlines(pageRange(p.Pages)))
	}
	if p.Accessed != "" && p.URL != "" {
		segs = append(segs, textInlines("accessed "+chicagoDate(p.Accessed)))
	}
	if p.URL != "" {
		segs = append(segs, textInlines(p.URL))
	}
	var out inlineBuilder
	for i, s := range segs {
		if i > 0 {
			out.text(", ")
		}
		out.add(s...)
	}
	endSentence(&out)
	return out.out
}

// citeMLA is the MLA Handbook (9th ed.) works-cited form: author, title,
// original date, then the container elements as one sentence.
func citeMLA(p *doc.Provenance) []doc.Inline {
	var elems [][]doc.Inline
	if names := parseNames(p.Author); len(names) > 0 {
		var s string
		switch len(names) {
		case 1:
			s = names[0].inverted()
		case 2:
			s = names[0].inverted() + ", and " + names[1].natural()
		default:
			s = names[0].inverted() + ", et al"
		}
		elems = append(elems, textInlines(withStop(s)))
	}
	if p.Container != "" && p.Title != "" {
		elems = append(elems, textInlines("“"+withStop(p.Title)+"”"))
	} else if p.Title != "" {
		var t inlineBuilder
		t.emph(p.Title)
		endSentence(&t)
		elems = append(elems, t.out)
	}
	if p.Date != "" && p.Published != "" && p.Date != p.Published {
		elems = append(elems, textInlines(withStop(mlaDate(p.Date))))
	}
	var parts [][]doc.Inline
	if p.Container != "" {
		var c inlineBuilder
		c.emph(p.Container)
		parts = append(parts, c.out)
	}
	if p.Translator != "" {
		if unknownTranslator(p.Translator) {
			parts = append(parts, textInlines("translator unknown"))
		} else {
			parts = append(parts, textInlines("translated by "+joinNames(parseNames(p.Translator), name.natural, " and ", ", and ")))
		}
	}
	if p.Editor != "" {
		parts = append(parts, textInlines("edited by "+joinNames(parseNames(p.Editor), name.natural, " and ", ", and ")))
	}
	date := mlaDate(p.Published)
	if date == "" {
		date = mlaDate(p.Date)
	}
	for _, s := range []string{p.Publisher, date} {
		if s != "" {
			parts = append(parts, textInlines(s))
		}
	}
	if p.Pages != "" {
		prefix := "p. "
		if strings.ContainsAny(pageRange(p.Pages), "–,") {
			prefix = "pp. "
		}
		parts = append(parts, textInlines(prefix+pageRange(p.Pages)))
	}
	if p.URL != "" {
		parts = append(parts, textInlines(strings.TrimPrefix(strings.TrimPrefix(p.URL, "https://"), "http://")))
	}
	if len(parts) > 0 {
		var c inlineBuilder
		for i, part := range parts {
			if i == 0 {
				part = capitalizeFirst(part)
			} else {
				c.text(", ")
			}
			c.add(part...)
		}
		endSentence(&c)
		elems = append(elems, c.out)
	}
	if p.Accessed != "" {
		elems = append(elems, textInlines("Accessed "+mlaDate(p.Accessed)+"."))
	}
	return joinElements(elems)
}

// joinElements joins citation elements with spaces.
func joinElements(elems [][]doc.Inline) []doc.Inline {
	var out inlineBuilder
	for i, e := range elems {
		if i > 0 {
			out.text(" ")
		}
		out.add(e...)
	}
	return out.out
}

// citeAPA is the APA Publication Manual (7th ed.) reference-list form: a
// sequence of elements, each ending with its own punctuation.
func citeAPA(p *doc.Provenance) []doc.Inline {
	year := yearOf(p.Published)
	if year == "" {
		year = yearOf(p.Date)
	}
	if year == "" {
		year = "n.d."
	}
	var elems [][]doc.Inline
	add := func(b *inlineBuilder) {
		if len(b.out) > 0 {
			elems = append(elems, b.out)
		}
	}
	var author, date, title, container inlineBuilder
	if names := parseNames(p.Author); len(names) > 0 {
		author.text(joinNames(names, name.apa, ", & ", ", & "))
		endSentence(&author)
	}
	date.text("(" + year + ").")

	if p.Container != "" {
		title.text(p.Title)
	} else {
		title.emph(p.Title)
	}
	var roles []string
	if p.Editor != "" && p.Container == "" {
		roles = append(roles, joinNames(parseNames(p.Editor), name.initialsFirst, " & ", ", & ")+", Ed.")
	}
	if p.Translator != "" {
		if unknownTranslator(p.Translator) {
			roles = append(roles, "Translator unknown")
		} else {
			roles = append(roles, joinNames(parseNames(p.Translator), name.initialsFirst, " & ", ", & ")+", Trans.")
		}
	}
	if p.Container == "" && p.Pages != "" {
		roles = append(roles, "pp. "+pageRange(p.Pages))
	}
	if len(roles) > 0 {
		if p.Title != "" {
			title.text(" ")
		}
		title.text("(" + strings.Join(roles, "; ") + ")")
	}
	endSentence(&title)

	if p.Container != "" {
		container.text("In ")
		if p.Editor != "" {
			eds := parseNames(p.Editor)
			role := " (Ed.), "
			if len(eds) > 1 {
				role = " (Eds.), "
			}
			container.text(joinNames(eds, name.initialsFirst, " & ", ", & ") + role)
		}
		container.emph(p.Container)
		if p.Pages != "" {
			container.text(" (pp. " + pageRange(p.Pages) + ")")
		}
		container.text(".")
	}

	if author.out != nil {
		add(&author)
		add(&date)
		add(&title)
	} else {
		add(&title)
		add(&date)
	}
	add(&container)
	if p.Publisher != "" {
		elems = append(elems, textInlines(withStop(p.Publisher)))
	}
	if p.URL != "" {
		elems = append(elems, textInlines(p.URL))
	}
	if orig := yearOf(p.Date); orig != "" && orig != year && year != "n.d." {
		elems = append(elems, textInlines("(Original work published "+orig+")"))
	}
	return joinElements(elems)
}

// unknownTranslator reports whether the provenance says the translator is
// not known: "unknown", "anonymous" or "unnamed" satisfies every style and
// prints as "translator unknown".
func unknownTranslator(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "unknown", "anonymous", "unnamed", "not named":
		return true
	}
	return false
}

// typographicProvenance copies p with straight quotes, apostrophes and
// double hyphens in its words made typographic, as the Markdown text around
// the citation is ("The Workers' Opposition" -> "The Workers’ Opposition").
func typographicProvenance(p *doc.Provenance) *doc.Provenance {
	c := *p
	for _, f := range []*string{&c.Author, &c.Title, &c.Translator, &c.Editor, &c.Publisher, &c.Place, &c.Container, &c.License, &c.Note} {
		*f = typographic(*f)
	}
	return &c
}

// typographic curls straight quotes by their neighbours and turns "---"
// into an em dash and "--" into an en dash.
func typographic(s string) string {
	if !strings.ContainsAny(s, "'\"-") {
		return s
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, "---", "—"), "--", "–")
	rs := []rune(s)
	for i, r := range rs {
		var prev rune = ' '
		if i > 0 {
			prev = rs[i-1]
		}
		opening := unicode.IsSpace(prev) || strings.ContainsRune("([{—–‘“", prev)
		switch r {
		case '\'':
			if opening && i+1 < len(rs) && (unicode.IsLetter(rs[i+1]) || unicode.IsDigit(rs[i+1])) {
				rs[i] = '‘'
			} else {
				rs[i] = '’'
			}
		case '"':
			if opening {
				rs[i] = '“'
			} else {
				rs[i] = '”'
			}
		}
	}
	return string(rs)
}

// name is a person's name split for inversion, or a name kept whole.
type name struct {
	given, family string
	whole         string
}

func parseNames(s string) []name {
	var out []name
	for _, part := range strings.Split(s, ";") {
		part = strings.Join(strings.Fields(part), " ")
		if part == "" {
			continue
		}
		if family, given, ok := strings.Cut(part, ","); ok {
			family, given = strings.TrimSpace(family), strings.TrimSpace(given)
			if family != "" && given != "" {
				out = append(out, name{given: given, family: family})
				continue
			}
			part = strings.Trim(part, ", ")
		}
		words := strings.Fields(part)
		whole := len(words) < 2
		for _, w := range words[1:] {
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) && !nameParticles[w] {
				whole = true
			}
		}
		if whole {
			out = append(out, name{whole: part})
			continue
		}
		// Particles before the surname belong to it: "Simone de Beauvoir".
		split := len(words) - 1
		for split > 1 && nameParticles[words[split-1]] {
			split--
		}
		out = append(out, name{given: strings.Join(words[:split], " "), family: strings.Join(words[split:], " ")})
	}
	return out
}

// nameParticles are the lowercase words a person's name may hold; any
// other lowercase word ("of", "for") marks the name of a body, kept whole.
var nameParticles = map[string]bool{
	"de": true, "del": true, "della": true, "der": true, "den": true, "di": true, "da": true, "du": true,
	"la": true, "le": true, "van": true, "von": true, "ten": true, "ter": true, "bin": true, "ibn": true, "al": true,
}

func (n name) natural() string {
	if n.whole != "" {
		return n.whole
	}
	return n.given + " " + n.family
}

func (n name) inverted() string {
	if n.whole != "" {
		return n.whole
	}
	return n.family + ", " + n.given
}

// initials abbreviates given names: "Vladimir Ilyich" -> "V. I.", "Jean-Paul" -> "J.-P.".
func (n name) initials() string {
	var words []string
	for _, w := range strings.Fields(n.given) {
		var parts []string
		for _, h := range strings.Split(w, "-") {
			if r, _ := utf8.DecodeRuneInString(h); r != utf8.RuneError {
				if strings.HasSuffix(h, ".") && utf8.RuneCountInString(h) <= 3 {
					parts = append(parts, h)
				} else {
					parts = append(parts, string(r)+".")
				}
			}
		}
		if len(parts) > 0 {
			words = append(words, strings.Join(parts, "-"))
		}
	}
	return strings.Join(words, " ")
}

func (n name) apa() string {
	if n.whole != "" {
		return n.whole
	}
	return n.family + ", " + n.initials()
}

func (n name) initialsFirst() string {
	if n.whole != "" {
		return n.whole
	}
	return n.initials() + " " + n.family
}

// joinNames formats names with f, joining two with pair and the last of
// three or more with last.
func joinNames(names []name, f func(name) string, pair, last string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return f(names[0])
	case 2:
		return f(names[0]) + pair + f(names[1])
	}
	var sb strings.Builder
	for i, n := range names {
		switch {
		case i == len(names)-1:
			sb.WriteString(last)
		case i > 0:
			sb.WriteString(", ")
		}
		sb.WriteString(f(n))
	}
	return sb.String()
}

func textInlines(s string) []doc.Inline {
	if s == "" {
		return nil
	}
	return []doc.Inline{&doc.Text{Text: s}}
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

var pageHyphen = regexp.MustCompile(`(\d)\s*-+\s*(\d)`)

// pageRange writes page ranges with an en dash: "3-10" -> "3–10".
func pageRange(s string) string {
	return pageHyphen.ReplaceAllString(strings.TrimSpace(s), "$1–$2")
}

var leadingYear = regexp.MustCompile(`^\d{4}`)

func yearOf(date string) string {
	return leadingYear.FindString(strings.TrimSpace(date))
}

// parseDate reads "2006-01-02" or "2006-01"; ok is false for anything
// else (a bare year, "c. 1920"), which is printed as written.
func parseDate(s string) (t time.Time, monthOnly, ok bool) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, false, true
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return t, true, true
	}
	return time.Time{}, false, false
}

// chicagoDate writes "December 30, 1920" or "December 1920".
func chicagoDate(s string) string {
	t, monthOnly, ok := parseDate(s)
	switch {
	case !ok:
		return strings.TrimSpace(s)
	case monthOnly:
		return t.Format("January 2006")
	}
	return t.Format("January 2, 2006")
}

// mlaDate writes "30 Dec. 1920" or "Dec. 1920", months of more than four
// letters abbreviated as MLA asks.
func mlaDate(s string) string {
	t, monthOnly, ok := parseDate(s)
	if !ok {
		return strings.TrimSpace(s)
	}
	months := [...]string{"Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}
	if monthOnly {
		return fmt.Sprintf("%s %d", months[t.Month()-1], t.Year())
	}
	return fmt.Sprintf("%d %s %d", t.Day(), months[t.Month()-1], t.Year())
}

// endsSentence reports whether s already ends with closing punctuation.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "”’\"' ")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!")
}

// withStop ends s with a full stop unless it already ends a sentence.
func withStop(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || endsSentence(s) {
		return s
	}
	return s + "."
}

// endSentence ends inline content with a full stop unless its text already
// ends a sentence.
func endSentence(b *inlineBuilder) {
	if len(b.out) == 0 {
		return
	}
	if endsSentence(doc.PlainText(b.out)) {
		return
	}
	b.text(".")
}

// capitalizeFirst upper-cases the first letter of leading text ("translated
// by" opening a sentence).
func capitalizeFirst(in []doc.Inline) []doc.Inline {
	if len(in) == 0 {
		return in
	}
	if t, ok := in[0].(*doc.Text); ok {
		out := append([]doc.Inline{&doc.Text{Text: upperFirst(t.Text)}}, in[1:]...)
		return out
	}
	return in
}

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}
