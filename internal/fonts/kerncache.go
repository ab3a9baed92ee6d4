package fonts

import "sync/atomic"

// kernRows answers the kerning of pairs of common runes (and the standard
// ligatures) from rows filled on first use: the layout asks for the kern of
// every pair of characters it measures, several times over, and a row
// lookup costs a fraction of walking the font's pair tables. Rows are
// published atomically, so lookups take no lock.
type kernRows struct {
	// col is the column of a rune some pair kerns on its right, 0 if none.
	col   [kernSlots]uint16
	slots []int // column -> slot
	rows  [kernSlots]atomic.Pointer[[]float32]
}

// kernSlots numbers the common runes, then the standard ligatures.
const kernSlots = commonRunes + len(StandardLigatures)

func kernSlot(r rune) int {
	if r >= 0 && r < commonRunes {
		return int(r)
	}
	if i := ligatureIndex(r); i >= 0 {
		return commonRunes + i
	}
	return -1
}

func (l *loaded) slotGlyph(slot int) glyph {
	if slot < commonRunes {
		return l.common[slot]
	}
	return l.ligs[slot-commonRunes]
}

// newKernRows finds the runes that can be kerned on the right.
func newKernRows(l *loaded, k *kerning) *kernRows {
	right := make([]bool, l.font.NumGlyphs())
	all := false
	for i := range k.tables {
		t := &k.tables[i]
		for _, g := range t.second {
			if int(g) < len(right) {
				right[g] = true
			}
		}
		for g, c := range t.class2 {
			if c != 0 {
				right[g] = true
			}
		}
		// Class 0 holds every glyph no class names; a kern for it reaches
		// them all.
		for c1 := 0; t.n2 > 0 && c1*t.n2 < len(t.matrix); c1++ {
			all = all || t.matrix[c1*t.n2] != 0
		}
	}
	for key := range k.legacy {
		if g := int(key & 0xFFFF); g < len(right) {
			right[g] = true
		}
	}
	kr := &kernRows{slots: []int{-1}}
	for s := 0; s < kernSlots; s++ {
		g := l.slotGlyph(s)
		if g.id != 0 && (all || right[g.id]) && len(kr.slots) < 1<<16 {
			kr.col[s] = uint16(len(kr.slots))
			kr.slots = append(kr.slots, s)
		}
	}
	return kr
}

// kern is the kern between the runes in slots a and b, in ems.
func (kr *kernRows) kern(l *loaded, a, b int) float32 {
	c := kr.col[b]
	if c == 0 {
		return 0
	}
	row := kr.rows[a].Load()
	if row == nil {
		row = kr.fill(l, a)
	}
	return (*row)[c]
}

func (kr *kernRows) fill(l *loaded, a int) *[]float32 {
	row := make([]float32, len(kr.slots))
	if ga := l.slotGlyph(a); ga.id != 0 {
		for c := 1; c < len(kr.slots); c++ {
			gb := l.slotGlyph(kr.slots[c])
			row[c] = float32(float64(l.kern.kern(int(ga.id), int(gb.id))) / l.unitsPerEm)
		}
	}
	// Two goroutines may fill the same row; they fill it alike.
	kr.rows[a].CompareAndSwap(nil, &row)
	return kr.rows[a].Load()
}
