// Package diag holds diagnostics as values: what went wrong or looks
// wrong, where, and how badly. Every step of a build reports through it, so
// the command line, `check --json` and editors' tooling read one shape
// instead of re-parsing strings.
package diag

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Severity says whether a diagnostic stops the build.
type Severity uint8

const (
	// Error stops the build: nothing is written.
	Error Severity = iota
	// Warning is printed; --strict turns it into an error.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText writes the severity as "error" or "warning" in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads "error" or "warning".
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "error":
		*s = Error
	case "warning":
		*s = Warning
	default:
		return fmt.Errorf("unknown severity %q", b)
	}
	return nil
}

// Diagnostic is one problem. File is as the user would type it (relative to
// the working folder where possible); Line and Column are 1-based, 0 when
// unknown. Code is a short stable identifier tools can match on
// ("manifest.unknown-key"); Message is the sentence a person reads.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
}

// Location is "file:line:column", as far as it is known.
func (d Diagnostic) Location() string {
	if d.File == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(d.Line))
		if d.Column > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(d.Column))
		}
	}
	return b.String()
}

// Error is the one-line form: "file:line: message".
func (d Diagnostic) Error() string {
	if loc := d.Location(); loc != "" {
		return loc + ": " + d.Message
	}
	return d.Message
}

// String is Error, so a Diagnostic prints the same as an error or a value.
func (d Diagnostic) String() string { return d.Error() }

// Errorf makes an error diagnostic.
func Errorf(file string, line int, code, format string, args ...any) Diagnostic {
	return Diagnostic{Severity: Error, File: file, Line: line, Code: code, Message: fmt.Sprintf(format, args...)}
}

// Warnf makes a warning diagnostic.
func Warnf(file string, line int, code, format string, args ...any) Diagnostic {
	return Diagnostic{Severity: Warning, File: file, Line: line, Code: code, Message: fmt.Sprintf(format, args...)}
}

// List gathers diagnostics from any number of goroutines.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add records diagnostics.
func (l *List) Add(ds ...Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, ds...)
	l.mu.Unlock()
}

// AddError records every problem of err (an errors.Join tree, Diagnostics
// or plain errors) as error diagnostics.
func (l *List) AddError(err error) { l.Add(FromError(err)...) }

// Items returns a sorted, deduplicated copy.
func (l *List) Items() []Diagnostic {
	l.mu.Lock()
	defer l.mu.Unlock()
	return Normalize(slices.Clone(l.items))
}

// HasErrors reports whether any error was recorded.
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.ContainsFunc(l.items, func(d Diagnostic) bool { return d.Severity == Error })
}

// Err joins the error diagnostics into one error, nil when there are none.
func (l *List) Err() error {
	var errs []error
	for _, d := range l.Items() {
		if d.Severity == Error {
			errs = append(errs, d)
		}
	}
	return errors.Join(errs...)
}

// FromError splits err (nested errors.Join included) into diagnostics. A
// problem that is not a Diagnostic becomes an error diagnostic with its text
// as the message.
func FromError(err error) []Diagnostic {
	if err == nil {
		return nil
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var out []Diagnostic
		for _, e := range joined.Unwrap() {
			out = append(out, FromError(e)...)
		}
		return out
	}
	var d Diagnostic
	if errors.As(err, &d) {
		// A wrapped diagnostic keeps its place; the wrapping text is
		// context the message already carries or does not need.
		return []Diagnostic{d}
	}
	return []Diagnostic{{Severity: Error, Message: err.Error()}}
}

// Compare orders diagnostics by file, line, column, then errors before
// warnings, then code and message, so output does not depend on the order
// in which goroutines finished.
func Compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.Severity, b.Severity),
		cmp.Compare(a.Code, b.Code),
		cmp.Compare(a.Message, b.Message),
	)
}

// Normalize sorts ds and drops exact repeats (the same problem found by
// several editions, or by two steps).
func Normalize(ds []Diagnostic) []Diagnostic {
	slices.SortFunc(ds, Compare)
	return slices.Compact(ds)
}

// Counts returns how many errors and warnings ds holds.
func Counts(ds []Diagnostic) (errs, warns int) {
	for _, d := range ds {
		if d.Severity == Error {
			errs++
		} else {
			warns++
		}
	}
	return errs, warns
}

// StrictNote ends the message of a warning Strict made an error, so the
// reader knows why a warning stops the build.
const StrictNote = " (strict: warnings are errors)"

// Strict turns every warning into an error, for --strict.
func Strict(ds []Diagnostic) []Diagnostic {
	out := slices.Clone(ds)
	for i := range out {
		if out[i].Severity == Warning {
			out[i].Severity = Error
			out[i].Message += StrictNote
		}
	}
	return out
}

// Run is the diagnostics of one of several runs over the same input, such
// as the editions of a book.
type Run struct {
	Name        string
	Diagnostics []Diagnostic
}

// Found is a diagnostic with the runs that found it; Runs is empty when
// every run did, which is the common case and needs no saying.
type Found struct {
	Diagnostic
	Runs []string `json:"editions,omitempty"`
}

// Error is the diagnostic's line, naming the runs when not all found it.
func (f Found) Error() string {
	if len(f.Runs) == 0 {
		return f.Diagnostic.Error()
	}
	return f.Diagnostic.Error() + " (" + strings.Join(f.Runs, ", ") + ")"
}

// String is Error, so a Found prints the same as an error or a value.
func (f Found) String() string { return f.Error() }

// Merge gives each problem of several runs once, sorted, with the runs
// that found it named when not all did. Runs are named in the order given.
func Merge(runs []Run) []Found {
	where := map[Diagnostic][]string{}
	var all []Diagnostic
	for _, r := range runs {
		for _, d := range Normalize(slices.Clone(r.Diagnostics)) {
			if _, ok := where[d]; !ok {
				all = append(all, d)
			}
			where[d] = append(where[d], r.Name)
		}
	}
	slices.SortFunc(all, Compare)
	out := make([]Found, len(all))
	for i, d := range all {
		out[i].Diagnostic = d
		if names := where[d]; len(names) < len(runs) {
			out[i].Runs = names
		}
	}
	return out
}

// JSON is the shape `check --json` prints.
func JSON(ds []Diagnostic) ([]byte, error) {
	if ds == nil {
		ds = []Diagnostic{}
	}
	return json.MarshalIndent(struct {
		Diagnostics []Diagnostic `json:"diagnostics"`
	}{ds}, "", "  ")
}
