package lang

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// The no-break spaces typographic rules set.
const (
	NoBreakSpace       = "\u00A0" // a word space that does not break
	NarrowNoBreakSpace = "\u202F" // a thin one, as French sets before ; ! ?
)

// QuotePair is one level's quotation marks.
type QuotePair struct {
	Open, Close string
}

// Rules are one language's typographic conventions for punctuation.
type Rules struct {
	// Quotes are the quotation marks by nesting level, outermost first. A
	// quotation nested deeper than the list uses the last two pairs in
	// turn (or the only one).
	Quotes []QuotePair
	// Apostrophe replaces a straight ' that is no quotation mark (it's,
	// l'homme, the workers' opposition, the '90s).
	Apostrophe string
	// GuillemetSpace is set after « and before » (and inside ‹ ›); ""
	// sets none.
	GuillemetSpace string
	// SpaceBefore maps a punctuation mark to the no-break space set before
	// it; a mark not in the map gets none.
	SpaceBefore map[rune]string
}

func (r Rules) clone() Rules {
	r.Quotes = slices.Clone(r.Quotes)
	r.SpaceBefore = maps.Clone(r.SpaceBefore)
	return r
}

// Pair is the quotation marks of a quotation nested level deep (0 for
// the outermost), as Quote sets them.
func (r Rules) Pair(level int) QuotePair { return r.pair(level) }

func (r Rules) pair(level int) QuotePair {
	n := len(r.Quotes)
	switch {
	case n == 0:
		return QuotePair{"\"", "\""}
	case level < n:
		return r.Quotes[level]
	case n == 1:
		return r.Quotes[0]
	}
	return r.Quotes[n-2+(level-(n-2))%2]
}

var (
	english = []QuotePair{{"“", "”"}, {"‘", "’"}}
	german  = []QuotePair{{"„", "“"}, {"‚", "‘"}}
	russian = []QuotePair{{"«", "»"}, {"„", "“"}}
	romance = []QuotePair{{"«", "»"}, {"“", "”"}}
	cjk     = []QuotePair{{"「", "」"}, {"『", "』"}}

	// French sets a no-break space before the high punctuation marks: a
	// word space before the colon, a thin one before ; ! ? (the
	// Imprimerie nationale's rule), and a thin one inside guillemets.
	frenchSpaces = map[rune]string{':': NoBreakSpace, ';': NarrowNoBreakSpace, '!': NarrowNoBreakSpace, '?': NarrowNoBreakSpace}
)

// defaults holds the conventions samizdat starts from, by tag; a tag not
// listed falls back as candidates says, then to English's marks.
var defaults = map[string]Rules{
	"en":      {Quotes: english},
	"fr":      {Quotes: romance, GuillemetSpace: NarrowNoBreakSpace, SpaceBefore: frenchSpaces},
	"de":      {Quotes: german},
	"de-CH":   {Quotes: []QuotePair{{"«", "»"}, {"‹", "›"}}},
	"cs":      {Quotes: german},
	"ru":      {Quotes: russian},
	"uk":      {Quotes: russian},
	"es":      {Quotes: []QuotePair{{"«", "»"}, {"“", "”"}, {"‘", "’"}}},
	"it":      {Quotes: romance},
	"pt":      {Quotes: romance},
	"pt-BR":   {Quotes: english},
	"el":      {Quotes: romance},
	"pl":      {Quotes: []QuotePair{{"„", "”"}, {"«", "»"}}},
	"nl":      {Quotes: english},
	"sv":      {Quotes: []QuotePair{{"”", "”"}, {"’", "’"}}},
	"ja":      {Quotes: cjk},
	"zh-Hant": {Quotes: cjk},
	"zh-Hans": {Quotes: english},
}

// Default returns samizdat's built-in conventions for a tag, with the
// fallback candidates gives (fr-CA → fr, zh-TW → zh-Hant); a language
// with none of its own takes English's quotation marks and no spacing.
func Default(tag string) Rules {
	return lookup(defaults, tag)
}

func lookup(table map[string]Rules, tag string) Rules {
	if t, err := Parse(tag); err == nil {
		for _, k := range candidates(t) {
			if r, ok := table[k]; ok {
				return finish(r)
			}
		}
	}
	return finish(Rules{Quotes: english})
}

func finish(r Rules) Rules {
	r = r.clone()
	if r.Apostrophe == "" {
		r.Apostrophe = "’"
	}
	return r
}

