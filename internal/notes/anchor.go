package notes

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/doc"
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

// search finds every annotation's quote in the book's entries, within each
// annotation's scope, skipping the headings in skip.
func (r *resolver) search(anns []*annotation, skip map[*doc.Heading]bool) map[*annotation][]match {
	found := map[*annotation][]match{}
	if len(anns) == 0 {
		return found
	}
	type query struct {
		a                     *annotation
		quote, prefix, suffix string
	}
	queries := make([]query, len(anns))
	for i, a := range anns {
		queries[i] = query{a, quoteKey(a.quote), strings.TrimRight(normalizeText(a.prefix), " "), strings.TrimLeft(normalizeText(a.suffix), " ")}
	}
	var quick normalizer
	for _, e := range r.entries() {
		var mine []query
		for _, q := range queries {
			if q.a.scope == nil || q.a.scope == e {
				mine = append(mine, q)
			}
		}
		if len(mine) == 0 {
			continue
		}
		for _, blocks := range entryBlockSets(e) {
			for _, run := range inlineRuns(blocks, e.File, skip) {
				// Most runs hold no quote: look in their normalized text
				// first, and map positions back only where something is found.
				quick.reset()
				quick.feed(*run.list)
				norm := quick.String()
				var c *container
				for _, q := range mine {
					if len(findOffsets(norm, q.quote, q.prefix, q.suffix)) == 0 {
						continue
					}
					if c == nil {
						c = newContainer(run.list, run.pos)
					}
					for _, m := range c.find(q.quote, q.prefix, q.suffix) {
						m.entry = e
						found[q.a] = append(found[q.a], m)
					}
				}
			}
		}
	}
	return found
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
	for _, in := range *list {
		path := append(parent[:len(parent):len(parent)], frame{list, in})
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

// find returns the occurrences of quote (normalized) whose normalized
// surroundings end with prefix and start with suffix.
func (c *container) find(quote, prefix, suffix string) []match {
	var out []match
	for _, b := range findOffsets(c.norm, quote, prefix, suffix) {
		last := sort.SearchInts(c.runeAt, b+len(quote)) - 1
		out = append(out, match{c: c, end: c.to[last]})
	}
	return out
}

// findOffsets returns the byte offsets in norm where quote occurs with
// prefix before it and suffix after it (whitespace at the junctions
// ignored). Overlapping occurrences count, so "aa" is found twice in "aaa".
func findOffsets(norm, quote, prefix, suffix string) []int {
	if quote == "" {
		return nil
	}
	var out []int
	for from := 0; from < len(norm); {
		i := strings.Index(norm[from:], quote)
		if i < 0 {
			break
		}
		b, e := from+i, from+i+len(quote)
		if strings.HasSuffix(strings.TrimRight(norm[:b], " "), prefix) &&
			strings.HasPrefix(strings.TrimLeft(norm[e:], " "), suffix) {
			out = append(out, b)
		}
		_, size := utf8.DecodeRuneInString(norm[b:])
		from = b + size
	}
	return out
}

// placement is where a note marker goes: right after the node after in
// *list, or, when split >= 0, inside that Text node after split bytes.
type placement struct {
	list  *[]doc.Inline
	after doc.Inline
	idx   int // after's index in *list before any insertion
	split int
	order int // the annotation's rank, to keep markers at one place in file order
	ref   *doc.NoteRef
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
		return placement{list: path[k].list, after: path[k].node, idx: indexOf(*path[k].list, path[k].node), split: -1}
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
	for k > 0 && indexOf(*path[k].list, path[k].node) == len(*path[k].list)-1 {
		k--
	}
	return at(k)
}

func indexOf(list []doc.Inline, node doc.Inline) int {
	for i, x := range list {
		if x == node {
			return i
		}
	}
	return -1
}

// applyPlacements inserts the markers. Within one inline list the later
// positions go first, so the recorded indexes and offsets of the earlier
// ones stay true; markers at one place end up in annotation order.
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
				return a.idx > b.idx
			}
			if as, bs := splitKey(a), splitKey(b); as != bs {
				return as > bs
			}
			return a.order > b.order
		})
		for _, p := range ps {
			i := indexOf(*list, p.after)
			if i < 0 {
				continue // cannot happen: nodes are only ever split, never moved
			}
			insert := []doc.Inline{p.ref}
			if t, ok := p.after.(*doc.Text); ok && p.split >= 0 && p.split < len(t.Text) {
				insert = append(insert, &doc.Text{Text: t.Text[p.split:]})
				t.Text = t.Text[:p.split]
			}
			*list = append((*list)[:i+1], append(insert, (*list)[i+1:]...)...)
		}
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
		case *doc.NoteRef, *doc.Image:
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
