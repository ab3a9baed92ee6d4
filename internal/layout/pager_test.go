package layout

import (
	"fmt"
	"math"
	"testing"
)

// The pager's steps, each on small galleys of 10 pt lines, on a text
// block 100 pt high: ten lines, note separator 10 pt, a cap of 60 pt for
// carried notes, 8 pt under a figure at the top, and a page may be left
// four lines (40 pt) short so a note need not be split.

func testFlow(elems []elem) *flowState {
	g := &geom{lead: 10, textH: 100, textW: 200}
	return &flowState{p: &pager{g: g}, elems: elems, avail: g.textH}
}

// textLines makes n body lines of 10 pt.
func textLines(n int) []elem {
	out := make([]elem, n)
	for i := range out {
		out[i] = elem{h: 10}
	}
	return out
}

// testNote makes a note of lines of height h; a true in space marks a
// space line.
func testNote(h float64, space ...bool) *noteFlow {
	nf := &noteFlow{}
	for _, s := range space {
		nf.lines = append(nf.lines, elem{h: h, space: s})
		nf.h += h
	}
	return nf
}

// noteOf makes a note of n text lines of 10 pt.
func noteOf(n int) *noteFlow { return testNote(10, make([]bool, n)...) }

func chunks(cs []chunk) string {
	s := ""
	for _, c := range cs {
		s += fmt.Sprintf("[%d,%d)", c.from, c.to)
	}
	return s
}

