package labels

import (
	"strings"
	"testing"
)

func TestFor(t *testing.T) {
	// A regional tag takes its language's words; role phrases the language
	// lacks fall back to English one by one.
	if l := For("fr-CA"); l.Contents != "Table des matières" || l.Roles["edt"] != "Édité par" || l.Roles["pbd"] != "Series editor" {
		t.Errorf("French labels: %+v", l)
	}
	if l := For("und"); l.Contents != "Contents" || l.Roles["wpr"] != "Preface by" {
		t.Errorf("fallback labels: %+v", l)
	}
	for lang, l := range byLanguage {
		if l.Contents == "" || l.Notes == "" || l.Previous == "" || l.Next == "" || l.Chapters == "" || l.Roles["edt"] == "" ||
			l.Index == "" || l.Section == "" || l.Sources == "" || l.See == "" || l.SeeAlso == "" || !strings.Contains(l.PageRef, "{page}") {
			t.Errorf("%s lacks a word the renderers need: %+v", lang, l)
		}
	}
}

// TestTheorems: every language names each of bookdown's theorem
// environments itself, not by falling back to English.
func TestTheorems(t *testing.T) {
	envs := []string{"theorem", "lemma", "corollary", "proposition", "conjecture", "definition",
		"example", "exercise", "hypothesis", "proof", "remark", "solution"}
	for lang, l := range byLanguage {
		for _, env := range envs {
			if l.Theorems[env] == "" {
				t.Errorf("%s does not name the %s environment", lang, env)
			}
		}
	}
	if w := For("de").Theorems["proof"]; w != "Beweis" {
		t.Errorf("German proof: %q", w)
	}
}
