package layout

import (
	"math"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/hyphen"
)

// An automatic gutter is chosen by the page count, which depends on the
// gutter, since the gutter narrows the text block and so the measure
// every line is broken to: the gutter is not a shift of finished pages.
// Rather than setting the whole book at the narrowest gutter only to count
// its pages, the layout estimates the count: it sets every galley with
// each paragraph's lines filled greedily from the widths of its letters
// (no line breaker, no hyphenation, no kerning) and paginates them as the
// book is paginated, chapters, footnotes, pictures and all, for a fifth of
// the time. The book is then set at the gutter the estimate calls for, and
// again only when its true count calls for another.

// estimateMargin is how far an estimated page count may be from the true
// one, as a fraction: the estimate decides a gutter only when the count
// this far either side of it calls for the same gutter.
const estimateMargin = 0.04

// Lines set justified may be a little over the measure, their spaces
// shrinking, and ragged ones are kept a little short; where words are
// hyphenated, part of the word that does not fit stays on the line. The
// figures are measured on generated books, wide and narrow.
const (
	justifiedFill   = 1.02 // unhyphenated
	raggedFill      = 0.97
	hyphenatedCarry = 0.65 // the part of the word that goes to the next line
)

// estimatePages sets the book at gutter with estimated line counts and
// returns its number of pages.
func estimatePages(book *doc.Book, m Metrics, o Options, gutter float64, hy *hyphen.Patterns) (int, error) {
	d, _, err := layoutPass(book, m, o, gutter, hy, false, nil, true, nil, nil)
	if err != nil {
		return 0, err
	}
	return len(d.Pages), nil
}

// autoGutter follows, on estimates, the steps by which the page count
// raises the automatic gutter from the narrowest: it returns the gutter
// the estimates settle on, and the estimate there. It stops early, at the
// gutter reached, where an estimate is too near a band's edge to say.
func autoGutter(book *doc.Book, m Metrics, o Options, hy *hyphen.Patterns) (float64, int, error) {
	gutter := AutoGutter(0)
	for {
		n, err := estimatePages(book, m, o, gutter, hy)
		if err != nil {
			return 0, 0, err
		}
		want := AutoGutter(n)
		lo := AutoGutter(int(math.Floor(float64(n) * (1 - estimateMargin))))
		hi := AutoGutter(int(math.Ceil(float64(n) * (1 + estimateMargin))))
		if lo != hi || want <= gutter {
			return gutter, n, nil
		}
		gutter = want
	}
}

// estimateLines stands for setPara when pages are only counted: the
// lines a greedy fill of whole words at width gives (a justified line
// taking what fits when its spaces shrink a little), each with the note
// markers that fall in it, and no items.
func (e *engine) estimateLines(segs []seg, width, indent float64, mode alignMode) []tline {
	fill := justifiedFill
	switch {
	case mode != alignJustify:
		fill = raggedFill
	case e.o.Hyphenate:
		fill = 1
	}
	measure := math.Max(width*fill, e.size)
	var lines []tline
	// x is the line's width so far, word that of the word being read.
	x, word := indent, 0.0
	line := tline{off: -1}
	newLine := func() {
		line.width = math.Min(x, width)
		lines = append(lines, line)
		line = tline{off: -1}
	}
	// apart: the line holds a picture set apart, which ends it before
	// anything that follows.
	apart := false
	for _, sg := range segs {
		if sg.kind == segBreak {
			newLine()
			x, word, apart = 0, 0, false
			continue
		}
		if apart && (sg.pic != nil || strings.TrimSpace(sg.text) != "" || sg.mark != nil) {
			newLine()
			x, word, apart = 0, 0, false
		}
		if sg.pic != nil {
			w, h, depth := e.inlinePictureBox(sg.pic, sg.st.size, width, width)
			if sg.pic.apart {
				if line.hasText || line.rise > 0 {
					newLine()
				}
				x, word, apart = 0, 0, true
				line.apart = true
			}
			x += w
			rise, drop := h-depth+sg.st.raise, depth-sg.st.raise
			line.depth = math.Max(line.depth, drop)
			if sg.pic.apart {
				rise, drop = rise+apartSpace*sg.st.size, math.Max(drop, apartSpace*sg.st.size)
			}
			line.rise, line.drop = math.Max(line.rise, rise), math.Max(line.drop, drop)
		}
		if apart && sg.pic == nil {
			continue // white space after the picture
		}
		for _, r := range sg.text {
			w := e.adv(sg.st.face, r) * sg.st.size
			if r == ' ' {
				x, word = x+w, 0
				continue
			}
			x, word = x+w, word+w
			if x > measure {
				line.hasText = true
				newLine()
				// The word goes to the next line whole, unless it is
				// longer than a line.
				if word > measure {
					word = w
				}
				if e.o.Hyphenate {
					word *= hyphenatedCarry
				}
				x = word
			}
		}
		if sg.text != "" {
			line.hasText = true
			if line.off < 0 {
				line.off = sg.off
			}
		}
		if sg.mark != nil {
			line.marks = append(line.marks, sg.mark)
		}
	}
	newLine()
	return lines
}
