package pdf

import (
	"strings"
	"sync"

	"github.com/jung-kurt/gofpdf"

	"github.com/samizdat-press/samizdat/internal/svg"
)

// An SVG's maker placed its labels measured in the fonts it names: Graphviz
// sizes a table's cells for "index" in Times. The book's serif is wider and
// would overrun them, so a label in the family of one of the PDF standard
// fonts (Times, Helvetica, or a font made to their measures) is measured
// with that font's widths, which gofpdf carries, and drawn narrowed (or
// widened a little) to them.

// standardFamilies maps family names to the standard font whose widths
// they have.
var standardFamilies = map[string]string{
	"times": "Times", "times new roman": "Times", "times-roman": "Times", "liberation serif": "Times",
	"nimbus roman": "Times", "nimbus roman no9 l": "Times", "tex gyre termes": "Times",
	"helvetica": "Helvetica", "arial": "Helvetica", "liberation sans": "Helvetica",
	"nimbus sans": "Helvetica", "nimbus sans l": "Helvetica", "tex gyre heros": "Helvetica",
}

// standardPostScript maps PostScript names of those families, without
// their style, to the standard font whose widths they have: the name a
// drawing program writes when it names the font itself (ArialMT,
// TimesNewRomanPS-BoldMT, Helvetica-Oblique).
var standardPostScript = map[string]string{
	"timesnewroman": "Times", "times": "Times", "liberationserif": "Times", "nimbusroman": "Times", "texgyretermes": "Times",
	"helvetica": "Helvetica", "arial": "Helvetica", "liberationsans": "Helvetica", "nimbussans": "Helvetica", "texgyreheros": "Helvetica",
}

// standardFamily names the standard font whose widths a font family has,
// by its family name or its PostScript name.
func standardFamily(name string) (string, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	if family, ok := standardFamilies[name]; ok {
		return family, true
	}
	base, _, _, ok := svg.SplitPostScriptName(name)
	if !ok {
		return "", false
	}
	family, ok := standardPostScript[base]
	return family, ok
}

// standardWidths holds the standard fonts' widths of the printable ASCII
// characters, in ems, read once from gofpdf's metrics.
type standardWidths struct {
	once   sync.Once
	widths map[string]*[4][128]float64 // by font; styles regular, bold, italic, bold italic
}

func (sw *standardWidths) load() {
	sw.widths = map[string]*[4][128]float64{}
	f := gofpdf.New("P", "pt", "A4", "")
	for _, family := range []string{"Times", "Helvetica"} {
		t := new([4][128]float64)
		for i, style := range []string{"", "B", "I", "BI"} {
			f.SetFont(family, style, 1)
			for c := ' '; c < 127; c++ {
				t[i][c] = f.GetStringWidth(string(c))
			}
		}
		sw.widths[family] = t
	}
}

// width is s's advance in ems in the standard font whose widths f's
// family has; false when f names no such family or s has characters
// beyond printable ASCII.
func (sw *standardWidths) width(f svg.Font, s string) (float64, bool) {
	family, ok := standardFamily(f.Name)
	if !ok || sw == nil {
		return 0, false
	}
	sw.once.Do(sw.load)
	style := 0
	if f.Bold {
		style |= 1
	}
	if f.Italic {
		style |= 2
	}
	t := &sw.widths[family][style]
	w := 0.0
	for _, r := range s {
		if r < ' ' || r >= 127 {
			return 0, false
		}
		w += t[r]
	}
	return w, true
}

// fitScale is how much text set at actual width is scaled across to take
// the width it was placed for: a label is narrowed as far as it must be,
// and widened by a tenth at most, which the eye does not notice.
func fitScale(placed, actual float64) float64 {
	if !(placed > 0) || !(actual > 0) {
		return 1
	}
	return min(max(placed/actual, 0.5), 1.1)
}
