package build

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// carpentriesLesson is a Carpentries Workbench lesson in small: its pages
// are written as its site serves them, every page beside episodes/.
func carpentriesLesson(t *testing.T) map[string]string {
	return map[string]string{
		"book/config.yaml":             "carpentry: 'swc'\ntitle: 'Counting Birds'\nepisodes:\n- 01-intro.md\n",
		"book/manifest.yaml":           "title: Counting Birds\nlanguage: en\nchapters:\n  - file: index.md\n    title: Summary and Setup\n  - learners/setup.md\n  - episodes/01-intro.md\n",
		"book/links.md":                "[survey]: https://example.org/survey\n",
		"book/index.md":                "::: prereq\n## Prerequisites\n\nSee the [setup](../learners/setup.md).\n:::\n",
		"book/learners/setup.md":       "# Setup\n\nDownload [the data](data/birds.csv) and see ![](fig/tally.png){alt='A tally of five birds'}.\n",
		"book/episodes/01-intro.md":    "# Introduction\n\nWhy count with the [survey][survey] files.\n\n::: challenge\n## Count them\n\nHow many?\n\n::: solution\n## Solution\n\nFive.\n:::\n:::\n",
		"book/episodes/data/birds.csv": "site,count\nA,5\n",
		"book/episodes/fig/tally.png":  tinyPNG(t),
	}
}

// A lesson's links from its index are read from episodes/, as its site
// reads them; its learners' pages find the episodes' figures; links.md
// defines links for every chapter; its fenced divs are boxes, whose
// headings title no chapter.
func TestCarpentriesLesson(t *testing.T) {
	t.Parallel()
	dir := writeFolder(t, carpentriesLesson(t))
	r := runCheck(t, dir, Options{Flags: map[string]string{}, FlagOrigins: map[string]string{}}, false)
	want := []string{
		`warning: book/learners/setup.md:3:10: link "data/birds.csv": episodes/data/birds.csv is not part of the book, so neither format can carry it; printed as text`,
	}
	if got := problemLines(r.stderr.String()); !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var stdout, stderr bytes.Buffer
	p, err := load(context.Background(), testEnv(dir, &stdout, &stderr), Options{}, "")
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	var headings, boxes []string
	pictures, survey := 0, 0
	for _, e := range p.book.Chapters() {
		doc.Walk(e.Blocks, doc.Visitor{
			Block: func(b doc.Block) bool {
				switch b := b.(type) {
				case *doc.Heading:
					headings = append(headings, doc.PlainText(b.Content))
				case *doc.Div:
					if len(b.Classes) > 0 {
						boxes = append(boxes, strings.Join(b.Classes, " "))
					}
				}
				return true
			},
			Inline: func(in doc.Inline) bool {
				switch in := in.(type) {
				case *doc.Image:
					if in.Asset != nil && in.Alt == "A tally of five birds" {
						pictures++
					}
				case *doc.Link:
					if in.URL == "https://example.org/survey" {
						survey++
					}
				}
				return true
			},
		})
	}
	if want := []string{"Summary and Setup", "Setup", "Introduction"}; !slices.Equal(headings, want) {
		t.Errorf("headings %q, want %q", headings, want)
	}
	if want := []string{"admonition prereq", "admonition challenge", "solution"}; !slices.Equal(boxes, want) {
		t.Errorf("boxes %q, want %q", boxes, want)
	}
	if pictures != 1 || survey != 1 {
		t.Errorf("%d pictures found from learners/, %d links defined by links.md; want 1 and 1", pictures, survey)
	}
}
