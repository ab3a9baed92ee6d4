package layout

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Galleys for the float rules, written as a line of blocks on the pager's
// test page (ten lines of 10 pt): "p5" a paragraph of five lines, "h" a
// heading, "f4/2" a figure four lines high with a caption of two lines
// ("f4" without one), "a2/4/3" a paragraph of two lines, a picture set
// apart in it four lines high, then three lines more. Blocks are set as
// the galley sets them (see addLines): paragraph
// lines bound first to second and last but one to last, a heading bound
// to what follows it over the space under it, a picture to its caption,
// space around headings and figures, the widest of two in a row kept.

// floatGalley is a galley made from a line of blocks, and the name of
// each elem: A1 for paragraph A's first line, H1 for the first heading,
// F1 for the first figure's picture and F1c1 for its caption's first line,
// pic1 for the first picture set apart, its paragraph's lines of text
// named around it as if it were not there.
type floatGalley struct {
	elems []elem
	names []string
}

func (g *floatGalley) add(el elem, name string) {
	if el.space {
		if n := len(g.elems); n > 0 && g.elems[n-1].keep {
			el.keep = true
		}
		if n := len(g.elems); n == 0 || g.elems[n-1].space {
			if n > 0 {
				g.elems[n-1].h = max(g.elems[n-1].h, el.h)
				g.elems[n-1].asked = max(g.elems[n-1].asked, el.asked)
			}
			return
		}
	}
	g.elems = append(g.elems, el)
	g.names = append(g.names, name)
}

func parseFloatGalley(t testing.TB, spec string) *floatGalley {
	t.Helper()
	g := &floatGalley{}
	paras, heads, figs, pics := 0, 0, 0, 0
	atoi := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("%q: bad count %q", spec, s)
		}
		return n
	}
	for _, b := range strings.Fields(spec) {
		switch b[0] {
		case 'p':
			n := atoi(b[1:])
			name := string(rune('A' + paras%26))
			paras++
			for i := 0; i < n; i++ {
				el := elem{h: 10, base: baseline(10, 10), line: int32(i), lines: int32(n)}
				el.keep = n >= 2 && (i == 0 || i == n-2)
				g.add(el, name+strconv.Itoa(i+1))
			}
		case 'h':
			heads++
			g.add(elem{h: 5, space: true, asked: 5}, "_")
			g.add(elem{h: 10, base: baseline(10, 10), keep: true, heading: true}, "H"+strconv.Itoa(heads))
			g.add(elem{h: 5, space: true, asked: 5}, "_")
		case 'a':
			parts := strings.Split(b[1:], "/")
			if len(parts) != 3 {
				t.Fatalf("%q: bad block %q", spec, b)
			}
			before, after := 0, 0
			if parts[0] != "0" {
				before = atoi(parts[0])
			}
			if parts[2] != "0" {
				after = atoi(parts[2])
			}
			name := string(rune('A' + paras%26))
			paras++
			pics++
			m, n := before+after, before+1+after
			if before == 1 && after == 0 {
				// a label over its picture: the two float as one
				g.add(elem{h: 10, base: baseline(10, 10), float: 2, keep: true, lines: 1}, name+"1")
				g.add(elem{h: 10 * float64(atoi(parts[1])), apart: true}, "pic"+strconv.Itoa(pics))
				continue
			}
			for i := 0; i < n; i++ {
				if i == before {
					h := 10 * float64(atoi(parts[1]))
					g.add(elem{h: h, base: h, float: 1, apart: true, keep: m >= 2 && before == m-1}, "pic"+strconv.Itoa(pics))
					continue
				}
				k := i // the line's place among the lines of text
				if i > before {
					k--
				}
				el := elem{h: 10, base: baseline(10, 10), line: int32(k), lines: int32(m)}
				el.keep = m >= 2 && (k == 0 || k == m-2)
				g.add(el, name+strconv.Itoa(k+1))
			}
		case 'f':
			figs++
			name := "F" + strconv.Itoa(figs)
			pic, capN, _ := strings.Cut(b[1:], "/")
			caption := 0
			if capN != "" {
				caption = atoi(capN)
			}
			g.add(elem{h: 6, space: true}, "_")
			at := len(g.elems)
			g.add(elem{h: 10 * float64(atoi(pic)), keep: caption > 0, pad: 4}, name)
			for i := 0; i < caption; i++ {
				g.add(elem{h: 10, base: baseline(10, 10), keep: i < caption-1}, name+"c"+strconv.Itoa(i+1))
			}
			g.elems[at].float = int32(len(g.elems) - at)
			g.add(elem{h: 6, space: true}, "_")
		default:
			t.Fatalf("%q: unknown block %q", spec, b)
		}
	}
	return g
}

