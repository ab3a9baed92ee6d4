package markdown

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/lang"
)

// langTag checks a language the author marked ({lang=ru}, lang="ru") and
// returns its canonical tag; one that is no BCP 47 tag is reported at line
// and ignored, so the text keeps the language around it.
func (c *converter) langTag(raw string, line int) string {
	raw = strings.TrimSpace(cleanText(raw))
	if raw == "" {
		return ""
	}
	tag, err := lang.Normalize(raw)
	if err != nil {
		c.warn(line, "lang.invalid", fmt.Sprintf("%v; the text keeps the language around it", err))
		return ""
	}
	return tag
}

// htmlLang is the language an HTML element marks: its lang attribute, else
// xml:lang (which XHTML pasted into Markdown carries).
func (h *htmlConv) htmlLang(n *html.Node) string {
	raw, ok := attr(n, "lang")
	if !ok {
		for _, a := range n.Attr {
			if a.Key == "xml:lang" || (a.Namespace == "xml" && a.Key == "lang") {
				raw = a.Val
			}
		}
	}
	return h.c.langTag(raw, h.line)
}

// withLang gives the content an element made the element's language: each
// block takes it unless it marks its own, and each run of inline content
// goes in a span that carries it.
func withLang(tag string, items []item) []item {
	if tag == "" {
		return items
	}
	span := func(run []doc.Inline) doc.Inline {
		if sp, ok := run[0].(*doc.Span); ok && len(run) == 1 && sp.Lang == "" && sp.ID == "" {
			sp.Lang = tag // the element's own span carries it
			return sp
		}
		return &doc.Span{Lang: tag, Content: run}
	}
	return eachRun(items, span, func(b doc.Block) {
		if b := b.Base(); b.Lang == "" {
			b.Lang = tag
		}
	})
}
