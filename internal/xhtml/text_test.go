package xhtml

import "testing"

func TestCleanText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{"tab\tnewline\n", "tab\tnewline\n"},
		{"cr\r\nlf\rx", "cr\nlf\nx"},
		{"nul\x00bell\x07esc\x1bdel\x7f", "nulbellescdel"},
		{"c1\u0085\u009f", "c1"},
		{"bad\xff\xfeutf8", "bad\uFFFDutf8"},
		{"non\uFFFE\uFFFF\U0001FFFE\uFDD0char", "nonchar"},
		{"ok é ж 中 😀 \u2028", "ok é ж 中 😀 \u2028"},
	} {
		if got := CleanText(c.in); got != c.want {
			t.Errorf("CleanText(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

func TestEscaping(t *testing.T) {
	w := &Writer{}
	w.Element("p", "a<b>&c]]>\"'", A("title", "x\"<&>\n\ty"), A("class", ""), Keep("alt", ""))
	want := `<p title="x&quot;&lt;&amp;&gt;&#10;&#9;y" alt="">a&lt;b&gt;&amp;c]]&gt;"'</p>`
	if got := string(w.Bytes()); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestNCName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"intro", "intro"},
		{"ch-1.2_x", "ch-1.2_x"},
		{"1st", "id-1st"},
		{"-x", "id--x"},
		{"", "id"},
		{"a b:c", "a-b-c"},
		{"a  <>  b", "a-b"},
		{"глава-ё", "глава-ё"},
		{"章节", "章节"},
		{"ǅ-𝔘", "id--"},
		{"x\x00y", "xy"},
	} {
		if got := NCName(c.in); got != c.want {
			t.Errorf("NCName(%q) = %q; want %q", c.in, got, c.want)
		}
	}
	s := NewIDSet("toc")
	for _, c := range []struct{ in, want string }{
		{"a", "a"}, {"a", "a-2"}, {"a", "a-3"}, {"toc", "toc-2"}, {"a-2", "a-2-2"},
	} {
		if got := s.Claim(c.in); got != c.want {
			t.Errorf("Claim(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

func TestASCIIURL(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"https://example.org/a?b=c#d", "https://example.org/a?b=c#d"},
		{"https://example.org/ä", "https://example.org/%C3%A4"},
		{"https://x/a b<c>\"{}|^`", "https://x/a%20b%3Cc%3E%22%7B%7D%7C%5E%60"},
		{"https://x/#a#b", "https://x/#a%23b"},
		{"https://x/%41%zz%", "https://x/%41%25zz%25"},
		{"http://doi.org/[doi]", "http://doi.org/%5Bdoi%5D"},
		{"https://x/a?q[]=1#[b]", "https://x/a?q%5B%5D=1#%5Bb%5D"},
		{"http://[::1]:8080/[x]", "http://[::1]:8080/%5Bx%5D"},
	} {
		if got := asciiURL(c.in); got != c.want {
			t.Errorf("asciiURL(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

func TestParseLang(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"en", "en", true}, {"EN-gb", "en-GB", true}, {"de-CH-1996", "de-CH-1996", true}, {" ru ", "ru", true},
		{"", "", false}, {"english", "", false}, {"en_US", "", false}, {"x-<script>", "", false}, {"zz-ZZ-ZZZZZZZZZ", "", false},
	} {
		got, ok := ParseLang(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseLang(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestLetters(t *testing.T) {
	for n, want := range map[int]string{1: "a", 2: "b", 26: "z", 27: "aa", 28: "ab", 52: "az", 53: "ba", 702: "zz", 703: "aaa"} {
		if got := Letters(n); got != want {
			t.Errorf("Letters(%d) = %q; want %q", n, got, want)
		}
	}
}

func TestFileBase(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ch-intro", "ch-intro"},
		{"Chapter 1: Start", "Chapter-1-Start"},
		{"глава", "doc"},
		{"..", "doc"},
		{"a/b\\c", "a-b-c"},
	} {
		if got := FileBase(c.in, "doc"); got != c.want {
			t.Errorf("fileBase(%q) = %q; want %q", c.in, got, c.want)
		}
	}
	names := NameSet{}
	for _, want := range []string{"a.xhtml", "a-2.xhtml", "A-3.xhtml"} {
		base := "a"
		if want == "A-3.xhtml" {
			base = "A"
		}
		if got := names.Claim(base, ".xhtml"); got != want {
			t.Errorf("claim = %q; want %q", got, want)
		}
	}
}
