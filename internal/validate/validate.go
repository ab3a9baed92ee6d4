// Package validate runs the external validators a distributor or a print
// shop would run (EPUBCheck, qpdf, poppler's pdffonts and pdftotext) for
// the test suites of the renderers and of the whole build.
//
// A validator that is not installed skips the test, so `go test ./...`
// passes on a bare machine; with SAMIZDAT_REQUIRE_VALIDATORS=1 (as CI
// sets it) a missing validator fails the test instead. Tests that take
// minutes call Slow and run only with SAMIZDAT_SLOW_TESTS=1.
package validate

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// RequireEnv is the variable that makes missing validators a failure.
const RequireEnv = "SAMIZDAT_REQUIRE_VALIDATORS"

// SlowEnv is the variable that runs the slow tier: tests that take minutes
// (the long books), which `go test ./...` leaves out to stay quick.
const SlowEnv = "SAMIZDAT_SLOW_TESTS"

// SlowTier reports whether SAMIZDAT_SLOW_TESTS=1 asks for the slow tier.
func SlowTier() bool { return os.Getenv(SlowEnv) == "1" }

// Slow skips a slow-tier test unless SAMIZDAT_SLOW_TESTS=1. Slow-tier
// tests are named TestSlow…, which is how .ci/run selects them.
func Slow(t testing.TB) {
	t.Helper()
	if !strings.HasPrefix(t.Name(), "TestSlow") {
		t.Fatalf("%s is in the slow tier, so its name must start with TestSlow", t.Name())
	}
	if !SlowTier() {
		t.Skipf("slow tier: set %s=1 to run", SlowEnv)
	}
}

