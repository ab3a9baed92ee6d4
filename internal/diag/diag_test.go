package diag

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestErrorForms(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Errorf("book/manifest.yaml", 12, "manifest.unknown-key", "unknown key %q", "titel"), `book/manifest.yaml:12: unknown key "titel"`},
		{Diagnostic{File: "a.md", Line: 3, Column: 7, Message: "m"}, "a.md:3:7: m"},
		{Diagnostic{File: "a.md", Column: 7, Message: "m"}, "a.md: m"},
		{Diagnostic{Message: "no place"}, "no place"},
	}
	for _, tt := range tests {
		if got := tt.d.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestFromErrorKeepsDiagnosticsThroughJoinsAndWraps(t *testing.T) {
	a := Errorf("a.md", 1, "x", "first")
	b := Warnf("b.md", 2, "y", "second")
	err := errors.Join(fmt.Errorf("context: %w", a), errors.Join(b, errors.New("plain")))
	got := FromError(err)
	if len(got) != 3 || got[0] != a || got[1] != b || got[2].Message != "plain" || got[2].Severity != Error {
		t.Fatalf("FromError = %#v", got)
	}
	if FromError(nil) != nil {
		t.Fatal("FromError(nil) is not nil")
	}
}

func TestNormalizeSortsAndDeduplicates(t *testing.T) {
	ds := []Diagnostic{
		Warnf("b.md", 1, "w", "late file"),
		Errorf("a.md", 9, "e", "nine"),
		Warnf("a.md", 2, "w", "two"),
		Errorf("a.md", 9, "e", "nine"), // the same, from another edition
		Errorf("a.md", 2, "e", "two as error"),
	}
	var got []string
	for _, d := range Normalize(ds) {
		got = append(got, d.Severity.String()+" "+d.Error())
	}
	want := []string{
		"error a.md:2: two as error",
		"warning a.md:2: two",
		"error a.md:9: nine",
		"warning b.md:1: late file",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestListConcurrentAndErr(t *testing.T) {
	var l List
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l.Add(Warnf("c.md", i, "w", "w%d", i))
		}()
	}
	wg.Wait()
	if l.HasErrors() || l.Err() != nil {
		t.Fatal("warnings only, yet errors reported")
	}
	l.AddError(errors.Join(Errorf("c.md", 1, "e", "bad"), errors.New("worse")))
	if !l.HasErrors() {
		t.Fatal("HasErrors false after AddError")
	}
	if got := len(FromError(l.Err())); got != 2 {
		t.Fatalf("Err holds %d problems, want 2", got)
	}
	if e, w := Counts(l.Items()); e != 2 || w != 50 {
		t.Fatalf("Counts = %d, %d", e, w)
	}
}

func TestJSONShape(t *testing.T) {
	b, err := JSON(nil)
	if err != nil || !strings.Contains(string(b), `"diagnostics": []`) {
		t.Fatalf("JSON(nil) = %s, %v", b, err)
	}
	b, _ = JSON([]Diagnostic{Warnf("a.md", 4, "image.no-alt", "image has no alt text")})
	for _, want := range []string{`"severity": "warning"`, `"file": "a.md"`, `"line": 4`, `"column": 0`, `"code": "image.no-alt"`, `"message": "image has no alt text"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s:\n%s", want, b)
		}
	}
}

func TestStrictMakesErrors(t *testing.T) {
	ds := Strict([]Diagnostic{Warnf("a", 1, "w", "x")})
	if ds[0].Severity != Error {
		t.Fatal("Strict kept a warning")
	}
}

func TestStrictNotesWhy(t *testing.T) {
	ds := Strict([]Diagnostic{Warnf("a.md", 1, "w", "x"), Errorf("a.md", 2, "e", "y")})
	if ds[0].Message != "x"+StrictNote || ds[1].Message != "y" {
		t.Fatalf("Strict = %q", ds)
	}
}

func TestMergeEachProblemOnce(t *testing.T) {
	both := Warnf("a.md", 3, "link.dangling", "link to nowhere")
	onlyTeacher := Errorf("a.md", 1, "annotation.quote-missing", "quote not found")
	runs := []Run{
		{Name: "reader", Diagnostics: []Diagnostic{both, both}},
		{Name: "teacher", Diagnostics: []Diagnostic{both, onlyTeacher}},
	}
	var got []string
	for _, f := range Merge(runs) {
		got = append(got, fmt.Sprintf("%s %s", f.Severity, f))
	}
	want := []string{
		"error a.md:1: quote not found (teacher)",
		"warning a.md:3: link to nowhere",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("Merge:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if Merge(nil) == nil || len(Merge(nil)) != 0 {
		t.Error("Merge(nil) should be empty, not nil")
	}
}

func TestMergeIsDeterministic(t *testing.T) {
	var ds []Diagnostic
	for i := range 40 {
		ds = append(ds, Warnf(fmt.Sprintf("f%d.md", i%7), i%5, "c", "m%d", i%3))
	}
	first := fmt.Sprint(Merge([]Run{{Name: "a", Diagnostics: ds}}))
	for range 20 {
		shuffled := slices.Clone(ds)
		rand.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := fmt.Sprint(Merge([]Run{{Name: "a", Diagnostics: shuffled}})); got != first {
			t.Fatalf("order depends on input order:\n%s\n%s", got, first)
		}
	}
}
