package notes

import (
	"runtime"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/parallel"
)

// container is one run of inline content a quote can be found in: a
// paragraph, heading, table cell or caption. Its text is normalized (see
// normalizer) and every normalized rune remembers where it came from.
type container struct {
	list *[]doc.Inline
	pos  doc.Pos
	segs []segment
	norm string
	// For the i-th rune of norm: its byte offset, and the source position
	// just past the last rune it stands for.
	runeAt []int
	to     []loc
}

// segment is a leaf contributing text: a Text, a Code span or a Break.
type segment struct {
	node doc.Inline
	text string
	// path leads from the container's content to the node: path[i].node sits
	// in *path[i].list, and path[i+1].list is path[i].node's content.
	path []frame
}

type frame struct {
	list *[]doc.Inline
	node doc.Inline
	idx  int // node's index in *list
}

// loc is a byte position in a segment's text, just past a rune.
type loc struct{ seg, off int }

// match is one occurrence of a quote.
type match struct {
	entry *doc.Entry
	c     *container
	// end is the source position just past the quote's last rune.
	end loc
}

// hits are where one annotation's quote was found: how many times, and
// the first few matches (enough to place it, or to say where it is when
// found more than once).
type hits struct {
	n  int
	ms []match
}

// keptMatches is how many matches hits keeps.
const keptMatches = 3

// search finds every annotation's quote in the book's entries, within each
// annotation's scope, skipping the headings in skip. All quotes are looked
// for at once, in one pass over each entry's text; the entries are
// searched on every core, and their hits added up in book order, so the
// matches kept are the first ones whatever the number of cores.
func (r *resolver) search(anns []*annotation, skip map[*doc.Heading]bool) map[*annotation]*hits {
	found := map[*annotation]*hits{}
	if len(anns) == 0 {
		return found
	}
	// Annotations searching the whole book, and those searching one entry,
	// each with one finder of their distinct quotes.
	wholeBook := &quoteSet{}
	scoped := map[*doc.Entry]*quoteSet{}
	for _, a := range anns {
		set := wholeBook
		if a.scope != nil {
			if set = scoped[a.scope]; set == nil {
				set = &quoteSet{}
				scoped[a.scope] = set
			}
		}
		set.add(a)
	}
	// Made now: the searches only read them.
	wholeBook.makeFinder()
	for _, set := range scoped {
		set.makeFinder()
	}
	entries := r.entries()
	workers := runtime.GOMAXPROCS(0)
	scratch := make([]searchScratch, workers)
	inEntry := make([]map[*annotation]*hits, len(entries))
	parallel.For(len(entries), workers, func(w, i int) {
		e := entries[i]
		sets := []*quoteSet{wholeBook, scoped[e]}
		if sets[1] == nil {
			sets = sets[:1]
		}
		if len(sets) == 1 && len(wholeBook.queries) == 0 {
			return
		}
		inEntry[i] = searchEntry(e, sets, skip, &scratch[w])
	})
	for _, hs := range inEntry {
		for a, h := range hs {
			all := found[a]
			if all == nil {
				all = &hits{}
				found[a] = all
			}
			all.n += h.n
			all.ms = append(all.ms, h.ms[:min(len(h.ms), keptMatches-len(all.ms))]...)
		}
	}
	return found
}

// searchScratch is what one worker's searches reuse.
type searchScratch struct {
	quick     normalizer
	candidate []bool
}

