package notes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/doc"
)

func textInlines(s string) []doc.Inline {
	if s == "" {
		return nil
	}
	return []doc.Inline{&doc.Text{Text: s}}
}

// endsSentence reports whether s already ends with closing punctuation.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "”’\"' ")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!")
}

// withStop ends s with a full stop unless it already ends a sentence.
func withStop(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || endsSentence(s) {
		return s
	}
	return s + "."
}

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// walkInlinesAt visits the inline content of blocks depth first, each
// inline with the place of the block it is in, in file.
func walkInlinesAt(blocks []doc.Block, file string, visit func(in doc.Inline, pos doc.Pos) bool) {
	var pos doc.Pos
	doc.Walk(blocks, doc.Visitor{
		Block: func(b doc.Block) bool {
			if b != nil {
				pos = posIn(b.Position(), file)
			}
			return true
		},
		Inline: func(in doc.Inline) bool { return visit(in, pos) },
	})
}
