package xhtml

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/markdown"
)

// checkMarkdownXHTML parses src as a chapter and checks that its body is
// written as want, and is well-formed.
func checkMarkdownXHTML(t *testing.T, src, want string) {
	t.Helper()
	ch, err := markdown.Parse([]byte(src), "ch.md")
	if err != nil {
		t.Fatal(err)
	}
	w := &Writer{}
	NewBody(w, &page{}, Options{}).Blocks(ch.Blocks, false)
	got := string(w.Bytes())
	if got != want {
		t.Errorf("source:\n%s\ngot:\n%q\nwant:\n%q", src, got, want)
	}
	dec := xml.NewDecoder(strings.NewReader("<body>" + got + "</body>"))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, got)
		}
	}
}
