package layout

import (
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/wordbreak"
)

// A Thai paragraph written without spaces between its words (sentences of
// the Thai tldr pages, CC BY 4.0, the tldr-pages team and contributors)
// breaks its lines between two words the dictionary finds, never inside
// one, and every letter is set once, in order. The words of a line copy
// out with no space between them.
func TestThaiBreaksBetweenWords(t *testing.T) {
	set := withInstalledFallback(t, "/usr/share/fonts/truetype/noto/NotoSerifThai-Regular.ttf")
	text := "คัดลอกเนื้อหาในไฟล์ที่กำหนดไปยังคลิปบอร์ดลบข้อมูลในวอลุ่มเป้าหมายก่อนการกู้คืน" +
		"ย้ายไฟล์ที่พบการติดไวรัสไปยังไดเรคทอรีที่ระบุล้างตัวอักษรทั้งหมดบนหน้าจอ"
	ch := &doc.Entry{ID: "th", Kind: doc.KindChapter, File: "th.md", Title: []doc.Inline{txt("Thai")}, Blocks: []doc.Block{
		&doc.Paragraph{BlockBase: doc.BlockBase{Lang: "th"}, Content: []doc.Inline{txt(text)}},
	}}
	o := testOptions()
	d, err := Layout(&doc.Book{Meta: doc.Meta{Title: "T", Language: "th"}, Entries: []*doc.Entry{ch}}, set, o)
	if err != nil {
		t.Fatal(err)
	}
	type run struct {
		y, x float64
		s    string
	}
	var runs []run
	for _, p := range d.Pages {
		for _, it := range p.Items {
			tx, ok := it.(*Text)
			if !ok {
				continue
			}
			// a run the shaper set holds its characters apart from its
			// glyphs
			s, from := "", 0
			var edges []int // where the spans copied out start and end in s
			for _, a := range tx.Actual() {
				s += tx.Text[from:a.At]
				edges = append(edges, len(s))
				s += a.Text
				edges = append(edges, len(s))
				from = a.End
			}
			s += tx.Text[from:]
			// A viewer ends a word where a span ends: none may part two
			// Thai words set side by side.
			for _, at := range edges {
				if at > 0 && at < len(s) && wordbreak.MayHave(s[at-3:at]) && wordbreak.MayHave(s[at:min(len(s), at+3)]) {
					t.Errorf("a span copied out ends between two Thai words: %s|%s", s[:at], s[at:])
				}
			}
			if wordbreak.MayHave(s) {
				runs = append(runs, run{tx.Y, tx.X, s})
			}
		}
	}
	sort.SliceStable(runs, func(i, j int) bool {
		if runs[i].y != runs[j].y {
			return runs[i].y < runs[j].y
		}
		return runs[i].x < runs[j].x
	})
	var lines []string
	for i, r := range runs {
		if i == 0 || r.y != runs[i-1].y {
			lines = append(lines, "")
		}
		lines[len(lines)-1] += r.s
	}
	if strings.Join(lines, "") != text {
		t.Fatalf("the lines are not the text:\n%s", strings.Join(lines, "\n"))
	}
	if len(lines) < 3 {
		t.Fatalf("%d lines, want a paragraph of several", len(lines))
	}
	words := wordbreak.Embedded().Breaks(text, nil)
	at := 0
	for _, l := range lines[:len(lines)-1] {
		at += len(l)
		if !slices.Contains(words, at) {
			t.Errorf("a line ends inside a word: %s|%s", l, text[at:min(len(text), at+12)])
		}
	}
}

// A danda after an address in a Hindi paragraph (the Hindi tldr page of
// wget, CC BY 4.0, the tldr-pages team and contributors) is drawn in the
// font of the Devanagari around it, not in the first fallback font that
// has one, here a Bengali one.
func TestDandaInTheLanguagesFont(t *testing.T) {
	var files []fonts.File
	for _, name := range []string{"NotoSerifBengali-Regular.ttf", "NotoSerifDevanagari-Regular.ttf"} {
		data, err := os.ReadFile("/usr/share/fonts/truetype/noto/" + name)
		if err != nil {
			t.Skipf("no %s: %v", name, err)
		}
		files = append(files, fonts.File{Name: name, Data: data})
	}
	set, err := fonts.Load(fonts.EmbeddedFiles())
	if err != nil {
		t.Fatal(err)
	}
	set.SetFallback(fonts.Fallback{Fonts: files})
	text := "वेब से फ़ाइलें डाउनलोड करें। अधिक जानकारी: https://www.gnu.org/software/wget।"
	ch := &doc.Entry{ID: "hi", Kind: doc.KindChapter, File: "hi.md", Title: []doc.Inline{txt("wget")}, Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{txt(text)}},
	}}
	d, err := Layout(&doc.Book{Meta: doc.Meta{Title: "T", Language: "hi"}, Entries: []*doc.Entry{ch}}, set, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	dandas := 0
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(*Text); ok && strings.Contains(tx.Text, "।") {
				dandas += strings.Count(tx.Text, "।")
				if name := set.Describe(tx.Face).Name; !strings.Contains(name, "Devanagari") {
					t.Errorf("a danda in %s (%q)", name, tx.Text)
				}
			}
		}
	}
	// the one after "करें" is shaped with its word
	if dandas != 1 {
		t.Errorf("%d dandas drawn on their own, want 1", dandas)
	}
}
