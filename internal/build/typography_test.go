package build

import (
	"context"
	"io"
	"math"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/samizdat-press/samizdat/internal/filetest"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/layout/pagecheck"
	"github.com/samizdat-press/samizdat/internal/testbook"
	"github.com/samizdat-press/samizdat/internal/validate"
)

// typeset loads the book in dir in an edition ("" for none) and lays it
// out.
func typeset(t testing.TB, dir, edition string) *layout.Document {
	t.Helper()
	env := Env{Stdout: io.Discard, Stderr: io.Discard, Environ: []string{fixedEpoch}, Dir: dir, Version: "test",
		Now: func() time.Time { return time.Unix(0, 0) }}
	p, err := load(context.Background(), env, Options{}, edition)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.close)
	if p.failed() {
		t.Fatal(p.diags.Err())
	}
	d, err := layout.Layout(p.book, p.faces, p.layoutOptions())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func checkTypography(t *testing.T, d *layout.Document) {
	t.Helper()
	for i, p := range pagecheck.Check(d) {
		if i == 20 {
			t.Error("…")
			break
		}
		t.Error(p)
	}
}

// TestTypography checks the make-up of the sample in every edition and of
// the short generated book: no more than two hyphenated lines in a row, no
// recto ending in a hyphen, every page but a chapter's last flush.
func TestTypography(t *testing.T) {
	t.Parallel()
	for _, ed := range []string{"", "reader", "course-packet", "teacher", "paperback", "large-print", "press"} {
		t.Run("sample/"+ed, func(t *testing.T) { checkTypography(t, typeset(t, repoRoot, ed)) })
	}
	t.Run("short", func(t *testing.T) {
		dir := t.TempDir()
		if err := testbook.Write(filepath.Join(dir, "book"), testbook.Short); err != nil {
			t.Fatal(err)
		}
		checkTypography(t, typeset(t, dir, ""))
	})
}

// TestSlowTypography checks the long generated book the same way.
func TestSlowTypography(t *testing.T) {
	validate.Slow(t)
	dir := t.TempDir()
	if err := testbook.Write(filepath.Join(dir, "book"), testbook.Long); err != nil {
		t.Fatal(err)
	}
	d := typeset(t, dir, "")
	if len(d.Pages) < 500 {
		t.Errorf("the long book has %d pages, want about 600", len(d.Pages))
	}
	checkTypography(t, d)
}

// TestEditionShown: an edition that shows its title has it on the title
// page and in the PDF's title; one that does not, only on the copyright
// page.
func TestEditionShown(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		edition, title string
		shown          bool
	}{{"teacher", "The Workers’ Opposition, 1921: An annotated reader (Teacher’s edition)", true}, {"course-packet", "The Workers’ Opposition, 1921: An annotated reader", false}} {
		env := Env{Stdout: io.Discard, Stderr: io.Discard, Environ: []string{fixedEpoch}, Dir: repoRoot, Version: "test",
			Now: func() time.Time { return time.Unix(0, 0) }}
		p, err := load(context.Background(), env, Options{}, tc.edition)
		if err != nil {
			t.Fatal(err)
		}
		defer p.close()
		m := pdfMeta(p.book.Meta)
		if got := m.Title + ": " + m.Subtitle; got != tc.title {
			t.Errorf("%s: PDF title %q, want %q", tc.edition, got, tc.title)
		}
		d, err := layout.Layout(p.book, p.faces, p.layoutOptions())
		if err != nil {
			t.Fatal(err)
		}
		var first strings.Builder
		for _, it := range d.Pages[0].Items {
			if tx, ok := it.(*layout.Text); ok {
				first.WriteString(tx.Text + " ")
			}
		}
		if got := strings.Contains(first.String(), "Teacher’s edition") || strings.Contains(first.String(), "Course packet"); got != tc.shown {
			t.Errorf("%s: edition on the title page %v, want %v: %q", tc.edition, got, tc.shown, first.String())
		}
	}
}

