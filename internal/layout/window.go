package layout

import (
	"slices"
	"unicode/utf8"
)

// A paragraph of thousands of words (an OCR dump, a badly converted text
// with no blank line) is broken in windows, as a TeX user splits one too
// long for the optimal breaker: the nodes of a few thousand words at a
// time, so the memory a paragraph takes no longer grows with its length.
// The search through a window stops at its end and keeps only the breaks
// the best ways to every break still open share: the best way through
// the whole paragraph takes them whatever follows, so the lines are those
// of the paragraph broken whole. The next window goes on from the last of
// them. Paragraphs shorter than two windows are broken whole, as before.
const (
	// paraWindowWords is the length of a window, in word spaces.
	paraWindowWords = 2000
	// windowGrowth is how many times longer than paraWindowWords a
	// window may grow while the ways through it have not met.
	windowGrowth = 8
	// windowSpareLines is how many lines at a window's end are set again
	// in the next when the ways through it never met, or it was set
	// greedily: the optimal breaker's choices are rarely felt more than a
	// few lines back.
	windowSpareLines = 12
)

// resumeAt is a place in a paragraph's segs where a line may start: the
// text of seg si from byte at on, after the break node node.
type resumeAt struct {
	node, si, at int32
}

// countWords counts the word spaces of segs, stopping at limit.
func countWords(segs []seg, limit int) int {
	n := 0
	for _, sg := range segs {
		if sg.kind != segText || sg.mark != nil || sg.pic != nil {
			continue
		}
		for i := 0; i < len(sg.text); {
			r, sz := utf8.DecodeRuneInString(sg.text[i:])
			i += sz
			if !isBreakSpace(r) {
				continue
			}
			if n++; n >= limit {
				return n
			}
			for i < len(sg.text) {
				r, sz := utf8.DecodeRuneInString(sg.text[i:])
				if !isBreakSpace(r) {
					break
				}
				i += sz
			}
		}
	}
	return n
}

// windowEnd finds where a window of words word spaces from the start of
// segs ends: at its last space, in seg si at byte at. It reports false
// when segs hold fewer.
func windowEnd(segs []seg, words int) (si, at int, ok bool) {
	n := 0
	for si, sg := range segs {
		if sg.kind != segText || sg.mark != nil || sg.pic != nil {
			continue
		}
		for i := 0; i < len(sg.text); {
			r, sz := utf8.DecodeRuneInString(sg.text[i:])
			if !isBreakSpace(r) {
				i += sz
				continue
			}
			if n++; n >= words {
				return si, i, true
			}
			for i < len(sg.text) {
				r, sz := utf8.DecodeRuneInString(sg.text[i:])
				if !isBreakSpace(r) {
					break
				}
				i += sz
			}
		}
	}
	return 0, 0, false
}

// cutSeg is seg sg from byte at of its text on.
func cutSeg(sg seg, at int) seg {
	sg.off += utf8.RuneCountInString(sg.text[:at])
	sg.text = sg.text[at:]
	return sg
}

// setParaWindowed sets a paragraph too long to be broken whole (see
// paraWindowWords) window by window, of words word spaces each. A
// justified paragraph is set in the first pass of the line breaker that
// sets every window, as it would be broken whole: the windows are first
// only broken, pass after pass, until one sets them all.
func (e *engine) setParaWindowed(segs []seg, width, indent float64, mode alignMode, words int) []tline {
	defer func() { e.passOnly, e.carry.on, e.windowDry, e.continued = passAny, false, false, false }()
	pass := passAny
	if mode == alignJustify {
		pass = passCount
		fallbacks, lifted := e.fallbacks, e.hyphenRunsLifted
		e.windowDry = true
		for p := passTight; p < passCount; p++ {
			if p == passHyphenate && !e.o.Hyphenate {
				continue
			}
			if _, ok := e.setWindows(segs, width, indent, mode, words, p); ok {
				pass = p
				break
			}
		}
		e.windowDry = false
		e.fallbacks, e.hyphenRunsLifted = fallbacks, lifted
	}
	lines, _ := e.setWindows(segs, width, indent, mode, words, pass)
	return lines
}

