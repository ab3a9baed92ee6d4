// Package lang knows the languages and scripts a book's text comes in: it
// parses and normalises BCP 47 tags, tells the script and direction of a
// tag or of a run of text, and holds each language's typographic
// conventions (quotation marks, apostrophe, the spaces French sets around
// punctuation), which a book's configuration may override per language.
// It knows no output format: the EPUB writer, the Markdown parser and the
// layout ask it.
package lang

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// Parse reads a BCP 47 language tag. It accepts any letter case and "_"
// for "-" (en_us), and canonicalises deprecated forms (iw → he). A
// well-formed tag with a subtag no registry knows (en-QQ) is an error, so
// a typo is reported rather than silently dropped.
func Parse(s string) (language.Tag, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return language.Und, errors.New("empty language tag")
	}
	t, err := language.Parse(strings.ReplaceAll(in, "_", "-"))
	if err != nil {
		var ve language.ValueError
		if errors.As(err, &ve) {
			return language.Und, fmt.Errorf("language tag %q: unknown subtag %q", s, ve.Subtag())
		}
		return language.Und, fmt.Errorf("%q is not a BCP 47 language tag (like en, fr-CA, el-polyton, zh-Hant)", s)
	}
	return t, nil
}

// Normalize returns a tag's canonical spelling ("EN_us" → "en-US",
// "zh-hant-tw" → "zh-Hant-TW"), the form EPUB's lang and xml:lang take.
func Normalize(s string) (string, error) {
	t, err := Parse(s)
	if err != nil {
		return "", err
	}
	return t.String(), nil
}

// Base returns a tag's language subtag ("fr-CA" → "fr"), or "" for a tag
// that does not parse or names no language.
func Base(s string) string {
	t, err := Parse(s)
	if err != nil {
		return ""
	}
	b, _, _ := t.Raw()
	if b.String() == "und" {
		return ""
	}
	return b.String()
}

// candidates lists the keys a tag falls back through when looking up
// per-language data: the canonical tag, then without variants and
// extensions, language-script, language-region, and the language alone.
// "sr-Latn-RS" → sr-Latn-RS, sr-Latn, sr-RS, sr; "pt-BR" → pt-BR, pt.
func candidates(t language.Tag) []string {
	base, script, region := t.Raw()
	if base.String() == "und" {
		return nil
	}
	var out []string
	add := func(s string) {
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	}
	add(t.String())
	b := base.String()
	hasScript := script.String() != "Zzzz"
	hasRegion := region.String() != "ZZ"
	switch {
	case hasScript && hasRegion:
		add(b + "-" + script.String() + "-" + region.String())
		add(b + "-" + script.String())
		add(b + "-" + region.String())
	case hasScript:
		add(b + "-" + script.String())
	case hasRegion:
		add(b + "-" + region.String())
	}
	if !hasScript {
		// A tag without a script falls back through its likely one, so
		// zh-TW finds zh-Hant and zh finds zh-Hans (x/text rates both
		// guesses Low, Chinese being written in two scripts).
		if s, conf := t.Script(); conf != language.No {
			add(b + "-" + s.String())
		}
	}
	add(b)
	return out
}

// TagScript returns the ISO 15924 code of the script a tag's text is
// written in: the tag's own script subtag, or the language's likely one
// ("ru" → Cyrl, "ja" → Jpan, "zh-TW" → Hant, "sr" → Cyrl). It is "Zzzz"
// when the tag names no language or its script cannot be inferred.
func TagScript(t language.Tag) string {
	if b, s, _ := t.Raw(); b.String() == "und" && s.String() == "Zzzz" {
		return "Zzzz" // x/text would guess English's
	}
	if b, s, _ := t.Raw(); s.String() == "Zzzz" {
		if code, ok := printedScript[b.String()]; ok {
			return code
		}
	}
	s, conf := t.Script()
	if conf == language.No {
		return "Zzzz"
	}
	return s.String()
}

// printedScript corrects CLDR's likely script where it is not the one a
// book prints the language in: CLDR gives Ancient Greek the Cypriot
// syllabary (grc-Cprt-CY), editions set it in Greek.
var printedScript = map[string]string{"grc": "Grek"}

// composite lists the ISO 15924 codes that stand for several scripts
// used together.
var composite = map[string][]Script{
	"Jpan": {Han, Hiragana, Katakana},
	"Kore": {Hangul, Han},
	"Hans": {Han},
	"Hant": {Han, Bopomofo},
	"Hanb": {Han, Bopomofo},
}

// Writes reports whether text in script s belongs to a tag whose script
// code is code: Hira belongs to Jpan, Hani to Hans, Latn to Latn.
func Writes(code string, s Script) bool {
	if parts, ok := composite[code]; ok {
		for _, p := range parts {
			if p == s {
				return true
			}
		}
		return false
	}
	return s.Code() == code
}

// TagDirection returns the writing direction of a tag's script: RTL for
// he, ar, fa, ur, yi…, LTR otherwise.
func TagDirection(t language.Tag) Direction {
	code := TagScript(t)
	for s := range scripts {
		if scripts[s].code == code {
			return Script(s).Direction()
		}
	}
	switch code {
	case "Adlm", "Aran", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Sogd", "Yezi":
		// Right-to-left scripts samizdat does not otherwise tell apart.
		return RTL
	}
	return LTR
}
