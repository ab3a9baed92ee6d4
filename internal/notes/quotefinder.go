package notes

// quoteFinder finds many quotes in a text in one pass over it (the
// Aho–Corasick automaton over bytes), so a book with thousands of
// annotations is searched in time proportional to its length plus the
// matches, not to its length times the number of quotes.
type quoteFinder struct {
	quotes []string
	// edge is the trie: state<<8 | byte -> the state it leads to.
	edge map[uint64]int32
	// root is the start state's row of edge, 0 where none leads: most of
	// a text's bytes are read there, and an array is read faster than a
	// map.
	root [256]int32
	fail []int32
	// out is the quote ending at a state, or -1; more is the next state
	// along the fail links where one ends, or -1.
	out, more []int32
}

func newQuoteFinder(quotes []string) *quoteFinder {
	f := &quoteFinder{quotes: quotes, edge: map[uint64]int32{}, fail: []int32{0}, out: []int32{-1}, more: []int32{-1}}
	children := [][]int32{nil}
	for qi, q := range quotes {
		s := int32(0)
		for i := 0; i < len(q); i++ {
			k := uint64(s)<<8 | uint64(q[i])
			t, ok := f.edge[k]
			if !ok {
				t = int32(len(f.fail))
				f.edge[k] = t
				f.fail, f.out, f.more = append(f.fail, 0), append(f.out, -1), append(f.more, -1)
				children = append(children, nil)
				children[s] = append(children[s], t)
			}
			s = t
		}
		if f.out[s] < 0 {
			f.out[s] = int32(qi)
		}
	}
	for c := range f.root {
		f.root[c] = f.edge[uint64(c)]
	}
	// The byte leading into each state, to find its fail link.
	via := make([]byte, len(f.fail))
	for k, t := range f.edge {
		via[t] = byte(k)
	}
	queue := append([]int32(nil), children[0]...)
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, t := range children[s] {
			queue = append(queue, t)
			fs := f.fail[s]
			for {
				if u, ok := f.edge[uint64(fs)<<8|uint64(via[t])]; ok && u != t {
					f.fail[t] = u
					break
				}
				if fs == 0 {
					break
				}
				fs = f.fail[fs]
			}
			if u := f.fail[t]; f.out[u] >= 0 {
				f.more[t] = u
			} else {
				f.more[t] = f.more[u]
			}
		}
	}
	return f
}

// find calls hit with each quote found in text and the byte offset just
// past it, in order of that offset; overlapping occurrences all count.
func (f *quoteFinder) find(text string, hit func(quote, end int)) {
	s := int32(0)
	for i := 0; i < len(text); i++ {
		c := text[i]
		for {
			if s == 0 {
				s = f.root[c]
				break
			}
			if t, ok := f.edge[uint64(s)<<8|uint64(c)]; ok {
				s = t
				break
			}
			s = f.fail[s]
		}
		for o := s; o > 0; o = f.more[o] {
			if q := f.out[o]; q >= 0 {
				hit(int(q), i+1)
			}
		}
	}
}
