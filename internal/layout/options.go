package layout

import (
	"fmt"
	"github.com/samizdat-press/samizdat/internal/lang"
	"math"
)

// Options are the print settings of one layout, every one used as given
// (see Check); the build fills them from the typed config.
type Options struct {
	TrimWidth, TrimHeight                             float64 // pt
	MarginTop, MarginBottom, MarginInner, MarginOuter float64
	// Gutter is extra inside margin; ignored when GutterAuto.
	Gutter float64
	// GutterAuto sizes the gutter by the final page count, as print-on-demand
	// printers ask (see AutoGutter).
	GutterAuto bool
	// Bleed is 0 or e.g. 9pt (0.125in): media = trim + 2*bleed.
	Bleed     float64
	CropMarks bool
	FontSize  float64 // body size, pt
	Leading   float64 // line height / font size
	Hyphenate bool
	// Language selects hyphenation patterns by BCP 47 tag (hyphen.Match);
	// a language without embedded patterns is not hyphenated.
	Language string
	// Punctuation gives each language's quotation marks, for the marks
	// print adds around a quotation (raw HTML's q); nil: the defaults.
	Punctuation *lang.Conventions
	// LineNumbers numbers the lines of KindSource entries in the outer
	// margin every LineNumberEvery lines, restarting per source.
	LineNumbers     bool
	LineNumberEvery int
	// Endnotes prints notes at the end of each entry instead of the page foot.
	Endnotes bool
	// URLFootnotes prints the URL of each external link as a footnote.
	URLFootnotes bool
	// RectoChapters opens every entry and part on a right-hand page.
	RectoChapters bool
	// PageReferences is what follows a link to another page, "{page}"
	// standing for the page's folio ("(p. {page})"); "" adds nothing.
	// Links that ask for their page alone, and the index, print pages
	// whatever it says.
	PageReferences string
	// Front says which generated pages the book has.
	Front FrontMatter
	// ContentsDepth is how many heading levels the contents and the
	// outline list under each entry's title (0: the titles only).
	ContentsDepth int
	// EditionTitle, when not empty, is printed on the title page and in
	// the versos' running heads after the book's title.
	EditionTitle string
	// PageMultiple pads the book with blank pages at its end to a multiple
	// of this many pages (0 and 1: no padding).
	PageMultiple int
	// SetOff are condition tags: a block kept for one of them (a div
	// tagged answers) is set off by a rule beside it.
	SetOff []string
}

// FrontMatter says which of the pages the layout makes the book has.
type FrontMatter struct {
	HalfTitle, TitlePage, Copyright, Contents bool
	// PartPages gives a part a page of its own even when it has no text
	// but its title; a part is listed in the contents either way.
	PartPages bool
	// BlankPages adds blank versos so that the title page, the contents
	// and the body's first page open on rectos.
	BlankPages bool
}

// FullFront is a book's usual front matter: every page.
var FullFront = FrontMatter{HalfTitle: true, TitlePage: true, Copyright: true, Contents: true, PartPages: true, BlankPages: true}

const (
	inch = 72.0
	// safeEdge is the nearest anything may come to the trim edge.
	safeEdge = 18.0
	// markRoom is the space outside the bleed reserved for crop marks.
	markRoom = 24.0
)

// AutoGutter is the inside-margin addition print-on-demand printers ask for
// a book of pages pages.
func AutoGutter(pages int) float64 {
	switch {
	case pages <= 150:
		return 0.375 * inch
	case pages <= 300:
		return 0.5 * inch
	case pages <= 500:
		return 0.625 * inch
	case pages <= 700:
		return 0.75 * inch
	}
	return 0.875 * inch
}

