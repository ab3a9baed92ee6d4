package validate

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TextRun is a run of text a PDF sets in one font on one line, as
// pdftohtml reads it: where it stands, its size and whether its font is
// bold or italic.
type TextRun struct {
	Page         int
	Top, Height  int // in pdftohtml's pixels, top down
	Size         int
	Bold, Italic bool
	Text         string
}

// Bottom is where the run's box ends: lower for a subscript, higher for a
// superscript, than the text on its line.
func (r TextRun) Bottom() int { return r.Top + r.Height }

var (
	fontSpecRe = regexp.MustCompile(`<fontspec id="(\d+)" size="(\d+)"`)
	pageRe     = regexp.MustCompile(`<page number="(\d+)"`)
	textRunRe  = regexp.MustCompile(`<text top="(-?\d+)" left="-?\d+" width="\d+" height="(\d+)" font="(\d+)">(.*)</text>`)
	tagRe      = regexp.MustCompile(`<[^>]*>`)
)

// PDFTextRuns returns every run of text of a PDF, in the order pdftohtml
// reads them.
func PDFTextRuns(t testing.TB, path string) []TextRun {
	t.Helper()
	out, err := run(t, "pdftohtml", "-xml", "-i", "-stdout", "-q", path)
	if err != nil {
		t.Fatalf("pdftohtml -xml %s: %v", path, err)
	}
	return parseTextRuns(out)
}

func parseTextRuns(out string) []TextRun {
	sizes := map[string]int{}
	var runs []TextRun
	page := 0
	for _, line := range strings.Split(out, "\n") {
		if m := pageRe.FindStringSubmatch(line); m != nil {
			page, _ = strconv.Atoi(m[1])
		}
		for _, m := range fontSpecRe.FindAllStringSubmatch(line, -1) {
			sizes[m[1]], _ = strconv.Atoi(m[2])
		}
		m := textRunRe.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		top, _ := strconv.Atoi(m[1])
		height, _ := strconv.Atoi(m[2])
		inner := m[4]
		runs = append(runs, TextRun{Page: page, Top: top, Height: height, Size: sizes[m[3]],
			Bold: strings.Contains(inner, "<b>"), Italic: strings.Contains(inner, "<i>"),
			Text: html.UnescapeString(tagRe.ReplaceAllString(inner, ""))})
	}
	return runs
}
