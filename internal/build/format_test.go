package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/layout"
)

// paged is a format that writes the number of pages the layout made.
type paged struct {
	name string
	mu   *sync.Mutex
	seen *[]*layout.Document
	fail error
}

func (f paged) Name() string      { return f.name }
func (f paged) Extension() string { return "." + f.name + ".txt" }
func (f paged) Prepare(*Edition)  {}

func (f paged) Render(ctx context.Context, ed *Edition, w Output) (Rendered, error) {
	if f.fail != nil {
		return Rendered{}, f.fail
	}
	laid, err := ed.Layout()
	if err != nil {
		return Rendered{}, err
	}
	f.mu.Lock()
	*f.seen = append(*f.seen, laid)
	f.mu.Unlock()
	ed.Status("writing")
	_, err = fmt.Fprintf(w, "%d pages\n", len(laid.Pages))
	return Rendered{Diagnostics: []diag.Diagnostic{diag.Warnf("a.md", 1, "test", "%s wrote", f.name)}, Pages: len(laid.Pages)}, err
}

func loadMinimal(t *testing.T) *project {
	t.Helper()
	dir := writeBook(t, map[string]string{
		"manifest.yaml": "title: Formats\nlanguage: en\nchapters:\n  - file: a.md\n",
		"a.md":          "# A\n\nText.\n",
	})
	env := Env{Stdout: io.Discard, Stderr: io.Discard, Environ: []string{fixedEpoch}, Dir: dir, Version: "test",
		Now: func() time.Time { return time.Unix(0, 0) }}
	p, err := load(context.Background(), env, Options{}, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.close)
	return p
}

// TestFormatsFromTheTable: the build writes the formats the edition names,
// each to base name plus extension, and typesets once for all of them.
func TestFormatsFromTheTable(t *testing.T) {
	t.Parallel()
	p := loadMinimal(t)
	p.cfg.Formats = []string{"one", "two"}
	var mu sync.Mutex
	var seen []*layout.Document
	table := []Format{
		paged{name: "one", mu: &mu, seen: &seen},
		paged{name: "two", mu: &mu, seen: &seen},
		paged{name: "unasked", mu: &mu, seen: &seen},
	}
	var statuses []string
	files, outs, ok := p.render(context.Background(), table, (&outputSet{}).create, func(format, msg string) {
		mu.Lock()
		statuses = append(statuses, format+": "+msg)
		mu.Unlock()
	})
	if !ok {
		t.Fatal(p.diags.Items())
	}
	defer removeTemps(files)
	if len(seen) != 2 || seen[0] != seen[1] {
		t.Fatalf("layouts seen %v; want one shared by both formats", seen)
	}
	var names []string
	for i, o := range outs {
		names = append(names, filepath.Base(o.Path))
		data, err := os.ReadFile(files[i].tmp)
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("%d pages\n", o.Pages); string(data) != want || o.Pages == 0 {
			t.Errorf("%s holds %q, reports %d pages", o.Path, data, o.Pages)
		}
	}
	if want := []string{"formats.one.txt", "formats.two.txt"}; !slices.Equal(names, want) {
		t.Errorf("outputs %v, want %v", names, want)
	}
	var messages []string
	for _, d := range p.diags.Items() {
		messages = append(messages, d.Error())
	}
	for _, w := range []string{"book/a.md:1: one wrote", "book/a.md:1: two wrote"} {
		if !slices.Contains(messages, w) {
			t.Errorf("diagnostic %q not passed on: %v", w, messages)
		}
	}
	slices.Sort(statuses)
	if !slices.Contains(statuses, "one: writing") || !strings.HasPrefix(statuses[0], "one: done: ") {
		t.Errorf("statuses %v", statuses)
	}
}

// TestFormatFailureLeavesNothing: one format failing discards every output
// and is reported once, under the format's name.
func TestFormatFailureLeavesNothing(t *testing.T) {
	t.Parallel()
	p := loadMinimal(t)
	p.cfg.Formats = []string{"good", "bad"}
	var mu sync.Mutex
	var seen []*layout.Document
	table := []Format{paged{name: "good", mu: &mu, seen: &seen}, paged{name: "bad", mu: &mu, seen: &seen, fail: errors.New("no ink")}}
	_, _, ok := p.render(context.Background(), table, (&outputSet{}).create, func(string, string) {})
	var errs []diag.Diagnostic
	for _, d := range p.diags.Items() {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		}
	}
	if ok || len(errs) != 1 || errs[0].Error() != "no ink" || errs[0].Code != "bad.write" {
		t.Fatalf("ok %v, errors %v; want one, bad.write: no ink", ok, errs)
	}
	left, _ := filepath.Glob(filepath.Join(p.env.abs(p.cfg.Out), "*"))
	if len(left) > 0 {
		t.Errorf("files left behind: %v", left)
	}
}
