package config

import (
	"flag"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var update = flag.Bool("update", false, "rewrite the README's settings reference and config/samizdat.yaml from the settings table")

const (
	readmeFile = "../../README.md"
	sampleFile = "../../config/samizdat.yaml"
	tableStart = "<!-- settings reference: made from internal/config/settings.go by `go test ./internal/config -update` -->\n"
	tableEnd   = "<!-- end of settings reference -->\n"
)

// The README's reference must say what the settings table says.
func TestREADMEReference(t *testing.T) {
	data, err := os.ReadFile(readmeFile)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	before, rest, found := strings.Cut(readme, tableStart)
	if !found {
		t.Fatalf("README.md has no line %q", tableStart)
	}
	current, after, found := strings.Cut(rest, tableEnd)
	if !found {
		t.Fatalf("README.md has no line %q after the reference", tableEnd)
	}
	want := ReferenceTable()
	if current == want {
		return
	}
	if *update {
		if err := os.WriteFile(readmeFile, []byte(before+tableStart+want+tableEnd+after), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's settings reference differs from the settings table; run go test ./internal/config -update\n got:\n%s\nwant:\n%s", current, want)
}

// The shipped config/samizdat.yaml is made from the table, and loads to
// exactly the built-in defaults.
func TestSampleFile(t *testing.T) {
	want := SampleFile()
	data, err := os.ReadFile(sampleFile)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != want {
		if !*update {
			t.Errorf("config/samizdat.yaml differs from the settings table; run go test ./internal/config -update")
		} else if err := os.WriteFile(sampleFile, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sample, err := Load(LoadOptions{Files: FSFiles(fstest.MapFS{DefaultConfigFile: file(want)}, ".")})
	if err != nil {
		t.Fatal(err)
	}
	defaults, err := Load(LoadOptions{Files: FSFiles(fstest.MapFS{}, ".")})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range sample.Settings() {
		if d := defaults.Settings()[i]; s.Value != d.Value {
			t.Errorf("%s: sample %q, default %q", s.Key, s.Value, d.Value)
		}
		if s.Origin == "default" {
			t.Errorf("%s is not in the sample file", s.Key)
		}
	}
	if sample.Digest() != defaults.Digest() {
		t.Error("the sample file's digest differs from the defaults'")
	}
}

// Every row of the table is complete: its default is a value it accepts
// (Load panics otherwise), it says what it does, and it binds a field no
// other row binds.
func TestTableRows(t *testing.T) {
	cfg, err := Load(LoadOptions{Files: FSFiles(fstest.MapFS{}, ".")})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, s := range table {
		if seen[s.key] {
			t.Errorf("%s is in the table twice", s.key)
		}
		seen[s.key] = true
		if s.doc == "" || s.typ.allowed() == "" || s.bind == nil {
			t.Errorf("%s: doc, allowed values or binding missing", s.key)
		}
		if sec, _, nested := strings.Cut(s.key, "."); nested && !isSection(sec) {
			t.Errorf("%s: section %q is not in sections", s.key, sec)
		}
	}
	// Each row must write a field of its own: two rows writing one field
	// would leave a setting without effect.
	owner := map[string]string{}
	for _, s := range table {
		typed, _, err := s.typ.parse(rawInput{text: alternative(s)})
		if err != nil {
			t.Errorf("%s: %v", s.key, err)
			continue
		}
		after := *cfg
		s.bind(&after, typed)
		changed := changedFields(reflect.ValueOf(*cfg), reflect.ValueOf(after), "")
		if len(changed) == 0 {
			t.Errorf("%s: binding %q left Config unchanged", s.key, alternative(s))
		}
		for _, f := range changed {
			if other, taken := owner[f]; taken {
				t.Errorf("%s and %s both write Config.%s", other, s.key, f)
			}
			owner[f] = s.key
		}
	}
}

// alternative is a value of s other than its default.
func alternative(s setting) string {
	switch typ := s.typ.(type) {
	case boolean:
		if s.def == "true" {
			return "false"
		}
		return "true"
	case integer:
		return strconv.Itoa(typ.max)
	case number:
		return strconv.FormatFloat(typ.max, 'f', -1, 64)
	case length:
		return "1pt"
	case gutter:
		return "1in"
	case trimSize:
		return "a4"
	case date:
		return "2026-01-01"
	case byteSize:
		return "3GB"
	case languageTable:
		return `{uk: {apostrophe: ʼ}}`
	case siteTable:
		return `{intro: "https://intro.quantecon.org/"}`
	case texMacros:
		return `{R: '\mathbb{R}'}`
	case pageReference:
		return "off"
	case webAddress:
		return "https://example.org/book/"
	case paper:
		return "0.0022in"
	case choice:
		return typ[len(typ)-1]
	case list:
		if typ.choices != nil {
			return typ.choices[0]
		}
		return "teacher"
	}
	return "other"
}

// changedFields names the fields of two Configs (or their nested structs)
// that differ.
func changedFields(a, b reflect.Value, prefix string) []string {
	var out []string
	for i := range a.NumField() {
		f := a.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		x, y := a.Field(i), b.Field(i)
		if x.Kind() == reflect.Struct && f.Type != reflect.TypeFor[time.Time]() {
			out = append(out, changedFields(x, y, prefix+f.Name+".")...)
			continue
		}
		if !reflect.DeepEqual(x.Interface(), y.Interface()) {
			out = append(out, prefix+f.Name)
		}
	}
	return out
}
