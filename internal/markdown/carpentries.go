package markdown

import "github.com/samizdat-press/samizdat/internal/doc"

// A Carpentries lesson (The Carpentries Workbench: a config.yaml naming
// its carpentry, episodes/ of Markdown) marks its exercises, notes and
// summaries with pandoc's fenced divs of known classes:
//
//	::::::::::::: challenge
//	## Relative Path Resolution
//	…
//	::::: solution
//	## Solution
//	…
//	:::::
//	:::::::::::::
//
// The Workbench draws each as a labelled box. In a lesson they are
// admonitions titled by a heading that opens them, else by their label;
// a challenge's or discussion's heading follows its label ("Challenge:
// Relative Path Resolution"), as it names an exercise and not a section,
// and so is no heading of the chapter. Solutions, hints and spoilers are
// disclosures, closed in the EPUB as they are on the lesson's site. The
// classes stay edition tags: an edition can leave out every solution or
// instructor note (see the README's Conditional content).
type carpentriesKind struct {
	label   string
	details bool // a disclosure, closed in the EPUB
	prefix  bool // a heading opening it follows the label
}

var carpentriesBoxes = map[string]carpentriesKind{
	"objectives":  {label: "Objectives"},
	"questions":   {label: "Questions"},
	"keypoints":   {label: "Key Points"},
	"prereq":      {label: "Prerequisite"},
	"callout":     {label: "Callout"},
	"caution":     {label: "Caution"},
	"warning":     {label: "Warning"},
	"checklist":   {label: "Checklist"},
	"testimonial": {label: "Testimonial"},
	"instructor":  {label: "Instructor Note"},
	"challenge":   {label: "Challenge", prefix: true},
	"discussion":  {label: "Discussion", prefix: true},
	"solution":    {label: "Solution", details: true},
	"hint":        {label: "Hint", details: true},
	"spoiler":     {label: "Details", details: true},
}

// carpentriesBox converts a fenced div whose first class is one of the
// Workbench's boxes; ok is false for any other div.
func (c *converter) carpentriesBox(n *fencedDiv, base doc.BlockBase) (*doc.Div, bool) {
	if len(n.classes) == 0 {
		return nil, false
	}
	kind, ok := carpentriesBoxes[n.classes[0]]
	if !ok {
		return nil, false
	}
	b := &mkdocsBlock{kind: mkdocsAdmonition, classes: append([]string(nil), n.classes...), defaultTitle: kind.label}
	if kind.details {
		b.kind = mkdocsDetails
	}
	prefix := ""
	if kind.prefix {
		prefix = kind.label
	}
	return c.titledDiv(n, b, base, prefix), true
}