// Tool returns the command line that runs name ("epubcheck", "qpdf",
// "pdffonts", "pdftotext", "pdftohtml", "pdfinfo"), or skips the test when it is missing.
func Tool(t testing.TB, name string) []string {
	t.Helper()
	if name == "epubcheck" {
		if jar := epubcheckJar(); jar != "" {
			return []string{"java", quickJIT, "-jar", jar}
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return []string{p}
	}
	missing(t, name)
	return nil
}

// quickJIT keeps Java to its quick compiler: EPUBCheck's runs are too
// short for the optimising one to pay back its work (it doubled the CPU
// time of validating the sample book).
const quickJIT = "-XX:TieredStopAtLevel=1"

// epubcheckJar is EPUBCheck's jar, when Java can load it as a library;
// Debian installs the jar itself as /usr/bin/epubcheck.
func epubcheckJar() string {
	const jar = "/usr/bin/epubcheck"
	if _, err := exec.LookPath("java"); err != nil {
		return ""
	}
	if head, err := os.ReadFile(jar); err != nil || !bytes.HasPrefix(head, []byte("PK")) {
		return ""
	}
	return jar
}

func missing(t testing.TB, name string) {
	t.Helper()
	msg := fmt.Sprintf("%s is not installed (apt-get install -y epubcheck qpdf poppler-utils)", name)
	if os.Getenv(RequireEnv) == "1" {
		t.Fatalf("%s, and %s=1 makes validators mandatory", msg, RequireEnv)
	}
	t.Skip(msg)
}

func run(t testing.TB, tool string, args ...string) (string, error) {
	t.Helper()
	cmd := Tool(t, tool)
	var stderr bytes.Buffer
	c := exec.Command(cmd[0], append(cmd[1:], args...)...)
	c.Stderr = &stderr
	out, err := c.Output()
	if err != nil && stderr.Len() > 0 {
		err = fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
	}
	// EPUBCheck and qpdf report on both streams; keep them together for those.
	if tool == "epubcheck" || tool == "qpdf" {
		return string(out) + stderr.String(), err
	}
	return string(out), err
}

// EPUBCheckResult counts EPUBCheck's findings.
type EPUBCheckResult struct {
	Fatals, Errors, Warnings int
	// Messages are the FATAL, ERROR and WARNING lines.
	Messages []string
	Output   string
}

// Clean reports whether EPUBCheck found nothing at all.
func (r EPUBCheckResult) Clean() bool { return r.Fatals+r.Errors+r.Warnings == 0 }

// Summary is the one-line verdict, in EPUBCheck's own words.
func (r EPUBCheckResult) Summary() string {
	return fmt.Sprintf("epubcheck: %d fatals, %d errors, %d warnings", r.Fatals, r.Errors, r.Warnings)
}

var epubcheckLine = regexp.MustCompile(`(?m)^(FATAL|ERROR|WARNING)\(.*$`)

// EPUBCheck validates an EPUB file. To validate several, use EPUBCheckAll.
func EPUBCheck(t testing.TB, path string) EPUBCheckResult {
	t.Helper()
	return EPUBCheckAll(t, path)[0]
}

//go:embed EPUBCheckBatch.java
var epubcheckBatch []byte

// EPUBCheckAll validates EPUB files, in one EPUBCheck run where the
// EPUBCheck jar can be loaded as a library: each separate run pays seconds
// to start Java and compile EPUBCheck's schemas. The results are in the
// order of paths.
func EPUBCheckAll(t testing.TB, paths ...string) []EPUBCheckResult {
	t.Helper()
	Tool(t, "epubcheck")
	if len(paths) == 0 {
		return nil
	}
	b, err := StartEPUBBatch(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if b != nil {
		results, ok := b.Results(t, paths...)
		if err := b.Close(); err != nil && ok {
			t.Fatalf("EPUBCheck batch: %v", err)
		}
		if ok {
			return results
		}
		t.Log("running EPUBCheck once per file")
	}
	results := make([]EPUBCheckResult, len(paths))
	for i, path := range paths {
		out, _ := run(t, "epubcheck", path)
		results[i] = parseEPUBCheck(out)
		if results[i].Clean() && !strings.Contains(out, "No errors or warnings detected") {
			t.Fatalf("epubcheck gave no verdict on %s:\n%s", path, out)
		}
	}
	return results
}

// parseBatch reads all of EPUBCheckBatch's output on paths.
func parseBatch(out []byte, paths []string) ([]EPUBCheckResult, error) {
	r := bufio.NewReader(bytes.NewReader(out))
	var results []EPUBCheckResult
	for {
		path, res, err := readReport(r)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if i := len(results); i >= len(paths) || path != paths[i] {
			return nil, fmt.Errorf("report on %q out of turn", path)
		}
		results = append(results, res)
	}
	if len(results) != len(paths) {
		return nil, fmt.Errorf("reports on %d of %d files", len(results), len(paths))
	}
	return results, nil
}

func parseEPUBCheck(out string) EPUBCheckResult {
	r := EPUBCheckResult{Output: out}
	for _, m := range epubcheckLine.FindAllString(out, -1) {
		r.Messages = append(r.Messages, m)
		switch {
		case strings.HasPrefix(m, "FATAL"):
			r.Fatals++
		case strings.HasPrefix(m, "ERROR"):
			r.Errors++
		default:
			r.Warnings++
		}
	}
	return r
}

// QPDFCheck runs `qpdf --check` and returns its complaint, or nil when the
// file is clean (warnings count as complaints).
func QPDFCheck(t testing.TB, path string) error {
	t.Helper()
	out, err := run(t, "qpdf", "--check", path)
	if err != nil || strings.Contains(out, "WARNING") {
		return fmt.Errorf("qpdf --check %s: %v\n%s", path, err, out)
	}
	return nil
}

// Font is one line of pdffonts.
type Font struct {
	Name, Type                string
	Embedded, Subset, Unicode bool
}

// PDFFonts lists the fonts a PDF uses.
func PDFFonts(t testing.TB, path string) []Font {
	t.Helper()
	out, err := run(t, "pdffonts", path)
	if err != nil {
		t.Fatalf("pdffonts %s: %v\n%s", path, err, out)
	}
	var fonts []Font
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for _, l := range lines[min(2, len(lines)):] {
		f := strings.Fields(l)
		if len(f) < 7 {
			continue
		}
		// name type [encoding...] emb sub uni object-id generation
		n := len(f)
		fonts = append(fonts, Font{Name: f[0], Type: f[1], Embedded: f[n-5] == "yes", Subset: f[n-4] == "yes", Unicode: f[n-3] == "yes"})
	}
	return fonts
}

// PDFText is the text of a PDF as pdftotext extracts it (physical layout off).
func PDFText(t testing.TB, path string) string {
	t.Helper()
	out, err := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return out
}

// Page is a page as pdftotext -bbox reports it.
type Page struct {
	Number        int
	Width, Height float64
	Words         []Word
}

// Word is a word with its box, in points from the page's top left.
type Word struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

// PDFWords returns every word of a PDF with its position.
func PDFWords(t testing.TB, path string) []Page {
	t.Helper()
	out, err := run(t, "pdftotext", "-bbox", path, "-")
	if err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", path, err)
	}
	pages, err := parseBBox(out)
	if err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", path, err)
	}
	return pages
}

