package hyphen

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/assets"
)

func TestMatch(t *testing.T) {
	cases := []struct{ tag, want string }{
		{"en", "en-US"},
		{"en-US", "en-US"},
		{"EN_us", "en-US"},
		{"en-Latn-US", "en-US"},
		{"en-US-u-ca-gregory", "en-US"},
		{"en-GB", "en-GB"},
		{"en-GB-oxendict", "en-GB"},
		{"en-AU", "en-GB"},
		{"en-IN", "en-GB"},
		{"en-CA", "en-GB"},
		{"de", "de-1996"},
		{"de-DE", "de-1996"},
		{"de-AT", "de-1996"},
		{"de-CH", "de-1996"},
		{"de-1996", "de-1996"},
		{"deu", "de-1996"},
		{"de-1901", ""},
		{"de-CH-1901", ""},
		{"el", "el-monoton"},
		{"el-GR", "el-monoton"},
		{"el-monoton", "el-monoton"},
		{"el-polyton", "el-polyton"},
		{"el-Latn", ""},
		{"grc", "grc"},
		{"la", "la"},
		{"la-x-classic", "la-x-classic"},
		{"pt", "pt"},
		{"pt-BR", "pt"},
		{"pt-PT", "pt"},
		{"fr-CA", "fr"},
		{"es-419", "es"},
		{"it-CH", "it"},
		{"nl-BE", "nl"},
		{"sv-FI", "sv"},
		{"pl", "pl"},
		{"ru", "ru"},
		{"rus", "ru"},
		{"ru-Latn", ""},
		{"uk-UA", "uk"},
		{"hi", "hi"},
		{"hi-IN", "hi"},
		{"hi-Latn", ""},
		{"mr", "mr"},
		{"ne", "hi"},
		{"ne-NP", "hi"},
		{"bn-IN", "bn"},
		{"as", "as"},
		{"gu", "gu"},
		{"kn", "kn"},
		{"ml", "ml"},
		{"or", "or"},
		{"pa", "pa"},
		{"pa-Guru-IN", "pa"},
		{"pa-Arab", ""},
		{"ta-LK", "ta"},
		{"te", "te"},
		{"si", ""},
		{"ja", ""},
		{"und", ""},
		{"", ""},
		{"x-private", ""},
		{"not a tag", ""},
	}
	for _, c := range cases {
		l, ok := Match(c.tag)
		if ok != (c.want != "") || l.Tag != c.want {
			t.Errorf("Match(%q) = %q, %v; want %q", c.tag, l.Tag, ok, c.want)
		}
	}
}

func TestLibraryFor(t *testing.T) {
	lib := NewLibrary(Embedded().fsys)
	p, err := lib.For("fr-CA")
	if err != nil || p == nil {
		t.Fatalf("For(fr-CA) = %v, %v", p, err)
	}
	if p.LeftMin != 2 || p.RightMin != 3 {
		t.Errorf("French minimums = %d/%d, want 2/3", p.LeftMin, p.RightMin)
	}
	q, _ := lib.For("fr")
	if p != q {
		t.Error("a language's patterns are loaded more than once")
	}
	if p, err := lib.For("ja"); p != nil || err != nil {
		t.Errorf("For(ja) = %v, %v; want nil, nil", p, err)
	}
	if _, err := lib.Load("xx"); err == nil || err.Error() != `hyphen: no patterns for "xx"` {
		t.Errorf("Load(xx) err = %v", err)
	}
	broken := NewLibrary(fstest.MapFS{"hyph-ru.tex.gz": {Data: []byte("not gzip")}})
	if _, err := broken.Load("ru"); err == nil || !strings.Contains(err.Error(), "hyph-ru.tex.gz") {
		t.Errorf("a broken file's error should name it, got %v", err)
	}
	if _, err := broken.Load("uk"); err == nil || !strings.Contains(err.Error(), "hyph-uk.tex.gz") {
		t.Errorf("a missing file's error should name it, got %v", err)
	}
}

// Every table entry loads with its minimums, and the folder holds no
// pattern file the table does not name.
func TestEveryLanguageLoads(t *testing.T) {
	named := map[string]bool{}
	for _, l := range Languages() {
		named[l.File] = true
		p := load(t, l.Tag)
		if p.LeftMin != l.LeftMin || p.RightMin != l.RightMin {
			t.Errorf("%s: minimums %d/%d, want %d/%d", l.Tag, p.LeftMin, p.RightMin, l.LeftMin, l.RightMin)
		}
		if len(p.trie.kids) == 0 {
			t.Errorf("%s: no patterns", l.Tag)
		}
	}
	files, err := fs.Glob(Embedded().fsys, "*.gz")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !named[f] {
			t.Errorf("%s is embedded but no language uses it", f)
		}
	}
}

// babelMinimums are the languages whose minimums come from TeX's babel
// module rather than the pattern file (see the README).
var babelMinimums = map[string]bool{"fr": true, "nl": true}

// The table's minimums are the pattern files' own typesetting hyphenmins,
// or their generation ones where they give no others (as TeX Live loads
// the Indic sets), except the babel ones the README lists.
func TestMinimumsMatchSources(t *testing.T) {
	typesetting := regexp.MustCompile(`(?m)^%\s+typesetting:\s*\n%\s+left:\s*(\d+)\s*\n%\s+right:\s*(\d+)`)
	generation := regexp.MustCompile(`(?m)^%\s+generation:\s*\n%\s+left:\s*(\d+)\s*\n%\s+right:\s*(\d+)`)
	for _, l := range Languages() {
		if babelMinimums[l.Tag] {
			continue
		}
		src := string(unpack(t, l.File))
		m := typesetting.FindStringSubmatch(src)
		if m == nil {
			m = generation.FindStringSubmatch(src)
		}
		if m == nil {
			t.Errorf("%s: no typesetting hyphenmins in %s", l.Tag, l.File)
			continue
		}
		left, _ := strconv.Atoi(m[1])
		right, _ := strconv.Atoi(m[2])
		if left != l.LeftMin || right != l.RightMin {
			t.Errorf("%s: table says %d/%d, %s says %d/%d", l.Tag, l.LeftMin, l.RightMin, l.File, left, right)
		}
	}
}

// The README records each file's source, licence, minimums and checksum;
// the embedded files must be those, and the table the same as the code's.
func TestREADME(t *testing.T) {
	readme, err := fs.ReadFile(assets.FS(), "hyphenation/README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	for _, line := range strings.Split(string(readme), "\n") {
		cells := strings.Split(strings.Trim(line, "| "), "|")
		if len(cells) != 7 {
			continue
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		rows[cells[0]] = cells
	}
	for _, l := range Languages() {
		row, ok := rows[l.Tag]
		if !ok {
			t.Errorf("README has no row for %s", l.Tag)
			continue
		}
		if row[1] != l.File {
			t.Errorf("README: %s file %q, table %q", l.Tag, row[1], l.File)
		}
		mins := strconv.Itoa(l.LeftMin) + "/" + strconv.Itoa(l.RightMin)
		if !strings.HasPrefix(row[5], mins) {
			t.Errorf("README: %s minimums %q, table %s", l.Tag, row[5], mins)
		}
		sum := sha256.Sum256(unpack(t, l.File))
		if got := hex.EncodeToString(sum[:]); got != row[6] {
			t.Errorf("%s: SHA-256 %s, README says %s", l.File, got, row[6])
		}
	}
}

func unpack(t *testing.T, name string) []byte {
	t.Helper()
	f, err := Embedded().fsys.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
