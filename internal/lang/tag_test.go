package lang

import (
	"slices"
	"testing"
)

func TestNormalize(t *testing.T) {
	cases := []struct{ in, want, err string }{
		{"en", "en", ""},
		{"EN_us", "en-US", ""},
		{" fr-ca ", "fr-CA", ""},
		{"zh-hant-tw", "zh-Hant-TW", ""},
		{"el-polyton", "el-polyton", ""},
		{"de-1996", "de-1996", ""},
		{"la-x-classic", "la-x-classic", ""},
		{"iw", "he", ""}, // deprecated code, canonicalised
		{"rus", "ru", ""},
		{"i-klingon", "tlh", ""},
		{"", "", "empty language tag"},
		{"xx", "", `language tag "xx": unknown subtag "xx"`},
		{"de-1234", "", `language tag "de-1234": unknown subtag "1234"`},
		{"en--US", "", `"en--US" is not a BCP 47 language tag (like en, fr-CA, el-polyton, zh-Hant)`},
		{"english", "", `"english" is not a BCP 47 language tag (like en, fr-CA, el-polyton, zh-Hant)`},
	}
	for _, c := range cases {
		got, err := Normalize(c.in)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if got != c.want || msg != c.err {
			t.Errorf("Normalize(%q) = %q, %q; want %q, %q", c.in, got, msg, c.want, c.err)
		}
	}
}

func TestBase(t *testing.T) {
	for in, want := range map[string]string{"fr-CA": "fr", "EL_polyton": "el", "und": "", "x-foo": "", "bad tag": "", "grc": "grc"} {
		if got := Base(in); got != want {
			t.Errorf("Base(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCandidates(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"pt-BR", []string{"pt-BR", "pt-Latn", "pt"}},
		{"sr-Latn-RS", []string{"sr-Latn-RS", "sr-Latn", "sr-RS", "sr"}},
		{"zh-TW", []string{"zh-TW", "zh-Hant", "zh"}},
		{"zh", []string{"zh", "zh-Hans"}},
		{"fr-CA-u-ca-gregory", []string{"fr-CA-u-ca-gregory", "fr-CA", "fr-Latn", "fr"}},
		{"und", nil},
	}
	for _, c := range cases {
		tag, err := Parse(c.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := candidates(tag); !slices.Equal(got, c.want) {
			t.Errorf("candidates(%s) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTagScriptAndDirection(t *testing.T) {
	cases := []struct {
		tag, script string
		dir         Direction
	}{
		{"en", "Latn", LTR},
		{"ru", "Cyrl", LTR},
		{"uk", "Cyrl", LTR},
		{"el-polyton", "Grek", LTR},
		{"grc", "Grek", LTR},
		{"hy", "Armn", LTR},
		{"ka", "Geor", LTR},
		{"ja", "Jpan", LTR},
		{"ko", "Kore", LTR},
		{"zh", "Hans", LTR},
		{"zh-TW", "Hant", LTR},
		{"he", "Hebr", RTL},
		{"yi", "Hebr", RTL},
		{"ar", "Arab", RTL},
		{"fa", "Arab", RTL},
		{"ur", "Arab", RTL},
		{"sr-Latn", "Latn", LTR},
		{"az-Arab", "Arab", RTL},
		{"nqo", "Nkoo", RTL},
		{"und", "Zzzz", LTR},
	}
	for _, c := range cases {
		tag, err := Parse(c.tag)
		if err != nil {
			t.Fatal(err)
		}
		if got := TagScript(tag); got != c.script {
			t.Errorf("TagScript(%s) = %s, want %s", c.tag, got, c.script)
		}
		if got := TagDirection(tag); got != c.dir {
			t.Errorf("TagDirection(%s) = %s, want %s", c.tag, got, c.dir)
		}
	}
}

func TestWrites(t *testing.T) {
	cases := []struct {
		code   string
		script Script
		want   bool
	}{
		{"Jpan", Hiragana, true},
		{"Jpan", Katakana, true},
		{"Jpan", Han, true},
		{"Jpan", Hangul, false},
		{"Kore", Hangul, true},
		{"Hans", Han, true},
		{"Hant", Bopomofo, true},
		{"Latn", Latin, true},
		{"Latn", Cyrillic, false},
		{"Grek", Greek, true},
	}
	for _, c := range cases {
		if got := Writes(c.code, c.script); got != c.want {
			t.Errorf("Writes(%s, %s) = %v, want %v", c.code, c.script, got, c.want)
		}
	}
}