// floatPage is one page of a paginated float galley: the index of each elem
// set on it, top to bottom.
type floatPage []int

// paginateFloats sets the galley on pages as the pager does.
func paginateFloats(g *floatGalley) []floatPage {
	f := testFlow(g.elems)
	var pages []floatPage
	for f.more() && len(pages) < 100 {
		pl := f.fill()
		var page floatPage
		for _, r := range f.rows(pl) {
			if r.el.space {
				continue
			}
			page = append(page, elemIndex(g.elems, r.el))
		}
		pages = append(pages, page)
	}
	return pages
}

func elemIndex(elems []elem, el *elem) int {
	for i := range elems {
		if &elems[i] == el {
			return i
		}
	}
	return -1
}

// describe writes the pages as lines of elem names, a paragraph's run of
// lines as A1-A5.
func (g *floatGalley) describe(pages []floatPage) string {
	var b strings.Builder
	for pi, page := range pages {
		fmt.Fprintf(&b, "  page %d:", pi+1)
		for i := 0; i < len(page); i++ {
			name := g.names[page[i]]
			j := i
			for j+1 < len(page) && page[j+1] == page[j]+1 && sameRun(name, g.names[page[j+1]]) {
				j++
			}
			if j > i {
				name += "-" + g.names[page[j]]
			}
			b.WriteString(" " + name)
			i = j
		}
		b.WriteString("\n")
	}
	return b.String()
}

// sameRun reports whether two elems are lines of one paragraph or one
// figure, to be written as a run.
func sameRun(a, b string) bool {
	if a[0] == 'F' {
		return b[0] == 'F' && strings.HasPrefix(b, strings.SplitN(a, "c", 2)[0]+"c")
	}
	return a[0] != 'H' && a[0] == b[0]
}

// floatFaults lists what breaks the float rules on the pages: a figure
// parted from its caption, a page (but the last) ending where it may not
// (after a heading, a paragraph's first line, a picture with a caption),
// a paragraph's last line alone at the top of a page, one line of a
// paragraph alone under the figures at a page's top, figures out of
// order, a figure before the text ahead of it or more than a page after
// the text after it (but when figures ahead of it held it back, or it is
// on a page of figures alone, at the galley's end).
func (g *floatGalley) floatFaults(pages []floatPage) []string {
	var faults []string
	pageOf := make([]int, len(g.elems))
	for i := range pageOf {
		pageOf[i] = -1
	}
	for pi, page := range pages {
		for _, k := range page {
			if pageOf[k] >= 0 {
				faults = append(faults, fmt.Sprintf("%s set twice", g.names[k]))
			}
			pageOf[k] = pi
		}
	}
	for k, el := range g.elems {
		if !el.space && pageOf[k] < 0 {
			faults = append(faults, fmt.Sprintf("%s never set", g.names[k]))
		}
	}
	for pi, page := range pages {
		if len(page) == 0 {
			faults = append(faults, fmt.Sprintf("page %d is empty", pi+1))
			continue
		}
		top := 0 // the figures at the page's top, with their captions
		for top < len(page) && g.elems[page[top]].float > 0 {
			top += int(g.elems[page[top]].float)
		}
		top = min(top, len(page))
		// (a picture set apart that floated is bound to nothing)
		last := g.elems[page[len(page)-1]]
		if pi < len(pages)-1 && last.keep && !(last.apart && top == len(page)) {
			faults = append(faults, fmt.Sprintf("page %d ends after %s, which is bound to what follows", pi+1, g.names[page[len(page)-1]]))
		}
		for i, k := range page {
			el := g.elems[k]
			if el.float > 0 {
				for c := k + 1; c < k+int(el.float); c++ {
					if pageOf[c] != pi || i+c-k >= len(page) || page[i+c-k] != c {
						faults = append(faults, fmt.Sprintf("%s parted from %s", g.names[k], g.names[c]))
					}
				}
			}
		}
		// one line of a longer paragraph alone under the figures (a
		// picture set apart in the text under them is text)
		var text []int
		for _, k := range page[top:] {
			if !strings.HasPrefix(g.names[k], "F") {
				text = append(text, k)
			}
		}
		if g.elems[page[0]].float > 0 && len(text) == 1 && g.elems[text[0]].lines >= 2 {
			faults = append(faults, fmt.Sprintf("page %d: %s alone under its figures", pi+1, g.names[text[0]]))
		}
		// the first text line under the figures at the top: a
		// paragraph's last, alone?
		for i, k := range page {
			el := g.elems[k]
			if strings.HasPrefix(g.names[k], "F") || el.apart {
				continue
			}
			// the line of text before it (a picture set apart between
			// them may have floated away)
			prev := k - 1
			for prev > 0 && g.elems[prev].apart {
				prev--
			}
			if pi > 0 && el.lines >= 2 && el.line == el.lines-1 && (i == 0 || pageOf[prev] != pi) {
				faults = append(faults, fmt.Sprintf("page %d: %s, a paragraph's last line, alone at its top", pi+1, g.names[k]))
			}
			break
		}
	}
	prevFig, prevPage, prevPos := "", -1, -1
	for k, el := range g.elems {
		if el.float == 0 {
			continue
		}
		pos := -1
		for i, x := range pages[pageOf[k]] {
			if x == k {
				pos = i
			}
		}
		if pageOf[k] < prevPage || (pageOf[k] == prevPage && pos < prevPos) {
			faults = append(faults, fmt.Sprintf("%s set before %s", g.names[k], prevFig))
		}
		prevFig, prevPage, prevPos = g.names[k], pageOf[k], pos
		before, after := k-1, k+int(el.float)
		for before >= 0 && g.elems[before].space {
			before--
		}
		for after < len(g.elems) && g.elems[after].space {
			after++
		}
		if before >= 0 && pageOf[before] > pageOf[k] {
			faults = append(faults, fmt.Sprintf("%s on page %d, before %s ahead of it", g.names[k], pageOf[k]+1, g.names[before]))
		}
		figuresOnly := true
		for _, x := range pages[pageOf[k]] {
			if g.elems[x].float == 0 && !strings.HasPrefix(g.names[x], "F") && !g.elems[x].apart {
				figuresOnly = false
			}
		}
		// figures ahead of it may hold it back a page each
		blocked := pageOf[k] > 0 && g.elems[pages[pageOf[k]-1][0]].float > 0
		if after < len(g.elems) && pageOf[k] > pageOf[after]+1 && !figuresOnly && !blocked {
			faults = append(faults, fmt.Sprintf("%s on page %d, more than a page after %s", g.names[k], pageOf[k]+1, g.names[after]))
		}
	}
	return faults
}

