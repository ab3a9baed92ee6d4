package wordbreak

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/segmenter"

	"github.com/samizdat-press/samizdat/assets"
)

// Where a stretch of an unspaced script may be cut: before a letter, never
// inside a stacked consonant or before a trailing vowel, a mark or
// punctuation.
func TestMayBreakBefore(t *testing.T) {
	for _, tt := range []struct {
		name    string
		prev, r rune
		want    bool
	}{
		{"Thai consonant after consonant", 'ก', 'ข', true},
		{"Thai consonant after a leading vowel", 'เ', 'ก', false},
		{"Thai sara aa trails its consonant", 'ก', 'า', false},
		{"Thai sara am", 'ก', 'ำ', false},
		{"Thai tone mark", 'ก', '\u0E48', false},
		{"Thai maiyamok repeats", 'ก', 'ๆ', false},
		{"Khmer consonant after a vowel sign", '\u17B6', 'ក', true},
		{"Khmer consonant stacked by coeng", '\u17D2', 'រ', false},
		{"Khmer khan is punctuation", 'ក', '។', false},
		{"Myanmar consonant after asat", '\u103A', 'မ', true},
		{"Myanmar consonant stacked by virama", '\u1039', 'ဂ', false},
		{"Myanmar medial ya", 'မ', '\u103B', false},
		{"Thai paiyannoi abbreviates", 'ก', 'ฯ', false},
		{"Lao consonant after a leading vowel", 'ເ', 'ກ', false},
		{"Lao consonant after consonant", 'ກ', 'ນ', true},
		{"Latin", 'a', 'b', false},
	} {
		if got := MayBreakBefore(tt.prev, tt.r); got != tt.want {
			t.Errorf("%s: MayBreakBefore(%U, %U) = %v, want %v", tt.name, tt.prev, tt.r, got, tt.want)
		}
	}
}

// Sentences of the Thai and Lao tldr pages (CC BY 4.0, the tldr-pages
// team and contributors, github.com/tldr-pages/tldr), cut where the
// dictionaries find words. ICU's Thai list is fine grained: คำสั่ง
// "command" is คำ and สั่ง, as ICU's own breaker cuts it.
func TestSegmentRealText(t *testing.T) {
	lib := Embedded()
	for _, tt := range []struct {
		name, text, want string
	}{
		{"Thai", "กู้คืนอิมเมจดิสก์ไปยังวอลุ่มเป้าหมาย", "กู้|คืน|อิมเมจ|ดิสก์|ไป|ยัง|วอลุ่ม|เป้า|หมาย"},
		{"Thai", "คัดลอกเนื้อหาในไฟล์ที่กำหนดไปยังคลิปบอร์ด", "คัด|ลอก|เนื้อหา|ใน|ไฟล์|ที่|กำหนด|ไป|ยัง|คลิปบอร์ด"},
		{"Thai with Latin and punctuation", "คำนวณในสิทธิ์เฉพาะ (0 ถึง 7, ค่าเริ่มต้นเป็น 7):", "คำนวณ|ใน|สิทธิ์|เฉพาะ (0 ถึง 7, ค่า|เริ่ม|ต้น|เป็น 7):"},
		{"Thai leading vowels", "ติดตั้งแล้ว เวอร์ชั่นดังกล่าวจะถูกเปิดใช้งาน", "ติด|ตั้ง|แล้ว เวอร์ชั่น|ดัง|กล่าว|จะ|ถูก|เปิด|ใช้|งาน"},
		{"Thai with a zero-width space", "ขอความ\u200Bช่วยเหลือ", "ขอ|ความ\u200Bช่วย|เหลือ"},
		{"Lao", "ລ້າງຕົວອັກສອນທັງໝົດເທິງໜ້າຈໍ", "ລ້າງ|ຕົວ|ອັກສອນ|ທັງໝົດ|ເທິງ|ໜ້າຈໍ"},
		{"Lao", "ລຶບລາຍງານການເຄື່ອນໄຫວ", "ລຶບ|ລາຍງານ|ການເຄື່ອນໄຫວ"},
		// The month and day names of glibc's km_KH and my_MM locales
		// run together, cut as ICU 72's breaker cuts them.
		{"Khmer", "មករាកុម្ភៈមីនាមេសាឧសភាមិថុនាកក្កដាសីហាកញ្ញាតុលាវិច្ឆិកាធ្នូ", "មករា|កុម្ភៈ|មីនា|មេសា|ឧសភា|មិថុនា|កក្កដា|សីហា|កញ្ញា|តុលា|វិច្ឆិកា|ធ្នូ"},
		{"Myanmar", "တနင်္ဂနွေတနင်္လာအင်္ဂါဗုဒ္ဓဟူးကြာသပတေးသောကြာစနေ", "တနင်္ဂနွေ|တနင်္လာ|အင်္ဂါ|ဗုဒ္ဓဟူး|ကြာသပတေး|သောကြာ|စနေ"},
		{"Myanmar", "ဇန်နဝါရီဖေဖော်ဝါရီမတ်ဧပြီမေဇွန်ဇူလိုင်ဩဂုတ်စက်တင်ဘာအောက်တိုဘာနိုဝင်ဘာဒီဇင်ဘာ", "ဇန်နဝါရီ|ဖေဖော်ဝါရီ|မတ်|ဧပြီ|မေ|ဇွန်|ဇူလိုင်|ဩဂုတ်|စက်တင်ဘာ|အောက်တိုဘာ|နိုဝင်ဘာ|ဒီဇင်ဘာ"},
		{"no dictionary script", "tar -xf archive.tar", "tar -xf archive.tar"},
	} {
		brks := lib.Breaks(tt.text, nil)
		got, from := "", 0
		for _, b := range brks {
			got += tt.text[from:b] + "|"
			from = b
		}
		got += tt.text[from:]
		if got != tt.want {
			t.Errorf("%s: %q\n got %s\nwant %s", tt.name, tt.text, got, tt.want)
		}
	}
}

