// Package cover designs a book's cover once, for the e-book and for print:
// the front, which the EPUB shows as its cover image, and for print on
// demand the whole sheet a printer wraps around the book, back, spine and
// front side by side with bleed, the spine as wide as the book is thick.
//
// A design is a list of filled rectangles and lines of text in points,
// origin at the top left; Document turns it into a page the PDF painter
// draws, and the EPUB draws the front into pixels.
package cover

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/layout"
)

// Metrics measures text in ems; *fonts.Set is one.
type Metrics interface {
	Advance(f fonts.Face, r rune) float64
	Kern(f fonts.Face, a, b rune) float64
}

// Book is what a cover says.
type Book struct {
	Title, Subtitle string
	// Edition is the edition's title when the edition shows it.
	Edition string
	// Creators are the lines of names, authors first, the others after
	// their role ("Edited by …").
	Creators []string
	// Blurb is the back cover's text; Publisher its imprint.
	Blurb, Publisher string
}

// Color is an RGB ink, each part from 0 to 1.
type Color = layout.Color

// The palette: warm paper, near-black ink and a red for the bands.
var (
	Paper = Color{R: 0xf3 / 255.0, G: 0xee / 255.0, B: 0xe3 / 255.0}
	Ink   = Color{R: 0x1c / 255.0, G: 0x1a / 255.0, B: 0x17 / 255.0}
	Red   = Color{R: 0x8c / 255.0, G: 0x1c / 255.0, B: 0x13 / 255.0}
	White = Color{R: 1, G: 1, B: 1}
)

// Rect is a filled rectangle.
type Rect struct {
	X, Y, W, H float64
	Fill       Color
}

// Text is a line of text from its baseline's left end; Angle turns it
// about that point, counterclockwise in degrees.
type Text struct {
	X, Y  float64
	Face  fonts.Face
	Size  float64
	Text  string
	Ink   Color
	Angle float64
}

// Design is a cover: its surface, where it is trimmed, and what is on it,
// painted in order.
type Design struct {
	W, H  float64
	Trim  layout.Rect
	Rects []Rect
	Texts []Text
}

func (d *Design) rect(x, y, w, h float64, c Color) {
	d.Rects = append(d.Rects, Rect{X: x, Y: y, W: w, H: h, Fill: c})
}

// Front designs a front cover alone, w by h points, with no bleed: the
// EPUB's cover image.
func Front(b Book, m Metrics, w, h float64) *Design {
	d := &Design{W: w, H: h, Trim: layout.Rect{W: w, H: h}}
	d.rect(0, 0, w, h, Paper)
	d.bands(0, w, 0, h, 0)
	d.front(b, m, 0, 0, w, h)
	return d
}

// bands draws the red bands across the sheet from x0 to x1 (bleed
// included) at the head and the foot of the trimmed height top..top+h,
// reaching out by bleed.
func (d *Design) bands(x0, x1, top, h, bleed float64) {
	d.rect(x0, 0, x1-x0, top+h*headBand, Red)
	d.rect(x0, top+h*(1-footBand), x1-x0, h*footBand+bleed, Red)
}

// The front's proportions, in its height (vertical) and width (across).
const (
	headBand   = 200.0 / 2560
	footBand   = 120.0 / 2560
	sideMargin = 150.0 / 1600
)

// front designs the front cover in the trimmed rectangle x, y, w, h.
func (d *Design) front(b Book, m Metrics, x, y, w, h float64) {
	mx := x + w*sideMargin
	width := w * (1 - 2*sideMargin)
	d.rect(mx, y+h*240/2560, width, h*8/2560, Ink)
	serif := func(s fonts.Style) fonts.Face { return fonts.Face{Family: fonts.Serif, Style: s} }
	px := w / 1600 // the design's unit: a pixel of the 1600-pixel-wide EPUB cover
	top := y + h*520/2560
	lines, size := fit(m, serif(fonts.Bold), b.Title, width, 150*px, 56*px, 1.15, h*900/2560)
	top = d.lines(lines, serif(fonts.Bold), size, 1.15, mx, top, Ink)
	if b.Subtitle != "" {
		lines, size := fit(m, serif(fonts.Italic), b.Subtitle, width, 72*px, 40*px, 1.25, h*300/2560)
		top = d.lines(lines, serif(fonts.Italic), size, 1.25, mx, top+40*px, Ink)
	}
	if b.Edition != "" {
		lines, size := fit(m, serif(fonts.Regular), b.Edition, width, 56*px, 36*px, 1.25, h*150/2560)
		top = d.lines(lines, serif(fonts.Regular), size, 1.25, mx, top+30*px, Red)
	}
	d.rect(mx, top+50*px, 300*px, 10*px, Red)
	if len(b.Creators) > 0 {
		bottom := y + h - h*160/2560
		lines, size := fit(m, serif(fonts.Regular), strings.Join(b.Creators, "\n"), width, 64*px, 36*px, 1.3, bottom-(y+h*1900/2560))
		d.lines(lines, serif(fonts.Regular), size, 1.3, mx, bottom-float64(len(lines))*size*1.3, Ink)
	}
}