// searchEntry finds the quotes of sets in one entry; nil when none is
// there.
func searchEntry(e *doc.Entry, sets []*quoteSet, skip map[*doc.Heading]bool, sc *searchScratch) map[*annotation]*hits {
	var found map[*annotation]*hits
	for _, blocks := range entryBlockSets(e) {
		for _, run := range inlineRuns(blocks, e.File, skip) {
			// Most runs hold no quote: look in their normalized text
			// first, and map positions back only where something is found.
			sc.quick.reset()
			sc.quick.feed(*run.list)
			norm := sc.quick.String()
			var c *container
			for _, set := range sets {
				if cap(sc.candidate) < len(set.quotes) {
					sc.candidate = make([]bool, len(set.quotes))
				}
				candidate := sc.candidate[:len(set.quotes)]
				if !set.look(norm, candidate) {
					continue
				}
				if c == nil {
					c = newContainer(run.list, run.pos)
				}
				set.f.find(c.norm, func(qi, end int) {
					if !candidate[qi] {
						return
					}
					b := end - len(set.quotes[qi])
					for _, q := range set.queries[qi] {
						if !surrounded(c.norm, b, end, q.prefix, q.suffix) {
							continue
						}
						if found == nil {
							found = map[*annotation]*hits{}
						}
						h := found[q.a]
						if h == nil {
							h = &hits{}
							found[q.a] = h
						}
						h.n++
						if len(h.ms) < keptMatches {
							last := sort.SearchInts(c.runeAt, end) - 1
							h.ms = append(h.ms, match{entry: e, c: c, end: c.to[last]})
						}
					}
				})
			}
		}
	}
	return found
}

// query is an annotation's quote, prefix and suffix, normalized.
type query struct {
	a              *annotation
	prefix, suffix string
}

// quoteSet is the annotations searching one scope, grouped by quote.
type quoteSet struct {
	quotes  []string
	queries [][]query
	byQuote map[string]int
	f       *quoteFinder
}

func (s *quoteSet) add(a *annotation) {
	if s.byQuote == nil {
		s.byQuote = map[string]int{}
	}
	key := quoteKey(a.quote)
	if key == "" {
		// Loading refuses such a quote; an empty one would match everywhere.
		return
	}
	qi, ok := s.byQuote[key]
	if !ok {
		qi = len(s.quotes)
		s.byQuote[key] = qi
		s.quotes = append(s.quotes, key)
		s.queries = append(s.queries, nil)
	}
	s.queries[qi] = append(s.queries[qi], query{a, strings.TrimRight(normalizeText(a.prefix), " "), strings.TrimLeft(normalizeText(a.suffix), " ")})
}

// makeFinder makes the finder of the set's quotes, once they are all added.
func (s *quoteSet) makeFinder() {
	s.f = newQuoteFinder(s.quotes)
}

// look marks in candidate (one flag a quote) the quotes that occur in
// norm, with their prefix and suffix, and reports whether any does.
func (s *quoteSet) look(norm string, candidate []bool) bool {
	if len(s.quotes) == 0 {
		return false
	}
	clear(candidate)
	any := false
	s.f.find(norm, func(qi, end int) {
		if candidate[qi] {
			return
		}
		for _, q := range s.queries[qi] {
			if surrounded(norm, end-len(s.quotes[qi]), end, q.prefix, q.suffix) {
				candidate[qi], any = true, true
				return
			}
		}
	})
	return any
}

// quoteKey is the normalized form of a quote, surrounding space removed.
func quoteKey(q string) string { return strings.Trim(normalizeText(q), " ") }

// inlineRun is a block's inline content and where the block starts.
type inlineRun struct {
	list *[]doc.Inline
	pos  doc.Pos
}

// inlineRuns lists the inline runs of blocks, at any depth: paragraphs,
// headings (but those in skip), table cells and captions.
func inlineRuns(blocks []doc.Block, file string, skip map[*doc.Heading]bool) []inlineRun {
	var out []inlineRun
	add := func(list *[]doc.Inline, b doc.Block) {
		if len(*list) > 0 {
			out = append(out, inlineRun{list, posIn(b.Position(), file)})
		}
	}
	doc.Walk(blocks, doc.Visitor{Block: func(b doc.Block) bool {
		switch b := b.(type) {
		case *doc.Paragraph:
			add(&b.Content, b)
		case *doc.Heading:
			if !skip[b] {
				add(&b.Content, b)
			}
		case *doc.Table:
			for _, c := range b.Header {
				if c != nil {
					add(&c.Content, b)
				}
			}
			for _, row := range b.Rows {
				for _, c := range row {
					if c != nil {
						add(&c.Content, b)
					}
				}
			}
		case *doc.Figure:
			add(&b.Caption, b)
		}
		return true
	}})
	return out
}