// Override is a book's change to one language's conventions, as its
// configuration spells it. Empty fields keep the default.
type Override struct {
	// Quotes are the marks by nesting level, outermost first, each an
	// opening and a closing mark separated by one space: "« »".
	Quotes []string
	// Apostrophe is one character, such as ’ or ʼ.
	Apostrophe string
	// GuillemetSpace names the space inside guillemets: none, nbsp or
	// narrow-nbsp.
	GuillemetSpace string
	// SpaceBefore maps a punctuation mark to the name of the space set
	// before it (none, nbsp or narrow-nbsp).
	SpaceBefore map[string]string
}

var spaceNames = map[string]string{"none": "", "nbsp": NoBreakSpace, "narrow-nbsp": NarrowNoBreakSpace}

func space(name string) (string, error) {
	s, ok := spaceNames[name]
	if !ok {
		return "", fmt.Errorf("unknown space %q (want none, nbsp or narrow-nbsp)", name)
	}
	return s, nil
}

// apply returns r changed by o, or every problem with o.
func (o Override) apply(r Rules) (Rules, error) {
	r = r.clone()
	var errs []error
	if len(o.Quotes) > 0 {
		r.Quotes = nil
		for i, q := range o.Quotes {
			open, close, ok := strings.Cut(q, " ")
			if !ok || !isMark(open) || !isMark(close) {
				errs = append(errs, fmt.Errorf("quotes[%d]: %q should be an opening and a closing mark separated by a space, like \"« »\"", i, q))
				continue
			}
			r.Quotes = append(r.Quotes, QuotePair{open, close})
		}
	}
	if o.Apostrophe != "" {
		if !isMark(o.Apostrophe) {
			errs = append(errs, fmt.Errorf("apostrophe: %q should be one character", o.Apostrophe))
		} else {
			r.Apostrophe = o.Apostrophe
		}
	}
	if o.GuillemetSpace != "" {
		s, err := space(o.GuillemetSpace)
		if err != nil {
			errs = append(errs, fmt.Errorf("guillemet_space: %w", err))
		} else {
			r.GuillemetSpace = s
		}
	}
	for _, mark := range slices.Sorted(maps.Keys(o.SpaceBefore)) {
		m, size := utf8.DecodeRuneInString(mark)
		if size == 0 || size != len(mark) || !strings.ContainsRune(spacedMarks, m) {
			errs = append(errs, fmt.Errorf("space_before: %q is not one of %s", mark, strings.Join(strings.Split(spacedMarks, ""), " ")))
			continue
		}
		s, err := space(o.SpaceBefore[mark])
		if err != nil {
			errs = append(errs, fmt.Errorf("space_before %q: %w", mark, err))
			continue
		}
		if r.SpaceBefore == nil {
			r.SpaceBefore = map[rune]string{}
		}
		if s == "" {
			delete(r.SpaceBefore, m)
		} else {
			r.SpaceBefore[m] = s
		}
	}
	return r, errors.Join(errs...)
}

// spacedMarks are the marks a no-break space may be set before.
const spacedMarks = ":;!?"

func isMark(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	return size > 0 && size == len(s) && r != utf8.RuneError && r != ' '
}

// Conventions are a book's typographic conventions: the defaults, with
// the book's overrides per language. Read-only once made.
type Conventions struct {
	table map[string]Rules
}

// NewConventions applies a book's overrides, keyed by language tag, to the
// defaults. An override for "fr" applies to every French tag without an
// entry of its own (fr-CA, fr-BE). The error lists every problem, each
// naming its language.
func NewConventions(overrides map[string]Override) (*Conventions, error) {
	c := &Conventions{table: maps.Clone(defaults)}
	var errs []error
	for _, key := range slices.Sorted(maps.Keys(overrides)) {
		tag, err := Normalize(key)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		r, err := overrides[key].apply(lookup(c.table, tag))
		if err != nil {
			errs = append(errs, prefixed(key, err))
			continue
		}
		c.table[tag] = r
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

func prefixed(key string, err error) error {
	var out []error
	for _, e := range unjoin(err) {
		out = append(out, fmt.Errorf("%s.%w", key, e))
	}
	return errors.Join(out...)
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// For returns the conventions for a tag, with fallback (see Default). A
// nil Conventions gives the defaults.
func (c *Conventions) For(tag string) Rules {
	if c == nil {
		return Default(tag)
	}
	return lookup(c.table, tag)
}