// TestCoverPDF: with cover.paper set (the paperback edition sets it), the
// build writes <name>-cover.pdf beside the book: one page, passing qpdf
// --check, as wide as two covers, the spine (the book's pages times the
// paper's thickness) and the bleed, and trimmed inside the bleed; the
// book's page count is even.
func TestCoverPDF(t *testing.T) {
	t.Parallel()
	eds := sampleEditions(t)
	book, coverPDF := eds.path("workers-opposition-paperback.pdf"), eds.path("workers-opposition-paperback-cover.pdf")
	if err := validate.QPDFCheck(t, coverPDF); err != nil {
		t.Error(err)
	}
	info := func(path string) string {
		cmd := exec.Command(validate.Tool(t, "pdfinfo")[0], "-box", path)
		b, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	field := func(text, name string) []float64 {
		for _, line := range strings.Split(text, "\n") {
			if rest, ok := strings.CutPrefix(line, name+":"); ok {
				var v []float64
				for _, f := range strings.Fields(rest) {
					if n, err := strconv.ParseFloat(f, 64); err == nil {
						v = append(v, n)
					}
				}
				return v
			}
		}
		t.Fatalf("no %s in\n%s", name, text)
		return nil
	}
	pages := int(field(info(book), "Pages")[0])
	if pages%2 != 0 {
		t.Errorf("the book has %d pages, not an even number", pages)
	}
	ci := info(coverPDF)
	if n := field(ci, "Pages")[0]; n != 1 {
		t.Errorf("the cover has %g pages", n)
	}
	wantW := 2*9 + 2*6*72 + float64(pages)*0.0025*72 // bleed, covers, spine
	media, trim := field(ci, "MediaBox"), field(ci, "TrimBox")
	near := func(a, b float64) bool { return math.Abs(a-b) < 0.01 }
	if !near(media[2], wantW) || !near(media[3], 9*72+18) {
		t.Errorf("MediaBox %v, want %.2f x %.2f", media, wantW, 9*72+18.0)
	}
	if !near(trim[0], 9) || !near(trim[1], 9) || !near(trim[2], wantW-9) || !near(trim[3], 9*72+9) {
		t.Errorf("TrimBox %v", trim)
	}
}

// TestEPUBCoverIsThePrintedFront: the e-book's drawn cover says what the
// printed cover's front says, the edition included when the edition shows
// it: the teacher's edition's cover differs from the course packet's, the
// reader's edition's (which shows none either) is the packet's.
func TestEPUBCoverIsThePrintedFront(t *testing.T) {
	t.Parallel()
	eds := sampleEditions(t)
	coverOf := func(edition string) string {
		png, ok := filetest.ReadZip(t, eds.path("workers-opposition-"+edition+".epub"))["EPUB/images/cover.png"]
		if !ok {
			t.Fatalf("%s: no drawn cover", edition)
		}
		return png
	}
	packet, reader, teacher := coverOf("course-packet"), coverOf("reader"), coverOf("teacher")
	if packet != reader {
		t.Error("the reader's and the course packet's covers differ, though neither shows its edition")
	}
	if teacher == packet {
		t.Error("the teacher's edition's cover does not show the edition")
	}
	page := filetest.ReadZip(t, eds.path("workers-opposition-teacher.epub"))["EPUB/xhtml/cover.xhtml"]
	if want := `alt="The Workers’ Opposition, 1921. An annotated reader. Teacher’s edition. `; !strings.Contains(page, want) {
		t.Errorf("the teacher's cover page lacks %s:\n%s", want, page)
	}
}

// TestShownWordsAreSet: the edition's title and a chapter's short title,
// printed as they are on the title page and in the running heads, have
// their language's quotation marks, as every other text has.
func TestShownWordsAreSet(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := writeFiles(dir, map[string]string{
		"manifest.yaml": "title: Pamphlets\nlanguage: en\nchapters:\n  - file: a.md\n    short_title: \"Kollontai's pamphlet\"\n  - file: b.md\n    language: fr\n    short_title: '\"Mémoires\"'\n",
		"a.md":          "# The Workers' Opposition\n\nText.\n",
		"b.md":          "# Mémoires\n\nTexte.\n",
	}); err != nil {
		t.Fatal(err)
	}
	env := Env{Stdout: io.Discard, Stderr: io.Discard, Environ: []string{fixedEpoch}, Dir: dir, Version: "test",
		Now: func() time.Time { return time.Unix(0, 0) }}
	opts := Options{Flags: map[string]string{"edition_title": "Teacher's edition", "show_edition_title": "true"},
		FlagOrigins: map[string]string{"edition_title": "flag --set", "show_edition_title": "flag --set"}}
	p, err := load(context.Background(), env, opts, "")
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	if p.failed() {
		t.Fatal(p.diags.Err())
	}
	if got := p.layoutOptions().EditionTitle; got != "Teacher’s edition" {
		t.Errorf("edition title %q", got)
	}
	if got := pdfMeta(p.book.Meta).Title; got != "Pamphlets (Teacher’s edition)" {
		t.Errorf("PDF title %q", got)
	}
	for i, want := range []string{"Kollontai’s pamphlet", "«\u202fMémoires\u202f»"} {
		if got := p.book.Entries[i].ShortTitle; got != want {
			t.Errorf("short title %q, want %q", got, want)
		}
	}
}