func newContainer(list *[]doc.Inline, pos doc.Pos) *container {
	c := &container{list: list, pos: pos}
	c.flatten(list, nil)
	n := normalizer{track: true}
	for i, s := range c.segs {
		for off := 0; off < len(s.text); {
			r, size := utf8.DecodeRuneInString(s.text[off:])
			n.add(r, loc{i, off + size})
			off += size
		}
	}
	c.norm = n.String()
	c.runeAt, c.to = n.runeAt, n.to
	return c
}

// flatten lists the text-bearing leaves under list, in order.
func (c *container) flatten(list *[]doc.Inline, parent []frame) {
	for i, in := range *list {
		path := append(parent[:len(parent):len(parent)], frame{list, in, i})
		switch in := in.(type) {
		case *doc.Text:
			if in.Text != "" {
				c.segs = append(c.segs, segment{in, in.Text, path})
			}
		case *doc.Code:
			if in.Text != "" {
				c.segs = append(c.segs, segment{in, in.Text, path})
			}
		case *doc.Break:
			c.segs = append(c.segs, segment{in, "\n", path})
		case *doc.Emph:
			c.flatten(&in.Content, path)
		case *doc.Strong:
			c.flatten(&in.Content, path)
		case *doc.Strike:
			c.flatten(&in.Content, path)
		case *doc.Link:
			c.flatten(&in.Content, path)
		case *doc.Span:
			c.flatten(&in.Content, path)
		}
	}
}

// surrounded reports whether the text of norm before byte b ends with
// prefix and the text after byte e starts with suffix, whitespace at the
// junctions ignored.
func surrounded(norm string, b, e int, prefix, suffix string) bool {
	return strings.HasSuffix(strings.TrimRight(norm[:b], " "), prefix) &&
		strings.HasPrefix(strings.TrimLeft(norm[e:], " "), suffix)
}

// placement is where a note marker goes: right after the node after in
// *list, or, when split >= 0, inside that Text node after split bytes.
type placement struct {
	list  *[]doc.Inline
	after doc.Inline
	idx   int // after's index in *list before any insertion
	split int
	order int        // the annotation's rank, to keep markers at one place in file order
	ref   doc.Inline // a note reference, or an index term's anchor
}

// placementAt decides where the marker of a quote ending at end goes: in
// the text right after it; after the whole link when it ends inside one (a
// marker is a link itself, and links cannot nest); after a code span it ends
// inside; and outside the markup the quote ends with ("*Capital*" gets its
// marker after the emphasis).
func (c *container) placementAt(end loc) placement {
	s := c.segs[end.seg]
	path := s.path
	at := func(k int) placement {
		return placement{list: path[k].list, after: path[k].node, idx: path[k].idx, split: -1}
	}
	for k, f := range path {
		if _, ok := f.node.(*doc.Link); ok {
			return at(k)
		}
	}
	if t, ok := s.node.(*doc.Text); ok && end.off < len(t.Text) {
		p := at(len(path) - 1)
		p.split = end.off
		return p
	}
	k := len(path) - 1
	for k > 0 && path[k].idx == len(*path[k].list)-1 {
		k--
	}
	return at(k)
}

