package cover

import (
	"math"
	"sort"
	"strings"

	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/layout"
)

const inch = 72.0

// Papers are the thickness of one page (half a leaf) of the papers whose
// makers publish it, in points: Amazon KDP's help on paperback covers
// gives the spine width as the page count times 0.002252 in for white
// paper and 0.0025 in for cream (KDP Help, "Create a Paperback Cover" and
// its cover calculator, kdp.amazon.com/en_US/help/topic/G201953020).
// IngramSpark publishes no such figure: its cover template generator
// computes the spine for a page count, and the thickness it implies is
// given as a length (cover.paper: 0.0022in).
var Papers = map[string]float64{
	"kdp-white": 0.002252 * inch,
	"kdp-cream": 0.0025 * inch,
}

// PaperNames lists Papers' names, sorted.
func PaperNames() []string {
	var out []string
	for k := range Papers {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// What printers ask of a cover sheet, in points.
const (
	// Bleed is the art beyond the trim on every side: 0.125 in at KDP and
	// IngramSpark.
	Bleed = 0.125 * inch
	// spineVariance is how far the fold may wander either way: 1/16 in
	// (IngramSpark and KDP both allow it), so nothing on the spine comes
	// nearer its folds.
	spineVariance = 0.0625 * inch
	// safe is how far text stays inside the trim and off the folds:
	// 0.25 in, as IngramSpark recommends for cover art.
	safe = 0.25 * inch
	// The barcode's clear zone on the back: 2 x 1.2 in, its foot 0.25 in
	// above the trim and its right side 0.25 in left of the spine, where
	// KDP and IngramSpark print the ISBN's barcode.
	barcodeW, barcodeH = 2 * inch, 1.2 * inch
	// SpineTextPages is the fewest pages a book may have for text on its
	// spine: KDP allows it on books of more than 79 pages.
	SpineTextPages = 80
	// minSpineType is the smallest type set on a spine.
	minSpineType = 6.0
)

// Sheet is the printed cover's size and what it must leave room for.
type Sheet struct {
	TrimW, TrimH float64 // one cover, trimmed
	Pages        int     // the book's, blank ones included
	PerPage      float64 // the paper's thickness per page
	// Barcode leaves the barcode's zone clear on the back.
	Barcode bool
}

// Spine is the spine's width: pages times the paper's thickness.
func (s Sheet) Spine() float64 { return float64(s.Pages) * s.PerPage }

// Wrap designs the sheet a printer wraps around the book: the back, the
// spine and the front side by side, with bleed on every side.
func Wrap(b Book, m Metrics, s Sheet) *Design {
	spine := s.Spine()
	d := &Design{W: 2*Bleed + 2*s.TrimW + spine, H: 2*Bleed + s.TrimH}
	d.Trim = layout.Rect{X: Bleed, Y: Bleed, W: d.W - 2*Bleed, H: s.TrimH}
	d.rect(0, 0, d.W, d.H, Paper)
	// The bands run on across the spine: a colour that stopped at a fold
	// would show every wander of it.
	d.bands(0, d.W, Bleed, s.TrimH, Bleed)
	d.back(b, m, Bleed, Bleed, s.TrimW, s.TrimH, s.Barcode)
	d.spine(b, m, Bleed+s.TrimW, Bleed, spine, s.TrimH, s.Pages)
	d.front(b, m, Bleed+s.TrimW+spine, Bleed, s.TrimW, s.TrimH)
	return d
}

// back designs the back cover in x, y, w, h: the title and the blurb, the
// publisher at the foot, and the barcode's zone.
func (d *Design) back(b Book, m Metrics, x, y, w, h float64, barcode bool) {
	mx := x + math.Max(w*sideMargin, safe)
	width := x + w - math.Max(w*sideMargin, safe) - mx
	serif := func(s fonts.Style) fonts.Face { return fonts.Face{Family: fonts.Serif, Style: s} }
	px := w / 1600
	top := y + h*520/2560
	bottom := y + h*(1-footBand) - safe
	if barcode {
		bx, by := x+w-safe-barcodeW, y+h-safe-barcodeH
		d.rect(bx, by, barcodeW, barcodeH, White)
		bottom = math.Min(bottom, by-safe)
	}
	if b.Publisher != "" {
		size := 44 * px
		d.Texts = append(d.Texts, Text{X: mx, Y: bottom, Face: serif(fonts.Regular), Size: size, Text: b.Publisher, Ink: Ink})
		bottom -= 2 * size
	}
	lines, size := fit(m, serif(fonts.Bold), b.Title, width, 80*px, 48*px, 1.2, (bottom-top)/3)
	top = d.lines(lines, serif(fonts.Bold), size, 1.2, mx, top, Ink) + 40*px
	if blurb := strings.TrimSpace(b.Blurb); blurb != "" && bottom > top {
		lines, size := fit(m, serif(fonts.Regular), blurb, width, 50*px, 32*px, 1.4, bottom-top)
		d.lines(lines, serif(fonts.Regular), size, 1.4, mx, top, Ink)
	}
}

// spine sets the title and the first creator down the spine, x, y, w, h,
// when the book has pages enough and the spine room for type.
func (d *Design) spine(b Book, m Metrics, x, y, w, h float64, pages int) {
	room := w - 2*spineVariance
	size := math.Min(room/1.4, 16)
	if pages < SpineTextPages || size < minSpineType {
		return
	}
	bold, regular := fonts.Face{Family: fonts.Serif, Style: fonts.Bold}, fonts.Face{Family: fonts.Serif}
	title, author := b.Title, ""
	if len(b.Creators) > 0 {
		author = b.Creators[0]
	}
	length := h*(1-headBand-footBand) - 2*safe
	gap := func(size float64) float64 { return 1.5 * size }
	total := func(size float64) float64 {
		t := width(m, bold, size, title)
		if author != "" {
			t += gap(size) + width(m, regular, size, author)
		}
		return t
	}
	for total(size) > length && size > minSpineType {
		size = math.Max(minSpineType, size*0.95)
	}
	if total(size) > length {
		author = ""
	}
	if total(size) > length {
		title = ellipsize(m, bold, size, title, length)
	}
	// Turned a quarter clockwise the line reads down the spine, the tops
	// of its letters toward the front, as on books in English.
	bx := x + w/2 - 0.35*size
	by := y + h*headBand + safe + (length-total(size))/2
	d.Texts = append(d.Texts, Text{X: bx, Y: by, Face: bold, Size: size, Text: title, Ink: Ink, Angle: -90})
	if author != "" {
		by += width(m, bold, size, title) + gap(size)
		d.Texts = append(d.Texts, Text{X: bx, Y: by, Face: regular, Size: size, Text: author, Ink: Ink, Angle: -90})
	}
}
