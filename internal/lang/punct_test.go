package lang

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// show makes the no-break spaces visible: ⍽ for U+00A0, ˌ for U+202F.
func show(s string) string {
	return strings.NewReplacer(NoBreakSpace, "⍽", NarrowNoBreakSpace, "ˌ").Replace(s)
}

func TestApply(t *testing.T) {
	cases := []struct{ tag, in, want string }{
		// English: double outside, single inside; apostrophes.
		{"en", `"Hello," she said.`, `“Hello,” she said.`},
		{"en", `"It's 'hers'," he said.`, `“It’s ‘hers’,” he said.`},
		{"en", `the workers' opposition`, `the workers’ opposition`},
		{"en", `in the '90s`, `in the ’90s`},
		// The marks follow the nesting depth, not the straight mark typed.
		{"en", `'Scare quotes' at the top`, `“Scare quotes” at the top`},
		{"en", `(“already curly”) and "straight"`, `(“already curly”) and “straight”`},
		{"en", `He said: "she wrote 'he said "no" twice' once."`, `He said: “she wrote ‘he said “no” twice’ once.”`},
		{"en", `5 o'clock, rock'n'roll`, `5 o’clock, rock’n’roll`},
		{"en", `— "dash"`, `— “dash”`},
		{"en", `["bracket"]`, `[“bracket”]`},
		// French: guillemets with thin no-break spaces inside, “ ” inside them,
		// a no-break space before : and a thin one before ; ! ?
		{"fr", `"Bonjour", dit-il.`, `«ˌBonjourˌ», dit-il.`},
		{"fr", `Il a dit : "non" ; puis "oui" !`, `Il a dit⍽: «ˌnonˌ»ˌ; puis «ˌouiˌ»ˌ!`},
		{"fr", `"Il m'a dit : 'viens' ?"`, `«ˌIl m’a dit⍽: “viens”ˌ?ˌ»`},
		{"fr", `Quoi?! Vraiment?`, `Quoiˌ?! Vraimentˌ?`},
		{"fr", `" Bonjour "`, `«ˌBonjourˌ»`},
		{"fr", `« Déjà typographiés »`, `«ˌDéjà typographiésˌ»`},
		{"fr", `«Collés»`, `«ˌCollésˌ»`},
		{"fr", `L'heure : 10:30, voir https://example.org ; fin.`, `L’heure⍽: 10:30, voir https://example.orgˌ; fin.`},
		{"fr", "Espace insécable déjà là\u00a0?", `Espace insécable déjà làˌ?`},
		{"fr", `(?) et ;-)`, `(?) et ;-)`},
		{"fr", `l'« Internationale »`, `l’«ˌInternationaleˌ»`},
		// German: „ “ outside, ‚ ‘ inside; no spacing.
		{"de", `Er sagte: "Das ist 'gut'."`, `Er sagte: „Das ist ‚gut‘.“`},
		{"de", `Bismarck's Politik`, `Bismarck’s Politik`},
		{"de-CH", `Er sagte: "Das ist 'gut'."`, `Er sagte: «Das ist ‹gut›.»`},
		// Russian and Ukrainian: « » outside, „ “ inside.
		{"ru", `Он сказал: "Это 'Рабочая оппозиция'".`, `Он сказал: «Это „Рабочая оппозиция“».`},
		{"uk", `"Слово 'м'ясо'"`, `«Слово „м’ясо“»`},
		// Spanish, Italian, Portuguese: « » outside, “ ” inside.
		{"es", `Dijo: "no 'quiero' 'ir'"`, `Dijo: «no “quiero” “ir”»`},
		{"it", `"L'Italia"`, `«L’Italia»`},
		{"pt", `"A 'revolução'"`, `«A “revolução”»`},
		{"pt-BR", `"A 'revolução'"`, `“A ‘revolução’”`},
		// Others.
		{"pl", `"Rząd 'robotników'"`, `„Rząd «robotników»”`},
		{"sv", `"Frihet"`, `”Frihet”`},
		{"el", `"Ελευθερία"`, `«Ελευθερία»`},
		{"ja", `"東京"`, `「東京」`},
		// Nothing to do.
		{"fr", ``, ``},
		{"en", `plain text`, `plain text`},
	}
	for _, c := range cases {
		var ctx Context
		got := Default(c.tag).Apply(c.in, &ctx)
		if show(got) != c.want {
			t.Errorf("%s: Apply(%q)\n got %s\nwant %s", c.tag, c.in, show(got), c.want)
		}
		// Applying twice changes nothing more.
		var again Context
		if twice := Default(c.tag).Apply(got, &again); twice != got {
			t.Errorf("%s: Apply is not idempotent on %q: %s", c.tag, show(got), show(twice))
		}
	}
}

