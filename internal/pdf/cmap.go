package pdf

import (
	"encoding/binary"
	"strconv"
	"unicode/utf16"

	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// A ToUnicode CMap maps a font's character codes to Unicode text, which
// is what a reader copies and searches. Its bfrange entries may vary only
// in the last byte of the code, and the last byte of the destination may
// not pass 255.

// toUnicodeCMap maps the codes drawn (sorted) to their text: text's for
// the codes in it, else the code point the code is. Runs of codes mapped
// to consecutive code points are ranges, within one last byte of the code
// and of the destination, as a bfrange must be.
func toUnicodeCMap(codes []uint16, text map[uint16]string) []byte {
	hex := func(b []byte) pdffile.String { return pdffile.String{Bytes: b, Hex: true} }
	var chars, ranges [][]pdffile.Object
	two := func(v int) []byte { return []byte{byte(v >> 8), byte(v)} }
	for i := 0; i < len(codes); {
		c := int(codes[i])
		if s, ok := text[uint16(c)]; ok {
			var dst []byte
			for _, u := range utf16.Encode([]rune(s)) {
				dst = binary.BigEndian.AppendUint16(dst, u)
			}
			chars = append(chars, []pdffile.Object{hex(two(c)), hex(dst)})
			i++
			continue
		}
		if c >= 0xD800 && c <= 0xDFFF {
			i++ // a lone surrogate is no character
			continue
		}
		// the code stands for itself: extend the run while the next
		// code does too, within the code's last byte
		j := i + 1
		for j < len(codes) && int(codes[j]) == c+(j-i) && codes[j]&0xFF != 0 {
			if _, ok := text[codes[j]]; ok || (codes[j] >= 0xD800 && codes[j] <= 0xDFFF) {
				break
			}
			j++
		}
		if j-i == 1 {
			chars = append(chars, []pdffile.Object{hex(two(c)), hex(two(c))})
		} else {
			ranges = append(ranges, []pdffile.Object{hex(two(c)), hex(two(int(codes[j-1]))), hex(two(c))})
		}
		i = j
	}
	b := []byte("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	// A block holds at most 100 entries.
	block := func(kind string, entries [][]pdffile.Object) {
		for start := 0; start < len(entries); start += 100 {
			end := min(len(entries), start+100)
			b = strconv.AppendInt(b, int64(end-start), 10)
			b = append(b, " begin"+kind+"\n"...)
			for _, e := range entries[start:end] {
				for k, o := range e {
					if k > 0 {
						b = append(b, ' ')
					}
					b, _ = pdffile.AppendObject(b, o) // hex strings: no error
				}
				b = append(b, '\n')
			}
			b = append(b, "end"+kind+"\n"...)
		}
	}
	block("bfchar", chars)
	block("bfrange", ranges)
	return append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"...)
}