func parseBBox(out string) ([]Page, error) {
	dec := xml.NewDecoder(strings.NewReader(out))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	var pages []Page
	attr := func(se xml.StartElement, name string) float64 {
		for _, a := range se.Attr {
			if a.Name.Local == name {
				v, _ := strconv.ParseFloat(a.Value, 64)
				return v
			}
		}
		return 0
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "page":
			pages = append(pages, Page{Number: len(pages) + 1, Width: attr(se, "width"), Height: attr(se, "height")})
		case "word":
			if len(pages) == 0 {
				return nil, fmt.Errorf("word outside a page")
			}
			var text string
			if err := dec.DecodeElement(&text, &se); err != nil {
				return nil, err
			}
			p := &pages[len(pages)-1]
			p.Words = append(p.Words, Word{Text: html.UnescapeString(text), XMin: attr(se, "xMin"), YMin: attr(se, "yMin"), XMax: attr(se, "xMax"), YMax: attr(se, "yMax")})
		}
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("no pages in the bbox output")
	}
	return pages, nil
}

// OutsideSafeArea lists the words closer than margin points to a page
// edge, as a print shop's preflight would (print-on-demand printers ask
// for at least 0.25 in, 18 pt).
func OutsideSafeArea(pages []Page, margin float64) []string {
	var out []string
	const tolerance = 0.5
	for _, p := range pages {
		for _, w := range p.Words {
			if w.XMin < margin-tolerance || w.YMin < margin-tolerance ||
				w.XMax > p.Width-margin+tolerance || w.YMax > p.Height-margin+tolerance {
				out = append(out, fmt.Sprintf("page %d: %q at x %.1f-%.1f y %.1f-%.1f", p.Number, w.Text, w.XMin, w.XMax, w.YMin, w.YMax))
			}
		}
	}
	return out
}

// CheckPDF runs the print-shop checks on a PDF: qpdf clean, every font
// embedded, no word outside the safe area. It returns the problems found.
func CheckPDF(t testing.TB, path string, safeMargin float64) []string {
	t.Helper()
	var problems []string
	if err := QPDFCheck(t, path); err != nil {
		problems = append(problems, err.Error())
	}
	for _, f := range PDFFonts(t, path) {
		if !f.Embedded {
			problems = append(problems, "font not embedded: "+f.Name)
		}
		if !f.Unicode {
			problems = append(problems, "font without a Unicode map (text not extractable): "+f.Name)
		}
	}
	outside := OutsideSafeArea(PDFWords(t, path), safeMargin)
	if len(outside) > 0 {
		problems = append(problems, fmt.Sprintf("%d words outside the %g pt safe area, first: %s", len(outside), safeMargin, outside[0]))
	}
	return problems
}
