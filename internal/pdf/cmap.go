package pdf

import (
	"errors"
	"fmt"
	"slices"
	"unicode/utf16"

	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// A ToUnicode CMap maps character codes to Unicode text. Its bfrange
// entries may vary only in the last byte of the code, and the last byte of
// the destination may not pass 255; gofpdf writes one range over all 65536
// codes instead. normalizeCMap reads a ToUnicode CMap and writes it again
// with every range split where a code's or a destination's last byte
// would wrap, and with no code mapped to a lone UTF-16 surrogate.

// bfRange maps codes lo..hi (equal length) to dst, dst+1, …, or to the
// strings of dsts in turn.
type bfRange struct {
	lo, hi []byte
	dst    []byte
	dsts   pdffile.Array
}

type cmap struct {
	systemInfo pdffile.Object
	name       pdffile.Object
	codespace  [][2][]byte
	chars      [][2][]byte
	ranges     []bfRange
}

func normalizeCMap(data []byte) ([]byte, error) { return mapCMap(data, nil) }

// mapCMap is normalizeCMap with the two-byte codes of text mapped to their
// text, whatever the map said of them: the painter draws ligatures and
// characters beyond U+FFFF with codes that are not their own code points.
func mapCMap(data []byte, text map[uint16]string) ([]byte, error) {
	cm, err := readCMap(data)
	if err != nil {
		return nil, err
	}
	mapped := func(code []byte) bool {
		if len(code) != 2 {
			return false
		}
		_, ok := text[uint16(code[0])<<8|uint16(code[1])]
		return ok
	}
	var chars [][2][]byte
	for _, c := range cm.chars {
		if !isSurrogate(c[1]) && !mapped(c[0]) {
			chars = append(chars, c)
		}
	}
	codes := make([]uint16, 0, len(text))
	for c := range text {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, c := range codes {
		var dst []byte
		for _, u := range utf16.Encode([]rune(text[c])) {
			dst = append(dst, byte(u>>8), byte(u))
		}
		chars = append(chars, [2][]byte{{byte(c >> 8), byte(c)}, dst})
	}
	var ranges []bfRange
	for _, r := range cm.ranges {
		for _, piece := range splitRange(r) {
			ranges = append(ranges, cutRange(piece, codes)...)
		}
	}
	return writeCMap(cm, chars, ranges)
}

// cutRange leaves the codes cut (sorted) out of a two-byte range. It
// steps from cut code to cut code, not through the range's codes: gofpdf's
// one range spans all 65536.
func cutRange(r bfRange, cut []uint16) []bfRange {
	if len(cut) == 0 || len(r.lo) != 2 {
		return []bfRange{r}
	}
	lo, hi := code(r.lo), code(r.hi)
	var out []bfRange
	piece := func(start, end uint64) {
		p := bfRange{lo: bytesOf(start, 2), hi: bytesOf(end, 2)}
		if r.dsts != nil {
			p.dsts = r.dsts[start-lo : end+1-lo]
		} else {
			p.dst = bytesOf(code(r.dst)+(start-lo), len(r.dst))
		}
		out = append(out, p)
	}
	start := lo
	i, _ := slices.BinarySearch(cut, uint16(min(lo, 0xFFFF)))
	for ; i < len(cut) && uint64(cut[i]) <= hi; i++ {
		if c := uint64(cut[i]); c > start {
			piece(start, c-1)
		}
		start = uint64(cut[i]) + 1
	}
	if start <= hi {
		piece(start, hi)
	}
	return out
}

func readCMap(data []byte) (*cmap, error) {
	objs, err := pdffile.ParseContent(data)
	if err != nil {
		return nil, err
	}
	cm := &cmap{}
	str := func(o pdffile.Object) ([]byte, bool) {
		s, ok := o.(pdffile.String)
		return s.Bytes, ok
	}
	for i := 0; i < len(objs); i++ {
		if i+1 < len(objs) {
			switch objs[i] {
			case pdffile.Name("CIDSystemInfo"):
				cm.systemInfo = objs[i+1]
			case pdffile.Name("CMapName"):
				cm.name = objs[i+1]
			}
		}
		kw, ok := objs[i].(pdffile.Keyword)
		if !ok {
			continue
		}
		width := map[pdffile.Keyword]int{"begincodespacerange": 2, "beginbfchar": 2, "beginbfrange": 3}[kw]
		if width == 0 {
			continue
		}
		end := pdffile.Keyword("end" + string(kw[len("begin"):]))
		j := i + 1
		for ; j < len(objs) && objs[j] != end; j += width {
			if j+width > len(objs) {
				return nil, fmt.Errorf("%s not closed", kw)
			}
			lo, ok1 := str(objs[j])
			hi, ok2 := str(objs[j+1])
			if !ok1 || (!ok2 && kw != "beginbfchar") {
				return nil, fmt.Errorf("%s: entry is not a string", kw)
			}
			switch kw {
			case "begincodespacerange":
				cm.codespace = append(cm.codespace, [2][]byte{lo, hi})
			case "beginbfchar":
				if ok2 { // a character name instead of text has no Unicode value
					cm.chars = append(cm.chars, [2][]byte{lo, hi})
				}
			case "beginbfrange":
				if len(lo) != len(hi) || len(lo) == 0 || len(lo) > 4 {
					return nil, errors.New("bfrange codes of unequal or unusual length")
				}
				r := bfRange{lo: lo, hi: hi}
				switch d := objs[j+2].(type) {
				case pdffile.String:
					if len(d.Bytes) == 0 || len(d.Bytes) > 8 {
						return nil, errors.New("bfrange destination of unusual length")
					}
					r.dst = d.Bytes
				case pdffile.Array:
					r.dsts = d
				default:
					return nil, errors.New("bfrange destination is neither a string nor an array")
				}
				if code(hi) < code(lo) || (r.dsts != nil && len(r.dsts) != int(code(hi)-code(lo)+1)) {
					return nil, errors.New("bfrange does not fit its destinations")
				}
				cm.ranges = append(cm.ranges, r)
			}
		}
		if j >= len(objs) {
			return nil, fmt.Errorf("%s not closed", kw)
		}
		i = j
	}
	if len(cm.codespace) == 0 {
		return nil, errors.New("no code space")
	}
	return cm, nil
}

// code reads a big-endian number.
func code(b []byte) uint64 {
	var v uint64
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v
}

// bytesOf writes v big-endian in n bytes.
func bytesOf(v uint64, n int) []byte {
	b := make([]byte, n)
	for i := n - 1; i >= 0; i-- {
		b[i] = byte(v)
		v >>= 8
	}
	return b
}

// isSurrogate reports a destination that is a single UTF-16 surrogate,
// which is no character.
func isSurrogate(dst []byte) bool {
	return len(dst) == 2 && dst[0] >= 0xD8 && dst[0] <= 0xDF
}

// splitRange splits r where the last byte of its codes or of its
// destinations would wrap, dropping codes mapped to lone surrogates.
func splitRange(r bfRange) []bfRange {
	lo, hi := code(r.lo), code(r.hi)
	n := len(r.lo)
	dst := code(r.dst)
	var out []bfRange
	for c := lo; c <= hi; {
		end := min(hi, c|0xFF)
		if r.dsts == nil {
			d := dst + (c - lo)
			end = min(end, c+(0xFF-(d&0xFF)))
			piece := bytesOf(d, len(r.dst))
			if !isSurrogate(piece) {
				out = append(out, bfRange{lo: bytesOf(c, n), hi: bytesOf(end, n), dst: piece})
			}
		} else {
			out = append(out, bfRange{lo: bytesOf(c, n), hi: bytesOf(end, n), dsts: r.dsts[c-lo : end-lo+1]})
		}
		c = end + 1
	}
	return out
}

func writeCMap(cm *cmap, chars [][2][]byte, ranges []bfRange) ([]byte, error) {
	hex := func(b []byte) pdffile.String { return pdffile.String{Bytes: b, Hex: true} }
	b := []byte("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
	var err error
	if cm.systemInfo != nil {
		b = append(b, "/CIDSystemInfo "...)
		if b, err = pdffile.AppendObject(b, cm.systemInfo); err != nil {
			return nil, err
		}
		b = append(b, " def\n"...)
	}
	if cm.name != nil {
		b = append(b, "/CMapName "...)
		if b, err = pdffile.AppendObject(b, cm.name); err != nil {
			return nil, err
		}
		b = append(b, " def\n"...)
	}
	b = append(b, "/CMapType 2 def\n"...)
	// A block holds at most 100 entries.
	block := func(kind string, n int, entry func(i int) []pdffile.Object) error {
		for start := 0; start < n; start += 100 {
			end := min(n, start+100)
			b = fmt.Appendf(b, "%d begin%s\n", end-start, kind)
			for i := start; i < end; i++ {
				for k, o := range entry(i) {
					if k > 0 {
						b = append(b, ' ')
					}
					if b, err = pdffile.AppendObject(b, o); err != nil {
						return err
					}
				}
				b = append(b, '\n')
			}
			b = fmt.Appendf(b, "end%s\n", kind)
		}
		return nil
	}
	if err := block("codespacerange", len(cm.codespace), func(i int) []pdffile.Object {
		return []pdffile.Object{hex(cm.codespace[i][0]), hex(cm.codespace[i][1])}
	}); err != nil {
		return nil, err
	}
	if err := block("bfchar", len(chars), func(i int) []pdffile.Object {
		return []pdffile.Object{hex(chars[i][0]), hex(chars[i][1])}
	}); err != nil {
		return nil, err
	}
	if err := block("bfrange", len(ranges), func(i int) []pdffile.Object {
		r := ranges[i]
		if r.dsts != nil {
			return []pdffile.Object{hex(r.lo), hex(r.hi), r.dsts}
		}
		return []pdffile.Object{hex(r.lo), hex(r.hi), hex(r.dst)}
	}); err != nil {
		return nil, err
	}
	b = append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"...)
	return b, nil
}
