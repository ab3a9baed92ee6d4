package lang

import (
	"strings"
	"testing"
)

// marks renders a language's first two quotation levels as "“…” ‘…’".
func marks(r Rules) string {
	a, b := r.pair(0), r.pair(1)
	return a.Open + "…" + a.Close + " " + b.Open + "…" + b.Close
}

func TestDefault(t *testing.T) {
	cases := []struct{ tag, quotes, guillemet string }{
		{"en", "“…” ‘…’", ""},
		{"en-GB", "“…” ‘…’", ""},
		{"fr", "«…» “…”", NarrowNoBreakSpace},
		{"fr-CA", "«…» “…”", NarrowNoBreakSpace},
		{"de", "„…“ ‚…‘", ""},
		{"de-AT", "„…“ ‚…‘", ""},
		{"de-CH", "«…» ‹…›", ""},
		{"ru", "«…» „…“", ""},
		{"uk", "«…» „…“", ""},
		{"es", "«…» “…”", ""},
		{"es-MX", "«…» “…”", ""},
		{"it", "«…» “…”", ""},
		{"pt", "«…» “…”", ""},
		{"pt-PT", "«…» “…”", ""},
		{"pt-BR", "“…” ‘…’", ""},
		{"pl", "„…” «…»", ""},
		{"cs", "„…“ ‚…‘", ""},
		{"nl", "“…” ‘…’", ""},
		{"sv", "”…” ’…’", ""},
		{"el", "«…» “…”", ""},
		{"el-polyton", "«…» “…”", ""},
		{"ja", "「…」 『…』", ""},
		{"zh-TW", "「…」 『…』", ""},
		{"zh-Hant", "「…」 『…』", ""},
		{"zh", "“…” ‘…’", ""},
		{"la", "“…” ‘…’", ""}, // no conventions of its own
		{"not a tag", "“…” ‘…’", ""},
	}
	for _, c := range cases {
		r := Default(c.tag)
		if got := marks(r); got != c.quotes || r.GuillemetSpace != c.guillemet || r.Apostrophe != "’" {
			t.Errorf("Default(%s) = %s %q %q; want %s %q ’", c.tag, got, r.GuillemetSpace, r.Apostrophe, c.quotes, c.guillemet)
		}
		if strings.HasPrefix(c.tag, "fr") != (len(r.SpaceBefore) > 0) {
			t.Errorf("Default(%s): SpaceBefore %v", c.tag, r.SpaceBefore)
		}
	}
	fr := Default("fr")
	for mark, want := range map[rune]string{':': NoBreakSpace, ';': NarrowNoBreakSpace, '!': NarrowNoBreakSpace, '?': NarrowNoBreakSpace} {
		if fr.SpaceBefore[mark] != want {
			t.Errorf("French space before %q = %q, want %q", mark, fr.SpaceBefore[mark], want)
		}
	}
	// Each call gets its own copy: changing one changes no other.
	fr.SpaceBefore[':'] = ""
	fr.Quotes[0] = QuotePair{"x", "y"}
	if again := Default("fr"); again.SpaceBefore[':'] != NoBreakSpace || again.Quotes[0].Open != "«" {
		t.Error("Default returned shared tables")
	}
}

func TestDeepNesting(t *testing.T) {
	es := Default("es")
	var got []string
	for level := 0; level < 6; level++ {
		got = append(got, es.pair(level).Open)
	}
	// Spanish has three levels; deeper ones alternate the last two.
	if strings.Join(got, "") != "«“‘“‘“" {
		t.Errorf("Spanish levels = %q", strings.Join(got, ""))
	}
	en := Default("en")
	got = got[:0]
	for level := 0; level < 4; level++ {
		got = append(got, en.pair(level).Open)
	}
	if strings.Join(got, "") != "“‘“‘" {
		t.Errorf("English levels = %q", strings.Join(got, ""))
	}
	if p := (Rules{Quotes: []QuotePair{{"»", "«"}}}).pair(3); p.Open != "»" {
		t.Errorf("a single pair serves every level, got %v", p)
	}
}

func TestConventions(t *testing.T) {
	c, err := NewConventions(map[string]Override{
		// British house style: single quotes outside.
		"en-GB": {Quotes: []string{"‘ ’", "“ ”"}},
		// No space before the colon, a full one inside guillemets.
		"FR": {GuillemetSpace: "nbsp", SpaceBefore: map[string]string{":": "none", "%": "nbsp"}},
		"uk": {Apostrophe: "ʼ"},
	})
	if err == nil {
		t.Fatal("% is not a mark a space is set before: want an error")
	}
	if got := err.Error(); got != `FR.space_before: "%" is not one of : ; ! ?` {
		t.Fatalf("err = %q", got)
	}
	c, err = NewConventions(map[string]Override{
		"en-GB": {Quotes: []string{"‘ ’", "“ ”"}},
		"FR":    {GuillemetSpace: "nbsp", SpaceBefore: map[string]string{":": "none"}},
		"uk":    {Apostrophe: "ʼ"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := marks(c.For("en-GB")); got != "‘…’ “…”" {
		t.Errorf("en-GB = %s", got)
	}
	if got := marks(c.For("en-US")); got != "“…” ‘…’" {
		t.Errorf("en-US = %s, an override of en-GB must not reach it", got)
	}
	for _, tag := range []string{"fr", "fr-CA"} {
		fr := c.For(tag)
		if fr.GuillemetSpace != NoBreakSpace {
			t.Errorf("%s guillemet space %q", tag, fr.GuillemetSpace)
		}
		if _, ok := fr.SpaceBefore[':']; ok || fr.SpaceBefore['?'] != NarrowNoBreakSpace {
			t.Errorf("%s space before = %q", tag, fr.SpaceBefore)
		}
	}
	if c.For("uk").Apostrophe != "ʼ" || marks(c.For("uk")) != "«…» „…“" {
		t.Errorf("uk = %+v", c.For("uk"))
	}
	if Default("fr").GuillemetSpace != NarrowNoBreakSpace {
		t.Error("an override changed the defaults")
	}
	var none *Conventions
	if marks(none.For("de")) != "„…“ ‚…‘" {
		t.Error("nil Conventions should give the defaults")
	}
}

func TestConventionsErrors(t *testing.T) {
	_, err := NewConventions(map[string]Override{
		"english": {},
		"fr": {
			Quotes:         []string{"«»", "“ ”", "<< >>"},
			Apostrophe:     "''",
			GuillemetSpace: "thin",
			SpaceBefore:    map[string]string{"?": "em", "x": "nbsp"},
		},
	})
	want := strings.Join([]string{
		`"english" is not a BCP 47 language tag (like en, fr-CA, el-polyton, zh-Hant)`,
		`fr.quotes[0]: "«»" should be an opening and a closing mark separated by a space, like "« »"`,
		`fr.quotes[2]: "<< >>" should be an opening and a closing mark separated by a space, like "« »"`,
		`fr.apostrophe: "''" should be one character`,
		`fr.guillemet_space: unknown space "thin" (want none, nbsp or narrow-nbsp)`,
		`fr.space_before "?": unknown space "em" (want none, nbsp or narrow-nbsp)`,
		`fr.space_before: "x" is not one of : ; ! ?`,
	}, "\n")
	if err == nil || err.Error() != want {
		t.Errorf("err =\n%v\nwant\n%s", err, want)
	}
}
