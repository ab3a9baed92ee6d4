package lang

import (
	"fmt"
	"strings"
	"testing"
)

func TestScriptOf(t *testing.T) {
	cases := []struct {
		r    rune
		want Script
	}{
		{'a', Latin}, {'Z', Latin}, {'é', Latin}, {'ß', Latin}, {'ł', Latin},
		{'1', Common}, {' ', Common}, {'.', Common}, {'«', Common}, {'\u202F', Common}, {'—', Common},
		{'\u0301', Inherited}, // combining acute
		{'ж', Cyrillic}, {'ї', Cyrillic}, {'ё', Cyrillic},
		{'λ', Greek}, {'ἐ', Greek}, {'ῷ', Greek},
		{'Ա', Armenian}, {'ա', Armenian},
		{'ქ', Georgian},
		{'א', Hebrew}, {'ש', Hebrew},
		{'ع', Arabic}, {'ب', Arabic},
		{'ܐ', Syriac},
		{'क', Devanagari},
		{'ก', Thai},
		{'中', Han}, {'國', Han},
		{'あ', Hiragana}, {'カ', Katakana},
		{'한', Hangul},
		{'ㄅ', Bopomofo},
		{'ሀ', Ethiopic},
		{'𓀀', Unknown}, // Egyptian hieroglyph
		{'😀', Common},  // emoji are Common
	}
	for _, c := range cases {
		if got := ScriptOf(c.r); got != c.want {
			t.Errorf("ScriptOf(%q) = %s, want %s", c.r, got, c.want)
		}
	}
}

func TestScriptProperties(t *testing.T) {
	if Hebrew.Direction() != RTL || Arabic.Direction() != RTL || Latin.Direction() != LTR || Common.Direction() != LTR {
		t.Error("directions wrong")
	}
	if RTL.String() != "rtl" || LTR.String() != "ltr" {
		t.Error("direction names wrong")
	}
	if Script(200).Code() != "Zzzz" || Han.Code() != "Hani" || Cyrillic.String() != "Cyrl" {
		t.Error("codes wrong")
	}
	if Common.Strong() || Inherited.Strong() || !Latin.Strong() || !Unknown.Strong() {
		t.Error("strength wrong")
	}
}

// runs renders Runs as "Script:text|…" for readable expectations.
func runs(text string) string {
	var parts []string
	for _, r := range Runs(text) {
		parts = append(parts, fmt.Sprintf("%s:%s", r.Script, text[r.Start:r.End]))
	}
	return strings.Join(parts, "|")
}

func TestRuns(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"123 …", "Zyyy:123 …"},
		{"Hello, world.", "Latn:Hello, world."},
		{"«Ленин», said he.", "Cyrl:«Ленин», |Latn:said he."},
		{"(1921) Коллонтай", "Cyrl:(1921) Коллонтай"},
		{"Greek ἐλευθερία and Hebrew שלום.", "Latn:Greek |Grek:ἐλευθερία |Latn:and Hebrew |Hebr:שלום."},
		{"日本語のテキスト", "Hani:日本語|Hira:の|Kana:テキスト"},
		{"Ա՛ 😀 x", "Armn:Ա՛ 😀 |Latn:x"},
		{"e\u0301te\u0301", "Latn:e\u0301te\u0301"},
	}
	for _, c := range cases {
		if got := runs(c.in); got != c.want {
			t.Errorf("Runs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMainScript(t *testing.T) {
	cases := []struct {
		in   string
		want Script
	}{
		{"", Common},
		{"1921.", Common},
		{"Рабочая оппозиция (Workers)", Cyrillic},
		{"The Greek word ἐλευθερία", Latin},
		{"ab вг", Latin}, // a tie goes to the first
		{"東京は日本の首都", Han},
	}
	for _, c := range cases {
		if got := MainScript(c.in); got != c.want {
			t.Errorf("MainScript(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func BenchmarkRuns(b *testing.B) {
	text := strings.Repeat("The Workers’ Opposition («Рабочая оппозиция») of 1921, ἐλευθερία. ", 20)
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		Runs(text)
	}
}
