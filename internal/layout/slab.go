package layout

// slabChunk is the number of values a slab allocates at once.
const slabChunk = 64

// slab hands out values and short slices carved from chunks it allocates,
// one allocation for the runs, kerns or items of many lines instead of one
// each. A slice it gives is capped at its length, so appending to it copies
// it rather than overwrite what follows. A chunk lives as long as any value
// in it: the values of one galley, set together, are let go together.
type slab[T any] struct{ free []T }

// one is a new zero value.
func (s *slab[T]) one() *T {
	if len(s.free) == 0 {
		s.free = make([]T, slabChunk)
	}
	v := &s.free[0]
	s.free = s.free[1:]
	return v
}

// copyOf is a copy of src, nil when src is empty.
func (s *slab[T]) copyOf(src []T) []T {
	n := len(src)
	switch {
	case n == 0:
		return nil
	case n > slabChunk/4:
		return append([]T(nil), src...)
	case len(s.free) < n:
		s.free = make([]T, slabChunk)
	}
	out := s.free[:n:n]
	copy(out, src)
	s.free = s.free[n:]
	return out
}
