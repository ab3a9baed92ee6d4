package pdf

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// readToUnicode reads the mapping of a ToUnicode CMap as a reader does,
// failing on a range that varies in more than its last byte or passes a
// destination's last byte 255, or a block of more than 100 entries.
func readToUnicode(t *testing.T, data []byte) map[uint16]string {
	t.Helper()
	objs, err := pdffile.ParseContent(data)
	if err != nil {
		t.Fatal(err)
	}
	str := func(o pdffile.Object) []byte {
		s, ok := o.(pdffile.String)
		if !ok {
			t.Fatalf("%v is not a string", o)
		}
		return s.Bytes
	}
	text := func(b []byte) string {
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		return string(utf16.Decode(u))
	}
	out := map[uint16]string{}
	for i := 0; i < len(objs); i++ {
		kw, _ := objs[i].(pdffile.Keyword)
		width := map[pdffile.Keyword]int{"beginbfchar": 2, "beginbfrange": 3}[kw]
		if width == 0 {
			continue
		}
		n, _ := pdffile.AsInt(objs[i-1])
		if n > 100 {
			t.Errorf("block of %d entries", n)
		}
		j := i + 1
		for ; objs[j] != pdffile.Keyword("end"+string(kw[len("begin"):])); j += width {
			lo := str(objs[j])
			c := uint16(lo[0])<<8 | uint16(lo[1])
			if kw == "beginbfchar" {
				out[c] = text(str(objs[j+1]))
				continue
			}
			hi, dst := str(objs[j+1]), str(objs[j+2])
			if hi[0] != lo[0] || hi[1] < lo[1] || int(dst[len(dst)-1])+int(hi[1]-lo[1]) > 255 {
				t.Errorf("range % X % X % X", lo, hi, dst)
			}
			for k := 0; k <= int(hi[1]-lo[1]); k++ {
				d := append([]byte(nil), dst...)
				d[len(d)-1] += byte(k)
				out[c+uint16(k)] = text(d)
			}
		}
		i = j
	}
	return out
}

// TestToUnicodeCMap: each code drawn maps to its text, or to the code
// point it is; codes standing for themselves in a row share a range that
// stops where the last byte would wrap; a lone surrogate maps to nothing.
func TestToUnicodeCMap(t *testing.T) {
	var codes []uint16
	for c := 0x20; c <= 0x17F; c++ { // crosses 0x100
		codes = append(codes, uint16(c))
	}
	codes = append(codes, 0x3B1, 0xD800, 0xE000, 0xE001, 0xFB00, 0xFB01, 0xFB02, 0xFB03, 0xFFFD)
	for i := 0x4E00; i < 0x4E00+250; i += 2 { // more than a block of singles
		codes = append(codes, uint16(i))
	}
	for i := len(codes) - 1; i > 0; i-- { // sorted, as the painter gives them
		for j := 0; j < i; j++ {
			if codes[j] > codes[j+1] {
				codes[j], codes[j+1] = codes[j+1], codes[j]
			}
		}
	}
	text := map[uint16]string{0xFB01: "fi", 0xFB03: "ffi", 0xE000: "😀", 0x1234: "not drawn"}
	data := toUnicodeCMap(codes, text)
	got := readToUnicode(t, data)
	for _, c := range codes {
		want := string(rune(c))
		if s, ok := text[c]; ok {
			want = s
		}
		if c == 0xD800 {
			if s, ok := got[c]; ok {
				t.Errorf("lone surrogate mapped to %q", s)
			}
			continue
		}
		if got[c] != want {
			t.Errorf("%04X maps to %q, want %q", c, got[c], want)
		}
		delete(got, c)
	}
	if len(got) != 0 && !(len(got) == 1 && got[0xD800] != "") {
		t.Errorf("codes not drawn mapped: %v", got)
	}
	for _, want := range []string{"<0020> <00FF> <0020>", "<0100> <017F> <0100>", "<FB01> <00660069>", "<E000> <D83DDE00>", "<E001> <E001>"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("map lacks %q:\n%s", want, data)
		}
	}
	if strings.Count(string(data), "beginbfchar") < 2 {
		t.Errorf("the singles are not split into blocks of 100:\n%s", data)
	}
}
