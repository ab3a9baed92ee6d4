package build

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var (
	pageMarker = regexp.MustCompile(`<span epub:type="pagebreak"[^>]*></span>`)
	anyTag     = regexp.MustCompile(`^<(/?)([a-zA-Z0-9:]+)[^>]*>`)
	lastTag    = regexp.MustCompile(`<(/?)([a-zA-Z0-9:]+)[^>]*>$`)
	// blockTags end a run of text: a marker beside one is between words.
	blockTags = map[string]bool{"p": true, "li": true, "ul": true, "ol": true, "h1": true, "h2": true, "h3": true,
		"h4": true, "h5": true, "h6": true, "div": true, "section": true, "aside": true, "blockquote": true,
		"pre": true, "table": true, "tr": true, "td": true, "th": true, "caption": true, "dl": true, "dt": true,
		"dd": true, "figure": true, "figcaption": true, "details": true, "summary": true, "br": true, "hr": true,
		"body": true, "header": true, "footer": true, "nav": true, "img": true}
)

// neighbour is the character next to a marker, through inline markup
// and other markers: 0 where a block starts or ends.
func neighbour(s string, before bool) rune {
	for s != "" {
		if before {
			if m := lastTag.FindStringSubmatch(s); m != nil && strings.HasSuffix(s, ">") {
				if blockTags[m[2]] {
					return 0
				}
				s = s[:len(s)-len(m[0])]
				continue
			}
			r, n := utf8.DecodeLastRuneInString(s)
			if r == ';' { // an entity: &amp; and the like are not letters
				if i := strings.LastIndexByte(s, '&'); i >= 0 && len(s)-i <= 8 {
					return '&'
				}
			}
			_ = n
			return r
		}
		if m := anyTag.FindStringSubmatch(s); m != nil {
			if blockTags[m[2]] {
				return 0
			}
			s = s[len(m[0]):]
			continue
		}
		r, _ := utf8.DecodeRuneInString(s)
		return r
	}
	return 0
}

// betweenWords reports whether a marker may stand between r1 and r2.
func betweenWords(r1, r2 rune) bool {
	ok := func(r rune) bool {
		return r == 0 || unicode.IsSpace(r) || unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai)
	}
	return ok(r1) || ok(r2)
}

// checkPageMarkers asserts that every page marker of an EPUB stands
// between words, none inside preformatted text, and that the page list
// names every page of the printed book, blank ones included.
func checkPageMarkers(t *testing.T, path string) {
	t.Helper()
	files := epubContentDocuments(t, path)
	markers := 0
	for name, data := range files {
		for _, loc := range pageMarker.FindAllStringIndex(data, -1) {
			markers++
			before, after := data[:loc[0]], data[loc[1]:]
			if strings.Count(before, "<pre") > strings.Count(before, "</pre>") {
				t.Errorf("%s: a page marker inside preformatted text: …%s", name, excerpt(data, loc))
				continue
			}
			prev := neighbour(pageMarker.ReplaceAllString(before, ""), true)
			next := neighbour(pageMarker.ReplaceAllString(after, ""), false)
			if !betweenWords(prev, next) {
				t.Errorf("%s: a page marker between %q and %q: …%s", name, prev, next, excerpt(data, loc))
			}
		}
	}
	if markers < 300 {
		t.Fatalf("only %d page markers in %s", markers, path)
	}
	nav := epubMember(t, path, "EPUB/nav.xhtml")
	list := nav[strings.Index(nav, `epub:type="page-list"`):]
	list = list[:strings.Index(list, "</nav>")]
	if n := strings.Count(list, "<li>"); n != markers {
		t.Errorf("the page list has %d pages, the text %d markers", n, markers)
	}
}

func excerpt(data string, loc []int) string {
	return data[max(0, loc[0]-60):loc[0]] + "[MARK]" + data[loc[1]:min(len(data), loc[1]+60)]
}

// epubContentDocuments reads every XHTML document of an EPUB's text.
func epubContentDocuments(t *testing.T, path string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, name := range epubNames(t, path) {
		if strings.HasPrefix(name, "EPUB/xhtml/") && strings.HasSuffix(name, ".xhtml") {
			out[name] = epubMember(t, path, name)
		}
	}
	return out
}