// setWindows sets segs window by window in the line breaker's pass
// (passAny for ragged text, passCount to set justified text greedily), or
// with e.windowDry only breaks them. It reports false if the pass could
// not set a window.
func (e *engine) setWindows(segs []seg, width, indent float64, mode alignMode, words, pass int) ([]tline, bool) {
	e.passOnly, e.carry.on, e.continued = pass, false, false
	var lines []tline
	// rest is what is left to set, its first seg cut where the last
	// window's kept lines ended; it is a copy, the caller's segs unchanged.
	rest := slices.Clone(segs)
	var win []seg
	size := words
	for {
		si, at, more := windowEnd(rest, size)
		if !more {
			lines = append(lines, e.setParaWhole(rest, width, indent, mode, false)...)
			return lines, !e.windowFailed
		}
		win = append(win[:0], rest[:si+1]...)
		win[si].text = win[si].text[:at]
		e.windowApprox = size >= windowGrowth*words
		set := e.setParaWhole(win, width, indent, mode, true)
		n := len(e.lineBreaks)
		switch {
		case e.windowFailed:
			if e.windowDry {
				return nil, false
			}
			// not expected, the pass having set every window before
			fallthrough
		case !e.windowExact:
			// set greedily, as a paragraph of its own: its last lines,
			// short, are set again with the next window
			e.carry.on = false
			keep := e.windowCut(n)
			if keep == 0 && !e.windowApprox {
				size *= 2
				continue
			}
			if keep > 0 {
				r := e.resumeAfter(e.lineBreaks[keep-1])
				lines = append(lines, set[:min(keep, len(set))]...)
				si, at = int(r.si), int(r.at)
			} else {
				lines = append(lines, set...)
			}
			size = words
		case n > 0:
			// the lines up to where every way on agreed, the last
			// ending where the next window starts
			r := e.resumeAfter(e.lineBreaks[n-1])
			lines = append(lines, set...)
			si, at = int(r.si), int(r.at)
			size = words
		case !e.windowApprox:
			// the ways have not met yet: a longer window
			size *= 2
			continue
		default:
			// no line the window's best ways share ends where another
			// may start: the window is set as a paragraph of its own
			e.carry.on = false
			lines = append(lines, e.setParaWhole(win, width, indent, mode, false)...)
		}
		if si >= len(rest) {
			return lines, true
		}
		rest = rest[si:]
		rest[0] = cutSeg(rest[0], at)
		e.continued = true
	}
}

// resumeAfter is the place after the break node b, which must be one of
// e.resume; it keeps the prefix sums there for the next window.
func (e *engine) resumeAfter(b int) resumeAt {
	k, _ := slices.BinarySearchFunc(e.resume, int32(b), func(r resumeAt, node int32) int {
		return int(r.node - node)
	})
	j := e.nextStart(b)
	e.carry.sw, e.carry.sst, e.carry.ssh = e.sw[j], e.sst[j], e.ssh[j]
	return e.resume[k]
}

// resumable reports whether a line may start again after the break node b.
func (e *engine) resumable(b int32) bool {
	_, found := slices.BinarySearchFunc(e.resume, b, func(r resumeAt, node int32) int {
		return int(r.node - node)
	})
	return found
}

// windowCut chooses, among the n lines a window was set in as a
// paragraph, how many to keep: all but the last windowSpareLines (half
// of them if there are fewer), up to the last line ending where a line
// may start again. It returns 0 if no such line is found.
func (e *engine) windowCut(n int) int {
	for l := n - 1 - min(windowSpareLines, n/2); l >= 0; l-- {
		if e.resumable(int32(e.lineBreaks[l])) {
			return l + 1
		}
	}
	return 0
}

// windowBreaks, at the end of a window's Knuth–Plass search, returns the
// breaks every active break's best way shares: whatever follows, the
// best way through the whole paragraph takes them, so the window's lines
// up to there are those the paragraph broken whole would have. They end
// at the last of them where a line may start again (after a space or a
// forced break). When the ways share none, the best way is taken, but
// for its last windowSpareLines lines. It sets e.carry for the next
// window and e.windowExact.
func (e *engine) windowBreaks() []int {
	bps, active := e.bps, e.active
	e.windowExact = true
	// the best way to active[0], from its end, with each break's place
	// on it
	chain := e.chainAt[:0]
	at := slices.Repeat([]int32{-1}, len(bps))
	for b := active[0]; b >= 0; b = bps[b].prev {
		at[b] = int32(len(chain))
		chain = append(chain, b)
	}
	e.chainAt = chain
	shared := 0 // the place on chain of the last break all share
	for _, a := range active[1:] {
		b := a
		for at[b] < 0 {
			b = bps[b].prev
		}
		shared = max(shared, int(at[b]))
	}
	x := chain[shared]
	if x == 0 && !e.windowApprox {
		return nil
	}
	if x == 0 {
		best := active[0]
		for _, a := range active {
			if bps[a].dem < bps[best].dem {
				best = a
			}
		}
		x = best
		for k := 0; k < windowSpareLines && x > 0; k++ {
			x = bps[x].prev
		}
	}
	for x > 0 && !e.resumable(bps[x].pos) {
		x = bps[x].prev
	}
	// the demerits too, so that sums of demerits, and so their ties,
	// come out as in the whole paragraph's search
	e.carry.on, e.carry.fit, e.carry.run, e.carry.dem = true, bps[x].fit, bps[x].run, bps[x].dem
	var breaks []int
	for b := x; b > 0; b = bps[b].prev {
		breaks = append(breaks, int(bps[b].pos))
	}
	slices.Reverse(breaks)
	return breaks
}