func TestForcedSplit(t *testing.T) {
	tests := []struct {
		name  string
		lines []bool
		from  int
		want  int
	}{
		{"two lines, two left", make([]bool, 4), 0, 2},
		{"two lines, more left", make([]bool, 6), 0, 2},
		{"one would be left: all", make([]bool, 3), 0, 3},
		{"from a later line", make([]bool, 7), 3, 5},
		{"space lines do not count", []bool{false, true, false, false, false}, 0, 3},
		{"one line: all", make([]bool, 1), 0, 1},
	}
	for _, tc := range tests {
		nf := testNote(30, tc.lines...)
		if got := (chunk{nf, tc.from, len(nf.lines)}).forcedSplit(); got != tc.want {
			t.Errorf("%s: split before line %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestTakeCarriedNotes(t *testing.T) {
	tests := []struct {
		name           string
		carry          []chunk
		foot, carried  string
		footH          float64
		contd, blocked bool
	}{
		{"nothing carried", nil, "", "", 0, false, false},
		{"fits whole", []chunk{{noteOf(3), 0, 3}}, "[0,3)", "", 40, true, false},
		{"the rest of a note", []chunk{{noteOf(6), 2, 6}}, "[2,6)", "", 50, true, false},
		// The cap leaves 50 pt: five lines, and three carried on.
		{"split at the cap", []chunk{{noteOf(8), 0, 8}}, "[0,5)", "[5,8)", 60, true, true},
		{"a second note starts", []chunk{{noteOf(3), 0, 3}, {noteOf(4), 0, 4}}, "[0,3)[0,2)", "[2,4)", 60, true, true},
		// Two lines would fit, but would leave one.
		{"a second note waits whole", []chunk{{noteOf(3), 0, 3}, {noteOf(3), 0, 3}}, "[0,3)", "[0,3)", 40, true, true},
		// 30 pt lines: one fits the cap, so two are taken regardless.
		{"forced past the cap", []chunk{{testNote(30, false, false, false, false), 0, 4}}, "[0,2)", "[2,4)", 70, true, true},
	}
	for _, tc := range tests {
		f := testFlow(nil)
		f.carry = tc.carry
		pl := &pagePlan{}
		f.takeCarriedNotes(pl)
		if chunks(pl.foot) != tc.foot || chunks(f.carry) != tc.carried || pl.footH != tc.footH || pl.contd != tc.contd || pl.blocked != tc.blocked {
			t.Errorf("%s: foot %s (%g pt), carried %s, contd %v, blocked %v; want %s (%g pt), %s, %v, %v", tc.name,
				chunks(pl.foot), pl.footH, chunks(f.carry), pl.contd, pl.blocked, tc.foot, tc.footH, tc.carried, tc.contd, tc.blocked)
		}
	}
}

func TestTakeWaitingFigures(t *testing.T) {
	fig := func(h float64) floatGroup { return floatGroup{h: h} }
	tests := []struct {
		name    string
		pending []floatGroup
		footH   float64
		tops    int
		bodyH   float64
	}{
		{"while they fit", []floatGroup{fig(50), fig(30), fig(20)}, 0, 2, 96},
		{"with the notes' room", []floatGroup{fig(50), fig(30)}, 20, 1, 58},
		{"too tall for any page, on an empty one", []floatGroup{fig(120), fig(10)}, 0, 1, 128},
		{"too tall under carried notes", []floatGroup{fig(90)}, 20, 0, 0},
	}
	for _, tc := range tests {
		f := testFlow(nil)
		f.pending = tc.pending
		pl := &pagePlan{footH: tc.footH}
		f.takeWaitingFigures(pl)
		if len(pl.tops) != tc.tops || len(f.pending) != len(tc.pending)-tc.tops || pl.bodyH != tc.bodyH {
			t.Errorf("%s: %d at the top (%g pt), %d waiting; want %d (%g pt)", tc.name, len(pl.tops), pl.bodyH, len(f.pending), tc.tops, tc.bodyH)
		}
	}
}

func TestRepeatTableHead(t *testing.T) {
	elems := textLines(4)
	elems[0].header = []elem{{h: 12}, {h: 3}}
	elems[2].header = elems[0].header
	for _, tc := range []struct {
		start, head int
		bodyH       float64
	}{{0, 0, 0}, {1, 0, 0}, {2, 2, 15}} {
		f := testFlow(elems)
		pl := &pagePlan{start: tc.start}
		f.repeatTableHead(pl)
		if len(pl.head) != tc.head || pl.bodyH != tc.bodyH {
			t.Errorf("page from elem %d: head of %d (%g pt), want %d (%g pt)", tc.start, len(pl.head), pl.bodyH, tc.head, tc.bodyH)
		}
	}
}

// figureGalley is three lines, a space, a figure (a 40 pt picture and a
// 10 pt caption), a space and three lines.
func figureGalley() []elem {
	elems := textLines(3)
	elems = append(elems, elem{h: 5, space: true}, elem{h: 40, float: 2}, elem{h: 10}, elem{h: 5, space: true})
	return append(elems, textLines(3)...)
}

func TestPassFigure(t *testing.T) {
	tests := []struct {
		name    string
		bodyH   float64
		pending int
		next    int
		passed  bool
		after   float64 // bodyH after
	}{
		{"fits the rest of the page", 35, 0, 4, false, 35},
		{"does not fit: waits with its spaces", 55, 0, 7, true, 50},
		{"a figure is waiting already", 35, 1, 7, true, 30},
		{"an empty page takes it", 0, 1, 4, false, 0},
	}
	for _, tc := range tests {
		f := testFlow(figureGalley())
		f.pending = make([]floatGroup, tc.pending)
		pl := &pagePlan{bodyH: tc.bodyH}
		next, passed, _ := f.passFigure(pl, 4)
		if next != tc.next || passed != tc.passed || pl.bodyH != tc.after {
			t.Errorf("%s: next %d, passed %v, body %g pt; want %d, %v, %g pt", tc.name, next, passed, pl.bodyH, tc.next, tc.passed, tc.after)
		}
		if passed && (len(pl.passed) != 1 || pl.passed[0] != (floatGroup{from: 3, pic: 4, n: 2, to: 7, h: 50})) {
			t.Errorf("%s: passed %+v", tc.name, pl.passed)
		}
	}
	// A figure too tall to share a page with text floats; one taller than
	// a page, or with notes, never does.
	elems := figureGalley()
	elems[4].h = 75
	f := testFlow(elems)
	if _, passed, _ := f.passFigure(&pagePlan{bodyH: 35}, 4); !passed {
		t.Error("a figure of 85% of the page was not passed over")
	}
	elems[4].h = 95
	if _, passed, _ := f.passFigure(&pagePlan{bodyH: 35}, 4); passed {
		t.Error("a figure taller than the page was passed over")
	}
	elems[4].h = 40
	elems[5].notes = []*noteFlow{noteOf(1)}
	if _, passed, _ := f.passFigure(&pagePlan{bodyH: 55}, 4); passed {
		t.Error("a figure with a note was passed over")
	}
	if _, passed, _ := f.passFigure(&pagePlan{bodyH: 35}, 2); passed {
		t.Error("a line was taken for a figure")
	}
	// A figure that must wait right under a heading is not parted from
	// it: the page ends before the heading, where it may; with nowhere to
	// end before it that leaves no more than four lines empty; else the
	// figure waits as any other, the heading staying with the text after.
	elems = figureGalley()
	elems[2].keep, elems[3].keep = true, true // the last line is a heading's
	f = testFlow(elems)
	if next, passed, stop := f.passFigure(&pagePlan{bodyH: 55, last: snap{j: 2, bodyH: 60}}, 4); passed || !stop || next != 4 {
		t.Errorf("under a heading: next %d, passed %v, stop %v; want 4, false, true", next, passed, stop)
	}
	if _, passed, stop := f.passFigure(&pagePlan{bodyH: 55, last: snap{j: 2, bodyH: 50}}, 4); !passed || stop {
		t.Errorf("under a heading, ending before it five lines short: passed %v, stop %v; want true, false", passed, stop)
	}
	if _, passed, stop := f.passFigure(&pagePlan{bodyH: 55, last: snap{j: -1}}, 4); !passed || stop {
		t.Errorf("under a heading starting the page: passed %v, stop %v; want true, false", passed, stop)
	}
}

func TestFillBody(t *testing.T) {
	t.Run("lines while they fit", func(t *testing.T) {
		f := testFlow(textLines(12))
		pl := &pagePlan{last: snap{j: -1}}
		if j := f.fillBody(pl); j != 10 || pl.bodyH != 100 || pl.last.j != 10 {
			t.Errorf("stopped before %d, %g pt, last break %d; want 10, 100 pt, 10", j, pl.bodyH, pl.last.j)
		}
	})
	t.Run("no break after a kept line", func(t *testing.T) {
		elems := textLines(12)
		elems[8].keep = true
		elems[9].keep = true
		f := testFlow(elems)
		pl := &pagePlan{last: snap{j: -1}}
		if j := f.fillBody(pl); j != 10 || pl.last.j != 8 || pl.last.bodyH != 80 {
			t.Errorf("stopped before %d, last break %+v; want 10 and after elem 8 at 80 pt", j, pl.last)
		}
	})
	t.Run("notes come with their line", func(t *testing.T) {
		elems := textLines(12)
		elems[2].notes = []*noteFlow{noteOf(2)}
		f := testFlow(elems)
		pl := &pagePlan{last: snap{j: -1}}
		if j := f.fillBody(pl); j != 7 || chunks(pl.foot) != "[0,2)" || pl.footH != 30 {
			t.Errorf("stopped before %d, foot %s (%g pt); want 7, [0,2) (30 pt)", j, chunks(pl.foot), pl.footH)
		}
	})
	t.Run("no new note under carried notes that did not fit", func(t *testing.T) {
		elems := textLines(12)
		elems[2].notes = []*noteFlow{noteOf(1)}
		f := testFlow(elems)
		pl := &pagePlan{last: snap{j: -1}, blocked: true, footH: 60}
		if j := f.fillBody(pl); j != 2 {
			t.Errorf("stopped before %d, want 2", j)
		}
	})
}

// noteGalley is before lines, a line with a note of six lines, and after
// lines.
func noteGalley(before, after int) []elem {
	elems := textLines(before)
	elems = append(elems, elem{h: 10, notes: []*noteFlow{noteOf(6)}})
	return append(elems, textLines(after)...)
}

func TestSplitFreshNotes(t *testing.T) {
	tests := []struct {
		name        string
		elems       []elem
		end         int
		foot, split string
	}{
		// 50 pt of text leaves 30 pt for the note after its separator.
		{"split", noteGalley(5, 3), 6, "[0,3)", "[3,6)"},
		// Ending the page before the reference leaves only 40 pt empty.
		{"moved whole to the next page", noteGalley(6, 3), 6, "", ""},
		// The split would leave the entry's last page only the note.
		{"at the entry's end", noteGalley(5, 0), 5, "", ""},
	}
	for _, tc := range tests {
		f := testFlow(tc.elems)
		pl := f.fill()
		if pl.end != tc.end || chunks(pl.foot) != tc.foot || chunks(pl.split) != tc.split {
			t.Errorf("%s: page ends before %d, foot %s, split %s; want %d, %s, %s", tc.name, pl.end, chunks(pl.foot), chunks(pl.split), tc.end, tc.foot, tc.split)
		}
	}
	// A line bound to the next, which has notes of its own, is not split
	// from it.
	elems := noteGalley(5, 3)
	elems[5].keep = true
	elems[6].notes = []*noteFlow{noteOf(1)}
	f := testFlow(elems)
	if j := f.splitFreshNotes(&pagePlan{bodyH: 50, last: snap{j: 5, bodyH: 50}}, 5, []chunk{{noteOf(6), 0, 6}}, 10); j != 5 {
		t.Errorf("split a note from a kept line with notes: next %d", j)
	}
}

func TestEndRule(t *testing.T) {
	tests := []struct {
		name string
		pl   pagePlan
		j    int
		want endRule
	}{
		{"the galley ended", pagePlan{last: snap{j: 4}}, 10, endFilled},
		{"a note split at the last line", pagePlan{start: 2, last: snap{j: 6}, split: []chunk{{}}}, 6, endFilled},
		{"at the last allowed break", pagePlan{start: 2, last: snap{j: 5}}, 7, endAtBreak},
		{"only carried notes", pagePlan{start: 2, last: snap{j: -1}, blocked: true}, 4, endNotesOnly},
		{"no allowed break", pagePlan{start: 2, last: snap{j: -1}}, 4, endFilled},
		{"nothing fits under carried notes", pagePlan{start: 2, last: snap{j: -1}, contd: true}, 2, endUnderCarried},
		{"nothing fits an empty page", pagePlan{start: 2, last: snap{j: -1}}, 2, endOverfull},
		{"no allowed break under figures that waited", pagePlan{start: 2, last: snap{j: -1}, tops: []floatGroup{{}}}, 3, endFiguresOnly},
		{"nothing fits under them", pagePlan{start: 2, last: snap{j: -1}, tops: []floatGroup{{}}}, 2, endFiguresOnly},
		{"a break under them", pagePlan{start: 2, last: snap{j: 4}, tops: []floatGroup{{}}}, 5, endAtBreak},
	}
	for _, tc := range tests {
		if got := tc.pl.endRule(tc.j, 10); got != tc.want {
			t.Errorf("%s: rule %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestChooseEnd(t *testing.T) {
	f := testFlow(textLines(10))
	pl := &pagePlan{start: 2, last: snap{j: 5, bodyH: 30, footH: 20, nfoot: 1}, foot: []chunk{{}, {}}, bodyH: 60, footH: 40}
	if end := f.chooseEnd(pl, 8); end != 5 || pl.bodyH != 30 || pl.footH != 20 || len(pl.foot) != 1 {
		t.Errorf("at the last break: end %d, %g/%g pt, %d notes", end, pl.bodyH, pl.footH, len(pl.foot))
	}
	if end := f.chooseEnd(&pagePlan{start: 2, last: snap{j: -1}, blocked: true}, 4); end != 2 {
		t.Errorf("notes only: end %d, want 2", end)
	}
	// figures only: the page as it was with its figures and carried notes
	pl = &pagePlan{start: 2, last: snap{j: -1}, tops: []floatGroup{{}}, tops0: snap{j: 2, bodyH: 58, footH: 20, nfoot: 1},
		foot: []chunk{{}, {}}, head: []elem{{}}, bodyH: 78, footH: 40}
	if end := f.chooseEnd(pl, 4); end != 2 || pl.bodyH != 58 || pl.footH != 20 || len(pl.foot) != 1 || pl.head != nil {
		t.Errorf("figures only: end %d, %g/%g pt, %d notes, head %v", end, pl.bodyH, pl.footH, len(pl.foot), pl.head)
	}
}

func TestOverfull(t *testing.T) {
	elems := []elem{{h: 90, notes: []*noteFlow{noteOf(5)}}, {h: 10}}
	f := testFlow(elems)
	pl := f.fill()
	if pl.end != 1 || pl.bodyH != 90 || len(pl.foot) != 0 || chunks(f.carry) != "[0,5)" {
		t.Errorf("end %d, body %g pt, foot %s, carried %s; want the elem alone and its note carried", pl.end, pl.bodyH, chunks(pl.foot), chunks(f.carry))
	}
	// The next page starts with the note, then the line.
	next := f.fill()
	if chunks(next.foot) != "[0,5)" || next.start != 1 || next.end != 2 {
		t.Errorf("next page: foot %s, elems %d..%d", chunks(next.foot), next.start, next.end)
	}
}

func TestDeferPassedFigures(t *testing.T) {
	f := testFlow(nil)
	early, late := floatGroup{from: 3, pic: 4, n: 2, to: 7}, floatGroup{from: 8, pic: 9, n: 1, to: 10}
	pl := &pagePlan{end: 8, passed: []floatGroup{early, late}}
	f.deferPassedFigures(pl)
	if len(pl.skip) != 1 || pl.skip[0] != early || len(f.pending) != 1 || f.pending[0] != early {
		t.Errorf("skip %+v, pending %+v; want the figure before the page's end in both", pl.skip, f.pending)
	}
}

// TestFlowFigureAtTop follows a figure that does not fit its page to the
// top of the next, with the text after it filling the first.
func TestFlowFigureAtTop(t *testing.T) {
	elems := textLines(6)
	elems = append(elems, elem{h: 5, space: true}, elem{h: 40, float: 2}, elem{h: 10}, elem{h: 5, space: true})
	elems = append(elems, textLines(8)...)
	f := testFlow(elems)
	first := f.fill()
	if first.end != 14 || len(first.skip) != 1 || len(f.pending) != 1 {
		t.Fatalf("first page: elems to %d, %d skipped, %d waiting", first.end, len(first.skip), len(f.pending))
	}
	second := f.fill()
	if len(second.tops) != 1 || second.tops[0].pic != 7 || second.start != 14 || second.end != 18 || f.more() {
		t.Errorf("second page: tops %+v, elems %d..%d, more %v", second.tops, second.start, second.end, f.more())
	}
}

func TestPageTurnHyphen(t *testing.T) {
	// hyphenated marks the lines (by index) that end in a hyphen; the page
	// holds ten lines of the galley's twelve.
	tests := []struct {
		name       string
		hyphenated []int
		recto      bool
		end        int
	}{
		{"a recto ends before its hyphenated last line", []int{9}, true, 9},
		{"and before the one above that, hyphenated too", []int{8, 9}, true, 8},
		{"a verso ends before it when that leaves a line to fill", []int{9}, false, 9},
		{"or two", []int{8, 9}, false, 8},
		{"not three", []int{7, 8, 9}, false, 10},
		{"a recto forbids it whatever it costs", []int{7, 8, 9}, true, 7},
		{"a hyphen above the page's end is no matter", []int{5}, true, 10},
	}
	for _, tc := range tests {
		elems := textLines(12)
		for _, k := range tc.hyphenated {
			elems[k].hyphen = true
		}
		f := testFlow(elems)
		f.recto = tc.recto
		if pl := f.fill(); pl.end != tc.end {
			t.Errorf("%s: page ends before %d, want %d", tc.name, pl.end, tc.end)
		}
	}
}

func TestFillPage(t *testing.T) {
	// Lines of 10 pt type on 10 pt: a paragraph of three, a heading's
	// 5 pt of space, a paragraph of two and one of three, 15 pt short of
	// the 100 pt block.
	line := func() elem { return elem{h: 10, base: baseline(10, 10), line: 1, lines: 3} }
	start := func() elem { e := line(); e.line = 0; return e }
	space := func(h float64) elem { return elem{h: h, space: true} }
	newFlow := func(elems []elem) *flowState {
		f := testFlow(elems)
		f.p.g.o.FontSize = 10
		return f
	}
	elems := []elem{start(), line(), line(), space(5), start(), line(), start(), line(), line()}
	f := newFlow(elems)
	pl := &pagePlan{start: 0, end: len(elems)}
	for _, el := range elems {
		pl.bodyH += el.h
	}
	rows := f.rows(pl)
	extra := f.fillPage(rows, pl, f.footTop(pl))
	y, lastBase := 0.0, 0.0
	for i, r := range rows {
		y += extra[i]
		if !r.el.space {
			lastBase = y + r.el.base
		}
		y += r.el.h
	}
	if want := f.lastBaseline(); math.Abs(lastBase-want) > 1e-9 {
		t.Errorf("last baseline at %g, want %g (extra %v)", lastBase, want, extra)
	}
	// the heading's space stretches most, lines within a paragraph least
	if !(extra[3] > extra[6] && extra[6] > extra[1] && extra[1] > 0) {
		t.Errorf("space added %v: want most above the space, less above a paragraph, least between lines", extra)
	}
	if extra[1] > featherGive*10+1e-9 {
		t.Errorf("%g pt added between two lines, more than %g", extra[1], featherGive*10)
	}
	// The galley's last page is not filled; nor is a page of one picture.
	f.i = len(elems)
	if f.more() {
		t.Error("more after the last elem")
	}
	pic := []elem{{h: 60}}
	f = newFlow(pic)
	pl = &pagePlan{start: 0, end: 1, bodyH: 60}
	if extra := f.fillPage(f.rows(pl), pl, f.footTop(pl)); extra != nil {
		t.Errorf("a lone picture was moved: %v", extra)
	}
}