// TestFloatSweep moves each galley down the page a line at a time, by a
// paragraph ahead of it, and checks the float rules on every layout.
func TestFloatSweep(t *testing.T) {
	galleys := []string{
		"p6 f4/2 p5",
		"p6 f5/2 p3 p4",
		"p4 h f4/2 p5 p3",
		"p4 h p3 f4/2 p5",
		"p3 f3/1 p1 f4/2 p6",
		"p2 f6/2 p2 h p4",
		"p5 f4 p2 p2 p5",
		"p7 f3/2 h p4 p4",
		"p3 f7/1 p3 p3",
		"p3 f8/2 p4 p3",
		"p5 h f8/1 p6",
		"p4 h f3/2 f3/2 p6",
		"p1 h f6/2 p3 p3",
		"p12 h f4/2 p4 p2",
		"h f6/2 p5 p2",
		"p9 f2/1 p9",
		"p3 f5/2 p1 h p3 p3",
		"p2 f8/1 p3 f8/1 p3",
		"p4 f4/1 f4/1 f4/1 p12",
		"p5 f5 h f5/1 p4",
		"p3 f4/2 p2 p1 p1 p4",
		"p3 a1/5/4 p5",
		"p2 a3/4/1 p4 p3",
		"p4 a0/5/3 p6",
		"p3 a2/6/0 p6",
		"p3 f4/1 a1/4/3 f3/1 p8",
		"p4 h a1/5/4 p5",
		"p2 a1/4/1 a1/4/2 p6",
		"p3 a1/4/0 p6",
		"p4 h a1/5/0 a1/3/0 a1/4/0 p5 p3",
		"p2 a1/4/0 f4/1 a2/3/0 p6",
	}
	for _, spec := range galleys {
		for lead := 0; lead <= 12; lead++ {
			full := spec
			if lead > 0 {
				full = "p" + strconv.Itoa(lead) + " " + spec
			}
			g := parseFloatGalley(t, full)
			pages := paginateFloats(g)
			if faults := g.floatFaults(pages); len(faults) > 0 {
				t.Errorf("%s:\n%s  %s", full, g.describe(pages), strings.Join(faults, "\n  "))
			}
		}
	}
}

