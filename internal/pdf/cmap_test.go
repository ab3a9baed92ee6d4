package pdf

import (
	"strings"
	"testing"
)

// gofpdfCMap is the ToUnicode map gofpdf 1.16.2 writes for every font.
const gofpdfCMap = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"

func TestNormalizeGofpdfCMap(t *testing.T) {
	out, err := normalizeCMap([]byte(gofpdfCMap))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{
		"/CIDSystemInfo <</Ordering (UCS) /Registry (Adobe) /Supplement 0>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n",
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
		"100 beginbfrange\n<0000> <00FF> <0000>\n<0100> <01FF> <0100>\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	// 256 ranges of 256 codes, less the 8 of the surrogates, in blocks of
	// at most 100.
	if n := strings.Count(s, "\n<") - 1; n != 248 {
		t.Errorf("%d ranges, want 248", n)
	}
	if strings.Contains(s, "<D800>") || strings.Contains(s, "<DFFF>") || !strings.Contains(s, "<D700> <D7FF> <D700>\n<E000> <E0FF> <E000>\n") {
		t.Error("surrogate codes are not left out exactly")
	}
	if strings.Count(s, "beginbfrange") != 3 || !strings.Contains(s, "48 beginbfrange") {
		t.Error("blocks of more than 100 entries")
	}
	again, err := normalizeCMap(out)
	if err != nil || string(again) != s {
		t.Errorf("normalizing twice changes the map (err %v)", err)
	}
}

func TestSplitRange(t *testing.T) {
	tests := []struct {
		entry string
		want  []string
	}{
		// A destination whose last byte would wrap is split where it does.
		{"<0010> <0020> <00F8>", []string{"<0010> <0017> <00F8>", "<0018> <0020> <0100>"}},
		// Codes crossing a 256 boundary, with a four-byte destination.
		{"<01FE> <0201> <D83DDE00>", []string{"<01FE> <01FF> <D83DDE00>", "<0200> <0201> <D83DDE02>"}},
		// Single-byte codes.
		{"<20> <7E> <0020>", []string{"<20> <7E> <0020>"}},
		// Destinations listed one by one are cut with their codes.
		{"<00FF> <0101> [<0041> <0042> <0043>]", []string{"<00FF> <00FF> [<0041>]", "<0100> <0101> [<0042> <0043>]"}},
	}
	for _, tc := range tests {
		cm := "/CIDInit /ProcSet findresource begin\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n" + tc.entry + "\nendbfrange\nendcmap\n"
		out, err := normalizeCMap([]byte(cm))
		if err != nil {
			t.Errorf("%s: %v", tc.entry, err)
			continue
		}
		s := string(out)
		body := s[strings.Index(s, "beginbfrange\n")+len("beginbfrange\n") : strings.Index(s, "endbfrange")]
		if got := strings.Split(strings.TrimSpace(body), "\n"); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: got %q, want %q", tc.entry, got, tc.want)
		}
	}
}

func TestNormalizeCMapErrors(t *testing.T) {
	head := "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
	tests := []struct{ cmap, want string }{
		{"1 beginbfrange\n<0000> <00FF> <0000>\nendbfrange\n", "no code space"},
		{head + "1 beginbfrange\n<0000> <00FF> <0000>\n", "beginbfrange not closed"},
		{head + "1 beginbfrange\n<0000> <00FF>\nendbfrange\n", "bfrange destination is neither a string nor an array"},
		{head + "1 beginbfrange\n<00> <00FF> <0000>\nendbfrange\n", "bfrange codes of unequal or unusual length"},
		{head + "1 beginbfrange\n<0010> <0001> <0000>\nendbfrange\n", "bfrange does not fit its destinations"},
		{head + "1 beginbfrange\n<0000> <0002> [<0041>]\nendbfrange\n", "bfrange does not fit its destinations"},
		{head + "1 beginbfrange\n<0000> <0002> /A\nendbfrange\n", "bfrange destination is neither a string nor an array"},
		{head + "1 beginbfchar\n/A <0041>\nendbfchar\n", "beginbfchar: entry is not a string"},
		{head + "1 beginbfchar\n<0041> <0041\n", "unexpected end of data"},
	}
	for _, tc := range tests {
		_, err := normalizeCMap([]byte(tc.cmap))
		if err == nil || err.Error() != tc.want {
			t.Errorf("%q: err = %v, want %q", tc.cmap, err, tc.want)
		}
	}
}

func TestNormalizeCMapChars(t *testing.T) {
	cm := "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n3 beginbfchar\n<0041> <0041>\n<0042> <D800>\n<0043> /C\nendbfchar\n"
	out, err := normalizeCMap([]byte(cm))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "1 beginbfchar\n<0041> <0041>\nendbfchar\n") {
		t.Errorf("characters:\n%s", out)
	}
}
