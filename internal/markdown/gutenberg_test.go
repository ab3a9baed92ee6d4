package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFindGutenberg: the header and footer are found by their IDs or by
// their START and END lines, and nothing else is taken for them.
func TestFindGutenberg(t *testing.T) {
	tests := []struct {
		name, body, want string // want: the book's text kept
		header, footer   bool
	}{
		{"no Gutenberg", "<p>Text.</p>", "<p>Text.</p>", false, false},
		{"the name alone", "<p>Read at Project Gutenberg.</p>", "<p>Read at Project Gutenberg.</p>", false, false},
		{"sections by ID",
			`<section id="pg-header"><p>Terms</p><div><span>*** START OF THE PROJECT GUTENBERG EBOOK X ***</span></div></section><p>Text.</p><section id="pg-footer"><div>*** END OF THE PROJECT GUTENBERG EBOOK X ***</div><p>Licence</p></section>`,
			"<p>Text.</p>", true, true},
		{"lines in pre",
			"<pre>Terms\n*** START OF THIS PROJECT GUTENBERG EBOOK X ***\n</pre><p>Text.</p><pre>*** END OF THIS PROJECT GUTENBERG EBOOK X ***\nLicence</pre>",
			"<p>Text.</p>", true, true},
		{"a line in a span is cut with its paragraph",
			"<p><span>*** START OF THE PROJECT GUTENBERG EBOOK X ***</span></p><p>Text.</p>",
			"<p>Text.</p>", true, false},
		{"lower case and no space",
			"<p>***start of the project gutenberg ebook x***</p><p>Text.</p>",
			"<p>Text.</p>", true, false},
		{"a header nested in a wrapper",
			`<div class="book"><div id="pg-header"><div id="pg-header">Terms</div></div><p>Text.</p></div>`,
			`<p>Text.</p></div>`, true, false},
		{"footer alone",
			"<p>Text.</p><p>*** END OF THE PROJECT GUTENBERG EBOOK X ***</p><p>Licence</p>",
			"<p>Text.</p>", false, true},
		{"footer before header: kept whole",
			"<p>*** END OF THE PROJECT GUTENBERG EBOOK X ***</p><p>Text.</p><p>*** START OF THE PROJECT GUTENBERG EBOOK X ***</p>",
			"<p>*** END OF THE PROJECT GUTENBERG EBOOK X ***</p><p>Text.</p><p>*** START OF THE PROJECT GUTENBERG EBOOK X ***</p>", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cut := findGutenberg(tt.body)
			if got := tt.body[cut.start:cut.end]; got != tt.want || cut.header != tt.header || cut.footer != tt.footer {
				t.Errorf("kept %q (header %v, footer %v), want %q (%v, %v)", got, cut.header, cut.footer, tt.want, tt.header, tt.footer)
			}
		})
	}
}

// FuzzFindGutenberg: whatever the body, what is kept is a part of it,
// and the places named for the message are inside it.
func FuzzFindGutenberg(f *testing.F) {
	for _, name := range []string{"gutenberg-1342.html", "gutenberg-old.htm", "page.html"} {
		if src, err := os.ReadFile(filepath.Join("testdata", "htmlfile", name)); err == nil {
			f.Add(string(src))
		}
	}
	f.Add("<pre>*** START OF THE PROJECT GUTENBERG EBOOK X ***")
	f.Add(`<div id="pg-footer"><div id="pg-header">*** END OF THE PROJECT GUTENBERG`)
	f.Fuzz(func(t *testing.T, body string) {
		cut := findGutenberg(body)
		if cut.start < 0 || cut.start > cut.end || cut.end > len(body) {
			t.Fatalf("kept [%d:%d] of %d bytes", cut.start, cut.end, len(body))
		}
		if !cut.header && cut.start != 0 || !cut.footer && cut.end != len(body) {
			t.Fatalf("kept [%d:%d] of %d bytes with header %v, footer %v", cut.start, cut.end, len(body), cut.header, cut.footer)
		}
		for _, at := range []int{cut.headerAt, cut.headerEndAt, cut.footerAt, cut.footerEndAt} {
			if at < 0 || at > len(body) {
				t.Fatalf("a place %d outside %d bytes", at, len(body))
			}
		}
		if cut.header || cut.footer {
			if !strings.Contains(strings.ToUpper(body), "GUTENBERG") && !strings.Contains(body, "pg-") {
				t.Fatalf("a header or footer found in %q", body)
			}
		}
	})
}