// Check reports every option the layout cannot honour, so a build can
// refuse bad settings before it reads the book. Options are used exactly
// as given: a zero is a zero, never a default, and a margin too small for
// what it must hold is an error, not silently widened.
func (o Options) Check() error {
	var errs []string
	for _, v := range []struct {
		name string
		v    float64
	}{{"trim width", o.TrimWidth}, {"trim height", o.TrimHeight}, {"top margin", o.MarginTop},
		{"bottom margin", o.MarginBottom}, {"inner margin", o.MarginInner}, {"outer margin", o.MarginOuter},
		{"gutter", o.Gutter}, {"bleed", o.Bleed}, {"font size", o.FontSize}, {"leading", o.Leading}} {
		if math.IsNaN(v.v) || math.IsInf(v.v, 0) || v.v < 0 {
			errs = append(errs, fmt.Sprintf("%s %g is not a size", v.name, v.v))
		}
	}
	if len(errs) == 0 {
		if o.TrimWidth == 0 || o.TrimHeight == 0 {
			errs = append(errs, fmt.Sprintf("trim size %gpt x %gpt has no area", o.TrimWidth, o.TrimHeight))
		}
		if o.FontSize < 4 || o.FontSize > 48 {
			errs = append(errs, fmt.Sprintf("font size %gpt is outside 4–48pt", o.FontSize))
		}
		if o.Leading < 0.8 || o.Leading > 4 {
			errs = append(errs, fmt.Sprintf("leading %g is outside 0.8–4 times the font size", o.Leading))
		}
		if o.Bleed > 0.5*inch {
			errs = append(errs, fmt.Sprintf("bleed %gpt is more than half an inch", o.Bleed))
		}
	}
	if o.ContentsDepth < 0 || o.ContentsDepth > 5 {
		errs = append(errs, fmt.Sprintf("contents depth %d is outside 0–5", o.ContentsDepth))
	}
	if o.PageMultiple < 0 || o.PageMultiple > 64 {
		errs = append(errs, fmt.Sprintf("page multiple %d is outside 0–64", o.PageMultiple))
	}
	if o.LineNumbers && o.LineNumberEvery < 1 {
		errs = append(errs, fmt.Sprintf("line numbers every %d lines: want 1 or more", o.LineNumberEvery))
	}
	if len(errs) == 0 {
		// The running head sits in the top margin and the folio of an
		// opening page in the bottom one, clear of the safe edge; line
		// numbers sit in the outer margin.
		lead := o.FontSize * o.Leading
		headRoom := safeEdge + 2*lead
		if o.MarginTop < headRoom {
			errs = append(errs, fmt.Sprintf("top margin %s leaves no room for the running head: it needs at least %s with %gpt type and leading %g",
				points(o.MarginTop), points(headRoom), o.FontSize, o.Leading))
		}
		if o.MarginBottom < headRoom {
			errs = append(errs, fmt.Sprintf("bottom margin %s leaves no room for the folio: it needs at least %s with %gpt type and leading %g",
				points(o.MarginBottom), points(headRoom), o.FontSize, o.Leading))
		}
		if need := lineNumberRoom(o.FontSize); o.LineNumbers && o.MarginOuter < need {
			errs = append(errs, fmt.Sprintf("outer margin %s leaves no room for line numbers: they need at least %s with %gpt type",
				points(o.MarginOuter), points(need), o.FontSize))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("layout: %s", joinSemi(errs))
	}
	return nil
}

// lineNumberRoom is the outer margin line numbers need: three digits, their
// gap from the text and the safe edge.
func lineNumberRoom(fontSize float64) float64 {
	return safeEdge + 8 + 0.75*fontSize*2.5
}

// points writes a length for messages: "45.3pt (0.63in)".
func points(pt float64) string {
	return fmt.Sprintf("%gpt (%.2fin)", math.Round(pt*10)/10, pt/inch)
}

func joinSemi(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += "; "
		}
		out += x
	}
	return out
}

// geom is the page geometry of one layout pass.
type geom struct {
	Geometry
	o            Options
	gutter       float64
	textW, textH float64
	top          float64 // y of the text block's top edge on the media
	lead         float64 // body line advance
}

func newGeom(o Options, gutter float64) (*geom, error) {
	g := &geom{o: o, gutter: gutter, lead: o.FontSize * o.Leading}
	off := o.Bleed
	if o.CropMarks {
		off += markRoom
	}
	g.MediaWidth = o.TrimWidth + 2*off
	g.MediaHeight = o.TrimHeight + 2*off
	g.Trim = Rect{X: off, Y: off, W: o.TrimWidth, H: o.TrimHeight}
	g.Bleed = Rect{X: off - o.Bleed, Y: off - o.Bleed, W: o.TrimWidth + 2*o.Bleed, H: o.TrimHeight + 2*o.Bleed}
	g.CropMarks = o.CropMarks
	g.textW = o.TrimWidth - o.MarginInner - o.MarginOuter - gutter
	g.textH = o.TrimHeight - o.MarginTop - o.MarginBottom
	g.top = off + o.MarginTop
	if g.textW < 8*o.FontSize || g.textW < inch {
		return nil, fmt.Errorf("layout: the text block is %.0fpt wide: trim %.0fpt less margins and gutter leave too little room", g.textW, o.TrimWidth)
	}
	if g.textH < 8*g.lead {
		return nil, fmt.Errorf("layout: the text block is %.0fpt high, room for fewer than 8 lines: enlarge the trim or reduce the margins", g.textH)
	}
	// The text block holds a whole number of body lines (what LaTeX's
	// geometry calls heightrounded): a page of plain text then ends on the
	// block's last baseline, which every other page is stretched to meet.
	g.textH = math.Floor(g.textH/g.lead+1e-9) * g.lead
	return g, nil
}

// left is the x of the text block's left edge on a recto or verso: the inner
// margin (and gutter) is on the left of a recto and the right of a verso.
func (g *geom) left(recto bool) float64 {
	if recto {
		return g.Trim.X + g.o.MarginInner + g.gutter
	}
	return g.Trim.X + g.o.MarginOuter
}

func (g *geom) bottom() float64 { return g.top + g.textH }