// applyPlacements inserts the markers, rebuilding each inline list that
// gets any in one pass: a marker goes after its node, or inside a Text
// node at its split, which cuts the text there; markers at one place end
// up in annotation order.
func applyPlacements(places []placement) {
	byList := map[*[]doc.Inline][]placement{}
	var lists []*[]doc.Inline
	for _, p := range places {
		if _, ok := byList[p.list]; !ok {
			lists = append(lists, p.list)
		}
		byList[p.list] = append(byList[p.list], p)
	}
	for _, list := range lists {
		ps := byList[list]
		sort.SliceStable(ps, func(i, j int) bool {
			a, b := ps[i], ps[j]
			if a.idx != b.idx {
				return a.idx < b.idx
			}
			if as, bs := splitKey(a), splitKey(b); as != bs {
				return as < bs
			}
			return a.order < b.order
		})
		old := *list
		out := make([]doc.Inline, 0, len(old)+2*len(ps))
		k := 0
		for i, node := range old {
			j := k
			for j < len(ps) && ps[j].idx == i {
				j++
			}
			group := ps[k:j]
			k = j
			if len(group) == 0 || group[0].after != node {
				out = append(out, node) // no marker here (a mismatch cannot happen: lists are only rebuilt here)
				continue
			}
			t, isText := node.(*doc.Text)
			if !isText {
				out = append(out, node)
				for _, p := range group {
					out = append(out, p.ref)
				}
				continue
			}
			// Cut the text at each split, then the markers after it.
			text, prev, head := t.Text, 0, true
			emit := func(s string) {
				if head {
					t.Text, head = s, false
					out = append(out, t)
					return
				}
				out = append(out, &doc.Text{Text: s})
			}
			var after []doc.Inline
			for _, p := range group {
				if p.split < 0 || p.split >= len(text) {
					after = append(after, p.ref)
					continue
				}
				if head || p.split > prev {
					emit(text[prev:p.split])
					prev = p.split
				}
				out = append(out, p.ref)
			}
			if head || prev < len(text) {
				emit(text[prev:])
			}
			out = append(out, after...)
		}
		*list = out
	}
}

func splitKey(p placement) int {
	if p.split < 0 {
		return int(^uint(0) >> 1)
	}
	return p.split
}

// normalizer folds the typographic variants a quote should match through:
// whitespace runs become one space; curly and straight quotes one straight
// quote; runs of hyphens and dashes one hyphen; an ellipsis three full
// stops. Soft hyphens and zero-width spaces are dropped.
type normalizer struct {
	buf []byte
	// track records where each normalized rune came from; without it the
	// normalizer only builds the text.
	track  bool
	runeAt []int
	to     []loc
	// pending is a space or hyphen run not yet written, ending at pendTo.
	pending rune
	pendTo  loc
}

func (n *normalizer) add(r rune, to loc) {
	switch {
	case r == '\u00AD' || r == '\u200B' || r == '\uFEFF':
		return
	case unicode.IsSpace(r):
		n.run(' ', to)
		return
	case isDash(r):
		n.run('-', to)
		return
	}
	n.flush()
	switch r {
	case '‘', '’', '‚', '‛', '′':
		r = '\''
	case '“', '”', '„', '‟', '″':
		r = '"'
	case '…':
		n.emit('.', to)
		n.emit('.', to)
		r = '.'
	}
	n.emit(r, to)
}

func (n *normalizer) run(r rune, to loc) {
	if n.pending != r {
		n.flush()
		n.pending = r
	}
	n.pendTo = to
}

func (n *normalizer) flush() {
	if n.pending != 0 {
		n.emit(n.pending, n.pendTo)
		n.pending = 0
	}
}

func (n *normalizer) emit(r rune, to loc) {
	if n.track {
		n.runeAt = append(n.runeAt, len(n.buf))
		n.to = append(n.to, to)
	}
	n.buf = utf8.AppendRune(n.buf, r)
}

// String flushes any pending run and returns the normalized text.
func (n *normalizer) String() string {
	n.flush()
	return string(n.buf)
}

func (n *normalizer) reset() {
	n.buf, n.pending = n.buf[:0], 0
}

// feed normalizes the text of inline content, as PlainText renders it.
func (n *normalizer) feed(in []doc.Inline) {
	for _, x := range in {
		switch x := x.(type) {
		case *doc.Text:
			n.feedString(x.Text)
		case *doc.Code:
			n.feedString(x.Text)
		case *doc.Break:
			n.add('\n', loc{})
		case *doc.NoteRef, *doc.Image, *doc.Math:
			// a formula, as a picture, is no text to anchor a note in
			// (flatten leaves it out too)
		default:
			n.feed(doc.InlineChildren(x))
		}
	}
}

func (n *normalizer) feedString(s string) {
	for _, r := range s {
		n.add(r, loc{})
	}
}

func isDash(r rune) bool {
	return r == '-' || r >= '\u2010' && r <= '\u2015'
}

// normalizeText is the normalized form of s.
func normalizeText(s string) string {
	var n normalizer
	n.feedString(s)
	return n.String()
}