// lines sets lines from top down, each a line of size type lead times its
// size high, and returns the y under them.
func (d *Design) lines(lines []string, f fonts.Face, size, lead, x, top float64, ink Color) float64 {
	for _, l := range lines {
		d.Texts = append(d.Texts, Text{X: x, Y: top + size*0.95, Face: f, Size: size, Text: l, Ink: ink})
		top += size * lead
	}
	return top
}

// width is s's width set in f at size.
func width(m Metrics, f fonts.Face, size float64, s string) float64 {
	w := 0.0
	prev := rune(-1)
	for _, r := range s {
		w += m.Advance(f, r)
		if prev >= 0 {
			w += m.Kern(f, prev, r)
		}
		prev = r
	}
	return w * size
}

// fit wraps text (which may hold "\n") to width at the largest size from
// max down to min whose lines, lead times the size apart, fit height; at
// min it keeps as many lines as fit, the last cut short with an ellipsis.
func fit(m Metrics, f fonts.Face, text string, w, max, min, lead, height float64) ([]string, float64) {
	for size := max; ; size = math.Max(min, size*0.95) {
		var lines []string
		for _, para := range strings.Split(text, "\n") {
			lines = append(lines, wrap(m, f, size, para, w)...)
		}
		if float64(len(lines))*size*lead <= height || size <= min {
			if n := int(math.Max(1, math.Floor(height/(size*lead)))); len(lines) > n {
				lines = lines[:n]
				lines[n-1] = ellipsize(m, f, size, lines[n-1]+" …", w)
			}
			return lines, size
		}
	}
}

// wrap breaks s into lines no wider than w, inside a word only when the
// word alone is wider.
func wrap(m Metrics, f fonts.Face, size float64, s string, w float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if width(m, f, size, try) <= w {
			line = try
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		for width(m, f, size, word) > w && utf8.RuneCountInString(word) > 1 {
			cut := len(word)
			for cut > 0 && width(m, f, size, word[:cut]) > w {
				_, n := utf8.DecodeLastRuneInString(word[:cut])
				cut -= n
			}
			cut = max(cut, len(string([]rune(word)[0])))
			lines = append(lines, word[:cut])
			word = word[cut:]
		}
		line = word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// ellipsize ends s with "…", dropping words, then letters, until it fits w.
func ellipsize(m Metrics, f fonts.Face, size float64, s string, w float64) string {
	s = strings.TrimSuffix(strings.TrimSpace(s), "…")
	for {
		t := strings.TrimSpace(s) + "…"
		if width(m, f, size, t) <= w || s == "" {
			return t
		}
		if i := strings.LastIndexByte(strings.TrimSpace(s), ' '); i > 0 {
			s = s[:i]
		} else {
			_, n := utf8.DecodeLastRuneInString(s)
			s = s[:len(s)-n]
		}
	}
}

// Document is the design as one page for the PDF painter, with its trim
// and bleed boxes.
func (d *Design) Document(m Metrics) *layout.Document {
	doc := &layout.Document{Geometry: layout.Geometry{MediaWidth: d.W, MediaHeight: d.H, Trim: d.Trim,
		Bleed: layout.Rect{W: d.W, H: d.H}}}
	pg := &layout.Page{Label: "cover", Recto: true}
	for _, r := range d.Rects {
		c := r.Fill
		pg.Items = append(pg.Items, &layout.Box{Rect: layout.Rect{X: r.X, Y: r.Y, W: r.W, H: r.H}, Fill: true, FillColor: &c})
	}
	for _, t := range d.Texts {
		c := t.Ink
		var kerns []layout.Kern
		prev := rune(-1)
		for i, r := range t.Text {
			if prev >= 0 {
				if k := m.Kern(t.Face, prev, r); k != 0 {
					kerns = append(kerns, layout.Kern{At: i, Dx: k * t.Size})
				}
			}
			prev = r
		}
		pg.Items = append(pg.Items, &layout.Text{X: t.X, Y: t.Y, Face: t.Face, Size: t.Size, Text: t.Text, Kerns: kerns,
			Extra: &layout.TextExtra{Color: &c, Angle: t.Angle}})
	}
	doc.Pages = []*layout.Page{pg}
	return doc
}

// String describes a design's size, for messages.
func (d *Design) String() string {
	return fmt.Sprintf("%.2f x %.2f in", d.W/72, d.H/72)
}
