package fonts

import (
	ott "github.com/go-text/typesetting/font/opentype/tables"
)

// go-text v0.3.5's shaper skips a glyph in a lookup's coverage when it
// thinks the glyph is not covered. It asks a digest first: three 64-bit
// masks of glyph ID bits (the ID shifted by 4, 0 and 6, modulo 64), to
// which every covered glyph adds its bit. Adding a range of glyph IDs,
// the port gives up as soon as any one mask is full, where HarfBuzz gives
// up only when all three are: the glyphs of the ranges after that are in
// no mask, and the lookup passes them by. A font whose coverage tables
// hold a range of 63 or more glyphs before others is shaped wrongly:
// Noto Nastaliq Urdu's cursive attachment misses letters, which then sit
// on the baseline instead of stepping down its slanting one, and its
// substitutions miss glyphs too. misshaped finds such a font by asking
// the same question of each lookup's coverage, from the tables the shaper
// reads, as the port builds its digests.

// digestShifts are the shifts of the port's three masks.
var digestShifts = [3]uint{4, 0, 6}

// portDigest is the port's digest of a lookup's or a subtable's coverage.
type portDigest [3]uint64

func (d *portDigest) add(g ott.GlyphID) {
	for i, sh := range digestShifts {
		d[i] |= 1 << ((uint(g) >> sh) & 63)
	}
}

// addRange adds the glyphs a to b, as the port does: nothing at all once
// any mask is full.
func (d *portDigest) addRange(a, b ott.GlyphID) {
	for _, m := range d {
		if m == ^uint64(0) {
			return
		}
	}
	for i, sh := range digestShifts {
		lo, hi := uint(a)>>sh, uint(b)>>sh
		if hi-lo >= 63 {
			d[i] = ^uint64(0)
			continue
		}
		ma, mb := uint64(1)<<(lo&63), uint64(1)<<(hi&63)
		span := mb + (mb - ma)
		if mb < ma {
			span--
		}
		d[i] |= span
	}
}

func (d *portDigest) addCoverage(c ott.Coverage) {
	switch c := c.(type) {
	case ott.Coverage1:
		for _, g := range c.Glyphs {
			d.add(g)
		}
	case ott.Coverage2:
		for _, r := range c.Ranges {
			d.addRange(r.StartGlyphID, r.EndGlyphID)
		}
	}
}

func (d portDigest) has(g ott.GlyphID) bool {
	for i, sh := range digestShifts {
		if d[i]&(1<<((uint(g)>>sh)&63)) == 0 {
			return false
		}
	}
	return true
}

// covered calls f with each glyph of c, stopping when f returns false.
func covered(c ott.Coverage, f func(ott.GlyphID) bool) bool {
	switch c := c.(type) {
	case ott.Coverage1:
		for _, g := range c.Glyphs {
			if !f(g) {
				return false
			}
		}
	case ott.Coverage2:
		for _, r := range c.Ranges {
			for g := int(r.StartGlyphID); g <= int(r.EndGlyphID); g++ {
				if !f(ott.GlyphID(g)) {
					return false
				}
			}
		}
	}
	return true
}

// coveredLookup is a lookup's subtables' coverages, as the shaper reads
// them.
type coveredLookup []ott.Coverage

// skipsCovered reports whether the port's digests of lookup, its own and
// each subtable's, leave out a glyph one of its coverages holds.
func skipsCovered(lookup coveredLookup) bool {
	var all portDigest
	for _, c := range lookup {
		all.addCoverage(c)
	}
	for _, c := range lookup {
		var own portDigest
		own.addCoverage(c)
		if !covered(c, func(g ott.GlyphID) bool { return all.has(g) && own.has(g) }) {
			return true
		}
	}
	return false
}

// Misshaped reports whether the shaper skips glyphs that the lookups of
// face f's font cover (see above): text that meets those glyphs is shaped
// otherwise than HarfBuzz shapes it. Many fonts have such a lookup
// somewhere (Noto Serif's, Noto Sans Devanagari's) whose lost glyphs text
// seldom meets; Noto Nastaliq Urdu's is the cursive attachment of its
// letters, which every word meets.
func (s *Set) Misshaped(f Face) bool {
	l := s.font(f)
	return l != nil && l.isMisshaped()
}

func (l *loaded) isMisshaped() bool {
	l.misshapedOnce.Do(func() {
		face := l.shapingFace()
		if face == nil {
			return
		}
		for _, lk := range face.Font.GSUB.Lookups {
			c := make(coveredLookup, 0, len(lk.Subtables))
			for _, st := range lk.Subtables {
				c = append(c, st.Cov())
			}
			if skipsCovered(c) {
				l.misshaped = true
				return
			}
		}
		for _, lk := range face.Font.GPOS.Lookups {
			c := make(coveredLookup, 0, len(lk.Subtables))
			for _, st := range lk.Subtables {
				c = append(c, st.Cov())
			}
			if skipsCovered(c) {
				l.misshaped = true
				return
			}
		}
	})
	return l.misshaped
}