// An unknown stretch stays whole: its letters are not cut apart, and the
// words around it are still found; a short one goes with the word before
// it, as ICU's breaker keeps it.
func TestSegmentUnknown(t *testing.T) {
	d := NewDictionary([]string{"ไป", "ยัง", "กิน", "ข้าว"})
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"ไปยังกินข้าว", []string{"ไป", "ยัง", "กิน", "ข้าว"}},
		{"ไปฟฟฟยัง", []string{"ไป", "ฟฟฟ", "ยัง"}},
		// one or two clusters in no word stay with the word before them
		{"ไปฟฟยัง", []string{"ไปฟฟ", "ยัง"}},
		{"ฟไป", []string{"ฟ", "ไป"}},
		{"ฟฟฟ", []string{"ฟฟฟ"}},
		{"เกเก", []string{"เกเก"}},
		{"", []string{""}},
	} {
		got := d.Segment(tt.text)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Segment(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// Of two ways to cover a stretch with words, the one with fewer words.
func TestSegmentFewerWords(t *testing.T) {
	d := NewDictionary([]string{"ตา", "กลม", "ตาก", "ลม", "ตากลม"})
	if got := d.Segment("ตากลม"); len(got) != 1 {
		t.Errorf("Segment = %q, want the one word", got)
	}
	d = NewDictionary([]string{"ตา", "กลม", "ตาก", "ลม", "ไป"})
	if got := d.Segment("ตากลมไป"); len(got) != 3 {
		t.Errorf("Segment = %q, want three words", got)
	}
}

// Every embedded list loads, sorted, with words of its own script only.
func TestEmbeddedLists(t *testing.T) {
	lib := Embedded()
	for s, least := range map[Script]int{Thai: 20000, Lao: 20000, Khmer: 50000, Myanmar: 30000} {
		d, err := lib.For(s)
		if err != nil {
			t.Fatal(err)
		}
		if d.Len() < least {
			t.Errorf("script %d: %d words, want at least %d", s, d.Len(), least)
		}
		for _, w := range d.words[:100] {
			for _, r := range w {
				if ScriptOf(r) != s && r != 0x200C && r != 0x200D {
					t.Errorf("script %d: word %q has %U", s, w, r)
				}
			}
		}
	}
}

// Breaks fall only where MayBreakBefore allows, strictly inside the text
// and ascending, and never inside a grapheme cluster.
func FuzzBreaks(f *testing.F) {
	for _, s := range []string{"กู้คืนอิมเมจดิสก์ไปยังวอลุ่มเป้าหมาย", "ລ້າງຕົວອັກສອນທັງໝົດ", "សួស្តីពិភពលោក", "မင်္ဂလာပါ", "a\u200Bเก", "\xe0\xb8"} {
		f.Add(s)
	}
	lib := Embedded()
	f.Fuzz(func(t *testing.T, s string) {
		brks := lib.Breaks(s, nil)
		cuts := Cuts(s, nil)
		prev := 0
		for _, b := range brks {
			if b <= prev || b >= len(s) {
				t.Fatalf("%q: break %d after %d or at the end", s, b, prev)
			}
			r1, _ := utf8.DecodeLastRuneInString(s[:b])
			r2, _ := utf8.DecodeRuneInString(s[b:])
			if !MayBreakBefore(r1, r2) || !slices.Contains(cuts, b) {
				t.Fatalf("%q: break at %d between %U and %U", s, b, r1, r2)
			}
			if !graphemeBoundary(s, b) {
				t.Fatalf("%q: break at %d inside a grapheme cluster", s, b)
			}
			prev = b
		}
		// the pieces put back together are the text
		var sb strings.Builder
		from := 0
		for _, b := range brks {
			sb.WriteString(s[from:b])
			from = b
		}
		sb.WriteString(s[from:])
		if sb.String() != s {
			t.Fatalf("%q: pieces make %q", s, sb.String())
		}
	})
}

// graphemeBoundary reports whether byte offset at of s falls between two
// grapheme clusters by UAX #29, as go-text's segmenter finds them.
func graphemeBoundary(s string, at int) bool {
	var seg segmenter.Segmenter
	if seg.InitWithString(s) != nil {
		return true // invalid UTF-8: no clusters to compare with
	}
	it := seg.GraphemeIterator()
	for it.Next() {
		if g := it.Grapheme(); g.OffsetInBytes == at {
			return true
		} else if g.OffsetInBytes > at {
			return false
		}
	}
	return false
}

func BenchmarkBreaksThai(b *testing.B) {
	text := strings.Repeat("กู้คืนอิมเมจดิสก์ไปยังวอลุ่มเป้าหมาย ขอความช่วยเหลือการใช้งานคำสั่งย่อยของ Git ", 20)
	lib := Embedded()
	lib.For(Thai)
	var out []int
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		out = lib.Breaks(text, out[:0])
	}
}

// The lists are those README.md names: its SHA-256 column is each
// uncompressed list's.
func TestListsMatchREADME(t *testing.T) {
	readme, err := fs.ReadFile(assets.FS(), "wordbreak/README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files[1:] {
		f, err := assets.FS().Open("wordbreak/" + name)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.New()
		if _, err := io.Copy(h, zr); err != nil {
			t.Fatal(err)
		}
		f.Close()
		sum := hex.EncodeToString(h.Sum(nil))
		if !strings.Contains(string(readme), "| "+name+" |") || !strings.Contains(string(readme), sum) {
			t.Errorf("%s: README.md does not list it with SHA-256 %s", name, sum)
		}
	}
}

// TestLinkersAreTheSegmenters: isLinker holds exactly the marks after
// which go-text's grapheme segmenter keeps a consonant in the cluster
// (Burmese consonants around), so that no break is made inside one.
func TestLinkersAreTheSegmenters(t *testing.T) {
	var seg segmenter.Segmenter
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !unicode.Is(unicode.M, r) {
			continue
		}
		if seg.InitWithString("င"+string(r)+"ဂ") != nil {
			t.Fatal("segmenter refused the text")
		}
		it := seg.GraphemeIterator()
		clusters := 0
		for it.Next() {
			clusters++
		}
		if joins := clusters == 1; joins != isLinker(r) {
			t.Errorf("%U: the segmenter joins the consonants: %v; isLinker: %v", r, joins, isLinker(r))
		}
	}
}

// TestOnGraphemeBoundaries: breaks inside a cluster are dropped, those
// between clusters kept, and offsets before from left alone.
func TestOnGraphemeBoundaries(t *testing.T) {
	text := "ก่อนไป" // ก่ is one cluster: 3 is inside it
	got := onGraphemeBoundaries(text, []int{99, 3, 6, 12}, 1)
	if want := []int{99, 6, 12}; !slices.Equal(got, want) {
		t.Errorf("kept %v, want %v", got, want)
	}
	// a mark newer than Go's tables (U+1ADC) in a Burmese cluster
	if got := Embedded().Breaks("င္\u1adcှပ", nil); len(got) != 0 {
		t.Errorf("breaks %v inside one cluster", got)
	}
}
