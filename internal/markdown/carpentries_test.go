package markdown

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/filetest"
)

func TestCarpentries(t *testing.T) {
	runCases(t, New().WithCarpentries(), "ep.md", []mkdocsCase{
		{"objectives titled by their label", "::::: objectives\n\n- Explain paths.\n\n:::::\n",
			"div kind=aside .admonition .objectives tags=objectives\n  para .admonition-title\n    strong\n      text \"Objectives\"\n  list bullet tight\n    item\n      para\n        text \"Explain paths.\"\n", nil},
		{"keypoints", "::: keypoints\nBody.\n:::\n",
			"div kind=aside .admonition .keypoints tags=keypoints\n  para .admonition-title\n    strong\n      text \"Key Points\"\n  para\n    text \"Body.\"\n", nil},
		{"a challenge's heading follows its label, no heading of the chapter", "::: challenge\n## Relative Paths\n\nBody.\n:::\n",
			"div kind=aside .admonition .challenge tags=challenge\n  para .admonition-title\n    strong\n      text \"Challenge: Relative Paths\"\n  para\n    text \"Body.\"\n", nil},
		{"a callout's heading is its title", "::: callout\n## Home Directory\n\nBody.\n:::\n",
			"div kind=aside .admonition .callout tags=callout\n  para .admonition-title\n    strong\n      text \"Home Directory\"\n  para\n    text \"Body.\"\n", nil},
		{"a solution is a disclosure", "::: solution\n## Solution\n\nBody.\n:::\n",
			"div kind=details .solution tags=solution\n  div kind=summary\n    para\n      text \"Solution\"\n  para\n    text \"Body.\"\n", nil},
		{"an untitled hint", "::: hint\nBody.\n:::\n",
			"div kind=details .hint tags=hint\n  div kind=summary\n    para\n      text \"Hint\"\n  para\n    text \"Body.\"\n", nil},
		{"instructor notes", "::: instructor\nBody.\n:::\n",
			"div kind=aside .admonition .instructor tags=instructor\n  para .admonition-title\n    strong\n      text \"Instructor Note\"\n  para\n    text \"Body.\"\n", nil},
		{"other divs stay divs", "::: group-tab\nBody.\n:::\n", "div .group-tab tags=group-tab\n  para\n    text \"Body.\"\n", nil},
	})
	runCases(t, New(), "ch.md", []mkdocsCase{
		{"elsewhere a challenge is pandoc's div", "::: challenge\nBody.\n:::\n", "div .challenge tags=challenge\n  para\n    text \"Body.\"\n", nil},
	})
}

// TestImageAltAttribute: {alt="…"} describes a picture in any book, as
// pandoc reads it; alt="" marks it as decoration.
func TestImageAltAttribute(t *testing.T) {
	runCases(t, New(), "ch.md", []mkdocsCase{
		{"single quotes, empty brackets", "![](fig/tree.svg){alt='A tree of folders'}\n",
			"figure\n  image src=\"fig/tree.svg\" alt=\"A tree of folders\" at=1:1\n", nil},
		{"the attribute wins over the brackets", "![Tree](fig/tree.svg){alt=\"A tree of folders\" width=50%}\n",
			"figure\n  image src=\"fig/tree.svg\" alt=\"A tree of folders\" width=50% at=1:1\n", nil},
		{"empty: decoration", "![](rule.png){alt=\"\"}\n",
			"figure\n  image src=\"rule.png\" alt=\"\" decorative at=1:1\n", nil},
	})
}

// TestCarpentriesGolden reads an extract of the Software Carpentry lesson
// The Unix Shell (testdata/carpentries, CC BY 4.0) as a lesson.
func TestCarpentriesGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/carpentries/*.md")
	if len(files) == 0 {
		t.Fatal("no lesson extracts in testdata/carpentries")
	}
	p := New().WithCarpentries()
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(strings.TrimSuffix(name, ".md"), func(t *testing.T) {
			ch := parseFile(t, p, file, name)
			for _, w := range ch.Warnings {
				t.Errorf("warning: %v", w)
			}
			filetest.Golden(t, strings.TrimSuffix(file, ".md")+".golden", []byte(dumpChapter(ch)))
		})
	}
}