// TestFloatPlans sets galleys that show each float rule and compares the
// pages with testdata/floats.golden (go test -update rewrites it). Every
// layout must also keep the rules TestFloatSweep checks.
func TestFloatPlans(t *testing.T) {
	cases := []struct{ name, spec string }{
		{"a figure that fits where it is stays there", "p3 f3/2 p3"},
		{"one that does not waits for the next page's top, the text after it filling this one", "p6 f4/2 p5"},
		{"figures keep their order: the second waits behind the first", "p6 f3/1 p1 f4/2 p6"},
		{"a heading over a figure that must wait goes with it to the next page", "p7 h f4/2 p5 p3"},
		{"unless that would leave the page more than four lines short: then the heading stays with the text after it", "p9 p2 h f6/2 p6 p3"},
		{"a waiting figure that would leave one line of a paragraph under it has the page alone", "p2 p2 f6/2 p2 h p4"},
		{"as does one that would leave a heading under it", "p3 p2 f6/2 p2 h p4"},
		{"or a line from the middle of a paragraph", "p5 p2 f6/2 p12 p3"},
		{"figures in a row are each set once, in order", "p7 p4 f4/1 f4/1 f4/1 p12"},
		{"a figure ending the galley makes no empty page after it", "p8 h p7 p8 h f6/2"},
		{"a heading over a figure ending the galley has no text to stay with: it goes with the figure, however short that leaves the page", "p5 h f6/2"},
		{"nor has one over figures alone", "p3 p2 h f6/2 f3/1"},
		{"a figure without a caption floats alone", "p7 f4 p6"},
		{"a figure too tall to share a page with text has one of its own", "p3 f8/1 p6 p3"},
		{"a picture set apart in a paragraph that fits stays in place", "p3 a1/4/3 p3"},
		{"one that does not waits for the next page's top, the line before it staying, the text after it filling the page", "p6 a1/4/5 p5"},
		{"one bound to its paragraph's last line waits when that line does not fit under it", "p4 a2/5/1 p6"},
		{"it keeps its order with the figures: it waits behind one still waiting", "p6 f3/1 a1/4/4 p6"},
		{"and the figure after it waits behind it", "p5 a1/5/1 f3/1 p8"},
		{"a line of text over a picture that ends its paragraph, a label, waits with it", "p7 a1/4/0 p6"},
		{"labelled pictures in a row wait in order, the text after them filling the page", "p4 a1/3/0 a1/3/0 p8"},
	}
	var b bytes.Buffer
	for _, tc := range cases {
		g := parseFloatGalley(t, tc.spec)
		pages := paginateFloats(g)
		fmt.Fprintf(&b, "%s: %s\n%s", tc.name, tc.spec, g.describe(pages))
		if faults := g.floatFaults(pages); len(faults) > 0 {
			t.Errorf("%s: %s:\n%s  %s", tc.name, tc.spec, g.describe(pages), strings.Join(faults, "\n  "))
		}
	}
	path := filepath.Join("testdata", "floats.golden")
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("pages differ from %s (go test -update to rewrite):\n%s", path, b.String())
	}
}

// TestFloatRandom checks the float rules on galleys drawn at random (with
// a fixed seed): paragraphs of one to eight lines, some with a picture set
// apart up to seven lines high among up to three lines of text either side,
// headings, figures up to eight lines high with or without a caption of one
// or two lines, ending in a paragraph.
func TestFloatRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	faults := 0
	for n := 0; n < 3000 && faults < 10; n++ {
		var blocks []string
		for k := 0; k < 4+r.IntN(8); k++ {
			switch x := r.IntN(10); {
			case x < 5 && r.IntN(4) == 0:
				blocks = append(blocks, fmt.Sprintf("a%d/%d/%d", r.IntN(4), 1+r.IntN(7), r.IntN(4)))
			case x < 5:
				blocks = append(blocks, fmt.Sprintf("p%d", 1+r.IntN(8)))
			case x < 7:
				if len(blocks) == 0 || blocks[len(blocks)-1] != "h" {
					blocks = append(blocks, "h")
				}
			case r.IntN(4) == 0:
				blocks = append(blocks, fmt.Sprintf("f%d", 1+r.IntN(8)))
			default:
				blocks = append(blocks, fmt.Sprintf("f%d/%d", 1+r.IntN(8), 1+r.IntN(2)))
			}
		}
		spec := strings.Join(append(blocks, fmt.Sprintf("p%d", 1+r.IntN(8))), " ")
		g := parseFloatGalley(t, spec)
		pages := paginateFloats(g)
		if fs := g.floatFaults(pages); len(fs) > 0 {
			faults++
			t.Errorf("%s:\n%s  %s", spec, g.describe(pages), strings.Join(fs, "\n  "))
		}
	}
}