// A paragraph split into runs by inline formatting is set as one text.
func TestApplyAcrossRuns(t *testing.T) {
	cases := []struct {
		tag  string
		runs []string // runs starting with = are verbatim (code), without the =
		want string
	}{
		{"en", []string{`"`, `emphasis`, `" and 'more`, `'`}, `“emphasis” and “more”`},
		{"en", []string{`"a `, `'b`, `'"`}, `“a ‘b’”`},
		{"en", []string{`the workers`, `' `, `opposition`}, `the workers’ opposition`},
		{"fr", []string{`Vraiment `, `ça`, `?`}, `Vraiment çaˌ?`},
		{"fr", []string{`Vraiment `, `ça`, ` ?`}, `Vraiment çaˌ?`},
		{"fr", []string{`"`, `mot`, `"`}, `«ˌmotˌ»`},
		{"fr", []string{`«`, ` mot »`}, `«ˌmotˌ»`},
		{"fr", []string{`voir `, `=a:b`, ` : ici`}, `voir a:b⍽: ici`},
		{"en", []string{`call `, `=f("x")`, ` with "quoted"`}, `call f("x") with “quoted”`},
		{"en", []string{`"`, `=code`, `"`}, `“code”`},
	}
	for _, c := range cases {
		r := Default(c.tag)
		var ctx Context
		var sb strings.Builder
		for _, run := range c.runs {
			if code, ok := strings.CutPrefix(run, "="); ok {
				ctx.Verbatim(code)
				sb.WriteString(code)
				continue
			}
			sb.WriteString(r.Apply(run, &ctx))
		}
		if got := show(sb.String()); got != c.want {
			t.Errorf("%s %q:\n got %s\nwant %s", c.tag, c.runs, got, c.want)
		}
	}
}

func TestQuoteAndSpaceAlone(t *testing.T) {
	fr := Default("fr")
	var c Context
	if got := fr.Quote(`"Quoi ?"`, &c); got != `«Quoi ?»` {
		t.Errorf("Quote = %s", show(got))
	}
	c = Context{}
	if got := show(fr.Space(`«Quoi ?» dit-il : "non"`, &c)); got != `«ˌQuoiˌ?ˌ» dit-il⍽: "non"` {
		t.Errorf("Space = %s", show(got))
	}
	c = Context{}
	en := Default("en")
	if got := en.Space(`What? Yes: no!`, &c); got != `What? Yes: no!` {
		t.Errorf("English Space changed %s", show(got))
	}
}

func BenchmarkApply(b *testing.B) {
	text := strings.Repeat(`"La Commune", dit-il : "c'est 'notre' histoire !" `, 10)
	fr := Default("fr")
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		var c Context
		fr.Apply(text, &c)
	}
}

// FuzzApply: whatever the text, Apply must not panic, must keep every
// character other than the straight marks and the spaces it manages, and
// must be idempotent.
func FuzzApply(f *testing.F) {
	f.Add("fr", `"Bonjour" : 'oui' ?`)
	f.Add("en", `It's "the '90s"`)
	f.Add("de", "\"\xff'")
	f.Fuzz(func(t *testing.T, tag, text string) {
		r := Default(tag)
		var c Context
		out := r.Apply(text, &c)
		if !utf8.ValidString(text) {
			return // the document tree holds valid UTF-8; Apply must only not panic
		}
		var again Context
		if twice := r.Apply(out, &again); twice != out {
			t.Fatalf("Apply(%q) = %q, applied again %q", text, out, twice)
		}
		keep := func(s string) string {
			return strings.Map(func(r rune) rune {
				switch r {
				case '"', '\'', ' ', '\u00a0', '\u202f', '“', '”', '‘', '’', '«', '»', '„', '‚', '‹', '›', '「', '」', '『', '』':
					return -1
				}
				if r < ' ' || r == 0x85 || r >= 0x2000 && r <= 0x200a || r == 0x2028 || r == 0x2029 || r == 0x205f || r == 0x3000 || r == 0x1680 {
					return -1 // other spaces: Space may drop them before a mark
				}
				return r
			}, s)
		}
		if keep(out) != keep(text) {
			t.Fatalf("Apply(%q) = %q lost or changed characters", text, out)
		}
	})
}
